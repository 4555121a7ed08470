import SOPCore

/// A regular expression in RE2 syntax, as CEL's `matches()` uses, matched in time linear in the text.
///
/// The engine is a Pike virtual machine over Unicode scalars: no backtracking, so no pattern can make
/// a match take exponential time. It supports literals, `.`, classes (`[a-z]`, `[^0-9]`, `\d \w \s`,
/// `[[:alpha:]]`), groups (`(...)`, `(?:...)`, `(?P<name>...)`), alternation, the repetitions
/// `* + ? {n} {n,} {n,m}` (lazy forms too), anchors `^ $ \A \z \b \B` and the flags `i`, `m`, `s`.
/// Backreferences and lookaround, which RE2 does not have either, are errors.
struct Pattern: Hashable, Sendable {
    /// The longest pattern, in Unicode scalars.
    static let maximumLength = 200
    /// The longest text `matches()` searches, in Unicode scalars.
    static let maximumTextLength = 10_000
    /// The most instructions a compiled pattern may have (bounds the time per character of text).
    static let maximumProgramSize = 1_000

    /// Why a pattern cannot be used, and where in it (an offset in scalars).
    struct Failure: Error, Sendable {
        var message: Text
        var offset: Int
    }

    /// The pattern as written.
    let source: String
    private let program: [Instruction]

    /// Compiles a pattern.
    init(_ source: String) throws(Failure) {
        let scalars = Array(source.unicodeScalars)
        guard scalars.count <= Self.maximumLength else {
            throw Failure(message: Text(
                id: "ekspresi reguler terlalu panjang (\(scalars.count) karakter; paling banyak \(Self.maximumLength))",
                en: "the regular expression is too long (\(scalars.count) characters; at most \(Self.maximumLength))"),
                          offset: Self.maximumLength)
        }
        var parser = PatternParser(scalars: scalars)
        let tree = try parser.parse()
        var compiler = PatternCompiler()
        try compiler.compile(tree)
        try compiler.emit(.match)
        self.source = source
        self.program = compiler.program
    }

    static func == (lhs: Pattern, rhs: Pattern) -> Bool { lhs.source == rhs.source }
    func hash(into hasher: inout Hasher) { hasher.combine(source) }

    /// Whether the pattern matches somewhere in `text` (RE2's partial match, as CEL's `matches()`).
    func matches(_ text: String) -> Bool {
        let input = Array(text.unicodeScalars)
        var current: [Int] = []
        var next: [Int] = []
        current.reserveCapacity(program.count)
        next.reserveCapacity(program.count)
        var marks = [Int](repeating: -1, count: program.count)
        var stack: [Int] = []
        for position in 0...input.count {
            if addClosure(from: 0, at: position, in: input, to: &current, marks: &marks, stack: &stack) { return true }
            if position == input.count { break }
            let scalar = input[position]
            next.removeAll(keepingCapacity: true)
            for pc in current where program[pc].accepts(scalar) {
                if addClosure(from: pc + 1, at: position + 1, in: input, to: &next, marks: &marks, stack: &stack) {
                    return true
                }
            }
            swap(&current, &next)
        }
        return false
    }

    /// Adds the threads reachable from `start` without consuming text; true when one reaches a match.
    private func addClosure(
        from start: Int, at position: Int, in input: [Unicode.Scalar],
        to list: inout [Int], marks: inout [Int], stack: inout [Int]
    ) -> Bool {
        stack.removeAll(keepingCapacity: true)
        stack.append(start)
        while let pc = stack.popLast() {
            if marks[pc] == position { continue }
            marks[pc] = position
            switch program[pc] {
            case .jump(let target):
                stack.append(target)
            case .split(let first, let second):
                stack.append(second)
                stack.append(first)
            case .assertion(let assertion):
                if assertion.holds(at: position, in: input) { stack.append(pc + 1) }
            case .match:
                return true
            default:
                list.append(pc)
            }
        }
        return false
    }
}

// MARK: - Program

/// A zero-width test at a position of the text.
enum PatternAssertion: Hashable, Sendable {
    case textStart, textEnd, lineStart, lineEnd, wordBoundary, notWordBoundary

    func holds(at position: Int, in input: [Unicode.Scalar]) -> Bool {
        let before = position > 0 ? input[position - 1] : nil
        let after = position < input.count ? input[position] : nil
        switch self {
        case .textStart: return position == 0
        case .textEnd: return position == input.count
        case .lineStart: return before == nil || before == "\n"
        case .lineEnd: return after == nil || after == "\n"
        case .wordBoundary: return Self.isWord(before) != Self.isWord(after)
        case .notWordBoundary: return Self.isWord(before) == Self.isWord(after)
        }
    }

    private static func isWord(_ scalar: Unicode.Scalar?) -> Bool {
        guard let scalar else { return false }
        return ScalarSet.word.contains(where: { $0.contains(scalar.value) })
    }
}

/// A set of scalars: ranges, possibly negated, possibly ignoring case.
struct ScalarSet: Hashable, Sendable {
    var ranges: [ClosedRange<UInt32>]
    var isNegated = false
    var ignoresCase = false

    static let digit: [ClosedRange<UInt32>] = [0x30...0x39]
    static let word: [ClosedRange<UInt32>] = [0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A]
    static let space: [ClosedRange<UInt32>] = [0x09...0x0A, 0x0C...0x0D, 0x20...0x20]

    /// The POSIX classes of `[[:name:]]`, ASCII only as in RE2.
    static let posix: [String: [ClosedRange<UInt32>]] = [
        "alnum": [0x30...0x39, 0x41...0x5A, 0x61...0x7A],
        "alpha": [0x41...0x5A, 0x61...0x7A],
        "ascii": [0x00...0x7F],
        "blank": [0x09...0x09, 0x20...0x20],
        "cntrl": [0x00...0x1F, 0x7F...0x7F],
        "digit": [0x30...0x39],
        "graph": [0x21...0x7E],
        "lower": [0x61...0x7A],
        "print": [0x20...0x7E],
        "punct": [0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E],
        "space": [0x09...0x0D, 0x20...0x20],
        "upper": [0x41...0x5A],
        "word": word,
        "xdigit": [0x30...0x39, 0x41...0x46, 0x61...0x66],
    ]

    /// The scalars not in `ranges`.
    static func complement(_ ranges: [ClosedRange<UInt32>]) -> [ClosedRange<UInt32>] {
        var result: [ClosedRange<UInt32>] = []
        var next: UInt32 = 0
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if range.lowerBound > next { result.append(next...(range.lowerBound - 1)) }
            if range.upperBound >= next { next = range.upperBound + 1 }
        }
        if next <= 0x10FFFF { result.append(next...0x10FFFF) }
        return result
    }

    func contains(_ scalar: Unicode.Scalar) -> Bool {
        var found = ranges.contains { $0.contains(scalar.value) }
        if !found && ignoresCase {
            let lower = caseFolded(scalar)
            let upper = uppercased(scalar)
            found = ranges.contains { $0.contains(lower) || $0.contains(upper) }
        }
        return found != isNegated
    }
}

/// The simple lowercase of a scalar (itself when lowercasing would give several scalars).
func caseFolded(_ scalar: Unicode.Scalar) -> UInt32 {
    if scalar.value < 0x80 {
        return ("A"..."Z").contains(scalar) ? scalar.value + 32 : scalar.value
    }
    let lower = scalar.properties.lowercaseMapping.unicodeScalars
    return lower.count == 1 ? lower.first!.value : scalar.value
}

private func uppercased(_ scalar: Unicode.Scalar) -> UInt32 {
    if scalar.value < 0x80 {
        return ("a"..."z").contains(scalar) ? scalar.value - 32 : scalar.value
    }
    let upper = scalar.properties.uppercaseMapping.unicodeScalars
    return upper.count == 1 ? upper.first!.value : scalar.value
}

/// One instruction of the Pike machine.
enum Instruction: Sendable {
    case scalar(UInt32)
    case scalarIgnoringCase(UInt32)
    case any
    case anyExceptNewline
    case set(ScalarSet)
    case assertion(PatternAssertion)
    case split(Int, Int)
    case jump(Int)
    case match

    /// Whether a consuming instruction accepts `scalar`.
    func accepts(_ scalar: Unicode.Scalar) -> Bool {
        switch self {
        case .scalar(let value): scalar.value == value
        case .scalarIgnoringCase(let value): caseFolded(scalar) == value
        case .any: true
        case .anyExceptNewline: scalar != "\n"
        case .set(let set): set.contains(scalar)
        default: false
        }
    }
}

// MARK: - Syntax tree

indirect enum PatternNode {
    case empty
    case scalar(Unicode.Scalar, ignoresCase: Bool)
    case any(matchesNewline: Bool)
    case set(ScalarSet)
    case assertion(PatternAssertion)
    case concatenation([PatternNode])
    case alternation([PatternNode])
    case repetition(PatternNode, minimum: Int, maximum: Int?)
}

struct PatternCompiler {
    private(set) var program: [Instruction] = []
    /// Nodes compiled so far. Repeating an item that emits nothing (`(){1000}`) adds no
    /// instructions, so the program size alone cannot bound compile time: this count does.
    private var work = 0
    /// The most nodes one pattern may compile, repetitions expanded.
    static let maximumWork = 20_000

    @discardableResult
    mutating func emit(_ instruction: Instruction) throws(Pattern.Failure) -> Int {
        guard program.count < Pattern.maximumProgramSize else {
            throw Pattern.Failure(message: Text(
                id: "ekspresi reguler terlalu rumit",
                en: "the regular expression is too complex"), offset: 0)
        }
        program.append(instruction)
        return program.count - 1
    }

    mutating func compile(_ node: PatternNode) throws(Pattern.Failure) {
        work += 1
        guard work <= Self.maximumWork else {
            throw Pattern.Failure(message: Text(
                id: "ekspresi reguler terlalu rumit",
                en: "the regular expression is too complex"), offset: 0)
        }
        switch node {
        case .empty:
            break
        case .scalar(let scalar, let ignoresCase):
            let folded = caseFolded(scalar)
            if ignoresCase && (folded != scalar.value || uppercased(scalar) != scalar.value) {
                try emit(.scalarIgnoringCase(folded))
            } else {
                try emit(.scalar(scalar.value))
            }
        case .any(let matchesNewline):
            try emit(matchesNewline ? .any : .anyExceptNewline)
        case .set(let set):
            try emit(.set(set))
        case .assertion(let assertion):
            try emit(.assertion(assertion))
        case .concatenation(let items):
            for item in items { try compile(item) }
        case .alternation(let branches):
            var jumps: [Int] = []
            for (index, branch) in branches.enumerated() {
                if index < branches.count - 1 {
                    let split = try emit(.split(0, 0))
                    try compile(branch)
                    jumps.append(try emit(.jump(0)))
                    program[split] = .split(split + 1, program.count)
                } else {
                    try compile(branch)
                }
            }
            for jump in jumps { program[jump] = .jump(program.count) }
        case .repetition(let item, let minimum, let maximum):
            for _ in 0..<minimum { try compile(item) }
            if let maximum {
                var splits: [Int] = []
                for _ in minimum..<maximum {
                    splits.append(try emit(.split(0, 0)))
                    try compile(item)
                }
                for split in splits { program[split] = .split(split + 1, program.count) }
            } else {
                let split = try emit(.split(0, 0))
                try compile(item)
                try emit(.jump(split))
                program[split] = .split(split + 1, program.count)
            }
        }
    }
}

// MARK: - Parser

/// Parses RE2 syntax into a `PatternNode`.
struct PatternParser {
    private struct Flags {
        var ignoresCase = false
        var dotMatchesNewline = false
        var multiline = false
    }

    let scalars: [Unicode.Scalar]
    private var position = 0
    private var depth = 0

    init(scalars: [Unicode.Scalar]) {
        self.scalars = scalars
    }

    private func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
        position + ahead < scalars.count ? scalars[position + ahead] : nil
    }

    private func failure(_ message: Text, at offset: Int? = nil) -> Pattern.Failure {
        Pattern.Failure(message: message, offset: offset ?? position)
    }

    mutating func parse() throws(Pattern.Failure) -> PatternNode {
        var flags = Flags()
        let node = try parseAlternation(&flags)
        if position < scalars.count {
            throw failure(Text(id: "')' tanpa pasangan '('", en: "unexpected ')' with no matching '('"))
        }
        return node
    }

    private mutating func parseAlternation(_ flags: inout Flags) throws(Pattern.Failure) -> PatternNode {
        var branches = [try parseConcatenation(&flags)]
        while peek() == "|" {
            position += 1
            branches.append(try parseConcatenation(&flags))
        }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    private mutating func parseConcatenation(_ flags: inout Flags) throws(Pattern.Failure) -> PatternNode {
        var items: [PatternNode] = []
        while let scalar = peek(), scalar != "|", scalar != ")" {
            guard var atom = try parseAtom(&flags) else { continue }
            if let (minimum, maximum) = try parseRepetition() {
                atom = .repetition(atom, minimum: minimum, maximum: maximum)
                if peek() == "?" { position += 1 }
                if let next = peek(), next == "*" || next == "+" || next == "?" || (next == "{" && repetitionAhead()) {
                    throw failure(Text(
                        id: "operator pengulangan salah: pengulangan tidak dapat diulang",
                        en: "bad repetition operator: a repetition cannot be repeated"))
                }
            }
            items.append(atom)
        }
        switch items.count {
        case 0: return .empty
        case 1: return items[0]
        default: return .concatenation(items)
        }
    }

    /// `*`, `+`, `?` or `{n}`, `{n,}`, `{n,m}` at the current position, consumed; nil if there is none.
    private mutating func parseRepetition() throws(Pattern.Failure) -> (Int, Int?)? {
        switch peek() {
        case "*":
            position += 1
            return (0, nil)
        case "+":
            position += 1
            return (1, nil)
        case "?":
            position += 1
            return (0, 1)
        case "{":
            guard repetitionAhead() else { return nil }
            let start = position
            position += 1
            let minimum = readNumber()
            var maximum: Int? = minimum
            if peek() == "," {
                position += 1
                maximum = peek() == "}" ? nil : readNumber()
            }
            position += 1
            guard minimum <= 1000, (maximum ?? 0) <= 1000 else {
                throw failure(Text(
                    id: "operator pengulangan salah: jumlah paling banyak 1000",
                    en: "bad repetition operator: counts go up to 1000"), at: start)
            }
            if let maximum, maximum < minimum {
                throw failure(Text(
                    id: "operator pengulangan salah: batas bawah lebih besar dari batas atas",
                    en: "bad repetition operator: the minimum is larger than the maximum"), at: start)
            }
            return (minimum, maximum)
        default:
            return nil
        }
    }

    /// Whether `{n}`, `{n,}` or `{n,m}` starts at the current position.
    private func repetitionAhead() -> Bool {
        var index = position + 1
        func digits() -> Bool {
            let start = index
            while index < scalars.count, ("0"..."9").contains(scalars[index]) { index += 1 }
            return index > start
        }
        guard digits() else { return false }
        if index < scalars.count, scalars[index] == "," {
            index += 1
            _ = digits()
        }
        return index < scalars.count && scalars[index] == "}"
    }

    private mutating func readNumber() -> Int {
        var value = 0
        while let scalar = peek(), ("0"..."9").contains(scalar) {
            value = min(100_000, value * 10 + Int(scalar.value - 48))
            position += 1
        }
        return value
    }

    /// One atom; nil for a group that only sets flags, like `(?i)`.
    private mutating func parseAtom(_ flags: inout Flags) throws(Pattern.Failure) -> PatternNode? {
        let scalar = scalars[position]
        switch scalar {
        case "(":
            return try parseGroup(&flags)
        case "[":
            return .set(try parseClass(ignoresCase: flags.ignoresCase))
        case ".":
            position += 1
            return .any(matchesNewline: flags.dotMatchesNewline)
        case "^":
            position += 1
            return .assertion(flags.multiline ? .lineStart : .textStart)
        case "$":
            position += 1
            return .assertion(flags.multiline ? .lineEnd : .textEnd)
        case "\\":
            return try parseEscape(ignoresCase: flags.ignoresCase)
        case "*", "+", "?":
            throw failure(Text(
                id: "operator pengulangan '\(scalar)' tidak memiliki argumen",
                en: "missing argument to repetition operator '\(scalar)'"))
        case "{" where repetitionAhead():
            throw failure(Text(id: "operator pengulangan '{' tidak memiliki argumen", en: "missing argument to repetition operator '{'"))
        default:
            position += 1
            return .scalar(scalar, ignoresCase: flags.ignoresCase)
        }
    }

    private mutating func parseGroup(_ flags: inout Flags) throws(Pattern.Failure) -> PatternNode? {
        let start = position
        position += 1
        depth += 1
        defer { depth -= 1 }
        guard depth <= 50 else { throw failure(Text(
            id: "ekspresi reguler bertingkat terlalu dalam",
            en: "the regular expression is nested too deeply"), at: start) }
        var inner = flags
        if peek() == "?" {
            position += 1
            switch peek() {
            case ":":
                position += 1
            case "P" where peek(1) == "<", "<" where peek(1) != "=" && peek(1) != "!":
                position += peek() == "P" ? 2 : 1
                let nameStart = position
                while let scalar = peek(), Lexer.isIdentifierPart(scalar) { position += 1 }
                guard position > nameStart, peek() == ">" else { throw failure(Text(
                    id: "nama grup tidak sah",
                    en: "invalid group name"), at: start) }
                position += 1
            case "=", "!", "<":
                throw failure(Text(
                    id: "lookahead dan lookbehind tidak didukung",
                    en: "lookahead and lookbehind are not supported"), at: start)
            default:
                var isOn = true
                var sawFlag = false
                while true {
                    guard let scalar = peek() else { throw failure(Text(
                        id: "')' penutup tidak ada",
                        en: "missing closing ')'"), at: start) }
                    position += 1
                    switch scalar {
                    case "i": inner.ignoresCase = isOn; sawFlag = true
                    case "s": inner.dotMatchesNewline = isOn; sawFlag = true
                    case "m": inner.multiline = isOn; sawFlag = true
                    case "-" where isOn: isOn = false
                    case ")" where sawFlag:
                        flags = inner
                        return nil
                    case ":" where sawFlag:
                        break
                    default:
                        throw failure(Text(
                            id: "penanda grup tidak sah atau tidak didukung",
                            en: "invalid or unsupported group flags"), at: start)
                    }
                    if scalar == ":" { break }
                }
            }
        }
        let node = try parseAlternation(&inner)
        guard peek() == ")" else { throw failure(Text(id: "')' penutup tidak ada", en: "missing closing ')'"), at: start) }
        position += 1
        return node
    }

    private mutating func parseEscape(ignoresCase: Bool) throws(Pattern.Failure) -> PatternNode {
        let start = position
        guard let code = peek(1) else { throw failure(Text(
            id: "ekspresi reguler diakhiri garis miring terbalik",
            en: "the regular expression ends with a backslash")) }
        switch code {
        case "b": position += 2; return .assertion(.wordBoundary)
        case "B": position += 2; return .assertion(.notWordBoundary)
        case "A": position += 2; return .assertion(.textStart)
        case "z": position += 2; return .assertion(.textEnd)
        default:
            switch try parseClassEscape() {
            case .scalar(let scalar): return .scalar(scalar, ignoresCase: ignoresCase)
            case .ranges(let ranges, let isNegated):
                return .set(ScalarSet(ranges: ranges, isNegated: isNegated, ignoresCase: false))
            case nil: throw failure(Text(id: "urutan escape '\\\(code)' tidak sah", en: "invalid escape sequence '\\\(code)'"), at: start)
            }
        }
    }

    private enum ClassItem {
        case scalar(Unicode.Scalar)
        case ranges([ClosedRange<UInt32>], isNegated: Bool)
    }

    /// An escape that may appear both inside and outside a class, consumed; nil if it is not one.
    private mutating func parseClassEscape() throws(Pattern.Failure) -> ClassItem? {
        let start = position
        guard let code = peek(1) else { throw failure(Text(
            id: "ekspresi reguler diakhiri garis miring terbalik",
            en: "the regular expression ends with a backslash")) }
        position += 2
        switch code {
        case "d": return .ranges(ScalarSet.digit, isNegated: false)
        case "D": return .ranges(ScalarSet.digit, isNegated: true)
        case "w": return .ranges(ScalarSet.word, isNegated: false)
        case "W": return .ranges(ScalarSet.word, isNegated: true)
        case "s": return .ranges(ScalarSet.space, isNegated: false)
        case "S": return .ranges(ScalarSet.space, isNegated: true)
        case "n": return .scalar("\n")
        case "t": return .scalar("\t")
        case "r": return .scalar("\r")
        case "f": return .scalar("\u{0C}")
        case "v": return .scalar("\u{0B}")
        case "a": return .scalar("\u{07}")
        case "x":
            var digits = ""
            if peek() == "{" {
                position += 1
                while let scalar = peek(), scalar != "}" {
                    digits.unicodeScalars.append(scalar)
                    position += 1
                }
                guard peek() == "}" else { throw failure(Text(
                    id: "urutan escape '\\x{' tidak sah",
                    en: "invalid escape sequence '\\x{'"), at: start) }
                position += 1
            } else {
                for _ in 0..<2 {
                    guard let scalar = peek() else { break }
                    digits.unicodeScalars.append(scalar)
                    position += 1
                }
            }
            guard !digits.isEmpty, digits.count <= 8, let value = UInt32(digits, radix: 16),
                  let scalar = Unicode.Scalar(value) else {
                throw failure(Text(id: "urutan escape '\\x' tidak sah", en: "invalid escape sequence '\\x'"), at: start)
            }
            return .scalar(scalar)
        case "1"..."9":
            throw failure(Text(id: "rujukan balik (backreference) tidak didukung", en: "backreferences are not supported"), at: start)
        case "p", "P":
            throw failure(Text(id: "kelas Unicode ('\\p') tidak didukung", en: "Unicode classes ('\\p') are not supported"), at: start)
        default:
            if code.isASCII && !Lexer.isIdentifierPart(code) && code.value > 0x20 {
                return .scalar(code)
            }
            position = start
            return nil
        }
    }

    private mutating func parseClass(ignoresCase: Bool) throws(Pattern.Failure) -> ScalarSet {
        let start = position
        position += 1
        var set = ScalarSet(ranges: [], ignoresCase: ignoresCase)
        if peek() == "^" {
            set.isNegated = true
            position += 1
        }
        var isFirst = true
        while true {
            guard let scalar = peek() else { throw failure(Text(id: "']' penutup tidak ada", en: "missing closing ']'"), at: start) }
            if scalar == "]" && !isFirst {
                position += 1
                return set
            }
            isFirst = false
            if scalar == "[" && peek(1) == ":" {
                let nameStart = position + 2
                var end = nameStart
                while end + 1 < scalars.count, !(scalars[end] == ":" && scalars[end + 1] == "]") { end += 1 }
                guard end + 1 < scalars.count else { throw failure(Text(
                    id: "':]' penutup tidak ada",
                    en: "missing closing ':]'"), at: position) }
                var name = String(String.UnicodeScalarView(scalars[nameStart..<end]))
                let isNegated = name.hasPrefix("^")
                if isNegated { name.removeFirst() }
                guard let ranges = ScalarSet.posix[name] else {
                    throw failure(Text(
                        id: "kelas karakter '[:\(name):]' tidak dikenal",
                        en: "unknown character class '[:\(name):]'"), at: position)
                }
                set.ranges += isNegated ? ScalarSet.complement(ranges) : ranges
                position = end + 2
                continue
            }
            let itemStart = position
            let low: Unicode.Scalar
            switch try parseClassItem() {
            case .ranges(let ranges, let isNegated):
                set.ranges += isNegated ? ScalarSet.complement(ranges) : ranges
                continue
            case .scalar(let scalar):
                low = scalar
            }
            if peek() == "-", let after = peek(1), after != "]" {
                position += 1
                guard case .scalar(let high) = try parseClassItem(), low.value <= high.value else {
                    throw failure(Text(id: "rentang kelas karakter tidak sah", en: "invalid character class range"), at: itemStart)
                }
                set.ranges.append(low.value...high.value)
            } else {
                set.ranges.append(low.value...low.value)
            }
        }
    }

    private mutating func parseClassItem() throws(Pattern.Failure) -> ClassItem {
        let scalar = scalars[position]
        if scalar == "\\" {
            let start = position
            guard let item = try parseClassEscape() else {
                throw failure(Text(
                    id: "urutan escape '\\\(peek(1).map(String.init) ?? "")' tidak sah",
                    en: "invalid escape sequence '\\\(peek(1).map(String.init) ?? "")'"), at: start)
            }
            return item
        }
        position += 1
        return .scalar(scalar)
    }
}

import SOPCore
import SOPModel
import SOPRules
import SOPYAML

/// Collects the diagnostics of one file while its node tree is turned into a model.
final class LoadContext {
    let file: String
    let text: String
    private(set) var diagnostics: [Diagnostic] = []
    /// The file's lines, split when a rule error first needs them.
    private var sourceLines: [[Unicode.Scalar]]?

    init(file: String, text: String) {
        self.file = file
        self.text = text
    }

    func report(_ code: DiagnosticCode, at location: SourceLocation, _ message: Text, hint: Text? = nil, notes: [Diagnostic.Note] = []) {
        diagnostics.append(Diagnostic(code, at: location, message, hint: hint, notes: notes))
    }

    /// "a list", "text", "a mapping" for messages, in both languages.
    static func describe(_ node: YAMLNode) -> Text {
        switch node.content {
        case .scalar: node.isNull ? Text(id: "kosong", en: "nothing") : Text(id: "teks", en: "text")
        case .sequence: Text(id: "daftar", en: "a list")
        case .mapping: Text(id: "pemetaan", en: "a mapping")
        }
    }

    // MARK: Mappings

    /// The entries of a mapping with only the allowed keys; unknown keys are reported (unless
    /// `allowingAnyKey`, for a mapping whose keys are names: fields, documents).
    func mapping(_ node: YAMLNode, keys: [String], what: Text, allowingAnyKey: Bool = false) -> Mapping? {
        guard case .mapping(let entries) = node.content else {
            let found = Self.describe(node)
            report(.wrongType, at: node.location,
                Text(id: "\(what.id) harus berupa pemetaan, ditemukan \(found.id)", en: "\(what.en) must be a mapping, found \(found.en)"),
                hint: Text(
                    id: "tulis sebagai baris `kunci: nilai` yang menjorok di bawahnya",
                    en: "write it as `key: value` lines indented under it"))
            return nil
        }
        for entry in entries where !allowingAnyKey && !keys.contains(entry.key) {
            let allowed = keys.joined(separator: ", ")
            let hint = Spelling.didYouMean(entry.key, among: keys)
                ?? Text(id: "yang diperbolehkan di sini: \(allowed)", en: "allowed here: \(allowed)")
            report(.unknownKey, at: entry.keyLocation,
                Text(id: "kunci '\(entry.key)' tidak dikenal di \(what.id)", en: "unknown key '\(entry.key)' in \(what.en)"), hint: hint)
        }
        return Mapping(node: node, entries: entries, what: what, context: self)
    }

    /// The items of a list; nil (reported) for anything else. `nothing` gives an empty list.
    func sequence(_ node: YAMLNode, what: Text) -> [YAMLNode]? {
        switch node.content {
        case .sequence(let items): return items
        case .scalar where node.isNull: return []
        default:
            let found = Self.describe(node)
            report(.wrongType, at: node.location,
                Text(id: "\(what.id) harus berupa daftar, ditemukan \(found.id)", en: "\(what.en) must be a list, found \(found.en)"),
                hint: Text(
                    id: "tulis setiap butir pada barisnya sendiri, diawali `- `",
                    en: "write each item on its own line starting with `- `"))
            return nil
        }
    }

    // MARK: Scalars

    /// Non-empty text.
    func text(_ node: YAMLNode, what: Text) -> String? {
        guard case .scalar(let value, _) = node.content, !node.isNull else {
            let found = Self.describe(node)
            report(.wrongType, at: node.location,
                Text(id: "\(what.id) harus berupa teks, ditemukan \(found.id)", en: "\(what.en) must be text, found \(found.en)"))
            return nil
        }
        let trimmed = value.trimmedWhitespace
        guard !trimmed.isEmpty else {
            report(.invalidValue, at: node.location, Text(id: "\(what.id) kosong", en: "\(what.en) is empty"))
            return nil
        }
        return trimmed
    }

    func integer(_ node: YAMLNode, what: Text) -> Int? {
        guard case .scalar(let value, let style) = node.content, style == .plain, !node.isNull,
            value.count <= 9, let number = Int(value)
        else {
            let found = Self.describe(node)
            let value = node.scalar ?? ""
            report(.wrongType, at: node.location,
                Text(
                    id: "\(what.id) harus berupa bilangan bulat, ditemukan \(found.id) '\(value)'",
                    en: "\(what.en) must be a whole number, found \(found.en) '\(value)'"))
            return nil
        }
        return number
    }

    func boolean(_ node: YAMLNode, what: Text) -> Bool? {
        if case .scalar(let value, .plain) = node.content {
            switch value {
            case "true", "True", "TRUE": return true
            case "false", "False", "FALSE": return false
            default: break
            }
        }
        let found = Self.describe(node)
        let value = node.scalar ?? ""
        report(.wrongType, at: node.location,
            Text(
                id: "\(what.id) harus bernilai true atau false, ditemukan \(found.id) '\(value)'",
                en: "\(what.en) must be true or false, found \(found.en) '\(value)'"))
        return nil
    }

    func date(_ node: YAMLNode, what: Text) -> Located<CivilDate>? {
        guard let value = text(node, what: what) else { return nil }
        guard let date = CivilDate(value) else {
            report(.invalidDate, at: node.location, Text(
                id: "\(what.id) '\(value)' bukan tanggal",
                en: "\(what.en) '\(value)' is not a date"))
            return nil
        }
        return Located(date, at: node.location)
    }

    func budget(_ node: YAMLNode, what: Text, hint: Text? = nil) -> Located<Budget>? {
        guard let value = text(node, what: what) else { return nil }
        guard let budget = Budget(parsing: value) else {
            report(.unreadableBudget, at: node.location, Text(
                id: "\(what.id) '\(value)' tidak terbaca",
                en: "cannot read \(what.en) '\(value)'"), hint: hint)
            return nil
        }
        return Located(budget, at: node.location)
    }

    func textList(_ node: YAMLNode, what: Text) -> [String] {
        (sequence(node, what: what) ?? []).compactMap { text($0, what: .item(of: what)) }
    }

    /// An id: lowercase letters, digits and hyphens (underscores instead of hyphens for fields).
    func identifier<Tag>(_ node: YAMLNode, what: Text, style: IdentifierStyle = .hyphen) -> Located<Identifier<Tag>>? {
        guard let value = text(node, what: what) else { return nil }
        return identifier(value, at: node.location, what: what, style: style)
    }

    func identifier<Tag>(_ value: String, at location: SourceLocation, what: Text, style: IdentifierStyle = .hyphen) -> Located<Identifier<Tag>>? {
        guard style.accepts(value) else {
            report(.invalidID, at: location,
                Text(id: "\(what.id) '\(value)' bukan id yang sah", en: "\(what.en) '\(value)' is not a valid id"), hint: style.hint)
            return nil
        }
        return Located(Identifier(value), at: location)
    }

    // MARK: Rules

    /// Compiles a rule and maps its errors to positions inside the YAML scalar.
    func rule(_ node: YAMLNode, what: Text, in environment: RuleEnvironment) -> Rule? {
        guard text(node, what: what) != nil, case .scalar(let raw, let style) = node.content else { return nil }
        switch RuleCompiler.compile(raw, in: environment) {
        case .success(let rule):
            return rule
        case .failure(let errors):
            for error in errors {
                let code: DiagnosticCode = error.kind == .syntax ? .ruleSyntax : .ruleType
                if let location = ruleLocation(of: error.offset, in: raw, style: style, node: node) {
                    report(code, at: location, what + Text(verbatim: ": ") + error.message, hint: error.hint)
                } else {
                    // The text was folded or unescaped on its way from the file: point at the rule.
                    let character = error.offset + 1
                    report(code, at: node.location,
                        what + Text(verbatim: ": ") + error.message
                            + Text(id: " (pada karakter ke-\(character) aturan)", en: " (at character \(character) of the rule)"),
                        hint: error.hint)
                }
            }
            return nil
        }
    }

    /// The file position of a character of a scalar's text, when the text stands in the file as
    /// it is (nil when folding or escapes changed it, so that no position would be a guess).
    func ruleLocation(of offset: Int, in raw: String, style: ScalarStyle, node: YAMLNode) -> SourceLocation? {
        let rawLines = raw.split(separator: "\n", omittingEmptySubsequences: false)
        var remaining = max(0, offset)
        var lineIndex = 0
        while lineIndex < rawLines.count - 1 && remaining > rawLines[lineIndex].unicodeScalars.count {
            remaining -= rawLines[lineIndex].unicodeScalars.count + 1
            lineIndex += 1
        }
        let content = Array(rawLines[lineIndex].unicodeScalars)
        switch style {
        case .plain, .singleQuoted, .doubleQuoted:
            // Exact when the text up to and including the character stands on the first line as
            // it is; escapes or line folding after it do not move it.
            guard lineIndex == 0, let line = sourceLine(node.location.line) else { return nil }
            let start = node.location.column - 1 + (style == .plain ? 0 : 1)
            let prefix = content.prefix(remaining + 1)
            guard start >= 0, start + prefix.count <= line.count,
                Array(line[start..<(start + prefix.count)]) == Array(prefix)
            else { return nil }
            return SourceLocation(file: file, line: node.location.line, column: start + 1 + remaining)
        case .literal:
            // Lines are kept as written: each text line is the end of its line in the file.
            let lineNumber = node.location.line + 1 + lineIndex
            guard let line = sourceLine(lineNumber), line.count >= content.count,
                Array(line[(line.count - content.count)...]) == content
            else { return nil }
            return SourceLocation(file: file, line: lineNumber, column: line.count - content.count + 1 + remaining)
        case .folded:
            return nil
        }
    }

    /// A line of the file as Unicode scalars (1-based; without its line break).
    private func sourceLine(_ number: Int) -> [Unicode.Scalar]? {
        if sourceLines == nil {
            sourceLines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                var scalars = Array(line.unicodeScalars)
                if scalars.last == "\r" { scalars.removeLast() }
                return scalars
            }
        }
        guard let lines = sourceLines, number >= 1, number <= lines.count else { return nil }
        return lines[number - 1]
    }
}

/// How an id may be spelled.
enum IdentifierStyle {
    /// `periksa-kelengkapan`: lowercase letters and digits, joined by single hyphens.
    case hyphen
    /// `nama_pelapor`: lowercase letters, digits and underscores (usable in rules).
    case underscore

    /// One pass over the bytes: this runs for every id of every file.
    func accepts(_ value: String) -> Bool {
        let bytes = value.utf8
        guard let first = bytes.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first), bytes.count <= 64
        else { return false }
        let separator = self == .hyphen ? UInt8(ascii: "-") : UInt8(ascii: "_")
        var previous: UInt8 = 0
        for byte in bytes {
            let isLetterOrDigit = (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            guard isLetterOrDigit || byte == separator else { return false }
            // Hyphens join words: none doubled, none at the end.
            if self == .hyphen && byte == separator && previous == separator { return false }
            previous = byte
        }
        return !(self == .hyphen && previous == separator)
    }

    var hint: Text {
        switch self {
        case .hyphen:
            Text(
                id: "gunakan huruf kecil, angka, dan tanda hubung, seperti `periksa-berkas`",
                en: "use lowercase letters, digits and hyphens, like `periksa-berkas`")
        case .underscore:
            Text(
                id: "id isian dipakai dalam aturan: huruf kecil, angka, dan garis bawah, seperti `nama_pelapor`",
                en: "field ids are used in rules: lowercase letters, digits and underscores, like `nama_pelapor`")
        }
    }
}

/// A mapping being read: look up keys, require some.
struct Mapping {
    let node: YAMLNode
    let entries: [YAMLMappingEntry]
    let what: Text
    let context: LoadContext

    subscript(key: String) -> YAMLNode? { entries.first { $0.key == key }?.value }

    /// The value of a key that must be present; a missing key is reported at the mapping.
    func required(_ key: String, hint: Text? = nil) -> YAMLNode? {
        if let value = self[key] { return value }
        context.report(.missingKey, at: node.location,
            Text(id: "\(what.id) tidak memiliki '\(key)'", en: "\(what.en) has no '\(key)'"),
            hint: hint ?? Text(id: "tambahkan `\(key):`", en: "add `\(key):`"))
        return nil
    }

    /// Whether a key is present.
    func has(_ key: String) -> Bool { self[key] != nil }

    /// The location of a key, or of the mapping when the key is absent.
    func keyLocation(_ key: String) -> SourceLocation {
        entries.first { $0.key == key }?.keyLocation ?? node.location
    }
}

extension Text {
    /// A key of the file format (`title`, `legal_basis`): the same word in both languages, as written in the file.
    static func key(_ name: String) -> Text { Text(verbatim: name) }

    /// "one of: text, phone, email".
    static func oneOf(_ names: [String]) -> Text {
        let list = names.joined(separator: ", ")
        return Text(id: "salah satu dari: \(list)", en: "one of: \(list)")
    }

    /// "an item of legal_basis".
    static func item(of what: Text) -> Text {
        Text(id: "butir \(what.id)", en: "an item of \(what.en)")
    }
}

extension String {
    /// The text without leading and trailing whitespace (the same text when there is none).
    var trimmedWhitespace: String {
        if let first = utf8.first, let last = utf8.last, first > 32, first < 128, last > 32, last < 128 { return self }
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}

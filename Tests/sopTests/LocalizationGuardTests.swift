import Foundation
import Testing

/// A guard over the sources: a message that staff or administrators read is built in both
/// languages (`Text(id:en:)` in the libraries, `tr(id:en:)` / `help(id:en:)` in the tool). The types
/// already refuse a plain string where a `Text` is expected; this test finds the ways around them
/// that the types cannot see, so that adding an English-only (or Indonesian-only) message fails here.
///
/// What it looks for, in `Sources/` (not `sop-bench`, a developer's tool):
/// - a string literal with words given straight to `print(`, `printError(`, `ValidationError(`,
///   or as `help:`, `abstract:`, `discussion:` or a table `header:` (the tool's output and help);
/// - a string literal with words as a table `header:` in a library (the text layouts of timelines,
///   lists and reports live in the module that owns their data);
/// - `Text(verbatim: "words")`: a text that claims to read the same in both languages;
/// - an error built from a literal: `throw .name("words")`, `ServiceError("code", "words")`;
/// - `print(` anywhere in a library (the libraries never print);
/// - a pair whose two languages are the same, or one of them empty: `Text(id: "x", en: "x")`;
/// - in the case timeline picture (`SOPRender/CaseTimeline*.swift`, drawn in the language of the
///   run), any literal with words outside a `Text(id:en:)` once markup, attributes and colours are
///   taken out: its labels belong in `CaseTimelineSVG.Words`;
/// - in the text layouts of the libraries (`textLayouts`: what the tool prints, laid out where the
///   data lives and written in the language given), any literal with words outside a
///   `Text(id:en:)`.
///
/// The allow-list names the few literals that are the same in both languages on purpose.
@Suite("Every message in both languages (source guard)")
struct LocalizationGuardTests {
    /// Literals that may stand alone: words that read the same in both languages, and the details
    /// that are shown as they come (SQLite's words, checks only a bug in sop can fail).
    static let allowed: [(file: String, pattern: String, why: String)] = [
        ("sop/", #"^SOP$"#, "a table header: the same word in both languages"),
        ("SOPStore/", #"^invalidEvents|^corrupt|^database"#, "a detail inside a translated StoreError sentence"),
        ("SOPPostgres/", #"^invalidEvents|^corrupt|^database"#, "a detail inside a translated StoreError sentence"),
        ("SOPStorage/CaseRecord.swift", #"^invalidEvents"#, "a detail inside a translated StoreError sentence"),
        ("SOPStoreSeeding/", #"^invalidEvents"#, "a detail inside a translated StoreError sentence (bulk writes of benchmarks)"),
        ("SOPRules/Evaluator.swift", #"^failure"#, "RuleEvaluationError: read by developers only; see its documentation"),
        ("SOPRender/CaseTimeline", #"^(?:sekarang|akhir|dilalui|mulai)$"#, "CSS classes and shape ids of the picture, never shown"),
        ("SOPDiff/DiffText.swift", #"^(?:label|status|output)$"#, "the format's own words (a field's label, an outcome's status, a step's output), the same in both languages"),
        ("SOPDiff/DiffText.swift", #"^true$"#, "a value the diff holds (a boolean's text), compared, never shown"),
        ("SOPService/MoveText.swift", #"^\W*move\s+--to\s*$|^\s*--map\s*$"#, "the command line that makes the move (`sop move W --to N --map A=B`): the same in both languages"),
    ]

    /// The text layouts of the libraries: every phrase they write is a `Text(id:en:)`.
    static let textLayouts: Set<String> = [
        "SOPDiff/DiffText.swift", "SOPRender/SOPDocumentText.swift", "SOPService/MoveText.swift",
    ]

    /// Words that are the same in both languages and may appear in a literal alone.
    static let sameInBothLanguages: Set<String> = ["SOP", "sop", "NIP", "WIB", "No", "Status"]

    struct Violation: CustomStringConvertible {
        let file: String
        let line: Int
        let rule: String
        let text: String
        var description: String { "\(file):\(line): \(rule): \"\(text)\"" }
    }

    @Test("no message in the sources is in one language only")
    func sources() throws {
        let root = SOPBinary.repositoryRoot.appendingPathComponent("Sources")
        let enumerator = try #require(FileManager.default.enumerator(atPath: root.path))
        var checked = 0
        var violations: [Violation] = []
        for case let relative as String in enumerator where relative.hasSuffix(".swift") && !relative.hasPrefix("sop-bench/") {
            let text = try String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8)
            violations += Self.check(text, file: relative)
            checked += 1
        }
        #expect(checked > 50, "the guard found only \(checked) files under \(root.path)")
        #expect(violations.isEmpty, "\(violations.count) message(s) in one language only:\n\(violations.map(\.description).joined(separator: "\n"))")
    }

    @Test("the guard catches each way a one-language message could be added, and lets bilingual ones through")
    func catches() {
        let bad: [(String, String)] = [
            ("sop/X.swift", #"printError("sop: no such thing")"#),
            ("sop/X.swift", #"print("Tidak ada pengaduan.")"#),
            ("sop/X.swift", #"throw ValidationError("--limit takes a number")"#),
            ("sop/X.swift", #"@Option(help: "The user name.") var user: String"#),
            ("sop/X.swift", #"static let configuration = CommandConfiguration(commandName: "x", abstract: "Do a thing.")"#),
            ("sop/X.swift", #".init(header: "Kegiatan", width: nil, weight: 4)"#),
            ("SOPService/X.swift", #".init(header: "Kegiatan", width: nil, weight: 4)"#),
            ("SOPService/X.swift", #"throw ServiceError("user", "say who you are")"#),
            ("SOPEngine/X.swift", #"throw .workflow("the workflow has no steps")"#),
            ("SOPCore/X.swift", #"let hint = Text(verbatim: "check the path")"#),
            ("SOPCore/X.swift", #"Text(id: "file is empty", en: "file is empty")"#),
            ("SOPCore/X.swift", #"Text(id: "", en: "file is empty")"#),
            ("sop/X.swift", #"tr(id: "berkas kosong", en: "")"#),
            ("SOPValidation/X.swift", #"print("debug \(value)")"#),
            ("SOPRender/CaseTimelineSVG.swift", #"body += centred("Kegiatan", left, top)"#),
            ("SOPRender/CaseTimelineSVG.swift", ##"texts += "<text x=\"\(x)\" fill=\"#888\">tidak dilalui · anggaran \(budget)</text>""##),
            ("SOPRender/CaseTimelineHTML.swift", #"html += "<p>Belum ada langkah.</p>\n""#),
            ("SOPRender/CaseTimelineSVG.swift", #"lines.append(visit.isOpen ? " sejauh ini" : "")"#),
            ("SOPDiff/DiffText.swift", #"case .reordered: return "~ \(label): order changed""#),
            ("SOPDiff/DiffText.swift", #"section("Header", diff.header.map(line))"#),
            ("SOPService/MoveText.swift", #"guard !records.isEmpty else { return "No moves yet.\n" }"#),
        ]
        for (file, line) in bad {
            #expect(!Self.check(line, file: file).isEmpty, "not caught: \(line)")
        }
        let good: [(String, String)] = [
            ("sop/X.swift", #"printError(tr(id: "sop: tidak ada", en: "sop: no such thing"))"#),
            ("sop/X.swift", #"printError("sop diff: " + cannotRead(path))"#),
            ("sop/X.swift", #"printError("sop \(command): \(error.message.localized)")"#),
            ("sop/X.swift", #"@Option(help: help(id: "Nama pengguna.", en: "The user name.")) var user: String"#),
            ("sop/X.swift", #".init(header: "SOP", width: 19, weight: 0)"#),
            ("SOPService/X.swift", #".init(header: Text(id: "Kegiatan", en: "Activity")(language), width: nil, weight: 4)"#),
            ("SOPReports/X.swift", #".init(header: "No", width: 3, weight: 0)"#),
            ("SOPCore/X.swift", #"Text(id: "berkas kosong", en: "file is empty")"#),
            ("SOPCore/X.swift", #"Text(verbatim: "; ") + Text(verbatim: "\(a) → \(b)")"#),
            ("SOPService/X.swift", #"throw ServiceError("user", Text(id: "sebutkan siapa Anda", en: "say who you are"))"#),
            ("SOPEngine/X.swift", #"// throw .workflow("the workflow has no steps") in a comment"#),
            ("SOPRender/CaseTimelineSVG.swift", ##"body += "<text x=\"\(n(x))\" font-size=\"11\" fill=\"#1d4ed8\">\(Markup.escape(line))</text>""##),
            ("SOPRender/CaseTimelineSVG.swift", #"lines.append(TextLine(text: line, size: 10.5, style: " font-style=\"italic\""))"#),
            ("SOPRender/CaseTimelineWords.swift", #"let running = Text(id: "sedang berjalan", en: "in progress")"#),
            ("SOPRender/CaseTimelineSVG.swift", #"let role = isCurrent ? "sekarang" : "dilalui""#),
            ("SOPRender/CaseTimelineSVG.swift", "static let css = \"\"\"\n    .lini-masa .dilalui { stroke: #1d4ed8; }\n    \"\"\""),
            ("SOPRender/Flowchart.swift", #"place("mulai", .start, text: "Mulai")"#),
            ("SOPDiff/DiffText.swift", #"section(words(Text(id: "Kepala dokumen", en: "Header")), diff.header.map(line))"#),
            ("SOPDiff/DiffText.swift", #"return "~ \(subject): \(label(attribute)) \(value(change.old)) → \(value(change.new))""#),
            ("SOPDiff/DiffText.swift", #"case .label: "label""#),
            ("SOPService/MoveText.swift", #"let command = "`sop move \(plan.workflow) --to \(plan.to.revision)" + plan.mapping.map { " --map \($0)" }.joined()"#),
        ]
        for (file, line) in good {
            #expect(Self.check(line, file: file).isEmpty, "flagged: \(line): \(Self.check(line, file: file))")
        }
    }

    // MARK: The checks

    /// Every violation in one file's text.
    static func check(_ source: String, file: String) -> [Violation] {
        let isTool = file.hasPrefix("sop/")
        var violations: [Violation] = []
        let literals = StringLiterals(source).all
        for literal in literals {
            let before = literal.before
            func flag(_ rule: String) {
                if allowed.contains(where: { file.hasPrefix($0.file) && literal.words.range(of: $0.pattern, options: .regularExpression) != nil }) {
                    return
                }
                if allowed.contains(where: { file.hasPrefix($0.file) && before.afterCall.range(of: $0.pattern, options: .regularExpression) != nil }) {
                    return
                }
                violations.append(Violation(file: file, line: literal.line, rule: rule, text: literal.content))
            }
            if literal.hasWords, before.ends(with: #"(?:\bprint|\bprintError|\bValidationError)\(\s*$"#) {
                flag(isTool ? "a bare literal printed or thrown (use tr(id:en:))" : "printing from a library")
            } else if isTool, literal.hasWords, before.ends(with: #"\b(?:help|abstract|discussion|header):\s*$"#) {
                flag("a help text or header in one language (use help(id:en:) or tr(id:en:))")
            } else if !isTool, literal.hasWords, before.ends(with: #"\bheader:\s*$"#) {
                flag("a table header in one language (use Text(id:en:))")
            } else if literal.hasWords, before.ends(with: #"\bText\(\s*verbatim:\s*$"#) {
                flag("Text(verbatim:) with words (build the text in both languages)")
            } else if literal.hasWords, before.ends(with: #"\bthrow\s+(?:[A-Z]\w*)?\.\w+\(\s*$"#) {
                flag("an error built from a one-language literal")
            } else if literal.hasWords, before.ends(with: #"\b\w+Error\(\s*"…",\s*$"#) {
                flag("an error built from a one-language literal")
            } else if !isTool, before.ends(with: #"\bprint\(\s*$"#) {
                flag("printing from a library")
            } else if file.hasPrefix("SOPRender/CaseTimeline"), literal.hasLabel, !before.ends(with: #"(?:\bid|\ben):\s*$"#),
                !before.ends(with: #"\bcss\s*=\s*$"#)
            {
                flag("a label of the case timeline picture in one language (put it in CaseTimelineSVG.Words)")
            } else if textLayouts.contains(file), literal.hasWords, !before.ends(with: #"(?:\bid|\ben):\s*$"#) {
                flag("a phrase of a text layout in one language (write it Text(id:en:))")
            }
        }
        // The libraries never print.
        if !isTool {
            for (number, text) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where text.range(of: #"^\s*[^/\s].*\bprint\("#, options: .regularExpression) != nil {
                violations.append(Violation(file: file, line: number + 1, rule: "printing from a library", text: String(text)))
            }
        }
        // Pairs: the two languages differ and neither is empty.
        let pair = #"\b(?:Text|tr|help)\(\s*id:\s*"((?:[^"\\]|\\.)*)",\s*en:\s*"((?:[^"\\]|\\.)*)"\s*\)"#
        if let expression = try? NSRegularExpression(pattern: pair) {
            let whole = NSRange(source.startIndex..., in: source)
            for match in expression.matches(in: source, range: whole) {
                guard let idRange = Range(match.range(at: 1), in: source), let enRange = Range(match.range(at: 2), in: source),
                    let matchRange = Range(match.range, in: source)
                else { continue }
                let id = String(source[idRange])
                let en = String(source[enRange])
                let line = source[..<matchRange.lowerBound].filter { $0 == "\n" }.count + 1
                if id.isEmpty || en.isEmpty {
                    violations.append(Violation(file: file, line: line, rule: "one language is empty", text: id.isEmpty ? en : id))
                } else if id == en {
                    violations.append(Violation(file: file, line: line, rule: "both languages are the same text", text: id))
                }
            }
        }
        return violations
    }
}

/// The string literals of Swift source, each with the code just before it, skipping comments.
struct StringLiterals {
    struct Literal {
        /// The text between the quotes, interpolations left out.
        let content: String
        let line: Int
        let before: Context

        /// The literal with interpolations, escapes, the `sop …:` prefix of a message and the
        /// words that read the same in both languages taken out.
        var words: String {
            var text = content.replacingOccurrences(of: #"\\."#, with: " ", options: .regularExpression)
            text = text.replacingOccurrences(of: #"^\s*sop(?: [a-z-]+)?:"#, with: "", options: .regularExpression)
            for word in LocalizationGuardTests.sameInBothLanguages {
                text = text.replacingOccurrences(of: "\\b\(word)\\b", with: "", options: .regularExpression)
            }
            return text
        }

        /// Whether the literal holds a word of two letters or more that is not the same in both languages.
        var hasWords: Bool { words.range(of: #"[A-Za-z]{2,}"#, options: .regularExpression) != nil }

        /// Whether the literal holds words once markup is taken out: tags (`<text x="…">`),
        /// attributes (` fill="#444"`) and colours (`#1d4ed8`); what is left is drawn as text.
        var hasLabel: Bool {
            var text = words.replacingOccurrences(of: #"<[^>]*>"#, with: " ", options: .regularExpression)
            text = text.replacingOccurrences(of: #"[\w:-]+=\s*\S*"#, with: " ", options: .regularExpression)
            text = text.replacingOccurrences(of: #"#[0-9A-Fa-f]{3,8}\b"#, with: " ", options: .regularExpression)
            return text.range(of: #"[A-Za-z]{2,}"#, options: .regularExpression) != nil
        }
    }

    /// The code before a literal on its statement (the last 200 characters, comments removed).
    struct Context {
        let text: String
        func ends(with pattern: String) -> Bool { text.range(of: pattern, options: .regularExpression) != nil }
        /// The name of the call the literal is an argument of (`corrupt` of `StoreError.corrupt(path, "…")`).
        var afterCall: String {
            guard let open = text.lastIndex(of: "(") else { return "" }
            let name = text[..<open].reversed().prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            return String(name.reversed())
        }
    }

    let all: [Literal]

    init(_ source: String) {
        let characters = Array(source)
        var literals: [Literal] = []
        var code = ""  // code seen so far, comments and literals left out
        var line = 1
        var index = 0
        func peek(_ offset: Int) -> Character? { index + offset < characters.count ? characters[index + offset] : nil }
        while index < characters.count {
            let character = characters[index]
            if character == "/" && peek(1) == "/" {
                while index < characters.count && characters[index] != "\n" { index += 1 }
                continue
            }
            if character == "/" && peek(1) == "*" {
                index += 2
                while index < characters.count && !(characters[index] == "*" && peek(1) == "/") {
                    if characters[index] == "\n" { line += 1 }
                    index += 1
                }
                index += 2
                continue
            }
            if character == "\"" {
                let startLine = line
                let hashes = code.reversed().prefix { $0 == "#" }.count
                let isRaw = hashes > 0
                let isMultiline = peek(1) == "\"" && peek(2) == "\""
                index += isMultiline ? 3 : 1
                var content = ""
                func closes() -> Bool {
                    let quotes = isMultiline ? 3 : 1
                    for offset in 0..<quotes where peek(offset) != "\"" { return false }
                    for offset in 0..<hashes where peek(quotes + offset) != "#" { return false }
                    return true
                }
                while index < characters.count {
                    let current = characters[index]
                    if current == "\"", closes() {
                        index += (isMultiline ? 3 : 1) + hashes
                        break
                    }
                    if current == "\n" { line += 1 }
                    if current == "\\" && !isRaw, peek(1) == "(" {
                        // An interpolation: skip to its closing parenthesis, literals inside included.
                        var depth = 0
                        index += 1
                        while index < characters.count {
                            let inner = characters[index]
                            if inner == "(" { depth += 1 }
                            if inner == ")" { depth -= 1; if depth == 0 { index += 1; break } }
                            if inner == "\"" {
                                index += 1
                                while index < characters.count && characters[index] != "\"" {
                                    if characters[index] == "\\" { index += 1 }
                                    index += 1
                                }
                            }
                            if inner == "\n" { line += 1 }
                            index += 1
                        }
                        content += " "
                        continue
                    }
                    if current == "\\" && !isRaw, let next = peek(1) {
                        content.append(current)
                        content.append(next)
                        index += 2
                        continue
                    }
                    content.append(current)
                    index += 1
                }
                literals.append(Literal(content: content, line: startLine, before: Context(text: String(code.suffix(200)))))
                code += "\"…\""
                continue
            }
            if character == "\n" { line += 1 }
            code.append(character)
            index += 1
        }
        all = literals
    }
}

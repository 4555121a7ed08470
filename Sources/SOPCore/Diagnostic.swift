/// How serious a finding is.
public enum Severity: String, Sendable, Hashable, Comparable, CaseIterable, Codable {
    /// The file cannot be used as it is.
    case error
    /// The file can be used, but something is probably not what the author meant.
    case warning
    /// Worth knowing; nothing to fix.
    case info

    private var rank: Int {
        switch self {
        case .error: 0
        case .warning: 1
        case .info: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// One finding about a file: where, how serious, which code, what is wrong and how to fix it.
///
/// A diagnostic is data. The library returns diagnostics; only the command-line tool prints them.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    /// The stable code, for example `SOP0201`.
    public var code: DiagnosticCode
    /// How serious the finding is; the code's default unless a check says otherwise.
    public var severity: Severity
    /// Where the finding is.
    public var location: SourceLocation
    /// What is wrong, in one sentence, in both languages.
    public var message: Text
    /// How to fix it, when there is something to say, in both languages.
    public var hint: Text?
    /// Further locations that explain the finding (for example, the first of two duplicate keys).
    public var notes: [Note]
    /// The text of the source line the location points at, for printing with a caret.
    public var sourceLine: String?

    /// A further location with a short explanation.
    public struct Note: Hashable, Sendable {
        /// Where the note points.
        public var location: SourceLocation
        /// What is there, in both languages.
        public var message: Text

        /// Creates a note.
        public init(location: SourceLocation, message: Text) {
            self.location = location
            self.message = message
        }
    }

    /// Creates a diagnostic; `severity` defaults to the code's own.
    public init(
        _ code: DiagnosticCode,
        at location: SourceLocation,
        _ message: Text,
        hint: Text? = nil,
        severity: Severity? = nil,
        notes: [Note] = []
    ) {
        self.code = code
        self.severity = severity ?? code.severity
        self.location = location
        self.message = message
        self.hint = hint ?? code.hint
        self.notes = notes
        self.sourceLine = nil
    }

    /// `file:line:column: severity: message [CODE]` in both languages, for a diagnostic named
    /// inside another message. The severity word stays as compilers print it, as the code does.
    public var summary: Text {
        Text(
            id: "\(location): \(severity.rawValue): \(message.id) [\(code.id)]",
            en: "\(location): \(severity.rawValue): \(message.en) [\(code.id)]")
    }

    /// `file:line:column: severity: message [CODE]`, in English, for test failures and logs; the
    /// command-line tool prints the message in the language asked for.
    public var description: String {
        "\(location): \(severity.rawValue): \(message.en) [\(code.id)]"
    }
}

extension Array where Element == Diagnostic {
    /// The diagnostics ordered by file, line, column, then code, so output is the same every run.
    public func sortedByLocation() -> [Diagnostic] {
        sorted { lhs, rhs in
            if lhs.location != rhs.location { return lhs.location < rhs.location }
            return lhs.code.id < rhs.code.id
        }
    }

    /// Whether any diagnostic is an error.
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// Fills in `sourceLine` of every diagnostic that points into `file`, from that file's text.
    ///
    /// Lines end where YAML (libyaml) ends them, so that line numbers agree: at LF, CR LF, CR,
    /// NEL (U+0085), LS (U+2028) and PS (U+2029). Only the lines asked for are decoded, in one
    /// pass over the UTF-8 bytes, so this costs little even for large files.
    public mutating func attachSourceLines(file: String, text: String) {
        let wanted = Set(filter { $0.location.file == file && $0.sourceLine == nil }.map(\.location.line))
        guard let last = wanted.max(), last >= 1 else { return }
        var lines: [Int: String] = [:]
        let bytes = [UInt8](text.utf8)
        var line = 1
        var start = 0
        var index = 0
        func take(_ end: Int) {
            guard wanted.contains(line) else { return }
            var content = String(decoding: bytes[start..<end], as: UTF8.self)
            if content.unicodeScalars.count > 400 {
                content = String(String.UnicodeScalarView(content.unicodeScalars.prefix(400)))
            }
            lines[line] = content
        }
        while index < bytes.count && line <= last {
            // The length of the line break starting here, if one does.
            var breakLength = 0
            switch bytes[index] {
            case 10: breakLength = 1
            case 13: breakLength = index + 1 < bytes.count && bytes[index + 1] == 10 ? 2 : 1
            case 0xC2 where index + 1 < bytes.count && bytes[index + 1] == 0x85: breakLength = 2
            case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80
                && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9): breakLength = 3
            default: break
            }
            if breakLength > 0 {
                take(index)
                line += 1
                index += breakLength
                start = index
            } else {
                index += 1
            }
        }
        if line <= last { take(bytes.count) }
        for position in indices where self[position].location.file == file && self[position].sourceLine == nil {
            self[position].sourceLine = lines[self[position].location.line]
        }
    }
}

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
    /// What is wrong, in one sentence.
    public var message: String
    /// How to fix it, when there is something to say.
    public var hint: String?
    /// Further locations that explain the finding (for example, the first of two duplicate keys).
    public var notes: [Note]
    /// The text of the source line the location points at, for printing with a caret.
    public var sourceLine: String?

    /// A further location with a short explanation.
    public struct Note: Hashable, Sendable {
        /// Where the note points.
        public var location: SourceLocation
        /// What is there.
        public var message: String

        /// Creates a note.
        public init(location: SourceLocation, message: String) {
            self.location = location
            self.message = message
        }
    }

    /// Creates a diagnostic; `severity` defaults to the code's own.
    public init(
        _ code: DiagnosticCode,
        at location: SourceLocation,
        _ message: String,
        hint: String? = nil,
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

    /// `file:line:column: severity: message [CODE]`.
    public var description: String {
        "\(location): \(severity.rawValue): \(message) [\(code.id)]"
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
    public mutating func attachSourceLines(file: String, text: String) {
        guard contains(where: { $0.location.file == file && $0.sourceLine == nil }) else { return }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for index in indices where self[index].location.file == file && self[index].sourceLine == nil {
            let line = self[index].location.line
            if line >= 1 && line <= lines.count {
                var content = String(lines[line - 1])
                if content.hasSuffix("\r") { content.removeLast() }
                if content.unicodeScalars.count > 400 {
                    content = String(String.UnicodeScalarView(content.unicodeScalars.prefix(400)))
                }
                self[index].sourceLine = content
            }
        }
    }
}

import Foundation
import SOPCore

/// A validation report as SARIF 2.1.0 (Static Analysis Results Interchange Format, OASIS), the
/// form GitHub code scanning and other CI services read: one run of the tool `sop`, with every
/// code of the catalogue as a rule (its title and hint in the run's language) and every finding
/// as a result at its file, line and column.
///
/// Columns count Unicode code points from 1, as `sop validate` prints them (`columnKind`).
/// Finding-specific hints are in the result's message after the finding; a note of a finding (the
/// first of two duplicates, say) is a related location.
public struct SARIFLog: Encodable, Sendable {
    /// The SARIF version written.
    public static let version = "2.1.0"
    /// The schema the log names, the OASIS one.
    public static let schemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

    let runs: [Run]

    /// The log of one validation: `diagnostics` are the findings to report (the report's, or a
    /// selection of them), in `language`; `toolVersion` is `sop --version`'s.
    public init(
        report: ValidationReport, diagnostics: [Diagnostic], suppressed: [SuppressedDiagnostic] = [], language: Language, toolVersion: String
    ) {
        let rules = DiagnosticCode.all.map { code in
            Rule(
                id: code.id, shortDescription: Message(text: code.title(language)),
                help: Message(text: (code.hint ?? code.title)(language)),
                defaultConfiguration: Configuration(level: Self.level(code.severity)))
        }
        let ruleIndex = Dictionary(DiagnosticCode.all.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        func result(_ diagnostic: Diagnostic, suppression: Suppression?) -> Result {
            Result(
                ruleId: diagnostic.code.id, ruleIndex: ruleIndex[diagnostic.code.id], level: Self.level(diagnostic.severity),
                message: Message(text: withHint(diagnostic, language)),
                locations: [Location(diagnostic.location, message: nil)],
                relatedLocations: diagnostic.notes.isEmpty ? nil : diagnostic.notes.enumerated().map { index, note in
                    Location(note.location, message: Message(text: note.message(language)), id: index)
                },
                suppressions: suppression.map { [SARIFSuppression(
                    kind: "inSource", justification: $0.reason, location: Location($0.location, message: nil))] })
        }
        let results = diagnostics.map { result($0, suppression: nil) }
            + suppressed.map { result($0.diagnostic, suppression: $0.suppression) }
        let artifacts = report.files.map { Artifact(location: ArtifactLocation(uri: Self.uri($0.path))) }
        runs = [Run(
            tool: Tool(driver: Driver(name: "sop", version: toolVersion, semanticVersion: toolVersion, rules: rules)),
            artifacts: artifacts, results: results, language: language == .id ? "id-ID" : "en-US",
            columnKind: "unicodeCodePoints",
            invocations: [Invocation(executionSuccessful: !report.hasUnreadableInput)])]
    }

    /// SARIF's level for a severity: `error`, `warning`, or `note` for information.
    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .info: "note"
        }
    }

    /// A path as a relative URI reference: forward slashes, and every character a URI path may
    /// not hold percent-encoded.
    static func uri(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: ";=")
        return path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
    }

    private enum CodingKeys: String, CodingKey {
        case schema = "$schema"
        case version, runs
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Self.schemaURI, forKey: .schema)
        try container.encode(Self.version, forKey: .version)
        try container.encode(runs, forKey: .runs)
    }

    struct Run: Encodable, Sendable {
        let tool: Tool
        let artifacts: [Artifact]
        let results: [Result]
        let language: String
        let columnKind: String
        let invocations: [Invocation]
    }
    struct Tool: Encodable, Sendable { let driver: Driver }
    struct Driver: Encodable, Sendable {
        let name: String
        let version: String
        let semanticVersion: String
        let rules: [Rule]
    }
    struct Rule: Encodable, Sendable {
        let id: String
        let shortDescription: Message
        let help: Message
        let defaultConfiguration: Configuration
    }
    struct Configuration: Encodable, Sendable { let level: String }
    struct Message: Encodable, Sendable { let text: String }
    struct Artifact: Encodable, Sendable { let location: ArtifactLocation }
    struct ArtifactLocation: Encodable, Sendable { let uri: String }
    struct Invocation: Encodable, Sendable { let executionSuccessful: Bool }
    struct Result: Encodable, Sendable {
        let ruleId: String
        let ruleIndex: Int?
        let level: String
        let message: Message
        let locations: [Location]
        let relatedLocations: [Location]?
        let suppressions: [SARIFSuppression]?
    }
    struct SARIFSuppression: Encodable, Sendable {
        let kind: String
        let justification: String
        let location: Location
    }
    struct Location: Encodable, Sendable {
        let id: Int?
        let physicalLocation: PhysicalLocation
        let message: Message?

        init(_ location: SourceLocation, message: Message?, id: Int? = nil) {
            self.id = id
            self.message = message
            physicalLocation = PhysicalLocation(
                artifactLocation: ArtifactLocation(uri: SARIFLog.uri(location.file)),
                region: Region(startLine: max(1, location.line), startColumn: max(1, location.column)))
        }
    }
    struct PhysicalLocation: Encodable, Sendable {
        let artifactLocation: ArtifactLocation
        let region: Region
    }
    struct Region: Encodable, Sendable {
        let startLine: Int
        let startColumn: Int
    }
}

/// Findings as GitHub Actions workflow commands, one a line: `::error file=F,line=L,col=C,title=SOP0603::message`
/// (`::warning`, and `::notice` for information), which the Actions runner shows as annotations
/// on the file's lines. The message ends with the hint; values are escaped as the runner
/// expects (`%`, carriage returns and line feeds everywhere, `:` and `,` in properties).
public enum GitHubAnnotations {
    /// The lines for the findings, in `language`.
    public static func lines(_ diagnostics: [Diagnostic], language: Language) -> String {
        diagnostics.map { diagnostic in
            let command = switch diagnostic.severity {
            case .error: "error"
            case .warning: "warning"
            case .info: "notice"
            }
            let properties = [
                "file=" + property(diagnostic.location.file), "line=\(max(1, diagnostic.location.line))",
                "col=\(max(1, diagnostic.location.column))",
                "title=" + property(diagnostic.code.id + " " + diagnostic.code.title(language)),
            ].joined(separator: ",")
            return "::\(command) \(properties)::" + data(withHint(diagnostic, language)) + "\n"
        }.joined()
    }

    /// A message as a workflow command's data.
    static func data(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    /// A value as a workflow command's property.
    static func property(_ text: String) -> String {
        data(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}

/// A finding's message with its hint after it, as one text: `… tidak dikenal. Saran: …`.
func withHint(_ diagnostic: Diagnostic, _ language: Language) -> String {
    let message = diagnostic.message(language)
    guard let hint = diagnostic.hint else { return message }
    let stop = message.last.map { ".!?".contains($0) } == true ? " " : ". "
    return message + stop + Text(id: "Saran: ", en: "Hint: ")(language) + hint(language)
}

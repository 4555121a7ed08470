import ArgumentParser
import Foundation
import SOPCore
import SOPValidation

/// `sop validate [PATH...]`.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: tr(id: "Periksa berkas alur kerja dan kalender SOP.", en: "Check workflow and calendar files."),
        discussion: tr(
            id: """
                Melaporkan semua temuan dalam satu kali jalan sebagai berkas:baris:kolom: tingkat: pesan [KODE]; \
                tingkat (error, warning, info) dan kode sama dalam kedua bahasa. Status keluar: 0 tanpa kesalahan, \
                1 ada kesalahan (atau peringatan, dengan --strict), 2 masukan tidak terbaca atau salah penggunaan.
                """,
            en: """
                Reports every finding in one run as file:line:column: severity: message [CODE]. \
                Exit status: 0 no errors, 1 errors (or warnings with --strict), 2 unreadable input or usage error.
                """)
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: help(
        id: "Berkas alur kerja atau kalender, atau folder yang memuatnya (bawaan: workflows/).",
        en: "Workflow or calendar files, or folders holding them (default: workflows/)."))
    var paths: [String] = []

    @Option(help: help(
        id: "Format keluaran: text, json, sarif (SARIF 2.1.0, untuk GitHub code scanning), atau github (anotasi GitHub Actions).",
        en: "Output format: text, json, sarif (SARIF 2.1.0, for GitHub code scanning) or github (GitHub Actions annotations)."))
    var format: ValidateFormat = .text

    @Flag(help: help(id: "Anggap peringatan sebagai kegagalan (keluar 1).", en: "Treat warnings as failures (exit 1)."))
    var strict = false

    @Flag(help: help(
        id: "Tampilkan juga temuan yang diterima di dalam berkas (`# sop-ignore KODE: alasan`), dengan alasannya.",
        en: "Also show the findings the files accept (`# sop-ignore CODE: reason`), with their reasons."))
    var showSuppressed = false

    @Flag(help: help(
        id: "Cetak temuan saja, tanpa baris ringkasan.",
        en: "Print the findings only, without the summary line."))
    var quiet = false

    @Option(help: help(
        id: "Tampilkan temuan setidaknya seberat ini: error, warning, atau info (bawaan). Status keluar tetap menghitung semuanya.",
        en: "Show findings at least this serious: error, warning or info (the default). The exit status still counts them all."))
    var minSeverity: Severity = .info

    @Option(name: .customLong("against"), help: help(
        id: "Revisi SOP sebelumnya, sebagai pembanding revisi baru.",
        en: "The previous revision of the SOP, to check the new one against."))
    var against: String?

    func run() throws {
        let report = Validator.validate(paths: paths.isEmpty ? ["workflows"] : paths, against: against, now: try currentTime())
        // Severity orders error first: a finding is shown when it is no less serious than the minimum.
        let shown = report.diagnostics.filter { $0.severity <= minSeverity }
        let accepted = report.suppressed.filter { $0.diagnostic.severity <= minSeverity }
        switch format {
        case .text:
            let printer = DiagnosticPrinter(useColor: DiagnosticPrinter.standardOutputIsTerminal)
            var output = ""
            for diagnostic in shown { output += printer.format(diagnostic) }
            if showSuppressed { for item in accepted { output += printer.format(item) } }
            if !quiet { output += printer.summary(report) }
            printSafely(output, terminator: "")
        case .json:
            var json = ValidationJSON(report)
            json.diagnostics = json.diagnostics.filter { Severity(rawValue: $0.severity).map { $0 <= minSeverity } ?? true }
            json.suppressed = json.suppressed.filter { Severity(rawValue: $0.severity).map { $0 <= minSeverity } ?? true }
            try printJSON(json)
        case .sarif:
            try printJSON(SARIFLog(
                report: report, diagnostics: shown, suppressed: accepted, language: language, toolVersion: SOPCommand.configuration.version))
        case .github:
            printSafely(GitHubAnnotations.lines(shown, language: language), terminator: "")
        }
        if report.hasUnreadableInput { throw ExitCode.unusableInput }
        if report.count(.error) > 0 || (strict && report.count(.warning) > 0) { throw ExitCode.refused }
    }
}

/// `sop validate --format`.
enum ValidateFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
    case sarif
    case github
}

extension Severity: ExpressibleByArgument {}

/// The JSON shape of a validation report.
struct ValidationJSON: Encodable {
    struct Location: Encodable {
        let file: String
        let line: Int
        let column: Int
    }
    struct Note: Encodable {
        let location: Location
        let message: Text
    }
    struct Item: Encodable {
        let code: String
        let severity: String
        let location: Location
        let message: Text
        let hint: Text?
        let notes: [Note]
        /// For an accepted finding: why, and where the comment that accepts it is.
        var reason: String?
        var acceptedAt: Location?
    }
    struct Summary: Encodable {
        let files: Int
        let errors: Int
        let warnings: Int
        let info: Int
        let suppressed: Int
    }
    let files: [String]
    var diagnostics: [Item]
    var suppressed: [Item]
    let summary: Summary

    /// A location as JSON.
    static func location(_ value: SourceLocation) -> Location {
        Location(file: value.file, line: value.line, column: value.column)
    }

    /// A diagnostic as JSON.
    static func item(_ diagnostic: Diagnostic) -> Item {
        Item(
            code: diagnostic.code.id, severity: diagnostic.severity.rawValue,
            location: location(diagnostic.location), message: diagnostic.message, hint: diagnostic.hint,
            notes: diagnostic.notes.map { Note(location: location($0.location), message: $0.message) })
    }

    init(_ report: ValidationReport) {
        files = report.files.map(\.path)
        diagnostics = report.diagnostics.map(Self.item)
        suppressed = report.suppressed.map { accepted in
            var value = Self.item(accepted.diagnostic)
            value.reason = accepted.suppression.reason
            value.acceptedAt = Self.location(accepted.suppression.location)
            return value
        }
        summary = Summary(
            files: report.files.count, errors: report.count(.error), warnings: report.count(.warning),
            info: report.count(.info), suppressed: report.suppressed.count)
    }
}

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

    @Option(help: help(id: "Format keluaran: text atau json.", en: "Output format: text or json."))
    var format: OutputFormat = .text

    @Flag(help: help(id: "Anggap peringatan sebagai kegagalan (keluar 1).", en: "Treat warnings as failures (exit 1)."))
    var strict = false

    @Option(name: .customLong("against"), help: help(
        id: "Revisi SOP sebelumnya, sebagai pembanding revisi baru.",
        en: "The previous revision of the SOP, to check the new one against."))
    var against: String?

    func run() throws {
        let report = Validator.validate(paths: paths.isEmpty ? ["workflows"] : paths, against: against, now: try currentTime())
        switch format {
        case .text:
            let printer = DiagnosticPrinter(useColor: DiagnosticPrinter.standardOutputIsTerminal)
            var output = ""
            for diagnostic in report.diagnostics { output += printer.format(diagnostic) }
            output += printer.summary(report)
            printSafely(output, terminator: "")
        case .json:
            try printJSON(ValidationJSON(report))
        }
        if report.hasUnreadableInput { throw ExitCode.unusableInput }
        if report.count(.error) > 0 || (strict && report.count(.warning) > 0) { throw ExitCode.refused }
    }
}

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
    }
    struct Summary: Encodable {
        let files: Int
        let errors: Int
        let warnings: Int
        let info: Int
    }
    let files: [String]
    let diagnostics: [Item]
    let summary: Summary

    init(_ report: ValidationReport) {
        func location(_ value: SourceLocation) -> Location {
            Location(file: value.file, line: value.line, column: value.column)
        }
        files = report.files.map(\.path)
        diagnostics = report.diagnostics.map { diagnostic in
            Item(
                code: diagnostic.code.id, severity: diagnostic.severity.rawValue,
                location: location(diagnostic.location), message: diagnostic.message, hint: diagnostic.hint,
                notes: diagnostic.notes.map { Note(location: location($0.location), message: $0.message) })
        }
        summary = Summary(
            files: report.files.count, errors: report.count(.error), warnings: report.count(.warning),
            info: report.count(.info))
    }
}

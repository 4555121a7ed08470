import ArgumentParser
import Foundation
import SOPCore
import SOPLoading
import SOPModel
import SOPRender
import SOPValidation

/// `sop show WORKFLOW`.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: tr(
            id: "Tampilkan SOP seperti tata letak naskah yang ditandatangani.",
            en: "Print an SOP as the signed document lays it out.")
    )

    @OptionGroup var global: GlobalOptions

    @Argument(
        help: help(
            id: "Berkas alur kerja, atau id alur kerja yang dicari di folder alur kerja.",
            en: "A workflow file, or a workflow id looked up in the workflows folder."),
        completion: Completions.folderWorkflows)
    var workflow: String

    @Option(help: help(id: "Folder tempat mencari id alur kerja.", en: "The folder to look workflow ids up in."))
    var workflows = "workflows"

    @Option(help: help(id: "Format keluaran: text atau json.", en: "Output format: text or json."))
    var format: OutputFormat = .text

    @Option(help: help(
        id: "Lebar tabel teks (bawaan: COLUMNS terminal, atau 120).",
        en: "Width of the text table (default: the terminal's COLUMNS, or 120)."))
    var width: Int?

    func run() throws {
        let named = try authoredWorkflow(workflow, in: workflows, command: "sop show")
        let times = PathTimes(named.workflow)
        switch format {
        case .json:
            try printJSON(WorkflowJSON(named.workflow, times: times))
        case .text:
            let columns = width ?? ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init) ?? 120
            printSafely(SOPDocumentText(workflow: named.workflow, times: times, language: language).render(width: max(80, min(columns, 400))), terminator: "")
        }
    }
}

/// The workflow an authoring command names (a file, or an id in the workflows folder), checked:
/// its errors, if any, are printed and end the command (exit 1; 2 for a file that cannot be read).
func authoredWorkflow(_ name: String, in folder: String, command: String) throws -> NamedWorkflow {
    let named: NamedWorkflow
    switch WorkflowLibrary(folder: folder).find(name).map(Validator.validate) {
    case .success(let found):
        named = found
    case .failure(let error):
        let printer = DiagnosticPrinter(useColor: false)
        for diagnostic in error.diagnostics where diagnostic.severity == .error {
            FileHandle.standardError.write(Data(printer.format(diagnostic).utf8))
        }
        printError("\(command): \(error.message.localized)")
        throw (error.diagnostics.contains { $0.code == .unreadableFile } ? ExitCode.unusableInput : ExitCode.refused)
    }
    let errors = named.diagnostics.filter { $0.severity == .error }
    guard errors.isEmpty else {
        let printer = DiagnosticPrinter(useColor: false)
        for diagnostic in errors { FileHandle.standardError.write(Data(printer.format(diagnostic).utf8)) }
        printError("\(command): " + hasErrors(named.workflow.file, count: errors.count))
        throw ExitCode.refused
    }
    return named
}

/// `'FILE' has N error(s); fix them first (`sop validate FILE`)`.
func hasErrors(_ file: String, count: Int) -> String {
    tr(
        id: "'\(file)' memiliki \(count) kesalahan; perbaiki lebih dahulu (`sop validate \(file)`)",
        en: "'\(file)' has \(count) error(s); fix them first (`sop validate \(file)`)")
}

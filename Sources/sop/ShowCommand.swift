import ArgumentParser
import Foundation
import SOPCore
import SOPModel
import SOPValidation

/// `sop show WORKFLOW`.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Tampilkan SOP seperti naskah yang ditandatangani — print an SOP as the signed document lays it out."
    )

    @Argument(help: "A workflow file, or a workflow id looked up in the workflows folder.")
    var workflow: String

    @Option(help: "The folder to look workflow ids up in.")
    var workflows = "workflows"

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Option(help: "Width of the text table (default: the terminal's COLUMNS, or 120).")
    var width: Int?

    func run() throws {
        let named: NamedWorkflow
        switch WorkflowLookup.find(workflow, in: workflows) {
        case .success(let found):
            named = found
        case .failure(let error):
            let printer = DiagnosticPrinter(useColor: false)
            for diagnostic in error.diagnostics where diagnostic.severity == .error {
                FileHandle.standardError.write(Data(printer.format(diagnostic).utf8))
            }
            printError("sop show: \(error.description)")
            throw ExitCode(error.diagnostics.contains { $0.code == .unreadableFile } ? 2 : 1)
        }
        let errors = named.diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty else {
            let printer = DiagnosticPrinter(useColor: false)
            for diagnostic in errors { FileHandle.standardError.write(Data(printer.format(diagnostic).utf8)) }
            printError("sop show: '\(named.workflow.file)' has \(errors.count) error(s); fix them first (`sop validate \(named.workflow.file)`)")
            throw ExitCode(1)
        }
        let times = PathTimes(named.workflow)
        switch format {
        case .json:
            print(try JSONOutput.encode(WorkflowJSON(named.workflow, times: times)))
        case .text:
            let columns = width ?? ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init) ?? 120
            print(SOPDocumentText(workflow: named.workflow, times: times).render(width: max(80, min(columns, 400))), terminator: "")
        }
    }
}

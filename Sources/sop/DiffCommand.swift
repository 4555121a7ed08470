import ArgumentParser
import Foundation
import SOPCore
import SOPDiff
import SOPLoading
import SOPModel
import SOPValidation

/// `sop diff OLD NEW`.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Bandingkan dua revisi SOP — the semantic difference between two revisions of one SOP.",
        discussion: """
            Steps added, removed, renamed or moved; actors, documents, budgets, branches and rules \
            changed; the header; the change in the shortest and the longest path time. OLD and NEW are \
            workflow files, or workflow ids looked up in the workflows folder (the highest revision). \
            Both must be revisions of one SOP, NEW the higher, without errors. Exit status: 0 the \
            revisions are equivalent, 1 they differ, 2 input refused (unreadable, another SOP, a \
            revision not higher, errors) or a usage error.
            """
    )

    @Argument(help: "The older revision: a workflow file, or a workflow id.")
    var old: String

    @Argument(help: "The newer revision: a workflow file, or a workflow id.")
    var new: String

    @Option(help: "The folder to look workflow ids up in.")
    var workflows = "workflows"

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func run() throws {
        let oldPath = try resolve(old)
        let newPath = try resolve(new)
        // Validated together, so that each file's references are looked up beside both of them.
        let report = Validator.validate(paths: [oldPath, newPath])
        let oldFile = try loadedWorkflow(oldPath, in: report)
        let newFile = try loadedWorkflow(newPath, in: report)
        if let problem = WorkflowDiff.checkRevisions(old: oldFile.workflow, new: newFile.workflow) {
            printError("sop diff: \(problem)")
            for (label, path, workflow) in [("old", oldPath, oldFile.workflow), ("new", newPath, newFile.workflow)] {
                printError("  \(label): \(path) — \(workflow.id.value), revision \(workflow.revision.value)")
            }
            printError("  hint: \(problem.hint)")
            throw ExitCode(2)
        }
        var refused = false
        for (path, errors) in [(oldPath, oldFile.errors), (newPath, newFile.errors)] where !errors.isEmpty {
            printDiagnostics(errors)
            printError("sop diff: '\(path)' has \(errors.count) error(s); fix them first (`sop validate \(oldPath) \(newPath)`)")
            refused = true
        }
        if refused { throw ExitCode(2) }

        let diff = WorkflowDiff.compare(old: oldFile.workflow, new: newFile.workflow)
        switch format {
        case .json:
            print(try JSONOutput.encode(diff))
        case .text:
            print(DiffText(diff: diff, old: oldFile.workflow, new: newFile.workflow).render(), terminator: "")
        }
        if !diff.isEquivalent { throw ExitCode(1) }
    }

    /// The file a name stands for: the file itself, or the highest revision of a workflow id.
    private func resolve(_ name: String) throws -> String {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: name, isDirectory: &isDirectory)
        if exists && isDirectory.boolValue {
            printError("sop diff: '\(name)' is a folder; name a workflow file (or a workflow id)")
            throw ExitCode(2)
        }
        let looksLikePath = name.contains("/") || Validator.extensions.contains((name as NSString).pathExtension.lowercased())
        if exists || looksLikePath { return name }
        switch WorkflowLookup.find(name, in: workflows) {
        case .success(let found):
            return found.workflow.file
        case .failure(let error):
            printDiagnostics(error.diagnostics.filter { $0.severity == .error })
            printError("sop diff: \(error.description)")
            throw ExitCode(2)
        }
    }

    /// The workflow a file holds, with its errors; refuses a file that cannot be read or holds none.
    private func loadedWorkflow(_ path: String, in report: ValidationReport) throws -> (workflow: Workflow, errors: [Diagnostic]) {
        let standardized = URL(fileURLWithPath: path).standardizedFileURL.path
        let file = report.files.first { URL(fileURLWithPath: $0.path).standardizedFileURL.path == standardized }
        let diagnostics = report.diagnostics.filter { $0.location.file == (file?.path ?? path) }
        let errors = diagnostics.filter { $0.severity == .error }
        guard let file, !file.isUnreadable else {
            printDiagnostics(errors)
            printError("sop diff: cannot read '\(path)'")
            throw ExitCode(2)
        }
        guard let workflow = file.workflow else {
            printDiagnostics(errors)
            let detail = file.calendar != nil ? "it is a calendar" : errors.isEmpty ? "it holds no workflow" : "it has errors"
            printError("sop diff: cannot load workflow file '\(path)': \(detail)")
            throw ExitCode(2)
        }
        return (workflow, errors)
    }

    private func printDiagnostics(_ diagnostics: [Diagnostic]) {
        let printer = DiagnosticPrinter(useColor: false)
        for diagnostic in diagnostics { FileHandle.standardError.write(Data(printer.format(diagnostic).utf8)) }
    }
}

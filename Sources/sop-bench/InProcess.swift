import Foundation
import SOPCore
import SOPLoading
import SOPValidation

/// A failure that makes the benchmark's figures meaningless: a wrong result, a missing file, a failed run.
struct BenchFailure: Error, CustomStringConvertible {
    /// What went wrong, for people.
    var description: String
}

/// A file of the workflows folder, read once up front.
struct SourceFile: Sendable {
    /// The path as given to the validator, relative to the repository root (`workflows/….yaml`).
    var path: String
    /// The file's text.
    var text: String
}

/// One shipped workflow and what a correct validation of it finds.
struct WorkflowCase: Sendable {
    /// The workflow file.
    var file: SourceFile
    /// The ids of the other workflows in the folder; they are loaded once up front, not per iteration.
    var neighbourScope: ValidationScope
    /// The codes of the findings a correct run reports, in order (from a reference run from disk).
    var expectedCodes: [DiagnosticCode]
}

/// The workflows folder, read and checked once before anything is timed.
struct Corpus: Sendable {
    /// The folder, as given to the validator.
    var folder: String
    /// Every workflow file in the folder.
    var workflows: [WorkflowCase]
    /// Every calendar file in the folder.
    var calendars: [SourceFile]

    /// Reads the folder, sorts its files into workflows and calendars, and checks that validating each
    /// workflow from disk reports no error and that validating it from text reports exactly the same.
    init(folder: String) throws(BenchFailure) {
        guard let paths = WorkflowLibrary.files(in: folder), !paths.isEmpty else {
            throw BenchFailure(description: "no .yaml files in '\(folder)' (run sop-bench from the repository root)")
        }
        self.folder = folder
        var workflowFiles: [(file: SourceFile, loaded: LoadedFile)] = []
        var calendars: [SourceFile] = []
        for path in paths {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw BenchFailure(description: "cannot read '\(path)'")
            }
            let file = SourceFile(path: path, text: text)
            let loaded = Loader.load(text: text, file: path)
            if loaded.workflow != nil {
                workflowFiles.append((file, loaded))
            } else if loaded.calendar != nil {
                calendars.append(file)
            } else {
                throw BenchFailure(description: "'\(path)' holds neither a workflow nor a calendar")
            }
        }
        guard !workflowFiles.isEmpty else { throw BenchFailure(description: "no workflow in '\(folder)'") }
        self.calendars = calendars

        var workflows: [WorkflowCase] = []
        for (file, _) in workflowFiles {
            var scope = ValidationScope()
            for (other, loaded) in workflowFiles where other.path != file.path {
                if let workflow = loaded.workflow { scope.workflows.insert(workflow.id.value) }
            }
            let reference = Validator.validate(paths: [file.path])
            let errors = reference.diagnostics.filter { $0.severity == .error }
            guard errors.isEmpty, !reference.hasUnreadableInput else {
                let listed = errors.map { "  \($0)" }.joined(separator: "\n")
                throw BenchFailure(description: "'\(file.path)' does not validate cleanly from disk:\n\(listed)")
            }
            let workflowCase = WorkflowCase(
                file: file, neighbourScope: scope, expectedCodes: reference.diagnostics.map(\.code))
            let fromText = try InProcess.validateFromText(workflowCase, calendars: calendars)
            guard fromText.diagnostics == reference.diagnostics else {
                throw BenchFailure(description: """
                    '\(file.path)': validating from text finds other diagnostics than from disk; \
                    the two set-ups differ
                    """)
            }
            workflows.append(workflowCase)
        }
        self.workflows = workflows
    }
}

/// How an in-process benchmark gets at the files.
enum InputMode: String, Codable, Sendable {
    /// Text read up front; `Loader.load(text:file:)` and `Validator.validate(files:scope:)` per iteration.
    case text
    /// `Validator.validate(paths:)` per iteration, which reads the file and its neighbours.
    case disk
}

/// The in-process benchmarks: one workflow loaded and validated, many times.
enum InProcess {
    /// Loads the workflow and the calendars from their text, builds the scope of ids from them (and the
    /// other workflows' ids known up front), validates the workflow and checks the result.
    @discardableResult
    static func validateFromText(_ workflow: WorkflowCase, calendars: [SourceFile]) throws(BenchFailure) -> ValidationReport {
        let loaded = Loader.load(text: workflow.file.text, file: workflow.file.path)
        var scope = workflow.neighbourScope
        if let model = loaded.workflow { scope.workflows.insert(model.id.value) }
        for calendar in calendars {
            if let model = Loader.load(text: calendar.text, file: calendar.path).calendar {
                scope.calendars.insert(model.id.value)
            }
        }
        let report = Validator.validate(files: [loaded], scope: scope)
        try check(report, of: workflow)
        return report
    }

    /// Validates the workflow from disk (reading it and its neighbours) and checks the result.
    static func validateFromDisk(_ workflow: WorkflowCase) throws(BenchFailure) {
        try check(Validator.validate(paths: [workflow.file.path]), of: workflow)
    }

    /// Times one workflow in one mode; throws at the first wrong result.
    static func run(_ workflow: WorkflowCase, mode: InputMode, calendars: [SourceFile], options: Options) throws(BenchFailure) -> [Duration] {
        switch mode {
        case .text:
            try measure(warmup: options.warmup, iterations: options.iterations) { () throws(BenchFailure) in
                _ = try validateFromText(workflow, calendars: calendars)
            }
        case .disk:
            try measure(warmup: options.warmup, iterations: options.iterations) { () throws(BenchFailure) in
                try validateFromDisk(workflow)
            }
        }
    }

    /// A report is right when it read one workflow, found no error, and found the expected findings in order.
    private static func check(_ report: ValidationReport, of workflow: WorkflowCase) throws(BenchFailure) {
        guard !report.hasUnreadableInput, report.files.count == 1, report.files.first?.workflow != nil else {
            throw BenchFailure(description: "'\(workflow.file.path)': the workflow was not loaded")
        }
        guard report.count(.error) == 0 else {
            throw BenchFailure(description: "'\(workflow.file.path)': \(report.count(.error)) unexpected errors")
        }
        guard report.diagnostics.map(\.code) == workflow.expectedCodes else {
            throw BenchFailure(description: """
                '\(workflow.file.path)': found \(report.diagnostics.count) diagnostics, \
                expected \(workflow.expectedCodes.count)
                """)
        }
    }
}

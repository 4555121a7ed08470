import Foundation
import SOPCore
import SOPLoading
import SOPModel
import SOPValidation

/// `sop test`: the scenario files named (folders searched for `NAME.scenarios.yaml`), each
/// checked against its workflow and, when nothing is wrong with it, run in memory.
public enum ScenarioTests {
    /// One scenario file, checked and run.
    public struct FileRun: Sendable {
        /// The file's path.
        public var path: String
        /// The workflow it runs on, when it was found and has no errors.
        public var workflow: Workflow?
        /// What is wrong with the file: its shape, the names it uses, its workflow. Its scenarios
        /// run only when none is an error.
        public var diagnostics: [Diagnostic]
        /// Each scenario's result, in file order (none when the file has errors).
        public var results: [ScenarioResult]
        /// How long its scenarios took to run, in seconds (not their checking).
        public var seconds: Double
    }

    /// Every file, checked and run.
    public struct Run: Sendable {
        /// The files, in the order named (folders in name order).
        public var files: [FileRun]
        /// What is wrong with the paths named (a folder with no scenario files).
        public var diagnostics: [Diagnostic]
        /// Whether a path named could not be read at all.
        public var hasUnreadableInput: Bool

        /// Every diagnostic, of the paths and of the files.
        public var allDiagnostics: [Diagnostic] { diagnostics + files.flatMap(\.diagnostics) }
        /// Every result.
        public var results: [ScenarioResult] { files.flatMap(\.results) }
        /// Whether every file ran and every scenario passed.
        public var passed: Bool {
            !hasUnreadableInput && !allDiagnostics.hasErrors && results.allSatisfy(\.passed)
        }
    }

    /// The scenario files among the paths: each folder replaced by its scenario files, each file once.
    public static func files(in paths: [String]) -> (files: [String], diagnostics: [Diagnostic], unreadable: Bool) {
        var files: [String] = []
        var diagnostics: [Diagnostic] = []
        var unreadable = false
        for path in paths {
            if let found = WorkflowLibrary.scenarioFiles(in: path) {
                if found.isEmpty {
                    unreadable = true
                    diagnostics.append(Diagnostic(.noWorkflowFiles, at: SourceLocation(file: path, line: 1, column: 1),
                        Text(id: "tidak ada berkas skenario (.scenarios.yaml) di folder '\(path)'",
                            en: "no scenario files (.scenarios.yaml) in folder '\(path)'"),
                        hint: Text(
                            id: "tulis skenario dalam berkas NAMA.scenarios.yaml di samping alur kerjanya, atau buat dengan `sop test --generate ALUR`",
                            en: "write scenarios in a file NAME.scenarios.yaml beside their workflow, or make one with `sop test --generate WORKFLOW`")))
                }
                files += found
            } else {
                files.append(path)
            }
        }
        var seen = Set<String>()
        files = files.filter { seen.insert(URL(fileURLWithPath: $0).standardizedFileURL.path).inserted }
        return (files, diagnostics, unreadable)
    }

    /// Checks and runs the scenario files among the paths.
    public static func run(paths: [String]) -> Run {
        let listed = files(in: paths)
        var run = Run(files: [], diagnostics: listed.diagnostics, hasUnreadableInput: listed.unreadable)
        for path in listed.files {
            let file = self.run(file: path)
            if file.diagnostics.contains(where: { $0.code == .unreadableFile }) { run.hasUnreadableInput = true }
            run.files.append(file)
        }
        return run
    }

    /// Checks and runs one scenario file.
    public static func run(file path: String) -> FileRun {
        let loaded = ScenarioLoader.load(path: path)
        var run = FileRun(path: path, workflow: nil, diagnostics: loaded.diagnostics, results: [], seconds: 0)
        if let file = loaded.file { check(file, into: &run) }
        if let text = loaded.text { run.diagnostics.attachSourceLines(file: path, text: text) }
        run.diagnostics = run.diagnostics.sortedByLocation()
        return run
    }

    /// Checks a loaded file against its workflow and, when nothing is wrong, runs its scenarios.
    private static func check(_ file: ScenarioFile, into run: inout FileRun) {
        guard let (workflow, calendar) = workflow(for: file, diagnostics: &run.diagnostics) else { return }
        var check = ScenarioCheck(workflow: workflow)
        check.check(file)
        run.diagnostics += check.diagnostics
        guard !run.diagnostics.hasErrors else { return }
        guard let runner = ScenarioRunner(workflow: workflow, calendar: calendar) else {
            run.diagnostics.append(Diagnostic(.scenarioWorkflowHasErrors, at: file.workflow.location, Text(
                id: "kalender '\(calendar.id.value)' alur kerja '\(workflow.id.value)' tidak memiliki jam kerja atau zona waktu yang dapat dipakai",
                en: "the calendar '\(calendar.id.value)' of workflow '\(workflow.id.value)' has no usable office hours or time zone")))
            return
        }
        run.workflow = workflow
        let started = DispatchTime.now().uptimeNanoseconds
        run.results = file.scenarios.enumerated().map { runner.run($1, number: $0 + 1) }
        run.seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
    }

    /// The workflow a file names, found in the file's folder, with its calendar; nil (reported
    /// at `workflow:`) when it is not there or has errors.
    static func workflow(for file: ScenarioFile, diagnostics: inout [Diagnostic]) -> (Workflow, WorkCalendar)? {
        let folder = (file.path as NSString).deletingLastPathComponent
        let library = WorkflowLibrary(folder: folder.isEmpty ? "." : folder)
        let named = file.workflow
        let found: FoundWorkflow
        switch library.find(named.value) {
        case .success(let workflow): found = workflow
        case .failure(let error):
            diagnostics.append(Diagnostic(.unknownWorkflow, at: named.location, error.message,
                hint: Text(
                    id: "berkas skenario berada di folder alur kerjanya; sebutkan id alur kerja itu",
                    en: "a scenario file lives in the folder of its workflow; name that workflow's id")))
            return nil
        }
        let validated = Validator.validate(found)
        let errors = validated.diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty, let calendar = validated.calendar ?? found.calendar else {
            let notes = errors.prefix(5).map { Diagnostic.Note(location: $0.location, message: Text(verbatim: "\($0.code): ") + $0.message) }
            diagnostics.append(Diagnostic(.scenarioWorkflowHasErrors, at: named.location, Text(
                id: "alur kerja '\(named.value)' (\(found.file.path)) memiliki \(max(errors.count, 1)) kesalahan; skenarionya tidak dijalankan",
                en: "workflow '\(named.value)' (\(found.file.path)) has \(max(errors.count, 1)) error(s); its scenarios are not run"),
                hint: Text(
                    id: "perbaiki alur kerjanya lebih dulu: `sop validate \(found.file.path)`",
                    en: "fix the workflow first: `sop validate \(found.file.path)`"),
                notes: Array(notes)))
            return nil
        }
        return (found.workflow, calendar)
    }
}

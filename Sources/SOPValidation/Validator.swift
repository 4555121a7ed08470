import Foundation
import SOPCore
import SOPLoading
import SOPModel

/// A workflow a user named, validated, with the findings about its file.
public struct NamedWorkflow: Sendable {
    /// The workflow.
    public var workflow: Workflow
    /// The findings about the workflow's file (all checks, cross-file ones included).
    public var diagnostics: [Diagnostic]
    /// The calendar the workflow names, when it was found.
    public var calendar: WorkCalendar?
}

/// Everything found in one run of the validator.
public struct ValidationReport: Sendable {
    /// The files read, in the order they were named (folders expanded in name order).
    public var files: [LoadedFile]
    /// Every finding, ordered by file, line and column, each with its source line when known.
    public var diagnostics: [Diagnostic]
    /// Whether some input could not be read at all (a missing path, a folder with no files).
    public var hasUnreadableInput: Bool
    /// The findings the files accept (`# sop-ignore CODE: reason`), in the same order; not in
    /// `diagnostics`, and so not counted.
    public var suppressed: [SuppressedDiagnostic] = []

    /// The workflows that could be loaded (possibly with errors).
    public var workflows: [Workflow] { files.compactMap(\.workflow) }
    /// The calendars that could be loaded (possibly with errors).
    public var calendars: [WorkCalendar] { files.compactMap(\.calendar) }

    /// How many findings have a severity.
    public func count(_ severity: Severity) -> Int { diagnostics.filter { $0.severity == severity }.count }
}

/// Validates workflow and calendar files: all findings of all checks in one run.
///
/// The validator checks the documents it is given; reading files and listing folders is the
/// `WorkflowLibrary`'s (SOPLoading).
public enum Validator {
    /// Validates files and folders (folders are searched for `.yaml` and `.yml` files), read by
    /// `WorkflowLibrary.read(paths:)`.
    ///
    /// Workflow and calendar ids that the files refer to are looked up among the files given and
    /// the files beside them. With `against`, each workflow with the same id as the old file is
    /// checked as its next revision. With `now`, each calendar must cover the year of `now` and the
    /// next one (`SOP0704`).
    public static func validate(paths: [String], against oldPath: String? = nil, now: Date? = nil) -> ValidationReport {
        let documents = WorkflowLibrary.read(paths: paths)
        return validate(documents, against: oldPath.map(Loader.load(path:)), now: now)
    }

    /// Validates documents read together: ids they refer to are looked up among their files and
    /// the ids declared beside them; `old` is the previous revision, if any; with `now`, calendars
    /// are checked to cover its year and the next. The findings about the inputs themselves (a
    /// folder with no files) are among the report's.
    public static func validate(_ documents: LoadedDocuments, against old: LoadedFile? = nil, now: Date? = nil) -> ValidationReport {
        var scope = ValidationScope(workflows: documents.neighbourWorkflows, calendars: documents.neighbourCalendars)
        for file in documents.files { add(file, to: &scope) }
        var report = validate(files: documents.files, scope: scope, against: old, now: now)
        report.diagnostics = (report.diagnostics + documents.diagnostics).sortedByLocation()
        report.hasUnreadableInput = documents.hasUnreadableInput || report.hasUnreadableInput
        return report
    }

    /// Validates a workflow found in a library with the files read to find it; the findings
    /// about its own file (all checks, cross-file ones included).
    public static func validate(_ found: FoundWorkflow) -> NamedWorkflow {
        let report = validate(found.documents)
        return NamedWorkflow(
            workflow: found.workflow, diagnostics: report.diagnostics.filter { $0.location.file == found.file.path },
            calendar: found.calendar)
    }

    /// Validates files already loaded, in a given scope; `old` is the previous revision, if any;
    /// with `now`, calendars are checked to cover its year and the next.
    public static func validate(
        files: [LoadedFile], scope: ValidationScope, against old: LoadedFile? = nil, now: Date? = nil
    ) -> ValidationReport {
        var diagnostics = files.flatMap(\.diagnostics)
        if let now { diagnostics += CalendarCoverageCheck.check(files.compactMap(\.calendar), now: now) }
        for file in files {
            guard let workflow = file.workflow else { continue }
            let graph = WorkflowGraph(workflow)
            diagnostics += ReferenceCheck.check(workflow, scope: scope)
            diagnostics += FlowCheck.check(workflow, graph: graph)
            diagnostics += DocumentFlowCheck.check(workflow, graph: graph)
            diagnostics += TimeCheck.check(workflow, graph: graph)
            diagnostics += EscalationCheck.check(workflow)
        }
        diagnostics += CrossFileCheck.check(files)
        var otherTexts: [(String, String)] = []
        if let old {
            // The old file's own errors explain a comparison that could not be made (once, if the
            // old file is also among the files checked).
            let oldErrors = old.diagnostics.filter { $0.severity == .error }
            diagnostics += oldErrors.filter { !diagnostics.contains($0) }
            if let text = old.text { otherTexts.append((old.path, text)) }
            if old.workflow == nil && !old.isUnreadable {
                let message = oldErrors.isEmpty
                    ? Text(
                        id: "'\(old.path)' tidak memuat alur kerja untuk dibandingkan",
                        en: "'\(old.path)' holds no workflow to compare with")
                    : Text(
                        id: "revisi lama '\(old.path)' tidak dapat dimuat, sehingga tidak ada yang dibandingkan",
                        en: "the old revision '\(old.path)' cannot be loaded, so nothing was compared")
                diagnostics.append(Diagnostic(.revisionOtherWorkflow, at: SourceLocation(file: old.path, line: 1, column: 1),
                    message, hint: Text(
                        id: "sebutkan berkas alur kerja revisi sebelumnya, yang bebas kesalahan, sesudah --against",
                        en: "name the previous revision's workflow file after --against, without errors")))
            }
            if let oldWorkflow = old.workflow {
                let candidates = files.compactMap(\.workflow)
                let same = candidates.filter { $0.id.value == oldWorkflow.id.value }
                if same.isEmpty, let first = candidates.first {
                    diagnostics += RevisionCheck.check(new: first, old: oldWorkflow)
                } else {
                    for workflow in same { diagnostics += RevisionCheck.check(new: workflow, old: oldWorkflow) }
                }
            }
        }
        var suppressions: [Suppression] = []
        for file in files {
            guard let text = file.text else { continue }
            let read = Suppressions.read(text, file: file.path)
            suppressions += read.suppressions
            diagnostics += read.diagnostics
        }
        let split = Suppressions.apply(suppressions, to: diagnostics)
        diagnostics = split.kept
        var accepted = split.suppressed.map(\.diagnostic)
        for file in files {
            guard let text = file.text else { continue }
            diagnostics.attachSourceLines(file: file.path, text: text)
            accepted.attachSourceLines(file: file.path, text: text)
        }
        for (path, text) in otherTexts { diagnostics.attachSourceLines(file: path, text: text) }
        let unreadable = files.contains(where: \.isUnreadable) || old?.isUnreadable == true
        var report = ValidationReport(files: files, diagnostics: diagnostics.sortedByLocation(), hasUnreadableInput: unreadable)
        report.suppressed = zip(split.suppressed, accepted).map { SuppressedDiagnostic(diagnostic: $1, suppression: $0.suppression) }
            .sorted { $0.diagnostic.location < $1.diagnostic.location }
        return report
    }

    private static func add(_ file: LoadedFile, to scope: inout ValidationScope) {
        if let workflow = file.workflow { scope.workflows.insert(workflow.id.value) }
        if let calendar = file.calendar { scope.calendars.insert(calendar.id.value) }
    }
}

/// Checks across files: one id and revision per file, one name per NIP.
enum CrossFileCheck {
    static func check(_ files: [LoadedFile]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var revisions: [String: SourceLocation] = [:]
        var calendars: [CalendarID: SourceLocation] = [:]
        var approvers: [String: (name: String, location: SourceLocation, workflow: WorkflowID)] = [:]
        for file in files {
            if let calendar = file.calendar {
                if let first = calendars[calendar.id.value] {
                    diagnostics.append(Diagnostic(.duplicateID, at: calendar.id.location,
                        Text(
                            id: "id kalender '\(calendar.id.value)' dipakai oleh dua berkas",
                            en: "calendar id '\(calendar.id.value)' is used by two files"),
                        notes: [.init(location: first, message: Text(id: "pertama dipakai di sini", en: "first used here"))]))
                } else {
                    calendars[calendar.id.value] = calendar.id.location
                }
            }
            guard let workflow = file.workflow else { continue }
            let key = "\(workflow.id.value)@\(workflow.revision.value)"
            if let first = revisions[key] {
                diagnostics.append(Diagnostic(.duplicateID, at: workflow.revision.location,
                    Text(
                        id: "revisi \(workflow.revision.value) alur kerja '\(workflow.id.value)' terdapat di dua berkas",
                        en: "revision \(workflow.revision.value) of workflow '\(workflow.id.value)' is in two files"),
                    hint: Text(id: "naikkan `revision:` pada berkas yang lebih baru", en: "raise `revision:` in the newer file"),
                    notes: [.init(location: first, message: Text(id: "pertama di sini", en: "first here"))]))
            } else {
                revisions[key] = workflow.revision.location
            }
            if let approver = workflow.document.approvedBy, let nip = approver.nip {
                if let first = approvers[nip.value], first.name != approver.name {
                    diagnostics.append(Diagnostic(.approverMismatch, at: nip.location,
                        Text(
                            id: "NIP \(nip.value) ditandatangani sebagai '\(approver.name)' di sini, tetapi sebagai '\(first.name)' pada alur kerja '\(first.workflow)'",
                            en: "NIP \(nip.value) is signed as '\(approver.name)' here but as '\(first.name)' in workflow '\(first.workflow)'"),
                        notes: [.init(location: first.location, message: Text(
                            id: "ditandatangani sebagai '\(first.name)' di sini",
                            en: "signed as '\(first.name)' here"))]))
                } else if approvers[nip.value] == nil {
                    approvers[nip.value] = (approver.name, nip.location, workflow.id.value)
                }
            }
        }
        return diagnostics
    }
}

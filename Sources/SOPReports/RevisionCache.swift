import SOPCore
import SOPEngine
import SOPLoading
import SOPModel
import SOPService
import SOPStorage

/// A workflow revision as reports use it: its steps and names, and the working time of its
/// calendar. A class: one reference per case, not a copy of every part.
final class Revision: Sendable {
    /// The workflow.
    let workflow: Workflow
    /// Its reference.
    let reference: WorkflowReference
    /// The working time of its calendar.
    let workingTime: WorkingTime
    /// The length of a usual working day of its calendar, in minutes (`WorkCalendar.usualDayMinutes`).
    let workingDayMinutes: Int?
    /// Each step's number in the flow table (1-based).
    let stepNumbers: [StepID: Int]
    /// Steps of the reporter (`Workflow.isReporterStep`: all their actors external; the case
    /// waits on the reporter while it stands on one).
    let reporterSteps: Set<StepID>

    init(workflow: Workflow, reference: WorkflowReference, workingTime: WorkingTime, calendar: WorkCalendar) {
        self.workflow = workflow
        self.reference = reference
        self.workingTime = workingTime
        workingDayMinutes = calendar.usualDayMinutes
        var numbers: [StepID: Int] = [:]
        for (index, step) in workflow.steps.enumerated() where numbers[step.id.value] == nil {
            numbers[step.id.value] = index + 1
        }
        stepNumbers = numbers
        reporterSteps = Set(workflow.steps.filter(workflow.isReporterStep).map(\.id.value))
    }

    /// The step's activity, or its id when the revision does not have it.
    func activity(_ step: StepID) -> String { workflow.step(step)?.activity ?? step.rawValue }
}

/// The revisions cases run on, each loaded once from the text stored under its hash, with the
/// calendar it names (each calendar read once from the workflows folder).
final class RevisionCache {
    private let service: CaseService
    private var revisions: [String: Revision] = [:]
    private var calendars: [CalendarID: (WorkCalendar, WorkingTime)] = [:]

    init(service: CaseService) {
        self.service = service
    }

    /// Every revision loaded so far.
    var loaded: [Revision] { Array(revisions.values) }

    /// The revision a case runs on, if loaded already.
    func cached(_ reference: WorkflowReference) -> Revision? { revisions[reference.contentHash] }

    /// The revision a case runs on.
    func revision(_ reference: WorkflowReference) throws(ServiceError) -> Revision {
        if let known = revisions[reference.contentHash] { return known }
        let text: String?
        do {
            text = try service.store.workflowText(hash: reference.contentHash)
        } catch {
            throw .store(error)
        }
        guard let text else {
            throw ServiceError(.workflow, Text(
                id: "teks alur kerja '\(reference.id)' revisi \(reference.revision) yang dipakai pengaduan tidak ada di basis data",
                en: "the text of workflow '\(reference.id)' revision \(reference.revision) that cases run on is missing from the database"))
        }
        guard let workflow = Loader.load(text: text, file: "\(reference.id)@\(reference.revision)").workflow else {
            throw ServiceError(.workflow, Text(
                id: "teks tersimpan alur kerja '\(reference.id)' revisi \(reference.revision) tidak dapat dimuat",
                en: "the stored text of workflow '\(reference.id)' revision \(reference.revision) cannot be loaded"))
        }
        let id = workflow.calendar?.value ?? CalendarID("")
        let calendar: WorkCalendar
        let workingTime: WorkingTime
        if let known = calendars[id] {
            (calendar, workingTime) = known
        } else {
            do {
                calendar = try service.calendar(for: workflow)
            } catch {
                throw ServiceError(.workflow, error.message)
            }
            guard let time = WorkingTime(calendar: calendar) else {
                throw ServiceError(.workflow, Text(
                    id: "kalender '\(id)' tidak memiliki jam kerja atau zona waktu yang dapat dipakai",
                    en: "calendar '\(id)' has no usable office hours or time zone"))
            }
            workingTime = time
            calendars[id] = (calendar, time)
        }
        let revision = Revision(workflow: workflow, reference: reference, workingTime: workingTime, calendar: calendar)
        revisions[reference.contentHash] = revision
        return revision
    }

    /// The newest revision loaded of a workflow (the highest revision number), for its names.
    func newest(_ workflow: WorkflowID) -> Revision? {
        revisions.values.filter { $0.reference.id == workflow }
            .max { ($0.reference.revision, $0.reference.contentHash) < ($1.reference.revision, $1.reference.contentHash) }
    }

    /// The revisions loaded of a workflow, newest first.
    func all(_ workflow: WorkflowID) -> [Revision] {
        revisions.values.filter { $0.reference.id == workflow }
            .sorted { ($0.reference.revision, $0.reference.contentHash) > ($1.reference.revision, $1.reference.contentHash) }
    }

    /// The length of a usual working day, when every calendar loaded agrees on it.
    var workingDayMinutes: Int? {
        let lengths = Set(revisions.values.map(\.workingDayMinutes))
        return lengths.count == 1 ? lengths.first ?? nil : nil
    }
}

/// What a "hari" of working time is in a report: a usual working day of the calendar.
public enum WorkingDay {
    /// A number of working minutes in the words budgets are written in (`Budget.description`):
    /// whole usual working days first when their length is known, then hours and minutes —
    /// `1 hari 2 jam 5 menit`, `26 jam 5 menit`, `0 menit`.
    public static func text(minutes: Int, dayMinutes: Int?) -> String {
        let minutes = max(0, minutes)
        guard let day = dayMinutes, day > 0 else { return Budget(minutes: minutes).description }
        return Budget(days: minutes / day, minutes: minutes % day).description
    }
}

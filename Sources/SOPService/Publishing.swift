import Foundation
import SOPCore
import SOPEngine
import SOPLoading
import SOPModel
import SOPStorage
import SOPValidation

/// Files an administrator means to publish, checked: what would be published, and the report of
/// the validator on them (with the calendars their workflows name).
public struct PublicationPlan: Sendable {
    /// The validator's report on the files and the calendars they name.
    public var report: ValidationReport
    /// The texts to publish, workflows first, then calendars.
    public var texts: [PublishedText]

    /// The errors that stop the publication.
    public var errors: [Diagnostic] { report.diagnostics.filter { $0.severity == .error } }
}

extension CaseService {
    // MARK: Publishing

    /// Reads and validates files to publish (folders are replaced by their files): each workflow
    /// revision with the calendar it names (the file beside it that declares that id), and each
    /// calendar given.
    public func planPublication(paths: [String]) -> PublicationPlan {
        var all = paths
        let first = Validator.validate(paths: paths)
        for file in first.files {
            guard let workflow = file.workflow, let id = workflow.calendar?.value,
                  !first.calendars.contains(where: { $0.id.value == id }),
                  let path = Self.calendarFile(id, beside: file.path), !all.contains(path)
            else { continue }
            all.append(path)
        }
        let report = all == paths ? first : Validator.validate(paths: all)
        var workflows: [PublishedText] = []
        var calendars: [PublishedText] = []
        for file in report.files {
            guard let text = file.text else { continue }
            if let workflow = file.workflow {
                workflows.append(.workflow(WorkflowText(text: text, workflow: workflow.id.value, revision: workflow.revision.value)))
            } else if let calendar = file.calendar {
                calendars.append(.calendar(id: calendar.id.value.rawValue, text: text))
            }
        }
        return PublicationPlan(report: report, texts: workflows + calendars)
    }

    /// The file beside `path` (in its folder) that declares calendar `id`.
    static func calendarFile(_ id: CalendarID, beside path: String) -> String? {
        let folder = (path as NSString).deletingLastPathComponent
        return WorkflowLibrary.files(in: folder.isEmpty ? "." : folder, recursive: false)?.first { candidate in
            let identity = Loader.identity(path: candidate)
            return identity.kind == "Calendar" && identity.id == id.rawValue
        }
    }

    /// Publishes a plan, by an administrator, in one transaction: refused when its files have
    /// errors or hold nothing to publish, or when a revision was published before with another
    /// text. A calendar published anew computes the due times of the open cases that use it again
    /// in the same transaction, as a `rescheduled` event on each case whose due times move (see
    /// `Engine.reschedule`); ended cases keep their history.
    public func publish(_ plan: PublicationPlan, by actor: String?, at instant: Date) throws(ServiceError) -> PublicationOutcome {
        let administrator = try checkPublishable(plan, by: actor)
        let (plan, unchanged) = try withoutCommentChanges(plan, published: try publications())
        let engines = try reschedulingEngines(plan, published: try publications())
        let record: PublicationRecord
        do {
            record = try store.publish(plan.texts, by: administrator.user, at: instant, rescheduling: Set(engines.keys)) { stored in
                try Self.rescheduling(stored.state, engines: engines, by: administrator, at: instant).map { [$0] } ?? []
            }
        } catch let error as StoreError where [.revisionPublished, .notAdministrator, .conflict].contains(error.code) {
            throw ServiceError(error.code, error.message)
        } catch let error as EngineError {
            throw .engine(error)
        } catch {
            throw .store(error)
        }
        let rescheduled = record.cases.compactMap { written -> RescheduledCase? in
            guard case .rescheduled(let change)? = written.events.last?.kind else { return nil }
            return RescheduledCase(written.state, change)
        }
        return PublicationOutcome(
            dryRun: false, published: record.publications, wouldPublish: [], rescheduled: rescheduled, publishedInOtherWords: unchanged)
    }

    /// The plan without the workflow revisions that were published with a text that says the same
    /// in other comments or layout (a header comment corrected, say): the published text stays in
    /// force, the exact evidence of what was published, and such a revision is listed apart.
    /// A revision published before with a text that says something else is left in the plan, and
    /// refused as always.
    func withoutCommentChanges(
        _ plan: PublicationPlan, published: [Publication]
    ) throws(ServiceError) -> (plan: PublicationPlan, unchanged: [PendingPublication]) {
        var kept = plan
        var unchanged: [PendingPublication] = []
        kept.texts = []
        for text in plan.texts {
            guard case .workflow(let workflow) = text,
                let earlier = published.first(where: {
                    $0.kind == .workflow && $0.id == workflow.workflow.rawValue && $0.revision == workflow.revision
                }),
                earlier.hash != text.hash
            else {
                kept.texts.append(text)
                continue
            }
            let stored: String?
            do { stored = try store.workflowText(hash: earlier.hash) } catch { throw .store(error) }
            guard let stored, Loader.saysTheSame(stored, as: workflow.text) else {
                kept.texts.append(text)
                continue
            }
            unchanged.append(PendingPublication(kind: .workflow, id: workflow.workflow.rawValue, revision: workflow.revision, hash: earlier.hash))
        }
        return (kept, unchanged)
    }

    /// Every publication, oldest first.
    public func publications() throws(ServiceError) -> [Publication] {
        do {
            return try store.publications()
        } catch {
            throw .store(error)
        }
    }

    /// The published revisions of a workflow, newest first.
    func publishedRevisions(of id: String) throws(ServiceError) -> [Publication] {
        try publications().filter { $0.kind == .workflow && $0.id == id }.sorted { ($0.revision ?? 0) > ($1.revision ?? 0) }
    }

    /// The refusal for a workflow no revision of which is published: the ids that are, the
    /// nearest of them, and how to publish.
    func nothingPublished(of id: String) throws(ServiceError) -> ServiceError {
        let known = try publishedWorkflowIDs()
        let suggestion = ServiceError.suggestion(id, among: known)
        let list = known.isEmpty ? "-" : known.joined(separator: ", ")
        return ServiceError(.workflow, Text(
            id: "belum ada revisi '\(id)' yang diterbitkan\(suggestion.id); yang terbit: \(list) — administrator menerbitkannya "
                + "dengan `sop publish BERKAS`",
            en: "no revision of '\(id)' is published\(suggestion.en); published: \(list) — an administrator publishes one "
                + "with `sop publish FILE`"))
    }

    /// The published workflows' ids.
    public func publishedWorkflowIDs() throws(ServiceError) -> [String] {
        Set(try publications().filter { $0.kind == .workflow }.map(\.id)).sorted()
    }

    /// The newest published revision of each published workflow, loaded.
    public func publishedWorkflows() throws(ServiceError) -> [Workflow] {
        var newest: [String: Publication] = [:]
        for publication in try publications() where publication.kind == .workflow {
            if (newest[publication.id]?.revision ?? 0) < (publication.revision ?? 0) { newest[publication.id] = publication }
        }
        var workflows: [Workflow] = []
        for publication in newest.values.sorted(by: { $0.id < $1.id }) {
            let text: String?
            do { text = try store.workflowText(hash: publication.hash) } catch { throw .store(error) }
            if let text, let workflow = Loader.load(text: text, file: publication.id).workflow { workflows.append(workflow) }
        }
        return workflows
    }

    /// The newest published calendar with an id, loaded; nil when none is published.
    func publishedCalendar(_ id: CalendarID) throws(ServiceError) -> WorkCalendar? {
        guard let publication = try publications().last(where: { $0.kind == .calendar && $0.id == id.rawValue }) else { return nil }
        let text: String?
        do { text = try store.calendarText(hash: publication.hash) } catch { throw .store(error) }
        guard let text, let calendar = Loader.load(text: text, file: "\(id.rawValue) (\(publication.hash.prefix(12)))").calendar else {
            throw ServiceError(.workflow, Text(
                id: "teks kalender '\(id)' yang diterbitkan tidak ada di basis data atau tidak dapat dimuat",
                en: "the published text of calendar '\(id)' is missing from the database or cannot be loaded"), isUnreadableInput: true)
        }
        return calendar
    }
}

/// Publications as staff read them.
public enum PublicationText {
    /// What a `sop publish` recorded.
    public static func published(_ publications: [Publication], language: Language) -> String {
        lines(publications, language: language, whenNone: Text(
            id: "Tidak ada yang baru: semuanya sudah diterbitkan dengan teks yang sama.",
            en: "Nothing new: all of it was published with the same text already."))
    }

    /// Every publication, oldest first.
    public static func list(_ publications: [Publication], language: Language) -> String {
        lines(publications, language: language, whenNone: Text(
            id: "Belum ada yang diterbitkan; administrator menerbitkan dengan `sop publish BERKAS`.",
            en: "Nothing is published yet; an administrator publishes with `sop publish FILE`."))
    }

    /// One line per publication, or `whenNone`.
    static func lines(_ publications: [Publication], language: Language, whenNone: Text) -> String {
        guard !publications.isEmpty else { return whenNone(language) + "\n" }
        return publications.map { line($0, language: language) }.joined(separator: "\n") + "\n"
    }

    static func line(_ publication: Publication, language: Language) -> String {
        let what = switch (publication.kind, publication.revision) {
        case (.workflow, let revision?): Text(id: "alur kerja \(publication.id) revisi \(revision)", en: "workflow \(publication.id) revision \(revision)")
        default: Text(id: "kalender \(publication.id)", en: "calendar \(publication.id)")
        }
        let by = publication.by == "-" ? Text(id: "(pemutakhiran sop)", en: "(sop upgrade)")(language) : publication.by
        return Text(
            id: "\(publication.number). \(what.id) diterbitkan oleh \(by), \(TimeText.date(publication.at, in: language)) (sha256 \(publication.hash.prefix(12)))",
            en: "\(publication.number). \(what.en) published by \(by), \(TimeText.date(publication.at, in: language)) (sha256 \(publication.hash.prefix(12)))")(language)
    }
}

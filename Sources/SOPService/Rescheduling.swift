import Foundation
import SOPCore
import SOPEngine
import SOPLoading
import SOPModel
import SOPStorage

/// A case whose due times a calendar published anew moves (or would move, in a dry run).
public struct RescheduledCase: Hashable, Sendable, Encodable {
    /// The case's number.
    public var number: Int
    /// Its register number.
    public var registerNumber: String
    /// The workflow it runs on.
    public var workflow: String
    /// The revision it runs on.
    public var revision: Int
    /// The calendar published anew.
    public var calendar: String
    /// The step it stands on.
    public var step: String
    /// When the step was due before (nil: a step with no stated time).
    public var stepDueAt: Date?
    /// When it is due after (nil: a step with no stated time).
    public var newStepDueAt: Date?
    /// How far the step's due time moves, in seconds (negative: earlier).
    public var stepShiftSeconds: Int
    /// When the whole case was due before.
    public var dueAt: Date
    /// When it is due after.
    public var newDueAt: Date
    /// How far the case's due time moves, in seconds (negative: earlier).
    public var caseShiftSeconds: Int

    /// The record of a case and the rescheduling of it.
    init(_ state: CaseState, _ change: CaseEvent.Rescheduling) {
        number = state.number
        registerNumber = state.registerNumber
        workflow = state.workflow.id.rawValue
        revision = state.workflow.revision
        calendar = change.calendar
        step = change.step.rawValue
        stepDueAt = change.previousStepDueAt
        newStepDueAt = change.stepDueAt
        stepShiftSeconds = Int(change.stepShift.rounded())
        dueAt = change.previousDueAt
        newDueAt = change.dueAt
        caseShiftSeconds = Int(change.caseShift.rounded())
    }
}

/// A text a publication would record (a dry run).
public struct PendingPublication: Hashable, Sendable, Encodable {
    /// What it is.
    public var kind: Publication.Kind
    /// The workflow's or calendar's id.
    public var id: String
    /// The workflow's revision (nil for a calendar).
    public var revision: Int?
    /// The SHA-256 of the text.
    public var hash: String
}

/// What `sop publish` did, or would do with `--dry-run`: the publications, and the open cases
/// whose due times a calendar published anew moves.
public struct PublicationOutcome: Sendable, Encodable {
    /// Whether nothing was written (`--dry-run`).
    public var dryRun: Bool
    /// The publications recorded (none in a dry run).
    public var published: [Publication]
    /// The texts a dry run would publish (none otherwise).
    public var wouldPublish: [PendingPublication]
    /// The open cases whose due times moved (or would move), by number.
    public var rescheduled: [RescheduledCase]
    /// Workflow revisions whose files differ from their published text only in comments or
    /// layout: nothing of theirs is published, the published text stays (its hash here).
    public var publishedInOtherWords: [PendingPublication] = []

    enum CodingKeys: String, CodingKey { case dryRun, published, wouldPublish, rescheduled, publishedInOtherWords }

    public func encode(to encoder: any Encoder) throws {
        var values = encoder.container(keyedBy: CodingKeys.self)
        try values.encode(dryRun, forKey: .dryRun)
        if dryRun { try values.encode(wouldPublish, forKey: .wouldPublish) } else { try values.encode(published, forKey: .published) }
        try values.encode(rescheduled, forKey: .rescheduled)
        try values.encode(publishedInOtherWords, forKey: .publishedInOtherWords)
    }

    /// Whether it publishes (or would publish) a calendar anew.
    public var publishesCalendar: Bool {
        dryRun ? wouldPublish.contains { $0.kind == .calendar } : published.contains { $0.kind == .calendar }
    }
}

extension CaseService {
    // MARK: Calendars published anew

    /// A calendar of a plan whose text is not the one in force, loaded, with its text's hash.
    struct CalendarChange {
        let calendar: WorkCalendar
        let hash: String
    }

    /// The engines that compute the due times of open cases again: for each revision open cases
    /// run on whose calendar the plan publishes anew, the revision with the new calendar.
    func reschedulingEngines(
        _ plan: PublicationPlan, published publications: [Publication]
    ) throws(ServiceError) -> [WorkflowReference: (engine: Engine, change: CalendarChange)] {
        var changes: [String: CalendarChange] = [:]
        for text in plan.texts {
            guard case .calendar(let id, _) = text, Self.calendarInForce(id, among: publications) != text.hash,
                let calendar = plan.report.calendars.first(where: { $0.id.value.rawValue == id })
            else { continue }
            changes[id] = CalendarChange(calendar: calendar, hash: text.hash)
        }
        guard !changes.isEmpty else { return [:] }
        let revisions: [WorkflowReference]
        do { revisions = try store.openCaseRevisions() } catch { throw .store(error) }
        var engines: [WorkflowReference: (engine: Engine, change: CalendarChange)] = [:]
        for reference in revisions {
            let text: String?
            do { text = try store.workflowText(hash: reference.contentHash) } catch { throw .store(error) }
            guard let text, let workflow = Loader.load(text: text, file: "\(reference.id)@\(reference.revision)").workflow,
                let id = workflow.calendar?.value.rawValue, let change = changes[id]
            else { continue }
            engines[reference] = (try runnable(workflow, hash: reference.contentHash, calendar: change.calendar).engine, change)
        }
        return engines
    }

    /// The hash of the calendar text in force for an id (its newest publication), if any.
    static func calendarInForce(_ id: String, among publications: [Publication]) -> String? {
        publications.last(where: { $0.kind == .calendar && $0.id == id })?.hash
    }

    /// The event that computes a case's due times again, when one of `engines` is for its
    /// revision and something it is due by moves (`Engine.reschedule`).
    static func rescheduling(
        _ state: CaseState, engines: [WorkflowReference: (engine: Engine, change: CalendarChange)], by administrator: Performer,
        at instant: Date
    ) throws(EngineError) -> CaseEvent? {
        guard let (engine, change) = engines[state.workflow] else { return nil }
        return try engine.reschedule(state, calendar: change.calendar.id.value.rawValue, hash: change.hash, by: administrator, at: instant)
    }

    /// What publishing a plan would do, with nothing written: the texts not published yet, and
    /// the open cases whose due times would move. Refused as `publish` refuses.
    public func previewPublication(_ plan: PublicationPlan, by actor: String?, at instant: Date) throws(ServiceError) -> PublicationOutcome {
        let administrator = try checkPublishable(plan, by: actor)
        let publications = try publications()
        let (plan, unchanged) = try withoutCommentChanges(plan, published: publications)
        var pending: [PendingPublication] = []
        for text in plan.texts {
            switch text {
            case .workflow(let workflow):
                let published = publications.first { $0.kind == .workflow && $0.id == workflow.workflow.rawValue && $0.revision == workflow.revision }
                if published?.hash == text.hash { continue }
                if published != nil {
                    let refusal = StoreError.revisionPublished(workflow.workflow.rawValue, revision: workflow.revision)
                    throw ServiceError(refusal.code, refusal.message)
                }
                pending.append(PendingPublication(kind: .workflow, id: workflow.workflow.rawValue, revision: workflow.revision, hash: text.hash))
            case .calendar(let id, _):
                if Self.calendarInForce(id, among: publications) == text.hash { continue }
                pending.append(PendingPublication(kind: .calendar, id: id, revision: nil, hash: text.hash))
            }
        }
        let engines = try reschedulingEngines(plan, published: publications)
        let cases: [StoredCase]
        do { cases = try store.openCases(on: Set(engines.keys)) } catch { throw .store(error) }
        var rescheduled: [RescheduledCase] = []
        for stored in cases {
            let event: CaseEvent?
            do {
                event = try Self.rescheduling(stored.state, engines: engines, by: administrator, at: instant)
            } catch {
                throw .engine(error)
            }
            if let event, case .rescheduled(let rescheduling) = event.kind { rescheduled.append(RescheduledCase(stored.state, rescheduling)) }
        }
        return PublicationOutcome(dryRun: true, published: [], wouldPublish: pending, rescheduled: rescheduled, publishedInOtherWords: unchanged)
    }

    /// The administrator publishing a plan, when the plan has no errors and holds something.
    func checkPublishable(_ plan: PublicationPlan, by actor: String?) throws(ServiceError) -> Performer {
        let administrator = try administrator(actor, doing: Text(id: "menerbitkan revisi SOP", en: "publish SOP revisions"))
        let errors = plan.errors
        guard errors.isEmpty else {
            throw ServiceError(.invalidRevision, Text(
                id: "tidak ada yang diterbitkan: \(errors.count) kesalahan: \(ServiceError.firstErrors(errors).id) — perbaiki lalu terbitkan lagi",
                en: "nothing was published: \(errors.count) error(s): \(ServiceError.firstErrors(errors).en) — fix them and publish again"))
        }
        guard !plan.texts.isEmpty else {
            throw ServiceError(.usage, Text(
                id: "tidak ada alur kerja atau kalender untuk diterbitkan", en: "no workflow or calendar to publish"))
        }
        return administrator
    }
}

/// Cases rescheduled by a calendar published anew, as text.
public enum ReschedulingText {
    /// What `sop publish` did or would do: the publications, then the cases whose due times move.
    public static func outcome(_ outcome: PublicationOutcome, language: Language) -> String {
        var text: String
        if outcome.dryRun {
            text = Text(id: "Uji coba (--dry-run): tidak ada yang ditulis.\n", en: "Dry run (--dry-run): nothing was written.\n")(language)
            if outcome.wouldPublish.isEmpty {
                text += Text(
                    id: "Tidak ada yang baru: semuanya sudah diterbitkan dengan teks yang sama.\n",
                    en: "Nothing new: all of it was published with the same text already.\n")(language)
            }
            for item in outcome.wouldPublish {
                let what = item.revision.map { revision in
                    Text(id: "alur kerja \(item.id) revisi \(revision)", en: "workflow \(item.id) revision \(revision)")
                } ?? Text(id: "kalender \(item.id)", en: "calendar \(item.id)")
                text += Text(
                    id: "Akan diterbitkan: \(what.id) (sha256 \(item.hash.prefix(12)))\n",
                    en: "Would publish: \(what.en) (sha256 \(item.hash.prefix(12)))\n")(language)
            }
        } else {
            text = PublicationText.published(outcome.published, language: language)
        }
        for item in outcome.publishedInOtherWords {
            let revision = item.revision ?? 0
            text += Text(
                id: "Alur kerja \(item.id) revisi \(revision): berkasnya hanya berbeda komentar atau tata letak dari teks yang diterbitkan; "
                    + "teks yang diterbitkan (sha256 \(item.hash.prefix(12))) tetap berlaku\n",
                en: "Workflow \(item.id) revision \(revision): its file differs from the published text only in comments or layout; "
                    + "the published text (sha256 \(item.hash.prefix(12))) stays in force\n")(language)
        }
        guard outcome.publishesCalendar else { return text }
        let count = outcome.rescheduled.count
        if count == 0 {
            return text + Text(
                id: "Tidak ada tenggat pengaduan terbuka yang berpindah.\n",
                en: "No due time of an open case moves.\n")(language)
        }
        text += outcome.dryRun
            ? Text(
                id: "Tenggat \(count) pengaduan terbuka akan dihitung ulang menurut kalender baru:\n",
                en: "The due times of \(count) open case(s) would be computed again by the new calendar:\n")(language)
            : Text(
                id: "Tenggat \(count) pengaduan terbuka dihitung ulang menurut kalender baru (lihat `sop case history`):\n",
                en: "The due times of \(count) open case(s) were computed again by the new calendar (see `sop case history`):\n")(language)
        for item in outcome.rescheduled {
            text += Text(
                id: "  \(item.registerNumber) (nomor \(item.number)), \(item.workflow) revisi \(item.revision), langkah \(item.step)\n",
                en: "  \(item.registerNumber) (number \(item.number)), \(item.workflow) revision \(item.revision), step \(item.step)\n")(language)
            text += Text(id: "    tenggat langkah:   ", en: "    step due:          ")(language)
                + TimeText.moved(item.stepDueAt, item.newStepDueAt, in: language) + "\n"
            text += Text(id: "    tenggat pengaduan: ", en: "    case due:          ")(language)
                + TimeText.moved(item.dueAt, item.newDueAt, in: language) + "\n"
        }
        return text
    }
}

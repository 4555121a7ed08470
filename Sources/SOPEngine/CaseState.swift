import Foundation
import SOPModel

/// A complaint case as it stands: the fold of its events.
public struct CaseState: Hashable, Sendable, Codable {
    /// The case's number.
    public var number: Int
    /// The register number.
    public var registerNumber: String
    /// The workflow revision it runs on.
    public var workflow: WorkflowReference
    /// Its fields.
    public var fields: [String: FieldValue]
    /// The channel it came in through.
    public var channel: String?
    /// Where it stands.
    public var status: CaseStatus
    /// The outcome it ended with, if it ended with one.
    public var outcome: OutcomeID?
    /// The SOP it was handed off to, if it was.
    public var handedOffTo: WorkflowID?
    /// When it was opened.
    public var openedAt: Date
    /// The user who opened it.
    public var openedBy: String
    /// When the whole case is due.
    public var dueAt: Date
    /// When it ended.
    public var closedAt: Date?
    /// The step it stands on (nil once it ended).
    public var active: ActiveStep?
    /// The documents attached, in order.
    public var documents: [AttachedDocument]
    /// Documents waived, with the step and the reason.
    public var waivers: [Waiver]
    /// Every step ended so far, in order.
    public var steps: [StepRecord]
    /// Notes, in order.
    public var notes: [Note]
    /// Spans of time the case waited on the reporter (the last one open while it waits).
    public var reporterWaits: [TimeSpan]
    /// How many events the case has; the version checked by optimistic concurrency.
    public var version: Int
    /// Its moves between revisions of its SOP (migrations and their undoing), in order.
    public var revisionChanges: [RevisionChange] = []

    /// A waived document.
    public struct Waiver: Hashable, Sendable, Codable {
        /// The document.
        public var document: DocumentID
        /// The step it was waived at.
        public var step: StepID
        /// Why.
        public var reason: String
        /// Who waived it.
        public var by: String
    }

    /// A note on a case.
    public struct Note: Hashable, Sendable, Codable {
        /// The text.
        public var text: String
        /// When.
        public var at: Date
        /// Who wrote it.
        public var by: String
    }

    /// A span of time; `end` is nil while it lasts.
    public struct TimeSpan: Hashable, Sendable, Codable {
        /// The start.
        public var start: Date
        /// The end, once over.
        public var end: Date?
    }

    /// Whether a document is attached to the case, or waived at a step.
    public func hasDocument(_ document: DocumentID, waivedAt step: StepID) -> Bool {
        documents.contains { $0.document == document } || waivers.contains { $0.document == document && $0.step == step }
    }

    /// The state after a list of events, from the first (`opened`); nil when the list does not
    /// start with `opened` or an event does not fit the state before it.
    public static func fold(_ events: [CaseEvent]) -> CaseState? {
        guard let first = events.first, var state = CaseState(opening: first) else { return nil }
        for event in events.dropFirst() {
            guard state.apply(event) else { return nil }
        }
        return state
    }

    /// The state a case starts in, from its `opened` event.
    public init?(opening event: CaseEvent) {
        guard case .opened(let opened) = event.kind else { return nil }
        number = opened.number
        registerNumber = opened.registerNumber
        workflow = opened.workflow
        fields = opened.fields
        channel = opened.channel
        status = .open
        outcome = nil
        handedOffTo = nil
        openedAt = event.at
        openedBy = event.by
        dueAt = opened.dueAt
        closedAt = nil
        active = nil
        documents = []
        waivers = []
        steps = []
        notes = []
        reporterWaits = []
        version = event.sequence
    }

    /// Room made for the steps and the documents of a case at their first: most cases have a few
    /// of each, and growing a list one element at a time copies it at every doubling.
    private static let initialCapacity = 8

    /// Applies one event; false (and no change) when the event does not fit the state.
    ///
    /// Each kind checks first and then changes the state in place, so no copy of the whole state
    /// is made: this runs for every event of every case.
    @discardableResult
    public mutating func apply(_ event: CaseEvent) -> Bool {
        guard event.sequence == version + 1 else { return false }
        switch event.kind {
        case .opened:
            return false
        case .stepStarted(let step, let dueAt, let waitsForReporter, let actors):
            // Tested by its case rather than compared with nil, and filled by a move: an optional
            // step compared or overwritten goes through its type's general (slow) witnesses.
            guard !status.isFinal, case .none = active else { return false }
            active = .some(ActiveStep(step: step, startedAt: event.at, dueAt: dueAt, actors: actors ?? []))
            setWaiting(waitsForReporter, at: event.at)
        case .documentAttached(let document):
            if documents.capacity == 0 { documents.reserveCapacity(Self.initialCapacity) }
            documents.append(document)
        case .documentWaived(let document, let step, let reason):
            waivers.append(Waiver(document: document, step: step, reason: reason, by: event.by))
        case .stepContributed(let step, let role):
            guard active?.step == step else { return false }
            active?.rolesDone.append(role)
        case .stepCompleted(let step, let branch, let onBehalf):
            guard endStep(step, event, .completed, onBehalf: onBehalf, branch: branch, reason: nil) else { return false }
        case .stepSkipped(let step, let reason):
            guard endStep(step, event, .skipped, onBehalf: false, branch: nil, reason: reason) else { return false }
        case .returnedToReporter(let step, let reason):
            guard endStep(step, event, .returned, onBehalf: false, branch: nil, reason: reason) else { return false }
        case .escalated(let step, let actor, _):
            guard active?.step == step else { return false }
            active?.escalatedTo = actor
        case .noteAdded(let text):
            notes.append(Note(text: text, at: event.at, by: event.by))
        case .ended(let status, let outcome, let handedOffTo, _):
            guard !self.status.isFinal, status.isFinal else { return false }
            self.outcome = outcome
            self.handedOffTo = handedOffTo
            closedAt = event.at
            active = nil
            setWaiting(false, at: event.at)
            self.status = status
        case .migrated(let migration):
            guard move(migration, event, isUndo: false) else { return false }
        case .migrationUndone(let migration):
            guard move(migration, event, isUndo: true) else { return false }
        }
        version = event.sequence
        return true
    }

    /// Ends the active step, which must be `step`, into a record; false when it is not.
    private mutating func endStep(
        _ step: StepID, _ event: CaseEvent, _ ending: StepRecord.Ending, onBehalf: Bool, branch: String?, reason: String?
    ) -> Bool {
        // Read in place: the active step is never copied (a `Date` from another module makes it a
        // value copied and destroyed through its type's general witnesses).
        guard active?.step == step, let startedAt = active?.startedAt, let dueAt = active?.dueAt else { return false }
        if steps.capacity == 0 { steps.reserveCapacity(Self.initialCapacity) }
        steps.append(StepRecord(
            step: step, startedAt: startedAt, dueAt: dueAt, endedAt: event.at, by: event.by,
            onBehalfOfReporter: onBehalf, ending: ending, branch: branch, reason: reason))
        active = nil
        return true
    }

    /// Moves the case onto another revision (or back): the workflow reference, the step (it keeps
    /// its start) and the deadlines change; false when the case is not where the move starts.
    private mutating func move(_ migration: CaseEvent.Migration, _ event: CaseEvent, isUndo: Bool) -> Bool {
        guard !status.isFinal, workflow == migration.from, let current = active, current.step == migration.fromStep else {
            return false
        }
        workflow = migration.to
        dueAt = migration.dueAt
        active = ActiveStep(
            step: migration.step, startedAt: current.startedAt, dueAt: migration.stepDueAt, rolesDone: migration.rolesDone,
            escalatedTo: migration.escalatedTo, actors: migration.actors)
        setWaiting(migration.waitsForReporter, at: event.at)
        revisionChanges.append(RevisionChange(
            migration: migration.migration, isUndo: isUndo, from: migration.from, to: migration.to,
            fromStep: migration.fromStep, step: migration.step, at: event.at, by: event.by))
        return true
    }

    private mutating func setWaiting(_ waiting: Bool, at instant: Date) {
        let isWaiting = reporterWaits.last.map { $0.end == nil } ?? false
        if waiting && !isWaiting {
            reporterWaits.append(TimeSpan(start: instant, end: nil))
        } else if !waiting && isWaiting {
            reporterWaits[reporterWaits.count - 1].end = instant
        }
        if !status.isFinal { status = waiting ? .waitingForReporter : .open }
    }
}

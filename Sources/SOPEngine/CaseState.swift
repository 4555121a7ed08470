import Foundation
import SOPModel

/// A complaint case as it stands: the fold of its events.
///
/// Where the case is in its life is one value, `lifecycle`, whose cases carry only what is valid
/// in them: a case on a step has that step, an ended case has its ending, and nothing else can be
/// built. `status`, `active`, `outcome`, `handedOffTo` and `closedAt` are read from it.
public struct CaseState: Hashable, Sendable {
    /// The case's number.
    public var number: Int
    /// The register number.
    public var registerNumber: String
    /// The workflow revision it runs on.
    public private(set) var workflow: WorkflowReference
    /// Its fields.
    public var fields: [String: FieldValue]
    /// The channel it came in through.
    public var channel: String?
    /// Where the case is in its life.
    public private(set) var lifecycle: CaseLifecycle
    /// When it was opened.
    public var openedAt: Date
    /// The user who opened it.
    public var openedBy: String
    /// When the whole case is due.
    public private(set) var dueAt: Date
    /// The documents attached, in order.
    public private(set) var documents: [AttachedDocument]
    /// Documents waived, with the step and the reason.
    public private(set) var waivers: [Waiver]
    /// Every step ended so far, in order.
    public private(set) var steps: [StepRecord]
    /// Notes, in order.
    public private(set) var notes: [Note]
    /// Spans of time the case waited on the reporter (the last one open while it waits).
    public private(set) var reporterWaits: [TimeSpan]
    /// How many events the case has; the version checked by optimistic concurrency.
    public private(set) var version: Int
    /// When its last event happened: a command is never dated before it.
    public private(set) var lastEventAt: Date
    /// How many of its events happened at a time a member of staff stated (`--at`, kept beside the
    /// time it was recorded), rather than when they were recorded.
    public private(set) var statedTimes: Int = 0
    /// Its moves between revisions of its SOP (moves and their undoing), in order.
    public private(set) var revisionChanges: [RevisionChange] = []
    /// The escalations of the whole case scheduled at its opening, in level order.
    public private(set) var caseEscalations: [ScheduledEscalation] = []
    /// The last level of the whole case's escalation the sweep reached (0: none yet).
    public private(set) var caseEscalationLevel = 0
    /// The actor the whole case was escalated to, who may then act on whatever step it stands on.
    public private(set) var caseEscalatedTo: ActorID?
    /// Whether a calendar change moved the whole case's due time (`rescheduled`): it is then
    /// measured against the due time computed again.
    public private(set) var dueRescheduled = false

    /// The next level of the whole case's escalation still to come, if any.
    public var nextCaseEscalation: ScheduledEscalation? { caseEscalations.first { $0.level > caseEscalationLevel } }

    /// The next moment the sweep has something to do for the case (a reminder or an escalation
    /// of its step, or an escalation of the whole case); nil once it ended or when nothing is
    /// scheduled.
    public var nextScheduledAt: Date? {
        guard !lifecycle.isEnded else { return nil }
        return [active?.nextReminder?.at, active?.nextEscalation?.at, nextCaseEscalation?.at].compactMap { $0 }.min()
    }

    /// Where the case stands, as staff read it.
    public var status: CaseStatus {
        switch lifecycle {
        case .betweenSteps: .open
        case .onStep(let step): step.waitsForReporter ? .waitingForReporter : .open
        case .ended(let ending): ending.status
        }
    }

    /// The step the case stands on (nil between steps and once it ended).
    public var active: ActiveStep? {
        if case .onStep(let step) = lifecycle { step } else { nil }
    }

    /// How the case ended, once it did.
    public var ending: CaseEnding? {
        if case .ended(let ending) = lifecycle { ending } else { nil }
    }

    /// The outcome it ended with, if it ended with one.
    public var outcome: OutcomeID? {
        if case .outcome(let outcome, _)? = ending?.way { outcome } else { nil }
    }

    /// The SOP it was handed off to, if it was.
    public var handedOffTo: HandoffTarget? {
        if case .handedOff(let target)? = ending?.way { target } else { nil }
    }

    /// When it ended.
    public var closedAt: Date? { ending?.at }

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
        guard case .opened(let opened) = event.kind, event.sequence == 1 else { return nil }
        number = opened.number
        registerNumber = opened.registerNumber
        workflow = opened.workflow
        fields = opened.fields
        channel = opened.channel
        lifecycle = .betweenSteps
        openedAt = event.at
        openedBy = event.by
        dueAt = opened.dueAt
        caseEscalations = opened.escalations
        documents = []
        waivers = []
        steps = []
        notes = []
        reporterWaits = []
        version = event.sequence
        lastEventAt = event.at
        statedTimes = event.recordedAt == nil ? 0 : 1
    }

    /// Applies one event; false (and no change) when the event does not fit the state.
    @discardableResult
    public mutating func apply(_ event: CaseEvent) -> Bool {
        guard event.sequence == version + 1 else { return false }
        switch event.kind {
        case .opened:
            return false
        case .stepStarted(let step, let dueAt, let waitsForReporter, let actors, let escalations, let reminders):
            guard case .betweenSteps = lifecycle else { return false }
            lifecycle = .onStep(ActiveStep(
                step: step, startedAt: event.at, dueAt: dueAt, actors: actors ?? [], waitsForReporter: waitsForReporter,
                escalations: escalations, reminders: reminders))
            setWaiting(waitsForReporter, at: event.at)
        case .documentAttached(let document):
            guard !lifecycle.isEnded else { return false }
            documents.append(document)
        case .documentWaived(let document, let step, let reason):
            guard active?.step == step else { return false }
            waivers.append(Waiver(document: document, step: step, reason: reason, by: event.by))
        case .stepContributed(let step, let role, _):
            guard var active, active.step == step else { return false }
            active.rolesDone.append(role)
            lifecycle = .onStep(active)
        case .stepCompleted(let step, let branch, let onBehalf):
            guard endStep(step, event, .completed, onBehalf: onBehalf, branch: branch, reason: nil) else { return false }
        case .stepSkipped(let step, let reason):
            guard endStep(step, event, .skipped, onBehalf: false, branch: nil, reason: reason) else { return false }
        case .returnedToReporter(let step, let reason):
            guard endStep(step, event, .returned, onBehalf: false, branch: nil, reason: reason) else { return false }
        case .escalated(let step, let actor, _, _):
            guard var active, active.step == step else { return false }
            active.escalatedTo = actor
            lifecycle = .onStep(active)
        case .escalatedBySchedule(let step, let level, let actor, let due):
            // Only the next level, exactly as scheduled: a level never fires twice.
            let scheduled = ScheduledEscalation(level: level, to: actor, at: due)
            if let step {
                guard var active, active.step == step, active.nextEscalation == scheduled else { return false }
                active.escalatedTo = actor
                active.escalationLevel = level
                lifecycle = .onStep(active)
            } else {
                guard !lifecycle.isEnded, nextCaseEscalation == scheduled else { return false }
                caseEscalatedTo = actor
                caseEscalationLevel = level
            }
        case .reminded(let step, let reminder, let due):
            // Only the next reminder, exactly as scheduled: a reminder is never recorded twice.
            guard var active, active.step == step, active.nextReminder == ScheduledReminder(reminder, at: due) else { return false }
            active.remindersSent += 1
            lifecycle = .onStep(active)
        case .noteAdded(let text):
            notes.append(Note(text: text, at: event.at, by: event.by))
        case .ended(let status, let outcome, let handedOffTo, let reason):
            guard !lifecycle.isEnded, let way = CaseEnding.Way(status: status, outcome: outcome, handedOffTo: handedOffTo) else {
                return false
            }
            setWaiting(false, at: event.at)
            lifecycle = .ended(CaseEnding(way: way, at: event.at, reason: reason))
        case .moved(let move):
            guard self.move(move, event, isUndo: false) else { return false }
        case .moveUndone(let move):
            guard self.move(move, event, isUndo: true) else { return false }
        case .rescheduled(let change):
            guard reschedule(change) else { return false }
        }
        version = event.sequence
        lastEventAt = max(lastEventAt, event.at)
        if event.recordedAt != nil { statedTimes += 1 }
        return true
    }

    /// Ends the active step, which must be `step`, into a record; false when it is not.
    private mutating func endStep(
        _ step: StepID, _ event: CaseEvent, _ ending: StepRecord.Ending, onBehalf: Bool, branch: String?, reason: String?
    ) -> Bool {
        guard let active, active.step == step else { return false }
        steps.append(StepRecord(
            step: step, startedAt: active.startedAt, dueAt: active.dueAt, endedAt: event.at, by: event.by,
            onBehalfOfReporter: onBehalf, ending: ending, branch: branch, reason: reason, dueRescheduled: active.dueRescheduled))
        lifecycle = .betweenSteps
        return true
    }

    /// Moves the case onto another revision (or back): the workflow reference, the step (it keeps
    /// its start) and the deadlines change; false when the case is not where the move starts.
    private mutating func move(_ move: CaseEvent.RevisionMove, _ event: CaseEvent, isUndo: Bool) -> Bool {
        guard workflow == move.from, let current = active, current.step == move.fromStep else { return false }
        workflow = move.to
        dueAt = move.dueAt
        lifecycle = .onStep(ActiveStep(
            step: move.step, startedAt: current.startedAt, dueAt: move.stepDueAt, rolesDone: move.rolesDone,
            escalatedTo: move.escalatedTo, actors: move.actors, waitsForReporter: move.waitsForReporter,
            escalations: move.schedule?.escalations ?? [], escalationLevel: move.schedule?.escalationLevel ?? 0,
            reminders: move.schedule?.reminders ?? [], remindersSent: move.schedule?.remindersSent ?? 0))
        setWaiting(move.waitsForReporter, at: event.at)
        revisionChanges.append(RevisionChange(
            move: move.move, isUndo: isUndo, from: move.from, to: move.to,
            fromStep: move.fromStep, step: move.step, at: event.at, by: event.by))
        return true
    }

    /// Puts in the due times computed again under a new calendar; false when the case is not
    /// where the event starts (its step, its due times before, the levels reached).
    private mutating func reschedule(_ change: CaseEvent.Rescheduling) -> Bool {
        guard var active, active.step == change.step, active.dueAt == change.previousStepDueAt, dueAt == change.previousDueAt,
            change.schedule.escalationLevel == active.escalationLevel,
            (0...change.schedule.reminders.count).contains(change.schedule.remindersSent)
        else { return false }
        if change.dueAt != dueAt { dueRescheduled = true }
        dueAt = change.dueAt
        caseEscalations = change.caseEscalations
        if change.stepDueAt != active.dueAt { active.dueRescheduled = true }
        active.dueAt = change.stepDueAt
        active.reminders = change.schedule.reminders
        active.remindersSent = change.schedule.remindersSent
        active.escalations = change.schedule.escalations
        lifecycle = .onStep(active)
        return true
    }

    /// Opens a span of waiting for the reporter, or closes the open one.
    private mutating func setWaiting(_ waiting: Bool, at instant: Date) {
        let isWaiting = reporterWaits.last.map { $0.end == nil } ?? false
        if waiting && !isWaiting {
            reporterWaits.append(TimeSpan(start: instant, end: nil))
        } else if !waiting && isWaiting {
            reporterWaits[reporterWaits.count - 1].end = instant
        }
    }
}

/// Where a case is in its life. Each case carries only what is valid in it.
public enum CaseLifecycle: Hashable, Sendable {
    /// Opened, or between the end of one step and the start of the next: only ever seen inside
    /// one command, whose next event starts a step or ends the case.
    case betweenSteps
    /// On a step, of the office or of the reporter.
    case onStep(ActiveStep)
    /// Ended; no command is accepted any more.
    case ended(CaseEnding)

    /// Whether the case has ended.
    public var isEnded: Bool {
        if case .ended = self { true } else { false }
    }
}

/// How and when a case ended.
public struct CaseEnding: Hashable, Sendable {
    /// The ways a case can end.
    public enum Way: Hashable, Sendable {
        /// At an outcome of its workflow, with the status the outcome gives (resolved, rejected or closed).
        case outcome(OutcomeID, status: CaseStatus)
        /// Handed off to another SOP (closed).
        case handedOff(HandoffTarget)
        /// Withdrawn by the reporter.
        case withdrawn

        /// The way an `ended` event records; nil for a combination no command makes (a status
        /// that is not final, an outcome and a hand-off together, a withdrawal with an outcome).
        init?(status: CaseStatus, outcome: OutcomeID?, handedOffTo: HandoffTarget?) {
            switch (status, outcome, handedOffTo) {
            case (.resolved, let outcome?, nil), (.rejected, let outcome?, nil), (.closed, let outcome?, nil):
                self = .outcome(outcome, status: status)
            case (.closed, nil, let target?): self = .handedOff(target)
            case (.withdrawn, nil, nil): self = .withdrawn
            default: return nil
            }
        }
    }

    /// How it ended.
    public var way: Way
    /// When.
    public var at: Date
    /// The reason or note recorded with the ending (a withdrawal's reason, a hand-off's note).
    public var reason: String?

    /// The status the ending gives the case.
    public var status: CaseStatus {
        switch way {
        case .outcome(_, let status): status
        case .handedOff: .closed
        case .withdrawn: .withdrawn
        }
    }
}

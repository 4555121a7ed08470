import Foundation
import GRDB
import SOPEngine
import SOPModel

/// What reports need of one case: where it stands, how it ended, and when each of its steps
/// started, was due and ended — the timing part of `CaseState`, without fields, documents or notes.
///
/// It is what `CaseState.fold` makes of the same events: a step that a case was still on when it
/// ended (a withdrawal, a hand-off) is dropped, as the fold drops it, and time waits on the
/// reporter from each step of the reporter (and each return to them) until the office's next step
/// or the end.
public struct CaseHistory: Hashable, Sendable {
    /// One step the case went through, or stands on.
    public struct StepSpan: Hashable, Sendable {
        /// The step.
        public var step: StepID
        /// When it started.
        public var startedAt: Date
        /// When its budget ran out (or runs out), in working time.
        public var dueAt: Date
        /// When it ended; nil while the case stands on it.
        public var endedAt: Date?
        /// How it ended; nil while the case stands on it.
        public var ending: StepRecord.Ending?

        /// Creates a span.
        public init(step: StepID, startedAt: Date, dueAt: Date, endedAt: Date?, ending: StepRecord.Ending?) {
            self.step = step
            self.startedAt = startedAt
            self.dueAt = dueAt
            self.endedAt = endedAt
            self.ending = ending
        }
    }

    /// The case's number.
    public var number: Int
    /// The workflow revision it runs on.
    public var workflow: WorkflowReference
    /// Where it stands.
    public var status: CaseStatus
    /// The channel it came in through.
    public var channel: String?
    /// When it was opened.
    public var openedAt: Date
    /// When the whole case is due.
    public var dueAt: Date
    /// When it ended.
    public var closedAt: Date?
    /// The outcome it ended with, if any.
    public var outcome: OutcomeID?
    /// The SOP it was handed off to, if it was.
    public var handedOffTo: WorkflowID?
    /// Every step ended, in order, then the one it stands on (with no end).
    public var steps: [StepSpan]
    /// Spans of time the case waited on the reporter (the last one open while it waits).
    public var reporterWaits: [Span]

    /// A span of time; `end` is nil while it lasts.
    public struct Span: Hashable, Sendable {
        /// The start.
        public var start: Date
        /// The end, once over.
        public var end: Date?

        /// Creates a span.
        public init(start: Date, end: Date?) {
            self.start = start
            self.end = end
        }
    }

    /// The step the case stands on, if it stands on one.
    public var current: StepSpan? { steps.last.flatMap { $0.endedAt == nil ? $0 : nil } }

    /// The history of a case state at hand: its step records, then its active step.
    public init(state: CaseState) {
        number = state.number
        workflow = state.workflow
        status = state.status
        channel = state.channel
        openedAt = state.openedAt
        dueAt = state.dueAt
        closedAt = state.closedAt
        outcome = state.outcome
        handedOffTo = state.handedOffTo
        steps = state.steps.map {
            StepSpan(step: $0.step, startedAt: $0.startedAt, dueAt: $0.dueAt, endedAt: $0.endedAt, ending: $0.ending)
        }
        if let active = state.active {
            steps.append(StepSpan(step: active.step, startedAt: active.startedAt, dueAt: active.dueAt, endedAt: nil, ending: nil))
        }
        reporterWaits = state.reporterWaits.map { Span(start: $0.start, end: $0.end) }
    }

    /// An empty history, filled event by event by `SQLiteCaseStore.caseHistories`.
    init(number: Int, workflow: WorkflowReference, status: CaseStatus, channel: String?, openedAt: Date, dueAt: Date) {
        self.number = number
        self.workflow = workflow
        self.status = status
        self.channel = channel
        self.openedAt = openedAt
        self.dueAt = dueAt
        closedAt = nil
        outcome = nil
        handedOffTo = nil
        steps = []
        reporterWaits = []
    }

    /// Starts a step, as `CaseState.apply` does; false when the case stands on a step already.
    mutating func start(_ step: StepID, at instant: Date, dueAt: Date, waitsForReporter: Bool) -> Bool {
        guard current == nil, closedAt == nil else { return false }
        steps.append(StepSpan(step: step, startedAt: instant, dueAt: dueAt, endedAt: nil, ending: nil))
        setWaiting(waitsForReporter, at: instant)
        return true
    }

    /// Ends the current step; false when the case stands on none.
    mutating func end(_ ending: StepRecord.Ending, at instant: Date) -> Bool {
        guard current != nil else { return false }
        steps[steps.count - 1].endedAt = instant
        steps[steps.count - 1].ending = ending
        return true
    }

    /// Moves the case to another revision (or back), as `CaseState.apply` does for a migration:
    /// the step it stands on keeps its start and takes the new id and deadline. False when it
    /// stands on no step.
    mutating func move(to step: StepID, stepDueAt: Date, dueAt: Date, waitsForReporter: Bool, at instant: Date) -> Bool {
        guard current != nil, closedAt == nil else { return false }
        steps[steps.count - 1].step = step
        steps[steps.count - 1].dueAt = stepDueAt
        self.dueAt = dueAt
        setWaiting(waitsForReporter, at: instant)
        return true
    }

    /// Ends the case: a step it still stood on is dropped, as the fold drops it.
    mutating func close(at instant: Date, outcome: OutcomeID?, handedOffTo: WorkflowID?) -> Bool {
        guard closedAt == nil else { return false }
        if current != nil { steps.removeLast() }
        closedAt = instant
        self.outcome = outcome
        self.handedOffTo = handedOffTo
        setWaiting(false, at: instant)
        return true
    }

    private mutating func setWaiting(_ waiting: Bool, at instant: Date) {
        let isWaiting = reporterWaits.last.map { $0.end == nil } ?? false
        if waiting && !isWaiting {
            reporterWaits.append(Span(start: instant, end: nil))
        } else if !waiting && isWaiting {
            reporterWaits[reporterWaits.count - 1].end = instant
        }
    }
}

import Foundation
import SOPEngine
import SOPModel

/// What reports need of one case: where it stands, how it ended, and when each of its steps
/// started, was due and ended — the timing part of `CaseState`, without fields, documents or notes.
///
/// It is made only from a folded state (`init(state:)`), so it says what `CaseState.fold` says:
/// a step that a case was still on when it ended (a withdrawal, a hand-off) is dropped, as the
/// fold drops it, and time waits on the reporter from each step of the reporter (and each return
/// to them) until the office's next step or the end. The store writes it into the case's row in
/// the transaction that writes the events, as JSON with the keys below; reports read it from there.
public struct CaseHistory: Hashable, Sendable, Codable {
    /// One step the case went through, or stands on.
    public struct StepSpan: Hashable, Sendable, Codable {
        /// The step.
        public var step: StepID
        /// When it started.
        public var startedAt: Date
        /// When its budget ran out (or runs out), in working time; nil for a step with no stated time.
        public var dueAt: Date?
        /// When it ended; nil while the case stands on it.
        public var endedAt: Date?
        /// How it ended; nil while the case stands on it.
        public var ending: StepRecord.Ending?
        /// Whether a calendar change moved its due time while it ran (`dueAt` is the one
        /// computed again).
        public var dueRescheduled = false

        /// Creates a span.
        public init(
            step: StepID, startedAt: Date, dueAt: Date?, endedAt: Date?, ending: StepRecord.Ending?, dueRescheduled: Bool = false
        ) {
            self.dueRescheduled = dueRescheduled
            self.step = step
            self.startedAt = startedAt
            self.dueAt = dueAt
            self.endedAt = endedAt
            self.ending = ending
        }

        enum CodingKeys: String, CodingKey {
            case step, startedAt, dueAt, endedAt, ending, dueRescheduled
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
    public var handedOffTo: HandoffTarget?
    /// Every step ended, in order, then the one it stands on (with no end).
    public var steps: [StepSpan]
    /// Spans of time the case waited on the reporter (the last one open while it waits).
    public var reporterWaits: [Span]

    /// A span of time; `end` is nil while it lasts.
    public struct Span: Hashable, Sendable, Codable {
        /// The start.
        public var start: Date
        /// The end, once over.
        public var end: Date?

        /// Creates a span.
        public init(start: Date, end: Date?) {
            self.start = start
            self.end = end
        }

        enum CodingKeys: String, CodingKey {
            case start, end
        }
    }

    /// How many of its events happened at a time a member of staff stated (`--at`): reports say so.
    public var statedTimes: Int = 0
    /// Whether a calendar change moved the whole case's due time (`dueAt` is the one computed
    /// again): reports say so.
    public var dueRescheduled = false

    enum CodingKeys: String, CodingKey {
        case number, workflow, status, channel, openedAt, dueAt, closedAt, outcome, handedOffTo, handedOffToTitle, steps, reporterWaits, statedTimes
        case dueRescheduled
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
            StepSpan(
                step: $0.step, startedAt: $0.startedAt, dueAt: $0.dueAt, endedAt: $0.endedAt, ending: $0.ending,
                dueRescheduled: $0.dueRescheduled)
        }
        if let active = state.active {
            steps.append(StepSpan(
                step: active.step, startedAt: active.startedAt, dueAt: active.dueAt, endedAt: nil, ending: nil,
                dueRescheduled: active.dueRescheduled))
        }
        dueRescheduled = state.dueRescheduled
        reporterWaits = state.reporterWaits.map { Span(start: $0.start, end: $0.end) }
        statedTimes = state.statedTimes
    }

    /// The same history with every time moved by `seconds` and another case number (for copies
    /// of a template case written in bulk).
    package func moved(by seconds: TimeInterval, number: Int) -> CaseHistory {
        var copy = self
        copy.number = number
        copy.openedAt += seconds
        copy.dueAt += seconds
        copy.closedAt = closedAt.map { $0 + seconds }
        copy.steps = steps.map {
            StepSpan(step: $0.step, startedAt: $0.startedAt + seconds, dueAt: $0.dueAt.map { $0 + seconds },
                     endedAt: $0.endedAt.map { $0 + seconds }, ending: $0.ending, dueRescheduled: $0.dueRescheduled)
        }
        copy.reporterWaits = reporterWaits.map { Span(start: $0.start + seconds, end: $0.end.map { $0 + seconds }) }
        return copy
    }
}

// A history's JSON, read and written field by field, identifiers and statuses as the strings
// they are: each type a process codes for the first time costs a search of the binary's
// conformance records, and every `sop case step` writes one history.
extension CaseHistory {
    public init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        number = try values.decode(Int.self, forKey: .number)
        workflow = try values.decodeReference(forKey: .workflow)
        let statusText = try values.decode(String.self, forKey: .status)
        guard let status = CaseStatus(rawValue: statusText) else {
            throw DecodingError.dataCorruptedError(forKey: .status, in: values, debugDescription: "no status is called '\(statusText)'")
        }
        self.status = status
        channel = try values.decodeIfPresent(String.self, forKey: .channel)
        openedAt = try values.decode(Date.self, forKey: .openedAt)
        dueAt = try values.decode(Date.self, forKey: .dueAt)
        closedAt = try values.decodeIfPresent(Date.self, forKey: .closedAt)
        outcome = try values.decodeIfPresent(String.self, forKey: .outcome).map { OutcomeID($0) }
        handedOffTo = try values.decodeIfPresent(String.self, forKey: .handedOffTo).map { .workflow(WorkflowID($0)) }
            ?? values.decodeIfPresent(String.self, forKey: .handedOffToTitle).map { .title($0) }
        var steps: [StepSpan] = []
        var stepList = try values.nestedUnkeyedContainer(forKey: .steps)
        while !stepList.isAtEnd {
            let span = try stepList.nestedContainer(keyedBy: StepSpan.CodingKeys.self)
            var ending: StepRecord.Ending?
            if let text = try span.decodeIfPresent(String.self, forKey: .ending) {
                guard let value = StepRecord.Ending(rawValue: text) else {
                    throw DecodingError.dataCorruptedError(forKey: .ending, in: span, debugDescription: "no ending is called '\(text)'")
                }
                ending = value
            }
            steps.append(StepSpan(
                step: StepID(try span.decode(String.self, forKey: .step)), startedAt: try span.decode(Date.self, forKey: .startedAt),
                dueAt: try span.decodeIfPresent(Date.self, forKey: .dueAt), endedAt: try span.decodeIfPresent(Date.self, forKey: .endedAt),
                ending: ending, dueRescheduled: try span.decodeIfPresent(Bool.self, forKey: .dueRescheduled) ?? false))
        }
        self.steps = steps
        var waits: [Span] = []
        var waitList = try values.nestedUnkeyedContainer(forKey: .reporterWaits)
        while !waitList.isAtEnd {
            let span = try waitList.nestedContainer(keyedBy: Span.CodingKeys.self)
            waits.append(Span(start: try span.decode(Date.self, forKey: .start), end: try span.decodeIfPresent(Date.self, forKey: .end)))
        }
        reporterWaits = waits
        statedTimes = try values.decodeIfPresent(Int.self, forKey: .statedTimes) ?? 0
        dueRescheduled = try values.decodeIfPresent(Bool.self, forKey: .dueRescheduled) ?? false
    }

    public func encode(to encoder: any Encoder) throws {
        var values = encoder.container(keyedBy: CodingKeys.self)
        try values.encode(number, forKey: .number)
        try values.encode(reference: workflow, forKey: .workflow)
        try values.encode(status.rawValue, forKey: .status)
        try values.encodeIfPresent(channel, forKey: .channel)
        try values.encode(openedAt, forKey: .openedAt)
        try values.encode(dueAt, forKey: .dueAt)
        try values.encodeIfPresent(closedAt, forKey: .closedAt)
        try values.encodeIfPresent(outcome?.rawValue, forKey: .outcome)
        try values.encodeIfPresent(handedOffTo?.workflow?.rawValue, forKey: .handedOffTo)
        try values.encodeIfPresent(handedOffTo?.title, forKey: .handedOffToTitle)
        var stepList = values.nestedUnkeyedContainer(forKey: .steps)
        for step in steps {
            var span = stepList.nestedContainer(keyedBy: StepSpan.CodingKeys.self)
            try span.encode(step.step.rawValue, forKey: .step)
            try span.encode(step.startedAt, forKey: .startedAt)
            try span.encodeIfPresent(step.dueAt, forKey: .dueAt)
            try span.encodeIfPresent(step.endedAt, forKey: .endedAt)
            try span.encodeIfPresent(step.ending?.rawValue, forKey: .ending)
            if step.dueRescheduled { try span.encode(true, forKey: .dueRescheduled) }
        }
        var waitList = values.nestedUnkeyedContainer(forKey: .reporterWaits)
        for wait in reporterWaits {
            var span = waitList.nestedContainer(keyedBy: Span.CodingKeys.self)
            try span.encode(wait.start, forKey: .start)
            try span.encodeIfPresent(wait.end, forKey: .end)
        }
        if statedTimes > 0 { try values.encode(statedTimes, forKey: .statedTimes) }
        if dueRescheduled { try values.encode(true, forKey: .dueRescheduled) }
    }
}

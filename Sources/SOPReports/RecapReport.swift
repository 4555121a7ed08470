import Foundation
import SOPEngine
import SOPModel
import SOPStorage

/// The monthly recap (rekapan pengaduan): the cases opened in a period, counted by SOP, by
/// channel, by status and outcome, and the steps the open ones stand on, with their working time.
///
/// What is counted:
/// - A case belongs to the period when it was opened in it (days in Asia/Jakarta, both ends
///   included), whatever happened to it later; it is *ended* when its status is final (resolved,
///   rejected, withdrawn, closed or handed off) and *open* otherwise (open or waiting for the
///   reporter), as of `asOf`.
/// - *On time* / *late*: an ended case closed no later / later than its due time (the SOP's total
///   budget from its opening, in working time). An open case past its due time is *open overdue*.
/// - *Working time* is measured in the calendar of the revision each case runs on, from opening to
///   closing for ended cases (`medianWorkingMinutes`). Open cases are never mixed into it: their
///   age so far (opening to `asOf`) is `medianOpenWorkingMinutes`.
/// - Medians are nearest-rank (`Percentile`), in whole minutes.
public struct RecapReport: Sendable, Encodable {
    /// Counts and working times of a group of cases.
    public struct Counts: Sendable, Encodable, Hashable {
        /// Cases opened in the period.
        public var cases = 0
        /// Of them, ended.
        public var ended = 0
        /// Of them, still open or waiting for the reporter.
        public var open = 0
        /// Ended no later than their due time.
        public var endedOnTime = 0
        /// Ended after their due time.
        public var endedLate = 0
        /// Open, and past their due time.
        public var openOverdue = 0
        /// Median working time from opening to closing of the ended cases, in minutes.
        public var medianWorkingMinutes: Int?
        /// Median working time from opening to `asOf` of the open cases, in minutes.
        public var medianOpenWorkingMinutes: Int?
        /// Cases whose due time runs through a year their calendar does not cover: it was computed
        /// as if that year had no holidays, so their on time or late (counted above as well) is
        /// only as right as that assumption.
        public var dueInUncoveredYear = 0

        /// Creates counts.
        public init(
            cases: Int = 0, ended: Int = 0, open: Int = 0, endedOnTime: Int = 0, endedLate: Int = 0, openOverdue: Int = 0,
            medianWorkingMinutes: Int? = nil, medianOpenWorkingMinutes: Int? = nil, dueInUncoveredYear: Int = 0
        ) {
            self.dueInUncoveredYear = dueInUncoveredYear
            self.cases = cases
            self.ended = ended
            self.open = open
            self.endedOnTime = endedOnTime
            self.endedLate = endedLate
            self.openOverdue = openOverdue
            self.medianWorkingMinutes = medianWorkingMinutes
            self.medianOpenWorkingMinutes = medianOpenWorkingMinutes
        }

        /// Every key, with `null` for a median of no cases.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(cases, forKey: "cases")
            try container.encode(ended, forKey: "ended")
            try container.encode(open, forKey: "open")
            try container.encode(endedOnTime, forKey: "endedOnTime")
            try container.encode(endedLate, forKey: "endedLate")
            try container.encode(openOverdue, forKey: "openOverdue")
            try container.encode(medianWorkingMinutes, forKey: "medianWorkingMinutes")
            try container.encode(medianOpenWorkingMinutes, forKey: "medianOpenWorkingMinutes")
            try container.encode(dueInUncoveredYear, forKey: "dueInUncoveredYear")
        }
    }

    /// The cases of one SOP.
    public struct WorkflowLine: Sendable, Encodable {
        /// The workflow id.
        public var workflow: String
        /// The SOP's title (of the newest revision the cases run on).
        public var title: String
        /// The counts.
        public var counts: Counts

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(workflow, forKey: "workflow")
            try container.encode(title, forKey: "title")
            try counts.encode(to: encoder)
        }
    }

    /// The cases that came in through one channel (of any SOP).
    public struct ChannelLine: Sendable, Encodable {
        /// The channel id; nil for cases without a channel.
        public var channel: String?
        /// The channel's name, as the newest revision naming it writes it.
        public var name: String?
        /// The counts.
        public var counts: Counts

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(channel, forKey: "channel")
            try container.encode(name, forKey: "name")
            try counts.encode(to: encoder)
        }
    }

    /// The cases of one SOP that stand in one status, or ended with one outcome.
    public struct StatusLine: Sendable, Encodable {
        /// The workflow id.
        public var workflow: String
        /// The status.
        public var status: CaseStatus
        /// The outcome id, for cases that ended with one.
        public var outcome: String?
        /// The outcome's name.
        public var outcomeName: String?
        /// The workflow the cases were handed off to.
        public var handedOffTo: String?
        /// The title of the SOP the cases were handed off to, when it has no workflow file.
        public var handedOffToTitle: String?
        /// The counts.
        public var counts: Counts

        /// The SOP the cases were handed off to, either way.
        public var handoffTarget: HandoffTarget? {
            handedOffTo.map { .workflow(WorkflowID($0)) } ?? handedOffToTitle.map { .title($0) }
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(workflow, forKey: "workflow")
            try container.encode(status, forKey: "status")
            try container.encode(outcome, forKey: "outcome")
            try container.encode(outcomeName, forKey: "outcomeName")
            try container.encode(handedOffTo, forKey: "handedOffTo")
            if let handedOffToTitle { try container.encode(handedOffToTitle, forKey: "handedOffToTitle") }
            try counts.encode(to: encoder)
        }
    }

    /// The open cases standing on one step.
    public struct StepLine: Sendable, Encodable {
        /// The workflow id.
        public var workflow: String
        /// The step id.
        public var step: String
        /// The step's number in the SOP's flow table (of the newest revision that has it).
        public var number: Int?
        /// What is done, in the SOP's words.
        public var activity: String
        /// Whether it is a step of the reporter (the cases wait on them).
        public var isReporterStep: Bool
        /// Open cases standing on it.
        public var cases: Int
        /// Of them, past the step's own due time.
        public var stepOverdue: Int
        /// Of them, past the case's due time.
        public var caseOverdue: Int
        /// Median working time on the step so far (its start to `asOf`), in minutes.
        public var medianStepWorkingMinutes: Int?
        /// Median working time since opening (to `asOf`), in minutes.
        public var medianOpenWorkingMinutes: Int?

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(workflow, forKey: "workflow")
            try container.encode(step, forKey: "step")
            try container.encode(number, forKey: "number")
            try container.encode(activity, forKey: "activity")
            try container.encode(isReporterStep, forKey: "isReporterStep")
            try container.encode(cases, forKey: "cases")
            try container.encode(stepOverdue, forKey: "stepOverdue")
            try container.encode(caseOverdue, forKey: "caseOverdue")
            try container.encode(medianStepWorkingMinutes, forKey: "medianStepWorkingMinutes")
            try container.encode(medianOpenWorkingMinutes, forKey: "medianOpenWorkingMinutes")
        }
    }

    /// The period: cases opened in it.
    public var period: ReportPeriod
    /// The instant open cases are measured to.
    public var asOf: Date
    /// The length of a usual working day (`WorkingDay`) of the cases' calendars, when they agree.
    public var workingDayMinutes: Int?
    /// Every case of the period.
    public var total: Counts
    /// By SOP, by workflow id.
    public var workflows: [WorkflowLine]
    /// By channel, most cases first.
    public var channels: [ChannelLine]
    /// By SOP, status and outcome.
    public var statuses: [StatusLine]
    /// Where open cases stand, by SOP and step in flow order.
    public var steps: [StepLine]
    /// The years that due times of the period's cases run through and their calendars do not
    /// cover (the cases are counted in `dueInUncoveredYear`).
    public var uncoveredYears: [Int] = []
    /// The ledger's head when the report was made, read before its cases: the head of office who
    /// signs the recap signs this too, and `sop verify --head` proves later that the database
    /// still extends it (nil: nothing written yet).
    public var ledger: LedgerHead?
    /// How many of its cases have an event at a time a member of staff stated (`--at`, for a
    /// complaint received on paper) rather than the time it was recorded: counted as stated, and
    /// flagged in the text.
    public var casesWithStatedTimes = 0
    /// How many of its cases had a due time (of the case or of a step) computed again by a
    /// calendar published while it ran: each is measured against the due time in force when it
    /// ended (or now), and the text says so.
    public var casesWithRescheduledDue = 0

    /// Every key, with `null` for what is unknown.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(period, forKey: "period")
        try container.encode(asOf, forKey: "asOf")
        try container.encode(workingDayMinutes, forKey: "workingDayMinutes")
        try container.encode(total, forKey: "total")
        try container.encode(workflows, forKey: "workflows")
        try container.encode(channels, forKey: "channels")
        try container.encode(statuses, forKey: "statuses")
        try container.encode(steps, forKey: "steps")
        try container.encode(uncoveredYears, forKey: "uncoveredYears")
        try container.encode(ledger, forKey: "ledger")
        try container.encode(casesWithStatedTimes, forKey: "casesWithStatedTimes")
        try container.encode(casesWithRescheduledDue, forKey: "casesWithRescheduledDue")
    }

    /// A key of a flattened line.
    struct Key: CodingKey, ExpressibleByStringLiteral {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
        init(stringLiteral value: String) { stringValue = value }
    }
}

/// Gathers the counts of one group of cases.
struct CountsBuilder {
    var counts = RecapReport.Counts()
    var ended = Durations()
    var open = Durations()

    mutating func add(_ fact: CaseFact) {
        counts.cases += 1
        if fact.isEnded {
            counts.ended += 1
            if fact.isLate { counts.endedLate += 1 } else { counts.endedOnTime += 1 }
            ended.add(fact.workingSeconds)
        } else {
            counts.open += 1
            if fact.isLate { counts.openOverdue += 1 }
            open.add(fact.workingSeconds)
        }
        if !fact.uncoveredYears.isEmpty { counts.dueInUncoveredYear += 1 }
    }

    mutating func build() -> RecapReport.Counts {
        var result = counts
        result.medianWorkingMinutes = ended.minutes(percentile: 50)
        result.medianOpenWorkingMinutes = open.minutes(percentile: 50)
        return result
    }
}

/// One case as the recap counts it.
struct CaseFact {
    /// Whether it ended.
    var isEnded: Bool
    /// Ended after its due time, or open and past it.
    var isLate: Bool
    /// Working seconds from opening to closing, or to `asOf` when open.
    var workingSeconds: Int
    /// The years its due time runs through that its calendar does not cover.
    var uncoveredYears: [Int]

    init(_ history: CaseHistory, time: WorkingTime, asOf: Date) {
        uncoveredYears = time.uncoveredYears(from: history.openedAt, to: history.dueAt)
        if let closed = history.closedAt, history.status.isFinal {
            isEnded = true
            isLate = closed > history.dueAt
            workingSeconds = time.workingSeconds(from: history.openedAt, to: closed)
        } else {
            isEnded = false
            isLate = asOf > history.dueAt
            workingSeconds = time.workingSeconds(from: history.openedAt, to: asOf)
        }
    }
}

/// Builds a recap case by case.
struct RecapBuilder {
    private struct StatusKey: Hashable {
        var workflow: WorkflowID
        var status: CaseStatus
        var outcome: OutcomeID?
        var handedOffTo: HandoffTarget?
    }
    private struct StepKey: Hashable {
        var workflow: WorkflowID
        var step: StepID
    }
    private struct StepBuilder {
        var cases = 0
        var stepOverdue = 0
        var caseOverdue = 0
        var onStep = Durations()
        var sinceOpening = Durations()

        mutating func add(_ current: CaseHistory.StepSpan, _ fact: CaseFact, _ time: WorkingTime, asOf: Date) {
            cases += 1
            if let due = current.dueAt, asOf > due { stepOverdue += 1 }
            if fact.isLate { caseOverdue += 1 }
            onStep.add(time.workingSeconds(from: current.startedAt, to: asOf))
            sinceOpening.add(fact.workingSeconds)
        }
    }

    let asOf: Date
    private var total = CountsBuilder()
    private var workflows: [WorkflowID: CountsBuilder] = [:]
    private var channels: [String?: CountsBuilder] = [:]
    private var statuses: [StatusKey: CountsBuilder] = [:]
    private var steps: [StepKey: StepBuilder] = [:]
    private var uncoveredYears: Set<Int> = []

    init(asOf: Date) {
        self.asOf = asOf
    }

    mutating func add(_ history: CaseHistory, _ revision: Revision) {
        let time = revision.workingTime
        let fact = CaseFact(history, time: time, asOf: asOf)
        uncoveredYears.formUnion(fact.uncoveredYears)
        total.add(fact)
        workflows[history.workflow.id, default: CountsBuilder()].add(fact)
        channels[history.channel, default: CountsBuilder()].add(fact)
        let status = StatusKey(
            workflow: history.workflow.id, status: history.status, outcome: history.outcome, handedOffTo: history.handedOffTo)
        statuses[status, default: CountsBuilder()].add(fact)
        if !fact.isEnded, let current = history.current {
            // In place: a copy of the builder would copy its durations.
            steps[StepKey(workflow: history.workflow.id, step: current.step), default: StepBuilder()].add(current, fact, time, asOf: asOf)
        }
    }

    mutating func build(period: ReportPeriod, revisions: RevisionCache) -> RecapReport {
        let workflowLines = workflows.keys.sorted().map { id in
            RecapReport.WorkflowLine(
                workflow: id.rawValue, title: revisions.newest(id)?.workflow.title ?? id.rawValue,
                counts: workflows[id]!.build())
        }
        // Names from the newest revision that names the channel.
        var names: [String: (revision: Int, name: String)] = [:]
        for revision in revisions.loaded {
            for channel in revision.workflow.channels {
                let id = channel.id.value.rawValue
                if names[id].map({ $0.revision < revision.reference.revision }) ?? true {
                    names[id] = (revision.reference.revision, channel.name)
                }
            }
        }
        let channelLines = channels.keys.map { id in
            RecapReport.ChannelLine(channel: id, name: id.map { names[$0]?.name ?? $0 }, counts: channels[id]!.build())
        }.sorted { ($1.counts.cases, $0.channel ?? "\u{10FFFF}") < ($0.counts.cases, $1.channel ?? "\u{10FFFF}") }
        let statusOrder = Dictionary(uniqueKeysWithValues: CaseStatus.allCases.enumerated().map { ($1, $0) })
        let statusLines = statuses.keys.sorted {
            ($0.workflow.rawValue, statusOrder[$0.status]!, $0.outcome?.rawValue ?? "", $0.handedOffTo?.description ?? "")
                < ($1.workflow.rawValue, statusOrder[$1.status]!, $1.outcome?.rawValue ?? "", $1.handedOffTo?.description ?? "")
        }.map { key in
            RecapReport.StatusLine(
                workflow: key.workflow.rawValue, status: key.status, outcome: key.outcome?.rawValue,
                outcomeName: key.outcome.map { id in
                    revisions.all(key.workflow).lazy.compactMap { $0.workflow.outcome(id)?.name }.first ?? id.rawValue
                },
                handedOffTo: key.handedOffTo?.workflow?.rawValue, handedOffToTitle: key.handedOffTo?.title,
                counts: statuses[key]!.build())
        }
        var stepLines: [(order: (String, Int, String), line: RecapReport.StepLine)] = []
        for (key, var builder) in steps {
            let revision = revisions.all(key.workflow).first { $0.stepNumbers[key.step] != nil }
            let number = revision?.stepNumbers[key.step]
            stepLines.append((
                (key.workflow.rawValue, number ?? Int.max, key.step.rawValue),
                RecapReport.StepLine(
                    workflow: key.workflow.rawValue, step: key.step.rawValue, number: number,
                    activity: revision?.activity(key.step) ?? key.step.rawValue,
                    isReporterStep: revision?.reporterSteps.contains(key.step) ?? false,
                    cases: builder.cases, stepOverdue: builder.stepOverdue, caseOverdue: builder.caseOverdue,
                    medianStepWorkingMinutes: builder.onStep.minutes(percentile: 50),
                    medianOpenWorkingMinutes: builder.sinceOpening.minutes(percentile: 50))))
        }
        stepLines.sort { $0.order < $1.order }
        return RecapReport(
            period: period, asOf: asOf, workingDayMinutes: revisions.workingDayMinutes, total: total.build(),
            workflows: workflowLines, channels: channelLines, statuses: statusLines, steps: stepLines.map(\.line),
            uncoveredYears: uncoveredYears.sorted())
    }
}

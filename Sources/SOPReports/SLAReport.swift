import Foundation
import SOPEngine
import SOPModel
import SOPStorage

/// How often deadlines were met: per step and per SOP, over the cases opened in a period (or
/// all cases), as of an instant.
///
/// Definitions:
/// - A step *met its budget* when it ended no later than its due time (the engine's deadline: its
///   budget from its start, in working time of the case's calendar); it is *late* when it ended
///   after it. The due time is the one in force while the step ran: when a calendar published
///   meanwhile computed it again (`rescheduled`), the new one (`stepsWithRescheduledDue` counts
///   those steps, and the text says so). Only steps that were done or returned to the reporter are measured; skipped steps
///   are counted apart (`skipped`), and a step a case still stood on when it was withdrawn or
///   handed off is not counted (the case's history drops it).
/// - A step a case stands on now is *running late* when its due time has passed, and *running*
///   otherwise; running-late steps count as late in `metPercent` and in the ranking (they
///   certainly missed their budget), running ones count nowhere yet.
/// - `metPercent` = met ÷ (met + late + running late) × 100, to one decimal.
/// - Working time of a step: its start to its end in working time; median and 90th percentile by
///   nearest rank (`Percentile`), in whole minutes, over measured steps.
/// - Steps of the reporter (all their actors external, `isReporterStep`) are the reporter's time;
///   they are shown, but the ranking of late steps is of the office's steps only.
/// - Per SOP, for ended cases: the working time from opening to closing, split into the
///   reporter's time (from each step of the reporter, or each return to them, to the office's
///   next step) and the office's (the rest) — as the case timeline splits it — and the case's own
///   deadline (the SOP's total) met or missed.
public struct SLAReport: Sendable, Encodable {
    /// One step of an SOP.
    public struct StepLine: Sendable, Encodable {
        /// The workflow id.
        public var workflow: String
        /// The step's number in the flow table (of the newest revision that has it).
        public var number: Int?
        /// The step id.
        public var step: String
        /// What is done, in the SOP's words.
        public var activity: String
        /// The actors (pelaksana), by name.
        public var actors: [String]
        /// Whether it is a step of the reporter: its time is the reporter's.
        public var isReporterStep: Bool
        /// The budget as the SOP writes it (the newest revision's), if it has one.
        public var budget: String?
        /// Steps done or returned: measured against their budget.
        public var measured: Int
        /// Of them, ended no later than their due time.
        public var met: Int
        /// Of them, ended after their due time.
        public var late: Int
        /// Steps cases stand on now, past their due time.
        public var runningLate: Int
        /// Steps cases stand on now, within their budget.
        public var running: Int
        /// Steps skipped (optional steps).
        public var skipped: Int
        /// Steps done, returned or running with no due time (the signed table shows "-"): never
        /// late, and not measured.
        public var untimed = 0
        /// met ÷ (met + late + running late) × 100, to one decimal; nil when all three are 0.
        public var metPercent: Double?
        /// Median working time of the measured steps, in minutes.
        public var medianWorkingMinutes: Int?
        /// 90th percentile of it, in minutes.
        public var p90WorkingMinutes: Int?
        /// Median of the measured steps' budgets in working time (start to due), in minutes: a
        /// budget in days measures differently on a Friday.
        public var medianBudgetWorkingMinutes: Int?
        /// Its place among the office's steps by how often they run late (1 = most often); nil for
        /// steps of the reporter and steps never late.
        public var lateRank: Int?

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: RecapReport.Key.self)
            try container.encode(workflow, forKey: "workflow")
            try container.encode(number, forKey: "number")
            try container.encode(step, forKey: "step")
            try container.encode(activity, forKey: "activity")
            try container.encode(actors, forKey: "actors")
            try container.encode(isReporterStep, forKey: "isReporterStep")
            try container.encode(budget, forKey: "budget")
            try container.encode(measured, forKey: "measured")
            try container.encode(met, forKey: "met")
            try container.encode(late, forKey: "late")
            try container.encode(runningLate, forKey: "runningLate")
            try container.encode(running, forKey: "running")
            try container.encode(skipped, forKey: "skipped")
            try container.encode(untimed, forKey: "untimed")
            try container.encode(metPercent, forKey: "metPercent")
            try container.encode(medianWorkingMinutes, forKey: "medianWorkingMinutes")
            try container.encode(p90WorkingMinutes, forKey: "p90WorkingMinutes")
            try container.encode(medianBudgetWorkingMinutes, forKey: "medianBudgetWorkingMinutes")
            try container.encode(lateRank, forKey: "lateRank")
        }
    }

    /// One SOP.
    public struct WorkflowLine: Sendable, Encodable {
        /// The workflow id.
        public var workflow: String
        /// The SOP's title (of the newest revision the cases run on).
        public var title: String
        /// The case's budget (the newest revision's): its declared total, else the sum of its steps'.
        public var budget: String?
        /// Cases.
        public var cases: Int
        /// Of them, ended.
        public var ended: Int
        /// Ended no later than the case's due time.
        public var met: Int
        /// Ended after it.
        public var late: Int
        /// Open, and past it.
        public var runningLate: Int
        /// Open, within it.
        public var running: Int
        /// met ÷ (met + late + running late) × 100, to one decimal.
        public var metPercent: Double?
        /// Median working time from opening to closing of ended cases, in minutes.
        public var medianWorkingMinutes: Int?
        /// 90th percentile of it.
        public var p90WorkingMinutes: Int?
        /// Median office time of ended cases (their working time less the reporter's), in minutes.
        public var medianOfficeMinutes: Int?
        /// 90th percentile of it.
        public var p90OfficeMinutes: Int?
        /// Median time ended cases waited on the reporter, in working minutes.
        public var medianReporterMinutes: Int?
        /// 90th percentile of it.
        public var p90ReporterMinutes: Int?
        /// Steps of the office measured (done or returned).
        public var officeStepsMeasured: Int
        /// Of them, within their budget.
        public var officeStepsMet: Int
        /// Of them, ended after their due time.
        public var officeStepsLate: Int
        /// Steps of the office cases stand on now, past their due time.
        public var officeStepsRunningLate: Int
        /// Cases whose due time, or a step's, runs through a year their calendar does not cover:
        /// computed as if that year had no holidays, so whether they met it is only as right as that.
        public var dueInUncoveredYear = 0

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: RecapReport.Key.self)
            try container.encode(workflow, forKey: "workflow")
            try container.encode(title, forKey: "title")
            try container.encode(budget, forKey: "budget")
            try container.encode(cases, forKey: "cases")
            try container.encode(ended, forKey: "ended")
            try container.encode(met, forKey: "met")
            try container.encode(late, forKey: "late")
            try container.encode(runningLate, forKey: "runningLate")
            try container.encode(running, forKey: "running")
            try container.encode(metPercent, forKey: "metPercent")
            try container.encode(medianWorkingMinutes, forKey: "medianWorkingMinutes")
            try container.encode(p90WorkingMinutes, forKey: "p90WorkingMinutes")
            try container.encode(medianOfficeMinutes, forKey: "medianOfficeMinutes")
            try container.encode(p90OfficeMinutes, forKey: "p90OfficeMinutes")
            try container.encode(medianReporterMinutes, forKey: "medianReporterMinutes")
            try container.encode(p90ReporterMinutes, forKey: "p90ReporterMinutes")
            try container.encode(officeStepsMeasured, forKey: "officeStepsMeasured")
            try container.encode(officeStepsMet, forKey: "officeStepsMet")
            try container.encode(officeStepsLate, forKey: "officeStepsLate")
            try container.encode(officeStepsRunningLate, forKey: "officeStepsRunningLate")
            try container.encode(dueInUncoveredYear, forKey: "dueInUncoveredYear")
        }
    }

    /// The period: cases opened in it.
    public var period: ReportPeriod
    /// The workflow the report is limited to, if any.
    public var workflow: String?
    /// The instant running steps are measured at.
    public var asOf: Date
    /// The length of a usual working day (`WorkingDay`) of the cases' calendars, when they agree.
    public var workingDayMinutes: Int?
    /// Cases in the report.
    public var cases: Int
    /// By SOP, by workflow id.
    public var workflows: [WorkflowLine]
    /// By SOP and step in flow order.
    public var steps: [StepLine]
    /// The office's steps that ran late, most often first (their `lateRank` order).
    public var lateSteps: [StepLine]
    /// The years that due times of the report's cases run through and their calendars do not
    /// cover (the cases are counted in each SOP's `dueInUncoveredYear`).
    public var uncoveredYears: [Int] = []
    /// How many of its cases have an event at a time a member of staff stated (`--at`, for a
    /// complaint received on paper) rather than the time it was recorded: counted as stated, and
    /// flagged in the text.
    public var casesWithStatedTimes = 0
    /// How many of its cases had a due time (of the case or of a step) computed again by a
    /// calendar published while it ran (`rescheduled`).
    public var casesWithRescheduledDue = 0
    /// How many of its steps (done, returned or running; not skipped) are measured against a due
    /// time computed again by a calendar published while they ran: the one in force when they
    /// ended, or now.
    public var stepsWithRescheduledDue = 0

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: RecapReport.Key.self)
        try container.encode(period, forKey: "period")
        try container.encode(workflow, forKey: "workflow")
        try container.encode(asOf, forKey: "asOf")
        try container.encode(workingDayMinutes, forKey: "workingDayMinutes")
        try container.encode(cases, forKey: "cases")
        try container.encode(workflows, forKey: "workflows")
        try container.encode(steps, forKey: "steps")
        try container.encode(lateSteps, forKey: "lateSteps")
        try container.encode(uncoveredYears, forKey: "uncoveredYears")
        try container.encode(casesWithStatedTimes, forKey: "casesWithStatedTimes")
        try container.encode(casesWithRescheduledDue, forKey: "casesWithRescheduledDue")
        try container.encode(stepsWithRescheduledDue, forKey: "stepsWithRescheduledDue")
    }

    /// A share as a percentage to one decimal; nil of nothing.
    static func percent(_ part: Int, of whole: Int) -> Double? {
        guard whole > 0 else { return nil }
        return (Double(part) * 1000 / Double(whole)).rounded() / 10
    }
}

/// Builds an SLA report case by case.
struct SLABuilder {
    private struct StepKey: Hashable {
        var workflow: WorkflowID
        var step: StepID
    }
    private struct StepBuilder {
        var measured = 0
        var met = 0
        var late = 0
        var runningLate = 0
        var running = 0
        var skipped = 0
        var untimed = 0
        var durations = Durations()
        var budgets = Durations()

        mutating func add(_ span: CaseHistory.StepSpan, _ time: WorkingTime, asOf: Date) {
            if span.ending == .skipped {
                skipped += 1
                return
            }
            guard let due = span.dueAt else {
                untimed += 1
                return
            }
            switch span.ending {
            case .completed?, .returned?:
                let ended = span.endedAt ?? span.startedAt
                measured += 1
                if ended > due { late += 1 } else { met += 1 }
                durations.add(time.workingSeconds(from: span.startedAt, to: ended))
                budgets.add(time.workingSeconds(from: span.startedAt, to: due))
            case .skipped?:
                skipped += 1
            case nil:
                if asOf > due { runningLate += 1 } else { running += 1 }
            }
        }
    }
    private struct WorkflowBuilder {
        var cases = 0
        var ended = 0
        var met = 0
        var late = 0
        var runningLate = 0
        var running = 0
        var total = Durations()
        var office = Durations()
        var reporter = Durations()
        var dueInUncoveredYear = 0
        var uncoveredYears: Set<Int> = []

        mutating func add(_ history: CaseHistory, _ time: WorkingTime, asOf: Date) {
            cases += 1
            var years = Set(time.uncoveredYears(from: history.openedAt, to: history.dueAt))
            for span in history.steps {
                if let due = span.dueAt { years.formUnion(time.uncoveredYears(from: span.startedAt, to: due)) }
            }
            if !years.isEmpty {
                dueInUncoveredYear += 1
                uncoveredYears.formUnion(years)
            }
            if let closed = history.closedAt, history.status.isFinal {
                ended += 1
                if closed > history.dueAt { late += 1 } else { met += 1 }
                let working = time.workingSeconds(from: history.openedAt, to: closed)
                let waiting = history.reporterWaits.reduce(0) { $0 + time.workingSeconds(from: $1.start, to: $1.end ?? closed) }
                total.add(working)
                reporter.add(waiting)
                office.add(max(0, working - waiting))
            } else if asOf > history.dueAt {
                runningLate += 1
            } else {
                running += 1
            }
        }
    }

    let asOf: Date
    private(set) var cases = 0
    private var steps: [StepKey: StepBuilder] = [:]
    private var workflows: [WorkflowID: WorkflowBuilder] = [:]

    init(asOf: Date) {
        self.asOf = asOf
    }

    /// Adds a case; builders are changed in place (a copy would copy their durations).
    mutating func add(_ history: CaseHistory, _ revision: Revision) {
        let time = revision.workingTime
        let id = history.workflow.id
        cases += 1
        workflows[id, default: WorkflowBuilder()].add(history, time, asOf: asOf)
        for span in history.steps {
            steps[StepKey(workflow: id, step: span.step), default: StepBuilder()].add(span, time, asOf: asOf)
        }
    }

    mutating func build(period: ReportPeriod, workflow: WorkflowID?, revisions: RevisionCache) -> SLAReport {
        var stepLines: [SLAReport.StepLine] = []
        var order: [(String, Int, String)] = []
        var officeSteps: [WorkflowID: (measured: Int, met: Int, late: Int, runningLate: Int)] = [:]
        for (key, var builder) in steps {
            let revision = revisions.all(key.workflow).first { $0.stepNumbers[key.step] != nil }
            let step = revision?.workflow.step(key.step)
            let isReporterStep = revision?.reporterSteps.contains(key.step) ?? false
            let number = revision?.stepNumbers[key.step]
            let names = step?.performers.actors.map { actor in revision?.workflow.actor(actor.value)?.name ?? actor.value.rawValue } ?? []
            stepLines.append(SLAReport.StepLine(
                workflow: key.workflow.rawValue, number: number, step: key.step.rawValue,
                activity: revision?.activity(key.step) ?? key.step.rawValue, actors: names, isReporterStep: isReporterStep,
                budget: step?.budgetText ?? step?.budget?.value.description,
                measured: builder.measured, met: builder.met, late: builder.late, runningLate: builder.runningLate,
                running: builder.running, skipped: builder.skipped, untimed: builder.untimed,
                metPercent: SLAReport.percent(builder.met, of: builder.met + builder.late + builder.runningLate),
                medianWorkingMinutes: builder.durations.minutes(percentile: 50),
                p90WorkingMinutes: builder.durations.minutes(percentile: 90),
                medianBudgetWorkingMinutes: builder.budgets.minutes(percentile: 50), lateRank: nil))
            order.append((key.workflow.rawValue, number ?? Int.max, key.step.rawValue))
            if !isReporterStep {
                var counts = officeSteps[key.workflow] ?? (0, 0, 0, 0)
                counts.measured += builder.measured
                counts.met += builder.met
                counts.late += builder.late
                counts.runningLate += builder.runningLate
                officeSteps[key.workflow] = counts
            }
        }
        stepLines = zip(order, stepLines).sorted { $0.0 < $1.0 }.map(\.1)
        // The office's steps that ran late, by the share of them that did, then by how many.
        let ranked = stepLines.indices.filter { !stepLines[$0].isReporterStep && stepLines[$0].late + stepLines[$0].runningLate > 0 }
            .sorted { left, right in
                let a = stepLines[left]
                let b = stepLines[right]
                let lateA = a.late + a.runningLate
                let lateB = b.late + b.runningLate
                // lateA / (a.met + lateA) > lateB / (b.met + lateB), without division.
                let shareA = lateA * (b.met + lateB)
                let shareB = lateB * (a.met + lateA)
                if shareA != shareB { return shareA > shareB }
                if lateA != lateB { return lateA > lateB }
                return left < right
            }
        for (rank, index) in ranked.enumerated() { stepLines[index].lateRank = rank + 1 }
        let workflowLines = workflows.keys.sorted().map { id -> SLAReport.WorkflowLine in
            var builder = workflows[id]!
            let newest = revisions.newest(id)
            let office = officeSteps[id] ?? (0, 0, 0, 0)
            return SLAReport.WorkflowLine(
                workflow: id.rawValue, title: newest?.workflow.title ?? id.rawValue,
                budget: newest.map { ($0.workflow.total?.value ?? $0.workflow.steps.compactMap { $0.budget?.value }.reduce(.zero, +)).description },
                cases: builder.cases, ended: builder.ended, met: builder.met, late: builder.late,
                runningLate: builder.runningLate, running: builder.running,
                metPercent: SLAReport.percent(builder.met, of: builder.met + builder.late + builder.runningLate),
                medianWorkingMinutes: builder.total.minutes(percentile: 50), p90WorkingMinutes: builder.total.minutes(percentile: 90),
                medianOfficeMinutes: builder.office.minutes(percentile: 50), p90OfficeMinutes: builder.office.minutes(percentile: 90),
                medianReporterMinutes: builder.reporter.minutes(percentile: 50),
                p90ReporterMinutes: builder.reporter.minutes(percentile: 90),
                officeStepsMeasured: office.measured, officeStepsMet: office.met, officeStepsLate: office.late,
                officeStepsRunningLate: office.runningLate, dueInUncoveredYear: builder.dueInUncoveredYear)
        }
        return SLAReport(
            period: period, workflow: workflow?.rawValue, asOf: asOf, workingDayMinutes: revisions.workingDayMinutes,
            cases: cases, workflows: workflowLines, steps: stepLines,
            lateSteps: ranked.map { stepLines[$0] },
            uncoveredYears: workflows.values.reduce(into: Set<Int>()) { $0.formUnion($1.uncoveredYears) }.sorted())
    }
}

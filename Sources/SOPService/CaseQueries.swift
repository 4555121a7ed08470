import Foundation
import SOPEngine
import SOPLoading
import SOPModel
import SOPStorage
import SOPValidation

/// One line of a case list or a queue, with the names people read.
///
/// Encoded as it stands (the JSON of `sop case list` and `sop queue`): one key a property, a value
/// that is absent (`step`, `activity`, `channel`, `stepDueAt`, `closedAt`, `sla`) left out.
public struct CaseListItem: Sendable, Encodable {
    /// The case's number.
    public var number: Int
    /// The register number.
    public var registerNumber: String
    /// The workflow id.
    public var workflow: String
    /// The revision the case runs on.
    public var revision: Int
    /// Where the case stands.
    public var status: CaseStatus
    /// The current step's id.
    public var step: String?
    /// The current step's activity, in the SOP's words.
    public var activity: String?
    /// The roles that may act on the current step (its actors and any escalation).
    public var actors: [String]
    /// The channel id.
    public var channel: String?
    /// The channel's name in the case's revision (the id when the revision is not at hand); not
    /// in the list's JSON, which gives ids.
    public var channelName: String?
    /// When the case was opened.
    public var openedAt: Date
    /// When the whole case is due.
    public var dueAt: Date
    /// When the current step is due.
    public var stepDueAt: Date?
    /// When the case ended.
    public var closedAt: Date?
    /// The current step's SLA state as of the listing (nil once the case ended).
    public var sla: SLAState?
    /// The years that the case's due time or its current step's runs through and its calendar
    /// does not cover: those due times assume that these years have no holidays.
    public var uncoveredYears: [Int] = []
    /// The next moment the sweep acts on the case (a reminder, or an escalation of its step or of
    /// the whole case), if any.
    public var nextScheduledAt: Date?
}

/// What `sop case list` selects.
public struct CaseQuery: Sendable {
    /// Cases in one of these statuses.
    public var statuses: Set<CaseStatus>?
    /// Cases of this workflow.
    public var workflow: String?
    /// Cases standing on this step.
    public var step: String?
    /// Cases whose current step this actor role does.
    public var role: String?
    /// Cases that came in through this channel.
    public var channel: String?
    /// Cases opened at or after this instant.
    public var openedFrom: Date?
    /// Cases opened before this instant.
    public var openedTo: Date?
    /// Only cases whose current step is past its deadline.
    public var overdue: Bool
    /// At most this many.
    public var limit: Int?

    /// Creates a query; with no arguments it selects every case.
    public init(
        statuses: Set<CaseStatus>? = nil, workflow: String? = nil, step: String? = nil, role: String? = nil,
        channel: String? = nil, openedFrom: Date? = nil, openedTo: Date? = nil, overdue: Bool = false, limit: Int? = nil
    ) {
        self.statuses = statuses
        self.workflow = workflow
        self.step = step
        self.role = role
        self.channel = channel
        self.openedFrom = openedFrom
        self.openedTo = openedTo
        self.overdue = overdue
        self.limit = limit
    }
}

extension CaseService {
    /// Cases selected by a query, newest first (by step deadline for overdue lists).
    public func list(_ query: CaseQuery, now: Date) throws(ServiceError) -> [CaseListItem] {
        let filter = CaseFilter(
            statuses: query.statuses, workflow: query.workflow.map { WorkflowID($0) }, step: query.step.map { StepID($0) },
            roles: query.role.map { [ActorID($0)] }, channel: query.channel, openedFrom: query.openedFrom,
            openedTo: query.openedTo, overdueAt: query.overdue ? now : nil, limit: query.limit,
            order: query.overdue ? .dueSoonestFirst : .newestFirst)
        return try items(filter, now: now)
    }

    /// What a user's roles must do next, most urgent first: the cases whose current step (in the
    /// revision each case runs on) one of the roles does, or was escalated to.
    public func queue(user: String?, now: Date) throws(ServiceError) -> [CaseListItem] {
        let performer = try performer(user)
        let filter = CaseFilter(statuses: [.open, .waitingForReporter], roles: performer.roles, order: .dueSoonestFirst)
        return try items(filter, now: now)
    }

    private func items(_ filter: CaseFilter, now: Date) throws(ServiceError) -> [CaseListItem] {
        let summaries: [CaseSummary]
        do {
            summaries = try store.cases(matching: filter)
        } catch {
            throw .store(error)
        }
        // Each case's activity in the words of the revision it runs on; each revision read once.
        var revisions: [String: Engine?] = [:]
        var calendars: [CalendarID: WorkingTime?] = [:]
        func engine(_ summary: CaseSummary) -> Engine? {
            let hash = summary.workflow.contentHash
            if let known = revisions[hash] { return known }
            var engine: Engine?
            if let text = try? store.workflowText(hash: hash), let workflow = Loader.load(text: text, file: hash).workflow {
                let id = workflow.calendar?.value ?? ""
                if calendars[id] == nil {
                    calendars[id] = (try? calendar(for: workflow)).flatMap { WorkingTime(calendar: $0) }
                }
                if let time = calendars[id] ?? nil {
                    engine = Engine(workflow: workflow, reference: summary.workflow, workingTime: time)
                }
            }
            revisions[hash] = engine
            return engine
        }
        return summaries.map { summary in
            let engine = engine(summary)
            let step = summary.currentStep.flatMap { engine?.step($0) }
            var sla: SLAState?
            if let due = summary.stepDueAt, !summary.status.isFinal {
                if let start = summary.stepStartedAt, let time = engine?.workingTime {
                    sla = time.slaState(start: start, due: due, now: now)
                } else {
                    sla = now > due ? .overdue : .onTime
                }
            }
            var uncovered: [Int] = []
            if let time = engine?.workingTime {
                var years = Set(time.uncoveredYears(from: summary.openedAt, to: summary.dueAt))
                if let due = summary.stepDueAt, let start = summary.stepStartedAt, !summary.status.isFinal {
                    years.formUnion(time.uncoveredYears(from: start, to: due))
                }
                uncovered = years.sorted()
            }
            return CaseListItem(
                number: summary.number, registerNumber: summary.registerNumber, workflow: summary.workflow.id.rawValue,
                revision: summary.workflow.revision, status: summary.status, step: summary.currentStep?.rawValue,
                activity: step?.activity, actors: summary.currentActors.map(\.rawValue), channel: summary.channel,
                channelName: summary.channel.map { id in engine?.workflow.channels.first { $0.id.value.rawValue == id }?.name ?? id },
                openedAt: summary.openedAt, dueAt: summary.dueAt, stepDueAt: summary.stepDueAt, closedAt: summary.closedAt, sla: sla,
                uncoveredYears: uncovered, nextScheduledAt: summary.nextScheduledAt)
        }
    }
}

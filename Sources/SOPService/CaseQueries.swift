import Foundation
import SOPEngine
import SOPModel
import SOPStore
import SOPValidation

/// One line of a case list or a queue, with the names people read.
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
    /// The current step's actors, by id.
    public var actors: [String]
    /// The channel id.
    public var channel: String?
    /// When the case was opened.
    public var openedAt: Date
    /// When the whole case is due.
    public var dueAt: Date
    /// When the current step is due.
    public var stepDueAt: Date?
    /// When the case ended.
    public var closedAt: Date?
    /// Whether the current step is overdue as of the listing (nil once the case ended).
    public var sla: SLAState?
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
    /// The workflows in the folder by id (newest revision), for names and actors.
    private func workflowsByID() -> [WorkflowID: Workflow] {
        var result: [WorkflowID: Workflow] = [:]
        for workflow in Validator.validate(paths: [workflowsFolder]).workflows
        where (result[workflow.id.value]?.revision.value ?? 0) < workflow.revision.value {
            result[workflow.id.value] = workflow
        }
        return result
    }

    /// Cases selected by a query, newest first (by step deadline for overdue lists).
    public func list(_ query: CaseQuery, now: Date) throws(ServiceError) -> [CaseListItem] {
        let workflows = workflowsByID()
        var roleSteps: Set<String>?
        if let role = query.role {
            roleSteps = Set(workflows.values.flatMap { workflow in
                workflow.steps.filter { $0.performers.actors.contains { $0.value.rawValue == role } }.map { "\(workflow.id.value)/\($0.id.value)" }
            })
        }
        let filter = CaseFilter(
            statuses: query.statuses, workflow: query.workflow.map { WorkflowID($0) }, step: query.step.map { StepID($0) },
            steps: roleSteps.map { Set($0.map { StepID(String($0.split(separator: "/").last ?? "")) }) },
            channel: query.channel, openedFrom: query.openedFrom, openedTo: query.openedTo,
            overdueAt: query.overdue ? now : nil, limit: roleSteps == nil ? query.limit : nil,
            order: query.overdue ? .dueSoonestFirst : .newestFirst)
        let summaries: [CaseSummary]
        do {
            summaries = try store.cases(matching: filter)
        } catch {
            throw .store(error)
        }
        var items = summaries.compactMap { summary -> CaseListItem? in
            if let roleSteps, let step = summary.currentStep, !roleSteps.contains("\(summary.workflow.id)/\(step)") { return nil }
            return item(summary, workflows: workflows, now: now)
        }
        if let limit = query.limit, items.count > limit { items = Array(items.prefix(limit)) }
        return items
    }

    /// What a user's roles must do next, most urgent first.
    public func queue(user: String?, now: Date) throws(ServiceError) -> [CaseListItem] {
        let performer = try performer(user)
        let workflows = workflowsByID()
        var steps: Set<String> = []
        for workflow in workflows.values {
            for step in workflow.steps where step.performers.actors.contains(where: { performer.roles.contains($0.value) }) {
                steps.insert("\(workflow.id.value)/\(step.id.value)")
            }
        }
        let filter = CaseFilter(
            statuses: [.open, .waitingForReporter], steps: Set(steps.map { StepID(String($0.split(separator: "/").last ?? "")) }),
            order: .dueSoonestFirst)
        do {
            return try store.cases(matching: filter).compactMap { summary in
                guard let step = summary.currentStep, steps.contains("\(summary.workflow.id)/\(step)") else { return nil }
                return item(summary, workflows: workflows, now: now)
            }
        } catch {
            throw .store(error)
        }
    }

    private func item(_ summary: CaseSummary, workflows: [WorkflowID: Workflow], now: Date) -> CaseListItem {
        let workflow = workflows[summary.workflow.id]
        let step = summary.currentStep.flatMap { workflow?.step($0) }
        // Lists show whether the current step is past its deadline; `sop case show` also says
        // whether it is at risk (that needs the step's start, which lists do not load).
        let sla: SLAState? = summary.stepDueAt.flatMap { due in summary.status.isFinal ? nil : (now > due ? .overdue : .onTime) }
        return CaseListItem(
            number: summary.number, registerNumber: summary.registerNumber, workflow: summary.workflow.id.rawValue,
            revision: summary.workflow.revision, status: summary.status, step: summary.currentStep?.rawValue,
            activity: step?.activity, actors: step?.performers.actors.map(\.value.rawValue) ?? [], channel: summary.channel,
            openedAt: summary.openedAt, dueAt: summary.dueAt, stepDueAt: summary.stepDueAt, closedAt: summary.closedAt, sla: sla)
    }
}

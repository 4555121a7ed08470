import SOPModel

/// A workflow as `sop show --format json` writes it: its header's dates and approver, its steps
/// in file order (numbered from 1, with their actors, budgets, documents and where they lead),
/// and the times of its shortest and longest paths.
///
/// Everything is as the SOP writes it, with the ids of actors, documents, steps and outcomes; no
/// word is the tool's own, so the shape is the same in both languages.
public struct WorkflowJSON: Encodable, Sendable {
    struct StepJSON: Encodable, Sendable {
        let number: Int
        let id: String
        let activity: String
        let actors: [String]
        let actorMode: String
        let budget: String?
        let budgetDays: Int?
        let budgetMinutes: Int?
        /// Present (true) for a step with no stated time ("-"): no due time, zero in path times.
        let untimed: Bool?
        let inputs: [DocumentJSON]
        let outputs: [DocumentJSON]
        let remarks: String?
        let optional: Bool
        let next: [BranchJSON]
        let question: String?
    }
    struct DocumentJSON: Encodable, Sendable {
        let id: String
        let name: String
        let optional: Bool
    }
    struct BranchJSON: Encodable, Sendable {
        let label: String?
        let step: String?
        let end: String?
        let handoff: String?
        let handoffTitle: String?
    }
    struct TimesJSON: Encodable, Sendable {
        let shortest: String
        let shortestPath: [String]
        let longest: String
        let longestPath: [String]
    }
    let id: String
    let revision: Int
    let title: String
    let number: String?
    let created: String?
    let revised: String?
    let effective: String?
    let approvedBy: String?
    let total: String?
    /// Whether `total` is a maximum (`total: { max: … }`, "paling lama").
    let totalIsMaximum: Bool
    let steps: [StepJSON]
    let pathTimes: TimesJSON?

    /// The JSON shape of a workflow and, when given, the times of its paths.
    public init(_ workflow: Workflow, times: PathTimes?) {
        id = workflow.id.value.rawValue
        revision = workflow.revision.value
        title = workflow.title
        number = workflow.document.number
        created = workflow.document.created?.description
        revised = workflow.document.revised?.description
        effective = workflow.document.effective?.description
        approvedBy = workflow.document.approvedBy?.name
        total = workflow.total?.value.description
        totalIsMaximum = workflow.totalIsMaximum
        func documents(_ uses: [DocumentUse]) -> [DocumentJSON] {
            uses.map { DocumentJSON(id: $0.document.value.rawValue, name: workflow.document($0.document.value)?.name ?? "", optional: $0.isOptional) }
        }
        func branch(_ label: String?, _ target: Target) -> BranchJSON {
            switch target {
            case .step(let id): BranchJSON(label: label, step: id.value.rawValue, end: nil, handoff: nil, handoffTitle: nil)
            case .end(let id): BranchJSON(label: label, step: nil, end: id.value.rawValue, handoff: nil, handoffTitle: nil)
            case .handoff(let handoff):
                BranchJSON(label: label, step: nil, end: nil, handoff: handoff.workflow?.value.rawValue, handoffTitle: handoff.title)
            }
        }
        steps = workflow.steps.enumerated().map { index, step in
            let mode: String
            switch step.performers {
            case .single: mode = "single"
            case .all: mode = "all"
            case .any: mode = "any"
            }
            var next: [BranchJSON] = []
            var question: String?
            switch step.transition {
            case .none: break
            case .target(let target): next = [branch(nil, target)]
            case .decision(let decision):
                question = decision.question
                next = decision.branches.map { branch($0.label.value, $0.target) }
            }
            return StepJSON(
                number: index + 1, id: step.id.value.rawValue, activity: step.activity,
                actors: step.performers.actors.map(\.value.rawValue), actorMode: mode,
                budget: step.isUntimed ? "-" : step.budget?.value.description, budgetDays: step.isUntimed ? nil : step.budget?.value.days,
                budgetMinutes: step.isUntimed ? nil : step.budget?.value.minutes, untimed: step.isUntimed ? true : nil,
                inputs: documents(step.inputs),
                outputs: documents(step.outputs), remarks: step.remarks, optional: step.isOptional,
                next: next, question: question)
        }
        pathTimes = times.map {
            TimesJSON(
                shortest: $0.shortest.description, shortestPath: $0.shortestPath.map(\.rawValue),
                longest: $0.longest.description, longestPath: $0.longestPath.map(\.rawValue))
        }
    }
}

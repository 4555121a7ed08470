import SOPCore
import SOPModel

/// What the scenarios of one workflow reached: each step, each branch of each decision, each end,
/// and each path `sop paths` lists (loops taken again at most once), taken by some scenario or not.
public struct ScenarioCoverage: Sendable {
    /// A step, and whether a case stood on it.
    public struct StepItem: Hashable, Sendable {
        /// The step.
        public var step: StepID
        /// Whether some scenario's case stood on it.
        public var reached: Bool
    }
    /// A branch of a decision, and whether a case took it.
    public struct BranchItem: Hashable, Sendable {
        /// The decision's step.
        public var step: StepID
        /// The branch's label.
        public var label: String
        /// Whether some scenario's case took it.
        public var reached: Bool
    }
    /// An end (an outcome, or a hand-off), and whether a case ended so.
    public struct EndItem: Hashable, Sendable {
        /// The end.
        public var end: WorkflowPaths.Path.End
        /// Whether some scenario's case ended so.
        public var reached: Bool
    }
    /// A path, and how many scenarios walked it from start to end.
    public struct PathItem: Hashable, Sendable {
        /// The path.
        public var path: WorkflowPaths.Path
        /// How many scenarios walked it, from its first step to its end.
        public var scenarios: Int
    }

    /// The workflow.
    public var workflow: Workflow
    /// Its steps, in file order.
    public var steps: [StepItem]
    /// Its decisions' branches, in file order.
    public var branches: [BranchItem]
    /// Its ends: the outcomes, then the hand-offs, in file order.
    public var ends: [EndItem]
    /// Its paths, as `sop paths` lists them.
    public var paths: [PathItem]
    /// Whether there are more paths than listed (the walk stopped at its limit).
    public var pathsTruncated: Bool

    /// The coverage of a workflow by the results of its scenarios.
    public init(workflow: Workflow, results: [ScenarioResult], pathLimit: Int = 1000) {
        self.workflow = workflow
        let reachedSteps = Set(results.flatMap(\.reached.steps))
        let reachedBranches = Set(results.flatMap(\.reached.branches))
        let reachedEnds = Set(results.compactMap(\.reached.end))
        steps = workflow.steps.map { StepItem(step: $0.id.value, reached: reachedSteps.contains($0.id.value)) }
        branches = workflow.steps.flatMap { step -> [BranchItem] in
            guard case .decision(let decision) = step.transition else { return [] }
            return decision.branches.map { branch in
                BranchItem(step: step.id.value, label: branch.label.value,
                    reached: reachedBranches.contains(ScenarioResult.Branch(step: step.id.value, label: branch.label.value)))
            }
        }
        var ends: [WorkflowPaths.Path.End] = workflow.outcomes.map { .outcome($0.id.value) }
        for step in workflow.steps {
            for case .handoff(let handoff) in step.targets where !ends.contains(.handoff(handoff.target)) {
                ends.append(.handoff(handoff.target))
            }
        }
        self.ends = ends.map { EndItem(end: $0, reached: reachedEnds.contains($0)) }
        let walked = WorkflowPaths(workflow, loops: 1, limit: pathLimit)
        paths = walked.paths.map { path in
            PathItem(path: path, scenarios: results.filter { $0.reached.end == path.end && $0.reached.visits == path.visits }.count)
        }
        pathsTruncated = walked.isTruncated
    }

    /// Whether every step, branch and end was reached.
    public var isComplete: Bool {
        steps.allSatisfy(\.reached) && branches.allSatisfy(\.reached) && ends.allSatisfy(\.reached)
    }

    /// The coverage of each workflow the files of a run tested, in the order first tested.
    public static func of(_ run: ScenarioTests.Run) -> [ScenarioCoverage] {
        var order: [WorkflowID] = []
        var workflows: [WorkflowID: Workflow] = [:]
        var results: [WorkflowID: [ScenarioResult]] = [:]
        for file in run.files {
            guard let workflow = file.workflow else { continue }
            let id = workflow.id.value
            if workflows[id] == nil {
                order.append(id)
                workflows[id] = workflow
            }
            results[id, default: []] += file.results
        }
        return order.compactMap { id in workflows[id].map { ScenarioCoverage(workflow: $0, results: results[id] ?? []) } }
    }
}

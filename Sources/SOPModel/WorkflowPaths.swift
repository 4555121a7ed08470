/// Every way through a workflow, from its first step to an end, as staff could walk it: each
/// branch of each decision, an optional step done, and a rework loop taken again at most
/// `loops` times on a path (each step visited at most `loops + 1` times).
///
/// The number of paths can grow exponentially with the decisions, so the walk stops after
/// `limit` paths, or after `limit × 64` steps walked, and says so (`isTruncated`): it never hangs.
public struct WorkflowPaths: Sendable {
    /// One way through.
    public struct Path: Hashable, Sendable {
        /// A step on the path, and the branch taken at it when it decides.
        public struct Visit: Hashable, Sendable {
            /// The step.
            public var step: StepID
            /// The label of the branch taken, for a decision.
            public var branch: String?

            /// Creates a visit.
            public init(step: StepID, branch: String?) {
                self.step = step
                self.branch = branch
            }
        }

        /// How a path ends.
        public enum End: Hashable, Sendable {
            /// At an outcome of the workflow.
            case outcome(OutcomeID)
            /// Handed off to another SOP.
            case handoff(HandoffTarget)
        }

        /// The steps in order.
        public var visits: [Visit]
        /// How it ends.
        public var end: End
        /// Its working time: the budgets of its steps added up (a step with no stated time, zero).
        public var time: Budget
        /// Whether it goes through a step more than once (a rework loop taken).
        public var loops: Bool
    }

    /// The paths, in the order of the file (first branches first).
    public var paths: [Path]
    /// How many times a loop may be taken again on one path.
    public var loopBound: Int
    /// Whether the walk stopped at its limit, so that there are more paths than listed.
    public var isTruncated: Bool

    /// Walks the workflow; `loops` of 0 takes no rework loop.
    public init(_ workflow: Workflow, loops: Int = 1, limit: Int = 1000) {
        loopBound = max(0, loops)
        paths = []
        isTruncated = false
        let steps = workflow.steps
        guard !steps.isEmpty else { return }
        var index: [StepID: Int] = [:]
        for (position, step) in steps.enumerated() where index[step.id.value] == nil { index[step.id.value] = position }
        let limit = max(1, limit)
        var budget = limit * 64
        let maximumVisits = loopBound + 1

        // A partial path: where it stands (or how it ended), what it went through, how often
        // each step was visited.
        struct Walk {
            var position: Int
            var end: Path.End?
            var visits: [Path.Visit]
            var counts: [Int: Int]
            var time: Budget
            var looped: Bool
        }
        var stack = [Walk(position: 0, end: nil, visits: [], counts: [:], time: .zero, looped: false)]
        while let walk = stack.popLast() {
            if let end = walk.end {
                paths.append(Path(visits: walk.visits, end: end, time: walk.time, loops: walk.looped))
                continue
            }
            if paths.count >= limit || budget <= 0 {
                isTruncated = true
                break
            }
            budget -= 1
            let step = steps[walk.position]
            let count = (walk.counts[walk.position] ?? 0) + 1
            guard count <= maximumVisits else { continue }
            var counts = walk.counts
            counts[walk.position] = count
            let time = walk.time + (step.isUntimed ? .zero : step.budget?.value ?? .zero)
            let looped = walk.looped || count > 1

            let ways: [(branch: String?, target: Target)]
            switch step.transition {
            case .target(let target): ways = [(nil, target)]
            case .decision(let decision): ways = decision.branches.map { ($0.label.value, $0.target) }
            case .none: ways = []
            }
            // Pushed in reverse, so that the first branch is walked first.
            for way in ways.reversed() {
                let visits = walk.visits + [Path.Visit(step: step.id.value, branch: way.branch)]
                var next = Walk(position: -1, end: nil, visits: visits, counts: counts, time: time, looped: looped)
                switch way.target {
                case .step(let id):
                    guard let position = index[id.value] else { continue }
                    next.position = position
                case .end(let outcome): next.end = .outcome(outcome.value)
                case .handoff(let handoff): next.end = .handoff(handoff.target)
                }
                stack.append(next)
            }
        }
        if paths.count > limit {
            paths.removeLast(paths.count - limit)
            isTruncated = true
        }
    }
}

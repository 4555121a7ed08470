/// The steps of a workflow as a graph of indices (positions in `workflow.steps`), with the facts
/// the checks and the path times share; a pure value, built once per workflow.
public struct WorkflowGraph: Sendable {
    /// The workflow the graph is of.
    public let workflow: Workflow
    /// Step index by id (the first step with that id, when ids repeat).
    public let index: [StepID: Int]
    /// Successor step indices of each step (unknown targets left out).
    public let successors: [[Int]]
    /// Whether each step ends the flow on some branch (an `end:` or a hand-off).
    public let endsFlow: [Bool]
    /// Predecessor step indices of each step.
    public let predecessors: [[Int]]
    /// Whether each step is reachable from the first step.
    public let reachable: [Bool]
    /// Whether an end is reachable from each step. A step whose way on is missing or names an
    /// unknown step counts as reaching one: that mistake is reported where it is, and the steps
    /// before it are not blamed for it.
    public let reachesEnd: [Bool]

    /// Builds the graph of a workflow's steps.
    public init(_ workflow: Workflow) {
        self.workflow = workflow
        var index: [StepID: Int] = [:]
        for (position, step) in workflow.steps.enumerated() where index[step.id.value] == nil {
            index[step.id.value] = position
        }
        self.index = index
        let successors = workflow.steps.map { step in step.successors.compactMap { index[$0.value] } }
        self.successors = successors
        let endsFlow = workflow.steps.map { step in
            step.targets.contains { if case .step = $0 { false } else { true } }
        }
        self.endsFlow = endsFlow
        var reachable = [Bool](repeating: false, count: workflow.steps.count)
        if !workflow.steps.isEmpty {
            var stack = [0]
            reachable[0] = true
            while let node = stack.popLast() {
                for next in successors[node] where !reachable[next] {
                    reachable[next] = true
                    stack.append(next)
                }
            }
        }
        self.reachable = reachable
        var predecessors = [[Int]](repeating: [], count: workflow.steps.count)
        for (node, nexts) in successors.enumerated() { for next in nexts { predecessors[next].append(node) } }
        self.predecessors = predecessors
        let isOpenEnded = workflow.steps.map { step in
            step.transition == nil || step.successors.contains { index[$0.value] == nil }
        }
        var reachesEnd = zip(endsFlow, isOpenEnded).map { $0 || $1 }
        var stack = reachesEnd.indices.filter { reachesEnd[$0] }
        while let node = stack.popLast() {
            for previous in predecessors[node] where !reachesEnd[previous] {
                reachesEnd[previous] = true
                stack.append(previous)
            }
        }
        self.reachesEnd = reachesEnd
    }

    /// The number of steps.
    public var count: Int { workflow.steps.count }

    /// Strongly connected components (Tarjan's algorithm, iterative), each a list of step indices.
    public func stronglyConnectedComponents() -> [[Int]] {
        var indexOf = [Int?](repeating: nil, count: count)
        var lowLink = [Int](repeating: 0, count: count)
        var onStack = [Bool](repeating: false, count: count)
        var stack: [Int] = []
        var components: [[Int]] = []
        var nextIndex = 0
        for root in 0..<count where indexOf[root] == nil {
            var work: [(node: Int, edge: Int)] = [(root, 0)]
            indexOf[root] = nextIndex
            lowLink[root] = nextIndex
            nextIndex += 1
            stack.append(root)
            onStack[root] = true
            while let (node, edge) = work.last {
                if edge < successors[node].count {
                    work[work.count - 1].edge += 1
                    let next = successors[node][edge]
                    if indexOf[next] == nil {
                        indexOf[next] = nextIndex
                        lowLink[next] = nextIndex
                        nextIndex += 1
                        stack.append(next)
                        onStack[next] = true
                        work.append((next, 0))
                    } else if onStack[next], let nextIndexValue = indexOf[next] {
                        lowLink[node] = min(lowLink[node], nextIndexValue)
                    }
                } else {
                    work.removeLast()
                    if let parent = work.last { lowLink[parent.node] = min(lowLink[parent.node], lowLink[node]) }
                    if lowLink[node] == indexOf[node] {
                        var component: [Int] = []
                        while let member = stack.popLast() {
                            onStack[member] = false
                            component.append(member)
                            if member == node { break }
                        }
                        components.append(component.sorted())
                    }
                }
            }
        }
        return components
    }

    /// The edges that close a loop (rework loops): within a set of steps that lead to each other,
    /// the edges back to a step written at or before the edge's own step.
    ///
    /// Which edges count does not depend on the order of a decision's branches, only on the
    /// order of the steps, which is the signed SOP's order. Removing them leaves no cycle: between
    /// components every edge goes forward, and within one every kept edge goes down the file.
    public func backEdges() -> Set<Edge> {
        var component = [Int](repeating: 0, count: count)
        for (number, members) in stronglyConnectedComponents().enumerated() {
            for member in members { component[member] = number }
        }
        var result = Set<Edge>()
        for (node, nexts) in successors.enumerated() {
            for next in nexts where component[next] == component[node] && next <= node {
                result.insert(Edge(from: node, to: next))
            }
        }
        return result
    }

    /// The steps in an order where every step comes after the steps with a forward edge to it
    /// (back edges left out); the first step first.
    public func forwardOrder() -> [Int] {
        let back = backEdges()
        var incoming = [Int](repeating: 0, count: count)
        for (node, nexts) in successors.enumerated() {
            for next in nexts where !back.contains(Edge(from: node, to: next)) { incoming[next] += 1 }
        }
        var order: [Int] = []
        var ready = (0..<count).filter { incoming[$0] == 0 }.reversed() as [Int]
        // The first step first when nothing leads to it; otherwise in file order.
        if let first = ready.lastIndex(of: 0) { ready.remove(at: first); ready.append(0) }
        while let node = ready.popLast() {
            order.append(node)
            for next in successors[node] where !back.contains(Edge(from: node, to: next)) {
                incoming[next] -= 1
                if incoming[next] == 0 { ready.append(next) }
            }
        }
        return order
    }

    /// A directed edge between two steps.
    public struct Edge: Hashable, Sendable {
        /// The index of the step the edge leaves.
        public let from: Int
        /// The index of the step the edge leads to.
        public let to: Int

        /// Creates an edge.
        public init(from: Int, to: Int) {
            self.from = from
            self.to = to
        }
    }
}

import SOPModel

/// The steps of a workflow as a graph of indices, with the facts several checks share.
struct WorkflowGraph {
    let workflow: Workflow
    /// Step index by id (the first step with that id, when ids repeat).
    let index: [StepID: Int]
    /// Successor step indices of each step (unknown targets left out).
    let successors: [[Int]]
    /// Whether each step ends the flow on some branch (an `end:` or a hand-off).
    let endsFlow: [Bool]
    /// Whether each step is reachable from the first step.
    let reachable: [Bool]
    /// Whether an end is reachable from each step.
    let reachesEnd: [Bool]

    init(_ workflow: Workflow) {
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
        var reachesEnd = endsFlow
        var stack = endsFlow.indices.filter { endsFlow[$0] }
        while let node = stack.popLast() {
            for previous in predecessors[node] where !reachesEnd[previous] {
                reachesEnd[previous] = true
                stack.append(previous)
            }
        }
        self.reachesEnd = reachesEnd
    }

    var count: Int { workflow.steps.count }

    /// Predecessor indices of each step.
    var predecessors: [[Int]] {
        var result = [[Int]](repeating: [], count: count)
        for (node, nexts) in successors.enumerated() { for next in nexts { result[next].append(node) } }
        return result
    }

    /// Strongly connected components (Tarjan's algorithm, iterative), each a list of step indices.
    func stronglyConnectedComponents() -> [[Int]] {
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

    /// The edges that close a loop when walking from the first step depth-first (rework loops).
    func backEdges() -> Set<Edge> {
        var state = [UInt8](repeating: 0, count: count)  // 0 new, 1 on path, 2 done
        var result = Set<Edge>()
        guard count > 0 else { return result }
        var work: [(node: Int, edge: Int)] = [(0, 0)]
        state[0] = 1
        while let (node, edge) = work.last {
            if edge < successors[node].count {
                work[work.count - 1].edge += 1
                let next = successors[node][edge]
                switch state[next] {
                case 0:
                    state[next] = 1
                    work.append((next, 0))
                case 1:
                    result.insert(Edge(from: node, to: next))
                default:
                    break
                }
            } else {
                state[node] = 2
                work.removeLast()
            }
        }
        return result
    }

    /// A directed edge between two steps.
    struct Edge: Hashable {
        let from: Int
        let to: Int
    }
}

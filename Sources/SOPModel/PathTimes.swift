/// The working time of the shortest and the longest way through a workflow.
///
/// Paths run from the first step to a step that ends the flow, each step counted once: rework
/// loops (edges back to an earlier step) are left out, and an optional step counts for the
/// longest path but not the shortest.
public struct PathTimes: Hashable, Sendable {
    /// The time of the shortest path.
    public var shortest: Budget
    /// The steps of the shortest path.
    public var shortestPath: [StepID]
    /// The time of the longest path.
    public var longest: Budget
    /// The steps of the longest path.
    public var longestPath: [StepID]

    /// Computes the path times; nil when no path from the first step reaches an end.
    public init?(_ workflow: Workflow) {
        self.init(graph: WorkflowGraph(workflow))
    }

    /// Computes the path times over a graph already built for the workflow; nil when no path
    /// from the first step reaches an end.
    public init?(graph: WorkflowGraph) {
        let steps = graph.workflow.steps
        guard !steps.isEmpty else { return nil }
        let back = graph.backEdges()
        var edges = [[Int]](repeating: [], count: steps.count)
        var incoming = [Int](repeating: 0, count: steps.count)
        for node in steps.indices where graph.reachable[node] {
            for next in Set(graph.successors[node]) where !back.contains(.init(from: node, to: next)) {
                edges[node].append(next)
                incoming[next] += 1
            }
        }
        func cost(_ node: Int, longest: Bool) -> Budget {
            let budget = steps[node].budget?.value ?? .zero
            return !longest && steps[node].isOptional ? .zero : budget
        }
        var short: [Budget?] = Array(repeating: nil, count: steps.count)
        var long: [Budget?] = Array(repeating: nil, count: steps.count)
        var shortFrom = [Int?](repeating: nil, count: steps.count)
        var longFrom = [Int?](repeating: nil, count: steps.count)
        short[0] = cost(0, longest: false)
        long[0] = cost(0, longest: true)
        var queue = [0]
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            for next in edges[node] {
                if let base = short[node] {
                    let candidate = base + cost(next, longest: false)
                    if short[next].map({ candidate < $0 }) ?? true { short[next] = candidate; shortFrom[next] = node }
                }
                if let base = long[node] {
                    let candidate = base + cost(next, longest: true)
                    if long[next].map({ candidate > $0 }) ?? true { long[next] = candidate; longFrom[next] = node }
                }
                incoming[next] -= 1
                if incoming[next] == 0 { queue.append(next) }
            }
        }
        let ends = steps.indices.filter { graph.endsFlow[$0] && graph.reachable[$0] }
        guard let shortEnd = ends.filter({ short[$0] != nil }).min(by: { short[$0]! < short[$1]! }),
            let longEnd = ends.filter({ long[$0] != nil }).max(by: { long[$0]! < long[$1]! })
        else { return nil }
        func path(to end: Int, from: [Int?]) -> [StepID] {
            var result: [StepID] = []
            var current: Int? = end
            var guardCount = 0
            while let node = current, guardCount <= steps.count {
                result.append(steps[node].id.value)
                current = from[node]
                guardCount += 1
            }
            return result.reversed()
        }
        shortest = short[shortEnd]!
        longest = long[longEnd]!
        shortestPath = path(to: shortEnd, from: shortFrom)
        longestPath = path(to: longEnd, from: longFrom)
    }
}

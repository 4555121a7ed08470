import SOPCore
import SOPModel

/// The declared total time matches the time of the longest path; a declared maximum is not
/// exceeded by any path.
enum TimeCheck {
    static func check(_ workflow: Workflow, graph: WorkflowGraph) -> [Diagnostic] {
        // A step whose budget or way on could not be read would make any sum a guess.
        guard let total = workflow.total, !workflow.steps.contains(where: \.isIncomplete),
            let times = PathTimes(graph: graph)
        else { return [] }
        if workflow.totalIsMaximum {
            guard times.longest > total.value else { return [] }
            let longestPath = times.longestPath.map(\.rawValue).joined(separator: " → ")
            return [Diagnostic(.totalMaximumExceeded, at: total.location, Text(
                id: "total paling lama \(total.value) terlampaui: jalur \(longestPath) memakan waktu \(times.longest)",
                en: "the maximum total \(total.value) is exceeded: the path \(longestPath) takes \(times.longest)"))]
        }
        guard total.value != times.longest else { return [] }
        let longestPath = times.longestPath.map(\.rawValue).joined(separator: " → ")
        let shortestPath = times.shortestPath.map(\.rawValue).joined(separator: " → ")
        let message = Text(
            id: "total yang dinyatakan \(total.value) berbeda dengan langkah-langkahnya: jalur terpanjang memakan waktu "
                + "\(times.longest) (\(longestPath)), jalur terpendek \(times.shortest) (\(shortestPath))",
            en: "declared total \(total.value) differs from the steps: the longest path takes \(times.longest)"
                + " (\(longestPath)), the shortest \(times.shortest) (\(shortestPath))")
        return [Diagnostic(.totalMismatch, at: total.location, message)]
    }
}

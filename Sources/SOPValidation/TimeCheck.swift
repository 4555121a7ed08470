import SOPCore
import SOPModel

/// The declared total time matches the time of the longest path; a declared maximum is not
/// exceeded by any path. A step with no stated time is said as information.
enum TimeCheck {
    static func check(_ workflow: Workflow, graph: WorkflowGraph) -> [Diagnostic] {
        untimedSteps(workflow) + totals(workflow, graph: graph)
    }

    /// Each step whose signed table shows "-": it has no due time and counts as zero in path times.
    private static func untimedSteps(_ workflow: Workflow) -> [Diagnostic] {
        workflow.steps.compactMap { step in
            guard step.isUntimed, let budget = step.budget else { return nil }
            return Diagnostic(.stepWithoutTime, at: budget.location, Text(
                id: "langkah '\(step.id.value)' tanpa waktu (\"-\" seperti dalam SOP): langkah ini tidak memiliki tenggat, tidak diingatkan maupun terlambat, dan dihitung nol dalam waktu jalur dan total",
                en: "step '\(step.id.value)' has no stated time (\"-\" as signed): it has no due time, is never reminded of or late, and counts as zero in path times and the total"))
        }
    }

    private static func totals(_ workflow: Workflow, graph: WorkflowGraph) -> [Diagnostic] {
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

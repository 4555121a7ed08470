import SOPCore
import SOPModel

/// Every step is reachable, every path ends, no loop traps a case, decisions are well formed.
enum FlowCheck {
    static func check(_ workflow: Workflow, graph: WorkflowGraph) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let steps = workflow.steps

        for step in steps {
            guard case .decision(let decision) = step.transition else { continue }
            if decision.branchesWritten < 2 {
                diagnostics.append(Diagnostic(.tooFewBranches, at: decision.location,
                    Text(
                        id: "keputusan pada langkah '\(step.id.value)' hanya memiliki \(decision.branches.count) cabang",
                        en: "the decision of step '\(step.id.value)' has \(decision.branches.count) branch\(decision.branches.count == 1 ? "" : "es")")))
            }
            // A label may repeat when rules tell its branches apart: each but the last has one.
            var labels: [String: SourceLocation] = [:]
            for (position, branch) in decision.branches.enumerated() {
                let key = branch.label.value.lowercased()
                let earlier = decision.branches[..<position].filter { $0.label.value.lowercased() == key }
                if let first = labels[key], earlier.contains(where: { $0.when == nil }) {
                    diagnostics.append(Diagnostic(.duplicateBranchLabel, at: branch.label.location,
                        Text(
                            id: "label cabang '\(branch.label.value)' dipakai dua kali pada langkah '\(step.id.value)'",
                            en: "branch label '\(branch.label.value)' is used twice in step '\(step.id.value)'"),
                        notes: [.init(location: first, message: Text(id: "pertama dipakai di sini", en: "first used here"))]))
                } else if labels[key] == nil {
                    labels[key] = branch.label.location
                }
            }
            if decision.branches.count >= 2, decision.branches.allSatisfy({ $0.when != nil }) {
                diagnostics.append(Diagnostic(.noDefaultBranch, at: decision.location,
                    Text(
                        id: "setiap cabang pada langkah '\(step.id.value)' memiliki aturan; pengaduan yang tidak cocok dengan satu pun tidak dapat berlanjut",
                        en: "every branch of step '\(step.id.value)' has a rule; a case that matches none cannot go on")))
            }
        }

        // A step whose id repeats an earlier one is reported as a duplicate, not as unreachable.
        for position in steps.indices where !graph.reachable[position] && graph.index[steps[position].id.value] == position {
            let reachedFromUnreachable = graph.predecessors[position].contains { !graph.reachable[$0] && $0 != position }
            let note = reachedFromUnreachable
                ? Text(
                    id: " (demikian pula setiap langkah yang menuju ke sana)",
                    en: " (nor is any step leading to it)") : Text(verbatim: "")
            diagnostics.append(Diagnostic(.unreachableStep, at: steps[position].id.location,
                Text(
                    id: "langkah '\(steps[position].id.value)' tidak dapat dicapai dari langkah pertama '\(steps[0].id.value)'",
                    en: "step '\(steps[position].id.value)' cannot be reached from the first step '\(steps[0].id.value)'") + note))
        }

        // Loops with no exit: a strongly connected set of reachable steps none of which reaches an end.
        var inTrap = [Bool](repeating: false, count: steps.count)
        let components = graph.stronglyConnectedComponents()
        var componentOf = [Int](repeating: 0, count: steps.count)
        for (number, members) in components.enumerated() { for member in members { componentOf[member] = number } }
        for (number, component) in components.enumerated() {
            guard let first = component.first, graph.reachable[first], !graph.reachesEnd[first] else { continue }
            let isLoop = component.count > 1 || graph.successors[first].contains(first)
            guard isLoop else { continue }
            let leaves = component.contains { node in graph.successors[node].contains { componentOf[$0] != number } }
            guard !leaves else { continue }
            for node in component { inTrap[node] = true }
            let names = component.map { "'\(steps[$0].id.value)'" }.joined(separator: " → ")
            diagnostics.append(Diagnostic(.loopWithoutExit, at: steps[first].id.location,
                Text(
                    id: "langkah \(names) hanya saling menuju satu sama lain: pengaduan yang masuk ke sana tidak pernah berakhir",
                    en: "steps \(names) lead only to each other: a case that enters them never ends"),
                notes: component.dropFirst().map { .init(location: steps[$0].id.location, message: Text(
                    id: "bagian dari putaran",
                    en: "part of the loop")) }))
        }

        // Steps that lead only into a loop with no exit (steps with a missing or unknown way on
        // count as reaching an end: they are reported as such).
        for position in steps.indices where graph.reachable[position] && !graph.reachesEnd[position] && !inTrap[position] {
            let step = steps[position]
            diagnostics.append(Diagnostic(.noPathToEnd, at: step.id.location,
                Text(
                    id: "tidak ada jalur dari langkah '\(step.id.value)' yang menuju akhir",
                    en: "no path from step '\(step.id.value)' leads to an end")))
        }
        return diagnostics
    }
}

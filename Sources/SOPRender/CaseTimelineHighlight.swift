import SOPModel

/// Which parts of a laid-out flowchart a case went through: the shapes it visited (with the
/// numbers of the visits, a rework loop visiting a shape twice), the lines it took, the step it
/// stands on, and the end it reached.
///
/// A visit is placed on the shape of the step with its id (the first, when ids repeat). A line
/// is taken when the case went from its shape to the next visit's shape along it (along the
/// branch chosen, when several lines join the two). A return to the reporter that no line of
/// the chart draws is kept apart (`returns`), to be drawn as an extra connection.
struct CaseTimelineHighlight: Sendable {
    /// A return to the reporter that the chart has no line for.
    struct Return: Hashable, Sendable {
        /// The shape the case was returned from.
        var from: String
        /// The reporter's step it went back to.
        var to: String
        /// The index of the visit that ended in the return.
        var visit: Int
    }

    /// The shape of each visit, by the visit's index; nil for a step the chart does not have.
    var nodeOfVisit: [String?]
    /// The 1-based numbers of the visits to each shape, in order, by node id.
    var visitNumbers: [String: [Int]]
    /// The indices (into `chart.edges`) of the lines the case took, in the order it took them.
    var takenEdges: [Int]
    /// The shape of the step the case stands on, if it is open on a step the chart has.
    var current: String?
    /// The terminator or connector the case ended at, if the chart has it.
    var end: String?
    /// Whether the case came in at the start terminator.
    var startsAtMulai: Bool
    /// Returns to the reporter the chart draws no line for.
    var returns: [Return]

    /// Every shape the case touched: visited steps, the start and the end it reached.
    var touched: Set<String> {
        var result = Set(visitNumbers.keys)
        if startsAtMulai { result.insert("mulai") }
        if let end { result.insert(end) }
        return result
    }

    /// Works out the highlighting of a case's visits on the chart of its workflow.
    init(chart: Flowchart, workflow: Workflow, visits: [CaseTimelineData.Visit], end caseEnd: CaseTimelineData.End?) {
        // The shape of each step id: the first step with the id.
        var nodeOfStep: [String: String] = [:]
        for node in chart.nodes where node.kind == .step || node.kind == .decision {
            guard node.step < workflow.steps.count else { continue }
            let id = workflow.steps[node.step].id.value.rawValue
            if nodeOfStep[id] == nil { nodeOfStep[id] = node.id }
        }
        nodeOfVisit = visits.map { nodeOfStep[$0.step] }
        visitNumbers = [:]
        for (index, node) in nodeOfVisit.enumerated() {
            guard let node else { continue }
            visitNumbers[node, default: []].append(index + 1)
        }

        /// The line from one shape to another, preferring the one with a label.
        func edge(from: String, to: String, label: String?) -> Int? {
            let candidates = chart.edges.indices.filter { chart.edges[$0].from == from && chart.edges[$0].to == to }
            if let label, let labelled = candidates.first(where: { chart.edges[$0].label == label }) { return labelled }
            return candidates.first
        }

        takenEdges = []
        returns = []
        startsAtMulai = false
        if let first = nodeOfVisit.first ?? nil, let index = edge(from: "mulai", to: first, label: nil) {
            startsAtMulai = true
            takenEdges.append(index)
        }
        for index in visits.indices.dropLast() {
            guard let from = nodeOfVisit[index], let to = nodeOfVisit[index + 1] else { continue }
            var label: String?
            if case .completed(let branch) = visits[index].ending { label = branch }
            if let taken = edge(from: from, to: to, label: label) {
                takenEdges.append(taken)
            } else if case .returned = visits[index].ending {
                returns.append(Return(from: from, to: to, visit: index))
            }
        }

        current = nil
        if let last = visits.last, last.isOpen, caseEnd == nil { current = nodeOfVisit.last ?? nil }

        end = nil
        if let caseEnd, let last = visits.last, let from = nodeOfVisit.last ?? nil {
            let isTarget: (Flowchart.Node) -> Bool
            switch caseEnd {
            case .outcome(let id, _): isTarget = { $0.kind == .end(OutcomeID(id)) }
            case .handoff(let target): isTarget = { $0.kind == .handoff(target) }
            case .other: isTarget = { _ in false }
            }
            var label: String?
            if case .completed(let branch) = last.ending { label = branch }
            let exits = chart.edges.indices.filter { index in
                chart.edges[index].from == from && chart.node(chart.edges[index].to).map(isTarget) == true
            }
            if let taken = exits.first(where: { chart.edges[$0].label == label }) ?? exits.first {
                takenEdges.append(taken)
                end = chart.edges[taken].to
            }
        }
    }
}

import SOPModel

/// The parts of a flowchart that Mermaid and DOT share: one node per shape of the layout, in
/// the lanes of their actors, and one edge per line.
private struct DiagramGraph {
    struct Node {
        var id: String
        var kind: Flowchart.NodeKind
        var lines: [String]
        var isOptional: Bool
    }

    struct Lane {
        var name: String
        var nodes: [Node]
    }

    var lanes: [Lane]
    var edges: [(from: String, to: String, label: String?, isLoop: Bool)]

    init(_ workflow: Workflow, wrapWidth: Double?) {
        let chart = Flowchart(workflow)
        func wrapped(_ text: String) -> [String] {
            guard let wrapWidth else { return [text] }
            let lines = TextMetrics.wrap(text, width: wrapWidth, fontSize: 10)
            return lines.isEmpty ? [""] : lines
        }
        var lanes = chart.lanes.map { Lane(name: $0.name, nodes: []) }
        for node in chart.nodes where node.lane < lanes.count {
            var lines: [String]
            switch node.kind {
            case .start:
                lines = ["Mulai"]
            case .end(let outcome):
                lines = ["Selesai"] + (workflow.outcome(outcome).map { wrapped($0.name) } ?? [])
            case .handoff(let target):
                lines = wrapped(target.sopName)
            case .step, .decision:
                guard node.step < workflow.steps.count else { continue }
                let step = workflow.steps[node.step]
                let text = node.kind == .decision ? (Wording.question(step) ?? step.activity) : step.activity
                lines = wrapped("\(node.step + 1). " + text)
                if step.isOptional { lines.append("(bila perlu)") }
                if let note = Flowchart.performerNote(step, in: workflow) { lines += wrapped("(\(note))") }
                if let budget = step.budgetText { lines.append(budget) }
            }
            lanes[node.lane].nodes.append(Node(id: Self.identifier(node.id), kind: node.kind, lines: lines, isOptional: node.isOptional))
        }
        self.lanes = lanes
        edges = chart.edges.map { (Self.identifier($0.from), Self.identifier($0.to), $0.label, $0.isLoop) }
    }

    /// A layout id as a diagram id: letters, digits and underscores only.
    static func identifier(_ id: String) -> String {
        String(id.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
    }
}

/// The SOP's flowchart in Mermaid's `flowchart` syntax, for pasting into Markdown, wikis or
/// the Mermaid live editor.
///
/// One subgraph per actor (its lane), holding that actor's shapes: stadiums for start and end,
/// rectangles for steps, rhombi for decisions, a trapezoid for a hand-off to another SOP, and a
/// dashed outline for optional steps. Every label is quoted and escaped (`Markup.mermaidLabel`).
public struct MermaidDiagram: Sendable {
    /// The workflow drawn.
    public var workflow: Workflow

    /// Creates the Mermaid text of a workflow.
    public init(workflow: Workflow) {
        self.workflow = workflow
    }

    /// The Mermaid text, ending in a line break.
    public func render() -> String {
        let graph = DiagramGraph(workflow, wrapWidth: nil)
        func label(_ lines: [String]) -> String {
            "\"" + lines.map(Markup.mermaidLabel).joined(separator: "<br/>") + "\""
        }
        var text = "%% SOP " + Markup.mermaidLabel((workflow.document.number.map { $0 + " " } ?? "") + workflow.title)
            + " (alur kerja " + Markup.mermaidLabel(workflow.id.value.rawValue) + ", revisi \(workflow.revision.value))\n"
        text += "flowchart TD\n"
        var optional: [String] = []
        for (index, lane) in graph.lanes.enumerated() where !lane.nodes.isEmpty {
            text += "    subgraph lajur_\(index + 1) [\(label([lane.name]))]\n"
            for node in lane.nodes {
                let shape: String
                switch node.kind {
                case .start, .end: shape = "([\(label(node.lines))])"
                case .step: shape = "[\(label(node.lines))]"
                case .decision: shape = "{\(label(node.lines))}"
                case .handoff: shape = "[\\\(label(node.lines))/]"
                }
                text += "        \(node.id)\(shape)\n"
                if node.isOptional { optional.append(node.id) }
            }
            text += "    end\n"
        }
        for edge in graph.edges {
            let arrow = edge.label.map { "-->|\(label([$0]))|" } ?? "-->"
            text += "    \(edge.from) \(arrow) \(edge.to)\n"
        }
        if !optional.isEmpty {
            text += "    classDef bilaPerlu stroke-dasharray: 5 5\n"
            text += "    class \(optional.joined(separator: ",")) bilaPerlu\n"
        }
        return text
    }
}

/// The SOP's flowchart in Graphviz DOT, for `dot -Tsvg` or -Tpdf and tools that read DOT.
///
/// One cluster per actor (its lane); rounded boxes for start and end, boxes for steps (dashed
/// when optional), diamonds for decisions, `invhouse` (an off-page connector) for a hand-off to
/// another SOP. Rework loops do not constrain the ranks, so the steps stay in file order from
/// top to bottom. Every string is quoted and escaped (`Markup.dotString`).
public struct DOTDiagram: Sendable {
    /// The workflow drawn.
    public var workflow: Workflow

    /// Creates the DOT text of a workflow.
    public init(workflow: Workflow) {
        self.workflow = workflow
    }

    /// The DOT text, ending in a line break.
    public func render() -> String {
        let graph = DiagramGraph(workflow, wrapWidth: 190)
        let title = "SOP " + (workflow.document.number.map { $0 + " " } ?? "") + workflow.title
        let font = Markup.dotString("Arial")
        var text = "digraph \(Markup.dotString(workflow.id.value.rawValue)) {\n"
        text += "    graph [label=\(Markup.dotString(title)), labelloc=\"t\", fontname=\(font), fontsize=14, rankdir=\"TB\", newrank=true];\n"
        text += "    node [fontname=\(font), fontsize=10, shape=\"box\"];\n"
        text += "    edge [fontname=\(font), fontsize=9];\n"
        for (index, lane) in graph.lanes.enumerated() where !lane.nodes.isEmpty {
            text += "    subgraph \(Markup.dotString("cluster_lajur_\(index + 1)")) {\n"
            text += "        label=\(Markup.dotString(lane.name));\n"
            for node in lane.nodes {
                var attributes = ["label=\(Markup.dotString(lines: node.lines))"]
                switch node.kind {
                case .start, .end: attributes.append("style=\"rounded\"")
                case .step: if node.isOptional { attributes.append("style=\"dashed\"") }
                case .decision:
                    attributes.append("shape=\"diamond\"")
                    if node.isOptional { attributes.append("style=\"dashed\"") }
                case .handoff: attributes.append("shape=\"invhouse\"")
                }
                text += "        \(Markup.dotString(node.id)) [\(attributes.joined(separator: ", "))];\n"
            }
            text += "    }\n"
        }
        for edge in graph.edges {
            var attributes: [String] = []
            if let label = edge.label { attributes.append("label=\(Markup.dotString(label))") }
            if edge.isLoop { attributes.append("constraint=false") }
            let suffix = attributes.isEmpty ? "" : " [\(attributes.joined(separator: ", "))]"
            text += "    \(Markup.dotString(edge.from)) -> \(Markup.dotString(edge.to))\(suffix);\n"
        }
        text += "}\n"
        return text
    }
}

/// The formats `sop diagram` writes.
public enum DiagramFormat: String, CaseIterable, Sendable {
    /// Mermaid `flowchart` text.
    case mermaid
    /// Graphviz DOT text.
    case dot
    /// An SVG document drawn by `sop` itself.
    case svg

    /// The workflow's flowchart in this format.
    public func render(_ workflow: Workflow) -> String {
        switch self {
        case .mermaid: MermaidDiagram(workflow: workflow).render()
        case .dot: DOTDiagram(workflow: workflow).render()
        case .svg: FlowchartSVG(workflow: workflow).render()
        }
    }
}

import SOPModel
import Testing

@testable import SOPRender

/// The layout of the flowchart: lanes, rows, shapes and the routes of the lines.
@Suite("Flowchart layout")
struct FlowchartTests {
    static let workflows = ["pengaduan-langsung", "pengaduan-media", "besar"]

    func stepNodes(_ chart: Flowchart) -> [Flowchart.Node] {
        chart.nodes.filter { $0.kind == .step || $0.kind == .decision }
    }

    @Test("the 25-step fixture has 25 steps and 6 actors", arguments: ["besar"])
    func fixtureSize(name: String) throws {
        let workflow = try loadWorkflow(name)
        #expect(workflow.steps.count == 25)
        #expect(workflow.actors.count == 6)
    }

    @Test("lanes are the actors in file order, one per actor, with their names", arguments: workflows)
    func lanes(name: String) throws {
        let workflow = try loadWorkflow(name)
        let chart = Flowchart(workflow)
        #expect(chart.lanes.map(\.actor) == workflow.actors.map(\.id.value))
        #expect(chart.lanes.map(\.name) == workflow.actors.map(\.name))
        #expect(chart.width == Double(workflow.actors.count) * chart.metrics.laneWidth)
    }

    @Test("every step has one shape, in its actor's lane, rows in file order", arguments: workflows)
    func shapes(name: String) throws {
        let workflow = try loadWorkflow(name)
        let chart = Flowchart(workflow)
        let nodes = stepNodes(chart)
        try #require(nodes.count == workflow.steps.count)
        #expect(chart.bands.count == workflow.steps.count)
        for (index, (step, node)) in zip(workflow.steps, nodes).enumerated() {
            #expect(node.step == index)
            #expect(node.text == "\(index + 1)")
            let isDecision: Bool
            if case .decision = step.transition { isDecision = true } else { isDecision = false }
            #expect(node.kind == (isDecision ? .decision : .step), "step \(index + 1)")
            let lane = try #require(chart.lanes.firstIndex { $0.actor == step.performers.actors.first?.value })
            #expect(node.lane == lane, "step \(index + 1)")
            #expect(node.isOptional == step.isOptional)
            // Inside its lane, clear of the channels at the sides.
            let laneFrame = chart.lanes[node.lane]
            #expect(node.frame.x >= laneFrame.x + chart.metrics.lanePadding - 0.01)
            #expect(node.frame.maxX <= laneFrame.x + laneFrame.width - chart.metrics.lanePadding + 0.01)
            // Inside its band; bands in order, touching.
            let band = chart.bands[index]
            #expect(band.step == index)
            #expect(node.frame.y > band.top && node.frame.maxY < band.bottom)
            if index > 0 { #expect(band.top == chart.bands[index - 1].bottom) }
        }
        #expect(zip(nodes, nodes.dropFirst()).allSatisfy { $0.frame.maxY < $1.frame.y })
        #expect(chart.bands.last?.bottom == chart.height)
    }

    @Test("start above the first step, a terminator or connector below every end or hand-off", arguments: workflows)
    func terminators(name: String) throws {
        let workflow = try loadWorkflow(name)
        let chart = Flowchart(workflow)
        let start = try #require(chart.nodes.first)
        #expect(start.kind == .start && start.text == "Mulai")
        let first = try #require(stepNodes(chart).first)
        #expect(start.lane == first.lane && start.frame.maxY < first.frame.y)
        #expect(chart.edges.contains { $0.from == start.id && $0.to == first.id })
        for (index, step) in workflow.steps.enumerated() {
            let exits = step.targets.filter { if case .step = $0 { false } else { true } }
            let exitNodes = chart.nodes.filter { $0.step == index && $0.id.contains("-akhir-") }
            #expect(exitNodes.count == exits.count, "step \(index + 1)")
            let shape = stepNodes(chart)[index]
            for (target, node) in zip(exits, exitNodes) {
                switch target {
                case .end(let outcome):
                    #expect(node.kind == .end(outcome.value) && node.text == "Selesai")
                case .handoff(let handoff):
                    #expect(node.kind == .handoff(handoff.target) && node.text == handoff.workflow?.value.rawValue)
                case .step: break
                }
                #expect(node.lane == shape.lane && node.frame.y > shape.frame.maxY)
                #expect(chart.edges.contains { $0.from == shape.id && $0.to == node.id })
            }
        }
    }

    @Test("every branch of a decision is a line with its label", arguments: workflows)
    func branches(name: String) throws {
        let workflow = try loadWorkflow(name)
        let chart = Flowchart(workflow)
        for (step, node) in zip(workflow.steps, stepNodes(chart)) {
            let lines = chart.edges.filter { $0.from == node.id }
            guard case .decision(let decision) = step.transition else {
                #expect(lines.allSatisfy { $0.label == nil })
                continue
            }
            #expect(lines.map(\.label) == decision.branches.map(\.label.value))
            #expect(lines.allSatisfy { $0.labelAnchor != nil })
        }
    }

    @Test("067/12351: the Tidak loop of step 2 goes back up into the side of step 1")
    func reworkLoop() throws {
        let chart = Flowchart(try loadWorkflow("pengaduan-langsung"))
        let loop = try #require(chart.edges.first { $0.from == "langkah-2" && $0.to == "langkah-1" })
        #expect(loop.isLoop)
        #expect(loop.label == "Tidak")
        let step1 = try #require(chart.node("langkah-1"))
        let step2 = try #require(chart.node("langkah-2"))
        // It leaves by the diamond's left corner (step 1 is in the lane to the left) …
        #expect(loop.points.first == FlowchartPoint(x: step2.frame.x, y: step2.frame.midY))
        // … rises in the channel between the lanes …
        #expect(zip(loop.points, loop.points.dropFirst()).contains { $0.x == $1.x && $1.y < $0.y })
        // … and enters step 1 by its right side.
        let end = try #require(loop.points.last)
        #expect(end.x == step1.frame.maxX && end.y > step1.frame.y && end.y < step1.frame.maxY)
        // The branches that go on are not loops.
        #expect(chart.edges.filter { !$0.isLoop }.count == chart.edges.count - 1)
    }

    @Test("every loop rises, and ends no lower than where it starts", arguments: workflows)
    func loopsRise(name: String) throws {
        let chart = Flowchart(try loadWorkflow(name))
        for edge in chart.edges where edge.isLoop {
            #expect(zip(edge.points, edge.points.dropFirst()).contains { $0.x == $1.x && $1.y < $0.y }, "\(edge.from) → \(edge.to)")
            let first = try #require(edge.points.first)
            let last = try #require(edge.points.last)
            #expect(last.y <= first.y, "\(edge.from) → \(edge.to)")
        }
        if name == "besar" { #expect(chart.edges.filter(\.isLoop).count == 6) }
    }

    @Test("lines are horizontal and vertical, start and end on their shapes", arguments: workflows)
    func lineShape(name: String) throws {
        let chart = Flowchart(try loadWorkflow(name))
        for edge in chart.edges {
            #expect(edge.points.count >= 2)
            for (p, q) in zip(edge.points, edge.points.dropFirst()) {
                #expect(p.x == q.x || p.y == q.y, "\(edge.from) → \(edge.to) has a slanted segment")
            }
            let from = try #require(chart.node(edge.from))
            let to = try #require(chart.node(edge.to))
            #expect(onOutline(try #require(edge.points.first), from), "\(edge.from) → \(edge.to) starts off its shape")
            #expect(onOutline(try #require(edge.points.last), to), "\(edge.from) → \(edge.to) ends off its shape")
        }
    }

    @Test("no line crosses a shape", arguments: workflows)
    func noCrossing(name: String) throws {
        let chart = Flowchart(try loadWorkflow(name))
        for edge in chart.edges {
            for (p, q) in zip(edge.points, edge.points.dropFirst()) {
                let length = max(abs(q.x - p.x), abs(q.y - p.y))
                let samples = Int(length * 2)
                for node in chart.nodes {
                    for sample in 0...max(1, samples) {
                        let t = Double(sample) / Double(max(1, samples))
                        let point = FlowchartPoint(x: p.x + (q.x - p.x) * t, y: p.y + (q.y - p.y) * t)
                        if inside(point, node) {
                            Issue.record("\(name): \(edge.from) → \(edge.to) crosses \(node.id) at \(point)")
                            break
                        }
                    }
                }
            }
        }
    }

    @Test("lines to different shapes never run on top of each other", arguments: workflows)
    func noOverlap(name: String) throws {
        let chart = Flowchart(try loadWorkflow(name))
        struct Segment { var edge: Int; var p: FlowchartPoint; var q: FlowchartPoint }
        var segments: [Segment] = []
        for (index, edge) in chart.edges.enumerated() {
            for (p, q) in zip(edge.points, edge.points.dropFirst()) { segments.append(Segment(edge: index, p: p, q: q)) }
        }
        for (i, a) in segments.enumerated() {
            for b in segments[(i + 1)...] where a.edge != b.edge {
                let first = chart.edges[a.edge]
                let second = chart.edges[b.edge]
                guard first.to != second.to, first.from != second.from else { continue }
                let overlap: Double
                if a.p.y == a.q.y && b.p.y == b.q.y && a.p.y == b.p.y {
                    overlap = min(max(a.p.x, a.q.x), max(b.p.x, b.q.x)) - max(min(a.p.x, a.q.x), min(b.p.x, b.q.x))
                } else if a.p.x == a.q.x && b.p.x == b.q.x && a.p.x == b.p.x {
                    overlap = min(max(a.p.y, a.q.y), max(b.p.y, b.q.y)) - max(min(a.p.y, a.q.y), min(b.p.y, b.q.y))
                } else {
                    continue
                }
                #expect(overlap <= 1, "\(name): \(first.from) → \(first.to) runs on \(second.from) → \(second.to)")
            }
        }
    }

    @Test("a branch label touches no line but the start of its own, on the flowchart and in the flow table", arguments: workflows)
    func labelsClearOfLines(name: String) throws {
        let workflow = try loadWorkflow(name)
        for chart in [Flowchart(workflow), Flowchart(workflow, metrics: .table(laneWidth: 150))] {
            for edge in chart.edges {
                guard let text = edge.label, let anchor = edge.labelAnchor else { continue }
                // The label's white ground as FlowchartDrawing draws it (10 pt labels), one unit apart.
                let width = TextMetrics.width(text, fontSize: 10) + 2
                let left = (edge.isLabelRightAligned ? anchor.x - width + 2 : anchor.x) - 1
                let (top, bottom) = (anchor.y - 8.5 - 1, anchor.y + 2.5 + 1)
                for other in chart.edges {
                    for (index, (p, q)) in zip(other.points, other.points.dropFirst()).enumerated() {
                        // The label sits beside the first segment of its own line.
                        if other == edge && index == 0 { continue }
                        let crossesX = max(p.x, q.x) >= left && min(p.x, q.x) <= left + width
                        let crossesY = max(p.y, q.y) >= top && min(p.y, q.y) <= bottom
                        #expect(!(crossesX && crossesY), "\(name): label '\(text)' of \(edge.from) → \(edge.to) touches \(other.from) → \(other.to)")
                    }
                }
            }
        }
    }

    @Test("a step of several actors sits in its first actor's lane, with the others in a note")
    func severalActors() throws {
        let workflow = try loadWorkflow("besar")
        let chart = Flowchart(workflow)
        let together = try #require(workflow.steps.firstIndex { $0.id.value == "periksa-cetak" })
        let either = try #require(workflow.steps.firstIndex { $0.id.value == "pilih-kirim" })
        let nodes = stepNodes(chart)
        #expect(chart.lanes[nodes[together].lane].actor == "loket")
        #expect(chart.lanes[nodes[either].lane].actor == "arsip")
        #expect(Flowchart.performerNote(workflow.steps[together], in: workflow) == "bersama Operator Verifikasi Data")
        #expect(Flowchart.performerNote(workflow.steps[either], in: workflow) == "atau Petugas Loket Pelayanan")
        #expect(Flowchart.performerNote(workflow.steps[0], in: workflow) == nil)
    }

    @Test("the compact metrics of the flow table lay out the same flow", arguments: workflows)
    func tableMetrics(name: String) throws {
        let workflow = try loadWorkflow(name)
        for width in [64.0, 110.0] {
            let chart = Flowchart(workflow, metrics: .table(laneWidth: width))
            #expect(stepNodes(chart).count == workflow.steps.count)
            #expect(chart.edges.count == Flowchart(workflow).edges.count)
            for node in chart.nodes {
                let lane = chart.lanes[node.lane]
                #expect(node.frame.x >= lane.x && node.frame.maxX <= lane.x + lane.width)
            }
        }
    }

    @Test("minimum row heights make rows taller, and shapes stay at the top of their rows")
    func minimumHeights() throws {
        let workflow = try loadWorkflow("pengaduan-media")
        let plain = Flowchart(workflow)
        let tall = Flowchart(workflow, minimumBandHeights: Array(repeating: 300, count: workflow.steps.count))
        #expect(tall.bands.allSatisfy { $0.height >= 300 })
        for (band, node) in zip(tall.bands, stepNodes(tall)) {
            let plainNode = stepNodes(plain)[band.step]
            #expect(node.frame.y - band.top == plainNode.frame.y - plain.bands[band.step].top)
        }
    }

    // MARK: Geometry

    func inside(_ point: FlowchartPoint, _ node: Flowchart.Node) -> Bool {
        let frame = node.frame
        let tolerance = 0.75
        switch node.kind {
        case .decision:
            let dx = abs(point.x - frame.midX) / (frame.width / 2)
            let dy = abs(point.y - frame.midY) / (frame.height / 2)
            return dx + dy < 1 - tolerance / min(frame.width, frame.height) * 2
        default:
            return point.x > frame.x + tolerance && point.x < frame.maxX - tolerance
                && point.y > frame.y + tolerance && point.y < frame.maxY - tolerance
        }
    }

    func onOutline(_ point: FlowchartPoint, _ node: Flowchart.Node) -> Bool {
        let frame = node.frame
        switch node.kind {
        case .decision:
            let value = abs(point.x - frame.midX) / (frame.width / 2) + abs(point.y - frame.midY) / (frame.height / 2)
            return abs(value - 1) < 0.02
        default:
            let onVertical = (abs(point.x - frame.x) < 0.01 || abs(point.x - frame.maxX) < 0.01) && point.y >= frame.y && point.y <= frame.maxY
            let onHorizontal = (abs(point.y - frame.y) < 0.01 || abs(point.y - frame.maxY) < 0.01) && point.x >= frame.x && point.x <= frame.maxX
            return onVertical || onHorizontal
        }
    }
}

import SOPModel

/// A point of a drawing, in pixels from the top left of the lanes.
public struct FlowchartPoint: Hashable, Sendable {
    /// Pixels to the right.
    public var x: Double
    /// Pixels down.
    public var y: Double

    /// Creates a point.
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// A rectangle of a drawing, in pixels from the top left of the lanes.
public struct FlowchartRect: Hashable, Sendable {
    /// The left edge.
    public var x: Double
    /// The top edge.
    public var y: Double
    /// The width.
    public var width: Double
    /// The height.
    public var height: Double

    /// Creates a rectangle.
    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    /// The right edge.
    public var maxX: Double { x + width }
    /// The bottom edge.
    public var maxY: Double { y + height }
    /// The horizontal centre.
    public var midX: Double { x + width / 2 }
    /// The vertical centre.
    public var midY: Double { y + height / 2 }
}

/// Sizes of a flowchart's parts, in pixels.
public struct FlowchartMetrics: Hashable, Sendable {
    /// The width of one actor's lane.
    public var laneWidth: Double
    /// The free space kept on each side of a lane, beside its shapes: the channels that lines
    /// between lanes and rework loops are routed in.
    public var lanePadding: Double
    /// The height of a step's rectangle.
    public var stepHeight: Double
    /// The width of a decision's diamond.
    public var decisionWidth: Double
    /// The height of a decision's diamond.
    public var decisionHeight: Double
    /// The width of a start or end terminator.
    public var terminatorWidth: Double
    /// The height of a start or end terminator.
    public var terminatorHeight: Double
    /// The height of an off-page connector (a hand-off to another SOP).
    public var connectorHeight: Double
    /// The space above every shape, where lines turn.
    public var gap: Double
    /// The distance between lines that run side by side in a channel.
    public var trackSpacing: Double
    /// The space below the last shape of a step's row.
    public var bottomPadding: Double

    /// The width of a step's rectangle: the lane less its channels.
    public var stepWidth: Double { max(8, laneWidth - 2 * lanePadding) }

    /// Creates metrics.
    public init(
        laneWidth: Double, lanePadding: Double, stepHeight: Double, decisionWidth: Double,
        decisionHeight: Double, terminatorWidth: Double, terminatorHeight: Double,
        connectorHeight: Double, gap: Double, trackSpacing: Double, bottomPadding: Double
    ) {
        self.laneWidth = laneWidth
        self.lanePadding = lanePadding
        self.stepHeight = stepHeight
        self.decisionWidth = decisionWidth
        self.decisionHeight = decisionHeight
        self.terminatorWidth = terminatorWidth
        self.terminatorHeight = terminatorHeight
        self.connectorHeight = connectorHeight
        self.gap = gap
        self.trackSpacing = trackSpacing
        self.bottomPadding = bottomPadding
    }

    /// The sizes of the stand-alone SVG flowchart.
    public static let diagram = FlowchartMetrics(
        laneWidth: 150, lanePadding: 24, stepHeight: 36, decisionWidth: 84, decisionHeight: 50,
        terminatorWidth: 90, terminatorHeight: 28, connectorHeight: 40, gap: 36, trackSpacing: 6,
        bottomPadding: 10)

    /// Compact sizes for the Pelaksana columns of the signed document's flow table.
    public static func table(laneWidth: Double) -> FlowchartMetrics {
        let width = max(40, laneWidth)
        let padding = min(22, max(10, (width * 0.2).rounded()))
        let inner = max(8, width - 2 * padding)
        return FlowchartMetrics(
            laneWidth: width, lanePadding: padding, stepHeight: 26, decisionWidth: min(inner, 52),
            decisionHeight: 34, terminatorWidth: min(inner, 62), terminatorHeight: 20, connectorHeight: 32,
            gap: 18, trackSpacing: 4, bottomPadding: 12)
    }
}

/// The flowchart of a workflow, laid out: one lane per actor, one row per step in file order.
///
/// Lanes are the workflow's actors in file order (an actor a step names but the workflow does
/// not define gets a lane of its own at the end). Rows are the steps in file order, as the signed
/// flow table has them; the start terminator sits above the first step, and every end or
/// hand-off of a step gets a terminator or an off-page connector below the step, in its lane.
///
/// A step of several actors (`all:` or `any:`) sits in the lane of the first actor it names, and
/// the others are written beside it (see `Flowchart.performerNote`): spanning lanes would mark the
/// actors of the lanes in between, who take no part when the actors are not side by side, and a
/// shape wider than its lane would block the channels that lines are routed in.
///
/// Every row holds one shape, and shapes keep clear of the sides of their lanes, so lines run
/// between rows (in the gap above each shape), down the centre of a lane where no shape is in
/// the way, or in the channels at the sides of lanes — never through a shape. Rework loops leave
/// a decision or step by its side and go back up in a channel to the side of the earlier step.
public struct Flowchart: Sendable {
    /// One actor's lane.
    public struct Lane: Hashable, Sendable {
        /// The actor.
        public var actor: ActorID
        /// The actor's name as the SOP writes it.
        public var name: String
        /// The left edge.
        public var x: Double
        /// The width.
        public var width: Double
    }

    /// What a shape stands for.
    public enum NodeKind: Hashable, Sendable {
        /// The start terminator (Mulai).
        case start
        /// A step that is not a decision: a rectangle.
        case step
        /// A step that decides: a diamond.
        case decision
        /// An end terminator (Selesai) with the outcome the case ends with.
        case end(OutcomeID)
        /// An off-page connector handing the case to another SOP.
        case handoff(HandoffTarget)
    }

    /// A shape.
    public struct Node: Hashable, Sendable {
        /// A unique id: `mulai`, `langkah-3`, `langkah-3-akhir-1`.
        public var id: String
        /// What the shape stands for.
        public var kind: NodeKind
        /// The index of the step whose row the shape is in (the start is in the first step's row).
        public var step: Int
        /// The index of the lane.
        public var lane: Int
        /// Where the shape is drawn.
        public var frame: FlowchartRect
        /// The text inside the shape: the step number, `Mulai`, `Selesai`, or the target SOP's id.
        public var text: String
        /// Whether the step is optional (bila perlu): drawn with a dashed outline.
        public var isOptional: Bool
    }

    /// A line from one shape to another, with an arrowhead at its end.
    public struct Edge: Hashable, Sendable {
        /// The id of the shape the line leaves.
        public var from: String
        /// The id of the shape the line enters.
        public var to: String
        /// The corners of the line, first to last; every segment is horizontal or vertical.
        public var points: [FlowchartPoint]
        /// The branch label of a decision (`Ya`, `Tidak`), if any.
        public var label: String?
        /// Where the label's baseline starts (or ends, for `isLabelRightAligned`).
        public var labelAnchor: FlowchartPoint?
        /// Whether the label ends at its anchor rather than starting there.
        public var isLabelRightAligned: Bool
        /// Whether the line goes back to an earlier (or the same) step: a rework loop.
        public var isLoop: Bool
    }

    /// The horizontal band of one step: its row of the flow table.
    public struct Band: Hashable, Sendable {
        /// The index of the step.
        public var step: Int
        /// The top edge.
        public var top: Double
        /// The bottom edge.
        public var bottom: Double
        /// The height.
        public var height: Double { bottom - top }
    }

    /// The sizes used.
    public var metrics: FlowchartMetrics
    /// The lanes, left to right.
    public var lanes: [Lane]
    /// The shapes, top to bottom.
    public var nodes: [Node]
    /// The lines.
    public var edges: [Edge]
    /// The rows, one per step, top to bottom.
    public var bands: [Band]
    /// The width of all lanes.
    public var width: Double
    /// The height of all rows.
    public var height: Double

    /// The shape with an id, if there is one.
    public func node(_ id: String) -> Node? { nodes.first { $0.id == id } }

    /// Lays out a workflow's flowchart.
    ///
    /// - Parameters:
    ///   - workflow: the workflow; a workflow with errors is drawn as far as it can be.
    ///   - metrics: the sizes of the parts.
    ///   - minimumBandHeights: for each step, the least height of its row (to make room for
    ///     text drawn beside the lanes); missing entries mean no minimum.
    public init(_ workflow: Workflow, metrics: FlowchartMetrics = .diagram, minimumBandHeights: [Double] = []) {
        self.metrics = metrics
        var builder = FlowchartBuilder(workflow: workflow, metrics: metrics, minimumBandHeights: minimumBandHeights)
        builder.build()
        lanes = builder.lanes
        nodes = builder.nodes
        edges = builder.edges
        bands = builder.bands
        width = Double(builder.lanes.count) * metrics.laneWidth
        height = builder.height
    }

    /// The other actors of a step of several actors, in words: `bersama Tim A, Tim B` for
    /// `all:` and `atau Tim A / Tim B` for `any:`; nil for a step of one actor.
    public static func performerNote(_ step: Step, in workflow: Workflow) -> String? {
        let name = { (id: Located<ActorID>) in workflow.actor(id.value)?.name ?? id.value.rawValue }
        switch step.performers {
        case .single: return nil
        case .all(let actors):
            let others = actors.dropFirst().map(name)
            return others.isEmpty ? nil : "bersama " + others.joined(separator: ", ")
        case .any(let actors):
            let others = actors.dropFirst().map(name)
            return others.isEmpty ? nil : "atau " + others.joined(separator: " / ")
        }
    }
}

/// Builds a `Flowchart`: places shapes in slots (one shape per slot, slots stacked top to
/// bottom), then routes every line.
struct FlowchartBuilder {
    let workflow: Workflow
    let metrics: FlowchartMetrics
    let minimumBandHeights: [Double]

    var lanes: [Flowchart.Lane] = []
    var nodes: [Flowchart.Node] = []
    var edges: [Flowchart.Edge] = []
    var bands: [Flowchart.Band] = []
    var height: Double = 0

    /// The node in each slot, top to bottom (nodes are created in slot order).
    private var slotOfNode: [String: Int] = [:]
    /// The trailing gap below the last slot.
    private var trailingGapTop: Double = 0
    /// Counters of the lines in each channel, gap and side of a shape, for their tracks.
    private var gutterUse: [Int: Int] = [:]
    private var gapUse: [Int: Int] = [:]
    private var entryUse: [String: Int] = [:]
    /// Vertical runs down the centre of lanes: lane → (top, bottom, target).
    private var columnRuns: [Int: [(Double, Double, String)]] = [:]

    init(workflow: Workflow, metrics: FlowchartMetrics, minimumBandHeights: [Double]) {
        self.workflow = workflow
        self.metrics = metrics
        self.minimumBandHeights = minimumBandHeights
    }

    enum Port: Hashable {
        case bottom, left, right
    }

    enum Side: Hashable {
        case left, right
    }

    private struct Outgoing {
        var to: String
        var label: String?
    }

    mutating func build() {
        placeLanes()
        let outgoing = placeNodes()
        routeEdges(outgoing)
    }

    // MARK: Lanes and shapes

    /// The actors that get a lane, with their names: the workflow's actors in file order, then
    /// any actor a step names that the workflow does not define (only in a file with errors).
    static func laneActors(_ workflow: Workflow) -> [(ActorID, String)] {
        var seen = Set<ActorID>()
        var actors: [(ActorID, String)] = []
        for actor in workflow.actors where seen.insert(actor.id.value).inserted {
            actors.append((actor.id.value, actor.name))
        }
        for step in workflow.steps {
            for actor in step.performers.actors where seen.insert(actor.value).inserted {
                actors.append((actor.value, actor.value.rawValue))
            }
        }
        return actors
    }

    private mutating func placeLanes() {
        lanes = Self.laneActors(workflow).enumerated().map { index, actor in
            Flowchart.Lane(actor: actor.0, name: actor.1, x: Double(index) * metrics.laneWidth, width: metrics.laneWidth)
        }
    }

    private func laneIndex(of step: Step) -> Int {
        guard let first = step.performers.actors.first else { return 0 }
        return lanes.firstIndex { $0.actor == first.value } ?? 0
    }

    /// Places every shape and returns the lines to draw from each, by node id.
    private mutating func placeNodes() -> [String: [Outgoing]] {
        var outgoing: [String: [Outgoing]] = [:]
        let steps = workflow.steps
        guard !steps.isEmpty, !lanes.isEmpty else {
            height = 0
            return outgoing
        }
        var stepNodeID: [StepID: String] = [:]
        for (index, step) in steps.enumerated() where stepNodeID[step.id.value] == nil {
            stepNodeID[step.id.value] = "langkah-\(index + 1)"
        }
        var cursor = 0.0
        func place(_ id: String, _ kind: Flowchart.NodeKind, step: Int, lane: Int, width: Double, height: Double, text: String, optional: Bool = false) {
            cursor += metrics.gap
            let centre = lanes[lane].x + metrics.laneWidth / 2
            let frame = FlowchartRect(x: centre - width / 2, y: cursor, width: width, height: height)
            slotOfNode[id] = nodes.count
            nodes.append(Flowchart.Node(id: id, kind: kind, step: step, lane: lane, frame: frame, text: text, isOptional: optional))
            cursor += height
        }
        let usedIDs = Set(stepNodeID.values)
        for (index, step) in steps.enumerated() {
            let top = cursor
            let lane = laneIndex(of: step)
            // A step whose id repeats an earlier one's is drawn, with its own id.
            var id = "langkah-\(index + 1)"
            if stepNodeID[step.id.value] != id && usedIDs.contains(id) { id += "-ulang" }
            if index == 0 {
                place("mulai", .start, step: 0, lane: lane, width: metrics.terminatorWidth, height: metrics.terminatorHeight, text: "Mulai")
                outgoing["mulai", default: []].append(Outgoing(to: id, label: nil))
            }
            let isDecision: Bool
            if case .decision = step.transition { isDecision = true } else { isDecision = false }
            place(
                id, isDecision ? .decision : .step, step: index, lane: lane,
                width: isDecision ? min(metrics.decisionWidth, metrics.stepWidth) : metrics.stepWidth,
                height: isDecision ? metrics.decisionHeight : metrics.stepHeight, text: "\(index + 1)",
                optional: step.isOptional)
            var exits = 0
            func add(_ target: Target, label: String?) {
                switch target {
                case .step(let next):
                    if let to = stepNodeID[next.value] { outgoing[id, default: []].append(Outgoing(to: to, label: label)) }
                case .end(let outcome):
                    exits += 1
                    let exitID = "\(id)-akhir-\(exits)"
                    place(exitID, .end(outcome.value), step: index, lane: lane, width: metrics.terminatorWidth, height: metrics.terminatorHeight, text: "Selesai")
                    outgoing[id, default: []].append(Outgoing(to: exitID, label: label))
                case .handoff(let handoff):
                    exits += 1
                    let exitID = "\(id)-akhir-\(exits)"
                    // The connector says `SOP` above its text: a title's own leading `SOP` is not repeated.
                    let text = switch handoff.target {
                    case .workflow(let id): id.rawValue
                    case .title(let title): title.lowercased().hasPrefix("sop ") ? String(title.dropFirst(4)) : title
                    }
                    place(exitID, .handoff(handoff.target), step: index, lane: lane, width: metrics.terminatorWidth, height: metrics.connectorHeight, text: text)
                    outgoing[id, default: []].append(Outgoing(to: exitID, label: label))
                }
            }
            switch step.transition {
            case .none: break
            case .target(let target): add(target, label: nil)
            case .decision(let decision):
                for branch in decision.branches { add(branch.target, label: branch.label.value) }
            }
            cursor += metrics.bottomPadding
            let minimum = index < minimumBandHeights.count && minimumBandHeights[index].isFinite ? minimumBandHeights[index] : 0
            cursor = max(cursor, top + min(minimum, 100_000))
            bands.append(Flowchart.Band(step: index, top: top, bottom: cursor))
        }
        // Room below the last row for lines that turn under it.
        trailingGapTop = cursor
        height = cursor
        return outgoing
    }

    // MARK: Tracks

    /// The x of a line in the channel at a lane boundary (0 is the left edge of the first lane).
    private mutating func gutterX(_ boundary: Int) -> Double {
        let n = gutterUse[boundary, default: 0]
        gutterUse[boundary] = n + 1
        let base = Double(boundary) * metrics.laneWidth
        let step = metrics.trackSpacing
        let limit = max(1, Int((metrics.lanePadding - 3) / step))
        if boundary <= 0 { return base + step * Double(1 + n % limit) }
        if boundary >= lanes.count { return base - step * Double(1 + n % limit) }
        let k = n % (2 * limit)
        let offset = step * Double(k / 2 + 1)
        return k % 2 == 0 ? base + offset : base - offset
    }

    /// The y of a line in the gap above a slot (or below the last one).
    private mutating func gapY(above slot: Int) -> Double {
        let n = gapUse[slot, default: 0]
        gapUse[slot] = n + 1
        let centre: Double
        let half: Double
        if slot < nodes.count {
            centre = nodes[slot].frame.y - metrics.gap / 2
            half = metrics.gap / 2
        } else {
            centre = trailingGapTop - metrics.bottomPadding / 2
            half = metrics.bottomPadding / 2
        }
        let step = metrics.trackSpacing
        let limit = max(0, Int((half - 3) / step))
        let k = n % (2 * limit + 1)
        let offset = step * Double((k + 1) / 2)
        return k % 2 == 1 ? centre - offset : centre + offset
    }

    /// The y where the next line enters a side of a shape.
    private mutating func entryY(_ node: Flowchart.Node, side: Side, sideHasExit: Bool) -> Double {
        let key = node.id + (side == .left ? "<" : ">")
        let n = entryUse[key, default: sideHasExit ? 1 : 0]
        entryUse[key] = n + 1
        let step = metrics.trackSpacing
        let limit = max(0, Int((node.frame.height / 2 - 3) / step))
        let k = n % (2 * limit + 1)
        let offset = step * Double((k + 1) / 2)
        return node.frame.midY + (k % 2 == 1 ? offset : -offset)
    }

    /// The x where a horizontal line at `y` meets a side of a shape.
    private func sideX(_ node: Flowchart.Node, side: Side, y: Double) -> Double {
        let frame = node.frame
        if node.kind == .decision {
            let half = frame.height / 2
            let fraction = half > 0 ? min(1, abs(y - frame.midY) / half) : 0
            let reach = frame.width / 2 * (1 - fraction)
            return side == .left ? frame.midX - reach : frame.midX + reach
        }
        return side == .left ? frame.x : frame.maxX
    }

    private func centreX(_ lane: Int) -> Double { Double(lane) * metrics.laneWidth + metrics.laneWidth / 2 }

    /// Whether no shape stands in a lane in the slots strictly between two slots.
    private func laneIsFree(_ lane: Int, between first: Int, and last: Int) -> Bool {
        guard last - first > 1 else { return true }
        for slot in (first + 1)..<last where nodes[slot].lane == lane { return false }
        return true
    }

    /// Whether a run down the centre of a lane overlaps no run to another shape.
    private func columnIsFree(_ lane: Int, from top: Double, to bottom: Double, target: String) -> Bool {
        for run in columnRuns[lane, default: []] where run.2 != target && run.0 < bottom && top < run.1 { return false }
        return true
    }

    private mutating func claimColumn(_ lane: Int, from top: Double, to bottom: Double, target: String) {
        columnRuns[lane, default: []].append((min(top, bottom), max(top, bottom), target))
    }

    // MARK: Lines

    private mutating func routeEdges(_ outgoing: [String: [Outgoing]]) {
        // Ports first, for every shape, so that lines entering a side know which sides are taken.
        var ports: [String: [Port]] = [:]
        var exitSides: [String: Set<Side>] = [:]
        for node in nodes {
            guard let lines = outgoing[node.id], !lines.isEmpty else { continue }
            let assigned = assignPorts(node, lines)
            ports[node.id] = assigned
            for port in assigned {
                if port == .left { exitSides[node.id, default: []].insert(.left) }
                if port == .right { exitSides[node.id, default: []].insert(.right) }
            }
        }
        for node in nodes {
            guard let lines = outgoing[node.id], let assigned = ports[node.id] else { continue }
            for (line, port) in zip(lines, assigned) {
                guard let targetSlot = slotOfNode[line.to] else { continue }
                let target = nodes[targetSlot]
                if let edge = route(from: node, to: target, port: port, label: line.label, exitSides: exitSides) {
                    edges.append(edge)
                }
            }
        }
    }

    private func assignPorts(_ node: Flowchart.Node, _ lines: [Outgoing]) -> [Port] {
        guard let slot = slotOfNode[node.id] else { return [] }
        func info(_ line: Outgoing) -> (slot: Int, lane: Int) {
            guard let target = slotOfNode[line.to] else { return (slot + 1, node.lane) }
            return (target, nodes[target].lane)
        }
        if lines.count == 1 {
            let target = info(lines[0])
            if target.slot > slot { return [.bottom] }
            return [target.lane < node.lane ? .left : .right]
        }
        var result = [Port?](repeating: nil, count: lines.count)
        var used = Set<Port>()
        // The bottom goes to the nearest forward line that stays in the lane.
        let forwardSameLane = lines.indices.filter { info(lines[$0]).slot > slot && info(lines[$0]).lane == node.lane }
        if let first = forwardSameLane.min(by: { info(lines[$0]).slot < info(lines[$1]).slot }) {
            result[first] = .bottom
            used.insert(.bottom)
        }
        // Loops first: a side is what they need most; lines going on down can also take the bottom.
        let order = lines.indices.filter { info(lines[$0]).slot <= slot } + lines.indices.filter { info(lines[$0]).slot > slot }
        for index in order where result[index] == nil {
            let target = info(lines[index])
            let preference: [Port]
            if target.slot > slot {
                if target.lane > node.lane { preference = [.right, .bottom, .left] }
                else if target.lane < node.lane { preference = [.left, .bottom, .right] }
                else { preference = [.bottom, .right, .left] }
            } else {
                if target.lane > node.lane { preference = [.right, .left, .bottom] }
                else if target.lane < node.lane { preference = [.left, .right, .bottom] }
                else { preference = [.right, .left, .bottom] }
            }
            let port = preference.first { !used.contains($0) } ?? preference[0]
            used.insert(port)
            result[index] = port
        }
        return result.map { $0 ?? .bottom }
    }

    private mutating func route(
        from source: Flowchart.Node, to target: Flowchart.Node, port: Port, label: String?, exitSides: [String: Set<Side>]
    ) -> Flowchart.Edge? {
        guard let sourceSlot = slotOfNode[source.id], let targetSlot = slotOfNode[target.id] else { return nil }
        let a = source.frame
        let b = target.frame
        let sourceLane = source.lane
        let targetLane = target.lane
        let xB = centreX(targetLane)
        let start: FlowchartPoint
        switch port {
        case .bottom: start = FlowchartPoint(x: a.midX, y: a.maxY)
        case .left: start = FlowchartPoint(x: a.x, y: a.midY)
        case .right: start = FlowchartPoint(x: a.maxX, y: a.midY)
        }
        var points = [start]
        let isLoop = targetSlot <= sourceSlot

        if !isLoop {
            switch port {
            case .bottom:
                if targetLane == sourceLane, laneIsFree(sourceLane, between: sourceSlot, and: targetSlot),
                    columnIsFree(sourceLane, from: a.maxY, to: b.y, target: target.id)
                {
                    claimColumn(sourceLane, from: a.maxY, to: b.y, target: target.id)
                    points.append(FlowchartPoint(x: xB, y: b.y))
                } else {
                    let below = gapY(above: sourceSlot + 1)
                    points.append(FlowchartPoint(x: a.midX, y: below))
                    if laneIsFree(targetLane, between: sourceSlot, and: targetSlot),
                        columnIsFree(targetLane, from: below, to: b.y, target: target.id)
                    {
                        claimColumn(targetLane, from: below, to: b.y, target: target.id)
                        points.append(FlowchartPoint(x: xB, y: below))
                    } else {
                        let channel = gutterX(targetLane >= sourceLane ? sourceLane + 1 : sourceLane)
                        let above = gapY(above: targetSlot)
                        points.append(FlowchartPoint(x: channel, y: below))
                        points.append(FlowchartPoint(x: channel, y: above))
                        points.append(FlowchartPoint(x: xB, y: above))
                    }
                    points.append(FlowchartPoint(x: xB, y: b.y))
                }
            case .left, .right:
                let towards = (port == .right && targetLane > sourceLane) || (port == .left && targetLane < sourceLane)
                if towards, laneIsFree(targetLane, between: sourceSlot, and: targetSlot),
                    columnIsFree(targetLane, from: a.midY, to: b.y, target: target.id)
                {
                    claimColumn(targetLane, from: a.midY, to: b.y, target: target.id)
                    points.append(FlowchartPoint(x: xB, y: a.midY))
                } else {
                    let channel = gutterX(port == .right ? sourceLane + 1 : sourceLane)
                    let above = gapY(above: targetSlot)
                    points.append(FlowchartPoint(x: channel, y: a.midY))
                    points.append(FlowchartPoint(x: channel, y: above))
                    points.append(FlowchartPoint(x: xB, y: above))
                }
                points.append(FlowchartPoint(x: xB, y: b.y))
            }
        } else {
            // A rework loop: out by a side, up in a channel, into the side of the earlier step.
            let boundary: Int
            let channel: Double
            switch port {
            case .left, .right:
                boundary = port == .right ? sourceLane + 1 : sourceLane
                channel = gutterX(boundary)
                points.append(FlowchartPoint(x: channel, y: a.midY))
            case .bottom:
                boundary = sourceLane + 1
                let below = gapY(above: sourceSlot + 1)
                channel = gutterX(boundary)
                points.append(FlowchartPoint(x: a.midX, y: below))
                points.append(FlowchartPoint(x: channel, y: below))
            }
            func canEnter(_ side: Side) -> Bool {
                target.kind != .decision || !(exitSides[target.id]?.contains(side) ?? false)
            }
            if source.id == target.id {
                let above = gapY(above: targetSlot)
                points.append(FlowchartPoint(x: channel, y: above))
                points.append(FlowchartPoint(x: xB, y: above))
                points.append(FlowchartPoint(x: xB, y: b.y))
            } else if boundary == targetLane || boundary == targetLane + 1,
                canEnter(boundary == targetLane ? .left : .right)
            {
                let side: Side = boundary == targetLane ? .left : .right
                let y = entryY(target, side: side, sideHasExit: exitSides[target.id]?.contains(side) ?? false)
                points.append(FlowchartPoint(x: channel, y: y))
                points.append(FlowchartPoint(x: sideX(target, side: side, y: y), y: y))
            } else {
                let side: Side = boundary <= targetLane ? .left : .right
                let above = gapY(above: targetSlot)
                points.append(FlowchartPoint(x: channel, y: above))
                if canEnter(side) {
                    let entryChannel = gutterX(side == .left ? targetLane : targetLane + 1)
                    let y = entryY(target, side: side, sideHasExit: exitSides[target.id]?.contains(side) ?? false)
                    points.append(FlowchartPoint(x: entryChannel, y: above))
                    points.append(FlowchartPoint(x: entryChannel, y: y))
                    points.append(FlowchartPoint(x: sideX(target, side: side, y: y), y: y))
                } else {
                    points.append(FlowchartPoint(x: xB, y: above))
                    points.append(FlowchartPoint(x: xB, y: b.y))
                }
            }
        }

        var anchor: FlowchartPoint?
        var rightAligned = false
        if label != nil {
            // Beside a side port the label sits above its line, except on a rework loop: that line
            // turns up in the channel next to the shape, through where the label would be, so the
            // label goes below it.
            let besideY = isLoop ? start.y + 12 : start.y - 4
            switch port {
            case .bottom: anchor = FlowchartPoint(x: start.x + 4, y: start.y + 9)
            case .right: anchor = FlowchartPoint(x: start.x + 3, y: besideY)
            case .left:
                anchor = FlowchartPoint(x: start.x - 3, y: besideY)
                rightAligned = true
            }
        }
        return Flowchart.Edge(
            from: source.id, to: target.id, points: simplified(points), label: label, labelAnchor: anchor,
            isLabelRightAligned: rightAligned, isLoop: isLoop)
    }

    /// The points without repeats and without corners that lie on a straight run.
    private func simplified(_ points: [FlowchartPoint]) -> [FlowchartPoint] {
        var result: [FlowchartPoint] = []
        for point in points {
            if let last = result.last, abs(last.x - point.x) < 0.01, abs(last.y - point.y) < 0.01 { continue }
            if result.count >= 2 {
                let p = result[result.count - 2]
                let q = result[result.count - 1]
                let vertical = abs(p.x - q.x) < 0.01 && abs(q.x - point.x) < 0.01 && (q.y - p.y) * (point.y - q.y) > 0
                let horizontal = abs(p.y - q.y) < 0.01 && abs(q.y - point.y) < 0.01 && (q.x - p.x) * (point.x - q.x) > 0
                if vertical || horizontal {
                    result[result.count - 1] = point
                    continue
                }
            }
            result.append(point)
        }
        return result
    }
}

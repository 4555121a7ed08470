import SOPCore
import SOPModel

/// A case's path through the flowchart of the revision it runs on, as a stand-alone SVG: the
/// SOP's swimlanes (see `FlowchartSVG`) with the steps the case went through highlighted and
/// numbered in the order it visited them (a rework loop visits a step twice), the lines it took,
/// the step it stands on and the end it reached; steps it never visited are faded. Beside each
/// row, each visit's budget against the working time it took, coloured by how it stands (on
/// time, at risk, overdue), who did it and when.
///
/// The picture's own words (headers, the legend, how each visit stands) are in `language`
/// (`Words`); the SOP's words and the case's data are drawn as given.
public struct CaseTimelineSVG: Sendable {
    /// The workflow the case runs on.
    public var workflow: Workflow
    /// The case.
    public var data: CaseTimelineData
    /// The language of the picture's own words.
    public var language: Language

    /// Creates the picture of a case on the workflow it runs on, its words in `language`.
    public init(workflow: Workflow, data: CaseTimelineData, language: Language = .standard) {
        self.workflow = workflow
        self.data = data
        self.language = language
    }

    // MARK: Sizes and colours

    static let margin = 16.0
    static let numberWidth = 36.0
    static let activityWidth = 240.0
    static let visitWidth = 280.0
    static let lineHeight = 13.0
    /// The vertical space one line of a visit takes.
    static let visitLineHeight = 13.0
    /// The space between two visits of one step.
    static let visitGap = 7.0
    /// The width of the bar that sets the time taken against the budget.
    static let barWidth = 78.0

    /// The colours of the path, the current step, the end reached and of timeliness.
    enum Colour {
        static let path = "#1d4ed8"
        static let pathFill = "#e6eefc"
        static let current = "#b45309"
        static let currentFill = "#fff0d4"
        static let end = "#2e7d32"
        static let endFill = "#e2f2e4"
        static let returned = "#7c3aed"
        static let faded = "0.3"

        static func timeliness(_ value: CaseTimelineData.Timeliness) -> String {
            switch value {
            case .onTime: "#2e7d32"
            case .atRisk: "#c26a00"
            case .overdue: "#c62828"
            case .untimed: "#607d8b"
            }
        }
    }

    // MARK: Rendering

    /// A text in the picture's language.
    func words(_ text: Text) -> String { text(language) }

    /// A fixed word in the picture's language: `word(\.activity)`.
    func word(_ label: KeyPath<Words.Labels, Text>) -> String { Words.labels[keyPath: label](language) }

    /// The SVG document, ending in a line break.
    public func render() -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + element() + "\n"
    }

    /// One line of text in a column.
    private struct TextLine {
        var text: String
        var size: Double
        var style: String
    }

    /// The `<svg>` element alone, to put inside an HTML page; without `heading`, the lines
    /// above the table (the case, its SOP, where it stands) are left to the page.
    public func element(heading: Bool = true) -> String {
        let metrics = FlowchartMetrics.diagram
        let numbers = Wording.numbers(workflow)
        let margin = Self.margin
        let n = FlowchartDrawing.number

        // The visits of each step's row, known before layout so each row is tall enough for them.
        let unsized = Flowchart(workflow, metrics: metrics)
        let preliminary = CaseTimelineHighlight(chart: unsized, workflow: workflow, visits: data.visits, end: data.end)
        var visitsOfStep: [Int: [Int]] = [:]
        let stepIndexOfNode = Dictionary(unsized.nodes.map { ($0.id, $0.step) }, uniquingKeysWith: { first, _ in first })
        for (index, node) in preliminary.nodeOfVisit.enumerated() {
            guard let node, let step = stepIndexOfNode[node] else { continue }
            visitsOfStep[step, default: []].append(index)
        }
        let visitLines = data.visits.map(visitText)

        var activityLines: [[TextLine]] = []
        var minimumHeights: [Double] = []
        let textWidth = Self.activityWidth - 16
        for (index, step) in workflow.steps.enumerated() {
            var lines: [TextLine] = []
            let activity = step.activity + (step.isOptional ? word(\.optional) : "")
            for line in TextMetrics.wrap(activity, width: textWidth, fontSize: 11) { lines.append(TextLine(text: line, size: 11, style: "")) }
            if let question = Wording.question(step) {
                for line in TextMetrics.wrap(question, width: textWidth, fontSize: 10.5) {
                    lines.append(TextLine(text: line, size: 10.5, style: " font-style=\"italic\""))
                }
            }
            for flow in Wording.flow(step, in: workflow, numbers: numbers, language: language) {
                for line in TextMetrics.wrap(flow, width: textWidth, fontSize: 10) {
                    lines.append(TextLine(text: line, size: 10, style: " fill=\"#444\""))
                }
            }
            activityLines.append(lines)
            let offset = SwimlaneTable.shapeMiddle(of: step, at: index, metrics: metrics)
            let textHeight = Double(max(0, lines.count - 1)) * Self.lineHeight
            let visits = visitsOfStep[index, default: []]
            let visitsHeight = visits.isEmpty ? 0
                : visits.reduce(0) { $0 + Double(visitLines[$1].count) * Self.visitLineHeight + Self.visitGap } - Self.visitLineHeight - Self.visitGap
            minimumHeights.append(offset + 4 + max(textHeight, visitsHeight) + 14)
        }
        var chart = Flowchart(workflow, metrics: metrics, minimumBandHeights: minimumHeights)
        for index in chart.nodes.indices {
            switch chart.nodes[index].kind {
            case .start: chart.nodes[index].text = word(\.start)
            case .end: chart.nodes[index].text = word(\.end)
            case .step, .decision, .handoff: break
            }
        }
        let highlight = CaseTimelineHighlight(chart: chart, workflow: workflow, visits: data.visits, end: data.end)
        let drawing = FlowchartDrawing(
            chart: chart, fontSize: 11, labelFontSize: 10, arrowLength: 7, titles: FlowchartSVG.titles(workflow, chart, language: language))

        let lanesWidth = max(chart.width, metrics.laneWidth)
        let tableWidth = Self.numberWidth + Self.activityWidth + lanesWidth + Self.visitWidth
        let totalWidth = tableWidth + 2 * margin

        // Title block: the case, its SOP, where it stands.
        var body = ""
        var y = margin
        func text(_ value: String, size: Double, bold: Bool = false, colour: String? = nil) {
            for line in TextMetrics.wrap(value, width: tableWidth, fontSize: size, bold: bold) {
                y += size + 5
                body += "<text x=\"\(n(margin))\" y=\"\(n(y))\" font-size=\"\(n(size))\"\(bold ? " font-weight=\"bold\"" : "")\(colour.map { " fill=\"\($0)\"" } ?? "")>\(Markup.escape(line))</text>"
            }
        }
        let sop = "SOP " + (workflow.document.number.map { $0 + " " } ?? "") + workflow.title
        if heading {
            text(words(Words.heading(data)), size: 14, bold: true)
            text("\(sop) · " + words(Words.workflowRevision(workflow.id.value.rawValue, workflow.revision.value)), size: 11, colour: "#333")
            y += 3
            text("Status: \(data.status)", size: 11, bold: true)
            text(words(Words.times(data)), size: 11)
            if let current = data.visits.last, current.isOpen {
                text(words(Words.now(current)), size: 11, colour: Colour.current)
            }
            text(words(Words.workingTime(data)), size: 11)
            y += 12
        }

        // Table header: No, Kegiatan, Pelaksana over the lanes, the visits.
        let tableTop = y
        let left = margin
        let lanesLeft = left + Self.numberWidth + Self.activityWidth
        let visitLeft = lanesLeft + lanesWidth
        let header = SwimlaneTable.header(
            chart, laneWidth: metrics.laneWidth, left: left, top: tableTop, tableWidth: tableWidth, numberWidth: Self.numberWidth,
            activityWidth: Self.activityWidth, lanesWidth: lanesWidth, activity: word(\.activity), actors: word(\.actors)
        ) { middle in
            SwimlaneTable.centred(word(\.visitsHeader), visitLeft + Self.visitWidth / 2, middle - 7)
                + SwimlaneTable.centred(word(\.visitsSubheader), visitLeft + Self.visitWidth / 2, middle + 7, bold: false, size: 10)
        }
        let firstHeader = header.firstRow
        let headerBottom = header.bottom
        body += header.svg
        var grid = header.grid

        // Rows: number, Kegiatan, and each visit beside the row.
        let bodyTop = headerBottom
        let bodyBottom = bodyTop + chart.height
        var texts = ""
        for band in chart.bands {
            let top = bodyTop + band.top
            if band.step > 0 { grid += SwimlaneTable.line(left, top, left + tableWidth, top, colour: "#999") }
            guard band.step < workflow.steps.count else { continue }
            let shape = chart.nodes.first { $0.step == band.step && ($0.kind == .step || $0.kind == .decision) }
            let baseline = bodyTop + (shape?.frame.midY ?? (band.top + 20)) + 4
            let visited = shape.map { highlight.visitNumbers[$0.id] != nil } ?? false
            let fade = visited ? "" : " fill-opacity=\"0.55\""
            texts += "<text x=\"\(n(left + Self.numberWidth / 2))\" y=\"\(n(baseline))\" text-anchor=\"middle\" font-size=\"11\"\(fade)>\(band.step + 1).</text>"
            for (index, textLine) in activityLines[band.step].enumerated() {
                texts += "<text x=\"\(n(left + Self.numberWidth + 8))\" y=\"\(n(baseline + Double(index) * Self.lineHeight))\" font-size=\"\(n(textLine.size))\"\(textLine.style)\(fade)>\(Markup.escape(textLine.text))</text>"
            }
            var visitTop = baseline
            for index in visitsOfStep[band.step, default: []] {
                texts += visitBlock(index, lines: visitLines[index], x: visitLeft + 8, baseline: visitTop)
                visitTop += Double(visitLines[index].count) * Self.visitLineHeight + Self.visitGap
            }
            if visitsOfStep[band.step] == nil {
                texts += "<text x=\"\(n(visitLeft + 8))\" y=\"\(n(baseline))\" font-size=\"10.5\" fill=\"#888\">\(Markup.escape(words(Words.notVisited(budget: workflow.steps[band.step].budgetText ?? "-"))))</text>"
            }
        }
        grid += SwimlaneTable.line(left, bodyBottom, left + tableWidth, bodyBottom)
        grid += SwimlaneTable.line(left + Self.numberWidth, tableTop, left + Self.numberWidth, bodyBottom)
        grid += SwimlaneTable.line(lanesLeft, tableTop, lanesLeft, bodyBottom)
        for index in chart.lanes.indices.dropFirst() {
            let x = lanesLeft + Double(index) * metrics.laneWidth
            grid += SwimlaneTable.line(x, tableTop + firstHeader, x, bodyBottom, colour: "#999")
        }
        grid += SwimlaneTable.line(visitLeft, tableTop, visitLeft, bodyBottom)
        grid += SwimlaneTable.line(left, headerBottom, left + tableWidth, headerBottom)
        grid += "<rect x=\"\(n(left))\" y=\"\(n(tableTop))\" width=\"\(n(tableWidth))\" height=\"\(n(bodyBottom - tableTop))\" fill=\"none\" stroke=\"#000\" stroke-width=\"1.2\"/>"

        let flow = chartElements(chart, highlight: highlight, drawing: drawing, x: lanesLeft, y: bodyTop)

        // Below the table: the legend, visits to steps this revision does not have, the moves
        // between revisions and how the case ended when the chart cannot show it.
        y = bodyBottom + 22
        let key = legend(x: left, y: y, width: tableWidth)
        var below = key.svg
        y += key.height + 14
        func paragraph(_ value: String, size: Double = 10.5, bold: Bool = false, colour: String = "#222", indent: Double = 0) {
            for line in TextMetrics.wrap(value, width: tableWidth - indent, fontSize: size, bold: bold) {
                below += "<text x=\"\(n(left + indent))\" y=\"\(n(y))\" font-size=\"\(n(size))\"\(bold ? " font-weight=\"bold\"" : "") fill=\"\(colour)\">\(Markup.escape(line))</text>"
                y += size + 4
            }
        }
        let elsewhere = highlight.nodeOfVisit.indices.filter { highlight.nodeOfVisit[$0] == nil }
        if !elsewhere.isEmpty {
            paragraph(words(Words.elsewhere(revision: workflow.revision.value)), bold: true)
            for index in elsewhere {
                let visit = data.visits[index]
                let number = visit.number > 0 ? "\(visit.number). " : ""
                paragraph("(\(index + 1)) \(number)\(visit.activity) — \(visitLines[index].joined(separator: " · "))", indent: 12)
            }
            y += 4
        }
        if case .other(let words) = data.end {
            paragraph(self.words(Words.ended(words)), bold: true)
            y += 4
        }
        if !data.revisionChanges.isEmpty {
            paragraph(word(\.revisionMoves) + ":", bold: true)
            for change in data.revisionChanges { paragraph(change, indent: 12) }
        }
        let totalHeight = y + margin

        let title = words(Words.title(data.registerNumber)) + " — \(sop)"
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"lini-masa\" width=\"\(n(totalWidth))\" height=\"\(n(totalHeight))\" viewBox=\"0 0 \(n(totalWidth)) \(n(totalHeight))\" font-family=\"\(FlowchartDrawing.font)\" font-size=\"11\">\n"
        svg += "<title>\(Markup.escape(title))</title>\n"
        svg += "<style>\(Self.css)</style>\n"
        svg += "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n"
        svg += body + "\n" + grid + "\n" + texts + "\n" + flow + "\n" + below + "\n"
        svg += "</svg>"
        return svg
    }

    /// Styles for the highlighted shapes and lines: CSS overrides the black and white that
    /// `FlowchartDrawing` writes as attributes, so the shapes are drawn by the same code.
    static let css = """
        .lini-masa .dilalui .shape rect, .lini-masa .dilalui .shape polygon { stroke: \(Colour.path); stroke-width: 2.2px; fill: \(Colour.pathFill); }
        .lini-masa .sekarang .shape rect, .lini-masa .sekarang .shape polygon { stroke: \(Colour.current); stroke-width: 3px; fill: \(Colour.currentFill); }
        .lini-masa .akhir .shape rect, .lini-masa .akhir .shape polygon { stroke: \(Colour.end); stroke-width: 2.4px; fill: \(Colour.endFill); }
        .lini-masa .diambil polyline { stroke: \(Colour.path); stroke-width: 2.4px; }
        .lini-masa .diambil polygon { fill: \(Colour.path); }
        """

    // MARK: The chart

    /// The flowchart with the case's path on it, moved to (`x`, `y`).
    private func chartElements(_ chart: Flowchart, highlight: CaseTimelineHighlight, drawing: FlowchartDrawing, x: Double, y: Double) -> String {
        let n = FlowchartDrawing.number
        let taken = Set(highlight.takenEdges)
        let touched = highlight.touched
        var result = "<g transform=\"translate(\(n(x)),\(n(y)))\">"
        // Lines and shapes the case did not go through, faded, under the rest.
        result += "<g class=\"tidak-dilalui\" opacity=\"\(Colour.faded)\">"
        for (index, edge) in chart.edges.enumerated() where !taken.contains(index) {
            result += drawing.polyline(edge) + drawing.arrowhead(edge)
        }
        for node in chart.nodes where !touched.contains(node.id) { result += drawing.node(node) }
        for (index, edge) in chart.edges.enumerated() where !taken.contains(index) { result += drawing.label(edge) }
        result += "</g>"
        // The lines it took, then the returns to the reporter that no line of the chart draws.
        result += "<g class=\"diambil\">"
        for index in highlight.takenEdges where index < chart.edges.count {
            result += drawing.polyline(chart.edges[index]) + drawing.arrowhead(chart.edges[index])
        }
        result += "</g>"
        for (index, back) in highlight.returns.enumerated() { result += returnLine(back, index: index, chart: chart) }
        // The shapes it touched.
        for node in chart.nodes where touched.contains(node.id) {
            let role = node.id == highlight.current ? "sekarang" : node.id == highlight.end ? "akhir" : "dilalui"
            result += "<g class=\"\(role)\">" + drawing.node(node) + "</g>"
        }
        for index in chart.edges.indices where taken.contains(index) { result += drawing.label(chart.edges[index]) }
        // The visit numbers on the shapes, and the mark of the step it stands on.
        for node in chart.nodes {
            guard let visits = highlight.visitNumbers[node.id] else { continue }
            result += badges(visits, on: node)
        }
        if let current = highlight.current, let node = chart.node(current) {
            let frame = node.frame
            result += "<text x=\"\(n(frame.x))\" y=\"\(n(frame.maxY + 11))\" font-size=\"9.5\" font-weight=\"bold\" fill=\"\(Colour.current)\">▶ \(Markup.escape(word(\.now)))</text>"
        }
        return result + "</g>"
    }

    /// The numbered circles of a shape's visits, along its top edge, in the order of the visits
    /// and ending at its right corner (a seventh and later visit are counted in the last circle).
    private func badges(_ visits: [Int], on node: Flowchart.Node) -> String {
        let n = FlowchartDrawing.number
        let frame = node.frame
        let radius = 8.5
        let spacing = 2 * radius + 1.5
        let fitting = 6
        let shown = Array(visits.prefix(fitting))
        var result = ""
        for (position, number) in shown.enumerated() {
            let isLast = position == fitting - 1 && visits.count > fitting
            let cx = frame.maxX - 2 - Double(shown.count - 1 - position) * spacing
            let cy = frame.y - 1
            let visit = data.visits[number - 1]
            let label = isLast ? "+\(visits.count - fitting + 1)" : "\(number)"
            result += "<g class=\"kunjungan\"><title>\(Markup.escape(words(Words.visit(number, Words.timeliness(visit.timeliness)))))</title>"
            result += "<circle cx=\"\(n(cx))\" cy=\"\(n(cy))\" r=\"\(n(radius))\" fill=\"\(Colour.timeliness(visit.timeliness))\" stroke=\"#fff\" stroke-width=\"1.5\"/>"
            result += "<text x=\"\(n(cx))\" y=\"\(n(cy + 3.6))\" text-anchor=\"middle\" font-size=\"\(label.count > 2 ? 8 : 10)\" font-weight=\"bold\" fill=\"#fff\">\(Markup.escape(label))</text></g>"
        }
        return result
    }

    /// A return to the reporter that the chart has no line for: a dashed line out of the right
    /// side of the step it was returned from, along the right edge of the lanes (where no shape
    /// stands), and across the reporter's step's row into its right side. Every row holds one
    /// shape, so the line crosses other lines but never a shape.
    private func returnLine(_ back: CaseTimelineHighlight.Return, index: Int, chart: Flowchart) -> String {
        guard let from = chart.node(back.from), let to = chart.node(back.to) else { return "" }
        let n = FlowchartDrawing.number
        let offset = 8 + Double(index % 3) * 4
        let channel = chart.width - 9 - Double(index % 3) * 4
        let startY = from.frame.midY + offset
        let endY = to.frame.midY + offset
        let points = [
            FlowchartPoint(x: sideX(from, y: startY), y: startY), FlowchartPoint(x: channel, y: startY),
            FlowchartPoint(x: channel, y: endY), FlowchartPoint(x: sideX(to, y: endY), y: endY),
        ]
        var result = "<g class=\"dikembalikan\"><title>\(Markup.escape(words(Words.visit(back.visit + 1, Words.labels.returnedToReporter))))</title>"
        result += "<polyline points=\"\(points.map { "\(n($0.x)),\(n($0.y))" }.joined(separator: " "))\" fill=\"none\" stroke=\"\(Colour.returned)\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>"
        let tip = points[3]
        let direction = tip.x < channel ? -1.0 : 1.0
        result += "<polygon points=\"\(n(tip.x)),\(n(tip.y)) \(n(tip.x - direction * 7)),\(n(tip.y - 3.2)) \(n(tip.x - direction * 7)),\(n(tip.y + 3.2))\" fill=\"\(Colour.returned)\"/>"
        result += "<text x=\"\(n(tip.x + 10))\" y=\"\(n(tip.y + 11))\" font-size=\"9.5\" font-style=\"italic\" fill=\"\(Colour.returned)\">\(Markup.escape(word(\.returned)))</text>"
        return result + "</g>"
    }

    /// Where a horizontal line at `y` meets the right side of a shape (a diamond's slanted side).
    private func sideX(_ node: Flowchart.Node, y: Double) -> Double {
        let frame = node.frame
        guard node.kind == .decision else { return frame.maxX }
        let half = frame.height / 2
        let fraction = half > 0 ? min(1, abs(y - frame.midY) / half) : 0
        return frame.midX + frame.width / 2 * (1 - fraction)
    }

    // MARK: The visits

    /// The lines of a visit's block: budget / taken, how it stands, who, when, what became of it.
    func visitText(_ visit: CaseTimelineData.Visit) -> [String] {
        var lines = [words(Words.budgetTaken(visit))]
        lines.append(words(Words.timeliness(visit.timeliness)))
        lines.append(words(Words.by(visit)))
        lines.append(visit.when)
        if let result = Words.result(visit).map(words) {
            // What became of it (a reason, say) on up to two lines, the rest cut.
            let width = Self.visitWidth - 32
            let wrapped = TextMetrics.wrap(result, width: width, fontSize: 10.5)
            lines += wrapped.prefix(1)
            if wrapped.count > 1 {
                let rest = wrapped.dropFirst().joined(separator: " ")
                lines.append(TextMetrics.truncate(rest, width: width, fontSize: 10.5))
            }
        }
        return lines
    }

    /// A visit's block in the right-hand column: a numbered circle, then its lines.
    private func visitBlock(_ index: Int, lines: [String], x: Double, baseline: Double) -> String {
        let n = FlowchartDrawing.number
        let visit = data.visits[index]
        let colour = Colour.timeliness(visit.timeliness)
        let textLeft = x + 22
        let width = Self.visitWidth - 32
        var result = "<g class=\"kunjungan-\(index + 1)\">"
        if visit.isOpen {
            let height = Double(lines.count) * Self.visitLineHeight + 4
            result += "<rect x=\"\(n(x - 4))\" y=\"\(n(baseline - 12))\" width=\"\(n(Self.visitWidth - 8))\" height=\"\(n(height))\" rx=\"3\" fill=\"\(Colour.currentFill)\" stroke=\"\(Colour.current)\" stroke-width=\"1\"/>"
        }
        result += "<circle cx=\"\(n(x + 8))\" cy=\"\(n(baseline - 4))\" r=\"8.5\" fill=\"\(colour)\"/>"
        result += "<text x=\"\(n(x + 8))\" y=\"\(n(baseline - 0.4))\" text-anchor=\"middle\" font-size=\"10\" font-weight=\"bold\" fill=\"#fff\">\(index + 1)</text>"
        for (position, line) in lines.enumerated() {
            let y = baseline + Double(position) * Self.visitLineHeight
            switch position {
            case 0:
                result += "<text x=\"\(n(textLeft))\" y=\"\(n(y))\" font-size=\"11\" font-weight=\"bold\">\(Markup.escape(TextMetrics.truncate(line, width: width, fontSize: 11, bold: true)))</text>"
            case 1:
                result += bar(visit, x: textLeft, baseline: y)
                result += "<text x=\"\(n(textLeft + Self.barWidth + 6))\" y=\"\(n(y))\" font-size=\"10.5\" font-weight=\"bold\" fill=\"\(colour)\">\(Markup.escape(line))</text>"
            default:
                result += "<text x=\"\(n(textLeft))\" y=\"\(n(y))\" font-size=\"10.5\" fill=\"#333\">\(Markup.escape(TextMetrics.truncate(line, width: width, fontSize: 10.5)))</text>"
            }
        }
        return result + "</g>"
    }

    /// The time taken against the budget as a bar: the budget is the grey part up to the tick,
    /// the time taken the coloured part, running past the tick when the step took longer.
    private func bar(_ visit: CaseTimelineData.Visit, x: Double, baseline: Double) -> String {
        let n = FlowchartDrawing.number
        let top = baseline - 8
        let height = 7.0
        guard visit.budgetSeconds > 0 else {
            return "<rect x=\"\(n(x))\" y=\"\(n(top))\" width=\"\(n(Self.barWidth))\" height=\"\(n(height))\" fill=\"#eee\"/>"
        }
        let ratio = max(0, Double(visit.workingSeconds) / Double(visit.budgetSeconds))
        let scale = max(1, min(ratio, 4))
        let budgetWidth = Self.barWidth / scale
        let takenWidth = min(Self.barWidth, Self.barWidth * ratio / scale)
        var result = "<rect x=\"\(n(x))\" y=\"\(n(top))\" width=\"\(n(budgetWidth))\" height=\"\(n(height))\" fill=\"#e3e3e3\"/>"
        result += "<rect x=\"\(n(x))\" y=\"\(n(top))\" width=\"\(n(takenWidth))\" height=\"\(n(height))\" fill=\"\(Colour.timeliness(visit.timeliness))\"/>"
        result += "<line x1=\"\(n(x + budgetWidth))\" y1=\"\(n(top - 2))\" x2=\"\(n(x + budgetWidth))\" y2=\"\(n(top + height + 2))\" stroke=\"#000\" stroke-width=\"1.2\"/>"
        return result
    }

    // MARK: Legend

    /// What the colours and marks mean, in as many lines as the width needs, and its height.
    private func legend(x: Double, y top: Double, width: Double) -> (svg: String, height: Double) {
        let n = FlowchartDrawing.number
        var result = "<g class=\"keterangan\" font-size=\"10.5\">"
        var cursor = x
        var y = top
        func swatch(_ shape: (Double) -> String, _ label: String) {
            let itemWidth = 26 + TextMetrics.width(label, fontSize: 10.5)
            if cursor > x, cursor + itemWidth > x + width {
                cursor = x
                y += 20
            }
            result += shape(cursor)
            result += "<text x=\"\(n(cursor + 26))\" y=\"\(n(y + 4))\">\(Markup.escape(label))</text>"
            cursor += itemWidth + 18
        }
        swatch({ "<line x1=\"\(n($0))\" y1=\"\(n(y))\" x2=\"\(n($0 + 20))\" y2=\"\(n(y))\" stroke=\"\(Colour.path)\" stroke-width=\"2.4\"/>" }, word(\.pathTaken))
        swatch({ "<rect x=\"\(n($0))\" y=\"\(n(y - 7))\" width=\"20\" height=\"13\" fill=\"\(Colour.currentFill)\" stroke=\"\(Colour.current)\" stroke-width=\"2\"/>" }, word(\.currentStep))
        swatch({ "<rect x=\"\(n($0))\" y=\"\(n(y - 7))\" width=\"20\" height=\"13\" rx=\"6.5\" fill=\"\(Colour.endFill)\" stroke=\"\(Colour.end)\" stroke-width=\"2\"/>" }, word(\.endReached))
        swatch({ "<rect x=\"\(n($0))\" y=\"\(n(y - 7))\" width=\"20\" height=\"13\" fill=\"#fff\" stroke=\"#000\" opacity=\"\(Colour.faded)\"/>" }, word(\.notVisited))
        for value in [CaseTimelineData.Timeliness.onTime, .atRisk, .overdue] {
            swatch({ "<circle cx=\"\(n($0 + 10))\" cy=\"\(n(y))\" r=\"7\" fill=\"\(Colour.timeliness(value))\"/>" }, words(Words.visits(value)))
        }
        if !data.visits.isEmpty, data.visits.contains(where: { if case .returned = $0.ending { true } else { false } }) {
            swatch({ "<line x1=\"\(n($0))\" y1=\"\(n(y))\" x2=\"\(n($0 + 20))\" y2=\"\(n(y))\" stroke=\"\(Colour.returned)\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>" }, word(\.returnedToReporter))
        }
        return (result + "</g>", y - top + 10)
    }

}

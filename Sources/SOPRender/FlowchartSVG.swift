import SOPCore
import SOPModel

/// The SOP's flowchart as a stand-alone SVG document, drawn as the signed SOP's flow table
/// draws it: columns No, Kegiatan, one swimlane per Pelaksana (actor names as headers), Waktu.
///
/// Start and end are rounded terminators, steps rectangles (dashed when optional), decisions
/// diamonds with their branch labels, hand-offs off-page connectors with the target SOP's id.
/// Rework loops go back up in the channels at the sides of the lanes. See `Flowchart` for the
/// layout.
public struct FlowchartSVG: Sendable {
    /// The workflow drawn.
    public var workflow: Workflow

    /// Creates the drawing of a workflow.
    public init(workflow: Workflow) {
        self.workflow = workflow
    }

    private struct TextLine {
        var text: String
        var size: Double
        var style: String
    }

    static let margin = 16.0
    static let numberWidth = 40.0
    static let activityWidth = 300.0
    static let timeWidth = 96.0
    static let lineHeight = 14.0

    /// The SVG text, ending in a line break.
    public func render() -> String {
        let metrics = FlowchartMetrics.diagram
        let numbers = Wording.numbers(workflow)
        let margin = Self.margin
        let textWidth = Self.activityWidth - 16

        // The Kegiatan text of each step, and the room it needs.
        var activityLines: [[TextLine]] = []
        var minimumHeights: [Double] = []
        for (index, step) in workflow.steps.enumerated() {
            var lines: [TextLine] = []
            let activity = step.activity + (step.isOptional ? " (bila perlu)" : "")
            for line in TextMetrics.wrap(activity, width: textWidth, fontSize: 11) { lines.append(TextLine(text: line, size: 11, style: "")) }
            if let question = Wording.question(step) {
                for line in TextMetrics.wrap(question, width: textWidth, fontSize: 10.5) {
                    lines.append(TextLine(text: line, size: 10.5, style: " font-style=\"italic\""))
                }
            }
            if let note = Flowchart.performerNote(step, in: workflow) {
                for line in TextMetrics.wrap("Pelaksana: " + Wording.actorName(step.performers.actors.first?.value ?? "", in: workflow) + " " + note, width: textWidth, fontSize: 10) {
                    lines.append(TextLine(text: line, size: 10, style: " fill=\"#444\""))
                }
            }
            for flow in Wording.flow(step, in: workflow, numbers: numbers) {
                for line in TextMetrics.wrap(flow, width: textWidth, fontSize: 10) {
                    lines.append(TextLine(text: line, size: 10, style: " fill=\"#444\""))
                }
            }
            activityLines.append(lines)
            // The first line sits level with the middle of the step's shape.
            let offset = SwimlaneTable.shapeMiddle(of: step, at: index, metrics: metrics)
            minimumHeights.append(offset + 4 + Double(max(0, lines.count - 1)) * Self.lineHeight + 12)
        }
        let chart = Flowchart(workflow, metrics: metrics, minimumBandHeights: minimumHeights)
        let drawing = FlowchartDrawing(
            chart: chart, fontSize: 11, labelFontSize: 10, arrowLength: 7, titles: Self.titles(workflow, chart))

        let lanesWidth = max(chart.width, metrics.laneWidth)
        let tableWidth = Self.numberWidth + Self.activityWidth + lanesWidth + Self.timeWidth
        let totalWidth = tableWidth + 2 * margin
        let n = FlowchartDrawing.number

        // Title block.
        var body = ""
        var y = margin
        for line in workflow.document.organization {
            y += 14
            body += "<text x=\"\(n(margin))\" y=\"\(n(y))\" font-size=\"12\" font-weight=\"bold\">\(Markup.escape(line))</text>"
        }
        let heading = "ALUR STANDAR OPERASIONAL PROSEDUR " + workflow.title.uppercased()
        y += 8
        for line in TextMetrics.wrap(heading, width: tableWidth, fontSize: 14, bold: true) {
            y += 18
            body += "<text x=\"\(n(margin))\" y=\"\(n(y))\" font-size=\"14\" font-weight=\"bold\">\(Markup.escape(line))</text>"
        }
        var subtitle = [String]()
        if let number = workflow.document.number { subtitle.append("Nomor SOP \(number)") }
        subtitle.append("alur kerja \(workflow.id.value.rawValue), revisi \(workflow.revision.value)")
        y += 16
        body += "<text x=\"\(n(margin))\" y=\"\(n(y))\" font-size=\"11\" fill=\"#444\">\(Markup.escape(subtitle.joined(separator: " · ")))</text>"
        y += 12

        // Table header: No, Kegiatan, Pelaksana over the lanes, Waktu.
        let tableTop = y
        let left = margin
        let lanesLeft = left + Self.numberWidth + Self.activityWidth
        let timeLeft = lanesLeft + lanesWidth
        let header = SwimlaneTable.header(
            chart, laneWidth: metrics.laneWidth, left: left, top: tableTop, tableWidth: tableWidth, numberWidth: Self.numberWidth,
            activityWidth: Self.activityWidth, lanesWidth: lanesWidth, activity: "Kegiatan", actors: "Pelaksana"
        ) { middle in SwimlaneTable.centred("Waktu", timeLeft + Self.timeWidth / 2, middle) }
        let firstHeader = header.firstRow
        let headerBottom = header.bottom
        body += header.svg
        var grid = header.grid

        // Rows.
        let bodyTop = headerBottom
        let bodyBottom = bodyTop + chart.height
        var texts = ""
        for band in chart.bands {
            let top = bodyTop + band.top
            if band.step > 0 { grid += SwimlaneTable.line(left, top, left + tableWidth, top, colour: "#999") }
            guard band.step < workflow.steps.count else { continue }
            let step = workflow.steps[band.step]
            let shape = chart.nodes.first { $0.step == band.step && ($0.kind == .step || $0.kind == .decision) }
            let baseline = bodyTop + (shape?.frame.midY ?? (band.top + 20)) + 4
            texts += "<text x=\"\(n(left + Self.numberWidth / 2))\" y=\"\(n(baseline))\" text-anchor=\"middle\" font-size=\"11\">\(band.step + 1).</text>"
            for (index, textLine) in activityLines[band.step].enumerated() {
                texts += "<text x=\"\(n(left + Self.numberWidth + 8))\" y=\"\(n(baseline + Double(index) * Self.lineHeight))\" font-size=\"\(n(textLine.size))\"\(textLine.style)>\(Markup.escape(textLine.text))</text>"
            }
            let budget = step.budgetText ?? "-"
            for (index, textLine) in TextMetrics.wrap(budget, width: Self.timeWidth - 10, fontSize: 11).enumerated() {
                texts += SwimlaneTable.centred(textLine, timeLeft + Self.timeWidth / 2, baseline + Double(index) * Self.lineHeight, bold: false)
            }
        }
        // Total Waktu.
        let totalLines = TextMetrics.wrap(workflow.signedTotal ?? "-", width: Self.timeWidth - 10, fontSize: 11, bold: true)
        let totalHeight = 12 + Double(max(1, totalLines.count)) * Self.lineHeight
        grid += SwimlaneTable.line(left, bodyBottom, left + tableWidth, bodyBottom)
        texts += "<text x=\"\(n(timeLeft - 8))\" y=\"\(n(bodyBottom + 17))\" text-anchor=\"end\" font-size=\"11\" font-weight=\"bold\">Total Waktu</text>"
        for (index, textLine) in totalLines.enumerated() {
            texts += SwimlaneTable.centred(textLine, timeLeft + Self.timeWidth / 2, bodyBottom + 17 + Double(index) * Self.lineHeight)
        }
        let tableBottom = bodyBottom + totalHeight

        // Column and lane lines.
        grid += SwimlaneTable.line(left + Self.numberWidth, tableTop, left + Self.numberWidth, bodyBottom)
        grid += SwimlaneTable.line(lanesLeft, tableTop, lanesLeft, bodyBottom)
        for index in chart.lanes.indices.dropFirst() {
            let x = lanesLeft + Double(index) * metrics.laneWidth
            grid += SwimlaneTable.line(x, tableTop + firstHeader, x, bodyBottom, colour: "#999")
        }
        grid += SwimlaneTable.line(timeLeft, tableTop, timeLeft, tableBottom)
        grid += SwimlaneTable.line(left, headerBottom, left + tableWidth, headerBottom)
        grid += "<rect x=\"\(n(left))\" y=\"\(n(tableTop))\" width=\"\(n(tableWidth))\" height=\"\(n(tableBottom - tableTop))\" fill=\"none\" stroke=\"#000\" stroke-width=\"1.2\"/>"

        // The chart itself, moved into the lanes.
        var flow = "<g transform=\"translate(\(n(lanesLeft)),\(n(bodyTop)))\">"
        flow += "<g class=\"lines\">"
        for edge in chart.edges { flow += drawing.polyline(edge) + drawing.arrowhead(edge) }
        flow += "</g><g class=\"shapes\">"
        for node in chart.nodes { flow += drawing.node(node) }
        flow += "</g><g class=\"labels\">"
        for edge in chart.edges { flow += drawing.label(edge) }
        flow += "</g></g>"

        let totalHeightOfDrawing = tableBottom + margin
        let title = "SOP " + (workflow.document.number.map { $0 + " " } ?? "") + workflow.title
        var svg = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        svg += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(n(totalWidth))\" height=\"\(n(totalHeightOfDrawing))\" viewBox=\"0 0 \(n(totalWidth)) \(n(totalHeightOfDrawing))\" font-family=\"\(FlowchartDrawing.font)\" font-size=\"11\">\n"
        svg += "<title>\(Markup.escape(title))</title>\n"
        svg += "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n"
        svg += body + "\n" + grid + "\n" + texts + "\n" + flow + "\n"
        svg += "</svg>\n"
        return svg
    }


    /// The words of the terminators: the signed SOP's, and a case's timeline picture's in English.
    static let start = Text(id: "Mulai", en: "Start")
    static let end = Text(id: "Selesai", en: "End")

    /// Tooltips for the shapes: the step's number and activity, the outcome, the target SOP (in
    /// Bahasa Indonesia, as the signed SOP, unless a case's timeline picture asks for English).
    static func titles(_ workflow: Workflow, _ chart: Flowchart, language: Language = .standard) -> [String: String] {
        var titles: [String: String] = [:]
        for node in chart.nodes {
            switch node.kind {
            case .start: titles[node.id] = start(language)
            case .step, .decision:
                if node.step < workflow.steps.count {
                    titles[node.id] = "\(node.step + 1). \(workflow.steps[node.step].activity)"
                }
            case .end(let outcome):
                titles[node.id] = end(language) + (workflow.outcome(outcome).map { ": \($0.name)" } ?? "")
            case .handoff(let target):
                titles[node.id] = Text(id: "Diserahkan ke \(target.sopName)", en: "Handed off to \(target.sopName)")(language)
            }
        }
        return titles
    }
}

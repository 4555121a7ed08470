import SOPModel

/// The pieces the SOP flowchart and a case's timeline picture draw alike: the table around the
/// swimlanes (No, Kegiatan, Pelaksana over one lane per actor, then a last column of their own),
/// its lines, and where a row's text sits level with its step's shape.
enum SwimlaneTable {
    /// The table's header: a grey band; No and the activity heading across both header rows;
    /// the actors' heading over the lanes, the last column's heading (drawn by `lastHeading`,
    /// given the baseline that centres a heading in both rows), and each lane's name.
    struct Header {
        /// The band and the headings.
        var svg: String
        /// The line under the actors' heading, across the lanes.
        var grid: String
        /// Where the rows start.
        var bottom: Double
        /// The height of the first header row (the actors' heading).
        var firstRow: Double
    }

    /// The header of a table whose lanes start at `lanesLeft` and whose last column starts at
    /// `lastLeft`.
    static func header(
        _ chart: Flowchart, laneWidth: Double, left: Double, top: Double, tableWidth: Double, numberWidth: Double,
        activityWidth: Double, lanesWidth: Double, activity: String, actors: String, lastHeading: (Double) -> String
    ) -> Header {
        let n = FlowchartDrawing.number
        let lanesLeft = left + numberWidth + activityWidth
        let lastLeft = lanesLeft + lanesWidth
        let firstRow = 22.0
        let nameLines = chart.lanes.map { TextMetrics.wrap($0.name, width: laneWidth - 10, fontSize: 11, bold: true) }
        let secondRow = max(28, Double(nameLines.map(\.count).max() ?? 1) * 13 + 12)
        var svg = "<rect x=\"\(n(left))\" y=\"\(n(top))\" width=\"\(n(tableWidth))\" height=\"\(n(firstRow + secondRow))\" fill=\"#eee\"/>"
        let middle = top + (firstRow + secondRow) / 2 + 4
        svg += centred("No", left + numberWidth / 2, middle)
        svg += centred(activity, left + numberWidth + activityWidth / 2, middle)
        svg += centred(actors, lanesLeft + lanesWidth / 2, top + 15)
        svg += lastHeading(middle)
        for (lane, lines) in zip(chart.lanes, nameLines) {
            let blockTop = top + firstRow + (secondRow - Double(lines.count) * 13) / 2
            for (index, line) in lines.enumerated() {
                svg += centred(line, lanesLeft + lane.x + lane.width / 2, blockTop + 10 + Double(index) * 13)
            }
        }
        return Header(
            svg: svg, grid: line(lanesLeft, top + firstRow, lastLeft, top + firstRow), bottom: top + firstRow + secondRow, firstRow: firstRow)
    }

    /// Text centred on `x`, bold unless asked otherwise, escaped.
    static func centred(_ text: String, _ x: Double, _ baseline: Double, bold: Bool = true, size: Double = 11) -> String {
        let n = FlowchartDrawing.number
        return "<text x=\"\(n(x))\" y=\"\(n(baseline))\" text-anchor=\"middle\" font-size=\"\(n(size))\"\(bold ? " font-weight=\"bold\"" : "")>\(Markup.escape(text))</text>"
    }

    /// A line of the table.
    static func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, colour: String = "#000") -> String {
        let n = FlowchartDrawing.number
        return "<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke=\"\(colour)\" stroke-width=\"1\"/>"
    }

    /// How far below the top of its row the middle of a step's shape is (the first row also holds
    /// the start terminator): where the row's first line of text sits.
    static func shapeMiddle(of step: Step, at index: Int, metrics: FlowchartMetrics) -> Double {
        var offset = metrics.gap
        if index == 0 { offset += metrics.terminatorHeight + metrics.gap }
        let isDecision: Bool
        if case .decision = step.transition { isDecision = true } else { isDecision = false }
        return offset + (isDecision ? metrics.decisionHeight : metrics.stepHeight) / 2
    }
}

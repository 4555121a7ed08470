/// SVG elements of a laid-out flowchart: shapes, lines, arrowheads and branch labels.
///
/// Shared by the stand-alone SVG (the whole chart at once) and the signed document (one slice
/// per row of the flow table). Every text goes through `Markup.escape`.
struct FlowchartDrawing {
    let chart: Flowchart
    /// The size of the text inside shapes.
    let fontSize: Double
    /// The size of branch labels.
    let labelFontSize: Double
    /// The length of an arrowhead.
    let arrowLength: Double
    /// A tooltip for each shape, by node id.
    let titles: [String: String]

    static let font = "Arial, 'Liberation Sans', Helvetica, sans-serif"

    /// A number for an SVG attribute: at most one decimal, never `nan`.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let rounded = (value * 10).rounded() / 10
        if rounded == rounded.rounded(), abs(rounded) < 1e12 { return String(Int(rounded)) }
        return String(rounded)
    }

    private func n(_ value: Double) -> String { Self.number(value) }

    // MARK: Shapes

    /// A shape, moved up by `dy`.
    func node(_ node: Flowchart.Node, dy: Double = 0) -> String {
        let frame = node.frame
        let x = frame.x
        let y = frame.y - dy
        let w = frame.width
        let h = frame.height
        let stroke = "fill=\"#fff\" stroke=\"#000\" stroke-width=\"1.2\""
        var shape: String
        var texts: [(String, Double, Double, Bool)] = []  // text, baseline y, size, bold
        switch node.kind {
        case .start, .end:
            shape = "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(w))\" height=\"\(n(h))\" rx=\"\(n(h / 2))\" \(stroke)/>"
            let size = fitted(node.text, width: w - 8, size: fontSize)
            texts.append((TextMetrics.truncate(node.text, width: w - 6, fontSize: size), y + h / 2 + size * 0.35, size, false))
        case .step:
            let dash = node.isOptional ? " stroke-dasharray=\"4 3\"" : ""
            shape = "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(w))\" height=\"\(n(h))\" \(stroke)\(dash)/>"
            texts.append((node.text, y + h / 2 + fontSize * 0.35, fontSize, true))
        case .decision:
            let dash = node.isOptional ? " stroke-dasharray=\"4 3\"" : ""
            let points = [(x + w / 2, y), (x + w, y + h / 2), (x + w / 2, y + h), (x, y + h / 2)]
            shape = "<polygon points=\"\(points.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " "))\" \(stroke)\(dash)/>"
            texts.append((node.text, y + h / 2 + fontSize * 0.35, fontSize, true))
        case .handoff:
            // An off-page connector: a pentagon pointing down.
            let shoulder = y + h * 0.62
            let points = [(x, y), (x + w, y), (x + w, shoulder), (x + w / 2, y + h), (x, shoulder)]
            shape = "<polygon points=\"\(points.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " "))\" \(stroke)/>"
            let small = max(6, fontSize * 0.75)
            texts.append(("SOP", y + small + 1.5, small, false))
            // The target's id or title on one line, or broken at a hyphen or space onto two when it is long.
            var size = fitted(node.text, width: w - 6, size: fontSize)
            var lines = [node.text]
            let fitsOneLine = TextMetrics.width(node.text, fontSize: size) <= w - 6
            if size < 7.5 || !fitsOneLine, let split = Self.twoLines(node.text) {
                let twoLineSize = min(fitted(split.0, width: w - 6, size: fontSize), fitted(split.1, width: w - 6, size: fontSize))
                if twoLineSize > size || (twoLineSize == size && !fitsOneLine) {
                    size = twoLineSize
                    lines = [split.0, split.1]
                }
            }
            for (index, line) in lines.enumerated() {
                let baseline = y + small + 2.5 + size * Double(index + 1)
                texts.append((TextMetrics.truncate(line, width: w - 4, fontSize: size), baseline, size, true))
            }
        }
        var result = "<g class=\"shape\">"
        if let title = titles[node.id] { result += "<title>\(Markup.escape(title))</title>" }
        result += shape
        for (text, baseline, size, bold) in texts {
            result += "<text x=\"\(n(frame.midX))\" y=\"\(n(baseline))\" text-anchor=\"middle\" font-size=\"\(n(size))\"\(bold ? " font-weight=\"bold\"" : "")>\(Markup.escape(text))</text>"
        }
        return result + "</g>"
    }

    /// An id broken at the hyphen nearest its middle, keeping the hyphen on the first line.
    static func twoLines(_ text: String) -> (String, String)? {
        let characters = Array(text)
        let breaks = characters.indices.filter { (characters[$0] == "-" || characters[$0] == " ") && $0 > 0 && $0 + 1 < characters.count }
        guard let best = breaks.min(by: { abs($0 * 2 - characters.count) < abs($1 * 2 - characters.count) }) else { return nil }
        // A hyphen stays at the end of the first line; a space is where the line breaks.
        let first = characters[best] == " " ? characters[..<best] : characters[...best]
        return (String(first), String(characters[(best + 1)...]))
    }

    /// The largest size up to `size` at which text fits a width, but no smaller than 6.
    private func fitted(_ text: String, width: Double, size: Double) -> Double {
        var current = size
        while current > 6, TextMetrics.width(text, fontSize: current) > width { current -= 0.5 }
        return current
    }

    // MARK: Lines

    /// A whole line as a polyline, moved up by `dy`.
    func polyline(_ edge: Flowchart.Edge, dy: Double = 0) -> String {
        let points = edge.points.map { "\(n($0.x)),\(n($0.y - dy))" }.joined(separator: " ")
        return "<polyline points=\"\(points)\" fill=\"none\" stroke=\"#000\" stroke-width=\"1.1\"/>"
    }

    /// The arrowhead at the end of a line, moved up by `dy`.
    func arrowhead(_ edge: Flowchart.Edge, dy: Double = 0) -> String {
        guard edge.points.count >= 2 else { return "" }
        let tip = edge.points[edge.points.count - 1]
        let before = edge.points[edge.points.count - 2]
        var dx = tip.x - before.x
        var dyDirection = tip.y - before.y
        let length = (dx * dx + dyDirection * dyDirection).squareRoot()
        guard length > 0 else { return "" }
        dx /= length
        dyDirection /= length
        let back = (tip.x - dx * arrowLength, tip.y - dyDirection * arrowLength)
        let half = arrowLength * 0.45
        let left = (back.0 - dyDirection * half, back.1 + dx * half)
        let right = (back.0 + dyDirection * half, back.1 - dx * half)
        let points = [(tip.x, tip.y), left, right].map { "\(n($0.0)),\(n($0.1 - dy))" }.joined(separator: " ")
        return "<polygon points=\"\(points)\" fill=\"#000\"/>"
    }

    /// The branch label of a line, on a white ground, moved up by `dy`.
    func label(_ edge: Flowchart.Edge, dy: Double = 0) -> String {
        guard let text = edge.label, let anchor = edge.labelAnchor else { return "" }
        let width = TextMetrics.width(text, fontSize: labelFontSize)
        let left = edge.isLabelRightAligned ? anchor.x - width : anchor.x
        let baseline = anchor.y - dy
        let ground = "<rect x=\"\(n(left - 1))\" y=\"\(n(baseline - labelFontSize * 0.85))\" width=\"\(n(width + 2))\" height=\"\(n(labelFontSize * 1.1))\" fill=\"#fff\" fill-opacity=\"0.85\"/>"
        let anchorName = edge.isLabelRightAligned ? "end" : "start"
        return "<g class=\"label\">" + ground
            + "<text x=\"\(n(anchor.x))\" y=\"\(n(baseline))\" text-anchor=\"\(anchorName)\" font-size=\"\(n(labelFontSize))\" font-style=\"italic\">\(Markup.escape(text))</text></g>"
    }

    // MARK: Rows of the flow table

    /// The part of the chart in one row (band) of the flow table, for an SVG that fills its
    /// table cell: y is measured from the top of the row, and a line that runs on below the row
    /// is drawn to `100%`, the bottom of the cell however tall the cell grows.
    func bandSlice(_ band: Flowchart.Band) -> String {
        var lines = ""
        let top = band.top
        let bottom = band.bottom
        for edge in chart.edges {
            for (p, q) in zip(edge.points, edge.points.dropFirst()) {
                if abs(p.y - q.y) < 0.01 {
                    // Horizontal: in the band that holds its y.
                    guard p.y >= top, p.y < bottom else { continue }
                    lines += "<line x1=\"\(n(p.x))\" y1=\"\(n(p.y - top))\" x2=\"\(n(q.x))\" y2=\"\(n(q.y - top))\"/>"
                } else {
                    let upper = min(p.y, q.y)
                    let lower = max(p.y, q.y)
                    guard lower > top, upper < bottom else { continue }
                    let from = upper <= top ? "0" : n(upper - top)
                    let to = lower >= bottom ? "100%" : n(lower - top)
                    lines += "<line x1=\"\(n(p.x))\" y1=\"\(from)\" x2=\"\(n(q.x))\" y2=\"\(to)\"/>"
                }
            }
        }
        var result = "<g stroke=\"#000\" stroke-width=\"1.1\">" + lines + "</g>"
        for edge in chart.edges {
            if let tip = edge.points.last, tip.y >= top, tip.y < bottom { result += arrowhead(edge, dy: top) }
        }
        for node in chart.nodes where node.step == band.step { result += self.node(node, dy: top) }
        // A label goes with the row its line leaves from, beside the shape, however tall the row.
        for edge in chart.edges {
            if edge.labelAnchor != nil, let start = edge.points.first, start.y >= top, start.y < bottom {
                result += label(edge, dy: top)
            }
        }
        return result
    }
}

import SOPModel

/// The SOP as it is signed, as one self-contained HTML page (no fonts, scripts or images from
/// elsewhere), printable on A4 landscape.
///
/// The first page is the header in the layout of Permenpan-RB 35/2012: the issuing body, Nomor
/// SOP, Tanggal Pembuatan, Tanggal Revisi, Tanggal Efektif, Disahkan oleh (position, name, rank,
/// NIP), Judul SOP, then Dasar Hukum, Kualifikasi Pelaksana, Keterkaitan, Peralatan/Perlengkapan,
/// Peringatan, Pencatatan dan Pendataan. The flow table follows on a new page: No, Kegiatan, one
/// column per Pelaksana with the flowchart drawn in it (one inline SVG per row, lines running on
/// from row to row), Mutu Baku (Kelengkapan, Waktu, Output) and Keterangan, then Total Waktu.
///
/// The page is also well-formed XML (XHTML syntax), and every text from the workflow is escaped
/// with `Markup.escape`.
public struct SOPDocumentHTML: Sendable {
    /// The workflow rendered.
    public var workflow: Workflow

    /// Creates the signed document of a workflow.
    public init(workflow: Workflow) {
        self.workflow = workflow
    }

    /// The width of the printable area of A4 landscape with 10 mm margins, in CSS pixels.
    static let pageWidth = 1040.0

    /// The widths of the flow table's columns, and the lanes' metrics.
    struct Columns {
        var number = 34.0
        var activity: Double
        var lane: Double
        var lanes: Int
        var inputs: Double
        var time = 76.0
        var outputs: Double
        var remarks: Double

        var total: Double { number + activity + lane * Double(lanes) + inputs + time + outputs + remarks }

        init(lanes: Int) {
            self.lanes = max(1, lanes)
            lane = min(100, max(64, (420 / Double(self.lanes)).rounded(.down)))
            let rest = max(480, SOPDocumentHTML.pageWidth - 34 - 76 - lane * Double(self.lanes))
            activity = (rest * 0.31).rounded(.down)
            inputs = (rest * 0.23).rounded(.down)
            outputs = (rest * 0.23).rounded(.down)
            remarks = rest - activity - inputs - outputs
        }
    }

    /// The HTML text, ending in a line break.
    public func render() -> String {
        var html = "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"id\">\n<head>\n<meta charset=\"utf-8\"/>\n"
        html += "<title>\(Markup.escape(documentTitle))</title>\n"
        let columns = Columns(lanes: FlowchartBuilder.laneActors(workflow).count)
        html += "<style>\n\(Self.css(columns: columns))</style>\n</head>\n<body>\n"
        html += header()
        html += flowTable(columns)
        html += "</body>\n</html>\n"
        return html
    }

    private var documentTitle: String {
        "SOP " + (workflow.document.number.map { $0 + " " } ?? "") + workflow.title
    }

    // MARK: Header

    private func header() -> String {
        let document = workflow.document
        var html = "<section class=\"kepala\">\n<table class=\"kop\">\n"
        html += "<colgroup><col style=\"width:44%\"/><col style=\"width:18%\"/><col/></colgroup>\n"
        let organization = document.organization.map(Markup.escape).joined(separator: "<br/>")
        html += "<tr><td class=\"instansi\" rowspan=\"6\">\(organization.isEmpty ? "&#160;" : organization)</td>"
        html += "<th>Nomor SOP</th><td>\(Markup.escape(document.number ?? "-"))</td></tr>\n"
        html += "<tr><th>Tanggal Pembuatan</th><td>\(Markup.escape(Wording.date(document.created)))</td></tr>\n"
        html += "<tr><th>Tanggal Revisi</th><td>\(Markup.escape(Wording.date(document.revised)))</td></tr>\n"
        html += "<tr><th>Tanggal Efektif</th><td>\(Markup.escape(Wording.date(document.effective)))</td></tr>\n"
        html += "<tr><th>Disahkan oleh</th><td class=\"pengesah\">"
        if let approver = document.approvedBy {
            html += "<div>\(Markup.escape(approver.position))</div><div class=\"tanda-tangan\"></div>"
            html += "<div class=\"nama\">\(Markup.escape(approver.name))</div>"
            if let rank = approver.rank { html += "<div>\(Markup.escape(rank))</div>" }
            if let nip = approver.nip { html += "<div>NIP. \(Markup.escape(nip.value))</div>" }
        } else {
            html += "-"
        }
        html += "</td></tr>\n"
        html += "<tr><th>Judul SOP</th><td class=\"judul\">\(Markup.escape(workflow.title.uppercased()))</td></tr>\n"
        html += "</table>\n"

        html += "<table class=\"rincian\">\n<colgroup><col style=\"width:50%\"/><col style=\"width:50%\"/></colgroup>\n"
        func list(_ items: [String]) -> String {
            guard !items.isEmpty else { return "-" }
            return "<ol>" + items.map { "<li>\(Markup.escape($0))</li>" }.joined() + "</ol>"
        }
        let related = document.related.map { related in
            related.title ?? related.workflow.map { "SOP \($0.value.rawValue)" } ?? "-"
        }
        let pairs: [(String, String, String, String)] = [
            ("Dasar Hukum", list(document.legalBasis), "Kualifikasi Pelaksana", list(document.qualifications)),
            ("Keterkaitan", list(related), "Peralatan/Perlengkapan", list(document.equipment)),
            ("Peringatan", list(document.warnings), "Pencatatan dan Pendataan", document.recording.map(Markup.escape) ?? "-"),
        ]
        for (leftLabel, leftValue, rightLabel, rightValue) in pairs {
            html += "<tr><th>\(leftLabel):</th><th>\(rightLabel):</th></tr>\n"
            html += "<tr><td>\(leftValue)</td><td>\(rightValue)</td></tr>\n"
        }
        html += "</table>\n</section>\n"
        return html
    }

    // MARK: Flow table

    private func flowTable(_ columns: Columns) -> String {
        let metrics = FlowchartMetrics.table(laneWidth: columns.lane)
        let chart = Flowchart(workflow, metrics: metrics)
        let drawing = FlowchartDrawing(
            chart: chart, fontSize: 10, labelFontSize: 9, arrowLength: 6, titles: FlowchartSVG.titles(workflow, chart))
        let numbers = Wording.numbers(workflow)
        let laneCount = max(1, chart.lanes.count)
        let n = FlowchartDrawing.number

        var html = "<section class=\"alur\">\n"
        html += "<h1>ALUR STANDAR OPERASIONAL PROSEDUR \(Markup.escape(workflow.title.uppercased()))</h1>\n"
        html += "<table class=\"alur\" style=\"width:\(n(columns.total))px\">\n<colgroup>"
        html += "<col style=\"width:\(n(columns.number))px\"/><col style=\"width:\(n(columns.activity))px\"/>"
        html += String(repeating: "<col style=\"width:\(n(columns.lane))px\"/>", count: laneCount)
        html += "<col style=\"width:\(n(columns.inputs))px\"/><col style=\"width:\(n(columns.time))px\"/>"
        html += "<col style=\"width:\(n(columns.outputs))px\"/><col style=\"width:\(n(columns.remarks))px\"/></colgroup>\n"
        html += "<thead>\n<tr><th rowspan=\"2\">No</th><th rowspan=\"2\">Kegiatan</th><th colspan=\"\(laneCount)\">Pelaksana</th>"
        html += "<th colspan=\"3\">Mutu Baku</th><th rowspan=\"2\">Keterangan</th></tr>\n<tr>"
        if chart.lanes.isEmpty { html += "<th>-</th>" }
        for lane in chart.lanes { html += "<th class=\"pelaksana\">\(Markup.escape(lane.name))</th>" }
        html += "<th>Kelengkapan</th><th>Waktu</th><th>Output</th></tr>\n</thead>\n<tbody>\n"

        for band in chart.bands where band.step < workflow.steps.count {
            let step = workflow.steps[band.step]
            var activity = "<div>\(Markup.escape(step.activity))\(step.isOptional ? " <span class=\"catatan\">(bila perlu)</span>" : "")</div>"
            if let question = Wording.question(step) { activity += "<div class=\"pertanyaan\">\(Markup.escape(question))</div>" }
            if let note = Flowchart.performerNote(step, in: workflow) {
                let first = step.performers.actors.first.map { Wording.actorName($0.value, in: workflow) } ?? ""
                activity += "<div class=\"catatan\">Pelaksana: \(Markup.escape(first + " " + note))</div>"
            }
            let flow = Wording.flow(step, in: workflow, numbers: numbers)
            if !flow.isEmpty {
                activity += "<ul class=\"alur-langkah\">" + flow.map { "<li>\(Markup.escape($0))</li>" }.joined() + "</ul>"
            }
            html += "<tr>"
            html += "<td class=\"no\">\(band.step + 1).</td>"
            html += "<td>\(activity)</td>"
            html += "<td class=\"lajur\" colspan=\"\(laneCount)\" style=\"height:\(n(band.height))px\">"
            html += "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"bagan\" font-family=\"\(FlowchartDrawing.font)\">"
            for index in 1..<max(1, chart.lanes.count) {
                let x = Double(index) * metrics.laneWidth
                html += "<line x1=\"\(n(x))\" y1=\"0\" x2=\"\(n(x))\" y2=\"100%\" stroke=\"#aaa\" stroke-width=\"1\"/>"
            }
            html += drawing.bandSlice(band)
            html += "</svg></td>"
            html += "<td>\(documents(step.inputs))</td>"
            html += "<td class=\"waktu\">\(Markup.escape(step.budgetText ?? "-"))</td>"
            html += "<td>\(documents(step.outputs))</td>"
            html += "<td>\(step.remarks.map(Markup.escape) ?? "")</td>"
            html += "</tr>\n"
        }
        html += "</tbody>\n<tfoot>\n<tr class=\"total\"><td colspan=\"\(laneCount + 3)\">Total Waktu</td>"
        html += "<td class=\"waktu\">\(Markup.escape(workflow.signedTotal ?? "-"))</td><td></td><td></td></tr>\n</tfoot>\n</table>\n"

        if let times = PathTimes(workflow) {
            func path(_ steps: [StepID]) -> String {
                steps.compactMap { numbers[$0].map(String.init) }.joined(separator: " → ")
            }
            html += "<p class=\"hitungan\">Menurut waktu tiap langkah: jalur terpendek \(Markup.escape(times.shortest.description)) "
            html += "(langkah \(Markup.escape(path(times.shortestPath)))), jalur terpanjang \(Markup.escape(times.longest.description)) "
            html += "(langkah \(Markup.escape(path(times.longestPath)))).</p>\n"
        }
        html += "<p class=\"sumber\">Alur kerja \(Markup.escape(workflow.id.value.rawValue)), revisi \(workflow.revision.value).</p>\n"
        html += "</section>\n"
        return html
    }

    private func documents(_ uses: [DocumentUse]) -> String {
        let names = Wording.documents(uses, in: workflow)
        switch names.count {
        case 0: return "-"
        case 1: return Markup.escape(names[0])
        default: return "<ol>" + names.map { "<li>\(Markup.escape($0))</li>" }.joined() + "</ol>"
        }
    }

    // MARK: Style

    static func css(columns: Columns) -> String {
        let width = max(pageWidth, columns.total)
        // A flow table wider than the page (many actors) is scaled down to fit when printed.
        let zoom = width > pageWidth ? FlowchartDrawing.number((pageWidth / width * 100).rounded(.down) / 100) : "1"
        return """
            @page { size: A4 landscape; margin: 10mm; }
            * { box-sizing: border-box; }
            html { background: #fff; }
            body { margin: 16px; color: #000; font-family: Arial, 'Liberation Sans', Helvetica, sans-serif; font-size: 12px; line-height: 1.35; width: \(FlowchartDrawing.number(width))px; }
            table { border-collapse: collapse; }
            th, td { border: 1px solid #000; padding: 4px 6px; vertical-align: top; text-align: left; }
            th { font-weight: bold; }
            ol { margin: 0; padding-left: 18px; }
            ul.alur-langkah { margin: 3px 0 0; padding-left: 0; list-style: none; color: #333; font-size: 11px; }
            table.kop, table.rincian { width: \(FlowchartDrawing.number(pageWidth))px; table-layout: fixed; }
            table.kop th { width: auto; background: #f2f2f2; }
            td.instansi { text-align: center; vertical-align: middle; font-weight: bold; font-size: 15px; line-height: 1.6; }
            td.pengesah .tanda-tangan { height: 56px; }
            td.pengesah .nama { font-weight: bold; text-decoration: underline; }
            td.judul { font-weight: bold; font-size: 14px; }
            table.rincian { border-top: none; }
            table.rincian th { background: #f2f2f2; }
            section.alur { break-before: page; page-break-before: always; margin-top: 24px; }
            h1 { font-size: 14px; text-align: center; margin: 0 0 10px; }
            table.alur { table-layout: fixed; font-size: 11px; line-height: 1.25; }
            table.alur td { padding: 3px 5px; }
            table.alur thead th { text-align: center; vertical-align: middle; background: #f2f2f2; }
            table.alur th.pelaksana { font-size: 10px; line-height: 1.2; padding: 3px 2px; }
            table.alur td.no, table.alur td.waktu { text-align: center; }
            table.alur td.waktu { padding-left: 3px; padding-right: 3px; }
            table.alur td.lajur { position: relative; padding: 0; }
            table.alur svg.bagan { position: absolute; top: 0; left: 0; width: 100%; height: 100%; overflow: visible; }
            table.alur tr.total td { font-weight: bold; }
            table.alur tr.total td:first-child { text-align: right; }
            thead { display: table-header-group; }
            tfoot { display: table-row-group; }
            tr { break-inside: avoid; page-break-inside: avoid; }
            .pertanyaan { font-style: italic; margin-top: 2px; }
            .catatan { color: #444; font-size: 10.5px; }
            p.hitungan, p.sumber { color: #444; font-size: 11px; margin: 6px 0 0; }
            @media print {
              body { margin: 0; zoom: \(zoom); }
              table.alur { font-size: 10px; }
              table.alur th.pelaksana { font-size: 9px; }
              ul.alur-langkah, .catatan { font-size: 9.5px; }
            }

            """
    }
}

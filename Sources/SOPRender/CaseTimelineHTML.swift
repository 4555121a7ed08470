import SOPModel

/// A case's timeline as one self-contained HTML page (no fonts, scripts or images from
/// elsewhere): a header (register number, SOP and revision, status, opened, due, the office's
/// working time apart from the time spent waiting on the reporter, the case's details), the
/// picture of its path through the flowchart (`CaseTimelineSVG`, inline), and a table of its
/// visits with each step's budget against the working time it took.
///
/// The page is also well-formed XML (XHTML syntax), and every text is escaped with
/// `Markup.escape`.
public struct CaseTimelineHTML: Sendable {
    /// The workflow the case runs on.
    public var workflow: Workflow
    /// The case.
    public var data: CaseTimelineData

    /// Creates the page of a case on the workflow it runs on.
    public init(workflow: Workflow, data: CaseTimelineData) {
        self.workflow = workflow
        self.data = data
    }

    typealias Words = CaseTimelineSVG.Words
    typealias Colour = CaseTimelineSVG.Colour

    /// The HTML text, ending in a line break.
    public func render() -> String {
        let e = Markup.escape
        let sop = "SOP " + (workflow.document.number.map { $0 + " " } ?? "") + workflow.title
        var html = "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"id\">\n<head>\n<meta charset=\"utf-8\"/>\n"
        html += "<title>\(e("Lini masa pengaduan \(data.registerNumber)"))</title>\n"
        html += "<style>\n\(Self.css)</style>\n</head>\n<body>\n"

        // Header.
        html += "<h1>Lini masa pengaduan \(e(data.registerNumber))</h1>\n"
        html += "<table class=\"kepala\">\n"
        func row(_ label: String, _ value: String) { html += "<tr><th>\(e(label))</th><td>\(value)</td></tr>\n" }
        row("Nomor register", e(data.registerNumber) + " (nomor \(data.number))")
        row("SOP", e(sop))
        row("Alur kerja", "\(e(workflow.id.value.rawValue)), revisi \(workflow.revision.value)")
        row("Status", "<strong>\(e(data.status))</strong>")
        row("Dibuka", e(data.opened))
        row("Tenggat", e(data.due) + " " + badge(data.timeliness))
        if let closed = data.closed { row("Ditutup", e(closed)) }
        if let current = data.visits.last, current.isOpen {
            let number = current.number > 0 ? "\(current.number). " : ""
            row("Langkah sekarang", e("\(number)\(current.activity) (\(current.actors.joined(separator: ", "))), tenggat \(current.due)") + " " + badge(current.timeliness))
        }
        row("Waktu kerja kantor", e(data.officeTime))
        row("Menunggu pelapor", e(data.reporterTime))
        for line in data.details { row(line.label, e(line.value)) }
        html += "</table>\n"

        // The picture.
        html += "<section class=\"bagan\">\n<h2>Jalur pengaduan pada bagan alir</h2>\n"
        html += CaseTimelineSVG(workflow: workflow, data: data).element(heading: false)
        html += "\n</section>\n"

        // The visits.
        html += "<section class=\"kunjungan\">\n<h2>Kunjungan langkah</h2>\n"
        if data.visits.isEmpty {
            html += "<p>Belum ada langkah.</p>\n"
        } else {
            html += "<table class=\"kunjungan\">\n<thead><tr><th>Kunjungan</th><th>No</th><th>Kegiatan</th><th>Pelaksana</th><th>Oleh</th>"
            html += "<th>Mulai – selesai</th><th>Anggaran</th><th>Realisasi</th><th>Ketepatan</th><th>Hasil</th></tr></thead>\n<tbody>\n"
            for (index, visit) in data.visits.enumerated() {
                html += "<tr\(visit.isOpen ? " class=\"sekarang\"" : "")>"
                html += "<td class=\"angka\"><span class=\"nomor\" style=\"background:\(Colour.timeliness(visit.timeliness))\">\(index + 1)</span></td>"
                html += "<td class=\"angka\">\(visit.number > 0 ? "\(visit.number)." : "-")</td>"
                html += "<td>\(e(visit.activity))</td>"
                html += "<td>\(e(visit.actors.joined(separator: ", ")))</td>"
                html += "<td>\(e(visit.by ?? "sedang berjalan"))</td>"
                html += "<td>\(e(visit.when))</td>"
                html += "<td>\(e(visit.budget))</td>"
                html += "<td>\(e(visit.taken + (visit.isOpen ? " sejauh ini" : "")))</td>"
                html += "<td>\(badge(visit.timeliness))</td>"
                html += "<td>\(e(Words.result(visit) ?? "selesai"))</td>"
                html += "</tr>\n"
            }
            html += "</tbody>\n</table>\n"
        }
        html += "</section>\n"

        if !data.notes.isEmpty {
            html += "<section>\n<h2>Catatan</h2>\n<ul>" + data.notes.map { "<li>\(e($0))</li>" }.joined() + "</ul>\n</section>\n"
        }
        if !data.revisionChanges.isEmpty {
            html += "<section>\n<h2>Perpindahan revisi</h2>\n<ul>" + data.revisionChanges.map { "<li>\(e($0))</li>" }.joined() + "</ul>\n</section>\n"
        }
        html += "</body>\n</html>\n"
        return html
    }

    /// The words of a timeliness on its colour.
    private func badge(_ value: CaseTimelineData.Timeliness) -> String {
        "<span class=\"ketepatan\" style=\"color:\(Colour.timeliness(value));border-color:\(Colour.timeliness(value))\">\(Words.timeliness(value))</span>"
    }

    static let css = """
        @page { size: A4 landscape; margin: 10mm; }
        * { box-sizing: border-box; }
        html { background: #fff; }
        body { margin: 16px; color: #000; font-family: Arial, 'Liberation Sans', Helvetica, sans-serif; font-size: 12px; line-height: 1.35; }
        h1 { font-size: 17px; margin: 0 0 8px; }
        h2 { font-size: 14px; margin: 18px 0 6px; }
        table { border-collapse: collapse; }
        th, td { border: 1px solid #888; padding: 3px 6px; vertical-align: top; text-align: left; }
        table.kepala th { background: #f2f2f2; width: 170px; }
        table.kepala td { min-width: 420px; }
        table.kunjungan thead th { background: #f2f2f2; }
        table.kunjungan td.angka { text-align: center; }
        table.kunjungan tr.sekarang td { background: \(Colour.currentFill); }
        span.nomor { display: inline-block; min-width: 19px; height: 19px; border-radius: 10px; color: #fff; font-weight: bold; text-align: center; line-height: 19px; font-size: 11px; }
        span.ketepatan { display: inline-block; border: 1px solid; border-radius: 3px; padding: 0 4px; font-weight: bold; font-size: 11px; white-space: nowrap; }
        section.bagan svg { display: block; max-width: 100%; height: auto; }
        tr { break-inside: avoid; page-break-inside: avoid; }

        """
}

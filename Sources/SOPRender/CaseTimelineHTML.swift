import SOPCore
import SOPModel

/// A case's timeline as one self-contained HTML page (no fonts, scripts or images from
/// elsewhere): a header (register number, SOP and revision, status, opened, due, the office's
/// working time apart from the time spent waiting on the reporter, the case's details), the
/// picture of its path through the flowchart (`CaseTimelineSVG`, inline), and a table of its
/// visits with each step's budget against the working time it took.
///
/// The page is also well-formed XML (XHTML syntax), and every text is escaped with
/// `Markup.escape`. The page's own words are in `language`, as the picture's are.
public struct CaseTimelineHTML: Sendable {
    /// The workflow the case runs on.
    public var workflow: Workflow
    /// The case.
    public var data: CaseTimelineData
    /// The language of the page's own words (headers, labels, how each visit stands).
    public var language: Language

    /// Creates the page of a case on the workflow it runs on, its words in `language`.
    public init(workflow: Workflow, data: CaseTimelineData, language: Language = .standard) {
        self.workflow = workflow
        self.data = data
        self.language = language
    }

    typealias Words = CaseTimelineSVG.Words
    typealias Colour = CaseTimelineSVG.Colour

    /// A text in the page's language.
    private func words(_ text: Text) -> String { text(language) }

    /// A fixed word in the page's language, escaped.
    private func word(_ label: KeyPath<Words.Labels, Text>) -> String { Markup.escape(Words.labels[keyPath: label](language)) }

    /// The HTML text, ending in a line break.
    public func render() -> String {
        let e = Markup.escape
        let sop = "SOP " + (workflow.document.number.map { $0 + " " } ?? "") + workflow.title
        let title = e(words(Words.title(data.registerNumber)))
        var html = "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"\(language.rawValue)\">\n<head>\n<meta charset=\"utf-8\"/>\n"
        html += "<title>\(title)</title>\n"
        html += "<style>\n\(Self.css)</style>\n</head>\n<body>\n"

        // Header.
        html += "<h1>\(title)</h1>\n"
        html += "<table class=\"kepala\">\n"
        func row(_ label: String, _ value: String) { html += "<tr><th>\(label)</th><td>\(value)</td></tr>\n" }
        row(word(\.registerNumber), e(words(Words.registerNumber(data))))
        row("SOP", e(sop))
        row(word(\.workflow), e(words(Words.revision(workflow.id.value.rawValue, workflow.revision.value))))
        row("Status", "<strong>\(e(data.status))</strong>")
        row(word(\.opened), e(data.opened))
        row(word(\.due), e(data.due) + " " + badge(data.timeliness))
        if let closed = data.closed { row(word(\.closed), e(closed)) }
        if let current = data.visits.last, current.isOpen {
            row(word(\.currentStepLabel), e(words(Words.step(current))) + " " + badge(current.timeliness))
        }
        row(word(\.officeTime), e(data.officeTime))
        row(word(\.reporterTime), e(data.reporterTime))
        for line in data.details { row(e(line.label), e(line.value)) }
        html += "</table>\n"

        // The picture.
        html += "<section class=\"bagan\">\n<h2>\(word(\.pathOnChart))</h2>\n"
        html += CaseTimelineSVG(workflow: workflow, data: data, language: language).element(heading: false)
        html += "\n</section>\n"

        // The visits.
        html += "<section class=\"kunjungan\">\n<h2>\(word(\.stepVisits))</h2>\n"
        if data.visits.isEmpty {
            html += "<p>\(word(\.noSteps))</p>\n"
        } else {
            let headers = [word(\.visit), "No", word(\.activity), word(\.actors), word(\.by), word(\.startEnd), word(\.budget), word(\.taken), word(\.timeliness), word(\.result)]
            html += "<table class=\"kunjungan\">\n<thead><tr>" + headers.map { "<th>\($0)</th>" }.joined() + "</tr></thead>\n<tbody>\n"
            for (index, visit) in data.visits.enumerated() {
                html += "<tr\(visit.isOpen ? " class=\"sekarang\"" : "")>"
                html += "<td class=\"angka\"><span class=\"nomor\" style=\"background:\(Colour.timeliness(visit.timeliness))\">\(index + 1)</span></td>"
                html += "<td class=\"angka\">\(visit.number > 0 ? "\(visit.number)." : "-")</td>"
                html += "<td>\(e(visit.activity))</td>"
                html += "<td>\(e(visit.actors.joined(separator: ", ")))</td>"
                html += "<td>\(e(visit.by ?? words(Words.labels.running)))</td>"
                html += "<td>\(e(visit.when))</td>"
                html += "<td>\(e(visit.budget))</td>"
                html += "<td>\(e(visit.taken + (visit.isOpen ? words(Words.labels.soFar) : "")))</td>"
                html += "<td>\(badge(visit.timeliness))</td>"
                html += "<td>\(e(words(Words.result(visit) ?? Words.labels.done)))</td>"
                html += "</tr>\n"
            }
            html += "</tbody>\n</table>\n"
        }
        html += "</section>\n"

        if !data.notes.isEmpty {
            html += "<section>\n<h2>\(word(\.notes))</h2>\n<ul>" + data.notes.map { "<li>\(e($0))</li>" }.joined() + "</ul>\n</section>\n"
        }
        if !data.revisionChanges.isEmpty {
            html += "<section>\n<h2>\(word(\.revisionMoves))</h2>\n<ul>" + data.revisionChanges.map { "<li>\(e($0))</li>" }.joined() + "</ul>\n</section>\n"
        }
        html += "</body>\n</html>\n"
        return html
    }

    /// The words of a timeliness on its colour.
    private func badge(_ value: CaseTimelineData.Timeliness) -> String {
        "<span class=\"ketepatan\" style=\"color:\(Colour.timeliness(value));border-color:\(Colour.timeliness(value))\">\(Markup.escape(words(Words.timeliness(value))))</span>"
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

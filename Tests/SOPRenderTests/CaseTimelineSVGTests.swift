import Foundation
import SOPModel
import Testing

@testable import SOPRender

/// A visit of a case, for the tests: a step id and how it ended; the rest is filler.
func visit(
    _ step: String, _ ending: CaseTimelineData.Ending = .completed(branch: nil), _ timeliness: CaseTimelineData.Timeliness = .onTime,
    activity: String? = nil, by: String? = "siti"
) -> CaseTimelineData.Visit {
    CaseTimelineData.Visit(
        step: step, number: 0, activity: activity ?? step, actors: ["Staf"], by: ending == .open ? nil : by,
        when: "Sen 30 Nov 2026 09:00 – 09:12", due: "Sen 30 Nov 2026 09:15", budget: "15 menit", taken: "12 menit",
        budgetSeconds: 900, workingSeconds: timeliness == .overdue ? 1_800 : 720, timeliness: timeliness, ending: ending)
}

/// A case's data around its visits.
func caseData(_ visits: [CaseTimelineData.Visit], end: CaseTimelineData.End? = nil) -> CaseTimelineData {
    CaseTimelineData(
        registerNumber: "067/PGD/2026/000001", number: 1, status: end == nil ? "terbuka" : "selesai",
        opened: "Sen 30 Nov 2026 08:05 oleh siti", due: "Rab 2 Des 2026 10:05", timeliness: .onTime,
        officeTime: "1 jam", reporterTime: "10 menit", visits: visits, end: end)
}

/// The highlighting of a case's path on its flowchart: which shapes it visited and in what
/// order, which lines it took, where it stands, where it ended, and what is faded.
@Suite("Case timeline picture: highlighting")
struct CaseTimelineHighlightTests {
    let workflow: Workflow
    let chart: Flowchart

    init() throws {
        workflow = try loadWorkflow("pengaduan-langsung")
        chart = Flowchart(workflow)
    }

    /// Returned once at the front office (Tidak), then on to the complaint team, standing on analisa.
    var reworked: [CaseTimelineData.Visit] {
        [
            visit("isi-formulir"), visit("periksa-kelengkapan", .completed(branch: "Tidak"), .overdue), visit("isi-formulir"),
            visit("periksa-kelengkapan", .completed(branch: "Ya")), visit("dapat-diselesaikan", .completed(branch: "Tidak")),
            visit("analisa", .open, .atRisk),
        ]
    }

    func edge(_ index: Int) -> String {
        let edge = chart.edges[index]
        return "\(edge.from)→\(edge.to)" + (edge.label.map { " \($0)" } ?? "")
    }

    @Test("visits are numbered in order on their shapes; a rework loop visits a shape twice")
    func visitNumbers() {
        let highlight = CaseTimelineHighlight(chart: chart, workflow: workflow, visits: reworked, end: nil)
        #expect(highlight.nodeOfVisit == ["langkah-1", "langkah-2", "langkah-1", "langkah-2", "langkah-3", "langkah-4"])
        #expect(highlight.visitNumbers == ["langkah-1": [1, 3], "langkah-2": [2, 4], "langkah-3": [5], "langkah-4": [6]])
    }

    @Test("the lines taken, in order, along the branch chosen")
    func takenEdges() {
        let highlight = CaseTimelineHighlight(chart: chart, workflow: workflow, visits: reworked, end: nil)
        #expect(highlight.startsAtMulai)
        #expect(highlight.takenEdges.map(edge) == [
            "mulai→langkah-1", "langkah-1→langkah-2", "langkah-2→langkah-1 Tidak", "langkah-1→langkah-2",
            "langkah-2→langkah-3 Ya", "langkah-3→langkah-4 Tidak",
        ])
        #expect(highlight.returns.isEmpty)
    }

    @Test("an open case stands on its last visit and has reached no end")
    func current() {
        let highlight = CaseTimelineHighlight(chart: chart, workflow: workflow, visits: reworked, end: nil)
        #expect(highlight.current == "langkah-4")
        #expect(highlight.end == nil)
        #expect(highlight.touched == ["mulai", "langkah-1", "langkah-2", "langkah-3", "langkah-4"])
    }

    @Test("an ended case reached the terminator of its outcome, along the branch taken", arguments: [
        (["isi-formulir", "periksa-kelengkapan", "dapat-diselesaikan"], "selesai-front-office", "langkah-3-akhir-1"),
        (["isi-formulir", "periksa-kelengkapan", "dapat-diselesaikan", "analisa", "tindak-lanjut", "tanggapan-pelapor", "register"], "selesai", "langkah-7-akhir-1"),
    ])
    func ended(steps: [String], outcome: String, terminator: String) {
        let visits = steps.map { step in
            visit(step, .completed(branch: step == "periksa-kelengkapan" ? "Ya" : step == "dapat-diselesaikan" ? (outcome == "selesai" ? "Tidak" : "Ya") : nil))
        }
        let highlight = CaseTimelineHighlight(chart: chart, workflow: workflow, visits: visits, end: .outcome(id: outcome, name: outcome))
        #expect(highlight.current == nil)
        #expect(highlight.end == terminator)
        #expect(highlight.takenEdges.count == steps.count + 1)
        #expect(highlight.takenEdges.last.map(edge)?.hasSuffix("→" + terminator + (outcome == "selesai" ? "" : " Ya")) == true)
        #expect(highlight.touched.contains(terminator))
        // The other end of the SOP is not touched.
        let other = outcome == "selesai" ? "langkah-3-akhir-1" : "langkah-7-akhir-1"
        #expect(!highlight.touched.contains(other))
    }

    @Test("a return to the reporter that no line draws is kept apart; a withdrawn case reaches no terminator")
    func returned() {
        let visits = [
            visit("isi-formulir"), visit("periksa-kelengkapan", .completed(branch: "Ya")), visit("dapat-diselesaikan", .completed(branch: "Tidak")),
            visit("analisa", .returned(reason: "Fotokopi KK tidak terbaca")), visit("isi-formulir"),
        ]
        let highlight = CaseTimelineHighlight(chart: chart, workflow: workflow, visits: visits, end: .other("dicabut"))
        #expect(highlight.returns == [CaseTimelineHighlight.Return(from: "langkah-4", to: "langkah-1", visit: 3)])
        #expect(highlight.takenEdges.count == 4)
        #expect(highlight.end == nil)
        #expect(highlight.current == nil)
    }

    @Test("a visit to a step this revision does not have is placed nowhere, and breaks no line")
    func stepOfAnotherRevision() {
        let visits = [visit("isi-formulir"), visit("langkah-lama"), visit("analisa", .open)]
        let highlight = CaseTimelineHighlight(chart: chart, workflow: workflow, visits: visits, end: nil)
        #expect(highlight.nodeOfVisit == ["langkah-1", nil, "langkah-4"])
        #expect(highlight.visitNumbers == ["langkah-1": [1], "langkah-4": [3]])
        #expect(highlight.takenEdges.map(edge) == ["mulai→langkah-1"])
        #expect(highlight.current == "langkah-4")
    }

    @Test("no visits: nothing highlighted")
    func empty() {
        let highlight = CaseTimelineHighlight(chart: chart, workflow: workflow, visits: [], end: nil)
        #expect(highlight.touched.isEmpty)
        #expect(highlight.takenEdges.isEmpty)
        #expect(highlight.current == nil)
    }
}

/// The SVG and HTML of a case's path: what is drawn highlighted, numbered, marked and faded.
@Suite("Case timeline picture: SVG and HTML")
struct CaseTimelineSVGTests {
    let workflow: Workflow

    init() throws {
        workflow = try loadWorkflow("pengaduan-langsung")
    }

    var reworked: CaseTimelineData {
        caseData([
            visit("isi-formulir"), visit("periksa-kelengkapan", .completed(branch: "Tidak"), .overdue), visit("isi-formulir"),
            visit("periksa-kelengkapan", .completed(branch: "Ya")), visit("dapat-diselesaikan", .completed(branch: "Tidak")),
            visit("analisa", .open, .atRisk),
        ])
    }

    /// The text of the first group with a class, from its start tag to its matching end tag.
    func group(_ svg: String, _ className: String) -> String? {
        guard let start = svg.range(of: "<g class=\"\(className)\"") else { return nil }
        var depth = 0
        var index = start.lowerBound
        while index < svg.endIndex {
            if svg[index...].hasPrefix("<g ") || svg[index...].hasPrefix("<g>") { depth += 1 }
            if svg[index...].hasPrefix("</g>") {
                depth -= 1
                if depth == 0 { return String(svg[start.lowerBound..<svg.index(index, offsetBy: 4)]) }
            }
            index = svg.index(after: index)
        }
        return nil
    }

    /// The step numbers of the shapes in a text, from their tooltips (`<title>4. …`).
    func steps(in text: String) -> Set<Int> {
        var result = Set<Int>()
        for number in 1...workflow.steps.count where text.contains("<title>\(number). ") { result.insert(number) }
        return result
    }

    @Test("well-formed XML; visited shapes highlighted, the current one marked, the others faded")
    func shapes() throws {
        let svg = CaseTimelineSVG(workflow: workflow, data: reworked).render()
        let parsed = ParsedXML(svg)
        #expect(parsed.isWellFormed, "\(parsed.error ?? "")")
        let faded = try #require(group(svg, "tidak-dilalui"))
        #expect(faded.contains("opacity=\"0.3\""))
        #expect(steps(in: faded) == [5, 6, 7])
        var visited = Set<Int>()
        var rest = svg[...]
        while let range = rest.range(of: "<g class=\"dilalui\">") {
            visited.formUnion(steps(in: group(String(rest[range.lowerBound...]), "dilalui") ?? ""))
            rest = rest[range.upperBound...]
        }
        #expect(visited == [1, 2, 3])
        let current = try #require(group(svg, "sekarang"))
        #expect(steps(in: current) == [4])
        #expect(svg.contains("▶ sekarang"))
        #expect(group(svg, "akhir") == nil)
        // Both ends of the SOP are faded: the case reached neither.
        #expect(faded.components(separatedBy: "<title>Selesai").count == 3)
    }

    @Test("the visit numbers on the shapes, in order left to right, coloured by timeliness")
    func badges() throws {
        let svg = CaseTimelineSVG(workflow: workflow, data: reworked).render()
        for number in 1...6 { #expect(svg.contains("<title>Kunjungan \(number): "), "visit \(number)") }
        #expect(svg.contains("<title>Kunjungan 2: terlambat</title><circle") && svg.contains("fill=\"#c62828\""))
        #expect(svg.contains("<title>Kunjungan 6: hampir lewat</title>"))
        func centre(_ number: Int) throws -> Double {
            let marker = try #require(svg.range(of: "<title>Kunjungan \(number): "))
            let after = svg[marker.upperBound...]
            let cx = try #require(after.range(of: "cx=\""))
            return try #require(Double(after[cx.upperBound...].prefix { $0 != "\"" }))
        }
        #expect(try centre(1) < centre(3))
        #expect(try centre(2) < centre(4))
    }

    @Test("the lines taken are drawn in the path's colour; the others faded")
    func lines() throws {
        let svg = CaseTimelineSVG(workflow: workflow, data: reworked).render()
        let taken = try #require(group(svg, "diambil"))
        #expect(taken.components(separatedBy: "<polyline").count - 1 == 6)
        let faded = try #require(group(svg, "tidak-dilalui"))
        let chart = Flowchart(workflow)
        #expect(faded.components(separatedBy: "<polyline").count - 1 == chart.edges.count - 5)
        #expect(svg.contains(".lini-masa .diambil polyline { stroke: #1d4ed8"))
    }

    @Test("beside each row, each visit: budget / time taken, timeliness, who, when, what became of it")
    func visitBlocks() throws {
        let svg = CaseTimelineSVG(workflow: workflow, data: reworked).render()
        let parsed = ParsedXML(svg)
        #expect(parsed.texts.filter { $0 == "15 menit / 12 menit" }.count == 5)
        #expect(parsed.texts.contains("15 menit / 12 menit sejauh ini"))
        #expect(parsed.texts.contains("pilihan: Tidak"))
        #expect(parsed.texts.contains("oleh siti"))
        #expect(parsed.texts.contains("sedang berjalan"))
        #expect(parsed.texts.contains("tenggat Sen 30 Nov 2026 09:15"))
        #expect(parsed.texts.filter { $0 == "terlambat" }.count == 1)
        #expect(parsed.texts.contains("tidak dilalui · anggaran 1 hari"))
        #expect(parsed.texts.contains("Sekarang: langkah analisa (Staf), tenggat Sen 30 Nov 2026 09:15 (hampir lewat)"))
    }

    @Test("an ended case: its terminator drawn as the end reached, nothing marked current")
    func ended() throws {
        let data = caseData(
            [visit("isi-formulir"), visit("periksa-kelengkapan", .completed(branch: "Ya")), visit("dapat-diselesaikan", .completed(branch: "Ya"))],
            end: .outcome(id: "selesai-front-office", name: "Pengaduan diselesaikan oleh staf front office"))
        let svg = CaseTimelineSVG(workflow: workflow, data: data).render()
        #expect(ParsedXML(svg).isWellFormed)
        let end = try #require(group(svg, "akhir"))
        #expect(end.contains("<title>Selesai: Pengaduan diselesaikan oleh staf front office</title>"))
        #expect(group(svg, "sekarang") == nil)
        #expect(!svg.contains("▶ sekarang"))
    }

    @Test("a return no line draws, a step of another revision, a withdrawn case, many visits: drawn, well formed")
    func unusual() throws {
        var visits = [visit("isi-formulir"), visit("langkah-lama", activity: "Langkah revisi lama")]
        for _ in 0..<5 {
            visits += [visit("periksa-kelengkapan", .completed(branch: "Tidak")), visit("isi-formulir")]
        }
        visits += [
            visit("periksa-kelengkapan", .completed(branch: "Ya")), visit("dapat-diselesaikan", .completed(branch: "Tidak")),
            visit("analisa", .returned(reason: "kurang")), visit("isi-formulir"),
        ]
        var data = caseData(visits, end: .other("dicabut"))
        data.revisionChanges = ["Sen 30 Nov 2026 10:00 admin: dipindahkan ke revisi 2"]
        let svg = CaseTimelineSVG(workflow: workflow, data: data).render()
        let parsed = ParsedXML(svg)
        #expect(parsed.isWellFormed, "\(parsed.error ?? "")")
        #expect(group(svg, "dikembalikan")?.contains("stroke-dasharray") == true)
        #expect(parsed.texts.contains("Langkah yang tidak ada di revisi 1 (dilalui pada revisi sebelumnya):"))
        #expect(parsed.texts.contains { $0.hasPrefix("(2) Langkah revisi lama — ") })
        #expect(parsed.texts.contains("Berakhir: dicabut"))
        #expect(parsed.texts.contains("Sen 30 Nov 2026 10:00 admin: dipindahkan ke revisi 2"))
        // Seven visits to the first step: six circles, the last counting the rest.
        #expect(parsed.texts.contains("+2"))
        let html = CaseTimelineHTML(workflow: workflow, data: data).render()
        #expect(ParsedXML(html).isWellFormed)
    }

    @Test("no visits yet: the chart, all faded")
    func empty() throws {
        let svg = CaseTimelineSVG(workflow: workflow, data: caseData([])).render()
        #expect(ParsedXML(svg).isWellFormed)
        #expect(steps(in: try #require(group(svg, "tidak-dilalui"))) == Set(1...7))
        let html = CaseTimelineHTML(workflow: workflow, data: caseData([])).render()
        #expect(html.contains("<p>Belum ada langkah.</p>"))
    }

    @Test("HTML: the header, the picture inline without its own heading, a row per visit")
    func html() throws {
        var data = reworked
        data.details = [CaseTimelineData.Line(label: "Nama pelapor", value: "Budi")]
        data.notes = ["Sen 30 Nov 2026 09:00 siti: catatan"]
        let html = CaseTimelineHTML(workflow: workflow, data: data).render()
        let parsed = ParsedXML(html)
        #expect(parsed.isWellFormed, "\(parsed.error ?? "")")
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"id\">"))
        #expect(!html.contains("<?xml"))
        #expect(html.components(separatedBy: "<svg ").count == 2)
        #expect(!parsed.texts.contains { $0.hasPrefix("LINI MASA PENGADUAN") })
        for text in ["Lini masa pengaduan 067/PGD/2026/000001", "SOP 067/12351 Penanganan Pengaduan Masyarakat Secara Langsung", "pengaduan-langsung, revisi 1", "terbuka", "Sen 30 Nov 2026 08:05 oleh siti", "Rab 2 Des 2026 10:05", "1 jam", "10 menit", "Budi", "Sen 30 Nov 2026 09:00 siti: catatan"] {
            #expect(parsed.texts.contains { $0.contains(text) }, "\(text)")
        }
        #expect(html.components(separatedBy: "<span class=\"nomor\"").count - 1 == 6)
        #expect(html.contains("<tr class=\"sekarang\">"))
        // Nothing is fetched from elsewhere.
        #expect(!html.contains("http://") || html.components(separatedBy: "http://").count - 1 == 2)
        #expect(!html.contains("https://"))
    }
}

/// Text in a case (fields, notes, reasons, names) never becomes markup.
@Suite("Case timeline picture: escaping")
struct CaseTimelineInjectionTests {
    func expectEscaped(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!text.contains("<script"), sourceLocation: sourceLocation)
        #expect(!text.contains("\"kutip\""), sourceLocation: sourceLocation)
        #expect(!text.contains("'petik'"), sourceLocation: sourceLocation)
        #expect(!text.contains("</text></svg>"), sourceLocation: sourceLocation)
        #expect(text.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;kutip&quot; &#39;petik&#39; &lt;/text&gt;&lt;/svg&gt;"), sourceLocation: sourceLocation)
    }

    @Test("SVG and HTML: only escaped forms, well-formed XML, the text reads back as written")
    func injection() throws {
        let workflow = try loadWorkflow(text: Injection.workflowYAML())
        let p = Injection.payload
        var first = visit("isi", .completed(branch: nil), activity: "Mengisi " + p, by: "siti " + p)
        first.actors = ["Pelapor " + p]
        first.when = "kapan " + p
        first.budget = "15 menit " + p
        let visits = [
            first, visit("periksa", .completed(branch: "Tidak " + p), .overdue, activity: "Memeriksa " + p),
            visit("isi", .skipped(reason: "alasan " + p)), visit("periksa", .returned(reason: "kembali " + p)),
            visit("isi", .open, .atRisk, activity: "Mengisi " + p),
        ]
        var data = caseData(visits)
        data.registerNumber = "067/" + p
        data.status = "terbuka " + p
        data.opened = "dibuka " + p
        data.details = [CaseTimelineData.Line(label: "Uraian " + p, value: "isi " + p)]
        data.notes = ["catatan " + p]
        data.revisionChanges = ["pindah " + p]
        for (name, text) in [("svg", CaseTimelineSVG(workflow: workflow, data: data).render()), ("html", CaseTimelineHTML(workflow: workflow, data: data).render())] {
            expectEscaped(text)
            let parsed = ParsedXML(text)
            #expect(parsed.isWellFormed, "\(name): \(parsed.error ?? "")")
            #expect(!parsed.elementNames.contains("script"), "\(name)")
            #expect(parsed.texts.contains("dibuka " + p) || parsed.allText.contains("Dibuka dibuka " + p), "\(name)")
            #expect(parsed.allText.contains("067/" + p), "\(name)")
        }
        let html = CaseTimelineHTML(workflow: workflow, data: data).render()
        let parsed = ParsedXML(html)
        for text in ["isi " + p, "catatan " + p, "pindah " + p, "siti " + p, "dilewati: alasan " + p, "dikembalikan ke pelapor: kembali " + p, "pilihan: Tidak " + p, "kapan " + p] {
            #expect(parsed.texts.contains(text), "\(text)")
        }
        let svg = CaseTimelineSVG(workflow: workflow, data: data).render()
        #expect(Set(ParsedXML(svg).elementNames).isSubset(of: ["svg", "title", "style", "rect", "text", "g", "line", "polyline", "polygon", "circle"]))
    }
}

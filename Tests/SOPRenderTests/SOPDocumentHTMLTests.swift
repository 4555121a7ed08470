import Foundation
import SOPModel
import Testing

@testable import SOPRender

/// The signed document as HTML.
@Suite("Signed document (HTML)")
struct SOPDocumentHTMLTests {
    @Test("the header of 067/12351 as signed, with the Indonesian labels")
    func header() throws {
        let html = SOPDocumentHTML(workflow: try loadWorkflow("pengaduan-langsung")).render()
        let parsed = ParsedXML(html)
        #expect(parsed.isWellFormed, "\(parsed.error ?? "")")
        for label in [
            "Nomor SOP", "Tanggal Pembuatan", "Tanggal Revisi", "Tanggal Efektif", "Disahkan oleh", "Judul SOP",
            "Dasar Hukum:", "Kualifikasi Pelaksana:", "Keterkaitan:", "Peralatan/Perlengkapan:", "Peringatan:",
            "Pencatatan dan Pendataan:", "Mutu Baku", "Kelengkapan", "Waktu", "Output", "Keterangan", "No", "Kegiatan",
            "Pelaksana", "Total Waktu",
        ] {
            #expect(parsed.texts.contains(label), "\(label)")
        }
        for value in [
            "067/12351", "11 September 2023", "12 September 2023", "-", "ANNA RITA NAWATI, S.KM, M.Si",
            "Kepala Dinas Kependudukan dan Pencatatan Sipil Kabupaten Kebumen", "Pembina Utama Muda",
            "NIP. 196406291988032002", "PENANGANAN PENGADUAN MASYARAKAT SECARA LANGSUNG",
            "Undang-undang Nomor 25 Tahun 2009 tentang Pelayanan Publik", "Mampu mengoperasikan komputer",
            "SOP Penanganan Pengaduan Melalui Media Sosial dan Media Elektronik", "Jaringan internet",
            "Jika pengaduan tidak disertai informasi yang jelas maka pengaduan tidak dapat diproses",
            "Pencatatan dan Pendataan melalui Buku/Aplikasi Penanganan Pengaduan", "PEMERINTAH KABUPATEN KEBUMEN",
            "2 hari 2 jam",
        ] {
            #expect(parsed.texts.contains(value), "\(value)")
        }
        #expect(html.contains("<title>SOP 067/12351 Penanganan Pengaduan Masyarakat Secara Langsung</title>"))
    }

    @Test("the flow table: one column per Pelaksana, one row per step with its drawing and Mutu Baku", arguments: FlowchartTests.workflows)
    func flowTable(name: String) throws {
        let workflow = try loadWorkflow(name)
        let html = SOPDocumentHTML(workflow: workflow).render()
        let parsed = ParsedXML(html)
        #expect(parsed.isWellFormed, "\(parsed.error ?? "")")
        let actorHeaders = html.components(separatedBy: "<th class=\"pelaksana\">").dropFirst().map { String($0.prefix { $0 != "<" }) }
        #expect(actorHeaders == workflow.actors.map { Markup.escape($0.name) })
        #expect(html.contains("<th colspan=\"\(workflow.actors.count)\">Pelaksana</th>"))
        let rows = html.components(separatedBy: "<td class=\"lajur\"").count - 1
        #expect(rows == workflow.steps.count)
        #expect(html.components(separatedBy: "<svg ").count - 1 == workflow.steps.count)
        for (index, step) in workflow.steps.enumerated() {
            #expect(parsed.texts.contains("\(index + 1)."))
            #expect(parsed.texts.contains(step.activity) || parsed.texts.contains(step.activity + " "))
            #expect(parsed.texts.contains(step.budgetText ?? "-"))
            for name in Wording.documents(step.inputs + step.outputs, in: workflow) { #expect(parsed.texts.contains(name), "\(name)") }
            if let remarks = step.remarks { #expect(parsed.texts.contains(remarks)) }
        }
        // Each step's shape is drawn in its row: its number in bold, with the activity as tooltip.
        #expect(parsed.texts.filter { text in workflow.steps.enumerated().contains { text == "\($0.offset + 1). \($0.element.activity)" } }.count == workflow.steps.count)
    }

    @Test("printable on A4 landscape, rows not split, header repeated, and nothing loaded from elsewhere")
    func printing() throws {
        let html = SOPDocumentHTML(workflow: try loadWorkflow("pengaduan-media")).render()
        #expect(html.contains("@page { size: A4 landscape;"))
        #expect(html.contains("tr { break-inside: avoid; page-break-inside: avoid; }"))
        #expect(html.contains("thead { display: table-header-group; }"))
        #expect(html.contains("section.alur { break-before: page;"))
        let lowered = html.lowercased()
        for external in ["<script", "<link", "<img", "src=", "href=", "@import", "url(", "@font-face"] {
            #expect(!lowered.contains(external), "\(external)")
        }
        let addresses = lowered.components(separatedBy: "http").dropFirst().map { "http" + $0.prefix(30) }
        #expect(addresses.allSatisfy { $0.hasPrefix("http://www.w3.org/2000/svg") || $0.hasPrefix("http://www.w3.org/1999/xhtml") }, "\(addresses)")
    }

    @Test("a flow table wider than the page (many actors) is scaled to fit when printed")
    func manyActors() throws {
        let wide = SOPDocumentHTML.Columns(lanes: 12)
        #expect(wide.total > SOPDocumentHTML.pageWidth)
        #expect(SOPDocumentHTML.css(columns: wide).contains("zoom: 0."))
        let narrow = SOPDocumentHTML.Columns(lanes: 3)
        #expect(narrow.total == SOPDocumentHTML.pageWidth)
        #expect(SOPDocumentHTML.css(columns: narrow).contains("zoom: 1;"))
    }

    @Test("the decision's question and branches, and the computed path times, are written out")
    func decisionsAndTimes() throws {
        let parsed = ParsedXML(SOPDocumentHTML(workflow: try loadWorkflow("pengaduan-langsung")).render())
        #expect(parsed.texts.contains("Berkas pengaduan lengkap dan jelas?"))
        #expect(parsed.texts.contains("Ya: langkah 3"))
        #expect(parsed.texts.contains("Tidak: langkah 1"))
        #expect(parsed.texts.contains("Ya: selesai (Pengaduan diselesaikan oleh staf front office)"))
        #expect(parsed.allText.contains("jalur terpendek 40 menit (langkah 1 → 2 → 3)"))
        #expect(parsed.allText.contains("jalur terpanjang 2 hari 1 jam (langkah 1 → 2 → 3 → 4 → 5 → 6 → 7)"))
    }

    @Test("a step of several actors is named in its Kegiatan")
    func severalActors() throws {
        let parsed = ParsedXML(SOPDocumentHTML(workflow: try loadWorkflow("besar")).render())
        #expect(parsed.texts.contains("Pelaksana: Petugas Loket Pelayanan bersama Operator Verifikasi Data"))
        #expect(parsed.texts.contains("Pelaksana: Petugas Arsip dan Pengiriman atau Petugas Loket Pelayanan"))
        #expect(parsed.texts.contains("Tidak: diserahkan ke SOP pengaduan-lanjutan (diteruskan sebagai pengaduan)"))
        #expect(parsed.texts.contains("15 Maret 2025"))
    }
}

import Foundation
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// `sop diagram` and `sop render`, run as a user runs them.
@Suite("sop diagram and sop render (end to end)")
struct RenderCommandTests {
    static let large = "Tests/SOPRenderTests/Fixtures/besar.yaml"

    @Test("each format of each shipped SOP, on standard output", arguments: ["pengaduan-langsung", "pengaduan-media"])
    func formats(id: String) throws {
        let mermaid = try SOPBinary.run(["diagram", id, "--format", "mermaid"])
        #expect(mermaid.status == 0, "\(mermaid.output)")
        #expect(mermaid.standardOutput.contains("\nflowchart TD\n"))
        #expect(mermaid.standardError.isEmpty)
        let dot = try SOPBinary.run(["diagram", id, "--format", "dot"])
        #expect(dot.status == 0, "\(dot.output)")
        #expect(dot.standardOutput.hasPrefix("digraph \"\(id)\" {"))
        let svg = try SOPBinary.run(["diagram", id, "--format", "svg"])
        #expect(svg.status == 0, "\(svg.output)")
        #expect(svg.standardOutput.hasPrefix("<?xml"))
        #expect(XMLParser(data: Data(svg.standardOutput.utf8)).parse())
        let html = try SOPBinary.run(["render", id, "--format", "html"])
        #expect(html.status == 0, "\(html.output)")
        #expect(html.standardOutput.hasPrefix("<!DOCTYPE html>"))
        #expect(html.standardOutput.contains("@page { size: A4 landscape;"))
        #expect(XMLParser(data: Data(html.standardOutput.utf8)).parse())
    }

    @Test("SVG is the default diagram and HTML the default render; --output writes the file and prints nothing")
    func outputFile() throws {
        let folder = try TemporaryFolder()
        let svgPath = folder.url.appendingPathComponent("bagan.svg").path
        let diagram = try SOPBinary.run(["diagram", "workflows/pengaduan-media.yaml", "--output", svgPath])
        #expect(diagram.status == 0, "\(diagram.output)")
        #expect(diagram.standardOutput.isEmpty)
        let svg = try String(contentsOfFile: svgPath, encoding: .utf8)
        #expect(svg.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.contains("Tim Media Sosial dan"))
        let htmlPath = folder.url.appendingPathComponent("sop.html").path
        let render = try SOPBinary.run(["render", "pengaduan-langsung", "-o", htmlPath])
        #expect(render.status == 0, "\(render.output)")
        #expect(render.standardOutput.isEmpty)
        let html = try String(contentsOfFile: htmlPath, encoding: .utf8)
        #expect(html.contains("<td>067/12351</td>"))
        #expect(html.contains("Disahkan oleh"))
    }

    @Test("the 25-step, 6-actor fixture draws and renders")
    func large() throws {
        let svg = try SOPBinary.run(["diagram", Self.large, "--format", "svg"])
        #expect(svg.status == 0, "\(svg.output)")
        #expect(XMLParser(data: Data(svg.standardOutput.utf8)).parse())
        #expect(svg.standardOutput.contains("<title>25. Melaporkan rekap kepada Kepala Bidang</title>"))
        let html = try SOPBinary.run(["render", Self.large])
        #expect(html.status == 0, "\(html.output)")
        #expect(html.standardOutput.components(separatedBy: "<td class=\"lajur\"").count - 1 == 25)
        #expect(html.standardOutput.components(separatedBy: "<th class=\"pelaksana\">").count - 1 == 6)
    }

    @Test("a workflow with errors is refused with its diagnostics, and nothing is written", arguments: [
        ["diagram", "--format", "svg"], ["diagram", "--format", "mermaid"], ["diagram", "--format", "dot"], ["render", "--format", "html"],
    ])
    func refused(command: [String]) throws {
        let folder = try TemporaryFolder()
        let output = folder.url.appendingPathComponent("keluaran").path
        let result = try SOPBinary.run([command[0], "Tests/SOPValidationTests/Fixtures/invalid/flow.yaml"] + command.dropFirst() + ["--output", output])
        #expect(result.status == 1)
        #expect(result.standardError.contains("[SOP0403]"))
        #expect(result.standardError.contains("kesalahan; perbaiki lebih dahulu"))
        #expect(result.standardOutput.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test("an unknown workflow id names the known ones; a missing file is exit 2")
    func unknown() throws {
        for command in ["diagram", "render"] {
            let result = try SOPBinary.run([command, "pengaduan-langsng"])
            #expect(result.status == 1)
            #expect(result.standardError.contains("tidak ada alur kerja 'pengaduan-langsng' di 'workflows' — mungkin yang dimaksud 'pengaduan-langsung'?"))
            #expect(result.standardOutput.isEmpty)
            let missing = try SOPBinary.run([command, "tidak-ada.yaml"])
            #expect(missing.status == 2)
            #expect(missing.standardError.contains("[SOP0001]"))
        }
    }

    @Test("an unknown --format is a usage error, and nothing is written")
    func unknownFormat() throws {
        let folder = try TemporaryFolder()
        let output = folder.url.appendingPathComponent("keluaran").path
        let diagram = try SOPBinary.run(["diagram", "pengaduan-langsung", "--format", "png", "--output", output])
        #expect(diagram.status == 2)
        #expect(diagram.standardError.contains("'png'"))
        #expect(diagram.standardError.contains("mermaid"))
        let render = try SOPBinary.run(["render", "pengaduan-langsung", "--format", "pdf", "--output", output])
        #expect(render.status == 2)
        #expect(render.standardError.contains("'pdf'"))
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test("an --output that cannot be written is exit 2")
    func unwritable() throws {
        let result = try SOPBinary.run(["diagram", "pengaduan-langsung", "--output", "/tidak-ada/folder/bagan.svg"])
        #expect(result.status == 2)
        #expect(result.standardError.contains("'/tidak-ada/folder/bagan.svg' tidak dapat ditulis"))
    }

    @Test("text meant as markup in every field comes out escaped", arguments: ["svg", "mermaid", "dot", "html"])
    func injection(format: String) throws {
        let folder = try TemporaryFolder()
        let payload = "<script>alert(1)</script> & \"kutip\" 'petik'"
        let quoted = "'" + payload.replacingOccurrences(of: "'", with: "''") + "'"
        func q(_ prefix: String) -> String { "'" + prefix + " " + payload.replacingOccurrences(of: "'", with: "''") + "'" }
        try folder.write("kalender.yaml", """
            kind: Calendar
            id: kalender-uji
            time_zone: Asia/Jakarta
            hours: { monday: "08:00-16:00" }
            """)
        try folder.write("lain.yaml", """
            kind: Workflow
            id: lain
            revision: 1
            title: Lain
            document: { number: "2" }
            calendar: kalender-uji
            actors: { a: { name: A } }
            outcomes: { selesai: { name: Selesai, status: resolved } }
            steps: [{ id: satu, activity: Satu, actor: a, budget: 1 jam, end: selesai }]
            """)
        let file = try folder.write("sisipan.yaml", """
            kind: Workflow
            id: sisipan
            revision: 1
            title: \(q("Judul"))
            document:
              organization: [\(q("Pemerintah"))]
              number: \(q("067/1"))
              approved_by: { name: \(q("Nama")), position: \(q("Jabatan")), rank: \(q("Pangkat")), nip: "196406291988032002" }
              legal_basis: [\(q("Dasar"))]
              qualifications: [\(q("Kualifikasi"))]
              related: [{ title: \(q("Terkait")) }]
              equipment: [\(q("Alat"))]
              warnings: [\(q("Peringatan"))]
              recording: \(q("Pencatatan"))
            calendar: kalender-uji
            actors:
              pelapor: { name: \(q("Pelapor")), external: true }
              petugas: { name: \(q("Petugas")) }
            documents:
              formulir: { name: \(q("Formulir")), external: true }
            outcomes:
              selesai: { name: \(q("Selesai")), status: resolved }
            steps:
              - { id: isi, activity: \(q("Mengisi")), actor: pelapor, budget: 15 menit, inputs: [formulir], outputs: [formulir], remarks: \(q("Keterangan")), next: periksa }
              - id: periksa
                activity: \(q("Memeriksa"))
                actor: petugas
                budget: 15 menit
                inputs: [formulir]
                decision:
                  question: \(q("Pertanyaan"))
                  branches:
                    - { label: \(q("Ya")), end: selesai }
                    - { label: \(q("Tidak")), goto: isi }
                    - { label: \(quoted), handoff: { workflow: lain, note: \(q("Catatan")) } }
            """)
        let validation = try SOPBinary.run(["validate", file])
        #expect(validation.status == 0, "\(validation.output)")
        let result = format == "html"
            ? try SOPBinary.run(["render", file, "--format", "html"])
            : try SOPBinary.run(["diagram", file, "--format", format])
        #expect(result.status == 0, "\(result.output)")
        let text = result.standardOutput
        // DOT strings are text, never markup: there the payload stays, inside its escaped quotes.
        if format != "dot" { #expect(!text.contains("<script")) }
        #expect(!text.contains(" \"kutip\""))
        switch format {
        case "svg", "html":
            #expect(text.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;kutip&quot; &#39;petik&#39;"))
            #expect(!text.contains("'petik'"))
            #expect(XMLParser(data: Data(text.utf8)).parse())
        case "mermaid":
            #expect(text.contains("#60;script#62;alert(1)#60;/script#62; #38; #34;kutip#34; 'petik'"))
        default:
            #expect(text.contains("<script>alert(1)</script> & \\\"kutip\\\" 'petik'"))
        }
    }
}

import Foundation
import Testing

/// `sop show`, run as a user runs it.
@Suite("sop show (end to end)")
struct ShowCommandTests {
    @Test("prints 067/12351 as the signed document lays it out, with its path times")
    func langsung() throws {
        let result = try SOPBinary.run(["show", "pengaduan-langsung", "--width", "140"])
        #expect(result.status == 0, "\(result.output)")
        let text = result.standardOutput
        for expected in [
            "PEMERINTAH KABUPATEN KEBUMEN", "Nomor SOP           067/12351", "Tanggal Efektif     12 September 2023",
            "PENANGANAN PENGADUAN MASYARAKAT SECARA LANGSUNG", "No  │ Kegiatan", "Pelaksana", "Kelengkapan", "Waktu",
            "Output", "Staf Front", "Tim Pengelola", "15 menit", "1 hari",
            "Ya → 3", "Tidak → 1", "Ya → selesai", "(opsional)", "Total Waktu         2 hari 2 jam (tertulis)",
            "Jalur terpendek     40 menit (langkah 1 → 2 → 3)",
            "Jalur terpanjang    2 hari 1 jam (langkah 1 → 2 → 3 → 4 → 5 → 6 → 7)",
        ] {
            #expect(text.contains(expected), "missing: \(expected)")
        }
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 140 })
    }

    @Test("a file path works too, and --format json gives the steps")
    func json() throws {
        let result = try SOPBinary.run(["show", "workflows/pengaduan-media.yaml", "--format", "json"])
        #expect(result.status == 0, "\(result.output)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(object["number"] as? String == "067/12352")
        let steps = try #require(object["steps"] as? [[String: Any]])
        #expect(steps.count == 6)
        #expect(steps[1]["question"] as? String == "Aduan bisa dijawab langsung oleh Tim Media Sosial dan Media Elektronik?")
        let times = try #require(object["pathTimes"] as? [String: Any])
        #expect(times["longest"] as? String == "1 hari 2 jam")
    }

    @Test("an unknown workflow names the known ones; a workflow with errors is refused")
    func refusals() throws {
        let unknown = try SOPBinary.run(["show", "pengaduan-langsng"])
        #expect(unknown.status == 1)
        #expect(unknown.standardError.contains("mungkin yang dimaksud 'pengaduan-langsung'?"))
        let missing = try SOPBinary.run(["show", "tidak-ada.yaml"])
        #expect(missing.status == 2)
        #expect(missing.standardError.contains("[SOP0001]"))
        let broken = try SOPBinary.run(["show", "Tests/SOPValidationTests/Fixtures/invalid/flow.yaml"])
        #expect(broken.status == 1)
        #expect(broken.standardError.contains("[SOP0403]"))
    }
}

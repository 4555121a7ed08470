import Foundation
import Testing

/// `sop paths`, run as a user runs it.
@Suite("sop paths (end to end)")
struct PathsCommandTests {
    @Test("both shipped SOPs: every path with its working time, as text and JSON")
    func shipped() throws {
        let text = try SOPBinary.run(["paths", "pengaduan-langsung"])
        #expect(text.status == 0, "\(text.output)")
        #expect(text.standardOutput.hasPrefix("Jalur SOP 067/12351 Penanganan Pengaduan Masyarakat Secara Langsung (pengaduan-langsung, revisi 1): 4 jalur"))
        #expect(text.standardOutput.contains("1. 40 menit: isi-formulir → periksa-kelengkapan (Ya) → dapat-diselesaikan (Ya) → selesai: Pengaduan diselesaikan oleh staf front office"))
        #expect(text.standardOutput.contains("2 hari 1 jam 30 menit, dengan putaran ulang"))
        let json = try SOPBinary.run(["paths", "pengaduan-media", "--loops", "0", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        let paths = try #require(object["paths"] as? [[String: Any]])
        #expect(object["truncated"] as? Bool == false && object["loops"] as? Int == 0)
        #expect(paths.map { $0["time"] as? String } == ["30 menit", "1 hari 2 jam"])
        #expect(paths.map { $0["outcome"] as? String } == ["dijawab-langsung", "selesai"])
        let handoff = try SOPBinary.run(
            ["paths", SOPBinary.repositoryRoot.appendingPathComponent("Tests/SOPValidationTests/Fixtures/valid/handoff-title.yaml").path])
        #expect(handoff.standardOutput.contains("→ diteruskan ke SOP Perubahan Data Kependudukan"), "\(handoff.output)")
    }

    @Test("bad input: loops or a limit out of range, an unknown workflow, a workflow with errors; nothing on stdout", arguments: [
        (["paths", "pengaduan-langsung", "--loops", "9"], Int32(2)),
        (["paths", "pengaduan-langsung", "--limit", "0"], Int32(2)),
        (["paths", "tidak-ada"], Int32(1)),
        (["paths", "Tests/SOPValidationTests/Fixtures/invalid/references.yaml"], Int32(1)),
    ])
    func badInput(arguments: [String], status: Int32) throws {
        let result = try SOPBinary.run(arguments)
        #expect(result.status == status, "\(result.output)")
        #expect(result.standardOutput.isEmpty && !result.standardError.isEmpty)
    }
}

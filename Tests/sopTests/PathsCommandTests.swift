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

    @Test("thousands of paths as JSON: printed one path at a time, the same document a JSON library writes")
    func manyPathsAsJSON() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.copyItem(
            at: SOPBinary.repositoryRoot.appendingPathComponent("workflows/jam-kerja-kebumen.yaml"),
            to: folder.url.appendingPathComponent("jam-kerja-kebumen.yaml"))
        // 12 decisions in a row, each skipping a step or not: 4,096 paths.
        var text = """
            kind: Workflow
            id: lebar
            revision: 3
            title: Alur lebar
            document: { organization: [CONTOH], number: "1/1", created: 2026-01-01, effective: 2026-01-01, approved_by: { name: Contoh, position: Kepala } }
            calendar: jam-kerja-kebumen
            actors: { petugas: { name: Petugas } }
            outcomes: { selesai: { name: Selesai, status: resolved } }
            steps:

            """
        for index in 0..<12 {
            let next = index < 11 ? "goto: k\(index + 1)" : "end: selesai"
            text += "  - { id: k\(index), activity: Keputusan \(index), actor: petugas, budget: 5 menit, decision: { question: Lanjut?, "
                + "branches: [ { label: Ya, goto: s\(index) }, { label: Tidak, \(next) } ] } }\n"
            text += "  - { id: s\(index), activity: Langkah \(index), actor: petugas, budget: 10 menit, \(index < 11 ? "next: k\(index + 1)" : "end: selesai") }\n"
        }
        let file = try folder.write("lebar.yaml", text)
        let result = try SOPBinary.run(["paths", file, "--limit", "5000", "--format", "json"])
        #expect(result.status == 0, "\(result.output)")
        let output = try folder.write("paths.json", result.standardOutput)
        // Python reads it and writes it again as Foundation's JSONEncoder pretty-prints: the same bytes.
        let script = """
            import json, sys
            text = open(sys.argv[1], encoding="utf-8").read()
            document = json.loads(text)
            again = json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False, separators=(",", " : ")) + "\\n"
            print(len(document["paths"]), document["truncated"], document["revision"], again == text)
            """
        let check = try SOPBinary.runProgram("/usr/bin/env", ["python3", "-c", script, output])
        #expect(check.standardOutput == "4096 False 3 True\n", "\(check.output)")
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

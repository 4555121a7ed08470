import Foundation
import Testing

/// `sop diff`, run as a user runs it.
@Suite("sop diff (end to end)")
struct DiffCommandTests {
    /// Refusals are checked in English here (their Indonesian wording: LanguageCommandTests).
    static let english = ["SOP_LANG": "en"]
    static let shipped = "workflows/pengaduan-langsung.yaml"
    static let revised = "Tests/SOPDiffTests/Fixtures/pengaduan-langsung-rev2.yaml"

    /// The shipped 067/12351 with `revision:` raised and the edits made, written into `folder`.
    static func revision(_ edits: [(String, String)] = [], revision: Int = 2, in folder: TemporaryFolder, name: String = "baru.yaml") throws -> String {
        var text = try String(contentsOf: SOPBinary.repositoryRoot.appendingPathComponent(shipped), encoding: .utf8)
        for (old, new) in [("revision: 1\n", "revision: \(revision)\n")] + edits {
            guard text.components(separatedBy: old).count == 2 else { throw SOPBinaryError(description: "edit not found once: \(old)") }
            text = text.replacingOccurrences(of: old, with: new)
        }
        return try folder.write(name, text)
    }

    @Test("the worked example as text: the header, the steps and the times, one line each; exit 1")
    func workedExampleText() throws {
        let result = try SOPBinary.run(["diff", Self.shipped, Self.revised])
        #expect(result.status == 1, "\(result.output)")
        #expect(result.standardError.isEmpty)
        #expect(result.standardOutput == """
            pengaduan-langsung: revisi 1 → revisi 2
              lama: workflows/pengaduan-langsung.yaml
              baru: Tests/SOPDiffTests/Fixtures/pengaduan-langsung-rev2.yaml

            Kepala dokumen
              ~ Tanggal Revisi: - → 1 Desember 2026

            Langkah
              ~ 2. periksa-kelengkapan: cabang "Ya" dialihkan: dapat-diselesaikan (dihapus) → analisa
              - 3. dapat-diselesaikan (dihapus): Pengaduan dapat diselesaikan oleh staf front office
              ~ 3. analisa (dulu 4): waktu 1 hari → 4 jam (lebih singkat)

            Waktu
              ~ Jalur terpendek: 40 menit (langkah 1 → 2 → 3) → 1 hari 4 jam 50 menit (langkah 1 → 2 → 3 → 4 → 5 → 6), lebih lama
              ~ Jalur terpanjang: 2 hari 1 jam (langkah 1 → 2 → 3 → 4 → 5 → 6 → 7) → 1 hari 4 jam 50 menit (langkah 1 → 2 → 3 → 4 → 5 → 6), lebih singkat
              = Total Waktu (tertulis): 2 hari 2 jam, tidak berubah

            4 perubahan (kepala dokumen 1, langkah 3).

            """)
    }

    @Test("the worked example as JSON: typed changes with new-side locations, times before and after")
    func workedExampleJSON() throws {
        let result = try SOPBinary.run(["diff", Self.shipped, Self.revised, "--format", "json"])
        #expect(result.status == 1, "\(result.output)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(object["workflow"] as? String == "pengaduan-langsung")
        #expect(object["equivalent"] as? Bool == false)
        #expect((object["old"] as? [String: Any])?["revision"] as? Int == 1)
        #expect((object["new"] as? [String: Any])?["file"] as? String == Self.revised)
        let header = try #require(object["header"] as? [[String: Any]])
        #expect(header.count == 1)
        #expect(header.first?["field"] as? String == "revised")
        #expect(header.first?["new"] as? String == "2026-12-01")
        #expect(header.first?["old"] is NSNull)
        let steps = try #require(object["steps"] as? [[String: Any]])
        #expect(steps.map { $0["kind"] as? String } == ["rerouted", "removed", "budget"])
        #expect(steps[0]["branch"] as? String == "Ya")
        #expect((steps[0]["old"] as? [String: String]) == ["step": "dapat-diselesaikan"])
        #expect((steps[0]["new"] as? [String: String]) == ["step": "analisa"])
        let location = try #require(steps[0]["location"] as? [String: Any])
        #expect(location["file"] as? String == Self.revised)
        #expect(location["line"] as? Int == 125)
        #expect(steps[1]["step"] as? String == "dapat-diselesaikan")
        #expect(steps[1]["oldNumber"] as? Int == 3)
        #expect(steps[1]["newNumber"] == nil)
        #expect(steps[2]["old"] as? String == "1 hari")
        #expect(steps[2]["new"] as? String == "4 jam")
        #expect(steps[2]["direction"] as? String == "shorter")
        let times = try #require(object["times"] as? [String: [String: Any]])
        #expect(times["shortest"]?["old"] as? String == "40 menit")
        #expect(times["shortest"]?["direction"] as? String == "longer")
        #expect(times["longest"]?["new"] as? String == "1 hari 4 jam 50 menit")
        #expect(times["longest"]?["direction"] as? String == "shorter")
        #expect((times["longest"]?["newPath"] as? [String])?.contains("dapat-diselesaikan") == false)
        #expect(times["declared"]?["direction"] as? String == "unchanged")
    }

    @Test("equivalent revisions exit 0, as text and as JSON")
    func equivalent() throws {
        let folder = try TemporaryFolder()
        let new = try Self.revision(in: folder)
        let text = try SOPBinary.run(["diff", Self.shipped, new])
        #expect(text.status == 0, "\(text.output)")
        #expect(text.standardOutput.hasSuffix("\nTidak ada perubahan: revisi 1 dan revisi 2 setara.\n"))
        let json = try SOPBinary.run(["diff", Self.shipped, new, "--format", "json"])
        #expect(json.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        #expect(object["equivalent"] as? Bool == true)
        #expect((object["steps"] as? [Any])?.isEmpty == true)
    }

    @Test("a workflow id names the highest revision in the workflows folder")
    func workflowID() throws {
        let result = try SOPBinary.run(["diff", "pengaduan-langsung", Self.revised])
        #expect(result.status == 1, "\(result.output)")
        #expect(result.standardOutput.contains("  lama: workflows/pengaduan-langsung.yaml\n"))
        let unknown = try SOPBinary.run(["diff", "pengaduan-langsng", Self.revised])
        #expect(unknown.status == 2)
        #expect(unknown.standardError.contains("mungkin yang dimaksud 'pengaduan-langsung'?"))
        #expect(unknown.standardOutput.isEmpty)
    }

    @Test("definitions and step parts in the text, with their markers")
    func textLines() throws {
        let folder = try TemporaryFolder()
        let new = try Self.revision([
            ("  front-office: { name: Staf Front Office }\n",
             "  front-office: { name: Petugas Front Office }\n  kepala-bidang: { name: Kepala Bidang }\n"),
            ("number: \"067/12351\"", "number: \"067/12351/2026\""),
            ("    - Printer\n", ""),
            ("    actor: tim-pengaduan\n    budget: 1 hari\n    inputs: [rancangan-tindak-lanjut]\n",
             "    actor: { any: [tim-pengaduan, front-office] }\n    budget: 2 hari\n    inputs: [rancangan-tindak-lanjut, { document: bukti-obyek, optional: true }]\n    escalation: { to: kepala-bidang, after: 1 hari }\n"),
            ("- { label: \"Tidak\", goto: analisa }", "- { label: \"Tidak\", when: \"has(fields.nik)\", goto: analisa }"),
        ], in: folder)
        let result = try SOPBinary.run(["diff", Self.shipped, new])
        #expect(result.status == 1, "\(result.output)")
        for line in [
            "  ~ Nomor SOP: 067/12351 → 067/12351/2026\n",
            "  - Peralatan / Perlengkapan: Printer\n",
            "Definisi\n  ~ Pelaksana front-office: nama \"Staf Front Office\" → \"Petugas Front Office\"\n",
            "  + Pelaksana kepala-bidang: Kepala Bidang\n",
            "  ~ 3. dapat-diselesaikan: aturan cabang \"Tidak\": - → \"has(fields.nik)\"\n",
            "  ~ 5. tindak-lanjut: pelaksana tim-pengaduan → tim-pengaduan / front-office\n",
            "  ~ 5. tindak-lanjut: waktu 1 hari → 2 hari (lebih lama)\n",
            "  + 5. tindak-lanjut: kelengkapan bukti-obyek (opsional)\n",
            "  ~ 5. tindak-lanjut: eskalasi - → kepala-bidang setelah 1 hari\n",
            "  ~ Jalur terpanjang: 2 hari 1 jam (langkah 1 → 2 → 3 → 4 → 5 → 6 → 7) → 3 hari 1 jam (langkah 1 → 2 → 3 → 4 → 5 → 6 → 7), lebih lama\n",
            "  = Jalur terpendek: 40 menit (langkah 1 → 2 → 3), tidak berubah\n",
        ] {
            #expect(result.standardOutput.contains(line), "missing: \(line)")
        }
    }

    @Test("two different SOPs are refused: exit 2, nothing on standard output")
    func differentSOPs() throws {
        let result = try SOPBinary.run(["diff", Self.shipped, "workflows/pengaduan-media.yaml"], environment: Self.english)
        #expect(result.status == 2)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError.contains("'pengaduan-langsung' and 'pengaduan-media' are different SOPs"))
        #expect(result.standardError.contains("hint: name two files with the same `id:`"))
    }

    @Test("a new revision that is not higher is refused: lower (arguments swapped) or equal")
    func notHigher() throws {
        let swapped = try SOPBinary.run(["diff", Self.revised, Self.shipped], environment: Self.english)
        #expect(swapped.status == 2)
        #expect(swapped.standardOutput.isEmpty)
        #expect(swapped.standardError.contains("the new revision (1) is not higher than the old one (2)"))
        #expect(swapped.standardError.contains("the arguments seem to be the wrong way round"))
        let folder = try TemporaryFolder()
        let same = try Self.revision([("title: Penanganan", "title: Revisi Penanganan")], revision: 1, in: folder)
        let equal = try SOPBinary.run(["diff", Self.shipped, same], environment: Self.english)
        #expect(equal.status == 2)
        #expect(equal.standardError.contains("the new revision (1) is not higher than the old one (1)"))
        #expect(equal.standardError.contains("hint: raise `revision:` in the new file to 2"))
        let itself = try SOPBinary.run(["diff", Self.shipped, "./" + Self.shipped, "--format", "json"])
        #expect(itself.status == 2)
        #expect(itself.standardOutput.isEmpty)
    }

    @Test("a revision with validation errors is refused with its diagnostics")
    func validationErrors() throws {
        let folder = try TemporaryFolder()
        let broken = try Self.revision([("goto: isi-formulir }", "goto: isi-formulr }")], in: folder)
        let result = try SOPBinary.run(["diff", Self.shipped, broken], environment: Self.english)
        #expect(result.status == 2)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError.contains("error: unknown step 'isi-formulr' [SOP0303]"))
        #expect(result.standardError.contains("hint: did you mean 'isi-formulir'?"))
        #expect(result.standardError.contains("sop diff: '\(broken)' has 1 error(s); fix them first"))
    }

    @Test("a missing file, a folder, a calendar: refused, exit 2")
    func unreadable() throws {
        let missing = try SOPBinary.run(["diff", Self.shipped, "tidak-ada.yaml"], environment: Self.english)
        #expect(missing.status == 2)
        #expect(missing.standardError.contains("tidak-ada.yaml:1:1: error: no such file [SOP0001]"))
        #expect(missing.standardError.contains("sop diff: cannot read 'tidak-ada.yaml'"))
        let missingOld = try SOPBinary.run(["diff", "lama/tidak-ada.yaml", Self.revised])
        #expect(missingOld.status == 2)
        #expect(missingOld.standardError.contains("[SOP0001]"))
        let folder = try SOPBinary.run(["diff", "workflows", Self.revised], environment: Self.english)
        #expect(folder.status == 2)
        #expect(folder.standardError.contains("'workflows' is a folder"))
        let calendar = try SOPBinary.run(["diff", "workflows/jam-kerja-kebumen.yaml", Self.revised], environment: Self.english)
        #expect(calendar.status == 2)
        #expect(calendar.standardError.contains("it is a calendar"))
        let usage = try SOPBinary.run(["diff", Self.shipped])
        #expect(usage.status == 2)
    }
}

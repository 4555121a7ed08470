import Foundation
import Testing

/// `sop validate`, run as a user runs it.
@Suite("sop validate (end to end)")
struct ValidateCommandTests {
    @Test("the shipped SOPs validate: exit 0, the known inconsistencies accepted in the files and shown with --show-suppressed")
    func shipped() throws {
        let plain = try SOPBinary.run(["validate"])
        #expect(plain.status == 0 && !plain.standardOutput.contains(": warning: "), "\(plain.output)")
        #expect(plain.standardOutput.contains("3 berkas diperiksa: 0 kesalahan, 0 peringatan, 16 info; 6 temuan diterima (lihat --show-suppressed)"))
        let result = try SOPBinary.run(["validate", "--show-suppressed"])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.standardOutput.contains("  diterima di workflows/pengaduan-langsung.yaml:91:22: Total Waktu tertulis 2 hari 2 jam"))
        #expect(result.standardOutput.contains(
            "workflows/pengaduan-langsung.yaml:91:8: warning: total yang dinyatakan 2 hari 2 jam berbeda dengan langkah-langkahnya: "
                + "jalur terpanjang memakan waktu 2 hari 1 jam"))
        #expect(result.standardOutput.contains("    total: 2 hari 2 jam  # sop-ignore SOP0603"))
        #expect(result.standardOutput.contains("Laporan Tindak Lanjut Aduan"))
        let english = try SOPBinary.run(["validate", "--show-suppressed"], environment: ["SOP_LANG": "en"])
        #expect(english.standardOutput.contains(
            "workflows/pengaduan-langsung.yaml:91:8: warning: declared total 2 hari 2 jam differs from the steps: the longest path takes 2 hari 1 jam"))
        #expect(english.standardOutput.contains("3 files checked: 0 errors, 0 warnings, 16 info; 6 accepted (see --show-suppressed)"))
        #expect(!result.standardOutput.contains("\u{1B}["), "no colour when not on a terminal")
    }

    @Test("--strict passes on the shipped SOPs, whose warnings are accepted, and fails on a new warning")
    func strict() throws {
        #expect(try SOPBinary.run(["validate", "workflows/", "--strict"]).status == 0)
        let folder = try TemporaryFolder()
        try FileManager.default.copyItem(atPath: SOPBinary.repositoryRoot.appendingPathComponent("workflows").path, toPath: folder.path + "/workflows")
        let path = folder.path + "/workflows/pengaduan-langsung.yaml"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        // A document declared that no step uses: a new warning, not accepted.
        try text.replacingOccurrences(of: "documents:\n", with: "documents:\n  baru: { name: Dokumen baru }\n")
            .write(toFile: path, atomically: true, encoding: .utf8)
        let failed = try SOPBinary.run(["validate", "workflows/", "--strict"], in: URL(fileURLWithPath: folder.path))
        #expect(failed.status == 1 && failed.standardOutput.contains("[SOP0604]"), "\(failed.output)")
    }

    @Test("--format json gives every finding with its position")
    func json() throws {
        let result = try SOPBinary.run(["validate", "workflows", "--format", "json"])
        #expect(result.status == 0)
        let output = try ValidationOutput.decode(result.standardOutput)
        #expect(output.summary.files == 3)
        #expect(output.summary.errors == 0)
        #expect(output.summary.warnings == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let accepted = try #require(object["suppressed"] as? [[String: Any]])
        #expect(accepted.count == 6 && (object["summary"] as? [String: Any])?["suppressed"] as? Int == 6)
        let total = try #require(accepted.first { $0["code"] as? String == "SOP0603" })
        #expect((total["location"] as? [String: Any])?["line"] as? Int == 91 && (total["reason"] as? String)?.contains("naskah") == true)
    }

    static let invalidFixtures: [String] = {
        let folder = SOPBinary.repositoryRoot.appendingPathComponent("Tests/SOPValidationTests/Fixtures/invalid").path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".expected") }.map { String($0.dropLast(".expected".count)) }.sorted()
    }()

    @Test("every invalid fixture: its findings at their positions, exit 1 on errors", arguments: invalidFixtures)
    func fixture(_ name: String) throws {
        let folder = "Tests/SOPValidationTests/Fixtures/invalid/"
        let expected = try String(contentsOfFile: SOPBinary.repositoryRoot.path + "/" + folder + name + ".expected", encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let result = try SOPBinary.run(["validate", "--format", "json", folder + name + ".yaml"])
        let output = try ValidationOutput.decode(result.standardOutput)
        // Whether a calendar covers this year and the next (SOP0704) depends on the clock, which the
        // in-process fixtures do not have: its own tests check it.
        #expect(output.positions.filter { !$0.hasSuffix(" SOP0704") } == expected)
        #expect(result.status == (output.summary.errors > 0 ? 1 : 0))
        let text = try SOPBinary.run(["validate", folder + name + ".yaml"])
        #expect(text.status == result.status)
        for diagnostic in output.diagnostics {
            let line = "\(folder)\(name).yaml:\(diagnostic.location.line):\(diagnostic.location.column): \(diagnostic.severity): \(diagnostic.message) [\(diagnostic.code)]"
            #expect(text.standardOutput.contains(line))
        }
    }

    @Test("an empty file, a binary file, a 10 MB file and deep nesting: located, exit 1")
    func badFiles() throws {
        let folder = try TemporaryFolder()
        try folder.write("kosong.yaml", "")
        FileManager.default.createFile(atPath: folder.path + "/biner.yaml", contents: Data([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x00, 0x00, 0xFF]))
        try folder.write("besar.yaml", String(repeating: "# 0123456789012345678901234567890123456789\n", count: 250_000))
        try folder.write("dalam.yaml", String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000))
        for (file, code, position) in [
            ("kosong.yaml", "SOP0003", "1:1"), ("biner.yaml", "SOP0002", "1:1"),
            ("besar.yaml", "SOP0004", "1:1"), ("dalam.yaml", "SOP0106", "1:65"),
        ] {
            let result = try SOPBinary.run(["validate", file], in: folder.url)
            #expect(result.status == 1, "\(file): \(result.output)")
            #expect(result.standardOutput.contains("\(file):\(position): error:"), "\(file): \(result.output)")
            #expect(result.standardOutput.contains("[\(code)]"), "\(file): \(result.output)")
        }
    }

    @Test("input that cannot be read: exit 2")
    func unreadable() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.createDirectory(atPath: folder.path + "/folder.yaml", withIntermediateDirectories: true)
        for arguments in [["validate", "folder.yaml"], ["validate", "tidak-ada.yaml"], ["validate"]] {
            let result = try SOPBinary.run(arguments, in: folder.url)
            #expect(result.status == 2, "\(arguments): \(result.output)")
        }
        let missing = try SOPBinary.run(["validate", "tidak-ada.yaml"], in: folder.url)
        #expect(missing.standardOutput.contains("tidak-ada.yaml:1:1: error:"))
        #expect(missing.standardOutput.contains("[SOP0001]"))
    }

    @Test("usage errors: exit 2 with the way out")
    func usage() throws {
        let result = try SOPBinary.run(["validate", "--format", "xml"])
        #expect(result.status == 2)
        #expect(result.standardError.contains("--format"))
        #expect(try SOPBinary.run(["frobnicate"]).status == 2)
        #expect(try SOPBinary.run(["--help"]).status == 0)
    }

    @Test("--against: a revision not higher than the old one fails, a removed step is reported")
    func against() throws {
        let folder = try TemporaryFolder()
        let old = try String(contentsOfFile: SOPBinary.repositoryRoot.path + "/workflows/pengaduan-langsung.yaml", encoding: .utf8)
        try folder.write("lama.yaml", old)
        try folder.write("jam-kerja-kebumen.yaml", try String(contentsOfFile: SOPBinary.repositoryRoot.path + "/workflows/jam-kerja-kebumen.yaml", encoding: .utf8))
        try folder.write("pengaduan-media.yaml", try String(contentsOfFile: SOPBinary.repositoryRoot.path + "/workflows/pengaduan-media.yaml", encoding: .utf8))
        let same = try SOPBinary.run(["validate", "lama.yaml", "--against", "lama.yaml"], in: folder.url)
        #expect(same.status == 1)
        #expect(same.standardOutput.contains("[SOP0802]"))
        // Revision 2 without step 3 (dapat-diselesaikan): step 2's "Ya" goes straight to the team.
        let revised = old.replacingOccurrences(of: "revision: 1", with: "revision: 2")
            .replacingOccurrences(of: "goto: dapat-diselesaikan", with: "goto: analisa")
        try folder.write("baru.yaml", removingStep("dapat-diselesaikan", from: revised))
        let result = try SOPBinary.run(["validate", "baru.yaml", "--against", "lama.yaml", "--format", "json"], in: folder.url)
        let output = try ValidationOutput.decode(result.standardOutput)
        #expect(output.summary.errors == 0, "\(output.diagnostics.map(\.message))")
        #expect(output.diagnostics.contains { $0.code == "SOP0803" && $0.message.contains("'dapat-diselesaikan'") })
    }

    /// The text without the step item whose id is given (up to the next step item).
    private func removingStep(_ id: String, from text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(of: "  - id: \(id)") else { return text }
        var end = start + 1
        while end < lines.count && !lines[end].hasPrefix("  - id: ") { end += 1 }
        lines.removeSubrange(start..<end)
        return lines.joined(separator: "\n")
    }
}

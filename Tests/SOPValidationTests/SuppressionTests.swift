import Foundation
import SOPCore
import SOPLoading
import SOPValidation
import Testing

/// `# sop-ignore CODE: reason` in files of every line-ending, and where it stands.
@Suite("Suppressions")
struct SuppressionTests {
    /// A workflow with one unused document (SOP0604) on line 12, accepted as `accept` says.
    func report(_ accept: (String) -> String, lineEnding: String = "\n") throws -> ValidationReport {
        let lines = [
            "kind: Workflow", "id: uji", "revision: 1", "title: Uji", "document: { number: \"1\" }", "calendar: kalender-uji",
            "actors: { staf: { name: Staf } }", "outcomes: { selesai: { name: Selesai, status: resolved } }",
            "steps:", "  - { id: a, activity: A, actor: staf, budget: 1 jam, end: selesai }", "documents:",
            "  arsip: { name: Arsip }",
        ]
        let text = accept(lines.joined(separator: lineEnding) + lineEnding)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sop-suppression-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try text.write(to: folder.appendingPathComponent("uji.yaml"), atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(atPath: TestPaths.fixture("valid") + "/kalender-uji.yaml", toPath: folder.appendingPathComponent("kalender-uji.yaml").path)
        return Validator.validate(paths: [folder.appendingPathComponent("uji.yaml").path])
    }

    @Test("a trailing comment, or a comment line before, accepts the line's finding, in LF, CRLF and CR files", arguments: ["\n", "\r\n", "\r"])
    func accepted(lineEnding: String) throws {
        let plain = try report({ $0 }, lineEnding: lineEnding)
        #expect(plain.diagnostics.contains { $0.code == .unusedDocument && $0.location.line == 12 })
        let trailing = try report({ $0.replacingOccurrences(of: "{ name: Arsip }", with: "{ name: Arsip }  # sop-ignore SOP0604: tercantum dalam naskah") }, lineEnding: lineEnding)
        #expect(!trailing.diagnostics.contains { $0.code == .unusedDocument }, "\(trailing.diagnostics)")
        #expect(trailing.suppressed.map(\.suppression.reason) == ["tercantum dalam naskah"])
        let before = try report({ $0.replacingOccurrences(of: "documents:" + lineEnding, with: "documents:" + lineEnding + "  # sop-ignore sop0604, SOP0605: tercantum" + lineEnding + lineEnding) }, lineEnding: lineEnding)
        #expect(before.suppressed.count == 1 && before.suppressed[0].diagnostic.location.line == 14, "\(before.diagnostics)")
        // It names SOP0605 as well, which has no finding there: the suppression is used all the same.
        #expect(!before.diagnostics.contains { $0.code == .suppressionUnused })
    }

    @Test("a '#' that is not a comment, or another comment, accepts nothing")
    func notAComment() throws {
        let inName = try report { $0.replacingOccurrences(of: "{ name: Arsip }", with: "{ name: \"Arsip#sop-ignore SOP0604: x\" }") }
        #expect(inName.diagnostics.contains { $0.code == .unusedDocument } && inName.suppressed.isEmpty)
        let other = try report { $0.replacingOccurrences(of: "{ name: Arsip }", with: "{ name: Arsip }  # catatan: SOP0604") }
        #expect(other.diagnostics.contains { $0.code == .unusedDocument } && other.suppressed.isEmpty)
    }
}

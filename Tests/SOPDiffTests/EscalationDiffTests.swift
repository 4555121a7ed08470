import Foundation
import SOPCore
import SOPDiff
import SOPModel
import Testing

/// Escalation levels in a diff: a step's as lists, the whole case's as a change of the workflow's
/// top level, in JSON and in the text.
@Suite("WorkflowDiff: escalation levels")
struct EscalationDiffTests {
    /// The edits that give 067/12351 two actors to escalate to, two levels on `analisa` and a
    /// level for the whole case.
    static let escalated: [(String, String)] = [
        ("  tim-pengaduan: { name: Tim Pengelola Pengaduan }\n",
         "  tim-pengaduan: { name: Tim Pengelola Pengaduan }\n  kepala-bidang: { name: Kepala Bidang }\n  kepala-dinas: { name: Kepala Dinas }\n"),
        ("    actor: tim-pengaduan\n    budget: 1 hari\n    inputs:\n      - formulir-pengaduan\n",
         "    actor: tim-pengaduan\n    budget: 1 hari\n    escalation:\n      - { to: kepala-bidang }\n      - { to: kepala-dinas, after: 2 hari }\n    inputs:\n      - formulir-pengaduan\n"),
        ("total: 2 hari 2 jam", "escalation: { to: kepala-dinas }\ntotal: 2 hari 2 jam"),
    ]

    /// `escalated` with further edits of its text.
    static func escalated(_ edits: [(String, String)]) -> [(String, String)] {
        escalated.map { edit in
            var new = edit.1
            for (old, replacement) in edits { new = new.replacingOccurrences(of: old, with: replacement) }
            return (edit.0, new)
        }
    }

    @Test("levels added to a step and to the case: one change each, the step's as a list, the case's in the header")
    func added() throws {
        let folder = try TemporaryFolder()
        let new = try revisedLangsung(Self.escalated, in: folder)
        let diff = WorkflowDiff.compare(old: try shippedLangsung(), new: new, dayMinutes: kebumenDay)
        let analisa = try #require(new.step("analisa"))
        #expect(diff.steps.map(\.detail) == [
            .escalation(old: [], new: [StepEscalation(to: "kepala-bidang", after: nil), StepEscalation(to: "kepala-dinas", after: Budget(days: 2))]),
        ])
        #expect(diff.steps.first?.location == analisa.escalations.first?.location)
        #expect(diff.header == [
            HeaderChange(field: .escalation, kind: .changed, old: nil, new: "{ to: kepala-dinas }", location: new.escalations.first?.location),
        ])
        #expect(diff.definitions.map(\.kind) == [.added, .added])
        #expect(!diff.isEquivalent)
    }

    @Test("a level's time changed: the whole lists, at the level that changed; the case's levels written as the file does")
    func changed() throws {
        let folder = try TemporaryFolder()
        let old = try revisedLangsung(Self.escalated, in: folder, name: "a.yaml")
        let new = try revisedLangsung(Self.escalated([
            ("{ to: kepala-dinas, after: 2 hari }", "{ to: kepala-dinas, after: 3 hari }"),
            ("escalation: { to: kepala-dinas }\n", "escalation:\n  - { to: kepala-bidang }\n  - { to: kepala-dinas, after: 4 hari }\n"),
        ]), in: folder, name: "b.yaml")
        let diff = WorkflowDiff.compare(old: old, new: new, dayMinutes: kebumenDay)
        let levels = try #require(new.step("analisa")?.escalations)
        #expect(diff.steps.map(\.detail) == [
            .escalation(
                old: [StepEscalation(to: "kepala-bidang", after: nil), StepEscalation(to: "kepala-dinas", after: Budget(days: 2))],
                new: [StepEscalation(to: "kepala-bidang", after: nil), StepEscalation(to: "kepala-dinas", after: Budget(days: 3))]),
        ])
        #expect(diff.steps.first?.location == levels[1].location)
        #expect(diff.header == [
            HeaderChange(
                field: .escalation, kind: .changed, old: "{ to: kepala-dinas }",
                new: "{ to: kepala-bidang }, { to: kepala-dinas, after: 4 hari }", location: new.escalations.first?.location),
        ])
        // Removed: empty lists on the new side, nothing in the header's `new`.
        let removed = WorkflowDiff.compare(old: old, new: try revisedLangsung(Array(Self.escalated.prefix(1)), in: folder, name: "c.yaml"))
        #expect(removed.steps.map(\.detail) == [
            .escalation(old: [StepEscalation(to: "kepala-bidang", after: nil), StepEscalation(to: "kepala-dinas", after: Budget(days: 2))], new: []),
        ])
        #expect(removed.header.map(\.new) == [nil])
        #expect(removed.header.map(\.old) == ["{ to: kepala-dinas }"])
    }

    @Test("the same levels in both revisions, an actor renamed under the same name included, are no change")
    func unchanged() throws {
        let folder = try TemporaryFolder()
        let old = try revisedLangsung(Self.escalated, in: folder, name: "a.yaml")
        #expect(WorkflowDiff.compare(old: old, new: try revisedLangsung(Self.escalated, in: folder, name: "b.yaml")).isEquivalent)
        let renamed = try revisedLangsung(Self.escalated([("kepala-dinas", "kadis")]), in: folder, name: "c.yaml")
        let diff = WorkflowDiff.compare(old: old, new: renamed)
        #expect(diff.steps.isEmpty && diff.header.isEmpty, "\(diff.steps) \(diff.header)")
        #expect(diff.definitions.map(\.kind) == [.renamed])
    }

    @Test("JSON: the levels as lists, both sides always; a change written with one level or null still reads")
    func json() throws {
        let folder = try TemporaryFolder()
        let new = try revisedLangsung(Self.escalated, in: folder)
        let diff = WorkflowDiff.compare(old: try shippedLangsung(), new: new, dayMinutes: kebumenDay)
        try #require(diff.steps.count == 1 && diff.header.count == 1)
        let data = try JSONEncoder().encode(diff)
        #expect(try JSONDecoder().decode(WorkflowDiff.self, from: data) == diff)
        let step = try #require(try JSONSerialization.jsonObject(with: try JSONEncoder().encode(diff.steps[0])) as? [String: Any])
        #expect((step["old"] as? [Any])?.isEmpty == true)
        let levels = try #require(step["new"] as? [[String: String]])
        #expect(levels == [["to": "kepala-bidang"], ["to": "kepala-dinas", "after": "2 hari"]])
        let header = try #require(try JSONSerialization.jsonObject(with: try JSONEncoder().encode(diff.header[0])) as? [String: Any])
        #expect(header["field"] as? String == "escalation")
        #expect(header["new"] as? String == "{ to: kepala-dinas }")

        let oneLevel = #"{"step":"analisa","kind":"escalation","old":null,"new":{"to":"kepala-bidang","after":"1 hari"}}"#
        let decoded = try JSONDecoder().decode(StepChange.self, from: Data(oneLevel.utf8))
        #expect(decoded.detail == .escalation(old: [], new: [StepEscalation(to: "kepala-bidang", after: Budget(days: 1))]))
        let bare = try JSONDecoder().decode(StepChange.self, from: Data(#"{"step":"analisa","kind":"escalation"}"#.utf8))
        #expect(bare.detail == .escalation(old: [], new: []))
        // Something else is still refused.
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(StepChange.self, from: Data(#"{"step":"analisa","kind":"escalation","new":"kepala-bidang"}"#.utf8))
        }
    }

    @Test("the text: every level in order, the case's in the header, in both languages")
    func text() throws {
        let folder = try TemporaryFolder()
        let old = try shippedLangsung()
        let new = try revisedLangsung(Self.escalated, in: folder)
        let diff = WorkflowDiff.compare(old: old, new: new, dayMinutes: kebumenDay)
        let indonesian = DiffText(diff: diff, old: old, new: new, language: .id).render()
        #expect(indonesian.contains("""
            Kepala dokumen
              ~ Eskalasi seluruh pengaduan: - → kepala-dinas setelah total waktu habis

            """))
        #expect(indonesian.contains(
            "  ~ 4. analisa: eskalasi - → kepala-bidang setelah waktu langkah habis, lalu kepala-dinas setelah 2 hari\n"))
        let english = DiffText(diff: diff, old: old, new: new, language: .en).render()
        #expect(english.contains("  ~ Escalation of the whole case: - → kepala-dinas when the case's total time is up\n"))
        #expect(english.contains(
            "  ~ 4. analisa: escalation - → kepala-bidang when the step's time is up, then kepala-dinas after 2 hari\n"))
        // Back again: the levels on the old side, none on the new.
        let back = DiffText(diff: WorkflowDiff.compare(old: new, new: old), old: new, new: old, language: .en).render()
        #expect(back.contains("  ~ Escalation of the whole case: kepala-dinas when the case's total time is up → -\n"))
        #expect(back.contains("  ~ 4. analisa: escalation kepala-bidang when the step's time is up, then kepala-dinas after 2 hari → -\n"))
    }
}

import Foundation
import SOPEngine
import SOPLoading
import SOPModel
import Testing

/// Rules that read what a case has done (`history.X`, `visits.STEP`), on the fixture of
/// `Tests/SOPValidationTests/Fixtures/valid/rules-history.yaml` and variants of its rule.
enum HistoryRules {
    static let text = try! String(
        contentsOf: Shipped.root.appendingPathComponent("Tests/SOPValidationTests/Fixtures/valid/rules-history.yaml"), encoding: .utf8)

    /// The fixture's engine, its rejecting rule replaced by `rule` when given.
    static func engine(rule: String? = nil) throws -> Engine {
        var source = text
        if let rule { source = source.replacingOccurrences(of: "\"visits.isi_formulir >= 2\"", with: "\"\(rule)\"") }
        let workflow = try #require(Loader.load(text: source, file: "rules-history.yaml").workflow)
        return Engine(
            workflow: workflow, reference: WorkflowReference(id: workflow.id.value, revision: 1, contentHash: "riwayat"),
            workingTime: Shipped.workingTime)
    }
}

let clerk = Performer(user: "ani", roles: ["petugas"])

@Suite("Engine: rules that see the case's history")
struct HistoryRuleTests {
    @Test("a label shared by two branches: the first whose rule holds is taken, by the visits of a step")
    func visits() throws {
        var walk = try Walk(try HistoryRules.engine(), fields: [:], at: jakarta(2026, 11, 30, 9), by: clerk)
        try walk.complete(by: clerk)
        try walk.complete("Tidak", by: clerk)
        #expect(walk.state.active?.step == "isi-formulir")
        try walk.complete(by: clerk)
        try walk.complete("Tidak", by: clerk)
        #expect(walk.state.status == .rejected && walk.state.outcome == "ditolak")
    }

    @Test("history.steps_done, history.working_minutes and history.returns count what the case did")
    func counts() throws {
        // Rejected once two steps ended (the form and the check's first round).
        var steps = try Walk(try HistoryRules.engine(rule: "history.steps_done >= 3"), fields: [:], at: jakarta(2026, 11, 30, 9), by: clerk)
        try steps.complete(by: clerk)
        try steps.complete("Tidak", by: clerk)
        #expect(steps.state.active?.step == "isi-formulir")
        try steps.complete(by: clerk)
        try steps.complete("Tidak", by: clerk)
        #expect(steps.state.status == .rejected)
        // Working minutes from the opening: 10 minutes in, not yet 60.
        var minutes = try Walk(try HistoryRules.engine(rule: "history.working_minutes >= 60"), fields: [:], at: jakarta(2026, 11, 30, 9), by: clerk)
        try minutes.complete(by: clerk)
        try minutes.complete("Tidak", by: clerk)
        #expect(minutes.state.active?.step == "isi-formulir")
        try minutes.complete(by: clerk, after: 55)
        try minutes.complete("Tidak", by: clerk)
        #expect(minutes.state.status == .rejected)
        // Returned to the reporter once: rejected at the next "Tidak".
        var returned = try Walk(try HistoryRules.engine(rule: "history.returns >= 1"), fields: [:], at: jakarta(2026, 11, 30, 9), by: clerk)
        try returned.complete(by: clerk)
        try returned.complete("Tidak", by: clerk)
        #expect(returned.state.active?.step == "isi-formulir")
        try returned.complete(by: clerk)
        try returned.run(.returnToReporter(reason: "tanda tangan kurang"), by: clerk)
        try returned.complete(by: clerk)
        try returned.complete("Tidak", by: clerk)
        #expect(returned.state.status == .rejected)
    }

    @Test("a history value that does not exist: located, and the hint lists the ones that do; a count compared with text is a type error")
    func unknownHistoryValue() throws {
        let misspelt = Loader.load(text: HistoryRules.text.replacingOccurrences(of: "visits.isi_formulir >= 2", with: "history.dikembalikan >= 2"), file: "x.yaml")
        let unknown = try #require(misspelt.diagnostics.first { $0.code.id == "SOP0502" })
        #expect(unknown.hint?.en == "known: history.returns, history.steps_done, history.working_minutes", "\(String(describing: unknown.hint))")
        let bare = Loader.load(text: HistoryRules.text.replacingOccurrences(of: "visits.isi_formulir >= 2", with: "returns >= 2"), file: "x.yaml")
        let identifier = try #require(bare.diagnostics.first { $0.code.id == "SOP0502" })
        #expect(identifier.hint?.en.hasPrefix("did you mean 'history.returns'?; a rule can read: channel, fields.…, history.returns") == true)
        let text = Loader.load(text: HistoryRules.text.replacingOccurrences(of: "visits.isi_formulir >= 2", with: "history.returns == 'dua'"), file: "x.yaml")
        #expect(text.diagnostics.contains { $0.code.id == "SOP0502" && $0.message.en.contains("cannot compare int with string") })
    }
}


import Foundation
import SOPEngine
import SOPLoading
import SOPModel
import Testing

/// 067/12351 with escalation: the analysis step to the head of section at its budget (1 hari)
/// and to the head of office at 2 hari, and the whole case to the head of office at its total.
enum Escalating {
    static let text: String = {
        var text = try! String(contentsOf: Shipped.root.appendingPathComponent("workflows/pengaduan-langsung.yaml"), encoding: .utf8)
        func replace(_ old: String, _ new: String) {
            precondition(text.contains(old), old)
            text = text.replacingOccurrences(of: old, with: new)
        }
        replace("  tim-pengaduan: { name: Tim Pengelola Pengaduan }\n",
                "  tim-pengaduan: { name: Tim Pengelola Pengaduan }\n  kepala-bidang: { name: Kepala Bidang }\n  kepala-dinas: { name: Kepala Dinas }\n")
        replace("    budget: 1 hari\n    inputs:\n      - formulir-pengaduan\n      - { document: bukti-obyek, optional: true }\n",
                "    budget: 1 hari\n    escalation:\n      - { to: kepala-bidang }\n      - { to: kepala-dinas, after: 2 hari }\n"
                    + "    inputs:\n      - formulir-pengaduan\n      - { document: bukti-obyek, optional: true }\n")
        replace("total: 2 hari 2 jam", "escalation: { to: kepala-dinas }\ntotal: 2 hari 2 jam")
        return text
    }()

    static let engine: Engine = {
        let loaded = Loader.load(text: text, file: "pengaduan-langsung-eskalasi.yaml")
        let workflow = loaded.workflow!
        return Engine(
            workflow: workflow, reference: WorkflowReference(id: workflow.id.value, revision: workflow.revision.value, contentHash: "eskalasi"),
            workingTime: Shipped.workingTime)
    }()

    /// A case opened Monday 30 November 2026 at 09:00, on the analysis step since 09:15.
    static func onAnalysis() throws -> Walk {
        var walk = try Walk(engine, fields: reporter, at: jakarta(2026, 11, 30, 9))
        try walk.complete(attach: ["formulir-pengaduan"], by: frontOffice)
        try walk.complete("Ya", attach: ["catatan-register"], by: frontOffice)
        try walk.complete("Tidak", by: frontOffice)
        return walk
    }
}

let headOfSection = Performer(user: "bambang", roles: ["kepala-bidang"])
let headOfOffice = Performer(user: "kartini", roles: ["kepala-dinas"])

@Suite("Engine: escalation by the workflow's schedule")
struct EscalationTests {
    func sweep(_ walk: inout Walk, at instant: Date) -> [CaseEvent] {
        let events = walk.engine.sweep(walk.state, at: instant)
        walk.events += events
        walk.state = CaseState.fold(walk.events)!
        walk.clock = max(walk.clock, instant)
        return events
    }

    /// The escalations among events the sweep recorded (it records the step's reminders too).
    func escalations(_ events: [CaseEvent]) -> [CaseEvent] {
        events.filter { if case .reminded = $0.kind { false } else { true } }
    }

    @Test("the levels are scheduled in working time when the step starts and the case opens")
    func scheduled() throws {
        let walk = try Escalating.onAnalysis()
        let active = try #require(walk.state.active)
        #expect(active.step == "analisa")
        let time = Shipped.workingTime
        #expect(active.escalations == [
            ScheduledEscalation(level: 1, to: "kepala-bidang", at: time.deadline(from: active.startedAt, adding: Budget(days: 1))),
            ScheduledEscalation(level: 2, to: "kepala-dinas", at: time.deadline(from: active.startedAt, adding: Budget(days: 2))),
        ])
        #expect(active.escalations[0].at == active.dueAt)
        #expect(walk.state.caseEscalations == [ScheduledEscalation(level: 1, to: "kepala-dinas", at: walk.state.dueAt)])
        // The first thing due is the step's at-risk reminder, before its first level.
        #expect(walk.state.nextScheduledAt == active.reminders.first?.at)
        #expect(try #require(walk.state.nextScheduledAt) < active.escalations[0].at)
        // A step without escalation schedules nothing; the reporter's step never does.
        let opened = try Walk(Escalating.engine, fields: reporter, at: jakarta(2026, 11, 30, 9))
        #expect(opened.state.active?.step == "isi-formulir")
        #expect(opened.state.active?.escalations == [])
        #expect(opened.state.nextScheduledAt == opened.state.dueAt)
    }

    @Test("a level is recorded once its moment has come, by the system, exactly once")
    func once() throws {
        var walk = try Escalating.onAnalysis()
        let first = try #require(walk.state.active?.escalations.first)
        #expect(escalations(sweep(&walk, at: first.at.addingTimeInterval(-60))).isEmpty)
        let events = escalations(sweep(&walk, at: first.at.addingTimeInterval(60)))
        #expect(events.map(\.kind) == [.escalatedBySchedule(step: "analisa", level: 1, to: "kepala-bidang", dueAt: first.at)])
        #expect(events.first?.by == Engine.systemUser)
        #expect(events.first?.at == first.at.addingTimeInterval(60))
        #expect(walk.state.active?.escalatedTo == "kepala-bidang")
        #expect(walk.state.active?.escalationLevel == 1)
        // Again at the same time, or later before the next level: nothing.
        #expect(sweep(&walk, at: first.at.addingTimeInterval(60)).isEmpty)
        #expect(sweep(&walk, at: first.at.addingTimeInterval(3600)).isEmpty)
        // The same event twice does not fold.
        var twice = walk.state
        var again = try #require(events.first)
        again.sequence = twice.version + 1
        let applied = twice.apply(again)
        #expect(!applied)
        // The head of section may now do the step.
        try walk.complete(attach: ["rancangan-tindak-lanjut"], by: headOfSection)
        #expect(walk.state.active?.step == "tindak-lanjut")
    }

    @Test("a sweep run late records every level due, in the order they fell due")
    func late() throws {
        var walk = try Escalating.onAnalysis()
        let step = try #require(walk.state.active?.escalations)
        let whole = walk.state.dueAt
        let events = escalations(sweep(&walk, at: jakarta(2026, 12, 10, 10)))
        #expect(events.map(\.kind) == [
            .escalatedBySchedule(step: "analisa", level: 1, to: "kepala-bidang", dueAt: step[0].at),
            .escalatedBySchedule(step: "analisa", level: 2, to: "kepala-dinas", dueAt: step[1].at),
            .escalatedBySchedule(step: nil, level: 1, to: "kepala-dinas", dueAt: whole),
        ].sorted { lhs, rhs in
            guard case .escalatedBySchedule(_, _, _, let a) = lhs, case .escalatedBySchedule(_, _, _, let b) = rhs else { return false }
            return a < b
        })
        #expect(walk.state.caseEscalatedTo == "kepala-dinas")
        #expect(walk.state.nextScheduledAt == nil)
        // The head of office, to whom the whole case went, acts on the steps that follow.
        try walk.complete(attach: ["rancangan-tindak-lanjut"], by: headOfOffice)
        try walk.complete(attach: ["bukti-hasil-tindak-lanjut"], by: headOfOffice)
        #expect(walk.state.active?.step == "tanggapan-pelapor")
    }

    @Test("a clock set back before the case's last event records nothing")
    func clockBack() throws {
        var walk = try Escalating.onAnalysis()
        let due = try #require(walk.state.active?.escalations.first?.at)
        #expect(escalations(sweep(&walk, at: due.addingTimeInterval(60))).count == 1)
        try walk.run(.note("dicek"), by: headOfSection, after: 10)
        // Back to before the note: the second level would be due by then, but nothing is written.
        #expect(walk.engine.sweep(walk.state, at: walk.state.lastEventAt.addingTimeInterval(-1)).isEmpty)
    }

    @Test("an ended case has nothing due")
    func ended() throws {
        var walk = try Walk(Escalating.engine, fields: reporter, at: jakarta(2026, 11, 30, 9))
        try walk.run(.withdraw(reason: "sudah selesai sendiri"), by: frontOffice)
        #expect(walk.state.nextScheduledAt == nil)
        #expect(walk.engine.sweep(walk.state, at: jakarta(2027, 1, 30, 9)).isEmpty)
    }

    @Test("escalating by hand before the step is due needs a reason, and says it was early")
    func byHand() throws {
        var walk = try Escalating.onAnalysis()
        let copy = walk
        do {
            _ = try copy.engine.handle(.escalate(to: nil, reason: nil), on: copy.state, by: team, at: copy.clock.addingTimeInterval(60))
            Issue.record("an early escalation without a reason was accepted")
        } catch {
            #expect(error.code == .reasonRequired)
        }
        try walk.run(.escalate(to: nil, reason: "perlu keputusan kepala bidang"), by: team)
        #expect(walk.events.last?.kind == .escalated(step: "analisa", to: "kepala-bidang", reason: "perlu keputusan kepala bidang", early: true))
        // Once overdue, no reason is needed, and the escalation is not early.
        var overdue = try Escalating.onAnalysis()
        let due = try #require(overdue.state.active?.dueAt)
        overdue.clock = due
        try overdue.run(.escalate(to: "kepala-dinas", reason: nil), by: team)
        #expect(overdue.events.last?.kind == .escalated(step: "analisa", to: "kepala-dinas", reason: nil, early: false))
    }

    @Test("scheduled escalations and their events keep their values through JSON")
    func coding() throws {
        var walk = try Escalating.onAnalysis()
        _ = sweep(&walk, at: jakarta(2026, 12, 10, 10))
        let encoder = JSONEncoder()
        let decoded = try walk.events.map { try JSONDecoder().decode(CaseEvent.self, from: encoder.encode($0)) }
        #expect(decoded == walk.events)
        #expect(CaseState.fold(decoded) == walk.state)
    }
}

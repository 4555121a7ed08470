import Foundation
import SOPEngine
import SOPLoading
import SOPModel
import Testing

/// The shipped calendar with Tuesday 1 December 2026 made a holiday (a cuti bersama day added
/// mid-year), and the escalating workflow of `Escalating` running on it.
enum NewHoliday {
    static let calendar: WorkCalendar = {
        let url = Shipped.root.appendingPathComponent("workflows/jam-kerja-kebumen.yaml")
        let text = try! String(contentsOf: url, encoding: .utf8)
            .replacingOccurrences(of: "  # 2026\n", with: "  # 2026\n  - { date: 2026-12-01, name: Cuti bersama tambahan }\n")
        return Loader.load(text: text, file: "jam-kerja-kebumen.yaml").calendar!
    }()
    static let workingTime = WorkingTime(calendar: calendar)!
    static let engine = Engine(workflow: Escalating.engine.workflow, reference: Escalating.engine.reference, workingTime: workingTime)

    /// The event that reschedules a case by the new calendar, by an administrator at `instant`.
    static func reschedule(_ state: CaseState, at instant: Date) throws -> CaseEvent? {
        try engine.reschedule(state, calendar: "jam-kerja-kebumen", hash: "baru", by: admin, at: instant)
    }
}

@Suite("Engine: due times computed again when a calendar changes")
struct ReschedulingTests {
    func apply(_ event: CaseEvent?, to walk: inout Walk) throws {
        let event = try #require(event)
        walk.events.append(event)
        walk.state = try #require(CaseState.fold(walk.events))
        walk.clock = max(walk.clock, event.at)
    }

    func sweep(_ walk: inout Walk, at instant: Date) throws -> [CaseEvent.Kind] {
        let events = walk.engine.sweep(walk.state, at: instant)
        walk.events += events
        walk.state = try #require(CaseState.fold(walk.events))
        walk.clock = max(walk.clock, instant)
        return events.map(\.kind)
    }

    @Test("a new holiday moves the step's and the case's due times and every moment the sweep keeps, from the same starts")
    func newHoliday() throws {
        var walk = try Escalating.onAnalysis()
        let before = try #require(walk.state.active)
        let start = before.startedAt
        #expect(before.dueAt == jakarta(2026, 12, 1, 9, 15))
        let event = try NewHoliday.reschedule(walk.state, at: jakarta(2026, 11, 30, 10))
        guard case .rescheduled(let change)? = event?.kind else { Issue.record("no rescheduling"); return }
        #expect(event?.by == "admin")
        #expect(change.previousStepDueAt == jakarta(2026, 12, 1, 9, 15))
        #expect(change.stepDueAt == jakarta(2026, 12, 2, 9, 15))
        #expect(change.previousDueAt == walk.state.dueAt)
        #expect(change.dueAt == NewHoliday.workingTime.deadline(from: walk.state.openedAt, adding: Escalating.engine.totalBudget))
        #expect(change.stepShift == 86_400)
        try apply(event, to: &walk)
        let after = try #require(walk.state.active)
        let time = NewHoliday.workingTime
        #expect(after.startedAt == start && after.dueAt == jakarta(2026, 12, 2, 9, 15) && after.dueRescheduled)
        let afterDue = try #require(after.dueAt)
        #expect(after.reminders == [
            ScheduledReminder(.atRisk, at: try #require(time.atRiskMoment(start: start, due: afterDue))),
            ScheduledReminder(.overdue, at: afterDue),
        ])
        #expect(after.escalations == [
            ScheduledEscalation(level: 1, to: "kepala-bidang", at: time.deadline(from: start, adding: Budget(days: 1))),
            ScheduledEscalation(level: 2, to: "kepala-dinas", at: time.deadline(from: start, adding: Budget(days: 2))),
        ])
        #expect(walk.state.caseEscalations.map(\.at) == [change.dueAt])
        #expect(walk.state.dueRescheduled)
        // The old due time passes with nothing overdue (the step is only at risk); the new one escalates.
        #expect(try sweep(&walk, at: jakarta(2026, 12, 1, 9, 15)) == [.reminded(step: "analisa", reminder: .atRisk, dueAt: after.reminders[0].at)])
        let due = try sweep(&walk, at: jakarta(2026, 12, 2, 9, 15))
        #expect(due.contains(.escalatedBySchedule(step: "analisa", level: 1, to: "kepala-bidang", dueAt: jakarta(2026, 12, 2, 9, 15))))
        // Ending the step records the due time in force, and that a calendar change moved it.
        try walk.complete(attach: ["rancangan-tindak-lanjut"], by: team)
        let record = try #require(walk.state.steps.last)
        #expect(record.step == "analisa" && record.dueAt == jakarta(2026, 12, 2, 9, 15) && record.dueRescheduled)
        #expect(walk.state.active?.dueRescheduled == false)
    }

    @Test("a calendar that moves nothing the case is due by writes nothing")
    func nothingMoves() throws {
        let walk = try Escalating.onAnalysis()
        #expect(try Escalating.engine.reschedule(walk.state, calendar: "jam-kerja-kebumen", hash: "sama", by: admin, at: walk.clock) == nil)
        // A case whose times all fall before the new holiday is not moved either.
        let opened = try Walk(Escalating.engine, fields: reporter, at: jakarta(2026, 11, 23, 9))
        #expect(try NewHoliday.reschedule(opened.state, at: jakarta(2026, 11, 23, 9, 5)) == nil)
    }

    @Test("what the sweep recorded stays recorded: no reminder or level is sent twice")
    func keepsWhatWasSent() throws {
        var walk = try Escalating.onAnalysis()
        let old = try #require(walk.state.active)
        // Overdue under the old calendar: both reminders and the first level recorded.
        let oldDue = try #require(old.dueAt)
        let recorded = try sweep(&walk, at: oldDue)
        #expect(recorded.count == 3)
        try apply(try NewHoliday.reschedule(walk.state, at: oldDue.addingTimeInterval(60)), to: &walk)
        let active = try #require(walk.state.active)
        #expect(active.remindersSent == active.reminders.count && active.escalationLevel == 1)
        #expect(active.nextReminder == nil)
        #expect(active.nextEscalation?.level == 2)
        #expect(try sweep(&walk, at: try #require(active.dueAt)).isEmpty)
        // At risk only: the at-risk reminder stays sent at its new moment, the overdue one is to come.
        var early = try Escalating.onAnalysis()
        let atRisk = try #require(early.state.active?.reminders.first?.at)
        #expect(try sweep(&early, at: atRisk) == [.reminded(step: "analisa", reminder: .atRisk, dueAt: atRisk)])
        try apply(try NewHoliday.reschedule(early.state, at: atRisk.addingTimeInterval(60)), to: &early)
        let moved = try #require(early.state.active)
        #expect(moved.remindersSent == 1 && moved.nextReminder == ScheduledReminder(.overdue, at: jakarta(2026, 12, 2, 9, 15)))
        #expect(try sweep(&early, at: moved.reminders[0].at).isEmpty)
    }

    @Test("refused from anyone but an administrator and before the case's last event; nothing for an ended case")
    func refusals() throws {
        let walk = try Escalating.onAnalysis()
        #expect(throws: EngineError.self) {
            try NewHoliday.engine.reschedule(walk.state, calendar: "jam-kerja-kebumen", hash: "baru", by: team, at: walk.clock)
        }
        #expect(throws: EngineError.self) { try NewHoliday.reschedule(walk.state, at: walk.clock.addingTimeInterval(-60)) }
        var ended = try Escalating.onAnalysis()
        try ended.run(.withdraw(reason: "sudah selesai sendiri"), by: frontOffice)
        #expect(try NewHoliday.reschedule(ended.state, at: ended.clock) == nil)
    }

    @Test("the event keeps its values through JSON, and one that does not start where the case stands does not fold")
    func coding() throws {
        var walk = try Escalating.onAnalysis()
        let event = try #require(try NewHoliday.reschedule(walk.state, at: walk.clock))
        let decoded = try JSONDecoder().decode(CaseEvent.self, from: JSONEncoder().encode(event))
        #expect(decoded == event)
        let json = try #require(String(data: try JSONEncoder().encode(event), encoding: .utf8))
        #expect(json.contains(#""type":"rescheduled""#) && json.contains(#""calendar":"jam-kerja-kebumen""#))
        try apply(event, to: &walk)
        // The same change again: the due times before are no longer the case's.
        var again = event
        again.sequence = walk.state.version + 1
        var copy = walk.state
        let applied = copy.apply(again)
        #expect(!applied)
    }
}

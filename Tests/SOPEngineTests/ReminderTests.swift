import Foundation
import SOPEngine
import SOPLoading
import SOPModel
import Testing

@Suite("Engine: reminders of a step at risk and overdue")
struct ReminderTests {
    @Test("a step's reminders are scheduled when it starts: at 75% of its working time and when it runs out")
    func scheduled() throws {
        let walk = try Escalating.onAnalysis()
        let active = try #require(walk.state.active)
        let due = try #require(active.dueAt)
        let time = Shipped.workingTime
        let atRisk = try #require(time.atRiskMoment(start: active.startedAt, due: due))
        #expect(active.reminders == [ScheduledReminder(.atRisk, at: atRisk), ScheduledReminder(.overdue, at: due)])
        // At the moment itself the step is at risk, a second before it is not.
        #expect(time.slaState(start: active.startedAt, due: due, now: atRisk) == .atRisk)
        #expect(time.slaState(start: active.startedAt, due: due, now: atRisk.addingTimeInterval(-1)) == .onTime)
        // 1 hari from Monday 09:15 (Kebumen: 07:30-16:00, Friday to 11:00): the due time is
        // Tuesday 09:15, and 75% of 8.5 working hours (6 h 22.5 min) after 09:15 is 15:37:30.
        #expect(atRisk == jakarta(2026, 11, 30, 15, 37).addingTimeInterval(30))
        // The reporter's step has none: its time is the reporter's.
        let opened = try Walk(Escalating.engine, fields: reporter, at: jakarta(2026, 11, 30, 9))
        #expect(opened.state.active?.reminders == [])
    }

    @Test("the sweep records each reminder once, by the system, before the escalation due at the same moment")
    func once() throws {
        var walk = try Escalating.onAnalysis()
        let reminders = try #require(walk.state.active?.reminders)
        #expect(walk.engine.sweep(walk.state, at: reminders[0].at.addingTimeInterval(-1)).isEmpty)
        let first = walk.engine.sweep(walk.state, at: reminders[0].at)
        #expect(first.map(\.kind) == [.reminded(step: "analisa", reminder: .atRisk, dueAt: reminders[0].at)])
        #expect(first.first?.by == Engine.systemUser)
        walk.events += first
        walk.state = try #require(CaseState.fold(walk.events))
        #expect(walk.state.nextScheduledAt == reminders[1].at)
        #expect(walk.engine.sweep(walk.state, at: reminders[0].at.addingTimeInterval(60)).isEmpty)
        // The same reminder again does not fold.
        var again = try #require(first.first)
        again.sequence = walk.state.version + 1
        var copy = walk.state
        let applied = copy.apply(again)
        #expect(!applied)
        // At the due time: the overdue reminder to the step's staff, then the first level away from them.
        let due = walk.engine.sweep(walk.state, at: reminders[1].at)
        #expect(due.map(\.kind) == [
            .reminded(step: "analisa", reminder: .overdue, dueAt: reminders[1].at),
            .escalatedBySchedule(step: "analisa", level: 1, to: "kepala-bidang", dueAt: reminders[1].at),
        ])
    }

    @Test("a step that ends before its reminders are due leaves nothing for the sweep")
    func endedStep() throws {
        var walk = try Escalating.onAnalysis()
        let atRisk = try #require(walk.state.active?.reminders.first?.at)
        try walk.complete(attach: ["rancangan-tindak-lanjut"], by: team)
        let next = try #require(walk.state.active)
        #expect(next.step == "tindak-lanjut")
        #expect(next.reminders.first.map { $0.at > atRisk } == true)
        #expect(walk.engine.sweep(walk.state, at: atRisk).isEmpty)
    }

    @Test("reminders and their events keep their values through JSON")
    func coding() throws {
        var walk = try Escalating.onAnalysis()
        walk.events += walk.engine.sweep(walk.state, at: jakarta(2026, 12, 10, 10))
        walk.state = try #require(CaseState.fold(walk.events))
        let due = try #require(walk.state.active?.dueAt)
        #expect(walk.events.contains { $0.kind == .reminded(step: "analisa", reminder: .overdue, dueAt: due) })
        let decoded = try walk.events.map { try JSONDecoder().decode(CaseEvent.self, from: JSONEncoder().encode($0)) }
        #expect(decoded == walk.events)
        #expect(CaseState.fold(decoded) == walk.state)
        // A reminder sop does not write is refused, not guessed.
        let text = #"{"sequence":9,"at":0,"by":"sistem","type":"reminded","step":"analisa","reminder":"soon","dueAt":0}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(CaseEvent.self, from: Data(text.utf8)) }
    }
}

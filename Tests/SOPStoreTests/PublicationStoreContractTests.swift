import Foundation
import SOPEngine
import SOPModel
import Testing
@testable import SOPStorage
@testable import SOPStore

/// Publishing a calendar anew with the open cases it reschedules: one transaction, all or
/// nothing. The contract every store keeps.
@Suite("Store contract: publications that reschedule open cases") struct PublicationStoreContractTests {
    static let calendar = PublishedText.calendar(id: "jam-kerja", text: "kind: Calendar\nid: jam-kerja\n# baru\n")
    static let later = Fixture.monday.addingTimeInterval(2 * Fixture.hour)

    /// A set-up store with three open cases on the first revision, one on the second, and an
    /// ended one on the first.
    static func office(_ scratch: Scratch, on factory: StoreFactory) throws -> (any CaseStore, WorkflowReference, WorkflowReference, [CaseState]) {
        let (store, first, second) = try Fixture.store(scratch, on: factory)
        try StaffContractTests.setUp(store)
        _ = try store.publish([
            .workflow(WorkflowText(text: Fixture.yaml, workflow: "pengaduan-langsung", revision: 1)),
            .workflow(WorkflowText(text: Fixture.otherYAML, workflow: "pengaduan-online", revision: 3)),
        ], by: "admin", at: Fixture.monday)
        var states = try (0..<3).map { _ in try Fixture.open(store, workflow: first) }
        states.append(try Fixture.open(store, workflow: second))
        let ended = try Fixture.open(store, workflow: first)
        _ = try store.append(
            [CaseEvent(sequence: ended.version + 1, at: Fixture.monday + 60, by: "ani", kind: .ended(
                status: .withdrawn, outcome: nil, handedOffTo: nil, reason: "dicabut"))],
            to: ended.number, expectedVersion: ended.version)
        return (store, first, second, states)
    }

    /// The event that moves a case's due times a day later.
    static func dayLater(_ state: CaseState) -> CaseEvent {
        let active = state.active!
        return CaseEvent(sequence: state.version + 1, at: later, by: "admin", kind: .rescheduled(CaseEvent.Rescheduling(
            calendar: "jam-kerja", calendarHash: calendar.hash, previousDueAt: state.dueAt, dueAt: state.dueAt + Fixture.day,
            caseEscalations: [], step: active.step, previousStepDueAt: active.dueAt, stepDueAt: active.dueAt.map { $0 + Fixture.day },
            schedule: StepSchedule(active))))
    }

    @Test(arguments: StoreFactory.all) func openCasesAreReadByTheirRevision(factory: StoreFactory) throws {
        let scratch = try Scratch()
        let (store, first, second, states) = try Self.office(scratch, on: factory)
        #expect(try store.openCaseRevisions() == [first, second])
        #expect(try store.openCases(on: [first]).map(\.state.number) == states.prefix(3).map(\.number))
        #expect(try store.openCases(on: [first, second]).map(\.state.number) == states.map(\.number))
        #expect(try store.openCases(on: []).isEmpty)
    }

    @Test(arguments: StoreFactory.all) func aPublicationReschedulesTheCasesItIsGiven(factory: StoreFactory) throws {
        let scratch = try Scratch()
        let (store, first, _, states) = try Self.office(scratch, on: factory)
        var seen: [Int] = []
        let record = try store.publish([Self.calendar], by: "admin", at: Self.later, rescheduling: [first]) { stored in
            seen.append(stored.state.number)
            // The second case is left as it is.
            return stored.state.number == states[1].number ? [] : [Self.dayLater(stored.state)]
        }
        #expect(seen == states.prefix(3).map(\.number))
        #expect(record.publications.map(\.kind) == [.calendar])
        #expect(record.cases.map(\.state.number) == [states[0].number, states[2].number])
        #expect(record.cases.allSatisfy { $0.events.count == 1 })
        for (index, state) in states.enumerated() {
            let loaded = try #require(try store.loadCase(String(state.number))).state
            let moved = index == 0 || index == 2
            #expect(loaded.dueAt == state.dueAt + (moved ? Fixture.day : 0))
            #expect(loaded.active?.dueAt == state.active!.dueAt.map { $0 + (moved ? Fixture.day : 0) })
            #expect(loaded.active?.dueRescheduled == moved)
        }
        #expect(try store.verify(extending: []).problems.isEmpty)
    }

    @Test(arguments: StoreFactory.all) func aRefusedCaseLeavesNothingWritten(factory: StoreFactory) throws {
        struct Refused: Error {}
        let scratch = try Scratch()
        let (store, first, _, states) = try Self.office(scratch, on: factory)
        let before = try store.cases(matching: CaseFilter()).map { try store.loadCase(String($0.number)) }
        let publications = try store.publications()
        #expect(throws: Refused.self) {
            try store.publish([Self.calendar], by: "admin", at: Self.later, rescheduling: [first]) { stored in
                guard stored.state.number != states[2].number else { throw Refused() }
                return [Self.dayLater(stored.state)]
            }
        }
        // An event that does not fit the case is refused the same way.
        #expect(throws: StoreError.self) {
            try store.publish([Self.calendar], by: "admin", at: Self.later, rescheduling: [first]) { stored in
                var event = Self.dayLater(stored.state)
                event.sequence += 1
                return [event]
            }
        }
        #expect(try store.cases(matching: CaseFilter()).map { try store.loadCase(String($0.number)) } == before)
        #expect(try store.publications() == publications)
        #expect(try store.calendarText(hash: Self.calendar.hash) == nil)
    }
}

import Foundation
import SOPEngine
import SOPModel
import Testing
@testable import SOPStorage
@testable import SOPStore

/// Moves of cases between revisions through the store: one transaction for every case, all or
/// nothing. The contract every store keeps.
@Suite("Store contract: moves between revisions") struct RevisionMoveStoreContractTests {
    static let revision2 = WorkflowText(text: Fixture.yaml.replacingOccurrences(of: "revision: 1", with: "revision: 2"), workflow: "pengaduan-langsung", revision: 2)
    static var reference2: WorkflowReference { WorkflowReference(id: "pengaduan-langsung", revision: 2, contentHash: revision2.hash) }
    static let later = Fixture.monday.addingTimeInterval(2 * Fixture.hour)

    /// The event that moves a case onto revision 2, onto `step` (its own step by default).
    static func move(
        _ state: CaseState, _ id: String, from fromStep: StepID? = nil, to step: StepID? = nil, at instant: Date = later
    ) -> CaseEvent {
        let fromStep = fromStep ?? state.active!.step
        return CaseEvent(sequence: state.version + 1, at: instant, by: "admin", kind: .moved(CaseEvent.RevisionMove(
            move: id, from: state.workflow, to: reference2, fromStep: fromStep, step: step ?? fromStep,
            mapping: step.map { [StepMapping(from: fromStep, to: $0)] } ?? [],
            stepDueAt: instant.addingTimeInterval(Fixture.hour), dueAt: instant.addingTimeInterval(Fixture.day),
            waitsForReporter: false, actors: ["tim-pengaduan"])))
    }

    /// Three open cases on revision 1.
    static func threeCases(_ scratch: Scratch, on factory: StoreFactory) throws -> (any CaseStore, [CaseState]) {
        let (store, reference, _) = try Fixture.store(scratch, on: factory)
        let states = try (0..<3).map { _ in try Fixture.open(store, workflow: reference) }
        return (store, states)
    }

    /// What the store holds, to compare before and after a refused move: every case with
    /// its events, the moves recorded, and whether revision 2's text is there.
    struct Snapshot: Equatable {
        var cases: [StoredCase?]
        var moves: [MoveRecord]
        var hasRevision2: Bool
    }

    static func snapshot(_ store: any CaseStore) throws -> Snapshot {
        Snapshot(
            cases: try store.cases(matching: CaseFilter()).map { try store.loadCase(String($0.number)) },
            moves: try store.revisionMoves(workflow: nil),
            hasRevision2: try store.workflowText(hash: revision2.hash) != nil)
    }

    @Test(arguments: StoreFactory.all) func aMoveMovesEveryCaseAndIsRecorded(factory: StoreFactory) throws {
        let scratch = try Scratch()
        let (store, states) = try Self.threeCases(scratch, on: factory)
        let record = try store.moveCases { id in
            #expect(id == "M1")
            return MoveBatch(
                workflowText: Self.revision2, mapping: [StepMapping(from: "terima-pengaduan", to: "analisa")], by: "admin", at: Self.later,
                moves: states.map { CaseMove(caseNumber: $0.number, expectedVersion: $0.version, events: [Self.move($0, id, to: "analisa")], state: $0) })
        }
        #expect(record.id == "M1")
        #expect(record.cases.map(\.number) == [1, 2, 3])
        #expect(record.cases.allSatisfy { $0.fromStep == "terima-pengaduan" && $0.step == "analisa" && $0.sequence == 3 && $0.from.revision == 1 })
        #expect(try store.workflowText(hash: Self.revision2.hash) == Self.revision2.text)
        for state in states {
            let moved = try #require(try store.loadCase(String(state.number)))
            #expect(moved.state.workflow == Self.reference2)
            #expect(moved.state.active?.step == "analisa")
            #expect(moved.state.active?.startedAt == state.active?.startedAt)
            #expect(moved.state.revisionChanges.map(\.move) == ["M1"])
        }
        let summaries = try store.cases(matching: CaseFilter(step: "analisa"))
        #expect(summaries.map(\.workflow.revision) == [2, 2, 2])
        #expect(summaries.allSatisfy { $0.currentActors == ["tim-pengaduan"] })
        let stored = try #require(try store.revisionMove("m1"))
        #expect(stored.cases == record.cases)
        #expect(stored.mapping == record.mapping)
        #expect(try store.revisionMoves(workflow: "pengaduan-langsung").map(\.id) == ["M1"])
        #expect(try store.revisionMoves(workflow: "pengaduan-online").isEmpty)
        #expect(try store.revisionMove("M2") == nil)
        #expect(try store.revisionMove("bukan") == nil)
    }

    /// A case changed by someone else after the move was planned: the whole move is
    /// refused, also the cases written before it inside the transaction.
    @Test(arguments: StoreFactory.all) func aConflictOnTheLastCaseWritesNothing(factory: StoreFactory) throws {
        let scratch = try Scratch()
        let (store, states) = try Self.threeCases(scratch, on: factory)
        // Meanwhile, case 3 gets a note.
        _ = try store.append([CaseEvent(sequence: 3, at: Self.later, by: "ani", kind: .noteAdded("sela"))], to: 3, expectedVersion: 2)
        let before = try Self.snapshot(store)
        let error = caught {
            _ = try store.moveCases { id in
                MoveBatch(workflowText: Self.revision2, mapping: [], by: "admin", at: Self.later,
                    moves: states.map { CaseMove(caseNumber: $0.number, expectedVersion: $0.version, events: [Self.move($0, id)], state: $0) })
            }
        }
        #expect((error as? StoreError)?.code == .conflict)
        #expect(try Self.snapshot(store) == before)
        #expect(try store.workflowText(hash: Self.revision2.hash) == nil)
        // The number was not used up.
        let next = try store.moveCases { id in
            MoveBatch(workflowText: Self.revision2, mapping: [], by: "admin", at: Self.later,
                moves: [CaseMove(caseNumber: 1, expectedVersion: 2, events: [Self.move(states[0], id)])])
        }
        #expect(next.id == "M1")
    }

    @Test(arguments: StoreFactory.all) func eventsThatDoNotFitTheSecondCaseWriteNothing(factory: StoreFactory) throws {
        let scratch = try Scratch()
        let (store, states) = try Self.threeCases(scratch, on: factory)
        let before = try Self.snapshot(store)
        #expect(storeErrorCode {
            _ = try store.moveCases { id in
                var moves = states.map { CaseMove(caseNumber: $0.number, expectedVersion: $0.version, events: [Self.move($0, id)]) }
                // Moves from a step the case does not stand on.
                moves[1].events = [Self.move(states[1], id, from: "verifikasi")]
                return MoveBatch(workflowText: Self.revision2, mapping: [], by: "admin", at: Self.later, moves: moves)
            }
        } == "invalid-events")
        #expect(try Self.snapshot(store) == before)
        // Events that do not move the case by this move, or move it elsewhere, are refused too.
        #expect(storeErrorCode {
            _ = try store.moveCases { _ in
                MoveBatch(workflowText: Self.revision2, mapping: [], by: "admin", at: Self.later,
                    moves: [CaseMove(caseNumber: 1, expectedVersion: 2, events: [Self.move(states[0], "M9")])])
            }
        } == "invalid-events")
        #expect(storeErrorCode {
            _ = try store.moveCases { id in MoveBatch(workflowText: Self.revision2, mapping: [], by: "admin", at: Self.later, moves: []) }
        } == "invalid-events")
        #expect(try Self.snapshot(store) == before)
    }

    @Test(arguments: StoreFactory.all) func anErrorOfTheCallerWritesNothingAndComesBackUnchanged(factory: StoreFactory) throws {
        struct Refused: Error {}
        let scratch = try Scratch()
        let (store, _) = try Self.threeCases(scratch, on: factory)
        let before = try Self.snapshot(store)
        #expect(caught { _ = try store.moveCases { _ in throw Refused() } } is Refused)
        #expect(try Self.snapshot(store) == before)
    }

    @Test(arguments: StoreFactory.all) func undoPutsEveryCaseBackOnce(factory: StoreFactory) throws {
        let scratch = try Scratch()
        let (store, states) = try Self.threeCases(scratch, on: factory)
        let record = try store.moveCases { id in
            MoveBatch(workflowText: Self.revision2, mapping: [], by: "admin", at: Self.later,
                moves: states.map { CaseMove(caseNumber: $0.number, expectedVersion: $0.version, events: [Self.move($0, id, to: "analisa")]) })
        }
        let undone = try store.undoMove("M1") { record, cases in
            #expect(cases.map(\.state.number) == [1, 2, 3])
            let moves = try cases.map { stored in
                CaseMove(caseNumber: stored.state.number, expectedVersion: stored.state.version, events: [
                    try Engine.undoMove(record.id, events: stored.events, by: Performer(user: "admin", roles: ["admin"]), at: Self.later + 60),
                ], state: stored.state)
            }
            return MoveUndoBatch(by: "admin", at: Self.later + 60, moves: moves)
        }
        #expect(undone.undoneBy == "admin")
        #expect(undone.cases.map(\.undoSequence) == [4, 4, 4])
        for state in states {
            let back = try #require(try store.loadCase(String(state.number))?.state)
            #expect(back.workflow == state.workflow)
            #expect(back.active?.step == state.active?.step)
            #expect(back.active?.dueAt == state.active?.dueAt)
            #expect(back.dueAt == state.dueAt)
            #expect(back.revisionChanges.map(\.isUndo) == [false, true])
        }
        #expect(try store.cases(matching: CaseFilter()).allSatisfy { $0.workflow.revision == 1 })
        #expect(try store.revisionMove("M1")?.undoneBy == "admin")
        #expect(record.undoneBy == nil)
        #expect(storeErrorCode { _ = try store.undoMove("M1") { _, _ in MoveUndoBatch(by: "x", at: Self.later, moves: []) } } == "already-undone")
        #expect(storeErrorCode { _ = try store.undoMove("M7") { _, _ in MoveUndoBatch(by: "x", at: Self.later, moves: []) } } == "unknown-migration")
        #expect(storeErrorCode { _ = try store.undoMove("x1") { _, _ in MoveUndoBatch(by: "x", at: Self.later, moves: []) } } == "unknown-migration")
    }

    /// Reports read histories in bulk with SQL: a move to another revision and its undo give what
    /// the fold gives.
    @Test(arguments: StoreFactory.all) func historiesReadInBulkFollowMovesAndUndos(factory: StoreFactory) throws {
        let scratch = try Scratch()
        let (store, states) = try Self.threeCases(scratch, on: factory)
        func agree() throws {
            var bulk: [Int: CaseHistory] = [:]
            try store.caseHistories(CaseHistoryFilter()) { bulk[$0.number] = $0 }
            var loaded: [Int: CaseHistory] = [:]
            try store.caseHistoriesByLoading(CaseHistoryFilter()) { loaded[$0.number] = $0 }
            #expect(bulk.count == 3)
            #expect(bulk == loaded)
        }
        _ = try store.moveCases { id in
            MoveBatch(workflowText: Self.revision2, mapping: [], by: "admin", at: Self.later,
                moves: states.map { CaseMove(caseNumber: $0.number, expectedVersion: $0.version, events: [Self.move($0, id, to: "analisa")]) })
        }
        try agree()
        var moved: [Int: CaseHistory] = [:]
        try store.caseHistories(CaseHistoryFilter()) { moved[$0.number] = $0 }
        #expect(moved[1]?.current?.step == "analisa")
        #expect(moved[1]?.current?.dueAt == Self.later.addingTimeInterval(Fixture.hour))
        #expect(moved[1]?.dueAt == Self.later.addingTimeInterval(Fixture.day))
        _ = try store.undoMove("M1") { record, cases in
            let moves = try cases.map { stored in
                CaseMove(caseNumber: stored.state.number, expectedVersion: stored.state.version, events: [
                    try Engine.undoMove(record.id, events: stored.events, by: Performer(user: "admin", roles: ["admin"]), at: Self.later + 60),
                ], state: stored.state)
            }
            return MoveUndoBatch(by: "admin", at: Self.later + 60, moves: moves)
        }
        try agree()
    }

    @Test(arguments: StoreFactory.all) func anUndoThatLeavesACaseBehindWritesNothing(factory: StoreFactory) throws {
        let scratch = try Scratch()
        let (store, states) = try Self.threeCases(scratch, on: factory)
        _ = try store.moveCases { id in
            MoveBatch(workflowText: Self.revision2, mapping: [], by: "admin", at: Self.later,
                moves: states.map { CaseMove(caseNumber: $0.number, expectedVersion: $0.version, events: [Self.move($0, id)]) })
        }
        let before = try Self.snapshot(store)
        #expect(storeErrorCode {
            _ = try store.undoMove("M1") { record, cases in
                MoveUndoBatch(by: "admin", at: Self.later, moves: try cases.dropLast().map { stored in
                    CaseMove(caseNumber: stored.state.number, expectedVersion: stored.state.version, events: [
                        try Engine.undoMove(record.id, events: stored.events, by: Performer(user: "admin", roles: ["admin"]), at: Self.later),
                    ])
                })
            }
        } == "invalid-events")
        #expect(try Self.snapshot(store) == before)
        #expect(try store.revisionMove("M1")?.undoneAt == nil)
    }

    @Test(arguments: ["M1", "m1", "1", " M1 "]) func moveIDsAreRead(_ text: String) {
        #expect(MoveRecord.number(in: text) == 1)
    }

    @Test(arguments: ["", "M", "M0", "M-1", "X1", "M1a", "M99999999999999999999"]) func otherIDsAreNot(_ text: String) {
        #expect(MoveRecord.number(in: text) == nil)
    }
}

import Foundation
import GRDB
import SOPEngine
import SOPModel
import Testing
@testable import SOPStore

/// How a step is written: only the indexed columns it changes are named, through statements bound
/// by hand, and the order of a case's events is kept by the table's own keys.
@Suite struct StepWriteTests {
    /// The `cases` row as it is stored, and as the fold of the case's events says it must be.
    private func rows(_ store: SQLiteCaseStore, _ state: CaseState) throws -> (stored: [DatabaseValue]?, expected: [DatabaseValue]?) {
        try store.database.read { (db: Database) throws in
            let columns = """
                number, register_number, workflow_id, revision, content_hash, status, current_step, channel,
                opened_at, due_at, step_due_at, closed_at, version, current_actors, step_started_at
                """
            let stored = try Row.fetchOne(db, sql: "SELECT \(columns) FROM cases WHERE number = ?", arguments: [state.number])
            let expected = try Row.fetchOne(
                db, sql: "SELECT " + Array(repeating: "?", count: 15).joined(separator: ", "),
                arguments: SQLiteCaseStore.caseRow(state, number: state.number, registerNumber: state.registerNumber))
            return (stored.map { Array($0.databaseValues) }, expected.map { Array($0.databaseValues) })
        }
    }

    @Test func afterEveryKindOfStepTheRowIsTheFoldsRow() throws {
        let scratch = try Scratch()
        let (store, reference, _) = try Fixture.store(scratch)
        var state = try Fixture.open(store, workflow: reference)
        var clock = Fixture.monday
        func append(_ kinds: [CaseEvent.Kind]) throws {
            clock += Fixture.hour
            let events = kinds.enumerated().map { CaseEvent(sequence: state.version + 1 + $0.offset, at: clock, by: "ani", kind: $0.element) }
            state = try store.append(events, to: state.number, expectedVersion: state.version)
            let (stored, expected) = try rows(store, state)
            #expect(stored != nil)
            #expect(stored == expected, "after \(kinds)")
            #expect(try store.loadCase(String(state.number))?.state == state)
        }
        // A note changes no indexed column; a step changes the step deadline; a step of the
        // reporter changes the status; an escalation the roles; the end the status and closing time.
        try append([.noteAdded("dicatat")])
        try append([
            .stepCompleted(step: "terima-pengaduan", branch: nil, onBehalfOfReporter: false),
            .stepStarted(step: "verifikasi", dueAt: clock + 2 * Fixture.day, waitsForReporter: false, actors: ["front-office"]),
        ])
        try append([.escalated(step: "verifikasi", to: "kepala-dinas", reason: "lama")])
        try append([
            .stepCompleted(step: "verifikasi", branch: nil, onBehalfOfReporter: false),
            .stepStarted(step: "lengkapi", dueAt: clock + Fixture.day, waitsForReporter: true, actors: ["pelapor"]),
        ])
        try append([
            .stepCompleted(step: "lengkapi", branch: nil, onBehalfOfReporter: true),
            .stepStarted(step: "analisa", dueAt: clock + Fixture.day, waitsForReporter: false),
        ])
        try append([
            .stepCompleted(step: "analisa", branch: "ya", onBehalfOfReporter: false),
            .ended(status: .resolved, outcome: "selesai", handedOffTo: nil, reason: nil),
        ])
        #expect(state.status == .resolved)
        #expect(try store.cases(matching: CaseFilter(statuses: [.resolved])).map(\.number) == [state.number])
        #expect(try store.cases(matching: CaseFilter(statuses: [.open, .waitingForReporter])).isEmpty)
    }

    @Test func aStatementThatFailsIsUsableAgain() throws {
        let scratch = try Scratch()
        let (store, reference, _) = try Fixture.store(scratch)
        let opened = try Fixture.open(store, workflow: reference)
        let next = Fixture.advance(opened, to: "verifikasi", at: Fixture.monday + 60)
        // Event 4 without event 3: a gap, refused by the table, through the same cached INSERT.
        let error = caught {
            try store.database.write { (db: Database) throws in try store.insert([next[1]], caseNumber: 1, db) }
        }
        #expect((error as? DatabaseError)?.resultCode == .SQLITE_CONSTRAINT)
        #expect(try integer(store, "SELECT COUNT(*) FROM events") == 2)
        // The same statement, with the events in order, goes on.
        let state = try store.append(next, to: 1, expectedVersion: opened.version)
        #expect(try store.loadCase("1")?.state == state)
        #expect(try integer(store, "SELECT COUNT(*) FROM events") == 4)
    }

    @Test(arguments: [
        // A gap, a sequence twice, a sequence 0, a first event of a case that does not exist.
        "INSERT INTO events (case_number, sequence, at, by_user, kind, payload) VALUES (1, 4, 0, 'x', 'note-added', '{}')",
        "INSERT INTO events (case_number, sequence, at, by_user, kind, payload) VALUES (1, 2, 0, 'x', 'note-added', '{}')",
        "INSERT INTO events (case_number, sequence, at, by_user, kind, payload) VALUES (1, 0, 0, 'x', 'note-added', '{}')",
        "INSERT INTO events (case_number, sequence, at, by_user, kind, payload) VALUES (99, 1, 0, 'x', 'opened', '{}')",
        "INSERT INTO events (case_number, sequence, at, by_user, kind, payload) VALUES (99, 2, 0, 'x', 'note-added', '{}')",
    ])
    func eventsOutOfOrderOrOfNoCaseAreRefused(_ sql: String) throws {
        let scratch = try Scratch()
        let (store, reference, _) = try Fixture.store(scratch)
        try Fixture.open(store, workflow: reference)
        let error = caught { try store.database.write { (db: Database) throws in try db.execute(sql: sql) } }
        #expect((error as? DatabaseError)?.resultCode == .SQLITE_CONSTRAINT)
        #expect(try integer(store, "SELECT COUNT(*) FROM events") == 2)
    }

    @Test func theNextEventInOrderIsAccepted() throws {
        let scratch = try Scratch()
        let (store, reference, _) = try Fixture.store(scratch)
        try Fixture.open(store, workflow: reference)
        try store.database.write { (db: Database) throws in
            try db.execute(sql: "INSERT INTO events (case_number, sequence, at, by_user, kind, payload) VALUES (1, 3, 0, 'x', 'note-added', '{}')")
        }
        #expect(try integer(store, "SELECT COUNT(*) FROM events") == 3)
    }
}

import Foundation
import GRDB
import GRDBSQLite
import SOPEngine
import SOPModel
import Testing
@testable import SOPStorage
@testable import SOPStore
import SOPStoreSeeding

/// How a step is written: only the indexed columns it changes are named, and a case's events are
/// kept by their key, (case, sequence), which the schema holds: an event twice or a gap is refused
/// on write, and reported as damage, naming the case, on read.
@Suite struct StepWriteTests {
    /// The `cases` row as it is stored, and as the fold of the case's events says it must be.
    private func rows(_ store: SQLiteCaseStore, _ state: CaseState) throws -> (stored: [DatabaseValue]?, expected: [DatabaseValue]?) {
        try store.database.read { (db: Database) throws in
            let stored = try Row.fetchOne(
                db, sql: "SELECT \(Ledger.caseRowColumns), row_hash FROM cases WHERE number = ?", arguments: [state.number])
            let head = try String.fetchOne(
                db, sql: "SELECT hash FROM events WHERE case_number = ? AND sequence = ?", arguments: [state.number, state.version])
            let expected = try Row.fetchOne(
                db, sql: "SELECT " + Array(repeating: "?", count: 19).joined(separator: ", "),
                arguments: try SQLiteCaseStore.caseRow(
                    state, number: state.number, registerNumber: state.registerNumber, chainHead: try #require(head)))
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

    @Test func eventsAreKeyedByCaseAndSequence() throws {
        let scratch = try Scratch()
        let store = try twoCases(scratch)
        try store.database.read { (db: Database) throws in
            #expect(try db.primaryKey("events").columns == ["case_number", "sequence"])
            #expect(try db.columns(in: "cases").map(\.name).contains("event_rows") == false)
            let keys = try Row.fetchAll(db, sql: "SELECT case_number, sequence FROM events ORDER BY case_number, sequence")
            #expect(keys.map { [$0[0] as Int, $0[1] as Int] } == [[1, 1], [1, 2], [1, 3], [1, 4], [2, 1], [2, 2], [2, 3], [2, 4]])
        }
        #expect(try store.loadCase("2")?.events.map(\.sequence) == [1, 2, 3, 4])
    }

    @Test func aStatementThatFailsIsUsableAgain() throws {
        let scratch = try Scratch()
        let (store, reference, _) = try Fixture.store(scratch)
        let opened = try Fixture.open(store, workflow: reference)
        let next = Fixture.advance(opened, to: "verifikasi", at: Fixture.monday + 60)
        // Events of a case that does not exist: refused by the table, through the cached INSERT.
        let error = caught {
            try store.database.write { (db: Database) throws in _ = try store.insert(next, caseNumber: 99, previous: Chain.genesis, db) }
        }
        #expect((error as? DatabaseError)?.resultCode == .SQLITE_CONSTRAINT)
        #expect(try integer(store, "SELECT COUNT(*) FROM events") == 2)
        #expect(storeErrorCode { _ = try store.append(next, to: 99, expectedVersion: opened.version) } == "unknown-case")
        // The same with a state of case 99 given, which is trusted and so not looked up first.
        var ghost = opened
        ghost.number = 99
        #expect(storeErrorCode {
            _ = try store.append(next, attachments: [], to: 99, expectedVersion: opened.version, from: ghost)
        } == "unknown-case")
        // The same statement, for the case that exists, goes on.
        let state = try store.append(next, to: 1, expectedVersion: opened.version)
        #expect(try store.loadCase("1")?.state == state)
        #expect(try integer(store, "SELECT COUNT(*) FROM events") == 4)
    }

    /// Written past the store, as with `sqlite3`: an event before the first, of no case, a
    /// sequence taken (the key), a sequence skipped, or a case's first event not numbered 1 (the
    /// order trigger), a change or a deletion (the append-only triggers).
    @Test(arguments: [
        "INSERT INTO events (case_number, sequence, at, by_user, kind, payload) VALUES (1, 0, 0, 'x', 'note-added', '{}')",
        "INSERT INTO events (case_number, sequence, at, by_user, kind, payload) VALUES (99, 1, 0, 'x', 'opened', '{}')",
        "INSERT INTO events (case_number, sequence, at, by_user, kind, payload) VALUES (1, 2, 0, 'x', 'note-added', '{}')",
        "INSERT INTO events (case_number, sequence, at, by_user, kind, payload) VALUES (1, 4, 0, 'x', 'note-added', '{}')",
        "INSERT INTO events (case_number, sequence, at, by_user, kind, payload) VALUES (1, 3, 0, 'x', 'note-added', '{}'), (1, 3, 0, 'x', 'note-added', '{}')",
        "UPDATE events SET sequence = 3 WHERE case_number = 1 AND sequence = 2",
        "UPDATE events SET payload = '{}' WHERE case_number = 1 AND sequence = 2",
        "DELETE FROM events WHERE case_number = 1 AND sequence = 2",
        "INSERT OR REPLACE INTO events (case_number, sequence, at, by_user, kind, payload) VALUES (1, 2, 0, 'x', 'note-added', '{}')",
    ])
    func theSchemaRefusesEventsOutOfOrderTwiceOrChanged(_ sql: String) throws {
        let scratch = try Scratch()
        let (store, reference, _) = try Fixture.store(scratch)
        try Fixture.open(store, workflow: reference)
        let error = caught { try store.database.write { (db: Database) throws in try db.execute(sql: sql) } }
        #expect((error as? DatabaseError)?.resultCode == .SQLITE_CONSTRAINT)
        #expect(try integer(store, "SELECT COUNT(*) FROM events") == 2)
    }

    /// Two cases of two steps each, whose events were written in turn.
    private func twoCases(_ scratch: Scratch) throws -> SQLiteCaseStore {
        let (store, reference, _) = try Fixture.store(scratch)
        let first = try Fixture.open(store, workflow: reference)
        let second = try Fixture.open(store, workflow: reference)
        _ = try store.append(Fixture.advance(first, to: "verifikasi", at: Fixture.monday + 60), to: 1, expectedVersion: first.version)
        _ = try store.append(Fixture.advance(second, to: "verifikasi", at: Fixture.monday + 60), to: 2, expectedVersion: second.version)
        return store
    }

    /// Case 1's events damaged past the schema, as a hand edit with `sqlite3` could (its triggers
    /// dropped, or its table rebuilt without the key): an event missing in the middle or at the
    /// end, one renumbered, one there twice, or one more than the version. Loading the case and
    /// reading histories say the file is damaged and name the case; case 2 still loads.
    @Test(arguments: [
        "DROP TRIGGER events_never_deleted; DELETE FROM events WHERE case_number = 1 AND sequence = 3",
        "DROP TRIGGER events_never_deleted; DELETE FROM events WHERE case_number = 1 AND sequence = 4",
        "DROP TRIGGER events_never_updated; UPDATE events SET sequence = 5 WHERE case_number = 1 AND sequence = 4",
        "DROP TRIGGER events_in_order; INSERT INTO events (case_number, sequence, at, by_user, kind, payload, previous, hash) SELECT 1, 5, at, by_user, kind, payload, hash, hash FROM events WHERE case_number = 1 AND sequence = 4",
        """
        DROP TRIGGER cases_name_their_last_event;
        CREATE TABLE events_loose AS SELECT * FROM events;
        DROP TABLE events;
        ALTER TABLE events_loose RENAME TO events;
        DELETE FROM events WHERE case_number = 1 AND sequence = 4;
        INSERT INTO events SELECT case_number, 3, at, by_user, kind, payload, previous, hash FROM events WHERE case_number = 1 AND sequence = 3
        """,
    ])
    func damagedSequencesAreReportedNamingTheCase(_ damage: String) throws {
        let scratch = try Scratch()
        let store = try twoCases(scratch)
        var read = 0
        try store.caseHistories(CaseHistoryFilter()) { _ in read += 1 }
        #expect(read == 2)
        try store.database.writeWithoutTransaction { (db: Database) throws in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            try db.execute(sql: damage)
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
        let loading = caught { _ = try store.loadCase("1") } as? StoreError
        #expect(loading?.code == .damagedCase)
        #expect(loading?.description.contains("case 1") == true, "\(String(describing: loading))")
        #expect(try store.loadCase("2")?.state.version == 4)
        for filter in [CaseHistoryFilter(), CaseHistoryFilter(openedFrom: Fixture.monday - Fixture.day, workflow: "pengaduan-langsung")] {
            let reading = caught { try store.caseHistories(filter) { _ in } } as? StoreError
            #expect(reading?.code == .damagedCase)
            #expect(reading?.description.contains("case 1") == true, "\(String(describing: reading))")
        }
    }

    /// The history a case's row holds for reports, damaged by hand: not JSON, not a history, or
    /// another case's. Reading histories says the file is damaged and names the case.
    @Test(arguments: [
        "UPDATE cases SET history = 'x' WHERE number = 1",
        "UPDATE cases SET history = '{}' WHERE number = 1",
        "UPDATE cases SET history = (SELECT history FROM cases WHERE number = 2) WHERE number = 1",
    ])
    func aDamagedHistoryIsReportedNamingTheCase(_ damage: String) throws {
        let scratch = try Scratch()
        let store = try twoCases(scratch)
        var read: [CaseHistory] = []
        try store.caseHistories(CaseHistoryFilter()) { read.append($0) }
        #expect(read == [try #require(try store.loadCase("1")).state, try #require(try store.loadCase("2")).state].map(CaseHistory.init))
        try store.database.write { (db: Database) throws in try db.execute(sql: damage) }
        let reading = caught { try store.caseHistories(CaseHistoryFilter()) { _ in } } as? StoreError
        #expect(reading?.code == .damagedCase)
        #expect(reading?.description.contains("case 1") == true, "\(String(describing: reading))")
    }

    /// Rewriting the file (`VACUUM`) after a case was taken out by hand leaves the others whole.
    @Test func eventsSurviveVacuum() throws {
        let scratch = try Scratch()
        let store = try twoCases(scratch)
        try store.database.writeWithoutTransaction { (db: Database) throws in
            try db.execute(sql: """
                DROP TRIGGER events_never_deleted;
                DROP TRIGGER cases_never_deleted;
                PRAGMA foreign_keys = OFF;
                DELETE FROM events WHERE case_number = 1;
                DELETE FROM cases WHERE number = 1;
                PRAGMA foreign_keys = ON;
                VACUUM;
                """)
        }
        #expect(try store.loadCase("2")?.state.version == 4)
        var read: [Int] = []
        try store.caseHistories(CaseHistoryFilter()) { read.append($0.number) }
        #expect(read == [2])
    }

    /// Cases written in bulk (imports, benchmarks) keep their events as cases opened one by one do.
    @Test func casesWrittenInBulkKeepTheirEvents() throws {
        let scratch = try Scratch()
        let (store, reference, _) = try Fixture.store(scratch)
        let first = Fixture.opening(1, "067/PGD/2026/000001", workflow: reference)
        let second = Fixture.opening(2, "067/PGD/2026/000002", workflow: reference)
        let firstState = try #require(CaseState.fold(first))
        let states = try store.insertCases([first + Fixture.advance(firstState, to: "verifikasi", at: Fixture.monday + 60), second])
        try store.insertCopies(of: [second], [CaseCopy(template: 0, number: 3, registerNumber: "067/PGD/2026/000003", shift: 3600)])
        #expect(try integer(store, "SELECT COUNT(*) FROM events") == 8)
        #expect(try store.loadCase("1")?.state == states[0])
        #expect(try store.loadCase("2")?.state == states[1])
        #expect(try store.loadCase("3")?.state.version == 2)
        let next = try store.append(Fixture.advance(states[0], to: "analisa", at: Fixture.monday + 120), to: 1, expectedVersion: 4)
        #expect(try store.loadCase("1")?.state == next)
    }

    /// A value SQLite will not take is refused with its error, never stored as NULL, and nothing
    /// of the step is written.
    @Test func aValueTooLargeIsRefused() throws {
        let scratch = try Scratch()
        let (store, reference, _) = try Fixture.store(scratch)
        let opened = try Fixture.open(store, workflow: reference)
        try store.database.writeWithoutTransaction { (db: Database) throws in
            _ = sqlite3_limit(db.sqliteConnection, SQLITE_LIMIT_LENGTH, 1000)
        }
        let note = CaseEvent(sequence: opened.version + 1, at: Fixture.monday + 60, by: "ani", kind: .noteAdded(String(repeating: "x", count: 2000)))
        let error = caught { _ = try store.append([note], to: opened.number, expectedVersion: opened.version) }
        #expect(error != nil)
        #expect(try integer(store, "SELECT COUNT(*) FROM events") == 2)
        #expect(try integer(store, "SELECT version FROM cases WHERE number = 1") == opened.version)
        let short = CaseEvent(sequence: opened.version + 1, at: Fixture.monday + 60, by: "ani", kind: .noteAdded("dicatat"))
        #expect(try store.append([short], to: opened.number, expectedVersion: opened.version).version == opened.version + 1)
    }
}

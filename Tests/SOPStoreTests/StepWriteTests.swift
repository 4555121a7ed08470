import Foundation
import GRDB
import GRDBSQLite
import SOPEngine
import SOPModel
import Testing
@testable import SOPStore

/// How a step is written: only the indexed columns it changes are named, through statements bound
/// by hand, and the case's row lists its events, in order.
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

    @Test func theRowListsTheEventsInOrder() throws {
        let scratch = try Scratch()
        let (store, reference, _) = try Fixture.store(scratch)
        let first = try Fixture.open(store, workflow: reference)
        let second = try Fixture.open(store, workflow: reference)
        _ = try store.append(Fixture.advance(first, to: "verifikasi", at: Fixture.monday + 60), to: 1, expectedVersion: first.version)
        _ = try store.append(Fixture.advance(second, to: "verifikasi", at: Fixture.monday + 60), to: 2, expectedVersion: second.version)
        try store.database.read { (db: Database) throws in
            #expect(try String.fetchAll(db, sql: "SELECT event_rows FROM cases ORDER BY number") == ["1,2,5,6", "3,4,7,8"])
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
            try store.database.write { (db: Database) throws in _ = try store.insert(next, caseNumber: 99, db) }
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

    @Test(arguments: [
        "INSERT INTO events (case_number, sequence, at, by_user, kind, payload) VALUES (1, 0, 0, 'x', 'note-added', '{}')",
        "INSERT INTO events (case_number, sequence, at, by_user, kind, payload) VALUES (99, 1, 0, 'x', 'opened', '{}')",
    ])
    func eventsOfNoCaseOrBeforeTheFirstAreRefused(_ sql: String) throws {
        let scratch = try Scratch()
        let (store, reference, _) = try Fixture.store(scratch)
        try Fixture.open(store, workflow: reference)
        let error = caught { try store.database.write { (db: Database) throws in try db.execute(sql: sql) } }
        #expect((error as? DatabaseError)?.resultCode == .SQLITE_CONSTRAINT)
        #expect(try integer(store, "SELECT COUNT(*) FROM events") == 2)
    }

    /// Two cases of two steps each: case 1's events are rows 1, 2, 5 and 6, case 2's 3, 4, 7 and 8.
    private func twoCases(_ scratch: Scratch) throws -> SQLiteCaseStore {
        let (store, reference, _) = try Fixture.store(scratch)
        let first = try Fixture.open(store, workflow: reference)
        let second = try Fixture.open(store, workflow: reference)
        _ = try store.append(Fixture.advance(first, to: "verifikasi", at: Fixture.monday + 60), to: 1, expectedVersion: first.version)
        _ = try store.append(Fixture.advance(second, to: "verifikasi", at: Fixture.monday + 60), to: 2, expectedVersion: second.version)
        return store
    }

    /// A list changed outside sop: an event missing, twice, out of order, of another case, no
    /// event, not a list, empty. Loading the case says the file is damaged; the other case loads.
    @Test(arguments: ["1,2,5", "1,2,5,5,6", "1,2,6,5", "1,2,7,8", "1,2,5,9", "1,2,5,6,9", "1,2,5,6,null", "1;2;5;6", "1,,5,6", ""])
    func aListThatDoesNotAddUpIsCorrupt(_ list: String) throws {
        let scratch = try Scratch()
        let store = try twoCases(scratch)
        try store.database.write { (db: Database) throws in
            #expect(try String.fetchOne(db, sql: "SELECT event_rows FROM cases WHERE number = 1") == "1,2,5,6")
            try db.execute(sql: "UPDATE cases SET event_rows = ? WHERE number = 1", arguments: [list])
        }
        #expect(storeErrorCode { _ = try store.loadCase("1") } == "corrupt")
        #expect(try store.loadCase("2")?.state.version == 4)
    }

    /// Histories, read in bulk, refuse a list naming another case's events, listing them in an
    /// order that does not fold, missing some, naming more, or empty (which gives no events at all).
    @Test(arguments: ["1,2,7,8", "1,2,6,5", "1,2", "1,2,5", "", "1,2,5,6,9", "1,2,5,6,null"])
    func historiesOfAListThatDoesNotAddUp(_ list: String) throws {
        let scratch = try Scratch()
        let store = try twoCases(scratch)
        var read = 0
        try store.caseHistories(CaseHistoryFilter()) { _ in read += 1 }
        #expect(read == 2)
        try store.database.write { (db: Database) throws in
            try db.execute(sql: "UPDATE cases SET event_rows = ? WHERE number = 1", arguments: [list])
        }
        #expect(storeErrorCode { try store.caseHistories(CaseHistoryFilter()) { _ in } } == "corrupt")
        #expect(storeErrorCode {
            try store.caseHistories(CaseHistoryFilter(openedFrom: Fixture.monday - Fixture.day, workflow: "pengaduan-langsung")) { _ in }
        } == "corrupt")
    }

    /// The ids of events are their own (`INTEGER PRIMARY KEY`): rewriting the file, which may
    /// renumber the row ids of a table without one, leaves every list right.
    @Test func listsSurviveVacuum() throws {
        let scratch = try Scratch()
        let store = try twoCases(scratch)
        // A gap before case 2's events, as a file edited by hand could have: case 1 taken out.
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
            let columns = try Row.fetchAll(db, sql: "SELECT name, type, pk FROM pragma_table_info('events') WHERE pk > 0")
            #expect(columns.map { [$0[0] as String, $0[1] as String] } == [["id", "INTEGER"]])
        }
        #expect(try store.loadCase("2")?.state.version == 4)
        var read: [Int] = []
        try store.caseHistories(CaseHistoryFilter()) { read.append($0.number) }
        #expect(read == [2])
    }

    /// Cases written in bulk (imports, benchmarks) list their events as cases opened one by one do.
    @Test func casesWrittenInBulkListTheirEvents() throws {
        let scratch = try Scratch()
        let (store, reference, _) = try Fixture.store(scratch)
        let first = Fixture.opening(1, "067/PGD/2026/000001", workflow: reference)
        let second = Fixture.opening(2, "067/PGD/2026/000002", workflow: reference)
        let firstState = try #require(CaseState.fold(first))
        let states = try store.insertCases([first + Fixture.advance(firstState, to: "verifikasi", at: Fixture.monday + 60), second])
        try store.insertCopies(of: [second], [CaseCopy(template: 0, number: 3, registerNumber: "067/PGD/2026/000003", shift: 3600)])
        try store.database.read { (db: Database) throws in
            #expect(try String.fetchAll(db, sql: "SELECT event_rows FROM cases ORDER BY number") == ["1,2,3,4", "5,6", "7,8"])
        }
        #expect(try store.loadCase("1")?.state == states[0])
        #expect(try store.loadCase("2")?.state == states[1])
        #expect(try store.loadCase("3")?.state.version == 2)
        let next = try store.append(Fixture.advance(states[0], to: "analisa", at: Fixture.monday + 120), to: 1, expectedVersion: 4)
        #expect(try store.loadCase("1")?.state == next)
    }

    @Test func listsAreReadStrictly() {
        #expect(EventRows.parse("") == [])
        #expect(EventRows.parse("1") == [1])
        #expect(EventRows.parse("1,2,57,58") == [1, 2, 57, 58])
        #expect(EventRows.parse(EventRows.text([3, 9, 9_223_372_036_854_775_807])) == [3, 9, 9_223_372_036_854_775_807])
        #expect(EventRows.text([1, 2]) + EventRows.appended([5, 6]) == "1,2,5,6")
        for damaged in ["2,1", "1,1", ",1", "1,", "1,,2", "a", " 1", "1 ", "-1", "+1", "9223372036854775808", "1;2"] {
            #expect(EventRows.parse(damaged) == nil, "\(damaged)")
        }
    }

    /// A value SQLite will not take is refused with its error, never bound as NULL.
    @Test func aValueTooLargeIsRefused() throws {
        let scratch = try Scratch()
        let (store, _, _) = try Fixture.store(scratch)
        try store.database.writeWithoutTransaction { (db: Database) throws in
            let limit = sqlite3_limit(db.sqliteConnection, SQLITE_LIMIT_LENGTH, 100)
            defer { sqlite3_limit(db.sqliteConnection, SQLITE_LIMIT_LENGTH, limit) }
            var statement = try DirectStatement(db, sql: "SELECT ?, ?")
            statement.bind(String(repeating: "x", count: 200))
            statement.bind(1)
            let error = caught { _ = try statement.executeReturningIntegers(db) }
            #expect((error as? DatabaseError)?.resultCode == .SQLITE_TOOBIG)
            // The same statement with values it takes.
            var again = try DirectStatement(db, sql: "SELECT ?, ?")
            again.bind(7)
            again.bind("x")
            #expect(try again.executeReturningIntegers(db) == [7])
        }
    }
}

import Foundation
import GRDB
import SOPEngine
import Testing
@testable import SOPStorage
@testable import SOPStore

/// Opening a database file: migrations, settings, and the files the store refuses.
@Suite struct StoreOpeningTests {
    @Test func migrationsCreateTheSchemaOnce() throws {
        let scratch = try Scratch()
        do {
            let store = try SQLiteCaseStore(path: scratch.path())
            try store.database.read { (db: Database) throws in
                let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
                #expect(tables == [
                    "attachments", "calendar_texts", "cases", "events", "grdb_migrations", "ledger", "notification_settings", "office",
                    "outbox", "outbox_attempts", "publications", "reveals", "staff", "staff_changes", "staff_emails", "staff_roles",
                    "workflow_migration_cases", "workflow_migrations", "workflow_texts",
                ])
                let triggers = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
                #expect(triggers == [
                    "cases_move_to_published_revisions", "cases_name_their_last_event", "cases_never_deleted",
                    "cases_open_on_published_revisions", "events_in_order", "events_never_deleted", "events_never_updated",
                    "ledger_in_order", "ledger_never_deleted", "ledger_never_updated",
                    "notification_settings_by_an_administrator", "notification_settings_never_deleted",
                    "notification_settings_never_updated", "office_never_deleted", "office_never_updated",
                    "outbox_attempts_never_deleted", "outbox_attempts_never_updated", "outbox_never_deleted", "outbox_sent_stays_sent",
                    "outbox_tells_what_it_told", "publications_by_an_administrator",
                    "publications_never_deleted", "publications_never_updated", "publications_of_stored_texts",
                    "reveals_never_deleted", "reveals_never_updated",
                    "staff_changes_by_an_administrator",
                    "staff_changes_never_deleted", "staff_changes_never_updated", "staff_emails_by_an_administrator",
                    "staff_emails_never_deleted", "staff_emails_never_updated", "staff_keeps_an_administrator",
                    "staff_member_keeps_an_administrator", "workflow_migrations_never_deleted",
                ])
                let applied = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid")
                #expect(applied == Schema.migrationNames)
                #expect(Schema.migrationNames.first == "v1-workflow-texts")
            }
            _ = try store.storeWorkflowText("x", workflow: "w", revision: 1)
        }
        // Reopening applies nothing twice and keeps what was stored.
        let again = try SQLiteCaseStore(path: scratch.path())
        #expect(try integer(again, "SELECT COUNT(*) FROM grdb_migrations") == Schema.migrationNames.count)
        #expect(try again.workflowText(hash: ContentHash.hex("x".utf8)) == "x")
    }

    /// A database written before the state snapshot went keeps its cases and events, and goes on.
    @Test func aVersion2DatabaseIsUpgraded() throws {
        let scratch = try Scratch()
        let path = scratch.path()
        let opened: CaseState
        var others: [CaseState] = []
        do {
            let (store, reference, _) = try Fixture.store(scratch)
            opened = try Fixture.open(store, workflow: reference)
            // Two more cases, whose events the version 2 table below holds interleaved.
            let second = try Fixture.open(store, workflow: reference)
            let third = try Fixture.open(store, workflow: reference)
            others.append(try store.append(Fixture.advance(second, to: "verifikasi", at: Fixture.monday + 60), to: 2, expectedVersion: 2))
            others.append(try store.append(Fixture.advance(third, to: "verifikasi", at: Fixture.monday + 60), to: 3, expectedVersion: 2))
        }
        let eventsBefore = try rowsOfEvents(path)
        // The same case as version 2 of the schema held it: put the column, the indexes and the
        // events table with its order trigger back.
        do {
            var configuration = Configuration()
            configuration.foreignKeysEnabled = false
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            try queue.write { db in
                try db.execute(sql: """
                    DROP TABLE outbox_attempts;
                    DROP TABLE outbox;
                    DROP TABLE staff_emails;
                    DROP TABLE notification_settings;
                    DELETE FROM grdb_migrations WHERE identifier LIKE 'v13-%';
                    DROP INDEX cases_next_due;
                    ALTER TABLE cases DROP COLUMN next_due_at;
                    DELETE FROM grdb_migrations WHERE identifier LIKE 'v12-%';
                    DROP TRIGGER cases_name_their_last_event;
                    DROP TABLE ledger;
                    ALTER TABLE cases DROP COLUMN chain_head;
                    ALTER TABLE cases DROP COLUMN row_hash;
                    DELETE FROM grdb_migrations WHERE identifier LIKE 'v11-%';
                    CREATE TABLE events_v1 (
                        case_number INTEGER NOT NULL REFERENCES cases(number),
                        sequence INTEGER NOT NULL CHECK (sequence >= 1),
                        at REAL NOT NULL,
                        by_user TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        payload TEXT NOT NULL,
                        PRIMARY KEY (case_number, sequence)
                    );
                    INSERT INTO events_v1 (case_number, sequence, at, by_user, kind, payload)
                        SELECT case_number, sequence, at, by_user, kind, payload FROM events ORDER BY sequence, case_number;
                    DROP TABLE events;
                    ALTER TABLE events_v1 RENAME TO events;
                    CREATE TRIGGER events_in_order BEFORE INSERT ON events
                    WHEN NEW.sequence <> 1 + COALESCE(
                        (SELECT MAX(sequence) FROM events WHERE case_number = NEW.case_number), 0)
                    BEGIN
                        SELECT RAISE(ABORT, 'events are appended in order, without gaps');
                    END;
                    CREATE TRIGGER events_never_updated BEFORE UPDATE ON events
                    BEGIN
                        SELECT RAISE(ABORT, 'events are append-only: an event is never changed');
                    END;
                    CREATE TRIGGER events_never_deleted BEFORE DELETE ON events
                    BEGIN
                        SELECT RAISE(ABORT, 'events are append-only: an event is never deleted');
                    END;
                    DROP TABLE reveals;
                    DELETE FROM grdb_migrations WHERE identifier LIKE 'v10-%';
                    DROP TRIGGER cases_open_on_published_revisions;
                    DROP TRIGGER cases_move_to_published_revisions;
                    DROP TABLE publications;
                    DROP TABLE calendar_texts;
                    DELETE FROM grdb_migrations WHERE identifier LIKE 'v9-%';
                    DROP TABLE office;
                    DROP TABLE staff_changes;
                    DROP TRIGGER staff_keeps_an_administrator;
                    DROP TRIGGER staff_member_keeps_an_administrator;
                    DELETE FROM grdb_migrations WHERE identifier LIKE 'v8-%';
                    ALTER TABLE cases DROP COLUMN history;
                    DELETE FROM grdb_migrations WHERE identifier LIKE 'v5-%' OR identifier LIKE 'v6-%' OR identifier LIKE 'v7-%';
                    ALTER TABLE cases ADD COLUMN state TEXT NOT NULL DEFAULT '{}';
                    DROP INDEX cases_by_workflow;
                    DROP INDEX cases_ended_by_status;
                    CREATE INDEX cases_by_status ON cases(status);
                    CREATE INDEX cases_by_workflow ON cases(workflow_id, current_step);
                    CREATE INDEX cases_by_step ON cases(current_step, step_due_at) WHERE current_step IS NOT NULL;
                    DELETE FROM grdb_migrations WHERE identifier LIKE 'v3-%';
                    DROP TABLE workflow_migration_cases;
                    DROP TABLE workflow_migrations;
                    DELETE FROM grdb_migrations WHERE identifier LIKE 'v4-%';
                    """)
            }
            try queue.close()
        }
        #expect(try rowsOfEvents(path) == eventsBefore)
        let store = try SQLiteCaseStore(path: path)
        #expect(try rowsOfEvents(path) == eventsBefore, "the events, and their order, are kept")
        #expect(try store.loadCase("1")?.state == opened)
        #expect(try store.cases(matching: CaseFilter(step: opened.active?.step)).map(\.number) == [1])
        try store.database.read { (db: Database) throws in
            #expect(try db.columns(in: "cases").map(\.name).contains("event_rows") == false)
            #expect(try db.primaryKey("events").columns == ["case_number", "sequence"])
        }
        #expect(try store.loadCase("2")?.state == others[0])
        #expect(try store.loadCase("3")?.state == others[1])
        try store.database.read { (db: Database) throws in
            #expect(try db.columns(in: "cases").map(\.name).contains("state") == false)
            #expect(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid") == Schema.migrationNames)
        }
        let next = try store.append(
            Fixture.advance(opened, to: "verifikasi", at: Fixture.monday + 60), to: 1, expectedVersion: opened.version)
        #expect(next.active?.step == "verifikasi")
        try store.database.read { (db: Database) throws in
            let triggers = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'events' ORDER BY name")
            #expect(triggers == ["events_in_order", "events_never_deleted", "events_never_updated"])
        }
    }

    /// Every column of every event, by case and sequence, read through a connection of its own.
    private func rowsOfEvents(_ path: String) throws -> [[String]] {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT case_number, sequence, at, by_user, kind, payload FROM events ORDER BY case_number, sequence")
                .map { row in row.databaseValues.map(\.description) }
        }
    }

    @Test func walForeignKeysAndBusyTimeout() throws {
        let scratch = try Scratch()
        let store = try SQLiteCaseStore(path: scratch.path())
        try store.database.write { (db: Database) throws in
            #expect(try String.fetchOne(db, sql: "PRAGMA journal_mode") == "wal")
            #expect(try Int.fetchOne(db, sql: "PRAGMA foreign_keys") == 1)
            #expect(try Int.fetchOne(db, sql: "PRAGMA busy_timeout") == 5000)
        }
    }

    @Test(arguments: [
        "this is a list of complaints, not a database\n",
        String(repeating: "Pengaduan nomor 12: jalan rusak di Desa Karanganyar.\n", count: 200),
    ])
    func aFileThatIsNotADatabase(content: String) throws {
        let scratch = try Scratch()
        let path = scratch.path("notes.sqlite")
        try Data(content.utf8).write(to: URL(fileURLWithPath: path))
        let error = try #require(caught { _ = try SQLiteCaseStore(path: path) } as? StoreError)
        #expect(error.code == .notADatabase)
        #expect(error.description.contains(path))
        #expect(error.description.contains("use --db to name another file"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(content.utf8))
        #expect(try scratch.files() == ["notes.sqlite"])
    }

    @Test func aFolderIsNotADatabase() throws {
        let scratch = try Scratch()
        try FileManager.default.createDirectory(atPath: scratch.path("cases"), withIntermediateDirectories: false)
        #expect(storeErrorCode { _ = try SQLiteCaseStore(path: scratch.path("cases")) } == "not-a-database")
    }

    @Test func aReadOnlyFile() throws {
        let scratch = try Scratch()
        do {
            let (store, reference, _) = try Fixture.store(scratch)
            try Fixture.open(store, workflow: reference)
        }
        #expect(try scratch.files() == ["sop.sqlite"])
        let before = try Data(contentsOf: URL(fileURLWithPath: scratch.path()))
        #expect(chmod(scratch.path(), 0o444) == 0)
        let error = try #require(caught { _ = try SQLiteCaseStore(path: scratch.path()) } as? StoreError)
        #expect(error.code == .readOnly)
        #expect(error.description.contains("chmod u+w"))
        #expect(error.description.contains("--db"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: scratch.path())) == before)
        #expect(try scratch.files() == ["sop.sqlite"])
    }

    @Test func aReadOnlyFileThatIsNotADatabase() throws {
        let scratch = try Scratch()
        try Data("nama,alamat\n".utf8).write(to: URL(fileURLWithPath: scratch.path()))
        #expect(chmod(scratch.path(), 0o444) == 0)
        #expect(storeErrorCode { _ = try SQLiteCaseStore(path: scratch.path()) } == "not-a-database")
        #expect(try scratch.files() == ["sop.sqlite"])
    }

    @Test func aReadOnlyFolder() throws {
        let scratch = try Scratch()
        #expect(chmod(scratch.folder.path, 0o555) == 0)
        let error = try #require(caught { _ = try SQLiteCaseStore(path: scratch.path()) } as? StoreError)
        #expect(error.code == .readOnly)
        #expect(error.description.contains("folder"))
        #expect(try scratch.files() == [])
    }

    @Test func aMissingFolder() throws {
        let scratch = try Scratch()
        let error = try #require(caught { _ = try SQLiteCaseStore(path: scratch.path("no/such/sop.sqlite")) } as? StoreError)
        #expect(error.code == .missingFolder)
        #expect(error.description.contains("mkdir -p"))
        #expect(try scratch.files() == [])
    }

    @Test func anEmptyFileBecomesADatabase() throws {
        let scratch = try Scratch()
        #expect(FileManager.default.createFile(atPath: scratch.path(), contents: Data()))
        let store = try SQLiteCaseStore(path: scratch.path())
        #expect(try store.staff().isEmpty)
    }

    @Test func anotherProgramsDatabaseIsLeftAlone() throws {
        let scratch = try Scratch()
        do {
            let queue = try DatabaseQueue(path: scratch.path())
            try queue.write { db in
                try db.execute(sql: "CREATE TABLE people (name TEXT); INSERT INTO people VALUES ('Budi')")
            }
            try queue.close()
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: scratch.path()))
        let error = try #require(caught { _ = try SQLiteCaseStore(path: scratch.path()) } as? StoreError)
        #expect(error.code == .foreignDatabase)
        #expect(error.description.contains("--db"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: scratch.path())) == before)
        #expect(try scratch.files() == ["sop.sqlite"])
    }

    @Test func aDatabaseFromANewerSop() throws {
        let scratch = try Scratch()
        do {
            let store = try SQLiteCaseStore(path: scratch.path())
            try store.database.write { (db: Database) throws in try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('v9-future')") }
        }
        #expect(try scratch.files() == ["sop.sqlite"])
        let before = try Data(contentsOf: URL(fileURLWithPath: scratch.path()))
        let error = try #require(caught { _ = try SQLiteCaseStore(path: scratch.path()) } as? StoreError)
        #expect(error.code == .newerSchema)
        #expect(error.description.contains("v9-future"))
        #expect(error.description.contains("upgrade sop"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: scratch.path())) == before)
        #expect(try scratch.files() == ["sop.sqlite"])
    }

    @Test func aRegisterFormatWithoutTheNumber() throws {
        let scratch = try Scratch()
        #expect(storeErrorCode { _ = try SQLiteCaseStore(path: scratch.path(), registerFormat: "067/PGD/{year}") }
            == "invalid-register-format")
        #expect(try scratch.files() == [])
    }

    /// Several stores (as several processes would) creating the same new file at once.
    @Test func storesCreatingOneFileAtOnce() throws {
        let scratch = try Scratch()
        let path = scratch.path()
        let failures = Gathered<String>()
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            do {
                let store = try SQLiteCaseStore(path: path)
                _ = try store.staff()
            } catch {
                failures.append("\(error)")
            }
        }
        #expect(failures.all == [])
    }
}

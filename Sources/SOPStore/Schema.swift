import SOPStorage
import GRDB
import SOPEngine

/// Events of a case that do not number 1, 2, … up to its version, or do not fold: a file the v6
/// and v7 upgrades refuse.
struct DamagedEvents: Error {
    var caseNumber: Int
    var version: Int
    var count: Int

    /// What is wrong, for `StoreError.corrupt`.
    var detail: String {
        "the \(count) events of case \(caseNumber) do not add up to its version \(version): it cannot be upgraded"
    }
}

/// The database schema as named migrations, applied in order and recorded in `grdb_migrations`.
///
/// A migration that has shipped is never edited or removed: a change is a new migration added
/// at the end ("v2-…").
enum Schema {
    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()

        // The exact YAML text of every workflow revision a case ran on, by SHA-256 of its bytes.
        migrator.registerMigration("v1-workflow-texts") { db in
            try db.execute(sql: """
                CREATE TABLE workflow_texts (
                    hash TEXT PRIMARY KEY NOT NULL,
                    workflow_id TEXT NOT NULL,
                    revision INTEGER NOT NULL,
                    text TEXT NOT NULL
                );
                CREATE INDEX workflow_texts_by_revision ON workflow_texts(workflow_id, revision);
                """)
        }

        // One row per case: the state as JSON, and the columns that lists and queues filter on.
        // Dates are seconds since 1970 (REAL).
        migrator.registerMigration("v1-cases") { db in
            try db.execute(sql: """
                CREATE TABLE cases (
                    number INTEGER PRIMARY KEY,
                    register_number TEXT NOT NULL UNIQUE,
                    workflow_id TEXT NOT NULL,
                    revision INTEGER NOT NULL,
                    content_hash TEXT NOT NULL REFERENCES workflow_texts(hash),
                    status TEXT NOT NULL,
                    current_step TEXT,
                    channel TEXT,
                    opened_at REAL NOT NULL,
                    due_at REAL NOT NULL,
                    step_due_at REAL,
                    closed_at REAL,
                    version INTEGER NOT NULL CHECK (version >= 1),
                    state TEXT NOT NULL
                );
                CREATE INDEX cases_overdue ON cases(step_due_at)
                    WHERE status IN ('open', 'waiting-for-reporter');
                CREATE INDEX cases_by_status ON cases(status);
                CREATE INDEX cases_by_workflow ON cases(workflow_id, current_step);
                CREATE INDEX cases_by_step ON cases(current_step, step_due_at) WHERE current_step IS NOT NULL;
                CREATE INDEX cases_by_channel ON cases(channel);
                CREATE INDEX cases_by_opening ON cases(opened_at);
                CREATE INDEX cases_by_content ON cases(content_hash);
                CREATE TRIGGER cases_never_deleted BEFORE DELETE ON cases
                BEGIN
                    SELECT RAISE(ABORT, 'cases are never deleted');
                END;
                """)
        }

        // Every event of every case, append-only: triggers refuse updates, deletions and gaps.
        // `payload` is the whole event as JSON; `at`, `by_user` and `kind` are copies to query on.
        migrator.registerMigration("v1-events") { db in
            try db.execute(sql: """
                CREATE TABLE events (\(eventColumns));
                \(eventTriggers)
                """)
        }

        // The staff registry: users and the actor roles they hold.
        migrator.registerMigration("v1-staff") { db in
            try db.execute(sql: """
                CREATE TABLE staff (
                    user_name TEXT PRIMARY KEY NOT NULL,
                    added_at REAL NOT NULL
                );
                CREATE TABLE staff_roles (
                    user_name TEXT NOT NULL REFERENCES staff(user_name) ON DELETE CASCADE,
                    role TEXT NOT NULL,
                    PRIMARY KEY (user_name, role)
                ) WITHOUT ROWID;
                CREATE INDEX staff_roles_by_role ON staff_roles(role);
                """)
        }

        // Attachments, content-addressed by SHA-256.
        migrator.registerMigration("v1-attachments") { db in
            try db.execute(sql: """
                CREATE TABLE attachments (
                    sha256 TEXT PRIMARY KEY NOT NULL,
                    size INTEGER NOT NULL,
                    data BLOB NOT NULL
                );
                """)
        }
        // Who must act on a case's current step, and since when: queues by role, and lists that
        // tell a step at risk, without loading each case's revision.
        migrator.registerMigration("v2-current-step-actors") { db in
            try db.execute(sql: """
                ALTER TABLE cases ADD COLUMN current_actors TEXT;
                ALTER TABLE cases ADD COLUMN step_started_at REAL;
                """)
        }
        // The whole state as JSON went: nothing read it (a case is the fold of its events, and
        // the columns above carry what lists and queues need), and writing it on every step
        // cost most of a step's time. Needs SQLite 3.35 or later.
        migrator.registerMigration("v3-drop-state-snapshot") { db in
            try db.execute(sql: "ALTER TABLE cases DROP COLUMN state")
        }
        // Every index whose key a step changes costs each step a page or two more to write. Lists
        // by step, role or open status now read the open cases from `cases_overdue` (a case is on
        // a step only while it is open or waiting for the reporter); the workflow index no longer
        // holds the step; statuses of ended cases, which never change again, keep an index of
        // their own.
        migrator.registerMigration("v3-indexes-steps-do-not-move") { db in
            try db.execute(sql: """
                DROP INDEX cases_by_step;
                DROP INDEX cases_by_workflow;
                DROP INDEX cases_by_status;
                CREATE INDEX cases_by_workflow ON cases(workflow_id);
                CREATE INDEX cases_ended_by_status ON cases(status)
                    WHERE status NOT IN ('open', 'waiting-for-reporter');
                """)
        }
        // Migrations of open cases onto another revision of their SOP (`sop migrate`), with the
        // cases each one moved: the id (`M` and the number), who, when, the target revision and the
        // step mapping (JSON), and for each case where it came from and the sequence of its
        // migration event (undo is refused once a case has an event after it). The events
        // themselves are in `events`, like every other event.
        migrator.registerMigration("v4-workflow-migrations") { db in
            try db.execute(sql: """
                CREATE TABLE workflow_migrations (
                    number INTEGER PRIMARY KEY CHECK (number >= 1),
                    workflow_id TEXT NOT NULL,
                    to_revision INTEGER NOT NULL,
                    to_hash TEXT NOT NULL REFERENCES workflow_texts(hash),
                    mapping TEXT NOT NULL,
                    by_user TEXT NOT NULL,
                    at REAL NOT NULL,
                    undone_by TEXT,
                    undone_at REAL
                );
                CREATE INDEX workflow_migrations_by_workflow ON workflow_migrations(workflow_id);
                CREATE TABLE workflow_migration_cases (
                    migration INTEGER NOT NULL REFERENCES workflow_migrations(number),
                    case_number INTEGER NOT NULL REFERENCES cases(number),
                    register_number TEXT NOT NULL,
                    from_revision INTEGER NOT NULL,
                    from_hash TEXT NOT NULL REFERENCES workflow_texts(hash),
                    from_step TEXT NOT NULL,
                    to_step TEXT NOT NULL,
                    sequence INTEGER NOT NULL,
                    undo_sequence INTEGER,
                    PRIMARY KEY (migration, case_number)
                ) WITHOUT ROWID;
                CREATE INDEX workflow_migration_cases_by_case ON workflow_migration_cases(case_number);
                CREATE TRIGGER workflow_migrations_never_deleted BEFORE DELETE ON workflow_migrations
                BEGIN
                    SELECT RAISE(ABORT, 'migrations are never deleted');
                END;
                """)
        }
        // A case's events are found from its row: `event_rows` lists their ids in order
        // (`1,2,57,58`), and a step appends its own to the list in the row it updates anyway. The
        // id is declared (`INTEGER PRIMARY KEY`), so that `VACUUM` or a dump and reload, which may
        // renumber the row ids of a table without one, keep it. The
        // events table loses its index on (case, sequence) and the order trigger: every step wrote
        // a page of that index, and ran the trigger's query for every event, for a third of a
        // step's time. The order is kept by the store (a step is written only onto the version it
        // was decided on, in one transaction) and checked wherever events are read (the fold
        // refuses a gap or a sequence twice). The events table is rebuilt (SQLite cannot drop a
        // primary key), its rows kept with their row ids as ids.
        migrator.registerMigration("v5-events-listed-by-their-case") { db in
            try db.execute(sql: "ALTER TABLE cases ADD COLUMN event_rows TEXT NOT NULL DEFAULT ''")
            let update = try db.makeStatement(sql: "UPDATE cases SET event_rows = ? WHERE number = ?")
            let events = try Row.fetchCursor(db, sql: "SELECT case_number, rowid FROM events ORDER BY case_number, sequence")
            var current: Int64?
            var rows: [Int64] = []
            func flush() throws {
                guard let current else { return }
                try update.execute(arguments: [rows.map(String.init).joined(separator: ","), current])
                rows.removeAll(keepingCapacity: true)
            }
            while let event = try events.next() {
                let number: Int64 = event[0]
                if number != current {
                    try flush()
                    current = number
                }
                rows.append(event[1])
            }
            try flush()
            try db.execute(sql: """
                CREATE TABLE events_listed (
                    id INTEGER PRIMARY KEY,
                    case_number INTEGER NOT NULL REFERENCES cases(number),
                    sequence INTEGER NOT NULL CHECK (sequence >= 1),
                    at REAL NOT NULL,
                    by_user TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    payload TEXT NOT NULL
                );
                INSERT INTO events_listed (id, case_number, sequence, at, by_user, kind, payload)
                    SELECT rowid, case_number, sequence, at, by_user, kind, payload FROM events ORDER BY rowid;
                DROP TABLE events;
                ALTER TABLE events_listed RENAME TO events;
                CREATE TRIGGER events_never_updated BEFORE UPDATE ON events
                BEGIN
                    SELECT RAISE(ABORT, 'events are append-only: an event is never changed');
                END;
                CREATE TRIGGER events_never_deleted BEFORE DELETE ON events
                BEGIN
                    SELECT RAISE(ABORT, 'events are append-only: an event is never deleted');
                END;
                """)
        }
        // A case's events are found by their key again, (case, sequence), and the schema holds
        // the order: the primary key refuses an event twice, the trigger a gap, and the other two
        // triggers any change or deletion. `event_rows` and the event ids of v5 go: v5 dropped the
        // key and the trigger for the speed of a step, a target since retired, and left a case's
        // events findable only through a text list in its row. The events are copied by their key;
        // a file whose events repeat or skip a sequence cannot be upgraded, and the error names
        // the case (the transaction rolls back and the file stays at v5).
        migrator.registerMigration("v6-events-keyed-by-case-and-sequence") { db in
            let damaged = try Row.fetchOne(db, sql: """
                SELECT c.number, c.version, COUNT(e.sequence), COUNT(DISTINCT e.sequence), MIN(e.sequence), MAX(e.sequence)
                FROM cases c LEFT JOIN events e ON e.case_number = c.number
                GROUP BY c.number
                HAVING COUNT(e.sequence) <> c.version OR COUNT(DISTINCT e.sequence) <> c.version
                    OR MIN(e.sequence) <> 1 OR MAX(e.sequence) <> c.version
                LIMIT 1
                """)
            if let damaged {
                throw DamagedEvents(caseNumber: damaged[0], version: damaged[1], count: damaged[2])
            }
            try db.execute(sql: """
                CREATE TABLE events_keyed (\(eventColumns));
                INSERT INTO events_keyed (case_number, sequence, at, by_user, kind, payload)
                    SELECT case_number, sequence, at, by_user, kind, payload FROM events ORDER BY case_number, sequence;
                DROP TABLE events;
                ALTER TABLE events_keyed RENAME TO events;
                ALTER TABLE cases DROP COLUMN event_rows;
                \(eventTriggers)
                """)
        }
        // Reports read each case's history (`CaseHistory`: its steps' times, its waits on the
        // reporter, how it ended) from its row, as JSON, written in the transaction that writes its
        // events, from the one fold of them (`CaseState.fold`); they no longer fold events a second
        // time in SQL. Every case's history is written here from its events; a case whose events
        // do not fold is refused, naming it, and the file stays as it was.
        migrator.registerMigration("v7-case-histories") { db in
            try db.execute(sql: "ALTER TABLE cases ADD COLUMN history TEXT NOT NULL DEFAULT ''")
            let update = try db.makeStatement(sql: "UPDATE cases SET history = ? WHERE number = ?")
            let cases = try Row.fetchAll(db, sql: "SELECT number, version FROM cases ORDER BY number")
            let read = try db.makeStatement(sql: "SELECT payload FROM events WHERE case_number = ? ORDER BY sequence")
            let decoder = CaseCoding.decoder()
            let encoder = CaseCoding.encoder()
            for row in cases {
                let number: Int = row[0]
                let version: Int = row[1]
                let payloads = try String.fetchAll(read, arguments: [number])
                guard let events = try? payloads.map({ try CaseCoding.decodeEvent($0, with: decoder) }),
                    let state = CaseState.fold(events), state.version == version
                else { throw DamagedEvents(caseNumber: number, version: version, count: payloads.count) }
                try update.execute(arguments: [try CaseCoding.encode(CaseHistory(state: state), with: encoder), number])
            }
        }
        // Who set the database up and whose word names the acting user (`sop init`): the system
        // account (an office's database) or the name claimed (demos, tests, training). One row,
        // never changed. The registry's every change, for good: who granted or withdrew which
        // roles of whom, and when. The schema keeps an administrator: the last `admin` role is
        // never withdrawn, and once the registry has an administrator only an administrator
        // changes it. A file made by an earlier sop (it has staff or cases) is set up here as a
        // declared-identity database, its users having been claimed, and its registry as it
        // stands is recorded as the first changes, made by `-`.
        migrator.registerMigration("v8-office-and-registry-changes") { db in
            try db.execute(sql: """
                CREATE TABLE office (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    identity TEXT NOT NULL CHECK (identity IN ('system', 'declared')),
                    created_at REAL NOT NULL,
                    created_by TEXT NOT NULL
                );
                CREATE TRIGGER office_never_updated BEFORE UPDATE ON office
                BEGIN
                    SELECT RAISE(ABORT, 'how a database was set up is never changed');
                END;
                CREATE TRIGGER office_never_deleted BEFORE DELETE ON office
                BEGIN
                    SELECT RAISE(ABORT, 'how a database was set up is never changed');
                END;
                CREATE TABLE staff_changes (
                    number INTEGER PRIMARY KEY CHECK (number >= 1),
                    at REAL NOT NULL,
                    by_user TEXT NOT NULL,
                    change TEXT NOT NULL CHECK (change IN ('added', 'removed')),
                    user_name TEXT NOT NULL,
                    roles TEXT NOT NULL,
                    member_removed INTEGER NOT NULL DEFAULT 0 CHECK (member_removed IN (0, 1))
                );
                INSERT INTO office (id, identity, created_at, created_by)
                    SELECT 1, 'declared', COALESCE((SELECT MIN(added_at) FROM staff), (SELECT MIN(opened_at) FROM cases)), '-'
                    WHERE EXISTS (SELECT 1 FROM staff) OR EXISTS (SELECT 1 FROM cases);
                INSERT INTO staff_changes (at, by_user, change, user_name, roles)
                    SELECT staff.added_at, '-', 'added', staff.user_name,
                        COALESCE((SELECT json_group_array(role) FROM (
                            SELECT role FROM staff_roles WHERE staff_roles.user_name = staff.user_name ORDER BY role)), '[]')
                    FROM staff ORDER BY staff.added_at, staff.user_name;
                CREATE TRIGGER staff_changes_never_updated BEFORE UPDATE ON staff_changes
                BEGIN
                    SELECT RAISE(ABORT, 'the registry history is append-only: a change is never changed');
                END;
                CREATE TRIGGER staff_changes_never_deleted BEFORE DELETE ON staff_changes
                BEGIN
                    SELECT RAISE(ABORT, 'the registry history is append-only: a change is never deleted');
                END;
                CREATE TRIGGER staff_changes_by_an_administrator BEFORE INSERT ON staff_changes
                WHEN EXISTS (SELECT 1 FROM staff_roles WHERE role = 'admin')
                    AND NOT EXISTS (SELECT 1 FROM staff_roles WHERE role = 'admin' AND user_name = NEW.by_user)
                BEGIN
                    SELECT RAISE(ABORT, 'only an administrator changes the staff registry');
                END;
                CREATE TRIGGER staff_keeps_an_administrator BEFORE DELETE ON staff_roles
                WHEN OLD.role = 'admin' AND (SELECT COUNT(*) FROM staff_roles WHERE role = 'admin') <= 1
                BEGIN
                    SELECT RAISE(ABORT, 'the last administrator is never removed');
                END;
                CREATE TRIGGER staff_member_keeps_an_administrator BEFORE DELETE ON staff
                WHEN EXISTS (SELECT 1 FROM staff_roles WHERE role = 'admin' AND user_name = OLD.user_name)
                    AND (SELECT COUNT(*) FROM staff_roles WHERE role = 'admin') <= 1
                BEGIN
                    SELECT RAISE(ABORT, 'the last administrator is never removed');
                END;
                """)
        }
        // What administrators published (`sop publish`): workflow revisions and calendars, each
        // by the SHA-256 of its exact text, kept for good. New cases open only on a published
        // revision; on an office's database (system identity) the schema refuses a case, or a
        // move, onto any other text. Only an administrator publishes, and a published revision
        // never changes its text. The texts cases of an earlier sop ran on are recorded here as
        // published by the upgrade (`-`); calendars were read from the folder then, and are not.
        migrator.registerMigration("v9-publications") { db in
            try db.execute(sql: """
                CREATE TABLE calendar_texts (
                    hash TEXT PRIMARY KEY NOT NULL,
                    calendar_id TEXT NOT NULL,
                    text TEXT NOT NULL
                );
                CREATE TABLE publications (
                    number INTEGER PRIMARY KEY CHECK (number >= 1),
                    kind TEXT NOT NULL CHECK (kind IN ('workflow', 'calendar')),
                    item_id TEXT NOT NULL,
                    revision INTEGER CHECK ((kind = 'workflow') = (revision IS NOT NULL)),
                    hash TEXT NOT NULL,
                    at REAL NOT NULL,
                    by_user TEXT NOT NULL
                );
                CREATE UNIQUE INDEX publications_one_text_per_revision ON publications(item_id, revision) WHERE kind = 'workflow';
                CREATE INDEX publications_by_hash ON publications(hash);
                INSERT OR IGNORE INTO publications (kind, item_id, revision, hash, at, by_user)
                    SELECT 'workflow', workflow_id, revision, hash,
                        COALESCE((SELECT MIN(opened_at) FROM cases WHERE content_hash = workflow_texts.hash), 0), '-'
                    FROM workflow_texts ORDER BY workflow_id, revision, hash;
                CREATE TRIGGER publications_never_updated BEFORE UPDATE ON publications
                BEGIN
                    SELECT RAISE(ABORT, 'publications are kept for good: a publication is never changed');
                END;
                CREATE TRIGGER publications_never_deleted BEFORE DELETE ON publications
                BEGIN
                    SELECT RAISE(ABORT, 'publications are kept for good: a publication is never deleted');
                END;
                CREATE TRIGGER publications_by_an_administrator BEFORE INSERT ON publications
                WHEN NOT EXISTS (SELECT 1 FROM staff_roles WHERE role = 'admin' AND user_name = NEW.by_user)
                BEGIN
                    SELECT RAISE(ABORT, 'only an administrator publishes');
                END;
                CREATE TRIGGER publications_of_stored_texts BEFORE INSERT ON publications
                WHEN (NEW.kind = 'workflow' AND NOT EXISTS (
                        SELECT 1 FROM workflow_texts WHERE hash = NEW.hash AND workflow_id = NEW.item_id AND revision = NEW.revision))
                    OR (NEW.kind = 'calendar' AND NOT EXISTS (
                        SELECT 1 FROM calendar_texts WHERE hash = NEW.hash AND calendar_id = NEW.item_id))
                BEGIN
                    SELECT RAISE(ABORT, 'a publication names a text the database holds');
                END;
                CREATE TRIGGER cases_open_on_published_revisions BEFORE INSERT ON cases
                WHEN EXISTS (SELECT 1 FROM office WHERE identity = 'system')
                    AND NOT EXISTS (SELECT 1 FROM publications WHERE kind = 'workflow' AND hash = NEW.content_hash)
                BEGIN
                    SELECT RAISE(ABORT, 'cases open only on published revisions');
                END;
                CREATE TRIGGER cases_move_to_published_revisions BEFORE UPDATE OF content_hash ON cases
                WHEN EXISTS (SELECT 1 FROM office WHERE identity = 'system')
                    AND NOT EXISTS (SELECT 1 FROM publications WHERE kind = 'workflow' AND hash = NEW.content_hash)
                BEGIN
                    SELECT RAISE(ABORT, 'cases move only onto published revisions');
                END;
                """)
        }
        // Every time someone saw a case's personal data in full (`--reveal`): who, when, which
        // case, by which command; kept for good.
        migrator.registerMigration("v10-reveals") { db in
            try db.execute(sql: """
                CREATE TABLE reveals (
                    number INTEGER PRIMARY KEY CHECK (number >= 1),
                    at REAL NOT NULL,
                    by_user TEXT NOT NULL,
                    case_number INTEGER NOT NULL REFERENCES cases(number),
                    command TEXT NOT NULL
                );
                CREATE INDEX reveals_by_case ON reveals(case_number);
                CREATE TRIGGER reveals_never_updated BEFORE UPDATE ON reveals
                BEGIN
                    SELECT RAISE(ABORT, 'reveals are kept for good: a reveal is never changed');
                END;
                CREATE TRIGGER reveals_never_deleted BEFORE DELETE ON reveals
                BEGIN
                    SELECT RAISE(ABORT, 'reveals are kept for good: a reveal is never deleted');
                END;
                """)
        }
        // Tamper evidence (`Chain`). Every event carries the hash of the event before it in its
        // case (`previous`) and its own (`hash`), and the schema refuses an event that does not
        // name the hash of the one before; each case row keeps the hash of its last event
        // (`chain_head`, which the schema holds to) and a digest of its own columns (`row_hash`).
        // The ledger chains every write: a case at a version, a registry change, a publication, a
        // reveal, a move, the set-up; entries are appended in order and never changed. A file of
        // an earlier sop gets its chains computed here, case by case, and a ledger of what it
        // holds: the set-up, the registry changes, the publications, the moves, each case at its
        // version, the reveals.
        migrator.registerMigration("v11-hash-chains-and-ledger") { db in
            try db.execute(sql: """
                CREATE TABLE events_chained (\(chainedEventColumns));
                ALTER TABLE cases ADD COLUMN chain_head TEXT NOT NULL DEFAULT '';
                ALTER TABLE cases ADD COLUMN row_hash TEXT NOT NULL DEFAULT '';
                CREATE TABLE ledger (
                    number INTEGER PRIMARY KEY CHECK (number >= 1),
                    kind TEXT NOT NULL CHECK (kind IN ('office', 'staff-change', 'publication', 'case', 'move', 'move-undone', 'reveal')),
                    item INTEGER NOT NULL,
                    version INTEGER CHECK ((kind = 'case') = (version IS NOT NULL)),
                    digest TEXT NOT NULL,
                    head TEXT NOT NULL
                );
                """)
            let insert = try db.makeStatement(sql: Ledger.insertEventSQL.replacingOccurrences(of: "INTO events", with: "INTO events_chained"))
            let read = try db.makeStatement(sql: "SELECT sequence, at, by_user, kind, payload FROM events WHERE case_number = ? ORDER BY sequence")
            // The whole row from the fold of its events: a row of an early sop may lack what later
            // columns hold (who must act, since when), and a history now counts stated times.
            let setRow = try db.makeStatement(sql: """
                UPDATE cases SET register_number = ?, workflow_id = ?, revision = ?, content_hash = ?, status = ?, current_step = ?,
                    channel = ?, opened_at = ?, due_at = ?, step_due_at = ?, closed_at = ?, version = ?, current_actors = ?,
                    step_started_at = ?, history = ?, chain_head = ?, row_hash = ?
                WHERE number = ?
                """)
            let decoder = CaseCoding.decoder()
            let cases = try Row.fetchAll(db, sql: "SELECT number, version FROM cases ORDER BY number")
            var heads: [(number: Int, version: Int, head: String)] = []
            for row in cases {
                let number: Int = row.value(0) ?? 0
                let version: Int = row.value(1) ?? 0
                let rows = try Row.fetchAll(read, arguments: [number])
                var events: [(sequence: Int, at: Double, by: String, kind: String, payload: String)] = []
                for event in rows {
                    guard let sequence: Int = event.value(0), let at: Double = event.value(1), let by: String = event.value(2),
                          let kind: String = event.value(3), let payload: String = event.value(4)
                    else { throw DamagedEvents(caseNumber: number, version: version, count: rows.count) }
                    events.append((sequence, at, by, kind, payload))
                }
                guard let decoded = try? events.map({ try CaseCoding.decodeEvent($0.payload, with: decoder) }),
                      let state = CaseState.fold(decoded), state.version == version, state.number == number
                else { throw DamagedEvents(caseNumber: number, version: version, count: events.count) }
                let (chained, head) = Ledger.chained(events, caseNumber: number, previous: Chain.genesis)
                for values in chained { try insert.execute(arguments: StatementArguments(values)) }
                // The 17 columns a row had in v11 (v12 adds `next_due_at` and digests the row again).
                let values = Array(try Ledger.caseRowValues(state, number: number, registerNumber: state.registerNumber, chainHead: head).prefix(17))
                try setRow.execute(arguments: StatementArguments(Array(values.dropFirst()) + [Ledger.rowDigest(values).databaseValue, number.databaseValue]))
                heads.append((number, version, head))
            }
            try db.execute(sql: """
                DROP TABLE events;
                ALTER TABLE events_chained RENAME TO events;
                \(chainedEventTriggers)
                CREATE TRIGGER cases_name_their_last_event BEFORE UPDATE ON cases
                WHEN NEW.chain_head IS NOT (SELECT hash FROM events WHERE case_number = NEW.number AND sequence = NEW.version)
                BEGIN
                    SELECT RAISE(ABORT, 'a case row names the hash of its last event');
                END;
                CREATE TRIGGER ledger_in_order BEFORE INSERT ON ledger
                WHEN NEW.number <> 1 + COALESCE((SELECT MAX(number) FROM ledger), 0)
                BEGIN
                    SELECT RAISE(ABORT, 'the ledger is appended in order');
                END;
                CREATE TRIGGER ledger_never_updated BEFORE UPDATE ON ledger
                BEGIN
                    SELECT RAISE(ABORT, 'the ledger is append-only: an entry is never changed');
                END;
                CREATE TRIGGER ledger_never_deleted BEFORE DELETE ON ledger
                BEGIN
                    SELECT RAISE(ABORT, 'the ledger is append-only: an entry is never deleted');
                END;
                """)
            if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM office)") == true { try Ledger.append(.office, item: 1, db) }
            for number in try Int.fetchAll(db, sql: "SELECT number FROM staff_changes ORDER BY number") {
                try Ledger.append(.staffChange, item: number, db)
            }
            for number in try Int.fetchAll(db, sql: "SELECT number FROM publications ORDER BY number") {
                try Ledger.append(.publication, item: number, db)
            }
            for row in try Row.fetchAll(db, sql: "SELECT number, undone_by IS NOT NULL FROM workflow_migrations ORDER BY number") {
                try Ledger.append(.move, item: row[0], db)
                if row[1] as Bool { try Ledger.append(.moveUndone, item: row[0], db) }
            }
            for (number, version, head) in heads { try Ledger.append(.case, item: number, version: version, digest: head, db) }
            for number in try Int.fetchAll(db, sql: "SELECT number FROM reveals ORDER BY number") {
                try Ledger.append(.reveal, item: number, db)
            }
        }
        // The next moment the sweep (`sop tick`) has something to do for a case, from the
        // escalations its events scheduled, so that the sweep reads the cases due by an index
        // and never every case. Events of an earlier sop schedule nothing: their cases have no
        // such moment until their next step starts. The row digest now covers the column.
        migrator.registerMigration("v12-next-scheduled-moment") { db in
            try db.execute(sql: """
                ALTER TABLE cases ADD COLUMN next_due_at REAL;
                CREATE INDEX cases_next_due ON cases(next_due_at) WHERE next_due_at IS NOT NULL;
                """)
            let update = try db.makeStatement(sql: "UPDATE cases SET row_hash = ? WHERE number = ?")
            let rows = try Row.fetchCursor(db, sql: "SELECT \(Ledger.caseRowColumns) FROM cases ORDER BY number")
            var digests: [(String, Int)] = []
            while let row = try rows.next() {
                let values = Array(row.databaseValues)
                digests.append((Ledger.rowDigest(values), Int.fromDatabaseValue(values[0]) ?? 0))
            }
            for (digest, number) in digests { try update.execute(arguments: [digest, number]) }
        }
        // Notices: how the office is told (settings and staff e-mail addresses, each kept for good
        // with the ones before, the newest in force, set only by an administrator), and the
        // outbox the notices an event causes are written to in that event's transaction, with
        // every attempt to deliver them.
        migrator.registerMigration("v13-notifications") { db in
            try db.execute(sql: """
                CREATE TABLE notification_settings (
                    number INTEGER PRIMARY KEY,
                    at REAL NOT NULL,
                    by_user TEXT NOT NULL,
                    email INTEGER NOT NULL CHECK (email IN (0, 1)),
                    email_from TEXT,
                    webhook_url TEXT CHECK (webhook_url IS NULL OR webhook_url LIKE 'http://%' OR webhook_url LIKE 'https://%')
                );
                CREATE TABLE staff_emails (
                    number INTEGER PRIMARY KEY,
                    user_name TEXT NOT NULL,
                    email TEXT,
                    at REAL NOT NULL,
                    by_user TEXT NOT NULL
                );
                CREATE INDEX staff_emails_by_user ON staff_emails(user_name, number);
                CREATE TABLE outbox (
                    id INTEGER PRIMARY KEY,
                    case_number INTEGER NOT NULL,
                    sequence INTEGER NOT NULL,
                    channel TEXT NOT NULL CHECK (channel IN ('email', 'webhook')),
                    notice TEXT NOT NULL,
                    created_at REAL NOT NULL,
                    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
                    attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
                    next_attempt_at REAL,
                    claimed_until REAL,
                    sent_at REAL,
                    last_error TEXT,
                    FOREIGN KEY (case_number, sequence) REFERENCES events(case_number, sequence),
                    UNIQUE (case_number, sequence, channel),
                    CHECK ((status = 'pending') = (next_attempt_at IS NOT NULL)),
                    CHECK ((status = 'sent') = (sent_at IS NOT NULL))
                );
                CREATE INDEX outbox_due ON outbox(next_attempt_at) WHERE status = 'pending';
                CREATE TABLE outbox_attempts (
                    outbox_id INTEGER NOT NULL REFERENCES outbox(id),
                    number INTEGER NOT NULL CHECK (number >= 1),
                    at REAL NOT NULL,
                    delivered INTEGER NOT NULL CHECK (delivered IN (0, 1)),
                    recipients TEXT NOT NULL,
                    detail TEXT NOT NULL,
                    PRIMARY KEY (outbox_id, number)
                );
                \(Schema.keptForGood("notification_settings", "a notification setting"))
                \(Schema.keptForGood("staff_emails", "the e-mail address of a member of staff"))
                \(Schema.keptForGood("outbox_attempts", "an attempt to deliver a notice"))
                CREATE TRIGGER outbox_never_deleted BEFORE DELETE ON outbox
                BEGIN
                    SELECT RAISE(ABORT, 'a notice is never deleted from the outbox');
                END;
                CREATE TRIGGER outbox_tells_what_it_told BEFORE UPDATE OF case_number, sequence, channel, notice, created_at ON outbox
                BEGIN
                    SELECT RAISE(ABORT, 'a notice in the outbox never changes what it tells');
                END;
                CREATE TRIGGER outbox_sent_stays_sent BEFORE UPDATE ON outbox
                WHEN OLD.status = 'sent'
                BEGIN
                    SELECT RAISE(ABORT, 'a notice delivered stays delivered');
                END;
                \(Schema.byAnAdministrator("notification_settings", "sets how notices are sent"))
                \(Schema.byAnAdministrator("staff_emails", "sets how notices are sent"))
                """)
        }
        return migrator
    }()

    /// The trigger that lets only an administrator (`by_user` holding the `admin` role) insert
    /// into a table: "only an administrator `does`".
    static func byAnAdministrator(_ table: String, _ does: String) -> String {
        precondition(!does.contains("'") && table.allSatisfy { $0.isLetter || $0 == "_" }, "a literal of the schema")
        return """
            CREATE TRIGGER \(table)_by_an_administrator BEFORE INSERT ON \(table)
            WHEN NOT EXISTS (SELECT 1 FROM staff_roles WHERE role = 'admin' AND user_name = NEW.by_user)
            BEGIN
                SELECT RAISE(ABORT, 'only an administrator \(does)');
            END;
            """
    }

    /// The triggers that keep a table's rows for good: never changed, never deleted.
    static func keptForGood(_ table: String, _ what: String) -> String {
        precondition(!what.contains("'") && table.allSatisfy { $0.isLetter || $0 == "_" }, "a literal of the schema")
        return """
        CREATE TRIGGER \(table)_never_updated BEFORE UPDATE ON \(table)
        BEGIN
            SELECT RAISE(ABORT, '\(what) is kept for good: it is never changed');
        END;
        CREATE TRIGGER \(table)_never_deleted BEFORE DELETE ON \(table)
        BEGIN
            SELECT RAISE(ABORT, '\(what) is kept for good: it is never deleted');
        END;
        """
    }

    /// The columns of the events table, keyed by (case, sequence): as v1 made it and v6 made it again.
    static let eventColumns = """
        case_number INTEGER NOT NULL REFERENCES cases(number),
        sequence INTEGER NOT NULL CHECK (sequence >= 1),
        at REAL NOT NULL,
        by_user TEXT NOT NULL,
        kind TEXT NOT NULL,
        payload TEXT NOT NULL,
        PRIMARY KEY (case_number, sequence)
        """

    /// The triggers that keep the events table append-only and in order: a case's next event has
    /// the sequence after its last (1 for the first), and no event is ever changed or deleted.
    static let eventTriggers = """
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
        """

    /// The columns of the events table from v11: keyed by (case, sequence), each event with the
    /// hash of the one before it in its case and its own.
    static let chainedEventColumns = """
        case_number INTEGER NOT NULL REFERENCES cases(number),
        sequence INTEGER NOT NULL CHECK (sequence >= 1),
        at REAL NOT NULL,
        by_user TEXT NOT NULL,
        kind TEXT NOT NULL,
        payload TEXT NOT NULL,
        previous TEXT NOT NULL,
        hash TEXT NOT NULL,
        PRIMARY KEY (case_number, sequence)
        """

    /// The triggers of the events table from v11: a case's next event has the sequence after its
    /// last (1 for the first) and names that event's hash (`Chain.genesis` for the first); no event
    /// is ever changed or deleted.
    static let chainedEventTriggers = """
        CREATE TRIGGER events_in_order BEFORE INSERT ON events
        WHEN NEW.sequence <> 1 + COALESCE(
                (SELECT MAX(sequence) FROM events WHERE case_number = NEW.case_number), 0)
            OR NEW.previous IS NOT COALESCE(
                (SELECT hash FROM events WHERE case_number = NEW.case_number AND sequence = NEW.sequence - 1), '\(Chain.genesis)')
        BEGIN
            SELECT RAISE(ABORT, 'events are appended in order, each naming the hash of the one before');
        END;
        CREATE TRIGGER events_never_updated BEFORE UPDATE ON events
        BEGIN
            SELECT RAISE(ABORT, 'events are append-only: an event is never changed');
        END;
        CREATE TRIGGER events_never_deleted BEFORE DELETE ON events
        BEGIN
            SELECT RAISE(ABORT, 'events are append-only: an event is never deleted');
        END;
        """

    /// The identifiers of every migration this version of sop knows, in order.
    static var migrationNames: [String] { migrator.migrations }
}

import Foundation
import SOPStorage
import GRDB
import GRDBSQLite
import SOPCore
import SOPEngine
import SOPModel

/// The case store in one SQLite file, through GRDB, safe for several processes at once.
///
/// The file is in WAL mode, with foreign keys on and a 5-second busy timeout. Every write runs
/// in one `IMMEDIATE` transaction, which takes SQLite's write lock before reading what it checks,
/// so two processes that check-and-write never deadlock and never both succeed.
///
/// Events are the truth: a case's state is the fold of its events, and the `cases` row (status,
/// current step, who must act, deadlines) is written with them in the same transaction so lists
/// and queues need not fold.
public final class SQLiteCaseStore: CaseStore, Sendable {
    /// The database file.
    public let path: String
    /// The largest attachment accepted, in bytes.
    public let attachmentLimit: Int
    let register: RegisterFormat
    /// One connection: a command reads and writes a few rows, and a second connection for reads
    /// cost more to open than the reads themselves. Other processes still read while it writes (WAL).
    package let database: any DatabaseWriter

    /// Opens the database file at `path`, creating it (and its tables) when it does not exist.
    ///
    /// - Parameters:
    ///   - registerFormat: How register numbers are written: `{year}` is the year the case was
    ///     opened in Jakarta, `{number}` the case number padded to six digits.
    ///   - attachmentLimit: The largest attachment accepted, in bytes.
    /// - Throws: `StoreError` when the file is not a sop database, is read-only, lies in a
    ///   read-only or missing folder, or was written by a newer sop; the file is left as it was.
    public init(path: String, registerFormat: String = "067/PGD/{year}/{number}", attachmentLimit: Int = 10 * 1024 * 1024) throws {
        self.path = path
        self.attachmentLimit = attachmentLimit
        register = try RegisterFormat(registerFormat)
        database = try Self.open(path)
        try migrate()
    }

    /// Opens the database file at `path` to read only (`sop verify`): nothing is written to it, not
    /// even a migration or a change of journal mode, so a copy stays as it is. A file that lacks a
    /// migration this sop knows is refused (`outdatedSchema`): an earlier sop's file is checked
    /// once it is upgraded, which any other command does.
    public init(readingOnly path: String, registerFormat: String = "067/PGD/{year}/{number}") throws {
        self.path = path
        attachmentLimit = 10 * 1024 * 1024
        register = try RegisterFormat(registerFormat)
        guard FileManager.default.fileExists(atPath: path) else { throw StoreError.notADatabase(path) }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(5)
        configuration.foreignKeysEnabled = true
        configuration.label = "sop"
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            database = queue
            let contents = try queue.read(Contents.read)
            guard try contents.check(path) else { throw StoreError.outdatedSchema(path) }
        } catch let error as StoreError {
            throw error
        } catch {
            throw Self.storeError(error, path: path)
        }
    }

    /// A store on a database connection the caller opened (a `DatabaseQueue` or `DatabasePool`
    /// of GRDB, on a file or in memory), with the migrations it lacks applied; `name` names the
    /// database in messages. The connection must enforce foreign keys (GRDB's default).
    public init(
        database: any DatabaseWriter, name: String, registerFormat: String = "067/PGD/{year}/{number}",
        attachmentLimit: Int = 10 * 1024 * 1024
    ) throws {
        path = name
        self.attachmentLimit = attachmentLimit
        register = try RegisterFormat(registerFormat)
        self.database = database
        let enforced = try Self.guarded(path: name) { try database.read { db in try Bool.fetchOne(db, sql: "PRAGMA foreign_keys") } }
        guard enforced == true else {
            throw StoreError.database(name, "the connection does not enforce foreign keys (Configuration.foreignKeysEnabled)")
        }
        try migrate()
    }

    /// The store's one connection to the file at `path`. Processes creating one file at once
    /// may find it being turned to WAL by another, which SQLite answers at once with "busy"
    /// rather than waiting: the file is looked at again, for as long as a busy file is waited for.
    private static func open(_ path: String) throws -> DatabaseQueue {
        let deadline = Date().addingTimeInterval(5)
        while true {
            let alreadyWAL = try inspect(path)
            // Checked first: a file is made only where the store may write one.
            createOwnerOnlyFile(path)
            var configuration = Configuration()
            configuration.busyMode = .timeout(5)
            configuration.foreignKeysEnabled = true
            configuration.label = "sop"
            // A file already in WAL mode stays so: setting it up again would write to it (GRDB makes
            // sure of a WAL file with a table created and dropped), on every command.
            configuration.journalMode = alreadyWAL ? .default : .wal
            configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
            do {
                return try DatabaseQueue(path: path, configuration: configuration)
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && Date() < deadline {
                usleep(useconds_t.random(in: 2_000...20_000))
            } catch {
                throw storeError(error, path: path)
            }
        }
    }

    /// What the file holds: its tables and the migrations applied to it.
    private struct Contents {
        var tables: [String]
        var applied: [String]

        static func read(_ db: Database) throws -> Contents {
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            let applied = tables.contains("grdb_migrations")
                ? try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") : []
            return Contents(tables: tables, applied: applied)
        }

        /// Refuses the tables of another program and migrations of a newer sop; true when every
        /// migration this sop knows is applied.
        func check(_ path: String) throws(StoreError) -> Bool {
            let known = Set(Schema.migrationNames)
            if applied.allSatisfy({ !known.contains($0) }), tables.contains(where: { $0 != "grdb_migrations" }) {
                throw .foreignDatabase(path)
            }
            let unknown = applied.filter { !known.contains($0) }
            if !unknown.isEmpty { throw .newerSchema(path, migrations: unknown.sorted()) }
            return known.isSubset(of: applied)
        }
    }

    // MARK: Opening

    /// Refuses, before anything is created or changed, a file that is not ours or cannot be
    /// written; true when the file is an SQLite database in WAL mode already.
    private static func inspect(_ path: String) throws(StoreError) -> Bool {
        let files = FileManager.default
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isFolder: ObjCBool = false
        guard files.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw .missingFolder(folder)
        }
        guard files.fileExists(atPath: path, isDirectory: &isFolder) else {
            guard isWritable(folder) else { throw .readOnlyFolder(folder) }
            return false
        }
        if isFolder.boolValue { throw .notADatabase(path) }
        guard isWritable(path) else {
            // No sop process writes a read-only file, so reading its header with a file handle of
            // our own cannot drop another connection's SQLite locks (POSIX locks are per process).
            if !hasSQLiteHeader(path) { throw .notADatabase(path) }
            throw .readOnly(path)
        }
        guard isWritable(folder) else { throw .readOnlyFolder(folder) }
        // A file already in WAL mode is left as it is by opening it, so it is inspected through
        // the store's own connection (in `migrate`); any other is inspected through a connection
        // of its own before the store's turns it to WAL.
        let size = (try? files.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        if size > 0, isWAL(path) { return true }
        if size > 0 { try inspectSchema(path) }
        return false
    }

    /// Whether a file's header says it is an SQLite database in WAL mode (file format 2 for both
    /// reading and writing, bytes 18 and 19).
    private static func isWAL(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        guard let header = try? handle.read(upToCount: 20), header.count == 20 else { return false }
        return header.prefix(16) == Data("SQLite format 3\u{0}".utf8) && header[18] == 2 && header[19] == 2
    }

    /// Whether a file is empty or starts as every SQLite 3 database does.
    private static func hasSQLiteHeader(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return true }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        return header.isEmpty || header == Data("SQLite format 3\u{0}".utf8)
    }

    /// Reads an existing file through a connection of its own, which leaves the journal mode as
    /// it is and, being a writer, removes any -wal and -shm files it opened when it closes: an
    /// SQLite file, with no tables of another program and no migrations newer than ours.
    private static func inspectSchema(_ path: String) throws(StoreError) {
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            try queue.read { db in _ = try Contents.read(db).check(path) }
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError {
            throw storeError(error, path: path)
        } catch {
            throw .database(path, "\(error)")
        }
    }

    /// Whether a file or folder may be written: by permission, and by its mode even for root
    /// (a file made read-only with `chmod a-w` is meant to stay as it is).
    private static func isWritable(_ path: String) -> Bool {
        guard access(path, W_OK) == 0 else { return false }
        let mode = (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? 0o200
        return mode & 0o222 != 0
    }

    /// Applies the migrations not yet applied. Two processes creating the same file may race
    /// to the same migration; the loser's transaction rolls back, and it looks again.
    private func migrate() throws {
        // The usual case, a database already up to date, is answered by a read: no write lock.
        let contents: Contents
        do {
            contents = try database.read(Contents.read)
        } catch {
            throw Self.storeError(error, path: path)
        }
        if try contents.check(path) { return }
        // Each migration is a transaction of its own, so processes creating or upgrading one file
        // at once take turns: the one that finds a migration applied meanwhile (a table there
        // already, the lock taken) looks again, for as long as a busy database is waited for.
        let deadline = Date().addingTimeInterval(10)
        while true {
            var applied = contents.applied.count
            do {
                let now = try database.read(Contents.read)
                if try now.check(path) { return }
                applied = now.applied.count
                try Schema.migrator.migrate(database)
                return
            } catch let error as DamagedEvents {
                throw StoreError.corrupt(path, error.detail)
            } catch let error as DatabaseError {
                // Another process's turn: the file was busy, or it applied a migration meanwhile.
                let busy = error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED
                let overtaken = ((try? database.read(Contents.read))?.applied.count ?? applied) > applied
                guard busy || overtaken, Date() < deadline else { throw Self.storeError(error, path: path) }
                usleep(useconds_t.random(in: 2_000...20_000))
            } catch {
                throw Self.storeError(error, path: path)
            }
        }
    }

    // MARK: Transactions

    /// Runs a body and turns database errors into `StoreError`; other errors (the engine's)
    /// pass unchanged.
    private func guarded<T>(_ body: () throws -> T) throws -> T {
        try Self.guarded(path: path, body)
    }

    private static func guarded<T>(path: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw storeError(error, path: path)
        }
    }

    /// Runs a body in one IMMEDIATE transaction, which takes the write lock before anything is
    /// read: committed when it returns, rolled back when it throws.
    package func write<T>(_ body: (Database) throws -> T) throws -> T {
        try guarded {
            try database.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                guard let result else { throw StoreError.database(path, "a write ended without its result") }
                return result
            }
        }
    }

    /// Runs a body in one read transaction (a snapshot).
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try guarded { try database.read(body) }
    }

    private static func storeError(_ error: any Error, path: String) -> any Error {
        guard let error = error as? DatabaseError else { return error }
        return storeError(error, path: path)
    }

    private static func storeError(_ error: DatabaseError, path: String) -> StoreError {
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: .busy(path)
        case .SQLITE_FULL: .diskFull(path)
        case .SQLITE_READONLY, .SQLITE_PERM: .readOnly(path)
        case .SQLITE_NOTADB: .notADatabase(path)
        case .SQLITE_CORRUPT: .corrupt(path, error.message ?? "damaged pages")
        default: .database(path, error.message ?? "\(error)")
        }
    }

    // MARK: Workflow texts

    /// Stores the exact YAML text of a workflow revision once, by the SHA-256 of its UTF-8 bytes,
    /// and returns that hash in lowercase hex. Storing the same text again changes nothing.
    public func storeWorkflowText(_ text: String, workflow: WorkflowID, revision: Int) throws -> String {
        try write { db in try Self.insertWorkflowText(WorkflowText(text: text, workflow: workflow, revision: revision), db) }
    }

    /// Stores a workflow text once, inside the caller's transaction; returns its hash.
    @discardableResult
    static func insertWorkflowText(_ text: WorkflowText, _ db: Database) throws -> String {
        try db.execute(
            sql: """
                INSERT INTO workflow_texts (hash, workflow_id, revision, text) VALUES (?, ?, ?, ?)
                ON CONFLICT (hash) DO NOTHING
                """,
            arguments: [text.hash, text.workflow.rawValue, text.revision, text.text])
        return text.hash
    }

    /// The YAML text stored under a SHA-256 hash, or nil when none is.
    public func workflowText(hash: String) throws -> String? {
        guard ContentHash.isHex(hash.lowercased()) else { return nil }
        return try read { db in
            try String.fetchOne(db, sql: "SELECT text FROM workflow_texts WHERE hash = ?", arguments: [hash.lowercased()])
        }
    }

    // MARK: Cases

    /// Opens a case atomically: allocates the next case number (the highest so far plus one),
    /// formats its register number, calls `make(number, registerNumber)` inside the write
    /// transaction, then writes the case and its events.
    ///
    /// If `make` throws, nothing is written, the number is not used up (the next case gets it),
    /// and the error is rethrown unchanged. The events must open the case with the number and
    /// register number given, on a workflow text already stored.
    public func openCase(
        at instant: Date, workflowText: WorkflowText?, attachments: [Data],
        _ make: (_ number: Int, _ registerNumber: String) throws -> [CaseEvent]
    ) throws -> CaseState {
        try checkAttachmentSizes(attachments)
        return try write { db in
            if let workflowText { try Self.insertWorkflowText(workflowText, db) }
            try insertAttachments(attachments, db)
            let number = try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(number), 0) + 1 FROM cases") ?? 1
            let registerNumber = register.registerNumber(number: number, openedAt: instant)
            let events = try make(number, registerNumber)
            guard events.first?.sequence == 1, let state = CaseState.fold(events) else {
                throw StoreError.invalidEvents(
                    "a new case's events must start with `opened` as event 1 and follow one another")
            }
            guard state.number == number, state.registerNumber == registerNumber else {
                throw StoreError.invalidEvents(
                    "the case was to be \(number) (\(registerNumber)), but the events open \(state.number) (\(state.registerNumber))")
            }
            let hash = state.workflow.contentHash
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM workflow_texts WHERE hash = ?)", arguments: [hash]) == true
            else { throw StoreError.unknownWorkflowText(hash) }
            let (rows, head) = try Self.chain(events, caseNumber: number, previous: Chain.genesis)
            try db.execute(
                sql: Self.insertCaseSQL,
                arguments: try Self.caseRow(state, number: number, registerNumber: registerNumber, chainHead: head))
            try Self.insertChained(rows, db)
            try Ledger.append(.case, item: number, version: state.version, digest: head, db)
            return state
        }
    }

    /// Appends events to a case and writes its new state in one transaction, only if the stored
    /// version still equals `expectedVersion`; otherwise throws a `conflict` error and writes
    /// nothing. No events: nothing is written, and the state is returned.
    public func append(
        _ events: [CaseEvent], attachments: [Data], to caseNumber: Int, expectedVersion: Int, from known: CaseState?
    ) throws -> CaseState {
        try checkAttachmentSizes(attachments)
        return try write { db in
            try append(events, attachments: attachments, to: caseNumber, expectedVersion: expectedVersion, from: known, db)
        }
    }

    /// For each case in turn, in one write transaction: reads it at the version it stands at
    /// (its events checked as every read checks them), asks `make` for the events to append, and
    /// appends them. Each case has a savepoint of its own: one that is refused (damaged, or
    /// `make` throws) is left as it was and its error returned, and the others are written all
    /// the same. No other writer can come between the read and the write. The outcomes are in the
    /// order of `numbers`.
    ///
    /// Every case is read first, inside the transaction. What needs no database — the checks and
    /// folds, `make`, and the events and rows to write — is done by other threads, ahead of this
    /// one, which writes the cases in order.
    public func appendEach(
        _ numbers: [Int], _ make: @escaping @Sendable (StoredCase) throws -> [CaseEvent]
    ) throws -> [(number: Int, outcome: Result<AppendedCase, any Error>)] {
        try write { db in
            var checks: [(number: Int, check: CaseCheck?)] = []
            for number in numbers { checks.append((number, try caseCheck(number, db))) }
            return Self.preparing(checks, by: self, make) { index, prepared in
                let number = numbers[index]
                do {
                    let (appended, writing) = try prepared.get()
                    if let writing {
                        try db.inSavepoint {
                            try write(writing, db)
                            return .commit
                        }
                    }
                    return (number, .success(appended))
                } catch {
                    return (number, .failure(Self.storeError(error, path: path)))
                }
            }
        }
    }

    /// Calls `body` with each case read, in order, and what appending `make`'s events to it
    /// writes (nothing when there are none), or why it cannot (the case is not there, or
    /// damaged; `make` refused), and returns what it returned. This is worked out by other
    /// threads (as many as the processors: this one mostly waits for them), ahead of `body`, which waits for
    /// the case it needs.
    private static func preparing<Outcome>(
        _ checks: [(number: Int, check: CaseCheck?)], by store: SQLiteCaseStore, _ make: @escaping @Sendable (StoredCase) throws -> [CaseEvent],
        _ body: (Int, Result<(AppendedCase, PreparedAppend?), any Error>) -> Outcome
    ) -> [Outcome] {
        guard !checks.isEmpty else { return [] }
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8, checks.count))
        var results = [Result<(AppendedCase, PreparedAppend?), any Error>](
            repeating: .failure(StoreError.unknownCase("-")), count: checks.count)
        let ready = checks.map { _ in DispatchSemaphore(value: 0) }
        return results.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let slots = buffer
            for worker in 0..<workers {
                DispatchQueue.global().async {
                    let decoder = CaseCoding.decoder()
                    // Worker `w` takes cases w, w + workers, …: together they go through the list in order.
                    for index in stride(from: worker, to: checks.count, by: workers) {
                        slots[index] = Result { () throws -> (AppendedCase, PreparedAppend?) in
                            guard let check = checks[index].check else { throw StoreError.unknownCase(String(checks[index].number)) }
                            let stored = try store.folded(check, decoder)
                            let events = try make(stored)
                            guard !events.isEmpty else { return (AppendedCase(state: stored.state, events: []), nil) }
                            let prepared = try prepare(events, to: check.row.number, at: stored.state, after: check.row.chainHead)
                            return (AppendedCase(state: prepared.state, events: events), prepared)
                        }
                        ready[index].signal()
                    }
                }
            }
            // Every case is waited for, so no worker touches the buffer, or calls `make`, once this returns.
            return checks.indices.map { index in
                ready[index].wait()
                return body(index, slots[index])
            }
        }
    }

    /// `append` inside the caller's write transaction.
    func append(
        _ events: [CaseEvent], attachments: [Data], to caseNumber: Int, expectedVersion: Int, from known: CaseState?, _ db: Database
    ) throws -> CaseState {
        // The caller's state at the expected version is the fold of these very events (they
        // are append-only): the row is updated only if it is still at that version, and a
        // state of another case or version is not trusted.
        let trusted = known.flatMap { $0.number == caseNumber && $0.version == expectedVersion ? $0 : nil }
        let state: CaseState
        if let trusted {
            state = trusted
        } else {
            state = try folded(caseNumber, version: try currentVersion(caseNumber, expected: expectedVersion, db), db).state
        }
        guard !events.isEmpty else {
            if trusted != nil { _ = try currentVersion(caseNumber, expected: expectedVersion, db) }
            return state
        }
        // Checked before anything is written: the events must fit the case.
        let previous = try chainHead(caseNumber, expectedVersion: expectedVersion, db)
        let prepared = try Self.prepare(events, to: caseNumber, at: state, after: previous)
        try insertAttachments(attachments, db)
        try write(prepared, db)
        return prepared.state
    }

    /// What appending events to a case writes, worked out from the case at the version expected
    /// without the database: the state after, the notices the events cause, the events chained
    /// after the case's last one, and the case's row.
    struct PreparedAppend {
        let caseNumber: Int
        let expectedVersion: Int
        let state: CaseState
        let notices: [Notice]
        let events: [[DatabaseValue]]
        let head: String
        let row: CaseColumns.Statement
    }

    /// Prepares the events appended to a case at `state`, whose last event has the hash
    /// `previous`; `invalidEvents` when one does not fit the case.
    static func prepare(_ events: [CaseEvent], to caseNumber: Int, at state: CaseState, after previous: String) throws -> PreparedAppend {
        let before = CaseColumns.Indexed(state)
        let (after, notices) = try CaseRecord.applying(events, to: state, caseNumber: caseNumber)
        let (rows, head) = try chain(events, caseNumber: caseNumber, previous: previous)
        let row = try CaseColumns(after).statement(from: before, caseNumber: caseNumber, expectedVersion: state.version, chainHead: head)
        return PreparedAppend(
            caseNumber: caseNumber, expectedVersion: state.version, state: after, notices: notices, events: rows, head: head, row: row)
    }

    /// Writes prepared events inside the caller's transaction: the events first, after the hash
    /// of the case's last one (the schema refuses a sequence taken or skipped), then the row,
    /// only if it is still at the version expected (`conflict` otherwise, and the whole
    /// transaction rolls back), the ledger's entry and the notices.
    func write(_ prepared: PreparedAppend, _ db: Database) throws {
        let (caseNumber, expectedVersion) = (prepared.caseNumber, prepared.expectedVersion)
        do {
            try Self.insertChained(prepared.events, db)
        } catch let error as DatabaseError
            where error.extendedResultCode == .SQLITE_CONSTRAINT_FOREIGNKEY
            || error.extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY || error.extendedResultCode == .SQLITE_CONSTRAINT_TRIGGER
        {
            _ = try currentVersion(caseNumber, expected: expectedVersion, db)
            throw error
        }
        try prepared.row.execute(db)
        // No row at that version: an unknown case, or another writer came first.
        if db.changesCount != 1 {
            let actual = try currentVersion(caseNumber, expected: expectedVersion, db)
            throw StoreError.conflict(caseNumber: caseNumber, expected: expectedVersion, actual: actual)
        }
        try Ledger.append(.case, item: caseNumber, version: prepared.state.version, digest: prepared.head, db)
        try Self.enqueue(prepared.notices, db)
    }

    public func casesDue(at instant: Date, limit: Int) throws -> [(number: Int, workflow: WorkflowReference)] {
        try read { db in
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT number, workflow_id, revision, content_hash FROM cases INDEXED BY cases_next_due
                WHERE next_due_at IS NOT NULL AND next_due_at <= ? ORDER BY next_due_at, number LIMIT ?
                """), arguments: [instant.timeIntervalSince1970, max(0, limit)]).map { row in
                let reference = WorkflowReference(
                    id: WorkflowID(row[1] as String? ?? ""), revision: row[2] as Int? ?? 0, contentHash: row[3] as String? ?? "")
                return (row[0] as Int? ?? 0, reference)
            }
        }
    }

    /// A case's stored version, which must be the one expected; `unknownCase` or `conflict` otherwise.
    private func currentVersion(_ caseNumber: Int, expected: Int, _ db: Database) throws -> Int {
        let current = try db.cachedStatement(sql: "SELECT version FROM cases WHERE number = ?")
        guard let version = try Int.fetchOne(current, arguments: [caseNumber]) else { throw StoreError.unknownCase(String(caseNumber)) }
        guard version == expected else { throw StoreError.conflict(caseNumber: caseNumber, expected: expected, actual: version) }
        return version
    }

    /// Inserts one `cases` row; its arguments come from `caseRow`.
    package static let insertCaseSQL = """
        INSERT INTO cases (\(Ledger.caseRowColumns), row_hash)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    /// The arguments of `insertCaseSQL` for a state whose last event has the hash `chainHead`, its
    /// times moved by `shift` seconds (for copies of a case seeded from a template): the row's
    /// columns and their digest.
    package static func caseRow(
        _ state: CaseState, number: Int, registerNumber: String, chainHead: String, shift: Double = 0
    ) throws -> StatementArguments {
        let values = try Ledger.caseRowValues(state, number: number, registerNumber: registerNumber, chainHead: chainHead, shift: shift)
        return StatementArguments(values + [Ledger.rowDigest(values).databaseValue])
    }

    /// A case's history as its row holds it (`CaseRecord.history`).
    static func historyColumn(_ history: CaseHistory) throws -> String {
        try CaseRecord.history(history)
    }

    /// The roles that may act on the current step (`CaseRecord.actors`).
    static func actorsColumn(_ state: CaseState) -> String? {
        CaseRecord.actors(state)
    }

    /// Events of a case encoded and chained after `previous`: their rows for `insertChained` and
    /// the hash of the last.
    static func chain(_ events: [CaseEvent], caseNumber: Int, previous: String) throws -> (rows: [[DatabaseValue]], head: String) {
        let (rows, head) = try CaseRecord.chain(events, caseNumber: caseNumber, previous: previous)
        return (rows.map(Ledger.arguments), head)
    }

    /// Inserts chained events, in one statement (one for each count of events, cached).
    static func insertChained(_ rows: [[DatabaseValue]], _ db: Database) throws {
        guard !rows.isEmpty else { return }
        var arguments = StatementArguments()
        for row in rows { arguments += StatementArguments(row) }
        try db.cachedStatement(sql: insertEventsSQL(count: rows.count)).execute(arguments: arguments)
    }

    /// Appends events to a case whose last event has the hash `previous`, inside the caller's
    /// transaction; returns the hash of the last one.
    func insert(_ events: [CaseEvent], caseNumber: Int, previous: String, _ db: Database) throws -> String {
        let (rows, head) = try Self.chain(events, caseNumber: caseNumber, previous: previous)
        try Self.insertChained(rows, db)
        return head
    }

    /// The `INSERT` of `count` events.
    static func insertEventsSQL(count: Int) -> String {
        "INSERT INTO events (case_number, sequence, at, by_user, kind, payload, previous, hash) VALUES "
            + Array(repeating: "(?, ?, ?, ?, ?, ?, ?, ?)", count: count).joined(separator: ", ")
    }

    /// The hash of a case's last event as its row keeps it, when the row is at `expectedVersion`;
    /// `unknownCase` or `conflict` otherwise.
    func chainHead(_ caseNumber: Int, expectedVersion: Int, _ db: Database) throws -> String {
        let head = try String.fetchOne(
            db.cachedStatement(sql: "SELECT chain_head FROM cases WHERE number = ? AND version = ?"),
            arguments: [caseNumber, expectedVersion])
        guard let head else {
            _ = try currentVersion(caseNumber, expected: expectedVersion, db)
            throw StoreError.conflict(caseNumber: caseNumber, expected: expectedVersion, actual: expectedVersion)
        }
        return head
    }

    /// A case's events, by their key, and their fold, every check of `CaseCheck.full` passed:
    /// `damagedCase` (naming the first problem) for a record changed outside sop, `unknownCase`
    /// when there is no such case, `conflict` when it is not at `version`.
    func folded(_ caseNumber: Int, version: Int, _ db: Database) throws -> StoredCase {
        guard let check = try caseCheck(caseNumber, db) else { throw StoreError.unknownCase(String(caseNumber)) }
        guard check.row.version == version else {
            throw StoreError.conflict(caseNumber: caseNumber, expected: version, actual: check.row.version)
        }
        return try folded(check, CaseCoding.decoder())
    }

    /// A case read, checked and folded: `damagedCase` (naming the first problem) for a record
    /// changed outside sop.
    private func folded(_ check: CaseCheck, _ decoder: JSONDecoder) throws -> StoredCase {
        let caseNumber = check.row.number
        let (problems, stored, _) = check.full(decoder)
        if let first = problems.first {
            let more = problems.count > 1 ? " (+\(problems.count - 1))" : ""
            throw StoreError.damagedCase(path, caseNumber: caseNumber, first.detail + more)
        }
        guard let stored else { throw StoreError.damagedCase(path, caseNumber: caseNumber, "its events do not fold") }
        return stored
    }

    /// The case with a number (`"123"`) or a register number (`"067/PGD/2026/000123"`), with its
    /// events; nil when there is none.
    public func loadCase(_ reference: String) throws -> StoredCase? {
        let reference = reference.trimmingCharacters(in: .whitespaces)
        return try read { db in
            var row: Row?
            if !reference.isEmpty, reference.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let number = Int(reference) {
                row = try Row.fetchOne(db, sql: "SELECT number, version FROM cases WHERE number = ?", arguments: [number])
            }
            // A register number may be all digits too (a format like `{year}{number}`).
            if row == nil {
                row = try Row.fetchOne(
                    db, sql: "SELECT number, version FROM cases WHERE register_number = ?", arguments: [reference])
            }
            guard let row else { return nil }
            return try folded(row[0], version: row[1], db)
        }
    }

    /// The cases a filter selects, newest (highest number) first or by step deadline.
    public func cases(matching filter: CaseFilter) throws -> [CaseSummary] {
        let (sql, arguments) = Self.query(filter)
        if sql.isEmpty { return [] }
        return try read { db in
            // Columns by position, in the order `query` selects them: a lookup by name costs more
            // than the rest of reading a row.
            var summaries: [CaseSummary] = []
            let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
            while let row = try rows.next() {
                let statusText: String = row[5]
                guard let status = CaseStatus(rawValue: statusText) else {
                    throw StoreError.corrupt(path, "case \(row[0] as Int) has an unknown status '\(statusText)'")
                }
                summaries.append(CaseSummary(
                    number: row[0], registerNumber: row[1],
                    workflow: WorkflowReference(id: WorkflowID(row[2] as String), revision: row[3], contentHash: row[4]),
                    status: status, currentStep: (row[6] as String?).map { StepID($0) },
                    channel: row[7],
                    openedAt: Date(timeIntervalSince1970: row[10]), dueAt: Date(timeIntervalSince1970: row[11]),
                    stepDueAt: (row[12] as Double?).map(Date.init(timeIntervalSince1970:)),
                    stepStartedAt: (row[9] as Double?).map(Date.init(timeIntervalSince1970:)),
                    currentActors: (row[8] as String?).map { $0.split(separator: " ").map { ActorID(String($0)) } } ?? [],
                    closedAt: (row[13] as Double?).map(Date.init(timeIntervalSince1970:)),
                    version: row[14], nextScheduledAt: (row[15] as Double?).map(Date.init(timeIntervalSince1970:))))
            }
            return summaries
        }
    }

    /// The SQL of a case list; empty when the filter can select nothing.
    ///
    /// A list of cases on steps (by step, role, an open status, or overdue) reads the open cases
    /// from the partial index `cases_overdue`, whatever SQLite guesses; a list of ended statuses
    /// reads `cases_ended_by_status`. The conditions that choose a partial index are written
    /// exactly as the index is, so SQLite sees that the index holds every case the list needs.
    static func query(_ filter: CaseFilter) -> (String, StatementArguments) {
        var conditions: [String] = []
        var arguments = StatementArguments()
        func placeholders(_ count: Int) -> String { Array(repeating: "?", count: count).joined(separator: ", ") }
        var onSteps = filter.step != nil || filter.steps != nil || filter.roles != nil || filter.overdueAt != nil
        var ended = false
        if let statuses = filter.statuses {
            if statuses.isEmpty { return ("", []) }
            if statuses.allSatisfy({ !$0.isFinal }) { onSteps = true }
            if statuses.allSatisfy(\.isFinal) {
                // Cases on steps are never in an ended status.
                if onSteps { return ("", []) }
                ended = true
                conditions.append("status NOT IN ('open', 'waiting-for-reporter')")
            }
            conditions.append("status IN (\(placeholders(statuses.count)))")
            arguments += StatementArguments(statuses.map(\.rawValue).sorted())
        }
        if onSteps { conditions.insert("status IN ('open', 'waiting-for-reporter')", at: 0) }
        if let workflow = filter.workflow {
            conditions.append("workflow_id = ?")
            arguments += [workflow.rawValue]
        }
        if let step = filter.step {
            conditions.append("current_step = ?")
            arguments += [step.rawValue]
        }
        if let steps = filter.steps {
            if steps.isEmpty { return ("", []) }
            conditions.append("current_step IN (\(placeholders(steps.count)))")
            arguments += StatementArguments(steps.map(\.rawValue).sorted())
        }
        if let roles = filter.roles {
            if roles.isEmpty { return ("", []) }
            conditions.append("(" + roles.map { _ in "current_actors LIKE ?" }.joined(separator: " OR ") + ")")
            arguments += StatementArguments(roles.map { "% \($0.rawValue) %" }.sorted())
        }
        if let channel = filter.channel {
            conditions.append("channel = ?")
            arguments += [channel]
        }
        if let from = filter.openedFrom {
            conditions.append("opened_at >= ?")
            arguments += [from.timeIntervalSince1970]
        }
        if let to = filter.openedTo {
            conditions.append("opened_at < ?")
            arguments += [to.timeIntervalSince1970]
        }
        if let instant = filter.overdueAt {
            conditions.append("step_due_at < ?")
            arguments += [instant.timeIntervalSince1970]
        }
        // `status IN (?)` with its values bound is not something SQLite can compare with a partial
        // index's condition, so the index is named.
        let index = onSteps ? " INDEXED BY cases_overdue" : ended ? " INDEXED BY cases_ended_by_status" : ""
        var sql = """
            SELECT number, register_number, workflow_id, revision, content_hash, status, current_step, channel,
                current_actors, step_started_at,
                opened_at, due_at, step_due_at, closed_at, version, next_due_at
            FROM cases
            """ + index
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        switch filter.order {
        case .newestFirst: sql += " ORDER BY number DESC"
        case .dueSoonestFirst:
            // A case on a step has a step deadline; others go last.
            sql += onSteps ? " ORDER BY step_due_at, number" : " ORDER BY step_due_at IS NULL, step_due_at, number"
        }
        if let limit = filter.limit {
            sql += " LIMIT ?"
            arguments += [max(0, limit)]
        }
        return (sql, arguments)
    }

    static func checkName(_ name: String, _ what: Text) throws(StoreError) {
        guard !name.isEmpty, name.trimmingCharacters(in: .whitespacesAndNewlines) == name,
              !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else { throw .invalidName(what) }
    }

    // MARK: Attachments

    /// Stores an attachment once by its SHA-256 and returns the hash (lowercase hex) and size;
    /// content over `attachmentLimit` is refused with nothing written.
    public func storeAttachment(_ data: Data) throws -> (sha256: String, size: Int) {
        try checkAttachmentSizes([data])
        try write { db in try insertAttachments([data], db) }
        return (ContentHash.hex(data), data.count)
    }

    private func checkAttachmentSizes(_ attachments: [Data]) throws {
        for data in attachments where data.count > attachmentLimit {
            throw StoreError.attachmentTooLarge(size: data.count, limit: attachmentLimit)
        }
    }

    /// Stores attachments by SHA-256 inside the caller's transaction (once each).
    private func insertAttachments(_ attachments: [Data], _ db: Database) throws {
        for data in attachments {
            try db.execute(
                sql: "INSERT INTO attachments (sha256, size, data) VALUES (?, ?, ?) ON CONFLICT (sha256) DO NOTHING",
                arguments: [ContentHash.hex(data), data.count, data])
        }
    }

    /// The attachment stored under a SHA-256 hash, or nil.
    public func attachment(sha256: String) throws -> Data? {
        guard ContentHash.isHex(sha256.lowercased()) else { return nil }
        return try read { db in
            try Data.fetchOne(db, sql: "SELECT data FROM attachments WHERE sha256 = ?", arguments: [sha256.lowercased()])
        }
    }
}

/// Creates a database file that does not exist yet (never one another process made meanwhile:
/// `O_EXCL`), empty, readable and writable by its owner only (0600, whatever the umask): it holds
/// personal data. In a folder an office gave to a group, with the setgid bit (`chmod 2770`), the
/// file belongs to that group and its members may read and write it too (0660). SQLite gives its
/// `-wal` and `-shm` files the same permissions. An existing file is left as it is; a file that
/// cannot be created is left to SQLite to report.
private func createOwnerOnlyFile(_ path: String) {
    _ = createNewFile(path)
}

/// Creates a new, empty file as `createOwnerOnlyFile` describes; false when it exists already or
/// cannot be created. With `ownerOnly`, the file is 0600 even in a group's folder.
func createNewFile(_ path: String, ownerOnly: Bool = false) -> Bool {
    let folder = (path as NSString).deletingLastPathComponent
    var status = stat()
    let sharedFolder = !ownerOnly && stat(folder.isEmpty ? "." : folder, &status) == 0 && status.st_mode & S_ISGID != 0
    let mode: mode_t = sharedFolder ? 0o660 : 0o600
    let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
    guard descriptor >= 0 else { return false }
    fchmod(descriptor, mode)
    close(descriptor)
    return true
}

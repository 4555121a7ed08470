import Foundation
import SOPCore
import SOPEngine
import SOPModel
import SOPStorage

/// The case store in a PostgreSQL database, through postgres-nio: what `SQLiteCaseStore` keeps,
/// in the same tables (`PostgresSchema`), with the same hashes, passing the same contract tests.
///
/// The user is the one PostgreSQL authenticated (`PostgresAddress`); the store holds no password
/// of its own. Every write is one transaction that first takes the store's write lock (a
/// transaction-level advisory lock), so writers take turns as they do on SQLite: case numbers,
/// the ledger's entries and every number the store gives follow one another without gaps.
/// Reads run in one snapshot (`REPEATABLE READ`).
///
/// The schema is made and upgraded only by `PostgresCaseStore.upgrade` (`sop init`, `sop upgrade`):
/// opening a store never changes it, and refuses a database whose schema is older or newer than
/// this sop's.
public final class PostgresCaseStore: CaseStore, @unchecked Sendable {
    /// Where the database is (no password).
    public let address: PostgresAddress
    /// The largest attachment accepted, in bytes.
    public let attachmentLimit: Int
    let register: RegisterFormat
    private let session: PGSession
    /// The user PostgreSQL authenticated for the connection (`session_user`): on an office's
    /// database, who is acting, whatever anyone claims.
    public let sessionUser: String
    /// The database's name, which its three roles are named after (`<database>_reader`, `_staff`, `_admin`).
    let databaseName: String
    /// One use of the connection at a time.
    private let lock = NSRecursiveLock()

    /// The database as messages name it.
    var name: String { address.description }

    /// The key of the advisory lock every write takes: `sop` in ASCII.
    static let writeLock: Int64 = 0x736F70

    /// Connects to the database at `address` (`postgresql://…`), whose schema must be this sop's.
    ///
    /// - Throws: `StoreError`: the address cannot be read, the server cannot be reached or refuses
    ///   the user, the database holds another program's tables (`foreign-database`), has no sop
    ///   schema yet or an older one (`outdated-schema`: `sop upgrade`), or a newer one (`newer-schema`).
    public convenience init(address: String, registerFormat: String = "067/PGD/{year}/{number}", attachmentLimit: Int = 10 * 1024 * 1024) throws {
        try self.init(address: try PostgresAddress(address), registerFormat: registerFormat, attachmentLimit: attachmentLimit)
    }

    /// Connects to the database at `address`; see `init(address:registerFormat:attachmentLimit:)`.
    public init(address: PostgresAddress, registerFormat: String = "067/PGD/{year}/{number}", attachmentLimit: Int = 10 * 1024 * 1024) throws {
        self.address = address
        self.attachmentLimit = attachmentLimit
        register = try RegisterFormat(registerFormat)
        session = try Self.connect(address)
        do {
            guard try Self.schemaState(session, address) == .current else { throw StoreError.outdatedSchema(address.description) }
            let row = try session.one("SELECT session_user, current_database()")
            sessionUser = row?[0].string ?? address.user
            databaseName = row?[1].string ?? address.database
        } catch let failure as PGFailure {
            session.close()
            throw Self.storeError(failure, address: address, writing: false)
        } catch {
            session.close()
            throw error
        }
    }

    /// The name of one of the database's roles: `reader`, `staff` or `admin`.
    func databaseRole(_ kind: String) -> String { databaseName + "_" + kind }

    /// A name as an SQL identifier, in double quotes.
    static func identifier(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    deinit { session.close() }

    /// Connects, turning a failure into a `StoreError` that names the server and the user.
    static func connect(_ address: PostgresAddress) throws -> PGSession {
        do {
            return try PGSession.connect(address)
        } catch let failure as PGFailure {
            throw storeError(failure, address: address, writing: false)
        }
    }

    // MARK: Schema

    /// How a database's schema stands against this sop's migrations.
    enum SchemaState: Equatable {
        case empty, outdated, current
    }

    /// The migrations this version of sop knows, in order.
    public static var migrationNames: [String] { PostgresSchema.migrations.map(\.name) }

    /// Reads which migrations a database has; refuses another program's tables and a newer sop's migrations.
    static func schemaState(_ session: PGSession, _ address: PostgresAddress) throws -> SchemaState {
        do {
            // The catalogue lists every table, whatever the user may read: a user without the
            // privilege is told so by the read of the migrations that follows, not told "no schema".
            let tables = try session.query("SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = current_schema()")
                .compactMap { $0[0].string }
            guard tables.contains("sop_migrations") else {
                if !tables.isEmpty { throw StoreError.foreignDatabase(address.description) }
                return .empty
            }
            let applied = try session.query("SELECT name FROM sop_migrations").compactMap { $0[0].string }
            let known = Set(migrationNames)
            let unknown = applied.filter { !known.contains($0) }
            if !unknown.isEmpty { throw StoreError.newerSchema(address.description, migrations: unknown.sorted()) }
            return known.isSubset(of: applied) ? .current : .outdated
        } catch let failure as PGFailure {
            throw storeError(failure, address: address, writing: false)
        }
    }

    /// Applies the migrations a database lacks, each in a transaction of its own, and returns the
    /// names applied (none for a database up to date): what `sop init` and `sop upgrade` run, by a
    /// user allowed to create tables there. Two upgrades at once take turns (an advisory lock):
    /// the second finds the work done.
    @discardableResult
    public static func upgrade(_ address: PostgresAddress) throws -> [String] {
        let session = try connect(address)
        defer { session.close() }
        var applied: [String] = []
        do {
            try session.query("SELECT pg_advisory_lock($1)", [.integer(writeLock)])
            defer { _ = try? session.query("SELECT pg_advisory_unlock($1)", [.integer(writeLock)]) }
            // Made only in a database without it: creating anything needs a privilege an
            // up-to-date database gives no one but its owner.
            if try schemaState(session, address) == .empty { try session.query(PostgresSchema.migrationsTable) }
            let done = Set(try session.query("SELECT name FROM sop_migrations").compactMap { $0[0].string })
            for migration in PostgresSchema.migrations where !done.contains(migration.name) {
                try session.query("BEGIN")
                do {
                    try session.script(migration.sql)
                    try session.query("INSERT INTO sop_migrations (name) VALUES ($1)", [.text(migration.name)])
                    try session.query("COMMIT")
                } catch {
                    _ = try? session.query("ROLLBACK")
                    throw error
                }
                applied.append(migration.name)
            }
        } catch let failure as PGFailure {
            throw storeError(failure, address: address, writing: true)
        }
        return applied
    }

    // MARK: Transactions

    /// Runs a body in one transaction holding the store's write lock: committed when it returns,
    /// rolled back when it throws. Database errors become `StoreError`; others (the engine's) pass
    /// unchanged.
    func write<T>(_ body: (PGSession) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        var committing = false
        session.ledgerHeadWritten = nil
        do {
            try session.query("BEGIN")
            do {
                try session.query("SELECT pg_advisory_xact_lock($1)", [.integer(Self.writeLock)])
                let result = try body(session)
                committing = true
                try session.query("COMMIT")
                return result
            } catch {
                if !committing { _ = try? session.query("ROLLBACK") }
                throw error
            }
        } catch let failure as PGFailure {
            if committing, failure.lost { throw StoreError.serverGone(name, stored: wasStored(session.ledgerHeadWritten)) }
            throw Self.storeError(failure, address: address, writing: true, committing: committing)
        }
    }

    /// Whether a write whose connection was lost while it was being committed is in the database
    /// after all: its ledger entry is there, or not, as a new connection reads it. Nil when that
    /// cannot be told (the server cannot be reached, or the write made no ledger entry: a text or
    /// an attachment, stored by its hash, which storing again changes nothing).
    private func wasStored(_ head: String?) -> Bool? {
        guard let head, let again = try? PGSession.connect(address, timeout: 5) else { return nil }
        defer { again.close() }
        guard let row = try? again.query("SELECT 1 FROM ledger WHERE head = $1", [.text(head)]) else { return nil }
        return !row.isEmpty
    }

    /// Runs a body in one read-only snapshot.
    func read<T>(_ body: (PGSession) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        do {
            try session.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            do {
                let result = try body(session)
                try session.query("COMMIT")
                return result
            } catch {
                _ = try? session.query("ROLLBACK")
                throw error
            }
        } catch let failure as PGFailure {
            throw Self.storeError(failure, address: address, writing: false)
        }
    }

    /// Runs a body inside a savepoint of the caller's transaction, under a name of its own (`each`
    /// for a case of `appendEach`, `events` for an insert of events inside it): a failure undoes
    /// only the body's writes.
    func savepoint<T>(_ name: String, _ session: PGSession, _ body: () throws -> T) throws -> T {
        precondition(name.allSatisfy { $0.isLetter }, "a savepoint of the store")
        try session.query("SAVEPOINT sop_\(name)")
        do {
            let result = try body()
            try session.query("RELEASE SAVEPOINT sop_\(name)")
            return result
        } catch {
            try session.query("ROLLBACK TO SAVEPOINT sop_\(name)")
            throw error
        }
    }

    /// A failure of PostgreSQL as the store's error. `committing`: the connection was lost while the
    /// transaction was being committed, so whether it was stored is not known here.
    static func storeError(_ failure: PGFailure, address: PostgresAddress, writing: Bool, committing: Bool = false) -> StoreError {
        let name = address.description
        if failure.lost, writing { return .serverGone(name, stored: committing ? nil : false) }
        guard let state = failure.state else { return .connectionFailed(name, failure.message) }
        switch state {
        case "28P01", "28000": return .authenticationFailed(name, user: address.user, failure.message)
        case "42501": return .permissionDenied(name, user: address.user, failure.message)
        case "SP001" where failure.message.contains("names as who made it"): return .permissionDenied(name, user: address.user, failure.message)
        case "3D000": return .connectionFailed(name, failure.message)
        case "42704" where failure.message.hasPrefix("role "): return .noDatabaseRole(name, failure.message)
        case "40001", "40P01", "55P03": return .busy(name)
        case "53100": return .diskFull(name)
        case "57P01", "57P02", "57P03": return .connectionFailed(name, failure.message)
        default:
            if state.hasPrefix("08") { return .connectionFailed(name, failure.message) }
            return .database(name, failure.message)
        }
    }

    /// Runs a write the schema lets only an administrator make (its rules say "only an
    /// administrator …"); their refusal is `not-administrator`, for `task`.
    @discardableResult
    static func asAdministrator<T>(_ actor: String, to task: Text = StoreError.changingTheRegistry, _ write: () throws -> T) throws -> T {
        do {
            return try write()
        } catch let failure as PGFailure where failure.state == "SP001" && failure.message.contains("only an administrator") {
            throw StoreError.notAdministrator(actor, to: task)
        }
    }

    // MARK: Workflow texts

    public func storeWorkflowText(_ text: String, workflow: WorkflowID, revision: Int) throws -> String {
        try write { db in try Self.insertWorkflowText(WorkflowText(text: text, workflow: workflow, revision: revision), db) }
    }

    @discardableResult
    static func insertWorkflowText(_ text: WorkflowText, _ db: PGSession) throws -> String {
        try db.query(
            "INSERT INTO workflow_texts (hash, workflow_id, revision, text) VALUES ($1, $2, $3, $4) ON CONFLICT (hash) DO NOTHING",
            [.text(text.hash), .text(text.workflow.rawValue), PGValue(text.revision), .text(text.text)])
        return text.hash
    }

    public func workflowText(hash: String) throws -> String? {
        guard ContentHash.isHex(hash.lowercased()) else { return nil }
        return try read { db in try db.one("SELECT text FROM workflow_texts WHERE hash = $1", [.text(hash.lowercased())])?[0].string }
    }

    // MARK: Cases

    public func openCase(
        at instant: Date, workflowText: WorkflowText?, attachments: [Data],
        _ make: (_ number: Int, _ registerNumber: String) throws -> [CaseEvent]
    ) throws -> CaseState {
        try checkAttachmentSizes(attachments)
        return try write { db in
            if let workflowText { try Self.insertWorkflowText(workflowText, db) }
            try insertAttachments(attachments, db)
            let number = try db.one("SELECT COALESCE(MAX(number), 0) + 1 FROM cases")?[0].int ?? 1
            let registerNumber = register.registerNumber(number: number, openedAt: instant)
            let events = try make(number, registerNumber)
            guard events.first?.sequence == 1, let state = CaseState.fold(events) else {
                throw StoreError.invalidEvents("a new case's events must start with `opened` as event 1 and follow one another")
            }
            guard state.number == number, state.registerNumber == registerNumber else {
                throw StoreError.invalidEvents(
                    "the case was to be \(number) (\(registerNumber)), but the events open \(state.number) (\(state.registerNumber))")
            }
            let hash = state.workflow.contentHash
            guard try db.one("SELECT 1 FROM workflow_texts WHERE hash = $1", [.text(hash)]) != nil else {
                throw StoreError.unknownWorkflowText(hash)
            }
            let (rows, head) = try CaseRecord.chain(events, caseNumber: number, previous: Chain.genesis)
            let values = try CaseRecord.values(state, number: number, registerNumber: registerNumber, chainHead: head)
            try db.query(Self.insertCaseSQL, values.map(PGValue.init) + [.text(CaseRecord.digest(values))])
            try Self.insertEvents(rows, db)
            try PGLedger.append(.case, item: number, version: state.version, digest: head, db)
            return state
        }
    }

    /// Inserts one `cases` row: `CaseRecord.columns` and `row_hash`.
    static let insertCaseSQL = "INSERT INTO cases (\(CaseRecord.columns), row_hash) VALUES ("
        + (1...19).map { "$\($0)" }.joined(separator: ", ") + ")"

    /// Inserts chained events, in one statement.
    static func insertEvents(_ rows: [CaseRecord.ChainedEvent], _ db: PGSession) throws {
        guard !rows.isEmpty else { return }
        var values: [PGValue] = []
        var tuples: [String] = []
        for row in rows {
            let base = values.count
            tuples.append("(" + (1...8).map { "$\(base + $0)" }.joined(separator: ", ") + ")")
            values += [
                PGValue(row.caseNumber), PGValue(row.sequence), .real(row.at), .text(row.by), .text(row.kind), .text(row.payload),
                .text(row.previous), .text(row.hash),
            ]
        }
        try db.query(
            "INSERT INTO events (case_number, sequence, at, by_user, kind, payload, previous, hash) VALUES " + tuples.joined(separator: ", "),
            values)
    }

    public func append(
        _ events: [CaseEvent], attachments: [Data], to caseNumber: Int, expectedVersion: Int, from known: CaseState?
    ) throws -> CaseState {
        try checkAttachmentSizes(attachments)
        return try write { db in
            try append(events, attachments: attachments, to: caseNumber, expectedVersion: expectedVersion, from: known, db)
        }
    }

    /// `append` inside the caller's write transaction.
    func append(
        _ events: [CaseEvent], attachments: [Data], to caseNumber: Int, expectedVersion: Int, from known: CaseState?, _ db: PGSession
    ) throws -> CaseState {
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
        let previous = try chainHead(caseNumber, expectedVersion: expectedVersion, db)
        let prepared = try Self.prepare(events, to: caseNumber, at: state, after: previous)
        try insertAttachments(attachments, db)
        try write(prepared, db)
        return prepared.state
    }

    /// What appending events to a case writes, worked out without the database.
    struct PreparedAppend {
        let caseNumber: Int
        let expectedVersion: Int
        let state: CaseState
        let notices: [Notice]
        let events: [CaseRecord.ChainedEvent]
        let head: String
        let row: [Chain.Value]
    }

    static func prepare(_ events: [CaseEvent], to caseNumber: Int, at state: CaseState, after previous: String) throws -> PreparedAppend {
        let (after, notices) = try CaseRecord.applying(events, to: state, caseNumber: caseNumber)
        let (rows, head) = try CaseRecord.chain(events, caseNumber: caseNumber, previous: previous)
        let row = try CaseRecord.values(after, number: caseNumber, registerNumber: after.registerNumber, chainHead: head)
        return PreparedAppend(
            caseNumber: caseNumber, expectedVersion: state.version, state: after, notices: notices, events: rows, head: head, row: row)
    }

    /// The columns a step rewrites: every column of the row but its number and register number.
    static let updateCaseSQL: String = {
        let names = CaseRecord.columnNames.dropFirst(2) + ["row_hash"]
        let assignments = names.enumerated().map { "\($1) = $\($0 + 1)" }.joined(separator: ", ")
        return "UPDATE cases SET \(assignments) WHERE number = $\(names.count + 1) AND version = $\(names.count + 2)"
    }()

    /// Writes prepared events inside the caller's transaction: the events (the schema refuses a
    /// sequence taken or skipped, or a wrong `previous`), the row only if it is still at the version
    /// expected (`conflict` otherwise), the ledger's entry and (unless `notifying` is false: a
    /// move between revisions tells no one) the notices.
    func write(_ prepared: PreparedAppend, notifying: Bool = true, _ db: PGSession) throws {
        let (caseNumber, expectedVersion) = (prepared.caseNumber, prepared.expectedVersion)
        do {
            try savepoint("events", db) { try Self.insertEvents(prepared.events, db) }
        } catch let failure as PGFailure where ["23503", "23505", "SP001"].contains(failure.state ?? "") {
            _ = try currentVersion(caseNumber, expected: expectedVersion, db)
            throw failure
        }
        let values = Array(prepared.row.dropFirst(2)).map(PGValue.init)
            + [.text(CaseRecord.digest(prepared.row)), PGValue(caseNumber), PGValue(expectedVersion)]
        let updated = try db.query(Self.updateCaseSQL + " RETURNING number", values)
        if updated.count != 1 {
            let actual = try currentVersion(caseNumber, expected: expectedVersion, db)
            throw StoreError.conflict(caseNumber: caseNumber, expected: expectedVersion, actual: actual)
        }
        try PGLedger.append(.case, item: caseNumber, version: prepared.state.version, digest: prepared.head, db)
        if notifying { try Self.enqueue(prepared.notices, db) }
    }

    public func appendEach(
        _ numbers: [Int], _ make: @escaping @Sendable (StoredCase) throws -> [CaseEvent]
    ) throws -> [(number: Int, outcome: Result<AppendedCase, any Error>)] {
        try write { db in
            var outcomes: [(number: Int, outcome: Result<AppendedCase, any Error>)] = []
            let decoder = CaseCoding.decoder()
            for number in numbers {
                do {
                    let appended = try savepoint("each", db) { () throws -> AppendedCase in
                        guard let check = try caseCheck(number, db) else { throw StoreError.unknownCase(String(number)) }
                        let stored = try folded(check, decoder)
                        let events = try make(stored)
                        guard !events.isEmpty else { return AppendedCase(state: stored.state, events: []) }
                        let prepared = try Self.prepare(events, to: number, at: stored.state, after: check.row.chainHead)
                        try write(prepared, db)
                        return AppendedCase(state: prepared.state, events: events)
                    }
                    outcomes.append((number, .success(appended)))
                } catch let failure as PGFailure {
                    outcomes.append((number, .failure(Self.storeError(failure, address: address, writing: true))))
                } catch {
                    outcomes.append((number, .failure(error)))
                }
            }
            return outcomes
        }
    }

    public func casesDue(at instant: Date, limit: Int) throws -> [(number: Int, workflow: WorkflowReference)] {
        try read { db in
            try db.query("""
                SELECT number, workflow_id, revision, content_hash FROM cases
                WHERE next_due_at IS NOT NULL AND next_due_at <= $1 ORDER BY next_due_at, number LIMIT $2
                """, [.real(instant.timeIntervalSince1970), PGValue(max(0, limit))]).map { row in
                (row[0].int ?? 0, Self.reference(row, from: 1))
            }
        }
    }

    /// A workflow reference from three columns (id, revision, content hash) of a row.
    static func reference(_ row: PGRow, from index: Int) -> WorkflowReference {
        WorkflowReference(
            id: WorkflowID(row[index].string ?? ""), revision: row[index + 1].int ?? 0, contentHash: row[index + 2].string ?? "")
    }

    /// A case's stored version, which must be the one expected; `unknownCase` or `conflict` otherwise.
    func currentVersion(_ caseNumber: Int, expected: Int, _ db: PGSession) throws -> Int {
        guard let version = try db.one("SELECT version FROM cases WHERE number = $1", [PGValue(caseNumber)])?[0].int else {
            throw StoreError.unknownCase(String(caseNumber))
        }
        guard version == expected else { throw StoreError.conflict(caseNumber: caseNumber, expected: expected, actual: version) }
        return version
    }

    /// The hash of a case's last event as its row keeps it, when the row is at `expectedVersion`.
    func chainHead(_ caseNumber: Int, expectedVersion: Int, _ db: PGSession) throws -> String {
        guard let head = try db.one(
            "SELECT chain_head FROM cases WHERE number = $1 AND version = $2", [PGValue(caseNumber), PGValue(expectedVersion)])?[0].string
        else {
            _ = try currentVersion(caseNumber, expected: expectedVersion, db)
            throw StoreError.conflict(caseNumber: caseNumber, expected: expectedVersion, actual: expectedVersion)
        }
        return head
    }

    /// A case's row and events, read inside the caller's transaction; nil when there is no such case.
    func caseCheck(_ caseNumber: Int, _ db: PGSession) throws -> CaseCheck? {
        guard let row = try db.one("SELECT \(CaseCheck.CaseRow.columns) FROM cases WHERE number = $1", [PGValue(caseNumber)]) else {
            return nil
        }
        let events = try db.query(
            "SELECT \(CaseCheck.EventRow.columns) FROM events WHERE case_number = $1 ORDER BY sequence", [PGValue(caseNumber)]
        ).map(Self.eventRow)
        return CaseCheck(row: CaseCheck.CaseRow(row.values.map(\.chainValue)), events: events)
    }

    /// An event from its row (`CaseCheck.EventRow.columns`, from column `index`).
    static func eventRow(_ row: PGRow) -> CaseCheck.EventRow {
        eventRow(row, from: 0)
    }

    static func eventRow(_ row: PGRow, from index: Int) -> CaseCheck.EventRow {
        CaseCheck.EventRow(
            sequence: row[index].int, at: row[index + 1].double, by: row[index + 2].string, kind: row[index + 3].string,
            previous: row[index + 4].string, hash: row[index + 5].string, payload: row[index + 6].string)
    }

    /// A case's events and their fold, every check passed; `damagedCase`, `unknownCase` or `conflict` otherwise.
    func folded(_ caseNumber: Int, version: Int, _ db: PGSession) throws -> StoredCase {
        guard let check = try caseCheck(caseNumber, db) else { throw StoreError.unknownCase(String(caseNumber)) }
        guard check.row.version == version else {
            throw StoreError.conflict(caseNumber: caseNumber, expected: version, actual: check.row.version)
        }
        return try folded(check, CaseCoding.decoder())
    }

    func folded(_ check: CaseCheck, _ decoder: JSONDecoder) throws -> StoredCase {
        let caseNumber = check.row.number
        let (problems, stored, _) = check.full(decoder)
        if let first = problems.first {
            let more = problems.count > 1 ? " (+\(problems.count - 1))" : ""
            throw StoreError.damagedCase(name, caseNumber: caseNumber, first.detail + more)
        }
        guard let stored else { throw StoreError.damagedCase(name, caseNumber: caseNumber, "its events do not fold") }
        return stored
    }

    public func loadCase(_ reference: String) throws -> StoredCase? {
        let reference = reference.trimmingCharacters(in: .whitespaces)
        return try read { db in
            var row: PGRow?
            if !reference.isEmpty, reference.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let number = Int(reference) {
                row = try db.one("SELECT number, version FROM cases WHERE number = $1", [PGValue(number)])
            }
            if row == nil {
                row = try db.one("SELECT number, version FROM cases WHERE register_number = $1", [.text(reference)])
            }
            guard let row, let number = row[0].int, let version = row[1].int else { return nil }
            return try folded(number, version: version, db)
        }
    }

    public func cases(matching filter: CaseFilter) throws -> [CaseSummary] {
        let (sql, values) = Self.query(filter)
        if sql.isEmpty { return [] }
        return try read { db in
            try db.query(sql, values).map { row in
                let statusText = row[5].string ?? ""
                guard let status = CaseStatus(rawValue: statusText) else {
                    throw StoreError.corrupt(name, "case \(row[0].int ?? 0) has an unknown status '\(statusText)'")
                }
                return CaseSummary(
                    number: row[0].int ?? 0, registerNumber: row[1].string ?? "", workflow: Self.reference(row, from: 2),
                    status: status, currentStep: row[6].string.map { StepID($0) }, channel: row[7].string,
                    openedAt: row[10].date ?? Date(timeIntervalSince1970: 0), dueAt: row[11].date ?? Date(timeIntervalSince1970: 0),
                    stepDueAt: row[12].date, stepStartedAt: row[9].date,
                    currentActors: row[8].string.map { $0.split(separator: " ").map { ActorID(String($0)) } } ?? [],
                    closedAt: row[13].date, version: row[14].int ?? 0, nextScheduledAt: row[15].date)
            }
        }
    }

    /// The SQL of a case list and its values; empty when the filter can select nothing.
    static func query(_ filter: CaseFilter) -> (String, [PGValue]) {
        var conditions: [String] = []
        var values: [PGValue] = []
        func bind(_ value: PGValue) -> String {
            values.append(value)
            return "$\(values.count)"
        }
        var onSteps = filter.step != nil || filter.steps != nil || filter.roles != nil || filter.overdueAt != nil
        if let statuses = filter.statuses {
            if statuses.isEmpty { return ("", []) }
            if statuses.allSatisfy({ !$0.isFinal }) { onSteps = true }
            if statuses.allSatisfy(\.isFinal) {
                if onSteps { return ("", []) }
                conditions.append("status NOT IN ('open', 'waiting-for-reporter')")
            }
            conditions.append("status IN (" + statuses.map(\.rawValue).sorted().map { bind(.text($0)) }.joined(separator: ", ") + ")")
        }
        if onSteps { conditions.insert("status IN ('open', 'waiting-for-reporter')", at: 0) }
        if let workflow = filter.workflow { conditions.append("workflow_id = " + bind(.text(workflow.rawValue))) }
        if let step = filter.step { conditions.append("current_step = " + bind(.text(step.rawValue))) }
        if let steps = filter.steps {
            if steps.isEmpty { return ("", []) }
            conditions.append("current_step IN (" + steps.map(\.rawValue).sorted().map { bind(.text($0)) }.joined(separator: ", ") + ")")
        }
        if let roles = filter.roles {
            if roles.isEmpty { return ("", []) }
            // `LIKE` with the role's own `%`, `_` and `\` escaped: a role is matched as written.
            let patterns = roles.map { role in
                "% " + role.rawValue.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                    .replacingOccurrences(of: "_", with: "\\_") + " %"
            }.sorted()
            conditions.append("(" + patterns.map { "current_actors LIKE " + bind(.text($0)) }.joined(separator: " OR ") + ")")
        }
        if let channel = filter.channel { conditions.append("channel = " + bind(.text(channel))) }
        if let from = filter.openedFrom { conditions.append("opened_at >= " + bind(.real(from.timeIntervalSince1970))) }
        if let to = filter.openedTo { conditions.append("opened_at < " + bind(.real(to.timeIntervalSince1970))) }
        if let instant = filter.overdueAt { conditions.append("step_due_at < " + bind(.real(instant.timeIntervalSince1970))) }
        var sql = """
            SELECT number, register_number, workflow_id, revision, content_hash, status, current_step, channel,
                current_actors, step_started_at, opened_at, due_at, step_due_at, closed_at, version, next_due_at
            FROM cases
            """
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        switch filter.order {
        case .newestFirst: sql += " ORDER BY number DESC"
        case .dueSoonestFirst: sql += " ORDER BY step_due_at IS NULL, step_due_at, number"
        }
        if let limit = filter.limit { sql += " LIMIT " + bind(PGValue(max(0, limit))) }
        return (sql, values)
    }

    static func checkName(_ name: String, _ what: Text) throws(StoreError) {
        guard !name.isEmpty, name.trimmingCharacters(in: .whitespacesAndNewlines) == name,
              !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else { throw .invalidName(what) }
    }

    // MARK: Attachments

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

    private func insertAttachments(_ attachments: [Data], _ db: PGSession) throws {
        for data in attachments {
            try db.query(
                "INSERT INTO attachments (sha256, size, data) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING",
                [.text(ContentHash.hex(data)), PGValue(data.count), .bytes(Array(data))])
        }
    }

    public func attachment(sha256: String) throws -> Data? {
        guard ContentHash.isHex(sha256.lowercased()) else { return nil }
        return try read { db in try db.one("SELECT data FROM attachments WHERE sha256 = $1", [.text(sha256.lowercased())])?[0].data }
    }
}

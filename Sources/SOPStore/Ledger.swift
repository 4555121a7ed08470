import Foundation
import GRDB
import SOPEngine
import SOPStorage

/// The ledger in SQLite: one row per entry (`Chain`), appended by every write in the write's own
/// transaction, never changed.
package enum Ledger {
    /// Appends an entry after the newest one, inside the caller's transaction; for a record other
    /// than a case, its digest is read back from the row just written (`recordDigest`), so it is
    /// the digest `sop verify` computes.
    package static func append(_ kind: LedgerEntry.Kind, item: Int, version: Int? = nil, digest: String? = nil, _ db: Database) throws {
        let last = try Row.fetchOne(db.cachedStatement(sql: "SELECT number, head FROM ledger ORDER BY number DESC LIMIT 1"))
        let (number, overflow) = ((last?.value(0) as Int?) ?? 0).addingReportingOverflow(1)
        guard !overflow, let previous = last == nil ? Chain.genesis : last?.value(1) as String? else {
            throw StoreError.corrupt("ledger", "its newest entry cannot be read or followed")
        }
        guard let digest = try digest ?? recordDigest(kind, item: item, db) else {
            throw StoreError.invalidEvents("the \(kind.rawValue) \(item) to enter in the ledger is not there")
        }
        let entry = LedgerEntry(number: number, kind: kind, item: item, version: version, digest: digest)
        try db.cachedStatement(sql: "INSERT INTO ledger (number, kind, item, version, digest, head) VALUES (?, ?, ?, ?, ?, ?)")
            .execute(arguments: [number, kind.rawValue, item, version, digest, Chain.ledgerHead(previous: previous, entry: entry)])
    }

    /// The ledger's newest entry and head, inside a read.
    package static func head(_ db: Database) throws -> LedgerHead? {
        guard let row = try Row.fetchOne(db, sql: "SELECT number, head FROM ledger ORDER BY number DESC LIMIT 1") else { return nil }
        guard let entries: Int = row.value(0), let head: String = row.value(1) else {
            throw StoreError.corrupt("ledger", "its newest entry cannot be read")
        }
        return LedgerHead(entries: entries, head: head)
    }

    /// The digest of a record other than a case, from its row(s) as they stand; nil when there is
    /// no such record. A move's digest covers its cases as moved (not their undoing, which has an
    /// entry of its own).
    static func recordDigest(_ kind: LedgerEntry.Kind, item: Int, _ db: Database) throws -> String? {
        let queries: [String] = switch kind {
        case .office: ["SELECT id, identity, created_at, created_by FROM office WHERE id = ?"]
        case .staffChange:
            ["SELECT number, at, by_user, change, user_name, roles, member_removed FROM staff_changes WHERE number = ?"]
        case .publication: ["SELECT number, kind, item_id, revision, hash, at, by_user FROM publications WHERE number = ?"]
        case .reveal: ["SELECT number, at, by_user, case_number, command FROM reveals WHERE number = ?"]
        case .move:
            [
                "SELECT number, workflow_id, to_revision, to_hash, mapping, by_user, at FROM workflow_migrations WHERE number = ?",
                """
                SELECT case_number, register_number, from_revision, from_hash, from_step, to_step, sequence
                FROM workflow_migration_cases WHERE migration = ? ORDER BY case_number
                """,
            ]
        case .moveUndone:
            [
                "SELECT number, undone_by, undone_at FROM workflow_migrations WHERE number = ? AND undone_by IS NOT NULL",
                "SELECT case_number, undo_sequence FROM workflow_migration_cases WHERE migration = ? ORDER BY case_number",
            ]
        case .case: []
        }
        guard let first = queries.first else { return nil }
        guard let head = try Row.fetchOne(db, sql: first, arguments: [item]) else { return nil }
        var values = chainValues(head)
        for query in queries.dropFirst() {
            for row in try Row.fetchAll(db, sql: query, arguments: [item]) { values += chainValues(row) }
        }
        return Chain.digest(values)
    }

    /// A row's values as the digest sees them.
    static func chainValues(_ row: Row) -> [Chain.Value] {
        row.databaseValues.map(chainValue)
    }

    static func chainValue(_ value: DatabaseValue) -> Chain.Value {
        switch value.storage {
        case .null: .null
        case .int64(let number): .integer(number)
        case .double(let number): .real(number)
        case .string(let text): .text(text)
        case .blob(let data): .text(data.base64EncodedString())
        }
    }

    /// The columns of a case row its digest covers, in order (`CaseRecord.columns`).
    package static let caseRowColumns = CaseRecord.columns

    /// Where the history is among `caseRowColumns`.
    static let historyColumnIndex = CaseRecord.historyIndex

    /// The values of a case's row (`CaseRecord.values`), as SQLite's values.
    package static func caseRowValues(
        _ state: CaseState, number: Int, registerNumber: String, chainHead: String, shift: Double = 0, history: Bool = true
    ) throws -> [DatabaseValue] {
        try CaseRecord.values(state, number: number, registerNumber: registerNumber, chainHead: chainHead, shift: shift, history: history)
            .map(databaseValue)
    }

    /// A value of a row as SQLite stores it.
    static func databaseValue(_ value: Chain.Value) -> DatabaseValue {
        switch value {
        case .null: .null
        case .integer(let number): number.databaseValue
        case .real(let number): number.databaseValue
        case .text(let text): text.databaseValue
        }
    }

    /// The digest of a case row's values.
    package static func rowDigest(_ values: [DatabaseValue]) -> String {
        Chain.digest(values.map(chainValue))
    }

    /// Events with their hashes, chained from `previous` (`CaseRecord.chained`): the arguments of
    /// their `INSERT` and the hash of the last.
    package static func chained(
        _ events: [(sequence: Int, at: Double, by: String, kind: String, payload: String)], caseNumber: Int, previous: String
    ) -> (rows: [[DatabaseValue]], head: String) {
        let (rows, head) = CaseRecord.chained(events, caseNumber: caseNumber, previous: previous)
        return (rows.map(arguments), head)
    }

    /// The arguments of `insertEventSQL` for an event row.
    static func arguments(_ event: CaseRecord.ChainedEvent) -> [DatabaseValue] {
        [
            event.caseNumber.databaseValue, event.sequence.databaseValue, event.at.databaseValue, event.by.databaseValue,
            event.kind.databaseValue, event.payload.databaseValue, event.previous.databaseValue, event.hash.databaseValue,
        ]
    }

    /// The `INSERT` of one event with its chain columns.
    package static let insertEventSQL = """
        INSERT INTO events (case_number, sequence, at, by_user, kind, payload, previous, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        """
}

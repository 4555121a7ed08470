import Foundation
import SOPCore
import SOPEngine
import SOPModel
import SOPStorage

/// `sop verify`, the reports' reading of many cases, and backups, on PostgreSQL.
extension PostgresCaseStore: CaseHistoryReading {
    public func verify(extending earlierHeads: [String]) throws -> Verification {
        try read { db in try StoreVerifier.verify(PostgresVerificationSource(db: db), extending: earlierHeads) }
    }

    /// A backup of a PostgreSQL database is the server's to make (`pg_dump`, or its continuous
    /// archiving), which copies it consistently while others write, roles and grants included.
    public func backup(to path: String) throws -> Verification {
        throw StoreError.notOnThisStore(
            name, Text(id: "dicadangkan oleh sop", en: "be backed up by sop"),
            instead: Text(
                id: "cadangkan basis data PostgreSQL dengan `pg_dump --format=custom` (atau pengarsipan WAL server), lalu periksa pemulihannya dengan `sop verify`",
                en: "back up a PostgreSQL database with `pg_dump --format=custom` (or the server's WAL archiving), and check a restore with `sop verify`"))
    }

    /// The history of every case a filter selects, by number, from one snapshot; each case is checked
    /// first as `CaseCheck.chain` checks it, and a damaged one stops the report (`damagedCase`).
    public func caseHistories(_ filter: CaseHistoryFilter, _ body: (CaseHistory) throws -> Void) throws {
        let (conditions, values) = Self.conditions(filter)
        try read { db in
            let decoder = CaseCoding.decoder()
            var last = 0
            while true {
                var sql = "SELECT \(CaseCheck.CaseRow.columns) FROM cases c WHERE c.number > $\(values.count + 1)"
                if !conditions.isEmpty { sql += " AND " + conditions.joined(separator: " AND ") }
                sql += " ORDER BY c.number LIMIT 1000"
                let rows = try db.query(sql, values + [PGValue(last)])
                guard let end = rows.last?[0].int else { break }
                let first = rows[0][0].int ?? 0
                var events: [Int: [CaseCheck.EventRow]] = [:]
                for row in try db.query(
                    "SELECT case_number, \(CaseCheck.EventRow.columns) FROM events WHERE case_number >= $1 AND case_number <= $2 ORDER BY case_number, sequence",
                    [PGValue(first), PGValue(end)])
                {
                    events[row[0].int ?? 0, default: []].append(Self.eventRow(row, from: 1))
                }
                for row in rows {
                    let caseRow = CaseCheck.CaseRow(row.values.map(\.chainValue))
                    let number = caseRow.number
                    let check = CaseCheck(row: caseRow, events: events[number] ?? [])
                    if let problem = check.chain().first { throw StoreError.damagedCase(name, caseNumber: number, problem.detail) }
                    let history: CaseHistory
                    do {
                        history = try decoder.decode(CaseHistory.self, from: Data((caseRow.history ?? "").utf8))
                    } catch {
                        throw StoreError.damagedCase(name, caseNumber: number, "the history in its row cannot be read: \(error)")
                    }
                    guard history.number == number else {
                        throw StoreError.damagedCase(name, caseNumber: number, "its row holds the history of case \(history.number)")
                    }
                    try body(history)
                }
                guard rows.count == 1000 else { break }
                last = end
            }
        }
    }

    public func caseRevisions(_ filter: CaseHistoryFilter) throws -> [WorkflowReference] {
        let (conditions, values) = Self.conditions(filter)
        var sql = "SELECT DISTINCT c.workflow_id, c.revision, c.content_hash FROM cases c"
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        return try read { db in try db.query(sql, values).map { Self.reference($0, from: 0) } }
    }

    /// The conditions on `cases c` that select a filter's cases, with their values from `$1`.
    private static func conditions(_ filter: CaseHistoryFilter) -> ([String], [PGValue]) {
        var conditions: [String] = []
        var values: [PGValue] = []
        if let from = filter.openedFrom {
            values.append(PGValue(from))
            conditions.append("c.opened_at >= $\(values.count)")
        }
        if let to = filter.openedTo {
            values.append(PGValue(to))
            conditions.append("c.opened_at < $\(values.count)")
        }
        if let workflow = filter.workflow {
            values.append(.text(workflow.rawValue))
            conditions.append("c.workflow_id = $\(values.count)")
        }
        return (conditions, values)
    }
}

/// What `StoreVerifier` reads, from PostgreSQL inside one snapshot.
private struct PostgresVerificationSource: VerificationSource {
    let db: PGSession

    func rows(_ sql: String, _ body: ([Chain.Value]) throws -> Void) throws {
        for row in try db.query(sql) { try body(row.values.map(\.chainValue)) }
    }

    func attachments(_ body: (String, Int?, Data?) throws -> Void) throws {
        // One attachment at a time: each may be megabytes.
        for key in try db.query("SELECT sha256 FROM attachments ORDER BY sha256").compactMap({ $0[0].string }) {
            let row = try db.one("SELECT size, data FROM attachments WHERE sha256 = $1", [.text(key)])
            try body(key, row?[0].int, row?[1].data)
        }
    }

    func recordDigest(_ kind: LedgerEntry.Kind, item: Int) throws -> String? {
        try PGLedger.recordDigest(kind, item: item, db)
    }
}

/// Moving an office up: its SQLite database copied into this one, rows and hashes as they are.
extension PostgresCaseStore {
    /// Copies every row of `source` into this database, which must be new (its schema made, no
    /// set-up, no case), in one transaction: the rules of the schema are off while the rows go in
    /// as they were written (a registry change or publication was made by an administrator of its
    /// day, not of today), by the owner of the tables alone, then the whole database is verified
    /// inside the same transaction, and nothing of it is kept unless every chain, digest and the
    /// ledger hold. A copy cut short (the server or sop stopped half way) leaves nothing.
    ///
    /// - Throws: `alreadySetUp` for a database set up before (a second copy of the same office
    ///   included), `permissionDenied` when the user does not own the tables, `corrupt` when the
    ///   copy does not verify (its problems named).
    /// With `expectedHead` (the source's, as its own verification read it), a copy whose ledger
    /// ends elsewhere is refused too.
    public func copy(from source: some StoreCopySource, expectedHead: LedgerHead? = nil) throws -> Verification {
        try write { db in
            if let office = try Self.office(db) { throw StoreError.alreadySetUp(name, by: office.createdBy) }
            guard try db.one("SELECT 1 FROM cases LIMIT 1") == nil, try db.one("SELECT 1 FROM staff LIMIT 1") == nil else {
                throw StoreError.alreadySetUp(name, by: "-")
            }
            let tables = StoreTables.copyOrder.map(\.table)
            for table in tables { try db.query("ALTER TABLE \(table) DISABLE TRIGGER USER") }
            try source.copyRows { table, columns, rows in
                guard tables.contains(table), columns.allSatisfy({ $0.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "_" } }) else {
                    throw StoreError.invalidEvents("a copy names a table or column sop does not have: \(table)")
                }
                var values: [PGValue] = []
                var tuples: [String] = []
                for row in rows {
                    let base = values.count
                    tuples.append("(" + row.indices.map { "$\(base + $0 + 1)" }.joined(separator: ", ") + ")")
                    values += row.map { value in
                        switch value {
                        case .null: .null
                        case .integer(let number): .integer(number)
                        case .real(let number): .real(number)
                        case .text(let text): .text(text)
                        case .bytes(let bytes): .bytes(bytes)
                        }
                    }
                }
                try db.query("INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES " + tuples.joined(separator: ", "), values)
            }
            for table in tables { try db.query("ALTER TABLE \(table) ENABLE TRIGGER USER") }
            let verification = try StoreVerifier.verify(PostgresVerificationSource(db: db), extending: [])
            if let first = verification.problems.first {
                throw StoreError.corrupt(name, "the copy does not verify, so nothing of it was kept: \(first.detail)")
            }
            if let expectedHead, verification.ledger != expectedHead {
                throw StoreError.corrupt(
                    name, "the copy's ledger ends at \(verification.ledger?.head ?? "-"), not at \(expectedHead.head), so nothing of it was kept")
            }
            return verification
        }
    }
}

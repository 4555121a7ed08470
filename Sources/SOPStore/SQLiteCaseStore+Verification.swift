import Foundation
import GRDB
import SOPEngine
import SOPStorage

/// `sop verify`: the whole database checked in one read transaction (one snapshot, while others
/// keep writing).
extension SQLiteCaseStore {
    /// The ledger's newest entry and head; nil while it is empty.
    public func ledgerHead() throws -> LedgerHead? {
        try read(Ledger.head)
    }

    /// Checks everything (see `CaseStore.verify`).
    public func verify(extending earlierHeads: [String]) throws -> Verification {
        try read { db in try StoreVerifier.verify(SQLiteVerificationSource(db: db), extending: earlierHeads) }
    }
}

/// What `StoreVerifier` reads, from SQLite inside one read transaction.
private struct SQLiteVerificationSource: VerificationSource {
    let db: Database

    func rows(_ sql: String, _ body: ([Chain.Value]) throws -> Void) throws {
        let rows = try Row.fetchCursor(db, sql: sql)
        while let row = try rows.next() { try body(row.databaseValues.map(Ledger.chainValue)) }
    }

    func attachments(_ body: (String, Int?, Data?) throws -> Void) throws {
        let rows = try Row.fetchCursor(db, sql: "SELECT sha256, size, data FROM attachments")
        while let row = try rows.next() { try body(row.value(0) ?? "", row.value(1), row.value(2)) }
    }

    func recordDigest(_ kind: LedgerEntry.Kind, item: Int) throws -> String? {
        try Ledger.recordDigest(kind, item: item, db)
    }
}


import Foundation
import GRDB
import SOPEngine
import SOPStorage

extension SQLiteCaseStore {
    /// A case's row and events, read inside the caller's transaction; nil when there is no such case.
    func caseCheck(_ caseNumber: Int, _ db: Database) throws -> CaseCheck? {
        guard let row = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT \(CaseCheck.CaseRow.columns) FROM cases WHERE number = ?"), arguments: [caseNumber])
        else { return nil }
        let events = try Row.fetchAll(
            db.cachedStatement(sql: "SELECT \(CaseCheck.EventRow.columns) FROM events WHERE case_number = ? ORDER BY sequence"),
            arguments: [caseNumber]
        ).map { CaseCheck.EventRow($0) }
        return CaseCheck(row: CaseCheck.CaseRow(row), events: events)
    }
}

extension Row {
    /// A column's value as a type, or nil when it is NULL or holds a value of another type: a file
    /// damaged by hand is reported, never a trap.
    func value<Value: DatabaseValueConvertible>(_ index: Int) -> Value? {
        Value.fromDatabaseValue(self[index] as DatabaseValue)
    }
}

extension CaseCheck.EventRow {
    /// An event from its row (`columns`, from column `index`).
    init(_ row: Row, from index: Int = 0) {
        self.init(
            sequence: row.value(index), at: row.value(index + 1), by: row.value(index + 2), kind: row.value(index + 3),
            previous: row.value(index + 4), hash: row.value(index + 5), payload: row.value(index + 6))
    }
}

extension CaseCheck.CaseRow {
    /// A case row from its row (`columns`).
    init(_ row: Row) {
        self.init(row.databaseValues.map(Ledger.chainValue))
    }
}

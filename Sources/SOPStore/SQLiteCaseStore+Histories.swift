import Foundation
import SOPStorage
import GRDB
import SOPEngine
import SOPModel

extension SQLiteCaseStore: CaseHistoryReading {
    /// Calls `body` with the history of every case the filter selects, oldest first, inside one
    /// read transaction.
    ///
    /// Each history is the one its row holds, written from the fold of its events in the
    /// transaction that wrote them (`CaseHistory(state:)`). Each case counted is checked first as
    /// `CaseCheck.chain` checks it: its events numbered 1 to its version, each naming the hash of
    /// the one before and giving its own, the last one's hash in the row, the row's digest. A case
    /// that fails, or whose history cannot be read or is another case's, stops the report with
    /// `damagedCase`, naming the case: a report never counts a record changed outside sop.
    public func caseHistories(_ filter: CaseHistoryFilter, _ body: (CaseHistory) throws -> Void) throws {
        let (conditions, arguments) = Self.conditions(filter)
        // The cases are read in the order asked for straight from a table or index, named so that
        // SQLite never chooses another one and sorts: a period through `cases_by_opening` (opening
        // time, then number), otherwise the table itself (by number).
        let period = filter.openedFrom != nil || filter.openedTo != nil
        let cases = period ? "cases c INDEXED BY cases_by_opening" : "cases c NOT INDEXED"
        let order = period ? "c.opened_at, c.number" : "c.number"
        var sql = "SELECT \(CaseCheck.CaseRow.columns) FROM \(cases)"
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        sql += " ORDER BY \(order)"
        try read { db in
            let decoder = CaseCoding.decoder()
            let events = try db.cachedStatement(sql: "SELECT \(CaseCheck.EventRow.columns) FROM events WHERE case_number = ? ORDER BY sequence")
            let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
            while let row = try rows.next() {
                let caseRow = CaseCheck.CaseRow(row)
                let number = caseRow.number
                let check = CaseCheck(row: caseRow, events: try Row.fetchAll(events, arguments: [number]).map { CaseCheck.EventRow($0) })
                if let problem = check.chain().first { throw StoreError.damagedCase(path, caseNumber: number, problem.detail) }
                let history: CaseHistory
                do {
                    let text = caseRow.history ?? ""
                    history = try decoder.decode(CaseHistory.self, from: Data(text.utf8))
                } catch {
                    throw StoreError.damagedCase(path, caseNumber: number, "the history in its row cannot be read: \(error)")
                }
                guard history.number == number else {
                    throw StoreError.damagedCase(path, caseNumber: number, "its row holds the history of case \(history.number)")
                }
                try body(history)
            }
        }
    }

    /// The workflow revisions the cases a filter selects run on, each once.
    public func caseRevisions(_ filter: CaseHistoryFilter) throws -> [WorkflowReference] {
        let (conditions, arguments) = Self.conditions(filter)
        var sql = "SELECT DISTINCT c.workflow_id, c.revision, c.content_hash FROM cases c"
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        return try read { db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                WorkflowReference(id: WorkflowID(row[0] as String), revision: row[1], contentHash: row[2])
            }
        }
    }

    /// The conditions on `cases c` that select a filter's cases.
    private static func conditions(_ filter: CaseHistoryFilter) -> ([String], StatementArguments) {
        var conditions: [String] = []
        var arguments = StatementArguments()
        if let from = filter.openedFrom {
            conditions.append("c.opened_at >= ?")
            arguments += [from.timeIntervalSince1970]
        }
        if let to = filter.openedTo {
            conditions.append("c.opened_at < ?")
            arguments += [to.timeIntervalSince1970]
        }
        if let workflow = filter.workflow {
            conditions.append("c.workflow_id = ?")
            arguments += [workflow.rawValue]
        }
        return (conditions, arguments)
    }
}

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
    /// transaction that wrote them (`CaseHistory(state:)`); no event is read again. A case whose
    /// events are not numbered 1 to its version, or whose history cannot be read or is another
    /// case's, is reported as a damaged file, naming the case.
    public func caseHistories(_ filter: CaseHistoryFilter, _ body: (CaseHistory) throws -> Void) throws {
        let (conditions, arguments) = Self.conditions(filter)
        // The cases are read in the order asked for straight from a table or index, named so that
        // SQLite never chooses another one and sorts: a period through `cases_by_opening` (opening
        // time, then number), otherwise the table itself (by number).
        let period = filter.openedFrom != nil || filter.openedTo != nil
        let cases = period ? "cases c INDEXED BY cases_by_opening" : "cases c NOT INDEXED"
        let order = period ? "c.opened_at, c.number" : "c.number"
        // With each case, whether its events are numbered 1 to its version, each once.
        var sql = """
            SELECT c.number, c.version, c.history, (
                SELECT COUNT(*) = c.version AND COUNT(DISTINCT sequence) = c.version AND MIN(sequence) = 1
                    AND MAX(sequence) = c.version
                FROM events e WHERE e.case_number = c.number)
            FROM \(cases)
            """
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        sql += " ORDER BY \(order)"
        try read { db in
            let decoder = CaseCoding.decoder()
            let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
            while let row = try rows.next() {
                let number: Int = row[0]
                let version: Int = row[1]
                guard row[3] as Bool? == true else {
                    let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM events WHERE case_number = ?", arguments: [number]) ?? 0
                    throw StoreError.corrupt(path, "the events of case \(number) are not numbered 1 to its version \(version) (\(count) events)")
                }
                let history: CaseHistory
                do {
                    let text: String = row[2]
                    history = try decoder.decode(CaseHistory.self, from: Data(text.utf8))
                } catch {
                    throw StoreError.corrupt(path, "the history of case \(number) in its row cannot be read: \(error)")
                }
                guard history.number == number else {
                    throw StoreError.corrupt(path, "the row of case \(number) holds the history of case \(history.number)")
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

import Foundation
import GRDB
import SOPEngine
import SOPModel

/// Which cases a report reads; every condition given must hold.
public struct CaseHistoryFilter: Hashable, Sendable {
    /// Cases opened at or after this instant.
    public var openedFrom: Date?
    /// Cases opened before this instant (the range is half-open).
    public var openedTo: Date?
    /// Cases of this workflow (any revision).
    public var workflow: WorkflowID?

    /// Creates a filter; with no arguments it selects every case.
    public init(openedFrom: Date? = nil, openedTo: Date? = nil, workflow: WorkflowID? = nil) {
        self.openedFrom = openedFrom
        self.openedTo = openedTo
        self.workflow = workflow
    }
}

/// A store that reads the histories of many cases at once, for reports.
public protocol CaseHistoryReading: Sendable {
    /// Calls `body` with the history of every case the filter selects, in no particular order,
    /// from one consistent snapshot of the store.
    ///
    /// `body` runs inside the store's read: it must not call the store.
    func caseHistories(_ filter: CaseHistoryFilter, _ body: (CaseHistory) throws -> Void) throws

    /// The workflow revisions the cases a filter selects run on, each once.
    func caseRevisions(_ filter: CaseHistoryFilter) throws -> [WorkflowReference]
}

extension CaseStore {
    /// The histories of the cases a filter selects, each folded from its events by `loadCase`:
    /// what any store can do (`CaseHistoryReading` does it in bulk), one case at a time.
    public func caseHistoriesByLoading(_ filter: CaseHistoryFilter, _ body: (CaseHistory) throws -> Void) throws {
        let summaries = try cases(matching: CaseFilter(workflow: filter.workflow, openedFrom: filter.openedFrom, openedTo: filter.openedTo))
        for summary in summaries.reversed() {
            guard let stored = try loadCase(String(summary.number)) else { continue }
            try body(CaseHistory(state: stored.state))
        }
    }
}

extension SQLiteCaseStore: CaseHistoryReading {
    /// Calls `body` with the history of every case the filter selects, oldest first, inside one
    /// read transaction.
    ///
    /// Reads only what timelines need, with SQL: the `cases` row (workflow, status, channel) and
    /// the events that open, start, end and close, their times and deadlines taken from the JSON
    /// payload with `json_extract` (the exact numbers `Date` was written as), never decoding
    /// whole events. The events are folded as `CaseState.fold` folds them; events that do not
    /// fold are reported as a corrupt database.
    public func caseHistories(_ filter: CaseHistoryFilter, _ body: (CaseHistory) throws -> Void) throws {
        let (caseConditions, caseArguments) = Self.conditions(filter)
        var conditions = caseConditions
        conditions.insert(
            "e.kind IN ('opened', 'step-started', 'step-completed', 'step-skipped', 'returned-to-reporter', 'ended', 'migrated', 'migration-undone')",
            at: 0)
        // The cases are read in the order asked for straight from a table or index, named so that
        // SQLite never chooses another one and sorts: a period through `cases_by_opening` (opening
        // time, then number), otherwise the table itself (by number). A case's events then come by
        // their key, (case, sequence), in order; the reader checks that order rather than asking
        // SQL for it, which would make it sort every event read.
        let period = filter.openedFrom != nil || filter.openedTo != nil
        let cases = period ? "cases c INDEXED BY cases_by_opening" : "cases c NOT INDEXED"
        let order = period ? "c.opened_at, c.number" : "c.number"
        let sql = """
            SELECT c.number, c.workflow_id, c.revision, c.content_hash, c.status, c.channel,
                CASE e.kind WHEN 'opened' THEN 0 WHEN 'step-started' THEN 1 WHEN 'step-completed' THEN 2
                    WHEN 'step-skipped' THEN 3 WHEN 'returned-to-reporter' THEN 4 WHEN 'ended' THEN 5 ELSE 6 END,
                json_extract(e.payload, '$.at'),
                CASE e.kind WHEN 'step-started' THEN json_extract(e.payload, '$.kind.stepStarted.step')
                    WHEN 'ended' THEN json_extract(e.payload, '$.kind.ended.outcome')
                    WHEN 'migrated' THEN json_extract(e.payload, '$.kind.migrated._0.step')
                    WHEN 'migration-undone' THEN json_extract(e.payload, '$.kind.migrationUndone._0.step') END,
                CASE e.kind WHEN 'step-started' THEN json_extract(e.payload, '$.kind.stepStarted.dueAt')
                    WHEN 'opened' THEN json_extract(e.payload, '$.kind.opened._0.dueAt')
                    WHEN 'migrated' THEN json_extract(e.payload, '$.kind.migrated._0.stepDueAt')
                    WHEN 'migration-undone' THEN json_extract(e.payload, '$.kind.migrationUndone._0.stepDueAt') END,
                CASE e.kind WHEN 'step-started' THEN json_extract(e.payload, '$.kind.stepStarted.waitsForReporter')
                    WHEN 'ended' THEN json_extract(e.payload, '$.kind.ended.handedOffTo')
                    WHEN 'migrated' THEN json_extract(e.payload, '$.kind.migrated._0.waitsForReporter')
                    WHEN 'migration-undone' THEN json_extract(e.payload, '$.kind.migrationUndone._0.waitsForReporter') END,
                CASE e.kind WHEN 'migrated' THEN json_extract(e.payload, '$.kind.migrated._0.dueAt')
                    WHEN 'migration-undone' THEN json_extract(e.payload, '$.kind.migrationUndone._0.dueAt') END,
                e.sequence
            FROM \(cases) JOIN events e ON e.case_number = c.number
            WHERE \(conditions.joined(separator: " AND "))
            ORDER BY \(order)
            """
        // Every case's events are numbered 1 to its version, each once (the events read below are
        // only some kinds, and a case without events would give none).
        var countsSQL = """
            SELECT c.number, c.version, (
                SELECT COUNT(*) = c.version AND COUNT(DISTINCT sequence) = c.version AND MIN(sequence) = 1
                    AND MAX(sequence) = c.version
                FROM events e WHERE e.case_number = c.number)
            FROM \(cases)
            """
        if !caseConditions.isEmpty { countsSQL += " WHERE " + caseConditions.joined(separator: " AND ") }
        try read { db in
            let counts = try Row.fetchCursor(db, sql: countsSQL, arguments: caseArguments)
            while let row = try counts.next() {
                if row[2] as Bool? == true { continue }
                let number: Int = row[0]
                let version: Int = row[1]
                let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM events WHERE case_number = ?", arguments: [number]) ?? 0
                throw StoreError.corrupt(path, "the events of case \(number) are not numbered 1 to its version \(version) (\(count) events)")
            }
            let cursor = try Row.fetchCursor(db, sql: sql, arguments: caseArguments)
            var history: CaseHistory?
            var previous: (number: Int, sequence: Int)?
            while let row = try cursor.next() {
                let number: Int = row[0]
                let sequence: Int = row[12]
                if let previous, previous.number == number, previous.sequence >= sequence {
                    throw StoreError.corrupt(path, "the events of case \(number) were not read in order")
                }
                previous = (number, sequence)
                let kind: Int = row[6]
                guard let seconds = row[7] as Double? else {
                    throw StoreError.corrupt(path, "an event of case \(number) has no time")
                }
                let at = Date(timeIntervalSinceReferenceDate: seconds)
                if kind == 0 {
                    if let history { try body(history) }
                    let statusText: String = row[4]
                    guard let status = CaseStatus(rawValue: statusText), let due = row[9] as Double? else {
                        throw StoreError.corrupt(path, "case \(number) has an unknown status '\(statusText)' or no deadline")
                    }
                    history = CaseHistory(
                        number: number,
                        workflow: WorkflowReference(id: WorkflowID(row[1] as String), revision: row[2], contentHash: row[3]),
                        status: status, channel: row[5], openedAt: at, dueAt: Date(timeIntervalSinceReferenceDate: due))
                    continue
                }
                guard history?.number == number else {
                    throw StoreError.corrupt(path, "the events of case \(number) do not start with its opening")
                }
                let fits: Bool
                switch kind {
                case 1:
                    guard let step = row[8] as String?, let due = row[9] as Double? else {
                        throw StoreError.corrupt(path, "a step of case \(number) has no id or deadline")
                    }
                    fits = history!.start(
                        StepID(step), at: at, dueAt: Date(timeIntervalSinceReferenceDate: due),
                        waitsForReporter: (row[10] as Bool?) ?? false)
                case 2: fits = history!.end(.completed, at: at)
                case 3: fits = history!.end(.skipped, at: at)
                case 4: fits = history!.end(.returned, at: at)
                case 6:
                    // A move to another revision (or its undo): the step it stands on may take
                    // another id and deadlines, as the fold does.
                    guard let step = row[8] as String?, let stepDue = row[9] as Double?, let due = row[11] as Double? else {
                        throw StoreError.corrupt(path, "a move of case \(number) to another revision has no step or deadline")
                    }
                    fits = history!.move(
                        to: StepID(step), stepDueAt: Date(timeIntervalSinceReferenceDate: stepDue),
                        dueAt: Date(timeIntervalSinceReferenceDate: due), waitsForReporter: (row[10] as Bool?) ?? false, at: at)
                default:
                    fits = history!.close(
                        at: at, outcome: (row[8] as String?).map { OutcomeID($0) },
                        handedOffTo: (row[10] as String?).map { WorkflowID($0) })
                }
                guard fits else {
                    throw StoreError.corrupt(path, "the events of case \(number) do not follow one another")
                }
            }
            if let history { try body(history) }
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

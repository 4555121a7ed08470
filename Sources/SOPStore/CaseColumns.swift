import Foundation
import SOPStorage
import GRDB
import SOPEngine

/// The columns of a `cases` row that events may change, as a step's `UPDATE` writes them.
///
/// SQLite rewrites the entries of every index on a column an `UPDATE` names, even when the value
/// stays the same, and each index entry rewritten is one more page in the write-ahead log (and
/// one more to copy back at the next checkpoint). So the columns that indexes hold, or that a
/// partial index's condition reads, are named only when their values change: most steps leave
/// the status as it is, none changes the channel, and only a move between revisions the revision. The other
/// columns, in no index, are always written.
struct CaseColumns {
    /// The columns in indexes, or read by a partial index's condition: named only when changed.
    struct Indexed: Equatable {
        var revision: Int
        var contentHash: String
        var channel: String?
        var status: CaseStatus
        var stepDueAt: Date?
        var nextDueAt: Date?

        init(_ state: CaseState) {
            revision = state.workflow.revision
            contentHash = state.workflow.contentHash
            channel = state.channel
            status = state.status
            stepDueAt = state.active?.dueAt
            nextDueAt = state.nextScheduledAt
        }
    }

    let indexed: Indexed
    /// The state they come from; its other columns, in no index, are always written.
    let state: CaseState

    init(_ state: CaseState) {
        indexed = Indexed(state)
        self.state = state
    }

    /// The indexed columns, in the order of the bits of `changes(_:from:)`.
    private static let indexedNames = ["revision", "content_hash", "channel", "status", "step_due_at", "next_due_at"]

    /// The `UPDATE` for each set of indexed columns that changed (bit `i` set: `indexedNames[i]`).
    private static let updates: [String] = (0..<(1 << indexedNames.count)).map { changed in
        let named = indexedNames.indices.filter { changed & (1 << $0) != 0 }.map { indexedNames[$0] }
            + ["current_step", "due_at", "closed_at", "current_actors", "step_started_at", "version", "history", "chain_head", "row_hash"]
        return "UPDATE cases SET " + named.map { "\($0) = ?" }.joined(separator: ", ")
            + " WHERE number = ? AND version = ?"
    }

    /// Which indexed columns differ from `before`, one bit each.
    private static func changes(_ after: Indexed, from before: Indexed) -> Int {
        (after.revision != before.revision ? 1 : 0) | (after.contentHash != before.contentHash ? 2 : 0)
            | (after.channel != before.channel ? 4 : 0) | (after.status != before.status ? 8 : 0)
            | (after.stepDueAt != before.stepDueAt ? 16 : 0) | (after.nextDueAt != before.nextDueAt ? 32 : 0)
    }

    /// Writes the row of case `caseNumber` from `before` to this state, only if it is still at
    /// `expectedVersion`, with the hash of its last event and the row's digest; `db.changesCount`
    /// tells whether it was.
    func update(from before: Indexed, caseNumber: Int, expectedVersion: Int, chainHead: String, _ db: Database) throws {
        try statement(from: before, caseNumber: caseNumber, expectedVersion: expectedVersion, chainHead: chainHead).execute(db)
    }

    /// The `UPDATE` of a case's row and its arguments, worked out without the database.
    struct Statement {
        let sql: String
        let arguments: StatementArguments

        func execute(_ db: Database) throws { try db.cachedStatement(sql: sql).execute(arguments: arguments) }
    }

    /// The `UPDATE` `update` runs.
    func statement(from before: Indexed, caseNumber: Int, expectedVersion: Int, chainHead: String) throws -> Statement {
        let changed = Self.changes(indexed, from: before)
        var arguments = StatementArguments()
        if changed & 1 != 0 { arguments += [indexed.revision] }
        if changed & 2 != 0 { arguments += [indexed.contentHash] }
        if changed & 4 != 0 { arguments += [indexed.channel] }
        if changed & 8 != 0 { arguments += [indexed.status.rawValue] }
        if changed & 16 != 0 { arguments += [indexed.stepDueAt?.timeIntervalSince1970] }
        if changed & 32 != 0 { arguments += [indexed.nextDueAt?.timeIntervalSince1970] }
        // The whole row as it will stand, for its digest; the history is encoded once.
        let row = try Ledger.caseRowValues(state, number: caseNumber, registerNumber: state.registerNumber, chainHead: chainHead)
        arguments += [
            state.active?.step.rawValue, state.dueAt.timeIntervalSince1970, state.closedAt?.timeIntervalSince1970,
            SQLiteCaseStore.actorsColumn(state), state.active?.startedAt.timeIntervalSince1970, state.version,
            row[Ledger.historyColumnIndex], chainHead, Ledger.rowDigest(row), caseNumber, expectedVersion,
        ]
        return Statement(sql: Self.updates[changed], arguments: arguments)
    }
}

import Foundation
import SOPStorage
import GRDB
import SOPEngine
import SOPModel

/// Moves of open cases onto another revision of their SOP, and their undoing: each one
/// transaction over every case it moves, with optimistic version checks per case.
extension SQLiteCaseStore {
    /// Writes a move in one transaction, all or nothing (see `CaseStore.move`).
    public func moveCases(_ make: (_ moveID: String) throws -> MoveBatch) throws -> MoveRecord {
        try write { db in
            let number = try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(number), 0) + 1 FROM workflow_migrations") ?? 1
            let id = MoveRecord.id(number)
            let batch = try make(id)
            guard !batch.moves.isEmpty else { throw StoreError.invalidEvents("a move moves at least one case") }
            let reference = batch.reference
            try Self.insertWorkflowText(batch.workflowText, db)
            try db.execute(
                sql: """
                    INSERT INTO workflow_migrations (number, workflow_id, to_revision, to_hash, mapping, by_user, at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    number, reference.id.rawValue, reference.revision, reference.contentHash,
                    try CaseCoding.encode(batch.mapping), batch.by, batch.at.timeIntervalSince1970,
                ])
            var cases: [MovedCase] = []
            for move in batch.moves {
                let (state, revisionMove, sequence) = try applyMove(move, moveID: id, isUndo: false, db)
                guard revisionMove.to == reference else {
                    throw StoreError.invalidEvents(
                        "move \(id) moves case \(move.caseNumber) to \(revisionMove.to.id) revision \(revisionMove.to.revision), not to revision \(reference.revision)")
                }
                try db.execute(
                    sql: """
                        INSERT INTO workflow_migration_cases
                            (migration, case_number, register_number, from_revision, from_hash, from_step, to_step, sequence)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        number, move.caseNumber, state.registerNumber, revisionMove.from.revision, revisionMove.from.contentHash,
                        revisionMove.fromStep.rawValue, revisionMove.step.rawValue, sequence,
                    ])
                cases.append(MovedCase(
                    number: move.caseNumber, registerNumber: state.registerNumber, from: revisionMove.from,
                    fromStep: revisionMove.fromStep, step: revisionMove.step, sequence: sequence))
            }
            try Ledger.append(.move, item: number, db)
            return MoveRecord(
                id: id, workflow: reference.id, to: reference, mapping: batch.mapping, by: batch.by, at: batch.at,
                cases: cases.sorted { $0.number < $1.number })
        }
    }

    /// Undoes a move in one transaction, all or nothing (see `CaseStore.undoMove`).
    public func undoMove(
        _ id: String, _ make: (_ record: MoveRecord, _ cases: [StoredCase]) throws -> MoveUndoBatch
    ) throws -> MoveRecord {
        guard let number = MoveRecord.number(in: id) else { throw StoreError.unknownMove(id) }
        return try write { db in
            guard var record = try Self.moveRecord(number, db) else { throw StoreError.unknownMove(id) }
            if let by = record.undoneBy { throw StoreError.moveUndone(record.id, by: by) }
            let stored = try record.cases.map { moved in
                guard let version = try Int.fetchOne(db, sql: "SELECT version FROM cases WHERE number = ?", arguments: [moved.number])
                else { throw StoreError.unknownCase(String(moved.number)) }
                return try folded(moved.number, version: version, db)
            }
            let batch = try make(record, stored)
            guard batch.moves.map(\.caseNumber).sorted() == record.cases.map(\.number).sorted() else {
                throw StoreError.invalidEvents("undoing move \(record.id) must move back exactly the cases it moved")
            }
            for move in batch.moves {
                let (_, revisionMove, sequence) = try applyMove(move, moveID: record.id, isUndo: true, db)
                guard let moved = record.cases.firstIndex(where: { $0.number == move.caseNumber }),
                    revisionMove.to == record.cases[moved].from
                else {
                    throw StoreError.invalidEvents("undoing move \(record.id) must put case \(move.caseNumber) back on the revision it left")
                }
                record.cases[moved].undoSequence = sequence
                try db.execute(
                    sql: "UPDATE workflow_migration_cases SET undo_sequence = ? WHERE migration = ? AND case_number = ?",
                    arguments: [sequence, number, move.caseNumber])
            }
            try db.execute(
                sql: "UPDATE workflow_migrations SET undone_by = ?, undone_at = ? WHERE number = ?",
                arguments: [batch.by, batch.at.timeIntervalSince1970, number])
            try Ledger.append(.moveUndone, item: number, db)
            record.undoneBy = batch.by
            record.undoneAt = batch.at
            return record
        }
    }

    /// The move with an id (`M1`), or nil.
    public func revisionMove(_ id: String) throws -> MoveRecord? {
        guard let number = MoveRecord.number(in: id) else { return nil }
        return try read { db in try Self.moveRecord(number, db) }
    }

    /// The moves of a workflow (of every workflow when nil), oldest first.
    public func revisionMoves(workflow: WorkflowID?) throws -> [MoveRecord] {
        try read { db in
            let numbers = try workflow.map { id in
                try Int.fetchAll(db, sql: "SELECT number FROM workflow_migrations WHERE workflow_id = ? ORDER BY number", arguments: [id.rawValue])
            } ?? Int.fetchAll(db, sql: "SELECT number FROM workflow_migrations ORDER BY number")
            return try numbers.compactMap { try Self.moveRecord($0, db) }
        }
    }

    /// Appends one case's events inside the caller's transaction, at its expected version, and
    /// writes its row (the revision included); returns the new state, the move and its sequence.
    private func applyMove(
        _ move: CaseMove, moveID: String, isUndo: Bool, _ db: Database
    ) throws -> (CaseState, CaseEvent.RevisionMove, Int) {
        guard let version = try Int.fetchOne(db, sql: "SELECT version FROM cases WHERE number = ?", arguments: [move.caseNumber])
        else { throw StoreError.unknownCase(String(move.caseNumber)) }
        guard version == move.expectedVersion else {
            throw StoreError.conflict(caseNumber: move.caseNumber, expected: move.expectedVersion, actual: version)
        }
        var state = try move.state.flatMap { $0.number == move.caseNumber && $0.version == version ? $0 : nil }
            ?? folded(move.caseNumber, version: version, db).state
        let before = CaseColumns.Indexed(state)
        var found: (CaseEvent.RevisionMove, Int)?
        for event in move.events {
            guard state.apply(event) else {
                throw StoreError.invalidEvents(
                    "event \(event.sequence) (\(event.kind.name)) does not fit case \(move.caseNumber) at version \(state.version)")
            }
            let revisionMove: CaseEvent.RevisionMove? = switch event.kind {
            case .moved(let revisionMove) where !isUndo: revisionMove
            case .moveUndone(let revisionMove) where isUndo: revisionMove
            default: nil
            }
            guard let revisionMove, revisionMove.move == moveID else { continue }
            guard found == nil else {
                throw StoreError.invalidEvents("case \(move.caseNumber) is moved twice by move \(moveID)")
            }
            found = (revisionMove, event.sequence)
        }
        guard let (revisionMove, sequence) = found else {
            throw StoreError.invalidEvents("the events of case \(move.caseNumber) do not move it by move \(moveID)")
        }
        let head = try insert(move.events, caseNumber: move.caseNumber, previous: chainHead(move.caseNumber, expectedVersion: version, db), db)
        // The revision and its hash are among the columns that change.
        try CaseColumns(state).update(from: before, caseNumber: move.caseNumber, expectedVersion: version, chainHead: head, db)
        // Checked above in this same transaction, so the row is there at that version.
        guard db.changesCount == 1 else {
            let actual = try Int.fetchOne(db, sql: "SELECT version FROM cases WHERE number = ?", arguments: [move.caseNumber])
            throw StoreError.conflict(caseNumber: move.caseNumber, expected: version, actual: actual ?? 0)
        }
        try Ledger.append(.case, item: move.caseNumber, version: state.version, digest: head, db)
        return (state, revisionMove, sequence)
    }

    /// A move's record, read inside the caller's transaction.
    private static func moveRecord(_ number: Int, _ db: Database) throws -> MoveRecord? {
        guard let row = try Row.fetchOne(
            db, sql: """
                SELECT workflow_id, to_revision, to_hash, mapping, by_user, at, undone_by, undone_at
                FROM workflow_migrations WHERE number = ?
                """, arguments: [number])
        else { return nil }
        let workflow = WorkflowID(row["workflow_id"] as String)
        let mapping = try CaseCoding.decode([StepMapping].self, from: row["mapping"])
        let cases = try Row.fetchAll(
            db, sql: """
                SELECT case_number, register_number, from_revision, from_hash, from_step, to_step, sequence, undo_sequence
                FROM workflow_migration_cases WHERE migration = ? ORDER BY case_number
                """, arguments: [number]
        ).map { row in
            MovedCase(
                number: row["case_number"], registerNumber: row["register_number"],
                from: WorkflowReference(id: workflow, revision: row["from_revision"], contentHash: row["from_hash"]),
                fromStep: StepID(row["from_step"] as String), step: StepID(row["to_step"] as String),
                sequence: row["sequence"], undoSequence: row["undo_sequence"])
        }
        return MoveRecord(
            id: MoveRecord.id(number), workflow: workflow,
            to: WorkflowReference(id: workflow, revision: row["to_revision"], contentHash: row["to_hash"]),
            mapping: mapping, by: row["by_user"], at: Date(timeIntervalSince1970: row["at"]),
            undoneBy: row["undone_by"], undoneAt: (row["undone_at"] as Double?).map(Date.init(timeIntervalSince1970:)),
            cases: cases)
    }
}

import Foundation
import SOPEngine
import SOPModel
import SOPStorage

/// Moves of open cases onto another revision of their SOP, and their undoing: each one
/// transaction over every case it moves, with optimistic version checks per case.
extension PostgresCaseStore {
    public func moveCases(_ make: (_ moveID: String) throws -> MoveBatch) throws -> MoveRecord {
        try write { db in
            let number = try Self.nextNumber("workflow_migrations", db)
            let id = MoveRecord.id(number)
            let batch = try make(id)
            guard !batch.moves.isEmpty else { throw StoreError.invalidEvents("a move moves at least one case") }
            let reference = batch.reference
            try Self.insertWorkflowText(batch.workflowText, db)
            try db.query(
                """
                INSERT INTO workflow_migrations (number, workflow_id, to_revision, to_hash, mapping, by_user, at)
                VALUES ($1, $2, $3, $4, $5, $6, $7)
                """,
                [PGValue(number), .text(reference.id.rawValue), PGValue(reference.revision), .text(reference.contentHash),
                 .text(try CaseCoding.encode(batch.mapping)), .text(batch.by), PGValue(batch.at)])
            var cases: [MovedCase] = []
            for move in batch.moves {
                let (state, revisionMove, sequence) = try applyMove(move, moveID: id, isUndo: false, db)
                guard revisionMove.to == reference else {
                    throw StoreError.invalidEvents(
                        "move \(id) moves case \(move.caseNumber) to \(revisionMove.to.id) revision \(revisionMove.to.revision), not to revision \(reference.revision)")
                }
                try db.query(
                    """
                    INSERT INTO workflow_migration_cases
                        (migration, case_number, register_number, from_revision, from_hash, from_step, to_step, sequence)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                    """,
                    [PGValue(number), PGValue(move.caseNumber), .text(state.registerNumber), PGValue(revisionMove.from.revision),
                     .text(revisionMove.from.contentHash), .text(revisionMove.fromStep.rawValue), .text(revisionMove.step.rawValue),
                     PGValue(sequence)])
                cases.append(MovedCase(
                    number: move.caseNumber, registerNumber: state.registerNumber, from: revisionMove.from,
                    fromStep: revisionMove.fromStep, step: revisionMove.step, sequence: sequence))
            }
            try PGLedger.append(.move, item: number, db)
            return MoveRecord(
                id: id, workflow: reference.id, to: reference, mapping: batch.mapping, by: batch.by, at: batch.at,
                cases: cases.sorted { $0.number < $1.number })
        }
    }

    public func undoMove(
        _ id: String, _ make: (_ record: MoveRecord, _ cases: [StoredCase]) throws -> MoveUndoBatch
    ) throws -> MoveRecord {
        guard let number = MoveRecord.number(in: id) else { throw StoreError.unknownMove(id) }
        return try write { db in
            guard var record = try Self.moveRecord(number, db) else { throw StoreError.unknownMove(id) }
            if let by = record.undoneBy { throw StoreError.moveUndone(record.id, by: by) }
            let stored = try record.cases.map { moved in
                guard let version = try db.one("SELECT version FROM cases WHERE number = $1", [PGValue(moved.number)])?[0].int
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
                try db.query(
                    "UPDATE workflow_migration_cases SET undo_sequence = $1 WHERE migration = $2 AND case_number = $3",
                    [PGValue(sequence), PGValue(number), PGValue(move.caseNumber)])
            }
            try db.query(
                "UPDATE workflow_migrations SET undone_by = $1, undone_at = $2 WHERE number = $3",
                [.text(batch.by), PGValue(batch.at), PGValue(number)])
            try PGLedger.append(.moveUndone, item: number, db)
            record.undoneBy = batch.by
            record.undoneAt = batch.at
            return record
        }
    }

    public func revisionMove(_ id: String) throws -> MoveRecord? {
        guard let number = MoveRecord.number(in: id) else { return nil }
        return try read { db in try Self.moveRecord(number, db) }
    }

    public func revisionMoves(workflow: WorkflowID?) throws -> [MoveRecord] {
        try read { db in
            let rows = try workflow.map { id in
                try db.query("SELECT number FROM workflow_migrations WHERE workflow_id = $1 ORDER BY number", [.text(id.rawValue)])
            } ?? db.query("SELECT number FROM workflow_migrations ORDER BY number")
            return try rows.compactMap { row in try row[0].int.flatMap { try Self.moveRecord($0, db) } }
        }
    }

    /// Appends one case's events inside the caller's transaction, at its expected version, and
    /// writes its row (the revision included); returns the new state, the move and its sequence.
    private func applyMove(
        _ move: CaseMove, moveID: String, isUndo: Bool, _ db: PGSession
    ) throws -> (CaseState, CaseEvent.RevisionMove, Int) {
        let version = try currentVersion(move.caseNumber, expected: move.expectedVersion, db)
        let state = try move.state.flatMap { $0.number == move.caseNumber && $0.version == version ? $0 : nil }
            ?? folded(move.caseNumber, version: version, db).state
        var found: (CaseEvent.RevisionMove, Int)?
        for event in move.events {
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
        let prepared = try Self.prepare(move.events, to: move.caseNumber, at: state, after: chainHead(move.caseNumber, expectedVersion: version, db))
        guard let (revisionMove, sequence) = found else {
            throw StoreError.invalidEvents("the events of case \(move.caseNumber) do not move it by move \(moveID)")
        }
        try write(prepared, notifying: false, db)
        return (prepared.state, revisionMove, sequence)
    }

    /// A move's record, read inside the caller's transaction.
    private static func moveRecord(_ number: Int, _ db: PGSession) throws -> MoveRecord? {
        guard let row = try db.one(
            """
            SELECT workflow_id, to_revision, to_hash, mapping, by_user, at, undone_by, undone_at
            FROM workflow_migrations WHERE number = $1
            """, [PGValue(number)])
        else { return nil }
        let workflow = WorkflowID(row[0].string ?? "")
        let mapping = try CaseCoding.decode([StepMapping].self, from: row[3].string ?? "")
        let cases = try db.query(
            """
            SELECT case_number, register_number, from_revision, from_hash, from_step, to_step, sequence, undo_sequence
            FROM workflow_migration_cases WHERE migration = $1 ORDER BY case_number
            """, [PGValue(number)]
        ).map { row in
            MovedCase(
                number: row[0].int ?? 0, registerNumber: row[1].string ?? "",
                from: WorkflowReference(id: workflow, revision: row[2].int ?? 0, contentHash: row[3].string ?? ""),
                fromStep: StepID(row[4].string ?? ""), step: StepID(row[5].string ?? ""),
                sequence: row[6].int ?? 0, undoSequence: row[7].int)
        }
        return MoveRecord(
            id: MoveRecord.id(number), workflow: workflow,
            to: WorkflowReference(id: workflow, revision: row[1].int ?? 0, contentHash: row[2].string ?? ""),
            mapping: mapping, by: row[4].string ?? "", at: row[5].date ?? Date(timeIntervalSince1970: 0),
            undoneBy: row[6].string, undoneAt: row[7].date, cases: cases)
    }
}

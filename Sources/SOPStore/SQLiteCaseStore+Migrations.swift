import Foundation
import SOPStorage
import GRDB
import SOPEngine
import SOPModel

/// Migrations of open cases onto another revision of their SOP, and their undoing: each one
/// transaction over every case it moves, with optimistic version checks per case.
extension SQLiteCaseStore {
    /// Writes a migration in one transaction, all or nothing (see `CaseStore.migrate`).
    public func migrate(_ make: (_ migrationID: String) throws -> MigrationBatch) throws -> MigrationRecord {
        try write { db in
            let number = try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(number), 0) + 1 FROM workflow_migrations") ?? 1
            let id = MigrationRecord.id(number)
            let batch = try make(id)
            guard !batch.moves.isEmpty else { throw StoreError.invalidEvents("a migration moves at least one case") }
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
            var cases: [MigratedCase] = []
            for move in batch.moves {
                let (state, migration, sequence) = try applyMove(move, migrationID: id, isUndo: false, db)
                guard migration.to == reference else {
                    throw StoreError.invalidEvents(
                        "migration \(id) moves case \(move.caseNumber) to \(migration.to.id) revision \(migration.to.revision), not to revision \(reference.revision)")
                }
                try db.execute(
                    sql: """
                        INSERT INTO workflow_migration_cases
                            (migration, case_number, register_number, from_revision, from_hash, from_step, to_step, sequence)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        number, move.caseNumber, state.registerNumber, migration.from.revision, migration.from.contentHash,
                        migration.fromStep.rawValue, migration.step.rawValue, sequence,
                    ])
                cases.append(MigratedCase(
                    number: move.caseNumber, registerNumber: state.registerNumber, from: migration.from,
                    fromStep: migration.fromStep, step: migration.step, sequence: sequence))
            }
            return MigrationRecord(
                id: id, workflow: reference.id, to: reference, mapping: batch.mapping, by: batch.by, at: batch.at,
                cases: cases.sorted { $0.number < $1.number })
        }
    }

    /// Undoes a migration in one transaction, all or nothing (see `CaseStore.undoMigration`).
    public func undoMigration(
        _ id: String, _ make: (_ record: MigrationRecord, _ cases: [StoredCase]) throws -> MigrationUndoBatch
    ) throws -> MigrationRecord {
        guard let number = MigrationRecord.number(in: id) else { throw StoreError.unknownMigration(id) }
        return try write { db in
            guard var record = try Self.migrationRecord(number, db) else { throw StoreError.unknownMigration(id) }
            if let by = record.undoneBy { throw StoreError.migrationUndone(record.id, by: by) }
            let stored = try record.cases.map { moved in
                guard let version = try Int.fetchOne(db, sql: "SELECT version FROM cases WHERE number = ?", arguments: [moved.number])
                else { throw StoreError.unknownCase(String(moved.number)) }
                return try folded(moved.number, version: version, db)
            }
            let batch = try make(record, stored)
            guard batch.moves.map(\.caseNumber).sorted() == record.cases.map(\.number).sorted() else {
                throw StoreError.invalidEvents("undoing migration \(record.id) must move back exactly the cases it moved")
            }
            for move in batch.moves {
                let (_, migration, sequence) = try applyMove(move, migrationID: record.id, isUndo: true, db)
                guard let moved = record.cases.firstIndex(where: { $0.number == move.caseNumber }),
                    migration.to == record.cases[moved].from
                else {
                    throw StoreError.invalidEvents("undoing migration \(record.id) must put case \(move.caseNumber) back on the revision it left")
                }
                record.cases[moved].undoSequence = sequence
                try db.execute(
                    sql: "UPDATE workflow_migration_cases SET undo_sequence = ? WHERE migration = ? AND case_number = ?",
                    arguments: [sequence, number, move.caseNumber])
            }
            try db.execute(
                sql: "UPDATE workflow_migrations SET undone_by = ?, undone_at = ? WHERE number = ?",
                arguments: [batch.by, batch.at.timeIntervalSince1970, number])
            record.undoneBy = batch.by
            record.undoneAt = batch.at
            return record
        }
    }

    /// The migration with an id (`M1`), or nil.
    public func migration(_ id: String) throws -> MigrationRecord? {
        guard let number = MigrationRecord.number(in: id) else { return nil }
        return try read { db in try Self.migrationRecord(number, db) }
    }

    /// The migrations of a workflow (of every workflow when nil), oldest first.
    public func migrations(workflow: WorkflowID?) throws -> [MigrationRecord] {
        try read { db in
            let numbers = try workflow.map { id in
                try Int.fetchAll(db, sql: "SELECT number FROM workflow_migrations WHERE workflow_id = ? ORDER BY number", arguments: [id.rawValue])
            } ?? Int.fetchAll(db, sql: "SELECT number FROM workflow_migrations ORDER BY number")
            return try numbers.compactMap { try Self.migrationRecord($0, db) }
        }
    }

    /// Appends one case's events inside the caller's transaction, at its expected version, and
    /// writes its row (the revision included); returns the new state, the move and its sequence.
    private func applyMove(
        _ move: CaseMove, migrationID: String, isUndo: Bool, _ db: Database
    ) throws -> (CaseState, CaseEvent.Migration, Int) {
        guard let version = try Int.fetchOne(db, sql: "SELECT version FROM cases WHERE number = ?", arguments: [move.caseNumber])
        else { throw StoreError.unknownCase(String(move.caseNumber)) }
        guard version == move.expectedVersion else {
            throw StoreError.conflict(caseNumber: move.caseNumber, expected: move.expectedVersion, actual: version)
        }
        var state = try move.state.flatMap { $0.number == move.caseNumber && $0.version == version ? $0 : nil }
            ?? folded(move.caseNumber, version: version, db).state
        let before = CaseColumns.Indexed(state)
        var found: (CaseEvent.Migration, Int)?
        for event in move.events {
            guard state.apply(event) else {
                throw StoreError.invalidEvents(
                    "event \(event.sequence) (\(event.kind.name)) does not fit case \(move.caseNumber) at version \(state.version)")
            }
            let migration: CaseEvent.Migration? = switch event.kind {
            case .migrated(let migration) where !isUndo: migration
            case .migrationUndone(let migration) where isUndo: migration
            default: nil
            }
            guard let migration, migration.migration == migrationID else { continue }
            guard found == nil else {
                throw StoreError.invalidEvents("case \(move.caseNumber) is moved twice by migration \(migrationID)")
            }
            found = (migration, event.sequence)
        }
        guard let (migration, sequence) = found else {
            throw StoreError.invalidEvents("the events of case \(move.caseNumber) do not move it by migration \(migrationID)")
        }
        try insert(move.events, caseNumber: move.caseNumber, db)
        // The revision and its hash are among the columns that change.
        try CaseColumns(state).update(from: before, caseNumber: move.caseNumber, expectedVersion: version, db)
        // Checked above in this same transaction, so the row is there at that version.
        guard db.changesCount == 1 else {
            let actual = try Int.fetchOne(db, sql: "SELECT version FROM cases WHERE number = ?", arguments: [move.caseNumber])
            throw StoreError.conflict(caseNumber: move.caseNumber, expected: version, actual: actual ?? 0)
        }
        return (state, migration, sequence)
    }

    /// A migration's record, read inside the caller's transaction.
    private static func migrationRecord(_ number: Int, _ db: Database) throws -> MigrationRecord? {
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
            MigratedCase(
                number: row["case_number"], registerNumber: row["register_number"],
                from: WorkflowReference(id: workflow, revision: row["from_revision"], contentHash: row["from_hash"]),
                fromStep: StepID(row["from_step"] as String), step: StepID(row["to_step"] as String),
                sequence: row["sequence"], undoSequence: row["undo_sequence"])
        }
        return MigrationRecord(
            id: MigrationRecord.id(number), workflow: workflow,
            to: WorkflowReference(id: workflow, revision: row["to_revision"], contentHash: row["to_hash"]),
            mapping: mapping, by: row["by_user"], at: Date(timeIntervalSince1970: row["at"]),
            undoneBy: row["undone_by"], undoneAt: (row["undone_at"] as Double?).map(Date.init(timeIntervalSince1970:)),
            cases: cases)
    }
}

import Foundation

/// A value of a row as a store holds it, for a copy between stores.
public enum StoredValue: Hashable, Sendable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case bytes([UInt8])
}

/// The tables a copy between stores writes, each after those it refers to, with the order of
/// their rows: the same tables and columns in every store.
public enum StoreTables {
    public static let copyOrder: [(table: String, order: String)] = [
        ("workflow_texts", "hash"), ("calendar_texts", "hash"), ("attachments", "sha256"), ("office", "id"),
        ("staff", "user_name"), ("staff_roles", "user_name, role"), ("staff_changes", "number"), ("publications", "number"),
        ("cases", "number"), ("events", "case_number, sequence"), ("reveals", "number"), ("workflow_migrations", "number"),
        ("workflow_migration_cases", "migration, case_number"), ("notification_settings", "number"), ("staff_emails", "number"),
        ("outbox", "id"), ("outbox_attempts", "outbox_id, number"), ("ledger", "number"),
    ]
}

/// A store a copy reads: every row of every table in `StoreTables.copyOrder`, from one snapshot.
public protocol StoreCopySource {
    /// Calls `body` with each table's rows in order, a batch at a time (the table's column names
    /// and the rows' values in that order), all read from one snapshot.
    func copyRows(_ body: (_ table: String, _ columns: [String], _ rows: [[StoredValue]]) throws -> Void) throws
}

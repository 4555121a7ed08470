import Foundation
import GRDB
import SOPStorage

/// `sop backup`: a consistent copy of the database, made while others keep writing, and checked.
extension SQLiteCaseStore {
    /// Copies the whole database into a new file at `path` with SQLite's online backup, from one
    /// read snapshot (writers go on meanwhile: the file is in WAL mode), then opens the copy as a
    /// store of its own and verifies it (`verify`). The copy is one file (rollback journal, no
    /// `-wal`), readable by its owner only (0600), even in a group's folder: a copy is the
    /// administrator's who made it, to keep or hand on.
    ///
    /// A file at `path` is never overwritten (`file-exists`); a copy that fails to be written is
    /// removed. A copy that is written but does not verify is kept, and its problems are returned:
    /// the damage was in the database copied.
    public func backup(to path: String) throws -> Verification {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw StoreError.missingFolder(folder)
        }
        guard createNewFile(path, ownerOnly: true) else {
            if FileManager.default.fileExists(atPath: path) { throw StoreError.fileExists(path) }
            throw StoreError.readOnlyFolder(folder)
        }
        do {
            var configuration = Configuration()
            configuration.foreignKeysEnabled = true
            let copy = try DatabaseQueue(path: path, configuration: configuration)
            try database.backup(to: copy)
            try copy.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
            try copy.close()
        } catch {
            for suffix in ["", "-wal", "-shm", "-journal"] { unlink(path + suffix) }
            if let error = error as? DatabaseError { throw StoreError.database(path, error.message ?? "\(error)") }
            throw error
        }
        // Read only, so that the copy stays one file as written.
        var reading = Configuration()
        reading.readonly = true
        reading.foreignKeysEnabled = true
        let copy = try DatabaseQueue(path: path, configuration: reading)
        defer { try? copy.close() }
        return try SQLiteCaseStore(database: copy, name: path, attachmentLimit: attachmentLimit).verify(extending: [])
    }
}

/// An office's database read for a copy into another store (`sop db copy`).
extension SQLiteCaseStore: StoreCopySource {
    public func copyRows(_ body: (String, [String], [[StoredValue]]) throws -> Void) throws {
        try read { db in
            for (table, order) in StoreTables.copyOrder {
                let statement = try db.makeStatement(sql: "SELECT * FROM \(table) ORDER BY \(order)")
                let columns = statement.columnNames
                let rows = try Row.fetchCursor(statement)
                var batch: [[StoredValue]] = []
                // At most 500 rows, or about 8 MB (attachments), at a time.
                var bytes = 0
                while let row = try rows.next() {
                    batch.append(row.databaseValues.map { value in
                        switch value.storage {
                        case .null: .null
                        case .int64(let number): .integer(number)
                        case .double(let number): .real(number)
                        case .string(let text): .text(text)
                        case .blob(let data): .bytes(Array(data))
                        }
                    })
                    bytes += row.databaseValues.reduce(0) { total, value in
                        switch value.storage {
                        case .blob(let data): total + data.count
                        case .string(let text): total + text.utf8.count
                        default: total + 8
                        }
                    }
                    if batch.count == 500 || bytes > 8 << 20 {
                        try body(table, columns, batch)
                        batch.removeAll(keepingCapacity: true)
                        bytes = 0
                    }
                }
                if !batch.isEmpty { try body(table, columns, batch) }
            }
        }
    }
}

/// Why the store could not do what it was asked, and the way out; nothing was written.
///
/// A struct over a private enum, so reasons can be added without breaking callers: match on
/// `code`, show `description`.
public struct StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    private enum Reason: Hashable, Sendable {
        case conflict(caseNumber: Int, expected: Int, actual: Int)
        case notADatabase(path: String)
        case readOnly(path: String)
        case readOnlyFolder(folder: String)
        case missingFolder(folder: String)
        case foreignDatabase(path: String)
        case newerSchema(path: String, migrations: [String])
        case corrupt(path: String, detail: String)
        case busy(path: String)
        case diskFull(path: String)
        case unknownCase(reference: String)
        case unknownUser(user: String)
        case unknownRole(user: String, role: String, held: [String])
        case invalidName(what: String)
        case attachmentTooLarge(size: Int, limit: Int)
        case unknownWorkflowText(hash: String)
        case invalidEvents(detail: String)
        case invalidRegisterFormat(format: String)
        case database(path: String, message: String)
        case unknownMigration(id: String)
        case migrationUndone(id: String, by: String)
    }

    private let reason: Reason

    private init(_ reason: Reason) { self.reason = reason }

    /// A stable name for the kind of problem, for tests and scripts (`conflict`, `read-only`, …).
    public var code: String {
        switch reason {
        case .conflict: "conflict"
        case .notADatabase: "not-a-database"
        case .readOnly, .readOnlyFolder: "read-only"
        case .missingFolder: "missing-folder"
        case .foreignDatabase: "foreign-database"
        case .newerSchema: "newer-schema"
        case .corrupt: "corrupt"
        case .busy: "busy"
        case .diskFull: "disk-full"
        case .unknownCase: "unknown-case"
        case .unknownUser: "unknown-user"
        case .unknownRole: "unknown-role"
        case .invalidName: "invalid-name"
        case .attachmentTooLarge: "attachment-too-large"
        case .unknownWorkflowText: "unknown-workflow-text"
        case .invalidEvents: "invalid-events"
        case .invalidRegisterFormat: "invalid-register-format"
        case .database: "database"
        case .unknownMigration: "unknown-migration"
        case .migrationUndone: "already-undone"
        }
    }

    /// What is wrong and what to do, in one or two sentences.
    public var description: String {
        switch reason {
        case .conflict(let number, let expected, let actual):
            "case \(number) was changed by someone else meanwhile (version \(actual), expected \(expected)): "
                + "look at it again with `sop case show \(number)` and retry"
        case .notADatabase(let path):
            "'\(path)' is not a sop database (it is not an SQLite file); it was left unchanged: "
                + "use --db to name another file"
        case .readOnly(let path):
            "the database '\(path)' is read-only: make it writable (`chmod u+w '\(path)'`), "
                + "or copy it and use --db to name the copy"
        case .readOnlyFolder(let folder):
            "the folder '\(folder)' is read-only, and SQLite writes its journal files (-wal, -shm) beside the "
                + "database: make the folder writable, or use --db to name a database in another folder"
        case .missingFolder(let folder):
            "the folder '\(folder)' does not exist: create it (`mkdir -p '\(folder)'`), "
                + "or use --db to name a database elsewhere"
        case .foreignDatabase(let path):
            "'\(path)' is an SQLite database of another program (it has tables, but no sop migrations); "
                + "it was left unchanged: use --db to name another file"
        case .newerSchema(let path, let migrations):
            "the database '\(path)' was written by a newer sop (migrations \(migrations.joined(separator: ", ")) "
                + "are unknown to this one); it was left unchanged: upgrade sop"
        case .corrupt(let path, let detail):
            "the database '\(path)' is damaged (\(detail)): restore it from a backup "
                + "(`sqlite3 '\(path)' .recover` may save what is left)"
        case .busy(let path):
            "the database '\(path)' stayed locked by another sop process for more than 5 seconds; "
                + "nothing was written: try again in a moment"
        case .diskFull(let path):
            "the disk holding '\(path)' is full; nothing was written: free some space and retry"
        case .unknownCase(let reference):
            "there is no case '\(reference)': list the cases with `sop case list`"
        case .unknownUser(let user):
            "there is no staff member '\(user)': see the staff with `sop staff list`"
        case .unknownRole(let user, let role, let held):
            "staff member '\(user)' does not hold role '\(role)' ("
                + (held.isEmpty ? "they hold no role" : "they hold: \(held.joined(separator: ", "))")
                + "): see `sop staff list`"
        case .invalidName(let what):
            "\(what) is empty or has spaces or control characters at its ends: give a name like `budi` or `front-office`"
        case .attachmentTooLarge(let size, let limit):
            "the attachment is \(size) bytes, over the limit of \(limit) bytes: "
                + "attach a smaller file (a scan at a lower resolution, or a document in parts)"
        case .unknownWorkflowText(let hash):
            "no workflow text is stored with SHA-256 \(hash): store the revision's text "
                + "(`storeWorkflowText`) before opening a case on it"
        case .invalidEvents(let detail):
            "the events do not fit the case (\(detail)); nothing was written: this is a bug in sop, please report it"
        case .invalidRegisterFormat(let format):
            "the register-number format '\(format)' cannot be used: it must include {number} (so numbers never repeat), "
                + "be at most 64 characters, and neither start nor end with a space, e.g. `067/PGD/{year}/{number}`"
        case .database(let path, let message):
            "the database '\(path)' failed: \(message); nothing was written"
        case .unknownMigration(let id):
            "there is no migration '\(id)': list the migrations with `sop migrate --list`"
        case .migrationUndone(let id, let by):
            "migration \(id) was already undone by \(by); nothing was written: see `sop migrate --list`"
        }
    }

    static func conflict(caseNumber: Int, expected: Int, actual: Int) -> StoreError {
        StoreError(.conflict(caseNumber: caseNumber, expected: expected, actual: actual))
    }
    static func notADatabase(_ path: String) -> StoreError { StoreError(.notADatabase(path: path)) }
    static func readOnly(_ path: String) -> StoreError { StoreError(.readOnly(path: path)) }
    static func readOnlyFolder(_ folder: String) -> StoreError { StoreError(.readOnlyFolder(folder: folder)) }
    static func missingFolder(_ folder: String) -> StoreError { StoreError(.missingFolder(folder: folder)) }
    static func foreignDatabase(_ path: String) -> StoreError { StoreError(.foreignDatabase(path: path)) }
    static func newerSchema(_ path: String, migrations: [String]) -> StoreError {
        StoreError(.newerSchema(path: path, migrations: migrations))
    }
    static func corrupt(_ path: String, _ detail: String) -> StoreError { StoreError(.corrupt(path: path, detail: detail)) }
    static func busy(_ path: String) -> StoreError { StoreError(.busy(path: path)) }
    static func diskFull(_ path: String) -> StoreError { StoreError(.diskFull(path: path)) }
    static func unknownCase(_ reference: String) -> StoreError { StoreError(.unknownCase(reference: reference)) }
    static func unknownUser(_ user: String) -> StoreError { StoreError(.unknownUser(user: user)) }
    static func unknownRole(user: String, role: String, held: [String]) -> StoreError {
        StoreError(.unknownRole(user: user, role: role, held: held))
    }
    static func invalidName(_ what: String) -> StoreError { StoreError(.invalidName(what: what)) }
    static func attachmentTooLarge(size: Int, limit: Int) -> StoreError {
        StoreError(.attachmentTooLarge(size: size, limit: limit))
    }
    static func unknownWorkflowText(_ hash: String) -> StoreError { StoreError(.unknownWorkflowText(hash: hash)) }
    static func invalidEvents(_ detail: String) -> StoreError { StoreError(.invalidEvents(detail: detail)) }
    static func invalidRegisterFormat(_ format: String) -> StoreError {
        StoreError(.invalidRegisterFormat(format: format))
    }
    static func unknownMigration(_ id: String) -> StoreError { StoreError(.unknownMigration(id: id)) }
    static func migrationUndone(_ id: String, by: String) -> StoreError { StoreError(.migrationUndone(id: id, by: by)) }
    static func database(_ path: String, _ message: String) -> StoreError {
        StoreError(.database(path: path, message: message))
    }
}

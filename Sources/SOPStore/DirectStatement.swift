import GRDB
import GRDBSQLite

/// A cached GRDB statement run with its values bound through SQLite's C interface: for the few
/// statements every step runs, where building GRDB's `StatementArguments` (a boxed value per
/// argument) and its nested temporary bindings cost about as many instructions as SQLite's own
/// work on the row.
///
/// Values are bound in order, each copied by SQLite (`SQLITE_TRANSIENT`), so nothing points into
/// Swift memory once a `bind` returns; a value SQLite refuses is thrown by `execute`, never bound
/// as NULL. `execute` checks that every parameter was bound, steps the statement to its end and
/// resets it; a failure is thrown as GRDB's `DatabaseError`, as GRDB would have thrown it. Only
/// for statements inside a transaction the store began itself, whose rows (if any) are integers
/// in their first column (GRDB's transaction observers are not told of them; the store registers
/// none).
struct DirectStatement {
    private let statement: Statement
    private let handle: SQLiteStatement
    private var next: Int32 = 1
    /// The first value SQLite refused to bind (too large), thrown by `execute`.
    private var refused: (code: Int32, parameter: Int32)?

    /// Takes the statement for `sql` from the connection's cache (preparing it the first time).
    init(_ db: Database, sql: String) throws {
        statement = try db.cachedStatement(sql: sql)
        handle = statement.sqliteStatement
        // A statement left unfinished (by a failure) starts again from the beginning.
        sqlite3_reset(handle)
    }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    mutating func bind(_ value: Int) {
        checked(sqlite3_bind_int64(handle, next, Int64(value)))
    }

    mutating func bind(_ value: Double) {
        checked(sqlite3_bind_double(handle, next, value))
    }

    mutating func bind(_ value: Double?) {
        if let value { bind(value) } else { bindNull() }
    }

    mutating func bind(_ value: String) {
        var value = value
        value.withUTF8 { bindText($0) }
    }

    /// Text already in UTF-8 (valid UTF-8: SQLite does not check).
    mutating func bind(utf8 value: [UInt8]) {
        value.withUnsafeBufferPointer { bindText($0) }
    }

    mutating func bind(_ value: String?) {
        if let value { bind(value) } else { bindNull() }
    }

    private mutating func bindText(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let length = Int32(exactly: bytes.count) else {
            // Over 2 GiB: more than SQLite takes in one value at all.
            checked(SQLITE_TOOBIG)
            return
        }
        let code = bytes.withMemoryRebound(to: CChar.self) { text in
            if let base = text.baseAddress {
                sqlite3_bind_text(handle, next, base, length, Self.transient)
            } else {
                // An empty buffer may have no address, and SQLite takes a null pointer for NULL.
                sqlite3_bind_text(handle, next, "", 0, Self.transient)
            }
        }
        checked(code)
    }

    private mutating func bindNull() {
        checked(sqlite3_bind_null(handle, next))
    }

    /// Notes the result of binding parameter `next` (a value too large is refused, not bound as
    /// NULL) and moves on to the next parameter.
    private mutating func checked(_ code: Int32) {
        if code != SQLITE_OK, refused == nil { refused = (code, next) }
        next += 1
    }

    /// Runs the statement to its end with the values bound.
    func execute(_ db: Database) throws {
        _ = try run(db, collecting: false)
    }

    /// Runs the statement to its end with the values bound, and returns the first column of each
    /// row it gives, as integers.
    func executeReturningIntegers(_ db: Database) throws -> [Int64] {
        try run(db, collecting: true)
    }

    private func run(_ db: Database, collecting: Bool) throws -> [Int64] {
        if let refused {
            throw DatabaseError(
                resultCode: ResultCode(rawValue: refused.code),
                message: "value \(refused.parameter) cannot be bound: \(String(cString: sqlite3_errstr(refused.code)))",
                sql: statement.sql)
        }
        let expected = sqlite3_bind_parameter_count(handle)
        guard next - 1 == expected else {
            throw DatabaseError(
                resultCode: .SQLITE_MISUSE, message: "\(next - 1) values bound for \(expected) parameters", sql: statement.sql)
        }
        var integers: [Int64] = []
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { break }
            if code == SQLITE_ROW {
                if collecting { integers.append(sqlite3_column_int64(handle, 0)) }
                continue
            }
            let message = String(cString: sqlite3_errmsg(db.sqliteConnection))
            sqlite3_reset(handle)
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
        }
        sqlite3_reset(handle)
        return integers
    }
}

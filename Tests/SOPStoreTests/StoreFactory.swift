import Foundation
import Testing
import SOPStorage
import SOPStore
@testable import SOPPostgres

/// A kind of store the contract tests run against: each test of a contract suite runs once for
/// every factory in `all`, so a second store (PostgreSQL) gets the same tests by adding its own.
struct StoreFactory: Sendable, CustomTestStringConvertible {
    /// The store's name, shown in the test's name.
    let name: String
    /// A new, empty store, with the largest attachment it takes.
    private let makeStore: @Sendable (_ scratch: Scratch, _ attachmentLimit: Int) throws -> any CaseStore
    /// Another connection to the store `makeStore` made for the same scratch folder, as a second
    /// process would have.
    private let reopenStore: @Sendable (_ scratch: Scratch) throws -> any CaseStore

    /// A new, empty store.
    func make(_ scratch: Scratch, attachmentLimit: Int = 10 * 1024 * 1024) throws -> any CaseStore {
        try makeStore(scratch, attachmentLimit)
    }

    /// A second connection to the store made for `scratch`.
    func reopen(_ scratch: Scratch) throws -> any CaseStore { try reopenStore(scratch) }

    var testDescription: String { name }

    /// The embedded SQLite store, on a file in the scratch folder.
    static let sqlite = StoreFactory(
        name: "SQLite",
        makeStore: { scratch, limit in try SQLiteCaseStore(path: scratch.path(), attachmentLimit: limit) },
        reopenStore: { scratch in try SQLiteCaseStore(path: scratch.path()) })

    /// The PostgreSQL store, on a new database of the server `SOP_TEST_POSTGRES` names (one per
    /// scratch folder), its schema made by `PostgresCaseStore.upgrade` as `sop init` makes it.
    static let postgres = StoreFactory(
        name: "PostgreSQL",
        makeStore: { scratch, limit in
            let address = try TestPostgres.newDatabase(for: scratch)
            try PostgresCaseStore.upgrade(address)
            return try PostgresCaseStore(address: address, attachmentLimit: limit)
        },
        reopenStore: { scratch in try PostgresCaseStore(address: try TestPostgres.address(for: scratch)) })

    /// Every store the contract is checked on.
    static let all: [StoreFactory] = [.sqlite, .postgres]
}

/// The PostgreSQL server the tests run against: `SOP_TEST_POSTGRES`, a superuser's address, which
/// `scripts/with-postgres` sets for the command it runs. Without it, every test on PostgreSQL fails
/// and says how to start one: none is skipped.
enum TestPostgres {
    struct Missing: Error, CustomStringConvertible {
        var description: String {
            "SOP_TEST_POSTGRES is not set: run the tests with a throw-away PostgreSQL server, `scripts/with-postgres swift test` "
                + "(Debian/Ubuntu: apt-get install postgresql first), or set SOP_TEST_POSTGRES to a superuser's postgresql:// address"
        }
    }

    /// The server's superuser address.
    static func server() throws -> PostgresAddress {
        guard let text = ProcessInfo.processInfo.environment["SOP_TEST_POSTGRES"], !text.isEmpty else { throw Missing() }
        return try PostgresAddress(text)
    }

    /// The name of the database of a scratch folder.
    static func databaseName(for scratch: Scratch) -> String {
        "sop_test_" + scratch.folder.lastPathComponent.lowercased().filter { $0.isLetter || $0.isNumber }
    }

    /// The address of the database of a scratch folder.
    static func address(for scratch: Scratch) throws -> PostgresAddress {
        var address = try server()
        address.database = databaseName(for: scratch)
        return address
    }

    /// Creates the database of a scratch folder, empty, and gives its address.
    static func newDatabase(for scratch: Scratch) throws -> PostgresAddress {
        let session = try PGSession.connect(try server())
        defer { session.close() }
        try session.query("CREATE DATABASE \(databaseName(for: scratch))")
        return try address(for: scratch)
    }
}

import Foundation
import Testing
import SOPStorage
import SOPStore

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

    /// Every store the contract is checked on.
    static let all: [StoreFactory] = [.sqlite]
}

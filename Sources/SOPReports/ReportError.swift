import SOPCore
import SOPService
import SOPStore

/// A report that cannot be made: what is wrong and the way out.
public struct ReportError: Error, Sendable, CustomStringConvertible {
    /// A stable name for the kind of problem: `period`, `workflow` or `store`.
    public let code: String
    /// What is wrong and what to do, in both languages.
    public let message: Text
    /// Whether the problem is with input that cannot be read (the database): exit 2.
    public let isUnreadableInput: Bool

    init(_ code: String, _ message: Text, isUnreadableInput: Bool = false) {
        self.code = code
        self.message = message
        self.isUnreadableInput = isUnreadableInput
    }

    /// The message in English, for test failures and logs.
    public var description: String { message.en }

    static func store(_ error: any Error) -> ReportError {
        let message: Text =
            switch error {
            case let error as StoreError: error.message
            case let error as ServiceError: error.message
            default: Text(verbatim: "\(error)")
            }
        return ReportError("store", message, isUnreadableInput: true)
    }
}

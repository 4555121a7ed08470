/// A report that cannot be made: what is wrong and the way out.
public struct ReportError: Error, Sendable, CustomStringConvertible {
    /// A stable name for the kind of problem: `period`, `workflow` or `store`.
    public let code: String
    /// What is wrong and what to do.
    public let description: String
    /// Whether the problem is with input that cannot be read (the database): exit 2.
    public let isUnreadableInput: Bool

    init(_ code: String, _ description: String, isUnreadableInput: Bool = false) {
        self.code = code
        self.description = description
        self.isUnreadableInput = isUnreadableInput
    }

    static func store(_ error: any Error) -> ReportError {
        ReportError("store", "\(error)", isUnreadableInput: true)
    }
}

/// A position in a source file: the file's path and a 1-based line and column.
///
/// Columns count Unicode scalars (characters as an editor shows them for Indonesian text), not bytes.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    /// The path of the file as the user named it.
    public var file: String
    /// The line, starting at 1.
    public var line: Int
    /// The column, starting at 1.
    public var column: Int

    /// Creates a location from a file path and a 1-based line and column.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`, as compilers and editors print it.
    public var description: String { "\(file):\(line):\(column)" }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }

    /// The location `count` columns to the right on the same line.
    public func advanced(byColumns count: Int) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column + count)
    }
}

import SOPCore

/// A position as libyaml reports it: a 0-based line and a 0-based column counted in characters
/// (Unicode scalars), not bytes.
///
/// This is the only place where libyaml's 0-based positions become the 1-based `line:column`
/// of a `SourceLocation`: every position passes through `location(in:)`.
struct Mark: Hashable, Sendable {
    /// The line, starting at 0.
    var line: Int
    /// The column in characters, starting at 0.
    var column: Int

    /// The start of the text.
    static let start = Mark(line: 0, column: 0)

    /// The same position as a 1-based location in `file`.
    func location(in file: String) -> SourceLocation {
        let (line, lineOverflow) = self.line.addingReportingOverflow(1)
        let (column, columnOverflow) = self.column.addingReportingOverflow(1)
        return SourceLocation(
            file: file,
            line: lineOverflow ? Int.max : max(1, line),
            column: columnOverflow ? Int.max : max(1, column))
    }
}

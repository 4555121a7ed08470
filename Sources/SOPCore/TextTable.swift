/// A plain-text table whose cells wrap at word boundaries to fit a total width: the layout the
/// text of lists, reports and documents shares.
public struct TextTable: Sendable {
    /// A column: its header and its width.
    public struct Column: Sendable {
        /// The header.
        public let header: String
        /// A fixed width, or nil to share the remaining width by `weight`.
        public let width: Int?
        /// The share of the remaining width, for a column without a fixed width.
        public let weight: Int

        /// Creates a column.
        public init(header: String, width: Int?, weight: Int) {
            self.header = header
            self.width = width
            self.weight = weight
        }
    }

    /// The columns, in order.
    public let columns: [Column]
    /// The rows, each a cell per column.
    public var rows: [[String]] = []

    /// Creates a table with columns and rows.
    public init(columns: [Column], rows: [[String]] = []) {
        self.columns = columns
        self.rows = rows
    }

    /// What stands between two cells of a line.
    public static let separator = " │ "

    /// The widths of the columns for a total width.
    public func widths(total: Int) -> [Int] {
        let fixed = columns.compactMap(\.width).reduce(0, +)
        let separators = (columns.count - 1) * Self.separator.count
        let flexible = max(0, total - fixed - separators)
        let weights = columns.filter { $0.width == nil }.map(\.weight).reduce(0, +)
        return columns.map { column in
            column.width ?? max(8, weights == 0 ? 8 : flexible * column.weight / weights)
        }
    }

    /// The table as text, header first, then a rule, then each row (rows separated by rules).
    public func render(totalWidth: Int) -> String {
        let widths = widths(total: totalWidth)
        var lines: [String] = []
        func emit(_ cells: [String]) {
            let wrapped = zip(cells, widths).map { Self.wrap($0, width: $1) }
            let height = wrapped.map(\.count).max() ?? 1
            for line in 0..<height {
                let parts = wrapped.enumerated().map { index, cellLines in
                    Self.pad(line < cellLines.count ? cellLines[line] : "", to: widths[index])
                }
                lines.append(parts.joined(separator: Self.separator).trailingSpacesRemoved)
            }
        }
        let rule = widths.map { String(repeating: "─", count: $0) }.joined(separator: "─┼─")
        emit(columns.map(\.header))
        lines.append(rule)
        for (index, row) in rows.enumerated() {
            if index > 0 { lines.append(rule) }
            emit(row)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Wraps text at spaces to lines of at most `width` characters; newlines are kept.
    public static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var current = ""
            for word in paragraph.split(separator: " ") {
                var word = String(word)
                while word.count > width {
                    if !current.isEmpty { lines.append(current); current = "" }
                    lines.append(String(word.prefix(width)))
                    word = String(word.dropFirst(width))
                }
                if current.isEmpty {
                    current = word
                } else if current.count + 1 + word.count <= width {
                    current += " " + word
                } else {
                    lines.append(current)
                    current = word
                }
            }
            lines.append(current)
        }
        return lines.isEmpty ? [""] : lines
    }

    /// The text with spaces after it up to `width` characters.
    public static func pad(_ text: String, to width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}

extension String {
    /// The text without the spaces at its end.
    public var trailingSpacesRemoved: String {
        var text = Substring(self)
        while text.last == " " { text.removeLast() }
        return String(text)
    }
}

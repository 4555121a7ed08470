/// A table as CSV that spreadsheets open as it is meant: UTF-8 with a byte order mark, one header
/// row, fields separated by commas and lines by CRLF, quoted as RFC 4180 says (a field holding a
/// comma, a quote or a line break is put in quotes, its quotes doubled).
///
/// A spreadsheet set up for Indonesia (Excel with the regional settings of `id-ID`) separates
/// fields by semicolons and writes decimals with a comma, and opens a comma-separated file in one
/// column: `Separator.semicolon` writes that form (`87,5`), and quotes a field holding a semicolon.
///
/// Text that a spreadsheet would run as a formula — starting with `=`, `+`, `-`, `@`, a tab or a
/// carriage return — is written with a leading apostrophe, so that a title or a name someone
/// typed cannot become a formula (CSV injection). Numbers are written as numbers.
public struct CSVDocument: Sendable {
    /// One field.
    public enum Field: Sendable, Hashable, ExpressibleByStringLiteral {
        /// Text, guarded against formulas.
        case text(String)
        /// A whole number.
        case integer(Int)
        /// A number with a fractional part, written with a point (`87.5`).
        case decimal(Double)
        /// Nothing.
        case empty

        public init(stringLiteral value: String) { self = .text(value) }

        /// Text, or nothing for nil.
        public static func text(_ value: String?) -> Field { value.map(Field.text) ?? .empty }
        /// A whole number, or nothing for nil.
        public static func integer(_ value: Int?) -> Field { value.map(Field.integer) ?? .empty }
        /// A number, or nothing for nil.
        public static func decimal(_ value: Double?) -> Field { value.map(Field.decimal) ?? .empty }
    }

    /// The names of the columns.
    public var header: [String]
    /// The rows, each as long as the header.
    public var rows: [[Field]] = []

    /// Creates a document with a header and no rows.
    public init(header: [String]) {
        self.header = header
    }

    /// How fields are separated, and decimals written.
    public enum Separator: String, Sendable, CaseIterable {
        /// Commas between fields, a point in decimals (`87.5`): RFC 4180, and spreadsheets set up
        /// for English.
        case comma
        /// Semicolons between fields, a comma in decimals (`87,5`): spreadsheets set up for
        /// Indonesia.
        case semicolon

        /// The character between fields.
        public var character: Character { self == .comma ? "," : ";" }
    }

    /// The byte order mark that tells spreadsheets the file is UTF-8.
    public static let byteOrderMark = "\u{FEFF}"

    /// The whole document: the byte order mark, the header, the rows, each line ended by CRLF.
    public func render(separator: Separator = .comma) -> String {
        let between = String(separator.character)
        var text = Self.byteOrderMark
        text += header.map { Self.encode(.text($0), separator: separator) }.joined(separator: between) + "\r\n"
        for row in rows {
            text += row.map { Self.encode($0, separator: separator) }.joined(separator: between) + "\r\n"
        }
        return text
    }

    /// One field as CSV.
    public static func encode(_ field: Field, separator: Separator = .comma) -> String {
        switch field {
        case .empty: return ""
        case .integer(let value): return String(value)
        case .decimal(let value):
            guard value.isFinite else { return "" }
            if value.rounded() == value, abs(value) < 1e15 { return String(Int(value)) }
            return separator == .comma ? String(value) : String(value).replacingOccurrences(of: ".", with: ",")
        case .text(var value):
            if let first = value.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
                value = "'" + value
            }
            let between = separator.character
            guard value.contains(where: { $0 == between || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else {
                return value
            }
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
    }
}

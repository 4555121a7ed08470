/// A value a rule computes with, or a case supplies for a variable or field.
///
/// Not `indirect`: a list holds its values in an array already, and every value a rule computes
/// (each comparison's `bool`) would otherwise be a heap allocation.
public enum RuleValue: Hashable, Sendable {
    /// `true` or `false`.
    case bool(Bool)
    /// A 64-bit signed integer.
    case int(Int)
    /// A 64-bit floating-point number.
    case double(Double)
    /// Text; also the value of an `enum` field or the channel.
    case string(String)
    /// A calendar date.
    case date(year: Int, month: Int, day: Int)
    /// The value `null`.
    case null
    /// A list of values.
    case list([RuleValue])

    /// The name of the value's type, as messages show it.
    var typeName: String {
        switch self {
        case .bool: "bool"
        case .int: "int"
        case .double: "double"
        case .string: "string"
        case .date: "date"
        case .null: "null"
        case .list: "list"
        }
    }
}

/// The values a rule is evaluated against: one case's variables and field values.
public struct RuleContext: Sendable {
    /// Top-level variables by name, for example `"channel": .string("instagram")`.
    ///
    /// A member `o.m` of an object variable other than `fields` is read from the key `"o.m"`.
    public var variables: [String: RuleValue]
    /// The case's field values by field id, read as `fields.ID`; an absent key is a field that is not set.
    public var fields: [String: RuleValue]
    /// Where field values are read from instead of `fields`, when given: a case converts only the
    /// fields a rule reads, not all of them for every rule.
    private let fieldLookup: (@Sendable (String) -> RuleValue?)?

    /// Creates a context from variables and field values.
    public init(variables: [String: RuleValue] = [:], fields: [String: RuleValue] = [:]) {
        self.variables = variables
        self.fields = fields
        fieldLookup = nil
    }

    /// Creates a context whose field values are read, as rules ask for them, from a function
    /// (nil for a field that is not set).
    public init(variables: [String: RuleValue] = [:], fieldLookup: @escaping @Sendable (String) -> RuleValue?) {
        self.variables = variables
        fields = [:]
        self.fieldLookup = fieldLookup
    }

    /// The value of field `name`, or nil when it is not set.
    func field(_ name: String) -> RuleValue? {
        if let fieldLookup { return fieldLookup(name) }
        return fields[name]
    }
}

/// Reads `YYYY-MM-DD` as a date that exists (years 1 to 9999), or nil.
func parseDate(_ text: String) -> (year: Int, month: Int, day: Int)? {
    let scalars = Array(text.unicodeScalars)
    guard scalars.count == 10, scalars[4] == "-", scalars[7] == "-" else { return nil }
    func number(_ range: Range<Int>) -> Int? {
        var value = 0
        for index in range {
            guard ("0"..."9").contains(scalars[index]) else { return nil }
            value = value * 10 + Int(scalars[index].value - 48)
        }
        return value
    }
    guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
          year >= 1, (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year)
    else { return nil }
    return (year, month, day)
}

private func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
}

/// `YYYY-MM-DD`, zero-padded.
func formatDate(year: Int, month: Int, day: Int) -> String {
    func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
    return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
}

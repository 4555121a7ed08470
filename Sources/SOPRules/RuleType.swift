/// The type of a value in a rule, as the checker sees it.
///
/// Rules are checked against these types when a workflow loads, so a misspelt field or a comparison
/// between a date and a number is reported before any case runs.
public indirect enum RuleType: Hashable, Sendable, CustomStringConvertible {
    /// `true` or `false`.
    case bool
    /// A 64-bit signed integer.
    case int
    /// A 64-bit floating-point number.
    case double
    /// Text.
    case string
    /// A calendar date without a time.
    case date
    /// The type of the literal `null`.
    case null
    /// A string restricted to the given values (an `enum` field, the channel).
    case enumeration([String])
    /// A list whose elements have the given type.
    case list(RuleType)
    /// A value with named members, selected as `name.member` (for example `fields`).
    case object([String: RuleType])

    /// The type's name as messages show it: `bool`, `enum`, `list(string)`, `fields`.
    public var description: String {
        switch self {
        case .bool: "bool"
        case .int: "int"
        case .double: "double"
        case .string: "string"
        case .date: "date"
        case .null: "null"
        case .enumeration: "enum"
        case .list(let element): "list(\(element))"
        case .object: "fields"
        }
    }
}

/// What a rule may name: its top-level identifiers and their types.
public struct RuleEnvironment: Sendable {
    /// The top-level identifiers, for example `["fields": .object([...]), "channel": .enumeration([...])]`.
    public var variables: [String: RuleType]

    /// Creates an environment from its top-level identifiers.
    public init(variables: [String: RuleType]) {
        self.variables = variables
    }
}

/// A stretch of rule text: a 0-based offset and a length, both in Unicode scalars.
struct Span: Hashable, Sendable {
    var offset: Int
    var length: Int

    /// The span from the start of `self` to the end of `other`.
    func through(_ other: Span) -> Span {
        Span(offset: offset, length: max(1, other.offset + other.length - offset))
    }
}

/// The limits that keep every input cheap: no rule can crash, hang or exhaust the stack.
enum RuleLimits {
    /// The longest rule text, in Unicode scalars.
    static let maximumLength = 2_000
    /// The deepest nesting of sub-expressions (parentheses, operators, calls, lists).
    static let maximumDepth = 64
}

/// A binary operator other than `&&` and `||`.
enum BinaryOperator: String, Hashable, Sendable {
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case `in` = "in"
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
    case remainder = "%"
}

/// The functions a rule may call.
enum RuleFunction: String, Hashable, Sendable, CaseIterable {
    case has, size, matches, date, int, double, string

    /// The number of arguments in `f(a, b)` style (the receiver counts as the first in `a.f(b)` style).
    var arity: Int {
        switch self {
        case .matches: 2
        default: 1
        }
    }

    /// Whether `x.f(...)` is allowed as well as `f(x, ...)`.
    var isMethod: Bool {
        switch self {
        case .size, .matches: true
        default: false
        }
    }
}

/// A parsed rule, before type checking: the shape of the text with the spans errors point at.
struct Syntax: Sendable {
    indirect enum Kind: Sendable {
        case literal(RuleValue)
        case identifier(String)
        /// `operand.field`
        case select(Syntax, field: String, fieldSpan: Span)
        case list([Syntax])
        case not(Syntax)
        case negate(Syntax)
        /// `left op right`, with the span of the operator.
        case binary(BinaryOperator, Syntax, Syntax, operatorSpan: Span)
        /// `a && b && c` (`isAnd`) or `a || b || c`, flattened.
        case logical(isAnd: Bool, [Syntax])
        /// `condition ? then : else`, with the span of the `?`.
        case conditional(Syntax, Syntax, Syntax, questionSpan: Span)
        /// A call; a receiver comes first among the arguments.
        case call(RuleFunction, [Syntax], nameSpan: Span)
    }

    var kind: Kind
    /// The text the expression covers.
    var span: Span
    /// The depth of the tree below and including this node.
    var height: Int

    /// Whether this is a member selection, `a.b`: what has() needs.
    var isSelection: Bool {
        if case .select = kind { true } else { false }
    }

    /// The string, if this is a string literal.
    var stringLiteral: String? {
        if case .literal(.string(let value)) = kind { value } else { nil }
    }
}

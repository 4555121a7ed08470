/// A type as the checker tracks it: a `RuleType`, or one of two that only checking needs.
indirect enum CheckedType: Hashable, Sendable, CustomStringConvertible {
    case bool, int, double, string, date, null
    case enumeration([String])
    case list(CheckedType)
    case object([String: RuleType])
    /// The element of an empty list: fits anything.
    case unknown
    /// A sub-expression already reported as wrong: fits anything, so one mistake gives one error.
    case error

    init(_ type: RuleType) {
        switch type {
        case .bool: self = .bool
        case .int: self = .int
        case .double: self = .double
        case .string: self = .string
        case .date: self = .date
        case .null: self = .null
        case .enumeration(let values): self = .enumeration(values)
        case .list(let element): self = .list(CheckedType(element))
        case .object(let members): self = .object(members)
        }
    }

    var description: String {
        switch self {
        case .bool: "bool"
        case .int: "int"
        case .double: "double"
        case .string: "string"
        case .date: "date"
        case .null: "null"
        case .enumeration: "enum"
        case .list(.unknown): "list"
        case .list(let element): "list(\(element))"
        case .object: "fields"
        case .unknown: "any"
        case .error: "error"
        }
    }

    var isNumeric: Bool { self == .int || self == .double }
    var isList: Bool {
        if case .list = self { return true }
        return false
    }
    var isText: Bool {
        if case .enumeration = self { return true }
        return self == .string
    }
    /// Unknown or already wrong: no further error should mention it.
    var isOpen: Bool { self == .unknown || self == .error }

    /// Whether values of the two types can be compared with `==`.
    func isComparable(with other: CheckedType) -> Bool {
        if isOpen || other.isOpen { return true }
        if isNumeric && other.isNumeric { return true }
        if isText && other.isText { return true }
        switch (self, other) {
        case (.bool, .bool), (.date, .date), (.null, .null): return true
        case (.list(let left), .list(let right)): return left.isComparable(with: right)
        default: return false
        }
    }

    /// The type that holds values of both, for list elements and the branches of `?:`; nil if none.
    func joined(with other: CheckedType) -> CheckedType? {
        if self == .error || other == .error { return .error }
        if self == .unknown { return other }
        if other == .unknown { return self }
        if self == other { return self }
        if isNumeric && other.isNumeric { return .double }
        if isText && other.isText { return .string }
        if case .list(let left) = self, case .list(let right) = other {
            return left.joined(with: right).map { .list($0) }
        }
        return nil
    }
}

/// Type-checks a syntax tree against an environment, gathering every type error, and lowers it.
struct Checker {
    let environment: RuleEnvironment
    /// The rule's text, to place errors inside string literals.
    let scalars: [Unicode.Scalar]
    private(set) var errors: [RuleError] = []

    init(environment: RuleEnvironment, scalars: [Unicode.Scalar]) {
        self.environment = environment
        self.scalars = scalars
    }

    private mutating func report(_ span: Span, _ message: String, hint: String? = nil) {
        errors.append(RuleError(kind: .type, offset: span.offset, length: span.length, message: message, hint: hint))
    }

    private static let failed = (CheckedExpression.constant(.null), CheckedType.error)

    /// Checks a whole rule: it must be of type bool.
    mutating func checkRule(_ syntax: Syntax) -> CheckedExpression {
        let (expression, type) = check(syntax)
        if type != .bool && type != .error {
            report(syntax.span, "a rule must be true or false (bool), this is \(type)",
                   hint: "compare it, like size(fields.uraian) >= 10")
        }
        return expression
    }

    mutating func check(_ syntax: Syntax) -> (CheckedExpression, CheckedType) {
        switch syntax.kind {
        case .literal(let value):
            let type: CheckedType =
                switch value {
                case .bool: .bool
                case .int: .int
                case .double: .double
                case .string: .string
                case .null: .null
                case .date: .date
                case .list: .list(.unknown)
                }
            return (.constant(value), type)

        case .identifier(let name):
            guard let type = environment.variables[name] else {
                report(syntax.span, "unknown identifier '\(name)'", hint: identifierHint(for: name))
                return Self.failed
            }
            return (.variable(name), CheckedType(type))

        case .select(let operand, let field, let fieldSpan):
            return checkSelect(operand, field: field, fieldSpan: fieldSpan, isPresenceTest: false)

        case .list(let elements):
            var checked: [CheckedExpression] = []
            var elementType = CheckedType.unknown
            for element in elements {
                let (expression, type) = check(element)
                checked.append(expression)
                if let joined = elementType.joined(with: type) {
                    elementType = joined
                } else {
                    report(element.span, "the elements of a list must all have the same type; this is \(type), the ones before are \(elementType)")
                    elementType = .error
                }
            }
            return (.list(checked), .list(elementType))

        case .not(let operand):
            let (expression, type) = check(operand)
            requireBool(type, at: operand.span, "'!' needs true or false (bool), this is \(type)")
            return (.not(expression), .bool)

        case .negate(let operand):
            let (expression, type) = check(operand)
            guard type.isNumeric || type.isOpen else {
                report(operand.span, "'-' needs a number, this is \(type)")
                return Self.failed
            }
            return (.negate(expression), type)

        case .logical(let isAnd, let operands):
            let name = isAnd ? "&&" : "||"
            var checked: [CheckedExpression] = []
            for operand in operands {
                let (expression, type) = check(operand)
                requireBool(type, at: operand.span, "'\(name)' needs true or false (bool) on each side, this is \(type)")
                checked.append(expression)
            }
            return (isAnd ? .and(checked) : .or(checked), .bool)

        case .conditional(let condition, let then, let otherwise, let questionSpan):
            let (checkedCondition, conditionType) = check(condition)
            requireBool(conditionType, at: condition.span,
                        "the condition before '?' must be true or false (bool), this is \(conditionType)")
            let (checkedThen, thenType) = check(then)
            let (checkedOtherwise, otherwiseType) = check(otherwise)
            guard let type = thenType.joined(with: otherwiseType) else {
                report(questionSpan, "the two branches of '?:' must have the same type, not \(thenType) and \(otherwiseType)")
                return Self.failed
            }
            return (.conditional(checkedCondition, checkedThen, checkedOtherwise), type)

        case .binary(let op, let left, let right, let operatorSpan):
            return checkBinary(op, left, right, operatorSpan: operatorSpan)

        case .call(let function, let arguments, _):
            return checkCall(function, arguments)
        }
    }

    private mutating func requireBool(_ type: CheckedType, at span: Span, _ message: String) {
        if type != .bool && !type.isOpen { report(span, message) }
    }

    // MARK: Names

    private func identifierHint(for name: String) -> String? {
        for (variable, type) in environment.variables.sorted(by: { $0.key < $1.key }) {
            if case .object(let members) = type, members[name] != nil { return "did you mean '\(variable).\(name)'?" }
        }
        return suggestion(for: name, among: environment.variables.keys).map { "did you mean '\($0)'?" }
    }

    private mutating func checkSelect(
        _ operand: Syntax, field: String, fieldSpan: Span, isPresenceTest: Bool
    ) -> (CheckedExpression, CheckedType) {
        if case .identifier(let name) = operand.kind, case .object(let members)? = environment.variables[name] {
            guard let type = members[field] else {
                let hint = suggestion(for: field, among: members.keys).map { "did you mean '\($0)'?" }
                report(fieldSpan, "unknown field '\(field)'", hint: hint)
                return Self.failed
            }
            if isPresenceTest { return (.isSet(object: name, field: field), .bool) }
            return (.member(object: name, field: field), CheckedType(type))
        }
        let (_, type) = check(operand)
        switch type {
        case .error:
            break
        case .object:
            report(fieldSpan, "fields of nested objects cannot be selected in rules")
        default:
            let hint = field == "size" || field == "matches" ? "did you mean '\(field)()'?" : nil
            report(fieldSpan, "a value of type \(type) has no field '\(field)'", hint: hint)
        }
        return Self.failed
    }

    // MARK: Operators

    private mutating func checkBinary(
        _ op: BinaryOperator, _ left: Syntax, _ right: Syntax, operatorSpan: Span
    ) -> (CheckedExpression, CheckedType) {
        let (checkedLeft, leftType) = check(left)
        let (checkedRight, rightType) = check(right)
        let expression = CheckedExpression.binary(op, checkedLeft, checkedRight)
        let name = op.rawValue
        switch op {
        case .equal, .notEqual:
            if !leftType.isComparable(with: rightType) {
                let nullHint = (leftType == .null) != (rightType == .null)
                    ? "a field that is not set has no value; test it with has(), like has(fields.telepon)" : nil
                report(operatorSpan, "'\(name)' cannot compare \(leftType) with \(rightType)", hint: nullHint)
                return (expression, .bool)
            }
            if case .enumeration(let values) = leftType { checkEnumerationValue(right, values: values, of: left) }
            if case .enumeration(let values) = rightType { checkEnumerationValue(left, values: values, of: right) }
            return (expression, .bool)

        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            let isOrdered = leftType.isOpen || rightType.isOpen
                || (leftType.isNumeric && rightType.isNumeric)
                || (leftType.isText && rightType.isText)
                || (leftType == .date && rightType == .date)
            if !isOrdered {
                let canOrder: Set<CheckedType> = [.int, .double, .string, .date]
                let hint = canOrder.contains(leftType) || leftType.isText
                    ? nil : "only numbers, text and dates can be ordered"
                report(operatorSpan, "'\(name)' cannot compare \(leftType) with \(rightType)", hint: hint)
            }
            return (expression, .bool)

        case .in:
            switch rightType {
            case .error, .unknown:
                break
            case .list(let elementType):
                guard leftType.isComparable(with: elementType) else {
                    report(operatorSpan, "'in' cannot look for \(leftType) in \(rightType)")
                    break
                }
                if case .enumeration(let values) = leftType, case .list(let elements) = right.kind {
                    for element in elements { checkEnumerationValue(element, values: values, of: left) }
                }
                if case .enumeration(let values) = elementType { checkEnumerationValue(left, values: values, of: nil) }
            default:
                report(operatorSpan, "'in' needs a list on its right, this is \(rightType)",
                       hint: "write the values as a list, like ['email', 'telepon']")
            }
            return (expression, .bool)

        case .add:
            if leftType.isOpen || rightType.isOpen { return (expression, .error) }
            if leftType.isNumeric && rightType.isNumeric {
                return (expression, leftType == .int && rightType == .int ? .int : .double)
            }
            if leftType.isText && rightType.isText { return (expression, .string) }
            if case .list = leftType, case .list = rightType, let joined = leftType.joined(with: rightType) {
                return (expression, joined)
            }
            report(operatorSpan, "'+' cannot add \(leftType) and \(rightType)")
            return Self.failed

        case .subtract, .multiply, .divide:
            if leftType.isOpen || rightType.isOpen { return (expression, .error) }
            guard leftType.isNumeric && rightType.isNumeric else {
                report(operatorSpan, "'\(name)' needs numbers, not \(leftType) and \(rightType)")
                return Self.failed
            }
            return (expression, leftType == .int && rightType == .int ? .int : .double)

        case .remainder:
            if leftType.isOpen || rightType.isOpen { return (expression, .error) }
            guard leftType == .int && rightType == .int else {
                report(operatorSpan, "'%' needs integers, not \(leftType) and \(rightType)")
                return Self.failed
            }
            return (expression, .int)
        }
    }

    /// Reports a string literal that is not one of an enumeration's values.
    private mutating func checkEnumerationValue(_ syntax: Syntax, values: [String], of owner: Syntax?) {
        guard let value = syntax.stringLiteral, !values.contains(value) else { return }
        let name = owner.flatMap(displayName)
        let message = name.map { "'\(value)' is not a value of \($0)" } ?? "'\(value)' is not one of the allowed values"
        var hint = values.isEmpty ? "no values are declared" : "the values are \(quotedList(values))"
        if let close = suggestion(for: value, among: values) { hint = "did you mean '\(close)'? " + hint }
        report(syntax.span, message, hint: hint)
    }

    /// `channel` or `fields.status`, when the syntax is that simple.
    private func displayName(_ syntax: Syntax) -> String? {
        switch syntax.kind {
        case .identifier(let name): return name
        case .select(let operand, let field, _): return displayName(operand).map { "\($0).\(field)" }
        default: return nil
        }
    }

    // MARK: Functions

    private mutating func checkCall(_ function: RuleFunction, _ arguments: [Syntax]) -> (CheckedExpression, CheckedType) {
        if function == .has {
            guard case .select(let operand, let field, let fieldSpan) = arguments[0].kind else { return Self.failed }
            return checkSelect(operand, field: field, fieldSpan: fieldSpan, isPresenceTest: true)
        }
        let argument = arguments[0]
        let (expression, type) = check(argument)
        switch function {
        case .has:
            return Self.failed

        case .size:
            guard type.isText || type.isOpen || type.isList else {
                report(argument.span, "size() needs text or a list, this is \(type)")
                return Self.failed
            }
            return (.size(expression), .int)

        case .matches:
            if !type.isText && !type.isOpen {
                report(argument.span, "matches() needs text to search, this is \(type)")
            }
            let patternSyntax = arguments[1]
            if let source = patternSyntax.stringLiteral {
                do throws(Pattern.Failure) {
                    return (.matches(expression, try Pattern(source)), .bool)
                } catch {
                    report(spanInside(patternSyntax.span, of: source, at: error.offset),
                           "invalid regular expression: \(error.message)")
                    return (.constant(.bool(false)), .bool)
                }
            }
            let (patternExpression, patternType) = check(patternSyntax)
            if !patternType.isText && !patternType.isOpen {
                report(patternSyntax.span, "the pattern of matches() must be text, this is \(patternType)")
            }
            return (.matchesComputed(expression, patternExpression), .bool)

        case .date:
            if let text = argument.stringLiteral {
                guard let date = parseDate(text) else {
                    report(argument.span, "'\(text)' is not a valid date",
                           hint: "write dates as YYYY-MM-DD, like '2024-01-31'")
                    return (.constant(.null), .date)
                }
                return (.constant(.date(year: date.year, month: date.month, day: date.day)), .date)
            }
            if type == .date { return (expression, .date) }
            guard type.isText || type.isOpen else {
                report(argument.span, "date() needs text like '2024-01-31', this is \(type)")
                return Self.failed
            }
            return (.date(expression), .date)

        case .int:
            if let text = argument.stringLiteral, Int(text) == nil {
                report(argument.span, "'\(text)' is not an integer")
                return Self.failed
            }
            guard type.isNumeric || type.isText || type.isOpen else {
                report(argument.span, "int() cannot convert \(type)")
                return Self.failed
            }
            return (type == .int ? expression : .toInt(expression), .int)

        case .double:
            if let text = argument.stringLiteral, parseDouble(text) == nil {
                report(argument.span, "'\(text)' is not a number")
                return Self.failed
            }
            guard type.isNumeric || type.isText || type.isOpen else {
                report(argument.span, "double() cannot convert \(type)")
                return Self.failed
            }
            return (type == .double ? expression : .toDouble(expression), .double)

        case .string:
            guard type.isNumeric || type.isText || type.isOpen || type == .bool || type == .date else {
                report(argument.span, "string() cannot convert \(type)")
                return Self.failed
            }
            return (type == .string ? expression : .toString(expression), .string)
        }
    }

    /// The span of one character of a string literal's value, when the literal has no escapes;
    /// otherwise the whole literal.
    private func spanInside(_ literal: Span, of value: String, at offset: Int) -> Span {
        let valueScalars = Array(value.unicodeScalars)
        let prefix = literal.length - valueScalars.count - 1
        guard literal.offset + literal.length <= scalars.count else { return literal }
        let first = scalars[literal.offset]
        let isPlain = prefix == 1 && (first == "'" || first == "\"")
        let isRaw = prefix == 2 && (first == "r" || first == "R")
        guard isPlain || isRaw else { return literal }
        let start = literal.offset + prefix
        guard scalars[start..<(start + valueScalars.count)].elementsEqual(valueScalars) else { return literal }
        return Span(offset: start + min(offset, max(0, valueScalars.count - 1)), length: 1)
    }
}

/// Reads a decimal number (no `nan`, `inf` or hexadecimal), or nil.
func parseDouble(_ text: String) -> Double? {
    guard !text.isEmpty, text.unicodeScalars.allSatisfy({ "0123456789+-.eE".unicodeScalars.contains($0) }),
          let value = Double(text), value.isFinite else { return nil }
    return value
}

extension Rule {
    /// Evaluates the rule for one case.
    ///
    /// Follows CEL: `&&` and `||` short-circuit and absorb an error when the other side decides the
    /// result (`has(fields.x) && fields.x > 3` is false when `x` is not set); strings compare by
    /// Unicode scalar values; `size()` counts Unicode scalars. Throws, never traps, when a field that is
    /// read is not set, on division by zero, integer overflow, a non-finite result, a value of the wrong
    /// type in the context, or text too long for `matches()`.
    public func evaluate(in context: RuleContext) throws(RuleEvaluationError) -> Bool {
        let evaluator = Evaluator(context: context)
        return try evaluator.bool(expression)
    }
}

/// Walks a checked expression. Depth is bounded by `RuleLimits.maximumDepth`, so recursion is safe.
struct Evaluator {
    let context: RuleContext

    private static func failure(_ message: String) -> RuleEvaluationError {
        RuleEvaluationError(message: message)
    }

    func bool(_ expression: CheckedExpression) throws(RuleEvaluationError) -> Bool {
        let value = try value(expression)
        guard case .bool(let result) = value else {
            throw Self.failure("expected true or false (bool), found a value of type \(value.typeName)")
        }
        return result
    }

    func value(_ expression: CheckedExpression) throws(RuleEvaluationError) -> RuleValue {
        switch expression {
        case .constant(let value):
            return value

        case .variable(let name):
            guard let value = context.variables[name] else { throw Self.failure("'\(name)' is not set") }
            return value

        case .member(let object, let field):
            if object == "fields" {
                guard let value = context.field(field) else { throw Self.failure("field '\(field)' is not set") }
                return value
            }
            guard let value = context.variables["\(object).\(field)"] else {
                throw Self.failure("'\(object).\(field)' is not set")
            }
            return value

        case .isSet(let object, let field):
            return .bool(object == "fields" ? context.field(field) != nil : context.variables["\(object).\(field)"] != nil)

        case .list(let items):
            var values: [RuleValue] = []
            values.reserveCapacity(items.count)
            for item in items { values.append(try value(item)) }
            return .list(values)

        case .not(let operand):
            return .bool(!(try bool(operand)))

        case .negate(let operand):
            switch try value(operand) {
            case .int(let number):
                let (result, overflow) = 0.subtractingReportingOverflow(number)
                if overflow { throw Self.failure("integer overflow in '-'") }
                return .int(result)
            case .double(let number):
                return .double(-number)
            case let other:
                throw Self.failure("'-' needs a number, found a value of type \(other.typeName)")
            }

        case .and(let operands):
            return .bool(try logical(operands, decidingValue: false))

        case .or(let operands):
            return .bool(try logical(operands, decidingValue: true))

        case .conditional(let condition, let then, let otherwise):
            return try bool(condition) ? try value(then) : try value(otherwise)

        case .binary(let op, let left, let right):
            return try binary(op, try value(left), try value(right))

        case .size(let operand):
            switch try value(operand) {
            case .string(let text): return .int(Self.scalarCount(text))
            case .list(let items): return .int(items.count)
            case let other: throw Self.failure("size() needs text or a list, found a value of type \(other.typeName)")
            }

        case .matches(let operand, let pattern):
            return .bool(pattern.matches(try searchableText(operand)))

        case .matchesComputed(let operand, let patternExpression):
            let text = try searchableText(operand)
            let source = try string(patternExpression, for: "the pattern of matches()")
            do throws(Pattern.Failure) {
                return .bool(try Pattern(source).matches(text))
            } catch {
                throw Self.failure("invalid regular expression: \(error.message.en)")
            }

        case .date(let operand):
            let operandValue = try value(operand)
            if case .date = operandValue { return operandValue }
            guard case .string(let text) = operandValue else {
                throw Self.failure("date() needs text, found a value of type \(operandValue.typeName)")
            }
            guard let date = parseDate(text) else { throw Self.failure("'\(text)' is not a valid date (YYYY-MM-DD)") }
            return .date(year: date.year, month: date.month, day: date.day)

        case .toInt(let operand):
            switch try value(operand) {
            case .int(let number):
                return .int(number)
            case .double(let number):
                guard number.isFinite, number > -9_223_372_036_854_777_856.0, number < 9_223_372_036_854_775_808.0 else {
                    throw Self.failure("\(number) is out of the range of int")
                }
                return .int(Int(number.rounded(.towardZero)))
            case .string(let text):
                guard let number = Int(text) else { throw Self.failure("'\(text)' is not an integer") }
                return .int(number)
            case let other:
                throw Self.failure("int() cannot convert a value of type \(other.typeName)")
            }

        case .toDouble(let operand):
            switch try value(operand) {
            case .int(let number): return .double(Double(number))
            case .double(let number): return .double(number)
            case .string(let text):
                guard let number = parseDouble(text) else { throw Self.failure("'\(text)' is not a number") }
                return .double(number)
            case let other:
                throw Self.failure("double() cannot convert a value of type \(other.typeName)")
            }

        case .toString(let operand):
            switch try value(operand) {
            case .int(let number): return .string(String(number))
            case .double(let number): return .string(String(number))
            case .string(let text): return .string(text)
            case .bool(let flag): return .string(flag ? "true" : "false")
            case .date(let year, let month, let day): return .string(formatDate(year: year, month: month, day: day))
            case let other: throw Self.failure("string() cannot convert a value of type \(other.typeName)")
            }
        }
    }

    /// `&&` (deciding value false) or `||` (true): the first operand with the deciding value decides;
    /// an error is thrown only when no operand decides.
    private func logical(_ operands: [CheckedExpression], decidingValue: Bool) throws(RuleEvaluationError) -> Bool {
        var firstError: RuleEvaluationError?
        for operand in operands {
            do throws(RuleEvaluationError) {
                if try bool(operand) == decidingValue { return decidingValue }
            } catch {
                if firstError == nil { firstError = error }
            }
        }
        if let firstError { throw firstError }
        return !decidingValue
    }

    /// The number of Unicode scalars in a text: for text stored as UTF-8 (valid, as Swift keeps
    /// it), the bytes that start a scalar, counted without decoding; otherwise scalar by scalar.
    static func scalarCount(_ text: String) -> Int {
        let counted = text.utf8.withContiguousStorageIfAvailable { bytes in
            var count = 0
            for byte in bytes where byte & 0xC0 != 0x80 { count += 1 }
            return count
        }
        return counted ?? text.unicodeScalars.count
    }

    private func string(_ expression: CheckedExpression, for use: String) throws(RuleEvaluationError) -> String {
        let value = try value(expression)
        guard case .string(let text) = value else {
            throw Self.failure("\(use) must be text, found a value of type \(value.typeName)")
        }
        return text
    }

    private func searchableText(_ expression: CheckedExpression) throws(RuleEvaluationError) -> String {
        let text = try string(expression, for: "the text matches() searches")
        let count = Self.scalarCount(text)
        guard count <= Pattern.maximumTextLength else {
            throw Self.failure("matches() searches at most \(Pattern.maximumTextLength) characters; this text has \(count)")
        }
        return text
    }

    // MARK: Operators

    private func binary(_ op: BinaryOperator, _ left: RuleValue, _ right: RuleValue) throws(RuleEvaluationError) -> RuleValue {
        switch op {
        case .equal:
            return .bool(Self.isEqual(left, right))
        case .notEqual:
            return .bool(!Self.isEqual(left, right))
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            guard let order = try Self.order(left, right, op) else { return .bool(false) }
            switch op {
            case .less: return .bool(order < 0)
            case .lessOrEqual: return .bool(order <= 0)
            case .greater: return .bool(order > 0)
            default: return .bool(order >= 0)
            }
        case .in:
            guard case .list(let items) = right else {
                throw Self.failure("'in' needs a list on its right, found a value of type \(right.typeName)")
            }
            return .bool(items.contains { Self.isEqual(left, $0) })
        case .add, .subtract, .multiply, .divide, .remainder:
            return try arithmetic(op, left, right)
        }
    }

    private func arithmetic(_ op: BinaryOperator, _ left: RuleValue, _ right: RuleValue) throws(RuleEvaluationError) -> RuleValue {
        switch (left, right) {
        case (.int(let x), .int(let y)):
            let result: (partialValue: Int, overflow: Bool)
            switch op {
            case .add: result = x.addingReportingOverflow(y)
            case .subtract: result = x.subtractingReportingOverflow(y)
            case .multiply: result = x.multipliedReportingOverflow(by: y)
            case .divide:
                if y == 0 { throw Self.failure("division by zero") }
                result = x.dividedReportingOverflow(by: y)
            default:
                if y == 0 { throw Self.failure("remainder of a division by zero") }
                result = x.remainderReportingOverflow(dividingBy: y)
            }
            if result.overflow { throw Self.failure("integer overflow in '\(op.rawValue)'") }
            return .int(result.partialValue)
        case (.int, .double), (.double, .int), (.double, .double):
            let x = Self.number(left)
            let y = Self.number(right)
            let result: Double
            switch op {
            case .add: result = x + y
            case .subtract: result = x - y
            case .multiply: result = x * y
            case .divide:
                if y == 0 { throw Self.failure("division by zero") }
                result = x / y
            default:
                throw Self.failure("'%' needs integers")
            }
            guard result.isFinite else { throw Self.failure("the result of '\(op.rawValue)' is too large") }
            return .double(result)
        case (.string(let x), .string(let y)) where op == .add:
            return .string(x + y)
        case (.list(let x), .list(let y)) where op == .add:
            return .list(x + y)
        default:
            throw Self.failure("'\(op.rawValue)' cannot combine values of type \(left.typeName) and \(right.typeName)")
        }
    }

    private static func number(_ value: RuleValue) -> Double {
        switch value {
        case .int(let number): Double(number)
        case .double(let number): number
        default: .nan
        }
    }

    /// CEL equality: numbers compare by value across int and double, strings by Unicode scalars,
    /// lists element by element; values of different types are not equal.
    static func isEqual(_ left: RuleValue, _ right: RuleValue) -> Bool {
        switch (left, right) {
        case (.int(let x), .int(let y)): return x == y
        case (.double(let x), .double(let y)): return x == y
        case (.int(let x), .double(let y)): return compare(x, y) == 0
        case (.double(let x), .int(let y)): return compare(y, x) == 0
        case (.string(let x), .string(let y)): return x.unicodeScalars.elementsEqual(y.unicodeScalars)
        case (.bool(let x), .bool(let y)): return x == y
        case (.date(let y1, let m1, let d1), .date(let y2, let m2, let d2)): return (y1, m1, d1) == (y2, m2, d2)
        case (.null, .null): return true
        case (.list(let x), .list(let y)): return x.count == y.count && zip(x, y).allSatisfy { isEqual($0, $1) }
        default: return false
        }
    }

    /// -1, 0 or 1; nil when a NaN is involved (every ordering is then false).
    private static func order(_ left: RuleValue, _ right: RuleValue, _ op: BinaryOperator) throws(RuleEvaluationError) -> Int? {
        switch (left, right) {
        case (.int(let x), .int(let y)): return x < y ? -1 : x > y ? 1 : 0
        case (.double(let x), .double(let y)): return x.isNaN || y.isNaN ? nil : x < y ? -1 : x > y ? 1 : 0
        case (.int(let x), .double(let y)): return compare(x, y)
        case (.double(let x), .int(let y)): return compare(y, x).map { -$0 }
        case (.string(let x), .string(let y)):
            var first = x.unicodeScalars.makeIterator()
            var second = y.unicodeScalars.makeIterator()
            while true {
                switch (first.next(), second.next()) {
                case (nil, nil): return 0
                case (nil, _): return -1
                case (_, nil): return 1
                case (let a?, let b?) where a != b: return a.value < b.value ? -1 : 1
                default: continue
                }
            }
        case (.date(let y1, let m1, let d1), .date(let y2, let m2, let d2)):
            return (y1, m1, d1) < (y2, m2, d2) ? -1 : (y1, m1, d1) > (y2, m2, d2) ? 1 : 0
        default:
            throw failure("'\(op.rawValue)' cannot compare values of type \(left.typeName) and \(right.typeName)")
        }
    }

    /// Compares an int with a double exactly: -1, 0 or 1, nil for NaN.
    private static func compare(_ integer: Int, _ double: Double) -> Int? {
        if double.isNaN { return nil }
        if double >= 9_223_372_036_854_775_808.0 { return -1 }
        if double < -9_223_372_036_854_775_808.0 { return 1 }
        let whole = double.rounded(.towardZero)
        let wholeInteger = Int(whole)
        if integer < wholeInteger { return -1 }
        if integer > wholeInteger { return 1 }
        let fraction = double - whole
        return fraction > 0 ? -1 : fraction < 0 ? 1 : 0
    }
}

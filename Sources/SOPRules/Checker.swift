import SOPCore

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

    private mutating func report(_ span: Span, _ message: Text, hint: Text? = nil) {
        errors.append(RuleError(kind: .type, offset: span.offset, length: span.length, message: message, hint: hint))
    }

    private static let failed = (CheckedExpression.constant(.null), CheckedType.error)

    /// Checks a whole rule: it must be of type bool.
    mutating func checkRule(_ syntax: Syntax) -> CheckedExpression {
        let (expression, type) = check(syntax)
        if type != .bool && type != .error {
            report(syntax.span, Text(
                id: "aturan harus bernilai benar atau salah (bool), ini bertipe \(type)",
                en: "a rule must be true or false (bool), this is \(type)"),
                   hint: Text(
                       id: "bandingkan nilainya, seperti size(fields.uraian) >= 10",
                       en: "compare it, like size(fields.uraian) >= 10"))
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
                report(syntax.span, Text(
                    id: "nama '\(name)' tidak dikenal",
                    en: "unknown identifier '\(name)'"), hint: identifierHint(for: name))
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
                    report(element.span, Text(
                        id: "semua unsur daftar harus bertipe sama; unsur ini bertipe \(type), unsur sebelumnya \(elementType)",
                        en: "the elements of a list must all have the same type; this is \(type), the ones before are \(elementType)"))
                    elementType = .error
                }
            }
            return (.list(checked), .list(elementType))

        case .not(let operand):
            let (expression, type) = check(operand)
            requireBool(type, at: operand.span, Text(
                id: "'!' memerlukan benar atau salah (bool), ini bertipe \(type)",
                en: "'!' needs true or false (bool), this is \(type)"))
            return (.not(expression), .bool)

        case .negate(let operand):
            let (expression, type) = check(operand)
            guard type.isNumeric || type.isOpen else {
                report(operand.span, Text(id: "'-' memerlukan bilangan, ini bertipe \(type)", en: "'-' needs a number, this is \(type)"))
                return Self.failed
            }
            return (.negate(expression), type)

        case .logical(let isAnd, let operands):
            let name = isAnd ? "&&" : "||"
            var checked: [CheckedExpression] = []
            for operand in operands {
                let (expression, type) = check(operand)
                requireBool(type, at: operand.span, Text(
                    id: "'\(name)' memerlukan benar atau salah (bool) di kedua sisinya, ini bertipe \(type)",
                    en: "'\(name)' needs true or false (bool) on each side, this is \(type)"))
                checked.append(expression)
            }
            return (isAnd ? .and(checked) : .or(checked), .bool)

        case .conditional(let condition, let then, let otherwise, let questionSpan):
            let (checkedCondition, conditionType) = check(condition)
            requireBool(conditionType, at: condition.span,
                        Text(
                            id: "syarat sebelum '?' harus bernilai benar atau salah (bool), ini bertipe \(conditionType)",
                            en: "the condition before '?' must be true or false (bool), this is \(conditionType)"))
            let (checkedThen, thenType) = check(then)
            let (checkedOtherwise, otherwiseType) = check(otherwise)
            guard let type = thenType.joined(with: otherwiseType) else {
                report(questionSpan, Text(
                    id: "kedua cabang '?:' harus bertipe sama, bukan \(thenType) dan \(otherwiseType)",
                    en: "the two branches of '?:' must have the same type, not \(thenType) and \(otherwiseType)"))
                return Self.failed
            }
            return (.conditional(checkedCondition, checkedThen, checkedOtherwise), type)

        case .binary(let op, let left, let right, let operatorSpan):
            return checkBinary(op, left, right, operatorSpan: operatorSpan)

        case .call(let function, let arguments, _):
            return checkCall(function, arguments)
        }
    }

    private mutating func requireBool(_ type: CheckedType, at span: Span, _ message: Text) {
        if type != .bool && !type.isOpen { report(span, message) }
    }

    // MARK: Names

    private func identifierHint(for name: String) -> Text? {
        var suggestion: Text?
        for (variable, type) in environment.variables.sorted(by: { $0.key < $1.key }) {
            if case .object(let members) = type, members[name] != nil {
                suggestion = Spelling.suggestion("\(variable).\(name)")
                break
            }
        }
        suggestion = suggestion ?? SOPRules.suggestion(for: name, among: environment.variables.keys).map(Spelling.suggestion)
        let visible = visibleNames()
        let list = Text(id: "aturan dapat membaca: \(visible)", en: "a rule can read: \(visible)")
        return suggestion.map { $0 + Text(verbatim: "; ") + list } ?? list
    }

    /// Every name a rule can read, as it is written: `channel`, `fields.nama`, `history.returns`, …
    /// (at most eight members of an object, then `…`).
    private func visibleNames() -> String {
        environment.variables.sorted(by: { $0.key < $1.key }).map { variable, type -> String in
            guard case .object(let members) = type else { return variable }
            guard !members.isEmpty else { return "\(variable).…" }
            let names = members.keys.sorted()
            return names.prefix(8).map { "\(variable).\($0)" }.joined(separator: ", ") + (names.count > 8 ? ", …" : "")
        }.joined(separator: ", ")
    }

    private mutating func checkSelect(
        _ operand: Syntax, field: String, fieldSpan: Span, isPresenceTest: Bool
    ) -> (CheckedExpression, CheckedType) {
        if case .identifier(let name) = operand.kind, case .object(let members)? = environment.variables[name] {
            guard let type = members[field] else {
                let known = members.keys.sorted().map { "\(name).\($0)" }.joined(separator: ", ")
                let list = Text(id: "yang dikenal: \(known.isEmpty ? "-" : known)", en: "known: \(known.isEmpty ? "-" : known)")
                let hint = suggestion(for: field, among: members.keys).map { Spelling.suggestion($0) + Text(verbatim: "; ") + list } ?? list
                report(fieldSpan, Text(id: "isian '\(field)' tidak dikenal", en: "unknown field '\(field)'"), hint: hint)
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
            report(fieldSpan, Text(
                id: "isian dari objek bertingkat tidak dapat dipilih dalam aturan",
                en: "fields of nested objects cannot be selected in rules"))
        default:
            let hint = field == "size" || field == "matches" ? Spelling.suggestion("\(field)()") : nil
            report(fieldSpan, Text(
                id: "nilai bertipe \(type) tidak memiliki isian '\(field)'",
                en: "a value of type \(type) has no field '\(field)'"), hint: hint)
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
                    ? Text(
                        id: "isian yang tidak diisi tidak memiliki nilai; uji dengan has(), seperti has(fields.telepon)",
                        en: "a field that is not set has no value; test it with has(), like has(fields.telepon)") : nil
                report(operatorSpan, Text(
                    id: "'\(name)' tidak dapat membandingkan \(leftType) dengan \(rightType)",
                    en: "'\(name)' cannot compare \(leftType) with \(rightType)"), hint: nullHint)
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
                    ? nil : Text(
                        id: "hanya bilangan, teks, dan tanggal yang dapat diurutkan",
                        en: "only numbers, text and dates can be ordered")
                report(operatorSpan, Text(
                    id: "'\(name)' tidak dapat membandingkan \(leftType) dengan \(rightType)",
                    en: "'\(name)' cannot compare \(leftType) with \(rightType)"), hint: hint)
            }
            return (expression, .bool)

        case .in:
            switch rightType {
            case .error, .unknown:
                break
            case .list(let elementType):
                guard leftType.isComparable(with: elementType) else {
                    report(operatorSpan, Text(
                        id: "'in' tidak dapat mencari \(leftType) di dalam \(rightType)",
                        en: "'in' cannot look for \(leftType) in \(rightType)"))
                    break
                }
                if case .enumeration(let values) = leftType, case .list(let elements) = right.kind {
                    for element in elements { checkEnumerationValue(element, values: values, of: left) }
                }
                if case .enumeration(let values) = elementType { checkEnumerationValue(left, values: values, of: nil) }
            default:
                report(operatorSpan, Text(
                    id: "'in' memerlukan daftar di sebelah kanannya, ini bertipe \(rightType)",
                    en: "'in' needs a list on its right, this is \(rightType)"),
                       hint: Text(
                           id: "tulis nilai-nilainya sebagai daftar, seperti ['email', 'telepon']",
                           en: "write the values as a list, like ['email', 'telepon']"))
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
            report(operatorSpan, Text(
                id: "'+' tidak dapat menjumlahkan \(leftType) dan \(rightType)",
                en: "'+' cannot add \(leftType) and \(rightType)"))
            return Self.failed

        case .subtract, .multiply, .divide:
            if leftType.isOpen || rightType.isOpen { return (expression, .error) }
            guard leftType.isNumeric && rightType.isNumeric else {
                report(operatorSpan, Text(
                    id: "'\(name)' memerlukan bilangan, bukan \(leftType) dan \(rightType)",
                    en: "'\(name)' needs numbers, not \(leftType) and \(rightType)"))
                return Self.failed
            }
            return (expression, leftType == .int && rightType == .int ? .int : .double)

        case .remainder:
            if leftType.isOpen || rightType.isOpen { return (expression, .error) }
            guard leftType == .int && rightType == .int else {
                report(operatorSpan, Text(
                    id: "'%' memerlukan bilangan bulat, bukan \(leftType) dan \(rightType)",
                    en: "'%' needs integers, not \(leftType) and \(rightType)"))
                return Self.failed
            }
            return (expression, .int)
        }
    }

    /// Reports a string literal that is not one of an enumeration's values.
    private mutating func checkEnumerationValue(_ syntax: Syntax, values: [String], of owner: Syntax?) {
        guard let value = syntax.stringLiteral, !values.contains(value) else { return }
        let name = owner.flatMap(displayName)
        let message = name.map { Text(id: "'\(value)' bukan nilai dari \($0)", en: "'\(value)' is not a value of \($0)") }
            ?? Text(id: "'\(value)' bukan salah satu nilai yang diperbolehkan", en: "'\(value)' is not one of the allowed values")
        var hint = values.isEmpty
            ? Text(id: "tidak ada nilai yang dinyatakan", en: "no values are declared")
            : Text(id: "nilainya: \(quotedList(values))", en: "the values are \(quotedList(values))")
        if let close = suggestion(for: value, among: values) { hint = Spelling.suggestion(close) + Text(verbatim: " ") + hint }
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
                report(argument.span, Text(
                    id: "size() memerlukan teks atau daftar, ini bertipe \(type)",
                    en: "size() needs text or a list, this is \(type)"))
                return Self.failed
            }
            return (.size(expression), .int)

        case .matches:
            if !type.isText && !type.isOpen {
                report(argument.span, Text(
                    id: "matches() memerlukan teks untuk dicari, ini bertipe \(type)",
                    en: "matches() needs text to search, this is \(type)"))
            }
            let patternSyntax = arguments[1]
            if let source = patternSyntax.stringLiteral {
                do throws(Pattern.Failure) {
                    return (.matches(expression, try Pattern(source)), .bool)
                } catch {
                    report(spanInside(patternSyntax.span, of: source, at: error.offset),
                           Text(
                               id: "ekspresi reguler tidak sah: \(error.message.id)",
                               en: "invalid regular expression: \(error.message.en)"))
                    return (.constant(.bool(false)), .bool)
                }
            }
            let (patternExpression, patternType) = check(patternSyntax)
            if !patternType.isText && !patternType.isOpen {
                report(patternSyntax.span, Text(
                    id: "pola matches() harus berupa teks, ini bertipe \(patternType)",
                    en: "the pattern of matches() must be text, this is \(patternType)"))
            }
            return (.matchesComputed(expression, patternExpression), .bool)

        case .date:
            if let text = argument.stringLiteral {
                guard let date = parseDate(text) else {
                    report(argument.span, Text(id: "'\(text)' bukan tanggal yang sah", en: "'\(text)' is not a valid date"),
                           hint: Text(
                               id: "tulis tanggal sebagai YYYY-MM-DD, seperti '2024-01-31'",
                               en: "write dates as YYYY-MM-DD, like '2024-01-31'"))
                    return (.constant(.null), .date)
                }
                return (.constant(.date(year: date.year, month: date.month, day: date.day)), .date)
            }
            if type == .date { return (expression, .date) }
            guard type.isText || type.isOpen else {
                report(argument.span, Text(
                    id: "date() memerlukan teks seperti '2024-01-31', ini bertipe \(type)",
                    en: "date() needs text like '2024-01-31', this is \(type)"))
                return Self.failed
            }
            return (.date(expression), .date)

        case .int:
            if let text = argument.stringLiteral, Int(text) == nil {
                report(argument.span, Text(id: "'\(text)' bukan bilangan bulat", en: "'\(text)' is not an integer"))
                return Self.failed
            }
            guard type.isNumeric || type.isText || type.isOpen else {
                report(argument.span, Text(id: "int() tidak dapat mengubah \(type)", en: "int() cannot convert \(type)"))
                return Self.failed
            }
            return (type == .int ? expression : .toInt(expression), .int)

        case .double:
            if let text = argument.stringLiteral, parseDouble(text) == nil {
                report(argument.span, Text(id: "'\(text)' bukan bilangan", en: "'\(text)' is not a number"))
                return Self.failed
            }
            guard type.isNumeric || type.isText || type.isOpen else {
                report(argument.span, Text(id: "double() tidak dapat mengubah \(type)", en: "double() cannot convert \(type)"))
                return Self.failed
            }
            return (type == .double ? expression : .toDouble(expression), .double)

        case .string:
            guard type.isNumeric || type.isText || type.isOpen || type == .bool || type == .date else {
                report(argument.span, Text(id: "string() tidak dapat mengubah \(type)", en: "string() cannot convert \(type)"))
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

import SOPCore

/// Turns rule text into a syntax tree, stopping at the first syntax error.
///
/// A recursive-descent parser over CEL's grammar, restricted to the subset rules use. Nesting is
/// bounded by `RuleLimits.maximumDepth`, both while parsing and in the tree it builds, so neither
/// the parser nor the checker and evaluator that walk the tree can exhaust the stack.
struct Parser {
    private var lexer: Lexer
    private var token: Token
    private var depth = 0

    private init(_ scalars: [Unicode.Scalar]) throws(RuleError) {
        lexer = Lexer(scalars)
        token = try lexer.next()
    }

    /// Parses a whole rule.
    static func parse(_ scalars: [Unicode.Scalar]) throws(RuleError) -> Syntax {
        var parser = try Parser(scalars)
        if parser.token.kind == .end {
            throw syntaxError(at: 0, length: max(1, scalars.count), Text(id: "aturan kosong", en: "the rule is empty"),
                              hint: Text(
                                  id: "tulis sebuah syarat, seperti has(fields.telepon)",
                                  en: "write a condition, like has(fields.telepon)"))
        }
        let expression = try parser.parseExpression()
        switch parser.token.kind {
        case .end:
            return expression
        case .rightParenthesis:
            throw syntaxError(at: parser.token.span.offset, length: 1, Text(
                id: "')' ini tidak memiliki pasangan '('",
                en: "this ')' has no matching '('"))
        default:
            throw syntaxError(at: parser.token.span.offset, length: parser.token.span.length,
                              Text(
                                  id: "seharusnya ada operator atau akhir aturan, tetapi ditemukan \(parser.describe(parser.token).id)",
                                  en: "expected an operator or the end of the rule, found \(parser.describe(parser.token).en)"),
                              hint: Text(id: "gabungkan syarat dengan '&&' atau '||'", en: "join conditions with '&&' or '||'"))
        }
    }

    // MARK: Tokens and limits

    private mutating func advance() throws(RuleError) {
        token = try lexer.next()
    }

    private func describe(_ token: Token) -> Text {
        if token.kind == .end { return Text(id: "akhir aturan", en: "the end of the rule") }
        var text = lexer.text(of: token.span)
        if text.unicodeScalars.count > 30 {
            text = String(String.UnicodeScalarView(text.unicodeScalars.prefix(27))) + "..."
        }
        return Text(verbatim: "'\(text)'")
    }

    private func unexpected(_ expectation: Text) -> RuleError {
        let found = describe(token)
        return syntaxError(
            at: token.span.offset, length: token.span.length,
            Text(
                id: "seharusnya ada \(expectation.id), tetapi ditemukan \(found.id)",
                en: "expected \(expectation.en), found \(found.en)"))
    }

    private static func tooDeep(at span: Span) -> RuleError {
        syntaxError(at: span.offset, length: span.length,
                    Text(
                        id: "aturan bertingkat terlalu dalam (lebih dari \(RuleLimits.maximumDepth) lapis)",
                        en: "the rule is nested too deeply (more than \(RuleLimits.maximumDepth) levels)"),
                    hint: Text(id: "pecah menjadi aturan yang lebih sederhana", en: "split it into simpler rules"))
    }

    /// Counts one more level of parser recursion; fails beyond the limit.
    private mutating func enter() throws(RuleError) {
        depth += 1
        if depth > RuleLimits.maximumDepth { throw Self.tooDeep(at: token.span) }
    }

    /// A new node over `children`; fails when the tree would grow deeper than the limit.
    private func node(_ kind: Syntax.Kind, _ span: Span, _ children: [Syntax], errorAt: Span) throws(RuleError) -> Syntax {
        let height = 1 + (children.map(\.height).max() ?? 0)
        if height > RuleLimits.maximumDepth { throw Self.tooDeep(at: errorAt) }
        return Syntax(kind: kind, span: span, height: height)
    }

    // MARK: Grammar

    /// `Expr = ConditionalOr ["?" ConditionalOr ":" Expr]`
    private mutating func parseExpression() throws(RuleError) -> Syntax {
        try enter()
        defer { depth -= 1 }
        let condition = try parseLogical(isAnd: false)
        guard token.kind == .question else { return condition }
        let question = token.span
        try advance()
        let then = try parseLogical(isAnd: false)
        guard token.kind == .colon else { throw unexpected(Text(id: "':' sebagai pasangan '?'", en: "':' to go with the '?'")) }
        try advance()
        let otherwise = try parseExpression()
        return try node(.conditional(condition, then, otherwise, questionSpan: question),
                        condition.span.through(otherwise.span), [condition, then, otherwise], errorAt: question)
    }

    /// `ConditionalOr = [ConditionalOr "||"] ConditionalAnd`, `ConditionalAnd = [ConditionalAnd "&&"] Relation`,
    /// flattened into one node per chain.
    private mutating func parseLogical(isAnd: Bool) throws(RuleError) -> Syntax {
        let operatorKind: Token.Kind = isAnd ? .andAnd : .orOr
        var operands = [isAnd ? try parseBinary(level: 0) : try parseLogical(isAnd: true)]
        while token.kind == operatorKind {
            try advance()
            operands.append(isAnd ? try parseBinary(level: 0) : try parseLogical(isAnd: true))
        }
        guard operands.count > 1 else { return operands[0] }
        return try node(.logical(isAnd: isAnd, operands), operands[0].span.through(operands[operands.count - 1].span),
                        operands, errorAt: operands[0].span)
    }

    /// Relations (level 0), additions (1) and multiplications (2), all left-associative.
    private mutating func parseBinary(level: Int) throws(RuleError) -> Syntax {
        func operand(_ parser: inout Parser) throws(RuleError) -> Syntax {
            level == 2 ? try parser.parseUnary() : try parser.parseBinary(level: level + 1)
        }
        var left = try operand(&self)
        while let op = Self.binaryOperator(token.kind, level: level) {
            let operatorSpan = token.span
            try advance()
            let right = try operand(&self)
            left = try node(.binary(op, left, right, operatorSpan: operatorSpan), left.span.through(right.span),
                            [left, right], errorAt: operatorSpan)
        }
        return left
    }

    private static func binaryOperator(_ kind: Token.Kind, level: Int) -> BinaryOperator? {
        switch (level, kind) {
        case (0, .equalEqual): .equal
        case (0, .bangEqual): .notEqual
        case (0, .less): .less
        case (0, .lessOrEqual): .lessOrEqual
        case (0, .greater): .greater
        case (0, .greaterOrEqual): .greaterOrEqual
        case (0, .inKeyword): .in
        case (1, .plus): .add
        case (1, .minus): .subtract
        case (2, .star): .multiply
        case (2, .slash): .divide
        case (2, .percent): .remainder
        default: nil
        }
    }

    /// `Unary = Member | "!" {"!"} Member | "-" {"-"} Member`; `-` before a number literal makes a negative literal.
    private mutating func parseUnary() throws(RuleError) -> Syntax {
        switch token.kind {
        case .bang:
            let operatorSpan = token.span
            try advance()
            try enter()
            defer { depth -= 1 }
            let operand = try parseUnary()
            return try node(.not(operand), operatorSpan.through(operand.span), [operand], errorAt: operatorSpan)
        case .minus:
            let operatorSpan = token.span
            try advance()
            switch token.kind {
            case .integer(let magnitude):
                let span = operatorSpan.through(token.span)
                guard magnitude <= UInt64(Int.max) + 1 else {
                    throw syntaxError(at: span.offset, length: span.length, Text(
                        id: "bilangan bulat \(lexer.text(of: span)) terlalu besar",
                        en: "the integer \(lexer.text(of: span)) is too large"),
                                      hint: Text(
                                          id: "bilangan bulat berkisar dari -9223372036854775808 sampai 9223372036854775807",
                                          en: "integers range from -9223372036854775808 to 9223372036854775807"))
                }
                try advance()
                let value = magnitude == UInt64(Int.max) + 1 ? Int.min : -Int(magnitude)
                return try parsePostfix(Syntax(kind: .literal(.int(value)), span: span, height: 1))
            case .double(let magnitude):
                let span = operatorSpan.through(token.span)
                try advance()
                return try parsePostfix(Syntax(kind: .literal(.double(-magnitude)), span: span, height: 1))
            default:
                try enter()
                defer { depth -= 1 }
                let operand = try parseUnary()
                return try node(.negate(operand), operatorSpan.through(operand.span), [operand], errorAt: operatorSpan)
            }
        default:
            return try parsePostfix(try parsePrimary())
        }
    }

    /// `Member "." IDENT ["(" [ExprList] ")"]`, repeated.
    private mutating func parsePostfix(_ base: Syntax) throws(RuleError) -> Syntax {
        var expression = base
        while true {
            switch token.kind {
            case .dot:
                try advance()
                guard case .identifier(let name) = token.kind else { throw unexpected(Text(
                    id: "nama isian sesudah '.'",
                    en: "a field name after '.'")) }
                let nameSpan = token.span
                try advance()
                if token.kind == .leftParenthesis {
                    let function = try Self.function(named: name, at: nameSpan, isMethod: true)
                    let (arguments, closing) = try parseArguments()
                    try Self.checkArity(function, count: arguments.count, isMethod: true, at: nameSpan)
                    let all = [expression] + arguments
                    expression = try node(.call(function, all, nameSpan: nameSpan), expression.span.through(closing),
                                          all, errorAt: nameSpan)
                } else {
                    expression = try node(.select(expression, field: name, fieldSpan: nameSpan),
                                          expression.span.through(nameSpan), [expression], errorAt: nameSpan)
                }
            case .leftBracket:
                throw syntaxError(at: token.span.offset, length: 1, Text(
                    id: "pengindeksan dengan '[...]' tidak didukung dalam aturan",
                    en: "indexing with '[...]' is not supported in rules"),
                                  hint: Text(
                                      id: "gunakan 'in' untuk menguji apakah daftar memuat suatu nilai",
                                      en: "use 'in' to test whether a list holds a value"))
            default:
                return expression
            }
        }
    }

    /// `Primary = IDENT ["(" [ExprList] ")"] | "(" Expr ")" | "[" [ExprList] "]" | LITERAL`
    private mutating func parsePrimary() throws(RuleError) -> Syntax {
        let span = token.span
        switch token.kind {
        case .integer(let magnitude):
            guard magnitude <= UInt64(Int.max) else {
                throw syntaxError(at: span.offset, length: span.length, Text(
                    id: "bilangan bulat \(magnitude) terlalu besar",
                    en: "the integer \(magnitude) is too large"),
                                  hint: Text(
                                      id: "bilangan bulat berkisar dari -9223372036854775808 sampai 9223372036854775807",
                                      en: "integers range from -9223372036854775808 to 9223372036854775807"))
            }
            try advance()
            return Syntax(kind: .literal(.int(Int(magnitude))), span: span, height: 1)
        case .double(let value):
            try advance()
            return Syntax(kind: .literal(.double(value)), span: span, height: 1)
        case .string(let value):
            try advance()
            return Syntax(kind: .literal(.string(value)), span: span, height: 1)
        case .trueKeyword, .falseKeyword:
            let value = token.kind == .trueKeyword
            try advance()
            return Syntax(kind: .literal(.bool(value)), span: span, height: 1)
        case .nullKeyword:
            try advance()
            return Syntax(kind: .literal(.null), span: span, height: 1)
        case .identifier(let name):
            if Lexer.reservedWords.contains(name) {
                throw syntaxError(at: span.offset, length: span.length, Text(
                    id: "'\(name)' adalah kata khusus dan tidak dapat dipakai dalam aturan",
                    en: "'\(name)' is a reserved word and cannot be used in rules"))
            }
            try advance()
            guard token.kind == .leftParenthesis else {
                return Syntax(kind: .identifier(name), span: span, height: 1)
            }
            let function = try Self.function(named: name, at: span, isMethod: false)
            let (arguments, closing) = try parseArguments()
            try Self.checkArity(function, count: arguments.count, isMethod: false, at: span)
            if function == .has && !arguments[0].isSelection {
                throw syntaxError(at: arguments[0].span.offset, length: arguments[0].span.length,
                                  Text(
                                      id: "has() memerlukan isian, seperti has(fields.telepon)",
                                      en: "has() needs a field, like has(fields.telepon)"))
            }
            return try node(.call(function, arguments, nameSpan: span), span.through(closing), arguments, errorAt: span)
        case .leftParenthesis:
            try advance()
            var inner = try parseExpression()
            guard token.kind == .rightParenthesis else { throw unexpected(Text(
                id: "')' untuk menutup '(' pada posisi \(span.offset)",
                en: "')' to close the '(' at offset \(span.offset)")) }
            inner.span = span.through(token.span)
            try advance()
            return inner
        case .leftBracket:
            try advance()
            var elements: [Syntax] = []
            try enter()
            defer { depth -= 1 }
            while token.kind != .rightBracket {
                elements.append(try parseExpression())
                guard token.kind == .comma else { break }
                try advance()
            }
            guard token.kind == .rightBracket else { throw unexpected(Text(id: "',' atau ']'", en: "',' or ']'")) }
            let closing = token.span
            try advance()
            return try node(.list(elements), span.through(closing), elements, errorAt: span)
        case .inKeyword:
            throw syntaxError(at: span.offset, length: span.length, Text(
                id: "'in' memerlukan nilai di sebelah kirinya, seperti channel in ['email']",
                en: "'in' needs a value on its left, like channel in ['email']"))
        case .end:
            throw syntaxError(at: span.offset, length: 1, Text(
                id: "aturan berakhir terlalu cepat; seharusnya ada nilai",
                en: "the rule ends too early; expected a value"))
        default:
            throw unexpected(Text(id: "sebuah nilai", en: "a value"))
        }
    }

    /// `"(" [Expr {"," Expr}] ")"`, starting at the `(`; returns the arguments and the span of the `)`.
    private mutating func parseArguments() throws(RuleError) -> ([Syntax], Span) {
        try advance()
        var arguments: [Syntax] = []
        if token.kind != .rightParenthesis {
            while true {
                arguments.append(try parseExpression())
                guard token.kind == .comma else { break }
                try advance()
            }
        }
        guard token.kind == .rightParenthesis else { throw unexpected(Text(id: "',' atau ')'", en: "',' or ')'")) }
        let closing = token.span
        try advance()
        return (arguments, closing)
    }

    // MARK: Functions

    private static let macros: Set<String> = ["all", "exists", "exists_one", "map", "filter"]

    private static let supportedFunctions = Text(
        id: "aturan mendukung has(), size(), matches(), date(), int(), double(), dan string()",
        en: "rules support has(), size(), matches(), date(), int(), double() and string()")

    private static func function(named name: String, at span: Span, isMethod: Bool) throws(RuleError) -> RuleFunction {
        if macros.contains(name) {
            throw syntaxError(at: span.offset, length: span.length, Text(
                id: "makro '\(name)' tidak didukung dalam aturan",
                en: "the macro '\(name)' is not supported in rules"),
                              hint: Self.supportedFunctions)
        }
        guard let function = RuleFunction(rawValue: name) else {
            let known = RuleFunction.allCases.map(\.rawValue)
            let hint = suggestion(for: name, among: known).map(Spelling.suggestion) ?? Self.supportedFunctions
            throw syntaxError(at: span.offset, length: span.length, Text(
                id: "fungsi '\(name)' tidak dikenal",
                en: "unknown function '\(name)'"), hint: hint)
        }
        if isMethod && !function.isMethod {
            throw syntaxError(at: span.offset, length: span.length, Text(
                id: "\(name)() tidak dapat dipanggil dengan '.'",
                en: "\(name)() cannot be called with '.'"),
                              hint: Text(id: "tulis \(name)(x), bukan x.\(name)()", en: "write \(name)(x) instead of x.\(name)()"))
        }
        return function
    }

    private static func checkArity(_ function: RuleFunction, count: Int, isMethod: Bool, at span: Span) throws(RuleError) {
        let expected = isMethod ? function.arity - 1 : function.arity
        guard count != expected else { return }
        let name = function.rawValue
        let message: Text =
            switch (isMethod, expected) {
            case (true, 0): Text(id: "x.\(name)() tidak menerima argumen", en: "x.\(name)() takes no arguments")
            case (true, _):
                Text(
                    id: "x.\(name)() menerima \(expected) argumen, bukan \(count)",
                    en: "x.\(name)() takes \(expected) argument\(expected == 1 ? "" : "s"), not \(count)")
            case (false, _):
                Text(
                    id: "\(name)() menerima \(expected) argumen, bukan \(count)",
                    en: "\(name)() takes \(expected) argument\(expected == 1 ? "" : "s"), not \(count)")
            }
        throw syntaxError(at: span.offset, length: span.length, message)
    }
}

import SOPCore

// SOPRules: the rule language of workflow files, a small subset of CEL (the Common Expression
// Language). `RuleCompiler.compile(_:in:)` parses a rule and type-checks it against a
// `RuleEnvironment` (the declared fields and the channel), returning a `Rule` or every `RuleError`
// with its offset in the text; `Rule.evaluate(in:)` decides it for one case's `RuleContext`. The
// module owns the lexer, parser, checker, evaluator and a linear-time RE2-style matcher for
// `matches()`. It does no I/O, prints nothing and never traps, whatever the input: rules are bounded
// to 2,000 characters and 64 levels of nesting, patterns to 200 characters, searched text to 10,000.

/// A rule that has been parsed and type-checked; always of type bool.
///
/// Compile one with `RuleCompiler.compile(_:in:)`, evaluate it with `evaluate(in:)`.
public struct Rule: Hashable, Sendable, CustomStringConvertible {
    /// The rule's text as written.
    public let source: String
    let expression: CheckedExpression

    init(source: String, expression: CheckedExpression) {
        self.source = source
        self.expression = expression
    }

    /// The fields the rule reads or tests with `has()` (the members of `fields`), each once,
    /// in the order they first appear.
    public var referencedFields: [String] {
        var seen: Set<String> = []
        var result: [String] = []
        expression.forEach { node in
            switch node {
            case .member("fields", let field), .isSet("fields", let field):
                if seen.insert(field).inserted { result.append(field) }
            default:
                break
            }
        }
        return result
    }

    /// The top-level variables the rule reads other than `fields` (for example `channel`), each once,
    /// in the order they first appear.
    public var referencedVariables: [String] {
        var seen: Set<String> = []
        var result: [String] = []
        expression.forEach { node in
            switch node {
            case .variable(let name), .member(let name, _), .isSet(let name, _):
                if name != "fields" && seen.insert(name).inserted { result.append(name) }
            default:
                break
            }
        }
        return result
    }

    /// The rule's text.
    public var description: String { source }
}

/// Turns rule text into a `Rule`, or into every error found in it.
public enum RuleCompiler {
    /// The longest rule text accepted, in Unicode scalars.
    public static let maximumLength = RuleLimits.maximumLength
    /// The deepest nesting of sub-expressions accepted.
    public static let maximumDepth = RuleLimits.maximumDepth

    /// Parses and type-checks a rule; a rule must be of type bool.
    ///
    /// Returns the rule, or its errors ordered by offset: the first syntax error if the text cannot be
    /// parsed, otherwise every type error. Never traps, whatever the text.
    public static func compile(_ source: String, in environment: RuleEnvironment) -> Result<Rule, RuleErrors> {
        let scalars = Array(source.unicodeScalars)
        guard scalars.count <= RuleLimits.maximumLength else {
            return .failure(RuleErrors([
                syntaxError(at: RuleLimits.maximumLength, length: scalars.count - RuleLimits.maximumLength,
                            Text(
                                id: "aturan terlalu panjang (\(scalars.count) karakter; paling banyak \(RuleLimits.maximumLength))",
                                en: "the rule is too long (\(scalars.count) characters; at most \(RuleLimits.maximumLength))"),
                            hint: Text(id: "pecah menjadi aturan yang lebih sederhana", en: "split it into simpler rules")),
            ]))
        }
        let syntax: Syntax
        do throws(RuleError) {
            syntax = try Parser.parse(scalars)
        } catch {
            return .failure(RuleErrors([error]))
        }
        var checker = Checker(environment: environment, scalars: scalars)
        let expression = checker.checkRule(syntax)
        guard checker.errors.isEmpty else { return .failure(RuleErrors(checker.errors)) }
        return .success(Rule(source: source, expression: expression))
    }
}

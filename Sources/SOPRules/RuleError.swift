import SOPCore

/// A mistake in a rule's text, found when the rule is compiled: where it is and what is wrong.
public struct RuleError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Whether the text cannot be read at all, or reads but does not make sense.
    public enum Kind: Hashable, Sendable {
        /// The text is not a well-formed rule (reported as `SOP0501`).
        case syntax
        /// The rule is well formed but names something unknown or mixes types (reported as `SOP0502`).
        case type
    }

    /// Whether this is a syntax or a type error.
    public var kind: Kind
    /// Where the mistake starts: a 0-based offset in Unicode scalars from the start of the rule text.
    public var offset: Int
    /// How many Unicode scalars the mistake covers; at least 1.
    public var length: Int
    /// What is wrong, in both languages, starting lowercase: `unknown field 'telpon'`.
    public var message: Text
    /// How to fix it, when there is something to say: `did you mean 'telepon'?`.
    public var hint: Text?

    /// Creates a rule error.
    public init(kind: Kind, offset: Int, length: Int, message: Text, hint: Text? = nil) {
        self.kind = kind
        self.offset = offset
        self.length = max(1, length)
        self.message = message
        self.hint = hint
    }

    /// The diagnostic code this error is reported under: `ruleSyntax` or `ruleType`.
    public var code: DiagnosticCode {
        switch kind {
        case .syntax: .ruleSyntax
        case .type: .ruleType
        }
    }

    /// `offset: message`, in English, for test failures and debugging.
    public var description: String {
        "\(offset): \(message.en)" + (hint.map { " (\($0.en))" } ?? "")
    }
}

/// Every error found in one rule, ordered by offset; never empty.
///
/// A collection of `RuleError`, so callers can iterate it directly.
public struct RuleErrors: Error, Hashable, Sendable, RandomAccessCollection {
    /// The errors, ordered by offset.
    public var errors: [RuleError]

    /// Creates the collection from errors, which it orders by offset.
    public init(_ errors: [RuleError]) {
        self.errors = errors.enumerated()
            .sorted { ($0.element.offset, $0.offset) < ($1.element.offset, $1.offset) }
            .map(\.element)
    }

    /// The position of the first error.
    public var startIndex: Int { errors.startIndex }
    /// The position after the last error.
    public var endIndex: Int { errors.endIndex }
    /// The error at a position.
    public subscript(position: Int) -> RuleError { errors[position] }
}

/// Why a rule could not be evaluated for a case: a field it reads is not set, a division by zero,
/// an overflow. Evaluation throws this; it never traps.
///
/// Only in English: no one but a developer reads it. The engine takes a rule that cannot be
/// evaluated as one that does not hold (an intake rule refuses the case with the SOP's own message;
/// a branch is not taken), and says so in words of its own.
public struct RuleEvaluationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, in English, starting lowercase: `field 'telepon' is not set`.
    public var message: String

    /// Creates an evaluation error.
    public init(message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}

/// A type-checked rule, lowered to what evaluation needs: names resolved, literal dates and patterns
/// compiled, `has()` turned into a presence test.
indirect enum CheckedExpression: Hashable, Sendable {
    case constant(RuleValue)
    case variable(String)
    /// `object.field`: `fields.X` reads the case's field values.
    case member(object: String, field: String)
    /// `has(object.field)`
    case isSet(object: String, field: String)
    case list([CheckedExpression])
    case not(CheckedExpression)
    case negate(CheckedExpression)
    case and([CheckedExpression])
    case or([CheckedExpression])
    case conditional(CheckedExpression, CheckedExpression, CheckedExpression)
    case binary(BinaryOperator, CheckedExpression, CheckedExpression)
    case size(CheckedExpression)
    /// `text.matches('literal')`, compiled when the rule was.
    case matches(CheckedExpression, Pattern)
    /// `text.matches(pattern)` with a pattern known only at run time.
    case matchesComputed(CheckedExpression, CheckedExpression)
    case date(CheckedExpression)
    case toInt(CheckedExpression)
    case toDouble(CheckedExpression)
    case toString(CheckedExpression)

    /// Calls `visit` on this node and every node below it, parents first.
    func forEach(_ visit: (CheckedExpression) -> Void) {
        visit(self)
        switch self {
        case .constant, .variable, .member, .isSet:
            break
        case .list(let items), .and(let items), .or(let items):
            for item in items { item.forEach(visit) }
        case .not(let operand), .negate(let operand), .size(let operand), .matches(let operand, _),
             .date(let operand), .toInt(let operand), .toDouble(let operand), .toString(let operand):
            operand.forEach(visit)
        case .conditional(let condition, let then, let otherwise):
            condition.forEach(visit)
            then.forEach(visit)
            otherwise.forEach(visit)
        case .binary(_, let left, let right), .matchesComputed(let left, let right):
            left.forEach(visit)
            right.forEach(visit)
        }
    }
}

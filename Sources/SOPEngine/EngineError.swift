/// A staff member's mistake, refused with nothing written: what is wrong and the way out.
///
/// A struct over a private enum, so cases can be added without breaking callers; callers match
/// on `code`, people read `description`.
public struct EngineError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable name for the kind of mistake, for tests and scripts (`unknown-field`, …).
    public let code: String
    /// What is wrong and what to do, in one or two sentences.
    public let description: String

    init(_ code: String, _ description: String) {
        self.code = code
        self.description = description
    }

    static func unknownField(_ name: String, suggestion: String?, known: [String]) -> EngineError {
        EngineError("unknown-field", "the workflow has no field '\(name)'"
            + (suggestion.map { "; did you mean '\($0)'?" } ?? "; its fields are: \(known.joined(separator: ", "))"))
    }
    static func invalidField(_ name: String, _ problem: String) -> EngineError {
        EngineError("invalid-field", "field '\(name)': \(problem)")
    }
    static func missingField(_ name: String, label: String) -> EngineError {
        EngineError("missing-field", "field '\(name)' (\(label)) is required: give it with `--field \(name)=VALUE`")
    }
    static func channel(_ problem: String) -> EngineError { EngineError("invalid-channel", problem) }
    static func intake(_ message: String) -> EngineError {
        EngineError("intake-rule", "the complaint does not meet the SOP's requirements: \(message)")
    }
    static func finished(_ registerNumber: String, status: String) -> EngineError {
        EngineError("case-ended", "case \(registerNumber) has ended (\(status)); nothing more can be done on it")
    }
    static func notCurrentStep(_ step: String, current: String?) -> EngineError {
        EngineError("not-current-step", current.map {
            "the case stands on step '\($0)', not '\(step)'; see `sop case show` for where it is"
        } ?? "the case stands on no step")
    }
    static func role(user: String, step: String, needs: [String]) -> EngineError {
        EngineError("missing-role", "user '\(user)' does not hold the role for step '\(step)' (\(needs.joined(separator: " or "))); "
            + "ask an administrator: `sop staff add \(user) --role \(needs.first ?? "ROLE")`")
    }
    static func alreadyContributed(user: String, role: String, step: String) -> EngineError {
        EngineError("already-done", "role '\(role)' has already taken part in step '\(step)'; the other actors must complete it")
    }
    static func missingOutput(step: String, document: String) -> EngineError {
        EngineError("missing-output", "step '\(step)' needs document '\(document)': attach it with "
            + "`--attach \(document)=FILE` or waive it with `--waive \(document) --reason TEXT`")
    }
    static func unknownDocument(_ name: String, suggestion: String?) -> EngineError {
        EngineError("unknown-document", "the workflow has no document '\(name)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? ""))
    }
    static func branch(_ problem: String) -> EngineError { EngineError("branch", problem) }
    static func notOptional(_ step: String) -> EngineError {
        EngineError("not-optional", "step '\(step)' is not optional and cannot be skipped; complete it with `sop case step`")
    }
    static func reasonRequired(_ what: String) -> EngineError {
        EngineError("reason-required", "\(what) needs a reason: add `--reason TEXT`")
    }
    static func noReporterStep() -> EngineError {
        EngineError("no-reporter-step", "this workflow has no step of the reporter to return the case to")
    }
    static func noEscalation(_ step: String) -> EngineError {
        EngineError("no-escalation", "step '\(step)' names no actor to escalate to; name one with `--to ACTOR`")
    }
    static func unknownActor(_ name: String) -> EngineError {
        EngineError("unknown-actor", "the workflow has no actor '\(name)'")
    }
    static func handoff(_ problem: String) -> EngineError { EngineError("handoff", problem) }
    static func notAnOutput(step: String, document: String, outputs: [String]) -> EngineError {
        EngineError("not-an-output", "step '\(step)' does not produce '\(document)', so it cannot be waived here; "
            + (outputs.isEmpty ? "the step produces no documents" : "it produces: \(outputs.joined(separator: ", "))"))
    }
    static func escalateToReporter(_ actor: String) -> EngineError {
        EngineError("escalate-to-reporter", "'\(actor)' is outside the office; escalate to an actor of the office")
    }
    static func invalidText(_ what: String) -> EngineError {
        EngineError("invalid-text", "\(what) is empty or too long (at most 10,000 characters)")
    }
    static func workflow(_ problem: String) -> EngineError { EngineError("workflow", problem) }
}

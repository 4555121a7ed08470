import Foundation
import SOPCore
import SOPModel

/// A file of scenario tests (`kind: Scenarios`, named `NAME.scenarios.yaml`): complaints of one
/// workflow, each opened with given fields at a given time, handled by a sequence of actions, with
/// what must come of them. `sop test` runs them; the workflow library leaves such files out.
///
/// The loader checks the file's shape (keys, types, times, durations); the names it uses (steps,
/// branches, roles, documents) are checked against the workflow by `sop test`.
public struct ScenarioFile: Hashable, Sendable {
    /// The file's path.
    public var path: String
    /// The id of the workflow the scenarios run on, looked up in the folder of the file.
    public var workflow: Located<String>
    /// The scenarios, in file order.
    public var scenarios: [Scenario]

    /// Creates a scenario file.
    public init(path: String, workflow: Located<String>, scenarios: [Scenario]) {
        self.path = path
        self.workflow = workflow
        self.scenarios = scenarios
    }

    /// The file name ending that marks a scenario file.
    public static let suffixes = [".scenarios.yaml", ".scenarios.yml"]

    /// Whether a file name is a scenario file's (`NAME.scenarios.yaml`).
    public static func isScenarioFileName(_ name: String) -> Bool {
        suffixes.contains { name.hasSuffix($0) }
    }
}

/// One complaint, handled from its opening to what the validator expects of it.
public struct Scenario: Hashable, Sendable {
    /// Its name, as the report shows it; unique in its file.
    public var name: Located<String>
    /// Where the scenario is written (its `- name:` item).
    public var location: SourceLocation
    /// When the complaint is opened: the scenario's `start:`, else the file's.
    public var start: Located<Date>
    /// The channel it came in through, if given.
    public var channel: Located<String>?
    /// The fields as typed, in file order.
    public var fields: [Field]
    /// The code the opening must be refused with (an intake rule, a missing field), if it must be.
    public var refused: Located<String>?
    /// What is done, in order.
    public var actions: [ScenarioAction]
    /// What must hold after the last action.
    public var expect: ScenarioExpectation?

    /// A field and its value as typed.
    public struct Field: Hashable, Sendable {
        /// The field id, where it is written.
        public var name: Located<String>
        /// The value.
        public var value: String
    }
}

/// One thing done to the case, by a member of staff with a role, at a time.
public struct ScenarioAction: Hashable, Sendable {
    /// What is done.
    public enum Verb: Hashable, Sendable {
        /// `complete: STEP`: the step is done (with `branch`, `attach`, `waive`, `note`).
        case complete(Located<StepID>)
        /// `skip: STEP` with a `reason`.
        case skip(Located<StepID>)
        /// `return: STEP` with a `reason`: the case goes back to the reporter for rework.
        case returnToReporter(Located<StepID>)
        /// `escalate: STEP` (to the actor `to`, else its escalation), with a `reason` before it is due.
        case escalate(Located<StepID>)
        /// `handoff: SOP` (a workflow id or a title), with a `note`.
        case handoff(Located<String>)
        /// `withdraw: REASON`: the reporter withdraws the complaint.
        case withdraw(String)
        /// `attach: DOCUMENT` or a list: documents attached without completing a step.
        case attach
        /// `note: TEXT`.
        case note(String)
        /// `wait: TIME`: working time passes and nothing is done (what the sweep does happens).
        case wait(Located<Budget>)
    }

    /// What is done.
    public var verb: Verb
    /// Where the action is written.
    public var location: SourceLocation
    /// The role of the member of staff who does it (`by:`); the step's own actor when left out.
    public var by: Located<ActorID>?
    /// The branch chosen, for `complete` of a decision.
    public var branch: Located<String>?
    /// Documents attached.
    public var attachments: [Located<DocumentID>]
    /// Documents waived, with their reasons.
    public var waivers: [Waiver]
    /// A note, for `complete` and `handoff`.
    public var note: String?
    /// The reason, for `skip`, `return` and `escalate`.
    public var reason: String?
    /// The actor escalated to, for `escalate`.
    public var to: Located<ActorID>?
    /// Working time that passes before the action.
    public var after: Located<Budget>?
    /// The moment of the action, when stated.
    public var at: Located<Date>?
    /// The code the action must be refused with, if it must be.
    public var refused: Located<String>?
    /// What must hold after the action.
    public var expect: ScenarioExpectation?

    /// A document waived with a reason.
    public struct Waiver: Hashable, Sendable {
        /// The document.
        public var document: Located<DocumentID>
        /// Why.
        public var reason: String
    }

    /// The verb's key as written.
    public var verbKey: String {
        switch verb {
        case .complete: "complete"
        case .skip: "skip"
        case .returnToReporter: "return"
        case .escalate: "escalate"
        case .handoff: "handoff"
        case .withdraw: "withdraw"
        case .attach: "attach"
        case .note: "note"
        case .wait: "wait"
        }
    }

    /// The step the action names, for those that name one.
    public var step: Located<StepID>? {
        switch verb {
        case .complete(let step), .skip(let step), .returnToReporter(let step), .escalate(let step): step
        default: nil
        }
    }
}

/// What must hold of a case at a point of a scenario; each key left out is not checked.
public struct ScenarioExpectation: Hashable, Sendable {
    /// Where `expect:` is written.
    public var location: SourceLocation
    /// The status (`open`, `waiting-for-reporter`, `resolved`, …).
    public var status: Located<String>?
    /// The step the case stands on; `Located(nil)` (written `step: null`) when it must stand on none.
    public var step: Located<StepID?>?
    /// The outcome it ended with.
    public var outcome: Located<OutcomeID>?
    /// The SOP it was handed off to: a workflow id or a title.
    public var handedOffTo: Located<String>?
    /// The steps ended so far, in order (done, skipped or returned from).
    public var path: Located<[Located<StepID>]>?
    /// When the whole case is due.
    public var due: Located<Date>?
    /// When the current step is due; `Located(nil)` (written `"-"`) for a step with no stated time.
    public var stepDue: Located<Date?>?
    /// When the case ended.
    public var closedAt: Located<Date>?
    /// The actor the current step, or the whole case, is escalated to.
    public var escalatedTo: Located<ActorID>?
    /// The documents attached so far, in any order.
    public var documents: Located<[Located<DocumentID>]>?

    /// Creates an expectation that checks nothing yet.
    public init(location: SourceLocation) {
        self.location = location
    }
}

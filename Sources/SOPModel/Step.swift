import SOPCore
import SOPRules

/// One activity of the SOP (one row of its flow table).
public struct Step: Hashable, Sendable {
    /// The step's id.
    public var id: Located<StepID>
    /// What is done (kegiatan), in the SOP's words.
    public var activity: String
    /// Who does it (pelaksana).
    public var performers: Performers
    /// The time the step may take (mutu baku: waktu); zero for a step with no stated time.
    public var budget: Located<Budget>?
    /// Whether the signed table shows no time for the step (`budget: "-"`): it then has no due
    /// time (no reminder, no default escalation, never late) and counts as zero in path times.
    public var isUntimed = false
    /// The time as written in the file (`60 menit`), for showing the SOP in its own words.
    public var budgetText: String?
    /// The documents the step needs (mutu baku: kelengkapan).
    public var inputs: [DocumentUse]
    /// The documents the step produces (mutu baku: output).
    public var outputs: [DocumentUse]
    /// Remarks (keterangan), as signed.
    public var remarks: String?
    /// Set when the step is optional ("bila perlu"); nil when it must always be done.
    public var optional: Optionality?
    /// Who takes over when the step overruns, level by level (`escalation:`, one mapping or a
    /// list): the sweep escalates the case to each level's actor when its time has elapsed since
    /// the step started, in working time. Empty when no one does.
    public var escalations: [Escalation]
    /// Where the flow goes after the step; nil only in a file with errors.
    public var transition: Transition?
    /// Whether some part of the step could not be read (reported where it is written); checks
    /// that would only repeat that mistake leave such a step out.
    public var isIncomplete = false

    /// Creates a step.
    public init(
        id: Located<StepID>, activity: String, performers: Performers, budget: Located<Budget>?,
        inputs: [DocumentUse] = [], outputs: [DocumentUse] = [], remarks: String? = nil,
        optional: Optionality? = nil, escalations: [Escalation] = [], transition: Transition?
    ) {
        self.id = id
        self.activity = activity
        self.performers = performers
        self.budget = budget
        self.budgetText = budget?.value.description
        self.inputs = inputs
        self.outputs = outputs
        self.remarks = remarks
        self.optional = optional
        self.escalations = escalations
        self.transition = transition
    }

    /// Whether the step may be skipped.
    public var isOptional: Bool { optional != nil }

    /// Every place the flow can go from this step.
    public var targets: [Target] {
        switch transition {
        case .none: []
        case .target(let target): [target]
        case .decision(let decision): decision.branches.map(\.target)
        }
    }

    /// The steps the flow can go to from this step.
    public var successors: [Located<StepID>] {
        targets.compactMap { if case .step(let id) = $0 { id } else { nil } }
    }
}

/// Who performs a step.
public enum Performers: Hashable, Sendable {
    /// One actor.
    case single(Located<ActorID>)
    /// Several actors together; the step is done when all have taken part.
    case all([Located<ActorID>])
    /// Any one of alternative actors.
    case any([Located<ActorID>])

    /// Every actor named, in order.
    public var actors: [Located<ActorID>] {
        switch self {
        case .single(let actor): [actor]
        case .all(let actors), .any(let actors): actors
        }
    }
}

/// A document a step needs or produces.
public struct DocumentUse: Hashable, Sendable {
    /// The document.
    public var document: Located<DocumentID>
    /// Whether the step can go ahead without it (opsional).
    public var isOptional: Bool

    /// Creates a document use.
    public init(document: Located<DocumentID>, isOptional: Bool = false) {
        self.document = document
        self.isOptional = isOptional
    }
}

/// When an optional step is done.
public struct Optionality: Hashable, Sendable {
    /// The rule saying when the step is needed; without one, staff decide and give a reason to skip.
    public var when: Rule?
    /// Where `optional:` was written.
    public var location: SourceLocation

    /// Creates an optionality.
    public init(when: Rule?, location: SourceLocation) {
        self.when = when
        self.location = location
    }
}

/// One level of escalation: who takes over a step (or a whole case) that overruns, and when.
public struct Escalation: Hashable, Sendable {
    /// The actor the step or case is escalated to.
    public var to: Located<ActorID>
    /// How long, in working time, after the step starts (after the case opens, for a case's
    /// escalation). When nil: the step's budget (the case's total) for the first level; a later
    /// level must say (a validation error).
    public var after: Located<Budget>?
    /// Where `escalation:` was written.
    public var location: SourceLocation

    /// Creates an escalation.
    public init(to: Located<ActorID>, after: Located<Budget>?, location: SourceLocation) {
        self.to = to
        self.after = after
        self.location = location
    }
}

/// Where the flow goes after a step.
public enum Transition: Hashable, Sendable {
    /// To one place.
    case target(Target)
    /// To one of several places, by a decision.
    case decision(Decision)
}

/// A place the flow can go.
public enum Target: Hashable, Sendable {
    /// Another step of the workflow.
    case step(Located<StepID>)
    /// The end of the case, with an outcome.
    case end(Located<OutcomeID>)
    /// The end of this workflow, handing the case to another SOP.
    case handoff(Handoff)
}

/// The hand-off of a case to another SOP: a workflow of the library, or a signed SOP that has no
/// workflow file yet, named by its title ("mengikuti SOP perubahan data").
public struct Handoff: Hashable, Sendable {
    /// The workflow that takes the case over, when it has a workflow file.
    public var workflow: Located<WorkflowID>?
    /// The other SOP's title as the signed SOP writes it, when given.
    public var title: String?
    /// What to tell the receiving office, if anything.
    public var note: String?
    /// Where `handoff:` was written.
    public var location: SourceLocation

    /// Creates a hand-off to a workflow, or by title only when `workflow` is nil (then `title` must
    /// be given).
    public init(workflow: Located<WorkflowID>?, title: String? = nil, note: String? = nil, at location: SourceLocation) {
        self.workflow = workflow
        self.title = title
        self.note = note
        self.location = location
    }

    /// Whom the case goes to: the workflow when there is one, else the title.
    public var target: HandoffTarget {
        if let workflow { .workflow(workflow.value) } else { .title(title ?? "") }
    }
}

/// The SOP a case is handed off to.
public enum HandoffTarget: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// A workflow of the library, by its id.
    case workflow(WorkflowID)
    /// A signed SOP that has no workflow file, by its title.
    case title(String)

    /// The workflow id, or the title.
    public var description: String {
        switch self {
        case .workflow(let id): id.rawValue
        case .title(let title): title
        }
    }

    /// The workflow id, when the target is a workflow.
    public var workflow: WorkflowID? {
        if case .workflow(let id) = self { id } else { nil }
    }

    /// How documents and histories name it: `SOP ID` for a workflow, the title for an SOP named by
    /// title (with `SOP ` before it unless the title begins so).
    public var sopName: String {
        switch self {
        case .workflow(let id): return "SOP \(id.rawValue)"
        case .title(let title):
            return title.lowercased().hasPrefix("sop ") || title.lowercased() == "sop" ? title : "SOP \(title)"
        }
    }

    /// The title, when the target is named by title only.
    public var title: String? {
        if case .title(let title) = self { title } else { nil }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        switch (lhs, rhs) {
        case (.workflow(let a), .workflow(let b)): a < b
        case (.title(let a), .title(let b)): a < b
        case (.workflow, .title): true
        case (.title, .workflow): false
        }
    }
}

/// A question with labelled branches (Ya / Tidak, or more).
public struct Decision: Hashable, Sendable {
    /// The question, e.g. `Berkas lengkap dan jelas?`.
    public var question: String
    /// The branches, in file order.
    public var branches: [Branch]
    /// Where `decision:` was written.
    public var location: SourceLocation
    /// How many branches the file writes, counting those that could not be read (each reported
    /// where it is written), so that a decision is not also said to have too few.
    public var branchesWritten: Int

    /// Creates a decision.
    public init(question: String, branches: [Branch], location: SourceLocation, branchesWritten: Int? = nil) {
        self.question = question
        self.branches = branches
        self.location = location
        self.branchesWritten = max(branchesWritten ?? branches.count, branches.count)
    }
}

/// One answer of a decision and where it leads.
public struct Branch: Hashable, Sendable {
    /// The label staff choose, e.g. `Ya`.
    public var label: Located<String>
    /// A rule that picks this branch by itself; staff choose when nil.
    public var when: Rule?
    /// Where the branch leads.
    public var target: Target

    /// Creates a branch.
    public init(label: Located<String>, when: Rule?, target: Target) {
        self.label = label
        self.when = when
        self.target = target
    }
}

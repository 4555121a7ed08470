import SOPCore
import SOPModel

/// What a change to the header or to a definition is.
public enum ChangeKind: String, Hashable, Sendable, Codable, CaseIterable {
    /// Only the new revision has it.
    case added
    /// Only the old revision has it.
    case removed
    /// Both have it, with different values.
    case changed
    /// The same thing under another id.
    case renamed
    /// The same items in another order.
    case reordered
}

/// Whether a time got shorter or longer.
///
/// A budget keeps working days and minutes apart (a working day's length differs by weekday), so
/// two budgets are ordered part by part when both parts agree (`1 hari 2 jam` is longer than
/// `1 hari`), and otherwise by the calendar's usual working day (`12 jam` is longer than `1 hari`
/// of 8 jam 30 menit); without a calendar such a pair has no direction.
public enum TimeDirection: String, Hashable, Sendable, Codable {
    /// Less time in the new revision.
    case shorter
    /// More time in the new revision.
    case longer
    /// The same time.
    case unchanged

    /// The direction from one budget to another; nil when only one side has a budget, or when
    /// the parts disagree and the length of a working day (`dayMinutes`) is not known.
    public static func between(_ old: Budget?, _ new: Budget?, dayMinutes: Int? = nil) -> TimeDirection? {
        guard let old, let new else { return old == nil && new == nil ? .unchanged : nil }
        if old == new { return .unchanged }
        if new.days <= old.days && new.minutes <= old.minutes { return .shorter }
        if new.days >= old.days && new.minutes >= old.minutes { return .longer }
        guard let day = dayMinutes, day > 0 else { return nil }
        let before = old.days * day + old.minutes
        let after = new.days * day + new.minutes
        return after < before ? .shorter : after > before ? .longer : .unchanged
    }
}

// MARK: - Header

/// A part of the signed header (or of the workflow's top level) that can change.
public enum HeaderField: String, Hashable, Sendable, Codable, CaseIterable {
    /// Judul SOP.
    case title
    /// The issuing body, one line each.
    case organization
    /// Nomor SOP.
    case number
    /// Tanggal Pembuatan.
    case created
    /// Tanggal Revisi.
    case revised
    /// Tanggal Efektif.
    case effective
    /// The approver's name (Disahkan Oleh).
    case approverName
    /// The approver's position.
    case approverPosition
    /// The approver's rank.
    case approverRank
    /// The approver's NIP.
    case approverNIP
    /// Dasar Hukum, item by item.
    case legalBasis
    /// Kualifikasi Pelaksana, item by item.
    case qualifications
    /// Keterkaitan, item by item.
    case related
    /// Peralatan / Perlengkapan, item by item.
    case equipment
    /// Peringatan, item by item.
    case warnings
    /// Pencatatan dan Pendataan.
    case recording
    /// The calendar whose office hours count as working time.
    case calendar
    /// Who takes over a whole case that overruns, level by level (the top-level `escalation:`);
    /// each side is the levels as the file writes them (`HeaderComparison.written`), nil for none.
    case escalation

    /// Whether the field is a list compared item by item (added, removed, reordered).
    public var isList: Bool {
        switch self {
        case .organization, .legalBasis, .qualifications, .related, .equipment, .warnings: true
        default: false
        }
    }
}

/// One change to the header.
///
/// A single value that changes is `changed`, with `old` and `new` (nil where a side has none;
/// dates as `YYYY-MM-DD`). A list item is `added` (only `new`) or `removed` (only `old`); a list
/// whose items are the same but in another order is `reordered` (neither).
public struct HeaderChange: Hashable, Sendable, Codable {
    /// What changed.
    public var field: HeaderField
    /// How it changed.
    public var kind: ChangeKind
    /// The value in the old revision.
    public var old: String?
    /// The value in the new revision.
    public var new: String?
    /// Where the new value is written, when known.
    public var location: SourceLocation?

    /// Creates a header change.
    public init(field: HeaderField, kind: ChangeKind, old: String?, new: String?, location: SourceLocation? = nil) {
        self.field = field
        self.kind = kind
        self.old = old
        self.new = new
        self.location = location
    }

    private enum CodingKeys: String, CodingKey {
        case field, kind, old, new, location
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        field = try container.decode(HeaderField.self, forKey: .field)
        kind = try container.decode(ChangeKind.self, forKey: .kind)
        old = try container.decodeIfPresent(String.self, forKey: .old)
        new = try container.decodeIfPresent(String.self, forKey: .new)
        location = try container.decodeIfPresent(SourceLocation.self, forKey: .location)
    }

    /// Writes `old` and `new` always (null where a side has none), `location` when known.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(field, forKey: .field)
        try container.encode(kind, forKey: .kind)
        try container.encode(old, forKey: .old)
        try container.encode(new, forKey: .new)
        try container.encodeIfPresent(location, forKey: .location)
    }
}

// MARK: - Definitions

/// A definition of the workflow: an actor, a document, a field, a channel, an outcome, or an
/// intake rule (identified by its rule text, in the new revision when it has one).
public enum DefinitionReference: Hashable, Sendable {
    /// An actor (pelaksana).
    case actor(ActorID)
    /// A document.
    case document(DocumentID)
    /// A case field.
    case field(FieldID)
    /// A channel.
    case channel(ChannelID)
    /// An outcome.
    case outcome(OutcomeID)
    /// An intake rule (persyaratan), by its rule text.
    case intakeRule(String)

    /// The section's name in JSON: `actor`, `document`, `field`, `channel`, `outcome`, `intakeRule`.
    public var section: String {
        switch self {
        case .actor: "actor"
        case .document: "document"
        case .field: "field"
        case .channel: "channel"
        case .outcome: "outcome"
        case .intakeRule: "intakeRule"
        }
    }

    /// The id (or, for an intake rule, the rule text).
    public var id: String {
        switch self {
        case .actor(let id): id.rawValue
        case .document(let id): id.rawValue
        case .field(let id): id.rawValue
        case .channel(let id): id.rawValue
        case .outcome(let id): id.rawValue
        case .intakeRule(let rule): rule
        }
    }

    /// The reference for a section name and an id; nil for an unknown section.
    public init?(section: String, id: String) {
        switch section {
        case "actor": self = .actor(ActorID(id))
        case "document": self = .document(DocumentID(id))
        case "field": self = .field(FieldID(id))
        case "channel": self = .channel(ChannelID(id))
        case "outcome": self = .outcome(OutcomeID(id))
        case "intakeRule": self = .intakeRule(id)
        default: return nil
        }
    }
}

/// A property of a definition that can change.
public enum DefinitionAttribute: String, Hashable, Sendable, Codable, CaseIterable {
    /// The name as the SOP writes it.
    case name
    /// A field's label.
    case label
    /// The longer description.
    case description
    /// Whether an actor or document is outside the office (`true` / `false`).
    case external
    /// A field's type (`enum(KTP, KK)` for an enumeration).
    case type
    /// Whether a field is required (`true` / `false`).
    case required
    /// An outcome's status.
    case status
    /// An intake rule's message.
    case message
    /// An intake rule's rule text.
    case rule
}

/// One change to the actors, documents, fields, channels, outcomes or intake rules.
///
/// `added` and `removed` carry the definition's `name` only; `renamed` has the old and the new
/// id in `old` and `new` (the definition is the new one); `changed` names the `attribute`, with
/// its `old` and `new` values (booleans as `true` / `false`).
public struct DefinitionChange: Hashable, Sendable, Codable {
    /// The definition, as the new revision names it (the old one for a removed definition).
    public var definition: DefinitionReference
    /// The definition's display name (an intake rule's message).
    public var name: String
    /// How it changed.
    public var kind: ChangeKind
    /// The property that changed, for `changed`.
    public var attribute: DefinitionAttribute?
    /// The old value.
    public var old: String?
    /// The new value.
    public var new: String?
    /// Where the definition is written in the new revision, when it is there.
    public var location: SourceLocation?

    /// Creates a definition change.
    public init(
        definition: DefinitionReference, name: String, kind: ChangeKind, attribute: DefinitionAttribute? = nil,
        old: String? = nil, new: String? = nil, location: SourceLocation? = nil
    ) {
        self.definition = definition
        self.name = name
        self.kind = kind
        self.attribute = attribute
        self.old = old
        self.new = new
        self.location = location
    }

    private enum CodingKeys: String, CodingKey {
        case section, id, name, kind, attribute, old, new, location
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let section = try container.decode(String.self, forKey: .section)
        guard let definition = DefinitionReference(section: section, id: try container.decode(String.self, forKey: .id)) else {
            throw DecodingError.dataCorruptedError(forKey: .section, in: container, debugDescription: "unknown section \(section)")
        }
        self.definition = definition
        name = try container.decode(String.self, forKey: .name)
        kind = try container.decode(ChangeKind.self, forKey: .kind)
        attribute = try container.decodeIfPresent(DefinitionAttribute.self, forKey: .attribute)
        old = try container.decodeIfPresent(String.self, forKey: .old)
        new = try container.decodeIfPresent(String.self, forKey: .new)
        location = try container.decodeIfPresent(SourceLocation.self, forKey: .location)
    }

    /// Writes `attribute`, `old` and `new` always (null where there is none), `location` when known.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(definition.section, forKey: .section)
        try container.encode(definition.id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(kind, forKey: .kind)
        try container.encode(attribute, forKey: .attribute)
        try container.encode(old, forKey: .old)
        try container.encode(new, forKey: .new)
        try container.encodeIfPresent(location, forKey: .location)
    }
}

// MARK: - Step values

/// Who performs a step, as a comparable value: the mode and the actors in order.
public struct StepPerformers: Hashable, Sendable, Codable {
    /// How the actors take part.
    public enum Mode: String, Hashable, Sendable, Codable {
        /// One actor.
        case single
        /// All of them together.
        case all
        /// Any one of them.
        case any
    }

    /// How the actors take part.
    public var mode: Mode
    /// The actors, in order.
    public var actors: [ActorID]

    /// Creates a performers value.
    public init(mode: Mode, actors: [ActorID]) {
        self.mode = mode
        self.actors = actors
    }

    /// The value of a step's performers.
    public init(_ performers: Performers) {
        switch performers {
        case .single(let actor): self.init(mode: .single, actors: [actor.value])
        case .all(let actors): self.init(mode: .all, actors: actors.map(\.value))
        case .any(let actors): self.init(mode: .any, actors: actors.map(\.value))
        }
    }
}

/// Whether a step may be skipped, as a comparable value.
public struct StepOptionality: Hashable, Sendable, Codable {
    /// Whether the step is optional ("bila perlu").
    public var isOptional: Bool
    /// The rule saying when an optional step is done; nil when staff decide.
    public var when: String?

    /// Creates an optionality value.
    public init(isOptional: Bool, when: String? = nil) {
        self.isOptional = isOptional
        self.when = when
    }
}

/// One level of escalation, of a step or of the whole case: who takes over, and when, as a
/// comparable value.
public struct StepEscalation: Hashable, Sendable, Codable {
    /// The actor the step (or the case) is escalated to.
    public var to: ActorID
    /// How long after the step starts (the case opens); for a first level, the step's budget
    /// (the case's total) when nil.
    public var after: Budget?

    /// Creates an escalation value.
    public init(to: ActorID, after: Budget?) {
        self.to = to
        self.after = after
    }

    /// The value of a level of escalation, its actor read through `renames`.
    init(_ level: Escalation, renames: DefinitionRenames = DefinitionRenames()) {
        self.init(to: renames.actor(level.to.value), after: level.after?.value)
    }
}

/// Whether a document is one a step needs or one it produces.
public enum DocumentRole: String, Hashable, Sendable, Codable {
    /// Kelengkapan.
    case input
    /// Output.
    case output
}

/// A place the flow goes, as a comparable value.
///
/// In JSON: `{"step": ID}`, `{"end": OUTCOME}`, `{"handoff": WORKFLOW, "note": TEXT}`, or for a
/// hand-off by title `{"handoffTitle": TITLE, "note": TEXT}`.
public enum FlowTarget: Hashable, Sendable, Codable {
    /// A step of the workflow.
    case step(StepID)
    /// The end of the case, with an outcome.
    case end(OutcomeID)
    /// A hand-off to another SOP, with what to tell the receiving office.
    case handoff(HandoffTarget, note: String?)

    /// The value of a model target.
    public init(_ target: Target) {
        switch target {
        case .step(let id): self = .step(id.value)
        case .end(let outcome): self = .end(outcome.value)
        case .handoff(let handoff): self = .handoff(handoff.target, note: handoff.note)
        }
    }

    private enum CodingKeys: String, CodingKey {
        case step, end, handoff, handoffTitle, note
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let step = try container.decodeIfPresent(StepID.self, forKey: .step) {
            self = .step(step)
        } else if let outcome = try container.decodeIfPresent(OutcomeID.self, forKey: .end) {
            self = .end(outcome)
        } else if let workflow = try container.decodeIfPresent(WorkflowID.self, forKey: .handoff) {
            self = .handoff(.workflow(workflow), note: try container.decodeIfPresent(String.self, forKey: .note))
        } else if let title = try container.decodeIfPresent(String.self, forKey: .handoffTitle) {
            self = .handoff(.title(title), note: try container.decodeIfPresent(String.self, forKey: .note))
        } else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "a target needs step, end or handoff"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .step(let id): try container.encode(id, forKey: .step)
        case .end(let outcome): try container.encode(outcome, forKey: .end)
        case .handoff(let target, let note):
            switch target {
            case .workflow(let workflow): try container.encode(workflow, forKey: .handoff)
            case .title(let title): try container.encode(title, forKey: .handoffTitle)
            }
            try container.encodeIfPresent(note, forKey: .note)
        }
    }
}

/// One branch of a decision, as a comparable value.
public struct FlowBranch: Hashable, Sendable, Codable {
    /// The label staff choose.
    public var label: String
    /// Where the branch leads.
    public var target: FlowTarget
    /// The rule that picks the branch by itself, if any.
    public var when: String?

    /// Creates a branch value.
    public init(label: String, target: FlowTarget, when: String? = nil) {
        self.label = label
        self.target = target
        self.when = when
    }
}

/// Where the flow goes after a step, as a comparable value.
///
/// In JSON: `{"kind": "none"}`, `{"kind": "next", "target": …}` or
/// `{"kind": "decision", "question": …, "branches": […]}`.
public enum StepFlow: Hashable, Sendable, Codable {
    /// Nowhere (only in a file with errors).
    case none
    /// To one place.
    case next(FlowTarget)
    /// By a decision.
    case decision(question: String, branches: [FlowBranch])

    /// The value of a step's transition.
    public init(_ transition: Transition?) {
        switch transition {
        case .none: self = .none
        case .target(let target): self = .next(FlowTarget(target))
        case .decision(let decision):
            self = .decision(
                question: decision.question,
                branches: decision.branches.map {
                    FlowBranch(label: $0.label.value, target: FlowTarget($0.target), when: $0.when?.source)
                })
        }
    }

    private enum CodingKeys: String, CodingKey {
        case kind, target, question, branches
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .kind) {
        case "none": self = .none
        case "next": self = .next(try container.decode(FlowTarget.self, forKey: .target))
        case "decision":
            self = .decision(
                question: try container.decode(String.self, forKey: .question),
                branches: try container.decode([FlowBranch].self, forKey: .branches))
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .kind, in: container, debugDescription: "unknown flow \(other)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .none: try container.encode("none", forKey: .kind)
        case .next(let target):
            try container.encode("next", forKey: .kind)
            try container.encode(target, forKey: .target)
        case .decision(let question, let branches):
            try container.encode("decision", forKey: .kind)
            try container.encode(question, forKey: .question)
            try container.encode(branches, forKey: .branches)
        }
    }
}

/// Why a step whose id disappeared is taken for a new step under another id.
public enum RenameEvidence: String, Hashable, Sendable, Codable {
    /// The activity text is the same (ignoring case and runs of spaces).
    case sameActivity
    /// The actors, the position in the file and the outputs are the same.
    case sameActorPositionOutputs
}

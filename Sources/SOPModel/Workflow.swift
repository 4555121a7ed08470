import SOPCore
import SOPRules

/// One revision of one SOP: its signed header, its actors, documents and fields, and its steps.
///
/// A workflow is a pure value built by the loader from a YAML file. Every part keeps the location
/// it was written at, so the validator can point at it.
public struct Workflow: Hashable, Sendable {
    /// The SOP's id, shared by all its revisions.
    public var id: Located<WorkflowID>
    /// The revision number; every revision raises it.
    public var revision: Located<Int>
    /// The SOP's title (Judul SOP).
    public var title: String
    /// The header of the signed document.
    public var document: SOPDocument
    /// The calendar whose office hours count as working time.
    public var calendar: Located<CalendarID>?
    /// The actors (pelaksana), in file order.
    public var actors: [Actor]
    /// The documents steps need and produce, in file order.
    public var documents: [DocumentDefinition]
    /// The fields a case carries, in file order.
    public var fields: [FieldDefinition]
    /// The channels a complaint may come in through, in file order.
    public var channels: [Channel]
    /// The outcomes a case can end with, in file order.
    public var outcomes: [Outcome]
    /// Rules a new case must satisfy (persyaratan), in file order.
    public var intake: [IntakeRule]
    /// The total time as declared in the signed SOP.
    public var total: Located<Budget>?
    /// Whether the declared total is a maximum (`total: { max: … }`, "paling lama"): paths may
    /// take less, and only a path that can take more is reported.
    public var totalIsMaximum: Bool
    /// Who takes over a whole case that overruns, level by level (`escalation:` at the top of the
    /// file): each level's time counts from the case's opening, the first level's by default its
    /// total (`total:`, else the sum of the steps' budgets).
    public var escalations: [Escalation]
    /// The steps in file order; the first one is where every case starts.
    public var steps: [Step]
    /// The file the workflow was read from.
    public var file: String

    /// Creates a workflow.
    public init(
        id: Located<WorkflowID>, revision: Located<Int>, title: String, document: SOPDocument,
        calendar: Located<CalendarID>?, actors: [Actor], documents: [DocumentDefinition],
        fields: [FieldDefinition], channels: [Channel], outcomes: [Outcome], intake: [IntakeRule],
        total: Located<Budget>?, totalIsMaximum: Bool = false, escalations: [Escalation] = [], steps: [Step], file: String
    ) {
        self.totalIsMaximum = totalIsMaximum
        self.id = id
        self.revision = revision
        self.title = title
        self.document = document
        self.calendar = calendar
        self.actors = actors
        self.documents = documents
        self.fields = fields
        self.channels = channels
        self.outcomes = outcomes
        self.intake = intake
        self.total = total
        self.escalations = escalations
        self.steps = steps
        self.file = file
    }

    /// The declared total as the signed document writes it: `2 hari 2 jam`, or `paling lama 10
    /// hari` for a maximum.
    public var signedTotal: String? { total.map { (totalIsMaximum ? "paling lama " : "") + $0.value.description } }

    /// The step with an id, if there is one.
    public func step(_ id: StepID) -> Step? { steps.first { $0.id.value == id } }
    /// The actor with an id, if there is one.
    public func actor(_ id: ActorID) -> Actor? { actors.first { $0.id.value == id } }
    /// The document with an id, if there is one.
    public func document(_ id: DocumentID) -> DocumentDefinition? { documents.first { $0.id.value == id } }
    /// The outcome with an id, if there is one.
    public func outcome(_ id: OutcomeID) -> Outcome? { outcomes.first { $0.id.value == id } }
    /// The field with an id, if there is one.
    public func field(_ id: FieldID) -> FieldDefinition? { fields.first { $0.id.value == id } }

    /// Whether a step is the reporter's: done outside the office, because it has actors and every
    /// one of them is external (`external: true` under `actors:`).
    ///
    /// The one statement of the rule. While a case stands on such a step it waits on the reporter
    /// (the engine starts it with `waitsForReporter` and staff complete it on the reporter's
    /// behalf), and the reports count its time as the reporter's. A step with no actors, or with
    /// one actor that is not external or that the workflow does not define, is the office's.
    public func isReporterStep(_ step: Step) -> Bool {
        let performers = step.performers.actors
        return !performers.isEmpty
            && performers.allSatisfy { performer in actors.contains { $0.id.value == performer.value && $0.isExternal } }
    }

    /// The environment rules of this workflow are checked in: `fields.X`, `channel`, what the
    /// case has done (`history.X`) and how often it started each step (`visits.STEP`).
    public var ruleEnvironment: RuleEnvironment {
        Self.ruleEnvironment(fields: fields, channels: channels, steps: steps.map(\.id.value))
    }

    /// What a rule may read of what a case has done so far, by member of `history`: how many
    /// times it was returned to the reporter, how many steps it ended (done, skipped or
    /// returned), and the working minutes since it was opened, in its calendar, at the moment
    /// the rule is evaluated.
    public static let historyMembers: [String: RuleType] = ["returns": .int, "steps_done": .int, "working_minutes": .int]

    /// A step's name in rules, as a member of `visits`: its id with `_` for `-` (`visits.isi_formulir`),
    /// since `-` in a rule is a minus.
    public static func ruleName(ofStep id: StepID) -> String { String(id.rawValue.map { $0 == "-" ? "_" : $0 }) }

    /// The environment for rules over the given fields, channels and steps.
    public static func ruleEnvironment(fields: [FieldDefinition], channels: [Channel], steps: [StepID] = []) -> RuleEnvironment {
        var members: [String: RuleType] = [:]
        for field in fields { members[field.id.value.rawValue] = field.type.ruleType }
        let channelType: RuleType =
            channels.isEmpty ? .string : .enumeration(channels.map { $0.id.value.rawValue })
        var visits: [String: RuleType] = [:]
        for step in steps { visits[ruleName(ofStep: step)] = .int }
        return RuleEnvironment(variables: [
            "fields": .object(members), "channel": channelType, "history": .object(historyMembers), "visits": .object(visits),
        ])
    }
}

/// A performer of steps (pelaksana): a role in the office, or someone outside it.
public struct Actor: Hashable, Sendable {
    /// The actor's id.
    public var id: Located<ActorID>
    /// The name as the SOP writes it, e.g. `Staf Front Office`.
    public var name: String
    /// Whether the actor is outside the office (the reporter); staff record its steps on its behalf.
    public var isExternal: Bool
    /// A longer description, if any.
    public var description: String?

    /// Creates an actor.
    public init(id: Located<ActorID>, name: String, isExternal: Bool = false, description: String? = nil) {
        self.id = id
        self.name = name
        self.isExternal = isExternal
        self.description = description
    }
}

/// A document that steps need (kelengkapan) or produce (output).
public struct DocumentDefinition: Hashable, Sendable {
    /// The document's id.
    public var id: Located<DocumentID>
    /// The name as the SOP writes it, e.g. `Formulir pengaduan`.
    public var name: String
    /// Whether the document comes from outside the flow (brought by the reporter, a blank form),
    /// and so is available from the first step on.
    public var isExternal: Bool
    /// A longer description, if any.
    public var description: String?

    /// Creates a document definition.
    public init(id: Located<DocumentID>, name: String, isExternal: Bool = false, description: String? = nil) {
        self.id = id
        self.name = name
        self.isExternal = isExternal
        self.description = description
    }
}

/// A typed value every case of the workflow carries (nama, NIK, nomor ponsel, …).
public struct FieldDefinition: Hashable, Sendable {
    /// The field's id, used in rules as `fields.ID`.
    public var id: Located<FieldID>
    /// The label staff see.
    public var label: String
    /// The type of the value.
    public var type: FieldType
    /// Whether a case cannot be opened without it.
    public var isRequired: Bool
    /// A longer description, if any.
    public var description: String?

    /// Creates a field definition.
    public init(id: Located<FieldID>, label: String, type: FieldType, isRequired: Bool = false, description: String? = nil) {
        self.id = id
        self.label = label
        self.type = type
        self.isRequired = isRequired
        self.description = description
    }
}

/// The type of a case field.
public enum FieldType: Hashable, Sendable {
    /// Free text.
    case text
    /// An Indonesian phone number.
    case phone
    /// An e-mail address.
    case email
    /// A Nomor Induk Kependudukan: 16 digits.
    case nik
    /// One of a fixed list of values.
    case enumeration([String])
    /// A calendar date.
    case date
    /// A number.
    case number
    /// Yes or no.
    case boolean

    /// The names the format uses for each type, in the order they are documented.
    public static let names = ["text", "phone", "email", "nik", "enum", "date", "number", "boolean"]

    /// The name written in the file (`enum` for an enumeration).
    public var name: String {
        switch self {
        case .text: "text"
        case .phone: "phone"
        case .email: "email"
        case .nik: "nik"
        case .enumeration: "enum"
        case .date: "date"
        case .number: "number"
        case .boolean: "boolean"
        }
    }

    /// The type a rule sees for a field of this type.
    public var ruleType: RuleType {
        switch self {
        case .text, .phone, .email, .nik: .string
        case .enumeration(let values): .enumeration(values)
        case .date: .date
        case .number: .double
        case .boolean: .bool
        }
    }

    /// Whether values of this type are personal data, shown only where a user needs them.
    public var isPersonalData: Bool {
        switch self {
        case .phone, .email, .nik: true
        default: false
        }
    }
}

/// A channel a complaint may come in through (kanal pengaduan).
public struct Channel: Hashable, Sendable {
    /// The channel's id, as rules compare it: `channel == 'instagram'`.
    public var id: Located<ChannelID>
    /// The name as the SOP writes it, e.g. `SP4N Lapor`.
    public var name: String
    /// A longer description, if any.
    public var description: String?

    /// Creates a channel.
    public init(id: Located<ChannelID>, name: String, description: String? = nil) {
        self.id = id
        self.name = name
        self.description = description
    }
}

/// How a case can end.
public struct Outcome: Hashable, Sendable {
    /// The outcome's id, named by `end:`.
    public var id: Located<OutcomeID>
    /// What the outcome means, in the SOP's words.
    public var name: String
    /// The status a case has once it ends so.
    public var status: OutcomeStatus
    /// A longer description, if any.
    public var description: String?

    /// Creates an outcome.
    public init(id: Located<OutcomeID>, name: String, status: OutcomeStatus, description: String? = nil) {
        self.id = id
        self.name = name
        self.status = status
        self.description = description
    }
}

/// The status a case has after it ends with an outcome.
public enum OutcomeStatus: String, CaseIterable, Hashable, Sendable {
    /// The complaint was resolved.
    case resolved
    /// The complaint was rejected (not processable).
    case rejected
    /// The case was closed without a resolution of its own.
    case closed
}

/// A rule every new case must satisfy, with the message staff see when it does not.
public struct IntakeRule: Hashable, Sendable {
    /// The rule.
    public var rule: Rule
    /// The message shown when the rule does not hold.
    public var message: String
    /// Where the rule was written.
    public var location: SourceLocation

    /// Creates an intake rule.
    public init(rule: Rule, message: String, location: SourceLocation) {
        self.rule = rule
        self.message = message
        self.location = location
    }
}

import Foundation
import SOPModel

/// One thing that happened to a case. A case's state is the fold of its events, in order.
public struct CaseEvent: Hashable, Sendable, Codable {
    /// The event's place in the case's history, from 1.
    public var sequence: Int
    /// When it happened.
    public var at: Date
    /// The user who did it.
    public var by: String
    /// What happened.
    public var kind: Kind
    /// When it was recorded, for an event whose time a member of staff stated (`--at`: a complaint
    /// received on paper); nil when it was recorded as it happened.
    public var recordedAt: Date?

    /// Creates an event.
    public init(sequence: Int, at: Date, by: String, kind: Kind, recordedAt: Date? = nil) {
        self.sequence = sequence
        self.at = at
        self.by = by
        self.kind = kind
        self.recordedAt = recordedAt
    }

    /// What happened.
    public enum Kind: Hashable, Sendable {
        /// The case was opened.
        indirect case opened(Opened)
        /// The case moved onto a step, which these actors (of the case's revision) must do; the
        /// sweep escalates it at the moments scheduled (the step's `escalation:` levels, in force
        /// from its start) and reminds the staff who hold its roles at the moments of `reminders`.
        /// `dueAt` is nil for a step with no stated time.
        case stepStarted(
            step: StepID, dueAt: Date?, waitsForReporter: Bool, actors: [ActorID]? = nil, escalations: [ScheduledEscalation] = [],
            reminders: [ScheduledReminder] = [])
        /// A document was attached.
        indirect case documentAttached(AttachedDocument)
        /// A document a step produces was waived, with a reason.
        case documentWaived(document: DocumentID, step: StepID, reason: String)
        /// One of several actors who do a step together took part; `onBehalfOfReporter` for the
        /// part of an actor outside the office (the resident), recorded by the staff member who
        /// did the step with them.
        case stepContributed(step: StepID, role: ActorID, onBehalfOfReporter: Bool = false)
        /// A step was done.
        case stepCompleted(step: StepID, branch: String?, onBehalfOfReporter: Bool)
        /// An optional step was skipped.
        case stepSkipped(step: StepID, reason: String)
        /// The case was returned to the reporter for rework.
        case returnedToReporter(from: StepID, reason: String)
        /// The step was escalated to another actor by a member of staff; `early` when the step was
        /// not overdue yet (a reason is then required).
        case escalated(step: StepID, to: ActorID, reason: String?, early: Bool = false)
        /// The sweep escalated the case by a level of its workflow's `escalation:` whose time had
        /// come: of the step (`step`), or of the whole case (`step` nil). `dueAt` is the moment
        /// the level fell due; the event's time, when the sweep recorded it.
        case escalatedBySchedule(step: StepID?, level: Int, to: ActorID, dueAt: Date)
        /// The sweep reminded the staff who hold the step's roles that it is at risk or overdue;
        /// `dueAt` is the moment the reminder fell due, the event's time when the sweep recorded it.
        case reminded(step: StepID, reminder: Reminder, dueAt: Date)
        /// A note was added.
        case noteAdded(String)
        /// The case ended.
        /// `handedOffTo` is the SOP a hand-off gave it to: a workflow, or a title.
        case ended(status: CaseStatus, outcome: OutcomeID?, handedOffTo: HandoffTarget?, reason: String?)
        /// The case was moved onto another revision of its SOP (`sop move`).
        indirect case moved(RevisionMove)
        /// A move was undone: the case is back on the revision, step and deadlines it had.
        indirect case moveUndone(RevisionMove)
        /// The case's due times were computed again under a newly published revision of its
        /// calendar (`sop publish`).
        indirect case rescheduled(Rescheduling)
    }

    /// What a case starts with.
    public struct Opened: Hashable, Sendable, Codable {
        /// The case's number (its sequence in the database).
        public var number: Int
        /// The register number, e.g. `067/PGD/2026/000123`.
        public var registerNumber: String
        /// The workflow revision the case runs on, for good.
        public var workflow: WorkflowReference
        /// The case's fields.
        public var fields: [String: FieldValue]
        /// The channel the complaint came in through.
        public var channel: String?
        /// When the whole case is due.
        public var dueAt: Date
        /// The escalations of the whole case, scheduled from its opening (the workflow's top-level
        /// `escalation:` levels).
        public var escalations: [ScheduledEscalation]

        /// Creates the opening record.
        public init(
            number: Int, registerNumber: String, workflow: WorkflowReference, fields: [String: FieldValue],
            channel: String?, dueAt: Date, escalations: [ScheduledEscalation] = []
        ) {
            self.number = number
            self.registerNumber = registerNumber
            self.workflow = workflow
            self.fields = fields
            self.channel = channel
            self.dueAt = dueAt
            self.escalations = escalations
        }

        // As Swift synthesizes it (the format of events written before 2026-12), with the
        // escalations, written only when there are some, read as none when absent.
        enum CodingKeys: String, CodingKey { case number, registerNumber, workflow, fields, channel, dueAt, escalations }

        public init(from decoder: any Decoder) throws {
            let values = try decoder.container(keyedBy: CodingKeys.self)
            number = try values.decode(Int.self, forKey: .number)
            registerNumber = try values.decode(String.self, forKey: .registerNumber)
            workflow = try values.decode(WorkflowReference.self, forKey: .workflow)
            fields = try values.decode([String: FieldValue].self, forKey: .fields)
            channel = try values.decodeIfPresent(String.self, forKey: .channel)
            dueAt = try values.decode(Date.self, forKey: .dueAt)
            escalations = try values.decodeIfPresent([ScheduledEscalation].self, forKey: .escalations) ?? []
        }

        public func encode(to encoder: any Encoder) throws {
            var values = encoder.container(keyedBy: CodingKeys.self)
            try values.encode(number, forKey: .number)
            try values.encode(registerNumber, forKey: .registerNumber)
            try values.encode(workflow, forKey: .workflow)
            try values.encode(fields, forKey: .fields)
            try values.encodeIfPresent(channel, forKey: .channel)
            try values.encode(dueAt, forKey: .dueAt)
            if !escalations.isEmpty { try values.encode(escalations, forKey: .escalations) }
        }
    }
}

/// A level of escalation and the moment it falls due, fixed when its step starts (or the case
/// opens) by the calendar then in force.
public struct ScheduledEscalation: Hashable, Sendable, Codable {
    /// The level, from 1, in the order the workflow lists them.
    public var level: Int
    /// The actor the step or case is escalated to.
    public var to: ActorID
    /// When it falls due.
    public var at: Date

    /// Creates a scheduled escalation.
    public init(level: Int, to: ActorID, at: Date) {
        self.level = level
        self.to = to
        self.at = at
    }

    enum CodingKeys: String, CodingKey { case level, to, at }

    public init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        level = try values.decode(Int.self, forKey: .level)
        to = ActorID(try values.decode(String.self, forKey: .to))
        at = try values.decode(Date.self, forKey: .at)
    }

    public func encode(to encoder: any Encoder) throws {
        var values = encoder.container(keyedBy: CodingKeys.self)
        try values.encode(level, forKey: .level)
        try values.encode(to.rawValue, forKey: .to)
        try values.encode(at, forKey: .at)
    }
}

/// What a reminder says of a step.
public enum Reminder: String, Hashable, Sendable, Codable, CaseIterable {
    /// 75% of the step's working time is used.
    case atRisk = "at-risk"
    /// The step's time ran out.
    case overdue
}

/// A reminder and the moment it falls due, fixed when its step starts by the calendar then in
/// force.
public struct ScheduledReminder: Hashable, Sendable, Codable {
    /// What it says.
    public var reminder: Reminder
    /// When it falls due.
    public var at: Date

    /// Creates a scheduled reminder.
    public init(_ reminder: Reminder, at: Date) {
        self.reminder = reminder
        self.at = at
    }

    enum CodingKeys: String, CodingKey { case reminder, at }

    public init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        let name = try values.decode(String.self, forKey: .reminder)
        guard let reminder = Reminder(rawValue: name) else {
            throw DecodingError.dataCorruptedError(forKey: .reminder, in: values, debugDescription: "no reminder is called '\(name)'")
        }
        self.reminder = reminder
        at = try values.decode(Date.self, forKey: .at)
    }

    public func encode(to encoder: any Encoder) throws {
        var values = encoder.container(keyedBy: CodingKeys.self)
        try values.encode(reminder.rawValue, forKey: .reminder)
        try values.encode(at, forKey: .at)
    }
}

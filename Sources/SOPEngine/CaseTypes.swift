import Foundation
import SOPModel

/// A member of staff, as the engine sees them: who they are and which actor roles they hold.
public struct Performer: Hashable, Sendable {
    /// The user's name in the staff registry.
    public var user: String
    /// The actor roles the user holds (`front-office`, `tim-pengaduan`, …).
    public var roles: Set<ActorID>

    /// Creates a performer.
    public init(user: String, roles: Set<ActorID>) {
        self.user = user
        self.roles = roles
    }
}

/// The revision of a workflow a case runs on.
public struct WorkflowReference: Hashable, Sendable, Codable {
    /// The workflow's id.
    public var id: WorkflowID
    /// Its revision number.
    public var revision: Int
    /// SHA-256 of the exact YAML text, in hex.
    public var contentHash: String

    /// Creates a reference.
    public init(id: WorkflowID, revision: Int, contentHash: String) {
        self.id = id
        self.revision = revision
        self.contentHash = contentHash
    }
}

/// Where a case stands.
public enum CaseStatus: String, Sendable, Codable, CaseIterable {
    /// Being worked on by the office.
    case open
    /// Waiting for the reporter (a step of an external actor, or returned for rework).
    case waitingForReporter = "waiting-for-reporter"
    /// Ended with a resolved outcome.
    case resolved
    /// Ended with a rejected outcome.
    case rejected
    /// Withdrawn by the reporter.
    case withdrawn
    /// Ended otherwise (a closed outcome, or handed off to another SOP).
    case closed

    /// Whether no more steps can be taken.
    public var isFinal: Bool {
        switch self {
        case .open, .waitingForReporter: false
        case .resolved, .rejected, .withdrawn, .closed: true
        }
    }
}

/// A typed value of a case field.
public enum FieldValue: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Text, a phone number, an e-mail address, a NIK or an enum value.
    case text(String)
    /// A number.
    case number(Double)
    /// Yes or no.
    case boolean(Bool)
    /// A date.
    case date(CivilDate)

    public var description: String {
        switch self {
        case .text(let value): value
        case .number(let value): value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : String(value)
        case .boolean(let value): value ? "ya" : "tidak"
        case .date(let value): value.description
        }
    }
}

/// A document attached to a case, stored by its SHA-256.
public struct AttachedDocument: Hashable, Sendable, Codable {
    /// Which document of the workflow it is.
    public var document: DocumentID
    /// SHA-256 of the content, in hex.
    public var sha256: String
    /// The file's name as given.
    public var fileName: String
    /// Size in bytes.
    public var size: Int
    /// The step it was attached at, if any.
    public var step: StepID?

    /// Creates an attached-document record.
    public init(document: DocumentID, sha256: String, fileName: String, size: Int, step: StepID?) {
        self.document = document
        self.sha256 = sha256
        self.fileName = fileName
        self.size = size
        self.step = step
    }
}

/// The step a case stands on.
public struct ActiveStep: Hashable, Sendable {
    /// The step.
    public var step: StepID
    /// When it started.
    public var startedAt: Date
    /// When its budget runs out, in working time; nil for a step with no stated time.
    public var dueAt: Date?
    /// For a step done by several actors together: the roles that have taken part so far.
    public var rolesDone: [ActorID]
    /// The actor the step was escalated to, if it was.
    public var escalatedTo: ActorID?
    /// The actors who must do the step, as the case's revision names them.
    public var actors: [ActorID]
    /// Whether it is the reporter's step: the case waits on the reporter while it stands here.
    public var waitsForReporter: Bool
    /// The escalations scheduled when the step started, in level order.
    public var escalations: [ScheduledEscalation]
    /// The last level the sweep escalated the step to (0: none yet).
    public var escalationLevel: Int
    /// The reminders scheduled when the step started, in the order they fall due.
    public var reminders: [ScheduledReminder]
    /// How many of them the sweep recorded (always the first ones).
    public var remindersSent: Int
    /// Whether a calendar change moved its due time while the case stood on it (`rescheduled`).
    public var dueRescheduled = false

    /// Creates an active step.
    public init(
        step: StepID, startedAt: Date, dueAt: Date?, rolesDone: [ActorID] = [], escalatedTo: ActorID? = nil,
        actors: [ActorID] = [], waitsForReporter: Bool = false, escalations: [ScheduledEscalation] = [], escalationLevel: Int = 0,
        reminders: [ScheduledReminder] = [], remindersSent: Int = 0
    ) {
        self.reminders = reminders
        self.remindersSent = remindersSent
        self.step = step
        self.startedAt = startedAt
        self.dueAt = dueAt
        self.rolesDone = rolesDone
        self.escalatedTo = escalatedTo
        self.actors = actors
        self.waitsForReporter = waitsForReporter
        self.escalations = escalations
        self.escalationLevel = escalationLevel
    }

    /// The next level of the step's escalation still to come, if any.
    public var nextEscalation: ScheduledEscalation? { escalations.first { $0.level > escalationLevel } }

    /// The next reminder still to come, if any.
    public var nextReminder: ScheduledReminder? { remindersSent < reminders.count ? reminders[remindersSent] : nil }

    /// The roles that may act on the step now: its actors and the one it was escalated to.
    public var actingRoles: [ActorID] { actors + (escalatedTo.map { [$0] } ?? []) }
}

/// What happened to one step of a case, for the timeline.
public struct StepRecord: Hashable, Sendable, Codable {
    /// How the step ended.
    public enum Ending: String, Sendable, Codable {
        /// Done.
        case completed
        /// Skipped (an optional step), with a reason.
        case skipped
        /// Returned to the reporter for rework.
        case returned
    }
    /// The step.
    public var step: StepID
    /// When it started.
    public var startedAt: Date
    /// When it was due; nil for a step with no stated time.
    public var dueAt: Date?
    /// When it ended.
    public var endedAt: Date
    /// Who ended it.
    public var by: String
    /// Whether a member of staff recorded it on the reporter's behalf.
    public var onBehalfOfReporter: Bool
    /// How it ended.
    public var ending: Ending
    /// The branch chosen, for a decision.
    public var branch: String?
    /// The reason given (skip, return, waiver).
    public var reason: String?
    /// Whether a calendar change moved its due time while it ran: `dueAt` is then the due time
    /// computed again, the one in force when it ended.
    public var dueRescheduled = false

    enum CodingKeys: String, CodingKey {
        case step, startedAt, dueAt, endedAt, by, onBehalfOfReporter, ending, branch, reason
    }

    /// Creates a step record.
    public init(
        step: StepID, startedAt: Date, dueAt: Date?, endedAt: Date, by: String, onBehalfOfReporter: Bool,
        ending: Ending, branch: String? = nil, reason: String? = nil, dueRescheduled: Bool = false
    ) {
        self.dueRescheduled = dueRescheduled
        self.step = step
        self.startedAt = startedAt
        self.dueAt = dueAt
        self.endedAt = endedAt
        self.by = by
        self.onBehalfOfReporter = onBehalfOfReporter
        self.ending = ending
        self.branch = branch
        self.reason = reason
    }
}

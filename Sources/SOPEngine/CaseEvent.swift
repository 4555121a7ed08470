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
        /// The case moved onto a step, which these actors (of the case's revision) must do.
        case stepStarted(step: StepID, dueAt: Date, waitsForReporter: Bool, actors: [ActorID]? = nil)
        /// A document was attached.
        indirect case documentAttached(AttachedDocument)
        /// A document a step produces was waived, with a reason.
        case documentWaived(document: DocumentID, step: StepID, reason: String)
        /// One of several actors who do a step together took part.
        case stepContributed(step: StepID, role: ActorID)
        /// A step was done.
        case stepCompleted(step: StepID, branch: String?, onBehalfOfReporter: Bool)
        /// An optional step was skipped.
        case stepSkipped(step: StepID, reason: String)
        /// The case was returned to the reporter for rework.
        case returnedToReporter(from: StepID, reason: String)
        /// The step was escalated to another actor.
        case escalated(step: StepID, to: ActorID, reason: String?)
        /// A note was added.
        case noteAdded(String)
        /// The case ended.
        case ended(status: CaseStatus, outcome: OutcomeID?, handedOffTo: WorkflowID?, reason: String?)
        /// The case was moved onto another revision of its SOP (`sop move`).
        indirect case moved(RevisionMove)
        /// A move was undone: the case is back on the revision, step and deadlines it had.
        indirect case moveUndone(RevisionMove)
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

        /// Creates the opening record.
        public init(
            number: Int, registerNumber: String, workflow: WorkflowReference, fields: [String: FieldValue],
            channel: String?, dueAt: Date
        ) {
            self.number = number
            self.registerNumber = registerNumber
            self.workflow = workflow
            self.fields = fields
            self.channel = channel
            self.dueAt = dueAt
        }
    }
}

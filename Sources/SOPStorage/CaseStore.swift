import Foundation
import SOPEngine
import SOPModel

/// Where complaint cases, their events, the staff registry, attachments and workflow texts are
/// kept; SQLite today (`SQLiteCaseStore`), another database later.
///
/// Every method that writes does so in one transaction: a case's new state and its events are
/// written together or not at all. Reports read many cases at once through the store's
/// `CaseHistoryReading`.
///
/// Every store passes the same contract tests (`Tests/SOPStoreTests`, the suites named "Store
/// contract", run for each of the test target's `StoreFactory.all`).
public protocol CaseStore: CaseHistoryReading {
    /// Stores the exact YAML text of a workflow revision once, by the SHA-256 of its UTF-8 bytes,
    /// and returns that hash in lowercase hex.
    func storeWorkflowText(_ text: String, workflow: WorkflowID, revision: Int) throws -> String
    /// The YAML text stored under a SHA-256 hash, or nil when none is.
    func workflowText(hash: String) throws -> String?

    /// Opens a case atomically: allocates the next case number, formats its register number,
    /// calls `make(number, registerNumber)` (the engine) inside the write transaction, then writes
    /// the case and its events.
    ///
    /// If `make` throws, nothing is written, the number is not used up, and the error is rethrown
    /// unchanged.
    /// The workflow text (when given) and the attachments are stored in the same transaction.
    func openCase(
        at instant: Date, workflowText: WorkflowText?, attachments: [Data],
        _ make: (_ number: Int, _ registerNumber: String) throws -> [CaseEvent]
    ) throws -> CaseState

    /// Appends events to a case and writes its new state in one transaction, only if the stored
    /// version still equals `expectedVersion`; otherwise throws a `conflict` error and writes
    /// nothing.
    /// Attachments given are stored by SHA-256 in the same transaction. `state`, when given, is
    /// the case at `expectedVersion` as the caller folded it: events are append-only, so when the
    /// version still matches, it is the fold of the stored events and need not be rebuilt.
    func append(
        _ events: [CaseEvent], attachments: [Data], to caseNumber: Int, expectedVersion: Int, from state: CaseState?
    ) throws -> CaseState

    /// The case with a number (`"123"`) or a register number (`"067/PGD/2026/000123"`), with its
    /// events; nil when there is none.
    func loadCase(_ reference: String) throws -> StoredCase?

    /// The cases a filter selects: newest (highest number) first, or by step deadline.
    func cases(matching filter: CaseFilter) throws -> [CaseSummary]

    /// For each case in turn, in one write transaction: reads it, asks `make` for the events to
    /// append, and appends them, each case all or nothing on its own (one refused leaves the
    /// others written); no other writer comes between a case's read and its write. The outcomes
    /// are in the order of `numbers`.
    ///
    /// `make` may be called on other threads than the caller's, for several cases at once, and
    /// before the case before it is written; it must not touch the store.
    func appendEach(
        _ numbers: [Int], _ make: @escaping @Sendable (StoredCase) throws -> [CaseEvent]
    ) throws -> [(number: Int, outcome: Result<AppendedCase, any Error>)]

    /// The numbers of the cases whose next scheduled moment (`CaseState.nextScheduledAt`) is at
    /// or before `instant`, soonest first, at most `limit`: what the sweep has to do, read by an
    /// index of that moment, never by reading every case. Each with the revision it runs on.
    func casesDue(at instant: Date, limit: Int) throws -> [(number: Int, workflow: WorkflowReference)]

    /// Writes a move of cases onto another revision in one transaction, all or nothing:
    /// allocates its id (`M` and the next number), calls `make(id)` inside the transaction for
    /// what to write, stores the target revision's text, then appends each case's events only if
    /// its version still equals the move's `expectedVersion` (otherwise throws `conflict` and
    /// writes nothing at all) and records the move with the cases it moved.
    ///
    /// If `make` throws, nothing is written, the number is not used up, and the error is rethrown
    /// unchanged.
    func moveCases(_ make: (_ moveID: String) throws -> MoveBatch) throws -> MoveRecord

    /// Undoes a move in one transaction, all or nothing: reads its record and the cases it
    /// moved (`unknown-migration`, `already-undone` otherwise), calls `make(record, cases)` for the
    /// events that move them back, appends them at the cases' versions and marks the move
    /// undone. If `make` throws, nothing is written and the error is rethrown unchanged.
    func undoMove(
        _ id: String, _ make: (_ record: MoveRecord, _ cases: [StoredCase]) throws -> MoveUndoBatch
    ) throws -> MoveRecord

    /// The move with an id (`M1`), or nil.
    func revisionMove(_ id: String) throws -> MoveRecord?

    /// The moves of a workflow (of every workflow when nil), oldest first.
    func revisionMoves(workflow: WorkflowID?) throws -> [MoveRecord]

    /// How the database was set up; nil for a database no one has set up yet (`sop init`).
    func office() throws -> OfficeSetup?
    /// Sets a new database up, in one transaction: records `setup`, and makes `setup.createdBy`
    /// its first administrator (role `admin`) as the registry's first change. Refused
    /// (`already-set-up`) on a database set up before, with nothing written.
    func setUp(_ setup: OfficeSetup) throws

    /// Grants roles to a user, adding the user to the registry when new, and records the change
    /// (who, when, the roles the user did not hold yet) in the same transaction; roles already
    /// held change nothing and record nothing.
    func addStaff(_ user: String, roles: [String], by actor: String, at instant: Date) throws
    /// Withdraws roles from a user, or removes the user altogether when `roles` is nil, and records
    /// the change in the same transaction; an unknown user, a role the user does not hold, or the
    /// removal of the last administrator (`last-administrator`) is refused with nothing written.
    func removeStaff(_ user: String, roles: [String]?, by actor: String, at instant: Date) throws
    /// Every change of the staff registry, oldest first.
    func staffChanges() throws -> [StaffChange]

    /// Publishes texts in one transaction, by an administrator: stores each text and records its
    /// publication. A workflow revision already published with the same text, or a calendar whose
    /// newest publication has the same text, is left as it is; a workflow revision published
    /// before with another text is refused (`revision-published`), with nothing written.
    /// Returns the publications recorded.
    ///
    /// In the same transaction, after the publications, every open case running on one of
    /// `revisions` is read at the version it stands at and `make` gives the events to append to
    /// it (none: it is left as it is): a calendar published anew computes the due times of the
    /// open cases that use it again. All or nothing: when `make` throws, nothing is written and
    /// the error is rethrown unchanged. Returns the publications recorded and the cases written.
    func publish(
        _ texts: [PublishedText], by actor: String, at instant: Date, rescheduling revisions: Set<WorkflowReference>,
        _ make: (StoredCase) throws -> [CaseEvent]
    ) throws -> PublicationRecord
    /// The revisions that open cases (open or waiting for the reporter) run on.
    func openCaseRevisions() throws -> [WorkflowReference]
    /// The open cases running on one of `revisions`, with their events, by number, read in one
    /// snapshot.
    func openCases(on revisions: Set<WorkflowReference>) throws -> [StoredCase]
    /// Every publication, oldest first.
    func publications() throws -> [Publication]
    /// The calendar text stored under a SHA-256 hash, or nil.
    func calendarText(hash: String) throws -> String?

    /// Records that a user saw a case's personal data in full, by a command (`case show`).
    func recordReveal(caseNumber: Int, by user: String, command: String, at instant: Date) throws
    /// Every reveal of personal data (of one case when given), oldest first.
    func reveals(caseNumber: Int?) throws -> [Reveal]
    /// The whole staff registry, by user name.
    func staff() throws -> [StaffMember]
    /// One member of staff, or nil.
    func staffMember(_ user: String) throws -> StaffMember?

    /// The ledger's newest entry and its head (`Chain`); nil while nothing was written.
    func ledgerHead() throws -> LedgerHead?
    /// Checks the whole store in one snapshot: every case's chain of events, each event read and
    /// folded and the case's row compared with the fold, the ledger and what it records, every
    /// attachment's and text's SHA-256, the registry against its changes, the publications; and
    /// that the ledger still holds each of `earlierHeads` (heads printed before). Every problem is
    /// returned; nothing is written.
    func verify(extending earlierHeads: [String]) throws -> Verification

    /// Writes a consistent copy of the whole store into a new file at `path` while others keep
    /// writing, and returns the copy's own verification; a file there already is never overwritten.
    func backup(to path: String) throws -> Verification

    /// The office's notification settings in force (the newest set); nil while none was set.
    func notificationSettings() throws -> NotificationSettings?
    /// Records new notification settings, by an administrator (`settings.by`), kept for good with
    /// the ones before; the newest is in force. Refused from anyone else with nothing written.
    func setNotificationSettings(_ settings: NotificationSettings) throws
    /// Gives a member of staff an e-mail address for notices, or takes it away (nil), by an
    /// administrator; every change is kept.
    func setStaffEmail(_ user: String, email: String?, by actor: String, at instant: Date) throws
    /// The e-mail address of each member of staff who has one, by user name.
    func staffEmails() throws -> [String: String]
    /// Takes up to `limit` pending outbox entries due at `instant` that no other run holds, for
    /// `lease` seconds, each with the staff who hold its roles now and the settings in force.
    /// Two runs at once never take the same entry.
    func claimDeliveries(at instant: Date, limit: Int, lease: TimeInterval) throws -> [ClaimedDelivery]
    /// Records what became of a claimed entry: an attempt (delivered or failed, kept for good) or
    /// a postponement (no attempt counted), and releases the claim. With `claim` (the claimed
    /// entry's `claimedUntil`), a failure or postponement of a run whose claim was taken over by
    /// another run records the attempt and changes nothing else; a delivery always counts.
    func finishDelivery(_ entry: Int, claim: Date?, at instant: Date, result: DeliveryResult) throws
    /// Outbox entries (of one status when given), newest first, at most `limit`.
    func outbox(status: OutboxEntry.Status?, limit: Int) throws -> [OutboxEntry]
    /// Every attempt to deliver an entry, oldest first.
    func deliveryAttempts(entry: Int) throws -> [DeliveryAttempt]
    /// Puts an entry that was given up (`failed`) back to pending, due at `instant`, by an
    /// administrator.
    func retryDelivery(_ entry: Int, by actor: String, at instant: Date) throws -> OutboxEntry

    /// The largest attachment, in bytes, the store takes.
    var attachmentLimit: Int { get }
    /// Stores an attachment once by its SHA-256 and returns the hash (lowercase hex) and size;
    /// refuses content over the store's size limit.
    func storeAttachment(_ data: Data) throws -> (sha256: String, size: Int)
    /// The attachment stored under a SHA-256 hash, or nil.
    func attachment(sha256: String) throws -> Data?
}

extension CaseStore {
    /// Opens a case with no attachments.
    public func openCase(at instant: Date, _ make: (_ number: Int, _ registerNumber: String) throws -> [CaseEvent]) throws -> CaseState {
        try openCase(at: instant, workflowText: nil, attachments: [], make)
    }

    /// Publishes texts, changing no case.
    public func publish(_ texts: [PublishedText], by actor: String, at instant: Date) throws -> [Publication] {
        try publish(texts, by: actor, at: instant, rescheduling: []) { _ in [] }.publications
    }

    /// Appends events with no attachments.
    public func append(_ events: [CaseEvent], to caseNumber: Int, expectedVersion: Int) throws -> CaseState {
        try append(events, attachments: [], to: caseNumber, expectedVersion: expectedVersion, from: nil)
    }

    /// Appends events with attachments, rebuilding the state from the stored events.
    public func append(_ events: [CaseEvent], attachments: [Data], to caseNumber: Int, expectedVersion: Int) throws -> CaseState {
        try append(events, attachments: attachments, to: caseNumber, expectedVersion: expectedVersion, from: nil)
    }
}

/// The exact YAML text of a workflow revision, stored once by the SHA-256 of its UTF-8 bytes.
public struct WorkflowText: Hashable, Sendable {
    /// The text.
    public var text: String
    /// The workflow's id.
    public var workflow: WorkflowID
    /// The revision.
    public var revision: Int
    /// SHA-256 of the text's UTF-8 bytes, lowercase hex: the key cases refer to it by.
    public var hash: String { ContentHash.hex(text.utf8) }

    /// Pairs a text with its workflow and revision.
    public init(text: String, workflow: WorkflowID, revision: Int) {
        self.text = text
        self.workflow = workflow
        self.revision = revision
    }
}

/// What a publication wrote: the publications, and the cases whose events it appended to
/// (due times computed again under a new calendar).
public struct PublicationRecord: Hashable, Sendable {
    /// The publications recorded, in the order of the texts.
    public var publications: [Publication]
    /// Each case written, by number.
    public var cases: [AppendedCase]

    /// Creates a record.
    public init(publications: [Publication], cases: [AppendedCase] = []) {
        self.publications = publications
        self.cases = cases
    }
}

/// A case events were appended to: its state after, and the events appended.
public struct AppendedCase: Hashable, Sendable {
    /// The state after.
    public var state: CaseState
    /// The events appended, in order.
    public var events: [CaseEvent]

    /// Pairs a state with the events appended.
    public init(state: CaseState, events: [CaseEvent]) {
        self.state = state
        self.events = events
    }
}

/// A case as stored: its state and every event, in order.
public struct StoredCase: Hashable, Sendable {
    /// The state: the fold of the events.
    public var state: CaseState
    /// The events, from the first (`opened`).
    public var events: [CaseEvent]

    /// Pairs a state with its events.
    public init(state: CaseState, events: [CaseEvent]) {
        self.state = state
        self.events = events
    }
}

/// One line of a case list: what a queue or a search shows without loading the case.
///
/// Its dates come from the store's index columns (seconds since 1970 as a double), so they can
/// differ from the case's own dates by well under a microsecond.
public struct CaseSummary: Hashable, Sendable, Codable {
    /// The case's number.
    public var number: Int
    /// Its register number.
    public var registerNumber: String
    /// The workflow revision it runs on.
    public var workflow: WorkflowReference
    /// Where it stands.
    public var status: CaseStatus
    /// The step it stands on (nil once it ended).
    public var currentStep: StepID?
    /// The channel it came in through.
    public var channel: String?
    /// When it was opened.
    public var openedAt: Date
    /// When the whole case is due.
    public var dueAt: Date
    /// When its current step is due.
    public var stepDueAt: Date?
    /// When its current step started.
    public var stepStartedAt: Date?
    /// The roles that may act on its current step (its actors and any escalation).
    public var currentActors: [ActorID]
    /// When it ended.
    public var closedAt: Date?
    /// How many events it has (the version `append` expects).
    public var version: Int
    /// The next moment the sweep does something for it, a reminder or an escalation
    /// (`CaseState.nextScheduledAt`), if any.
    public var nextScheduledAt: Date?

    /// Creates a summary.
    public init(
        number: Int, registerNumber: String, workflow: WorkflowReference, status: CaseStatus, currentStep: StepID?,
        channel: String?, openedAt: Date, dueAt: Date, stepDueAt: Date?, stepStartedAt: Date? = nil,
        currentActors: [ActorID] = [], closedAt: Date?, version: Int, nextScheduledAt: Date? = nil
    ) {
        self.nextScheduledAt = nextScheduledAt
        self.stepStartedAt = stepStartedAt
        self.currentActors = currentActors
        self.number = number
        self.registerNumber = registerNumber
        self.workflow = workflow
        self.status = status
        self.currentStep = currentStep
        self.channel = channel
        self.openedAt = openedAt
        self.dueAt = dueAt
        self.stepDueAt = stepDueAt
        self.closedAt = closedAt
        self.version = version
    }
}

/// Which cases to list, and in which order; every condition given must hold.
public struct CaseFilter: Hashable, Sendable {
    /// The order of a case list.
    public enum Order: Hashable, Sendable {
        /// Highest case number (the newest) first.
        case newestFirst
        /// Current step's deadline first, soonest first; cases on no step last.
        case dueSoonestFirst
    }

    /// Cases in one of these statuses.
    public var statuses: Set<CaseStatus>?
    /// Cases of this workflow (any revision).
    public var workflow: WorkflowID?
    /// Cases standing on this step.
    public var step: StepID?
    /// Cases standing on one of these steps (a queue: the steps a user's roles may do).
    public var steps: Set<StepID>?
    /// Cases whose current step one of these roles may act on.
    public var roles: Set<ActorID>?
    /// Cases that came in through this channel.
    public var channel: String?
    /// Cases opened at or after this instant.
    public var openedFrom: Date?
    /// Cases opened before this instant (the range is half-open).
    public var openedTo: Date?
    /// Cases not ended whose current step was due before this instant.
    public var overdueAt: Date?
    /// At most this many cases.
    public var limit: Int?
    /// The order.
    public var order: Order

    /// Creates a filter; with no arguments it selects every case, newest first.
    public init(
        statuses: Set<CaseStatus>? = nil, workflow: WorkflowID? = nil, step: StepID? = nil, steps: Set<StepID>? = nil,
        roles: Set<ActorID>? = nil, channel: String? = nil, openedFrom: Date? = nil, openedTo: Date? = nil, overdueAt: Date? = nil,
        limit: Int? = nil, order: Order = .newestFirst
    ) {
        self.statuses = statuses
        self.workflow = workflow
        self.step = step
        self.steps = steps
        self.roles = roles
        self.channel = channel
        self.openedFrom = openedFrom
        self.openedTo = openedTo
        self.overdueAt = overdueAt
        self.limit = limit
        self.order = order
    }
}

/// A member of staff in the registry and the actor roles they hold.
public struct StaffMember: Hashable, Sendable, Codable {
    /// The user's name.
    public var user: String
    /// The actor roles they hold (`front-office`, …), sorted.
    public var roles: [String]
    /// When the user was first added.
    public var addedAt: Date

    /// Creates a staff member.
    public init(user: String, roles: [String], addedAt: Date) {
        self.user = user
        self.roles = roles
        self.addedAt = addedAt
    }

    /// The member as the engine sees them.
    public var performer: Performer { Performer(user: user, roles: Set(roles.map { ActorID($0) })) }
}

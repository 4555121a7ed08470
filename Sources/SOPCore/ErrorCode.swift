/// The stable name of every mistake or problem a staff member or administrator can be told about,
/// in one catalogue: the engine's refusals, the store's problems and the service's.
///
/// A code is printed in `--format json` output and read by scripts and tests; its text (the raw
/// value) never changes meaning once shipped. Callers compare codes, never messages.
public enum ErrorCode: String, Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
    // MARK: The engine: a command refused

    /// A field the workflow does not have.
    case unknownField = "unknown-field"
    /// A field's value does not fit its type.
    case invalidField = "invalid-field"
    /// A required field was left out.
    case missingField = "missing-field"
    /// The channel was left out where there are several, or is not one of the workflow's.
    case invalidChannel = "invalid-channel"
    /// An intake rule of the SOP does not hold for the complaint.
    case intakeRule = "intake-rule"
    /// The case has ended.
    case caseEnded = "case-ended"
    /// The command names a step the case does not stand on.
    case notCurrentStep = "not-current-step"
    /// The user does not hold a role the step needs.
    case missingRole = "missing-role"
    /// The user's role already took part in a joint step.
    case alreadyDone = "already-done"
    /// A document the step must produce is neither attached nor waived.
    case missingOutput = "missing-output"
    /// A document the workflow does not have.
    case unknownDocument = "unknown-document"
    /// A document waived at a step that does not produce it.
    case notAnOutput = "not-an-output"
    /// A branch that is missing, unknown, not allowed by its rule, or given for a plain step.
    case branch
    /// A step that is not optional cannot be skipped.
    case notOptional = "not-optional"
    /// A reason is needed and was not given.
    case reasonRequired = "reason-required"
    /// Text given is empty or too long.
    case invalidText = "invalid-text"
    /// The workflow has no reporter's step to return the case to.
    case noReporterStep = "no-reporter-step"
    /// The step names no actor to escalate to.
    case noEscalation = "no-escalation"
    /// An actor the workflow does not have.
    case unknownActor = "unknown-actor"
    /// Escalation to an actor outside the office.
    case escalateToReporter = "escalate-to-reporter"
    /// A hand-off to an SOP the step cannot hand to.
    case handoff
    /// The workflow itself does not let the command go on (no steps, a step without a way on, a
    /// loop of optional steps, a revision that does not fit the case), or a workflow cannot be had.
    case workflow
    /// A move between revisions by someone who is not an administrator.
    case notAdministrator = "not-administrator"
    /// A move to a revision that is not newer.
    case moveBackwards = "migration-backwards"
    /// The case's step has no counterpart in the new revision.
    case stepNotMapped = "step-not-mapped"
    /// A step the revision does not have.
    case unknownStep = "unknown-step"
    /// A move would leave the case on a step without documents it needs.
    case documentsMissing = "documents-missing"
    /// The case was not moved by the move named.
    case notMoved = "not-migrated"
    /// Something happened to the case after the move, so it cannot be undone.
    case caseAdvanced = "case-advanced"
    /// The engine made an event that does not apply to the case: a fault of sop, not of the user.
    case internalFault = "internal-fault"
    /// A command dated before the case's last event.
    case beforeLastEvent = "before-last-event"
    /// A time stated with `--at` that is later than now.
    case statedTimeInFuture = "stated-time-in-future"

    // MARK: The store

    /// The case changed since it was read (optimistic concurrency).
    case conflict
    /// The file is not an SQLite database.
    case notADatabase = "not-a-database"
    /// The database or its folder cannot be written.
    case readOnly = "read-only"
    /// The database's folder does not exist.
    case missingFolder = "missing-folder"
    /// A file to be made exists already: it is never overwritten.
    case fileExists = "file-exists"
    /// The database belongs to another program.
    case foreignDatabase = "foreign-database"
    /// The database was written by a newer sop.
    case newerSchema = "newer-schema"
    /// The database lacks migrations of this sop: a command that only reads does not upgrade it.
    case outdatedSchema = "outdated-schema"
    /// The database is damaged.
    case corrupt
    /// A case's record fails its hashes or its fold: it was changed outside sop.
    case damagedCase = "damaged-case"
    /// A ledger head that is not 64 hexadecimal digits.
    case invalidHead = "invalid-head"
    /// The database stayed busy too long.
    case busy
    /// The disk is full.
    case diskFull = "disk-full"
    /// No case with that number or register number.
    case unknownCase = "unknown-case"
    /// No staff member of that name.
    case unknownUser = "unknown-user"
    /// A role the user does not hold.
    case unknownRole = "unknown-role"
    /// A name that cannot be used.
    case invalidName = "invalid-name"
    /// An attachment over the size limit.
    case attachmentTooLarge = "attachment-too-large"
    /// A workflow text the database does not hold.
    case unknownWorkflowText = "unknown-workflow-text"
    /// Events that cannot be written.
    case invalidEvents = "invalid-events"
    /// A register-number format that cannot be used.
    case invalidRegisterFormat = "invalid-register-format"
    /// Another problem of the database.
    case database
    /// No move between revisions with that id.
    case unknownMove = "unknown-migration"
    /// The move was undone already.
    case alreadyUndone = "already-undone"
    /// The database was set up already (`sop init`).
    case alreadySetUp = "already-set-up"
    /// The last administrator cannot be removed.
    case lastAdministrator = "last-administrator"
    /// A workflow revision was published before with another text.
    case revisionPublished = "revision-published"
    /// An e-mail or webhook address that cannot be used.
    case invalidAddress = "invalid-address"
    /// No notice with that number in the outbox.
    case unknownNotice = "unknown-notice"
    /// A notice sent again that was not given up.
    case noticeNotFailed = "notice-not-failed"
    /// A PostgreSQL address that cannot be read.
    case invalidDatabaseAddress = "invalid-database-address"
    /// The database server cannot be reached.
    case connectionFailed = "connection-failed"
    /// The database server refused the user's password, certificate or account.
    case authenticationFailed = "authentication-failed"
    /// The database refused what the user's database role may not do.
    case permissionDenied = "permission-denied"
    /// The database server went away during a write.
    case serverGone = "server-gone"
    /// Something this kind of database does not do (a backup of PostgreSQL by sop).
    case notOnThisStore = "not-on-this-store"
    /// A user the database server has no role for.
    case noDatabaseRole = "no-database-role"

    // MARK: The service

    /// The database cannot be used (wraps a store problem).
    case store
    /// A case cannot be found or read.
    case `case`
    /// A user cannot act, or is not known.
    case user
    /// A file cannot be read or is not what it should be.
    case file
    /// A move between revisions cannot be made as asked.
    case move = "migration"
    /// No case to move.
    case nothingToMove = "nothing-to-migrate"
    /// A report period that cannot be read.
    case period
    /// A command used in a way it cannot be.
    case usage
    /// The database has not been set up (`sop init`).
    case notSetUp = "not-set-up"
    /// A claimed identity or time on a database whose acting user is the system account.
    case identity
    /// A user whose roles do not allow seeing personal data in full.
    case notAllowedToReveal = "not-allowed-to-reveal"
    /// A file to publish has errors.
    case invalidRevision = "invalid-revision"

    public var description: String { rawValue }
}

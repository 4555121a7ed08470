import SOPModel

/// What the picture of a case's timeline shows, as plain values: the case's header, every step
/// it went through (a visit) with its budget against the working time it took, and how it ended.
///
/// SOPRender draws workflows and knows nothing of cases, the engine or the store (it depends on
/// the model and validation only), so the caller fills this in from the case's timeline: dates
/// already written in the office's time zone and words, durations already in words. Every text
/// is escaped when it is drawn.
public struct CaseTimelineData: Hashable, Sendable {
    /// How a step's (or the case's) working time stands against its budget.
    public enum Timeliness: String, Hashable, Sendable {
        /// Within the budget (for an open step: less than 75% of it used).
        case onTime
        /// An open step that has used at least 75% of its budget.
        case atRisk
        /// Past its due time.
        case overdue
        /// A step with no stated time ("-" in the signed table): no due time, never late.
        case untimed
    }

    /// How a visit ended.
    public enum Ending: Hashable, Sendable {
        /// Done, with the branch chosen at a decision.
        case completed(branch: String?)
        /// Skipped (an optional step), with the reason.
        case skipped(reason: String)
        /// Returned to the reporter for rework, with the reason.
        case returned(reason: String)
        /// The step the case stands on now.
        case open
    }

    /// How the case ended, when it did.
    public enum End: Hashable, Sendable {
        /// With an outcome of the workflow (its id, to find its terminator, and its name).
        case outcome(id: String, name: String)
        /// Handed off to another SOP.
        case handoff(HandoffTarget)
        /// Otherwise (withdrawn, say), in words.
        case other(String)
    }

    /// One step the case went through, or stands on.
    public struct Visit: Hashable, Sendable {
        /// The step's id (a step of an earlier revision may not be in the workflow drawn).
        public var step: String
        /// The step's number in the flow table of the revision it belongs to (0 when unknown).
        public var number: Int
        /// What is done, in the SOP's words.
        public var activity: String
        /// The actors (pelaksana), by name.
        public var actors: [String]
        /// Who recorded it, as the timeline says it (`siti atas nama pelapor`); nil while open.
        public var by: String?
        /// When it started and ended (or started, while open), in words.
        public var when: String
        /// When it is (or was) due, in words.
        public var due: String
        /// The budget as the SOP writes it (`15 menit`).
        public var budget: String
        /// The working time it took (or has taken so far), in words (`12 menit`).
        public var taken: String
        /// The budget in working seconds (0 when the step has none).
        public var budgetSeconds: Int
        /// The working time it took, in working seconds.
        public var workingSeconds: Int
        /// On time, at risk, or overdue.
        public var timeliness: Timeliness
        /// How it ended.
        public var ending: Ending
        /// The actor it was escalated to, if it was.
        public var escalatedTo: String?

        /// Creates a visit.
        public init(
            step: String, number: Int, activity: String, actors: [String], by: String?, when: String, due: String,
            budget: String, taken: String, budgetSeconds: Int, workingSeconds: Int, timeliness: Timeliness,
            ending: Ending, escalatedTo: String? = nil
        ) {
            self.step = step
            self.number = number
            self.activity = activity
            self.actors = actors
            self.by = by
            self.when = when
            self.due = due
            self.budget = budget
            self.taken = taken
            self.budgetSeconds = budgetSeconds
            self.workingSeconds = workingSeconds
            self.timeliness = timeliness
            self.ending = ending
            self.escalatedTo = escalatedTo
        }

        /// Whether the case stands on this step now.
        public var isOpen: Bool { ending == .open }
    }

    /// A labelled line of the header (`Kanal`, a field of the case).
    public struct Line: Hashable, Sendable {
        /// The label.
        public var label: String
        /// The value.
        public var value: String

        /// Creates a line.
        public init(label: String, value: String) {
            self.label = label
            self.value = value
        }
    }

    /// The register number.
    public var registerNumber: String
    /// The case's number.
    public var number: Int
    /// Where the case stands, in words (`selesai — Pengaduan selesai …`).
    public var status: String
    /// When it was opened and by whom, in words.
    public var opened: String
    /// When the whole case is due, in words.
    public var due: String
    /// The case against its total budget.
    public var timeliness: Timeliness
    /// When it ended, in words.
    public var closed: String?
    /// The working time the office spent, in words.
    public var officeTime: String
    /// The working time spent waiting on the reporter, in words.
    public var reporterTime: String
    /// Further header lines: the channel, the case's fields (personal data already masked).
    public var details: [Line]
    /// Every step the case went through, then the one it stands on, in order.
    public var visits: [Visit]
    /// How it ended; nil while it is open.
    public var end: End?
    /// The notes, each in words (`Sen 30 Nov 2026 09:00 siti: …`).
    public var notes: [String]
    /// Its moves between revisions, each in words.
    public var revisionChanges: [String]

    /// Creates the data of a picture.
    public init(
        registerNumber: String, number: Int, status: String, opened: String, due: String, timeliness: Timeliness,
        closed: String? = nil, officeTime: String, reporterTime: String, details: [Line] = [], visits: [Visit],
        end: End? = nil, notes: [String] = [], revisionChanges: [String] = []
    ) {
        self.registerNumber = registerNumber
        self.number = number
        self.status = status
        self.opened = opened
        self.due = due
        self.timeliness = timeliness
        self.closed = closed
        self.officeTime = officeTime
        self.reporterTime = reporterTime
        self.details = details
        self.visits = visits
        self.end = end
        self.notes = notes
        self.revisionChanges = revisionChanges
    }
}

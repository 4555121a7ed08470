// SOPDiff: the semantic difference between two revisions of one SOP — not a text diff. Steps
// added, removed, renamed or moved; actors, documents, budgets and branches changed; the header;
// and the change in the times of the shortest and the longest path. Pure: it reads two
// `Workflow` values and returns a `WorkflowDiff`; it does no I/O and prints nothing.

import SOPCore
import SOPModel

/// The semantic difference between two revisions of one SOP.
///
/// Build one with `compare(old:new:)`; ask `checkRevisions(old:new:)` first whether the two are
/// revisions of one SOP in the right order. Every list is ordered as the new revision is
/// written (removed things where they stood in the old one).
public struct WorkflowDiff: Hashable, Sendable, Codable {
    /// One side of the comparison.
    public struct Side: Hashable, Sendable, Codable {
        /// The revision number.
        public var revision: Int
        /// The file the revision was read from.
        public var file: String

        /// Creates a side.
        public init(revision: Int, file: String) {
            self.revision = revision
            self.file = file
        }
    }

    /// The SOP's id (the new revision's).
    public var workflow: WorkflowID
    /// The old revision.
    public var old: Side
    /// The new revision.
    public var new: Side
    /// Whether nothing but the revision number differs.
    public private(set) var isEquivalent: Bool
    /// Changes to the title, the signed header, the calendar and the escalation of the whole case.
    public var header: [HeaderChange]
    /// Changes to actors, documents, fields, channels, outcomes and intake rules.
    public var definitions: [DefinitionChange]
    /// Changes to the steps.
    public var steps: [StepChange]
    /// The declared total and the path times, before and after.
    public var times: Times

    /// Creates a diff from its parts; `isEquivalent` follows from them.
    public init(
        workflow: WorkflowID, old: Side, new: Side, header: [HeaderChange], definitions: [DefinitionChange],
        steps: [StepChange], times: Times
    ) {
        self.workflow = workflow
        self.old = old
        self.new = new
        self.header = header
        self.definitions = definitions
        self.steps = steps
        self.times = times
        isEquivalent = header.isEmpty && definitions.isEmpty && steps.isEmpty && !times.isChanged
    }

    private enum CodingKeys: String, CodingKey {
        case workflow, old, new, isEquivalent = "equivalent", header, definitions, steps, times
    }

    /// How many changes there are (the times not counted: they follow from the steps).
    public var count: Int { header.count + definitions.count + steps.count }
}

extension WorkflowDiff {
    /// The declared total and the times of the shortest and the longest path, before and after.
    public struct Times: Hashable, Sendable, Codable {
        /// The total as declared (Total Waktu).
        public var declared: TimeChange
        /// The shortest path from the first step to an end.
        public var shortest: TimeChange
        /// The longest path from the first step to an end.
        public var longest: TimeChange

        /// Creates the times.
        public init(declared: TimeChange, shortest: TimeChange, longest: TimeChange) {
            self.declared = declared
            self.shortest = shortest
            self.longest = longest
        }

        /// Whether any time differs.
        public var isChanged: Bool { declared.isChanged || shortest.isChanged || longest.isChanged }
    }

    /// A time before and after, with the path it is the time of.
    public struct TimeChange: Hashable, Sendable, Codable {
        /// The time in the old revision; nil when it has none (no total declared, no path to an end).
        public let old: Budget?
        /// The time in the new revision.
        public let new: Budget?
        /// The steps of the path in the old revision (empty for the declared total).
        public let oldPath: [StepID]
        /// The steps of the path in the new revision (empty for the declared total).
        public let newPath: [StepID]
        /// Shorter, longer or unchanged; nil when only one side has a time.
        public let direction: TimeDirection?

        /// Creates a time change; the direction follows from the times (and the length of a
        /// working day, for times whose days and minutes disagree).
        public init(old: Budget?, new: Budget?, oldPath: [StepID] = [], newPath: [StepID] = [], dayMinutes: Int? = nil) {
            self.old = old
            self.new = new
            self.oldPath = oldPath
            self.newPath = newPath
            direction = TimeDirection.between(old, new, dayMinutes: dayMinutes)
        }

        /// Whether the time differs.
        public var isChanged: Bool { old != new }
    }
}

/// Why two workflows are not an old and a new revision of one SOP.
public struct RevisionPairError: Error, Hashable, Sendable, CustomStringConvertible {
    private enum Reason: Hashable, Sendable {
        case differentWorkflows(old: WorkflowID, new: WorkflowID)
        case revisionNotHigher(old: Int, new: Int)
    }

    private let reason: Reason

    /// The two files are different SOPs.
    public var isDifferentWorkflows: Bool {
        if case .differentWorkflows = reason { true } else { false }
    }

    /// The new revision's number is not higher than the old one's.
    public var isRevisionNotHigher: Bool {
        if case .revisionNotHigher = reason { true } else { false }
    }

    /// What is wrong, in both languages.
    public var message: Text {
        switch reason {
        case .differentWorkflows(let old, let new):
            Text(
                id: "'\(old)' dan '\(new)' adalah SOP yang berbeda; perbandingan dilakukan antara dua revisi dari satu SOP",
                en: "'\(old)' and '\(new)' are different SOPs; a diff compares two revisions of one SOP")
        case .revisionNotHigher(let old, let new):
            Text(
                id: "revisi baru (\(new)) tidak lebih tinggi dari revisi lama (\(old))",
                en: "the new revision (\(new)) is not higher than the old one (\(old))")
        }
    }

    /// The way out, in both languages.
    public var hint: Text {
        switch reason {
        case .differentWorkflows:
            Text(
                id: "sebutkan dua berkas dengan `id:` yang sama, revisi yang lebih lama lebih dahulu",
                en: "name two files with the same `id:`, the older revision first")
        case .revisionNotHigher(let old, let new):
            old > new
                ? Text(
                    id: "sebutkan revisi yang lebih lama lebih dahulu: urutan argumen tampaknya terbalik",
                    en: "name the older revision first: the arguments seem to be the wrong way round")
                : Text(id: "naikkan `revision:` pada berkas baru menjadi \(old + 1)", en: "raise `revision:` in the new file to \(old + 1)")
        }
    }

    /// What is wrong, in English, for test failures and logs.
    public var description: String { message.en }

    static func differentWorkflows(old: WorkflowID, new: WorkflowID) -> RevisionPairError {
        RevisionPairError(reason: .differentWorkflows(old: old, new: new))
    }

    static func revisionNotHigher(old: Int, new: Int) -> RevisionPairError {
        RevisionPairError(reason: .revisionNotHigher(old: old, new: new))
    }
}

extension WorkflowDiff {
    /// Whether `old` and `new` are two revisions of one SOP with `new` the higher: nil when they
    /// are, otherwise why not.
    public static func checkRevisions(old: Workflow, new: Workflow) -> RevisionPairError? {
        guard old.id.value == new.id.value else { return .differentWorkflows(old: old.id.value, new: new.id.value) }
        guard new.revision.value > old.revision.value else {
            return .revisionNotHigher(old: old.revision.value, new: new.revision.value)
        }
        return nil
    }

    /// Compares two revisions of a workflow.
    ///
    /// Any two workflows can be compared (also files with errors); whether they are revisions of
    /// one SOP in the right order is `checkRevisions(old:new:)`'s question.
    ///
    /// `dayMinutes` is the length of a usual working day of the new revision's calendar
    /// (`WorkCalendar.usualDayMinutes`): with it, a budget of hours and one of days are compared.
    public static func compare(old: Workflow, new: Workflow, dayMinutes: Int? = nil) -> WorkflowDiff {
        let definitions = DefinitionComparison.compare(old: old, new: new)
        let steps = StepComparison.compare(old: old, new: new, renames: definitions.renames, dayMinutes: dayMinutes)
        let oldTimes = PathTimes(old)
        let newTimes = PathTimes(new)
        let times = Times(
            declared: TimeChange(old: old.total?.value, new: new.total?.value, dayMinutes: dayMinutes),
            shortest: TimeChange(
                old: oldTimes?.shortest, new: newTimes?.shortest,
                oldPath: oldTimes?.shortestPath ?? [], newPath: newTimes?.shortestPath ?? [], dayMinutes: dayMinutes),
            longest: TimeChange(
                old: oldTimes?.longest, new: newTimes?.longest,
                oldPath: oldTimes?.longestPath ?? [], newPath: newTimes?.longestPath ?? [], dayMinutes: dayMinutes))
        return WorkflowDiff(
            workflow: new.id.value,
            old: Side(revision: old.revision.value, file: old.file),
            new: Side(revision: new.revision.value, file: new.file),
            header: HeaderComparison.compare(old: old, new: new, renames: definitions.renames),
            definitions: definitions.changes,
            steps: steps,
            times: times)
    }
}

import SOPModel

/// The JSON shape of a calendar import (`sop calendar import --format json`): what the import
/// adds, renames, drops, keeps and skips, and what it wrote. Dates are `YYYY-MM-DD`.
public struct CalendarImportJSON: Encodable, Sendable {
    /// A date the calendar lacks, with the names the feed gives it.
    public struct Addition: Encodable, Sendable {
        /// The date, `YYYY-MM-DD`.
        public let date: String
        /// The names the feed gives it.
        public let names: [String]
    }
    /// A date the calendar and the feed name differently.
    public struct Rename: Encodable, Sendable {
        /// The date, `YYYY-MM-DD`.
        public let date: String
        /// The calendar's name.
        public let calendarName: String
        /// The feed's name.
        public let listName: String
    }
    /// A date of the calendar, in one of the feed's years, that the feed lacks.
    public struct Drop: Encodable, Sendable {
        /// The date, `YYYY-MM-DD`.
        public let date: String
        /// The calendar's name.
        public let name: String
    }
    /// A deliberate difference of the calendar (`differs:` or `not_holidays:`), kept.
    public struct Kept: Encodable, Sendable {
        /// The date, `YYYY-MM-DD`.
        public let date: String
        /// Whether the calendar has the date as a holiday (`differs:`) or as a working day (`not_holidays:`).
        public let isHoliday: Bool
        /// Why the calendar differs, as its file says.
        public let reason: String

        enum CodingKeys: String, CodingKey {
            case date
            case isHoliday = "holiday"
            case reason
        }
    }
    /// An event of the feed that is not an all-day holiday, with its line.
    public struct Skipped: Encodable, Sendable {
        /// The event's line in the feed.
        public let line: Int
        /// The event's summary.
        public let summary: String
        /// `timed`, `recurring`, `cancelled` or `noStart` (`ICalendarSkipped.Reason`).
        public let reason: String
    }

    /// The calendar file's path.
    public let calendarPath: String
    /// The calendar's id.
    public let calendarID: String
    /// The years of the feed.
    public let years: [Int]
    /// The dates the calendar lacks.
    public let additions: [Addition]
    /// The dates named differently.
    public let renames: [Rename]
    /// The dates of the feed's years that the feed lacks.
    public let drops: [Drop]
    /// The deliberate differences, kept.
    public let kept: [Kept]
    /// The events not taken.
    public let skipped: [Skipped]
    /// The years added to the calendar's `years:`.
    public let yearsAdded: [Int]
    /// Whether the drops were written (`--write --drop`, and something changed).
    public let dropApplied: Bool
    /// Whether the renames were written (`--write --rename`, and something changed).
    public let renameApplied: Bool
    /// Whether the new calendar was written.
    public let written: Bool

    enum CodingKeys: String, CodingKey {
        case calendarPath = "calendar"
        case calendarID = "calendarId"
        case years, additions, renames, drops, kept, skipped, yearsAdded, dropApplied, renameApplied, written
    }

    /// The shape of an import's plan and feed; `written` says whether the calendar was written,
    /// `drop` and `rename` whether `--drop` and `--rename` were asked.
    public init(_ plan: CalendarImportPlan, feed: ICalendarFeed, written: Bool, drop: Bool, rename: Bool) {
        calendarPath = plan.path
        calendarID = plan.calendar.id.value.rawValue
        years = plan.years
        additions = plan.additions.map { Addition(date: $0.date.description, names: $0.names) }
        renames = plan.renames.map { Rename(date: $0.date.description, calendarName: $0.calendarName, listName: $0.listName) }
        drops = plan.drops.map { Drop(date: $0.date.description, name: $0.name) }
        kept = plan.kept.map { Kept(date: $0.date.description, isHoliday: $0.isHoliday, reason: $0.reason) }
        skipped = feed.skipped.map { Skipped(line: $0.line, summary: $0.summary, reason: $0.reason.rawValue) }
        yearsAdded = plan.yearsAdded
        dropApplied = written && drop
        renameApplied = written && rename
        self.written = written
    }
}

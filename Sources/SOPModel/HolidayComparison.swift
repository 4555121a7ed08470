/// A calendar's holidays compared with a list of holidays from elsewhere (a national list, an
/// iCalendar feed), year by year: what the list has that the calendar lacks, what the calendar has
/// that the list lacks, and the dates both have under other names.
///
/// Only the years given are compared. A date the calendar marks as a deliberate difference — a
/// holiday with `differs:`, or a date in `not_holidays:` — is not a difference: it is listed in
/// `accepted` with its reason.
public struct HolidayComparison: Hashable, Sendable {
    /// A date the list has and the calendar does not.
    public struct Missing: Hashable, Sendable {
        /// The date.
        public var date: CivilDate
        /// The list's names for it.
        public var names: [String]
    }
    /// A date the calendar has and the list does not.
    public struct Extra: Hashable, Sendable {
        /// The date.
        public var date: CivilDate
        /// The calendar's name for it.
        public var name: String
    }
    /// A date both have, named differently.
    public struct Renamed: Hashable, Sendable {
        /// The date.
        public var date: CivilDate
        /// The calendar's name.
        public var calendarName: String
        /// The list's name (the list's names joined with ` / ` when it has several).
        public var listName: String
    }
    /// A date where calendar and list differ on purpose, as the calendar says.
    public struct Accepted: Hashable, Sendable {
        /// The date.
        public var date: CivilDate
        /// Whether the calendar has it as a holiday (`differs:`) or as a working day (`not_holidays:`).
        public var isHoliday: Bool
        /// The reason the calendar gives.
        public var reason: String
    }

    /// The years compared.
    public var years: [Int]
    /// Dates the list has and the calendar lacks, by date.
    public var missing: [Missing]
    /// Dates the calendar has and the list lacks, by date.
    public var extra: [Extra]
    /// Dates both have under names that differ (ignoring case, spacing and punctuation), by date.
    public var renamed: [Renamed]
    /// Differences the calendar marks as deliberate, by date.
    public var accepted: [Accepted]

    /// Whether the calendar and the list agree on every date of the years compared.
    public var agrees: Bool { missing.isEmpty && extra.isEmpty }

    /// Compares the calendar with a list of dates and their names, in the given years.
    public init(calendar: WorkCalendar, list: [CivilDate: [String]], years: Set<Int>) {
        self.years = years.sorted()
        var holidays: [CivilDate: Holiday] = [:]
        for holiday in calendar.holidays where years.contains(holiday.date.value.year) && holidays[holiday.date.value] == nil {
            holidays[holiday.date.value] = holiday
        }
        var working: [CivilDate: String] = [:]
        for entry in calendar.notHolidays where years.contains(entry.date.value.year) { working[entry.date.value] = entry.reason }
        let listed = list.filter { years.contains($0.key.year) }
        var missing: [Missing] = []
        var extra: [Extra] = []
        var renamed: [Renamed] = []
        var accepted: [Accepted] = []
        for (date, names) in listed {
            if let holiday = holidays[date] {
                let listName = names.joined(separator: " / ")
                if !names.contains(where: { Self.sameName($0, holiday.name) }) {
                    renamed.append(Renamed(date: date, calendarName: holiday.name, listName: listName))
                }
            } else if let reason = working[date] {
                accepted.append(Accepted(date: date, isHoliday: false, reason: reason))
            } else {
                missing.append(Missing(date: date, names: names))
            }
        }
        for (date, holiday) in holidays where listed[date] == nil {
            if let reason = holiday.differs {
                accepted.append(Accepted(date: date, isHoliday: true, reason: reason))
            } else {
                extra.append(Extra(date: date, name: holiday.name))
            }
        }
        self.missing = missing.sorted { $0.date < $1.date }
        self.extra = extra.sorted { $0.date < $1.date }
        self.renamed = renamed.sorted { $0.date < $1.date }
        self.accepted = accepted.sorted { $0.date < $1.date }
    }

    /// Two names for one holiday are the same when they agree ignoring case, spacing and punctuation.
    public static func sameName(_ first: String, _ second: String) -> Bool {
        func key(_ text: String) -> String {
            String(String.UnicodeScalarView(text.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }))
        }
        return key(first) == key(second)
    }
}

import SOPCore

/// Office hours and holidays: what counts as working time for deadlines.
///
/// A working day is a day with office hours that is not a holiday; a budget of `1 hari` is one such
/// day, and a budget in hours or minutes counts only time inside office hours.
public struct WorkCalendar: Hashable, Sendable {
    /// The calendar's id, named by workflows' `calendar:`.
    public var id: Located<CalendarID>
    /// A name for people.
    public var name: String
    /// The IANA time zone the hours are in, e.g. `Asia/Jakarta`.
    public var timeZone: Located<String>
    /// Office hours per weekday; a weekday that is absent has none.
    public var hours: [Weekday: [OfficeHours]]
    /// Days without office hours, by date.
    public var holidays: [Holiday]
    /// The years the calendar says it lists every holiday of (`years:`), as written; nil when the
    /// file does not say, and the years its holidays fall in are taken (`coveredYears`).
    public var declaredYears: [Located<Int>]?
    /// Dates that a national list has as holidays and this office works on (`not_holidays:`),
    /// each with the reason: they change no deadline, and they document a deliberate difference.
    public var notHolidays: [NotHoliday]
    /// The file the calendar was read from.
    public var file: String

    /// Creates a calendar.
    public init(
        id: Located<CalendarID>, name: String, timeZone: Located<String>,
        hours: [Weekday: [OfficeHours]], holidays: [Holiday], declaredYears: [Located<Int>]? = nil,
        notHolidays: [NotHoliday] = [], file: String
    ) {
        self.id = id
        self.name = name
        self.timeZone = timeZone
        self.hours = hours
        self.holidays = holidays
        self.declaredYears = declaredYears
        self.notHolidays = notHolidays
        self.file = file
    }

    /// The years whose holidays the calendar lists: its `years:` when it has them, else every year
    /// one of its holidays falls in. A deadline that runs through another year is computed as if
    /// that year had no holidays.
    public var coveredYears: Set<Int> {
        if let declaredYears { return Set(declaredYears.map(\.value)) }
        return Set(holidays.map(\.date.value.year))
    }

    /// Of the years `first...last`, those the calendar does not cover, in order.
    public func uncoveredYears(_ years: ClosedRange<Int>) -> [Int] {
        let covered = coveredYears
        // A range of years is short in practice; bound it so that a hostile instant cannot make it long.
        let bounded = years.lowerBound...min(years.upperBound, years.lowerBound + 100)
        return bounded.filter { !covered.contains($0) }
    }

    /// The office hours, in minutes, that most of the working weekdays have (the longer one on a
    /// tie): what a `hari` of a budget usually measures. 510 (8 jam 30 menit) for Kebumen, Monday
    /// to Thursday 07:30–16:00, although Friday has 3 jam 30 menit. Nil without office hours.
    public var usualDayMinutes: Int? {
        var counts: [Int: Int] = [:]
        for weekday in Weekday.allCases {
            let spans = (hours[weekday] ?? [])
                .map { (start: max(0, $0.start), end: min(24 * 60, $0.end)) }
                .filter { $0.start < $0.end }
                .sorted { $0.start < $1.start }
            var length = 0
            var reached = 0
            for span in spans {
                let begin = max(span.start, reached)
                if span.end > begin { length += span.end - begin }
                reached = max(reached, span.end)
            }
            if length > 0 { counts[length, default: 0] += 1 }
        }
        return counts.max { ($0.value, $0.key) < ($1.value, $1.key) }?.key
    }

    /// The office hours on a date: none on a holiday.
    public func officeHours(on date: CivilDate) -> [OfficeHours] {
        if holidays.contains(where: { $0.date.value == date }) { return [] }
        return hours[date.weekday] ?? []
    }

    /// Whether a date is a working day.
    public func isWorkingDay(_ date: CivilDate) -> Bool { !officeHours(on: date).isEmpty }
}

/// One span of office hours in a day, in minutes after midnight.
public struct OfficeHours: Hashable, Sendable, CustomStringConvertible {
    /// The start, minutes after midnight.
    public var start: Int
    /// The end, minutes after midnight; after `start`.
    public var end: Int

    /// Creates a span of office hours.
    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }

    /// Parses `07:30-16:00` (a dot also separates hours from minutes: `07.30-16.00`).
    public init?(parsing text: String) {
        let parts = text.split(separator: "-").map { $0.trimmingCharacters(in: " ") }
        guard parts.count == 2, let start = Self.minutes(parts[0]), let end = Self.minutes(parts[1]),
            start < end
        else { return nil }
        self.init(start: start, end: end)
    }

    private static func minutes(_ text: String) -> Int? {
        let parts = text.split(whereSeparator: { $0 == ":" || $0 == "." })
        guard parts.count == 2, parts[0].count <= 2, parts[1].count == 2,
            let hour = Int(parts[0]), let minute = Int(parts[1]),
            (0...24).contains(hour), (0...59).contains(minute), hour * 60 + minute <= 24 * 60
        else { return nil }
        return hour * 60 + minute
    }

    /// The length in minutes.
    public var minutes: Int { end - start }

    /// `07:30-16:00`.
    public var description: String {
        func clock(_ value: Int) -> String {
            let hour = value / 60
            let minute = value % 60
            return (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
        }
        return "\(clock(start))-\(clock(end))"
    }
}

/// A day off (hari libur nasional, cuti bersama).
public struct Holiday: Hashable, Sendable {
    /// The date.
    public var date: Located<CivilDate>
    /// Its name.
    public var name: String
    /// Why this day is a holiday here although a national list may lack it (`differs:`): a
    /// regional holiday, a date a decree moved. Nil for a holiday as the national list has it.
    public var differs: String?

    /// Creates a holiday.
    public init(date: Located<CivilDate>, name: String, differs: String? = nil) {
        self.date = date
        self.name = name
        self.differs = differs
    }
}

/// A date that is a working day here although a national list has it as a holiday
/// (`not_holidays:`), with the reason: a decree moved it, or the office works that day.
public struct NotHoliday: Hashable, Sendable {
    /// The date.
    public var date: Located<CivilDate>
    /// Why it is not a holiday here.
    public var reason: String

    /// Creates an entry.
    public init(date: Located<CivilDate>, reason: String) {
        self.date = date
        self.reason = reason
    }
}

extension StringProtocol {
    func trimmingCharacters(in set: Character) -> String {
        var text = Substring(self)
        while text.first == set { text.removeFirst() }
        while text.last == set { text.removeLast() }
        return String(text)
    }
}

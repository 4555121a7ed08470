import Foundation
import SOPModel

/// Working time over a `WorkCalendar`: which instants are inside office hours, the deadline of a
/// budget, and how much working time lies between two instants.
///
/// Only time inside office hours counts: weekends (weekdays without hours), the calendar's
/// holidays and the hours outside office hours do not. Office hours are read in the calendar's
/// time zone; the offset from UTC is taken per instant with `TimeZone.secondsFromGMT(for:)`, so a
/// zone with daylight saving time works too (office hours are wall-clock times in that zone).
///
/// Conventions shared by every method:
/// - A span of office hours includes its start and excludes its end: with hours `07:30-16:00`,
///   07:30:00 is working time and 16:00:00 is not.
/// - Overlapping or touching spans of one weekday are merged; spans that are empty are ignored.
/// - Instants are taken to the microsecond; working time is counted in microseconds and reported
///   in whole seconds.
/// - No clock is read: every instant is a parameter.
/// - Every search is bounded: when no working day is found within `searchLimitDays` calendar days
///   (a calendar whose working days are all holidays), the search gives up and the result is the
///   local midnight that ends the days searched (see each method).
///
/// A value is cheap to copy and safe to share between threads; build one per calendar and reuse it.
public struct WorkingTime: Sendable {
    /// How many calendar days in a row without office hours a search walks through before it
    /// gives up (about ten years).
    public static let searchLimitDays = 3_660

    private static let microsPerSecond = 1_000_000
    private static let microsPerMinute = 60_000_000
    private static let microsPerDay = 86_400_000_000
    /// 2001-01-01 (the reference date of `Date`) in days since 1970-01-01.
    private static let referenceDay = 11_323
    /// Instants are clamped to ±1e11 seconds around 2001 (about ±3,000 years) so that the
    /// arithmetic in microseconds cannot overflow.
    private static let maximumSeconds = 1e11

    /// The calendar's time zone.
    private let zone: TimeZone
    /// The zone's offset from 2000 on, when it has no transitions after that (Asia/Jakarta has
    /// kept UTC+7 since 1964): asking Foundation per instant takes a lock and ICU every time.
    private let fixedOffset: Int?
    /// 2000-01-01 as seconds since the reference date (2001-01-01).
    private static let fixedOffsetStart: Double = -31_622_400
    /// Starts of the spans of all weekdays, microseconds after midnight; weekday `w` (0 = Monday)
    /// owns the indices `firstSpan[w]..<firstSpan[w + 1]`, sorted and disjoint.
    private let starts: [Int]
    /// Ends of the spans, matching `starts`.
    private let ends: [Int]
    /// Index of each weekday's first span in `starts`, with an eighth entry closing the last.
    private let firstSpan: [Int]
    /// Office hours per weekday (0 = Monday), in microseconds.
    private let dayLength: [Int]
    /// Office hours in a week without holidays, in microseconds.
    private let weekLength: Int
    /// Whether each day of `holidayRange` is a holiday (days since 1970-01-01, from the first
    /// holiday): a deadline asks for every day it passes, and an index costs less than a hash.
    /// Empty when the holidays span more than a century (then `sortedHolidays` is searched).
    private let holidayFlags: [Bool]
    /// The same holidays sorted, for counting them inside a range of days.
    private let sortedHolidays: [Int]
    /// The first and last holiday, to skip hashing for most days.
    private let holidayRange: ClosedRange<Int>
    /// The years whose holidays the calendar lists (`WorkCalendar.coveredYears`).
    public let coveredYears: Set<Int>

    /// Fails (returns nil) if the calendar's time zone is unknown or it has no office hours at all.
    ///
    /// The time zone is looked up with `TimeZone(identifier:)`. Office hours count when their
    /// span is not empty after clamping to the day (00:00–24:00); a calendar whose only working
    /// days are all holidays is accepted (its searches give up after `searchLimitDays`).
    public init?(calendar: WorkCalendar) {
        guard let zone = TimeZone(identifier: calendar.timeZone.value) else { return nil }
        let since2000 = Date(timeIntervalSinceReferenceDate: Self.fixedOffsetStart)
        fixedOffset = zone.nextDaylightSavingTimeTransition(after: since2000) == nil
            ? zone.secondsFromGMT(for: since2000) : nil
        var starts: [Int] = []
        var ends: [Int] = []
        var firstSpan: [Int] = []
        var dayLength: [Int] = []
        for weekday in Weekday.allCases {
            firstSpan.append(starts.count)
            let spans = (calendar.hours[weekday] ?? [])
                .map { (start: max(0, $0.start), end: min(24 * 60, $0.end)) }
                .filter { $0.start < $0.end }
                .sorted { $0.start < $1.start }
            var merged: [(start: Int, end: Int)] = []
            for span in spans {
                if let last = merged.last, span.start <= last.end {
                    merged[merged.count - 1].end = max(last.end, span.end)
                } else {
                    merged.append(span)
                }
            }
            var length = 0
            for span in merged {
                starts.append(span.start * Self.microsPerMinute)
                ends.append(span.end * Self.microsPerMinute)
                length += (span.end - span.start) * Self.microsPerMinute
            }
            dayLength.append(length)
        }
        firstSpan.append(starts.count)
        guard !starts.isEmpty else { return nil }
        let days = calendar.holidays.map { $0.date.value.daysSinceEpoch }
        self.coveredYears = calendar.coveredYears
        self.zone = zone
        self.starts = starts
        self.ends = ends
        self.firstSpan = firstSpan
        self.dayLength = dayLength
        self.weekLength = dayLength.reduce(0, +)
        self.sortedHolidays = Array(Set(days)).sorted()
        if let first = sortedHolidays.first, let last = sortedHolidays.last {
            self.holidayRange = first...last
            if last - first < 36_600 {
                var flags = [Bool](repeating: false, count: last - first + 1)
                for day in sortedHolidays { flags[day - first] = true }
                self.holidayFlags = flags
            } else {
                self.holidayFlags = []
            }
        } else {
            self.holidayRange = Int.max...Int.max  // no day gets near it
            self.holidayFlags = []
        }
    }

    // MARK: - Public API

    /// Whether the instant is inside office hours (start inclusive, end exclusive).
    ///
    /// False on holidays and on weekdays without office hours. With hours `07:30-16:00`, 07:30:00
    /// is inside and 16:00:00 is not.
    public func isWorking(_ instant: Date) -> Bool {
        let point = local(instant)
        for index in spans(on: point.day) where starts[index] <= point.time && point.time < ends[index] {
            return true
        }
        return false
    }

    /// The instant itself if it is inside office hours, else the next opening.
    ///
    /// The next opening is the start of the next span of office hours: later the same day (after a
    /// break, or before the day's first span), or the first span of the next working day, skipping
    /// holidays and days without hours. A complaint received on Saturday starts Monday 07:30.
    /// If there is no opening within `searchLimitDays` calendar days after the instant's day, the
    /// result is the local midnight ending those days.
    public func nextWorkingInstant(from instant: Date) -> Date {
        let point = local(instant)
        for index in spans(on: point.day) where point.time < ends[index] {
            if starts[index] <= point.time { return instant }
            return date(of: LocalTime(day: point.day, time: starts[index]))
        }
        return date(of: nextOpening(after: point.day) ?? Self.giveUp(after: point.day))
    }

    /// The deadline of a budget started at `start`: first the whole working days, then the minutes.
    ///
    /// 1. A start outside office hours counts from the next opening (as `nextWorkingInstant(from:)`):
    ///    a complaint received on Saturday starts Monday 07:30.
    /// 2. `N hari` (`budget.days`): move N working days forward keeping the clock time of the
    ///    normalized start. The deadline for the days part is the same clock time on the N-th next
    ///    working day; if that day's office hours end before that clock time, it is that day's
    ///    closing time (the end of its last span); if they begin after it, that day's opening (the
    ///    start of its first span). On a day with several spans, a clock time inside a break
    ///    between two spans moves to the end of the span before the break, so the days part never
    ///    ends later than the clock time. (Friday closes 11:00 in Kebumen: Thursday 15:00 + 1 hari
    ///    = Friday 11:00.)
    /// 3. Then `budget.minutes`: walk forward through the spans of office hours consuming working
    ///    minutes. A deadline that lands exactly on the end of a span stays there: 15:45 + 15 menit
    ///    with closing at 16:00 is 16:00, not the next morning.
    ///
    /// Holidays and days without hours are skipped. A budget of no time gives the normalized start;
    /// negative parts count as zero. If `searchLimitDays` calendar days in a row without office
    /// hours are met, the walk gives up and returns the local midnight ending those days (the
    /// best effort: a deadline about ten years away).
    public func deadline(from start: Date, adding budget: Budget) -> Date {
        let days = max(0, budget.days)
        let minutes = max(0, budget.minutes)
        if days == 0 && minutes == 0 { return nextWorkingInstant(from: start) }
        // 1. Normalize the start to working time.
        let received = local(start)
        guard var point = normalized(received) else { return date(of: Self.giveUp(after: received.day)) }
        // 2. Whole working days, keeping the clock time.
        if days > 0 {
            var day = point.day
            var found = 0
            var daysWithoutHours = 0
            while found < days {
                day += 1
                if isWorkingDay(day) {
                    found += 1
                    daysWithoutHours = 0
                } else {
                    daysWithoutHours += 1
                    if daysWithoutHours >= Self.searchLimitDays { return date(of: LocalTime(day: day + 1, time: 0)) }
                }
            }
            point = LocalTime(day: day, time: clock(point.time, on: day))
        }
        // 3. Working minutes, span by span.
        return advance(point, byMicros: minutes * Self.microsPerMinute)
    }

    /// The moment a step started at `start` and due at `due` becomes at risk: when 75% of the
    /// working time between them is used, exactly as `slaState(start:due:now:)` counts it (the
    /// first instant at which it says `atRisk`). Nil when there is no working time between them.
    public func atRiskMoment(start: Date, due: Date) -> Date? {
        let total = workingMicros(from: start, to: due)
        guard total > 0, let point = normalized(local(start)) else { return nil }
        // The smallest `used` with used * 4 >= total * 3.
        return advance(point, byMicros: (total * 3 + 3) / 4)
    }

    /// The instant `micros` of working time after `point` (which is inside office hours or at
    /// the end of a span), walking forward span by span.
    private func advance(_ point: LocalTime, byMicros micros: Int) -> Date {
        var remaining = micros
        if remaining <= 0 { return date(of: point) }
        var day = point.day
        var time = point.time
        var daysWithoutHours = 0
        while true {
            let range = spans(on: day)
            if range.isEmpty {
                daysWithoutHours += 1
                if daysWithoutHours >= Self.searchLimitDays {
                    return date(of: LocalTime(day: day + 1, time: 0))
                }
            } else {
                daysWithoutHours = 0
                for index in range where time < ends[index] {
                    let begin = max(starts[index], time)
                    let available = ends[index] - begin
                    if remaining <= available { return date(of: LocalTime(day: day, time: begin + remaining)) }
                    remaining -= available
                }
            }
            day += 1
            time = 0
        }
    }

    /// Working time between two instants, in seconds (0 when `end <= start`).
    ///
    /// Counts the time inside office hours from `start` (inclusive) to `end` (exclusive), skipping
    /// holidays and days without hours, rounded down to whole seconds. Measured from a start to its
    /// `deadline(from:adding:)`, the result is the budget's length in working time: its minutes,
    /// plus the office hours of the days it spans for its days. Takes time proportional to the
    /// number of holidays between the two instants, not to the distance between them.
    public func workingSeconds(from start: Date, to end: Date) -> Int {
        workingMicros(from: start, to: end) / Self.microsPerSecond
    }

    /// On time, at risk (at least 75% of the working time between start and due used), or overdue (now > due).
    ///
    /// - `overdue` when `now` is after `due`; `now == due` is not overdue.
    /// - `atRisk` when the working time from `start` to `now` is at least 75% of the working time
    ///   from `start` to `due` (compared exactly, in microseconds); this includes `now == due`, and
    ///   a due date with no working time before it (a budget of no time is at risk until it is
    ///   overdue).
    /// - `onTime` otherwise, including a `now` before `start`.
    public func slaState(start: Date, due: Date, now: Date) -> SLAState {
        if now > due { return .overdue }
        let total = workingMicros(from: start, to: due)
        let used = workingMicros(from: start, to: now)
        return used * 4 >= total * 3 ? .atRisk : .onTime
    }

    /// The years, in order, from the day of `start` to the day of `end` (in the calendar's time
    /// zone) that the calendar does not cover: a deadline computed through them assumed that they
    /// have no holidays. Empty when `end` is before `start`; at most 100 years are looked at.
    public func uncoveredYears(from start: Date, to end: Date) -> [Int] {
        guard end >= start, let first = CivilDate(daysSinceEpoch: local(start).day)?.year,
            let last = CivilDate(daysSinceEpoch: local(end).day)?.year, first <= last
        else { return [] }
        return (first...min(last, first + 100)).filter { !coveredYears.contains($0) }
    }

    // MARK: - Local time

    /// A wall-clock time in the calendar's zone: a day since 1970-01-01 and microseconds after
    /// its midnight (up to a whole day, for the end of a span at 24:00).
    private struct LocalTime {
        var day: Int
        var time: Int
    }

    /// The instant as wall-clock time in the calendar's zone.
    private func local(_ instant: Date) -> LocalTime {
        var seconds = instant.timeIntervalSinceReferenceDate
        if !(seconds >= -Self.maximumSeconds) { seconds = -Self.maximumSeconds }  // also NaN
        if seconds > Self.maximumSeconds { seconds = Self.maximumSeconds }
        let offset = offset(atSeconds: seconds)
        let micros = Int((seconds * 1e6).rounded()) + offset * Self.microsPerSecond
        let day = Self.floorDivide(micros, Self.microsPerDay)
        return LocalTime(day: day + Self.referenceDay, time: micros - day * Self.microsPerDay)
    }

    /// The instant of a wall-clock time in the calendar's zone. A time that a zone skips (when
    /// clocks go forward) maps to an instant near it; a repeated time maps to one of its instants.
    private func date(of point: LocalTime) -> Date {
        let micros = (point.day - Self.referenceDay) * Self.microsPerDay + point.time
        let guess = offset(atMicros: micros)
        let offset = offset(atMicros: micros - guess * Self.microsPerSecond)
        return Date(timeIntervalSinceReferenceDate: Double(micros - offset * Self.microsPerSecond) / 1e6)
    }

    private func offset(atMicros micros: Int) -> Int {
        offset(atSeconds: Double(micros) / 1e6)
    }

    private func offset(atSeconds seconds: Double) -> Int {
        if let fixedOffset, seconds >= Self.fixedOffsetStart { return fixedOffset }
        return zone.secondsFromGMT(for: Date(timeIntervalSinceReferenceDate: seconds))
    }

    private static func floorDivide(_ value: Int, _ divisor: Int) -> Int {
        let quotient = value / divisor
        return value % divisor < 0 ? quotient - 1 : quotient
    }

    // MARK: - Days and spans

    /// 0 = Monday, as `CivilDate.weekday` (1970-01-01 was a Thursday).
    private static func weekdayIndex(_ day: Int) -> Int {
        ((day % 7) + 10) % 7
    }

    private func isHoliday(_ day: Int) -> Bool {
        guard holidayRange.contains(day) else { return false }
        if !holidayFlags.isEmpty { return holidayFlags[day - holidayRange.lowerBound] }
        var low = 0
        var high = sortedHolidays.count
        while low < high {
            let middle = (low + high) / 2
            if sortedHolidays[middle] < day { low = middle + 1 } else { high = middle }
        }
        return low < sortedHolidays.count && sortedHolidays[low] == day
    }

    /// The indices of the day's spans in `starts` and `ends`; empty on holidays.
    private func spans(on day: Int) -> Range<Int> {
        if isHoliday(day) { return 0..<0 }
        let weekday = Self.weekdayIndex(day)
        return firstSpan[weekday]..<firstSpan[weekday + 1]
    }

    private func isWorkingDay(_ day: Int) -> Bool { !spans(on: day).isEmpty }

    /// The first opening on one of the `searchLimitDays` days after `day`; nil if they have no
    /// office hours.
    private func nextOpening(after day: Int) -> LocalTime? {
        var day = day
        for _ in 0..<Self.searchLimitDays {
            day += 1
            let range = spans(on: day)
            if !range.isEmpty { return LocalTime(day: day, time: starts[range.lowerBound]) }
        }
        return nil
    }

    /// Where a search from `day` gives up: the midnight ending the `searchLimitDays` days after it.
    private static func giveUp(after day: Int) -> LocalTime {
        LocalTime(day: day + searchLimitDays + 1, time: 0)
    }

    /// The wall-clock time itself if it is inside office hours, else the next opening; nil if
    /// there is none within `searchLimitDays` days.
    private func normalized(_ point: LocalTime) -> LocalTime? {
        for index in spans(on: point.day) where point.time < ends[index] {
            return LocalTime(day: point.day, time: max(point.time, starts[index]))
        }
        return nextOpening(after: point.day)
    }

    /// A clock time moved onto a working day's office hours: itself inside a span, the closing
    /// time after the last span, the opening before the first, the end of the span before a break.
    private func clock(_ time: Int, on day: Int) -> Int {
        let range = spans(on: day)
        for index in range {
            if time < starts[index] { return index == range.lowerBound ? starts[index] : ends[index - 1] }
            if time < ends[index] { return time }
        }
        return ends[range.upperBound - 1]
    }

    /// Working time between two instants, in microseconds (0 when `end <= start`).
    private func workingMicros(from start: Date, to end: Date) -> Int {
        guard end > start else { return 0 }
        let from = local(start)
        let to = local(end)
        // Wall-clock time can run backwards across a change of offset (clocks going back).
        guard from.day < to.day || (from.day == to.day && from.time < to.time) else { return 0 }
        if from.day == to.day { return overlap(on: from.day, from: from.time, to: to.time) }
        return overlap(on: from.day, from: from.time, to: Self.microsPerDay)
            + wholeDays(from: from.day + 1, to: to.day)
            + overlap(on: to.day, from: 0, to: to.time)
    }

    /// Office hours on a day between two clock times.
    private func overlap(on day: Int, from: Int, to: Int) -> Int {
        var total = 0
        for index in spans(on: day) {
            let begin = max(starts[index], from)
            let end = min(ends[index], to)
            if begin < end { total += end - begin }
        }
        return total
    }

    /// Office hours on the days `first..<end`, by whole weeks and then the holidays among them.
    private func wholeDays(from first: Int, to end: Int) -> Int {
        guard first < end else { return 0 }
        let count = end - first
        var total = (count / 7) * weekLength
        var day = first + (count / 7) * 7
        while day < end {
            total += dayLength[Self.weekdayIndex(day)]
            day += 1
        }
        guard !sortedHolidays.isEmpty, first <= holidayRange.upperBound, end > holidayRange.lowerBound else {
            return total
        }
        // The first holiday on or after `first`.
        var low = 0
        var high = sortedHolidays.count
        while low < high {
            let middle = (low + high) / 2
            if sortedHolidays[middle] < first { low = middle + 1 } else { high = middle }
        }
        while low < sortedHolidays.count && sortedHolidays[low] < end {
            total -= dayLength[Self.weekdayIndex(sortedHolidays[low])]
            low += 1
        }
        return total
    }
}

/// Where a case stands against its deadline.
public enum SLAState: String, Sendable, Codable, CaseIterable {
    /// Less than 75% of the working time between start and due is used.
    case onTime = "on-time"
    /// At least 75% of the working time between start and due is used, and due has not passed.
    case atRisk = "at-risk"
    /// The due instant has passed (now > due).
    case overdue
}

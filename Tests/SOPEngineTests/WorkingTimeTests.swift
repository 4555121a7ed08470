import Foundation
import SOPCore
import SOPEngine
import SOPLoading
import SOPModel
import Testing

// MARK: - Helpers

/// Calendars for the working-time tests: the shipped Kebumen calendar and small ones built in code.
private enum WorkingTimeFixture {
    static let root: URL = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" && !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url.deleteLastPathComponent()
        }
        return url
    }()

    static let kebumenFile = Loader.load(path: root.appendingPathComponent("workflows/jam-kerja-kebumen.yaml").path)
    static let kebumen: WorkingTime? = kebumenFile.calendar.flatMap { WorkingTime(calendar: $0) }

    static let location = SourceLocation(file: "test.yaml", line: 1, column: 1)

    /// A calendar from hours written as in the YAML files (`"07:30-16:00"`) and holiday dates.
    static func calendar(
        zone: String = "Asia/Jakarta", hours: [Weekday: [String]], holidays: [CivilDate] = []
    ) -> WorkCalendar {
        WorkCalendar(
            id: Located("test", at: location), name: "Test", timeZone: Located(zone, at: location),
            hours: hours.mapValues { $0.map { OfficeHours(parsing: $0)! } },
            holidays: holidays.map { Holiday(date: Located($0, at: location), name: "Libur") },
            file: "test.yaml")
    }

    /// Kebumen's hours (Senin–Kamis 07.30–16.00, Jumat 07.30–11.00) with other holidays.
    static func kebumenHours(holidays: [CivilDate]) -> WorkCalendar {
        let long = ["07:30-16:00"]
        return calendar(
            hours: [.monday: long, .tuesday: long, .wednesday: long, .thursday: long, .friday: ["07:30-11:00"]],
            holidays: holidays)
    }

    /// A calendar with a lunch break and days that open late, close early or break long.
    static let breaks: WorkingTime? = WorkingTime(
        calendar: calendar(hours: [
            .monday: ["08:00-12:00", "13:00-16:00"],
            .tuesday: ["08:00-10:00", "14:00-16:00"],
            .wednesday: ["09:00-12:00"],
            .thursday: ["13:00-17:00"],
            .friday: ["13:00-16:00", "08:00-12:00"],  // out of order on purpose
        ]))

    /// Every day from `first` for `count` days.
    static func days(from first: CivilDate, count: Int) -> [CivilDate] {
        var result: [CivilDate] = []
        var year = first.year
        var month = first.month
        var day = first.day
        while result.count < count {
            result.append(CivilDate(year: year, month: month, day: day)!)
            day += 1
            if day > CivilDate.daysIn(month: month, year: year) {
                day = 1
                month += 1
                if month > 12 {
                    month = 1
                    year += 1
                }
            }
        }
        return result
    }
}

/// An instant written as Jakarta (WIB, UTC+7) local time: `2026-08-14 10:00` or `2026-08-14 10:00:05`.
private func wib(_ text: String) -> Date {
    let parts = text.split(separator: " ")
    let date = CivilDate(String(parts[0]))!
    let clock = parts[1].split(separator: ":").map { Int($0)! }
    let seconds = clock[0] * 3_600 + clock[1] * 60 + (clock.count > 2 ? clock[2] : 0)
    return Date(timeIntervalSince1970: TimeInterval(date.daysSinceEpoch * 86_400 + seconds - 7 * 3_600))
}

/// An instant as Jakarta local time, in the form `wib` reads (seconds only when not zero).
private func wibText(_ instant: Date) -> String {
    let total = Int(instant.timeIntervalSince1970.rounded(.down)) + 7 * 3_600
    let days = Int((Double(total) / 86_400).rounded(.down))
    var seconds = total - days * 86_400
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let mp = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
    let hour = seconds / 3_600
    seconds %= 3_600
    let minute = seconds / 60
    seconds %= 60
    let date = CivilDate(year: year, month: month, day: day)!.description
    return "\(date) \(pad(hour)):\(pad(minute))" + (seconds == 0 ? "" : ":\(pad(seconds))")
}

private func budget(_ text: String) throws -> Budget {
    try #require(Budget(parsing: text), "not a budget: \(text)")
}

/// One deadline: a start, a budget, the expected deadline (all Jakarta local times).
struct DeadlineCase: Sendable, CustomTestStringConvertible {
    let start: String
    let budget: String
    let due: String
    let why: String

    init(_ start: String, _ budget: String, _ due: String, _ why: String) {
        self.start = start
        self.budget = budget
        self.due = due
        self.why = why
    }

    var testDescription: String { "\(why): \(start) + \(budget) = \(due)" }
}

// MARK: - Tests

@Suite("Working time")
struct WorkingTimeTests {
    // MARK: Construction

    @Test("the shipped Kebumen calendar loads and has working time")
    func shippedCalendar() throws {
        // Only the holidays that fall on a weekend, said as information.
        let diagnostics = WorkingTimeFixture.kebumenFile.diagnostics
        #expect(diagnostics.allSatisfy { $0.code == .holidayOnDayOff && $0.severity == .info }, "\(diagnostics)")
        let calendar = try #require(WorkingTimeFixture.kebumenFile.calendar)
        #expect(calendar.timeZone.value == "Asia/Jakarta")
        _ = try #require(WorkingTimeFixture.kebumen)
    }

    @Test("an unknown time zone fails", arguments: ["Asia/Kebumen", "Mars/Olympus_Mons", ""])
    func unknownZone(zone: String) {
        let calendar = WorkingTimeFixture.calendar(zone: zone, hours: [.monday: ["07:30-16:00"]])
        #expect(WorkingTime(calendar: calendar) == nil)
    }

    @Test("a calendar without office hours fails")
    func noHours() {
        #expect(WorkingTime(calendar: WorkingTimeFixture.calendar(hours: [:])) == nil)
        #expect(WorkingTime(calendar: WorkingTimeFixture.calendar(hours: [.monday: [], .friday: []])) == nil)
        var empty = WorkingTimeFixture.calendar(hours: [:])
        empty.hours[.monday] = [OfficeHours(start: 600, end: 600)]
        #expect(WorkingTime(calendar: empty) == nil)
    }

    @Test("other zones and a single weekday are accepted")
    func otherCalendars() {
        #expect(WorkingTime(calendar: WorkingTimeFixture.calendar(zone: "Asia/Makassar", hours: [.saturday: ["08:00-12:00"]])) != nil)
        #expect(WorkingTime(calendar: WorkingTimeFixture.calendar(zone: "UTC", hours: [.sunday: ["00:00-24:00"]])) != nil)
    }

    // MARK: Office hours

    @Test(
        "isWorking: start inclusive, end exclusive, weekends and holidays off",
        arguments: [
            ("2026-07-06 07:29:59", false), ("2026-07-06 07:30", true), ("2026-07-06 12:00", true),
            ("2026-07-06 15:59:59", true), ("2026-07-06 16:00", false), ("2026-07-06 23:59:59", false),
            ("2026-07-10 10:59:59", true), ("2026-07-10 11:00", false), ("2026-07-11 09:00", false),
            ("2026-07-12 09:00", false), ("2026-08-17 09:00", false), ("2026-08-18 09:00", true),
        ])
    func isWorking(instant: String, expected: Bool) throws {
        let time = try #require(WorkingTimeFixture.kebumen)
        #expect(time.isWorking(wib(instant)) == expected)
    }

    @Test(
        "nextWorkingInstant: itself inside office hours, else the next opening",
        arguments: [
            ("2026-07-06 07:30", "2026-07-06 07:30"), ("2026-07-06 15:59:59", "2026-07-06 15:59:59"),
            ("2026-07-06 06:00", "2026-07-06 07:30"), ("2026-07-06 16:00", "2026-07-07 07:30"),
            ("2026-07-10 11:00", "2026-07-13 07:30"), ("2026-07-11 09:00", "2026-07-13 07:30"),
            ("2026-08-14 11:30", "2026-08-18 07:30"), ("2026-08-17 10:00", "2026-08-18 07:30"),
            ("2026-03-17 16:00", "2026-03-25 07:30"),
        ])
    func nextWorkingInstant(instant: String, expected: String) throws {
        let time = try #require(WorkingTimeFixture.kebumen)
        #expect(wibText(time.nextWorkingInstant(from: wib(instant))) == expected)
    }

    @Test("nextWorkingInstant returns a working instant unchanged, fractions of a second included")
    func nextWorkingInstantIsIdentity() throws {
        let time = try #require(WorkingTimeFixture.kebumen)
        let instant = wib("2026-07-06 09:00").addingTimeInterval(0.25)
        #expect(time.nextWorkingInstant(from: instant) == instant)
    }

    // MARK: Deadlines on the shipped calendar

    static let kebumenDeadlines: [DeadlineCase] = [
        .init("2026-07-10 10:45", "1 jam", "2026-07-13 08:15", "weekend skipped"),
        .init("2026-08-14 10:00", "2 jam", "2026-08-18 08:30", "weekend and Monday holiday skipped"),
        .init("2026-07-06 07:30", "1 jam", "2026-07-06 08:30", "start exactly at opening"),
        .init("2026-07-06 16:00", "1 jam", "2026-07-07 08:30", "start exactly at closing"),
        .init("2026-07-06 15:59:59", "1 jam", "2026-07-07 08:29:59", "start one second before closing"),
        .init("2026-07-06 06:00", "30 menit", "2026-07-06 08:00", "start before opening"),
        .init("2026-07-06 15:45", "15 menit", "2026-07-06 16:00", "lands exactly on closing"),
        .init("2026-07-10 10:45", "15 menit", "2026-07-10 11:00", "lands exactly on Friday's closing"),
        .init("2026-07-10 10:59", "2 menit", "2026-07-13 07:31", "one minute over Friday's closing"),
        .init("2026-07-06 07:30", "37 jam 30 menit", "2026-07-10 11:00", "a whole week of hours"),
        .init("2026-07-11 09:00", "30 menit", "2026-07-13 08:00", "received on Saturday"),
        .init("2026-07-11 09:00", "1 hari", "2026-07-14 07:30", "received on Saturday, in days"),
        .init("2026-07-09 15:00", "1 hari", "2026-07-10 11:00", "clamped to Friday's closing"),
        .init("2026-07-09 15:00", "1 x 24 jam", "2026-07-10 11:00", "1 x 24 jam is one working day"),
        .init("2026-07-09 07:00", "1 hari", "2026-07-10 07:30", "before opening: from the opening"),
        .init("2026-07-10 10:00", "1 hari", "2026-07-13 10:00", "Friday to Monday"),
        .init("2026-07-06 09:00", "5 hari", "2026-07-13 09:00", "a working week"),
        .init("2026-07-06 10:00", "2 hari 2 jam", "2026-07-08 12:00", "2 hari 2 jam"),
        .init("2026-07-08 15:00", "2 hari 2 jam", "2026-07-13 09:30", "2 hari to Friday's closing, then 2 jam"),
        .init("2026-07-09 15:00", "1 hari 15 menit", "2026-07-13 07:45", "clamped to closing, then minutes"),
        .init("2026-08-17 09:00", "1 jam", "2026-08-18 08:30", "start on a holiday"),
        .init("2026-08-17 09:00", "1 hari", "2026-08-19 07:30", "start on a holiday, in days"),
        .init("2026-04-02 15:00", "1 hari", "2026-04-06 15:00", "Good Friday skipped"),
        .init("2026-03-17 14:00", "1 hari", "2026-03-25 14:00", "Nyepi and Idul Fitri skipped"),
        .init("2026-12-23 15:00", "2 jam", "2026-12-28 08:30", "Christmas holidays skipped"),
    ]

    @Test("deadlines on the Kebumen calendar", arguments: kebumenDeadlines)
    func kebumenDeadline(_ item: DeadlineCase) throws {
        let time = try #require(WorkingTimeFixture.kebumen)
        let due = time.deadline(from: wib(item.start), adding: try budget(item.budget))
        #expect(wibText(due) == item.due)
    }

    @Test("a budget of no time gives the normalized start")
    func zeroBudget() throws {
        let time = try #require(WorkingTimeFixture.kebumen)
        #expect(wibText(time.deadline(from: wib("2026-07-11 09:00"), adding: .zero)) == "2026-07-13 07:30")
        let working = wib("2026-07-06 09:00").addingTimeInterval(0.5)
        #expect(time.deadline(from: working, adding: .zero) == working)
    }

    @Test("fractions of a second are kept")
    func fractions() throws {
        let time = try #require(WorkingTimeFixture.kebumen)
        let start = wib("2026-07-06 15:45").addingTimeInterval(0.5)
        let due = time.deadline(from: start, adding: Budget(minutes: 15))
        #expect(abs(due.timeIntervalSince(wib("2026-07-07 07:30")) - 0.5) < 1e-5)
        #expect(time.workingSeconds(from: start, to: due) == 900)
    }

    // MARK: Several spans a day

    static let breakDeadlines: [DeadlineCase] = [
        .init("2026-07-06 11:30", "1 jam", "2026-07-06 13:30", "across lunch"),
        .init("2026-07-06 11:00", "1 jam", "2026-07-06 12:00", "lands on the end of the morning span"),
        .init("2026-07-06 12:30", "30 menit", "2026-07-06 13:30", "start in the break"),
        .init("2026-07-06 12:00", "1 menit", "2026-07-06 13:01", "start at the break"),
        .init("2026-07-06 15:00", "2 jam", "2026-07-07 09:00", "to the next day"),
        .init("2026-07-06 09:00", "1 hari", "2026-07-07 09:00", "days: clock time inside a span"),
        .init("2026-07-06 11:00", "1 hari", "2026-07-07 10:00", "days: clock time in a break, end of the span before"),
        .init("2026-07-06 15:00", "1 hari", "2026-07-07 15:00", "days: afternoon span"),
        .init("2026-07-06 15:00", "2 hari", "2026-07-08 12:00", "days: after closing, the closing"),
        .init("2026-07-06 09:00", "3 hari", "2026-07-09 13:00", "days: before opening, the opening"),
        .init("2026-07-06 11:00", "1 hari 1 jam", "2026-07-07 15:00", "days into a break, then minutes"),
        .init("2026-07-07 10:00", "1 hari 30 menit", "2026-07-09 13:30", "start at a span end, days, minutes"),
        .init("2026-07-10 11:30", "1 jam", "2026-07-10 13:30", "spans given out of order"),
    ]

    @Test("deadlines on a calendar with breaks", arguments: breakDeadlines)
    func breakDeadline(_ item: DeadlineCase) throws {
        let time = try #require(WorkingTimeFixture.breaks)
        let due = time.deadline(from: wib(item.start), adding: try budget(item.budget))
        #expect(wibText(due) == item.due)
    }

    @Test("office hours with breaks")
    func breaks() throws {
        let time = try #require(WorkingTimeFixture.breaks)
        #expect(time.isWorking(wib("2026-07-06 11:59:59")))
        #expect(!time.isWorking(wib("2026-07-06 12:00")))
        #expect(!time.isWorking(wib("2026-07-06 12:59:59")))
        #expect(time.isWorking(wib("2026-07-06 13:00")))
        #expect(wibText(time.nextWorkingInstant(from: wib("2026-07-06 12:00"))) == "2026-07-06 13:00")
        #expect(wibText(time.nextWorkingInstant(from: wib("2026-07-09 09:00"))) == "2026-07-09 13:00")
        #expect(wibText(time.nextWorkingInstant(from: wib("2026-07-10 16:00"))) == "2026-07-13 08:00")
        #expect(time.workingSeconds(from: wib("2026-07-06 10:00"), to: wib("2026-07-06 14:00")) == 3 * 3_600)
        #expect(time.workingSeconds(from: wib("2026-07-07 09:00"), to: wib("2026-07-07 15:00")) == 2 * 3_600)
        #expect(time.workingSeconds(from: wib("2026-07-06 00:00"), to: wib("2026-07-13 00:00")) == 25 * 3_600)
    }

    // MARK: Working seconds

    @Test("workingSeconds across weekends and holidays")
    func workingSeconds() throws {
        let time = try #require(WorkingTimeFixture.kebumen)
        // Friday 10:00–11:00 and Monday 07:30–09:00.
        #expect(time.workingSeconds(from: wib("2026-07-10 10:00"), to: wib("2026-07-13 09:00")) == 9_000)
        // Friday 10:00–11:00, Monday 17 August off, Tuesday 07:30–08:30.
        #expect(time.workingSeconds(from: wib("2026-08-14 10:00"), to: wib("2026-08-18 08:30")) == 7_200)
        // A week without holidays: 4 × 8.5 + 3.5 hours.
        #expect(time.workingSeconds(from: wib("2026-07-06 00:00"), to: wib("2026-07-13 00:00")) == 135_000)
        #expect(time.workingSeconds(from: wib("2026-07-11 00:00"), to: wib("2026-07-13 00:00")) == 0)
        #expect(time.workingSeconds(from: wib("2026-07-10 11:00"), to: wib("2026-07-10 16:00")) == 0)
        #expect(time.workingSeconds(from: wib("2026-07-06 09:00"), to: wib("2026-07-06 09:00")) == 0)
        #expect(time.workingSeconds(from: wib("2026-07-06 10:00"), to: wib("2026-07-06 09:00")) == 0)
        #expect(time.workingSeconds(from: wib("2026-07-06 09:00"), to: wib("2026-07-06 09:00:01")) == 1)
    }

    @Test("workingSeconds agrees with a minute-by-minute count over Idul Fitri")
    func workingSecondsBruteForce() throws {
        let time = try #require(WorkingTimeFixture.kebumen)
        let start = wib("2026-03-02 00:00")
        var minutes = 0
        var boundaries: [(Int, Int)] = []  // (minute index, working minutes before it)
        for minute in 0..<(45 * 1_440) {
            if minute % 997 == 0 { boundaries.append((minute, minutes)) }
            if time.isWorking(start.addingTimeInterval(TimeInterval(minute * 60))) { minutes += 1 }
        }
        boundaries.append((45 * 1_440, minutes))
        for (index, (fromMinute, fromCount)) in boundaries.enumerated() {
            for (toMinute, toCount) in boundaries[index...] {
                let from = start.addingTimeInterval(TimeInterval(fromMinute * 60))
                let to = start.addingTimeInterval(TimeInterval(toMinute * 60))
                #expect(time.workingSeconds(from: from, to: to) == (toCount - fromCount) * 60)
            }
        }
    }

    @Test("workingSeconds over the whole of 2026")
    func workingSecondsYear() throws {
        let time = try #require(WorkingTimeFixture.kebumen)
        let calendar = try #require(WorkingTimeFixture.kebumenFile.calendar)
        var expected = 0
        for date in WorkingTimeFixture.days(from: CivilDate(year: 2026, month: 1, day: 1)!, count: 365) {
            expected += calendar.officeHours(on: date).reduce(0) { $0 + $1.minutes } * 60
        }
        #expect(time.workingSeconds(from: wib("2026-01-01 00:00"), to: wib("2027-01-01 00:00")) == expected)
    }

    @Test(
        "from a start to its deadline is the budget's length",
        arguments: ["15 menit", "1 jam", "3 jam 30 menit", "8 jam", "8 jam 30 menit", "20 jam", "37 jam 30 menit"])
    func workingSecondsOfBudget(text: String) throws {
        let time = try #require(WorkingTimeFixture.kebumen)
        let start = wib("2026-07-06 08:00")
        let length = try budget(text)
        let due = time.deadline(from: start, adding: length)
        #expect(time.workingSeconds(from: start, to: due) == length.minutes * 60)
        #expect(due <= wib("2026-07-13 08:00"))  // inside one week
    }

    @Test("a day's budget measures that day's office hours")
    func workingSecondsOfDays() throws {
        let time = try #require(WorkingTimeFixture.kebumen)
        let start = wib("2026-07-06 08:00")
        let due = time.deadline(from: start, adding: Budget(days: 1))
        #expect(time.workingSeconds(from: start, to: due) == 8 * 3_600 + 1_800)
        let friday = wib("2026-07-10 08:00")
        // Friday 08:00–11:00, then Monday 07:30–08:00.
        #expect(time.workingSeconds(from: friday, to: time.deadline(from: friday, adding: Budget(days: 1))) == 3 * 3_600 + 1_800)
    }

    // MARK: SLA

    @Test(
        "SLA state within a day: 4 jam from 08:00, due 12:00, at risk from 11:00",
        arguments: [
            ("2026-07-06 07:00", SLAState.onTime), ("2026-07-06 08:00", .onTime),
            ("2026-07-06 10:59:59", .onTime), ("2026-07-06 11:00", .atRisk), ("2026-07-06 11:30", .atRisk),
            ("2026-07-06 12:00", .atRisk), ("2026-07-06 12:00:01", .overdue), ("2026-07-07 08:00", .overdue),
        ])
    func slaWithinDay(now: String, expected: SLAState) throws {
        let time = try #require(WorkingTimeFixture.kebumen)
        let start = wib("2026-07-06 08:00")
        let due = time.deadline(from: start, adding: Budget(minutes: 240))
        #expect(wibText(due) == "2026-07-06 12:00")
        #expect(time.slaState(start: start, due: due, now: wib(now)) == expected)
    }

    @Test(
        "SLA state across a weekend: 3 working hours from Friday 10:00, at risk from Monday 08:45",
        arguments: [
            ("2026-07-10 10:30", SLAState.onTime), ("2026-07-11 12:00", .onTime),
            ("2026-07-13 08:44:59", .onTime), ("2026-07-13 08:45", .atRisk), ("2026-07-13 09:30", .atRisk),
            ("2026-07-13 09:30:01", .overdue),
        ])
    func slaAcrossWeekend(now: String, expected: SLAState) throws {
        let time = try #require(WorkingTimeFixture.kebumen)
        let start = wib("2026-07-10 10:00")
        let due = time.deadline(from: start, adding: Budget(minutes: 180))
        #expect(wibText(due) == "2026-07-13 09:30")
        #expect(time.slaState(start: start, due: due, now: wib(now)) == expected)
    }

    @Test("SLA state with no working time before due: at risk until overdue")
    func slaEmptyWindow() throws {
        let time = try #require(WorkingTimeFixture.kebumen)
        let start = wib("2026-07-11 09:00")
        let due = time.deadline(from: start, adding: .zero)
        #expect(time.slaState(start: start, due: due, now: wib("2026-07-12 09:00")) == .atRisk)
        #expect(time.slaState(start: start, due: due, now: due) == .atRisk)
        #expect(time.slaState(start: start, due: due, now: due.addingTimeInterval(1)) == .overdue)
    }

    @Test("SLA states are written as in the files")
    func slaNames() throws {
        #expect(SLAState.allCases.map(\.rawValue) == ["on-time", "at-risk", "overdue"])
        let data = try JSONEncoder().encode([SLAState.atRisk])
        #expect(String(decoding: data, as: UTF8.self) == #"["at-risk"]"#)
        #expect(try JSONDecoder().decode([SLAState].self, from: data) == [.atRisk])
    }

    // MARK: Time zones

    @Test("offsets are taken per instant: a zone with daylight saving time")
    func daylightSaving() throws {
        let hours = ["09:00-17:00"]
        let time = try #require(WorkingTime(calendar: WorkingTimeFixture.calendar(
            zone: "America/New_York",
            hours: [.monday: hours, .tuesday: hours, .wednesday: hours, .thursday: hours, .friday: hours])))
        func utc(_ date: String, _ hour: Int, _ minute: Int = 0) -> Date {
            Date(timeIntervalSince1970: TimeInterval(CivilDate(date)!.daysSinceEpoch * 86_400 + hour * 3_600 + minute * 60))
        }
        // Friday 6 March 2026 16:00 EST (UTC−5); clocks go forward on Sunday 8 March.
        let start = utc("2026-03-06", 21)
        let due = time.deadline(from: start, adding: Budget(minutes: 120))
        #expect(due == utc("2026-03-09", 14))  // Monday 10:00 EDT (UTC−4)
        #expect(time.workingSeconds(from: start, to: due) == 7_200)
        #expect(time.isWorking(utc("2026-03-09", 13, 30)))  // 09:30 EDT
        #expect(!time.isWorking(utc("2026-03-02", 13, 30)))  // 08:30 EST
        #expect(time.nextWorkingInstant(from: utc("2026-03-07", 12)) == utc("2026-03-09", 13))
    }

    // MARK: Bounds

    @Test("holidays on every day for 20 years: every method returns")
    func holidaysEveryDay() throws {
        let holidays = WorkingTimeFixture.days(from: CivilDate(year: 2026, month: 1, day: 1)!, count: 7_305)
        let time = try #require(WorkingTime(calendar: WorkingTimeFixture.kebumenHours(holidays: holidays)))
        let start = wib("2026-01-05 09:00")
        let limit = start.addingTimeInterval(TimeInterval((WorkingTime.searchLimitDays + 2) * 86_400))
        #expect(!time.isWorking(start))
        let next = time.nextWorkingInstant(from: start)
        #expect(next > start && next <= limit)
        #expect(wibText(next) == "2036-01-14 00:00")
        for text in ["1 jam", "1 hari", "2 hari 2 jam", "100000 hari", "100000 jam"] {
            let due = time.deadline(from: start, adding: try budget(text))
            #expect(due > start && due <= limit)
        }
        #expect(time.workingSeconds(from: start, to: wib("2046-01-01 00:00")) == 0)
        #expect(time.slaState(start: start, due: next, now: start) == .atRisk)
        // Working days before the holidays begin: the walk gives up inside the days and the minutes.
        let before = wib("2025-12-29 09:00")
        let days = time.deadline(from: before, adding: Budget(days: 10))
        #expect(wibText(days) == "2036-01-09 00:00")  // the midnight ending 3,660 days without hours
        let minutes = time.deadline(from: before, adding: Budget(minutes: 100 * 60))
        #expect(wibText(minutes) == "2036-01-09 00:00")
    }

    @Test("holidays on every day for 5 years: the first working day after them is found")
    func holidaysFiveYears() throws {
        let holidays = WorkingTimeFixture.days(from: CivilDate(year: 2026, month: 1, day: 1)!, count: 1_826)
        #expect(holidays.last == CivilDate(year: 2030, month: 12, day: 31))
        let time = try #require(WorkingTime(calendar: WorkingTimeFixture.kebumenHours(holidays: holidays)))
        let start = wib("2026-01-05 09:00")
        #expect(wibText(time.nextWorkingInstant(from: start)) == "2031-01-01 07:30")
        #expect(wibText(time.deadline(from: start, adding: Budget(minutes: 60))) == "2031-01-01 08:30")
        #expect(wibText(time.deadline(from: start, adding: Budget(days: 1))) == "2031-01-02 07:30")
        #expect(wibText(time.deadline(from: wib("2025-12-31 15:00"), adding: Budget(days: 1))) == "2031-01-01 15:00")
        #expect(wibText(time.deadline(from: wib("2025-12-31 15:00"), adding: Budget(minutes: 120))) == "2031-01-01 08:30")
        #expect(time.workingSeconds(from: wib("2025-12-31 15:00"), to: wib("2031-01-01 08:30")) == 7_200)
    }
}

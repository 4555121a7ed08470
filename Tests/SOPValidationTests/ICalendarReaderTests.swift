import Foundation
import SOPCore
import SOPLoading
import SOPModel
import Testing

/// The lines as a file with CRLF line endings.
private func crlf(_ lines: [String]) -> Data {
    Data((lines.joined(separator: "\r\n") + "\r\n").utf8)
}

/// A calendar around the given lines of events, CRLF line endings: the events start on line 4.
private func calendar(_ lines: [String]) -> Data {
    crlf(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//uji//ID"] + lines + ["END:VCALENDAR"])
}

private func date(_ text: String) -> CivilDate {
    guard let date = CivilDate(text) else { fatalError("not a date in a test: \(text)") }
    return date
}

/// The error reading `data` throws, or nil when it reads.
private func failure(_ data: Data) -> ICalendarError? {
    do {
        _ = try ICalendarReader.read(data)
        return nil
    } catch {
        return error
    }
}

private func failure(path: String) -> ICalendarError? {
    do {
        _ = try ICalendarReader.read(path: path)
        return nil
    } catch {
        return error
    }
}

@Suite("iCalendar reader")
struct ICalendarReaderTests {
    /// A feed as Google Calendar publishes one: CRLF, folded lines, a time zone, an alarm.
    static let realistic = """
        BEGIN:VCALENDAR\r
        PRODID:-//Google Inc//Google Calendar 70.9054//EN\r
        VERSION:2.0\r
        CALSCALE:GREGORIAN\r
        METHOD:PUBLISH\r
        X-WR-CALNAME:Hari libur di Indonesia\r
        X-WR-TIMEZONE:Asia/Jakarta\r
        BEGIN:VTIMEZONE\r
        TZID:Asia/Jakarta\r
        BEGIN:STANDARD\r
        TZOFFSETFROM:+0700\r
        TZOFFSETTO:+0700\r
        DTSTART:19700101T000000\r
        END:STANDARD\r
        END:VTIMEZONE\r
        BEGIN:VEVENT\r
        DTSTART;VALUE=DATE:20270101\r
        DTEND;VALUE=DATE:20270102\r
        DTSTAMP:20261201T000000Z\r
        UID:20270101_id@google.com\r
        SUMMARY;LANGUAGE=id:Tahun Baru\r
          Masehi\r
        TRANSP:TRANSPARENT\r
        END:VEVENT\r
        BEGIN:VEVENT\r
        DTSTART;VALUE=DATE:20270309\r
        DTEND;VALUE=DATE:20270312\r
        SUMMARY;LANGUAGE=id:Idul Fitri\\, hari pertama\\, kedua dan cuti bersam\r
         a\r
        BEGIN:VALARM\r
        ACTION:DISPLAY\r
        DESCRIPTION:Besok libur\r
        TRIGGER:-P1D\r
        END:VALARM\r
        END:VEVENT\r
        BEGIN:VEVENT\r
        DTSTART:20270526\r
        DURATION:P2D\r
        SUMMARY;ALTREP="http://example.com/waisak:2027;x";LANGUAGE=id:Waisak\r
        END:VEVENT\r
        END:VCALENDAR\r

        """

    @Test("a realistic feed: folded lines, a three-day event, DURATION, escaped commas, parameters")
    func realisticFeed() throws {
        let feed = try ICalendarReader.read(Data(Self.realistic.utf8))
        #expect(feed.skipped.isEmpty)
        #expect(feed.events.count == 3)
        let newYear = try #require(feed.events.first)
        #expect(newYear.summary == "Tahun Baru Masehi", "a folded line continues after its one leading space")
        #expect(newYear.first == date("2027-01-01"))
        #expect(newYear.dates == [date("2027-01-01")], "DTEND is exclusive")
        #expect(newYear.line == 16)
        let lebaran = feed.events[1]
        #expect(lebaran.summary == "Idul Fitri, hari pertama, kedua dan cuti bersama")
        #expect(lebaran.dates == [date("2027-03-09"), date("2027-03-10"), date("2027-03-11")])
        #expect(lebaran.first == date("2027-03-09"))
        #expect(lebaran.line == 25)
        let waisak = feed.events[2]
        #expect(waisak.summary == "Waisak", "a ':' or ';' in a quoted parameter does not end it")
        #expect(waisak.dates == [date("2027-05-26"), date("2027-05-27")])
        #expect(waisak.line == 36)
        #expect(feed.years == [2027])
        #expect(feed.days.map(\.date) == [
            date("2027-01-01"), date("2027-03-09"), date("2027-03-10"), date("2027-03-11"), date("2027-05-26"), date("2027-05-27"),
        ])
    }

    @Test("LF line endings read the same as CRLF")
    func lineFeedOnly() throws {
        let lf = Self.realistic.replacingOccurrences(of: "\r\n", with: "\n")
        #expect(!lf.contains("\r"))
        let feed = try ICalendarReader.read(Data(lf.utf8))
        #expect(try feed == ICalendarReader.read(Data(Self.realistic.utf8)))
        #expect(feed.events.map(\.summary) == ["Tahun Baru Masehi", "Idul Fitri, hari pertama, kedua dan cuti bersama", "Waisak"])
    }

    @Test("a UTF-8 byte order mark at the start is skipped")
    func byteOrderMark() throws {
        let feed = try ICalendarReader.read(Data([0xEF, 0xBB, 0xBF]) + calendar([
            "BEGIN:VEVENT", "DTSTART;VALUE=DATE:20270817", "SUMMARY:Hari Kemerdekaan", "END:VEVENT",
        ]))
        #expect(feed.events.map(\.summary) == ["Hari Kemerdekaan"])
        #expect(feed.events.first?.line == 4)
    }

    @Test("events with a time of day are skipped, with their summary, line and reason")
    func timedEventsSkipped() throws {
        let feed = try ICalendarReader.read(calendar([
            "BEGIN:VEVENT", "DTSTART:20270104T090000Z", "DTEND:20270104T100000Z", "SUMMARY:Apel pagi", "END:VEVENT",
            "BEGIN:VEVENT", "DTSTART;TZID=Asia/Jakarta:20270105T130000", "SUMMARY:Rapat\\, koordinasi", "END:VEVENT",
            "BEGIN:VEVENT", "DTSTART;VALUE=DATE:20270106", "SUMMARY:Libur", "END:VEVENT",
        ]))
        #expect(feed.skipped == [
            ICalendarSkipped(summary: "Apel pagi", line: 4, reason: .timed),
            ICalendarSkipped(summary: "Rapat, koordinasi", line: 9, reason: .timed),
        ])
        #expect(feed.events.map(\.summary) == ["Libur"])
    }

    @Test("recurring (RRULE, RDATE), cancelled and start-less events are skipped")
    func otherEventsSkipped() throws {
        let feed = try ICalendarReader.read(calendar([
            "BEGIN:VEVENT", "DTSTART;VALUE=DATE:20270817", "RRULE:FREQ=YEARLY", "SUMMARY:Kemerdekaan", "END:VEVENT",
            "BEGIN:VEVENT", "DTSTART;VALUE=DATE:20270101", "RDATE;VALUE=DATE:20280101", "SUMMARY:Tahun Baru", "END:VEVENT",
            "BEGIN:VEVENT", "DTSTART;VALUE=DATE:20270601", "STATUS:CANCELLED", "SUMMARY:Pancasila", "END:VEVENT",
            "BEGIN:VEVENT", "SUMMARY:Tanpa tanggal", "END:VEVENT",
            "BEGIN:VEVENT", "DTSTART;VALUE=DATE:20270602", "STATUS:CONFIRMED", "SUMMARY:Dipakai", "END:VEVENT",
        ]))
        #expect(feed.skipped == [
            ICalendarSkipped(summary: "Kemerdekaan", line: 4, reason: .recurring),
            ICalendarSkipped(summary: "Tahun Baru", line: 9, reason: .recurring),
            ICalendarSkipped(summary: "Pancasila", line: 14, reason: .cancelled),
            ICalendarSkipped(summary: "Tanpa tanggal", line: 19, reason: .noStart),
        ])
        #expect(feed.events.map(\.summary) == ["Dipakai"])
        #expect(feed.events.first?.line == 22)
    }

    @Test("days merges the events of one date in file order; years are those of every date")
    func daysAndYears() throws {
        let feed = try ICalendarReader.read(calendar([
            "BEGIN:VEVENT", "DTSTART;VALUE=DATE:20280101", "SUMMARY:Tahun Baru 2028", "END:VEVENT",
            "BEGIN:VEVENT", "DTSTART;VALUE=DATE:20270310", "SUMMARY:Idul Fitri", "END:VEVENT",
            "BEGIN:VEVENT", "DTSTART;VALUE=DATE:20270309", "DTEND;VALUE=DATE:20270311", "SUMMARY:Cuti bersama", "END:VEVENT",
            "BEGIN:VEVENT", "DTSTART;VALUE=DATE:20261231", "DURATION:P2D", "SUMMARY:Akhir tahun", "END:VEVENT",
            "BEGIN:VEVENT", "DTSTART;VALUE=DATE:20270310", "SUMMARY:Idul Fitri", "END:VEVENT",
        ]))
        let days = feed.days
        #expect(days.map(\.date) == [
            date("2026-12-31"), date("2027-01-01"), date("2027-03-09"), date("2027-03-10"), date("2028-01-01"),
        ])
        #expect(days.map(\.summaries) == [
            ["Akhir tahun"], ["Akhir tahun"], ["Cuti bersama"], ["Idul Fitri", "Cuti bersama"], ["Tahun Baru 2028"],
        ])
        #expect(feed.years == [2026, 2027, 2028])
    }

    @Test("ends: DTEND equal to DTSTART, DURATION in weeks and with a plus sign, no end at all")
    func ends() throws {
        let feed = try ICalendarReader.read(calendar([
            "BEGIN:VEVENT", "DTSTART;VALUE=DATE:20270101", "DTEND;VALUE=DATE:20270101", "END:VEVENT",
            "BEGIN:VEVENT", "DTSTART;VALUE=DATE:20270201", "DURATION:P1W", "END:VEVENT",
            "BEGIN:VEVENT", "DTSTART;VALUE=DATE:20270301", "DURATION:+P3D", "END:VEVENT",
            "BEGIN:VEVENT", "DTSTART;VALUE=DATE:20270401", "END:VEVENT",
            "BEGIN:VEVENT", "DTSTART;VALUE=DATE:20270501", "DTEND;VALUE=DATE:20270601", "END:VEVENT",
        ]))
        #expect(feed.events.map(\.dates.count) == [1, 7, 3, 1, 31])
        #expect(feed.events.map(\.summary) == ["", "", "", "", ""])
        #expect(feed.events[1].dates.last == date("2027-02-07"))
        #expect(feed.events[4].dates.last == date("2027-05-31"))
    }

    @Test("several calendars in one file, names in any case, blank lines and other components ignored")
    func severalCalendars() throws {
        let text = "begin:vcalendar\n\nBEGIN:VEVENT\ndtstart;value=date:20270101\nsummary:Satu\nEND:vevent\nEND:VCALENDAR\n\n"
            + "BEGIN:VCALENDAR\nBEGIN:VTODO\nDTSTART;VALUE=DATE:20270105\nEND:VTODO\nBEGIN:X-LAIN\nBEGIN:X-DALAM\nEND:X-DALAM\nEND:X-LAIN\n"
            + "BEGIN:VEVENT\nDTSTART;VALUE=DATE:20270102\nSUMMARY:Dua\nEND:VEVENT\nEND:VCALENDAR"
        let feed = try ICalendarReader.read(Data(text.utf8))
        #expect(feed.events.map(\.summary) == ["Satu", "Dua"])
        #expect(feed.events.map(\.line) == [3, 17])
    }

    @Test("SUMMARY escapes: backslash, semicolon, comma, newline; runs of spaces made one and trimmed")
    func summaryEscapes() throws {
        let feed = try ICalendarReader.read(calendar([
            "BEGIN:VEVENT", "DTSTART;VALUE=DATE:20270101", #"SUMMARY:  Libur\; nasional\nhari   pertama\N\\ akhir\, ya  "#, "END:VEVENT",
        ]))
        #expect(feed.events.first?.summary == #"Libur; nasional hari pertama \ akhir, ya"#)
    }

    // MARK: Errors

    @Test("a web page is not an iCalendar file", arguments: [
        "<!DOCTYPE html><html><body>Not found</body></html>\n", "", "\r\n\r\n", "{\"error\": \"rate limited\"}",
    ])
    func noCalendar(text: String) throws {
        let error = try #require(failure(Data(text.utf8)))
        #expect(error.line == nil)
        #expect(error.message.id.contains("bukan berkas iCalendar: tidak ada BEGIN:VCALENDAR"), "\(error.message.id)")
        #expect(error.message.en.contains("not an iCalendar file: no BEGIN:VCALENDAR"), "\(error.message.en)")
        #expect(error.description == error.message.en)
    }

    @Test("content before BEGIN:VCALENDAR, and after END:VCALENDAR, is refused")
    func contentOutside() throws {
        let before = try #require(failure(Data("\r\nVERSION:2.0\r\nBEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".utf8)))
        #expect(before.line == 2)
        #expect(before.message.en.contains("before BEGIN:VCALENDAR"))
        let after = try #require(failure(Data("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\nX-JUNK:1\r\n".utf8)))
        #expect(after.line == 3)
        #expect(after.message.en.contains("outside"))
    }

    @Test("a line without a colon is a broken line, named by its line")
    func lineWithoutColon() throws {
        let error = try #require(failure(calendar(["BEGIN:VEVENT", "DTSTART;VALUE=DATE:20270101", "this line has no colon", "END:VEVENT"])))
        #expect(error.line == 6)
        #expect(error.message.en.contains("broken line"))
        #expect(error.message.id.contains("baris rusak"))
        #expect(error.description.hasPrefix("line 6: broken line"), "\(error.description)")
    }

    @Test("broken parameters are refused: an unclosed quote, a parameter without '='")
    func brokenParameters() throws {
        let quote = try #require(failure(calendar(["BEGIN:VEVENT", "SUMMARY;ALTREP=\"http://x:y:Libur", "END:VEVENT"])))
        #expect(quote.line == 5)
        let equals = try #require(failure(calendar(["BEGIN:VEVENT", "SUMMARY;LANGUAGE:Libur", "END:VEVENT"])))
        #expect(equals.line == 5)
        let name = try #require(failure(calendar(["BEGIN:VEVENT", "SUM MARY:Libur", "END:VEVENT"])))
        #expect(name.line == 5)
    }

    @Test("a continuation line at the start of the file is a broken line")
    func continuationAtStart() throws {
        let error = try #require(failure(Data(" X-AWAL:1\r\nBEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".utf8)))
        #expect(error.line == 1)
        #expect(error.message.en.contains("broken line"))
    }

    @Test("a VEVENT or VCALENDAR not closed at the end of the file is named by its BEGIN line")
    func unterminated() throws {
        let event = try #require(failure(Data("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270101\r\n".utf8)))
        #expect(event.line == 3)
        #expect(event.message.en.contains("BEGIN:VEVENT has no END:VEVENT"))
        let calendar = try #require(failure(Data("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n".utf8)))
        #expect(calendar.line == 1)
        #expect(calendar.message.id.contains("BEGIN:VCALENDAR tanpa END:VCALENDAR"))
    }

    @Test("an END that does not close the open BEGIN is refused")
    func mismatchedEnd() throws {
        let error = try #require(failure(calendar(["BEGIN:VEVENT", "DTSTART;VALUE=DATE:20270101", "END:VTODO"])))
        #expect(error.line == 6)
        #expect(error.message.en.contains("END:VTODO does not close BEGIN:VEVENT of line 4"), "\(error.message.en)")
    }

    @Test("components nested more than 16 deep are refused; 16 are read")
    func nesting() throws {
        let open = (1...15).map { "BEGIN:X-L\($0)" }
        let close = (1...15).reversed().map { "END:X-L\($0)" }
        let sixteen = try ICalendarReader.read(calendar(open + close + ["BEGIN:VEVENT", "DTSTART;VALUE=DATE:20270101", "END:VEVENT"]))
        #expect(sixteen.events.count == 1)
        let error = try #require(failure(calendar(open + ["BEGIN:X-L16"] + close)))
        #expect(error.line == 19)
        let nested = try #require(failure(calendar(["BEGIN:VEVENT", "BEGIN:VEVENT", "END:VEVENT", "END:VEVENT"])))
        #expect(nested.line == 5)
    }

    @Test("a date that cannot be read is refused with its line and value", arguments: [
        ("DTSTART;VALUE=DATE:100000101", "100000101", "out of range"),
        ("DTSTART;VALUE=DATE:20271301", "20271301", "no such date"),
        ("DTSTART;VALUE=DATE:20270230", "20270230", "no such date"),
        ("DTSTART;VALUE=DATE:00000101", "00000101", "no such date"),
        ("DTSTART:2027-01-01", "2027-01-01", "cannot be read"),
        ("DTSTART;VALUE=DATE:202701", "202701", "cannot be read"),
        ("DTSTART;VALUE=DATE:99999999999999999999999999", "99999999999999999999999999", "out of range"),
    ])
    func unreadableDate(line: String, value: String, says: String) throws {
        let error = try #require(failure(calendar(["BEGIN:VEVENT", line, "SUMMARY:Jauh", "END:VEVENT"])))
        #expect(error.line == 5)
        #expect(error.message.en.contains("'\(value)'"), "\(error.message.en)")
        #expect(error.message.en.contains(says), "\(error.message.en)")
        #expect(error.message.id.contains("'\(value)'"), "\(error.message.id)")
    }

    @Test("DTEND before DTSTART is refused at the DTEND line")
    func endBeforeStart() throws {
        let error = try #require(failure(calendar([
            "BEGIN:VEVENT", "DTSTART;VALUE=DATE:20270105", "DTEND;VALUE=DATE:20270104", "SUMMARY:Mundur", "END:VEVENT",
        ])))
        #expect(error.line == 6)
        #expect(error.message.en.contains("DTEND 2027-01-04 is before DTSTART 2027-01-05"), "\(error.message.en)")
    }

    @Test("an all-day event longer than 31 days is refused")
    func eventTooLong() throws {
        let error = try #require(failure(calendar([
            "BEGIN:VEVENT", "DTSTART;VALUE=DATE:20270101", "DTEND;VALUE=DATE:20270210", "SUMMARY:Panjang", "END:VEVENT",
        ])))
        #expect(error.line == 6)
        #expect(error.message.en.contains("40 days"), "\(error.message.en)")
        #expect(error.message.id.contains("40 hari"), "\(error.message.id)")
        let weeks = try #require(failure(calendar(["BEGIN:VEVENT", "DTSTART;VALUE=DATE:20270101", "DURATION:P5W", "END:VEVENT"])))
        #expect(weeks.line == 6)
        #expect(weeks.message.en.contains("35 days"))
        let huge = try #require(failure(calendar(["BEGIN:VEVENT", "DTSTART;VALUE=DATE:20270101", "DURATION:P99999999999999999999D", "END:VEVENT"])))
        #expect(huge.line == 6)
    }

    @Test("a DURATION that is not whole days or weeks is refused for an all-day event", arguments: [
        "PT24H", "P1DT2H", "-P1D", "P", "PD", "P1Y", "1D", "P1.5D",
    ])
    func partialDuration(duration: String) throws {
        let error = try #require(failure(calendar(["BEGIN:VEVENT", "DTSTART;VALUE=DATE:20270101", "DURATION:\(duration)", "END:VEVENT"])))
        #expect(error.line == 6)
        #expect(error.message.en.contains("DURATION"))
    }

    @Test("an event running past 9999-12-31, DTEND with a time, DTEND and DURATION together, DTSTART twice are refused")
    func otherEventErrors() throws {
        let past = try #require(failure(calendar(["BEGIN:VEVENT", "DTSTART;VALUE=DATE:99991231", "DURATION:P2D", "END:VEVENT"])))
        #expect(past.line == 6)
        let timedEnd = try #require(failure(calendar(["BEGIN:VEVENT", "DTSTART;VALUE=DATE:20270101", "DTEND:20270102T000000Z", "END:VEVENT"])))
        #expect(timedEnd.line == 6)
        let both = try #require(failure(calendar([
            "BEGIN:VEVENT", "DTSTART;VALUE=DATE:20270101", "DTEND;VALUE=DATE:20270102", "DURATION:P1D", "END:VEVENT",
        ])))
        #expect(both.line == 7)
        let twice = try #require(failure(calendar([
            "BEGIN:VEVENT", "DTSTART;VALUE=DATE:20270101", "DTSTART;VALUE=DATE:20270102", "END:VEVENT",
        ])))
        #expect(twice.line == 6)
        #expect(twice.message.en.contains("first on line 5"))
        let badTime = try #require(failure(calendar(["BEGIN:VEVENT", "DTSTART:20270101T250000Z", "END:VEVENT"])))
        #expect(badTime.line == 5)
        let badType = try #require(failure(calendar(["BEGIN:VEVENT", "DTSTART;VALUE=PERIOD:20270101", "END:VEVENT"])))
        #expect(badType.line == 5)
    }

    @Test("a SUMMARY with a control or text-direction character is refused", arguments: [
        "Libur\u{1B}[2J", "Libur\u{07}", "Libur\u{9B}31m", "Libur\u{7F}", "\u{202E}rubiL", "Libur\u{2066}x\u{2069}", "Libur\tnasional",
        "Libur\u{0}", "Satu\u{2028}dua",
    ])
    func unsafeSummary(summary: String) throws {
        let error = try #require(failure(calendar(["BEGIN:VEVENT", "DTSTART;VALUE=DATE:20270101", "SUMMARY:\(summary)", "END:VEVENT"])))
        #expect(error.line == 6)
        #expect(error.message.en.contains("SUMMARY has"), "\(error.message.en)")
        #expect(error.message.id.contains("SUMMARY memuat"), "\(error.message.id)")
        #expect(!error.description.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
    }

    @Test("a SUMMARY of a skipped event is checked too, and one longer than 200 characters is refused")
    func summaryChecks() throws {
        let skipped = try #require(failure(calendar(["BEGIN:VEVENT", "DTSTART:20270101T090000Z", "SUMMARY:Rapat\u{1B}]0;x\u{07}", "END:VEVENT"])))
        #expect(skipped.line == 6)
        let long = String(repeating: "a", count: 201)
        let error = try #require(failure(calendar(["BEGIN:VEVENT", "DTSTART;VALUE=DATE:20270101", "SUMMARY:\(long)", "END:VEVENT"])))
        #expect(error.line == 6)
        #expect(error.message.en.contains("201 characters"))
        let fits = try ICalendarReader.read(calendar(["BEGIN:VEVENT", "DTSTART;VALUE=DATE:20270101", "SUMMARY:\(long.dropLast())", "END:VEVENT"]))
        #expect(fits.events.first?.summary.count == 200)
    }

    @Test("content that is not UTF-8 is refused with its line")
    func notUTF8() throws {
        var data = Data("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270101\r\nSUMMARY:Hari Raya Ny".utf8)
        data.append(contentsOf: [0xE9, 0x70, 0x69])  // Latin-1 é
        data.append(contentsOf: Array("\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n".utf8))
        let error = try #require(failure(data))
        #expect(error.line == 4)
        #expect(error.message.en.contains("UTF-8"))
        #expect(error.message.id.contains("UTF-8"))
        let utf16 = try #require(failure(Data([0xFF, 0xFE]) + Data("BEGIN:VCALENDAR".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })))
        #expect(utf16.message.en.contains("UTF-16"))
    }

    @Test("a UTF-8 character split by folding is joined again")
    func foldInsideCharacter() throws {
        var data = Data("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270101\r\nSUMMARY:Caf".utf8)
        data.append(contentsOf: [0xC3, 0x0D, 0x0A, 0x20, 0xA9])  // é, folded between its two bytes
        data.append(contentsOf: Array("\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n".utf8))
        #expect(try ICalendarReader.read(data).events.first?.summary == "Café")
    }

    @Test("a carriage return without a line feed is a broken line")
    func bareCarriageReturn() throws {
        let error = try #require(failure(Data("BEGIN:VCALENDAR\rVERSION:2.0\rEND:VCALENDAR\r".utf8)))
        #expect(error.line == 1)
        #expect(error.message.en.contains("CR"))
    }

    @Test("more than 10,000 events are refused")
    func tooManyEvents() throws {
        let event = ["BEGIN:VEVENT", "DTSTART;VALUE=DATE:20270101", "END:VEVENT"]
        let tenThousand = try ICalendarReader.read(calendar(Array(repeating: event, count: 10_000).flatMap { $0 }))
        #expect(tenThousand.events.count == 10_000)
        #expect(tenThousand.days.count == 1)
        let error = try #require(failure(calendar(Array(repeating: event, count: 10_001).flatMap { $0 })))
        #expect(error.line == 4 + 3 * 10_000)
        #expect(error.message.en.contains("10000"))
    }

    @Test("data larger than maximumBytes is refused without being read")
    func largeData() throws {
        let data = Data(count: ICalendarReader.maximumBytes + 1)
        let error = try #require(failure(data))
        #expect(error.message.en.contains("\(ICalendarReader.maximumBytes + 1) bytes"), "\(error.message.en)")
        #expect(ICalendarReader.maximumBytes == 4 * 1024 * 1024)
        #expect(ICalendarReader.maximumEventDays == 31)
    }

    @Test("truncated and altered feeds throw or read, never trap; what is read keeps its invariants")
    func hostileVariants() throws {
        let bytes = [UInt8](Self.realistic.utf8)
        var variants: [[UInt8]] = (0...bytes.count).map { Array(bytes[0..<$0]) }
        var seed: UInt64 = 0x5EED
        func next() -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: seed >> 33)
        }
        let interesting: [UInt8] = [0x00, 0x0A, 0x0D, 0x20, 0x09, 0x3A, 0x3B, 0x22, 0x2C, 0x5C, 0x39, 0xFF, 0xC3, 0x1B]
        for _ in 0..<2_000 {
            var variant = bytes
            for _ in 0..<(1 + next() % 4) {
                let at = next() % variant.count
                switch next() % 3 {
                case 0: variant[at] = interesting[next() % interesting.count]
                case 1: variant.remove(at: at)
                default: variant.insert(interesting[next() % interesting.count], at: at)
                }
            }
            variants.append(variant)
        }
        var read = 0
        for variant in variants {
            do {
                let feed = try ICalendarReader.read(Data(variant))
                read += 1
                for event in feed.events {
                    #expect((1...ICalendarReader.maximumEventDays).contains(event.dates.count))
                    #expect(event.dates.first == event.first)
                    #expect(!event.summary.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
                }
            } catch {
                #expect(!error.message.isEmpty)
                if let line = error.line { #expect(line >= 1) }
            }
        }
        #expect(read > 0)
    }

    // MARK: Files

    @Test("a file is read from its path")
    func readsFile() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("libur.ics", Self.realistic)
        let feed = try ICalendarReader.read(path: path)
        #expect(feed.events.count == 3)
    }

    @Test("a sparse 100 MB file is refused at once, by its size", .timeLimit(.minutes(1)))
    func hugeFile() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("besar.ics", "BEGIN:VCALENDAR\r\n")
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: 100 * 1024 * 1024)
        try handle.close()
        let started = Date()
        let error = try #require(failure(path: path))
        #expect(Date().timeIntervalSince(started) < 2, "refused before reading")
        #expect(error.line == nil)
        #expect(error.message.en.contains("104857600 bytes (100.0 MiB)"), "\(error.message.en)")
        #expect(error.message.id.contains("104857600 bita"), "\(error.message.id)")
    }

    @Test("a folder, a missing file, a device and a pipe are refused, without hanging", .timeLimit(.minutes(1)))
    func notFiles() throws {
        let folder = try TemporaryFolder()
        let directory = try #require(failure(path: folder.path))
        #expect(directory.message.en.contains("folder"), "\(directory.message.en)")
        #expect(directory.message.id.contains("folder"))
        let missing = try #require(failure(path: folder.path + "/tidak-ada.ics"))
        #expect(missing.message.en.contains("no such file"), "\(missing.message.en)")
        #expect(missing.message.id.contains("tidak ada"))
        let device = try #require(failure(path: "/dev/zero"))
        #expect(device.message.en.contains("not a regular file"), "\(device.message.en)")
        let pipe = folder.path + "/pipa.ics"
        #expect(mkfifo(pipe, 0o600) == 0)
        let fifo = try #require(failure(path: pipe))
        #expect(fifo.message.en.contains("not a regular file"), "\(fifo.message.en)")
    }
}

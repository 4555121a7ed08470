import Foundation
import SOPCore
import SOPLoading
import SOPModel
import Testing

/// What a calendar import does, as text in both languages and as JSON (`sop calendar import`).
@Suite struct CalendarImportTextTests {
    /// A calendar of one year with two holidays; the feed renames one, lacks the other, adds a
    /// third and has two events that are not all-day holidays.
    static func plan() throws -> (plan: CalendarImportPlan, feed: ICalendarFeed, folder: URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sop-calendar-text-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("uji.yaml")
        try """
            kind: Calendar
            id: uji
            name: Kalender uji
            time_zone: Asia/Jakarta
            hours:
              monday: "07:30-16:00"
              friday: "07:30-11:00"
            years: [2027]
            holidays:
              - { date: 2027-01-01, name: Tahun Baru 2027 Masehi }
              - { date: 2027-03-15, name: Cuti bersama Idul Fitri 1448 Hijriah }

            """.write(to: path, atomically: true, encoding: .utf8)
        let newYear = try #require(CivilDate("2027-01-01"))
        let anniversary = try #require(CivilDate("2027-01-22"))
        let feed = ICalendarFeed(
            events: [
                ICalendarEvent(summary: "Tahun Baru Masehi", first: newYear, dates: [newYear], line: 4),
                ICalendarEvent(summary: "Hari Jadi Kabupaten Kebumen", first: anniversary, dates: [anniversary], line: 8),
            ],
            skipped: [ICalendarSkipped(summary: "Rapat koordinasi", line: 12, reason: .timed), ICalendarSkipped(summary: "", line: 16, reason: .noStart)])
        return (try CalendarImport.plan(feed: feed, calendarPath: path.path), feed, folder)
    }

    @Test func aPreviewInBothLanguages() throws {
        let (plan, feed, folder) = try Self.plan()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(CalendarImportText.render(plan, feed: feed, file: "libur.ics", written: false, drop: false, rename: false, language: .id) == """
            Impor iCalendar: libur.ics → \(plan.path) (uji)
            Tahun dalam berkas iCalendar: 2027 (2 tanggal dari 2 acara sepanjang hari)

            Akan ditambahkan (1):
              + 2027-01-22 Jumat  Hari Jadi Kabupaten Kebumen

            Nama berbeda — nama kalender dipertahankan; --rename memakai nama berkas iCalendar (1):
              ~ 2027-01-01 Jumat  Tahun Baru 2027 Masehi → Tahun Baru Masehi

            Tidak ada di berkas iCalendar — dipertahankan; --drop menghapusnya (1):
              - 2027-03-15 Senin  Cuti bersama Idul Fitri 1448 Hijriah

            Dilewati (2):
              baris 12: Rapat koordinasi — acara berjam, bukan hari libur sehari penuh
              baris 16: - — acara tanpa DTSTART

            Belum ada yang ditulis: jalankan lagi dengan --write untuk menulis kalender baru.

            """)
        #expect(CalendarImportText.render(plan, feed: feed, file: "libur.ics", written: false, drop: false, rename: false, language: .en) == """
            iCalendar import: libur.ics → \(plan.path) (uji)
            Years in the iCalendar file: 2027 (2 dates from 2 all-day events)

            To add (1):
              + 2027-01-22 Friday Hari Jadi Kabupaten Kebumen

            Named differently — the calendar's names are kept; --rename takes the iCalendar file's (1):
              ~ 2027-01-01 Friday Tahun Baru 2027 Masehi → Tahun Baru Masehi

            Not in the iCalendar file — kept; --drop removes them (1):
              - 2027-03-15 Monday Cuti bersama Idul Fitri 1448 Hijriah

            Skipped (2):
              line 12: Rapat koordinasi — an event with a time of day, not an all-day holiday
              line 16: - — an event without DTSTART

            Nothing was written: run again with --write to write the new calendar.

            """)
    }

    @Test("what was asked and what was written", arguments: [Language.id, .en])
    func askedAndWritten(language: Language) throws {
        let (plan, feed, folder) = try Self.plan()
        defer { try? FileManager.default.removeItem(at: folder) }
        let words = language == .id
            ? ["\nAkan diganti namanya (1):\n", "\nAkan dihapus (1):\n", "\nDitambahkan (1):\n", "\nDiganti namanya (1):\n", "\nDihapus (1):\n",
               "Ditulis: \(plan.path). Periksa dengan `sop validate \(plan.path)`.\n"]
            : ["\nTo rename (1):\n", "\nTo drop (1):\n", "\nAdded (1):\n", "\nRenamed (1):\n", "\nDropped (1):\n",
               "Written: \(plan.path). Check it with `sop validate \(plan.path)`.\n"]
        let asked = CalendarImportText.render(plan, feed: feed, file: "libur.ics", written: false, drop: true, rename: true, language: language)
        #expect(asked.contains(words[0]) && asked.contains(words[1]))
        let written = CalendarImportText.render(plan, feed: feed, file: "libur.ics", written: true, drop: true, rename: true, language: language)
        for expected in words[2...] { #expect(written.contains(expected), "\(expected)") }
    }

    @Test func anImportThatChangesNothing() throws {
        let (plan, _, folder) = try Self.plan()
        defer { try? FileManager.default.removeItem(at: folder) }
        let empty = ICalendarFeed(events: [], skipped: [])
        let nothing = try CalendarImport.plan(feed: empty, calendarPath: plan.path)
        let indonesian = CalendarImportText.render(nothing, feed: empty, file: "kosong.ics", written: false, drop: false, rename: false, language: .id)
        #expect(indonesian.hasSuffix("""
            Berkas iCalendar tidak memuat hari libur sepanjang hari.

            Tidak ada yang berubah: kalender sudah memuat setiap tanggal berkas iCalendar.

            """))
        let english = CalendarImportText.render(nothing, feed: empty, file: "kosong.ics", written: false, drop: false, rename: false, language: .en)
        #expect(english.hasSuffix("""
            The iCalendar file has no all-day holidays.

            Nothing changes: the calendar already has every date of the iCalendar file.

            """))
    }

    @Test func theJSONShape() throws {
        let (plan, feed, folder) = try Self.plan()
        defer { try? FileManager.default.removeItem(at: folder) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let shape = CalendarImportJSON(plan, feed: feed, written: true, drop: true, rename: false)
        let json = String(decoding: try encoder.encode(shape), as: UTF8.self)
        #expect(json == #"{"additions":[{"date":"2027-01-22","names":["Hari Jadi Kabupaten Kebumen"]}],"calendar":"\#(plan.path)","#
            + #""calendarId":"uji","dropApplied":true,"drops":[{"date":"2027-03-15","name":"Cuti bersama Idul Fitri 1448 Hijriah"}],"#
            + #""kept":[],"renameApplied":false,"renames":[{"calendarName":"Tahun Baru 2027 Masehi","date":"2027-01-01","listName":"Tahun Baru Masehi"}],"#
            + #""skipped":[{"line":12,"reason":"timed","summary":"Rapat koordinasi"},{"line":16,"reason":"noStart","summary":""}],"#
            + #""written":true,"years":[2027],"yearsAdded":[]}"#)
    }
}

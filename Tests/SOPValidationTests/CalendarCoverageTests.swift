import Foundation
import SOPCore
import SOPLoading
import SOPModel
import SOPValidation
import Testing

/// Which years a calendar covers, and `SOP0704` when this year or the next is not among them.
@Suite("Calendar coverage")
struct CalendarCoverageTests {
    static let shipped = TestPaths.workflows + "/jam-kerja-kebumen.yaml"

    static func instant(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        return formatter.date(from: text)!
    }

    static let calendarText = """
        kind: Calendar
        id: uji
        time_zone: Asia/Jakarta
        hours:
          monday: "08:00-16:00"
        holidays:
          - { date: 2026-01-05, name: Libur }

        """

    @Test("the shipped calendar covers 2026 and 2027, as `years:` says")
    func shippedYears() throws {
        let calendar = try #require(Loader.load(path: Self.shipped).calendar)
        #expect(calendar.declaredYears?.map(\.value) == [2026, 2027])
        #expect(calendar.coveredYears == [2026, 2027])
        let holidayYears = Set(calendar.holidays.map(\.date.value.year))
        #expect(holidayYears == [2026, 2027])
    }

    @Test("validated in December 2026 the shipped calendar covers this year and the next; in 2027 it lacks 2028")
    func shippedCoverage() throws {
        let december = Validator.validate(paths: [Self.shipped], now: Self.instant("2026-12-07T02:00:00Z"))
        #expect(!december.diagnostics.contains { $0.code == .yearNotCovered })
        let later = Validator.validate(paths: [Self.shipped], now: Self.instant("2027-03-01T02:00:00Z"))
        let warnings = later.diagnostics.filter { $0.code == .yearNotCovered }
        #expect(warnings.count == 1)
        #expect(warnings.first?.severity == .warning)
        #expect(warnings.first?.message.en.contains("does not cover 2028 (next year)") == true)
        // At the `years:` line of the file, where the year is added.
        let text = try String(contentsOfFile: Self.shipped, encoding: .utf8)
        let yearsLine = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("years:") }.map { $0 + 1 }
        #expect(warnings.first?.location.line == yearsLine)
    }

    @Test("without `years:`, the years of the holidays are covered; the warning points at the calendar's id")
    func derivedYears() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("uji.yaml", Self.calendarText)
        let loaded = try #require(Loader.load(path: path).calendar)
        #expect(loaded.declaredYears == nil)
        #expect(loaded.coveredYears == [2026])
        let report = Validator.validate(paths: [path], now: Self.instant("2026-06-01T02:00:00Z"))
        let warning = try #require(report.diagnostics.first { $0.code == .yearNotCovered })
        #expect(warning.location.line == 2)
        #expect(warning.message.id.contains("tidak mencakup 2027 (tahun depan)"))
        // Just before midnight in Jakarta on 31 December 2026 it is still 2026 there (17:00 UTC is 00:00 WIB).
        let newYearsEve = Validator.validate(paths: [path], now: Self.instant("2026-12-31T16:59:00Z"))
        #expect(newYearsEve.diagnostics.first { $0.code == .yearNotCovered }?.message.en.contains("2027 (next year)") == true)
        let newYear = Validator.validate(paths: [path], now: Self.instant("2026-12-31T17:00:00Z"))
        #expect(newYear.diagnostics.first { $0.code == .yearNotCovered }?.message.en.contains("2027 and 2028 (this year)") == true)
        // Without a clock, nothing is said about years.
        #expect(!Validator.validate(paths: [path]).diagnostics.contains { $0.code == .yearNotCovered })
    }

    @Test("a holiday listed twice across the years of a calendar is an error at the second entry")
    func duplicateAcrossYears() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("uji.yaml", Self.calendarText + """
              - { date: 2027-01-01, name: Tahun Baru 2027 Masehi }
              # 2027, pasted again
              - { date: 2027-01-01, name: Tahun Baru Masehi }

            """)
        let errors = Loader.load(path: path).diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.code) == [.duplicateHoliday])
        #expect(errors.first?.location.line == 10)
        #expect(errors.first?.notes.first?.location.line == 8)
    }

    @Test("WorkCalendar.uncoveredYears lists the years of a range the calendar lacks")
    func uncoveredRange() throws {
        let calendar = try #require(Loader.load(path: Self.shipped).calendar)
        #expect(calendar.uncoveredYears(2026...2027).isEmpty)
        #expect(calendar.uncoveredYears(2025...2028) == [2025, 2028])
        #expect(calendar.uncoveredYears(2027...9999).count == 100, "bounded")
    }
}

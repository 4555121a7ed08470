import Foundation
import SOPLoading
import SOPModel
import Testing

/// The shipped calendar against the Python `holidays` package (`holidays.Indonesia`, categories
/// public and government: national holidays and cuti bersama), every year the calendar covers.
/// `.ci/run` installs the package (`pip install holidays==0.109`).
@Suite("National holidays: the shipped calendar against the Python holidays package")
struct NationalHolidayTests {
    /// The package's dates and names for the years, read by running python3.
    static func national(years: [Int]) throws -> [CivilDate: [String]] {
        let script = """
            import json, sys
            try:
                import holidays
            except ImportError:
                sys.exit("the Python package holidays is not installed: pip install holidays==0.109")
            years = [int(year) for year in sys.argv[1:]]
            found = holidays.Indonesia(years=years, categories=("public", "government"), language="id")
            print(json.dumps({"version": holidays.__version__, "days": {day.isoformat(): name for day, name in found.items()}}))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + years.map(String.init)
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw NationalHolidayError(description: "python3 failed (\(process.terminationStatus)): \(message)")
        }
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any],
            let days = object["days"] as? [String: String]
        else { throw NationalHolidayError(description: "python3 printed no holidays: \(String(decoding: data, as: UTF8.self))") }
        var result: [CivilDate: [String]] = [:]
        for (text, name) in days {
            guard let date = CivilDate(text) else { throw NationalHolidayError(description: "not a date: \(text)") }
            // One date with two holidays comes as "A; B".
            result[date] = name.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        return result
    }

    @Test("every year the shipped calendar covers has exactly the package's dates, or says why not")
    func shippedCalendarMatches() throws {
        let path = TestPaths.workflows + "/jam-kerja-kebumen.yaml"
        let calendar = try #require(Loader.load(path: path).calendar)
        let years = calendar.coveredYears.sorted()
        #expect(years.contains(2026) && years.contains(2027))
        let national = try Self.national(years: years)
        let comparison = HolidayComparison(calendar: calendar, list: national, years: Set(years))
        for missing in comparison.missing {
            Issue.record("\(missing.date) (\(missing.names.joined(separator: " / "))) is a holiday in the holidays package but not in \(path); add it, or list it under `not_holidays:` with the reason")
        }
        for extra in comparison.extra {
            Issue.record("\(extra.date) (\(extra.name)) is in \(path) but not in the holidays package; remove it, or mark it `differs:` with the reason")
        }
        #expect(comparison.agrees)
        // Each year has its holidays, and the years are those of the file.
        for year in years { #expect(national.keys.contains { $0.year == year }, "the package knows no holidays of \(year)") }
    }

    @Test("a deliberate difference with a reason is accepted; one without is reported, both ways")
    func deliberateDifferences() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("uji.yaml", """
            kind: Calendar
            id: uji
            time_zone: Asia/Jakarta
            hours: { monday: "08:00-16:00" }
            years: [2027]
            holidays:
              - { date: 2027-01-01, name: Tahun Baru 2027 Masehi }
              - { date: 2027-01-22, name: Hari Jadi Kabupaten, differs: "libur daerah menurut peraturan bupati" }
              - { date: 2027-01-23, name: Libur karangan }
            not_holidays:
              - { date: 2027-01-05, reason: "kantor tetap buka menurut keputusan kepala dinas" }

            """)
        let loaded = Loader.load(path: path)
        #expect(loaded.diagnostics.filter { $0.severity != .info }.isEmpty, "\(loaded.diagnostics)")
        let calendar = try #require(loaded.calendar)
        let list: [CivilDate: [String]] = [
            CivilDate("2027-01-01")!: ["Tahun Baru Masehi"], CivilDate("2027-01-05")!: ["Isra Mikraj Nabi Muhammad"],
            CivilDate("2027-02-05")!: ["Cuti Bersama Tahun Baru Imlek"], CivilDate("2028-01-01")!: ["Tahun Baru Masehi"],
        ]
        let comparison = HolidayComparison(calendar: calendar, list: list, years: [2027])
        #expect(comparison.missing.map(\.date.description) == ["2027-02-05"])
        #expect(comparison.extra.map(\.date.description) == ["2027-01-23"])
        #expect(comparison.accepted.map(\.date.description) == ["2027-01-05", "2027-01-22"])
        #expect(comparison.accepted.map(\.isHoliday) == [false, true])
        #expect(comparison.renamed.map(\.date.description) == ["2027-01-01"])
        #expect(!comparison.agrees)
        #expect(HolidayComparison.sameName("Tahun Baru 2027 Masehi", "tahun baru 2027, masehi"))
    }
}

struct NationalHolidayError: Error, CustomStringConvertible {
    var description: String
}

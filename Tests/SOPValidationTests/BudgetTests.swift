import Testing
import SOPModel

@Suite("Budget")
struct BudgetTests {
    @Test("reads the SOPs' own words and the short forms", arguments: [
        ("15 menit", 0, 15), ("60 menit", 0, 60), ("2 jam", 0, 120), ("1 hari", 1, 0),
        ("3 hari kerja", 3, 0), ("1 x 24 jam", 1, 0), ("2x24 jam", 2, 0), ("2 hari 2 jam", 2, 120),
        ("1 jam 30 menit", 0, 90), ("15m", 0, 15), ("2h", 0, 120), ("1d", 1, 0), ("1h30m", 0, 90),
        ("1d 2h", 1, 120), ("2 Hari", 2, 0), ("10 mnt", 0, 10),
    ])
    func parses(_ text: String, _ days: Int, _ minutes: Int) {
        #expect(Budget(parsing: text) == Budget(days: days, minutes: minutes))
    }

    @Test("refuses what is not a budget", arguments: [
        "", "menit", "15", "0 menit", "dua hari", "15 detik", "2 x 12 jam", "1 x 24", "-5 menit",
        "1.5 jam", "99999999999999999999 menit", "100001 hari", "hari 2",
    ])
    func refuses(_ text: String) {
        #expect(Budget(parsing: text) == nil)
    }

    @Test("adds days and minutes apart, and prints in the SOPs' words")
    func addsAndPrints() {
        let steps = ["15 menit", "15 menit", "10 menit", "1 hari", "1 hari", "10 menit", "10 menit"]
            .compactMap { Budget(parsing: $0) }
        let sum = steps.reduce(Budget.zero, +)
        #expect(sum == Budget(days: 2, minutes: 60))
        #expect(sum.description == "2 hari 1 jam")
        #expect(Budget(days: 0, minutes: 95).description == "1 jam 35 menit")
        #expect(Budget(days: 1, minutes: 120).description == "1 hari 2 jam")
        #expect(Budget(parsing: "60 menit") == Budget(parsing: "1 jam"))
    }
}

@Suite("CivilDate and office hours")
struct CalendarValueTests {
    @Test func dates() {
        #expect(CivilDate("2024-02-29") != nil)
        #expect(CivilDate("2023-02-29") == nil)
        #expect(CivilDate("2023-9-1") == nil)
        #expect(CivilDate("2023-09-12")?.weekday == .tuesday)
        #expect(CivilDate("1970-01-01")?.daysSinceEpoch == 0)
        #expect(CivilDate("2026-11-29")?.weekday == .sunday)
    }

    @Test func officeHours() {
        #expect(OfficeHours(parsing: "07:30-16:00") == OfficeHours(start: 450, end: 960))
        #expect(OfficeHours(parsing: "07.30 - 11.00") == OfficeHours(start: 450, end: 660))
        #expect(OfficeHours(parsing: "16:00-08:00") == nil)
        #expect(OfficeHours(parsing: "25:00-26:00") == nil)
        #expect(OfficeHours(parsing: "08:00") == nil)
    }
}

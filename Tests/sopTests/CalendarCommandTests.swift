import Foundation
import Testing

/// Deadlines across the turn of the year, and what `sop` says when the calendar does not cover a
/// year, through the `sop` binary.
@Suite("Calendars: years covered (end to end)")
struct CalendarYearTests {
    /// Wednesday 30 December 2026, 09:00 WIB.
    static let lateDecember = "2026-12-30T09:00:00+07:00"

    @Test("a case opened on Wed 30 Dec 2026 09:00 under 067/12351 (2 hari 2 jam) is due after the 1 January holiday")
    func dueAfterNewYear() throws {
        let office = try Office()
        let opened = try office.json(
            ["case", "open", "pengaduan-langsung"] + inPerson.sorted { $0.key < $1.key }.flatMap { ["--field", "\($0.key)=\($0.value)"] },
            as: "siti", at: Self.lateDecember)
        // Thu 31 Dec is the first working day, Fri 1 Jan is Tahun Baru 2027 Masehi, Mon 4 Jan the second: 09:00 + 2 jam.
        #expect(opened["dueAt"] as? String == "2027-01-04T04:00:00Z")
        #expect(opened["uncoveredYears"] as? [Int] == [])
        let text = try office.run(["case", "show", "1"], at: Self.lateDecember)
        #expect(text.status == 0)
        #expect(text.standardOutput.contains("Sen 4 Jan 2027 11:00"), "\(text.output)")
        #expect(!text.standardOutput.contains("Peringatan"))
    }

    /// A copy of the shipped workflows whose calendar lists 2026 only.
    static func workflowsWithout2027(in folder: TemporaryFolder) throws -> String {
        let source = SOPBinary.repositoryRoot.appendingPathComponent("workflows")
        let target = folder.path + "/workflows"
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        for name in ["pengaduan-langsung.yaml", "pengaduan-media.yaml"] {
            try FileManager.default.copyItem(atPath: source.path + "/" + name, toPath: target + "/" + name)
        }
        let calendar = try String(contentsOfFile: source.path + "/jam-kerja-kebumen.yaml", encoding: .utf8)
        let lines = calendar.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.contains("date: 2027-") }
            .map { $0.hasPrefix("years:") ? "years: [2026]" : String($0) }
        try lines.joined(separator: "\n").write(toFile: target + "/jam-kerja-kebumen.yaml", atomically: true, encoding: .utf8)
        return target
    }

    @Test("a deadline from 2026 into a year the calendar does not cover: computed, and said plainly everywhere")
    func deadlineIntoUncoveredYear() throws {
        let office = try Office()
        let workflows = try Self.workflowsWithout2027(in: office.folder)
        let fields = inPerson.sorted { $0.key < $1.key }.flatMap { ["--field", "\($0.key)=\($0.value)"] }
        // Without the 1 January holiday the due time is Fri 1 Jan 2027 11:00 — computed, not refused.
        let opened = try office.json(["case", "open", "pengaduan-langsung", "--workflows", workflows] + fields, as: "siti", at: Self.lateDecember)
        #expect(opened["dueAt"] as? String == "2027-01-01T04:00:00Z")
        #expect(opened["uncoveredYears"] as? [Int] == [2027])
        let open = try office.run(["case", "open", "pengaduan-langsung", "--workflows", workflows] + fields, as: "siti", at: Self.lateDecember)
        #expect(open.status == 0)
        #expect(open.standardOutput.contains("kalender kerja belum memuat hari libur tahun 2027"), "\(open.output)")

        // The reporter's step (15 menit) ends on 30 December; the next step's due stays in 2026, the case's does not.
        let step = try office.run(
            ["case", "step", "1", "--workflows", workflows, "--attach", "formulir-pengaduan=\(office.document)"],
            as: "siti", at: "2026-12-30T09:10:00+07:00")
        #expect(step.status == 0, "\(step.output)")
        #expect(step.standardOutput.contains("tahun 2027"), "\(step.output)")

        let show = try office.run(["case", "show", "1", "--workflows", workflows, "--lang", "en"], at: Self.lateDecember)
        #expect(show.standardOutput.contains("does not list the holidays of 2027 yet"), "\(show.output)")

        let queue = try office.run(["queue", "--workflows", workflows], as: "siti", at: Self.lateDecember)
        #expect(queue.status == 0)
        // siti's queue holds case 1 (its second step is the front office's); case 2 waits on the reporter.
        #expect(queue.standardOutput.contains("067/PGD/2026/000001 *"), "\(queue.output)")
        #expect(queue.standardOutput.contains("* 1 pengaduan bertenggat melewati tahun 2027"), "\(queue.output)")
        let list = try office.run(["case", "list", "--workflows", workflows, "--format", "json"], at: Self.lateDecember)
        let items = try #require(try JSONSerialization.jsonObject(with: Data(list.standardOutput.utf8)) as? [[String: Any]])
        #expect(items.map { $0["uncoveredYears"] as? [Int] } == [[2027], [2027]])

        let recap = try office.run(
            ["report", "recap", "--from", "2026-12-01", "--to", "2026-12-31", "--workflows", workflows, "--format", "json"], at: Self.lateDecember)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(recap.standardOutput.utf8)) as? [String: Any])
        let total = try #require(report["total"] as? [String: Any])
        #expect(total["cases"] as? Int == 2)
        #expect(total["dueInUncoveredYear"] as? Int == 2)
        #expect(report["uncoveredYears"] as? [Int] == [2027])
        let table = try office.run(["report", "recap", "--from", "2026-12-01", "--to", "2026-12-31", "--workflows", workflows], at: Self.lateDecember)
        #expect(table.standardOutput.contains("Di antaranya 2 pengaduan bertenggat melewati tahun 2027"), "\(table.output)")

        // With the shipped calendar (2027 covered) the same database warns no more.
        let covered = try office.run(["case", "show", "1"], at: Self.lateDecember)
        #expect(!covered.standardOutput.contains("Peringatan"), "\(covered.output)")
    }

    @Test("sop validate warns when this year or the next is not covered, and not when both are")
    func validateWarnsOfNextYear() throws {
        let covered = try SOPBinary.run(["validate", "workflows/jam-kerja-kebumen.yaml", "--format", "json"], environment: ["SOP_NOW": "2026-12-07T09:00:00+07:00"])
        #expect(covered.status == 0)
        #expect(!covered.standardOutput.contains("SOP0704"))
        let nextYear = try SOPBinary.run(["validate", "workflows/jam-kerja-kebumen.yaml"], environment: ["SOP_NOW": "2027-02-01T09:00:00+07:00"])
        #expect(nextYear.status == 0)
        #expect(nextYear.standardOutput.contains("workflows/jam-kerja-kebumen.yaml:"), "\(nextYear.output)")
        #expect(nextYear.standardOutput.contains("tidak mencakup 2028 (tahun depan)"), "\(nextYear.output)")
        #expect(nextYear.standardOutput.contains("[SOP0704]"))
        let strict = try SOPBinary.run(["validate", "--strict", "workflows/jam-kerja-kebumen.yaml"], environment: ["SOP_NOW": "2029-01-01T09:00:00+07:00"])
        #expect(strict.status == 1, "--strict fails on the warning")
        #expect(strict.standardOutput.contains("tidak mencakup 2029 dan 2030 (tahun ini)"), "\(strict.output)")
    }
}

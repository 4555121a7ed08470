import Foundation
import Testing

/// `sop publish` of a calendar revision through the binary: the open cases' due times computed
/// again, a dry run first, and the reports saying so.
@Suite("sop publish (end to end): a calendar published anew moves the open cases' due times")
struct CalendarPublishCommandTests {
    /// An office with a case on the analysis step since Monday 30 November 2026 10:00 (due
    /// Tuesday at 10:00), and the office calendar with Tuesday 1 December made a holiday.
    static func office() throws -> (Office, Int, String) {
        let office = try Office()
        let number = try office.open("pengaduan-langsung", fields: inPerson, as: "siti")
        _ = try office.step(number, attach: ["formulir-pengaduan"], as: "siti")
        _ = try office.step(number, ["--yes"], attach: ["catatan-register"], as: "siti")
        _ = try office.step(number, ["--no"], as: "siti")
        let text = try String(contentsOf: SOPBinary.repositoryRoot.appendingPathComponent("workflows/jam-kerja-kebumen.yaml"), encoding: .utf8)
        guard text.contains("  # 2026\n") else { throw SOPBinaryError(description: "the shipped calendar changed") }
        let calendar = try office.folder.write(
            "jam-kerja-kebumen.yaml",
            text.replacingOccurrences(of: "  # 2026\n", with: "  # 2026\n  - { date: 2026-12-01, name: Cuti bersama tambahan }\n"))
        return (office, number, calendar)
    }

    func events(_ office: Office, _ number: Int) throws -> [[String: Any]] {
        let history = try office.run(["case", "history", String(number), "--format", "json"])
        return try #require(try JSONSerialization.jsonObject(with: Data(history.standardOutput.utf8)) as? [[String: Any]])
    }

    @Test("--dry-run lists the case, its old and new due times and by how much, and writes nothing")
    func dryRun() throws {
        let (office, number, calendar) = try Self.office()
        let before = try events(office, number)
        let publications = try office.run(["publish", "--list", "--format", "json"]).standardOutput
        let text = try office.run(["publish", calendar, "--dry-run"], as: "admin", at: "2026-11-30T11:00:00+07:00")
        #expect(text.status == 0, "\(text.output)")
        #expect(text.standardOutput.contains("Uji coba (--dry-run): tidak ada yang ditulis."))
        #expect(text.standardOutput.contains("Akan diterbitkan: kalender jam-kerja-kebumen"))
        #expect(text.standardOutput.contains("067/PGD/2026/000001 (nomor 1), pengaduan-langsung revisi 1, langkah analisa"))
        #expect(text.standardOutput.contains("tenggat langkah:   Sel 1 Des 2026 10:00 → Rab 2 Des 2026 10:00 (1 hari lebih lambat)"))
        let json = try office.run(["publish", calendar, "--dry-run", "--format", "json"], as: "admin", at: "2026-11-30T11:00:00+07:00")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        #expect(object["dryRun"] as? Bool == true)
        #expect((object["wouldPublish"] as? [[String: Any]])?.map { $0["kind"] as? String } == ["calendar"])
        let moved = try #require((object["rescheduled"] as? [[String: Any]])?.first)
        #expect(moved["stepShiftSeconds"] as? Int == 86_400 && moved["registerNumber"] as? String == "067/PGD/2026/000001")
        #expect(try events(office, number).count == before.count)
        #expect(try office.run(["publish", "--list", "--format", "json"]).standardOutput == publications)
        // Only an administrator, and not with --list.
        #expect(try office.run(["publish", calendar, "--dry-run"], as: "siti").status == 1)
        #expect(try office.run(["publish", "--list", "--dry-run"], as: "admin").status != 0)
    }

    @Test("publishing records the event on the case, the sweep and the reports use the new due time, and verify passes")
    func publish() throws {
        let (office, number, calendar) = try Self.office()
        let result = try office.run(["publish", calendar], as: "admin", at: "2026-11-30T11:00:00+07:00")
        #expect(result.status == 0, "\(result.output)")
        #expect(result.standardOutput.contains("Tenggat 1 pengaduan terbuka dihitung ulang menurut kalender baru"))
        let last = try #require(try events(office, number).last)
        #expect(last["type"] as? String == "rescheduled" && last["by"] as? String == "admin")
        #expect(last["calendar"] as? String == "jam-kerja-kebumen" && last["step"] as? String == "analisa")
        let history = try office.run(["case", "history", String(number)])
        #expect(history.standardOutput.contains(
            "tenggat dihitung ulang menurut kalender jam-kerja-kebumen yang baru terbit"))
        // Tuesday, now a holiday, passes with nothing overdue.
        let tick = try office.run(["tick", "--no-deliver"], as: "siti", at: "2026-12-01T12:00:00+07:00")
        #expect(tick.status == 0, "\(tick.output)")
        let shown = try office.json(["case", "show", String(number)], at: "2026-12-01T12:00:00+07:00")
        let step = try #require((shown["steps"] as? [[String: Any]])?.last)
        #expect(step["dueAt"] as? String == "2026-12-02T03:00:00Z")
        // The step ends on Wednesday, on time by the due time in force; the report says so.
        _ = try office.step(number, attach: ["rancangan-tindak-lanjut"], as: "budi", at: "2026-12-02T09:00:00+07:00")
        let sla = try office.run(["report", "sla", "--format", "json"], at: "2026-12-02T09:30:00+07:00")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(sla.standardOutput.utf8)) as? [String: Any])
        #expect(report["stepsWithRescheduledDue"] as? Int == 1 && report["casesWithRescheduledDue"] as? Int == 1)
        let analysis = try #require((report["steps"] as? [[String: Any]])?.first { $0["step"] as? String == "analisa" })
        #expect(analysis["met"] as? Int == 1 && analysis["late"] as? Int == 0)
        let slaText = try office.run(["report", "sla"], at: "2026-12-02T09:30:00+07:00")
        #expect(slaText.standardOutput.contains("bertenggat yang dihitung ulang karena kalender diterbitkan ulang"))
        #expect(try office.run(["verify"]).status == 0)
    }

    @Test("the README's calendar change runs as written: the dry run, then the publication")
    func readme() throws {
        let readme = try String(contentsOf: SOPBinary.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        guard let start = readme.range(of: "<!-- calendar-change -->\n```sh\n"), let end = readme.range(of: "```\n<!-- /calendar-change -->")
        else { throw SOPBinaryError(description: "README.md has no calendar-change block") }
        let lines = readme[start.upperBound..<end.lowerBound].split(separator: "\n").map { line in
            (line.split(separator: "#", maxSplits: 1).first ?? "").split(separator: " ").map(String.init)
        }
        #expect(lines.count == 2 && lines.allSatisfy { $0.first == "sop" })
        let (office, number, calendar) = try Self.office()
        // The folder of the README: workflows/ with the changed calendar in it.
        let folder = try TemporaryFolder()
        try FileManager.default.createDirectory(atPath: folder.path + "/workflows", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: calendar, toPath: folder.path + "/workflows/jam-kerja-kebumen.yaml")
        let environment = ["SOP_DB": office.database, "SOP_USER": "admin", "SOP_NOW": "2026-11-30T11:00:00+07:00"]
        var outputs: [String] = []
        for arguments in lines {
            let result = try SOPBinary.run(Array(arguments.dropFirst()), in: URL(fileURLWithPath: folder.path), environment: environment)
            #expect(result.status == 0, "\(arguments): \(result.output)")
            outputs.append(result.standardOutput)
            if outputs.count == 1 { #expect(try events(office, number).last?["type"] as? String == "step-started", "the dry run writes nothing") }
        }
        #expect(outputs.count == 2 && outputs[0].contains("akan dihitung ulang") && outputs[1].contains("dihitung ulang menurut kalender baru"))
        #expect(try events(office, number).last?["type"] as? String == "rescheduled")
    }
}

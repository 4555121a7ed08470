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
        // The calendar as it stood before 2027's holidays were added, published: what cases use.
        let published = try office.run(["publish", workflows + "/jam-kerja-kebumen.yaml"], as: "admin")
        #expect(published.status == 0, "\(published.output)")
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

        let sla = try office.run(["report", "sla", "--workflows", workflows, "--format", "json"], at: Self.lateDecember)
        let slaReport = try #require(try JSONSerialization.jsonObject(with: Data(sla.standardOutput.utf8)) as? [String: Any])
        let line = try #require((slaReport["workflows"] as? [[String: Any]])?.first)
        #expect(line["dueInUncoveredYear"] as? Int == 2)
        #expect(slaReport["uncoveredYears"] as? [Int] == [2027])
        let slaText = try office.run(["report", "sla", "--workflows", workflows, "--lang", "en"], at: Self.lateDecember)
        #expect(slaText.standardOutput.contains("2 case(s) have due times through 2027"), "\(slaText.output)")

        // With the shipped calendar (2027 covered) published again (after the last step), the same database warns no more.
        #expect(try office.run(["publish", "workflows/jam-kerja-kebumen.yaml"], as: "admin", at: "2026-12-30T09:30:00+07:00").status == 0)
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

/// `sop calendar import FILE.ics`, through the binary, on a copy of the shipped workflows.
@Suite("sop calendar import (end to end)")
struct CalendarImportTests {
    static let fixtures = SOPBinary.repositoryRoot.appendingPathComponent("Tests/SOPValidationTests/Fixtures/ical").path

    /// A folder with a copy of the shipped workflows, where `sop` runs.
    static func office() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try FileManager.default.copyItem(
            atPath: SOPBinary.repositoryRoot.appendingPathComponent("workflows").path, toPath: folder.path + "/workflows")
        return folder
    }

    static func run(_ arguments: [String], in folder: TemporaryFolder) throws -> SOPBinary.Result {
        try SOPBinary.run(arguments, in: URL(fileURLWithPath: folder.path))
    }

    static func calendarText(_ folder: TemporaryFolder) throws -> String {
        try String(contentsOfFile: folder.path + "/workflows/jam-kerja-kebumen.yaml", encoding: .utf8)
    }

    static func feed(_ events: [(String, String)], extra: String = "") -> String {
        var text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//uji//ID\r\n"
        for (date, summary) in events {
            text += "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:\(date)\r\nSUMMARY:\(summary)\r\nEND:VEVENT\r\n"
        }
        return text + extra + "END:VCALENDAR\r\n"
    }

    /// The README's `sop` lines between the calendar-upkeep markers, as arguments (no quotes in them).
    static func readmeLines() throws -> [[String]] {
        let readme = try String(contentsOf: SOPBinary.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        guard let start = readme.range(of: "<!-- calendar-upkeep -->"), let end = readme.range(of: "<!-- /calendar-upkeep -->") else {
            throw SOPBinaryError(description: "README.md has no calendar-upkeep block")
        }
        var lines: [[String]] = []
        for line in readme[start.upperBound..<end.lowerBound].split(separator: "\n") {
            let command: Substring = line.split(separator: "#", maxSplits: 1).first ?? ""
            let words: [String] = command.split(separator: " ").map { String($0) }
            if words.first == "sop" { lines.append(Array(words.dropFirst())) }
        }
        return lines
    }

    @Test("the README's yearly upkeep runs as written: preview, write, validate")
    func readmeUpkeep() throws {
        let folder = try Self.office()
        try FileManager.default.copyItem(atPath: Self.fixtures + "/hari-libur-2028.ics", toPath: folder.path + "/hari-libur-2028.ics")
        let before = try Self.calendarText(folder)
        let lines = try Self.readmeLines()
        #expect(lines.count == 3)
        var outputs: [String] = []
        for arguments in lines {
            let result = try Self.run(arguments, in: folder)
            #expect(result.status == 0, "sop \(arguments.joined(separator: " ")): \(result.output)")
            outputs.append(result.standardOutput)
            if outputs.count == 1 { #expect(try Self.calendarText(folder) == before, "the preview writes nothing") }
        }
        #expect(outputs[0].contains("Akan ditambahkan (17):"), "\(outputs[0])")
        #expect(outputs[0].contains("+ 2028-01-01 Sabtu  Tahun Baru Masehi"), "\(outputs[0])")
        #expect(outputs[0].contains("Rapat koordinasi awal tahun — acara berjam"), "\(outputs[0])")
        #expect(outputs[0].contains("Belum ada yang ditulis"))
        #expect(outputs[1].contains("Ditambahkan (17):"))
        #expect(outputs[1].contains("Tahun 2028 ditambahkan ke `years:`."))
        #expect(outputs[2].contains("0 kesalahan"), "\(outputs[2])")
        let after = try Self.calendarText(folder)
        #expect(after.contains("years: [2026, 2027, 2028]\n"))
        #expect(after.contains("  # 2028\n  - { date: 2028-01-01, name: Tahun Baru Masehi }\n"))
        // Everything before the holidays — the comment on the decrees included — and every 2026 and 2027 line is kept.
        let header = before[..<before.range(of: "years:")!.lowerBound]
        #expect(after.hasPrefix(header))
        for line in before.split(separator: "\n") where line.contains("date: 202") { #expect(after.contains(line + "\n")) }
        // Imported again, nothing changes.
        let again = try Self.run(["calendar", "import", "hari-libur-2028.ics", "--write"], in: folder)
        #expect(again.standardOutput.contains("Tidak ada yang berubah"), "\(again.output)")
        #expect(try Self.calendarText(folder) == after)
    }

    @Test("dates of the feed's year that the feed lacks are listed, kept, and dropped only with --drop")
    func dropsOnlyWhenAsked() throws {
        let folder = try Self.office()
        try Self.feed([("20270101", "Tahun Baru Masehi"), ("20270122", "Hari Jadi Kabupaten Kebumen")]).write(
            toFile: folder.path + "/sebagian.ics", atomically: true, encoding: .utf8)
        let preview = try Self.run(["calendar", "import", "sebagian.ics", "--format", "json"], in: folder)
        #expect(preview.status == 0, "\(preview.output)")
        let plan = try #require(try JSONSerialization.jsonObject(with: Data(preview.standardOutput.utf8)) as? [String: Any])
        #expect((plan["additions"] as? [[String: Any]])?.compactMap { $0["date"] as? String } == ["2027-01-22"])
        #expect((plan["drops"] as? [[String: Any]])?.count == 25)
        #expect((plan["renames"] as? [[String: Any]])?.compactMap { $0["date"] as? String } == ["2027-01-01"])
        #expect(plan["written"] as? Bool == false)

        let written = try Self.run(["calendar", "import", "sebagian.ics", "--write"], in: folder)
        #expect(written.status == 0)
        #expect(written.standardOutput.contains("Tidak ada di berkas iCalendar — dipertahankan; --drop menghapusnya (25):"), "\(written.output)")
        var text = try Self.calendarText(folder)
        #expect(text.components(separatedBy: "date: 2027-").count - 1 == 27)
        #expect(text.contains("- { date: 2027-01-01, name: Tahun Baru 2027 Masehi }"), "names kept without --rename")

        let dropped = try Self.run(["calendar", "import", "sebagian.ics", "--write", "--drop", "--rename"], in: folder)
        #expect(dropped.status == 0, "\(dropped.output)")
        #expect(dropped.standardOutput.contains("Dihapus (25):"))
        #expect(dropped.standardOutput.contains("- 2027-03-10 Rabu   Idul Fitri 1448 Hijriah"), "\(dropped.output)")
        text = try Self.calendarText(folder)
        #expect(text.components(separatedBy: "date: 2027-").count - 1 == 2)
        #expect(text.components(separatedBy: "date: 2026-").count - 1 == 25, "another year is never touched")
        #expect(text.contains("- { date: 2027-01-01, name: Tahun Baru Masehi }"))
        let check = try Self.run(["validate", "workflows/jam-kerja-kebumen.yaml"], in: folder)
        #expect(check.status == 0, "\(check.output)")
    }

    @Test("a deliberate difference (differs:, not_holidays:) is kept and said so")
    func keepsDeliberateDifferences() throws {
        let folder = try Self.office()
        let path = folder.path + "/workflows/jam-kerja-kebumen.yaml"
        var text = try Self.calendarText(folder)
        text = text.replacingOccurrences(
            of: "  - { date: 2027-01-05, name: Isra Mikraj Nabi Muhammad SAW }\n",
            with: "  - { date: 2027-01-22, name: Hari Jadi Kabupaten Kebumen, differs: \"libur daerah\" }\n")
        text += "not_holidays:\n  - { date: 2027-01-05, reason: \"kantor buka menurut keputusan kepala dinas\" }\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        try Self.feed([("20270101", "Tahun Baru 2027 Masehi"), ("20270105", "Isra Mikraj")]).write(
            toFile: folder.path + "/feed.ics", atomically: true, encoding: .utf8)
        let result = try Self.run(["calendar", "import", "feed.ics", "--write", "--drop"], in: folder)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.standardOutput.contains("= 2027-01-05 Selasa not_holidays: kantor buka"), "\(result.output)")
        #expect(result.standardOutput.contains("= 2027-01-22 Jumat  differs: libur daerah"), "\(result.output)")
        let after = try Self.calendarText(folder)
        #expect(after.contains("2027-01-22, name: Hari Jadi Kabupaten Kebumen, differs: \"libur daerah\""))
        #expect(!after.contains("date: 2027-01-05, name"))
    }

    @Test("time-of-day events are skipped and listed; a feed of them alone changes nothing")
    func timedEventsSkipped() throws {
        let folder = try Self.office()
        let timed = "BEGIN:VEVENT\r\nDTSTART:20270104T090000Z\r\nDTEND:20270104T100000Z\r\nSUMMARY:Apel pagi\r\nEND:VEVENT\r\n"
        try Self.feed([], extra: timed).write(toFile: folder.path + "/rapat.ics", atomically: true, encoding: .utf8)
        let before = try Self.calendarText(folder)
        let result = try Self.run(["calendar", "import", "rapat.ics", "--write", "--lang", "en"], in: folder)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.standardOutput.contains("Skipped (1):"))
        #expect(result.standardOutput.contains("Apel pagi — an event with a time of day"), "\(result.output)")
        #expect(result.standardOutput.contains("Nothing changes"))
        #expect(try Self.calendarText(folder) == before)
    }

    @Test("hostile iCalendar input is refused with a clear message, exit 2, and nothing written",
        arguments: [
            ("html.ics", "<!DOCTYPE html><html><body>Not found</body></html>\n", "BEGIN:VCALENDAR"),
            ("broken.ics", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270101\r\nthis line has no colon\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", ":4"),
            ("year.ics", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:100000101\r\nSUMMARY:Jauh\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", ":3"),
            ("escape.ics", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270101\r\nSUMMARY:Libur\u{1B}[2J\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", ":4"),
        ])
    func hostileInput(name: String, content: String, mentions: String) throws {
        let folder = try Self.office()
        try content.write(toFile: folder.path + "/" + name, atomically: true, encoding: .utf8)
        let before = try Self.calendarText(folder)
        let result = try Self.run(["calendar", "import", name, "--write"], in: folder)
        #expect(result.status == 2, "\(result.output)")
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError.contains("sop: \(name)"), "\(result.output)")
        #expect(result.standardError.contains(mentions), "\(result.output)")
        #expect(!result.standardError.contains("\u{1B}"), "no escape sequence reaches the terminal")
        #expect(try Self.calendarText(folder) == before)
    }

    @Test("a 100 MB file is refused at once, by its size")
    func hugeFile() throws {
        let folder = try Self.office()
        let path = folder.path + "/besar.ics"
        FileManager.default.createFile(atPath: path, contents: Data("BEGIN:VCALENDAR\r\n".utf8))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: 100 * 1024 * 1024)
        try handle.close()
        let result = try Self.run(["calendar", "import", "besar.ics"], in: folder)
        #expect(result.status == 2)
        #expect(result.standardError.contains("besar.ics"), "\(result.output)")
        #expect(result.standardError.contains("MiB") || result.standardError.contains("bita"), "\(result.output)")
    }

    @Test("--format json: every list of the plan, keys sorted, what was applied")
    func jsonText() throws {
        let folder = try TemporaryFolder()
        try folder.write("kecil.yaml", """
            kind: Calendar
            id: kalender-uji
            name: Kalender uji
            time_zone: Asia/Jakarta
            hours:
              monday: "07:30-16:00"
              tuesday: "07:30-16:00"
              wednesday: "07:30-16:00"
              thursday: "07:30-16:00"
              friday: "07:30-11:00"
            years: [2030]
            holidays:
              - { date: 2030-01-01, name: Tahun Baru }
              - { date: 2030-02-01, name: Libur lama }
              - { date: 2030-03-01, name: Hari Jadi Kabupaten, differs: "libur daerah" }
            not_holidays:
              - { date: 2030-04-01, reason: "kantor buka / keputusan kepala dinas" }

            """)
        let timed = "BEGIN:VEVENT\r\nDTSTART:20300104T090000Z\r\nSUMMARY:Apel pagi\r\nEND:VEVENT\r\n"
        try folder.write("feed.ics", Self.feed(
            [("20300101", "Tahun Baru Masehi"), ("20300401", "Cuti bersama"), ("20300501", "Hari Buruh \"Internasional\""),
             ("20310101", "Tahun Baru Masehi")],
            extra: timed))
        let preview = try Self.run(["calendar", "import", "feed.ics", "--calendar", "kecil.yaml", "--format", "json"], in: folder)
        #expect(preview.status == 0, "\(preview.output)")
        #expect(preview.standardOutput == """
            {
              "additions" : [
                {
                  "date" : "2030-05-01",
                  "names" : [
                    "Hari Buruh \\"Internasional\\""
                  ]
                },
                {
                  "date" : "2031-01-01",
                  "names" : [
                    "Tahun Baru Masehi"
                  ]
                }
              ],
              "calendar" : "kecil.yaml",
              "calendarId" : "kalender-uji",
              "dropApplied" : false,
              "drops" : [
                {
                  "date" : "2030-02-01",
                  "name" : "Libur lama"
                }
              ],
              "kept" : [
                {
                  "date" : "2030-03-01",
                  "holiday" : true,
                  "reason" : "libur daerah"
                },
                {
                  "date" : "2030-04-01",
                  "holiday" : false,
                  "reason" : "kantor buka / keputusan kepala dinas"
                }
              ],
              "renameApplied" : false,
              "renames" : [
                {
                  "calendarName" : "Tahun Baru",
                  "date" : "2030-01-01",
                  "listName" : "Tahun Baru Masehi"
                }
              ],
              "skipped" : [
                {
                  "line" : 20,
                  "reason" : "timed",
                  "summary" : "Apel pagi"
                }
              ],
              "written" : false,
              "years" : [
                2030,
                2031
              ],
              "yearsAdded" : [
                2031
              ]
            }

            """)
        let written = try Self.run(["calendar", "import", "feed.ics", "--calendar", "kecil.yaml", "--write", "--drop", "--format", "json"], in: folder)
        #expect(written.status == 0, "\(written.output)")
        let plan = try #require(try JSONSerialization.jsonObject(with: Data(written.standardOutput.utf8)) as? [String: Any])
        #expect(plan["written"] as? Bool == true)
        #expect(plan["dropApplied"] as? Bool == true)
        #expect(plan["renameApplied"] as? Bool == false)
    }

    @Test("without a calendar file to take it, the import says how to name one")
    func noCalendar() throws {
        let folder = try TemporaryFolder()
        try Self.feed([("20270101", "Tahun Baru")]).write(toFile: folder.path + "/feed.ics", atomically: true, encoding: .utf8)
        let missing = try Self.run(["calendar", "import", "feed.ics"], in: folder)
        #expect(missing.status == 2)
        #expect(missing.standardError.contains("--calendar"), "\(missing.output)")
        let workflow = try Self.run(
            ["calendar", "import", "feed.ics", "--calendar", SOPBinary.repositoryRoot.appendingPathComponent("workflows/pengaduan-langsung.yaml").path],
            in: folder)
        #expect(workflow.status == 2)
        #expect(workflow.standardError.contains("bukan kalender"), "\(workflow.output)")
    }
}

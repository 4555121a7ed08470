import Foundation
import Testing

/// `sop tick` through the binary: revision 2 of 067/12351 escalates its analysis step to the
/// head of section at 1 hari and to the head of office at 2 hari, and the whole case to the
/// head of office at its total (2 hari 2 jam).
@Suite("sop tick (end to end): escalation by the schedule, exactly once")
struct TickCommandTests {
    static func escalating() throws -> String {
        let original = try String(contentsOf: SOPBinary.repositoryRoot.appendingPathComponent("workflows/pengaduan-langsung.yaml"), encoding: .utf8)
        var text = original.replacingOccurrences(of: "revision: 1", with: "revision: 2")
        for (old, new) in [
            ("  tim-pengaduan: { name: Tim Pengelola Pengaduan }\n",
             "  tim-pengaduan: { name: Tim Pengelola Pengaduan }\n  kepala-bidang: { name: Kepala Bidang }\n  kepala-dinas: { name: Kepala Dinas }\n"),
            ("    budget: 1 hari\n    inputs:\n      - formulir-pengaduan\n",
             "    budget: 1 hari\n    escalation:\n      - { to: kepala-bidang }\n      - { to: kepala-dinas, after: 2 hari }\n    inputs:\n      - formulir-pengaduan\n"),
            ("total: 2 hari 2 jam", "escalation: { to: kepala-dinas }\ntotal: 2 hari 2 jam"),
        ] {
            guard text.contains(old) else { throw SOPBinaryError(description: "the shipped workflow changed: \(old)") }
            text = text.replacingOccurrences(of: old, with: new)
        }
        return text
    }

    /// An office on revision 2, with a head of section, and a case on the analysis step since
    /// Monday 30 November 2026 10:00 (so level 1 falls due on Tuesday at 10:00, level 2 on
    /// Wednesday at 10:00, the whole case on Wednesday at 11:00).
    static func office() throws -> (Office, Int) {
        let office = try Office()
        let folder = try TemporaryFolder()
        let file = try folder.write("pengaduan-langsung.yaml", try escalating())
        for name in ["jam-kerja-kebumen.yaml", "pengaduan-media.yaml"] {
            _ = try folder.write(name, try String(
                contentsOf: SOPBinary.repositoryRoot.appendingPathComponent("workflows/" + name), encoding: .utf8))
        }
        let published = try office.run(["publish", file], as: "admin")
        guard published.status == 0 else { throw SOPBinaryError(description: published.output) }
        for (user, role) in [("bambang", "kepala-bidang"), ("kartini", "kepala-dinas")] {
            let added = try office.run(["staff", "add", user, "--role", role], as: "admin")
            guard added.status == 0 else { throw SOPBinaryError(description: added.output) }
        }
        let number = try office.open("pengaduan-langsung", fields: inPerson, as: "siti")
        _ = try office.step(number, attach: ["formulir-pengaduan"], as: "siti")
        _ = try office.step(number, ["--yes"], attach: ["catatan-register"], as: "siti")
        let analysis = try office.step(number, ["--no"], as: "siti")
        let last = (analysis["steps"] as? [[String: Any]])?.last
        guard last?["step"] as? String == "analisa", last?["ending"] as? String == "open" else { throw SOPBinaryError(description: "\(analysis)") }
        return (office, number)
    }

    func escalations(_ office: Office, _ number: Int) throws -> [[String: Any]] {
        let history = try office.run(["case", "history", String(number), "--format", "json"])
        let events = try #require(try JSONSerialization.jsonObject(with: Data(history.standardOutput.utf8)) as? [[String: Any]])
        return events.filter { $0["type"] as? String == "escalated-by-schedule" }
    }

    @Test("nothing before its time; level 1 once when due, by 'sistem'; shown in the history; verify still passes")
    func due() throws {
        let (office, number) = try Self.office()
        let early = try office.run(["tick"], as: "siti", at: "2026-11-30T15:00:00+07:00")
        #expect(early.status == 0, "\(early.output)")
        #expect(early.standardOutput.contains("tidak ada yang jatuh waktu"), "\(early.output)")
        #expect(try escalations(office, number).isEmpty)

        let tick = try office.json(["tick"], as: "siti", at: "2026-12-01T12:00:00+07:00")
        let done = try #require(tick["escalations"] as? [[String: Any]])
        #expect(done.count == 1, "\(tick)")
        #expect(done.first?["step"] as? String == "analisa")
        #expect(done.first?["to"] as? String == "kepala-bidang")
        #expect(done.first?["level"] as? Int == 1)
        let again = try office.json(["tick"], as: "siti", at: "2026-12-01T12:00:00+07:00")
        #expect((again["escalations"] as? [Any])?.isEmpty == true, "\(again)")

        let recorded = try escalations(office, number)
        #expect(recorded.count == 1)
        #expect(recorded.first?["by"] as? String == "sistem")
        let history = try office.run(["case", "history", String(number)])
        #expect(history.standardOutput.contains("eskalasi otomatis langkah analisa ke kepala-bidang (tingkat 1"), "\(history.output)")
        // The queue and the list give the next moment too.
        let queue = try office.run(["queue", "--format", "json"], as: "bambang", at: "2026-12-01T12:00:00+07:00")
        let queued = try #require(try JSONSerialization.jsonObject(with: Data(queue.standardOutput.utf8)) as? [[String: Any]])
        #expect(queued.first { $0["number"] as? Int == number }?["nextScheduledAt"] as? String == "2026-12-02T03:00:00Z", "\(queue.output)")
        let listed = try office.run(["case", "list"], at: "2026-12-01T12:00:00+07:00")
        #expect(listed.standardOutput.contains("otomatis Rab 2 Des"), "\(listed.output)")
        // case show says where the escalation stands and what comes next.
        let shown = try office.run(["case", "show", String(number)], at: "2026-12-01T12:00:00+07:00")
        #expect(shown.standardOutput.contains("langkah tingkat 1; berikutnya: langkah analisa tingkat 2 ke kepala-dinas"), "\(shown.output)")
        let json = try office.json(["case", "show", String(number)], at: "2026-12-01T12:00:00+07:00")
        let standing = try #require(json["escalation"] as? [String: Any])
        #expect(standing["stepLevel"] as? Int == 1)
        #expect((standing["next"] as? [String: Any])?["to"] as? String == "kepala-dinas")
        // The head of section may now do the step.
        let stepped = try office.step(number, attach: ["rancangan-tindak-lanjut"], as: "bambang", at: "2026-12-01T13:00:00+07:00")
        #expect((stepped["steps"] as? [[String: Any]])?.last?["step"] as? String == "tindak-lanjut")
        let verify = try office.run(["verify"])
        #expect(verify.status == 0, "\(verify.output)")
        // Hiding a case from the sweep by its index is tampering like any other: verify finds it.
        #expect(try VerifyCommandTests.sqlite(office.database, "UPDATE cases SET next_due_at = NULL WHERE number = \(number)") == 0)
        let tampered = try office.run(["verify"])
        #expect(tampered.status == 1, "\(tampered.output)")
        // The sweep's name is not a name for staff.
        let sistem = try office.run(["staff", "add", "sistem", "--role", "front-office"], as: "admin")
        #expect(sistem.status != 0)
        #expect(sistem.standardError.contains("sistem"), "\(sistem.output)")
    }

    @Test("four sweeps at once: each level of the step and of the case recorded exactly once")
    func concurrent() throws {
        let (office, number) = try Self.office()
        let processes = try office.atOnce(4, ["tick"], as: "siti", at: "2026-12-03T12:00:00+07:00")
        #expect(processes.allSatisfy { $0 == 0 })
        let recorded = try escalations(office, number)
        let levels = recorded.map { "\($0["step"] as? String ?? "-") \($0["level"] as? Int ?? 0) \($0["to"] as? String ?? "")" }
        #expect(levels.sorted() == ["- 1 kepala-dinas", "analisa 1 kepala-bidang", "analisa 2 kepala-dinas"], "\(levels)")
        #expect(try office.run(["verify"]).status == 0)
        // A clock set back afterwards fires nothing again.
        let back = try office.json(["tick"], as: "siti", at: "2026-12-02T08:00:00+07:00")
        #expect((back["escalations"] as? [Any])?.isEmpty == true, "\(back)")
        #expect(try escalations(office, number).count == 3)
    }

    @Test("escalating by hand before the step is due is refused without a reason, and marked early with one")
    func byHand() throws {
        let (office, number) = try Self.office()
        let refused = try office.run(["case", "escalate", String(number)], as: "budi", at: "2026-11-30T11:00:00+07:00")
        #expect(refused.status == 1, "\(refused.output)")
        #expect(refused.standardError.contains("--reason"), "\(refused.output)")
        let escalated = try office.run(
            ["case", "escalate", String(number), "--reason", "perlu keputusan kepala bidang"], as: "budi", at: "2026-11-30T11:00:00+07:00")
        #expect(escalated.status == 0, "\(escalated.output)")
        let history = try office.run(["case", "history", String(number)])
        #expect(history.standardOutput.contains("mengeskalasi langkah analisa ke kepala-bidang sebelum batas waktunya: perlu keputusan kepala bidang"), "\(history.output)")
    }

    @Test("a damaged case is named, exit 1, and the other cases due are escalated all the same")
    func damaged() throws {
        let (office, number) = try Self.office()
        let other = try office.open("pengaduan-langsung", fields: inPerson, as: "siti")
        #expect(try VerifyCommandTests.sqlite(office.database, """
            DROP TRIGGER events_never_updated;
            UPDATE events SET by_user = 'budi' WHERE case_number = \(number) AND sequence = 2;
            """) == 0)
        let swept = try office.run(["tick", "--format", "json"], as: "siti", at: "2026-12-10T12:00:00+07:00")
        #expect(swept.status == 1, "\(swept.output)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(swept.standardOutput.utf8)) as? [String: Any])
        let failures = try #require(report["failures"] as? [[String: Any]])
        #expect(failures.map { $0["number"] as? Int } == [number], "\(report)")
        #expect(failures.first?["code"] as? String == "damaged-case")
        let escalated = (report["escalations"] as? [[String: Any]] ?? []).compactMap { $0["number"] as? Int }
        #expect(escalated == [other], "\(report)")
        #expect(try escalations(office, other).count == 1)
    }

    @Test("a sweep by someone not on the staff is refused, with nothing written")
    func notStaff() throws {
        let (office, number) = try Self.office()
        let refused = try office.run(["tick"], as: "tamu", at: "2026-12-03T12:00:00+07:00")
        #expect(refused.status != 0)
        #expect(try escalations(office, number).isEmpty)
        #expect(try office.run(["tick", "--interval", "0"], as: "siti").status == 2)
    }
}

extension Office {
    /// Runs `sop` with the same arguments in `count` processes started together, and gives their
    /// exit statuses once all have ended.
    func atOnce(_ count: Int, _ arguments: [String], as user: String, at time: String) throws -> [Int32] {
        guard let executable = SOPBinary.executable else { throw SOPBinaryError(description: "no sop binary") }
        var processes: [Process] = []
        for _ in 0..<count {
            let process = Process()
            process.executableURL = executable
            process.arguments = arguments
            process.currentDirectoryURL = SOPBinary.repositoryRoot
            var environment = ProcessInfo.processInfo.environment
            environment["SOP_DB"] = database
            environment["SOP_USER"] = user
            environment["SOP_NOW"] = time
            process.environment = environment
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            processes.append(process)
        }
        for process in processes { process.waitUntilExit() }
        return processes.map(\.terminationStatus)
    }
}

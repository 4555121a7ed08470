import Foundation
import Testing

/// `sop verify`, and what the commands that read cases do with a record changed by hand.
@Suite("sop verify: tamper evidence (end to end)")
struct VerifyCommandTests {
    /// Runs `sqlite3` on a database, as someone editing the file by hand would.
    static func sqlite(_ database: String, _ sql: String) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", database, sql]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// An office with three cases, each stepped once with a document attached.
    static func office() throws -> Office {
        let office = try Office()
        for _ in 1...3 {
            let number = try office.open("pengaduan-langsung", fields: inPerson, as: "siti")
            _ = try office.step(number, attach: ["formulir-pengaduan"], as: "siti")
        }
        return office
    }

    /// The five tampers of the issue, each after dropping the trigger in its way, on case 2, and
    /// the attachment overwritten and the self-grant; each with the problem `sop verify` names.
    static let tampers: [(name: String, sql: String, code: String, names: Int?)] = [
        ("an event's actor", """
            DROP TRIGGER events_never_updated;
            UPDATE events SET by_user = 'budi', payload = json_set(payload, '$.by', 'budi') WHERE case_number = 2 AND sequence = 3;
            """, "event-altered", 2),
        ("an event's time", """
            DROP TRIGGER events_never_updated;
            UPDATE events SET at = at - 86400, payload = json_set(payload, '$.at', json_extract(payload, '$.at') - 86400)
                WHERE case_number = 2 AND sequence = 3;
            """, "event-altered", 2),
        ("an event's fields", """
            DROP TRIGGER events_never_updated;
            UPDATE events SET payload = json_set(payload, '$.fields.uraian.value', 'Sudah selesai') WHERE case_number = 2 AND sequence = 1;
            """, "event-altered", 2),
        ("an event deleted and the rest renumbered", """
            DROP TRIGGER events_never_deleted; DROP TRIGGER events_never_updated; DROP TRIGGER cases_name_their_last_event;
            DELETE FROM events WHERE case_number = 2 AND sequence = 3;
            UPDATE events SET sequence = sequence - 1 WHERE case_number = 2 AND sequence > 3;
            UPDATE cases SET version = version - 1 WHERE number = 2;
            """, "chain-broken", 2),
        ("a case set to resolved", """
            UPDATE cases SET status = 'resolved', current_step = NULL, step_due_at = NULL, closed_at = opened_at WHERE number = 2;
            """, "row-altered", 2),
        ("an attachment's bytes overwritten", """
            UPDATE attachments SET data = zeroblob(size);
            """, "attachment-altered", 2),
        ("a member of staff made administrator", """
            DROP TRIGGER staff_changes_by_an_administrator;
            INSERT INTO staff_roles (user_name, role) VALUES ('siti', 'admin');
            """, "registry-differs", nil),
    ]

    @Test("an intact database verifies; each tamper is found, naming the case; case show and the recap refuse the case", arguments: 0..<7)
    func tamper(_ index: Int) throws {
        let office = try Self.office()
        let intact = try office.run(["verify"])
        #expect(intact.status == 0, "\(intact.output)")
        #expect(intact.standardOutput.contains("Utuh: tidak ada yang diubah di luar sop."))
        #expect(intact.standardOutput.contains("3 pengaduan"))

        let tamper = Self.tampers[index]
        #expect(try Self.sqlite(office.database, tamper.sql) == 0, "\(tamper.name)")
        let found = try office.run(["verify"])
        #expect(found.status == 1, "\(tamper.name): \(found.output)")
        #expect(found.standardOutput.contains("RUSAK"), "\(tamper.name): \(found.standardOutput)")
        #expect(found.standardOutput.contains("[\(tamper.code)]"), "\(tamper.name): \(found.standardOutput)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(office.run(["verify", "--format", "json"]).standardOutput.utf8)) as? [String: Any])
        let problems = try #require(json["problems"] as? [[String: Any]])
        #expect(problems.contains { $0["kind"] as? String == tamper.code })
        guard let number = tamper.names else { return }
        #expect(found.standardOutput.contains("pengaduan \(number) (067/PGD/2026/00000\(number))"), "\(tamper.name): \(found.standardOutput)")
        if tamper.code == "attachment-altered" { return }  // the three cases share the one document
        // Only the damaged case is named.
        #expect(problems.allSatisfy { $0["caseNumber"] == nil || $0["caseNumber"] as? Int == number }, "\(problems)")
        let shown = try office.run(["case", "show", String(number)])
        #expect(shown.status == 2, "\(tamper.name): \(shown.output)")
        #expect(shown.standardError.contains("catatan pengaduan \(number)") && shown.standardError.contains("sop verify"), "\(shown.standardError)")
        #expect(try office.run(["case", "show", "1"]).status == 0)
        let recap = try office.run(["report", "recap", "--from", "2026-11-01", "--to", "2026-11-30"])
        #expect(recap.status == 2, "\(tamper.name): \(recap.output)")
        #expect(recap.standardError.contains("catatan pengaduan \(number)"))
        let step = try office.run(["case", "note", String(number), "catatan"], as: "siti")
        #expect(step.status != 0, "\(tamper.name): nothing is written onto a damaged case")
    }

    @Test("an earlier head: the database extends it as it grows; a rewrite that drops it is caught; a head that is no head is refused")
    func earlierHead() throws {
        let office = try Self.office()
        let status = try #require(try JSONSerialization.jsonObject(with: Data(office.run(["status", "--format", "json"]).standardOutput.utf8)) as? [String: Any])
        let ledger = try #require(status["ledger"] as? [String: Any])
        let head = try #require(ledger["head"] as? String)
        #expect(head.count == 64)
        #expect(try office.run(["status"]).standardOutput.contains("kepala \(head)"))
        // The recap carries the head it was made at.
        #expect(try office.run(["report", "recap", "--from", "2026-11-01", "--to", "2026-11-30"]).standardOutput.contains("Kepala buku besar: \(head)"))

        _ = try office.open("pengaduan-langsung", fields: inPerson, as: "siti")
        let extended = try office.run(["verify", "--head", head])
        #expect(extended.status == 0, "\(extended.output)")
        #expect(extended.standardOutput.contains("Kepala lebih awal \(head): ada (entri \(ledger["entries"] as? Int ?? 0))"))

        let unknown = String(repeating: "ab", count: 32)
        let rewritten = try office.run(["verify", "--head", unknown])
        #expect(rewritten.status == 1, "\(rewritten.output)")
        #expect(rewritten.standardOutput.contains("[head-not-extended]"))
        #expect(rewritten.standardOutput.contains("TIDAK ADA"))

        let notAHead = try office.run(["verify", "--head", "kemarin"])
        #expect(notAHead.status == 1, "\(notAHead.output)")
        #expect(notAHead.standardError.contains("bukan kepala buku besar"))
    }

    @Test("a database of an earlier sop, upgraded, verifies")
    func upgradedVerifies() throws {
        let folder = try LandedDatabaseTests.office("worked-example")
        let database = folder.path + "/sop.sqlite"
        // Read only, verify upgrades nothing: it says how.
        let before = try Data(contentsOf: URL(fileURLWithPath: database))
        let outdated = try SOPBinary.run(["verify", "--db", database])
        #expect(outdated.status == 2, "\(outdated.output)")
        #expect(outdated.standardError.contains("sop status --db"), "\(outdated.standardError)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: database)) == before)
        #expect(try SOPBinary.run(["status", "--db", database]).status == 0)
        let result = try SOPBinary.run(["verify", "--db", database])
        #expect(result.status == 0, "\(result.output)")
    }

    /// The processes whose parent is `parent`, from /proc.
    static func children(of parent: Int32) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry in
            guard let pid = Int32(entry),
                  let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")")
            else { return nil }
            // pid (comm) state ppid …
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return fields.count > 1 && Int32(fields[1]) == parent ? pid : nil
        }
    }

    @Test("kill -9 while steps are being written: the database verifies and every acknowledged note is there")
    func killedWriters() throws {
        let office = try Office()
        let number = try office.open("pengaduan-langsung", fields: inPerson, as: "siti")
        let executable = try #require(SOPBinary.executable).path
        let acknowledged = office.folder.path + "/acknowledged"
        // In the foreground, so the shell needs no job control; the test kills its child by /proc.
        let script = """
            i=0
            while true; do
                i=$((i+1))
                if "$SOP" case note \(number) "catatan $WRITER-$i" 2>/dev/null >/dev/null; then echo "$WRITER-$i" >> "\(acknowledged)"; fi
            done
            """
        for round in 0..<4 {
            var shells: [Process] = []
            for writer in 0..<2 {
                let shell = Process()
                shell.executableURL = URL(fileURLWithPath: "/bin/sh")
                shell.arguments = ["-c", script]
                var environment = ProcessInfo.processInfo.environment
                environment["SOP"] = executable
                environment["SOP_DB"] = office.database
                environment["SOP_USER"] = "siti"
                environment["SOP_NOW"] = "2026-11-30T09:00:00+07:00"
                environment["WRITER"] = "\(round)-\(writer)"
                shell.environment = environment
                shell.standardOutput = FileHandle.nullDevice
                shell.standardError = FileHandle.nullDevice
                try shell.run()
                shells.append(shell)
            }
            usleep(useconds_t(700_000 + 350_000 * round))
            for shell in shells {
                // The sop the shell is running, found by its parent in /proc, is killed first.
                for child in Self.children(of: shell.processIdentifier) { kill(child, SIGKILL) }
                kill(shell.processIdentifier, SIGKILL)
                shell.waitUntilExit()
            }
        }
        let verified = try office.run(["verify"])
        #expect(verified.status == 0, "\(verified.output)")
        let history = try office.run(["case", "history", String(number), "--format", "json"])
        let notes = Set(((try JSONSerialization.jsonObject(with: Data(history.standardOutput.utf8)) as? [[String: Any]]) ?? [])
            .compactMap { $0["text"] as? String })
        let acked = ((try? String(contentsOfFile: acknowledged, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
        #expect(acked.count > 4, "the writers wrote little: \(acked.count)")
        for note in acked { #expect(notes.contains("catatan \(note)"), "acknowledged note \(note) is missing") }
    }

    @Test("sop backup while a writer writes: a new owner-only file that verifies on its own; never over a file; administrators only")
    func backup() throws {
        let office = try Self.office()
        let executable = try #require(SOPBinary.executable).path
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: "/bin/sh")
        writer.arguments = ["-c", "i=0; while true; do i=$((i+1)); \"$SOP\" case note 1 \"catatan $i\" >/dev/null 2>&1; done"]
        var environment = ProcessInfo.processInfo.environment
        environment["SOP"] = executable
        environment["SOP_DB"] = office.database
        environment["SOP_USER"] = "siti"
        environment["SOP_NOW"] = "2026-11-30T11:00:00+07:00"
        writer.environment = environment
        try writer.run()
        defer {
            for child in Self.children(of: writer.processIdentifier) { kill(child, SIGKILL) }
            kill(writer.processIdentifier, SIGKILL)
            writer.waitUntilExit()
        }
        usleep(300_000)
        let copy = office.folder.path + "/cadangan.sqlite"
        let made = try office.run(["backup", copy], as: "admin")
        #expect(made.status == 0, "\(made.output)")
        #expect(made.standardOutput.contains("Cadangan ditulis ke \(copy)"))
        #expect(made.standardOutput.contains("Utuh"))
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: copy)[.posixPermissions] as? Int)
        #expect(mode & 0o777 == 0o600)
        // One file: no write-ahead log beside it.
        #expect(!FileManager.default.fileExists(atPath: copy + "-wal"))
        // The copy verifies on its own, left as it is (still one file), and the database went on meanwhile.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: copy))
        let verified = try SOPBinary.run(["verify", "--db", copy, "--format", "json"])
        #expect(verified.status == 0, "\(verified.output)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: copy)) == bytes)
        #expect(!FileManager.default.fileExists(atPath: copy + "-wal"))
        usleep(300_000)
        let copied = try #require(try JSONSerialization.jsonObject(with: Data(verified.standardOutput.utf8)) as? [String: Any])
        let live = try #require(try JSONSerialization.jsonObject(with: Data(office.run(["verify", "--format", "json"]).standardOutput.utf8)) as? [String: Any])
        let copiedEntries = try #require((copied["ledger"] as? [String: Any])?["entries"] as? Int)
        let liveEntries = try #require((live["ledger"] as? [String: Any])?["entries"] as? Int)
        #expect(liveEntries > copiedEntries, "the writer went on while the copy was made")
        // The copy's head is an earlier head of the database.
        let head = try #require((copied["ledger"] as? [String: Any])?["head"] as? String)
        #expect(try office.run(["verify", "--head", head]).status == 0)

        let again = try office.run(["backup", copy], as: "admin")
        #expect(again.status == 1, "\(again.output)")
        #expect(again.standardError.contains("sudah ada"))
        let denied = try office.run(["backup", office.folder.path + "/lain.sqlite"], as: "siti")
        #expect(denied.status == 1, "\(denied.output)")
        #expect(!FileManager.default.fileExists(atPath: office.folder.path + "/lain.sqlite"))
        let nowhere = try office.run(["backup", office.folder.path + "/tidak/ada.sqlite"], as: "admin")
        #expect(nowhere.status == 2, "\(nowhere.output)")
    }
}

import Foundation
import Testing

/// Databases written by the landed version (schema v5, whose events were listed by their case's
/// row), opened by this one: upgraded to events keyed by (case, sequence), and read unchanged.
///
/// `Fixtures/landed-v5` holds two files that version wrote — `sop demo --keep` (cases of both SOPs
/// through every path) and the README's worked example (a move to revision 2 and its undo)
/// — and, for each, what every reading command printed with `--format json` on them
/// (`*.expected.json`, by command; made with `SOP_NOW=2026-12-07T09:00:00+07:00`).
@Suite("databases of the landed version")
struct LandedDatabaseTests {
    static let fixtures = SOPBinary.repositoryRoot.appendingPathComponent("Tests/sopTests/Fixtures/landed-v5").path

    /// A copy of a fixture database in an office folder with the shipped workflows.
    static func office(_ name: String) throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try FileManager.default.copyItem(
            atPath: SOPBinary.repositoryRoot.appendingPathComponent("workflows").path, toPath: folder.path + "/workflows")
        try FileManager.default.copyItem(atPath: "\(fixtures)/\(name).sqlite", toPath: folder.path + "/sop.sqlite")
        return folder
    }

    static func sqlite(_ sql: String, in folder: TemporaryFolder) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", folder.path + "/sop.sqlite", sql]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func json(_ text: String) throws -> NSObject {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) as? NSObject)
    }

    @Test("every reading command prints what the landed version printed", arguments: ["demo", "worked-example"])
    func readsUnchanged(_ name: String) throws {
        let folder = try Self.office(name)
        #expect(try Self.sqlite("SELECT identifier FROM grdb_migrations ORDER BY rowid DESC LIMIT 1", in: folder)
            == "v5-events-listed-by-their-case")
        let expected = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(Self.fixtures)/\(name).expected.json")))
                as? [String: Any])
        #expect(expected.count > 10)
        for (command, output) in expected.sorted(by: { $0.key < $1.key }) {
            let arguments = command.split(separator: " ").map(String.init) + ["--db", "sop.sqlite", "--format", "json"]
            let result = try SOPBinary.run(arguments, in: URL(fileURLWithPath: folder.path))
            #expect(result.status == 0, "sop \(command): \(result.standardError)")
            guard result.status == 0 else { continue }
            var printed = try Self.json(result.standardOutput)
            // Reports name the ledger's head now, which the landed version had no ledger for, and
            // count the cases with stated times, which it had no `--at` for, and those with due
            // times a calendar change moved, which it never moved.
            if command.hasPrefix("report "), let object = printed as? NSDictionary, let copy = object.mutableCopy() as? NSMutableDictionary {
                if command.hasPrefix("report recap") { #expect(copy["ledger"] != nil) }
                if command.hasPrefix("report sla") { #expect(copy["stepsWithRescheduledDue"] as? Int == 0) }
                #expect(copy["casesWithStatedTimes"] as? Int == 0)
                #expect(copy["casesWithRescheduledDue"] as? Int == 0)
                copy.removeObjects(forKeys: ["ledger", "casesWithStatedTimes", "casesWithRescheduledDue", "stepsWithRescheduledDue"])
                // And count each step's runs with no due time, which its SOPs had none of.
                for key in ["steps", "lateSteps"] where command.hasPrefix("report sla") {
                    guard let lines = copy[key] as? [NSDictionary] else { continue }
                    copy[key] = lines.map { line -> NSDictionary in
                        #expect(line["untimed"] as? Int == 0)
                        let stripped = line.mutableCopy() as? NSMutableDictionary ?? NSMutableDictionary()
                        stripped.removeObject(forKey: "untimed")
                        return stripped
                    }
                }
                printed = copy
            }
            // Events are printed in the one event format now; the landed version printed Swift's
            // synthesized coding of them. The same events, in the format of today:
            let landed = command.hasPrefix("case history") ? Self.eventsInTodaysFormat(output) : output
            #expect(printed.isEqual(landed), "sop \(command) prints otherwise than the landed version:\n\(result.standardOutput)")
        }
        #expect(try Self.sqlite("SELECT identifier FROM grdb_migrations ORDER BY rowid DESC LIMIT 3", in: folder)
            == "v13-notifications\nv12-next-scheduled-moment\nv11-hash-chains-and-ledger")
        // The revisions its cases ran on are recorded as published, by the upgrade.
        #expect(try Self.sqlite("SELECT COUNT(*) FROM publications WHERE by_user = '-'", in: folder)
            == (try Self.sqlite("SELECT COUNT(*) FROM workflow_texts", in: folder)))
        // Made by an earlier sop, whose users were claimed: set up as a declared-identity
        // database, its registry as it stood recorded as the first changes.
        #expect(try Self.sqlite("SELECT identity, created_by FROM office", in: folder) == "declared|-")
        #expect(try Self.sqlite("SELECT COUNT(*) FROM staff_changes WHERE by_user = '-'", in: folder)
            == (try Self.sqlite("SELECT COUNT(*) FROM staff", in: folder)))
        #expect(try Self.sqlite("SELECT COUNT(*) FROM cases WHERE history = ''", in: folder) == "0")
        #expect(try Self.sqlite("SELECT name FROM pragma_table_info('events') WHERE pk > 0 ORDER BY pk", in: folder)
            == "case_number\nsequence")
        #expect(try Self.sqlite("SELECT COUNT(*) FROM pragma_table_info('cases') WHERE name = 'event_rows'", in: folder) == "0")
    }

    /// Events as the landed version printed them (`"kind":{"stepStarted":{…}}`, one value under
    /// `"_0"`, fields as `{"text":{"_0":"…"}}`) in the format of today (`"type":"step-started"` and
    /// the kind's values beside the event's, fields as `{"type":"text","value":"…"}`), worked out
    /// here apart from the codec that reads them.
    static func eventsInTodaysFormat(_ output: Any) -> Any {
        guard let events = output as? [[String: Any]] else { return output }
        func kebab(_ name: String) -> String {
            name.reduce(into: "") { text, character in
                if character.isUppercase { text += "-" + character.lowercased() } else { text.append(character) }
            }
        }
        func field(_ value: Any) -> Any {
            guard let wrapped = value as? [String: Any], let (type, inner) = wrapped.first, let one = (inner as? [String: Any])?["_0"] else { return value }
            return ["type": type, "value": one]
        }
        return events.map { event -> [String: Any] in
            var modern = event
            guard let kind = event["kind"] as? [String: Any], let (name, payload) = kind.first else { return event }
            modern["kind"] = nil
            modern["type"] = kebab(name)
            var values = payload as? [String: Any] ?? [:]
            if let one = values["_0"] {
                values = one as? [String: Any] ?? ["text": one]
            }
            if let fields = values["fields"] as? [String: Any] { values["fields"] = fields.mapValues(field) }
            for (key, value) in values { modern[key] = value }
            return modern
        }
    }

    @Test("an upgraded database takes new events, and its schema refuses a sequence twice or skipped")
    func upgradedTakesWrites() throws {
        let folder = try Self.office("worked-example")
        let directory = URL(fileURLWithPath: folder.path)
        let events = Int(try Self.sqlite("SELECT COUNT(*) FROM events", in: folder)) ?? 0
        let note = try SOPBinary.run(["case", "note", "3", "pelapor menelepon", "--as", "siti", "--db", "sop.sqlite"], in: directory)
        #expect(note.status == 0, "\(note.output)")
        #expect(Int(try Self.sqlite("SELECT COUNT(*) FROM events", in: folder)) == events + 1)
        let history = try SOPBinary.run(["case", "history", "3", "--db", "sop.sqlite"], in: directory)
        #expect(history.standardOutput.contains("pelapor menelepon"), "\(history.output)")

        // Written past sop with sqlite3: an event's sequence taken again, and one skipped.
        let last = try Self.sqlite("SELECT MAX(sequence) FROM events WHERE case_number = 3", in: folder)
        for sequence in [last, String((Int(last) ?? 0) + 2)] {
            let insert = "INSERT INTO events (case_number, sequence, at, by_user, kind, payload) "
                + "SELECT case_number, \(sequence), at, by_user, kind, payload FROM events WHERE case_number = 3 AND sequence = \(last)"
            _ = try Self.sqlite(insert, in: folder)
        }
        #expect(Int(try Self.sqlite("SELECT COUNT(*) FROM events", in: folder)) == events + 1)
    }

    @Test("a database of the landed version with a sequence missing is refused at the upgrade, naming the case")
    func damagedLandedDatabaseIsRefused() throws {
        let folder = try Self.office("worked-example")
        _ = try Self.sqlite("DROP TRIGGER events_never_deleted; DELETE FROM events WHERE case_number = 2 AND sequence = 3;", in: folder)
        let before = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/sop.sqlite"))
        let result = try SOPBinary.run(["case", "show", "1", "--db", "sop.sqlite"], in: URL(fileURLWithPath: folder.path))
        #expect(result.status != 0)
        #expect(result.standardError.contains("case 2") || result.standardError.contains("pengaduan 2"), "\(result.output)")
        #expect(result.standardError.contains("rusak"), "\(result.output)")
        #expect(try Self.sqlite("SELECT identifier FROM grdb_migrations ORDER BY rowid DESC LIMIT 1", in: folder)
            == "v5-events-listed-by-their-case")
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder.path + "/sop.sqlite")) == before)
    }
}

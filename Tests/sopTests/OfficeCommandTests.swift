import Foundation
import Testing

/// A database in a temporary folder, driven by the `sop` binary with no `SOP_USER` and no `SOP_NOW`
/// unless a test gives them, as an office's staff run it.
struct OfficeDatabase {
    let folder: TemporaryFolder
    var database: String { folder.path + "/sop.sqlite" }

    init() throws {
        folder = try TemporaryFolder()
    }

    /// The login name of the account running the tests.
    static var account: String {
        guard let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name else { return "" }
        return String(cString: name)
    }

    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> SOPBinary.Result {
        try SOPBinary.run(arguments, environment: ["SOP_DB": database, "SOP_NOW": "", "SOP_USER": ""].merging(environment) { $1 })
    }

    func json(_ arguments: [String], environment: [String: String] = [:]) throws -> Any {
        let result = try run(arguments + ["--format", "json"], environment: environment)
        guard result.status == 0 else { throw SOPBinaryError(description: "\(arguments): \(result.output)") }
        return try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8))
    }

    /// The registry's changes, as `sop staff history --format json` prints them.
    func changes() throws -> Int { (try json(["staff", "history"]) as? [Any])?.count ?? -1 }
}

@Suite("sop init, sop status: who is acting")
struct IdentityTests {
    @Test("an office's database: the first administrator is the account running sop init; status says so")
    func officeDatabase() throws {
        let office = try OfficeDatabase()
        let status = try #require(try office.json(["init"]) as? [String: Any])
        _ = try office.json(["publish", "workflows"])
        let setup = try #require(status["office"] as? [String: Any])
        #expect(setup["identity"] as? String == "system")
        #expect(setup["createdBy"] as? String == OfficeDatabase.account)
        #expect(status["user"] as? String == OfficeDatabase.account)
        #expect(status["administrators"] as? [String] == [OfficeDatabase.account])
        #expect(status["readableByOthers"] as? Bool == false)
        let text = try office.run(["status"])
        #expect(text.status == 0)
        #expect(text.standardOutput.contains("Identitas: akun sistem operasi"))
        #expect(text.standardOutput.contains("Anda: \(OfficeDatabase.account) (admin)"))
        // A write on an office's database prints no warning.
        let added = try office.run(["staff", "add", "siti", "--role", "front-office"])
        #expect(added.status == 0, "\(added.output)")
        #expect(added.allOfStandardError.isEmpty)
        #expect(try office.changes() == 2)
    }

    @Test("a claimed identity on an office's database is refused, by --as and by SOP_USER; nothing is written")
    func claimedIdentity() throws {
        let office = try OfficeDatabase()
        _ = try office.json(["init"])
        _ = try office.json(["publish", "workflows"])
        _ = try office.json(["staff", "add", "siti", "--role", "front-office"])
        for (arguments, environment) in [
            (["staff", "add", "budi", "--role", "admin", "--as", "siti"], [:]),
            (["staff", "add", "budi", "--role", "admin"], ["SOP_USER": "siti"]),
            (["case", "open", "pengaduan-langsung", "--field", "nama=Ani", "--field", "uraian=KTP", "--as", "siti"], [:]),
        ] as [([String], [String: String])] {
            let result = try office.run(arguments, environment: environment)
            #expect(result.status == 1, "\(arguments): \(result.output)")
            #expect(result.standardError.contains("akun sistem Anda, '\(OfficeDatabase.account)', bukan 'siti'"))
        }
        // Naming oneself is no claim.
        #expect(try office.run(["status", "--as", OfficeDatabase.account]).status == 0)
        #expect(try office.changes() == 2)
        #expect((try office.json(["case", "list"]) as? [Any])?.isEmpty == true)
    }

    @Test("SOP_NOW on an office's database is refused: its time is the system clock")
    func statedTimeRefused() throws {
        let office = try OfficeDatabase()
        _ = try office.json(["init"])
        for time in ["2020-01-01T09:00:00+07:00", "2031-01-01T09:00:00+07:00"] {
            let result = try office.run(["staff", "add", "siti", "--role", "front-office"], environment: ["SOP_NOW": time])
            #expect(result.status == 1)
            #expect(result.standardError.contains("SOP_NOW hanya berlaku pada basis data identitas-dinyatakan"))
        }
        #expect(try office.changes() == 1)
    }

    @Test("a declared-identity database: --as is taken, SOP_NOW applies, and every write warns (reads do not)")
    func declaredIdentity() throws {
        let office = try OfficeDatabase()
        let created = try office.run(["init", "--declared-identity", "--as", "admin"], environment: ["SOP_NOW": "2026-11-30T09:00:00+07:00"])
        #expect(created.status == 0, "\(created.output)")
        #expect(try office.run(["publish", "workflows", "--as", "admin"]).status == 0)
        let added = try office.run(["staff", "add", "siti", "--role", "front-office", "--as", "admin"])
        #expect(added.status == 0)
        #expect(added.declaredIdentityWarningCount == 1)
        #expect(added.allOfStandardError.contains("siapa pun dapat bertindak sebagai siapa pun"))
        let english = try office.run(["staff", "add", "siti", "--role", "front-office", "--as", "admin", "--lang", "en"])
        #expect(english.allOfStandardError.contains("anyone can act as anyone"))
        let list = try office.run(["staff", "list"])
        #expect(list.status == 0)
        #expect(list.allOfStandardError.isEmpty)
        let status = try #require(try office.json(["status", "--as", "siti"]) as? [String: Any])
        #expect((status["office"] as? [String: Any])?["identity"] as? String == "declared")
        #expect(status["roles"] as? [String] == ["front-office"])
        let text = try office.run(["status"])
        #expect(text.standardOutput.contains("Identitas: dinyatakan"))
        #expect(text.standardOutput.contains("Anda: belum dinyatakan"))
        // A declared-identity database needs the first administrator's name.
        let unnamed = try OfficeDatabase().run(["init", "--declared-identity"])
        #expect(unnamed.status == 1)
        #expect(unnamed.standardError.contains("--as NAMA"))
    }

    @Test("sop init twice is refused and changes nothing; only sop init creates a database")
    func initOnce() throws {
        let office = try OfficeDatabase()
        _ = try office.json(["init"])
        let again = try office.run(["init", "--declared-identity", "--as", "admin"])
        #expect(again.status == 1)
        #expect(again.standardError.contains("sudah disiapkan (oleh \(OfficeDatabase.account))"))
        #expect(try office.changes() == 1)
        let missing = try OfficeDatabase()
        for arguments in [
            ["staff", "add", "siti", "--role", "front-office"], ["case", "open", "pengaduan-langsung", "--field", "nama=Ani"], ["status"],
        ] {
            let result = try missing.run(arguments)
            #expect(result.status == 2, "\(arguments): \(result.output)")
            #expect(result.standardError.contains("`sop init`"))
            #expect(!FileManager.default.fileExists(atPath: missing.database))
        }
    }
}

@Suite("sop staff: only administrators change the registry, and every change is kept")
struct RegistryTests {
    @Test("the self-grant of a complaint-team member is refused; nothing is written")
    func selfGrant() throws {
        let office = try OfficeDatabase()
        #expect(try office.run(["init", "--declared-identity", "--as", "admin"]).status == 0)
        #expect(try office.run(["publish", "workflows", "--as", "admin"]).status == 0)
        #expect(try office.run(["staff", "add", "budi", "--role", "tim-pengaduan", "--as", "admin"]).status == 0)
        for arguments in [
            ["staff", "add", "budi", "--role", "admin"], ["staff", "remove", "admin"], ["staff", "remove", "budi", "--role", "tim-pengaduan"],
        ] {
            let result = try office.run(arguments, environment: ["SOP_USER": "budi"])
            #expect(result.status == 1, "\(arguments): \(result.output)")
            #expect(result.standardError.contains("pengguna 'budi' tidak boleh mengubah daftar petugas"))
        }
        let unknown = try office.run(["staff", "add", "ani", "--role", "admin"], environment: ["SOP_USER": "ani"])
        #expect(unknown.status == 1)
        #expect(unknown.standardError.contains("tidak terdaftar sebagai staf"))
        #expect(try office.changes() == 2)
        let members = try #require(try office.json(["staff", "list"]) as? [[String: Any]])
        #expect(members.map { $0["user"] as? String } == ["admin", "budi"])
        #expect(members.last?["roles"] as? [String] == ["tim-pengaduan"])
    }

    @Test("the last administrator cannot be removed; a second one can remove the first; history names who did what")
    func lastAdministrator() throws {
        let office = try OfficeDatabase()
        #expect(try office.run(["init", "--declared-identity", "--as", "admin"]).status == 0)
        for arguments in [["staff", "remove", "admin"], ["staff", "remove", "admin", "--role", "admin"]] {
            let result = try office.run(arguments, environment: ["SOP_USER": "admin"])
            #expect(result.status == 1)
            #expect(result.standardError.contains("administrator terakhir"))
        }
        #expect(try office.run(["staff", "add", "kepala", "--role", "admin", "--as", "admin"]).status == 0)
        #expect(try office.run(["staff", "remove", "admin", "--as", "kepala"]).status == 0)
        let history = try #require(try office.json(["staff", "history"]) as? [[String: Any]])
        #expect(history.map { $0["by"] as? String } == ["admin", "admin", "kepala"])
        #expect(history.map { $0["change"] as? String } == ["added", "added", "removed"])
        #expect(history.last?["memberRemoved"] as? Bool == true)
        let text = try office.run(["staff", "history"])
        #expect(text.standardOutput.contains("kepala menghapus admin (peran admin)"))
    }
}

@Suite("sop publish: cases open only on published revisions")
struct PublishTests {
    @Test("a private SOP folder: new cases still open on the published revision, and only an administrator publishes")
    func privateFolder() throws {
        let office = try OfficeDatabase()
        #expect(try office.run(["init", "--declared-identity", "--as", "admin"]).status == 0)
        #expect(try office.run(["publish", "workflows", "--as", "admin"]).status == 0)
        #expect(try office.run(["staff", "add", "budi", "--role", "tim-pengaduan", "--role", "front-office", "--as", "admin"]).status == 0)
        // budi copies the SOP, gives himself every step with 100-day budgets, raises its revision.
        let original = try String(contentsOfFile: SOPBinary.repositoryRoot.path + "/workflows/pengaduan-langsung.yaml", encoding: .utf8)
        let forged = original.replacingOccurrences(of: "revision: 1", with: "revision: 9")
            .replacingOccurrences(of: "budget: 15 menit", with: "budget: 100 hari")
        try FileManager.default.createDirectory(atPath: office.folder.path + "/private", withIntermediateDirectories: true)
        try office.folder.write("private/pengaduan-langsung.yaml", forged)
        try office.folder.write("private/jam-kerja-kebumen.yaml",
            try String(contentsOfFile: SOPBinary.repositoryRoot.path + "/workflows/jam-kerja-kebumen.yaml", encoding: .utf8))
        let opened = try #require(try office.json(
            ["case", "open", "pengaduan-langsung", "--workflows", office.folder.path + "/private", "--field", "nama=Ani", "--field", "uraian=KTP"],
            environment: ["SOP_USER": "budi"]) as? [String: Any])
        #expect(opened["revision"] as? Int == 1)
        let publish = try office.run(["publish", office.folder.path + "/private/pengaduan-langsung.yaml"], environment: ["SOP_USER": "budi"])
        #expect(publish.status == 1)
        #expect(publish.standardError.contains("pengguna 'budi' tidak boleh menerbitkan revisi SOP"))
        let list = try #require(try office.json(["publish", "--list"]) as? [[String: Any]])
        #expect(list.map { $0["by"] as? String } == ["admin", "admin", "admin"])
        #expect(list.compactMap { $0["revision"] as? Int } == [1, 1])
    }
}

@Suite("--at: when something happened, beside when it was recorded")
struct StatedTimeTests {
    static func time(_ offset: TimeInterval) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(secondsFromGMT: 7 * 3600)
        return formatter.string(from: Date().addingTimeInterval(offset))
    }

    @Test("a complaint received on paper: the stated time is kept with the recording time; a future or backdated time is refused")
    func paperComplaint() throws {
        let office = try OfficeDatabase()
        let account = OfficeDatabase.account
        _ = try office.json(["init"])
        _ = try office.json(["publish", "workflows"])
        _ = try office.json(["staff", "add", account, "--role", "front-office"])
        let fields = ["--field", "nama=Ani", "--field", "uraian=KTP"]
        let future = try office.run(["case", "open", "pengaduan-langsung", "--at", Self.time(3600)] + fields)
        #expect(future.status == 1)
        #expect(future.standardError.contains("lebih lambat daripada sekarang"))
        let opened = try #require(try office.json(["case", "open", "pengaduan-langsung", "--at", Self.time(-7200)] + fields) as? [String: Any])
        let number = try #require(opened["number"] as? Int)
        let events = try #require(try office.json(["case", "history", String(number)]) as? [[String: Any]])
        #expect(events.allSatisfy { $0["recordedAt"] != nil })
        let text = try office.run(["case", "history", String(number)])
        #expect(text.standardOutput.contains("(waktu dinyatakan; dicatat "))
        // Never before the case's last event.
        let document = try office.folder.write("formulir.txt", "isi\n")
        let before = try office.run(["case", "step", String(number), "--at", Self.time(-10_800), "--attach", "formulir-pengaduan=\(document)"])
        #expect(before.status == 1, "\(before.output)")
        #expect(before.standardError.contains("lebih awal daripada peristiwa terakhir pengaduan"))
        let now = try office.run(["case", "step", String(number), "--attach", "formulir-pengaduan=\(document)"])
        #expect(now.status == 0, "\(now.output)")
        let after = try #require(try office.json(["case", "history", String(number)]) as? [[String: Any]])
        #expect(after.count > events.count)
        #expect(after.dropFirst(events.count).allSatisfy { $0["recordedAt"] == nil })
        // The reports say that a case's times were stated.
        let formatter = DateFormatter()
        formatter.timeZone = TimeZone(secondsFromGMT: 7 * 3600)
        formatter.dateFormat = "yyyy-MM-dd"
        let days = [formatter.string(from: Date().addingTimeInterval(-86_400)), formatter.string(from: Date().addingTimeInterval(86_400))]
        for report in ["recap", "sla"] {
            let text = try office.run(["report", report, "--from", days[0], "--to", days[1]])
            #expect(text.status == 0, "\(text.output)")
            #expect(text.standardOutput.contains("Di antaranya 1 pengaduan memuat waktu yang dinyatakan petugas (--at"), "\(text.standardOutput)")
            let json = try #require(try office.json(["report", report, "--from", days[0], "--to", days[1]]) as? [String: Any])
            #expect(json["casesWithStatedTimes"] as? Int == 1)
        }
    }
}

@Suite("sop export --format jsonl: the whole audit trail")
struct ExportTests {
    @Test("every record, one JSON object a line, in order; administrators only; a new file only")
    func export() throws {
        let office = try OfficeDatabase()
        #expect(try office.run(["init", "--declared-identity", "--as", "admin"]).status == 0)
        #expect(try office.run(["publish", "workflows", "--as", "admin"]).status == 0)
        #expect(try office.run(["staff", "add", "siti", "--role", "front-office", "--as", "admin"]).status == 0)
        let environment = ["SOP_NOW": "2026-11-30T09:00:00+07:00", "SOP_USER": "siti"]
        for _ in 0..<2 {
            #expect(try office.run(["case", "open", "pengaduan-langsung", "--field", "nama=Ani", "--field", "uraian=KTP \"hilang\", lagi"],
                                   environment: environment).status == 0)
        }
        #expect(try office.run(["case", "show", "2", "--reveal"], environment: environment).status == 0)
        let refused = try office.run(["export", "--format", "jsonl"], environment: ["SOP_USER": "siti"])
        #expect(refused.status == 1)
        #expect(refused.standardOutput.isEmpty)
        let result = try office.run(["export", "--format", "jsonl", "--as", "admin"])
        #expect(result.status == 0, "\(result.output)")
        let lines = result.standardOutput.split(separator: "\n")
        let records = try lines.map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        let kinds = records.compactMap { $0["record"] as? String }
        #expect(kinds.first == "office")
        // Then the ledger's head, which `sop verify --head` checks later.
        #expect(kinds.dropFirst().first == "ledger")
        #expect(((records[1]["value"] as? [String: Any])?["head"] as? String)?.count == 64)
        #expect(kinds.filter { $0 == "staff-change" }.count == 2)
        #expect(kinds.filter { $0 == "publication" }.count == 3)
        #expect(kinds.last == "reveal")
        let events = records.filter { $0["record"] as? String == "event" }
        #expect(events.map { $0["case"] as? Int } == [1, 1, 2, 2])
        // A line of the text is JSON-escaped: one record, one line.
        #expect(lines.count == records.count && records.count == 1 + 1 + 2 + 3 + events.count + 1)
        // To a file: written once, never over another.
        let file = office.folder.path + "/jejak.jsonl"
        #expect(try office.run(["export", "--format", "jsonl", "--as", "admin", "--output", file]).status == 0)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == result.standardOutput)
        let again = try office.run(["export", "--format", "jsonl", "--as", "admin", "--output", file])
        #expect(again.status == 1)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == result.standardOutput)
        let denied = try office.run(["export", "--format", "jsonl", "--output", office.folder.path + "/x.jsonl"], environment: ["SOP_USER": "siti"])
        #expect(denied.status == 1)
        #expect(!FileManager.default.fileExists(atPath: office.folder.path + "/x.jsonl"))
    }
}

/// The office set-up with real operating-system accounts: only where the tests run as root on a
/// disposable machine (CI), which may create throw-away accounts.
@Suite("office accounts (root only: throw-away accounts)", .enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/sbin/useradd")))
struct OfficeAccountTests {
    static func shell(_ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Runs sop as another account, in a folder, with nothing claimed.
    static func sop(as account: String, _ arguments: [String], database: String, environment: [String: String] = [:]) throws -> SOPBinary.Result {
        guard let sop = SOPBinary.executable?.path else { throw SOPBinaryError(description: "no sop binary") }
        let workflows = SOPBinary.repositoryRoot.appendingPathComponent("workflows").path
        var command = ["-u", account, "--", "/usr/bin/env", "SOP_DB=\(database)", "SOP_NOW=", "SOP_USER=", "SOP_LANG=en"]
        command += environment.map { "\($0.key)=\($0.value)" }
        return try SOPBinary.runProgram("/usr/sbin/runuser", command + [sop] + arguments + ["--workflows", workflows])
    }

    @Test("each account acts as itself: the first administrator adds a colleague, who cannot claim to be anyone else")
    func accounts() throws {
        let suffix = String(UUID().uuidString.prefix(6)).lowercased()
        let (group, admin, staff, outsider) = ("sop\(suffix)", "adm\(suffix)", "stf\(suffix)", "out\(suffix)")
        #expect(try Self.shell(["/usr/sbin/groupadd", group]) == 0)
        defer { _ = try? Self.shell(["/usr/sbin/groupdel", group]) }
        for account in [admin, staff] { #expect(try Self.shell(["/usr/sbin/useradd", "-M", "-G", group, account]) == 0) }
        #expect(try Self.shell(["/usr/sbin/useradd", "-M", outsider]) == 0)
        defer { for account in [admin, staff, outsider] { _ = try? Self.shell(["/usr/sbin/userdel", account]) } }

        // The office's folder: the group's, setgid, closed to others.
        let folder = try TemporaryFolder()
        chmod(folder.path, 0o755)
        let data = folder.path + "/data"
        #expect(mkdir(data, 0o2770) == 0)
        chmod(data, 0o2770)
        #expect(try Self.shell(["/usr/bin/chgrp", group, data]) == 0)
        let database = data + "/sop.sqlite"

        let created = try Self.sop(as: admin, ["init"], database: database)
        #expect(created.status == 0, "\(created.output)")
        let published = try Self.sop(as: admin, ["publish", SOPBinary.repositoryRoot.appendingPathComponent("workflows").path], database: database)
        #expect(published.status == 0, "\(published.output)")
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: database)[.posixPermissions] as? Int)
        #expect(mode == 0o660)
        #expect(try FileManager.default.attributesOfItem(atPath: database)[.groupOwnerAccountName] as? String == group)

        let before = try Self.sop(as: staff, ["staff", "add", staff, "--role", "admin"], database: database)
        #expect(before.status == 1, "\(before.output)")
        #expect(before.standardError.contains("'\(staff)' is not in the staff registry"))
        #expect(try Self.sop(as: admin, ["staff", "add", staff, "--role", "front-office"], database: database).status == 0)
        let claim = try Self.sop(as: staff, ["staff", "add", staff, "--role", "admin", "--as", admin], database: database)
        #expect(claim.status == 1)
        #expect(claim.standardError.contains("you act as your system account, '\(staff)', not '\(admin)'"))
        let status = try Self.sop(as: staff, ["status", "--format", "json"], database: database)
        #expect(status.status == 0, "\(status.output)")
        #expect(status.standardOutput.contains("\"user\" : \"\(staff)\""))
        // Someone outside the group cannot even open the file.
        let outside = try Self.sop(as: outsider, ["status"], database: database)
        #expect(outside.status == 2, "\(outside.output)")
    }
}

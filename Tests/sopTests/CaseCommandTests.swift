import Foundation
import Testing

/// A temporary database with the three demo users, driven through the `sop` binary.
struct Office {
    let folder: TemporaryFolder
    var database: String { folder.path + "/sop.sqlite" }

    init() throws {
        folder = try TemporaryFolder()
        // A declared-identity database: the tests state who acts (SOP_USER) and when (SOP_NOW).
        var setUp = [["init", "--declared-identity"], ["publish", "workflows"]]
        for (user, role) in [("siti", "front-office"), ("rina", "tim-media"), ("budi", "tim-pengaduan")] {
            setUp.append(["staff", "add", user, "--role", role])
        }
        for arguments in setUp {
            let result = try run(arguments, as: "admin")
            guard result.status == 0 else { throw SOPBinaryError(description: result.output) }
        }
        try folder.write("dokumen.txt", "isi dokumen\n")
    }

    var document: String { folder.path + "/dokumen.txt" }

    /// Runs `sop` from the repository root (for workflows/) on this office's database.
    func run(_ arguments: [String], as user: String? = nil, at time: String = "2026-11-30T09:00:00+07:00") throws -> SOPBinary.Result {
        var environment = ["SOP_DB": database, "SOP_NOW": time]
        if let user { environment["SOP_USER"] = user }
        return try SOPBinary.run(arguments, environment: environment)
    }

    /// Runs and decodes JSON output of a case command; fails the test on a non-zero exit.
    func json(_ arguments: [String], as user: String? = nil, at time: String = "2026-11-30T09:00:00+07:00") throws -> [String: Any] {
        let result = try run(arguments + ["--format", "json"], as: user, at: time)
        guard result.status == 0 else { throw SOPBinaryError(description: "\(arguments): \(result.output)") }
        guard let object = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any] else {
            throw SOPBinaryError(description: "not a JSON object: \(result.standardOutput)")
        }
        return object
    }

    func open(_ workflow: String, fields: [String: String], channel: String? = nil, as user: String) throws -> Int {
        var arguments = ["case", "open", workflow]
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) { arguments += ["--field", "\(name)=\(value)"] }
        if let channel { arguments += ["--channel", channel] }
        let object = try json(arguments, as: user)
        return try #require(object["number"] as? Int)
    }

    func step(_ number: Int, _ extra: [String] = [], attach documents: [String] = [], as user: String, at time: String = "2026-11-30T10:00:00+07:00") throws -> [String: Any] {
        var arguments = ["case", "step", String(number)] + extra
        for document in documents { arguments += ["--attach", "\(document)=\(self.document)"] }
        return try json(arguments, as: user, at: time)
    }

    func events(_ number: Int) throws -> Int {
        let result = try run(["case", "history", String(number), "--format", "json"])
        let array = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [Any]
        return array?.count ?? -1
    }
}

let inPerson = ["nama": "Budi Santoso", "uraian": "KTP belum jadi", "telepon": "081234567890"]
let online = ["nama": "Rina", "nik": "3305010101900001", "telepon": "+6281234567890", "uraian": "Akta salah ketik"]

@Suite("sop case (end to end): every path of both SOPs")
struct CasePathTests {
    @Test("067/12351 resolved at the front office")
    func frontOffice() throws {
        let office = try Office()
        let number = try office.open("pengaduan-langsung", fields: inPerson, as: "siti")
        _ = try office.step(number, attach: ["formulir-pengaduan"], as: "siti")
        _ = try office.step(number, ["--yes"], attach: ["catatan-register"], as: "siti")
        let last = try office.step(number, ["--yes"], as: "siti")
        #expect(last["status"] as? String == "resolved")
        #expect((last["steps"] as? [Any])?.count == 3)
    }

    @Test("067/12351 full path, and returned to the reporter then resubmitted")
    func fullAndReturned() throws {
        let office = try Office()
        let number = try office.open("pengaduan-langsung", fields: inPerson, as: "siti")
        _ = try office.step(number, attach: ["formulir-pengaduan"], as: "siti")
        let returned = try office.step(number, ["--no"], attach: ["catatan-register"], as: "siti")
        #expect(returned["status"] as? String == "waiting-for-reporter")
        _ = try office.step(number, as: "siti")
        _ = try office.step(number, ["--yes"], as: "siti")
        _ = try office.step(number, ["--no"], as: "siti")
        _ = try office.step(number, attach: ["rancangan-tindak-lanjut"], as: "budi")
        _ = try office.step(number, attach: ["bukti-hasil-tindak-lanjut"], as: "budi")
        _ = try office.step(number, attach: ["tanggapan-pelapor"], as: "siti")
        let last = try office.step(number, attach: ["rekapan-pengaduan"], as: "budi", at: "2026-12-01T09:00:00+07:00")
        #expect(last["status"] as? String == "resolved")
        let steps = try #require(last["steps"] as? [[String: Any]])
        #expect(steps.map { $0["step"] as? String } == [
            "isi-formulir", "periksa-kelengkapan", "isi-formulir", "periksa-kelengkapan", "dapat-diselesaikan",
            "analisa", "tindak-lanjut", "tanggapan-pelapor", "register",
        ])
        #expect(steps.first?["onBehalfOfReporter"] as? Bool == true)
    }

    @Test("067/12352 answered directly (Instagram) and the full path (SP4N-LAPOR, telepon)")
    func media() throws {
        let office = try Office()
        let direct = try office.open("pengaduan-media", fields: online, channel: "instagram", as: "rina")
        _ = try office.step(direct, attach: ["formulir-pengaduan"], as: "rina")
        let answered = try office.step(direct, ["--branch", "Ya"], attach: ["catatan-register"], as: "rina")
        #expect(answered["status"] as? String == "resolved")
        for channel in ["sp4n-lapor", "telepon"] {
            let number = try office.open("pengaduan-media", fields: online, channel: channel, as: "rina")
            _ = try office.step(number, attach: ["formulir-pengaduan"], as: "rina")
            _ = try office.step(number, ["--no"], attach: ["catatan-register"], as: "rina")
            _ = try office.step(number, attach: ["rancangan-tindak-lanjut"], as: "budi")
            _ = try office.step(number, attach: ["hasil-tindak-lanjut"], as: "budi")
            _ = try office.step(number, ["--waive", "tanggapan-pelapor", "--reason", "pelapor tidak menanggapi"], as: "rina")
            let last = try office.step(number, attach: ["rekapan-pengaduan"], as: "budi")
            #expect(last["status"] as? String == "resolved")
        }
        let list = try office.run(["case", "list", "--workflow", "pengaduan-media", "--format", "json"])
        #expect((try JSONSerialization.jsonObject(with: Data(list.standardOutput.utf8)) as? [Any])?.count == 3)
    }

    @Test("sop demo runs from a fresh temporary database")
    func demo() throws {
        let result = try SOPBinary.run(["demo"])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.standardOutput.contains("Rekap demo"))
        #expect(result.standardOutput.contains("067/PGD/2026/000006"))
        let json = try SOPBinary.run(["demo", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        #expect((object["timelines"] as? [Any])?.count == 6)
        // The sweep at the end reminds the complaint team of the sixth case, by e-mail to budi.
        #expect(result.standardOutput.contains("surel 067/PGD/2026/000006 mendekati batas waktu, langkah telaah → budi@disdukcapil.example"),
                "\(result.output)")
        let notices = try #require(object["notices"] as? [[String: Any]])
        #expect(notices.count == 1, "\(notices)")
        #expect(notices.first?["recipients"] as? [String] == ["budi@disdukcapil.example"])
    }
}

@Suite("sop case (end to end): mistakes are refused and write nothing")
struct CaseRefusalTests {
    func expectRefused(_ office: Office, _ arguments: [String], as user: String? = nil, status: Int32 = 1, mentioning text: String, case number: Int? = nil) throws {
        let before = try number.map(office.events) ?? 0
        let result = try office.run(arguments, as: user)
        #expect(result.status == status, "\(arguments): \(result.output)")
        #expect(result.standardError.contains(text), "\(arguments): \(result.standardError)")
        if let number { #expect(try office.events(number) == before, "\(arguments) wrote events") }
    }

    @Test("unknown case, user, step, document; a user without the role; a second completion; a missing branch or output")
    func staffMistakes() throws {
        let office = try Office()
        let number = try office.open("pengaduan-langsung", fields: inPerson, as: "siti")
        let document = "formulir-pengaduan=\(office.document)"
        try expectRefused(office, ["case", "step", "99"], as: "siti", mentioning: "tidak ada pengaduan '99'")
        try expectRefused(office, ["case", "step", String(number)], as: "tamu", mentioning: "tidak terdaftar sebagai staf", case: number)
        try expectRefused(office, ["case", "step", String(number)], mentioning: "--as PENGGUNA", case: number)
        try expectRefused(office, ["case", "step", String(number), "--step", "analisa"], as: "siti", mentioning: "bukan 'analisa'", case: number)
        try expectRefused(office, ["case", "step", String(number), "--attach", "formulir=\(office.document)"], as: "siti", mentioning: "tidak memiliki dokumen 'formulir'", case: number)
        try expectRefused(office, ["case", "step", String(number)], as: "siti", mentioning: "--attach formulir-pengaduan=BERKAS", case: number)
        _ = try office.step(number, attach: ["formulir-pengaduan"], as: "siti")
        try expectRefused(office, ["case", "step", String(number), "--yes", "--attach", "catatan-register=\(office.document)"], as: "budi", mentioning: "tidak memegang peran", case: number)
        try expectRefused(office, ["case", "step", String(number), "--branch", "Mungkin", "--attach", "catatan-register=\(office.document)"], as: "siti", mentioning: "tidak memiliki cabang 'Mungkin'", case: number)
        try expectRefused(office, ["case", "step", String(number), "--attach", "catatan-register=\(office.document)"], as: "siti", mentioning: "--yes", case: number)
        try expectRefused(office, ["case", "step", String(number), "--step", "isi-formulir", "--attach", document], as: "siti", mentioning: "berada pada langkah 'periksa-kelengkapan'", case: number)
    }

    @Test("invalid phone, NIK, e-mail; a channel the SOP does not accept; intake requirements")
    func opening() throws {
        let office = try Office()
        for (field, value, text) in [
            ("telepon", "12345", "bukan nomor telepon"), ("nik", "3305", "16 digit"), ("surel", "bukan-surel", "bukan alamat e-mail"),
        ] {
            var fields = online
            fields[field] = value
            var arguments = ["case", "open", "pengaduan-media", "--channel", "email"]
            for (name, value) in fields { arguments += ["--field", "\(name)=\(value)"] }
            try expectRefused(office, arguments, as: "rina", mentioning: text)
        }
        try expectRefused(office, ["case", "open", "pengaduan-media", "--channel", "whatsapp", "--field", "nama=A"], as: "rina", mentioning: "tidak menerima pengaduan melalui 'whatsapp'")
        try expectRefused(office, ["case", "open", "pengaduan-media", "--channel", "email", "--field", "nama=A", "--field", "uraian=x"], as: "rina", mentioning: "Persyaratan pelaporan pengaduan")
        let list = try office.run(["case", "list", "--format", "json"])
        #expect((try JSONSerialization.jsonObject(with: Data(list.standardOutput.utf8)) as? [Any])?.isEmpty == true)
    }

    @Test("a database file that is not SQLite, or is read-only: exit 2")
    func badDatabase() throws {
        let folder = try TemporaryFolder()
        let junk = try folder.write("bukan.sqlite", String(repeating: "bukan basis data\n", count: 100))
        let before = try String(contentsOfFile: junk, encoding: .utf8)
        let result = try SOPBinary.run(["case", "list"], environment: ["SOP_DB": junk])
        #expect(result.status == 2, "\(result.output)")
        #expect(result.standardError.contains(junk))
        #expect(try String(contentsOfFile: junk, encoding: .utf8) == before)
        let office = try Office()
        let number = try office.open("pengaduan-langsung", fields: inPerson, as: "siti")
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: office.database)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: office.folder.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: office.folder.path) }
        let readOnly = try office.run(["case", "step", String(number), "--attach", "formulir-pengaduan=\(office.document)"], as: "siti")
        if getuid() != 0 {  // root writes through permissions
            #expect(readOnly.status == 2, "\(readOnly.output)")
        }
    }

    @Test("a workflow file changed on disk after its cases began: they go on on their own revision")
    func workflowChanged() throws {
        let office = try Office()
        let workflows = try TemporaryFolder()
        for name in ["pengaduan-langsung", "pengaduan-media", "jam-kerja-kebumen"] {
            try workflows.write("\(name).yaml", try String(contentsOfFile: SOPBinary.repositoryRoot.path + "/workflows/\(name).yaml", encoding: .utf8))
        }
        let open = try office.run(["case", "open", "pengaduan-langsung", "--workflows", workflows.path, "--field", "nama=A", "--field", "uraian=B", "--format", "json"], as: "siti")
        #expect(open.status == 0, "\(open.output)")
        #expect(open.standardOutput.contains("\"revision\" : 1"))
        // The SOP is revised on disk: step 1 renamed. The open case keeps its stored revision.
        let original = try String(contentsOfFile: workflows.path + "/pengaduan-langsung.yaml", encoding: .utf8)
        try workflows.write("pengaduan-langsung.yaml", original.replacingOccurrences(of: "isi-formulir", with: "pengisian-formulir").replacingOccurrences(of: "revision: 1", with: "revision: 2"))
        let step = try office.run(["case", "step", "1", "--workflows", workflows.path, "--attach", "formulir-pengaduan=\(office.document)", "--format", "json"], as: "siti")
        #expect(step.status == 0, "\(step.output)")
        // Files in a folder are never what new cases open on, valid or not: only a published revision.
        let second = try office.json(["case", "open", "pengaduan-langsung", "--workflows", workflows.path, "--field", "nama=A", "--field", "uraian=B"], as: "siti")
        #expect(second["revision"] as? Int == 1)
        try workflows.write("pengaduan-langsung.yaml", original.replacingOccurrences(of: "revision: 1", with: "revision: 3").replacingOccurrences(of: "next: periksa-kelengkapan", with: "next: tidak-ada"))
        let refused = try office.run(["publish", workflows.path + "/pengaduan-langsung.yaml"], as: "admin")
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("[SOP0"))
        #expect(refused.standardError.contains("tidak ada yang diterbitkan"))
        let third = try office.json(["case", "open", "pengaduan-langsung", "--field", "nama=A", "--field", "uraian=B"], as: "siti")
        #expect(third["revision"] as? Int == 1)
    }
}

@Suite("sop case (end to end): several processes at once")
struct ConcurrencyTests {
    @Test("four processes complete the same steps at once: each step completed exactly once, nothing lost")
    func race() throws {
        let office = try Office()
        var numbers: [Int] = []
        for _ in 0..<8 { numbers.append(try office.open("pengaduan-langsung", fields: inPerson, as: "siti")) }
        guard let executable = SOPBinary.executable else { throw SOPBinaryError(description: "no sop binary") }
        var processes: [Process] = []
        for _ in 0..<4 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            let script = numbers.map { "\"\(executable.path)\" case step \($0) --attach formulir-pengaduan=\"\(office.document)\" >/dev/null 2>&1" }.joined(separator: "; ")
            process.arguments = ["-c", script]
            process.currentDirectoryURL = SOPBinary.repositoryRoot
            var environment = ProcessInfo.processInfo.environment
            environment["SOP_DB"] = office.database
            environment["SOP_USER"] = "siti"
            environment["SOP_NOW"] = "2026-11-30T09:30:00+07:00"
            process.environment = environment
            try process.run()
            processes.append(process)
        }
        for process in processes { process.waitUntilExit() }
        for number in numbers {
            let history = try office.run(["case", "history", String(number), "--format", "json"])
            let events = try #require(try JSONSerialization.jsonObject(with: Data(history.standardOutput.utf8)) as? [[String: Any]])
            let completions = events.filter { $0["type"] as? String == "step-completed" }
            #expect(completions.count == 1, "case \(number): \(completions.count) completions")
            let sequences = events.compactMap { $0["sequence"] as? Int }
            #expect(sequences == Array(1...sequences.count), "case \(number): events \(sequences)")
        }
    }
}

@Suite("sop case (end to end): what the review found")
struct CaseReviewTests {
    @Test("reading a database that does not exist creates nothing; odd options are usage errors")
    func readers() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/salah-ketik.sqlite"
        let show = try SOPBinary.run(["case", "show", "7"], environment: ["SOP_DB": path])
        #expect(show.status == 2)
        #expect(show.standardError.contains("belum ada"))
        #expect(!FileManager.default.fileExists(atPath: path))
        let office = try Office()
        #expect(try office.run(["case", "list", "--limit", "-1"]).status == 2)
        #expect(try office.run(["case", "list"], at: "9999-12-31T23:59:59Z").status == 2)
    }

    @Test("an attachment over the limit is refused without being read; history masks personal data")
    func attachmentsAndHistory() throws {
        let office = try Office()
        let number = try office.open("pengaduan-media", fields: online, channel: "email", as: "rina")
        let big = office.folder.path + "/besar.bin"
        FileManager.default.createFile(atPath: big, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: big))
        try handle.truncate(atOffset: 11 * 1024 * 1024)  // sparse: 11 MiB of nothing
        try handle.close()
        let refused = try office.run(["case", "step", String(number), "--attach", "formulir-pengaduan=\(big)"], as: "rina")
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("melebihi batas"))
        let history = try office.run(["case", "history", String(number), "--format", "json"])
        #expect(!history.standardOutput.contains("3305010101900001"))
        #expect(history.standardOutput.contains("3305********0001"))
        let revealed = try office.run(["case", "history", String(number), "--format", "json", "--reveal"], as: "rina")
        #expect(revealed.standardOutput.contains("3305010101900001"))
    }

    @Test("NIKs, phone numbers and e-mail addresses written in a description or a note are masked unless revealed")
    func personalDataInFreeText() throws {
        let office = try Office()
        let uraian = "KTP hilang, NIK 3305010101900002, hubungi 085712345678"
        let number = try office.open("pengaduan-langsung", fields: ["nama": "Budi", "uraian": uraian], as: "siti")
        #expect(try office.run(["case", "note", String(number), "pelapor minta dibalas ke budi.s@contoh.go.id"], as: "siti").status == 0)
        let secrets = ["3305010101900002", "085712345678", "budi.s@contoh.go.id"]
        // The text history lists no field values, only the note.
        for (arguments, shows) in [
            (["case", "show", String(number)], secrets), (["case", "show", String(number), "--format", "json"], secrets),
            (["case", "history", String(number), "--format", "json"], secrets), (["case", "history", String(number)], ["budi.s@contoh.go.id"]),
        ] {
            let shown = try office.run(arguments)
            #expect(shown.status == 0, "\(arguments): \(shown.output)")
            for secret in secrets { #expect(!shown.standardOutput.contains(secret), "\(arguments) shows \(secret)") }
            let revealed = try office.run(arguments + ["--reveal"], as: "siti")
            for secret in shows { #expect(revealed.standardOutput.contains(secret), "\(arguments) --reveal hides \(secret)") }
        }
        #expect(try office.run(["case", "show", String(number)]).standardOutput.contains("KTP hilang, NIK 3305********0002"))
    }

    @Test("--reveal: only staff holding a role of the case's SOP, and every reveal is recorded")
    func revealIsRecorded() throws {
        let office = try Office()
        let number = try office.open("pengaduan-langsung", fields: inPerson, as: "siti")
        #expect(try office.run(["staff", "add", "kepala", "--role", "admin"], as: "admin").status == 0)
        for (user, code) in [(nil, "--as PENGGUNA"), ("kepala", "tidak boleh melihat data pribadi"), ("nobody", "tidak terdaftar")] as [(String?, String)] {
            let refused = try office.run(["case", "show", String(number), "--reveal"], as: user)
            #expect(refused.status == 1, "\(String(describing: user)): \(refused.output)")
            #expect(refused.standardError.contains(code), "\(refused.standardError)")
            #expect(!refused.standardOutput.contains("+6281234567890"))
        }
        #expect(try office.run(["case", "reveals", String(number)]).standardOutput.contains("Belum ada"))
        let shown = try office.run(["case", "show", String(number), "--reveal"], as: "siti")
        #expect(shown.standardOutput.contains("+6281234567890"))
        _ = try office.run(["case", "history", String(number), "--reveal"], as: "budi")
        let reveals = try #require(try JSONSerialization.jsonObject(
            with: Data(try office.run(["case", "reveals", "--format", "json"]).standardOutput.utf8)) as? [[String: Any]])
        #expect(reveals.map { $0["by"] as? String } == ["siti", "budi"])
        #expect(reveals.map { $0["command"] as? String } == ["case show", "case history"])
        #expect(reveals.allSatisfy { $0["caseNumber"] as? Int == number })
    }

    @Test("queues follow the revision each case runs on; lists tell a step at risk")
    func queuesByRevision() throws {
        let office = try Office()
        let workflows = try TemporaryFolder()
        for name in ["pengaduan-langsung", "pengaduan-media", "jam-kerja-kebumen"] {
            try workflows.write("\(name).yaml", try String(contentsOfFile: SOPBinary.repositoryRoot.path + "/workflows/\(name).yaml", encoding: .utf8))
        }
        let open = try office.run(["case", "open", "pengaduan-langsung", "--workflows", workflows.path, "--field", "nama=A", "--field", "uraian=B"], as: "siti")
        #expect(open.status == 0, "\(open.output)")
        _ = try office.run(["case", "step", "1", "--workflows", workflows.path, "--attach", "formulir-pengaduan=\(office.document)"], as: "siti")
        // Revision 2 gives step 2 to the complaint team; case 1 stays on revision 1.
        let original = try String(contentsOfFile: workflows.path + "/pengaduan-langsung.yaml", encoding: .utf8)
        let revised = original.replacingOccurrences(of: "revision: 1", with: "revision: 2")
            .replacingOccurrences(of: "    # Naskah: simbol \"Tidak / Ya\" berada di kolom Staf Front Office.\n    actor: front-office", with: "    actor: tim-pengaduan")
        #expect(revised != original.replacingOccurrences(of: "revision: 1", with: "revision: 2"))
        try workflows.write("pengaduan-langsung.yaml", revised)
        let siti = try office.run(["queue", "--workflows", workflows.path, "--format", "json"], as: "siti", at: "2026-11-30T09:12:00+07:00")
        let items = try #require(try JSONSerialization.jsonObject(with: Data(siti.standardOutput.utf8)) as? [[String: Any]])
        #expect(items.count == 1)
        #expect(items.first?["sla"] as? String == "at-risk")  // 12 of 15 minutes used
        let budi = try office.run(["queue", "--workflows", workflows.path, "--format", "json"], as: "budi")
        #expect((try JSONSerialization.jsonObject(with: Data(budi.standardOutput.utf8)) as? [Any])?.isEmpty == true)
    }

    @Test("a register number of digits only is found")
    func digitRegister() throws {
        let office = try Office()
        let environment = ["SOP_DB": office.database, "SOP_NOW": "2026-11-30T09:00:00+07:00", "SOP_USER": "siti", "SOP_REGISTER_FORMAT": "{year}{number}"]
        let open = try SOPBinary.run(["case", "open", "pengaduan-langsung", "--field", "nama=A", "--field", "uraian=B"], environment: environment)
        #expect(open.status == 0, "\(open.output)")
        #expect(try SOPBinary.run(["case", "show", "2026000001"], environment: environment).status == 0)
    }
}

@Suite("sop case (end to end): the other actions")
struct CaseActionTests {
    @Test("note, escalate, return to the reporter, skip (refused), hand off, withdraw")
    func actions() throws {
        let office = try Office()
        let first = try office.open("pengaduan-langsung", fields: inPerson, as: "siti")
        _ = try office.step(first, attach: ["formulir-pengaduan"], as: "siti")
        let later = "2026-11-30T11:00:00+07:00"
        let noted = try office.json(["case", "note", String(first), "Pelapor datang lagi"], as: "siti", at: later)
        #expect((noted["notes"] as? [[String: Any]])?.first?["text"] as? String == "Pelapor datang lagi")
        let escalated = try office.json(["case", "escalate", String(first), "--to", "tim-pengaduan", "--reason", "rumit"], as: "siti", at: later)
        #expect((escalated["steps"] as? [[String: Any]])?.last?["escalatedTo"] as? String == "tim-pengaduan")
        let returned = try office.json(["case", "return", String(first), "--reason", "bukti kurang"], as: "budi", at: later)
        #expect(returned["status"] as? String == "waiting-for-reporter")
        let skip = try office.run(["case", "skip", String(first), "--reason", "tidak perlu"], as: "siti", at: later)
        #expect(skip.status == 1)
        #expect(skip.standardError.contains("tidak opsional"))
        let handedOff = try office.json(["case", "handoff", String(first), "--to", "pengaduan-media", "--note", "lewat kanal daring"], as: "siti", at: later)
        #expect(handedOff["status"] as? String == "closed")
        #expect(handedOff["handedOffTo"] as? String == "pengaduan-media")
        let second = try office.open("pengaduan-langsung", fields: inPerson, as: "siti")
        let withdrawn = try office.json(["case", "withdraw", String(second), "--reason", "pelapor mencabut"], as: "siti")
        #expect(withdrawn["status"] as? String == "withdrawn")
        let after = try office.run(["case", "note", String(second), "x"], as: "siti")
        #expect(after.status == 1)
        #expect(after.standardError.contains("sudah berakhir"))
    }
}

@Suite("sop case list --format json (end to end): the text printed")
struct CaseListJSONTests {
    @Test("keys sorted, absent values left out, dates in ISO 8601, slashes as they are")
    func listText() throws {
        let office = try Office()
        let fields = inPerson.sorted { $0.key < $1.key }.flatMap { ["--field", "\($0.key)=\($0.value)"] }
        for arguments in [["case", "open", "pengaduan-langsung"] + fields, ["case", "withdraw", "1", "--reason", "dicabut"], ["case", "open", "pengaduan-langsung"] + fields] {
            let result = try office.run(arguments, as: "siti")
            #expect(result.status == 0, "\(arguments): \(result.output)")
        }
        let list = try office.run(["case", "list", "--format", "json"])
        #expect(list.status == 0)
        #expect(list.standardOutput == """
            [
              {
                "activity" : "Pengisian fomulir pengaduan",
                "actors" : [
                  "pelapor"
                ],
                "channel" : "langsung",
                "dueAt" : "2026-12-02T04:00:00Z",
                "number" : 2,
                "openedAt" : "2026-11-30T02:00:00Z",
                "registerNumber" : "067/PGD/2026/000002",
                "revision" : 1,
                "sla" : "on-time",
                "status" : "waiting-for-reporter",
                "step" : "isi-formulir",
                "stepDueAt" : "2026-11-30T02:15:00Z",
                "uncoveredYears" : [

                ],
                "workflow" : "pengaduan-langsung"
              },
              {
                "actors" : [

                ],
                "channel" : "langsung",
                "closedAt" : "2026-11-30T02:00:00Z",
                "dueAt" : "2026-12-02T04:00:00Z",
                "number" : 1,
                "openedAt" : "2026-11-30T02:00:00Z",
                "registerNumber" : "067/PGD/2026/000001",
                "revision" : 1,
                "status" : "withdrawn",
                "uncoveredYears" : [

                ],
                "workflow" : "pengaduan-langsung"
              }
            ]

            """)
        let empty = try office.run(["case", "list", "--status", "rejected", "--format", "json"])
        #expect(empty.standardOutput == "[\n\n]\n")
        // The words the tables show, in either language and any case, select as the ids do.
        // Case 2 waits on the reporter's own first step.
        for words in [["dicabut"], ["Dicabut"], ["withdrawn"], ["menunggu-pelapor", "dicabut"], ["menunggu pelapor", "Withdrawn"]] {
            let listed = try office.run(["case", "list", "--format", "json"] + words.flatMap { ["--status", $0] })
            let items = try #require(try JSONSerialization.jsonObject(with: Data(listed.standardOutput.utf8)) as? [[String: Any]])
            #expect(items.map { $0["number"] as? Int } == (words.count == 2 ? [2, 1] : [1]), "\(words): \(listed.output)")
        }
        #expect(try office.run(["case", "list", "--status", "terbuka", "--format", "json"]).standardOutput == "[\n\n]\n")
        #expect(try office.run(["case", "list", "--status", "bukan-status"]).status != 0)
    }
}

@Suite("sop (end to end): a misspelt command")
struct MistypedCommandTests {
    @Test("a misspelt command or subcommand is named with the closest one and where the list is; exit 2, nothing on stdout")
    func suggestion() throws {
        let top = try SOPBinary.run(["csae", "list"])
        #expect(top.status == 2 && top.standardOutput.isEmpty)
        #expect(top.standardError.contains("sop: tidak ada perintah 'csae'; mungkin yang dimaksud 'sop case'? — daftarnya: `sop --help`"), "\(top.output)")
        let nested = try SOPBinary.run(["--lang", "en", "case", "lsit"])
        #expect(nested.status == 2)
        #expect(nested.standardError.contains("sop case: there is no command 'lsit'; did you mean 'sop case list'?"), "\(nested.output)")
        let far = try SOPBinary.run(["zzzzzz"])
        #expect(far.status == 2 && far.standardError.contains("tidak ada perintah 'zzzzzz' — daftarnya"), "\(far.output)")
        // A right command line is not touched: help, and a command's own arguments.
        #expect(try SOPBinary.run(["help", "case"]).status == 0)
        #expect(try SOPBinary.run(["validate", "workflows/pengaduan-langsung.yaml"]).status == 0)
    }
}

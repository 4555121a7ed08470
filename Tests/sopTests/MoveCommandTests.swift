import Foundation
import Testing

/// A temporary office: a copy of `workflows/`, a database, staff (siti, budi, admin), a document,
/// and the `sop` binary run inside the folder with SOP_DB and SOP_NOW set, as a user runs it.
struct MoveSession {
    static let revision2 = SOPBinary.repositoryRoot.appendingPathComponent("Tests/SOPDiffTests/Fixtures/pengaduan-langsung-rev2.yaml")
    static let now = "2026-11-30T09:00:00+07:00"

    let folder: TemporaryFolder
    var database: String { folder.path + "/sop.sqlite" }

    init() throws {
        folder = try TemporaryFolder()
        try FileManager.default.copyItem(
            at: SOPBinary.repositoryRoot.appendingPathComponent("workflows"), to: folder.url.appendingPathComponent("workflows"))
        try folder.write("formulir.txt", "isi\n")
    }

    func run(_ arguments: [String], at time: String = Self.now) throws -> SOPBinary.Result {
        try SOPBinary.run(arguments, in: folder.url, environment: ["SOP_DB": database, "SOP_NOW": time, "SOP_USER": ""])
    }

    /// Runs a command that must succeed (exit 0), and returns what it printed.
    @discardableResult
    func ok(_ arguments: [String], at time: String = Self.now) throws -> String {
        let result = try run(arguments, at: time)
        guard result.status == 0 else { throw SOPBinaryError(description: "sop \(arguments.joined(separator: " ")) → \(result.status): \(result.output)") }
        return result.standardOutput
    }

    /// Staff, and two complaints on revision 1: case 1 on step 3 (dapat-diselesaikan), case 2 on step 4 (analisa).
    func setUp() throws {
        try ok(["init", "--declared-identity", "--as", "admin"])
        try ok(["publish", "workflows", "--as", "admin"])
        try ok(["staff", "add", "siti", "--role", "front-office", "--as", "admin"])
        try ok(["staff", "add", "budi", "--role", "tim-pengaduan", "--as", "admin"])
        try ok(["case", "open", "pengaduan-langsung", "--as", "siti", "--field", "nama=Budi Santoso", "--field", "uraian=KTP belum jadi"])
        try ok(["case", "step", "1", "--as", "siti", "--attach", "formulir-pengaduan=formulir.txt"])
        try ok(["case", "step", "1", "--as", "siti", "--yes", "--attach", "catatan-register=formulir.txt"])
        try ok(["case", "open", "pengaduan-langsung", "--as", "siti", "--field", "nama=Siti Aminah", "--field", "uraian=KK salah ketik"])
        try ok(["case", "step", "2", "--as", "siti", "--attach", "formulir-pengaduan=formulir.txt"])
        try ok(["case", "step", "2", "--as", "siti", "--yes", "--attach", "catatan-register=formulir.txt"])
        try ok(["case", "step", "2", "--as", "siti", "--no"])
    }

    /// Puts revision 2 beside revision 1 in the folder's copy of workflows/.
    func addRevision2() throws {
        try FileManager.default.copyItem(at: Self.revision2, to: folder.url.appendingPathComponent("workflows/pengaduan-langsung-r2.yaml"))
        try ok(["publish", "workflows/pengaduan-langsung-r2.yaml", "--as", "admin"])
    }

    /// Revision 3 with an error (step 4's actor misspelt) beside the others.
    func addRevision3WithErrors() throws {
        let text = try String(contentsOf: Self.revision2, encoding: .utf8)
            .replacingOccurrences(of: "revision: 2", with: "revision: 3")
            .replacingOccurrences(of: "    actor: tim-pengaduan\n    budget: 4 jam", with: "    actor: tim-pengaduann\n    budget: 4 jam")
        try folder.write("workflows/pengaduan-langsung-r3.yaml", text)
    }

    /// What the database holds: each case's revision, step, version and step deadline, and the moves.
    func snapshot() throws -> String {
        try ok(["case", "list", "--format", "json"]) + (try ok(["move", "--list", "--format", "json"]))
            + (try ok(["case", "history", "1", "--format", "json"])) + (try ok(["case", "history", "2", "--format", "json"]))
    }
}

@Suite("sop move (end to end)")
struct MoveCommandTests {
    /// The README's worked example, exactly as written there.
    @Test("the worked example: revise, validate, diff, see the impact, move, show, undo")
    func workedExample() throws {
        let session = try MoveSession()
        try session.setUp()
        try session.addRevision2()

        let validate = try session.run(["validate", "workflows/pengaduan-langsung-r2.yaml", "--against", "workflows/pengaduan-langsung.yaml"])
        #expect(validate.status == 0, "\(validate.output)")
        #expect(validate.standardOutput.contains(
            "langkah 'dapat-diselesaikan' (Pengaduan dapat diselesaikan oleh staf front office) dihapus; "
                + "berdampak pada pengaduan yang sedang berjalan [SOP0803]"))
        #expect(validate.standardOutput.contains("(dapat-diselesaikan=LANGKAH_BARU)"))
        #expect(validate.standardOutput.hasSuffix("1 berkas diperiksa: 0 kesalahan, 3 peringatan, 2 info\n"))

        let diff = try session.run(["diff", "workflows/pengaduan-langsung.yaml", "workflows/pengaduan-langsung-r2.yaml"])
        #expect(diff.status == 1)
        #expect(diff.standardOutput.contains("  - 3. dapat-diselesaikan (dihapus): Pengaduan dapat diselesaikan oleh staf front office\n"))

        let impact = try session.run(["diff", "workflows/pengaduan-langsung.yaml", "workflows/pengaduan-langsung-r2.yaml", "--against-db"])
        #expect(impact.status == 1, "\(impact.output)")
        #expect(impact.standardOutput.hasPrefix(diff.standardOutput))
        #expect(impact.standardOutput.dropFirst(diff.standardOutput.count) == """

            Dampak pada pengaduan terbuka (revisi 1 → 2)
              067/PGD/2026/000001 (nomor 1), revisi 1 → 2: langkah dapat-diselesaikan tidak ada di revisi 2 (perlu --map dapat-diselesaikan=LANGKAH)
                tenggat langkah:   Sen 30 Nov 2026 09:10 → ? (langkah belum dipetakan)
                tenggat pengaduan: Rab 2 Des 2026 11:00 (tidak berubah)
              067/PGD/2026/000002 (nomor 2), revisi 1 → 2: langkah analisa (tetap)
                tenggat langkah:   Sel 1 Des 2026 09:00 → Sen 30 Nov 2026 13:00 (lebih awal)
                tenggat pengaduan: Rab 2 Des 2026 11:00 (tidak berubah)
                dokumen kurang:    berkas-pengaduan (Berkas pengaduan) untuk langkah register — sudah kurang di revisi 1
            Masalah (1):
              - 1 pengaduan terbuka pada revisi 1 berada pada langkah 'dapat-diselesaikan', yang tidak ada pada revisi 2: sebutkan tujuannya dengan `--map dapat-diselesaikan=LANGKAH` (067/PGD/2026/000001)
            2 pengaduan terbuka pada revisi 1; 1 masalah menghalangi `sop move`.

            """)

        let before = try session.snapshot()
        let unmapped = try session.run(["move", "pengaduan-langsung", "--to", "2", "--as", "admin"])
        #expect(unmapped.status == 1)
        #expect(unmapped.standardOutput.isEmpty)
        #expect(unmapped.standardError == """
            sop move: ditolak, tidak ada yang ditulis: 1 masalah:
              - 1 pengaduan terbuka pada revisi 1 berada pada langkah 'dapat-diselesaikan', yang tidak ada pada revisi 2: sebutkan tujuannya dengan `--map dapat-diselesaikan=LANGKAH` (067/PGD/2026/000001)

            """)
        #expect(try session.snapshot() == before)
        let dryRun = try session.run(["move", "pengaduan-langsung", "--to", "2", "--map", "dapat-diselesaikan=analisa", "--dry-run", "--as", "admin"])
        #expect(dryRun.status == 0, "\(dryRun.output)")
        #expect(dryRun.standardError.isEmpty)
        #expect(dryRun.standardOutput == """
            Uji coba pemindahan pengaduan-langsung ke revisi 2 (pengaduan-langsung@2): tidak ada yang ditulis.
            Pemetaan langkah: dapat-diselesaikan → analisa
            2 pengaduan akan dipindahkan:
              067/PGD/2026/000001 (nomor 1), revisi 1 → 2: langkah dapat-diselesaikan → analisa (dipetakan)
                tenggat langkah:   Sen 30 Nov 2026 09:10 → Sen 30 Nov 2026 13:00 (lebih lambat)
                tenggat pengaduan: Rab 2 Des 2026 11:00 (tidak berubah)
                dokumen kurang:    berkas-pengaduan (Berkas pengaduan) untuk langkah register — sudah kurang di revisi 1
              067/PGD/2026/000002 (nomor 2), revisi 1 → 2: langkah analisa (tetap)
                tenggat langkah:   Sel 1 Des 2026 09:00 → Sen 30 Nov 2026 13:00 (lebih awal)
                tenggat pengaduan: Rab 2 Des 2026 11:00 (tidak berubah)
                dokumen kurang:    berkas-pengaduan (Berkas pengaduan) untuk langkah register — sudah kurang di revisi 1

            """)
        #expect(try session.snapshot() == before)

        let moved = try session.run(["move", "pengaduan-langsung", "--to", "2", "--map", "dapat-diselesaikan=analisa", "--as", "admin"])
        #expect(moved.status == 0, "\(moved.output)")
        #expect(moved.standardOutput == """
            M1: 2 pengaduan pengaduan-langsung dipindahkan ke revisi 2 oleh admin
              067/PGD/2026/000001: revisi 1 → 2, langkah dapat-diselesaikan → analisa
              067/PGD/2026/000002: revisi 1 → 2, langkah analisa
            Batalkan selama belum ada yang berubah: sop move --undo M1

            """)

        let show = try session.ok(["case", "show", "1"])
        #expect(show.contains("SOP               Penanganan Pengaduan Masyarakat Secara Langsung (pengaduan-langsung, revisi 2)\n"))
        #expect(show.hasSuffix("""

            Perpindahan revisi:
              Sen 30 Nov 2026 09:00 admin: dipindahkan ke revisi 2 (M1) dari revisi 1 (langkah dapat-diselesaikan → analisa)

            """))
        let history = try session.ok(["case", "history", "1"])
        #expect(history.hasSuffix("""
            8. Sen 30 Nov 2026 09:00 siti: mulai langkah dapat-diselesaikan, tenggat Sen 30 Nov 2026 09:10
            9. Sen 30 Nov 2026 09:00 admin: dipindahkan ke revisi 2 (M1) dari revisi 1: langkah dapat-diselesaikan → analisa, tenggat langkah Sen 30 Nov 2026 13:00, tenggat pengaduan Rab 2 Des 2026 11:00

            """))
        #expect(try session.ok(["move", "--list"]) == "M1  pengaduan-langsung → revisi 2, Sen 30 Nov 2026 09:00 oleh admin, 2 pengaduan, pemetaan dapat-diselesaikan=analisa\n")
        // `migrate`, the command's name before it was `move`, still works.
        #expect(try session.ok(["migrate", "--list"]) == (try session.ok(["move", "--list"])))

        let undone = try session.run(["move", "--undo", "M1", "--as", "admin"])
        #expect(undone.status == 0, "\(undone.output)")
        #expect(undone.standardOutput == """
            M1 dibatalkan oleh admin: 2 pengaduan kembali ke revisi semula
              067/PGD/2026/000001: revisi 1, langkah dapat-diselesaikan
              067/PGD/2026/000002: revisi 1, langkah analisa

            """)
        #expect(try session.ok(["case", "history", "1"]).hasSuffix("""
            10. Sen 30 Nov 2026 09:00 admin: pemindahan M1 dibatalkan: kembali ke revisi 1: langkah analisa → dapat-diselesaikan, tenggat langkah Sen 30 Nov 2026 09:10, tenggat pengaduan Rab 2 Des 2026 11:00

            """))
        let list = try #require(try JSONSerialization.jsonObject(with: Data(session.ok(["case", "list", "--format", "json"]).utf8)) as? [[String: Any]])
        #expect(list.map { $0["revision"] as? Int } == [1, 1])
        #expect(list.map { $0["step"] as? String } == ["analisa", "dapat-diselesaikan"])
        // The move and its undoing are in the ledger, with each case at each version.
        let verified = try session.run(["verify"])
        #expect(verified.status == 0, "\(verified.output)")
        #expect(verified.standardOutput.contains("1 pemindahan"))
    }

    @Test("a move while staff keep writing notes on its cases goes through, and every note is kept")
    func underLoad() throws {
        let session = try MoveSession()
        try session.setUp()
        try session.addRevision2()
        let executable = try #require(SOPBinary.executable).path
        let acknowledged = session.folder.path + "/acknowledged"
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: "/bin/sh")
        writer.arguments = ["-c", """
            i=0
            while true; do
                i=$((i+1)); n=$((i % 2 + 1))
                if "$SOP" case note $n "catatan $i" --as budi >/dev/null 2>&1; then echo "$n catatan $i" >> "\(acknowledged)"; fi
            done
            """]
        var environment = ProcessInfo.processInfo.environment
        environment["SOP"] = executable
        environment["SOP_DB"] = session.database
        environment["SOP_NOW"] = "2026-11-30T09:30:00+07:00"
        writer.environment = environment
        try writer.run()
        usleep(300_000)
        let moved = try session.run(["move", "pengaduan-langsung", "--to", "2", "--map", "dapat-diselesaikan=analisa", "--as", "admin"],
                                    at: "2026-11-30T09:30:00+07:00")
        usleep(300_000)
        for child in VerifyCommandTests.children(of: writer.processIdentifier) { kill(child, SIGKILL) }
        kill(writer.processIdentifier, SIGKILL)
        writer.waitUntilExit()
        #expect(moved.status == 0, "\(moved.output)")
        let list = try #require(try JSONSerialization.jsonObject(with: Data(session.ok(["case", "list", "--format", "json"]).utf8)) as? [[String: Any]])
        #expect(list.map { $0["revision"] as? Int } == [2, 2])
        let acked = ((try? String(contentsOfFile: acknowledged, encoding: .utf8)) ?? "").split(separator: "\n")
        #expect(!acked.isEmpty)
        for line in acked {
            let parts = line.split(separator: " ", maxSplits: 1)
            let history = try session.ok(["case", "history", String(parts[0]), "--format", "json"])
            #expect(history.contains("\"\(parts[1])\""), "acknowledged note \(line) is missing")
        }
        #expect(try session.run(["verify"]).status == 0)
    }

    @Test("--format json: the plan, the move and the impact in the diff")
    func json() throws {
        let session = try MoveSession()
        try session.setUp()
        try session.addRevision2()
        let plan = try #require(try JSONSerialization.jsonObject(with: Data(session.ok([
            "move", "pengaduan-langsung", "--to", "2", "--map", "dapat-diselesaikan=analisa", "--dry-run", "--as", "admin", "--format", "json",
        ]).utf8)) as? [String: Any])
        let cases = try #require(plan["cases"] as? [[String: Any]])
        #expect(cases.map { $0["fate"] as? String } == ["mapped", "kept"])
        #expect(cases.map { $0["stepDeadline"] as? String } == ["later", "earlier"])
        #expect(cases.first?["newStepDueAt"] as? String == "2026-11-30T06:00:00Z")
        #expect((plan["problems"] as? [Any])?.isEmpty == true)
        let diff = try session.run(["diff", "workflows/pengaduan-langsung.yaml", "workflows/pengaduan-langsung-r2.yaml", "--against-db", "--format", "json"])
        #expect(diff.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(diff.standardOutput.utf8)) as? [String: Any])
        #expect(object["workflow"] as? String == "pengaduan-langsung")
        let impact = try #require(object["impact"] as? [String: Any])
        #expect((impact["problems"] as? [[String: Any]])?.map { $0["code"] as? String } == ["step-not-mapped"])
        let record = try #require(try JSONSerialization.jsonObject(with: Data(session.ok([
            "move", "pengaduan-langsung", "--to", "2", "--map", "dapat-diselesaikan=analisa", "--as", "admin", "--format", "json",
        ]).utf8)) as? [String: Any])
        #expect(record["id"] as? String == "M1")
        #expect((record["mapping"] as? [[String: String]]) == [["from": "dapat-diselesaikan", "to": "analisa"]])
        #expect((record["cases"] as? [[String: Any]])?.map { $0["sequence"] as? Int } == [9, 11])
        let history = try #require(try JSONSerialization.jsonObject(with: Data(session.ok(["case", "history", "1", "--format", "json"]).utf8)) as? [[String: Any]])
        let payload = try #require(history.last)
        #expect(payload["type"] as? String == "migrated")
        #expect(payload["migration"] as? String == "M1")
        #expect(payload["fromStep"] as? String == "dapat-diselesaikan")
        #expect(payload["step"] as? String == "analisa")
    }

    @Test("--dry-run writes nothing, also when it is refused")
    func dryRunWritesNothing() throws {
        let session = try MoveSession()
        try session.setUp()
        try session.addRevision2()
        let before = try session.snapshot()
        let refused = try session.run(["move", "pengaduan-langsung", "--to", "2", "--dry-run", "--as", "admin"])
        #expect(refused.status == 1)
        #expect(refused.standardOutput.contains("2 pengaduan tidak dapat dipindahkan:"))
        #expect(refused.standardOutput.contains("Masalah (1):"))
        #expect(refused.standardError.contains("ditolak, tidak ada yang ditulis"))
        #expect(try session.ok(["move", "pengaduan-langsung", "--to", "2", "--map", "dapat-diselesaikan=analisa", "--dry-run", "--as", "admin"])
            .contains("2 pengaduan akan dipindahkan:"))
        #expect(try session.snapshot() == before)
    }

    @Test("a mapping naming unknown steps, old side and new side: refused with every problem, nothing written")
    func unknownSteps() throws {
        let session = try MoveSession()
        try session.setUp()
        try session.addRevision2()
        let before = try session.snapshot()
        let result = try session.run([
            "move", "pengaduan-langsung", "--to", "2", "--map", "dapat-diselesai=analisa", "--map", "dapat-diselesaikan=analisis", "--as", "admin",
        ])
        #expect(result.status == 1)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError == """
            sop move: ditolak, tidak ada yang ditulis: 2 masalah:
              - --map dapat-diselesaikan=analisis: revisi 2 tidak memiliki langkah 'analisis'; mungkin yang dimaksud 'analisa'?; langkahnya: isi-formulir, periksa-kelengkapan, analisa, tindak-lanjut, tanggapan-pelapor, register
              - --map dapat-diselesai=analisa: revisi 1 tempat pengaduan terbuka berjalan tidak memiliki langkah 'dapat-diselesai'; mungkin yang dimaksud 'dapat-diselesaikan'?; langkahnya: isi-formulir, periksa-kelengkapan, dapat-diselesaikan, analisa, tindak-lanjut, tanggapan-pelapor, register

            """)
        #expect(try session.snapshot() == before)
    }

    @Test("a lower revision given to --to is refused: moves only go forward")
    func lowerRevision() throws {
        let session = try MoveSession()
        try session.setUp()
        try session.addRevision2()
        try session.ok(["move", "pengaduan-langsung", "--to", "2", "--map", "dapat-diselesaikan=analisa", "--as", "admin"])
        let before = try session.snapshot()
        let result = try session.run(["move", "pengaduan-langsung", "--to", "1", "--as", "admin"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("revisi 1 lebih rendah daripada revisi 2, tempat 2 pengaduan terbuka dari 'pengaduan-langsung' berjalan"))
        #expect(result.standardError.contains("`sop move --undo ID`"))
        #expect(try session.snapshot() == before)
        // Nothing older than revision 2 is left: nothing to do, exit 0.
        #expect(try session.ok(["move", "pengaduan-langsung", "--to", "2", "--as", "admin"])
            == "Tidak ada pengaduan terbuka pengaduan-langsung pada revisi yang lebih lama dari 2; tidak ada yang dipindahkan.\n")
    }

    @Test("a revision with errors: never moved to, and new cases open on the newest valid one, saying why")
    func revisionWithErrors() throws {
        let session = try MoveSession()
        try session.setUp()
        try session.addRevision2()
        try session.addRevision3WithErrors()
        let before = try session.snapshot()
        // Publishing it is refused with its located errors, and nothing is published.
        let publish = try session.run(["publish", "workflows/pengaduan-langsung-r3.yaml", "--as", "admin"])
        #expect(publish.status == 1)
        #expect(publish.standardError.contains("workflows/pengaduan-langsung-r3.yaml:131:12: error: pelaksana 'tim-pengaduann' tidak dikenal [SOP0301]"))
        #expect(publish.standardError.contains("sop publish: tidak ada yang diterbitkan: 1 kesalahan"))
        let result = try session.run(["move", "pengaduan-langsung", "--to", "3", "--map", "dapat-diselesaikan=analisa", "--as", "admin"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("revisi 3 dari 'pengaduan-langsung' belum diterbitkan (yang terbit: revisi 1, 2)"))
        #expect(try session.snapshot() == before)
        let opened = try session.run(["case", "open", "pengaduan-langsung", "--as", "siti", "--field", "nama=Ani", "--field", "uraian=Akta", "--format", "json"])
        #expect(opened.status == 0, "\(opened.output)")
        #expect(opened.standardError.isEmpty)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(opened.standardOutput.utf8)) as? [String: Any])
        #expect(object["revision"] as? Int == 2)
        // A revision never published at all.
        let missing = try session.run(["move", "pengaduan-langsung", "--to", "4", "--as", "admin"])
        #expect(missing.status == 1)
        #expect(missing.standardError.contains("revisi 4 dari 'pengaduan-langsung' belum diterbitkan"))
    }

    @Test("undo after a moved case advanced is refused, naming it; an unknown id too; nothing written")
    func undoRefused() throws {
        let session = try MoveSession()
        try session.setUp()
        try session.addRevision2()
        try session.ok(["move", "pengaduan-langsung", "--to", "2", "--map", "dapat-diselesaikan=analisa", "--as", "admin"])
        try session.ok(["case", "step", "2", "--as", "budi", "--attach", "rancangan-tindak-lanjut=formulir.txt"], at: "2026-11-30T10:00:00+07:00")
        let before = try session.snapshot()
        let advanced = try session.run(["move", "--undo", "M1", "--as", "admin"])
        #expect(advanced.status == 1)
        #expect(advanced.standardError == "sop: pemindahan M1 tidak dapat dibatalkan lagi: 1 dari 2 pengaduannya sudah berlanjut sejak itu: "
            + "067/PGD/2026/000002 (3 peristiwa sesudahnya); tidak ada yang diubah (lihat `sop case history PENGADUAN`). "
            + "Pembatalan hanya mungkin selama tidak ada pengaduan yang dipindahkan memiliki peristiwa sesudah pemindahan\n")
        let unknown = try session.run(["move", "--undo", "M2", "--as", "admin"])
        #expect(unknown.status == 1)
        #expect(unknown.standardError == "sop: tidak ada pemindahan 'M2': lihat daftar pemindahan dengan `sop move --list`\n")
        #expect(try session.snapshot() == before)
    }

    @Test("only administrators move; usage mistakes; a missing database is not created")
    func refusals() throws {
        let session = try MoveSession()
        try session.setUp()
        try session.addRevision2()
        let before = try session.snapshot()
        let notAdmin = try session.run(["move", "pengaduan-langsung", "--to", "2", "--map", "dapat-diselesaikan=analisa", "--as", "siti"])
        #expect(notAdmin.status == 1)
        #expect(notAdmin.standardError.contains("tidak boleh memindahkan pengaduan antarrevisi: hal itu wewenang administrator"))
        #expect(try session.run(["move", "--undo", "M1", "--as", "budi"]).status == 1)
        #expect(try session.run(["move", "pengaduan-langsung", "--to", "2"]).standardError.contains("--as PENGGUNA"))
        #expect(try session.snapshot() == before)
        for arguments in [
            ["move", "pengaduan-langsung"], ["move", "--to", "2"], ["move", "pengaduan-langsung", "--to", "0"],
            ["move", "pengaduan-langsung", "--to", "2", "--map", "analisa"], ["move", "--undo", "M1", "--to", "2"],
            ["move", "--list", "--dry-run"], ["diff", "workflows/pengaduan-langsung.yaml", "workflows/pengaduan-langsung-r2.yaml", "--map", "a=b"],
        ] {
            let result = try session.run(arguments + ["--as", "admin"])
            #expect(result.status == 2, "\(arguments): \(result.output)")
        }
        let elsewhere = session.folder.path + "/lain.sqlite"
        let missing = try SOPBinary.run(["move", "pengaduan-langsung", "--to", "2", "--as", "admin"], in: session.folder.url,
            environment: ["SOP_DB": elsewhere, "SOP_NOW": MoveSession.now])
        #expect(missing.status == 2)
        let impact = try SOPBinary.run(["diff", "workflows/pengaduan-langsung.yaml", "workflows/pengaduan-langsung-r2.yaml", "--against-db", "--db", elsewhere],
            in: session.folder.url)
        #expect(impact.status == 2)
        #expect(!FileManager.default.fileExists(atPath: elsewhere))
        #expect(try session.snapshot() == before)
    }
}

/// The worked example of the README, read from the README and run line by line.
@Suite("README: the worked example of revising an SOP")
struct ReadmeWorkedExampleTests {
    /// The `sop` command lines between the README's worked-example markers, split into arguments
    /// as the shell splits them (double quotes only).
    static func readmeLines() throws -> [String] {
        let readme = try String(contentsOf: SOPBinary.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        guard let start = readme.range(of: "<!-- worked-example -->"), let end = readme.range(of: "<!-- /worked-example -->") else {
            throw SOPBinaryError(description: "README.md has no worked example")
        }
        return readme[start.upperBound..<end.lowerBound].split(separator: "\n").map(String.init)
    }

    static func arguments(_ line: String) -> [String] {
        var result: [String] = []
        var current = ""
        var quoted = false
        var any = false
        for character in line {
            if character == "\"" { quoted.toggle(); any = true; continue }
            if character == " " && !quoted {
                if any { result.append(current) }
                current = ""
                any = false
                continue
            }
            current.append(character)
            any = true
        }
        if any { result.append(current) }
        return result
    }

    @Test("every command of the README's session runs as written, with the exit status it shows")
    func runsAsWritten() throws {
        let session = try MoveSession()
        let lines = try Self.readmeLines()
        #expect(lines.contains("cp pengaduan-langsung-rev2.yaml workflows/pengaduan-langsung-r2.yaml"))
        var commands = 0
        for line in lines {
            if line.hasPrefix("cp pengaduan-langsung-rev2.yaml ") {
                try session.addRevision2()
                continue
            }
            guard line.hasPrefix("sop ") else { continue }
            let arguments = Array(Self.arguments(line).dropFirst())
            let result = try session.run(arguments)
            commands += 1
            // `diff` says 1 when the revisions differ; the first `move` has no mapping and is refused.
            let refused = arguments.first == "diff" || (arguments.first == "move" && !arguments.contains("--map") && arguments.contains("--to"))
            #expect(result.status == (refused ? 1 : 0), "\(line): \(result.output)")
        }
        #expect(commands == 22)
        // After the undo both cases are back on revision 1, on the steps they stood on.
        let list = try session.ok(["case", "list", "--format", "json"])
        #expect(list.contains("\"revision\" : 1") && !list.contains("\"revision\" : 2"))
        #expect(list.contains("\"step\" : \"dapat-diselesaikan\"") && list.contains("\"step\" : \"analisa\""))
    }
}

import Foundation
import Testing

/// SOPs of other offices as signed, through the binary: each capability's fixture workflow of
/// `Tests/SOPValidationTests/Fixtures/valid`, published in an office of its own and walked along
/// every path.
@Suite("SOPs of other offices (end to end)")
struct OtherOfficesCommandTests {
    static let fixtures = SOPBinary.repositoryRoot.appendingPathComponent("Tests/SOPValidationTests/Fixtures/valid").path

    /// A declared-identity office with one fixture workflow (and the fixtures' calendar)
    /// published, and staff for its roles.
    struct FixtureOffice {
        let folder: TemporaryFolder
        var database: String { folder.path + "/sop.sqlite" }

        init(_ fixture: String, staff: [(String, String)]) throws {
            folder = try TemporaryFolder()
            let workflows = folder.path + "/workflows"
            try FileManager.default.createDirectory(atPath: workflows, withIntermediateDirectories: true)
            for name in [fixture, "kalender-uji"] {
                try FileManager.default.copyItem(atPath: "\(OtherOfficesCommandTests.fixtures)/\(name).yaml", toPath: "\(workflows)/\(name).yaml")
            }
            try folder.write("dokumen.txt", "isi\n")
            var setUp = [["init", "--declared-identity"], ["publish", "workflows"]]
            for (user, role) in staff { setUp.append(["staff", "add", user, "--role", role]) }
            for arguments in setUp {
                let result = try run(arguments, as: "admin")
                guard result.status == 0 else { throw SOPBinaryError(description: "\(arguments): \(result.output)") }
            }
        }

        func run(_ arguments: [String], as user: String? = nil, at time: String = "2026-11-30T09:00:00+07:00") throws -> SOPBinary.Result {
            var environment = ["SOP_DB": database, "SOP_NOW": time]
            if let user { environment["SOP_USER"] = user }
            return try SOPBinary.run(arguments, in: URL(fileURLWithPath: folder.path), environment: environment)
        }

        /// Runs a case command and decodes its JSON; fails on a non-zero exit.
        @discardableResult
        func json(_ arguments: [String], as user: String, at time: String = "2026-11-30T09:00:00+07:00") throws -> [String: Any] {
            let result = try run(arguments + ["--format", "json"], as: user, at: time)
            guard result.status == 0 else { throw SOPBinaryError(description: "\(arguments): \(result.output)") }
            return try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        }

        var document: String { folder.path + "/dokumen.txt" }
    }

    @Test("a total that is a maximum: validates clean, shows as 'paling lama', and every path ends within it")
    func totalMaximum() throws {
        let validated = try SOPBinary.run(["validate", "\(Self.fixtures)/total-maximum.yaml"])
        #expect(validated.status == 0 && validated.standardOutput.contains("0 kesalahan, 0 peringatan, 0 info"), "\(validated.output)")
        let office = try FixtureOffice("total-maximum", staff: [("ani", "petugas"), ("kasi", "kasi")])
        let shown = try office.run(["show", "pengaduan-kecamatan", "--workflows", "workflows"])
        #expect(shown.standardOutput.contains("paling lama 5 hari (tertulis)"), "\(shown.output)")
        let json = try office.run(["show", "pengaduan-kecamatan", "--workflows", "workflows", "--format", "json"])
        let workflow = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        #expect(workflow["total"] as? String == "5 hari" && workflow["totalIsMaximum"] as? Bool == true)
        let html = try office.run(["render", "pengaduan-kecamatan", "--workflows", "workflows"])
        #expect(html.standardOutput.contains("paling lama 5 hari"))

        var endings: [String] = []
        for path in ["rejected", "without the survey", "with the survey"] {
            let opened = try office.json(["case", "open", "pengaduan-kecamatan"], as: "ani")
            let number = String(try #require(opened["number"] as? Int))
            // Due at the maximum from its opening (Monday 09:00 + 5 working days of the fixtures' calendar).
            #expect(opened["dueAt"] as? String != nil)
            try office.json(["case", "step", number], as: "ani", at: "2026-11-30T09:20:00+07:00")
            if path == "rejected" {
                let ended = try office.json(["case", "step", number, "--no"], as: "kasi", at: "2026-11-30T14:00:00+07:00")
                endings.append("\(ended["status"] as? String ?? "-") \(ended["dueAt"] as? String ?? "-")")
                continue
            }
            try office.json(["case", "step", number, "--yes"], as: "kasi", at: "2026-11-30T14:00:00+07:00")
            if path == "with the survey" {
                try office.json(["case", "step", number, "--attach", "berita-acara=\(office.document)"], as: "kasi", at: "2026-12-01T10:00:00+07:00")
            } else {
                try office.json(["case", "skip", number, "--reason", "tidak perlu survei"], as: "kasi", at: "2026-12-01T10:00:00+07:00")
            }
            let ended = try office.json(
                ["case", "step", number, "--attach", "surat-jawaban=\(office.document)"], as: "ani", at: "2026-12-02T10:00:00+07:00")
            endings.append("\(ended["status"] as? String ?? "-") \(ended["dueAt"] as? String ?? "-")")
        }
        #expect(endings.map { $0.split(separator: " ").first.map(String.init) } == ["rejected", "resolved", "resolved"], "\(endings)")
        // Every case is due at the same moment, the maximum from its opening, and none is late.
        #expect(Set(endings.map { $0.split(separator: " ").last.map(String.init) }).count == 1, "\(endings)")
        let sla = try office.run(["report", "sla", "--format", "json"], at: "2026-12-02T12:00:00+07:00")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(sla.standardOutput.utf8)) as? [String: Any])
        let line = try #require((report["workflows"] as? [[String: Any]])?.first)
        #expect(line["met"] as? Int == 3 && line["late"] as? Int == 0, "\(line)")
    }

    @Test("rules that see the case's history: the first 'Tidak' sends the form back, the second rejects; every path walked")
    func rulesSeeHistory() throws {
        let validated = try SOPBinary.run(["validate", "\(Self.fixtures)/rules-history.yaml"])
        #expect(validated.status == 0 && validated.standardOutput.contains("0 kesalahan, 0 peringatan, 0 info"), "\(validated.output)")
        let office = try FixtureOffice("rules-history", staff: [("ani", "petugas")])
        var outcomes: [String] = []
        for answers in [["--yes"], ["--no", "--yes"], ["--no", "--no"]] {
            let opened = try office.json(["case", "open", "pengaduan-berkas"], as: "ani")
            let number = String(try #require(opened["number"] as? Int))
            var last: [String: Any] = [:]
            for (index, answer) in answers.enumerated() {
                let form = try office.json(["case", "step", number], as: "ani", at: "2026-11-30T09:1\(index):00+07:00")
                #expect(Self.currentStep(form) == "periksa", "\(form)")
                last = try office.json(["case", "step", number, answer], as: "ani", at: "2026-11-30T09:1\(index):30+07:00")
                if answer == "--no" && index == 0 { #expect(Self.currentStep(last) == "isi-formulir", "the first 'Tidak' sends the form back") }
            }
            if Self.currentStep(last) == "proses" {
                last = try office.json(["case", "step", number], as: "ani", at: "2026-11-30T10:00:00+07:00")
            }
            outcomes.append("\(last["status"] as? String ?? "-")/\(last["outcome"] as? String ?? "-")")
        }
        #expect(outcomes == ["resolved/Pengaduan diproses", "resolved/Pengaduan diproses", "rejected/Pengaduan ditolak"], "\(outcomes)")
        // Saying "Tidak" the second time cannot send the form back a third time: the rule decides.
        let history = try office.run(["case", "history", "3"])
        #expect(history.standardOutput.contains("menyelesaikan langkah periksa — Tidak"), "\(history.output)")
    }

    @Test("a step done together with the resident: the operator's step records the resident's part on their behalf; every path walked")
    func jointWithResident() throws {
        let validated = try SOPBinary.run(["validate", "\(Self.fixtures)/joint-resident.yaml"])
        #expect(validated.status == 0 && validated.standardOutput.contains("0 kesalahan, 0 peringatan, 0 info"), "\(validated.output)")
        let office = try FixtureOffice("joint-resident", staff: [("dedi", "operator")])
        var outcomes: [String] = []
        for answers in [["--yes"], ["--no", "--yes"]] {
            let opened = try office.json(["case", "open", "perekaman-ktp"], as: "dedi")
            let number = String(try #require(opened["number"] as? Int))
            try office.json(["case", "step", number], as: "dedi", at: "2026-11-30T09:05:00+07:00")
            var last: [String: Any] = [:]
            for (index, answer) in answers.enumerated() {
                let recorded = try office.json(
                    ["case", "step", number, "--attach", "data-biometrik=\(office.document)"], as: "dedi", at: "2026-11-30T09:2\(index):00+07:00")
                #expect(Self.currentStep(recorded) == "verifikasi", "the joint step ends with the operator's: \(recorded)")
                last = try office.json(["case", "step", number, answer], as: "dedi", at: "2026-11-30T09:2\(index):30+07:00")
            }
            outcomes.append(last["status"] as? String ?? "-")
        }
        #expect(outcomes == ["resolved", "resolved"])
        let history = try office.run(["case", "history", "1"])
        #expect(history.standardOutput.contains("dedi: ikut menyelesaikan langkah rekam sebagai penduduk (dicatat atas namanya)"), "\(history.output)")
        #expect(history.standardOutput.contains("dedi: menyelesaikan langkah rekam"), "\(history.output)")
        #expect(try office.run(["verify"]).status == 0)
    }

    @Test("a hand-off by title to an SOP with no workflow file: validates, draws its connector, renders, and ends the case handed off by name; every path walked")
    func handoffByTitle() throws {
        let validated = try SOPBinary.run(["validate", "\(Self.fixtures)/handoff-title.yaml"])
        #expect(validated.status == 0 && validated.standardOutput.contains("0 kesalahan, 0 peringatan, 0 info"), "\(validated.output)")
        let office = try FixtureOffice("handoff-title", staff: [("ani", "petugas"), ("camat", "camat")])
        let workflow = "pengaduan-kecamatan-data"
        let svg = try office.run(["diagram", workflow, "--workflows", "workflows", "--format", "svg"])
        #expect(svg.standardOutput.contains("<title>Diserahkan ke SOP Perubahan Data Kependudukan</title>"), "\(svg.output)")
        #expect(svg.standardOutput.contains(">Perubahan Data</text>"), "the connector shows the title, without repeating SOP")
        let mermaid = try office.run(["diagram", workflow, "--workflows", "workflows", "--format", "mermaid"])
        #expect(mermaid.standardOutput.contains("[\\\"SOP Penanganan Pengaduan Dinas\"/]"), "\(mermaid.output)")
        let html = try office.run(["render", workflow, "--workflows", "workflows"])
        #expect(html.standardOutput.contains("diserahkan ke SOP Perubahan Data Kependudukan"), "\(html.output)")
        let shown = try office.run(["show", workflow, "--workflows", "workflows", "--format", "json"])
        #expect(shown.standardOutput.contains("\"handoffTitle\" : \"SOP Perubahan Data Kependudukan\""), "\(shown.output)")

        // Ya at the first step: handed off by a branch.
        var endings: [String] = []
        func ending(_ state: [String: Any]) -> String {
            "\(state["status"] as? String ?? "-")/\(state["handedOffToTitle"] as? String ?? "-")/\(state["handedOffTo"] as? String ?? "-")"
        }
        let first = String(try #require(try office.json(["case", "open", workflow], as: "ani")["number"] as? Int))
        endings.append(ending(try office.json(["case", "step", first, "--yes"], as: "ani", at: "2026-11-30T09:10:00+07:00")))
        // Tidak, then not the kecamatan's: the step that forwards the file hands it off.
        let second = String(try #require(try office.json(["case", "open", workflow], as: "ani")["number"] as? Int))
        try office.json(["case", "step", second, "--no"], as: "ani", at: "2026-11-30T09:10:00+07:00")
        try office.json(["case", "step", second, "--no"], as: "camat", at: "2026-11-30T09:40:00+07:00")
        endings.append(ending(try office.json(["case", "step", second], as: "ani", at: "2026-11-30T10:00:00+07:00")))
        // Tidak, then the kecamatan's: resolved there.
        let third = String(try #require(try office.json(["case", "open", workflow], as: "ani")["number"] as? Int))
        try office.json(["case", "step", third, "--no"], as: "ani", at: "2026-11-30T09:10:00+07:00")
        try office.json(["case", "step", third, "--yes"], as: "camat", at: "2026-11-30T09:40:00+07:00")
        endings.append(ending(try office.json(["case", "step", third], as: "ani", at: "2026-11-30T13:00:00+07:00")))
        // By hand, to the related SOP named by title, letter case and spacing aside.
        let fourth = String(try #require(try office.json(["case", "open", workflow], as: "ani")["number"] as? Int))
        let refused = try office.run(["case", "handoff", fourth, "--to", "SOP lain"], as: "ani")
        #expect(refused.status != 0 && refused.standardError.contains("SOP Penanganan Pengaduan Tingkat Kabupaten"), "\(refused.output)")
        endings.append(ending(try office.json(
            ["case", "handoff", fourth, "--to", "sop penanganan  PENGADUAN tingkat kabupaten", "--note", "ke kabupaten"], as: "ani")))
        #expect(endings == [
            "closed/SOP Perubahan Data Kependudukan/-", "closed/SOP Penanganan Pengaduan Dinas/-", "resolved/-/-",
            "closed/SOP Penanganan Pengaduan Tingkat Kabupaten/-",
        ], "\(endings)")

        let history = try office.run(["case", "history", first])
        #expect(history.standardOutput.contains("berakhir: ditutup, diteruskan ke SOP Perubahan Data Kependudukan — mengikuti SOP perubahan data"), "\(history.output)")
        let recap = try office.run(["report", "recap", "--from", "2026-11-01", "--to", "2026-11-30", "--format", "csv"], at: "2026-11-30T14:00:00+07:00")
        #expect(recap.standardOutput.contains("closed:diteruskan:SOP Perubahan Data Kependudukan,ditutup — diteruskan ke SOP Perubahan Data Kependudukan"), "\(recap.output)")
        #expect(try office.run(["verify"]).status == 0)
    }

    @Test("a step with no stated time (\"-\"): validates with its information, has no due time, is never reminded of or late, and counts as zero; every path walked")
    func stepWithoutTime() throws {
        let validated = try SOPBinary.run(["validate", "\(Self.fixtures)/untimed-step.yaml"])
        #expect(validated.status == 0 && validated.standardOutput.contains("0 kesalahan, 0 peringatan, 1 info"), "\(validated.output)")
        #expect(validated.standardOutput.contains("[SOP0608]"), "\(validated.output)")
        let office = try FixtureOffice("untimed-step", staff: [("ani", "petugas"), ("opi", "operator")])
        let workflow = "penyerahan-ktp"
        let shown = try office.run(["show", workflow, "--workflows", "workflows"])
        // The "-" step counts as zero: the path is the other two steps' time, as the total says.
        #expect(shown.standardOutput.contains("Jalur terpanjang    1 jam 15 menit (langkah 1 → 2 → 3)"), "\(shown.output)")
        let json = try office.run(["show", workflow, "--workflows", "workflows", "--format", "json"])
        #expect(json.standardOutput.contains("\"untimed\" : true"), "\(json.output)")

        let number = String(try #require(try office.json(["case", "open", workflow], as: "ani")["number"] as? Int))
        try office.json(["case", "step", number], as: "ani", at: "2026-11-30T09:10:00+07:00")
        let waiting = try office.run(["case", "step", number], as: "opi", at: "2026-11-30T10:00:00+07:00")
        #expect(waiting.standardOutput.contains("(Petugas Pelayanan), tanpa tenggat"), "\(waiting.output)")
        // Days later the sweep has nothing to say about it.
        let tick = try office.run(["tick"], as: "admin", at: "2026-12-04T10:00:00+07:00")
        #expect(tick.status == 0 && !tick.standardOutput.contains("serahkan"), "\(tick.output)")
        let standing = try office.json(["case", "show", number], as: "ani", at: "2026-12-04T10:00:00+07:00")
        let current = try #require((standing["steps"] as? [[String: Any]])?.last)
        #expect(current["step"] as? String == "serahkan" && current["dueAt"] == nil && current["sla"] == nil && current["budget"] as? String == "-", "\(current)")
        let shownCase = try office.run(["case", "show", number], as: "ani", at: "2026-12-04T10:00:00+07:00")
        #expect(shownCase.standardOutput.contains("tanpa"), "\(shownCase.output)")
        let ended = try office.json(["case", "step", number], as: "ani", at: "2026-12-04T10:30:00+07:00")
        #expect(ended["status"] as? String == "resolved", "\(ended)")

        let history = try office.run(["case", "history", number])
        #expect(history.standardOutput.contains("mulai langkah serahkan, tanpa tenggat"), "\(history.output)")
        let picture = try office.run(["case", "show", number, "--format", "svg"], at: "2026-12-04T11:00:00+07:00")
        #expect(picture.status == 0 && picture.standardOutput.contains("tanpa tenggat"), "\(picture.output)")
        let sla = try office.run(["report", "sla", "--format", "json"], at: "2026-12-04T11:00:00+07:00")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(sla.standardOutput.utf8)) as? [String: Any])
        let line = try #require((report["steps"] as? [[String: Any]])?.first { $0["step"] as? String == "serahkan" })
        #expect(line["untimed"] as? Int == 1 && line["measured"] as? Int == 0 && line["late"] as? Int == 0, "\(line)")
        #expect(try office.run(["verify"]).status == 0)
    }

    /// The step a case stands on, from its `case step --format json`.
    static func currentStep(_ state: [String: Any]) -> String? {
        (state["steps"] as? [[String: Any]])?.last { $0["ending"] as? String == "open" }?["step"] as? String
    }
}

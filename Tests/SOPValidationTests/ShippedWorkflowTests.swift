import Testing
import SOPCore
import SOPLoading
import SOPModel
import SOPValidation

/// The two signed SOPs of Kebumen and their calendar, as shipped in `workflows/`.
@Suite("Shipped workflows")
struct ShippedWorkflowTests {
    let report = Validator.validate(paths: [TestPaths.workflows])

    func workflow(_ id: String) throws -> Workflow {
        try #require(report.workflows.first { $0.id.value.rawValue == id })
    }

    @Test("validate with no errors and no warning: the signed documents' known inconsistencies are accepted in the files, each with its reason")
    func knownInconsistencies() throws {
        #expect(report.count(.error) == 0, "\(report.diagnostics.filter { $0.severity == .error })")
        #expect(report.count(.warning) == 0, "\(report.diagnostics.filter { $0.severity == .warning })")
        #expect(!report.hasUnreadableInput)
        #expect(report.suppressed.count == 6 && report.suppressed.allSatisfy { $0.suppression.reason.contains("naskah") })
        let warnings = report.suppressed.map(\.diagnostic).filter { $0.severity == .warning }
        func has(_ code: DiagnosticCode, in file: String, containing text: String) -> Bool {
            warnings.contains { $0.code == code && $0.location.file.hasSuffix(file) && $0.message.en.contains(text) }
        }
        // 067/12351: steps add up to 2 hari 1 jam, the SOP declares 2 hari 2 jam.
        #expect(has(.totalMismatch, in: "pengaduan-langsung.yaml", containing: "longest path takes 2 hari 1 jam"))
        // 067/12352 step 5 needs a Laporan Tindak Lanjut Aduan no step outputs.
        #expect(has(.inputNotProduced, in: "pengaduan-media.yaml", containing: "Laporan Tindak Lanjut Aduan"))
        // 067/12352 is signed under another name with the same NIP.
        #expect(has(.approverMismatch, in: "pengaduan-media.yaml", containing: "196406291988032002"))
        // The register entry of step 2 is a record no later step reads: info, not a warning.
        #expect(report.diagnostics.contains { $0.code == .unusedOutput && $0.severity == .info && $0.message.en.contains("Catatan di Buku Register") })
        // 067/12352's total matches its steps.
        #expect(!warnings.contains { $0.code == .totalMismatch && $0.location.file.hasSuffix("pengaduan-media.yaml") })
    }

    @Test("every shipped file names its JSON Schema on its first line, for editors")
    func schemaLine() throws {
        for file in report.files {
            let text = try #require(file.text)
            let kind = file.calendar != nil ? "calendar" : "workflow"
            #expect(text.hasPrefix("# yaml-language-server: $schema=../schemas/\(kind).schema.json\n"), "\(file.path)")
        }
        #expect(report.files.count == 3)
    }

    @Test("067/12351 has 7 steps and 2 decisions, faithful to the signed text")
    func langsung() throws {
        let workflow = try workflow("pengaduan-langsung")
        #expect(workflow.document.number == "067/12351")
        #expect(workflow.steps.count == 7)
        #expect(workflow.steps.filter { if case .decision = $0.transition { true } else { false } }.count == 2)
        #expect(workflow.total?.value == Budget(days: 2, minutes: 120))
        #expect(workflow.document.legalBasis.count == 5)
        #expect(workflow.document.approvedBy?.nip?.value == "196406291988032002")
        #expect(workflow.actors.first { $0.isExternal }?.id.value == "pelapor")
        #expect(workflow.steps[1].activity == "Memeriksa dan menyelia kelengkapan dan kejelasan berkas pengaduan")
        let times = try #require(PathTimes(workflow))
        #expect(times.longest == Budget(days: 2, minutes: 60))
        #expect(times.shortest == Budget(minutes: 40))
        #expect(times.shortestPath.map(\.rawValue) == ["isi-formulir", "periksa-kelengkapan", "dapat-diselesaikan"])
    }

    @Test("067/12352 has 6 steps, 1 decision and the 11 channels")
    func media() throws {
        let workflow = try workflow("pengaduan-media")
        #expect(workflow.document.number == "067/12352")
        #expect(workflow.steps.count == 6)
        #expect(workflow.channels.map(\.name) == [
            "Facebook", "Instagram", "Twitter", "TikTok", "YouTube", "Google Maps Review",
            "Lapor Cepat Bupati", "Lapor Gubernur", "SP4N Lapor", "Email", "Telepon",
        ])
        #expect(workflow.intake.count == 3)
        #expect(workflow.total?.value == Budget(days: 1, minutes: 120))
        #expect(PathTimes(workflow)?.longest == Budget(days: 1, minutes: 120))
    }

    @Test("the calendar: Asia/Jakarta, five working days, the 2026 holidays")
    func calendar() throws {
        let calendar = try #require(report.calendars.first)
        #expect(calendar.timeZone.value == "Asia/Jakarta")
        #expect(Set(calendar.hours.keys) == [.monday, .tuesday, .wednesday, .thursday, .friday])
        let independenceDay = try #require(CivilDate("2026-08-17"))
        #expect(!calendar.isWorkingDay(independenceDay))
        #expect(calendar.isWorkingDay(try #require(CivilDate("2026-08-18"))))
        #expect(!calendar.isWorkingDay(try #require(CivilDate("2026-11-28"))))  // a Saturday
    }
}

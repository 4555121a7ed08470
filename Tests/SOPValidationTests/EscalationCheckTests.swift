import Testing
import SOPCore
import SOPModel
import SOPValidation
import SOPTestSupport

extension MarkedText {
    /// `line:column CODE` of a marker, as `ValidationReport.positions` writes a finding.
    subscript(marker: String, code code: DiagnosticCode) -> String {
        let location = self[marker]
        return "\(location.line):\(location.column) \(code.id)"
    }
}

/// The escalation check (SOP09xx) and the escalation actors of the reference and usage checks,
/// on small workflows with markers where a finding must point.
@Suite("Escalation checks")
struct EscalationCheckTests {
    /// A workflow of two steps, `ajukan` (the reporter's, 1 jam) and `periksa` (the office's,
    /// 1 hari), with `periksa`'s escalation lines and the top level's as given.
    static func workflow(step: String, whole: String = "", total: String = "1 hari 1 jam") -> MarkedText {
        MarkedText("""
            kind: Workflow
            id: eskalasi
            revision: 1
            title: Eskalasi
            document:
              number: "001/1"
            calendar: kalender-uji
            actors:
              pelapor: { name: Pelapor, external: true }
              petugas: { name: Petugas }
              kepala-bidang: { name: Kepala Bidang }
              kepala-dinas: { name: Kepala Dinas }
            outcomes:
              selesai: { name: Selesai, status: resolved }
            total: \(total)
            \(whole)
            steps:
              - id: ajukan
                activity: Mengajukan
                actor: pelapor
                budget: 1 jam
                next: periksa
              - id: periksa
                activity: Memeriksa
                actor: petugas
                budget: 1 hari
            \(step)
                end: selesai

            """)
    }

    /// Validates the text beside the test calendar.
    static func validate(_ marked: MarkedText) throws -> ValidationReport {
        let folder = try TemporaryFolder()
        try folder.write("kalender.yaml", calendarText)
        return Validator.validate(paths: [try folder.write("eskalasi.yaml", marked.text)])
    }

    /// The escalation findings (SOP09xx) and the unknown actors (SOP0301) of the text, in report
    /// order; the rest (an actor the test leaves unused, a total off the steps) is not theirs.
    static func findings(_ marked: MarkedText) throws -> [Diagnostic] {
        try validate(marked).diagnostics.filter { $0.code.id.hasPrefix("SOP09") || $0.code == .unknownActor }
    }

    @Test("two ordered levels to two office actors and a case level at its total: no finding at all")
    func correct() throws {
        let report = try Self.validate(Self.workflow(
            step: """
                    escalation:
                      - { to: kepala-bidang }
                      - { to: kepala-dinas, after: 2 hari }
                """,
            whole: "escalation: { to: kepala-dinas }"))
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics.map(\.description))")
    }

    @Test("an actor named only by an escalation, of a step or of the case, at any level, is used")
    func escalationActorsAreUsed() throws {
        let onlyEscalated = try Self.validate(Self.workflow(
            step: """
                    escalation:
                      - { to: kepala-bidang }
                """,
            whole: "escalation: [{ to: kepala-bidang }, { to: kepala-dinas, after: 2 hari }]"))
        #expect(onlyEscalated.diagnostics.isEmpty, "\(onlyEscalated.diagnostics.map(\.description))")
        // Without the escalations both are unused: the check can fail.
        let none = try Self.validate(Self.workflow(step: ""))
        #expect(none.diagnostics.map(\.code) == [.unusedActor, .unusedActor])
    }

    @Test("an escalation to an actor the workflow lacks is SOP0301, at the step's and at the case's levels")
    func unknownActor() throws {
        let marked = Self.workflow(
            step: """
                    escalation:
                      - { to: kepala-bidang }
                      - { to: 1️⃣kepala-dinass, after: 2 hari }
                      - { to: kepala-dinas, after: 3 hari }
                """,
            whole: "escalation: { to: 2️⃣kepala-bagian }")
        let report = try Self.findings(marked)
        #expect(report.positions == [marked["2️⃣", code: .unknownActor], marked["1️⃣", code: .unknownActor]])
        #expect(report.first?.location.line == 16)
        #expect(report.last?.hint?.en == "did you mean 'kepala-dinas'?")
    }

    @Test("outside the office: the reporter cannot take a step or a case over")
    func outsideOffice() throws {
        let marked = Self.workflow(step: "    escalation: 1️⃣{ to: pelapor }", whole: "escalation: [2️⃣{ to: pelapor }]")
        let report = try Self.findings(marked)
        #expect(report.positions == [marked["2️⃣", code: .escalationOutsideOffice], marked["1️⃣", code: .escalationOutsideOffice]])
        #expect(report.allSatisfy { $0.severity == .error && $0.hint != nil })
        #expect(report.last?.message.en
            == "level 1 of the escalation of step 'periksa' goes to 'pelapor' (Pelapor), who is outside the office")
    }

    @Test("levels out of order, at the later level: earlier, or at the same time (the default is the budget)")
    func outOfOrder() throws {
        let marked = Self.workflow(
            step: """
                    escalation:
                      - { to: kepala-bidang, after: 2 hari }
                      - 1️⃣{ to: kepala-dinas, after: 1 hari }
                """,
            whole: """
                escalation:
                  - { to: kepala-bidang }
                  - 2️⃣{ to: kepala-dinas, after: 1 hari 1 jam }
                """)
        let report = try Self.findings(marked)
        #expect(report.positions == [marked["2️⃣", code: .escalationOutOfOrder], marked["1️⃣", code: .escalationOutOfOrder]])
        #expect(report.map(\.message.en) == [
            "level 2 of the escalation of the whole case falls due at 1 hari 1 jam, not later than level 1 (1 hari 1 jam)",
            "level 2 of the escalation of step 'periksa' falls due at 1 hari, not later than level 1 (2 hari)",
        ])
        #expect(report.allSatisfy { $0.notes.count == 1 })
        // A step's first level by default at its budget, then a level at the same time.
        let same = Self.workflow(step: """
                    escalation:
                      - { to: kepala-bidang }
                      - 1️⃣{ to: kepala-dinas, after: 1 hari }
                """)
        #expect(try Self.findings(same).positions == [same["1️⃣", code: .escalationOutOfOrder]])
    }

    @Test("a later level without `after:` is an error with a hint that says how to write it")
    func withoutTime() throws {
        let marked = Self.workflow(
            step: """
                    escalation:
                      - to: kepala-bidang
                      - 1️⃣to: kepala-dinas
                """,
            whole: "escalation: [{ to: kepala-bidang }, 2️⃣{ to: kepala-dinas }]")
        let report = try Self.findings(marked)
        #expect(report.positions == [marked["2️⃣", code: .escalationWithoutTime], marked["1️⃣", code: .escalationWithoutTime]])
        #expect(report.map { $0.hint?.en } == [
            "say how long after the case opens, e.g. `after: 6 hari`",
            "say how long after the step starts, e.g. `after: 6 hari`",
        ])
    }

    @Test("too late: beyond ten times the budget or the total, or beyond 250 working days; ten times itself is not")
    func tooLate() throws {
        let marked = Self.workflow(
            step: """
                    escalation:
                      - { to: kepala-bidang, after: 10 hari }
                      - 1️⃣{ to: kepala-dinas, after: 10 hari 1 jam }
                """,
            whole: "escalation: 2️⃣{ to: kepala-dinas, after: 300 hari }", total: "30 hari")
        let report = try Self.findings(marked)
        #expect(report.positions.filter { $0.hasSuffix(DiagnosticCode.escalationTooLate.id) }
            == [marked["2️⃣", code: .escalationTooLate], marked["1️⃣", code: .escalationTooLate]])
        #expect(report.first { $0.code == .escalationTooLate }?.message.en
            == "level 1 of the escalation of the whole case falls due at 300 hari, more than 250 working days")
        #expect(report.last { $0.code == .escalationTooLate }?.message.en
            == "level 2 of the escalation of step 'periksa' falls due at 10 hari 1 jam, more than 10 times the step's budget (1 hari)")
        #expect(report.allSatisfy { $0.code != .escalationTooLate || $0.severity == .warning })
        // Hours against days are compared for any length of a working day: 80 jam may be 10 working days.
        let unsure = Self.workflow(step: "    escalation: { to: kepala-bidang, after: 80 jam }")
        #expect(try Self.findings(unsure).isEmpty)
    }

    @Test("an escalation that changes nothing: to who does the step, or to the actor of an earlier level")
    func changesNothing() throws {
        let marked = Self.workflow(
            step: """
                    escalation:
                      - 1️⃣{ to: petugas }
                      - { to: kepala-bidang, after: 2 hari }
                      - 2️⃣{ to: kepala-bidang, after: 3 hari }
                """,
            whole: "escalation: [{ to: kepala-dinas }, 3️⃣{ to: kepala-dinas, after: 5 hari }]")
        let report = try Self.findings(marked)
        #expect(report.positions == [
            marked["3️⃣", code: .escalationChangesNothing], marked["1️⃣", code: .escalationChangesNothing],
            marked["2️⃣", code: .escalationChangesNothing],
        ])
        try #require(report.count == 3)
        #expect(report[1].message.en == "level 1 of the escalation of step 'periksa' goes to 'petugas', who already does the step")
        #expect(report[2].message.en == "level 3 of the escalation of step 'periksa' goes to 'kepala-bidang', who already has level 2")
        #expect(report.allSatisfy { $0.severity == .warning })
    }

    @Test("every finding of one file in one run")
    func allInOneRun() throws {
        let marked = Self.workflow(
            step: """
                    escalation:
                      - 1️⃣{ to: pelapor, after: 2 hari }
                      - 2️⃣{ to: kepala-bidang, after: 1 hari }
                      - 3️⃣{ to: kepala-dinas }
                      - 4️⃣{ to: kepala-dinas, after: 300 hari }
                """)
        let report = try Self.findings(marked)
        #expect(Set(report.positions) == [
            marked["1️⃣", code: .escalationOutsideOffice], marked["2️⃣", code: .escalationOutOfOrder],
            marked["3️⃣", code: .escalationWithoutTime], marked["4️⃣", code: .escalationChangesNothing],
            marked["4️⃣", code: .escalationTooLate],
        ])
    }

    @Test("the shipped workflows have no escalation and validate exactly as before the levels came")
    func shippedUnchanged() throws {
        let report = Validator.validate(paths: [TestPaths.workflows])
        #expect(report.workflows.count == 2)
        #expect(report.workflows.allSatisfy { $0.escalations.isEmpty && $0.steps.allSatisfy(\.escalations.isEmpty) })
        // What `sop validate workflows` reported before escalation levels, finding for finding.
        // (The signed inconsistencies are accepted in the files since, and found all the same.)
        let all = (report.diagnostics + report.suppressed.map(\.diagnostic)).sorted { $0.location < $1.location }
        let findings = all.map { "\($0.location.file.split(separator: "/").last ?? "") \($0.location.line):\($0.location.column) \($0.code.id)" }
        let calendar = [43, 44, 48, 54, 65, 74, 75, 82, 83, 86, 87].map { "jam-kerja-kebumen.yaml \($0):13 SOP0705" }
        #expect(findings == calendar + [
            "pengaduan-langsung.yaml 91:8 SOP0603", "pengaduan-langsung.yaml 115:15 SOP0602",
            "pengaduan-langsung.yaml 161:15 SOP0602", "pengaduan-langsung.yaml 170:14 SOP0601",
            "pengaduan-media.yaml 33:10 SOP0606", "pengaduan-media.yaml 165:15 SOP0602", "pengaduan-media.yaml 165:35 SOP0602",
            "pengaduan-media.yaml 172:14 SOP0601", "pengaduan-media.yaml 173:15 SOP0602", "pengaduan-media.yaml 182:14 SOP0601",
            "pengaduan-media.yaml 182:57 SOP0601",
        ])
    }

    @Test("the catalogue: SOP0901–SOP0905, errors and warnings, each with a hint in both languages")
    func catalogue() {
        let codes: [DiagnosticCode] = [
            .escalationOutsideOffice, .escalationOutOfOrder, .escalationWithoutTime, .escalationTooLate, .escalationChangesNothing,
        ]
        #expect(codes.map(\.id) == ["SOP0901", "SOP0902", "SOP0903", "SOP0904", "SOP0905"])
        #expect(codes.map(\.severity) == [.error, .error, .error, .warning, .warning])
        #expect(Array(DiagnosticCode.all.drop { $0 != .escalationOutsideOffice }.prefix(5)) == codes)
        for code in codes {
            #expect(code.title.id != code.title.en)
            let hint = code.hint
            #expect(hint != nil && hint?.id != hint?.en, "\(code.id)")
        }
    }
}

extension [Diagnostic] {
    /// `line:column CODE` of each finding, in order.
    var positions: [String] { map { "\($0.location.line):\($0.location.column) \($0.code.id)" } }
}

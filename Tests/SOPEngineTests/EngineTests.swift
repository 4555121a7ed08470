import Foundation
import Testing
import SOPEngine
import SOPModel

@Suite("Engine: 067/12351 in person")
struct LangsungPathTests {
    @Test("resolved at the front office")
    func resolvedAtFrontOffice() throws {
        var walk = try Walk(Shipped.langsung, fields: reporter, at: jakarta(2026, 11, 30, 9))
        #expect(walk.state.status == .waitingForReporter)  // step 1 is the reporter's
        #expect(walk.state.active?.step == "isi-formulir")
        try walk.complete(attach: ["formulir-pengaduan"], by: frontOffice)
        #expect(walk.state.steps.last?.onBehalfOfReporter == true)
        #expect(walk.state.status == .open)
        try walk.complete("Ya", attach: ["catatan-register"], by: frontOffice)
        #expect(walk.state.active?.step == "dapat-diselesaikan")
        try walk.complete("Ya", by: frontOffice)
        #expect(walk.state.status == .resolved)
        #expect(walk.state.outcome == "selesai-front-office")
        #expect(walk.state.active == nil)
        #expect(walk.state.steps.map(\.step) == ["isi-formulir", "periksa-kelengkapan", "dapat-diselesaikan"])
    }

    @Test("the full path to the register, with waivers for what the SOP never produces")
    func fullPath() throws {
        var walk = try Walk(Shipped.langsung, fields: reporter, at: jakarta(2026, 11, 30, 9))
        try walk.complete(attach: ["formulir-pengaduan"], by: frontOffice)
        try walk.complete("Ya", attach: ["catatan-register"], by: frontOffice)
        try walk.complete("Tidak", by: frontOffice)
        #expect(walk.state.active?.step == "analisa")
        try walk.complete(attach: ["rancangan-tindak-lanjut"], by: team, after: 120)
        try walk.complete(attach: ["bukti-hasil-tindak-lanjut"], by: team, after: 240)
        #expect(walk.state.status == .waitingForReporter)
        try walk.complete(attach: ["tanggapan-pelapor"], by: frontOffice, after: 30)
        try walk.complete(attach: ["rekapan-pengaduan"], by: team)
        #expect(walk.state.status == .resolved)
        #expect(walk.state.outcome == "selesai")
        #expect(walk.state.steps.count == 7)
        #expect(walk.state.reporterWaits.count == 2)
        #expect(walk.state.reporterWaits.allSatisfy { $0.end != nil })
    }

    @Test("returned to the reporter and resubmitted")
    func returned() throws {
        var walk = try Walk(Shipped.langsung, fields: reporter, at: jakarta(2026, 11, 30, 9))
        try walk.complete(attach: ["formulir-pengaduan"], by: frontOffice)
        try walk.complete("Tidak", attach: ["catatan-register"], by: frontOffice)
        #expect(walk.state.active?.step == "isi-formulir")
        #expect(walk.state.status == .waitingForReporter)
        try walk.complete(by: frontOffice, after: 60)
        try walk.complete("Ya", by: frontOffice)
        try walk.complete("Ya", by: frontOffice)
        #expect(walk.state.status == .resolved)
        #expect(walk.state.steps.map(\.step) == ["isi-formulir", "periksa-kelengkapan", "isi-formulir", "periksa-kelengkapan", "dapat-diselesaikan"])
    }

    @Test("--yes / --no map to Ya / Tidak case-insensitively, and the branch is recorded")
    func branchLabels() throws {
        var walk = try Walk(Shipped.langsung, fields: reporter, at: jakarta(2026, 11, 30, 9))
        try walk.complete(attach: ["formulir-pengaduan"], by: frontOffice)
        try walk.complete("ya", attach: ["catatan-register"], by: frontOffice)
        #expect(walk.state.steps.last?.branch == "Ya")
    }
}

@Suite("Engine: 067/12352 social media")
struct MediaPathTests {
    let fields = ["nama": "Rina", "nik": "3305010101900001", "telepon": "+62 812 3456 7890", "uraian": "Akta kelahiran salah ketik"]

    @Test("answered directly by the social-media team")
    func answeredDirectly() throws {
        var walk = try Walk(Shipped.media, fields: fields, channel: "instagram", at: jakarta(2026, 11, 30, 9), by: mediaTeam)
        #expect(walk.state.channel == "instagram")
        #expect(walk.state.fields["telepon"] == .text("+6281234567890"))
        try walk.complete(attach: ["formulir-pengaduan"], by: mediaTeam)
        try walk.complete("Ya", attach: ["catatan-register"], by: mediaTeam)
        #expect(walk.state.status == .resolved)
        #expect(walk.state.outcome == "dijawab-langsung")
    }

    @Test("the full path through the complaint team")
    func fullPath() throws {
        var walk = try Walk(Shipped.media, fields: fields, channel: "SP4N Lapor", at: jakarta(2026, 11, 30, 9), by: mediaTeam)
        #expect(walk.state.channel == "sp4n-lapor")
        try walk.complete(attach: ["formulir-pengaduan"], by: mediaTeam)
        try walk.complete("Tidak", attach: ["catatan-register"], by: mediaTeam)
        try walk.complete(attach: ["rancangan-tindak-lanjut"], by: team)
        try walk.complete(attach: ["hasil-tindak-lanjut"], by: team)
        try walk.complete(attach: ["tanggapan-pelapor"], by: mediaTeam)
        try walk.complete(attach: ["rekapan-pengaduan"], by: team)
        #expect(walk.state.status == .resolved)
        #expect(walk.state.steps.count == 6)
    }
}

@Suite("Engine: refusals write nothing")
struct EngineRefusalTests {
    func expectRefusal(_ code: String, _ body: () throws -> Void) {
        do {
            try body()
            Issue.record("expected refusal \(code)")
        } catch let error as EngineError {
            #expect(error.code.rawValue == code, "\(error)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("bad fields, channels and intake")
    func opening() {
        let engine = Shipped.media
        func open(_ fields: [String: String], channel: String? = "email") throws {
            _ = try engine.open(OpenRequest(fields: fields, channel: channel, number: 1, registerNumber: "x"), by: mediaTeam, at: jakarta(2026, 11, 30, 9))
        }
        let good = ["nama": "Rina", "nik": "3305010101900001", "telepon": "081234567890", "uraian": "x"]
        expectRefusal("invalid-field") { try open(good.merging(["telepon": "12345"]) { $1 }) }
        expectRefusal("invalid-field") { try open(good.merging(["nik": "3305"]) { $1 }) }
        expectRefusal("invalid-field") { try open(good.merging(["surel": "bukan-surel"]) { $1 }) }
        expectRefusal("unknown-field") { try open(good.merging(["telpon": "081234567890"]) { $1 }) }
        expectRefusal("invalid-channel") { try open(good, channel: "whatsapp") }
        expectRefusal("invalid-channel") { try open(good, channel: nil) }
        expectRefusal("intake-rule") { try open(good.filter { $0.key != "telepon" }) }
    }

    @Test("a user without the role, a missing output, a branch that does not exist, a second completion")
    func stepping() throws {
        var walk = try Walk(Shipped.langsung, fields: reporter, at: jakarta(2026, 11, 30, 9))
        try walk.complete(attach: ["formulir-pengaduan"], by: frontOffice)
        var copy = walk
        expectRefusal("missing-role") { try copy.complete("Ya", attach: ["catatan-register"], by: team) }
        expectRefusal("missing-output") { try copy.complete("Ya", by: frontOffice) }
        expectRefusal("branch") { try copy.complete("Mungkin", attach: ["catatan-register"], by: frontOffice) }
        expectRefusal("branch") { try copy.complete(attach: ["catatan-register"], by: frontOffice) }
        expectRefusal("not-optional") { try copy.run(.skip(reason: "tidak perlu"), by: frontOffice) }
        expectRefusal("unknown-document") { try copy.complete("Ya", attach: ["catatan"], by: frontOffice) }
        expectRefusal("reason-required") { try copy.complete("Ya", waive: ["catatan-register": " "], by: frontOffice) }
        #expect(copy.state == walk.state, "a refused command changes nothing")
        try walk.complete("Ya", waive: ["catatan-register": "buku register penuh"], by: frontOffice)
        try walk.complete("Ya", by: frontOffice)
        let ended = walk
        expectRefusal("case-ended") { try walk.complete("Ya", by: frontOffice) }
        #expect(walk.state == ended.state)
    }

    @Test("completing a step that is not the current one")
    func notCurrent() throws {
        let walk = try Walk(Shipped.langsung, fields: reporter, at: jakarta(2026, 11, 30, 9))
        expectRefusal("not-current-step") {
            _ = try Shipped.langsung.handle(.complete(step: "analisa", branch: nil, attachments: [], waivers: [:], note: nil), on: walk.state, by: frontOffice, at: walk.clock)
        }
    }
}

@Suite("Engine: deadlines in working time")
struct EngineDeadlineTests {
    @Test("a complaint on Friday morning: 15 minutes, then the rest after the weekend")
    func friday() throws {
        var walk = try Walk(Shipped.langsung, fields: reporter, at: jakarta(2026, 11, 27, 10, 45))
        #expect(walk.state.active?.dueAt == jakarta(2026, 11, 27, 11, 0))  // Friday closes 11:00
        try walk.complete(attach: ["formulir-pengaduan"], by: frontOffice, after: 8)  // 10:53
        #expect(walk.state.active?.dueAt == jakarta(2026, 11, 30, 7, 38))  // 7 minutes Friday, 8 on Monday
    }

    @Test("the whole case is due after the declared total in working time")
    func caseDue() throws {
        let walk = try Walk(Shipped.langsung, fields: reporter, at: jakarta(2026, 11, 30, 9))
        // 2 hari 2 jam from Monday 09:00: Wednesday 09:00 + 2 hours.
        #expect(walk.state.dueAt == jakarta(2026, 12, 2, 11, 0))
    }

    @Test("a case opened on a Saturday starts counting on Monday")
    func saturday() throws {
        let walk = try Walk(Shipped.langsung, fields: reporter, at: jakarta(2026, 11, 28, 10))
        #expect(walk.state.active?.dueAt == jakarta(2026, 11, 30, 7, 45))
    }
}

@Suite("Engine: what staff may not do")
struct EngineAuthorityTests {
    func refusal(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch let error as EngineError {
            return error.code.rawValue
        } catch {
            return "\(error)"
        }
    }

    @Test("escalating a step one cannot do, or to the reporter, is refused")
    func escalation() throws {
        var walk = try Walk(Shipped.langsung, fields: reporter, at: jakarta(2026, 11, 30, 9))
        try walk.complete(attach: ["formulir-pengaduan"], by: frontOffice)
        var copy = walk
        #expect(refusal { try copy.run(.escalate(to: "tim-pengaduan", reason: "ambil alih"), by: team) } == "missing-role")
        #expect(refusal { try copy.run(.escalate(to: "pelapor", reason: nil), by: frontOffice) } == "escalate-to-reporter")
        try walk.run(.escalate(to: "tim-pengaduan", reason: "perlu tim"), by: frontOffice)
        #expect(walk.state.active?.escalatedTo == "tim-pengaduan")
        try walk.complete("Ya", attach: ["catatan-register"], by: team)  // the escalation role may now do it
        #expect(walk.state.active?.step == "dapat-diselesaikan")
    }

    @Test("only the current step's outputs can be waived, and a waiver counts for that step only")
    func waivers() throws {
        var walk = try Walk(Shipped.langsung, fields: reporter, at: jakarta(2026, 11, 30, 9))
        var copy = walk
        #expect(refusal { try copy.complete(attach: ["formulir-pengaduan"], waive: ["catatan-register": "nanti"], by: frontOffice) } == "not-an-output")
        try walk.complete(waive: ["formulir-pengaduan": "formulir habis"], by: frontOffice)
        // Step 2 produces the form too: the waiver of step 1 does not count for it.
        copy = walk
        #expect(refusal { try copy.complete("Ya", attach: ["catatan-register"], by: frontOffice) } == "missing-output")
    }

    @Test("withdrawing, noting and attaching need a role in the workflow")
    func workflowRoles() throws {
        var walk = try Walk(Shipped.langsung, fields: reporter, at: jakarta(2026, 11, 30, 9))
        #expect(refusal { try walk.run(.withdraw(reason: "iseng"), by: mediaTeam) } == "missing-role")
        #expect(refusal { try walk.run(.note("x"), by: mediaTeam) } == "missing-role")
        #expect(refusal { try walk.run(.withdraw(reason: String(repeating: "x", count: 10_001)), by: frontOffice) } == "invalid-text")
        try walk.run(.withdraw(reason: "pelapor mencabut"), by: frontOffice)
        #expect(walk.state.status == .withdrawn)
    }
}

@Suite("Engine: the reporter's steps")
struct ReporterStepTests {
    @Test("are recorded by staff of the workflow only")
    func staffOfTheWorkflow() throws {
        var walk = try Walk(Shipped.langsung, fields: reporter, at: jakarta(2026, 11, 30, 9))
        let outsider = Performer(user: "tamu", roles: ["tim-media"])  // a role of the other SOP only
        var copy = walk
        #expect(throws: EngineError.self) { try copy.complete(attach: ["formulir-pengaduan"], by: outsider) }
        try walk.complete(attach: ["formulir-pengaduan"], by: team)
        #expect(walk.state.steps.last?.onBehalfOfReporter == true)
    }
}

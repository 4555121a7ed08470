import Foundation
import SOPEngine
import SOPService
import SOPStorage
import SOPStore
import Testing

/// A temporary workflows folder (a copy of the shipped one, revisions added by the test) and
/// database, with staff: siti (front office), budi (complaint team), admin.
final class MoveOffice {
    static let root: URL = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" && !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url.deleteLastPathComponent()
        }
        return url
    }()
    static let rev2 = try! String(contentsOf: root.appendingPathComponent("Tests/SOPDiffTests/Fixtures/pengaduan-langsung-rev2.yaml"), encoding: .utf8)
    /// Revision 3 with an error: step 4's actor is misspelt.
    static let rev3WithErrors = rev2.replacingOccurrences(of: "revision: 2", with: "revision: 3")
        .replacingOccurrences(of: "    actor: tim-pengaduan\n    budget: 4 jam", with: "    actor: tim-pengaduann\n    budget: 4 jam")

    let folder: URL
    let workflows: URL
    let store: SQLiteCaseStore
    let service: CaseService
    let now = Date(timeIntervalSince1970: 1_796_014_800)  // Mon 30 Nov 2026 09:00 WIB

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("sop-migration-\(UUID().uuidString)")
        workflows = folder.appendingPathComponent("workflows")
        try FileManager.default.createDirectory(at: workflows, withIntermediateDirectories: true)
        for name in ["jam-kerja-kebumen", "pengaduan-langsung", "pengaduan-media"] {
            try FileManager.default.copyItem(
                at: Self.root.appendingPathComponent("workflows/\(name).yaml"), to: workflows.appendingPathComponent("\(name).yaml"))
        }
        store = try SQLiteCaseStore(path: folder.appendingPathComponent("sop.sqlite").path)
        service = CaseService(store: store, workflowsFolder: workflows.path)
        _ = try service.setUp(identity: .declared, administrator: "admin", at: now)
        _ = try service.publish(service.planPublication(paths: [workflows.path]), by: "admin", at: now)
        try service.addStaff("siti", roles: ["front-office"], by: "admin", at: now)
        try service.addStaff("budi", roles: ["tim-pengaduan"], by: "admin", at: now)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// Writes a revision's file into the folder and publishes it, as an administrator would,
    /// when it has no errors.
    func add(_ name: String, _ text: String) throws {
        try text.write(to: workflows.appendingPathComponent(name), atomically: true, encoding: .utf8)
        let plan = service.planPublication(paths: [file(name)])
        if plan.errors.isEmpty { _ = try service.publish(plan, by: "admin", at: now) }
    }

    func file(_ name: String) -> String { workflows.appendingPathComponent(name).path }

    func at(minutes: Int) -> Date { now.addingTimeInterval(TimeInterval(minutes * 60)) }

    /// Opens a case and steps it: to step 3 (`dapat-diselesaikan`), or on to step 4 (`analisa`).
    @discardableResult
    func open(toAnalysis: Bool) throws -> CaseState {
        let document = folder.appendingPathComponent("dokumen.txt")
        try "isi".write(to: document, atomically: true, encoding: .utf8)
        let state = try service.open(
            workflow: "pengaduan-langsung", fields: ["nama": "Budi", "uraian": "KTP belum jadi"], channel: nil, attachments: [],
            user: "siti", at: now)
        let id = String(state.number)
        _ = try service.step(id, StepRequest(attachments: [AttachmentRequest(document: "formulir-pengaduan", path: document.path)]), user: "siti", at: now)
        var last = try service.step(id, StepRequest(branch: "Ya", attachments: [AttachmentRequest(document: "catatan-register", path: document.path)]), user: "siti", at: now)
        if toAnalysis { last = try service.step(id, StepRequest(branch: "Tidak"), user: "siti", at: at(minutes: 5)) }
        return last
    }

    /// The cases' revisions and versions, the events and the moves: to compare before and after.
    func snapshot() throws -> [String] {
        try store.cases(matching: CaseFilter()).map { "\($0.number) r\($0.workflow.revision) v\($0.version) \($0.currentStep?.rawValue ?? "-")" }
            + [String(try store.revisionMoves(workflow: nil).count)]
    }
}

/// The service's code of a refusal, or nil.
func serviceCode(_ body: () throws -> Void) -> String? {
    do {
        try body()
        return nil
    } catch {
        return (error as? ServiceError)?.code.rawValue ?? "\(error)"
    }
}

@Suite("Publishing: new cases start on the newest published revision")
struct PublicationServiceTests {
    @Test("the newest published revision, never a file only in the folder; a file with errors is never published")
    func newestPublished() throws {
        let office = try MoveOffice()
        #expect(try office.service.newestRevision(of: "pengaduan-langsung").engine.reference.revision == 1)
        try MoveOffice.rev2.write(to: office.workflows.appendingPathComponent("pengaduan-langsung-r2.yaml"), atomically: true, encoding: .utf8)
        #expect(try office.service.newestRevision(of: "pengaduan-langsung").engine.reference.revision == 1)
        try office.add("pengaduan-langsung-r2.yaml", MoveOffice.rev2)
        #expect(try office.service.newestRevision(of: "pengaduan-langsung").engine.reference.revision == 2)
        try office.add("pengaduan-langsung-r3.yaml", MoveOffice.rev3WithErrors)
        let plan = office.service.planPublication(paths: [office.file("pengaduan-langsung-r3.yaml")])
        #expect(plan.errors.map(\.code.id) == ["SOP0301"])
        #expect(serviceCode { _ = try office.service.publish(plan, by: "admin", at: office.now) } == "invalid-revision")
        let opened = try office.service.open(
            workflow: "pengaduan-langsung", fields: ["nama": "A", "uraian": "B"], channel: nil, attachments: [], user: "siti", at: office.now)
        #expect(opened.workflow.revision == 2)
        #expect(serviceCode { _ = try office.service.newestRevision(of: "pengaduan-langsungg") } == "workflow")
    }

    @Test("only an administrator publishes; the same text again records nothing; a published revision never changes its text")
    func publishingRules() throws {
        let office = try MoveOffice()
        let before = try office.service.publications()
        #expect(before.map(\.kind) == [.workflow, .workflow, .calendar])
        #expect(before.allSatisfy { $0.by == "admin" })
        let again = office.service.planPublication(paths: [office.workflows.path])
        #expect(try office.service.publish(again, by: "admin", at: office.now).published.isEmpty)
        try MoveOffice.rev2.write(to: office.workflows.appendingPathComponent("pengaduan-langsung-r2.yaml"), atomically: true, encoding: .utf8)
        let second = office.service.planPublication(paths: [office.file("pengaduan-langsung-r2.yaml")])
        #expect(serviceCode { _ = try office.service.publish(second, by: "siti", at: office.now) } == "not-administrator")
        #expect(serviceCode { _ = try office.service.publish(second, by: nil, at: office.now) } == "user")
        _ = try office.service.publish(second, by: "admin", at: office.now)
        // The same revision with another text: refused, and nothing of it written.
        try MoveOffice.rev2.replacingOccurrences(of: "budget: 4 jam", with: "budget: 2 jam")
            .write(to: office.workflows.appendingPathComponent("salinan.yaml"), atomically: true, encoding: .utf8)
        let copy = office.service.planPublication(paths: [office.file("salinan.yaml")])
        #expect(serviceCode { _ = try office.service.publish(copy, by: "admin", at: office.now) } == "revision-published")
        #expect(try office.service.publications().count == before.count + 1)
        // The same revision whose file says the same in other comments and blank lines (a header
        // comment corrected): nothing is published, the published text stays, and it is said.
        let publishedHash = try #require(try office.service.publications().last { $0.id == "pengaduan-langsung" }?.hash)
        try ("# SOP 067/12351, disahkan 11 September 2023.\n\n" + MoveOffice.rev2.replacingOccurrences(of: "\n", with: "\n\n"))
            .write(to: office.workflows.appendingPathComponent("salinan.yaml"), atomically: true, encoding: .utf8)
        let commented = office.service.planPublication(paths: [office.file("salinan.yaml")])
        for outcome in [
            try office.service.previewPublication(commented, by: "admin", at: office.now),
            try office.service.publish(commented, by: "admin", at: office.now),
        ] {
            #expect(outcome.published.isEmpty && outcome.wouldPublish.isEmpty, "\(outcome.published) \(outcome.wouldPublish)")
            #expect(outcome.publishedInOtherWords.map(\.hash) == [publishedHash])
            #expect(ReschedulingText.outcome(outcome, language: .id).contains("hanya berbeda komentar atau tata letak"))
        }
        #expect(try office.service.publications().count == before.count + 1)
        #expect(try office.store.workflowText(hash: publishedHash) == MoveOffice.rev2)
    }

    @Test("a calendar published anew is the one cases use from then on")
    func calendarUpdate() throws {
        let office = try MoveOffice()
        let path = office.file("jam-kerja-kebumen.yaml")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try (text + "\n# diperbarui\n").write(toFile: path, atomically: true, encoding: .utf8)
        let published = try office.service.publish(office.service.planPublication(paths: [path]), by: "admin", at: office.now)
        #expect(published.published.map(\.kind) == [.calendar])
        let calendars = try office.service.publications().filter { $0.kind == .calendar }
        #expect(calendars.count == 2)
        #expect(try office.store.calendarText(hash: calendars[1].hash)?.hasSuffix("# diperbarui\n") == true)
        // The folder's file is not what cases read: removing it changes nothing.
        try FileManager.default.removeItem(atPath: path)
        #expect(try office.service.newestRevision(of: "pengaduan-langsung").calendar.id.value == "jam-kerja-kebumen")
    }
}

@Suite("Moves between revisions through the service: every problem listed, all or nothing")
struct RevisionMoveServiceTests {
    @Test("a plan lists what each case would get and writes nothing")
    func plan() throws {
        let office = try MoveOffice()
        try office.open(toAnalysis: false)
        try office.open(toAnalysis: true)
        try office.add("pengaduan-langsung-r2.yaml", MoveOffice.rev2)
        let before = try office.snapshot()
        let plan = try office.service.planMove(MoveRequest(
            workflow: "pengaduan-langsung", revision: 2, mapping: [StepMapping(from: "dapat-diselesaikan", to: "analisa")]))
        #expect(plan.isPossible)
        #expect(plan.cases.map(\.fate) == [.mapped, .kept])
        #expect(plan.cases.map(\.stepDeadline) == [.later, .earlier])
        #expect(plan.file == "pengaduan-langsung@2")
        #expect(try office.snapshot() == before)
    }

    @Test("a mapping naming unknown steps (old or new side), twice, or none for a removed step: every problem at once")
    func mappingProblems() throws {
        let office = try MoveOffice()
        let case1 = try office.open(toAnalysis: false)
        try office.open(toAnalysis: true)
        try office.add("pengaduan-langsung-r2.yaml", MoveOffice.rev2)
        let plan = try office.service.planMove(MoveRequest(workflow: "pengaduan-langsung", revision: 2, mapping: [
            StepMapping(from: "dapat-diselesai", to: "analisa"),
            StepMapping(from: "analisa", to: "analisis"),
            StepMapping(from: "analisa", to: "register"),
        ]))
        #expect(!plan.isPossible)
        #expect(plan.problems.map(\.code) == ["mapped-twice", "unknown-new-step", "unknown-old-step", "step-not-mapped"])
        #expect(plan.problems[1].message.en.contains("did you mean 'analisa'?"))
        #expect(plan.problems[2].message.en.contains("did you mean 'dapat-diselesaikan'?"))
        #expect(plan.problems[3].cases == [case1.registerNumber])
        #expect(plan.problems[3].message.en.contains("--map dapat-diselesaikan=STEP"))
        let before = try office.snapshot()
        #expect(serviceCode { _ = try office.service.moveCases(plan, user: "admin", at: office.now) } == "migration")
        #expect(try office.snapshot() == before)
    }

    @Test("a lower revision, a revision with errors, a revision not in the folder: refused")
    func wrongRevisions() throws {
        let office = try MoveOffice()
        try office.open(toAnalysis: true)
        try office.add("pengaduan-langsung-r2.yaml", MoveOffice.rev2)
        try office.add("pengaduan-langsung-r3.yaml", MoveOffice.rev3WithErrors)
        do {
            _ = try office.service.planMove(MoveRequest(workflow: "pengaduan-langsung", revision: 3))
            Issue.record("a revision with errors was planned")
        } catch {
            #expect(error.code == .workflow)
            #expect(error.description.contains("revision 3 of 'pengaduan-langsung' is not published (published: revision 1, 2)"))
        }
        #expect(serviceCode { _ = try office.service.planMove(MoveRequest(workflow: "pengaduan-langsung", revision: 5)) } == "workflow")
        #expect(serviceCode { _ = try office.service.planMove(MoveRequest(workflow: "pengaduan-langsungg", revision: 2)) } == "workflow")
        #expect(serviceCode { _ = try office.service.planMove(MoveRequest(workflow: "pengaduan-langsung", revision: 0)) } == "usage")
        let plan = try office.service.planMove(MoveRequest(workflow: "pengaduan-langsung", revision: 2))
        let record = try office.service.moveCases(plan, user: "admin", at: office.at(minutes: 60))
        #expect(record.id == "M1")
        do {
            _ = try office.service.planMove(MoveRequest(workflow: "pengaduan-langsung", revision: 1))
            Issue.record("a move backwards was planned")
        } catch {
            #expect(error.code == .moveBackwards)
            #expect(error.description.contains("067/PGD/2026/000001"))
        }
        // Nothing older than revision 2 is left: nothing to do.
        let empty = try office.service.planMove(MoveRequest(workflow: "pengaduan-langsung", revision: 2))
        #expect(empty.cases.isEmpty && empty.problems.isEmpty && !empty.isPossible)
        #expect(serviceCode { _ = try office.service.moveCases(empty, user: "admin", at: office.now) } == "nothing-to-migrate")
    }

    @Test("only administrators move and undo")
    func administrators() throws {
        let office = try MoveOffice()
        try office.open(toAnalysis: true)
        try office.add("pengaduan-langsung-r2.yaml", MoveOffice.rev2)
        let plan = try office.service.planMove(MoveRequest(workflow: "pengaduan-langsung", revision: 2))
        #expect(serviceCode { _ = try office.service.moveCases(plan, user: "budi", at: office.now) } == "not-administrator")
        #expect(serviceCode { _ = try office.service.moveCases(plan, user: nil, at: office.now) } == "user")
        // Never dated before a case's last event, as every write.
        #expect(serviceCode { _ = try office.service.moveCases(plan, user: "admin", at: office.now) } == "before-last-event")
        _ = try office.service.moveCases(plan, user: "admin", at: office.at(minutes: 60))
        #expect(serviceCode { _ = try office.service.undoMove("M1", user: "siti", at: office.at(minutes: 61)) } == "not-administrator")
        #expect(serviceCode { try office.service.addStaff("ani", roles: ["administrator"], by: "admin", at: office.now) } == "user")
    }

    /// A crash half way: the last case changes between planning and writing, after the others
    /// were written inside the transaction. The database holds every case moved, or none.
    @Test("a case that changed after planning refuses the whole move: nothing is written")
    func halfWay() throws {
        let office = try MoveOffice()
        for _ in 0..<3 { try office.open(toAnalysis: true) }
        try office.add("pengaduan-langsung-r2.yaml", MoveOffice.rev2)
        let plan = try office.service.planMove(MoveRequest(workflow: "pengaduan-langsung", revision: 2))
        #expect(plan.cases.count == 3)
        _ = try office.service.note("3", text: "pelapor menelepon", user: "siti", at: office.at(minutes: 30))
        let before = try office.snapshot()
        #expect(serviceCode { _ = try office.service.moveCases(plan, user: "admin", at: office.at(minutes: 60)) } == "conflict")
        #expect(try office.snapshot() == before)
        #expect(try office.store.cases(matching: CaseFilter()).allSatisfy { $0.workflow.revision == 1 })
        for number in 1...3 {
            let events = try #require(try office.store.loadCase(String(number))?.events)
            #expect(!events.contains { if case .moved = $0.kind { true } else { false } })
        }
        // Planned again, it goes through, as M1.
        let again = try office.service.planMove(MoveRequest(workflow: "pengaduan-langsung", revision: 2))
        #expect(try office.service.moveCases(again, user: "admin", at: office.at(minutes: 60)).id == "M1")
    }

    @Test("under load: a case changed after planning makes the move plan again from the cases as they are, and go through")
    func replanned() throws {
        let office = try MoveOffice()
        for _ in 0..<3 { try office.open(toAnalysis: true) }
        try office.add("pengaduan-langsung-r2.yaml", MoveOffice.rev2)
        let request = MoveRequest(workflow: "pengaduan-langsung", revision: 2)
        let stale = try office.service.planMove(request)
        _ = try office.service.note("3", text: "pelapor menelepon", user: "siti", at: office.at(minutes: 30))
        let (record, attempts) = try office.service.moveCases(request, plan: stale, user: "admin", at: office.at(minutes: 60))
        #expect(attempts == 2)
        #expect(record.cases.map(\.number) == [1, 2, 3])
        #expect(try office.store.cases(matching: CaseFilter()).allSatisfy { $0.workflow.revision == 2 })
        // The note written meanwhile is kept, before the move.
        let events = try #require(try office.store.loadCase("3")?.events)
        #expect(events.contains { $0.kind == .noteAdded("pelapor menelepon") })
        #expect(try office.store.verify(extending: []).isIntact)
        // With no time to try again, the stale plan is refused and nothing is written.
        let other = try MoveOffice()
        try other.open(toAnalysis: true)
        try other.add("pengaduan-langsung-r2.yaml", MoveOffice.rev2)
        let old = try other.service.planMove(request)
        _ = try other.service.note("1", text: "lagi", user: "siti", at: other.at(minutes: 30))
        #expect(serviceCode { _ = try other.service.moveCases(request, plan: old, user: "admin", at: other.at(minutes: 60), within: .zero) } == "conflict")
        #expect(try other.store.cases(matching: CaseFilter()).allSatisfy { $0.workflow.revision == 1 })
    }

    @Test("undo: refused once a moved case advanced (naming it), or for an unknown id; otherwise every case goes back")
    func undo() throws {
        let office = try MoveOffice()
        try office.open(toAnalysis: true)
        let second = try office.open(toAnalysis: true)
        try office.add("pengaduan-langsung-r2.yaml", MoveOffice.rev2)
        let plan = try office.service.planMove(MoveRequest(workflow: "pengaduan-langsung", revision: 2))
        _ = try office.service.moveCases(plan, user: "admin", at: office.at(minutes: 60))
        #expect(serviceCode { _ = try office.service.undoMove("M9", user: "admin", at: office.now) } == "unknown-migration")
        #expect(serviceCode { _ = try office.service.undoMove("hapus", user: "admin", at: office.now) } == "unknown-migration")
        _ = try office.service.note("2", text: "sudah dianalisa sebagian", user: "budi", at: office.at(minutes: 70))
        let before = try office.snapshot()
        do {
            _ = try office.service.undoMove("M1", user: "admin", at: office.at(minutes: 80))
            Issue.record("a move was undone after a moved case advanced")
        } catch {
            #expect(error.code == .caseAdvanced)
            #expect(error.description.contains(second.registerNumber))
            #expect(!error.description.contains("067/PGD/2026/000001"))
        }
        #expect(try office.snapshot() == before)
    }

    @Test("undo puts every moved case back, once; the cases then go on on their old revision")
    func undoDone() throws {
        let office = try MoveOffice()
        try office.open(toAnalysis: false)
        try office.open(toAnalysis: true)
        try office.add("pengaduan-langsung-r2.yaml", MoveOffice.rev2)
        let before = try office.store.cases(matching: CaseFilter())
        let plan = try office.service.planMove(MoveRequest(
            workflow: "pengaduan-langsung", revision: 2, mapping: [StepMapping(from: "dapat-diselesaikan", to: "analisa")]))
        let record = try office.service.moveCases(plan, user: "admin", at: office.at(minutes: 60))
        #expect(record.cases.map(\.step) == ["analisa", "analisa"])
        #expect(try office.service.revisionMoves(workflow: "pengaduan-langsung").map(\.id) == ["M1"])
        let undone = try office.service.undoMove("m1", user: "admin", at: office.at(minutes: 61))
        #expect(undone.undoneBy == "admin")
        let after = try office.store.cases(matching: CaseFilter())
        #expect(after.map(\.workflow) == before.map(\.workflow))
        #expect(after.map(\.currentStep) == before.map(\.currentStep))
        #expect(after.map(\.stepDueAt) == before.map(\.stepDueAt))
        #expect(after.map(\.dueAt) == before.map(\.dueAt))
        #expect(serviceCode { _ = try office.service.undoMove("M1", user: "admin", at: office.now) } == "already-undone")
        // Back on revision 1, case 1 stands on the step revision 2 dropped, and goes on.
        let resolved = try office.service.step("1", StepRequest(branch: "Ya"), user: "siti", at: office.at(minutes: 62))
        #expect(resolved.status == .resolved)
        let timeline = try office.service.timeline("1", now: office.at(minutes: 63))
        #expect(timeline.revisionChanges.map(\.isUndo) == [false, true])
    }
}

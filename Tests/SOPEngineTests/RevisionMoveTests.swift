import Foundation
import SOPEngine
import SOPLoading
import SOPModel
import Testing

/// Revision 2 of 067/12351 (step 3 dropped, step 4 shortened to 4 jam), and a revision 3 whose
/// analysis step also needs the proof of follow-up before it.
enum Revisions {
    static let rev2Text = try! String(
        contentsOf: Shipped.root.appendingPathComponent("Tests/SOPDiffTests/Fixtures/pengaduan-langsung-rev2.yaml"), encoding: .utf8)
    static let rev3Text = rev2Text.replacingOccurrences(of: "revision: 2", with: "revision: 3").replacingOccurrences(
        of: "budget: 4 jam\n    inputs:\n      - formulir-pengaduan\n",
        with: "budget: 4 jam\n    inputs:\n      - formulir-pengaduan\n      - bukti-hasil-tindak-lanjut\n")

    static func engine(_ text: String, hash: String) -> Engine {
        let workflow = Loader.load(text: text, file: hash).workflow!
        return Engine(
            workflow: workflow, reference: WorkflowReference(id: workflow.id.value, revision: workflow.revision.value, contentHash: hash),
            workingTime: Shipped.workingTime)
    }

    static let rev2 = engine(rev2Text, hash: "rev2")
    static let rev3 = engine(rev3Text, hash: "rev3")
}

let admin = Performer(user: "admin", roles: ["admin"])

@Suite("Engine: moving cases between revisions")
struct RevisionMoveTests {
    /// A case of revision 1 on step 3 (dapat-diselesaikan, since 09:10).
    static func onStep3() throws -> Walk {
        var walk = try Walk(Shipped.langsung, fields: reporter, at: jakarta(2026, 11, 30, 9))
        try walk.complete(attach: ["formulir-pengaduan"], by: frontOffice)
        try walk.complete("Ya", attach: ["catatan-register"], by: frontOffice)
        return walk
    }

    /// A case of revision 1 on step 4 (analisa, since 09:15, due a working day later).
    static func onAnalysis() throws -> Walk {
        var walk = try onStep3()
        try walk.complete("Tidak", by: frontOffice)
        return walk
    }

    static let eleven = jakarta(2026, 11, 30, 11)

    @Test("a kept step gets the new budget from its start; the case goes on under the new revision")
    func keptStep() throws {
        let walk = try Self.onAnalysis()
        let before = walk.state
        #expect(before.active?.dueAt == jakarta(2026, 12, 1, 9, 15))
        let impact = try #require(Revisions.rev2.impact(on: before, from: Shipped.langsung.workflow, mapping: []))
        #expect(impact.fate == .kept)
        #expect(impact.newStepDueAt == jakarta(2026, 11, 30, 13, 15))
        #expect(impact.stepDeadline == .earlier)
        #expect(impact.caseDeadline == .unchanged)
        #expect(!impact.isBlocked)
        let event = try Revisions.rev2.move(before, from: Shipped.langsung.workflow, mapping: [], move: "M1", by: admin, at: Self.eleven)
        #expect(event.sequence == before.version + 1)
        #expect(event.by == "admin")
        guard case .moved(let move) = event.kind else { Issue.record("not a move: \(event.kind)"); return }
        #expect(move.from == Shipped.langsung.reference)
        #expect(move.to == Revisions.rev2.reference)
        #expect(move.fromStep == "analisa" && move.step == "analisa")
        #expect(move.stepDueAt == jakarta(2026, 11, 30, 13, 15))
        #expect(move.dueAt == Revisions.rev2.caseDue(openedAt: before.openedAt))
        #expect(move.actors == ["tim-pengaduan"])
        #expect(!move.waitsForReporter)
        var state = before
        let applied = state.apply(event)
        #expect(applied)
        #expect(state.workflow == Revisions.rev2.reference)
        #expect(state.active?.startedAt == before.active?.startedAt)
        #expect(state.active?.dueAt == jakarta(2026, 11, 30, 13, 15))
        #expect(state.revisionChanges == [RevisionChange(
            move: "M1", isUndo: false, from: Shipped.langsung.reference, to: Revisions.rev2.reference, fromStep: "analisa",
            step: "analisa", at: Self.eleven, by: "admin")])
        #expect(CaseState.fold(walk.events + [event]) == state)
        // The case goes on under revision 2.
        let next = try Revisions.rev2.handle(
            .complete(step: nil, branch: nil, attachments: [Walk.document("rancangan-tindak-lanjut")], waivers: [:], note: nil),
            on: state, by: team, at: Self.eleven)
        #expect(CaseState.fold(walk.events + [event] + next)?.active?.step == "tindak-lanjut")
    }

    @Test("a removed step needs a mapping; the mapped step's budget counts from the step's start")
    func removedStep() throws {
        let state = try Self.onStep3().state
        #expect(Revisions.rev2.impact(on: state, from: Shipped.langsung.workflow, mapping: [])?.fate == .missing)
        do {
            _ = try Revisions.rev2.move(state, from: Shipped.langsung.workflow, mapping: [], move: "M1", by: admin, at: Self.eleven)
            Issue.record("a case on a removed step moved without a mapping")
        } catch {
            #expect(error.code == .stepNotMapped)
            #expect(error.description.contains("--map dapat-diselesaikan=NEW_STEP"))
        }
        let mapping = [StepMapping(from: "dapat-diselesaikan", to: "analisa")]
        let impact = try #require(Revisions.rev2.impact(on: state, from: Shipped.langsung.workflow, mapping: mapping))
        #expect(impact.fate == .mapped)
        #expect(impact.newStep == "analisa")
        #expect(impact.stepDeadline == .later)
        let event = try Revisions.rev2.move(state, from: Shipped.langsung.workflow, mapping: mapping, move: "M1", by: admin, at: Self.eleven)
        var moved = state
        let applied = moved.apply(event)
        #expect(applied)
        #expect(moved.active?.step == "analisa")
        #expect(moved.active?.startedAt == jakarta(2026, 11, 30, 9, 10))
        #expect(moved.active?.dueAt == jakarta(2026, 11, 30, 13, 10))
        #expect(moved.active?.actors == ["tim-pengaduan"])
        // A mapping onto a step the revision does not have.
        let wrong = [StepMapping(from: "dapat-diselesaikan", to: "analisis")]
        #expect(Revisions.rev2.impact(on: state, from: Shipped.langsung.workflow, mapping: wrong)?.fate == .unknownTarget)
        #expect(engineCode { _ = try Revisions.rev2.move(state, from: Shipped.langsung.workflow, mapping: wrong, move: "M1", by: admin, at: Self.eleven) } == "unknown-step")
    }

    @Test("only administrators move, only forward, only open cases")
    func refusals() throws {
        let state = try Self.onAnalysis().state
        #expect(engineCode { _ = try Revisions.rev2.move(state, from: Shipped.langsung.workflow, mapping: [], move: "M1", by: team, at: Self.eleven) } == "not-administrator")
        let event = try Revisions.rev2.move(state, from: Shipped.langsung.workflow, mapping: [], move: "M1", by: admin, at: Self.eleven)
        var moved = state
        let applied = moved.apply(event)
        #expect(applied)
        #expect(engineCode { _ = try Shipped.langsung.move(moved, from: Revisions.rev2.workflow, mapping: [], move: "M2", by: admin, at: Self.eleven) } == "migration-backwards")
        #expect(engineCode { _ = try Revisions.rev2.move(moved, from: Revisions.rev2.workflow, mapping: [], move: "M2", by: admin, at: Self.eleven) } == "migration-backwards")
        // The revision given as the case's own must be the one it runs on.
        #expect(engineCode { _ = try Revisions.rev3.move(state, from: Revisions.rev2.workflow, mapping: [], move: "M2", by: admin, at: Self.eleven) } == "workflow")
        var ended = try Self.onStep3()
        try ended.complete("Ya", by: frontOffice)
        #expect(engineCode { _ = try Revisions.rev2.move(ended.state, from: Shipped.langsung.workflow, mapping: [], move: "M1", by: admin, at: Self.eleven) } == "case-ended")
        #expect(Revisions.rev2.impact(on: ended.state, from: Shipped.langsung.workflow, mapping: []) == nil)
    }

    @Test("a document the new step needs now and the case lacks stops the move; one lacked before does not")
    func documents() throws {
        var walk = try Self.onAnalysis()
        let impact = try #require(Revisions.rev3.impact(on: walk.state, from: Shipped.langsung.workflow, mapping: []))
        let proof = try #require(impact.missingDocuments.first { $0.document == "bukti-hasil-tindak-lanjut" })
        #expect(proof.isNeededNow && proof.blocksMove && !proof.wasMissingBefore)
        #expect(proof.neededBy == ["analisa"])
        // The register needs a file no step produces, under both revisions: lacking, but not new.
        let file = try #require(impact.missingDocuments.first { $0.document == "berkas-pengaduan" })
        #expect(!file.isNeededNow && !file.blocksMove && file.wasMissingBefore)
        #expect(file.neededBy == ["register"])
        // Produced on the way: the draft follow-up is analisa's own output, needed later.
        #expect(!impact.missingDocuments.contains { $0.document == "rancangan-tindak-lanjut" })
        #expect(impact.isBlocked)
        #expect(engineCode { _ = try Revisions.rev3.move(walk.state, from: Shipped.langsung.workflow, mapping: [], move: "M1", by: admin, at: Self.eleven) } == "documents-missing")
        // Attached: the move goes ahead.
        try walk.run(.attach(Walk.document("bukti-hasil-tindak-lanjut")), by: frontOffice)
        #expect(Revisions.rev3.impact(on: walk.state, from: Shipped.langsung.workflow, mapping: [])?.isBlocked == false)
        _ = try Revisions.rev3.move(walk.state, from: Shipped.langsung.workflow, mapping: [], move: "M1", by: admin, at: Self.eleven)
    }

    @Test("a case on the register keeps lacking what revision 1 never produced: not a reason to refuse")
    func registerStep() throws {
        var walk = try Self.onAnalysis()
        try walk.complete(attach: ["rancangan-tindak-lanjut"], by: team)
        try walk.complete(attach: ["bukti-hasil-tindak-lanjut"], by: team)
        try walk.complete(attach: ["tanggapan-pelapor"], by: frontOffice)
        #expect(walk.state.active?.step == "register")
        let impact = try #require(Revisions.rev2.impact(on: walk.state, from: Shipped.langsung.workflow, mapping: []))
        #expect(impact.missingDocuments.map(\.document) == ["berkas-pengaduan"])
        #expect(impact.missingDocuments.first?.isNeededNow == true)
        #expect(impact.missingDocuments.first?.blocksMove == false)
        #expect(!impact.isBlocked)
    }

    @Test("undo puts back the revision, step, deadlines and waiting, only while nothing happened since")
    func undo() throws {
        let walk = try Self.onStep3()
        let mapping = [StepMapping(from: "dapat-diselesaikan", to: "isi-formulir")]
        let event = try Revisions.rev2.move(walk.state, from: Shipped.langsung.workflow, mapping: mapping, move: "M1", by: admin, at: Self.eleven)
        var events = walk.events + [event]
        let moved = try #require(CaseState.fold(events))
        #expect(moved.status == .waitingForReporter)
        #expect(moved.active?.step == "isi-formulir")
        #expect(engineCode { _ = try Engine.undoMove("M1", events: events, by: team, at: Self.eleven) } == "not-administrator")
        #expect(engineCode { _ = try Engine.undoMove("M2", events: events, by: admin, at: Self.eleven) } == "not-migrated")
        let undo = try Engine.undoMove("M1", events: events, by: admin, at: Self.eleven + 60)
        guard case .moveUndone(let back) = undo.kind else { Issue.record("not an undo: \(undo.kind)"); return }
        #expect(back.move == "M1" && back.from == Revisions.rev2.reference && back.to == Shipped.langsung.reference)
        #expect(back.mapping == mapping)
        events.append(undo)
        let restored = try #require(CaseState.fold(events))
        #expect(restored.workflow == walk.state.workflow)
        #expect(restored.active == walk.state.active)
        #expect(restored.dueAt == walk.state.dueAt)
        #expect(restored.status == .open)
        #expect(restored.reporterWaits.last?.end == Self.eleven + 60)
        #expect(restored.revisionChanges.map(\.isUndo) == [false, true])
        // Undone already: the last move of M1 is not its last event.
        #expect(engineCode { _ = try Engine.undoMove("M1", events: events, by: admin, at: Self.eleven) } == "case-advanced")
        // Anything after the move refuses the undo.
        var advanced = walk.events + [event]
        advanced.append(CaseEvent(sequence: advanced.count + 1, at: Self.eleven, by: "siti", kind: .noteAdded("sela")))
        #expect(engineCode { _ = try Engine.undoMove("M1", events: advanced, by: admin, at: Self.eleven) } == "case-advanced")
    }

    @Test("the fold refuses a move that does not start where the case stands")
    func foldChecks() throws {
        let state = try Self.onAnalysis().state
        let event = try Revisions.rev2.move(state, from: Shipped.langsung.workflow, mapping: [], move: "M1", by: admin, at: Self.eleven)
        guard case .moved(let move) = event.kind else { return }
        var wrongStep = move
        wrongStep.fromStep = "periksa-kelengkapan"
        var wrongRevision = move
        wrongRevision.from = Revisions.rev3.reference
        for kind in [CaseEvent.Kind.moved(wrongStep), .moved(wrongRevision), .moveUndone(wrongStep)] {
            var copy = state
            let applied = copy.apply(CaseEvent(sequence: state.version + 1, at: Self.eleven, by: "admin", kind: kind))
            #expect(!applied)
            #expect(copy == state)
        }
    }

    @Test(arguments: ["a=b", " a = b "]) func mappingsAreRead(_ text: String) {
        #expect(StepMapping(parsing: text) == StepMapping(from: "a", to: "b"))
    }

    @Test(arguments: ["a", "=b", "a=", "a=b=c", ""]) func otherMappingsAreNot(_ text: String) {
        #expect(StepMapping(parsing: text) == nil)
    }
}

/// The engine error's code, or nil when the closure did not throw one.
func engineCode(_ body: () throws -> Void) -> String? {
    do {
        try body()
        return nil
    } catch {
        return (error as? EngineError)?.code.rawValue ?? "\(error)"
    }
}

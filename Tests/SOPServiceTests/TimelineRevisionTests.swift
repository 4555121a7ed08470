import Foundation
import SOPEngine
import SOPService
import SOPStorage
import Testing

/// After a move between revisions, each step of a case's timeline is shown as the revision it ran on had it:
/// its number, activity and budget.
@Suite("Timeline: steps shown as the revision they ran on had them")
struct TimelineRevisionTests {
    /// Revision 2 of the shipped fixture (step 3 removed, analisa 1 hari → 4 jam), with
    /// tindak-lanjut's budget raised from 1 hari to 2 hari.
    static let rev2 = MoveOffice.rev2.replacingOccurrences(
        of: "    budget: 1 hari\n    inputs: [rancangan-tindak-lanjut]", with: "    budget: 2 hari\n    inputs: [rancangan-tindak-lanjut]")

    /// Case 1 finishes analisa under revision 1 and stands on tindak-lanjut; case 2 stands on
    /// analisa. Both move to revision 2; case 2 then finishes analisa under revision 2. With
    /// `instant`, everything from the end of step 3 on happens at one instant (a fixed clock), to
    /// check how a move at the very moment a step ended is ordered.
    func scenario(instant: Bool) throws -> (office: MoveOffice, later: Date) {
        let office = try MoveOffice()
        // `open(toAnalysis:)` ends its last step 5 minutes after opening.
        let time = { (minutes: Int) in office.at(minutes: instant ? 5 : minutes) }
        let document = office.folder.appendingPathComponent("rancangan.txt")
        try "rancangan".write(to: document, atomically: true, encoding: .utf8)
        let draft = [AttachmentRequest(document: "rancangan-tindak-lanjut", path: document.path)]
        try office.open(toAnalysis: true)
        try office.open(toAnalysis: true)
        _ = try office.service.step("1", StepRequest(attachments: draft), user: "budi", at: time(60))
        try office.add("pengaduan-langsung-r2.yaml", Self.rev2)
        let plan = try office.service.planMove(MoveRequest(workflow: "pengaduan-langsung", revision: 2))
        #expect(plan.cases.map(\.fate) == [.kept, .kept])
        _ = try office.service.moveCases(plan, user: "admin", at: time(90))
        _ = try office.service.step("2", StepRequest(attachments: draft), user: "budi", at: time(120))
        return (office, time(130))
    }

    @Test("a step finished before the move keeps its revision's budget and number; the current step has the new ones",
          arguments: [false, true])
    func finishedBeforeTheMove(instant: Bool) throws {
        let (office, later) = try scenario(instant: instant)
        let timeline = try office.service.timeline("1", now: later)
        #expect(timeline.revision == 2)
        #expect(timeline.steps.map(\.step) == ["isi-formulir", "periksa-kelengkapan", "dapat-diselesaikan", "analisa", "tindak-lanjut"])
        // Steps 1 to 4 ran on revision 1: analisa was step 4 there, with a budget of 1 hari.
        #expect(timeline.steps.map(\.number) == [1, 2, 3, 4, 4])
        #expect(timeline.steps.map(\.budget) == ["15 menit", "15 menit", "10 menit", "1 hari", "2 hari"])
        #expect(timeline.steps[2].activity == "Pengaduan dapat diselesaikan oleh staf front office")
        #expect(timeline.steps[3].actors == ["Tim Pengelola Pengaduan"])
        #expect(timeline.steps[3].sla == .onTime)
        #expect(timeline.steps.last?.ending == "open")
        let state = try office.service.load("1").state
        let hashes = CaseTimeline.revisions(of: state)
        let first = try #require(state.revisionChanges.first)
        #expect(hashes == Array(repeating: first.from.contentHash, count: 4))
    }

    @Test("a step the case stood on while it moved belongs to the revision it moved to", arguments: [false, true])
    func movedWithTheCase(instant: Bool) throws {
        let (office, later) = try scenario(instant: instant)
        let timeline = try office.service.timeline("2", now: later)
        #expect(timeline.steps.map(\.step) == ["isi-formulir", "periksa-kelengkapan", "dapat-diselesaikan", "analisa", "tindak-lanjut"])
        // analisa ended under revision 2, its due reckoned there with 4 jam: step 3 of revision 2.
        #expect(timeline.steps.map(\.number) == [1, 2, 3, 3, 4])
        #expect(timeline.steps.map(\.budget) == ["15 menit", "15 menit", "10 menit", "4 jam", "2 hari"])
        let state = try office.service.load("2").state
        let change = try #require(state.revisionChanges.first)
        #expect(CaseTimeline.revisions(of: state) == [change.from.contentHash, change.from.contentHash, change.from.contentHash, change.to.contentHash])
    }

    @Test("a case never moved: every step on the revision it runs on")
    func neverMoved() throws {
        let office = try MoveOffice()
        let state = try office.open(toAnalysis: true)
        #expect(CaseTimeline.revisions(of: state) == Array(repeating: state.workflow.contentHash, count: 3))
        let timeline = try office.service.timeline("1", now: office.at(minutes: 10))
        #expect(timeline.steps.map(\.budget) == ["15 menit", "15 menit", "10 menit", "1 hari"])
        #expect(timeline.steps.map(\.number) == [1, 2, 3, 4])
    }
}

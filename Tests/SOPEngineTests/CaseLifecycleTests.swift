import Foundation
import Testing
import SOPEngine
import SOPModel

/// The lifecycle of a case is one value: the fold refuses an event that would make a state no
/// command can make, and what staff read (status, active step, outcome) is derived from it.
@Suite("Case lifecycle: one value, impossible states refused")
struct CaseLifecycleTests {
    static let opened = jakarta(2026, 11, 30, 9)
    static let reference = WorkflowReference(id: "uji", revision: 1, contentHash: String(repeating: "0", count: 64))

    /// A case opened and standing on `step`.
    func onStep(_ step: StepID = "periksa", waitsForReporter: Bool = false) throws -> CaseState {
        let opening = CaseEvent(sequence: 1, at: Self.opened, by: "ani", kind: .opened(CaseEvent.Opened(
            number: 1, registerNumber: "067/PGD/2026/000001", workflow: Self.reference, fields: [:], channel: nil,
            dueAt: Self.opened.addingTimeInterval(86_400))))
        var state = try #require(CaseState(opening: opening))
        #expect(state.lifecycle == .betweenSteps)
        state = try #require(state.applying(CaseEvent(sequence: 2, at: Self.opened, by: "ani", kind: .stepStarted(
            step: step, dueAt: Self.opened.addingTimeInterval(3600), waitsForReporter: waitsForReporter, actors: ["front-office"]))))
        return state
    }

    func ended(_ state: CaseState, _ status: CaseStatus, outcome: OutcomeID?, handedOffTo: HandoffTarget?) -> CaseEvent {
        CaseEvent(sequence: state.version + 1, at: Self.opened.addingTimeInterval(60), by: "ani", kind: .ended(
            status: status, outcome: outcome, handedOffTo: handedOffTo, reason: nil))
    }

    @Test("status, step, outcome and end time are read from the lifecycle")
    func derived() throws {
        var state = try onStep(waitsForReporter: true)
        #expect(state.status == .waitingForReporter)
        #expect(state.active?.step == "periksa")
        #expect(state.outcome == nil && state.closedAt == nil && state.ending == nil)
        state = try #require(state.applying(ended(state, .rejected, outcome: "ditolak", handedOffTo: nil)))
        #expect(state.status == .rejected)
        #expect(state.outcome == "ditolak")
        #expect(state.active == nil)
        #expect(state.closedAt == Self.opened.addingTimeInterval(60))
        // The wait on the reporter ends with the case.
        #expect(state.reporterWaits.count == 1 && state.reporterWaits[0].end == state.closedAt)
    }

    @Test("an ending no command makes does not apply", arguments: [
        (CaseStatus.open, OutcomeID?.some("selesai"), HandoffTarget?.none),
        (.waitingForReporter, nil, nil),
        (.withdrawn, "selesai", nil),
        (.resolved, nil, nil),
        (.closed, nil, nil),
        (.closed, "selesai", .workflow("pengaduan-online")),
        (.resolved, nil, .workflow("pengaduan-online")),
        (.withdrawn, nil, .title("SOP Perubahan Data")),
    ])
    func impossibleEndings(status: CaseStatus, outcome: OutcomeID?, handedOffTo: HandoffTarget?) throws {
        let state = try onStep()
        #expect(state.applying(ended(state, status, outcome: outcome, handedOffTo: handedOffTo)) == nil)
    }

    @Test("an ended case takes no further event but a note")
    func endedTakesNothing() throws {
        var state = try onStep()
        state = try #require(state.applying(ended(state, .closed, outcome: nil, handedOffTo: .workflow("pengaduan-online"))))
        #expect(state.handedOffTo == .workflow("pengaduan-online") && state.status == .closed)
        let at = Self.opened.addingTimeInterval(120)
        let refused: [CaseEvent.Kind] = [
            .stepStarted(step: "periksa", dueAt: at, waitsForReporter: false),
            .stepCompleted(step: "periksa", branch: nil, onBehalfOfReporter: false),
            .escalated(step: "periksa", to: "kepala", reason: nil),
            .documentAttached(AttachedDocument(document: "surat", sha256: String(repeating: "a", count: 64), fileName: "a.pdf", size: 1, step: nil)),
            .ended(status: .withdrawn, outcome: nil, handedOffTo: nil, reason: "x"),
        ]
        for kind in refused {
            #expect(state.applying(CaseEvent(sequence: state.version + 1, at: at, by: "ani", kind: kind)) == nil, "\(kind.name)")
        }
        #expect(state.applying(CaseEvent(sequence: state.version + 1, at: at, by: "ani", kind: .noteAdded("arsip"))) != nil)
    }

    @Test("a step is started only between steps, and waived only at the step it stands on")
    func betweenSteps() throws {
        var state = try onStep()
        let at = Self.opened.addingTimeInterval(30)
        #expect(state.applying(CaseEvent(sequence: state.version + 1, at: at, by: "ani", kind: .stepStarted(
            step: "lain", dueAt: at, waitsForReporter: false))) == nil)
        #expect(state.applying(CaseEvent(sequence: state.version + 1, at: at, by: "ani", kind: .documentWaived(
            document: "surat", step: "lain", reason: "tidak ada"))) == nil)
        state = try #require(state.applying(CaseEvent(sequence: state.version + 1, at: at, by: "ani", kind: .stepCompleted(
            step: "periksa", branch: nil, onBehalfOfReporter: false))))
        #expect(state.lifecycle == .betweenSteps && state.status == .open && state.active == nil)
        #expect(state.steps.map(\.step) == ["periksa"])
    }
}

extension CaseState {
    /// The state after one more event, or nil when it does not apply.
    func applying(_ event: CaseEvent) -> CaseState? {
        var copy = self
        return copy.apply(event) ? copy : nil
    }
}

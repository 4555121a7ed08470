import Foundation
import SOPEngine
import SOPLoading
import SOPModel
import Testing

@Suite("Engine: a step done together with someone outside the office")
struct JointResidentTests {
    static let engine: Engine = {
        let text = try! String(
            contentsOf: Shipped.root.appendingPathComponent("Tests/SOPValidationTests/Fixtures/valid/joint-resident.yaml"), encoding: .utf8)
        let workflow = Loader.load(text: text, file: "joint-resident.yaml").workflow!
        return Engine(
            workflow: workflow, reference: WorkflowReference(id: workflow.id.value, revision: 1, contentHash: "bersama"),
            workingTime: Shipped.workingTime)
    }()

    @Test("the office's actor ends the step, recording the resident's part on their behalf; the event keeps it through JSON")
    func operatorEndsIt() throws {
        let operatorOnDuty = Performer(user: "dedi", roles: ["operator"])
        var walk = try Walk(Self.engine, fields: [:], at: jakarta(2026, 11, 30, 9), by: operatorOnDuty)
        try walk.complete(by: operatorOnDuty)
        #expect(walk.state.active?.step == "rekam")
        let before = walk.events.count
        try walk.complete(attach: ["data-biometrik"], by: operatorOnDuty)
        let kinds = walk.events[before...].map(\.kind)
        #expect(kinds.contains(.stepContributed(step: "rekam", role: "penduduk", onBehalfOfReporter: true)))
        #expect(kinds.contains(.stepCompleted(step: "rekam", branch: nil, onBehalfOfReporter: false)))
        #expect(walk.state.active?.step == "verifikasi")
        let decoded = try walk.events.map { try JSONDecoder().decode(CaseEvent.self, from: JSONEncoder().encode($0)) }
        #expect(decoded == walk.events)
        // Someone who holds no role of the step cannot do it for them.
        var other = try Walk(Self.engine, fields: [:], at: jakarta(2026, 11, 30, 9), by: operatorOnDuty)
        try other.complete(by: operatorOnDuty)
        #expect(throws: EngineError.self) { try other.complete(attach: ["data-biometrik"], by: Performer(user: "tamu", roles: ["lain"])) }
    }
}

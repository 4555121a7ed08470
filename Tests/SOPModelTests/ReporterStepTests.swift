import SOPModel
import Testing

@Suite("Workflow.isReporterStep")
struct ReporterStepTests {
    static let workflow = """
        kind: Workflow
        id: pelapor
        revision: 1
        title: Pelapor
        document: { number: "1" }
        actors:
          pelapor: { name: Pelapor, external: true }
          kuasa: { name: Kuasa pelapor, external: true }
          staf: { name: Staf }
        outcomes: { selesai: { name: Selesai, status: resolved } }
        steps:
          - { id: isi, activity: Isi formulir, actor: pelapor, budget: 15 menit, next: bersama }
          - { id: bersama, activity: Tanda tangan, actor: { all: [pelapor, kuasa] }, budget: 15 menit, next: salah-satu }
          - { id: salah-satu, activity: Lengkapi, actor: { any: [pelapor, staf] }, budget: 15 menit, next: periksa }
          - { id: periksa, activity: Periksa, actor: staf, budget: 1 jam, next: hantu }
          - { id: hantu, activity: Tak dikenal, actor: { any: [pelapor, tidak-ada] }, budget: 1 jam, end: selesai }
        """

    @Test(
        "a step is the reporter's when it has actors and every one is external",
        arguments: [
            ("isi", true), ("bersama", true), ("salah-satu", false), ("periksa", false), ("hantu", false),
        ])
    func rule(step: String, isReporters: Bool) throws {
        let workflow = try loadWorkflow(Self.workflow)
        let found = try #require(workflow.step(StepID(step)))
        #expect(workflow.isReporterStep(found) == isReporters)
    }

    @Test("a step with no actors is the office's")
    func noActors() throws {
        let workflow = try loadWorkflow(Self.workflow)
        var step = try #require(workflow.step("isi"))
        step.performers = .all([])
        #expect(!workflow.isReporterStep(step))
    }
}

import SOPModel
import Testing

/// Every path through a workflow: branches, loops taken a bounded number of times, the limit.
@Suite("Workflow paths")
struct WorkflowPathsTests {
    @Test("each branch, and the rework loop taken again at most as often as asked")
    func branchesAndLoops() throws {
        let workflow = try loadWorkflow(branching)
        let none = WorkflowPaths(workflow, loops: 0)
        let once = WorkflowPaths(workflow, loops: 1)
        let twice = WorkflowPaths(workflow, loops: 2)
        #expect(none.paths.count == 2 && !none.isTruncated)
        #expect(none.paths.allSatisfy { !$0.loops })
        #expect(none.paths.map { $0.visits.map(\.step.rawValue) } == [["terima", "analisa", "tanggapi"], ["terima", "catat", "tanggapi"]])
        #expect(none.paths.map(\.time) == [Budget(minutes: 240), Budget(minutes: 150)])
        #expect(once.paths.count == 6 && once.paths.filter(\.loops).count == 4)
        #expect(twice.paths.count == 14, "2 + 4 + 8 ways, each loop doubling them")
        // Every path ends at an outcome, the branch taken named at each decision.
        for path in twice.paths {
            #expect(path.end == .outcome("selesai"))
            #expect(path.visits.filter { $0.step == "terima" }.allSatisfy { $0.branch != nil })
        }
    }

    @Test("20 decisions in a row: a million paths are not walked; the list stops at the limit and says so")
    func exponential() throws {
        var text = "kind: Workflow\nid: berlipat\nrevision: 1\ntitle: Berlipat\ndocument: { number: \"1\" }\n"
            + "actors: { staf: { name: Staf } }\noutcomes: { selesai: { name: Selesai, status: resolved } }\nsteps:\n"
        for index in 0..<20 {
            let way = index == 19 ? "end: selesai" : "goto: l\(index + 1)"
            text += "  - { id: l\(index), activity: Langkah \(index), actor: staf, budget: 15 menit, "
                + "decision: { question: Lanjut?, branches: [ { label: Ya, \(way) }, { label: Tidak, \(way) } ] } }\n"
        }
        let workflow = try loadWorkflow(text)
        let paths = WorkflowPaths(workflow, loops: 5, limit: 1000)
        #expect(paths.paths.count == 1000 && paths.isTruncated)
        #expect(paths.paths.allSatisfy { $0.visits.count == 20 && $0.time == Budget(minutes: 300) })
        #expect(Set(paths.paths.map { $0.visits.map { $0.branch ?? "" } }).count == 1000, "no path listed twice")
    }

    @Test("a loop with no way out is cut at the bound; a workflow with no steps has no path")
    func bounded() throws {
        let text = """
            kind: Workflow
            id: putar
            revision: 1
            title: Putar
            document: { number: "1" }
            actors: { staf: { name: Staf } }
            outcomes: { selesai: { name: Selesai, status: resolved } }
            steps:
              - { id: a, activity: A, actor: staf, budget: 1 jam, next: b }
              - { id: b, activity: B, actor: staf, budget: 1 jam, next: a }
            """
        let workflow = try loadWorkflow(text)
        let paths = WorkflowPaths(workflow, loops: 5)
        #expect(paths.paths.isEmpty && !paths.isTruncated)
        var empty = workflow
        empty.steps = []
        #expect(WorkflowPaths(empty).paths.isEmpty)
    }
}

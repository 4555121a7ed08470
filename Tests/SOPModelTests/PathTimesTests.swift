import SOPLoading
import SOPModel
import Testing

/// Loads a workflow from text; fails the test when it holds none.
func loadWorkflow(_ text: String) throws -> Workflow {
    let loaded = Loader.load(text: text, file: "uji.yaml")
    return try #require(loaded.workflow, "no workflow: \(loaded.diagnostics)")
}

/// A workflow with a choice of two ways, an optional step on the shorter one and a rework loop
/// back to the first step.
let branching = """
    kind: Workflow
    id: cabang
    revision: 1
    title: Cabang
    document: { number: "1" }
    actors: { staf: { name: Staf } }
    outcomes: { selesai: { name: Selesai, status: resolved } }
    steps:
      - id: terima
        activity: Terima
        actor: staf
        budget: 1 jam
        decision:
          question: Perlu analisa?
          branches:
            - { label: Ya, goto: analisa }
            - { label: Tidak, goto: catat }
      - { id: analisa, activity: Analisa, actor: staf, budget: 2 jam, next: tanggapi }
      - { id: catat, activity: Catat, actor: staf, budget: 30 menit, optional: true, next: tanggapi }
      - id: tanggapi
        activity: Tanggapi
        actor: staf
        budget: 1 jam
        decision:
          question: Diterima?
          branches:
            - { label: Tidak, goto: terima }
            - { label: Ya, end: selesai }
    """

@Suite("PathTimes")
struct PathTimesTests {
    @Test("the shortest path leaves out optional steps, the longest counts them, rework loops count for neither")
    func shortestAndLongest() throws {
        let times = try #require(PathTimes(try loadWorkflow(branching)))
        #expect(times.shortest == Budget(minutes: 120))
        #expect(times.shortestPath == ["terima", "catat", "tanggapi"])
        #expect(times.longest == Budget(minutes: 240))
        #expect(times.longestPath == ["terima", "analisa", "tanggapi"])
    }

    @Test("over a graph already built, the same times as over the workflow")
    func overAGraph() throws {
        let workflow = try loadWorkflow(branching)
        #expect(PathTimes(graph: WorkflowGraph(workflow)) == PathTimes(workflow))
    }

    @Test("no times for a workflow with no steps, or one whose steps never reach an end")
    func none() throws {
        let empty = try loadWorkflow("""
            kind: Workflow
            id: kosong
            revision: 1
            title: Kosong
            document: { number: "1" }
            steps: []
            """)
        #expect(PathTimes(empty) == nil)
        let circle = try loadWorkflow("""
            kind: Workflow
            id: lingkaran
            revision: 1
            title: Lingkaran
            document: { number: "1" }
            actors: { staf: { name: Staf } }
            steps:
              - { id: satu, activity: Satu, actor: staf, budget: 1 jam, next: dua }
              - { id: dua, activity: Dua, actor: staf, budget: 1 jam, next: satu }
            """)
        #expect(PathTimes(circle) == nil)
    }
}

@Suite("WorkflowGraph")
struct WorkflowGraphTests {
    @Test("successors, ends, reachability and the rework edge of a workflow")
    func facts() throws {
        let graph = WorkflowGraph(try loadWorkflow(branching))
        #expect(graph.count == 4)
        #expect(graph.index["tanggapi"] == 3)
        #expect(graph.successors == [[1, 2], [3], [3], [0]])
        #expect(graph.predecessors == [[3], [0], [0], [1, 2]])
        #expect(graph.endsFlow == [false, false, false, true])
        #expect(graph.reachable == [true, true, true, true])
        #expect(graph.reachesEnd == [true, true, true, true])
        #expect(graph.backEdges() == [WorkflowGraph.Edge(from: 3, to: 0)])
        let order = graph.forwardOrder()
        #expect(order.first == 0 && order.last == 3 && order.sorted() == [0, 1, 2, 3])
        #expect(graph.stronglyConnectedComponents().count == 1)
    }
}

import Foundation
import SOPLoading
import SOPModel
import Testing

@testable import SOPRender

/// No workflow, however broken, makes a renderer trap.
@Suite("Rendering broken workflows")
struct RobustnessTests {
    /// Every invalid fixture of the validator that still holds a workflow.
    static let brokenFiles: [String] = {
        let folder = TestPaths.validationFixtures + "/invalid"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map { folder + "/" + $0 }
    }()

    @Test("every format renders, and SVG and HTML stay well-formed", arguments: brokenFiles)
    func broken(path: String) throws {
        guard let workflow = Loader.load(path: path).workflow else { return }
        let svg = FlowchartSVG(workflow: workflow).render()
        #expect(ParsedXML(svg).isWellFormed, "\(path)")
        #expect(ParsedXML(SOPDocumentHTML(workflow: workflow).render()).isWellFormed, "\(path)")
        _ = MermaidDiagram(workflow: workflow).render()
        _ = DOTDiagram(workflow: workflow).render()
    }

    @Test("there are broken workflows to try")
    func someBroken() {
        #expect(Self.brokenFiles.compactMap { Loader.load(path: $0).workflow }.count >= 10)
    }

    @Test("a workflow with no steps, or steps of undefined actors, unknown targets and repeated ids")
    func oddShapes() throws {
        let empty = try loadWorkflow(text: """
            kind: Workflow
            id: kosong
            revision: 1
            title: Kosong
            document: { number: "1" }
            steps: []
            """)
        let chart = Flowchart(empty)
        #expect(chart.nodes.isEmpty && chart.edges.isEmpty && chart.height == 0)
        #expect(ParsedXML(FlowchartSVG(workflow: empty).render()).isWellFormed)
        #expect(ParsedXML(SOPDocumentHTML(workflow: empty).render()).isWellFormed)

        let odd = try loadWorkflow(text: """
            kind: Workflow
            id: aneh
            revision: 1
            title: "Aneh \\u0001 kontrol"
            document: { number: "1" }
            actors:
              a: { name: A }
            steps:
              - { id: satu, activity: Satu, actor: hantu, budget: 1 jam, next: tidak-ada }
              - { id: satu, activity: Dua, actor: { all: [a, hantu2] }, budget: 1 jam, next: satu }
              - id: tiga
                activity: Tiga
                actor: a
                budget: 1 jam
                decision:
                  question: "?"
                  branches:
                    - { label: "Ya", goto: tiga }
                    - { label: "Tidak", goto: satu }
                    - { label: "Lain", goto: satu }
                    - { label: "Lagi", end: entah }
            """)
        let oddChart = Flowchart(odd)
        #expect(oddChart.lanes.map(\.actor) == ["a", "hantu", "hantu2"])
        #expect(Set(oddChart.nodes.map(\.id)).count == oddChart.nodes.count)
        let svg = FlowchartSVG(workflow: odd).render()
        #expect(ParsedXML(svg).isWellFormed)
        #expect(svg.contains("\u{FFFD}"))
        #expect(ParsedXML(SOPDocumentHTML(workflow: odd).render()).isWellFormed)
        _ = MermaidDiagram(workflow: odd).render()
        _ = DOTDiagram(workflow: odd).render()
    }
}

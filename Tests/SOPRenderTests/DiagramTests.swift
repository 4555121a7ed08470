import Foundation
import SOPModel
import Testing

@testable import SOPRender

/// Mermaid, DOT and the stand-alone SVG.
@Suite("Diagrams")
struct DiagramTests {
    @Test("Mermaid: a flowchart with one subgraph per actor, shapes by kind, labelled branches")
    func mermaidStructure() throws {
        let text = MermaidDiagram(workflow: try loadWorkflow("pengaduan-langsung")).render()
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("%% SOP 067/12351 Penanganan Pengaduan Masyarakat Secara Langsung") == true)
        #expect(lines.dropFirst().first == "flowchart TD")
        #expect(lines.filter { $0.hasPrefix("    subgraph ") } == [
            "    subgraph lajur_1 [\"Pelapor\"]", "    subgraph lajur_2 [\"Staf Front Office\"]",
            "    subgraph lajur_3 [\"Tim Pengelola Pengaduan\"]",
        ])
        #expect(lines.filter { $0 == "    end" }.count == 3)
        #expect(lines.contains("        mulai([\"Mulai\"])"))
        #expect(lines.contains("        langkah_1[\"1. Pengisian fomulir pengaduan<br/>15 menit\"]"))
        #expect(lines.contains("        langkah_2{\"2. Berkas pengaduan lengkap dan jelas?<br/>15 menit\"}"))
        #expect(lines.contains { $0.hasPrefix("        langkah_3_akhir_1([\"Selesai<br/>Pengaduan diselesaikan") })
        #expect(lines.contains("    langkah_2 -->|\"Ya\"| langkah_3"))
        #expect(lines.contains("    langkah_2 -->|\"Tidak\"| langkah_1"))
        #expect(lines.contains("    mulai --> langkah_1"))
        #expect(lines.filter { $0.contains("-->") }.count == 10)
        #expect(!text.contains("bilaPerlu"))
        // An optional step is dashed.
        let besar = MermaidDiagram(workflow: try loadWorkflow("besar")).render()
        #expect(besar.contains("    classDef bilaPerlu stroke-dasharray: 5 5\n    class langkah_23 bilaPerlu\n"))
        #expect(besar.contains("        langkah_23[\"23. Pemohon mengisi survei kepuasan<br/>(bila perlu)<br/>5 menit\"]"))
    }

    @Test("DOT: a digraph with one cluster per actor, loops that do not constrain the ranks")
    func dotStructure() throws {
        let text = DOTDiagram(workflow: try loadWorkflow("pengaduan-langsung")).render()
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.first == "digraph \"pengaduan-langsung\" {")
        #expect(lines.last == "}")
        #expect(lines.filter { $0.hasPrefix("    subgraph \"cluster_lajur_") }.count == 3)
        #expect(lines.contains("        label=\"Staf Front Office\";"))
        #expect(lines.contains { $0.hasPrefix("        \"langkah_2\" [label=\"2. Berkas pengaduan lengkap dan jelas?") && $0.hasSuffix("shape=\"diamond\"];") })
        #expect(!text.contains("dashed"))
        #expect(DOTDiagram(workflow: try loadWorkflow("besar")).render().contains("        \"langkah_23\" [label=\"23. Pemohon mengisi survei kepuasan\\n(bila perlu)\\n5 menit\", style=\"dashed\"];"))
        #expect(lines.contains("    \"langkah_2\" -> \"langkah_1\" [label=\"Tidak\", constraint=false];"))
        #expect(lines.contains("    \"langkah_2\" -> \"langkah_3\" [label=\"Ya\"];"))
        #expect(lines.filter { $0.contains(" -> ") }.count == 10)
        // Every line's quotes are balanced once escaped quotes are left out.
        for line in lines {
            #expect(line.replacingOccurrences(of: "\\\\", with: "").replacingOccurrences(of: "\\\"", with: "").filter { $0 == "\"" }.count % 2 == 0, "\(line)")
        }
    }

    @Test("a hand-off is an off-page connector with the target SOP's id, in every format")
    func handoff() throws {
        let workflow = try loadWorkflow("besar")
        #expect(MermaidDiagram(workflow: workflow).render().contains("[\\\"SOP pengaduan-lanjutan\"/]"))
        #expect(DOTDiagram(workflow: workflow).render().contains("[label=\"SOP pengaduan-lanjutan\", shape=\"invhouse\"]"))
        let svg = FlowchartSVG(workflow: workflow).render()
        let parsed = ParsedXML(svg)
        #expect(parsed.texts.contains("pengaduan-lanjutan"))
        #expect(parsed.texts.contains("SOP"))
    }

    @Test("SVG: well-formed XML; actor names head the lanes; every step's number, activity and budget", arguments: FlowchartTests.workflows)
    func svg(name: String) throws {
        let workflow = try loadWorkflow(name)
        let svg = FlowchartSVG(workflow: workflow).render()
        #expect(svg.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\""))
        let parsed = ParsedXML(svg)
        #expect(parsed.isWellFormed, "\(parsed.error ?? "")")
        for actor in workflow.actors {
            let words = actor.name.split(separator: " ")
            #expect(words.allSatisfy { word in parsed.texts.contains { $0.contains(word) } }, "\(actor.name)")
        }
        for header in ["No", "Kegiatan", "Pelaksana", "Waktu", "Total Waktu", "Mulai", "Selesai"] {
            #expect(parsed.texts.contains(header), "\(header)")
        }
        let all = parsed.texts.joined(separator: " ")
        for (index, step) in workflow.steps.enumerated() {
            #expect(parsed.texts.contains("\(index + 1)."))
            #expect(parsed.texts.contains("\(index + 1)"))
            let firstWord = String(step.activity.split(separator: " ").first ?? "")
            #expect(all.contains(firstWord))
            #expect(parsed.texts.contains(step.budgetText ?? "-"))
        }
        // One shape per step: a rectangle or a diamond (with its tooltip).
        let stepTitles = parsed.texts.filter { text in workflow.steps.enumerated().contains { text == "\($0.offset + 1). \($0.element.activity)" } }
        #expect(stepTitles.count == workflow.steps.count)
        // Every number written is a number.
        for value in parsed.attributeValues {
            for token in value.split(whereSeparator: { $0 == " " || $0 == "," }) {
                #expect(!["nan", "-nan", "inf", "-inf"].contains(token.lowercased()), "\(value)")
            }
        }
    }

    @Test("SVG of 067/12351: the branch labels and the outcome of each end")
    func svgLabels() throws {
        let parsed = ParsedXML(FlowchartSVG(workflow: try loadWorkflow("pengaduan-langsung")).render())
        #expect(parsed.texts.filter { $0 == "Ya" }.count == 2)
        #expect(parsed.texts.filter { $0 == "Tidak" }.count == 2)
        #expect(parsed.texts.contains("Selesai: Pengaduan diselesaikan oleh staf front office"))
        #expect(parsed.texts.contains("2 hari 2 jam"))
    }

    @Test("DiagramFormat names the three formats and renders each")
    func formats() throws {
        let workflow = try loadWorkflow("pengaduan-media")
        #expect(DiagramFormat.allCases.map(\.rawValue) == ["mermaid", "dot", "svg"])
        #expect(DiagramFormat.mermaid.render(workflow).contains("flowchart TD"))
        #expect(DiagramFormat.dot.render(workflow).hasPrefix("digraph"))
        #expect(DiagramFormat.svg.render(workflow).contains("<svg"))
    }
}

import Foundation
import SOPLoading
import SOPModel
import Testing

@testable import SOPRender

/// Text from a workflow never becomes markup, in any output.
@Suite("Escaping of workflow text in every output")
struct InjectionTests {
    let workflow: Workflow

    init() throws {
        workflow = try loadWorkflow(text: Injection.workflowYAML())
    }

    /// The fields that carry the payload, as the model holds them.
    var fields: [String] {
        let document = workflow.document
        var values = [workflow.title, document.number ?? ""] + document.organization + document.legalBasis
            + document.qualifications + document.equipment + document.warnings
        values += [document.recording ?? "", document.approvedBy?.name ?? "", document.approvedBy?.position ?? "", document.approvedBy?.rank ?? ""]
        values += document.related.compactMap(\.title) + workflow.actors.map(\.name) + workflow.documents.map(\.name) + workflow.outcomes.map(\.name)
        for step in workflow.steps {
            values += [step.activity, step.remarks].compactMap { $0 }
            if case .decision(let decision) = step.transition {
                values.append(decision.question)
                values += decision.branches.map(\.label.value)
            }
        }
        return values
    }

    @Test("the fixture carries the payload in every text field")
    func fixture() {
        #expect(fields.count == 24)
        #expect(fields.allSatisfy { $0.contains(Injection.payload) }, "\(fields.filter { !$0.contains(Injection.payload) })")
    }

    @Test("SVG: only escaped forms, well-formed XML, and the text reads back as written")
    func svg() throws {
        let svg = FlowchartSVG(workflow: workflow).render()
        expectEscaped(svg)
        let parsed = ParsedXML(svg)
        #expect(parsed.isWellFormed, "\(parsed.error ?? "")")
        #expect(!parsed.elementNames.contains("script"))
        // Every element is one the renderer writes.
        #expect(Set(parsed.elementNames).isSubset(of: ["svg", "title", "rect", "text", "g", "line", "polyline", "polygon"]))
        #expect(parsed.texts.contains { $0.contains(Injection.payload) })
        #expect(parsed.texts.contains("Ya " + Injection.payload) || parsed.allText.contains("Ya <script>"))
    }

    @Test("HTML: only escaped forms, well-formed, no script element, every field reads back as written")
    func html() throws {
        let html = SOPDocumentHTML(workflow: workflow).render()
        expectEscaped(html)
        let parsed = ParsedXML(html)
        #expect(parsed.isWellFormed, "\(parsed.error ?? "")")
        #expect(!parsed.elementNames.contains("script"))
        let text = parsed.allText
        for field in fields where !field.hasPrefix("Ya ") && !field.hasPrefix("Tidak ") && field != Injection.payload {
            #expect(text.contains(field) || text.contains(field.uppercased()), "\(field)")
        }
        // Branch labels are in the drawing and in the Kegiatan column.
        #expect(parsed.texts.contains("Ya " + Injection.payload))
        #expect(parsed.texts.contains { $0.hasPrefix("Tidak " + Injection.payload + ": langkah 1") })
    }

    @Test("Mermaid: labels stay inside their quotes, with #NUMBER; references")
    func mermaid() {
        let text = MermaidDiagram(workflow: workflow).render()
        #expect(!text.contains("<script"))
        #expect(!text.contains("'petik' </text>"))
        #expect(text.contains("#60;script#62;alert(1)#60;/script#62; #38; #34;kutip#34; 'petik' #60;/text#62;#60;/svg#62;"))
        for line in text.split(separator: "\n") {
            #expect(line.filter { $0 == "\"" }.count % 2 == 0, "\(line)")
            // Only the renderer's own line breaks are markup.
            #expect(!line.replacingOccurrences(of: "<br/>", with: "").contains("<"), "\(line)")
        }
    }

    @Test("DOT: every string closed where it should be")
    func dot() {
        let text = DOTDiagram(workflow: workflow).render()
        #expect(text.contains("\\\"kutip\\\""))
        for line in text.split(separator: "\n") {
            let unescaped = line.replacingOccurrences(of: "\\\\", with: "").replacingOccurrences(of: "\\\"", with: "")
            #expect(unescaped.filter { $0 == "\"" }.count % 2 == 0, "\(line)")
        }
    }

    func expectEscaped(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!text.contains("<script"), sourceLocation: sourceLocation)
        #expect(!text.contains("\"kutip\""), sourceLocation: sourceLocation)
        #expect(!text.contains("'petik'"), sourceLocation: sourceLocation)
        #expect(!text.contains("</text></svg>"), sourceLocation: sourceLocation)
        #expect(text.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;kutip&quot; &#39;petik&#39; &lt;/text&gt;&lt;/svg&gt;"), sourceLocation: sourceLocation)
    }
}

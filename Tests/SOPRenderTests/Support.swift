import Foundation
import SOPLoading
import SOPModel
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Paths of the repository, found from this file's location.
enum TestPaths {
    static let root: URL = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" && !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url.deleteLastPathComponent()
        }
        return url
    }()
    static let fixtures = root.appendingPathComponent("Tests/SOPRenderTests/Fixtures").path
    static let validationFixtures = root.appendingPathComponent("Tests/SOPValidationTests/Fixtures").path

    /// A shipped workflow (`pengaduan-langsung`, `pengaduan-media`) or a fixture of this target (`besar`).
    static func path(_ name: String) -> String {
        let shipped = root.appendingPathComponent("workflows/\(name).yaml").path
        return FileManager.default.fileExists(atPath: shipped) ? shipped : fixtures + "/\(name).yaml"
    }
}

/// Loads a workflow file; fails the test when it holds none.
func loadWorkflow(_ name: String) throws -> Workflow {
    try #require(Loader.load(path: TestPaths.path(name)).workflow, "no workflow in \(name)")
}

/// Loads a workflow from text; fails the test when it holds none.
func loadWorkflow(text: String) throws -> Workflow {
    let loaded = Loader.load(text: text, file: "uji.yaml")
    return try #require(loaded.workflow, "no workflow: \(loaded.diagnostics)")
}

/// What an XML parser made of a text: whether it parsed, and every piece of text and attribute
/// value in it, as the parser decoded them.
struct ParsedXML {
    var isWellFormed: Bool
    var error: String?
    var texts: [String]
    var attributeValues: [String]
    var elementNames: [String]

    /// All decoded text of the document, joined.
    var allText: String { texts.joined() }

    init(_ text: String) {
        let delegate = Collector()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = delegate
        isWellFormed = parser.parse()
        error = parser.parserError.map { "\($0) at line \(parser.lineNumber), column \(parser.columnNumber)" }
        texts = delegate.texts
        attributeValues = delegate.attributeValues
        elementNames = delegate.elementNames
    }

    /// Collects text nodes whole (the parser hands them over in pieces, split at references).
    private final class Collector: NSObject, XMLParserDelegate {
        var texts: [String] = []
        var attributeValues: [String] = []
        var elementNames: [String] = []
        private var pending = ""

        private func flush() {
            if !pending.isEmpty { texts.append(pending) }
            pending = ""
        }

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            flush()
            elementNames.append(elementName)
            attributeValues.append(contentsOf: attributes.values)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            flush()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            pending += string
        }

        func parserDidEndDocument(_ parser: XMLParser) {
            flush()
        }
    }
}

/// A value for a YAML file in single quotes.
func yamlQuoted(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
}

/// Text meant to break out of markup, and the workflow YAML that carries it in every text field:
/// title, header items, actor, document and outcome names, activities, remarks, decision
/// questions, branch labels and the note of a hand-off.
enum Injection {
    static let payload = "<script>alert(1)</script> & \"kutip\" 'petik' </text></svg>"

    static func workflowYAML(payload: String = payload) -> String {
        let p = yamlQuoted(payload)
        func q(_ prefix: String) -> String { yamlQuoted(prefix + " " + payload) }
        return """
            kind: Workflow
            id: sisipan
            revision: 1
            title: \(q("Judul"))
            document:
              organization: [\(q("Pemerintah"))]
              number: \(q("067/1"))
              created: 2024-01-02
              effective: 2024-01-03
              approved_by: { name: \(q("Nama")), position: \(q("Jabatan")), rank: \(q("Pangkat")), nip: "196406291988032002" }
              legal_basis: [\(q("Dasar"))]
              qualifications: [\(q("Kualifikasi"))]
              related:
                - { title: \(q("Terkait")) }
              equipment: [\(q("Alat"))]
              warnings: [\(q("Peringatan"))]
              recording: \(q("Pencatatan"))
            calendar: kalender-uji
            actors:
              pelapor: { name: \(q("Pelapor")), external: true }
              petugas: { name: \(q("Petugas")) }
            documents:
              formulir: { name: \(q("Formulir")), external: true }
              hasil: { name: \(q("Hasil")) }
            outcomes:
              selesai: { name: \(q("Selesai")), status: resolved }
            total: 1 jam
            steps:
              - id: isi
                activity: \(q("Mengisi"))
                actor: pelapor
                budget: 15 menit
                inputs: [formulir]
                outputs: [formulir]
                remarks: \(q("Keterangan"))
                next: periksa
              - id: periksa
                activity: \(q("Memeriksa"))
                actor: petugas
                budget: 15 menit
                inputs: [formulir]
                outputs: [hasil]
                decision:
                  question: \(q("Pertanyaan"))
                  branches:
                    - { label: \(q("Ya")), end: selesai }
                    - { label: \(q("Tidak")), goto: isi }
                    - { label: \(p), handoff: { workflow: lain, note: \(q("Catatan")) } }
            """
    }
}

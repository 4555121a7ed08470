import Foundation
import Testing
import SOPCore

/// The catalogue of diagnostic codes: documented, unique, and each one produced by some test input.
@Suite("Diagnostic catalogue")
struct CatalogueTests {
    @Test("codes are unique and well formed")
    func unique() {
        let ids = DiagnosticCode.all.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.count == 7 && $0.hasPrefix("SOP") && Int($0.dropFirst(3)) != nil })
        #expect(ids == ids.sorted())
    }

    @Test("the README lists every code with its severity and title, in English and in Bahasa Indonesia")
    func readme() throws {
        let readme = try String(contentsOfFile: TestPaths.root.appendingPathComponent("README.md").path, encoding: .utf8)
        for code in DiagnosticCode.all {
            #expect(
                readme.contains("| `\(code.id)` | \(code.severity.rawValue) | \(code.title.en) | \(code.title.id) |"),
                "README lacks \(code.id)")
        }
        let listed = readme.components(separatedBy: "| `SOP").count - 1
        #expect(listed == DiagnosticCode.all.count, "the README lists a code the catalogue does not have")
    }

    @Test("every code is produced by a fixture or a named test")
    func covered() throws {
        var found = Set<String>()
        for folder in ["invalid", "valid"] {
            let path = TestPaths.fixture(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: path) where name.hasSuffix(".expected") {
                let text = try String(contentsOfFile: path + "/" + name, encoding: .utf8)
                for line in text.split(separator: "\n") { if let code = line.split(separator: " ").last { found.insert(String(code)) } }
            }
        }
        // The scenario fixtures of `sop test` (SOPScenariosTests), in their folder and below.
        let scenarios = TestPaths.root.appendingPathComponent("Tests/SOPScenariosTests/Fixtures").path
        for name in try FileManager.default.subpathsOfDirectory(atPath: scenarios) where name.hasSuffix(".expected") {
            let text = try String(contentsOfFile: scenarios + "/" + name, encoding: .utf8)
            for line in text.split(separator: "\n") { if let code = line.split(separator: " ").last { found.insert(String(code)) } }
        }
        // Produced by tests in code rather than fixtures (temporary files, revisions, the shipped SOPs).
        let elsewhere: Set<String> = [
            "SOP0001", "SOP0002", "SOP0004", "SOP0005", "SOP0106",  // BadInputTests
            "SOP0801", "SOP0802", "SOP0803",  // RevisionTests
            "SOP0602", "SOP0606",  // ShippedWorkflowTests
            "SOP0804",  // RevisionTests.definitions
            "SOP0704",  // CalendarCoverageTests (it needs a clock)
        ]
        let missing = Set(DiagnosticCode.all.map(\.id)).subtracting(found).subtracting(elsewhere)
        #expect(missing.isEmpty, "no test input produces \(missing.sorted())")
    }
}

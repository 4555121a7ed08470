import Foundation
import SOPCore
import SOPLoading
import SOPModel
import SOPScenarios
import Testing

/// The shipped SOPs' scenario files, coverage, generated scenarios and the JUnit report.
@Suite("Shipped scenarios")
struct ShippedScenarioTests {
    @Test("both shipped SOPs have scenario files that pass and reach every step, branch and end")
    func shippedScenariosCoverEverything() throws {
        let run = ScenarioTests.run(paths: [TestPaths.workflows])
        #expect(run.files.map { ($0.path as NSString).lastPathComponent }
            == ["pengaduan-langsung.scenarios.yaml", "pengaduan-media.scenarios.yaml"])
        #expect(run.allDiagnostics.isEmpty, "\(run.allDiagnostics.map(\.description))")
        #expect(run.passed, "\(run.results.flatMap(\.failures))")
        let coverage = ScenarioCoverage.of(run)
        #expect(coverage.map(\.workflow.id.value.rawValue) == ["pengaduan-langsung", "pengaduan-media"])
        for item in coverage {
            #expect(item.isComplete, "\(item.workflow.id.value): \(item.steps.filter { !$0.reached }) \(item.branches.filter { !$0.reached }) \(item.ends.filter { !$0.reached })")
            #expect(item.paths.allSatisfy { $0.scenarios > 0 }, "\(item.workflow.id.value): a path no scenario takes")
        }
    }

    @Test("coverage names what no scenario reached")
    func coverageOfTooFewScenarios() throws {
        let folder = try TemporaryFolder()
        for name in ["pengaduan-langsung.yaml", "pengaduan-media.yaml", "jam-kerja-kebumen.yaml"] {
            try FileManager.default.copyItem(atPath: TestPaths.workflows + "/" + name, toPath: folder.path + "/" + name)
        }
        _ = try folder.write("satu.scenarios.yaml", """
            kind: Scenarios
            workflow: pengaduan-langsung
            start: 2026-12-07T08:00:00+07:00
            scenarios:
              - name: Hanya front office
                fields: { nama: Budi, uraian: KTP }
                actions:
                  - { complete: isi-formulir, attach: formulir-pengaduan }
                  - { complete: periksa-kelengkapan, branch: "Ya", attach: catatan-register }
                  - { complete: dapat-diselesaikan, branch: "Ya" }
            """)
        let run = ScenarioTests.run(paths: [folder.path])
        #expect(run.passed)
        let coverage = try #require(ScenarioCoverage.of(run).first)
        #expect(!coverage.isComplete)
        #expect(coverage.steps.filter { !$0.reached }.map(\.step.rawValue)
            == ["analisa", "tindak-lanjut", "tanggapan-pelapor", "register"])
        #expect(coverage.branches.filter { !$0.reached }.map { "\($0.step) \($0.label)" }
            == ["periksa-kelengkapan Tidak", "dapat-diselesaikan Tidak"])
        #expect(coverage.ends.filter { !$0.reached }.map(\.end) == [.outcome(OutcomeID("selesai"))])
        #expect(coverage.paths.map(\.scenarios) == [1, 0, 0, 0])
    }

    @Test("the scenarios generated for each shipped SOP are read back, pass, and take every path", arguments: [
        "pengaduan-langsung", "pengaduan-media",
    ])
    func generatedScenariosPass(_ id: String) throws {
        let folder = try TemporaryFolder()
        for name in ["pengaduan-langsung.yaml", "pengaduan-media.yaml", "jam-kerja-kebumen.yaml"] {
            try FileManager.default.copyItem(atPath: TestPaths.workflows + "/" + name, toPath: folder.path + "/" + name)
        }
        let workflow = try #require(Loader.load(path: folder.path + "/\(id).yaml").workflow)
        let calendar = try #require(Loader.load(path: folder.path + "/jam-kerja-kebumen.yaml").calendar)
        let generator = try #require(ScenarioGenerator(workflow: workflow, calendar: calendar))
        let text = generator.file(
            start: Date(timeIntervalSince1970: 1_767_574_800), startText: "2026-01-05T08:00:00+07:00", language: .id)
        #expect(!text.contains("belum lulus"), "\(text)")
        _ = try folder.write("\(id).scenarios.yaml", text)
        let run = ScenarioTests.run(paths: [folder.path])
        #expect(run.allDiagnostics.isEmpty, "\(run.allDiagnostics.map(\.description))")
        #expect(run.passed, "\(run.results.flatMap(\.failures))")
        let coverage = try #require(ScenarioCoverage.of(run).first)
        #expect(coverage.isComplete)
        #expect(coverage.paths.allSatisfy { $0.scenarios == 1 })
        #expect(run.results.count == WorkflowPaths(workflow, loops: 1).paths.count)
    }

    @Test("a generated scenario that cannot pass says why instead of expecting anything")
    func generatedScenarioThatFails() throws {
        // An intake rule the example values do not meet.
        var text = try String(contentsOfFile: TestPaths.workflows + "/pengaduan-langsung.yaml", encoding: .utf8)
        text = text.replacingOccurrences(
            of: "  - rule: has(fields.uraian) && size(fields.uraian) > 0",
            with: "  - rule: has(fields.uraian) && fields.uraian == 'tepat ini'")
        let workflow = try #require(Loader.load(text: text, file: "pengaduan-langsung.yaml").workflow)
        let calendar = try #require(Loader.load(path: TestPaths.workflows + "/jam-kerja-kebumen.yaml").calendar)
        let generated = try #require(ScenarioGenerator(workflow: workflow, calendar: calendar)).file(
            start: Date(timeIntervalSince1970: 1_767_574_800), startText: "2026-01-05T08:00:00+07:00", language: .en)
        #expect(generated.contains("# This scenario does not pass yet: opening the case was refused"))
        #expect(!generated.contains("expect:"))
        let loaded = ScenarioLoader.load(text: generated, file: "generated.scenarios.yaml")
        #expect(loaded.diagnostics.isEmpty)
        #expect(loaded.file?.scenarios.count == 4)
    }

    @Test("JUnit XML escapes markup and leaves out what XML cannot hold")
    func junitEscapes() throws {
        let folder = try TemporaryFolder()
        for name in ["uji.yaml", "kalender-uji.yaml"] {
            try FileManager.default.copyItem(atPath: TestPaths.fixture(name), toPath: folder.path + "/" + name)
        }
        _ = try folder.write("x.scenarios.yaml", """
            kind: Scenarios
            workflow: uji
            start: 2026-12-07T08:00:00+07:00
            scenarios:
              - name: "<b>&\\u0007\\"'"
                channel: loket
                fields: { nama: Budi, telepon: "081234567890" }
                expect: { status: resolved }
            """)
        let xml = ScenarioJUnit.document(ScenarioTests.run(paths: [folder.path]), language: .en)
        #expect(xml.contains("name=\"&lt;b&gt;&amp;\u{FFFD}&quot;&#39;\""))
        #expect(xml.contains("<failure message=\"the status differs\" type=\"expectation\">"))
        #expect(xml.contains("tests=\"1\" failures=\"1\" errors=\"0\""))
        #expect(!xml.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }

    @Test("a folder without scenario files is unreadable input, said so")
    func noScenarioFiles() throws {
        let folder = try TemporaryFolder()
        let run = ScenarioTests.run(paths: [folder.path])
        #expect(run.hasUnreadableInput)
        #expect(!run.passed)
        #expect(run.diagnostics.map(\.code) == [.noWorkflowFiles])
    }

    @Test("hostile input is refused or reported, never a crash or a hang", arguments: [
        "", "kind: Scenarios", "- a\n- b", "kind: Scenarios\nworkflow: [x]\nscenarios: {}",
        "kind: Scenarios\nworkflow: uji\nstart: 2026-12-07T08:00:00+07:00\nscenarios:\n  - name: a\n    actions: [{ wait: 99999 hari }]",
        "kind: Scenarios\nworkflow: uji\nstart: 9999-12-31T23:59:59+07:00\nscenarios:\n  - name: a\n    channel: loket\n    fields: { nama: a, telepon: '081234567890' }\n    actions: [{ wait: 100000 hari }, { complete: ajukan, after: 100000 hari }]",
        "kind: Scenarios\nworkflow: ../../../etc/passwd\nscenarios:\n  - name: a",
    ])
    func hostileInput(_ text: String) throws {
        let folder = try TemporaryFolder()
        for name in ["uji.yaml", "kalender-uji.yaml"] {
            try FileManager.default.copyItem(atPath: TestPaths.fixture(name), toPath: folder.path + "/" + name)
        }
        let path = try folder.write("x.scenarios.yaml", text)
        let run = ScenarioTests.run(file: path)
        #expect(run.diagnostics.hasErrors || run.results.allSatisfy { !$0.failures.isEmpty || $0.passed })
    }
}

/// A temporary folder, removed when the value goes away.
final class TemporaryFolder {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("sop-scenario-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes a file into the folder and returns its path.
    func write(_ name: String, _ text: String) throws -> String {
        let file = path + "/" + name
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }
}

import Foundation
import SOPCore
import SOPScenarios
import Testing

/// Paths of the repository, found from this file's location.
enum TestPaths {
    static let root: URL = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" && !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url.deleteLastPathComponent()
        }
        return url
    }()
    static let workflows = root.appendingPathComponent("workflows").path
    static let fixtures = root.appendingPathComponent("Tests/SOPScenariosTests/Fixtures").path
    static func fixture(_ name: String) -> String { fixtures + "/" + name }
}

/// Every scenario fixture with a `NAME.expected` beside it gives exactly what is listed: each
/// diagnostic as `LINE:COLUMN CODE`, each failed expectation as `LINE:COLUMN failure`.
@Suite("Scenario fixtures")
struct ScenarioFixtureTests {
    static let fixtures: [String] = {
        var names: [String] = []
        let manager = FileManager.default
        guard let enumerator = manager.enumerator(atPath: TestPaths.fixtures) else { return [] }
        while let relative = enumerator.nextObject() as? String {
            guard relative.hasSuffix(".scenarios.yaml") else { continue }
            names.append(String(relative.dropLast(".scenarios.yaml".count)))
        }
        return names.sorted()
    }()

    @Test("there are fixtures") func fixturesExist() {
        #expect(Self.fixtures.count >= 6)
    }

    @Test("gives what it lists", arguments: fixtures)
    func expected(_ name: String) throws {
        let run = ScenarioTests.run(file: TestPaths.fixture(name + ".scenarios.yaml"))
        let listed = FileManager.default.fileExists(atPath: TestPaths.fixture(name + ".expected"))
            ? try String(contentsOfFile: TestPaths.fixture(name + ".expected"), encoding: .utf8) : ""
        let expected = listed.split(separator: "\n").map(String.init).filter { !$0.isEmpty }.sorted()
        let found = (run.diagnostics.map { "\($0.location.line):\($0.location.column) \($0.code)" }
            + run.results.flatMap(\.failures).map { "\($0.location.line):\($0.location.column) failure" }).sorted()
        #expect(found == expected, "\(name): \(run.diagnostics.map(\.description)) \(run.results.flatMap(\.failures))")
        // A file with errors runs no scenario; one without runs every scenario it has.
        if run.diagnostics.hasErrors {
            #expect(run.results.isEmpty)
        } else {
            #expect(!run.results.isEmpty)
        }
    }

    @Test("a fixture with no findings passes every scenario it has")
    func everythingPasses() {
        let run = ScenarioTests.run(file: TestPaths.fixture("semua.scenarios.yaml"))
        #expect(run.diagnostics.isEmpty)
        #expect(run.results.count == 4)
        #expect(run.results.allSatisfy { $0.passed }, "\(run.results.flatMap(\.failures))")
    }

    @Test("diagnostics carry their source line, for the printer's caret")
    func sourceLines() throws {
        let run = ScenarioTests.run(file: TestPaths.fixture("salah-nama.scenarios.yaml"))
        let channel = try #require(run.diagnostics.first { $0.code == .unknownChannel })
        #expect(channel.sourceLine == "    channel: pos")
        #expect(channel.hint.map { $0.en.contains("loket, email") } == true)
    }

    @Test("a failed expectation says what was expected and what came")
    func failureText() throws {
        let run = ScenarioTests.run(file: TestPaths.fixture("gagal.scenarios.yaml"))
        let status = try #require(run.results.first?.failures.first { $0.location.line == 20 })
        #expect(status.expected == "resolved")
        #expect(status.actual == "rejected")
        let refused = try #require(run.results[1].failures.first)
        #expect(refused.actual == ErrorCode.missingOutput.rawValue)
        #expect(refused.message.en.contains("formulir"))
    }
}

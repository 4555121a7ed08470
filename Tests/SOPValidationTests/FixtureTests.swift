import Foundation
import Testing
import SOPValidation

/// Every fixture gives exactly the findings listed beside it, at the listed positions.
@Suite("Fixtures")
struct FixtureTests {
    static let fixtures: [String] = {
        var names: [String] = []
        for folder in ["invalid", "valid"] {
            let path = TestPaths.fixture(folder)
            let files = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            names += files.filter { $0.hasSuffix(".expected") }.map { "\(folder)/\($0.dropLast(".expected".count))" }
        }
        return names.sorted()
    }()

    @Test("there are fixtures") func fixturesExist() {
        #expect(Self.fixtures.count >= 20)
    }

    @Test("gives its expected findings", arguments: fixtures)
    func expectedFindings(_ name: String) throws {
        let expectedText = try String(contentsOfFile: TestPaths.fixture(name + ".expected"), encoding: .utf8)
        let expected = expectedText.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        let report = Validator.validate(paths: [TestPaths.fixture(name + ".yaml")])
        #expect(report.positions == expected, "\(name): \(report.diagnostics.map(\.description))")
        if name.hasPrefix("valid/") {
            #expect(report.count(.error) == 0)
        } else {
            #expect(!report.diagnostics.isEmpty)
        }
    }
}

import Foundation
import Testing

/// `sop validate` for a CI job: SARIF 2.1.0 checked against the OASIS schema, GitHub Actions
/// annotations, `--quiet` and `--min-severity`.
@Suite("sop validate in CI: SARIF, GitHub annotations, --quiet, --min-severity")
struct CIFormatsCommandTests {
    static let fixtures = SOPBinary.repositoryRoot.appendingPathComponent("Tests/SOPValidationTests/Fixtures")
    static let schema = SOPBinary.repositoryRoot.appendingPathComponent("Tests/sopTests/Fixtures/sarif/sarif-schema-2.1.0.json").path

    /// A folder with the shipped SOPs, an invalid fixture whose findings have notes, and a file
    /// whose name needs percent-encoding in a URI.
    static func folder() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try FileManager.default.copyItem(
            atPath: SOPBinary.repositoryRoot.appendingPathComponent("workflows").path, toPath: folder.path + "/workflows")
        try FileManager.default.copyItem(
            atPath: fixtures.appendingPathComponent("invalid/references.yaml").path, toPath: folder.path + "/workflows/rujukan salah#1.yaml")
        return folder
    }

    /// check-jsonschema on a file, by the command or as a Python module.
    static func checkJSONSchema(_ arguments: [String]) throws -> SOPBinary.Result {
        let direct = try SOPBinary.runProgram("/usr/bin/env", ["check-jsonschema"] + arguments, timeout: 120)
        if direct.status != 127 { return direct }
        return try SOPBinary.runProgram("/usr/bin/env", ["python3", "-m", "check_jsonschema"] + arguments, timeout: 120)
    }

    @Test("SARIF: valid against the OASIS schema; every finding a result at its place, with its rule from the catalogue, in the run's language")
    func sarif() throws {
        let folder = try Self.folder()
        let text = try SOPBinary.run(["validate", "workflows"], in: URL(fileURLWithPath: folder.path))
        let findings = text.standardOutput.split(separator: "\n").filter { $0.contains(": error: ") || $0.contains(": warning: ") || $0.contains(": info: ") }
        #expect(text.status == 1 && findings.count > 8, "\(text.output)")

        let result = try SOPBinary.run(["validate", "workflows", "--format", "sarif", "--lang", "en"], in: URL(fileURLWithPath: folder.path))
        #expect(result.status == 1, "the exit status is the text format's: \(result.allOfStandardError)")
        try folder.write("sop.sarif", result.standardOutput)
        let checked = try Self.checkJSONSchema(["--schemafile", Self.schema, folder.path + "/sop.sarif"])
        #expect(checked.status == 0, "the SARIF does not validate against sarif-schema-2.1.0.json:\n\(checked.output)")

        let log = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        #expect(run["language"] as? String == "en-US" && run["columnKind"] as? String == "unicodeCodePoints")
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "sop")
        let rules = try #require(driver["rules"] as? [[String: Any]])
        let results = try #require(run["results"] as? [[String: Any]])
        // One result a finding, and one for each finding the files accept, marked suppressed in source.
        let suppressed = results.filter { ($0["suppressions"] as? [[String: Any]])?.first?["kind"] as? String == "inSource" }
        #expect(results.count == findings.count + 6 && suppressed.count == 6, "\(results.count) \(findings.count) \(suppressed.count)")
        #expect(suppressed.allSatisfy { (($0["suppressions"] as? [[String: Any]])?.first?["justification"] as? String)?.contains("naskah") == true })
        for result in results {
            let rule = try #require(rules[try #require(result["ruleIndex"] as? Int)])
            #expect(rule["id"] as? String == result["ruleId"] as? String)
            #expect(["error", "warning", "note"].contains(result["level"] as? String ?? ""))
        }
        let sop0603 = try #require(rules.first { $0["id"] as? String == "SOP0603" })
        #expect((sop0603["shortDescription"] as? [String: Any])?["text"] as? String == "declared total differs from the steps")
        #expect((sop0603["defaultConfiguration"] as? [String: Any])?["level"] as? String == "warning")
        let total = try #require(suppressed.first { $0["ruleId"] as? String == "SOP0603" })
        let physical = try #require(((total["locations"] as? [[String: Any]])?.first)?["physicalLocation"] as? [String: Any])
        #expect((physical["artifactLocation"] as? [String: Any])?["uri"] as? String == "workflows/pengaduan-langsung.yaml")
        #expect((physical["region"] as? [String: Any])?["startLine"] as? Int == 91)
        #expect((physical["region"] as? [String: Any])?["startColumn"] as? Int == 8)
        // The file whose name holds a space and a '#': a URI reference that says the same path.
        let uris = results.compactMap { ((($0["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: Any])?["uri"] as? String }
        #expect(uris.contains("workflows/rujukan%20salah%231.yaml"), "\(Set(uris))")
        #expect(results.contains { ($0["relatedLocations"] as? [[String: Any]])?.isEmpty == false }, "a note is a related location")

        // In Bahasa Indonesia by default.
        let id = try SOPBinary.run(["validate", "workflows", "--format", "sarif"], in: URL(fileURLWithPath: folder.path))
        #expect(id.standardOutput.contains("\"text\" : \"total yang dinyatakan berbeda dengan langkah-langkahnya\""))
    }

    @Test("GitHub annotations: one workflow command a finding, its properties and data escaped")
    func github() throws {
        let folder = try Self.folder()
        let result = try SOPBinary.run(["validate", "workflows", "--format", "github", "--lang", "en"], in: URL(fileURLWithPath: folder.path))
        #expect(result.status == 1)
        let lines = result.standardOutput.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        #expect(!lines.isEmpty && lines.allSatisfy { $0.hasPrefix("::error file=") || $0.hasPrefix("::warning file=") || $0.hasPrefix("::notice file=") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("::error file=workflows/rujukan salah#1.yaml,line=10,col=19,title=SOP0305 unknown workflow::unknown workflow 'tidak-ada'. Hint: ") }, "\(lines.prefix(3))")
        // The findings the files accept are not annotated.
        #expect(!result.standardOutput.contains("SOP0603"))
        // Properties: a ':' or ',' in a value is escaped, so that the runner reads the command as written.
        for line in lines {
            let properties = line.dropFirst(2).split(separator: "::", maxSplits: 1).first.map(String.init) ?? ""
            let values = properties.drop { $0 != " " }.split(separator: ",").map { $0.split(separator: "=", maxSplits: 1).last.map(String.init) ?? "" }
            #expect(values.allSatisfy { !$0.contains(":") }, "\(line)")
            #expect(values.count == 4, "file, line, col, title: \(line)")
        }
        #expect(!result.standardOutput.contains("files checked"), "no summary line in annotations")
    }

    @Test("--quiet prints the findings only; --min-severity hides the less serious, the exit status counts them all")
    func quietAndMinimum() throws {
        // The shipped SOPs with one new warning (a document no step uses), beside the accepted ones.
        let folder = try TemporaryFolder()
        try FileManager.default.copyItem(atPath: SOPBinary.repositoryRoot.appendingPathComponent("workflows").path, toPath: folder.path + "/workflows")
        let path = folder.path + "/workflows/pengaduan-langsung.yaml"
        try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "documents:\n", with: "documents:\n  baru: { name: Dokumen baru }\n")
            .write(toFile: path, atomically: true, encoding: .utf8)
        func run(_ arguments: [String]) throws -> SOPBinary.Result {
            try SOPBinary.run(["validate"] + arguments, in: URL(fileURLWithPath: folder.path))
        }
        let quiet = try run(["--quiet", "--lang", "en"])
        #expect(quiet.status == 0 && !quiet.standardOutput.contains("files checked") && quiet.standardOutput.contains("[SOP0604]"), "\(quiet.output)")
        let errorsOnly = try run(["--min-severity", "error", "--lang", "en"])
        #expect(errorsOnly.status == 0 && !errorsOnly.standardOutput.contains(": warning: ") && !errorsOnly.standardOutput.contains(": info: "))
        #expect(errorsOnly.standardOutput.contains("files checked: 0 errors, 1 warning, 16 info; 6 accepted"), "the summary still counts every finding: \(errorsOnly.output)")
        let strict = try run(["--strict", "--min-severity", "error", "--quiet"])
        #expect(strict.status == 1 && strict.standardOutput.isEmpty, "a hidden warning still fails --strict: \(strict.output)")
        let warnings = try run(["--min-severity", "warning", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(warnings.standardOutput.utf8)) as? [String: Any])
        let items = try #require(object["diagnostics"] as? [[String: Any]])
        #expect(items.count == 1 && items.allSatisfy { $0["severity"] as? String == "warning" }, "\(items.map { $0["code"] ?? "" })")
        let shown = try run(["--show-suppressed", "--min-severity", "warning", "--quiet"])
        #expect(shown.standardOutput.components(separatedBy: ": warning: ").count - 1 == 7, "\(shown.output)")
        let refused = try SOPBinary.run(["validate", "--min-severity", "fatal"])
        #expect(refused.status == 2 && refused.standardError.contains("error"), "\(refused.output)")
    }
}

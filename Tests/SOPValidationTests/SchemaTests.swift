import Foundation
import SOPLoading
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// The JSON Schemas in `schemas/`: they allow exactly the keys the loader reads (`FormatKeys`), they
// are valid draft 2020-12 schemas, the shipped workflow files pass them, and the fixtures marked
// `# schema: valid` / `# schema: invalid` pass or fail them under the standard validator
// `check-jsonschema` (`pip install check-jsonschema`), run once per schema over all files.
@Suite("JSON Schemas")
struct SchemaTests {
    // MARK: - Keys

    @Test("each schema allows exactly the keys of FormatKeys", arguments: ["workflow", "calendar"])
    func schemaAllowsExactlyTheLoaderKeys(kind: String) throws {
        let schema = try SchemaFiles.load(kind)
        let top = try #require(FormatKeys.sections[kind])
        #expect(SchemaFiles.propertyKeys(schema) == Set(top), "\(kind).schema.json: top-level properties")
        #expect(SchemaFiles.isClosed(schema), "\(kind).schema.json: top level needs additionalProperties: false")
        let defs = schema["$defs"] as? [String: Any] ?? [:]
        for (name, keys) in FormatKeys.sections.sorted(by: { $0.key < $1.key }) {
            guard let definition = defs[name] as? [String: Any] else { continue }
            #expect(
                SchemaFiles.propertyKeys(definition) == Set(keys),
                "\(kind).schema.json: $defs/\(name) properties differ from FormatKeys.\(name)")
            #expect(SchemaFiles.isClosed(definition), "\(kind).schema.json: $defs/\(name) needs additionalProperties: false")
        }
    }

    @Test("the scenarios schema allows exactly the keys the scenario loader reads")
    func scenariosSchemaAllowsExactlyTheLoaderKeys() throws {
        let schema = try SchemaFiles.load("scenarios")
        #expect(SchemaFiles.propertyKeys(schema) == Set(ScenarioLoader.fileKeys), "top-level properties")
        #expect(SchemaFiles.isClosed(schema))
        let defs = schema["$defs"] as? [String: Any] ?? [:]
        let scenario = try #require(defs["scenario"] as? [String: Any])
        #expect(SchemaFiles.propertyKeys(scenario) == Set(ScenarioLoader.scenarioKeys), "$defs/scenario properties")
        #expect(SchemaFiles.isClosed(scenario))
        let expectation = try #require(defs["expectation"] as? [String: Any])
        #expect(SchemaFiles.propertyKeys(expectation) == Set(ScenarioLoader.expectationKeys), "$defs/expectation properties")
        #expect(SchemaFiles.isClosed(expectation))
        let action = try #require(defs["action"] as? [String: Any])
        let verbs = try #require(action["oneOf"] as? [[String: Any]])
        #expect(verbs.count == ScenarioLoader.verbs.count)
        for verb in ScenarioLoader.verbs {
            let definition = verbs.first { ($0["required"] as? [String])?.first == verb }
            #expect(
                definition.flatMap(SchemaFiles.propertyKeys) == Set([verb] + ScenarioLoader.optionKeys(of: verb)),
                "$defs/action for `\(verb)`")
            #expect(definition.map(SchemaFiles.isClosed) == true, "$defs/action for `\(verb)` needs additionalProperties: false")
        }
    }

    @Test("every FormatKeys section is in one of the schemas")
    func everySectionIsInASchema() throws {
        let workflow = try SchemaFiles.load("workflow")
        let calendar = try SchemaFiles.load("calendar")
        let calendarSections: Set<String> = ["calendar", "hours", "holiday", "notHoliday"]
        for name in FormatKeys.sections.keys.sorted() where name != "workflow" && name != "calendar" {
            let (file, schema) = calendarSections.contains(name) ? ("calendar", calendar) : ("workflow", workflow)
            let defs = schema["$defs"] as? [String: Any] ?? [:]
            #expect(defs[name] is [String: Any], "section \(name) has no $defs/\(name) in \(file).schema.json")
        }
    }

    // MARK: - check-jsonschema

    @Test("the schemas are valid draft 2020-12 schemas")
    func schemasAreValidSchemas() throws {
        guard let validator = try requireValidator() else { return }
        let root = try #require(Repository.root)
        let files = ["workflow", "calendar", "scenarios"].map { SchemaFiles.url($0, root: root).path }
        let result = try validator.run(["--check-metaschema"] + files)
        #expect(result.status == 0, "check-jsonschema --check-metaschema failed:\n\(result.output)")
    }

    @Test("the shipped workflow and calendar files pass the schemas")
    func shippedFilesPass() throws {
        guard try requireValidator() != nil else { return }
        let run = try SchemaRun.shared.get()
        let shipped = run.cases.filter { $0.origin == .shipped }
        if shipped.isEmpty {
            Issue.record("no workflow files: workflows/*.yaml holds none")
        }
        for item in shipped {
            if !item.isCheckable {
                Issue.record("\(item.relativePath) uses YAML aliases, which check-jsonschema cannot check safely")
            } else if let failure = run.failures[item.file.path] {
                Issue.record("\(item.relativePath) does not pass \(item.schema).schema.json:\n\(failure.text)")
            }
        }
    }

    @Test("fixtures marked `# schema: valid` pass")
    func validFixturesPass() throws {
        guard try requireValidator() != nil else { return }
        let run = try SchemaRun.shared.get()
        let valid = run.cases.filter { $0.origin == .fixture && $0.expectation == .valid }
        #expect(!valid.isEmpty, "no fixture is marked `# schema: valid`")
        for item in valid {
            if !item.isCheckable {
                Issue.record(
                    "\(item.relativePath) uses YAML aliases, which check-jsonschema cannot check safely: remove its `# schema: valid` line"
                )
            } else if let failure = run.failures[item.file.path] {
                Issue.record("\(item.relativePath) should pass \(item.schema).schema.json:\n\(failure.text)")
            }
        }
    }

    @Test("fixtures marked `# schema: invalid` fail")
    func invalidFixturesFail() throws {
        guard try requireValidator() != nil else { return }
        let run = try SchemaRun.shared.get()
        let invalid = run.cases.filter { $0.origin == .fixture && $0.expectation == .invalid }
        #expect(!invalid.isEmpty, "no fixture is marked `# schema: invalid`")
        for item in invalid where item.isCheckable {
            guard let failure = run.failures[item.file.path] else {
                Issue.record("\(item.relativePath) should fail \(item.schema).schema.json but passes")
                continue
            }
            // A YAML syntax error would make any fixture "fail": the failure must come from the schema.
            #expect(!failure.isParseError, "\(item.relativePath) fails to parse, not the schema:\n\(failure.text)")
        }
    }

    /// The validator, or nil after recording an issue saying how to install it.
    private func requireValidator() throws -> Validator? {
        guard let validator = Validator.found else {
            Issue.record(
                "check-jsonschema is not installed (not on PATH, and `python3 -m check_jsonschema` does not run): pip install check-jsonschema"
            )
            return nil
        }
        return validator
    }
}

// MARK: - Repository and schema files

/// The schema tests' view of the repository: the shared root of `TestPaths`, and YAML files by folder.
private enum Repository {
    /// The folder holding Package.swift.
    static let root: URL? = TestPaths.root

    static func relativePath(_ url: URL) -> String {
        guard let root else { return url.path }
        let prefix = root.path.hasSuffix("/") ? root.path : root.path + "/"
        return url.path.hasPrefix(prefix) ? String(url.path.dropFirst(prefix.count)) : url.path
    }

    /// Every regular `.yaml`/`.yml` file under a folder, recursively or not, sorted by path.
    static func yamlFiles(under folder: URL, recursive: Bool) -> [URL] {
        let manager = FileManager.default
        let folder = folder.resolvingSymlinksInPath()
        var found: [URL] = []
        if recursive {
            guard let enumerator = manager.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
            for case let url as URL in enumerator { found.append(url) }
        } else {
            found = (try? manager.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? []
        }
        return found.filter { ["yaml", "yml"].contains($0.pathExtension) }
            .filter { var isFolder: ObjCBool = false
                return manager.fileExists(atPath: $0.path, isDirectory: &isFolder) && !isFolder.boolValue
            }
            .sorted { $0.path < $1.path }
    }
}

private enum SchemaFiles {
    struct Missing: Error, CustomStringConvertible {
        var description: String
    }

    static func url(_ kind: String, root: URL) -> URL {
        root.appendingPathComponent("schemas").appendingPathComponent("\(kind).schema.json")
    }

    /// The schema `schemas/<kind>.schema.json` as a JSON object.
    static func load(_ kind: String) throws -> [String: Any] {
        guard let root = Repository.root else { throw Missing(description: "no Package.swift above \(#filePath)") }
        let data = try Data(contentsOf: url(kind, root: root))
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw Missing(description: "\(kind).schema.json is not a JSON object")
        }
        return object
    }

    static func propertyKeys(_ schema: [String: Any]) -> Set<String>? {
        (schema["properties"] as? [String: Any]).map { Set($0.keys) }
    }

    static func isClosed(_ schema: [String: Any]) -> Bool {
        (schema["additionalProperties"] as? Bool) == false
    }
}

// MARK: - Running check-jsonschema

/// How to start `check-jsonschema`: its executable, or `python3 -m check_jsonschema`.
private struct Validator: Sendable {
    var command: [String]

    /// The longest one run of check-jsonschema may take.
    static let timeLimit: TimeInterval = 120

    struct TimedOut: Error, CustomStringConvertible {
        var description: String
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var output: String { [stdout, stderr].filter { !$0.isEmpty }.joined(separator: "\n") }
    }

    static let found: Validator? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        let folders = path.split(separator: ":").map(String.init)
        func executable(_ name: String) -> String? {
            folders.map { ($0 as NSString).appendingPathComponent(name) }
                .first { FileManager.default.isExecutableFile(atPath: $0) }
        }
        if let tool = executable("check-jsonschema") {
            let validator = Validator(command: [tool])
            if let result = try? validator.run(["--version"]), result.status == 0 { return validator }
        }
        for python in ["python3", "python"] {
            guard let interpreter = executable(python) else { continue }
            let validator = Validator(command: [interpreter, "-m", "check_jsonschema"])
            if let result = try? validator.run(["--version"]), result.status == 0 { return validator }
        }
        return nil
    }()

    /// Runs the validator with arguments; output goes through temporary files, so neither stream
    /// can fill a pipe and stall the process.
    func run(_ arguments: [String]) throws -> Result {
        let manager = FileManager.default
        let base = manager.temporaryDirectory.appendingPathComponent("sop-schema-\(UUID().uuidString)")
        let outURL = base.appendingPathExtension("out")
        let errURL = base.appendingPathExtension("err")
        _ = manager.createFile(atPath: outURL.path, contents: nil)
        _ = manager.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? manager.removeItem(at: outURL)
            try? manager.removeItem(at: errURL)
        }
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst()) + arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // A time limit, so that no input can hold the test run: killed after it, the run fails.
        let deadline = Date().addingTimeInterval(Self.timeLimit)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        let timedOut = process.isRunning
        if timedOut { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        try? out.close()
        try? err.close()
        let stdout = (try? String(contentsOf: outURL, encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
        if timedOut {
            throw TimedOut(description: "check-jsonschema took over \(Int(Self.timeLimit)) s and was stopped: \(arguments.suffix(3))")
        }
        return Result(status: process.terminationStatus, stdout: stdout, stderr: stderr)
    }

    /// Validates many files against one schema in one process; returns the files that fail, by path.
    ///
    /// Reads `--output-format json` to tell the files apart; should that output not be readable,
    /// falls back to one run per file.
    func failures(of files: [URL], schema: URL) throws -> [String: Failure] {
        guard !files.isEmpty else { return [:] }
        let batch = try run(["--output-format", "json", "--schemafile", schema.path] + files.map(\.path))
        if let report = Self.parse(batch.stdout) { return report }
        var failures: [String: Failure] = [:]
        for file in files {
            let single = try run(["--schemafile", schema.path, file.path])
            if single.status != 0 {
                failures[file.path] = Failure(
                    messages: [single.output], isParseError: single.output.contains("Failed to parse"))
            }
        }
        return failures
    }

    private static func parse(_ output: String) -> [String: Failure]? {
        guard let data = output.data(using: .utf8),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            object["status"] is String
        else { return nil }
        var failures: [String: Failure] = [:]
        for error in object["errors"] as? [[String: Any]] ?? [] {
            guard let file = error["filename"] as? String else { return nil }
            let message = "\(error["path"] as? String ?? "$"): \(error["message"] as? String ?? "?")"
            failures[file, default: Failure(messages: [], isParseError: false)].messages.append(message)
        }
        for error in object["parse_errors"] as? [[String: Any]] ?? [] {
            guard let file = error["filename"] as? String else { return nil }
            var failure = failures[file, default: Failure(messages: [], isParseError: true)]
            failure.isParseError = true
            failure.messages.append(error["message"] as? String ?? "parse error")
            failures[file] = failure
        }
        return failures
    }
}

/// Why one file failed validation.
private struct Failure: Sendable {
    var messages: [String]
    /// The file could not be read as YAML at all.
    var isParseError: Bool
    var text: String { messages.map { "  " + $0 }.joined(separator: "\n") }
}

/// One file to validate, with the schema it is checked against and what is expected.
private struct SchemaCase: Sendable {
    enum Origin: Sendable { case shipped, fixture }
    enum Expectation: Sendable { case valid, invalid }

    var file: URL
    var schema: String
    var origin: Origin
    var expectation: Expectation
    /// False for a file using YAML aliases, which is not given to check-jsonschema.
    var isCheckable: Bool
    var relativePath: String { Repository.relativePath(file) }
}

/// Every file validated once, one check-jsonschema process per schema, shared by the tests.
///
/// A file that uses YAML aliases (`&anchor` … `*anchor`) is not given to check-jsonschema: it copies
/// every alias out in full, which for an alias bomb (a loader fixture) takes minutes and gigabytes.
/// Such a file marked `# schema: invalid` is taken as failing without a run (the schema never sees
/// aliases); marked `# schema: valid`, or shipped in `workflows/`, it is reported as uncheckable.
private struct SchemaRun: Sendable {
    var cases: [SchemaCase]
    var failures: [String: Failure]

    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    static let shared: Swift.Result<SchemaRun, Problem> = {
        guard let root = Repository.root else { return .failure(Problem(description: "no Package.swift found")) }
        guard let validator = Validator.found else {
            return .failure(Problem(description: "check-jsonschema is not installed: pip install check-jsonschema"))
        }
        var cases: [SchemaCase] = []
        for file in Repository.yamlFiles(under: root.appendingPathComponent("workflows"), recursive: false) {
            guard let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
            cases.append(
                SchemaCase(
                    file: file, schema: schemaName(of: text), origin: .shipped, expectation: .valid,
                    isCheckable: !usesAliases(text)))
        }
        let fixtures = ["Tests/SOPValidationTests/Fixtures", "Tests/SOPScenariosTests/Fixtures"].flatMap {
            Repository.yamlFiles(under: root.appendingPathComponent($0), recursive: true)
        }
        for file in fixtures {
            guard let text = try? String(contentsOf: file, encoding: .utf8),
                let expectation = expectation(of: text)
            else { continue }
            cases.append(
                SchemaCase(
                    file: file, schema: schemaName(of: text), origin: .fixture, expectation: expectation,
                    isCheckable: !usesAliases(text)))
        }
        var failures: [String: Failure] = [:]
        do {
            for schema in ["workflow", "calendar", "scenarios"] {
                let files = cases.filter { $0.schema == schema && $0.isCheckable }.map(\.file)
                let found = try validator.failures(of: files, schema: SchemaFiles.url(schema, root: root))
                failures.merge(found) { first, _ in first }
            }
        } catch {
            return .failure(Problem(description: "could not run check-jsonschema: \(error)"))
        }
        return .success(SchemaRun(cases: cases, failures: failures))
    }()

    /// Whether YAML text uses an alias (`*name`) of an anchor (`&name`) it defines.
    static func usesAliases(_ text: String) -> Bool {
        let anchors = Set(text.matches(of: #/&([A-Za-z0-9_.\-]+)/#).map { String($0.output.1) })
        guard !anchors.isEmpty else { return false }
        return text.matches(of: #/\*([A-Za-z0-9_.\-]+)/#).contains { anchors.contains(String($0.output.1)) }
    }

    /// `calendar` for a file with a top-level `kind: Calendar` line, `scenarios` for `kind:
    /// Scenarios`, `workflow` otherwise.
    static func schemaName(of text: String) -> String {
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) where line.hasPrefix("kind:") {
            var value = line.dropFirst("kind:".count)
            if let hash = value.firstIndex(of: "#") { value = value[..<hash] }
            let kind = value.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            switch kind {
            case "Calendar": return "calendar"
            case "Scenarios": return "scenarios"
            default: return "workflow"
            }
        }
        return "workflow"
    }

    /// What a fixture's `# schema: valid` or `# schema: invalid` line expects; nil without one.
    static func expectation(of text: String) -> SchemaCase.Expectation? {
        for line in text.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("#") else { continue }
            let comment = trimmed.dropFirst().trimmingCharacters(in: .whitespaces)
            guard comment.hasPrefix("schema:") else { continue }
            switch comment.dropFirst("schema:".count).trimmingCharacters(in: .whitespaces) {
            case "valid": return .valid
            case "invalid": return .invalid
            default: continue
            }
        }
        return nil
    }
}

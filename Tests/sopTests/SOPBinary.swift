import Foundation

/// Runs the built `sop` binary and captures what it prints.
struct SOPBinary {
    struct Result {
        let status: Int32
        let standardOutput: String
        /// Everything written to standard error.
        let allOfStandardError: String
        var output: String { standardOutput + standardError }

        /// The warning lines a write on a declared-identity database prints (in either language).
        static let declaredIdentityWarnings = [
            "sop: peringatan: basis data ini memakai identitas yang dinyatakan",
            "sop: warning: this database uses declared identity",
        ]

        /// Standard error without the declared-identity warning: what a command says about
        /// itself. The tests of that warning read `allOfStandardError`.
        var standardError: String {
            allOfStandardError.split(separator: "\n", omittingEmptySubsequences: false).filter { !Self.isWarning($0) }
                .joined(separator: "\n")
        }

        /// How many times the declared-identity warning was printed.
        var declaredIdentityWarningCount: Int { allOfStandardError.split(separator: "\n").filter(Self.isWarning).count }

        static func isWarning(_ line: Substring) -> Bool { declaredIdentityWarnings.contains { line.hasPrefix($0) } }
    }

    static let repositoryRoot: URL = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" && !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url.deleteLastPathComponent()
        }
        return url
    }()

    /// The `sop` executable beside the test bundle (SwiftPM puts products in one folder).
    static let executable: URL? = {
        var candidates: [URL] = []
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = runner.deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(folder.appendingPathComponent("sop"))
            folder.deleteLastPathComponent()
        }
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("sop"))
        candidates.append(repositoryRoot.appendingPathComponent(".build/debug/sop"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) && !$0.hasDirectoryPath }
    }()

    /// The clock of a run that does not set `SOP_NOW`: a working Monday in December 2026, in
    /// a year the shipped calendar covers, as is the next one.
    static let defaultNow = "2026-12-07T09:00:00+07:00"

    /// The environment variables that choose the language.
    static let languageVariables = ["SOP_LANG", "LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"]

    /// Runs `sop` with arguments in a folder (the repository root by default); fails after `timeout` seconds.
    static func run(_ arguments: [String], in directory: URL = repositoryRoot, environment: [String: String] = [:], timeout: TimeInterval = 60) throws -> Result {
        guard let executable else { throw SOPBinaryError(description: "the sop binary was not built; run `swift build` first") }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var variables = ProcessInfo.processInfo.environment
        variables["NO_COLOR"] = "1"
        // The language comes only from what a test gives: by default, none (Bahasa Indonesia).
        for name in SOPBinary.languageVariables { variables[name] = nil }
        // The clock is fixed unless a test sets it: what `sop validate` says about the calendar's
        // years, and every due time, must not depend on the day the tests run.
        variables["SOP_NOW"] = SOPBinary.defaultNow
        for (key, value) in environment { variables[key] = value }
        process.environment = variables
        return try capture(process, timeout: timeout, description: "sop \(arguments.joined(separator: " "))")
    }

    /// Runs another program (`runuser`, …) with arguments and the test's environment, and
    /// captures what it prints.
    static func runProgram(_ path: String, _ arguments: [String], timeout: TimeInterval = 60) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: "/")
        return try capture(process, timeout: timeout, description: ([path] + arguments).joined(separator: " "))
    }

    private static func capture(_ process: Process, timeout: TimeInterval, description: String) throws -> Result {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sop-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outURL = folder.appendingPathComponent("out")
        let errURL = folder.appendingPathComponent("err")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(5_000) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            throw SOPBinaryError(description: "\(description) did not finish in \(Int(timeout)) s")
        }
        process.waitUntilExit()
        try out.close()
        try err.close()
        return Result(
            status: process.terminationStatus,
            standardOutput: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
            allOfStandardError: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
    }
}

struct SOPBinaryError: Error, CustomStringConvertible {
    let description: String
}

/// A temporary folder, removed when the value goes away.
final class TemporaryFolder {
    let url: URL
    var path: String { url.path }

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("sop-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let file = url.appendingPathComponent(name).path
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }
}

/// Decodes `sop validate --format json`.
struct ValidationOutput: Decodable {
    struct Location: Decodable {
        let file: String
        let line: Int
        let column: Int
    }
    struct Item: Decodable {
        let code: String
        let severity: String
        let location: Location
        let message: String
        let hint: String?
    }
    struct Summary: Decodable {
        let files: Int
        let errors: Int
        let warnings: Int
        let info: Int
    }
    let files: [String]
    let diagnostics: [Item]
    let summary: Summary

    var positions: [String] { diagnostics.map { "\($0.location.line):\($0.location.column) \($0.code)" } }

    static func decode(_ text: String) throws -> ValidationOutput {
        try JSONDecoder().decode(ValidationOutput.self, from: Data(text.utf8))
    }
}

import Foundation
import SOPCore
import SOPLoading
import SOPModel
import SOPValidation

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
    static let fixtures = root.appendingPathComponent("Tests/SOPValidationTests/Fixtures").path

    static func fixture(_ name: String) -> String { fixtures + "/" + name }
}

/// A temporary folder, removed when the value goes away.
final class TemporaryFolder {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("sop-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes a file into the folder and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let file = path + "/" + name
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    /// Copies a file into the folder and returns the copy's path.
    @discardableResult
    func copy(_ source: String, as name: String) throws -> String {
        let file = path + "/" + name
        try FileManager.default.copyItem(atPath: source, toPath: file)
        return file
    }
}

extension ValidationReport {
    /// `line:column CODE` of each finding, in report order.
    var positions: [String] { diagnostics.map { "\($0.location.line):\($0.location.column) \($0.code.id)" } }
    /// The codes found.
    var codes: Set<String> { Set(diagnostics.map(\.code.id)) }
}

/// A workflow file around the given steps, with a calendar beside it, for small tests.
func workflowText(id: String = "uji", revision: Int = 1, total: String? = nil, extra: String = "", steps: String) -> String {
    """
    kind: Workflow
    id: \(id)
    revision: \(revision)
    title: Uji
    document:
      number: "001/1"
    calendar: kalender-uji
    actors:
      petugas: { name: Petugas }
      pelapor: { name: Pelapor, external: true }
    outcomes:
      selesai: { name: Selesai, status: resolved }
    \(total.map { "total: \($0)" } ?? "")
    \(extra)
    steps:
    \(steps)
    """
}

let calendarText = """
    kind: Calendar
    id: kalender-uji
    time_zone: Asia/Jakarta
    hours: { monday: "08:00-16:00" }
    """

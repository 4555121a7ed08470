import Foundation
import SOPCore
import SOPYAML
import SOPTestSupport

/// A 1-based location in `test.yaml`.
func at(_ line: Int, _ column: Int, file: String = "test.yaml") -> SourceLocation {
    SourceLocation(file: file, line: line, column: column)
}

/// Parses inline text as `test.yaml`.
func parse(_ text: String, limits: YAMLLimits = .default) -> YAMLParseResult {
    YAMLReader.parse(text, file: "test.yaml", limits: limits)
}

/// Parses raw bytes as `test.yaml`.
func parse(bytes: [UInt8], limits: YAMLLimits = .default) -> YAMLParseResult {
    YAMLReader.parse(bytes, file: "test.yaml", limits: limits)
}

extension YAMLParseResult {
    /// The codes of the diagnostics, in order.
    var codes: [String] { diagnostics.map(\.code.id) }
}

/// A fresh temporary folder, removed when the body returns.
func withTemporaryFolder<T>(_ body: (URL) throws -> T) throws -> T {
    let folder = FileManager.default.temporaryDirectory
        .appendingPathComponent("sop-yaml-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    return try body(folder)
}


import Foundation
import SOPCore
import SOPYAML

/// Text with position markers (`1️⃣`, `2️⃣`, …) removed, and where each marker stood, as
/// swift-syntax's tests write positions: the column counts Unicode scalars.
struct MarkedText {
    var text: String
    var locations: [String: SourceLocation]

    init(_ marked: String, file: String = "test.yaml") {
        let markers: Set<Character> = ["1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣", "6️⃣", "7️⃣", "8️⃣", "9️⃣"]
        var text = ""
        var locations: [String: SourceLocation] = [:]
        var line = 1
        var column = 1
        for character in marked {
            if markers.contains(character) {
                locations[String(character)] = SourceLocation(file: file, line: line, column: column)
                continue
            }
            text.append(character)
            for scalar in character.unicodeScalars {
                if scalar == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            }
        }
        self.text = text
        self.locations = locations
    }

    subscript(marker: String) -> SourceLocation {
        guard let location = locations[marker] else {
            preconditionFailure("no marker \(marker) in the text")
        }
        return location
    }
}

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


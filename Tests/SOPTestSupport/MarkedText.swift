import SOPCore

/// Text with position markers (`1️⃣`, `2️⃣`, …) removed, and where each marker stood, as
/// swift-syntax's tests write positions: the column counts Unicode scalars.
public struct MarkedText: Sendable {
    /// The text without its markers.
    public var text: String
    /// Where each marker stood, in `file`.
    public var locations: [String: SOPCore.SourceLocation]

    public init(_ marked: String, file: String = "test.yaml") {
        let markers: Set<Character> = ["1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣", "6️⃣", "7️⃣", "8️⃣", "9️⃣"]
        var text = ""
        var locations: [String: SOPCore.SourceLocation] = [:]
        var line = 1
        var column = 1
        for character in marked {
            if markers.contains(character) {
                locations[String(character)] = SOPCore.SourceLocation(file: file, line: line, column: column)
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

    /// Where a marker stood.
    public subscript(marker: String) -> SOPCore.SourceLocation {
        guard let location = locations[marker] else { preconditionFailure("no marker \(marker) in the text") }
        return location
    }
}

import Foundation
import SOPEngine
import SOPTestSupport
import Testing
@testable import SOPService

/// `CaseListJSON` writes exactly what `JSONEncoder` writes for a case list: it replaces it only
/// for the latency of `sop case list --format json`.
@Suite("Case list JSON: byte for byte JSONEncoder's")
struct CaseListJSONTests {
    /// Every scalar below 0x20, the characters JSON escapes, and some JSON leaves as they are.
    static let awkward: String = {
        var text = ""
        for value in 0..<0x20 { text.unicodeScalars.append(Unicode.Scalar(UInt8(value))) }
        return text + "\"\\/\u{7F}\u{9B}\u{202E}é✓😀 <&>"
    }()

    @Test func anEmptyList() throws {
        #expect(CaseListJSON.text([]) == (try CaseListItemTests.text([CaseListItem]())))
    }

    @Test(arguments: TestSeeds.or([1, 2, 3, 4]))
    func randomLists(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        var items = (0..<60).map { CaseListItemTests.item($0, &generator) }
        // Whole and fractional seconds, before 1970 and far after, and every awkward character.
        items[1].openedAt = Date(timeIntervalSince1970: 1.999)
        items[2].dueAt = Date(timeIntervalSince1970: -0.5)
        items[3].activity = Self.awkward
        items[4].registerNumber = Self.awkward
        items[5].actors = [Self.awkward, ""]
        items[6].channel = Self.awkward
        for count in [1, 2, items.count] {
            let list = Array(items.prefix(count))
            #expect(CaseListJSON.text(list) == (try CaseListItemTests.text(list)), "seed \(seed), \(count) items")
        }
    }
}

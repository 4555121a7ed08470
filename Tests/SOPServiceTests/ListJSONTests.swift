import Foundation
import SOPCore
import SOPEngine
import SOPTestSupport
import Testing
@testable import SOPService

/// Lists are written through `JSONValue`; the bytes are those `JSONEncoder` writes.
@Suite struct ListJSONTests {
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    static func item(_ index: Int, _ generator: inout some RandomNumberGenerator) -> CaseListItem {
        let texts = ["", "a/b", "Pengaduan \"KTP\" \\ hilang\n\t\u{1}", "é✓😀", "<script>&"]
        func date() -> Date { Date(timeIntervalSince1970: Double.random(in: 9.5e8...7.2e9, using: &generator)) }
        let ended = index % 3 == 0
        return CaseListItem(
            number: index, registerNumber: texts[index % texts.count] + "067/PGD/2026/\(index)", workflow: "pengaduan-langsung",
            revision: index % 4 + 1, status: ended ? .resolved : .open, step: ended ? nil : "analisa",
            activity: ended ? nil : texts[(index + 1) % texts.count], actors: ended ? [] : Array(["front-office", "tim-pengaduan"].prefix(index % 2 + 1)),
            channel: index % 5 == 0 ? nil : "instagram", openedAt: date(), dueAt: date(), stepDueAt: ended ? nil : date(),
            closedAt: ended ? date() : nil, sla: ended ? nil : SLAState.allCases[index % 3],
            uncoveredYears: index % 4 == 0 ? [2027, 2028] : [])
    }

    @Test(arguments: TestSeeds.or([1, 2, 3]))
    func writesWhatJSONEncoderWrites(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        for count in [0, 1, 2, 7, 40] {
            let items = (0..<count).map { Self.item($0, &generator) }
            let expected = String(decoding: try Self.encoder().encode(items), as: UTF8.self)
            #expect(JSONValue.array(items.map(\.jsonValue)).prettyPrinted() == expected)
        }
    }

    @Test func emptyObjectsAndNesting() throws {
        let value = JSONValue.object([("b", .object([])), ("a", .array([.array([]), .null, .bool(false), .int(-3)]))])
        #expect(value.prettyPrinted() == "{\n  \"a\" : [\n    [\n\n    ],\n    null,\n    false,\n    -3\n  ],\n  \"b\" : {\n\n  }\n}")
    }
}

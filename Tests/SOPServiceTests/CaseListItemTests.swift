import Foundation
import SOPEngine
import SOPTestSupport
import Testing
@testable import SOPService

/// A list item's JSON, the shape `sop case list` and `sop queue` print: one key a property, absent
/// values left out (never `null`), dates in ISO 8601.
@Suite struct CaseListItemTests {
    /// An encoder set as the CLI's `JSONOutput` sets its own.
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    static func text(_ value: some Encodable) throws -> String {
        String(decoding: try encoder().encode(value), as: UTF8.self)
    }

    /// Monday 30 November 2026, 09:00 WIB.
    static let monday = Date(timeIntervalSince1970: 1_796_004_000)

    @Test func anOpenCaseWritesEveryField() throws {
        let item = CaseListItem(
            number: 2, registerNumber: "067/PGD/2026/000002", workflow: "pengaduan-langsung", revision: 1, status: .open,
            step: "analisa", activity: "Melakukan analisa pengaduan", actors: ["tim-pengaduan"], channel: "langsung",
            openedAt: Self.monday, dueAt: Self.monday.addingTimeInterval(2 * 86_400 + 7_200.4),
            stepDueAt: Self.monday.addingTimeInterval(86_400), closedAt: nil, sla: .atRisk, uncoveredYears: [2027, 2028])
        #expect(try Self.text(item) == """
            {
              "activity" : "Melakukan analisa pengaduan",
              "actors" : [
                "tim-pengaduan"
              ],
              "channel" : "langsung",
              "dueAt" : "2026-12-02T04:00:00Z",
              "number" : 2,
              "openedAt" : "2026-11-30T02:00:00Z",
              "registerNumber" : "067/PGD/2026/000002",
              "revision" : 1,
              "sla" : "at-risk",
              "status" : "open",
              "step" : "analisa",
              "stepDueAt" : "2026-12-01T02:00:00Z",
              "uncoveredYears" : [
                2027,
                2028
              ],
              "workflow" : "pengaduan-langsung"
            }
            """)
    }

    @Test func anEndedCaseLeavesOutWhatItLacks() throws {
        let item = CaseListItem(
            number: 4, registerNumber: "067/PGD/2026/000004", workflow: "pengaduan-langsung", revision: 1, status: .withdrawn,
            step: nil, activity: nil, actors: [], channel: nil, openedAt: Self.monday, dueAt: Self.monday,
            stepDueAt: nil, closedAt: Self.monday.addingTimeInterval(60), sla: nil, uncoveredYears: [])
        #expect(try Self.text([item]) == """
            [
              {
                "actors" : [

                ],
                "closedAt" : "2026-11-30T02:01:00Z",
                "dueAt" : "2026-11-30T02:00:00Z",
                "number" : 4,
                "openedAt" : "2026-11-30T02:00:00Z",
                "registerNumber" : "067/PGD/2026/000004",
                "revision" : 1,
                "status" : "withdrawn",
                "uncoveredYears" : [

                ],
                "workflow" : "pengaduan-langsung"
              }
            ]
            """)
        #expect(try Self.text([CaseListItem]()) == "[\n\n]")
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
            uncoveredYears: index % 4 == 0 ? [2027, 2028] : [], nextScheduledAt: ended || index % 2 == 0 ? nil : date())
    }

    /// Random items read back: every text as it was (quotes, `\`, control characters, `/`,
    /// non-ASCII), every date to the whole second, and a key for every value present only.
    @Test(arguments: TestSeeds.or([1, 2, 3]))
    func readsBackAsWritten(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        let items = (0..<40).map { Self.item($0, &generator) }
        let text = try Self.text(items)
        #expect(!text.contains("null"))
        #expect(!text.contains("\\/"))
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        #expect(objects.count == items.count)
        let dates = ISO8601DateFormatter()
        func instant(_ value: Any?) -> Date? { (value as? String).flatMap { dates.date(from: $0) } }
        func second(_ date: Date?) -> Double? { date.map { $0.timeIntervalSince1970.rounded(.down) } }
        for (item, object) in zip(items, objects) {
            var keys: Set<String> = ["number", "registerNumber", "workflow", "revision", "status", "actors", "openedAt", "dueAt", "uncoveredYears"]
            for (key, value) in [("step", item.step), ("activity", item.activity), ("channel", item.channel), ("sla", item.sla?.rawValue)]
            where value != nil {
                keys.insert(key)
                #expect(object[key] as? String == value)
            }
            if item.stepDueAt != nil { keys.insert("stepDueAt") }
            if item.closedAt != nil { keys.insert("closedAt") }
            if item.nextScheduledAt != nil { keys.insert("nextScheduledAt") }
            #expect(second(instant(object["nextScheduledAt"])) == second(item.nextScheduledAt))
            #expect(Set(object.keys) == keys)
            #expect(object["number"] as? Int == item.number)
            #expect(object["revision"] as? Int == item.revision)
            #expect(object["registerNumber"] as? String == item.registerNumber)
            #expect(object["workflow"] as? String == item.workflow)
            #expect(object["status"] as? String == item.status.rawValue)
            #expect(object["actors"] as? [String] == item.actors)
            #expect(object["uncoveredYears"] as? [Int] == item.uncoveredYears)
            #expect(second(instant(object["openedAt"])) == second(item.openedAt))
            #expect(second(instant(object["dueAt"])) == second(item.dueAt))
            #expect(second(instant(object["stepDueAt"])) == second(item.stepDueAt))
            #expect(second(instant(object["closedAt"])) == second(item.closedAt))
        }
    }
}

import Foundation
import SOPModel
import SOPTestSupport
import Testing

@Suite struct InternetTimeTests {
    @Test(arguments: [
        ("2026-11-30T09:00:00+07:00", 1_796_004_000.0),
        ("2026-11-30T02:00:00Z", 1_796_004_000.0),
        ("2026-11-30t02:00:00z", 1_796_004_000.0),
        ("2026-11-30 02:00:00Z", 1_796_004_000.0),
        ("2026-11-29T21:30:00-04:30", 1_796_004_000.0),
        ("2026-11-30T02:00:00.25Z", 1_796_004_000.25),
        ("2024-02-29T00:00:00Z", 1_709_164_800.0),
        ("1970-01-01T00:00:00Z", 0.0),
        ("2000-01-01T06:59:59+07:00", 946_684_799.0),
    ])
    func readsRFC3339(text: String, seconds: Double) {
        #expect(InternetTime.secondsSince1970(text) == seconds)
    }

    @Test(arguments: [
        "", "2026-11-30", "2026-11-30T09:00:00", "2026-11-30T09:00+07:00", "2026-13-01T00:00:00Z",
        "2026-02-29T00:00:00Z", "2026-11-30T24:00:00Z", "2026-11-30T09:60:00Z", "2026-11-30T09:00:60Z",
        "2026-11-30T09:00:00+24:00", "2026-11-30T09:00:00.Z", "2026-11-30T09:00:00Z ", "2026-11-30T09:00:00+0700",
        "２０２６-11-30T09:00:00Z", "2026-11-30T09:00:00.1234567890Z", "tomorrow",
    ])
    func refusesEverythingElse(text: String) {
        #expect(InternetTime.secondsSince1970(text) == nil)
    }

    /// The same instants as Foundation's formatter reads.
    @Test(arguments: TestSeeds.or([1, 2]))
    func agreesWithFoundation(seed: UInt64) {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        var generator = SeededGenerator(seed: seed)
        for _ in 0..<500 {
            let instant = Date(timeIntervalSince1970: Double(Int.random(in: 946_684_800...7_258_118_399, using: &generator)))
            for zone in [0, 7 * 3600, -(9 * 3600 + 30 * 60)] {
                formatter.timeZone = TimeZone(secondsFromGMT: zone)
                let text = formatter.string(from: instant)
                #expect(InternetTime.secondsSince1970(text) == instant.timeIntervalSince1970, "\(text)")
            }
        }
    }
}

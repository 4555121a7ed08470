import Foundation
import SOPCore
import SOPService
import SOPModel

/// The days a report covers: cases opened from the first day to the last, both included, in the
/// office's time zone (Asia/Jakarta, WIB); either end may be left open.
public struct ReportPeriod: Hashable, Sendable, Encodable {
    /// The time zone days are read in.
    public static let timeZoneIdentifier = "Asia/Jakarta"
    /// The form dates are written in, for messages.
    public static let dateFormat = "YYYY-MM-DD"

    /// The first day, or nil for no lower bound.
    public let from: CivilDate?
    /// The last day (included), or nil for no upper bound.
    public let to: CivilDate?

    /// A period of days; throws when it starts after it ends.
    public init(from: CivilDate?, to: CivilDate?) throws(ServiceError) {
        if let from, let to, to < from {
            throw ServiceError(.period, Text(
                id: "periode dimulai pada \(from), sesudah berakhir pada \(to): berikan --from yang sama dengan atau sebelum --to (tanggal \(Self.dateFormat))",
                en: "the period starts on \(from) after it ends on \(to): give --from on or before --to (dates \(Self.dateFormat))"))
        }
        self.from = from
        self.to = to
    }

    /// Every case, whenever opened.
    public static let always = try! ReportPeriod(from: nil, to: nil)

    /// A date written `YYYY-MM-DD` that exists (`2026-02-29` does not); nil for anything else.
    public static func date(_ text: String) -> CivilDate? { CivilDate(text) }

    /// The first instant of the period: midnight starting `from` in Jakarta.
    public var start: Date? { from.map(Self.midnight) }
    /// The instant after the period: midnight ending `to` in Jakarta (excluded).
    public var end: Date? { to.map { Self.midnight(starting: $0.daysSinceEpoch + 1) } }

    /// Whether the period has no bounds.
    public var isUnbounded: Bool { from == nil && to == nil }

    static let timeZone = TimeZone(identifier: timeZoneIdentifier) ?? TimeZone(secondsFromGMT: 7 * 3600)!

    private static func midnight(_ date: CivilDate) -> Date { midnight(starting: date.daysSinceEpoch) }

    private static func midnight(starting day: Int) -> Date {
        let utc = Date(timeIntervalSince1970: Double(day) * 86_400)
        // The offset at local midnight: taken at the UTC instant, then checked once.
        let guess = utc.addingTimeInterval(-Double(timeZone.secondsFromGMT(for: utc)))
        return utc.addingTimeInterval(-Double(timeZone.secondsFromGMT(for: guess)))
    }

    private enum CodingKeys: String, CodingKey { case from, to, timeZone }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(from?.description, forKey: .from)
        try container.encode(to?.description, forKey: .to)
        try container.encode(Self.timeZoneIdentifier, forKey: .timeZone)
    }
}

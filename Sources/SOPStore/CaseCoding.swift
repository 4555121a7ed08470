import Foundation
import SOPEngine
import SOPModel

/// JSON for events and states as stored, with dates that come back bit for bit.
///
/// A date is written as a JSON number of seconds since 1970 with every fractional digit its
/// double holds (`1767243600.12345671653747559`), through `Decimal`, which JSON keeps digit for
/// digit. A plain double since 1970 would lose the last bit of half of all dates: `Date` counts
/// from 2001, and shifting by 978,307,200 s rounds.
enum CaseCoding {
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            if let exact = exactSeconds(date) {
                try container.encode(exact)
            } else {
                try container.encode(date.timeIntervalSince1970)
            }
        }
        return encoder
    }

    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            return date(fromSeconds: try container.decode(Decimal.self))
        }
        return decoder
    }

    static func encode(_ value: some Encodable) throws -> String {
        String(decoding: try encoder().encode(value), as: UTF8.self)
    }

    static func decode<Value: Decodable>(_ type: Value.Type, from text: String) throws -> Value {
        try decoder().decode(type, from: Data(text.utf8))
    }

    private static let secondsFrom1970To2001: Int64 = 978_307_200

    /// The exact seconds since 1970 of a date as a decimal, or nil when a decimal cannot hold
    /// them (before 1970, or a fraction with too many digits).
    static func exactSeconds(_ instant: Date) -> Decimal? {
        let sinceReference = instant.timeIntervalSinceReferenceDate
        guard sinceReference.isFinite, abs(sinceReference) < 1e15 else { return nil }
        let whole = sinceReference.rounded(.down)
        let fraction = sinceReference - whole  // exact: the bits below the point
        let seconds = Int64(whole) + secondsFrom1970To2001
        guard seconds >= 0 else { return nil }
        var text = String(seconds)
        if fraction > 0 { text += plainFraction(fraction) }
        guard let decimal = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")),
              date(fromSeconds: decimal) == instant
        else { return nil }
        return decimal
    }

    /// A date from seconds since 1970 written as a decimal; exact for what `exactSeconds` wrote.
    static func date(fromSeconds seconds: Decimal) -> Date {
        let text = seconds.description
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        if !text.hasPrefix("-"), let whole = Int64(parts[0]), abs(whole) < 1_000_000_000_000_000 {
            let fraction = parts.count == 2 ? Double("0." + parts[1]) ?? 0 : 0
            return Date(timeIntervalSinceReferenceDate: Double(whole - secondsFrom1970To2001) + fraction)
        }
        return Date(timeIntervalSince1970: NSDecimalNumber(decimal: seconds).doubleValue)
    }

    /// `.xxx`: the shortest decimal digits that read back as a fraction in (0, 1), never in
    /// exponent notation.
    private static func plainFraction(_ fraction: Double) -> String {
        let text = fraction.description  // shortest round-trip form: "0.25" or "1.1920928955078125e-07"
        guard let exponentMark = text.firstIndex(of: "e") else { return String(text.dropFirst()) }
        let mantissa = text[..<exponentMark].replacingOccurrences(of: ".", with: "")
        let exponent = Int(text[text.index(after: exponentMark)...]) ?? 0  // negative: fraction < 1
        return "." + String(repeating: "0", count: max(0, -exponent - 1)) + mantissa
    }

    /// The name of an event's kind, for the `kind` column.
    static func kindName(_ kind: CaseEvent.Kind) -> String {
        switch kind {
        case .opened: "opened"
        case .stepStarted: "step-started"
        case .documentAttached: "document-attached"
        case .documentWaived: "document-waived"
        case .stepContributed: "step-contributed"
        case .stepCompleted: "step-completed"
        case .stepSkipped: "step-skipped"
        case .returnedToReporter: "returned-to-reporter"
        case .escalated: "escalated"
        case .noteAdded: "note-added"
        case .ended: "ended"
        }
    }
}

/// Register numbers such as `067/PGD/2026/000123` from a format with `{year}` and `{number}`.
struct RegisterFormat: Sendable {
    let format: String

    /// Asia/Jakarta (WIB) keeps UTC+7 all year round.
    private static let jakarta = TimeZone(secondsFromGMT: 7 * 3600)!

    init(_ format: String) throws(StoreError) {
        // With {number} register numbers never repeat; spaces at the ends would not survive a
        // lookup, and control characters could not be typed.
        guard format.contains("{number}"), format.count <= 64, format.trimmingCharacters(in: .whitespaces) == format,
            !format.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else { throw .invalidRegisterFormat(format) }
        self.format = format
    }

    /// The register number of a case: `{number}` zero-padded to six digits, `{year}` the year
    /// the case was opened in Jakarta.
    func registerNumber(number: Int, openedAt instant: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Self.jakarta
        let year = calendar.component(.year, from: instant)
        let digits = String(number)
        let padded = String(repeating: "0", count: max(0, 6 - digits.count)) + digits
        return format.replacingOccurrences(of: "{year}", with: String(year))
            .replacingOccurrences(of: "{number}", with: padded)
    }
}

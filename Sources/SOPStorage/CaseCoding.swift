import Foundation
import SOPEngine
import SOPModel

/// JSON for what the store keeps as JSON (events, histories, step mappings), with dates that come
/// back bit for bit. The format of an event is `CaseEvent`'s own coding (`EventCoding.swift`).
///
/// A date is written as Foundation's own number for it: seconds since 2001-01-01 00:00 UTC, a
/// double that JSON writes in its shortest exact form and reads back to the same bits. (Seconds
/// since 1970 would lose the last bit of half of all dates, `Date` counting from 2001; an exact
/// decimal of them cost most of the time of writing a case.) The index columns of `cases` and
/// `events` hold seconds since 1970 for people and SQL.
package enum CaseCoding {
    package static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .deferredToDate
        return encoder
    }

    package static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .deferredToDate
        return decoder
    }

    package static func encode(_ value: some Encodable) throws -> String {
        String(decoding: try encoder().encode(value), as: UTF8.self)
    }

    package static func decode<Value: Decodable>(_ type: Value.Type, from text: String) throws -> Value {
        try decoder().decode(type, from: Data(text.utf8))
    }

    /// An event from its JSON, in the format of today or of sop before it (see `EventCoding.swift`).
    package static func decodeEvent(_ text: String, with decoder: JSONDecoder = decoder()) throws -> CaseEvent {
        try decoder.decode(CaseEvent.self, from: Data(text.utf8))
    }

    /// The JSON text of a value, with an encoder already made (`encoder()`).
    package static func encode(_ value: some Encodable, with encoder: JSONEncoder) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

/// Register numbers such as `067/PGD/2026/000123` from a format with `{year}` and `{number}`.
package struct RegisterFormat: Sendable {
    package let format: String

    /// Asia/Jakarta (WIB) keeps UTC+7 all year round.
    private static let jakarta = TimeZone(secondsFromGMT: 7 * 3600)!

    package init(_ format: String) throws(StoreError) {
        // With {number} register numbers never repeat; spaces at the ends would not survive a
        // lookup, and control characters could not be typed.
        guard format.contains("{number}"), format.count <= 64, format.trimmingCharacters(in: .whitespaces) == format,
            !format.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else { throw .invalidRegisterFormat(format) }
        self.format = format
    }

    /// The register number of a case: `{number}` zero-padded to six digits, `{year}` the year
    /// the case was opened in Jakarta.
    package func registerNumber(number: Int, openedAt instant: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Self.jakarta
        let year = calendar.component(.year, from: instant)
        let digits = String(number)
        let padded = String(repeating: "0", count: max(0, 6 - digits.count)) + digits
        return format.replacingOccurrences(of: "{year}", with: String(year))
            .replacingOccurrences(of: "{number}", with: padded)
    }
}

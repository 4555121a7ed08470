import Foundation
import SOPEngine
import SOPModel

/// JSON for events and states as stored, with dates that come back bit for bit.
///
/// A date is written as Foundation's own number for it: seconds since 2001-01-01 00:00 UTC, a
/// double that JSON writes in its shortest exact form and reads back to the same bits. (Seconds
/// since 1970 would lose the last bit of half of all dates, `Date` counting from 2001; an exact
/// decimal of them cost most of the time of writing a case.) The index columns of `cases` and
/// `events` hold seconds since 1970 for people and SQL.
enum CaseCoding {
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .deferredToDate
        return encoder
    }

    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .deferredToDate
        return decoder
    }

    static func encode(_ value: some Encodable) throws -> String {
        String(decoding: try encoder().encode(value), as: UTF8.self)
    }

    static func decode<Value: Decodable>(_ type: Value.Type, from text: String) throws -> Value {
        try decoder().decode(type, from: Data(text.utf8))
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
        case .migrated: "migrated"
        case .migrationUndone: "migration-undone"
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

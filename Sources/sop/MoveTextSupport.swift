import Foundation
import SOPService

// What `MoveText.swift` uses of the case texts that moved into SOPService, in the language of
// this run: thin forwards, to go when the text of moves leaves the tool too.

/// Dates as staff read them, in the language of this run (`TimeText`).
enum Clock {
    /// `Sen 30 Nov 2026 09:35` (`Mon 30 Nov 2026 09:35`).
    static func text(_ date: Date) -> String { TimeText.date(date, in: language) }
}

extension CaseText {
    /// `langkah analisa` or `langkah dapat-diselesaikan → analisa`, in the language of this run.
    static func step(from: String, to: String) -> String { stepText(from: from, to: to).localized }
}

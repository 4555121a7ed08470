import Foundation
import SOPCore
import SOPModel

/// Whether each calendar covers the current year and the next one: a deadline that runs into a
/// year the calendar does not cover is computed as if that year had no holidays.
enum CalendarCoverageCheck {
    /// Findings for the calendars, as of `now` (read in each calendar's own time zone).
    static func check(_ calendars: [WorkCalendar], now: Date) -> [Diagnostic] {
        calendars.flatMap { calendar -> [Diagnostic] in
            guard let year = year(of: now, in: calendar) else { return [] }
            let missing = calendar.uncoveredYears(year...(year + 1))
            guard !missing.isEmpty else { return [] }
            let covered = calendar.coveredYears.sorted()
            let list = missing.map(String.init).joined(separator: " dan ")
            let listEN = missing.map(String.init).joined(separator: " and ")
            let coveredID = covered.isEmpty ? "tidak satu tahun pun" : covered.map(String.init).joined(separator: ", ")
            let coveredEN = covered.isEmpty ? "no year at all" : covered.map(String.init).joined(separator: ", ")
            let location = calendar.declaredYears?.first?.location ?? calendar.id.location
            let which = missing.contains(year) ? Text(id: "tahun ini", en: "this year") : Text(id: "tahun depan", en: "next year")
            return [Diagnostic(.yearNotCovered, at: location, Text(
                id: "kalender '\(calendar.id.value)' tidak mencakup \(list) (\(which.id)); yang tercakup: \(coveredID). "
                    + "Batas waktu yang melewati \(list) dihitung seolah-olah tanpa hari libur",
                en: "calendar '\(calendar.id.value)' does not cover \(listEN) (\(which.en)); covered: \(coveredEN). "
                    + "Deadlines that run through \(listEN) are computed as if it had no holidays"))]
        }
    }

    /// The year of an instant in the calendar's time zone.
    static func year(of instant: Date, in calendar: WorkCalendar) -> Int? {
        guard let zone = TimeZone(identifier: calendar.timeZone.value) else { return nil }
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = zone
        let year = gregorian.component(.year, from: instant)
        return (1...9998).contains(year) ? year : nil
    }
}

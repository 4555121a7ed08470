import Foundation
import SOPCore

/// Dates and working times as staff read them: in Jakarta time (WIB), with the names of days and
/// months in the language given.
public enum TimeText {
    /// The office's time zone: Asia/Jakarta (WIB).
    public static let timeZone = TimeZone(identifier: "Asia/Jakarta") ?? TimeZone(secondsFromGMT: 7 * 3600)!

    /// The short names of the months, January first: `Jan` … `Des` (`Dec` in English).
    public static func months(in language: Language) -> [String] {
        switch language {
        case .id: ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]
        case .en: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        }
    }

    /// The short names of the days of the week, Sunday first: `Min` … `Sab` (`Sun` … `Sat`).
    public static func days(in language: Language) -> [String] {
        switch language {
        case .id: ["Min", "Sen", "Sel", "Rab", "Kam", "Jum", "Sab"]
        case .en: ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        }
    }

    /// `Sen 30 Nov 2026 09:35` in Bahasa Indonesia, `Mon 30 Nov 2026 09:35` in English.
    public static func date(_ date: Date, in language: Language) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .weekday], from: date)
        let hour = parts.hour ?? 0
        let minute = parts.minute ?? 0
        return "\(days(in: language)[(parts.weekday ?? 1) - 1]) \(parts.day ?? 0) \(months(in: language)[(parts.month ?? 1) - 1]) \(parts.year ?? 0) "
            + (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
    }

    /// `2 jam 15 menit` for working seconds: durations are written as the SOPs write budgets, in
    /// both languages (a `hari` of a budget is a working day, which "day" would not say).
    public static func duration(_ seconds: Int) -> String {
        let minutes = seconds / 60
        if minutes == 0 { return "0 menit" }
        var parts: [String] = []
        if minutes / 60 > 0 { parts.append("\(minutes / 60) jam") }
        if minutes % 60 > 0 { parts.append("\(minutes % 60) menit") }
        return parts.joined(separator: " ")
    }

    /// `Sel 1 Des 2026 10:00 → Rab 2 Des 2026 10:00 (1 hari lebih lambat)` for a due time that
    /// moved, `Sel 1 Des 2026 10:00 (tetap)` for one that did not.
    /// A step's due time, or `tanpa tenggat` (`no due time`) for a step with no stated time.
    public static func due(_ date: Date?, in language: Language) -> String {
        date.map { self.date($0, in: language) } ?? noDueTime(language)
    }

    /// `tanpa tenggat`: what a step with no stated time ("-" in the signed table) has.
    public static let noDueTime = Text(id: "tanpa tenggat", en: "no due time")

    /// A step's due time moved, or `tanpa tenggat` where either side has none.
    public static func moved(_ old: Date?, _ new: Date?, in language: Language) -> String {
        guard let old, let new else {
            return old == nil && new == nil ? noDueTime(language) : "\(due(old, in: language)) → \(due(new, in: language))"
        }
        return moved(old, new, in: language)
    }

    public static func moved(_ old: Date, _ new: Date, in language: Language) -> String {
        guard old != new else { return date(old, in: language) + Text(id: " (tetap)", en: " (unchanged)")(language) }
        let shift = self.shift(new.timeIntervalSince(old), in: language)
        return "\(date(old, in: language)) → \(date(new, in: language)) (\(shift))"
    }

    /// `1 hari 2 jam lebih lambat` (`1 day 2 h later`), `30 menit lebih awal` (`30 min earlier`):
    /// how far a due time moved, in days, hours and minutes of the clock (not of working time),
    /// to the minute.
    public static func shift(_ seconds: TimeInterval, in language: Language) -> String {
        let minutes = Int((abs(seconds) / 60).rounded())
        var id: [String] = []
        var en: [String] = []
        if minutes / 1440 > 0 {
            id.append("\(minutes / 1440) hari")
            en.append(minutes / 1440 == 1 ? "1 day" : "\(minutes / 1440) days")
        }
        if minutes % 1440 / 60 > 0 {
            id.append("\(minutes % 1440 / 60) jam")
            en.append("\(minutes % 1440 / 60) h")
        }
        if minutes % 60 > 0 || minutes == 0 {
            id.append("\(minutes % 60) menit")
            en.append("\(minutes % 60) min")
        }
        let later = seconds > 0
        return Text(
            id: id.joined(separator: " ") + (later ? " lebih lambat" : " lebih awal"),
            en: en.joined(separator: " ") + (later ? " later" : " earlier"))(language)
    }

    /// `Sen 30 Nov 2026 09:00 – 09:12` within a day, both in full across days, and
    /// `mulai Sen 30 Nov 2026 09:00` (`since Mon 30 Nov 2026 09:00`) for a span still open.
    public static func span(_ start: Date, _ end: Date?, in language: Language) -> String {
        let from = date(start, in: language)
        guard let end else { return Text(id: "mulai \(from)", en: "since \(from)")(language) }
        let to = date(end, in: language)
        // `Sen 30 Nov 2026 09:00`: the day is everything before the last space.
        if let space = from.lastIndex(of: " "), let otherSpace = to.lastIndex(of: " "), from[..<space] == to[..<otherSpace] {
            return "\(from) – \(to[to.index(after: otherSpace)...])"
        }
        return "\(from) – \(to)"
    }
}

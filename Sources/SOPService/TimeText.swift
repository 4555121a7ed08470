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

import Foundation
import SOPCore

/// Instants as staff read them: in Jakarta time (WIB), the day and the month abbreviated in a
/// language, `Sen 30 Nov 2026 09:35` (`Mon 30 Nov 2026 09:35` in English).
public enum OfficeClock {
    /// The time zone instants are written in: Asia/Jakarta (WIB, UTC+7 all year round).
    public static let timeZone = TimeZone(identifier: "Asia/Jakarta") ?? TimeZone(secondsFromGMT: 7 * 3600)!

    /// The months abbreviated, January first: `Jan` … `Des` (`Dec` in English).
    public static func months(in language: Language) -> [String] {
        switch language {
        case .id: ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]
        case .en: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        }
    }

    /// The days of the week abbreviated, Sunday first (as `Calendar` numbers them): `Min` … `Sab`.
    public static func days(in language: Language) -> [String] {
        switch language {
        case .id: ["Min", "Sen", "Sel", "Rab", "Kam", "Jum", "Sab"]
        case .en: ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        }
    }

    /// `Sen 30 Nov 2026 09:35` in Bahasa Indonesia, `Mon 30 Nov 2026 09:35` in English.
    public static func text(_ date: Date, in language: Language) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .weekday], from: date)
        let hour = parts.hour ?? 0
        let minute = parts.minute ?? 0
        return "\(days(in: language)[(parts.weekday ?? 1) - 1]) \(parts.day ?? 0) \(months(in: language)[(parts.month ?? 1) - 1]) \(parts.year ?? 0) "
            + (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
    }
}

/// The time a step may take, in working time: whole working days plus working minutes.
///
/// Days and minutes are kept apart, as the signed SOPs write them (`2 hari 2 jam`): a working day
/// is one day of office hours of the workflow's calendar, whose length differs between weekdays,
/// so minutes never carry over into days. Two budgets are equal when both parts are equal.
public struct Budget: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    /// Whole working days.
    public var days: Int
    /// Working minutes on top of the days.
    public var minutes: Int

    /// The largest number any part of a budget may have, so that sums never overflow.
    public static let maximumPart = 100_000

    /// Creates a budget of days and minutes.
    public init(days: Int = 0, minutes: Int = 0) {
        self.days = days
        self.minutes = minutes
    }

    /// No time at all.
    public static let zero = Budget()

    /// Parses a budget as the SOPs write it.
    ///
    /// Accepted, in any combination and order, separated by spaces: `N menit`, `N jam`, `N hari`,
    /// `N hari kerja`, `N x 24 jam` (N working days), and the short forms `Nm`, `Nh`, `Nd`
    /// (also written together, `1h30m`). Words are matched without regard to case; `mnt` and
    /// `minute(s)`, `hour(s)`, `day(s)` are accepted too. Returns nil for anything else, for a
    /// budget of no time, and for numbers over `maximumPart`.
    public init?(parsing text: String) {
        var tokens: [Substring] = []
        // Split "1h30m" and "15m" into number and unit tokens; split on spaces.
        for word in text.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }) {
            var current = ""
            var isNumber: Bool?
            for character in word {
                let digit = character.isASCII && character.isNumber
                if let previous = isNumber, previous != digit {
                    tokens.append(Substring(current))
                    current = ""
                }
                current.append(character)
                isNumber = digit
            }
            if !current.isEmpty { tokens.append(Substring(current)) }
        }
        guard !tokens.isEmpty else { return nil }
        var days = 0
        var minutes = 0
        var index = 0
        func number(_ token: Substring) -> Int? {
            guard token.count <= 6, let value = Int(token), value <= Budget.maximumPart else { return nil }
            return value
        }
        while index < tokens.count {
            guard let value = number(tokens[index]), index + 1 < tokens.count else { return nil }
            let unit = tokens[index + 1]
            index += 2
            switch unit {
            case "x":
                // "1 x 24 jam": N times 24 hours, which SOPs use to mean N working days.
                guard index + 1 < tokens.count, tokens[index] == "24",
                    ["jam", "j", "h", "hour", "hours"].contains(tokens[index + 1])
                else { return nil }
                days += value
                index += 2
            case "menit", "mnt", "m", "min", "minute", "minutes":
                minutes += value
            case "jam", "j", "h", "hour", "hours":
                minutes += value * 60
            case "hari", "d", "day", "days":
                days += value
                if index < tokens.count, tokens[index] == "kerja" { index += 1 }
            default:
                return nil
            }
            guard days <= Budget.maximumPart, minutes <= Budget.maximumPart * 60 else { return nil }
        }
        guard days > 0 || minutes > 0 else { return nil }
        self.init(days: days, minutes: minutes)
    }

    /// The sum of two budgets, part by part.
    public static func + (lhs: Budget, rhs: Budget) -> Budget {
        Budget(days: lhs.days + rhs.days, minutes: lhs.minutes + rhs.minutes)
    }

    /// Orders by days, then minutes (the order in which the parts are written).
    public static func < (lhs: Budget, rhs: Budget) -> Bool {
        (lhs.days, lhs.minutes) < (rhs.days, rhs.minutes)
    }

    /// The budget in the SOPs' own words: `2 hari 1 jam`, `1 jam 30 menit`, `15 menit`.
    public var description: String {
        var parts: [String] = []
        if days > 0 { parts.append("\(days) hari") }
        if minutes / 60 > 0 { parts.append("\(minutes / 60) jam") }
        if minutes % 60 > 0 { parts.append("\(minutes % 60) menit") }
        return parts.isEmpty ? "0 menit" : parts.joined(separator: " ")
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let budget = Budget(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a budget: \(text)"))
        }
        self = budget
    }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

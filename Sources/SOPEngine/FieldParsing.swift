import SOPCore
import SOPModel
import SOPRules

/// Reads the text staff type for a field into a typed value, checking it.
enum FieldParsing {
    /// The typed value of the text staff typed for the field `name` of a type, or why it is refused.
    static func value(_ text: String, name: String, type: FieldType) -> Result<FieldValue, EngineError> {
        let trimmed = text.trimmingSpaces
        guard !trimmed.isEmpty else { return .failure(.invalidField(name, Text(id: "nilainya kosong", en: "the value is empty"))) }
        guard trimmed.fitsTextLimit else { return .failure(.invalidField(name, Text(
            id: "nilainya terlalu panjang",
            en: "the value is too long"))) }
        switch type {
        case .text:
            return .success(.text(trimmed))
        case .phone:
            return phone(trimmed).map { .success(.text($0)) }
                ?? .failure(.invalidField(name, Text(
                    id: "'\(trimmed)' bukan nomor telepon; tulis seperti 081234567890 atau +6281234567890",
                    en: "'\(trimmed)' is not a phone number; write it like 081234567890 or +6281234567890")))
        case .email:
            return isEmail(trimmed) ? .success(.text(trimmed.lowercased()))
                : .failure(.invalidField(name, Text(
                    id: "'\(trimmed)' bukan alamat e-mail; tulis seperti nama@contoh.go.id",
                    en: "'\(trimmed)' is not an e-mail address; write it like nama@contoh.go.id")))
        case .nik:
            let digits = trimmed.filter { $0 != " " && $0 != "." }
            guard digits.count == 16, digits.allSatisfy({ $0.isASCII && $0.isNumber }), digits != String(repeating: "0", count: 16)
            else { return .failure(.invalidField(name, Text(
                id: "NIK terdiri atas 16 digit; '\(trimmed)' tidak demikian",
                en: "a NIK is 16 digits; '\(trimmed)' is not"))) }
            return .success(.text(digits))
        case .enumeration(let values):
            if let value = values.first(where: { $0 == trimmed }) ?? values.first(where: { $0.lowercased() == trimmed.lowercased() }) {
                return .success(.text(value))
            }
            return .failure(.invalidField(name, Text(
                id: "'\(trimmed)' bukan salah satu dari: \(values.joined(separator: ", "))",
                en: "'\(trimmed)' is not one of: \(values.joined(separator: ", "))")))
        case .date:
            return CivilDate(trimmed).map { .success(.date($0)) }
                ?? .failure(.invalidField(name, Text(
                    id: "'\(trimmed)' bukan tanggal; tulis YYYY-MM-DD",
                    en: "'\(trimmed)' is not a date; write YYYY-MM-DD")))
        case .number:
            let normalized = trimmed.replacingComma
            guard let number = Double(normalized), number.isFinite else {
                return .failure(.invalidField(name, Text(id: "'\(trimmed)' bukan bilangan", en: "'\(trimmed)' is not a number")))
            }
            return .success(.number(number))
        case .boolean:
            switch trimmed.lowercased() {
            case "ya", "y", "true", "yes", "1": return .success(.boolean(true))
            case "tidak", "t", "false", "no", "0": return .success(.boolean(false))
            default: return .failure(.invalidField(name, Text(
                id: "'\(trimmed)' bukan ya atau tidak",
                en: "'\(trimmed)' is not ya or tidak")))
            }
        }
    }

    /// An Indonesian phone number normalized to +62…, or nil.
    ///
    /// Digits may be separated by spaces, dashes, dots and parentheses and led by a `+`; at most 16.
    /// They start with the country code 62 or a 0, and the national number after it has 8 to 12
    /// digits and does not start with 0 (mobile and landline numbers). The digits are read as a
    /// number as they go, so no list of them is kept: the national number, whose first digit is
    /// not 0, is that number's remainder by a power of ten, written back digit by digit.
    static func phone(_ text: String) -> String? {
        // The bytes in one piece when the text has them so (a copy on the stack for short text):
        // reading them there costs less than stepping through the text's own view.
        guard let digits = text.utf8.withContiguousStorageIfAvailable(phoneDigits) ?? phoneDigits(text.utf8) else { return nil }
        let (count, value, first, second) = digits
        let length: Int
        if count >= 2, first == UInt8(ascii: "6"), second == UInt8(ascii: "2") {
            length = count - 2
        } else if count >= 1, first == UInt8(ascii: "0") {
            length = count - 1
        } else {
            return nil
        }
        guard (8...12).contains(length) else { return nil }
        // Behind a leading 0 the number is already below 10^length; behind 62 the remainder drops it.
        let national = value % powersOfTen[length]
        guard national >= powersOfTen[length - 1] else { return nil }
        // Written out digit by digit behind +62: 15 bytes at most, a string kept inline.
        var bytes: [UInt8] = [UInt8(ascii: "+"), UInt8(ascii: "6"), UInt8(ascii: "2"), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
        var rest = national
        for position in stride(from: 2 + length, to: 2, by: -1) {
            bytes[position] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        }
        return String(decoding: bytes[..<(3 + length)], as: UTF8.self)
    }

    /// The digits of a phone number as it is written: how many, their value as a number and the
    /// first two; nil when a byte is neither a digit nor a separator, or there are more than 16.
    private static func phoneDigits(_ bytes: some Sequence<UInt8>) -> (count: Int, value: Int, first: UInt8, second: UInt8)? {
        var count = 0
        var value = 0
        var first: UInt8 = 0
        var second: UInt8 = 0
        var isFirst = true
        for byte in bytes {
            let atStart = isFirst
            isFirst = false
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                count += 1
                if count > 16 { return nil }
                // At most 16 digits: below 10^16, far from overflowing.
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
                if count == 1 { first = byte } else if count == 2 { second = byte }
            case UInt8(ascii: "+") where atStart: continue
            case UInt8(ascii: " "), UInt8(ascii: "-"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "."): continue
            default: return nil
            }
        }
        return (count, value, first, second)
    }

    /// 10^0 through 10^12.
    private static let powersOfTen: [Int] = (0...12).map { (0..<$0).reduce(1) { value, _ in value * 10 } }

    static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].count <= 64, text.count <= 254 else { return false }
        let domain = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        guard domain.count >= 2, domain.allSatisfy({ !$0.isEmpty }), let top = domain.last, top.count >= 2 else { return false }
        let allowedLocal = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.!#$%&'*+/=?^_`{|}~-")
        let allowedDomain = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-")
        return parts[0].allSatisfy(allowedLocal.contains) && domain.allSatisfy { $0.allSatisfy(allowedDomain.contains) }
    }

    /// The value as rules see it.
    static func ruleValue(_ value: FieldValue) -> RuleValue {
        switch value {
        case .text(let text): .string(text)
        case .number(let number): .double(number)
        case .boolean(let flag): .bool(flag)
        case .date(let date): .date(year: date.year, month: date.month, day: date.day)
        }
    }
}

extension String {
    /// At most 10,000 characters (Unicode scalars): text staff type into a case. A text of at
    /// most 10,000 bytes needs no counting.
    var fitsTextLimit: Bool { utf8.count <= 10_000 || unicodeScalars.count <= 10_000 }

    var trimmingSpaces: String {
        // Most text has no space at either end: no need to look at characters.
        if let first = utf8.first, let last = utf8.last, first > 32, first < 128, last > 32, last < 128 { return self }
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }

    var replacingComma: String { String(map { $0 == "," ? "." : $0 }) }
}

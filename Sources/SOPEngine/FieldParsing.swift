import SOPCore
import SOPModel
import SOPRules

/// Reads the text staff type for a field into a typed value, checking it.
enum FieldParsing {
    /// The typed value of the text staff typed for the field `name` of a type, or why it is refused.
    static func value(_ text: String, name: String, type: FieldType) -> Result<FieldValue, EngineError> {
        let trimmed = text.trimmingSpaces
        guard !trimmed.isEmpty else { return .failure(.invalidField(name, Text(id: "nilainya kosong", en: "the value is empty"))) }
        guard !trimmed.hasControlCharacters(allowingLineBreaks: false) else { return .failure(.invalidField(name, Text(
            id: "nilainya berisi karakter kendali (misalnya urutan escape terminal); ketik ulang nilainya",
            en: "the value has control characters (an escape sequence of a terminal, say); type the value again"))) }
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
            guard let digits = nik(trimmed) else { return .failure(.invalidField(name, Text(
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

    /// The 16 digits of a NIK (spaces and dots between them left out), or nil; sixteen zeros are
    /// no NIK.
    static func nik(_ text: String) -> String? {
        let digits = text.filter { $0 != " " && $0 != "." }
        guard digits.count == 16, digits.allSatisfy({ $0.isASCII && $0.isNumber }), digits != String(repeating: "0", count: 16)
        else { return nil }
        return digits
    }

    /// An Indonesian phone number normalized to +62…, or nil.
    ///
    /// Digits may be separated by spaces, dashes, dots and parentheses and led by a `+`; at most 16.
    /// They start with the country code 62 or a 0, and the national number after it has 8 to 12
    /// digits and does not start with 0 (mobile and landline numbers).
    static func phone(_ text: String) -> String? {
        var digits = ""
        for (position, character) in text.enumerated() {
            switch character {
            case _ where character.isASCII && character.isNumber: digits.append(character)
            case "+" where position == 0, " ", "-", "(", ")", ".": continue
            default: return nil
            }
        }
        guard digits.count <= 16 else { return nil }
        let national: Substring
        if digits.hasPrefix("62") {
            national = digits.dropFirst(2)
        } else if digits.hasPrefix("0") {
            national = digits.dropFirst()
        } else {
            return nil
        }
        guard (8...12).contains(national.count), national.first != "0" else { return nil }
        return "+62" + national
    }

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
    /// At most 10,000 characters (Unicode scalars): text staff type into a case.
    var fitsTextLimit: Bool { unicodeScalars.count <= 10_000 }

    /// Whether the text has a control character (C0, DEL, C1), which a terminal may act on when
    /// the text is shown; line breaks and tabs are allowed in text of several lines (notes,
    /// reasons) when `allowingLineBreaks`.
    func hasControlCharacters(allowingLineBreaks: Bool) -> Bool {
        unicodeScalars.contains { scalar in
            let value = scalar.value
            if allowingLineBreaks && (value == 0x0A || value == 0x09) { return false }
            return value < 0x20 || (0x7F...0x9F).contains(value)
        }
    }

    var trimmingSpaces: String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }

    var replacingComma: String { String(map { $0 == "," ? "." : $0 }) }
}

/// What counts as personal data when it is written into free text (a complaint's description, a
/// note): the same rules as the fields of those types.
public enum PersonalData {
    /// Whether a text is a phone number as a phone field reads it (`081234567890`, `+62 812-…`).
    public static func isPhoneNumber(_ text: String) -> Bool { FieldParsing.phone(text) != nil }

    /// Whether a text is a NIK as a NIK field reads it: 16 digits, spaces and dots between them.
    public static func isNIK(_ text: String) -> Bool { FieldParsing.nik(text) != nil }

    /// Whether a text is an e-mail address as an e-mail field reads it.
    public static func isEmail(_ text: String) -> Bool { FieldParsing.isEmail(text) }
}

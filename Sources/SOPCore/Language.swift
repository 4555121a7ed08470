/// The languages `sop` speaks to staff and administrators: Bahasa Indonesia and English.
///
/// Indonesian is the default: when nothing says otherwise, or a locale names another language
/// (`C`, `POSIX`, `fr_FR.UTF-8`, …), messages are in Bahasa Indonesia.
public enum Language: String, Sendable, Hashable, CaseIterable {
    /// Bahasa Indonesia.
    case id
    /// English.
    case en

    /// The language when nothing is set: Bahasa Indonesia.
    public static let standard: Language = .id

    /// The language an explicit setting names: `id` or `en`, in any case, or a locale name such as
    /// `id_ID.UTF-8`, `in_ID` (the old code for Indonesian) or `en_US`; `nil` for anything else.
    public init?(setting: String) {
        switch Self.languagePart(of: setting) {
        case "id", "in": self = .id
        case "en": self = .en
        default: return nil
        }
    }

    /// The language of a POSIX locale name: `id_ID.UTF-8` and `in_ID` give Indonesian, `en_*`
    /// English; anything else (`C`, `POSIX`, `fr_FR`, empty) the default, Indonesian.
    public static func ofLocale(_ locale: String) -> Language {
        Language(setting: locale) ?? standard
    }

    /// The language to speak: the `--lang` value when given, else `SOP_LANG`, else the locale of
    /// messages as POSIX orders it (`LC_ALL`, then `LC_MESSAGES`, then `LANG`; the first that is
    /// set and not empty decides), else Indonesian.
    ///
    /// A `--lang` or `SOP_LANG` value that names neither language is refused rather than ignored:
    /// it was set on purpose. A locale that names another language is not a mistake; it gives
    /// the default.
    public static func resolve(flag: String?, environment: [String: String]) -> Result<Language, LanguageError> {
        if let flag {
            guard let language = Language(setting: flag) else { return .failure(LanguageError(source: "--lang", value: flag)) }
            return .success(language)
        }
        if let setting = environment["SOP_LANG"], !setting.isEmpty {
            guard let language = Language(setting: setting) else {
                return .failure(LanguageError(source: "SOP_LANG", value: setting))
            }
            return .success(language)
        }
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let locale = environment[name], !locale.isEmpty { return .success(ofLocale(locale)) }
        }
        return .success(standard)
    }

    /// The value of `--lang X` or `--lang=X` among command-line arguments (the last one given wins,
    /// as for any option), or `nil`. Arguments after `--` are operands, not options. A `--lang`
    /// with nothing after it gives an empty value, which `resolve` refuses.
    public static func flag(in arguments: some Sequence<String>) -> String? {
        var value: String?
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            if argument == "--" { break }
            if argument == "--lang" {
                value = iterator.next() ?? ""
            } else if argument.hasPrefix("--lang=") {
                value = String(argument.dropFirst("--lang=".count))
            }
        }
        return value
    }

    /// `id` of `id_ID.UTF-8@euro`, lowercased.
    private static func languagePart(of setting: String) -> String {
        var part = Substring(setting)
        if let end = part.firstIndex(where: { $0 == "." || $0 == "@" }) { part = part[..<end] }
        if let end = part.firstIndex(where: { $0 == "_" || $0 == "-" }) { part = part[..<end] }
        return part.lowercased()
    }
}

/// A `--lang` or `SOP_LANG` value that names neither Indonesian nor English.
public struct LanguageError: Error, Hashable, Sendable {
    /// Where the value came from: `--lang` or `SOP_LANG`.
    public let source: String
    /// The value as given.
    public let value: String

    /// What is wrong and the way out, in both languages (the language itself is what is unknown).
    public var message: Text {
        let shown = source == "--lang" ? "--lang \(value)" : "\(source)=\(value)"
        return Text(
            id: "bahasa tidak dikenal '\(shown)': pilih id (Bahasa Indonesia) atau en (English)",
            en: "unknown language '\(shown)': choose id (Bahasa Indonesia) or en (English)")
    }
}

/// A text that staff or administrators read, in Bahasa Indonesia and in English.
///
/// Messages with values are built in both languages where they are made:
/// `Text(id: "langkah '\(step)' membutuhkan dokumen '\(document)'", en: "step '\(step)' needs document '\(document)'")`.
/// Only the command-line tool picks a language, when it prints: `text(language)`.
public struct Text: Sendable, Hashable {
    /// The text in Bahasa Indonesia.
    public let id: String
    /// The text in English.
    public let en: String

    /// Creates a text from its two languages.
    public init(id: String, en: String) {
        self.id = id
        self.en = en
    }

    /// A text that reads the same in both languages: a name, an id, a path, a value from a workflow
    /// file (written in the SOP's own words), or a message from outside (libyaml, the system).
    public init(verbatim text: String) {
        self.id = text
        self.en = text
    }

    /// The text in `language`.
    public func callAsFunction(_ language: Language) -> String {
        switch language {
        case .id: id
        case .en: en
        }
    }

    /// Both languages changed by the same function: `text.map { $0 + "." }`.
    public func map(_ transform: (String) -> String) -> Text {
        Text(id: transform(id), en: transform(en))
    }

    /// The two texts one after the other, language by language.
    public static func + (lhs: Text, rhs: Text) -> Text {
        Text(id: lhs.id + rhs.id, en: lhs.en + rhs.en)
    }

    /// Whether either language is empty.
    public var isEmpty: Bool { id.isEmpty || en.isEmpty }
}

extension Text: Encodable {
    /// A text in JSON is a string in the language of `encoder.userInfo[.language]` (Indonesian
    /// when none is given).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(self(encoder.language))
    }
}

extension CodingUserInfoKey {
    /// The `Language` texts are encoded in.
    public static let language = CodingUserInfoKey(rawValue: "sop.language")!
}

extension Encoder {
    /// The language texts are encoded in: `userInfo[.language]`, else Indonesian.
    public var language: Language { userInfo[.language] as? Language ?? .standard }
}

extension Sequence where Element == Text {
    /// The texts joined language by language.
    public func joined(separator: Text) -> Text {
        var id: [String] = []
        var en: [String] = []
        for text in self {
            id.append(text.id)
            en.append(text.en)
        }
        return Text(id: id.joined(separator: separator.id), en: en.joined(separator: separator.en))
    }

    /// The texts joined language by language with the same separator in both.
    public func joined(separator: String = "") -> Text {
        joined(separator: Text(verbatim: separator))
    }
}

extension String.StringInterpolation {
    /// Interpolating a `Text` into a string would silently pick one language; say which one.
    @available(*, deprecated, message: "interpolate one language of the text: \\(text.id), \\(text.en) or \\(text(language))")
    public mutating func appendInterpolation(_ text: Text) {
        appendLiteral(text.id)
    }
}

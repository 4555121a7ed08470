import Testing
import SOPCore

/// Which language `sop` speaks: `--lang`, then `SOP_LANG`, then the POSIX locale, then Indonesian.
@Suite("Language")
struct LanguageTests {
    private func resolve(_ flag: String? = nil, _ environment: [String: String] = [:]) -> Language? {
        try? Language.resolve(flag: flag, environment: environment).get()
    }

    @Test("nothing set: Bahasa Indonesia")
    func standard() {
        #expect(resolve() == .id)
        #expect(Language.standard == .id)
    }

    @Test("--lang wins over SOP_LANG, which wins over the locale")
    func order() {
        let everything = ["SOP_LANG": "id", "LANG": "id_ID.UTF-8", "LC_ALL": "id_ID.UTF-8"]
        #expect(resolve("en", everything) == .en)
        #expect(resolve("id", ["SOP_LANG": "en", "LANG": "en_US.UTF-8"]) == .id)
        #expect(resolve(nil, ["SOP_LANG": "en", "LANG": "id_ID.UTF-8"]) == .en)
        #expect(resolve(nil, ["SOP_LANG": "id", "LC_ALL": "en_US.UTF-8"]) == .id)
        #expect(resolve(nil, ["SOP_LANG": "", "LANG": "en_GB.UTF-8"]) == .en)
    }

    @Test("the locale as POSIX orders it: LC_ALL, then LC_MESSAGES, then LANG; the first set decides")
    func posix() {
        #expect(resolve(nil, ["LANG": "en_US.UTF-8"]) == .en)
        #expect(resolve(nil, ["LC_MESSAGES": "en_US.UTF-8", "LANG": "id_ID.UTF-8"]) == .en)
        #expect(resolve(nil, ["LC_ALL": "id_ID.UTF-8", "LC_MESSAGES": "en_US.UTF-8", "LANG": "en_US.UTF-8"]) == .id)
        #expect(resolve(nil, ["LC_ALL": "", "LANG": "en_US.UTF-8"]) == .en)
        // LC_ALL=C is set: it decides, and C is not English.
        #expect(resolve(nil, ["LC_ALL": "C", "LANG": "en_US.UTF-8"]) == .id)
    }

    @Test("locales map to a language; anything else is Indonesian", arguments: [
        ("id_ID.UTF-8", Language.id), ("id", .id), ("in_ID", .id), ("id_ID@latin", .id),
        ("en_US.UTF-8", .en), ("en_GB", .en), ("en", .en), ("EN_us.utf8", .en),
        ("C", .id), ("POSIX", .id), ("C.UTF-8", .id), ("fr_FR.UTF-8", .id), ("", .id), ("ms_MY", .id),
    ])
    func locales(locale: String, language: Language) {
        #expect(Language.ofLocale(locale) == language)
    }

    @Test("an unknown --lang or SOP_LANG is refused, naming both languages")
    func unknown() throws {
        for (flag, environment) in [("xx", [String: String]()), ("", [:]), ("fr", ["SOP_LANG": "en"])] {
            let result = Language.resolve(flag: flag, environment: environment)
            let error = try #require(throws: LanguageError.self) { try result.get() }
            #expect(error.source == "--lang")
            for language in Language.allCases {
                #expect(error.message(language).contains("id (Bahasa Indonesia)"))
                #expect(error.message(language).contains("en (English)"))
            }
        }
        let error = try #require(throws: LanguageError.self) {
            try Language.resolve(flag: nil, environment: ["SOP_LANG": "english", "LANG": "en_US.UTF-8"]).get()
        }
        #expect(error.source == "SOP_LANG")
        #expect(error.message.en.contains("SOP_LANG=english"))
    }

    @Test("--lang is found in the arguments before any parsing, as --lang X or --lang=X")
    func flag() {
        #expect(Language.flag(in: ["validate", "--lang", "en", "x.yaml"]) == "en")
        #expect(Language.flag(in: ["--lang=id", "validate"]) == "id")
        #expect(Language.flag(in: ["validate", "--lang"]) == "")
        #expect(Language.flag(in: ["--lang", "id", "show", "--lang=en"]) == "en")
        #expect(Language.flag(in: ["case", "note", "1", "--", "--lang", "en"]) == nil)
        #expect(Language.flag(in: ["validate", "--language", "en"]) == nil)
    }
}

/// A text in both languages.
@Suite("Text")
struct TextTests {
    @Test("picks a language, joins and concatenates language by language")
    func basics() {
        let step = Text(id: "langkah", en: "step")
        #expect(step(.id) == "langkah")
        #expect(step(.en) == "step")
        let joined = [step, Text(verbatim: "x")].joined(separator: Text(id: " dan ", en: " and "))
        #expect(joined == Text(id: "langkah dan x", en: "step and x"))
        #expect(step + Text(verbatim: "!") == Text(id: "langkah!", en: "step!"))
        #expect(step.map { $0.uppercased() } == Text(id: "LANGKAH", en: "STEP"))
        #expect(Text(id: "", en: "x").isEmpty)
        #expect(!step.isEmpty)
    }
}

/// Every title and hint of the catalogue of codes in both languages: a code that lacks one fails here.
@Suite("Diagnostic catalogue in both languages")
struct CatalogueLanguageTests {
    @Test("every code has a title in both languages, and the two differ", arguments: DiagnosticCode.all)
    func titles(code: DiagnosticCode) {
        #expect(!code.title.id.isEmpty && !code.title.en.isEmpty, "\(code.id)")
        #expect(code.title.id != code.title.en, "\(code.id): the Indonesian title is the English one")
    }

    @Test("every default hint is in both languages, and the two differ", arguments: DiagnosticCode.all)
    func hints(code: DiagnosticCode) {
        guard let hint = code.hint else { return }
        #expect(!hint.id.isEmpty && !hint.en.isEmpty, "\(code.id)")
        #expect(hint.id != hint.en, "\(code.id): the Indonesian hint is the English one")
    }

    @Test("a diagnostic's description is English, with its code")
    func description() {
        let diagnostic = Diagnostic(
            .unknownKey, at: SourceLocation(file: "a.yaml", line: 2, column: 3),
            Text(id: "kunci 'x' tidak dikenal", en: "unknown key 'x'"))
        #expect(diagnostic.description == "a.yaml:2:3: error: unknown key 'x' [SOP0201]")
    }
}

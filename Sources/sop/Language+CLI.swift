import ArgumentParser
import Foundation
import SOPCore

// Everything `sop` prints is in one language, chosen once per run: `--lang`, else `SOP_LANG`,
// else the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`), else Bahasa Indonesia.
//
// `--lang` is read from the command line before ArgumentParser parses it, so that help texts,
// which ArgumentParser reads while it parses, are already in that language; `main` takes it out
// of the arguments it hands on, and every command declares it (`GlobalOptions`) only so that its
// help lists it.

/// The language asked for, or why the `--lang` or `SOP_LANG` value was refused.
let languageSetting: Result<Language, LanguageError> = Language.resolve(
    flag: Language.flag(in: CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment)

/// The language of this run. When `--lang` or `SOP_LANG` names no language, `main` refuses the
/// run; until then (for that refusal itself) the locale's language is used.
let language: Language = (try? languageSetting.get())
    ?? Language.ofLocale(
        ["LC_ALL", "LC_MESSAGES", "LANG"].lazy.compactMap { ProcessInfo.processInfo.environment[$0] }.first { !$0.isEmpty } ?? "")

/// The text in the language of this run.
func tr(id: String, en: String) -> String {
    Text(id: id, en: en)(language)
}

/// A help text in the language of this run, for `@Option(help:)` and the like.
func help(id: String, en: String) -> ArgumentHelp {
    ArgumentHelp(tr(id: id, en: en))
}

extension Text {
    /// The text in the language of this run.
    var localized: String { self(language) }
}

/// `--lang id|en`: declared by every command so that its help lists it. The value is read before
/// parsing (see `languageSetting`) and taken out of the arguments, so this property stays nil.
struct GlobalOptions: ParsableArguments {
    @Option(
        name: .customLong("lang"),
        help: ArgumentHelp(
            tr(
                id: "Bahasa keluaran: id (Bahasa Indonesia) atau en (English); bawaan: $SOP_LANG, lalu $LANG, lalu id.",
                en: "Output language: id (Bahasa Indonesia) or en (English); default: $SOP_LANG, then $LANG, then id."),
            valueName: "id|en"))
    var lang: String?
}

/// The arguments without `--lang X` and `--lang=X` (up to a `--`, after which every argument is
/// an operand).
func argumentsWithoutLanguage(_ arguments: [String]) -> [String] {
    var result: [String] = []
    var index = arguments.startIndex
    var isOperand = false
    while index < arguments.endIndex {
        let argument = arguments[index]
        if isOperand {
            result.append(argument)
        } else if argument == "--" {
            isOperand = true
            result.append(argument)
        } else if argument == "--lang" {
            index += 1  // and its value
        } else if !argument.hasPrefix("--lang=") {
            result.append(argument)
        }
        index += 1
    }
    return result
}

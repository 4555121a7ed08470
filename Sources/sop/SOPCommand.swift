import ArgumentParser
import Foundation
import SOPCore

/// The `sop` command: parses arguments, calls the library, prints.
@main
struct SOPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sop",
        abstract: tr(id: "Mesin SOP berbasis aturan.", en: "A rules-driven SOP engine."),
        discussion: tr(
            id: """
                Berkas alur kerja (YAML) menguraikan setiap Standar Operasional Prosedur; `sop validate` \
                memeriksanya, `sop show` menampilkannya seperti naskah yang ditandatangani, `sop diagram` dan \
                `sop render` menggambarnya, `sop diff` membandingkan dua revisinya (dan, dengan --against-db, \
                dampak revisi baru pada pengaduan yang sedang berjalan), `sop move` memindahkan pengaduan \
                terbuka ke revisi yang lebih baru, dan `sop report` menyusun rekapan serta ketepatan waktu. \
                Bahasa keluaran dipilih dengan --lang id|en, lalu SOP_LANG, lalu LANG; bawaannya Bahasa Indonesia.
                """,
            en: """
                Workflow files (YAML) describe each Standard Operating Procedure; `sop validate` checks \
                them, `sop show` prints one as the signed document lays it out, `sop diagram` and `sop render` \
                draw it, `sop diff` compares two revisions of one (and, with --against-db, what the newer means \
                for open cases), `sop move` moves open cases onto a newer revision, and `sop report` makes \
                the recap and tells how often deadlines were met. The output language is --lang id|en, \
                else SOP_LANG, else LANG; Bahasa Indonesia when none is set.
                """),
        version: "0.1.0",
        subcommands: [
            InitCommand.self, UpgradeCommand.self, DatabaseCommand.self, StatusCommand.self, VerifyCommand.self, BackupCommand.self, TickCommand.self, PublishCommand.self, ExportCommand.self, ValidateCommand.self, ShowCommand.self, PathsCommand.self, TestCommand.self, DiffCommand.self, DiagramCommand.self, RenderCommand.self,
            DemoCommand.self, CaseCommandGroup.self, QueueCommand.self, StaffCommandGroup.self, NotifyCommandGroup.self, MoveCommand.self,
            ReportCommandGroup.self, CalendarCommandGroup.self,
        ]
    )

    @OptionGroup var global: GlobalOptions

    /// Runs a command and maps errors to exit codes: 0 success, 1 findings, 2 usage or unreadable input.
    ///
    /// The language is settled first: `--lang` with a value that names no language (or such a
    /// `SOP_LANG`) is a usage error before anything else, `--help` included.
    static func main() {
        if case .failure(let error) = languageSetting {
            printError("sop: \(error.message.localized)")
            Foundation.exit(ExitCode.unusableInput.rawValue)
        }
        if let problem = inputNotUTF8() {
            printError(problem)
            Foundation.exit(ExitCode.unusableInput.rawValue)
        }
        do {
            let arguments = argumentsWithoutLanguage(Array(CommandLine.arguments.dropFirst()))
            if let mistyped = mistypedSubcommand(arguments) {
                printError(mistyped)
                Foundation.exit(ExitCode.unusableInput.rawValue)
            }
            var command = try directCommand(arguments) ?? parseAsRoot(arguments)
            try command.run()
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                // --help, --version
                printSafely(fullMessage(for: error))
                Foundation.exit(ExitCode.success.rawValue)
            }
            printError(fullMessage(for: error))
            Foundation.exit(ExitCode.unusableInput.rawValue)
        }
    }
}

extension SOPCommand {
    /// The command a command line names by subcommand names alone (`case step 12 --yes`), parsed
    /// as the root of the arguments after them, so that the whole tree of commands is not read
    /// for it (most of a staff command's parsing time); nil when the line needs the whole tree —
    /// an option before the subcommand, a group without its subcommand, help or the version, a
    /// completion script, or anything the command refuses — which then parses it as always and
    /// reports what is wrong the same way.
    static func directCommand(_ arguments: [String]) -> ParsableCommand? {
        var command: ParsableCommand.Type = SOPCommand.self
        var rest = arguments[...]
        while let name = rest.first, let next = command.configuration.subcommands.first(where: { Self.isNamed($0, name) }) {
            command = next
            rest = rest.dropFirst()
        }
        guard command != SOPCommand.self, command.configuration.subcommands.isEmpty else { return nil }
        let needsTree: Set<String> = ["-h", "--help", "help", "--version", "--experimental-dump-help"]
        guard !rest.contains(where: { needsTree.contains($0) || $0.hasPrefix("--generate-completion") }) else { return nil }
        return try? command.parseAsRoot(Array(rest))
    }

    /// Whether a command is called `name`, or has it among its aliases (`migrate` for `move`).
    static func isNamed(_ command: ParsableCommand.Type, _ name: String) -> Bool {
        command._commandName == name || command.configuration.aliases.contains(name)
    }

    /// The refusal of a command line whose subcommand is misspelt (`sop csae list`, `sop case
    /// lsit`), naming the closest subcommand there is and where the list is; nil when the words
    /// name subcommands, or the first word that does not is an option or follows a command that
    /// takes arguments of its own.
    static func mistypedSubcommand(_ arguments: [String]) -> String? {
        var command: ParsableCommand.Type = SOPCommand.self
        var path = ["sop"]
        for word in arguments {
            let subcommands = command.configuration.subcommands
            guard !subcommands.isEmpty, !word.hasPrefix("-") else { return nil }
            guard let next = subcommands.first(where: { Self.isNamed($0, word) }) else {
                if word == "help" { return nil }
                var names: [String] = []
                for subcommand in subcommands { names.append(subcommand._commandName) }
                let line = path.joined(separator: " ")
                var guessID = ""
                var guessEN = ""
                if let closest = Spelling.closest(to: word, among: names) {
                    guessID = "; mungkin yang dimaksud '\(line) \(closest)'?"
                    guessEN = "; did you mean '\(line) \(closest)'?"
                }
                let id = "\(line): tidak ada perintah '\(word)'\(guessID) — daftarnya: `\(line) --help`"
                let en = "\(line): there is no command '\(word)'\(guessEN) — the list: `\(line) --help`"
                return tr(id: id, en: en)
            }
            command = next
            path.append(word)
        }
        return nil
    }
}

/// Why the command line or a `SOP_` variable cannot be used, when a byte of it is not UTF-8:
/// Swift's `CommandLine.arguments` and `ProcessInfo.environment` would replace such bytes
/// silently, and a name or a note would be stored other than it was typed.
func inputNotUTF8() -> String? {
    for index in 1..<Int(CommandLine.argc) {
        guard let argument = CommandLine.unsafeArgv[index], String(validatingCString: argument) == nil else { continue }
        return tr(
            id: "sop: argumen ke-\(index) bukan teks UTF-8 yang sah; ketik ulang (periksa pengaturan bahasa terminal: LANG=id_ID.UTF-8)",
            en: "sop: argument \(index) is not valid UTF-8 text; type it again (check the terminal's locale: LANG=en_US.UTF-8)")
    }
    var entry = environ
    while let variable = entry.pointee {
        defer { entry += 1 }
        guard strncmp(variable, "SOP_", 4) == 0, String(validatingCString: variable) == nil else { continue }
        let name = String(decoding: UnsafeRawBufferPointer(start: variable, count: strcspn(variable, "=")), as: UTF8.self)
        return tr(
            id: "sop: nilai \(name) bukan teks UTF-8 yang sah; atur ulang variabel itu",
            en: "sop: the value of \(name) is not valid UTF-8 text; set the variable again")
    }
    return nil
}

/// `--format text|json`.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
}

/// Writes text to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((TerminalText.visibleLines(text) + "\n").utf8))
}

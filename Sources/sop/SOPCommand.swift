import ArgumentParser
import Foundation

/// The `sop` command: parses arguments, calls the library, prints.
@main
struct SOPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sop",
        abstract: "Mesin SOP berbasis aturan — a rules-driven SOP engine.",
        discussion: """
            Workflow files (YAML) describe each Standard Operating Procedure; `sop validate` checks \
            them, `sop show` prints one as the signed document lays it out, `sop diagram` and `sop render` \
            draw it, `sop diff` compares two revisions of one (and, with --against-db, what the newer means \
            for open cases), `sop migrate` moves open cases onto a newer revision, and `sop report` makes \
            the recap and tells how often deadlines were met.
            """,
        version: "0.1.0",
        subcommands: [
            ValidateCommand.self, ShowCommand.self, DiffCommand.self, DiagramCommand.self, RenderCommand.self,
            DemoCommand.self, CaseCommandGroup.self, QueueCommand.self, StaffCommandGroup.self, MigrateCommand.self,
            ReportCommandGroup.self,
        ]
    )

    /// Runs a command and maps errors to exit codes: 0 success, 1 findings, 2 usage or unreadable input.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                // --help, --version
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        }
    }
}

/// `--format text|json`.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
}

/// Writes text to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

import ArgumentParser
import Foundation
import SOPEngine
import SOPService
import SOPStore

/// `sop migrate WORKFLOW --to REVISION [--map OLD=NEW …] [--dry-run]`, `sop migrate --undo ID`,
/// `sop migrate --list [WORKFLOW]`.
struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Pindahkan pengaduan ke revisi lain — move the open cases of an SOP onto one of its revisions.",
        discussion: """
            Moves every open case of WORKFLOW that runs on a revision older than --to onto that \
            revision: a file in the workflows folder without errors. A case keeps its step when the \
            revision has a step with the same id; --map OLD_STEP=NEW_STEP says where cases on other \
            steps go (a removed or renamed step needs one). Each case's step deadline is recomputed \
            from the step's start under the new budget, and its overall deadline from its opening \
            under the new total, in working time. A mapping naming an unknown step, a case left on a \
            step the revision lacks, or a case that would stand on a step without a document the step \
            needs (one it has neither attached nor waived, that is not external, and that its step did \
            not need before) refuses the whole migration, with every problem listed, before anything \
            is written. All cases move in one transaction, or none. Only administrators may migrate, \
            a dry run included (`sop staff add USER --role admin`). `--undo ID` moves the cases of a migration back while \
            none of them has moved on; `--list` shows the migrations. Exit status: 0 done (or nothing \
            to do), 1 refused, 2 a database or file that cannot be used, or a usage error.
            """
    )

    @OptionGroup var store: StoreOptions
    @OptionGroup var user: UserOptions

    @Argument(help: "The workflow id, e.g. pengaduan-langsung.")
    var workflow: String?

    @Option(help: "The revision to move the open cases to.")
    var to: Int?

    @Option(name: .customLong("map"), help: "OLD_STEP=NEW_STEP: where cases on a step of an older revision go (repeat).")
    var mappings: [String] = []

    @Flag(help: "Print what would happen; write nothing.")
    var dryRun = false

    @Option(help: "Undo the migration with this id (e.g. M1).")
    var undo: String?

    @Flag(help: "List the migrations (of WORKFLOW, when given).")
    var list = false

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func validate() throws {
        if list {
            guard to == nil, mappings.isEmpty, !dryRun, undo == nil else {
                throw ValidationError("--list takes only an optional WORKFLOW (and --format)")
            }
        } else if undo != nil {
            guard workflow == nil, to == nil, mappings.isEmpty, !dryRun else {
                throw ValidationError("--undo ID takes no WORKFLOW, --to, --map or --dry-run: `sop migrate --undo M1`")
            }
        } else {
            guard workflow != nil, let to else {
                throw ValidationError("say which SOP and which revision: `sop migrate WORKFLOW --to REVISION`, or use --undo ID or --list")
            }
            guard to >= 1 else { throw ValidationError("--to takes a revision number, 1 or more") }
        }
        for text in mappings where StepMapping(parsing: text) == nil {
            throw ValidationError("--map takes OLD_STEP=NEW_STEP; '\(text)' is not")
        }
    }

    func run() throws {
        let service = try store.service()
        let now = try currentTime()
        if list {
            let records = try perform { () throws(ServiceError) -> [MigrationRecord] in try service.migrations(workflow: workflow) }
            switch format {
            case .text: print(MigrateText.list(records), terminator: "")
            case .json: print(try CaseJSON.encode(records))
            }
            return
        }
        if let undo {
            let record = try perform { () throws(ServiceError) -> MigrationRecord in
                try service.undoMigration(undo, user: user.resolved, at: now)
            }
            switch format {
            case .text: print(MigrateText.undone(record), terminator: "")
            case .json: print(try CaseJSON.encode(record))
            }
            return
        }
        guard let workflow, let to else { throw ExitCode(2) }
        let request = MigrationRequest(workflow: workflow, revision: to, mapping: mappings.compactMap(StepMapping.init(parsing:)))
        // Who may migrate is checked first, for a dry run too: it shows what this user would do.
        _ = try perform { () throws(ServiceError) -> Performer in try service.administrator(user.resolved) }
        let plan = try perform { () throws(ServiceError) -> MigrationPlan in try service.planMigration(request) }
        if dryRun {
            switch format {
            case .text: print(MigrateText.plan(plan), terminator: "")
            case .json: print(try CaseJSON.encode(plan))
            }
        }
        guard plan.problems.isEmpty else {
            printError("sop migrate: refused, nothing was written: \(plan.problems.count) problem(s):")
            for problem in plan.problems { printError("  - \(problem.message)") }
            throw ExitCode(1)
        }
        if dryRun { return }
        guard !plan.cases.isEmpty else {
            switch format {
            case .text: print("Tidak ada pengaduan terbuka \(workflow) pada revisi yang lebih lama dari \(to); tidak ada yang dipindahkan.")
            case .json: print(try CaseJSON.encode(plan))
            }
            return
        }
        let record = try perform { () throws(ServiceError) -> MigrationRecord in try service.migrate(plan, user: user.resolved, at: now) }
        switch format {
        case .text: print(MigrateText.migrated(record), terminator: "")
        case .json: print(try CaseJSON.encode(record))
        }
    }
}

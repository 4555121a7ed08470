import ArgumentParser
import Foundation
import SOPEngine
import SOPService
import SOPStorage

/// `sop move WORKFLOW --to REVISION [--map OLD=NEW …] [--dry-run]`, `sop move --undo ID`,
/// `sop move --list [WORKFLOW]`.
struct MoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "move",
        abstract: tr(
            id: "Pindahkan pengaduan terbuka sebuah SOP ke salah satu revisinya.",
            en: "Move the open cases of an SOP onto one of its revisions."),
        discussion: tr(
            id: """
                Memindahkan setiap pengaduan terbuka dari ALUR_KERJA yang berjalan pada revisi lebih lama dari --to \
                ke revisi tersebut: sebuah berkas di folder alur kerja tanpa kesalahan. Pengaduan tetap pada langkahnya \
                bila revisi itu memiliki langkah dengan id yang sama; --map LANGKAH_LAMA=LANGKAH_BARU menentukan tujuan \
                pengaduan pada langkah lain (langkah yang dihapus atau diganti namanya memerlukannya). Tenggat langkah \
                setiap pengaduan dihitung ulang sejak langkah dimulai menurut waktu yang baru, dan tenggat keseluruhannya \
                sejak dibuka menurut total yang baru, dalam jam kerja. Pemetaan yang menyebut langkah tidak dikenal, \
                pengaduan yang tertinggal pada langkah yang tidak ada pada revisi itu, atau pengaduan yang akan berada \
                pada langkah tanpa dokumen yang dibutuhkan langkah itu (yang belum dilampirkan maupun diabaikan, bukan \
                dari luar kantor, dan tidak dibutuhkan langkahnya sebelumnya) menolak seluruh pemindahan, dengan semua \
                masalah dicantumkan, sebelum ada yang ditulis. Semua pengaduan dipindahkan dalam satu transaksi, atau \
                tidak sama sekali. Hanya administrator yang boleh memindahkan, termasuk uji coba \
                (`sop staff add PENGGUNA --role admin`). `--undo ID` mengembalikan pengaduan suatu pemindahan selama \
                belum ada yang berlanjut; `--list` menampilkan daftar pemindahan. Status keluar: 0 selesai (atau tidak \
                ada yang perlu dipindahkan), 1 ditolak, 2 basis data atau berkas tidak dapat dipakai, atau salah penggunaan. \
                `sop migrate`, namanya sebelumnya, tetap dapat dipakai.
                """,
            en: """
            Moves every open case of WORKFLOW that runs on a revision older than --to onto that \
            revision: a file in the workflows folder without errors. A case keeps its step when the \
            revision has a step with the same id; --map OLD_STEP=NEW_STEP says where cases on other \
            steps go (a removed or renamed step needs one). Each case's step deadline is recomputed \
            from the step's start under the new budget, and its overall deadline from its opening \
            under the new total, in working time. A mapping naming an unknown step, a case left on a \
            step the revision lacks, or a case that would stand on a step without a document the step \
            needs (one it has neither attached nor waived, that is not external, and that its step did \
            not need before) refuses the whole move, with every problem listed, before anything \
            is written. All cases move in one transaction, or none. Only administrators may move, \
            a dry run included (`sop staff add USER --role admin`). `--undo ID` moves the cases of a move back while \
            none of them has moved on; `--list` shows the moves. Exit status: 0 done (or nothing \
            to do), 1 refused, 2 a database or file that cannot be used, or a usage error.             `sop migrate`, its name before, still works.
            """),
        // The name before 2026-12: moving cases between revisions was called migrating them.
        aliases: ["migrate"]
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: StoreOptions
    @OptionGroup var user: UserOptions

    @Argument(
        help: help(id: "Id alur kerja, misalnya pengaduan-langsung.", en: "The workflow id, e.g. pengaduan-langsung."),
        completion: Completions.publishedWorkflows)
    var workflow: String?

    @Option(help: help(id: "Revisi tujuan pemindahan pengaduan terbuka.", en: "The revision to move the open cases to."))
    var to: Int?

    @Option(name: .customLong("map"), help: help(
        id: "LANGKAH_LAMA=LANGKAH_BARU: tujuan pengaduan pada suatu langkah revisi lama (dapat diulang).",
        en: "OLD_STEP=NEW_STEP: where cases on a step of an older revision go (repeat)."))
    var mappings: [String] = []

    @Flag(help: help(id: "Tampilkan apa yang akan terjadi; tidak menulis apa pun.", en: "Print what would happen; write nothing."))
    var dryRun = false

    @Option(help: help(id: "Batalkan pemindahan dengan id ini (misalnya M1).", en: "Undo the move with this id (e.g. M1)."))
    var undo: String?

    @Flag(help: help(
        id: "Tampilkan daftar pemindahan (dari ALUR_KERJA, bila disebut).",
        en: "List the moves (of WORKFLOW, when given)."))
    var list = false

    @Option(help: help(id: "Format keluaran: text atau json.", en: "Output format: text or json."))
    var format: OutputFormat = .text

    func validate() throws {
        if list {
            guard to == nil, mappings.isEmpty, !dryRun, undo == nil else {
                throw ValidationError(tr(
                    id: "--list hanya menerima ALUR_KERJA yang boleh disebut (dan --format)",
                    en: "--list takes only an optional WORKFLOW (and --format)"))
            }
        } else if undo != nil {
            guard workflow == nil, to == nil, mappings.isEmpty, !dryRun else {
                throw ValidationError(tr(
                    id: "--undo ID tidak menerima ALUR_KERJA, --to, --map, atau --dry-run: `sop move --undo M1`",
                    en: "--undo ID takes no WORKFLOW, --to, --map or --dry-run: `sop move --undo M1`"))
            }
        } else {
            guard workflow != nil, let to else {
                throw ValidationError(tr(
                    id: "sebutkan SOP dan revisinya: `sop move ALUR_KERJA --to REVISI`, atau gunakan --undo ID atau --list",
                    en: "say which SOP and which revision: `sop move WORKFLOW --to REVISION`, or use --undo ID or --list"))
            }
            guard to >= 1 else {
                throw ValidationError(tr(id: "--to memerlukan nomor revisi, 1 atau lebih", en: "--to takes a revision number, 1 or more"))
            }
        }
        for text in mappings where StepMapping(parsing: text) == nil {
            throw ValidationError(tr(
                id: "--map memerlukan LANGKAH_LAMA=LANGKAH_BARU; '\(text)' tidak demikian", en: "--map takes OLD_STEP=NEW_STEP; '\(text)' is not"))
        }
    }

    func run() throws {
        let session = try store.session(user, writing: !list && !dryRun)
        let (service, now) = (session.service, session.now)
        if list {
            let records = try perform { () throws(ServiceError) -> [MoveRecord] in try service.revisionMoves(workflow: workflow) }
            switch format {
            case .text: printSafely(MoveText(language: language).list(records), terminator: "")
            case .json: try printJSON(records)
            }
            return
        }
        if let undo {
            let record = try perform { () throws(ServiceError) -> MoveRecord in
                try service.undoMove(undo, user: session.user, at: now)
            }
            switch format {
            case .text: printSafely(MoveText(language: language).undone(record), terminator: "")
            case .json: try printJSON(record)
            }
            return
        }
        guard let workflow, let to else { throw ExitCode.unusableInput }
        let request = MoveRequest(workflow: workflow, revision: to, mapping: mappings.compactMap(StepMapping.init(parsing:)))
        // Who may move is checked first, for a dry run too: it shows what this user would do.
        _ = try perform { () throws(ServiceError) -> Performer in try service.administrator(session.user) }
        let plan = try perform { () throws(ServiceError) -> MovePlan in try service.planMove(request) }
        if dryRun {
            switch format {
            case .text: printSafely(MoveText(language: language).plan(plan), terminator: "")
            case .json: try printJSON(plan)
            }
        }
        guard plan.problems.isEmpty else {
            printError(tr(
                id: "sop move: ditolak, tidak ada yang ditulis: \(plan.problems.count) masalah:",
                en: "sop move: refused, nothing was written: \(plan.problems.count) problem(s):"))
            for problem in plan.problems { printError("  - \(problem.message.localized)") }
            throw ExitCode.refused
        }
        if dryRun { return }
        guard !plan.cases.isEmpty else {
            switch format {
            case .text:
                printSafely(tr(
                    id: "Tidak ada pengaduan terbuka \(workflow) pada revisi yang lebih lama dari \(to); tidak ada yang dipindahkan.",
                    en: "No open case of \(workflow) runs on a revision older than \(to); nothing was moved."))
            case .json: try printJSON(plan)
            }
            return
        }
        // Staff may step these cases meanwhile: the move is planned again and retried, for at most 10 s.
        let (record, attempts) = try perform { () throws(ServiceError) -> (record: MoveRecord, attempts: Int) in
            try service.moveCases(request, plan: plan, user: session.user, at: now)
        }
        if attempts > 1 {
            printError(tr(
                id: "sop move: pengaduan diubah petugas selama pemindahan; direncanakan ulang dari keadaannya kini, berhasil pada percobaan ke-\(attempts)",
                en: "sop move: staff changed cases during the move; planned again from how they stand now, done at attempt \(attempts)"))
        }
        switch format {
        case .text: printSafely(MoveText(language: language).moved(record), terminator: "")
        case .json: try printJSON(record)
        }
    }
}

import ArgumentParser
import Foundation
import SOPCore
import SOPEngine
import SOPService
import SOPStorage

/// `sop publish FILE…`: an administrator publishes SOP revisions and calendars.
struct PublishCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: tr(
            id: "Terbitkan revisi SOP (dan kalendernya) agar pengaduan baru dibuka padanya (administrator saja).",
            en: "Publish SOP revisions (and their calendars) for new cases to open on (administrators only)."),
        discussion: tr(
            id: """
                Setiap berkas diperiksa seperti oleh `sop validate` (bersama berkas di sampingnya); bila ada kesalahan, \
                semuanya dicetak dan tidak ada yang diterbitkan. Teks persisnya disimpan menurut SHA-256-nya, beserta \
                kalender yang disebut alur kerjanya. Pengaduan baru hanya dibuka pada revisi terbit terbaru; revisi yang \
                sudah terbit tidak pernah berubah teksnya. Menerbitkan ulang teks yang sama tidak mengubah apa pun. \
                Kalender yang diterbitkan dengan teks baru (hari libur baru atau bergeser, jam kerja berubah) menghitung ulang \
                tenggat setiap pengaduan terbuka yang memakainya, dalam transaksi yang sama, sebagai peristiwa pada \
                pengaduan itu dengan tenggat lama dan barunya; pengaduan yang sudah berakhir tidak berubah. --dry-run \
                menampilkan pengaduan yang tenggatnya akan berpindah, dan seberapa jauh, tanpa menulis apa pun. \
                Status keluar: 0 diterbitkan, 1 ada kesalahan atau ditolak, 2 berkas atau basis data tidak terbaca.
                """,
            en: """
                Each file is checked as `sop validate` checks it (with the files beside it); when there are errors, all \
                of them are printed and nothing is published. The exact text is stored by its SHA-256, with the calendar \
                its workflow names. New cases open only on the newest published revision; a published revision never \
                changes its text. Publishing the same text again changes nothing. \
                A calendar published with a new text (new or moved holidays, changed office hours) computes the due times \
                of every open case that uses it again, in the same transaction, as an event on that case with its old \
                and new due times; ended cases do not change. --dry-run shows the cases whose due times would move, and \
                by how much, writing nothing. \
                Exit status: 0 published, 1 errors or refused, 2 a file or the database cannot be read.
                """))
    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: StoreOptions
    @OptionGroup var acting: UserOptions
    @Argument(help: help(
        id: "Berkas alur kerja atau kalender, atau folder yang memuatnya.",
        en: "Workflow or calendar files, or folders holding them."))
    var paths: [String] = []
    @Flag(help: help(id: "Tampilkan semua yang pernah diterbitkan.", en: "List everything ever published.")) var list = false
    @Flag(help: help(
        id: "Periksa dan tampilkan apa yang akan diterbitkan serta pengaduan terbuka yang tenggatnya akan berpindah, tanpa menulis apa pun.",
        en: "Check and show what would be published and the open cases whose due times would move, writing nothing."))
    var dryRun = false
    @Option(help: help(id: "Format keluaran: text atau json.", en: "Output format: text or json.")) var format: OutputFormat = .text

    func validate() throws {
        if list != paths.isEmpty || (list && dryRun) {
            throw ValidationError(tr(
                id: "sebutkan berkas yang diterbitkan (dengan atau tanpa --dry-run), atau --list saja",
                en: "name the files to publish (with or without --dry-run), or --list alone"))
        }
    }

    func run() throws {
        let session = try store.session(acting, writing: !list && !dryRun)
        let service = session.service
        if list {
            let publications = try perform { () throws(ServiceError) -> [Publication] in try service.publications() }
            switch format {
            case .text: printSafely(PublicationText.list(publications, language: language), terminator: "")
            case .json: try printJSON(publications)
            }
            return
        }
        // Who may publish is checked first: an author's errors are not a staff member's business.
        _ = try perform { () throws(ServiceError) -> Performer in
            try service.administrator(session.user, doing: Text(id: "menerbitkan revisi SOP", en: "publish SOP revisions"))
        }
        let plan = service.planPublication(paths: paths)
        if !plan.errors.isEmpty || plan.report.hasUnreadableInput {
            let printer = DiagnosticPrinter(useColor: false)
            var output = ""
            for diagnostic in plan.report.diagnostics where diagnostic.severity == .error { output += printer.format(diagnostic) }
            printError(output + tr(
                id: "sop publish: tidak ada yang diterbitkan: \(plan.errors.count) kesalahan; perbaiki lalu terbitkan lagi",
                en: "sop publish: nothing was published: \(plan.errors.count) error(s); fix them and publish again"))
            throw plan.report.hasUnreadableInput ? ExitCode.unusableInput : ExitCode.refused
        }
        let dryRun = dryRun
        let outcome = try perform { () throws(ServiceError) -> PublicationOutcome in
            dryRun
                ? try service.previewPublication(plan, by: session.user, at: session.now)
                : try service.publish(plan, by: session.user, at: session.now)
        }
        switch format {
        case .text: printSafely(ReschedulingText.outcome(outcome, language: language), terminator: "")
        case .json: try printJSON(outcome)
        }
    }
}

import ArgumentParser
import Foundation
import SOPCore
import SOPDiff
import SOPEngine
import SOPLoading
import SOPModel
import SOPService
import SOPStorage
import SOPValidation

/// `sop diff OLD NEW`.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: tr(
            id: "Bandingkan dua revisi SOP: perbedaan maknanya.", en: "The semantic difference between two revisions of one SOP."),
        discussion: tr(
            id: """
                Langkah yang ditambah, dihapus, diganti namanya, atau dipindah; pelaksana, dokumen, waktu, cabang, \
                dan aturan yang berubah; kepala dokumen; perubahan waktu jalur terpendek dan terpanjang. LAMA dan BARU \
                adalah berkas alur kerja, atau id alur kerja yang dicari di folder alur kerja (revisi tertinggi). \
                Keduanya harus revisi dari satu SOP, BARU yang lebih tinggi, tanpa kesalahan. Dengan --against-db, \
                juga dampak BARU pada setiap pengaduan terbuka di basis data yang berjalan pada revisi LAMA: apakah \
                langkahnya tetap, dipetakan (--map LANGKAH_LAMA=LANGKAH_BARU), atau hilang, tenggat langkah dan \
                pengaduan yang dihitung ulang menurut BARU, dokumen yang akan kurang, dan hal yang menghalangi \
                `sop move`; tidak ada yang diubah. Status keluar: 0 kedua revisi setara, 1 berbeda, 2 masukan \
                ditolak (tidak terbaca, SOP lain, revisi tidak lebih tinggi, ada kesalahan, basis data tidak dapat \
                dipakai) atau salah penggunaan.
                """,
            en: """
            Steps added, removed, renamed or moved; actors, documents, budgets, branches and rules \
            changed; the header; the change in the shortest and the longest path time. OLD and NEW are \
            workflow files, or workflow ids looked up in the workflows folder (the highest revision). \
            Both must be revisions of one SOP, NEW the higher, without errors. With --against-db, \
            also what NEW would mean for each open case in the database that runs on OLD's revision: \
            whether its step is kept, mapped (--map OLD_STEP=NEW_STEP) or missing, its step and case \
            deadlines recomputed under NEW, the documents it would lack, and what would stop \
            `sop move`; nothing is changed. Exit status: 0 the revisions are equivalent, 1 they \
            differ, 2 input refused (unreadable, another SOP, a revision not higher, errors, a \
            database that cannot be used) or a usage error.
            """)
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: help(
        id: "Revisi yang lebih lama: berkas alur kerja, atau id alur kerja.", en: "The older revision: a workflow file, or a workflow id."))
    var old: String

    @Argument(help: help(
        id: "Revisi yang lebih baru: berkas alur kerja, atau id alur kerja.", en: "The newer revision: a workflow file, or a workflow id."))
    var new: String

    @Option(help: help(id: "Folder tempat mencari id alur kerja.", en: "The folder to look workflow ids up in."))
    var workflows = "workflows"

    @Option(help: help(id: "Format keluaran: text atau json.", en: "Output format: text or json."))
    var format: OutputFormat = .text

    @Flag(name: .customLong("against-db"), help: help(
        id: "Tampilkan juga dampak BARU pada pengaduan terbuka di basis data yang berjalan pada revisi LAMA.",
        en: "Also show what NEW means for the open cases in the database that run on OLD's revision."))
    var againstDB = false

    @Option(name: .customLong("db"), help: help(
        id: "Berkas basis data untuk --against-db (bawaan: $SOP_DB, atau ./sop.sqlite).",
        en: "The database file for --against-db (default: $SOP_DB, else ./sop.sqlite)."))
    var database: String?

    @Option(name: .customLong("map"), help: help(
        id: "Dengan --against-db: LANGKAH_LAMA=LANGKAH_BARU, tujuan pengaduan pada suatu langkah (dapat diulang).",
        en: "With --against-db: OLD_STEP=NEW_STEP, where cases on a step go (repeat)."))
    var mappings: [String] = []

    func validate() throws {
        if !againstDB && (database != nil || !mappings.isEmpty) {
            throw ValidationError(tr(id: "--db dan --map hanya dipakai bersama --against-db", en: "--db and --map go with --against-db"))
        }
        for text in mappings where StepMapping(parsing: text) == nil {
            throw ValidationError(tr(
                id: "--map memerlukan LANGKAH_LAMA=LANGKAH_BARU; '\(text)' tidak demikian", en: "--map takes OLD_STEP=NEW_STEP; '\(text)' is not"))
        }
    }

    func run() throws {
        let oldPath = try resolve(old)
        let newPath = try resolve(new)
        // Validated together, so that each file's references are looked up beside both of them.
        let report = Validator.validate(paths: [oldPath, newPath])
        let oldFile = try loadedWorkflow(oldPath, in: report)
        let newFile = try loadedWorkflow(newPath, in: report)
        if let problem = WorkflowDiff.checkRevisions(old: oldFile.workflow, new: newFile.workflow) {
            printError("sop diff: \(problem.message.localized)")
            let sides = [(tr(id: "lama", en: "old"), oldPath, oldFile.workflow), (tr(id: "baru", en: "new"), newPath, newFile.workflow)]
            for (label, path, workflow) in sides {
                printError("  \(label): \(path) — \(workflow.id.value), " + tr(id: "revisi", en: "revision") + " \(workflow.revision.value)")
            }
            printError(tr(id: "  saran: ", en: "  hint: ") + problem.hint.localized)
            throw ExitCode.unusableInput
        }
        var refused = false
        for (path, errors) in [(oldPath, oldFile.errors), (newPath, newFile.errors)] where !errors.isEmpty {
            printDiagnostics(errors)
            printError(tr(
                id: "sop diff: '\(path)' memiliki \(errors.count) kesalahan; perbaiki lebih dahulu (`sop validate \(oldPath) \(newPath)`)",
                en: "sop diff: '\(path)' has \(errors.count) error(s); fix them first (`sop validate \(oldPath) \(newPath)`)"))
            refused = true
        }
        if refused { throw ExitCode.unusableInput }

        // A `hari` is the new revision's usual working day: budgets of days and of hours compare.
        let calendar = newFile.workflow.calendar.flatMap { id in
            report.calendars.first { $0.id.value == id.value }
                ?? WorkflowLibrary.calendar(id.value, beside: newPath) ?? WorkflowLibrary.calendar(id.value, beside: oldPath)
        }
        let diff = WorkflowDiff.compare(old: oldFile.workflow, new: newFile.workflow, dayMinutes: calendar?.usualDayMinutes)
        let impact = againstDB ? try impact(old: oldFile.workflow, new: newFile.workflow, newPath: newPath, report: report) : nil
        switch format {
        case .json:
            if let impact {
                try printJSON(DiffWithImpact(diff: diff, impact: impact))
            } else {
                try printJSON(diff)
            }
        case .text:
            printSafely(DiffText(diff: diff, old: oldFile.workflow, new: newFile.workflow, language: language).render(), terminator: "")
            if let impact {
                printSafely(MoveText(language: language).impactSection(impact, oldRevision: oldFile.workflow.revision.value), terminator: "")
                let oldHash = text(of: oldPath, in: report).map { WorkflowText(text: $0, workflow: oldFile.workflow.id.value, revision: 0).hash }
                let others = impact.cases.filter { $0.from.contentHash != oldHash }.count
                if others > 0 {
                    let revision = oldFile.workflow.revision.value
                    printSafely(tr(
                        id: "Catatan: \(others) pengaduan berjalan pada teks revisi \(revision) yang berbeda dari '\(oldPath)'; "
                            + "dampaknya dihitung dari teks yang tersimpan bersama pengaduan.",
                        en: "Note: \(others) case(s) run on a text of revision \(revision) that differs from '\(oldPath)'; "
                            + "their impact is worked out from the text stored with the case."))
                }
            }
        }
        if !diff.isEquivalent { throw ExitCode.refused }
    }

    /// What NEW would mean for the open cases on OLD's revision, from the database.
    private func impact(old: Workflow, new: Workflow, newPath: String, report: ValidationReport) throws -> MovePlan {
        let path = database ?? ProcessInfo.processInfo.environment["SOP_DB"] ?? "sop.sqlite"
        let service = try StoreOptions.service(path: path, workflows: workflows)
        guard let text = text(of: newPath, in: report) else {
            printError("sop diff: " + cannotRead(newPath))
            throw ExitCode.unusableInput
        }
        // The calendar beside NEW, else the one in the workflows folder.
        let calendar = (try? WorkflowLibrary(folder: workflows).find(newPath).get())?.calendar
        let mapping = mappings.compactMap(StepMapping.init(parsing:))
        do {
            return try service.impact(of: new, text: text, calendar: calendar, onCasesOf: old, mapping: mapping)
        } catch {
            // Exit 1 means the revisions differ: any refusal here is 2.
            printError("sop diff: \(error.message.localized)")
            throw ExitCode.unusableInput
        }
    }

    /// The text of a file the report read.
    private func text(of path: String, in report: ValidationReport) -> String? {
        let standardized = URL(fileURLWithPath: path).standardizedFileURL.path
        return report.files.first { URL(fileURLWithPath: $0.path).standardizedFileURL.path == standardized }?.text
    }

    /// The file a name stands for: the file itself, or the highest revision of a workflow id.
    private func resolve(_ name: String) throws -> String {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: name, isDirectory: &isDirectory)
        if exists && isDirectory.boolValue {
            printError(tr(
                id: "sop diff: '\(name)' adalah folder; sebutkan berkas alur kerja (atau id alur kerja)",
                en: "sop diff: '\(name)' is a folder; name a workflow file (or a workflow id)"))
            throw ExitCode.unusableInput
        }
        if exists || WorkflowLibrary.looksLikePath(name) { return name }
        switch WorkflowLibrary(folder: workflows).find(name) {
        case .success(let found):
            return found.workflow.file
        case .failure(let error):
            printDiagnostics(error.diagnostics.filter { $0.severity == .error })
            printError("sop diff: \(error.message.localized)")
            throw ExitCode.unusableInput
        }
    }

    /// The workflow a file holds, with its errors; refuses a file that cannot be read or holds none.
    private func loadedWorkflow(_ path: String, in report: ValidationReport) throws -> (workflow: Workflow, errors: [Diagnostic]) {
        let standardized = URL(fileURLWithPath: path).standardizedFileURL.path
        let file = report.files.first { URL(fileURLWithPath: $0.path).standardizedFileURL.path == standardized }
        let diagnostics = report.diagnostics.filter { $0.location.file == (file?.path ?? path) }
        let errors = diagnostics.filter { $0.severity == .error }
        guard let file, !file.isUnreadable else {
            printDiagnostics(errors)
            printError("sop diff: " + cannotRead(path))
            throw ExitCode.unusableInput
        }
        guard let workflow = file.workflow else {
            printDiagnostics(errors)
            let detail =
                file.calendar != nil ? tr(id: "berkas itu kalender", en: "it is a calendar")
                : errors.isEmpty ? tr(id: "berkas itu tidak memuat alur kerja", en: "it holds no workflow")
                : tr(id: "berkas itu mengandung kesalahan", en: "it has errors")
            printError(tr(
                id: "sop diff: berkas alur kerja '\(path)' tidak dapat dimuat: \(detail)",
                en: "sop diff: cannot load workflow file '\(path)': \(detail)"))
            throw ExitCode.unusableInput
        }
        return (workflow, errors)
    }

    private func cannotRead(_ path: String) -> String {
        tr(id: "'\(path)' tidak dapat dibaca", en: "cannot read '\(path)'")
    }

    private func printDiagnostics(_ diagnostics: [Diagnostic]) {
        let printer = DiagnosticPrinter(useColor: false)
        for diagnostic in diagnostics { FileHandle.standardError.write(Data(printer.format(diagnostic).utf8)) }
    }
}

/// A diff's JSON with the impact on open cases added as `impact`.
struct DiffWithImpact: Encodable {
    let diff: WorkflowDiff
    let impact: MovePlan

    private enum CodingKeys: String, CodingKey {
        case impact
    }

    func encode(to encoder: any Encoder) throws {
        try diff.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(impact, forKey: .impact)
    }
}

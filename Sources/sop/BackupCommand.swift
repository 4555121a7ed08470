import ArgumentParser
import Foundation
import SOPCore
import SOPService
import SOPStorage

/// `sop backup FILE`: a consistent copy of the database, made while staff keep working, verified.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: tr(
            id: "Cadangkan basis data ke berkas baru selagi petugas terus bekerja, lalu periksa salinannya: administrator saja.",
            en: "Back the database up into a new file while staff keep working, then verify the copy: administrators only."),
        discussion: tr(
            id: "Salinan dibuat dari satu potret basis data dengan backup daring SQLite, sehingga langkah yang dicatat selama itu "
                + "tidak menghalangi dan tidak merusaknya; salinan satu berkas, hanya dapat dibaca pemiliknya (dan kelompoknya di "
                + "folder kantor). Salinan lalu diperiksa seperti `sop verify`; kepala buku besarnya dicetak. Berkas yang ada tidak "
                + "pernah ditimpa. Keluar 0 bila salinan utuh, 1 bila ditolak atau salinan rusak (salinan tetap disimpan), 2 bila "
                + "basis data atau folder tidak dapat dipakai.",
            en: "The copy is made from one snapshot of the database by SQLite's online backup, so steps recorded meanwhile neither "
                + "wait for it nor spoil it; the copy is one file, readable by its owner only (and its group in the office's folder). "
                + "The copy is then checked as `sop verify` checks; its ledger head is printed. An existing file is never "
                + "overwritten. Exits 0 when the copy is intact, 1 when refused or the copy is damaged (the copy is kept), 2 when "
                + "the database or folder cannot be used."))
    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: StoreOptions
    @OptionGroup var acting: UserOptions
    @Argument(help: help(id: "Berkas cadangan yang baru.", en: "The new backup file.")) var file: String
    @Option(help: help(id: "Format keluaran: text atau json.", en: "Output format: text or json.")) var format: OutputFormat = .text

    func run() throws {
        let session = try store.session(acting, writing: false)
        let clock = ContinuousClock()
        let began = clock.now
        let verification = try perform { () throws(ServiceError) -> Verification in
            try session.service.backup(to: file, by: session.user)
        }
        let elapsed = clock.now - began
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        switch format {
        case .text:
            printSafely(tr(
                id: "Cadangan ditulis ke \(file) dalam \(String(format: "%.1f", seconds)) detik; salinannya diperiksa:",
                en: "Backup written to \(file) in \(String(format: "%.1f", seconds)) s; the copy was checked:"))
            printSafely(VerificationText.text(verification, database: file, language: language), terminator: "")
        case .json: try printJSON(verification)
        }
        if !verification.isIntact { throw ExitCode.refused }
    }
}

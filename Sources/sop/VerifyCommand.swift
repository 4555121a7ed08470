import ArgumentParser
import Foundation
import SOPCore
import SOPService
import SOPStorage

/// `sop verify`: the whole database checked against its hashes, its events and its ledger.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: tr(
            id: "Periksa seluruh basis data: rantai hash, peristiwa, baris, lampiran, daftar petugas, buku besar.",
            en: "Check the whole database: hash chains, events, rows, attachments, the staff registry, the ledger."),
        discussion: tr(
            id: "Setiap pengaduan: peristiwanya bernomor urut, masing-masing memuat hash peristiwa sebelumnya dan hash-nya "
                + "sendiri, terbaca dan menyambung, dan barisnya sama dengan hasil peristiwanya. Juga setiap lampiran dan teks "
                + "(SHA-256), daftar petugas terhadap riwayat perubahannya, penerbitan, dan buku besar yang merantai setiap "
                + "penulisan. --head memeriksa bahwa basis data masih melanjutkan kepala buku besar yang dicatat sebelumnya "
                + "(dari `sop status`, `sop verify` atau rekap bulanan), sehingga penulisan ulang yang menghitung ulang semua "
                + "hash pun ketahuan. Keluar 0 bila utuh, 1 bila ada kerusakan (setiap pengaduan disebut), 2 bila basis "
                + "data tidak dapat dibuka. Tidak menulis apa pun.",
            en: "Every case: its events numbered in order, each carrying the hash of the one before and its own, readable "
                + "and following on, and its row the fold of its events. Also every attachment and text (SHA-256), the staff "
                + "registry against its changes, the publications, and the ledger that chains every write. --head checks "
                + "that the database still extends a ledger head written down before (from `sop status`, `sop verify` or "
                + "the monthly recap), so that a rewrite that recomputes every hash is caught too. Exits 0 when intact, "
                + "1 when damaged (naming each case), 2 when the database cannot be opened. Writes nothing."))
    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: StoreOptions
    @Option(
        name: .customLong("head"),
        help: help(id: "Kepala buku besar yang dicatat sebelumnya (boleh berulang).", en: "A ledger head written down before (may repeat)."))
    var heads: [String] = []
    @Option(help: help(id: "Format keluaran: text atau json.", en: "Output format: text or json.")) var format: OutputFormat = .text

    func run() throws {
        // Read only: a verified file, a backup copy above all, is left exactly as it was.
        let session = try store.session(nil, writing: false, readingOnly: true)
        let verification = try perform { () throws(ServiceError) -> Verification in
            try session.service.verify(extending: heads)
        }
        switch format {
        case .text: printSafely(VerificationText.text(verification, database: store.name, language: language), terminator: "")
        case .json: try printJSON(verification)
        }
        if !verification.isIntact { throw ExitCode.refused }
    }
}

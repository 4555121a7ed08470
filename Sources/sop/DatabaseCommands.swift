import ArgumentParser
import Foundation
import SOPPostgres
import SOPService
import SOPStorage
import SOPStore

/// `sop db`: moving an office's database between stores.
struct DatabaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: tr(id: "Pindahkan basis data kantor antarpenyimpanan.", en: "Move an office's database between stores."),
        subcommands: [DatabaseCopyCommand.self])
}

/// `sop db copy --db FILE --to postgresql://…`: an office's SQLite file copied into PostgreSQL.
struct DatabaseCopyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: tr(
            id: "Salin basis data SQLite sebuah kantor ke basis data PostgreSQL baru, dengan rantai hash utuh.",
            en: "Copy an office's SQLite database into a new PostgreSQL database, its hash chains intact."),
        discussion: tr(
            id: """
                Berkas sumber (--db) diperiksa dahulu seperti `sop verify`; basis data tujuan (--to) dimutakhirkan \\
                skemanya lalu diisi dalam satu transaksi oleh pemiliknya, baris demi baris sebagaimana tertulis, dan \\
                diperiksa sebelum transaksi itu disimpan: salinan yang terputus tidak meninggalkan apa pun. Tujuan yang \\
                sudah disiapkan (termasuk salinan kedua kantor yang sama) ditolak. Kepala buku besar kedua ujung sama.
                """,
            en: """
                The source file (--db) is checked first as `sop verify` checks it; the destination (--to) has its schema \\
                upgraded, then is filled in one transaction by its owner, row by row as written, and checked before that \\
                transaction is kept: a copy cut short leaves nothing. A destination set up before (a second copy of the \\
                same office included) is refused. Both ends have the same ledger head.
                """))
    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: StoreOptions
    @Option(help: help(id: "Alamat basis data PostgreSQL tujuan (postgresql://…).", en: "The destination PostgreSQL database (postgresql://…)."))
    var to: String
    @Option(help: help(id: "Format keluaran: text atau json.", en: "Output format: text or json.")) var format: OutputFormat = .text

    struct Report: Encodable {
        let source: String
        let destination: String
        let counts: Verification.Counts
        let ledger: LedgerHead?
    }

    func run() throws {
        guard !PostgresAddress.isPostgres(store.path), PostgresAddress.isPostgres(to) else {
            throw ValidationError(tr(
                id: "--db menyebut berkas SQLite kantor, --to basis data PostgreSQL (postgresql://…)",
                en: "--db names the office's SQLite file, --to the PostgreSQL database (postgresql://…)"))
        }
        let destinationName = StoreOptions.name(of: to)
        let source = try perform { () throws(ServiceError) -> (SQLiteCaseStore, Verification) in
            do {
                guard FileManager.default.fileExists(atPath: store.path) else { throw StoreError.notADatabase(store.path) }
                let file = try SQLiteCaseStore(readingOnly: store.path)
                return (file, try file.verify(extending: []))
            } catch {
                throw .store(error)
            }
        }
        guard source.1.isIntact else {
            printSafely(VerificationText.text(source.1, database: store.name, language: language), terminator: "")
            printError(tr(
                id: "sop: \(store.name) rusak, sehingga tidak disalin; tidak ada yang ditulis: pulihkan dari cadangan dahulu",
                en: "sop: \(store.name) is damaged, so it was not copied; nothing was written: restore it from a backup first"))
            throw ExitCode.refused
        }
        let copied = try perform { () throws(ServiceError) -> Verification in
            do {
                let address = try PostgresAddress(to, loginName: systemAccount())
                try PostgresCaseStore.upgrade(address)
                return try PostgresCaseStore(address: address).copy(from: source.0, expectedHead: source.1.ledger)
            } catch {
                throw .store(error)
            }
        }
        switch format {
        case .text:
            printSafely(tr(
                id: "Disalin dari \(store.name) ke \(destinationName): \(copied.counts.cases) pengaduan, \(copied.counts.events) "
                    + "peristiwa, \(copied.counts.attachments) lampiran; kedua ujung diperiksa, kepala buku besar "
                    + (copied.ledger?.head ?? "-"),
                en: "Copied from \(store.name) to \(destinationName): \(copied.counts.cases) cases, \(copied.counts.events) events, "
                    + "\(copied.counts.attachments) attachments; both ends verified, ledger head " + (copied.ledger?.head ?? "-")))
        case .json:
            try printJSON(Report(source: store.name, destination: destinationName, counts: copied.counts, ledger: copied.ledger))
        }
    }
}

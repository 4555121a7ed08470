import ArgumentParser
import Foundation
import SOPCore
import SOPService

/// `sop export --format jsonl`: the whole audit trail, for archiving.
struct ExportCommand: ParsableCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable { case jsonl }

    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: tr(
            id: "Ekspor seluruh jejak audit (JSON per baris) untuk arsip: administrator saja.",
            en: "Export the whole audit trail (JSON lines) for archiving: administrators only."),
        discussion: tr(
            id: "Berurutan: cara basis data disiapkan, kepala buku besar saat itu, setiap perubahan daftar petugas, setiap penerbitan, setiap peristiwa setiap "
                + "pengaduan, dan setiap pembukaan data pribadi; satu objek per baris ({\"record\": …, \"value\": …}), waktu "
                + "sebagaimana disimpan (detik sejak 2001-01-01 UTC). Data pribadi lengkap. Berkas --output tidak pernah ditimpa.",
            en: "In order: how the database was set up, the ledger's head then, every change of the staff registry, every publication, every event of "
                + "every case, and every reveal of personal data; one object a line ({\"record\": …, \"value\": …}), times as "
                + "stored (seconds since 2001-01-01 UTC). Personal data in full. An --output file is never overwritten."))
    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: StoreOptions
    @OptionGroup var acting: UserOptions
    @Option(help: help(id: "Format keluaran: jsonl.", en: "Output format: jsonl.")) var format: Format = .jsonl
    @Option(name: .shortAndLong, help: help(id: "Tulis ke berkas baru ini.", en: "Write to this new file.")) var output: String?

    func run() throws {
        let session = try store.session(acting, writing: false)
        guard let output else {
            // Line by line: the trail of a large office is never held in memory whole.
            try perform { () throws(ServiceError) in
                try session.service.exportAuditTrail(by: session.user) { printData($0) }
            }
            return
        }
        // A new file only (O_EXCL), never another's, and owner-only: it holds personal data in full.
        let descriptor = open(output, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            let exists = errno == EEXIST
            printError(exists
                ? tr(id: "sop: '\(output)' sudah ada; tidak ada yang ditulis: sebutkan berkas lain dengan --output",
                     en: "sop: '\(output)' already exists; nothing was written: name another file with --output")
                : tr(id: "sop: '\(output)' tidak dapat dibuat", en: "sop: cannot create '\(output)'"))
            throw exists ? ExitCode.refused : ExitCode.unusableInput
        }
        let file = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        let count: Int
        do {
            count = try perform { () throws(ServiceError) -> Int in
                try session.service.exportAuditTrail(by: session.user) { line in try file.write(contentsOf: Data((line + "\n").utf8)) }
            }
            try file.synchronize()
        } catch {
            // Refused or failed half way: no partial archive is left behind.
            try? file.close()
            unlink(output)
            throw error
        }
        printError(tr(id: "sop: \(count) catatan ditulis ke \(output)", en: "sop: \(count) records written to \(output)"))
    }
}

import ArgumentParser
import Foundation
import SOPCore
import SOPService

/// `sop tick`: the sweep — everything due now, and nothing else — once, or every minute.
struct TickCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tick",
        abstract: tr(
            id: "Lakukan semua yang jatuh waktu sekarang: eskalasi otomatis menurut `escalation:` alur kerja.",
            en: "Do everything that is due now: escalations by the workflows' `escalation:`."),
        discussion: tr(
            id: "Setiap pengaduan yang tingkat eskalasinya (langkah atau seluruh pengaduan) sudah jatuh waktu dieskalasi, "
                + "dicatat sebagai peristiwa oleh 'sistem' dengan tingkat dan waktu jatuhnya. Aman dijalankan sering dan oleh "
                + "beberapa proses sekaligus: setiap eskalasi terjadi tepat sekali. Inilah yang dijalankan cron atau timer "
                + "systemd setiap menit, sebagai akun staf; --watch menjalankannya terus-menerus (setiap --interval detik). "
                + "Keluar 0, atau 1 bila ada pengaduan yang gagal (masing-masing disebut).",
            en: "Every case whose level of escalation (of its step or of the whole case) has fallen due is escalated, "
                + "recorded as an event by 'sistem' with the level and when it fell due. Safe to run often and by several "
                + "processes at once: each escalation happens exactly once. It is what cron or a systemd timer runs every "
                + "minute, as a staff account; --watch runs it on and on (every --interval seconds). Exits 0, or 1 when "
                + "some case failed (each one named)."))
    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: StoreOptions
    @OptionGroup var user: UserOptions
    @Flag(help: help(id: "Jalankan terus, setiap --interval detik.", en: "Run on and on, every --interval seconds.")) var watch = false
    @Option(help: help(id: "Detik antara dua penyapuan dengan --watch (1–3600).", en: "Seconds between two sweeps with --watch (1–3600)."))
    var interval = 60
    @Flag(help: help(
        id: "Jangan cetak apa pun bila tidak ada yang jatuh waktu (untuk cron, yang mengirim setiap keluaran lewat surel).",
        en: "Print nothing when nothing is due (for cron, which mails whatever a job prints)."))
    var quiet = false
    @Option(help: help(id: "Format keluaran: text atau json.", en: "Output format: text or json.")) var format: OutputFormat = .text

    func validate() throws {
        guard (1...3600).contains(interval) else {
            throw ValidationError(tr(id: "--interval antara 1 dan 3600 detik", en: "--interval is between 1 and 3600 seconds"))
        }
    }

    func run() throws {
        while true {
            do {
                try sweepOnce()
            } catch where watch {
                // A foreground service goes on: a busy or briefly missing database is tried again.
                printError("sop: " + errorMessage(error))
            }
            guard watch else { return }
            sleep(UInt32(interval))
        }
    }

    private func sweepOnce() throws {
        let session = try store.session(user, writing: true)
        let report = try perform { () throws(ServiceError) -> SweepReport in
            try session.service.sweep(user: session.user, at: session.now)
        }
        let nothing = report.escalations.isEmpty && report.failures.isEmpty
        switch format {
        case .text where quiet && nothing: break
        case .text: printSafely(SweepText.text(report, language: language), terminator: "")
        case .json: try printJSON(report)
        }
        if !report.failures.isEmpty && !watch { throw ExitCode.refused }
    }
}

/// A sweep as staff read it.
enum SweepText {
    static func text(_ report: SweepReport, language: Language) -> String {
        let at = TimeText.date(report.at, in: language)
        var lines: [String] = []
        if report.escalations.isEmpty && report.failures.isEmpty {
            lines.append(Text(id: "Penyapuan \(at): tidak ada yang jatuh waktu.", en: "Sweep at \(at): nothing is due.")(language))
        } else {
            lines.append(Text(
                id: "Penyapuan \(at): \(report.escalations.count) eskalasi.",
                en: "Sweep at \(at): \(report.escalations.count) escalation\(report.escalations.count == 1 ? "" : "s").")(language))
        }
        for escalation in report.escalations {
            let due = TimeText.date(escalation.dueAt, in: language)
            let what = escalation.step.map { Text(id: "langkah \($0)", en: "step \($0)") }
                ?? Text(id: "seluruh pengaduan", en: "the whole case")
            lines.append("  \(escalation.registerNumber) " + (what + Text(
                id: " → \(escalation.to) (tingkat \(escalation.level), jatuh waktu \(due))",
                en: " → \(escalation.to) (level \(escalation.level), due \(due))"))(language))
        }
        for failure in report.failures {
            lines.append(Text(id: "Gagal: pengaduan \(failure.number): ", en: "Failed: case \(failure.number): ")(language) + failure.message(language))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

import ArgumentParser
import Foundation
import SOPCore
import SOPDelivery
import SOPService

/// `sop tick`: the sweep — everything due now, and nothing else — once, or every minute.
struct TickCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tick",
        abstract: tr(
            id: "Lakukan semua yang jatuh waktu sekarang: pengingat, eskalasi otomatis, dan pengiriman pemberitahuan.",
            en: "Do everything that is due now: reminders, escalations, and delivering notices."),
        discussion: tr(
            id: "Setiap langkah yang pengingatnya (75% waktu kerja terpakai, lalu lewat batas waktu) atau tingkat eskalasinya "
                + "(langkah atau seluruh pengaduan) sudah jatuh waktu dicatat sebagai peristiwa oleh 'sistem' dengan waktu "
                + "jatuhnya; pemberitahuannya masuk kotak keluar dalam transaksi yang sama, lalu dikirim lewat surel (program "
                + "sendmail agen surat sistem) dan/atau webhook, hanya dalam jam kerja kalender, diulang dengan jeda bila gagal "
                + "(lihat `sop notify outbox`). Aman dijalankan sering dan oleh beberapa proses sekaligus: setiap pengingat dan "
                + "eskalasi terjadi tepat sekali. Inilah yang dijalankan cron atau timer systemd setiap menit, sebagai akun "
                + "staf; --watch menjalankannya terus-menerus (setiap --interval detik). Keluar 0, atau 1 bila ada pengaduan "
                + "yang gagal (masing-masing disebut); pemberitahuan yang gagal dikirim dicatat dan dicoba lagi.",
            en: "Every step whose reminder (75% of its working time used, then overdue) or level of escalation (of the step "
                + "or of the whole case) has fallen due is recorded as an event by 'sistem' with when it fell due; its notices "
                + "go into the outbox in the same transaction, and are delivered by e-mail (the system mail transfer agent's "
                + "sendmail program) and/or webhook, only within the calendar's office hours, retried with backoff when they "
                + "fail (see `sop notify outbox`). Safe to run often and by several processes at once: each reminder and "
                + "escalation happens exactly once. It is what cron or a systemd timer runs every minute, as a staff "
                + "account; --watch runs it on and on (every --interval seconds). Exits 0, or 1 when some case failed (each "
                + "one named); notices that could not be delivered are recorded and tried again."))
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
    @Flag(help: help(
        id: "Jangan kirim pemberitahuan kali ini; tetap di kotak keluar untuk penyapuan berikutnya.",
        en: "Send no notices this time; they stay in the outbox for the next sweep."))
    var noDeliver = false
    @Option(help: help(
        id: "Program sendmail dari agen surat sistem dan argumen awalnya, dipisah spasi (bawaan: /usr/sbin/sendmail), "
            + "misalnya \"/usr/bin/msmtp -C /etc/sop/msmtprc\".",
        en: "The system mail transfer agent's sendmail program and its first arguments, space-separated (default: "
            + "/usr/sbin/sendmail), such as \"/usr/bin/msmtp -C /etc/sop/msmtprc\"."))
    var sendmail: String?
    @Option(help: help(id: "Detik yang boleh dipakai sebuah webhook untuk menjawab (1–120).", en: "Seconds a webhook may take to answer (1–120)."))
    var webhookTimeout = 10
    @Option(help: help(id: "Format keluaran: text atau json.", en: "Output format: text or json.")) var format: OutputFormat = .text

    func validate() throws {
        guard (1...3600).contains(interval) else {
            throw ValidationError(tr(id: "--interval antara 1 dan 3600 detik", en: "--interval is between 1 and 3600 seconds"))
        }
        guard (1...120).contains(webhookTimeout) else {
            throw ValidationError(tr(id: "--webhook-timeout antara 1 dan 120 detik", en: "--webhook-timeout is between 1 and 120 seconds"))
        }
        if let sendmail {
            let words = Self.words(sendmail)
            guard let program = words.first, program.hasPrefix("/"), !sendmail.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
            else {
                throw ValidationError(tr(
                    id: "--sendmail dimulai dengan jalur lengkap programnya, misalnya /usr/sbin/sendmail",
                    en: "--sendmail starts with the full path of its program, such as /usr/sbin/sendmail"))
            }
        }
    }

    /// The path of a program installed beside this one (`/usr/bin/sop` → `/usr/bin/sop-webhook`),
    /// from the executable the system started, never from the environment or the command line.
    static func besideThisProgram(_ name: String) -> String {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? Bundle.main.executablePath ?? CommandLine.arguments.first ?? "sop"
        return URL(fileURLWithPath: executable).deletingLastPathComponent().appendingPathComponent(name).path
    }

    static func words(_ text: String) -> [String] { text.split(whereSeparator: { $0 == " " }).map(String.init) }

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
        // The notices of this sweep and of every one before it that are due now.
        var options = DeliveryOptions(webhookProgram: Self.besideThisProgram("sop-webhook"), webhookTimeout: TimeInterval(webhookTimeout))
        if let sendmail { options.sendmail = Self.words(sendmail) }
        let deliveries = noDeliver ? nil : try perform { () throws(ServiceError) -> DeliveryReport in
            try Deliverer(service: session.service, options: options).deliver(at: session.now)
        }
        let tick = TickReport(sweep: report, deliveries: deliveries)
        switch format {
        case .text where quiet && tick.isEmpty: break
        case .text: printSafely(SweepText.text(tick, language: language), terminator: "")
        case .json: try printJSON(tick)
        }
        if !report.failures.isEmpty && !watch { throw ExitCode.refused }
    }
}

/// What one run of `sop tick` did: the sweep's fields, and what became of the notices.
struct TickReport: Encodable {
    let sweep: SweepReport
    /// Nil with --no-deliver.
    let deliveries: DeliveryReport?

    var isEmpty: Bool {
        sweep.reminders.isEmpty && sweep.escalations.isEmpty && sweep.failures.isEmpty
            && (deliveries.map { $0.delivered.isEmpty && $0.failed.isEmpty && $0.postponed.isEmpty } ?? true)
    }

    enum CodingKeys: String, CodingKey { case at, reminders, escalations, failures, deliveries }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(sweep.at, forKey: .at)
        try container.encode(sweep.reminders, forKey: .reminders)
        try container.encode(sweep.escalations, forKey: .escalations)
        try container.encode(sweep.failures, forKey: .failures)
        try container.encode(deliveries, forKey: .deliveries)
    }
}

/// A sweep as staff read it.
enum SweepText {
    static func text(_ tick: TickReport, language: Language) -> String {
        let report = tick.sweep
        let at = TimeText.date(report.at, in: language)
        var lines: [String] = []
        if report.escalations.isEmpty && report.reminders.isEmpty && report.failures.isEmpty {
            lines.append(Text(id: "Penyapuan \(at): tidak ada yang jatuh waktu.", en: "Sweep at \(at): nothing is due.")(language))
        } else {
            lines.append(Text(
                id: "Penyapuan \(at): \(report.reminders.count) pengingat, \(report.escalations.count) eskalasi.",
                en: "Sweep at \(at): \(report.reminders.count) reminder\(report.reminders.count == 1 ? "" : "s"), "
                    + "\(report.escalations.count) escalation\(report.escalations.count == 1 ? "" : "s").")(language))
        }
        for reminder in report.reminders {
            let due = TimeText.date(reminder.dueAt, in: language)
            let what = reminder.reminder.label
            lines.append("  \(reminder.registerNumber) " + Text(
                id: "langkah \(reminder.step): \(what.id) (pengingat, jatuh waktu \(due))",
                en: "step \(reminder.step): \(what.en) (reminder, due \(due))")(language))
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
        if let deliveries = tick.deliveries {
            lines += NoticeText.deliveries(deliveries, language: language)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

import ArgumentParser
import Foundation
import SOPCore
import SOPDelivery
import SOPEngine
import SOPService
import SOPStorage

/// `sop notify …`: how the office is told of reminders and escalations (administrators only).
struct NotifyCommandGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notify",
        abstract: tr(
            id: "Pemberitahuan pengingat dan eskalasi: saluran kantor, kotak keluar, kirim ulang (administrator saja).",
            en: "Notices of reminders and escalations: the office's channels, the outbox, sending again (administrators only)."),
        subcommands: [ShowNotify.self, SetNotify.self, NotifyOutbox.self, RetryNotice.self])
    @OptionGroup var global: GlobalOptions
}

/// `on` or `off`.
enum Switch: String, ExpressibleByArgument, CaseIterable {
    case on
    case off
}

struct ShowNotify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: tr(id: "Saluran pemberitahuan yang berlaku dan alamat surel petugas.", en: "The notice channels in force and the staff's e-mail addresses."))
    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: StoreOptions
    @OptionGroup var acting: UserOptions
    @Option(help: help(id: "Format keluaran: text atau json.", en: "Output format: text or json.")) var format: OutputFormat = .text

    func run() throws {
        let session = try store.session(acting, writing: false)
        let (settings, emails) = try perform { () throws(ServiceError) in try session.service.notificationSettings(user: session.user) }
        switch format {
        case .text: printSafely(NoticeText.settings(settings, emails: emails, language: language), terminator: "")
        case .json: try printJSON(NotifySettingsOutput(settings: settings, emails: emails))
        }
    }
}

/// The settings and the addresses, as `--format json` prints them.
struct NotifySettingsOutput: Encodable {
    let settings: NotificationSettings?
    let emails: [String: String]
}

struct SetNotify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: tr(id: "Ubah saluran pemberitahuan kantor (administrator saja); yang tidak disebut tetap.",
                     en: "Change the office's notice channels (administrators only); what is not named stays."),
        discussion: tr(
            id: "Surel dikirim kepada petugas pemegang peran langkah yang punya alamat (`sop staff email`), lewat program "
                + "sendmail agen surat sistem yang dijalankan `sop tick`. Webhook menerima JSON dengan POST. Setiap perubahan "
                + "disimpan selamanya bersama yang sebelumnya.",
            en: "E-mail goes to the staff who hold the step's roles and have an address (`sop staff email`), through the "
                + "system mail transfer agent's sendmail program that `sop tick` runs. The webhook receives JSON by POST. Every "
                + "change is kept for good with the ones before."))
    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: StoreOptions
    @OptionGroup var acting: UserOptions
    @Option(help: help(id: "Kirim pemberitahuan lewat surel: on atau off.", en: "Send notices by e-mail: on or off.")) var email: Switch?
    @Option(help: help(id: "Alamat pengirim surel.", en: "The sender's e-mail address.")) var from: String?
    @Flag(help: help(id: "Hapus alamat pengirim (agen surat yang memilih).", en: "Remove the sender's address (the mail transfer agent chooses)."))
    var noFrom = false
    @Option(help: help(id: "Alamat webhook (http:// atau https://).", en: "The webhook's address (http:// or https://).")) var webhook: String?
    @Flag(help: help(id: "Berhenti mengirim ke webhook.", en: "Stop sending to a webhook.")) var noWebhook = false
    @Option(help: help(id: "Format keluaran: text atau json.", en: "Output format: text or json.")) var format: OutputFormat = .text

    func validate() throws {
        if from != nil && noFrom {
            throw ValidationError(tr(id: "--from dan --no-from tidak bisa bersama", en: "--from and --no-from cannot go together"))
        }
        if webhook != nil && noWebhook {
            throw ValidationError(tr(id: "--webhook dan --no-webhook tidak bisa bersama", en: "--webhook and --no-webhook cannot go together"))
        }
    }

    func run() throws {
        let session = try store.session(acting, writing: true)
        let fromChange: String?? = noFrom ? .some(nil) : from.map { .some($0) }
        let webhookChange: String?? = noWebhook ? .some(nil) : webhook.map { .some($0) }
        _ = try perform { () throws(ServiceError) in
            try session.service.setNotifications(
                email: email.map { $0 == .on }, from: fromChange, webhook: webhookChange, user: session.user, at: session.now)
        }
        let (settings, emails) = try perform { () throws(ServiceError) in try session.service.notificationSettings(user: session.user) }
        switch format {
        case .text: printSafely(NoticeText.settings(settings, emails: emails, language: language), terminator: "")
        case .json: try printJSON(NotifySettingsOutput(settings: settings, emails: emails))
        }
    }
}

struct NotifyOutbox: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox",
        abstract: tr(id: "Kotak keluar pemberitahuan, terbaru dahulu, dengan setiap percobaan kirimnya.",
                     en: "The outbox of notices, newest first, with every attempt to deliver them."))
    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: StoreOptions
    @OptionGroup var acting: UserOptions
    @Option(help: help(id: "Hanya yang berstatus ini: pending, sent atau failed.", en: "Only those with this status: pending, sent or failed."))
    var status: OutboxEntry.Status?
    @Option(help: help(id: "Paling banyak sekian (1–10000).", en: "At most this many (1–10000).")) var limit = 50
    @Option(help: help(id: "Format keluaran: text atau json.", en: "Output format: text or json.")) var format: OutputFormat = .text

    func validate() throws {
        guard (1...10_000).contains(limit) else {
            throw ValidationError(tr(id: "--limit antara 1 dan 10000", en: "--limit is between 1 and 10000"))
        }
    }

    func run() throws {
        let session = try store.session(acting, writing: false)
        let entries = try perform { () throws(ServiceError) in try session.service.outbox(status: status, limit: limit, user: session.user) }
        switch format {
        case .text: printSafely(NoticeText.outbox(entries, language: language), terminator: "")
        case .json: try printJSON(entries.map { OutboxItem(entry: $0.entry, attempts: $0.attempts) })
        }
    }
}

extension OutboxEntry.Status: ExpressibleByArgument {}

/// An entry with its attempts, as `--format json` prints it.
struct OutboxItem: Encodable {
    let entry: OutboxEntry
    let attempts: [DeliveryAttempt]

    enum CodingKeys: String, CodingKey { case attempts }

    func encode(to encoder: any Encoder) throws {
        try entry.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(attempts, forKey: .attempts)
    }
}

struct RetryNotice: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry",
        abstract: tr(id: "Kirim lagi pemberitahuan yang sudah menyerah (status failed) pada `sop tick` berikutnya.",
                     en: "Send a notice that was given up (status failed) again at the next `sop tick`."))
    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: StoreOptions
    @OptionGroup var acting: UserOptions
    @Argument(help: help(id: "Nomor pemberitahuan (lihat `sop notify outbox`).", en: "The notice's number (see `sop notify outbox`).")) var id: Int
    @Option(help: help(id: "Format keluaran: text atau json.", en: "Output format: text or json.")) var format: OutputFormat = .text

    func run() throws {
        let session = try store.session(acting, writing: true)
        let entry = try perform { () throws(ServiceError) in try session.service.retryNotice(id, user: session.user, at: session.now) }
        switch format {
        case .text:
            printSafely(tr(
                id: "Pemberitahuan #\(entry.id) dikirim lagi pada `sop tick` berikutnya.",
                en: "Notice #\(entry.id) is sent again at the next `sop tick`."))
        case .json: try printJSON(entry)
        }
    }
}

/// `sop staff email USER ADDRESS`: where a member of staff receives notices.
struct StaffEmail: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "email",
        abstract: tr(id: "Alamat surel petugas untuk pemberitahuan (administrator saja).",
                     en: "A staff member's e-mail address for notices (administrators only)."))
    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: StoreOptions
    @OptionGroup var acting: UserOptions
    @Argument(help: help(id: "Nama pengguna.", en: "The user name.")) var user: String
    @Argument(help: help(id: "Alamat surelnya.", en: "Their e-mail address.")) var address: String?
    @Flag(help: help(id: "Hapus alamatnya: tidak lagi menerima surel.", en: "Remove the address: no more e-mail.")) var remove = false
    @Option(help: help(id: "Format keluaran: text atau json.", en: "Output format: text or json.")) var format: OutputFormat = .text

    func validate() throws {
        guard (address == nil) == remove else {
            throw ValidationError(tr(id: "berikan ALAMAT, atau --remove", en: "give an ADDRESS, or --remove"))
        }
    }

    func run() throws {
        let session = try store.session(acting, writing: true)
        try perform { () throws(ServiceError) in
            try session.service.setStaffEmail(user, email: address, user: session.user, at: session.now)
        }
        switch format {
        case .text:
            printSafely(address.map { tr(id: "Petugas \(user) menerima pemberitahuan di \($0).", en: "Staff member \(user) receives notices at \($0).") }
                ?? tr(id: "Petugas \(user) tidak lagi menerima surel pemberitahuan.", en: "Staff member \(user) no longer receives notices by e-mail."))
        case .json: try printJSON(["user": user, "email": address])
        }
    }
}

/// Notices as staff read them.
enum NoticeText {
    static func settings(_ settings: NotificationSettings?, emails: [String: String], language: Language) -> String {
        var lines: [String] = []
        if let settings {
            let on = Text(id: "ya", en: "on")(language)
            let off = Text(id: "tidak", en: "off")(language)
            lines.append(Text(id: "Surel: ", en: "E-mail: ")(language) + (settings.email ? on : off)
                + (settings.emailFrom.map { Text(id: " (pengirim \($0))", en: " (from \($0))")(language) } ?? ""))
            lines.append("Webhook: " + (settings.webhookURL ?? "-"))
            lines.append(Text(
                id: "Diatur oleh \(settings.by), \(TimeText.date(settings.at, in: language)).",
                en: "Set by \(settings.by), \(TimeText.date(settings.at, in: language)).")(language))
        } else {
            lines.append(Text(
                id: "Belum ada saluran pemberitahuan: `sop notify set --email on` atau `--webhook URL`.",
                en: "No notice channel yet: `sop notify set --email on` or `--webhook URL`.")(language))
        }
        lines.append(Text(id: "Alamat surel petugas:", en: "Staff e-mail addresses:")(language))
        if emails.isEmpty {
            lines.append(Text(id: "  (belum ada; `sop staff email PENGGUNA ALAMAT`)", en: "  (none yet; `sop staff email USER ADDRESS`)")(language))
        }
        for (user, email) in emails.sorted(by: { $0.key < $1.key }) { lines.append("  \(user): \(email)") }
        return lines.joined(separator: "\n") + "\n"
    }

    static func kind(_ kind: Notice.Kind, language: Language) -> String {
        switch kind {
        case .atRisk: Reminder.atRisk.label(language)
        case .overdue: Reminder.overdue.label(language)
        case .escalated: Text(id: "eskalasi", en: "escalated")(language)
        }
    }

    static func status(_ status: OutboxEntry.Status, language: Language) -> String {
        switch status {
        case .pending: Text(id: "menunggu", en: "pending")(language)
        case .sent: Text(id: "terkirim", en: "sent")(language)
        case .failed: Text(id: "gagal", en: "failed")(language)
        }
    }

    static func channel(_ channel: DeliveryChannel, language: Language) -> String {
        switch channel {
        case .email: Text(id: "surel", en: "e-mail")(language)
        case .webhook: "webhook"
        }
    }

    static func outbox(_ entries: [(entry: OutboxEntry, attempts: [DeliveryAttempt])], language: Language) -> String {
        guard !entries.isEmpty else { return Text(id: "Kotak keluar kosong.", en: "The outbox is empty.")(language) + "\n" }
        var lines: [String] = []
        for (entry, attempts) in entries {
            let notice = entry.notice
            var line = "#\(entry.id) \(status(entry.status, language: language)) \(channel(entry.channel, language: language)) "
                + "\(notice.registerNumber) \(kind(notice.kind, language: language))"
            if let step = notice.step { line += Text(id: ", langkah \(step)", en: ", step \(step)")(language) }
            if let to = notice.to { line += " → \(to)" }
            line += Text(id: ", untuk \(notice.roles.joined(separator: ", "))", en: ", for \(notice.roles.joined(separator: ", "))")(language)
            lines.append(line)
            switch entry.status {
            case .pending:
                if let next = entry.nextAttemptAt {
                    lines.append("    " + Text(
                        id: "dikirim sejak \(TimeText.date(next, in: language)) (dalam jam kerja)",
                        en: "to be sent from \(TimeText.date(next, in: language)) (within office hours)")(language))
                }
            case .sent:
                if let sent = entry.sentAt {
                    lines.append("    " + Text(id: "terkirim \(TimeText.date(sent, in: language))", en: "sent \(TimeText.date(sent, in: language))")(language))
                }
            case .failed:
                lines.append("    " + Text(
                    id: "menyerah setelah \(entry.attempts) percobaan; kirim lagi: sop notify retry \(entry.id)",
                    en: "given up after \(entry.attempts) attempts; send again: sop notify retry \(entry.id)")(language))
            }
            for attempt in attempts {
                let outcome = attempt.delivered ? Text(id: "terkirim", en: "delivered") : Text(id: "gagal", en: "failed")
                let to = attempt.recipients.isEmpty ? "" : " (\(attempt.recipients.joined(separator: ", ")))"
                lines.append("    \(attempt.number). \(TimeText.date(attempt.at, in: language)) \(outcome(language))\(to): \(attempt.detail)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// What one delivery run did, as lines under the sweep's.
    static func deliveries(_ report: DeliveryReport, language: Language) -> [String] {
        let count = report.delivered.count + report.failed.count + report.postponed.count
        guard count > 0 else { return [] }
        var lines = [Text(
            id: "Pemberitahuan: \(report.delivered.count) terkirim, \(report.failed.count) gagal, \(report.postponed.count) menunggu jam kerja.",
            en: "Notices: \(report.delivered.count) delivered, \(report.failed.count) failed, \(report.postponed.count) waiting for office hours.")(language)]
        func describe(_ item: DeliveryReport.Item) -> String {
            "  #\(item.id) \(channel(item.channel, language: language)) \(item.registerNumber) \(kind(item.kind, language: language))"
                + (item.recipients.isEmpty ? "" : " → \(item.recipients.joined(separator: ", "))")
        }
        for item in report.delivered { lines.append(describe(item)) }
        for item in report.failed {
            let next = item.retryAt.map { Text(id: "dicoba lagi \(TimeText.date($0, in: language))", en: "tried again \(TimeText.date($0, in: language))") }
                ?? Text(id: "menyerah; sop notify retry \(item.id)", en: "given up; sop notify retry \(item.id)")
            lines.append(describe(item) + Text(id: ": gagal (", en: ": failed (")(language) + item.detail + "); " + next(language))
        }
        for item in report.postponed {
            let next = item.retryAt.map { TimeText.date($0, in: language) } ?? "-"
            lines.append(describe(item) + Text(id: ": dikirim \(next), saat kantor buka", en: ": sent \(next), when the office opens")(language))
        }
        return lines
    }
}

import Foundation
import GRDB
import SOPCore
import SOPEngine
import SOPStorage

/// Notices: the office's settings, staff e-mail addresses, and the outbox with its attempts.
extension SQLiteCaseStore {
    // MARK: Settings

    public func notificationSettings() throws -> NotificationSettings? {
        try read { db in try Self.settings(db) }
    }

    static func settings(_ db: Database) throws -> NotificationSettings? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT email, email_from, webhook_url, at, by_user FROM notification_settings ORDER BY number DESC LIMIT 1
            """))
        else { return nil }
        return NotificationSettings(
            email: row[0], emailFrom: row[1], webhookURL: row[2], at: Date(timeIntervalSince1970: row[3]), by: row[4])
    }

    public func setNotificationSettings(_ settings: NotificationSettings) throws {
        if let from = settings.emailFrom, !NotificationSettings.isEmailAddress(from) {
            throw StoreError.invalidAddress(Text(id: "alamat pengirim surel", en: "a sender e-mail address"), from)
        }
        if let url = settings.webhookURL, !NotificationSettings.isWebhookURL(url) {
            throw StoreError.invalidAddress(Text(id: "alamat webhook", en: "a webhook address"), url)
        }
        try write { db in
            try Self.asAdministrator(settings.by, to: Self.settingNotices) {
                try db.execute(
                    sql: "INSERT INTO notification_settings (at, by_user, email, email_from, webhook_url) VALUES (?, ?, ?, ?, ?)",
                    arguments: [settings.at.timeIntervalSince1970, settings.by, settings.email, settings.emailFrom, settings.webhookURL])
            }
        }
    }

    public func setStaffEmail(_ user: String, email: String?, by actor: String, at instant: Date) throws {
        if let email, !NotificationSettings.isEmailAddress(email) {
            throw StoreError.invalidAddress(Text(id: "alamat surel", en: "an e-mail address"), email)
        }
        try write { db in
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM staff WHERE user_name = ?)", arguments: [user]) == true
            else { throw StoreError.unknownUser(user) }
            try Self.asAdministrator(actor, to: Self.settingNotices) {
                try db.execute(
                    sql: "INSERT INTO staff_emails (user_name, email, at, by_user) VALUES (?, ?, ?, ?)",
                    arguments: [user, email, instant.timeIntervalSince1970, actor])
            }
        }
    }

    public func staffEmails() throws -> [String: String] {
        try read { db in
            var emails: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT user_name, email FROM staff_emails AS e
                WHERE number = (SELECT MAX(number) FROM staff_emails WHERE user_name = e.user_name)
                    AND email IS NOT NULL AND user_name IN (SELECT user_name FROM staff)
                """)
            {
                emails[row[0]] = row[1]
            }
            return emails
        }
    }

    static let settingNotices = Text(id: "mengatur pemberitahuan", en: "set how notices are sent")

    // MARK: The outbox

    /// Writes the notices the events just appended cause, one entry per channel in force, inside
    /// the events' own transaction (an at-risk reminder overtaken by the overdue one in the same
    /// write is left out). Nothing when the office set no channel.
    static func enqueue(_ notices: [Notice], _ db: Database) throws {
        guard !notices.isEmpty, let settings = try settings(db), !settings.channels.isEmpty else { return }
        let insert = try db.cachedStatement(sql: """
            INSERT INTO outbox (case_number, sequence, channel, notice, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (case_number, sequence, channel) DO NOTHING
            """)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        for notice in Notice.worthSending(notices) {
            let text = String(decoding: try encoder.encode(notice), as: UTF8.self)
            for channel in settings.channels {
                try insert.execute(arguments: [
                    notice.caseNumber, notice.sequence, channel.rawValue, text, notice.at.timeIntervalSince1970,
                    notice.at.timeIntervalSince1970,
                ])
            }
        }
    }

    public func claimDeliveries(at instant: Date, limit: Int, lease: TimeInterval) throws -> [ClaimedDelivery] {
        let now = instant.timeIntervalSince1970
        return try write { db in
            let entries = try Self.entries(
                db, where: "status = 'pending' AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until <= ?)",
                order: "next_attempt_at, id", arguments: [now, now], limit: max(1, limit))
            guard !entries.isEmpty else { return [] }
            let settings = try Self.settings(db)
            let claim = try db.makeStatement(sql: "UPDATE outbox SET claimed_until = ? WHERE id = ?")
            var claimed: [ClaimedDelivery] = []
            for entry in entries {
                let until = now + (lease.isFinite ? max(1, lease) : 1)
                try claim.execute(arguments: [until, entry.id])
                claimed.append(ClaimedDelivery(
                    entry: entry, recipients: try Self.holders(of: entry.notice.roles, db), settings: settings,
                    claimedUntil: Date(timeIntervalSince1970: until)))
            }
            return claimed
        }
    }

    /// The members of staff who hold any of these roles now, by name, each with their e-mail
    /// address in force (nil: none).
    private static func holders(of roles: [String], _ db: Database) throws -> [(user: String, email: String?)] {
        guard !roles.isEmpty else { return [] }
        let marks = Array(repeating: "?", count: roles.count).joined(separator: ", ")
        return try Row.fetchAll(db, sql: """
            SELECT DISTINCT r.user_name,
                (SELECT email FROM staff_emails WHERE user_name = r.user_name ORDER BY number DESC LIMIT 1)
            FROM staff_roles AS r WHERE r.role IN (\(marks)) ORDER BY r.user_name
            """, arguments: StatementArguments(roles)).map { row in (row[0], row[1]) }
    }

    public func finishDelivery(_ entry: Int, claim: Date?, at instant: Date, result: DeliveryResult) throws {
        try write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT status, attempts, claimed_until FROM outbox WHERE id = ?", arguments: [entry])
            else {
                throw StoreError.unknownNotice(entry)
            }
            let pending = (row[0] as String) == OutboxEntry.Status.pending.rawValue
            let attempts: Int = row[1]
            // Still this run's: no claim named, or the one it took.
            let ours = claim.map { (row[2] as Double?) == $0.timeIntervalSince1970 } ?? true
            let now = instant.timeIntervalSince1970
            func attempt(_ delivered: Bool, _ recipients: [String], _ detail: String) throws {
                let number = 1 + (try Int.fetchOne(
                    db, sql: "SELECT COALESCE(MAX(number), 0) FROM outbox_attempts WHERE outbox_id = ?", arguments: [entry]) ?? 0)
                let list = String(decoding: try JSONEncoder().encode(recipients), as: UTF8.self)
                try db.execute(
                    sql: "INSERT INTO outbox_attempts (outbox_id, number, at, delivered, recipients, detail) VALUES (?, ?, ?, ?, ?, ?)",
                    arguments: [entry, number, now, delivered, list, String(detail.prefix(2000))])
            }
            switch result {
            case .delivered(let recipients, let detail):
                try attempt(true, recipients, detail)
                // Another run whose claim had lapsed may have finished it first: it stays as it is.
                guard pending else { return }
                try db.execute(
                    sql: """
                        UPDATE outbox SET status = 'sent', attempts = ?, sent_at = ?, next_attempt_at = NULL, claimed_until = NULL,
                            last_error = NULL WHERE id = ?
                        """,
                    arguments: [attempts + 1, now, entry])
            case .failed(let recipients, let detail, let retryAt):
                try attempt(false, recipients, detail)
                guard pending, ours else { return }
                try db.execute(
                    sql: """
                        UPDATE outbox SET status = ?, attempts = ?, next_attempt_at = ?, claimed_until = NULL, last_error = ?
                        WHERE id = ?
                        """,
                    arguments: [
                        retryAt == nil ? OutboxEntry.Status.failed.rawValue : OutboxEntry.Status.pending.rawValue, attempts + 1,
                        retryAt?.timeIntervalSince1970, String(detail.prefix(2000)), entry,
                    ])
            case .postponed(let until):
                guard pending, ours else { return }
                try db.execute(
                    sql: "UPDATE outbox SET next_attempt_at = ?, claimed_until = NULL WHERE id = ?",
                    arguments: [until.timeIntervalSince1970, entry])
            }
        }
    }

    public func outbox(status: OutboxEntry.Status?, limit: Int) throws -> [OutboxEntry] {
        try read { db in
            if let status {
                return try Self.entries(db, where: "status = ?", order: "id DESC", arguments: [status.rawValue], limit: max(1, limit))
            }
            return try Self.entries(db, where: "1", order: "id DESC", arguments: [], limit: max(1, limit))
        }
    }

    public func deliveryAttempts(entry: Int) throws -> [DeliveryAttempt] {
        try read { db in
            try Row.fetchAll(
                db, sql: "SELECT number, at, delivered, recipients, detail FROM outbox_attempts WHERE outbox_id = ? ORDER BY number",
                arguments: [entry]
            ).map { row in
                let list: String = row[3]
                guard let recipients = try? JSONDecoder().decode([String].self, from: Data(list.utf8)) else {
                    throw StoreError.corrupt(path, "attempt \(row[0] as Int) of notice \(entry) cannot be read")
                }
                return DeliveryAttempt(
                    entry: entry, number: row[0], at: Date(timeIntervalSince1970: row[1]), delivered: row[2], recipients: recipients,
                    detail: row[4])
            }
        }
    }

    public func retryDelivery(_ entry: Int, by actor: String, at instant: Date) throws -> OutboxEntry {
        try write { db in
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM staff_roles WHERE role = 'admin' AND user_name = ?)", arguments: [actor]) == true
            else { throw StoreError.notAdministrator(actor, to: Text(id: "mengirim ulang pemberitahuan", en: "send a notice again")) }
            guard let found = try Self.entries(db, where: "id = ?", order: "id", arguments: [entry], limit: 1).first else {
                throw StoreError.unknownNotice(entry)
            }
            guard found.status == .failed else { throw StoreError.noticeNotFailed(entry, status: found.status.rawValue) }
            try db.execute(
                // Its attempts start again from none (those made are kept in outbox_attempts), so that
                // it gets the whole backoff once more.
                sql: "UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = ?, claimed_until = NULL WHERE id = ?",
                arguments: [instant.timeIntervalSince1970, entry])
            return try Self.entries(db, where: "id = ?", order: "id", arguments: [entry], limit: 1)[0]
        }
    }

    private static func entries(
        _ db: Database, where condition: String, order: String, arguments: StatementArguments, limit: Int
    ) throws -> [OutboxEntry] {
        let decoder = JSONDecoder()
        return try Row.fetchAll(db, sql: """
            SELECT id, channel, notice, status, attempts, next_attempt_at, sent_at, last_error FROM outbox
            WHERE \(condition) ORDER BY \(order) LIMIT \(limit)
            """, arguments: arguments).map { row in
            let id: Int = row[0]
            guard let channel = DeliveryChannel(rawValue: row[1]), let status = OutboxEntry.Status(rawValue: row[3]),
                let text = row[2] as String?, let notice = try? decoder.decode(Notice.self, from: Data(text.utf8))
            else { throw StoreError.corrupt("outbox", "notice \(id) cannot be read") }
            return OutboxEntry(
                id: id, channel: channel, notice: notice, status: status, attempts: row[4],
                nextAttemptAt: (row[5] as Double?).map(Date.init(timeIntervalSince1970:)),
                sentAt: (row[6] as Double?).map(Date.init(timeIntervalSince1970:)), lastError: row[7])
        }
    }
}

import Foundation
import SOPCore
import SOPEngine
import SOPStorage

/// Notices: the office's settings, staff e-mail addresses, and the outbox with its attempts.
extension PostgresCaseStore {
    // MARK: Settings

    public func notificationSettings() throws -> NotificationSettings? {
        try read { db in try Self.settings(db) }
    }

    static func settings(_ db: PGSession) throws -> NotificationSettings? {
        guard let row = try db.one("SELECT email, email_from, webhook_url, at, by_user FROM notification_settings ORDER BY number DESC LIMIT 1")
        else { return nil }
        return NotificationSettings(
            email: row[0].int == 1, emailFrom: row[1].string, webhookURL: row[2].string,
            at: row[3].date ?? Date(timeIntervalSince1970: 0), by: row[4].string ?? "")
    }

    public func setNotificationSettings(_ settings: NotificationSettings) throws {
        if let from = settings.emailFrom, !NotificationSettings.isEmailAddress(from) {
            throw StoreError.invalidAddress(Text(id: "alamat pengirim surel", en: "a sender e-mail address"), from)
        }
        if let url = settings.webhookURL, !NotificationSettings.isWebhookURL(url) {
            throw StoreError.invalidAddress(Text(id: "alamat webhook", en: "a webhook address"), url)
        }
        try write { db in
            let number = try Self.nextNumber("notification_settings", db)
            try Self.asAdministrator(settings.by, to: Self.settingNotices) {
                try db.query(
                    "INSERT INTO notification_settings (number, at, by_user, email, email_from, webhook_url) VALUES ($1, $2, $3, $4, $5, $6)",
                    [PGValue(number), PGValue(settings.at), .text(settings.by), PGValue(settings.email ? 1 : 0), PGValue(settings.emailFrom),
                     PGValue(settings.webhookURL)])
            }
        }
    }

    public func setStaffEmail(_ user: String, email: String?, by actor: String, at instant: Date) throws {
        if let email, !NotificationSettings.isEmailAddress(email) {
            throw StoreError.invalidAddress(Text(id: "alamat surel", en: "an e-mail address"), email)
        }
        try write { db in
            guard try db.one("SELECT 1 FROM staff WHERE user_name = $1", [.text(user)]) != nil else { throw StoreError.unknownUser(user) }
            let number = try Self.nextNumber("staff_emails", db)
            try Self.asAdministrator(actor, to: Self.settingNotices) {
                try db.query(
                    "INSERT INTO staff_emails (number, user_name, email, at, by_user) VALUES ($1, $2, $3, $4, $5)",
                    [PGValue(number), .text(user), PGValue(email), PGValue(instant), .text(actor)])
            }
        }
    }

    public func staffEmails() throws -> [String: String] {
        try read { db in
            var emails: [String: String] = [:]
            for row in try db.query("""
                SELECT user_name, email FROM staff_emails AS e
                WHERE number = (SELECT MAX(number) FROM staff_emails WHERE user_name = e.user_name)
                    AND email IS NOT NULL AND user_name IN (SELECT user_name FROM staff)
                """)
            {
                if let user = row[0].string, let email = row[1].string { emails[user] = email }
            }
            return emails
        }
    }

    static let settingNotices = Text(id: "mengatur pemberitahuan", en: "set how notices are sent")

    // MARK: The outbox

    /// Writes the notices the events just appended cause, one entry per channel in force, inside
    /// the events' own transaction. Nothing when the office set no channel.
    static func enqueue(_ notices: [Notice], _ db: PGSession) throws {
        guard !notices.isEmpty, let settings = try settings(db), !settings.channels.isEmpty else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        for notice in Notice.worthSending(notices) {
            let text = String(decoding: try encoder.encode(notice), as: UTF8.self)
            for channel in settings.channels {
                try db.query(
                    """
                    INSERT INTO outbox (id, case_number, sequence, channel, notice, created_at, next_attempt_at)
                    VALUES ((SELECT COALESCE(MAX(id), 0) + 1 FROM outbox), $1, $2, $3, $4, $5, $6)
                    ON CONFLICT (case_number, sequence, channel) DO NOTHING
                    """,
                    [PGValue(notice.caseNumber), PGValue(notice.sequence), .text(channel.rawValue), .text(text), PGValue(notice.at),
                     PGValue(notice.at)])
            }
        }
    }

    public func claimDeliveries(at instant: Date, limit: Int, lease: TimeInterval) throws -> [ClaimedDelivery] {
        let now = instant.timeIntervalSince1970
        return try write { db in
            let entries = try Self.entries(
                db, where: "status = 'pending' AND next_attempt_at <= $1 AND (claimed_until IS NULL OR claimed_until <= $1)",
                order: "next_attempt_at, id", values: [.real(now)], limit: max(1, limit))
            guard !entries.isEmpty else { return [] }
            let settings = try Self.settings(db)
            var claimed: [ClaimedDelivery] = []
            for entry in entries {
                let until = now + (lease.isFinite ? max(1, lease) : 1)
                try db.query("UPDATE outbox SET claimed_until = $1 WHERE id = $2", [.real(until), PGValue(entry.id)])
                claimed.append(ClaimedDelivery(
                    entry: entry, recipients: try Self.holders(of: entry.notice.roles, db), settings: settings,
                    claimedUntil: Date(timeIntervalSince1970: until)))
            }
            return claimed
        }
    }

    /// The members of staff who hold any of these roles now, by name, each with their e-mail
    /// address in force (nil: none).
    private static func holders(of roles: [String], _ db: PGSession) throws -> [(user: String, email: String?)] {
        guard !roles.isEmpty else { return [] }
        let marks = roles.indices.map { "$\($0 + 1)" }.joined(separator: ", ")
        return try db.query("""
            SELECT h.user_name, (SELECT email FROM staff_emails WHERE user_name = h.user_name ORDER BY number DESC LIMIT 1)
            FROM (SELECT DISTINCT r.user_name FROM staff_roles AS r WHERE r.role IN (\(marks))) AS h
            ORDER BY h.user_name COLLATE "C"
            """, roles.map { .text($0) }).map { row in (row[0].string ?? "", row[1].string) }
    }

    public func finishDelivery(_ entry: Int, claim: Date?, at instant: Date, result: DeliveryResult) throws {
        try write { db in
            guard let row = try db.one("SELECT status, attempts, claimed_until FROM outbox WHERE id = $1", [PGValue(entry)]) else {
                throw StoreError.unknownNotice(entry)
            }
            let pending = row[0].string == OutboxEntry.Status.pending.rawValue
            let attempts = row[1].int ?? 0
            let ours = claim.map { row[2].double == $0.timeIntervalSince1970 } ?? true
            let now = instant.timeIntervalSince1970
            func attempt(_ delivered: Bool, _ recipients: [String], _ detail: String) throws {
                let number = 1 + (try db.one(
                    "SELECT COALESCE(MAX(number), 0) FROM outbox_attempts WHERE outbox_id = $1", [PGValue(entry)])?[0].int ?? 0)
                let list = String(decoding: try JSONEncoder().encode(recipients), as: UTF8.self)
                try db.query(
                    "INSERT INTO outbox_attempts (outbox_id, number, at, delivered, recipients, detail) VALUES ($1, $2, $3, $4, $5, $6)",
                    [PGValue(entry), PGValue(number), .real(now), PGValue(delivered ? 1 : 0), .text(list), .text(String(detail.prefix(2000)))])
            }
            switch result {
            case .delivered(let recipients, let detail):
                try attempt(true, recipients, detail)
                guard pending else { return }
                try db.query(
                    """
                    UPDATE outbox SET status = 'sent', attempts = $1, sent_at = $2, next_attempt_at = NULL, claimed_until = NULL,
                        last_error = NULL WHERE id = $3
                    """, [PGValue(attempts + 1), .real(now), PGValue(entry)])
            case .failed(let recipients, let detail, let retryAt):
                try attempt(false, recipients, detail)
                guard pending, ours else { return }
                try db.query(
                    "UPDATE outbox SET status = $1, attempts = $2, next_attempt_at = $3, claimed_until = NULL, last_error = $4 WHERE id = $5",
                    [.text(retryAt == nil ? OutboxEntry.Status.failed.rawValue : OutboxEntry.Status.pending.rawValue), PGValue(attempts + 1),
                     PGValue(retryAt), .text(String(detail.prefix(2000))), PGValue(entry)])
            case .postponed(let until):
                guard pending, ours else { return }
                try db.query("UPDATE outbox SET next_attempt_at = $1, claimed_until = NULL WHERE id = $2", [PGValue(until), PGValue(entry)])
            }
        }
    }

    public func outbox(status: OutboxEntry.Status?, limit: Int) throws -> [OutboxEntry] {
        try read { db in
            if let status {
                return try Self.entries(db, where: "status = $1", order: "id DESC", values: [.text(status.rawValue)], limit: max(1, limit))
            }
            return try Self.entries(db, where: "TRUE", order: "id DESC", values: [], limit: max(1, limit))
        }
    }

    public func deliveryAttempts(entry: Int) throws -> [DeliveryAttempt] {
        try read { db in
            try db.query(
                "SELECT number, at, delivered, recipients, detail FROM outbox_attempts WHERE outbox_id = $1 ORDER BY number", [PGValue(entry)]
            ).map { row in
                guard let recipients = try? JSONDecoder().decode([String].self, from: Data((row[3].string ?? "").utf8)) else {
                    throw StoreError.corrupt(name, "attempt \(row[0].int ?? 0) of notice \(entry) cannot be read")
                }
                return DeliveryAttempt(
                    entry: entry, number: row[0].int ?? 0, at: row[1].date ?? Date(timeIntervalSince1970: 0), delivered: row[2].int == 1,
                    recipients: recipients, detail: row[4].string ?? "")
            }
        }
    }

    public func retryDelivery(_ entry: Int, by actor: String, at instant: Date) throws -> OutboxEntry {
        try write { db in
            guard try db.one("SELECT 1 FROM staff_roles WHERE role = 'admin' AND user_name = $1", [.text(actor)]) != nil else {
                throw StoreError.notAdministrator(actor, to: Text(id: "mengirim ulang pemberitahuan", en: "send a notice again"))
            }
            guard let found = try Self.entries(db, where: "id = $1", order: "id", values: [PGValue(entry)], limit: 1).first else {
                throw StoreError.unknownNotice(entry)
            }
            guard found.status == .failed else { throw StoreError.noticeNotFailed(entry, status: found.status.rawValue) }
            // Its attempts start again from none (those made are kept in outbox_attempts).
            try db.query(
                "UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = $1, claimed_until = NULL WHERE id = $2",
                [PGValue(instant), PGValue(entry)])
            return try Self.entries(db, where: "id = $1", order: "id", values: [PGValue(entry)], limit: 1)[0]
        }
    }

    private static func entries(_ db: PGSession, where condition: String, order: String, values: [PGValue], limit: Int) throws -> [OutboxEntry] {
        let decoder = JSONDecoder()
        return try db.query("""
            SELECT id, channel, notice, status, attempts, next_attempt_at, sent_at, last_error FROM outbox
            WHERE \(condition) ORDER BY \(order) LIMIT \(limit)
            """, values).map { row in
            let id = row[0].int ?? 0
            guard let channel = DeliveryChannel(rawValue: row[1].string ?? ""), let status = OutboxEntry.Status(rawValue: row[3].string ?? ""),
                  let text = row[2].string, let notice = try? decoder.decode(Notice.self, from: Data(text.utf8))
            else { throw StoreError.corrupt("outbox", "notice \(id) cannot be read") }
            return OutboxEntry(
                id: id, channel: channel, notice: notice, status: status, attempts: row[4].int ?? 0, nextAttemptAt: row[5].date,
                sentAt: row[6].date, lastError: row[7].string)
        }
    }
}

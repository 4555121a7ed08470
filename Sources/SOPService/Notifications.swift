import Foundation
import SOPCore
import SOPStorage

/// How the office is told of reminders and escalations: its channels, the staff's addresses and
/// the outbox. Everything here is for administrators; the notices themselves are written by the
/// store with the events that cause them, and delivered by SOPDelivery.
extension CaseService {
    static let settingNotices = Text(id: "mengatur pemberitahuan", en: "set how notices are sent")
    static let readingTheOutbox = Text(id: "membaca kotak keluar pemberitahuan", en: "read the outbox of notices")

    /// The settings in force and each member of staff's address, for an administrator.
    public func notificationSettings(user: String?) throws(ServiceError) -> (settings: NotificationSettings?, emails: [String: String]) {
        _ = try administrator(user, doing: Self.readingTheOutbox)
        return try storeCall { (settings: try store.notificationSettings(), emails: try store.staffEmails()) }
    }

    /// Changes what is given and keeps the rest of the settings in force: e-mail on or off, the
    /// sender's address (`.some(nil)` takes it away), the webhook's address (likewise).
    @discardableResult
    public func setNotifications(
        email: Bool?, from: String??, webhook: String??, user: String?, at instant: Date
    ) throws(ServiceError) -> NotificationSettings {
        let administrator = try administrator(user, doing: Self.settingNotices)
        guard email != nil || from != nil || webhook != nil else {
            throw ServiceError(.user, Text(
                id: "sebutkan yang diubah: --email on|off, --from ALAMAT, --webhook URL atau --no-webhook",
                en: "say what changes: --email on|off, --from ADDRESS, --webhook URL or --no-webhook"))
        }
        let current = try storeCall { try store.notificationSettings() }
        var settings = current ?? NotificationSettings(email: false, emailFrom: nil, webhookURL: nil, at: instant, by: administrator.user)
        if let email { settings.email = email }
        if let from { settings.emailFrom = from.flatMap { $0.isEmpty ? nil : $0 } }
        if let webhook { settings.webhookURL = webhook.flatMap { $0.isEmpty ? nil : $0 } }
        settings.at = instant
        settings.by = administrator.user
        try storeCall { try store.setNotificationSettings(settings) }
        return settings
    }

    /// Gives a member of staff an address for notices, or takes it away (nil).
    public func setStaffEmail(_ member: String, email: String?, user: String?, at instant: Date) throws(ServiceError) {
        let administrator = try administrator(user, doing: Self.settingNotices)
        try storeCall { try store.setStaffEmail(member, email: email, by: administrator.user, at: instant) }
    }

    /// The outbox, newest first, each entry with its attempts.
    public func outbox(status: OutboxEntry.Status?, limit: Int, user: String?) throws(ServiceError)
        -> [(entry: OutboxEntry, attempts: [DeliveryAttempt])]
    {
        _ = try administrator(user, doing: Self.readingTheOutbox)
        return try storeCall {
            try store.outbox(status: status, limit: limit).map { entry in (entry, try store.deliveryAttempts(entry: entry.id)) }
        }
    }

    /// Sends a notice that was given up once more, at the next delivery.
    public func retryNotice(_ entry: Int, user: String?, at instant: Date) throws(ServiceError) -> OutboxEntry {
        let administrator = try administrator(user, doing: Self.settingNotices)
        return try storeCall { try store.retryDelivery(entry, by: administrator.user, at: instant) }
    }

    /// Runs a store call; a refusal the user can act on keeps its code and message (exit 1), any
    /// other failure is the database's (exit 2).
    func storeCall<T>(_ body: () throws -> T) throws(ServiceError) -> T {
        do {
            return try body()
        } catch let error as StoreError where Self.refusals.contains(error.code) {
            throw ServiceError(error.code, error.message)
        } catch {
            throw .store(error)
        }
    }

    private static let refusals: Set<ErrorCode> = [.notAdministrator, .invalidAddress, .unknownNotice, .noticeNotFailed, .unknownUser]
}

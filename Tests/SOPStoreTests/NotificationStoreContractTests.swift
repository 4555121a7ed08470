import Foundation
import GRDB
import SOPEngine
import SOPModel
import Testing
@testable import SOPStorage
@testable import SOPStore

/// Notices: the office's settings, staff addresses and the outbox — the contract every store keeps.
@Suite("Store contract: notices") struct NotificationStoreContractTests {
    static let monday = Fixture.monday
    static let hour = Fixture.hour

    /// A set-up store with `admin`, `ani` (front-office, with an address) and `budi` (front-office,
    /// without one), a workflow text, and notices by e-mail and webhook when `channels`.
    static func office(_ scratch: Scratch, on factory: StoreFactory, channels: Bool = true) throws
        -> (any CaseStore, WorkflowReference)
    {
        let (store, workflow, _) = try Fixture.store(scratch, on: factory)
        try StaffContractTests.setUp(store)
        _ = try store.publish(
            [.workflow(WorkflowText(text: Fixture.yaml, workflow: "pengaduan-langsung", revision: 1))], by: "admin", at: monday)
        try store.addStaff("ani", roles: ["front-office"], by: "admin", at: monday)
        try store.addStaff("budi", roles: ["front-office"], by: "admin", at: monday)
        try store.addStaff("citra", roles: ["kepala-seksi"], by: "admin", at: monday)
        try store.setStaffEmail("ani", email: "ani@disdukcapil.example", by: "admin", at: monday)
        try store.setStaffEmail("citra", email: "citra@disdukcapil.example", by: "admin", at: monday)
        if channels {
            try store.setNotificationSettings(NotificationSettings(
                email: true, emailFrom: "sop@disdukcapil.example", webhookURL: "http://127.0.0.1:9/hook", at: monday, by: "admin"))
        }
        return (store, workflow)
    }

    /// Opens a case whose first step (front-office, 8 hours) reminds at 6 and 8 hours.
    static func open(_ store: any CaseStore, _ workflow: WorkflowReference, at instant: Date = monday) throws -> CaseState {
        try store.openCase(at: instant) { number, registerNumber in
            var events = Fixture.opening(number, registerNumber, workflow: workflow, at: instant)
            events[1] = CaseEvent(sequence: 2, at: instant, by: "budi", kind: .stepStarted(
                step: "terima-pengaduan", dueAt: instant + 8 * hour, waitsForReporter: false, actors: ["front-office"],
                reminders: [ScheduledReminder(.atRisk, at: instant + 6 * hour), ScheduledReminder(.overdue, at: instant + 8 * hour)]))
            return events
        }
    }

    /// The at-risk reminder of the case's step, as the sweep records it.
    static func remind(_ store: any CaseStore, _ state: CaseState, _ reminder: Reminder = .atRisk, at instant: Date) throws -> CaseState {
        try store.append(
            [CaseEvent(sequence: state.version + 1, at: instant, by: "sop", kind: .reminded(
                step: "terima-pengaduan", reminder: reminder, dueAt: state.active!.nextReminder!.at))],
            to: state.number, expectedVersion: state.version)
    }

    @Test(arguments: StoreFactory.all) func anEventsNoticesGoToTheOutboxWithIt(factory: StoreFactory) throws {
        let scratch = try Scratch()
        let (store, workflow) = try Self.office(scratch, on: factory)
        let opened = try Self.open(store, workflow)
        #expect(try store.outbox(status: nil, limit: 100).isEmpty, "opening a case tells no one")
        let reminded = try Self.remind(store, opened, at: Self.monday + 6 * Self.hour)
        let entries = try store.outbox(status: nil, limit: 100)
        #expect(entries.map(\.channel).sorted { $0.rawValue < $1.rawValue } == [.email, .webhook])
        for entry in entries {
            #expect(entry.status == .pending)
            #expect(entry.attempts == 0)
            #expect(entry.notice.kind == .atRisk)
            #expect(entry.notice.caseNumber == opened.number)
            #expect(entry.notice.sequence == reminded.version)
            #expect(entry.notice.registerNumber == opened.registerNumber)
            #expect(entry.notice.step == "terima-pengaduan")
            #expect(entry.notice.roles == ["front-office"])
            #expect(entry.notice.stepDueAt == opened.active?.dueAt)
            #expect(entry.nextAttemptAt.map { abs($0.timeIntervalSince(Self.monday + 6 * Self.hour)) < 1e-3 } == true)
        }
        // The same reminder again does not fit the case: no event, no notice.
        #expect(caught { _ = try Self.remind(store, opened, at: Self.monday + 7 * Self.hour) } != nil)
        #expect(try store.outbox(status: nil, limit: 100).count == 2)

        // An escalation tells the actor it went to.
        let escalated = try store.append(
            [CaseEvent(sequence: reminded.version + 1, at: Self.monday + 7 * Self.hour, by: "ani", kind: .escalated(
                step: "terima-pengaduan", to: "kepala-seksi", reason: "berkas rumit", early: true))],
            to: reminded.number, expectedVersion: reminded.version)
        let newest = try store.outbox(status: nil, limit: 1)
        #expect(newest.first?.notice.kind == .escalated)
        #expect(newest.first?.notice.to == "kepala-seksi")
        #expect(newest.first?.notice.roles == ["kepala-seksi"])
        #expect(newest.first?.notice.early == true)
        #expect(newest.first?.notice.sequence == escalated.version)
        #expect(try store.outbox(status: nil, limit: 100).count == 4)
    }

    @Test(arguments: StoreFactory.all) func withoutChannelsNothingIsQueued(factory: StoreFactory) throws {
        let scratch = try Scratch()
        let (store, workflow) = try Self.office(scratch, on: factory, channels: false)
        _ = try Self.remind(store, try Self.open(store, workflow), at: Self.monday + 6 * Self.hour)
        #expect(try store.notificationSettings() == nil)
        #expect(try store.outbox(status: nil, limit: 100).isEmpty)
        // E-mail off and no webhook is no channel either.
        try store.setNotificationSettings(NotificationSettings(email: false, emailFrom: nil, webhookURL: nil, at: Self.monday, by: "admin"))
        _ = try Self.remind(store, try Self.open(store, workflow), at: Self.monday + 6 * Self.hour)
        #expect(try store.outbox(status: nil, limit: 100).isEmpty)
        // Webhook only: one entry per notice.
        try store.setNotificationSettings(NotificationSettings(
            email: false, emailFrom: nil, webhookURL: "https://example.org/sop", at: Self.monday + 60, by: "admin"))
        _ = try Self.remind(store, try Self.open(store, workflow), at: Self.monday + 6 * Self.hour)
        #expect(try store.outbox(status: nil, limit: 100).map(\.channel) == [.webhook])
        #expect(try store.notificationSettings()?.webhookURL == "https://example.org/sop")
    }

    @Test(arguments: StoreFactory.all) func onlyAnAdministratorSetsHowNoticesAreSent(factory: StoreFactory) throws {
        let scratch = try Scratch()
        let (store, _) = try Self.office(scratch, on: factory, channels: false)
        let byAni = NotificationSettings(email: true, emailFrom: nil, webhookURL: nil, at: Self.monday, by: "ani")
        #expect(storeErrorCode { try store.setNotificationSettings(byAni) } == "not-administrator")
        #expect(storeErrorCode { try store.setStaffEmail("ani", email: "x@example.org", by: "ani", at: Self.monday) } == "not-administrator")
        #expect(storeErrorCode { try store.setStaffEmail("siti", email: "x@example.org", by: "admin", at: Self.monday) } == "unknown-user")
        for bad in ["ani", "ani@", "@example.org", "ani@exa mple.org", "ani@example.org\r\nBcc: x@y.z", "-f@example.org", "a,b@example.org"] {
            #expect(storeErrorCode { try store.setStaffEmail("ani", email: bad, by: "admin", at: Self.monday) } == "invalid-address", "\(bad)")
        }
        for bad in ["ftp://example.org", "example.org/hook", "http://", "http://exa mple.org", "file:///etc/passwd", "http://a\nb"] {
            let settings = NotificationSettings(email: false, emailFrom: nil, webhookURL: bad, at: Self.monday, by: "admin")
            #expect(storeErrorCode { try store.setNotificationSettings(settings) } == "invalid-address", "\(bad)")
        }
        let badFrom = NotificationSettings(email: true, emailFrom: "sop", webhookURL: nil, at: Self.monday, by: "admin")
        #expect(storeErrorCode { try store.setNotificationSettings(badFrom) } == "invalid-address")
        #expect(try store.notificationSettings() == nil)
        #expect(try store.staffEmails() == ["ani": "ani@disdukcapil.example", "citra": "citra@disdukcapil.example"])

        // An address taken away, and a member of staff removed, leave no address in force.
        try store.setStaffEmail("ani", email: nil, by: "admin", at: Self.monday + 60)
        try store.removeStaff("citra", roles: nil, by: "admin", at: Self.monday + 120)
        #expect(try store.staffEmails().isEmpty)
        try store.setStaffEmail("ani", email: "ani.baru@disdukcapil.example", by: "admin", at: Self.monday + 180)
        #expect(try store.staffEmails() == ["ani": "ani.baru@disdukcapil.example"])
    }

    @Test(arguments: StoreFactory.all) func twoRunsNeverTakeTheSameEntry(factory: StoreFactory) throws {
        let scratch = try Scratch()
        let (store, workflow) = try Self.office(scratch, on: factory)
        for _ in 0..<5 { _ = try Self.remind(store, try Self.open(store, workflow), at: Self.monday + 6 * Self.hour) }
        let due = Self.monday + 6 * Self.hour
        #expect(try store.claimDeliveries(at: due - 1, limit: 50, lease: 300).isEmpty, "nothing is due before its time")

        let other = try factory.reopen(scratch)
        let taken = Gathered<Int>()
        DispatchQueue.concurrentPerform(iterations: 4) { index in
            let runner = index.isMultiple(of: 2) ? store : other
            while let batch = try? runner.claimDeliveries(at: due, limit: 2, lease: 300), !batch.isEmpty {
                for claimed in batch { taken.append(claimed.entry.id) }
            }
        }
        #expect(taken.all.count == 10)
        #expect(Set(taken.all).count == 10)
        #expect(try store.claimDeliveries(at: due + 299, limit: 50, lease: 300).isEmpty, "held while the lease lasts")
        // A run that died leaves its entries to the next run once the lease is over.
        let again = try store.claimDeliveries(at: due + 301, limit: 50, lease: 300)
        #expect(again.count == 10)
        let email = try #require(again.first { $0.entry.channel == .email })
        #expect(email.recipients.map(\.user) == ["ani", "budi"])
        #expect(email.recipients.map(\.email) == ["ani@disdukcapil.example", nil])
        #expect(email.settings?.emailFrom == "sop@disdukcapil.example")

        // The run whose claim lapsed reports late: its attempt is kept, the entry stays the
        // second run's; the second run's result counts.
        let stale = try #require(taken.all.first { $0 == email.entry.id })
        try store.finishDelivery(stale, claim: Date(timeIntervalSince1970: 0), at: due + 302, result: .failed(
            recipients: [], detail: "late", retryAt: due + 900))
        #expect(try store.deliveryAttempts(entry: stale).map(\.detail) == ["late"])
        #expect(try store.outbox(status: .pending, limit: 50).first { $0.id == stale }?.attempts == 0)
        #expect(try store.claimDeliveries(at: due + 302, limit: 50, lease: 300).isEmpty, "still the second run's")
        try store.finishDelivery(stale, claim: email.claimedUntil, at: due + 303, result: .failed(
            recipients: [], detail: "HTTP 500", retryAt: due + 900))
        #expect(try store.outbox(status: .pending, limit: 50).first { $0.id == stale }?.attempts == 1)
    }

    @Test(arguments: StoreFactory.all) func everyAttemptIsKept(factory: StoreFactory) throws {
        let scratch = try Scratch()
        let (store, workflow) = try Self.office(scratch, on: factory)
        _ = try Self.remind(store, try Self.open(store, workflow), at: Self.monday + 6 * Self.hour)
        let due = Self.monday + 6 * Self.hour
        let claimed = try store.claimDeliveries(at: due, limit: 50, lease: 300)
        let email = try #require(claimed.first { $0.entry.channel == .email }).entry.id
        let webhook = try #require(claimed.first { $0.entry.channel == .webhook }).entry.id

        // The webhook's entry is given up at once (its last attempt failed).
        try store.finishDelivery(webhook, claim: nil, at: due, result: .failed(recipients: ["http://127.0.0.1:9/hook"], detail: "HTTP 500", retryAt: nil))
        // Postponed to the opening: no attempt counted.
        try store.finishDelivery(email, claim: nil, at: due, result: .postponed(until: due + 15 * Self.hour))
        #expect(try store.deliveryAttempts(entry: email).isEmpty)
        #expect(try store.claimDeliveries(at: due + Self.hour, limit: 50, lease: 300).isEmpty)
        let opening = try store.claimDeliveries(at: due + 15 * Self.hour, limit: 50, lease: 300)
        #expect(opening.map(\.entry.id) == [email])
        #expect(opening.first?.entry.attempts == 0)

        // Failed, retried later; then delivered.
        try store.finishDelivery(email, claim: nil, at: due + 15 * Self.hour, result: .failed(
            recipients: ["ani@disdukcapil.example"], detail: "connection refused", retryAt: due + 16 * Self.hour))
        var entry = try #require(try store.outbox(status: .pending, limit: 50).first { $0.id == email })
        #expect(entry.attempts == 1)
        #expect(entry.lastError == "connection refused")
        #expect(try store.claimDeliveries(at: due + 16 * Self.hour - 1, limit: 50, lease: 300).isEmpty)
        #expect(try store.claimDeliveries(at: due + 16 * Self.hour, limit: 50, lease: 300).map(\.entry.id) == [email])
        try store.finishDelivery(email, claim: nil, at: due + 16 * Self.hour, result: .delivered(recipients: ["ani@disdukcapil.example"], detail: "250 OK"))
        entry = try #require(try store.outbox(status: .sent, limit: 50).first)
        #expect(entry.id == email)
        #expect(entry.attempts == 2)
        #expect(entry.sentAt.map { abs($0.timeIntervalSince(due + 16 * Self.hour)) < 1e-3 } == true)
        #expect(entry.nextAttemptAt == nil)
        let attempts = try store.deliveryAttempts(entry: email)
        #expect(attempts.map(\.number) == [1, 2])
        #expect(attempts.map(\.delivered) == [false, true])
        #expect(attempts.map(\.detail) == ["connection refused", "250 OK"])
        #expect(attempts.last?.recipients == ["ani@disdukcapil.example"])
        // A late report from a run whose lease had lapsed is kept, and changes nothing.
        try store.finishDelivery(email, claim: nil, at: due + 17 * Self.hour, result: .failed(recipients: [], detail: "late", retryAt: nil))
        #expect(try store.outbox(status: .sent, limit: 50).map(\.id) == [email])
        #expect(try store.deliveryAttempts(entry: email).count == 3)

        // Given up, then sent again by an administrator only.
        #expect(try store.outbox(status: .failed, limit: 50).map(\.id) == [webhook])
        #expect(try store.claimDeliveries(at: due + 30 * Self.day, limit: 50, lease: 300).isEmpty)
        #expect(storeErrorCode { _ = try store.retryDelivery(webhook, by: "ani", at: due + Self.day) } == "not-administrator")
        #expect(storeErrorCode { _ = try store.retryDelivery(email, by: "admin", at: due + Self.day) } == "notice-not-failed")
        #expect(storeErrorCode { _ = try store.retryDelivery(999, by: "admin", at: due + Self.day) } == "unknown-notice")
        #expect(storeErrorCode { try store.finishDelivery(999, claim: nil, at: due, result: .postponed(until: due)) } == "unknown-notice")
        let retried = try store.retryDelivery(webhook, by: "admin", at: due + Self.day)
        #expect(retried.status == .pending)
        #expect(retried.attempts == 0, "sent again, it gets the whole backoff once more")
        #expect(try store.deliveryAttempts(entry: webhook).count == 1, "the attempts made are kept")
        #expect(try store.claimDeliveries(at: due + Self.day, limit: 50, lease: 300).map(\.entry.id) == [webhook])
    }

    static var day: TimeInterval { Fixture.day }
}

/// What the SQLite schema itself holds true of notices, whatever writes to the file.
@Suite("SQLite store: notices in the schema") struct NotificationSchemaTests {
    @Test func theOutboxAndItsHistoryAreKeptForGood() throws {
        let scratch = try Scratch()
        let (store, workflow) = try NotificationStoreContractTests.office(scratch, on: .sqlite)
        let opened = try NotificationStoreContractTests.open(store, workflow)
        _ = try NotificationStoreContractTests.remind(store, opened, at: Fixture.monday + 6 * Fixture.hour)
        let sqlite = try SQLiteCaseStore(path: scratch.path())
        let due = Fixture.monday + 6 * Fixture.hour
        let email = try #require(try sqlite.claimDeliveries(at: due, limit: 50, lease: 300).first { $0.entry.channel == .email })
        try sqlite.finishDelivery(email.entry.id, claim: email.claimedUntil, at: due, result: .delivered(recipients: ["ani@disdukcapil.example"], detail: "ok"))

        func refused(_ sql: String) -> String? {
            do {
                try sqlite.database.write { db in try db.execute(sql: sql) }
                return nil
            } catch let error as DatabaseError {
                return error.message
            } catch {
                return "\(error)"
            }
        }
        #expect(refused("DELETE FROM outbox")?.contains("never deleted") == true)
        #expect(refused("UPDATE outbox SET notice = '{}' WHERE channel = 'webhook'")?.contains("never changes") == true)
        #expect(refused("UPDATE outbox SET status = 'pending', next_attempt_at = 0, sent_at = NULL WHERE channel = 'email'")?
            .contains("stays delivered") == true)
        #expect(refused("UPDATE outbox SET status = 'sent' WHERE channel = 'webhook'") != nil, "sent needs its time")
        #expect(refused("UPDATE outbox SET status = 'lost' WHERE channel = 'webhook'") != nil)
        #expect(refused("UPDATE outbox_attempts SET delivered = 0")?.contains("kept for good") == true)
        #expect(refused("DELETE FROM outbox_attempts")?.contains("kept for good") == true)
        #expect(refused("DELETE FROM notification_settings")?.contains("kept for good") == true)
        #expect(refused("UPDATE staff_emails SET email = 'x@y.z'")?.contains("kept for good") == true)
        #expect(refused("INSERT INTO staff_emails (user_name, email, at, by_user) VALUES ('ani', 'x@y.z', 0, 'ani')")?
            .contains("administrator") == true)
        #expect(refused("INSERT INTO notification_settings (at, by_user, email) VALUES (0, 'budi', 1)")?.contains("administrator") == true)
        #expect(refused("INSERT INTO outbox (case_number, sequence, channel, notice, created_at, next_attempt_at) VALUES (1, 99, 'email', '{}', 0, 0)") != nil,
                "a notice belongs to an event")
        #expect(refused("""
            INSERT INTO outbox (case_number, sequence, channel, notice, created_at, next_attempt_at)
            SELECT case_number, sequence, channel, notice, created_at, 0 FROM outbox WHERE channel = 'email'
            """) != nil, "one entry per event and channel")
        #expect(try integer(sqlite, "SELECT COUNT(*) FROM outbox") == 2)
        #expect(try integer(sqlite, "SELECT COUNT(*) FROM outbox_attempts") == 1)
    }
}

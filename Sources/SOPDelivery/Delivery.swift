import Foundation
import SOPCore
import SOPEngine
import SOPModel
import SOPService
import SOPStorage

/// How the outbox is delivered.
public struct DeliveryOptions: Sendable {
    /// The mail transfer agent's `sendmail` program and its first arguments.
    public var sendmail: [String]
    /// The path of `sop-webhook`, which posts a notice to a webhook (installed beside `sop`).
    public var webhookProgram: String
    /// How long a webhook may take to answer.
    public var webhookTimeout: TimeInterval
    /// How long the mail program may take for one message.
    public var sendmailTimeout: TimeInterval
    /// How many attempts an entry gets before it is given up (then listed as failed, for an
    /// administrator to send again).
    public var maximumAttempts: Int
    /// How many entries a run takes at a time.
    public var batch: Int

    /// Creates options; by default the system's `sendmail`, 10 s for a webhook, 12 attempts.
    public init(
        sendmail: [String] = Sendmail.systemDefault, webhookProgram: String, webhookTimeout: TimeInterval = 10,
        sendmailTimeout: TimeInterval = 60,
        maximumAttempts: Int = 12, batch: Int = 10
    ) {
        self.sendmail = sendmail
        self.webhookTimeout = webhookTimeout
        self.sendmailTimeout = sendmailTimeout
        self.webhookProgram = webhookProgram
        self.maximumAttempts = maximumAttempts
        self.batch = batch
    }

    /// How long a run holds the entries it took: long enough for every one of a batch to take
    /// its longest (so that no other run takes one before this run is done with it), and a
    /// minute more; for the defaults, 760 s.
    public var lease: TimeInterval {
        Double(min(max(1, batch), 1000)) * (Sendmail.bounded(sendmailTimeout) + Sendmail.bounded(webhookTimeout)) + 60
    }

    /// The wait after the `attempt`-th failed attempt: 5 minutes, doubled each time, at most 4
    /// hours.
    public static func backoff(after attempt: Int) -> TimeInterval {
        let minutes = 5 * (1 << min(max(attempt - 1, 0), 6))
        return TimeInterval(min(minutes, 240) * 60)
    }
}

/// What one delivery run did.
public struct DeliveryReport: Hashable, Sendable, Codable {
    /// One entry handled.
    public struct Item: Hashable, Sendable, Codable {
        /// The outbox entry.
        public var id: Int
        /// Its channel.
        public var channel: DeliveryChannel
        /// The case's register number.
        public var registerNumber: String
        /// What the notice tells.
        public var kind: Notice.Kind
        /// Whom it went to (addresses or the webhook's address).
        public var recipients: [String]
        /// What the other side said, or why it waits.
        public var detail: String
        /// When it is tried again (failed and pending, or postponed).
        public var retryAt: Date?
    }

    /// Delivered.
    public var delivered: [Item] = []
    /// Failed, to be tried again at `retryAt`, or given up (`retryAt` nil).
    public var failed: [Item] = []
    /// Waiting for office hours.
    public var postponed: [Item] = []
}

/// Delivers the notices of the outbox that are due: by e-mail to the staff who hold the notice's
/// roles (those with an address), and by webhook, only within the office hours of the case's
/// calendar (a notice due at 17:00 on Friday goes at the next opening), each attempt recorded
/// and a failure retried with backoff. Several runs at once never take the same entry; a run
/// killed half way leaves its entries to the next run once their lease is over, so a notice
/// may then be delivered twice, never lost.
public struct Deliverer {
    let service: CaseService
    let options: DeliveryOptions

    /// Creates a deliverer.
    public init(service: CaseService, options: DeliveryOptions) {
        self.service = service
        self.options = options
    }

    /// Delivers what is due at `instant` (whose clock says when office hours are).
    ///
    /// Each batch is held from the time it is taken: `instant` plus the time this run has taken so
    /// far, by the system's clock. A run that has been sending for longer than one lease takes no
    /// more; the next run sends the rest. A result that cannot be recorded (the database busy for
    /// too long) does not stop the others; the first such error is thrown at the end, and that
    /// notice is sent again once its lease is over.
    public func deliver(at instant: Date) throws(ServiceError) -> DeliveryReport {
        var report = DeliveryReport()
        var engines: [String: Engine?] = [:]
        var taken = Set<Int>()
        var unrecorded: (any Error)?
        let started = Date()
        while true {
            let elapsed = max(0, Date().timeIntervalSince(started))
            guard elapsed < options.lease else { break }
            let claimed: [ClaimedDelivery]
            do {
                claimed = try service.store.claimDeliveries(at: instant, limit: options.batch, lease: options.lease + elapsed)
            } catch {
                throw .store(error)
            }
            let fresh = claimed.filter { !taken.contains($0.entry.id) }
            guard !fresh.isEmpty else { break }
            taken.formUnion(fresh.map(\.entry.id))
            for delivery in fresh {
                let notice = delivery.entry.notice
                let hash = notice.workflow.contentHash
                if engines[hash] == nil {
                    engines[hash] = .some(try? service.revision(notice.workflow, of: notice.registerNumber).engine)
                }
                let engine = engines[hash] ?? nil
                let (result, item) = attempt(delivery, engine: engine, at: instant)
                do {
                    try service.store.finishDelivery(delivery.entry.id, claim: delivery.claimedUntil, at: instant, result: result)
                } catch {
                    if unrecorded == nil { unrecorded = error }
                    continue
                }
                switch result {
                case .delivered: report.delivered.append(item)
                case .failed: report.failed.append(item)
                case .postponed: report.postponed.append(item)
                }
            }
        }
        if let unrecorded { throw .store(unrecorded) }
        return report
    }

    /// One attempt at one entry.
    private func attempt(
        _ delivery: ClaimedDelivery, engine: Engine?, at instant: Date
    ) -> (DeliveryResult, DeliveryReport.Item) {
        let entry = delivery.entry
        let notice = entry.notice
        func item(_ recipients: [String], _ detail: String, _ retryAt: Date?) -> DeliveryReport.Item {
            DeliveryReport.Item(
                id: entry.id, channel: entry.channel, registerNumber: notice.registerNumber, kind: notice.kind,
                recipients: recipients, detail: detail, retryAt: retryAt)
        }
        // Office hours of the case's calendar; a revision that cannot be read is no reason to
        // keep a notice back.
        if let time = engine?.workingTime, !time.isWorking(instant) {
            let opening = time.nextWorkingInstant(from: instant)
            return (.postponed(until: opening), item([], "di luar jam kerja; dikirim saat kantor buka", opening))
        }
        let message = NoticeMessage(notice, workflow: engine?.workflow)
        let recipients: [String]
        let outcome: TransportOutcome
        switch entry.channel {
        case .email:
            recipients = delivery.recipients.compactMap(\.email).filter(NotificationSettings.isEmailAddress)
            if delivery.settings?.email != true {
                // Turned off since the notice was queued: it is not sent, and not tried again.
                let detail = "surel pemberitahuan dimatikan (sop notify set --email on)"
                return (.failed(recipients: [], detail: detail, retryAt: nil), item([], detail, nil))
            } else if recipients.isEmpty {
                outcome = TransportOutcome(
                    delivered: false,
                    detail: "tidak ada petugas pemegang peran \(notice.roles.joined(separator: ", ")) yang memiliki alamat surel "
                        + "(sop staff email NAMA ALAMAT)")
            } else {
                let mail = NoticeMail(message, notice: notice, entry: entry.id, from: delivery.settings?.emailFrom, to: recipients, at: instant)
                outcome = Sendmail(command: options.sendmail, timeout: options.sendmailTimeout).send(mail.text, from: mail.from, to: recipients)
            }
        case .webhook:
            guard let url = delivery.settings?.webhookURL, NotificationSettings.isWebhookURL(url) else {
                recipients = []
                outcome = TransportOutcome(delivered: false, detail: "kantor tidak lagi memiliki alamat webhook (sop notify set --webhook URL)")
                break
            }
            recipients = [WebhookProgram.shown(url)]
            let payload = NoticePayload(notice, entry: entry.id, message: message, workflow: engine?.workflow, users: delivery.recipients.map(\.user))
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let body = (try? encoder.encode(payload)) ?? Data("{}".utf8)
            outcome = WebhookProgram(program: options.webhookProgram, timeout: options.webhookTimeout).post(body, to: url)
        }
        if outcome.delivered {
            return (.delivered(recipients: recipients, detail: outcome.detail), item(recipients, outcome.detail, nil))
        }
        let attempts = entry.attempts + 1
        let retryAt = attempts >= options.maximumAttempts ? nil : instant.addingTimeInterval(DeliveryOptions.backoff(after: attempts))
        return (.failed(recipients: recipients, detail: outcome.detail, retryAt: retryAt), item(recipients, outcome.detail, retryAt))
    }
}

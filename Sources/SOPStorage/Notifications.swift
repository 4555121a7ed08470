import Foundation
import SOPEngine
import SOPModel

/// How an office is told what its cases need: by e-mail to the staff concerned, by an HTTP
/// webhook, or both. An administrator sets it; the newest setting is in force.
public struct NotificationSettings: Hashable, Sendable, Codable {
    /// Whether notices go by e-mail to the staff who hold the roles concerned (those with an
    /// address in the registry).
    public var email: Bool
    /// The sender address of the e-mails; nil lets the mail transfer agent choose.
    public var emailFrom: String?
    /// The address every notice is posted to as JSON; nil for none.
    public var webhookURL: String?
    /// When it was set.
    public var at: Date
    /// The administrator who set it.
    public var by: String

    /// Creates a setting.
    public init(email: Bool, emailFrom: String?, webhookURL: String?, at: Date, by: String) {
        self.email = email
        self.emailFrom = emailFrom
        self.webhookURL = webhookURL
        self.at = at
        self.by = by
    }

    /// The channels notices go by.
    public var channels: [DeliveryChannel] {
        (email ? [.email] : []) + (webhookURL == nil ? [] : [.webhook])
    }

    /// Whether `text` is an e-mail address sop accepts: `local@domain`, printable ASCII without
    /// spaces, quotes, angle brackets, commas or a leading hyphen (it is never an option to the
    /// mail transfer agent, and never breaks a header).
    public static func isEmailAddress(_ text: String) -> Bool {
        guard text.utf8.count <= 254, !text.hasPrefix("-") else { return false }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].utf8.count <= 64, parts[1].contains("."),
            !parts[1].hasPrefix("."), !parts[1].hasSuffix("."), !parts[1].contains("..")
        else { return false }
        let local = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.!#$%&'*+/=?^_`{|}~-".utf8)
        let domain = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-".utf8)
        return parts[0].utf8.allSatisfy(local.contains) && parts[1].utf8.allSatisfy(domain.contains)
    }

    /// Whether `text` is a webhook address sop accepts: `http://` or `https://`, a host, no
    /// spaces or control characters, at most 2,000 bytes.
    public static func isWebhookURL(_ text: String) -> Bool {
        guard text.utf8.count <= 2000, text.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }),
            let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = url.host, !host.isEmpty
        else { return false }
        return true
    }
}

/// The way a notice is delivered.
public enum DeliveryChannel: String, Hashable, Sendable, Codable, CaseIterable {
    /// By e-mail, through the system's mail transfer agent (its `sendmail` interface).
    case email
    /// By an HTTP POST of JSON to the office's webhook.
    case webhook
}

/// What a notice tells: written into the outbox in the same transaction as the event that caused
/// it, from the case as that event left it. It names the case, its SOP, the step and the times,
/// and the roles whose holders it goes to; never a reporter's personal data.
public struct Notice: Hashable, Sendable, Codable {
    /// What happened.
    public enum Kind: String, Hashable, Sendable, Codable {
        /// The step is at risk: 75% of its working time is used.
        case atRisk = "at-risk"
        /// The step is overdue.
        case overdue
        /// The step, or the whole case, was escalated (by the sweep or by hand) to `to`.
        case escalated
    }

    /// What happened.
    public var kind: Kind
    /// The case's number.
    public var caseNumber: Int
    /// The event that caused the notice.
    public var sequence: Int
    /// The case's register number.
    public var registerNumber: String
    /// The workflow revision the case runs on.
    public var workflow: WorkflowReference
    /// The step concerned; nil for an escalation of the whole case.
    public var step: String?
    /// When the step is due, if the case stands on one.
    public var stepDueAt: Date?
    /// When the whole case is due.
    public var caseDueAt: Date
    /// For an escalation: the actor it went to, its level (nil by hand), and whether it was
    /// early (by hand, before the step was due).
    public var to: String?
    /// The level of a scheduled escalation.
    public var level: Int?
    /// Whether a member of staff escalated before the step was due.
    public var early: Bool?
    /// The roles whose holders the notice goes to.
    public var roles: [String]
    /// When the event happened.
    public var at: Date

    /// Creates a notice.
    public init(
        kind: Kind, caseNumber: Int, sequence: Int, registerNumber: String, workflow: WorkflowReference, step: String?,
        stepDueAt: Date?, caseDueAt: Date, to: String? = nil, level: Int? = nil, early: Bool? = nil, roles: [String], at: Date
    ) {
        self.kind = kind
        self.caseNumber = caseNumber
        self.sequence = sequence
        self.registerNumber = registerNumber
        self.workflow = workflow
        self.step = step
        self.stepDueAt = stepDueAt
        self.caseDueAt = caseDueAt
        self.to = to
        self.level = level
        self.early = early
        self.roles = roles
        self.at = at
    }

    /// The notice an event causes, from the case as the event left it; nil for an event that
    /// tells no one anything.
    public init?(_ event: CaseEvent, state: CaseState) {
        let active = state.active
        func make(_ kind: Kind, step: StepID?, to: ActorID?, level: Int?, early: Bool?, roles: [ActorID]) -> Notice {
            Notice(
                kind: kind, caseNumber: state.number, sequence: event.sequence, registerNumber: state.registerNumber,
                workflow: state.workflow, step: step?.rawValue, stepDueAt: active?.dueAt, caseDueAt: state.dueAt,
                to: to?.rawValue, level: level, early: early, roles: Array(Set(roles.map(\.rawValue))).sorted(), at: event.at)
        }
        switch event.kind {
        case .reminded(let step, let reminder, _):
            let roles = (active?.actingRoles ?? []) + (state.caseEscalatedTo.map { [$0] } ?? [])
            self = make(reminder == .atRisk ? .atRisk : .overdue, step: step, to: nil, level: nil, early: nil, roles: roles)
        case .escalatedBySchedule(let step, let level, let to, _):
            self = make(.escalated, step: step, to: to, level: level, early: nil, roles: [to])
        case .escalated(let step, let to, _, let early):
            self = make(.escalated, step: step, to: to, level: nil, early: early, roles: [to])
        default:
            return nil
        }
    }
}

extension Notice {
    /// The notices of one write worth sending: an at-risk reminder of a step that the same write
    /// reports overdue (a sweep that ran late) tells nothing the overdue one does not.
    public static func worthSending(_ notices: [Notice]) -> [Notice] {
        notices.filter { notice in
            notice.kind != .atRisk || !notices.contains { other in
                other.kind == .overdue && other.caseNumber == notice.caseNumber && other.step == notice.step
                    && other.sequence > notice.sequence
            }
        }
    }
}

/// One notice on its way by one channel, as the outbox holds it.
public struct OutboxEntry: Hashable, Sendable, Codable {
    /// Where it stands.
    public enum Status: String, Hashable, Sendable, Codable, CaseIterable {
        /// Still to be delivered (at `nextAttemptAt`, within office hours).
        case pending
        /// Delivered.
        case sent
        /// Given up after the last attempt allowed; an administrator may try again.
        case failed
    }

    /// Its number in the outbox.
    public var id: Int
    /// The channel.
    public var channel: DeliveryChannel
    /// What it tells.
    public var notice: Notice
    /// Where it stands.
    public var status: Status
    /// How many attempts were made.
    public var attempts: Int
    /// When the next attempt is due (pending only).
    public var nextAttemptAt: Date?
    /// When it was delivered.
    public var sentAt: Date?
    /// Why the last attempt failed, if it did.
    public var lastError: String?

    /// Creates an entry.
    public init(
        id: Int, channel: DeliveryChannel, notice: Notice, status: Status, attempts: Int, nextAttemptAt: Date?, sentAt: Date?,
        lastError: String?
    ) {
        self.id = id
        self.channel = channel
        self.notice = notice
        self.status = status
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.sentAt = sentAt
        self.lastError = lastError
    }
}

/// One attempt to deliver an outbox entry, kept for good.
public struct DeliveryAttempt: Hashable, Sendable, Codable {
    /// The entry.
    public var entry: Int
    /// The attempt's number for the entry, from 1.
    public var number: Int
    /// When it was made.
    public var at: Date
    /// Whether it was delivered.
    public var delivered: Bool
    /// Whom it went to: e-mail addresses, or the webhook's address.
    public var recipients: [String]
    /// What the other side said (the MTA's message, the HTTP status), or why nothing was tried.
    public var detail: String

    /// Creates an attempt.
    public init(entry: Int, number: Int, at: Date, delivered: Bool, recipients: [String], detail: String) {
        self.entry = entry
        self.number = number
        self.at = at
        self.delivered = delivered
        self.recipients = recipients
        self.detail = detail
    }
}

/// An outbox entry taken by one delivery run: no other run takes it until `leasedUntil`.
public struct ClaimedDelivery: Hashable, Sendable {
    /// The entry.
    public var entry: OutboxEntry
    /// The staff who hold the notice's roles now, with their e-mail address (nil: none given).
    public var recipients: [(user: String, email: String?)] {
        get { recipientList.map { ($0.user, $0.email) } }
        set { recipientList = newValue.map { Recipient(user: $0.user, email: $0.email) } }
    }
    /// The office's settings in force.
    public var settings: NotificationSettings?
    /// Until when this run holds it: the claim `finishDelivery` names, so that a run whose claim
    /// ran out (and another run took the entry) changes nothing but the record of its attempt.
    public var claimedUntil: Date

    struct Recipient: Hashable, Sendable {
        var user: String
        var email: String?
    }
    private var recipientList: [Recipient]

    /// Creates a claimed delivery.
    public init(entry: OutboxEntry, recipients: [(user: String, email: String?)], settings: NotificationSettings?, claimedUntil: Date) {
        self.entry = entry
        self.claimedUntil = claimedUntil
        self.recipientList = recipients.map { Recipient(user: $0.user, email: $0.email) }
        self.settings = settings
    }
}

/// What one delivery attempt came to.
public enum DeliveryResult: Hashable, Sendable {
    /// Delivered.
    case delivered(recipients: [String], detail: String)
    /// Not delivered; tried again at `retryAt`, or given up when nil.
    case failed(recipients: [String], detail: String, retryAt: Date?)
    /// Not tried: outside office hours, or waiting for something; tried at `until`, no attempt counted.
    case postponed(until: Date)
}

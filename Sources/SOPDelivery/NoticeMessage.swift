import Foundation
import SOPCore
import SOPEngine
import SOPModel
import SOPService
import SOPStorage

/// A notice as its recipients read it: a subject and a text in Bahasa Indonesia (the language
/// staff read), naming the register number, the SOP's number and title, the step and the due
/// times, and nothing of the reporter.
public struct NoticeMessage: Hashable, Sendable {
    /// The subject of an e-mail.
    public var subject: String
    /// The text.
    public var body: String

    /// The message of a notice, with the names its workflow revision gives (nil when the revision
    /// cannot be read: the ids stand in for the names).
    public init(_ notice: Notice, workflow: Workflow?) {
        let register = Self.plain(notice.registerNumber)
        let stepName = notice.step.map { id in
            Self.plain(workflow?.steps.first { $0.id.value.rawValue == id }.map { "\($0.activity) (\(id))" } ?? id)
        }
        let toName = notice.to.map { id in Self.plain(workflow?.actor(ActorID(id)).map { "\($0.name) (\(id))" } ?? id) }
        let sop = workflow.map { workflow in
            Self.plain((workflow.document.number.map { "SOP \($0) — " } ?? "SOP ") + workflow.title)
        } ?? Self.plain("SOP \(notice.workflow.id)")
        switch notice.kind {
        case .atRisk:
            subject = "Pengingat: pengaduan \(register) mendekati batas waktu"
        case .overdue:
            subject = "Pengingat: pengaduan \(register) melewati batas waktu"
        case .escalated:
            subject = "Eskalasi: pengaduan \(register) dieskalasi ke \(toName ?? "-")"
        }
        var lines: [String] = []
        switch notice.kind {
        case .atRisk:
            lines.append("Langkah pengaduan \(register) mendekati batas waktunya: 75% waktu kerjanya sudah terpakai.")
        case .overdue:
            lines.append("Langkah pengaduan \(register) sudah melewati batas waktunya.")
        case .escalated:
            if notice.step == nil {
                lines.append("Seluruh pengaduan \(register) dieskalasi ke \(toName ?? "-"): waktu penyelesaiannya habis.")
            } else if let level = notice.level {
                lines.append("Pengaduan \(register) dieskalasi otomatis ke \(toName ?? "-") (tingkat \(level)).")
            } else if notice.early == true {
                lines.append("Pengaduan \(register) dieskalasi oleh petugas ke \(toName ?? "-") sebelum batas waktunya.")
            } else {
                lines.append("Pengaduan \(register) dieskalasi oleh petugas ke \(toName ?? "-").")
            }
        }
        lines.append("")
        lines.append("SOP: \(sop) (revisi \(notice.workflow.revision))")
        if let stepName { lines.append("Langkah: \(stepName)") }
        if let due = notice.stepDueAt { lines.append("Batas waktu langkah: \(TimeText.date(due, in: .id)) WIB") }
        lines.append("Batas waktu pengaduan: \(TimeText.date(notice.caseDueAt, in: .id)) WIB")
        lines.append("")
        lines.append("Lihat pengaduan: sop case show \(register)")
        lines.append("")
        lines.append("Pesan ini dikirim otomatis oleh sop; mohon tidak dibalas.")
        body = lines.joined(separator: "\n") + "\n"
    }

    /// Text from the database as a line of a message: control characters (line breaks among
    /// them) become spaces, so no value starts a header or a line of its own.
    static func plain(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}" ? " " : scalar
        }))
    }
}

/// The e-mail of a notice, as the mail transfer agent takes it on its standard input (RFC 5322,
/// the text in UTF-8 in base64, the subject as an RFC 2047 encoded word).
public struct NoticeMail: Hashable, Sendable {
    /// The envelope's and the header's sender; nil lets the mail transfer agent choose.
    public var from: String?
    /// The recipients' addresses.
    public var to: [String]
    /// The whole message.
    public var text: String

    /// The e-mail of a message, for the outbox entry `entry`.
    public init(_ message: NoticeMessage, notice: Notice, entry: Int, from: String?, to: [String], at instant: Date) {
        self.from = from
        self.to = to
        var headers: [String] = []
        if let from { headers.append("From: \(from)") }
        headers.append("To: \(to.joined(separator: ", "))")
        headers.append("Subject: \(Self.encodedWord(message.subject))")
        headers.append("Date: \(Self.date(instant))")
        headers.append("Message-ID: <sop.\(entry).\(notice.caseNumber).\(notice.sequence)@sop.invalid>")
        headers.append("MIME-Version: 1.0")
        headers.append("Content-Type: text/plain; charset=UTF-8")
        headers.append("Content-Transfer-Encoding: base64")
        headers.append("Auto-Submitted: auto-generated")
        let encoded = Data(message.body.utf8).base64EncodedString()
        var body: [String] = []
        var rest = Substring(encoded)
        while !rest.isEmpty {
            body.append(String(rest.prefix(76)))
            rest = rest.dropFirst(76)
        }
        text = (headers + [""] + body).joined(separator: "\r\n") + "\r\n"
    }

    /// `=?UTF-8?B?…?=` words of at most 75 characters, whole characters each, folded onto lines.
    static func encodedWord(_ text: String) -> String {
        guard !text.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F }) || text.utf8.count > 60 else {
            return text
        }
        var words: [String] = []
        var chunk = ""
        for character in text {
            if (chunk + String(character)).utf8.count > 45 {
                words.append("=?UTF-8?B?\(Data(chunk.utf8).base64EncodedString())?=")
                chunk = ""
            }
            chunk.append(character)
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?\(Data(chunk.utf8).base64EncodedString())?=") }
        return words.joined(separator: "\r\n ")
    }

    /// An RFC 5322 date in UTC: `Mon, 07 Dec 2026 02:00:00 +0000`.
    static func date(_ instant: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: instant)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int?) -> String { (value ?? 0) < 10 ? "0\(value ?? 0)" : "\(value ?? 0)" }
        return "\(days[((parts.weekday ?? 1) - 1) % 7]), \(two(parts.day)) \(months[((parts.month ?? 1) - 1) % 12]) \(parts.year ?? 1970) "
            + "\(two(parts.hour)):\(two(parts.minute)):\(two(parts.second)) +0000"
    }
}

/// The JSON a webhook receives for a notice: the notice's facts, the message, and the user
/// names of the staff it concerns (never their addresses, never a reporter's data).
public struct NoticePayload: Codable, Hashable, Sendable {
    /// `at-risk`, `overdue` or `escalated`.
    public var kind: String
    /// The outbox entry, unique per notice and channel: a receiver that sees it twice saw a
    /// repeat.
    public var id: Int
    /// The case's register number.
    public var registerNumber: String
    /// The workflow id, revision and SOP number.
    public var workflow: String
    /// The revision.
    public var revision: Int
    /// The signed SOP's number, if the revision gives one.
    public var sopNumber: String?
    /// The step concerned.
    public var step: String?
    /// The step's due time (RFC 3339).
    public var stepDueAt: String?
    /// The case's due time (RFC 3339).
    public var caseDueAt: String
    /// The actor escalated to.
    public var to: String?
    /// The level of a scheduled escalation.
    public var level: Int?
    /// The roles concerned.
    public var roles: [String]
    /// The staff who hold them now.
    public var users: [String]
    /// When the event happened (RFC 3339).
    public var at: String
    /// The message's subject and text.
    public var subject: String
    /// The message's text.
    public var text: String

    /// The payload of an entry.
    public init(_ notice: Notice, entry: Int, message: NoticeMessage, workflow: Workflow?, users: [String]) {
        let time = ISO8601DateFormatter()
        kind = notice.kind.rawValue
        id = entry
        registerNumber = notice.registerNumber
        self.workflow = notice.workflow.id.rawValue
        revision = notice.workflow.revision
        sopNumber = workflow?.document.number
        step = notice.step
        stepDueAt = notice.stepDueAt.map(time.string(from:))
        caseDueAt = time.string(from: notice.caseDueAt)
        to = notice.to
        level = notice.level
        roles = notice.roles
        self.users = users
        at = time.string(from: notice.at)
        subject = message.subject
        text = message.body
    }
}

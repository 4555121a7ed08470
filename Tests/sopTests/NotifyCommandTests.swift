import Foundation
import SOPTestSupport
import Testing

/// Reminders and escalation notices through the binary, delivered by a real mail transfer agent
/// (msmtp) to a real SMTP server (aiosmtpd) and by HTTP to a webhook receiver, both on the
/// loopback address. Step 2 of 067/12351 (front office, 15 menit) is at risk after 11 min 15 s of
/// working time and overdue after 15.
@Suite("sop tick and sop notify (end to end): notices delivered, retried, within office hours")
struct NotifyCommandTests {
    /// An office whose front office (siti) has an address, with notices by e-mail and, when
    /// given, by webhook; a case opened at `opened` and on step 2 from `started`.
    static func office(
        webhook: String? = nil, opened: String = "2026-11-30T09:00:00+07:00", started: String = "2026-11-30T09:05:00+07:00"
    ) throws -> (Office, Int) {
        let office = try Office()
        for arguments in [
            ["staff", "email", "siti", "siti@disdukcapil.example"],
            ["notify", "set", "--email", "on", "--from", "sop@disdukcapil.example"] + (webhook.map { ["--webhook", $0] } ?? []),
        ] {
            let result = try office.run(arguments, as: "admin")
            guard result.status == 0 else { throw SOPBinaryError(description: "\(arguments): \(result.output)") }
        }
        let opening = try office.json(
            ["case", "open", "pengaduan-langsung"] + inPerson.sorted { $0.key < $1.key }.flatMap { ["--field", "\($0.key)=\($0.value)"] },
            as: "siti", at: opened)
        let number = try #require(opening["number"] as? Int)
        _ = try office.step(number, attach: ["formulir-pengaduan"], as: "siti", at: started)
        return (office, number)
    }

    static func tick(_ office: Office, at time: String, sendmail: [String], extra: [String] = []) throws -> [String: Any] {
        try office.json(["tick", "--sendmail", sendmail.joined(separator: " ")] + extra, as: "siti", at: time)
    }

    static func outbox(_ office: Office) throws -> [[String: Any]] {
        let result = try office.run(["notify", "outbox", "--format", "json"], as: "admin")
        guard result.status == 0 else { throw SOPBinaryError(description: result.output) }
        return try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [[String: Any]])
    }

    static func delivered(_ tick: [String: Any]) -> [[String: Any]] {
        ((tick["deliveries"] as? [String: Any])?["delivered"] as? [[String: Any]]) ?? []
    }

    static func failed(_ tick: [String: Any]) -> [[String: Any]] {
        ((tick["deliveries"] as? [String: Any])?["failed"] as? [[String: Any]]) ?? []
    }

    @Test("an at-risk reminder reaches the front office by e-mail and the webhook, once; it names the case, the SOP, the step and the due time, not the reporter")
    func delivered() throws {
        let smtp = try LoopbackSMTPServer()
        let receiver = try LoopbackWebhookReceiver()
        let (office, number) = try Self.office(webhook: receiver.url("/ok"))
        let sendmail = try msmtpCommand(for: smtp, from: "sop@disdukcapil.example")

        let early = try Self.tick(office, at: "2026-11-30T09:15:00+07:00", sendmail: sendmail)
        #expect((early["reminders"] as? [Any])?.isEmpty == true, "\(early)")
        #expect(Self.delivered(early).isEmpty)

        let tick = try Self.tick(office, at: "2026-11-30T09:17:00+07:00", sendmail: sendmail)
        let reminders = try #require(tick["reminders"] as? [[String: Any]])
        #expect(reminders.map { $0["reminder"] as? String } == ["at-risk"], "\(tick)")
        #expect(Self.delivered(tick).count == 2, "\(tick)")

        let mail = try #require(try smtp.waitForMessages(count: 1).first)
        #expect(mail.to == ["siti@disdukcapil.example"])
        #expect(mail.from == "sop@disdukcapil.example")
        let register = "067/PGD/2026/000001"
        #expect(mail.subject == "Pengingat: pengaduan \(register) mendekati batas waktu", "\(mail.subject ?? "")")
        #expect(mail.header("Auto-Submitted") == "auto-generated")
        for expected in ["067/12351", "Memeriksa dan menyelia kelengkapan", "Batas waktu langkah: Sen 30 Nov 2026 09:20 WIB",
                         "sop case show \(register)"] {
            #expect(mail.body.contains(expected), "\(expected) in \(mail.body)")
        }
        for personal in inPerson.values { #expect(!mail.data.contains(personal) && !mail.body.contains(personal), "\(personal)") }

        let request = try #require(try receiver.waitForRequests(count: 1).first)
        #expect(request.method == "POST")
        #expect(request.path == "/ok")
        let payload = try #require(try JSONSerialization.jsonObject(with: Data(request.body.utf8)) as? [String: Any])
        #expect(payload["kind"] as? String == "at-risk", "\(payload)")
        #expect(payload["registerNumber"] as? String == register)
        #expect(payload["sopNumber"] as? String == "067/12351", "\(payload)")
        #expect(payload["step"] as? String == "periksa-kelengkapan")
        #expect(payload["users"] as? [String] == ["siti"])
        for personal in inPerson.values { #expect(!request.body.contains(personal), "\(personal)") }

        // Again at the same time, and later: nothing more is sent for this reminder.
        _ = try Self.tick(office, at: "2026-11-30T09:17:00+07:00", sendmail: sendmail)
        _ = try Self.tick(office, at: "2026-11-30T09:18:00+07:00", sendmail: sendmail)
        #expect(try smtp.messages().count == 1)
        #expect(try receiver.requests().count == 1)
        let entries = try Self.outbox(office)
        #expect(entries.count == 2)
        #expect(entries.allSatisfy { $0["status"] as? String == "sent" && ($0["attempts"] as? [Any])?.count == 1 }, "\(entries)")

        // The overdue reminder follows when the step runs out.
        let overdue = try Self.tick(office, at: "2026-11-30T09:21:00+07:00", sendmail: sendmail)
        #expect((overdue["reminders"] as? [[String: Any]])?.map { $0["reminder"] as? String } == ["overdue"], "\(overdue)")
        let second = try smtp.waitForMessages(count: 2)
        #expect(second.last?.subject == "Pengingat: pengaduan \(register) melewati batas waktu")
        // The history says so, and verify still passes.
        let history = try office.run(["case", "history", String(number)])
        #expect(history.standardOutput.contains("pengingat"), "\(history.output)")
        #expect(try office.run(["verify"]).status == 0)
    }

    @Test("the mail server refusing: every attempt recorded with why, retried with backoff, delivered once it is back; nothing lost")
    func retried() throws {
        let down = try LoopbackSMTPServer(mode: .refuse)
        let (office, _) = try Self.office()
        let refused = try Self.tick(office, at: "2026-11-30T09:17:00+07:00", sendmail: try msmtpCommand(for: down, from: "sop@disdukcapil.example"))
        let failure = try #require(Self.failed(refused).first, "\(refused)")
        #expect((failure["detail"] as? String)?.contains("451") == true, "\(failure)")
        #expect(failure["retryAt"] as? String == "2026-11-30T02:22:00Z", "\(failure)")
        var entry = try #require(try Self.outbox(office).first)
        #expect(entry["status"] as? String == "pending")
        #expect((entry["lastError"] as? String)?.contains("451") == true)

        // Before its time nothing is tried; a mail program that is not there is a failure like any other.
        let before = try Self.tick(office, at: "2026-11-30T09:21:30+07:00", sendmail: ["/nonexistent/sendmail"])
        let overdueFailure = try #require(Self.failed(before).first, "\(before)")
        #expect((overdueFailure["detail"] as? String)?.contains("/nonexistent/sendmail") == true, "\(overdueFailure)")
        #expect(Self.failed(before).count == 1, "only the overdue notice was due: \(before)")

        let up = try LoopbackSMTPServer()
        let back = try Self.tick(office, at: "2026-11-30T09:30:00+07:00", sendmail: try msmtpCommand(for: up, from: "sop@disdukcapil.example"))
        #expect(Self.delivered(back).count == 2, "\(back)")
        #expect(try up.waitForMessages(count: 2).count == 2)
        entry = try #require(try Self.outbox(office).last)
        #expect(entry["status"] as? String == "sent")
        let attempts = try #require(entry["attempts"] as? [[String: Any]])
        #expect(attempts.map { $0["delivered"] as? Bool } == [false, true], "\(entry)")

        // The text listing tells the administrator the same.
        let listed = try office.run(["notify", "outbox"], as: "admin")
        #expect(listed.standardOutput.contains("terkirim"), "\(listed.output)")
        #expect(listed.standardOutput.contains("451"), "\(listed.output)")
    }

    @Test("a notice due when the office is closed waits for the next opening: Friday 17:00 goes out on Monday at 07:30")
    func officeHours() throws {
        let smtp = try LoopbackSMTPServer()
        // Step 2 from Friday 4 December 10:40: at risk at 10:51, overdue at 10:55; the office closes at 11:00.
        let (office, _) = try Self.office(opened: "2026-12-04T10:30:00+07:00", started: "2026-12-04T10:40:00+07:00")
        let sendmail = try msmtpCommand(for: smtp, from: "sop@disdukcapil.example")
        let friday = try Self.tick(office, at: "2026-12-04T17:00:00+07:00", sendmail: sendmail)
        // The sweep ran late: both reminders are recorded, the overdue one alone is worth sending.
        #expect((friday["reminders"] as? [[String: Any]])?.count == 2, "\(friday)")
        let postponed = try #require((friday["deliveries"] as? [String: Any])?["postponed"] as? [[String: Any]])
        #expect(postponed.count == 1, "\(friday)")
        #expect(postponed.first?["retryAt"] as? String == "2026-12-07T00:30:00Z", "\(postponed)")
        #expect(try smtp.messages().isEmpty)
        _ = try Self.tick(office, at: "2026-12-05T10:00:00+07:00", sendmail: sendmail)
        _ = try Self.tick(office, at: "2026-12-07T07:29:00+07:00", sendmail: sendmail)
        #expect(try smtp.messages().isEmpty)
        let monday = try Self.tick(office, at: "2026-12-07T07:30:00+07:00", sendmail: sendmail)
        #expect(Self.delivered(monday).count == 1, "\(monday)")
        #expect(try smtp.waitForMessages(count: 1).first?.subject?.contains("melewati batas waktu") == true)
        // Postponing is no attempt.
        let attempts = try #require(try Self.outbox(office).first?["attempts"] as? [Any])
        #expect(attempts.count == 1)
    }

    @Test("a webhook answering 500, or not at all, is a recorded failure within the timeout; the sweep is not held up")
    func webhookFailures() throws {
        let receiver = try LoopbackWebhookReceiver()
        let (office, _) = try Self.office(webhook: receiver.url("/fail"))
        let smtp = try LoopbackSMTPServer()
        let sendmail = try msmtpCommand(for: smtp, from: "sop@disdukcapil.example")
        let failing = try Self.tick(office, at: "2026-11-30T09:17:00+07:00", sendmail: sendmail)
        #expect(Self.delivered(failing).count == 1, "the e-mail goes all the same: \(failing)")
        #expect((Self.failed(failing).first?["detail"] as? String)?.hasPrefix("HTTP 500") == true, "\(failing)")

        let hanging = try office.run(["notify", "set", "--webhook", receiver.url("/hang")], as: "admin")
        #expect(hanging.status == 0, "\(hanging.output)")
        let waited = try Self.tick(office, at: "2026-11-30T09:23:00+07:00", sendmail: sendmail, extra: ["--webhook-timeout", "2"])
        let details = Self.failed(waited).compactMap { $0["detail"] as? String }
        #expect(details.count == 2, "the retry of the first (due 09:22) and the overdue one: \(waited)")
        #expect(details.allSatisfy { $0.contains("2 s") }, "\(details)")
        // The webhook's path (often a secret token) is never recorded or printed.
        let recipients = Self.failed(waited).flatMap { $0["recipients"] as? [String] ?? [] }
        #expect(recipients.allSatisfy { $0 == "http://127.0.0.1:\(receiver.port)/…" }, "\(recipients)")
        #expect(!details.contains { $0.contains("/hang") }, "\(details)")
        #expect(try receiver.requests().map(\.path).sorted() == ["/fail", "/hang", "/hang"])
    }

    @Test("four sweeps at once: each notice delivered exactly once")
    func concurrent() throws {
        let smtp = try LoopbackSMTPServer()
        let receiver = try LoopbackWebhookReceiver()
        let (office, _) = try Self.office(webhook: receiver.url("/ok"))
        let sendmail = try msmtpCommand(for: smtp, from: "sop@disdukcapil.example")
        let processes = try office.atOnce(4, ["tick", "--sendmail", sendmail.joined(separator: " ")], as: "siti", at: "2026-11-30T09:17:00+07:00")
        #expect(processes.allSatisfy { $0 == 0 })
        #expect(try smtp.waitForMessages(count: 1).count == 1)
        #expect(try receiver.waitForRequests(count: 1).count == 1)
        Thread.sleep(forTimeInterval: 0.5)
        #expect(try smtp.messages().count == 1)
        #expect(try receiver.requests().count == 1)
    }

    @Test("only an administrator sets notices, reads the outbox or sends again; bad addresses are refused with nothing written")
    func refusals() throws {
        let (office, _) = try Self.office()
        for arguments in [
            ["notify", "set", "--email", "off"], ["notify", "show"], ["notify", "outbox"], ["notify", "retry", "1"],
            ["staff", "email", "siti", "x@example.org"],
        ] {
            let refused = try office.run(arguments, as: "siti")
            #expect(refused.status == 1, "\(arguments): \(refused.output)")
            #expect(refused.standardError.contains("administrator"), "\(arguments): \(refused.output)")
        }
        for (arguments, expected) in [
            (["notify", "set", "--webhook", "file:///etc/passwd"], "webhook"),
            (["notify", "set", "--from", "sop"], "surel"),
            (["staff", "email", "siti", "siti@example.org\nBcc: x@example.org"], "surel"),
            (["staff", "email", "tamu", "tamu@example.org"], "tamu"),
            (["notify", "retry", "999"], "999"),
        ] {
            let refused = try office.run(arguments, as: "admin")
            #expect(refused.status == 1, "\(arguments): \(refused.output)")
            #expect(refused.standardError.contains(expected), "\(arguments): \(refused.output)")
        }
        #expect(try office.run(["notify", "set"], as: "admin").status == 1)
        #expect(try office.run(["staff", "email", "siti"], as: "admin").status == 2)
        #expect(try office.run(["tick", "--sendmail", "msmtp"], as: "siti").status == 2)
        let shown = try office.json(["notify", "show"], as: "admin")
        let settings = try #require(shown["settings"] as? [String: Any])
        #expect(settings["email"] as? Bool == true)
        #expect(settings["emailFrom"] as? String == "sop@disdukcapil.example")
        #expect(settings["webhookURL"] == nil)
        #expect(shown["emails"] as? [String: String] == ["siti": "siti@disdukcapil.example"])
        // Taking an address away, and a tick that delivers nothing: the notice waits, undelivered.
        #expect(try office.run(["staff", "email", "siti", "--remove"], as: "admin").status == 0)
        let tick = try office.json(["tick", "--no-deliver"], as: "siti", at: "2026-11-30T09:17:00+07:00")
        #expect(tick["deliveries"] is NSNull, "\(tick)")
        #expect(try Self.outbox(office).first?["status"] as? String == "pending")
        let noAddress = try Self.tick(office, at: "2026-11-30T09:17:00+07:00", sendmail: ["/bin/true"])
        #expect((Self.failed(noAddress).first?["detail"] as? String)?.contains("sop staff email") == true, "\(noAddress)")
        // E-mail turned off since: a notice still queued is not sent, and not tried again.
        let smtp = try LoopbackSMTPServer()
        #expect(try office.run(["staff", "email", "siti", "siti@disdukcapil.example"], as: "admin").status == 0)
        #expect(try office.run(["notify", "set", "--email", "off"], as: "admin").status == 0)
        let off = try Self.tick(office, at: "2026-11-30T09:40:00+07:00", sendmail: try msmtpCommand(for: smtp, from: "sop@disdukcapil.example"))
        let stopped = try #require(Self.failed(off).first, "\(off)")
        #expect((stopped["detail"] as? String)?.contains("dimatikan") == true, "\(stopped)")
        #expect(stopped["retryAt"] == nil, "\(stopped)")
        #expect(try smtp.messages().isEmpty)
    }
}

/// The README's notices block, run as written on an office whose front office has a step at risk,
/// with msmtp reading the relay from the account's `~/.msmtprc` (here the loopback SMTP server).
@Suite("README: the notices block runs as written")
struct ReadmeNoticesTests {
    /// The README's `sop` lines between the notices markers, as arguments (no quotes in them).
    static func readmeLines() throws -> [[String]] {
        let readme = try String(contentsOf: SOPBinary.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        guard let start = readme.range(of: "<!-- notices -->"), let end = readme.range(of: "<!-- /notices -->") else {
            throw SOPBinaryError(description: "README.md has no notices block")
        }
        return readme[start.upperBound..<end.lowerBound].split(separator: "\n").compactMap { line in
            let words = (line.split(separator: "#", maxSplits: 1).first ?? "").split(separator: " ").map(String.init)
            return words.first == "sop" ? Array(words.dropFirst()) : nil
        }
    }

    @Test("address, channel, show, tick, outbox: the reminder arrives and the outbox says so")
    func readmeNotices() throws {
        let smtp = try LoopbackSMTPServer()
        let office = try Office()
        let opened = try office.json(
            ["case", "open", "pengaduan-langsung"] + inPerson.sorted { $0.key < $1.key }.flatMap { ["--field", "\($0.key)=\($0.value)"] },
            as: "siti", at: "2026-11-30T09:00:00+07:00")
        let number = try #require(opened["number"] as? Int)
        _ = try office.step(number, attach: ["formulir-pengaduan"], as: "siti", at: "2026-11-30T09:05:00+07:00")
        // The account's own msmtp configuration, as an office writes /etc/msmtprc.
        let home = try TemporaryFolder()
        let configuration = try String(contentsOfFile: try msmtpCommand(for: smtp, from: "sop@disdukcapil.example")[2], encoding: .utf8)
        let file = home.path + "/.msmtprc"
        #expect(FileManager.default.createFile(atPath: file, contents: Data(configuration.utf8), attributes: [.posixPermissions: 0o600]))

        let lines = try Self.readmeLines()
        #expect(lines.count == 5)
        var outputs: [String] = []
        for arguments in lines {
            let result = try SOPBinary.run(arguments, environment: [
                "SOP_DB": office.database, "SOP_USER": "admin", "SOP_NOW": "2026-11-30T09:17:00+07:00", "HOME": home.path,
            ])
            #expect(result.status == 0, "sop \(arguments.joined(separator: " ")): \(result.output)")
            outputs.append(result.standardOutput)
        }
        #expect(outputs[2].contains("siti: siti@disdukcapil.example"), "\(outputs[2])")
        #expect(outputs[3].contains("1 pengingat"), "\(outputs[3])")
        #expect(outputs[3].contains("1 terkirim"), "\(outputs[3])")
        #expect(outputs[4].contains("terkirim surel 067/PGD/2026/000001 mendekati batas waktu"), "\(outputs[4])")
        let mail = try #require(try smtp.waitForMessages(count: 1).first)
        #expect(mail.to == ["siti@disdukcapil.example"])
    }
}

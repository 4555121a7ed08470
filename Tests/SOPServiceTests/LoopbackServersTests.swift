import Foundation
import SOPTestSupport
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The tests' loopback servers themselves: a message sent through msmtp, as the system's
/// `sendmail`, arrives at the local SMTP server with its envelope, subject and body; a refusing
/// server makes msmtp fail; the webhook receiver records requests and answers by path.
@Suite struct LoopbackServersTests {
    /// What a command did: its exit status and what it wrote on standard error.
    struct Outcome {
        var status: Int32
        var errors: String
    }

    /// Runs a sendmail-compatible command with the recipients after `-i --` and the message on stdin.
    static func sendmail(_ command: [String], to recipients: [String], message: String) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst()) + ["-i", "--"] + recipients
        let input = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        try input.fileHandleForWriting.write(contentsOf: Data(message.utf8))
        try input.fileHandleForWriting.close()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, errors: text)
    }

    /// A reminder as the service would send it: a UTF-8 subject as an RFC 2047 encoded word, a
    /// quoted-printable body, CRLF line ends.
    static let reminder = [
        "From: Layanan Pengaduan <pengaduan@example.test>",
        "To: Tim Pengaduan <tim@example.test>",
        "Subject: =?UTF-8?B?\(Data("Pengingat: pengaduan 067/PGD/2026/000001 — tenggat besok".utf8).base64EncodedString())?=",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=UTF-8",
        "Content-Transfer-Encoding: quoted-printable",
        "",
        "Yth. Tim Pengaduan,",
        "",
        "Pengaduan 067/PGD/2026/000001 menunggu analisa =E2=80=94 batas waktu: Selasa, 1 Desember 2026 pukul 09.00 W=",
        "IB.",
        "",
        "Terima kasih.",
        "",
    ].joined(separator: "\r\n")

    @Test func aMessageSentThroughMsmtpArrivesWithItsEnvelopeSubjectAndBody() throws {
        let server = try LoopbackSMTPServer(mode: .accept)
        let command = try msmtpCommand(for: server, from: "pengaduan@example.test")
        let outcome = try Self.sendmail(command, to: ["tim@example.test", "kepala@example.test"], message: Self.reminder)
        #expect(outcome.status == 0, "msmtp: \(outcome.errors)")

        let mails = try server.waitForMessages(count: 1, timeout: 10)
        try #require(mails.count == 1)
        let mail = mails[0]
        #expect(mail.from == "pengaduan@example.test")
        #expect(mail.to == ["tim@example.test", "kepala@example.test"])
        #expect(mail.subject == "Pengingat: pengaduan 067/PGD/2026/000001 — tenggat besok")
        #expect(mail.header("to") == "Tim Pengaduan <tim@example.test>")
        #expect(mail.body == """
            Yth. Tim Pengaduan,

            Pengaduan 067/PGD/2026/000001 menunggu analisa — batas waktu: Selasa, 1 Desember 2026 pukul 09.00 WIB.

            Terima kasih.

            """)
    }

    @Test(arguments: [LoopbackSMTPServer.Mode.refuse, .refusePermanently])
    func aRefusingServerMakesMsmtpFailAndKeepsNothing(mode: LoopbackSMTPServer.Mode) throws {
        let server = try LoopbackSMTPServer(mode: mode)
        let command = try msmtpCommand(for: server, from: "pengaduan@example.test")
        let outcome = try Self.sendmail(command, to: ["tim@example.test"], message: Self.reminder)
        #expect(outcome.status != 0)
        // msmtp 1.8 exits with 69 (EX_UNAVAILABLE) for a 4xx answer, not 75 (EX_TEMPFAIL: only when it
        // cannot reach the server), and with 65 (EX_DATAERR) for a 5xx answer to RCPT; the server's
        // answer is on stderr, after "server message:".
        switch mode {
        case .refuse:
            #expect(outcome.status == 69, "msmtp: \(outcome.errors)")
            #expect(outcome.errors.contains("server message: 451"), "msmtp: \(outcome.errors)")
        case .refusePermanently:
            #expect(outcome.status == 65, "msmtp: \(outcome.errors)")
            #expect(outcome.errors.contains("server message: 550"), "msmtp: \(outcome.errors)")
        case .accept:
            Issue.record("not a refusing mode")
        }
        #expect(try server.messages().isEmpty)
    }

    @Test func aStoppedServerMakesMsmtpExitWithTempfail() throws {
        let server = try LoopbackSMTPServer(mode: .accept)
        let command = try msmtpCommand(for: server, from: "pengaduan@example.test")
        server.stop()
        let outcome = try Self.sendmail(command, to: ["tim@example.test"], message: Self.reminder)
        // EX_TEMPFAIL: the connection was refused.
        #expect(outcome.status == 75, "msmtp: \(outcome.errors)")
        #expect(try server.messages().isEmpty)
    }

    @Test func aMessageParsesQuotedPrintableSubjectsBase64BodiesAndFoldedHeaders() {
        let body = Data("Pengaduan 067/PGD/2026/000002 telah ditutup.\r\nSalam.\r\n".utf8).base64EncodedString()
        let mail = ReceivedMail(from: "a@example.test", to: ["b@example.test"], data: [
            "Subject: =?UTF-8?Q?Pengaduan_ditutup_=E2=80=94?=",
            " =?utf-8?q?_067/PGD/2026/000002?= (arsip)",
            "Content-Type: text/plain; charset=\"utf-8\"",
            "Content-Transfer-Encoding: base64",
            "",
            String(body.prefix(20)),
            String(body.dropFirst(20)),
            "",
        ].joined(separator: "\r\n"))
        #expect(mail.subject == "Pengaduan ditutup — 067/PGD/2026/000002 (arsip)")
        #expect(mail.body == "Pengaduan 067/PGD/2026/000002 telah ditutup.\nSalam.\n")
    }

    /// A session whose requests time out after `seconds`.
    static func session(timeout seconds: TimeInterval) -> URLSession {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = seconds
        configuration.timeoutIntervalForResource = seconds
        return URLSession(configuration: configuration)
    }

    static func post(_ url: String, json: String, session: URLSession, headers: [String: String] = [:]) async throws -> Int {
        var request = URLRequest(url: try #require(URL(string: url)))
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        request.httpBody = Data(json.utf8)
        let (_, response) = try await session.data(for: request)
        return try #require(response as? HTTPURLResponse).statusCode
    }

    @Test func aWebhookIsRecordedWithItsHeadersAndBody() async throws {
        let receiver = try LoopbackWebhookReceiver()
        let json = #"{"event":"reminder","register":"067/PGD/2026/000001","text":"Pengingat — tenggat besok"}"#
        let status = try await Self.post(
            receiver.url("/ok"), json: json, session: Self.session(timeout: 10), headers: ["X-SOP-Event": "reminder"])
        #expect(status == 200)

        let requests = try receiver.waitForRequests(count: 1, timeout: 5)
        try #require(requests.count == 1)
        #expect(requests[0].method == "POST")
        #expect(requests[0].path == "/ok")
        #expect(requests[0].headers["content-type"] == "application/json")
        #expect(requests[0].headers["x-sop-event"] == "reminder")
        #expect(requests[0].body == json)
    }

    @Test func theReceiverFailsOnFailAndOnFlakysFirstRequest() async throws {
        let receiver = try LoopbackWebhookReceiver()
        let session = Self.session(timeout: 10)
        #expect(try await Self.post(receiver.url("/fail"), json: "{}", session: session) == 500)
        #expect(try await Self.post(receiver.url("/flaky"), json: "{}", session: session) == 500)
        #expect(try await Self.post(receiver.url("/flaky"), json: "{}", session: session) == 200)
        #expect(try receiver.requests().map(\.path) == ["/fail", "/flaky", "/flaky"])
    }

    @Test func aHangingReceiverDoesNotAnswerWithinAClientsTimeout() async throws {
        let receiver = try LoopbackWebhookReceiver()
        let started = Date()
        await #expect(throws: (any Error).self) {
            _ = try await Self.post(receiver.url("/hang"), json: "{}", session: Self.session(timeout: 2))
        }
        let waited = Date().timeIntervalSince(started)
        // It never answered: the client gave up at its timeout, not before (no upper bound: a
        // loaded machine may take longer to notice).
        #expect(waited >= 1.5, "waited \(waited) s")
        #expect(try receiver.waitForRequests(count: 1, timeout: 5).map(\.path) == ["/hang"])
        // Stopping does not wait for the sleeping answer.
        let stopping = Date()
        receiver.stop()
        #expect(Date().timeIntervalSince(stopping) < 5)
    }
}

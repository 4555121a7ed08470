import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat

/// What one transport attempt came to: delivered, or not, with what the other side said.
public struct TransportOutcome: Hashable, Sendable {
    /// Whether it was delivered.
    public var delivered: Bool
    /// What the other side said, or why nothing was sent.
    public var detail: String
}

/// E-mail through the system's mail transfer agent by its `sendmail` interface, as cron sends
/// mail: the message on standard input, the recipients as arguments after `--` (never read from
/// the message, never taken for options), `-i` so that a line with a lone dot ends nothing.
/// Works with msmtp (`msmtp-mta`), postfix, exim and OpenSMTPD.
public struct Sendmail: Sendable {
    /// The program and its first arguments, e.g. `["/usr/sbin/sendmail"]` or
    /// `["/usr/bin/msmtp", "-C", "/etc/msmtprc"]`.
    public var command: [String]
    /// How long the program may take before it is stopped and the attempt counted as failed.
    public var timeout: TimeInterval

    /// Creates the transport.
    public init(command: [String], timeout: TimeInterval = 60) {
        self.command = command
        self.timeout = timeout
    }

    /// The program `sop` uses when none is given: `/usr/sbin/sendmail`, where Debian's mail
    /// transfer agents put it.
    public static let systemDefault = ["/usr/sbin/sendmail"]

    /// Sends one message to `recipients`, with `from` as the envelope sender when given.
    public func send(_ text: String, from: String?, to recipients: [String]) -> TransportOutcome {
        guard let program = command.first, !program.isEmpty else {
            return TransportOutcome(delivered: false, detail: "no mail program is named")
        }
        guard FileManager.default.isExecutableFile(atPath: program) else {
            return TransportOutcome(
                delivered: false,
                detail: "the mail program \(program) is not there or cannot be run (install msmtp-mta or postfix, or name it with --sendmail)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = Array(command.dropFirst()) + ["-i"] + (from.map { ["-f", $0] } ?? []) + ["--"] + recipients
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        // A program that ends before reading all of the message must not end sop with SIGPIPE:
        // the write fails instead, and the exit status says why.
        signal(SIGPIPE, SIG_IGN)
        do {
            try process.run()
        } catch {
            return TransportOutcome(delivered: false, detail: "the mail program \(program) did not start: \(error.localizedDescription)")
        }
        // The child's ends of the pipes belong to the child.
        try? input.fileHandleForReading.close()
        try? output.fileHandleForWriting.close()
        // Read what it says while writing, so that neither side waits on a full pipe.
        let said = LockedData()
        let reader = Thread {
            said.set(output.fileHandleForReading.readDataToEndOfFile())
        }
        reader.start()
        // Written from a thread of its own, so that a program that never reads (waiting on a mail
        // server that never answers) cannot hold sop past the timeout; a write to a program that
        // ended fails (SIGPIPE is ignored) and its exit status says why.
        let writing = input.fileHandleForWriting
        let message = Data(text.utf8)
        let writer = Thread {
            try? writing.write(contentsOf: message)
            try? writing.close()
        }
        writer.start()
        let timeout = Self.bounded(self.timeout)
        if done.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            if done.wait(timeout: .now() + 5) == .timedOut { kill(process.processIdentifier, SIGKILL) }
            _ = done.wait(timeout: .now() + 5)
            return TransportOutcome(delivered: false, detail: "the mail program took longer than \(Int(timeout)) s and was stopped")
        }
        for _ in 0..<50 where !said.isSet { Thread.sleep(forTimeInterval: 0.01) }
        let answer = Self.summary(said.data)
        if process.terminationReason == .exit && process.terminationStatus == 0 {
            return TransportOutcome(delivered: true, detail: answer.isEmpty ? "accepted by \(program)" : answer)
        }
        let status = process.terminationReason == .exit ? "exit status \(process.terminationStatus)" : "signal \(process.terminationStatus)"
        return TransportOutcome(delivered: false, detail: "\(program): \(status)" + (answer.isEmpty ? "" : ": \(answer)"))
    }

    /// A timeout that is a number of seconds between 1 and 3600 (10 for one that is not a number).
    static func bounded(_ seconds: TimeInterval) -> TimeInterval {
        seconds.isFinite ? min(max(seconds, 1), 3600) : 10
    }

    /// What a program said, on one line, printable, at most 500 characters.
    static func summary(_ data: Data) -> String {
        let text = String(decoding: data.prefix(4000), as: UTF8.self)
        let line = String(String.UnicodeScalarView(text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 }))
        return String(line.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ").prefix(500))
    }
}

/// Bytes one thread writes and another reads.
private final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Data?

    func set(_ data: Data) {
        lock.lock()
        value = data
        lock.unlock()
    }

    var isSet: Bool {
        lock.lock()
        defer { lock.unlock() }
        return value != nil
    }

    var data: Data {
        lock.lock()
        defer { lock.unlock() }
        return value ?? Data()
    }
}

/// Notices posted as JSON to the office's webhook with async-http-client: delivered on a 2xx
/// answer; any other answer, a refused connection or no answer within the timeout is a failure.
public final class WebhookPoster: Sendable {
    private let client: HTTPClient
    /// How long a request may take, connecting included.
    public let timeout: TimeInterval

    /// Creates a poster; `shutdown()` it when done.
    public init(timeout: TimeInterval = 10) {
        let timeout = Sendmail.bounded(timeout)
        var configuration = HTTPClient.Configuration()
        configuration.timeout = HTTPClient.Configuration.Timeout(
            connect: .milliseconds(Int64(timeout * 1000)), read: .milliseconds(Int64(timeout * 1000)))
        configuration.redirectConfiguration = .disallow
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        self.timeout = timeout
    }

    /// Posts `body` to `url`, and waits for the answer.
    public func post(_ body: Data, to url: String) -> TransportOutcome {
        do {
            var request = try HTTPClient.Request(url: url, method: .POST)
            request.headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
            request.headers.add(name: "User-Agent", value: "sop")
            request.body = .data(body)
            let deadline = NIODeadline.now() + .milliseconds(Int64(timeout * 1000))
            let response = try client.execute(request: request, deadline: deadline).wait()
            let code = Int(response.status.code)
            let answer = response.body.map { buffer in Sendmail.summary(Data(buffer: buffer)) } ?? ""
            let detail = "HTTP \(code)" + (answer.isEmpty ? "" : ": \(String(answer.prefix(200)))")
            return TransportOutcome(delivered: (200..<300).contains(code), detail: detail)
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout {
            return TransportOutcome(delivered: false, detail: "no answer from \(Self.shown(url)) within \(Int(timeout)) s")
        } catch {
            return TransportOutcome(
                delivered: false, detail: "\(Self.shown(url)): \(Sendmail.summary(Data(String(describing: error).utf8)))")
        }
    }

    /// A webhook's address as records and output show it: its scheme, host and port, never its
    /// path or query, which often carry a secret token (`https://hooks.example.org/…`).
    public static func shown(_ url: String) -> String {
        guard let parts = URLComponents(string: url), let scheme = parts.scheme, let host = parts.host else { return "webhook" }
        let port = parts.port.map { ":\($0)" } ?? ""
        let rest = parts.path.isEmpty || parts.path == "/" ? (parts.query == nil ? "" : "/…") : "/…"
        return "\(scheme)://\(host)\(port)\(rest)"
    }

    /// Stops the client.
    public func shutdown() {
        try? client.syncShutdown()
    }
}

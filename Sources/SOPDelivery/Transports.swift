import Foundation

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
        let arguments = Array(command.dropFirst()) + ["-i"] + (from.map { ["-f", $0] } ?? []) + ["--"] + recipients
        switch ProgramRun.run(program, arguments, input: Data(text.utf8), timeout: Self.bounded(timeout)) {
        case .missing:
            return TransportOutcome(
                delivered: false,
                detail: "the mail program \(program) is not there or cannot be run (install msmtp-mta or postfix, or name it with --sendmail)")
        case .didNotStart(let why):
            return TransportOutcome(delivered: false, detail: "the mail program \(program) did not start: \(why)")
        case .timedOut(let seconds):
            return TransportOutcome(delivered: false, detail: "the mail program took longer than \(Int(seconds)) s and was stopped")
        case .ended(let status, let output):
            let answer = Self.summary(output)
            if status == "exit status 0" {
                return TransportOutcome(delivered: true, detail: answer.isEmpty ? "accepted by \(program)" : answer)
            }
            return TransportOutcome(delivered: false, detail: "\(program): \(status)" + (answer.isEmpty ? "" : ": \(answer)"))
        }
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

/// A program run with bytes on its standard input and what it prints (standard output and
/// error together) read back, stopped when it takes longer than a timeout.
enum ProgramRun {
    /// How a run ended.
    enum Ending {
        /// The program is not there or cannot be run.
        case missing
        /// It did not start.
        case didNotStart(String)
        /// It took longer than this many seconds and was stopped.
        case timedOut(TimeInterval)
        /// It ended: `exit status N` or `signal N`, and what it printed.
        case ended(status: String, output: Data)
    }

    static func run(_ program: String, _ arguments: [String], input bytes: Data, timeout: TimeInterval) -> Ending {
        guard FileManager.default.isExecutableFile(atPath: program) else { return .missing }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        // A program that ends before reading all of its input must not end sop with SIGPIPE:
        // the write fails instead, and the exit status says why.
        signal(SIGPIPE, SIG_IGN)
        do {
            try process.run()
        } catch {
            return .didNotStart(error.localizedDescription)
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
        // Written from a thread of its own, so that a program that never reads (waiting on a
        // server that never answers) cannot hold sop past the timeout.
        let writing = input.fileHandleForWriting
        let writer = Thread {
            try? writing.write(contentsOf: bytes)
            try? writing.close()
        }
        writer.start()
        if done.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            if done.wait(timeout: .now() + 5) == .timedOut { kill(process.processIdentifier, SIGKILL) }
            _ = done.wait(timeout: .now() + 5)
            return .timedOut(timeout)
        }
        for _ in 0..<50 where !said.isSet { Thread.sleep(forTimeInterval: 0.01) }
        let status = process.terminationReason == .exit ? "exit status \(process.terminationStatus)" : "signal \(process.terminationStatus)"
        return .ended(status: status, output: said.data)
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

/// Notices posted as JSON to the office's webhook by `sop-webhook`, the small program beside
/// `sop` that holds the HTTP client (async-http-client), so that no other command of `sop` loads
/// it: delivered on a 2xx answer; any other answer, a refused connection or no answer within the
/// timeout is a failure. The address goes to the program on its standard input, never as an
/// argument, which anyone on the machine can read.
public struct WebhookProgram: Sendable {
    /// The path of `sop-webhook`.
    public var program: String
    /// How long a request may take, connecting included.
    public var timeout: TimeInterval

    /// Creates the transport.
    public init(program: String, timeout: TimeInterval = 10) {
        self.program = program
        self.timeout = Sendmail.bounded(timeout)
    }

    /// Posts `body` to `url`, and waits for the answer.
    public func post(_ body: Data, to url: String) -> TransportOutcome {
        let shown = Self.shown(url)
        var input = Data(url.utf8)
        input.append(0x0A)
        input.append(body)
        switch ProgramRun.run(program, ["--timeout", String(Int(timeout))], input: input, timeout: timeout + 10) {
        case .missing:
            return TransportOutcome(delivered: false, detail: "the webhook program \(program) is not there (it is installed beside sop)")
        case .didNotStart(let why):
            return TransportOutcome(delivered: false, detail: "the webhook program \(program) did not start: \(why)")
        case .timedOut:
            return TransportOutcome(delivered: false, detail: "no answer from \(shown) within \(Int(timeout)) s")
        case .ended(let status, let output):
            // Its first line is `delivered` or `failed`, then what happened.
            let text = String(decoding: output.prefix(4000), as: UTF8.self)
            let lines = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
            let said = Sendmail.summary(Data((lines.count > 1 ? String(lines[1]) : "").utf8))
            guard status == "exit status 0", let verdict = lines.first, verdict == "delivered" || verdict == "failed" else {
                return TransportOutcome(delivered: false, detail: "the webhook program \(program): \(status): \(Sendmail.summary(output))")
            }
            return TransportOutcome(delivered: verdict == "delivered", detail: said.hasPrefix("HTTP ") ? said : "\(shown): \(said)")
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
}

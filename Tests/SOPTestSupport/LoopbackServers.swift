import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Real servers on 127.0.0.1 for tests of e-mail and webhook delivery: an SMTP server (Python's
// aiosmtpd) that msmtp, as the system's `sendmail`, delivers to, and an HTTP receiver (Python's
// http.server). Each server is a `python3` process of its own on a port the OS chose, started by
// the test that uses it and ended by `stop()` or when the object goes away; what it receives is
// written as one JSON file a message or request, which the test reads back.

// MARK: - Errors

/// Why a loopback server could not start or did not receive what a test waited for.
public struct LoopbackServerError: Error, CustomStringConvertible, LocalizedError, Sendable {
    /// What went wrong, and what to install when a tool is missing.
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
    public var errorDescription: String? { message }
}

// MARK: - SMTP

/// A message the SMTP server received: its envelope and its raw text.
public struct ReceivedMail: Sendable, Equatable, Decodable {
    /// The envelope sender (`MAIL FROM`).
    public var from: String
    /// The envelope recipients (`RCPT TO`), in the order the client gave them.
    public var to: [String]
    /// The message as sent after `DATA` (headers, blank line, body), decoded as UTF-8.
    public var data: String

    public init(from: String, to: [String], data: String) {
        self.from = from
        self.to = to
        self.data = data
    }

    /// The headers, in order, with folded lines unfolded; names as written.
    public var headers: [(name: String, value: String)] { MailText.split(data).headers }

    /// The value of the first header of that name (case-insensitive), unfolded, encoded words left as sent.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// The Subject header with its RFC 2047 encoded words (`=?UTF-8?B?…?=`, `=?UTF-8?Q?…?=`) decoded;
    /// nil when the message has none.
    public var subject: String? { header("Subject").map(MailText.decodeEncodedWords) }

    /// The body: the text after the blank line that ends the headers, with line ends as `\n`,
    /// decoded from quoted-printable or base64 when Content-Transfer-Encoding says so. For a
    /// multipart message, the body of its first text/plain part (else of its first part).
    public var body: String { MailText.body(of: MailText.split(data)) }
}

/// Parsing of a message's text: headers, encoded words, transfer encodings, multipart.
enum MailText {
    struct Parts {
        var headers: [(name: String, value: String)]
        var body: String

        func header(_ name: String) -> String? {
            headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
        }
    }

    /// Headers until the first empty line, then the body; CRLF read as LF.
    static func split(_ text: String) -> Parts {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n")
        var lines = normalized.split(separator: "\n", omittingEmptySubsequences: false)[...]
        var headers: [(name: String, value: String)] = []
        while let line = lines.first {
            lines = lines.dropFirst()
            if line.isEmpty { break }
            if line.first == " " || line.first == "\t" {
                // A folded line continues the header before it.
                if !headers.isEmpty { headers[headers.count - 1].value += " " + line.trimmingCharacters(in: .whitespaces) }
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = String(line[..<colon]).trimmingCharacters(in: .whitespaces)
            let value = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
            headers.append((name, value))
        }
        return Parts(headers: headers, body: lines.joined(separator: "\n"))
    }

    /// The body of a message part, decoded, descending into the first text/plain part of a multipart.
    static func body(of parts: Parts) -> String {
        let contentType = parts.header("Content-Type") ?? "text/plain"
        if contentType.lowercased().hasPrefix("multipart/"), let boundary = parameter("boundary", in: contentType) {
            let sections = multipartSections(parts.body, boundary: boundary).map(split)
            let plain = sections.first { ($0.header("Content-Type") ?? "text/plain").lowercased().hasPrefix("text/plain") }
            if let chosen = plain ?? sections.first { return body(of: chosen) }
        }
        let charset = parameter("charset", in: contentType)
        switch (parts.header("Content-Transfer-Encoding") ?? "").trimmingCharacters(in: .whitespaces).lowercased() {
        case "base64":
            let compact = parts.body.filter { !$0.isWhitespace }
            guard let bytes = Data(base64Encoded: compact, options: .ignoreUnknownCharacters) else { return parts.body }
            return text(bytes, charset: charset).replacingOccurrences(of: "\r\n", with: "\n")
        case "quoted-printable":
            return text(quotedPrintableBytes(parts.body, underscoreIsSpace: false), charset: charset)
                .replacingOccurrences(of: "\r\n", with: "\n")
        default:
            return parts.body
        }
    }

    /// A parameter (`boundary`, `charset`) of a header value such as `multipart/mixed; boundary="x"`.
    static func parameter(_ name: String, in value: String) -> String? {
        for piece in value.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == name else { continue }
            var result = pair[1].trimmingCharacters(in: .whitespaces)
            if result.count >= 2, result.hasPrefix("\""), result.hasSuffix("\"") { result = String(result.dropFirst().dropLast()) }
            return result
        }
        return nil
    }

    /// The parts between `--boundary` lines, up to `--boundary--`.
    static func multipartSections(_ body: String, boundary: String) -> [String] {
        var sections: [String] = []
        var current: [Substring]?
        for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed == "--\(boundary)--" {
                if let current { sections.append(current.joined(separator: "\n")) }
                return sections
            }
            if trimmed == "--\(boundary)" {
                if let current { sections.append(current.joined(separator: "\n")) }
                current = []
                continue
            }
            current?.append(line)
        }
        if let current { sections.append(current.joined(separator: "\n")) }
        return sections
    }

    /// Bytes as text in a MIME charset: UTF-8 unless the charset names Latin-1 or ASCII.
    static func text(_ bytes: Data, charset: String?) -> String {
        switch charset?.lowercased() {
        case "iso-8859-1", "latin1", "latin-1":
            return String(data: bytes, encoding: .isoLatin1) ?? String(decoding: bytes, as: UTF8.self)
        case "us-ascii", "ascii":
            return String(data: bytes, encoding: .ascii) ?? String(decoding: bytes, as: UTF8.self)
        default:
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// Quoted-printable (RFC 2045) to bytes: `=XX` is a byte, `=` at a line's end joins lines;
    /// in an encoded word (RFC 2047 "Q") `_` is also a space.
    static func quotedPrintableBytes(_ text: String, underscoreIsSpace: Bool) -> Data {
        let input = Array(text.replacingOccurrences(of: "\r\n", with: "\n").utf8)
        var output = Data()
        var index = 0
        func hexValue(_ byte: UInt8) -> UInt8? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
            default: return nil
            }
        }
        while index < input.count {
            let byte = input[index]
            if byte == UInt8(ascii: "=") {
                // A soft line break: `=`, optional trailing blanks, then the line's end.
                var next = index + 1
                while next < input.count, input[next] == UInt8(ascii: " ") || input[next] == UInt8(ascii: "\t") { next += 1 }
                if next == input.count || input[next] == UInt8(ascii: "\n") {
                    index = next + 1
                    continue
                }
                if index + 2 < input.count, let high = hexValue(input[index + 1]), let low = hexValue(input[index + 2]) {
                    output.append(high << 4 | low)
                    index += 3
                    continue
                }
                output.append(byte)
                index += 1
            } else if underscoreIsSpace, byte == UInt8(ascii: "_") {
                output.append(UInt8(ascii: " "))
                index += 1
            } else {
                output.append(byte)
                index += 1
            }
        }
        return output
    }

    /// A header value with its RFC 2047 encoded words decoded; blanks between two encoded words dropped.
    static func decodeEncodedWords(_ value: String) -> String {
        guard let pattern = try? NSRegularExpression(pattern: #"=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?="#) else { return value }
        let source = value as NSString
        var result = ""
        var position = 0
        var lastWasEncoded = false
        for match in pattern.matches(in: value, range: NSRange(location: 0, length: source.length)) {
            let between = source.substring(with: NSRange(location: position, length: match.range.location - position))
            if !(lastWasEncoded && between.allSatisfy(\.isWhitespace)) { result += between }
            let charset = source.substring(with: match.range(at: 1)).split(separator: "*").first.map(String.init)
            let encoding = source.substring(with: match.range(at: 2)).uppercased()
            let payload = source.substring(with: match.range(at: 3))
            let bytes: Data?
            if encoding == "B" {
                var padded = payload
                while padded.count % 4 != 0 { padded += "=" }
                bytes = Data(base64Encoded: padded)
            } else {
                bytes = quotedPrintableBytes(payload, underscoreIsSpace: true)
            }
            if let bytes {
                result += text(bytes, charset: charset)
                lastWasEncoded = true
            } else {
                result += source.substring(with: match.range)
                lastWasEncoded = false
            }
            position = match.range.location + match.range.length
        }
        result += source.substring(from: position)
        return result
    }
}

/// An SMTP server on 127.0.0.1 (Python's aiosmtpd, in a `python3` process of its own) that keeps
/// every message it accepts as a JSON file in ``directory``/`messages`, or refuses every
/// recipient, as its ``Mode`` says. Needs `python3` with aiosmtpd (`pip install aiosmtpd`).
///
/// Start one in each test that needs it; it listens on a port the OS chose, so tests running at
/// once do not meet. `stop()` ends the process; so does the object going away, which also
/// removes its temporary directory.
public final class LoopbackSMTPServer: @unchecked Sendable {
    /// What the server answers to a client's recipients and message.
    public enum Mode: String, Sendable {
        /// Accepts every recipient and message (250) and keeps the message.
        case accept
        /// Answers 451 (a temporary failure: the sender should try again later) to every RCPT and DATA.
        /// msmtp 1.8 then exits with 69 (EX_UNAVAILABLE), not 75, and says `server message: 451 …` on stderr.
        case refuse
        /// Answers 550 (a permanent failure) to every RCPT and DATA.
        /// msmtp 1.8 then exits with 65 (EX_DATAERR) and says `server message: 550 …` on stderr.
        case refusePermanently
    }

    /// The mode the server was started with.
    public let mode: Mode
    /// The port the server listens on, at 127.0.0.1.
    public let port: Int
    /// The server's temporary directory (the script, its log, the messages, msmtp's configuration files).
    public let directory: URL
    /// Where each accepted message is written, one JSON file per message.
    public let messagesDirectory: URL

    private let process: LoopbackProcess

    /// Starts the server and waits (up to 20 s) until it listens.
    /// - Throws: ``LoopbackServerError`` when python3 or aiosmtpd is missing or the server does not start.
    public init(mode: Mode = .accept) throws {
        self.mode = mode
        directory = try makeTemporaryDirectory(prefix: "sop-smtp")
        messagesDirectory = directory.appendingPathComponent("messages", isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: messagesDirectory, withIntermediateDirectories: true)
            let script = directory.appendingPathComponent("smtp_server.py")
            try Data(smtpServerScript.utf8).write(to: script)
            process = try LoopbackProcess(
                what: "the loopback SMTP server", script: script, arguments: [mode.rawValue, messagesDirectory.path],
                log: directory.appendingPathComponent("server.log"), missingModuleHint: "pip install aiosmtpd")
            port = process.port
        } catch {
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// The messages received so far, in the order they arrived.
    public func messages() throws -> [ReceivedMail] {
        try readRecords(in: messagesDirectory)
    }

    /// Waits until at least `count` messages have arrived and returns them all.
    /// - Throws: ``LoopbackServerError`` when fewer have arrived after `timeout` seconds.
    public func waitForMessages(count: Int, timeout: TimeInterval = 10) throws -> [ReceivedMail] {
        try waitFor(count: count, timeout: timeout, what: "message(s) at the SMTP server on port \(port)", read: messages)
    }

    /// Ends the server's process and waits for it; calling it again does nothing.
    public func stop() { process.stop() }
}

/// The words of a sendmail-compatible command that delivers through msmtp to `server`, with
/// `from` as the envelope sender: for example `["/usr/bin/msmtp", "-C", "/tmp/…/msmtprc-…"]`.
/// The caller appends `-i -- recipient…` and writes the message on the command's standard input.
///
/// Writes msmtp's configuration (mode 0600: msmtp refuses one that others can read) into the
/// server's directory: host 127.0.0.1, the server's port, no authentication, no TLS, a 5 s timeout.
/// - Throws: ``LoopbackServerError`` when msmtp is not installed (`apt-get install msmtp`).
public func msmtpCommand(for server: LoopbackSMTPServer, from: String) throws -> [String] {
    guard let msmtp = findExecutable("msmtp", alsoIn: ["/usr/bin", "/usr/local/bin", "/opt/homebrew/bin"]) else {
        throw LoopbackServerError("msmtp is not installed (no msmtp on PATH nor in /usr/bin): apt-get install msmtp")
    }
    let configuration = """
        # Written by the tests' LoopbackServers: deliver to the loopback SMTP server.
        account default
        host 127.0.0.1
        port \(server.port)
        auth off
        tls off
        tls_starttls off
        from \(from)
        timeout 5
        syslog off

        """
    let file = server.directory.appendingPathComponent("msmtprc-\(UUID().uuidString)")
    // Created with mode 0600 from the start, so that no one else can read it even for a moment.
    guard FileManager.default.createFile(
        atPath: file.path, contents: Data(configuration.utf8), attributes: [.posixPermissions: 0o600])
    else { throw LoopbackServerError("could not write msmtp's configuration at \(file.path)") }
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
    return [msmtp, "-C", file.path]
}

// MARK: - Webhooks

/// An HTTP request the webhook receiver recorded.
public struct ReceivedRequest: Sendable, Equatable, Decodable {
    /// The method: `POST`, `GET`, …
    public var method: String
    /// The path as requested, with its query if any: `/ok`, `/ok?x=1`.
    public var path: String
    /// The headers, names in lower case; repeated headers joined with ", ".
    public var headers: [String: String]
    /// The body, decoded as UTF-8 (empty when there was none).
    public var body: String

    public init(method: String, path: String, headers: [String: String], body: String) {
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
    }
}

/// An HTTP server on 127.0.0.1 (Python's `http.server.ThreadingHTTPServer`, in a `python3` process
/// of its own) that records every request as a JSON file in ``requestsDirectory`` before it
/// answers, by the path (without its query):
/// - `/fail` answers 500;
/// - `/hang` answers only after 120 s, so a client's timeout must end the wait;
/// - `/flaky` answers 500 to its first request and 200 to the later ones;
/// - `/ok` and any other path answer 200 with a small JSON body.
///
/// Start one in each test that needs it; `stop()` ends the process, and so does the object going
/// away, which also removes its temporary directory.
public final class LoopbackWebhookReceiver: @unchecked Sendable {
    /// The port the receiver listens on, at 127.0.0.1.
    public let port: Int
    /// The receiver's temporary directory (the script, its log, the requests).
    public let directory: URL
    /// Where each request is written, one JSON file per request.
    public let requestsDirectory: URL

    private let process: LoopbackProcess

    /// Starts the receiver and waits (up to 20 s) until it listens.
    /// - Throws: ``LoopbackServerError`` when python3 is missing or the receiver does not start.
    public init() throws {
        directory = try makeTemporaryDirectory(prefix: "sop-webhook")
        requestsDirectory = directory.appendingPathComponent("requests", isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: requestsDirectory, withIntermediateDirectories: true)
            let script = directory.appendingPathComponent("webhook_receiver.py")
            try Data(webhookReceiverScript.utf8).write(to: script)
            process = try LoopbackProcess(
                what: "the loopback webhook receiver", script: script, arguments: [requestsDirectory.path],
                log: directory.appendingPathComponent("server.log"), missingModuleHint: nil)
            port = process.port
        } catch {
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// The URL of a path at the receiver: `url("/ok")` is `http://127.0.0.1:PORT/ok`.
    public func url(_ path: String) -> String {
        "http://127.0.0.1:\(port)" + (path.hasPrefix("/") ? path : "/" + path)
    }

    /// The requests received so far, in the order they arrived.
    public func requests() throws -> [ReceivedRequest] {
        try readRecords(in: requestsDirectory)
    }

    /// Waits until at least `count` requests have arrived and returns them all.
    /// - Throws: ``LoopbackServerError`` when fewer have arrived after `timeout` seconds.
    public func waitForRequests(count: Int, timeout: TimeInterval = 10) throws -> [ReceivedRequest] {
        try waitFor(count: count, timeout: timeout, what: "request(s) at the webhook receiver on port \(port)", read: requests)
    }

    /// Ends the receiver's process and waits for it; calling it again does nothing.
    public func stop() { process.stop() }
}

// MARK: - The process behind a server

/// A `python3` process running a script that prints its port on its first line of output, then
/// serves until it is terminated or its standard input closes (so it ends with the test process
/// even when `stop()` never runs).
private final class LoopbackProcess: @unchecked Sendable {
    let port: Int
    private let process: Process
    private let input: Pipe
    private let lock = NSLock()
    private var stopped = false

    init(what: String, script: URL, arguments: [String], log: URL, missingModuleHint: String?) throws {
        guard let python = findExecutable("python3", alsoIn: ["/usr/bin", "/usr/local/bin"]) else {
            let hint = missingModuleHint.map { ", then \($0)" } ?? ""
            throw LoopbackServerError("\(what) needs python3, which is not on PATH: apt-get install python3\(hint)")
        }
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let logHandle = try FileHandle(forWritingTo: log)
        defer { try? logHandle.close() }
        let output = Pipe()
        input = Pipe()
        process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-u", script.path] + arguments
        process.standardInput = input
        process.standardOutput = output
        process.standardError = logHandle
        do {
            try process.run()
        } catch {
            throw LoopbackServerError("\(what) could not start \(python): \(error)")
        }
        let line = readFirstLine(from: output.fileHandleForReading, of: process, timeout: 20)
        if let text = line.text, let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)), port > 0 {
            self.port = port
            return
        }
        // No port: end the process and say why, with its log.
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        let logText = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        if logText.contains("MISSING-MODULE"), let missingModuleHint {
            throw LoopbackServerError("\(what) needs the Python module aiosmtpd, which \(python) cannot import: \(missingModuleHint)")
        }
        let reason = line.timedOut ? "printed no port within 20 s" : "ended without printing its port (status \(process.terminationStatus))"
        throw LoopbackServerError("\(what) (\(python)) \(reason); its log:\n\(logText)")
    }

    deinit { stop() }

    /// Closes the process's input, terminates it and waits until it has ended (SIGKILL after 5 s).
    func stop() {
        lock.lock()
        defer { lock.unlock() }
        if stopped { return }
        stopped = true
        try? input.fileHandleForWriting.close()
        if process.isRunning { process.terminate() }
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning, Date() < deadline { usleep(10_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}

/// Reads up to the first line end, for at most `timeout` seconds, polling the descriptor.
private func readFirstLine(from handle: FileHandle, of process: Process, timeout: TimeInterval) -> (text: String?, timedOut: Bool) {
    let descriptor = handle.fileDescriptor
    let deadline = Date().addingTimeInterval(timeout)
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 256)
    while true {
        if let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) {
            return (String(decoding: bytes[..<newline], as: UTF8.self), false)
        }
        let remaining = deadline.timeIntervalSinceNow
        if remaining <= 0 { return (nil, true) }
        var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let ready = poll(&request, 1, Int32(min(remaining, 0.2) * 1000) + 1)
        if ready < 0 {
            if errno == EINTR { continue }
            return (nil, false)
        }
        if ready == 0 {
            // Nothing yet; a process that has ended will print nothing more.
            if !process.isRunning { return (nil, false) }
            continue
        }
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        if count < 0, errno == EINTR { continue }
        if count <= 0 { return (nil, false) }
        bytes.append(contentsOf: buffer[..<count])
    }
}

// MARK: - Helpers

/// A new directory under the system's temporary directory.
private func makeTemporaryDirectory(prefix: String) throws -> URL {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory
}

/// The path of an executable found on PATH, else in one of the extra folders.
private func findExecutable(_ name: String, alsoIn extra: [String]) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
    let folders = path.split(separator: ":").map(String.init) + extra
    for folder in folders where !folder.isEmpty {
        let candidate = (folder as NSString).appendingPathComponent(name)
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
}

/// The records in a folder, one JSON file each, in the order of their names (the arrival order);
/// files still being written (named with a leading dot) are left out.
private func readRecords<Record: Decodable>(in directory: URL) throws -> [Record] {
    let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        .filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }
        .sorted()
    let decoder = JSONDecoder()
    return try names.map { name in
        let data = try Data(contentsOf: directory.appendingPathComponent(name))
        do {
            return try decoder.decode(Record.self, from: data)
        } catch {
            throw LoopbackServerError("unreadable record \(name) in \(directory.path): \(error)")
        }
    }
}

/// Polls `read` every 50 ms until it returns at least `count` records.
private func waitFor<Record>(count: Int, timeout: TimeInterval, what: String, read: () throws -> [Record]) throws -> [Record] {
    let deadline = Date().addingTimeInterval(timeout)
    while true {
        let records = try read()
        if records.count >= count { return records }
        if Date() >= deadline {
            throw LoopbackServerError("waited \(timeout) s for \(count) \(what), and \(records.count) arrived")
        }
        usleep(50_000)
    }
}

// MARK: - The Python scripts

/// The SMTP server: aiosmtpd's SMTP protocol on an asyncio server at 127.0.0.1, port 0 (aiosmtpd's
/// Controller cannot: it connects to its port to see that it serves). Arguments: the mode, the folder.
private let smtpServerScript = #"""
import asyncio, itertools, json, os, sys, threading, uuid

try:
    from aiosmtpd.smtp import SMTP
except ImportError as error:
    print("MISSING-MODULE aiosmtpd: %s (pip install aiosmtpd)" % error, file=sys.stderr, flush=True)
    sys.exit(3)

mode, folder = sys.argv[1], sys.argv[2]
counter = itertools.count(1)
REFUSALS = {
    "refuse": "451 4.3.0 Temporary failure, try again later",
    "refusePermanently": "550 5.7.1 Delivery refused",
}

class Handler:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if mode in REFUSALS:
            return REFUSALS[mode]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if mode in REFUSALS:
            return REFUSALS[mode]
        record = {
            "from": envelope.mail_from or "",
            "to": list(envelope.rcpt_tos),
            "data": envelope.original_content.decode("utf-8", errors="replace"),
        }
        name = "%06d-%s.json" % (next(counter), uuid.uuid4().hex)
        temporary = os.path.join(folder, "." + name + ".tmp")
        with open(temporary, "w", encoding="utf-8") as file:
            json.dump(record, file, ensure_ascii=False)
            file.flush()
            os.fsync(file.fileno())
        os.rename(temporary, os.path.join(folder, name))
        return "250 Message accepted for delivery"

def end_when_stdin_closes():
    # The test process holds our stdin: when it goes, so do we.
    try:
        sys.stdin.buffer.read()
    finally:
        os._exit(0)

async def main():
    loop = asyncio.get_running_loop()
    handler = Handler()
    server = await loop.create_server(
        lambda: SMTP(handler, hostname="localhost", enable_SMTPUTF8=True, loop=loop),
        host="127.0.0.1", port=0)
    print(server.sockets[0].getsockname()[1], flush=True)
    threading.Thread(target=end_when_stdin_closes, daemon=True).start()
    async with server:
        await server.serve_forever()

asyncio.run(main())
"""#

/// The webhook receiver: a ThreadingHTTPServer (daemon threads) at 127.0.0.1, port 0. Argument: the folder.
private let webhookReceiverScript = #"""
import http.server, itertools, json, os, sys, threading, time, uuid

folder = sys.argv[1]
lock = threading.Lock()
counter = itertools.count(1)
flaky_seen = [0]

def record(entry):
    with lock:
        number = next(counter)
    name = "%06d-%s.json" % (number, uuid.uuid4().hex)
    temporary = os.path.join(folder, "." + name + ".tmp")
    with open(temporary, "w", encoding="utf-8") as file:
        json.dump(entry, file, ensure_ascii=False)
        file.flush()
        os.fsync(file.fileno())
    os.rename(temporary, os.path.join(folder, name))

class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def read_body(self):
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def answer(self, status, payload):
        body = json.dumps(payload).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        self.close_connection = True

    def handle_any(self):
        body = self.read_body()
        headers = {}
        for name, value in self.headers.items():
            key = name.lower()
            headers[key] = headers[key] + ", " + value if key in headers else value
        record({"method": self.command, "path": self.path, "headers": headers,
                "body": body.decode("utf-8", errors="replace")})
        route = self.path.split("?", 1)[0]
        if route == "/fail":
            self.answer(500, {"ok": False, "error": "failing on purpose"})
        elif route == "/hang":
            time.sleep(120)
            self.answer(200, {"ok": True, "late": True})
        elif route == "/flaky":
            with lock:
                flaky_seen[0] += 1
                first = flaky_seen[0] == 1
            if first:
                self.answer(500, {"ok": False, "error": "first request fails"})
            else:
                self.answer(200, {"ok": True})
        else:
            self.answer(200, {"ok": True})

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = handle_any

    def log_message(self, format, *args):
        sys.stderr.write("%s - %s\n" % (self.address_string(), format % args))

class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

def end_when_stdin_closes():
    try:
        sys.stdin.buffer.read()
    finally:
        os._exit(0)

server = Server(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
threading.Thread(target=end_when_stdin_closes, daemon=True).start()
server.serve_forever()
"""#

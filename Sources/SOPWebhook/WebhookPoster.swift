import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat

/// Posts JSON to a webhook with async-http-client: delivered on a 2xx answer; any other answer,
/// a refused connection or no answer within the timeout is a failure. Only `sop-webhook` links
/// this module, so that no other command of `sop` loads the HTTP client.
public final class WebhookPoster: Sendable {
    /// What one request came to.
    public struct Outcome: Hashable, Sendable {
        /// Whether the webhook took it (a 2xx answer).
        public var delivered: Bool
        /// `HTTP 200: …`, or why there was no answer; never the address itself.
        public var detail: String
    }

    private let client: HTTPClient
    /// How long a request may take, connecting included, in whole seconds (1–120).
    public let timeout: Int

    /// Creates a poster; `shutdown()` it when done.
    public init(timeout: Int) {
        let timeout = min(max(timeout, 1), 120)
        var configuration = HTTPClient.Configuration()
        configuration.timeout = HTTPClient.Configuration.Timeout(connect: .seconds(Int64(timeout)), read: .seconds(Int64(timeout)))
        configuration.redirectConfiguration = .disallow
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        self.timeout = timeout
    }

    /// Posts `body` to `url`, and waits for the answer (at most 4,000 bytes of it are kept).
    public func post(_ body: Data, to url: String) -> Outcome {
        do {
            var request = try HTTPClient.Request(url: url, method: .POST)
            request.headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
            request.headers.add(name: "User-Agent", value: "sop")
            request.body = .data(body)
            let response = try client.execute(request: request, deadline: .now() + .seconds(Int64(timeout))).wait()
            let code = Int(response.status.code)
            let answer = response.body.map { buffer in Self.line(Data(buffer.readableBytesView.prefix(4000))) } ?? ""
            return Outcome(delivered: (200..<300).contains(code), detail: "HTTP \(code)" + (answer.isEmpty ? "" : ": \(answer.prefix(200))"))
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout {
            return Outcome(delivered: false, detail: "no answer within \(timeout) s")
        } catch {
            return Outcome(delivered: false, detail: Self.line(Data(String(describing: error).utf8)))
        }
    }

    /// Bytes as one printable line of at most 500 characters.
    static func line(_ data: Data) -> String {
        let text = String(decoding: data.prefix(4000), as: UTF8.self)
        let words = text.unicodeScalars.split { $0.properties.generalCategory == .control || $0 == " " }
        return String(words.map { String(String.UnicodeScalarView($0)) }.joined(separator: " ").prefix(500))
    }

    /// Stops the client.
    public func shutdown() {
        try? client.syncShutdown()
    }
}

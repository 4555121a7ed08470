import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO
import SOPStorage

/// A value sent to PostgreSQL or read back: the types the schema uses (`PostgresSchema`).
enum PGValue: Hashable, Sendable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case bytes([UInt8])

    init(_ value: Int) { self = .integer(Int64(value)) }
    init(_ value: Int?) { self = value.map { .integer(Int64($0)) } ?? .null }
    init(_ value: Double?) { self = value.map { .real($0) } ?? .null }
    init(_ value: String?) { self = value.map { .text($0) } ?? .null }
    init(_ value: Date?) { self = value.map { .real($0.timeIntervalSince1970) } ?? .null }

    /// The value as a row's digest sees it (`Chain.Value`), as SQLite's store reads its own.
    var chainValue: Chain.Value {
        switch self {
        case .null: .null
        case .integer(let number): .integer(number)
        case .real(let number): .real(number)
        case .text(let text): .text(text)
        case .bytes(let bytes): .text(Data(bytes).base64EncodedString())
        }
    }

    init(_ value: Chain.Value) {
        switch value {
        case .null: self = .null
        case .integer(let number): self = .integer(number)
        case .real(let number): self = .real(number)
        case .text(let text): self = .text(text)
        }
    }

    var int: Int? { if case .integer(let number) = self { Int(exactly: number) } else { nil } }
    var double: Double? { if case .real(let number) = self { number } else { nil } }
    var string: String? { if case .text(let text) = self { text } else { nil } }
    var date: Date? { double.map(Date.init(timeIntervalSince1970:)) }
    var data: Data? { if case .bytes(let bytes) = self { Data(bytes) } else { nil } }
}

/// One row read: its values by position, in the order the query selects them.
struct PGRow: Sendable {
    var values: [PGValue]
    subscript(_ index: Int) -> PGValue { index < values.count ? values[index] : .null }
}

/// A failure PostgreSQL reported, or of the connection to it.
struct PGFailure: Error, CustomStringConvertible {
    enum Kind {
        /// The server answered with an error: its SQLSTATE and message.
        case server(state: String, message: String)
        /// The connection could not be made, or (`lost`) was lost once made.
        case connection(String, lost: Bool)
    }

    var kind: Kind

    var state: String? { if case .server(let state, _) = kind { state } else { nil } }
    var message: String {
        switch kind {
        case .server(_, let message): message
        case .connection(let detail, _): detail
        }
    }

    /// Whether a connection once made was lost (the server went away, or ended it).
    var lost: Bool { if case .connection(_, let lost) = kind { lost } else { state == "57P01" || state?.hasPrefix("08") == true } }

    var description: String { message }
}

/// One connection to PostgreSQL, used from synchronous code: every query is sent on the connection's
/// NIO event loop and waited for there (never on Swift's cooperative threads, which a blocked
/// caller could starve). One caller at a time: the store holds its lock around each use.
final class PGSession: @unchecked Sendable {
    let connection: PostgresConnection
    let address: PostgresAddress
    private let logger: Logger
    /// The head of the ledger entry the transaction under way wrote last, if any: what tells,
    /// should the connection be lost while it commits, whether it was stored.
    var ledgerHeadWritten: String?

    /// A logger that writes nothing: the library never prints.
    static let silent = Logger(label: "sop.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    private init(connection: PostgresConnection, address: PostgresAddress) {
        self.connection = connection
        self.address = address
        logger = Self.silent
    }

    /// Connects and logs in; the server authenticates the user (password, peer or certificate).
    static func connect(_ address: PostgresAddress, timeout: TimeInterval = 10) throws -> PGSession {
        let configuration: PostgresConnection.Configuration
        if let socket = address.socketPath {
            configuration = .init(unixSocketPath: socket, username: address.user, password: address.password, database: address.database)
        } else {
            configuration = .init(
                host: address.host ?? "localhost", port: address.port, username: address.user, password: address.password,
                database: address.database, tls: try tls(address))
        }
        var options = configuration
        options.options.connectTimeout = .milliseconds(Int64(timeout * 1000))
        options.options.additionalStartupParameters = [("application_name", "sop")]
        let loop = MultiThreadedEventLoopGroup.singleton.next()
        do {
            let connection = try PostgresConnection.connect(on: loop, configuration: options, id: 1, logger: silent).wait()
            return PGSession(connection: connection, address: address)
        } catch {
            throw failure(error)
        }
    }

    private static func tls(_ address: PostgresAddress) throws -> PostgresConnection.Configuration.TLS {
        guard address.tls != .disable else { return .disable }
        var configuration = TLSConfiguration.makeClientConfiguration()
        switch address.tls {
        case .disable: break
        case .prefer, .require: configuration.certificateVerification = .none
        case .verifyCA: configuration.certificateVerification = .noHostnameVerification
        case .verifyFull: configuration.certificateVerification = .fullVerification
        }
        do {
            if let root = address.rootCertificate {
                configuration.trustRoots = .file(root)
                if address.tls == .require { configuration.certificateVerification = .noHostnameVerification }
            }
            if let certificate = address.clientCertificate, let key = address.clientKey {
                configuration.certificateChain = try NIOSSLCertificate.fromPEMFile(certificate).map { .certificate($0) }
                configuration.privateKey = .privateKey(try NIOSSLPrivateKey(file: key, format: .pem))
            }
            let context = try NIOSSLContext(configuration: configuration)
            return address.tls == .prefer ? .prefer(context) : .require(context)
        } catch {
            throw StoreError.connectionFailed(address.description, "the certificate files cannot be read: \(error)")
        }
    }

    /// Runs one statement with its values bound (`$1`, `$2`, …) and returns every row.
    @discardableResult
    func query(_ sql: String, _ values: [PGValue] = []) throws -> [PGRow] {
        var bindings = PostgresBindings(capacity: values.count)
        for value in values {
            switch value {
            case .null: bindings.appendNull()
            case .integer(let number): bindings.append(number)
            case .real(let number): bindings.append(number)
            case .text(let text): bindings.append(text)
            case .bytes(let bytes): bindings.append(ByteBuffer(bytes: bytes))
            }
        }
        do {
            let result = try waitWhileOpen(connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger))
            return try result.rows.map(Self.row)
        } catch let error as PGFailure {
            throw error
        } catch {
            throw Self.failure(error)
        }
    }

    /// Runs a script of several statements, with no values (a migration), one statement after
    /// another: postgres-nio speaks only the extended protocol, which takes one statement at a time.
    func script(_ sql: String) throws {
        for statement in Self.statements(sql) { try query(statement) }
    }

    /// The statements of a script, split at each `;` outside quotes, dollar quotes (`$$ … $$`,
    /// `$tag$ … $tag$`) and comments; empty statements left out.
    static func statements(_ sql: String) -> [String] {
        var statements: [String] = []
        var current = ""
        let characters = Array(sql)
        var index = 0
        var dollarTag: String?
        var inQuote = false
        func flush() {
            let statement = current.trimmingCharacters(in: .whitespacesAndNewlines)
            if !statement.isEmpty { statements.append(statement) }
            current = ""
        }
        while index < characters.count {
            let character = characters[index]
            if let tag = dollarTag {
                if character == "$", String(characters[index..<min(characters.count, index + tag.count)]) == tag {
                    current += tag
                    index += tag.count
                    dollarTag = nil
                    continue
                }
            } else if inQuote {
                if character == "'" { inQuote = false }
            } else if character == "'" {
                inQuote = true
            } else if character == "-", index + 1 < characters.count, characters[index + 1] == "-" {
                while index < characters.count, characters[index] != "\n" { index += 1 }
                continue
            } else if character == "$" {
                var end = index + 1
                while end < characters.count, characters[end].isLetter || characters[end].isNumber || characters[end] == "_" { end += 1 }
                if end < characters.count, characters[end] == "$" {
                    let tag = String(characters[index...end])
                    current += tag
                    index = end + 1
                    dollarTag = tag
                    continue
                }
            } else if character == ";" {
                flush()
                index += 1
                continue
            }
            current.append(character)
            index += 1
        }
        flush()
        return statements
    }

    /// Waits for a query's result, or for the connection to close, whichever comes first: a query
    /// sent on a connection the server has just ended is never answered, and would be waited for
    /// for ever.
    private func waitWhileOpen<Value: Sendable>(_ future: EventLoopFuture<Value>) throws -> Value {
        let promise = future.eventLoop.makePromise(of: Value.self)
        future.cascade(to: promise)
        // A promise completed twice keeps its first result: the answer, or the closing.
        connection.closeFuture.whenComplete { _ in
            promise.fail(PGFailure(kind: .connection("the server closed the connection", lost: true)))
        }
        return try promise.futureResult.wait()
    }

    /// The first row, or nil.
    func one(_ sql: String, _ values: [PGValue] = []) throws -> PGRow? {
        try query(sql, values).first
    }

    private static func row(_ row: PostgresRow) throws -> PGRow {
        var values: [PGValue] = []
        for cell in row {
            guard cell.bytes != nil else {
                values.append(.null)
                continue
            }
            switch cell.dataType {
            case .int2, .int4, .int8: values.append(.integer(try cell.decode(Int64.self)))
            case .float4, .float8: values.append(.real(try cell.decode(Double.self)))
            case .bytea: values.append(.bytes(Array((try cell.decode(ByteBuffer.self)).readableBytesView)))
            case .bool: values.append(.integer(try cell.decode(Bool.self) ? 1 : 0))
            default: values.append(.text(try cell.decode(String.self)))
            }
        }
        return PGRow(values: values)
    }

    /// Closes the connection.
    func close() {
        try? connection.close().wait()
    }

    /// What went wrong, from an error of postgres-nio.
    static func failure(_ error: any Error) -> PGFailure {
        if let failure = error as? PGFailure { return failure }
        if let error = error as? PSQLError {
            if let info = error.serverInfo, let state = info[.sqlState] {
                return PGFailure(kind: .server(state: state, message: info[.message] ?? "\(error.code)"))
            }
            let underlying = error.underlying.map { ": \($0)" } ?? ""
            let lost = [PSQLError.Code.serverClosedConnection, .clientClosedConnection, .uncleanShutdown].contains(error.code)
            return PGFailure(kind: .connection("\(error.code)\(underlying)", lost: lost))
        }
        return PGFailure(kind: .connection("\(error)", lost: false))
    }
}

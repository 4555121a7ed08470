import Foundation
import SOPStorage

/// Where a PostgreSQL database is and how to reach it, from a connection address as libpq writes
/// it: `postgresql://[user[:password]@][host][:port][/database][?name=value&…]`.
///
/// - No host (or a `host` parameter that is a folder, `/run/postgresql`): the server's Unix socket
///   in that folder (`/var/run/postgresql` by default), where PostgreSQL may authenticate the
///   account running `sop` by itself (`peer`).
/// - No user: the login name of the account running `sop`, as libpq does.
/// - No password in the address: `PGPASSWORD`, then the password file libpq reads (`PGPASSFILE`,
///   else `~/.pgpass`), else none.
/// - `sslmode`: `disable`, `prefer` (the default over TCP), `require` (encrypted, the server not
///   checked), `verify-ca`, `verify-full`; `sslrootcert`, `sslcert` and `sslkey` name files of
///   certificates, for a server checked by the office's own authority and for client certificates.
///
/// The password never appears in `description` or in any message.
public struct PostgresAddress: Hashable, Sendable, CustomStringConvertible {
    /// How the connection is encrypted.
    public enum TLSMode: String, Hashable, Sendable, CaseIterable {
        case disable, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    /// The host name or address; nil for a Unix socket.
    public var host: String?
    /// The folder of the server's Unix socket, when no host is given.
    public var socketFolder: String?
    /// The port (5432 by default); for a socket, the number in the socket's name.
    public var port: Int
    /// The PostgreSQL user to log in as.
    public var user: String
    /// The password, if any.
    public var password: String?
    /// The database.
    public var database: String
    /// How the connection is encrypted.
    public var tls: TLSMode
    /// The file of the authorities that sign the server's certificate.
    public var rootCertificate: String?
    /// The client's certificate and key files, for `cert` authentication.
    public var clientCertificate: String?
    public var clientKey: String?

    /// Whether a database address names PostgreSQL rather than an SQLite file.
    public static func isPostgres(_ address: String) -> Bool {
        address.hasPrefix("postgresql://") || address.hasPrefix("postgres://")
    }

    /// The socket file the server listens on (`<folder>/.s.PGSQL.<port>`), for a socket address.
    public var socketPath: String? {
        socketFolder.map { ($0.hasSuffix("/") ? String($0.dropLast()) : $0) + "/.s.PGSQL.\(port)" }
    }

    /// The address as shown in messages: no password, ever.
    public var description: String {
        var text = "postgresql://\(user)@"
        if let host { text += host.contains(":") ? "[\(host)]" : host }
        if port != 5432 { text += ":\(port)" }
        text += "/\(database)"
        if host == nil, let socketFolder { text += "?host=\(socketFolder)" }
        return text
    }

    /// Reads an address; `environment` gives `PGPASSWORD`, `PGPASSFILE`, `HOME` and `USER`.
    ///
    /// - Throws: `StoreError.invalidDatabaseAddress` naming what is wrong, never echoing a password.
    public init(_ address: String, environment: [String: String] = ProcessInfo.processInfo.environment, loginName: String? = nil) throws {
        func invalid(_ why: String) -> StoreError { StoreError.invalidDatabaseAddress(why) }
        guard let schemeEnd = address.range(of: "://"), Self.isPostgres(address) else {
            throw invalid("it must begin with postgresql://")
        }
        guard !address.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw invalid("it holds control characters")
        }
        var rest = Substring(address[schemeEnd.upperBound...])
        var query = ""
        if let mark = rest.firstIndex(of: "?") {
            query = String(rest[rest.index(after: mark)...])
            rest = rest[..<mark]
        }
        var path = ""
        if let slash = rest.firstIndex(of: "/") {
            path = String(rest[rest.index(after: slash)...])
            rest = rest[..<slash]
        }
        var userInfo: Substring?
        if let at = rest.lastIndex(of: "@") {
            userInfo = rest[..<at]
            rest = rest[rest.index(after: at)...]
        }
        func decoded(_ text: some StringProtocol, _ part: String) throws -> String {
            guard let value = String(text).removingPercentEncoding else { throw invalid("its \(part) is not percent-encoded correctly") }
            return value
        }
        var user: String?
        var password: String?
        if let userInfo {
            if let colon = userInfo.firstIndex(of: ":") {
                user = try decoded(userInfo[..<colon], "user")
                password = try decoded(userInfo[userInfo.index(after: colon)...], "password")
            } else {
                user = try decoded(userInfo, "user")
            }
        }
        var host: String?
        var port: Int?
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { throw invalid("its host in brackets is not closed") }
            host = String(rest[rest.index(after: rest.startIndex)..<close])
            let after = rest[rest.index(after: close)...]
            if after.hasPrefix(":") { port = Int(after.dropFirst()) ?? -1 } else if !after.isEmpty { throw invalid("its host is malformed") }
        } else if let colon = rest.lastIndex(of: ":") {
            host = try decoded(rest[..<colon], "host")
            port = Int(rest[rest.index(after: colon)...]) ?? -1
        } else if !rest.isEmpty {
            host = try decoded(rest, "host")
        }
        var database = path.isEmpty ? nil : try decoded(path, "database name")
        var tls: TLSMode?
        var rootCertificate: String?
        var clientCertificate: String?
        var clientKey: String?
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = try decoded(parts[0], "parameters")
            let value = parts.count > 1 ? try decoded(parts[1].replacingOccurrences(of: "+", with: " "), "parameters") : ""
            switch name {
            case "host": host = value
            case "port": port = Int(value) ?? -1
            case "user": user = value
            case "password": password = value
            case "dbname": database = value
            case "sslmode":
                guard let mode = TLSMode(rawValue: value) else {
                    throw invalid("sslmode '\(value)' is not one of \(TLSMode.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                tls = mode
            case "sslrootcert": rootCertificate = value
            case "sslcert": clientCertificate = value
            case "sslkey": clientKey = value
            case "application_name", "connect_timeout": break
            default: throw invalid("the parameter '\(name)' is not one sop knows")
            }
        }
        if let port, !(1...65535).contains(port) { throw invalid("its port is not a number from 1 to 65535") }
        if let host, host.hasPrefix("/") {
            socketFolder = host
            self.host = nil
        } else if let host, !host.isEmpty {
            self.host = host
            socketFolder = nil
        } else {
            self.host = nil
            socketFolder = "/var/run/postgresql"
        }
        self.port = port ?? 5432
        guard let user = user ?? loginName ?? environment["USER"], !user.isEmpty else {
            throw invalid("it names no user, and the account running sop has no login name")
        }
        self.user = user
        self.database = database ?? user
        self.tls = tls ?? (self.host == nil ? .disable : .prefer)
        if self.host == nil, self.tls != .disable, self.tls != .prefer {
            throw invalid("sslmode '\(self.tls.rawValue)' needs a host: a Unix socket is not encrypted")
        }
        self.rootCertificate = rootCertificate
        self.clientCertificate = clientCertificate
        self.clientKey = clientKey
        if (clientCertificate == nil) != (clientKey == nil) { throw invalid("sslcert and sslkey are given together") }
        self.password = password ?? environment["PGPASSWORD"] ?? Self.passwordFile(
            environment: environment, host: self.host ?? "localhost", port: self.port, database: self.database, user: user)
    }

    /// The password libpq's password file gives (`hostname:port:database:username:password`, `*`
    /// matching anything), when the file is readable by its owner only, as libpq requires.
    static func passwordFile(environment: [String: String], host: String, port: Int, database: String, user: String) -> String? {
        guard let path = environment["PGPASSFILE"] ?? environment["HOME"].map({ $0 + "/.pgpass" }) else { return nil }
        var status = stat()
        guard stat(path, &status) == 0, status.st_mode & 0o077 == 0, status.st_mode & S_IFMT == S_IFREG,
              status.st_size < 1 << 20, let text = try? String(contentsOfFile: path, encoding: .utf8)
        else { return nil }
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            var fields: [String] = []
            var field = ""
            var escaped = false
            for character in line {
                if escaped {
                    field.append(character)
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == ":" && fields.count < 4 {
                    fields.append(field)
                    field = ""
                } else {
                    field.append(character)
                }
            }
            fields.append(field)
            guard fields.count == 5 else { continue }
            let wanted = [host, String(port), database, user]
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }
}

import Foundation
import Testing

/// `sop` on a PostgreSQL database (`--db postgresql://…`): the server authenticates who is acting
/// and decides what they may do. Runs against the server `SOP_TEST_POSTGRES` names
/// (`scripts/with-postgres swift test`); without it these tests fail and say how to start one.
@Suite("sop on PostgreSQL")
struct PostgresCommandTests {
    /// A new database on the test server, owned by an administrator role that may create roles,
    /// and login roles for the office's people, each with the password `rahasia-<name>`.
    struct Server {
        let socket: String
        let database: String
        let suffix: String

        init() throws {
            let environment = ProcessInfo.processInfo.environment
            guard let socket = environment["SOP_TEST_POSTGRES_SOCKET"], !socket.isEmpty else {
                throw SOPBinaryError(description:
                    "SOP_TEST_POSTGRES_SOCKET is not set: run the tests with a throw-away PostgreSQL server, `scripts/with-postgres swift test`")
            }
            self.socket = socket
            suffix = String(UUID().uuidString.lowercased().filter { $0.isLetter || $0.isNumber }.prefix(10))
            database = "sop_cli_\(suffix)"
            try sql("CREATE ROLE kepala_\(suffix) LOGIN CREATEROLE PASSWORD 'rahasia-kepala'")
            try sql("CREATE DATABASE \(database) OWNER kepala_\(suffix)")
            for name in ["budi", "eve"] { try sql("CREATE ROLE \(name)_\(suffix) LOGIN PASSWORD 'rahasia-\(name)'") }
        }

        /// Runs SQL as the server's superuser, through psql.
        func sql(_ statement: String) throws {
            let bin = ProcessInfo.processInfo.environment["SOP_TEST_POSTGRES_BIN"].map { $0 + "/psql" } ?? "/usr/bin/psql"
            let psql = FileManager.default.isExecutableFile(atPath: bin) ? bin : "/usr/bin/psql"
            let result = try SOPBinary.runProgram(psql, ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", socket, "-U", "postgres", "-d", "postgres", "-c", statement])
            guard result.status == 0 else { throw SOPBinaryError(description: "psql failed: \(result.output)") }
        }

        /// The database's address for one of its people (no password in it).
        func address(_ name: String) -> String { "postgresql://\(name)_\(suffix)@/\(database)?host=\(socket)" }

        /// Runs sop as one of the office's people, their password given as libpq takes it.
        func run(_ name: String, _ arguments: [String], password: String? = nil) throws -> SOPBinary.Result {
            try SOPBinary.run(
                arguments + ["--db", address(name)],
                environment: ["PGPASSWORD": password ?? "rahasia-\(name)", "SOP_NOW": "", "SOP_DB": ""])
        }

        func user(_ name: String) -> String { "\(name)_\(suffix)" }
    }

    @Test("init, publish, staff, a case: who acts is who the server let in, and nobody more")
    func anOfficeOnPostgreSQL() throws {
        let server = try Server()
        let initialised = try server.run("kepala", ["init"])
        #expect(initialised.status == 0, "\(initialised.output)")
        #expect(initialised.standardOutput.contains("administrator pertamanya: \(server.user("kepala"))"))
        #expect(initialised.standardOutput.contains("pengguna yang diautentikasi PostgreSQL"))
        #expect(try server.run("kepala", ["upgrade"]).standardOutput.contains("sudah mutakhir"))
        #expect(try server.run("kepala", ["publish", "workflows"]).status == 0)
        let added = try server.run("kepala", ["staff", "add", server.user("budi"), "--role", "front-office"])
        #expect(added.status == 0, "\(added.output)")

        let opened = try server.run("budi", ["case", "open", "pengaduan-langsung", "--field", "nama=Ani", "--field", "uraian=KTP hilang"])
        #expect(opened.status == 0, "\(opened.output)")
        let shown = try server.run("budi", ["case", "history", "1"])
        #expect(shown.standardOutput.contains(server.user("budi")), "\(shown.output)")
        let status = try server.run("budi", ["status"])
        #expect(status.standardOutput.contains("Anda: \(server.user("budi")) (front-office)"), "\(status.output)")

        // A claim to be someone else is refused; so is what only an administrator does.
        let claimed = try server.run("budi", ["case", "list", "--as", server.user("kepala")])
        #expect(claimed.status != 0)
        let grant = try server.run("budi", ["staff", "add", server.user("budi"), "--role", "admin"])
        #expect(grant.status != 0)
        let listed = try server.run("kepala", ["staff", "list", "--format", "json"]).standardOutput
        let members = try #require(try JSONSerialization.jsonObject(with: Data(listed.utf8)) as? [[String: Any]], "\(listed)")
        #expect(members.first { $0["user"] as? String == server.user("budi") }?["roles"] as? [String] == ["front-office"], "\(listed)")

        // Someone the server knows but the office did not make staff is not let in at all.
        let outsider = try server.run("eve", ["case", "list"])
        #expect(outsider.status == 2)
        #expect(outsider.standardError.contains("tidak mengizinkan pengguna '\(server.user("eve"))'"), "\(outsider.output)")
        // A wrong password: refused by the server, and never printed.
        let wrong = try server.run("budi", ["case", "list"], password: "salah-sekali")
        #expect(wrong.status == 2)
        #expect(wrong.standardError.contains("menolak pengguna '\(server.user("budi"))'"), "\(wrong.output)")
        #expect(!wrong.output.contains("salah-sekali"))
        // A password in the address is never printed either.
        let inAddress = try SOPBinary.run(
            ["status", "--db", "postgresql://\(server.user("budi")):rahasia-budi@/\(server.database)?host=\(server.socket)"],
            environment: ["SOP_NOW": "", "SOP_DB": "", "PGPASSWORD": ""])
        #expect(inAddress.status == 0, "\(inAddress.output)")
        #expect(!inAddress.output.contains("rahasia-budi"))
        // A user with no role on the server cannot be made staff.
        let unknown = try server.run("kepala", ["staff", "add", "tidak_ada_\(server.suffix)", "--role", "front-office"])
        #expect(unknown.status != 0)
        #expect(unknown.standardError.contains("tidak mengenal pengguna itu"), "\(unknown.output)")

        let verified = try server.run("kepala", ["verify"])
        #expect(verified.status == 0, "\(verified.output)")
        let backup = try server.run("kepala", ["backup", "/tmp/sop-\(server.suffix).sqlite"])
        #expect(backup.status != 0)
        #expect(backup.standardError.contains("pg_dump"))
    }

    @Test("two sop init at once: the schema is made once, one of them sets the database up, the other is told so")
    func twoInitsAtOnce() throws {
        let server = try Server()
        let results = Gathered()
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            results.append(("kepala", try? server.run("kepala", ["init", "--format", "json"])))
        }
        let outcomes = results.all
        #expect(outcomes.count == 2)
        #expect(outcomes.filter { $0.1?.status == 0 }.count == 1, "\(outcomes.map { $0.1?.output ?? "-" })")
        let refused = outcomes.first { $0.1?.status != 0 }?.1
        #expect(refused?.standardError.contains("sudah disiapkan") == true, "\(refused?.output ?? "-")")
        #expect(try server.run("kepala", ["verify"]).status == 0)
        // Someone else, not its owner, finds nothing to upgrade and may not set it up.
        try server.sql("GRANT \(server.database)_reader TO budi_\(server.suffix)")
        #expect(try server.run("budi", ["upgrade"]).status == 0)
        let again = try server.run("budi", ["init"])
        #expect(again.status != 0)
        #expect(again.standardError.contains("sudah disiapkan"), "\(again.output)")
    }

    /// What concurrent runs gave, by person.
    final class Gathered: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [(String, SOPBinary.Result?)] = []
        func append(_ item: (String, SOPBinary.Result?)) {
            lock.lock()
            items.append(item)
            lock.unlock()
        }
        var all: [(String, SOPBinary.Result?)] {
            lock.lock()
            defer { lock.unlock() }
            return items
        }
    }

    @Test("sop db copy: an office's SQLite file moved up, both ends verified, copied once; a damaged file is not copied")
    func copyingAnOfficeUp() throws {
        let server = try Server()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sop-copy-\(server.suffix)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("kantor.sqlite").path
        func local(_ arguments: [String]) throws -> SOPBinary.Result {
            try SOPBinary.run(arguments + ["--db", file], environment: ["SOP_DB": ""])
        }
        #expect(try local(["init", "--declared-identity", "--as", "admin"]).status == 0)
        #expect(try local(["publish", "workflows", "--as", "admin"]).status == 0)
        #expect(try local(["staff", "add", "siti", "--role", "front-office", "--as", "admin"]).status == 0)
        for name in ["Ani", "Budi"] {
            let opened = try local(["case", "open", "pengaduan-langsung", "--field", "nama=\(name)", "--field", "uraian=KTP", "--as", "siti"])
            #expect(opened.status == 0, "\(opened.output)")
        }
        let head = try local(["status", "--format", "json"]).standardOutput

        let copied = try SOPBinary.run(
            ["db", "copy", "--db", file, "--to", server.address("kepala"), "--format", "json"],
            environment: ["PGPASSWORD": "rahasia-kepala", "SOP_DB": ""])
        #expect(copied.status == 0, "\(copied.output)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(copied.standardOutput.utf8)) as? [String: Any])
        let ledger = try #require(report["ledger"] as? [String: Any])
        #expect(head.contains(try #require(ledger["head"] as? String)))
        #expect((report["counts"] as? [String: Any])?["cases"] as? Int == 2)
        let verified = try server.run("kepala", ["verify", "--head", try #require(ledger["head"] as? String)])
        #expect(verified.status == 0, "\(verified.output)")
        let shown = try server.run("kepala", ["case", "show", "2"])
        #expect(shown.standardOutput.contains("067/PGD/"), "\(shown.output)")

        let again = try SOPBinary.run(
            ["db", "copy", "--db", file, "--to", server.address("kepala")], environment: ["PGPASSWORD": "rahasia-kepala", "SOP_DB": ""])
        #expect(again.status != 0)
        #expect(again.standardError.contains("sudah disiapkan"), "\(again.output)")
    }

    @Test("a database without sop's schema: staff commands refuse it and change nothing, pointing to sop init")
    func noSchemaYet() throws {
        let server = try Server()
        let listed = try server.run("kepala", ["case", "list"])
        #expect(listed.status == 2)
        #expect(listed.standardError.contains("sop init"), "\(listed.output)")
        #expect(listed.standardError.contains("sop upgrade"))
    }
}

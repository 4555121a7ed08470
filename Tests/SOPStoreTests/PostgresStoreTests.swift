import Foundation
import SOPEngine
import SOPModel
import GRDB
import Testing
@testable import SOPPostgres
@testable import SOPStorage
@testable import SOPStore

/// What only the PostgreSQL store does: addresses, its schema's migrations, the server's own
/// authentication and privileges, a server that goes away, and hashes the same as SQLite's.
@Suite("PostgreSQL store") struct PostgresStoreTests {
    /// A superuser's session on the test server.
    static func superuser() throws -> PGSession { try PGSession.connect(try TestPostgres.server()) }

    /// A new, empty database and its address (no schema).
    static func emptyDatabase(_ scratch: Scratch) throws -> PostgresAddress { try TestPostgres.newDatabase(for: scratch) }

    /// The tables of a database.
    static func tables(_ address: PostgresAddress) throws -> [String] {
        var admin = try TestPostgres.server()
        admin.database = address.database
        let session = try PGSession.connect(admin)
        defer { session.close() }
        return try session.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1")
            .compactMap { $0[0].string }
    }

    // MARK: Addresses

    @Test func addressesAsLibpqWritesThem() throws {
        let environment = ["USER": "budi", "HOME": "/nonexistent"]
        let socket = try PostgresAddress("postgresql:///sop", environment: environment)
        #expect(socket.socketPath == "/var/run/postgresql/.s.PGSQL.5432")
        #expect(socket.user == "budi")
        #expect(socket.database == "sop")
        #expect(socket.tls == .disable)
        let folder = try PostgresAddress("postgresql://ani@/sop?host=/tmp/pg&port=5433", environment: environment)
        #expect(folder.socketPath == "/tmp/pg/.s.PGSQL.5433")
        #expect(folder.user == "ani")
        let tcp = try PostgresAddress("postgresql://siti:rahasia%40123@db.kebumenkab.go.id:6432/pengaduan?sslmode=verify-full", environment: environment)
        #expect(tcp.host == "db.kebumenkab.go.id")
        #expect(tcp.port == 6432)
        #expect(tcp.password == "rahasia@123")
        #expect(tcp.tls == .verifyFull)
        #expect(!tcp.description.contains("rahasia"))
        #expect(tcp.description == "postgresql://siti@db.kebumenkab.go.id:6432/pengaduan")
        let ipv6 = try PostgresAddress("postgres://[::1]:5432/sop", environment: environment)
        #expect(ipv6.host == "::1")
        #expect(ipv6.tls == .prefer)
        #expect(try PostgresAddress("postgresql://db/sop", environment: ["USER": "budi", "PGPASSWORD": "dari-env"]).password == "dari-env")
    }

    @Test(arguments: [
        "mysql://db/sop", "postgresql://db:99999/sop", "postgresql://db/sop?sslmode=always", "postgresql://db/sop?frobnicate=1",
        "postgresql:///sop?sslmode=require", "postgresql://db/sop?sslcert=/a.pem", "postgresql://db/s\u{1B}[2Jop", "postgresql://db/%zz",
    ])
    func addressesThatCannotBeRead(_ text: String) throws {
        #expect(storeErrorCode { _ = try PostgresAddress(text, environment: ["USER": "budi"]) } == "invalid-database-address")
    }

    @Test func aPasswordFromThePasswordFileOnlyWhenItIsTheOwnersAlone() throws {
        let scratch = try Scratch()
        let file = scratch.path("pgpass")
        try "# comment\ndb.kebumenkab.go.id:5432:*:siti:dari\\:file\n*:*:*:*:lain\n".write(toFile: file, atomically: true, encoding: .utf8)
        chmod(file, 0o600)
        let environment = ["USER": "siti", "PGPASSFILE": file]
        #expect(try PostgresAddress("postgresql://db.kebumenkab.go.id/sop", environment: environment).password == "dari:file")
        #expect(try PostgresAddress("postgresql://other/sop", environment: environment).password == "lain")
        chmod(file, 0o644)
        #expect(try PostgresAddress("postgresql://db.kebumenkab.go.id/sop", environment: environment).password == nil)
    }

    @Test func scriptsSplitIntoStatementsOutsideQuotesAndComments() {
        let script = """
            -- a comment; with a semicolon
            CREATE TABLE a (x TEXT DEFAULT 'a;b');
            CREATE FUNCTION f() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'no; never'; END $$ LANGUAGE plpgsql;
            CREATE FUNCTION g() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql;;
            """
        let statements = PGSession.statements(script)
        #expect(statements.count == 3)
        #expect(statements[0] == "CREATE TABLE a (x TEXT DEFAULT 'a;b')")
        #expect(statements[1].hasSuffix("END $$ LANGUAGE plpgsql"))
        #expect(statements[2].hasSuffix("$body$ LANGUAGE sql"))
    }

    // MARK: The schema

    @Test func openingNeverMakesOrChangesTheSchema() throws {
        let scratch = try Scratch()
        let address = try Self.emptyDatabase(scratch)
        #expect(storeErrorCode { _ = try PostgresCaseStore(address: address) } == "outdated-schema")
        #expect(try Self.tables(address).isEmpty)
        #expect(try PostgresCaseStore.upgrade(address) == PostgresCaseStore.migrationNames)
        #expect(try PostgresCaseStore.upgrade(address).isEmpty)
        _ = try PostgresCaseStore(address: address)
    }

    @Test func anotherProgramsDatabaseIsLeftAlone() throws {
        let scratch = try Scratch()
        let address = try Self.emptyDatabase(scratch)
        var admin = try TestPostgres.server()
        admin.database = address.database
        let session = try PGSession.connect(admin)
        try session.query("CREATE TABLE invoices (id BIGINT)")
        session.close()
        #expect(storeErrorCode { _ = try PostgresCaseStore(address: address) } == "foreign-database")
        #expect(storeErrorCode { try PostgresCaseStore.upgrade(address) } == "foreign-database")
        #expect(try Self.tables(address) == ["invoices"])
    }

    @Test func aSchemaNewerThanThisSopIsRefused() throws {
        let scratch = try Scratch()
        let address = try Self.emptyDatabase(scratch)
        try PostgresCaseStore.upgrade(address)
        var admin = try TestPostgres.server()
        admin.database = address.database
        let session = try PGSession.connect(admin)
        try session.query("INSERT INTO sop_migrations (name) VALUES ('pg99-from-the-future')")
        session.close()
        let error = caught { _ = try PostgresCaseStore(address: address) } as? StoreError
        #expect(error?.code.rawValue == "newer-schema")
        #expect(error?.message.en.contains("pg99-from-the-future") == true)
        #expect(storeErrorCode { try PostgresCaseStore.upgrade(address) } == "newer-schema")
    }

    @Test func twoUpgradesAtOnceTakeTurns() throws {
        let scratch = try Scratch()
        let address = try Self.emptyDatabase(scratch)
        let applied = Gathered<Result<[String], any Error>>()
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            applied.append(Result { try PostgresCaseStore.upgrade(address) })
        }
        let results = applied.all.map { try? $0.get() }
        #expect(results.allSatisfy { $0 != nil })
        #expect(results.compactMap { $0 }.filter { !$0.isEmpty } == [PostgresCaseStore.migrationNames])
        _ = try PostgresCaseStore(address: address)
    }

    @Test func theSchemaHoldsHistoryAgainstSQLByHand() throws {
        let scratch = try Scratch()
        let (store, reference, _) = try Fixture.store(scratch, on: .postgres)
        try store.setUp(OfficeSetup(identity: .declared, createdAt: Fixture.monday, createdBy: "admin"))
        let state = try Fixture.open(store, workflow: reference)
        var admin = try TestPostgres.server()
        admin.database = TestPostgres.databaseName(for: scratch)
        let session = try PGSession.connect(admin)
        defer { session.close() }
        for sql in [
            "UPDATE events SET by_user = 'mallory'", "DELETE FROM events", "TRUNCATE events CASCADE", "DELETE FROM cases",
            "UPDATE cases SET chain_head = 'x'", "UPDATE ledger SET head = 'x'",
            "INSERT INTO events (case_number, sequence, at, by_user, kind, payload, previous, hash) VALUES (1, 9, 0, 'x', 'x', '{}', 'x', 'x')",
        ] {
            let failure = caught { try session.query(sql) } as? PGFailure
            #expect(failure?.state == "SP001", "\(sql)")
        }
        #expect(try store.loadCase("1")?.state == state)
        let problems = try store.verify(extending: []).problems
        #expect(problems.isEmpty, "\(problems)")
    }

    // MARK: The same record as SQLite's

    @Test func anSQLiteFileIsNeverSetUpWithTheServersIdentity() throws {
        let scratch = try Scratch()
        let store = try StoreFactory.sqlite.make(scratch)
        #expect(storeErrorCode { try store.setUp(OfficeSetup(identity: .server, createdAt: Fixture.monday, createdBy: "admin")) }
            == "not-on-this-store")
        #expect(try store.office() == nil)
        #expect(try store.staff().isEmpty)
    }

    @Test func theSameCaseGivesTheSameHashesInBothStores() throws {
        let scratch = try Scratch()
        let (sqlite, sqliteReference, _) = try Fixture.store(scratch, on: .sqlite)
        let (postgres, postgresReference, _) = try Fixture.store(scratch, on: .postgres)
        #expect(sqliteReference == postgresReference)
        for store in [sqlite, postgres] {
            let opened = try Fixture.open(store, workflow: sqliteReference)
            _ = try store.append(
                Fixture.advance(opened, to: "verifikasi", at: Fixture.monday.addingTimeInterval(Fixture.hour)), to: 1,
                expectedVersion: opened.version)
        }
        #expect(try sqlite.ledgerHead() == postgres.ledgerHead())
        #expect(try sqlite.loadCase("1") == postgres.loadCase("1"))
        let sqliteFile = try #require(sqlite as? SQLiteCaseStore)
        let rows = try sqliteFile.database.read { db in
            try Row.fetchAll(db, sql: "SELECT hash FROM events ORDER BY sequence").map { $0[0] as String }
        }
        var admin = try TestPostgres.server()
        admin.database = TestPostgres.databaseName(for: scratch)
        let session = try PGSession.connect(admin)
        defer { session.close() }
        #expect(try session.query("SELECT hash FROM events ORDER BY sequence").compactMap { $0[0].string } == rows)
        #expect(try session.one("SELECT row_hash FROM cases")?[0].string
            == sqliteFile.database.read { db in try String.fetchOne(db, sql: "SELECT row_hash FROM cases") })
    }

    // MARK: The server decides who may connect and what they may do

    /// A login role with a password, and no privileges on anything.
    static func role(_ name: String, password: String) throws {
        let session = try superuser()
        defer { session.close() }
        _ = try? session.query("DROP ROLE IF EXISTS \(name)")
        try session.query("CREATE ROLE \(name) LOGIN PASSWORD '\(password)'")
    }

    @Test func aWrongPasswordOrAnUnknownRoleIsRefusedByTheServer() throws {
        let scratch = try Scratch()
        let address = try Self.emptyDatabase(scratch)
        try PostgresCaseStore.upgrade(address)
        let name = "sop_pw_" + TestPostgres.databaseName(for: scratch).suffix(8)
        try Self.role(name, password: "benar")
        var wrong = address
        wrong.user = name
        wrong.password = "salah"
        let refused = caught { _ = try PostgresCaseStore(address: wrong) } as? StoreError
        #expect(refused?.code.rawValue == "authentication-failed")
        #expect(refused?.message.en.contains("salah") == false)
        var unknown = address
        unknown.user = "tidak_ada_" + name
        unknown.password = "apa-saja"
        #expect(storeErrorCode { _ = try PostgresCaseStore(address: unknown) } == "authentication-failed")
        var right = address
        right.user = name
        right.password = "benar"
        // Logged in, but the role may read nothing: refused by the server's privileges, nothing written.
        #expect(storeErrorCode { _ = try PostgresCaseStore(address: right) } == "permission-denied")
    }

    @Test func aServerThatCannotBeReachedIsSaidSo() throws {
        let scratch = try Scratch()
        var address = try TestPostgres.server()
        address.socketFolder = scratch.folder.path
        #expect(storeErrorCode { _ = try PostgresCaseStore(address: address) } == "connection-failed")
        var missing = try TestPostgres.server()
        missing.database = "tidak_ada_" + TestPostgres.databaseName(for: scratch)
        #expect(storeErrorCode { _ = try PostgresCaseStore(address: missing) } == "connection-failed")
    }

    /// The server ends the store's connection while a case is being opened: the message says it was
    /// not stored, and nothing of it is there.
    @Test func theServerGoingAwayInTheMiddleOfAWriteStoresNothing() throws {
        let scratch = try Scratch()
        let (store, reference, _) = try Fixture.store(scratch, on: .postgres)
        let admin = try Self.superuser()
        defer { admin.close() }
        let database = TestPostgres.databaseName(for: scratch)
        let error = caught {
            _ = try store.openCase(at: Fixture.monday) { number, registerNumber in
                _ = try? admin.query(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [.text(database)])
                Thread.sleep(forTimeInterval: 0.2)
                return Fixture.opening(number, registerNumber, workflow: reference)
            }
        } as? StoreError
        #expect(error?.code.rawValue == "server-gone")
        #expect(error?.message.en.contains("NOT stored") == true)
        let again = try factoryReopen(scratch)
        #expect(try again.cases(matching: CaseFilter()).isEmpty)
        #expect(try again.verify(extending: []).problems.isEmpty)
    }

    /// The connection is lost while the transaction commits (a rule checked at commit ends the
    /// session): the store looks again on a new connection and says whether the write is there.
    @Test func theServerGoingAwayWhileCommittingIsCheckedAndSaid() throws {
        let scratch = try Scratch()
        let (store, reference, _) = try Fixture.store(scratch, on: .postgres)
        _ = try Fixture.open(store, workflow: reference)
        var admin = try TestPostgres.server()
        admin.database = TestPostgres.databaseName(for: scratch)
        let session = try PGSession.connect(admin)
        try session.script("""
            CREATE FUNCTION test_end_session_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.item = 2 THEN PERFORM pg_terminate_backend(pg_backend_pid()); END IF;
                RETURN NEW;
            END
            $$;
            CREATE CONSTRAINT TRIGGER test_end_session_at_commit AFTER INSERT ON ledger
                DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION test_end_session_at_commit();
            """)
        session.close()
        let error = caught { _ = try Fixture.open(store, workflow: reference) } as? StoreError
        #expect(error?.code.rawValue == "server-gone")
        #expect(error?.message.en.contains("NOT stored") == true, "\(String(describing: error))")
        let again = try factoryReopen(scratch)
        #expect(try again.cases(matching: CaseFilter()).map(\.number) == [1])
    }

    // MARK: Moving an office up

    /// An SQLite office with something of everything: a set-up, staff, publications, cases stepped,
    /// an attachment, a reveal.
    static func sqliteOffice(_ scratch: Scratch) throws -> (SQLiteCaseStore, WorkflowReference) {
        let (store, reference, _) = try Fixture.store(scratch)
        try store.setUp(OfficeSetup(identity: .system, createdAt: Fixture.monday, createdBy: "admin"))
        _ = try store.publish([.workflow(WorkflowText(text: Fixture.yaml, workflow: "pengaduan-langsung", revision: 1))], by: "admin", at: Fixture.monday)
        try store.addStaff("budi", roles: ["front-office"], by: "admin", at: Fixture.monday)
        try store.removeStaff("budi", roles: nil, by: "admin", at: Fixture.monday)
        for index in 0..<30 {
            let opened = try Fixture.open(store, workflow: reference, at: Fixture.monday.addingTimeInterval(Double(index) * 60))
            if index % 3 == 0 {
                _ = try store.append(
                    Fixture.advance(opened, to: "verifikasi", at: Fixture.monday.addingTimeInterval(Fixture.hour)),
                    attachments: [Data("scan \(index)".utf8)], to: opened.number, expectedVersion: opened.version)
            }
        }
        try store.recordReveal(caseNumber: 3, by: "admin", command: "case show", at: Fixture.monday)
        return (store, reference)
    }

    @Test func anOfficeCopiedUpKeepsEveryHashAndIsCopiedOnce() throws {
        let scratch = try Scratch()
        let (file, _) = try Self.sqliteOffice(scratch)
        let address = try Self.emptyDatabase(scratch)
        try PostgresCaseStore.upgrade(address)
        let postgres = try PostgresCaseStore(address: address)
        let before = try file.verify(extending: [])
        let copied = try postgres.copy(from: file, expectedHead: before.ledger)
        #expect(copied.problems.isEmpty)
        #expect(copied.ledger == before.ledger)
        #expect(copied.counts == before.counts)
        #expect(try postgres.verify(extending: [before.ledger?.head ?? ""]).problems.isEmpty)
        for number in 1...30 { #expect(try postgres.loadCase(String(number)) == file.loadCase(String(number))) }
        #expect(try postgres.staffChanges() == file.staffChanges())
        #expect(try postgres.publications() == file.publications())
        // The schema's rules are on again: history stays as it is, and the store goes on writing after it.
        let next = try Fixture.open(postgres, workflow: try #require(try file.loadCase("1")).state.workflow)
        #expect(next.number == 31)
        #expect(try postgres.verify(extending: [before.ledger?.head ?? ""]).problems.isEmpty)
        // A second copy of the office is refused, with nothing written.
        #expect(storeErrorCode { _ = try postgres.copy(from: file) } == "already-set-up")
        #expect(try postgres.cases(matching: CaseFilter()).count == 31)
    }

    /// A source that gives up half way, or whose rows do not verify: nothing of the copy is kept.
    struct CutShort: StoreCopySource {
        let inner: SQLiteCaseStore
        let tamper: Bool

        struct Stopped: Error {}

        func copyRows(_ body: (String, [String], [[StoredValue]]) throws -> Void) throws {
            try inner.copyRows { table, columns, rows in
                if table == "events", !tamper { throw Stopped() }
                if table == "events", tamper, let payload = columns.firstIndex(of: "by_user") {
                    try body(table, columns, rows.map { row in
                        var row = row
                        row[payload] = .text("mallory")
                        return row
                    })
                    return
                }
                try body(table, columns, rows)
            }
        }
    }

    @Test(arguments: [false, true]) func aCopyCutShortOrDamagedLeavesNothing(tamper: Bool) throws {
        let scratch = try Scratch()
        let (file, _) = try Self.sqliteOffice(scratch)
        let address = try Self.emptyDatabase(scratch)
        try PostgresCaseStore.upgrade(address)
        let postgres = try PostgresCaseStore(address: address)
        let error = caught { _ = try postgres.copy(from: CutShort(inner: file, tamper: tamper)) }
        #expect(error != nil)
        if tamper { #expect((error as? StoreError)?.code.rawValue == "corrupt") }
        #expect(try postgres.office() == nil)
        #expect(try postgres.cases(matching: CaseFilter()).isEmpty)
        #expect(try postgres.ledgerHead() == nil)
        // And the copy can be made again, whole.
        #expect(try postgres.copy(from: file).problems.isEmpty)
    }

    private func factoryReopen(_ scratch: Scratch) throws -> any CaseStore { try StoreFactory.postgres.reopen(scratch) }

    // MARK: An office's database: the server decides who acts and what they may do

    /// An office's database as a province would set it up: owned by a role that may create roles
    /// (not a superuser), which upgrades it and sets it up, and so is its first administrator.
    struct Office {
        let owner: PostgresAddress
        let suffix: String

        init(_ scratch: Scratch) throws {
            suffix = String(TestPostgres.databaseName(for: scratch).suffix(10))
            let admin = try PostgresStoreTests.superuser()
            defer { admin.close() }
            let database = TestPostgres.databaseName(for: scratch)
            try admin.query("CREATE ROLE kepala_\(suffix) LOGIN CREATEROLE PASSWORD 'kepala'")
            try admin.query("CREATE DATABASE \(database) OWNER kepala_\(suffix)")
            owner = try Self.login("kepala_\(suffix)", password: "kepala", database: database)
            try PostgresCaseStore.upgrade(owner)
            let store = try PostgresCaseStore(address: owner)
            try store.setUp(OfficeSetup(identity: .server, createdAt: Fixture.monday, createdBy: "kepala_\(suffix)"))
        }

        static func login(_ user: String, password: String, database: String) throws -> PostgresAddress {
            var address = try TestPostgres.server()
            address.user = user
            address.password = password
            address.database = database
            return address
        }

        /// A login role of the server, with a password, in no role of the database yet.
        func person(_ name: String) throws -> (user: String, address: PostgresAddress) {
            let user = "\(name)_\(suffix)"
            let admin = try PostgresStoreTests.superuser()
            defer { admin.close() }
            try admin.query("CREATE ROLE \(user) LOGIN PASSWORD 'rahasia'")
            return (user, try Self.login(user, password: "rahasia", database: owner.database))
        }
    }

    @Test func onAnOfficesDatabaseTheServerSaysWhoActsAndWhatTheyMayDo() throws {
        let scratch = try Scratch()
        let office = try Office(scratch)
        let head = try PostgresCaseStore(address: office.owner)
        let kepala = head.sessionUser
        #expect(kepala == office.owner.user)
        let reference = WorkflowReference(
            id: "pengaduan-langsung", revision: 1,
            contentHash: try head.storeWorkflowText(Fixture.yaml, workflow: "pengaduan-langsung", revision: 1))
        _ = try head.publish([.workflow(WorkflowText(text: Fixture.yaml, workflow: "pengaduan-langsung", revision: 1))], by: kepala, at: Fixture.monday)

        // Someone the server knows, but not staff of this office: not even let in.
        let (eve, eveAddress) = try office.person("eve")
        #expect(storeErrorCode { _ = try PostgresCaseStore(address: eveAddress) } == "permission-denied")
        // A member of staff, made so by an administrator: the grant is the server's.
        let (budi, budiAddress) = try office.person("budi")
        try head.addStaff(budi, roles: ["front-office"], by: kepala, at: Fixture.monday)
        let asBudi = try PostgresCaseStore(address: budiAddress)
        #expect(asBudi.sessionUser == budi)
        let opened = try asBudi.openCase(at: Fixture.monday) { number, registerNumber in
            Fixture.opening(number, registerNumber, workflow: reference).map { event in
                var event = event
                event.by = budi
                return event
            }
        }
        #expect(opened.number == 1)
        // Records that name someone else than the user the server authenticated are refused.
        #expect(storeErrorCode {
            _ = try asBudi.append(Fixture.advance(opened, to: "verifikasi", at: Fixture.monday, by: "ani"), to: 1, expectedVersion: opened.version)
        } == "permission-denied")
        // Staff may not change the registry, publish, or set notices: the server refuses, nothing is written.
        #expect(storeErrorCode { try asBudi.addStaff(budi, roles: ["admin"], by: budi, at: Fixture.monday) } == "permission-denied")
        #expect(storeErrorCode { try asBudi.removeStaff(kepala, roles: nil, by: budi, at: Fixture.monday) } == "permission-denied")
        #expect(storeErrorCode {
            _ = try asBudi.publish([.calendar(id: "libur", text: "tahun: 2026\n")], by: budi, at: Fixture.monday)
        } == "permission-denied")
        #expect(try head.staffMember(budi)?.roles == ["front-office"])
        // Nor change or delete history by hand, even with a session of their own.
        let raw = try PGSession.connect(budiAddress)
        for sql in ["UPDATE events SET by_user = 'x'", "DELETE FROM events", "DELETE FROM ledger", "UPDATE staff_changes SET roles = '[]'",
                    "INSERT INTO staff_roles (user_name, role) VALUES ('\(budi)', 'admin')"] {
            #expect((caught { try raw.query(sql) } as? PGFailure)?.state == "42501", "\(sql)")
        }
        raw.close()
        // A reader (an auditor) reads everything and writes nothing.
        let (inspektorat, readerAddress) = try office.person("inspektorat")
        let admin = try Self.superuser()
        try admin.query("GRANT \(office.owner.database)_reader TO \(inspektorat)")
        admin.close()
        let asReader = try PostgresCaseStore(address: readerAddress)
        #expect(try asReader.loadCase("1")?.state == opened)
        #expect(try asReader.verify(extending: []).problems.isEmpty)
        #expect(storeErrorCode { _ = try asReader.storeAttachment(Data("x".utf8)) } == "permission-denied")
        // An administrator made by the first one may make others, and take them away again.
        let (ani, aniAddress) = try office.person("ani")
        try head.addStaff(ani, roles: ["admin"], by: kepala, at: Fixture.monday)
        let asAni = try PostgresCaseStore(address: aniAddress)
        try asAni.addStaff(eve, roles: ["tim-pengaduan"], by: ani, at: Fixture.monday)
        _ = try PostgresCaseStore(address: eveAddress)
        try asAni.removeStaff(eve, roles: nil, by: ani, at: Fixture.monday)
        #expect(storeErrorCode { _ = try PostgresCaseStore(address: eveAddress) } == "permission-denied")
        // A user the server does not know cannot be made staff.
        #expect(storeErrorCode { try asAni.addStaff("tidak_ada_\(office.suffix)", roles: ["front-office"], by: ani, at: Fixture.monday) }
            == "no-database-role")
        #expect(try head.staffMember("tidak_ada_\(office.suffix)") == nil)
        #expect(try head.verify(extending: []).problems.isEmpty)
        _ = eve
    }
}

import Foundation
import GRDB
import SOPEngine
import SOPModel
import Testing
@testable import SOPStorage
@testable import SOPStore

/// What the SQLite store adds to the contract: its schema refuses changes to history, and its
/// tables hold each content and each fact once.
@Suite("SQLite store: schema and rows") struct SQLiteStoreTests {
    @Test func eventsCannotBeChangedOrDeleted() throws {
        let scratch = try Scratch()
        let (store, reference, _) = try Fixture.store(scratch)
        try Fixture.open(store, workflow: reference)
        for sql in [
            "UPDATE events SET by_user = 'mallory' WHERE case_number = 1",
            "DELETE FROM events WHERE case_number = 1 AND sequence = 2",
            "DELETE FROM events",
            "INSERT INTO events (case_number, sequence, at, by_user, kind, payload) VALUES (99, 1, 0, 'x', 'opened', '{}')",
            "DELETE FROM cases",
        ] {
            let error = caught { try store.database.write { (db: Database) throws in try db.execute(sql: sql) } }
            let databaseError = try #require(error as? DatabaseError, "\(sql)")
            #expect(databaseError.resultCode == .SQLITE_CONSTRAINT, "\(sql)")
        }
        let stored = try #require(try store.loadCase("1"))
        #expect(stored.events == Fixture.opening(1, "067/PGD/2026/000001", workflow: reference))
    }

    @Test func aRefusedOpeningWritesNoRow() throws {
        let scratch = try Scratch()
        let (store, _, _) = try Fixture.store(scratch)
        _ = caught { _ = try store.openCase(at: Fixture.monday) { _, _ in throw CaseStoreContractTests.EngineSaidNo(why: "no") } }
        #expect(try integer(store, "SELECT COUNT(*) FROM events") == 0)
        #expect(try integer(store, "SELECT COUNT(*) FROM cases") == 0)
    }

    @Test func aCaseRowHoldsItsStateToTheBit() throws {
        let scratch = try Scratch()
        let (store, reference, _) = try Fixture.store(scratch)
        var state = try Fixture.open(store, workflow: reference)
        let instant = Date(timeIntervalSinceReferenceDate: 8.0e8 + 0.123_456_789)
        state = try store.append(Fixture.advance(state, to: "verifikasi", at: instant), to: 1, expectedVersion: state.version)
        try store.database.read { (db: Database) throws in
            let row = try #require(try Row.fetchOne(db, sql: "SELECT version, due_at, step_due_at FROM cases WHERE number = 1"))
            #expect(row[0] as Int == state.version)
            #expect(row[1] as Double == state.dueAt.timeIntervalSince1970)
            #expect(row[2] as Double? == state.active?.dueAt?.timeIntervalSince1970)
        }
    }

    @Test func contentIsStoredOnce() throws {
        let scratch = try Scratch()
        let store = try SQLiteCaseStore(path: scratch.path())
        _ = try store.storeAttachment(Data("abc".utf8))
        _ = try store.storeAttachment(Data("abc".utf8))
        _ = try store.storeAttachment(Data())
        #expect(try integer(store, "SELECT COUNT(*) FROM attachments") == 2)
        _ = caught { _ = try SQLiteCaseStore(path: scratch.path(), attachmentLimit: 2).storeAttachment(Data(count: 3)) }
        #expect(try integer(store, "SELECT COUNT(*) FROM attachments") == 2)
        let text = "schema: sop/v1\nid: pengaduan\n"
        _ = try store.storeWorkflowText(text, workflow: "pengaduan", revision: 2)
        _ = try store.storeWorkflowText(text, workflow: "pengaduan", revision: 2)
        #expect(try integer(store, "SELECT COUNT(*) FROM workflow_texts") == 1)
    }

    @Test func removingAUserLeavesNoRoles() throws {
        let scratch = try Scratch()
        let store = try SQLiteCaseStore(path: scratch.path())
        try store.addStaff("budi", roles: ["front-office", "tim-pengaduan"], by: "budi", at: Fixture.monday)
        try store.removeStaff("budi", roles: nil, by: "budi", at: Fixture.monday)
        #expect(try integer(store, "SELECT COUNT(*) FROM staff_roles") == 0)
    }

    /// The file holds personal data: a new one is the owner's alone, whatever the umask; an
    /// existing one keeps the mode the office gave it.
    @Test func aNewFileIsReadableByItsOwnerOnly() throws {
        let scratch = try Scratch()
        let old = umask(0o022)
        defer { umask(old) }
        let store = try SQLiteCaseStore(path: scratch.path())
        try store.addStaff("budi", roles: ["front-office"], by: "budi", at: Fixture.monday)
        for name in try scratch.files() {
            let mode = try #require(try FileManager.default.attributesOfItem(atPath: scratch.path(name))[.posixPermissions] as? Int)
            #expect(mode == 0o600, "\(name): \(String(mode, radix: 8))")
        }
        chmod(scratch.path(), 0o660)
        _ = try SQLiteCaseStore(path: scratch.path())
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: scratch.path())[.posixPermissions] as? Int)
        #expect(mode == 0o660)
    }

    /// An office's shared folder (a group, the setgid bit): a new file is for the group too.
    @Test func aNewFileInAGroupFolderIsTheGroups() throws {
        let scratch = try Scratch()
        let old = umask(0o022)
        defer { umask(old) }
        chmod(scratch.folder.path, 0o2770)
        let store = try SQLiteCaseStore(path: scratch.path())
        try store.addStaff("budi", roles: ["front-office"], by: "budi", at: Fixture.monday)
        for name in try scratch.files() {
            let mode = try #require(try FileManager.default.attributesOfItem(atPath: scratch.path(name))[.posixPermissions] as? Int)
            #expect(mode == 0o660, "\(name): \(String(mode, radix: 8))")
        }
    }

    /// On an office's database the schema opens cases only on published revisions; only an
    /// administrator publishes, and a publication is kept for good.
    @Test func theSchemaKeepsPublications() throws {
        let scratch = try Scratch()
        let store = try SQLiteCaseStore(path: scratch.path())
        try store.setUp(OfficeSetup(identity: .system, createdAt: Fixture.monday, createdBy: "admin"))
        try store.addStaff("budi", roles: ["front-office"], by: "admin", at: Fixture.monday)
        let published = WorkflowText(text: "schema: sop/v1\nid: pengaduan\nrevision: 1\n", workflow: "pengaduan", revision: 1)
        let unpublished = WorkflowText(text: "schema: sop/v1\nid: pengaduan\nrevision: 2\n", workflow: "pengaduan", revision: 2)
        #expect(storeErrorCode { _ = try store.publish([.workflow(published)], by: "budi", at: Fixture.monday) } == "not-administrator")
        #expect(try store.publish([.workflow(published)], by: "admin", at: Fixture.monday).map(\.number) == [1])
        #expect(try store.publish([.workflow(published)], by: "admin", at: Fixture.monday).isEmpty)
        let other = WorkflowText(text: published.text + "# lain\n", workflow: "pengaduan", revision: 1)
        #expect(storeErrorCode { _ = try store.publish([.workflow(other)], by: "admin", at: Fixture.monday) } == "revision-published")
        _ = try store.storeWorkflowText(unpublished.text, workflow: "pengaduan", revision: 2)
        let row = "INSERT INTO cases (number, register_number, workflow_id, revision, content_hash, status, opened_at, due_at, version, history) "
            + "VALUES (1, 'R1', 'pengaduan', %d, '%@', 'open', 0, 0, 1, '')"
        #expect(throws: DatabaseError.self) {
            try store.database.write { db in try db.execute(sql: String(format: row, 2, unpublished.hash)) }
        }
        for sql in ["UPDATE publications SET by_user = 'budi'", "DELETE FROM publications",
                    "INSERT INTO publications (kind, item_id, revision, hash, at, by_user) VALUES ('workflow', 'pengaduan', 2, '\(unpublished.hash)', 0, 'budi')"] {
            #expect(throws: DatabaseError.self, "\(sql)") { try store.database.write { db in try db.execute(sql: sql) } }
        }
        #expect(try store.publications().count == 1)
    }

    /// What the registry must hold true, the schema holds, whoever writes: sqlite3 by hand too.
    @Test func theSchemaKeepsTheRegistrysRules() throws {
        let scratch = try Scratch()
        let store = try SQLiteCaseStore(path: scratch.path())
        try store.setUp(OfficeSetup(identity: .system, createdAt: Fixture.monday, createdBy: "admin"))
        try store.addStaff("budi", roles: ["tim-pengaduan"], by: "admin", at: Fixture.monday)
        let refused = [
            "DELETE FROM staff_roles WHERE role = 'admin'",
            "DELETE FROM staff WHERE user_name = 'admin'",
            "INSERT INTO staff_changes (at, by_user, change, user_name, roles) VALUES (0, 'budi', 'added', 'budi', '[\"admin\"]')",
            "UPDATE staff_changes SET by_user = 'budi'",
            "DELETE FROM staff_changes",
            "UPDATE office SET identity = 'declared'",
            "DELETE FROM office",
            "INSERT INTO office (id, identity, created_at, created_by) VALUES (2, 'declared', 0, 'budi')",
        ]
        for sql in refused {
            #expect(throws: DatabaseError.self, "\(sql)") { try store.database.write { db in try db.execute(sql: sql) } }
        }
        #expect(try store.staffMember("admin")?.roles == ["admin"])
        #expect(try store.staffChanges().count == 2)
        #expect(try store.office()?.identity == .system)
    }
}

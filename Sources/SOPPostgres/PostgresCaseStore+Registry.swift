import Foundation
import SOPCore
import SOPEngine
import SOPModel
import SOPStorage

/// The ledger in PostgreSQL (`Chain`): one row per entry, appended by every write in the write's
/// own transaction, never changed; the same entries, digests and heads as SQLite's.
enum PGLedger {
    /// Appends an entry after the newest one, inside the caller's transaction (which holds the
    /// store's write lock); for a record other than a case, its digest is read back from the row
    /// just written, so it is the digest `sop verify` computes.
    static func append(_ kind: LedgerEntry.Kind, item: Int, version: Int? = nil, digest: String? = nil, _ db: PGSession) throws {
        let last = try db.one("SELECT number, head FROM ledger ORDER BY number DESC LIMIT 1")
        let (number, overflow) = (last?[0].int ?? 0).addingReportingOverflow(1)
        guard !overflow, let previous = last == nil ? Chain.genesis : last?[1].string else {
            throw StoreError.corrupt("ledger", "its newest entry cannot be read or followed")
        }
        guard let digest = try digest ?? recordDigest(kind, item: item, db) else {
            throw StoreError.invalidEvents("the \(kind.rawValue) \(item) to enter in the ledger is not there")
        }
        let entry = LedgerEntry(number: number, kind: kind, item: item, version: version, digest: digest)
        let head = Chain.ledgerHead(previous: previous, entry: entry)
        try db.query(
            "INSERT INTO ledger (number, kind, item, version, digest, head) VALUES ($1, $2, $3, $4, $5, $6)",
            [PGValue(number), .text(kind.rawValue), PGValue(item), PGValue(version), .text(digest), .text(head)])
        db.ledgerHeadWritten = head
    }

    /// The ledger's newest entry and head.
    static func head(_ db: PGSession) throws -> LedgerHead? {
        guard let row = try db.one("SELECT number, head FROM ledger ORDER BY number DESC LIMIT 1") else { return nil }
        guard let entries = row[0].int, let head = row[1].string else {
            throw StoreError.corrupt("ledger", "its newest entry cannot be read")
        }
        return LedgerHead(entries: entries, head: head)
    }

    /// The digest of a record other than a case, from its row(s) as they stand (the queries of
    /// SQLite's ledger, column for column); nil when there is no such record.
    static func recordDigest(_ kind: LedgerEntry.Kind, item: Int, _ db: PGSession) throws -> String? {
        let queries: [String] = switch kind {
        case .office: ["SELECT id, identity, created_at, created_by FROM office WHERE id = $1"]
        case .staffChange:
            ["SELECT number, at, by_user, change, user_name, roles, member_removed FROM staff_changes WHERE number = $1"]
        case .publication: ["SELECT number, kind, item_id, revision, hash, at, by_user FROM publications WHERE number = $1"]
        case .reveal: ["SELECT number, at, by_user, case_number, command FROM reveals WHERE number = $1"]
        case .move:
            [
                "SELECT number, workflow_id, to_revision, to_hash, mapping, by_user, at FROM workflow_migrations WHERE number = $1",
                """
                SELECT case_number, register_number, from_revision, from_hash, from_step, to_step, sequence
                FROM workflow_migration_cases WHERE migration = $1 ORDER BY case_number
                """,
            ]
        case .moveUndone:
            [
                "SELECT number, undone_by, undone_at FROM workflow_migrations WHERE number = $1 AND undone_by IS NOT NULL",
                "SELECT case_number, undo_sequence FROM workflow_migration_cases WHERE migration = $1 ORDER BY case_number",
            ]
        case .case: []
        }
        guard let first = queries.first else { return nil }
        guard let head = try db.one(first, [PGValue(item)]) else { return nil }
        var values = head.values.map(\.chainValue)
        for query in queries.dropFirst() {
            for row in try db.query(query, [PGValue(item)]) { values += row.values.map(\.chainValue) }
        }
        return Chain.digest(values)
    }
}

/// The set-up, the staff registry and its history, publications and reveals.
extension PostgresCaseStore {
    // MARK: Office

    public func office() throws -> OfficeSetup? {
        try read { db in try Self.office(db) }
    }

    static func office(_ db: PGSession) throws -> OfficeSetup? {
        guard let row = try db.one("SELECT identity, created_at, created_by FROM office WHERE id = 1") else { return nil }
        let identity = row[0].string ?? ""
        guard let mode = OfficeSetup.Identity(rawValue: identity) else {
            throw StoreError.corrupt("office", "the identity mode '\(identity)' is not one sop writes")
        }
        return OfficeSetup(identity: mode, createdAt: row[1].date ?? Date(timeIntervalSince1970: 0), createdBy: row[2].string ?? "")
    }

    public func setUp(_ setup: OfficeSetup) throws {
        try Self.checkName(setup.createdBy, Text(id: "nama pengguna", en: "a user's name"))
        try write { db in
            if let existing = try Self.office(db) { throw StoreError.alreadySetUp(name, by: existing.createdBy) }
            try db.query(
                "INSERT INTO office (id, identity, created_at, created_by) VALUES (1, $1, $2, $3)",
                [.text(setup.identity.rawValue), PGValue(setup.createdAt), .text(setup.createdBy)])
            try PGLedger.append(.office, item: 1, db)
            try grant(setup.createdBy, roles: [Performer.administratorRole.rawValue], by: setup.createdBy, at: setup.createdAt, db)
        }
    }

    /// On an office's database on the server (`server` identity), gives a member of staff the database roles their sop roles need
    /// (`<database>_staff`; `_admin` too, able to grant both on, for an administrator), or takes
    /// them away, in the registry's transaction: PostgreSQL, not sop, then decides what they may
    /// write. The user must be a role of the server already (its administrator creates it, with
    /// its password or certificate: `CREATE ROLE budi LOGIN`).
    private func grantDatabaseRoles(_ user: String, administrator: Bool, _ db: PGSession) throws {
        guard try Self.office(db)?.identity == .server else { return }
        let member = Self.identifier(user)
        let roles = ["reader", "staff"].map { Self.identifier(databaseRole($0)) }.joined(separator: ", ")
        if administrator {
            try db.query("GRANT \(roles), \(Self.identifier(databaseRole("admin"))) TO \(member) WITH ADMIN OPTION")
        } else {
            try db.query("GRANT \(roles) TO \(member)")
        }
    }

    /// Takes the database's roles away from a user leaving the registry (`all`), or the
    /// administrators' role from one who is no longer one.
    private func revokeDatabaseRoles(_ user: String, all: Bool, _ db: PGSession) throws {
        guard try Self.office(db)?.identity == .server else { return }
        let kinds = all ? ["admin", "staff", "reader"] : ["admin"]
        for kind in kinds {
            try db.query("REVOKE \(Self.identifier(databaseRole(kind))) FROM \(Self.identifier(user))")
        }
    }

    // MARK: Staff

    public func addStaff(_ user: String, roles: [String], by actor: String, at instant: Date) throws {
        try Self.checkName(user, Text(id: "nama pengguna", en: "a user's name"))
        for role in roles { try Self.checkName(role, Text(id: "nama peran", en: "a role")) }
        try write { db in try grant(user, roles: roles, by: actor, at: instant, db) }
    }

    private func grant(_ user: String, roles: [String], by actor: String, at instant: Date, _ db: PGSession) throws {
        let held = Set(try db.query("SELECT role FROM staff_roles WHERE user_name = $1", [.text(user)]).compactMap { $0[0].string })
        let isMember = try db.one("SELECT 1 FROM staff WHERE user_name = $1", [.text(user)]) != nil
        let granted = Set(roles).subtracting(held).sorted()
        guard !granted.isEmpty || !isMember else { return }
        // The change first: the schema lets only an administrator record one.
        try Self.recordChange(.added, user: user, roles: granted, memberRemoved: false, by: actor, at: instant, db)
        try db.query(
            "INSERT INTO staff (user_name, added_at) VALUES ($1, $2) ON CONFLICT (user_name) DO NOTHING", [.text(user), PGValue(instant)])
        for role in granted {
            try db.query("INSERT INTO staff_roles (user_name, role) VALUES ($1, $2)", [.text(user), .text(role)])
        }
        try grantDatabaseRoles(user, administrator: held.union(granted).contains(Performer.administratorRole.rawValue), db)
    }

    public func removeStaff(_ user: String, roles: [String]?, by actor: String, at instant: Date) throws {
        try write { db in
            guard try db.one("SELECT 1 FROM staff WHERE user_name = $1", [.text(user)]) != nil else { throw StoreError.unknownUser(user) }
            let held = try db.query("SELECT role FROM staff_roles WHERE user_name = $1 ORDER BY role", [.text(user)]).compactMap { $0[0].string }
            for role in roles ?? [] where !held.contains(role) {
                throw StoreError.unknownRole(user: user, role: role, held: held)
            }
            let withdrawn = roles.map { Set($0).sorted() } ?? held
            try Self.recordChange(.removed, user: user, roles: withdrawn, memberRemoved: roles == nil, by: actor, at: instant, db)
            let administrator = Performer.administratorRole.rawValue
            if withdrawn.contains(administrator) {
                let administrators = try db.one("SELECT COUNT(*) FROM staff_roles WHERE role = $1", [.text(administrator)])?[0].int ?? 0
                if administrators <= 1 { throw StoreError.lastAdministrator(user) }
            }
            if roles == nil {
                try db.query("DELETE FROM staff WHERE user_name = $1", [.text(user)])
            } else {
                for role in withdrawn {
                    try db.query("DELETE FROM staff_roles WHERE user_name = $1 AND role = $2", [.text(user), .text(role)])
                }
            }
            if roles == nil || withdrawn.contains(administrator) { try revokeDatabaseRoles(user, all: roles == nil, db) }
        }
    }

    private static func recordChange(
        _ change: StaffChange.Change, user: String, roles: [String], memberRemoved: Bool, by actor: String, at instant: Date,
        _ db: PGSession
    ) throws {
        let list = String(decoding: try JSONEncoder().encode(roles), as: UTF8.self)
        let number = try nextNumber("staff_changes", db)
        try asAdministrator(actor) {
            try db.query(
                """
                INSERT INTO staff_changes (number, at, by_user, change, user_name, roles, member_removed)
                VALUES ($1, $2, $3, $4, $5, $6, $7)
                """,
                [PGValue(number), PGValue(instant), .text(actor), .text(change.rawValue), .text(user), .text(list),
                 PGValue(memberRemoved ? 1 : 0)])
        }
        try PGLedger.append(.staffChange, item: number, db)
    }

    /// The number after the highest in a table's `number` column (1 for the first), inside a write
    /// (which holds the store's lock, so no one else takes it meanwhile).
    static func nextNumber(_ table: String, _ db: PGSession) throws -> Int {
        precondition(table.allSatisfy { $0.isLetter || $0 == "_" }, "a table of the schema")
        return try db.one("SELECT COALESCE(MAX(number), 0) + 1 FROM \(table)")?[0].int ?? 1
    }

    public func staffChanges() throws -> [StaffChange] {
        try read { db in
            try db.query("SELECT number, at, by_user, change, user_name, roles, member_removed FROM staff_changes ORDER BY number").map { row in
                guard let kind = StaffChange.Change(rawValue: row[3].string ?? ""),
                      let list = try? JSONDecoder().decode([String].self, from: Data((row[5].string ?? "").utf8))
                else { throw StoreError.corrupt(name, "registry change \(row[0].int ?? 0) cannot be read") }
                return StaffChange(
                    number: row[0].int ?? 0, at: row[1].date ?? Date(timeIntervalSince1970: 0), by: row[2].string ?? "", change: kind,
                    user: row[4].string ?? "", roles: list, memberRemoved: row[6].int == 1)
            }
        }
    }

    public func staff() throws -> [StaffMember] {
        try read { db in try Self.members(db, user: nil) }
    }

    public func staffMember(_ user: String) throws -> StaffMember? {
        try read { db in try Self.members(db, user: user).first }
    }

    static func members(_ db: PGSession, user: String?) throws -> [StaffMember] {
        var sql = """
            SELECT staff.user_name, staff.added_at, staff_roles.role
            FROM staff LEFT JOIN staff_roles ON staff_roles.user_name = staff.user_name
            """
        var values: [PGValue] = []
        if let user {
            sql += " WHERE staff.user_name = $1"
            values.append(.text(user))
        }
        // Byte order, as SQLite sorts text.
        sql += " ORDER BY staff.user_name COLLATE \"C\", staff_roles.role COLLATE \"C\""
        var members: [StaffMember] = []
        for row in try db.query(sql, values) {
            let name = row[0].string ?? ""
            if members.last?.user != name {
                members.append(StaffMember(user: name, roles: [], addedAt: row[1].date ?? Date(timeIntervalSince1970: 0)))
            }
            if let role = row[2].string { members[members.count - 1].roles.append(role) }
        }
        return members
    }

    // MARK: Publications

    public func publish(
        _ texts: [PublishedText], by actor: String, at instant: Date, rescheduling revisions: Set<WorkflowReference>,
        _ make: (StoredCase) throws -> [CaseEvent]
    ) throws -> PublicationRecord {
        try write { db in
            let publications = try Self.recordPublications(texts, by: actor, at: instant, db)
            var cases: [AppendedCase] = []
            for (number, version) in try Self.openCaseVersions(on: revisions, db) {
                let stored = try folded(number, version: version, db)
                let events = try make(stored)
                guard !events.isEmpty else { continue }
                let state = try append(events, attachments: [], to: number, expectedVersion: version, from: stored.state, db)
                cases.append(AppendedCase(state: state, events: events))
            }
            return PublicationRecord(publications: publications, cases: cases)
        }
    }

    public func openCaseRevisions() throws -> [WorkflowReference] {
        try read { db in
            try db.query("""
                SELECT workflow_id, revision, content_hash FROM (
                    SELECT DISTINCT workflow_id, revision, content_hash FROM cases WHERE status IN ('open', 'waiting-for-reporter')
                ) AS revisions
                ORDER BY workflow_id COLLATE "C", revision, content_hash COLLATE "C"
                """).map { Self.reference($0, from: 0) }
        }
    }

    public func openCases(on revisions: Set<WorkflowReference>) throws -> [StoredCase] {
        try read { db in
            try Self.openCaseVersions(on: revisions, db).map { try folded($0.number, version: $0.version, db) }
        }
    }

    private static func openCaseVersions(on revisions: Set<WorkflowReference>, _ db: PGSession) throws -> [(number: Int, version: Int)] {
        guard !revisions.isEmpty else { return [] }
        return try db.query("""
            SELECT number, version, workflow_id, revision, content_hash FROM cases
            WHERE status IN ('open', 'waiting-for-reporter') ORDER BY number
            """).compactMap { row in
            revisions.contains(reference(row, from: 2)) ? (row[0].int ?? 0, row[1].int ?? 0) : nil
        }
    }

    private static func recordPublications(_ texts: [PublishedText], by actor: String, at instant: Date, _ db: PGSession) throws -> [Publication] {
        var recorded: [Publication] = []
        for text in texts {
            let kind: Publication.Kind
            let id: String
            let revision: Int?
            switch text {
            case .workflow(let workflow):
                kind = .workflow
                id = workflow.workflow.rawValue
                revision = workflow.revision
                let published = try db.one(
                    "SELECT hash FROM publications WHERE kind = 'workflow' AND item_id = $1 AND revision = $2",
                    [.text(id), PGValue(workflow.revision)])?[0].string
                if published == text.hash { continue }
                if published != nil { throw StoreError.revisionPublished(id, revision: workflow.revision) }
                try insertWorkflowText(workflow, db)
            case .calendar(let calendar, let body):
                kind = .calendar
                id = calendar
                revision = nil
                let newest = try db.one(
                    "SELECT hash FROM publications WHERE kind = 'calendar' AND item_id = $1 ORDER BY number DESC LIMIT 1", [.text(id)])?[0].string
                if newest == text.hash { continue }
                try db.query(
                    "INSERT INTO calendar_texts (hash, calendar_id, text) VALUES ($1, $2, $3) ON CONFLICT (hash) DO NOTHING",
                    [.text(text.hash), .text(id), .text(body)])
            }
            let number = try nextNumber("publications", db)
            try asAdministrator(actor) {
                try db.query(
                    "INSERT INTO publications (number, kind, item_id, revision, hash, at, by_user) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                    [PGValue(number), .text(kind.rawValue), .text(id), PGValue(revision), .text(text.hash), PGValue(instant), .text(actor)])
            }
            try PGLedger.append(.publication, item: number, db)
            recorded.append(Publication(number: number, kind: kind, id: id, revision: revision, hash: text.hash, at: instant, by: actor))
        }
        return recorded
    }

    public func publications() throws -> [Publication] {
        try read { db in
            try db.query("SELECT number, kind, item_id, revision, hash, at, by_user FROM publications ORDER BY number").map { row in
                let kind = row[1].string ?? ""
                guard let known = Publication.Kind(rawValue: kind) else {
                    throw StoreError.corrupt(name, "publication \(row[0].int ?? 0) is of an unknown kind '\(kind)'")
                }
                return Publication(
                    number: row[0].int ?? 0, kind: known, id: row[2].string ?? "", revision: row[3].int, hash: row[4].string ?? "",
                    at: row[5].date ?? Date(timeIntervalSince1970: 0), by: row[6].string ?? "")
            }
        }
    }

    public func calendarText(hash: String) throws -> String? {
        guard ContentHash.isHex(hash.lowercased()) else { return nil }
        return try read { db in try db.one("SELECT text FROM calendar_texts WHERE hash = $1", [.text(hash.lowercased())])?[0].string }
    }

    // MARK: Reveals

    public func recordReveal(caseNumber: Int, by user: String, command: String, at instant: Date) throws {
        try write { db in
            let number = try Self.nextNumber("reveals", db)
            try db.query(
                "INSERT INTO reveals (number, at, by_user, case_number, command) VALUES ($1, $2, $3, $4, $5)",
                [PGValue(number), PGValue(instant), .text(user), PGValue(caseNumber), .text(command)])
            try PGLedger.append(.reveal, item: number, db)
        }
    }

    public func reveals(caseNumber: Int?) throws -> [Reveal] {
        try read { db in
            var sql = "SELECT number, at, by_user, case_number, command FROM reveals"
            var values: [PGValue] = []
            if let caseNumber {
                sql += " WHERE case_number = $1"
                values.append(PGValue(caseNumber))
            }
            return try db.query(sql + " ORDER BY number", values).map { row in
                Reveal(
                    number: row[0].int ?? 0, at: row[1].date ?? Date(timeIntervalSince1970: 0), by: row[2].string ?? "",
                    caseNumber: row[3].int ?? 0, command: row[4].string ?? "")
            }
        }
    }

    // MARK: Ledger

    public func ledgerHead() throws -> LedgerHead? {
        try read { db in try PGLedger.head(db) }
    }
}

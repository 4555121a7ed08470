import Foundation
import GRDB
import SOPCore
import SOPEngine
import SOPStorage

/// The set-up of the database and the staff registry, with the history of its changes.
extension SQLiteCaseStore {
    // MARK: Office

    /// How the database was set up; nil for a database no one has set up yet.
    public func office() throws -> OfficeSetup? {
        try read { db in try Self.office(db) }
    }

    static func office(_ db: Database) throws -> OfficeSetup? {
        guard let row = try Row.fetchOne(db, sql: "SELECT identity, created_at, created_by FROM office WHERE id = 1") else {
            return nil
        }
        let identity: String = row[0]
        guard let mode = OfficeSetup.Identity(rawValue: identity) else {
            throw StoreError.corrupt("office", "the identity mode '\(identity)' is not one sop writes")
        }
        return OfficeSetup(identity: mode, createdAt: Date(timeIntervalSince1970: row[1]), createdBy: row[2])
    }

    /// Sets a new database up: the set-up record and its first administrator, in one transaction.
    public func setUp(_ setup: OfficeSetup) throws {
        try Self.checkName(setup.createdBy, Text(id: "nama pengguna", en: "a user's name"))
        guard setup.identity != .server else {
            throw StoreError.notOnThisStore(
                path, Text(id: "disiapkan dengan identitas dari server basis data", en: "be set up with a database server's identity"),
                instead: Text(
                    id: "berkas SQLite mengenali penggunanya dari akun sistem operasi (bawaan) atau, untuk demo, --declared-identity",
                    en: "an SQLite file knows its users by their operating-system accounts (the default) or, for demos, --declared-identity"))
        }
        try write { db in
            if let existing = try Self.office(db) { throw StoreError.alreadySetUp(path, by: existing.createdBy) }
            try db.execute(
                sql: "INSERT INTO office (id, identity, created_at, created_by) VALUES (1, ?, ?, ?)",
                arguments: [setup.identity.rawValue, setup.createdAt.timeIntervalSince1970, setup.createdBy])
            try Ledger.append(.office, item: 1, db)
            try Self.grant(setup.createdBy, roles: [Performer.administratorRole.rawValue], by: setup.createdBy, at: setup.createdAt, db)
        }
    }

    // MARK: Staff

    /// Grants roles to a user (added to the registry when new; `addedAt` stays for one already
    /// there) and records the roles newly granted.
    public func addStaff(_ user: String, roles: [String], by actor: String, at instant: Date) throws {
        try Self.checkName(user, Text(id: "nama pengguna", en: "a user's name"))
        for role in roles { try Self.checkName(role, Text(id: "nama peran", en: "a role")) }
        try write { db in try Self.grant(user, roles: roles, by: actor, at: instant, db) }
    }

    private static func grant(_ user: String, roles: [String], by actor: String, at instant: Date, _ db: Database) throws {
        let held = Set(try String.fetchAll(db, sql: "SELECT role FROM staff_roles WHERE user_name = ?", arguments: [user]))
        let isMember = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM staff WHERE user_name = ?)", arguments: [user]) == true
        let granted = Set(roles).subtracting(held).sorted()
        guard !granted.isEmpty || !isMember else { return }
        // The change first: the schema lets only an administrator record one.
        try recordChange(.added, user: user, roles: granted, memberRemoved: false, by: actor, at: instant, db)
        try db.execute(
            sql: "INSERT INTO staff (user_name, added_at) VALUES (?, ?) ON CONFLICT (user_name) DO NOTHING",
            arguments: [user, instant.timeIntervalSince1970])
        for role in granted {
            try db.execute(sql: "INSERT INTO staff_roles (user_name, role) VALUES (?, ?)", arguments: [user, role])
        }
    }

    /// Withdraws roles from a user, or removes the user when `roles` is nil, and records it; an
    /// unknown user, a role not held, or the last administrator is refused with nothing written.
    public func removeStaff(_ user: String, roles: [String]?, by actor: String, at instant: Date) throws {
        try write { db in
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM staff WHERE user_name = ?)", arguments: [user]) == true
            else { throw StoreError.unknownUser(user) }
            let held = try String.fetchAll(
                db, sql: "SELECT role FROM staff_roles WHERE user_name = ? ORDER BY role", arguments: [user])
            for role in roles ?? [] where !held.contains(role) {
                throw StoreError.unknownRole(user: user, role: role, held: held)
            }
            let withdrawn = roles.map { Set($0).sorted() } ?? held
            // The change first, while the one who makes it still holds the role that allows it
            // (the schema refuses it from anyone else); the transaction rolls it back on a refusal.
            try Self.recordChange(.removed, user: user, roles: withdrawn, memberRemoved: roles == nil, by: actor, at: instant, db)
            let administrator = Performer.administratorRole.rawValue
            if withdrawn.contains(administrator) {
                let administrators = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM staff_roles WHERE role = ?", arguments: [administrator]) ?? 0
                if administrators <= 1 { throw StoreError.lastAdministrator(user) }
            }
            if roles == nil {
                try db.execute(sql: "DELETE FROM staff WHERE user_name = ?", arguments: [user])
            } else {
                for role in withdrawn {
                    try db.execute(sql: "DELETE FROM staff_roles WHERE user_name = ? AND role = ?", arguments: [user, role])
                }
            }
        }
    }

    private static func recordChange(
        _ change: StaffChange.Change, user: String, roles: [String], memberRemoved: Bool, by actor: String, at instant: Date,
        _ db: Database
    ) throws {
        let list = String(decoding: try JSONEncoder().encode(roles), as: UTF8.self)
        try asAdministrator(actor) {
            try db.execute(
                sql: "INSERT INTO staff_changes (at, by_user, change, user_name, roles, member_removed) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [instant.timeIntervalSince1970, actor, change.rawValue, user, list, memberRemoved])
        }
        try Ledger.append(.staffChange, item: Int(db.lastInsertedRowID), db)
    }

    /// Runs a write the schema lets only an administrator make (its triggers say "only an
    /// administrator …"); their refusal is `not-administrator`, for `task`.
    static func asAdministrator<T>(_ actor: String, to task: Text = StoreError.changingTheRegistry, _ write: () throws -> T) throws -> T {
        do {
            return try write()
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT && (error.message ?? "").contains("only an administrator") {
            throw StoreError.notAdministrator(actor, to: task)
        }
    }

    /// Every change of the staff registry, oldest first.
    public func staffChanges() throws -> [StaffChange] {
        try read { db in
            try Row.fetchAll(
                db, sql: "SELECT number, at, by_user, change, user_name, roles, member_removed FROM staff_changes ORDER BY number"
            ).map { row in
                let change: String = row[3]
                let roles: String = row[5]
                guard let kind = StaffChange.Change(rawValue: change),
                      let list = try? JSONDecoder().decode([String].self, from: Data(roles.utf8))
                else { throw StoreError.corrupt(path, "registry change \(row[0] as Int) cannot be read") }
                return StaffChange(
                    number: row[0], at: Date(timeIntervalSince1970: row[1]), by: row[2], change: kind, user: row[4],
                    roles: list, memberRemoved: row[6])
            }
        }
    }

    /// The whole staff registry, by user name.
    public func staff() throws -> [StaffMember] {
        try read { db in try Self.members(db, user: nil) }
    }

    /// One member of staff, or nil.
    public func staffMember(_ user: String) throws -> StaffMember? {
        try read { db in try Self.members(db, user: user).first }
    }

    private static func members(_ db: Database, user: String?) throws -> [StaffMember] {
        var sql = """
            SELECT staff.user_name, staff.added_at, staff_roles.role
            FROM staff LEFT JOIN staff_roles ON staff_roles.user_name = staff.user_name
            """
        var arguments = StatementArguments()
        if let user {
            sql += " WHERE staff.user_name = ?"
            arguments += [user]
        }
        sql += " ORDER BY staff.user_name, staff_roles.role"
        var members: [StaffMember] = []
        for row in try Row.fetchAll(db, sql: sql, arguments: arguments) {
            let name: String = row[0]
            if members.last?.user != name {
                members.append(StaffMember(user: name, roles: [], addedAt: Date(timeIntervalSince1970: row[1])))
            }
            if let role = row[2] as String? { members[members.count - 1].roles.append(role) }
        }
        return members
    }
}

import Foundation
import SOPCore
import SOPEngine
import SOPStorage

/// Who is acting and when, on a database as it was set up: the rules `sop` applies before any
/// command reads or writes a case.
public enum Identification {
    /// The acting user on a database set up as `office`.
    ///
    /// - On an office's database (`system`) it is the operating-system account running `sop`,
    ///   `account`; a name claimed with `--as` or `SOP_USER` (`claimed`) is refused unless it is
    ///   that account's own.
    /// - On a declared-identity database it is the name claimed (nil when none is: commands that
    ///   act then ask for one).
    public static func actingUser(office: OfficeSetup, account: String?, claimed: String?) throws(ServiceError) -> String? {
        let claimed = claimed.flatMap { $0.isEmpty ? nil : $0 }
        switch office.identity {
        case .declared:
            return claimed
        case .system, .server:
            guard let account, !account.isEmpty else {
                throw ServiceError(.identity, Text(
                    id: "akun sistem operasi yang menjalankan sop tidak dapat ditentukan (tidak ada di /etc/passwd), "
                        + "padahal basis data ini mengenali penggunanya dari akunnya: jalankan sop dari akun pengguna yang biasa",
                    en: "the operating-system account running sop cannot be found (it is not in /etc/passwd), and this database "
                        + "knows its users by their accounts: run sop from an ordinary user account"))
            }
            if let claimed, claimed != account {
                throw ServiceError(.identity, Text(
                    id: "basis data ini disiapkan untuk kantor: Anda bertindak sebagai akun sistem Anda, '\(account)', bukan '\(claimed)'; "
                        + "--as dan SOP_USER hanya berlaku pada basis data identitas-dinyatakan (demo, uji, latihan): "
                        + "hapus --as, atau `unset SOP_USER`",
                    en: "this database is set up for an office: you act as your system account, '\(account)', not '\(claimed)'; "
                        + "--as and SOP_USER apply only to declared-identity databases (demos, tests, training): "
                        + "leave out --as, or `unset SOP_USER`"))
            }
            return account
        }
    }

    /// The time of a command on a database set up as `office`: the system clock, or the time
    /// stated by `SOP_NOW` (`stated`), which only a declared-identity database honours.
    public static func time(office: OfficeSetup, clock: Date, stated: Date?) throws(ServiceError) -> Date {
        guard let stated else { return clock }
        guard office.identity == .declared else {
            throw ServiceError(.identity, Text(
                id: "basis data ini disiapkan untuk kantor: waktunya adalah jam sistem, dan SOP_NOW hanya berlaku pada basis data "
                    + "identitas-dinyatakan: `unset SOP_NOW` (untuk peristiwa yang terjadi lebih awal, sebutkan waktunya dengan --at)",
                en: "this database is set up for an office: its time is the system clock, and SOP_NOW applies only to "
                    + "declared-identity databases: `unset SOP_NOW` (for something that happened earlier, state its time with --at)"))
        }
        return stated
    }

    /// The warning every write on a declared-identity database prints.
    public static let declaredIdentityWarning = Text(
        id: "peringatan: basis data ini memakai identitas yang dinyatakan (--as, SOP_USER): siapa pun dapat bertindak sebagai "
            + "siapa pun, dan catatannya bukan bukti; untuk kantor, siapkan basis data dengan `sop init`",
        en: "warning: this database uses declared identity (--as, SOP_USER): anyone can act as anyone, and its record is no "
            + "evidence; for an office, set a database up with `sop init`")
}

extension CaseService {
    // MARK: Office

    /// How the database was set up; refused (`not-set-up`) for a database no one set up.
    public func office() throws(ServiceError) -> OfficeSetup {
        let office: OfficeSetup?
        do {
            office = try store.office()
        } catch {
            throw .store(error)
        }
        guard let office else {
            throw ServiceError(.notSetUp, Text(
                id: "basis data ini belum disiapkan: seorang administrator menyiapkannya dengan `sop init`",
                en: "this database has not been set up: an administrator sets it up with `sop init`"), isUnreadableInput: true)
        }
        return office
    }

    /// Sets a new database up, naming its first administrator.
    public func setUp(identity: OfficeSetup.Identity, administrator: String, at instant: Date) throws(ServiceError) -> OfficeSetup {
        try Self.checkUserName(administrator)
        let setup = OfficeSetup(identity: identity, createdAt: instant, createdBy: administrator)
        do {
            try store.setUp(setup)
        } catch let error as StoreError where error.code == .alreadySetUp {
            throw ServiceError(error.code, error.message)
        } catch {
            throw .store(error)
        }
        return setup
    }

    /// Every change of the staff registry, oldest first.
    public func staffChanges() throws(ServiceError) -> [StaffChange] {
        do {
            return try store.staffChanges()
        } catch {
            throw .store(error)
        }
    }

    /// A user in the registry who holds the `admin` role, for a thing only administrators do
    /// (`doing`: "change the staff registry", …).
    public func administrator(_ user: String?, doing: Text) throws(ServiceError) -> Performer {
        let performer = try performer(user)
        guard performer.isAdministrator else {
            let role = Performer.administratorRole
            throw ServiceError(.notAdministrator, Text(
                id: "pengguna '\(performer.user)' tidak boleh \(doing.id): hal itu wewenang administrator (peran '\(role)'); "
                    + "mintalah seorang administrator melakukannya",
                en: "user '\(performer.user)' may not \(doing.en): that is for administrators (role '\(role)'); "
                    + "ask an administrator to do it"))
        }
        return performer
    }

    /// Refuses a user name that is not letters, digits, `.`, `_` or `-` (at most 64).
    static func checkUserName(_ user: String) throws(ServiceError) {
        guard !user.isEmpty, user.count <= 64, user.allSatisfy({ $0.isLetter || $0.isNumber || "._-".contains($0) }) else {
            throw ServiceError(.user, Text(
                id: "nama pengguna terdiri atas huruf, angka, '.', '_', atau '-' (paling banyak 64): '\(user)' tidak demikian",
                en: "a user name is letters, digits, '.', '_' or '-' (at most 64): '\(user)' is not"))
        }
        guard user.lowercased() != Engine.systemUser else {
            throw ServiceError(.user, Text(
                id: "'\(Engine.systemUser)' adalah nama yang dipakai sop untuk yang dicatat oleh penyapuan (`sop tick`), bukan oleh staf; pilih nama lain",
                en: "'\(Engine.systemUser)' is the name sop gives to what the sweep (`sop tick`) records, not staff; choose another name"))
        }
    }

    // MARK: Staff

    /// Grants roles to a user: actor ids of any published workflow, or `admin` (who changes
    /// the registry, publishes revisions and moves cases between them). Only an administrator
    /// (`actor`) does it, and the registry records it.
    public func addStaff(_ user: String, roles: [String], by actor: String?, at instant: Date) throws(ServiceError) {
        let administrator = try administrator(actor, doing: Self.changingTheRegistry)
        try Self.checkUserName(user)
        guard !roles.isEmpty else { throw ServiceError(.user, Text(
            id: "berikan sedikitnya satu peran: `--role PELAKSANA`",
            en: "give at least one role: `--role ACTOR`")) }
        let known = Set(try publishedWorkflows().flatMap { $0.actors.filter { !$0.isExternal }.map(\.id.value.rawValue) })
            .union([Performer.administratorRole.rawValue])
        for role in roles where !known.contains(role) {
            let suggestion = ServiceError.suggestion(role, among: known)
            let list = known.sorted().joined(separator: ", ")
            throw ServiceError(.user, Text(
                id: "tidak ada alur kerja terbit yang memiliki pelaksana '\(role)'\(suggestion.id); perannya: \(list)",
                en: "no published workflow has an actor '\(role)'\(suggestion.en); roles are: \(list)"))
        }
        do {
            try store.addStaff(user, roles: roles, by: administrator.user, at: instant)
        } catch let error as StoreError where error.code == .notAdministrator {
            throw ServiceError(error.code, error.message)
        } catch {
            throw .store(error)
        }
    }

    /// Withdraws some roles of a user, or removes the user; only an administrator (`actor`) does
    /// it, the registry records it, and the last administrator stays.
    public func removeStaff(_ user: String, roles: [String]?, by actor: String?, at instant: Date) throws(ServiceError) {
        let administrator = try administrator(actor, doing: Self.changingTheRegistry)
        do {
            try store.removeStaff(user, roles: roles, by: administrator.user, at: instant)
        } catch let error as StoreError where [.unknownUser, .unknownRole, .lastAdministrator, .notAdministrator].contains(error.code) {
            throw ServiceError(error.code == .lastAdministrator || error.code == .notAdministrator ? error.code : .user, error.message)
        } catch {
            throw .store(error)
        }
    }

    /// The staff registry.
    public func staff() throws(ServiceError) -> [StaffMember] {
        do {
            return try store.staff()
        } catch {
            throw .store(error)
        }
    }

    static let changingTheRegistry = Text(id: "mengubah daftar petugas", en: "change the staff registry")
}

/// What `sop status` shows: how the database was set up, who is acting, the registry, and who
/// may read the file.
public struct DatabaseStatus: Hashable, Sendable, Codable {
    /// The database file.
    public var database: String
    /// How it was set up.
    public var office: OfficeSetup
    /// The acting user, when one is established (nil on a declared-identity database with none
    /// declared).
    public var user: String?
    /// The acting user's roles (empty when they are not in the registry).
    public var roles: [String]
    /// The administrators.
    public var administrators: [String]
    /// How many members the registry has.
    public var staff: Int
    /// The file's permissions (`0600`, …), when they can be read.
    public var permissions: String?
    /// Whether users outside the file's owner and group can read or write it.
    public var readableByOthers: Bool
    /// The ledger's newest entry and head: what to write down to prove later that the database
    /// still extends it (`sop verify --head`).
    public var ledger: LedgerHead?
}

extension CaseService {
    /// The status of the database at `path` for the acting user.
    public func status(path: String, name: String? = nil, user: String?) throws(ServiceError) -> DatabaseStatus {
        let office = try office()
        let members = try staff()
        let mode = (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? nil
        return DatabaseStatus(
            database: name ?? path, office: office, user: user, roles: members.first { $0.user == user }?.roles ?? [],
            administrators: members.filter { $0.roles.contains(Performer.administratorRole.rawValue) }.map(\.user),
            staff: members.count, permissions: mode.map { "0" + String($0 & 0o777, radix: 8) },
            readableByOthers: (mode ?? 0) & 0o007 != 0, ledger: try ledgerHead())
    }
}

/// The texts of the office's set-up and registry, as staff read them.
public enum OfficeText {
    /// `sop status` as text.
    public static func status(_ status: DatabaseStatus, language: Language) -> String {
        func tr(_ id: String, _ en: String) -> String { Text(id: id, en: en)(language) }
        var lines = [tr("Basis data: ", "Database: ") + status.database]
        switch status.office.identity {
        case .server:
            lines.append(tr(
                "Identitas: pengguna yang diautentikasi PostgreSQL (basis data kantor): server menentukan siapa Anda dan hak Anda",
                "Identity: the user PostgreSQL authenticated (an office's database): the server decides who you are and what you may do"))
        case .system:
            lines.append(tr(
                "Identitas: akun sistem operasi (basis data kantor): pengguna adalah akun yang menjalankan sop",
                "Identity: operating-system account (an office's database): the user is the account running sop"))
        case .declared:
            lines.append(tr(
                "Identitas: dinyatakan (--as, SOP_USER): untuk demo, uji dan latihan; catatannya bukan bukti",
                "Identity: declared (--as, SOP_USER): for demos, tests and training; its record is no evidence"))
        }
        let by = status.office.createdBy == "-" ? tr("sop versi lama", "an earlier sop") : status.office.createdBy
        lines.append(tr("Disiapkan: ", "Set up: ") + TimeText.date(status.office.createdAt, in: language) + tr(" oleh ", " by ") + by)
        if let user = status.user {
            let roles = status.roles.isEmpty ? tr("tidak terdaftar sebagai petugas", "not in the staff registry") : status.roles.joined(separator: ", ")
            lines.append(tr("Anda: ", "You: ") + "\(user) (\(roles))")
        } else {
            lines.append(tr("Anda: belum dinyatakan (--as, SOP_USER)", "You: not declared (--as, SOP_USER)"))
        }
        let administrators = status.administrators.isEmpty ? "-" : status.administrators.joined(separator: ", ")
        lines.append(tr("Petugas: \(status.staff); administrator: ", "Staff: \(status.staff); administrators: ") + administrators)
        if let permissions = status.permissions {
            lines.append(tr("Izin berkas: ", "File permissions: ") + permissions + (status.readableByOthers
                ? tr(" — peringatan: pengguna lain dapat membacanya (`chmod o-rwx`)", " — warning: other users can read it (`chmod o-rwx`)")
                : ""))
        }
        if let ledger = status.ledger {
            lines.append(tr("Buku besar: \(ledger.entries) entri, kepala ", "Ledger: \(ledger.entries) entries, head ") + ledger.head)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// The staff registry's history as text.
public enum StaffText {
    /// One line per change: when, who, what, whose roles.
    public static func changes(_ changes: [StaffChange], language: Language) -> String {
        guard !changes.isEmpty else {
            return Text(id: "Daftar petugas belum pernah diubah.\n", en: "The staff registry has never been changed.\n")(language)
        }
        return changes.map { change in
            let roles = change.roles.isEmpty ? "-" : change.roles.joined(separator: ", ")
            let by = change.by == "-" ? Text(id: "(pemutakhiran sop)", en: "(sop upgrade)")(language) : change.by
            let what: Text = switch change.change {
            case .added: Text(id: "memberi \(change.user) peran \(roles)", en: "granted \(change.user) \(roles)")
            case .removed where change.memberRemoved:
                Text(id: "menghapus \(change.user) (peran \(roles))", en: "removed \(change.user) (roles \(roles))")
            case .removed: Text(id: "mencabut peran \(roles) dari \(change.user)", en: "withdrew \(roles) from \(change.user)")
            }
            return "\(change.number). \(TimeText.date(change.at, in: language))  \(by) \(what(language))"
        }.joined(separator: "\n") + "\n"
    }
}

extension CaseService {
    // MARK: Personal data

    /// Lets a user see a case's personal data in full, and records that they did: only a member
    /// of staff who holds one of the roles of the case's SOP revision (its actors other than the
    /// reporter: the staff who handle such cases) may, never one who holds only `admin` or no role
    /// of it. Returns the case.
    public func reveal(_ reference: String, user: String?, command: String, at instant: Date) throws(ServiceError) -> StoredCase {
        let performer = try performer(user)
        let stored = try load(reference)
        let workflow = try revision(of: stored.state).engine.workflow
        let allowed = Set(workflow.actors.filter { !$0.isExternal }.map(\.id.value))
        guard !performer.roles.isDisjoint(with: allowed) else {
            let list = allowed.map(\.rawValue).sorted().joined(separator: ", ")
            throw ServiceError(.notAllowedToReveal, Text(
                id: "pengguna '\(performer.user)' tidak boleh melihat data pribadi pengaduan \(stored.state.registerNumber) secara lengkap: "
                    + "hanya petugas dengan peran \(list); tanpa --reveal, datanya ditampilkan tersamar",
                en: "user '\(performer.user)' may not see the personal data of case \(stored.state.registerNumber) in full: "
                    + "only staff holding \(list); without --reveal it is shown masked"))
        }
        do {
            try store.recordReveal(caseNumber: stored.state.number, by: performer.user, command: command, at: instant)
        } catch {
            throw .store(error)
        }
        return stored
    }

    /// Every reveal of a case's personal data (of every case when nil), oldest first.
    public func reveals(of reference: String?) throws(ServiceError) -> [Reveal] {
        let number = try reference.map { (reference: String) throws(ServiceError) -> Int in try load(reference).state.number }
        do {
            return try store.reveals(caseNumber: number)
        } catch {
            throw .store(error)
        }
    }
}

import ArgumentParser
import Foundation
import SOPModel
import SOPService
import SOPStorage
import SOPStore
import SOPPostgres
import SOPCore
import SOPEngine

/// `--db` and `--workflows`: where the cases and the SOPs are.
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: help(
        id: "Berkas basis data SQLite, atau alamat PostgreSQL postgresql://… (bawaan: $SOP_DB, atau ./sop.sqlite).",
        en: "The SQLite database file, or a PostgreSQL address postgresql://… (default: $SOP_DB, else ./sop.sqlite)."))
    var database: String?

    @Option(help: help(id: "Folder berkas alur kerja dan kalender.", en: "The folder of workflow and calendar files."))
    var workflows = "workflows"

    var path: String { database ?? ProcessInfo.processInfo.environment["SOP_DB"] ?? "sop.sqlite" }

    /// The database as messages name it: an SQLite file's path, or a PostgreSQL address without
    /// its password.
    var name: String { Self.name(of: path) }

    static func name(of path: String) -> String {
        guard PostgresAddress.isPostgres(path) else { return path }
        return (try? PostgresAddress(path))?.description ?? "postgresql://…"
    }

    /// The service over the database; a database that cannot be used ends the command with exit 2.
    ///
    /// Only `sop init` creates a database; the others say there is none, so a mistyped `--db`
    /// leaves no file behind.
    func service() throws -> CaseService {
        try Self.service(path: path, workflows: workflows)
    }

    /// The service over the database at `path` (see `service()`); with `creating`, a missing file
    /// is created (`sop init`).
    static func service(path: String, workflows: String, creating: Bool = false, readingOnly: Bool = false) throws -> CaseService {
        if PostgresAddress.isPostgres(path) { return try postgresService(address: path, workflows: workflows, creating: creating) }
        if !creating && !FileManager.default.fileExists(atPath: path) {
            printError(tr(
                id: "sop: basis data '\(path)' belum ada: seorang administrator membuatnya dengan `sop init`, "
                    + "atau sebutkan berkas lain dengan --db atau SOP_DB",
                en: "sop: there is no database '\(path)' yet: an administrator creates it with `sop init`, "
                    + "or name another file with --db or SOP_DB"))
            throw ExitCode.unusableInput
        }
        do {
            let environment = ProcessInfo.processInfo.environment
            let format = environment["SOP_REGISTER_FORMAT"].flatMap { $0.isEmpty ? nil : $0 } ?? "067/PGD/{year}/{number}"
            let store = readingOnly
                ? try SQLiteCaseStore(readingOnly: path, registerFormat: format) : try SQLiteCaseStore(path: path, registerFormat: format)
            return CaseService(store: store, workflowsFolder: workflows)
        } catch {
            printError("sop: \(errorMessage(error))")
            throw ExitCode.unusableInput
        }
    }

    /// The service over a PostgreSQL database; with `creating` (`sop init`), its schema is made
    /// or upgraded first, by the user running it, who must be allowed to create tables and roles
    /// there. Any other command refuses a schema older than this sop's (`sop upgrade`).
    private static func postgresService(address text: String, workflows: String, creating: Bool) throws -> CaseService {
        do {
            let environment = ProcessInfo.processInfo.environment
            let format = environment["SOP_REGISTER_FORMAT"].flatMap { $0.isEmpty ? nil : $0 } ?? "067/PGD/{year}/{number}"
            let address = try PostgresAddress(text, loginName: systemAccount())
            if creating { try PostgresCaseStore.upgrade(address) }
            return CaseService(store: try PostgresCaseStore(address: address, registerFormat: format), workflowsFolder: workflows)
        } catch {
            printError("sop: \(errorMessage(error))")
            throw ExitCode.unusableInput
        }
    }

    /// Who runs sop as the database knows them: on PostgreSQL the user the server authenticated
    /// (`session_user`), else the operating-system account.
    static func account(of service: CaseService) -> String? {
        (service.store as? PostgresCaseStore)?.sessionUser ?? systemAccount()
    }

    /// A run of sop on the database: who is acting (`user`, when the command takes `--as`) and
    /// when, as the database was set up. A write on a declared-identity database prints its
    /// warning first.
    func session(_ user: UserOptions? = nil, writing: Bool, readingOnly: Bool = false) throws -> Session {
        let service = try Self.service(path: path, workflows: workflows, readingOnly: readingOnly)
        let office = try perform { () throws(ServiceError) -> OfficeSetup in try service.office() }
        let stated = try statedTime()
        let (acting, now) = try perform { () throws(ServiceError) -> (String?, Date) in
            (try Identification.actingUser(office: office, account: Self.account(of: service), claimed: user?.resolved),
             try Identification.time(office: office, clock: Date(), stated: stated))
        }
        if writing && office.identity == .declared { printError("sop: " + Identification.declaredIdentityWarning.localized) }
        return Session(service: service, office: office, user: acting, now: now)
    }
}

/// One run of sop on a database: the service, how the database was set up, who is acting (nil
/// when no name was declared on a declared-identity database) and the time of the command.
struct Session {
    let service: CaseService
    let office: OfficeSetup
    let user: String?
    let now: Date
}

/// The login name of the operating-system account running sop (its effective user id), from
/// the password database: never from the environment, which anyone sets.
func systemAccount() -> String? {
    guard let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name else { return nil }
    return String(validatingCString: name)
}

/// What an error says, in the language of this run when it is one of ours.
func errorMessage(_ error: any Error) -> String {
    switch error {
    case let error as StoreError: error.message.localized
    case let error as ServiceError: error.message.localized
    case let error as EngineError: error.message.localized
    default: "\(error)"
    }
}

/// `--as USER`: who is acting.
struct UserOptions: ParsableArguments {
    @Option(name: .customLong("as"), help: help(
        id: "Pengguna yang bertindak (bawaan: $SOP_USER), pada basis data identitas-dinyatakan; pada basis data kantor, "
            + "pengguna adalah akun sistem Anda.",
        en: "The acting user (default: $SOP_USER), on a declared-identity database; on an office's database, the user "
            + "is your system account."))
    var user: String?

    var resolved: String? { user ?? ProcessInfo.processInfo.environment["SOP_USER"] }
}

/// The time `SOP_NOW` states (ISO 8601), for scripts and tests on a declared-identity database;
/// nil when it is not set.
func statedTime() throws -> Date? {
    guard let text = ProcessInfo.processInfo.environment["SOP_NOW"], !text.isEmpty else { return nil }
    guard let date = time(text) else {
        printError(tr(
            id: "sop: SOP_NOW='\(text)' bukan waktu ISO 8601 antara tahun 2000 dan 2199, seperti 2026-11-30T09:00:00+07:00",
            en: "sop: SOP_NOW='\(text)' is not an ISO 8601 time between the years 2000 and 2199, like 2026-11-30T09:00:00+07:00"))
        throw ExitCode.unusableInput
    }
    return date
}

/// An RFC 3339 time between the years 2000 and 2199 (the range deadlines are computed in), or nil.
func time(_ text: String) -> Date? {
    guard let seconds = InternetTime.secondsSince1970(text), seconds >= 946_684_800, seconds < 7_258_118_400 else { return nil }
    return Date(timeIntervalSince1970: seconds)
}

/// The current time for a command that uses no database (`sop validate`): the clock, or
/// `SOP_NOW`.
func currentTime() throws -> Date { try statedTime() ?? Date() }

/// Runs a service call; a refusal is printed with its way out and ends the command (exit 1, or 2
/// for input that cannot be read).
func perform<T>(_ body: () throws(ServiceError) -> T) throws -> T {
    do {
        return try body()
    } catch {
        printError("sop: \(error.message.localized)")
        throw (error.isUnreadableInput ? ExitCode.unusableInput : ExitCode.refused)
    }
}

/// `--at TIME`: when something happened that is recorded later (a complaint received on paper).
struct StatedTimeOptions: ParsableArguments {
    @Option(name: .customLong("at"), help: help(
        id: "Kapan hal itu terjadi, bila dicatat kemudian (RFC 3339, misalnya 2026-11-30T09:00:00+07:00): tidak di masa depan, "
            + "tidak sebelum peristiwa terakhir pengaduan; waktu pencatatannya disimpan di sampingnya.",
        en: "When it happened, when it is recorded later (RFC 3339, such as 2026-11-30T09:00:00+07:00): never in the future, "
            + "never before the case's last event; the time it was recorded is kept beside it."))
    var at: String?

    /// The service and the time of the command: the session's, or the time stated, with the
    /// session's time as when it was recorded.
    func resolve(_ session: Session) throws -> (service: CaseService, time: Date) {
        guard let at else { return (session.service, session.now) }
        guard let stated = time(at) else {
            throw ValidationError(tr(
                id: "--at memerlukan waktu RFC 3339 antara tahun 2000 dan 2199, seperti 2026-11-30T09:00:00+07:00; '\(at)' tidak demikian",
                en: "--at takes an RFC 3339 time between the years 2000 and 2199, like 2026-11-30T09:00:00+07:00; '\(at)' is not one"))
        }
        return (session.service.stating(recordedAt: session.now), stated)
    }
}

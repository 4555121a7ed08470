import ArgumentParser
import Foundation
import SOPPostgres
import SOPCore
import SOPService
import SOPStorage

/// `sop init`: creates a database and names its first administrator.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: tr(
            id: "Siapkan basis data baru dan administrator pertamanya (akun yang menjalankannya).",
            en: "Set a new database up, with its first administrator (the account running it)."),
        discussion: tr(
            id: """
                Pada basis data kantor, pengguna yang bertindak selalu akun sistem operasi yang menjalankan sop; \
                --as dan SOP_USER ditolak bila menyebut orang lain, dan SOP_NOW ditolak. Dengan --declared-identity \
                basis data dibuat untuk demo, uji atau latihan: --as dan SOP_USER dipercaya sebagaimana dinyatakan \
                (administrator pertamanya adalah --as), SOP_NOW berlaku, dan setiap penulisan mencetak peringatan. \
                Cara itu dicatat dalam basis data dan tidak pernah berubah. Berkas baru hanya dapat dibaca pemiliknya \
                (0600), atau juga kelompoknya (0660) bila foldernya milik kelompok dengan bit setgid (chmod 2770).
                """,
            en: """
                On an office's database the acting user is always the operating-system account running sop; \
                --as and SOP_USER are refused when they name anyone else, and SOP_NOW is refused. With \
                --declared-identity the database is made for demos, tests or training: --as and SOP_USER are \
                taken as declared (its first administrator is --as), SOP_NOW applies, and every write prints a \
                warning. The mode is recorded in the database and never changes. A new file is readable by its \
                owner only (0600), or by its group too (0660) when its folder belongs to a group with the setgid \
                bit (chmod 2770).
                """))
    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: StoreOptions
    @OptionGroup var acting: UserOptions
    @Flag(help: help(
        id: "Basis data demo, uji atau latihan: identitas (--as, SOP_USER) dan waktu (SOP_NOW) dipercaya sebagaimana dinyatakan.",
        en: "A database for demos, tests or training: identity (--as, SOP_USER) and time (SOP_NOW) are taken as declared."))
    var declaredIdentity = false
    @Option(help: help(id: "Format keluaran: text atau json.", en: "Output format: text or json.")) var format: OutputFormat = .text

    func run() throws {
        // On PostgreSQL, who is acting is the user the server authenticates: known once connected.
        let postgres = PostgresAddress.isPostgres(store.path)
        let identity: OfficeSetup.Identity = declaredIdentity ? .declared : postgres ? .server : .system
        let stated = try statedTime()
        let probe = OfficeSetup(identity: identity, createdAt: Date(), createdBy: "-")
        var service = postgres ? try StoreOptions.service(path: store.path, workflows: store.workflows, creating: true) : nil
        let account = service.map(StoreOptions.account(of:)) ?? systemAccount()
        let (administrator, now) = try perform { () throws(ServiceError) -> (String?, Date) in
            (try Identification.actingUser(office: probe, account: account, claimed: acting.resolved),
             try Identification.time(office: probe, clock: Date(), stated: stated))
        }
        guard let administrator else {
            printError(tr(
                id: "sop: basis data identitas-dinyatakan memerlukan nama administrator pertamanya: `--as NAMA` atau SOP_USER",
                en: "sop: a declared-identity database needs the name of its first administrator: `--as NAME` or SOP_USER"))
            throw ExitCode.refused
        }
        if service == nil { service = try StoreOptions.service(path: store.path, workflows: store.workflows, creating: true) }
        guard let service else { throw ExitCode.unusableInput }
        let setup = try perform { () throws(ServiceError) -> OfficeSetup in
            try service.setUp(identity: identity, administrator: administrator, at: now)
        }
        let status = try perform { () throws(ServiceError) -> DatabaseStatus in
            try service.status(path: store.path, name: store.name, user: administrator)
        }
        switch format {
        case .text:
            printSafely(tr(
                id: "Basis data \(store.name) disiapkan; administrator pertamanya: \(setup.createdBy).",
                en: "Database \(store.name) set up; its first administrator: \(setup.createdBy)."))
            printSafely(OfficeText.status(status, language: language), terminator: "")
        case .json:
            try printJSON(status)
        }
    }
}

/// `sop upgrade`: brings a database's schema up to this sop's, by its owner.
struct UpgradeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upgrade",
        abstract: tr(
            id: "Mutakhirkan skema basis data ke versi sop ini (oleh pemilik basis data PostgreSQL).",
            en: "Upgrade the database's schema to this sop's (by the owner of a PostgreSQL database)."),
        discussion: tr(
            id: """
                Migrasi bernama yang belum diterapkan dijalankan berurutan, masing-masing dalam satu transaksi; dua \
                pemutakhiran sekaligus bergiliran. Pada PostgreSQL hanya perintah ini dan `sop init` yang mengubah skema; \
                perintah staf menolak skema yang lebih lama. Berkas SQLite dimutakhirkan saat dibuka oleh perintah apa pun.
                """,
            en: """
                The named migrations not yet applied run in order, each in one transaction; two upgrades at once take \
                turns. On PostgreSQL only this command and `sop init` change the schema; staff commands refuse an older \
                one. An SQLite file is upgraded when any command opens it.
                """))
    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: StoreOptions
    @Option(help: help(id: "Format keluaran: text atau json.", en: "Output format: text or json.")) var format: OutputFormat = .text

    func run() throws {
        var applied: [String] = []
        if PostgresAddress.isPostgres(store.path) {
            do {
                applied = try PostgresCaseStore.upgrade(try PostgresAddress(store.path, loginName: systemAccount()))
            } catch {
                printError("sop: \(errorMessage(error))")
                throw ExitCode.unusableInput
            }
        } else {
            _ = try store.service()
        }
        switch format {
        case .text:
            printSafely(applied.isEmpty
                ? tr(id: "Skema \(store.name) sudah mutakhir.", en: "The schema of \(store.name) is up to date.")
                : tr(id: "Skema \(store.name) dimutakhirkan: ", en: "The schema of \(store.name) was upgraded: ") + applied.joined(separator: ", "))
        case .json:
            try printJSON(UpgradeReport(database: store.name, applied: applied))
        }
    }

    struct UpgradeReport: Encodable {
        let database: String
        let applied: [String]
    }
}

/// `sop status`: how the database was set up and who is acting.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: tr(
            id: "Keadaan basis data: cara identitas ditentukan, siapa Anda, administratornya, izin berkasnya.",
            en: "The database: how identity is established, who you are, its administrators, its file permissions."))
    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: StoreOptions
    @OptionGroup var acting: UserOptions
    @Option(help: help(id: "Format keluaran: text atau json.", en: "Output format: text or json.")) var format: OutputFormat = .text

    func run() throws {
        let session = try store.session(acting, writing: false)
        let status = try perform { () throws(ServiceError) -> DatabaseStatus in
            try session.service.status(path: store.path, name: store.name, user: session.user)
        }
        switch format {
        case .text: printSafely(OfficeText.status(status, language: language), terminator: "")
        case .json: try printJSON(status)
        }
    }
}

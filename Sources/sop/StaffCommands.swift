import ArgumentParser
import Foundation
import SOPCore
import SOPService
import SOPStorage
import SOPStore

/// `sop staff …`: the staff registry (user → actor roles).
struct StaffCommandGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staff",
        abstract: tr(id: "Daftar petugas: siapa boleh bertindak dalam peran apa.", en: "The staff: who may act in which role."),
        subcommands: [AddStaff.self, ListStaff.self, RemoveStaff.self, StaffEmail.self, StaffHistory.self])
    @OptionGroup var global: GlobalOptions
}

struct AddStaff: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: tr(id: "Tambah petugas, atau peran seorang petugas (administrator saja).", en: "Add a user, or roles to a user (administrators only)."))
    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: StoreOptions
    @OptionGroup var acting: UserOptions
    @Argument(help: help(id: "Nama pengguna.", en: "The user name.")) var user: String
    @Option(name: .customLong("role"), help: help(
        id: "Id pelaksana yang diperankan pengguna, misalnya front-office, atau admin (mengubah daftar petugas, menerbitkan revisi, memindahkan pengaduan antarrevisi) (dapat diulang).",
        en: "An actor id the user acts as, e.g. front-office, or admin (changes the staff registry, publishes revisions, moves cases between revisions) (repeat)."))
    var roles: [String] = []
    @Option(help: help(id: "Format keluaran: text atau json.", en: "Output format: text or json.")) var format: OutputFormat = .text

    func run() throws {
        let session = try store.session(acting, writing: true)
        let service = session.service
        try perform { () throws(ServiceError) in try service.addStaff(user, roles: roles, by: session.user, at: session.now) }
        try printMember(user, service: service, format: format)
    }
}

struct ListStaff: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: tr(id: "Daftar petugas dan perannya.", en: "List users and their roles."))
    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: StoreOptions
    @Option(help: help(id: "Format keluaran: text atau json.", en: "Output format: text or json.")) var format: OutputFormat = .text

    func run() throws {
        let service = try store.session(writing: false).service
        let members = try perform { () throws(ServiceError) -> [StaffMember] in try service.staff() }
        switch format {
        case .text:
            if members.isEmpty {
                printSafely(tr(
                    id: "Belum ada petugas; tambahkan dengan `sop staff add PENGGUNA --role PERAN`.",
                    en: "No staff yet; add them with `sop staff add USER --role ROLE`."))
            }
            for member in members { printSafely("\(member.user): \(member.roles.joined(separator: ", "))") }
        case .json:
            try printJSON(members)
        }
    }
}

struct RemoveStaff: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: tr(id: "Hapus petugas, atau sebagian perannya (administrator saja).", en: "Remove a user, or some of their roles (administrators only)."))
    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: StoreOptions
    @OptionGroup var acting: UserOptions
    @Argument(help: help(id: "Nama pengguna.", en: "The user name.")) var user: String
    @Option(name: .customLong("role"), help: help(
        id: "Hapus peran ini saja (dapat diulang).",
        en: "Remove only this role (repeat).")) var roles: [String] = []
    @Option(help: help(id: "Format keluaran: text atau json.", en: "Output format: text or json.")) var format: OutputFormat = .text

    func run() throws {
        let session = try store.session(acting, writing: true)
        let service = session.service
        try perform { () throws(ServiceError) in
            try service.removeStaff(user, roles: roles.isEmpty ? nil : roles, by: session.user, at: session.now)
        }
        if roles.isEmpty {
            switch format {
            case .text: printSafely(tr(id: "Petugas \(user) dihapus.", en: "Staff member \(user) removed."))
            case .json: try printJSON(["removed": user])
            }
        } else {
            try printMember(user, service: service, format: format)
        }
    }
}

struct StaffHistory: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: tr(
            id: "Setiap perubahan daftar petugas: siapa memberi atau mencabut peran siapa, kapan.",
            en: "Every change of the staff registry: who granted or withdrew whose roles, when."))
    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: StoreOptions
    @Option(help: help(id: "Format keluaran: text atau json.", en: "Output format: text or json.")) var format: OutputFormat = .text

    func run() throws {
        let service = try store.session(writing: false).service
        let changes = try perform { () throws(ServiceError) -> [StaffChange] in try service.staffChanges() }
        switch format {
        case .text: printSafely(StaffText.changes(changes, language: language), terminator: "")
        case .json: try printJSON(changes)
        }
    }
}

/// Prints a member of staff as they now stand.
private func printMember(_ user: String, service: CaseService, format: OutputFormat) throws {
    let member = try perform { () throws(ServiceError) -> StaffMember? in try service.staff().first { $0.user == user } }
    switch format {
    case .text: printSafely(tr(id: "Petugas", en: "Staff member") + " \(user): \(member?.roles.joined(separator: ", ") ?? "-")")
    case .json: try printJSON(member)
    }
}

/// `sop queue`: what the acting user's roles must do next.
struct QueueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue",
        abstract: tr(
            id: "Antrean: tugas berikutnya bagi peran Anda, yang paling mendesak lebih dahulu.",
            en: "What your roles must do next, most urgent first."))
    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: StoreOptions
    @OptionGroup var user: UserOptions
    @Option(help: help(id: "Format keluaran: text atau json.", en: "Output format: text or json.")) var format: OutputFormat = .text

    func run() throws {
        let session = try store.session(user, writing: false)
        let items = try perform { () throws(ServiceError) -> [CaseListItem] in try session.service.queue(user: session.user, now: session.now) }
        switch format {
        case .text: printSafely(CaseText.list(items, width: terminalWidth, language: language), terminator: "")
        case .json: printCaseListJSON(items)
        }
    }
}

/// `sop demo`: both SOPs along every path on a fresh temporary database.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: tr(
            id: "Demo: pengaduan pada kedua SOP melalui setiap jalur, pada basis data sementara yang baru.",
            en: "Complaints under both SOPs along every path, on a fresh temporary database."))
    @OptionGroup var global: GlobalOptions
    @Option(help: help(
        id: "Folder berkas alur kerja dan kalender.",
        en: "The folder of workflow and calendar files.")) var workflows = "workflows"
    @Flag(help: help(
        id: "Simpan basis data sementara dan tampilkan jalurnya.",
        en: "Keep the temporary database and print its path.")) var keep = false
    @Option(help: help(id: "Format keluaran: text atau json.", en: "Output format: text or json.")) var format: OutputFormat = .text

    func run() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sop-demo-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            printError(tr(
                id: "sop demo: folder sementara tidak dapat dibuat: \(error.localizedDescription)",
                en: "sop demo: cannot create a temporary folder: \(error.localizedDescription)"))
            throw ExitCode.unusableInput
        }
        defer { if !keep { try? FileManager.default.removeItem(at: folder) } }
        let store: SQLiteCaseStore
        do {
            store = try SQLiteCaseStore(path: folder.appendingPathComponent("demo.sqlite").path)
        } catch {
            printError("sop demo: \(errorMessage(error))")
            throw ExitCode.unusableInput
        }
        let service = CaseService(store: store, workflowsFolder: workflows)
        // Monday 30 November 2026, 07:30 in Jakarta (00:30 UTC), when the office opens.
        let monday = Date(timeIntervalSince1970: TimeInterval(20_787 * 86_400 + 30 * 60))
        let result = try perform { () throws(ServiceError) -> DemoScenario.Result in
            try DemoScenario(service: service, filesFolder: folder.path).run(start: monday)
        }
        switch format {
        case .json:
            try printJSON(result)
        case .text:
            printSafely(tr(
                id: "Demo sop: \(result.timelines.count) pengaduan rekaan (nama, NIK dan nomor ponsel dibuat-buat) pada kedua SOP, "
                    + "pada basis data sementara yang \(keep ? "disimpan" : "dihapus setelah demo selesai"); tidak ada yang dikirim.\n",
                en: "The sop demo: \(result.timelines.count) invented complaints (made-up names, NIK and phone numbers) under both SOPs, "
                    + "on a temporary database that is \(keep ? "kept" : "deleted when the demo ends"); nothing is sent.\n"))
            for timeline in result.timelines {
                printSafely(CaseText.timeline(timeline, width: terminalWidth, language: language))
            }
            printSafely(tr(id: "Rekap demo", en: "Demo recap"))
            for line in result.recap.lines {
                let status = CaseStatus(rawValue: line.status).map { $0.label.localized } ?? line.status
                let sop = "SOP " + (line.sopNumber.map { "\($0) " } ?? "") + line.title
                printSafely("  \(sop): \(line.count) \(status)" + (line.outcome.map { " — \($0)" } ?? ""))
            }
            printSafely(tr(
                id: "  Langkah tepat waktu: \(result.recap.stepsOnTime), terlambat: \(result.recap.stepsLate)",
                en: "  Steps on time: \(result.recap.stepsOnTime), late: \(result.recap.stepsLate)"))
            let office = TimeText.duration(result.recap.officeWorkingSeconds)
            let reporter = TimeText.duration(result.recap.reporterWorkingSeconds)
            printSafely(tr(
                id: "  Waktu kerja kantor: \(office); menunggu pelapor: \(reporter)",
                en: "  Office working time: \(office); waiting for the reporter: \(reporter)"))
            if !result.notices.isEmpty {
                printSafely(tr(
                    id: "Pemberitahuan di kotak keluar (`sop tick` mengirimnya lewat sendmail agen surat sistem):",
                    en: "Notices in the outbox (`sop tick` sends them through the system mail transfer agent's sendmail):"))
            }
            for item in result.notices {
                let step = item.notice.step.map { tr(id: ", langkah \($0)", en: ", step \($0)") } ?? ""
                printSafely("  #\(item.id) \(NoticeText.channel(item.channel, language: language)) \(item.notice.registerNumber) "
                    + NoticeText.kind(item.notice.kind, language: language) + step + " → "
                    + (item.recipients.isEmpty ? "-" : item.recipients.joined(separator: ", ")))
            }
            let database = keep ? folder.appendingPathComponent("demo.sqlite").path : "FILE"
            if keep { printSafely(tr(id: "  Basis data demo: ", en: "  Demo database: ") + database) }
            printSafely(tr(
                id: "\nSelanjutnya: \(keep ? "" : "`sop demo --keep` menyimpan basis datanya; ")coba `sop case list --db \(database)`, "
                    + "`sop case history 2 --db \(database)`, `sop report recap --db \(database) --from 2026-11-01 --to 2026-12-31`. "
                    + "Untuk kantor Anda sendiri: bagian \"Handling complaints\" dan \"Office set-up\" di README.",
                en: "\nNext: \(keep ? "" : "`sop demo --keep` keeps its database; ")try `sop case list --db \(database)`, "
                    + "`sop case history 2 --db \(database)`, `sop report recap --db \(database) --from 2026-11-01 --to 2026-12-31`. "
                    + "For your own office: the README's \"Handling complaints\" and \"Office set-up\" sections."))
        }
    }
}

import SOPEngine

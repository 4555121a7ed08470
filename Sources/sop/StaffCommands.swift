import ArgumentParser
import Foundation
import SOPCore
import SOPService
import SOPStore

/// `sop staff …`: the staff registry (user → actor roles).
struct StaffCommandGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staff", abstract: "Daftar petugas — who may act in which role.",
        subcommands: [AddStaff.self, ListStaff.self, RemoveStaff.self])
}

struct AddStaff: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Tambah petugas — add a user, or roles to a user.")
    @OptionGroup var store: StoreOptions
    @Argument(help: "The user name.") var user: String
    @Option(name: .customLong("role"), help: "An actor id the user acts as, e.g. front-office, or admin (may migrate cases between revisions) (repeat).") var roles: [String] = []
    @Option(help: "Output format: text or json.") var format: OutputFormat = .text

    func run() throws {
        let service = try store.service(creating: true)
        let now = try currentTime()
        try perform { () throws(ServiceError) in try service.addStaff(user, roles: roles, at: now) }
        try printMember(user, service: service, format: format)
    }
}

struct ListStaff: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Daftar petugas — list users and their roles.")
    @OptionGroup var store: StoreOptions
    @Option(help: "Output format: text or json.") var format: OutputFormat = .text

    func run() throws {
        let service = try store.service()
        let members = try perform { () throws(ServiceError) -> [StaffMember] in try service.staff() }
        switch format {
        case .text:
            if members.isEmpty { print("Belum ada petugas; tambahkan dengan `sop staff add USER --role ROLE`.") }
            for member in members { print("\(member.user): \(member.roles.joined(separator: ", "))") }
        case .json:
            print(try CaseJSON.encode(members))
        }
    }
}

struct RemoveStaff: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Hapus petugas — remove a user, or some of their roles.")
    @OptionGroup var store: StoreOptions
    @Argument(help: "The user name.") var user: String
    @Option(name: .customLong("role"), help: "Remove only this role (repeat).") var roles: [String] = []
    @Option(help: "Output format: text or json.") var format: OutputFormat = .text

    func run() throws {
        let service = try store.service()
        try perform { () throws(ServiceError) in try service.removeStaff(user, roles: roles.isEmpty ? nil : roles) }
        if roles.isEmpty {
            switch format {
            case .text: print("Petugas \(user) dihapus.")
            case .json: print(try CaseJSON.encode(["removed": user]))
            }
        } else {
            try printMember(user, service: service, format: format)
        }
    }
}

/// Prints a member of staff as they now stand.
private func printMember(_ user: String, service: CaseService, format: OutputFormat) throws {
    let member = try perform { () throws(ServiceError) -> StaffMember? in try service.staff().first { $0.user == user } }
    switch format {
    case .text: print("Petugas \(user): \(member?.roles.joined(separator: ", ") ?? "-")")
    case .json: print(try CaseJSON.encode(member))
    }
}

/// `sop queue`: what the acting user's roles must do next.
struct QueueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "queue", abstract: "Antrean — what your roles must do next, most urgent first.")
    @OptionGroup var store: StoreOptions
    @OptionGroup var user: UserOptions
    @Option(help: "Output format: text or json.") var format: OutputFormat = .text

    func run() throws {
        let service = try store.service()
        let now = try currentTime()
        let items = try perform { () throws(ServiceError) -> [CaseListItem] in try service.queue(user: user.resolved, now: now) }
        switch format {
        case .text: print(CaseText.list(items, width: terminalWidth), terminator: "")
        case .json: print(JSONValue.array(items.map(\.jsonValue)).prettyPrinted())
        }
    }
}

/// `sop demo`: both SOPs along every path on a fresh temporary database.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Demo — complaints under both SOPs along every path, on a fresh temporary database.")
    @Option(help: "The folder of workflow and calendar files.") var workflows = "workflows"
    @Flag(help: "Keep the temporary database and print its path.") var keep = false
    @Option(help: "Output format: text or json.") var format: OutputFormat = .text

    func run() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sop-demo-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            printError("sop demo: cannot create a temporary folder: \(error)")
            throw ExitCode(2)
        }
        defer { if !keep { try? FileManager.default.removeItem(at: folder) } }
        let store: SQLiteCaseStore
        do {
            store = try SQLiteCaseStore(path: folder.appendingPathComponent("demo.sqlite").path)
        } catch {
            printError("sop demo: \(error)")
            throw ExitCode(2)
        }
        let service = CaseService(store: store, workflowsFolder: workflows)
        // Monday 30 November 2026, 07:30 in Jakarta (00:30 UTC), when the office opens.
        let monday = Date(timeIntervalSince1970: TimeInterval(20_787 * 86_400 + 30 * 60))
        let result = try perform { () throws(ServiceError) -> DemoScenario.Result in
            try DemoScenario(service: service, filesFolder: folder.path).run(start: monday)
        }
        switch format {
        case .json:
            print(try CaseJSON.encode(result))
        case .text:
            for timeline in result.timelines {
                print(CaseText.timeline(timeline, width: terminalWidth))
            }
            print("Rekap demo")
            for line in result.recap.lines {
                let status = CaseStatus(rawValue: line.status).map(CaseText.status) ?? line.status
                print("  \(line.workflow): \(line.count) \(status)" + (line.outcome.map { " — \($0)" } ?? ""))
            }
            print("  Langkah tepat waktu: \(result.recap.stepsOnTime), terlambat: \(result.recap.stepsLate)")
            print("  Waktu kerja kantor: \(Clock.duration(result.recap.officeWorkingSeconds)); menunggu pelapor: \(Clock.duration(result.recap.reporterWorkingSeconds))")
            if keep { print("  Basis data demo: \(folder.appendingPathComponent("demo.sqlite").path)") }
        }
    }
}

import SOPEngine

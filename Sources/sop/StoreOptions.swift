import ArgumentParser
import Foundation
import SOPModel
import SOPService
import SOPStorage
import SOPStore
import SOPCore
import SOPEngine

/// `--db` and `--workflows`: where the cases and the SOPs are.
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: help(
        id: "Berkas basis data (bawaan: $SOP_DB, atau ./sop.sqlite).",
        en: "The database file (default: $SOP_DB, else ./sop.sqlite)."))
    var database: String?

    @Option(help: help(id: "Folder berkas alur kerja dan kalender.", en: "The folder of workflow and calendar files."))
    var workflows = "workflows"

    var path: String { database ?? ProcessInfo.processInfo.environment["SOP_DB"] ?? "sop.sqlite" }

    /// The service over the database; a database that cannot be used ends the command with exit 2.
    ///
    /// Only commands that record something new (`staff add`, `case open`) create a missing
    /// database; the others say there is none, so a mistyped `--db` leaves no file behind.
    func service(creating: Bool = false) throws -> CaseService {
        try Self.service(path: path, workflows: workflows, creating: creating)
    }

    /// The service over the database at `path` (see `service(creating:)`).
    static func service(path: String, workflows: String, creating: Bool = false) throws -> CaseService {
        if !creating && !FileManager.default.fileExists(atPath: path) {
            printError(tr(
                id: "sop: basis data '\(path)' belum ada: tambahkan staf dengan `sop staff add` dan buka pengaduan dengan "
                    + "`sop case open`, atau sebutkan berkas lain dengan --db atau SOP_DB",
                en: "sop: there is no database '\(path)' yet: add staff with `sop staff add` and open a case with `sop case open`, "
                    + "or name another file with --db or SOP_DB"))
            throw ExitCode.unusableInput
        }
        do {
            let environment = ProcessInfo.processInfo.environment
            let format = environment["SOP_REGISTER_FORMAT"].flatMap { $0.isEmpty ? nil : $0 } ?? "067/PGD/{year}/{number}"
            return CaseService(store: try SQLiteCaseStore(path: path, registerFormat: format), workflowsFolder: workflows)
        } catch {
            printError("sop: \(errorMessage(error))")
            throw ExitCode.unusableInput
        }
    }
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
        id: "Pengguna yang bertindak (bawaan: $SOP_USER).",
        en: "The acting user (default: $SOP_USER)."))
    var user: String?

    var resolved: String? { user ?? ProcessInfo.processInfo.environment["SOP_USER"] }
}

/// The current time: the clock, or $SOP_NOW (ISO 8601) so that scripts and tests can fix it.
func currentTime() throws -> Date {
    guard let text = ProcessInfo.processInfo.environment["SOP_NOW"], !text.isEmpty else { return Date() }
    let date = InternetTime.secondsSince1970(text).map { Date(timeIntervalSince1970: $0) }
    // Years 2000 to 2199: the range deadlines are computed in.
    guard let date, date.timeIntervalSince1970 >= 946_684_800, date.timeIntervalSince1970 < 7_258_118_400 else {
        printError(tr(
            id: "sop: SOP_NOW='\(text)' bukan waktu ISO 8601 antara tahun 2000 dan 2199, seperti 2026-11-30T09:00:00+07:00",
            en: "sop: SOP_NOW='\(text)' is not an ISO 8601 time between the years 2000 and 2199, like 2026-11-30T09:00:00+07:00"))
        throw ExitCode.unusableInput
    }
    return date
}

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

import SOPCore
import ArgumentParser
import Foundation
import SOPEngine
import SOPModel
import SOPReports
import SOPService

/// `sop report …`: the recap and deadlines met, for the head of office.
struct ReportCommandGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: tr(
            id: "Laporan: rekapan pengaduan bulanan dan seberapa sering tenggat terpenuhi.",
            en: "The monthly recap (rekapan pengaduan) and how often deadlines were met."),
        subcommands: [RecapCommand.self, SLACommand.self]
    )
    @OptionGroup var global: GlobalOptions
}

/// `--format table|csv|json`.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case table
    case csv
    case json
}

/// `--separator comma|semicolon` of `--format csv`, also written `,` and `;`, or in Indonesian.
enum CSVSeparatorOption: String, ExpressibleByArgument, CaseIterable {
    case comma
    case semicolon

    init?(argument: String) {
        switch argument.lowercased() {
        case "comma", ",", "koma": self = .comma
        case "semicolon", ";", "titik-koma", "titikkoma": self = .semicolon
        default: return nil
        }
    }

    static var allValueStrings: [String] { ["comma", "semicolon"] }

    var separator: CSVDocument.Separator { self == .comma ? .comma : .semicolon }
}

private let separatorHelp = help(
    id: "Pemisah kolom --format csv: comma (bawaan) atau semicolon (titik koma, dengan koma desimal) untuk Excel berpengaturan Indonesia.",
    en: "The field separator of --format csv: comma (the default) or semicolon (with decimal commas) for Excel set up for Indonesia.")

/// Reads `--from` and `--to`: dates `YYYY-MM-DD` that exist, the first on or before the last.
func reportPeriod(from: String?, to: String?) throws -> ReportPeriod {
    func date(_ text: String?, _ option: String) throws -> CivilDate? {
        guard let text else { return nil }
        guard let date = ReportPeriod.date(text) else {
            let format = ReportPeriod.dateFormat
            throw ValidationError(tr(
                id: "\(option) memerlukan tanggal yang ditulis \(format) (tahun-bulan-hari, misalnya 2026-11-01); '\(text)' bukan tanggal",
                en: "\(option) takes a date written \(format) (year-month-day, e.g. 2026-11-01); '\(text)' is not one"))
        }
        return date
    }
    let first = try date(from, "--from")
    let last = try date(to, "--to")
    do {
        return try ReportPeriod(from: first, to: last)
    } catch {
        throw ValidationError(error.message.localized)
    }
}

struct RecapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recap",
        abstract: tr(
            id: "Rekapan pengaduan yang dibuka dalam suatu periode, per SOP, kanal, status, dan langkah.",
            en: "The cases opened in a period by SOP, channel, status and step."),
        discussion: tr(
            id: """
                Menghitung pengaduan yang dibuka dari --from sampai --to (kedua hari termasuk, WIB) per SOP, \
                per kanal, per status dan hasil akhir, serta langkah tempat pengaduan berjalan berada, dengan \
                median waktu kerja dari dibuka sampai ditutup bagi yang sudah berakhir (dalam jam kerja kalender \
                setiap pengaduan). Pengaduan berjalan dihitung terpisah, dengan umurnya sejauh ini.
                """,
            en: """
                Counts the cases opened from --from to --to (both days included, in Jakarta time) by SOP, \
                by channel, by status and outcome, and the steps the open ones stand on, with the median \
                working time from opening to closing of those that ended (in working time of each case's \
                calendar). Open cases are counted apart, with their age so far.
                """))
    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: StoreOptions
    @Option(help: firstDay) var from: String
    @Option(help: lastDay) var to: String
    @Option(help: reportFormat) var format: ReportFormat = .table
    @Option(help: separatorHelp) var separator: CSVSeparatorOption = .comma

    func validate() throws {
        _ = try reportPeriod(from: from, to: to)
    }

    func run() throws {
        let period = try reportPeriod(from: from, to: to)
        let session = try store.session(writing: false)
        let (service, now) = (session.service, session.now)
        let report = try perform { () throws(ServiceError) -> RecapReport in try Reports(service: service).recap(period, asOf: now) }
        switch format {
        case .table: printSafely(ReportText.recap(report, width: terminalWidth, language: language), terminator: "")
        case .csv: printData(ReportCSV.recap(report, language: language).render(separator: separator.separator), terminator: "")
        case .json: try printJSON(report)
        }
    }
}

struct SLACommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sla",
        abstract: tr(
            id: "Ketepatan waktu: seberapa sering langkah dan pengaduan selesai dalam waktunya, per langkah dan per SOP.",
            en: "How often steps and cases met their budgets, per step and per SOP."),
        discussion: tr(
            id: """
                Atas pengaduan yang dibuka dari --from sampai --to (semua pengaduan bila tidak disebut): per \
                langkah, berapa yang selesai dalam waktunya, median dan persentil ke-90 waktu kerja terhadap \
                waktunya, dan langkah kantor yang paling sering terlambat; per SOP, tenggat pengaduan itu sendiri, \
                serta waktu kantor terpisah dari waktu menunggu pelapor.
                """,
            en: """
                Over the cases opened from --from to --to (all cases when left out): per step, how many \
                met their budget, the median and 90th percentile working time against the budget, and \
                the office's steps late most often; per SOP, the cases' own deadlines, and the office's \
                time apart from the time spent waiting on the reporter.
                """))
    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: StoreOptions
    @Option(help: firstDay) var from: String?
    @Option(help: lastDay) var to: String?
    @Option(help: help(id: "Hanya pengaduan dari id alur kerja ini.", en: "Only the cases of this workflow id.")) var workflow: String?
    @Option(help: reportFormat) var format: ReportFormat = .table
    @Option(help: separatorHelp) var separator: CSVSeparatorOption = .comma

    func validate() throws {
        _ = try reportPeriod(from: from, to: to)
    }

    func run() throws {
        let period = try reportPeriod(from: from, to: to)
        let session = try store.session(writing: false)
        let (service, now) = (session.service, session.now)
        let report = try perform { () throws(ServiceError) -> SLAReport in
            try Reports(service: service).sla(period, workflow: workflow.map { WorkflowID($0) }, asOf: now)
        }
        switch format {
        case .table: printSafely(ReportText.sla(report, width: terminalWidth, language: language), terminator: "")
        case .csv: printData(ReportCSV.sla(report, language: language).render(separator: separator.separator), terminator: "")
        case .json: try printJSON(report)
        }
    }
}

/// `--from`, `--to` and `--format` of the reports.
private let firstDay = help(
    id: "Hari pertama: pengaduan yang dibuka pada atau sesudahnya (YYYY-MM-DD, WIB).",
    en: "The first day: cases opened on or after it (YYYY-MM-DD, Jakarta time).")
private let lastDay = help(
    id: "Hari terakhir: pengaduan yang dibuka pada atau sebelumnya (YYYY-MM-DD, WIB).",
    en: "The last day: cases opened on or before it (YYYY-MM-DD, Jakarta time).")
private let reportFormat = help(id: "Format keluaran: table, csv, atau json.", en: "Output format: table, csv or json.")

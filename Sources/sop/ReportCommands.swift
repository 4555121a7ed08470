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
        abstract: "Laporan — the monthly recap (rekapan pengaduan) and how often deadlines were met.",
        subcommands: [RecapCommand.self, SLACommand.self]
    )
}

/// `--format table|csv|json`.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case table
    case csv
    case json
}

/// Reads `--from` and `--to`: dates `YYYY-MM-DD` that exist, the first on or before the last.
func reportPeriod(from: String?, to: String?) throws -> ReportPeriod {
    func date(_ text: String?, _ option: String) throws -> CivilDate? {
        guard let text else { return nil }
        guard let date = ReportPeriod.date(text) else {
            throw ValidationError("\(option) takes a date written \(ReportPeriod.dateFormat) (year-month-day, e.g. 2026-11-01); '\(text)' is not one")
        }
        return date
    }
    let first = try date(from, "--from")
    let last = try date(to, "--to")
    do {
        return try ReportPeriod(from: first, to: last)
    } catch {
        throw ValidationError(error.description)
    }
}

/// Runs a report call; a refusal is printed with its way out (exit 1, or 2 for a database that
/// cannot be read).
func performReport<T>(_ body: () throws(ReportError) -> T) throws -> T {
    do {
        return try body()
    } catch {
        printError("sop: \(error.description)")
        throw ExitCode(error.isUnreadableInput ? 2 : 1)
    }
}

struct RecapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recap", abstract: "Rekapan pengaduan — the cases opened in a period by SOP, channel, status and step.",
        discussion: """
            Counts the cases opened from --from to --to (both days included, in Jakarta time) by SOP, \
            by channel, by status and outcome, and the steps the open ones stand on, with the median \
            working time from opening to closing of those that ended (in working time of each case's \
            calendar). Open cases are counted apart, with their age so far.
            """)
    @OptionGroup var store: StoreOptions
    @Option(help: "The first day: cases opened on or after it (YYYY-MM-DD, Jakarta time).") var from: String
    @Option(help: "The last day: cases opened on or before it (YYYY-MM-DD, Jakarta time).") var to: String
    @Option(help: "Output format: table, csv or json.") var format: ReportFormat = .table

    func validate() throws {
        _ = try reportPeriod(from: from, to: to)
    }

    func run() throws {
        let period = try reportPeriod(from: from, to: to)
        let service = try store.service()
        let now = try currentTime()
        let report = try performReport { () throws(ReportError) -> RecapReport in try Reports(service: service).recap(period, asOf: now) }
        switch format {
        case .table: print(ReportText.recap(report, width: terminalWidth), terminator: "")
        case .csv: print(ReportCSV.recap(report).render(), terminator: "")
        case .json: print(try CaseJSON.encode(report))
        }
    }
}

struct SLACommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sla", abstract: "Tepat waktu — how often steps and cases met their budgets, per step and per SOP.",
        discussion: """
            Over the cases opened from --from to --to (all cases when left out): per step, how many \
            met their budget, the median and 90th percentile working time against the budget, and \
            the office's steps late most often; per SOP, the cases' own deadlines, and the office's \
            time apart from the time spent waiting on the reporter.
            """)
    @OptionGroup var store: StoreOptions
    @Option(help: "The first day: cases opened on or after it (YYYY-MM-DD, Jakarta time).") var from: String?
    @Option(help: "The last day: cases opened on or before it (YYYY-MM-DD, Jakarta time).") var to: String?
    @Option(help: "Only the cases of this workflow id.") var workflow: String?
    @Option(help: "Output format: table, csv or json.") var format: ReportFormat = .table

    func validate() throws {
        _ = try reportPeriod(from: from, to: to)
    }

    func run() throws {
        let period = try reportPeriod(from: from, to: to)
        let service = try store.service()
        let now = try currentTime()
        let report = try performReport { () throws(ReportError) -> SLAReport in
            try Reports(service: service).sla(period, workflow: workflow.map { WorkflowID($0) }, asOf: now)
        }
        switch format {
        case .table: print(ReportText.sla(report, width: terminalWidth), terminator: "")
        case .csv: print(ReportCSV.sla(report).render(), terminator: "")
        case .json: print(try CaseJSON.encode(report))
        }
    }
}

/// Reports as text tables, in Bahasa Indonesia.
enum ReportText {
    /// `1 Nov 2026`.
    static func day(_ date: CivilDate) -> String { "\(date.day) \(Clock.months[date.month - 1]) \(date.year)" }

    /// `1 Nov 2026 – 30 Nov 2026`, `sejak 1 Nov 2026`, `semua waktu`.
    static func period(_ period: ReportPeriod) -> String {
        switch (period.from, period.to) {
        case (let from?, let to?): from == to ? day(from) : "\(day(from)) – \(day(to))"
        case (let from?, nil): "sejak \(day(from))"
        case (nil, let to?): "sampai \(day(to))"
        case (nil, nil): "semua waktu"
        }
    }

    /// A duration in working minutes, or `-` for none.
    static func duration(_ minutes: Int?, _ dayMinutes: Int?) -> String {
        minutes.map { WorkingDay.text(minutes: $0, dayMinutes: dayMinutes) } ?? "-"
    }

    static func percent(_ value: Double?) -> String {
        guard let value else { return "-" }
        let text = value.rounded() == value ? String(Int(value)) : String(value)
        return text.replacingOccurrences(of: ".", with: ",") + "%"
    }

    /// The words for a status line: `selesai — Pengaduan selesai …`, `ditutup — diteruskan ke SOP …`.
    static func status(_ line: RecapReport.StatusLine) -> String {
        var text = CaseText.status(line.status)
        if let name = line.outcomeName { text += " — \(name)" }
        if let target = line.handedOffTo { text += " — diteruskan ke SOP \(target)" }
        return text
    }

    /// A note wrapped to the width of the tables.
    static func note(_ text: String, width: Int) -> String {
        text.split(separator: "\n").map { TextTable.wrap(String($0), width: width).joined(separator: "\n") + "\n" }.joined()
    }

    /// What a "hari" means in the durations, when they use days.
    static func dayNote(_ dayMinutes: Int?) -> String {
        guard let dayMinutes else { return "" }
        return "1 hari = \(Budget(minutes: dayMinutes).description) kerja (hari kerja biasa kalender SOP).\n"
    }

    static func recap(_ report: RecapReport, width: Int) -> String {
        var text = "Rekapan Pengaduan\n"
        text += "Periode: \(period(report.period)) (pengaduan yang dibuka, WIB); per \(Clock.text(report.asOf))\n"
        let total = report.total
        guard total.cases > 0 else {
            return text + "\nTidak ada pengaduan yang dibuka pada periode ini.\n"
        }
        let days = report.workingDayMinutes
        text += "Jumlah: \(total.cases) pengaduan — \(total.ended) berakhir (\(total.endedOnTime) tepat waktu, \(total.endedLate) terlambat), "
            + "\(total.open) berjalan (\(total.openOverdue) lewat tenggat)\n"
        text += "Median waktu kerja: \(duration(total.medianWorkingMinutes, days)) (berakhir); "
            + "median umur berjalan: \(duration(total.medianOpenWorkingMinutes, days))\n"
        func table(_ title: String, _ lines: [(String, RecapReport.Counts)]) {
            text += "\n\(title)\n"
            var table = TextTable(columns: [
                .init(header: title == "Per SOP" ? "SOP" : title == "Per kanal" ? "Kanal" : "SOP / status", width: nil, weight: 1),
                .init(header: "Jumlah", width: 6, weight: 0),
                .init(header: "Berakhir", width: 8, weight: 0),
                .init(header: "Tepat waktu", width: 7, weight: 0),
                .init(header: "Terlambat", width: 9, weight: 0),
                .init(header: "Median waktu kerja", width: 14, weight: 0),
                .init(header: "Berjalan", width: 8, weight: 0),
                .init(header: "Lewat tenggat", width: 8, weight: 0),
                .init(header: "Median umur berjalan", width: 14, weight: 0),
            ])
            for (name, counts) in lines {
                table.rows.append([
                    name, String(counts.cases), String(counts.ended), String(counts.endedOnTime), String(counts.endedLate),
                    duration(counts.medianWorkingMinutes, days), String(counts.open), String(counts.openOverdue),
                    duration(counts.medianOpenWorkingMinutes, days),
                ])
            }
            text += table.render(totalWidth: width)
        }
        table("Per SOP", report.workflows.map { ("\($0.title)\n(\($0.workflow))", $0.counts) })
        table("Per kanal", report.channels.map { ($0.name ?? $0.channel ?? "(tanpa kanal)", $0.counts) })
        table("Per status", report.statuses.map { ("\($0.workflow)\n\(status($0))", $0.counts) })
        if !report.steps.isEmpty {
            text += "\nLangkah pengaduan yang berjalan\n"
            var table = TextTable(columns: [
                .init(header: "SOP / langkah", width: nil, weight: 1),
                .init(header: "Jumlah", width: 6, weight: 0),
                .init(header: "Langkah lewat tenggat", width: 9, weight: 0),
                .init(header: "Median waktu di langkah", width: 14, weight: 0),
                .init(header: "Pengaduan lewat tenggat", width: 10, weight: 0),
                .init(header: "Median umur berjalan", width: 14, weight: 0),
            ])
            for line in report.steps {
                let number = line.number.map { "\($0). " } ?? ""
                table.rows.append([
                    "\(line.workflow)\n\(number)\(line.activity)" + (line.isReporterStep ? " (menunggu pelapor)" : ""),
                    String(line.cases), String(line.stepOverdue), duration(line.medianStepWorkingMinutes, days),
                    String(line.caseOverdue), duration(line.medianOpenWorkingMinutes, days),
                ])
            }
            text += table.render(totalWidth: width)
        }
        text += "\n" + note("""
            Tepat waktu: pengaduan berakhir yang ditutup paling lambat pada tenggatnya (total waktu SOP sejak dibuka, \
            dalam jam kerja); terlambat: sesudahnya. Median waktu kerja: dari dibuka sampai ditutup, dalam jam kerja \
            kalender SOP-nya, hanya pengaduan yang berakhir; pengaduan berjalan dihitung di Jumlah dan Berjalan, dan \
            umurnya (dibuka sampai saat laporan) dilaporkan terpisah. Median: nilai tengah (peringkat terdekat).
            """, width: width)
        text += note(dayNote(days), width: width)
        return text
    }

    static func sla(_ report: SLAReport, width: Int) -> String {
        var text = "Ketepatan Waktu Pengaduan\n"
        text += "Periode: \(period(report.period)) (pengaduan yang dibuka, WIB)"
        if let workflow = report.workflow { text += "; SOP \(workflow)" }
        text += "; per \(Clock.text(report.asOf))\n"
        guard report.cases > 0 else {
            return text + "\nTidak ada pengaduan" + (report.workflow.map { " SOP \($0)" } ?? "")
                + (report.period.isUnbounded ? " di basis data.\n" : " yang dibuka pada periode ini.\n")
        }
        let days = report.workingDayMinutes
        func pair(_ median: Int?, _ p90: Int?) -> String { "\(duration(median, days))\n/ \(duration(p90, days))" }
        func spread(_ median: Int?, _ p90: Int?) -> String {
            median == nil ? "-" : "median \(duration(median, days)), p90 \(duration(p90, days))"
        }
        for line in report.workflows {
            text += "\n\(line.title) (\(line.workflow))" + (line.budget.map { ", anggaran \($0)" } ?? "") + "\n"
            text += "  Pengaduan       \(line.cases): \(line.ended) berakhir (\(line.met) tepat waktu, \(line.late) terlambat), "
                + "\(line.running + line.runningLate) berjalan (\(line.runningLate) lewat tenggat)\n"
            text += "  Tepat waktu     \(percent(line.metPercent)) dari yang berakhir atau sudah lewat tenggat\n"
            text += "  Waktu kerja     \(spread(line.medianWorkingMinutes, line.p90WorkingMinutes)) (pengaduan berakhir)\n"
            text += "  Waktu kantor    \(spread(line.medianOfficeMinutes, line.p90OfficeMinutes))\n"
            text += "  Waktu pelapor   \(spread(line.medianReporterMinutes, line.p90ReporterMinutes))\n"
            text += "  Langkah kantor  \(line.officeStepsMeasured) selesai diukur: \(line.officeStepsMet) tepat waktu, "
                + "\(line.officeStepsLate) terlambat; \(line.officeStepsRunningLate) berjalan lewat tenggat\n\n"
            var steps = TextTable(columns: [
                .init(header: "No", width: 3, weight: 0),
                .init(header: "Kegiatan (pelaksana)", width: nil, weight: 1),
                .init(header: "Anggaran", width: 9, weight: 0),
                .init(header: "Diukur", width: 6, weight: 0),
                .init(header: "Tepat waktu", width: 7, weight: 0),
                .init(header: "Terlambat", width: 9, weight: 0),
                .init(header: "Berjalan lewat tenggat", width: 8, weight: 0),
                .init(header: "% tepat waktu", width: 7, weight: 0),
                .init(header: "Waktu kerja median / p90", width: 14, weight: 0),
            ])
            for step in report.steps where step.workflow == line.workflow {
                var activity = step.activity + "\n(" + step.actors.joined(separator: ", ") + (step.isReporterStep ? "; waktu pelapor)" : ")")
                if step.skipped > 0 { activity += "\n\(step.skipped) dilewati" }
                steps.rows.append([
                    step.number.map { "\($0)." } ?? "-", activity, step.budget ?? "-", String(step.measured), String(step.met),
                    String(step.late), String(step.runningLate), percent(step.metPercent),
                    pair(step.medianWorkingMinutes, step.p90WorkingMinutes),
                ])
            }
            text += steps.render(totalWidth: width)
        }
        text += "\nLangkah kantor yang paling sering terlambat\n"
        if report.lateSteps.isEmpty {
            text += "Tidak ada: semua langkah kantor selesai dalam anggarannya.\n"
        } else {
            var ranking = TextTable(columns: [
                .init(header: "Peringkat", width: 9, weight: 0),
                .init(header: "SOP / langkah", width: nil, weight: 1),
                .init(header: "Terlambat", width: 9, weight: 0),
                .init(header: "Dari", width: 6, weight: 0),
                .init(header: "% terlambat", width: 9, weight: 0),
                .init(header: "Anggaran", width: 9, weight: 0),
                .init(header: "Waktu kerja median / p90", width: 14, weight: 0),
            ])
            for line in report.lateSteps {
                let late = line.late + line.runningLate
                let of = line.met + late
                ranking.rows.append([
                    line.lateRank.map(String.init) ?? "-",
                    "\(line.workflow)\n\(line.number.map { "\($0). " } ?? "")\(line.activity)",
                    String(late) + (line.runningLate > 0 ? "\n(\(line.runningLate) berjalan)" : ""), String(of),
                    percent(of > 0 ? (Double(late) * 1000 / Double(of)).rounded() / 10 : nil), line.budget ?? "-",
                    pair(line.medianWorkingMinutes, line.p90WorkingMinutes),
                ])
            }
            text += ranking.render(totalWidth: width)
        }
        text += "\n" + note("""
            Tepat waktu: langkah yang selesai (atau dikembalikan ke pelapor) paling lambat pada tenggatnya — \
            anggaran langkah sejak mulai, dalam jam kerja kalender SOP; terlambat: sesudahnya. Langkah yang sedang \
            berjalan dan sudah lewat tenggat dihitung terlambat; yang belum lewat tenggat belum dihitung. Langkah \
            yang dilewati tidak diukur. Waktu pelapor: langkah pelapor dan waktu sejak dikembalikan ke pelapor sampai \
            langkah kantor berikutnya; waktu kantor: sisanya. Median dan p90: peringkat terdekat, pengaduan/langkah \
            yang selesai.
            """, width: width)
        text += note(dayNote(days), width: width)
        return text
    }
}

/// Reports as CSV tables: one header row, one row per line, durations in working minutes.
enum ReportCSV {
    static let recapHeader = [
        "Bagian", "SOP", "Kunci", "Nama", "Jumlah", "Berakhir", "Tepat waktu", "Terlambat", "Median waktu kerja (menit)",
        "Berjalan", "Berjalan lewat tenggat", "Median umur berjalan (menit)", "Langkah lewat tenggat",
        "Median waktu di langkah (menit)",
    ]

    static func recap(_ report: RecapReport) -> CSVDocument {
        var document = CSVDocument(header: recapHeader)
        guard report.total.cases > 0 else { return document }
        func row(_ section: String, _ workflow: String?, _ key: String?, _ name: String?, _ counts: RecapReport.Counts) {
            document.rows.append([
                .text(section), .text(workflow), .text(key), .text(name), .integer(counts.cases), .integer(counts.ended),
                .integer(counts.endedOnTime), .integer(counts.endedLate), .integer(counts.medianWorkingMinutes),
                .integer(counts.open), .integer(counts.openOverdue), .integer(counts.medianOpenWorkingMinutes), .empty, .empty,
            ])
        }
        row("Total", nil, nil, "Semua pengaduan", report.total)
        for line in report.workflows { row("SOP", line.workflow, line.workflow, line.title, line.counts) }
        for line in report.channels { row("Kanal", nil, line.channel, line.name ?? "(tanpa kanal)", line.counts) }
        for line in report.statuses {
            let key = [line.status.rawValue, line.outcome, line.handedOffTo.map { "diteruskan:\($0)" }].compactMap { $0 }.joined(separator: ":")
            row("Status", line.workflow, key, ReportText.status(line), line.counts)
        }
        for line in report.steps {
            document.rows.append([
                "Langkah", .text(line.workflow), .text(line.step), .text((line.number.map { "\($0). " } ?? "") + line.activity),
                .integer(line.cases), .integer(0), .integer(0), .integer(0), .empty, .integer(line.cases), .integer(line.caseOverdue),
                .integer(line.medianOpenWorkingMinutes), .integer(line.stepOverdue), .integer(line.medianStepWorkingMinutes),
            ])
        }
        return document
    }

    static let slaHeader = [
        "Bagian", "SOP", "No", "Langkah", "Nama", "Pelaksana", "Langkah pelapor", "Anggaran", "Jumlah", "Diukur",
        "Tepat waktu", "Terlambat", "Berjalan lewat tenggat", "Berjalan", "Dilewati", "Persen tepat waktu",
        "Median waktu kerja (menit)", "P90 waktu kerja (menit)", "Median anggaran (menit)", "Median waktu kantor (menit)",
        "P90 waktu kantor (menit)", "Median waktu pelapor (menit)", "P90 waktu pelapor (menit)", "Peringkat terlambat",
    ]

    static func sla(_ report: SLAReport) -> CSVDocument {
        var document = CSVDocument(header: slaHeader)
        for line in report.workflows {
            document.rows.append([
                "SOP", .text(line.workflow), .empty, .empty, .text(line.title), .empty, .empty, .text(line.budget),
                .integer(line.cases), .integer(line.ended), .integer(line.met), .integer(line.late), .integer(line.runningLate),
                .integer(line.running), .empty, .decimal(line.metPercent), .integer(line.medianWorkingMinutes),
                .integer(line.p90WorkingMinutes), .empty, .integer(line.medianOfficeMinutes), .integer(line.p90OfficeMinutes),
                .integer(line.medianReporterMinutes), .integer(line.p90ReporterMinutes), .empty,
            ])
        }
        for line in report.steps {
            document.rows.append([
                "Langkah", .text(line.workflow), .integer(line.number), .text(line.step), .text(line.activity),
                .text(line.actors.joined(separator: ", ")), .text(line.isReporterStep ? "ya" : "tidak"), .text(line.budget),
                .integer(line.measured + line.runningLate + line.running + line.skipped), .integer(line.measured),
                .integer(line.met), .integer(line.late), .integer(line.runningLate), .integer(line.running), .integer(line.skipped),
                .decimal(line.metPercent), .integer(line.medianWorkingMinutes), .integer(line.p90WorkingMinutes),
                .integer(line.medianBudgetWorkingMinutes), .empty, .empty, .empty, .empty, .integer(line.lateRank),
            ])
        }
        return document
    }
}

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

    func validate() throws {
        _ = try reportPeriod(from: from, to: to)
    }

    func run() throws {
        let period = try reportPeriod(from: from, to: to)
        let service = try store.service()
        let now = try currentTime()
        let report = try perform { () throws(ServiceError) -> RecapReport in try Reports(service: service).recap(period, asOf: now) }
        switch format {
        case .table: print(ReportText.recap(report, width: terminalWidth), terminator: "")
        case .csv: print(ReportCSV.recap(report).render(), terminator: "")
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

    func validate() throws {
        _ = try reportPeriod(from: from, to: to)
    }

    func run() throws {
        let period = try reportPeriod(from: from, to: to)
        let service = try store.service()
        let now = try currentTime()
        let report = try perform { () throws(ServiceError) -> SLAReport in
            try Reports(service: service).sla(period, workflow: workflow.map { WorkflowID($0) }, asOf: now)
        }
        switch format {
        case .table: print(ReportText.sla(report, width: terminalWidth), terminator: "")
        case .csv: print(ReportCSV.sla(report).render(), terminator: "")
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

/// Reports as text tables, in the language of this run.
enum ReportText {
    /// `1 Nov 2026`.
    static func day(_ date: CivilDate) -> String { "\(date.day) \(TimeText.months(in: language)[date.month - 1]) \(date.year)" }

    /// `1 Nov 2026 – 30 Nov 2026`, `sejak 1 Nov 2026`, `semua waktu`.
    static func period(_ period: ReportPeriod) -> String {
        switch (period.from, period.to) {
        case (let from?, let to?): from == to ? day(from) : "\(day(from)) – \(day(to))"
        case (let from?, nil): tr(id: "sejak \(day(from))", en: "since \(day(from))")
        case (nil, let to?): tr(id: "sampai \(day(to))", en: "until \(day(to))")
        case (nil, nil): tr(id: "semua waktu", en: "all time")
        }
    }

    /// A duration in working minutes, or `-` for none.
    static func duration(_ minutes: Int?, _ dayMinutes: Int?) -> String {
        minutes.map { WorkingDay.text(minutes: $0, dayMinutes: dayMinutes) } ?? "-"
    }

    static func percent(_ value: Double?) -> String {
        guard let value else { return "-" }
        let text = value.rounded() == value ? String(Int(value)) : String(value)
        return (language == .id ? text.replacingOccurrences(of: ".", with: ",") : text) + "%"
    }

    /// The words for a status line: `selesai — Pengaduan selesai …`, `ditutup — diteruskan ke SOP …`.
    static func status(_ line: RecapReport.StatusLine) -> String {
        var text = line.status.label.localized
        if let name = line.outcomeName { text += " — \(name)" }
        if let target = line.handedOffTo { text += " — " + CaseText.handedOff(target).localized }
        return text
    }

    /// A note wrapped to the width of the tables.
    static func note(_ text: String, width: Int) -> String {
        text.split(separator: "\n").map { TextTable.wrap(String($0), width: width).joined(separator: "\n") + "\n" }.joined()
    }

    /// What a "hari" means in the durations, when they use days.
    static func dayNote(_ dayMinutes: Int?) -> String {
        guard let dayMinutes else { return "" }
        let length = Budget(minutes: dayMinutes).description
        return tr(
            id: "1 hari = \(length) kerja (hari kerja biasa kalender SOP).\n",
            en: "1 hari = \(length) of working time (a usual working day of the SOP's calendar).\n")
    }

    static func recap(_ report: RecapReport, width: Int) -> String {
        var text = tr(id: "Rekapan Pengaduan\n", en: "Complaints Recap\n")
        text += tr(
            id: "Periode: \(period(report.period)) (pengaduan yang dibuka, WIB); per \(Clock.text(report.asOf))\n",
            en: "Period: \(period(report.period)) (cases opened, Jakarta time); as of \(Clock.text(report.asOf))\n")
        let total = report.total
        guard total.cases > 0 else {
            return text + tr(id: "\nTidak ada pengaduan yang dibuka pada periode ini.\n", en: "\nNo cases were opened in this period.\n")
        }
        let days = report.workingDayMinutes
        text += tr(
            id: "Jumlah: \(total.cases) pengaduan — \(total.ended) berakhir (\(total.endedOnTime) tepat waktu, \(total.endedLate) terlambat), "
                + "\(total.open) berjalan (\(total.openOverdue) lewat tenggat)\n",
            en: "Total: \(total.cases) case(s) — \(total.ended) ended (\(total.endedOnTime) on time, \(total.endedLate) late), "
                + "\(total.open) open (\(total.openOverdue) past due)\n")
        if total.dueInUncoveredYear > 0 {
            let years = CaseText.years(report.uncoveredYears).localized
            text += tr(
                id: "Di antaranya \(total.dueInUncoveredYear) pengaduan bertenggat melewati tahun \(years), yang hari liburnya belum "
                    + "dimuat kalender kerja: tenggatnya dihitung seolah-olah tanpa hari libur, sehingga tepat waktu atau "
                    + "terlambatnya belum pasti (kolom \"Tenggat tanpa libur\").\n",
                en: "Of them, \(total.dueInUncoveredYear) case(s) have due times through \(years), whose holidays the office calendar "
                    + "does not list yet: those due times assume no holidays, so their on time or late is not certain "
                    + "(column \"Due w/o holidays\").\n")
        }
        let median = duration(total.medianWorkingMinutes, days)
        let age = duration(total.medianOpenWorkingMinutes, days)
        text += tr(
            id: "Median waktu kerja: \(median) (berakhir); median umur berjalan: \(age)\n",
            en: "Median working time: \(median) (ended); median age of open cases: \(age)\n")
        func table(_ title: String, _ header: String, _ lines: [(String, RecapReport.Counts)]) {
            text += "\n\(title)\n"
            var table = TextTable(columns: [
                .init(header: header, width: nil, weight: 1),
                .init(header: tr(id: "Jumlah", en: "Cases"), width: 6, weight: 0),
                .init(header: tr(id: "Berakhir", en: "Ended"), width: 8, weight: 0),
                .init(header: tr(id: "Tepat waktu", en: "On time"), width: 7, weight: 0),
                .init(header: tr(id: "Terlambat", en: "Late"), width: 9, weight: 0),
                .init(header: tr(id: "Median waktu kerja", en: "Median working time"), width: 14, weight: 0),
                .init(header: tr(id: "Berjalan", en: "Open"), width: 8, weight: 0),
                .init(header: tr(id: "Lewat tenggat", en: "Past due"), width: 8, weight: 0),
                .init(header: tr(id: "Median umur berjalan", en: "Median age open"), width: 14, weight: 0),
            ] + (total.dueInUncoveredYear > 0
                ? [.init(header: tr(id: "Tenggat tanpa libur", en: "Due w/o holidays"), width: 9, weight: 0)] : []))
            for (name, counts) in lines {
                table.rows.append([
                    name, String(counts.cases), String(counts.ended), String(counts.endedOnTime), String(counts.endedLate),
                    duration(counts.medianWorkingMinutes, days), String(counts.open), String(counts.openOverdue),
                    duration(counts.medianOpenWorkingMinutes, days),
                ] + (total.dueInUncoveredYear > 0 ? [String(counts.dueInUncoveredYear)] : []))
            }
            text += table.render(totalWidth: width)
        }
        table(tr(id: "Per SOP", en: "By SOP"), "SOP", report.workflows.map { ("\($0.title)\n(\($0.workflow))", $0.counts) })
        table(
            tr(id: "Per kanal", en: "By channel"), tr(id: "Kanal", en: "Channel"),
            report.channels.map { ($0.name ?? $0.channel ?? noChannel, $0.counts) })
        table(tr(id: "Per status", en: "By status"), "SOP / status", report.statuses.map { ("\($0.workflow)\n\(status($0))", $0.counts) })
        if !report.steps.isEmpty {
            text += tr(id: "\nLangkah pengaduan yang berjalan\n", en: "\nSteps the open cases stand on\n")
            var table = TextTable(columns: [
                .init(header: tr(id: "SOP / langkah", en: "SOP / step"), width: nil, weight: 1),
                .init(header: tr(id: "Jumlah", en: "Cases"), width: 6, weight: 0),
                .init(header: tr(id: "Langkah lewat tenggat", en: "Step past due"), width: 9, weight: 0),
                .init(header: tr(id: "Median waktu di langkah", en: "Median time on the step"), width: 14, weight: 0),
                .init(header: tr(id: "Pengaduan lewat tenggat", en: "Case past due"), width: 10, weight: 0),
                .init(header: tr(id: "Median umur berjalan", en: "Median age open"), width: 14, weight: 0),
            ])
            for line in report.steps {
                let number = line.number.map { "\($0). " } ?? ""
                table.rows.append([
                    "\(line.workflow)\n\(number)\(line.activity)"
                        + (line.isReporterStep ? tr(id: " (menunggu pelapor)", en: " (waiting for the reporter)") : ""),
                    String(line.cases), String(line.stepOverdue), duration(line.medianStepWorkingMinutes, days),
                    String(line.caseOverdue), duration(line.medianOpenWorkingMinutes, days),
                ])
            }
            text += table.render(totalWidth: width)
        }
        text += "\n" + note(tr(
            id: """
                Tepat waktu: pengaduan berakhir yang ditutup paling lambat pada tenggatnya (total waktu SOP sejak dibuka, \
                dalam jam kerja); terlambat: sesudahnya. Median waktu kerja: dari dibuka sampai ditutup, dalam jam kerja \
                kalender SOP-nya, hanya pengaduan yang berakhir; pengaduan berjalan dihitung di Jumlah dan Berjalan, dan \
                umurnya (dibuka sampai saat laporan) dilaporkan terpisah. Median: nilai tengah (peringkat terdekat).
                """,
            en: """
                On time: an ended case closed no later than its due time (the SOP's total from opening, in working \
                time); late: after it. Median working time: from opening to closing, in working time of the SOP's \
                calendar, of ended cases only; open cases are counted in Cases and Open, and their age (opening to \
                the time of the report) is reported apart. Median: the middle value (nearest rank).
                """), width: width)
        text += note(dayNote(days), width: width)
        return text
    }

    static func sla(_ report: SLAReport, width: Int) -> String {
        var text = tr(id: "Ketepatan Waktu Pengaduan\n", en: "Deadlines Met\n")
        text += tr(
            id: "Periode: \(period(report.period)) (pengaduan yang dibuka, WIB)",
            en: "Period: \(period(report.period)) (cases opened, Jakarta time)")
        if let workflow = report.workflow { text += "; SOP \(workflow)" }
        text += tr(id: "; per ", en: "; as of ") + "\(Clock.text(report.asOf))\n"
        guard report.cases > 0 else {
            let sop = report.workflow.map { " SOP \($0)" } ?? ""
            return text + (report.period.isUnbounded
                ? tr(id: "\nTidak ada pengaduan\(sop) di basis data.\n", en: "\nNo cases\(sop) in the database.\n")
                : tr(
                    id: "\nTidak ada pengaduan\(sop) yang dibuka pada periode ini.\n",
                    en: "\nNo cases\(sop) were opened in this period.\n"))
        }
        let days = report.workingDayMinutes
        func pair(_ median: Int?, _ p90: Int?) -> String { "\(duration(median, days))\n/ \(duration(p90, days))" }
        func spread(_ median: Int?, _ p90: Int?) -> String {
            median == nil ? "-" : "median \(duration(median, days)), p90 \(duration(p90, days))"
        }
        for line in report.workflows {
            text += "\n\(line.title) (\(line.workflow))" + (line.budget.map { tr(id: ", anggaran \($0)", en: ", budget \($0)") } ?? "") + "\n"
            let open = line.running + line.runningLate
            text += tr(
                id: "  Pengaduan       \(line.cases): \(line.ended) berakhir (\(line.met) tepat waktu, \(line.late) terlambat), "
                    + "\(open) berjalan (\(line.runningLate) lewat tenggat)\n",
                en: "  Cases           \(line.cases): \(line.ended) ended (\(line.met) on time, \(line.late) late), "
                    + "\(open) open (\(line.runningLate) past due)\n")
            if line.dueInUncoveredYear > 0 {
                let years = CaseText.years(report.uncoveredYears).localized
                text += tr(
                    id: "  Tanpa libur     \(line.dueInUncoveredYear) pengaduan bertenggat melewati tahun \(years), yang hari liburnya "
                        + "belum dimuat kalender kerja: tepat waktu atau terlambatnya belum pasti\n",
                    en: "  No holidays     \(line.dueInUncoveredYear) case(s) have due times through \(years), whose holidays the office "
                        + "calendar does not list yet: whether they met them is not certain\n")
            }
            text += tr(
                id: "  Tepat waktu     \(percent(line.metPercent)) dari yang berakhir atau sudah lewat tenggat\n",
                en: "  On time         \(percent(line.metPercent)) of those ended or past due\n")
            text += tr(id: "  Waktu kerja     ", en: "  Working time    ")
                + spread(line.medianWorkingMinutes, line.p90WorkingMinutes) + tr(id: " (pengaduan berakhir)\n", en: " (ended cases)\n")
            text += tr(id: "  Waktu kantor    ", en: "  Office time     ") + spread(line.medianOfficeMinutes, line.p90OfficeMinutes) + "\n"
            text += tr(
                id: "  Waktu pelapor   ",
                en: "  Reporter time   ") + spread(line.medianReporterMinutes, line.p90ReporterMinutes) + "\n"
            text += tr(
                id: "  Langkah kantor  \(line.officeStepsMeasured) selesai diukur: \(line.officeStepsMet) tepat waktu, "
                    + "\(line.officeStepsLate) terlambat; \(line.officeStepsRunningLate) berjalan lewat tenggat\n\n",
                en: "  Office steps    \(line.officeStepsMeasured) measured: \(line.officeStepsMet) on time, "
                    + "\(line.officeStepsLate) late; \(line.officeStepsRunningLate) running past due\n\n")
            var steps = TextTable(columns: [
                .init(header: "No", width: 3, weight: 0),
                .init(header: tr(id: "Kegiatan (pelaksana)", en: "Activity (actors)"), width: nil, weight: 1),
                .init(header: tr(id: "Anggaran", en: "Budget"), width: 9, weight: 0),
                .init(header: tr(id: "Diukur", en: "Measured"), width: 6, weight: 0),
                .init(header: tr(id: "Tepat waktu", en: "On time"), width: 7, weight: 0),
                .init(header: tr(id: "Terlambat", en: "Late"), width: 9, weight: 0),
                .init(header: tr(id: "Berjalan lewat tenggat", en: "Running past due"), width: 8, weight: 0),
                .init(header: tr(id: "% tepat waktu", en: "% on time"), width: 7, weight: 0),
                .init(header: tr(id: "Waktu kerja median / p90", en: "Working time median / p90"), width: 14, weight: 0),
            ])
            for step in report.steps where step.workflow == line.workflow {
                var activity = step.activity + "\n(" + step.actors.joined(separator: ", ")
                    + (step.isReporterStep ? tr(id: "; waktu pelapor)", en: "; reporter's time)") : ")")
                if step.skipped > 0 { activity += tr(id: "\n\(step.skipped) dilewati", en: "\n\(step.skipped) skipped") }
                steps.rows.append([
                    step.number.map { "\($0)." } ?? "-", activity, step.budget ?? "-", String(step.measured), String(step.met),
                    String(step.late), String(step.runningLate), percent(step.metPercent),
                    pair(step.medianWorkingMinutes, step.p90WorkingMinutes),
                ])
            }
            text += steps.render(totalWidth: width)
        }
        text += tr(id: "\nLangkah kantor yang paling sering terlambat\n", en: "\nOffice steps late most often\n")
        if report.lateSteps.isEmpty {
            text += tr(id: "Tidak ada: semua langkah kantor selesai dalam anggarannya.\n", en: "None: every office step met its budget.\n")
        } else {
            var ranking = TextTable(columns: [
                .init(header: tr(id: "Peringkat", en: "Rank"), width: 9, weight: 0),
                .init(header: tr(id: "SOP / langkah", en: "SOP / step"), width: nil, weight: 1),
                .init(header: tr(id: "Terlambat", en: "Late"), width: 9, weight: 0),
                .init(header: tr(id: "Dari", en: "Of"), width: 6, weight: 0),
                .init(header: tr(id: "% terlambat", en: "% late"), width: 9, weight: 0),
                .init(header: tr(id: "Anggaran", en: "Budget"), width: 9, weight: 0),
                .init(header: tr(id: "Waktu kerja median / p90", en: "Working time median / p90"), width: 14, weight: 0),
            ])
            for line in report.lateSteps {
                let late = line.late + line.runningLate
                let of = line.met + late
                ranking.rows.append([
                    line.lateRank.map(String.init) ?? "-",
                    "\(line.workflow)\n\(line.number.map { "\($0). " } ?? "")\(line.activity)",
                    String(late) + (line.runningLate > 0 ? tr(
                        id: "\n(\(line.runningLate) berjalan)",
                        en: "\n(\(line.runningLate) running)") : ""),
                    String(of),
                    percent(of > 0 ? (Double(late) * 1000 / Double(of)).rounded() / 10 : nil), line.budget ?? "-",
                    pair(line.medianWorkingMinutes, line.p90WorkingMinutes),
                ])
            }
            text += ranking.render(totalWidth: width)
        }
        text += "\n" + note(tr(
            id: """
                Tepat waktu: langkah yang selesai (atau dikembalikan ke pelapor) paling lambat pada tenggatnya — \
                anggaran langkah sejak mulai, dalam jam kerja kalender SOP; terlambat: sesudahnya. Langkah yang sedang \
                berjalan dan sudah lewat tenggat dihitung terlambat; yang belum lewat tenggat belum dihitung. Langkah \
                yang dilewati tidak diukur. Waktu pelapor: langkah pelapor dan waktu sejak dikembalikan ke pelapor sampai \
                langkah kantor berikutnya; waktu kantor: sisanya. Median dan p90: peringkat terdekat, pengaduan/langkah \
                yang selesai.
                """,
            en: """
                On time: a step done (or returned to the reporter) no later than its due time — the step's budget \
                from its start, in working time of the SOP's calendar; late: after it. A step still running past its \
                due time counts as late; one within it is not counted yet. Skipped steps are not measured. Reporter's \
                time: the reporter's steps and the time from a return to the reporter until the next office step; \
                office time: the rest. Median and p90: nearest rank, over the cases/steps that ended.
                """), width: width)
        text += note(dayNote(days), width: width)
        return text
    }
}

/// `(tanpa kanal)`: cases that came in through no channel.
private var noChannel: String { tr(id: "(tanpa kanal)", en: "(no channel)") }

/// Reports as CSV tables: one header row, one row per line, durations in working minutes; the
/// header and the words in cells in the language of this run, keys (SOP, step, status ids) as they are.
enum ReportCSV {
    static var recapHeader: [String] {
        switch language {
        case .id:
            [
                "Bagian", "SOP", "Kunci", "Nama", "Jumlah", "Berakhir", "Tepat waktu", "Terlambat", "Median waktu kerja (menit)",
                "Berjalan", "Berjalan lewat tenggat", "Median umur berjalan (menit)", "Langkah lewat tenggat",
                "Median waktu di langkah (menit)", "Tenggat melewati tahun tanpa daftar libur",
            ]
        case .en:
            [
                "Section", "SOP", "Key", "Name", "Cases", "Ended", "On time", "Late", "Median working time (minutes)",
                "Open", "Open past due", "Median age open (minutes)", "Step past due",
                "Median time on the step (minutes)", "Due through a year without holidays listed",
            ]
        }
    }

    static func recap(_ report: RecapReport) -> CSVDocument {
        var document = CSVDocument(header: recapHeader)
        guard report.total.cases > 0 else { return document }
        func row(_ section: String, _ workflow: String?, _ key: String?, _ name: String?, _ counts: RecapReport.Counts) {
            document.rows.append([
                .text(section), .text(workflow), .text(key), .text(name), .integer(counts.cases), .integer(counts.ended),
                .integer(counts.endedOnTime), .integer(counts.endedLate), .integer(counts.medianWorkingMinutes),
                .integer(counts.open), .integer(counts.openOverdue), .integer(counts.medianOpenWorkingMinutes), .empty, .empty,
                .integer(counts.dueInUncoveredYear),
            ])
        }
        row("Total", nil, nil, tr(id: "Semua pengaduan", en: "All cases"), report.total)
        for line in report.workflows { row("SOP", line.workflow, line.workflow, line.title, line.counts) }
        for line in report.channels { row(tr(id: "Kanal", en: "Channel"), nil, line.channel, line.name ?? noChannel, line.counts) }
        for line in report.statuses {
            let key = [line.status.rawValue, line.outcome, line.handedOffTo.map { "diteruskan:\($0)" }].compactMap { $0 }.joined(separator: ":")
            row("Status", line.workflow, key, ReportText.status(line), line.counts)
        }
        for line in report.steps {
            document.rows.append([
                .text(tr(id: "Langkah", en: "Step")), .text(line.workflow), .text(line.step), .text((line.number.map { "\($0). " } ?? "") + line.activity),
                .integer(line.cases), .integer(0), .integer(0), .integer(0), .empty, .integer(line.cases), .integer(line.caseOverdue),
                .integer(line.medianOpenWorkingMinutes), .integer(line.stepOverdue), .integer(line.medianStepWorkingMinutes), .empty,
            ])
        }
        return document
    }

    static var slaHeader: [String] {
        switch language {
        case .id:
            [
                "Bagian", "SOP", "No", "Langkah", "Nama", "Pelaksana", "Langkah pelapor", "Anggaran", "Jumlah", "Diukur",
                "Tepat waktu", "Terlambat", "Berjalan lewat tenggat", "Berjalan", "Dilewati", "Persen tepat waktu",
                "Median waktu kerja (menit)", "P90 waktu kerja (menit)", "Median anggaran (menit)", "Median waktu kantor (menit)",
                "P90 waktu kantor (menit)", "Median waktu pelapor (menit)", "P90 waktu pelapor (menit)", "Peringkat terlambat",
            ]
        case .en:
            [
                "Section", "SOP", "No", "Step", "Name", "Actors", "Reporter's step", "Budget", "Cases", "Measured",
                "On time", "Late", "Running past due", "Running", "Skipped", "Percent on time",
                "Median working time (minutes)", "P90 working time (minutes)", "Median budget (minutes)", "Median office time (minutes)",
                "P90 office time (minutes)", "Median reporter time (minutes)", "P90 reporter time (minutes)", "Late rank",
            ]
        }
    }

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
                .text(tr(id: "Langkah", en: "Step")), .text(line.workflow), .integer(line.number), .text(line.step), .text(line.activity),
                .text(line.actors.joined(separator: ", ")), .text(line.isReporterStep ?
                    tr(id: "ya", en: "yes") :
                    tr(id: "tidak", en: "no")),
                .text(line.budget),
                .integer(line.measured + line.runningLate + line.running + line.skipped), .integer(line.measured),
                .integer(line.met), .integer(line.late), .integer(line.runningLate), .integer(line.running), .integer(line.skipped),
                .decimal(line.metPercent), .integer(line.medianWorkingMinutes), .integer(line.p90WorkingMinutes),
                .integer(line.medianBudgetWorkingMinutes), .empty, .empty, .empty, .empty, .integer(line.lateRank),
            ])
        }
        return document
    }
}

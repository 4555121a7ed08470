import SOPCore
import SOPModel
import SOPService

/// The recap and the deadlines-met report as text tables, in the language given; the tables and
/// notes fit a total width that the caller reads (a terminal's `COLUMNS`, say).
public enum ReportText {
    /// `1 Nov 2026`.
    static func day(_ date: CivilDate, language: Language) -> String { "\(date.day) \(TimeText.months(in: language)[date.month - 1]) \(date.year)" }

    /// `1 Nov 2026 – 30 Nov 2026`, `sejak 1 Nov 2026`, `semua waktu`.
    static func period(_ period: ReportPeriod, language: Language) -> String {
        let day = { (date: CivilDate) in Self.day(date, language: language) }
        switch (period.from, period.to) {
        case (let from?, let to?): return from == to ? day(from) : "\(day(from)) – \(day(to))"
        case (let from?, nil): return Text(id: "sejak \(day(from))", en: "since \(day(from))")(language)
        case (nil, let to?): return Text(id: "sampai \(day(to))", en: "until \(day(to))")(language)
        case (nil, nil): return Text(id: "semua waktu", en: "all time")(language)
        }
    }

    /// A duration in working minutes, or `-` for none.
    static func duration(_ minutes: Int?, _ dayMinutes: Int?) -> String {
        minutes.map { WorkingDay.text(minutes: $0, dayMinutes: dayMinutes) } ?? "-"
    }

    static func percent(_ value: Double?, language: Language) -> String {
        guard let value else { return "-" }
        let text = value.rounded() == value ? String(Int(value)) : String(value)
        return (language == .id ? text.replacingOccurrences(of: ".", with: ",") : text) + "%"
    }

    /// The words for a status line: `selesai — Pengaduan selesai …`, `ditutup — diteruskan ke SOP …`.
    static func status(_ line: RecapReport.StatusLine, language: Language) -> String {
        var text = line.status.label(language)
        if let name = line.outcomeName { text += " — \(name)" }
        if let target = line.handoffTarget { text += " — " + CaseText.handedOff(target)(language) }
        return text
    }

    /// A note wrapped to the width of the tables.
    static func note(_ text: String, width: Int) -> String {
        text.split(separator: "\n").map { TextTable.wrap(String($0), width: width).joined(separator: "\n") + "\n" }.joined()
    }

    /// What a "hari" means in the durations, when they use days.
    static func dayNote(_ dayMinutes: Int?, language: Language) -> String {
        guard let dayMinutes else { return "" }
        let length = Budget(minutes: dayMinutes).description
        return Text(
            id: "1 hari = \(length) kerja (hari kerja biasa kalender SOP).\n",
            en: "1 hari = \(length) of working time (a usual working day of the SOP's calendar).\n")(language)
    }

    /// The recap (`sop report recap`): the totals, then the cases by SOP, channel and status, the
    /// steps the open ones stand on, and what the counts mean.
    public static func recap(_ report: RecapReport, width: Int, language: Language) -> String {
        var text = Text(id: "Rekapan Pengaduan\n", en: "Complaints Recap\n")(language)
        let period = Self.period(report.period, language: language)
        let asOf = TimeText.date(report.asOf, in: language)
        text += Text(
            id: "Periode: \(period) (pengaduan yang dibuka, WIB); per \(asOf)\n",
            en: "Period: \(period) (cases opened, Jakarta time); as of \(asOf)\n")(language)
        if let ledger = report.ledger {
            text += Text(
                id: "Kepala buku besar: \(ledger.head) (entri \(ledger.entries)); periksa kelak dengan `sop verify --head`\n",
                en: "Ledger head: \(ledger.head) (entry \(ledger.entries)); check it later with `sop verify --head`\n")(language)
        }
        let total = report.total
        guard total.cases > 0 else {
            return text + Text(id: "\nTidak ada pengaduan yang dibuka pada periode ini.\n", en: "\nNo cases were opened in this period.\n")(language)
        }
        let days = report.workingDayMinutes
        text += Text(
            id: "Jumlah: \(total.cases) pengaduan — \(total.ended) berakhir (\(total.endedOnTime) tepat waktu, \(total.endedLate) terlambat), "
                + "\(total.open) berjalan (\(total.openOverdue) lewat tenggat)\n",
            en: "Total: \(total.cases) case(s) — \(total.ended) ended (\(total.endedOnTime) on time, \(total.endedLate) late), "
                + "\(total.open) open (\(total.openOverdue) past due)\n")(language)
        text += statedTimes(report.casesWithStatedTimes, language: language)
        text += rescheduled(cases: report.casesWithRescheduledDue, steps: nil, language: language)
        if total.dueInUncoveredYear > 0 {
            let years = CaseText.years(report.uncoveredYears)
            text += Text(
                id: "Di antaranya \(total.dueInUncoveredYear) pengaduan bertenggat melewati tahun \(years.id), yang hari liburnya belum "
                    + "dimuat kalender kerja: tenggatnya dihitung seolah-olah tanpa hari libur, sehingga tepat waktu atau "
                    + "terlambatnya belum pasti (kolom \"Tenggat tanpa libur\").\n",
                en: "Of them, \(total.dueInUncoveredYear) case(s) have due times through \(years.en), whose holidays the office calendar "
                    + "does not list yet: those due times assume no holidays, so their on time or late is not certain "
                    + "(column \"Due w/o holidays\").\n")(language)
        }
        let median = duration(total.medianWorkingMinutes, days)
        let age = duration(total.medianOpenWorkingMinutes, days)
        text += Text(
            id: "Median waktu kerja: \(median) (berakhir); median umur berjalan: \(age)\n",
            en: "Median working time: \(median) (ended); median age of open cases: \(age)\n")(language)
        func table(_ title: String, _ header: String, _ lines: [(String, RecapReport.Counts)]) {
            text += "\n\(title)\n"
            var table = TextTable(columns: [
                .init(header: header, width: nil, weight: 1),
                .init(header: Text(id: "Jumlah", en: "Cases")(language), width: 6, weight: 0),
                .init(header: Text(id: "Berakhir", en: "Ended")(language), width: 8, weight: 0),
                .init(header: Text(id: "Tepat waktu", en: "On time")(language), width: 7, weight: 0),
                .init(header: Text(id: "Terlambat", en: "Late")(language), width: 9, weight: 0),
                .init(header: Text(id: "Median waktu kerja", en: "Median working time")(language), width: 14, weight: 0),
                .init(header: Text(id: "Berjalan", en: "Open")(language), width: 8, weight: 0),
                .init(header: Text(id: "Lewat tenggat", en: "Past due")(language), width: 8, weight: 0),
                .init(header: Text(id: "Median umur berjalan", en: "Median age open")(language), width: 14, weight: 0),
            ] + (total.dueInUncoveredYear > 0
                ? [.init(header: Text(id: "Tenggat tanpa libur", en: "Due w/o holidays")(language), width: 9, weight: 0)] : []))
            for (name, counts) in lines {
                table.rows.append([
                    name, String(counts.cases), String(counts.ended), String(counts.endedOnTime), String(counts.endedLate),
                    duration(counts.medianWorkingMinutes, days), String(counts.open), String(counts.openOverdue),
                    duration(counts.medianOpenWorkingMinutes, days),
                ] + (total.dueInUncoveredYear > 0 ? [String(counts.dueInUncoveredYear)] : []))
            }
            text += table.render(totalWidth: width)
        }
        table(Text(id: "Per SOP", en: "By SOP")(language), "SOP", report.workflows.map { ("\($0.title)\n(\($0.workflow))", $0.counts) })
        table(
            Text(id: "Per kanal", en: "By channel")(language), Text(id: "Kanal", en: "Channel")(language),
            report.channels.map { ($0.name ?? $0.channel ?? noChannel(language), $0.counts) })
        table(Text(id: "Per status", en: "By status")(language), "SOP / status", report.statuses.map { ("\($0.workflow)\n\(status($0, language: language))", $0.counts) })
        if !report.steps.isEmpty {
            text += Text(id: "\nLangkah pengaduan yang berjalan\n", en: "\nSteps the open cases stand on\n")(language)
            var table = TextTable(columns: [
                .init(header: Text(id: "SOP / langkah", en: "SOP / step")(language), width: nil, weight: 1),
                .init(header: Text(id: "Jumlah", en: "Cases")(language), width: 6, weight: 0),
                .init(header: Text(id: "Langkah lewat tenggat", en: "Step past due")(language), width: 9, weight: 0),
                .init(header: Text(id: "Median waktu di langkah", en: "Median time on the step")(language), width: 14, weight: 0),
                .init(header: Text(id: "Pengaduan lewat tenggat", en: "Case past due")(language), width: 10, weight: 0),
                .init(header: Text(id: "Median umur berjalan", en: "Median age open")(language), width: 14, weight: 0),
            ])
            for line in report.steps {
                let number = line.number.map { "\($0). " } ?? ""
                table.rows.append([
                    "\(line.workflow)\n\(number)\(line.activity)"
                        + (line.isReporterStep ? Text(id: " (menunggu pelapor)", en: " (waiting for the reporter)")(language) : ""),
                    String(line.cases), String(line.stepOverdue), duration(line.medianStepWorkingMinutes, days),
                    String(line.caseOverdue), duration(line.medianOpenWorkingMinutes, days),
                ])
            }
            text += table.render(totalWidth: width)
        }
        text += "\n" + note(Text(
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
                """)(language), width: width)
        text += note(dayNote(days, language: language), width: width)
        return text
    }

    /// The line that flags cases with times stated by staff (`--at`), or nothing.
    static func statedTimes(_ count: Int, language: Language) -> String {
        guard count > 0 else { return "" }
        return Text(
            id: "Di antaranya \(count) pengaduan memuat waktu yang dinyatakan petugas (--at, misalnya pengaduan kertas), bukan waktu "
                + "pencatatannya: dihitung menurut waktu yang dinyatakan; lihat `sop case history`.\n",
            en: "Of them, \(count) case(s) have times stated by staff (--at, a complaint on paper for one), not the times they were "
                + "recorded: counted by the stated times; see `sop case history`.\n")(language)
    }

    /// The line that flags cases whose due times a calendar published while they ran computed
    /// again (with the steps so measured, when counted), or nothing.
    static func rescheduled(cases: Int, steps: Int?, language: Language) -> String {
        guard cases > 0 else { return "" }
        let stepsID = steps.map { " (\($0) langkah)" } ?? ""
        let stepsEN = steps.map { " (\($0) step(s))" } ?? ""
        return Text(
            id: "Di antaranya \(cases) pengaduan\(stepsID) bertenggat yang dihitung ulang karena kalender diterbitkan ulang saat "
                + "berjalan: diukur terhadap tenggat yang berlaku ketika langkah atau pengaduan itu berakhir; lihat `sop case history`.\n",
            en: "Of them, \(cases) case(s)\(stepsEN) have due times computed again by a calendar published while they ran: measured "
                + "against the due time in force when the step or case ended; see `sop case history`.\n")(language)
    }

    /// Deadlines met (`sop report sla`): per SOP its cases and steps against their budgets, then the
    /// office's steps late most often, and what the counts mean.
    public static func sla(_ report: SLAReport, width: Int, language: Language) -> String {
        var text = Text(id: "Ketepatan Waktu Pengaduan\n", en: "Deadlines Met\n")(language)
        let period = Self.period(report.period, language: language)
        text += Text(id: "Periode: \(period) (pengaduan yang dibuka, WIB)", en: "Period: \(period) (cases opened, Jakarta time)")(language)
        if let workflow = report.workflow { text += "; SOP \(workflow)" }
        text += Text(id: "; per ", en: "; as of ")(language) + "\(TimeText.date(report.asOf, in: language))\n"
        guard report.cases > 0 else {
            let sop = report.workflow.map { " SOP \($0)" } ?? ""
            return text + (report.period.isUnbounded
                ? Text(id: "\nTidak ada pengaduan\(sop) di basis data.\n", en: "\nNo cases\(sop) in the database.\n")(language)
                : Text(
                    id: "\nTidak ada pengaduan\(sop) yang dibuka pada periode ini.\n",
                    en: "\nNo cases\(sop) were opened in this period.\n")(language))
        }
        text += statedTimes(report.casesWithStatedTimes, language: language)
        text += rescheduled(cases: report.casesWithRescheduledDue, steps: report.stepsWithRescheduledDue, language: language)
        let days = report.workingDayMinutes
        func pair(_ median: Int?, _ p90: Int?) -> String { "\(duration(median, days))\n/ \(duration(p90, days))" }
        func spread(_ median: Int?, _ p90: Int?) -> String {
            median == nil ? "-" : "median \(duration(median, days)), p90 \(duration(p90, days))"
        }
        for line in report.workflows {
            text += "\n\(line.title) (\(line.workflow))" + (line.budget.map { Text(id: ", anggaran \($0)", en: ", budget \($0)")(language) } ?? "") + "\n"
            let open = line.running + line.runningLate
            text += Text(
                id: "  Pengaduan       \(line.cases): \(line.ended) berakhir (\(line.met) tepat waktu, \(line.late) terlambat), "
                    + "\(open) berjalan (\(line.runningLate) lewat tenggat)\n",
                en: "  Cases           \(line.cases): \(line.ended) ended (\(line.met) on time, \(line.late) late), "
                    + "\(open) open (\(line.runningLate) past due)\n")(language)
            if line.dueInUncoveredYear > 0 {
                let years = CaseText.years(report.uncoveredYears)
                text += Text(
                    id: "  Tanpa libur     \(line.dueInUncoveredYear) pengaduan bertenggat melewati tahun \(years.id), yang hari liburnya "
                        + "belum dimuat kalender kerja: tepat waktu atau terlambatnya belum pasti\n",
                    en: "  No holidays     \(line.dueInUncoveredYear) case(s) have due times through \(years.en), whose holidays the office "
                        + "calendar does not list yet: whether they met them is not certain\n")(language)
            }
            text += Text(
                id: "  Tepat waktu     \(percent(line.metPercent, language: language)) dari yang berakhir atau sudah lewat tenggat\n",
                en: "  On time         \(percent(line.metPercent, language: language)) of those ended or past due\n")(language)
            text += Text(id: "  Waktu kerja     ", en: "  Working time    ")(language)
                + spread(line.medianWorkingMinutes, line.p90WorkingMinutes) + Text(id: " (pengaduan berakhir)\n", en: " (ended cases)\n")(language)
            text += Text(id: "  Waktu kantor    ", en: "  Office time     ")(language) + spread(line.medianOfficeMinutes, line.p90OfficeMinutes) + "\n"
            text += Text(
                id: "  Waktu pelapor   ",
                en: "  Reporter time   ")(language) + spread(line.medianReporterMinutes, line.p90ReporterMinutes) + "\n"
            text += Text(
                id: "  Langkah kantor  \(line.officeStepsMeasured) selesai diukur: \(line.officeStepsMet) tepat waktu, "
                    + "\(line.officeStepsLate) terlambat; \(line.officeStepsRunningLate) berjalan lewat tenggat\n\n",
                en: "  Office steps    \(line.officeStepsMeasured) measured: \(line.officeStepsMet) on time, "
                    + "\(line.officeStepsLate) late; \(line.officeStepsRunningLate) running past due\n\n")(language)
            var steps = TextTable(columns: [
                .init(header: "No", width: 3, weight: 0),
                .init(header: Text(id: "Kegiatan (pelaksana)", en: "Activity (actors)")(language), width: nil, weight: 1),
                .init(header: Text(id: "Anggaran", en: "Budget")(language), width: 9, weight: 0),
                .init(header: Text(id: "Diukur", en: "Measured")(language), width: 6, weight: 0),
                .init(header: Text(id: "Tepat waktu", en: "On time")(language), width: 7, weight: 0),
                .init(header: Text(id: "Terlambat", en: "Late")(language), width: 9, weight: 0),
                .init(header: Text(id: "Berjalan lewat tenggat", en: "Running past due")(language), width: 8, weight: 0),
                .init(header: Text(id: "% tepat waktu", en: "% on time")(language), width: 7, weight: 0),
                .init(header: Text(id: "Waktu kerja median / p90", en: "Working time median / p90")(language), width: 14, weight: 0),
            ])
            for step in report.steps where step.workflow == line.workflow {
                var activity = step.activity + "\n(" + step.actors.joined(separator: ", ")
                    + (step.isReporterStep ? Text(id: "; waktu pelapor)", en: "; reporter's time)")(language) : ")")
                if step.skipped > 0 { activity += Text(id: "\n\(step.skipped) dilewati", en: "\n\(step.skipped) skipped")(language) }
                steps.rows.append([
                    step.number.map { "\($0)." } ?? "-", activity, step.budget ?? "-", String(step.measured), String(step.met),
                    String(step.late), String(step.runningLate), percent(step.metPercent, language: language),
                    pair(step.medianWorkingMinutes, step.p90WorkingMinutes),
                ])
            }
            text += steps.render(totalWidth: width)
        }
        text += Text(id: "\nLangkah kantor yang paling sering terlambat\n", en: "\nOffice steps late most often\n")(language)
        if report.lateSteps.isEmpty {
            text += Text(id: "Tidak ada: semua langkah kantor selesai dalam anggarannya.\n", en: "None: every office step met its budget.\n")(language)
        } else {
            var ranking = TextTable(columns: [
                .init(header: Text(id: "Peringkat", en: "Rank")(language), width: 9, weight: 0),
                .init(header: Text(id: "SOP / langkah", en: "SOP / step")(language), width: nil, weight: 1),
                .init(header: Text(id: "Terlambat", en: "Late")(language), width: 9, weight: 0),
                .init(header: Text(id: "Dari", en: "Of")(language), width: 6, weight: 0),
                .init(header: Text(id: "% terlambat", en: "% late")(language), width: 9, weight: 0),
                .init(header: Text(id: "Anggaran", en: "Budget")(language), width: 9, weight: 0),
                .init(header: Text(id: "Waktu kerja median / p90", en: "Working time median / p90")(language), width: 14, weight: 0),
            ])
            for line in report.lateSteps {
                let late = line.late + line.runningLate
                let of = line.met + late
                ranking.rows.append([
                    line.lateRank.map(String.init) ?? "-",
                    "\(line.workflow)\n\(line.number.map { "\($0). " } ?? "")\(line.activity)",
                    String(late) + (line.runningLate > 0 ? Text(
                        id: "\n(\(line.runningLate) berjalan)",
                        en: "\n(\(line.runningLate) running)")(language) : ""),
                    String(of),
                    percent(of > 0 ? (Double(late) * 1000 / Double(of)).rounded() / 10 : nil, language: language), line.budget ?? "-",
                    pair(line.medianWorkingMinutes, line.p90WorkingMinutes),
                ])
            }
            text += ranking.render(totalWidth: width)
        }
        text += "\n" + note(Text(
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
                """)(language), width: width)
        text += note(dayNote(days, language: language), width: width)
        return text
    }

    /// `(tanpa kanal)`: cases that came in through no channel.
    static let noChannel = Text(id: "(tanpa kanal)", en: "(no channel)")
}

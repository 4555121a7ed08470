import SOPCore
import SOPService

/// The recap and the deadlines-met report as CSV tables: one header row, one row per line,
/// durations in working minutes; the header and the words in cells in the language given, keys
/// (SOP, step, status ids) as they are.
public enum ReportCSV {
    /// The recap's columns.
    static let recapHeader: [Text] = [
        Text(id: "Bagian", en: "Section"), Text(verbatim: "SOP"), Text(id: "Kunci", en: "Key"), Text(id: "Nama", en: "Name"),
        Text(id: "Jumlah", en: "Cases"), Text(id: "Berakhir", en: "Ended"), Text(id: "Tepat waktu", en: "On time"),
        Text(id: "Terlambat", en: "Late"), Text(id: "Median waktu kerja (menit)", en: "Median working time (minutes)"),
        Text(id: "Berjalan", en: "Open"), Text(id: "Berjalan lewat tenggat", en: "Open past due"),
        Text(id: "Median umur berjalan (menit)", en: "Median age open (minutes)"), Text(id: "Langkah lewat tenggat", en: "Step past due"),
        Text(id: "Median waktu di langkah (menit)", en: "Median time on the step (minutes)"),
        Text(id: "Tenggat melewati tahun tanpa daftar libur", en: "Due through a year without holidays listed"),
    ]

    /// The recap (`sop report recap --format csv`): the total, then a row per SOP, channel,
    /// status and step the open cases stand on; only the header when no case was opened.
    public static func recap(_ report: RecapReport, language: Language) -> CSVDocument {
        var document = CSVDocument(header: recapHeader.map { $0(language) })
        guard report.total.cases > 0 else { return document }
        func row(_ section: String, _ workflow: String?, _ key: String?, _ name: String?, _ counts: RecapReport.Counts) {
            document.rows.append([
                .text(section), .text(workflow), .text(key), .text(name), .integer(counts.cases), .integer(counts.ended),
                .integer(counts.endedOnTime), .integer(counts.endedLate), .integer(counts.medianWorkingMinutes),
                .integer(counts.open), .integer(counts.openOverdue), .integer(counts.medianOpenWorkingMinutes), .empty, .empty,
                .integer(counts.dueInUncoveredYear),
            ])
        }
        row("Total", nil, nil, Text(id: "Semua pengaduan", en: "All cases")(language), report.total)
        for line in report.workflows { row("SOP", line.workflow, line.workflow, line.title, line.counts) }
        for line in report.channels {
            row(CaseText.channel(language), nil, line.channel, line.name ?? ReportText.noChannel(language), line.counts)
        }
        for line in report.statuses {
            let key = [line.status.rawValue, line.outcome, line.handoffTarget.map { "diteruskan:\($0)" }].compactMap { $0 }.joined(separator: ":")
            row("Status", line.workflow, key, ReportText.status(line, language: language), line.counts)
        }
        for line in report.steps {
            document.rows.append([
                .text(step(language)), .text(line.workflow), .text(line.step), .text((line.number.map { "\($0). " } ?? "") + line.activity),
                .integer(line.cases), .integer(0), .integer(0), .integer(0), .empty, .integer(line.cases), .integer(line.caseOverdue),
                .integer(line.medianOpenWorkingMinutes), .integer(line.stepOverdue), .integer(line.medianStepWorkingMinutes), .empty,
            ])
        }
        return document
    }

    /// The deadlines-met report's columns.
    static let slaHeader: [Text] = [
        Text(id: "Bagian", en: "Section"), Text(verbatim: "SOP"), Text(verbatim: "No"), Text(id: "Langkah", en: "Step"),
        Text(id: "Nama", en: "Name"), Text(id: "Pelaksana", en: "Actors"), Text(id: "Langkah pelapor", en: "Reporter's step"),
        Text(id: "Anggaran", en: "Budget"), Text(id: "Jumlah", en: "Cases"), Text(id: "Diukur", en: "Measured"),
        Text(id: "Tepat waktu", en: "On time"), Text(id: "Terlambat", en: "Late"), Text(id: "Berjalan lewat tenggat", en: "Running past due"),
        Text(id: "Berjalan", en: "Running"), Text(id: "Dilewati", en: "Skipped"), Text(id: "Persen tepat waktu", en: "Percent on time"),
        Text(id: "Median waktu kerja (menit)", en: "Median working time (minutes)"),
        Text(id: "P90 waktu kerja (menit)", en: "P90 working time (minutes)"), Text(id: "Median anggaran (menit)", en: "Median budget (minutes)"),
        Text(id: "Median waktu kantor (menit)", en: "Median office time (minutes)"),
        Text(id: "P90 waktu kantor (menit)", en: "P90 office time (minutes)"),
        Text(id: "Median waktu pelapor (menit)", en: "Median reporter time (minutes)"),
        Text(id: "P90 waktu pelapor (menit)", en: "P90 reporter time (minutes)"), Text(id: "Peringkat terlambat", en: "Late rank"),
    ]

    /// Deadlines met (`sop report sla --format csv`): a row per SOP, then one per step.
    public static func sla(_ report: SLAReport, language: Language) -> CSVDocument {
        var document = CSVDocument(header: slaHeader.map { $0(language) })
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
                .text(step(language)), .text(line.workflow), .integer(line.number), .text(line.step), .text(line.activity),
                .text(line.actors.joined(separator: ", ")),
                .text((line.isReporterStep ? Text(id: "ya", en: "yes") : Text(id: "tidak", en: "no"))(language)),
                .text(line.budget),
                .integer(line.measured + line.runningLate + line.running + line.skipped), .integer(line.measured),
                .integer(line.met), .integer(line.late), .integer(line.runningLate), .integer(line.running), .integer(line.skipped),
                .decimal(line.metPercent), .integer(line.medianWorkingMinutes), .integer(line.p90WorkingMinutes),
                .integer(line.medianBudgetWorkingMinutes), .empty, .empty, .empty, .empty, .integer(line.lateRank),
            ])
        }
        return document
    }

    /// The section of a step's row: `Langkah`.
    private static let step = Text(id: "Langkah", en: "Step")
}

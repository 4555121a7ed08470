import SOPCore

extension CaseTimelineSVG {
    /// The words of the case timeline picture (the SVG and the HTML page around it), each in
    /// Bahasa Indonesia and English; the picture writes them in the language it is given.
    ///
    /// What the SOP says (activities, actors, branch labels, its title and outcomes) and what the
    /// case holds (fields, notes, reasons, names) are shown as written; dates, durations and the
    /// case's status come already written by the caller, in the same language.
    enum Words {
        /// The fixed words: labels, headers, the legend. A value rather than constants, so that a
        /// test can list every one of them.
        struct Labels: Sendable {
            /// After the activity of an optional step.
            let optional = Text(id: " (bila perlu)", en: " (if needed)")
            /// The start terminator of the chart.
            let start = FlowchartSVG.start
            /// An end terminator of the chart.
            let end = FlowchartSVG.end
            /// The header of the activities' column.
            let activity = Text(id: "Kegiatan", en: "Activity")
            /// The header of the lanes' column, and of the actors in the table of visits.
            let actors = Text(id: "Pelaksana", en: "Actors")
            /// The header of the visits' column, first line.
            let visitsHeader = Text(id: "Kunjungan: anggaran / realisasi", en: "Visits: budget / time taken")
            /// The header of the visits' column, second line.
            let visitsSubheader = Text(id: "(waktu kerja), oleh, kapan", en: "(working time), by, when")
            /// After the time taken by the step the case stands on.
            let soFar = Text(id: " sejauh ini", en: " so far")
            /// Who did a step the case still stands on.
            let running = Text(id: "sedang berjalan", en: "in progress")
            /// The mark under the step the case stands on.
            let now = Text(id: "sekarang", en: "now")
            /// Beside a return to the reporter that no line of the chart draws.
            let returned = Text(id: "dikembalikan", en: "returned")
            /// A return to the reporter, in the legend and tooltips.
            let returnedToReporter = Text(id: "dikembalikan ke pelapor", en: "returned to the reporter")
            /// The legend: the lines taken.
            let pathTaken = Text(id: "jalur yang dilalui", en: "path taken")
            /// The legend, and the header line of the page: the step the case stands on.
            let currentStep = Text(id: "langkah sekarang", en: "current step")
            /// The header line of the page: the step the case stands on.
            let currentStepLabel = Text(id: "Langkah sekarang", en: "Current step")
            /// The legend: the end reached.
            let endReached = Text(id: "akhir yang dicapai", en: "end reached")
            /// The legend: what the case did not go through.
            let notVisited = Text(id: "tidak dilalui", en: "not visited")
            /// The heading of the moves between revisions.
            let revisionMoves = Text(id: "Perpindahan revisi", en: "Moves between revisions")
            /// The heading of the notes.
            let notes = Text(id: "Catatan", en: "Notes")
            /// The page's header: the register number.
            let registerNumber = Text(id: "Nomor register", en: "Register number")
            /// The page's header: the workflow and revision.
            let workflow = Text(id: "Alur kerja", en: "Workflow")
            /// The page's header: when the case was opened.
            let opened = Text(id: "Dibuka", en: "Opened")
            /// The page's header: when the case is due.
            let due = Text(id: "Tenggat", en: "Due")
            /// The page's header: when the case ended.
            let closed = Text(id: "Ditutup", en: "Closed")
            /// The page's header: the office's working time.
            let officeTime = Text(id: "Waktu kerja kantor", en: "Office working time")
            /// The page's header: the working time spent waiting on the reporter.
            let reporterTime = Text(id: "Menunggu pelapor", en: "Waiting for the reporter")
            /// The page's heading of the picture.
            let pathOnChart = Text(id: "Jalur pengaduan pada bagan alir", en: "The complaint's path on the flowchart")
            /// The page's heading of the table of visits.
            let stepVisits = Text(id: "Kunjungan langkah", en: "Step visits")
            /// The page, for a case that went through no step yet.
            let noSteps = Text(id: "Belum ada langkah.", en: "No steps yet.")
            /// The table of visits: the visit's number.
            let visit = Text(id: "Kunjungan", en: "Visit")
            /// The table of visits: who did it.
            let by = Text(id: "Oleh", en: "By")
            /// The table of visits: when it started and ended.
            let startEnd = Text(id: "Mulai – selesai", en: "Start – end")
            /// The table of visits: the budget.
            let budget = Text(id: "Anggaran", en: "Budget")
            /// The table of visits: the working time taken.
            let taken = Text(id: "Realisasi", en: "Time taken")
            /// The table of visits: on time, at risk or overdue.
            let timeliness = Text(id: "Ketepatan", en: "Timeliness")
            /// The table of visits: what became of it.
            let result = Text(id: "Hasil", en: "Result")
            /// The table of visits: a step done, with nothing more to say.
            let done = Text(id: "selesai", en: "done")
        }

        /// The fixed words.
        static let labels = Labels()

        /// On time, at risk, overdue.
        static func timeliness(_ value: CaseTimelineData.Timeliness) -> Text {
            switch value {
            case .onTime: Text(id: "tepat waktu", en: "on time")
            case .atRisk: Text(id: "hampir lewat", en: "at risk")
            case .overdue: Text(id: "terlambat", en: "overdue")
            case .untimed: Text(id: "tanpa tenggat", en: "no due time")
            }
        }

        /// What became of a visit, or nil when there is nothing to say beyond who and when.
        static func result(_ visit: CaseTimelineData.Visit) -> Text? {
            var parts: [Text] = []
            switch visit.ending {
            case .completed(let branch): if let branch { parts.append(Text(id: "pilihan: \(branch)", en: "choice: \(branch)")) }
            case .skipped(let reason): parts.append(Text(id: "dilewati: \(reason)", en: "skipped: \(reason)"))
            case .returned(let reason): parts.append(labels.returnedToReporter + Text(verbatim: ": \(reason)"))
            case .open:
                if visit.timeliness != .untimed { parts.append(Text(id: "tenggat \(visit.due)", en: "due \(visit.due)")) }
            }
            if let escalated = visit.escalatedTo { parts.append(Text(id: "dieskalasi ke \(escalated)", en: "escalated to \(escalated)")) }
            return parts.isEmpty ? nil : parts.joined(separator: " · ")
        }

        /// The picture's first line: `LINI MASA PENGADUAN 067/PGD/2026/000001 (nomor 1)`.
        static func heading(_ data: CaseTimelineData) -> Text {
            Text(
                id: "LINI MASA PENGADUAN \(data.registerNumber) (nomor \(data.number))",
                en: "COMPLAINT TIMELINE \(data.registerNumber) (number \(data.number))")
        }

        /// The page's title and heading: `Lini masa pengaduan 067/PGD/2026/000001`.
        static func title(_ registerNumber: String) -> Text {
            Text(id: "Lini masa pengaduan \(registerNumber)", en: "Complaint timeline \(registerNumber)")
        }

        /// `067/PGD/2026/000001 (nomor 1)`.
        static func registerNumber(_ data: CaseTimelineData) -> Text {
            Text(id: "\(data.registerNumber) (nomor \(data.number))", en: "\(data.registerNumber) (number \(data.number))")
        }

        /// `pengaduan-langsung, revisi 1`.
        static func revision(_ workflow: String, _ revision: Int) -> Text {
            Text(id: "\(workflow), revisi \(revision)", en: "\(workflow), revision \(revision)")
        }

        /// `alur kerja pengaduan-langsung, revisi 1`.
        static func workflowRevision(_ workflow: String, _ revision: Int) -> Text {
            Text(id: "alur kerja \(workflow), revisi \(revision)", en: "workflow \(workflow), revision \(revision)")
        }

        /// `Dibuka … · tenggat … (tepat waktu) · ditutup …`.
        static func times(_ data: CaseTimelineData) -> Text {
            let timeliness = Self.timeliness(data.timeliness)
            var text = Text(
                id: "Dibuka \(data.opened) · tenggat \(data.due) (\(timeliness.id))",
                en: "Opened \(data.opened) · due \(data.due) (\(timeliness.en))")
            if let closed = data.closed { text = text + Text(id: " · ditutup \(closed)", en: " · closed \(closed)") }
            return text
        }

        /// The step a case stands on: `4. Melakukan analisa … (Tim Pengelola Pengaduan), tenggat …`.
        static func step(_ visit: CaseTimelineData.Visit) -> Text {
            let step = (visit.number > 0 ? "\(visit.number). " : "") + "\(visit.activity) (\(visit.actors.joined(separator: ", ")))"
            return Text(id: "\(step), tenggat \(visit.due)", en: "\(step), due \(visit.due)")
        }

        /// `Sekarang: langkah 4. … , tenggat … (hampir lewat)`.
        static func now(_ visit: CaseTimelineData.Visit) -> Text {
            let step = step(visit)
            let timeliness = Self.timeliness(visit.timeliness)
            return Text(id: "Sekarang: langkah \(step.id) (\(timeliness.id))", en: "Now: step \(step.en) (\(timeliness.en))")
        }

        /// `Waktu kerja: kantor 1 jam, menunggu pelapor 10 menit`.
        static func workingTime(_ data: CaseTimelineData) -> Text {
            Text(
                id: "Waktu kerja: kantor \(data.officeTime), menunggu pelapor \(data.reporterTime)",
                en: "Working time: office \(data.officeTime), waiting for the reporter \(data.reporterTime)")
        }

        /// Beside a step the case did not go through: `tidak dilalui · anggaran 1 hari`.
        static func notVisited(budget: String) -> Text {
            Text(id: "tidak dilalui · anggaran \(budget)", en: "not visited · budget \(budget)")
        }

        /// The legend's circle of a timeliness: `kunjungan tepat waktu`.
        static func visits(_ value: CaseTimelineData.Timeliness) -> Text {
            let timeliness = Self.timeliness(value)
            return Text(id: "kunjungan \(timeliness.id)", en: "visit \(timeliness.en)")
        }

        /// A visit's tooltip: `Kunjungan 3: terlambat`.
        static func visit(_ number: Int, _ what: Text) -> Text {
            Text(id: "Kunjungan \(number): \(what.id)", en: "Visit \(number): \(what.en)")
        }

        /// The first line of a visit's block: `15 menit / 12 menit`, `… sejauh ini` while open.
        static func budgetTaken(_ visit: CaseTimelineData.Visit) -> Text {
            Text(verbatim: "\(visit.budget) / \(visit.taken)") + (visit.isOpen ? labels.soFar : Text(verbatim: ""))
        }

        /// Who did a visit: `oleh siti`, or `sedang berjalan` while open.
        static func by(_ visit: CaseTimelineData.Visit) -> Text {
            visit.by.map { Text(id: "oleh \($0)", en: "by \($0)") } ?? labels.running
        }

        /// The heading of visits to steps the revision drawn does not have.
        static func elsewhere(revision: Int) -> Text {
            Text(
                id: "Langkah yang tidak ada di revisi \(revision) (dilalui pada revisi sebelumnya):",
                en: "Steps not in revision \(revision) (visited on an earlier revision):")
        }

        /// How a case ended that the chart cannot show: `Berakhir: dicabut`.
        static func ended(_ words: String) -> Text {
            Text(id: "Berakhir: \(words)", en: "Ended: \(words)")
        }
    }
}

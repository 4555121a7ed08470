import Foundation
import SOPEngine
import SOPModel
import SOPReports
import SOPService
import SOPStorage
import Testing

/// November 2026, as of Friday 6 November 10:00 WIB: the `Scenario` cases, their working times
/// worked out by hand (Monday–Thursday 07:30–16:00, Friday 07:30–11:00).
let november = try! ReportPeriod(from: CivilDate("2026-11-01"), to: CivilDate("2026-11-30"))

@Suite("Recap (rekapan pengaduan) over a real database")
struct RecapTests {
    @Test("counts, medians and open cases by SOP, channel, status and step")
    func recap() throws {
        let office = try ReportOffice()
        try Scenario.make(office)
        let report = try office.reports.recap(november, asOf: Scenario.asOf)

        // Ended: A 35, C 100, B 890, E 10, G 1410 working minutes → nearest-rank median 100.
        // Open: F 1290, D 1650 → the lower middle, 1290. H (26 Oct) is outside the period.
        #expect(report.total == RecapReport.Counts(
            cases: 7, ended: 5, open: 2, endedOnTime: 4, endedLate: 1, openOverdue: 2,
            medianWorkingMinutes: 100, medianOpenWorkingMinutes: 1290))
        #expect(report.workingDayMinutes == 510)

        #expect(report.workflows.map(\.workflow) == ["pengaduan-langsung", "pengaduan-media"])
        #expect(report.workflows[0].title == "Penanganan Pengaduan Masyarakat Secara Langsung")
        #expect(report.workflows[0].counts == RecapReport.Counts(
            cases: 5, ended: 4, open: 1, endedOnTime: 3, endedLate: 1, openOverdue: 1,
            medianWorkingMinutes: 100, medianOpenWorkingMinutes: 1650))
        #expect(report.workflows[1].counts == RecapReport.Counts(
            cases: 2, ended: 1, open: 1, endedOnTime: 1, endedLate: 0, openOverdue: 1,
            medianWorkingMinutes: 10, medianOpenWorkingMinutes: 1290))

        #expect(report.channels.map(\.channel) == ["langsung", "instagram", "telepon"])
        #expect(report.channels.map(\.name) == ["Langsung (datang ke kantor)", "Instagram", "Telepon"])
        #expect(report.channels.map(\.counts.cases) == [5, 1, 1])

        let statuses = report.statuses.map { "\($0.workflow) \($0.status.rawValue) \($0.outcome ?? "-") \($0.counts.cases)" }
        #expect(statuses == [
            "pengaduan-langsung waiting-for-reporter - 1",
            "pengaduan-langsung resolved selesai 1",
            "pengaduan-langsung resolved selesai-front-office 2",
            "pengaduan-langsung withdrawn - 1",
            "pengaduan-media open - 1",
            "pengaduan-media resolved dijawab-langsung 1",
        ])
        #expect(report.statuses[2].outcomeName == "Pengaduan diselesaikan oleh staf front office")
        #expect(report.statuses[2].counts.medianWorkingMinutes == 35)  // A 35, C 100: the lower middle

        // D waits on the reporter on step 1 since Tuesday 09:00; F stands on `telaah` since 14:20.
        #expect(report.steps.count == 2)
        let form = try #require(report.steps.first)
        #expect(form.workflow == "pengaduan-langsung" && form.step == "isi-formulir" && form.number == 1)
        #expect(form.isReporterStep)
        #expect((form.cases, form.stepOverdue, form.caseOverdue) == (1, 1, 1))
        #expect(form.medianStepWorkingMinutes == 1590)
        #expect(form.medianOpenWorkingMinutes == 1650)
        let review = report.steps[1]
        #expect(review.workflow == "pengaduan-media" && review.step == "telaah" && review.number == 3 && !review.isReporterStep)
        #expect(review.medianStepWorkingMinutes == 1270)
        #expect(review.activity.isEmpty == false)
    }

    @Test("an empty database and an empty period give a recap of nothing")
    func empty() throws {
        let office = try ReportOffice()
        let nothing = try office.reports.recap(november, asOf: Scenario.asOf)
        #expect(nothing.total == RecapReport.Counts())
        #expect(nothing.workflows.isEmpty && nothing.channels.isEmpty && nothing.statuses.isEmpty && nothing.steps.isEmpty)
        #expect(nothing.workingDayMinutes == nil)
        try Scenario.make(office)
        let december = try ReportPeriod(from: CivilDate("2026-12-01"), to: CivilDate("2026-12-31"))
        #expect(try office.reports.recap(december, asOf: Scenario.asOf).total.cases == 0)
    }

    @Test("the period's days are whole days in Jakarta, both ends included")
    func periodEdges() throws {
        let office = try ReportOffice()
        try Scenario.make(office)
        // A, B, C, G were opened on Monday 2 Nov; D, E, F on Tuesday.
        let monday = try ReportPeriod(from: CivilDate("2026-11-02"), to: CivilDate("2026-11-02"))
        #expect(try office.reports.recap(monday, asOf: Scenario.asOf).total.cases == 4)
        let tuesday = try ReportPeriod(from: CivilDate("2026-11-03"), to: nil)
        #expect(try office.reports.recap(tuesday, asOf: Scenario.asOf).total.cases == 3)
        let october = try ReportPeriod(from: nil, to: CivilDate("2026-10-31"))
        #expect(try office.reports.recap(october, asOf: Scenario.asOf).total.cases == 1)
        #expect(try office.reports.recap(.always, asOf: Scenario.asOf).total.cases == 8)
    }
}

@Suite("Deadlines met (SLA) over a real database")
struct SLATests {
    @Test("per step: met, late, running late, median and p90 against the budget")
    func steps() throws {
        let office = try ReportOffice()
        try Scenario.make(office)
        let report = try office.reports.sla(november, asOf: Scenario.asOf)
        #expect(report.cases == 7)
        func line(_ workflow: String, _ step: String) throws -> SLAReport.StepLine {
            try #require(report.steps.first { $0.workflow == workflow && $0.step == step })
        }
        #expect(report.steps.map { "\($0.workflow) \($0.number ?? 0)" } == [
            "pengaduan-langsung 1", "pengaduan-langsung 2", "pengaduan-langsung 3", "pengaduan-langsung 4",
            "pengaduan-langsung 5", "pengaduan-langsung 6", "pengaduan-langsung 7",
            "pengaduan-media 1", "pengaduan-media 2", "pengaduan-media 3",
        ])
        // Step 1, the reporter's: 10, 15 (ended at its due time: met), 5, 60 (late), 10; D's again, past due.
        let form = try line("pengaduan-langsung", "isi-formulir")
        #expect(form.isReporterStep && form.actors == ["Pelapor"] && form.budget == "15 menit")
        #expect((form.measured, form.met, form.late, form.runningLate, form.running, form.skipped) == (5, 4, 1, 1, 0, 0))
        #expect(form.metPercent == 66.7)
        #expect((form.medianWorkingMinutes, form.p90WorkingMinutes, form.medianBudgetWorkingMinutes) == (10, 60, 15))
        #expect(form.lateRank == nil)
        // Step 2: 20, 30, 20 late; 5, 10 met.
        let check = try line("pengaduan-langsung", "periksa-kelengkapan")
        #expect((check.measured, check.met, check.late) == (5, 2, 3))
        #expect(check.metPercent == 40)
        #expect((check.medianWorkingMinutes, check.p90WorkingMinutes) == (20, 30))
        // Step 3: 5, 5, 10 (at its due time), 10.
        let solvable = try line("pengaduan-langsung", "dapat-diselesaikan")
        #expect((solvable.measured, solvable.met, solvable.late, solvable.metPercent) == (4, 4, 0, 100))
        #expect((solvable.medianWorkingMinutes, solvable.p90WorkingMinutes) == (5, 10))
        // Step 4 (1 hari): B took Monday 09:50 – Tuesday 10:50 (570, late); D was returned after 30.
        let analysis = try line("pengaduan-langsung", "analisa")
        #expect((analysis.measured, analysis.met, analysis.late) == (2, 1, 1))
        #expect((analysis.medianWorkingMinutes, analysis.p90WorkingMinutes) == (30, 570))
        #expect(analysis.medianBudgetWorkingMinutes == 510)
        #expect(analysis.budget == "1 hari")
        let register = try line("pengaduan-langsung", "register")
        #expect((register.measured, register.late, register.medianWorkingMinutes) == (1, 1, 20))
        let review = try line("pengaduan-media", "telaah")
        #expect((review.measured, review.runningLate, review.metPercent) == (0, 1, 0))
        #expect(review.medianWorkingMinutes == nil)

        // The office's steps late most often: register 1/1 and telaah 1/1 (flow order breaks the
        // tie), then periksa-kelengkapan 3/5, analisa 1/2.
        #expect(report.lateSteps.map(\.step) == ["register", "telaah", "periksa-kelengkapan", "analisa"])
        #expect(report.lateSteps.map(\.lateRank) == [1, 2, 3, 4])
        #expect(try line("pengaduan-langsung", "periksa-kelengkapan").lateRank == 3)
    }

    @Test("per SOP: the cases' deadlines, and office time apart from the reporter's")
    func workflows() throws {
        let office = try ReportOffice()
        try Scenario.make(office)
        let report = try office.reports.sla(november, asOf: Scenario.asOf)
        #expect(report.workflows.count == 2)
        let inPerson = report.workflows[0]
        #expect(inPerson.workflow == "pengaduan-langsung" && inPerson.budget == "2 hari 2 jam")
        #expect((inPerson.cases, inPerson.ended, inPerson.met, inPerson.late, inPerson.runningLate, inPerson.running) == (5, 4, 3, 1, 1, 0))
        #expect(inPerson.metPercent == 60)
        #expect((inPerson.medianWorkingMinutes, inPerson.p90WorkingMinutes) == (100, 1410))
        // Reporter: A 10, B 15 + 10, C 5 + 60, G all 1410; office: the rest (25, 865, 35, 0).
        #expect((inPerson.medianReporterMinutes, inPerson.p90ReporterMinutes) == (25, 1410))
        #expect((inPerson.medianOfficeMinutes, inPerson.p90OfficeMinutes) == (25, 865))
        #expect((inPerson.officeStepsMeasured, inPerson.officeStepsMet, inPerson.officeStepsLate, inPerson.officeStepsRunningLate) == (13, 8, 5, 0))
        let media = report.workflows[1]
        #expect((media.cases, media.ended, media.met, media.runningLate, media.metPercent) == (2, 1, 1, 1, 50))
        #expect((media.medianReporterMinutes, media.medianOfficeMinutes) == (5, 5))
        #expect((media.officeStepsMeasured, media.officeStepsMet, media.officeStepsLate, media.officeStepsRunningLate) == (2, 2, 0, 1))
    }

    @Test("one workflow, all time, and an empty database")
    func filters() throws {
        let office = try ReportOffice()
        #expect(try office.reports.sla(.always, asOf: Scenario.asOf).cases == 0)
        #expect(try office.reports.sla(.always, asOf: Scenario.asOf).steps.isEmpty)
        try Scenario.make(office)
        let all = try office.reports.sla(.always, asOf: Scenario.asOf)
        #expect(all.cases == 8)
        let media = try office.reports.sla(.always, workflow: "pengaduan-media", asOf: Scenario.asOf)
        #expect(media.cases == 2 && media.workflows.map(\.workflow) == ["pengaduan-media"] && media.workflow == "pengaduan-media")
        #expect(Set(media.steps.map(\.workflow)) == ["pengaduan-media"])
        #expect(try office.reports.sla(.always, workflow: "tidak-ada", asOf: Scenario.asOf).cases == 0)
    }

    @Test("each case is measured on its own revision; names come from the newest")
    func revisions() throws {
        let workflows = FileManager.default.temporaryDirectory.appendingPathComponent("sop-reports-workflows-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: workflows, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: workflows) }
        for name in ["pengaduan-langsung", "pengaduan-media", "jam-kerja-kebumen"] {
            try FileManager.default.copyItem(
                atPath: ReportOffice.workflows + "/\(name).yaml", toPath: workflows.appendingPathComponent("\(name).yaml").path)
        }
        let office = try ReportOffice(workflowsFolder: workflows.path)
        func resolveAtFrontOffice(_ day: Int) throws {
            let number = try office.open("pengaduan-langsung", at: wib(2026, 11, day, 8))
            try office.step(number, attach: ["formulir-pengaduan"], by: "siti", at: wib(2026, 11, day, 8, 10))
            try office.step(number, "Ya", attach: ["catatan-register"], by: "siti", at: wib(2026, 11, day, 8, 30))  // 20 minutes
            try office.step(number, "Ya", by: "siti", at: wib(2026, 11, day, 8, 35))
        }
        try resolveAtFrontOffice(2)
        // Revision 2 gives step 2 half an hour and a new title; the first case keeps its 15 minutes.
        let path = workflows.appendingPathComponent("pengaduan-langsung.yaml").path
        let original = try String(contentsOfFile: path, encoding: .utf8)
        var revised = original.replacingOccurrences(of: "revision: 1", with: "revision: 2")
            .replacingOccurrences(of: "title: Penanganan Pengaduan Masyarakat Secara Langsung", with: "title: Pengaduan Langsung (revisi)")
        let step = try #require(revised.range(of: "id: periksa-kelengkapan"))
        let budget = try #require(revised.range(of: "budget: 15 menit", range: step.upperBound..<revised.endIndex))
        revised.replaceSubrange(budget, with: "budget: 30 menit")
        try revised.write(toFile: path, atomically: true, encoding: .utf8)
        _ = try office.service.publish(office.service.planPublication(paths: [path]), by: "admin", at: wib(2026, 11, 2, 12))
        try resolveAtFrontOffice(3)

        let report = try office.reports.sla(november, asOf: Scenario.asOf)
        let check = try #require(report.steps.first { $0.step == "periksa-kelengkapan" })
        #expect((check.measured, check.met, check.late) == (2, 1, 1))
        #expect(check.budget == "30 menit")
        #expect(check.medianBudgetWorkingMinutes == 15)  // 15 and 30: the lower middle
        #expect(report.workflows.first?.title == "Pengaduan Langsung (revisi)")
        let recap = try office.reports.recap(november, asOf: Scenario.asOf)
        #expect(recap.workflows.first?.title == "Pengaduan Langsung (revisi)")
        #expect(recap.total.cases == 2)
    }

    @Test("the calendar is the published one, wherever the workflows folder points; a missing one is refused with the reason")
    func publishedCalendar() throws {
        let workflows = FileManager.default.temporaryDirectory.appendingPathComponent("sop-reports-workflows-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: workflows, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: workflows) }
        let office = try ReportOffice()
        try Scenario.make(office)
        let elsewhere = Reports(service: CaseService(store: office.store, workflowsFolder: workflows.path))
        #expect(try elsewhere.recap(november, asOf: Scenario.asOf).total.cases > 0)
        // A calendar no one published is refused, naming it.
        var workflow = try office.service.newestRevision(of: "pengaduan-langsung").engine.workflow
        workflow.calendar?.value = "kalender-lain"
        #expect {
            try elsewhere.service.calendar(for: workflow)
        } throws: { error in
            (error as? ServiceError)?.code == .workflow && "\(error)".contains("kalender-lain")
        }
    }
}

@Suite("Case histories read in bulk")
struct CaseHistoryTests {
    @Test("the SQL reading gives what the fold of each case's events gives")
    func sameAsFold() throws {
        let office = try ReportOffice()
        try Scenario.make(office)
        var bulk: [Int: CaseHistory] = [:]
        try office.store.caseHistories(CaseHistoryFilter()) { bulk[$0.number] = $0 }
        var loaded: [Int: CaseHistory] = [:]
        try office.store.caseHistoriesByLoading(CaseHistoryFilter()) { loaded[$0.number] = $0 }
        #expect(bulk.count == 8)
        #expect(bulk == loaded)
        // D: returned from `analisa`, waiting on the form; G: withdrawn on the form, which is dropped.
        let d = try #require(bulk[4])
        #expect(d.steps.map(\.step.rawValue) == ["isi-formulir", "periksa-kelengkapan", "dapat-diselesaikan", "analisa", "isi-formulir"])
        #expect(d.steps[3].ending == .returned)
        #expect(d.current?.step == "isi-formulir")
        #expect(d.reporterWaits.count == 2 && d.reporterWaits[1].end == nil)
        let g = try #require(bulk[7])
        #expect(g.steps.isEmpty && g.status == .withdrawn && g.current == nil)
        #expect(g.reporterWaits.map(\.end) == [g.closedAt])
    }

    @Test("filters by period and workflow")
    func filters() throws {
        let office = try ReportOffice()
        try Scenario.make(office)
        var numbers: [Int] = []
        try office.store.caseHistories(CaseHistoryFilter(openedFrom: november.start, openedTo: november.end, workflow: "pengaduan-langsung")) {
            numbers.append($0.number)
        }
        #expect(numbers.sorted() == [1, 2, 3, 4, 7])
    }
}

@Suite("Report pieces")
struct ReportPieceTests {
    @Test("nearest-rank percentiles", arguments: [
        ([1], 50, 1), ([1], 90, 1), ([1, 2], 50, 1), ([1, 2], 90, 2), ([1, 2, 3], 50, 2),
        ([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90, 9), ([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 90, 10), ([5, 10, 10, 15, 60], 90, 60),
    ])
    func percentiles(values: [Int], p: Int, expected: Int) {
        #expect(Percentile.nearestRank(p, ofSorted: values) == expected)
    }

    @Test("no values, no percentile")
    func noValues() {
        #expect(Percentile.nearestRank(50, ofSorted: []) == nil)
    }

    @Test("periods: whole days in Jakarta; dates must exist and be in order")
    func periods() throws {
        #expect(november.start == wib(2026, 11, 1, 0))
        #expect(november.end == wib(2026, 12, 1, 0))
        for text in ["2026-13-01", "01/02/2026", "2026-02-29", "2026-1-01", "", "2026-11-01T00:00"] {
            #expect(ReportPeriod.date(text) == nil, "\(text)")
        }
        #expect(ReportPeriod.date("2028-02-29") != nil)
        #expect(throws: ServiceError.self) { try ReportPeriod(from: CivilDate("2026-12-01"), to: CivilDate("2026-11-01")) }
        #expect(ReportPeriod.always.start == nil && ReportPeriod.always.end == nil)
    }

    @Test("working time in the words budgets use", arguments: [
        (0, 510, "0 menit"), (45, 510, "45 menit"), (510, 510, "1 hari"), (635, 510, "1 hari 2 jam 5 menit"),
        (1590, 510, "3 hari 1 jam"), (635, nil, "10 jam 35 menit"),
    ] as [(Int, Int?, String)])
    func durations(minutes: Int, day: Int?, text: String) {
        #expect(WorkingDay.text(minutes: minutes, dayMinutes: day) == text)
    }

    @Test("CSV: BOM, RFC 4180 quoting, CRLF, and no formulas from user data")
    func csv() {
        var document = CSVDocument(header: ["Nama", "Jumlah"])
        document.rows = [
            [.text("Budi, \"Pak\" RT\n01"), .integer(3)],
            [.text("=HYPERLINK(\"http://x\")"), .decimal(87.5)],
            [.text("+62812"), .decimal(100)],
            [.text("-1"), .empty],
            [.text("@SUM(A1)"), .integer(-2)],
            [.text("\tTab"), .text(nil)],
            [.text("biasa"), .integer(nil)],
        ]
        #expect(document.render() == "\u{FEFF}Nama,Jumlah\r\n"
            + "\"Budi, \"\"Pak\"\" RT\n01\",3\r\n"
            + "\"'=HYPERLINK(\"\"http://x\"\")\",87.5\r\n"
            + "'+62812,100\r\n"
            + "'-1,\r\n"
            + "'@SUM(A1),-2\r\n"
            + "'\tTab,\r\n"
            + "biasa,\r\n")
        #expect(CSVDocument(header: ["A"]).render() == "\u{FEFF}A\r\n")
    }
}

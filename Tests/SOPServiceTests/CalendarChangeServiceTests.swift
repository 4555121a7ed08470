import Foundation
import SOPEngine
import SOPService
import SOPStorage
import SOPStore
import Testing

@Suite("Calendar changes: publishing a calendar anew computes the open cases' due times again")
struct CalendarChangeServiceTests {
    /// Writes the office's calendar with Tuesday 1 December 2026 a holiday, and plans it.
    func newHoliday(_ office: MoveOffice) throws -> PublicationPlan {
        let path = office.file("jam-kerja-kebumen.yaml")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: "  # 2026\n", with: "  # 2026\n  - { date: 2026-12-01, name: Cuti bersama tambahan }\n")
            .write(toFile: path, atomically: true, encoding: .utf8)
        return office.service.planPublication(paths: [path])
    }

    func events(_ office: MoveOffice, _ number: Int) throws -> [CaseEvent] {
        try office.service.history(String(number), revealPersonalData: true)
    }

    @Test("the dry run lists what would move and writes nothing; publishing moves exactly that, in its transaction")
    func reschedules() throws {
        let office = try MoveOffice()
        let first = try office.open(toAnalysis: true)
        let second = try office.open(toAnalysis: false)
        let ended = try office.open(toAnalysis: true)
        _ = try office.service.withdraw(String(ended.number), reason: "selesai sendiri", user: "siti", at: office.at(minutes: 10))
        let endedEvents = try events(office, ended.number)
        let plan = try newHoliday(office)
        let before = try office.snapshot()
        let publications = try office.service.publications()

        let preview = try office.service.previewPublication(plan, by: "admin", at: office.at(minutes: 20))
        #expect(preview.dryRun && preview.wouldPublish.map(\.kind) == [.calendar])
        #expect(preview.rescheduled.map(\.number) == [first.number, second.number])
        let analysis = try #require(preview.rescheduled.first)
        #expect(analysis.step == "analisa")
        #expect(analysis.stepDueAt == first.active?.dueAt && analysis.newStepDueAt == office.now.addingTimeInterval(2 * 86_400 + 300))
        #expect(analysis.stepShiftSeconds == 86_400)
        #expect(try office.snapshot() == before)
        #expect(try office.service.publications() == publications)

        let outcome = try office.service.publish(plan, by: "admin", at: office.at(minutes: 20))
        #expect(outcome.published.map(\.kind) == [.calendar])
        #expect(outcome.rescheduled == preview.rescheduled)
        let last = try #require(try events(office, first.number).last)
        guard case .rescheduled(let change) = last.kind else { Issue.record("no rescheduling event"); return }
        #expect(last.by == "admin" && change.calendarHash == outcome.published.first?.hash)
        let state = try office.service.load(String(first.number)).state
        #expect(state.active?.dueAt == analysis.newStepDueAt && state.dueAt == analysis.newDueAt)
        // Ended cases keep their history; publishing the same calendar again moves nothing.
        #expect(try events(office, ended.number) == endedEvents)
        let again = try office.service.publish(office.service.planPublication(paths: [office.file("jam-kerja-kebumen.yaml")]), by: "admin", at: office.at(minutes: 30))
        #expect(again.published.isEmpty && again.rescheduled.isEmpty)
        // New steps use the calendar in force.
        #expect(try office.service.newestRevision(of: "pengaduan-langsung").calendar.holidays.contains { $0.name == "Cuti bersama tambahan" })
    }

    @Test("a calendar revision without office hours is refused with nothing written")
    func noOfficeHours() throws {
        let office = try MoveOffice()
        try office.open(toAnalysis: true)
        let path = office.file("jam-kerja-kebumen.yaml")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let start = try #require(text.range(of: "\nhours:\n"))
        let end = try #require(text.range(of: "\nyears:"))
        try (String(text[..<start.lowerBound]) + "\nhours: {}" + String(text[end.lowerBound...])).write(toFile: path, atomically: true, encoding: .utf8)
        let plan = office.service.planPublication(paths: [path])
        #expect(plan.errors.contains { $0.message.en.contains("no office hours") }, "\(plan.errors.map(\.message.en))")
        let before = try office.snapshot()
        let publications = try office.service.publications()
        #expect(serviceCode { _ = try office.service.previewPublication(plan, by: "admin", at: office.at(minutes: 20)) } == "invalid-revision")
        #expect(serviceCode { _ = try office.service.publish(plan, by: "admin", at: office.at(minutes: 20)) } == "invalid-revision")
        #expect(try office.snapshot() == before)
        #expect(try office.service.publications() == publications)
    }

    @Test("all or nothing: a case that cannot be rescheduled leaves the calendar unpublished and every case as it was")
    func allOrNothing() throws {
        let office = try MoveOffice()
        try office.open(toAnalysis: true)
        // The second case's last event is after the moment of publishing (a clock set back).
        try office.open(toAnalysis: true)
        let plan = try newHoliday(office)
        let before = try office.snapshot()
        let publications = try office.service.publications()
        #expect(serviceCode { _ = try office.service.publish(plan, by: "admin", at: office.at(minutes: 1)) } == "before-last-event")
        #expect(try office.snapshot() == before)
        #expect(try office.service.publications() == publications)
        // Only an administrator publishes, and so reschedules.
        #expect(serviceCode { _ = try office.service.publish(plan, by: "budi", at: office.at(minutes: 20)) } == "not-administrator")
        #expect(serviceCode { _ = try office.service.previewPublication(plan, by: "budi", at: office.at(minutes: 20)) } == "not-administrator")
        #expect(try office.snapshot() == before)
    }
}

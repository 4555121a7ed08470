import Foundation
import SOPEngine
import SOPModel
import SOPTestSupport
import Testing
@testable import SOPStorage
@testable import SOPStore

@Suite struct CaseCodingTests {
    @Test func datesAreSecondsSince2001AsFoundationCountsThem() throws {
        struct Stamp: Codable { var at: Date }
        let json = try CaseCoding.encode(Stamp(at: Date(timeIntervalSinceReferenceDate: 789_000_000.5)))
        #expect(json == #"{"at":789000000.5}"#)
        let read = try CaseCoding.decode(Stamp.self, from: #"{"at":789000000.25}"#)
        #expect(read.at == Date(timeIntervalSinceReferenceDate: 789_000_000.25))
    }

    /// Seconds since 1970 as a double would lose the last bit of about half of these; the
    /// store's form keeps every one.
    @Test(arguments: TestSeeds.or([1, 2]))
    func subSecondDatesComeBackBitForBit(seed: UInt64) throws {
        struct Stamp: Codable, Equatable { var at: Date }
        var generator = SeededGenerator(seed: seed)
        var lossyAsPlainDouble = 0
        for _ in 0..<2000 {
            let instant = Date(timeIntervalSinceReferenceDate: Double.random(in: 5e8...1.5e9, using: &generator))
            let back = try CaseCoding.decode(Stamp.self, from: CaseCoding.encode(Stamp(at: instant)))
            #expect(back.at == instant)
            if Date(timeIntervalSince1970: instant.timeIntervalSince1970) != instant { lossyAsPlainDouble += 1 }
        }
        #expect(lossyAsPlainDouble > 0)
        for instant in [
            Date(timeIntervalSinceReferenceDate: 794_000_000 + 0x1p-23),
            Date(timeIntervalSinceReferenceDate: 794_000_000),
            Date(timeIntervalSinceReferenceDate: 12.25),
            Date(timeIntervalSince1970: -86_400.75),
        ] {
            let back = try CaseCoding.decode(Stamp.self, from: CaseCoding.encode(Stamp(at: instant)))
            #expect(back.at == instant)
        }
    }

    @Test func eventsAndStateRoundTrip() throws {
        let reference = WorkflowReference(id: "pengaduan-langsung", revision: 1, contentHash: ContentHash.hex(Fixture.yaml.utf8))
        var events = Fixture.opening(7, "067/PGD/2026/000007", workflow: reference)
        var state = try #require(CaseState.fold(events))
        let later = Fixture.monday.addingTimeInterval(3.000_000_7)
        let more: [CaseEvent] = [
            CaseEvent(sequence: 3, at: later, by: "ani", kind: .documentAttached(AttachedDocument(
                document: "formulir", sha256: ContentHash.hex("scan".utf8), fileName: "formulir pengaduan.pdf", size: 4,
                step: "terima-pengaduan"))),
            CaseEvent(sequence: 4, at: later, by: "ani", kind: .documentWaived(
                document: "ktp", step: "terima-pengaduan", reason: "pelapor lansia")),
            CaseEvent(sequence: 5, at: later, by: "ani", kind: .stepContributed(step: "terima-pengaduan", role: "front-office")),
            CaseEvent(sequence: 6, at: later, by: "ani", kind: .escalated(step: "terima-pengaduan", to: "kepala", reason: nil)),
            CaseEvent(sequence: 7, at: later, by: "ani", kind: .noteAdded("Pelapor menelepon — \"segera\" ✓")),
            CaseEvent(sequence: 8, at: later, by: "ani", kind: .returnedToReporter(from: "terima-pengaduan", reason: "kurang KTP")),
            CaseEvent(sequence: 9, at: later, by: "ani", kind: .stepStarted(
                step: "lengkapi", dueAt: later.addingTimeInterval(Fixture.day), waitsForReporter: true)),
            CaseEvent(sequence: 10, at: later.addingTimeInterval(0.5), by: "siti", kind: .stepCompleted(
                step: "lengkapi", branch: nil, onBehalfOfReporter: true)),
            CaseEvent(sequence: 11, at: later.addingTimeInterval(0.7), by: "ani", kind: .stepStarted(
                step: "tinjau", dueAt: later.addingTimeInterval(Fixture.day), waitsForReporter: false)),
            CaseEvent(sequence: 12, at: later.addingTimeInterval(0.9), by: "ani", kind: .stepSkipped(step: "tinjau", reason: "tidak perlu")),
            CaseEvent(sequence: 13, at: later.addingTimeInterval(1.1), by: "ani", kind: .ended(
                status: .closed, outcome: nil, handedOffTo: .workflow("pengaduan-online"), reason: "bukan wewenang")),
        ]
        for event in more {
            let applied = state.apply(event)
            #expect(applied)
        }
        events += more
        let decodedEvents = try events.map { try CaseCoding.decode(CaseEvent.self, from: CaseCoding.encode($0)) }
        #expect(decodedEvents == events)
        // A state is never stored as such: it is the fold of its decoded events.
        let decodedState = try #require(CaseState.fold(decodedEvents))
        #expect(decodedState == state)
        #expect(decodedState.reporterWaits.count == 1)
        #expect(decodedState.status == .closed)
    }

    @Test func everyKindHasAName() {
        #expect(CaseEvent.Kind.noteAdded("x").name == "note-added")
        #expect(CaseEvent.Kind.stepSkipped(step: "a", reason: "b").name == "step-skipped")
        let reference = WorkflowReference(id: "w", revision: 1, contentHash: "h")
        let move = CaseEvent.RevisionMove(
            move: "M1", from: reference, to: reference, fromStep: "a", step: "b", mapping: [], stepDueAt: Fixture.monday,
            dueAt: Fixture.monday, waitsForReporter: false, actors: [])
        #expect(CaseEvent.Kind.moved(move).name == "migrated")
        #expect(CaseEvent.Kind.moveUndone(move).name == "migration-undone")
    }

    @Test func registerNumbersUseTheYearInJakarta() throws {
        let format = try RegisterFormat("067/PGD/{year}/{number}")
        #expect(format.registerNumber(number: 123, openedAt: Fixture.monday) == "067/PGD/2026/000123")
        #expect(format.registerNumber(number: 1_234_567, openedAt: Fixture.monday) == "067/PGD/2026/1234567")
        // 31 December 2025, 17:30 UTC is already 1 January 2026 in Jakarta.
        let newYear = Date(timeIntervalSince1970: 1_767_202_200)
        #expect(format.registerNumber(number: 1, openedAt: newYear) == "067/PGD/2026/000001")
        #expect(format.registerNumber(number: 1, openedAt: newYear.addingTimeInterval(-3600)) == "067/PGD/2025/000001")
        #expect(throws: StoreError.self) { try RegisterFormat("067/PGD/{year}") }
    }
}

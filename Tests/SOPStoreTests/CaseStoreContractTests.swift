import Foundation
import SOPEngine
import SOPModel
import SOPTestSupport
import Testing
@testable import SOPStorage
@testable import SOPStore

/// Opening, appending to and loading cases: the contract every store keeps (`StoreFactory.all`).
@Suite("Store contract: cases") struct CaseStoreContractTests {
    struct EngineSaidNo: Error, Equatable { var why: String }

    @Test(arguments: StoreFactory.all) func openingACase(factory: StoreFactory) throws {
        let scratch = try Scratch()
        let (store, reference, _) = try Fixture.store(scratch, on: factory)
        var given: (Int, String)?
        let state = try store.openCase(at: Fixture.monday) { number, registerNumber in
            given = (number, registerNumber)
            return Fixture.opening(number, registerNumber, workflow: reference)
        }
        #expect(given?.0 == 1)
        #expect(given?.1 == "067/PGD/2026/000001")
        #expect(state.number == 1)
        #expect(state.version == 2)
        #expect(state.active?.step == "terima-pengaduan")
        let second = try Fixture.open(store, workflow: reference)
        #expect(second.registerNumber == "067/PGD/2026/000002")
        let stored = try #require(try store.loadCase("1"))
        #expect(stored.state == state)
        #expect(stored.events == Fixture.opening(1, "067/PGD/2026/000001", workflow: reference))
    }

    @Test(arguments: StoreFactory.all) func aThrowingEngineWritesNothingAndUsesUpNoNumber(factory: StoreFactory) throws {
        let scratch = try Scratch()
        let (store, reference, _) = try Fixture.store(scratch, on: factory)
        let error = caught {
            _ = try store.openCase(at: Fixture.monday) { _, _ in throw EngineSaidNo(why: "intake rule") }
        }
        #expect(error as? EngineSaidNo == EngineSaidNo(why: "intake rule"))
        #expect(try store.cases(matching: CaseFilter()).isEmpty)
        #expect(try Fixture.open(store, workflow: reference).number == 1)
    }

    /// While `make` runs, the write lock is held: a second store opening a case waits, and gets
    /// the next number.
    @Test(arguments: StoreFactory.all) func theEngineRunsInsideTheTransaction(factory: StoreFactory) throws {
        let scratch = try Scratch()
        let (store, reference, _) = try Fixture.store(scratch, on: factory)
        let other = try factory.reopen(scratch)
        let order = Gathered<String>()
        let started = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        let first = try store.openCase(at: Fixture.monday) { number, registerNumber in
            DispatchQueue.global().async {
                started.signal()
                let state = try? Fixture.open(other, workflow: reference)
                order.append("other opened \(state?.number ?? -1)")
                done.signal()
            }
            started.wait()
            Thread.sleep(forTimeInterval: 0.3)
            order.append("first made \(number)")
            return Fixture.opening(number, registerNumber, workflow: reference)
        }
        done.wait()
        #expect(first.number == 1)
        #expect(order.all == ["first made 1", "other opened 2"])
    }

    @Test(arguments: StoreFactory.all) func eventsThatDoNotOpenTheGivenCaseAreRefused(factory: StoreFactory) throws {
        let scratch = try Scratch()
        let (store, reference, _) = try Fixture.store(scratch, on: factory)
        #expect(storeErrorCode {
            _ = try store.openCase(at: Fixture.monday) { number, _ in
                Fixture.opening(number, "067/PGD/2026/999999", workflow: reference)
            }
        } == "invalid-events")
        #expect(storeErrorCode {
            _ = try store.openCase(at: Fixture.monday) { number, registerNumber in
                Array(Fixture.opening(number, registerNumber, workflow: reference).dropFirst())
            }
        } == "invalid-events")
        let unknown = WorkflowReference(id: "x", revision: 1, contentHash: ContentHash.hex("never stored".utf8))
        #expect(storeErrorCode { try Fixture.open(store, workflow: unknown) } == "unknown-workflow-text")
        #expect(try store.cases(matching: CaseFilter()).isEmpty)
    }

    @Test(arguments: StoreFactory.all) func appendingWithTheRightVersion(factory: StoreFactory) throws {
        let scratch = try Scratch()
        let (store, reference, _) = try Fixture.store(scratch, on: factory)
        let opened = try Fixture.open(store, workflow: reference)
        let events = Fixture.advance(opened, to: "verifikasi", at: Fixture.monday.addingTimeInterval(3600.25))
        let state = try store.append(events, to: 1, expectedVersion: 2)
        #expect(state.version == 4)
        #expect(state.active?.step == "verifikasi")
        #expect(state.steps.map(\.step) == ["terima-pengaduan"])
        let stored = try #require(try store.loadCase("1"))
        #expect(stored.state == state)
        #expect(stored.events.count == 4)
        #expect(Array(stored.events.suffix(2)) == events)
        let summary = try #require(try store.cases(matching: CaseFilter()).first)
        #expect(summary.version == 4)
        #expect(summary.currentStep == "verifikasi")
        // Nothing to append: nothing written.
        #expect(try store.append([], to: 1, expectedVersion: 4) == state)
    }

    @Test(arguments: StoreFactory.all) func appendingWithAStaleVersionWritesNothing(factory: StoreFactory) throws {
        let scratch = try Scratch()
        let (store, reference, _) = try Fixture.store(scratch, on: factory)
        let opened = try Fixture.open(store, workflow: reference)
        let later = Fixture.monday.addingTimeInterval(3600)
        _ = try store.append(Fixture.advance(opened, to: "verifikasi", at: later), to: 1, expectedVersion: 2)
        let error = try #require(caught {
            _ = try store.append([CaseEvent(sequence: 3, at: later, by: "ani", kind: .noteAdded("late"))], to: 1, expectedVersion: 2)
        } as? StoreError)
        #expect(error.code == .conflict)
        #expect(error.description
            == "case 1 was changed by someone else meanwhile (version 4, expected 2): look at it again with `sop case show 1` and retry")
        #expect(try store.loadCase("1")?.events.count == 4)
    }

    @Test(arguments: StoreFactory.all) func eventsThatDoNotFitAreRefused(factory: StoreFactory) throws {
        let scratch = try Scratch()
        let (store, reference, _) = try Fixture.store(scratch, on: factory)
        let opened = try Fixture.open(store, workflow: reference)
        let later = Fixture.monday.addingTimeInterval(60)
        // A gap in the sequence, a step that is not current, a second opening.
        for events in [
            [CaseEvent(sequence: 4, at: later, by: "ani", kind: .noteAdded("gap"))],
            [CaseEvent(sequence: 3, at: later, by: "ani", kind: .noteAdded("ok")),
             CaseEvent(sequence: 4, at: later, by: "ani", kind: .stepCompleted(step: "other", branch: nil, onBehalfOfReporter: false))],
            [CaseEvent(sequence: 3, at: later, by: "ani", kind: Fixture.opening(1, opened.registerNumber, workflow: reference)[0].kind)],
        ] {
            #expect(storeErrorCode { _ = try store.append(events, to: 1, expectedVersion: 2) } == "invalid-events")
        }
        #expect(try store.loadCase("1")?.state == opened)
        #expect(storeErrorCode { _ = try store.append([], to: 99, expectedVersion: 1) } == "unknown-case")
    }

    @Test(arguments: StoreFactory.all) func loadingByNumberOrRegisterNumber(factory: StoreFactory) throws {
        let scratch = try Scratch()
        let (store, reference, _) = try Fixture.store(scratch, on: factory)
        try Fixture.open(store, workflow: reference)
        let second = try Fixture.open(store, workflow: reference)
        #expect(try store.loadCase("2")?.state == second)
        #expect(try store.loadCase(" 2 ")?.state == second)
        #expect(try store.loadCase("000002")?.state == second)
        #expect(try store.loadCase("067/PGD/2026/000002")?.state == second)
        #expect(try store.loadCase("3") == nil)
        #expect(try store.loadCase("067/PGD/2026/000003") == nil)
        #expect(try store.loadCase("") == nil)
        #expect(try store.loadCase("99999999999999999999999") == nil)
    }

    @Test(arguments: StoreFactory.all, TestSeeds.or([1, 2]))
    func subSecondDatesSurviveTheStore(factory: StoreFactory, seed: UInt64) throws {
        let scratch = try Scratch()
        let (store, reference, _) = try Fixture.store(scratch, on: factory)
        var generator = SeededGenerator(seed: seed)
        var state = try Fixture.open(store, workflow: reference)
        for _ in 0..<20 {
            let instant = Date(timeIntervalSinceReferenceDate: Double.random(in: 7.9e8...8.1e8, using: &generator))
            state = try store.append(
                [CaseEvent(sequence: state.version + 1, at: instant, by: "ani", kind: .noteAdded("\(instant)"))],
                to: 1, expectedVersion: state.version)
        }
        let stored = try #require(try store.loadCase("1"))
        #expect(stored.state == state)
        #expect(stored.state.notes.map(\.at) == state.notes.map(\.at))
    }

    /// Two stores (two connections, as two processes would have) completing the same version
    /// of a case: exactly one wins.
    @Test(arguments: StoreFactory.all) func twoWritersOneVersion(factory: StoreFactory) throws {
        let scratch = try Scratch()
        let (first, reference, _) = try Fixture.store(scratch, on: factory)
        let second = try factory.reopen(scratch)
        let opened = try Fixture.open(first, workflow: reference)
        let loaded = try #require(try second.loadCase("1")).state
        #expect(loaded == opened)

        // One after the other.
        _ = try first.append(Fixture.advance(opened, to: "verifikasi", at: Fixture.monday + 60, by: "ani"), to: 1, expectedVersion: 2)
        let error = try #require(caught {
            _ = try second.append(Fixture.advance(loaded, to: "verifikasi", at: Fixture.monday + 61, by: "siti"), to: 1, expectedVersion: 2)
        } as? StoreError)
        #expect(error.code == .conflict)
        #expect(try first.loadCase("1")?.events.last?.by == "ani")

        // At the same time, many times over.
        for round in 0..<10 {
            let state = try #require(try first.loadCase("1")).state
            let outcomes = Gathered<String>()
            DispatchQueue.concurrentPerform(iterations: 2) { index in
                let store = index == 0 ? first : second
                let user = index == 0 ? "ani" : "siti"
                let events = Fixture.advance(state, to: StepID("langkah-\(round)"), at: Fixture.monday + Double(100 + round), by: user)
                do {
                    _ = try store.append(events, to: 1, expectedVersion: state.version)
                    outcomes.append("ok")
                } catch let error as StoreError {
                    outcomes.append(error.code.rawValue)
                } catch {
                    outcomes.append("\(error)")
                }
            }
            #expect(outcomes.all.sorted() == ["conflict", "ok"], "round \(round)")
            #expect(try second.loadCase("1")?.state.version == state.version + 2)
        }
    }

    @Test(arguments: StoreFactory.all) func twoWritersOpeningCasesAtOnce(factory: StoreFactory) throws {
        let scratch = try Scratch()
        let (first, reference, _) = try Fixture.store(scratch, on: factory)
        let second = try factory.reopen(scratch)
        let numbers = Gathered<Int>()
        let failures = Gathered<String>()
        DispatchQueue.concurrentPerform(iterations: 24) { index in
            do {
                numbers.append(try Fixture.open(index % 2 == 0 ? first : second, workflow: reference).number)
            } catch {
                failures.append("\(error)")
            }
        }
        #expect(failures.all == [])
        #expect(numbers.all.sorted() == Array(1...24))
        let registerNumbers = try first.cases(matching: CaseFilter()).map(\.registerNumber)
        #expect(Set(registerNumbers).count == 24)
    }
}

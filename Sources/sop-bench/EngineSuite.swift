import Foundation
import SOPEngine

/// The engine suite: complaints through `Engine.open` and `Engine.handle` in memory, each
/// command's events applied to the state with `CaseState.apply`, as the store does.
enum EngineSuite {
    /// A floor, not a target: complaints per second on one thread (median of the rounds), five
    /// times the fastest Python peer measured on the development machine (`transitions`, about
    /// 11,500 complaints/s on the same mix). The retired target was 200,000/s.
    static let floorComplaintsPerSecond = 60_000.0

    /// Runs a warm-up round and `options.engineRounds` rounds of `options.engineComplaints` complaints.
    static func run(_ complaints: Complaints, options: Options) throws(BenchFailure) -> EngineResult {
        let engine = complaints.engine(contentHash: String(repeating: "0", count: 64))
        let start = jakarta(2026, 11, 2, 8)
        // What a correct run of each path yields, from one reference walk each.
        var expected: [Complaints.Path: Int] = [:]
        for path in Complaints.Path.allCases {
            let walk = try complaints.walk(engine, path: path, number: 1, registerNumber: "R1", at: start)
            guard walk.state.status == .resolved else {
                throw BenchFailure(description: "engine: the \(path.rawValue) path does not end resolved")
            }
            expected[path] = walk.events.count
        }
        let table = Complaints.Path.allCases.map { expected[$0] ?? 0 }
        func expectedEvents(_ count: Int, from first: Int) -> Int {
            (first..<(first + count)).reduce(0) { $0 + expected[Complaints.path(at: $1)]! }
        }

        _ = try round(complaints, engine, count: max(1, options.engineComplaints / 10), first: 0, start: start, expected: table)
        var seconds: [Double] = []
        var eventsPerRound = 0
        let clock = ContinuousClock()
        for index in 0..<options.engineRounds {
            let first = (index + 1) * options.engineComplaints
            let began = clock.now
            let events = try round(complaints, engine, count: options.engineComplaints, first: first, start: start, expected: table)
            let elapsed = clock.now - began
            guard events == expectedEvents(options.engineComplaints, from: first) else {
                throw BenchFailure(description: "engine: round \(index + 1) yielded \(events) events, expected \(expectedEvents(options.engineComplaints, from: first))")
            }
            eventsPerRound = events
            seconds.append(elapsed.microseconds / 1e6)
        }
        let complaintsPerSecond = seconds.map { Double(options.engineComplaints) / $0 }
        let eventsPerSecond = seconds.map { Double(eventsPerRound) / $0 }

        // The same rounds on every core at once: the engine is a pure function of its inputs and
        // shares nothing between cases, so independent complaints need no lock.
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        var parallelSeconds: [Double] = []
        for index in 0..<options.engineRounds {
            let first = (options.engineRounds + 1 + index) * options.engineComplaints
            let chunk = (options.engineComplaints + workers - 1) / workers
            let outcomes = Outcomes(count: workers)
            let began = clock.now
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                let from = first + worker * chunk
                let count = max(0, min(chunk, first + options.engineComplaints - from))
                do throws(BenchFailure) {
                    outcomes.set(worker, .success(try round(complaints, engine, count: count, first: from, start: start, expected: table)))
                } catch {
                    outcomes.set(worker, .failure(error))
                }
            }
            let elapsed = clock.now - began
            var events = 0
            for outcome in outcomes.all {
                switch outcome {
                case .success(let count): events += count
                case .failure(let error): throw error
                case nil: throw BenchFailure(description: "engine: a worker did not report")
                }
            }
            guard events == expectedEvents(options.engineComplaints, from: first) else {
                throw BenchFailure(description: "engine: parallel round \(index + 1) yielded \(events) events")
            }
            parallelSeconds.append(elapsed.microseconds / 1e6)
        }
        let parallelRates = parallelSeconds.map { Double(options.engineComplaints) / $0 }
        return EngineResult(
            complaintsPerRound: options.engineComplaints, rounds: options.engineRounds,
            eventsPerComplaint: Dictionary(uniqueKeysWithValues: expected.map { ($0.key.rawValue, $0.value) }),
            meanEventsPerComplaint: Double(eventsPerRound) / Double(options.engineComplaints),
            figures: [
                Figure(
                    name: "complaints/s", detail: "one thread: 40% front office, 40% full path, 20% returned once", unit: "1/s",
                    stats: Summary(values: complaintsPerSecond)!,
                    target: Target(statistic: .median, comparison: .atLeast, value: floorComplaintsPerSecond)),
                Figure(
                    name: "complaints/s", detail: "\(workers) threads (every core), the same mix", unit: "1/s",
                    stats: Summary(values: parallelRates)!),
                Figure(name: "events/s", detail: "one thread, applied with CaseState.apply", unit: "1/s", stats: Summary(values: eventsPerSecond)!),
                Figure(name: "round", detail: "\(options.engineComplaints) complaints, one thread", unit: "ms", stats: Summary(values: seconds.map { $0 * 1000 })!),
            ])
    }

    /// What each worker of a parallel round reports.
    private final class Outcomes: @unchecked Sendable {
        private let lock = NSLock()
        private var outcomes: [Result<Int, BenchFailure>?]
        init(count: Int) { outcomes = Array(repeating: nil, count: count) }
        func set(_ index: Int, _ outcome: Result<Int, BenchFailure>) { lock.withLock { outcomes[index] = outcome } }
        var all: [Result<Int, BenchFailure>?] { lock.withLock { outcomes } }
    }

    /// Runs `count` complaints numbered from `first` and returns how many events they yielded;
    /// throws when one does not end resolved with the events its path yields.
    private static func round(
        _ complaints: Complaints, _ engine: Engine, count: Int, first: Int, start: Date, expected: [Int]
    ) throws(BenchFailure) -> Int {
        let paths = Complaints.Path.allCases
        let moves = paths.map { complaints.moves[$0] ?? [] }
        let frontOffice = complaints.frontOffice
        var total = 0
        for number in first..<(first + count) {
            let path = paths.firstIndex(of: Complaints.path(at: number))!
            // Opened through two working weeks, every 7 minutes.
            var clock = start + TimeInterval((number % 2_880) * 420)
            let request = complaints.request(number: number, registerNumber: "067/PGD/2026/\(number)")
            do {
                let opened = try engine.open(request, by: frontOffice, at: clock)
                guard var state = CaseState(opening: opened[0]) else { throw BenchFailure(description: "engine: case \(number) has no opened event") }
                for event in opened.dropFirst() where !state.apply(event) {
                    throw BenchFailure(description: "engine: case \(number): event \(event.sequence) does not fit")
                }
                var events = opened.count
                for move in moves[path] {
                    clock += TimeInterval(move.minutes * 60)
                    let new = try engine.handle(move.command, on: state, by: move.performer, at: clock)
                    for event in new where !state.apply(event) {
                        throw BenchFailure(description: "engine: case \(number): event \(event.sequence) does not fit")
                    }
                    events += new.count
                }
                guard state.status == .resolved, events == expected[path], state.version == events else {
                    throw BenchFailure(description: "engine: case \(number) (\(paths[path].rawValue)) ended \(state.status.rawValue) with \(events) events, expected resolved with \(expected[path])")
                }
                total += events
            } catch let error as BenchFailure {
                throw error
            } catch {
                throw BenchFailure(description: "engine: case \(number) (\(paths[path].rawValue)): refused: \(error)")
            }
        }
        return total
    }
}

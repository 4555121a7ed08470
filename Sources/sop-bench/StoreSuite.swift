import Foundation
import GRDB
import SOPEngine
import SOPStorage
import SOPStore
import SOPStoreSeeding

/// The store suite: durable steps through `SQLiteCaseStore.append` against single-row INSERT
/// transactions into a one-table database opened with the same GRDB configuration (WAL, and the
/// `synchronous = NORMAL` GRDB sets with WAL), both in fresh files of one temporary folder.
enum StoreSuite {
    /// Runs `options.storeRounds` rounds, each `options.storeOperations` raw inserts then as many appends.
    static func run(_ complaints: Complaints, options: Options) throws(BenchFailure) -> StoreResult {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sop-bench-store-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw BenchFailure(description: "store: cannot create \(folder.path): \(error)")
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            return try measure(complaints, options: options, folder: folder)
        } catch let error as BenchFailure {
            throw error
        } catch {
            throw BenchFailure(description: "store: \(error)")
        }
    }

    /// One step's events for one case, and the version the case has before them.
    private struct Append {
        var caseNumber: Int
        var expectedVersion: Int
        var events: [CaseEvent]
        /// The case before the step, as the service holds it when it appends (loaded to decide).
        var before: CaseState
    }

    private static func measure(_ complaints: Complaints, options: Options, folder: URL) throws -> StoreResult {
        let operations = options.storeOperations
        let rounds = options.storeRounds
        let warmup = min(operations, 50)

        // Raw: one table, the store's configuration.
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        configuration.foreignKeysEnabled = true
        let raw = try DatabasePool(path: folder.appendingPathComponent("raw.sqlite").path, configuration: configuration)
        try raw.write { db in
            try db.execute(sql: "CREATE TABLE rows (id INTEGER PRIMARY KEY, case_number INTEGER NOT NULL, sequence INTEGER NOT NULL, payload TEXT NOT NULL)")
        }
        // The writer's settings (GRDB sets `synchronous = NORMAL` on the writer when it turns WAL on).
        let pragmas = try raw.writeWithoutTransaction { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "?", try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1)
        }

        // Durable: the store, cases opened up front with the steps of the full path prepared.
        let storePath = folder.appendingPathComponent("store.sqlite").path
        let store = try SQLiteCaseStore(path: storePath)
        let hash = try store.storeWorkflowText(complaints.text, workflow: complaints.workflow.id.value, revision: complaints.workflow.revision.value)
        let engine = complaints.engine(contentHash: hash)
        let stepsPerCase = complaints.moves[.full]?.count ?? 7
        let casesPerRound = (operations + stepsPerCase - 1) / stepsPerCase
        let start = jakarta(2026, 11, 2, 8)
        func prepareAppends(cases: Int) throws -> [Append] {
            var perCase: [[Append]] = []
            for _ in 0..<cases {
                var state = try store.openCase(at: start) { number, register in
                    try complaints.walk(engine, path: .full, count: 0, number: number, registerNumber: register, at: start).events
                }
                var clock = start
                var appends: [Append] = []
                for move in complaints.moves[.full] ?? [] {
                    clock += TimeInterval(move.minutes * 60)
                    let events = try engine.handle(move.command, on: state, by: move.performer, at: clock)
                    appends.append(Append(caseNumber: state.number, expectedVersion: state.version, events: events, before: state))
                    for event in events where !state.apply(event) {
                        throw BenchFailure(description: "store: a prepared event does not fit")
                    }
                }
                perCase.append(appends)
            }
            // Step 1 of every case, then step 2 of every case, and so on.
            return (0..<stepsPerCase).flatMap { step in perCase.map { $0[step] } }
        }

        let payload = String(repeating: "x", count: 240)
        var rawRow = 0
        func rawInsert() throws {
            rawRow += 1
            try raw.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    try db.execute(
                        sql: "INSERT INTO rows (case_number, sequence, payload) VALUES (?, ?, ?)",
                        arguments: [rawRow / 7 + 1, rawRow % 7 + 1, payload])
                    return .commit
                }
            }
        }
        func append(_ item: Append) throws {
            // As `sop case step` does: the state the engine decided on comes along.
            let state = try store.append(
                item.events, attachments: [], to: item.caseNumber, expectedVersion: item.expectedVersion, from: item.before)
            guard state.version == item.expectedVersion + item.events.count else {
                throw BenchFailure(description: "store: case \(item.caseNumber) is at version \(state.version) after an append")
            }
        }

        // Warm-up: both paths once through SQLite and GRDB's caches.
        for _ in 0..<warmup { try rawInsert() }
        for item in try prepareAppends(cases: (warmup + stepsPerCase - 1) / stepsPerCase) { try append(item) }

        let clock = ContinuousClock()
        var rawLatencies: [Duration] = []
        var durableLatencies: [Duration] = []
        var rawRates: [Double] = []
        var durableRates: [Double] = []
        var ratios: [Double] = []
        var eventsAppended = 0
        var rawPages: [Double] = []
        var durablePages: [Double] = []
        func pagesWrittenRaw() -> Int { raw.writeWithoutTransaction { SQLiteCaseStore.pagesWritten($0) } }
        for _ in 0..<rounds {
            let appends = Array(try prepareAppends(cases: casesPerRound).prefix(operations))
            let rawPagesBefore = pagesWrittenRaw()
            var began = clock.now
            for _ in 0..<operations {
                let one = clock.now
                try rawInsert()
                rawLatencies.append(clock.now - one)
            }
            let rawRate = Double(operations) / ((clock.now - began).microseconds / 1e6)
            rawPages.append(Double(pagesWrittenRaw() - rawPagesBefore) / Double(operations))
            let durablePagesBefore = try store.pagesWritten()
            began = clock.now
            for item in appends {
                let one = clock.now
                try append(item)
                durableLatencies.append(clock.now - one)
            }
            let durableRate = Double(operations) / ((clock.now - began).microseconds / 1e6)
            durablePages.append(Double(try store.pagesWritten() - durablePagesBefore) / Double(operations))
            eventsAppended += appends.reduce(0) { $0 + $1.events.count }
            rawRates.append(rawRate)
            durableRates.append(durableRate)
            ratios.append(durableRate / rawRate)
        }
        let rawCount = try raw.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM rows") ?? 0 }
        guard rawCount == warmup + rounds * operations else {
            throw BenchFailure(description: "store: \(rawCount) raw rows, expected \(warmup + rounds * operations)")
        }
        try raw.close()

        return StoreResult(
            operationsPerRound: operations, rounds: rounds, journalMode: pragmas.0,
            synchronous: Self.synchronousName(pragmas.1),
            meanEventsPerAppend: Double(eventsAppended) / Double(rounds * operations),
            figures: [
                Figure(name: "raw INSERT", detail: "one row per transaction", unit: "1/s", stats: Summary(values: rawRates)!),
                Figure(name: "CaseStore.append", detail: "one engine step per transaction", unit: "1/s", stats: Summary(values: durableRates)!),
                // Reported, no longer a target: the durable step is measured against a raw insert.
                Figure(name: "append / raw", detail: "ratio of the rates per round", unit: "x", stats: Summary(values: ratios)!),
                Figure(name: "raw INSERT", detail: "latency", unit: "us", stats: Summary(rawLatencies, unit: \.microseconds)!),
                Figure(name: "CaseStore.append", detail: "latency", unit: "us", stats: Summary(durableLatencies, unit: \.microseconds)!),
                Figure(name: "raw INSERT", detail: "pages written per transaction", unit: "pages", stats: Summary(values: rawPages)!),
                Figure(name: "CaseStore.append", detail: "pages written per transaction", unit: "pages", stats: Summary(values: durablePages)!),
            ])
    }

    /// The name of a `PRAGMA synchronous` value.
    private static func synchronousName(_ value: Int) -> String {
        switch value {
        case 0: "OFF (0)"
        case 1: "NORMAL (1)"
        case 2: "FULL (2)"
        case 3: "EXTRA (3)"
        default: "\(value)"
        }
    }
}

import Foundation
import SOPEngine
import SOPPostgres
import SOPStorage
import SOPStore

/// The postgres suite (`--suite postgres`, not part of `all`: it needs a server): the `sop case step`
/// database of the cli suite copied into PostgreSQL (`sop db copy`'s copy), then whole `sop case step`
/// processes on it, and durable steps from 16 clients at once against pgbench's single-row INSERT
/// transactions on the same cluster, in the same run.
///
/// The server is the superuser address in `SOP_BENCH_POSTGRES` (else `SOP_TEST_POSTGRES`), for a
/// throw-away cluster with PostgreSQL's durable settings:
/// `SOP_POSTGRES_DURABLE=1 scripts/with-postgres .build-release/release/sop-bench --suite postgres`.
enum PostgresSuite {
    /// Target: `sop case step` against PostgreSQL on 100,000 cases, median milliseconds at most.
    static let stepTargetMilliseconds = 20.0
    /// Clients writing at once.
    static let clients = 16
    /// Seconds each concurrent measurement runs.
    static let seconds = 10.0
    /// Target: concurrent durable steps, at least this share of pgbench's rate.
    static let concurrentShare = 0.5

    static func run(_ complaints: Complaints, sop: URL, options: Options) throws(BenchFailure) -> [Figure] {
        do {
            return try measure(complaints, sop: sop, options: options)
        } catch let error as BenchFailure {
            throw error
        } catch {
            throw BenchFailure(description: "postgres: \(error)")
        }
    }

    private static func measure(_ complaints: Complaints, sop: URL, options: Options) throws -> [Figure] {
        let environment = ProcessInfo.processInfo.environment
        guard let server = (environment["SOP_BENCH_POSTGRES"] ?? environment["SOP_TEST_POSTGRES"]).flatMap({ $0.isEmpty ? nil : $0 }) else {
            throw BenchFailure(description:
                "postgres: no server: run `SOP_POSTGRES_DURABLE=1 scripts/with-postgres sop-bench --suite postgres`, or set SOP_BENCH_POSTGRES")
        }
        var superuser = try PostgresAddress(server)
        let small = try Seeding.database(cases: options.cliCases, complaints: complaints)
        let file = try SQLiteCaseStore(readingOnly: small.path)
        let name = "sop_bench_" + UUID().uuidString.lowercased().filter { $0.isLetter || $0.isNumber }.prefix(12)
        try psql(superuser, "CREATE DATABASE \(name)")
        var figures: [Figure] = []
        var address = superuser
        address.database = name

        // The copy, once.
        let copyStart = ContinuousClock.now
        try PostgresCaseStore.upgrade(address)
        let store = try PostgresCaseStore(address: address)
        let copied = try store.copy(from: file, expectedHead: try file.ledgerHead())
        let copySeconds = (ContinuousClock.now - copyStart).milliseconds / 1e3
        figures.append(Figure(
            name: "sop db copy (the store's copy)", detail: "\(copied.counts.cases) cases, \(copied.counts.events) events", unit: "s",
            stats: Summary(values: [copySeconds])!))

        // Steady state before measuring: the bulk copy's dead tuples vacuumed, statistics gathered and
        // its pages written out, so that neither autovacuum nor a checkpoint runs during the steps.
        try psql(address, "VACUUM ANALYZE")
        try psql(address, "CHECKPOINT")

        // `sop case step N --yes|--no`, a different open case each run.
        let candidates = try Seeding.openCases(at: "dapat-diselesaikan", in: small.path)
        let needed = options.processWarmup + options.processRuns
        guard candidates.count >= needed + clients else {
            throw BenchFailure(description: "postgres: \(candidates.count) open cases at step 3, too few; lower --process-runs")
        }
        let nowText = ISO8601DateFormatter().string(from: Seeding.now)
        let workflows = URL(fileURLWithPath: "workflows").standardizedFileURL.path
        let run = ["SOP_DB": addressText(address), "SOP_USER": "siti", "SOP_NOW": nowText]
        var times: [Duration] = []
        for (index, number) in candidates.prefix(needed).enumerated() {
            let arguments = ["case", "step", String(number), index % 2 == 0 ? "--yes" : "--no", "--workflows", workflows]
            let result = try CLISuite.spawn(sop, arguments, environment: run)
            guard result.status == 0 else { throw BenchFailure(description: "postgres: `sop case step \(number)` exited with \(result.status)") }
            if index >= options.processWarmup { times.append(result.elapsed) }
        }
        figures.append(Figure(
            name: "sop case step ID --yes|--no (PostgreSQL)", detail: "\(copied.counts.cases) cases", unit: "ms",
            stats: Summary(times, unit: \.milliseconds)!,
            target: Target(statistic: .median, comparison: .atMost, value: stepTargetMilliseconds)))

        // pgbench: single-row INSERT transactions from as many clients, on the same cluster.
        try psql(address, "CREATE TABLE bench_rows (id BIGSERIAL PRIMARY KEY, case_number BIGINT NOT NULL, sequence BIGINT NOT NULL, payload TEXT NOT NULL)")
        let pgbench = try pgbenchRate(address)
        // Durable steps: each client its own connection, appending notes to open cases of its own, in turn.
        let pool = Array(candidates.dropFirst(needed))
        let steps = try concurrentSteps(address, cases: pool)
        figures.append(Figure(name: "pgbench single-row INSERT transactions", detail: "\(clients) clients, \(Int(seconds)) s", unit: "1/s",
                              stats: Summary(values: [pgbench])!))
        figures.append(Figure(
            name: "durable steps through PostgresCaseStore.append", detail: "\(clients) clients, \(Int(seconds)) s", unit: "1/s",
            stats: Summary(values: [steps])!,
            target: Target(statistic: .median, comparison: .atLeast, value: (pgbench * concurrentShare).rounded())))
        superuser.database = "postgres"
        _ = try? psql(superuser, "DROP DATABASE \(name) WITH (FORCE)")
        return figures
    }

    /// The address as `--db` takes it.
    private static func addressText(_ address: PostgresAddress) -> String {
        var text = "postgresql://\(address.user)@"
        if let host = address.host { text += "\(host):\(address.port)" }
        text += "/\(address.database)"
        if let folder = address.socketFolder { text += "?host=\(folder)&port=\(address.port)" }
        return text
    }

    /// Where the server's programs are (`SOP_TEST_POSTGRES_BIN`, else PATH).
    private static func program(_ name: String) -> String {
        if let bin = ProcessInfo.processInfo.environment["SOP_TEST_POSTGRES_BIN"], FileManager.default.isExecutableFile(atPath: bin + "/" + name) {
            return bin + "/" + name
        }
        return "/usr/bin/" + name
    }

    private static func connectionArguments(_ address: PostgresAddress) -> [String] {
        ["-h", address.socketFolder ?? address.host ?? "localhost", "-p", String(address.port), "-U", address.user]
    }

    private static func psql(_ address: PostgresAddress, _ sql: String) throws {
        let output = try capture(program("psql"), ["-X", "-q", "-v", "ON_ERROR_STOP=1"] + connectionArguments(address) + ["-d", address.database, "-c", sql])
        guard output.status == 0 else { throw BenchFailure(description: "postgres: psql failed: \(output.text)") }
    }

    /// pgbench's transactions a second for one single-row INSERT each, from `clients` clients.
    private static func pgbenchRate(_ address: PostgresAddress) throws -> Double {
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("sop-bench-insert-\(UUID().uuidString).sql").path
        try "INSERT INTO bench_rows (case_number, sequence, payload) VALUES (1, 1, 'x');\n".write(toFile: script, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: script) }
        let output = try capture(
            program("pgbench"),
            ["-n", "-c", String(clients), "-j", String(clients), "-T", String(Int(seconds)), "-f", script] + connectionArguments(address)
                + [address.database])
        guard output.status == 0, let line = output.text.split(separator: "\n").first(where: { $0.hasPrefix("tps = ") }),
              let rate = Double(line.dropFirst(6).prefix { $0.isNumber || $0 == "." })
        else { throw BenchFailure(description: "postgres: pgbench failed: \(output.text)") }
        return rate
    }

    /// Appends a note to open cases from `clients` threads at once, each on its own connection and
    /// cases, for `seconds`; returns the appends a second.
    private static func concurrentSteps(_ address: PostgresAddress, cases: [Int]) throws -> Double {
        let slices = (0..<clients).map { client in stride(from: client, to: cases.count, by: clients).map { cases[$0] } }
        let stores = try (0..<clients).map { _ in try PostgresCaseStore(address: address) }
        let counts = Counts(clients)
        let failures = Counts(clients)
        let deadline = Date().addingTimeInterval(seconds)
        DispatchQueue.concurrentPerform(iterations: clients) { client in
            let store = stores[client]
            var states: [Int: CaseState] = [:]
            var index = 0
            while Date() < deadline {
                let number = slices[client][index % slices[client].count]
                index += 1
                do {
                    let state: CaseState
                    if let known = states[number] { state = known } else {
                        guard let loaded = try store.loadCase(String(number))?.state else { continue }
                        state = loaded
                    }
                    let note = CaseEvent(
                        sequence: state.version + 1, at: state.openedAt.addingTimeInterval(Double(state.version)), by: "siti",
                        kind: .noteAdded("catatan \(index)"))
                    states[number] = try store.append([note], attachments: [], to: number, expectedVersion: state.version, from: state)
                    counts.add(client)
                } catch {
                    failures.add(client)
                    states[number] = nil
                }
            }
        }
        guard failures.total == 0 else { throw BenchFailure(description: "postgres: \(failures.total) concurrent appends failed") }
        return Double(counts.total) / seconds
    }

    /// Counters, one per client.
    private final class Counts: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [Int]
        init(_ count: Int) { values = Array(repeating: 0, count: count) }
        func add(_ index: Int) {
            lock.lock()
            values[index] += 1
            lock.unlock()
        }
        var total: Int {
            lock.lock()
            defer { lock.unlock() }
            return values.reduce(0, +)
        }
    }

    /// Runs a program and returns its exit status and everything it printed.
    private static func capture(_ path: String, _ arguments: [String]) throws -> (status: Int32, text: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

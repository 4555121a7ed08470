import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The cli suite: whole `sop` processes on big databases, timed from spawn to exit; then up to 20
/// more runs of each under `/usr/bin/time -f %M` for their peak memory.
enum CLISuite {
    /// Target: `sop case step`, median milliseconds at most.
    static let stepTargetMilliseconds = 15.0
    /// Target: `sop case list --overdue --format json`, median milliseconds at most.
    static let listTargetMilliseconds = 100.0
    /// Target: peak memory of every run, megabytes at most.
    static let memoryTargetMegabytes = 50.0
    /// Target: `sop verify` checks at least this many events a second.
    static let verifyTargetEventsPerSecond = 200_000.0
    /// Runs of `sop verify` (each reads the whole database).
    static let verifyRuns = 3
    /// Runs of `sop backup` (each copies the whole smaller database).
    static let backupRuns = 3

    /// Only the sweep's figures (`--suite sweep`), on the larger database.
    static func sweep(_ complaints: Complaints, sop: URL, options: Options) throws(BenchFailure) -> CLIResult {
        let large = try Seeding.database(cases: options.cliLargeCases, complaints: complaints)
        let nowText = ISO8601DateFormatter().string(from: Seeding.now)
        let counts: (cases: Int, open: Int, overdue: Int)
        do { counts = try Seeding.counts(in: large.path) } catch { throw BenchFailure(description: "sweep: \(error)") }
        let figures = try SweepSuite.run(sop: sop, large: large.path, now: nowText, options: options)
        return CLIResult(
            now: nowText, databases: [DatabaseInfo(cases: counts.cases, open: counts.open, overdue: counts.overdue, seedSeconds: large.seedSeconds)],
            figures: figures)
    }

    static func run(_ complaints: Complaints, sop: URL, options: Options) throws(BenchFailure) -> CLIResult {
        let small = try Seeding.database(cases: options.cliCases, complaints: complaints)
        let large = try Seeding.database(cases: options.cliLargeCases, complaints: complaints)
        let workflows = URL(fileURLWithPath: "workflows").standardizedFileURL.path
        let nowText = ISO8601DateFormatter().string(from: Seeding.now)
        var figures: [Figure] = []
        var databases: [DatabaseInfo] = []

        // `sop case step N --yes|--no` on a copy of the smaller database, a different open case each run.
        do {
            let copy = FileManager.default.temporaryDirectory.appendingPathComponent("sop-bench-cli-\(UUID().uuidString).sqlite").path
            try FileManager.default.copyItem(atPath: small.path, toPath: copy)
            defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: copy + suffix) } }
            let counts = try Seeding.counts(in: small.path)
            databases.append(DatabaseInfo(cases: counts.cases, open: counts.open, overdue: counts.overdue, seedSeconds: small.seedSeconds))
            let candidates = try Seeding.openCases(at: "dapat-diselesaikan", in: copy)
            let memoryRuns = min(options.processRuns, 20)
            let needed = options.processWarmup + options.processRuns + memoryRuns
            guard candidates.count >= needed else {
                throw BenchFailure(description: "cli: \(candidates.count) open cases at step 3, \(needed) needed; lower --process-runs")
            }
            let environment = ["SOP_DB": copy, "SOP_USER": "siti", "SOP_NOW": nowText]
            var times: [Duration] = []
            var memory: [Double] = []
            for (index, number) in candidates.prefix(needed).enumerated() {
                let arguments = ["case", "step", String(number), index % 2 == 0 ? "--yes" : "--no", "--workflows", workflows]
                if index < options.processWarmup + options.processRuns {
                    let run = try spawn(sop, arguments, environment: environment)
                    guard run.status == 0 else {
                        throw BenchFailure(description: "cli: `sop case step \(number)` exited with \(run.status)")
                    }
                    if index >= options.processWarmup { times.append(run.elapsed) }
                } else {
                    memory.append(try peakMemory(sop, arguments, environment: environment))
                }
            }
            let after = try Seeding.openCases(at: "dapat-diselesaikan", in: copy)
            guard after.count == candidates.count - needed, Set(after).isDisjoint(with: candidates.prefix(needed)) else {
                throw BenchFailure(description: "cli: the stepped cases did not all move on")
            }
            let command = "sop case step ID --yes|--no"
            figures.append(Figure(
                name: command, detail: "\(counts.cases) cases", unit: "ms", stats: Summary(times, unit: \.milliseconds)!,
                target: Target(statistic: .median, comparison: .atMost, value: stepTargetMilliseconds)))
            figures.append(Figure(
                name: command, detail: "peak memory", unit: "MB", stats: Summary(values: memory)!,
                target: Target(statistic: .max, comparison: .atMost, value: memoryTargetMegabytes)))
        } catch let error as BenchFailure {
            throw error
        } catch {
            throw BenchFailure(description: "cli: \(error)")
        }

        // `sop case list --overdue --format json` on the larger database, read only.
        do {
            let counts = try Seeding.counts(in: large.path)
            databases.append(DatabaseInfo(cases: counts.cases, open: counts.open, overdue: counts.overdue, seedSeconds: large.seedSeconds))
            let environment = ["SOP_DB": large.path, "SOP_USER": "siti", "SOP_NOW": nowText]
            let arguments = ["case", "list", "--overdue", "--format", "json", "--workflows", workflows]
            // Once with the output kept: it must list every overdue case.
            let output = FileManager.default.temporaryDirectory.appendingPathComponent("sop-bench-list-\(UUID().uuidString).json").path
            defer { try? FileManager.default.removeItem(atPath: output) }
            let checked = try spawn(sop, arguments, environment: environment, output: output)
            guard checked.status == 0, let data = FileManager.default.contents(atPath: output),
                  let list = try JSONSerialization.jsonObject(with: data) as? [Any], list.count == counts.overdue
            else {
                throw BenchFailure(description: "cli: `sop case list --overdue` did not list the \(counts.overdue) overdue cases")
            }
            var times: [Duration] = []
            var memory: [Double] = []
            for index in 0..<(options.processWarmup + options.processRuns) {
                let run = try spawn(sop, arguments, environment: environment)
                guard run.status == 0 else { throw BenchFailure(description: "cli: `sop case list --overdue` exited with \(run.status)") }
                if index >= options.processWarmup { times.append(run.elapsed) }
            }
            for _ in 0..<min(options.processRuns, 20) {
                memory.append(try peakMemory(sop, arguments, environment: environment))
            }
            let command = "sop case list --overdue --format json"
            figures.append(Figure(
                name: command, detail: "\(counts.cases) cases, \(counts.overdue) listed", unit: "ms",
                stats: Summary(times, unit: \.milliseconds)!,
                target: Target(statistic: .median, comparison: .atMost, value: listTargetMilliseconds)))
            figures.append(Figure(
                name: command, detail: "peak memory", unit: "MB", stats: Summary(values: memory)!,
                target: Target(statistic: .max, comparison: .atMost, value: memoryTargetMegabytes)))
        } catch let error as BenchFailure {
            throw error
        } catch {
            throw BenchFailure(description: "cli: \(error)")
        }
        // `sop backup` of a copy of the smaller database while another process writes a note on an
        // open case, one write transaction after another; each copy must verify.
        do {
            let copy = FileManager.default.temporaryDirectory.appendingPathComponent("sop-bench-backup-\(UUID().uuidString).sqlite").path
            try FileManager.default.copyItem(atPath: small.path, toPath: copy)
            var targets: [String] = []
            defer {
                for path in [copy] + targets { for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
            }
            let open = try Seeding.openCases(at: "dapat-diselesaikan", in: copy)
            guard let target = open.last else { throw BenchFailure(description: "cli: no open case to write notes on") }
            let writer = NoteWriter(sop: sop, environment: ["SOP_DB": copy, "SOP_USER": "siti", "SOP_NOW": nowText], caseNumber: target)
            writer.start()
            var times: [Double] = []
            var written: [Double] = []
            for run in 0..<backupRuns {
                let path = copy + ".backup-\(run)"
                targets.append(path)
                let before = writer.notes
                let result = try spawn(sop, ["backup", path], environment: ["SOP_DB": copy, "SOP_USER": "admin", "SOP_NOW": nowText])
                guard result.status == 0 else {
                    writer.stop()
                    throw BenchFailure(description: "cli: `sop backup` exited with \(result.status) (a copy that does not verify exits 1)")
                }
                times.append(Double(result.elapsed.components.seconds) + Double(result.elapsed.components.attoseconds) / 1e18)
                written.append(Double(writer.notes - before))
            }
            writer.stop()
            guard writer.failures == 0 else { throw BenchFailure(description: "cli: \(writer.failures) notes failed while backups ran") }
            let detail = "\(try Seeding.counts(in: copy).cases) cases, a writer appending notes meanwhile; each copy verified"
            figures.append(Figure(name: "sop backup", detail: detail, unit: "s", stats: Summary(values: times)!))
            figures.append(Figure(name: "sop backup", detail: "notes the writer wrote during each backup", unit: "notes", stats: Summary(values: written)!))
        } catch let error as BenchFailure {
            throw error
        } catch {
            throw BenchFailure(description: "cli: \(error)")
        }

        // The sweep: nothing due on the larger database (its first run upgrades a file seeded by
        // an earlier sop, before `sop verify` reads it), and many escalations due at once.
        figures += try SweepSuite.run(sop: sop, large: large.path, now: nowText, options: options)

        // `sop verify` on the larger database, read only: every case, event, attachment and entry.
        do {
            let events = try Seeding.events(in: large.path)
            let environment = ["SOP_DB": large.path, "SOP_NOW": nowText]
            var rates: [Double] = []
            var seconds: [Double] = []
            for _ in 0..<verifyRuns {
                let run = try spawn(sop, ["verify"], environment: environment)
                guard run.status == 0 else { throw BenchFailure(description: "cli: `sop verify` found damage or failed (\(run.status))") }
                let elapsed = Double(run.elapsed.components.seconds) + Double(run.elapsed.components.attoseconds) / 1e18
                seconds.append(elapsed)
                rates.append(Double(events) / elapsed)
            }
            let memory = try peakMemory(sop, ["verify"], environment: environment)
            let detail = "\(try Seeding.counts(in: large.path).cases) cases, \(events) events"
            figures.append(Figure(
                name: "sop verify", detail: detail, unit: "events/s", stats: Summary(values: rates)!,
                target: Target(statistic: .median, comparison: .atLeast, value: verifyTargetEventsPerSecond)))
            figures.append(Figure(name: "sop verify", detail: detail, unit: "s", stats: Summary(values: seconds)!))
            figures.append(Figure(name: "sop verify", detail: "peak memory (no target: it holds a version per case)", unit: "MB",
                                  stats: Summary(values: [memory])!))
        } catch let error as BenchFailure {
            throw error
        } catch {
            throw BenchFailure(description: "cli: \(error)")
        }
        return CLIResult(now: nowText, databases: databases, figures: figures)
    }

    /// How one process ran.
    struct Run {
        /// The exit status, or 128 + the signal.
        var status: Int32
        /// From spawn to exit.
        var elapsed: Duration
    }

    /// The peak memory of one run in megabytes, from `/usr/bin/time -f %M` (its `wait4` rusage).
    ///
    /// Not from our own `wait4`: glibc's `posix_spawn` starts the child with `CLONE_VM`, and Linux
    /// then counts this process's own peak (hundreds of megabytes after seeding) as the child's
    /// `ru_maxrss`. `time` is small and forks, so what it reports is sop's own peak.
    static func peakMemory(_ executable: URL, _ arguments: [String], environment: [String: String]) throws(BenchFailure) -> Double {
        let report = FileManager.default.temporaryDirectory.appendingPathComponent("sop-bench-rss-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: report) }
        let run = try spawn(
            URL(fileURLWithPath: "/usr/bin/time"), ["-f", "%M", "-o", report, executable.path] + arguments, environment: environment)
        guard run.status == 0 else {
            throw BenchFailure(description: "cli: `/usr/bin/time sop \(arguments.joined(separator: " "))` exited with \(run.status)")
        }
        guard let text = try? String(contentsOfFile: report, encoding: .utf8),
              let kilobytes = text.split(whereSeparator: \.isNewline).last.flatMap({ Double($0) })
        else { throw BenchFailure(description: "cli: no peak memory from /usr/bin/time (install GNU time: apt-get install time)") }
        return kilobytes / 1024
    }

    /// Runs a process with only `environment` (and PATH, HOME, LANG), stdin and stderr on /dev/null
    /// and stdout on /dev/null or `output`; waits with `wait4` for its status.
    static func spawn(_ executable: URL, _ arguments: [String], environment: [String: String], output: String? = nil) throws(BenchFailure) -> Run {
        var environment = environment
        for key in ["PATH", "HOME", "LANG"] { environment[key] = environment[key] ?? ProcessInfo.processInfo.environment[key] }
        let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let clock = ContinuousClock()
        let began = clock.now
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable.path, &actions, nil, argv, envp)
        guard spawned == 0 else {
            throw BenchFailure(description: "cannot start \(executable.path): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else { throw BenchFailure(description: "wait4: \(String(cString: strerror(errno)))") }
        }
        let elapsed = clock.now - began
        let signal = status & 0x7f
        let exitStatus = signal == 0 ? (status >> 8) & 0xff : 128 + signal
        return Run(status: exitStatus, elapsed: elapsed)
    }
}

/// Another process's work while a backup runs: `sop case note` on one case, again and again, on a
/// thread of its own, until stopped.
final class NoteWriter: @unchecked Sendable {
    let sop: URL
    let environment: [String: String]
    let caseNumber: Int
    private let lock = NSLock()
    private var running = true
    private var written = 0
    private var failed = 0
    private let done = DispatchSemaphore(value: 0)

    init(sop: URL, environment: [String: String], caseNumber: Int) {
        self.sop = sop
        self.environment = environment
        self.caseNumber = caseNumber
    }

    var notes: Int { lock.withLock { written } }
    var failures: Int { lock.withLock { failed } }

    func start() {
        Thread.detachNewThread { [self] in
            var index = 0
            while lock.withLock({ running }) {
                index += 1
                let run = try? CLISuite.spawn(sop, ["case", "note", String(caseNumber), "catatan \(index)"], environment: environment)
                lock.withLock { if run?.status == 0 { written += 1 } else { failed += 1 } }
            }
            done.signal()
        }
    }

    func stop() {
        lock.withLock { running = false }
        done.wait()
    }
}

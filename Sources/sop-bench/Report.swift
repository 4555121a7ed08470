import Foundation

/// Where and when the figures were taken.
struct MachineContext: Codable, Sendable {
    /// When the benchmark started, ISO 8601 in UTC.
    var date: String
    /// `ProcessInfo.processInfo.activeProcessorCount`.
    var activeProcessorCount: Int
    /// The 1, 5 and 15 minute load averages from /proc/loadavg; nil where that file is missing.
    var loadAverage: [Double]?
    /// `release` or `debug`: debug figures are not representative.
    var build: String

    /// The context now.
    static func current() -> MachineContext {
        #if DEBUG
        let build = "debug"
        #else
        let build = "release"
        #endif
        return MachineContext(
            date: ISO8601DateFormatter().string(from: Date()),
            activeProcessorCount: ProcessInfo.processInfo.activeProcessorCount,
            loadAverage: loadAverage(),
            build: build)
    }

    /// The first three fields of /proc/loadavg, if it can be read.
    private static func loadAverage() -> [Double]? {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return nil }
        let values = text.split(separator: " ").prefix(3).compactMap { Double($0) }
        return values.count == 3 ? values : nil
    }
}

/// How many times each benchmark ran.
struct Settings: Codable, Sendable {
    /// The suite asked for.
    var suite: String
    /// Measured in-process iterations per benchmark.
    var iterations: Int
    /// In-process warm-up iterations per benchmark.
    var warmup: Int
    /// Measured runs of each sop process.
    var processRuns: Int
    /// Warm-up runs of each sop process.
    var processWarmup: Int
    /// Complaints per engine round.
    var engineComplaints: Int
    /// Measured engine rounds.
    var engineRounds: Int
    /// Inserts and appends per store round.
    var storeOperations: Int
    /// Store rounds.
    var storeRounds: Int
    /// Cases of the `sop case step` database.
    var cliCases: Int
    /// Cases of the `sop case list` database.
    var cliLargeCases: Int
}

/// The figures of one in-process benchmark (microseconds).
struct InProcessResult: Codable, Sendable {
    /// The workflow file, relative to the repository root.
    var file: String
    /// Whether the text was read up front or the file read from disk each time.
    var mode: InputMode
    /// The unit of the figures.
    var unit = "us"
    /// The timings.
    var stats: Summary
    /// The target: the median below this many microseconds.
    var targetMedianBelow: Double
    /// Whether the target was met.
    var met: Bool
}

/// The figures of the whole-process benchmark (milliseconds).
struct ProcessResult: Codable, Sendable {
    /// The command timed, as run from the repository root.
    var command: String
    /// The unit of the figures.
    var unit = "ms"
    /// The timings.
    var stats: Summary
    /// The target: the median below this many milliseconds.
    var targetMedianBelow: Double
    /// Whether the target was met.
    var met: Bool
}

/// A bound one statistic of a figure must keep.
struct Target: Codable, Sendable {
    /// Which statistic.
    enum Statistic: String, Codable, Sendable { case median, max }
    /// Which side of the value it must stay on.
    enum Comparison: String, Codable, Sendable {
        case atMost = "<="
        case atLeast = ">="
    }
    var statistic: Statistic
    var comparison: Comparison
    var value: Double

    /// Whether the figures keep the bound.
    func isMet(by stats: Summary) -> Bool {
        let figure = statistic == .median ? stats.median : stats.max
        return comparison == .atMost ? figure <= value : figure >= value
    }

    /// `median ≥ 200000`.
    var text: String {
        let number = value == value.rounded() ? String(Int(value)) : String(value)
        return "\(statistic.rawValue) \(comparison == .atMost ? "≤" : "≥") \(number)"
    }
}

/// One measured figure of the engine, store or cli suite: a series summarised, and its target if any.
struct Figure: Codable, Sendable {
    /// What was measured.
    var name: String
    /// What it was measured on.
    var detail: String
    /// The unit of the figures (`1/s` for rates).
    var unit: String
    /// The series, summarised.
    var stats: Summary
    /// The target, if the figure has one.
    var target: Target?
    /// Whether the target was met; nil without a target.
    var met: Bool?

    init(name: String, detail: String, unit: String, stats: Summary, target: Target? = nil) {
        self.name = name
        self.detail = detail
        self.unit = unit
        self.stats = stats
        self.target = target
        met = target?.isMet(by: stats)
    }
}

/// The engine suite's figures.
struct EngineResult: Codable, Sendable {
    /// Complaints per measured round.
    var complaintsPerRound: Int
    /// Measured rounds (after one warm-up round of a tenth as many).
    var rounds: Int
    /// Events each path yields.
    var eventsPerComplaint: [String: Int]
    /// Events per complaint over the mix.
    var meanEventsPerComplaint: Double
    /// Rates per round (complaints/s, events/s) and round times.
    var figures: [Figure]
}

/// The store suite's figures.
struct StoreResult: Codable, Sendable {
    /// Raw inserts, and appends, per round.
    var operationsPerRound: Int
    /// Rounds.
    var rounds: Int
    /// `PRAGMA journal_mode` of both databases.
    var journalMode: String
    /// `PRAGMA synchronous` of both writers (set by GRDB with WAL).
    var synchronous: String
    /// Events per append (one step of the full path).
    var meanEventsPerAppend: Double
    /// Rates per round, their ratio, latencies.
    var figures: [Figure]
}

/// A seeded database of the cli suite.
struct DatabaseInfo: Codable, Sendable {
    var cases: Int
    var open: Int
    /// Open cases whose step is overdue at `SOP_NOW`.
    var overdue: Int
    /// Seconds seeding took in this run; nil when the database was cached.
    var seedSeconds: Double?
}

/// The cli suite's figures.
struct CLIResult: Codable, Sendable {
    /// `SOP_NOW` of every run.
    var now: String
    /// The databases.
    var databases: [DatabaseInfo]
    /// Times and peak memory per command.
    var figures: [Figure]
}

/// Everything one run of `sop-bench` measured.
struct BenchReport: Encodable, Sendable {
    /// Where and when.
    var context: MachineContext
    /// How many times.
    var settings: Settings
    /// In-process load+validate, per workflow and input mode (validation suite).
    var inProcess: [InProcessResult]?
    /// The whole `sop validate` process (validation suite).
    var process: ProcessResult?
    /// The engine suite.
    var engine: EngineResult?
    /// The store suite.
    var store: StoreResult?
    /// The cli suite.
    var cli: CLIResult?
    /// The scenarios suite (`sop test`, `sop paths`).
    var scenarios: [Figure]?
    /// The postgres suite.
    var postgres: [Figure]?

    /// Every figure of the engine, store, cli, scenarios and postgres suites.
    private var figures: [Figure] {
        (engine?.figures ?? []) + (store?.figures ?? []) + (cli?.figures ?? []) + (scenarios ?? []) + (postgres ?? [])
    }

    /// Whether every target was met.
    var allTargetsMet: Bool {
        (inProcess ?? []).allSatisfy(\.met) && (process?.met ?? true) && figures.allSatisfy { $0.met ?? true }
    }

    private enum CodingKeys: String, CodingKey { case context, settings, inProcess, process, engine, store, cli, scenarios, postgres, allTargetsMet }

    /// Encodes the report, including `allTargetsMet`; suites not run are left out.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(context, forKey: .context)
        try container.encode(settings, forKey: .settings)
        try container.encodeIfPresent(inProcess, forKey: .inProcess)
        try container.encodeIfPresent(process, forKey: .process)
        try container.encodeIfPresent(engine, forKey: .engine)
        try container.encodeIfPresent(store, forKey: .store)
        try container.encodeIfPresent(cli, forKey: .cli)
        try container.encodeIfPresent(scenarios, forKey: .scenarios)
        try container.encodeIfPresent(postgres, forKey: .postgres)
        try container.encode(allTargetsMet, forKey: .allTargetsMet)
    }

    /// The report as pretty-printed JSON with sorted keys.
    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// The report as a few lines and small tables.
    func text() -> String {
        let load = context.loadAverage.map { $0.map { String(format: "%.2f", $0) }.joined(separator: " ") } ?? "unavailable"
        var lines = [
            "sop-bench  \(context.date)  \(context.activeProcessorCount) cores  load average \(load)  \(context.build) build",
        ]
        let header = ["min", "median", "p90", "max", "target", "met"]
        var rows: [[String]] = []
        if let inProcess, let process {
            lines.append("validation: in-process \(settings.iterations) iterations after \(settings.warmup) warm-up; "
                + "process: \(settings.processRuns) runs after \(settings.processWarmup) warm-up")
            rows.append(["In-process load+validate (µs)", ""] + header)
            for result in inProcess {
                let name = (result.file as NSString).lastPathComponent
                rows.append([name, "from \(result.mode.rawValue)"] + Self.figures(result.stats, decimals: 1)
                    + ["median < \(Self.number(result.targetMedianBelow))", result.met ? "yes" : "NO"])
            }
            rows.append([])
            rows.append(["Whole process (ms)", ""] + header)
            rows.append([process.command, ""] + Self.figures(process.stats, decimals: 2)
                + ["median < \(Self.number(process.targetMedianBelow))", process.met ? "yes" : "NO"])
        }
        if let engine {
            let paths = engine.eventsPerComplaint.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            lines.append("engine: \(engine.rounds) rounds of \(engine.complaintsPerRound) complaints after a warm-up round; "
                + "events per complaint: \(paths); mean \(String(format: "%.1f", engine.meanEventsPerComplaint))")
            if !rows.isEmpty { rows.append([]) }
            rows.append(["Engine in memory", ""] + header)
            rows += engine.figures.map(Self.row)
        }
        if let store {
            lines.append("store: \(store.rounds) rounds of \(store.operationsPerRound) raw inserts then \(store.operationsPerRound) appends "
                + "(\(String(format: "%.1f", store.meanEventsPerAppend)) events each); journal_mode \(store.journalMode), "
                + "synchronous \(store.synchronous) on both")
            if !rows.isEmpty { rows.append([]) }
            rows.append(["Store, one transaction each", ""] + header)
            rows += store.figures.map(Self.row)
        }
        if let cli {
            for database in cli.databases {
                let seeded = database.seedSeconds.map { "seeded in \(String(format: "%.1f", $0)) s" } ?? "cached"
                lines.append("cli: database of \(database.cases) cases, \(database.open) open, \(database.overdue) overdue at \(cli.now) (\(seeded))")
            }
            lines.append("cli: \(settings.processRuns) runs after \(settings.processWarmup) warm-up each")
            if !rows.isEmpty { rows.append([]) }
            rows.append(["Whole sop processes", ""] + header)
            rows += cli.figures.map(Self.row)
        }
        if let scenarios {
            if !rows.isEmpty { rows.append([]) }
            rows.append(["Scenario tests and paths", ""] + header)
            rows += scenarios.map(Self.row)
        }
        if let postgres {
            if !rows.isEmpty { rows.append([]) }
            rows.append(["PostgreSQL", ""] + header)
            rows += postgres.map(Self.row)
        }
        lines.append("")
        lines += Self.table(rows, leftAligned: [0, 1, 6, 7])
        lines.append("")
        lines.append(allTargetsMet ? "All targets met." : "Some targets were NOT met.")
        return lines.joined(separator: "\n")
    }

    /// A table row of a figure.
    private static func row(_ figure: Figure) -> [String] {
        let decimals = figure.unit == "1/s" || figure.unit == "steps/s" ? 0 : figure.unit == "x" || figure.unit == "pages" ? 2 : 1
        return [figure.name, "\(figure.detail) (\(figure.unit == "x" ? "ratio" : figure.unit))"]
            + Self.figures(figure.stats, decimals: decimals)
            + [figure.target?.text ?? "", figure.met.map { $0 ? "yes" : "NO" } ?? ""]
    }

    /// min, median, p90 and max with a fixed number of decimals.
    private static func figures(_ stats: Summary, decimals: Int) -> [String] {
        [stats.min, stats.median, stats.p90, stats.max].map { String(format: "%.\(decimals)f", $0) }
    }

    /// A number without a needless `.0`.
    private static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    /// Lays out rows in columns two spaces apart; empty rows stay empty lines.
    private static func table(_ rows: [[String]], leftAligned: Set<Int>) -> [String] {
        var widths: [Int] = []
        for row in rows {
            for (index, cell) in row.enumerated() {
                if index == widths.count { widths.append(0) }
                widths[index] = max(widths[index], cell.count)
            }
        }
        return rows.map { row in
            row.enumerated().map { index, cell in
                let padding = String(repeating: " ", count: widths[index] - cell.count)
                return leftAligned.contains(index) ? cell + padding : padding + cell
            }
            .joined(separator: "  ")
            .replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
    }
}

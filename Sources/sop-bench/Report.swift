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
    /// Measured in-process iterations per benchmark.
    var iterations: Int
    /// In-process warm-up iterations per benchmark.
    var warmup: Int
    /// Measured runs of the sop process.
    var processRuns: Int
    /// Warm-up runs of the sop process.
    var processWarmup: Int
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

/// Everything one run of `sop-bench` measured.
struct BenchReport: Encodable, Sendable {
    /// Where and when.
    var context: MachineContext
    /// How many times.
    var settings: Settings
    /// In-process load+validate, per workflow and input mode.
    var inProcess: [InProcessResult]
    /// The whole `sop validate` process.
    var process: ProcessResult
    /// Whether every target was met.
    var allTargetsMet: Bool { inProcess.allSatisfy(\.met) && process.met }

    private enum CodingKeys: String, CodingKey { case context, settings, inProcess, process, allTargetsMet }

    /// Encodes the report, including `allTargetsMet`.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(context, forKey: .context)
        try container.encode(settings, forKey: .settings)
        try container.encode(inProcess, forKey: .inProcess)
        try container.encode(process, forKey: .process)
        try container.encode(allTargetsMet, forKey: .allTargetsMet)
    }

    /// The report as pretty-printed JSON with sorted keys.
    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// The report as a few lines and two small tables.
    func text() -> String {
        let load = context.loadAverage.map { $0.map { String(format: "%.2f", $0) }.joined(separator: " ") } ?? "unavailable"
        var lines = [
            "sop-bench  \(context.date)  \(context.activeProcessorCount) cores  load average \(load)  \(context.build) build",
            "in-process: \(settings.iterations) iterations after \(settings.warmup) warm-up; "
                + "process: \(settings.processRuns) runs after \(settings.processWarmup) warm-up",
            "",
        ]
        let header = ["min", "median", "p90", "max", "target", "met"]
        var rows = [["In-process load+validate (µs)", ""] + header]
        for result in inProcess {
            let name = (result.file as NSString).lastPathComponent
            rows.append([name, "from \(result.mode.rawValue)"] + Self.figures(result.stats, decimals: 1)
                + ["median < \(Self.number(result.targetMedianBelow))", result.met ? "yes" : "NO"])
        }
        rows.append([])
        rows.append(["Whole process (ms)", ""] + header)
        rows.append([process.command, ""] + Self.figures(process.stats, decimals: 2)
            + ["median < \(Self.number(process.targetMedianBelow))", process.met ? "yes" : "NO"])
        lines += Self.table(rows, leftAligned: [0, 1, 6, 7])
        lines.append("")
        lines.append(allTargetsMet ? "All targets met." : "Some targets were NOT met.")
        return lines.joined(separator: "\n")
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

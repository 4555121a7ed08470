// sop-bench: how fast `sop` is — validation, the engine, the store and whole `sop case` processes.
//
//     swift build -c release --product sop && swift run -c release sop-bench [--suite validation|engine|store|cli|sweep|scenarios|postgres|all]
//
// Run from the repository root (or anywhere, when the executable sits in the repository's build folder).
// Targets: validation — in-process load+validate of one workflow, median < 1 ms; `sop validate workflows/`,
// median < 20 ms. engine — a floor, median ≥ 60,000 complaints/s on one thread (five times the fastest
// Python peer; the retired target was 200,000). store — CaseStore.append of one step per transaction,
// reported as a ratio to single-row INSERT transactions (no target). cli — `sop case step` on
// 100,000 cases, median ≤ 15 ms; `sop case list --overdue --format json` on 1,000,000 cases, median ≤ 100 ms;
// peak memory of every run ≤ 50 MB.
// Exit status: 0 measured (a missed target is reported, not a failure), 1 a wrong result or failed run, 2 usage.

import Foundation

/// The benchmark as a whole: finds the files, runs every measurement, and gathers the figures.
enum Benchmark {
    /// The folder of shipped workflows, relative to the repository root.
    static let folder = "workflows"
    /// Target for one workflow's in-process load+validate: median below this many microseconds.
    static let inProcessTargetMicroseconds = 1_000.0
    /// Target for the whole `sop validate` process: median below this many milliseconds.
    static let processTargetMilliseconds = 20.0

    /// Runs the suites the options select.
    static func run(_ options: Options) throws(BenchFailure) -> BenchReport {
        let context = MachineContext.current()
        try enterRepositoryRoot()
        let settings = Settings(
            suite: options.suite.rawValue, iterations: options.iterations, warmup: options.warmup,
            processRuns: options.processRuns, processWarmup: options.processWarmup,
            engineComplaints: options.engineComplaints, engineRounds: options.engineRounds,
            storeOperations: options.storeOperations, storeRounds: options.storeRounds,
            cliCases: options.cliCases, cliLargeCases: options.cliLargeCases)
        var report = BenchReport(context: context, settings: settings)
        if options.runs(.validation) {
            (report.inProcess, report.process) = try validation(options)
        }
        if options.suite == .sweep {
            let complaints = try Complaints()
            report.cli = try CLISuite.sweep(complaints, sop: try WholeProcess.locateSop(), options: options)
        }
        if options.runs(.postgres) {
            report.postgres = try PostgresSuite.run(try Complaints(), sop: try WholeProcess.locateSop(), options: options)
        }
        if options.runs(.scenarios) {
            report.scenarios = try ScenarioSuite.run(options: options, sop: try WholeProcess.locateSop())
        }
        if options.runs(.engine) || options.runs(.store) || options.runs(.cli) {
            let complaints = try Complaints()
            if options.runs(.engine) { report.engine = try EngineSuite.run(complaints, options: options) }
            if options.runs(.store) { report.store = try StoreSuite.run(complaints, options: options) }
            if options.runs(.cli) {
                report.cli = try CLISuite.run(complaints, sop: try WholeProcess.locateSop(), options: options)
            }
        }
        return report
    }

    /// The validation suite: in-process load+validate of each workflow, and the whole `sop validate` process.
    private static func validation(_ options: Options) throws(BenchFailure) -> ([InProcessResult], ProcessResult) {
        let sop = try WholeProcess.locateSop()
        let corpus = try Corpus(folder: folder)

        var inProcess: [InProcessResult] = []
        for workflow in corpus.workflows {
            for mode in [InputMode.text, .disk] {
                let durations = try InProcess.run(workflow, mode: mode, calendars: corpus.calendars, options: options)
                let stats = try summary(durations, unit: \.microseconds)
                inProcess.append(InProcessResult(
                    file: workflow.file.path, mode: mode, stats: stats,
                    targetMedianBelow: inProcessTargetMicroseconds, met: stats.median < inProcessTargetMicroseconds))
            }
        }

        let processDurations = try WholeProcess.run(
            sop: sop, folder: folder + "/", warmup: options.processWarmup, runs: options.processRuns)
        let processStats = try summary(processDurations, unit: \.milliseconds)
        let process = ProcessResult(
            command: "sop validate \(folder)/", stats: processStats,
            targetMedianBelow: processTargetMilliseconds, met: processStats.median < processTargetMilliseconds)
        return (inProcess, process)
    }

    /// Makes the repository root the working folder: the current folder if it holds `workflows/`, else
    /// the nearest folder above the executable that holds `Package.swift` and `workflows/`.
    private static func enterRepositoryRoot() throws(BenchFailure) {
        let manager = FileManager.default
        var candidates = [manager.currentDirectoryPath]
        if var ancestor = WholeProcess.executableFolder()?.standardizedFileURL.path {
            while ancestor != "/" && !ancestor.isEmpty {
                ancestor = (ancestor as NSString).deletingLastPathComponent
                if manager.fileExists(atPath: (ancestor as NSString).appendingPathComponent("Package.swift")) {
                    candidates.append(ancestor)
                }
            }
        }
        for root in candidates {
            var isDirectory: ObjCBool = false
            let path = (root as NSString).appendingPathComponent(folder)
            if manager.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue,
               manager.changeCurrentDirectoryPath(root) {
                return
            }
        }
        throw BenchFailure(description: "no '\(folder)/' folder here or above the executable; run sop-bench from the repository root")
    }

    /// Summarises timings, which cannot be empty since every count is at least 1.
    private static func summary(_ durations: [Duration], unit: (Duration) -> Double) throws(BenchFailure) -> Summary {
        guard let summary = Summary(durations, unit: unit) else { throw BenchFailure(description: "no timings") }
        return summary
    }
}

/// Writes a line to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

let options: Options
do throws(UsageError) {
    options = try Options.parse(Array(CommandLine.arguments.dropFirst()))
} catch {
    if let message = error.message {
        printError("sop-bench: \(message)\n\n\(Options.usage)")
        exit(2)
    }
    print(Options.usage)
    exit(0)
}

do {
    let report = try Benchmark.run(options)
    switch options.format {
    case .text: print(report.text())
    case .json: print(try report.json())
    }
} catch {
    printError("sop-bench: error: \(error)")
    exit(1)
}

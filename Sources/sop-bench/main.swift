// sop-bench: how fast `sop` loads and validates the shipped workflows, in process and as a whole process.
//
//     swift build -c release --product sop && swift run -c release sop-bench [--iterations N] [--format text|json]
//
// Run from the repository root (or anywhere, when the executable sits in the repository's build folder).
// Targets: in-process load+validate of one workflow, median < 1 ms; `sop validate workflows/`, median < 20 ms.
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

    /// Runs every benchmark with the given options.
    static func run(_ options: Options) throws(BenchFailure) -> BenchReport {
        let context = MachineContext.current()
        try enterRepositoryRoot()
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

        let settings = Settings(
            iterations: options.iterations, warmup: options.warmup,
            processRuns: options.processRuns, processWarmup: options.processWarmup)
        return BenchReport(context: context, settings: settings, inProcess: inProcess, process: process)
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

import Foundation

/// The whole-process benchmark: `sop validate <folder>` as a child process, start to exit.
enum WholeProcess {
    /// The `sop` executable beside this one (`.build/release/sop` when run as `.build/release/sop-bench`).
    static func locateSop() throws(BenchFailure) -> URL {
        guard let folder = executableFolder() else {
            throw BenchFailure(description: "cannot tell where sop-bench was started from")
        }
        let sop = folder.appendingPathComponent("sop")
        guard FileManager.default.isExecutableFile(atPath: sop.path) else {
            throw BenchFailure(description: """
                no sop executable at \(sop.path); build it first: \
                swift build -c release --product sop (with the same --scratch-path as sop-bench, if any)
                """)
        }
        return sop
    }

    /// The folder holding this executable, symbolic links resolved.
    static func executableFolder() -> URL? {
        let executable: URL?
        if let first = CommandLine.arguments.first, first.contains("/") {
            executable = URL(fileURLWithPath: first)  // relative paths resolve against the working folder
        } else {
            executable = Bundle.main.executableURL  // started through PATH
        }
        return executable?.resolvingSymlinksInPath().deletingLastPathComponent()
    }

    /// Times `sop validate <folder>`: `warmup` unmeasured runs, then `runs` measured ones; each must exit 0.
    static func run(sop: URL, folder: String, warmup: Int, runs: Int) throws(BenchFailure) -> [Duration] {
        try measure(warmup: warmup, iterations: runs) { () throws(BenchFailure) in
            try validateOnce(sop: sop, folder: folder)
        }
    }

    /// Runs `sop validate <folder>` once with its output discarded and checks that it exits with 0.
    ///
    /// The exit is awaited with `terminationHandler` and a semaphore: on Linux, `waitUntilExit()` polls
    /// the run loop in 50 ms steps, which would swamp a process of a few milliseconds.
    private static func validateOnce(sop: URL, folder: String) throws(BenchFailure) {
        let exited = DispatchSemaphore(value: 0)
        let process = Process()
        process.terminationHandler = { _ in exited.signal() }
        process.executableURL = sop
        process.arguments = ["validate", folder]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw BenchFailure(description: "cannot start \(sop.path): \(error)")
        }
        exited.wait()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let how = process.terminationReason == .exit ? "exited with \(process.terminationStatus)"
                : "was killed by signal \(process.terminationStatus)"
            throw BenchFailure(description: "`\(sop.path) validate \(folder)` \(how); expected exit status 0")
        }
    }
}

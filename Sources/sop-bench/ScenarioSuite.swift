import Foundation
import SOPLoading
import SOPModel
import SOPScenarios

/// Scenario tests and paths (issue 15): `sop test` in process over a scenario per path of both
/// shipped SOPs, the shipped scenario files checked and run, and `sop paths` on a workflow of 60
/// steps with 20 decisions, in process and as a process with its peak memory.
enum ScenarioSuite {
    /// Target: scenario actions (steps) a second, in process, median at least.
    static let stepsTargetPerSecond = 10_000.0
    /// The steps of the wide workflow, and its decisions.
    static let wideSteps = 60
    static let wideDecisions = 20

    static func run(options: Options, sop: URL) throws(BenchFailure) -> [Figure] {
        var figures: [Figure] = []
        // One scenario per path of each shipped SOP, generated and read back as a file would be.
        var runs: [(ScenarioRunner, [Scenario])] = []
        for id in ["pengaduan-langsung", "pengaduan-media"] {
            guard let workflow = Loader.load(path: "workflows/\(id).yaml").workflow,
                let calendar = Loader.load(path: "workflows/jam-kerja-kebumen.yaml").calendar,
                let generator = ScenarioGenerator(workflow: workflow, calendar: calendar),
                let runner = ScenarioRunner(workflow: workflow, calendar: calendar)
            else { throw BenchFailure(description: "scenarios: cannot load \(id) and its calendar") }
            let text = generator.file(
                start: Date(timeIntervalSince1970: 1_767_574_800), startText: "2026-01-05T08:00:00+07:00", language: .id)
            guard let scenarios = ScenarioLoader.load(text: text, file: "\(id).scenarios.yaml").file?.scenarios, !scenarios.isEmpty else {
                throw BenchFailure(description: "scenarios: the generated scenarios of \(id) do not load")
            }
            runs.append((runner, scenarios))
        }
        let rounds = max(5, options.engineRounds)
        let repeats = 200
        var rates: [Double] = []
        var steps = 0
        for round in 0...rounds {
            let clock = ContinuousClock()
            var actions = 0
            var failed: ScenarioResult?
            let elapsed = clock.measure {
                for _ in 0..<repeats {
                    for (runner, scenarios) in runs {
                        for scenario in scenarios {
                            let result = runner.run(scenario)
                            if !result.passed { failed = result }
                            actions += result.actionsRun
                        }
                    }
                }
            }
            if let failed { throw BenchFailure(description: "scenarios: '\(failed.name)' failed: \(failed.failures)") }
            steps = actions / repeats
            if round > 0 { rates.append(Double(actions) / seconds(elapsed)) }
        }
        let count = runs.map(\.1.count).reduce(0, +)
        figures.append(Figure(
            name: "sop test (in process)", detail: "\(count) scenarios, one per path of both shipped SOPs, \(steps) steps, ×\(repeats) a round",
            unit: "steps/s", stats: Summary(values: rates)!,
            target: Target(statistic: .median, comparison: .atLeast, value: stepsTargetPerSecond)))

        // The shipped scenario files, as `sop test` reads, checks and runs them.
        var times: [Duration] = []
        for index in 0..<(options.warmup / 5 + options.iterations / 20) {
            let clock = ContinuousClock()
            var passed = false
            let elapsed = clock.measure { passed = ScenarioTests.run(paths: ["workflows"]).passed }
            guard passed else { throw BenchFailure(description: "scenarios: the shipped scenario files do not pass") }
            if index >= options.warmup / 5 { times.append(elapsed) }
        }
        figures.append(Figure(
            name: "sop test workflows/ (in process)", detail: "load, check against the workflows, run", unit: "ms",
            stats: Summary(times, unit: \.milliseconds)!))

        // sop paths on a wide workflow: its paths double with each decision.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sop-bench-paths-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("lebar.yaml").path
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: "workflows/jam-kerja-kebumen.yaml", toPath: folder.appendingPathComponent("jam-kerja-kebumen.yaml").path)
            try wideWorkflow().write(toFile: file, atomically: true, encoding: .utf8)
        } catch {
            throw BenchFailure(description: "scenarios: \(error)")
        }
        guard let wide = Loader.load(path: file).workflow, wide.steps.count == wideSteps else {
            throw BenchFailure(description: "scenarios: the wide workflow does not load")
        }
        var walks: [Duration] = []
        var found = WorkflowPaths(wide, loops: 1, limit: 1000)
        for _ in 0..<20 {
            let clock = ContinuousClock()
            walks.append(clock.measure { found = WorkflowPaths(wide, loops: 1, limit: 1000) })
        }
        guard found.isTruncated, found.paths.count == 1000 else {
            throw BenchFailure(description: "scenarios: the walk of 2^\(wideDecisions) paths did not stop at its limit")
        }
        figures.append(Figure(
            name: "sop paths (in process)", detail: "\(wideSteps) steps, \(wideDecisions) decisions: the first 1,000 of 2^\(wideDecisions) paths",
            unit: "ms", stats: Summary(walks, unit: \.milliseconds)!))
        var processes: [Duration] = []
        for index in 0..<(options.processWarmup + min(options.processRuns, 20)) {
            let run = try CLISuite.spawn(sop, ["paths", file, "--limit", "100000", "--format", "json"], environment: [:])
            guard run.status == 0 else { throw BenchFailure(description: "scenarios: `sop paths` exited with \(run.status)") }
            if index >= options.processWarmup { processes.append(run.elapsed) }
        }
        figures.append(Figure(
            name: "sop paths --limit 100000", detail: "\(wideSteps) steps, \(wideDecisions) decisions, JSON to /dev/null", unit: "ms",
            stats: Summary(processes, unit: \.milliseconds)!))
        let memory = try CLISuite.peakMemory(sop, ["paths", file, "--limit", "100000", "--format", "json"], environment: [:])
        figures.append(Figure(
            name: "sop paths --limit 100000", detail: "peak memory", unit: "MB", stats: Summary(values: [memory])!))
        return figures
    }

    /// A workflow of `wideSteps` steps: `wideDecisions` decisions, each with two branches that meet
    /// again at the next step (so its paths double with each), the other steps plain.
    static func wideWorkflow() -> String {
        var text = """
            kind: Workflow
            id: lebar
            revision: 1
            title: Alur lebar untuk pengukuran
            document:
              organization: [CONTOH]
              number: "1/1"
              created: 2026-01-01
              effective: 2026-01-01
              approved_by: { name: Contoh, position: Kepala }
            calendar: jam-kerja-kebumen
            actors:
              petugas: { name: Petugas }
            outcomes:
              selesai: { name: Selesai, status: resolved }
            steps:

            """
        // Decision i goes to step a (the plain step after it) or straight on to the next decision's
        // step; 20 decisions and 40 plain steps.
        let plainPerDecision = (wideSteps - wideDecisions) / wideDecisions
        var index = 0
        for decision in 0..<wideDecisions {
            let next = decision + 1 < wideDecisions ? "k\(decision + 1)" : nil
            text += "  - { id: k\(decision), activity: Keputusan \(decision), actor: petugas, budget: 5 menit, decision: { question: Lanjut?, "
                + "branches: [ { label: Ya, goto: s\(decision)-0 }, { label: Tidak, \(next.map { "goto: \($0)" } ?? "end: selesai") } ] } }\n"
            index += 1
            for plain in 0..<plainPerDecision {
                let after = plain + 1 < plainPerDecision ? "next: s\(decision)-\(plain + 1)" : (next.map { "next: \($0)" } ?? "end: selesai")
                text += "  - { id: s\(decision)-\(plain), activity: Langkah \(index), actor: petugas, budget: 10 menit, \(after) }\n"
                index += 1
            }
        }
        return text
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

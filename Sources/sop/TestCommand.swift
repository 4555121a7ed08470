import ArgumentParser
import Foundation
import SOPCore
import SOPLoading
import SOPModel
import SOPScenarios

/// `sop test`: scenario files run on their workflows, in memory.
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: tr(
            id: "Jalankan skenario uji (NAMA.scenarios.yaml) pada alur kerjanya, di memori.",
            en: "Run scenario tests (NAME.scenarios.yaml) on their workflows, in memory."),
        discussion: tr(
            id: """
                Setiap skenario membuka pengaduan dengan isian, kanal dan waktu yang diberikan, menjalankan tindakannya \
                (siapa mengerjakan langkah apa, cabang mana, apa yang dilampirkan, berapa lama waktu kerja berlalu), dan \
                memeriksa yang diharapkan: status, hasil akhir, jalur, tenggat, penolakan. Tidak ada basis data yang \
                disentuh; jam hanya bergerak seperti yang dikatakan skenario. --coverage melaporkan langkah, cabang, \
                akhir dan jalur yang dicapai; --generate ALUR menulis satu skenario per jalur sebagai titik awal.
                """,
            en: """
                Each scenario opens a case with the fields, channel and time given, carries out its actions (who does \
                which step, which branch, what is attached, how much working time passes), and checks what it expects: \
                the status, the outcome, the path, the due times, the refusals. No database is touched; the clock moves \
                only as the scenario says. --coverage reports the steps, branches, ends and paths reached; --generate \
                WORKFLOW writes one scenario per path as a starting point.
                """))

    @OptionGroup var global: GlobalOptions

    @Argument(help: help(
        id: "Berkas skenario, atau folder tempat mencarinya (bawaan: workflows).",
        en: "Scenario files, or folders to look for them in (default: workflows)."))
    var paths: [String] = []

    @Option(help: help(id: "Format keluaran: text, json, atau junit (JUnit XML).", en: "Output format: text, json or junit (JUnit XML)."))
    var format: TestFormat = .text

    @Flag(help: help(
        id: "Laporkan langkah, cabang, akhir dan jalur setiap alur kerja yang dicapai skenario; keluar 1 bila ada yang tidak.",
        en: "Report each workflow's steps, branches, ends and paths the scenarios reached; exit 1 when some are not."))
    var coverage = false

    @Option(help: help(
        id: "Tulis satu skenario per jalur alur kerja ini (berkas atau id) ke keluaran standar, sebagai titik awal.",
        en: "Write one scenario per path of this workflow (a file or an id) to standard output, as a starting point."),
        completion: Completions.folderWorkflows)
    var generate: String?

    @Option(help: help(id: "Folder tempat mencari id alur kerja (untuk --generate).", en: "The folder to look workflow ids up in (for --generate)."))
    var workflows = "workflows"

    @Option(help: help(
        id: "Waktu pembukaan skenario yang ditulis --generate (RFC 3339; bawaan: 2026-01-05T08:00:00+07:00).",
        en: "When the scenarios --generate writes open (RFC 3339; default 2026-01-05T08:00:00+07:00)."))
    var start = "2026-01-05T08:00:00+07:00"

    func validate() throws {
        if generate != nil {
            guard paths.isEmpty, !coverage, format == .text else {
                throw ValidationError(tr(
                    id: "--generate menulis skenario saja: tanpa BERKAS, --coverage atau --format",
                    en: "--generate only writes scenarios: no FILE, --coverage or --format with it"))
            }
            guard InternetTime.secondsSince1970(start) != nil else {
                throw ValidationError(tr(
                    id: "--start '\(start)' bukan waktu RFC 3339, misalnya 2026-01-05T08:00:00+07:00",
                    en: "--start '\(start)' is not an RFC 3339 time, e.g. 2026-01-05T08:00:00+07:00"))
            }
        }
    }

    func run() throws {
        if let generate {
            try generateScenarios(generate)
            return
        }
        let run = ScenarioTests.run(paths: paths.isEmpty ? ["workflows"] : paths)
        let coverages = coverage ? ScenarioCoverage.of(run) : []
        switch format {
        case .text:
            var output = ScenarioText.render(run, language: language)
            for item in coverages { output += ScenarioText.render(item, language: language) }
            printSafely(output, terminator: "")
        case .json: try printJSON(ScenarioJSON(run, coverage: coverage ? coverages : nil))
        case .junit: printSafely(ScenarioJUnit.document(run, language: language), terminator: "")
        }
        if run.hasUnreadableInput { throw ExitCode.unusableInput }
        if !run.passed || coverages.contains(where: { !$0.isComplete }) { throw ExitCode.refused }
    }

    private func generateScenarios(_ name: String) throws {
        let named = try authoredWorkflow(name, in: workflows, command: "sop test --generate")
        guard let calendar = named.calendar else {
            printError(tr(
                id: "sop test --generate: kalender alur kerja '\(named.workflow.id.value)' tidak ditemukan di sampingnya",
                en: "sop test --generate: the calendar of workflow '\(named.workflow.id.value)' is not beside it"))
            throw ExitCode.refused
        }
        let seconds = InternetTime.secondsSince1970(start) ?? 0
        guard let text = ScenarioGenerator(workflow: named.workflow, calendar: calendar)?.file(
            start: Date(timeIntervalSince1970: seconds), startText: start, language: language)
        else {
            printError(tr(
                id: "sop test --generate: kalender '\(calendar.id.value)' tidak memiliki jam kerja atau zona waktu yang dapat dipakai",
                en: "sop test --generate: calendar '\(calendar.id.value)' has no usable office hours or time zone"))
            throw ExitCode.refused
        }
        printData(text, terminator: "")
    }
}

/// `sop test --format`.
enum TestFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
    case junit
}

/// `sop test` as text.
enum ScenarioText {
    static func render(_ run: ScenarioTests.Run, language: Language) -> String {
        let printer = DiagnosticPrinter(useColor: false)
        var text = ""
        for diagnostic in run.diagnostics { text += printer.format(diagnostic) }
        for file in run.files {
            text += file.path + (file.workflow.map { " (\($0.id.value))" } ?? "") + "\n"
            for diagnostic in file.diagnostics { text += printer.format(diagnostic) }
            if file.diagnostics.hasErrors {
                text += Text(
                    id: "  skenario berkas ini tidak dijalankan: perbaiki dulu kesalahan di atas\n",
                    en: "  this file's scenarios were not run: fix the errors above first\n")(language)
            }
            for result in file.results {
                let mark = result.passed ? "ok   " : Text(id: "GAGAL", en: "FAIL ")(language)
                text += "  \(mark) \(result.name)\n"
                for failure in result.failures {
                    text += "        \(failure.location): \(failure.message(language))\n"
                    if let expected = failure.expected {
                        text += Text(id: "          diharapkan: ", en: "          expected: ")(language) + expected + "\n"
                    }
                    if let actual = failure.actual {
                        text += Text(id: "          ternyata:   ", en: "          actual:   ")(language) + actual + "\n"
                    }
                }
            }
        }
        let results = run.results
        let failed = results.filter { !$0.passed }.count
        let broken = run.files.filter { $0.diagnostics.hasErrors }.count
        let actions = results.map(\.actionsRun).reduce(0, +)
        text += Text(
            id: "\(results.count) skenario (\(actions) tindakan): \(results.count - failed) lulus, \(failed) gagal"
                + (broken > 0 ? "; \(broken) berkas tidak dapat dijalankan" : "") + "\n",
            en: "\(results.count) scenario(s) (\(actions) actions): \(results.count - failed) passed, \(failed) failed"
                + (broken > 0 ? "; \(broken) file(s) could not run" : "") + "\n")(language)
        return text
    }

    static func render(_ coverage: ScenarioCoverage, language: Language) -> String {
        let workflow = coverage.workflow
        func count<T>(_ items: [T], _ reached: (T) -> Bool) -> String { "\(items.filter(reached).count)/\(items.count)" }
        var text = Text(
            id: "\nCakupan \(workflow.id.value): langkah \(count(coverage.steps, \.reached)), cabang \(count(coverage.branches, \.reached)), "
                + "akhir \(count(coverage.ends, \.reached)), jalur \(count(coverage.paths) { $0.scenarios > 0 })\n",
            en: "\nCoverage of \(workflow.id.value): steps \(count(coverage.steps, \.reached)), branches \(count(coverage.branches, \.reached)), "
                + "ends \(count(coverage.ends, \.reached)), paths \(count(coverage.paths) { $0.scenarios > 0 })\n")(language)
        for step in coverage.steps where !step.reached {
            text += Text(id: "  langkah tidak dicapai: \(step.step)\n", en: "  step not reached: \(step.step)\n")(language)
        }
        for branch in coverage.branches where !branch.reached {
            text += Text(
                id: "  cabang tidak ditempuh: \(branch.step) (\(branch.label))\n",
                en: "  branch not taken: \(branch.step) (\(branch.label))\n")(language)
        }
        for end in coverage.ends where !end.reached {
            text += Text(id: "  akhir tidak dicapai: ", en: "  end not reached: ")(language) + describe(end.end, workflow, language) + "\n"
        }
        for (index, path) in coverage.paths.enumerated() where path.scenarios == 0 {
            let steps = path.path.visits.map { $0.step.rawValue + ($0.branch.map { " (\($0))" } ?? "") }.joined(separator: " → ")
            text += Text(id: "  jalur \(index + 1) tidak ditempuh: ", en: "  path \(index + 1) not taken: ")(language)
                + steps + " → " + describe(path.path.end, workflow, language) + "\n"
        }
        if coverage.pathsTruncated {
            text += Text(
                id: "  jalur dihitung sampai \(coverage.paths.count); ada lebih banyak\n",
                en: "  paths counted up to \(coverage.paths.count); there are more\n")(language)
        }
        return text
    }

    static func describe(_ end: WorkflowPaths.Path.End, _ workflow: Workflow, _ language: Language) -> String {
        switch end {
        case .outcome(let id): id.rawValue
        case .handoff(let target): Text(id: "diteruskan ke \(target.sopName)", en: "handed off to \(target.sopName)")(language)
        }
    }
}

/// `sop test --format json`.
struct ScenarioJSON: Encodable {
    struct Failure: Encodable {
        let location: ValidationJSON.Location
        let message: Text
        let expected: String?
        let actual: String?
    }
    struct Result: Encodable {
        let name: String
        let location: ValidationJSON.Location
        let passed: Bool
        let actions: Int
        let failures: [Failure]
    }
    struct File: Encodable {
        let path: String
        let workflow: String?
        let diagnostics: [ValidationJSON.Item]
        let scenarios: [Result]
        let seconds: Double
    }
    struct Summary: Encodable {
        let scenarios: Int
        let passed: Int
        let failed: Int
        let filesNotRun: Int
        let actions: Int
    }
    struct Coverage: Encodable {
        struct Step: Encodable {
            let step: String
            let reached: Bool
        }
        struct Branch: Encodable {
            let step: String
            let branch: String
            let reached: Bool
        }
        struct End: Encodable {
            let outcome: String?
            let handoff: String?
            let handoffTitle: String?
            let reached: Bool
        }
        struct Path: Encodable {
            let steps: [PathsJSON.Visit]
            let outcome: String?
            let handoff: String?
            let handoffTitle: String?
            let scenarios: Int
        }
        let workflow: String
        let steps: [Step]
        let branches: [Branch]
        let ends: [End]
        let paths: [Path]
        let pathsTruncated: Bool
        let complete: Bool
    }
    let files: [File]
    let diagnostics: [ValidationJSON.Item]
    let summary: Summary
    let coverage: [Coverage]?

    init(_ run: ScenarioTests.Run, coverage: [ScenarioCoverage]?) {
        let location = ValidationJSON.location
        files = run.files.map { file in
            File(
                path: file.path, workflow: file.workflow?.id.value.rawValue, diagnostics: file.diagnostics.map(ValidationJSON.item),
                scenarios: file.results.map { result in
                    Result(
                        name: result.name, location: location(result.location), passed: result.passed, actions: result.actionsRun,
                        failures: result.failures.map {
                            Failure(location: location($0.location), message: $0.message, expected: $0.expected, actual: $0.actual)
                        })
                }, seconds: file.seconds)
        }
        diagnostics = run.diagnostics.map(ValidationJSON.item)
        let results = run.results
        let failed = results.filter { !$0.passed }.count
        summary = Summary(
            scenarios: results.count, passed: results.count - failed, failed: failed,
            filesNotRun: run.files.filter { $0.diagnostics.hasErrors }.count, actions: results.map(\.actionsRun).reduce(0, +))
        func end(_ value: WorkflowPaths.Path.End) -> (outcome: String?, handoff: String?, title: String?) {
            switch value {
            case .outcome(let id): (id.rawValue, nil, nil)
            case .handoff(let target): (nil, target.workflow?.rawValue, target.title)
            }
        }
        self.coverage = coverage?.map { item in
            Coverage(
                workflow: item.workflow.id.value.rawValue,
                steps: item.steps.map { Coverage.Step(step: $0.step.rawValue, reached: $0.reached) },
                branches: item.branches.map { Coverage.Branch(step: $0.step.rawValue, branch: $0.label, reached: $0.reached) },
                ends: item.ends.map {
                    let parts = end($0.end)
                    return Coverage.End(outcome: parts.outcome, handoff: parts.handoff, handoffTitle: parts.title, reached: $0.reached)
                },
                paths: item.paths.map {
                    let parts = end($0.path.end)
                    return Coverage.Path(
                        steps: $0.path.visits.map { PathsJSON.Visit(step: $0.step.rawValue, branch: $0.branch) }, outcome: parts.outcome,
                        handoff: parts.handoff, handoffTitle: parts.title, scenarios: $0.scenarios)
                },
                pathsTruncated: item.pathsTruncated, complete: item.isComplete)
        }
    }
}

import Foundation
import SOPService
import SOPStore

/// The sweep (`sop tick`) as a process: on the larger database with nothing due, and on a
/// database of cases whose whole-case escalation falls due at once.
enum SweepSuite {
    /// Target: `sop tick` with nothing due on the larger database, median milliseconds at most.
    static let idleTargetMilliseconds = 100.0
    /// Target: escalations a second when many fall due at once (each case its own transaction).
    static let escalationsTargetPerSecond = 5_000.0
    /// Cases whose escalation falls due at once.
    static let dueCases = 10_000
    /// Runs of the sweep over them (each on a fresh copy).
    static let dueRuns = 3

    static func run(sop: URL, large: String, now nowText: String, options: Options) throws(BenchFailure) -> [Figure] {
        var figures: [Figure] = []
        // Nothing due: the index of next moments is empty of anything before now.
        let environment = ["SOP_DB": large, "SOP_USER": "siti", "SOP_NOW": nowText]
        var times: [Duration] = []
        for index in 0..<(options.processWarmup + options.processRuns) {
            let run = try CLISuite.spawn(sop, ["tick", "--quiet"], environment: environment)
            guard run.status == 0 else { throw BenchFailure(description: "sweep: `sop tick` exited with \(run.status)") }
            if index >= options.processWarmup { times.append(run.elapsed) }
        }
        figures.append(Figure(
            name: "sop tick", detail: "\(try counted(large)) cases, nothing due", unit: "ms", stats: Summary(times, unit: \.milliseconds)!,
            target: Target(statistic: .median, comparison: .atMost, value: idleTargetMilliseconds)))

        // Many due at once: cases of a revision that escalates the whole case at its total,
        // swept a week after they were opened.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sop-bench-sweep-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = try prepare(sop: sop, in: folder, now: nowText)
        let later = ISO8601DateFormatter().string(from: Seeding.now.addingTimeInterval(7 * 86_400))
        var rates: [Double] = []
        for run in 0..<dueRuns {
            let copy = folder.appendingPathComponent("run-\(run).sqlite").path
            do {
                try FileManager.default.copyItem(atPath: database, toPath: copy)
            } catch {
                throw BenchFailure(description: "sweep: \(error)")
            }
            let output = copy + ".json"
            let swept = try CLISuite.spawn(
                sop, ["tick", "--format", "json"], environment: ["SOP_DB": copy, "SOP_USER": "siti", "SOP_NOW": later], output: output)
            guard swept.status == 0, let data = FileManager.default.contents(atPath: output),
                  let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let escalations = object["escalations"] as? [Any], escalations.count == dueCases
            else { throw BenchFailure(description: "sweep: `sop tick` did not escalate the \(dueCases) cases due (status \(swept.status))") }
            // Run again: nothing more.
            let again = try CLISuite.spawn(sop, ["tick", "--format", "json"], environment: ["SOP_DB": copy, "SOP_USER": "siti", "SOP_NOW": later], output: output)
            guard again.status == 0, let second = FileManager.default.contents(atPath: output),
                  let repeated = (try? JSONSerialization.jsonObject(with: second) as? [String: Any])?["escalations"] as? [Any], repeated.isEmpty
            else { throw BenchFailure(description: "sweep: a second `sop tick` escalated again") }
            let seconds = Double(swept.elapsed.components.seconds) + Double(swept.elapsed.components.attoseconds) / 1e18
            rates.append(Double(dueCases) / seconds)
        }
        figures.append(Figure(
            name: "sop tick", detail: "\(dueCases) cases due at once, one transaction each", unit: "escalations/s",
            stats: Summary(values: rates)!,
            target: Target(statistic: .median, comparison: .atLeast, value: escalationsTargetPerSecond)))
        figures += try calendarChange(sop: sop, database: database, in: folder, now: nowText)
        return figures
    }

    /// Publishing a calendar with a new holiday (the day after the cases opened) over the
    /// `dueCases` open cases: the dry run, and the publication that reschedules every one of them
    /// in its transaction, each on a fresh copy. No target: the issue asks for the time.
    private static func calendarChange(sop: URL, database: String, in folder: URL, now nowText: String) throws(BenchFailure) -> [Figure] {
        let calendar = folder.appendingPathComponent("jam-kerja-kebumen.yaml")
        do {
            let text = try String(contentsOf: folder.appendingPathComponent("workflows/jam-kerja-kebumen.yaml"), encoding: .utf8)
            guard text.contains("  # 2026\n") else { throw BenchFailure(description: "calendar change: the shipped calendar changed") }
            try text.replacingOccurrences(of: "  # 2026\n", with: "  # 2026\n  - { date: 2026-12-01, name: Cuti bersama tambahan }\n")
                .write(to: calendar, atomically: true, encoding: .utf8)
        } catch let error as BenchFailure {
            throw error
        } catch {
            throw BenchFailure(description: "calendar change: \(error)")
        }
        let later = ISO8601DateFormatter().string(from: Seeding.now.addingTimeInterval(3_600))
        var dryRuns: [Duration] = []
        var publications: [Duration] = []
        for run in 0..<dueRuns {
            let copy = folder.appendingPathComponent("calendar-\(run).sqlite").path
            do {
                try FileManager.default.copyItem(atPath: database, toPath: copy)
            } catch {
                throw BenchFailure(description: "calendar change: \(error)")
            }
            let environment = ["SOP_DB": copy, "SOP_USER": "admin", "SOP_NOW": later]
            let output = copy + ".json"
            for dryRun in [true, false] {
                let arguments = ["publish", calendar.path, "--format", "json"] + (dryRun ? ["--dry-run"] : [])
                let published = try CLISuite.spawn(sop, arguments, environment: environment, output: output)
                guard published.status == 0, let data = FileManager.default.contents(atPath: output),
                      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                      let rescheduled = object["rescheduled"] as? [Any], rescheduled.count == dueCases
                else {
                    throw BenchFailure(description: "calendar change: `sop \(arguments.joined(separator: " "))` did not reschedule the \(dueCases) open cases (status \(published.status))")
                }
                if dryRun { dryRuns.append(published.elapsed) } else { publications.append(published.elapsed) }
            }
        }
        return [
            Figure(
                name: "sop publish --dry-run", detail: "a calendar with a new holiday, \(dueCases) open cases that would move", unit: "ms",
                stats: Summary(dryRuns, unit: \.milliseconds)!),
            Figure(
                name: "sop publish", detail: "a calendar with a new holiday, \(dueCases) open cases rescheduled in its transaction", unit: "ms",
                stats: Summary(publications, unit: \.milliseconds)!),
        ]
    }

    private static func counted(_ path: String) throws(BenchFailure) -> Int {
        do {
            return try Seeding.counts(in: path).cases
        } catch {
            throw BenchFailure(description: "sweep: \(error)")
        }
    }

    /// A declared-identity database with revision 2 of 067/12351 escalating the whole case to
    /// the head of office at its total, and `dueCases` cases opened on it.
    private static func prepare(sop: URL, in folder: URL, now nowText: String) throws(BenchFailure) -> String {
        let database = folder.appendingPathComponent("due.sqlite").path
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let workflows = URL(fileURLWithPath: "workflows").standardizedFileURL
            var text = try String(contentsOf: workflows.appendingPathComponent("pengaduan-langsung.yaml"), encoding: .utf8)
            for (old, new) in [
                ("revision: 1\n", "revision: 2\n"),
                ("  tim-pengaduan: { name: Tim Pengelola Pengaduan }\n",
                 "  tim-pengaduan: { name: Tim Pengelola Pengaduan }\n  kepala-dinas: { name: Kepala Dinas }\n"),
                ("total: 2 hari 2 jam", "escalation: { to: kepala-dinas }\ntotal: 2 hari 2 jam"),
            ] {
                guard text.contains(old) else { throw BenchFailure(description: "sweep: the shipped workflow changed (\(old))") }
                text = text.replacingOccurrences(of: old, with: new)
            }
            let files = folder.appendingPathComponent("workflows")
            try FileManager.default.createDirectory(at: files, withIntermediateDirectories: true)
            try text.write(to: files.appendingPathComponent("pengaduan-langsung.yaml"), atomically: true, encoding: .utf8)
            for name in ["jam-kerja-kebumen.yaml", "pengaduan-media.yaml"] {
                try FileManager.default.copyItem(at: workflows.appendingPathComponent(name), to: files.appendingPathComponent(name))
            }
            for arguments in [["init", "--declared-identity"], ["publish", files.path], ["staff", "add", "siti", "--role", "front-office"]] {
                let run = try CLISuite.spawn(sop, arguments, environment: ["SOP_DB": database, "SOP_USER": "admin", "SOP_NOW": nowText])
                guard run.status == 0 else { throw BenchFailure(description: "sweep: `sop \(arguments.joined(separator: " "))` exited with \(run.status)") }
            }
            let service = CaseService(store: try SQLiteCaseStore(path: database), workflowsFolder: files.path)
            for index in 0..<dueCases {
                _ = try service.open(
                    workflow: "pengaduan-langsung", fields: ["nama": "Pelapor \(index)", "uraian": "Pengaduan \(index)"], channel: nil,
                    attachments: [], user: "siti", at: Seeding.now.addingTimeInterval(Double(index % 600)))
            }
        } catch let error as BenchFailure {
            throw error
        } catch {
            throw BenchFailure(description: "sweep: \(error)")
        }
        return database
    }
}

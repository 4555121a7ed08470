import Foundation
import GRDB
import SOPEngine
import SOPStorage
import SOPStore
import SOPStoreSeeding

/// Databases of many cases for the cli suite, made once and kept in `.build-bench-data/`.
///
/// Ended cases (SOP 067/12351, the engine suite's 40/40/20 mix of paths) are copies of 60 template
/// cases run through the real engine (3 paths × 20 opening days and hours), moved by whole weeks
/// (and a few minutes) over the two years before `now` with their own numbers and register
/// numbers (`SQLiteCaseStore.insertCopies`). The newest `openCount` cases are still open: each run
/// through the engine, opened over the 8 days before `now` and stopped before every step of the
/// full path or returned to the reporter (`SQLiteCaseStore.insertCases`).
enum Seeding {
    /// Raised whenever what is seeded changes, so that old cached files are not used.
    static let version = 9
    /// The instant the cli suite runs at (`SOP_NOW`): Monday 30 November 2026, 10:00 in Jakarta.
    static let now = jakarta(2026, 11, 30, 10)
    /// Staff added to every seeded database.
    static let staff: [(user: String, roles: [String])] = [("siti", ["front-office"]), ("budi", ["tim-pengaduan"])]

    /// How many of `count` cases are left open: 3%, at least 1,000 and at most 5,000.
    static func openCount(_ count: Int) -> Int { min(count, max(1_000, min(5_000, count * 3 / 100))) }

    /// The cached database of `count` cases, seeded first when missing; the path and the seconds
    /// seeding took (nil when it was cached).
    static func database(cases count: Int, complaints: Complaints) throws(BenchFailure) -> (path: String, seedSeconds: Double?) {
        let folder = ".build-bench-data"
        let path = "\(folder)/cases-v\(version)-\(count).sqlite"
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        if FileManager.default.fileExists(atPath: absolute) { return (absolute, nil) }
        let partial = absolute + ".partial"
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: partial + suffix) }
            let clock = ContinuousClock()
            let began = clock.now
            try seed(partial, cases: count, complaints: complaints)
            try FileManager.default.moveItem(atPath: partial, toPath: absolute)
            return (absolute, (clock.now - began).microseconds / 1e6)
        } catch let error as BenchFailure {
            throw error
        } catch {
            throw BenchFailure(description: "seeding \(path): \(error)")
        }
    }

    private static func seed(_ path: String, cases count: Int, complaints: Complaints) throws {
        printError("sop-bench: seeding \(count) cases into \(path) (once; kept for later runs)…")
        do {
            // Closed (and its WAL checkpointed) at the end of this scope, before the file is renamed.
            let store = try SQLiteCaseStore(path: path)
            let hash = try store.storeWorkflowText(
                complaints.text, workflow: complaints.workflow.id.value, revision: complaints.workflow.revision.value)
            // A declared-identity database, as benchmarks state who acts and when.
            try store.setUp(OfficeSetup(identity: .declared, createdAt: now - 800 * 86_400, createdBy: "admin"))
            for member in staff { try store.addStaff(member.user, roles: member.roles, by: "admin", at: now - 800 * 86_400) }
            // Published, with its calendar, as `sop publish` does: cases open only on published revisions.
            let calendar = try String(contentsOfFile: Complaints.calendarPath, encoding: .utf8)
            _ = try store.publish(
                [.workflow(WorkflowText(text: complaints.text, workflow: complaints.workflow.id.value, revision: complaints.workflow.revision.value)),
                 .calendar(id: "jam-kerja-kebumen", text: calendar)],
                by: "admin", at: now - 800 * 86_400)
            _ = try store.storeAttachment(Complaints.documentBytes)
            let engine = complaints.engine(contentHash: hash)
            let open = openCount(count)
            let ended = count - open
            let jakartaCalendar: Calendar = {
                var calendar = Calendar(identifier: .gregorian)
                calendar.timeZone = TimeZone(secondsFromGMT: 7 * 3600)!
                return calendar
            }()
            func register(_ number: Int, at instant: Date) -> String {
                Complaints.registerNumber(number, year: jakartaCalendar.component(.year, from: instant))
            }

            // Ended cases: templates run through the engine, copied over two years by whole weeks.
            let week = 7 * 86_400
            let weeks = 104
            let anchor = now - TimeInterval((weeks + 2) * week)  // a Monday, as `now` is
            let variants = 20
            var templates: [[CaseEvent]] = []
            var templateStarts: [Date] = []
            for (pathIndex, path) in Complaints.Path.allCases.enumerated() {
                for variant in 0..<variants {
                    // Monday to Friday, 08:00 to 13:59 (Friday mornings only).
                    let day = variant % 5
                    let hour = day == 4 ? 8 + variant % 2 : 8 + (variant * 7) % 6
                    let start = anchor + TimeInterval(day * 86_400 + (hour - 10) * 3_600 + (variant * 13) % 60 * 60)
                    let number = pathIndex * variants + variant + 1
                    templates.append(try complaints.walk(
                        engine, path: path, number: number, registerNumber: register(number, at: start), at: start).events)
                    templateStarts.append(start)
                }
            }
            let pathIndex = Dictionary(uniqueKeysWithValues: Complaints.Path.allCases.enumerated().map { ($1, $0) })
            var first = 1
            while first <= ended {
                let last = min(ended, first + 50_000 - 1)
                let copies = (first...last).map { number -> CaseCopy in
                    let template = pathIndex[Complaints.path(at: number)]! * variants + (number / 5) % variants
                    let shift = (weeks * (number - 1) / max(1, ended)) * week + (number % 30) * 60
                    return CaseCopy(
                        template: template, number: number,
                        registerNumber: register(number, at: templateStarts[template] + TimeInterval(shift)), shift: shift)
                }
                try store.insertCopies(of: templates, copies)
                first = last + 1
            }

            // Open cases: each through the engine, opened over the 8 days before `now`.
            let fullSteps = complaints.moves[.full]?.count ?? 7
            var batch: [[CaseEvent]] = []
            for index in 0..<open {
                let number = ended + index + 1
                let start = now - 8 * 86_400 * Double(open - index) / Double(open)
                // Stopped before each move of the full path, or returned once and waiting.
                let stage = index % (fullSteps + 1)
                let walk = try complaints.walk(
                    engine, path: stage == fullSteps ? .returned : .full, count: stage == fullSteps ? 2 : stage,
                    number: number, registerNumber: register(number, at: start), at: start)
                batch.append(walk.events)
            }
            try store.insertCases(batch)
        }
        // Everything into the main file, so that it can be renamed and copied alone.
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        try queue.close()
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// Open cases standing on `step` and their version, lowest number first.
    static func openCases(at step: String, in path: String) throws -> [Int] {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in
            try Int.fetchAll(db, sql: "SELECT number FROM cases WHERE status IN ('open', 'waiting-for-reporter') AND current_step = ? ORDER BY number", arguments: [step])
        }
    }

    /// How many cases are open, and how many of them are overdue at `now`.
    static func counts(in path: String) throws -> (cases: Int, open: Int, overdue: Int) {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM cases") ?? 0,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM cases WHERE status IN ('open', 'waiting-for-reporter')") ?? 0,
             try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM cases WHERE status IN ('open', 'waiting-for-reporter') AND step_due_at < ?",
                arguments: [now.timeIntervalSince1970]) ?? 0)
        }
    }

    /// How many events the database holds.
    static func events(in path: String) throws -> Int {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM events") ?? 0 }
    }
}

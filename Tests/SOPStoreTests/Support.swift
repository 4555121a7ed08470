import Foundation
import GRDB
import SOPEngine
import SOPModel
@testable import SOPStorage
@testable import SOPStore

/// A temporary folder for one test's database file, removed when the test ends.
final class Scratch {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("sop-store-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    deinit {
        chmod(folder.path, 0o755)
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] {
            chmod(folder.appendingPathComponent(name).path, 0o644)
        }
        try? FileManager.default.removeItem(at: folder)
    }

    /// The path of a file in the folder (the database by default).
    func path(_ name: String = "sop.sqlite") -> String { folder.appendingPathComponent(name).path }

    /// The names of the files in the folder, sorted.
    func files() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() }
}

/// A thread-safe list for results gathered from several threads.
final class Gathered<Element: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var elements: [Element] = []

    func append(_ element: Element) {
        lock.lock()
        elements.append(element)
        lock.unlock()
    }

    var all: [Element] {
        lock.lock()
        defer { lock.unlock() }
        return elements
    }
}

/// Builds the events of cases without the engine.
enum Fixture {
    static let yaml = "schema: sop/v1\nid: pengaduan-langsung\nrevision: 1\n# Pengaduan — layanan publik\n"
    static let otherYAML = "schema: sop/v1\nid: pengaduan-online\nrevision: 3\n"

    /// 2026-03-02 09:00 in Jakarta (02:00 UTC), with a fraction of a second no decimal holds.
    static let monday = Date(timeIntervalSince1970: 1_772_416_800).addingTimeInterval(0.123_456_789_012)
    static let hour: TimeInterval = 3600
    static let day: TimeInterval = 86400

    /// An SQLite store on a new file, with the two workflow texts stored.
    static func store(_ scratch: Scratch, attachmentLimit: Int = 10 * 1024 * 1024) throws
        -> (SQLiteCaseStore, WorkflowReference, WorkflowReference)
    {
        let store = try SQLiteCaseStore(path: scratch.path(), attachmentLimit: attachmentLimit)
        let (first, second) = try texts(store)
        return (store, first, second)
    }

    /// A new store of a kind, with the two workflow texts stored.
    static func store(_ scratch: Scratch, on factory: StoreFactory) throws -> (any CaseStore, WorkflowReference, WorkflowReference) {
        let store = try factory.make(scratch)
        let (first, second) = try texts(store)
        return (store, first, second)
    }

    /// Stores the two workflow texts and gives their references.
    private static func texts(_ store: any CaseStore) throws -> (WorkflowReference, WorkflowReference) {
        let first = try store.storeWorkflowText(yaml, workflow: "pengaduan-langsung", revision: 1)
        let second = try store.storeWorkflowText(otherYAML, workflow: "pengaduan-online", revision: 3)
        return (
            WorkflowReference(id: "pengaduan-langsung", revision: 1, contentHash: first),
            WorkflowReference(id: "pengaduan-online", revision: 3, contentHash: second)
        )
    }

    /// The two events that open a case and start its first step.
    static func opening(
        _ number: Int, _ registerNumber: String, workflow: WorkflowReference, at instant: Date = monday,
        channel: String? = "langsung", step: StepID = "terima-pengaduan", stepDue: TimeInterval = 8 * hour,
        waitsForReporter: Bool = false
    ) -> [CaseEvent] {
        let opened = CaseEvent.Opened(
            number: number, registerNumber: registerNumber, workflow: workflow,
            fields: ["nama": .text("Siti Aminah"), "umur": .number(41.5), "setuju": .boolean(true),
                     "tanggal": .date(CivilDate(year: 2026, month: 3, day: 1)!)],
            channel: channel, dueAt: instant.addingTimeInterval(14 * day))
        return [
            CaseEvent(sequence: 1, at: instant, by: "budi", kind: .opened(opened)),
            CaseEvent(sequence: 2, at: instant, by: "budi", kind: .stepStarted(
                step: step, dueAt: instant.addingTimeInterval(stepDue), waitsForReporter: waitsForReporter)),
        ]
    }

    /// Opens a case through the store.
    @discardableResult
    static func open(
        _ store: any CaseStore, workflow: WorkflowReference, at instant: Date = monday, channel: String? = "langsung",
        step: StepID = "terima-pengaduan", stepDue: TimeInterval = 8 * hour, waitsForReporter: Bool = false
    ) throws -> CaseState {
        try store.openCase(at: instant) { number, registerNumber in
            opening(number, registerNumber, workflow: workflow, at: instant, channel: channel, step: step,
                    stepDue: stepDue, waitsForReporter: waitsForReporter)
        }
    }

    /// The events that complete the current step and start the next one.
    static func advance(_ state: CaseState, to next: StepID, at instant: Date, stepDue: TimeInterval = 8 * hour, by user: String = "ani")
        -> [CaseEvent]
    {
        [
            CaseEvent(sequence: state.version + 1, at: instant, by: user, kind: .stepCompleted(
                step: state.active!.step, branch: nil, onBehalfOfReporter: false)),
            CaseEvent(sequence: state.version + 2, at: instant, by: user, kind: .stepStarted(
                step: next, dueAt: instant.addingTimeInterval(stepDue), waitsForReporter: false)),
        ]
    }

    /// The events that complete the current step and end the case.
    static func finish(_ state: CaseState, as status: CaseStatus = .resolved, at instant: Date) -> [CaseEvent] {
        [
            CaseEvent(sequence: state.version + 1, at: instant, by: "ani", kind: .stepCompleted(
                step: state.active!.step, branch: "ya", onBehalfOfReporter: false)),
            CaseEvent(sequence: state.version + 2, at: instant, by: "ani", kind: .ended(
                status: status, outcome: "selesai", handedOffTo: nil, reason: nil)),
        ]
    }
}

/// The error a closure throws, if it throws one.
func caught(_ body: () throws -> Void) -> (any Error)? {
    do {
        try body()
        return nil
    } catch {
        return error
    }
}

/// The store error's code, or nil when the closure did not throw a `StoreError`.
func storeErrorCode(_ body: () throws -> Void) -> String? {
    (caught(body) as? StoreError)?.code.rawValue
}

/// The integer a query returns (a count), read straight from the store's file.
func integer(_ store: SQLiteCaseStore, _ sql: String) throws -> Int? {
    try store.database.read { (db: Database) throws in try Int.fetchOne(db, sql: sql) }
}

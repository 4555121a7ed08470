import Foundation
import SOPEngine
import SOPModel
import Testing
@testable import SOPStorage
@testable import SOPStore

/// Several real processes on one file. Run by hand, two or more at once, on the same path:
///
///     SOP_STORE_HAMMER=/tmp/hammer.sqlite .build-store/debug/sopPackageTests.xctest \
///         --testing-library swift-testing --filter hammer &   # and again, at the same time
///
/// Each process opens 50 cases and then, on the first 10 cases, appends a note 20 times,
/// reloading and retrying on conflict; no error other than a conflict may occur.
@Suite struct ProcessesTests {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["SOP_STORE_HAMMER"] != nil))
    func hammer() throws {
        let path = try #require(ProcessInfo.processInfo.environment["SOP_STORE_HAMMER"])
        let store = try SQLiteCaseStore(path: path)
        let hash = try store.storeWorkflowText(Fixture.yaml, workflow: "pengaduan-langsung", revision: 1)
        let reference = WorkflowReference(id: "pengaduan-langsung", revision: 1, contentHash: hash)
        let me = "process-\(getpid())"
        for _ in 0..<50 { try Fixture.open(store, workflow: reference) }
        var conflicts = 0
        for number in 1...10 {
            var written = 0
            while written < 20 {
                let state = try #require(try store.loadCase(String(number))).state
                let note = CaseEvent(sequence: state.version + 1, at: Date(), by: me, kind: .noteAdded("\(written)"))
                do {
                    _ = try store.append([note], to: number, expectedVersion: state.version)
                    written += 1
                } catch let error as StoreError where error.code == .conflict {
                    conflicts += 1
                }
            }
        }
        print("HAMMER \(me): 50 cases opened, 200 notes written, \(conflicts) conflicts retried")
    }
}

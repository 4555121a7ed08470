import Foundation
import GRDB
import SOPEngine
import SOPModel

extension SQLiteCaseStore {
    /// Writes many whole cases at once, for benchmarks and imports: each element is the complete
    /// event list of one case (from `opened`, as the engine produced it), and every case is
    /// written in one transaction with its `cases` row, as `openCase` and `append` would leave it.
    ///
    /// The events are folded and encoded first, on every core, then written in one `IMMEDIATE`
    /// transaction; call it with batches of some thousands of cases to bound memory. Nothing is
    /// written when one case is refused: events that do not fold, a workflow text not stored, or
    /// a case number already taken (the transaction rolls back with the store's error). The case
    /// numbers and register numbers are the ones in the `opened` events; `openCase` continues
    /// after the highest number.
    ///
    /// - Returns: The final state of each case, in the order given.
    @discardableResult
    public func insertCases(_ cases: [[CaseEvent]]) throws -> [CaseState] {
        struct Prepared: Sendable {
            var state: CaseState
            var stateJSON: String
            var events: [(sequence: Int, at: Double, by: String, kind: String, payload: String)]
        }
        enum Outcome: Sendable {
            case prepared(Prepared)
            case refused(String)
        }
        var outcomes = [Outcome](repeating: .refused("not prepared"), count: cases.count)
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let chunk = (cases.count + workers - 1) / max(1, workers)
        outcomes.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: chunk == 0 ? 0 : workers) { worker in
                let encoder = CaseCoding.encoder()
                for index in (worker * chunk)..<min(cases.count, (worker + 1) * chunk) {
                    let events = cases[index]
                    guard events.first?.sequence == 1, let state = CaseState.fold(events) else {
                        slots[index] = .refused("case \(index) in the batch: its events must start with `opened` as event 1 and follow one another")
                        continue
                    }
                    do {
                        let rows = try events.map { event in
                            (event.sequence, event.at.timeIntervalSince1970, event.by, CaseCoding.kindName(event.kind),
                             String(decoding: try encoder.encode(event), as: UTF8.self))
                        }
                        slots[index] = .prepared(Prepared(
                            state: state, stateJSON: String(decoding: try encoder.encode(state), as: UTF8.self), events: rows))
                    } catch {
                        slots[index] = .refused("case \(state.number) cannot be encoded: \(error)")
                    }
                }
            }
        }
        var prepared: [Prepared] = []
        prepared.reserveCapacity(outcomes.count)
        for outcome in outcomes {
            switch outcome {
            case .prepared(let value): prepared.append(value)
            case .refused(let reason): throw StoreError.invalidEvents(reason)
            }
        }
        try seedingWrite { db in
            var knownTexts: Set<String> = []
            let insertCase = try db.cachedStatement(sql: """
                INSERT INTO cases (
                    number, register_number, workflow_id, revision, content_hash, status, current_step, channel,
                    opened_at, due_at, step_due_at, closed_at, version, state)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let insertEvent = try db.cachedStatement(sql: """
                INSERT INTO events (case_number, sequence, at, by_user, kind, payload) VALUES (?, ?, ?, ?, ?, ?)
                """)
            for item in prepared {
                let state = item.state
                let hash = state.workflow.contentHash
                if !knownTexts.contains(hash) {
                    guard try Bool.fetchOne(
                        db, sql: "SELECT EXISTS (SELECT 1 FROM workflow_texts WHERE hash = ?)", arguments: [hash]) == true
                    else { throw StoreError.unknownWorkflowText(hash) }
                    knownTexts.insert(hash)
                }
                try insertCase.execute(arguments: [
                    state.number, state.registerNumber, state.workflow.id.rawValue, state.workflow.revision, hash,
                    state.status.rawValue, state.active?.step.rawValue, state.channel,
                    state.openedAt.timeIntervalSince1970, state.dueAt.timeIntervalSince1970,
                    state.active?.dueAt.timeIntervalSince1970, state.closedAt?.timeIntervalSince1970,
                    state.version, item.stateJSON,
                ])
                for event in item.events {
                    try insertEvent.execute(arguments: [
                        state.number, event.sequence, event.at, event.by, event.kind, event.payload,
                    ])
                }
            }
        }
        return prepared.map(\.state)
    }

    /// One IMMEDIATE transaction, as every write of the store; SQLite errors become `StoreError`.
    private func seedingWrite(_ body: (Database) throws -> Void) throws {
        do {
            try pool.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    try body(db)
                    return .commit
                }
            }
        } catch let error as DatabaseError {
            switch error.resultCode {
            case .SQLITE_BUSY, .SQLITE_LOCKED: throw StoreError.busy(path)
            case .SQLITE_FULL: throw StoreError.diskFull(path)
            default: throw StoreError.database(path, error.message ?? "\(error)")
            }
        }
    }
}

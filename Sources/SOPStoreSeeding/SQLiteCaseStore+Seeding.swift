// Writing many cases at once and counting pages, for benchmarks and imports of synthetic
// histories: kept out of the production store, which cases reach only through the engine.
import Foundation
import GRDB
import GRDBSQLite
import SOPEngine
import SOPModel
import SOPStorage
import SOPStore

extension SQLiteCaseStore {
    /// The pages this store's connection has written to the database file or its write-ahead log
    /// since it opened (SQLite's `SQLITE_DBSTATUS_CACHE_WRITE`): what writes cost in I/O.
    public func pagesWritten() throws -> Int {
        try database.writeWithoutTransaction { db in Self.pagesWritten(db) }
    }

    /// The pages a connection has written since it opened.
    public static func pagesWritten(_ db: Database) -> Int {
        var current: Int32 = 0
        var highest: Int32 = 0
        sqlite3_db_status(db.sqliteConnection, SQLITE_DBSTATUS_CACHE_WRITE, &current, &highest, 0)
        return Int(current)
    }

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
            var events: [(sequence: Int, at: Double, by: String, kind: String, payload: String)]
        }
        enum Outcome: Sendable {
            case prepared(Prepared)
            case refused(String)
        }
        var outcomes = [Outcome](repeating: .refused("not prepared"), count: cases.count)
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, cases.count))
        let chunk = (cases.count + workers - 1) / max(1, workers)
        outcomes.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: chunk == 0 ? 0 : workers) { worker in
                for index in min(cases.count, worker * chunk)..<min(cases.count, (worker + 1) * chunk) {
                    let events = cases[index]
                    guard events.first?.sequence == 1, let state = CaseState.fold(events) else {
                        slots[index] = .refused("case \(index) in the batch: its events must start with `opened` as event 1 and follow one another")
                        continue
                    }
                    do {
                        let rows = try events.map { event in
                            (event.sequence, event.at.timeIntervalSince1970, event.by, event.kind.name,
                             try CaseCoding.encode(event))
                        }
                        slots[index] = .prepared(Prepared(state: state, events: rows))
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
        try write { db in
            var knownTexts: Set<String> = []
            let insertCase = try db.cachedStatement(sql: Self.insertCaseSQL)
            let insertEvent = try db.cachedStatement(sql: Ledger.insertEventSQL)
            for item in prepared {
                let state = item.state
                let hash = state.workflow.contentHash
                if !knownTexts.contains(hash) {
                    guard try Bool.fetchOne(
                        db, sql: "SELECT EXISTS (SELECT 1 FROM workflow_texts WHERE hash = ?)", arguments: [hash]) == true
                    else { throw StoreError.unknownWorkflowText(hash) }
                    knownTexts.insert(hash)
                }
                let (rows, head) = Ledger.chained(item.events, caseNumber: state.number, previous: Chain.genesis)
                try insertCase.execute(
                    arguments: try Self.caseRow(state, number: state.number, registerNumber: state.registerNumber, chainHead: head))
                for row in rows { try insertEvent.execute(arguments: StatementArguments(row)) }
                try Ledger.append(.case, item: state.number, version: state.version, digest: head, db)
            }
        }
        return prepared.map(\.state)
    }
}

/// One case `SQLiteCaseStore.insertCopies` writes: a template case under another number and
/// register number, every time in it moved by a whole number of seconds.
public struct CaseCopy: Hashable, Sendable {
    /// The index of the template among those given.
    public var template: Int
    /// The copy's case number.
    public var number: Int
    /// The copy's register number (no `"`, `\` or control characters).
    public var registerNumber: String
    /// Seconds every time of the template moves by (its events' times and deadlines).
    public var shift: Int

    /// Creates a copy.
    public init(template: Int, number: Int, registerNumber: String, shift: Int) {
        self.template = template
        self.number = number
        self.registerNumber = registerNumber
        self.shift = shift
    }
}

extension SQLiteCaseStore {
    /// Writes many cases made from a few template cases, for benchmarks and imports of large
    /// synthetic histories: each copy is its template (complete event lists, as the engine produced
    /// them) with another number and register number and every time moved by a whole number of
    /// seconds, written in one transaction as `insertCases` would write it.
    ///
    /// Each template is encoded once and copies are made from its JSON text, so a million cases
    /// take about as long as SQLite takes to insert their rows. Deadlines move with the times, as
    /// they are: a copy is what the engine would have produced only where the calendar is the same
    /// (a shift by whole weeks away from holidays). The first copy of every template is decoded
    /// back and compared with the template moved in memory; a template whose times are not whole
    /// seconds, or whose text does not copy faithfully, is refused with nothing written. Field
    /// values stay the template's.
    public func insertCopies(of templates: [[CaseEvent]], _ copies: [CaseCopy]) throws {
        let prepared = try templates.map(CaseTemplate.init)
        for copy in copies {
            guard prepared.indices.contains(copy.template) else {
                throw StoreError.invalidEvents("copy of case \(copy.number): no template \(copy.template)")
            }
            guard !copy.registerNumber.unicodeScalars.contains(where: { $0 == "\"" || $0 == "\\" || $0.value < 0x20 }) else {
                throw StoreError.invalidEvents("register number '\(copy.registerNumber)' cannot be copied into JSON as it is")
            }
        }
        var checked = Set<Int>()
        try write { db in
            var knownTexts: Set<String> = []
            let insertCase = try db.cachedStatement(sql: Self.insertCaseSQL)
            let insertEvent = try db.cachedStatement(sql: Ledger.insertEventSQL)
            for copy in copies {
                let template = prepared[copy.template]
                let state = template.state
                let hash = state.workflow.contentHash
                if !knownTexts.contains(hash) {
                    guard try Bool.fetchOne(
                        db, sql: "SELECT EXISTS (SELECT 1 FROM workflow_texts WHERE hash = ?)", arguments: [hash]) == true
                    else { throw StoreError.unknownWorkflowText(hash) }
                    knownTexts.insert(hash)
                }
                let payloads = template.events.map { $0.text(copy) }
                if !checked.contains(copy.template) {
                    try template.verify(copy, payloads: payloads)
                    checked.insert(copy.template)
                }
                let shift = Double(copy.shift)
                let events = template.source.enumerated().map { index, event in
                    (sequence: event.sequence, at: event.at.timeIntervalSince1970 + shift, by: event.by, kind: template.kinds[index],
                     payload: payloads[index])
                }
                let (rows, head) = Ledger.chained(events, caseNumber: copy.number, previous: Chain.genesis)
                try insertCase.execute(arguments: try Self.caseRow(
                    state, number: copy.number, registerNumber: copy.registerNumber, chainHead: head, shift: shift))
                for row in rows { try insertEvent.execute(arguments: StatementArguments(row)) }
                try Ledger.append(.case, item: copy.number, version: state.version, digest: head, db)
            }
        }
    }
}

/// A template case's events as JSON texts with holes for the number, the register
/// number and every time.
private struct CaseTemplate {
    /// A JSON text cut at the holes.
    struct Text {
        enum Piece {
            case literal(String)
            case number
            case register
            /// A time: whole seconds since 1970 in the template.
            case seconds(Int64)
        }
        var pieces: [Piece]

        func text(_ copy: CaseCopy) -> String {
            var result = ""
            for piece in pieces {
                switch piece {
                case .literal(let text): result += text
                case .number: result += String(copy.number)
                case .register: result += copy.registerNumber
                case .seconds(let seconds): result += String(seconds + Int64(copy.shift))
                }
            }
            return result
        }
    }

    static let numberMark = 987_654_321_987
    static let registerMark = "REGISTER-MARK-QZX"  // no digits: texts are cut at digit runs
    /// The shift of the second encoding, which tells times from other numbers.
    static let probe: TimeInterval = 1_000_000

    let source: [CaseEvent]
    let state: CaseState
    let kinds: [String]
    let events: [Text]

    init(_ events: [CaseEvent]) throws {
        guard events.first?.sequence == 1, let state = CaseState.fold(events) else {
            throw StoreError.invalidEvents("a template's events must start with `opened` as event 1 and follow one another")
        }
        source = events
        self.state = state
        kinds = events.map { $0.kind.name }
        let marked = Self.moved(events, by: 0, number: Self.numberMark, register: Self.registerMark)
        let probed = Self.moved(events, by: Self.probe, number: Self.numberMark, register: Self.registerMark)
        self.events = try zip(marked, probed).map { try Self.cut(CaseCoding.encode($0), CaseCoding.encode($1)) }
    }

    /// Decodes a copy and compares it with the template moved in memory.
    func verify(_ copy: CaseCopy, payloads: [String]) throws {
        let expected = Self.moved(source, by: TimeInterval(copy.shift), number: copy.number, register: copy.registerNumber)
        let decoded = try payloads.map { try CaseCoding.decodeEvent($0) }
        if let index = decoded.indices.first(where: { decoded[$0] != expected[$0] }) {
            throw StoreError.invalidEvents(
                "case \(state.number) does not copy faithfully (times must be whole seconds): event \(index + 1) reads \(payloads[index])")
        }
    }

    /// The events with every time moved, and the number and register number replaced.
    static func moved(_ events: [CaseEvent], by shift: TimeInterval, number: Int, register: String) -> [CaseEvent] {
        var result: [CaseEvent] = []
        result.reserveCapacity(events.count)
        for original in events {
            var event = original
            event.at = original.at.addingTimeInterval(shift)
            if case .opened(var opened) = original.kind {
                opened.dueAt = opened.dueAt.addingTimeInterval(shift)
                opened.number = number
                opened.registerNumber = register
                opened.escalations = opened.escalations.map { $0.shifted(by: shift) }
                event.kind = .opened(opened)
            } else if case .stepStarted(let step, let dueAt, let waits, let actors, let escalations, let reminders) = original.kind {
                event.kind = .stepStarted(
                    step: step, dueAt: dueAt?.addingTimeInterval(shift), waitsForReporter: waits, actors: actors,
                    escalations: escalations.map { $0.shifted(by: shift) },
                    reminders: reminders.map { ScheduledReminder($0.reminder, at: $0.at.addingTimeInterval(shift)) })
            } else if case .escalatedBySchedule(let step, let level, let to, let dueAt) = original.kind {
                event.kind = .escalatedBySchedule(step: step, level: level, to: to, dueAt: dueAt.addingTimeInterval(shift))
            } else if case .reminded(let step, let reminder, let dueAt) = original.kind {
                event.kind = .reminded(step: step, reminder: reminder, dueAt: dueAt.addingTimeInterval(shift))
            } else if case .rescheduled(var change) = original.kind {
                change.previousDueAt += shift
                change.dueAt += shift
                change.caseEscalations = change.caseEscalations.map { $0.shifted(by: shift) }
                change.previousStepDueAt = change.previousStepDueAt?.addingTimeInterval(shift)
                change.stepDueAt = change.stepDueAt?.addingTimeInterval(shift)
                change.schedule.reminders = change.schedule.reminders.map { ScheduledReminder($0.reminder, at: $0.at.addingTimeInterval(shift)) }
                change.schedule.escalations = change.schedule.escalations.map { $0.shifted(by: shift) }
                event.kind = .rescheduled(change)
            }
            result.append(event)
        }
        return result
    }

    /// Cuts a marked text at its holes: digit runs that moved by `probe` are times, the number mark
    /// is the number; the register mark is the register number.
    static func cut(_ marked: String, _ probed: String) throws -> Text {
        func runs(_ text: String) -> [(isDigits: Bool, text: Substring)] {
            var result: [(Bool, Substring)] = []
            var index = text.startIndex
            while index < text.endIndex {
                let digit = text[index].isASCII && text[index].isNumber
                var end = text.index(after: index)
                while end < text.endIndex, (text[end].isASCII && text[end].isNumber) == digit { end = text.index(after: end) }
                result.append((digit, text[index..<end]))
                index = end
            }
            return result
        }
        let left = runs(marked)
        let right = runs(probed)
        guard left.count == right.count else { throw StoreError.invalidEvents("a template's text changes shape when moved") }
        var pieces: [Text.Piece] = []
        func literal(_ text: Substring) {
            var rest = text
            while let range = rest.range(of: registerMark) {
                pieces.append(.literal(String(rest[..<range.lowerBound])))
                pieces.append(.register)
                rest = rest[range.upperBound...]
            }
            if !rest.isEmpty { pieces.append(.literal(String(rest))) }
        }
        for (a, b) in zip(left, right) {
            if !a.isDigits {
                guard a.text == b.text else { throw StoreError.invalidEvents("a template's text changes shape when moved") }
                literal(a.text)
            } else if a.text == String(numberMark), b.text == a.text {
                pieces.append(.number)
            } else if a.text == b.text {
                pieces.append(.literal(String(a.text)))
            } else if let x = Int64(a.text), let y = Int64(b.text), y - x == Int64(probe) {
                pieces.append(.seconds(x))
            } else {
                throw StoreError.invalidEvents("a template's time \(a.text) is not whole seconds")
            }
        }
        return Text(pieces: pieces)
    }
}

extension ScheduledEscalation {
    /// The same level, its moment moved by `shift` seconds.
    fileprivate func shifted(by shift: Double) -> ScheduledEscalation {
        ScheduledEscalation(level: level, to: to, at: at.addingTimeInterval(shift))
    }
}

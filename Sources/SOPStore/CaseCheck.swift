import Foundation
import GRDB
import SOPEngine
import SOPStorage

/// The checks of one case's record: its events' chain and hashes, its row's digest, and (in full)
/// its events read and folded and its row compared with the fold. `sop verify`, loading a case
/// and the reports all check a case here.
struct CaseCheck {
    /// An event as its row holds it.
    struct EventRow: Sendable {
        var sequence: Int
        var at: Double
        var by: String
        var kind: String
        var previous: String
        var hash: String
        var payload: String

        /// The columns `init(_:)` reads, in order.
        static let columns = "sequence, at, by_user, kind, previous, hash, payload"

        /// Whether a column did not hold a value of its type (a file edited by hand): the event
        /// is then reported, never trusted.
        var malformed = false

        init(_ row: Row, from index: Int = 0) {
            let sequence: Int? = row.value(index)
            let at: Double? = row.value(index + 1)
            let by: String? = row.value(index + 2)
            let kind: String? = row.value(index + 3)
            let previous: String? = row.value(index + 4)
            let hash: String? = row.value(index + 5)
            let payload: String? = row.value(index + 6)
            self.sequence = sequence ?? 0
            self.at = at ?? .nan
            self.by = by ?? ""
            self.kind = kind ?? ""
            self.previous = previous ?? ""
            self.hash = hash ?? ""
            self.payload = payload ?? ""
            malformed = sequence == nil || at == nil || by == nil || kind == nil || previous == nil || hash == nil || payload == nil
        }
    }

    /// A case row: its columns as `Ledger.caseRowColumns` reads them, and its stored digest.
    struct CaseRow: Sendable {
        var values: [DatabaseValue]
        var rowHash: String

        /// The columns `init(_:)` reads, in order.
        static let columns = Ledger.caseRowColumns + ", row_hash"

        init(_ row: Row) {
            let all = Array(row.databaseValues)
            values = Array(all.dropLast())
            rowHash = String.fromDatabaseValue(all.last ?? .null) ?? ""
        }

        var number: Int { Int.fromDatabaseValue(values[0]) ?? 0 }
        var registerNumber: String? { String.fromDatabaseValue(values[1]) }
        var version: Int { Int.fromDatabaseValue(values[12]) ?? 0 }
        var chainHead: String { String.fromDatabaseValue(values[16]) ?? "" }
    }

    let row: CaseRow
    let events: [EventRow]

    private func problem(_ kind: IntegrityProblem.Kind, _ detail: String) -> IntegrityProblem {
        IntegrityProblem(kind, caseNumber: row.number, registerNumber: row.registerNumber, detail: detail)
    }

    /// The checks that need no decoding: events numbered 1 to the version, each naming the hash of
    /// the one before and giving its own hash, the last one's hash in the row, and the row's digest.
    func chain() -> [IntegrityProblem] {
        var problems: [IntegrityProblem] = []
        let number = row.number
        if events.count != row.version || events.enumerated().contains(where: { $0.element.sequence != $0.offset + 1 }) {
            problems.append(problem(
                .eventsMissing, "the row says version \(row.version); the events are numbered \(Self.ranges(events.map(\.sequence)))"))
        }
        var previous = Chain.genesis
        for event in events {
            if event.malformed {
                problems.append(problem(.eventColumns, "an event's columns do not hold values of their types"))
            }
            if event.previous != previous {
                problems.append(problem(.chainBroken, "event \(event.sequence) does not name the hash of the event before it"))
            }
            let hash = Chain.eventHash(caseNumber: number, sequence: event.sequence, previous: event.previous, payload: event.payload)
            if hash != event.hash {
                problems.append(problem(.eventAltered, "event \(event.sequence) no longer gives its hash"))
            }
            previous = event.hash
        }
        if row.chainHead != (events.last?.hash ?? "") {
            problems.append(problem(.chainBroken, "the row does not name the hash of the case's last event"))
        }
        if Ledger.rowDigest(row.values) != row.rowHash {
            problems.append(problem(.rowAltered, "the row's columns no longer give its digest"))
        }
        return problems
    }

    /// Every check: `chain()`, then each event's columns against its content, each event read,
    /// the events folded, and the row compared with the fold. Returns the problems, the fold when
    /// the events fold, and the attachments the events name.
    func full(_ decoder: JSONDecoder) -> (problems: [IntegrityProblem], stored: StoredCase?, attachments: [String]) {
        var problems = chain()
        var decoded: [CaseEvent] = []
        decoded.reserveCapacity(events.count)
        var attachments: [String] = []
        for event in events {
            guard let value = try? CaseCoding.decodeEvent(event.payload, with: decoder) else {
                problems.append(problem(.eventUnreadable, "event \(event.sequence) is not an event sop can read"))
                continue
            }
            if value.sequence != event.sequence || value.at.timeIntervalSince1970 != event.at || value.by != event.by
                || value.kind.name != event.kind
            {
                problems.append(problem(.eventColumns, "event \(event.sequence): its columns say otherwise than its content"))
            }
            if case .documentAttached(let document) = value.kind { attachments.append(document.sha256) }
            decoded.append(value)
        }
        guard decoded.count == events.count else { return (problems, nil, attachments) }
        guard let state = CaseState.fold(decoded), state.number == row.number else {
            problems.append(problem(.eventsDoNotFold, "its \(decoded.count) events do not make a case \(row.number)"))
            return (problems, nil, attachments)
        }
        let expected = try? Ledger.caseRowValues(
            state, number: row.number, registerNumber: state.registerNumber, chainHead: events.last?.hash ?? "", history: false)
        if let expected {
            let names = Self.columnNames
            // The history is compared as what it says, not as text: another encoder may write the same
            // history otherwise.
            let history = String.fromDatabaseValue(row.values[Ledger.historyColumnIndex])
                .flatMap { try? decoder.decode(CaseHistory.self, from: Data($0.utf8)) }
            let differing = zip(names, zip(expected, row.values)).enumerated().filter { index, pair in
                index == Ledger.historyColumnIndex ? history != CaseHistory(state: state) : pair.1.0 != pair.1.1
            }.map(\.element.0)
            if !differing.isEmpty {
                problems.append(problem(.rowDiffers, "columns " + differing.joined(separator: ", ") + " are not what its events make"))
            }
        }
        return (problems, StoredCase(state: state, events: decoded), attachments)
    }

    /// The names of `Ledger.caseRowColumns`, in order.
    static let columnNames = Ledger.caseRowColumns.split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }

    /// `1-5, 7` for the numbers 1, 2, 3, 4, 5, 7 as given.
    static func ranges(_ numbers: [Int]) -> String {
        guard !numbers.isEmpty else { return "none" }
        var parts: [String] = []
        var start = numbers[0]
        var end = numbers[0]
        for number in numbers.dropFirst() {
            if number == end &+ 1 {
                end = number
            } else {
                parts.append(start == end ? "\(start)" : "\(start)-\(end)")
                start = number
                end = number
            }
        }
        parts.append(start == end ? "\(start)" : "\(start)-\(end)")
        return parts.joined(separator: ", ")
    }
}

extension SQLiteCaseStore {
    /// A case's row and events, read inside the caller's transaction; nil when there is no such case.
    func caseCheck(_ caseNumber: Int, _ db: Database) throws -> CaseCheck? {
        guard let row = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT \(CaseCheck.CaseRow.columns) FROM cases WHERE number = ?"), arguments: [caseNumber])
        else { return nil }
        let events = try Row.fetchAll(
            db.cachedStatement(sql: "SELECT \(CaseCheck.EventRow.columns) FROM events WHERE case_number = ? ORDER BY sequence"),
            arguments: [caseNumber]
        ).map { CaseCheck.EventRow($0) }
        return CaseCheck(row: CaseCheck.CaseRow(row), events: events)
    }
}

extension Row {
    /// A column's value as a type, or nil when it is NULL or holds a value of another type: a file
    /// damaged by hand is reported, never a trap.
    func value<Value: DatabaseValueConvertible>(_ index: Int) -> Value? {
        Value.fromDatabaseValue(self[index] as DatabaseValue)
    }
}

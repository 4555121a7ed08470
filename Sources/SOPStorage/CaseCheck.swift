import Foundation
import SOPEngine

/// The checks of one case's record, the same in every store: its events' chain and hashes, its
/// row's digest, and (in full) its events read and folded and its row compared with the fold.
/// `sop verify`, loading a case and the reports all check a case here.
public struct CaseCheck: Sendable {
    /// An event as its row holds it.
    public struct EventRow: Sendable {
        public var sequence: Int
        public var at: Double
        public var by: String
        public var kind: String
        public var previous: String
        public var hash: String
        public var payload: String

        /// The columns a store reads for `init`, in order.
        public static let columns = "sequence, at, by_user, kind, previous, hash, payload"

        /// Whether a column did not hold a value of its type (a file edited by hand): the event
        /// is then reported, never trusted.
        public var malformed = false

        /// An event from its columns as read, nil where a column did not hold a value of its type.
        public init(sequence: Int?, at: Double?, by: String?, kind: String?, previous: String?, hash: String?, payload: String?) {
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

    /// A case row: its columns as `CaseRecord.columns` reads them, and its stored digest.
    public struct CaseRow: Sendable {
        public var values: [Chain.Value]
        public var rowHash: String

        /// The columns a store reads for `init`, in order: `CaseRecord.columns` and `row_hash`.
        public static let columns = CaseRecord.columns + ", row_hash"

        /// A row from its values as read: `CaseRecord.columns`, then `row_hash`.
        public init(_ all: [Chain.Value]) {
            values = Array(all.dropLast())
            rowHash = all.last?.text ?? ""
        }

        public var number: Int { values.first?.int ?? 0 }
        public var registerNumber: String? { values.count > 1 ? values[1].text : nil }
        public var version: Int { values.count > 12 ? values[12].int ?? 0 : 0 }
        public var chainHead: String { values.count > 16 ? values[16].text ?? "" : "" }
        /// The history column's text.
        public var history: String? { values.count > CaseRecord.historyIndex ? values[CaseRecord.historyIndex].text : nil }
    }

    public let row: CaseRow
    public let events: [EventRow]

    /// A case's row and its events, by sequence.
    public init(row: CaseRow, events: [EventRow]) {
        self.row = row
        self.events = events
    }

    private func problem(_ kind: IntegrityProblem.Kind, _ detail: String) -> IntegrityProblem {
        IntegrityProblem(kind, caseNumber: row.number, registerNumber: row.registerNumber, detail: detail)
    }

    /// The checks that need no decoding: events numbered 1 to the version, each naming the hash of
    /// the one before and giving its own hash, the last one's hash in the row, and the row's digest.
    public func chain() -> [IntegrityProblem] {
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
        if CaseRecord.digest(row.values) != row.rowHash {
            problems.append(problem(.rowAltered, "the row's columns no longer give its digest"))
        }
        return problems
    }

    /// Every check: `chain()`, then each event's columns against its content, each event read,
    /// the events folded, and the row compared with the fold. Returns the problems, the fold when
    /// the events fold, and the attachments the events name.
    public func full(_ decoder: JSONDecoder) -> (problems: [IntegrityProblem], stored: StoredCase?, attachments: [String]) {
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
        let expected = try? CaseRecord.values(
            state, number: row.number, registerNumber: state.registerNumber, chainHead: events.last?.hash ?? "", history: false)
        if let expected {
            let names = CaseRecord.columnNames
            // The history is compared as what it says, not as text: another encoder may write the same
            // history otherwise.
            let history = row.history
                .flatMap { try? decoder.decode(CaseHistory.self, from: Data($0.utf8)) }
            let differing = zip(names, zip(expected, row.values)).enumerated().filter { index, pair in
                index == CaseRecord.historyIndex ? history != CaseHistory(state: state) : pair.1.0 != pair.1.1
            }.map(\.element.0)
            if !differing.isEmpty {
                problems.append(problem(.rowDiffers, "columns " + differing.joined(separator: ", ") + " are not what its events make"))
            }
        }
        return (problems, StoredCase(state: state, events: decoded), attachments)
    }

    /// `1-5, 7` for the numbers 1, 2, 3, 4, 5, 7 as given.
    public static func ranges(_ numbers: [Int]) -> String {
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

extension Chain.Value {
    /// The integer, or nil for any other value.
    public var int: Int? { if case .integer(let number) = self { Int(exactly: number) } else { nil } }
    /// The real, or nil for any other value.
    public var double: Double? { if case .real(let number) = self { number } else { nil } }
    /// The text, or nil for any other value.
    public var text: String? { if case .text(let string) = self { string } else { nil } }
}

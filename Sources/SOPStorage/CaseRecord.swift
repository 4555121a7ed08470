import Foundation
import SOPEngine

/// A case as every store writes it, whatever the database: its row's columns and their digest,
/// and its events chained (`Chain`). The values are `Chain.Value`s, so each store writes the same
/// row, a row's digest is the same in every store, and a copy between stores keeps every hash.
public enum CaseRecord {
    /// The columns of a case row its digest covers, in order; `values` gives them for a state.
    public static let columns = """
        number, register_number, workflow_id, revision, content_hash, status, current_step, channel,
        opened_at, due_at, step_due_at, closed_at, version, current_actors, step_started_at, history, chain_head, next_due_at
        """

    /// The names of `columns`, in order.
    public static let columnNames = columns.split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }

    /// Where the history is among `columns`.
    public static let historyIndex = 15

    /// The values of a case's row, as `columns` reads them, for a state whose last event has the
    /// hash `chainHead`, every time moved by `shift` seconds (seconds since 1970, as reals).
    /// Without `history`, the history's place is null (for a check that compares histories
    /// decoded, and need not encode one).
    public static func values(
        _ state: CaseState, number: Int, registerNumber: String, chainHead: String, shift: Double = 0, history: Bool = true
    ) throws -> [Chain.Value] {
        func real(_ date: Date?) -> Chain.Value { date.map { .real($0.timeIntervalSince1970 + shift) } ?? .null }
        func text(_ string: String?) -> Chain.Value { string.map { .text($0) } ?? .null }
        return [
            .integer(Int64(number)), .text(registerNumber), .text(state.workflow.id.rawValue),
            .integer(Int64(state.workflow.revision)), .text(state.workflow.contentHash), .text(state.status.rawValue),
            text(state.active?.step.rawValue), text(state.channel),
            real(state.openedAt), real(state.dueAt), real(state.active?.dueAt), real(state.closedAt),
            .integer(Int64(state.version)), text(actors(state)), real(state.active?.startedAt),
            history ? .text(try self.history(CaseHistory(state: state).moved(by: shift, number: number))) : .null,
            .text(chainHead), real(state.nextScheduledAt),
        ]
    }

    /// A case at `state` after `events`, and the notices they cause, each from the case as its
    /// event left it; `invalidEvents` when one does not fit the case.
    public static func applying(_ events: [CaseEvent], to state: CaseState, caseNumber: Int) throws -> (state: CaseState, notices: [Notice]) {
        var after = state
        var notices: [Notice] = []
        for event in events {
            guard after.apply(event) else {
                throw StoreError.invalidEvents(
                    "event \(event.sequence) (\(event.kind.name)) does not fit case \(caseNumber) at version \(after.version)")
            }
            if let notice = Notice(event, state: after) { notices.append(notice) }
        }
        return (after, notices)
    }

    /// The digest of a case row's values (`Chain.digest`).
    public static func digest(_ values: [Chain.Value]) -> String {
        Chain.digest(values)
    }

    /// A case's history as its row holds it, for reports: JSON (`CaseCoding`).
    public static func history(_ history: CaseHistory) throws -> String {
        try CaseCoding.encode(history)
    }

    /// The roles that may act on the current step, space-separated with a space at each end
    /// (` front-office tim-media `), so `LIKE '% role %'` finds a role; nil once the case ended.
    public static func actors(_ state: CaseState) -> String? {
        guard let active = state.active else { return nil }
        var column = " "
        for role in active.actors {
            column += role.rawValue
            column += " "
        }
        if let escalated = active.escalatedTo {
            column += escalated.rawValue
            column += " "
        }
        if let whole = state.caseEscalatedTo {
            column += whole.rawValue
            column += " "
        }
        return column
    }

    /// An event as its row holds it: its key, the copies of its content queries read, its JSON
    /// payload and its place in the case's chain.
    public struct ChainedEvent: Hashable, Sendable {
        public var caseNumber: Int
        public var sequence: Int
        /// Seconds since 1970.
        public var at: Double
        public var by: String
        public var kind: String
        public var payload: String
        /// The hash of the event before it in its case (`Chain.genesis` for the first).
        public var previous: String
        /// Its own hash (`Chain.eventHash`).
        public var hash: String

        /// Creates an event row.
        public init(
            caseNumber: Int, sequence: Int, at: Double, by: String, kind: String, payload: String, previous: String, hash: String
        ) {
            self.caseNumber = caseNumber
            self.sequence = sequence
            self.at = at
            self.by = by
            self.kind = kind
            self.payload = payload
            self.previous = previous
            self.hash = hash
        }
    }

    /// Events already encoded, chained from `previous`: their rows and the hash of the last.
    public static func chained(
        _ events: [(sequence: Int, at: Double, by: String, kind: String, payload: String)], caseNumber: Int, previous: String
    ) -> (rows: [ChainedEvent], head: String) {
        var head = previous
        var rows: [ChainedEvent] = []
        rows.reserveCapacity(events.count)
        for event in events {
            let hash = Chain.eventHash(caseNumber: caseNumber, sequence: event.sequence, previous: head, payload: event.payload)
            rows.append(ChainedEvent(
                caseNumber: caseNumber, sequence: event.sequence, at: event.at, by: event.by, kind: event.kind,
                payload: event.payload, previous: head, hash: hash))
            head = hash
        }
        return (rows, head)
    }

    /// Events of a case encoded (`CaseCoding`) and chained after `previous`: their rows and the
    /// hash of the last.
    public static func chain(_ events: [CaseEvent], caseNumber: Int, previous: String) throws -> (rows: [ChainedEvent], head: String) {
        let encoder = CaseCoding.encoder()
        let encoded = try events.map { event in
            (sequence: event.sequence, at: event.at.timeIntervalSince1970, by: event.by, kind: event.kind.name,
             payload: try CaseCoding.encode(event, with: encoder))
        }
        return chained(encoded, caseNumber: caseNumber, previous: previous)
    }
}

import Foundation
import SOPCore
import SOPEngine
import SOPStorage

/// One line of the audit trail `sop export --format jsonl` writes: what kind of record, and the
/// record as the store keeps it (times as Foundation's own number, seconds since 2001-01-01 UTC,
/// which read back to the same bits).
public struct AuditLine: Encodable {
    /// `office`, `staff-change`, `publication`, `event` or `reveal`.
    public let record: String
    /// The case an event belongs to.
    public let `case`: Int?
    /// The record.
    public let value: any Encodable & Sendable

    enum CodingKeys: String, CodingKey { case record, `case`, value }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(record, forKey: .record)
        try container.encodeIfPresent(`case`, forKey: .case)
        try value.encode(to: container.superEncoder(forKey: .value))
    }
}

extension CaseService {
    /// Writes the whole audit trail, one JSON line at a time, for archiving: how the database
    /// was set up, every registry change, every publication, every event of every case (in case
    /// order), and every reveal. Administrators only: the events hold personal data in full.
    /// Returns how many lines were written.
    @discardableResult
    public func exportAuditTrail(by user: String?, _ write: (String) throws -> Void) throws(ServiceError) -> Int {
        _ = try administrator(user, doing: Text(id: "mengekspor jejak audit", en: "export the audit trail"))
        let encoder = CaseCoding.encoder()
        var count = 0
        func emit(_ line: AuditLine) throws(ServiceError) {
            do {
                try write(try CaseCoding.encode(line, with: encoder))
            } catch {
                throw ServiceError(.file, Text(
                    id: "jejak audit tidak dapat ditulis: \(error.localizedDescription)",
                    en: "the audit trail cannot be written: \(error.localizedDescription)"), isUnreadableInput: true)
            }
            count += 1
        }
        try emit(AuditLine(record: "office", case: nil, value: try office()))
        // The ledger's head before anything else is read: what follows is at least that record.
        if let head = try ledgerHead() { try emit(AuditLine(record: "ledger", case: nil, value: head)) }
        for change in try staffChanges() { try emit(AuditLine(record: "staff-change", case: nil, value: change)) }
        for publication in try publications() { try emit(AuditLine(record: "publication", case: nil, value: publication)) }
        let summaries: [CaseSummary]
        do { summaries = try store.cases(matching: CaseFilter()) } catch { throw .store(error) }
        for summary in summaries.sorted(by: { $0.number < $1.number }) {
            let stored = try load(String(summary.number))
            for event in stored.events { try emit(AuditLine(record: "event", case: summary.number, value: event)) }
        }
        for reveal in try reveals(of: nil) { try emit(AuditLine(record: "reveal", case: reveal.caseNumber, value: reveal)) }
        return count
    }
}

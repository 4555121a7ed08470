import Foundation
import SOPCore
import SOPStorage

extension CaseService {
    /// The ledger's newest entry and head; nil while nothing was written.
    public func ledgerHead() throws(ServiceError) -> LedgerHead? {
        do {
            return try store.ledgerHead()
        } catch {
            throw .store(error)
        }
    }

    /// The whole database checked (`sop verify`): every problem found, and whether the ledger
    /// still holds each earlier head given. Anyone who can open the database may check it: it
    /// prints no personal data.
    public func verify(extending earlierHeads: [String]) throws(ServiceError) -> Verification {
        for head in earlierHeads where !ContentHash.isHex(head.lowercased()) {
            throw ServiceError(.invalidHead, Text(
                id: "'\(head)' bukan kepala buku besar (64 digit heksadesimal, seperti yang dicetak `sop status` dan `sop verify`)",
                en: "'\(head)' is not a ledger head (64 hexadecimal digits, as `sop status` and `sop verify` print it)"))
        }
        do {
            return try store.verify(extending: earlierHeads)
        } catch {
            throw .store(error)
        }
    }
}

extension CaseService {
    /// Writes a consistent copy of the database into a new file at `path` while others keep
    /// writing (`sop backup`), by an administrator, and returns the copy's own verification.
    public func backup(to path: String, by user: String?) throws(ServiceError) -> Verification {
        _ = try administrator(user, doing: Text(id: "mencadangkan basis data", en: "back the database up"))
        do {
            return try store.backup(to: path)
        } catch let error as StoreError where error.code == .fileExists {
            throw ServiceError(.fileExists, error.message)
        } catch {
            throw .store(error)
        }
    }
}

/// `sop verify` as text.
public enum VerificationText {
    /// What was checked, each problem (by case first), the earlier heads, and the head now.
    public static func text(_ verification: Verification, database: String, language: Language) -> String {
        func tr(_ id: String, _ en: String) -> String { Text(id: id, en: en)(language) }
        let counts = verification.counts
        var lines = [
            tr("Basis data: ", "Database: ") + database,
            tr("Diperiksa: \(counts.cases) pengaduan, \(counts.events) peristiwa, \(counts.attachments) lampiran, "
                + "\(counts.workflowTexts + counts.calendarTexts) teks, \(counts.staffChanges) perubahan petugas, "
                + "\(counts.publications) penerbitan, \(counts.reveals) pembukaan data, \(counts.moves) pemindahan, "
                + "\(counts.ledgerEntries) entri buku besar",
               "Checked: \(counts.cases) cases, \(counts.events) events, \(counts.attachments) attachments, "
                + "\(counts.workflowTexts + counts.calendarTexts) texts, \(counts.staffChanges) registry changes, "
                + "\(counts.publications) publications, \(counts.reveals) reveals, \(counts.moves) moves, "
                + "\(counts.ledgerEntries) ledger entries"),
        ]
        for earlier in verification.earlierHeads {
            if let entry = earlier.entry {
                lines.append(tr("Kepala lebih awal \(earlier.head): ada (entri \(entry)); basis data melanjutkannya",
                                "Earlier head \(earlier.head): there (entry \(entry)); the database extends it"))
            } else {
                lines.append(tr("Kepala lebih awal \(earlier.head): TIDAK ADA", "Earlier head \(earlier.head): NOT THERE"))
            }
        }
        if let ledger = verification.ledger {
            lines.append(tr("Kepala buku besar: ", "Ledger head: ") + ledger.head + tr(" (entri \(ledger.entries))", " (entry \(ledger.entries))"))
        }
        if verification.isIntact {
            lines.append(tr("Utuh: tidak ada yang diubah di luar sop.", "Intact: nothing was changed outside sop."))
        } else {
            let damaged = verification.damagedCases.count
            lines.append(tr("RUSAK: \(verification.problems.count) masalah, \(damaged) pengaduan:",
                            "DAMAGED: \(verification.problems.count) problems, \(damaged) cases:"))
            for problem in verification.problems {
                var line = "  [\(problem.kind.rawValue)] "
                if let number = problem.caseNumber {
                    line += tr("pengaduan \(number)", "case \(number)")
                    if let register = problem.registerNumber { line += " (\(register))" }
                    line += ": "
                }
                line += problem.summary(language) + " — " + problem.detail
                lines.append(line)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

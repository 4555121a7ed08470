import Foundation
import SOPEngine
import SOPService
import SOPStore

/// Migration plans, impacts, records and lists as text.
enum MigrateText {
    static func fate(_ impact: CaseImpact) -> String {
        switch impact.fate {
        case .kept: "langkah \(impact.step) (tetap)"
        case .mapped: "langkah \(impact.step) → \(impact.newStep?.rawValue ?? "-") (dipetakan)"
        case .missing: "langkah \(impact.step) tidak ada di revisi \(impact.to.revision) (perlu --map \(impact.step)=LANGKAH)"
        case .unknownTarget: "langkah \(impact.step) → \(impact.newStep?.rawValue ?? "-") (langkah itu tidak ada di revisi \(impact.to.revision))"
        }
    }

    static func shift(_ shift: DeadlineShift) -> String {
        switch shift {
        case .earlier: "lebih awal"
        case .later: "lebih lambat"
        case .unchanged: "tidak berubah"
        }
    }

    /// `Sen 30 Nov 2026 15:00 → Sen 30 Nov 2026 13:00 (lebih awal)`, or one time when unchanged.
    static func deadline(_ old: Date, _ new: Date?, _ change: DeadlineShift?) -> String {
        guard let new, let change else { return "\(Clock.text(old)) → ? (langkah belum dipetakan)" }
        if change == .unchanged { return "\(Clock.text(old)) (tidak berubah)" }
        return "\(Clock.text(old)) → \(Clock.text(new)) (\(shift(change)))"
    }

    /// One case's lines.
    static func impact(_ impact: CaseImpact) -> String {
        var text = "  \(impact.registerNumber) (nomor \(impact.number)), revisi \(impact.from.revision) → \(impact.to.revision): \(fate(impact))\n"
        text += "    tenggat langkah:   \(deadline(impact.stepDueAt, impact.newStepDueAt, impact.stepDeadline))\n"
        text += "    tenggat pengaduan: \(deadline(impact.dueAt, impact.newDueAt, impact.caseDeadline))\n"
        for document in impact.missingDocuments {
            var line = "    dokumen kurang:    \(document.document) (\(document.name)) untuk langkah \(document.neededBy.map(\.rawValue).joined(separator: ", "))"
            if document.blocksMigration {
                line += " — diperlukan sekarang: menghalangi pemindahan"
            } else if document.wasMissingBefore {
                line += " — sudah kurang di revisi \(impact.from.revision)"
            }
            text += line + "\n"
        }
        return text
    }

    /// `Pemetaan langkah: a → b`, or nothing.
    static func mapping(_ plan: MigrationPlan) -> String {
        plan.mapping.isEmpty ? "" : "Pemetaan langkah: " + plan.mapping.map { "\($0.from) → \($0.to)" }.joined(separator: ", ") + "\n"
    }

    /// The cases of a plan and its problems.
    static func cases(_ plan: MigrationPlan) -> String {
        var text = ""
        for impact in plan.cases { text += self.impact(impact) }
        if !plan.problems.isEmpty {
            text += "Masalah (\(plan.problems.count)):\n"
            for problem in plan.problems { text += "  - \(problem.message)\n" }
        }
        return text
    }

    /// `sop migrate --dry-run`.
    static func plan(_ plan: MigrationPlan) -> String {
        var text = "Uji coba migrasi \(plan.workflow) ke revisi \(plan.to.revision) (\(plan.file)): tidak ada yang ditulis.\n"
        text += mapping(plan)
        if plan.cases.isEmpty {
            return text + "Tidak ada pengaduan terbuka pada revisi yang lebih lama; tidak ada yang dipindahkan.\n"
        }
        text += "\(plan.cases.count) pengaduan " + (plan.problems.isEmpty ? "akan dipindahkan" : "tidak dapat dipindahkan") + ":\n"
        text += cases(plan)
        return text
    }

    /// `sop diff OLD NEW --against-db`.
    static func impactSection(_ plan: MigrationPlan, oldRevision: Int) -> String {
        var text = "\nDampak pada pengaduan terbuka (revisi \(oldRevision) → \(plan.to.revision))\n"
        guard !plan.cases.isEmpty else {
            return text + "  Tidak ada pengaduan terbuka pada revisi \(oldRevision).\n"
        }
        text += mapping(plan) + cases(plan)
        text += "\(plan.cases.count) pengaduan terbuka pada revisi \(oldRevision); "
            + (plan.problems.isEmpty ? "semuanya dapat dipindahkan (`sop migrate \(plan.workflow) --to \(plan.to.revision)"
                + plan.mapping.map { " --map \($0)" }.joined() + "`).\n"
                : "\(plan.problems.count) masalah menghalangi `sop migrate`.\n")
        return text
    }

    /// After `sop migrate`.
    static func migrated(_ record: MigrationRecord) -> String {
        var text = "\(record.id): \(record.cases.count) pengaduan \(record.workflow) dipindahkan ke revisi \(record.to.revision) oleh \(record.by)\n"
        for moved in record.cases {
            let step = moved.fromStep == moved.step ? "langkah \(moved.step)" : "langkah \(moved.fromStep) → \(moved.step)"
            text += "  \(moved.registerNumber): revisi \(moved.from.revision) → \(record.to.revision), \(step)\n"
        }
        return text + "Batalkan selama belum ada yang berubah: sop migrate --undo \(record.id)\n"
    }

    /// After `sop migrate --undo`.
    static func undone(_ record: MigrationRecord) -> String {
        var text = "\(record.id) dibatalkan oleh \(record.undoneBy ?? "-"): \(record.cases.count) pengaduan kembali ke revisi semula\n"
        for moved in record.cases {
            text += "  \(moved.registerNumber): revisi \(moved.from.revision), langkah \(moved.fromStep)\n"
        }
        return text
    }

    /// `sop migrate --list`.
    static func list(_ records: [MigrationRecord]) -> String {
        guard !records.isEmpty else { return "Belum ada migrasi.\n" }
        return records.map { record in
            var line = "\(record.id)  \(record.workflow) → revisi \(record.to.revision), \(Clock.text(record.at)) oleh \(record.by), \(record.cases.count) pengaduan"
            if !record.mapping.isEmpty { line += ", pemetaan " + record.mapping.map(\.description).joined(separator: " ") }
            if let by = record.undoneBy { line += "; dibatalkan" + (record.undoneAt.map { " \(Clock.text($0))" } ?? "") + " oleh \(by)" }
            return line + "\n"
        }.joined()
    }
}

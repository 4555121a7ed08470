import Foundation
import SOPCore
import SOPEngine
import SOPStorage

/// Moves of cases between revisions as text: the plan of a move (`sop move --dry-run`), its
/// impact on the open cases (`sop diff --against-db`), the record of a move and of its undoing,
/// and the list of moves.
///
/// Its own words are in `language`; register numbers, step ids, workflow ids and staff names are
/// shown as they are, times as `TimeText` writes them in the same language.
public struct MoveText: Sendable {
    /// The language of the text's own words.
    public var language: Language

    /// Creates the texts of moves in `language`.
    public init(language: Language) {
        self.language = language
    }

    /// A text in the language of these texts.
    private func words(_ text: Text) -> String { text(language) }

    /// `Sen 30 Nov 2026 09:35` in the language of these texts.
    private func time(_ date: Date) -> String { TimeText.date(date, in: language) }

    private func fate(_ impact: CaseImpact) -> String {
        let new = impact.newStep?.rawValue ?? "-"
        let revision = impact.to.revision
        return switch impact.fate {
        case .kept: words(Text(id: "langkah \(impact.step) (tetap)", en: "step \(impact.step) (kept)"))
        case .mapped: words(Text(id: "langkah \(impact.step) → \(new) (dipetakan)", en: "step \(impact.step) → \(new) (mapped)"))
        case .missing:
            words(Text(
                id: "langkah \(impact.step) tidak ada di revisi \(revision) (perlu --map \(impact.step)=LANGKAH)",
                en: "step \(impact.step) is not in revision \(revision) (needs --map \(impact.step)=STEP)"))
        case .unknownTarget:
            words(Text(
                id: "langkah \(impact.step) → \(new) (langkah itu tidak ada di revisi \(revision))",
                en: "step \(impact.step) → \(new) (revision \(revision) has no such step)"))
        }
    }

    private func shift(_ shift: DeadlineShift) -> String {
        switch shift {
        case .earlier: words(Text(id: "lebih awal", en: "earlier"))
        case .later: words(Text(id: "lebih lambat", en: "later"))
        case .unchanged: words(Text(id: "tidak berubah", en: "unchanged"))
        }
    }

    /// The step's due time before and after; `tanpa tenggat` for a step with no stated time.
    private func stepDeadline(_ impact: CaseImpact) -> String {
        let noDue = words(TimeText.noDueTime)
        guard impact.newStep != nil, impact.fate != .unknownTarget else {
            return "\(impact.stepDueAt.map(time) ?? noDue) → ? " + words(Text(id: "(langkah belum dipetakan)", en: "(step not mapped yet)"))
        }
        guard let old = impact.stepDueAt, let new = impact.newStepDueAt else {
            return impact.stepDueAt == nil && impact.newStepDueAt == nil
                ? noDue : "\(impact.stepDueAt.map(time) ?? noDue) → \(impact.newStepDueAt.map(time) ?? noDue)"
        }
        return deadline(old, new, impact.stepDeadline)
    }

    /// `Sen 30 Nov 2026 15:00 → Sen 30 Nov 2026 13:00 (lebih awal)`, or one time when unchanged.
    private func deadline(_ old: Date, _ new: Date?, _ change: DeadlineShift?) -> String {
        guard let new, let change else {
            return "\(time(old)) → ? " + words(Text(id: "(langkah belum dipetakan)", en: "(step not mapped yet)"))
        }
        if change == .unchanged { return "\(time(old)) (\(shift(.unchanged)))" }
        return "\(time(old)) → \(time(new)) (\(shift(change)))"
    }

    /// One case's lines.
    private func impact(_ impact: CaseImpact) -> String {
        var text = "  " + words(Text(
            id: "\(impact.registerNumber) (nomor \(impact.number)), revisi \(impact.from.revision) → \(impact.to.revision)",
            en: "\(impact.registerNumber) (number \(impact.number)), revision \(impact.from.revision) → \(impact.to.revision)"))
            + ": \(fate(impact))\n"
        text += words(Text(id: "    tenggat langkah:   ", en: "    step due:          "))
            + stepDeadline(impact) + "\n"
        text += words(Text(id: "    tenggat pengaduan: ", en: "    case due:          "))
            + deadline(impact.dueAt, impact.newDueAt, impact.caseDeadline) + "\n"
        for document in impact.missingDocuments {
            let steps = document.neededBy.map(\.rawValue).joined(separator: ", ")
            var line = words(Text(
                id: "    dokumen kurang:    \(document.document) (\(document.name)) untuk langkah \(steps)",
                en: "    missing document:  \(document.document) (\(document.name)) for step \(steps)"))
            if document.blocksMove {
                line += words(Text(id: " — diperlukan sekarang: menghalangi pemindahan", en: " — needed now: stops the move"))
            } else if document.wasMissingBefore {
                line += words(Text(
                    id: " — sudah kurang di revisi \(impact.from.revision)", en: " — already missing in revision \(impact.from.revision)"))
            }
            text += line + "\n"
        }
        return text
    }

    /// `Pemetaan langkah: a → b`, or nothing.
    private func mapping(_ plan: MovePlan) -> String {
        plan.mapping.isEmpty
            ? "" : words(Text(id: "Pemetaan langkah: ", en: "Step mapping: ")) + plan.mapping.map { "\($0.from) → \($0.to)" }.joined(separator: ", ") + "\n"
    }

    /// The cases of a plan and its problems.
    private func cases(_ plan: MovePlan) -> String {
        var text = ""
        for impact in plan.cases { text += self.impact(impact) }
        if !plan.problems.isEmpty {
            text += words(Text(id: "Masalah", en: "Problems")) + " (\(plan.problems.count)):\n"
            for problem in plan.problems { text += "  - \(problem.message(language))\n" }
        }
        return text
    }

    /// `sop move --dry-run`.
    public func plan(_ plan: MovePlan) -> String {
        var text = words(Text(
            id: "Uji coba pemindahan \(plan.workflow) ke revisi \(plan.to.revision) (\(plan.file)): tidak ada yang ditulis.\n",
            en: "Dry run of moving \(plan.workflow) to revision \(plan.to.revision) (\(plan.file)): nothing is written.\n"))
        text += mapping(plan)
        if plan.cases.isEmpty {
            return text + words(Text(
                id: "Tidak ada pengaduan terbuka pada revisi yang lebih lama; tidak ada yang dipindahkan.\n",
                en: "No open case runs on an older revision; nothing would move.\n"))
        }
        text += plan.problems.isEmpty
            ? words(Text(id: "\(plan.cases.count) pengaduan akan dipindahkan:\n", en: "\(plan.cases.count) case(s) would move:\n"))
            : words(Text(id: "\(plan.cases.count) pengaduan tidak dapat dipindahkan:\n", en: "\(plan.cases.count) case(s) cannot move:\n"))
        text += cases(plan)
        return text
    }

    /// `sop diff OLD NEW --against-db`.
    public func impactSection(_ plan: MovePlan, oldRevision: Int) -> String {
        var text = words(Text(
            id: "\nDampak pada pengaduan terbuka (revisi \(oldRevision) → \(plan.to.revision))\n",
            en: "\nImpact on open cases (revision \(oldRevision) → \(plan.to.revision))\n"))
        guard !plan.cases.isEmpty else {
            return text + words(Text(
                id: "  Tidak ada pengaduan terbuka pada revisi \(oldRevision).\n", en: "  No open case runs on revision \(oldRevision).\n"))
        }
        text += mapping(plan) + cases(plan)
        let command = "`sop move \(plan.workflow) --to \(plan.to.revision)" + plan.mapping.map { " --map \($0)" }.joined() + "`"
        text += plan.problems.isEmpty
            ? words(Text(
                id: "\(plan.cases.count) pengaduan terbuka pada revisi \(oldRevision); semuanya dapat dipindahkan (\(command)).\n",
                en: "\(plan.cases.count) open case(s) on revision \(oldRevision); all of them can move (\(command)).\n"))
            : words(Text(
                id: "\(plan.cases.count) pengaduan terbuka pada revisi \(oldRevision); \(plan.problems.count) masalah menghalangi `sop move`.\n",
                en: "\(plan.cases.count) open case(s) on revision \(oldRevision); \(plan.problems.count) problem(s) stop `sop move`.\n"))
        return text
    }

    /// After `sop move`.
    public func moved(_ record: MoveRecord) -> String {
        var text = words(Text(
            id: "\(record.id): \(record.cases.count) pengaduan \(record.workflow) dipindahkan ke revisi \(record.to.revision) oleh \(record.by)\n",
            en: "\(record.id): \(record.cases.count) case(s) of \(record.workflow) moved to revision \(record.to.revision) by \(record.by)\n"))
        let revision = words(Text(id: "revisi", en: "revision"))
        for moved in record.cases {
            let step = self.step(from: moved.fromStep.rawValue, to: moved.step.rawValue)
            text += "  \(moved.registerNumber): \(revision) \(moved.from.revision) → \(record.to.revision), \(step)\n"
        }
        return text + words(Text(
            id: "Batalkan selama belum ada yang berubah: sop move --undo \(record.id)\n",
            en: "Undo it while nothing has changed: sop move --undo \(record.id)\n"))
    }

    /// After `sop move --undo`.
    public func undone(_ record: MoveRecord) -> String {
        let by = record.undoneBy ?? "-"
        var text = words(Text(
            id: "\(record.id) dibatalkan oleh \(by): \(record.cases.count) pengaduan kembali ke revisi semula\n",
            en: "\(record.id) undone by \(by): \(record.cases.count) case(s) back on their revision\n"))
        for moved in record.cases {
            text += "  \(moved.registerNumber): " + words(Text(
                id: "revisi \(moved.from.revision), langkah \(moved.fromStep)", en: "revision \(moved.from.revision), step \(moved.fromStep)"))
                + "\n"
        }
        return text
    }

    /// `sop move --list`.
    public func list(_ records: [MoveRecord]) -> String {
        guard !records.isEmpty else { return words(Text(id: "Belum ada pemindahan.\n", en: "No moves yet.\n")) }
        return records.map { record in
            var line = "\(record.id)  " + words(Text(
                id: "\(record.workflow) → revisi \(record.to.revision), \(time(record.at)) oleh \(record.by), \(record.cases.count) pengaduan",
                en: "\(record.workflow) → revision \(record.to.revision), \(time(record.at)) by \(record.by), \(record.cases.count) case(s)"))
            if !record.mapping.isEmpty {
                line += words(Text(id: ", pemetaan ", en: ", mapping ")) + record.mapping.map(\.description).joined(separator: " ")
            }
            if let by = record.undoneBy {
                let when = record.undoneAt.map { " \(time($0))" } ?? ""
                line += words(Text(id: "; dibatalkan\(when) oleh \(by)", en: "; undone\(when) by \(by)"))
            }
            return line + "\n"
        }.joined()
    }

    /// `langkah analisa`, or `langkah dapat-diselesaikan → analisa` when the step changed.
    private func step(from: String, to: String) -> String {
        words(CaseText.stepText(from: from, to: to))
    }
}

import SOPDiff
import SOPModel

/// A diff of two revisions as text: one line per change, marked `+` (added), `-` (removed) or
/// `~` (changed), in sections for the header, the definitions, the steps and the times, in the
/// language of this run.
struct DiffText {
    let diff: WorkflowDiff
    /// Step numbers (1-based, file order) of the old and the new revision.
    private let oldNumbers: [StepID: Int]
    private let newNumbers: [StepID: Int]

    init(diff: WorkflowDiff, old: Workflow, new: Workflow) {
        self.diff = diff
        func numbers(_ workflow: Workflow) -> [StepID: Int] {
            Dictionary(workflow.steps.enumerated().map { ($1.id.value, $0 + 1) }, uniquingKeysWith: { first, _ in first })
        }
        oldNumbers = numbers(old)
        newNumbers = numbers(new)
    }

    func render() -> String {
        let revision = tr(id: "revisi", en: "revision")
        var text = "\(diff.workflow): \(revision) \(diff.old.revision) → \(revision) \(diff.new.revision)\n"
        text += tr(id: "  lama: ", en: "  old: ") + "\(diff.old.file)\n"
        text += tr(id: "  baru: ", en: "  new: ") + "\(diff.new.file)\n"
        guard !diff.isEquivalent else {
            return text + tr(
                id: "\nTidak ada perubahan: revisi \(diff.old.revision) dan revisi \(diff.new.revision) setara.\n",
                en: "\nNo changes: revisions \(diff.old.revision) and \(diff.new.revision) are equivalent.\n")
        }
        func section(_ title: String, _ lines: [String]) {
            guard !lines.isEmpty else { return }
            text += "\n\(title)\n" + lines.map { "  \($0)\n" }.joined()
        }
        section(tr(id: "Kepala dokumen", en: "Header"), diff.header.map(line))
        section(tr(id: "Definisi", en: "Definitions"), diff.definitions.map(line))
        section(tr(id: "Langkah", en: "Steps"), diff.steps.map(line))
        section(tr(id: "Waktu", en: "Times"), timeLines())
        var counts: [String] = []
        if !diff.header.isEmpty { counts.append(tr(id: "kepala dokumen", en: "header") + " \(diff.header.count)") }
        if !diff.definitions.isEmpty { counts.append(tr(id: "definisi", en: "definitions") + " \(diff.definitions.count)") }
        if !diff.steps.isEmpty { counts.append(tr(id: "langkah", en: "steps") + " \(diff.steps.count)") }
        let summary = counts.isEmpty ? tr(id: "waktu", en: "times") : counts.joined(separator: ", ")
        text += tr(id: "\n\(diff.count) perubahan (\(summary)).\n", en: "\n\(diff.count) change(s) (\(summary)).\n")
        return text
    }

    // MARK: - Header

    private static func label(_ field: HeaderField) -> String {
        switch field {
        case .title: tr(id: "Judul SOP", en: "SOP title")
        case .organization: tr(id: "Instansi", en: "Organization")
        case .number: tr(id: "Nomor SOP", en: "SOP number")
        case .created: tr(id: "Tanggal Pembuatan", en: "Date created")
        case .revised: tr(id: "Tanggal Revisi", en: "Date revised")
        case .effective: tr(id: "Tanggal Efektif", en: "Date effective")
        case .approverName: tr(id: "Disahkan Oleh (nama)", en: "Approved by (name)")
        case .approverPosition: tr(id: "Disahkan Oleh (jabatan)", en: "Approved by (position)")
        case .approverRank: tr(id: "Disahkan Oleh (pangkat)", en: "Approved by (rank)")
        case .approverNIP: tr(id: "Disahkan Oleh (NIP)", en: "Approved by (NIP)")
        case .legalBasis: tr(id: "Dasar Hukum", en: "Legal basis")
        case .qualifications: tr(id: "Kualifikasi Pelaksana", en: "Qualifications of the performers")
        case .related: tr(id: "Keterkaitan", en: "Related SOPs")
        case .equipment: tr(id: "Peralatan / Perlengkapan", en: "Equipment")
        case .warnings: tr(id: "Peringatan", en: "Warnings")
        case .recording: tr(id: "Pencatatan dan Pendataan", en: "Recording")
        case .calendar: tr(id: "Kalender kerja", en: "Calendar")
        }
    }

    private func line(_ change: HeaderChange) -> String {
        let label = Self.label(change.field)
        func value(_ text: String?) -> String {
            guard let text else { return "-" }
            switch change.field {
            case .created, .revised, .effective: return CivilDate(text).map { SOPDocumentText.indonesian($0) } ?? text
            default: return text
            }
        }
        switch change.kind {
        case .added: return "+ \(label): \(value(change.new))"
        case .removed: return "- \(label): \(value(change.old))"
        case .reordered: return "~ \(label): " + tr(id: "urutan berubah", en: "order changed")
        case .changed, .renamed: return "~ \(label): \(value(change.old)) → \(value(change.new))"
        }
    }

    // MARK: - Definitions

    private static func label(_ definition: DefinitionReference) -> String {
        switch definition {
        case .actor: tr(id: "Pelaksana", en: "Actor")
        case .document: tr(id: "Dokumen", en: "Document")
        case .field: tr(id: "Isian", en: "Field")
        case .channel: tr(id: "Kanal", en: "Channel")
        case .outcome: tr(id: "Hasil akhir", en: "Outcome")
        case .intakeRule: tr(id: "Persyaratan", en: "Intake rule")
        }
    }

    private static func label(_ attribute: DefinitionAttribute) -> String {
        switch attribute {
        case .name: tr(id: "nama", en: "name")
        case .label: "label"
        case .description: tr(id: "keterangan", en: "description")
        case .external: tr(id: "dari luar kantor", en: "external")
        case .type: tr(id: "tipe", en: "type")
        case .required: tr(id: "wajib", en: "required")
        case .status: "status"
        case .message: tr(id: "pesan", en: "message")
        case .rule: tr(id: "aturan", en: "rule")
        }
    }

    private func line(_ change: DefinitionChange) -> String {
        var subject = "\(Self.label(change.definition)) "
        if case .intakeRule(let rule) = change.definition {
            subject += change.attribute == .rule ? "(\(change.name))" : quoted(rule)
        } else {
            subject += change.definition.id
        }
        switch change.kind {
        case .added: return "+ \(subject): \(change.name)"
        case .removed: return "- \(subject): \(change.name)"
        case .renamed:
            return "~ \(subject): " + tr(
                id: "id diganti, dulu \(change.old ?? "-") (nama sama: \(change.name))",
                en: "id changed, was \(change.old ?? "-") (same name: \(change.name))")
        case .reordered: return "~ \(subject): " + tr(id: "urutan berubah", en: "order changed")
        case .changed:
            guard let attribute = change.attribute else { return "~ \(subject)" }
            func value(_ text: String?) -> String {
                guard let text else { return "-" }
                switch attribute {
                case .external, .required: return text == "true" ? tr(id: "ya", en: "yes") : tr(id: "tidak", en: "no")
                case .type, .status: return text
                default: return quoted(text)
                }
            }
            return "~ \(subject): \(Self.label(attribute)) \(value(change.old)) → \(value(change.new))"
        }
    }

    // MARK: - Steps

    private func line(_ change: StepChange) -> String {
        var subject = "\(change.newNumber ?? change.oldNumber ?? 0). \(change.step)"
        if let before = change.oldNumber, let after = change.newNumber, before != after {
            subject += tr(id: " (dulu \(before))", en: " (was \(before))")
        }
        let optional = tr(id: " (opsional)", en: " (optional)")
        switch change.detail {
        case .added(let activity):
            return "+ \(subject) " + tr(id: "(baru)", en: "(new)") + ": \(activity)"
        case .removed(let activity):
            return "- \(subject) " + tr(id: "(dihapus)", en: "(removed)") + ": \(activity)"
        case .renamed(let from, let evidence):
            let reason = evidence == .sameActivity
                ? tr(id: "kegiatan sama", en: "same activity")
                : tr(id: "pelaksana, urutan dan output sama", en: "same actors, position and outputs")
            return "~ \(subject): " + tr(
                id: "id diganti, dulu \(from) (dugaan: \(reason))",
                en: "id changed, was \(from) (guessed: \(reason))")
        case .moved(let from, let to):
            return "~ \(subject): " + tr(id: "dipindah dari urutan \(from) ke \(to)", en: "moved from position \(from) to \(to)")
        case .activity(let before, let after):
            return "~ \(subject): " + tr(id: "kegiatan", en: "activity") + " \(quoted(before)) → \(quoted(after))"
        case .performers(let before, let after):
            return "~ \(subject): " + tr(id: "pelaksana", en: "actors") + " \(describe(before)) → \(describe(after))"
        case .budget(let before, let after, let change):
            let direction: String
            switch change {
            case .shorter: direction = tr(id: " (lebih singkat)", en: " (shorter)")
            case .longer: direction = tr(id: " (lebih lama)", en: " (longer)")
            default: direction = ""
            }
            return "~ \(subject): " + tr(id: "waktu", en: "time")
                + " \(before.map(\.description) ?? "-") → \(after.map(\.description) ?? "-")\(direction)"
        case .documentAdded(let role, let document, let isOptional):
            return "+ \(subject): \(Self.label(role)) \(document)\(isOptional ? optional : "")"
        case .documentRemoved(let role, let document, let wasOptional):
            return "- \(subject): \(Self.label(role)) \(document)\(wasOptional ? optional : "")"
        case .documentOptional(let role, let document, _, let isOptional):
            return "~ \(subject): \(Self.label(role)) \(document) "
                + (isOptional ? tr(id: "kini opsional", en: "now optional") : tr(id: "kini wajib", en: "now required"))
        case .remarks(let before, let after):
            return "~ \(subject): " + tr(id: "keterangan", en: "remarks") + " \(before.map(quoted) ?? "-") → \(after.map(quoted) ?? "-")"
        case .optional(let before, let after):
            return "~ \(subject): \(describe(before)) → \(describe(after))"
        case .escalation(let before, let after):
            return "~ \(subject): " + tr(id: "eskalasi", en: "escalation") + " \(before.map(describe) ?? "-") → \(after.map(describe) ?? "-")"
        case .question(let before, let after):
            return "~ \(subject): " + tr(id: "pertanyaan", en: "question") + " \(quoted(before)) → \(quoted(after))"
        case .rerouted(let branch, let before, let after):
            let what = branch.map { tr(id: "cabang \(quoted($0)) dialihkan:", en: "branch \(quoted($0)) now leads elsewhere:") }
                ?? tr(id: "langkah berikutnya dialihkan:", en: "next step changed:")
            return "~ \(subject): \(what) \(describe(before, isOld: true)) → \(describe(after, isOld: false))"
        case .branchAdded(let branch, let target, let rule):
            return "+ \(subject): " + tr(id: "cabang", en: "branch") + " \(quoted(branch)) → \(describe(target, isOld: false))"
                + (rule.map { tr(id: " (bila \($0))", en: " (when \($0))") } ?? "")
        case .branchRemoved(let branch, let target):
            return "- \(subject): " + tr(id: "cabang", en: "branch") + " \(quoted(branch)) → \(describe(target, isOld: true))"
        case .branchRule(let branch, let before, let after):
            return "~ \(subject): " + tr(id: "aturan cabang", en: "rule of branch")
                + " \(quoted(branch)): \(before.map(quoted) ?? "-") → \(after.map(quoted) ?? "-")"
        case .flow(let before, let after):
            return "~ \(subject): " + tr(id: "alur", en: "flow") + " \(describe(before, isOld: true)) → \(describe(after, isOld: false))"
        }
    }

    private static func label(_ role: DocumentRole) -> String {
        role == .input ? tr(id: "kelengkapan", en: "input") : "output"
    }

    private func quoted(_ text: String) -> String { "\"\(text)\"" }

    private func describe(_ performers: StepPerformers) -> String {
        let names = performers.actors.map(\.rawValue)
        switch performers.mode {
        case .single, .all: return names.joined(separator: " + ")
        case .any: return names.joined(separator: " / ")
        }
    }

    private func describe(_ optionality: StepOptionality) -> String {
        guard optionality.isOptional else { return tr(id: "wajib", en: "required") }
        return tr(id: "bila perlu", en: "if needed")
            + (optionality.when.map { tr(id: " (dikerjakan bila \($0))", en: " (done when \($0))") } ?? "")
    }

    private func describe(_ escalation: StepEscalation) -> String {
        let after = escalation.after?.description
        return after.map { tr(id: "\(escalation.to) setelah \($0)", en: "\(escalation.to) after \($0)") }
            ?? tr(id: "\(escalation.to) setelah waktu langkah habis", en: "\(escalation.to) when the step's time is up")
    }

    /// A target; a step of the old revision that the new one no longer has is marked removed.
    private func describe(_ target: FlowTarget, isOld: Bool) -> String {
        switch target {
        case .step(let id):
            return isOld && newNumbers[id] == nil ? "\(id) " + tr(id: "(dihapus)", en: "(removed)") : id.rawValue
        case .end(let outcome):
            return tr(id: "akhir (\(outcome))", en: "end (\(outcome))")
        case .handoff(let workflow, let note):
            return "SOP \(workflow)" + (note.map { " (\($0))" } ?? "")
        }
    }

    private func describe(_ flow: StepFlow, isOld: Bool) -> String {
        switch flow {
        case .none: return "-"
        case .next(let target): return tr(id: "lanjut ke ", en: "on to ") + describe(target, isOld: isOld)
        case .decision(let question, let branches):
            let list = branches.map { "\($0.label) → \(describe($0.target, isOld: isOld))" }.joined(separator: "; ")
            return tr(id: "keputusan", en: "decision") + " \(quoted(question)) (\(list))"
        }
    }

    // MARK: - Times

    private func timeLines() -> [String] {
        let times = diff.times
        func path(_ steps: [StepID], numbers: [StepID: Int]) -> String {
            guard !steps.isEmpty else { return "" }
            return " (" + tr(id: "langkah", en: "steps") + " " + steps.map { numbers[$0].map(String.init) ?? $0.rawValue }.joined(separator: " → ") + ")"
        }
        func line(_ label: String, _ change: WorkflowDiff.TimeChange) -> String {
            let before = (change.old?.description ?? "-") + path(change.oldPath, numbers: oldNumbers)
            let after = (change.new?.description ?? "-") + path(change.newPath, numbers: newNumbers)
            guard change.isChanged else { return "= \(label): \(after), " + tr(id: "tidak berubah", en: "unchanged") }
            let direction: String
            switch change.direction {
            case .shorter: direction = tr(id: ", lebih singkat", en: ", shorter")
            case .longer: direction = tr(id: ", lebih lama", en: ", longer")
            default: direction = ""
            }
            return "~ \(label): \(before) → \(after)\(direction)"
        }
        return [
            line(tr(id: "Jalur terpendek", en: "Shortest path"), times.shortest),
            line(tr(id: "Jalur terpanjang", en: "Longest path"), times.longest),
            line(tr(id: "Total Waktu (tertulis)", en: "Total time (as signed)"), times.declared),
        ]
    }
}

import SOPDiff
import SOPModel

/// A diff of two revisions as text: one line per change, marked `+` (added), `-` (removed) or
/// `~` (changed), in sections for the header, the definitions, the steps and the times.
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
        var text = "\(diff.workflow): revisi \(diff.old.revision) → revisi \(diff.new.revision)\n"
        text += "  lama: \(diff.old.file)\n"
        text += "  baru: \(diff.new.file)\n"
        guard !diff.isEquivalent else {
            return text + "\nTidak ada perubahan: revisi \(diff.old.revision) dan revisi \(diff.new.revision) setara.\n"
        }
        func section(_ title: String, _ lines: [String]) {
            guard !lines.isEmpty else { return }
            text += "\n\(title)\n" + lines.map { "  \($0)\n" }.joined()
        }
        section("Kepala dokumen", diff.header.map(line))
        section("Definisi", diff.definitions.map(line))
        section("Langkah", diff.steps.map(line))
        section("Waktu", timeLines())
        var counts: [String] = []
        if !diff.header.isEmpty { counts.append("kepala dokumen \(diff.header.count)") }
        if !diff.definitions.isEmpty { counts.append("definisi \(diff.definitions.count)") }
        if !diff.steps.isEmpty { counts.append("langkah \(diff.steps.count)") }
        let summary = counts.isEmpty ? "waktu" : counts.joined(separator: ", ")
        text += "\n\(diff.count) perubahan (\(summary)).\n"
        return text
    }

    // MARK: - Header

    private static func label(_ field: HeaderField) -> String {
        switch field {
        case .title: "Judul SOP"
        case .organization: "Instansi"
        case .number: "Nomor SOP"
        case .created: "Tanggal Pembuatan"
        case .revised: "Tanggal Revisi"
        case .effective: "Tanggal Efektif"
        case .approverName: "Disahkan Oleh (nama)"
        case .approverPosition: "Disahkan Oleh (jabatan)"
        case .approverRank: "Disahkan Oleh (pangkat)"
        case .approverNIP: "Disahkan Oleh (NIP)"
        case .legalBasis: "Dasar Hukum"
        case .qualifications: "Kualifikasi Pelaksana"
        case .related: "Keterkaitan"
        case .equipment: "Peralatan / Perlengkapan"
        case .warnings: "Peringatan"
        case .recording: "Pencatatan dan Pendataan"
        case .calendar: "Kalender kerja"
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
        case .reordered: return "~ \(label): urutan berubah"
        case .changed, .renamed: return "~ \(label): \(value(change.old)) → \(value(change.new))"
        }
    }

    // MARK: - Definitions

    private static func label(_ definition: DefinitionReference) -> String {
        switch definition {
        case .actor: "Pelaksana"
        case .document: "Dokumen"
        case .field: "Isian"
        case .channel: "Kanal"
        case .outcome: "Hasil akhir"
        case .intakeRule: "Persyaratan"
        }
    }

    private static func label(_ attribute: DefinitionAttribute) -> String {
        switch attribute {
        case .name: "nama"
        case .label: "label"
        case .description: "keterangan"
        case .external: "dari luar kantor"
        case .type: "tipe"
        case .required: "wajib"
        case .status: "status"
        case .message: "pesan"
        case .rule: "aturan"
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
        case .renamed: return "~ \(subject): id diganti, dulu \(change.old ?? "-") (nama sama: \(change.name))"
        case .reordered: return "~ \(subject): urutan berubah"
        case .changed:
            guard let attribute = change.attribute else { return "~ \(subject)" }
            func value(_ text: String?) -> String {
                guard let text else { return "-" }
                switch attribute {
                case .external, .required: return text == "true" ? "ya" : "tidak"
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
        if let before = change.oldNumber, let after = change.newNumber, before != after { subject += " (dulu \(before))" }
        switch change.detail {
        case .added(let activity):
            return "+ \(subject) (baru): \(activity)"
        case .removed(let activity):
            return "- \(subject) (dihapus): \(activity)"
        case .renamed(let from, let evidence):
            let reason = evidence == .sameActivity ? "kegiatan sama" : "pelaksana, urutan dan output sama"
            return "~ \(subject): id diganti, dulu \(from) (dugaan: \(reason))"
        case .moved(let from, let to):
            return "~ \(subject): dipindah dari urutan \(from) ke \(to)"
        case .activity(let before, let after):
            return "~ \(subject): kegiatan \(quoted(before)) → \(quoted(after))"
        case .performers(let before, let after):
            return "~ \(subject): pelaksana \(describe(before)) → \(describe(after))"
        case .budget(let before, let after):
            let direction: String
            switch TimeDirection.between(before, after) {
            case .shorter: direction = " (lebih singkat)"
            case .longer: direction = " (lebih lama)"
            default: direction = ""
            }
            return "~ \(subject): waktu \(before.map(\.description) ?? "-") → \(after.map(\.description) ?? "-")\(direction)"
        case .documentAdded(let role, let document, let isOptional):
            return "+ \(subject): \(Self.label(role)) \(document)\(isOptional ? " (opsional)" : "")"
        case .documentRemoved(let role, let document, let wasOptional):
            return "- \(subject): \(Self.label(role)) \(document)\(wasOptional ? " (opsional)" : "")"
        case .documentOptional(let role, let document, _, let isOptional):
            return "~ \(subject): \(Self.label(role)) \(document) kini \(isOptional ? "opsional" : "wajib")"
        case .remarks(let before, let after):
            return "~ \(subject): keterangan \(before.map(quoted) ?? "-") → \(after.map(quoted) ?? "-")"
        case .optional(let before, let after):
            return "~ \(subject): \(describe(before)) → \(describe(after))"
        case .escalation(let before, let after):
            return "~ \(subject): eskalasi \(before.map(describe) ?? "-") → \(after.map(describe) ?? "-")"
        case .question(let before, let after):
            return "~ \(subject): pertanyaan \(quoted(before)) → \(quoted(after))"
        case .rerouted(let branch, let before, let after):
            let what = branch.map { "cabang \(quoted($0)) dialihkan:" } ?? "langkah berikutnya dialihkan:"
            return "~ \(subject): \(what) \(describe(before, isOld: true)) → \(describe(after, isOld: false))"
        case .branchAdded(let branch, let target, let rule):
            return "+ \(subject): cabang \(quoted(branch)) → \(describe(target, isOld: false))" + (rule.map { " (bila \($0))" } ?? "")
        case .branchRemoved(let branch, let target):
            return "- \(subject): cabang \(quoted(branch)) → \(describe(target, isOld: true))"
        case .branchRule(let branch, let before, let after):
            return "~ \(subject): aturan cabang \(quoted(branch)): \(before.map(quoted) ?? "-") → \(after.map(quoted) ?? "-")"
        case .flow(let before, let after):
            return "~ \(subject): alur \(describe(before, isOld: true)) → \(describe(after, isOld: false))"
        }
    }

    private static func label(_ role: DocumentRole) -> String {
        role == .input ? "kelengkapan" : "output"
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
        guard optionality.isOptional else { return "wajib" }
        return "bila perlu" + (optionality.when.map { " (dikerjakan bila \($0))" } ?? "")
    }

    private func describe(_ escalation: StepEscalation) -> String {
        "\(escalation.to) setelah \(escalation.after?.description ?? "waktu langkah habis")"
    }

    /// A target; a step of the old revision that the new one no longer has is marked removed.
    private func describe(_ target: FlowTarget, isOld: Bool) -> String {
        switch target {
        case .step(let id):
            return isOld && newNumbers[id] == nil ? "\(id) (dihapus)" : id.rawValue
        case .end(let outcome):
            return "akhir (\(outcome))"
        case .handoff(let workflow, let note):
            return "SOP \(workflow)" + (note.map { " (\($0))" } ?? "")
        }
    }

    private func describe(_ flow: StepFlow, isOld: Bool) -> String {
        switch flow {
        case .none: return "-"
        case .next(let target): return "lanjut ke \(describe(target, isOld: isOld))"
        case .decision(let question, let branches):
            let list = branches.map { "\($0.label) → \(describe($0.target, isOld: isOld))" }.joined(separator: "; ")
            return "keputusan \(quoted(question)) (\(list))"
        }
    }

    // MARK: - Times

    private func timeLines() -> [String] {
        let times = diff.times
        func path(_ steps: [StepID], numbers: [StepID: Int]) -> String {
            guard !steps.isEmpty else { return "" }
            return " (langkah " + steps.map { numbers[$0].map(String.init) ?? $0.rawValue }.joined(separator: " → ") + ")"
        }
        func line(_ label: String, _ change: WorkflowDiff.TimeChange) -> String {
            let before = (change.old?.description ?? "-") + path(change.oldPath, numbers: oldNumbers)
            let after = (change.new?.description ?? "-") + path(change.newPath, numbers: newNumbers)
            guard change.isChanged else { return "= \(label): \(after), tidak berubah" }
            let direction: String
            switch change.direction {
            case .shorter: direction = ", lebih singkat"
            case .longer: direction = ", lebih lama"
            default: direction = ""
            }
            return "~ \(label): \(before) → \(after)\(direction)"
        }
        return [
            line("Jalur terpendek", times.shortest),
            line("Jalur terpanjang", times.longest),
            line("Total Waktu (tertulis)", times.declared),
        ]
    }
}

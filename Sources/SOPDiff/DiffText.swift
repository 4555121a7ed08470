import SOPCore
import SOPModel

/// A diff of two revisions as text: one line per change, marked `+` (added), `-` (removed) or
/// `~` (changed), in sections for the header, the definitions, the steps and the times.
///
/// Its own words are in `language`; what the SOPs say (activities, names, ids, rules, times) is
/// shown as written.
public struct DiffText: Sendable {
    /// The diff written.
    public let diff: WorkflowDiff
    /// The language of the text's own words (section titles, labels, what changed).
    public let language: Language
    /// Step numbers (1-based, file order) of the old and the new revision.
    private let oldNumbers: [StepID: Int]
    private let newNumbers: [StepID: Int]
    /// The levels of escalation of the whole case of the old and the new revision, for its line.
    private let oldCaseLevels: [StepEscalation]
    private let newCaseLevels: [StepEscalation]

    /// Creates the text of the diff of `old` and `new`, its words in `language`.
    public init(diff: WorkflowDiff, old: Workflow, new: Workflow, language: Language) {
        self.diff = diff
        self.language = language
        func numbers(_ workflow: Workflow) -> [StepID: Int] {
            Dictionary(workflow.steps.enumerated().map { ($1.id.value, $0 + 1) }, uniquingKeysWith: { first, _ in first })
        }
        oldNumbers = numbers(old)
        newNumbers = numbers(new)
        oldCaseLevels = old.escalations.map { StepEscalation($0) }
        newCaseLevels = new.escalations.map { StepEscalation($0) }
    }

    /// A text in the diff's language.
    private func words(_ text: Text) -> String { text(language) }

    /// The text, each line ending in a line break.
    public func render() -> String {
        let revision = words(Text(id: "revisi", en: "revision"))
        var text = "\(diff.workflow): \(revision) \(diff.old.revision) → \(revision) \(diff.new.revision)\n"
        text += words(Text(id: "  lama: ", en: "  old: ")) + "\(diff.old.file)\n"
        text += words(Text(id: "  baru: ", en: "  new: ")) + "\(diff.new.file)\n"
        guard !diff.isEquivalent else {
            return text + words(Text(
                id: "\nTidak ada perubahan: revisi \(diff.old.revision) dan revisi \(diff.new.revision) setara.\n",
                en: "\nNo changes: revisions \(diff.old.revision) and \(diff.new.revision) are equivalent.\n"))
        }
        func section(_ title: String, _ lines: [String]) {
            guard !lines.isEmpty else { return }
            text += "\n\(title)\n" + lines.map { "  \($0)\n" }.joined()
        }
        section(words(Text(id: "Kepala dokumen", en: "Header")), diff.header.map(line))
        section(words(Text(id: "Definisi", en: "Definitions")), diff.definitions.map(line))
        section(words(Text(id: "Langkah", en: "Steps")), diff.steps.map(line))
        section(words(Text(id: "Waktu", en: "Times")), timeLines())
        var counts: [String] = []
        if !diff.header.isEmpty { counts.append(words(Text(id: "kepala dokumen", en: "header")) + " \(diff.header.count)") }
        if !diff.definitions.isEmpty { counts.append(words(Text(id: "definisi", en: "definitions")) + " \(diff.definitions.count)") }
        if !diff.steps.isEmpty { counts.append(words(Text(id: "langkah", en: "steps")) + " \(diff.steps.count)") }
        let summary = counts.isEmpty ? words(Text(id: "waktu", en: "times")) : counts.joined(separator: ", ")
        text += words(Text(id: "\n\(diff.count) perubahan (\(summary)).\n", en: "\n\(diff.count) change(s) (\(summary)).\n"))
        return text
    }

    // MARK: - Header

    private func label(_ field: HeaderField) -> String {
        switch field {
        case .title: words(Text(id: "Judul SOP", en: "SOP title"))
        case .organization: words(Text(id: "Instansi", en: "Organization"))
        case .number: words(Text(id: "Nomor SOP", en: "SOP number"))
        case .created: words(Text(id: "Tanggal Pembuatan", en: "Date created"))
        case .revised: words(Text(id: "Tanggal Revisi", en: "Date revised"))
        case .effective: words(Text(id: "Tanggal Efektif", en: "Date effective"))
        case .approverName: words(Text(id: "Disahkan Oleh (nama)", en: "Approved by (name)"))
        case .approverPosition: words(Text(id: "Disahkan Oleh (jabatan)", en: "Approved by (position)"))
        case .approverRank: words(Text(id: "Disahkan Oleh (pangkat)", en: "Approved by (rank)"))
        case .approverNIP: words(Text(id: "Disahkan Oleh (NIP)", en: "Approved by (NIP)"))
        case .legalBasis: words(Text(id: "Dasar Hukum", en: "Legal basis"))
        case .qualifications: words(Text(id: "Kualifikasi Pelaksana", en: "Qualifications of the performers"))
        case .related: words(Text(id: "Keterkaitan", en: "Related SOPs"))
        case .equipment: words(Text(id: "Peralatan / Perlengkapan", en: "Equipment"))
        case .warnings: words(Text(id: "Peringatan", en: "Warnings"))
        case .recording: words(Text(id: "Pencatatan dan Pendataan", en: "Recording"))
        case .calendar: words(Text(id: "Kalender kerja", en: "Calendar"))
        case .escalation: words(Text(id: "Eskalasi seluruh pengaduan", en: "Escalation of the whole case"))
        }
    }

    private func line(_ change: HeaderChange) -> String {
        let label = self.label(change.field)
        if change.field == .escalation {
            return "~ \(label): \(describe(oldCaseLevels, ofCase: true)) → \(describe(newCaseLevels, ofCase: true))"
        }
        func value(_ text: String?) -> String {
            guard let text else { return "-" }
            switch change.field {
            case .created, .revised, .effective: return CivilDate(text)?.written(in: language) ?? text
            default: return text
            }
        }
        switch change.kind {
        case .added: return "+ \(label): \(value(change.new))"
        case .removed: return "- \(label): \(value(change.old))"
        case .reordered: return "~ \(label): " + words(Text(id: "urutan berubah", en: "order changed"))
        case .changed, .renamed: return "~ \(label): \(value(change.old)) → \(value(change.new))"
        }
    }

    // MARK: - Definitions

    private func label(_ definition: DefinitionReference) -> String {
        switch definition {
        case .actor: words(Text(id: "Pelaksana", en: "Actor"))
        case .document: words(Text(id: "Dokumen", en: "Document"))
        case .field: words(Text(id: "Isian", en: "Field"))
        case .channel: words(Text(id: "Kanal", en: "Channel"))
        case .outcome: words(Text(id: "Hasil akhir", en: "Outcome"))
        case .intakeRule: words(Text(id: "Persyaratan", en: "Intake rule"))
        }
    }

    private func label(_ attribute: DefinitionAttribute) -> String {
        switch attribute {
        case .name: words(Text(id: "nama", en: "name"))
        case .label: "label"
        case .description: words(Text(id: "keterangan", en: "description"))
        case .external: words(Text(id: "dari luar kantor", en: "external"))
        case .type: words(Text(id: "tipe", en: "type"))
        case .required: words(Text(id: "wajib", en: "required"))
        case .status: "status"
        case .message: words(Text(id: "pesan", en: "message"))
        case .rule: words(Text(id: "aturan", en: "rule"))
        }
    }

    private func line(_ change: DefinitionChange) -> String {
        var subject = "\(label(change.definition)) "
        if case .intakeRule(let rule) = change.definition {
            subject += change.attribute == .rule ? "(\(change.name))" : quoted(rule)
        } else {
            subject += change.definition.id
        }
        switch change.kind {
        case .added: return "+ \(subject): \(change.name)"
        case .removed: return "- \(subject): \(change.name)"
        case .renamed:
            return "~ \(subject): " + words(Text(
                id: "id diganti, dulu \(change.old ?? "-") (nama sama: \(change.name))",
                en: "id changed, was \(change.old ?? "-") (same name: \(change.name))"))
        case .reordered: return "~ \(subject): " + words(Text(id: "urutan berubah", en: "order changed"))
        case .changed:
            guard let attribute = change.attribute else { return "~ \(subject)" }
            func value(_ text: String?) -> String {
                guard let text else { return "-" }
                switch attribute {
                case .external, .required: return text == "true" ? words(Text(id: "ya", en: "yes")) : words(Text(id: "tidak", en: "no"))
                case .type, .status: return text
                default: return quoted(text)
                }
            }
            return "~ \(subject): \(label(attribute)) \(value(change.old)) → \(value(change.new))"
        }
    }

    // MARK: - Steps

    private func line(_ change: StepChange) -> String {
        var subject = "\(change.newNumber ?? change.oldNumber ?? 0). \(change.step)"
        if let before = change.oldNumber, let after = change.newNumber, before != after {
            subject += words(Text(id: " (dulu \(before))", en: " (was \(before))"))
        }
        let optional = words(Text(id: " (opsional)", en: " (optional)"))
        switch change.detail {
        case .added(let activity):
            return "+ \(subject) " + words(Text(id: "(baru)", en: "(new)")) + ": \(activity)"
        case .removed(let activity):
            return "- \(subject) " + words(Text(id: "(dihapus)", en: "(removed)")) + ": \(activity)"
        case .renamed(let from, let evidence):
            let reason = evidence == .sameActivity
                ? words(Text(id: "kegiatan sama", en: "same activity"))
                : words(Text(id: "pelaksana, urutan dan output sama", en: "same actors, position and outputs"))
            return "~ \(subject): " + words(Text(
                id: "id diganti, dulu \(from) (dugaan: \(reason))",
                en: "id changed, was \(from) (guessed: \(reason))"))
        case .moved(let from, let to):
            return "~ \(subject): " + words(Text(id: "dipindah dari urutan \(from) ke \(to)", en: "moved from position \(from) to \(to)"))
        case .activity(let before, let after):
            return "~ \(subject): " + words(Text(id: "kegiatan", en: "activity")) + " \(quoted(before)) → \(quoted(after))"
        case .performers(let before, let after):
            return "~ \(subject): " + words(Text(id: "pelaksana", en: "actors")) + " \(describe(before)) → \(describe(after))"
        case .budget(let before, let after, let change):
            let direction: String
            switch change {
            case .shorter: direction = words(Text(id: " (lebih singkat)", en: " (shorter)"))
            case .longer: direction = words(Text(id: " (lebih lama)", en: " (longer)"))
            default: direction = ""
            }
            return "~ \(subject): " + words(Text(id: "waktu", en: "time"))
                + " \(before.map(\.description) ?? "-") → \(after.map(\.description) ?? "-")\(direction)"
        case .documentAdded(let role, let document, let isOptional):
            return "+ \(subject): \(label(role)) \(document)\(isOptional ? optional : "")"
        case .documentRemoved(let role, let document, let wasOptional):
            return "- \(subject): \(label(role)) \(document)\(wasOptional ? optional : "")"
        case .documentOptional(let role, let document, _, let isOptional):
            return "~ \(subject): \(label(role)) \(document) "
                + (isOptional ? words(Text(id: "kini opsional", en: "now optional")) : words(Text(id: "kini wajib", en: "now required")))
        case .remarks(let before, let after):
            return "~ \(subject): " + words(Text(id: "keterangan", en: "remarks")) + " \(before.map(quoted) ?? "-") → \(after.map(quoted) ?? "-")"
        case .optional(let before, let after):
            return "~ \(subject): \(describe(before)) → \(describe(after))"
        case .escalation(let before, let after):
            return "~ \(subject): " + words(Text(id: "eskalasi", en: "escalation"))
                + " \(describe(before, ofCase: false)) → \(describe(after, ofCase: false))"
        case .question(let before, let after):
            return "~ \(subject): " + words(Text(id: "pertanyaan", en: "question")) + " \(quoted(before)) → \(quoted(after))"
        case .rerouted(let branch, let before, let after):
            let what = branch.map { words(Text(id: "cabang \(quoted($0)) dialihkan:", en: "branch \(quoted($0)) now leads elsewhere:")) }
                ?? words(Text(id: "langkah berikutnya dialihkan:", en: "next step changed:"))
            return "~ \(subject): \(what) \(describe(before, isOld: true)) → \(describe(after, isOld: false))"
        case .branchAdded(let branch, let target, let rule):
            return "+ \(subject): " + words(Text(id: "cabang", en: "branch")) + " \(quoted(branch)) → \(describe(target, isOld: false))"
                + (rule.map { words(Text(id: " (bila \($0))", en: " (when \($0))")) } ?? "")
        case .branchRemoved(let branch, let target):
            return "- \(subject): " + words(Text(id: "cabang", en: "branch")) + " \(quoted(branch)) → \(describe(target, isOld: true))"
        case .branchRule(let branch, let before, let after):
            return "~ \(subject): " + words(Text(id: "aturan cabang", en: "rule of branch"))
                + " \(quoted(branch)): \(before.map(quoted) ?? "-") → \(after.map(quoted) ?? "-")"
        case .flow(let before, let after):
            return "~ \(subject): " + words(Text(id: "alur", en: "flow")) + " \(describe(before, isOld: true)) → \(describe(after, isOld: false))"
        }
    }

    private func label(_ role: DocumentRole) -> String {
        role == .input ? words(Text(id: "kelengkapan", en: "input")) : "output"
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
        guard optionality.isOptional else { return words(Text(id: "wajib", en: "required")) }
        return words(Text(id: "bila perlu", en: "if needed"))
            + (optionality.when.map { words(Text(id: " (dikerjakan bila \($0))", en: " (done when \($0))")) } ?? "")
    }

    /// Levels of escalation in order, `-` for none: `kepala-bidang setelah waktu langkah habis,
    /// lalu kepala-dinas setelah 2 hari`.
    private func describe(_ levels: [StepEscalation], ofCase: Bool) -> String {
        guard !levels.isEmpty else { return "-" }
        return levels.map { level in
            if let after = level.after {
                return words(Text(id: "\(level.to) setelah \(after)", en: "\(level.to) after \(after)"))
            }
            return ofCase
                ? words(Text(id: "\(level.to) setelah total waktu habis", en: "\(level.to) when the case's total time is up"))
                : words(Text(id: "\(level.to) setelah waktu langkah habis", en: "\(level.to) when the step's time is up"))
        }.joined(separator: words(Text(id: ", lalu ", en: ", then ")))
    }

    /// A target; a step of the old revision that the new one no longer has is marked removed.
    private func describe(_ target: FlowTarget, isOld: Bool) -> String {
        switch target {
        case .step(let id):
            return isOld && newNumbers[id] == nil ? "\(id) " + words(Text(id: "(dihapus)", en: "(removed)")) : id.rawValue
        case .end(let outcome):
            return words(Text(id: "akhir (\(outcome))", en: "end (\(outcome))"))
        case .handoff(let target, let note):
            return target.sopName + (note.map { " (\($0))" } ?? "")
        }
    }

    private func describe(_ flow: StepFlow, isOld: Bool) -> String {
        switch flow {
        case .none: return "-"
        case .next(let target): return words(Text(id: "lanjut ke ", en: "on to ")) + describe(target, isOld: isOld)
        case .decision(let question, let branches):
            let list = branches.map { "\($0.label) → \(describe($0.target, isOld: isOld))" }.joined(separator: "; ")
            return words(Text(id: "keputusan", en: "decision")) + " \(quoted(question)) (\(list))"
        }
    }

    // MARK: - Times

    private func timeLines() -> [String] {
        let times = diff.times
        func path(_ steps: [StepID], numbers: [StepID: Int]) -> String {
            guard !steps.isEmpty else { return "" }
            return " (" + words(Text(id: "langkah", en: "steps")) + " " + steps.map { numbers[$0].map(String.init) ?? $0.rawValue }.joined(separator: " → ") + ")"
        }
        func line(_ label: String, _ change: WorkflowDiff.TimeChange) -> String {
            let before = (change.old?.description ?? "-") + path(change.oldPath, numbers: oldNumbers)
            let after = (change.new?.description ?? "-") + path(change.newPath, numbers: newNumbers)
            guard change.isChanged else { return "= \(label): \(after), " + words(Text(id: "tidak berubah", en: "unchanged")) }
            let direction: String
            switch change.direction {
            case .shorter: direction = words(Text(id: ", lebih singkat", en: ", shorter"))
            case .longer: direction = words(Text(id: ", lebih lama", en: ", longer"))
            default: direction = ""
            }
            return "~ \(label): \(before) → \(after)\(direction)"
        }
        return [
            line(words(Text(id: "Jalur terpendek", en: "Shortest path")), times.shortest),
            line(words(Text(id: "Jalur terpanjang", en: "Longest path")), times.longest),
            line(words(Text(id: "Total Waktu (tertulis)", en: "Total time (as signed)")), times.declared),
        ]
    }
}

import SOPCore
import SOPModel

/// A new revision of an SOP against the old one: same SOP, higher number, what breaks for cases in flight.
enum RevisionCheck {
    static func check(new: Workflow, old: Workflow) -> [Diagnostic] {
        guard new.id.value == old.id.value else {
            return [Diagnostic(.revisionOtherWorkflow, at: new.id.location,
                Text(
                    id: "alur kerja '\(new.id.value)' bukan revisi dari '\(old.id.value)' (\(old.file))",
                    en: "workflow '\(new.id.value)' is not a revision of '\(old.id.value)' (\(old.file))"))]
        }
        var diagnostics: [Diagnostic] = []
        if new.revision.value <= old.revision.value {
            diagnostics.append(Diagnostic(.revisionNotHigher, at: new.revision.location,
                Text(
                    id: "revisi \(new.revision.value) tidak lebih tinggi dari revisi lama \(old.revision.value)",
                    en: "revision \(new.revision.value) is not higher than the old revision \(old.revision.value)"),
                hint: Text(id: "tetapkan `revision: \(old.revision.value + 1)`", en: "set `revision: \(old.revision.value + 1)`")))
        }
        let newSteps = Set(new.steps.map(\.id.value))
        let added = new.steps.filter { step in !old.steps.contains { $0.id.value == step.id.value } }
        for step in old.steps where !newSteps.contains(step.id.value) {
            let renamedTo = added.first { $0.activity == step.activity }
            let message = renamedTo.map {
                Text(
                    id: "langkah '\(step.id.value)' diganti namanya menjadi '\($0.id.value)'",
                    en: "step '\(step.id.value)' was renamed to '\($0.id.value)'")
            } ?? Text(
                id: "langkah '\(step.id.value)' (\(step.activity)) dihapus",
                en: "step '\(step.id.value)' (\(step.activity)) was removed")
            let location = renamedTo?.id.location ?? new.id.location
            let mapping = renamedTo.map { Text(verbatim: "\(step.id.value)=\($0.id.value)") }
                ?? Text(id: "\(step.id.value)=LANGKAH_BARU", en: "\(step.id.value)=NEW_STEP")
            diagnostics.append(Diagnostic(.stepRemoved, at: location,
                message + Text(id: "; berdampak pada pengaduan yang sedang berjalan", en: "; breaking for cases in flight"),
                hint: Text(
                    id: "pengaduan yang berada pada '\(step.id.value)' memerlukan pemetaan langkah (\(mapping.id)) "
                        + "untuk pindah ke revisi \(new.revision.value)",
                    en: "cases standing on '\(step.id.value)' need a step mapping (\(mapping.en)) to move to revision \(new.revision.value)"),
                notes: [.init(
                    location: step.id.location,
                    message: Text(id: "langkah ini pada revisi \(old.revision.value)", en: "the step in revision \(old.revision.value)"))]))
        }
        func removed<Tag>(_ oldIDs: [Located<Identifier<Tag>>], _ newIDs: [Located<Identifier<Tag>>], what: Text) {
            let kept = Set(newIDs.map(\.value))
            for id in oldIDs where !kept.contains(id.value) {
                diagnostics.append(Diagnostic(.definitionRemoved, at: new.id.location,
                    Text(
                        id: "\(what.id) '\(id.value)' dihapus; berdampak pada pengaduan yang sedang berjalan yang memuatnya",
                        en: "\(what.en) '\(id.value)' was removed; breaking for cases in flight that carry it"),
                    hint: Text(
                        id: "pertahankan \(what.id) ini selama pengaduan yang memakainya masih terbuka, atau pindahkan pengaduan itu",
                        en: "keep the \(what.en) while cases that use it are open, or move them to the new revision (`sop move`)"),
                    notes: [.init(
                        location: id.location,
                        message: Text(
                            id: "dinyatakan di sini pada revisi \(old.revision.value)",
                            en: "declared here in revision \(old.revision.value)"))]))
            }
        }
        removed(old.fields.map(\.id), new.fields.map(\.id), what: Text(id: "isian", en: "field"))
        removed(old.channels.map(\.id), new.channels.map(\.id), what: Text(id: "kanal", en: "channel"))
        removed(old.outcomes.map(\.id), new.outcomes.map(\.id), what: Text(id: "hasil akhir", en: "outcome"))
        removed(old.documents.map(\.id), new.documents.map(\.id), what: Text(id: "dokumen", en: "document"))
        return diagnostics
    }
}

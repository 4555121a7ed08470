import SOPCore
import SOPModel

/// An SOP as the signed document lays it out, as plain text: the header, then the flow table,
/// then the times.
///
/// The labels are the signed document's own in Bahasa Indonesia, and their English equivalents
/// in English; what the SOP says (titles, activities, names, times) is shown as written.
public struct SOPDocumentText: Sendable {
    /// The workflow written.
    public var workflow: Workflow
    /// The shortest and longest paths' times, written after the total; nil to leave them out.
    public var times: PathTimes?
    /// The language of the labels.
    public var language: Language

    /// Creates the text of a workflow's signed document, its labels in `language`.
    public init(workflow: Workflow, times: PathTimes?, language: Language) {
        self.workflow = workflow
        self.times = times
        self.language = language
    }

    /// A text in the document's language.
    private func words(_ text: Text) -> String { text(language) }

    /// `12 September 2023`, or `-` for no date.
    private func date(_ date: CivilDate?) -> String { date?.written(in: language) ?? "-" }

    /// The text, wrapped to `width` characters, each line ending in a line break.
    public func render(width: Int) -> String {
        let header = workflow.document
        var text = ""
        for line in header.organization { text += line + "\n" }
        if !header.organization.isEmpty { text += "\n" }
        func field(_ label: String, _ value: String) {
            let lines = TextTable.wrap(value, width: max(20, width - 20))
            text += TextTable.pad(label, to: 20) + lines.joined(separator: "\n" + String(repeating: " ", count: 20)) + "\n"
        }
        func list(_ label: String, _ items: [String]) {
            guard !items.isEmpty else { return }
            text += label + ":\n"
            for (index, item) in items.enumerated() {
                let lines = TextTable.wrap(item, width: max(20, width - 6))
                text += "  \(index + 1). " + lines.joined(separator: "\n      ") + "\n"
            }
        }
        field(words(Text(id: "Nomor SOP", en: "SOP number")), header.number ?? "-")
        field(words(Text(id: "Tanggal Pembuatan", en: "Date created")), date(header.created))
        field(words(Text(id: "Tanggal Revisi", en: "Date revised")), date(header.revised))
        field(words(Text(id: "Tanggal Efektif", en: "Date effective")), date(header.effective))
        if let approver = header.approvedBy {
            var parts = [approver.position, approver.name]
            if let rank = approver.rank { parts.append(rank) }
            if let nip = approver.nip { parts.append("NIP. \(nip.value)") }
            field(words(Text(id: "Disahkan Oleh", en: "Approved by")), parts.joined(separator: " — "))
        }
        field(words(Text(id: "Judul SOP", en: "SOP title")), workflow.title.uppercased())
        field(
            words(Text(id: "Alur kerja", en: "Workflow")),
            words(Text(
                id: "\(workflow.id.value), revisi \(workflow.revision.value)",
                en: "\(workflow.id.value), revision \(workflow.revision.value)")))
        text += "\n"
        list(words(Text(id: "Dasar Hukum", en: "Legal basis")), header.legalBasis)
        list(words(Text(id: "Kualifikasi Pelaksana", en: "Qualifications of the performers")), header.qualifications)
        list(words(Text(id: "Keterkaitan", en: "Related SOPs")), header.related.map { related in
            [related.title, related.workflow.map { words(Text(id: "(alur kerja \($0.value))", en: "(workflow \($0.value))")) }]
                .compactMap { $0 }.joined(separator: " ")
        })
        list(words(Text(id: "Peralatan / Perlengkapan", en: "Equipment")), header.equipment)
        list(words(Text(id: "Peringatan", en: "Warnings")), header.warnings)
        if let recording = header.recording {
            text += words(Text(id: "Pencatatan dan Pendataan", en: "Recording")) + ":\n  "
                + TextTable.wrap(recording, width: max(20, width - 2)).joined(separator: "\n  ") + "\n"
        }
        text += "\n"

        var table = TextTable(columns: [
            .init(header: "No", width: 3, weight: 0),
            .init(header: words(Text(id: "Kegiatan", en: "Activity")), width: nil, weight: 4),
            .init(header: words(Text(id: "Pelaksana", en: "Actor")), width: nil, weight: 2),
            .init(header: words(Text(id: "Kelengkapan", en: "Inputs")), width: nil, weight: 3),
            .init(header: words(Text(id: "Waktu", en: "Time")), width: 10, weight: 0),
            .init(header: words(Text(id: "Output", en: "Outputs")), width: nil, weight: 3),
            .init(header: words(Text(id: "Alur", en: "Flow")), width: 14, weight: 0),
        ])
        let number = Dictionary(workflow.steps.enumerated().map { ($1.id.value, $0 + 1) }, uniquingKeysWith: { first, _ in first })
        for (index, step) in workflow.steps.enumerated() {
            var activity = step.activity
            if step.isOptional { activity += words(Text(id: "\n(bila perlu)", en: "\n(if needed)")) }
            table.rows.append([
                "\(index + 1).",
                activity,
                performers(step.performers),
                documents(step.inputs),
                step.budgetText ?? "-",
                documents(step.outputs),
                flow(step, number: number),
            ])
        }
        text += table.render(totalWidth: width)
        let remarks = workflow.steps.enumerated().filter { $0.element.remarks != nil }
        if !remarks.isEmpty {
            text += words(Text(id: "\nKeterangan:\n", en: "\nRemarks:\n"))
            for (index, step) in remarks {
                let lines = TextTable.wrap(words(Text(id: "Langkah", en: "Step")) + " \(index + 1): " + (step.remarks ?? ""), width: max(20, width - 2))
                text += "  " + lines.joined(separator: "\n  ") + "\n"
            }
        }
        text += "\n"
        field(
            words(Text(id: "Total Waktu", en: "Total time")), workflow.total.map { total in
                words(workflow.totalIsMaximum
                    ? Text(id: "paling lama \(total.value) (tertulis)", en: "at most \(total.value) (as signed)")
                    : Text(id: "\(total.value) (tertulis)", en: "\(total.value) (as signed)"))
            } ?? "-")
        if let times {
            let names = { (path: [StepID]) in path.compactMap { number[$0].map(String.init) }.joined(separator: " → ") }
            let steps = words(Text(id: "langkah", en: "steps"))
            field(words(Text(id: "Jalur terpendek", en: "Shortest path")), "\(times.shortest) (\(steps) \(names(times.shortestPath)))")
            field(words(Text(id: "Jalur terpanjang", en: "Longest path")), "\(times.longest) (\(steps) \(names(times.longestPath)))")
        }
        return text
    }

    private func performers(_ performers: Performers) -> String {
        let name = { (id: Located<ActorID>) in workflow.actor(id.value)?.name ?? id.value.rawValue }
        switch performers {
        case .single(let actor): return name(actor)
        case .all(let actors): return actors.map(name).joined(separator: " + ")
        case .any(let actors): return actors.map(name).joined(separator: " / ")
        }
    }

    private func documents(_ uses: [DocumentUse]) -> String {
        guard !uses.isEmpty else { return "-" }
        return uses.enumerated().map { index, use in
            let name = workflow.document(use.document.value)?.name ?? use.document.value.rawValue
            return (uses.count > 1 ? "\(index + 1). " : "") + name + (use.isOptional ? words(Text(id: " (opsional)", en: " (optional)")) : "")
        }.joined(separator: "\n")
    }

    private func flow(_ step: Step, number: [StepID: Int]) -> String {
        func target(_ target: Target) -> String {
            switch target {
            case .step(let id): "→ \(number[id.value].map(String.init) ?? id.value.rawValue)"
            case .end: words(Text(id: "→ selesai", en: "→ end"))
            case .handoff(let handoff): "→ \(handoff.target.sopName)"
            }
        }
        switch step.transition {
        case .none: return "-"
        case .target(let value): return target(value)
        case .decision(let decision):
            return decision.branches.map { "\($0.label.value) \(target($0.target))" }.joined(separator: "\n")
        }
    }
}

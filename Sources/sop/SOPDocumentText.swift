import SOPCore
import SOPModel
import SOPValidation

/// An SOP as the signed document lays it out: the header, then the flow table, then the times.
///
/// The labels are the signed document's own in Bahasa Indonesia, and their English equivalents
/// with `--lang en`; what the SOP says (titles, activities, names, times) is shown as written.
struct SOPDocumentText {
    let workflow: Workflow
    let times: PathTimes?

    /// `12 September 2023`, or `-` for no date.
    private func date(_ date: CivilDate?) -> String { date?.written(in: language) ?? "-" }

    func render(width: Int) -> String {
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
        field(tr(id: "Nomor SOP", en: "SOP number"), header.number ?? "-")
        field(tr(id: "Tanggal Pembuatan", en: "Date created"), date(header.created))
        field(tr(id: "Tanggal Revisi", en: "Date revised"), date(header.revised))
        field(tr(id: "Tanggal Efektif", en: "Date effective"), date(header.effective))
        if let approver = header.approvedBy {
            var parts = [approver.position, approver.name]
            if let rank = approver.rank { parts.append(rank) }
            if let nip = approver.nip { parts.append("NIP. \(nip.value)") }
            field(tr(id: "Disahkan Oleh", en: "Approved by"), parts.joined(separator: " — "))
        }
        field(tr(id: "Judul SOP", en: "SOP title"), workflow.title.uppercased())
        field(
            tr(id: "Alur kerja", en: "Workflow"),
            tr(
                id: "\(workflow.id.value), revisi \(workflow.revision.value)",
                en: "\(workflow.id.value), revision \(workflow.revision.value)"))
        text += "\n"
        list(tr(id: "Dasar Hukum", en: "Legal basis"), header.legalBasis)
        list(tr(id: "Kualifikasi Pelaksana", en: "Qualifications of the performers"), header.qualifications)
        list(tr(id: "Keterkaitan", en: "Related SOPs"), header.related.map { related in
            [related.title, related.workflow.map { tr(id: "(alur kerja \($0.value))", en: "(workflow \($0.value))") }]
                .compactMap { $0 }.joined(separator: " ")
        })
        list(tr(id: "Peralatan / Perlengkapan", en: "Equipment"), header.equipment)
        list(tr(id: "Peringatan", en: "Warnings"), header.warnings)
        if let recording = header.recording {
            text += tr(id: "Pencatatan dan Pendataan", en: "Recording") + ":\n  "
                + TextTable.wrap(recording, width: max(20, width - 2)).joined(separator: "\n  ") + "\n"
        }
        text += "\n"

        var table = TextTable(columns: [
            .init(header: "No", width: 3, weight: 0),
            .init(header: tr(id: "Kegiatan", en: "Activity"), width: nil, weight: 4),
            .init(header: tr(id: "Pelaksana", en: "Actor"), width: nil, weight: 2),
            .init(header: tr(id: "Kelengkapan", en: "Inputs"), width: nil, weight: 3),
            .init(header: tr(id: "Waktu", en: "Time"), width: 10, weight: 0),
            .init(header: tr(id: "Output", en: "Outputs"), width: nil, weight: 3),
            .init(header: tr(id: "Alur", en: "Flow"), width: 14, weight: 0),
        ])
        let number = Dictionary(workflow.steps.enumerated().map { ($1.id.value, $0 + 1) }, uniquingKeysWith: { first, _ in first })
        for (index, step) in workflow.steps.enumerated() {
            var activity = step.activity
            if step.isOptional { activity += tr(id: "\n(bila perlu)", en: "\n(if needed)") }
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
            text += tr(id: "\nKeterangan:\n", en: "\nRemarks:\n")
            for (index, step) in remarks {
                let lines = TextTable.wrap(tr(id: "Langkah", en: "Step") + " \(index + 1): " + (step.remarks ?? ""), width: max(20, width - 2))
                text += "  " + lines.joined(separator: "\n  ") + "\n"
            }
        }
        text += "\n"
        field(
            tr(id: "Total Waktu", en: "Total time"), workflow.total.map { "\($0.value) " +
            tr(id: "(tertulis)", en: "(as signed)") } ?? "-")
        if let times {
            let names = { (path: [StepID]) in path.compactMap { number[$0].map(String.init) }.joined(separator: " → ") }
            let steps = tr(id: "langkah", en: "steps")
            field(tr(id: "Jalur terpendek", en: "Shortest path"), "\(times.shortest) (\(steps) \(names(times.shortestPath)))")
            field(tr(id: "Jalur terpanjang", en: "Longest path"), "\(times.longest) (\(steps) \(names(times.longestPath)))")
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
            return (uses.count > 1 ? "\(index + 1). " : "") + name + (use.isOptional ? tr(id: " (opsional)", en: " (optional)") : "")
        }.joined(separator: "\n")
    }

    private func flow(_ step: Step, number: [StepID: Int]) -> String {
        func target(_ target: Target) -> String {
            switch target {
            case .step(let id): "→ \(number[id.value].map(String.init) ?? id.value.rawValue)"
            case .end: tr(id: "→ selesai", en: "→ end")
            case .handoff(let handoff): "→ SOP \(handoff.workflow.value)"
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

/// The JSON shape of `sop show --format json`.
struct WorkflowJSON: Encodable {
    struct StepJSON: Encodable {
        let number: Int
        let id: String
        let activity: String
        let actors: [String]
        let actorMode: String
        let budget: String?
        let budgetDays: Int?
        let budgetMinutes: Int?
        let inputs: [DocumentJSON]
        let outputs: [DocumentJSON]
        let remarks: String?
        let optional: Bool
        let next: [BranchJSON]
        let question: String?
    }
    struct DocumentJSON: Encodable {
        let id: String
        let name: String
        let optional: Bool
    }
    struct BranchJSON: Encodable {
        let label: String?
        let step: String?
        let end: String?
        let handoff: String?
    }
    struct TimesJSON: Encodable {
        let shortest: String
        let shortestPath: [String]
        let longest: String
        let longestPath: [String]
    }
    let id: String
    let revision: Int
    let title: String
    let number: String?
    let created: String?
    let revised: String?
    let effective: String?
    let approvedBy: String?
    let total: String?
    let steps: [StepJSON]
    let pathTimes: TimesJSON?

    init(_ workflow: Workflow, times: PathTimes?) {
        id = workflow.id.value.rawValue
        revision = workflow.revision.value
        title = workflow.title
        number = workflow.document.number
        created = workflow.document.created?.description
        revised = workflow.document.revised?.description
        effective = workflow.document.effective?.description
        approvedBy = workflow.document.approvedBy?.name
        total = workflow.total?.value.description
        func documents(_ uses: [DocumentUse]) -> [DocumentJSON] {
            uses.map { DocumentJSON(id: $0.document.value.rawValue, name: workflow.document($0.document.value)?.name ?? "", optional: $0.isOptional) }
        }
        func branch(_ label: String?, _ target: Target) -> BranchJSON {
            switch target {
            case .step(let id): BranchJSON(label: label, step: id.value.rawValue, end: nil, handoff: nil)
            case .end(let id): BranchJSON(label: label, step: nil, end: id.value.rawValue, handoff: nil)
            case .handoff(let handoff): BranchJSON(label: label, step: nil, end: nil, handoff: handoff.workflow.value.rawValue)
            }
        }
        steps = workflow.steps.enumerated().map { index, step in
            let mode: String
            switch step.performers {
            case .single: mode = "single"
            case .all: mode = "all"
            case .any: mode = "any"
            }
            var next: [BranchJSON] = []
            var question: String?
            switch step.transition {
            case .none: break
            case .target(let target): next = [branch(nil, target)]
            case .decision(let decision):
                question = decision.question
                next = decision.branches.map { branch($0.label.value, $0.target) }
            }
            return StepJSON(
                number: index + 1, id: step.id.value.rawValue, activity: step.activity,
                actors: step.performers.actors.map(\.value.rawValue), actorMode: mode,
                budget: step.budget?.value.description, budgetDays: step.budget?.value.days,
                budgetMinutes: step.budget?.value.minutes, inputs: documents(step.inputs),
                outputs: documents(step.outputs), remarks: step.remarks, optional: step.isOptional,
                next: next, question: question)
        }
        pathTimes = times.map {
            TimesJSON(
                shortest: $0.shortest.description, shortestPath: $0.shortestPath.map(\.rawValue),
                longest: $0.longest.description, longestPath: $0.longestPath.map(\.rawValue))
        }
    }
}

import SOPCore
import SOPModel

/// The words the rendered SOP uses for dates, documents, actors and where the flow goes.
enum Wording {
    static let months = [
        "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
        "Oktober", "November", "Desember",
    ]

    /// `11 September 2023`, or `-` for no date.
    static func date(_ date: CivilDate?) -> String {
        guard let date, (1...12).contains(date.month) else { return "-" }
        return "\(date.day) \(months[date.month - 1]) \(date.year)"
    }

    /// The step numbers (1-based) by step id; the first step with an id wins.
    static func numbers(_ workflow: Workflow) -> [StepID: Int] {
        var result: [StepID: Int] = [:]
        for (index, step) in workflow.steps.enumerated() where result[step.id.value] == nil {
            result[step.id.value] = index + 1
        }
        return result
    }

    /// The name of an actor, or its id when the workflow does not define it.
    static func actorName(_ id: ActorID, in workflow: Workflow) -> String {
        workflow.actor(id)?.name ?? id.rawValue
    }

    /// The names of the documents a step needs or produces, `(opsional)` after optional ones.
    static func documents(_ uses: [DocumentUse], in workflow: Workflow) -> [String] {
        uses.map { use in
            let name = workflow.document(use.document.value)?.name ?? use.document.value.rawValue
            return name + (use.isOptional ? " (opsional)" : "")
        }
    }

    /// Where a branch or a step leads, in words: `langkah 3`, `selesai (…)`, `SOP pengaduan-media`.
    /// The signed document (`sop diagram`, `sop render`) is in Bahasa Indonesia; a case's
    /// timeline picture is in the language it is drawn in.
    static func target(_ target: Target, in workflow: Workflow, numbers: [StepID: Int], language: Language = .standard) -> String {
        switch target {
        case .step(let id):
            return numbers[id.value].map { Text(id: "langkah \($0)", en: "step \($0)")(language) } ?? id.value.rawValue
        case .end(let outcome):
            let name = workflow.outcome(outcome.value)?.name
            return Text(id: "selesai", en: "end")(language) + (name.map { " (\($0))" } ?? "")
        case .handoff(let handoff):
            let name = handoff.target.sopName
            return Text(id: "diserahkan ke \(name)", en: "handed off to \(name)")(language)
                + (handoff.note.map { " (\($0))" } ?? "")
        }
    }

    /// The lines that say where a step's flow goes, for the Kegiatan column: one per branch of
    /// a decision (`Ya: langkah 3`), or one for a step that ends or hands the case over; none
    /// for a step that simply goes on to another.
    static func flow(_ step: Step, in workflow: Workflow, numbers: [StepID: Int], language: Language = .standard) -> [String] {
        switch step.transition {
        case .none:
            return []
        case .target(let target):
            if case .step = target { return [] }
            return ["→ " + Self.target(target, in: workflow, numbers: numbers, language: language)]
        case .decision(let decision):
            return decision.branches.map { "\($0.label.value): \(Self.target($0.target, in: workflow, numbers: numbers, language: language))" }
        }
    }

    /// The question of a decision step, when it says more than the activity.
    static func question(_ step: Step) -> String? {
        guard case .decision(let decision) = step.transition else { return nil }
        let question = decision.question.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        func plain(_ text: String) -> String {
            var words = text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
            while let last = words.last, last == "?" || last == "." || last == ":" { words.removeLast() }
            return words
        }
        guard !question.isEmpty, plain(question) != plain(step.activity) else { return nil }
        return question
    }
}

import SOPCore
import SOPModel

/// What a workflow may refer to outside itself: the other workflows and calendars in view.
public struct ValidationScope: Sendable {
    /// Workflow ids known from the files given and the files beside them.
    public var workflows: Set<WorkflowID>
    /// Calendar ids known from the files given and the files beside them.
    public var calendars: Set<CalendarID>

    /// Creates a scope.
    public init(workflows: Set<WorkflowID> = [], calendars: Set<CalendarID> = []) {
        self.workflows = workflows
        self.calendars = calendars
    }
}

/// Every id a workflow names exists: actors (of steps and of every level of escalation),
/// documents, steps, outcomes, calendar, other SOPs.
enum ReferenceCheck {
    static func check(_ workflow: Workflow, scope: ValidationScope) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        func unknown<Tag>(
            _ reference: Located<Identifier<Tag>>, in known: Set<Identifier<Tag>>, code: DiagnosticCode,
            what: Text, declareHint: Text
        ) {
            guard !known.contains(reference.value) else { return }
            let names = known.map(\.rawValue).sorted()
            let hint = Spelling.didYouMean(reference.value.rawValue, among: names) ?? declareHint
            diagnostics.append(Diagnostic(code, at: reference.location,
                Text(id: "\(what.id) '\(reference.value)' tidak dikenal", en: "unknown \(what.en) '\(reference.value)'"), hint: hint))
        }

        // Duplicate step ids.
        var firstStep: [StepID: SourceLocation] = [:]
        for step in workflow.steps {
            if let first = firstStep[step.id.value] {
                diagnostics.append(Diagnostic(.duplicateID, at: step.id.location, Text(
                    id: "id langkah '\(step.id.value)' dipakai dua kali",
                    en: "step id '\(step.id.value)' is used twice"),
                    notes: [.init(location: first, message: Text(id: "pertama dipakai di sini", en: "first used here"))]))
            } else {
                firstStep[step.id.value] = step.id.location
            }
        }

        let actors = Set(workflow.actors.map(\.id.value))
        let documents = Set(workflow.documents.map(\.id.value))
        let steps = Set(workflow.steps.map(\.id.value))
        let outcomes = Set(workflow.outcomes.map(\.id.value))
        let declareActor = Text(id: "nyatakan di bawah `actors:`", en: "declare it under `actors:`")
        for step in workflow.steps {
            for actor in step.performers.actors {
                unknown(actor, in: actors, code: .unknownActor, what: Text(id: "pelaksana", en: "actor"), declareHint: declareActor)
            }
            for level in step.escalations {
                unknown(level.to, in: actors, code: .unknownActor, what: Text(id: "pelaksana", en: "actor"), declareHint: declareActor)
            }
            for use in step.inputs + step.outputs {
                unknown(use.document, in: documents, code: .unknownDocument, what: Text(id: "dokumen", en: "document"),
                    declareHint: Text(id: "nyatakan di bawah `documents:`", en: "declare it under `documents:`"))
            }
            for target in step.targets {
                switch target {
                case .step(let id):
                    unknown(id, in: steps, code: .unknownStep, what: Text(id: "langkah", en: "step"),
                        declareHint: Text(
                            id: "sebutkan id salah satu langkah alur kerja ini",
                            en: "name the id of a step of this workflow"))
                case .end(let id):
                    unknown(id, in: outcomes, code: .unknownOutcome, what: Text(id: "hasil akhir", en: "outcome"),
                        declareHint: Text(id: "nyatakan di bawah `outcomes:`", en: "declare it under `outcomes:`"))
                case .handoff(let handoff):
                    // A hand-off by title names a signed SOP that has no workflow file: nothing to look up.
                    if let reference = handoff.workflow {
                        diagnostics += workflowReference(reference, of: workflow, scope: scope)
                    }
                }
            }
        }

        for level in workflow.escalations {
            unknown(level.to, in: actors, code: .unknownActor, what: Text(id: "pelaksana", en: "actor"), declareHint: declareActor)
        }

        if let calendar = workflow.calendar, !scope.calendars.contains(calendar.value) {
            let hint = Spelling.didYouMean(calendar.value.rawValue, among: scope.calendars.map(\.rawValue))
                ?? Text(
                    id: "tempatkan berkas dengan `kind: Calendar` dan `id: \(calendar.value)` di samping alur kerja ini",
                    en: "put a file with `kind: Calendar` and `id: \(calendar.value)` beside the workflow")
            diagnostics.append(Diagnostic(.unknownCalendar, at: calendar.location, Text(
                id: "kalender '\(calendar.value)' tidak dikenal",
                en: "unknown calendar '\(calendar.value)'"), hint: hint))
        }
        for related in workflow.document.related {
            if let reference = related.workflow {
                diagnostics += workflowReference(reference, of: workflow, scope: scope)
            }
        }
        return diagnostics
    }

    private static func workflowReference(
        _ reference: Located<WorkflowID>, of workflow: Workflow, scope: ValidationScope
    ) -> [Diagnostic] {
        if reference.value == workflow.id.value {
            return [Diagnostic(.selfReference, at: reference.location, Text(
                id: "alur kerja '\(reference.value)' merujuk dirinya sendiri",
                en: "workflow '\(reference.value)' refers to itself"))]
        }
        guard !scope.workflows.contains(reference.value) else { return [] }
        let hint = Spelling.didYouMean(reference.value.rawValue, among: scope.workflows.map(\.rawValue))
            ?? Text(
                id: "tempatkan berkas alur kerja dengan `id: \(reference.value)` di samping berkas ini; bila SOP itu belum berupa berkas alur kerja, tulis judulnya saja, `title: …`, sebagai ganti `workflow:`",
                en: "put the workflow file with `id: \(reference.value)` beside this one; when that SOP has no workflow file yet, write its title instead of `workflow:`, `title: …`")
        return [Diagnostic(.unknownWorkflow, at: reference.location, Text(
            id: "alur kerja '\(reference.value)' tidak dikenal",
            en: "unknown workflow '\(reference.value)'"), hint: hint)]
    }
}

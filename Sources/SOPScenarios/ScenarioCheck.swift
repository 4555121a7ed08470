import SOPCore
import SOPEngine
import SOPLoading
import SOPModel

/// The names a scenario file uses, checked against its workflow before anything runs: every step,
/// branch, role, document, field, channel, outcome, status and refusal code it names, and every
/// path it expects. Each mistake is a located diagnostic, all of them in one run.
struct ScenarioCheck {
    let workflow: Workflow
    private(set) var diagnostics: [Diagnostic] = []

    init(workflow: Workflow) {
        self.workflow = workflow
    }

    private var stepIDs: [String] { workflow.steps.map(\.id.value.rawValue) }

    mutating func check(_ file: ScenarioFile) {
        for scenario in file.scenarios { check(scenario) }
    }

    private mutating func check(_ scenario: Scenario) {
        let fields = workflow.fields.map(\.id.value.rawValue)
        for field in scenario.fields where !fields.contains(field.name.value) {
            report(.unknownField, at: field.name.location,
                Text(id: "alur kerja tidak memiliki isian '\(field.name.value)'", en: "the workflow has no field '\(field.name.value)'"),
                suggest: field.name.value, among: fields, listing: Text(id: "isiannya", en: "its fields"))
        }
        if let channel = scenario.channel {
            let channels = workflow.channels.map(\.id.value.rawValue)
            if !channels.contains(channel.value) {
                report(.unknownChannel, at: channel.location,
                    Text(id: "alur kerja tidak memiliki kanal '\(channel.value)'", en: "the workflow has no channel '\(channel.value)'"),
                    suggest: channel.value, among: channels, listing: Text(id: "kanalnya", en: "its channels"))
            }
        }
        if let refused = scenario.refused { checkRefusal(refused) }
        for action in scenario.actions { check(action) }
        if let expect = scenario.expect { check(expect) }
    }

    private mutating func check(_ action: ScenarioAction) {
        var step: Step?
        if let id = action.step {
            step = checkStep(id)
        }
        // A branch the decision does not have is what an action expected to be refused so tries.
        if let branch = action.branch, let step, action.refused?.value != ErrorCode.branch.rawValue {
            if case .decision(let decision) = step.transition {
                let labels = decision.branches.map(\.label.value)
                if !labels.contains(branch.value) {
                    report(.unknownBranch, at: branch.location,
                        Text(
                            id: "keputusan langkah '\(step.id.value)' tidak memiliki cabang '\(branch.value)'",
                            en: "the decision of step '\(step.id.value)' has no branch '\(branch.value)'"),
                        suggest: branch.value, among: labels, listing: Text(id: "cabangnya", en: "its branches"))
                }
            } else {
                report(.unknownBranch, at: branch.location,
                    Text(
                        id: "langkah '\(step.id.value)' bukan keputusan, jadi tidak memiliki cabang '\(branch.value)'",
                        en: "step '\(step.id.value)' is not a decision, so it has no branch '\(branch.value)'"),
                    hint: Text(id: "hapus `branch:`", en: "remove `branch:`"))
            }
        }
        if let by = action.by { checkRole(by, what: "by") }
        if let to = action.to { checkRole(to, what: "to") }
        for document in action.attachments + action.waivers.map(\.document) { checkDocument(document) }
        if let refused = action.refused { checkRefusal(refused) }
        if let expect = action.expect { check(expect) }
    }

    private mutating func check(_ expect: ScenarioExpectation) {
        if let status = expect.status, CaseStatus(rawValue: status.value) == nil {
            let statuses = CaseStatus.allCases.map(\.rawValue)
            report(.invalidValue, at: status.location,
                Text(id: "tidak ada status '\(status.value)'", en: "there is no status '\(status.value)'"),
                suggest: status.value, among: statuses, listing: Text(id: "statusnya", en: "the statuses"))
        }
        if let step = expect.step, let id = step.value { _ = checkStep(Located(id, at: step.location)) }
        if let outcome = expect.outcome {
            let outcomes = workflow.outcomes.map(\.id.value.rawValue)
            if !outcomes.contains(outcome.value.rawValue) {
                report(.unknownOutcome, at: outcome.location,
                    Text(id: "alur kerja tidak memiliki hasil akhir '\(outcome.value)'", en: "the workflow has no outcome '\(outcome.value)'"),
                    suggest: outcome.value.rawValue, among: outcomes, listing: Text(id: "hasil akhirnya", en: "its outcomes"))
            }
        }
        if let actor = expect.escalatedTo { checkRole(actor, what: "escalated_to") }
        for document in expect.documents?.value ?? [] { checkDocument(document) }
        if let path = expect.path { checkPath(path.value) }
    }

    /// A path must start at the first step, and each step must follow the one before it: by its
    /// `next:` or a branch, or as the reporter's step a case is returned to for rework.
    private mutating func checkPath(_ path: [Located<StepID>]) {
        let steps = path.map { (located: $0, step: checkStep($0)) }
        guard steps.allSatisfy({ $0.step != nil }), let first = steps.first else { return }
        if let start = workflow.steps.first, first.located.value != start.id.value {
            report(.impossiblePath, at: first.located.location,
                Text(
                    id: "jalur dimulai dari '\(first.located.value)', padahal pengaduan dimulai dari langkah '\(start.id.value)'",
                    en: "the path starts at '\(first.located.value)', but a case starts at step '\(start.id.value)'"))
            return
        }
        for (previous, next) in zip(steps, steps.dropFirst()) {
            guard let from = previous.step, let to = next.step else { continue }
            let follows = from.successors.contains { $0.value == to.id.value } || (isExternal(to) && !isExternal(from))
            if !follows {
                let ways = from.successors.map(\.value.rawValue)
                let list = ways.isEmpty ? Text(id: "tidak ada langkah lain", en: "no other step") : Text(verbatim: ways.joined(separator: ", "))
                report(.impossiblePath, at: next.located.location,
                    Text(
                        id: "langkah '\(to.id.value)' tidak dapat menyusul langkah '\(from.id.value)'; sesudahnya: \(list.id)",
                        en: "step '\(to.id.value)' cannot follow step '\(from.id.value)'; after it comes: \(list.en)"))
                return
            }
        }
    }

    private func isExternal(_ step: Step) -> Bool {
        step.performers.actors.allSatisfy { workflow.actor($0.value)?.isExternal ?? false }
    }

    private mutating func checkStep(_ id: Located<StepID>) -> Step? {
        if let step = workflow.steps.first(where: { $0.id.value == id.value }) { return step }
        report(.unknownStep, at: id.location,
            Text(id: "alur kerja tidak memiliki langkah '\(id.value)'", en: "the workflow has no step '\(id.value)'"),
            suggest: id.value.rawValue, among: stepIDs, listing: Text(id: "langkahnya", en: "its steps"))
        return nil
    }

    private mutating func checkRole(_ actor: Located<ActorID>, what: String) {
        let office = workflow.actors.filter { !$0.isExternal }.map(\.id.value.rawValue)
        if let known = workflow.actor(actor.value) {
            if known.isExternal && what != "escalated_to" {
                report(.unknownActor, at: actor.location,
                    Text(
                        id: "'\(actor.value)' berada di luar kantor: tidak ada petugas yang memegang peran itu",
                        en: "'\(actor.value)' is outside the office: no member of staff holds that role"),
                    hint: Text(
                        id: "langkah pelapor dicatat oleh petugas dengan peran kantor: \(office.joined(separator: ", "))",
                        en: "the reporter's steps are recorded by staff with an office role: \(office.joined(separator: ", "))"))
            }
            return
        }
        report(.unknownActor, at: actor.location,
            Text(id: "alur kerja tidak memiliki pelaksana '\(actor.value)'", en: "the workflow has no actor '\(actor.value)'"),
            suggest: actor.value.rawValue, among: workflow.actors.map(\.id.value.rawValue), listing: Text(id: "pelaksananya", en: "its actors"))
    }

    private mutating func checkDocument(_ document: Located<DocumentID>) {
        let documents = workflow.documents.map(\.id.value.rawValue)
        guard !documents.contains(document.value.rawValue) else { return }
        report(.unknownDocument, at: document.location,
            Text(id: "alur kerja tidak memiliki dokumen '\(document.value)'", en: "the workflow has no document '\(document.value)'"),
            suggest: document.value.rawValue, among: documents, listing: Text(id: "dokumennya", en: "its documents"))
    }

    private mutating func checkRefusal(_ code: Located<String>) {
        let codes = ErrorCode.allCases.map(\.rawValue)
        guard !codes.contains(code.value) else { return }
        report(.unknownRefusal, at: code.location,
            Text(id: "tidak ada penolakan berkode '\(code.value)'", en: "no refusal has the code '\(code.value)'"),
            suggest: code.value, among: codes, listing: Text(id: "kodenya", en: "the codes"))
    }

    private mutating func report(
        _ code: DiagnosticCode, at location: SourceLocation, _ message: Text, suggest name: String, among names: [String], listing: Text
    ) {
        let list = names.joined(separator: ", ")
        let hint = Spelling.didYouMean(name, among: names) ?? Text(id: "\(listing.id): \(list)", en: "\(listing.en): \(list)")
        report(code, at: location, message, hint: hint)
    }

    private mutating func report(_ code: DiagnosticCode, at location: SourceLocation, _ message: Text, hint: Text? = nil) {
        diagnostics.append(Diagnostic(code, at: location, message, hint: hint))
    }
}

import Foundation
import SOPCore
import SOPModel
import SOPRules

/// What a staff member asks to do to a case.
public enum CaseCommand: Hashable, Sendable {
    /// Complete the current step: attach and waive documents, choose a branch (or let its rule
    /// decide), add a note. `step`, when given, must be the current step.
    case complete(step: StepID?, branch: String?, attachments: [AttachedDocument], waivers: [DocumentID: String], note: String?)
    /// Skip the current step, which must be optional.
    case skip(reason: String)
    /// Attach a document without completing a step.
    case attach(AttachedDocument)
    /// Add a note.
    case note(String)
    /// Return the case to the reporter for rework.
    case returnToReporter(reason: String)
    /// Escalate the current step (to its escalation actor, or the one named).
    case escalate(to: ActorID?, reason: String?)
    /// Hand the case off to another SOP.
    case handOff(workflow: WorkflowID, note: String?)
    /// The reporter withdraws the complaint.
    case withdraw(reason: String)
}

/// What opening a case takes.
public struct OpenRequest: Hashable, Sendable {
    /// Field values as typed (`nama` → `Budi`), checked against the field types.
    public var fields: [String: String]
    /// The channel id; may be left out when the workflow has exactly one channel.
    public var channel: String?
    /// The case's number, assigned by the store.
    public var number: Int
    /// The register number, formatted by the store.
    public var registerNumber: String

    /// Creates a request.
    public init(fields: [String: String], channel: String?, number: Int, registerNumber: String) {
        self.fields = fields
        self.channel = channel
        self.number = number
        self.registerNumber = registerNumber
    }
}

/// Runs cases of one workflow revision: a pure function from (state, command, performer, time)
/// to new events. It never reads a clock, a file or a database.
public final class Engine: Sendable {
    /// The workflow revision.
    public let workflow: Workflow
    /// Its reference (id, revision, content hash).
    public let reference: WorkflowReference
    /// The working time of the workflow's calendar.
    public let workingTime: WorkingTime
    /// Every step with what commands ask of it, worked out once; held by reference, so that a
    /// command passes a step around without copying it.
    private let facts: [StepFacts]
    /// The step ids, in order, for finding a step in a short workflow.
    private let stepIDs: IDList<IdentifierTag.Step>
    /// The position of each step id, for workflows too long to search.
    private let stepIndex: [StepID: Int]
    /// The office's roles in this workflow (its actors that are not external).
    private let officeRoles: [ActorID]
    /// The workflow's document ids, for checking a document named in a command.
    private let documentIDs: IDList<IdentifierTag.Document>
    /// The workflow's channel ids, in order.
    private let channelIDs: [String]
    /// The workflow's field ids, in order.
    private let fieldIDs: IDList<IdentifierTag.Field>
    /// The type of each field, in the same order.
    private let fieldTypes: [FieldType]
    /// The fields a case cannot be opened without, with their labels, in order, and the position
    /// of the first field of the same id (the one a request's value for it is read for).
    private let requiredFields: [(name: String, label: String, position: Int)]
    /// Whether any rule of the workflow reads a variable (the channel) rather than fields alone.
    private let rulesReadVariables: Bool
    /// The time a whole case may take: the declared total, else the sum of the steps' budgets.
    let total: Budget

    /// Creates an engine for a workflow revision and its calendar.
    public init(workflow: Workflow, reference: WorkflowReference, workingTime: WorkingTime) {
        self.workflow = workflow
        self.reference = reference
        self.workingTime = workingTime
        var index: [StepID: Int] = [:]
        for (position, step) in workflow.steps.enumerated() where index[step.id.value] == nil {
            index[step.id.value] = position
        }
        stepIndex = index
        let ids = IDList(workflow.steps.map(\.id.value))
        stepIDs = ids
        // Where each step leads is found once: the first step with the id, as `facts(_:)` finds it.
        let steps = workflow.steps.count
        let outcomes = workflow.outcomes
        func way(_ target: Target) -> Way {
            switch target {
            case .step(let id):
                let position = steps <= 16 ? ids.firstIndex(of: id.value) : index[id.value]
                return position.map(Way.step) ?? .missingStep(id.value)
            case .end(let id):
                let status: CaseStatus
                switch outcomes.first(where: { $0.id.value == id.value })?.status {
                case .resolved: status = .resolved
                case .rejected: status = .rejected
                case .closed, .none: status = .closed
                }
                return .end(id.value, status: status)
            case .handoff(let handoff):
                return .handoff(handoff.workflow.value, note: handoff.note)
            }
        }
        let external = Set(workflow.actors.filter(\.isExternal).map(\.id.value))
        facts = workflow.steps.map { StepFacts($0, external: external, way: way) }
        officeRoles = workflow.actors.filter { !$0.isExternal }.map(\.id.value)
        documentIDs = IDList(workflow.documents.map(\.id.value))
        channelIDs = workflow.channels.map(\.id.value.rawValue)
        fieldIDs = IDList(workflow.fields.map(\.id.value))
        fieldTypes = workflow.fields.map(\.type)
        let fieldIDs = fieldIDs
        requiredFields = workflow.fields.enumerated().compactMap { position, field in
            field.isRequired ? (field.id.value.rawValue, field.label, fieldIDs.firstIndex(of: field.id.value) ?? position) : nil
        }
        let rules = workflow.intake.map(\.rule)
            + workflow.steps.flatMap { step -> [Rule] in
                var rules = step.optional?.when.map { [$0] } ?? []
                if case .decision(let decision) = step.transition { rules += decision.branches.compactMap(\.when) }
                return rules
            }
        rulesReadVariables = rules.contains { !$0.referencedVariables.isEmpty }
        total = workflow.total?.value ?? workflow.steps.compactMap { $0.budget?.value }.reduce(.zero, +)
    }

    /// The step with an id.
    public func step(_ id: StepID) -> Step? { facts(id)?.step }

    /// The facts of the step with an id: a search of a short list costs less than hashing the id.
    private func facts(_ id: StepID) -> StepFacts? {
        if facts.count <= 16 { return stepIDs.firstIndex(of: id).map { facts[$0] } }
        return stepIndex[id].map { facts[$0] }
    }


    // MARK: Opening

    /// The events that open a case: field types, intake rules and the channel are checked.
    public func open(_ request: OpenRequest, by performer: Performer, at instant: Date) throws(EngineError) -> [CaseEvent] {
        // Read in any order; when a field is refused, read again in name order, so that the
        // refusal is the one for the first name.
        let read: ReadFields
        if let fast = readFields(request.fields) { read = fast } else { read = try readFieldsInOrder(request.fields) }
        let fields = read.fields
        for (name, label, position) in requiredFields where !read.has(position, name) {
            throw .missingField(name, label: label)
        }
        let channel = try resolveChannel(request.channel)
        let context = ruleContext(fields: fields, channel: channel)
        for intake in workflow.intake {
            let holds: Bool
            do {
                holds = try intake.rule.evaluate(in: context)
            } catch {
                holds = false
            }
            if !holds { throw .intake(intake.message) }
        }
        guard let first = facts.first else { throw .workflow(Text(
            id: "alur kerja tidak memiliki langkah",
            en: "the workflow has no steps")) }
        let opened = CaseEvent.Opened(
            number: request.number, registerNumber: request.registerNumber, workflow: reference, fields: fields,
            channel: channel, dueAt: caseDue(openedAt: instant))
        var events: [CaseEvent] = []
        events.reserveCapacity(4)
        events.append(CaseEvent(sequence: 1, at: instant, by: performer.user, kind: .opened(opened)))
        // The draft reads the fields and the channel as the state the opened event starts holds them.
        var state = Draft(version: 1, fields: fields, channel: channel)
        try enter(first, state: &state, events: &events, by: performer, at: instant)
        return events
    }

    /// A request's fields, typed, and which of the workflow's first 64 fields they are: bit `p`
    /// of `seen` is set when a value was read for the field at position `p` (the first field with
    /// its id), so that a required field is looked for without hashing its name.
    private struct ReadFields {
        var fields: [String: FieldValue]
        var seen: UInt64 = 0

        init(capacity: Int) {
            fields = [String: FieldValue](minimumCapacity: capacity)
        }

        mutating func set(_ name: String, at position: Int, to value: FieldValue) {
            fields[name] = value
            if position < 64 { seen |= 1 << position }
        }

        /// Whether a value was read for the field `name` at `position` (its id's first).
        func has(_ position: Int, _ name: String) -> Bool {
            position < 64 ? seen & (1 << position) != 0 : fields[name] != nil
        }
    }

    /// The fields of a request, typed; nil when one is not a field of the workflow or its text
    /// does not fit the field's type.
    private func readFields(_ texts: [String: String]) -> ReadFields? {
        var read = ReadFields(capacity: texts.count)
        for (name, text) in texts {
            guard let index = fieldIDs.firstIndex(of: FieldID(name)),
                  case .success(let value) = FieldParsing.value(text, name: fieldIDs.ids[index].rawValue, type: fieldTypes[index])
            else { return nil }
            read.set(name, at: index, to: value)
        }
        return read
    }

    /// The fields of a request, typed, read in name order; throws for the first that is refused.
    private func readFieldsInOrder(_ texts: [String: String]) throws(EngineError) -> ReadFields {
        var read = ReadFields(capacity: texts.count)
        for (name, text) in texts.sorted(by: { $0.key < $1.key }) {
            guard let index = fieldIDs.firstIndex(of: FieldID(name)) else {
                let known = fieldIDs.ids.map(\.rawValue)
                throw .unknownField(name, suggestion: Spelling.closest(to: name, among: known), known: known)
            }
            switch FieldParsing.value(text, name: fieldIDs.ids[index].rawValue, type: fieldTypes[index]) {
            case .success(let value): read.set(name, at: index, to: value)
            case .failure(let error): throw error
            }
        }
        return read
    }

    private func resolveChannel(_ given: String?) throws(EngineError) -> String? {
        let channels = channelIDs
        guard let given else {
            if channels.count == 1 { return channels[0] }
            if channels.isEmpty { return nil }
            let choices = channels.joined(separator: "|")
            throw .channel(Text(
                id: "sebutkan kanal masuknya pengaduan: `--channel \(choices)`",
                en: "say which channel the complaint came in through: `--channel \(choices)`"))
        }
        guard !channels.isEmpty else { return given }
        if let match = workflow.channels.first(where: {
            $0.id.value.rawValue == given || $0.name.lowercased() == given.lowercased()
        }) {
            return match.id.value.rawValue
        }
        let suggestion = Spelling.closest(to: given, among: channels).map { Text(verbatim: " (") + Spelling.suggestion($0) + Text(verbatim: ")") }
            ?? Text(verbatim: "")
        let list = channels.joined(separator: ", ")
        throw .channel(Text(
            id: "SOP ini tidak menerima pengaduan melalui '\(given)'\(suggestion.id); kanalnya: \(list)",
            en: "this SOP does not accept complaints through '\(given)'\(suggestion.en); its channels are: \(list)"))
    }

    /// The variables rules read besides fields: the channel, when some rule reads a variable.
    private func variables(channel: String?) -> [String: RuleValue] {
        rulesReadVariables ? channel.map { ["channel": .string($0)] } ?? [:] : [:]
    }

    fileprivate func ruleContext(fields: [String: FieldValue], channel: String?) -> RuleContext {
        // Fields are converted as rules read them: most rules read one or two. The channel is a
        // variable only when some rule reads a variable (most read fields alone).
        RuleContext(variables: variables(channel: channel)) { name in
            fields[name].map(FieldParsing.ruleValue)
        }
    }

    // MARK: Commands

    /// The events a command on a case yields; throws, with nothing to write, when it is refused.
    public func handle(_ command: CaseCommand, on base: CaseState, by performer: Performer, at instant: Date) throws(EngineError) -> [CaseEvent] {
        guard !base.status.isFinal else { throw .finished(base.registerNumber, status: base.status) }
        // The state before the command is read where it is; what the command adds is kept apart.
        var state = Draft(version: base.version, fields: base.fields, channel: base.channel)
        var events: [CaseEvent] = []
        events.reserveCapacity(4)
        switch command {
        case .complete(let stepID, let branch, let attachments, let waivers, let note):
            let facts = try current(base, expected: stepID)
            let role = try authorize(performer, for: facts, on: base)
            for attachment in attachments {
                try checkDocument(attachment.document)
                append(.documentAttached(attachment), to: &state, events: &events, by: performer, at: instant)
            }
            for (document, reason) in waivers.isEmpty ? [] : waivers.sorted(by: { $0.key < $1.key }) {
                try checkDocument(document)
                // Only what this step produces can be waived here, and only for this step.
                guard facts.step.outputs.contains(where: { $0.document.value == document }) else {
                    throw .notAnOutput(step: facts.id.rawValue, document: document.rawValue,
                        outputs: facts.step.outputs.map(\.document.value.rawValue))
                }
                try checkText(reason, what: Text(id: "alasan pengabaian '\(document)'", en: "the reason for waiving '\(document)'"))
                append(.documentWaived(document: document, step: facts.id, reason: reason.trimmingSpaces), to: &state, events: &events, by: performer, at: instant)
            }
            if let note { try addNote(note, state: &state, events: &events, by: performer, at: instant) }
            if facts.isJoint, let role {
                let done = base.active?.rolesDone ?? []
                if facts.actors.contains(where: { $0 != role && !done.contains($0) }) {
                    append(.stepContributed(step: facts.id, role: role), to: &state, events: &events, by: performer, at: instant)
                    return events
                }
            }
            // What this command attached and waived (at this step, the only one it may waive at) is
            // in the command itself; the rest in the state it started from.
            for output in facts.requiredOutputs
            where !attachments.contains(where: { $0.document == output }) && (waivers.isEmpty || waivers[output] == nil)
                && !base.hasDocument(output, waivedAt: facts.id) {
                throw .missingOutput(step: facts.id.rawValue, document: output.rawValue)
            }
            let (label, way) = try chooseTarget(facts, branch: branch, state: &state)
            append(.stepCompleted(step: facts.id, branch: label, onBehalfOfReporter: facts.isExternal), to: &state, events: &events, by: performer, at: instant)
            try follow(way, state: &state, events: &events, by: performer, at: instant)
        case .skip(let reason):
            let facts = try current(base, expected: nil)
            _ = try authorize(performer, for: facts, on: base)
            guard facts.step.isOptional else { throw .notOptional(facts.id.rawValue) }
            try checkText(reason, what: Text(id: "melewati langkah '\(facts.id)'", en: "skipping step '\(facts.id)'"))
            append(.stepSkipped(step: facts.id, reason: reason.trimmingSpaces), to: &state, events: &events, by: performer, at: instant)
            try follow(try chooseTarget(facts, branch: nil, state: &state).way, state: &state, events: &events, by: performer, at: instant)
        case .attach(let attachment):
            try authorizeForWorkflow(performer)
            try checkDocument(attachment.document)
            append(.documentAttached(attachment), to: &state, events: &events, by: performer, at: instant)
        case .note(let text):
            try authorizeForWorkflow(performer)
            try addNote(text, state: &state, events: &events, by: performer, at: instant)
        case .returnToReporter(let reason):
            let facts = try current(base, expected: nil)
            _ = try authorize(performer, for: facts, on: base)
            try checkText(reason, what: Text(id: "pengembalian pengaduan kepada pelapor", en: "returning the case to the reporter"))
            guard let reporterStep = reporterStep(base: base) else { throw .noReporterStep() }
            append(.returnedToReporter(from: facts.id, reason: reason.trimmingSpaces), to: &state, events: &events, by: performer, at: instant)
            try enter(reporterStep, state: &state, events: &events, by: performer, at: instant)
        case .escalate(let actor, let reason):
            let facts = try current(base, expected: nil)
            guard let target = actor ?? facts.step.escalation?.to.value else { throw .noEscalation(facts.id.rawValue) }
            guard let targetActor = workflow.actor(target) else { throw .unknownActor(target.rawValue) }
            guard !targetActor.isExternal else { throw .escalateToReporter(target.rawValue) }
            // Those who may do the step may escalate it; taking a step over is not escalating it.
            _ = try authorize(performer, for: facts, on: base)
            if let reason { try checkText(reason, what: Text(id: "alasan eskalasi", en: "the reason for escalating")) }
            append(.escalated(step: facts.id, to: target, reason: reason), to: &state, events: &events, by: performer, at: instant)
        case .handOff(let target, let note):
            let facts = try current(base, expected: nil)
            let step = facts.step
            _ = try authorize(performer, for: facts, on: base)
            if let note { try checkText(note, what: Text(id: "catatan penerusan", en: "the hand-off note")) }
            let allowed = Set(step.targets.compactMap { if case .handoff(let handoff) = $0 { handoff.workflow.value } else { nil } })
                .union(workflow.document.related.compactMap { $0.workflow?.value })
            guard allowed.contains(target) else {
                let list = allowed.map(\.rawValue).sorted().joined(separator: ", ")
                throw .handoff(Text(
                    id: "langkah '\(step.id.value)' tidak dapat meneruskan pengaduan ke '\(target)'; tujuan yang dapat dipilih: "
                        + (allowed.isEmpty ? "tidak ada SOP lain" : list),
                    en: "step '\(step.id.value)' cannot hand the case to '\(target)'; it can go to: "
                        + (allowed.isEmpty ? "no other SOP" : list)))
            }
            append(.ended(status: .closed, outcome: nil, handedOffTo: target, reason: note), to: &state, events: &events, by: performer, at: instant)
        case .withdraw(let reason):
            try authorizeForWorkflow(performer)
            try checkText(reason, what: Text(id: "pencabutan pengaduan", en: "withdrawing the complaint"))
            append(.ended(status: .withdrawn, outcome: nil, handedOffTo: nil, reason: reason.trimmingSpaces), to: &state, events: &events, by: performer, at: instant)
        }
        return events
    }

    // MARK: Steps

    /// The facts of the step the case stands on, which must be `expected` when that is given.
    private func current(_ state: CaseState, expected: StepID?) throws(EngineError) -> StepFacts {
        guard let step = state.active?.step, let facts = facts(step) else {
            throw .notCurrentStep(expected?.rawValue ?? "-", current: nil)
        }
        if let expected, expected != step { throw .notCurrentStep(expected.rawValue, current: step.rawValue) }
        return facts
    }

    /// The role the performer acts in; nil for a step of the reporter, recorded on their behalf.
    /// The active step's escalation and contributions are read from the state in place (no copy
    /// of the step).
    private func authorize(_ performer: Performer, for facts: StepFacts, on state: CaseState) throws(EngineError) -> ActorID? {
        if facts.isExternal {
            // Recorded on the reporter's behalf by staff of this workflow.
            try authorizeForWorkflow(performer)
            return nil
        }
        // A performer holds a role or two: asking each role of the step whether the performer
        // holds it would hash every one.
        func holds(_ role: ActorID) -> Bool { performer.roles.contains(where: { $0 == role }) }
        let escalated = state.active?.escalatedTo
        if facts.isJoint, let done = state.active?.rolesDone {
            if let role = facts.actors.first(where: { !done.contains($0) && holds($0) }) { return role }
            if let escalated, !done.contains(escalated), holds(escalated) { return escalated }
            if let role = facts.actors.first(where: holds) ?? escalated.flatMap({ holds($0) ? $0 : nil }) {
                throw .alreadyContributed(user: performer.user, role: role.rawValue, step: facts.id.rawValue)
            }
        } else if let role = facts.actors.first(where: holds) {
            return role
        } else if let escalated, holds(escalated) {
            return escalated
        }
        throw .role(user: performer.user, step: Text(verbatim: "'\(facts.id.rawValue)'"), needs: (facts.actors + (escalated.map { [$0] } ?? [])).map(\.rawValue))
    }

    /// Staff who hold some role of this workflow: those who may record what the reporter does.
    private func authorizeForWorkflow(_ performer: Performer) throws(EngineError) {
        // A performer holds a role or two: comparing them costs less than hashing each office role.
        guard !officeRoles.contains(where: { role in performer.roles.contains { $0 == role } }) else { return }
        throw .role(
            user: performer.user,
            step: Text(id: "(langkah mana pun dari \(workflow.id.value))", en: "(any step of \(workflow.id.value))"),
            needs: officeRoles.map(\.rawValue))
    }

    /// Text staff give (reasons, notes): not empty, at most 10,000 characters.
    private func checkText(_ text: String, what: Text) throws(EngineError) {
        let trimmed = text.trimmingSpaces
        guard !trimmed.isEmpty else { throw .reasonRequired(what) }
        guard trimmed.fitsTextLimit else { throw .invalidText(what) }
    }

    private func checkDocument(_ document: DocumentID) throws(EngineError) {
        guard !documentIDs.contains(document) else { return }
        throw .unknownDocument(document.rawValue, suggestion: Spelling.closest(to: document.rawValue, among: workflow.documents.map(\.id.value.rawValue)))
    }

    private func addNote(_ text: String, state: inout Draft, events: inout [CaseEvent], by performer: Performer, at instant: Date) throws(EngineError) {
        let trimmed = text.trimmingSpaces
        guard !trimmed.isEmpty, trimmed.fitsTextLimit else { throw .invalidText(Text(id: "catatan", en: "the note")) }
        append(.noteAdded(trimmed), to: &state, events: &events, by: performer, at: instant)
    }

    /// The way on from a step and its branch label (nil for a plain step): the branch chosen, or
    /// the one its rules pick, else its only way.
    private func chooseTarget(_ facts: StepFacts, branch: String?, state: inout Draft) throws(EngineError) -> (label: String?, way: Way) {
        guard facts.isDecision else {
            guard let way = facts.ways.first else {
                throw .workflow(Text(
                    id: "langkah '\(facts.id)' tidak memiliki kelanjutan dalam alur kerja",
                    en: "step '\(facts.id)' has no way on in the workflow"))
            }
            if let branch { throw .branch(Text(
                id: "langkah '\(facts.id)' bukan keputusan; hilangkan '\(branch)'",
                en: "step '\(facts.id)' is not a decision; leave out '\(branch)'")) }
            return (nil, way)
        }
        // The rule context is made only when a branch has a rule: most decisions are staff's to make.
        if let branch {
            // The label as written, else in any case (`--yes` gives `Ya`).
            let index = facts.labels.firstIndex(of: branch) ?? facts.lowercasedLabels.firstIndex(of: branch.lowercased())
            guard let index else {
                let labels = facts.labels.joined(separator: ", ")
                throw .branch(Text(
                    id: "langkah '\(facts.id)' tidak memiliki cabang '\(branch)'; pilih salah satu dari: \(labels)",
                    en: "step '\(facts.id)' has no branch '\(branch)'; choose one of: \(labels)"))
            }
            if let rule = facts.branchRules[index], (try? rule.evaluate(in: state.ruleContext(self))) != true {
                let label = facts.labels[index]
                throw .branch(Text(
                    id: "cabang '\(label)' pada langkah '\(facts.id)' hanya berlaku bila \(rule.source), dan hal itu tidak terpenuhi untuk pengaduan ini",
                    en: "branch '\(label)' of step '\(facts.id)' applies only when \(rule.source), which does not hold for this case"))
            }
            return (facts.labels[index], facts.ways[index])
        }
        for (index, rule) in facts.branchRules.enumerated() {
            if let rule, (try? rule.evaluate(in: state.ruleContext(self))) == true { return (facts.labels[index], facts.ways[index]) }
        }
        let labels = facts.labels.joined(separator: ", ")
        let yesNo = facts.lowercasedLabels.sorted() == ["tidak", "ya"]
        let question = facts.question
        throw .branch(Text(
            id: "\(question) — pilih cabang dengan `--branch LABEL` (\(labels))" + (yesNo ? " atau `--yes`/`--no`" : ""),
            en: "\(question) — choose a branch with `--branch LABEL` (\(labels))" + (yesNo ? " or `--yes`/`--no`" : "")))
    }

    private func follow(_ way: Way, state: inout Draft, events: inout [CaseEvent], by performer: Performer, at instant: Date) throws(EngineError) {
        switch way {
        case .step(let position):
            try enter(facts[position], state: &state, events: &events, by: performer, at: instant)
        case .missingStep(let id):
            throw .workflow(Text(
                id: "langkah '\(id)' tidak ada dalam alur kerja",
                en: "step '\(id)' is not in the workflow"))
        case .end(let outcome, let status):
            append(.ended(status: status, outcome: outcome, handedOffTo: nil, reason: nil), to: &state, events: &events, by: performer, at: instant)
        case .handoff(let workflow, let note):
            append(.ended(status: .closed, outcome: nil, handedOffTo: workflow, reason: note), to: &state, events: &events, by: performer, at: instant)
        }
    }

    /// Starts a step; an optional step whose rule does not hold is skipped at once.
    private func enter(_ first: StepFacts, state: inout Draft, events: inout [CaseEvent], by performer: Performer, at instant: Date) throws(EngineError) {
        var facts = first
        for _ in 0...workflow.steps.count {
            let due = workingTime.deadline(from: instant, adding: facts.budget)
            append(.stepStarted(step: facts.id, dueAt: due, waitsForReporter: facts.isExternal, actors: facts.actors), to: &state, events: &events, by: performer, at: instant)
            guard let rule = facts.optionalRule else { return }
            if (try? rule.evaluate(in: state.ruleContext(self))) == true { return }
            append(.stepSkipped(step: facts.id, reason: SkipReason.ruleDoesNotHold(rule.source)), to: &state, events: &events, by: performer, at: instant)
            let way = try chooseTarget(facts, branch: nil, state: &state).way
            guard case .step(let position) = way else {
                try follow(way, state: &state, events: &events, by: performer, at: instant)
                return
            }
            facts = self.facts[position]
        }
        throw .workflow(Text(
            id: "langkah-langkah opsional saling melewati tanpa akhir",
            en: "optional steps skip into each other without end"))
    }

    /// The reporter's step to return a case to: the latest one the case went through, else the first in the workflow.
    private func reporterStep(base: CaseState) -> StepFacts? {
        for record in base.steps.reversed() {
            if let candidate = facts(record.step), candidate.isExternal { return candidate }
        }
        return facts.first(where: \.isExternal)
    }

    private func append(_ kind: CaseEvent.Kind, to state: inout Draft, events: inout [CaseEvent], by performer: Performer, at instant: Date) {
        state.version += 1
        events.append(CaseEvent(sequence: state.version, at: instant, by: performer.user, kind: kind))
    }
}

/// Where a command stands: the case's version after the events it has added so far, and what
/// its rules read. The events themselves are in the command's list, and the state it started
/// from is passed alongside (never stored, so that it is not copied).
struct Draft {
    /// The version after the events so far.
    var version: Int
    /// The case's fields, for rules.
    private let fields: [String: FieldValue]
    /// The case's channel, for rules.
    private let channel: String?
    /// The rule context, once a rule of the command asked for it.
    private var made: MadeContext?

    /// A draft at `version` of a case with these fields and channel.
    init(version: Int, fields: [String: FieldValue], channel: String?) {
        self.version = version
        self.fields = fields
        self.channel = channel
    }

    /// The case's fields and channel for rules (the same for every rule a command evaluates).
    mutating func ruleContext(_ engine: Engine) -> RuleContext {
        if let made { return made.context }
        let context = engine.ruleContext(fields: fields, channel: channel)
        made = MadeContext(context)
        return context
    }

    /// A rule context held by reference: a draft that held one by value was copied and destroyed
    /// through its type's general witnesses wherever a command passed it on, which cost more than
    /// everything else a command does with its draft.
    private final class MadeContext: Sendable {
        let context: RuleContext
        init(_ context: RuleContext) { self.context = context }
    }
}

/// A step of the workflow and what commands ask of it, worked out once per engine.
final class StepFacts: Sendable {
    /// The step as the workflow has it.
    let step: Step
    /// Its id.
    let id: StepID
    /// The actors who do it, in order.
    let actors: [ActorID]
    /// Whether all of them must take part (`actor: {all: …}`).
    let isJoint: Bool
    /// Whether the reporter does it (every actor external).
    let isExternal: Bool
    /// Its budget (zero when it has none).
    let budget: Budget
    /// The rule of an optional step that is done only when it holds.
    let optionalRule: Rule?
    /// The documents it must produce.
    let requiredOutputs: [DocumentID]
    /// Whether it ends in a decision.
    let isDecision: Bool
    /// The decision's question (empty for a plain step).
    let question: String
    /// The decision's branch labels, in order (none for a plain step).
    let labels: [String]
    /// The same in lower case.
    let lowercasedLabels: [String]
    /// The rule of each branch, in order (none for a plain step).
    let branchRules: [Rule?]
    /// Where each branch leads, in order; for a plain step, its one way on (none when it has none).
    let ways: [Way]

    /// Works out a step's facts; `way` finds where a target of the workflow leads.
    init(_ step: Step, external: Set<ActorID>, way: (Target) -> Way) {
        self.step = step
        id = step.id.value
        actors = step.performers.actors.map(\.value)
        if case .all = step.performers { isJoint = true } else { isJoint = false }
        isExternal = !actors.isEmpty && actors.allSatisfy { external.contains($0) }
        budget = step.budget?.value ?? .zero
        optionalRule = step.optional?.when
        requiredOutputs = step.outputs.filter { !$0.isOptional }.map(\.document.value)
        switch step.transition {
        case .decision(let decision):
            isDecision = true
            question = decision.question
            labels = decision.branches.map(\.label.value)
            branchRules = decision.branches.map(\.when)
            ways = decision.branches.map { way($0.target) }
        case .target(let target):
            isDecision = false
            question = ""
            labels = []
            branchRules = []
            ways = [way(target)]
        case .none:
            isDecision = false
            question = ""
            labels = []
            branchRules = []
            ways = []
        }
        lowercasedLabels = labels.map { $0.lowercased() }
    }
}

/// Where the flow goes from a step, worked out once per engine.
enum Way: Sendable {
    /// Into the step at a position among the engine's steps.
    case step(Int)
    /// Into a step the workflow does not have.
    case missingStep(StepID)
    /// To the end of the case, with an outcome and the status it gives.
    case end(OutcomeID, status: CaseStatus)
    /// To another SOP, with the note of the hand-off.
    case handoff(WorkflowID, note: String?)
}

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
    /// Hand the case off to another SOP, named by its workflow id or, for an SOP that has no
    /// workflow file, by its title.
    case handOff(to: String, note: String?)
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
///
/// A command works on a copy of the case's state: every event it emits is applied to that copy
/// at once (`Emission`), so each check reads the case as the events so far have left it, and an
/// event that would not apply is never returned.
public final class Engine: Sendable {
    /// The workflow revision.
    public let workflow: Workflow
    /// Its reference (id, revision, content hash).
    public let reference: WorkflowReference
    /// The working time of the workflow's calendar.
    public let workingTime: WorkingTime
    /// Every step with what commands ask of it, worked out once, in the workflow's order.
    private let facts: [StepFacts]
    /// The position of each step in `facts` (the first step with the id).
    private let stepIndex: [StepID: Int]
    /// The office's roles in this workflow (its actors that are not external).
    private let officeRoles: [ActorID]
    /// The type of each field of the workflow (the first field with the id).
    private let fieldTypes: [FieldID: FieldType]
    /// The workflow's documents.
    private let documentIDs: Set<DocumentID>
    /// Each step with its name in rules (`visits.NAME`).
    private let stepRuleNames: [(StepID, String)]
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
        let outcomes = workflow.outcomes
        func way(_ target: Target) -> Way {
            switch target {
            case .step(let id):
                return index[id.value].map(Way.step) ?? .missingStep(id.value)
            case .end(let id):
                let status: CaseStatus
                switch outcomes.first(where: { $0.id.value == id.value })?.status {
                case .resolved: status = .resolved
                case .rejected: status = .rejected
                case .closed, .none: status = .closed
                }
                return .end(id.value, status: status)
            case .handoff(let handoff):
                return .handoff(handoff.target, note: handoff.note)
            }
        }
        facts = workflow.steps.map { StepFacts($0, of: workflow, way: way) }
        officeRoles = workflow.actors.filter { !$0.isExternal }.map(\.id.value)
        var types: [FieldID: FieldType] = [:]
        for field in workflow.fields where types[field.id.value] == nil { types[field.id.value] = field.type }
        fieldTypes = types
        documentIDs = Set(workflow.documents.map(\.id.value))
        stepRuleNames = workflow.steps.map { ($0.id.value, Workflow.ruleName(ofStep: $0.id.value)) }
        total = workflow.total?.value ?? workflow.steps.compactMap { $0.budget?.value }.reduce(.zero, +)
    }

    /// The step with an id.
    public func step(_ id: StepID) -> Step? { facts(id)?.step }

    func facts(_ id: StepID) -> StepFacts? { stepIndex[id].map { facts[$0] } }

    // MARK: Opening

    /// The events that open a case: field types, intake rules and the channel are checked.
    public func open(_ request: OpenRequest, by performer: Performer, at instant: Date) throws(EngineError) -> [CaseEvent] {
        let fields = try readFields(request.fields)
        for field in workflow.fields where field.isRequired && fields[field.id.value.rawValue] == nil {
            throw .missingField(field.id.value.rawValue, label: field.label)
        }
        let channel = try resolveChannel(request.channel)
        let context = ruleContext(fields: fields, channel: channel)
        for intake in workflow.intake where (try? intake.rule.evaluate(in: context)) != true {
            throw .intake(intake.message)
        }
        guard let first = facts.first else { throw .noSteps() }
        let opened = CaseEvent(sequence: 1, at: instant, by: performer.user, kind: .opened(CaseEvent.Opened(
            number: request.number, registerNumber: request.registerNumber, workflow: reference, fields: fields,
            channel: channel, dueAt: caseDue(openedAt: instant), escalations: scheduledCaseEscalations(openedAt: instant))))
        guard let state = CaseState(opening: opened) else { throw .notApplied(opened.kind) }
        var emission = Emission(state, by: performer, at: instant, opening: opened)
        try enter(first, &emission)
        return emission.events
    }

    /// The fields of a request, typed, read in name order: the first refused is the one reported.
    private func readFields(_ texts: [String: String]) throws(EngineError) -> [String: FieldValue] {
        var fields: [String: FieldValue] = [:]
        for (name, text) in texts.sorted(by: { $0.key < $1.key }) {
            guard let type = fieldTypes[FieldID(name)] else {
                let known = workflow.fields.map(\.id.value.rawValue)
                throw .unknownField(name, suggestion: Spelling.closest(to: name, among: known), known: known)
            }
            switch FieldParsing.value(text, name: name, type: type) {
            case .success(let value): fields[name] = value
            case .failure(let error): throw error
            }
        }
        return fields
    }

    /// The channel's id: the one given (by id or by name, in any case), or the only one.
    private func resolveChannel(_ given: String?) throws(EngineError) -> String? {
        let channels = workflow.channels.map(\.id.value.rawValue)
        guard let given else {
            if channels.count == 1 { return channels[0] }
            if channels.isEmpty { return nil }
            throw .channelRequired(channels)
        }
        guard !channels.isEmpty else { return given }
        if let match = workflow.channels.first(where: {
            $0.id.value.rawValue == given || $0.name.lowercased() == given.lowercased()
        }) {
            return match.id.value.rawValue
        }
        throw .unknownChannel(given, suggestion: Spelling.closest(to: given, among: channels), channels: channels)
    }

    /// The values of a case's rules: its fields and channel, and what it has done so far
    /// (`history.X`, `visits.STEP`; nothing yet for a case being opened), at `instant`.
    func ruleContext(fields: [String: FieldValue], channel: String?, state: CaseState? = nil, at instant: Date? = nil) -> RuleContext {
        var variables: [String: RuleValue] = [:]
        if let channel { variables["channel"] = .string(channel) }
        var visits: [StepID: Int] = [:]
        for record in state?.steps ?? [] { visits[record.step, default: 0] += 1 }
        if let active = state?.active { visits[active.step, default: 0] += 1 }
        for (step, name) in stepRuleNames { variables["visits.\(name)"] = .int(visits[step] ?? 0) }
        variables["history.returns"] = .int(state?.steps.filter { $0.ending == .returned }.count ?? 0)
        variables["history.steps_done"] = .int(state?.steps.count ?? 0)
        let minutes = state.flatMap { state in instant.map { workingTime.workingSeconds(from: state.openedAt, to: $0) / 60 } }
        variables["history.working_minutes"] = .int(minutes ?? 0)
        return RuleContext(variables: variables) { name in
            fields[name].map(FieldParsing.ruleValue)
        }
    }

    private func ruleContext(_ state: CaseState, at instant: Date) -> RuleContext {
        ruleContext(fields: state.fields, channel: state.channel, state: state, at: instant)
    }

    // MARK: Commands

    /// The events a command on a case yields; throws, with nothing to write, when it is refused.
    public func handle(_ command: CaseCommand, on state: CaseState, by performer: Performer, at instant: Date) throws(EngineError) -> [CaseEvent] {
        if case .ended(let ending) = state.lifecycle { throw .finished(state.registerNumber, status: ending.status) }
        var emission = Emission(state, by: performer, at: instant)
        switch command {
        case .complete(let step, let branch, let attachments, let waivers, let note):
            try complete(step: step, branch: branch, attachments: attachments, waivers: waivers, note: note, &emission)
        case .skip(let reason): try skip(reason: reason, &emission)
        case .attach(let attachment): try attach(attachment, &emission)
        case .note(let text): try note(text, &emission)
        case .returnToReporter(let reason): try returnToReporter(reason: reason, &emission)
        case .escalate(let actor, let reason): try escalate(to: actor, reason: reason, &emission)
        case .handOff(let target, let note): try handOff(to: target, note: note, &emission)
        case .withdraw(let reason): try withdraw(reason: reason, &emission)
        }
        // Checked last, so that what else is wrong with the command is said first.
        guard instant >= state.lastEventAt else { throw .beforeLastEvent(state.registerNumber, at: instant, last: state.lastEventAt) }
        return emission.events
    }

    /// Completes the current step: attachments, waivers and a note first, then (unless other
    /// actors of a joint step have yet to take part) the step and the way on.
    private func complete(
        step expected: StepID?, branch: String?, attachments: [AttachedDocument], waivers: [DocumentID: String], note: String?,
        _ emission: inout Emission
    ) throws(EngineError) {
        let facts = try current(emission.state, expected: expected)
        let role = try authorize(emission.performer, for: facts, on: emission.state)
        for attachment in attachments {
            try checkDocument(attachment.document)
            try emission.emit(.documentAttached(attachment))
        }
        for (document, reason) in waivers.sorted(by: { $0.key < $1.key }) {
            try checkDocument(document)
            // Only what this step produces can be waived here, and only for this step.
            guard facts.step.outputs.contains(where: { $0.document.value == document }) else {
                throw .notAnOutput(step: facts.id.rawValue, document: document.rawValue,
                    outputs: facts.step.outputs.map(\.document.value.rawValue))
            }
            try checkText(reason, what: Text(id: "alasan pengabaian '\(document)'", en: "the reason for waiving '\(document)'"))
            try emission.emit(.documentWaived(document: document, step: facts.id, reason: reason.trimmingSpaces))
        }
        if let note { try addNote(note, &emission) }
        if facts.isJoint, let role {
            let done = emission.state.active?.rolesDone ?? []
            // The office's actors still to take part; those outside it (the resident) do the step
            // together with the last of them, who records their part on their behalf.
            if facts.actors.contains(where: { $0 != role && !done.contains($0) && !facts.outsideActors.contains($0) }) {
                try emission.emit(.stepContributed(step: facts.id, role: role))
                return
            }
            for actor in facts.actors where facts.outsideActors.contains(actor) && !done.contains(actor) {
                try emission.emit(.stepContributed(step: facts.id, role: actor, onBehalfOfReporter: true))
            }
        }
        for output in facts.requiredOutputs where !emission.state.hasDocument(output, waivedAt: facts.id) {
            throw .missingOutput(step: facts.id.rawValue, document: output.rawValue)
        }
        let (label, way) = try chooseWay(facts, branch: branch, on: emission.state, at: emission.at)
        try emission.emit(.stepCompleted(step: facts.id, branch: label, onBehalfOfReporter: facts.isExternal))
        try follow(way, &emission)
    }

    /// Skips the current step, which must be optional, with a reason.
    private func skip(reason: String, _ emission: inout Emission) throws(EngineError) {
        let facts = try current(emission.state, expected: nil)
        _ = try authorize(emission.performer, for: facts, on: emission.state)
        guard facts.step.isOptional else { throw .notOptional(facts.id.rawValue) }
        try checkText(reason, what: Text(id: "melewati langkah '\(facts.id)'", en: "skipping step '\(facts.id)'"))
        try emission.emit(.stepSkipped(step: facts.id, reason: reason.trimmingSpaces))
        try follow(try chooseWay(facts, branch: nil, on: emission.state, at: emission.at).way, &emission)
    }

    /// Attaches a document without completing a step.
    private func attach(_ attachment: AttachedDocument, _ emission: inout Emission) throws(EngineError) {
        try authorizeForWorkflow(emission.performer)
        try checkDocument(attachment.document)
        try emission.emit(.documentAttached(attachment))
    }

    /// Adds a note.
    private func note(_ text: String, _ emission: inout Emission) throws(EngineError) {
        try authorizeForWorkflow(emission.performer)
        try addNote(text, &emission)
    }

    /// Returns the case to the reporter's latest step (else the workflow's first reporter step).
    private func returnToReporter(reason: String, _ emission: inout Emission) throws(EngineError) {
        let facts = try current(emission.state, expected: nil)
        _ = try authorize(emission.performer, for: facts, on: emission.state)
        try checkText(reason, what: Text(id: "pengembalian pengaduan kepada pelapor", en: "returning the case to the reporter"))
        guard let reporterStep = reporterStep(of: emission.state) else { throw .noReporterStep() }
        try emission.emit(.returnedToReporter(from: facts.id, reason: reason.trimmingSpaces))
        try enter(reporterStep, &emission)
    }

    /// Escalates the current step to the actor named, else to its next level of escalation not
    /// reached yet (else its first). Before the step is overdue, only with a reason, and the
    /// event says it was early.
    private func escalate(to actor: ActorID?, reason: String?, _ emission: inout Emission) throws(EngineError) {
        let facts = try current(emission.state, expected: nil)
        let scheduled = emission.state.active?.nextEscalation?.to ?? facts.step.escalations.first?.to.value
        guard let target = actor ?? scheduled else { throw .noEscalation(facts.id.rawValue) }
        guard let targetActor = workflow.actor(target) else { throw .unknownActor(target.rawValue) }
        guard !targetActor.isExternal else { throw .escalateToReporter(target.rawValue) }
        // Those who may do the step may escalate it; taking a step over is not escalating it.
        _ = try authorize(emission.performer, for: facts, on: emission.state)
        let early = emission.at < (emission.state.active?.dueAt ?? emission.at)
        let what = Text(id: "eskalasi sebelum batas waktu langkah", en: "escalating before the step is due")
        if early && (reason ?? "").trimmingSpaces.isEmpty { throw .reasonRequired(what) }
        if let reason { try checkText(reason, what: Text(id: "alasan eskalasi", en: "the reason for escalating")) }
        try emission.emit(.escalated(step: facts.id, to: target, reason: reason?.trimmingSpaces, early: early))
    }

    /// Hands the case off to another SOP that the step or the document names.
    /// The SOPs a case may be handed off to from a step: the step's own hand-offs, then the
    /// document's related SOPs; each with the names staff may give it (its workflow id, its title).
    private func handoffTargets(of facts: StepFacts) -> [(target: HandoffTarget, names: [String])] {
        let own = facts.step.targets.compactMap { target -> (HandoffTarget, [String])? in
            guard case .handoff(let handoff) = target else { return nil }
            return (handoff.target, [handoff.workflow?.value.rawValue, handoff.title].compactMap { $0 })
        }
        let related = workflow.document.related.compactMap { related -> (HandoffTarget, [String])? in
            let target: HandoffTarget? = related.workflow.map { .workflow($0.value) } ?? related.title.map { .title($0) }
            return target.map { ($0, [related.workflow?.value.rawValue, related.title].compactMap { $0 }) }
        }
        var seen: Set<HandoffTarget> = []
        return (own + related).filter { seen.insert($0.0).inserted }.map { (target: $0.0, names: $0.1) }
    }

    /// Hands the case off to another SOP that the step or the document names, by its workflow id
    /// or its title (letter case and spacing aside).
    private func handOff(to name: String, note: String?, _ emission: inout Emission) throws(EngineError) {
        let facts = try current(emission.state, expected: nil)
        _ = try authorize(emission.performer, for: facts, on: emission.state)
        if let note { try checkText(note, what: Text(id: "catatan penerusan", en: "the hand-off note")) }
        let targets = handoffTargets(of: facts)
        let wanted = Self.foldedName(name)
        guard let target = targets.first(where: { $0.names.contains { Self.foldedName($0) == wanted } })?.target else {
            throw .handoffNotAllowed(step: facts.id.rawValue, target: name, allowed: targets.map(\.target.description))
        }
        try emission.emit(.ended(status: .closed, outcome: nil, handedOffTo: target, reason: note))
    }

    /// A name as staff may type it: letter case and runs of spaces do not matter.
    private static func foldedName(_ name: String) -> String {
        name.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Ends the case as withdrawn by the reporter.
    private func withdraw(reason: String, _ emission: inout Emission) throws(EngineError) {
        try authorizeForWorkflow(emission.performer)
        try checkText(reason, what: Text(id: "pencabutan pengaduan", en: "withdrawing the complaint"))
        try emission.emit(.ended(status: .withdrawn, outcome: nil, handedOffTo: nil, reason: reason.trimmingSpaces))
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
    private func authorize(_ performer: Performer, for facts: StepFacts, on state: CaseState) throws(EngineError) -> ActorID? {
        if facts.isExternal {
            // Recorded on the reporter's behalf by staff of this workflow.
            try authorizeForWorkflow(performer)
            return nil
        }
        let escalated = state.active?.escalatedTo
        let holds = performer.roles.contains
        if facts.isJoint {
            let done = state.active?.rolesDone ?? []
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
        // The actor a whole case was escalated to acts on whatever step it stands on.
        if let whole = state.caseEscalatedTo, holds(whole), !facts.isJoint { return whole }
        let needs = facts.actors + [escalated, state.caseEscalatedTo].compactMap { $0 }
        throw .role(user: performer.user, step: Text(verbatim: "'\(facts.id.rawValue)'"), needs: needs.map(\.rawValue))
    }

    /// Staff who hold some role of this workflow: those who may record what the reporter does.
    private func authorizeForWorkflow(_ performer: Performer) throws(EngineError) {
        guard !officeRoles.contains(where: performer.roles.contains) else { return }
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
        guard !trimmed.hasControlCharacters(allowingLineBreaks: true) else { throw .controlCharacters(what) }
    }

    private func checkDocument(_ document: DocumentID) throws(EngineError) {
        guard !documentIDs.contains(document) else { return }
        let known = workflow.documents.map(\.id.value.rawValue)
        throw .unknownDocument(document.rawValue, suggestion: Spelling.closest(to: document.rawValue, among: known))
    }

    private func addNote(_ text: String, _ emission: inout Emission) throws(EngineError) {
        let trimmed = text.trimmingSpaces
        let what = Text(id: "catatan", en: "the note")
        guard !trimmed.isEmpty, trimmed.fitsTextLimit else { throw .invalidText(what) }
        guard !trimmed.hasControlCharacters(allowingLineBreaks: true) else { throw .controlCharacters(what) }
        try emission.emit(.noteAdded(trimmed))
    }

    /// The way on from a step and its branch label (nil for a plain step): the branch chosen, or
    /// the one its rules pick, else its only way.
    private func chooseWay(
        _ facts: StepFacts, branch: String?, on state: CaseState, at instant: Date
    ) throws(EngineError) -> (label: String?, way: Way) {
        guard facts.isDecision else {
            guard let way = facts.ways.first else { throw .noWayOn(facts.id.rawValue) }
            if let branch { throw .notADecision(facts.id.rawValue, branch: branch) }
            return (nil, way)
        }
        if let branch {
            // The label as written, else in any case (`--yes` gives `Ya`). Several branches may
            // share a label, told apart by their rules: the first whose rule holds (or that has
            // none) is taken.
            var candidates = facts.labels.indices.filter { facts.labels[$0] == branch }
            if candidates.isEmpty { candidates = facts.labels.indices.filter { facts.labels[$0].lowercased() == branch.lowercased() } }
            guard let first = candidates.first else {
                throw .unknownBranch(step: facts.id.rawValue, branch: branch, labels: facts.labels)
            }
            let context = ruleContext(state, at: instant)
            guard let index = candidates.first(where: { index in
                facts.branchRules[index].map { (try? $0.evaluate(in: context)) == true } ?? true
            }) else {
                throw .branchRuleFails(step: facts.id.rawValue, label: facts.labels[first], rule: facts.branchRules[first]?.source ?? "-")
            }
            return (facts.labels[index], facts.ways[index])
        }
        let context = ruleContext(state, at: instant)
        for (index, rule) in facts.branchRules.enumerated() {
            if let rule, (try? rule.evaluate(in: context)) == true { return (facts.labels[index], facts.ways[index]) }
        }
        throw .branchRequired(question: facts.question, labels: facts.labels)
    }

    /// Goes the way on: into a step, or to the end of the case.
    private func follow(_ way: Way, _ emission: inout Emission) throws(EngineError) {
        switch way {
        case .step(let position):
            try enter(facts[position], &emission)
        case .missingStep(let id):
            throw .missingStep(id.rawValue)
        case .end(let outcome, let status):
            try emission.emit(.ended(status: status, outcome: outcome, handedOffTo: nil, reason: nil))
        case .handoff(let target, let note):
            try emission.emit(.ended(status: .closed, outcome: nil, handedOffTo: target, reason: note))
        }
    }

    /// Starts a step; an optional step whose rule does not hold is skipped at once, and the way
    /// on from it followed.
    private func enter(_ first: StepFacts, _ emission: inout Emission) throws(EngineError) {
        var facts = first
        // Each step is entered at most once by skipping: more would be a loop of optional steps.
        for _ in 0...workflow.steps.count {
            let due = stepDue(facts, startedAt: emission.at)
            try emission.emit(.stepStarted(
                step: facts.id, dueAt: due, waitsForReporter: facts.isExternal, actors: facts.actors,
                escalations: scheduledEscalations(of: facts, startedAt: emission.at),
                reminders: scheduledReminders(of: facts, startedAt: emission.at, dueAt: due)))
            guard let rule = facts.optionalRule, (try? rule.evaluate(in: ruleContext(emission.state, at: emission.at))) != true else { return }
            try emission.emit(.stepSkipped(step: facts.id, reason: SkipReason.ruleDoesNotHold(rule.source)))
            let way = try chooseWay(facts, branch: nil, on: emission.state, at: emission.at).way
            guard case .step(let position) = way else { return try follow(way, &emission) }
            facts = self.facts[position]
        }
        throw .optionalStepsLoop()
    }

    /// The reporter's step to return a case to: the latest one the case went through, else the
    /// first in the workflow.
    private func reporterStep(of state: CaseState) -> StepFacts? {
        for record in state.steps.reversed() {
            if let candidate = facts(record.step), candidate.isExternal { return candidate }
        }
        return facts.first(where: \.isExternal)
    }
}

/// A command at work: a copy of the case's state and the events emitted so far, each applied to
/// the copy as it is emitted. The one place a command's events are made.
struct Emission {
    /// The case as the events so far have left it.
    private(set) var state: CaseState
    /// The events emitted so far, in order.
    private(set) var events: [CaseEvent]
    /// Who acts.
    let performer: Performer
    /// When.
    let at: Date

    /// A command on `state`; `opening`, for a case being opened, is the event `state` folds.
    init(_ state: CaseState, by performer: Performer, at instant: Date, opening: CaseEvent? = nil) {
        self.state = state
        events = opening.map { [$0] } ?? []
        self.performer = performer
        at = instant
    }

    /// Emits an event: the next in the case's sequence, applied to the state at once. An event
    /// that does not apply is the engine's own mistake, refused rather than returned.
    mutating func emit(_ kind: CaseEvent.Kind) throws(EngineError) {
        let event = CaseEvent(sequence: state.version + 1, at: at, by: performer.user, kind: kind)
        guard state.apply(event) else { throw .notApplied(kind) }
        events.append(event)
    }
}

/// A step of the workflow and what commands ask of it, worked out once per engine and shared by
/// reference (commands pass a step's facts around; they never change).
final class StepFacts: Sendable {
    /// The step as the workflow has it.
    let step: Step
    /// Its id.
    let id: StepID
    /// The actors who do it, in order.
    let actors: [ActorID]
    /// Whether all of them must take part (`actor: {all: …}`).
    let isJoint: Bool
    /// Whether the reporter does it (`Workflow.isReporterStep`).
    let isExternal: Bool
    /// Its actors from outside the office (the reporter, a resident), for a step done together
    /// with the office's.
    let outsideActors: Set<ActorID>
    /// Its budget (zero when it has none).
    let budget: Budget
    /// Whether the signed table shows no time for it ("-"): it has no due time.
    let isUntimed: Bool
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
    /// The rule of each branch, in order (none for a plain step).
    let branchRules: [Rule?]
    /// Where each branch leads, in order; for a plain step, its one way on (none when it has none).
    let ways: [Way]

    /// Works out the facts of a step of `workflow`; `way` finds where a target of it leads.
    init(_ step: Step, of workflow: Workflow, way: (Target) -> Way) {
        self.step = step
        id = step.id.value
        actors = step.performers.actors.map(\.value)
        if case .all = step.performers { isJoint = true } else { isJoint = false }
        isExternal = workflow.isReporterStep(step)
        outsideActors = Set(actors.filter { actor in workflow.actor(actor)?.isExternal == true })
        budget = step.budget?.value ?? .zero
        isUntimed = step.isUntimed
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
    case handoff(HandoffTarget, note: String?)
}

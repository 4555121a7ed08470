import Foundation
import SOPCore
import SOPModel

/// One pair of a step mapping: cases standing on step `from` of an older revision stand on step
/// `to` of the new one.
public struct StepMapping: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The step in the older revision.
    public var from: StepID
    /// The step in the new revision.
    public var to: StepID

    /// Creates a pair.
    public init(from: StepID, to: StepID) {
        self.from = from
        self.to = to
    }

    /// Reads `OLD_STEP=NEW_STEP`; nil when either side is empty.
    public init?(parsing text: String) {
        guard let equals = text.firstIndex(of: "=") else { return nil }
        let old = text[..<equals].trimmingCharacters(in: .whitespaces)
        let new = text[text.index(after: equals)...].trimmingCharacters(in: .whitespaces)
        guard !old.isEmpty, !new.isEmpty, !new.contains("=") else { return nil }
        self.init(from: StepID(old), to: StepID(new))
    }

    /// `OLD_STEP=NEW_STEP`.
    public var description: String { "\(from)=\(to)" }
}

extension CaseEvent {
    /// A case's move from one revision of its SOP to another (`moved`), or back (`moveUndone`).
    ///
    /// The event carries everything the fold needs: the revision and the step the case leaves and
    /// the ones it stands on after, the step's and the case's new deadlines, and who must act.
    /// The step keeps its start: its deadline is its budget in the revision it stands on, counted
    /// from when the case reached the step.
    public struct RevisionMove: Hashable, Sendable, Codable {
        /// The move's id, e.g. `M1` (an undo carries the id of the move it undoes).
        public var move: String
        /// The revision the case leaves.
        public var from: WorkflowReference
        /// The revision the case runs on after.
        public var to: WorkflowReference
        /// The step the case stood on.
        public var fromStep: StepID
        /// The step the case stands on after.
        public var step: StepID
        /// The step mapping the move was given (both for the move and for its undo).
        public var mapping: [StepMapping]
        /// When the step is due after (nil: a step with no stated time).
        public var stepDueAt: Date?
        /// When the whole case is due after.
        public var dueAt: Date
        /// Whether the step after is the reporter's (the case waits for them).
        public var waitsForReporter: Bool
        /// The actors who must do the step after, as the revision `to` names them.
        public var actors: [ActorID]
        /// For a step done by several actors together: the roles that have taken part.
        public var rolesDone: [ActorID]
        /// The actor the step stays escalated to, if any.
        public var escalatedTo: ActorID?
        /// The step's reminders and escalations after, and how far the sweep got with them; nil
        /// (nothing scheduled) in events written before sop scheduled them on a move.
        public var schedule: StepSchedule?

        /// The keys of the old event format (which named a move a migration).
        enum CodingKeys: String, CodingKey {
            case move = "migration"
            case from, to, fromStep, step, mapping, stepDueAt, dueAt, waitsForReporter, actors, rolesDone, escalatedTo, schedule
        }

        /// Creates a move record.
        public init(
            move: String, from: WorkflowReference, to: WorkflowReference, fromStep: StepID, step: StepID,
            mapping: [StepMapping], stepDueAt: Date?, dueAt: Date, waitsForReporter: Bool, actors: [ActorID],
            rolesDone: [ActorID] = [], escalatedTo: ActorID? = nil, schedule: StepSchedule? = nil
        ) {
            self.schedule = schedule
            self.move = move
            self.from = from
            self.to = to
            self.fromStep = fromStep
            self.step = step
            self.mapping = mapping
            self.stepDueAt = stepDueAt
            self.dueAt = dueAt
            self.waitsForReporter = waitsForReporter
            self.actors = actors
            self.rolesDone = rolesDone
            self.escalatedTo = escalatedTo
        }
    }
}

/// What the sweep has to do for a step and how far it got: the step's scheduled reminders and
/// escalations, the reminders recorded and the last level reached. A move carries it, so that a
/// case keeps its reminders and escalations on the revision it moves to, and gets back exactly
/// what it had when the move is undone.
public struct StepSchedule: Hashable, Sendable, Codable {
    /// The reminders, in the order they fall due.
    public var reminders: [ScheduledReminder]
    /// How many of them were recorded (the first ones).
    public var remindersSent: Int
    /// The levels of escalation, in level order.
    public var escalations: [ScheduledEscalation]
    /// The last level reached (0: none).
    public var escalationLevel: Int

    /// Creates a schedule.
    public init(reminders: [ScheduledReminder], remindersSent: Int, escalations: [ScheduledEscalation], escalationLevel: Int) {
        self.reminders = reminders
        self.remindersSent = remindersSent
        self.escalations = escalations
        self.escalationLevel = escalationLevel
    }

    /// The schedule of a step as it stands.
    public init(_ active: ActiveStep) {
        self.init(
            reminders: active.reminders, remindersSent: active.remindersSent,
            escalations: active.escalations, escalationLevel: active.escalationLevel)
    }
}

/// A case's move between revisions, as its state remembers it (for timelines).
public struct RevisionChange: Hashable, Sendable, Codable {
    /// The move's id.
    public var move: String
    /// Whether this is the undo of the move.
    public var isUndo: Bool
    /// The revision left.
    public var from: WorkflowReference
    /// The revision after.
    public var to: WorkflowReference
    /// The step left.
    public var fromStep: StepID
    /// The step after.
    public var step: StepID
    /// When.
    public var at: Date
    /// Who.
    public var by: String

    /// The keys of its JSON (`case show --format json`), as they were when a move was called a migration.
    enum CodingKeys: String, CodingKey {
        case move = "migration"
        case isUndo, from, to, fromStep, step, at, by
    }

    /// Creates a record.
    public init(move: String, isUndo: Bool, from: WorkflowReference, to: WorkflowReference, fromStep: StepID, step: StepID, at: Date, by: String) {
        self.move = move
        self.isUndo = isUndo
        self.from = from
        self.to = to
        self.fromStep = fromStep
        self.step = step
        self.at = at
        self.by = by
    }
}

extension Performer {
    /// The role of those who may move cases between revisions of an SOP (`sop move`):
    /// given with `sop staff add USER --role admin`.
    public static let administratorRole: ActorID = "admin"

    /// Whether the performer is an administrator.
    public var isAdministrator: Bool { roles.contains(Self.administratorRole) }
}

// MARK: - What a move means for a case

/// Whether a deadline moves earlier or later.
public enum DeadlineShift: String, Hashable, Sendable, Codable {
    /// Due sooner than before.
    case earlier
    /// Due later than before.
    case later
    /// Due at the same instant.
    case unchanged

    /// The shift from one deadline to another.
    public static func between(_ old: Date, _ new: Date) -> DeadlineShift {
        new < old ? .earlier : new > old ? .later : .unchanged
    }
}

/// A document a case lacks under a revision: a required input of its current step or of a step
/// after it that the case has neither attached nor waived, that is not external (brought by the
/// reporter), and that no step between the current one and the step needing it lists among its
/// outputs. The current step's own inputs are needed now: no later step can produce them in time.
public struct MissingDocument: Hashable, Sendable, Codable {
    /// The document.
    public var document: DocumentID
    /// Its name in the revision.
    public var name: String
    /// The steps that need it, in file order.
    public var neededBy: [StepID]
    /// Whether the step the case stands on needs it.
    public var isNeededNow: Bool
    /// Whether the case lacked it already under the revision it runs on (a gap the move
    /// does not make).
    public var wasMissingBefore: Bool
    /// Whether it stops the move: the current step needs it now, and did not need it on the
    /// revision the case leaves.
    public var blocksMove: Bool
}

/// What moving one case onto another revision means for it: where it stands, its deadlines,
/// the documents it lacks. Nothing is changed by computing it.
public struct CaseImpact: Hashable, Sendable, Codable {
    /// How the case's current step carries over.
    public enum StepFate: String, Hashable, Sendable, Codable {
        /// The new revision has a step with the same id.
        case kept
        /// A mapping names the step it stands on in the new revision.
        case mapped
        /// The new revision has no step with that id (removed or renamed), and no mapping names one.
        case missing
        /// A mapping names a step the new revision does not have.
        case unknownTarget = "unknown-target"
    }

    /// The case's number.
    public var number: Int
    /// Its register number.
    public var registerNumber: String
    /// The revision it runs on.
    public var from: WorkflowReference
    /// The revision it would run on.
    public var to: WorkflowReference
    /// The step it stands on.
    public var step: StepID
    /// How that step carries over.
    public var fate: StepFate
    /// The step it would stand on (nil when the step is missing).
    public var newStep: StepID?
    /// When the case reached its step (kept by a move).
    public var stepStartedAt: Date
    /// When the step is due now (nil: a step with no stated time).
    public var stepDueAt: Date?
    /// When it would be due: the new step's budget from the step's start, in working time (nil
    /// when the step is missing or has no stated time).
    public var newStepDueAt: Date?
    /// Earlier, later or unchanged (nil when the step is missing, or only one of the two has a
    /// due time).
    public var stepDeadline: DeadlineShift?
    /// When the whole case is due now.
    public var dueAt: Date
    /// When it would be due: the new revision's total (else its steps' budgets) from the
    /// opening, as at opening.
    public var newDueAt: Date
    /// Earlier, later or unchanged.
    public var caseDeadline: DeadlineShift
    /// The documents it would lack.
    public var missingDocuments: [MissingDocument]

    /// Whether the case cannot be moved as it stands: its step has no place in the new revision,
    /// or it would need a document now that it does not have.
    public var isBlocked: Bool {
        fate == .missing || fate == .unknownTarget || missingDocuments.contains(where: \.blocksMove)
    }
}

extension Engine {
    /// The time a whole case is given: the declared total, else the sum of the steps' budgets.
    public var totalBudget: Budget { total }

    /// When a case opened at an instant is due under this revision, as `open` computes it.
    public func caseDue(openedAt instant: Date) -> Date {
        workingTime.deadline(from: instant, adding: totalBudget)
    }

    /// When a step started at an instant is due under this revision; nil for a step with no
    /// stated time.
    public func stepDue(_ step: Step, startedAt instant: Date) -> Date? {
        step.isUntimed ? nil : workingTime.deadline(from: instant, adding: step.budget?.value ?? .zero)
    }

    /// Whether a step is done by the reporter alone (all its actors external).
    public func isReporterStep(_ step: Step) -> Bool {
        workflow.isReporterStep(step)
    }

    /// What moving a case from revision `old` onto this engine's revision would mean for it;
    /// nil for a case that stands on no step (it ended).
    ///
    /// A mapping pair whose `from` is the case's step decides where it stands (even when the new
    /// revision has a step of the same id); otherwise a step with the same id; otherwise the step
    /// is missing.
    public func impact(on state: CaseState, from old: Workflow, mapping: [StepMapping]) -> CaseImpact? {
        guard let active = state.active, !state.status.isFinal else { return nil }
        let fate: CaseImpact.StepFate
        let target: StepID?
        if let pair = mapping.first(where: { $0.from == active.step }) {
            target = pair.to
            fate = step(pair.to) == nil ? .unknownTarget : pair.to == active.step ? .kept : .mapped
        } else if step(active.step) != nil {
            target = active.step
            fate = .kept
        } else {
            target = nil
            fate = .missing
        }
        let newStep = target.flatMap { step($0) }
        let newStepDue = newStep.flatMap { stepDue($0, startedAt: active.startedAt) }
        let stepDeadline: DeadlineShift? = switch (newStep, active.dueAt, newStepDue) {
        case (nil, _, _): nil
        case (_?, let old?, let new?): DeadlineShift.between(old, new)
        case (_?, nil, nil): .unchanged
        default: nil
        }
        let newDue = caseDue(openedAt: state.openedAt)
        var missing: [MissingDocument] = []
        if let newStep {
            let before = Self.lacking(in: old, from: active.step, state: state)
            let now = Self.lacking(in: workflow, from: newStep.id.value, state: state)
            for (document, needed) in now {
                let previous = before.first { $0.document == document }
                let isNeededNow = needed.contains(newStep.id.value)
                let wasNeededNow = previous?.steps.contains(active.step) ?? false
                missing.append(MissingDocument(
                    document: document, name: workflow.document(document)?.name ?? document.rawValue, neededBy: needed,
                    isNeededNow: isNeededNow, wasMissingBefore: previous != nil, blocksMove: isNeededNow && !wasNeededNow))
            }
        }
        return CaseImpact(
            number: state.number, registerNumber: state.registerNumber, from: state.workflow, to: reference,
            step: active.step, fate: fate, newStep: newStep?.id.value, stepStartedAt: active.startedAt,
            stepDueAt: active.dueAt, newStepDueAt: newStepDue, stepDeadline: stepDeadline,
            dueAt: state.dueAt, newDueAt: newDue, caseDeadline: DeadlineShift.between(state.dueAt, newDue),
            missingDocuments: missing)
    }

    /// The documents a case standing on step `current` of `workflow` lacks (see
    /// `MissingDocument`), each with the steps that need it, in file order.
    static func lacking(in workflow: Workflow, from current: StepID, state: CaseState) -> [(document: DocumentID, steps: [StepID])] {
        let steps = workflow.steps
        var index: [StepID: Int] = [:]
        for (position, step) in steps.enumerated() where index[step.id.value] == nil { index[step.id.value] = position }
        guard let start = index[current] else { return [] }
        let successors = steps.map { $0.successors.compactMap { index[$0.value] } }
        // The steps reachable from each step in one move or more.
        func after(_ position: Int) -> Set<Int> {
            var seen = Set<Int>()
            var stack = successors[position]
            while let next = stack.popLast() {
                guard seen.insert(next).inserted else { continue }
                stack.append(contentsOf: successors[next])
            }
            return seen
        }
        let reachable = [start] + after(start).filter { $0 != start }.sorted()
        let later = Dictionary(uniqueKeysWithValues: reachable.map { ($0, after($0)) })
        var have = Set(workflow.documents.filter(\.isExternal).map(\.id.value))
        for document in state.documents { have.insert(document.document) }
        for waiver in state.waivers { have.insert(waiver.document) }
        var found: [(document: DocumentID, steps: [StepID])] = []
        for position in reachable.sorted() {
            for input in steps[position].inputs where !input.isOptional && !have.contains(input.document.value) {
                let document = input.document.value
                if position != start {
                    // Produced on the way: by a remaining step from which this one can be reached.
                    let produced = reachable.contains { producer in
                        later[producer]?.contains(position) == true
                            && steps[producer].outputs.contains { $0.document.value == document }
                    }
                    if produced { continue }
                }
                if let existing = found.firstIndex(where: { $0.document == document }) {
                    if !found[existing].steps.contains(steps[position].id.value) { found[existing].steps.append(steps[position].id.value) }
                } else {
                    found.append((document, [steps[position].id.value]))
                }
            }
        }
        return found
    }
}

// MARK: - Moving a case, and moving it back

extension Engine {
    /// The event that moves a case from revision `old` (the one it runs on) onto this engine's
    /// revision, as part of move `id`; refused, with nothing to write, when the performer is
    /// not an administrator, the revision is not newer, the case's step has no place in this
    /// revision, or the case would need a document now that it does not have (see
    /// `MissingDocument.blocksMove`).
    public func move(
        _ state: CaseState, from old: Workflow, mapping: [StepMapping], move id: String, by performer: Performer,
        at instant: Date
    ) throws(EngineError) -> CaseEvent {
        guard performer.isAdministrator else { throw .notAdministrator(performer.user) }
        guard !state.status.isFinal else { throw .finished(state.registerNumber, status: state.status) }
        guard !id.isEmpty else { throw .moveWithoutID() }
        // As every command: never dated before the case's last event.
        guard instant >= state.lastEventAt else { throw .beforeLastEvent(state.registerNumber, at: instant, last: state.lastEventAt) }
        guard state.workflow.id == reference.id, old.id.value == state.workflow.id, old.revision.value == state.workflow.revision else {
            throw .notTheCaseRevision(state.registerNumber, runsOn: state.workflow)
        }
        guard reference.revision > state.workflow.revision else {
            throw .moveBackwards(state.registerNumber, from: state.workflow.revision, to: reference.revision)
        }
        guard let active = state.active, let impact = impact(on: state, from: old, mapping: mapping) else {
            throw .notCurrentStep("-", current: nil)
        }
        switch impact.fate {
        case .missing: throw .stepNotMapped(state.registerNumber, step: active.step.rawValue, revision: reference.revision)
        case .unknownTarget:
            throw .unknownMappedStep(impact.newStep?.rawValue ?? "-", revision: reference.revision, known: workflow.steps.map(\.id.value.rawValue))
        case .kept, .mapped: break
        }
        let blocking = impact.missingDocuments.filter(\.blocksMove)
        guard blocking.isEmpty else {
            throw .documentsMissing(state.registerNumber, step: impact.newStep?.rawValue ?? "-", documents: blocking.map(\.document.rawValue))
        }
        guard let target = impact.newStep, let newStep = step(target) else {
            throw .missingStep(impact.newStep?.rawValue ?? "-")
        }
        let stepDueAt = impact.newStepDueAt
        let actors = newStep.performers.actors.map(\.value)
        var rolesDone: [ActorID] = []
        if target == active.step, case .all = newStep.performers {
            rolesDone = active.rolesDone.filter(actors.contains)
        }
        // An escalation stays only to an office actor the new revision still has.
        let escalatedTo = active.escalatedTo.flatMap { actor in workflow.actor(actor).map { $0.isExternal ? nil : actor } ?? nil }
        // The step's reminders and escalations in the new revision, from the step's start: what
        // was already recorded on it stays recorded (a reminder of the same kind, the levels
        // already reached), so that nothing is sent twice for one step.
        let schedule = facts(target).map { self.schedule(of: $0, dueAt: stepDueAt, keeping: active) }
        let move = CaseEvent.RevisionMove(
            move: id, from: state.workflow, to: reference, fromStep: active.step, step: target, mapping: mapping,
            stepDueAt: stepDueAt, dueAt: impact.newDueAt, waitsForReporter: isReporterStep(newStep), actors: actors,
            rolesDone: rolesDone, escalatedTo: escalatedTo, schedule: schedule)
        return CaseEvent(sequence: state.version + 1, at: instant, by: performer.user, kind: .moved(move))
    }

    /// The event that undoes move `id` on a case with these events: it puts the case back
    /// on the revision, step, deadlines and actors it had just before the move. Refused when
    /// the performer is not an administrator, the case was not moved by that move, or
    /// anything happened to it after (the move's event is not its last).
    public static func undoMove(_ id: String, events: [CaseEvent], by performer: Performer, at instant: Date) throws(EngineError) -> CaseEvent {
        guard performer.isAdministrator else { throw .notAdministrator(performer.user) }
        let register = events.first.flatMap { event -> String? in
            if case .opened(let opened) = event.kind { opened.registerNumber } else { nil }
        } ?? "-"
        guard let position = events.lastIndex(where: { event in
            if case .moved(let move) = event.kind { move.move == id } else { false }
        }), case .moved(let move) = events[position].kind else {
            throw .notMoved(register, move: id)
        }
        guard position == events.count - 1 else {
            throw .caseAdvanced(register, move: id, eventsAfter: events.count - 1 - position)
        }
        guard let before = CaseState.fold(Array(events[..<position])), let active = before.active else {
            throw .notOnAStepBeforeMove(register, move: id)
        }
        let undo = CaseEvent.RevisionMove(
            move: id, from: move.to, to: move.from, fromStep: move.step, step: active.step,
            mapping: move.mapping, stepDueAt: active.dueAt, dueAt: before.dueAt,
            waitsForReporter: before.status == .waitingForReporter, actors: active.actors, rolesDone: active.rolesDone,
            escalatedTo: active.escalatedTo, schedule: StepSchedule(active))
        return CaseEvent(sequence: events[position].sequence + 1, at: instant, by: performer.user, kind: .moveUndone(undo))
    }
}

extension EngineError {
    static func moveWithoutID() -> EngineError {
        .workflow(Text(id: "pemindahan memerlukan id", en: "a move needs an id"))
    }
    static func notTheCaseRevision(_ registerNumber: String, runsOn reference: WorkflowReference) -> EngineError {
        .workflow(Text(
            id: "pengaduan \(registerNumber) berjalan pada \(reference.id) revisi \(reference.revision), bukan pada revisi yang diberikan sebagai revisinya",
            en: "case \(registerNumber) runs on \(reference.id) revision \(reference.revision), not on the revision given as its own"))
    }
    static func notOnAStepBeforeMove(_ registerNumber: String, move: String) -> EngineError {
        .workflow(Text(
            id: "peristiwa pengaduan \(registerNumber) sebelum pemindahan \(move) tidak membentuk pengaduan yang berada pada suatu langkah",
            en: "the events of case \(registerNumber) before move \(move) do not add up to a case on a step"))
    }
    static func notAdministrator(_ user: String) -> EngineError {
        let role = Performer.administratorRole
        return EngineError(.notAdministrator, Text(
            id: "pengguna '\(user)' tidak boleh memindahkan pengaduan antarrevisi: hal itu wewenang administrator "
                + "(peran '\(role)'); administrator memberikannya dengan `sop staff add \(user) --role \(role)`",
            en: "user '\(user)' may not move cases between revisions: that is for administrators "
                + "(role '\(role)'); an administrator grants it with `sop staff add \(user) --role \(role)`"))
    }
    static func moveBackwards(_ registerNumber: String, from: Int, to: Int) -> EngineError {
        EngineError(.moveBackwards, Text(
            id: "pengaduan \(registerNumber) berjalan pada revisi \(from), tidak lebih lama dari revisi \(to): "
                + "pemindahan hanya maju; untuk kembali, batalkan pemindahan yang memindahkannya (`sop move --undo ID`)",
            en: "case \(registerNumber) runs on revision \(from), not older than revision \(to): "
                + "moves only go forward; to go back, undo the move that moved it (`sop move --undo ID`)"))
    }
    static func stepNotMapped(_ registerNumber: String, step: String, revision: Int) -> EngineError {
        EngineError(.stepNotMapped, Text(
            id: "pengaduan \(registerNumber) berada pada langkah '\(step)', yang tidak ada pada revisi \(revision): "
                + "sebutkan tujuannya dengan `--map \(step)=LANGKAH_BARU`",
            en: "case \(registerNumber) stands on step '\(step)', which revision \(revision) does not have: "
                + "say where it goes with `--map \(step)=NEW_STEP`"))
    }
    static func unknownMappedStep(_ step: String, revision: Int, known: [String]) -> EngineError {
        let list = known.joined(separator: ", ")
        return EngineError(.unknownStep, Text(
            id: "revisi \(revision) tidak memiliki langkah '\(step)'; langkahnya: \(list)",
            en: "revision \(revision) has no step '\(step)'; its steps are: \(list)"))
    }
    static func documentsMissing(_ registerNumber: String, step: String, documents: [String]) -> EngineError {
        let list = documents.map { "'\($0)'" }.joined(separator: ", ")
        return EngineError(.documentsMissing, Text(
            id: "pengaduan \(registerNumber) akan berada pada langkah '\(step)' tanpa \(list), yang dibutuhkan langkah itu "
                + "dan belum dilampirkan maupun diabaikan pada pengaduan ini: petakan langkah pengaduan ke langkah yang lebih awal "
                + "(`--map`), atau biarkan pengaduan selesai pada revisinya",
            en: "case \(registerNumber) would stand on step '\(step)' without \(list), which the step needs and the case "
                + "has neither attached nor waived: map the case's step to an earlier step (`--map`), or let the case finish on its revision"))
    }
    static func notMoved(_ registerNumber: String, move: String) -> EngineError {
        EngineError(.notMoved, Text(
            id: "pengaduan \(registerNumber) tidak dipindahkan oleh pemindahan \(move)",
            en: "case \(registerNumber) was not moved by move \(move)"))
    }
    static func caseAdvanced(_ registerNumber: String, move: String, eventsAfter: Int) -> EngineError {
        EngineError(.caseAdvanced, Text(
            id: "pengaduan \(registerNumber) memiliki \(eventsAfter) peristiwa sesudah pemindahan \(move) "
                + "(lihat `sop case history \(registerNumber)`), sehingga pemindahan itu tidak dapat dibatalkan lagi",
            en: "case \(registerNumber) has \(eventsAfter) event(s) after move \(move) "
                + "(see `sop case history \(registerNumber)`), so the move can no longer be undone"))
    }
}

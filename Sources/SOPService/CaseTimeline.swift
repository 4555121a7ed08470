import Foundation
import SOPEngine
import SOPModel

/// A case laid out for people: its fields, each step with who did it, when, and its budget
/// against the working time it took, and where it stands now.
public struct CaseTimeline: Sendable, Encodable {
    /// One field, with personal data masked unless revealed.
    public struct FieldLine: Sendable, Encodable {
        /// The field's id.
        public var id: String
        /// The label staff see.
        public var label: String
        /// The value, masked when it is personal data.
        public var value: String
    }
    /// One step the case went through, or stands on.
    public struct StepLine: Sendable, Encodable {
        /// The step's number in the SOP's flow table (1-based).
        public var number: Int
        /// The step's id.
        public var step: String
        /// What is done, in the SOP's words.
        public var activity: String
        /// The actors (pelaksana), by name.
        public var actors: [String]
        /// Who recorded it (nil while the step is open).
        public var by: String?
        /// Whether staff recorded it on the reporter's behalf.
        public var onBehalfOfReporter: Bool
        /// When the step started.
        public var startedAt: Date
        /// When it ended; nil while the case stands on it.
        public var endedAt: Date?
        /// When it was due; nil for a step with no stated time ("-").
        public var dueAt: Date?
        /// The budget as the SOP writes it.
        public var budget: String
        /// Working seconds the step took (or has taken so far).
        public var workingSeconds: Int
        /// Working seconds between start and due; nil for a step with no stated time.
        public var budgetSeconds: Int?
        /// `completed`, `skipped`, `returned`, or `open` for the current step.
        public var ending: String
        /// The branch chosen, for a decision.
        public var branch: String?
        /// The reason given for a skip or a return.
        public var reason: String?
        /// On time, at risk, or overdue (for a finished step: on time or overdue); nil for a step
        /// with no stated time, which is never late.
        public var sla: SLAState?
        /// For a step done by several actors together: the roles that took part so far.
        public var rolesDone: [String]
        /// The actor it was escalated to.
        public var escalatedTo: String?
    }
    /// The case's number.
    public var number: Int
    /// The register number.
    public var registerNumber: String
    /// The workflow id.
    public var workflow: String
    /// The revision the case runs on.
    public var revision: Int
    /// The SOP's title.
    public var title: String
    /// Where the case stands.
    public var status: CaseStatus
    /// The outcome's name, once it ended with one.
    public var outcome: String?
    /// The workflow it was handed off to.
    public var handedOffTo: String?
    /// The title of the SOP it was handed off to, when that SOP has no workflow file.
    public var handedOffToTitle: String?
    /// The SOP it was handed off to, either way.
    public var handoffTarget: HandoffTarget? {
        handedOffTo.map { .workflow(WorkflowID($0)) } ?? handedOffToTitle.map { .title($0) }
    }
    /// The channel's name.
    public var channel: String?
    /// When it was opened.
    public var openedAt: Date
    /// Who opened it.
    public var openedBy: String
    /// When the whole case is due.
    public var dueAt: Date
    /// When it ended.
    public var closedAt: Date?
    /// The case's SLA state against its total budget.
    public var sla: SLAState
    /// Working seconds spent by the office (the case's working time less the reporter's).
    public var officeWorkingSeconds: Int
    /// Working seconds spent waiting on the reporter.
    public var reporterWorkingSeconds: Int
    /// The case's fields, in the workflow's order.
    public var fields: [FieldLine]
    /// Every step the case went through, then the one it stands on.
    public var steps: [StepLine]
    /// The documents attached.
    public var documents: [AttachedDocument]
    /// The documents waived.
    public var waivers: [CaseState.Waiver]
    /// The notes.
    public var notes: [CaseState.Note]
    /// Its moves between revisions (moves and their undoing), in order.
    public var revisionChanges: [RevisionChange]
    /// Where the case stands in its escalation by schedule; nil when nothing was or is scheduled.
    public var escalation: EscalationStanding?
    /// The next reminder of the step the case stands on (at risk, then overdue), to the staff who
    /// hold its roles; nil when none is still to come.
    public var nextReminder: NextReminder?

    /// A reminder still to come.
    public struct NextReminder: Sendable, Encodable, Hashable {
        /// `at-risk` or `overdue`.
        public var reminder: Reminder
        /// When it falls due.
        public var at: Date
    }

    /// The levels of escalation reached, and the next moment the sweep escalates the case.
    public struct EscalationStanding: Sendable, Encodable, Hashable {
        /// The level of the current step's escalation reached (0: none yet).
        public var stepLevel: Int
        /// The level of the whole case's escalation reached (0: none yet).
        public var caseLevel: Int
        /// The actor the whole case went to, if it did.
        public var caseEscalatedTo: String?
        /// The next level still to come, of the step or of the whole case.
        public var next: Next?

        /// A level still to come.
        public struct Next: Sendable, Encodable, Hashable {
            /// The step it escalates; nil for the whole case.
            public var step: String?
            /// The level.
            public var level: Int
            /// To whom.
            public var to: String
            /// When it falls due.
            public var at: Date
        }

        /// The standing of a case, or nil when it has no escalation scheduled or reached.
        init?(_ state: CaseState) {
            let active = state.active
            stepLevel = active?.escalationLevel ?? 0
            caseLevel = state.caseEscalationLevel
            caseEscalatedTo = state.caseEscalatedTo?.rawValue
            let step = active.flatMap { active in active.nextEscalation.map { (active.step, $0) } }
            let whole = state.lifecycle.isEnded ? nil : state.nextCaseEscalation
            if let whole, step.map({ whole.at < $0.1.at }) ?? true {
                next = Next(step: nil, level: whole.level, to: whole.to.rawValue, at: whole.at)
            } else if let step {
                next = Next(step: step.0.rawValue, level: step.1.level, to: step.1.to.rawValue, at: step.1.at)
            } else {
                next = nil
            }
            guard next != nil || stepLevel > 0 || caseLevel > 0 else { return nil }
        }
    }

    /// The years that the case's due time, or the due time of the step it stands on, runs through
    /// and its calendar does not cover: those due times assume that these years have no holidays.
    public var uncoveredYears: [Int]

    /// Lays out a case as of `now`, using the revision it runs on; steps it went through on
    /// revisions it ran on before (`earlier`, any order, one engine a revision) are shown as those
    /// revisions had them: their number, activity, actors and budget.
    ///
    /// A step belongs to the revision in force when it ended (`revisions(of:)`); when that
    /// revision is not among the engines given, or lacks the step, the revision the case runs on
    /// names it, then the earlier ones.
    public init(state: CaseState, engine: Engine, now: Date, revealPersonalData: Bool = false, earlier: [Engine] = []) {
        let workflow = engine.workflow
        let time = engine.workingTime
        var numbers = Dictionary(workflow.steps.enumerated().map { ($1.id.value, $0 + 1) }, uniquingKeysWith: { first, _ in first })
        var owners: [StepID: Workflow] = [:]
        for step in workflow.steps where owners[step.id.value] == nil { owners[step.id.value] = workflow }
        for older in earlier {
            for (position, step) in older.workflow.steps.enumerated() where owners[step.id.value] == nil {
                owners[step.id.value] = older.workflow
                numbers[step.id.value] = position + 1
            }
        }
        var engines: [String: Engine] = [:]
        for candidate in [engine] + earlier where engines[candidate.reference.contentHash] == nil {
            engines[candidate.reference.contentHash] = candidate
        }
        func names(_ step: Step?, in owner: Workflow? = nil) -> [String] {
            guard let step else { return [] }
            let owner = owner ?? owners[step.id.value] ?? workflow
            return step.performers.actors.map { owner.actor($0.value)?.name ?? $0.value.rawValue }
        }
        func step(_ id: StepID) -> Step? {
            engine.step(id) ?? earlier.lazy.compactMap { $0.step(id) }.first
        }
        number = state.number
        registerNumber = state.registerNumber
        self.workflow = state.workflow.id.rawValue
        revision = state.workflow.revision
        title = workflow.title
        status = state.status
        outcome = state.outcome.map { workflow.outcome($0)?.name ?? $0.rawValue }
        handedOffTo = state.handedOffTo?.workflow?.rawValue
        handedOffToTitle = state.handedOffTo?.title
        channel = state.channel.map { id in workflow.channels.first { $0.id.value.rawValue == id }?.name ?? id }
        openedAt = state.openedAt
        openedBy = state.openedBy
        dueAt = state.dueAt
        closedAt = state.closedAt
        let end = state.closedAt ?? now
        sla = state.status.isFinal
            ? (end > state.dueAt ? .overdue : .onTime)
            : time.slaState(start: state.openedAt, due: state.dueAt, now: now)
        let total = time.workingSeconds(from: state.openedAt, to: end)
        let waiting = state.reporterWaits.reduce(0) { $0 + time.workingSeconds(from: $1.start, to: $1.end ?? end) }
        reporterWorkingSeconds = waiting
        officeWorkingSeconds = max(0, total - waiting)
        fields = workflow.fields.compactMap { field in
            guard let value = state.fields[field.id.value.rawValue] else { return nil }
            let text = value.description
            let shown = revealPersonalData ? text : field.type.isPersonalData ? Self.mask(text) : Self.maskPersonalData(inText: text)
            return FieldLine(id: field.id.value.rawValue, label: field.label, value: shown)
        }
        let ranOn = Self.revisions(of: state)
        var lines: [StepLine] = zip(state.steps, ranOn).map { record, hash in
            // The revision the step ran on, when it is at hand and has the step; else as named above.
            let owner = engines[hash].flatMap { $0.step(record.step) == nil ? nil : $0 }
            let step = owner?.step(record.step) ?? step(record.step)
            let number = owner?.workflow.steps.firstIndex { $0.id.value == record.step }.map { $0 + 1 }
            let time = owner?.workingTime ?? time
            return StepLine(
                number: number ?? numbers[record.step] ?? 0, step: record.step.rawValue, activity: step?.activity ?? record.step.rawValue,
                actors: names(step, in: owner?.workflow), by: record.by, onBehalfOfReporter: record.onBehalfOfReporter,
                startedAt: record.startedAt, endedAt: record.endedAt, dueAt: record.dueAt,
                budget: step?.budgetText ?? "-", workingSeconds: time.workingSeconds(from: record.startedAt, to: record.endedAt),
                budgetSeconds: record.dueAt.map { time.workingSeconds(from: record.startedAt, to: $0) }, ending: record.ending.rawValue,
                branch: record.branch, reason: record.reason, sla: record.dueAt.map { record.endedAt > $0 ? .overdue : .onTime },
                rolesDone: [], escalatedTo: nil)
        }
        if let active = state.active {
            let step = engine.step(active.step)
            lines.append(StepLine(
                number: numbers[active.step] ?? 0, step: active.step.rawValue, activity: step?.activity ?? active.step.rawValue,
                actors: names(step), by: nil, onBehalfOfReporter: false, startedAt: active.startedAt, endedAt: nil,
                dueAt: active.dueAt, budget: step?.budgetText ?? "-",
                workingSeconds: time.workingSeconds(from: active.startedAt, to: now),
                budgetSeconds: active.dueAt.map { time.workingSeconds(from: active.startedAt, to: $0) }, ending: "open", branch: nil,
                reason: nil, sla: active.dueAt.map { time.slaState(start: active.startedAt, due: $0, now: now) },
                rolesDone: active.rolesDone.map(\.rawValue), escalatedTo: active.escalatedTo?.rawValue))
        }
        steps = lines
        var uncovered = Set(time.uncoveredYears(from: state.openedAt, to: state.dueAt))
        if let active = state.active, let due = active.dueAt { uncovered.formUnion(time.uncoveredYears(from: active.startedAt, to: due)) }
        uncoveredYears = uncovered.sorted()
        documents = state.documents
        waivers = state.waivers
        notes = revealPersonalData ? state.notes : state.notes.map { note in
            var masked = note
            masked.text = Self.maskPersonalData(inText: note.text)
            return masked
        }
        revisionChanges = state.revisionChanges
        escalation = EscalationStanding(state)
        nextReminder = state.lifecycle.isEnded ? nil : state.active?.nextReminder.map { NextReminder(reminder: $0.reminder, at: $0.at) }
    }

    /// The content hash of the revision each ended step of a case (`state.steps`, in order) ran
    /// on: the revision in force when it ended. Steps that ended before the case's first move ran
    /// on the revision it was opened on; a step the case stood on while it moved was moved with it
    /// (its due reckoned anew on the revision it moved to), so it belongs to the revision it ended
    /// on. A move at the very instant a step ended (a fixed clock) counts as before the step's end
    /// when the step is the one moved (its id is the step moved to).
    public static func revisions(of state: CaseState) -> [String] {
        let changes = state.revisionChanges
        guard let first = changes.first else { return state.steps.map { _ in state.workflow.contentHash } }
        var done = 0
        return state.steps.map { record in
            while done < changes.count {
                let change = changes[done]
                let before = change.at == record.endedAt
                    ? record.step == change.step && record.startedAt <= change.at : change.at < record.endedAt
                guard before else { break }
                done += 1
            }
            return done == 0 ? first.from.contentHash : changes[done - 1].to.contentHash
        }
    }

    /// Free text (a description, a note) with the NIKs, phone numbers and e-mail addresses written
    /// in it masked as the fields of those types are (`mask`): `hubungi 0812*****890`.
    public static func maskPersonalData(inText text: String) -> String {
        var result = text
        // E-mail addresses first: their digits are not a phone number of their own.
        for match in result.matches(of: /[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)+/).reversed()
        where PersonalData.isEmail(String(result[match.range])) {
            result.replaceSubrange(match.range, with: mask(String(result[match.range])))
        }
        // Runs of digits with the separators numbers are written with.
        for match in result.matches(of: /\+?[0-9][0-9 .\-()]*[0-9]/).reversed() {
            let run = String(result[match.range])
            if PersonalData.isNIK(run) || PersonalData.isPhoneNumber(run) {
                result.replaceSubrange(match.range, with: mask(run))
            }
        }
        return result
    }

    /// Personal data with only its ends shown: `3305********0001`, `+62812*****890`.
    public static func mask(_ text: String) -> String {
        let characters = Array(text)
        guard characters.count > 6 else { return String(repeating: "*", count: characters.count) }
        let keep = characters.count >= 12 ? 4 : 2
        return String(characters.prefix(keep)) + String(repeating: "*", count: characters.count - 2 * keep) + String(characters.suffix(keep))
    }
}

extension CaseService {
    /// The timeline of a case as of `now`.
    public func timeline(_ reference: String, now: Date, revealPersonalData: Bool = false) throws(ServiceError) -> CaseTimeline {
        try timeline(of: try load(reference).state, now: now, revealPersonalData: revealPersonalData)
    }

    /// The timeline of a case state at hand (just written, say), as of `now`.
    public func timeline(of state: CaseState, now: Date, revealPersonalData: Bool = false) throws(ServiceError) -> CaseTimeline {
        // The revisions the case ran on before, newest first, each loaded once (by content hash)
        // from the text stored with the case: the steps it went through there are shown as they were.
        var earlier: [Engine] = []
        var seen: Set<String> = [state.workflow.contentHash]
        for change in state.revisionChanges.reversed() where seen.insert(change.from.contentHash).inserted {
            if let engine = try? revision(change.from, of: state.registerNumber).engine { earlier.append(engine) }
        }
        return CaseTimeline(
            state: state, engine: try revision(of: state).engine, now: now, revealPersonalData: revealPersonalData, earlier: earlier)
    }

    /// The names of the channels of a case's revision, by id (for its history's words).
    public func channelNames(_ reference: String) throws(ServiceError) -> [String: String] {
        let workflow = try revision(of: try load(reference).state).engine.workflow
        return Dictionary(workflow.channels.map { ($0.id.value.rawValue, $0.name) }, uniquingKeysWith: { first, _ in first })
    }

    /// The events of a case, oldest first; personal data in them masked unless revealed.
    public func history(_ reference: String, revealPersonalData: Bool = false) throws(ServiceError) -> [CaseEvent] {
        let stored = try load(reference)
        guard !revealPersonalData else { return stored.events }
        let workflow = try revision(of: stored.state).engine.workflow
        return stored.events.map { event in
            var masked = event
            switch event.kind {
            case .opened(var opened):
                for field in workflow.fields {
                    guard let value = opened.fields[field.id.value.rawValue], case .text(let text) = value else { continue }
                    opened.fields[field.id.value.rawValue] = .text(
                        field.type.isPersonalData ? CaseTimeline.mask(text) : CaseTimeline.maskPersonalData(inText: text))
                }
                masked.kind = .opened(opened)
            case .noteAdded(let text):
                masked.kind = .noteAdded(CaseTimeline.maskPersonalData(inText: text))
            default:
                break
            }
            return masked
        }
    }
}

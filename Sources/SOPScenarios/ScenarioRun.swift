import Foundation
import SOPCore
import SOPEngine
import SOPLoading
import SOPModel

/// A failed expectation, where it is written: what was expected and what came.
public struct ScenarioFailure: Hashable, Sendable {
    /// The expectation, or the action, that failed.
    public var location: SourceLocation
    /// What went wrong, in both languages.
    public var message: Text
    /// What the scenario expected, as written (nil when the failure is an action refused).
    public var expected: String?
    /// What came instead.
    public var actual: String?
}

/// What running one scenario found.
public struct ScenarioResult: Hashable, Sendable {
    /// The scenario's name.
    public var name: String
    /// Where it is written.
    public var location: SourceLocation
    /// What failed; empty when the scenario passed.
    public var failures: [ScenarioFailure]
    /// The actions carried out (refused ones included, those after a failure that stopped the
    /// scenario not).
    public var actionsRun: Int
    /// What the case went through, for coverage.
    public var reached: Reached
    /// The case as the scenario left it (nil when it was never opened).
    public var final: CaseState?

    /// Whether every expectation held.
    public var passed: Bool { failures.isEmpty }

    /// The steps, branches and end a case reached.
    public struct Reached: Hashable, Sendable {
        /// The steps the case stood on, in order (a step again on a rework loop).
        public var steps: [StepID] = []
        /// Each decision step and the branch taken at it.
        public var branches: [Branch] = []
        /// How the case ended, if it did by an outcome or a hand-off.
        public var end: WorkflowPaths.Path.End?
        /// The way walked, as `sop paths` lists ways: each step ended and its branch.
        public var visits: [WorkflowPaths.Path.Visit] = []

        /// What a case as it stands went through: every step a case stood on either ended (and is
        /// in its records) or is the one it stands on, whatever the actions refused on the way.
        init(_ state: CaseState) {
            for step in state.steps.map(\.step) + [state.active?.step].compactMap({ $0 }) where !steps.contains(step) {
                steps.append(step)
            }
            visits = state.steps.filter { $0.ending != .returned }.map { WorkflowPaths.Path.Visit(step: $0.step, branch: $0.branch) }
            branches = state.steps.compactMap { record in record.branch.map { Branch(step: record.step, label: $0) } }
            end = state.outcome.map(WorkflowPaths.Path.End.outcome) ?? state.handedOffTo.map(WorkflowPaths.Path.End.handoff)
        }

        init() {}
    }

    /// A branch of a decision.
    public struct Branch: Hashable, Sendable {
        /// The step.
        public var step: StepID
        /// The branch's label.
        public var label: String
    }
}

/// Runs scenarios on one workflow revision's engine, in memory, with a clock that moves only as
/// the scenario says: nothing is read from a clock, a database or a file.
public struct ScenarioRunner: Sendable {
    /// The engine of the workflow the scenarios run on.
    public let engine: Engine
    /// The calendar's time zone, in which times are shown in failures.
    let timeZone: TimeZone
    /// The user who acts in scenarios.
    static let user = "skenario"

    /// Creates a runner for a workflow and its calendar; nil when the calendar has no usable
    /// office hours or time zone.
    public init?(workflow: Workflow, calendar: WorkCalendar) {
        guard let workingTime = WorkingTime(calendar: calendar), let zone = TimeZone(identifier: calendar.timeZone.value) else {
            return nil
        }
        let reference = WorkflowReference(id: workflow.id.value, revision: workflow.revision.value, contentHash: "scenario")
        engine = Engine(workflow: workflow, reference: reference, workingTime: workingTime)
        timeZone = zone
    }

    private var workflow: Workflow { engine.workflow }

    /// Runs a scenario: opens the case, carries out each action at its time (the sweep's
    /// reminders and escalations happening as the clock passes their moments), and checks each
    /// expectation. A refusal the scenario did not expect stops it.
    public func run(_ scenario: Scenario, number: Int = 1) -> ScenarioResult {
        var run = Run(runner: self, scenario: scenario)
        run.start(number: number)
        run.result.final = run.state
        if let state = run.state { run.result.reached = ScenarioResult.Reached(state) }
        return run.result
    }

    /// The performer for an action: the role given, else who would do the step the case stands
    /// on (the actor it was escalated to, the actor of a joint step still to take part, the
    /// step's actor), else the workflow's first office role (staff recording the reporter's part).
    func performer(_ action: ScenarioAction, on state: CaseState) -> Performer {
        if let by = action.by { return Performer(user: Self.user, roles: [by.value]) }
        let office = workflow.actors.filter { !$0.isExternal }.map(\.id.value)
        var role: ActorID?
        if let active = state.active {
            let actors = engine.step(active.step)?.performers.actors.map(\.value) ?? []
            role = active.escalatedTo
                ?? actors.first { office.contains($0) && !active.rolesDone.contains($0) }
                ?? state.caseEscalatedTo
        }
        return Performer(user: Self.user, roles: Set([role ?? office.first].compactMap { $0 }))
    }

    /// An instant as RFC 3339 in the calendar's time zone.
    func format(_ instant: Date?) -> String {
        guard let instant else { return "-" }
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = timeZone
        return formatter.string(from: instant)
    }
}

/// One scenario being run.
private struct Run {
    let runner: ScenarioRunner
    let scenario: Scenario
    var result: ScenarioResult
    var state: CaseState?
    var clock: Date

    init(runner: ScenarioRunner, scenario: Scenario) {
        self.runner = runner
        self.scenario = scenario
        result = ScenarioResult(name: scenario.name.value, location: scenario.location, failures: [], actionsRun: 0, reached: .init(), final: nil)
        clock = scenario.start.value
    }

    private var engine: Engine { runner.engine }

    mutating func start(number: Int) {
        var fields: [String: String] = [:]
        for field in scenario.fields { fields[field.name.value] = field.value }
        let request = OpenRequest(fields: fields, channel: scenario.channel?.value, number: number, registerNumber: "SKENARIO/\(number)")
        let opener = Performer(user: ScenarioRunner.user, roles: Set(engine.workflow.actors.filter { !$0.isExternal }.map(\.id.value)))
        let events: [CaseEvent]
        do {
            events = try engine.open(request, by: opener, at: clock)
        } catch {
            if let refused = scenario.refused {
                if refused.value != error.code.rawValue {
                    fail(at: refused.location, Text(
                        id: "pembukaan ditolak dengan kode lain: \(error.message.id)",
                        en: "the opening was refused with another code: \(error.message.en)"), expected: refused.value, actual: error.code.rawValue)
                }
            } else {
                fail(at: scenario.location, Text(id: "pembukaan pengaduan ditolak: \(error.message.id)", en: "opening the case was refused: \(error.message.en)"),
                    actual: error.code.rawValue)
            }
            return
        }
        if let refused = scenario.refused {
            fail(at: refused.location, Text(id: "pembukaan pengaduan diterima, padahal harus ditolak", en: "opening the case was accepted, but it must be refused"),
                expected: refused.value, actual: "-")
            return
        }
        guard let opened = CaseState.fold(events) else {
            fail(at: scenario.location, Text(id: "peristiwa pembukaan tidak dapat diterapkan", en: "the opening events do not apply"))
            return
        }
        state = opened
        for action in scenario.actions {
            guard perform(action) else { return }
        }
        if let expect = scenario.expect, let state { check(expect, state) }
    }

    /// Carries out an action; false when the scenario cannot go on.
    private mutating func perform(_ action: ScenarioAction) -> Bool {
        guard var current = state else { return false }
        let moment: Date
        if let at = action.at {
            guard at.value >= clock else {
                fail(at: at.location, Text(
                    id: "waktu \(runner.format(at.value)) lebih awal daripada tindakan sebelumnya (\(runner.format(clock)))",
                    en: "the time \(runner.format(at.value)) is before the action before it (\(runner.format(clock)))"))
                return false
            }
            moment = at.value
        } else if let after = action.after {
            moment = engine.workingTime.deadline(from: clock, adding: after.value)
        } else if case .wait(let time) = action.verb {
            moment = engine.workingTime.deadline(from: clock, adding: time.value)
        } else {
            moment = clock
        }
        current = sweep(current, until: moment)
        clock = moment
        result.actionsRun += 1
        let command: CaseCommand?
        switch action.verb {
        case .complete(let step):
            var waivers: [DocumentID: String] = [:]
            for waiver in action.waivers { waivers[waiver.document.value] = waiver.reason }
            command = .complete(step: step.value, branch: action.branch?.value, attachments: attachments(action, step: step.value),
                waivers: waivers, note: action.note)
        case .skip(let step):
            if let goesOn = offStep(step, current, action) { return goesOn }
            command = .skip(reason: action.reason ?? "")
        case .returnToReporter(let step):
            if let goesOn = offStep(step, current, action) { return goesOn }
            command = .returnToReporter(reason: action.reason ?? "")
        case .escalate(let step):
            if let goesOn = offStep(step, current, action) { return goesOn }
            command = .escalate(to: action.to?.value, reason: action.reason)
        case .handoff(let target): command = .handOff(to: target.value, note: action.note)
        case .withdraw(let reason): command = .withdraw(reason: reason)
        case .attach:
            var refusal: EngineError?
            var working = current
            for document in attachments(action, step: nil) {
                do {
                    let new = try engine.handle(.attach(document), on: working, by: runner.performer(action, on: working), at: clock)
                    guard apply(new, to: &working) else { return false }
                } catch {
                    refusal = error
                    break
                }
            }
            return settle(action, refusal: refusal, newState: working)
        case .note(let text): command = .note(text)
        case .wait: command = nil
        }
        guard let command else {
            state = current
            if let expect = action.expect { check(expect, current) }
            return true
        }
        do {
            let events = try engine.handle(command, on: current, by: runner.performer(action, on: current), at: clock)
            var next = current
            guard apply(events, to: &next) else { return false }
            return settle(action, refusal: nil, newState: next)
        } catch {
            return settle(action, refusal: error, newState: current)
        }
    }

    /// After an action: the refusal checked against what the scenario expects, the new state kept
    /// (a refused action changes nothing), the action's expectations checked.
    private mutating func settle(_ action: ScenarioAction, refusal: EngineError?, newState: CaseState) -> Bool {
        switch (refusal, action.refused) {
        case (nil, let expected?):
            fail(at: expected.location, Text(
                id: "tindakan `\(action.verbKey)` dilakukan, padahal harus ditolak",
                en: "the action `\(action.verbKey)` was done, but it must be refused"), expected: expected.value, actual: "-")
        case (let refusal?, nil):
            fail(at: action.location, Text(
                id: "tindakan `\(action.verbKey)` ditolak: \(refusal.message.id)",
                en: "the action `\(action.verbKey)` was refused: \(refusal.message.en)"), actual: refusal.code.rawValue)
            return false
        case (let refusal?, let expected?) where refusal.code.rawValue != expected.value:
            fail(at: expected.location, Text(
                id: "tindakan `\(action.verbKey)` ditolak dengan kode lain: \(refusal.message.id)",
                en: "the action `\(action.verbKey)` was refused with another code: \(refusal.message.en)"),
                expected: expected.value, actual: refusal.code.rawValue)
        default:
            break
        }
        state = refusal == nil ? newState : state
        if let expect = action.expect, let state { check(expect, state) }
        return true
    }

    /// Applies events to a state; false (reported) when one does not apply, a fault of the engine.
    private mutating func apply(_ events: [CaseEvent], to state: inout CaseState) -> Bool {
        for event in events where !state.apply(event) {
            fail(at: scenario.location, Text(id: "peristiwa mesin tidak dapat diterapkan", en: "an event of the engine does not apply"))
            return false
        }
        return true
    }

    /// The case once the sweep has done what falls due up to `moment`, each at its own moment.
    private mutating func sweep(_ state: CaseState, until moment: Date) -> CaseState {
        var state = state
        while let next = state.nextScheduledAt, next <= moment {
            let events = engine.sweep(state, at: next)
            guard !events.isEmpty, apply(events, to: &state) else { break }
        }
        return state
    }

    /// Nil when the case stands on the step an action names. When it does not, the action meets
    /// the engine's refusal (`not-current-step`): expected, the scenario goes on (true) with the
    /// case unchanged; else it fails there (false).
    private mutating func offStep(_ step: Located<StepID>, _ state: CaseState, _ action: ScenarioAction) -> Bool? {
        guard state.active?.step != step.value else { return nil }
        let actual = state.active?.step.rawValue ?? "-"
        if action.refused?.value == ErrorCode.notCurrentStep.rawValue {
            self.state = state
            if let expect = action.expect { check(expect, state) }
            return true
        }
        fail(at: step.location, Text(
            id: "pengaduan berada pada langkah '\(actual)', bukan '\(step.value)'",
            en: "the case stands on step '\(actual)', not '\(step.value)'"), expected: step.value.rawValue, actual: actual)
        return false
    }

    /// The documents an action attaches, as a scan of each would be.
    private func attachments(_ action: ScenarioAction, step: StepID?) -> [AttachedDocument] {
        action.attachments.map { document in
            AttachedDocument(
                document: document.value, sha256: String(repeating: "0", count: 64), fileName: "\(document.value.rawValue).pdf", size: 0,
                step: step ?? state?.active?.step)
        }
    }

    // MARK: Expectations

    private mutating func check(_ expect: ScenarioExpectation, _ state: CaseState) {
        if let status = expect.status, status.value != state.status.rawValue {
            fail(at: status.location, Text(id: "status berbeda", en: "the status differs"), expected: status.value, actual: state.status.rawValue)
        }
        if let step = expect.step, step.value != state.active?.step {
            fail(at: step.location, Text(id: "langkah saat ini berbeda", en: "the current step differs"),
                expected: step.value?.rawValue ?? "-", actual: state.active?.step.rawValue ?? "-")
        }
        if let outcome = expect.outcome, outcome.value != state.outcome {
            fail(at: outcome.location, Text(id: "hasil akhir berbeda", en: "the outcome differs"),
                expected: outcome.value.rawValue, actual: state.outcome?.rawValue ?? "-")
        }
        if let target = expect.handedOffTo {
            let actual = state.handedOffTo
            let matches = actual.map { Self.folded($0.description) == Self.folded(target.value) } ?? false
            if !matches {
                fail(at: target.location, Text(id: "SOP tujuan penyerahan berbeda", en: "the SOP handed off to differs"),
                    expected: target.value, actual: actual?.description ?? "-")
            }
        }
        if let path = expect.path {
            let expected = path.value.map(\.value)
            let actual = state.steps.map(\.step)
            if expected != actual {
                fail(at: path.location, Text(id: "jalur berbeda", en: "the path differs"),
                    expected: expected.map(\.rawValue).joined(separator: ", "), actual: actual.map(\.rawValue).joined(separator: ", "))
            }
        }
        if let due = expect.due, due.value != state.dueAt {
            fail(at: due.location, Text(id: "tenggat pengaduan berbeda", en: "the case's due time differs"),
                expected: runner.format(due.value), actual: runner.format(state.dueAt))
        }
        if let due = expect.stepDue {
            if state.active == nil {
                fail(at: due.location, Text(id: "pengaduan tidak berada pada langkah mana pun", en: "the case stands on no step"),
                    expected: runner.format(due.value), actual: "-")
            } else if due.value != state.active?.dueAt {
                fail(at: due.location, Text(id: "tenggat langkah berbeda", en: "the step's due time differs"),
                    expected: runner.format(due.value), actual: runner.format(state.active?.dueAt))
            }
        }
        if let closed = expect.closedAt, closed.value != state.closedAt {
            fail(at: closed.location, Text(id: "waktu berakhir berbeda", en: "the time it ended differs"),
                expected: runner.format(closed.value), actual: runner.format(state.closedAt))
        }
        if let actor = expect.escalatedTo {
            let actual = state.active?.escalatedTo ?? state.caseEscalatedTo
            if actual != actor.value {
                fail(at: actor.location, Text(id: "eskalasi berbeda", en: "the escalation differs"),
                    expected: actor.value.rawValue, actual: actual?.rawValue ?? "-")
            }
        }
        if let documents = expect.documents {
            let expected = Set(documents.value.map(\.value))
            let actual = Set(state.documents.map(\.document))
            if expected != actual {
                fail(at: documents.location, Text(id: "dokumen terlampir berbeda", en: "the documents attached differ"),
                    expected: expected.map(\.rawValue).sorted().joined(separator: ", "), actual: actual.map(\.rawValue).sorted().joined(separator: ", "))
            }
        }
    }

    private static func folded(_ name: String) -> String {
        name.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    private mutating func fail(at location: SourceLocation, _ message: Text, expected: String? = nil, actual: String? = nil) {
        result.failures.append(ScenarioFailure(location: location, message: message, expected: expected, actual: actual))
    }
}

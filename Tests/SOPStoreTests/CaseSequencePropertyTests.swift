import Foundation
import SOPEngine
import SOPLoading
import SOPModel
import SOPTestSupport
import Testing
@testable import SOPStorage
@testable import SOPStore

/// Random command sequences through the engine into a real store, against both shipped SOPs and
/// every fixture workflow: performers with and without the roles a step needs, branches,
/// attachments and waivers, skips, returns, escalations, hand-offs, withdrawals, notes, moves to
/// another revision and their undoing, and time passing in steps from none to days.
///
/// After every command: each event it emits applies to the state it was decided on, in order;
/// what the store returns and what it folds back equal the state folded in memory; the version
/// is the number of events; a refused command writes nothing; an ended case accepts no command;
/// and no deadline moves without an event that says why (a new step, a move to a revision).
/// After every seed: the reports' bulk reading gives each case's history as its fold does.
///
/// Every run is replayable: `SOP_TEST_SEED=N swift test --filter CaseSequenceProperty` runs
/// seed N alone, and a failure names its seed.
@Suite("random command sequences") struct CaseSequencePropertyTests {
    @Test(arguments: TestSeeds.or(Array(1...10)))
    func everyCommandKeepsTheRecord(seed: UInt64) throws {
        var run = try PropertyRun(seed: seed)
        try run.go(cases: 60, commandsPerCase: 30)
        #expect(run.commands > 200, "seed \(seed): only \(run.commands) commands were tried")
        #expect(run.accepted > 50, "seed \(seed): only \(run.accepted) commands were accepted")
        let core: Set<String> = ["opened", "step-started", "step-completed", "document-attached", "note-added", "ended"]
        #expect(core.isSubset(of: run.kinds), "seed \(seed): events written \(run.kinds.sorted())")
        #expect(run.refused > 10, "seed \(seed): only \(run.refused) commands were refused")
    }
}

/// A workflow revision under test: its engine and text, and the revision it may move to.
struct Subject {
    let name: String
    let workflow: Workflow
    let engine: Engine
    let text: String
    /// The next revision and the mapping a move onto it takes.
    var next: (subject: Box, mapping: [StepMapping])?

    final class Box: Sendable {
        let subject: Subject
        init(_ subject: Subject) { self.subject = subject }
    }

    static let root: URL = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" && !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url.deleteLastPathComponent()
        }
        return url
    }()

    static func load(_ path: String, calendar calendarPath: String) throws -> Subject {
        let file = root.appendingPathComponent(path).path
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let loaded = Loader.load(path: file)
        let workflow = try #require(loaded.workflow, "\(path) does not load")
        let calendar = try #require(Loader.load(path: root.appendingPathComponent(calendarPath).path).calendar)
        let workingTime = try #require(WorkingTime(calendar: calendar))
        let reference = WorkflowReference(id: workflow.id.value, revision: workflow.revision.value, contentHash: ContentHash.hex(text.utf8))
        return Subject(
            name: path, workflow: workflow, engine: Engine(workflow: workflow, reference: reference, workingTime: workingTime), text: text)
    }

    /// Both shipped SOPs (067/12351 with its revision 2 to move to) and every fixture workflow.
    static func all() throws -> [Subject] {
        let shipped = "workflows/jam-kerja-kebumen.yaml"
        let fixtureCalendar = "Tests/SOPValidationTests/Fixtures/valid/kalender-uji.yaml"
        var langsung = try load("workflows/pengaduan-langsung.yaml", calendar: shipped)
        let revision2 = try load("Tests/SOPDiffTests/Fixtures/pengaduan-langsung-rev2.yaml", calendar: shipped)
        langsung.next = (Box(revision2), [StepMapping(from: "dapat-diselesaikan", to: "analisa")])
        return [
            langsung, try load("workflows/pengaduan-media.yaml", calendar: shipped),
            try load("Tests/SOPValidationTests/Fixtures/valid/every-feature.yaml", calendar: fixtureCalendar),
            try load("Tests/SOPValidationTests/Fixtures/valid/lanjutan.yaml", calendar: fixtureCalendar),
            try load("Tests/SOPValidationTests/Fixtures/valid/rework-branch-order.yaml", calendar: fixtureCalendar),
        ]
    }
}

/// One seed's run: a store in a scratch folder and the cases opened on it.
struct PropertyRun {
    let seed: UInt64
    var random: SeededGenerator
    let scratch: Scratch
    let store: SQLiteCaseStore
    let subjects: [Subject]
    /// Every revision a case may run on, by workflow id and revision.
    var engines: [String: Subject] = [:]
    var clock: Date
    var commands = 0
    var accepted = 0
    var refused = 0
    /// The moves that moved each case and were not undone yet, by case number.
    var moves: [Int: String] = [:]
    /// The kinds of the events written.
    var kinds: Set<String> = []

    init(seed: UInt64) throws {
        self.seed = seed
        random = SeededGenerator(seed: seed)
        scratch = try Scratch()
        store = try SQLiteCaseStore(path: scratch.path())
        subjects = try Subject.all()
        for subject in subjects {
            _ = try store.storeWorkflowText(subject.text, workflow: subject.workflow.id.value, revision: subject.workflow.revision.value)
            engines[Self.key(subject.engine.reference)] = subject
            if let next = subject.next?.subject.subject { engines[Self.key(next.engine.reference)] = next }
        }
        // A working Monday, 08:00 in Jakarta, with a fraction of a second.
        clock = Date(timeIntervalSince1970: 1_796_000_400.25)
    }

    static func key(_ reference: WorkflowReference) -> String { "\(reference.id)#\(reference.revision)" }

    /// What a failure says: the seed to replay and where the run was.
    func context(_ what: String) -> Comment { "seed \(seed), command \(commands): \(what)" }

    mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &random) < percent }

    mutating func pick<T>(_ items: [T]) -> T? { items.isEmpty ? nil : items[Int.random(in: 0..<items.count, using: &random)] }

    mutating func advanceClock() {
        let steps: [TimeInterval] = [0, 1, 60, 900, 3600, 3 * 3600, 86_400, 3 * 86_400]
        clock += pick(steps) ?? 0
    }

    mutating func go(cases: Int, commandsPerCase: Int) throws {
        for _ in 0..<cases {
            guard let subject = pick(subjects) else { return }
            guard var state = try open(subject) else { continue }
            for _ in 0..<commandsPerCase {
                advanceClock()
                let ended = state.status.isFinal
                guard let next = try step(state) else { break }
                state = next
                // An ended case was offered one more command (refused); the next case.
                if ended { break }
            }
        }
        // The reports' bulk reading agrees with the fold, case by case.
        var read: [Int: CaseHistory] = [:]
        try store.caseHistories(CaseHistoryFilter()) { read[$0.number] = $0 }
        let all = try store.cases(matching: CaseFilter())
        #expect(read.count == all.count, context("histories of \(read.count) cases, \(all.count) stored"))
        for summary in all {
            let stored = try #require(try store.loadCase(String(summary.number)))
            #expect(read[summary.number] == CaseHistory(state: stored.state), context("the history of case \(summary.number)"))
        }
    }

    /// Opens a case with fields drawn for the workflow (now and then a wrong one); nil when refused.
    mutating func open(_ subject: Subject) throws -> CaseState? {
        commands += 1
        var fields: [String: String] = [:]
        for field in subject.workflow.fields where field.isRequired || chance(50) {
            fields[field.id.value.rawValue] = value(for: field.type)
        }
        if chance(5), let field = pick(subject.workflow.fields) { fields[field.id.value.rawValue] = "  " }
        let channel = chance(90) ? pick(subject.workflow.channels.map(\.id.value.rawValue)) : "tidak-ada"
        let performer = performer(for: subject.workflow, step: subject.workflow.steps.first)
        let before = try store.cases(matching: CaseFilter()).count
        let instant = clock
        do {
            let state = try store.openCase(
                at: instant, workflowText: WorkflowText(text: subject.text, workflow: subject.workflow.id.value, revision: subject.workflow.revision.value),
                attachments: []
            ) { number, register in
                try subject.engine.open(OpenRequest(fields: fields, channel: channel, number: number, registerNumber: register), by: performer, at: instant)
            }
            accepted += 1
            let stored = try #require(try store.loadCase(String(state.number)))
            for event in stored.events { kinds.insert(event.kind.name) }
            #expect(stored.state == state, context("the opened case as stored"))
            try checkRow(state, "opening")
            #expect(stored.events.count == state.version, context("version and events"))
            return state
        } catch is EngineError {
            refused += 1
            #expect(try store.cases(matching: CaseFilter()).count == before, context("a refused opening wrote a case"))
            return nil
        }
    }

    mutating func value(for type: FieldType) -> String {
        let n = Int.random(in: 1...9, using: &random)
        switch type {
        case .text: return pick(["Budi Santoso", "Siti Aminah", "KTP belum jadi", "Ani \u{1F600}", "a\"b\\c"]) ?? "x"
        case .phone: return "0812345678\(n)\(n)"
        case .email: return "warga\(n)@contoh.id"
        case .nik: return "330512010190000\(n)"
        case .enumeration(let values): return pick(values) ?? "x"
        case .date: return "2026-11-0\(n)"
        case .number: return pick(["\(n)", "\(n).5", "-\(n)"]) ?? "1"
        case .boolean: return pick(["ya", "tidak"]) ?? "ya"
        }
    }

    /// A performer for a step: usually one holding a role it needs, sometimes another role, an
    /// administrator or nobody in particular.
    mutating func performer(for workflow: Workflow, step: Step?) -> Performer {
        let office = workflow.actors.filter { !$0.isExternal }.map(\.id.value)
        let needed = (step?.performers.actors.map(\.value) ?? []).filter(office.contains)
        let user = pick(["siti", "budi", "rina", "admin"]) ?? "siti"
        var roles: Set<ActorID> = []
        switch Int.random(in: 0..<10, using: &random) {
        case 0..<6: roles = Set(needed.isEmpty ? office : needed)
        case 6, 7: if let role = pick(office) { roles = [role] }
        case 8: roles = [Performer.administratorRole]
        default: break
        }
        if chance(20), let more = pick(office) { roles.insert(more) }
        return Performer(user: user, roles: roles)
    }

    /// One random command on a case; the case as it is after (nil to stop with this case).
    mutating func step(_ state: CaseState) throws -> CaseState? {
        guard let subject = engines[Self.key(state.workflow)] else {
            Issue.record(context("no engine for \(state.workflow)"))
            return nil
        }
        let engine = subject.engine
        let current = state.active.flatMap { engine.step($0.step) }
        let performer = performer(for: subject.workflow, step: current)
        let instant = clock
        commands += 1
        let roll = Int.random(in: 0..<100, using: &random)
        if roll >= 92, subject.next != nil || moves[state.number] != nil {
            return try move(state, subject: subject, performer: performer, at: instant)
        }
        let command: CaseCommand
        switch roll {
        case 0..<50:
            var branch: String?
            if case .decision(let decision)? = current?.transition, chance(85) {
                branch = pick(decision.branches.map(\.label.value))
            }
            if chance(5) { branch = "Mungkin" }
            var attachments: [AttachedDocument] = []
            var waivers: [DocumentID: String] = [:]
            for output in current?.outputs ?? [] {
                let document = output.document.value
                if chance(75) {
                    attachments.append(AttachedDocument(
                        document: document, sha256: ContentHash.hex(Array("\(document)".utf8)), fileName: "\(document).pdf", size: 12, step: nil))
                } else if chance(60) {
                    waivers[document] = "diserahkan langsung"
                }
            }
            let stepID: StepID? = chance(5) ? "bukan-langkah" : nil
            command = .complete(step: stepID, branch: branch, attachments: attachments, waivers: waivers, note: chance(20) ? "catatan" : nil)
        case 50..<58: command = .note(pick(["dicatat", "pelapor menelepon", "  "]) ?? "dicatat")
        case 58..<64:
            let document = pick(subject.workflow.documents.map(\.id.value)) ?? "tidak-ada"
            command = .attach(AttachedDocument(document: document, sha256: ContentHash.hex(Array("lampiran".utf8)), fileName: "lampiran.pdf", size: 8, step: nil))
        case 64..<70: command = .skip(reason: "tidak diperlukan")
        case 70..<77: command = .returnToReporter(reason: "berkas kurang")
        case 77..<85: command = .escalate(to: chance(70) ? nil : pick(subject.workflow.actors.map(\.id.value)), reason: chance(50) ? "lama" : nil)
        case 85..<88: command = .handOff(to: pick(subjects.map(\.workflow.id.value.rawValue)) ?? "lain", note: nil)
        case 88..<90: command = .withdraw(reason: "pelapor mencabut")
        default: command = .note("catatan lanjutan")
        }
        let events: [CaseEvent]
        do {
            events = try engine.handle(command, on: state, by: performer, at: instant)
        } catch {
            refused += 1
            #expect(try store.loadCase(String(state.number))?.state.version == state.version, context("a refused command wrote"))
            return state
        }
        #expect(!state.status.isFinal, context("the ended case \(state.number) accepted \(command)"))
        return try write(events, on: state, because: "\(command)")
    }

    /// Checks a command's events against the state they were decided on, writes them and checks
    /// what the store holds.
    mutating func write(_ events: [CaseEvent], on state: CaseState, because what: String) throws -> CaseState? {
        var expected = state
        for (offset, event) in events.enumerated() {
            #expect(event.sequence == state.version + 1 + offset, context("\(what): event \(offset) numbered \(event.sequence)"))
            let applies = expected.apply(event)
            #expect(applies, context("\(what): event \(event.sequence) does not apply"))
        }
        checkDeadlines(from: state, to: expected, events: events, what)
        let written = try store.append(events, attachments: [], to: state.number, expectedVersion: state.version, from: state)
        accepted += 1
        for event in events { kinds.insert(event.kind.name) }
        #expect(written == expected, context("\(what): the state the store returned"))
        let stored = try #require(try store.loadCase(String(state.number)))
        #expect(stored.state == expected, context("\(what): the state the store folds"))
        #expect(stored.events.count == stored.state.version, context("\(what): version and events"))
        try checkRow(stored.state, what)
        return stored.state
    }

    /// The case's row, which lists and queues read, says what its fold says.
    func checkRow(_ state: CaseState, _ what: String) throws {
        let row = try #require(try store.cases(matching: CaseFilter()).first { $0.number == state.number })
        let expected = CaseSummary(
            number: state.number, registerNumber: state.registerNumber, workflow: state.workflow, status: state.status,
            currentStep: state.active?.step, channel: state.channel, openedAt: state.openedAt, dueAt: state.dueAt,
            stepDueAt: state.active?.dueAt, stepStartedAt: state.active?.startedAt,
            currentActors: SQLiteCaseStore.actorsColumn(state).map { $0.split(separator: " ").map { ActorID(String($0)) } } ?? [],
            closedAt: state.closedAt, version: state.version, nextScheduledAt: state.nextScheduledAt)
        #expect(row == expected, context("\(what): the row of case \(state.number)"))
    }

    /// No deadline moves without an event that says why.
    func checkDeadlines(from before: CaseState, to after: CaseState, events: [CaseEvent], _ what: String) {
        let moved = events.contains { event in
            switch event.kind {
            case .moved, .moveUndone: true
            default: false
            }
        }
        let started = events.compactMap { event -> (Date, Date)? in
            if case .stepStarted(_, let due?, _, _, _, _) = event.kind { (event.at, due) } else { nil }
        }
        if !moved {
            #expect(after.dueAt == before.dueAt, context("\(what): the case's deadline moved"))
        }
        for (at, due) in started {
            #expect(due >= at, context("\(what): a step due before it started"))
        }
        if !moved, started.isEmpty, let was = before.active, let now = after.active, was.step == now.step {
            #expect(now.dueAt == was.dueAt, context("\(what): the step's deadline moved"))
        }
    }

    /// Moves a case to the next revision, or undoes the move that brought it there.
    mutating func move(_ state: CaseState, subject: Subject, performer: Performer, at instant: Date) throws -> CaseState? {
        let administrator = chance(80) ? Performer(user: "admin", roles: [Performer.administratorRole]) : performer
        do {
            if let id = moves[state.number] {
                let record = try store.undoMove(id) { record, cases in
                    MoveUndoBatch(by: administrator.user, at: instant, moves: try cases.map { stored in
                        CaseMove(
                            caseNumber: stored.state.number, expectedVersion: stored.state.version,
                            events: [try Engine.undoMove(record.id, events: stored.events, by: administrator, at: instant)],
                            state: stored.state)
                    })
                }
                moves[state.number] = nil
                #expect(record.undoneBy == administrator.user, context("the undo of \(id)"))
            } else if let (target, mapping) = subject.next {
                let record = try store.moveCases { id in
                    let event = try target.subject.engine.move(
                        state, from: subject.workflow, mapping: mapping, move: id, by: administrator, at: instant)
                    return MoveBatch(
                        workflowText: WorkflowText(
                            text: target.subject.text, workflow: target.subject.workflow.id.value, revision: target.subject.workflow.revision.value),
                        mapping: mapping, by: administrator.user, at: instant,
                        moves: [CaseMove(caseNumber: state.number, expectedVersion: state.version, events: [event], state: state)])
                }
                moves[state.number] = record.id
            } else {
                return state
            }
        } catch is EngineError {
            refused += 1
            #expect(try store.loadCase(String(state.number))?.state.version == state.version, context("a refused move wrote"))
            return state
        }
        accepted += 1
        let stored = try #require(try store.loadCase(String(state.number)))
        if let last = stored.events.last { kinds.insert(last.kind.name) }
        #expect(stored.state.version == state.version + 1, context("a move is one event"))
        #expect(stored.events.count == stored.state.version, context("version and events after a move"))
        var expected = state
        if let last = stored.events.last {
            let applies = expected.apply(last)
            #expect(applies, context("the move's event applies"))
        }
        #expect(stored.state == expected, context("the moved case as stored"))
        try checkRow(stored.state, "a move")
        return stored.state
    }
}

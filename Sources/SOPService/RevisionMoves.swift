import Foundation
import SOPCore
import SOPDiff
import SOPEngine
import SOPLoading
import SOPModel
import SOPStorage
import SOPValidation

/// What `sop move WORKFLOW --to REVISION --map OLD=NEW …` asks for.
public struct MoveRequest: Hashable, Sendable {
    /// The workflow id.
    public var workflow: String
    /// The revision to move the open cases on older revisions to: a file in the workflows folder.
    public var revision: Int
    /// Where cases standing on removed or renamed steps go (or any step, to override the default
    /// of the step with the same id).
    public var mapping: [StepMapping]

    /// Creates a request.
    public init(workflow: String, revision: Int, mapping: [StepMapping] = []) {
        self.workflow = workflow
        self.revision = revision
        self.mapping = mapping
    }
}

/// A reason a move cannot be made, with the way out.
public struct MoveProblem: Hashable, Sendable, Encodable, CustomStringConvertible {
    /// A stable name: `mapped-twice`, `unknown-new-step`, `unknown-old-step`, `step-not-mapped`,
    /// `documents-missing`.
    public var code: String
    /// What is wrong and what to do, in both languages (JSON gives the language of the encoder's
    /// `userInfo[.language]`).
    public var message: Text
    /// The register numbers of the cases concerned (none for a problem of the mapping itself).
    public var cases: [String]

    /// The message in English, for test failures and logs.
    public var description: String { message.en }
}

/// What moving the open cases on older revisions of an SOP onto one revision would do, case by
/// case, and every problem that stops it. Computing it changes nothing.
public struct MovePlan: Sendable, Encodable {
    /// The workflow id.
    public var workflow: WorkflowID
    /// The revision the cases would move to.
    public var to: WorkflowReference
    /// Its file.
    public var file: String
    /// The step mapping, as given (each pair once).
    public var mapping: [StepMapping]
    /// Each case that would move, by number.
    public var cases: [CaseImpact]
    /// Everything that stops the move; empty when it can be made.
    public var problems: [MoveProblem]

    /// Whether the move can be made: some case would move, and nothing stops it.
    public var isPossible: Bool { problems.isEmpty && !cases.isEmpty }

    /// The target revision's engine and text.
    let engine: Engine
    let text: WorkflowText
    /// Each case at the version planned against, with the revision it runs on.
    let sources: [(state: CaseState, revision: Workflow)]

    private enum CodingKeys: String, CodingKey {
        case workflow, to, file, mapping, cases, problems
    }
}

extension CaseService {
    // MARK: Revisions

    /// Published revision `revision` of workflow `id` (`sop publish`), and how it is named.
    public func revision(_ revision: Int, of id: String) throws(ServiceError) -> (runnable: Runnable, path: String) {
        let revisions = try publishedRevisions(of: id)
        guard !revisions.isEmpty else { throw try nothingPublished(of: id) }
        guard let publication = revisions.first(where: { $0.revision == revision }) else {
            let list = revisions.compactMap(\.revision).sorted().map(String.init).joined(separator: ", ")
            throw ServiceError(.workflow, Text(
                id: "revisi \(revision) dari '\(id)' belum diterbitkan (yang terbit: revisi \(list)): administrator menerbitkannya "
                    + "dengan `sop publish BERKAS`, atau sebutkan salah satu revisi yang terbit dengan --to",
                en: "revision \(revision) of '\(id)' is not published (published: revision \(list)): an administrator publishes it "
                    + "with `sop publish FILE`, or name one of those with --to"))
        }
        let reference = WorkflowReference(id: WorkflowID(id), revision: revision, contentHash: publication.hash)
        return (try published(reference), "\(id)@\(revision)")
    }

    // MARK: Planning

    /// What `sop move` would do: the open cases of the workflow on revisions older than the
    /// one requested, what the move means for each, and every problem that stops it.
    ///
    /// Throws when no plan can be made: the revision is not a valid file in the workflows folder,
    /// or some open case runs on a higher revision (moves only go forward).
    public func planMove(_ request: MoveRequest) throws(ServiceError) -> MovePlan {
        guard request.revision >= 1 else {
            throw ServiceError(.usage, Text(
                id: "--to memerlukan nomor revisi, 1 atau lebih; \(request.revision) tidak demikian",
                en: "--to takes a revision number, 1 or more; \(request.revision) is not one"))
        }
        let (target, path) = try revision(request.revision, of: request.workflow)
        let open = try openCases(of: target.engine.reference.id)
        let newer = open.filter { $0.workflow.revision > request.revision }
        if let highest = newer.map(\.workflow.revision).max() {
            let cases = Self.list(newer.map(\.registerNumber))
            throw ServiceError(.moveBackwards, Text(
                id: "revisi \(request.revision) lebih rendah daripada revisi \(highest), tempat \(newer.count) pengaduan terbuka "
                    + "dari '\(request.workflow)' berjalan (\(cases.id)): pemindahan hanya maju — sebutkan revisi \(highest) atau "
                    + "yang lebih tinggi dengan --to, atau batalkan pemindahan yang memindahkannya "
                    + "(`sop move --list`, lalu `sop move --undo ID`)",
                en: "revision \(request.revision) is lower than revision \(highest), which "
                    + "\(newer.count) open case(s) of '\(request.workflow)' run on (\(cases.en)): "
                    + "moves only go forward — name revision \(highest) or higher with --to, or undo the move that moved them "
                    + "(`sop move --list`, then `sop move --undo ID`)"))
        }
        return try plan(target: target, file: path, mapping: request.mapping, cases: open.filter { $0.workflow.revision < request.revision })
    }

    /// What moving onto revision `new` (a workflow file anywhere, with its text and calendar)
    /// would mean for the open cases that run on revision `old` of the same SOP; the calendar,
    /// when not given, is looked up in the workflows folder.
    public func impact(
        of new: Workflow, text: String, calendar: WorkCalendar?, onCasesOf old: Workflow, mapping: [StepMapping] = []
    ) throws(ServiceError) -> MovePlan {
        let stored = WorkflowText(text: text, workflow: new.id.value, revision: new.revision.value)
        let workCalendar: WorkCalendar
        if let calendar { workCalendar = calendar } else { workCalendar = try self.calendar(for: new) }
        let target = try runnable(new, hash: stored.hash, calendar: workCalendar, text: stored)
        let open = try openCases(of: old.id.value).filter { $0.workflow.revision == old.revision.value }
        return try plan(target: target, file: new.file, mapping: mapping, cases: open)
    }

    private func openCases(of workflow: WorkflowID) throws(ServiceError) -> [CaseSummary] {
        do {
            return try store.cases(matching: CaseFilter(statuses: [.open, .waitingForReporter], workflow: workflow))
                .sorted { $0.number < $1.number }
        } catch {
            throw .store(error)
        }
    }

    private func plan(target: Runnable, file: String, mapping given: [StepMapping], cases summaries: [CaseSummary]) throws(ServiceError) -> MovePlan {
        let engine = target.engine
        let revision = engine.reference.revision
        var problems: [MoveProblem] = []

        // The mapping itself: each old step once, onto a step the new revision has.
        var mapping: [StepMapping] = []
        for pair in given {
            if let earlier = mapping.first(where: { $0.from == pair.from }) {
                if earlier.to != pair.to {
                    problems.append(MoveProblem(code: "mapped-twice", message: Text(
                        id: "--map \(pair.from)=… diberikan dua kali, ke '\(earlier.to)' dan ke '\(pair.to)': pertahankan salah satunya",
                        en: "--map \(pair.from)=… is given twice, to '\(earlier.to)' and to '\(pair.to)': keep one"), cases: []))
                }
                continue
            }
            mapping.append(pair)
        }
        let newSteps = engine.workflow.steps.map(\.id.value.rawValue)
        for pair in mapping where engine.step(pair.to) == nil {
            let suggestion = ServiceError.suggestion(pair.to.rawValue, among: newSteps)
            let list = newSteps.joined(separator: ", ")
            problems.append(MoveProblem(code: "unknown-new-step", message: Text(
                id: "--map \(pair): revisi \(revision) tidak memiliki langkah '\(pair.to)'\(suggestion.id); langkahnya: \(list)",
                en: "--map \(pair): revision \(revision) has no step '\(pair.to)'\(suggestion.en); its steps are: \(list)"),
                cases: []))
        }

        // The cases, each with the revision it runs on (each revision read once).
        var revisions: [String: Workflow] = [:]
        var sources: [(state: CaseState, revision: Workflow)] = []
        for summary in summaries {
            let state = try load(String(summary.number)).state
            // A case already moved (by a move that ran since the list was read) is not moved again.
            guard state.active != nil, !state.status.isFinal, state.workflow.revision < revision else { continue }
            let old: Workflow
            if let known = revisions[state.workflow.contentHash] {
                old = known
            } else {
                old = try self.revision(of: state).engine.workflow
                revisions[state.workflow.contentHash] = old
            }
            sources.append((state, old))
        }
        if !sources.isEmpty {
            let oldRevisions = Set(sources.map(\.state.workflow.revision)).sorted().map(String.init).joined(separator: ", ")
            var oldSteps: [String] = []
            for source in sources {
                for step in source.revision.steps where !oldSteps.contains(step.id.value.rawValue) { oldSteps.append(step.id.value.rawValue) }
            }
            for pair in mapping where !oldSteps.contains(pair.from.rawValue) {
                let suggestion = ServiceError.suggestion(pair.from.rawValue, among: oldSteps)
                let list = oldSteps.joined(separator: ", ")
                problems.append(MoveProblem(code: "unknown-old-step", message: Text(
                    id: "--map \(pair): revisi \(oldRevisions) tempat pengaduan terbuka berjalan tidak memiliki langkah "
                        + "'\(pair.from)'\(suggestion.id); langkahnya: \(list)",
                    en: "--map \(pair): revision \(oldRevisions) that the open cases run on has no step '\(pair.from)'\(suggestion.en); "
                        + "its steps are: \(list)"), cases: []))
            }
        }

        // Steps the new revision seems to have renamed, to suggest a mapping.
        var renames: [String: [StepID: StepID]] = [:]
        for (hash, old) in revisions {
            var found: [StepID: StepID] = [:]
            for change in WorkflowDiff.compare(old: old, new: engine.workflow).steps {
                // Only a step with the same activity is suggested: one that merely sits in the same
                // place with the same actors and outputs may be another step altogether.
                if case .renamed(let from, .sameActivity) = change.detail { found[from] = change.step }
            }
            renames[hash] = found
        }

        var impacts: [CaseImpact] = []
        var unmapped: [(revision: Int, step: StepID, hash: String, cases: [String])] = []
        var missingDocuments: [MoveProblem] = []
        for source in sources {
            guard let impact = engine.impact(on: source.state, from: source.revision, mapping: mapping) else { continue }
            impacts.append(impact)
            if impact.fate == .missing {
                if let index = unmapped.firstIndex(where: { $0.revision == impact.from.revision && $0.step == impact.step }) {
                    unmapped[index].cases.append(impact.registerNumber)
                } else {
                    unmapped.append((impact.from.revision, impact.step, impact.from.contentHash, [impact.registerNumber]))
                }
            }
            let blocking = impact.missingDocuments.filter(\.blocksMove)
            if let step = impact.newStep, !blocking.isEmpty {
                let documents = blocking.map { "'\($0.name)' (\($0.document))" }.joined(separator: ", ")
                missingDocuments.append(MoveProblem(code: "documents-missing", message: Text(
                    id: "pengaduan \(impact.registerNumber) akan berada pada langkah '\(step)' revisi \(revision) tanpa \(documents), "
                        + "yang dibutuhkan langkah itu dan belum dilampirkan maupun diabaikan pada pengaduan ini: petakan langkahnya "
                        + "'\(impact.step)' ke langkah yang lebih awal dengan --map, atau biarkan pengaduan selesai pada revisi \(impact.from.revision)",
                    en: "case \(impact.registerNumber) would stand on step '\(step)' of revision \(revision) without \(documents)"
                        + ", which the step needs and the case has neither attached nor waived: map its step '\(impact.step)' "
                        + "to an earlier step with --map, or let the case finish on revision \(impact.from.revision)"),
                    cases: [impact.registerNumber]))
            }
        }
        for group in unmapped {
            let renamed = renames[group.hash]?[group.step].map {
                Text(
                    id: " (revisi \(revision) tampaknya mengganti namanya menjadi '\($0)': `--map \(group.step)=\($0)`)",
                    en: " (revision \(revision) seems to have renamed it '\($0)': `--map \(group.step)=\($0)`)")
            } ?? Text(verbatim: "")
            let cases = Self.list(group.cases)
            problems.append(MoveProblem(code: "step-not-mapped", message: Text(
                id: "\(group.cases.count) pengaduan terbuka pada revisi \(group.revision) berada pada langkah '\(group.step)', yang tidak "
                    + "ada pada revisi \(revision)\(renamed.id): sebutkan tujuannya dengan `--map \(group.step)=LANGKAH` (\(cases.id))",
                en: "\(group.cases.count) open case(s) on revision \(group.revision) stand on step '\(group.step)', which revision \(revision) "
                    + "does not have\(renamed.en): say where they go with `--map \(group.step)=STEP` (\(cases.en))"),
                cases: group.cases))
        }
        problems += missingDocuments
        return MovePlan(
            workflow: engine.reference.id, to: engine.reference, file: file, mapping: mapping, cases: impacts, problems: problems,
            engine: engine, text: target.text ?? WorkflowText(text: "", workflow: engine.reference.id, revision: revision),
            sources: sources)
    }

    /// Up to five items, then how many more.
    static func list(_ items: [String]) -> Text {
        let shown = items.prefix(5).joined(separator: ", ")
        guard items.count > 5 else { return Text(verbatim: shown) }
        return Text(id: "\(shown), dan \(items.count - 5) lainnya", en: "\(shown) and \(items.count - 5) more")
    }

    // MARK: Moving

    /// A user who may move: in the staff registry, holding the `admin` role.
    public func administrator(_ user: String?) throws(ServiceError) -> Performer {
        try administrator(user, doing: Text(id: "memindahkan pengaduan antarrevisi", en: "move cases between revisions"))
    }

    /// Makes a planned move, all or nothing: every case of the plan moves, in one
    /// transaction, or none does (a case changed since it was planned refuses the whole of it).
    public func moveCases(_ plan: MovePlan, user: String?, at instant: Date) throws(ServiceError) -> MoveRecord {
        let performer = try administrator(user)
        guard plan.problems.isEmpty else {
            throw ServiceError(.move, Text(id: "pemindahan ditolak: ", en: "the move is refused: ")
                + plan.problems.map(\.message).joined(separator: "; "))
        }
        guard !plan.cases.isEmpty else {
            throw ServiceError(.nothingToMove, Text(
                id: "tidak ada pengaduan terbuka dari '\(plan.workflow)' yang berjalan pada revisi lebih lama dari \(plan.to.revision)",
                en: "no open case of '\(plan.workflow)' runs on a revision older than \(plan.to.revision)"))
        }
        do {
            return try store.moveCases { id in
                let moves = try plan.sources.map { source in
                    CaseMove(
                        caseNumber: source.state.number, expectedVersion: source.state.version,
                        events: [try plan.engine.move(source.state, from: source.revision, mapping: plan.mapping, move: id, by: performer, at: instant)],
                        state: source.state)
                }
                return MoveBatch(workflowText: plan.text, mapping: plan.mapping, by: performer.user, at: instant, moves: moves)
            }
        } catch let error as EngineError {
            throw .engine(error)
        } catch let error as StoreError where error.code == .conflict {
            throw ServiceError(.conflict, Text(
                id: "sebuah pengaduan berubah ketika pemindahan sedang dilakukan (\(error.message.id)); tidak ada yang dipindahkan: "
                    + "jalankan `sop move` lagi",
                en: "a case changed while the move was being made (\(error.message.en)); nothing was moved: run `sop move` again"))
        } catch let error as StoreError where error.code == .busy {
            throw ServiceError(.busy, error.message, isUnreadableInput: true)
        } catch {
            throw .store(error)
        }
    }

    /// Makes a move while staff go on stepping its cases: planned from `request` (the first time
    /// from `plan`, when given), written, and when a case changed between the planning and the
    /// writing (or the database stayed busy), planned again from the cases as they are now and
    /// written again, for at most `limit`. Each attempt is all or nothing. A plan that comes out
    /// with problems, or no case to move, is refused as `moveCases` refuses it.
    ///
    /// - Returns: The move and how many attempts it took.
    public func moveCases(
        _ request: MoveRequest, plan first: MovePlan? = nil, user: String?, at instant: Date, within limit: Duration = .seconds(10)
    ) throws(ServiceError) -> (record: MoveRecord, attempts: Int) {
        let clock = ContinuousClock()
        let deadline = clock.now + limit
        var attempts = 0
        var plan = first
        while true {
            attempts += 1
            let current: MovePlan
            if let plan { current = plan } else { current = try planMove(request) }
            plan = nil
            // Planned again after a member of staff wrote: never dated before what they wrote.
            let latest = current.sources.map(\.state.lastEventAt).max() ?? instant
            do throws(ServiceError) {
                return (try moveCases(current, user: user, at: attempts == 1 ? instant : max(instant, latest)), attempts)
            } catch let error where [.conflict, .busy].contains(error.code) && clock.now < deadline {
                // Another member of staff wrote meanwhile: a moment's pause, then from the cases as they are.
                usleep(useconds_t.random(in: 5_000...50_000))
            } catch let error where [.conflict, .busy].contains(error.code) {
                let seconds = Int((limit.components.seconds))
                throw ServiceError(error.code, Text(
                    id: "pengaduan \(request.workflow) terus diubah petugas selama \(seconds) detik; \(attempts) kali direncanakan ulang "
                        + "dan dicoba, tidak ada yang dipindahkan (\(error.message.id)): jalankan `sop move` lagi ketika lebih sedikit "
                        + "petugas bekerja",
                    en: "the cases of \(request.workflow) kept being changed by staff for \(seconds) s; planned again and tried "
                        + "\(attempts) times, nothing was moved (\(error.message.en)): run `sop move` again when fewer staff are working"),
                    isUnreadableInput: error.code == .busy)
            }
        }
    }

    /// Undoes a move, all or nothing: each case it moved goes back to the revision, step and
    /// deadlines it had, while none of them has moved on since (any event after the move's
    /// refuses the undo, naming the cases).
    public func undoMove(_ id: String, user: String?, at instant: Date) throws(ServiceError) -> MoveRecord {
        let performer = try administrator(user)
        do {
            return try store.undoMove(id) { record, cases in
                var moves: [CaseMove] = []
                var advanced: [Text] = []
                for stored in cases {
                    let sequence = record.cases.first { $0.number == stored.state.number }?.sequence ?? 0
                    if stored.state.version > sequence {
                        advanced.append(Text(
                            id: "\(stored.state.registerNumber) (\(stored.state.version - sequence) peristiwa sesudahnya)",
                            en: "\(stored.state.registerNumber) (\(stored.state.version - sequence) event(s) after it)"))
                        continue
                    }
                    let event = try Engine.undoMove(record.id, events: stored.events, by: performer, at: instant)
                    moves.append(CaseMove(caseNumber: stored.state.number, expectedVersion: stored.state.version, events: [event], state: stored.state))
                }
                guard advanced.isEmpty else {
                    let shown = advanced.prefix(5).joined(separator: ", ")
                        + (advanced.count > 5
                            ? Text(id: ", dan \(advanced.count - 5) lainnya", en: " and \(advanced.count - 5) more") : Text(verbatim: ""))
                    throw ServiceError(.caseAdvanced, Text(
                        id: "pemindahan \(record.id) tidak dapat dibatalkan lagi: \(advanced.count) dari \(record.cases.count) pengaduannya "
                            + "sudah berlanjut sejak itu: \(shown.id); tidak ada yang diubah (lihat `sop case history PENGADUAN`). "
                            + "Pembatalan hanya mungkin selama tidak ada pengaduan yang dipindahkan memiliki peristiwa sesudah pemindahan",
                        en: "move \(record.id) can no longer be undone: \(advanced.count) of its "
                            + "\(record.cases.count) case(s) moved on since: \(shown.en)"
                            + "; nothing was changed (see `sop case history CASE`). An undo is possible only while no moved case has an event after the move"))
                }
                return MoveUndoBatch(by: performer.user, at: instant, moves: moves)
            }
        } catch let error as ServiceError {
            throw error
        } catch let error as EngineError {
            throw .engine(error)
        } catch let error as StoreError where [.unknownMove, .alreadyUndone, .conflict].contains(error.code) {
            throw ServiceError(error.code, error.message)
        } catch {
            throw .store(error)
        }
    }

    /// The moves of a workflow (of every workflow when nil), oldest first.
    public func revisionMoves(workflow: String?) throws(ServiceError) -> [MoveRecord] {
        do {
            return try store.revisionMoves(workflow: workflow.map { WorkflowID($0) })
        } catch {
            throw .store(error)
        }
    }
}

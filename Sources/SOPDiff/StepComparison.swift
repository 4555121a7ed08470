import SOPCore
import SOPModel

/// The steps, matched across revisions and compared one by one.
///
/// Matching: by id first. Then a step whose id only the old revision has and a step whose id only
/// the new revision has are taken for one step renamed when their activity texts are the same
/// (ignoring case and runs of spaces), or else when they stand at the same position in the file
/// with the same actors and the same outputs. A matched step is moved when it is not among the
/// longest run of matched steps that keep their relative order, so steps renumbered only because
/// others were added or removed around them are not reported.
enum StepComparison {
    static func compare(old: Workflow, new: Workflow, renames: DefinitionRenames, dayMinutes: Int?) -> [StepChange] {
        let oldSteps = old.steps
        let newSteps = new.steps
        // A file with errors may repeat an id: the first step with it counts, the others are left out.
        var oldIndex: [StepID: Int] = [:]
        for (index, step) in oldSteps.enumerated() where oldIndex[step.id.value] == nil { oldIndex[step.id.value] = index }
        var newIndex: [StepID: Int] = [:]
        for (index, step) in newSteps.enumerated() where newIndex[step.id.value] == nil { newIndex[step.id.value] = index }
        let oldUnique = oldSteps.indices.filter { oldIndex[oldSteps[$0].id.value] == $0 }
        let newUnique = newSteps.indices.filter { newIndex[newSteps[$0].id.value] == $0 }

        var oldForNew: [Int: Int] = [:]
        var newForOld: [Int: Int] = [:]
        for index in newUnique {
            if let match = oldIndex[newSteps[index].id.value] {
                oldForNew[index] = match
                newForOld[match] = index
            }
        }

        // Renames: first by activity, then by position, actors and outputs.
        var evidence: [Int: RenameEvidence] = [:]
        func pair(_ oldPosition: Int, _ newPosition: Int, _ reason: RenameEvidence) {
            oldForNew[newPosition] = oldPosition
            newForOld[oldPosition] = newPosition
            evidence[newPosition] = reason
        }
        var addedByActivity: [String: ArraySlice<Int>] = [:]
        for index in newUnique where oldForNew[index] == nil {
            addedByActivity[normalized(newSteps[index].activity), default: []].append(index)
        }
        for index in oldUnique where newForOld[index] == nil {
            let key = normalized(oldSteps[index].activity)
            guard !key.isEmpty else { continue }
            while let candidate = addedByActivity[key]?.popFirst() {
                guard oldForNew[candidate] == nil else { continue }
                pair(index, candidate, .sameActivity)
                break
            }
        }
        for index in oldUnique where newForOld[index] == nil && index < newSteps.count {
            let candidate = index
            guard newIndex[newSteps[candidate].id.value] == candidate, oldForNew[candidate] == nil,
                oldIndex[newSteps[candidate].id.value] == nil
            else { continue }
            let before = oldSteps[index]
            let after = newSteps[candidate]
            let samePerformers = mapped(StepPerformers(before.performers), renames) == StepPerformers(after.performers)
            let sameOutputs = Set(before.outputs.map { renames.document($0.document.value) })
                == Set(after.outputs.map(\.document.value))
            if samePerformers && sameOutputs { pair(index, candidate, .sameActorPositionOutputs) }
        }

        var stepRenames: [StepID: StepID] = [:]
        for (newPosition, _) in evidence {
            if let oldPosition = oldForNew[newPosition] {
                stepRenames[oldSteps[oldPosition].id.value] = newSteps[newPosition].id.value
            }
        }
        let moved = movedSteps(newUnique.compactMap { index in oldForNew[index].map { (old: $0, new: index) } })

        var keyed: [(key: (Int, Int, Int), changes: [StepChange])] = []
        for index in newUnique {
            let step = newSteps[index]
            guard let oldPosition = oldForNew[index] else {
                keyed.append(((index, 0, 0), [StepChange(
                    step: step.id.value, oldNumber: nil, newNumber: index + 1,
                    detail: .added(activity: step.activity), location: step.id.location)]))
                continue
            }
            var comparison = Pair(
                before: oldSteps[oldPosition], after: step, oldNumber: oldPosition + 1, newNumber: index + 1,
                renames: renames, stepRenames: stepRenames, dayMinutes: dayMinutes)
            if let reason = evidence[index] {
                comparison.add(.renamed(from: oldSteps[oldPosition].id.value, evidence: reason), at: step.id.location)
            }
            if moved.contains(index) {
                comparison.add(.moved(from: oldPosition + 1, to: index + 1), at: step.id.location)
            }
            comparison.compareContents()
            keyed.append(((index, 0, 0), comparison.changes))
        }
        // A removed step is listed after the step that stood before it and is still there.
        var anchor = -1
        for index in oldSteps.indices {
            if let match = newForOld[index] {
                anchor = match
            } else if oldIndex[oldSteps[index].id.value] == index {
                let step = oldSteps[index]
                keyed.append(((anchor, 1, index), [StepChange(
                    step: step.id.value, oldNumber: index + 1, newNumber: nil, detail: .removed(activity: step.activity))]))
            }
        }
        keyed.sort { $0.key < $1.key }
        return keyed.flatMap(\.changes)
    }

    /// Lowercased, with runs of white space as one space, trimmed.
    static func normalized(_ text: String) -> String {
        text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    static func mapped(_ performers: StepPerformers, _ renames: DefinitionRenames) -> StepPerformers {
        StepPerformers(mode: performers.mode, actors: performers.actors.map(renames.actor))
    }

    /// The new positions of the matched steps that are not in the longest run keeping their
    /// relative order (the longest increasing subsequence of old positions, in new order).
    static func movedSteps(_ pairs: [(old: Int, new: Int)]) -> Set<Int> {
        guard !pairs.isEmpty else { return [] }
        // Patience sorting: tails[k] is the index in `pairs` ending the best run of length k + 1.
        var tails: [Int] = []
        var previous = [Int?](repeating: nil, count: pairs.count)
        for (position, pair) in pairs.enumerated() {
            var low = 0
            var high = tails.count
            while low < high {
                let middle = (low + high) / 2
                if pairs[tails[middle]].old < pair.old { low = middle + 1 } else { high = middle }
            }
            if low > 0 { previous[position] = tails[low - 1] }
            if low == tails.count { tails.append(position) } else { tails[low] = position }
        }
        var kept = Set<Int>()
        var current = tails.last
        while let position = current {
            kept.insert(position)
            current = previous[position]
        }
        return Set(pairs.indices.filter { !kept.contains($0) }.map { pairs[$0].new })
    }
}

/// One step in both revisions, compared part by part.
private struct Pair {
    let before: Step
    let after: Step
    let oldNumber: Int
    let newNumber: Int
    let renames: DefinitionRenames
    let stepRenames: [StepID: StepID]
    /// The length of a usual working day, to compare budgets of days with budgets of hours.
    let dayMinutes: Int?
    var changes: [StepChange] = []

    init(
        before: Step, after: Step, oldNumber: Int, newNumber: Int, renames: DefinitionRenames, stepRenames: [StepID: StepID],
        dayMinutes: Int?
    ) {
        self.dayMinutes = dayMinutes
        self.before = before
        self.after = after
        self.oldNumber = oldNumber
        self.newNumber = newNumber
        self.renames = renames
        self.stepRenames = stepRenames
    }

    mutating func add(_ detail: StepChange.Detail, at location: SourceLocation?) {
        changes.append(StepChange(
            step: after.id.value, oldNumber: oldNumber, newNumber: newNumber, detail: detail,
            location: location ?? after.id.location))
    }

    mutating func compareContents() {
        if before.activity != after.activity {
            add(.activity(old: before.activity, new: after.activity), at: nil)
        }
        let oldPerformers = StepComparison.mapped(StepPerformers(before.performers), renames)
        let newPerformers = StepPerformers(after.performers)
        if oldPerformers != newPerformers {
            add(.performers(old: oldPerformers, new: newPerformers), at: after.performers.actors.first?.location)
        }
        // A step with no stated time ("-") has no budget to compare.
        let (old, new) = (before.isUntimed ? nil : before.budget?.value, after.isUntimed ? nil : after.budget?.value)
        if old != new || before.isUntimed != after.isUntimed {
            add(.budget(old: old, new: new, direction: TimeDirection.between(old, new, dayMinutes: dayMinutes)),
                at: after.budget?.location)
        }
        compareDocuments(.input, before.inputs, after.inputs)
        compareDocuments(.output, before.outputs, after.outputs)
        if before.remarks != after.remarks {
            add(.remarks(old: before.remarks, new: after.remarks), at: nil)
        }
        let oldOptional = StepOptionality(isOptional: before.isOptional, when: before.optional?.when?.source)
        let newOptional = StepOptionality(isOptional: after.isOptional, when: after.optional?.when?.source)
        if oldOptional != newOptional {
            add(.optional(old: oldOptional, new: newOptional), at: after.optional?.location)
        }
        let oldLevels = before.escalations.map { StepEscalation($0, renames: renames) }
        let newLevels = after.escalations.map { StepEscalation($0) }
        if oldLevels != newLevels {
            // At the first level that differs, else at the first one (a level was removed at the end).
            let changed = zip(oldLevels, newLevels).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                ?? min(oldLevels.count, newLevels.count)
            let location = (after.escalations.indices.contains(changed) ? after.escalations[changed] : after.escalations.first)?.location
            add(.escalation(old: oldLevels, new: newLevels), at: location)
        }
        compareFlow()
    }

    private mutating func compareDocuments(_ role: DocumentRole, _ oldUses: [DocumentUse], _ newUses: [DocumentUse]) {
        var oldOptional: [DocumentID: Bool] = [:]
        var oldOrder: [DocumentID] = []
        for use in oldUses {
            let id = renames.document(use.document.value)
            if oldOptional[id] == nil {
                oldOptional[id] = use.isOptional
                oldOrder.append(id)
            }
        }
        var seen = Set<DocumentID>()
        for use in newUses where seen.insert(use.document.value).inserted {
            let id = use.document.value
            switch oldOptional[id] {
            case .none:
                add(.documentAdded(role: role, document: id, isOptional: use.isOptional), at: use.document.location)
            case .some(let wasOptional) where wasOptional != use.isOptional:
                add(.documentOptional(role: role, document: id, old: wasOptional, new: use.isOptional), at: use.document.location)
            default:
                break
            }
        }
        for id in oldOrder where !seen.contains(id) {
            add(.documentRemoved(role: role, document: id, wasOptional: oldOptional[id] ?? false), at: nil)
        }
    }

    private func renamed(_ target: FlowTarget) -> FlowTarget {
        if case .step(let id) = target, let newID = stepRenames[id] { return .step(newID) }
        return target
    }

    private mutating func compareFlow() {
        let oldFlow = renamed(StepFlow(before.transition))
        let newFlow = StepFlow(after.transition)
        guard oldFlow != newFlow else { return }
        switch (oldFlow, newFlow, after.transition) {
        case (.next(let oldTarget), .next(let newTarget), .target(let target)?):
            add(.rerouted(branch: nil, old: oldTarget, new: newTarget), at: location(of: target))
        case (.decision(let oldQuestion, let oldBranches), .decision(let newQuestion, let newBranches), .decision(let decision)?):
            if oldQuestion != newQuestion {
                add(.question(old: oldQuestion, new: newQuestion), at: decision.location)
            }
            compareBranches(oldBranches, newBranches, located: decision.branches)
        default:
            add(.flow(old: oldFlow, new: newFlow), at: flowLocation)
        }
    }

    private mutating func compareBranches(_ oldBranches: [FlowBranch], _ newBranches: [FlowBranch], located: [Branch]) {
        var oldByLabel: [String: FlowBranch] = [:]
        for branch in oldBranches where oldByLabel[branch.label] == nil { oldByLabel[branch.label] = branch }
        var seen = Set<String>()
        for (index, branch) in newBranches.enumerated() where seen.insert(branch.label).inserted {
            let location = index < located.count ? located[index].label.location : nil
            guard let previous = oldByLabel[branch.label] else {
                add(.branchAdded(branch: branch.label, target: branch.target, rule: branch.when), at: location)
                continue
            }
            if previous.target != branch.target {
                add(.rerouted(branch: branch.label, old: previous.target, new: branch.target), at: location)
            }
            if previous.when != branch.when {
                add(.branchRule(branch: branch.label, old: previous.when, new: branch.when), at: location)
            }
        }
        var removed = Set<String>()
        for branch in oldBranches where !seen.contains(branch.label) && removed.insert(branch.label).inserted {
            add(.branchRemoved(branch: branch.label, target: branch.target), at: nil)
        }
    }

    private var flowLocation: SourceLocation? {
        switch after.transition {
        case .none: nil
        case .target(let target): location(of: target)
        case .decision(let decision): decision.location
        }
    }

    private func location(of target: Target) -> SourceLocation {
        switch target {
        case .step(let id): id.location
        case .end(let outcome): outcome.location
        case .handoff(let handoff): handoff.workflow?.location ?? handoff.location
        }
    }
}

extension StepFlow {
    /// The flow with step targets renamed.
    fileprivate func mapped(_ rename: (FlowTarget) -> FlowTarget) -> StepFlow {
        switch self {
        case .none: .none
        case .next(let target): .next(rename(target))
        case .decision(let question, let branches):
            .decision(question: question, branches: branches.map {
                FlowBranch(label: $0.label, target: rename($0.target), when: $0.when)
            })
        }
    }
}

extension Pair {
    fileprivate func renamed(_ flow: StepFlow) -> StepFlow { flow.mapped(renamed) }
}

import SOPCore
import SOPModel

/// The ids of actors and documents that are taken to be renamed: old id → new id.
struct DefinitionRenames {
    var actors: [ActorID: ActorID] = [:]
    var documents: [DocumentID: DocumentID] = [:]

    func actor(_ id: ActorID) -> ActorID { actors[id] ?? id }
    func document(_ id: DocumentID) -> DocumentID { documents[id] ?? id }
}

/// Actors, documents, fields, channels, outcomes and intake rules, definition by definition.
///
/// Definitions are matched by id. An id only the old revision has and one only the new revision
/// has are taken for one definition renamed when their names are the same.
enum DefinitionComparison {
    struct Result {
        var changes: [DefinitionChange]
        var renames: DefinitionRenames
    }

    /// A definition seen as an id, a name and the attributes to compare, in order.
    private struct View<Tag> {
        var id: Located<Identifier<Tag>>
        var name: String
        var attributes: [(DefinitionAttribute, String?)]
    }

    static func compare(old: Workflow, new: Workflow) -> Result {
        var changes: [DefinitionChange] = []
        var renames = DefinitionRenames()
        func flag(_ value: Bool) -> String { value ? "true" : "false" }

        let actorViews = { (workflow: Workflow) in
            workflow.actors.map {
                View(id: $0.id, name: $0.name, attributes: [
                    (.name, $0.name), (.external, flag($0.isExternal)), (.description, $0.description),
                ])
            }
        }
        let actors = compare(actorViews(old), actorViews(new), reference: DefinitionReference.actor)
        changes += actors.changes
        renames.actors = actors.renames

        let documentViews = { (workflow: Workflow) in
            workflow.documents.map {
                View(id: $0.id, name: $0.name, attributes: [
                    (.name, $0.name), (.external, flag($0.isExternal)), (.description, $0.description),
                ])
            }
        }
        let documents = compare(documentViews(old), documentViews(new), reference: DefinitionReference.document)
        changes += documents.changes
        renames.documents = documents.renames

        let fieldViews = { (workflow: Workflow) in
            workflow.fields.map {
                View(id: $0.id, name: $0.label, attributes: [
                    (.label, $0.label), (.type, describe($0.type)), (.required, flag($0.isRequired)),
                    (.description, $0.description),
                ])
            }
        }
        changes += compare(fieldViews(old), fieldViews(new), reference: DefinitionReference.field).changes

        let channelViews = { (workflow: Workflow) in
            workflow.channels.map {
                View(id: $0.id, name: $0.name, attributes: [(.name, $0.name), (.description, $0.description)])
            }
        }
        changes += compare(channelViews(old), channelViews(new), reference: DefinitionReference.channel).changes

        let outcomeViews = { (workflow: Workflow) in
            workflow.outcomes.map {
                View(id: $0.id, name: $0.name, attributes: [
                    (.name, $0.name), (.status, $0.status.rawValue), (.description, $0.description),
                ])
            }
        }
        changes += compare(outcomeViews(old), outcomeViews(new), reference: DefinitionReference.outcome).changes

        changes += intake(old: old.intake, new: new.intake)
        return Result(changes: changes, renames: renames)
    }

    /// A field type as one value: `text`, `enum(KTP, KK)`.
    static func describe(_ type: FieldType) -> String {
        if case .enumeration(let values) = type { return "enum(" + values.joined(separator: ", ") + ")" }
        return type.name
    }

    private static func compare<Tag>(
        _ old: [View<Tag>], _ new: [View<Tag>], reference: (Identifier<Tag>) -> DefinitionReference
    ) -> (changes: [DefinitionChange], renames: [Identifier<Tag>: Identifier<Tag>]) {
        // A file with errors may repeat an id: the first one counts.
        var oldByID: [Identifier<Tag>: View<Tag>] = [:]
        var oldOrder: [View<Tag>] = []
        for view in old where oldByID[view.id.value] == nil {
            oldByID[view.id.value] = view
            oldOrder.append(view)
        }
        var seenNew = Set<Identifier<Tag>>()
        let newOrder = new.filter { seenNew.insert($0.id.value).inserted }

        let removed = oldOrder.filter { !seenNew.contains($0.id.value) }
        // Added ids by name, in file order, for the rename heuristic.
        var addedByName: [String: ArraySlice<Identifier<Tag>>] = [:]
        for view in newOrder where oldByID[view.id.value] == nil && !view.name.isEmpty {
            addedByName[view.name, default: []].append(view.id.value)
        }
        var renames: [Identifier<Tag>: Identifier<Tag>] = [:]
        var renamedFrom: [Identifier<Tag>: Identifier<Tag>] = [:]
        for view in removed {
            guard let newID = addedByName[view.name]?.popFirst() else { continue }
            renames[view.id.value] = newID
            renamedFrom[newID] = view.id.value
        }

        var changes: [DefinitionChange] = []
        for view in newOrder {
            let definition = reference(view.id.value)
            let location = view.id.location
            let previous: View<Tag>
            if let same = oldByID[view.id.value] {
                previous = same
            } else if let oldID = renamedFrom[view.id.value], let renamed = oldByID[oldID] {
                changes.append(DefinitionChange(
                    definition: definition, name: view.name, kind: .renamed,
                    old: oldID.rawValue, new: view.id.value.rawValue, location: location))
                previous = renamed
            } else {
                changes.append(DefinitionChange(definition: definition, name: view.name, kind: .added, location: location))
                continue
            }
            for ((attribute, oldValue), (_, newValue)) in zip(previous.attributes, view.attributes) where oldValue != newValue {
                changes.append(DefinitionChange(
                    definition: definition, name: view.name, kind: .changed, attribute: attribute,
                    old: oldValue, new: newValue, location: location))
            }
        }
        for view in removed where renames[view.id.value] == nil {
            changes.append(DefinitionChange(definition: reference(view.id.value), name: view.name, kind: .removed))
        }
        return (changes, renames)
    }

    /// Intake rules have no ids: they are matched by rule text, then a changed rule by its message.
    private static func intake(old: [IntakeRule], new: [IntakeRule]) -> [DefinitionChange] {
        var used = [Bool](repeating: false, count: old.count)
        var bySource: [String: ArraySlice<Int>] = [:]
        var byMessage: [String: ArraySlice<Int>] = [:]
        for (index, rule) in old.enumerated() {
            bySource[rule.rule.source, default: []].append(index)
            byMessage[rule.message, default: []].append(index)
        }
        /// The first old rule under a key not matched yet.
        func take(_ key: String, from table: inout [String: ArraySlice<Int>]) -> Int? {
            while let index = table[key]?.popFirst() {
                if !used[index] {
                    used[index] = true
                    return index
                }
            }
            return nil
        }
        var changes: [DefinitionChange] = []
        var unmatchedNew: [Int] = []
        for (index, rule) in new.enumerated() {
            guard let match = take(rule.rule.source, from: &bySource) else {
                unmatchedNew.append(index)
                continue
            }
            if old[match].message != rule.message {
                changes.append(DefinitionChange(
                    definition: .intakeRule(rule.rule.source), name: rule.message, kind: .changed,
                    attribute: .message, old: old[match].message, new: rule.message, location: rule.location))
            }
        }
        for index in unmatchedNew {
            let rule = new[index]
            if let match = take(rule.message, from: &byMessage) {
                changes.append(DefinitionChange(
                    definition: .intakeRule(rule.rule.source), name: rule.message, kind: .changed,
                    attribute: .rule, old: old[match].rule.source, new: rule.rule.source, location: rule.location))
            } else {
                changes.append(DefinitionChange(
                    definition: .intakeRule(rule.rule.source), name: rule.message, kind: .added, location: rule.location))
            }
        }
        for (index, rule) in old.enumerated() where !used[index] {
            changes.append(DefinitionChange(definition: .intakeRule(rule.rule.source), name: rule.message, kind: .removed))
        }
        return changes
    }
}

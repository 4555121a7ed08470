import SOPCore
import SOPModel

/// The title, the signed header, the calendar and the escalation of the whole case, field by
/// field; lists item by item.
enum HeaderComparison {
    /// The changes; the old revision's actors are read through `renames`.
    static func compare(old: Workflow, new: Workflow, renames: DefinitionRenames = DefinitionRenames()) -> [HeaderChange] {
        var changes: [HeaderChange] = []
        func value(_ field: HeaderField, _ oldValue: String?, _ newValue: String?, at location: SourceLocation? = nil) {
            guard oldValue != newValue else { return }
            changes.append(HeaderChange(field: field, kind: .changed, old: oldValue, new: newValue, location: location))
        }
        func list(_ field: HeaderField, _ oldItems: [String], _ newItems: [String]) {
            changes += listChanges(field, old: oldItems, new: newItems)
        }
        let before = old.document
        let after = new.document
        value(.title, old.title, new.title)
        list(.organization, before.organization, after.organization)
        value(.number, before.number, after.number)
        value(.created, before.created?.description, after.created?.description)
        value(.revised, before.revised?.description, after.revised?.description)
        value(.effective, before.effective?.description, after.effective?.description)
        value(.approverName, before.approvedBy?.name, after.approvedBy?.name)
        value(.approverPosition, before.approvedBy?.position, after.approvedBy?.position)
        value(.approverRank, before.approvedBy?.rank, after.approvedBy?.rank)
        value(.approverNIP, before.approvedBy?.nip?.value, after.approvedBy?.nip?.value, at: after.approvedBy?.nip?.location)
        list(.legalBasis, before.legalBasis, after.legalBasis)
        list(.qualifications, before.qualifications, after.qualifications)
        list(.related, before.related.map(describe), after.related.map(describe))
        list(.equipment, before.equipment, after.equipment)
        list(.warnings, before.warnings, after.warnings)
        value(.recording, before.recording, after.recording)
        value(.calendar, old.calendar?.value.rawValue, new.calendar?.value.rawValue, at: new.calendar?.location)
        value(.escalation,
            written(old.escalations.map { StepEscalation($0, renames: renames) }),
            written(new.escalations.map { StepEscalation($0) }), at: new.escalations.first?.location)
        return changes
    }

    /// Levels of escalation as a file writes them, in order: `{ to: kepala-bidang }, { to:
    /// kepala-dinas, after: 2 hari }`; nil for none.
    static func written(_ levels: [StepEscalation]) -> String? {
        guard !levels.isEmpty else { return nil }
        return levels.map { level in
            "{ to: \(level.to)" + (level.after.map { ", after: \($0)" } ?? "") + " }"
        }.joined(separator: ", ")
    }

    /// A related SOP as one line: its title, then its workflow id.
    static func describe(_ related: RelatedSOP) -> String {
        [related.title, related.workflow.map { "(\($0.value))" }].compactMap { $0 }.joined(separator: " ")
    }

    /// Items removed (in old order), then added (in new order); `reordered` when only the order differs.
    static func listChanges(_ field: HeaderField, old: [String], new: [String]) -> [HeaderChange] {
        guard old != new else { return [] }
        let removed = multisetDifference(old, new)
        let added = multisetDifference(new, old)
        if removed.isEmpty && added.isEmpty {
            return [HeaderChange(field: field, kind: .reordered, old: nil, new: nil)]
        }
        return removed.map { HeaderChange(field: field, kind: .removed, old: $0, new: nil) }
            + added.map { HeaderChange(field: field, kind: .added, old: nil, new: $0) }
    }

    /// The items of `items` not matched by an equal item of `other`, counting repeats, in order.
    static func multisetDifference(_ items: [String], _ other: [String]) -> [String] {
        var available: [String: Int] = [:]
        for item in other { available[item, default: 0] += 1 }
        var result: [String] = []
        for item in items {
            if let count = available[item], count > 0 {
                available[item] = count - 1
            } else {
                result.append(item)
            }
        }
        return result
    }
}

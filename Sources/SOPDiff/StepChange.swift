import SOPCore
import SOPModel

/// One change to one step.
///
/// A step is matched across revisions by its id, or, when its id disappeared, by the rename
/// heuristic (see `RenameEvidence`). Ids of steps, actors and documents in the old revision are
/// read through the renames found, so a renamed id is reported once, not at every use.
///
/// In JSON the detail is flattened into the change: `{"step", "oldNumber", "newNumber", "kind",
/// "location", …}` with the detail's own keys (see `Detail`).
public struct StepChange: Hashable, Sendable, Codable {
    /// The step's id in the new revision (in the old one for a removed step).
    public var step: StepID
    /// The step's number (1-based position in file order) in the old revision, if it is there.
    public var oldNumber: Int?
    /// The step's number in the new revision, if it is there.
    public var newNumber: Int?
    /// What changed.
    public var detail: Detail
    /// Where the change is written in the new revision, when it is there.
    public var location: SourceLocation?

    /// Creates a step change.
    public init(step: StepID, oldNumber: Int?, newNumber: Int?, detail: Detail, location: SourceLocation? = nil) {
        self.step = step
        self.oldNumber = oldNumber
        self.newNumber = newNumber
        self.detail = detail
        self.location = location
    }

    /// What changed about a step. The JSON `kind` of each case is its name.
    public enum Detail: Hashable, Sendable {
        /// A step only the new revision has. JSON: `activity`.
        case added(activity: String)
        /// A step only the old revision has. JSON: `activity`.
        case removed(activity: String)
        /// The step had another id in the old revision (a guess; see `RenameEvidence`).
        /// JSON: `from`, `evidence`.
        case renamed(from: StepID, evidence: RenameEvidence)
        /// The step stands elsewhere among the steps both revisions have (not merely renumbered
        /// because steps were added or removed around it). JSON: `from`, `to` (step numbers).
        case moved(from: Int, to: Int)
        /// The activity text (kegiatan). JSON: `old`, `new`.
        case activity(old: String, new: String)
        /// The actors (pelaksana). JSON: `old`, `new`.
        case performers(old: StepPerformers, new: StepPerformers)
        /// The budget (waktu). JSON: `old`, `new`, `direction`.
        case budget(old: Budget?, new: Budget?, direction: TimeDirection?)
        /// A document the step now needs or produces. JSON: `role`, `document`, `optional`.
        case documentAdded(role: DocumentRole, document: DocumentID, isOptional: Bool)
        /// A document the step no longer needs or produces. JSON: `role`, `document`, `optional`.
        case documentRemoved(role: DocumentRole, document: DocumentID, wasOptional: Bool)
        /// A document that became optional or required. JSON: `role`, `document`, `old`, `new`.
        case documentOptional(role: DocumentRole, document: DocumentID, old: Bool, new: Bool)
        /// The remarks (keterangan). JSON: `old`, `new`.
        case remarks(old: String?, new: String?)
        /// Whether the step may be skipped, and when. JSON: `old`, `new`.
        case optional(old: StepOptionality, new: StepOptionality)
        /// Who takes over when the step overruns, level by level (empty when no one does).
        /// JSON: `old`, `new`, each a list of levels.
        case escalation(old: [StepEscalation], new: [StepEscalation])
        /// The decision's question. JSON: `old`, `new`.
        case question(old: String, new: String)
        /// A branch (or, with no label, the step's single way on) leads elsewhere.
        /// JSON: `branch`, `old`, `new`.
        case rerouted(branch: String?, old: FlowTarget, new: FlowTarget)
        /// A decision branch only the new revision has. JSON: `branch`, `target`, `rule`.
        case branchAdded(branch: String, target: FlowTarget, rule: String?)
        /// A decision branch only the old revision has. JSON: `branch`, `target`.
        case branchRemoved(branch: String, target: FlowTarget)
        /// The rule (`when:`) that picks a branch by itself. JSON: `branch`, `old`, `new`.
        case branchRule(branch: String, old: String?, new: String?)
        /// The kind of way on changed (one place ↔ a decision). JSON: `old`, `new`.
        case flow(old: StepFlow, new: StepFlow)

        /// The change's kind as JSON names it.
        public var kind: String {
            switch self {
            case .added: "added"
            case .removed: "removed"
            case .renamed: "renamed"
            case .moved: "moved"
            case .activity: "activity"
            case .performers: "performers"
            case .budget: "budget"
            case .documentAdded: "documentAdded"
            case .documentRemoved: "documentRemoved"
            case .documentOptional: "documentOptional"
            case .remarks: "remarks"
            case .optional: "optional"
            case .escalation: "escalation"
            case .question: "question"
            case .rerouted: "rerouted"
            case .branchAdded: "branchAdded"
            case .branchRemoved: "branchRemoved"
            case .branchRule: "branchRule"
            case .flow: "flow"
            }
        }
    }

    private enum CodingKeys: String, CodingKey {
        case step, oldNumber, newNumber, location, kind
        case activity, from, to, evidence, old, new, direction, role, document, optional, branch, target, rule
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        step = try container.decode(StepID.self, forKey: .step)
        oldNumber = try container.decodeIfPresent(Int.self, forKey: .oldNumber)
        newNumber = try container.decodeIfPresent(Int.self, forKey: .newNumber)
        location = try container.decodeIfPresent(SourceLocation.self, forKey: .location)
        func value<T: Decodable>(_ key: CodingKeys) throws -> T { try container.decode(T.self, forKey: key) }
        func optional<T: Decodable>(_ key: CodingKeys) throws -> T? { try container.decodeIfPresent(T.self, forKey: key) }
        // Levels of escalation: a list; also one level or null, as a diff written before levels
        // were lists has them.
        func levels(_ key: CodingKeys) throws -> [StepEscalation] {
            if let list = try? container.decodeIfPresent([StepEscalation].self, forKey: key) { return list }
            return try container.decodeIfPresent(StepEscalation.self, forKey: key).map { [$0] } ?? []
        }
        switch try container.decode(String.self, forKey: .kind) {
        case "added": detail = .added(activity: try value(.activity))
        case "removed": detail = .removed(activity: try value(.activity))
        case "renamed": detail = .renamed(from: try value(.from), evidence: try value(.evidence))
        case "moved": detail = .moved(from: try value(.from), to: try value(.to))
        case "activity": detail = .activity(old: try value(.old), new: try value(.new))
        case "performers": detail = .performers(old: try value(.old), new: try value(.new))
        case "budget": detail = .budget(old: try optional(.old), new: try optional(.new), direction: try optional(.direction))
        case "documentAdded":
            detail = .documentAdded(role: try value(.role), document: try value(.document), isOptional: try value(.optional))
        case "documentRemoved":
            detail = .documentRemoved(role: try value(.role), document: try value(.document), wasOptional: try value(.optional))
        case "documentOptional":
            detail = .documentOptional(role: try value(.role), document: try value(.document), old: try value(.old), new: try value(.new))
        case "remarks": detail = .remarks(old: try optional(.old), new: try optional(.new))
        case "optional": detail = .optional(old: try value(.old), new: try value(.new))
        case "escalation": detail = .escalation(old: try levels(.old), new: try levels(.new))
        case "question": detail = .question(old: try value(.old), new: try value(.new))
        case "rerouted": detail = .rerouted(branch: try optional(.branch), old: try value(.old), new: try value(.new))
        case "branchAdded":
            detail = .branchAdded(branch: try value(.branch), target: try value(.target), rule: try optional(.rule))
        case "branchRemoved": detail = .branchRemoved(branch: try value(.branch), target: try value(.target))
        case "branchRule": detail = .branchRule(branch: try value(.branch), old: try optional(.old), new: try optional(.new))
        case "flow": detail = .flow(old: try value(.old), new: try value(.new))
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .kind, in: container, debugDescription: "unknown step change \(other)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(step, forKey: .step)
        try container.encodeIfPresent(oldNumber, forKey: .oldNumber)
        try container.encodeIfPresent(newNumber, forKey: .newNumber)
        try container.encodeIfPresent(location, forKey: .location)
        try container.encode(detail.kind, forKey: .kind)
        // Both sides of a change are always written, null where a side has none.
        func pair<T: Encodable>(_ old: T?, _ new: T?) throws {
            try container.encode(old, forKey: .old)
            try container.encode(new, forKey: .new)
        }
        switch detail {
        case .added(let activity), .removed(let activity):
            try container.encode(activity, forKey: .activity)
        case .renamed(let from, let evidence):
            try container.encode(from, forKey: .from)
            try container.encode(evidence, forKey: .evidence)
        case .moved(let from, let to):
            try container.encode(from, forKey: .from)
            try container.encode(to, forKey: .to)
        case .activity(let old, let new), .question(let old, let new):
            try pair(old, new)
        case .performers(let old, let new):
            try pair(old, new)
        case .budget(let old, let new, let direction):
            try pair(old, new)
            try container.encode(direction, forKey: .direction)
        case .documentAdded(let role, let document, let isOptional), .documentRemoved(let role, let document, let isOptional):
            try container.encode(role, forKey: .role)
            try container.encode(document, forKey: .document)
            try container.encode(isOptional, forKey: .optional)
        case .documentOptional(let role, let document, let old, let new):
            try container.encode(role, forKey: .role)
            try container.encode(document, forKey: .document)
            try pair(old, new)
        case .remarks(let old, let new):
            try pair(old, new)
        case .optional(let old, let new):
            try pair(old, new)
        case .escalation(let old, let new):
            try pair(old, new)
        case .rerouted(let branch, let old, let new):
            try container.encode(branch, forKey: .branch)
            try pair(old, new)
        case .branchAdded(let branch, let target, let rule):
            try container.encode(branch, forKey: .branch)
            try container.encode(target, forKey: .target)
            try container.encode(rule, forKey: .rule)
        case .branchRemoved(let branch, let target):
            try container.encode(branch, forKey: .branch)
            try container.encode(target, forKey: .target)
        case .branchRule(let branch, let old, let new):
            try container.encode(branch, forKey: .branch)
            try pair(old, new)
        case .flow(let old, let new):
            try pair(old, new)
        }
    }
}

import Foundation
import SOPEngine
import SOPModel

/// One case's part in a move or its undo: events to append, at the version the caller
/// planned against.
public struct CaseMove: Hashable, Sendable {
    /// The case's number.
    public var caseNumber: Int
    /// The version the case must still have; otherwise the whole move is refused (`conflict`).
    public var expectedVersion: Int
    /// The events to append: exactly one of them moves the case (`moved` or `moveUndone`
    /// of the move being written).
    public var events: [CaseEvent]
    /// The case at `expectedVersion`, as the caller folded it (trusted only at that version).
    public var state: CaseState?

    /// Creates a move.
    public init(caseNumber: Int, expectedVersion: Int, events: [CaseEvent], state: CaseState? = nil) {
        self.caseNumber = caseNumber
        self.expectedVersion = expectedVersion
        self.events = events
        self.state = state
    }
}

/// A move to write: the target revision's text, the step mapping, who and when, and the
/// cases it moves.
public struct MoveBatch: Hashable, Sendable {
    /// The exact text of the revision the cases move to (stored in the same transaction).
    public var workflowText: WorkflowText
    /// The step mapping given.
    public var mapping: [StepMapping]
    /// Who moves.
    public var by: String
    /// When.
    public var at: Date
    /// The cases moved, each with its `moved` event.
    public var moves: [CaseMove]

    /// Creates a batch.
    public init(workflowText: WorkflowText, mapping: [StepMapping], by: String, at: Date, moves: [CaseMove]) {
        self.workflowText = workflowText
        self.mapping = mapping
        self.by = by
        self.at = at
        self.moves = moves
    }

    /// The revision the cases move to.
    public var reference: WorkflowReference {
        WorkflowReference(id: workflowText.workflow, revision: workflowText.revision, contentHash: workflowText.hash)
    }
}

/// The undo of a move to write: who and when, and each moved case's `moveUndone` event.
public struct MoveUndoBatch: Hashable, Sendable {
    /// Who undoes it.
    public var by: String
    /// When.
    public var at: Date
    /// The cases moved back.
    public var moves: [CaseMove]

    /// Creates a batch.
    public init(by: String, at: Date, moves: [CaseMove]) {
        self.by = by
        self.at = at
        self.moves = moves
    }
}

/// A move as stored: which revision cases moved to, by which mapping, who, when, and the
/// cases it moved; and whether (and by whom) it was undone.
public struct MoveRecord: Hashable, Sendable, Codable {
    /// The id: `M` and a number, e.g. `M1`.
    public var id: String
    /// The SOP.
    public var workflow: WorkflowID
    /// The revision the cases moved to.
    public var to: WorkflowReference
    /// The step mapping given.
    public var mapping: [StepMapping]
    /// Who moved.
    public var by: String
    /// When.
    public var at: Date
    /// Who undid it, once undone.
    public var undoneBy: String?
    /// When it was undone.
    public var undoneAt: Date?
    /// The cases moved, by number.
    public var cases: [MovedCase]

    /// Creates a record.
    public init(
        id: String, workflow: WorkflowID, to: WorkflowReference, mapping: [StepMapping], by: String, at: Date,
        undoneBy: String? = nil, undoneAt: Date? = nil, cases: [MovedCase]
    ) {
        self.id = id
        self.workflow = workflow
        self.to = to
        self.mapping = mapping
        self.by = by
        self.at = at
        self.undoneBy = undoneBy
        self.undoneAt = undoneAt
        self.cases = cases
    }

    /// The number in an id written `M12` (or `m12`, or `12`); nil for anything else.
    public static func number(in id: String) -> Int? {
        var text = Substring(id.trimmingCharacters(in: .whitespaces))
        if text.first == "M" || text.first == "m" { text = text.dropFirst() }
        guard !text.isEmpty, text.count <= 18, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let number = Int(text), number >= 1
        else { return nil }
        return number
    }

    /// The id of a move number: `M12`.
    public static func id(_ number: Int) -> String { "M\(number)" }
}

/// One case a move moved.
public struct MovedCase: Hashable, Sendable, Codable {
    /// The case's number.
    public var number: Int
    /// Its register number.
    public var registerNumber: String
    /// The revision it ran on before.
    public var from: WorkflowReference
    /// The step it stood on before.
    public var fromStep: StepID
    /// The step it stood on after.
    public var step: StepID
    /// The sequence of its `moved` event.
    public var sequence: Int
    /// The sequence of its `moveUndone` event, once undone.
    public var undoSequence: Int?

    /// Creates a record.
    public init(number: Int, registerNumber: String, from: WorkflowReference, fromStep: StepID, step: StepID, sequence: Int, undoSequence: Int? = nil) {
        self.number = number
        self.registerNumber = registerNumber
        self.from = from
        self.fromStep = fromStep
        self.step = step
        self.sequence = sequence
        self.undoSequence = undoSequence
    }
}

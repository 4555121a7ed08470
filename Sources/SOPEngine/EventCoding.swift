import Foundation
import SOPModel

// The one format of an event, for the store and for `--format json`: an object with the event's
// `sequence`, `at`, `by` and `type` (the kind's name, as `CaseEvent.Kind.name` gives it), and the
// kind's own values beside them under the keys below. A time is whatever the encoder makes of a
// `Date` (the store: seconds since 2001-01-01 UTC, exact to the bit; the CLI: RFC 3339).
//
//     {"at":…,"by":"siti","sequence":2,"type":"step-started","step":"isi-formulir","dueAt":…,
//      "waitsForReporter":true,"actors":["pelapor"]}
//
// Events written by sop before this format (the store's migrations up to v7) used Swift's
// synthesized coding of the enum — `"kind":{"stepStarted":{…}}`, `"kind":{"opened":{"_0":{…}}}`,
// fields as `{"text":{"_0":"…"}}`. They are still read, so that every stored history reads as it
// was written; they are never written again.

extension CaseEvent.Kind {
    /// The kind's name: the `type` of its JSON and the store's `kind` column.
    public var name: String {
        switch self {
        case .opened: "opened"
        case .stepStarted: "step-started"
        case .documentAttached: "document-attached"
        case .documentWaived: "document-waived"
        case .stepContributed: "step-contributed"
        case .stepCompleted: "step-completed"
        case .stepSkipped: "step-skipped"
        case .returnedToReporter: "returned-to-reporter"
        case .escalated: "escalated"
        case .escalatedBySchedule: "escalated-by-schedule"
        case .reminded: "reminded"
        case .noteAdded: "note-added"
        case .ended: "ended"
        // The names of the two kinds keep the word sop used for moves before 2026-12.
        case .moved: "migrated"
        case .moveUndone: "migration-undone"
        case .rescheduled: "rescheduled"
        }
    }
}

extension CaseEvent {
    /// Every key an event's JSON may have. A kind's values never use `sequence`, `at`, `by` or `type`.
    enum CodingKeys: String, CodingKey {
        case sequence, at, by, type, recordedAt
        // opened
        case number, registerNumber, workflow, fields, channel, dueAt
        // steps
        case step, waitsForReporter, actors, role, branch, onBehalfOfReporter, from, to, reason
        // escalations
        case escalations, early, level
        // reminders
        case reminders, reminder
        // documents
        case document, sha256, fileName, size
        // notes and endings
        case text, status, outcome, handedOffTo, handedOffToTitle
        // moves between revisions
        case migration, fromStep, mapping, stepDueAt, rolesDone, escalatedTo, schedule
        // due times computed again under a new calendar
        case calendar, calendarHash, previousDueAt, previousStepDueAt, caseEscalations
        /// Events written before this format: the kind as Swift's synthesized coding wrote it.
        case kind
    }

    public init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        sequence = try values.decode(Int.self, forKey: .sequence)
        at = try values.decode(Date.self, forKey: .at)
        by = try values.decode(String.self, forKey: .by)
        recordedAt = try values.decodeIfPresent(Date.self, forKey: .recordedAt)
        if values.contains(.type) {
            kind = try Self.kind(try values.decode(String.self, forKey: .type), values)
        } else {
            kind = try values.decode(LegacyKind.self, forKey: .kind).kind
        }
    }

    private static func kind(_ type: String, _ values: KeyedDecodingContainer<CodingKeys>) throws -> Kind {
        switch type {
        case "opened":
            return .opened(Opened(
                number: try values.decode(Int.self, forKey: .number),
                registerNumber: try values.decode(String.self, forKey: .registerNumber),
                workflow: try values.reference(.workflow),
                fields: try values.decode([String: FieldValue].self, forKey: .fields),
                channel: try values.decodeIfPresent(String.self, forKey: .channel),
                dueAt: try values.decode(Date.self, forKey: .dueAt),
                escalations: try values.decodeIfPresent([ScheduledEscalation].self, forKey: .escalations) ?? []))
        case "step-started":
            return .stepStarted(
                step: try values.id(.step), dueAt: try values.stepDue(.dueAt),
                waitsForReporter: try values.decode(Bool.self, forKey: .waitsForReporter),
                actors: try values.idsIfPresent(.actors),
                escalations: try values.decodeIfPresent([ScheduledEscalation].self, forKey: .escalations) ?? [],
                reminders: try values.decodeIfPresent([ScheduledReminder].self, forKey: .reminders) ?? [])
        case "document-attached":
            return .documentAttached(AttachedDocument(
                document: try values.id(.document), sha256: try values.decode(String.self, forKey: .sha256),
                fileName: try values.decode(String.self, forKey: .fileName), size: try values.decode(Int.self, forKey: .size),
                step: try values.idIfPresent(.step)))
        case "document-waived":
            return .documentWaived(
                document: try values.id(.document), step: try values.id(.step),
                reason: try values.decode(String.self, forKey: .reason))
        case "step-contributed":
            return .stepContributed(
                step: try values.id(.step), role: try values.id(.role),
                onBehalfOfReporter: try values.decodeIfPresent(Bool.self, forKey: .onBehalfOfReporter) ?? false)
        case "step-completed":
            return .stepCompleted(
                step: try values.id(.step), branch: try values.decodeIfPresent(String.self, forKey: .branch),
                onBehalfOfReporter: try values.decode(Bool.self, forKey: .onBehalfOfReporter))
        case "step-skipped":
            return .stepSkipped(step: try values.id(.step), reason: try values.decode(String.self, forKey: .reason))
        case "returned-to-reporter":
            return .returnedToReporter(from: try values.id(.from), reason: try values.decode(String.self, forKey: .reason))
        case "escalated":
            return .escalated(
                step: try values.id(.step), to: try values.id(.to),
                reason: try values.decodeIfPresent(String.self, forKey: .reason),
                early: try values.decodeIfPresent(Bool.self, forKey: .early) ?? false)
        case "escalated-by-schedule":
            let level = try values.decode(Int.self, forKey: .level)
            guard level >= 1 else {
                throw DecodingError.dataCorruptedError(forKey: .level, in: values, debugDescription: "an escalation level starts at 1")
            }
            return .escalatedBySchedule(
                step: try values.idIfPresent(.step), level: level, to: try values.id(.to),
                dueAt: try values.decode(Date.self, forKey: .dueAt))
        case "reminded":
            let name = try values.decode(String.self, forKey: .reminder)
            guard let reminder = Reminder(rawValue: name) else {
                throw DecodingError.dataCorruptedError(forKey: .reminder, in: values, debugDescription: "no reminder is called '\(name)'")
            }
            return .reminded(step: try values.id(.step), reminder: reminder, dueAt: try values.decode(Date.self, forKey: .dueAt))
        case "note-added":
            return .noteAdded(try values.decode(String.self, forKey: .text))
        case "ended":
            return .ended(
                status: try values.status(.status), outcome: try values.idIfPresent(.outcome),
                handedOffTo: try values.handoffTargetIfPresent(),
                reason: try values.decodeIfPresent(String.self, forKey: .reason))
        case "migrated", "migration-undone":
            let move = RevisionMove(
                move: try values.decode(String.self, forKey: .migration), from: try values.reference(.from),
                to: try values.reference(.to), fromStep: try values.id(.fromStep),
                step: try values.id(.step), mapping: try values.decode([StepMapping].self, forKey: .mapping),
                stepDueAt: try values.stepDue(.stepDueAt), dueAt: try values.decode(Date.self, forKey: .dueAt),
                waitsForReporter: try values.decode(Bool.self, forKey: .waitsForReporter),
                actors: try values.ids(.actors), rolesDone: try values.ids(.rolesDone),
                escalatedTo: try values.idIfPresent(.escalatedTo),
                schedule: try values.decodeIfPresent(StepSchedule.self, forKey: .schedule))
            return type == "migrated" ? .moved(move) : .moveUndone(move)
        case "rescheduled":
            return .rescheduled(Rescheduling(
                calendar: try values.decode(String.self, forKey: .calendar),
                calendarHash: try values.decode(String.self, forKey: .calendarHash),
                previousDueAt: try values.decode(Date.self, forKey: .previousDueAt), dueAt: try values.decode(Date.self, forKey: .dueAt),
                caseEscalations: try values.decodeIfPresent([ScheduledEscalation].self, forKey: .caseEscalations) ?? [],
                step: try values.id(.step), previousStepDueAt: try values.stepDue(.previousStepDueAt),
                stepDueAt: try values.stepDue(.stepDueAt),
                schedule: try values.decode(StepSchedule.self, forKey: .schedule)))
        default:
            throw DecodingError.dataCorruptedError(forKey: .type, in: values, debugDescription: "no kind of event is called '\(type)'")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var values = encoder.container(keyedBy: CodingKeys.self)
        try values.encode(sequence, forKey: .sequence)
        try values.encode(at, forKey: .at)
        try values.encode(by, forKey: .by)
        try values.encodeIfPresent(recordedAt, forKey: .recordedAt)
        try values.encode(kind.name, forKey: .type)
        switch kind {
        case .opened(let opened):
            try values.encode(opened.number, forKey: .number)
            try values.encode(opened.registerNumber, forKey: .registerNumber)
            try values.encode(opened.workflow, as: .workflow)
            try values.encode(opened.fields, forKey: .fields)
            try values.encodeIfPresent(opened.channel, forKey: .channel)
            try values.encode(opened.dueAt, forKey: .dueAt)
            if !opened.escalations.isEmpty { try values.encode(opened.escalations, forKey: .escalations) }
        case .stepStarted(let step, let dueAt, let waitsForReporter, let actors, let escalations, let reminders):
            try values.encode(step.rawValue, forKey: .step)
            try values.encode(stepDue: dueAt, forKey: .dueAt)
            try values.encode(waitsForReporter, forKey: .waitsForReporter)
            try values.encodeIfPresent(actors?.map(\.rawValue), forKey: .actors)
            if !escalations.isEmpty { try values.encode(escalations, forKey: .escalations) }
            if !reminders.isEmpty { try values.encode(reminders, forKey: .reminders) }
        case .documentAttached(let document):
            try values.encode(document.document.rawValue, forKey: .document)
            try values.encode(document.sha256, forKey: .sha256)
            try values.encode(document.fileName, forKey: .fileName)
            try values.encode(document.size, forKey: .size)
            try values.encodeIfPresent(document.step?.rawValue, forKey: .step)
        case .documentWaived(let document, let step, let reason):
            try values.encode(document.rawValue, forKey: .document)
            try values.encode(step.rawValue, forKey: .step)
            try values.encode(reason, forKey: .reason)
        case .stepContributed(let step, let role, let onBehalf):
            try values.encode(step.rawValue, forKey: .step)
            try values.encode(role.rawValue, forKey: .role)
            if onBehalf { try values.encode(true, forKey: .onBehalfOfReporter) }
        case .stepCompleted(let step, let branch, let onBehalfOfReporter):
            try values.encode(step.rawValue, forKey: .step)
            try values.encodeIfPresent(branch, forKey: .branch)
            try values.encode(onBehalfOfReporter, forKey: .onBehalfOfReporter)
        case .stepSkipped(let step, let reason):
            try values.encode(step.rawValue, forKey: .step)
            try values.encode(reason, forKey: .reason)
        case .returnedToReporter(let from, let reason):
            try values.encode(from.rawValue, forKey: .from)
            try values.encode(reason, forKey: .reason)
        case .escalated(let step, let to, let reason, let early):
            try values.encode(step.rawValue, forKey: .step)
            try values.encode(to.rawValue, forKey: .to)
            try values.encodeIfPresent(reason, forKey: .reason)
            if early { try values.encode(true, forKey: .early) }
        case .escalatedBySchedule(let step, let level, let to, let dueAt):
            try values.encodeIfPresent(step?.rawValue, forKey: .step)
            try values.encode(level, forKey: .level)
            try values.encode(to.rawValue, forKey: .to)
            try values.encode(dueAt, forKey: .dueAt)
        case .reminded(let step, let reminder, let dueAt):
            try values.encode(step.rawValue, forKey: .step)
            try values.encode(reminder.rawValue, forKey: .reminder)
            try values.encode(dueAt, forKey: .dueAt)
        case .noteAdded(let text):
            try values.encode(text, forKey: .text)
        case .ended(let status, let outcome, let handedOffTo, let reason):
            try values.encode(status.rawValue, forKey: .status)
            try values.encodeIfPresent(outcome?.rawValue, forKey: .outcome)
            try values.encodeIfPresent(handedOffTo?.workflow?.rawValue, forKey: .handedOffTo)
            try values.encodeIfPresent(handedOffTo?.title, forKey: .handedOffToTitle)
            try values.encodeIfPresent(reason, forKey: .reason)
        case .moved(let move), .moveUndone(let move):
            try values.encode(move.move, forKey: .migration)
            try values.encode(move.from, as: .from)
            try values.encode(move.to, as: .to)
            try values.encode(move.fromStep.rawValue, forKey: .fromStep)
            try values.encode(move.step.rawValue, forKey: .step)
            try values.encode(move.mapping, forKey: .mapping)
            try values.encode(stepDue: move.stepDueAt, forKey: .stepDueAt)
            try values.encode(move.dueAt, forKey: .dueAt)
            try values.encode(move.waitsForReporter, forKey: .waitsForReporter)
            try values.encode(move.actors.map(\.rawValue), forKey: .actors)
            try values.encode(move.rolesDone.map(\.rawValue), forKey: .rolesDone)
            try values.encodeIfPresent(move.escalatedTo?.rawValue, forKey: .escalatedTo)
            try values.encodeIfPresent(move.schedule, forKey: .schedule)
        case .rescheduled(let change):
            try values.encode(change.calendar, forKey: .calendar)
            try values.encode(change.calendarHash, forKey: .calendarHash)
            try values.encode(change.previousDueAt, forKey: .previousDueAt)
            try values.encode(change.dueAt, forKey: .dueAt)
            if !change.caseEscalations.isEmpty { try values.encode(change.caseEscalations, forKey: .caseEscalations) }
            try values.encode(change.step.rawValue, forKey: .step)
            try values.encode(stepDue: change.previousStepDueAt, forKey: .previousStepDueAt)
            try values.encode(stepDue: change.stepDueAt, forKey: .stepDueAt)
            try values.encode(change.schedule, forKey: .schedule)
        }
    }

}

// Identifiers, statuses and references are read and written as the strings and numbers they are,
// without a generic `decode` of their own types: each type a process decodes or encodes for the
// first time costs a search of the binary's conformance records, and `sop case step` is a
// process that decodes a case's events once.
extension KeyedEncodingContainer where Key == CaseEvent.CodingKeys {
    /// A step's due time; null for a step with no stated time, never left out.
    fileprivate mutating func encode(stepDue: Date?, forKey key: Key) throws {
        if let stepDue { try encode(stepDue, forKey: key) } else { try encodeNil(forKey: key) }
    }
}

extension KeyedDecodingContainer where Key == CaseEvent.CodingKeys {
    fileprivate func id<Tag>(_ key: Key) throws -> Identifier<Tag> { Identifier(try decode(String.self, forKey: key)) }

    fileprivate func idIfPresent<Tag>(_ key: Key) throws -> Identifier<Tag>? {
        try decodeIfPresent(String.self, forKey: key).map { Identifier($0) }
    }

    /// A step's due time: a date, or null for a step with no stated time; the key is always there.
    fileprivate func stepDue(_ key: Key) throws -> Date? {
        guard contains(key) else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "a step's due time is given, or null"))
        }
        return try decodeIfPresent(Date.self, forKey: key)
    }

    /// The SOP an ending handed the case to: a workflow id (`handedOffTo`) or a title
    /// (`handedOffToTitle`), never both.
    fileprivate func handoffTargetIfPresent() throws -> HandoffTarget? {
        let workflow: WorkflowID? = try idIfPresent(.handedOffTo)
        let title = try decodeIfPresent(String.self, forKey: .handedOffToTitle)
        switch (workflow, title) {
        case (let workflow?, nil): return .workflow(workflow)
        case (nil, let title?): return .title(title)
        case (nil, nil): return nil
        case (_?, _?):
            throw DecodingError.dataCorruptedError(
                forKey: .handedOffToTitle, in: self, debugDescription: "an ending names either a workflow or a title it was handed to, not both")
        }
    }

    fileprivate func ids<Tag>(_ key: Key) throws -> [Identifier<Tag>] { try decode([String].self, forKey: key).map { Identifier($0) } }

    fileprivate func idsIfPresent<Tag>(_ key: Key) throws -> [Identifier<Tag>]? {
        try decodeIfPresent([String].self, forKey: key).map { $0.map { Identifier($0) } }
    }

    fileprivate func status(_ key: Key) throws -> CaseStatus {
        let text = try decode(String.self, forKey: key)
        guard let status = CaseStatus(rawValue: text) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "no status is called '\(text)'")
        }
        return status
    }

    fileprivate func reference(_ key: Key) throws -> WorkflowReference { try decodeReference(forKey: key) }
}

extension KeyedEncodingContainer where Key == CaseEvent.CodingKeys {
    fileprivate mutating func encode(_ reference: WorkflowReference, as key: Key) throws { try encode(reference: reference, forKey: key) }
}

/// The keys of a workflow reference inside an event or a history.
private enum ReferenceKeys: String, CodingKey {
    case id, revision, contentHash
}

// A workflow reference, coded field by field (see above), wherever the store keeps one in JSON.
extension KeyedDecodingContainer {
    package func decodeReference(forKey key: Key) throws -> WorkflowReference {
        let values = try nestedContainer(keyedBy: ReferenceKeys.self, forKey: key)
        return WorkflowReference(
            id: WorkflowID(try values.decode(String.self, forKey: .id)), revision: try values.decode(Int.self, forKey: .revision),
            contentHash: try values.decode(String.self, forKey: .contentHash))
    }
}

extension KeyedEncodingContainer {
    package mutating func encode(reference: WorkflowReference, forKey key: Key) throws {
        var values = nestedContainer(keyedBy: ReferenceKeys.self, forKey: key)
        try values.encode(reference.id.rawValue, forKey: .id)
        try values.encode(reference.revision, forKey: .revision)
        try values.encode(reference.contentHash, forKey: .contentHash)
    }
}

/// The kind of an event as sop wrote it before the format above: Swift's synthesized coding of
/// `CaseEvent.Kind` as it was then (these cases, labels and payloads), read only.
private enum LegacyKind: Decodable {
    case opened(CaseEvent.Opened)
    case stepStarted(step: StepID, dueAt: Date, waitsForReporter: Bool, actors: [ActorID]?)
    case documentAttached(AttachedDocument)
    case documentWaived(document: DocumentID, step: StepID, reason: String)
    case stepContributed(step: StepID, role: ActorID)
    case stepCompleted(step: StepID, branch: String?, onBehalfOfReporter: Bool)
    case stepSkipped(step: StepID, reason: String)
    case returnedToReporter(from: StepID, reason: String)
    case escalated(step: StepID, to: ActorID, reason: String?)
    case noteAdded(String)
    case ended(status: CaseStatus, outcome: OutcomeID?, handedOffTo: WorkflowID?, reason: String?)
    // Named as the old format wrote them (`"kind":{"migrated":{"_0":{…}}}`).
    case migrated(CaseEvent.RevisionMove)
    case migrationUndone(CaseEvent.RevisionMove)

    var kind: CaseEvent.Kind {
        switch self {
        case .opened(let opened): .opened(opened)
        case .stepStarted(let step, let dueAt, let waits, let actors): .stepStarted(step: step, dueAt: dueAt, waitsForReporter: waits, actors: actors)
        case .documentAttached(let document): .documentAttached(document)
        case .documentWaived(let document, let step, let reason): .documentWaived(document: document, step: step, reason: reason)
        case .stepContributed(let step, let role): .stepContributed(step: step, role: role)
        case .stepCompleted(let step, let branch, let behalf): .stepCompleted(step: step, branch: branch, onBehalfOfReporter: behalf)
        case .stepSkipped(let step, let reason): .stepSkipped(step: step, reason: reason)
        case .returnedToReporter(let from, let reason): .returnedToReporter(from: from, reason: reason)
        case .escalated(let step, let to, let reason): .escalated(step: step, to: to, reason: reason)
        case .noteAdded(let text): .noteAdded(text)
        case .ended(let status, let outcome, let handedOffTo, let reason): .ended(status: status, outcome: outcome, handedOffTo: handedOffTo.map(HandoffTarget.workflow), reason: reason)
        case .migrated(let move): .moved(move)
        case .migrationUndone(let move): .moveUndone(move)
        }
    }
}

// A field's value: `{"type":"text","value":"Siti"}`, `{"type":"number","value":41.5}`,
// `{"type":"boolean","value":true}`, `{"type":"date","value":"2026-03-01"}`. Before this format:
// `{"text":{"_0":"Siti"}}` and so on, still read.
extension FieldValue {
    enum CodingKeys: String, CodingKey {
        case type, value
        /// Values written before this format, under the name of their case.
        case text, number, boolean, date
    }

    /// The key Swift's synthesized coding gave a case's one value.
    private enum LegacyKeys: String, CodingKey {
        case value = "_0"
    }

    public init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        if values.contains(.type) {
            switch try values.decode(String.self, forKey: .type) {
            case "text": self = .text(try values.decode(String.self, forKey: .value))
            case "number": self = .number(try values.decode(Double.self, forKey: .value))
            case "boolean": self = .boolean(try values.decode(Bool.self, forKey: .value))
            case "date": self = .date(try values.decode(CivilDate.self, forKey: .value))
            case let other:
                throw DecodingError.dataCorruptedError(forKey: .type, in: values, debugDescription: "no type of field value is called '\(other)'")
            }
            return
        }
        func legacy(_ key: CodingKeys) throws -> KeyedDecodingContainer<LegacyKeys>? {
            values.contains(key) ? try values.nestedContainer(keyedBy: LegacyKeys.self, forKey: key) : nil
        }
        if let text = try legacy(.text) {
            self = .text(try text.decode(String.self, forKey: .value))
        } else if let number = try legacy(.number) {
            self = .number(try number.decode(Double.self, forKey: .value))
        } else if let boolean = try legacy(.boolean) {
            self = .boolean(try boolean.decode(Bool.self, forKey: .value))
        } else if let date = try legacy(.date) {
            self = .date(try date.decode(CivilDate.self, forKey: .value))
        } else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a field value"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var values = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .text(let text):
            try values.encode("text", forKey: .type)
            try values.encode(text, forKey: .value)
        case .number(let number):
            try values.encode("number", forKey: .type)
            try values.encode(number, forKey: .value)
        case .boolean(let flag):
            try values.encode("boolean", forKey: .type)
            try values.encode(flag, forKey: .value)
        case .date(let date):
            try values.encode("date", forKey: .type)
            try values.encode(date, forKey: .value)
        }
    }
}

import Foundation
import SOPCore
import SOPEngine
import SOPModel

/// Writes a `CaseEvent` as the JSON text `CaseCoding.encoder()` writes for it, byte for byte,
/// without going through `Encoder`.
///
/// Foundation's `JSONEncoder` builds a tree of boxed values for every event and sorts each
/// object's keys as it writes them; on every step of a case that cost more than SQLite's whole
/// transaction. This writer appends the same bytes straight to one buffer: keys in the order the
/// sorted encoder puts them (fixed per kind of event), strings escaped as it escapes them, numbers
/// as it writes them. Reading stays with `JSONDecoder`. Tests compare both writers' output over
/// every kind of event and over awkward strings and numbers.
enum EventJSON {
    /// Errors the encoder would throw too.
    struct NotEncodable: Error, CustomStringConvertible {
        var description: String
    }

    /// The JSON text of an event.
    static func encode(_ event: CaseEvent) throws -> String {
        String(decoding: try encodeUTF8(event), as: UTF8.self)
    }

    /// The JSON text of an event, as UTF-8 bytes.
    static func encodeUTF8(_ event: CaseEvent) throws -> [UInt8] {
        var out = Writer()
        out.bytes.reserveCapacity(256)
        out.raw("{\"at\":")
        try out.date(event.at)
        out.raw(",\"by\":")
        out.string(event.by)
        out.raw(",\"kind\":{")
        try kind(event.kind, &out)
        out.raw("},\"sequence\":")
        out.int(event.sequence)
        out.raw("}")
        return out.bytes
    }

    /// The inside of `"kind":{…}`: the case name and its values, keys sorted.
    private static func kind(_ kind: CaseEvent.Kind, _ out: inout Writer) throws {
        switch kind {
        case .opened(let opened):
            out.raw("\"opened\":{\"_0\":{")
            if let channel = opened.channel {
                out.raw("\"channel\":")
                out.string(channel)
                out.raw(",")
            }
            out.raw("\"dueAt\":")
            try out.date(opened.dueAt)
            out.raw(",\"fields\":{")
            var first = true
            for key in sortedKeys(opened.fields.keys) {
                if !first { out.raw(",") }
                first = false
                out.string(key)
                out.raw(":")
                try field(opened.fields[key]!, &out)
            }
            out.raw("},\"number\":")
            out.int(opened.number)
            out.raw(",\"registerNumber\":")
            out.string(opened.registerNumber)
            out.raw(",\"workflow\":{\"contentHash\":")
            out.string(opened.workflow.contentHash)
            out.raw(",\"id\":")
            out.string(opened.workflow.id.rawValue)
            out.raw(",\"revision\":")
            out.int(opened.workflow.revision)
            out.raw("}}}")
        case .stepStarted(let step, let dueAt, let waits, let actors):
            out.raw("\"stepStarted\":{")
            if let actors {
                out.raw("\"actors\":[")
                for (index, actor) in actors.enumerated() {
                    if index > 0 { out.raw(",") }
                    out.string(actor.rawValue)
                }
                out.raw("],")
            }
            out.raw("\"dueAt\":")
            try out.date(dueAt)
            out.raw(",\"step\":")
            out.string(step.rawValue)
            out.raw(",\"waitsForReporter\":")
            out.raw(waits ? "true" : "false")
            out.raw("}")
        case .documentAttached(let document):
            out.raw("\"documentAttached\":{\"_0\":{\"document\":")
            out.string(document.document.rawValue)
            out.raw(",\"fileName\":")
            out.string(document.fileName)
            out.raw(",\"sha256\":")
            out.string(document.sha256)
            out.raw(",\"size\":")
            out.int(document.size)
            if let step = document.step {
                out.raw(",\"step\":")
                out.string(step.rawValue)
            }
            out.raw("}}")
        case .documentWaived(let document, let step, let reason):
            out.raw("\"documentWaived\":{\"document\":")
            out.string(document.rawValue)
            out.raw(",\"reason\":")
            out.string(reason)
            out.raw(",\"step\":")
            out.string(step.rawValue)
            out.raw("}")
        case .stepContributed(let step, let role):
            out.raw("\"stepContributed\":{\"role\":")
            out.string(role.rawValue)
            out.raw(",\"step\":")
            out.string(step.rawValue)
            out.raw("}")
        case .stepCompleted(let step, let branch, let onBehalf):
            out.raw("\"stepCompleted\":{")
            if let branch {
                out.raw("\"branch\":")
                out.string(branch)
                out.raw(",")
            }
            out.raw("\"onBehalfOfReporter\":")
            out.raw(onBehalf ? "true" : "false")
            out.raw(",\"step\":")
            out.string(step.rawValue)
            out.raw("}")
        case .stepSkipped(let step, let reason):
            out.raw("\"stepSkipped\":{\"reason\":")
            out.string(reason)
            out.raw(",\"step\":")
            out.string(step.rawValue)
            out.raw("}")
        case .returnedToReporter(let from, let reason):
            out.raw("\"returnedToReporter\":{\"from\":")
            out.string(from.rawValue)
            out.raw(",\"reason\":")
            out.string(reason)
            out.raw("}")
        case .escalated(let step, let to, let reason):
            out.raw("\"escalated\":{")
            if let reason {
                out.raw("\"reason\":")
                out.string(reason)
                out.raw(",")
            }
            out.raw("\"step\":")
            out.string(step.rawValue)
            out.raw(",\"to\":")
            out.string(to.rawValue)
            out.raw("}")
        case .noteAdded(let text):
            out.raw("\"noteAdded\":{\"_0\":")
            out.string(text)
            out.raw("}")
        case .ended(let status, let outcome, let handedOffTo, let reason):
            out.raw("\"ended\":{")
            if let handedOffTo {
                out.raw("\"handedOffTo\":")
                out.string(handedOffTo.rawValue)
                out.raw(",")
            }
            if let outcome {
                out.raw("\"outcome\":")
                out.string(outcome.rawValue)
                out.raw(",")
            }
            if let reason {
                out.raw("\"reason\":")
                out.string(reason)
                out.raw(",")
            }
            out.raw("\"status\":")
            out.string(status.rawValue)
            out.raw("}")
        case .migrated(let migration):
            out.raw("\"migrated\":{\"_0\":")
            try self.migration(migration, &out)
            out.raw("}")
        case .migrationUndone(let migration):
            out.raw("\"migrationUndone\":{\"_0\":")
            try self.migration(migration, &out)
            out.raw("}")
        }
    }

    /// A move between revisions, keys sorted.
    private static func migration(_ migration: CaseEvent.Migration, _ out: inout Writer) throws {
        out.raw("{\"actors\":")
        ids(migration.actors.map(\.rawValue), &out)
        out.raw(",\"dueAt\":")
        try out.date(migration.dueAt)
        if let escalatedTo = migration.escalatedTo {
            out.raw(",\"escalatedTo\":")
            out.string(escalatedTo.rawValue)
        }
        out.raw(",\"from\":")
        reference(migration.from, &out)
        out.raw(",\"fromStep\":")
        out.string(migration.fromStep.rawValue)
        out.raw(",\"mapping\":[")
        for (index, pair) in migration.mapping.enumerated() {
            if index > 0 { out.raw(",") }
            out.raw("{\"from\":")
            out.string(pair.from.rawValue)
            out.raw(",\"to\":")
            out.string(pair.to.rawValue)
            out.raw("}")
        }
        out.raw("],\"migration\":")
        out.string(migration.migration)
        out.raw(",\"rolesDone\":")
        ids(migration.rolesDone.map(\.rawValue), &out)
        out.raw(",\"step\":")
        out.string(migration.step.rawValue)
        out.raw(",\"stepDueAt\":")
        try out.date(migration.stepDueAt)
        out.raw(",\"to\":")
        reference(migration.to, &out)
        out.raw(",\"waitsForReporter\":")
        out.raw(migration.waitsForReporter ? "true" : "false")
        out.raw("}")
    }

    /// A workflow reference, keys sorted.
    private static func reference(_ reference: WorkflowReference, _ out: inout Writer) {
        out.raw("{\"contentHash\":")
        out.string(reference.contentHash)
        out.raw(",\"id\":")
        out.string(reference.id.rawValue)
        out.raw(",\"revision\":")
        out.int(reference.revision)
        out.raw("}")
    }

    /// A list of ids.
    private static func ids(_ values: [String], _ out: inout Writer) {
        out.raw("[")
        for (index, value) in values.enumerated() {
            if index > 0 { out.raw(",") }
            out.string(value)
        }
        out.raw("]")
    }

    /// A field value as the synthesized `Codable` of `FieldValue` writes it.
    private static func field(_ value: FieldValue, _ out: inout Writer) throws {
        switch value {
        case .text(let text):
            out.raw("{\"text\":{\"_0\":")
            out.string(text)
        case .number(let number):
            out.raw("{\"number\":{\"_0\":")
            try out.double(number)
        case .boolean(let flag):
            out.raw("{\"boolean\":{\"_0\":")
            out.raw(flag ? "true" : "false")
        case .date(let date):
            out.raw("{\"date\":{\"_0\":")
            out.string(date.description)
        }
        out.raw("}}")
    }

    /// Keys in the order `JSONEncoder` with `.sortedKeys` writes them on Linux: Swift's own
    /// string order (capitals first, `field10` before `field9`).
    static func sortedKeys(_ keys: some Sequence<String>) -> [String] {
        keys.sorted()
    }

    /// A byte buffer with JSON's pieces.
    struct Writer {
        var bytes: [UInt8] = []

        mutating func raw(_ text: StaticString) {
            text.withUTF8Buffer { bytes.append(contentsOf: $0) }
        }

        mutating func int(_ value: Int) {
            bytes.append(contentsOf: String(value).utf8)
        }

        /// A number as `JSONEncoder` writes a `Double`: its shortest exact form, with no `.0`.
        mutating func double(_ value: Double) throws {
            guard value.isFinite else { throw NotEncodable(description: "\(value) is not a JSON number") }
            // Whole numbers below 10^15 print without an exponent: as the integer they are.
            if value.rounded(.towardZero) == value, abs(value) < 1e15 {
                if value == 0, value.sign == .minus { bytes.append(contentsOf: "-0".utf8) } else { int(Int(value)) }
                return
            }
            var text = value.description
            if text.hasSuffix(".0") { text.removeLast(2) }
            bytes.append(contentsOf: text.utf8)
        }

        /// A date as `.deferredToDate` writes it: seconds since 2001-01-01 00:00 UTC.
        mutating func date(_ value: Date) throws {
            try double(value.timeIntervalSinceReferenceDate)
        }

        /// A string in quotes, escaped as `JSONEncoder` escapes it.
        mutating func string(_ value: String) {
            JSONValue.writeString(value, into: &bytes)
        }
    }
}

import Foundation
import SOPEngine
import SOPModel

/// Reads a stored event's JSON text back into a `CaseEvent`: what `JSONDecoder` with
/// `CaseCoding.decoder()` reads, without `Decoder`.
///
/// A command loads the events of one case; through `JSONDecoder` the first load of each type
/// cost more than the rest of the command. The reader parses JSON (RFC 8259) into a small tree
/// and maps it to the event, ignoring keys it does not know as the decoder does; anything else
/// (broken JSON, a missing or mistyped value, an unknown kind) is an error, never a trap.
extension EventJSON {
    /// An error in a stored event's text.
    struct Unreadable: Error, CustomStringConvertible {
        var description: String
    }

    /// The event a JSON text holds.
    static func decode(_ text: String) throws -> CaseEvent {
        var parser = Parser(bytes: Array(text.utf8))
        let value = try parser.document()
        let event = try Object(value, "event")
        let kind = try Object(event.value("kind"), "kind")
        guard kind.members.count == 1, let (name, body) = kind.members.first else {
            throw Unreadable(description: "an event's kind must have exactly one case")
        }
        return CaseEvent(
            sequence: try event.int("sequence"), at: try event.date("at"), by: try event.string("by"),
            kind: try self.kind(name, Object(body, name)))
    }

    private static func kind(_ name: String, _ body: Object) throws -> CaseEvent.Kind {
        switch name {
        case "opened":
            let opened = try Object(body.value("_0"), "opened")
            let workflow = try Object(opened.value("workflow"), "workflow")
            let fieldsObject = try Object(opened.value("fields"), "fields")
            var fields: [String: FieldValue] = [:]
            for (key, value) in fieldsObject.members { fields[key] = try field(Object(value, key)) }
            return .opened(CaseEvent.Opened(
                number: try opened.int("number"), registerNumber: try opened.string("registerNumber"),
                workflow: WorkflowReference(
                    id: WorkflowID(try workflow.string("id")), revision: try workflow.int("revision"),
                    contentHash: try workflow.string("contentHash")),
                fields: fields, channel: try opened.optionalString("channel"), dueAt: try opened.date("dueAt")))
        case "stepStarted":
            let actors = try body.optional("actors").map { value -> [ActorID] in
                guard case .array(let items) = value else { throw Unreadable(description: "'actors' is not a list") }
                return try items.map { item in
                    guard case .string(let text) = item else { throw Unreadable(description: "an actor is not text") }
                    return ActorID(text)
                }
            }
            return .stepStarted(
                step: StepID(try body.string("step")), dueAt: try body.date("dueAt"),
                waitsForReporter: try body.bool("waitsForReporter"), actors: actors)
        case "documentAttached":
            let document = try Object(body.value("_0"), "documentAttached")
            return .documentAttached(AttachedDocument(
                document: DocumentID(try document.string("document")), sha256: try document.string("sha256"),
                fileName: try document.string("fileName"), size: try document.int("size"),
                step: try document.optionalString("step").map { StepID($0) }))
        case "documentWaived":
            return .documentWaived(
                document: DocumentID(try body.string("document")), step: StepID(try body.string("step")),
                reason: try body.string("reason"))
        case "stepContributed":
            return .stepContributed(step: StepID(try body.string("step")), role: ActorID(try body.string("role")))
        case "stepCompleted":
            return .stepCompleted(
                step: StepID(try body.string("step")), branch: try body.optionalString("branch"),
                onBehalfOfReporter: try body.bool("onBehalfOfReporter"))
        case "stepSkipped":
            return .stepSkipped(step: StepID(try body.string("step")), reason: try body.string("reason"))
        case "returnedToReporter":
            return .returnedToReporter(from: StepID(try body.string("from")), reason: try body.string("reason"))
        case "escalated":
            return .escalated(
                step: StepID(try body.string("step")), to: ActorID(try body.string("to")),
                reason: try body.optionalString("reason"))
        case "noteAdded":
            return .noteAdded(try body.string("_0"))
        case "ended":
            guard let status = CaseStatus(rawValue: try body.string("status")) else {
                throw Unreadable(description: "unknown status '\(try body.string("status"))'")
            }
            return .ended(
                status: status, outcome: try body.optionalString("outcome").map { OutcomeID($0) },
                handedOffTo: try body.optionalString("handedOffTo").map { WorkflowID($0) },
                reason: try body.optionalString("reason"))
        case "migrated":
            return .migrated(try migration(Object(body.value("_0"), "migrated")))
        case "migrationUndone":
            return .migrationUndone(try migration(Object(body.value("_0"), "migrationUndone")))
        default:
            throw Unreadable(description: "unknown kind of event '\(name)'")
        }
    }

    private static func ids(_ value: Value, _ what: String) throws -> [ActorID] {
        guard case .array(let items) = value else { throw Unreadable(description: "'\(what)' is not a list") }
        return try items.map { item in
            guard case .string(let text) = item else { throw Unreadable(description: "an item of '\(what)' is not text") }
            return ActorID(text)
        }
    }

    private static func reference(_ object: Object) throws -> WorkflowReference {
        WorkflowReference(
            id: WorkflowID(try object.string("id")), revision: try object.int("revision"),
            contentHash: try object.string("contentHash"))
    }

    private static func migration(_ body: Object) throws -> CaseEvent.Migration {
        guard case .array(let pairs) = try body.value("mapping") else { throw Unreadable(description: "'mapping' is not a list") }
        let mapping = try pairs.map { pair in
            let object = try Object(pair, "mapping")
            return StepMapping(from: StepID(try object.string("from")), to: StepID(try object.string("to")))
        }
        return CaseEvent.Migration(
            migration: try body.string("migration"), from: try reference(Object(body.value("from"), "from")),
            to: try reference(Object(body.value("to"), "to")), fromStep: StepID(try body.string("fromStep")),
            step: StepID(try body.string("step")), mapping: mapping, stepDueAt: try body.date("stepDueAt"),
            dueAt: try body.date("dueAt"), waitsForReporter: try body.bool("waitsForReporter"),
            actors: try ids(body.value("actors"), "actors"), rolesDone: try ids(body.value("rolesDone"), "rolesDone"),
            escalatedTo: try body.optionalString("escalatedTo").map { ActorID($0) })
    }

    private static func field(_ object: Object) throws -> FieldValue {
        guard object.members.count == 1, let (name, body) = object.members.first else {
            throw Unreadable(description: "a field value must have exactly one type")
        }
        let value = try Object(body, name)
        switch name {
        case "text": return .text(try value.string("_0"))
        case "number": return .number(try value.double("_0"))
        case "boolean": return .boolean(try value.bool("_0"))
        case "date":
            let text = try value.string("_0")
            guard let date = CivilDate(text) else { throw Unreadable(description: "not a date: \(text)") }
            return .date(date)
        default: throw Unreadable(description: "unknown type of field value '\(name)'")
        }
    }

    /// A parsed JSON value.
    enum Value {
        case object([(String, Value)])
        case array([Value])
        case string(String)
        case number(Double)
        case bool(Bool)
        case null
    }

    /// A JSON object's members, looked up by key (the last of equal keys wins, as with the decoder).
    struct Object {
        let members: [String: Value]

        init(_ value: Value, _ what: String) throws {
            guard case .object(let pairs) = value else { throw Unreadable(description: "'\(what)' is not an object") }
            members = Dictionary(pairs, uniquingKeysWith: { _, last in last })
        }

        func value(_ key: String) throws -> Value {
            guard let value = members[key] else { throw Unreadable(description: "'\(key)' is missing") }
            return value
        }

        /// The value of a key that may be absent or null.
        func optional(_ key: String) -> Value? {
            guard let value = members[key] else { return nil }
            if case .null = value { return nil }
            return value
        }

        func string(_ key: String) throws -> String {
            guard case .string(let text) = try value(key) else { throw Unreadable(description: "'\(key)' is not text") }
            return text
        }

        func optionalString(_ key: String) throws -> String? {
            guard let value = optional(key) else { return nil }
            guard case .string(let text) = value else { throw Unreadable(description: "'\(key)' is not text") }
            return text
        }

        func double(_ key: String) throws -> Double {
            guard case .number(let number) = try value(key) else { throw Unreadable(description: "'\(key)' is not a number") }
            return number
        }

        func int(_ key: String) throws -> Int {
            let number = try double(key)
            guard number.rounded(.towardZero) == number, abs(number) <= 9_007_199_254_740_992 else {
                throw Unreadable(description: "'\(key)' is not a whole number")
            }
            return Int(number)
        }

        func bool(_ key: String) throws -> Bool {
            guard case .bool(let flag) = try value(key) else { throw Unreadable(description: "'\(key)' is not true or false") }
            return flag
        }

        func date(_ key: String) throws -> Date {
            Date(timeIntervalSinceReferenceDate: try double(key))
        }
    }

    /// A recursive-descent JSON parser over UTF-8 bytes, nested at most 32 deep.
    struct Parser {
        let bytes: [UInt8]
        var index = 0
        var depth = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func document() throws -> Value {
            let value = try self.value()
            skipSpace()
            guard index == bytes.count else { throw failure("text after the value") }
            return value
        }

        private func failure(_ what: String) -> Unreadable {
            Unreadable(description: "broken JSON at byte \(index): \(what)")
        }

        private mutating func skipSpace() {
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 {
                index += 1
            }
        }

        private mutating func value() throws -> Value {
            skipSpace()
            guard index < bytes.count else { throw failure("a value is missing") }
            switch bytes[index] {
            case UInt8(ascii: "{"):
                depth += 1
                defer { depth -= 1 }
                guard depth <= 32 else { throw failure("nested too deep") }
                index += 1
                var members: [(String, Value)] = []
                skipSpace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                    index += 1
                    return .object(members)
                }
                while true {
                    skipSpace()
                    let key = try string()
                    skipSpace()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw failure("':' expected") }
                    index += 1
                    members.append((key, try value()))
                    skipSpace()
                    guard index < bytes.count else { throw failure("'}' expected") }
                    if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                    guard bytes[index] == UInt8(ascii: "}") else { throw failure("',' or '}' expected") }
                    index += 1
                    return .object(members)
                }
            case UInt8(ascii: "["):
                depth += 1
                defer { depth -= 1 }
                guard depth <= 32 else { throw failure("nested too deep") }
                index += 1
                var items: [Value] = []
                skipSpace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                    index += 1
                    return .array(items)
                }
                while true {
                    items.append(try value())
                    skipSpace()
                    guard index < bytes.count else { throw failure("']' expected") }
                    if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                    guard bytes[index] == UInt8(ascii: "]") else { throw failure("',' or ']' expected") }
                    index += 1
                    return .array(items)
                }
            case UInt8(ascii: "\""):
                return .string(try string())
            case UInt8(ascii: "t"):
                try literal("true")
                return .bool(true)
            case UInt8(ascii: "f"):
                try literal("false")
                return .bool(false)
            case UInt8(ascii: "n"):
                try literal("null")
                return .null
            default:
                return .number(try number())
            }
        }

        private mutating func literal(_ word: StaticString) throws {
            let count = word.utf8CodeUnitCount
            guard index + count <= bytes.count,
                word.withUTF8Buffer({ Array($0) }) == Array(bytes[index..<(index + count)])
            else { throw failure("unknown word") }
            index += count
        }

        /// A number as JSON writes it: `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`.
        private mutating func number() throws -> Double {
            let start = index
            func isDigit(_ at: Int) -> Bool { at < bytes.count && bytes[at] >= 0x30 && bytes[at] <= 0x39 }
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard isDigit(index) else { throw failure("a number expected") }
            if bytes[index] == UInt8(ascii: "0") { index += 1 } else { while isDigit(index) { index += 1 } }
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                guard isDigit(index) else { throw failure("digits expected after '.'") }
                while isDigit(index) { index += 1 }
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
                guard isDigit(index) else { throw failure("digits expected in the exponent") }
                while isDigit(index) { index += 1 }
            }
            guard let number = Double(String(decoding: bytes[start..<index], as: UTF8.self)), number.isFinite else {
                throw failure("a number out of range")
            }
            return number
        }

        /// A string in quotes with JSON's escapes; `\u` pairs of surrogates make one character.
        private mutating func string() throws -> String {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw failure("'\"' expected") }
            index += 1
            var out: [UInt8] = []
            while true {
                guard index < bytes.count else { throw failure("unterminated text") }
                let byte = bytes[index]
                index += 1
                switch byte {
                case UInt8(ascii: "\""):
                    guard let text = String(validating: out, as: UTF8.self) else { throw failure("text that is not UTF-8") }
                    return text
                case UInt8(ascii: "\\"):
                    guard index < bytes.count else { throw failure("unterminated escape") }
                    let escape = bytes[index]
                    index += 1
                    switch escape {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "u"):
                        var scalar = try hex4()
                        if (0xD800...0xDBFF).contains(scalar) {
                            guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                                throw failure("a lone surrogate")
                            }
                            index += 2
                            let low = try hex4()
                            guard (0xDC00...0xDFFF).contains(low) else { throw failure("a lone surrogate") }
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else if (0xDC00...0xDFFF).contains(scalar) {
                            throw failure("a lone surrogate")
                        }
                        guard let unicode = Unicode.Scalar(scalar) else { throw failure("not a character") }
                        out.append(contentsOf: Array(String(Character(unicode)).utf8))
                    default:
                        throw failure("unknown escape")
                    }
                case 0..<0x20:
                    throw failure("a control character in text")
                default:
                    out.append(byte)
                }
            }
        }

        private mutating func hex4() throws -> UInt32 {
            guard index + 4 <= bytes.count else { throw failure("four hex digits expected") }
            var value: UInt32 = 0
            for byte in bytes[index..<(index + 4)] {
                let digit: UInt32
                switch byte {
                case 0x30...0x39: digit = UInt32(byte - 0x30)
                case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
                case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
                default: throw failure("four hex digits expected")
                }
                value = value * 16 + digit
            }
            index += 4
            return value
        }
    }
}

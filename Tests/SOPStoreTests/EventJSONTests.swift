import Foundation
import SOPEngine
import SOPModel
import Testing
@testable import SOPStore

/// The store's own event writer against Foundation's `JSONEncoder`: the same bytes.
@Suite struct EventJSONTests {
    /// An event of every kind, with every optional value present and absent.
    static func everyKind() -> [CaseEvent] {
        let reference = WorkflowReference(id: "pengaduan-langsung", revision: 3, contentHash: ContentHash.hex("x".utf8))
        let at = Date(timeIntervalSinceReferenceDate: 816_000_000.123_456_7)
        let fields: [String: FieldValue] = [
            "nama": .text("Siti \"Sri\" / \\ \n\t\u{1}\u{1F} ✓ é"), "nik": .text("3305010101010001"),
            "umur": .number(42), "berat": .number(-0.5), "nol": .number(-0.0), "juta": .number(999_999_999_999_999), "besar": .number(1e21), "kecil": .number(1e-7),
            "setuju": .boolean(true), "tidak": .boolean(false), "tanggal": .date(CivilDate(year: 2026, month: 2, day: 9)!),
            "field10": .text("a"), "field9": .text("b"), "Besar-Huruf": .text("c"), "a_b": .text(""), "a-b": .text("d"),
        ]
        let kinds: [CaseEvent.Kind] = [
            .opened(CaseEvent.Opened(number: 7, registerNumber: "067/PGD/2026/000007", workflow: reference, fields: fields, channel: "instagram", dueAt: at)),
            .opened(CaseEvent.Opened(number: 8, registerNumber: "8", workflow: reference, fields: [:], channel: nil, dueAt: at)),
            .stepStarted(step: "analisa", dueAt: at, waitsForReporter: false, actors: ["tim-pengaduan", "front-office"]),
            .stepStarted(step: "analisa", dueAt: at, waitsForReporter: true, actors: nil),
            .stepStarted(step: "analisa", dueAt: at, waitsForReporter: true, actors: []),
            .documentAttached(AttachedDocument(document: "ktp", sha256: ContentHash.hex("k".utf8), fileName: "ktp \"asli\".pdf", size: 12, step: "isi-formulir")),
            .documentAttached(AttachedDocument(document: "ktp", sha256: ContentHash.hex("k".utf8), fileName: "ktp.pdf", size: 0, step: nil)),
            .documentWaived(document: "bukti", step: "analisa", reason: "tidak ada"),
            .stepContributed(step: "verifikasi", role: "tim-pengaduan"),
            .stepCompleted(step: "verifikasi", branch: "Ya", onBehalfOfReporter: false),
            .stepCompleted(step: "isi-formulir", branch: nil, onBehalfOfReporter: true),
            .stepSkipped(step: "opsional", reason: "tidak perlu"),
            .returnedToReporter(from: "verifikasi", reason: "kurang KTP"),
            .escalated(step: "analisa", to: "kepala-dinas", reason: "lewat batas"),
            .escalated(step: "analisa", to: "kepala-dinas", reason: nil),
            .noteAdded("Catatan </script> & \u{7F} \u{2028}"),
            .ended(status: .resolved, outcome: "selesai", handedOffTo: nil, reason: nil),
            .ended(status: .closed, outcome: "dialihkan", handedOffTo: "pengaduan-media", reason: "bukan wewenang"),
            .ended(status: .withdrawn, outcome: nil, handedOffTo: nil, reason: "dicabut"),
            .migrated(CaseEvent.Migration(
                migration: "M1", from: reference, to: WorkflowReference(id: "pengaduan-langsung", revision: 4, contentHash: ContentHash.hex("y".utf8)),
                fromStep: "dapat-diselesaikan", step: "analisa",
                mapping: [StepMapping(from: "dapat-diselesaikan", to: "analisa"), StepMapping(from: "a \"b\"", to: "c/d")],
                stepDueAt: at.addingTimeInterval(0.1), dueAt: at.addingTimeInterval(86_400.7), waitsForReporter: false,
                actors: ["tim-pengaduan", "front-office"], rolesDone: ["front-office"], escalatedTo: "kepala-dinas")),
            .migrated(CaseEvent.Migration(
                migration: "M12", from: reference, to: reference, fromStep: "a", step: "a", mapping: [],
                stepDueAt: at, dueAt: at, waitsForReporter: true, actors: [], rolesDone: [], escalatedTo: nil)),
            .migrationUndone(CaseEvent.Migration(
                migration: "M1", from: reference, to: reference, fromStep: "analisa", step: "dapat-diselesaikan",
                mapping: [StepMapping(from: "dapat-diselesaikan", to: "analisa")], stepDueAt: at, dueAt: at,
                waitsForReporter: false, actors: ["front-office"])),
        ]
        return kinds.enumerated().map { index, kind in
            CaseEvent(sequence: index + 1, at: at.addingTimeInterval(Double(index) * 0.3), by: "ani\(index)", kind: kind)
        }
    }

    @Test func writesWhatJSONEncoderWrites() throws {
        let encoder = CaseCoding.encoder()
        for event in Self.everyKind() {
            let expected = String(decoding: try encoder.encode(event), as: UTF8.self)
            let ours = try EventJSON.encode(event)
            #expect(ours == expected, "ours: \(ours)\nJSONEncoder: \(expected)")
            #expect(try CaseCoding.decode(CaseEvent.self, from: EventJSON.encode(event)) == event)
        }
    }

    @Test func randomStringsNumbersAndTimesAsJSONEncoderWritesThem() throws {
        let encoder = CaseCoding.encoder()
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("aZ09 -_/\\\"'\n\r\t\u{0}\u{8}\u{C}\u{1B}\u{7F}é✓😀\u{2028}<>&")
        for round in 0..<500 {
            let text = String((0..<Int.random(in: 0...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            let number: Double = switch round % 4 {
            case 0: Double.random(in: -1e6...1e6, using: &generator)
            case 1: Double(Int.random(in: -1_000_000...1_000_000, using: &generator))
            case 2: Double.random(in: -1...1, using: &generator) * pow(10, Double(Int.random(in: -30...30, using: &generator)))
            default: Double(bitPattern: UInt64.random(in: 0...UInt64.max, using: &generator))
            }
            let at = Date(timeIntervalSinceReferenceDate: Double.random(in: -1e9...2e9, using: &generator))
            let events = [
                CaseEvent(sequence: round + 1, at: at, by: text, kind: .noteAdded(text)),
                CaseEvent(sequence: 1, at: at, by: "x", kind: .opened(CaseEvent.Opened(
                    number: round, registerNumber: text, workflow: WorkflowReference(id: "w", revision: 1, contentHash: "h"),
                    fields: [text: .number(number), "n": .number(number)], channel: text, dueAt: at))),
            ]
            for event in events {
                guard number.isFinite || event.sequence != 1 else {
                    #expect(throws: (any Error).self) { try EventJSON.encode(event) }
                    #expect(throws: (any Error).self) { try encoder.encode(event) }
                    continue
                }
                let ours = try EventJSON.encode(event)
                #expect(ours == String(decoding: try encoder.encode(event), as: UTF8.self))
                #expect(try CaseCoding.decode(CaseEvent.self, from: ours) == event)
            }
        }
    }
}

/// The store's own event reader against Foundation's `JSONDecoder`.
@Suite struct EventJSONReaderTests {
    @Test func readsWhatItWritesAndWhatJSONEncoderWrites() throws {
        let encoder = CaseCoding.encoder()
        for event in EventJSONTests.everyKind() {
            #expect(try EventJSON.decode(EventJSON.encode(event)) == event)
            #expect(try EventJSON.decode(String(decoding: encoder.encode(event), as: UTF8.self)) == event)
        }
    }

    /// Spacing, escapes, key order, unknown keys and nulls as other JSON writers put them.
    @Test func readsJSONWrittenOtherwise() throws {
        let text = #"""
            { "sequence" : 2 , "by":"ani\u00e9\ud83d\ude00\/\"", "extra": [1, {"x": null}, true],
              "kind": {"stepCompleted": {"step": "a", "branch": null, "onBehalfOfReporter": false}},
              "at": 8.16e8 }
            """#
        let event = try EventJSON.decode(text)
        #expect(event == CaseEvent(
            sequence: 2, at: Date(timeIntervalSinceReferenceDate: 816_000_000), by: "anié😀/\"",
            kind: .stepCompleted(step: "a", branch: nil, onBehalfOfReporter: false)))
        let decoded = try CaseCoding.decode(CaseEvent.self, from: text)
        #expect(decoded == event)
    }

    @Test(arguments: [
        "", "{", "[]", "null", #"{"at":1,"by":"a","kind":{},"sequence":1}"#,
        #"{"at":1,"by":"a","kind":{"noteAdded":{"_0":"x"}},"sequence":1.5}"#,
        #"{"at":1,"by":"a","kind":{"noteAdded":{"_0":"x"}}}"#,
        #"{"at":"1","by":"a","kind":{"noteAdded":{"_0":"x"}},"sequence":1}"#,
        #"{"at":1,"by":"a","kind":{"somethingNew":{}},"sequence":1}"#,
        #"{"at":1,"by":"a","kind":{"noteAdded":{"_0":"x"},"ended":{}},"sequence":1}"#,
        #"{"at":1,"by":"a\ud800","kind":{"noteAdded":{"_0":"x"}},"sequence":1}"#,
        "{\"at\":1,\"by\":\"a\tb\",\"kind\":{\"noteAdded\":{\"_0\":\"x\"}},\"sequence\":1}",
        #"{"at":01,"by":"a","kind":{"noteAdded":{"_0":"x"}},"sequence":1}"#,
        #"{"at":1e999,"by":"a","kind":{"noteAdded":{"_0":"x"}},"sequence":1}"#,
        #"{"at":1,"by":"a","kind":{"ended":{"status":"lost"}},"sequence":1} x"#,
        String(repeating: "[", count: 100_000),
    ])
    func refusesWhatIsNotAnEvent(text: String) {
        #expect(throws: (any Error).self) { try EventJSON.decode(text) }
    }

    @Test func randomBytesNeverTrap() {
        var generator = SystemRandomNumberGenerator()
        let pieces = [#"{"#, #"}"#, #"["#, #"]"#, #"""#, #":"#, #","#, "1", "-", ".", "e", "\\", "u", "d8", "null", "true", "a", " "]
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 0...30, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            _ = try? EventJSON.decode(text)
        }
    }
}

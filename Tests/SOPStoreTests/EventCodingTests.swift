import Foundation
import SOPEngine
import SOPModel
import SOPTestSupport
import Testing
@testable import SOPStorage
@testable import SOPStore

/// The one event format (`EventCoding.swift`): what it writes, that it reads back every event
/// exactly, that it reads events as the landed version wrote them, and that it refuses what is
/// not an event.
@Suite struct EventCodingTests {
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
            .ended(status: .closed, outcome: "dialihkan", handedOffTo: .workflow("pengaduan-media"), reason: "bukan wewenang"),
            .ended(status: .withdrawn, outcome: nil, handedOffTo: nil, reason: "dicabut"),
            .moved(CaseEvent.RevisionMove(
                move: "M1", from: reference, to: WorkflowReference(id: "pengaduan-langsung", revision: 4, contentHash: ContentHash.hex("y".utf8)),
                fromStep: "dapat-diselesaikan", step: "analisa",
                mapping: [StepMapping(from: "dapat-diselesaikan", to: "analisa"), StepMapping(from: "a \"b\"", to: "c/d")],
                stepDueAt: at.addingTimeInterval(0.1), dueAt: at.addingTimeInterval(86_400.7), waitsForReporter: false,
                actors: ["tim-pengaduan", "front-office"], rolesDone: ["front-office"], escalatedTo: "kepala-dinas")),
            .moved(CaseEvent.RevisionMove(
                move: "M12", from: reference, to: reference, fromStep: "a", step: "a", mapping: [],
                stepDueAt: at, dueAt: at, waitsForReporter: true, actors: [], rolesDone: [], escalatedTo: nil)),
            .moveUndone(CaseEvent.RevisionMove(
                move: "M1", from: reference, to: reference, fromStep: "analisa", step: "dapat-diselesaikan",
                mapping: [StepMapping(from: "dapat-diselesaikan", to: "analisa")], stepDueAt: at, dueAt: at,
                waitsForReporter: false, actors: ["front-office"])),
        ]
        return kinds.enumerated().map { index, kind in
            CaseEvent(sequence: index + 1, at: at.addingTimeInterval(Double(index) * 0.3), by: "ani\(index)", kind: kind)
        }
    }

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path

    @Test func everyKindReadsBackExactlyWithExplicitKeys() throws {
        let encoder = CaseCoding.encoder()
        for event in Self.everyKind() {
            let text = String(decoding: try encoder.encode(event), as: UTF8.self)
            #expect(try CaseCoding.decodeEvent(text) == event, "\(text)")
            #expect(text.contains("\"type\":\"\(event.kind.name)\""), "\(text)")
            #expect(!text.contains("_0") && !text.contains("\"kind\""), "\(text)")
        }
    }

    /// A hand-off by title (newer than the landed version's events) writes the title under its own key.
    @Test func handOffByTitleReadsBack() throws {
        let event = CaseEvent(sequence: 4, at: Date(timeIntervalSinceReferenceDate: 816_000_000), by: "ani", kind: .ended(
            status: .closed, outcome: nil, handedOffTo: .title("SOP Perubahan Data"), reason: "mengikuti SOP perubahan data"))
        let text = String(decoding: try CaseCoding.encoder().encode(event), as: UTF8.self)
        #expect(text.contains("\"handedOffToTitle\":\"SOP Perubahan Data\"") && !text.contains("\"handedOffTo\":"), "\(text)")
        #expect(try CaseCoding.decodeEvent(text) == event)
    }

    /// A step with no stated time starts with a null due time, written, never left out; an
    /// event without the key is not read.
    @Test func stepWithoutDueTimeReadsBack() throws {
        let event = CaseEvent(sequence: 2, at: Date(timeIntervalSinceReferenceDate: 816_000_000), by: "ani", kind: .stepStarted(
            step: "serahkan", dueAt: nil, waitsForReporter: false, actors: ["petugas"]))
        let text = String(decoding: try CaseCoding.encoder().encode(event), as: UTF8.self)
        #expect(text.contains("\"dueAt\":null"), "\(text)")
        #expect(try CaseCoding.decodeEvent(text) == event)
        let withoutKey = text.replacingOccurrences(of: "\"dueAt\":null,", with: "")
        #expect(withoutKey != text)
        #expect(throws: (any Error).self) { try CaseCoding.decodeEvent(withoutKey) }
    }

    /// The events of `everyKind()` as the landed version wrote them (Swift's synthesized coding,
    /// `"kind":{"opened":{"_0":…}}`), one per line, written by that version's own writer.
    @Test func eventsAsTheLandedVersionWroteThemRead() throws {
        let lines = try String(contentsOfFile: Self.fixtures + "/events-landed-v5.jsonl", encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let expected = Self.everyKind()
        #expect(lines.count == expected.count)
        for (line, event) in zip(lines, expected) {
            #expect(line.contains("\"kind\":{"))
            #expect(try CaseCoding.decodeEvent(line) == event, "\(line)")
        }
    }

    @Test func fieldValuesSayTheirType() throws {
        let values: [FieldValue] = [.text("Siti"), .number(41.5), .boolean(true), .date(CivilDate(year: 2026, month: 3, day: 1)!)]
        let texts = try values.map { String(decoding: try CaseCoding.encoder().encode($0), as: UTF8.self) }
        #expect(texts == [
            #"{"type":"text","value":"Siti"}"#, #"{"type":"number","value":41.5}"#, #"{"type":"boolean","value":true}"#,
            #"{"type":"date","value":"2026-03-01"}"#,
        ])
        for (text, value) in zip(texts, values) { #expect(try CaseCoding.decode(FieldValue.self, from: text) == value) }
        #expect(try CaseCoding.decode(FieldValue.self, from: #"{"number":{"_0":-0.5}}"#) == .number(-0.5))
        #expect(throws: (any Error).self) { try CaseCoding.decode(FieldValue.self, from: #"{"type":"warna","value":"merah"}"#) }
        #expect(throws: (any Error).self) { try CaseCoding.decode(FieldValue.self, from: #"{"type":"number","value":"1"}"#) }
    }

    /// Spacing, escapes, key order, unknown keys and nulls as other JSON writers put them.
    @Test func readsJSONWrittenOtherwise() throws {
        let text = #"""
            { "sequence" : 2 , "by":"ani\u00e9\ud83d\ude00\/\"", "extra": [1, {"x": null}, true],
              "type": "step-completed", "step": "a", "branch": null, "onBehalfOfReporter": false,
              "at": 8.16e8 }
            """#
        #expect(try CaseCoding.decodeEvent(text) == CaseEvent(
            sequence: 2, at: Date(timeIntervalSinceReferenceDate: 816_000_000), by: "anié😀/\"",
            kind: .stepCompleted(step: "a", branch: nil, onBehalfOfReporter: false)))
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
        #"{"at":1,"by":"a","type":"note-added","sequence":1}"#,
        #"{"at":1,"by":"a","type":"something-new","sequence":1}"#,
        #"{"at":1,"by":"a","type":"ended","status":"lost","sequence":1}"#,
        #"{"at":1,"by":"a","type":"ended","status":"closed","handedOffTo":"x","handedOffToTitle":"SOP X","sequence":1}"#,
        #"{"at":1,"by":"a","type":"step-started","step":"x","waitsForReporter":false,"sequence":1}"#,
        #"{"at":1,"by":"a","type":7,"text":"x","sequence":1}"#,
        String(repeating: "[", count: 100_000),
    ])
    func refusesWhatIsNotAnEvent(text: String) {
        #expect(throws: (any Error).self) { try CaseCoding.decodeEvent(text) }
    }

    @Test(arguments: TestSeeds.or([1, 2]))
    func randomBytesNeverTrap(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        let pieces = [#"{"#, #"}"#, #"["#, #"]"#, #"""#, #":"#, #","#, "1", "-", ".", "e", "\\", "u", "d8", "null", "true", "a", " ", #""type""#, #""kind""#]
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 0...30, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            _ = try? CaseCoding.decodeEvent(text)
        }
    }
}

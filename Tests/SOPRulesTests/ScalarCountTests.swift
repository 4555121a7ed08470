import Testing
@testable import SOPRules

@Suite("Rule evaluator: counting characters")
struct ScalarCountTests {
    @Test("counting UTF-8 bytes that start a scalar agrees with counting scalars", arguments: [
        "", "a", "Uraian pengaduan", "héllo", "e\u{301}", "👍🏽", "日本語のテキスト", "\u{0}\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}\u{10FFFF}",
        String(repeating: "KTP elektronik belum jadi ", count: 40), String(repeating: "é👍", count: 500),
    ])
    func agrees(_ text: String) {
        #expect(Evaluator.scalarCount(text) == text.unicodeScalars.count)
        // A substring's copy and a string built piece by piece are stored differently.
        let built = text.unicodeScalars.reduce(into: "") { $0.unicodeScalars.append($1) }
        #expect(Evaluator.scalarCount(built) == text.unicodeScalars.count)
        let sliced = String(text.dropFirst())
        #expect(Evaluator.scalarCount(sliced) == sliced.unicodeScalars.count)
    }
}

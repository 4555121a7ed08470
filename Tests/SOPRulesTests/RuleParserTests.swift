import SOPCore
import SOPRules
import Testing

@Suite("Rule parser")
struct RuleParserTests {
    @Test("the rules of the workflow files parse", arguments: [
        "has(fields.telepon) && size(fields.uraian) >= 10",
        "channel in ['email', 'telepon']",
        "fields.nik.matches('^[0-9]{16}$')",
        "fields.jumlah > 3 || !fields.mendesak",
        "fields.tanggal_kejadian >= date('2024-01-01')",
        "matches(fields.nik, \"^33\")",
        "fields.lampiran.size() > 0 && 'ktp' in fields.lampiran",
        "fields.mendesak ? fields.jumlah > 1.5 : fields.umur <= -3",
        "int(fields.jumlah) % 2 == 0 && string(fields.umur) != ''",
        "(fields.umur + 1) * 2 - 3 / 1 > 0 // a comment",
        "[1, 2, 3,] == [1, 2, 3]",
        "fields.nik.matches(r'^\\d{16}$')",
        "true",
        "!!!fields.mendesak",
        "-9223372036854775808 < 9223372036854775807",
        "1e3 == 1000.0 && 2.5e-1 < 1.0",
    ])
    func parses(source: String) throws {
        let rule = try compiled(source)
        #expect(rule.source == source)
    }

    /// A syntax error and where it points: (rule, text the error starts at, which occurrence).
    @Test("syntax errors point at the offending text", arguments: [
        ("fields.nama ==", "", 14),
        ("(fields.umur > 3", "", 16),
        ("fields.umur > 3)", ")", -1),
        ("fields.umur = 3", "=", -1),
        ("fields.mendesak; true", ";", -1),
        ("fields.mendesak & true", "&", -1),
        ("fields.mendesak | true", "|", -1),
        ("fields.nama == 'abc", "'", -1),
        ("fields.nama == 'a\\qb'", "\\q", -1),
        ("fields.lampiran.all(x, x == 'a')", "all", -1),
        ("fields.lampiran.exists(x, x == 'a')", "exists", -1),
        ("panjang(fields.nama) > 1", "panjang", -1),
        ("fields.nama.contains('a')", "contains", -1),
        ("{'a': 1} == {}", "{", -1),
        ("fields.lampiran[0] == 'ktp'", "[0", -1),
        ("has(channel)", "channel", -1),
        ("has(fields.nama == 'a')", "fields", -1),
        ("size(fields.nama, 2) > 1", "size", -1),
        ("fields.nama.size(1) > 1", "size", -1),
        ("fields.nik.matches() ", "matches", -1),
        ("'2024-01-01'.date() == date('2024-01-01')", "date", -1),
        ("99999999999999999999 > 1", "9", -1),
        ("9223372036854775808 > 1", "9", -1),
        ("3u > 1", "3u", -1),
        ("0x1F > 1", "0x1F", -1),
        ("fields.umur 2", "2", -1),
        ("fields.mendesak ? 1", "", 19),
        ("if == 1", "if", -1),
        ("fields.", "", 7),
        ("fields.nama == ''' '''", "'''", -1),
        ("fields.nama == b'x'", "b", -1),
        ("fields.nama == 'é' && fields.nama == \u{00A0}'x'", "\u{00A0}", -1),
        ("in ['a']", "in", -1),
        ("fields.nama == 'abc\n'", "'", -1),
    ])
    func syntaxError(source: String, at marker: String, explicitOffset: Int) {
        let found = errors(source)
        #expect(found.count == 1)
        #expect(found.first?.kind == .syntax)
        let expected = explicitOffset >= 0 ? explicitOffset : offset(of: marker, in: source)
        #expect(found.first?.offset == expected, "\(found)")
        #expect((found.first?.length ?? 0) >= 1)
    }

    @Test("an empty rule is a syntax error", arguments: ["", "   ", "// only a comment"])
    func empty(source: String) {
        let found = errors(source)
        #expect(found.map(\.kind) == [.syntax])
        #expect(found.first?.offset == 0)
    }

    @Test("a syntax error is reported under SOP0501, a type error under SOP0502")
    func codes() {
        #expect(errors("fields.nama ==").first?.code == .ruleSyntax)
        #expect(errors("fields.nama == 1").first?.code == .ruleType)
    }

    @Test("10,000 nested parentheses are an error, not a crash")
    func tenThousandParentheses() {
        let source = String(repeating: "(", count: 10_000) + "true" + String(repeating: ")", count: 10_000)
        let found = errors(source)
        #expect(found.map(\.kind) == [.syntax])
        #expect(found.first?.offset == RuleCompiler.maximumLength)
    }

    @Test("10,000 negations and 10,000 open brackets are errors, not crashes")
    func tenThousandPrefixes() {
        #expect(errors(String(repeating: "!", count: 10_000) + "true").map(\.kind) == [.syntax])
        #expect(errors(String(repeating: "[", count: 10_000)).map(\.kind) == [.syntax])
        #expect(errors(String(repeating: "-", count: 10_000) + "1 > 0").map(\.kind) == [.syntax])
    }

    @Test("nesting deeper than the limit is an error at the first level too deep")
    func depthLimit() throws {
        let depth = RuleCompiler.maximumDepth
        let allowed = String(repeating: "(", count: depth - 1) + "true" + String(repeating: ")", count: depth - 1)
        _ = try compiled(allowed)
        let tooDeep = String(repeating: "(", count: 100) + "true" + String(repeating: ")", count: 100)
        let found = errors(tooDeep)
        #expect(found.map(\.kind) == [.syntax])
        #expect(found.first?.offset == depth)

        let negations = String(repeating: "!", count: 200) + "true"
        #expect(errors(negations).map(\.kind) == [.syntax])
        let lists = String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + " == []"
        #expect(errors(lists).map(\.kind) == [.syntax])
    }

    @Test("a long chain of one arithmetic operator is bounded; long chains of && and || are not")
    func chains() throws {
        let sum = (1...100).map { _ in "1" }.joined(separator: " + ") + " > 0"
        #expect(errors(sum).map(\.kind) == [.syntax])
        let alternatives = (1...200).map { _ in "true" }.joined(separator: " || ")
        #expect(alternatives.unicodeScalars.count < RuleCompiler.maximumLength)
        #expect(try evaluate(alternatives))
        let conjunction = (1...200).map { _ in "true" }.joined(separator: " && ")
        #expect(try evaluate(conjunction))
    }

    @Test("a rule longer than the limit is an error at the first character past it")
    func lengthLimit() throws {
        let padding = String(repeating: " ", count: RuleCompiler.maximumLength - 4)
        _ = try compiled(padding + "true")
        let found = errors(padding + " true")
        #expect(found.map(\.kind) == [.syntax])
        #expect(found.first?.offset == RuleCompiler.maximumLength)
    }

    @Test("offsets count Unicode scalars, not bytes or characters")
    func offsetsInScalars() {
        let source = "fields.nama == 'Sîti e\u{301}' && fields.telpon == ''"
        let found = errors(source)
        #expect(found.first?.offset == offset(of: "telpon", in: source))
    }

    @Test("no input crashes or hangs the compiler")
    func garbage() {
        let pieces = [
            "fields", ".", "nama", "telepon", "(", ")", "[", "]", ",", "'a'", "\"b\"", "1", "2.5", "-", "!", "&&",
            "||", "==", "<", "in", "has", "size", "matches", "date", "?", ":", " ", "true", "null", "'\\", "r'",
            "{", "}", "=", "é", "\u{1F44D}", "//", "\n", "`", "$", "int", "string", "channel", "'2024-01-01'",
        ]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<3_000 {
            var source = ""
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let count = Int(state >> 59) + 1
            for _ in 0..<count {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                source += pieces[Int(state >> 33) % pieces.count]
            }
            if case .success(let rule) = RuleCompiler.compile(source, in: environment) {
                _ = try? rule.evaluate(in: fullContext)
                _ = try? rule.evaluate(in: RuleContext())
            }
        }
    }
}

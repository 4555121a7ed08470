import SOPRules
import Testing

@Suite("Rule evaluator")
struct RuleEvaluatorTests {
    @Test("rules evaluate with CEL semantics", arguments: [
        // The rules of the workflow files.
        ("has(fields.telepon) && size(fields.uraian) >= 10", true),
        ("channel in ['email', 'telepon']", true),
        ("channel in ['email', 'instagram']", false),
        ("fields.nik.matches('^[0-9]{16}$')", true),
        ("fields.jumlah > 3 || !fields.mendesak", true),
        ("fields.tanggal_kejadian >= date('2024-01-01')", true),
        ("fields.tanggal_kejadian < date('2024-03-01')", false),
        ("fields.tanggal_kejadian == date('2024-03-01')", true),
        // Precedence and associativity.
        ("1 + 2 * 3 == 7", true),
        ("(1 + 2) * 3 == 9", true),
        ("10 - 4 - 3 == 3", true),
        ("7 / 2 == 3 && -7 / 2 == -3 && -7 % 3 == -1", true),
        ("!false && false", false),
        ("true || false && false", true),
        ("false ? false : true ? true : false", true),
        ("-(-3) == 3 && --3 == 3", true),
        ("1 < 2 == true", true),
        // Numbers across int and double.
        ("fields.umur == 42.0 && 42.0 == fields.umur", true),
        ("fields.jumlah > 3 && fields.jumlah < 4", true),
        ("1 + 0.5 == 1.5 && 3 / 2.0 == 1.5", true),
        ("9007199254740993 > 9007199254740992.0", true),
        ("-9223372036854775808 < -9223372036854775807.0 || true", true),
        ("int(2.9) == 2 && int(-2.9) == -2 && int('42') == 42 && int(fields.jumlah) == 3", true),
        ("double('1.5') == 1.5 && double(2) == 2.0", true),
        ("string(12) == '12' && string(true) == 'true' && string(date('2024-01-05')) == '2024-01-05'", true),
        ("string(fields.status) == 'diproses'", true),
        // Text.
        ("'Z' < 'a' && 'a' < 'b' && 'ab' < 'abc' && 'é' > 'z'", true),
        ("'\\u00e9' != 'e\\u0301'", true),
        ("size('héllo') == 5 && size('e\\u0301') == 2 && size('👍🏽') == 2 && size('') == 0", true),
        ("'a' + 'b' == 'ab' && channel + '!' == 'telepon!'", true),
        ("\"it's\" == 'it\\'s' && 'a\\tb' != 'a b'", true),
        ("fields.nama.matches('^Siti') && matches(fields.nama, 'Aminah$') && !fields.nama.matches('^Aminah')", true),
        ("fields.nik.matches(fields.pola)", true),
        ("fields.status == 'diproses' && fields.status != 'baru'", true),
        // Lists.
        ("'ktp' in fields.lampiran && !('akta' in fields.lampiran)", true),
        ("size(fields.lampiran) == 2 && fields.lampiran.size() == 2", true),
        ("[1, 2] + [3] == [1, 2, 3] && [] == [] && [1] != [2]", true),
        ("1 in [1.0, 2.5] && 'a' in ['a'] && !(3 in [])", true),
        ("[[1], [2]] == [[1], [2]]", true),
        // Conditional.
        ("(fields.mendesak ? 1 : 2) == 2", true),
        ("(fields.mendesak ? 'a' : channel) == 'telepon'", true),
        // null.
        ("null == null", true),
    ])
    func evaluates(source: String, expected: Bool) throws {
        #expect(try evaluate(source) == expected)
    }

    @Test("reading a field that is not set throws")
    func unsetField() throws {
        let rule = try compiled("size(fields.telepon) > 3")
        var context = fullContext
        context.fields["telepon"] = nil
        #expect(throws: RuleEvaluationError(message: "field 'telepon' is not set")) {
            try rule.evaluate(in: context)
        }
        #expect(throws: RuleEvaluationError.self) {
            try compiled("channel == 'email'").evaluate(in: RuleContext())
        }
    }

    @Test("has() is true when the field is set, whatever its value")
    func has() throws {
        var context = fullContext
        #expect(try evaluate("has(fields.telepon)", in: context))
        context.fields["telepon"] = .string("")
        #expect(try evaluate("has(fields.telepon)", in: context))
        context.fields["telepon"] = .null
        #expect(try evaluate("has(fields.telepon)", in: context))
        context.fields["telepon"] = nil
        #expect(try !evaluate("has(fields.telepon)", in: context))
    }

    @Test("&& and || decide despite an error on either side, as in CEL", arguments: [
        ("has(fields.telepon) && size(fields.telepon) > 3", false),
        ("size(fields.telepon) > 3 && has(fields.telepon)", false),
        ("!has(fields.telepon) || size(fields.telepon) > 3", true),
        ("size(fields.telepon) > 3 || true", true),
        ("has(fields.telepon) ? fields.telepon == '1' : true", true),
    ])
    func absorbedErrors(source: String, expected: Bool) throws {
        var context = fullContext
        context.fields["telepon"] = nil
        #expect(try evaluate(source, in: context) == expected)
    }

    @Test("errors that nothing absorbs are thrown, never trapped", arguments: [
        "size(fields.telepon) > 3 && true",
        "size(fields.telepon) > 3 || false",
        "fields.umur / (fields.umur - 42) == 0",
        "fields.umur % (fields.umur - 42) == 0",
        "fields.jumlah / (fields.umur - 42) == 0.0",
        "9223372036854775807 + fields.umur > 0",
        "-9223372036854775808 - fields.umur < 0",
        "9223372036854775807 * fields.umur > 0",
        "-(-9223372036854775808 + fields.umur - 42) > 0",
        "(-9223372036854775808 + fields.umur - 42) / -1 > 0",
        "(-9223372036854775808 + fields.umur - 42) % -1 == 0",
        "1.0e308 * fields.jumlah > 0.0",
        "int(1.0e19 * fields.jumlah) > 0",
        "int(fields.nama) > 0",
        "double(fields.nama) > 0.0",
        "date(fields.nama) > date('2024-01-01')",
        "fields.nik.matches(fields.nama + '(')",
    ])
    func runtimeErrors(source: String) throws {
        var context = fullContext
        context.fields["telepon"] = nil
        let rule = try compiled(source)
        #expect(throws: RuleEvaluationError.self) { try rule.evaluate(in: context) }
    }

    @Test("a context value of another type than declared throws, never traps")
    func mistypedContext() throws {
        var context = fullContext
        context.fields["mendesak"] = .string("ya")
        context.fields["umur"] = .list([])
        context.fields["nik"] = .int(1)
        context.fields["tanggal_kejadian"] = .string("2024-01-01")
        for source in [
            "fields.mendesak", "!fields.mendesak", "fields.mendesak ? true : false", "fields.umur > 1",
            "fields.umur + 1 > 1", "-fields.umur < 0", "size(fields.nik) > 1", "fields.nik.matches('1')",
            "fields.tanggal_kejadian > date('2024-01-01')", "string(fields.umur) == ''",
        ] {
            let rule = try compiled(source)
            #expect(throws: RuleEvaluationError.self, "\(source)") { try rule.evaluate(in: context) }
        }
        context.fields["jumlah"] = .int(4)
        #expect(try evaluate("fields.jumlah > 3.5", in: context))
    }

    @Test("matches() bounds the text it searches")
    func matchesTextLimit() throws {
        let rule = try compiled("fields.uraian.matches('x$')")
        var context = fullContext
        context.fields["uraian"] = .string(String(repeating: "a", count: 9_999) + "x")
        #expect(try rule.evaluate(in: context))
        context.fields["uraian"] = .string(String(repeating: "a", count: 10_000) + "x")
        #expect(throws: RuleEvaluationError.self) { try rule.evaluate(in: context) }
    }

    @Test("pathological patterns take linear time", arguments: [
        "(a+)+$", "(a|aa)*c", "(a*)*b", "(.*)*x", "^(a?){30}a{30}$", "(x+x+)+y", "(?i)(A|a)+!$",
    ])
    func pathologicalPatterns(pattern: String) throws {
        let rule = try compiled("fields.uraian.matches(r'\(pattern)')")
        var context = fullContext
        context.fields["uraian"] = .string(String(repeating: "a", count: 9_999) + "\u{1F44D}")
        #expect(try !rule.evaluate(in: context))
    }

    @Test("the largest pattern on the longest text still finishes")
    func worstCase() throws {
        let rule = try compiled("fields.uraian.matches('(a|b){200,}x')")
        var context = fullContext
        context.fields["uraian"] = .string(String(repeating: "ab", count: 5_000))
        #expect(try !rule.evaluate(in: context))
    }
}

@Suite("Regular expressions")
struct PatternTests {
    /// Matches `pattern` against `text` through a rule, with the pattern supplied at run time.
    private func matches(_ pattern: String, _ text: String) throws -> Bool {
        var context = fullContext
        context.fields["pola"] = .string(pattern)
        context.fields["uraian"] = .string(text)
        return try evaluate("fields.uraian.matches(fields.pola)", in: context)
    }

    @Test("RE2 syntax matches as RE2 does (a partial match)", arguments: [
        ("^[0-9]{16}$", "3305123456789012", true),
        ("^[0-9]{16}$", "330512345678901", false),
        ("^[0-9]{16}$", "33051234567890123", false),
        ("ell", "hello", true),
        ("^ell", "hello", false),
        ("a|b", "xbx", true),
        ("(?i)HELLO", "say hello", true),
        ("HELLO", "say hello", false),
        ("(?i:h)ELLO", "hELLO", true),
        ("colou?r", "color", true),
        (#"^\d{3}-\d{4}$"#, "555-1234", true),
        (#"^\+?62\d{8,12}$"#, "+6281234567890", true),
        (#"^[\w.+-]+@[\w-]+\.[\w.]+$"#, "siti@kebumenkab.go.id", true),
        (#"^[\w.+-]+@[\w-]+\.[\w.]+$"#, "siti@", false),
        ("[[:alpha:]]+", "abc", true),
        ("^[[:digit:][:space:]]+$", "12 34", true),
        ("[^a-z]", "abc", false),
        ("[^a-z]", "abC", true),
        (#"\bcat\b"#, "a cat here", true),
        (#"\bcat\b"#, "concat", false),
        (#"\Bcat"#, "concat", true),
        ("a{2,3}", "caab", true),
        ("^a{2,3}$", "aaaa", false),
        ("^a{2,}$", "aaaa", true),
        ("^a{2}$", "aa", true),
        ("x*", "", true),
        ("^$", "", true),
        ("(?m)^b$", "a\nb\nc", true),
        ("^b$", "a\nb\nc", false),
        ("a.c", "a\nc", false),
        ("(?s)a.c", "a\nc", true),
        (#"\."#, "a.b", true),
        (#"\."#, "ab", false),
        ("é+", "café", true),
        ("(?i)É", "é", true),
        ("(?i)[a-z]+", "ABC", true),
        ("[a-]", "-", true),
        ("(?:ab)+$", "ababab", true),
        ("(?P<x>a)b", "ab", true),
        ("(?<x>a)b", "xab", true),
        ("^.$", "👍", true),
        (#"\x41\x{1F44D}"#, "A👍", true),
        (#"[\d\s]+$"#, "ab 12", true),
        (#"^\D+$"#, "abc", true),
        (#"^[^\d]+$"#, "ab1", false),
        (#"\Aab\z"#, "ab", true),
        ("a{,3}", "a{,3}", true),
        ("a??b*?", "", true),
        ("(|a)b", "b", true),
    ])
    func matching(pattern: String, text: String, expected: Bool) throws {
        #expect(try matches(pattern, text) == expected)
    }

    @Test("a pattern known only at run time is checked at run time", arguments: [
        "(", "[a", "a**", #"\1"#, String(repeating: "a", count: 201),
    ])
    func invalidAtRunTime(pattern: String) {
        #expect(throws: RuleEvaluationError.self) { try matches(pattern, "abc") }
    }
}

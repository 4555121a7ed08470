import SOPRules
import Testing

@Suite("Rule checker")
struct RuleCheckerTests {
    /// A rule with exactly one type error, and the text that error starts at.
    @Test("type errors point at the offending sub-expression", arguments: [
        // Unknown names: at the identifier or the field name.
        ("fields.telpon == ''", "telpon"),
        ("chanel == 'email'", "chanel"),
        ("has(fields.telpon)", "telpon"),
        ("fields.nama.panjang == 1", "panjang"),
        // Operators that compare or combine two types: at the operator.
        ("fields.nama == 3", "=="),
        ("fields.nama != fields.umur", "!="),
        ("fields.tanggal_kejadian == '2024-01-01'", "=="),
        ("fields.mendesak < true", "<"),
        ("fields.lampiran >= ['a']", ">="),
        ("fields.nama == null", "=="),
        ("fields == 1", "=="),
        ("fields.nama in 'abc'", "in"),
        ("1 in ['a', 'b']", "in"),
        ("fields.jumlah + 'a' > 1", "+"),
        ("fields.nama - 'a' == ''", "-"),
        ("fields.umur % 2.0 == 0", "%"),
        ("(fields.mendesak ? 1 : 'a') == 1", "?"),
        // Operands that must have one type: at the operand.
        ("fields.nama && true", "fields.nama"),
        ("true || fields.umur", "fields.umur"),
        ("!fields.nama", "fields.nama"),
        ("-fields.nama == ''", "fields.nama"),
        ("fields.nama ? true : false", "fields.nama"),
        ("size(fields.jumlah) > 1", "fields.jumlah"),
        ("size(fields.mendesak) > 1", "fields.mendesak"),
        ("matches(fields.umur, 'a')", "fields.umur"),
        ("fields.nik.matches(fields.umur)", "fields.umur"),
        ("date(fields.umur) == date('2024-01-01')", "fields.umur"),
        ("int(fields.mendesak) == 1", "fields.mendesak"),
        ("string(fields.lampiran) == ''", "fields.lampiran"),
        ("['a', 1] == []", "1"),
        // Literals that cannot be what they claim: at the literal.
        ("fields.tanggal_kejadian >= date('2024-13-45')", "'2024-13-45'"),
        ("fields.tanggal_kejadian >= date('2023-02-29')", "'2023-02-29'"),
        ("fields.tanggal_kejadian >= date('1 Maret 2024')", "'1 Maret 2024'"),
        ("int('dua') == 2", "'dua'"),
        ("double('nan') == 2.0", "'nan'"),
        ("channel == 'instagramm'", "'instagramm'"),
        ("'faks' != channel", "'faks'"),
        ("fields.status == 'batal'", "'batal'"),
        ("channel in ['email', 'faks']", "'faks'"),
        ("'batal' in [fields.status]", "'batal'"),
    ])
    func typeError(source: String, marker: String) {
        let found = errors(source)
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.kind == .type)
        #expect(found.first?.offset == offset(of: marker, in: source), "\(found)")
        #expect(found.first?.length == (marker.unicodeScalars.count), "\(found)")
    }

    @Test("an unknown field suggests the closest declared one")
    func unknownFieldSuggestion() throws {
        let error = try #require(errors("has(fields.telpon)").first)
        #expect(error.message.en.contains("telpon"))
        #expect(error.hint?.en.contains("'telepon'") == true)
        // Nothing close: the hint lists the fields there are.
        #expect(errors("fields.xyzzy == ''").first?.hint?.en.hasPrefix("known: fields.jumlah, fields.lampiran") == true)
    }

    @Test("an unknown identifier suggests a close variable, or the field of that name")
    func unknownIdentifierSuggestion() {
        #expect(errors("chanel == 'email'").first?.hint?.en.contains("'channel'") == true)
        #expect(errors("nama == 'Siti'").first?.hint?.en.contains("fields.nama") == true)
    }

    @Test("a value outside an enumeration lists the allowed values and suggests the closest")
    func enumerationHint() throws {
        let error = try #require(errors("channel == 'instagramm'").first)
        let hint = try #require(error.hint?.en)
        #expect(hint.contains("did you mean 'instagram'?"))
        for value in ["email", "telepon", "instagram", "langsung"] { #expect(hint.contains("'\(value)'")) }
        let far = try #require(errors("channel == 'merpati'").first?.hint?.en)
        #expect(!far.contains("did you mean"))
        #expect(far.contains("'langsung'"))
    }

    @Test("comparing with null suggests has()")
    func nullHint() {
        #expect(errors("fields.telepon != null").first?.hint?.en.contains("has(") == true)
    }

    @Test("an enumeration behaves like a string otherwise", arguments: [
        "channel == 'email'",
        "channel in ['email', 'telepon']",
        "channel == fields.nama",
        "fields.status != channel",
        "channel < 'm'",
        "size(channel) > 3",
        "channel.matches('^e')",
        "channel + '-x' == 'email-x'",
        "'email' in [channel, fields.status]",
    ])
    func enumerationAsString(source: String) throws {
        _ = try compiled(source)
    }

    @Test("int and double compare and combine with each other", arguments: [
        "fields.jumlah > 3",
        "fields.umur == 42.0",
        "fields.umur + fields.jumlah > 1",
        "[1, 2.5] == [1.0, 2.5]",
        "(fields.mendesak ? 1 : 2.5) > 0",
    ])
    func numbers(source: String) throws {
        _ = try compiled(source)
    }

    @Test("a rule must be of type bool", arguments: [
        ("size(fields.nama)", "int"),
        ("fields.nama", "string"),
        ("fields.jumlah * 2", "double"),
        ("date('2024-01-01')", "date"),
        ("null", "null"),
        ("['a']", "list(string)"),
        ("(channel)", "enum"),
    ])
    func notBool(source: String, typeName: String) throws {
        let found = errors(source)
        #expect(found.count == 1)
        let error = try #require(found.first)
        #expect(error.kind == .type)
        #expect(error.offset == 0)
        #expect(error.length == source.unicodeScalars.count)
        #expect(error.message.en == "a rule must be true or false (bool), this is \(typeName)")
    }

    @Test("all type errors are reported, ordered by offset, without cascades")
    func allErrors() {
        let source = "fields.telpon == 1 && chanel == 'x' && size(fields.umur) > 0 && fields.umur > fields.nama"
        let found = errors(source)
        #expect(found.map(\.kind) == [.type, .type, .type, .type])
        #expect(found.map(\.offset) == [
            offset(of: "telpon", in: source),
            offset(of: "chanel", in: source),
            offset(of: "fields.umur", in: source),
            offset(of: "> fields.nama", in: source),
        ])
        #expect(errors("fields.telpon > 3 && size(fields.telpon + 1) > 0").count == 2)
    }

    @Test("a literal pattern is checked when the rule compiles", arguments: [
        (#"fields.nik.matches(r'[0-9')"#, 0),
        (#"fields.nik.matches(r'(ab')"#, 0),
        (#"fields.nik.matches(r'ab)')"#, 2),
        (#"fields.nik.matches(r'a**')"#, 2),
        (#"fields.nik.matches(r'*a')"#, 0),
        (#"fields.nik.matches(r'a{3,1}')"#, 1),
        (#"fields.nik.matches(r'a{1001}')"#, 1),
        (#"fields.nik.matches(r'(a)\1')"#, 3),
        (#"fields.nik.matches(r'(?=a)')"#, 0),
        (#"fields.nik.matches(r'\pL')"#, 0),
        (#"fields.nik.matches(r'\q')"#, 0),
        (#"fields.nik.matches(r'[z-a]')"#, 1),
        (#"fields.nik.matches(r'[[:letters:]]')"#, 1),
        (#"fields.nik.matches(r'(?<x)')"#, 0),
        (#"fields.nik.matches(r'(?z)')"#, 0),
        (#"fields.nik.matches('\\')"#, -1),
    ])
    func invalidPattern(source: String, patternOffset: Int) throws {
        let found = errors(source)
        #expect(found.count == 1)
        let error = try #require(found.first)
        #expect(error.kind == .type)
        if patternOffset >= 0 {
            #expect(error.offset == offset(of: "r'", in: source) + 2 + patternOffset, "\(error)")
            #expect(error.length == 1)
        } else {
            #expect(error.offset == offset(of: "'", in: source))
        }
    }

    @Test("a pattern is bounded in length and in size")
    func patternLimits() throws {
        _ = try compiled("fields.nik.matches('\(String(repeating: "a", count: 200))')")
        #expect(errors("fields.nik.matches('\(String(repeating: "a", count: 201))')").map(\.kind) == [.type])
        #expect(errors("fields.nik.matches('((a{100}){100}){100}')").map(\.kind) == [.type])
        // Repeats of an empty item emit nothing; compiling them must still be bounded.
        #expect(errors("fields.nik.matches('((((){1000}){1000}){1000}){1000}')").map(\.kind) == [.type])
        #expect(errors("fields.nik.matches('(((a{0}){1000}){1000}){1000}')").map(\.kind) == [.type])
        let nested = String(repeating: "(", count: 51) + "a" + String(repeating: ")", count: 51)
        #expect(errors("fields.nik.matches('\(nested)')").map(\.kind) == [.type])
    }

    @Test("a variable of any declared type can be used")
    func otherVariables() throws {
        let environment = RuleEnvironment(variables: [
            "kuota": .int, "hari": .list(.string), "kasus": .object(["prioritas": .bool]),
        ])
        let rule = try RuleCompiler.compile("kuota > 3 && 'senin' in hari && kasus.prioritas", in: environment).get()
        #expect(rule.referencedVariables == ["kuota", "hari", "kasus"])
        #expect(rule.referencedFields.isEmpty)
        let context = RuleContext(variables: [
            "kuota": .int(4), "hari": .list([.string("senin")]), "kasus.prioritas": .bool(true),
        ])
        #expect(try rule.evaluate(in: context))
    }

    @Test("a rule lists the fields it reads")
    func referencedFields() throws {
        let rule = try compiled("has(fields.telepon) && size(fields.uraian) >= 10 && fields.telepon != '' && channel == 'email'")
        #expect(rule.referencedFields == ["telepon", "uraian"])
        #expect(rule.referencedVariables == ["channel"])
    }

    @Test("compiling the same text twice gives equal rules")
    func equality() throws {
        #expect(try compiled("fields.nik.matches('^[0-9]{16}$')") == compiled("fields.nik.matches('^[0-9]{16}$')"))
        #expect(try compiled("fields.umur > 1") != compiled("fields.umur > 2"))
    }

    @Test("type descriptions are the names messages use")
    func descriptions() {
        #expect(RuleType.bool.description == "bool")
        #expect(RuleType.enumeration(["a"]).description == "enum")
        #expect(RuleType.list(.string).description == "list(string)")
        #expect(RuleType.object([:]).description == "fields")
        #expect(RuleType.date.description == "date")
    }
}

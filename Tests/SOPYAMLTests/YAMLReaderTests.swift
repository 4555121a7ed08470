import SOPCore
import Testing
@testable import SOPYAML
import SOPTestSupport

@Suite("YAMLReader: building the tree")
struct YAMLReaderTreeTests {
    @Test func buildsMappingsAndSequencesWithLocations() throws {
        let marked = MarkedText("""
            1️⃣kind: 2️⃣Workflow
            3️⃣steps:
              4️⃣- 5️⃣id: terima
                actor: 6️⃣"petugas"
              - 7️⃣{id: periksa, next: [8️⃣a, b]}
            """)
        let result = parse(marked.text)
        #expect(result.diagnostics.isEmpty)
        let root = try #require(result.root)
        #expect(root.location == marked["1️⃣"])
        guard case .mapping(let entries) = root.content else {
            Issue.record("root is not a mapping")
            return
        }
        #expect(entries.map(\.key) == ["kind", "steps"])
        #expect(entries.map(\.keyLocation) == [marked["1️⃣"], marked["3️⃣"]])
        #expect(root["kind"]?.scalar == "Workflow")
        #expect(root["kind"]?.location == marked["2️⃣"])

        let steps = try #require(root["steps"])
        #expect(steps.typeName.en == "list")
        #expect(steps.location == marked["4️⃣"])
        guard case .sequence(let items) = steps.content else {
            Issue.record("steps is not a sequence")
            return
        }
        #expect(items.count == 2)
        #expect(items[0].location == marked["5️⃣"])
        #expect(items[0]["actor"]?.scalar == "petugas")
        #expect(items[0]["actor"]?.location == marked["6️⃣"])
        #expect(items[1].location == marked["7️⃣"])
        #expect(items[1]["next"]?.typeName.en == "list")
        guard case .sequence(let next)? = items[1]["next"]?.content else {
            Issue.record("next is not a sequence")
            return
        }
        #expect(next.first?.location == marked["8️⃣"])
    }

    @Test func keepsScalarStylesAndPointsAtQuotesAndIndicators() throws {
        let marked = MarkedText("""
            plain: 1️⃣kata
            single: 2️⃣'satu'
            double: 3️⃣"dua"
            literal: 4️⃣|
              baris satu
              baris dua
            folded: 5️⃣>
              dilipat
              jadi satu
            """)
        let result = parse(marked.text)
        #expect(result.diagnostics.isEmpty)
        let root = try #require(result.root)
        #expect(root["plain"]?.content == .scalar("kata", style: .plain))
        #expect(root["single"]?.content == .scalar("satu", style: .singleQuoted))
        #expect(root["double"]?.content == .scalar("dua", style: .doubleQuoted))
        #expect(root["literal"]?.content == .scalar("baris satu\nbaris dua\n", style: .literal))
        #expect(root["folded"]?.content == .scalar("dilipat jadi satu", style: .folded))
        #expect(root["plain"]?.location == marked["1️⃣"])
        #expect(root["single"]?.location == marked["2️⃣"])
        #expect(root["double"]?.location == marked["3️⃣"])
        #expect(root["literal"]?.location == marked["4️⃣"])
        #expect(root["folded"]?.location == marked["5️⃣"])
    }

    @Test(arguments: ["yes", "no", "015", "2023-09-11", "1e3", "0x1F", "true", "3.50", "07:30-16:00", "+62 21 555"])
    func keepsScalarTextWithoutImplicitTyping(_ value: String) throws {
        let root = try #require(parse("value: \(value)\n").root)
        #expect(root["value"]?.scalar == value)
        #expect(root["value"]?.tag == nil)
    }

    @Test func keepsStandardTags() throws {
        let root = try #require(parse("a: !!str 5\nb: !!int 7\nc: !!map {x: 1}\nd: 8\n").root)
        #expect(root["a"]?.scalar == "5")
        #expect(root["a"]?.tag == "tag:yaml.org,2002:str")
        #expect(root["b"]?.tag == "tag:yaml.org,2002:int")
        #expect(root["c"]?.tag == "tag:yaml.org,2002:map")
        #expect(root["d"]?.tag == nil)
    }

    @Test(arguments: [
        ("a:", true), ("a: ~", true), ("a: null", true), ("a: Null", true), ("a: NULL", true),
        ("a: !!null", true), ("a: 'null'", false), ("a: \"~\"", false), ("a: nil", false),
        ("a: !!str", false), ("a: nULL", false), ("a: []", false),
    ])
    func recognisesNull(_ text: String, isNull: Bool) throws {
        let root = try #require(parse(text).root)
        #expect(root["a"]?.isNull == isNull)
    }

    @Test func conveniencesOnEachKindOfNode() throws {
        let root = try #require(parse("t: kata\nl: [1]\nm: {k: v}\n").root)
        #expect(root.typeName.en == "mapping")
        #expect(root["t"]?.typeName.en == "text")
        #expect(root["l"]?.typeName.en == "list")
        #expect(root["m"]?.typeName.en == "mapping")
        #expect(root["l"]?.scalar == nil)
        #expect(root["t"]?["k"] == nil)
        #expect(root["l"]?["k"] == nil)
        #expect(root["m"]?["k"]?.scalar == "v")
        #expect(root["missing"] == nil)
    }

    @Test func indonesianTextRoundTrips() throws {
        let value = "Pengisian formulir pengaduan — “kutip” oleh petugas (± 15 menit) ✅"
        let root = try #require(parse("""
            nama: \(value)
            kutip: "\(value)"
            'langkah pertama': '\(value)'
            daftar: [Pemeriksaan berkas — tahap 2]
            """).root)
        #expect(root["nama"]?.scalar == value)
        #expect(root["kutip"]?.scalar == value)
        #expect(root["langkah pertama"]?.scalar == value)
        #expect(root["daftar"] == YAMLNode(
            .sequence([YAMLNode(.scalar("Pemeriksaan berkas — tahap 2", style: .plain), at: at(4, 10))]),
            at: at(4, 9)))
    }

    @Test func columnsCountCharactersNotBytes() throws {
        // "é" is two bytes, "😀" four, "“" three; each counts as one column.
        let marked = MarkedText("""
            é: 1️⃣x
            b: [😀, 2️⃣y, {é: “q”, 3️⃣kunci: 4️⃣z}]
            “kutip”: 5️⃣nilai
            """)
        let result = parse(marked.text)
        #expect(result.diagnostics.isEmpty)
        let root = try #require(result.root)
        #expect(root["é"]?.location == marked["1️⃣"])
        guard case .sequence(let items)? = root["b"]?.content, items.count == 3 else {
            Issue.record("b is not a list of three")
            return
        }
        #expect(items[1].location == marked["2️⃣"])
        guard case .mapping(let entries) = items[2].content else {
            Issue.record("third item is not a mapping")
            return
        }
        #expect(entries.last?.keyLocation == marked["3️⃣"])
        #expect(entries.last?.value.location == marked["4️⃣"])
        #expect(root["“kutip”"]?.location == marked["5️⃣"])
        #expect(marked["5️⃣"] == at(3, 10))
    }

    @Test func errorColumnsCountCharactersToo() {
        // The duplicate key stands after an emoji and an accented letter on the same line.
        let marked = MarkedText("{😀: 1, é: 2, 1️⃣😀: 3}")
        let result = parse(marked.text)
        #expect(result.codes == ["SOP0102"])
        #expect(result.diagnostics.first?.location == marked["1️⃣"])
        #expect(marked["1️⃣"] == at(1, 14))
    }

    @Test func byteOrderMarkIsAllowedAndDropped() throws {
        let result = parse(bytes: [0xEF, 0xBB, 0xBF] + Array("a: 1\nb: [x]\n".utf8))
        #expect(result.diagnostics.isEmpty)
        let root = try #require(result.root)
        #expect(root.location == at(1, 1))
        #expect(root["b"]?.location == at(2, 4))
        #expect(result.text == "a: 1\nb: [x]\n")
    }

    @Test func windowsLineEndings() throws {
        let result = parse("a: 1\r\nb:\r\n  - x\r\n")
        #expect(result.diagnostics.isEmpty)
        let root = try #require(result.root)
        #expect(root["a"]?.scalar == "1")
        guard case .mapping(let entries) = root.content else {
            Issue.record("root is not a mapping")
            return
        }
        #expect(entries.last?.keyLocation == at(2, 1))
        #expect(root["b"]?.location == at(3, 3))
    }

    @Test func mergeKeysAreOrdinaryKeys() throws {
        let root = try #require(parse("""
            dasar: &dasar {x: 1}
            langkah:
              <<: *dasar
              y: 2
            """).root)
        let step = try #require(root["langkah"])
        #expect(step["<<"]?["x"]?.scalar == "1")
        #expect(step["x"] == nil)
        #expect(step["y"]?.scalar == "2")
    }

    @Test func aliasesShareTheAnchoredNode() throws {
        let marked = MarkedText("""
            a: 1️⃣&orang {nama: Budi, umur: 40}
            b: 2️⃣*orang
            c: [*orang, 3️⃣&kata kata, *kata]
            """)
        let result = parse(marked.text)
        #expect(result.diagnostics.isEmpty)
        let root = try #require(result.root)
        let person = try #require(root["a"])
        #expect(person.location == marked["1️⃣"])
        #expect(root["b"] == person)
        guard case .sequence(let items)? = root["c"]?.content else {
            Issue.record("c is not a list")
            return
        }
        #expect(items == [person, items[1], items[1]])
        #expect(items[1].scalar == "kata")
        #expect(items[1].location == marked["3️⃣"])
    }

    @Test func anAliasMayBeAKey() throws {
        let root = try #require(parse("a: &k nama\n*k : Budi\n").root)
        #expect(root["nama"]?.scalar == "Budi")
    }

    @Test func diagnosticsCarryTheirSourceLine() {
        let result = parse("id: a\nid: b\n")
        #expect(result.diagnostics.first?.sourceLine == "id: b")
    }
}

@Suite("YAMLReader: problems in the text")
struct YAMLReaderProblemTests {
    @Test(arguments: ["", "   ", "\n\n\n", "# komentar\n# lagi\n", "  \n \n  # x", "---\n", "--- # kosong\n...\n"])
    func emptyFileIsReported(_ text: String) {
        let result = parse(text)
        #expect(result.codes == ["SOP0003"])
        #expect(result.diagnostics.first?.location == at(1, 1))
        #expect(result.root == nil)
    }

    @Test func byteOrderMarkAloneIsEmpty() {
        let result = parse(bytes: [0xEF, 0xBB, 0xBF])
        #expect(result.codes == ["SOP0003"])
    }

    @Test func nullRootIsNotEmpty() {
        #expect(parse("~\n").codes.isEmpty)
        #expect(parse("~\n").root?.isNull == true)
    }

    @Test func nulBytesAreBinary() {
        let result = parse(bytes: Array("a: 1\néb: ".utf8) + [0x00, 0x01, 0x02])
        #expect(result.codes == ["SOP0002"])
        #expect(result.diagnostics.first?.location == at(2, 5))
        #expect(result.root == nil)
        #expect(result.text == nil)
    }

    @Test(arguments: [
        // A lone continuation byte after a two-byte letter: column 3, not byte 4.
        ([0x61, 0xC3, 0xA9, 0x80], 1, 3),
        // A byte that is never UTF-8, on the second line.
        (Array("a: 1\nb: x".utf8) + [0xFF], 2, 5),
        // A truncated four-byte sequence after an emoji.
        (Array("k: 😀".utf8) + [0xF0, 0x9F, 0x98], 1, 5),
        // Latin-1 text ("café").
        ([0x63, 0x61, 0x66, 0xE9], 1, 4),
        // An encoded surrogate.
        ([0x20, 0xED, 0xA0, 0x80], 1, 2),
        // An overlong encoding of "/".
        ([0x61, 0x0A, 0xC0, 0xAF], 2, 1),
    ] as [([UInt8], Int, Int)])
    func invalidUTF8IsReportedAtTheFirstBadByte(_ bytes: [UInt8], line: Int, column: Int) {
        let result = parse(bytes: bytes)
        #expect(result.codes == ["SOP0002"])
        #expect(result.diagnostics.first?.location == at(line, column))
        #expect(result.root == nil)
    }

    @Test(arguments: [
        [0xFF, 0xFE, 0x61, 0x00, 0x3A, 0x00],
        [0xFE, 0xFF, 0x00, 0x61, 0x00, 0x3A],
        [0xFF, 0xFE, 0x00, 0x00, 0x61, 0x00, 0x00, 0x00],
    ] as [[UInt8]])
    func utf16AndUTF32AreRefused(_ bytes: [UInt8]) {
        let result = parse(bytes: bytes)
        #expect(result.codes == ["SOP0002"])
        #expect(result.diagnostics.first?.location == at(1, 1))
    }

    @Test func utf16WithoutByteOrderMarkIsRefusedAtItsFirstNul() {
        let result = parse(bytes: Array("a: 1\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        #expect(result.codes == ["SOP0002"])
        #expect(result.diagnostics.first?.location == at(1, 2))
    }

    @Test(arguments: ["\u{01}", "\u{1B}", "\u{7F}", "\u{80}", "\u{9F}", "\u{FFFE}"])
    func controlCharactersAreRefused(_ character: String) {
        let result = parse("a: 1\nb: é\(character)\n")
        #expect(result.codes == ["SOP0002"])
        #expect(result.diagnostics.first?.location == at(2, 5))
    }

    @Test func allowedUnusualCharactersParse() {
        // Tab inside a value, NEL, no-break space and a supplementary-plane character are text.
        let result = parse("a: \"x\ty\"\nb: a\u{A0}b 𝄞\n")
        #expect(result.codes.isEmpty)
        #expect(result.root?["b"]?.scalar == "a\u{A0}b 𝄞")
    }

    @Test func syntaxErrorUsesLibyamlsProblemAndMark() {
        let result = parse("key: value\nother\nthird: x\n")
        #expect(result.codes == ["SOP0101"])
        let diagnostic = result.diagnostics.first
        #expect(diagnostic?.location == at(3, 1))
        #expect(diagnostic?.message.en == "could not find expected ':' while scanning a simple key")
        #expect(diagnostic?.notes.map(\.location) == [at(2, 1)])
        #expect(result.root == nil)
    }

    @Test(arguments: [
        ("a: b: c\n", 1, 5),
        ("a: [1, 2\nb: 3\n", 2, 2),
        ("a: 'unterminated\n", 2, 1),
        ("- a\nb: c\n", 2, 1),
        ("a: 1\n b: 2\n", 2, 3),
        ("a: \"\\q\"\n", 1, 5),
        ("a: *\n", 1, 5),
        ("%YAML 1.1\n", 2, 1),
        ("a: @b\n", 1, 4),
        ("]\n", 1, 1),
    ] as [(String, Int, Int)])
    func syntaxErrorsArePlaced(_ text: String, line: Int, column: Int) {
        let result = parse(text)
        #expect(result.codes == ["SOP0101"])
        #expect(result.diagnostics.first?.location == at(line, column))
        #expect(result.root == nil)
    }

    @Test(arguments: [
        ("a:\n\tb: 1\n", 2, 1),
        ("a:\n  b: 1\n \tc: 2\n", 3, 2),
        ("steps:\n  - id: a\n\t  next: b\n", 3, 1),
        ("x: 1\n\ty: 2\n", 2, 1),
        ("- a\n-\tb\n", 2, 2),
        ("a:\n  - b\n  \t- c\n", 3, 3),
        // libyaml refuses even a blank line that holds a tab.
        ("a: 1\n\t\nb: 2\n", 2, 1),
    ] as [(String, Int, Int)])
    func tabsInIndentationAreReportedAtTheTab(_ text: String, line: Int, column: Int) {
        let result = parse(text)
        #expect(result.codes == ["SOP0107"])
        #expect(result.diagnostics.first?.location == at(line, column))
    }

    @Test func tabsLibyamlAcceptsAreFine() {
        #expect(parse("a:\t1\nb: [x,\tc]\n").codes.isEmpty)
    }

    @Test func everyDuplicateKeyIsReportedAndTheFirstValueKept() throws {
        let result = parse("""
            id: a
            steps: 1
            nama: x
            steps: 2
            sub:
              k: 1
              k: 2
            steps: 3
            flow: {a: 1, b: 2, a: 3}
            """)
        #expect(result.codes == ["SOP0102", "SOP0102", "SOP0102", "SOP0102"])
        #expect(result.diagnostics.map(\.location) == [at(4, 1), at(7, 3), at(8, 1), at(9, 20)])
        #expect(result.diagnostics.map { $0.notes.map(\.location) } == [[at(2, 1)], [at(6, 3)], [at(2, 1)], [at(9, 8)]])
        let root = try #require(result.root)
        #expect(root["steps"]?.scalar == "1")
        #expect(root["sub"]?["k"]?.scalar == "1")
        #expect(root["flow"]?["a"]?.scalar == "1")
        guard case .mapping(let entries) = root.content else {
            Issue.record("root is not a mapping")
            return
        }
        #expect(entries.map(\.key) == ["id", "steps", "nama", "sub", "flow"])
    }

    @Test func duplicatesInsideADuplicatesValueAreReportedToo() {
        let result = parse("a: 1\na:\n  b: 1\n  b: 2\n")
        #expect(result.codes == ["SOP0102", "SOP0102"])
        #expect(result.diagnostics.map(\.location) == [at(2, 1), at(4, 3)])
    }

    @Test(arguments: [
        ("? [a, b]\n: x\nok: 1\n", 1, 3),
        ("{a: 1}: x\nok: 1\n", 1, 1),
        ("? - a\n: x\nok: 1\n", 1, 3),
        ("ok: 1\n[a]: x\n", 2, 1),
    ] as [(String, Int, Int)])
    func keysThatAreNotTextAreReported(_ text: String, line: Int, column: Int) throws {
        let result = parse(text)
        #expect(result.codes == ["SOP0108"])
        #expect(result.diagnostics.first?.location == at(line, column))
        let root = try #require(result.root)
        guard case .mapping(let entries) = root.content else {
            Issue.record("root is not a mapping")
            return
        }
        #expect(entries.map(\.key) == ["ok"])
    }

    @Test func secondDocumentIsReportedAndNotRead() throws {
        let result = parse("a: 1\n---\nb: [\n")
        #expect(result.codes == ["SOP0104"])
        #expect(result.diagnostics.first?.location == at(2, 1))
        #expect(try #require(result.root)["a"]?.scalar == "1")
    }

    @Test func secondDocumentAfterAnEndMarker() {
        let result = parse("---\na: 1\n...\n---\nb: 2\n")
        #expect(result.codes == ["SOP0104"])
        #expect(result.diagnostics.first?.location == at(4, 1))
    }

    @Test func explicitStartOfASingleDocumentIsFine() {
        let result = parse("---\na: 1\n...\n")
        #expect(result.codes.isEmpty)
        #expect(result.root?["a"]?.scalar == "1")
    }

    @Test func nonStandardTagsAreReportedAndTheirNodesDropped() throws {
        let result = parse("""
            a: !custom x
            b: !!python/object {c: 1}
            c: ! y
            d: [1, !rahasia 2, 3]
            e: !!str 5
            !kunci f: 6
            """)
        #expect(result.codes == ["SOP0105", "SOP0105", "SOP0105", "SOP0105", "SOP0105"])
        #expect(result.diagnostics.map(\.location) == [at(1, 4), at(2, 4), at(3, 4), at(4, 8), at(6, 1)])
        let root = try #require(result.root)
        guard case .mapping(let entries) = root.content else {
            Issue.record("root is not a mapping")
            return
        }
        #expect(entries.map(\.key) == ["d", "e"])
        guard case .sequence(let items)? = root["d"]?.content else {
            Issue.record("d is not a list")
            return
        }
        #expect(items.compactMap(\.scalar) == ["1", "3"])
    }

    @Test func nonStandardTagOnTheRootLeavesNoRoot() {
        let result = parse("!workflow\nid: a\n")
        #expect(result.codes == ["SOP0105"])
        #expect(result.diagnostics.first?.location == at(1, 1))
        #expect(result.root == nil)
    }

    @Test func aliasOfADroppedNodeIsSilentlyDropped() throws {
        let result = parse("a: &x !custom 1\nb: *x\nc: 2\n")
        #expect(result.codes == ["SOP0105"])
        #expect(try #require(result.root)["c"]?.scalar == "2")
    }

    @Test func aliasToAnUnknownAnchorIsReported() throws {
        let result = parse("a: 1\nb: *tidakada\nc: [*juga]\n")
        #expect(result.codes == ["SOP0103", "SOP0103"])
        #expect(result.diagnostics.map(\.location) == [at(2, 4), at(3, 5)])
        let root = try #require(result.root)
        #expect(root["b"] == nil)
        #expect(root["a"]?.scalar == "1")
    }

    @Test func anchorIsNotVisibleInsideItself() {
        let result = parse("a: &x [*x]\n")
        #expect(result.codes == ["SOP0103"])
        #expect(result.diagnostics.first?.location == at(1, 8))
    }

    @Test func everyLocationIsOneBased() {
        for text in ["", "\u{0}", "]", "a: *b", "a:\n\tb", "a: 1\n---\n"] {
            for diagnostic in parse(text).diagnostics {
                #expect(diagnostic.location.line >= 1)
                #expect(diagnostic.location.column >= 1)
                #expect(diagnostic.location.file == "test.yaml")
            }
        }
    }
}

/// Two texts that say the same, or not, whatever their comments and layout.
@Suite("YAML: the same document in other comments and layout")
struct SaysTheSameTests {
    func root(_ text: String) throws -> YAMLNode { try #require(YAMLReader.parse(text, file: "x.yaml").root) }

    @Test("comments, blank lines, indentation and flow or block style of collections make no difference")
    func same() throws {
        let base = try root("id: a\nsteps:\n  - { id: b, budget: 15 menit }\n")
        let other = try root("# a comment\nid: a   # and another\n\nsteps:\n    -   id: b\n        budget: 15 menit\n")
        #expect(base.saysTheSame(as: other))
    }

    @Test("another value, key order, scalar style, tag or list says something else", arguments: [
        "id: a\nsteps:\n  - { id: b, budget: 16 menit }\n",
        "steps:\n  - { id: b, budget: 15 menit }\nid: a\n",
        "id: 'a'\nsteps:\n  - { id: b, budget: 15 menit }\n",
        "id: !!str a\nsteps:\n  - { id: b, budget: 15 menit }\n",
        "id: a\nsteps:\n  - { id: b, budget: 15 menit }\n  - { id: c, budget: 1 jam }\n",
        "id: a\nsteps: { id: b, budget: 15 menit }\n",
    ])
    func different(_ text: String) throws {
        #expect(!(try root("id: a\nsteps:\n  - { id: b, budget: 15 menit }\n")).saysTheSame(as: try root(text)))
    }
}

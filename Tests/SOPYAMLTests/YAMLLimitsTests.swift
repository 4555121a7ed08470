import SOPCore
import SOPTestSupport
import Testing
@testable import SOPYAML

@Suite("YAMLReader: limits")
struct YAMLLimitsTests {
    /// The classic "billion laughs": nine levels of nine aliases each, 9⁹ nodes once expanded.
    static let billionLaughs: String = {
        var lines = ["lol0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        for level in 1...9 {
            let aliases = Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ")
            lines.append("lol\(level): &a\(level) [\(aliases)]")
        }
        return lines.joined(separator: "\n") + "\n"
    }()

    @Test func billionLaughsIsRefusedQuickly() {
        let clock = ContinuousClock()
        let start = clock.now
        let result = parse(Self.billionLaughs)
        let elapsed = clock.now - start
        #expect(result.codes == ["SOP0103"])
        // lol5's first alias: 1 + 10 + 10·10 + … passes 100,000 there.
        #expect(result.diagnostics.first?.location == at(6, 12))
        #expect(result.root == nil)
        #expect(elapsed < .seconds(1))
    }

    @Test func expansionIsCountedAcrossTheDocument() {
        // root 1 + key 1 + list 5 = 7; key b = 8; *a adds 5 → 13 > 10.
        let limits = YAMLLimits(maxExpandedNodes: 10)
        let result = parse("a: &a [1, 2, 3, 4]\nb: *a\nc: *a\n", limits: limits)
        #expect(result.codes == ["SOP0103"])
        #expect(result.diagnostics.first?.location == at(2, 4))
        #expect(result.root == nil)
    }

    @Test func expansionWithinTheLimitIsBuilt() throws {
        // root 1 + key 1 + list 5 + key 1 + alias 5 = 13.
        let limits = YAMLLimits(maxExpandedNodes: 13)
        let result = parse("a: &a [1, 2, 3, 4]\nb: *a\n", limits: limits)
        #expect(result.codes.isEmpty)
        let root = try #require(result.root)
        #expect(root["b"] == root["a"])
    }

    @Test func manyPlainNodesAreNotAnAliasProblem() {
        let items = Array(repeating: "x", count: 2_000).joined(separator: ", ")
        let result = parse("a: [\(items)]\n", limits: YAMLLimits(maxExpandedNodes: 100))
        #expect(result.codes.isEmpty)
    }

    @Test func deeplyNestedFlowSequencesAreRefused() {
        let text = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let result = parse(text)
        #expect(result.codes == ["SOP0106"])
        // The 65th "[" is the first collection beyond 64 levels.
        #expect(result.diagnostics.first?.location == at(1, 65))
        #expect(result.root == nil)
    }

    @Test func deeplyNestedBlockMappingsAreRefused() {
        // Level k (from 0) is "a:" indented by k spaces: about 50 MB, so the size limit is raised.
        var text = ""
        text.reserveCapacity(50_100_000)
        for level in 0..<10_000 {
            text += String(repeating: " ", count: level) + "a:\n"
        }
        let result = parse(text, limits: YAMLLimits(maxFileBytes: 64 << 20))
        #expect(result.codes == ["SOP0106"])
        #expect(result.diagnostics.first?.location == at(65, 65))
        #expect(result.root == nil)
    }

    @Test func deeplyNestedBlockSequencesAreRefused() {
        let text = String(repeating: "- ", count: 10_000) + "x\n"
        let result = parse(text)
        #expect(result.codes == ["SOP0106"])
        #expect(result.diagnostics.first?.location == at(1, 129))
    }

    @Test func nestingAtTheLimitIsBuilt() throws {
        let text = String(repeating: "[", count: 64) + "x" + String(repeating: "]", count: 64)
        let result = parse(text)
        #expect(result.codes.isEmpty)
        var node = try #require(result.root)
        var depth = 0
        while case .sequence(let items) = node.content, let first = items.first {
            depth += 1
            node = first
        }
        #expect(depth == 64)
        #expect(node.scalar == "x")
    }

    @Test func aliasThatWouldNestTooDeepIsRefused() {
        // b's list is at depth 2; the alias adds two more levels: 4 > 3.
        let result = parse("a: &a [[1]]\nb: [*a]\n", limits: YAMLLimits(maxDepth: 3))
        #expect(result.codes == ["SOP0106"])
        #expect(result.diagnostics.first?.location == at(2, 5))
        #expect(result.root == nil)
    }

    /// libyaml itself must survive 10,000 levels, whatever our own limit is.
    @Test(arguments: [
        String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000),
        String(repeating: "{a: ", count: 10_000) + "x" + String(repeating: "}", count: 10_000),
        String(repeating: "- ", count: 10_000) + "x\n",
    ])
    func libyamlSurvivesTenThousandLevels(_ text: String) throws {
        let parser = try #require(LibYAMLParser(bytes: Array(text.utf8)))
        var starts = 0
        var ends = 0
        loop: while true {
            switch parser.next() {
            case .sequenceStart, .mappingStart: starts += 1
            case .sequenceEnd, .mappingEnd: ends += 1
            case .failure(let failure):
                Issue.record("libyaml failed: \(failure)")
                break loop
            case .streamEnd: break loop
            default: continue
            }
        }
        #expect(starts == 10_000)
        #expect(ends == 10_000)
        // Asking again after the end is harmless.
        guard case .streamEnd = parser.next() else {
            Issue.record("expected the end of the stream again")
            return
        }
    }

    @Test func tenThousandLevelsBuildIterativelyWhenAllowed() throws {
        let text = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let result = parse(text, limits: YAMLLimits(maxDepth: 20_000))
        #expect(result.codes.isEmpty)
        #expect(result.root != nil)
    }

    @Test func textLargerThanTheLimitIsRefusedBeforeParsing() {
        let result = parse("a: [\n", limits: YAMLLimits(maxFileBytes: 4))
        #expect(result.codes == ["SOP0004"])
        #expect(result.diagnostics.first?.location == at(1, 1))
        #expect(result.isUnreadable == false)
    }

    @Test func noInputCrashes() {
        // Mutations of a real workflow: bytes replaced, cut, duplicated, with YAML's special
        // characters favoured. Every result must be a tree or diagnostics, never a trap.
        let seed = Array("""
            kind: Workflow
            id: &id pengaduan
            nama: "Pengaduan — “kutip”"
            steps:
              - id: terima
                actor: petugas
                next: [periksa, *id]
              - {id: periksa, end: selesai, catatan: |
                  baris
                }
            ? kunci
            : nilai
            """.utf8)
        let special = Array(":-?[]{},&*!|>'\"%@`#\t\n \u{0}".utf8) + [0xC3, 0xA9, 0xFF, 0xE2, 0x80]
        var generator = SeededGenerator(seed: TestSeeds.or([20_230_911])[0])
        for _ in 0..<3_000 {
            var bytes = seed
            for _ in 0..<Int.random(in: 1...6, using: &generator) {
                let index = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0..<4, using: &generator) {
                case 0: bytes[index] = special.randomElement(using: &generator) ?? 0
                case 1: bytes.insert(special.randomElement(using: &generator) ?? 0, at: index)
                case 2: bytes.removeSubrange(index..<min(bytes.count, index + Int.random(in: 1...8, using: &generator)))
                default: bytes.insert(contentsOf: bytes[index..<min(bytes.count, index + 20)], at: index)
                }
                if bytes.isEmpty { bytes = [0x20] }
            }
            let result = parse(bytes: bytes)
            for diagnostic in result.diagnostics {
                #expect(diagnostic.location.line >= 1 && diagnostic.location.column >= 1)
            }
            #expect(result.root != nil || result.diagnostics.hasErrors)
        }
    }
}

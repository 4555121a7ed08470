import Foundation
import Testing

/// The README's arrows between modules are the ones Package.swift declares: every target's
/// dependencies on the package's own modules (SOPCore, which all use, left out).
@Suite("README: the code layout's arrows are Package.swift's")
struct CodeLayoutTests {
    /// Each target of Package.swift (tests and test support left out) with the package's own
    /// modules it depends on.
    static func declared() throws -> [String: Set<String>] {
        let manifest = try String(contentsOf: SOPBinary.repositoryRoot.appendingPathComponent("Package.swift"), encoding: .utf8)
        var targets: [String: Set<String>] = [:]
        for chunk in manifest.components(separatedBy: ".target(").dropFirst()
            + manifest.components(separatedBy: ".executableTarget(").dropFirst() {
            guard let name = Self.quoted(in: chunk).first else { continue }
            guard let start = chunk.range(of: "dependencies: [") else { targets[name] = []; continue }
            // The list up to its closing bracket; products (`.product(name: …)`) are not modules.
            var depth = 1
            var list = ""
            for character in chunk[start.upperBound...] {
                if character == "[" { depth += 1 }
                if character == "]" { depth -= 1; if depth == 0 { break } }
                list.append(character)
            }
            let products = list.components(separatedBy: ".product(").dropFirst().compactMap { Self.quoted(in: $0).first }
            targets[name] = Set(Self.quoted(in: list)).subtracting(products).subtracting([
                "GRDB.swift", "swift-crypto", "swift-argument-parser", "async-http-client", "swift-nio", "postgres-nio", "swift-nio-ssl", "swift-log",
            ])
                .subtracting(["SOPCore"])
        }
        return targets.filter { $0.key != "SOPTestSupport" && $0.key != "SOPCore" && $0.key != "CYAML" }
    }

    /// The strings in double quotes, in order.
    static func quoted(in text: some StringProtocol) -> [String] {
        text.components(separatedBy: "\"").enumerated().compactMap { $0.offset % 2 == 1 ? $0.element : nil }
    }

    /// The README's arrows: `X → A, B (notes)`.
    static func drawn() throws -> [String: Set<String>] {
        let readme = try String(contentsOf: SOPBinary.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        var arrows: [String: Set<String>] = [:]
        for line in readme.components(separatedBy: "\n") where line.contains(" → ") && !line.hasPrefix(" ") {
            let parts = line.components(separatedBy: " → ")
            let name = parts[0].trimmingCharacters(in: .whitespaces)
            guard name.allSatisfy({ $0.isLetter || $0 == "-" }), name.first?.isUppercase == true || name.hasPrefix("sop") else { continue }
            let targets = parts[1].components(separatedBy: "(")[0]
            arrows[name] = Set(targets.components(separatedBy: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        }
        return arrows
    }

    @Test func arrowsMatchThePackage() throws {
        let declared = try Self.declared()
        let drawn = try Self.drawn()
        #expect(declared.count > 10)
        for (target, dependencies) in declared.sorted(by: { $0.key < $1.key }) where !dependencies.isEmpty {
            #expect(drawn[target] == dependencies, "README's arrows for \(target)")
        }
        for target in drawn.keys { #expect(declared[target] != nil, "README draws \(target), which Package.swift does not have") }
    }
}

import Testing
import SOPCore
import SOPValidation

/// `--against OLD`: the same SOP, a higher revision, and what breaks for cases in flight.
@Suite("Revisions")
struct RevisionTests {
    let steps = """
          - id: isi
            activity: Isi formulir
            actor: pelapor
            budget: 15 menit
            next: periksa
          - id: periksa
            activity: Periksa berkas
            actor: petugas
            budget: 10 menit
            end: selesai
        """

    @Test("a higher revision with the same steps is clean")
    func clean() throws {
        let folder = try TemporaryFolder()
        try folder.write("kalender.yaml", calendarText)
        let old = try folder.write("lama.yaml", workflowText(revision: 1, steps: steps))
        let new = try folder.write("baru.yaml", workflowText(revision: 2, steps: steps))
        let report = Validator.validate(paths: [new], against: old)
        #expect(report.diagnostics.filter { $0.severity != .info }.isEmpty, "\(report.diagnostics)")
    }

    @Test("a revision number that is not higher is an error")
    func notHigher() throws {
        let folder = try TemporaryFolder()
        try folder.write("kalender.yaml", calendarText)
        let old = try folder.write("lama.yaml", workflowText(revision: 3, steps: steps))
        let new = try folder.write("baru.yaml", workflowText(revision: 3, steps: steps))
        let report = Validator.validate(paths: [new], against: old)
        #expect(report.positions.contains("3:11 SOP0802"))
    }

    @Test("another SOP is refused")
    func otherWorkflow() throws {
        let folder = try TemporaryFolder()
        try folder.write("kalender.yaml", calendarText)
        let old = try folder.write("lama.yaml", workflowText(id: "lain", revision: 1, steps: steps))
        let new = try folder.write("baru.yaml", workflowText(revision: 2, steps: steps))
        let report = Validator.validate(paths: [new], against: old)
        #expect(report.positions.contains("2:5 SOP0801"))
    }

    @Test("removed and renamed steps are breaking for cases in flight")
    func removedAndRenamed() throws {
        let folder = try TemporaryFolder()
        try folder.write("kalender.yaml", calendarText)
        let old = try folder.write("lama.yaml", workflowText(revision: 1, steps: steps + """

              - id: arsip
                activity: Arsipkan
                actor: petugas
                budget: 5 menit
                end: selesai
            """))
        let renamed = steps.replacingOccurrences(of: "id: periksa", with: "id: periksa-berkas")
            .replacingOccurrences(of: "next: periksa", with: "next: periksa-berkas")
        let new = try folder.write("baru.yaml", workflowText(revision: 2, steps: renamed))
        let report = Validator.validate(paths: [new], against: old)
        let breaking = report.diagnostics.filter { $0.code == .stepRemoved }
        #expect(breaking.count == 2)
        #expect(breaking.contains { $0.message.en.contains("'periksa' was renamed to 'periksa-berkas'") })
        #expect(breaking.contains { $0.message.en.contains("'arsip' (Arsipkan) was removed") })
        #expect(breaking.allSatisfy { $0.severity == .warning })
    }

    @Test("an old file that holds no workflow is an error, not a silent pass")
    func oldIsNotAWorkflow() throws {
        let folder = try TemporaryFolder()
        let calendar = try folder.write("kalender.yaml", calendarText)
        let new = try folder.write("baru.yaml", workflowText(revision: 2, steps: steps))
        let report = Validator.validate(paths: [new], against: calendar)
        #expect(report.diagnostics.contains { $0.code == .revisionOtherWorkflow && $0.location.file == calendar })
    }

    @Test("removed fields, channels and outcomes are breaking too")
    func definitions() throws {
        let folder = try TemporaryFolder()
        try folder.write("kalender.yaml", calendarText)
        let extra = "fields:\n  telepon: { type: phone }\nchannels:\n  loket: { name: Loket }"
        let old = try folder.write("lama.yaml", workflowText(revision: 1, extra: extra, steps: steps))
        let new = try folder.write("baru.yaml", workflowText(revision: 2, steps: steps))
        let report = Validator.validate(paths: [new], against: old)
        let removed = report.diagnostics.filter { $0.code == .definitionRemoved }.map(\.message.en)
        #expect(removed.count == 2, "\(removed)")
        #expect(removed.contains { $0.contains("field 'telepon'") })
        #expect(removed.contains { $0.contains("channel 'loket'") })
    }
}

/// Inputs that must never crash, hang or trap, in-process.
@Suite("Bad input")
struct BadInputTests {
    @Test("a folder named as a file, and a missing file, cannot be read")
    func unreadable() throws {
        let folder = try TemporaryFolder()
        let directory = folder.path + "/bukan-berkas.yaml"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let asFile = Validator.validate(paths: [folder.path + "/tidak-ada.yaml"])
        #expect(asFile.hasUnreadableInput)
        #expect(asFile.positions == ["1:1 SOP0001"])
        let empty = Validator.validate(paths: [directory])
        #expect(empty.hasUnreadableInput)
        #expect(empty.positions == ["1:1 SOP0005"])
    }

    @Test("line numbers and source lines agree with YAML's line breaks (LS, CR)")
    func lineBreaks() throws {
        let folder = try TemporaryFolder()
        let separator = try folder.write("ls.yaml", "kind: Calendar\nid: x\nname: \"A\u{2028}B\"\ntime_zone: Asia/Jakarta\nhours: { monday: \"08:00-16:00\" }\nfoo: 1\n")
        let report = Validator.validate(paths: [separator])
        let unknown = try #require(report.diagnostics.first { $0.code == .unknownKey })
        #expect(unknown.location.line == 7)
        #expect(unknown.sourceLine == "foo: 1")
        let carriageReturns = try folder.write("cr.yaml", "kind: Calendar\rid: y\rtime_zone: Asia/Jakarta\rhours: { monday: \"08:00-16:00\" }\rbar: 1\r")
        let crReport = Validator.validate(paths: [carriageReturns])
        let crUnknown = try #require(crReport.diagnostics.first { $0.code == .unknownKey })
        #expect(crUnknown.location.line == 5)
        #expect(crUnknown.sourceLine == "bar: 1")
    }

    @Test("ids are looked up beside a file, not in subfolders")
    func neighboursOnly() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.createDirectory(atPath: folder.path + "/sub", withIntermediateDirectories: true)
        try folder.write("sub/kalender.yaml", calendarText)
        let file = try folder.write("alur.yaml", workflowText(steps: """
              - id: periksa
                activity: Periksa
                actor: petugas
                budget: 10 menit
                end: selesai
            """))
        #expect(Validator.validate(paths: [file]).codes.contains("SOP0304"))
        #expect(!Validator.validate(paths: [folder.path]).codes.contains("SOP0304"))
    }

    @Test("a long flow written against file order is checked in one pass, not step by step")
    func longReversedChain() throws {
        let folder = try TemporaryFolder()
        try folder.write("kalender.yaml", calendarText)
        let count = 2_000
        var steps = "  - { id: s0, activity: x, actor: petugas, budget: 1 jam, next: s\(count) }\n"
        for index in 1...count {
            let next = index == 1 ? "end: selesai" : "next: s\(index - 1)"
            steps += "  - { id: s\(index), activity: x, actor: petugas, budget: 1 jam, \(next) }\n"
        }
        let path = try folder.write("panjang.yaml", workflowText(total: "\(count + 1) jam", steps: steps))
        let report = Validator.validate(paths: [path])
        #expect(report.diagnostics.filter { $0.severity != .info }.map(\.code.id) == ["SOP0605"])  // pelapor unused
    }

    @Test("a binary file is not UTF-8 text")
    func binary() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/biner.yaml"
        var bytes: [UInt8] = Array("kind: Workflow\n".utf8)
        bytes += [0x00, 0xFF, 0xFE, 0x89, 0x50, 0x4E, 0x47]
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        let report = Validator.validate(paths: [path])
        #expect(report.codes == ["SOP0002"])
        #expect(!report.hasUnreadableInput)
    }

    @Test("a 10 MB file is refused without being parsed")
    func large() throws {
        let folder = try TemporaryFolder()
        let line = "# " + String(repeating: "x", count: 98) + "\n"
        let path = try folder.write("besar.yaml", "kind: Workflow\n" + String(repeating: line, count: 100_000))
        let report = Validator.validate(paths: [path])
        #expect(report.positions == ["1:1 SOP0004"])
    }

    @Test("YAML nested 10,000 levels deep")
    func deep() throws {
        let folder = try TemporaryFolder()
        let flow = try folder.write("dalam.yaml", "kind: Workflow\nsteps: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n")
        #expect(Validator.validate(paths: [flow]).codes.contains("SOP0106"))
        var block = "kind: Workflow\n"
        for level in 0..<10_000 { block += String(repeating: " ", count: level) + "a:\n" }
        let blockPath = try folder.write("dalam-blok.yaml", block)
        let report = Validator.validate(paths: [blockPath])
        #expect(report.count(.error) > 0)
    }

    @Test("a rule 5,000 parentheses deep")
    func deepRule() throws {
        let folder = try TemporaryFolder()
        try folder.write("kalender.yaml", calendarText)
        let rule = String(repeating: "(", count: 5_000) + "true" + String(repeating: ")", count: 5_000)
        let path = try folder.write("aturan.yaml", workflowText(extra: "intake:\n  - { rule: \"\(rule)\", message: x }", steps: """
              - id: periksa
                activity: Periksa
                actor: petugas
                budget: 10 menit
                end: selesai
            """))
        let report = Validator.validate(paths: [path])
        #expect(report.codes.contains("SOP0501"))
    }
}

import Foundation

import Foundation
import Testing

/// `sop case document`: an attachment read back out of the database, checked against its hash.
@Suite("sop case document (end to end)")
struct CaseDocumentTests {
    @Test("the bytes come back as attached; a missing attachment, an existing file and damaged bytes are refused")
    func readBack() throws {
        let office = try Office()
        let number = try office.open("pengaduan-langsung", fields: inPerson, as: "siti")
        let bytes = Data((0..<5_000).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) })
        let source = office.folder.path + "/formulir.bin"
        try bytes.write(to: URL(fileURLWithPath: source))
        #expect(try office.run(["case", "step", String(number), "--attach", "formulir-pengaduan=\(source)"], as: "siti").status == 0)

        let copy = office.folder.path + "/salinan.bin"
        let written = try office.run(["case", "document", String(number), "formulir-pengaduan", "--output", copy])
        #expect(written.status == 0, "\(written.output)")
        #expect(written.standardOutput.contains("formulir.bin, 5000 bita"), "\(written.standardOutput)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: copy)) == bytes)

        // The file exists now: not overwritten.
        try Data("lain".utf8).write(to: URL(fileURLWithPath: copy))
        let again = try office.run(["case", "document", String(number), "formulir-pengaduan", "--output", copy])
        #expect(again.status == 1, "\(again.output)")
        #expect(again.standardError.contains("sudah ada"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: copy)) == Data("lain".utf8))

        let missing = try office.run(["case", "document", String(number), "catatan-register", "--output", office.folder.path + "/x.bin"])
        #expect(missing.status == 1, "\(missing.output)")
        #expect(missing.standardError.contains("lampirannya: formulir-pengaduan"), "\(missing.standardError)")
        #expect(!FileManager.default.fileExists(atPath: office.folder.path + "/x.bin"))

        // Bytes changed behind sop's back (by hand, with sqlite3): reported as damaged, nothing written.
        let database = office.database
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", database, "UPDATE attachments SET data = zeroblob(5000)"]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let damaged = try office.run(["case", "document", String(number), "formulir-pengaduan", "--output", office.folder.path + "/y.bin"])
        #expect(damaged.status == 2, "\(damaged.output)")
        #expect(damaged.standardError.contains("SHA-256"), "\(damaged.standardError)")
        #expect(!FileManager.default.fileExists(atPath: office.folder.path + "/y.bin"))
    }
}

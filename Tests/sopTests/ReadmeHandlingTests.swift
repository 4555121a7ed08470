import Foundation
import Testing

/// The README's session of handling complaints, run as written by bash in a folder with
/// `workflows/` and the three files it attaches.
@Suite("README: handling complaints runs as written")
struct ReadmeHandlingTests {
    @Test("every command of the block succeeds, on a fresh declared-identity database")
    func runsAsWritten() throws {
        let readme = try String(contentsOf: SOPBinary.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        guard let start = readme.range(of: "<!-- handling-complaints -->\n```sh\n"),
              let end = readme.range(of: "```\n<!-- /handling-complaints -->")
        else { throw SOPBinaryError(description: "README.md has no handling-complaints block") }
        let block = String(readme[start.upperBound..<end.lowerBound])
        #expect(block.contains("sop init --declared-identity --as admin"))
        let folder = try TemporaryFolder()
        try FileManager.default.copyItem(
            atPath: SOPBinary.repositoryRoot.appendingPathComponent("workflows").path, toPath: folder.path + "/workflows")
        for name in ["formulir.pdf", "register.pdf", "rancangan.docx"] { try folder.write(name, "isi \(name)\n") }
        try folder.write("session.sh", block)
        guard let sop = SOPBinary.executable else { throw SOPBinaryError(description: "no sop binary") }
        let result = try SOPBinary.runProgram("/usr/bin/env", [
            "-u", "SOP_DB", "-u", "SOP_USER", "SOP_NOW=2026-11-30T09:00:00+07:00", "SOP_LANG=id",
            "PATH=\(sop.deletingLastPathComponent().path):/usr/bin:/bin", "/bin/bash", "-euo", "pipefail", "-c",
            "cd '\(folder.path)' && . ./session.sh",
        ])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.standardOutput.contains("067/PGD/2026/000001"))
        #expect(FileManager.default.fileExists(atPath: folder.path + "/kasus-1.html"))
        #expect(result.declaredIdentityWarningCount > 0)
    }
}

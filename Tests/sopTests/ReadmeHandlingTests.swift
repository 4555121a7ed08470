import Foundation
import Testing

/// The README's session of handling complaints, run as written by bash in a folder with
/// `workflows/` (the block makes the three files it attaches).
@Suite("README: handling complaints runs as written")
struct ReadmeHandlingTests {
    @Test("every command of the block succeeds, on a fresh declared-identity database")
    func runsAsWritten() throws {
        let block = try ReadmeBlock.named("handling-complaints")
        #expect(block.contains("sop init --declared-identity --as admin"))
        let session = try ReadmeBlock.Session()
        let result = try session.run(["handling-complaints"], sopOnPath: true)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.standardOutput.contains("067/PGD/2026/000001"))
        #expect(FileManager.default.fileExists(atPath: session.folder.path + "/kasus-1.html"))
        #expect(FileManager.default.fileExists(atPath: session.folder.path + "/formulir.pdf"))
        #expect(result.declaredIdentityWarningCount > 0)
    }
}

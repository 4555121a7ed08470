import Foundation
import SOPLoading
import SOPModel

/// Paths of the repository, found from this file's location.
enum TestPaths {
    static let root: URL = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" && !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url.deleteLastPathComponent()
        }
        return url
    }()
    static let langsung = root.appendingPathComponent("workflows/pengaduan-langsung.yaml").path
    static let media = root.appendingPathComponent("workflows/pengaduan-media.yaml").path
    static let fixtures = root.appendingPathComponent("Tests/SOPDiffTests/Fixtures").path
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
}

/// A temporary folder, removed when the value goes away.
final class TemporaryFolder {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("sop-diff-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes a file into the folder and returns its path.
    func write(_ name: String, _ text: String) throws -> String {
        let file = path + "/" + name
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }
}

/// Loads a workflow file; fails the test when it holds no workflow.
func loadWorkflow(_ path: String) throws -> Workflow {
    let loaded = Loader.load(path: path)
    guard let workflow = loaded.workflow else {
        throw TestFailure(description: "no workflow in \(path): \(loaded.diagnostics)")
    }
    return workflow
}

/// The shipped `pengaduan-langsung` (revision 1).
func shippedLangsung() throws -> Workflow { try loadWorkflow(TestPaths.langsung) }

/// A revision of the shipped `pengaduan-langsung`: its text with `revision: 2` and the edits made
/// (each must match the text exactly once), written into `folder` and loaded from there.
func revisedLangsung(_ edits: [(String, String)], in folder: TemporaryFolder, name: String = "rev2.yaml") throws -> Workflow {
    var text = try String(contentsOfFile: TestPaths.langsung, encoding: .utf8)
    for (old, new) in [("revision: 1\n", "revision: 2\n")] + edits {
        let parts = text.components(separatedBy: old)
        guard parts.count == 2 else {
            throw TestFailure(description: "the edit must match once, matched \(parts.count - 1) times: \(old)")
        }
        text = parts.joined(separator: new)
    }
    return try loadWorkflow(try folder.write(name, text))
}

/// The edits of the worked example: step 3 dropped, step 4 down to 4 jam, revised 2026-12-01.
let workedExampleEdits: [(String, String)] = [
    ("  revised: \"-\"                   # Tanggal Revisi: belum pernah direvisi\n", "  revised: 2026-12-01\n"),
    ("- { label: \"Ya\", goto: dapat-diselesaikan }", "- { label: \"Ya\", goto: analisa }"),
    ("""
      - id: dapat-diselesaikan
        activity: Pengaduan dapat diselesaikan oleh staf front office
        # Naskah: simbol "Ya / Tidak" berada di kolom Staf Front Office.
        actor: front-office
        budget: 10 menit
        decision:
          question: Pengaduan dapat diselesaikan oleh staf front office?
          branches:
            - { label: "Ya", end: selesai-front-office }  # maka pengaduan selesai
            - { label: "Tidak", goto: analisa }           # berkas diteruskan ke tim pengelola pengaduan


    """, ""),
    ("    actor: tim-pengaduan\n    budget: 1 hari\n    inputs:\n      - formulir-pengaduan\n",
     "    actor: tim-pengaduan\n    budget: 4 jam\n    inputs:\n      - formulir-pengaduan\n"),
]

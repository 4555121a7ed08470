import Foundation
import Testing

/// `sop test`, run as a validator or a CI job runs it.
@Suite("sop test (end to end)")
struct TestCommandTests {
    static let fixtures = "Tests/SOPScenariosTests/Fixtures"

    @Test("the shipped scenarios pass: text, and coverage of every step, branch, end and path")
    func shipped() throws {
        let text = try SOPBinary.run(["test"])
        #expect(text.status == 0, "\(text.output)")
        #expect(text.standardOutput.hasPrefix("workflows/pengaduan-langsung.scenarios.yaml (pengaduan-langsung)\n  ok    "))
        #expect(text.standardOutput.contains("14 skenario ("))
        #expect(text.standardOutput.hasSuffix("14 lulus, 0 gagal\n"), "\(text.output)")
        let coverage = try SOPBinary.run(["test", "--coverage", "--lang", "en"])
        #expect(coverage.status == 0, "\(coverage.output)")
        #expect(coverage.standardOutput.contains("Coverage of pengaduan-langsung: steps 7/7, branches 4/4, ends 2/2, paths 4/4"))
        #expect(coverage.standardOutput.contains("Coverage of pengaduan-media: steps 6/6, branches 2/2, ends 2/2, paths 2/2"))
    }

    @Test("JSON: every scenario with its location; coverage says complete")
    func json() throws {
        let result = try SOPBinary.run(["test", "--format", "json", "--coverage"])
        #expect(result.status == 0, "\(result.output)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let summary = try #require(object["summary"] as? [String: Any])
        #expect(summary["scenarios"] as? Int == 14 && summary["failed"] as? Int == 0 && summary["filesNotRun"] as? Int == 0)
        let files = try #require(object["files"] as? [[String: Any]])
        #expect(files.map { $0["workflow"] as? String } == ["pengaduan-langsung", "pengaduan-media"])
        let coverage = try #require(object["coverage"] as? [[String: Any]])
        #expect(coverage.map { $0["complete"] as? Bool } == [true, true])
    }

    @Test("JUnit XML that an XML parser reads: a suite per file, a case per scenario, failures with their lines")
    func junit() throws {
        let result = try SOPBinary.run(["test", "--format", "junit", "workflows", "\(Self.fixtures)/gagal.scenarios.yaml",
            "\(Self.fixtures)/salah-nama.scenarios.yaml"])
        #expect(result.status == 1, "\(result.output)")
        let folder = try TemporaryFolder()
        let report = try folder.write("report.xml", result.standardOutput)
        let script = """
            import sys, xml.etree.ElementTree as ET
            root = ET.parse(sys.argv[1]).getroot()
            assert root.tag == 'testsuites', root.tag
            suites = root.findall('testsuite')
            print(len(suites), root.get('tests'), root.get('failures'), root.get('errors'))
            for case in root.iter('testcase'):
                for failure in case.findall('failure'):
                    print(case.get('line'), failure.text.split(': ')[0])
            """
        let parsed = try SOPBinary.runProgram("/usr/bin/env", ["python3", "-c", script, report])
        #expect(parsed.status == 0, "\(parsed.output)")
        let lines = parsed.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first == "4 19 4 1", "\(parsed.output)")
        #expect(lines.contains("9 \(Self.fixtures)/gagal.scenarios.yaml:15:25"), "\(parsed.output)")
        #expect(lines.contains("43 \(Self.fixtures)/gagal.scenarios.yaml:46:14"), "\(parsed.output)")
    }

    @Test("bad input: exit 1 with located findings, or 2 for what cannot be read; the workflows' own checks unaffected", arguments: [
        (["test", "\(fixtures)/salah-bentuk.scenarios.yaml"], Int32(1), "salah-bentuk.scenarios.yaml:11:9: error: kunci 'banch' tidak dikenal"),
        (["test", "\(fixtures)/salah-nama.scenarios.yaml"], Int32(1), "salah-nama.scenarios.yaml:15:19: error: alur kerja tidak memiliki langkah 'periksaa'"),
        (["test", "\(fixtures)/rusak/rusak.scenarios.yaml"], Int32(1), "memiliki 2 kesalahan; skenarionya tidak dijalankan [SOP1103]"),
        (["test", "\(fixtures)/tanpa-alur.scenarios.yaml"], Int32(1), "[SOP0305]"),
        (["test", "\(fixtures)/gagal.scenarios.yaml"], Int32(1), "  GAGAL Harapan yang keliru\n"),
        (["test", "Sources"], Int32(2), "tidak ada berkas skenario (.scenarios.yaml) di folder 'Sources'"),
        (["test", "tidak-ada.scenarios.yaml"], Int32(2), "[SOP0001]"),
        (["test", "--format", "xml"], Int32(2), "xml"),
        (["test", "--generate", "pengaduan-langsung", "--coverage"], Int32(2), "--generate"),
        (["test", "--generate", "pengaduan-langsung", "--start", "besok"], Int32(2), "--start 'besok'"),
        (["test", "--generate", "tidak-ada"], Int32(1), "tidak ada alur kerja 'tidak-ada'"),
    ])
    func badInput(arguments: [String], status: Int32, says: String) throws {
        let result = try SOPBinary.run(arguments)
        #expect(result.status == status, "\(result.output)")
        #expect(result.output.contains(says), "\(result.output)")
    }

    @Test("--generate writes a scenario per path that `sop test` passes; scenario files stay out of sop validate")
    func generate() throws {
        let folder = try TemporaryFolder()
        for name in ["pengaduan-langsung.yaml", "pengaduan-media.yaml", "jam-kerja-kebumen.yaml"] {
            try FileManager.default.copyItem(
                at: SOPBinary.repositoryRoot.appendingPathComponent("workflows/\(name)"), to: folder.url.appendingPathComponent(name))
        }
        let generated = try SOPBinary.run(["test", "--generate", "pengaduan-media", "--workflows", folder.path, "--start", "2026-12-07T08:00:00+07:00"])
        #expect(generated.status == 0, "\(generated.output)")
        #expect(generated.standardOutput.contains("workflow: pengaduan-media\nstart: 2026-12-07T08:00:00+07:00\n"))
        #expect(generated.standardOutput.contains("  - name: \"Jalur 2: periksa-aduan Tidak → selesai\""))
        try folder.write("pengaduan-media.scenarios.yaml", generated.standardOutput)
        let run = try SOPBinary.run(["test", "--coverage", folder.path])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.standardOutput.contains("Cakupan pengaduan-media: langkah 6/6, cabang 2/2, akhir 2/2, jalur 2/2"))
        let validate = try SOPBinary.run(["validate", "--strict", folder.path])
        #expect(validate.status == 0, "\(validate.output)")
        #expect(validate.standardOutput.contains("3 berkas diperiksa"))
    }
}

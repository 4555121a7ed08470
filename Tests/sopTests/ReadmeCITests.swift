import Foundation
import SOPYAML
import Testing

/// The README's GitHub Actions job and pre-commit hook, run as far as this machine allows.
@Suite("README: the CI job and the pre-commit hook")
struct ReadmeCITests {
    /// A YAML block of the README: the text between `<!-- NAME -->` and `<!-- /NAME -->`.
    static func yamlBlock(_ name: String) throws -> String {
        let readme = try ReadmeBlock.readme()
        guard let start = readme.range(of: "<!-- \(name) -->\n```yaml\n"), let end = readme.range(of: "```\n<!-- /\(name) -->"),
            start.upperBound <= end.lowerBound
        else { throw SOPBinaryError(description: "no yaml block <!-- \(name) --> in the README") }
        return String(readme[start.upperBound..<end.lowerBound])
    }

    /// A step of the job: its name and its `run:` script (nil for a `uses:` step).
    struct Step {
        let name: String?
        let run: String?
        let uses: String?
    }

    static func steps() throws -> [Step] {
        let parsed = YAMLReader.parse(try yamlBlock("github-actions"), file: "README.md")
        #expect(parsed.diagnostics.isEmpty, "\(parsed.diagnostics)")
        guard case .sequence(let items)? = parsed.root?["jobs"]?["sop"]?["steps"]?.content else {
            throw SOPBinaryError(description: "the job has no jobs.sop.steps list")
        }
        return items.map { Step(name: $0["name"]?.scalar, run: $0["run"]?.scalar, uses: $0["uses"]?.scalar) }
    }

    /// The job's `run:` steps after the installation, as the runner runs them: each in its own
    /// `bash -e`, with the folders the steps before it wrote to `$GITHUB_PATH` put first on the PATH.
    static func runnerScript(_ steps: [Step]) -> String {
        var script = "export GITHUB_PATH=\"$PWD/.github-path\"; : > \"$GITHUB_PATH\"\nstatus=0\n"
        for step in steps {
            guard let run = step.run, !(step.name ?? "").hasPrefix("Install") else { continue }
            let file = ".step-\(script.count).sh"
            script += "cat > \(file) <<'STEP'\n\(run)\nSTEP\n"
            script += "echo \"::group::\(step.name ?? "")\"\n"
            script += "PATH=\"$(tac \"$GITHUB_PATH\" | paste -sd: -)${PATH:+:}$PATH\" bash -e \(file) || { status=$?; echo \"step failed: \(step.name ?? "") ($status)\"; }\n"
        }
        return script + "exit $status\n"
    }

    @Test("the job checks out, installs, builds, validates, uploads SARIF and runs the scenario tests")
    func jobShape() throws {
        let steps = try Self.steps()
        #expect(steps.first?.uses == "actions/checkout@v4")
        #expect(steps.compactMap(\.uses).contains("github/codeql-action/upload-sarif@v3"))
        let install = try #require(steps.first { ($0.name ?? "").hasPrefix("Install") }?.run)
        #expect(install.contains("apt-get install -y libyaml-dev libsqlite3-dev"))
        let runs = steps.compactMap(\.run).joined(separator: "\n")
        #expect(runs.contains("sop validate --strict --format github --min-severity warning workflows/"))
        #expect(runs.contains("sop test --coverage workflows/"))
    }

    @Test("its steps pass on the shipped SOPs and write the SARIF and the JUnit report")
    func jobPasses() throws {
        let session = try ReadmeBlock.Session()
        let result = try session.run([], then: Self.runnerScript(try Self.steps()))
        #expect(result.status == 0, "\(result.output)")
        #expect(!result.standardOutput.contains("step failed"), "\(result.output)")
        #expect(result.standardOutput.contains("14 lulus, 0 gagal"))
        let sarif = try String(contentsOfFile: session.folder.path + "/sop.sarif", encoding: .utf8)
        #expect(sarif.contains("\"version\" : \"2.1.0\""))
        let junit = try String(contentsOfFile: session.folder.path + "/sop-test.xml", encoding: .utf8)
        #expect(junit.contains("tests=\"14\" failures=\"0\" errors=\"0\""))
    }

    @Test("a new warning and a broken expectation fail their steps, with annotations and a report")
    func jobFails() throws {
        let session = try ReadmeBlock.Session()
        let media = session.folder.path + "/workflows/pengaduan-media.yaml"
        let text = try String(contentsOfFile: media, encoding: .utf8)
        // A declared total that no longer matches the steps: SOP0603, a warning no comment accepts.
        try text.replacingOccurrences(of: "total: 1 hari 2 jam", with: "total: 1 hari 3 jam")
            .write(toFile: media, atomically: true, encoding: .utf8)
        let result = try session.run([], then: Self.runnerScript(try Self.steps()))
        #expect(result.status != 0, "\(result.output)")
        #expect(result.standardOutput.contains("step failed: Validate the SOPs"), "\(result.output)")
        #expect(result.standardOutput.contains("::warning file=workflows/pengaduan-media.yaml,line="), "\(result.output)")
        #expect(result.standardOutput.contains("title=SOP0603"), "\(result.output)")
        // The case's due time moves an hour: the scenarios that expect it fail, and say where.
        #expect(result.standardOutput.contains("step failed: Scenario tests and their coverage"), "\(result.output)")
        let junit = try String(contentsOfFile: session.folder.path + "/sop-test.xml", encoding: .utf8)
        #expect(junit.contains("<failure message=\"tenggat pengaduan berbeda\""), "\(junit)")
    }

    // MARK: - pre-commit

    /// pre-commit, from PyPI (`pip install pre-commit`; `.ci/run` installs it).
    static func preCommit() -> [String]? {
        for candidate in [["pre-commit"], ["python3", "-m", "pre_commit"]] {
            if let result = try? SOPBinary.runProgram("/usr/bin/env", candidate + ["--version"], timeout: 60), result.status == 0 {
                return candidate
            }
        }
        return nil
    }

    @Test("the hook, installed by pre-commit, lets the shipped SOPs be committed and refuses a commit that adds a warning")
    func preCommitHook() throws {
        guard let preCommit = Self.preCommit() else {
            Issue.record("pre-commit is not installed (not on PATH, and `python3 -m pre_commit` does not run): pip install pre-commit")
            return
        }
        let session = try ReadmeBlock.Session()
        try session.folder.write(".pre-commit-config.yaml", try Self.yamlBlock("pre-commit-config"))
        let command = preCommit.map { "'\($0)'" }.joined(separator: " ")
        let git = "git -c user.name=Admin -c user.email=admin@contoh.id -c commit.gpgsign=false"
        let script = """
            export HOME="$PWD" PRE_COMMIT_HOME="$PWD/.pre-commit-cache" PATH="$PATH:\(ProcessInfo.processInfo.environment["PATH"] ?? "")"
            git init -q .
            printf '.tools/\\n.pre-commit-cache/\\nsession.sh\\n' > .gitignore
            \(command) install
            git add -A
            \(git) commit -q -m "SOP yang ditandatangani" && echo "first commit: made"
            sed -i 's/total: 1 hari 2 jam/total: 1 hari 3 jam/' workflows/pengaduan-media.yaml
            git add -A
            if \(git) commit -q -m "total diubah"; then echo "second commit: made"; else echo "second commit: refused"; fi
            git log --oneline | wc -l
            """
        let result = try session.run([], sopOnPath: true, then: script)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.standardOutput.contains("first commit: made"), "\(result.output)")
        #expect(result.standardOutput.contains("second commit: refused"), "\(result.output)")
        #expect(result.output.contains("[SOP0603]") && !result.output.contains("[SOP0705]"), "\(result.output)")
        #expect(result.standardOutput.split(separator: "\n").last == "1", "\(result.output)")
    }
}

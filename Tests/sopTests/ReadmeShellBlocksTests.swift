import Foundation
import Testing

/// The README's shell blocks, each named by a comment (`<!-- name -->` before it, `<!-- /name -->`
/// after it), and each run as written by a test: the ones here, and the sessions other suites run
/// (handling complaints, office set-up, notices, calendar upkeep and change, the worked example).
enum ReadmeBlock {
    /// The README's text.
    static func readme() throws -> String {
        try String(contentsOf: SOPBinary.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
    }

    /// The commands of the shell block named `name`.
    static func named(_ name: String) throws -> String {
        let readme = try readme()
        guard let start = readme.range(of: "<!-- \(name) -->\n```sh\n"), let end = readme.range(of: "```\n<!-- /\(name) -->"),
            start.upperBound <= end.lowerBound
        else { throw SOPBinaryError(description: "README.md has no shell block named \(name)") }
        return String(readme[start.upperBound..<end.lowerBound])
    }

    /// Every shell block in order, with its name (nil for a block without one).
    static func all() throws -> [(name: String?, text: String)] {
        let lines = try readme().components(separatedBy: "\n")
        var blocks: [(String?, String)] = []
        var index = 0
        while index < lines.count {
            guard lines[index] == "```sh" else {
                index += 1
                continue
            }
            let before = index > 0 ? lines[index - 1] : ""
            var name: String?
            if before.hasPrefix("<!-- "), before.hasSuffix(" -->"), !before.hasPrefix("<!-- /") {
                name = String(before.dropFirst(5).dropLast(4))
            }
            var body: [String] = []
            index += 1
            while index < lines.count, lines[index] != "```" {
                body.append(lines[index])
                index += 1
            }
            // The closing comment must name the same block.
            if let given = name, index + 1 >= lines.count || lines[index + 1] != "<!-- /\(given) -->" { name = nil }
            blocks.append((name, body.joined(separator: "\n")))
            index += 1
        }
        return blocks
    }

    /// A folder to run blocks in: a copy of `workflows/`, and a `swift` on the `PATH` that stands
    /// in for the toolchain: `swift run sop ARGS` runs the `sop` the tests built, and
    /// `swift build … --product sop` puts that binary where a release build puts it
    /// (`.build/release/sop`), without building again inside the tests.
    struct Session {
        let folder: TemporaryFolder
        let tools: String

        init() throws {
            folder = try TemporaryFolder()
            try FileManager.default.copyItem(
                atPath: SOPBinary.repositoryRoot.appendingPathComponent("workflows").path, toPath: folder.path + "/workflows")
            guard let sop = SOPBinary.executable else { throw SOPBinaryError(description: "no sop binary") }
            tools = folder.path + "/.tools"
            try FileManager.default.createDirectory(atPath: tools, withIntermediateDirectories: true)
            try """
                #!/bin/sh
                # A stand-in for the Swift toolchain in the README tests.
                case "$1" in
                run) shift; [ "$1" = sop ] || { echo "swift run: only sop here" >&2; exit 64; }; shift; exec '\(sop.path)' "$@" ;;
                build)
                    case " $* " in *" --product sop "*) ;; *) echo "swift build: only --product sop here" >&2; exit 64 ;; esac
                    case " $* " in *" -c release "*) dir=.build/release ;; *) dir=.build/debug ;; esac
                    mkdir -p "$dir" && ln -sf '\(sop.path)' "$dir/sop" ;;
                *) echo "swift $1: not in the README tests" >&2; exit 64 ;;
                esac

                """.write(toFile: tools + "/swift", atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: tools + "/swift")
        }

        /// Runs blocks one after the other in one bash (as one person types them), stopping at the
        /// first command that fails; `sop` is on the `PATH` only when a block put it there, or
        /// when `sopOnPath` says so.
        func run(
            _ names: [String], sopOnPath: Bool = false, environment: [String: String] = [:], then more: String = ""
        ) throws -> SOPBinary.Result {
            var script = ""
            for name in names { script += try ReadmeBlock.named(name) + "\n" }
            script += more
            try folder.write("session.sh", script)
            guard let sop = SOPBinary.executable else { throw SOPBinaryError(description: "no sop binary") }
            let path = [tools] + (sopOnPath ? [sop.deletingLastPathComponent().path] : []) + ["/usr/bin", "/bin"]
            var arguments = ["-u", "SOP_DB", "-u", "SOP_USER", "-u", "LANG", "-u", "LC_ALL", "-u", "LC_MESSAGES",
                             "SOP_NOW=2026-11-30T09:00:00+07:00", "SOP_LANG=id", "NO_COLOR=1", "PATH=\(path.joined(separator: ":"))"]
            arguments += environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            arguments += ["/bin/bash", "-euo", "pipefail", "-c", "cd '\(folder.path)' && . ./session.sh"]
            return try SOPBinary.runProgram("/usr/bin/env", arguments, timeout: 180)
        }
    }
}

@Suite("README: every shell block is named and run as written")
struct ReadmeShellBlocksTests {
    /// Blocks no test runs, and why.
    static let notRun: [String: String] = [
        "run-tests": "the test command itself: CI runs it, and the tests cannot run themselves again",
        "benchmarks": "a release build and minutes of measuring: run by hand, its figures are in the notes",
    ]

    @Test("every shell block has a name, and each name but the listed few is run by a test")
    func everyBlockIsRun() throws {
        let blocks = try ReadmeBlock.all()
        #expect(blocks.count >= 12)
        for block in blocks {
            #expect(block.name != nil, "a README shell block without <!-- name --> … <!-- /name -->:\n\(block.text)")
        }
        let names = blocks.compactMap(\.name)
        #expect(Set(names).count == names.count, "two README blocks share a name: \(names)")
        // A test runs a block when it reads it by its name: `ReadmeBlock.named("…")` or the
        // opening comment, in a test file other than this one.
        let tests = SOPBinary.repositoryRoot.appendingPathComponent("Tests")
        var sources = ""
        let files = FileManager.default.enumerator(atPath: tests.path)?.allObjects.compactMap { $0 as? String } ?? []
        for file in files where file.hasSuffix(".swift") && !file.hasSuffix("ReadmeShellBlocksTests.swift") {
            sources += (try? String(contentsOfFile: tests.path + "/" + file, encoding: .utf8)) ?? ""
        }
        let here = try String(contentsOfFile: #filePath, encoding: .utf8)
        for name in names where Self.notRun[name] == nil {
            let read = sources.contains("<!-- \(name) -->") || sources.contains("ReadmeBlock.named(\"\(name)\")")
                || here.contains("[\"\(name)\"") || here.contains(", \"\(name)\"")
            #expect(read, "no test runs the README block \(name)")
        }
        #expect(Set(Self.notRun.keys).isSubset(of: Set(names)), "a block listed as not run is not in the README")
    }

    @Test("set-up: `swift run sop demo` runs the demo and says what it ran on")
    func setUp() throws {
        let result = try ReadmeBlock.Session().run(["set-up"])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.standardOutput.hasPrefix("Demo sop: 6 pengaduan rekaan"), "\(result.standardOutput.prefix(300))")
        #expect(result.standardOutput.contains("SOP 067/12351 Penanganan Pengaduan Masyarakat Secara Langsung: 2 selesai"))
        #expect(result.standardOutput.contains("Selanjutnya: `sop demo --keep`"))
    }

    @Test("the staff session from putting sop on the PATH to the reports and the languages, in one shell")
    func staffSession() throws {
        let session = try ReadmeBlock.Session()
        let result = try session.run(["sop-on-path", "handling-complaints", "reports", "language"])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.standardOutput.hasPrefix("0.1.0\n"), "sop --version: \(result.standardOutput.prefix(200))")
        for file in ["formulir.pdf", "register.pdf", "rancangan.docx", "kasus-1.html", "rekap-november.csv"] {
            #expect(FileManager.default.fileExists(atPath: session.folder.path + "/" + file), "\(file) was not written")
        }
        let csv = try Data(contentsOf: URL(fileURLWithPath: session.folder.path + "/rekap-november.csv"))
        #expect(csv.starts(with: Data("\u{FEFF}Bagian;SOP;Kunci;Nama;Jumlah".utf8)), "\(String(decoding: csv.prefix(120), as: UTF8.self))")
        // The recap counts the case of the session; the SLA report names the SOP.
        #expect(result.standardOutput.contains("Rekapan Pengaduan") && result.standardOutput.contains("Ketepatan Waktu Pengaduan"))
        // The language block: English where it says so.
        #expect(result.standardOutput.contains("checked:") || result.standardOutput.contains("files checked"), "\(result.standardOutput.suffix(800))")
        #expect(result.standardOutput.contains("Register number"), "SOP_LANG=en sop case list: \(result.standardOutput.suffix(800))")
    }

    @Test("completions: the script installed as the README says completes open cases, published SOPs, the folder's SOPs and documents")
    func completions() throws {
        let session = try ReadmeBlock.Session()
        // The calls a shell makes when Tab is pressed after the words, in the installed script.
        let complete = """
            set +eu  # the generated script reads unset variables and ends with arithmetic that is 0, as shells call it
            source ~/.local/share/bash-completion/completions/sop
            complete_words() {
                COMP_WORDS=("$@"); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
                COMP_LINE="${COMP_WORDS[*]}"; COMP_POINT=${#COMP_LINE}; COMPREPLY=()
                _sop sop "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
                echo "$*: ${COMPREPLY[*]}"
            }
            export SOP_USER=siti
            sop case open pengaduan-langsung --field nama=Rina --field uraian=Tanya --field telepon=081234567891 > /dev/null 2>&1
            complete_words sop case step ""
            complete_words sop case open pengaduan-l
            complete_words sop show ""
            complete_words sop case document 1 rancangan
            complete_words sop case show --db nowhere.sqlite ""

            """
        let home = session.folder.path + "/home"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        let result = try session.run(["handling-complaints", "completions"], sopOnPath: true, environment: ["HOME": home], then: complete)
        #expect(result.status == 0, "\(result.allOfStandardError.suffix(2000))")
        let lines = Array(result.standardOutput.split(separator: "\n").map(String.init).suffix(5))
        // Case 1 ended in the session (it waits on the complaint team, so it is open); case 2 is new.
        #expect(lines.contains("sop case step : 2 1") || lines.contains("sop case step : 1 2"), "\(lines)")
        #expect(lines.contains("sop case open pengaduan-l: pengaduan-langsung"), "\(lines)")
        #expect(lines.contains("sop show : pengaduan-langsung pengaduan-media"), "\(lines)")
        #expect(lines.contains("sop case document 1 rancangan: rancangan-tindak-lanjut"), "\(lines)")
        // A database that does not exist completes nothing, and is not created.
        #expect(lines.contains("sop case show --db nowhere.sqlite : "), "\(lines)")
        #expect(!FileManager.default.fileExists(atPath: session.folder.path + "/nowhere.sqlite"))
    }

    @Test("validation for CI: SARIF into a file, annotations, the findings only")
    func ciValidate() throws {
        let session = try ReadmeBlock.Session()
        let result = try session.run(["ci-validate"], sopOnPath: true)
        #expect(result.status == 0, "\(result.output)")
        let sarif = try String(contentsOfFile: session.folder.path + "/sop.sarif", encoding: .utf8)
        #expect(sarif.contains("\"version\" : \"2.1.0\""))
        #expect(result.standardOutput.contains("\"justification\" : \"Total Waktu tertulis 2 hari 2 jam") == false)
        #expect(sarif.contains("\"justification\" : \"Total Waktu tertulis 2 hari 2 jam"), "the accepted findings are in the SARIF, suppressed")
        #expect(!result.standardOutput.contains("::warning") && !result.standardOutput.contains("files checked"))
        #expect(result.standardOutput.contains("[SOP0705]"), "the findings only: \(result.standardOutput.suffix(300))")
    }

    @Test("paths: both SOPs' ways through, as text and JSON")
    func paths() throws {
        let result = try ReadmeBlock.Session().run(["paths"], sopOnPath: true)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.standardOutput.contains("(pengaduan-langsung, revisi 1): 4 jalur") && result.standardOutput.contains("\"truncated\" : false"))
    }

    @Test("scenario tests: the shipped scenarios pass, a JUnit report and a generated file are written")
    func scenarioTests() throws {
        let session = try ReadmeBlock.Session()
        let result = try session.run(["scenario-tests"], sopOnPath: true)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.standardOutput.contains("14 skenario (") && result.standardOutput.contains("Coverage of pengaduan-media"))
        let junit = try String(contentsOfFile: session.folder.path + "/sop-test.xml", encoding: .utf8)
        #expect(junit.contains("<testsuites name=\"sop test\" tests=\"14\" failures=\"0\" errors=\"0\""), "\(junit.prefix(200))")
        let generated = try String(contentsOfFile: session.folder.path + "/baru.scenarios.yaml", encoding: .utf8)
        #expect(generated.contains("kind: Scenarios\nworkflow: pengaduan-media\n"))
    }

    @Test("the README's example scenario file passes as written")
    func scenarioExample() throws {
        let readme = try ReadmeBlock.readme()
        let section = try #require(readme.range(of: "### Scenario tests\n"))
        let start = try #require(readme.range(of: "```yaml\n", range: section.upperBound..<readme.endIndex))
        let end = try #require(readme.range(of: "```\n", range: start.upperBound..<readme.endIndex))
        let session = try ReadmeBlock.Session()
        try session.folder.write("workflows/readme.scenarios.yaml", String(readme[start.upperBound..<end.lowerBound]))
        let result = try SOPBinary.run(["test", "workflows/readme.scenarios.yaml"], in: session.folder.url)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.standardOutput.contains("1 skenario (4 tindakan): 1 lulus, 0 gagal"), "\(result.output)")
    }

    @Test("flowcharts and the signed document: the two files are written")
    func render() throws {
        let session = try ReadmeBlock.Session()
        let result = try session.run(["render"])
        #expect(result.status == 0, "\(result.output)")
        let html = try String(contentsOfFile: session.folder.path + "/sop-12351.html", encoding: .utf8)
        #expect(html.contains("067/12351"))
        let svg = try String(contentsOfFile: session.folder.path + "/alur-12352.svg", encoding: .utf8)
        #expect(svg.hasPrefix("<svg") || svg.hasPrefix("<?xml"), "\(svg.prefix(80))")
    }
}

import Foundation
import Testing

extension SOPBinary {
    /// Runs `sop` and returns its standard output as bytes (reading it as a string drops a byte
    /// order mark), its standard error as text, and its exit status.
    static func bytes(_ arguments: [String], environment: [String: String]) throws -> (status: Int32, output: Data, error: String) {
        guard let executable else { throw SOPBinaryError(description: "the sop binary was not built; run `swift build` first") }
        let folder = try TemporaryFolder()
        let outPath = folder.path + "/out"
        let errPath = folder.path + "/err"
        FileManager.default.createFile(atPath: outPath, contents: nil)
        FileManager.default.createFile(atPath: errPath, contents: nil)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = repositoryRoot
        var inherited = ProcessInfo.processInfo.environment
        for name in languageVariables { inherited[name] = nil }  // Bahasa Indonesia unless the test says otherwise
        process.environment = inherited.merging(environment) { $1 }
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, try Data(contentsOf: URL(fileURLWithPath: outPath)),
                (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
    }
}

/// The text of CSV output as bytes: its byte order mark, then the rest as UTF-8.
func csvText(_ data: Data) throws -> String {
    #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF], "no UTF-8 byte order mark")
    return String(decoding: data.dropFirst(3), as: UTF8.self)
}

/// Reads RFC 4180 CSV (after its byte order mark): rows of fields, quotes undone.
func parseCSV(_ text: String) -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var field = ""
    var quoted = false
    var characters = Array(text.unicodeScalars)[...]
    while let character = characters.popFirst() {
        if quoted {
            if character == "\"" {
                if characters.first == "\"" {
                    field.unicodeScalars.append("\"")
                    characters.removeFirst()
                } else {
                    quoted = false
                }
            } else {
                field.unicodeScalars.append(character)
            }
        } else if character == "\"" && field.isEmpty {
            quoted = true
        } else if character == "," {
            row.append(field)
            field = ""
        } else if character == "\r" && characters.first == "\n" {
            characters.removeFirst()
            row.append(field)
            rows.append(row)
            row = []
            field = ""
        } else {
            field.unicodeScalars.append(character)
        }
    }
    if !field.isEmpty || !row.isEmpty { rows.append(row + [field]) }
    return rows
}

/// An office whose SOP 067/12352 names a channel like a formula and has a title with quotes and a
/// comma, with two complaints: one resolved at the front office, one through that channel, open.
struct ReportOfficeFixture {
    let office: Office
    let workflows: TemporaryFolder

    init() throws {
        office = try Office()
        workflows = try TemporaryFolder()
        for name in ["pengaduan-langsung", "pengaduan-media", "jam-kerja-kebumen"] {
            var text = try String(contentsOfFile: SOPBinary.repositoryRoot.path + "/workflows/\(name).yaml", encoding: .utf8)
            if name == "pengaduan-media" {
                text = text.replacingOccurrences(of: "instagram: { name: Instagram }", with: "instagram: { name: '=HYPERLINK(\"http://x\",\"klik\")' }")
                    .replacingOccurrences(of: "title: Penanganan Pengaduan melalui Media Sosial dan Media Elektronik", with: "title: 'Pengaduan \"Media\", Elektronik'")
                    .replacingOccurrences(of: "revision: 1", with: "revision: 2")
            }
            try workflows.write("\(name).yaml", text)
        }
        // The revised SOP is published: new cases open on it.
        let published = try office.run(["publish", workflows.path + "/pengaduan-media.yaml"], as: "admin")
        guard published.status == 0 else { throw SOPBinaryError(description: published.output) }
        let first = try office.json(
            ["case", "open", "pengaduan-langsung", "--workflows", workflows.path] + inPerson.sorted { $0.key < $1.key }.flatMap { ["--field", "\($0.key)=\($0.value)"] },
            as: "siti", at: "2026-11-30T09:00:00+07:00")
        let number = try #require(first["number"] as? Int)
        _ = try office.step(number, ["--workflows", workflows.path], attach: ["formulir-pengaduan"], as: "siti", at: "2026-11-30T09:10:00+07:00")
        _ = try office.step(number, ["--workflows", workflows.path, "--yes"], attach: ["catatan-register"], as: "siti", at: "2026-11-30T09:30:00+07:00")
        _ = try office.step(number, ["--workflows", workflows.path, "--yes"], as: "siti", at: "2026-11-30T09:35:00+07:00")
        _ = try office.json(
            ["case", "open", "pengaduan-media", "--workflows", workflows.path, "--channel", "instagram"]
                + online.sorted { $0.key < $1.key }.flatMap { ["--field", "\($0.key)=\($0.value)"] },
            as: "rina", at: "2026-11-30T10:00:00+07:00")
    }

    func run(_ arguments: [String]) throws -> SOPBinary.Result {
        try office.run(["report"] + arguments + ["--workflows", workflows.path], at: "2026-11-30T11:00:00+07:00")
    }

    /// CSV output after its byte order mark; fails the test without one, or on a non-zero exit.
    func csv(_ arguments: [String]) throws -> String {
        let result = try SOPBinary.bytes(
            ["report"] + arguments + ["--workflows", workflows.path, "--format", "csv"],
            environment: ["SOP_DB": office.database, "SOP_NOW": "2026-11-30T11:00:00+07:00"])
        #expect(result.status == 0, "\(result.error)")
        return try csvText(result.output)
    }
}

@Suite("sop report (end to end)")
struct ReportCommandTests {
    static let november = ["--from", "2026-11-01", "--to", "2026-11-30"]

    @Test("recap as a table, CSV (BOM, quoting, no formulas) and JSON")
    func recap() throws {
        let fixture = try ReportOfficeFixture()
        let table = try fixture.run(["recap"] + Self.november)
        #expect(table.status == 0, "\(table.output)")
        for text in ["Rekapan Pengaduan", "Periode: 1 Nov 2026 – 30 Nov 2026", "Jumlah: 2 pengaduan — 1 berakhir (1 tepat waktu, 0 terlambat), 1 berjalan (0 lewat tenggat)",
                     "Per SOP", "Per kanal", "Per status", "Langkah pengaduan yang berjalan", "Median waktu", "35 menit", "1 hari = 8 jam 30 menit kerja"] {
            #expect(table.standardOutput.contains(text), "\(text)\n\(table.standardOutput)")
        }
        #expect(table.standardError.isEmpty)

        let csv = try fixture.csv(["recap"] + Self.november)
        #expect(csv.hasSuffix("\r\n"))
        #expect(csv.contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"klik\"\")\""))
        #expect(csv.contains("\"Pengaduan \"\"Media\"\", Elektronik\""))
        let rows = parseCSV(csv)
        let header = try #require(rows.first)
        #expect(header.prefix(5) == ["Bagian", "SOP", "Kunci", "Nama", "Jumlah"])
        #expect(rows.allSatisfy { $0.count == header.count }, "\(rows)")
        let total = try #require(rows.first { $0.first == "Total" })
        #expect(total[4...11] == ["2", "1", "1", "0", "35", "1", "0", "60"])
        let channel = try #require(rows.first { $0.first == "Kanal" && $0[2] == "instagram" })
        #expect(channel[3] == "'=HYPERLINK(\"http://x\",\"klik\")")
        #expect(rows.contains { $0.first == "SOP" && $0[3] == "Pengaduan \"Media\", Elektronik" })
        #expect(rows.contains { $0.first == "Langkah" && $0[1] == "pengaduan-media" && $0[2] == "pengajuan-aduan" })

        let json = try fixture.run(["recap"] + Self.november + ["--format", "json"])
        #expect(json.status == 0, "\(json.output)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        let counts = try #require(object["total"] as? [String: Any])
        #expect(counts["cases"] as? Int == 2 && counts["ended"] as? Int == 1 && counts["medianWorkingMinutes"] as? Int == 35)
        #expect((object["period"] as? [String: Any])?["from"] as? String == "2026-11-01")
        #expect((object["workflows"] as? [[String: Any]])?.map { $0["workflow"] as? String } == ["pengaduan-langsung", "pengaduan-media"])
        #expect((object["steps"] as? [[String: Any]])?.first?["step"] as? String == "pengajuan-aduan")
        #expect(object["workingDayMinutes"] as? Int == 510)
    }

    @Test("sla as a table, CSV and JSON; one workflow")
    func sla() throws {
        let fixture = try ReportOfficeFixture()
        let table = try fixture.run(["sla"])
        #expect(table.status == 0, "\(table.output)")
        for text in ["Ketepatan Waktu Pengaduan", "Periode: semua waktu", "Tepat waktu", "Waktu kantor", "Waktu pelapor",
                     "Langkah kantor yang paling sering terlambat", "Memeriksa dan menyelia"] {
            #expect(table.standardOutput.contains(text), "\(text)\n\(table.standardOutput)")
        }
        let rows = parseCSV(try fixture.csv(["sla"]))
        let header = try #require(rows.first)
        #expect(rows.allSatisfy { $0.count == header.count })
        let check = try #require(rows.first { $0.first == "Langkah" && $0[3] == "periksa-kelengkapan" })
        let column = { (name: String) -> String in check[header.firstIndex(of: name)!] }
        // 09:10 → 09:30: 20 minutes against 15, late; the only office step late, so first.
        #expect(column("Diukur") == "1" && column("Terlambat") == "1" && column("Median waktu kerja (menit)") == "20")
        #expect(column("Peringkat terlambat") == "1" && column("Persen tepat waktu") == "0")

        let json = try fixture.run(["sla", "--workflow", "pengaduan-langsung", "--format", "json"])
        #expect(json.status == 0, "\(json.output)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        #expect(object["cases"] as? Int == 1 && object["workflow"] as? String == "pengaduan-langsung")
        let late = try #require(object["lateSteps"] as? [[String: Any]])
        #expect(late.map { $0["step"] as? String } == ["periksa-kelengkapan"])
        let workflow = try #require((object["workflows"] as? [[String: Any]])?.first)
        #expect(workflow["medianReporterMinutes"] as? Int == 10 && workflow["medianOfficeMinutes"] as? Int == 25)
    }

    @Test("CSV for a spreadsheet set up for Indonesia: semicolons and decimal commas, read back by Python's csv module as the same table")
    func semicolonSeparated() throws {
        let fixture = try ReportOfficeFixture()
        for command in [["recap"] + Self.november, ["sla"]] {
            let comma = parseCSV(try fixture.csv(command))
            let semicolon = try fixture.csv(command + ["--separator", ";"])
            // Python's csv module, a reader of its own, with the dialect Excel uses for id-ID.
            let folder = try TemporaryFolder()
            try folder.write("rekap.csv", "\u{FEFF}" + semicolon)
            let python = Process()
            python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            python.arguments = ["python3", "-c", """
                import csv, json, sys
                with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
                    print(json.dumps(list(csv.reader(f, delimiter=";"))))
                """, folder.path + "/rekap.csv"]
            let pipe = Pipe()
            python.standardOutput = pipe
            try python.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            python.waitUntilExit()
            #expect(python.terminationStatus == 0)
            let rows = try #require(try JSONSerialization.jsonObject(with: data) as? [[String]])
            // The same table, field for field; decimals with a comma instead of a point.
            #expect(rows.count == comma.count && rows.count > 2)
            for (read, written) in zip(rows, comma) {
                #expect(read == written.map { field in
                    Double(field) != nil && field.contains(".") ? field.replacingOccurrences(of: ".", with: ",") : field
                }, "\(read) / \(written)")
            }
        }
        let refused = try fixture.run(["sla", "--format", "csv", "--separator", "tab"])
        #expect(refused.status == 2 && refused.standardError.contains("semicolon"), "\(refused.output)")
    }

    @Test("an empty database: a clear message, exit 0, an empty CSV with its header, empty JSON")
    func emptyDatabase() throws {
        let office = try Office()
        for command in [["recap"] + Self.november, ["sla"]] {
            let table = try office.run(["report"] + command)
            #expect(table.status == 0, "\(table.output)")
            #expect(table.standardOutput.contains("Tidak ada pengaduan"), "\(table.standardOutput)")
            let csv = try SOPBinary.bytes(
                ["report"] + command + ["--format", "csv"], environment: ["SOP_DB": office.database, "SOP_NOW": "2026-11-30T11:00:00+07:00"])
            #expect(csv.status == 0, "\(csv.error)")
            let text = try csvText(csv.output)
            #expect(text.hasPrefix("Bagian,SOP,"))
            #expect(text.hasSuffix("\r\n"))
            #expect(parseCSV(text).count == 1, "\(text)")
            let json = try office.run(["report"] + command + ["--format", "json"])
            #expect(json.status == 0)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
            #expect((object["workflows"] as? [Any])?.isEmpty == true)
            #expect((object["steps"] as? [Any])?.isEmpty == true)
        }
        let recap = try office.run(["report", "recap"] + Self.november + ["--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(recap.standardOutput.utf8)) as? [String: Any]
        #expect((object?["total"] as? [String: Any])?["cases"] as? Int == 0)
    }

    @Test("an empty period")
    func emptyPeriod() throws {
        let fixture = try ReportOfficeFixture()
        let recap = try fixture.run(["recap", "--from", "2026-12-01", "--to", "2026-12-31"])
        #expect(recap.status == 0)
        #expect(recap.standardOutput.contains("Tidak ada pengaduan yang dibuka pada periode ini"))
        #expect(parseCSV(try fixture.csv(["sla", "--from", "2026-10-01", "--to", "2026-10-31"])).count == 1)
    }

    @Test("dates in the wrong form, or in the wrong order: the expected form named, nothing on stdout", arguments: [
        ["recap", "--from", "2026-13-01", "--to", "2026-12-31"],
        ["recap", "--from", "01/02/2026", "--to", "2026-12-31"],
        ["recap", "--from", "2026-12-01", "--to", "2026-11-01"],
        ["recap", "--from", "2026-02-30", "--to", "2026-03-01"],
        ["recap", "--to", "2026-11-30"],
        ["sla", "--to", "30-11-2026"],
        ["sla", "--from", "2026-12-01", "--to", "2026-11-01", "--format", "csv"],
    ])
    func badDates(arguments: [String]) throws {
        let office = try Office()
        let result = try office.run(["report"] + arguments)
        #expect(result.status == 2, "\(result.output)")
        #expect(result.standardOutput.isEmpty, "\(result.standardOutput)")
        #expect(result.standardError.contains("YYYY-MM-DD"), "\(result.standardError)")
    }

    @Test("a database that does not exist is not created")
    func missingDatabase() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/tidak-ada.sqlite"
        for command in [["recap"] + Self.november, ["sla", "--format", "csv"]] {
            let result = try SOPBinary.run(["report"] + command, environment: ["SOP_DB": path])
            #expect(result.status == 2)
            #expect(result.standardOutput.isEmpty)
            #expect(result.standardError.contains("belum ada"))
            #expect(!FileManager.default.fileExists(atPath: path))
        }
    }
}

import Foundation
import Testing

/// `--output` never replaces a file the command reads: the database (and the files SQLite keeps
/// beside it), the workflow file drawn, a calendar, however the path is spelt.
@Suite("--output never replaces the database or a workflow file (end to end)")
struct OutputProtectionTests {
    /// The bytes of a file, or nil when there is none.
    func contents(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

    @Test("sop case show --output naming the database, however spelt: refused (exit 2), the database untouched")
    func database() throws {
        let office = try Office()
        let number = try office.open("pengaduan-langsung", fields: inPerson, as: "siti")
        let folder = office.folder.path
        try FileManager.default.createDirectory(atPath: folder + "/sub", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder + "/tautan.sqlite", withDestinationPath: office.database)
        try FileManager.default.linkItem(atPath: office.database, toPath: folder + "/keras.sqlite")
        let before = try #require(contents(office.database))
        let spellings = [
            office.database, folder + "/./sop.sqlite", folder + "/sub/../sop.sqlite", folder + "/tautan.sqlite", folder + "/keras.sqlite",
            office.database + "-wal", office.database + "-shm", office.database + "-journal", folder + "/sub/../sop.sqlite-wal",
        ]
        for output in spellings {
            for format in ["svg", "html", "text", "json"] {
                let result = try office.run(["case", "show", String(number), "--format", format, "--output", output])
                #expect(result.status == 2, "\(output) \(format): \(result.output)")
                #expect(result.standardOutput.isEmpty)
                #expect(result.standardError.hasPrefix("sop case show: --output '\(output)' adalah "), "\(result.standardError)")
                #expect(result.standardError.contains("tidak ada yang ditulis — sebutkan berkas lain, misalnya --output "))
            }
        }
        #expect(contents(office.database) == before)
        let shown = try office.run(["case", "show", String(number)])
        #expect(shown.status == 0, "\(shown.output)")
        let message = try office.run(["case", "show", String(number), "--format", "svg", "--output", office.database])
        #expect(message.standardError == "sop case show: --output '\(office.database)' adalah basis data yang dipakai perintah ini; "
            + "berkas itu tidak ditimpa dan tidak ada yang ditulis — sebutkan berkas lain, misalnya --output \(folder)/sop.svg, "
            + "atau hilangkan --output untuk menulis ke keluaran standar\n")
        let english = try office.run(["case", "show", String(number), "--format", "html", "--output", office.database + "-wal", "--lang", "en"])
        #expect(english.status == 2)
        #expect(english.standardError == "sop case show: --output '\(office.database)-wal' is a companion file of the database "
            + "'\(office.database)' this command uses; it is not replaced and nothing is written — name another file, such as "
            + "--output \(folder)/sop.html, or leave out --output to write to standard output\n")
        #expect(!FileManager.default.fileExists(atPath: office.database + "-journal"))
        // Beside the database, any other name is written.
        let file = folder + "/lini-masa.svg"
        let written = try office.run(["case", "show", String(number), "--format", "svg", "--output", file])
        #expect(written.status == 0, "\(written.output)")
        #expect(contents(file).map { String(decoding: $0, as: UTF8.self).hasPrefix("<?xml") } == true)
    }

    @Test("sop case show --output naming a file of the workflows folder (the calendar, a workflow): refused")
    func workflowsFolder() throws {
        let office = try Office()
        let number = try office.open("pengaduan-langsung", fields: inPerson, as: "siti")
        let workflows = office.folder.path + "/alur"
        try FileManager.default.createDirectory(atPath: workflows, withIntermediateDirectories: true)
        for name in ["jam-kerja-kebumen", "pengaduan-langsung", "pengaduan-media"] {
            try FileManager.default.copyItem(
                atPath: SOPBinary.repositoryRoot.appendingPathComponent("workflows/\(name).yaml").path, toPath: "\(workflows)/\(name).yaml")
        }
        for name in ["jam-kerja-kebumen", "pengaduan-langsung"] {
            let path = "\(workflows)/\(name).yaml"
            let before = try #require(contents(path))
            let result = try office.run(["case", "show", String(number), "--workflows", workflows, "--format", "svg", "--output", path, "--lang", "en"])
            #expect(result.status == 2, "\(result.output)")
            #expect(result.standardError.contains("is a workflow or calendar file of the workflows folder '\(workflows)' this command reads"))
            #expect(contents(path) == before)
        }
    }

    @Test("sop diagram and sop render --output naming the workflow file or its calendar: refused (exit 2), the file untouched")
    func workflowFile() throws {
        let folder = try TemporaryFolder()
        for name in ["jam-kerja-kebumen", "pengaduan-langsung", "pengaduan-media"] {
            try FileManager.default.copyItem(
                atPath: SOPBinary.repositoryRoot.appendingPathComponent("workflows/\(name).yaml").path, toPath: "\(folder.path)/\(name).yaml")
        }
        let workflow = folder.path + "/pengaduan-langsung.yaml"
        let calendar = folder.path + "/jam-kerja-kebumen.yaml"
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/tautan.yaml", withDestinationPath: workflow)
        let original = try #require(contents(workflow))
        let calendarText = try #require(contents(calendar))
        let commands: [[String]] = [
            ["diagram", workflow], ["diagram", workflow, "--format", "mermaid"], ["diagram", workflow, "--format", "dot"], ["render", workflow],
            ["diagram", "pengaduan-langsung", "--workflows", folder.path], ["render", "pengaduan-langsung", "--workflows", folder.path],
        ]
        for command in commands {
            for output in [workflow, folder.path + "/../" + folder.url.lastPathComponent + "/pengaduan-langsung.yaml", folder.path + "/tautan.yaml"] {
                let result = try SOPBinary.run(command + ["--output", output])
                #expect(result.status == 2, "\(command) \(output): \(result.output)")
                #expect(result.standardOutput.isEmpty)
                #expect(result.standardError.hasPrefix("sop \(command[0]): --output '\(output)' adalah berkas alur kerja yang dibaca perintah ini;"), "\(result.standardError)")
            }
            let onCalendar = try SOPBinary.run(command + ["--output", calendar, "--lang", "en"])
            #expect(onCalendar.status == 2, "\(command): \(onCalendar.output)")
            #expect(onCalendar.standardError.contains("is the calendar file this command reads; it is not replaced and nothing is written"))
        }
        #expect(contents(workflow) == original)
        #expect(contents(calendar) == calendarText)
        let english = try SOPBinary.run(["diagram", workflow, "--format", "mermaid", "--output", workflow, "--lang", "en"])
        #expect(english.standardError == "sop diagram: --output '\(workflow)' is the workflow file this command reads; it is not "
            + "replaced and nothing is written — name another file, such as --output \(folder.path)/pengaduan-langsung.mmd, or leave "
            + "out --output to write to standard output\n")
        // Another file in the same folder is written.
        let written = try SOPBinary.run(["render", workflow, "--output", folder.path + "/pengaduan-langsung.html"])
        #expect(written.status == 0, "\(written.output)")
        #expect(FileManager.default.fileExists(atPath: folder.path + "/pengaduan-langsung.html"))
    }
}

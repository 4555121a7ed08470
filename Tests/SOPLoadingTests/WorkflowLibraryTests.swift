import Foundation
import SOPCore
import SOPLoading
import SOPModel
import Testing

/// A folder under the temporary directory, removed when the test ends.
final class TemporaryFolder {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("sop-library-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes a file (creating the folders on its way) and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let file = path + "/" + name
        try FileManager.default.createDirectory(
            atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }
}

/// A small workflow file: one step, ending the flow.
func workflowText(id: String, revision: Int, calendar: String? = "jam-kerja") -> String {
    """
    kind: Workflow
    id: \(id)
    revision: \(revision)
    title: Revisi \(revision)
    document: { number: "\(revision)" }
    \(calendar.map { "calendar: \($0)" } ?? "")
    actors: { staf: { name: Staf } }
    outcomes: { selesai: { name: Selesai, status: resolved } }
    steps:
      - { id: terima, activity: Terima, actor: staf, budget: 1 jam, end: selesai }
    """
}

/// A small calendar file.
func calendarText(id: String) -> String {
    """
    kind: Calendar
    id: \(id)
    name: Jam kerja
    time_zone: Asia/Jakarta
    hours:
      monday: "08:00-16:00"
    """
}

@Suite("WorkflowLibrary")
struct WorkflowLibraryTests {
    /// Three revisions of `aduan` (the highest not last by name), a second SOP in a subfolder, a
    /// calendar, a YAML file that is no workflow, and files the library leaves out.
    static func library() throws -> (TemporaryFolder, WorkflowLibrary) {
        let folder = try TemporaryFolder()
        try folder.write("aduan-a.yaml", workflowText(id: "aduan", revision: 1))
        try folder.write("aduan-b.yml", workflowText(id: "aduan", revision: 3))
        try folder.write("aduan-c.YAML", workflowText(id: "aduan", revision: 2))
        try folder.write("lain/media.yaml", workflowText(id: "media", revision: 1))
        try folder.write("jam-kerja.yaml", calendarText(id: "jam-kerja"))
        try folder.write("catatan.yaml", "judul: bukan alur kerja\n")
        try folder.write("catatan.txt", "kind: Workflow\n")
        try folder.write(".tersembunyi.yaml", workflowText(id: "tersembunyi", revision: 1))
        try folder.write(".git/lama.yaml", workflowText(id: "aduan", revision: 9))
        return (folder, WorkflowLibrary(folder: folder.path))
    }

    @Test("lists the .yaml and .yml files in name order, subfolders when recursive, hidden ones and other files left out")
    func files() throws {
        let (folder, library) = try Self.library()
        let prefix = folder.path + "/"
        #expect(library.files() == ["aduan-a.yaml", "aduan-b.yml", "aduan-c.YAML", "catatan.yaml", "jam-kerja.yaml", "lain/media.yaml"].map { prefix + $0 })
        #expect(library.files(recursive: false) == ["aduan-a.yaml", "aduan-b.yml", "aduan-c.YAML", "catatan.yaml", "jam-kerja.yaml"].map { prefix + $0 })
        #expect(library.files() == library.files(), "the same order every time")
        #expect(WorkflowLibrary(folder: prefix + "tidak-ada").files() == nil)
        #expect(WorkflowLibrary(folder: prefix + "aduan-a.yaml").files() == nil, "a file is not a folder")
    }

    @Test("loads every file once, in name order; a missing or empty folder is unreadable input")
    func load() throws {
        let (folder, library) = try Self.library()
        let documents = library.load()
        #expect(documents.files.map(\.path) == library.files())
        #expect(documents.workflows.map(\.revision.value) == [1, 3, 2, 1])
        #expect(documents.calendars.map(\.id.value) == ["jam-kerja"])
        #expect(!documents.hasUnreadableInput && documents.diagnostics.isEmpty)

        let missing = WorkflowLibrary(folder: folder.path + "/tidak-ada").load()
        #expect(missing.hasUnreadableInput)
        #expect(missing.files.first?.diagnostics.map(\.code) == [.unreadableFile])
        let empty = folder.path + "/kosong"
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let none = WorkflowLibrary(folder: empty).load()
        #expect(none.hasUnreadableInput && none.files.isEmpty)
        #expect(none.diagnostics.map(\.code) == [.noWorkflowFiles])
    }

    @Test("reads files named by path once however spelt, with the ids of the files beside them")
    func readPaths() throws {
        let (folder, _) = try Self.library()
        let documents = WorkflowLibrary.read(paths: [folder.path + "/aduan-a.yaml", folder.path + "/./aduan-a.yaml"])
        #expect(documents.files.map(\.path) == [folder.path + "/aduan-a.yaml"])
        #expect(documents.neighbourWorkflows == ["aduan"], "its other revisions; not the subfolder's, not hidden files")
        #expect(documents.neighbourCalendars == ["jam-kerja"])
    }

    @Test("finds the highest revision of an id, read with every file of the library")
    func findByID() throws {
        let (folder, library) = try Self.library()
        let found = try library.find("aduan").get()
        #expect(found.workflow.revision.value == 3)
        #expect(found.file.path == folder.path + "/aduan-b.yml")
        #expect(found.documents.files.count == 6)
        #expect(found.calendar?.id.value == "jam-kerja")
        #expect(try library.find("media").get().workflow.id.value == "media", "ids in subfolders are found")
    }

    @Test("of two files with the same revision, the first by name")
    func sameRevision() throws {
        let folder = try TemporaryFolder()
        try folder.write("b.yaml", workflowText(id: "aduan", revision: 2))
        try folder.write("a.yaml", workflowText(id: "aduan", revision: 2))
        #expect(try WorkflowLibrary(folder: folder.path).find("aduan").get().file.path == folder.path + "/a.yaml")
    }

    @Test("finds a file named by path, whatever its revision, read with its neighbours' ids and the calendar beside it")
    func findByPath() throws {
        let (folder, _) = try Self.library()
        // The library's folder does not matter for a path.
        let found = try WorkflowLibrary(folder: "tidak-ada").find(folder.path + "/aduan-a.yaml").get()
        #expect(found.workflow.revision.value == 1)
        #expect(found.documents.files.count == 1)
        #expect(found.documents.neighbourWorkflows == ["aduan"])
        #expect(found.calendar?.file == folder.path + "/jam-kerja.yaml")
    }

    @Test("a file that holds no workflow is refused with its findings")
    func notAWorkflow() throws {
        let (folder, library) = try Self.library()
        let error = try #require(library.find(folder.path + "/catatan.yaml").failure)
        #expect(error.message.en == "cannot load workflow file '\(folder.path)/catatan.yaml': it has errors")
        #expect(error.message.id.contains("tidak dapat dimuat"))
        #expect(error.diagnostics.map(\.code) == [.missingKey])
        #expect(error.diagnostics.first?.sourceLine != nil, "the line is shown under the finding")
        let calendar = try #require(library.find(folder.path + "/jam-kerja.yaml").failure)
        #expect(calendar.message.en.hasPrefix("cannot load workflow file"))
    }

    @Test("a name written as a path that cannot be read, an unknown id, no folder to look in")
    func unreadable() throws {
        let (folder, library) = try Self.library()
        let missing = try #require(library.find(folder.path + "/tidak-ada.yaml").failure)
        #expect(missing.message.en == "cannot read '\(folder.path)/tidak-ada.yaml'")
        #expect(missing.diagnostics.map(\.code) == [.unreadableFile])
        let bare = try #require(library.find("hilang.yml").failure)
        #expect(bare.message.en == "cannot read 'hilang.yml'", "an extension makes a name a path")
        let folderNamed = try #require(library.find(folder.path + "/lain").failure)
        #expect(folderNamed.message.en == "cannot read '\(folder.path)/lain'", "a folder is no workflow file")

        let unknown = try #require(library.find("aduann").failure)
        #expect(unknown.message.en == "no workflow 'aduann' in '\(folder.path)' — did you mean 'aduan'?; known: aduan, media")
        #expect(unknown.diagnostics.isEmpty)

        let noFolder = try #require(WorkflowLibrary(folder: folder.path + "/tidak-ada").find("aduan").failure)
        #expect(noFolder.message.en.hasPrefix("no workflow file 'aduan', and no workflows folder"))
    }

    @Test("a file in the folder that cannot be read makes its listing unreadable input")
    func danglingLink() throws {
        let (folder, library) = try Self.library()
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/rusak.yaml", withDestinationPath: folder.path + "/tidak-ada")
        let documents = library.load()
        #expect(documents.hasUnreadableInput)
        #expect(documents.files.contains { $0.isUnreadable && $0.path.hasSuffix("/rusak.yaml") })
    }

    @Test("a calendar by id: in subfolders when recursive, only the folder itself otherwise, or beside a file")
    func calendars() throws {
        let folder = try TemporaryFolder()
        let workflow = try folder.write("aduan.yaml", workflowText(id: "aduan", revision: 1))
        try folder.write("kalender/jam.yaml", calendarText(id: "jam"))
        try folder.write("jam-lain.yaml", calendarText(id: "jam-lain"))
        let library = WorkflowLibrary(folder: folder.path)
        #expect(library.calendar("jam")?.file == folder.path + "/kalender/jam.yaml")
        #expect(library.calendar("jam", recursive: false) == nil)
        #expect(library.calendar("aduan") == nil, "a workflow's id is no calendar's")
        #expect(WorkflowLibrary.calendar("jam-lain", beside: workflow)?.id.value == "jam-lain")
        #expect(WorkflowLibrary.calendar("jam", beside: workflow) == nil)
    }

    @Test("a name is a path when it has a slash or a workflow file's extension")
    func looksLikePath() {
        #expect(WorkflowLibrary.looksLikePath("workflows/x"))
        #expect(WorkflowLibrary.looksLikePath("x.YML"))
        #expect(!WorkflowLibrary.looksLikePath("pengaduan-langsung"))
        #expect(!WorkflowLibrary.looksLikePath("x.txt"))
    }
}

extension Result {
    /// The error, when the result is a failure.
    var failure: Failure? {
        if case .failure(let error) = self { error } else { nil }
    }
}

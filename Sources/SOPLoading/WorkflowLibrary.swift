import Foundation
import SOPCore
import SOPModel

/// A folder of workflow and calendar files (`.yaml`, `.yml`): its files in a stable order, loaded,
/// a workflow found in it by id or by path, a calendar by id.
///
/// The one place that lists folders. The validator checks the documents it is given
/// (`LoadedDocuments`); the service and the tool ask a library for them.
public struct WorkflowLibrary: Hashable, Sendable {
    /// The file name extensions of workflow and calendar files (matched without regard to case).
    public static let extensions = ["yaml", "yml"]

    /// The folder, as given (`workflows`, `--workflows DIR`).
    public var folder: String

    /// A library over a folder; nothing is read until asked.
    public init(folder: String) {
        self.folder = folder
    }

    // MARK: Files

    /// Whether a file name ends in `.yaml` or `.yml`.
    public static func isWorkflowFileName(_ name: String) -> Bool {
        extensions.contains((name as NSString).pathExtension.lowercased())
    }

    /// Whether a name is written as a path (it has a `/`, or ends in `.yaml` or `.yml`) rather
    /// than as a workflow id: such a name that is no file is a file that cannot be read, not an
    /// id to look up.
    public static func looksLikePath(_ name: String) -> Bool {
        name.contains("/") || isWorkflowFileName(name)
    }

    /// The `.yaml`/`.yml` files in a folder (and, when `recursive`, its subfolders, hidden ones
    /// left out) in name order, scenario files (`NAME.scenarios.yaml`, run by `sop test`) left
    /// out, each spelt as the folder followed by its path inside it; nil when the path is not a
    /// folder. A folder reached through a symbolic link is listed through its
    /// target.
    public static func files(in folder: String, recursive: Bool = true) -> [String]? {
        listing(folder, recursive: recursive) { isWorkflowFileName($0) && !ScenarioFile.isScenarioFileName($0) }
    }

    /// The scenario files (`NAME.scenarios.yaml`) in a folder and its subfolders, hidden ones left
    /// out, in name order; nil when the path is not a folder.
    public static func scenarioFiles(in folder: String) -> [String]? {
        listing(folder, recursive: true, including: ScenarioFile.isScenarioFileName)
    }

    private static func listing(_ folder: String, recursive: Bool, including: (String) -> Bool) -> [String]? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            return nil
        }
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        let target = URL(fileURLWithPath: folder).resolvingSymlinksInPath().path
        var found: [String] = []
        if recursive {
            guard let enumerator = FileManager.default.enumerator(atPath: target) else { return [] }
            while let relative = enumerator.nextObject() as? String {
                let name = (relative as NSString).lastPathComponent
                if name.hasPrefix(".") {
                    enumerator.skipDescendants()
                    continue
                }
                if including(name) { found.append(prefix + relative) }
            }
        } else {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: target)) ?? []
            where !name.hasPrefix(".") && including(name) {
                var isFolder: ObjCBool = false
                if FileManager.default.fileExists(atPath: prefix + name, isDirectory: &isFolder), !isFolder.boolValue {
                    found.append(prefix + name)
                }
            }
        }
        return found.sorted()
    }

    /// The library's files (`files(in:recursive:)` of its folder); nil when it is not a folder.
    public func files(recursive: Bool = true) -> [String]? {
        Self.files(in: folder, recursive: recursive)
    }

    /// Every file of the library, loaded, in name order (`read(paths:)` of the folder: a folder
    /// that is missing or has no files is unreadable input).
    public func load() -> LoadedDocuments {
        Self.read(paths: [folder])
    }

    /// Reads the files and folders named, as `sop validate` does: each folder is replaced by its
    /// files (`files(in:)`), each file is loaded once however its path is spelt, and the files
    /// beside them (in the folders they are in, not below) are read as far as their `kind:` and
    /// `id:`, so that references to them can be checked.
    public static func read(paths: [String]) -> LoadedDocuments {
        var hasUnreadableInput = false
        var diagnostics: [Diagnostic] = []
        var filePaths: [String] = []
        for path in paths {
            switch files(in: path) {
            case .some(let found) where found.isEmpty:
                hasUnreadableInput = true
                diagnostics.append(Diagnostic(.noWorkflowFiles, at: SourceLocation(file: path, line: 1, column: 1),
                    Text(id: "tidak ada berkas .yaml atau .yml di folder '\(path)'", en: "no .yaml or .yml files in folder '\(path)'")))
            case .some(let found):
                filePaths += found
            case .none:
                filePaths.append(path)
            }
        }
        var seen = Set<String>()
        filePaths = filePaths.filter { seen.insert(standardized($0)).inserted }
        let files = filePaths.map(Loader.load(path:))

        var neighbourWorkflows = Set<WorkflowID>()
        var neighbourCalendars = Set<CalendarID>()
        let folders = Set(filePaths.map { path -> String in
            let folder = (standardized(path) as NSString).deletingLastPathComponent
            return folder.isEmpty ? "." : folder
        })
        for folder in folders.sorted() {
            for neighbour in Self.files(in: folder, recursive: false) ?? [] where !seen.contains(standardized(neighbour)) {
                // Only the ids matter here: read the top of the file, not the whole of it.
                let identity = Loader.identity(path: neighbour)
                guard let id = identity.id else { continue }
                switch identity.kind {
                case "Workflow": neighbourWorkflows.insert(WorkflowID(id))
                case "Calendar": neighbourCalendars.insert(CalendarID(id))
                default: break
                }
            }
        }
        return LoadedDocuments(
            files: files, neighbourWorkflows: neighbourWorkflows, neighbourCalendars: neighbourCalendars,
            diagnostics: diagnostics, hasUnreadableInput: hasUnreadableInput || files.contains(where: \.isUnreadable))
    }

    // MARK: Finding

    /// The workflow named by `name`: a path to a workflow file, or an id looked up in the library
    /// (the highest revision when several files carry the id; the first of them in name order
    /// when two carry the same revision).
    ///
    /// A file named by path is read with its neighbours' ids; a workflow found by id, with every
    /// file of the library. Those are the `documents` to validate it with.
    public func find(_ name: String) -> Result<FoundWorkflow, LookupError> {
        var isDirectory: ObjCBool = false
        let isFile = FileManager.default.fileExists(atPath: name, isDirectory: &isDirectory) && !isDirectory.boolValue
        if !isFile && Self.looksLikePath(name) {
            let loaded = Loader.load(path: name)
            return .failure(LookupError(message: Text(
                id: "'\(name)' tidak dapat dibaca",
                en: "cannot read '\(name)'"), diagnostics: loaded.diagnostics))
        }
        let documents = Self.read(paths: isFile ? [name] : [folder])
        let chosen: (LoadedFile, Workflow)
        if isFile {
            guard let file = documents.files.first else {
                return .failure(LookupError(message: Text(
                    id: "'\(name)' tidak dapat dibaca",
                    en: "cannot read '\(name)'"), diagnostics: documents.diagnostics))
            }
            guard let workflow = file.workflow else {
                // What validating the file alone would find: its own findings, with their lines.
                var diagnostics = file.diagnostics
                if let text = file.text { diagnostics.attachSourceLines(file: file.path, text: text) }
                diagnostics = diagnostics.sortedByLocation()
                let message = diagnostics.isEmpty
                    ? Text(
                        id: "berkas alur kerja '\(name)' tidak dapat dimuat: berkas itu tidak memuat alur kerja",
                        en: "cannot load workflow file '\(name)': it holds no workflow")
                    : Text(
                        id: "berkas alur kerja '\(name)' tidak dapat dimuat: berkas itu mengandung kesalahan",
                        en: "cannot load workflow file '\(name)': it has errors")
                return .failure(LookupError(message: message, diagnostics: diagnostics))
            }
            chosen = (file, workflow)
        } else {
            if documents.hasUnreadableInput {
                return .failure(LookupError(
                    message: Text(
                        id: "tidak ada berkas alur kerja '\(name)', dan tidak ada folder alur kerja '\(folder)' untuk mencari id tersebut; "
                            + "sebutkan sebuah berkas atau gunakan --workflows DIR",
                        en: "no workflow file '\(name)', and no workflows folder '\(folder)' to look up the id in; "
                            + "name a file or use --workflows DIR"),
                    diagnostics: []))
            }
            let candidates = documents.files.compactMap { file in file.workflow.map { (file, $0) } }
            guard let found = candidates.filter({ $0.1.id.value.rawValue == name }).max(by: { $0.1.revision.value < $1.1.revision.value })
            else {
                let ids = Set(candidates.map(\.1.id.value.rawValue)).sorted()
                let suggestion = Spelling.didYouMean(name, among: ids).map { Text(verbatim: " — ") + $0 } ?? Text(verbatim: "")
                let known = ids.joined(separator: ", ")
                return .failure(LookupError(
                    message: Text(
                        id: "tidak ada alur kerja '\(name)' di '\(folder)'\(suggestion.id); yang dikenal: \(known)",
                        en: "no workflow '\(name)' in '\(folder)'\(suggestion.en); known: \(known)"),
                    diagnostics: []))
            }
            chosen = found
        }
        let (file, workflow) = chosen
        let calendar = workflow.calendar.flatMap { id in documents.calendars.first { $0.id.value == id.value } }
            ?? workflow.calendar.flatMap { id in Self.calendar(id.value, beside: file.path) }
        return .success(FoundWorkflow(file: file, workflow: workflow, documents: documents, calendar: calendar))
    }

    /// The calendar with an id among the library's files (and those of its subfolders, when
    /// `recursive`): only the file that declares it is loaded, the others are read as far as
    /// their `kind:` and `id:`. Nil when none does.
    public func calendar(_ id: CalendarID, recursive: Bool = true) -> WorkCalendar? {
        for candidate in files(recursive: recursive) ?? [] {
            let identity = Loader.identity(path: candidate)
            guard identity.kind == "Calendar", identity.id == id.rawValue,
                let calendar = Loader.load(path: candidate).calendar, calendar.id.value == id
            else { continue }
            return calendar
        }
        return nil
    }

    /// The calendar with an id among the files in the folder of `path`, not below it (as
    /// `sop validate` looks ids up beside a file), or nil.
    public static func calendar(_ id: CalendarID, beside path: String) -> WorkCalendar? {
        let folder = (path as NSString).deletingLastPathComponent
        return WorkflowLibrary(folder: folder.isEmpty ? "." : folder).calendar(id, recursive: false)
    }

    /// The absolute, standardized form of a path, so that `x.yaml` and `./x.yaml` are one file.
    private static func standardized(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }
}

/// Workflow and calendar files read together, to be checked together: the files named (folders
/// replaced by their files), the ids declared beside them, and what could not be read.
public struct LoadedDocuments: Sendable {
    /// The files read, in the order they were named (folders listed in name order), each once.
    public var files: [LoadedFile]
    /// The ids of the workflows in files beside those read (read as far as `kind:` and `id:`).
    public var neighbourWorkflows: Set<WorkflowID>
    /// The ids of the calendars in files beside those read (read as far as `kind:` and `id:`).
    public var neighbourCalendars: Set<CalendarID>
    /// Findings about the inputs themselves rather than a file's content (a folder with no files).
    public var diagnostics: [Diagnostic]
    /// Whether some input could not be read at all (a missing path, a file that cannot be read,
    /// a folder with no files).
    public var hasUnreadableInput: Bool

    /// Documents read elsewhere (text held in memory, a test's files); `hasUnreadableInput`
    /// defaults to whether some file could not be read.
    public init(
        files: [LoadedFile], neighbourWorkflows: Set<WorkflowID> = [], neighbourCalendars: Set<CalendarID> = [],
        diagnostics: [Diagnostic] = [], hasUnreadableInput: Bool? = nil
    ) {
        self.files = files
        self.neighbourWorkflows = neighbourWorkflows
        self.neighbourCalendars = neighbourCalendars
        self.diagnostics = diagnostics
        self.hasUnreadableInput = hasUnreadableInput ?? files.contains(where: \.isUnreadable)
    }

    /// The workflows that could be loaded (possibly with errors), in file order.
    public var workflows: [Workflow] { files.compactMap(\.workflow) }
    /// The calendars that could be loaded (possibly with errors), in file order.
    public var calendars: [WorkCalendar] { files.compactMap(\.calendar) }
}

/// A workflow found in a library, by path or by id.
public struct FoundWorkflow: Sendable {
    /// The file that holds it.
    public var file: LoadedFile
    /// The workflow.
    public var workflow: Workflow
    /// The files read to find it, which it is to be validated with (references, cross-file
    /// checks): the file with its neighbours' ids when named by path, every file of the library
    /// when found by id.
    public var documents: LoadedDocuments
    /// The calendar the workflow names, when one was found among the documents or beside its file.
    public var calendar: WorkCalendar?
}

/// Why a named workflow could not be had.
public struct LookupError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, with the way out, in both languages.
    public var message: Text
    /// The findings that explain it (for a file that cannot be loaded).
    public var diagnostics: [Diagnostic]

    /// The message in English, for test failures and logs.
    public var description: String { message.en }
}

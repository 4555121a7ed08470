import Foundation
import SOPCore
import SOPLoading
import SOPModel

/// A workflow a user named, validated, with the findings about its file.
public struct NamedWorkflow: Sendable {
    /// The workflow.
    public var workflow: Workflow
    /// The findings about the workflow's file (all checks, cross-file ones included).
    public var diagnostics: [Diagnostic]
    /// The calendar the workflow names, when it was found.
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

/// Finds a workflow by file path or by id.
public enum WorkflowLookup {
    /// The workflow named by `name`: a path to a workflow file, or an id looked up in `folder`
    /// (the highest revision when several files carry the id).
    public static func find(_ name: String, in folder: String) -> Result<NamedWorkflow, LookupError> {
        var isDirectory: ObjCBool = false
        let isFile = FileManager.default.fileExists(atPath: name, isDirectory: &isDirectory) && !isDirectory.boolValue
        // A name that looks like a path is a file that cannot be read, not an id to look up.
        let looksLikePath = name.contains("/") || Validator.extensions.contains((name as NSString).pathExtension.lowercased())
        if !isFile && looksLikePath {
            let loaded = Loader.load(path: name)
            return .failure(LookupError(message: Text(
                id: "'\(name)' tidak dapat dibaca",
                en: "cannot read '\(name)'"), diagnostics: loaded.diagnostics))
        }
        let report = Validator.validate(paths: isFile ? [name] : [folder])
        let candidates = report.files.compactMap { file in file.workflow.map { (file, $0) } }
        let chosen: (LoadedFile, Workflow)?
        if isFile {
            guard let file = report.files.first else {
                return .failure(LookupError(message: Text(
                    id: "'\(name)' tidak dapat dibaca",
                    en: "cannot read '\(name)'"), diagnostics: report.diagnostics))
            }
            guard let workflow = file.workflow else {
                let message = report.diagnostics.isEmpty
                    ? Text(
                        id: "berkas alur kerja '\(name)' tidak dapat dimuat: berkas itu tidak memuat alur kerja",
                        en: "cannot load workflow file '\(name)': it holds no workflow")
                    : Text(
                        id: "berkas alur kerja '\(name)' tidak dapat dimuat: berkas itu mengandung kesalahan",
                        en: "cannot load workflow file '\(name)': it has errors")
                return .failure(LookupError(message: message, diagnostics: report.diagnostics))
            }
            chosen = (file, workflow)
        } else {
            if report.hasUnreadableInput {
                return .failure(LookupError(
                    message: Text(
                        id: "tidak ada berkas alur kerja '\(name)', dan tidak ada folder alur kerja '\(folder)' untuk mencari id tersebut; "
                            + "sebutkan sebuah berkas atau gunakan --workflows DIR",
                        en: "no workflow file '\(name)', and no workflows folder '\(folder)' to look up the id in; "
                            + "name a file or use --workflows DIR"),
                    diagnostics: []))
            }
            chosen = candidates.filter { $0.1.id.value.rawValue == name }.max { $0.1.revision.value < $1.1.revision.value }
            if chosen == nil {
                let ids = Set(candidates.map(\.1.id.value.rawValue)).sorted()
                let suggestion = Spelling.didYouMean(name, among: ids).map { Text(verbatim: " — ") + $0 } ?? Text(verbatim: "")
                let known = ids.joined(separator: ", ")
                return .failure(LookupError(
                    message: Text(
                        id: "tidak ada alur kerja '\(name)' di '\(folder)'\(suggestion.id); yang dikenal: \(known)",
                        en: "no workflow '\(name)' in '\(folder)'\(suggestion.en); known: \(known)"),
                    diagnostics: []))
            }
        }
        guard let (file, workflow) = chosen else {
            return .failure(LookupError(message: Text(id: "tidak ada alur kerja '\(name)'", en: "no workflow '\(name)'"), diagnostics: []))
        }
        let calendar = workflow.calendar.flatMap { id in report.calendars.first { $0.id.value == id.value } }
            ?? workflow.calendar.flatMap { id in neighbourCalendar(id.value, beside: file.path) }
        return .success(NamedWorkflow(
            workflow: workflow, diagnostics: report.diagnostics.filter { $0.location.file == file.path },
            calendar: calendar))
    }

    private static func neighbourCalendar(_ id: CalendarID, beside path: String) -> WorkCalendar? {
        let folder = (path as NSString).deletingLastPathComponent
        for candidate in Validator.expand(folder.isEmpty ? "." : folder, recursive: false) ?? []
        where Loader.identity(path: candidate).id == id.rawValue {
            if let calendar = Loader.load(path: candidate).calendar, calendar.id.value == id { return calendar }
        }
        return nil
    }

    /// The calendar with an id among the files in the folder of `path` (as `sop validate` looks
    /// ids up beside a file), or nil.
    public static func calendar(_ id: CalendarID, near path: String) -> WorkCalendar? {
        calendar(id, in: URL(fileURLWithPath: path).deletingLastPathComponent().path, recursive: false)
    }

    /// The calendar with an id among the files of a folder (and its subfolders, when
    /// `recursive`): only the file that declares it is loaded, the others are read as far as
    /// their `kind:` and `id:`. Nil when none does.
    public static func calendar(_ id: CalendarID, in folder: String, recursive: Bool) -> WorkCalendar? {
        for candidate in Validator.expand(folder, recursive: recursive) ?? [] {
            let identity = Loader.identity(path: candidate)
            guard identity.kind == "Calendar", identity.id == id.rawValue, let calendar = Loader.load(path: candidate).calendar else { continue }
            return calendar
        }
        return nil
    }
}

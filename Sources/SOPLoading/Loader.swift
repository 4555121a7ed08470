import SOPCore
import SOPModel
import SOPYAML

/// What a file holds once loaded.
public enum SOPFileContent: Hashable, Sendable {
    /// A workflow (one revision of one SOP).
    case workflow(Workflow)
    /// A calendar of office hours and holidays.
    case calendar(WorkCalendar)
}

/// One file, loaded: its model when it could be built, and every diagnostic about its shape.
public struct LoadedFile: Sendable {
    /// The path as given.
    public var path: String
    /// The file's text, when it could be read and decoded.
    public var text: String?
    /// The model, when the file was well-formed enough to build one (it may still have errors).
    public var content: SOPFileContent?
    /// What was found while reading and loading the file.
    public var diagnostics: [Diagnostic]
    /// Whether the file could not be read at all (missing, a folder, no permission).
    public var isUnreadable: Bool

    /// The workflow, if the file holds one.
    public var workflow: Workflow? {
        if case .workflow(let workflow) = content { workflow } else { nil }
    }
    /// The calendar, if the file holds one.
    public var calendar: WorkCalendar? {
        if case .calendar(let calendar) = content { calendar } else { nil }
    }
}

/// Loads workflow and calendar files: YAML text → located node tree → model, with diagnostics.
public enum Loader {
    /// The kinds of file the loader knows, as written in `kind:`.
    public static let kinds = ["Workflow", "Calendar"]

    /// Reads and loads a file.
    public static func load(path: String) -> LoadedFile {
        let parsed = YAMLReader.read(path: path)
        return load(parsed, file: path)
    }

    /// What a file declares itself to be (`kind:`) and its `id:`, read cheaply without loading it;
    /// nil for either that is missing or unreadable.
    public static func identity(path: String) -> (kind: String?, id: String?) {
        let values = YAMLReader.topLevelScalars(path: path, keys: ["kind", "id"])
        return (values["kind"], values["id"])
    }

    /// Whether two texts say the same in YAML: they differ, if at all, only in comments, blank
    /// lines and indentation (see `YAMLNode.saysTheSame(as:)`). False when either cannot be read.
    public static func saysTheSame(_ text: String, as other: String) -> Bool {
        guard let first = YAMLReader.parse(text, file: "").root, let second = YAMLReader.parse(other, file: "").root else { return false }
        return first.saysTheSame(as: second)
    }

    /// Loads a file's text; `file` names it in diagnostics.
    public static func load(text: String, file: String) -> LoadedFile {
        load(YAMLReader.parse(text, file: file), file: file)
    }

    private static func load(_ parsed: YAMLParseResult, file: String) -> LoadedFile {
        var result = LoadedFile(
            path: file, text: parsed.text, content: nil, diagnostics: parsed.diagnostics,
            isUnreadable: parsed.isUnreadable)
        guard let root = parsed.root, let text = parsed.text else { return result }
        let context = LoadContext(file: file, text: text)
        result.content = loadContent(root, context: context)
        result.diagnostics += context.diagnostics
        return result
    }

    private static func loadContent(_ root: YAMLNode, context: LoadContext) -> SOPFileContent? {
        guard case .mapping(let entries) = root.content else {
            let found = LoadContext.describe(root)
            context.report(.wrongType, at: root.location,
                Text(
                    id: "berkas alur kerja harus berupa pemetaan, ditemukan \(found.id)",
                    en: "a workflow file must be a mapping, found \(found.en)"),
                hint: Text(id: "awali berkas dengan `kind: Workflow`", en: "start the file with `kind: Workflow`"))
            return nil
        }
        guard let kindEntry = entries.first(where: { $0.key == "kind" }) else {
            context.report(.missingKey, at: root.location, Text(id: "berkas tidak memiliki 'kind'", en: "the file has no 'kind'"),
                hint: Text(
                    id: "awali berkas dengan `kind: Workflow` (atau `kind: Calendar`)",
                    en: "start the file with `kind: Workflow` (or `kind: Calendar`)"))
            return nil
        }
        guard let kind = context.text(kindEntry.value, what: .key("kind")) else { return nil }
        switch kind {
        case "Workflow":
            guard let top = context.mapping(root, keys: FormatKeys.workflow, what: Text(id: "alur kerja", en: "workflow")) else { return nil }
            return WorkflowLoader(context: context).load(top).map(SOPFileContent.workflow)
        case "Calendar":
            guard let top = context.mapping(root, keys: FormatKeys.calendar, what: Text(id: "kalender", en: "calendar")) else { return nil }
            return CalendarLoader(context: context).load(top).map(SOPFileContent.calendar)
        case "Scenarios":
            context.report(.invalidValue, at: kindEntry.value.location, Text(
                id: "berkas skenario tidak dibaca sebagai alur kerja",
                en: "a scenario file is not read as a workflow"),
                hint: Text(
                    id: "beri nama berkas berakhiran .scenarios.yaml dan jalankan dengan `sop test`",
                    en: "name the file ending in .scenarios.yaml and run it with `sop test`"))
            return nil
        default:
            context.report(.invalidValue, at: kindEntry.value.location, Text(
                id: "kind '\(kind)' tidak dikenal",
                en: "unknown kind '\(kind)'"),
                hint: Spelling.didYouMean(kind, among: kinds) ?? Text(
                    id: "tulis `kind: Workflow` atau `kind: Calendar`",
                    en: "write `kind: Workflow` or `kind: Calendar`"))
            return nil
        }
    }
}

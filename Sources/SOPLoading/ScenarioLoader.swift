import Foundation
import SOPCore
import SOPModel
import SOPYAML

/// A scenario file, loaded: its scenarios when the file could be read, and every diagnostic
/// about its shape.
public struct LoadedScenarioFile: Sendable {
    /// The path.
    public var path: String
    /// The scenarios, when the file's top could be read (each scenario that could not be read is
    /// left out, and reported).
    public var file: ScenarioFile?
    /// What is wrong with the file's shape.
    public var diagnostics: [Diagnostic]
    /// The file's text, when it could be read.
    public var text: String?
}

/// Reads scenario files: YAML text → located node tree → `ScenarioFile`, with diagnostics.
public enum ScenarioLoader {
    /// The keys of a scenario file.
    public static let fileKeys = ["kind", "workflow", "start", "scenarios"]
    /// The keys of a scenario.
    public static let scenarioKeys = ["name", "start", "channel", "fields", "refused", "actions", "expect"]
    /// The keys an action begins with: what is done.
    public static let verbs = ["complete", "skip", "return", "escalate", "handoff", "withdraw", "attach", "note", "wait"]
    /// The keys of an expectation.
    public static let expectationKeys = [
        "status", "step", "outcome", "handed_off_to", "path", "due", "step_due", "closed_at", "escalated_to", "documents",
    ]

    /// The keys an action may have after its verb.
    public static func optionKeys(of verb: String) -> [String] {
        let common = ["by", "after", "at", "refused", "expect"]
        switch verb {
        case "complete": return common + ["branch", "attach", "waive", "note"]
        case "skip", "return": return common + ["reason"]
        case "escalate": return common + ["to", "reason"]
        case "handoff": return common + ["note"]
        case "wait": return ["expect"]
        default: return common
        }
    }

    /// Reads and loads a file.
    public static func load(path: String) -> LoadedScenarioFile {
        load(YAMLReader.read(path: path), file: path)
    }

    /// Loads a file's text; `file` names it in diagnostics.
    public static func load(text: String, file: String) -> LoadedScenarioFile {
        load(YAMLReader.parse(text, file: file), file: file)
    }

    private static func load(_ parsed: YAMLParseResult, file: String) -> LoadedScenarioFile {
        var result = LoadedScenarioFile(path: file, file: nil, diagnostics: parsed.diagnostics, text: parsed.text)
        guard let root = parsed.root, let text = parsed.text else { return result }
        let context = LoadContext(file: file, text: text)
        result.file = ScenarioReading(context: context, file: file).read(root)
        result.diagnostics += context.diagnostics
        return result
    }
}

/// The reading of one scenario file, reporting into its context.
private struct ScenarioReading {
    let context: LoadContext
    let file: String

    func read(_ root: YAMLNode) -> ScenarioFile? {
        guard case .mapping = root.content else {
            context.report(.wrongType, at: root.location,
                Text(id: "berkas skenario harus berupa pemetaan", en: "a scenario file must be a mapping"),
                hint: Text(id: "awali berkas dengan `kind: Scenarios`", en: "start the file with `kind: Scenarios`"))
            return nil
        }
        guard let top = context.mapping(root, keys: ScenarioLoader.fileKeys, what: Text(id: "berkas skenario", en: "scenario file")) else {
            return nil
        }
        let kindHint = Text(id: "awali berkas dengan `kind: Scenarios`", en: "start the file with `kind: Scenarios`")
        if let kindNode = top.required("kind", hint: kindHint), let kind = context.text(kindNode, what: .key("kind")), kind != "Scenarios" {
            context.report(.invalidValue, at: kindNode.location,
                Text(id: "berkas skenario harus ber-`kind: Scenarios`, bukan '\(kind)'", en: "a scenario file has `kind: Scenarios`, not '\(kind)'"),
                hint: Text(
                    id: "alur kerja dan kalender ditulis dalam berkas yang namanya tidak berakhiran .scenarios.yaml",
                    en: "workflows and calendars go in files whose names do not end in .scenarios.yaml"))
        }
        let workflowHint = Text(id: "sebutkan id alur kerjanya, misalnya `workflow: pengaduan-langsung`",
            en: "name the workflow's id, e.g. `workflow: pengaduan-langsung`")
        let workflow = top.required("workflow", hint: workflowHint).flatMap { node in
            context.text(node, what: .key("workflow")).map { Located($0, at: node.location) }
        }
        let fileStart = top["start"].flatMap { time($0, what: .key("start")) }
        var scenarios: [Scenario] = []
        var names: [String: SourceLocation] = [:]
        if let list = top.required("scenarios").flatMap({ context.sequence($0, what: .key("scenarios")) }) {
            if list.isEmpty, let node = top["scenarios"] {
                context.report(.invalidValue, at: node.location, Text(id: "daftar scenarios kosong", en: "the scenarios list is empty"),
                    hint: Text(id: "tulis setidaknya satu skenario, diawali `- name:`", en: "write at least one scenario, starting with `- name:`"))
            }
            for item in list {
                guard let scenario = scenario(item, fileStart: fileStart, startGiven: top.has("start")) else { continue }
                if let first = names[scenario.name.value] {
                    context.report(.duplicateID, at: scenario.name.location,
                        Text(id: "skenario '\(scenario.name.value)' sudah ada", en: "there is already a scenario '\(scenario.name.value)'"),
                        hint: Text(id: "beri setiap skenario nama tersendiri", en: "give each scenario a name of its own"),
                        notes: [Diagnostic.Note(location: first, message: Text(id: "yang pertama di sini", en: "the first is here"))])
                    continue
                }
                names[scenario.name.value] = scenario.name.location
                scenarios.append(scenario)
            }
        }
        guard let workflow else { return nil }
        return ScenarioFile(path: file, workflow: workflow, scenarios: scenarios)
    }

    private func scenario(_ node: YAMLNode, fileStart: Located<Date>?, startGiven: Bool) -> Scenario? {
        let what = Text(id: "skenario", en: "a scenario")
        guard let map = context.mapping(node, keys: ScenarioLoader.scenarioKeys, what: what) else { return nil }
        let name = map.required("name", hint: Text(id: "beri skenario nama, misalnya `name: Berkas lengkap`", en: "give the scenario a name, e.g. `name: Complete file`"))
            .flatMap { node in context.text(node, what: .key("name")).map { Located($0, at: node.location) } }
        var start = fileStart
        if let node = map["start"] {
            start = time(node, what: .key("start"))
        } else if fileStart == nil, !startGiven {
            context.report(.missingKey, at: node.location,
                Text(id: "skenario tidak menyebut kapan pengaduan dibuka", en: "the scenario does not say when the complaint is opened"),
                hint: Text(
                    id: "tambahkan `start: 2026-12-07T08:00:00+07:00` pada skenario, atau sekali di puncak berkas",
                    en: "add `start: 2026-12-07T08:00:00+07:00` to the scenario, or once at the top of the file"))
        }
        let channel = map["channel"].flatMap { node in context.text(node, what: .key("channel")).map { Located($0, at: node.location) } }
        var fields: [Scenario.Field] = []
        if let node = map["fields"], let entries = context.mapping(node, keys: [], what: .key("fields"), allowingAnyKey: true) {
            for entry in entries.entries {
                guard let value = scalar(entry.value, what: Text(verbatim: entry.key)) else { continue }
                fields.append(Scenario.Field(name: Located(entry.key, at: entry.keyLocation), value: value))
            }
        }
        let refused = map["refused"].flatMap(code)
        var actions: [ScenarioAction] = []
        if let list = map["actions"].flatMap({ context.sequence($0, what: .key("actions")) }) {
            actions = list.compactMap(action)
        }
        if refused != nil, let node = map["actions"], !actions.isEmpty {
            context.report(.conflictingKeys, at: node.location,
                Text(id: "pembukaan yang harus ditolak tidak diikuti tindakan", en: "an opening that must be refused is followed by no actions"),
                hint: Text(id: "hapus `actions:`, atau hapus `refused:` dari skenario", en: "remove `actions:`, or remove `refused:` from the scenario"))
        }
        let expect = map["expect"].flatMap(expectation)
        guard let name, let start else { return nil }
        return Scenario(
            name: name, location: node.location, start: start, channel: channel, fields: fields, refused: refused, actions: actions,
            expect: expect)
    }

    private func action(_ node: YAMLNode) -> ScenarioAction? {
        guard case .mapping(let entries) = node.content, let first = entries.first else {
            context.report(.wrongType, at: node.location,
                Text(id: "tindakan harus berupa pemetaan", en: "an action must be a mapping"),
                hint: Text(id: "misalnya `- complete: periksa-kelengkapan`", en: "for example `- complete: periksa-kelengkapan`"))
            return nil
        }
        guard ScenarioLoader.verbs.contains(first.key) else {
            let verbs = ScenarioLoader.verbs.joined(separator: ", ")
            context.report(.invalidValue, at: first.keyLocation,
                Text(id: "tindakan diawali dengan apa yang dilakukan, bukan '\(first.key)'", en: "an action begins with what is done, not '\(first.key)'"),
                hint: Spelling.didYouMean(first.key, among: ScenarioLoader.verbs)
                    ?? Text(id: "tulis lebih dulu salah satu dari: \(verbs)", en: "write first one of: \(verbs)"))
            return nil
        }
        let verbKey = first.key
        let what = Text(id: "tindakan `\(verbKey)`", en: "the action `\(verbKey)`")
        guard let map = context.mapping(node, keys: [verbKey] + ScenarioLoader.optionKeys(of: verbKey), what: what) else { return nil }
        let value = first.value
        let verb: ScenarioAction.Verb?
        var attachments: [Located<DocumentID>] = []
        switch verbKey {
        case "complete": verb = stepID(value, what: .key(verbKey)).map(ScenarioAction.Verb.complete)
        case "skip": verb = stepID(value, what: .key(verbKey)).map(ScenarioAction.Verb.skip)
        case "return": verb = stepID(value, what: .key(verbKey)).map(ScenarioAction.Verb.returnToReporter)
        case "escalate": verb = stepID(value, what: .key(verbKey)).map(ScenarioAction.Verb.escalate)
        case "handoff": verb = context.text(value, what: .key(verbKey)).map { .handoff(Located($0, at: value.location)) }
        case "withdraw": verb = context.text(value, what: .key(verbKey)).map(ScenarioAction.Verb.withdraw)
        case "note": verb = context.text(value, what: .key(verbKey)).map(ScenarioAction.Verb.note)
        case "wait": verb = duration(value, what: .key(verbKey)).map(ScenarioAction.Verb.wait)
        default:
            attachments = documents(value, what: .key("attach"))
            verb = attachments.isEmpty ? nil : .attach
        }
        if verbKey != "attach", let node = map["attach"] { attachments = documents(node, what: .key("attach")) }
        var waivers: [ScenarioAction.Waiver] = []
        if let node = map["waive"], let entries = context.mapping(node, keys: [], what: .key("waive"), allowingAnyKey: true) {
            for entry in entries.entries {
                guard let document: Located<DocumentID> = context.identifier(entry.key, at: entry.keyLocation, what: Text(id: "dokumen", en: "document")),
                    let reason = context.text(entry.value, what: Text(id: "alasan pengabaian '\(entry.key)'", en: "the reason for waiving '\(entry.key)'"))
                else { continue }
                waivers.append(ScenarioAction.Waiver(document: document, reason: reason))
            }
        }
        let by: Located<ActorID>? = map["by"].flatMap { context.identifier($0, what: .key("by")) }
        let to: Located<ActorID>? = map["to"].flatMap { context.identifier($0, what: .key("to")) }
        let branch = map["branch"].flatMap { node in scalar(node, what: .key("branch")).map { Located($0, at: node.location) } }
        let note = map["note"].flatMap { context.text($0, what: .key("note")) }
        let reason = map["reason"].flatMap { context.text($0, what: .key("reason")) }
        let after = map["after"].flatMap { duration($0, what: .key("after")) }
        let at = map["at"].flatMap { time($0, what: .key("at")) }
        if map.has("after"), map.has("at") {
            context.report(.conflictingKeys, at: map.keyLocation("at"),
                Text(id: "tindakan menyebut `after:` dan `at:` sekaligus", en: "the action gives both `after:` and `at:`"),
                hint: Text(id: "sebutkan salah satu: berapa lama sesudahnya, atau kapan", en: "give one of them: how long later, or when"))
        }
        if ["skip", "return"].contains(verbKey), !map.has("reason") {
            context.report(.missingKey, at: first.keyLocation,
                Text(id: "tindakan `\(verbKey)` tidak menyebut alasannya", en: "the action `\(verbKey)` gives no reason"),
                hint: Text(id: "tambahkan `reason: …`", en: "add `reason: …`"))
        }
        let refused = map["refused"].flatMap(code)
        let expect = map["expect"].flatMap(expectation)
        guard let verb else { return nil }
        return ScenarioAction(
            verb: verb, location: node.location, by: by, branch: branch, attachments: attachments, waivers: waivers, note: note,
            reason: reason, to: to, after: after, at: at, refused: refused, expect: expect)
    }

    private func expectation(_ node: YAMLNode) -> ScenarioExpectation? {
        guard let map = context.mapping(node, keys: ScenarioLoader.expectationKeys, what: .key("expect")) else { return nil }
        var expect = ScenarioExpectation(location: node.location)
        expect.status = map["status"].flatMap { node in context.text(node, what: .key("status")).map { Located($0, at: node.location) } }
        if let node = map["step"] {
            if node.isNull || node.scalar == "-" {
                expect.step = Located(nil, at: node.location)
            } else if let step = stepID(node, what: .key("step")) {
                expect.step = Located(step.value, at: node.location)
            }
        }
        expect.outcome = map["outcome"].flatMap { context.identifier($0, what: .key("outcome")) }
        expect.handedOffTo = map["handed_off_to"].flatMap { node in
            context.text(node, what: .key("handed_off_to")).map { Located($0, at: node.location) }
        }
        if let node = map["path"], let items = context.sequence(node, what: .key("path")) {
            expect.path = Located(items.compactMap { stepID($0, what: .item(of: .key("path"))) }, at: node.location)
        }
        expect.due = map["due"].flatMap { time($0, what: .key("due")) }
        if let node = map["step_due"] {
            if node.isNull || ["-", "–", "—"].contains(node.scalar ?? "") {
                expect.stepDue = Located(nil, at: node.location)
            } else if let due = time(node, what: .key("step_due")) {
                expect.stepDue = Located(due.value, at: node.location)
            }
        }
        expect.closedAt = map["closed_at"].flatMap { time($0, what: .key("closed_at")) }
        expect.escalatedTo = map["escalated_to"].flatMap { context.identifier($0, what: .key("escalated_to")) }
        if let node = map["documents"] {
            expect.documents = Located(documents(node, what: .key("documents"), allowingNone: true), at: node.location)
        }
        return expect
    }

    // MARK: Values

    /// Text as written (numbers and dates stay as typed); an empty value is allowed.
    private func scalar(_ node: YAMLNode, what: Text) -> String? {
        guard case .scalar(let value, _) = node.content else {
            let found = LoadContext.describe(node)
            context.report(.wrongType, at: node.location,
                Text(id: "\(what.id) harus berupa teks, ditemukan \(found.id)", en: "\(what.en) must be text, found \(found.en)"))
            return nil
        }
        return node.isNull ? "" : value
    }

    private func stepID(_ node: YAMLNode, what: Text) -> Located<StepID>? {
        context.identifier(node, what: what)
    }

    private func code(_ node: YAMLNode) -> Located<String>? {
        context.text(node, what: .key("refused")).map { Located($0, at: node.location) }
    }

    /// A document or a list of them.
    private func documents(_ node: YAMLNode, what: Text, allowingNone: Bool = false) -> [Located<DocumentID>] {
        if case .scalar = node.content, !node.isNull {
            return [context.identifier(node, what: what)].compactMap { $0 }
        }
        guard let items = context.sequence(node, what: what) else { return [] }
        if items.isEmpty && !allowingNone {
            context.report(.invalidValue, at: node.location, Text(id: "\(what.id) kosong", en: "\(what.en) is empty"),
                hint: Text(id: "sebutkan id dokumennya", en: "name the documents' ids"))
        }
        return items.compactMap { context.identifier($0, what: .item(of: what)) }
    }

    private func duration(_ node: YAMLNode, what: Text) -> Located<Budget>? {
        context.budget(node, what: what, hint: Text(
            id: "tulis waktu kerja yang berlalu seperti waktu langkah, misalnya `30 menit`, `2 jam` atau `1 hari`",
            en: "write the working time that passes as a step's time is written, e.g. `30 menit`, `2 jam` or `1 hari`"))
    }

    private func time(_ node: YAMLNode, what: Text) -> Located<Date>? {
        guard let value = context.text(node, what: what) else { return nil }
        guard let seconds = InternetTime.secondsSince1970(value) else {
            context.report(.unreadableTime, at: node.location,
                Text(id: "\(what.id) '\(value)' bukan waktu RFC 3339", en: "\(what.en) '\(value)' is not an RFC 3339 time"))
            return nil
        }
        return Located(Date(timeIntervalSince1970: seconds), at: node.location)
    }
}

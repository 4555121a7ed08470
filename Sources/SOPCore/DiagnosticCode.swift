/// A stable diagnostic code with its default severity, a title and a default hint.
///
/// Every code the tool can report is a static member here, so the catalogue lives in one place and
/// the README's table can be checked against it. Codes never change meaning once shipped; a check
/// that goes away leaves its number unused.
public struct DiagnosticCode: Hashable, Sendable, CustomStringConvertible {
    /// The code as printed, for example `SOP0201`.
    public let id: String
    /// The severity a finding with this code has unless a check says otherwise.
    public let severity: Severity
    /// What the code is about, in a few words (used in the README table).
    public let title: String
    /// The default hint, shown when a finding gives no more specific one.
    public let hint: String?

    init(_ id: String, _ severity: Severity, _ title: String, hint: String? = nil) {
        self.id = id
        self.severity = severity
        self.title = title
        self.hint = hint
    }

    public var description: String { id }

    public static func == (lhs: DiagnosticCode, rhs: DiagnosticCode) -> Bool { lhs.id == rhs.id }
    public func hash(into hasher: inout Hasher) { hasher.combine(id) }

    /// The code with the given id, if it is in the catalogue.
    public static func named(_ id: String) -> DiagnosticCode? { all.first { $0.id == id } }

    // MARK: Files (SOP00xx)

    /// The file cannot be read: missing, a folder, no permission.
    public static let unreadableFile = DiagnosticCode(
        "SOP0001", .error, "file cannot be read", hint: "check the path and the file's permissions")
    /// The file is not UTF-8 text (binary, or another encoding).
    public static let invalidEncoding = DiagnosticCode(
        "SOP0002", .error, "file is not UTF-8 text", hint: "save the file as UTF-8 text")
    /// The file is empty or holds only comments.
    public static let emptyFile = DiagnosticCode(
        "SOP0003", .error, "file is empty", hint: "a workflow file starts with `kind: Workflow`")
    /// The file is larger than any workflow file should be.
    public static let fileTooLarge = DiagnosticCode(
        "SOP0004", .error, "file is too large", hint: "a workflow file is a few kilobytes; split it or check the path")
    /// The path names no workflow or calendar file.
    public static let noWorkflowFiles = DiagnosticCode(
        "SOP0005", .error, "no workflow files found", hint: "name a .yaml file or a folder that holds some")

    // MARK: YAML (SOP01xx)

    /// libyaml could not parse the text.
    public static let yamlSyntax = DiagnosticCode("SOP0101", .error, "YAML syntax error")
    /// A mapping has the same key twice.
    public static let duplicateKey = DiagnosticCode(
        "SOP0102", .error, "duplicate key", hint: "remove one of the two, or merge their contents")
    /// Aliases expand to more nodes than allowed, or an alias names no anchor.
    public static let aliasLimit = DiagnosticCode(
        "SOP0103", .error, "alias expansion too large or undefined",
        hint: "write the content out instead of repeating it through aliases")
    /// More than one YAML document in a file.
    public static let multipleDocuments = DiagnosticCode(
        "SOP0104", .error, "more than one document in a file", hint: "put each workflow in a file of its own")
    /// A tag other than YAML's standard ones.
    public static let nonStandardTag = DiagnosticCode(
        "SOP0105", .error, "non-standard YAML tag", hint: "remove the tag; write the value plainly")
    /// Nesting deeper than any workflow needs.
    public static let nestingTooDeep = DiagnosticCode(
        "SOP0106", .error, "nesting too deep", hint: "a workflow file is nested a few levels deep; check the indentation")
    /// A tab used for indentation.
    public static let tabIndentation = DiagnosticCode(
        "SOP0107", .error, "tab used for indentation", hint: "YAML indents with spaces; replace the tab with spaces")
    /// A mapping key that is not a plain scalar.
    public static let complexKey = DiagnosticCode(
        "SOP0108", .error, "mapping key is not text", hint: "write keys as plain words, like `id:`")

    // MARK: Shape (SOP02xx)

    /// A key the format does not know.
    public static let unknownKey = DiagnosticCode("SOP0201", .error, "unknown key")
    /// A key the format requires is missing.
    public static let missingKey = DiagnosticCode("SOP0202", .error, "missing key")
    /// A value of the wrong type (a list where text is expected, and so on).
    public static let wrongType = DiagnosticCode("SOP0203", .error, "wrong type")
    /// A value of the right type that is not allowed (an unknown `kind`, a bad NIP, a bad time zone).
    public static let invalidValue = DiagnosticCode("SOP0204", .error, "invalid value")
    /// Two things of one kind with the same id.
    public static let duplicateID = DiagnosticCode(
        "SOP0205", .error, "duplicate id", hint: "give each one an id of its own")
    /// An id that is not lowercase letters, digits and hyphens.
    public static let invalidID = DiagnosticCode(
        "SOP0206", .error, "invalid id", hint: "use lowercase letters, digits and hyphens, like `periksa-berkas`")
    /// A budget (time) that cannot be read.
    public static let unreadableBudget = DiagnosticCode(
        "SOP0207", .error, "unreadable budget",
        hint: "write it as `15 menit`, `2 jam`, `1 hari`, `3 hari kerja`, `1 x 24 jam`, `2 hari 2 jam`, `15m`, `2h` or `1d`")
    /// A date that is not `YYYY-MM-DD` or does not exist.
    public static let invalidDate = DiagnosticCode(
        "SOP0208", .error, "invalid date", hint: "write dates as YYYY-MM-DD, for example 2023-09-12")
    /// Keys that exclude each other are both present (`next` and `decision`, say).
    public static let conflictingKeys = DiagnosticCode("SOP0209", .error, "conflicting keys")

    // MARK: References (SOP03xx)

    /// An actor id that no `actors:` entry declares.
    public static let unknownActor = DiagnosticCode("SOP0301", .error, "unknown actor")
    /// A document id that no `documents:` entry declares.
    public static let unknownDocument = DiagnosticCode("SOP0302", .error, "unknown document")
    /// A step id that no step has.
    public static let unknownStep = DiagnosticCode("SOP0303", .error, "unknown step")
    /// A calendar id that no calendar file declares.
    public static let unknownCalendar = DiagnosticCode("SOP0304", .error, "unknown calendar")
    /// A workflow id (related SOP or hand-off) that no workflow file declares.
    public static let unknownWorkflow = DiagnosticCode("SOP0305", .error, "unknown workflow")
    /// A workflow that names itself as related or hands off to itself.
    public static let selfReference = DiagnosticCode(
        "SOP0306", .error, "workflow refers to itself", hint: "name another SOP, or remove the entry")
    /// An outcome id that no `outcomes:` entry declares.
    public static let unknownOutcome = DiagnosticCode("SOP0307", .error, "unknown outcome")

    // MARK: Flow (SOP04xx)

    /// A step that no path from the first step reaches.
    public static let unreachableStep = DiagnosticCode(
        "SOP0401", .error, "unreachable step",
        hint: "point a `next`, `goto` or branch at it, or remove it")
    /// A step from which no path leads to an end.
    public static let noPathToEnd = DiagnosticCode(
        "SOP0402", .error, "no path to an end", hint: "give some step after it an `end:` or a hand-off")
    /// Steps that lead only to each other: once entered, the case never ends.
    public static let loopWithoutExit = DiagnosticCode(
        "SOP0403", .error, "loop with no exit", hint: "give one step of the loop a branch that leaves it")
    /// A decision with fewer than two branches.
    public static let tooFewBranches = DiagnosticCode(
        "SOP0404", .error, "decision with fewer than two branches",
        hint: "a decision needs at least two branches; use `next:` for a single way on")
    /// Two branches of one decision with the same label.
    public static let duplicateBranchLabel = DiagnosticCode(
        "SOP0405", .error, "duplicate branch label", hint: "give each branch its own label, like `Ya` and `Tidak`")
    /// A step that says neither where to go next nor that the flow ends.
    public static let missingTransition = DiagnosticCode(
        "SOP0406", .error, "step has no way on",
        hint: "add one of `next:`, `decision:`, `end:` or `handoff:`")
    /// Branches with rules where none is a default: a case can match no branch.
    public static let noDefaultBranch = DiagnosticCode(
        "SOP0407", .warning, "decision may match no branch",
        hint: "leave `when:` off one branch, so it is taken when no rule holds, or let staff choose")

    // MARK: Rules (SOP05xx)

    /// A rule that cannot be parsed.
    public static let ruleSyntax = DiagnosticCode("SOP0501", .error, "rule syntax error")
    /// A rule that does not type-check against the declared fields.
    public static let ruleType = DiagnosticCode("SOP0502", .error, "rule type error")

    // MARK: Documents and time (SOP06xx)

    /// A document a step needs that is not produced before it on some path.
    public static let inputNotProduced = DiagnosticCode(
        "SOP0601", .warning, "input not produced before the step",
        hint: "add the document to the `outputs:` of an earlier step, mark it `optional: true`, or `external: true` in `documents:`")
    /// A document produced that no later step uses.
    public static let unusedOutput = DiagnosticCode("SOP0602", .info, "output not used by a later step")
    /// The declared total time differs from the time of the longest path.
    public static let totalMismatch = DiagnosticCode(
        "SOP0603", .warning, "declared total differs from the steps",
        hint: "correct `total:` or the step budgets; keep it as signed if the signed SOP says so")
    /// A document declared that no step uses or produces.
    public static let unusedDocument = DiagnosticCode("SOP0604", .warning, "document never used")
    /// An actor declared that no step names.
    public static let unusedActor = DiagnosticCode("SOP0605", .warning, "actor never used")
    /// One NIP signed under different names in two SOPs.
    public static let approverMismatch = DiagnosticCode(
        "SOP0606", .warning, "approver differs between SOPs",
        hint: "check the signed documents; keep the name as signed if the document says so")

    // MARK: Calendars (SOP07xx)

    /// Office hours that cannot be read or do not make sense.
    public static let invalidOfficeHours = DiagnosticCode(
        "SOP0701", .error, "invalid office hours", hint: "write office hours as `07:30-16:00`, start before end")
    /// The same holiday date twice.
    public static let duplicateHoliday = DiagnosticCode("SOP0702", .error, "holiday listed twice")
    /// A calendar with no office hours on any day.
    public static let noWorkingTime = DiagnosticCode(
        "SOP0703", .error, "calendar has no office hours", hint: "give at least one weekday office hours")

    // MARK: Revisions (SOP08xx)

    /// `--against` names a file of another workflow.
    public static let revisionOtherWorkflow = DiagnosticCode(
        "SOP0801", .error, "revision of another workflow", hint: "compare two revisions of the same SOP (same `id:`)")
    /// The new revision number is not higher than the old one.
    public static let revisionNotHigher = DiagnosticCode(
        "SOP0802", .error, "revision number not higher", hint: "raise `revision:` above the old revision's")
    /// A step that cases in flight may stand on was removed or renamed.
    public static let stepRemoved = DiagnosticCode(
        "SOP0803", .warning, "step removed: breaking for cases in flight",
        hint: "cases standing on this step cannot move to the new revision without a step mapping")
    /// A field, channel or outcome that cases in flight may carry was removed.
    public static let definitionRemoved = DiagnosticCode(
        "SOP0804", .warning, "definition removed: breaking for cases in flight")

    /// Every code, in order.
    public static let all: [DiagnosticCode] = [
        unreadableFile, invalidEncoding, emptyFile, fileTooLarge, noWorkflowFiles,
        yamlSyntax, duplicateKey, aliasLimit, multipleDocuments, nonStandardTag, nestingTooDeep,
        tabIndentation, complexKey,
        unknownKey, missingKey, wrongType, invalidValue, duplicateID, invalidID, unreadableBudget,
        invalidDate, conflictingKeys,
        unknownActor, unknownDocument, unknownStep, unknownCalendar, unknownWorkflow, selfReference,
        unknownOutcome,
        unreachableStep, noPathToEnd, loopWithoutExit, tooFewBranches, duplicateBranchLabel,
        missingTransition, noDefaultBranch,
        ruleSyntax, ruleType,
        inputNotProduced, unusedOutput, totalMismatch, unusedDocument, unusedActor, approverMismatch,
        invalidOfficeHours, duplicateHoliday, noWorkingTime,
        revisionOtherWorkflow, revisionNotHigher, stepRemoved, definitionRemoved,
    ]
}

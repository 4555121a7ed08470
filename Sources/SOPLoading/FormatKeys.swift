/// The keys the loader accepts in each kind of mapping of a workflow or calendar file.
///
/// This is the one list the loader reads keys from, and the JSON Schemas in `schemas/` must allow
/// exactly these keys: a test compares each section with the schema's `$defs` entry of the same
/// name (`workflow` and `calendar` with the schemas' top level).
public enum FormatKeys {
    /// The top level of a workflow file.
    public static let workflow = [
        "kind", "id", "revision", "title", "document", "calendar", "actors", "documents", "fields",
        "channels", "outcomes", "intake", "total", "escalation", "steps",
    ]
    /// `document:`, the header of the signed SOP.
    public static let header = [
        "organization", "number", "created", "revised", "effective", "approved_by", "legal_basis",
        "qualifications", "related", "equipment", "warnings", "recording",
    ]
    /// `document.approved_by:`.
    public static let approver = ["name", "position", "rank", "nip"]
    /// One entry of `document.related:`.
    public static let related = ["workflow", "title"]
    /// One actor under `actors:`.
    public static let actor = ["name", "external", "description"]
    /// A step's `actor:` when several actors share it.
    public static let actorGroup = ["all", "any"]
    /// One document under `documents:`.
    public static let document = ["name", "external", "description"]
    /// One field under `fields:`.
    public static let field = ["type", "label", "required", "values", "description"]
    /// One channel under `channels:`.
    public static let channel = ["name", "description"]
    /// One outcome under `outcomes:`.
    public static let outcome = ["name", "status", "description"]
    /// One entry of `intake:`.
    public static let intakeRule = ["rule", "message"]
    /// One entry of `steps:`.
    public static let step = [
        "id", "activity", "actor", "budget", "inputs", "outputs", "remarks", "optional", "escalation",
        "next", "decision", "end", "handoff",
    ]
    /// One entry of a step's `inputs:` or `outputs:` written as a mapping.
    public static let documentUse = ["document", "optional"]
    /// A step's `optional:` written as a mapping.
    public static let optionalWhen = ["when"]
    /// One level of `escalation:`, of a step or of the workflow (the whole case): the mapping
    /// itself, or each item of a list of levels.
    public static let escalation = ["to", "after"]
    /// `handoff:` of a step or a branch.
    public static let handoff = ["workflow", "title", "note"]
    /// `total:` written as a mapping: a maximum ("paling lama").
    public static let totalMaximum = ["max"]
    /// A step's `decision:`.
    public static let decision = ["question", "branches"]
    /// One entry of `decision.branches:`.
    public static let branch = ["label", "when", "goto", "end", "handoff"]
    /// The top level of a calendar file.
    public static let calendar = ["kind", "id", "name", "time_zone", "hours", "years", "holidays", "not_holidays"]
    /// A calendar's `hours:`.
    public static let hours = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    /// One entry of a calendar's `holidays:`.
    public static let holiday = ["date", "name", "differs"]
    /// One entry of a calendar's `not_holidays:`.
    public static let notHoliday = ["date", "reason"]

    /// Every section by the name the schemas use for it.
    public static let sections: [String: [String]] = [
        "workflow": workflow, "header": header, "approver": approver, "related": related,
        "actor": actor, "actorGroup": actorGroup, "document": document, "field": field,
        "channel": channel, "outcome": outcome, "intakeRule": intakeRule, "step": step,
        "documentUse": documentUse, "optionalWhen": optionalWhen, "escalation": escalation,
        "handoff": handoff, "totalMaximum": totalMaximum, "decision": decision, "branch": branch, "calendar": calendar,
        "hours": hours, "holiday": holiday, "notHoliday": notHoliday,
    ]
}

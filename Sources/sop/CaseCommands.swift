import ArgumentParser
import Foundation
import SOPCore
import SOPEngine
import SOPModel
import SOPRender
import SOPService

/// `sop case …`: open and step complaints.
struct CaseCommandGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case",
        abstract: "Pengaduan — open, step and look at complaint cases.",
        subcommands: [
            OpenCase.self, StepCase.self, ShowCase.self, ListCases.self, HistoryCase.self, SkipCase.self,
            ReturnCase.self, EscalateCase.self, HandOffCase.self, WithdrawCase.self, NoteCase.self,
        ]
    )
}

/// The width of text tables: $COLUMNS or 120.
var terminalWidth: Int {
    max(80, min(ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init) ?? 120, 400))
}

/// Prints where a case stands after a command, as text or JSON.
func report(_ state: CaseState, service: CaseService, format: OutputFormat, now: Date) throws {
    let timeline = try perform { () throws(ServiceError) -> CaseTimeline in try service.timeline(of: state, now: now) }
    switch format {
    case .text: print(CaseText.summary(timeline))
    case .json: print(try CaseJSON.encode(timeline))
    }
}

/// Runs one action on a case for the acting user now, and prints where the case stands.
func act(
    _ store: StoreOptions, format: OutputFormat, _ action: (CaseService, Date) throws(ServiceError) -> CaseState
) throws {
    let service = try store.service()
    let now = try currentTime()
    let state = try perform { () throws(ServiceError) -> CaseState in try action(service, now) }
    try report(state, service: service, format: format, now: now)
}

struct OpenCase: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "open", abstract: "Buka pengaduan — open a complaint on the newest valid revision of an SOP.")
    @OptionGroup var store: StoreOptions
    @OptionGroup var user: UserOptions
    @Argument(help: "The workflow id, e.g. pengaduan-langsung.") var workflow: String
    @Option(name: .customLong("field"), help: "A field value: NAME=VALUE (repeat).") var fields: [String] = []
    @Option(help: "The channel the complaint came in through.") var channel: String?
    @Option(name: .customLong("attach"), help: "A document: DOC=FILE (repeat).") var attachments: [String] = []
    @Option(help: "Output format: text or json.") var format: OutputFormat = .text

    func run() throws {
        var values: [String: String] = [:]
        for field in fields {
            guard let equals = field.firstIndex(of: "="), equals != field.startIndex else {
                throw ValidationError("--field takes NAME=VALUE; '\(field)' has no '='")
            }
            values[String(field[..<equals])] = String(field[field.index(after: equals)...])
        }
        let requests = try attachments.map { text -> AttachmentRequest in
            guard let request = AttachmentRequest(parsing: text) else { throw ValidationError("--attach takes DOC=FILE; '\(text)' is not") }
            return request
        }
        let service = try store.service(creating: true)
        let now = try currentTime()
        let opened = try perform { () throws(ServiceError) -> OpenedCase in
            try service.openCase(workflow: workflow, fields: values, channel: channel, attachments: requests, user: user.resolved, at: now)
        }
        // A newer revision with errors is never used; say which one was passed over, and why.
        for revision in opened.passedOver {
            printError("sop: warning: revision \(revision.revision) of '\(workflow)' (\(revision.path)) has \(revision.errors.count) error(s), "
                + "so the case opened on revision \(opened.state.workflow.revision) instead: "
                + revision.errors.prefix(3).map(\.description).joined(separator: "; ")
                + " — fix them (`sop validate \(revision.path)`)")
        }
        try report(opened.state, service: service, format: format, now: now)
    }
}

struct StepCase: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "step", abstract: "Selesaikan langkah — complete the current step of a complaint.",
        discussion: "Outputs of the step must be attached (--attach DOC=FILE) or waived (--waive DOC --reason TEXT). A decision takes --yes, --no or --branch LABEL, unless its rule decides.")
    @OptionGroup var store: StoreOptions
    @OptionGroup var user: UserOptions
    @Argument(help: "The case: its number or register number.") var id: String
    @Flag(help: "Choose the branch 'Ya'.") var yes = false
    @Flag(help: "Choose the branch 'Tidak'.") var no = false
    @Option(help: "Choose a branch by its label.") var branch: String?
    @Option(name: .customLong("attach"), help: "A document: DOC=FILE (repeat).") var attachments: [String] = []
    @Option(name: .customLong("waive"), help: "A document the step produces that is waived (repeat; needs --reason).") var waivers: [String] = []
    @Option(help: "Why documents are waived.") var reason: String?
    @Option(help: "A note for the history.") var note: String?
    @Option(help: "The step you mean; refused if the case stands elsewhere.") var step: String?
    @Option(help: "Output format: text or json.") var format: OutputFormat = .text

    func validate() throws {
        if [yes, no, branch != nil].filter({ $0 }).count > 1 { throw ValidationError("give only one of --yes, --no and --branch") }
        if !waivers.isEmpty && reason == nil { throw ValidationError("--waive needs --reason TEXT") }
    }

    func run() throws {
        let requests = try attachments.map { text -> AttachmentRequest in
            guard let request = AttachmentRequest(parsing: text) else { throw ValidationError("--attach takes DOC=FILE; '\(text)' is not") }
            return request
        }
        let label = yes ? "Ya" : no ? "Tidak" : branch
        let service = try store.service()
        let now = try currentTime()
        let state = try perform { () throws(ServiceError) -> CaseState in
            try service.step(id, StepRequest(branch: label, attachments: requests, waivers: waivers, reason: reason, note: note, step: step), user: user.resolved, at: now)
        }
        try report(state, service: service, format: format, now: now)
    }
}

struct ShowCase: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Lini masa pengaduan — a complaint's timeline: each step, who, when, budget against time taken.",
        discussion: "--format svg draws the complaint's path through the flowchart of its SOP's revision (steps numbered in the order visited, budget against time taken beside each); --format html is a page with the picture and a table of the visits.")
    @OptionGroup var store: StoreOptions
    @Argument(help: "The case: its number or register number.") var id: String
    @Flag(help: "Show personal data (NIK, phone, e-mail) in full.") var reveal = false
    @Option(help: "Output format: text, json, svg or html.") var format: ShowFormat = .text
    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.") var output: String?

    func run() throws {
        let service = try store.service()
        let now = try currentTime()
        switch format {
        case .text, .json:
            let timeline = try perform { () throws(ServiceError) -> CaseTimeline in try service.timeline(id, now: now, revealPersonalData: reveal) }
            let text = format == .text ? CaseText.timeline(timeline, width: terminalWidth) : try CaseJSON.encode(timeline) + "\n"
            try emit(text, to: output, command: "case show")
        case .svg, .html:
            let (workflow, data) = try perform { () throws(ServiceError) -> (Workflow, CaseTimelineData) in
                let state = try service.load(id).state
                let timeline = try service.timeline(of: state, now: now, revealPersonalData: reveal)
                return (try service.revision(of: state).engine.workflow, CaseTimelineData(timeline, state: state))
            }
            let text = format == .svg
                ? CaseTimelineSVG(workflow: workflow, data: data).render() : CaseTimelineHTML(workflow: workflow, data: data).render()
            try emit(text, to: output, command: "case show")
        }
    }
}

struct HistoryCase: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "history", abstract: "Riwayat pengaduan — every event of a complaint, in order.")
    @OptionGroup var store: StoreOptions
    @Argument(help: "The case: its number or register number.") var id: String
    @Flag(help: "Show personal data (NIK, phone, e-mail) in full.") var reveal = false
    @Option(help: "Output format: text or json.") var format: OutputFormat = .text

    func run() throws {
        let service = try store.service()
        let events = try perform { () throws(ServiceError) -> [CaseEvent] in try service.history(id, revealPersonalData: reveal) }
        switch format {
        case .text: print(CaseText.history(events), terminator: "")
        case .json: print(try CaseJSON.encode(events))
        }
    }
}

struct ListCases: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Daftar pengaduan — list complaints by status, SOP, step, role, channel, dates, overdue.")
    @OptionGroup var store: StoreOptions
    @Option(help: "open, waiting-for-reporter, resolved, rejected, withdrawn or closed (repeat).") var status: [CaseStatus] = []
    @Option(help: "The workflow id.") var workflow: String?
    @Option(help: "The current step id.") var step: String?
    @Option(help: "The actor role that does the current step.") var role: String?
    @Option(help: "The channel id.") var channel: String?
    @Option(help: "Opened on or after this date (YYYY-MM-DD, Jakarta time).") var from: String?
    @Option(help: "Opened on or before this date (YYYY-MM-DD, Jakarta time).") var to: String?
    @Flag(help: "Only cases whose current step is past its deadline.") var overdue = false
    @Option(help: "At most this many.") var limit: Int?
    @Option(help: "Output format: text or json.") var format: OutputFormat = .text

    func validate() throws {
        if let limit, limit < 0 { throw ValidationError("--limit takes a number of cases, 0 or more") }
    }

    func run() throws {
        let service = try store.service()
        let now = try currentTime()
        let query = CaseQuery(
            statuses: status.isEmpty ? nil : Set(status), workflow: workflow, step: step, role: role, channel: channel,
            openedFrom: try from.map { try day($0, option: "--from") }, openedTo: try to.map { try day($0, option: "--to").addingTimeInterval(86_400) },
            overdue: overdue, limit: limit)
        let items = try perform { () throws(ServiceError) -> [CaseListItem] in try service.list(query, now: now) }
        switch format {
        case .text: print(CaseText.list(items, width: terminalWidth), terminator: "")
        case .json: print(JSONValue.array(items.map(\.jsonValue)).prettyPrinted())
        }
    }

    private func day(_ text: String, option: String) throws -> Date {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Clock.timeZone
        guard parts.count == 3, text.count == 10,
            let date = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])),
            calendar.component(.day, from: date) == parts[2]
        else { throw ValidationError("\(option) takes a date YYYY-MM-DD; '\(text)' is not one") }
        return date
    }
}

extension CaseStatus: ExpressibleByArgument {}

/// What every action on a case takes: the database, the acting user, the case, the format.
struct CaseAction: ParsableArguments {
    @OptionGroup var store: StoreOptions
    @OptionGroup var user: UserOptions
    @Argument(help: "The case: its number or register number.") var id: String
    @Option(help: "Output format: text or json.") var format: OutputFormat = .text

    /// Runs one service call on the case for the acting user now, and prints where it stands.
    func run(_ call: (CaseService, String, String?, Date) throws(ServiceError) -> CaseState) throws {
        try act(store, format: format) { (service, now) throws(ServiceError) in try call(service, id, user.resolved, now) }
    }
}

struct SkipCase: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "skip", abstract: "Lewati langkah — skip the current step, if it is optional (bila perlu).")
    @OptionGroup var action: CaseAction
    @Option(help: "Why the step is not needed.") var reason: String

    func run() throws {
        try action.run { (service, id, user, now) throws(ServiceError) in try service.skip(id, reason: reason, user: user, at: now) }
    }
}

struct ReturnCase: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "return", abstract: "Kembalikan ke pelapor — return the complaint to the reporter for rework.")
    @OptionGroup var action: CaseAction
    @Option(help: "What the reporter must complete or correct.") var reason: String

    func run() throws {
        try action.run { (service, id, user, now) throws(ServiceError) in
            try service.returnToReporter(id, reason: reason, user: user, at: now)
        }
    }
}

struct EscalateCase: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "escalate", abstract: "Eskalasi — hand the current step to the escalation actor (or --to ACTOR).")
    @OptionGroup var action: CaseAction
    @Option(help: "The actor to escalate to (default: the step's escalation).") var to: String?
    @Option(help: "Why.") var reason: String?

    func run() throws {
        try action.run { (service, id, user, now) throws(ServiceError) in
            try service.escalate(id, to: to, reason: reason, user: user, at: now)
        }
    }
}

struct HandOffCase: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "handoff", abstract: "Teruskan ke SOP lain — hand the complaint off to another SOP.")
    @OptionGroup var action: CaseAction
    @Option(help: "The workflow id of the other SOP.") var to: String
    @Option(help: "A note for the receiving office.") var note: String?

    func run() throws {
        try action.run { (service, id, user, now) throws(ServiceError) in
            try service.handOff(id, to: to, note: note, user: user, at: now)
        }
    }
}

struct WithdrawCase: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "withdraw", abstract: "Cabut pengaduan — record that the reporter withdrew the complaint.")
    @OptionGroup var action: CaseAction
    @Option(help: "Why.") var reason: String

    func run() throws {
        try action.run { (service, id, user, now) throws(ServiceError) in try service.withdraw(id, reason: reason, user: user, at: now) }
    }
}

struct NoteCase: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "note", abstract: "Catatan — add a note to a complaint.")
    @OptionGroup var action: CaseAction
    @Argument(help: "The note.") var text: String

    func run() throws {
        try action.run { (service, id, user, now) throws(ServiceError) in try service.note(id, text: text, user: user, at: now) }
    }
}

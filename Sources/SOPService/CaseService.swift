import Foundation
import SOPCore
import SOPEngine
import SOPLoading
import SOPModel
import SOPStorage
import SOPValidation

/// A staff member's request that cannot be carried out, or a report that cannot be made: what is
/// wrong and the way out. The one error type users see from the library.
public struct ServiceError: Error, Sendable, CustomStringConvertible {
    /// The kind of problem, from the catalogue (an engine code, `store`, `workflow`, `case`,
    /// `user`, `file`, `period`, …).
    public let code: ErrorCode
    /// What is wrong and what to do, in both languages.
    public let message: Text
    /// Whether the problem is with input that cannot be read (a file, the database): exit 2.
    public let isUnreadableInput: Bool

    /// An error of this kind; for the layers above the service (reports) as well.
    package init(_ code: ErrorCode, _ message: Text, isUnreadableInput: Bool = false) {
        self.code = code
        self.message = message
        self.isUnreadableInput = isUnreadableInput
    }

    /// The message in English, for test failures and logs.
    public var description: String { message.en }

    static func engine(_ error: EngineError) -> ServiceError { ServiceError(error.code, error.message) }
    package static func store(_ error: any Error) -> ServiceError {
        // A damaged case keeps its code: scripts tell it from a database that cannot be opened.
        let code: ErrorCode = (error as? StoreError)?.code == .damagedCase ? .damagedCase : .store
        return ServiceError(code, message(of: error), isUnreadableInput: true)
    }

    /// What an error from below says, in both languages when it is one of ours.
    static func message(of error: any Error) -> Text {
        switch error {
        case let error as StoreError: error.message
        case let error as EngineError: error.message
        case let error as ServiceError: error.message
        default: Text(verbatim: "\(error)")
        }
    }

    /// `; did you mean 'x'?`, or nothing.
    static func suggestion(_ word: String, among candidates: some Sequence<String>) -> Text {
        Spelling.closest(to: word, among: candidates).map { Text(verbatim: "; ") + Spelling.suggestion($0) } ?? Text(verbatim: "")
    }

    /// The first three errors of a file, `; `-separated, for a message that refuses the file.
    static func firstErrors(_ errors: [Diagnostic]) -> Text {
        errors.prefix(3).map(\.summary).joined(separator: "; ")
    }
}

/// A document to attach: which document of the workflow, and the file holding it.
public struct AttachmentRequest: Hashable, Sendable {
    /// The document id.
    public var document: String
    /// The path of the file.
    public var path: String

    /// Creates a request.
    public init(document: String, path: String) {
        self.document = document
        self.path = path
    }

    /// Reads `DOC=FILE`.
    public init?(parsing text: String) {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex, text.index(after: equals) != text.endIndex else { return nil }
        document = String(text[..<equals])
        path = String(text[text.index(after: equals)...])
    }
}

/// What `sop case step` asks for.
public struct StepRequest: Hashable, Sendable {
    /// The branch label chosen (`Ya`, `Tidak`, …), or nil to let the rule decide.
    public var branch: String?
    /// Documents to attach.
    public var attachments: [AttachmentRequest]
    /// Documents to waive, with the reason.
    public var waivers: [String]
    /// The reason for the waivers.
    public var reason: String?
    /// A note.
    public var note: String?
    /// The step the user means, to refuse a step the case no longer stands on.
    public var step: String?

    /// Creates a request.
    public init(branch: String? = nil, attachments: [AttachmentRequest] = [], waivers: [String] = [], reason: String? = nil, note: String? = nil, step: String? = nil) {
        self.branch = branch
        self.attachments = attachments
        self.waivers = waivers
        self.reason = reason
        self.note = note
        self.step = step
    }
}

/// Opens and steps complaint cases: workflows from the workflows folder (new cases) or from the
/// text stored with each case (cases in flight), the engine for the rules, the store for the data.
public struct CaseService: Sendable {
    /// The store.
    public let store: any CaseStore
    /// The folder of workflow and calendar files.
    public let workflowsFolder: String

    /// When what it writes is recorded, when a member of staff states the time it happened
    /// (`--at`); nil when things are recorded as they happen, at the time each command is given.
    public private(set) var recordingTime: Date?

    /// Creates a service.
    public init(store: any CaseStore, workflowsFolder: String) {
        self.store = store
        self.workflowsFolder = workflowsFolder
    }

    /// This service, for commands that state when something happened (`--at`: a complaint
    /// received on paper) while they are recorded at `clock`: a stated time is never in the future
    /// (nor, for a case, before its last event), and each event keeps both times.
    public func stating(recordedAt clock: Date) -> CaseService {
        var service = self
        service.recordingTime = clock
        return service
    }

    /// Events as recorded: with their recording time when their time was stated. Refuses a stated
    /// time later than the recording time.
    func recorded(_ events: [CaseEvent], at instant: Date) throws(ServiceError) -> [CaseEvent] {
        guard let recordingTime else { return events }
        guard instant <= recordingTime else {
            throw ServiceError(.statedTimeInFuture, Text(
                id: "waktu yang dinyatakan dengan --at lebih lambat daripada sekarang: yang belum terjadi tidak dicatat; "
                    + "sebutkan waktu kejadiannya",
                en: "the time stated with --at is later than now: what has not happened is not recorded; state when it happened"))
        }
        guard instant < recordingTime else { return events }
        return events.map { event in
            var event = event
            event.recordedAt = recordingTime
            return event
        }
    }

    /// The workflows folder as a library: its files, read when asked.
    public var library: WorkflowLibrary { WorkflowLibrary(folder: workflowsFolder) }

    // MARK: Workflows

    /// A workflow revision with its engine.
    public struct Runnable: Sendable {
        /// The engine (its workflow, reference and working time).
        public let engine: Engine
        /// The calendar.
        public let calendar: WorkCalendar
        /// The exact text, when it was read (a published revision, a file compared against the cases).
        public let text: WorkflowText?
    }

    /// The newest published revision of a workflow (`sop publish`): new cases open on it, never
    /// on a file given at the command line.
    public func newestRevision(of id: String) throws(ServiceError) -> Runnable {
        guard let newest = try publishedRevisions(of: id).first, let revision = newest.revision else {
            throw try nothingPublished(of: id)
        }
        return try published(WorkflowReference(id: WorkflowID(id), revision: revision, contentHash: newest.hash))
    }

    /// A published revision, with its text (stored already) and the calendar it names.
    func published(_ reference: WorkflowReference) throws(ServiceError) -> Runnable {
        let text: String?
        do {
            text = try store.workflowText(hash: reference.contentHash)
        } catch {
            throw .store(error)
        }
        guard let text, let workflow = Loader.load(text: text, file: "\(reference.id)@\(reference.revision)").workflow else {
            throw ServiceError(.workflow, Text(
                id: "teks revisi \(reference.revision) dari '\(reference.id)' yang diterbitkan tidak ada di basis data atau tidak dapat dimuat",
                en: "the published text of revision \(reference.revision) of '\(reference.id)' is missing from the database or cannot be loaded"),
                isUnreadableInput: true)
        }
        let stored = WorkflowText(text: text, workflow: reference.id, revision: reference.revision)
        return try runnable(workflow, hash: reference.contentHash, calendar: calendar(for: workflow), text: stored)
    }

    /// The revision a case runs on, from the text stored with it.
    public func revision(of state: CaseState) throws(ServiceError) -> Runnable {
        try revision(state.workflow, of: state.registerNumber)
    }

    /// A revision case `registerNumber` runs or ran on, from the text stored with it.
    public func revision(_ reference: WorkflowReference, of registerNumber: String) throws(ServiceError) -> Runnable {
        let text: String?
        do {
            text = try store.workflowText(hash: reference.contentHash)
        } catch {
            throw .store(error)
        }
        guard let text else {
            throw ServiceError(.workflow, Text(
                id: "teks alur kerja '\(reference.id)' revisi \(reference.revision) yang dipakai pengaduan \(registerNumber) tidak ada di basis data",
                en: "the text of workflow '\(reference.id)' revision \(reference.revision) that case \(registerNumber) runs on is missing from the database"))
        }
        let loaded = Loader.load(text: text, file: "\(reference.id)@\(reference.revision)")
        guard let workflow = loaded.workflow else {
            throw ServiceError(.workflow, Text(
                id: "teks tersimpan alur kerja '\(reference.id)' revisi \(reference.revision) tidak dapat dimuat",
                en: "the stored text of workflow '\(reference.id)' revision \(reference.revision) cannot be loaded"))
        }
        return try runnable(workflow, hash: reference.contentHash, calendar: calendar(for: workflow))
    }

    /// The calendar a workflow names: the newest one published. A database of an earlier sop,
    /// which published no calendars (its cases read them from the folder), reads the workflows
    /// folder's while it is a declared-identity one; an office's database never does.
    public func calendar(for workflow: Workflow) throws(ServiceError) -> WorkCalendar {
        let id = workflow.calendar?.value
        if let id, let calendar = try publishedCalendar(id) { return calendar }
        let office: OfficeSetup?
        do { office = try store.office() } catch { throw .store(error) }
        if let id, office?.identity.isOffice != true, let calendar = library.calendar(id) { return calendar }
        throw ServiceError(.workflow, Text(
            id: "kalender '\(id?.rawValue ?? "-")' milik alur kerja '\(workflow.id.value)' belum diterbitkan: administrator "
                + "menerbitkannya bersama alur kerjanya (`sop publish BERKAS`)",
            en: "the calendar '\(id?.rawValue ?? "-")' of workflow '\(workflow.id.value)' is not published: an administrator "
                + "publishes it with its workflow (`sop publish FILE`)"))
    }

    func runnable(_ workflow: Workflow, hash: String, calendar: WorkCalendar, text: WorkflowText? = nil) throws(ServiceError) -> Runnable {
        guard let workingTime = WorkingTime(calendar: calendar) else {
            throw ServiceError(.workflow, Text(
                id: "kalender '\(calendar.id.value)' tidak memiliki jam kerja atau zona waktu yang dapat dipakai",
                en: "calendar '\(calendar.id.value)' has no usable office hours or time zone"))
        }
        let reference = WorkflowReference(id: workflow.id.value, revision: workflow.revision.value, contentHash: hash)
        return Runnable(engine: Engine(workflow: workflow, reference: reference, workingTime: workingTime), calendar: calendar, text: text)
    }

    // MARK: Users

    /// The performer for a user in the staff registry.
    public func performer(_ user: String?) throws(ServiceError) -> Performer {
        guard let user, !user.isEmpty else {
            throw ServiceError(.user, Text(
                id: "sebutkan siapa Anda: `--as PENGGUNA` atau variabel lingkungan SOP_USER",
                en: "say who you are: `--as USER` or the environment variable SOP_USER"))
        }
        let member: StaffMember?
        do {
            member = try store.staffMember(user)
        } catch {
            throw .store(error)
        }
        guard let member else {
            throw ServiceError(.user, Text(
                id: "pengguna '\(user)' tidak terdaftar sebagai staf; administrator menambahkannya dengan `sop staff add \(user) --role PERAN`",
                en: "user '\(user)' is not in the staff registry; an administrator adds them with `sop staff add \(user) --role ROLE`"))
        }
        return Performer(user: member.user, roles: Set(member.roles.map { ActorID($0) }))
    }

    // MARK: Cases

    /// Opens a case on the newest published revision of a workflow.
    public func open(
        workflow id: String, fields: [String: String], channel: String?, attachments: [AttachmentRequest],
        user: String?, at instant: Date
    ) throws(ServiceError) -> CaseState {
        let performer = try performer(user)
        _ = try recorded([], at: instant)
        let runnable = try newestRevision(of: id)
        let (documents, contents) = try read(attachments, engine: runnable.engine, step: runnable.engine.workflow.steps.first?.id.value)
        do {
            return try store.openCase(at: instant, workflowText: nil, attachments: contents) { number, register in
                var events = try runnable.engine.open(
                    OpenRequest(fields: fields, channel: channel, number: number, registerNumber: register), by: performer, at: instant)
                for document in documents {
                    events.append(CaseEvent(sequence: events.count + 1, at: instant, by: performer.user, kind: .documentAttached(document)))
                }
                return try recorded(events, at: instant)
            }
        } catch let error as EngineError {
            throw .engine(error)
        } catch {
            throw .store(error)
        }
    }

    /// Runs a command on a case (looked up by number or register number), with optimistic concurrency.
    /// `command` builds the engine command and may read attachment files; their contents are
    /// stored in the same transaction as the events.
    public func run(
        _ reference: String, user: String?, at instant: Date,
        _ command: (Engine, CaseState, inout [Data]) throws(ServiceError) -> CaseCommand
    ) throws(ServiceError) -> CaseState {
        let performer = try performer(user)
        let stored = try load(reference)
        let runnable = try revision(of: stored.state)
        var contents: [Data] = []
        let command = try command(runnable.engine, stored.state, &contents)
        var events: [CaseEvent]
        do {
            events = try runnable.engine.handle(command, on: stored.state, by: performer, at: instant)
        } catch {
            throw .engine(error)
        }
        events = try recorded(events, at: instant)
        do {
            return try store.append(
                events, attachments: contents, to: stored.state.number, expectedVersion: stored.state.version, from: stored.state)
        } catch let error as StoreError where error.code == .conflict {
            throw ServiceError(.conflict, error.message)
        } catch {
            throw .store(error)
        }
    }

    /// Runs a command that attaches nothing.
    public func run(_ reference: String, user: String?, at instant: Date, _ command: CaseCommand) throws(ServiceError) -> CaseState {
        try run(reference, user: user, at: instant) { (_: Engine, _: CaseState, _: inout [Data]) throws(ServiceError) -> CaseCommand in command }
    }

    /// Completes the current step of a case.
    public func step(_ reference: String, _ request: StepRequest, user: String?, at instant: Date) throws(ServiceError) -> CaseState {
        try run(reference, user: user, at: instant) { (engine: Engine, state: CaseState, contents: inout [Data]) throws(ServiceError) -> CaseCommand in
            let (documents, data) = try read(request.attachments, engine: engine, step: state.active?.step)
            contents = data
            var waivers: [DocumentID: String] = [:]
            if !request.waivers.isEmpty {
                guard let reason = request.reason, !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
                    let list = request.waivers.joined(separator: ", ")
                    throw ServiceError(.reasonRequired, Text(
                        id: "pengabaian \(list) memerlukan alasan: tambahkan `--reason TEKS`",
                        en: "waiving \(list) needs a reason: add `--reason TEXT`"))
                }
                for document in request.waivers { waivers[DocumentID(document)] = reason }
            }
            return .complete(step: request.step.map { StepID($0) }, branch: request.branch, attachments: documents, waivers: waivers, note: request.note)
        }
    }

    /// The case and its events.
    public func load(_ reference: String) throws(ServiceError) -> StoredCase {
        let stored: StoredCase?
        do {
            stored = try store.loadCase(reference)
        } catch {
            throw .store(error)
        }
        guard let stored else {
            throw ServiceError(.case, Text(
                id: "tidak ada pengaduan '\(reference)'; lihat daftar pengaduan dengan `sop case list`",
                en: "no case '\(reference)'; list cases with `sop case list`"))
        }
        return stored
    }

    /// A regular file's content, refused before reading when it is larger than the store takes.
    private func readAttachment(_ request: AttachmentRequest) throws(ServiceError) -> Data {
        let limit = store.attachmentLimit
        let attributes = try? FileManager.default.attributesOfItem(atPath: request.path)
        guard let attributes, attributes[.type] as? FileAttributeType == .typeRegular else {
            throw ServiceError(.file, Text(
                id: "'\(request.path)' tidak dapat dilampirkan sebagai '\(request.document)': bukan berkas yang dapat dibaca; periksa jalurnya",
                en: "cannot attach '\(request.path)' as '\(request.document)': it is not a file that can be read; check the path"), isUnreadableInput: true)
        }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        guard size <= limit else {
            throw ServiceError(.file, Text(
                id: "'\(request.path)' berukuran \(size) bita, melebihi batas lampiran \(limit); lampirkan berkas yang lebih kecil",
                en: "'\(request.path)' is \(size) bytes, more than the limit of \(limit) for an attachment; attach a smaller file"))
        }
        guard let handle = FileHandle(forReadingAtPath: request.path) else {
            throw ServiceError(.file, Text(
                id: "'\(request.path)' tidak dapat dibaca; periksa izin berkasnya",
                en: "cannot read '\(request.path)'; check its permissions"), isUnreadableInput: true)
        }
        defer { try? handle.close() }
        // Never more than the limit, even from a file that grows while it is read.
        guard let data = try? handle.read(upToCount: limit + 1) ?? Data() else {
            throw ServiceError(.file, Text(
                id: "'\(request.path)' tidak dapat dibaca",
                en: "cannot read '\(request.path)'"), isUnreadableInput: true)
        }
        guard data.count <= limit else {
            throw ServiceError(.file, Text(
                id: "'\(request.path)' melebihi batas lampiran \(limit) bita",
                en: "'\(request.path)' is more than the limit of \(limit) bytes for an attachment"))
        }
        return data
    }

    /// Reads files to attach and hashes them; they are stored with the events, in one transaction.
    private func read(_ requests: [AttachmentRequest], engine: Engine, step: StepID?) throws(ServiceError) -> ([AttachedDocument], [Data]) {
        var documents: [AttachedDocument] = []
        var contents: [Data] = []
        for request in requests {
            let documentIDs = engine.workflow.documents.map(\.id.value.rawValue)
            guard documentIDs.contains(request.document) else {
                let suggestion = ServiceError.suggestion(request.document, among: documentIDs)
                throw ServiceError(.unknownDocument, Text(
                    id: "alur kerja tidak memiliki dokumen '\(request.document)'\(suggestion.id)",
                    en: "the workflow has no document '\(request.document)'\(suggestion.en)"))
            }
            let data = try readAttachment(request)
            documents.append(AttachedDocument(
                document: DocumentID(request.document), sha256: ContentHash.hex(data),
                fileName: (request.path as NSString).lastPathComponent, size: data.count, step: step))
            contents.append(data)
        }
        return (documents, contents)
    }
}

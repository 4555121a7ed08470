import ArgumentParser
import Foundation
import SOPCore
import SOPEngine
import SOPModel
import SOPRender
import SOPService
import SOPStorage

/// `sop case …`: open and step complaints.
struct CaseCommandGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case",
        abstract: tr(id: "Pengaduan — buka, jalankan, dan lihat pengaduan.", en: "Complaints — open, step and look at complaint cases."),
        subcommands: [
            OpenCase.self, StepCase.self, ShowCase.self, ListCases.self, HistoryCase.self, DocumentCase.self, SkipCase.self,
            ReturnCase.self, EscalateCase.self, HandOffCase.self, WithdrawCase.self, NoteCase.self, RevealsCase.self,
        ]
    )
    @OptionGroup var global: GlobalOptions
}

/// The width of text tables: $COLUMNS or 120.
var terminalWidth: Int {
    max(80, min(ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init) ?? 120, 400))
}

/// Prints where a case stands after a command, as text or JSON.
func report(_ state: CaseState, service: CaseService, format: OutputFormat, now: Date) throws {
    let timeline = try perform { () throws(ServiceError) -> CaseTimeline in try service.timeline(of: state, now: now) }
    switch format {
    case .text: printSafely(CaseText.summary(timeline, language: language))
    case .json: try printJSON(timeline)
    }
}


struct OpenCase: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: tr(
            id: "Buka pengaduan pada revisi terbit terbaru sebuah SOP (`sop publish`).",
            en: "Open a complaint on the newest published revision of an SOP (`sop publish`)."))
    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: StoreOptions
    @OptionGroup var user: UserOptions
    @OptionGroup var stated: StatedTimeOptions
    @Argument(
        help: help(id: "Id alur kerja, misalnya pengaduan-langsung.", en: "The workflow id, e.g. pengaduan-langsung."),
        completion: Completions.publishedWorkflows) var workflow: String
    @Option(name: .customLong("field"), help: help(
        id: "Nilai isian: NAMA=NILAI (dapat diulang).",
        en: "A field value: NAME=VALUE (repeat).")) var fields: [String] = []
    @Option(help: help(id: "Kanal masuknya pengaduan.", en: "The channel the complaint came in through.")) var channel: String?
    @Option(name: .customLong("attach"), help: help(
        id: "Dokumen: DOK=BERKAS (dapat diulang).",
        en: "A document: DOC=FILE (repeat).")) var attachments: [String] = []
    @Option(help: help(id: "Format keluaran: text atau json.", en: "Output format: text or json.")) var format: OutputFormat = .text

    func run() throws {
        var values: [String: String] = [:]
        for field in fields {
            guard let equals = field.firstIndex(of: "="), equals != field.startIndex else {
                throw ValidationError(tr(
                    id: "--field memerlukan NAMA=NILAI; '\(field)' tidak memuat '='",
                    en: "--field takes NAME=VALUE; '\(field)' has no '='"))
            }
            values[String(field[..<equals])] = String(field[field.index(after: equals)...])
        }
        let requests = try attachments.map { text -> AttachmentRequest in
            guard let request = AttachmentRequest(parsing: text) else {
                throw ValidationError(tr(
                    id: "--attach memerlukan DOK=BERKAS; '\(text)' tidak demikian", en: "--attach takes DOC=FILE; '\(text)' is not"))
            }
            return request
        }
        let session = try store.session(user, writing: true)
        let (service, now) = try stated.resolve(session)
        let opened = try perform { () throws(ServiceError) -> CaseState in
            try service.open(workflow: workflow, fields: values, channel: channel, attachments: requests, user: session.user, at: now)
        }
        try report(opened, service: service, format: format, now: now)
    }
}

struct StepCase: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "step",
        abstract: tr(id: "Selesaikan langkah pengaduan yang sedang berjalan.", en: "Complete the current step of a complaint."),
        discussion: tr(
            id: "Output langkah harus dilampirkan (--attach DOK=BERKAS) atau diabaikan (--waive DOK --reason TEKS). "
                + "Keputusan memerlukan --yes, --no, atau --branch LABEL, kecuali aturannya sudah menentukan.",
            en: "Outputs of the step must be attached (--attach DOC=FILE) or waived (--waive DOC --reason TEXT). "
                + "A decision takes --yes, --no or --branch LABEL, unless its rule decides."))
    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: StoreOptions
    @OptionGroup var user: UserOptions
    @OptionGroup var stated: StatedTimeOptions
    @Argument(help: help(id: "Pengaduan: nomor atau nomor registernya.", en: "The case: its number or register number."), completion: Completions.openCases) var id: String
    @Flag(help: help(id: "Pilih cabang 'Ya'.", en: "Choose the branch 'Ya'.")) var yes = false
    @Flag(help: help(id: "Pilih cabang 'Tidak'.", en: "Choose the branch 'Tidak'.")) var no = false
    @Option(help: help(id: "Pilih cabang menurut labelnya.", en: "Choose a branch by its label.")) var branch: String?
    @Option(name: .customLong("attach"), help: help(
        id: "Dokumen: DOK=BERKAS (dapat diulang).",
        en: "A document: DOC=FILE (repeat).")) var attachments: [String] = []
    @Option(name: .customLong("waive"), help: help(
        id: "Dokumen hasil langkah yang diabaikan (dapat diulang; memerlukan --reason).",
        en: "A document the step produces that is waived (repeat; needs --reason).")) var waivers: [String] = []
    @Option(help: help(id: "Alasan dokumen diabaikan.", en: "Why documents are waived.")) var reason: String?
    @Option(help: help(id: "Catatan untuk riwayat.", en: "A note for the history.")) var note: String?
    @Option(help: help(
        id: "Langkah yang dimaksud; ditolak bila pengaduan berada di langkah lain.",
        en: "The step you mean; refused if the case stands elsewhere.")) var step: String?
    @Option(help: help(id: "Format keluaran: text atau json.", en: "Output format: text or json.")) var format: OutputFormat = .text

    func validate() throws {
        if [yes, no, branch != nil].filter({ $0 }).count > 1 {
            throw ValidationError(tr(
                id: "berikan hanya salah satu dari --yes, --no, dan --branch", en: "give only one of --yes, --no and --branch"))
        }
        if !waivers.isEmpty && reason == nil {
            throw ValidationError(tr(id: "--waive memerlukan --reason TEKS", en: "--waive needs --reason TEXT"))
        }
    }

    func run() throws {
        let requests = try attachments.map { text -> AttachmentRequest in
            guard let request = AttachmentRequest(parsing: text) else {
                throw ValidationError(tr(
                    id: "--attach memerlukan DOK=BERKAS; '\(text)' tidak demikian", en: "--attach takes DOC=FILE; '\(text)' is not"))
            }
            return request
        }
        let label = yes ? "Ya" : no ? "Tidak" : branch
        let session = try store.session(user, writing: true)
        let (service, now) = try stated.resolve(session)
        let state = try perform { () throws(ServiceError) -> CaseState in
            try service.step(id, StepRequest(branch: label, attachments: requests, waivers: waivers, reason: reason, note: note, step: step), user: session.user, at: now)
        }
        try report(state, service: service, format: format, now: now)
    }
}

struct ShowCase: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: tr(
            id: "Lini masa pengaduan: setiap langkah, siapa, kapan, waktu yang dianggarkan dan yang terpakai.",
            en: "A complaint's timeline: each step, who, when, budget against time taken."),
        discussion: tr(
            id: "--format svg menggambar jalur pengaduan pada bagan alir revisi SOP-nya (langkah diberi nomor sesuai urutan dilalui, anggaran dan waktu terpakai di samping tiap langkah); --format html adalah halaman berisi gambar itu dan tabel kunjungan langkah.",
            en: "--format svg draws the complaint's path through the flowchart of its SOP's revision (steps numbered in the order visited, budget against time taken beside each); --format html is a page with the picture and a table of the visits."))
    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: StoreOptions
    @OptionGroup var user: UserOptions
    @Argument(help: help(id: "Pengaduan: nomor atau nomor registernya.", en: "The case: its number or register number."), completion: Completions.openCases) var id: String
    @Flag(help: revealHelp) var reveal = false
    @Option(help: help(id: "Format keluaran: text, json, svg atau html.", en: "Output format: text, json, svg or html.")) var format: ShowFormat = .text
    @Option(name: .shortAndLong, help: help(id: "Tulis ke berkas ini, bukan ke keluaran standar.", en: "Write to this file instead of standard output.")) var output: String?

    func run() throws {
        let session = try store.session(user, writing: reveal)
        let (service, now) = (session.service, session.now)
        if reveal { try recordReveal(id, session: session, command: "case show") }
        // The database and the workflows folder (where the case's calendar is looked up) are read;
        // --output never replaces them.
        let reads = output == nil ? [] : ReadFile.database(store.path) + ReadFile.workflowsFolder(store.workflows)
        let fileExtension = format == .text ? "txt" : format.rawValue
        switch format {
        case .text, .json:
            let timeline = try perform { () throws(ServiceError) -> CaseTimeline in try service.timeline(id, now: now, revealPersonalData: reveal) }
            let text = format == .text ? CaseText.timeline(timeline, width: terminalWidth, language: language) : try JSONOutput.text(timeline) + "\n"
            try emit(text, to: output, command: "case show", reads: reads, fileExtension: fileExtension)
        case .svg, .html:
            let (workflow, data) = try perform { () throws(ServiceError) -> (Workflow, CaseTimelineData) in
                let state = try service.load(id).state
                let timeline = try service.timeline(of: state, now: now, revealPersonalData: reveal)
                return (try service.revision(of: state).engine.workflow, CaseTimelineData(timeline, state: state, language: language))
            }
            // The picture's words, dates and data in the language of this run; the SOP's as written.
            let text = format == .svg
                ? CaseTimelineSVG(workflow: workflow, data: data, language: language).render()
                : CaseTimelineHTML(workflow: workflow, data: data, language: language).render()
            try emit(text, to: output, command: "case show", reads: reads, fileExtension: fileExtension)
        }
    }
}

/// `--reveal`'s help: who may, and that it is recorded.
let revealHelp = help(
    id: "Tampilkan data pribadi (NIK, telepon, e-mail) secara lengkap: hanya bagi petugas yang memegang peran SOP pengaduan itu; "
        + "dicatat (siapa, kapan, pengaduan mana: `sop case reveals`).",
    en: "Show personal data (NIK, phone, e-mail) in full: only for staff holding a role of the case's SOP; "
        + "it is recorded (who, when, which case: `sop case reveals`).")

/// Checks that the acting user may see the case's personal data in full, and records it.
func recordReveal(_ id: String, session: Session, command: String) throws {
    _ = try perform { () throws(ServiceError) -> StoredCase in
        try session.service.reveal(id, user: session.user, command: command, at: session.now)
    }
}

/// `sop case reveals [ID]`: who saw personal data in full, and when.
struct RevealsCase: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reveals",
        abstract: tr(
            id: "Siapa melihat data pribadi pengaduan secara lengkap (--reveal), kapan, dengan perintah apa.",
            en: "Who saw a case's personal data in full (--reveal), when, by which command."))
    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: StoreOptions
    @Argument(help: help(id: "Pengaduan (bawaan: semua).", en: "The case (default: all)."), completion: Completions.openCases) var id: String?
    @Option(help: help(id: "Format keluaran: text atau json.", en: "Output format: text or json.")) var format: OutputFormat = .text

    func run() throws {
        let service = try store.session(writing: false).service
        let reveals = try perform { () throws(ServiceError) -> [Reveal] in try service.reveals(of: id) }
        switch format {
        case .text:
            if reveals.isEmpty { printSafely(tr(id: "Belum ada yang melihat data pribadi secara lengkap.", en: "No one has seen personal data in full.")) }
            for reveal in reveals {
                printSafely("\(reveal.number). \(TimeText.date(reveal.at, in: language))  \(reveal.by): \(reveal.command) \(reveal.caseNumber)")
            }
        case .json: try printJSON(reveals)
        }
    }
}

struct HistoryCase: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: tr(id: "Riwayat pengaduan: setiap peristiwa, berurutan.", en: "Every event of a complaint, in order."))
    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: StoreOptions
    @OptionGroup var user: UserOptions
    @Argument(help: help(id: "Pengaduan: nomor atau nomor registernya.", en: "The case: its number or register number."), completion: Completions.openCases) var id: String
    @Flag(help: revealHelp) var reveal = false
    @Option(help: help(id: "Format keluaran: text atau json.", en: "Output format: text or json.")) var format: OutputFormat = .text

    func run() throws {
        let session = try store.session(user, writing: reveal)
        if reveal { try recordReveal(id, session: session, command: "case history") }
        let service = session.service
        let events = try perform { () throws(ServiceError) -> [CaseEvent] in try service.history(id, revealPersonalData: reveal) }
        switch format {
        case .text:
            let names = (try? service.channelNames(id)) ?? [:]
            printSafely(CaseText.history(events, language: language, channelNames: names), terminator: "")
        case .json: try printJSON(events)
        }
    }
}

struct DocumentCase: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "document",
        abstract: tr(
            id: "Salin lampiran pengaduan ke sebuah berkas, setelah diperiksa terhadap SHA-256-nya.",
            en: "Copy a complaint's attachment to a file, checked against its SHA-256 first."),
        discussion: tr(
            id: "Bila dokumen itu dilampirkan lebih dari sekali, lampiran terakhir yang disalin. Berkas tujuan tidak boleh sudah ada. "
                + "Status keluar: 0 ditulis, 1 tidak ada lampiran itu atau berkasnya sudah ada, 2 basis data rusak atau berkas tidak dapat ditulis.",
            en: "When the document was attached more than once, the latest attachment is copied. The file must not exist yet. "
                + "Exit status: 0 written, 1 no such attachment or the file exists, 2 a damaged database or a file that cannot be written."))
    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: StoreOptions
    @Argument(help: help(id: "Pengaduan: nomor atau nomor registernya.", en: "The case: its number or register number."), completion: Completions.openCases) var id: String
    @Argument(
        help: help(id: "Id dokumen dalam alur kerja, misalnya formulir-pengaduan.", en: "The document's id in the workflow, e.g. formulir-pengaduan."),
        completion: Completions.documents)
    var document: String
    @Option(name: .shortAndLong, help: help(id: "Berkas tujuan (belum ada).", en: "The file to write (one that does not exist yet)."))
    var output: String
    @Option(help: help(id: "Format keluaran: text atau json.", en: "Output format: text or json.")) var format: OutputFormat = .text

    /// What was written, for `--format json`.
    struct Written: Encodable {
        let document: String
        let fileName: String
        let size: Int
        let sha256: String
        let output: String
    }

    func run() throws {
        let service = try store.session(writing: false).service
        let (record, content) = try perform { () throws(ServiceError) -> (record: AttachedDocument, content: Data) in
            try service.attachedDocument(id, document: document)
        }
        guard !FileManager.default.fileExists(atPath: output) else {
            printError(tr(
                id: "sop: '\(output)' sudah ada; tidak ada yang ditulis: sebutkan berkas lain dengan --output",
                en: "sop: '\(output)' already exists; nothing was written: name another file with --output"))
            throw ExitCode.refused
        }
        do {
            try content.write(to: URL(fileURLWithPath: output), options: [.withoutOverwriting])
        } catch {
            printError(tr(
                id: "sop: '\(output)' tidak dapat ditulis: \(error.localizedDescription)",
                en: "sop: cannot write '\(output)': \(error.localizedDescription)"))
            throw ExitCode.unusableInput
        }
        switch format {
        case .text:
            printSafely(tr(
                id: "Lampiran \(record.document) (\(record.fileName), \(record.size) bita, sha256 \(record.sha256)) ditulis ke \(output).",
                en: "Attachment \(record.document) (\(record.fileName), \(record.size) bytes, sha256 \(record.sha256)) written to \(output)."))
        case .json:
            try printJSON(Written(
                document: record.document.rawValue, fileName: record.fileName, size: record.size, sha256: record.sha256, output: output))
        }
    }
}

struct ListCases: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: tr(
            id: "Daftar pengaduan menurut status, SOP, langkah, peran, kanal, tanggal, dan keterlambatan.",
            en: "List complaints by status, SOP, step, role, channel, dates, overdue."))
    @OptionGroup var global: GlobalOptions
    @OptionGroup var store: StoreOptions
    @Option(help: help(
        id: "terbuka, menunggu-pelapor, selesai, ditolak, dicabut atau ditutup, seperti di tabel (atau open, waiting-for-reporter, "
            + "resolved, rejected, withdrawn, closed; dapat diulang).",
        en: "open, waiting-for-reporter, resolved, rejected, withdrawn or closed, or the words of the tables in Bahasa Indonesia "
            + "(terbuka, menunggu-pelapor, selesai, ditolak, dicabut, ditutup; repeat).")) var status: [CaseStatus] = []
    @Option(help: help(id: "Id alur kerja.", en: "The workflow id.")) var workflow: String?
    @Option(help: help(id: "Id langkah yang sedang berjalan.", en: "The current step id.")) var step: String?
    @Option(help: help(
        id: "Peran pelaksana langkah yang sedang berjalan.",
        en: "The actor role that does the current step.")) var role: String?
    @Option(help: help(id: "Id kanal.", en: "The channel id.")) var channel: String?
    @Option(help: help(
        id: "Dibuka pada atau sesudah tanggal ini (YYYY-MM-DD, WIB).",
        en: "Opened on or after this date (YYYY-MM-DD, Jakarta time).")) var from: String?
    @Option(help: help(
        id: "Dibuka pada atau sebelum tanggal ini (YYYY-MM-DD, WIB).",
        en: "Opened on or before this date (YYYY-MM-DD, Jakarta time).")) var to: String?
    @Flag(help: help(
        id: "Hanya pengaduan yang langkahnya sudah lewat tenggat.",
        en: "Only cases whose current step is past its deadline.")) var overdue = false
    @Option(help: help(id: "Paling banyak sejumlah ini.", en: "At most this many.")) var limit: Int?
    @Option(help: help(id: "Format keluaran: text atau json.", en: "Output format: text or json.")) var format: OutputFormat = .text

    func validate() throws {
        if let limit, limit < 0 {
            throw ValidationError(tr(
                id: "--limit memerlukan jumlah pengaduan, 0 atau lebih", en: "--limit takes a number of cases, 0 or more"))
        }
    }

    func run() throws {
        let session = try store.session(writing: false)
        let (service, now) = (session.service, session.now)
        let query = CaseQuery(
            statuses: status.isEmpty ? nil : Set(status), workflow: workflow, step: step, role: role, channel: channel,
            openedFrom: try from.map { try day($0, option: "--from") }, openedTo: try to.map { try day($0, option: "--to").addingTimeInterval(86_400) },
            overdue: overdue, limit: limit)
        let items = try perform { () throws(ServiceError) -> [CaseListItem] in try service.list(query, now: now) }
        switch format {
        case .text: printSafely(CaseText.list(items, width: terminalWidth, language: language), terminator: "")
        case .json: printCaseListJSON(items)
        }
    }

    private func day(_ text: String, option: String) throws -> Date {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeText.timeZone
        guard parts.count == 3, text.count == 10,
            let date = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])),
            calendar.component(.day, from: date) == parts[2]
        else {
            throw ValidationError(tr(
                id: "\(option) memerlukan tanggal YYYY-MM-DD; '\(text)' bukan tanggal",
                en: "\(option) takes a date YYYY-MM-DD; '\(text)' is not one"))
        }
        return date
    }
}

extension CaseStatus: ExpressibleByArgument {
    /// The id (`waiting-for-reporter`), or the word a table shows in either language, any case,
    /// with `-` or a space between words (`menunggu-pelapor`, `"menunggu pelapor"`, `Selesai`).
    public init?(argument: String) {
        let word = argument.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: " ", with: "-")
        guard let status = CaseStatus(rawValue: word) ?? CaseStatus.allCases.first(where: { status in
            [status.label.id, status.label.en].contains { $0.replacingOccurrences(of: " ", with: "-") == word }
        }) else { return nil }
        self = status
    }
}

/// What every action on a case takes: the database, the acting user, the case, the format.
struct CaseAction: ParsableArguments {
    @OptionGroup var store: StoreOptions
    @OptionGroup var user: UserOptions
    @OptionGroup var stated: StatedTimeOptions
    @Argument(help: help(id: "Pengaduan: nomor atau nomor registernya.", en: "The case: its number or register number."), completion: Completions.openCases) var id: String
    @Option(help: help(id: "Format keluaran: text atau json.", en: "Output format: text or json.")) var format: OutputFormat = .text

    /// Runs one service call on the case for the acting user now, and prints where it stands.
    func run(_ call: (CaseService, String, String?, Date) throws(ServiceError) -> CaseState) throws {
        let session = try store.session(user, writing: true)
        let (service, time) = try stated.resolve(session)
        let state = try perform { () throws(ServiceError) -> CaseState in try call(service, id, session.user, time) }
        try report(state, service: session.service, format: format, now: session.now)
    }
}

struct SkipCase: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "skip",
        abstract: tr(
            id: "Lewati langkah yang sedang berjalan, bila langkah itu opsional (bila perlu).",
            en: "Skip the current step, if it is optional (bila perlu)."))
    @OptionGroup var global: GlobalOptions
    @OptionGroup var action: CaseAction
    @Option(help: help(id: "Alasan langkah ini tidak diperlukan.", en: "Why the step is not needed.")) var reason: String

    func run() throws {
        try action.run { (service, id, user, now) throws(ServiceError) in try service.skip(id, reason: reason, user: user, at: now) }
    }
}

struct ReturnCase: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "return",
        abstract: tr(
            id: "Kembalikan pengaduan kepada pelapor untuk dilengkapi atau diperbaiki.",
            en: "Return the complaint to the reporter for rework."))
    @OptionGroup var global: GlobalOptions
    @OptionGroup var action: CaseAction
    @Option(help: help(
        id: "Hal yang harus dilengkapi atau diperbaiki pelapor.",
        en: "What the reporter must complete or correct.")) var reason: String

    func run() throws {
        try action.run { (service, id, user, now) throws(ServiceError) in
            try service.returnToReporter(id, reason: reason, user: user, at: now)
        }
    }
}

struct EscalateCase: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "escalate",
        abstract: tr(
            id: "Eskalasi: serahkan langkah yang sedang berjalan kepada pelaksana eskalasi (atau --to PELAKSANA).",
            en: "Hand the current step to the escalation actor (or --to ACTOR)."))
    @OptionGroup var global: GlobalOptions
    @OptionGroup var action: CaseAction
    @Option(help: help(
        id: "Pelaksana tujuan eskalasi (bawaan: eskalasi langkah itu).",
        en: "The actor to escalate to (default: the step's escalation).")) var to: String?
    @Option(help: help(id: "Alasannya.", en: "Why.")) var reason: String?

    func run() throws {
        try action.run { (service, id, user, now) throws(ServiceError) in
            try service.escalate(id, to: to, reason: reason, user: user, at: now)
        }
    }
}

struct HandOffCase: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "handoff",
        abstract: tr(id: "Teruskan pengaduan ke SOP lain.", en: "Hand the complaint off to another SOP."))
    @OptionGroup var global: GlobalOptions
    @OptionGroup var action: CaseAction
    @Option(help: help(
        id: "SOP tujuan: id alur kerjanya, atau judulnya bila belum berupa berkas alur kerja.",
        en: "The other SOP: its workflow id, or its title when it has no workflow file.")) var to: String
    @Option(help: help(id: "Catatan untuk kantor penerima.", en: "A note for the receiving office.")) var note: String?

    func run() throws {
        try action.run { (service, id, user, now) throws(ServiceError) in
            try service.handOff(id, to: to, note: note, user: user, at: now)
        }
    }
}

struct WithdrawCase: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "withdraw",
        abstract: tr(id: "Catat bahwa pelapor mencabut pengaduannya.", en: "Record that the reporter withdrew the complaint."))
    @OptionGroup var global: GlobalOptions
    @OptionGroup var action: CaseAction
    @Option(help: help(id: "Alasannya.", en: "Why.")) var reason: String

    func run() throws {
        try action.run { (service, id, user, now) throws(ServiceError) in try service.withdraw(id, reason: reason, user: user, at: now) }
    }
}

struct NoteCase: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "note", abstract: tr(id: "Tambahkan catatan pada pengaduan.", en: "Add a note to a complaint."))
    @OptionGroup var global: GlobalOptions
    @OptionGroup var action: CaseAction
    @Argument(help: help(id: "Catatan.", en: "The note.")) var text: String

    func run() throws {
        try action.run { (service, id, user, now) throws(ServiceError) in try service.note(id, text: text, user: user, at: now) }
    }
}

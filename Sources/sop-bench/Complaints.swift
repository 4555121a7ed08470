import Foundation
import SOPEngine
import SOPLoading
import SOPModel
import SOPStorage

/// The shipped SOP 067/12351 (pengaduan-langsung) and its calendar, loaded once, with the staff
/// and the commands of the three complaint paths the engine, store and cli suites drive.
struct Complaints: Sendable {
    /// One of the ways a complaint goes through SOP 067/12351.
    enum Path: String, CaseIterable, Codable, Sendable {
        /// Steps 1, 2 (Ya), 3 (Ya): resolved at the front office.
        case frontOffice = "front-office"
        /// All 7 steps, each required output attached.
        case full
        /// Step 2 Tidak (returned to the reporter), step 1 again, then resolved at the front office.
        case returned
    }

    /// One command of a path: what, by whom, and how many minutes after the one before.
    struct Move: Sendable {
        var command: CaseCommand
        var performer: Performer
        var minutes: Int
    }

    /// The bytes of every document the paths attach (one stored attachment, named by every case),
    /// so that a seeded database verifies as one written through sop does.
    static let documentBytes = Data((0..<48_213).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
    static let documentHash = ContentHash.hex(documentBytes)

    /// The workflow file, relative to the repository root.
    static let workflowPath = "workflows/pengaduan-langsung.yaml"
    /// The calendar file.
    static let calendarPath = "workflows/jam-kerja-kebumen.yaml"

    /// The workflow's exact text (stored by the store suites).
    let text: String
    /// The workflow.
    let workflow: Workflow
    /// Its working time.
    let workingTime: WorkingTime
    /// The front-office clerk.
    let frontOffice = Performer(user: "siti", roles: ["front-office"])
    /// A member of the complaint team.
    let team = Performer(user: "budi", roles: ["tim-pengaduan"])
    /// The commands of each path, in order.
    let moves: [Path: [Move]]

    /// Loads the workflow and the calendar from the repository root; throws when either does not load.
    init() throws(BenchFailure) {
        guard let text = try? String(contentsOfFile: Self.workflowPath, encoding: .utf8),
              let workflow = Loader.load(text: text, file: Self.workflowPath).workflow
        else { throw BenchFailure(description: "cannot load \(Self.workflowPath)") }
        guard let calendar = Loader.load(path: Self.calendarPath).calendar, let workingTime = WorkingTime(calendar: calendar) else {
            throw BenchFailure(description: "cannot load the calendar \(Self.calendarPath)")
        }
        self.text = text
        self.workflow = workflow
        self.workingTime = workingTime
        let frontOffice = frontOffice
        let team = team
        func step(_ branch: String? = nil, _ documents: [DocumentID] = [], by performer: Performer, after minutes: Int = 5) -> Move {
            let attachments = documents.map {
                AttachedDocument(
                    document: $0, sha256: Self.documentHash, fileName: "\($0).pdf", size: Self.documentBytes.count, step: nil)
            }
            return Move(
                command: .complete(step: nil, branch: branch, attachments: attachments, waivers: [:], note: nil),
                performer: performer, minutes: minutes)
        }
        moves = [
            .frontOffice: [
                step(nil, ["formulir-pengaduan"], by: frontOffice),
                step("Ya", ["catatan-register"], by: frontOffice),
                step("Ya", by: frontOffice),
            ],
            .full: [
                step(nil, ["formulir-pengaduan"], by: frontOffice),
                step("Ya", ["catatan-register"], by: frontOffice),
                step("Tidak", by: frontOffice),
                step(nil, ["rancangan-tindak-lanjut"], by: team, after: 120),
                step(nil, ["bukti-hasil-tindak-lanjut"], by: team, after: 240),
                step(nil, ["tanggapan-pelapor"], by: frontOffice, after: 30),
                step(nil, ["rekapan-pengaduan"], by: team),
            ],
            .returned: [
                step(nil, ["formulir-pengaduan"], by: frontOffice),
                step("Tidak", ["catatan-register"], by: frontOffice),
                step(by: frontOffice, after: 60),
                step("Ya", by: frontOffice),
                step("Ya", by: frontOffice),
            ],
        ]
    }

    /// An engine for the workflow, its cases recorded against `contentHash`.
    func engine(contentHash: String) -> Engine {
        Engine(
            workflow: workflow,
            reference: WorkflowReference(id: workflow.id.value, revision: workflow.revision.value, contentHash: contentHash),
            workingTime: workingTime)
    }

    /// The path of the complaint at `index` in the 40/40/20 mix.
    static func path(at index: Int) -> Path {
        switch index % 5 {
        case 0, 1: .frontOffice
        case 2, 3: .full
        default: .returned
        }
    }

    private static let descriptions = [
        "KTP elektronik belum jadi setelah tiga bulan",
        "Nama di kartu keluarga salah ketik",
        "Akta kelahiran anak belum diterima",
        "Antrean pelayanan terlalu lama dan tidak tertib",
        "Data NIK tidak ditemukan saat mendaftar BPJS",
    ]

    /// The opening request of complaint `number` (fields varied by number).
    func request(number: Int, registerNumber: String) -> OpenRequest {
        let phone = String(100_000_000 + number % 900_000_000)
        return OpenRequest(
            fields: [
                "nama": "Pelapor \(number)", "telepon": "0812\(phone.suffix(8))",
                "uraian": Self.descriptions[number % Self.descriptions.count],
            ],
            channel: nil, number: number, registerNumber: registerNumber)
    }

    /// The register number the store gives case `number` opened in 2026 (the default format).
    static func registerNumber(_ number: Int, year: Int) -> String {
        let digits = String(number)
        return "067/PGD/\(year)/" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    /// Opens a case and runs the first `count` moves of a path (all when nil), applying each
    /// command's events to the state as the store does; the state and every event.
    func walk(
        _ engine: Engine, path: Path, count: Int? = nil, number: Int, registerNumber: String, at start: Date
    ) throws(BenchFailure) -> (state: CaseState, events: [CaseEvent]) {
        var clock = start
        var events: [CaseEvent]
        do {
            events = try engine.open(request(number: number, registerNumber: registerNumber), by: frontOffice, at: clock)
        } catch {
            throw BenchFailure(description: "case \(number): opening refused: \(error)")
        }
        guard var state = CaseState(opening: events[0]) else { throw BenchFailure(description: "case \(number): no opened event") }
        for event in events.dropFirst() where !state.apply(event) {
            throw BenchFailure(description: "case \(number): event \(event.sequence) does not fit")
        }
        for move in (moves[path] ?? []).prefix(count ?? Int.max) {
            clock += TimeInterval(move.minutes * 60)
            let new: [CaseEvent]
            do {
                new = try engine.handle(move.command, on: state, by: move.performer, at: clock)
            } catch {
                throw BenchFailure(description: "case \(number) (\(path.rawValue)): a step was refused: \(error)")
            }
            for event in new where !state.apply(event) {
                throw BenchFailure(description: "case \(number): event \(event.sequence) does not fit")
            }
            events += new
        }
        return (state, events)
    }
}

/// An instant given as Jakarta (UTC+7) local time.
func jakarta(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0) -> Date {
    var components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute)
    components.timeZone = TimeZone(secondsFromGMT: 7 * 3600)
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(secondsFromGMT: 7 * 3600)!
    return calendar.date(from: components)!
}

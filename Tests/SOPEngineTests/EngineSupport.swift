import Foundation
import SOPEngine
import SOPLoading
import SOPModel

/// The shipped workflows and calendar, loaded once for engine tests.
enum Shipped {
    static let root: URL = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" && !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url.deleteLastPathComponent()
        }
        return url
    }()

    static func load(_ name: String) -> LoadedFile {
        Loader.load(path: root.appendingPathComponent("workflows/\(name).yaml").path)
    }

    static let calendar: WorkCalendar = load("jam-kerja-kebumen").calendar!
    static let workingTime: WorkingTime = WorkingTime(calendar: calendar)!

    static func engine(_ id: String) -> Engine {
        let workflow = load(id).workflow!
        return Engine(
            workflow: workflow, reference: WorkflowReference(id: workflow.id.value, revision: workflow.revision.value, contentHash: "test"),
            workingTime: workingTime)
    }

    static let langsung = engine("pengaduan-langsung")
    static let media = engine("pengaduan-media")
}

/// An instant given as Jakarta (UTC+7) local time.
func jakarta(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0) -> Date {
    let days = CivilDate(year: year, month: month, day: day)!.daysSinceEpoch
    return Date(timeIntervalSince1970: TimeInterval(days * 86_400 + (hour - 7) * 3_600 + minute * 60))
}

let frontOffice = Performer(user: "siti", roles: ["front-office"])
let team = Performer(user: "budi", roles: ["tim-pengaduan"])
let mediaTeam = Performer(user: "rina", roles: ["tim-media"])

/// A case being stepped through in memory, applying each command's events.
struct Walk {
    let engine: Engine
    var state: CaseState
    var events: [CaseEvent]
    var clock: Date

    init(_ engine: Engine, fields: [String: String], channel: String? = nil, at start: Date, by performer: Performer = frontOffice) throws {
        self.engine = engine
        clock = start
        events = try engine.open(OpenRequest(fields: fields, channel: channel, number: 1, registerNumber: "067/PGD/2026/000001"), by: performer, at: start)
        state = CaseState.fold(events)!
    }

    mutating func run(_ command: CaseCommand, by performer: Performer, after minutes: Int = 5) throws {
        clock = clock.addingTimeInterval(TimeInterval(minutes * 60))
        let new = try engine.handle(command, on: state, by: performer, at: clock)
        events += new
        state = CaseState.fold(events)!
    }

    static func document(_ id: DocumentID) -> AttachedDocument {
        AttachedDocument(document: id, sha256: String(repeating: "a", count: 64), fileName: "\(id).pdf", size: 10, step: nil)
    }

    mutating func complete(_ branch: String? = nil, attach: [DocumentID] = [], waive: [DocumentID: String] = [:], by performer: Performer, after minutes: Int = 5) throws {
        try run(.complete(step: nil, branch: branch, attachments: attach.map(Walk.document), waivers: waive, note: nil), by: performer, after: minutes)
    }
}

let reporter = ["nama": "Budi Santoso", "uraian": "KTP elektronik belum jadi setelah tiga bulan", "telepon": "0812-3456-7890"]

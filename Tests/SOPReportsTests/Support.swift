import Foundation
import SOPEngine
import SOPReports
import SOPService
import SOPStorage
import SOPStore

/// An office over a real temporary SQLite file and the shipped workflows, stepping cases through
/// the real engine at times the test gives.
final class ReportOffice {
    static let repositoryRoot: URL = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" && !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url.deleteLastPathComponent()
        }
        return url
    }()
    static let workflows = repositoryRoot.appendingPathComponent("workflows").path

    let folder: URL
    let store: SQLiteCaseStore
    let service: CaseService
    let document: String

    /// A fresh database; workflows from `workflowsFolder` (the shipped ones by default).
    init(workflowsFolder: String = ReportOffice.workflows) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("sop-reports-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = try SQLiteCaseStore(path: folder.appendingPathComponent("sop.sqlite").path)
        service = CaseService(store: store, workflowsFolder: workflowsFolder)
        let start = wib(2026, 10, 1, 8)
        _ = try service.setUp(identity: .declared, administrator: "admin", at: start)
        _ = try service.publish(service.planPublication(paths: [workflowsFolder]), by: "admin", at: start)
        try service.addStaff("siti", roles: ["front-office"], by: "admin", at: start)
        try service.addStaff("rina", roles: ["tim-media"], by: "admin", at: start)
        try service.addStaff("budi", roles: ["tim-pengaduan"], by: "admin", at: start)
        document = folder.appendingPathComponent("dokumen.txt").path
        try "isi dokumen\n".write(toFile: document, atomically: true, encoding: .utf8)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    var reports: Reports { Reports(service: service) }

    /// Opens a case of 067/12351 (in person) or 067/12352 (with a channel).
    @discardableResult
    func open(_ workflow: String, channel: String? = nil, at instant: Date, by user: String = "siti") throws -> Int {
        let fields = workflow == "pengaduan-media"
            ? ["nama": "Rina", "nik": "3305010101900001", "telepon": "+6281234567890", "uraian": "Akta salah ketik"]
            : ["nama": "Budi", "uraian": "KTP belum jadi"]
        return try service.open(workflow: workflow, fields: fields, channel: channel, attachments: [], user: user, at: instant).number
    }

    /// Completes the current step, attaching documents.
    func step(_ number: Int, _ branch: String? = nil, attach documents: [String] = [], waive: [String] = [], by user: String, at instant: Date) throws {
        let request = StepRequest(
            branch: branch, attachments: documents.map { AttachmentRequest(document: $0, path: document) }, waivers: waive,
            reason: waive.isEmpty ? nil : "tidak ada")
        _ = try service.step(String(number), request, user: user, at: instant)
    }
}

/// An instant given as Jakarta (UTC+7) local time.
func wib(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0) -> Date {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(secondsFromGMT: 7 * 3600)!
    return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute))!
}

/// The scenario most report tests count over: November 2026 (no holidays), as of Friday 6 November
/// 10:00 WIB; the expected figures are worked out by hand in ReportTests.
///
/// - A (langsung): resolved at the front office, Monday 2 Nov 08:00–08:35; step 2 late.
/// - B (langsung): the full path, Monday 09:00 – Tuesday 15:20; steps 2, 4 and 7 late.
/// - C (langsung): sent back to the form (branch Tidak), Monday 10:00–11:40; step 2 and the
///   second form late.
/// - D (langsung): Tuesday 3 Nov 08:00, returned to the reporter from `analisa` at 09:00 and
///   waiting since (step and case past due by Friday).
/// - E (media, instagram): answered directly, Tuesday 08:00–08:10.
/// - F (media, telepon): Tuesday 14:00, on `telaah` since 14:20 (past due).
/// - G (langsung): Monday 11:00, withdrawn Thursday 09:00 standing on the form (past the case's due).
/// - H (langsung): Monday 26 Oct, resolved at the front office: before the period.
enum Scenario {
    static let asOf = wib(2026, 11, 6, 10)

    static func make(_ office: ReportOffice) throws {
        // A
        let a = try office.open("pengaduan-langsung", at: wib(2026, 11, 2, 8))
        try office.step(a, attach: ["formulir-pengaduan"], by: "siti", at: wib(2026, 11, 2, 8, 10))
        try office.step(a, "Ya", attach: ["catatan-register"], by: "siti", at: wib(2026, 11, 2, 8, 30))
        try office.step(a, "Ya", by: "siti", at: wib(2026, 11, 2, 8, 35))
        // B
        let b = try office.open("pengaduan-langsung", at: wib(2026, 11, 2, 9))
        try office.step(b, attach: ["formulir-pengaduan"], by: "siti", at: wib(2026, 11, 2, 9, 15))
        try office.step(b, "Ya", attach: ["catatan-register"], by: "siti", at: wib(2026, 11, 2, 9, 45))
        try office.step(b, "Tidak", by: "siti", at: wib(2026, 11, 2, 9, 50))
        try office.step(b, attach: ["rancangan-tindak-lanjut"], by: "budi", at: wib(2026, 11, 3, 10, 50))
        try office.step(b, attach: ["bukti-hasil-tindak-lanjut"], by: "budi", at: wib(2026, 11, 3, 14, 50))
        try office.step(b, attach: ["tanggapan-pelapor"], by: "siti", at: wib(2026, 11, 3, 15))
        try office.step(b, attach: ["rekapan-pengaduan"], by: "budi", at: wib(2026, 11, 3, 15, 20))
        // C
        let c = try office.open("pengaduan-langsung", at: wib(2026, 11, 2, 10))
        try office.step(c, attach: ["formulir-pengaduan"], by: "siti", at: wib(2026, 11, 2, 10, 5))
        try office.step(c, "Tidak", attach: ["catatan-register"], by: "siti", at: wib(2026, 11, 2, 10, 25))
        try office.step(c, by: "siti", at: wib(2026, 11, 2, 11, 25))
        try office.step(c, "Ya", by: "siti", at: wib(2026, 11, 2, 11, 30))
        try office.step(c, "Ya", by: "siti", at: wib(2026, 11, 2, 11, 40))
        // D
        let d = try office.open("pengaduan-langsung", at: wib(2026, 11, 3, 8))
        try office.step(d, attach: ["formulir-pengaduan"], by: "siti", at: wib(2026, 11, 3, 8, 10))
        try office.step(d, "Ya", attach: ["catatan-register"], by: "siti", at: wib(2026, 11, 3, 8, 20))
        try office.step(d, "Tidak", by: "siti", at: wib(2026, 11, 3, 8, 30))
        _ = try office.service.returnToReporter(String(d), reason: "bukti kurang", user: "budi", at: wib(2026, 11, 3, 9))
        // E
        let e = try office.open("pengaduan-media", channel: "instagram", at: wib(2026, 11, 3, 8), by: "rina")
        try office.step(e, attach: ["formulir-pengaduan"], by: "rina", at: wib(2026, 11, 3, 8, 5))
        try office.step(e, "Ya", attach: ["catatan-register"], by: "rina", at: wib(2026, 11, 3, 8, 10))
        // F
        let f = try office.open("pengaduan-media", channel: "telepon", at: wib(2026, 11, 3, 14), by: "rina")
        try office.step(f, attach: ["formulir-pengaduan"], by: "rina", at: wib(2026, 11, 3, 14, 10))
        try office.step(f, "Tidak", attach: ["catatan-register"], by: "rina", at: wib(2026, 11, 3, 14, 20))
        // G
        let g = try office.open("pengaduan-langsung", at: wib(2026, 11, 2, 11))
        _ = try office.service.withdraw(String(g), reason: "pelapor mencabut", user: "siti", at: wib(2026, 11, 5, 9))
        // H
        let h = try office.open("pengaduan-langsung", at: wib(2026, 10, 26, 9))
        try office.step(h, attach: ["formulir-pengaduan"], by: "siti", at: wib(2026, 10, 26, 9, 10))
        try office.step(h, "Ya", attach: ["catatan-register"], by: "siti", at: wib(2026, 10, 26, 9, 20))
        try office.step(h, "Ya", by: "siti", at: wib(2026, 10, 26, 9, 25))
    }
}

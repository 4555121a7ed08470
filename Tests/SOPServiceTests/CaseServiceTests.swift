import Foundation
import SOPService
import SOPStorage
import SOPStore
import Testing

/// The service over a real temporary SQLite file: refusals write nothing at all.
@Suite("Case service: refusals write nothing")
struct CaseServiceTests {
    static let workflows: String = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" && !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url.deleteLastPathComponent()
        }
        return url.appendingPathComponent("workflows").path
    }()

    let folder: URL
    let store: SQLiteCaseStore
    let service: CaseService
    let now = Date(timeIntervalSince1970: 1_796_000_000)

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("sop-service-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = try SQLiteCaseStore(path: folder.appendingPathComponent("sop.sqlite").path)
        service = CaseService(store: store, workflowsFolder: Self.workflows)
        _ = try service.setUp(identity: .declared, administrator: "admin", at: now)
        _ = try service.publish(service.planPublication(paths: [Self.workflows]), by: "admin", at: now)
        try service.addStaff("siti", roles: ["front-office"], by: "admin", at: now)
    }

    @Test("a refused opening stores neither a case nor the attachments")
    func refusedOpening() throws {
        let file = folder.appendingPathComponent("formulir.txt")
        try "isi".write(to: file, atomically: true, encoding: .utf8)
        #expect(throws: ServiceError.self) {
            try service.open(
                workflow: "pengaduan-langsung", fields: ["nama": "A"], channel: nil,
                attachments: [AttachmentRequest(document: "formulir-pengaduan", path: file.path)], user: "siti", at: now)
        }
        #expect(try store.attachment(sha256: ContentHash.hex(Data("isi".utf8))) == nil)
        #expect(try store.cases(matching: CaseFilter()).isEmpty)
    }

    @Test("a refused step stores no attachment; an accepted one stores it with the events")
    func refusedStep() throws {
        let state = try service.open(workflow: "pengaduan-langsung", fields: ["nama": "A", "uraian": "B"], channel: nil, attachments: [], user: "siti", at: now)
        let file = folder.appendingPathComponent("register.txt")
        try "catatan".write(to: file, atomically: true, encoding: .utf8)
        let request = StepRequest(attachments: [AttachmentRequest(document: "catatan-register", path: file.path)])
        // Step 1 does not produce the register entry, and its own output is missing: refused.
        #expect(throws: ServiceError.self) { try service.step(String(state.number), request, user: "siti", at: now) }
        #expect(try store.attachment(sha256: ContentHash.hex(Data("catatan".utf8))) == nil)
        #expect(try store.loadCase(String(state.number))?.events.count == state.version)
    }
}

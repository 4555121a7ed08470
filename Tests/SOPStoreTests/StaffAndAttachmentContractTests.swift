import Foundation
import SOPEngine
import SOPModel
import Testing
@testable import SOPStorage
@testable import SOPStore

/// The staff registry: the contract every store keeps.
@Suite("Store contract: staff") struct StaffContractTests {
    @Test(arguments: StoreFactory.all) func addingMergesRoles(factory: StoreFactory) throws {
        let scratch = try Scratch()
        let store = try factory.make(scratch)
        let monday = Fixture.monday
        try store.addStaff("budi", roles: ["front-office"], at: monday)
        try store.addStaff("ani", roles: ["tim-pengaduan"], at: monday + 60)
        try store.addStaff("budi", roles: ["tim-pengaduan", "front-office"], at: monday + 120)
        let budi = try #require(try store.staffMember("budi"))
        #expect(budi.roles == ["front-office", "tim-pengaduan"])
        #expect(abs(budi.addedAt.timeIntervalSince(monday)) < 1e-6)
        #expect(budi.performer == Performer(user: "budi", roles: ["front-office", "tim-pengaduan"]))
        #expect(try store.staff().map(\.user) == ["ani", "budi"])
        #expect(try store.staffMember("siti") == nil)
        try store.addStaff("siti", roles: [], at: monday)
        #expect(try store.staffMember("siti")?.roles == [])
    }

    @Test(arguments: StoreFactory.all) func removingRolesAndUsers(factory: StoreFactory) throws {
        let scratch = try Scratch()
        let store = try factory.make(scratch)
        try store.addStaff("budi", roles: ["front-office", "tim-pengaduan", "kepala"], at: Fixture.monday)
        try store.removeStaff("budi", roles: ["kepala"])
        #expect(try store.staffMember("budi")?.roles == ["front-office", "tim-pengaduan"])

        let error = try #require(caught { try store.removeStaff("budi", roles: ["tim-pengaduan", "admin"]) } as? StoreError)
        #expect(error.code == .unknownRole)
        #expect(error.description.contains("front-office, tim-pengaduan"))
        #expect(try store.staffMember("budi")?.roles == ["front-office", "tim-pengaduan"])

        try store.removeStaff("budi", roles: nil)
        #expect(try store.staffMember("budi") == nil)

        let unknown = try #require(caught { try store.removeStaff("budi", roles: nil) } as? StoreError)
        #expect(unknown.code == .unknownUser)
        #expect(unknown.description.contains("sop staff list"))
        #expect(storeErrorCode { try store.removeStaff("nobody", roles: ["kepala"]) } == "unknown-user")
    }

    @Test(arguments: StoreFactory.all, ["", " budi", "budi\n", "bu\u{0}di"])
    func badNames(factory: StoreFactory, name: String) throws {
        let scratch = try Scratch()
        let store = try factory.make(scratch)
        #expect(storeErrorCode { try store.addStaff(name, roles: ["front-office"], at: Fixture.monday) } == "invalid-name")
        #expect(storeErrorCode { try store.addStaff("budi", roles: [name], at: Fixture.monday) } == "invalid-name")
        #expect(try store.staff().isEmpty)
    }
}

/// Attachments by content address: the contract every store keeps.
@Suite("Store contract: attachments") struct AttachmentContractTests {
    @Test(arguments: StoreFactory.all) func storedOnceBySHA256(factory: StoreFactory) throws {
        let scratch = try Scratch()
        let store = try factory.make(scratch)
        let stored = try store.storeAttachment(Data("abc".utf8))
        #expect(stored.sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(stored.size == 3)
        let again = try store.storeAttachment(Data("abc".utf8))
        #expect(again.sha256 == stored.sha256)
        let empty = try store.storeAttachment(Data())
        #expect(empty.sha256 == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(try store.attachment(sha256: stored.sha256) == Data("abc".utf8))
        #expect(try store.attachment(sha256: stored.sha256.uppercased()) == Data("abc".utf8))
        #expect(try store.attachment(sha256: empty.sha256) == Data())
        #expect(try store.attachment(sha256: ContentHash.hex("missing".utf8)) == nil)
    }

    @Test(arguments: StoreFactory.all) func binaryContentComesBackExactly(factory: StoreFactory) throws {
        let scratch = try Scratch()
        let store = try factory.make(scratch)
        let bytes = Data((0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) })
        let stored = try store.storeAttachment(bytes)
        #expect(stored.sha256 == ContentHash.hex(bytes))
        #expect(try store.attachment(sha256: stored.sha256) == bytes)
    }

    @Test(arguments: StoreFactory.all) func overTheLimitIsRefused(factory: StoreFactory) throws {
        let scratch = try Scratch()
        let store = try factory.make(scratch, attachmentLimit: 16)
        #expect(try store.storeAttachment(Data(count: 16)).size == 16)
        let error = try #require(caught { _ = try store.storeAttachment(Data(count: 17)) } as? StoreError)
        #expect(error.code == .attachmentTooLarge)
        #expect(error.description.contains("17 bytes, over the limit of 16 bytes"))
    }
}

/// Workflow texts by content address: the contract every store keeps.
@Suite("Store contract: workflow texts") struct WorkflowTextContractTests {
    @Test(arguments: StoreFactory.all) func exactTextStoredOnceByHash(factory: StoreFactory) throws {
        let scratch = try Scratch()
        let store = try factory.make(scratch)
        let text = "schema: sop/v1\r\nid: pengaduan\r\nnama: \"Pengaduan — Dinas\"  \n\n# akhir tanpa baris baru"
        let hash = try store.storeWorkflowText(text, workflow: "pengaduan", revision: 2)
        #expect(hash == ContentHash.hex(Array(text.utf8)))
        #expect(try store.storeWorkflowText(text, workflow: "pengaduan", revision: 2) == hash)
        #expect(try store.workflowText(hash: hash) == text)
        #expect(try store.workflowText(hash: hash.uppercased()) == text)
        #expect(try store.workflowText(hash: ContentHash.hex([])) == nil)
    }
}

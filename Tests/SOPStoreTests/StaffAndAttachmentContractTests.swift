import Foundation
import SOPEngine
import SOPModel
import Testing
@testable import SOPStorage
@testable import SOPStore

/// The staff registry and the set-up: the contract every store keeps.
@Suite("Store contract: staff") struct StaffContractTests {
    /// A store set up with `admin` as its first administrator.
    static func setUp(_ store: any CaseStore, identity: OfficeSetup.Identity = .system) throws {
        try store.setUp(OfficeSetup(identity: identity, createdAt: Fixture.monday, createdBy: "admin"))
    }

    @Test(arguments: StoreFactory.all) func settingUpNamesTheFirstAdministrator(factory: StoreFactory) throws {
        let scratch = try Scratch()
        let store = try factory.make(scratch)
        #expect(try store.office() == nil)
        try Self.setUp(store)
        let office = try #require(try store.office())
        #expect(office.identity == .system)
        #expect(office.createdBy == "admin")
        #expect(abs(office.createdAt.timeIntervalSince(Fixture.monday)) < 1e-6)
        #expect(try store.staffMember("admin")?.roles == ["admin"])
        let changes = try store.staffChanges()
        #expect(changes.map(\.number) == [1])
        #expect(changes.first?.by == "admin")
        #expect(changes.first?.roles == ["admin"])

        let again = try #require(caught { try store.setUp(OfficeSetup(identity: .declared, createdAt: Fixture.monday, createdBy: "budi")) } as? StoreError)
        #expect(again.code == .alreadySetUp)
        #expect(try store.office()?.identity == .system)
        #expect(try store.staffMember("budi") == nil)
    }

    @Test(arguments: StoreFactory.all) func addingMergesRolesAndRecordsWhatIsNew(factory: StoreFactory) throws {
        let scratch = try Scratch()
        let store = try factory.make(scratch)
        try Self.setUp(store)
        let monday = Fixture.monday
        try store.addStaff("budi", roles: ["front-office"], by: "admin", at: monday)
        try store.addStaff("ani", roles: ["tim-pengaduan"], by: "admin", at: monday + 60)
        try store.addStaff("budi", roles: ["tim-pengaduan", "front-office"], by: "admin", at: monday + 120)
        try store.addStaff("budi", roles: ["front-office"], by: "admin", at: monday + 180)
        let budi = try #require(try store.staffMember("budi"))
        #expect(budi.roles == ["front-office", "tim-pengaduan"])
        #expect(abs(budi.addedAt.timeIntervalSince(monday)) < 1e-6)
        #expect(budi.performer == Performer(user: "budi", roles: ["front-office", "tim-pengaduan"]))
        #expect(try store.staff().map(\.user) == ["admin", "ani", "budi"])
        #expect(try store.staffMember("siti") == nil)
        // Roles already held change nothing and are not recorded.
        let changes = try store.staffChanges()
        #expect(changes.map(\.user) == ["admin", "budi", "ani", "budi"])
        #expect(changes.last?.roles == ["tim-pengaduan"])
        #expect(changes.allSatisfy { $0.change == .added && $0.by == "admin" })
    }

    @Test(arguments: StoreFactory.all) func removingRolesAndUsersIsRecorded(factory: StoreFactory) throws {
        let scratch = try Scratch()
        let store = try factory.make(scratch)
        try Self.setUp(store)
        try store.addStaff("budi", roles: ["front-office", "tim-pengaduan", "kepala"], by: "admin", at: Fixture.monday)
        try store.removeStaff("budi", roles: ["kepala"], by: "admin", at: Fixture.monday + 60)
        #expect(try store.staffMember("budi")?.roles == ["front-office", "tim-pengaduan"])

        let error = try #require(caught { try store.removeStaff("budi", roles: ["tim-pengaduan", "admin"], by: "admin", at: Fixture.monday) } as? StoreError)
        #expect(error.code == .unknownRole)
        #expect(error.description.contains("front-office, tim-pengaduan"))
        #expect(try store.staffMember("budi")?.roles == ["front-office", "tim-pengaduan"])

        try store.removeStaff("budi", roles: nil, by: "admin", at: Fixture.monday + 120)
        #expect(try store.staffMember("budi") == nil)

        let unknown = try #require(caught { try store.removeStaff("budi", roles: nil, by: "admin", at: Fixture.monday) } as? StoreError)
        #expect(unknown.code == .unknownUser)
        #expect(unknown.description.contains("sop staff list"))
        #expect(storeErrorCode { try store.removeStaff("nobody", roles: ["kepala"], by: "admin", at: Fixture.monday) } == "unknown-user")

        let changes = try store.staffChanges()
        #expect(changes.count == 4)
        #expect(changes[2].change == .removed && changes[2].roles == ["kepala"] && !changes[2].memberRemoved)
        #expect(changes[3].change == .removed && changes[3].roles == ["front-office", "tim-pengaduan"] && changes[3].memberRemoved)
    }

    @Test(arguments: StoreFactory.all) func theLastAdministratorStays(factory: StoreFactory) throws {
        let scratch = try Scratch()
        let store = try factory.make(scratch)
        try Self.setUp(store)
        #expect(storeErrorCode { try store.removeStaff("admin", roles: ["admin"], by: "admin", at: Fixture.monday) } == "last-administrator")
        #expect(storeErrorCode { try store.removeStaff("admin", roles: nil, by: "admin", at: Fixture.monday) } == "last-administrator")
        #expect(try store.staffMember("admin")?.roles == ["admin"])
        // With a second administrator, the first may go, by their own hand.
        try store.addStaff("kepala", roles: ["admin"], by: "admin", at: Fixture.monday)
        try store.removeStaff("admin", roles: nil, by: "admin", at: Fixture.monday + 60)
        #expect(try store.staff().map(\.user) == ["kepala"])
        #expect(storeErrorCode { try store.removeStaff("kepala", roles: nil, by: "kepala", at: Fixture.monday) } == "last-administrator")
        #expect(try store.staffChanges().count == 3)
    }

    @Test(arguments: StoreFactory.all) func onlyAnAdministratorChangesTheRegistry(factory: StoreFactory) throws {
        let scratch = try Scratch()
        let store = try factory.make(scratch)
        try Self.setUp(store)
        try store.addStaff("budi", roles: ["tim-pengaduan"], by: "admin", at: Fixture.monday)
        #expect(storeErrorCode { try store.addStaff("budi", roles: ["admin"], by: "budi", at: Fixture.monday) } == "not-administrator")
        #expect(storeErrorCode { try store.removeStaff("admin", roles: nil, by: "budi", at: Fixture.monday) } == "not-administrator")
        #expect(try store.staffMember("budi")?.roles == ["tim-pengaduan"])
        #expect(try store.staffChanges().count == 2)
    }

    @Test(arguments: StoreFactory.all, ["", " budi", "budi\n", "bu\u{0}di"])
    func badNames(factory: StoreFactory, name: String) throws {
        let scratch = try Scratch()
        let store = try factory.make(scratch)
        try Self.setUp(store)
        #expect(storeErrorCode { try store.addStaff(name, roles: ["front-office"], by: "admin", at: Fixture.monday) } == "invalid-name")
        #expect(storeErrorCode { try store.addStaff("budi", roles: [name], by: "admin", at: Fixture.monday) } == "invalid-name")
        #expect(storeErrorCode { try store.setUp(OfficeSetup(identity: .system, createdAt: Fixture.monday, createdBy: name)) } == "invalid-name")
        #expect(try store.staff().map(\.user) == ["admin"])
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

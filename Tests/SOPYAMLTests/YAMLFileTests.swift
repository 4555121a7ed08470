import Foundation
import SOPCore
import Testing
import SOPYAML

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite("YAMLReader: files")
struct YAMLFileTests {
    @Test func readsAFile() throws {
        try withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("pengaduan.yaml").path
            let text = "kind: Workflow\nnama: Pengaduan — “kutip”\n"
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let result = YAMLReader.read(path: path)
            #expect(result.diagnostics.isEmpty)
            #expect(result.isUnreadable == false)
            #expect(result.text == text)
            let root = try #require(result.root)
            #expect(root["nama"]?.scalar == "Pengaduan — “kutip”")
            #expect(root["nama"]?.location == SourceLocation(file: path, line: 2, column: 7))
        }
    }

    @Test func missingFileIsUnreadable() throws {
        try withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("tidak-ada.yaml").path
            let result = YAMLReader.read(path: path)
            #expect(result.codes == ["SOP0001"])
            #expect(result.diagnostics.first?.location == SourceLocation(file: path, line: 1, column: 1))
            #expect(result.isUnreadable)
            #expect(result.root == nil)
        }
    }

    @Test func folderIsUnreadable() throws {
        try withTemporaryFolder { folder in
            let result = YAMLReader.read(path: folder.path)
            #expect(result.codes == ["SOP0001"])
            #expect(result.diagnostics.first?.location == SourceLocation(file: folder.path, line: 1, column: 1))
            #expect(result.isUnreadable)
        }
    }

    @Test(.enabled(if: geteuid() != 0, "root can read any file"))
    func fileWithoutPermissionIsUnreadable() throws {
        try withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("rahasia.yaml").path
            try "a: 1\n".write(toFile: path, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: path)
            defer { try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path) }
            let result = YAMLReader.read(path: path)
            #expect(result.codes == ["SOP0001"])
            #expect(result.isUnreadable)
        }
    }

    @Test func tenMegabyteFileIsRefusedWithoutParsing() throws {
        try withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("besar.yaml").path
            // Valid YAML, so a parse would succeed: only the size check can refuse it.
            let line = Array("kunci: nilai yang cukup panjang untuk mengisi berkas\n".utf8)
            var bytes: [UInt8] = []
            bytes.reserveCapacity(10_000_100)
            var index = 0
            while bytes.count < 10_000_000 {
                bytes += Array("k\(index)".utf8) + line
                index += 1
            }
            #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
            let clock = ContinuousClock()
            let start = clock.now
            let result = YAMLReader.read(path: path)
            #expect(clock.now - start < .milliseconds(500))
            #expect(result.codes == ["SOP0004"])
            #expect(result.diagnostics.first?.location == SourceLocation(file: path, line: 1, column: 1))
            #expect(result.isUnreadable == false)
            #expect(result.root == nil)
            #expect(result.text == nil)
        }
    }

    @Test func fileAtTheLimitIsRead() throws {
        try withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("pas.yaml").path
            try "a: 12345\n".write(toFile: path, atomically: true, encoding: .utf8)
            #expect(YAMLReader.read(path: path, limits: YAMLLimits(maxFileBytes: 9)).codes.isEmpty)
            #expect(YAMLReader.read(path: path, limits: YAMLLimits(maxFileBytes: 8)).codes == ["SOP0004"])
        }
    }

    @Test func binaryFileIsNotText() throws {
        try withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("gambar.yaml").path
            let bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00]
            #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
            let result = YAMLReader.read(path: path)
            #expect(result.codes == ["SOP0002"])
            #expect(result.diagnostics.first?.location == SourceLocation(file: path, line: 1, column: 1))
            #expect(result.isUnreadable == false)
        }
    }

    @Test func emptyFileIsEmpty() throws {
        try withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("kosong.yaml").path
            #expect(FileManager.default.createFile(atPath: path, contents: Data()))
            let result = YAMLReader.read(path: path)
            #expect(result.codes == ["SOP0003"])
            #expect(result.isUnreadable == false)
        }
    }

    @Test func fileWithByteOrderMark() throws {
        try withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("bom.yaml").path
            let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("id: a\nid: b\n".utf8)
            #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
            let result = YAMLReader.read(path: path)
            #expect(result.codes == ["SOP0102"])
            #expect(result.diagnostics.first?.location == SourceLocation(file: path, line: 2, column: 1))
            #expect(result.text == "id: a\nid: b\n")
        }
    }
}

@Suite("YAMLReader: top-level scalars")
struct TopLevelScalarTests {
    @Test func findsKeysOfTheTopMappingOnly() throws {
        try withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("alur.yaml").path
            let text = """
                # komentar
                document: { id: bukan-ini, kind: Bukan }
                steps: [ { id: juga-bukan } ]
                kind: Workflow
                id: pengaduan-langsung
                rest: [1, 2, 3]
                """
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let values = YAMLReader.topLevelScalars(path: path, keys: ["kind", "id"])
            #expect(values == ["kind": "Workflow", "id": "pengaduan-langsung"])
        }
    }

    @Test func givesWhatWasFoundBeforeAProblem() throws {
        try withTemporaryFolder { folder in
            let broken = folder.appendingPathComponent("rusak.yaml").path
            try "kind: Calendar\nid: [tidak ditutup\n".write(toFile: broken, atomically: true, encoding: .utf8)
            #expect(YAMLReader.topLevelScalars(path: broken, keys: ["kind", "id"]) == ["kind": "Calendar"])
            let list = folder.appendingPathComponent("daftar.yaml").path
            try "- kind: Workflow\n".write(toFile: list, atomically: true, encoding: .utf8)
            #expect(YAMLReader.topLevelScalars(path: list, keys: ["kind"]).isEmpty)
            let flat = folder.appendingPathComponent("datar.yaml").path
            try "[kind, Workflow]\n".write(toFile: flat, atomically: true, encoding: .utf8)
            #expect(YAMLReader.topLevelScalars(path: flat, keys: ["kind"]).isEmpty)
            #expect(YAMLReader.topLevelScalars(path: folder.path, keys: ["kind"]).isEmpty)
        }
    }
}

import Foundation
import Testing

/// The README's office set-up, run as written: as root on a disposable machine (CI), which may
/// create the accounts, the group and `/srv/sop` it names, and removes them afterwards.
@Suite(
    "README: the office set-up runs as written (root only)",
    .enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/sbin/useradd")
        && FileManager.default.isExecutableFile(atPath: "/usr/sbin/runuser")),
    .serialized)
struct OfficeSetupTests {
    static func block() throws -> String {
        let readme = try String(contentsOf: SOPBinary.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        guard let start = readme.range(of: "<!-- office-setup -->\n```sh\n"), let end = readme.range(of: "```\n<!-- /office-setup -->")
        else { throw SOPBinaryError(description: "README.md has no office-setup block") }
        return String(readme[start.upperBound..<end.lowerBound])
    }

    /// Runs a shell script as root from the repository root, with the built `sop` first on PATH.
    static func shell(_ script: String) throws -> SOPBinary.Result {
        guard let sop = SOPBinary.executable else { throw SOPBinaryError(description: "no sop binary") }
        let folder = sop.deletingLastPathComponent().path
        let path = "\(folder):/usr/sbin:/usr/bin:/sbin:/bin"
        return try SOPBinary.runProgram(
            "/usr/bin/env", ["-u", "SOP_USER", "-u", "SOP_NOW", "-u", "SOP_DB", "SOP_LANG=id", "PATH=\(path)", "/bin/bash", "-euo", "pipefail", "-c",
                             "cd '\(SOPBinary.repositoryRoot.path)' && " + script])
    }

    /// The README's systemd service and timer for the sweep, as written, pass `systemd-analyze
    /// verify` (with the built `sop` at /usr/local/bin/sop for the check, when nothing is there).
    static func systemdUnits() throws {
        let readme = try String(contentsOf: SOPBinary.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let blocks = readme.components(separatedBy: "```ini\n").dropFirst().compactMap { $0.components(separatedBy: "```").first }
        let service = try #require(blocks.first { $0.contains("[Service]") && $0.contains("sop tick") })
        let timer = try #require(blocks.first { $0.contains("[Timer]") })
        #expect(timer.contains("OnCalendar=minutely"))
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/systemd-analyze") else {
            Issue.record("systemd-analyze is missing: .ci/run installs systemd")
            return
        }
        let folder = try TemporaryFolder()
        _ = try folder.write("sop-tick.service", service)
        _ = try folder.write("sop-tick.timer", timer)
        guard let sop = SOPBinary.executable else { throw SOPBinaryError(description: "no sop binary") }
        let link = FileManager.default.fileExists(atPath: "/usr/local/bin/sop") ? "" : "ln -s '\(sop.path)' /usr/local/bin/sop && "
        let unlink = link.isEmpty ? "" : "; rm -f /usr/local/bin/sop"
        let verify = try shell(
            "\(link)(cd '\(folder.path)' && systemd-analyze verify ./sop-tick.service ./sop-tick.timer); status=$?\(unlink); exit $status")
        #expect(verify.status == 0, "\(verify.output)")
    }

    static let cleanUp = """
        userdel -r kepala 2>/dev/null || true; userdel -r siti 2>/dev/null || true; userdel -r tamu 2>/dev/null || true
        groupdel sop-kebumen 2>/dev/null || true; rm -rf /srv/sop /etc/profile.d/sop.sh /etc/cron.d/sop-kebumen
        """

    @Test("each account acts as itself on the group's database; others cannot read it")
    func setUp() throws {
        let block = try Self.block()
        #expect(block.contains("runuser -u kepala -- sop init"))
        // Only on a machine where the names are free (a disposable one): never touch real accounts.
        let taken = try Self.shell(
            "getent passwd kepala siti tamu >/dev/null || getent group sop-kebumen >/dev/null || test -e /srv/sop || test -e /etc/cron.d/sop-kebumen")
        guard taken.status != 0 else {
            Issue.record("kepala, siti, tamu, sop-kebumen, /srv/sop or /etc/cron.d/sop-kebumen exist already: not a disposable machine")
            return
        }
        defer { _ = try? Self.shell(Self.cleanUp) }
        let result = try Self.shell(block)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.standardOutput.contains("Anda: siti (front-office)"), "\(result.output)")
        #expect(result.standardOutput.contains("Izin berkas: 0660"), "\(result.output)")
        #expect(try FileManager.default.attributesOfItem(atPath: "/srv/sop/sop.sqlite")[.groupOwnerAccountName] as? String == "sop-kebumen")
        // siti cannot make herself an administrator, nor act as kepala.
        let grant = try Self.shell("runuser -u siti -- sop staff add siti --role admin --db /srv/sop/sop.sqlite")
        #expect(grant.status == 1)
        #expect(grant.standardError.contains("pengguna 'siti' tidak boleh mengubah daftar petugas"))
        let claim = try Self.shell("runuser -u siti -- sop staff add siti --role admin --as kepala --db /srv/sop/sop.sqlite")
        #expect(claim.status == 1)
        #expect(claim.standardError.contains("bukan 'kepala'"))
        // An account outside the group cannot open the database at all.
        let outsider = try Self.shell("useradd tamu && runuser -u tamu -- sop status --db /srv/sop/sop.sqlite")
        #expect(outsider.status == 2, "\(outsider.output)")
        let history = try Self.shell("runuser -u kepala -- sop staff history --db /srv/sop/sop.sqlite")
        #expect(history.standardOutput.contains("kepala memberi siti peran front-office"), "\(history.output)")

        // The nightly job, as cron runs it: the line's user runs its command with /bin/sh, `\%` read as `%`.
        let cron = try String(contentsOfFile: "/etc/cron.d/sop-kebumen", encoding: .utf8)
        let job = try #require(cron.split(separator: "\n").first { !$0.hasPrefix("#") && !$0.contains("=") })
        let fields = job.split(separator: " ", maxSplits: 6, omittingEmptySubsequences: true)
        #expect(fields.count == 7)
        #expect(fields[5] == "kepala")
        let command = String(fields[6]).replacingOccurrences(of: "\\%", with: "%")
        let nightly = try Self.shell("runuser -u kepala -- /bin/sh -c '\(command)'")
        #expect(nightly.status == 0, "\(nightly.output)")
        #expect(nightly.standardOutput.contains("Cadangan ditulis ke /srv/sop/cadangan/sop-"), "\(nightly.output)")
        #expect(nightly.standardOutput.components(separatedBy: "Utuh: tidak ada yang diubah di luar sop.").count == 3, "\(nightly.output)")
        let copies = try FileManager.default.contentsOfDirectory(atPath: "/srv/sop/cadangan")
        #expect(copies.count == 1)
        if let copy = copies.first {
            let attributes = try FileManager.default.attributesOfItem(atPath: "/srv/sop/cadangan/" + copy)
            #expect(attributes[.ownerAccountName] as? String == "kepala")
            #expect((attributes[.posixPermissions] as? Int ?? 0) & 0o777 == 0o600)
        }
        // Run again the same night: the copy is never overwritten.
        #expect(try Self.shell("runuser -u kepala -- /bin/sh -c '\(command)'").status == 1)

        // The sweep, every minute, as cron runs it: nothing due, so nothing printed (cron mails nothing).
        let minute = try #require(cron.split(separator: "\n").first { $0.hasPrefix("* * * * * ") })
        let sweepFields = minute.split(separator: " ", maxSplits: 6, omittingEmptySubsequences: true)
        #expect(sweepFields.count == 7 && sweepFields[5] == "kepala")
        let sweep = try Self.shell("runuser -u kepala -- /bin/sh -c '\(sweepFields[6])'")
        #expect(sweep.status == 0, "\(sweep.output)")
        #expect(sweep.standardOutput.isEmpty && sweep.standardError.isEmpty, "\(sweep.output)")
        try Self.systemdUnits()
    }
}

import Foundation
import Testing

/// What comes from data reaches the terminal as text, never as something the terminal acts on:
/// control characters are refused where they are typed, and whatever a terminal may act on
/// (a bidirectional override in a name, an escape sequence in a file name) is shown visibly.
@Suite("Terminal safety: data is shown, never acted on")
struct TerminalSafetyTests {
    /// Characters a terminal acts on: ESC (clear the screen), CSI in 8 bits, a carriage return
    /// (overwrite the line), a bidirectional override (reorder what is read).
    static let acted: [Character] = ["\u{1B}", "\u{9B}", "\r", "\u{202E}", "\u{7F}"]

    func hasActedOn(_ text: String) -> Bool {
        text.unicodeScalars.contains { scalar in
            let value = scalar.value
            return (value < 0x20 && value != 0x0A) || (0x7F...0x9F).contains(value) || (0x202A...0x202E).contains(value)
                || (0x2066...0x2069).contains(value)
        }
    }

    @Test("control characters in a field or a note are refused, with nothing written")
    func refusedWhereTyped() throws {
        let office = try Office()
        for character in Self.acted where character != "\u{202E}" {
            let opened = try office.run(
                ["case", "open", "pengaduan-langsung", "--field", "nama=Budi\(character)[2J", "--field", "uraian=KTP"], as: "siti")
            #expect(opened.status == 1, "\(opened.output)")
            #expect(opened.standardError.contains("karakter kendali"), "\(opened.standardError)")
            #expect(!hasActedOn(opened.standardError), "\(opened.standardError)")
        }
        let list = try office.run(["case", "list", "--format", "json"]).standardOutput
        #expect((try JSONSerialization.jsonObject(with: Data(list.utf8)) as? [Any])?.isEmpty == true, "\(list)")
        let number = try office.open("pengaduan-langsung", fields: inPerson, as: "siti")
        let before = try office.events(number)
        let note = try office.run(["case", "note", String(number), "lihat\u{1B}]0;judul\u{07}"], as: "siti")
        #expect(note.status == 1, "\(note.output)")
        #expect(try office.events(number) == before)
        // A note of several lines is still a note.
        #expect(try office.run(["case", "note", String(number), "baris satu\nbaris dua"], as: "siti").status == 0)
    }

    @Test("a bidirectional override in a name and an escape in a file name are shown visibly by every reader")
    func shownVisibly() throws {
        let office = try Office()
        let number = try office.open("pengaduan-langsung", fields: ["nama": "Budi \u{202E}gnirts", "uraian": Self.uraian], as: "siti")
        _ = try office.folder.write("surat\u{1B}[2J.txt", "isi\n")
        let attached = try office.run(
            ["case", "step", String(number), "--attach", "formulir-pengaduan=\(office.folder.path)/surat\u{1B}[2J.txt"], as: "siti")
        #expect(attached.status == 0, "\(attached.output)")
        for arguments in [
            ["case", "show", String(number)], ["case", "history", String(number)], ["case", "list"], ["queue"],
            ["case", "show", String(number), "--format", "svg"], ["case", "show", String(number), "--format", "html"],
        ] {
            let result = try office.run(arguments, as: "siti")
            #expect(result.status == 0, "\(arguments): \(result.output)")
            #expect(!hasActedOn(result.standardOutput), "\(arguments): \(result.standardOutput.debugDescription)")
            if arguments[0] == "case" && arguments[1] != "list" && arguments.count == 3 {
                #expect(result.standardOutput.contains("\\u{202E}") || result.standardOutput.contains("\\u{1B}"), "\(arguments): \(result.standardOutput)")
            }
        }
        // JSON keeps the data exact, with what a terminal acts on written as \u escapes.
        let json = try office.run(["case", "show", String(number), "--format", "json", "--reveal"], as: "siti")
        #expect(!hasActedOn(json.standardOutput), "\(json.standardOutput.debugDescription)")
        #expect(json.standardOutput.contains("\\u202e"))
        let object = try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8))
        #expect("\(object)".contains("\u{202E}"))
        // Every kind of character a terminal acts on beyond ASCII, beside ones it shows: the list's
        // JSON gives the exact text back.
        for escape in ["\\u2066", "\\u2069", "\\u2028"] {
            #expect(json.standardOutput.contains(escape), "\(escape)")
        }
        #expect(json.standardOutput.contains("é ✓ 😀 ‧"))
        let list = try office.run(["case", "list", "--format", "json"], as: "siti")
        #expect(!hasActedOn(list.standardOutput), "\(list.standardOutput.debugDescription)")
        let shown = try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any]
        let fields = shown?["fields"] as? [[String: Any]] ?? []
        #expect(fields.first { $0["id"] as? String == "uraian" }?["value"] as? String == Self.uraian, "\(json.standardOutput)")
    }

    /// Free text with isolates, and a line separator, and characters
    /// whose UTF-8 starts as theirs does (é C3 A9, ✓ E2 9C 93, ‧ E2 80 A7).
    static let uraian = "KTP \u{2066}x\u{2069} a\u{2028}b é ✓ 😀 ‧"

    /// Swift would replace bytes that are not UTF-8 silently; sop refuses them, writing nothing.
    /// The bytes are made by the shell's printf (a Swift string cannot hold them).
    @Test("an argument or a SOP_ variable that is not UTF-8 is refused, with nothing written")
    func notUTF8() throws {
        let office = try Office()
        let number = try office.open("pengaduan-langsung", fields: inPerson, as: "siti")
        let before = try office.events(number)
        let sop = try #require(SOPBinary.executable).path
        for script in [
            "\"$SOP\" case note \(number) \"$(printf 'catatan \\377')\"",
            "SOP_USER=\"$(printf 'siti\\376')\" \"$SOP\" case note \(number) catatan",
        ] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", script]
            process.environment = ["SOP": sop, "SOP_DB": office.database, "SOP_USER": "siti", "SOP_NOW": "2026-11-30T09:00:00+07:00",
                                   "PATH": "/usr/bin:/bin"]
            let errors = Pipe()
            process.standardError = errors
            try process.run()
            process.waitUntilExit()
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(process.terminationStatus == 2, "\(script): \(message)")
            #expect(message.contains("UTF-8"), "\(script): \(message)")
        }
        #expect(try office.events(number) == before)
    }
}

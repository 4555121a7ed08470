import Foundation
import Testing

/// The language of everything `sop` prints: `--lang`, then `SOP_LANG`, then the locale, then
/// Bahasa Indonesia; the codes the same in both.
@Suite("Language / Bahasa (end to end)")
struct LanguageCommandTests {
    static let fixture = "Tests/SOPValidationTests/Fixtures/invalid/flow.yaml"

    /// The ways of asking for English, and of asking for nothing (Indonesian).
    static let english: [(arguments: [String], environment: [String: String])] = [
        (["--lang", "en"], [:]),
        (["--lang=en"], [:]),
        ([], ["SOP_LANG": "en"]),
        ([], ["LANG": "en_US.UTF-8"]),
        ([], ["LC_ALL": "en_GB.UTF-8", "LANG": "id_ID.UTF-8"]),
    ]
    static let indonesian: [(arguments: [String], environment: [String: String])] = [
        ([], [:]),
        (["--lang", "id"], ["SOP_LANG": "en"]),
        ([], ["SOP_LANG": "id", "LANG": "en_US.UTF-8"]),
        ([], ["LANG": "id_ID.UTF-8"]),
        ([], ["LANG": "C.UTF-8"]),
        ([], ["LANG": "fr_FR.UTF-8"]),
        ([], ["LC_ALL": "C", "LANG": "en_US.UTF-8"]),
    ]

    @Test("the same bad file: English or Indonesian as asked, the same codes at the same places, the same exit status")
    func validate() throws {
        var outputs: [(language: String, result: SOPBinary.Result)] = []
        for (arguments, environment) in Self.english {
            outputs.append(("en", try SOPBinary.run(["validate", Self.fixture] + arguments, environment: environment)))
        }
        for (arguments, environment) in Self.indonesian {
            outputs.append(("id", try SOPBinary.run(["validate"] + arguments + [Self.fixture], environment: environment)))
        }
        for (language, result) in outputs {
            #expect(result.status == 1, "\(language): \(result.output)")
            let text = result.standardOutput
            if language == "en" {
                #expect(text.contains("error: no path from step 'mulai' leads to an end [SOP0402]"), "\(text)")
                #expect(text.contains("  hint: "))
                #expect(text.contains("1 file checked: "))
                #expect(!text.contains("tidak ada jalur"))
            } else {
                #expect(text.contains("error: tidak ada jalur dari langkah 'mulai' yang menuju akhir [SOP0402]"), "\(text)")
                #expect(text.contains("  saran: "))
                #expect(text.contains("1 berkas diperiksa: "))
                #expect(!text.contains("no path from"))
            }
        }
        // The lines differ only in their words: the same positions, severities and codes.
        func skeleton(_ text: String) -> [String] {
            text.split(separator: "\n").filter { $0.hasPrefix(Self.fixture) }.map { line in
                let head = line.components(separatedBy: ": ").prefix(2).joined(separator: ": ")
                return head + " " + (line.split(separator: "[").last.map(String.init) ?? "")
            }
        }
        let first = skeleton(outputs[0].result.standardOutput)
        #expect(!first.isEmpty)
        for (_, result) in outputs { #expect(skeleton(result.standardOutput) == first) }
    }

    @Test("JSON: the same keys and codes in both languages; messages and hints in the language asked for")
    func json() throws {
        let english = try ValidationOutput.decode(
            try SOPBinary.run(["validate", Self.fixture, "--format", "json"], environment: ["SOP_LANG": "en"]).standardOutput)
        let indonesian = try ValidationOutput.decode(try SOPBinary.run(["validate", Self.fixture, "--format", "json"]).standardOutput)
        #expect(english.positions == indonesian.positions)
        #expect(english.diagnostics.map(\.severity) == indonesian.diagnostics.map(\.severity))
        #expect(!english.diagnostics.isEmpty)
        for (en, id) in zip(english.diagnostics, indonesian.diagnostics) {
            #expect(en.message != id.message, "\(en.code): the message is the same in both languages")
            #expect((en.hint == nil) == (id.hint == nil))
        }
        #expect(english.diagnostics.contains { $0.message == "no path from step 'mulai' leads to an end" })
        #expect(indonesian.diagnostics.contains { $0.message == "tidak ada jalur dari langkah 'mulai' yang menuju akhir" })
    }

    @Test("a staff member's mistake: the same refusal and exit status in both languages")
    func staffMistake() throws {
        let office = try Office()
        let environment = ["SOP_DB": office.database, "SOP_USER": "siti"]
        let indonesian = try SOPBinary.run(["case", "step", "99"], environment: environment)
        let english = try SOPBinary.run(["case", "step", "99", "--lang", "en"], environment: environment)
        let locale = try SOPBinary.run(["case", "step", "99"], environment: environment.merging(["LANG": "en_US.UTF-8"]) { $1 })
        #expect(indonesian.status == 1)
        #expect(english.status == 1)
        #expect(locale.status == 1)
        #expect(indonesian.standardError == "sop: tidak ada pengaduan '99'; lihat daftar pengaduan dengan `sop case list`\n")
        #expect(english.standardError == "sop: no case '99'; list cases with `sop case list`\n")
        #expect(locale.standardError == english.standardError)
        let timeline = try office.run(["case", "open", "pengaduan-langsung", "--field", "nama=Ani", "--field", "uraian=KTP", "--lang", "en"], as: "siti")
        #expect(timeline.status == 0, "\(timeline.output)")
        // Our words in English; the SOP's own (the activity, as signed) as written.
        #expect(timeline.standardOutput.contains("(number 1): waiting for the reporter\nStep 1 'Pengisian fomulir pengaduan' (Pelapor), due Mon 30 Nov 2026"))
        let list = try office.run(["case", "list"])
        #expect(list.standardOutput.contains("Nomor register"))
        #expect(list.standardOutput.contains("menunggu pelapor"))
        #expect(list.standardOutput.contains("Sen 30 Nov 2026"))
        let englishList = try office.run(["case", "list", "--lang", "en"])
        #expect(englishList.standardOutput.contains("Register number"))
        #expect(englishList.standardOutput.contains("1 complaint(s)"))
    }

    @Test("reports: titles, notes and CSV headers in the language asked for")
    func reports() throws {
        let office = try Office()
        let recap = ["report", "recap", "--from", "2026-11-01", "--to", "2026-11-30"]
        let rekapan = try office.run(recap)
        #expect(rekapan.standardOutput.hasPrefix("Rekapan Pengaduan\nPeriode: 1 Nov 2026 – 30 Nov 2026"), "\(rekapan.output)")
        let english = try office.run(recap + ["--lang", "en"])
        #expect(english.standardOutput.hasPrefix("Complaints Recap\nPeriod: 1 Nov 2026 – 30 Nov 2026"), "\(english.output)")
        let csv = try SOPBinary.bytes(recap + ["--format", "csv"], environment: ["SOP_DB": office.database, "SOP_LANG": "en"])
        #expect(String(decoding: csv.output, as: UTF8.self).contains("Section,SOP,Key,Name,Cases,Ended,On time,Late"))
        let sla = try office.run(["report", "sla", "--lang", "en"])
        #expect(sla.standardOutput.hasPrefix("Deadlines Met\n"), "\(sla.output)")
    }

    @Test("--help in both languages, for the tool and for a command; --lang anywhere on the line")
    func help() throws {
        let indonesian = try SOPBinary.run(["--help"])
        #expect(indonesian.status == 0)
        #expect(indonesian.standardOutput.contains("OVERVIEW: Mesin SOP berbasis aturan."))
        #expect(indonesian.standardOutput.contains("--lang <id|en>"))
        let english = try SOPBinary.run(["--help", "--lang", "en"])
        #expect(english.status == 0)
        #expect(english.standardOutput.contains("OVERVIEW: A rules-driven SOP engine."))
        let step = try SOPBinary.run(["case", "step", "--help"], environment: ["SOP_LANG": "en"])
        #expect(step.standardOutput.contains("Complete the current step of a complaint."))
        #expect(step.standardOutput.contains("Choose the branch 'Ya'."))
        let langkah = try SOPBinary.run(["--lang", "id", "case", "step", "--help"], environment: ["SOP_LANG": "en"])
        #expect(langkah.standardOutput.contains("Selesaikan langkah pengaduan yang sedang berjalan."))
        #expect(langkah.standardOutput.contains("Pilih cabang 'Ya'."))
        // ArgumentParser's own words stay as the package prints them.
        #expect(langkah.standardOutput.contains("USAGE:"))
        #expect(langkah.standardOutput.contains("OPTIONS:"))
        let validate = try SOPBinary.run(["validate", "--lang", "en", "--help"])
        #expect(validate.standardOutput.contains("Treat warnings as failures (exit 1)."))
    }

    @Test("an unknown --lang or SOP_LANG is a usage error naming id and en, before anything else")
    func unknown() throws {
        for (arguments, environment) in [
            (["--lang", "xx", "validate"], [String: String]()),
            (["validate", "--lang=fr"], [:]),
            (["--help", "--lang", "xx"], [:]),
            (["validate", "--lang"], [:]),
            (["validate"], ["SOP_LANG": "english"]),
        ] {
            let result = try SOPBinary.run(arguments, environment: environment)
            #expect(result.status == 2, "\(arguments) \(environment): \(result.output)")
            #expect(result.standardOutput.isEmpty, "\(arguments)")
            #expect(result.standardError.contains("id (Bahasa Indonesia)"), "\(arguments): \(result.standardError)")
            #expect(result.standardError.contains("en (English)"), "\(arguments): \(result.standardError)")
        }
        // Refused in the locale's language when it names one.
        let english = try SOPBinary.run(["--lang", "xx", "validate"], environment: ["LANG": "en_US.UTF-8"])
        #expect(english.standardError == "sop: unknown language '--lang xx': choose id (Bahasa Indonesia) or en (English)\n")
        let indonesian = try SOPBinary.run(["--lang", "xx", "validate"])
        #expect(indonesian.standardError == "sop: bahasa tidak dikenal '--lang xx': pilih id (Bahasa Indonesia) atau en (English)\n")
        // After `--`, `--lang` is an operand, not the option.
        let operand = try SOPBinary.run(["validate", "--", "--lang"])
        #expect(operand.status == 2)
        #expect(operand.standardOutput.contains("--lang:1:1: error:"), "\(operand.output)")
    }
}

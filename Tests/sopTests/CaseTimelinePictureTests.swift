import Foundation
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Whether a text parses as XML, the parser's complaint if not, and its decoded text nodes.
private struct XMLCheck {
    var isWellFormed: Bool
    var error: String?
    var texts: [String]
    var elementNames: Set<String>

    init(_ text: String) {
        let collector = Collector()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = collector
        isWellFormed = parser.parse()
        error = parser.parserError.map { "\($0) at line \(parser.lineNumber), column \(parser.columnNumber)" }
        texts = collector.texts
        elementNames = collector.elementNames
    }

    private final class Collector: NSObject, XMLParserDelegate {
        var texts: [String] = []
        var elementNames: Set<String> = []
        private var pending = ""

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            if !pending.isEmpty { texts.append(pending) }
            pending = ""
            elementNames.insert(elementName)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            if !pending.isEmpty { texts.append(pending) }
            pending = ""
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { pending += string }
    }
}

/// `sop case show ID --format svg|html [--output FILE]`: the case's path through its flowchart,
/// through the built binary.
@Suite("sop case show --format svg|html (end to end)")
struct CaseTimelinePictureTests {
    /// A complaint on the full path of 067/12351, returned to the reporter once at the front office.
    func fullPathWithReturn(_ office: Office) throws -> Int {
        let number = try office.open("pengaduan-langsung", fields: inPerson, as: "siti")
        _ = try office.step(number, attach: ["formulir-pengaduan"], as: "siti", at: "2026-11-30T09:10:00+07:00")
        _ = try office.step(number, ["--no"], attach: ["catatan-register"], as: "siti", at: "2026-11-30T09:40:00+07:00")
        _ = try office.step(number, as: "siti", at: "2026-11-30T10:00:00+07:00")
        _ = try office.step(number, ["--yes"], as: "siti", at: "2026-11-30T10:10:00+07:00")
        _ = try office.step(number, ["--no"], as: "siti", at: "2026-11-30T10:15:00+07:00")
        _ = try office.step(number, attach: ["rancangan-tindak-lanjut"], as: "budi", at: "2026-11-30T13:00:00+07:00")
        _ = try office.step(number, attach: ["bukti-hasil-tindak-lanjut"], as: "budi", at: "2026-12-01T10:00:00+07:00")
        _ = try office.step(number, attach: ["tanggapan-pelapor"], as: "siti", at: "2026-12-01T10:30:00+07:00")
        _ = try office.step(number, attach: ["rekapan-pengaduan"], as: "budi", at: "2026-12-01T10:40:00+07:00")
        return number
    }

    @Test("an ended case on the full path with a return: an SVG file, nothing on standard output")
    func svgOfEndedCase() throws {
        let office = try Office()
        let number = try fullPathWithReturn(office)
        let file = office.folder.path + "/lini-masa.svg"
        let result = try office.run(["case", "show", String(number), "--format", "svg", "--output", file], at: "2026-12-02T09:00:00+07:00")
        #expect(result.status == 0, "\(result.output)")
        #expect(result.standardOutput.isEmpty)
        let svg = try String(contentsOfFile: file, encoding: .utf8)
        #expect(svg.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\""))
        let parsed = XMLCheck(svg)
        #expect(parsed.isWellFormed, "\(parsed.error ?? "")")
        // Nine visits, numbered; the first step and the front office's check visited twice.
        for visit in 1...9 { #expect(svg.contains("<title>Kunjungan \(visit): "), "visit \(visit)") }
        #expect(!svg.contains("<title>Kunjungan 10: "))
        #expect(parsed.texts.filter { $0 == "oleh siti atas nama pelapor" }.count == 3)
        #expect(parsed.texts.contains("15 menit / 10 menit"))
        #expect(parsed.texts.contains("Sen 30 Nov 2026 09:00 – 09:10"))
        #expect(parsed.texts.contains("pilihan: Tidak"))
        #expect(parsed.texts.contains("LINI MASA PENGADUAN 067/PGD/2026/000001 (nomor 1)"))
        #expect(parsed.texts.contains("Status: selesai — Pengaduan selesai ditindaklanjuti dan diregister"))
        // It ended at the register's terminator; it stands nowhere; the front office's end is faded.
        #expect(svg.contains("<g class=\"akhir\"><g class=\"shape\"><title>Selesai: Pengaduan selesai ditindaklanjuti dan diregister</title>"))
        #expect(!svg.contains("<g class=\"sekarang\">"))
        #expect(!svg.contains("▶ sekarang"))
        #expect(!svg.contains("tidak dilalui · anggaran"))
    }

    @Test("HTML: a self-contained page; personal data masked unless --reveal; text and JSON unchanged")
    func html() throws {
        let office = try Office()
        let number = try fullPathWithReturn(office)
        let result = try office.run(["case", "show", String(number), "--format", "html"])
        #expect(result.status == 0, "\(result.output)")
        let html = result.standardOutput
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"id\">"))
        let parsed = XMLCheck(html)
        #expect(parsed.isWellFormed, "\(parsed.error ?? "")")
        #expect(!parsed.elementNames.contains("script") && !parsed.elementNames.contains("img") && !parsed.elementNames.contains("link"))
        #expect(parsed.elementNames.contains("svg"))
        #expect(parsed.texts.contains("+628******7890"))
        #expect(!html.contains("6281234567890"))
        for text in ["Lini masa pengaduan 067/PGD/2026/000001", "selesai — Pengaduan selesai ditindaklanjuti dan diregister", "Sen 30 Nov 2026 09:00 oleh siti", "Budi Santoso", "Kunjungan langkah"] {
            #expect(parsed.texts.contains { $0.contains(text) }, "\(text)")
        }
        #expect(html.components(separatedBy: "<span class=\"nomor\"").count - 1 == 9)
        let revealed = try office.run(["case", "show", String(number), "--format", "html", "--reveal"], as: "siti")
        #expect(revealed.standardOutput.contains("+6281234567890"))

        // Text and JSON as before; --output writes the same to a file.
        let text = try office.run(["case", "show", String(number)])
        #expect(text.status == 0)
        #expect(text.standardOutput.hasPrefix("Pengaduan 067/PGD/2026/000001 (nomor 1)\nSOP               Penanganan Pengaduan"))
        #expect(try office.run(["case", "show", String(number), "--format", "text"]).standardOutput == text.standardOutput)
        let file = office.folder.path + "/lini-masa.txt"
        #expect(try office.run(["case", "show", String(number), "--output", file]).standardOutput.isEmpty)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == text.standardOutput)
        let json = try office.run(["case", "show", String(number), "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        #expect((object["steps"] as? [Any])?.count == 9)
        #expect(json.standardOutput.hasSuffix("}\n"))
    }

    @Test("an open case: the step it stands on marked, the steps ahead faded")
    func openCase() throws {
        let office = try Office()
        let number = try office.open("pengaduan-langsung", fields: inPerson, as: "siti")
        _ = try office.step(number, attach: ["formulir-pengaduan"], as: "siti", at: "2026-11-30T09:10:00+07:00")
        _ = try office.step(number, ["--yes"], attach: ["catatan-register"], as: "siti", at: "2026-11-30T09:20:00+07:00")
        _ = try office.step(number, ["--no"], as: "siti", at: "2026-11-30T09:25:00+07:00")
        let returned = try office.run(["case", "return", String(number), "--reason", "Fotokopi KK tidak terbaca"], as: "budi", at: "2026-11-30T10:00:00+07:00")
        #expect(returned.status == 0, "\(returned.output)")
        let result = try office.run(["case", "show", String(number), "--format", "svg"], at: "2026-11-30T10:20:00+07:00")
        #expect(result.status == 0, "\(result.output)")
        let svg = result.standardOutput
        let parsed = XMLCheck(svg)
        #expect(parsed.isWellFormed, "\(parsed.error ?? "")")
        #expect(svg.contains("<g class=\"sekarang\"><g class=\"shape\"><title>1. Pengisian fomulir pengaduan</title>"))
        #expect(svg.contains("▶ sekarang"))
        #expect(parsed.texts.contains("15 menit / 20 menit sejauh ini"))
        #expect(parsed.texts.contains("terlambat"))
        #expect(parsed.texts.contains { $0.hasPrefix("Sekarang: langkah 1. Pengisian fomulir pengaduan (Pelapor), tenggat ") })
        // The return from the complaint team, which no line of the chart draws.
        #expect(svg.contains("<g class=\"dikembalikan\"><title>Kunjungan 4: dikembalikan ke pelapor</title>"))
        #expect(parsed.texts.contains("dikembalikan ke pelapor: Fotokopi KK tidak"))
        #expect(parsed.texts.contains("terbaca"))
        #expect(parsed.texts.filter { $0.hasPrefix("tidak dilalui · anggaran") }.count == 3)
    }

    @Test("an unknown case: a clear error, exit 1, nothing written to --output")
    func unknownCase() throws {
        let office = try Office()
        let file = office.folder.path + "/tidak-ada.svg"
        for format in ["svg", "html"] {
            let result = try office.run(["case", "show", "99", "--format", format, "--output", file])
            #expect(result.status == 1)
            #expect(result.standardOutput.isEmpty)
            #expect(result.standardError == "sop: tidak ada pengaduan '99'; lihat daftar pengaduan dengan `sop case list`\n")
            #expect(!FileManager.default.fileExists(atPath: file))
        }
        // A file already there is left as it was.
        try office.folder.write("ada.svg", "lama\n")
        let result = try office.run(["case", "show", "067/PGD/2026/000099", "--format", "svg", "--output", office.folder.path + "/ada.svg"])
        #expect(result.status == 1)
        #expect(try String(contentsOfFile: office.folder.path + "/ada.svg", encoding: .utf8) == "lama\n")
        let format = try office.run(["case", "show", "1", "--format", "png"])
        #expect(format.status == 2)
        #expect(format.standardError.contains("'text', 'json', 'svg' or 'html'"))
    }

    @Test("markup in fields, notes, reasons and names is escaped; the SVG parses as XML")
    func injection() throws {
        let office = try Office()
        let payload = "<script>alert(1)</script> & \"kutip\" 'petik' </text></svg>"
        var fields = inPerson
        fields["uraian"] = "Uraian " + payload
        fields["nama"] = "Nama " + payload
        let number = try office.open("pengaduan-langsung", fields: fields, as: "siti")
        _ = try office.step(number, ["--note", "Catatan " + payload], attach: ["formulir-pengaduan"], as: "siti")
        _ = try office.step(number, ["--yes"], attach: ["catatan-register"], as: "siti")
        _ = try office.step(number, ["--no"], as: "siti")
        let returned = try office.run(["case", "return", String(number), "--reason", "Alasan " + payload], as: "budi", at: "2026-11-30T10:30:00+07:00")
        #expect(returned.status == 0, "\(returned.output)")
        let withdrawn = try office.run(["case", "withdraw", String(number), "--reason", "Cabut " + payload], as: "siti", at: "2026-11-30T10:40:00+07:00")
        #expect(withdrawn.status == 0, "\(withdrawn.output)")
        let escaped = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;kutip&quot; &#39;petik&#39; &lt;/text&gt;&lt;/svg&gt;"
        for format in ["svg", "html"] {
            let result = try office.run(["case", "show", String(number), "--format", format])
            #expect(result.status == 0, "\(result.output)")
            let text = result.standardOutput
            #expect(!text.contains("<script"), "\(format)")
            #expect(!text.contains("'petik'"), "\(format)")
            let parsed = XMLCheck(text)
            #expect(parsed.isWellFormed, "\(format): \(parsed.error ?? "")")
            #expect(!parsed.elementNames.contains("script"), "\(format)")
            // The picture wraps the reason onto two lines; the page has it whole.
            if format == "svg" {
                #expect(parsed.texts.contains("dikembalikan ke pelapor: Alasan"))
                #expect(parsed.texts.contains { $0.hasPrefix("<script>alert(1)</script> & \"kutip\"") })
            } else {
                #expect(parsed.texts.contains("dikembalikan ke pelapor: Alasan " + payload))
            }
        }
        let html = try office.run(["case", "show", String(number), "--format", "html"]).standardOutput
        #expect(html.contains("dikembalikan ke pelapor: Alasan " + escaped))
        let parsed = XMLCheck(html)
        #expect(parsed.texts.contains("dikembalikan ke pelapor: Alasan " + payload))
        #expect(parsed.texts.contains("Uraian " + payload))
        #expect(parsed.texts.contains("Nama " + payload))
        #expect(parsed.texts.contains { $0.hasSuffix("siti: Catatan " + payload) })
        #expect(parsed.texts.contains("dicabut"))
    }

    @Test("a case whose revision's stored text is missing: an error, nothing written")
    func missingRevisionText() throws {
        let office = try Office()
        let number = try office.open("pengaduan-langsung", fields: inPerson, as: "siti")
        // The store never deletes a revision's text; a damaged database might lack it.
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "-c", "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute('DELETE FROM workflow_texts'); c.commit()", office.database]
        try python.run()
        python.waitUntilExit()
        try #require(python.terminationStatus == 0, "python3 with sqlite3 is needed to damage the test database")
        let file = office.folder.path + "/lini-masa.svg"
        for format in ["svg", "html", "text"] {
            let result = try office.run(["case", "show", String(number), "--format", format, "--output", file])
            #expect(result.status == 1, "\(format): \(result.output)")
            #expect(result.standardError.contains("teks alur kerja 'pengaduan-langsung' revisi 1 yang dipakai pengaduan 067/PGD/2026/000001 tidak ada di basis data"), "\(format)")
            #expect(!FileManager.default.fileExists(atPath: file), "\(format)")
        }
    }

    @Test("the same case with --lang en (or SOP_LANG, LANG) and by default: the picture's words in each language, the SOP's as written")
    func language() throws {
        let office = try Office()
        let number = try office.open("pengaduan-langsung", fields: inPerson, as: "siti")
        _ = try office.step(number, attach: ["formulir-pengaduan"], as: "siti", at: "2026-11-30T09:10:00+07:00")
        _ = try office.step(number, ["--yes"], attach: ["catatan-register"], as: "siti", at: "2026-11-30T09:20:00+07:00")
        _ = try office.step(number, ["--no"], as: "siti", at: "2026-11-30T09:25:00+07:00")
        let returned = try office.run(["case", "return", String(number), "--reason", "Fotokopi KK tidak terbaca"], as: "budi", at: "2026-11-30T10:00:00+07:00")
        #expect(returned.status == 0, "\(returned.output)")
        let at = "2026-11-30T10:20:00+07:00"
        let standard = try office.run(["case", "show", String(number), "--format", "svg"], at: at)
        let english = try office.run(["case", "show", String(number), "--format", "svg", "--lang", "en"], at: at)
        #expect(standard.status == 0 && english.status == 0, "\(standard.output) \(english.output)")
        #expect(try office.run(["case", "show", String(number), "--format", "svg", "--lang", "id"], at: at).standardOutput == standard.standardOutput)
        let id = XMLCheck(standard.standardOutput)
        let en = XMLCheck(english.standardOutput)
        #expect(id.isWellFormed && en.isWellFormed, "\(en.error ?? "")")
        // Each pair: the Indonesian picture's words, and the English one's, for the same thing.
        let pairs: [(String, String)] = [
            ("LINI MASA PENGADUAN 067/PGD/2026/000001 (nomor 1)", "COMPLAINT TIMELINE 067/PGD/2026/000001 (number 1)"),
            ("Status: menunggu pelapor", "Status: waiting for the reporter"),
            ("Dibuka Sen 30 Nov 2026 09:00 oleh siti · tenggat Rab 2 Des 2026 11:00 (tepat waktu)",
             "Opened Mon 30 Nov 2026 09:00 by siti · due Wed 2 Dec 2026 11:00 (on time)"),
            ("Sekarang: langkah 1. Pengisian fomulir pengaduan (Pelapor), tenggat Sen 30 Nov 2026 10:15 (terlambat)",
             "Now: step 1. Pengisian fomulir pengaduan (Pelapor), due Mon 30 Nov 2026 10:15 (overdue)"),
            ("Waktu kerja: kantor 50 menit, menunggu pelapor 30 menit", "Working time: office 50 menit, waiting for the reporter 30 menit"),
            ("Kegiatan", "Activity"), ("Pelaksana", "Actors"), ("Kunjungan: anggaran / realisasi", "Visits: budget / time taken"),
            ("15 menit / 20 menit sejauh ini", "15 menit / 20 menit so far"), ("terlambat", "overdue"), ("tepat waktu", "on time"),
            ("oleh siti atas nama pelapor", "by siti on behalf of the reporter"), ("oleh budi", "by budi"),
            ("sedang berjalan", "in progress"), ("mulai Sen 30 Nov 2026 10:00", "since Mon 30 Nov 2026 10:00"),
            ("Sen 30 Nov 2026 09:00 – 09:10", "Mon 30 Nov 2026 09:00 – 09:10"), ("pilihan: Ya", "choice: Ya"),
            ("tidak dilalui · anggaran 1 hari", "not visited · budget 1 hari"), ("dikembalikan", "returned"), ("▶ sekarang", "▶ now"),
            ("jalur yang dilalui", "path taken"), ("langkah sekarang", "current step"), ("akhir yang dicapai", "end reached"),
            ("kunjungan hampir lewat", "visit at risk"), ("Mulai", "Start"), ("Selesai", "End"),
            ("Tidak: langkah 1", "Tidak: step 1"), ("Ya: langkah 3", "Ya: step 3"),
        ]
        for (indonesian, englishWords) in pairs {
            #expect(id.texts.contains(indonesian), "Indonesian: \(indonesian)")
            #expect(en.texts.contains(englishWords), "English: \(englishWords)")
            #expect(!en.texts.contains(indonesian), "still Indonesian in English: \(indonesian)")
        }
        // The reason is the reporter's own words, wrapped onto two lines in both.
        #expect(id.texts.contains("dikembalikan ke pelapor: Fotokopi KK tidak"))
        #expect(en.texts.contains { $0.hasPrefix("returned to the reporter: Fotokopi KK") })
        #expect(english.standardOutput.contains("<title>Visit 4: returned to the reporter</title>"))
        #expect(standard.standardOutput.contains("<title>Kunjungan 4: dikembalikan ke pelapor</title>"))
        // The SOP's words are as written in both.
        for text in ["1. Pengisian fomulir pengaduan", "Staf Front Office", "Berkas pengaduan lengkap dan jelas?", "Tim Pengelola"] {
            #expect(id.texts.contains(text) && en.texts.contains(text), "\(text)")
        }
        // SOP_LANG and LANG choose English too; the page says which language it is in.
        let page = try SOPBinary.run(
            ["case", "show", String(number), "--format", "html"],
            environment: ["SOP_DB": office.database, "SOP_NOW": at, "SOP_LANG": "en"])
        #expect(page.status == 0, "\(page.output)")
        #expect(page.standardOutput.hasPrefix("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">"))
        let html = XMLCheck(page.standardOutput)
        #expect(html.isWellFormed, "\(html.error ?? "")")
        for text in ["Complaint timeline 067/PGD/2026/000001", "Register number", "067/PGD/2026/000001 (number 1)", "Workflow",
                     "pengaduan-langsung, revision 1", "Opened", "Mon 30 Nov 2026 09:00 by siti", "Current step", "Office working time",
                     "Waiting for the reporter", "Channel", "Step visits", "Start – end", "Time taken", "Timeliness", "Result", "done",
                     "The complaint's path on the flowchart"] {
            #expect(html.texts.contains { $0.contains(text) }, "\(text)")
        }
        for text in ["Lini masa pengaduan", "Nomor register", "Kunjungan langkah", "Realisasi", "sedang berjalan"] {
            #expect(!html.texts.contains { $0.contains(text) }, "\(text)")
        }
        let locale = try SOPBinary.run(
            ["case", "show", String(number), "--format", "svg"], environment: ["SOP_DB": office.database, "SOP_NOW": at, "LANG": "en_US.UTF-8"])
        #expect(locale.standardOutput == english.standardOutput)
    }

    @Test("after a move: drawn on the new revision; the step it left and the move are listed")
    func afterMove() throws {
        let session = try MoveSession()
        try session.setUp()
        try session.addRevision2()
        try session.ok(["migrate", "pengaduan-langsung", "--to", "2", "--map", "dapat-diselesaikan=analisa", "--as", "admin"])
        // Case 2 went through dapat-diselesaikan, which revision 2 does not have.
        let svg = try session.ok(["case", "show", "2", "--format", "svg"])
        let parsed = XMLCheck(svg)
        #expect(parsed.isWellFormed, "\(parsed.error ?? "")")
        #expect(parsed.texts.contains { $0.hasSuffix("alur kerja pengaduan-langsung, revisi 2") })
        #expect(parsed.texts.contains("Langkah yang tidak ada di revisi 2 (dilalui pada revisi sebelumnya):"))
        #expect(parsed.texts.contains { $0.hasPrefix("(3) 3. Pengaduan dapat diselesaikan oleh staf front office — ") })
        #expect(parsed.texts.contains("Perpindahan revisi:"))
        #expect(parsed.texts.contains("Sen 30 Nov 2026 09:00 admin: dipindahkan ke revisi 2 (M1) dari revisi 1 (langkah analisa)"))
        #expect(svg.contains("<g class=\"sekarang\"><g class=\"shape\"><title>3. "))
        // Case 1 stood on the step that was removed; it was mapped to analisa.
        let html = try session.ok(["case", "show", "1", "--format", "html"])
        let page = XMLCheck(html)
        #expect(page.isWellFormed, "\(page.error ?? "")")
        #expect(page.texts.contains { $0.contains("dipindahkan ke revisi 2 (M1) dari revisi 1 (langkah dapat-diselesaikan → analisa)") })
        // And back again.
        try session.ok(["migrate", "--undo", "M1", "--as", "admin"])
        let undone = XMLCheck(try session.ok(["case", "show", "1", "--format", "svg"]))
        #expect(undone.isWellFormed)
        #expect(undone.texts.contains { $0.hasSuffix("alur kerja pengaduan-langsung, revisi 1") })
        #expect(undone.texts.contains { $0.contains("pemindahan M1 dibatalkan, kembali ke revisi 1") })
        let english = XMLCheck(try session.ok(["case", "show", "2", "--format", "svg", "--lang", "en"]))
        #expect(english.isWellFormed)
        #expect(english.texts.contains("Moves between revisions:"))
        #expect(english.texts.contains("Mon 30 Nov 2026 09:00 admin: moved to revision 2 (M1) from revision 1 (step analisa)"))
        #expect(english.texts.contains { $0.contains("move M1 undone, back to revision 1") })
    }
}

import Foundation
import SOPCore
import SOPModel
import SOPService
import Testing
@testable import SOPReports

/// The recap and deadlines met as text tables (`sop report … --format table`), in both languages.
@Suite struct ReportTextTests {
    @Test func periodsPercentsAndStatusWords() throws {
        let first = try #require(CivilDate("2026-11-01"))
        let last = try #require(CivilDate("2026-11-30"))
        #expect(ReportText.period(november, language: .id) == "1 Nov 2026 – 30 Nov 2026")
        #expect(ReportText.period(try ReportPeriod(from: first, to: first), language: .en) == "1 Nov 2026")
        #expect(ReportText.period(try ReportPeriod(from: first, to: nil), language: .id) == "sejak 1 Nov 2026")
        #expect(ReportText.period(try ReportPeriod(from: first, to: nil), language: .en) == "since 1 Nov 2026")
        #expect(ReportText.period(try ReportPeriod(from: nil, to: last), language: .id) == "sampai 30 Nov 2026")
        #expect(ReportText.period(try ReportPeriod(from: nil, to: last), language: .en) == "until 30 Nov 2026")
        #expect(ReportText.period(.always, language: .id) == "semua waktu")
        #expect(ReportText.period(.always, language: .en) == "all time")
        #expect(ReportText.day(try #require(CivilDate("2026-05-01")), language: .id) == "1 Mei 2026")
        #expect(ReportText.day(try #require(CivilDate("2026-05-01")), language: .en) == "1 May 2026")
        // A decimal comma in Indonesian, a point in English.
        #expect(ReportText.percent(87.5, language: .id) == "87,5%")
        #expect(ReportText.percent(87.5, language: .en) == "87.5%")
        #expect(ReportText.percent(50, language: .id) == "50%")
        #expect(ReportText.percent(nil, language: .en) == "-")
        #expect(ReportText.dayNote(510, language: .id) == "1 hari = 8 jam 30 menit kerja (hari kerja biasa kalender SOP).\n")
        #expect(ReportText.dayNote(510, language: .en) == "1 hari = 8 jam 30 menit of working time (a usual working day of the SOP's calendar).\n")
        #expect(ReportText.dayNote(nil, language: .en) == "")
    }

    @Test func nothingToReportInBothLanguages() throws {
        let office = try ReportOffice()
        let recap = try office.reports.recap(november, asOf: Scenario.asOf)
        let ledger = try #require(recap.ledger)
        #expect(ReportText.recap(recap, width: 120, language: .id) == """
            Rekapan Pengaduan
            Periode: 1 Nov 2026 – 30 Nov 2026 (pengaduan yang dibuka, WIB); per Jum 6 Nov 2026 10:00
            Kepala buku besar: \(ledger.head) (entri \(ledger.entries)); periksa kelak dengan `sop verify --head`

            Tidak ada pengaduan yang dibuka pada periode ini.

            """)
        #expect(ReportText.recap(recap, width: 120, language: .en) == """
            Complaints Recap
            Period: 1 Nov 2026 – 30 Nov 2026 (cases opened, Jakarta time); as of Fri 6 Nov 2026 10:00
            Ledger head: \(ledger.head) (entry \(ledger.entries)); check it later with `sop verify --head`

            No cases were opened in this period.

            """)
        let all = try office.reports.sla(.always, workflow: "pengaduan-media", asOf: Scenario.asOf)
        #expect(ReportText.sla(all, width: 120, language: .id) == """
            Ketepatan Waktu Pengaduan
            Periode: semua waktu (pengaduan yang dibuka, WIB); SOP pengaduan-media; per Jum 6 Nov 2026 10:00

            Tidak ada pengaduan SOP pengaduan-media di basis data.

            """)
        #expect(ReportText.sla(all, width: 120, language: .en) == """
            Deadlines Met
            Period: all time (cases opened, Jakarta time); SOP pengaduan-media; as of Fri 6 Nov 2026 10:00

            No cases SOP pengaduan-media in the database.

            """)
        let period = try office.reports.sla(november, asOf: Scenario.asOf)
        #expect(ReportText.sla(period, width: 120, language: .id).hasSuffix("\nTidak ada pengaduan yang dibuka pada periode ini.\n"))
        #expect(ReportText.sla(period, width: 120, language: .en).hasSuffix("\nNo cases were opened in this period.\n"))
    }

    @Test func theRecapInBothLanguages() throws {
        let office = try ReportOffice()
        try Scenario.make(office)
        let report = try office.reports.recap(november, asOf: Scenario.asOf)
        let ledger = try #require(report.ledger)
        let indonesian = ReportText.recap(report, width: 100, language: .id)
        #expect(indonesian.hasPrefix("""
            Rekapan Pengaduan
            Periode: 1 Nov 2026 – 30 Nov 2026 (pengaduan yang dibuka, WIB); per Jum 6 Nov 2026 10:00
            Kepala buku besar: \(ledger.head) (entri \(ledger.entries)); periksa kelak dengan `sop verify --head`
            Jumlah: 7 pengaduan — 5 berakhir (4 tepat waktu, 1 terlambat), 2 berjalan (2 lewat tenggat)
            Median waktu kerja: 1 jam 40 menit (berakhir); median umur berjalan: 2 hari 4 jam 30 menit

            Per SOP

            """))
        for words in [
            "\nPer kanal\nKanal    │ Jumlah │ Berakhir │ Tepat   │ Terlambat │", "\nPer status\nSOP /    │ Jumlah │",
            "\nLangkah pengaduan yang berjalan\nSOP / langkah ", "\n(menunggu pelapor) ",
        ] {
            #expect(indonesian.contains(words), "\(words)")
        }
        #expect(indonesian.hasSuffix("\n1 hari = 8 jam 30 menit kerja (hari kerja biasa kalender SOP).\n"))
        let english = ReportText.recap(report, width: 100, language: .en)
        #expect(english.hasPrefix("""
            Complaints Recap
            Period: 1 Nov 2026 – 30 Nov 2026 (cases opened, Jakarta time); as of Fri 6 Nov 2026 10:00
            Ledger head: \(ledger.head) (entry \(ledger.entries)); check it later with `sop verify --head`
            Total: 7 case(s) — 5 ended (4 on time, 1 late), 2 open (2 past due)
            Median working time: 1 jam 40 menit (ended); median age of open cases: 2 hari 4 jam 30 menit

            By SOP

            """))
        for words in [
            "\nBy channel\nChannel  │ Cases  │ Ended    │ On time │ Late      │", "\nBy status\nSOP /    │ Cases  │",
            "\nSteps the open cases stand on\nSOP / step ", "\n(waiting for the reporter) ",
        ] {
            #expect(english.contains(words), "\(words)")
        }
        #expect(english.hasSuffix("\n1 hari = 8 jam 30 menit of working time (a usual working day of the SOP's calendar).\n"))
        // The notes wrap to the width given.
        let notes = try #require(english.components(separatedBy: "\nOn time: an ended case").last)
        #expect(notes.components(separatedBy: "\n").allSatisfy { $0.count <= 100 })
    }

    @Test func deadlinesMetInBothLanguages() throws {
        let office = try ReportOffice()
        try Scenario.make(office)
        let report = try office.reports.sla(november, asOf: Scenario.asOf)
        let indonesian = ReportText.sla(report, width: 120, language: .id)
        #expect(indonesian.hasPrefix("""
            Ketepatan Waktu Pengaduan
            Periode: 1 Nov 2026 – 30 Nov 2026 (pengaduan yang dibuka, WIB); per Jum 6 Nov 2026 10:00

            """))
        for words in [
            "\n  Tepat waktu     50% dari yang berakhir atau sudah lewat tenggat\n", "\n  Waktu kantor    median ",
            "; waktu pelapor)", "\nLangkah kantor yang paling sering terlambat\nPeringkat │ SOP / langkah ",
        ] {
            #expect(indonesian.contains(words), "\(words)")
        }
        let english = ReportText.sla(report, width: 120, language: .en)
        for words in [
            "Deadlines Met\nPeriod: 1 Nov 2026 – 30 Nov 2026 (cases opened, Jakarta time); as of Fri 6 Nov 2026 10:00\n",
            "\n  On time         50% of those ended or past due\n", "\n  Office time     median ", "; reporter's time)",
            "\nOffice steps late most often\nRank      │ SOP / step ",
        ] {
            #expect(english.contains(words), "\(words)")
        }
    }
}

/// The recap and deadlines met as CSV (`sop report … --format csv`), in both languages.
@Suite struct ReportCSVTests {
    @Test func headersInBothLanguages() throws {
        let office = try ReportOffice()
        let recap = try office.reports.recap(november, asOf: Scenario.asOf)
        #expect(ReportCSV.recap(recap, language: .id).render() == CSVDocument.byteOrderMark
            + "Bagian,SOP,Kunci,Nama,Jumlah,Berakhir,Tepat waktu,Terlambat,Median waktu kerja (menit),Berjalan,"
            + "Berjalan lewat tenggat,Median umur berjalan (menit),Langkah lewat tenggat,Median waktu di langkah (menit),"
            + "Tenggat melewati tahun tanpa daftar libur\r\n")
        #expect(ReportCSV.recap(recap, language: .en).render() == CSVDocument.byteOrderMark
            + "Section,SOP,Key,Name,Cases,Ended,On time,Late,Median working time (minutes),Open,Open past due,"
            + "Median age open (minutes),Step past due,Median time on the step (minutes),Due through a year without holidays listed\r\n")
        let sla = try office.reports.sla(november, asOf: Scenario.asOf)
        #expect(ReportCSV.sla(sla, language: .id).header.prefix(8) == ["Bagian", "SOP", "No", "Langkah", "Nama", "Pelaksana", "Langkah pelapor", "Anggaran"])
        #expect(ReportCSV.sla(sla, language: .en).header.prefix(8) == ["Section", "SOP", "No", "Step", "Name", "Actors", "Reporter's step", "Budget"])
        #expect(ReportCSV.sla(sla, language: .id).header.count == 24)
        #expect(ReportCSV.sla(sla, language: .en).header.last == "Late rank")
    }

    @Test("rows: the words in the language given, the keys as they are", arguments: [
        (Language.id, ["Semua pengaduan", "Kanal", "Langkah", "selesai", "ya", "tidak"]),
        (Language.en, ["All cases", "Channel", "Step", "resolved", "yes", "no"]),
    ])
    func rows(language: Language, words: [String]) throws {
        let office = try ReportOffice()
        try Scenario.make(office)
        let recap = ReportCSV.recap(try office.reports.recap(november, asOf: Scenario.asOf), language: language).rows
        let total: [CSVDocument.Field] = ["Total", .empty, .empty, .text(words[0]), .integer(7)]
        #expect(Array(recap[0].prefix(5)) == total)
        #expect(recap.contains { $0[0] == .text(words[1]) && $0[2] == "instagram" })
        #expect(recap.contains { $0[0] == .text(words[2]) && $0[2] == "telaah" })
        let status = try #require(recap.first { $0[0] == "Status" && $0[2] == "resolved:selesai-front-office" })
        #expect(status[3] == .text(words[3] + " — Pengaduan diselesaikan oleh staf front office"))

        let sla = ReportCSV.sla(try office.reports.sla(november, asOf: Scenario.asOf), language: language).rows
        let form = try #require(sla.first { $0[3] == "isi-formulir" })
        #expect(form[0] == .text(words[2]))
        #expect(form[6] == .text(words[4]))
        let review = try #require(sla.first { $0[3] == "telaah" })
        #expect(review[6] == .text(words[5]))
    }
}

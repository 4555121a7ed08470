import Foundation
import SOPCore
import SOPEngine
import SOPModel
import Testing
@testable import SOPService

/// Dates and working times as staff read them, in both languages.
@Suite struct TimeTextTests {
    /// Monday 30 November 2026, 09:05 WIB (02:05 UTC).
    static let monday = Date(timeIntervalSince1970: 1_796_004_000 + 300)

    @Test func datesInJakartaTimeInBothLanguages() {
        #expect(TimeText.date(Self.monday, in: .id) == "Sen 30 Nov 2026 09:05")
        #expect(TimeText.date(Self.monday, in: .en) == "Mon 30 Nov 2026 09:05")
        // 23:30 UTC on Saturday is already Sunday in Jakarta.
        let sunday = Date(timeIntervalSince1970: 1_796_004_000 - 86_400 - 9000)
        #expect(TimeText.date(sunday, in: .id) == "Min 29 Nov 2026 06:30")
        #expect(TimeText.date(sunday, in: .en) == "Sun 29 Nov 2026 06:30")
    }

    @Test func namesOfMonthsAndDays() {
        #expect(TimeText.months(in: .id)[4] == "Mei")
        #expect(TimeText.months(in: .en)[4] == "May")
        #expect(TimeText.months(in: .id)[11] == "Des")
        #expect(TimeText.months(in: .en)[11] == "Dec")
        #expect(TimeText.days(in: .id) == ["Min", "Sen", "Sel", "Rab", "Kam", "Jum", "Sab"])
        #expect(TimeText.days(in: .en) == ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"])
    }

    @Test func spansWithinADayAcrossDaysAndOpen() {
        let start = Self.monday
        #expect(TimeText.span(start, start.addingTimeInterval(420), in: .id) == "Sen 30 Nov 2026 09:05 – 09:12")
        #expect(TimeText.span(start, start.addingTimeInterval(420), in: .en) == "Mon 30 Nov 2026 09:05 – 09:12")
        #expect(TimeText.span(start, start.addingTimeInterval(86_400), in: .id) == "Sen 30 Nov 2026 09:05 – Sel 1 Des 2026 09:05")
        #expect(TimeText.span(start, start.addingTimeInterval(86_400), in: .en) == "Mon 30 Nov 2026 09:05 – Tue 1 Dec 2026 09:05")
        #expect(TimeText.span(start, nil, in: .id) == "mulai Sen 30 Nov 2026 09:05")
        #expect(TimeText.span(start, nil, in: .en) == "since Mon 30 Nov 2026 09:05")
    }

    @Test("working time in the words budgets use", arguments: [(0, "0 menit"), (59, "0 menit"), (300, "5 menit"), (3600, "1 jam"), (7500, "2 jam 5 menit")])
    func durations(seconds: Int, text: String) {
        #expect(TimeText.duration(seconds) == text)
    }
}

/// A case's timeline, list and history as text, in both languages (`sop case show`, `list`,
/// `queue`, `history`).
@Suite struct CaseTextTests {
    static let monday = TimeTextTests.monday

    @Test func phrasesInBothLanguages() throws {
        #expect(CaseText.sla(.onTime) == Text(id: "tepat waktu", en: "on time"))
        #expect(CaseText.sla(.atRisk) == Text(id: "hampir lewat", en: "at risk"))
        #expect(CaseText.sla(.overdue) == Text(id: "terlambat", en: "overdue"))
        #expect(CaseText.sla(nil) == Text(verbatim: "-"))
        #expect(CaseText.handedOff(.workflow("pengaduan-media")) == Text(id: "diteruskan ke SOP pengaduan-media", en: "handed off to SOP pengaduan-media"))
        #expect(CaseText.years([2027]) == Text(verbatim: "2027"))
        #expect(CaseText.years([2027, 2028]) == Text(id: "2027 dan 2028", en: "2027 and 2028"))
        #expect(CaseText.stepText(from: "analisa", to: "analisa") == Text(id: "langkah analisa", en: "step analisa"))
        #expect(CaseText.stepText(from: "dapat-diselesaikan", to: "analisa")
            == Text(id: "langkah dapat-diselesaikan → analisa", en: "step dapat-diselesaikan → analisa"))
        #expect(CaseText.coverageWarning([]) == nil)
        let warning = try #require(CaseText.coverageWarning([2028]))
        #expect(warning.id.hasPrefix("Peringatan: kalender kerja belum memuat hari libur tahun 2028, "))
        #expect(warning.en.hasPrefix("Warning: the office calendar does not list the holidays of 2028 yet, "))
    }

    @Test func aListFitsItsWidthAndMarksUncoveredYears() {
        let items = [
            CaseListItem(
                number: 2, registerNumber: "067/PGD/2026/000002", workflow: "pengaduan-langsung", revision: 1, status: .open,
                step: "analisa", activity: "Melakukan analisa pengaduan", actors: ["tim-pengaduan"], channel: "langsung",
                openedAt: Self.monday, dueAt: Self.monday, stepDueAt: Self.monday, closedAt: nil, sla: .overdue, uncoveredYears: [2028]),
            CaseListItem(
                number: 1, registerNumber: "067/PGD/2026/000001", workflow: "pengaduan-langsung", revision: 1, status: .resolved,
                step: nil, activity: nil, actors: [], channel: nil, openedAt: Self.monday, dueAt: Self.monday,
                stepDueAt: nil, closedAt: Self.monday, sla: nil),
        ]
        let indonesian = CaseText.list(items, width: 80, language: .id)
        #expect(indonesian == """
            Nomor register         │ SOP                 │ Status           │ Langkah  │ Kanal        │ Tenggat langkah
            ───────────────────────┼─────────────────────┼──────────────────┼──────────┼──────────────┼───────────────────────
            067/PGD/2026/000002 *  │ pengaduan-langsung  │ terbuka          │ Melakuka │ langsung     │ Sen 30 Nov 2026 09:05
                                   │                     │                  │ n        │              │ terlambat
                                   │                     │                  │ analisa  │              │
                                   │                     │                  │ pengadua │              │
                                   │                     │                  │ n        │              │
            ───────────────────────┼─────────────────────┼──────────────────┼──────────┼──────────────┼───────────────────────
            067/PGD/2026/000001    │ pengaduan-langsung  │ selesai          │ -        │ -            │ -
            2 pengaduan
            * 1 pengaduan bertenggat melewati tahun 2028, yang hari liburnya belum dimuat kalender kerja: tenggatnya dihitung \
            seolah-olah tanpa hari libur (lihat `sop calendar import`).

            """)
        let english = CaseText.list(items, width: 80, language: .en)
        #expect(english.hasPrefix("Register number        │ SOP                 │ Status           │ Step     │ Channel      │ Step due\n"))
        #expect(english.contains("│ open             │"))
        #expect(english.contains("│ Mon 30 Nov 2026 09:05\n"))
        #expect(english.contains("│ overdue\n"))
        #expect(english.contains("│ resolved         │"))
        #expect(english.hasSuffix("""
            2 complaint(s)
            * 1 complaint(s) have due times through 2028, whose holidays the office calendar does not list yet: they assume \
            no holidays there (see `sop calendar import`).

            """))
        #expect(CaseText.list([], width: 80, language: .id) == "Tidak ada pengaduan.\n")
        #expect(CaseText.list([], width: 80, language: .en) == "No complaints.\n")
    }

    @Test func historyInBothLanguages() {
        let at = Self.monday
        let events = [
            CaseEvent(sequence: 1, at: at, by: "siti", kind: .stepStarted(step: "isi-formulir", dueAt: at.addingTimeInterval(600), waitsForReporter: true)),
            CaseEvent(sequence: 2, at: at, by: "siti", kind: .stepCompleted(step: "isi-formulir", branch: nil, onBehalfOfReporter: true)),
            CaseEvent(sequence: 3, at: at, by: "siti", kind: .stepCompleted(step: "periksa", branch: "Ya", onBehalfOfReporter: false)),
            CaseEvent(sequence: 4, at: at, by: "sop", kind: .stepSkipped(step: "telaah", reason: SkipReason.ruleDoesNotHold("case.nilai > 0"))),
            CaseEvent(sequence: 5, at: at, by: "budi", kind: .escalated(step: "analisa", to: "kepala", reason: "terlambat")),
            CaseEvent(sequence: 6, at: at, by: "budi", kind: .noteAdded("ditelepon")),
            CaseEvent(sequence: 7, at: at, by: "budi", kind: .ended(status: .closed, outcome: nil, handedOffTo: .workflow("pengaduan-media"), reason: nil)),
        ]
        #expect(CaseText.history(events, language: .id) == """
            1. Sen 30 Nov 2026 09:05 siti: mulai langkah isi-formulir, tenggat Sen 30 Nov 2026 09:15 (menunggu pelapor)
            2. Sen 30 Nov 2026 09:05 siti: menyelesaikan langkah isi-formulir atas nama pelapor
            3. Sen 30 Nov 2026 09:05 siti: menyelesaikan langkah periksa — Ya
            4. Sen 30 Nov 2026 09:05 sop: melewati langkah telaah: tidak diperlukan: case.nilai > 0 tidak terpenuhi
            5. Sen 30 Nov 2026 09:05 budi: mengeskalasi langkah analisa ke kepala: terlambat
            6. Sen 30 Nov 2026 09:05 budi: catatan: ditelepon
            7. Sen 30 Nov 2026 09:05 budi: berakhir: ditutup, diteruskan ke SOP pengaduan-media

            """)
        #expect(CaseText.history(events, language: .en) == """
            1. Mon 30 Nov 2026 09:05 siti: started step isi-formulir, due Mon 30 Nov 2026 09:15 (waiting for the reporter)
            2. Mon 30 Nov 2026 09:05 siti: completed step isi-formulir on behalf of the reporter
            3. Mon 30 Nov 2026 09:05 siti: completed step periksa — Ya
            4. Mon 30 Nov 2026 09:05 sop: skipped step telaah: not needed: case.nilai > 0 does not hold
            5. Mon 30 Nov 2026 09:05 budi: escalated step analisa to kepala: terlambat
            6. Mon 30 Nov 2026 09:05 budi: note: ditelepon
            7. Mon 30 Nov 2026 09:05 budi: ended: closed, handed off to SOP pengaduan-media

            """)
    }

    @Test func timelineAndSummaryOfAnOpenCase() throws {
        let office = try MoveOffice()
        try office.open(toAnalysis: true)
        let timeline = try office.service.timeline("1", now: office.at(minutes: 10))
        let current = try #require(timeline.steps.last)
        let due = (id: TimeText.due(current.dueAt, in: .id), en: TimeText.due(current.dueAt, in: .en))

        #expect(CaseText.summary(timeline, language: .id) == """
            067/PGD/2026/000001 (nomor 1): terbuka
            Langkah 4 '\(current.activity)' (Tim Pengelola Pengaduan), tenggat \(due.id)
            """)
        #expect(CaseText.summary(timeline, language: .en) == """
            067/PGD/2026/000001 (number 1): open
            Step 4 '\(current.activity)' (Tim Pengelola Pengaduan), due \(due.en)
            """)

        // Opened Monday 30 November 2026 at 12:00 WIB, on analisa since 12:05, 10 minutes later.
        #expect(CaseText.timeline(timeline, width: 120, language: .id) == """
            Pengaduan 067/PGD/2026/000001 (nomor 1)
            SOP               Penanganan Pengaduan Masyarakat Secara Langsung (pengaduan-langsung, revisi 1)
            Status            terbuka
            Kanal             Langsung (datang ke kantor)
            Dibuka            Sen 30 Nov 2026 12:00 oleh siti
            Tenggat           Rab 2 Des 2026 14:00 (tepat waktu)
            Pengingat         mendekati batas waktu, Sel 1 Des 2026 09:57
            Waktu kerja       kantor 10 menit, menunggu pelapor 0 menit
            Data pengaduan:
              Nama pelapor: Budi
              Uraian pengaduan: KTP belum jadi

            No  │ Kegiatan               │ Pelaksana   │ Oleh        │ Mulai – selesai        │ Waktu / anggaran       │ Hasil
            ────┼────────────────────────┼─────────────┼─────────────┼────────────────────────┼────────────────────────┼────────────
            1.  │ Pengisian fomulir      │ Pelapor     │ siti atas   │ Sen 30 Nov 2026 12:00  │ 0 menit / 15 menit     │ selesai
                │ pengaduan              │             │ nama        │ Sen 30 Nov 2026 12:00  │ tepat waktu            │
                │                        │             │ pelapor     │                        │                        │
            ────┼────────────────────────┼─────────────┼─────────────┼────────────────────────┼────────────────────────┼────────────
            2.  │ Memeriksa dan menyelia │ Staf Front  │ siti        │ Sen 30 Nov 2026 12:00  │ 0 menit / 15 menit     │ selesai: Ya
                │ kelengkapan dan        │ Office      │             │ Sen 30 Nov 2026 12:00  │ tepat waktu            │
                │ kejelasan berkas       │             │             │                        │                        │
                │ pengaduan              │             │             │                        │                        │
            ────┼────────────────────────┼─────────────┼─────────────┼────────────────────────┼────────────────────────┼────────────
            3.  │ Pengaduan dapat        │ Staf Front  │ siti        │ Sen 30 Nov 2026 12:00  │ 5 menit / 10 menit     │ selesai:
                │ diselesaikan oleh staf │ Office      │             │ Sen 30 Nov 2026 12:05  │ tepat waktu            │ Tidak
                │ front office           │             │             │                        │                        │
            ────┼────────────────────────┼─────────────┼─────────────┼────────────────────────┼────────────────────────┼────────────
            4.  │ Melakukan analisa      │ Tim         │ -           │ Sen 30 Nov 2026 12:05  │ 5 menit / 1 hari       │ tenggat Sel
                │ pengaduan dan          │ Pengelola   │             │ berjalan               │ tepat waktu            │ 1 Des 2026
                │ merumuskan tindak      │ Pengaduan   │             │                        │                        │ 12:05
                │ lanjut                 │             │             │                        │                        │

            Dokumen:
              formulir-pengaduan: dokumen.txt (3 bita)
              catatan-register: dokumen.txt (3 bita)

            """)
        #expect(CaseText.timeline(timeline, width: 120, language: .en) == """
            Complaint 067/PGD/2026/000001 (number 1)
            SOP               Penanganan Pengaduan Masyarakat Secara Langsung (pengaduan-langsung, revision 1)
            Status            open
            Channel           Langsung (datang ke kantor)
            Opened            Mon 30 Nov 2026 12:00 by siti
            Due               Wed 2 Dec 2026 14:00 (on time)
            Reminder          at risk, Tue 1 Dec 2026 09:57
            Working time      office 10 menit, waiting for the reporter 0 menit
            Complaint data:
              Nama pelapor: Budi
              Uraian pengaduan: KTP belum jadi

            No  │ Activity               │ Actor       │ By          │ Start – end            │ Time / budget          │ Result
            ────┼────────────────────────┼─────────────┼─────────────┼────────────────────────┼────────────────────────┼────────────
            1.  │ Pengisian fomulir      │ Pelapor     │ siti on     │ Mon 30 Nov 2026 12:00  │ 0 menit / 15 menit     │ done
                │ pengaduan              │             │ behalf of   │ Mon 30 Nov 2026 12:00  │ on time                │
                │                        │             │ the         │                        │                        │
                │                        │             │ reporter    │                        │                        │
            ────┼────────────────────────┼─────────────┼─────────────┼────────────────────────┼────────────────────────┼────────────
            2.  │ Memeriksa dan menyelia │ Staf Front  │ siti        │ Mon 30 Nov 2026 12:00  │ 0 menit / 15 menit     │ done: Ya
                │ kelengkapan dan        │ Office      │             │ Mon 30 Nov 2026 12:00  │ on time                │
                │ kejelasan berkas       │             │             │                        │                        │
                │ pengaduan              │             │             │                        │                        │
            ────┼────────────────────────┼─────────────┼─────────────┼────────────────────────┼────────────────────────┼────────────
            3.  │ Pengaduan dapat        │ Staf Front  │ siti        │ Mon 30 Nov 2026 12:00  │ 5 menit / 10 menit     │ done: Tidak
                │ diselesaikan oleh staf │ Office      │             │ Mon 30 Nov 2026 12:05  │ on time                │
                │ front office           │             │             │                        │                        │
            ────┼────────────────────────┼─────────────┼─────────────┼────────────────────────┼────────────────────────┼────────────
            4.  │ Melakukan analisa      │ Tim         │ -           │ Mon 30 Nov 2026 12:05  │ 5 menit / 1 hari       │ due Tue 1
                │ pengaduan dan          │ Pengelola   │             │ running                │ on time                │ Dec 2026
                │ merumuskan tindak      │ Pengaduan   │             │                        │                        │ 12:05
                │ lanjut                 │             │             │                        │                        │

            Documents:
              formulir-pengaduan: dokumen.txt (3 bytes)
              catatan-register: dokumen.txt (3 bytes)

            """)
        // A narrower terminal: the columns without a fixed width shrink.
        let narrow = CaseText.timeline(timeline, width: 80, language: .en)
        #expect(narrow.contains("\nNo  │ Activity │ Actor    │ By       │ Start – end            │ Time / budget          │ Result\n"))
    }

    @Test("the words the timeline picture shares with the text timeline")
    func wordsOfThePicture() throws {
        #expect(CaseText.channel == Text(id: "Kanal", en: "Channel"))
        #expect(CaseText.onBehalfOfReporter == Text(id: " atas nama pelapor", en: " on behalf of the reporter"))
        let office = try MoveOffice()
        try office.open(toAnalysis: true)
        let noted = try office.service.note("1", text: "pelapor menelepon", user: "siti", at: office.at(minutes: 7))
        let note = try #require(noted.notes.last)
        #expect(CaseText.note(note, language: .id) == "Sen 30 Nov 2026 12:07 siti: pelapor menelepon")
        #expect(CaseText.note(note, language: .en) == "Mon 30 Nov 2026 12:07 siti: pelapor menelepon")
        let state = try office.service.handOff("1", to: "pengaduan-media", note: nil, user: "budi", at: office.at(minutes: 20))
        let timeline = try office.service.timeline(of: state, now: office.at(minutes: 30))
        #expect(CaseText.status(timeline) == Text(id: "ditutup — diteruskan ke SOP pengaduan-media", en: "closed — handed off to SOP pengaduan-media"))
        #expect(CaseText.opened(timeline, language: .id) == "Sen 30 Nov 2026 12:00 oleh siti")
        #expect(CaseText.opened(timeline, language: .en) == "Mon 30 Nov 2026 12:00 by siti")
    }

    @Test func aMoveBetweenRevisionsInBothLanguages() throws {
        let change = RevisionChange(
            move: "M1", isUndo: false,
            from: WorkflowReference(id: "pengaduan-langsung", revision: 1, contentHash: "a"),
            to: WorkflowReference(id: "pengaduan-langsung", revision: 2, contentHash: "b"),
            fromStep: "dapat-diselesaikan", step: "analisa", at: Self.monday, by: "admin")
        #expect(CaseText.revisionChange(change) == Text(
            id: "Sen 30 Nov 2026 09:05 admin: dipindahkan ke revisi 2 (M1) dari revisi 1 (langkah dapat-diselesaikan → analisa)",
            en: "Mon 30 Nov 2026 09:05 admin: moved to revision 2 (M1) from revision 1 (step dapat-diselesaikan → analisa)"))
    }
}

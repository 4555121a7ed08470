import Foundation
import SOPCore
import SOPEngine
import SOPService
import SOPStorage
import Testing

/// `MoveText`: moving cases between revisions as `sop move` and `sop diff --against-db` print it,
/// in both languages, over a real office (`MoveOffice`): case 1 on step 3 (`dapat-diselesaikan`,
/// which revision 2 drops), case 2 on step 4 (`analisa`).
@Suite("MoveText")
struct MoveTextTests {
    /// The office's plans, the record of the move (an hour after the cases were opened) and of its
    /// undoing (half an hour later), and the path of revision 2.
    struct Moves {
        let refused: MovePlan
        let plan: MovePlan
        let record: MoveRecord
        let undone: MoveRecord
        let list: [MoveRecord]
        let file: String

        init() throws {
            let office = try MoveOffice()
            try office.open(toAnalysis: false)
            try office.open(toAnalysis: true)
            try office.add("pengaduan-langsung-r2.yaml", MoveOffice.rev2)
            file = "pengaduan-langsung@2"  // a published revision, named by its id and number
            refused = try office.service.planMove(MoveRequest(workflow: "pengaduan-langsung", revision: 2))
            let mapping = try #require(StepMapping(parsing: "dapat-diselesaikan=analisa"))
            plan = try office.service.planMove(MoveRequest(workflow: "pengaduan-langsung", revision: 2, mapping: [mapping]))
            record = try office.service.moveCases(plan, user: "admin", at: office.at(minutes: 60))
            undone = try office.service.undoMove(record.id, user: "admin", at: office.at(minutes: 90))
            list = try office.service.revisionMoves(workflow: nil)
        }
    }

    @Test("a dry run: what each case would become, and the problem that stops the move, in Bahasa Indonesia")
    func planIndonesian() throws {
        let moves = try Moves()
        let file = moves.file
        let text = MoveText(language: .id)
        #expect(text.plan(moves.refused) == """
            Uji coba pemindahan pengaduan-langsung ke revisi 2 (\(file)): tidak ada yang ditulis.
            2 pengaduan tidak dapat dipindahkan:
              067/PGD/2026/000001 (nomor 1), revisi 1 → 2: langkah dapat-diselesaikan tidak ada di revisi 2 (perlu --map dapat-diselesaikan=LANGKAH)
                tenggat langkah:   Sen 30 Nov 2026 12:10 → ? (langkah belum dipetakan)
                tenggat pengaduan: Rab 2 Des 2026 14:00 (tidak berubah)
              067/PGD/2026/000002 (nomor 2), revisi 1 → 2: langkah analisa (tetap)
                tenggat langkah:   Sel 1 Des 2026 12:05 → Sel 1 Des 2026 07:35 (lebih awal)
                tenggat pengaduan: Rab 2 Des 2026 14:00 (tidak berubah)
                dokumen kurang:    berkas-pengaduan (Berkas pengaduan) untuk langkah register — sudah kurang di revisi 1
            Masalah (1):
              - 1 pengaduan terbuka pada revisi 1 berada pada langkah 'dapat-diselesaikan', yang tidak ada pada revisi 2: sebutkan tujuannya dengan `--map dapat-diselesaikan=LANGKAH` (067/PGD/2026/000001)

            """)
        #expect(text.plan(moves.plan) == """
            Uji coba pemindahan pengaduan-langsung ke revisi 2 (\(file)): tidak ada yang ditulis.
            Pemetaan langkah: dapat-diselesaikan → analisa
            2 pengaduan akan dipindahkan:
              067/PGD/2026/000001 (nomor 1), revisi 1 → 2: langkah dapat-diselesaikan → analisa (dipetakan)
                tenggat langkah:   Sen 30 Nov 2026 12:10 → Sen 30 Nov 2026 16:00 (lebih lambat)
                tenggat pengaduan: Rab 2 Des 2026 14:00 (tidak berubah)
                dokumen kurang:    berkas-pengaduan (Berkas pengaduan) untuk langkah register — sudah kurang di revisi 1
              067/PGD/2026/000002 (nomor 2), revisi 1 → 2: langkah analisa (tetap)
                tenggat langkah:   Sel 1 Des 2026 12:05 → Sel 1 Des 2026 07:35 (lebih awal)
                tenggat pengaduan: Rab 2 Des 2026 14:00 (tidak berubah)
                dokumen kurang:    berkas-pengaduan (Berkas pengaduan) untuk langkah register — sudah kurang di revisi 1

            """)
    }

    @Test("a dry run in English: the tool's words translated, ids, names and numbers as they are")
    func planEnglish() throws {
        let moves = try Moves()
        let file = moves.file
        let text = MoveText(language: .en)
        #expect(text.plan(moves.refused) == """
            Dry run of moving pengaduan-langsung to revision 2 (\(file)): nothing is written.
            2 case(s) cannot move:
              067/PGD/2026/000001 (number 1), revision 1 → 2: step dapat-diselesaikan is not in revision 2 (needs --map dapat-diselesaikan=STEP)
                step due:          Mon 30 Nov 2026 12:10 → ? (step not mapped yet)
                case due:          Wed 2 Dec 2026 14:00 (unchanged)
              067/PGD/2026/000002 (number 2), revision 1 → 2: step analisa (kept)
                step due:          Tue 1 Dec 2026 12:05 → Tue 1 Dec 2026 07:35 (earlier)
                case due:          Wed 2 Dec 2026 14:00 (unchanged)
                missing document:  berkas-pengaduan (Berkas pengaduan) for step register — already missing in revision 1
            Problems (1):
              - 1 open case(s) on revision 1 stand on step 'dapat-diselesaikan', which revision 2 does not have: say where they go with `--map dapat-diselesaikan=STEP` (067/PGD/2026/000001)

            """)
        #expect(text.plan(moves.plan) == """
            Dry run of moving pengaduan-langsung to revision 2 (\(file)): nothing is written.
            Step mapping: dapat-diselesaikan → analisa
            2 case(s) would move:
              067/PGD/2026/000001 (number 1), revision 1 → 2: step dapat-diselesaikan → analisa (mapped)
                step due:          Mon 30 Nov 2026 12:10 → Mon 30 Nov 2026 16:00 (later)
                case due:          Wed 2 Dec 2026 14:00 (unchanged)
                missing document:  berkas-pengaduan (Berkas pengaduan) for step register — already missing in revision 1
              067/PGD/2026/000002 (number 2), revision 1 → 2: step analisa (kept)
                step due:          Tue 1 Dec 2026 12:05 → Tue 1 Dec 2026 07:35 (earlier)
                case due:          Wed 2 Dec 2026 14:00 (unchanged)
                missing document:  berkas-pengaduan (Berkas pengaduan) for step register — already missing in revision 1

            """)
    }

    @Test("the impact section of a diff: the cases, then whether they can move and the command that moves them", arguments: [
        (Language.id,
         "2 pengaduan terbuka pada revisi 1; 1 masalah menghalangi `sop move`.\n",
         "2 pengaduan terbuka pada revisi 1; semuanya dapat dipindahkan (`sop move pengaduan-langsung --to 2 --map dapat-diselesaikan=analisa`).\n"),
        (Language.en,
         "2 open case(s) on revision 1; 1 problem(s) stop `sop move`.\n",
         "2 open case(s) on revision 1; all of them can move (`sop move pengaduan-langsung --to 2 --map dapat-diselesaikan=analisa`).\n"),
    ])
    func impact(language: Language, refusedEnding: String, possibleEnding: String) throws {
        let moves = try Moves()
        let text = MoveText(language: language)
        #expect(text.impactSection(moves.refused, oldRevision: 1).hasSuffix(refusedEnding))
        #expect(text.impactSection(moves.plan, oldRevision: 1).hasSuffix(possibleEnding))
    }

    @Test("the whole impact section, in each language")
    func impactWhole() throws {
        let moves = try Moves()
        #expect(MoveText(language: .id).impactSection(moves.plan, oldRevision: 1) == """

        Dampak pada pengaduan terbuka (revisi 1 → 2)
        Pemetaan langkah: dapat-diselesaikan → analisa
          067/PGD/2026/000001 (nomor 1), revisi 1 → 2: langkah dapat-diselesaikan → analisa (dipetakan)
            tenggat langkah:   Sen 30 Nov 2026 12:10 → Sen 30 Nov 2026 16:00 (lebih lambat)
            tenggat pengaduan: Rab 2 Des 2026 14:00 (tidak berubah)
            dokumen kurang:    berkas-pengaduan (Berkas pengaduan) untuk langkah register — sudah kurang di revisi 1
          067/PGD/2026/000002 (nomor 2), revisi 1 → 2: langkah analisa (tetap)
            tenggat langkah:   Sel 1 Des 2026 12:05 → Sel 1 Des 2026 07:35 (lebih awal)
            tenggat pengaduan: Rab 2 Des 2026 14:00 (tidak berubah)
            dokumen kurang:    berkas-pengaduan (Berkas pengaduan) untuk langkah register — sudah kurang di revisi 1
        2 pengaduan terbuka pada revisi 1; semuanya dapat dipindahkan (`sop move pengaduan-langsung --to 2 --map dapat-diselesaikan=analisa`).

        """)
        #expect(MoveText(language: .en).impactSection(moves.plan, oldRevision: 1) == """

        Impact on open cases (revision 1 → 2)
        Step mapping: dapat-diselesaikan → analisa
          067/PGD/2026/000001 (number 1), revision 1 → 2: step dapat-diselesaikan → analisa (mapped)
            step due:          Mon 30 Nov 2026 12:10 → Mon 30 Nov 2026 16:00 (later)
            case due:          Wed 2 Dec 2026 14:00 (unchanged)
            missing document:  berkas-pengaduan (Berkas pengaduan) for step register — already missing in revision 1
          067/PGD/2026/000002 (number 2), revision 1 → 2: step analisa (kept)
            step due:          Tue 1 Dec 2026 12:05 → Tue 1 Dec 2026 07:35 (earlier)
            case due:          Wed 2 Dec 2026 14:00 (unchanged)
            missing document:  berkas-pengaduan (Berkas pengaduan) for step register — already missing in revision 1
        2 open case(s) on revision 1; all of them can move (`sop move pengaduan-langsung --to 2 --map dapat-diselesaikan=analisa`).

        """)
    }

    @Test("no open case on the old revision: the impact says so, the dry run says nothing would move", arguments: [
        (Language.id, "  Tidak ada pengaduan terbuka pada revisi 1.\n",
         "Tidak ada pengaduan terbuka pada revisi yang lebih lama; tidak ada yang dipindahkan.\n"),
        (Language.en, "  No open case runs on revision 1.\n", "No open case runs on an older revision; nothing would move.\n"),
    ])
    func nothingToMove(language: Language, impactEnding: String, planEnding: String) throws {
        var empty = try Moves().plan
        empty.cases = []
        empty.mapping = []
        let text = MoveText(language: language)
        #expect(text.impactSection(empty, oldRevision: 1).hasSuffix(impactEnding))
        #expect(text.plan(empty).hasSuffix(planEnding))
    }

    @Test("the record of a move, of its undoing, and the list of moves, in Bahasa Indonesia")
    func recordsIndonesian() throws {
        let moves = try Moves()
        let text = MoveText(language: .id)
        #expect(text.moved(moves.record) == """
            M1: 2 pengaduan pengaduan-langsung dipindahkan ke revisi 2 oleh admin
              067/PGD/2026/000001: revisi 1 → 2, langkah dapat-diselesaikan → analisa
              067/PGD/2026/000002: revisi 1 → 2, langkah analisa
            Batalkan selama belum ada yang berubah: sop move --undo M1

            """)
        #expect(text.undone(moves.undone) == """
            M1 dibatalkan oleh admin: 2 pengaduan kembali ke revisi semula
              067/PGD/2026/000001: revisi 1, langkah dapat-diselesaikan
              067/PGD/2026/000002: revisi 1, langkah analisa

            """)
        #expect(text.list(moves.list) == """
            M1  pengaduan-langsung → revisi 2, Sen 30 Nov 2026 13:00 oleh admin, 2 pengaduan, pemetaan dapat-diselesaikan=analisa; dibatalkan Sen 30 Nov 2026 13:30 oleh admin

            """)
        #expect(text.list([]) == """
            Belum ada pemindahan.

            """)
    }

    @Test("the record of a move, of its undoing, and the list of moves, in English")
    func recordsEnglish() throws {
        let moves = try Moves()
        let text = MoveText(language: .en)
        #expect(text.moved(moves.record) == """
            M1: 2 case(s) of pengaduan-langsung moved to revision 2 by admin
              067/PGD/2026/000001: revision 1 → 2, step dapat-diselesaikan → analisa
              067/PGD/2026/000002: revision 1 → 2, step analisa
            Undo it while nothing has changed: sop move --undo M1

            """)
        #expect(text.undone(moves.undone) == """
            M1 undone by admin: 2 case(s) back on their revision
              067/PGD/2026/000001: revision 1, step dapat-diselesaikan
              067/PGD/2026/000002: revision 1, step analisa

            """)
        #expect(text.list(moves.list) == """
            M1  pengaduan-langsung → revision 2, Mon 30 Nov 2026 13:00 by admin, 2 case(s), mapping dapat-diselesaikan=analisa; undone Mon 30 Nov 2026 13:30 by admin

            """)
        #expect(text.list([]) == """
            No moves yet.

            """)
    }
}

/// `TimeText`: instants as staff read them, in WIB.
@Suite("TimeText: instants in WIB")
struct TimeTextInstantTests {
    @Test("in Jakarta time, the day and month abbreviated in each language", arguments: [
        (Language.id, "Sen 30 Nov 2026 12:00", "Kam 1 Jan 2026 07:05"),
        (Language.en, "Mon 30 Nov 2026 12:00", "Thu 1 Jan 2026 07:05"),
    ])
    func text(language: Language, monday: String, newYear: String) {
        #expect(TimeText.date(Date(timeIntervalSince1970: 1_796_014_800), in: language) == monday)
        // 2026-01-01 00:05 UTC is 07:05 WIB.
        #expect(TimeText.date(Date(timeIntervalSince1970: 1_767_225_900), in: language) == newYear)
    }
}

import Foundation
import SOPCore
import SOPModel
import SOPRender
import Testing

/// The signed document as plain text (`sop show`), and its JSON shape (`sop show --format json`).
@Suite("Signed document (text)")
struct SOPDocumentTextTests {
    /// A small SOP with a bit of everything the text shows: dates, an approver, a related SOP, a
    /// decision with a hand-off, an optional step, an optional input, remarks.
    static let yaml = """
        kind: Workflow
        id: kecil
        revision: 2
        title: Pengaduan kecil
        document:
          organization: [PEMERINTAH KABUPATEN CONTOH]
          number: "100/7"
          created: 2024-01-02
          effective: 2024-08-05
          approved_by: { name: "Dr. Contoh", position: Kepala Dinas, nip: "197001011990031001" }
          legal_basis: [Undang-undang Nomor 25 Tahun 2009]
          related:
            - { workflow: lanjutan, title: SOP Lanjutan }
          recording: Buku register
        actors:
          pelapor: { name: Pelapor, external: true }
          petugas: { name: Petugas }
          kepala: { name: Kepala }
        documents:
          formulir: { name: Formulir, external: true }
          surat: { name: Surat jawaban }
        outcomes:
          selesai: { name: Selesai, status: resolved }
        calendar: kalender-uji
        total: 1 hari
        steps:
          - id: periksa
            activity: Memeriksa berkas
            actor: { any: [petugas, kepala] }
            budget: 2 jam
            inputs: [formulir, { document: surat, optional: true }]
            decision:
              question: Lengkap?
              branches:
                - { label: Ya, goto: jawab }
                - { label: Bukan wewenang, handoff: { workflow: lanjutan } }
          - id: jawab
            activity: Menyusun surat jawaban
            actor: { all: [petugas, kepala] }
            budget: 4 jam
            optional: true
            outputs: [surat]
            remarks: Ditandatangani kepala
            end: selesai
        """

    static func text(_ language: Language) throws -> String {
        let workflow = try loadWorkflow(text: yaml)
        return SOPDocumentText(workflow: workflow, times: PathTimes(workflow), language: language).render(width: 80)
    }

    @Test("the whole document in Bahasa Indonesia: the signed document's own labels, dates with Indonesian months")
    func indonesian() throws {
        #expect(try Self.text(.id) == """
            PEMERINTAH KABUPATEN CONTOH

            Nomor SOP           100/7
            Tanggal Pembuatan   2 Januari 2024
            Tanggal Revisi      -
            Tanggal Efektif     5 Agustus 2024
            Disahkan Oleh       Kepala Dinas — Dr. Contoh — NIP. 197001011990031001
            Judul SOP           PENGADUAN KECIL
            Alur kerja          kecil, revisi 2

            Dasar Hukum:
              1. Undang-undang Nomor 25 Tahun 2009
            Keterkaitan:
              1. SOP Lanjutan (alur kerja lanjutan)
            Pencatatan dan Pendataan:
              Buku register

            No  │ Kegiatan    │ Pelaksan │ Kelengka │ Waktu      │ Output   │ Alur
                │             │ a        │ pan      │            │          │
            ────┼─────────────┼──────────┼──────────┼────────────┼──────────┼───────────────
            1.  │ Memeriksa   │ Petugas  │ 1.       │ 2 jam      │ -        │ Ya → 2
                │ berkas      │ / Kepala │ Formulir │            │          │ Bukan wewenang
                │             │          │ 2. Surat │            │          │ → SOP lanjutan
                │             │          │ jawaban  │            │          │
                │             │          │ (opsiona │            │          │
                │             │          │ l)       │            │          │
            ────┼─────────────┼──────────┼──────────┼────────────┼──────────┼───────────────
            2.  │ Menyusun    │ Petugas  │ -        │ 4 jam      │ Surat    │ → selesai
                │ surat       │ + Kepala │          │            │ jawaban  │
                │ jawaban     │          │          │            │          │
                │ (bila       │          │          │            │          │
                │ perlu)      │          │          │            │          │

            Keterangan:
              Langkah 2: Ditandatangani kepala

            Total Waktu         1 hari (tertulis)
            Jalur terpendek     2 jam (langkah 1)
            Jalur terpanjang    6 jam (langkah 1 → 2)

            """)
    }

    @Test("the whole document in English: the labels translated, what the SOP says as written")
    func english() throws {
        #expect(try Self.text(.en) == """
            PEMERINTAH KABUPATEN CONTOH

            SOP number          100/7
            Date created        2 January 2024
            Date revised        -
            Date effective      5 August 2024
            Approved by         Kepala Dinas — Dr. Contoh — NIP. 197001011990031001
            SOP title           PENGADUAN KECIL
            Workflow            kecil, revision 2

            Legal basis:
              1. Undang-undang Nomor 25 Tahun 2009
            Related SOPs:
              1. SOP Lanjutan (workflow lanjutan)
            Recording:
              Buku register

            No  │ Activity    │ Actor    │ Inputs   │ Time       │ Outputs  │ Flow
            ────┼─────────────┼──────────┼──────────┼────────────┼──────────┼───────────────
            1.  │ Memeriksa   │ Petugas  │ 1.       │ 2 jam      │ -        │ Ya → 2
                │ berkas      │ / Kepala │ Formulir │            │          │ Bukan wewenang
                │             │          │ 2. Surat │            │          │ → SOP lanjutan
                │             │          │ jawaban  │            │          │
                │             │          │ (optiona │            │          │
                │             │          │ l)       │            │          │
            ────┼─────────────┼──────────┼──────────┼────────────┼──────────┼───────────────
            2.  │ Menyusun    │ Petugas  │ -        │ 4 jam      │ Surat    │ → end
                │ surat       │ + Kepala │          │            │ jawaban  │
                │ jawaban     │          │          │            │          │
                │ (if needed) │          │          │            │          │

            Remarks:
              Step 2: Ditandatangani kepala

            Total time          1 hari (as signed)
            Shortest path       2 jam (steps 1)
            Longest path        6 jam (steps 1 → 2)

            """)
    }

    @Test("without path times the document ends at the total; a wider table wraps less", arguments: Language.allCases)
    func withoutTimes(language: Language) throws {
        let workflow = try loadWorkflow(text: Self.yaml)
        let text = SOPDocumentText(workflow: workflow, times: nil, language: language).render(width: 120)
        let total = language == .id ? "Total Waktu         1 hari (tertulis)\n" : "Total time          1 hari (as signed)\n"
        #expect(text.hasSuffix("\n\n" + total))
        #expect(text.contains("│ Memeriksa berkas "))
        #expect(!text.contains(language == .id ? "Jalur terpendek" : "Shortest path"))
    }

    @Test("the JSON shape: ids, actors and their mode, documents, where each step leads, the path times")
    func json() throws {
        let workflow = try loadWorkflow(text: Self.yaml)
        let data = try JSONEncoder().encode(WorkflowJSON(workflow, times: PathTimes(workflow)))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["id"] as? String == "kecil")
        #expect(object["revision"] as? Int == 2)
        #expect(object["number"] as? String == "100/7")
        #expect(object["created"] as? String == "2024-01-02")
        #expect(object["revised"] == nil)
        #expect(object["approvedBy"] as? String == "Dr. Contoh")
        #expect(object["total"] as? String == "1 hari")
        let steps = try #require(object["steps"] as? [[String: Any]])
        #expect(steps.map { $0["id"] as? String } == ["periksa", "jawab"])
        #expect(steps.map { $0["actorMode"] as? String } == ["any", "all"])
        #expect(steps.map { $0["optional"] as? Bool } == [false, true])
        #expect(steps[0]["question"] as? String == "Lengkap?")
        #expect(steps[0]["budgetMinutes"] as? Int == 120)
        let inputs = try #require(steps[0]["inputs"] as? [[String: Any]])
        #expect(inputs.map { $0["name"] as? String } == ["Formulir", "Surat jawaban"])
        #expect(inputs.map { $0["optional"] as? Bool } == [false, true])
        let next = try #require(steps[0]["next"] as? [[String: Any]])
        #expect(next.map { $0["label"] as? String } == ["Ya", "Bukan wewenang"])
        #expect(next[0]["step"] as? String == "jawab" && next[1]["handoff"] as? String == "lanjutan")
        #expect((steps[1]["next"] as? [[String: Any]])?.first?["end"] as? String == "selesai")
        #expect(steps[1]["remarks"] as? String == "Ditandatangani kepala")
        let times = try #require(object["pathTimes"] as? [String: Any])
        #expect(times["shortest"] as? String == "2 jam" && times["longest"] as? String == "6 jam")
        #expect(times["longestPath"] as? [String] == ["periksa", "jawab"])
    }
}

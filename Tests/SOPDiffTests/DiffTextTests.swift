import SOPCore
import SOPDiff
import SOPModel
import Testing

/// `DiffText`: the diff of two revisions as `sop diff` prints it, in both languages.
@Suite("DiffText")
struct DiffTextTests {
    /// The text of the diff of the shipped revision and a revision with `edits`.
    static func text(_ edits: [(String, String)], language: Language) throws -> (text: String, old: Workflow, new: Workflow) {
        let folder = try TemporaryFolder()
        let old = try shippedLangsung()
        let new = try revisedLangsung(edits, in: folder)
        let diff = WorkflowDiff.compare(old: old, new: new, dayMinutes: kebumenDay)
        return (DiffText(diff: diff, old: old, new: new, language: language).render(), old, new)
    }

    @Test("the worked example, whole, in Bahasa Indonesia")
    func workedExampleIndonesian() throws {
        let (text, old, new) = try Self.text(workedExampleEdits, language: .id)
        #expect(text == """
            pengaduan-langsung: revisi 1 → revisi 2
              lama: \(old.file)
              baru: \(new.file)

            Kepala dokumen
              ~ Tanggal Revisi: - → 1 Desember 2026

            Langkah
              ~ 2. periksa-kelengkapan: cabang "Ya" dialihkan: dapat-diselesaikan (dihapus) → analisa
              - 3. dapat-diselesaikan (dihapus): Pengaduan dapat diselesaikan oleh staf front office
              ~ 3. analisa (dulu 4): waktu 1 hari → 4 jam (lebih singkat)

            Waktu
              ~ Jalur terpendek: 40 menit (langkah 1 → 2 → 3) → 1 hari 4 jam 50 menit (langkah 1 → 2 → 3 → 4 → 5 → 6), lebih lama
              ~ Jalur terpanjang: 2 hari 1 jam (langkah 1 → 2 → 3 → 4 → 5 → 6 → 7) → 1 hari 4 jam 50 menit (langkah 1 → 2 → 3 → 4 → 5 → 6), lebih singkat
              = Total Waktu (tertulis): 2 hari 2 jam, tidak berubah

            4 perubahan (kepala dokumen 1, langkah 3).

            """)
    }

    @Test("the worked example, whole, in English: the tool's words translated, the SOP's as written")
    func workedExampleEnglish() throws {
        let (text, old, new) = try Self.text(workedExampleEdits, language: .en)
        #expect(text == """
            pengaduan-langsung: revision 1 → revision 2
              old: \(old.file)
              new: \(new.file)

            Header
              ~ Date revised: - → 1 December 2026

            Steps
              ~ 2. periksa-kelengkapan: branch "Ya" now leads elsewhere: dapat-diselesaikan (removed) → analisa
              - 3. dapat-diselesaikan (removed): Pengaduan dapat diselesaikan oleh staf front office
              ~ 3. analisa (was 4): time 1 hari → 4 jam (shorter)

            Times
              ~ Shortest path: 40 menit (steps 1 → 2 → 3) → 1 hari 4 jam 50 menit (steps 1 → 2 → 3 → 4 → 5 → 6), longer
              ~ Longest path: 2 hari 1 jam (steps 1 → 2 → 3 → 4 → 5 → 6 → 7) → 1 hari 4 jam 50 menit (steps 1 → 2 → 3 → 4 → 5 → 6), shorter
              = Total time (as signed): 2 hari 2 jam, unchanged

            4 change(s) (header 1, steps 3).

            """)
    }

    @Test("equivalent revisions say so, in each language", arguments: [
        (Language.id, "\nTidak ada perubahan: revisi 1 dan revisi 2 setara.\n"),
        (Language.en, "\nNo changes: revisions 1 and 2 are equivalent.\n"),
    ])
    func equivalent(language: Language, ending: String) throws {
        let (text, _, _) = try Self.text([], language: language)
        #expect(text.hasSuffix(ending))
        #expect(text.components(separatedBy: "\n").count == 6)
    }

    @Test("definitions and documents: a name, an external actor, an optional input, in each language", arguments: [
        (Language.id, [
            "  ~ Pelaksana front-office: nama \"Staf Front Office\" → \"Petugas Front Office\"",
            "  ~ Pelaksana tim-pengaduan: dari luar kantor tidak → ya",
            "  ~ 5. tindak-lanjut: kelengkapan rancangan-tindak-lanjut kini opsional",
            "3 perubahan (definisi 2, langkah 1).",
        ]),
        (Language.en, [
            "  ~ Actor front-office: name \"Staf Front Office\" → \"Petugas Front Office\"",
            "  ~ Actor tim-pengaduan: external no → yes",
            "  ~ 5. tindak-lanjut: input rancangan-tindak-lanjut now optional",
            "3 change(s) (definitions 2, steps 1).",
        ]),
    ])
    func definitions(language: Language, lines: [String]) throws {
        let (text, _, _) = try Self.text([
            ("front-office: { name: Staf Front Office }", "front-office: { name: Petugas Front Office }"),
            ("tim-pengaduan: { name: Tim Pengelola Pengaduan }", "tim-pengaduan: { name: Tim Pengelola Pengaduan, external: true }"),
            ("    inputs: [rancangan-tindak-lanjut]\n", "    inputs: [{ document: rancangan-tindak-lanjut, optional: true }]\n"),
        ], language: language)
        let printed = text.components(separatedBy: "\n")
        for line in lines { #expect(printed.contains(line), "\(line)\n--- in ---\n\(text)") }
    }
}

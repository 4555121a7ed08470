import Foundation
import SOPCore
import SOPDiff
import SOPModel
import Testing

/// A usual working day of the Kebumen calendar (Monday to Thursday 07:30–16:00), in minutes.
let kebumenDay = 510

/// `WorkflowDiff.compare`: revisions of the shipped 067/12351 with edits.
@Suite("WorkflowDiff")
struct WorkflowDiffTests {
    @Test("a revision that only raises the number is equivalent")
    func equivalent() throws {
        let folder = try TemporaryFolder()
        let diff = WorkflowDiff.compare(old: try shippedLangsung(), new: try revisedLangsung([], in: folder), dayMinutes: kebumenDay)
        #expect(diff.isEquivalent)
        #expect(diff.count == 0)
        #expect(diff.header.isEmpty && diff.definitions.isEmpty && diff.steps.isEmpty)
        #expect(!diff.times.isChanged)
        #expect(diff.old.revision == 1 && diff.new.revision == 2)
        #expect(diff.workflow == "pengaduan-langsung")
    }

    @Test("the worked example: step 3 removed, what pointed at it rerouted, step 4 shorter, the path times")
    func workedExample() throws {
        let folder = try TemporaryFolder()
        let old = try shippedLangsung()
        let new = try revisedLangsung(workedExampleEdits, in: folder)
        let diff = WorkflowDiff.compare(old: old, new: new, dayMinutes: kebumenDay)
        #expect(!diff.isEquivalent)
        #expect(diff.header == [HeaderChange(field: .revised, kind: .changed, old: nil, new: "2026-12-01")])
        #expect(diff.definitions.isEmpty)
        #expect(diff.steps.map(\.detail) == [
            .rerouted(branch: "Ya", old: .step("dapat-diselesaikan"), new: .step("analisa")),
            .removed(activity: "Pengaduan dapat diselesaikan oleh staf front office"),
            .budget(old: Budget(days: 1), new: Budget(minutes: 240), direction: .shorter),
        ])
        #expect(diff.steps.map(\.step) == ["periksa-kelengkapan", "dapat-diselesaikan", "analisa"])
        #expect(diff.steps.map(\.oldNumber) == [2, 3, 4])
        #expect(diff.steps.map(\.newNumber) == [2, nil, 3])
        // Steps 5–7 are renumbered by the removal, not moved.
        #expect(!diff.steps.contains { if case .moved = $0.detail { true } else { false } })
        // New-side locations: the branch label and the budget.
        let reroute = try #require(diff.steps.first?.location)
        #expect(reroute.file == new.file)
        #expect(new.step("periksa-kelengkapan").map { step -> Bool in
            guard case .decision(let decision) = step.transition else { return false }
            return decision.branches[0].label.location == reroute
        } == true)
        #expect(diff.steps[2].location == new.step("analisa")?.budget?.location)
        #expect(diff.steps[1].location == nil)

        let times = diff.times
        #expect(times.declared.old == times.declared.new)
        #expect(times.declared.direction == .unchanged)
        #expect(times.shortest.old == Budget(minutes: 40))
        #expect(times.shortest.new == Budget(days: 1, minutes: 290))
        #expect(times.shortest.direction == .longer)
        #expect(times.shortest.oldPath == ["isi-formulir", "periksa-kelengkapan", "dapat-diselesaikan"])
        #expect(times.longest.old == Budget(days: 2, minutes: 60))
        #expect(times.longest.new == Budget(days: 1, minutes: 290))
        #expect(times.longest.direction == .shorter)
        #expect(times.longest.newPath == ["isi-formulir", "periksa-kelengkapan", "analisa", "tindak-lanjut", "tanggapan-pelapor", "register"])
    }

    @Test("the fixture of the worked example gives the same diff as the edits")
    func workedExampleFixture() throws {
        let folder = try TemporaryFolder()
        let old = try shippedLangsung()
        let fixture = try loadWorkflow(TestPaths.fixtures + "/pengaduan-langsung-rev2.yaml")
        let generated = WorkflowDiff.compare(old: old, new: try revisedLangsung(workedExampleEdits, in: folder), dayMinutes: kebumenDay)
        let fromFixture = WorkflowDiff.compare(old: old, new: fixture, dayMinutes: kebumenDay)
        #expect(fromFixture.steps.map(\.detail) == generated.steps.map(\.detail))
        #expect(fromFixture.header == generated.header)
        #expect(fromFixture.times == generated.times)
        #expect(fromFixture.count == 4)
    }

    @Test("the header: field by field, lists item by item, the calendar")
    func header() throws {
        let folder = try TemporaryFolder()
        let new = try revisedLangsung([
            ("title: Penanganan Pengaduan Masyarakat Secara Langsung", "title: Penanganan Pengaduan Masyarakat"),
            ("number: \"067/12351\"", "number: \"067/12351/2026\""),
            ("effective: 2023-09-12", "effective: 2026-12-15"),
            ("name: ANNA RITA NAWATI, S.KM, M.Si", "name: BUDI SANTOSO, S.H."),
            ("nip: \"196406291988032002\"", "nip: \"197001011995031001\""),
            ("    rank: Pembina Utama Muda\n", ""),
            ("    - Peraturan Presiden Nomor 76 Tahun 2013 tentang Pengelolaan Pengaduan Pelayanan Publik\n", ""),
            ("    - Undang-undang Nomor 25 Tahun 2009 tentang Pelayanan Publik\n",
             "    - Undang-undang Nomor 25 Tahun 2009 tentang Pelayanan Publik\n    - Peraturan Menteri PANRB Nomor 62 Tahun 2018\n"),
            ("    - Komputer\n    - Printer\n", "    - Printer\n    - Komputer\n"),
            ("    - workflow: pengaduan-media\n      title: SOP Penanganan Pengaduan Melalui Media Sosial dan Media Elektronik\n", ""),
            ("recording: Pencatatan dan Pendataan melalui Buku/Aplikasi Penanganan Pengaduan", "recording: Aplikasi Penanganan Pengaduan"),
            ("calendar: jam-kerja-kebumen", "calendar: jam-kerja-baru"),
        ], in: folder)
        let diff = WorkflowDiff.compare(old: try shippedLangsung(), new: new, dayMinutes: kebumenDay)
        let changes = diff.header.map { "\($0.field.rawValue) \($0.kind.rawValue) \($0.old ?? "-") → \($0.new ?? "-")" }
        #expect(changes == [
            "title changed Penanganan Pengaduan Masyarakat Secara Langsung → Penanganan Pengaduan Masyarakat",
            "number changed 067/12351 → 067/12351/2026",
            "effective changed 2023-09-12 → 2026-12-15",
            "approverName changed ANNA RITA NAWATI, S.KM, M.Si → BUDI SANTOSO, S.H.",
            "approverRank changed Pembina Utama Muda → -",
            "approverNIP changed 196406291988032002 → 197001011995031001",
            "legalBasis removed Peraturan Presiden Nomor 76 Tahun 2013 tentang Pengelolaan Pengaduan Pelayanan Publik → -",
            "legalBasis added - → Peraturan Menteri PANRB Nomor 62 Tahun 2018",
            "related removed SOP Penanganan Pengaduan Melalui Media Sosial dan Media Elektronik (pengaduan-media) → -",
            "equipment reordered - → -",
            "recording changed Pencatatan dan Pendataan melalui Buku/Aplikasi Penanganan Pengaduan → Aplikasi Penanganan Pengaduan",
            "calendar changed jam-kerja-kebumen → jam-kerja-baru",
        ])
        #expect(diff.header.first { $0.field == .calendar }?.location == new.calendar?.location)
        #expect(new.calendar?.location.line == 52)
        #expect(diff.steps.isEmpty)
        #expect(!diff.isEquivalent)
    }

    @Test("definitions: added, removed, renamed by id or by name, attributes changed, intake rules")
    func definitions() throws {
        let folder = try TemporaryFolder()
        let diff = WorkflowDiff.compare(old: try shippedLangsung(), new: try revisedLangsung([
            ("  front-office: { name: Staf Front Office }\n",
             "  front-office: { name: Petugas Front Office }\n  kepala-bidang: { name: Kepala Bidang }\n"),
            // An id renamed everywhere, under the same name: reported once, not at every step.
            ("  tim-pengaduan: { name: Tim Pengelola Pengaduan }", "  tim-pengelola: { name: Tim Pengelola Pengaduan }"),
            ("    actor: tim-pengaduan\n    budget: 1 hari\n    inputs:\n      - formulir-pengaduan\n",
             "    actor: tim-pengelola\n    budget: 1 hari\n    inputs:\n      - formulir-pengaduan\n"),
            ("    actor: tim-pengaduan\n    budget: 1 hari\n    inputs: [rancangan", "    actor: tim-pengelola\n    budget: 1 hari\n    inputs: [rancangan"),
            ("    actor: tim-pengaduan\n    budget: 10 menit", "    actor: tim-pengelola\n    budget: 10 menit"),
            ("  tanggapan-pelapor: { name: Tanggapan pelapor }\n", "  tanggapan-pelapor: { name: Tanggapan pelapor, external: true }\n"),
            ("  rekapan-pengaduan: { name: Rekapan pengaduan dan bukti tindak lanjut }\n", ""),
            ("    outputs: [rekapan-pengaduan]\n", ""),
            ("  nik: { type: nik, label: NIK pelapor }", "  nik: { type: text, label: NIK pelapor, required: true }"),
            ("  alamat: { type: text, label: Alamat pelapor }\n", ""),
            ("  langsung: { name: Langsung (datang ke kantor) }\n", "  langsung: { name: Langsung (datang ke kantor) }\n  telepon: { name: Telepon }\n"),
            ("status: resolved }\n  selesai:", "status: closed }\n  selesai:"),
            ("  - rule: has(fields.uraian) && size(fields.uraian) > 0\n",
             "  - rule: has(fields.uraian) && size(fields.uraian) > 10\n"),
            ("total: 2 hari 2 jam", "  - { rule: has(fields.telepon), message: Nomor ponsel wajib diisi }\n\ntotal: 2 hari 2 jam"),
        ], in: folder), dayMinutes: kebumenDay)
        let changes = diff.definitions.map { change in
            "\(change.kind.rawValue) \(change.definition.section) \(change.definition.id)"
                + (change.attribute.map { " \($0.rawValue)" } ?? "") + ": \(change.old ?? "-") → \(change.new ?? "-")"
        }
        #expect(changes == [
            "changed actor front-office name: Staf Front Office → Petugas Front Office",
            "added actor kepala-bidang: - → -",
            "renamed actor tim-pengelola: tim-pengaduan → tim-pengelola",
            "changed document tanggapan-pelapor external: false → true",
            "removed document rekapan-pengaduan: - → -",
            "changed field nik type: nik → text",
            "changed field nik required: false → true",
            "removed field alamat: - → -",
            "added channel telepon: - → -",
            "changed outcome selesai-front-office status: resolved → closed",
            "changed intakeRule has(fields.uraian) && size(fields.uraian) > 10 rule: has(fields.uraian) && size(fields.uraian) > 0 → has(fields.uraian) && size(fields.uraian) > 10",
            "added intakeRule has(fields.telepon): - → -",
        ])
        #expect(diff.definitions.first { $0.kind == .added && $0.definition == .actor("kepala-bidang") }?.name == "Kepala Bidang")
        // The actor renamed by id is not reported again at its steps; the output removed from a step is.
        #expect(diff.steps.map(\.detail) == [.documentRemoved(role: .output, document: "rekapan-pengaduan", wasOptional: false)])
    }

    @Test("a step renamed by id: same activity, and what pointed at it is not reported as rerouted")
    func renamedByActivity() throws {
        let folder = try TemporaryFolder()
        let diff = WorkflowDiff.compare(old: try shippedLangsung(), new: try revisedLangsung([
            ("  - id: analisa\n", "  - id: analisa-pengaduan\n"),
            ("- { label: \"Tidak\", goto: analisa }", "- { label: \"Tidak\", goto: analisa-pengaduan }"),
        ], in: folder), dayMinutes: kebumenDay)
        #expect(diff.steps.count == 1)
        #expect(diff.steps.first?.step == "analisa-pengaduan")
        #expect(diff.steps.first?.detail == .renamed(from: "analisa", evidence: .sameActivity))
    }

    @Test("a step renamed by id with a new activity: same actor, position and outputs")
    func renamedByPosition() throws {
        let folder = try TemporaryFolder()
        let diff = WorkflowDiff.compare(old: try shippedLangsung(), new: try revisedLangsung([
            ("  - id: register\n    activity: Meregister pengaduan dan bukti tindak lanjut pengaduan\n",
             "  - id: arsip\n    activity: Mengarsipkan pengaduan\n"),
            ("    next: register\n", "    next: arsip\n"),
        ], in: folder), dayMinutes: kebumenDay)
        #expect(diff.steps.map(\.detail) == [
            .renamed(from: "register", evidence: .sameActorPositionOutputs),
            .activity(old: "Meregister pengaduan dan bukti tindak lanjut pengaduan", new: "Mengarsipkan pengaduan"),
        ])
        #expect(diff.steps.allSatisfy { $0.step == "arsip" && $0.oldNumber == 7 && $0.newNumber == 7 })
    }

    @Test("a step moved in the file: only that step is reported, not the ones renumbered around it")
    func moved() throws {
        let folder = try TemporaryFolder()
        let text = try String(contentsOfFile: TestPaths.langsung, encoding: .utf8)
        let start = try #require(text.range(of: "  - id: analisa\n"))
        let end = try #require(text.range(of: "  - id: tindak-lanjut\n"))
        let block = String(text[start.lowerBound..<end.lowerBound])
        let diff = WorkflowDiff.compare(old: try shippedLangsung(), new: try revisedLangsung([
            (block, ""),
            ("    end: selesai\n", "    end: selesai\n\n" + block),
        ], in: folder), dayMinutes: kebumenDay)
        #expect(diff.steps.count == 1)
        #expect(diff.steps.first?.step == "analisa")
        #expect(diff.steps.first?.detail == .moved(from: 4, to: 7))
        #expect(!diff.times.isChanged)
    }

    @Test("a step added: listed where it stands, and the branch leading to it rerouted")
    func added() throws {
        let folder = try TemporaryFolder()
        let diff = WorkflowDiff.compare(old: try shippedLangsung(), new: try revisedLangsung([
            ("    next: tanggapan-pelapor\n", "    next: verifikasi\n\n  - id: verifikasi\n    activity: Verifikasi hasil tindak lanjut\n    actor: front-office\n    budget: 30 menit\n    next: tanggapan-pelapor\n"),
        ], in: folder), dayMinutes: kebumenDay)
        #expect(diff.steps.map(\.step) == ["tindak-lanjut", "verifikasi"])
        #expect(diff.steps.map(\.detail) == [
            .rerouted(branch: nil, old: .step("tanggapan-pelapor"), new: .step("verifikasi")),
            .added(activity: "Verifikasi hasil tindak lanjut"),
        ])
        #expect(diff.steps[1].newNumber == 6 && diff.steps[1].oldNumber == nil)
        #expect(diff.times.longest.direction == .longer)
    }

    @Test("every part of a step: activity, actors, budget, documents, remarks, optional, escalation")
    func stepParts() throws {
        let folder = try TemporaryFolder()
        let diff = WorkflowDiff.compare(old: try shippedLangsung(), new: try revisedLangsung([
            ("activity: Melaksanakan tindak lanjut dan setelah selesai tindak lanjut menyampaikan bukti tindak lanjut kepada pelapor",
             "activity: Melaksanakan tindak lanjut"),
            ("    actor: tim-pengaduan\n    budget: 1 hari\n    inputs: [rancangan-tindak-lanjut]\n    outputs: [bukti-hasil-tindak-lanjut]\n",
             "    actor: { any: [tim-pengaduan, front-office] }\n    budget: 2 hari\n    inputs: [{ document: rancangan-tindak-lanjut, optional: true }, bukti-obyek]\n    outputs: [rekapan-pengaduan]\n    remarks: Koordinasi dengan bidang terkait\n    optional: true\n    escalation: { to: front-office, after: 1 hari }\n"),
        ], in: folder), dayMinutes: kebumenDay)
        #expect(diff.steps.allSatisfy { $0.step == "tindak-lanjut" })
        #expect(diff.steps.map(\.detail) == [
            .activity(
                old: "Melaksanakan tindak lanjut dan setelah selesai tindak lanjut menyampaikan bukti tindak lanjut kepada pelapor",
                new: "Melaksanakan tindak lanjut"),
            .performers(old: StepPerformers(mode: .single, actors: ["tim-pengaduan"]),
                        new: StepPerformers(mode: .any, actors: ["tim-pengaduan", "front-office"])),
            .budget(old: Budget(days: 1), new: Budget(days: 2), direction: .longer),
            .documentOptional(role: .input, document: "rancangan-tindak-lanjut", old: false, new: true),
            .documentAdded(role: .input, document: "bukti-obyek", isOptional: false),
            .documentAdded(role: .output, document: "rekapan-pengaduan", isOptional: false),
            .documentRemoved(role: .output, document: "bukti-hasil-tindak-lanjut", wasOptional: false),
            .remarks(old: nil, new: "Koordinasi dengan bidang terkait"),
            .optional(old: StepOptionality(isOptional: false), new: StepOptionality(isOptional: true)),
            .escalation(old: [], new: [StepEscalation(to: "front-office", after: Budget(days: 1))]),
        ])
    }

    @Test("decisions: question, branch rerouted to an end, branch added with a rule, branch removed, rule changed")
    func decisions() throws {
        let folder = try TemporaryFolder()
        let diff = WorkflowDiff.compare(old: try shippedLangsung(), new: try revisedLangsung([
            ("question: Berkas pengaduan lengkap dan jelas?", "question: Berkas lengkap?"),
            ("- { label: \"Tidak\", goto: isi-formulir }", "- { label: \"Tidak\", end: selesai-front-office }\n        - { label: \"Tanpa NIK\", when: \"!has(fields.nik)\", goto: isi-formulir }"),
            ("        - { label: \"Ya\", end: selesai-front-office }  # maka pengaduan selesai\n", "        - { label: \"Bisa\", end: selesai-front-office }\n"),
            ("- { label: \"Tidak\", goto: analisa }", "- { label: \"Tidak\", when: \"has(fields.nik)\", goto: analisa }"),
        ], in: folder), dayMinutes: kebumenDay)
        #expect(diff.steps.map(\.detail) == [
            .question(old: "Berkas pengaduan lengkap dan jelas?", new: "Berkas lengkap?"),
            .rerouted(branch: "Tidak", old: .step("isi-formulir"), new: .end("selesai-front-office")),
            .branchAdded(branch: "Tanpa NIK", target: .step("isi-formulir"), rule: "!has(fields.nik)"),
            .branchAdded(branch: "Bisa", target: .end("selesai-front-office"), rule: nil),
            .branchRule(branch: "Tidak", old: nil, new: "has(fields.nik)"),
            .branchRemoved(branch: "Ya", target: .end("selesai-front-office")),
        ])
        #expect(diff.steps.map(\.step) == ["periksa-kelengkapan", "periksa-kelengkapan", "periksa-kelengkapan",
                                           "dapat-diselesaikan", "dapat-diselesaikan", "dapat-diselesaikan"])
    }

    @Test("the kind of way on: a next that becomes a decision, an end rerouted, a hand-off")
    func flowKinds() throws {
        let folder = try TemporaryFolder()
        let diff = WorkflowDiff.compare(old: try shippedLangsung(), new: try revisedLangsung([
            ("    next: tanggapan-pelapor\n", """
                    decision:
                      question: Pelapor perlu menanggapi?
                      branches:
                        - { label: "Ya", goto: tanggapan-pelapor }
                        - { label: "Tidak", goto: register }

                """),
            ("    end: selesai\n", "    handoff: { workflow: pengaduan-media, note: Diteruskan }\n"),
        ], in: folder), dayMinutes: kebumenDay)
        #expect(diff.steps.map(\.detail) == [
            .flow(old: .next(.step("tanggapan-pelapor")), new: .decision(question: "Pelapor perlu menanggapi?", branches: [
                FlowBranch(label: "Ya", target: .step("tanggapan-pelapor")), FlowBranch(label: "Tidak", target: .step("register")),
            ])),
            .rerouted(branch: nil, old: .end("selesai"), new: .handoff(.workflow("pengaduan-media"), note: "Diteruskan")),
        ])
    }

    @Test("the diff encodes to JSON and decodes back to the same value")
    func codable() throws {
        let folder = try TemporaryFolder()
        let old = try shippedLangsung()
        var diffs = [WorkflowDiff.compare(old: old, new: try revisedLangsung(workedExampleEdits, in: folder, name: "a.yaml"), dayMinutes: kebumenDay)]
        diffs.append(WorkflowDiff.compare(old: old, new: try loadWorkflow(TestPaths.media), dayMinutes: kebumenDay))
        diffs.append(WorkflowDiff.compare(old: old, new: try revisedLangsung([
            ("    next: tanggapan-pelapor\n", "    decision:\n      question: Lanjut?\n      branches:\n        - { label: \"Ya\", goto: tanggapan-pelapor }\n        - { label: \"Tidak\", end: selesai }\n"),
            ("    budget: 10 menit\n    inputs: [bukti", "    budget: 10 menit\n    optional: { when: \"has(fields.nik)\" }\n    escalation: { to: front-office }\n    inputs: [bukti"),
        ], in: folder, name: "b.yaml"), dayMinutes: kebumenDay))
        for diff in diffs {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let data = try encoder.encode(diff)
            #expect(try JSONDecoder().decode(WorkflowDiff.self, from: data) == diff)
            let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(object["equivalent"] as? Bool == false)
            #expect(Set(object.keys) == ["workflow", "old", "new", "equivalent", "header", "definitions", "steps", "times"])
        }
        let json = try #require(String(data: try JSONEncoder().encode(diffs[0].steps[2]), encoding: .utf8))
        #expect(json.contains("\"direction\":\"shorter\""))
        #expect(json.contains("\"kind\":\"budget\""))
    }

    @Test("any two workflows compare without trapping: another SOP, files with errors, nothing at all")
    func robustness() throws {
        let folder = try TemporaryFolder()
        let langsung = try shippedLangsung()
        let media = try loadWorkflow(TestPaths.media)
        let other = WorkflowDiff.compare(old: langsung, new: media, dayMinutes: kebumenDay)
        #expect(!other.isEquivalent)
        #expect(other.steps.contains { if case .removed = $0.detail { true } else { false } })
        #expect(WorkflowDiff.compare(old: langsung, new: langsung, dayMinutes: kebumenDay).isEquivalent)
        // Duplicate step ids, a step without a way on, a budget that cannot be read.
        let broken = try loadWorkflow(try folder.write("broken.yaml", """
            kind: Workflow
            id: pengaduan-langsung
            revision: 3
            title: Rusak
            document: { number: "1" }
            calendar: jam-kerja-kebumen
            actors: { pelapor: { name: Pelapor } }
            steps:
              - { id: register, activity: A, actor: pelapor, budget: 15 menit, next: register }
              - { id: register, activity: B, actor: pelapor, budget: sebentar, end: selesai }
              - { id: analisa, activity: C, actor: pelapor, budget: 1 jam }
            """))
        for (old, new) in [(langsung, broken), (broken, langsung), (broken, broken), (media, broken)] {
            let diff = WorkflowDiff.compare(old: old, new: new, dayMinutes: kebumenDay)
            #expect(diff.count == diff.header.count + diff.definitions.count + diff.steps.count)
        }
        var empty = broken
        empty.steps = []
        #expect(WorkflowDiff.compare(old: empty, new: langsung, dayMinutes: kebumenDay).times.shortest.old == nil)
        #expect(WorkflowDiff.compare(old: langsung, new: empty, dayMinutes: kebumenDay).steps.count == langsung.steps.count)
    }
}

/// `WorkflowDiff.checkRevisions`: one SOP, the new revision higher.
@Suite("Revision pairs")
struct RevisionPairTests {
    @Test("the same SOP with a higher revision is accepted")
    func accepted() throws {
        let folder = try TemporaryFolder()
        #expect(WorkflowDiff.checkRevisions(old: try shippedLangsung(), new: try revisedLangsung([], in: folder)) == nil)
    }

    @Test("another SOP is refused")
    func otherSOP() throws {
        let error = try #require(WorkflowDiff.checkRevisions(old: try shippedLangsung(), new: try loadWorkflow(TestPaths.media)))
        #expect(error.isDifferentWorkflows)
        #expect(error.description.contains("'pengaduan-langsung' and 'pengaduan-media' are different SOPs"))
    }

    @Test("an equal or lower revision is refused, with the way out")
    func notHigher() throws {
        let folder = try TemporaryFolder()
        let shipped = try shippedLangsung()
        let same = try #require(WorkflowDiff.checkRevisions(old: shipped, new: shipped))
        #expect(same.isRevisionNotHigher)
        #expect(same.hint.en == "raise `revision:` in the new file to 2")
        let swapped = try #require(WorkflowDiff.checkRevisions(old: try revisedLangsung([], in: folder), new: shipped))
        #expect(swapped.isRevisionNotHigher && !swapped.isDifferentWorkflows)
        #expect(swapped.description == "the new revision (1) is not higher than the old one (2)")
        #expect(swapped.hint.en.contains("wrong way round"))
    }
}

/// Budgets of days against budgets of hours: only with the length of a working day.
@Suite struct TimeDirectionTests {
    @Test func partsThatAgreeNeedNoCalendar() {
        #expect(TimeDirection.between(Budget(days: 1), Budget(days: 1, minutes: 60)) == .longer)
        #expect(TimeDirection.between(Budget(days: 2), Budget(days: 1)) == .shorter)
        #expect(TimeDirection.between(Budget(minutes: 90), Budget(minutes: 90)) == .unchanged)
        #expect(TimeDirection.between(nil, nil) == .unchanged)
        #expect(TimeDirection.between(Budget(days: 1), nil) == nil)
    }

    @Test func daysAgainstHoursByTheWorkingDay() {
        // 12 jam is longer than a Kebumen hari of 8 jam 30 menit, 4 jam shorter.
        #expect(TimeDirection.between(Budget(days: 1), Budget(minutes: 12 * 60), dayMinutes: 510) == .longer)
        #expect(TimeDirection.between(Budget(days: 1), Budget(minutes: 4 * 60), dayMinutes: 510) == .shorter)
        #expect(TimeDirection.between(Budget(days: 1), Budget(minutes: 510), dayMinutes: 510) == .unchanged)
        #expect(TimeDirection.between(Budget(days: 1), Budget(minutes: 12 * 60)) == nil)
    }
}

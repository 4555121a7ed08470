import Foundation
import SOPCore
import SOPModel
import Testing

@testable import SOPRender

/// The case timeline picture's own words, in Bahasa Indonesia and English.
@Suite("Case timeline picture: its words in both languages")
struct CaseTimelineWordsTests {
    typealias Words = CaseTimelineSVG.Words

    /// Every fixed word, by name.
    var labels: [(name: String, text: Text)] {
        Mirror(reflecting: Words.labels).children.compactMap { child in
            (child.value as? Text).map { (child.label ?? "?", $0) }
        }
    }

    /// Every word made from values, with sample values.
    var samples: [(name: String, text: Text)] {
        let data = CaseTimelineData(
            registerNumber: "067/PGD/2026/000001", number: 1, status: "x", opened: "o", due: "d", timeliness: .onTime,
            closed: "c", officeTime: "1 jam", reporterTime: "0 menit", visits: [])
        let open = CaseTimelineData.Visit(
            step: "s", number: 2, activity: "A", actors: ["B"], by: nil, when: "w", due: "d", budget: "15 menit", taken: "5 menit",
            budgetSeconds: 900, workingSeconds: 300, timeliness: .atRisk, ending: .open)
        var done = open
        done.by = "siti"
        var result: [(String, Text)] = [
            ("timeliness(.onTime)", Words.timeliness(.onTime)), ("timeliness(.atRisk)", Words.timeliness(.atRisk)),
            ("timeliness(.overdue)", Words.timeliness(.overdue)), ("heading", Words.heading(data)), ("title", Words.title("1")),
            ("registerNumber", Words.registerNumber(data)), ("revision", Words.revision("w", 1)),
            ("workflowRevision", Words.workflowRevision("w", 1)), ("times", Words.times(data)), ("step", Words.step(open)),
            ("now", Words.now(open)), ("workingTime", Words.workingTime(data)), ("notVisited", Words.notVisited(budget: "1 hari")),
            ("visits", Words.visits(.overdue)), ("visit", Words.visit(1, Words.timeliness(.onTime))),
            ("budgetTaken (open)", Words.budgetTaken(open)), ("by", Words.by(done)), ("by (open)", Words.by(open)),
            ("elsewhere", Words.elsewhere(revision: 2)), ("ended", Words.ended("dicabut")),
        ]
        done.escalatedTo = "C"
        for ending in [CaseTimelineData.Ending.completed(branch: "Ya"), .skipped(reason: "r"), .returned(reason: "r"), .open] {
            done.ending = ending
            if let text = Words.result(done) { result.append(("result(\(ending))", text)) }
        }
        return result
    }

    @Test("every fixed word and every word made from values is in both languages, and they differ")
    func bothLanguages() {
        #expect(labels.count > 30, "only \(labels.count) labels found")
        #expect(samples.count == 24)
        for (name, text) in labels + samples {
            #expect(!text.id.trimmingCharacters(in: .whitespaces).isEmpty && !text.en.trimmingCharacters(in: .whitespaces).isEmpty, "\(name)")
            #expect(text.id != text.en, "\(name): \(text.id)")
        }
        // A few in full.
        let analysis = CaseTimelineData.Visit(
            step: "analisa", number: 4, activity: "Analisa", actors: ["Tim"], by: nil, when: "w", due: "Mon 30 Nov 2026 13:00",
            budget: "1 hari", taken: "2 jam", budgetSeconds: 1, workingSeconds: 1, timeliness: .atRisk, ending: .open)
        #expect(Words.now(analysis).en == "Now: step 4. Analisa (Tim), due Mon 30 Nov 2026 13:00 (at risk)")
        #expect(Words.now(analysis).id == "Sekarang: langkah 4. Analisa (Tim), tenggat Mon 30 Nov 2026 13:00 (hampir lewat)")
        #expect(Words.notVisited(budget: "1 hari").en == "not visited · budget 1 hari")
        #expect(Words.notVisited(budget: "1 hari").id == "tidak dilalui · anggaran 1 hari")
    }

    @Test("where a step's flow goes, in the picture's language; Bahasa Indonesia unless told")
    func flow() throws {
        let workflow = try loadWorkflow("pengaduan-langsung")
        let numbers = Wording.numbers(workflow)
        let decision = try #require(workflow.steps.first { $0.id.value == "dapat-diselesaikan" })
        #expect(Wording.flow(decision, in: workflow, numbers: numbers) == [
            "Ya: selesai (Pengaduan diselesaikan oleh staf front office)", "Tidak: langkah 4",
        ])
        #expect(Wording.flow(decision, in: workflow, numbers: numbers, language: .en) == [
            "Ya: end (Pengaduan diselesaikan oleh staf front office)", "Tidak: step 4",
        ])
        let chart = Flowchart(workflow)
        #expect(FlowchartSVG.titles(workflow, chart)["mulai"] == "Mulai")
        #expect(FlowchartSVG.titles(workflow, chart, language: .en)["mulai"] == "Start")
    }

    @Test("the same case in English and in Bahasa Indonesia: the picture's words differ, the SOP's and the case's do not")
    func svgAndHTML() throws {
        let workflow = try loadWorkflow("pengaduan-langsung")
        var data = caseData([
            visit("isi-formulir"), visit("periksa-kelengkapan", .completed(branch: "Tidak"), .overdue), visit("isi-formulir"),
            visit("periksa-kelengkapan", .completed(branch: "Ya")), visit("dapat-diselesaikan", .completed(branch: "Tidak")),
            visit("analisa", .returned(reason: "kurang jelas")), visit("isi-formulir", .open, .atRisk),
        ])
        data.notes = ["Sen 30 Nov 2026 09:00 siti: catatan"]
        data.revisionChanges = ["pindah"]
        for render in [
            { (language: Language) in CaseTimelineSVG(workflow: workflow, data: data, language: language).render() },
            { (language: Language) in CaseTimelineHTML(workflow: workflow, data: data, language: language).render() },
        ] {
            let indonesian = render(.id)
            let english = render(.en)
            #expect(render(.standard) == indonesian)
            let id = ParsedXML(indonesian)
            let en = ParsedXML(english)
            #expect(id.isWellFormed && en.isWellFormed, "\(en.error ?? "")")
            let idTexts = Set(id.texts.map { $0.trimmingCharacters(in: .whitespaces) })
            let enTexts = Set(en.texts.map { $0.trimmingCharacters(in: .whitespaces) })
            // No fixed word of one language is drawn alone in the other.
            for (name, label) in labels {
                let idWord = label.id.trimmingCharacters(in: .whitespaces)
                let enWord = label.en.trimmingCharacters(in: .whitespaces)
                #expect(!enTexts.contains(idWord), "\(name): '\(idWord)' in the English picture")
                #expect(!idTexts.contains(enWord), "\(name): '\(enWord)' in the Indonesian picture")
            }
            // The SOP's words and the case's data are the same in both.
            for text in ["Pengisian fomulir pengaduan", "Staf Front Office", "Sen 30 Nov 2026 09:00 – 09:12", "pindah"] {
                #expect(en.allText.contains(text) && id.allText.contains(text), "\(text)")
            }
            #expect(en.allText.contains("returned to the reporter: kurang jelas") && id.allText.contains("dikembalikan ke pelapor: kurang jelas"))
            #expect(en.allText.contains("choice: Tidak") && id.allText.contains("pilihan: Tidak"))
            #expect(en.allText.contains("overdue") && !en.allText.contains("terlambat"))
        }
        let english = CaseTimelineHTML(workflow: workflow, data: data, language: .en).render()
        #expect(english.hasPrefix("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">"))
        #expect(english.contains("<thead><tr><th>Visit</th><th>No</th><th>Activity</th><th>Actors</th><th>By</th><th>Start – end</th>"))
        let svg = CaseTimelineSVG(workflow: workflow, data: data, language: .en).render()
        #expect(svg.contains(">Start</text>") && svg.contains(">End</text>") && !svg.contains(">Mulai</text>"))
        #expect(svg.contains("<title>Visit 2: overdue</title>"))
        #expect(svg.contains("▶ now"))
    }
}

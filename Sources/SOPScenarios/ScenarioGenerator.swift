import Foundation
import SOPCore
import SOPEngine
import SOPLoading
import SOPModel

/// `sop test --generate WORKFLOW`: a scenario file with one scenario per path of the workflow (as
/// `sop paths` lists them, rework loops taken again at most once), as a starting point for the
/// validator. Each scenario fills every field with an example of its type, comes in through the
/// first channel, completes each step of its path in turn (the step's required outputs attached,
/// each actor of a joint step in turn) when its working time is used up, and takes the path's branches. It is run before it is
/// written: what it expects is what came of it (status, outcome, path, due times); a scenario
/// that does not pass says why in a comment, for the validator to adjust.
public struct ScenarioGenerator: Sendable {
    let workflow: Workflow
    let runner: ScenarioRunner

    /// A generator for a workflow and its calendar; nil when the calendar has no usable office
    /// hours or time zone.
    public init?(workflow: Workflow, calendar: WorkCalendar) {
        guard let runner = ScenarioRunner(workflow: workflow, calendar: calendar) else { return nil }
        self.workflow = workflow
        self.runner = runner
    }

    /// The scenario file's text, its comments in `language`; `startText` is `start` as it is
    /// written in the file.
    public func file(start: Date, startText: String, language: Language, pathLimit: Int = 1000) -> String {
        let paths = WorkflowPaths(workflow, loops: 1, limit: pathLimit)
        let id = workflow.id.value.rawValue
        var text = "# yaml-language-server: $schema=../schemas/scenarios.schema.json\n"
        text += "#\n"
        text += comment(Text(
            id: "Dibuat oleh `sop test --generate \(id)`: satu skenario per jalur (\(paths.paths.count)), sebagai titik awal. "
                + "Yang diharapkan adalah yang terjadi ketika skenario dibuat; periksa isian, waktu dan harapannya terhadap SOP "
                + "yang ditandatangani sebelum memakainya.",
            en: "Made by `sop test --generate \(id)`: one scenario per path (\(paths.paths.count)), as a starting point. "
                + "What each expects is what happened when it was made; check its fields, times and expectations against the "
                + "signed SOP before relying on it.")(language))
        if paths.isTruncated {
            text += comment(Text(
                id: "Alur kerja ini memiliki lebih dari \(paths.paths.count) jalur; hanya sebanyak itu yang ditulis.",
                en: "This workflow has more than \(paths.paths.count) paths; only that many are written.")(language))
        }
        text += "kind: Scenarios\nworkflow: \(id)\nstart: \(startText)\n\nscenarios:\n"
        for (index, path) in paths.paths.enumerated() {
            text += scenario(number: index + 1, path: path, start: start, startText: startText, language: language)
        }
        return text
    }

    private func scenario(number: Int, path: WorkflowPaths.Path, start: Date, startText: String, language: Language) -> String {
        let end: String
        switch path.end {
        case .outcome(let outcome): end = outcome.rawValue
        case .handoff(let target): end = target.sopName
        }
        let decisions = path.visits.compactMap { visit in visit.branch.map { "\(visit.step) \($0)" } }
        let name = "Jalur \(number): " + (decisions.isEmpty ? "" : decisions.joined(separator: ", ") + " → ") + end
        var body = "    fields:\n"
        for field in workflow.fields {
            body += "      \(field.id.value): \(quoted(example(field, start: start)))\n"
        }
        if let channel = workflow.channels.first { body += "    channel: \(channel.id.value)\n" }
        body += "    actions:\n"
        for visit in path.visits {
            guard let step = workflow.steps.first(where: { $0.id.value == visit.step }) else { continue }
            let outputs = step.outputs.filter { !$0.isOptional }.map(\.document.value.rawValue)
            var rounds: [String?] = [nil]
            if case .all(let actors) = step.performers {
                let office = actors.map(\.value).filter { !(workflow.actor($0)?.isExternal ?? true) }
                if office.count > 1 { rounds = office.map(\.rawValue) }
            }
            for (index, role) in rounds.enumerated() {
                body += "      - complete: \(step.id.value)\n"
                if let role { body += "        by: \(role)\n" }
                // The step is done when its time is used up, so that times add up as `sop paths` adds them.
                if index == 0, !step.isUntimed, let budget = step.budget?.value, budget != .zero {
                    body += "        after: \(budget)\n"
                }
                if index == rounds.count - 1 {
                    if let branch = visit.branch { body += "        branch: \(quoted(branch))\n" }
                    if !outputs.isEmpty { body += "        attach: [\(outputs.joined(separator: ", "))]\n" }
                }
            }
        }
        let draft = "  - name: \(quoted(name))\n" + body
        // Run it as it would be read, to write what it leads to.
        let loaded = ScenarioLoader.load(
            text: "kind: Scenarios\nworkflow: \(workflow.id.value)\nstart: \(startText)\nscenarios:\n" + draft, file: "generated")
        guard let scenario = loaded.file?.scenarios.first else {
            return comment(Text(id: "Jalur \(number) tidak dapat ditulis sebagai skenario.", en: "Path \(number) cannot be written as a scenario.")(language))
        }
        let result = runner.run(scenario, number: number)
        var text = "\n"
        if let failure = result.failures.first {
            text += comment(Text(
                id: "Skenario ini belum lulus: \(failure.message.id). Sesuaikan isian atau tindakannya.",
                en: "This scenario does not pass yet: \(failure.message.en). Adjust its fields or actions.")(language), indent: "  ")
            return text + draft
        }
        text += draft
        text += "    expect:\n"
        let state = result.final
        if let state {
            text += "      status: \(state.status.rawValue)\n"
            if let outcome = state.outcome { text += "      outcome: \(outcome)\n" }
            if let target = state.handedOffTo { text += "      handed_off_to: \(quoted(target.description))\n" }
            text += "      path: [\(state.steps.map(\.step.rawValue).joined(separator: ", "))]\n"
            text += "      due: \(runner.format(state.dueAt))\n"
            if let closed = state.closedAt { text += "      closed_at: \(runner.format(closed))\n" }
        }
        return text
    }

    /// An example value of a field's type, as staff would type it.
    private func example(_ field: FieldDefinition, start: Date) -> String {
        switch field.type {
        case .text: "Contoh \(field.label.lowercased())"
        case .phone: "081234567890"
        case .email: "pelapor@contoh.id"
        case .nik: "3305010101900001"
        case .enumeration(let values): values.first ?? ""
        case .date: String(runner.format(start).prefix(10))
        case .number: "1"
        case .boolean: "true"
        }
    }

    private func comment(_ text: String, indent: String = "") -> String {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && line.count + word.count + 1 > 96 {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines.map { "\(indent)# \($0)\n" }.joined()
    }

    /// Text as a YAML value that reads back the same.
    func quoted(_ text: String) -> String { YAMLText.value(text) }
}

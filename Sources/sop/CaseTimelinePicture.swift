import ArgumentParser
import Foundation
import SOPCore
import SOPEngine
import SOPRender
import SOPService

/// `sop case show --format text|json|svg|html`: the text and JSON timelines, and the picture of
/// the case's path through its flowchart (SVG, or an HTML page around it).
enum ShowFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
    case svg
    case html
}

extension CaseTimelineData {
    /// The picture's data from a case's timeline, in the words and Jakarta time of the text
    /// timeline (`CaseText`) in `language`; the case's state gives the outcome's id, to find its
    /// terminator.
    init(_ timeline: CaseTimeline, state: CaseState, language: Language) {
        let handedOff = timeline.handedOffTo.map { Text(id: "diteruskan ke SOP \($0)", en: "handed off to SOP \($0)")(language) }
        let status = timeline.status.label(language) + (timeline.outcome.map { " — \($0)" } ?? "") + (handedOff.map { " — \($0)" } ?? "")
        var details: [Line] = []
        if let channel = timeline.channel { details.append(Line(label: Text(id: "Kanal", en: "Channel")(language), value: channel)) }
        details += timeline.fields.map { Line(label: $0.label, value: $0.value) }
        var end: End?
        if timeline.status.isFinal {
            if let outcome = state.outcome {
                end = .outcome(id: outcome.rawValue, name: timeline.outcome ?? outcome.rawValue)
            } else if let handedOff = state.handedOffTo {
                end = .handoff(workflow: handedOff.rawValue)
            } else {
                end = .other(timeline.status.label(language))
            }
        }
        let date = { (date: Date) in TimeText.date(date, in: language) }
        self.init(
            registerNumber: timeline.registerNumber, number: timeline.number, status: status,
            opened: Text(id: "\(date(timeline.openedAt)) oleh \(timeline.openedBy)", en: "\(date(timeline.openedAt)) by \(timeline.openedBy)")(language),
            due: date(timeline.dueAt), timeliness: Timeliness(timeline.sla), closed: timeline.closedAt.map(date),
            officeTime: TimeText.duration(timeline.officeWorkingSeconds), reporterTime: TimeText.duration(timeline.reporterWorkingSeconds),
            details: details, visits: timeline.steps.map { Visit($0, language: language) }, end: end,
            notes: timeline.notes.map { "\(date($0.at)) \($0.by): \($0.text)" },
            revisionChanges: timeline.revisionChanges.map { CaseText.revisionChange($0)(language) })
    }
}

extension CaseTimelineData.Visit {
    /// A visit from a line of the timeline, its words and dates in `language`.
    init(_ line: CaseTimeline.StepLine, language: Language) {
        let reason = line.reason.map { SkipReason.text($0)(language) } ?? ""
        let ending: CaseTimelineData.Ending
        switch line.ending {
        case "skipped": ending = .skipped(reason: reason)
        case "returned": ending = .returned(reason: reason)
        case "open": ending = .open
        default: ending = .completed(branch: line.branch)
        }
        let onBehalf = line.onBehalfOfReporter ? Text(id: " atas nama pelapor", en: " on behalf of the reporter")(language) : ""
        self.init(
            step: line.step, number: line.number, activity: line.activity, actors: line.actors, by: line.by.map { $0 + onBehalf },
            when: TimeText.span(line.startedAt, line.endedAt, in: language), due: TimeText.date(line.dueAt, in: language), budget: line.budget,
            taken: TimeText.duration(line.workingSeconds), budgetSeconds: line.budgetSeconds, workingSeconds: line.workingSeconds,
            timeliness: CaseTimelineData.Timeliness(line.sla), ending: ending, escalatedTo: line.escalatedTo)
    }
}

extension CaseTimelineData.Timeliness {
    init(_ state: SLAState) {
        switch state {
        case .onTime: self = .onTime
        case .atRisk: self = .atRisk
        case .overdue: self = .overdue
        }
    }
}

extension TimeText {
    /// `Sen 30 Nov 2026 09:00 – 09:12` within a day, both in full across days, and
    /// `mulai Sen 30 Nov 2026 09:00` (`since Mon 30 Nov 2026 09:00`) for a span still open.
    static func span(_ start: Date, _ end: Date?, in language: Language) -> String {
        let from = date(start, in: language)
        guard let end else { return Text(id: "mulai \(from)", en: "since \(from)")(language) }
        let to = date(end, in: language)
        // `Sen 30 Nov 2026 09:00`: the day is everything before the last space.
        if let space = from.lastIndex(of: " "), let otherSpace = to.lastIndex(of: " "), from[..<space] == to[..<otherSpace] {
            return "\(from) – \(to[to.index(after: otherSpace)...])"
        }
        return "\(from) – \(to)"
    }
}

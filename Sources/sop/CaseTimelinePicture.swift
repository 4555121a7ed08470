import ArgumentParser
import Foundation
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
    /// timeline (`CaseText`); the case's state gives the outcome's id, to find its terminator.
    init(_ timeline: CaseTimeline, state: CaseState) {
        let status = CaseText.status(timeline.status) + (timeline.outcome.map { " — \($0)" } ?? "")
            + (timeline.handedOffTo.map { " — diteruskan ke SOP \($0)" } ?? "")
        var details: [Line] = []
        if let channel = timeline.channel { details.append(Line(label: "Kanal", value: channel)) }
        details += timeline.fields.map { Line(label: $0.label, value: $0.value) }
        var end: End?
        if timeline.status.isFinal {
            if let outcome = state.outcome {
                end = .outcome(id: outcome.rawValue, name: timeline.outcome ?? outcome.rawValue)
            } else if let handedOff = state.handedOffTo {
                end = .handoff(workflow: handedOff.rawValue)
            } else {
                end = .other(CaseText.status(timeline.status))
            }
        }
        self.init(
            registerNumber: timeline.registerNumber, number: timeline.number, status: status,
            opened: "\(Clock.text(timeline.openedAt)) oleh \(timeline.openedBy)", due: Clock.text(timeline.dueAt),
            timeliness: Timeliness(timeline.sla), closed: timeline.closedAt.map(Clock.text),
            officeTime: Clock.duration(timeline.officeWorkingSeconds), reporterTime: Clock.duration(timeline.reporterWorkingSeconds),
            details: details, visits: timeline.steps.map(Visit.init), end: end,
            notes: timeline.notes.map { "\(Clock.text($0.at)) \($0.by): \($0.text)" },
            revisionChanges: timeline.revisionChanges.map(CaseText.revisionChange))
    }
}

extension CaseTimelineData.Visit {
    /// A visit from a line of the timeline.
    init(_ line: CaseTimeline.StepLine) {
        let ending: CaseTimelineData.Ending
        switch line.ending {
        case "skipped": ending = .skipped(reason: line.reason ?? "")
        case "returned": ending = .returned(reason: line.reason ?? "")
        case "open": ending = .open
        default: ending = .completed(branch: line.branch)
        }
        self.init(
            step: line.step, number: line.number, activity: line.activity, actors: line.actors,
            by: line.by.map { $0 + (line.onBehalfOfReporter ? " atas nama pelapor" : "") },
            when: Clock.span(line.startedAt, line.endedAt), due: Clock.text(line.dueAt), budget: line.budget,
            taken: Clock.duration(line.workingSeconds), budgetSeconds: line.budgetSeconds, workingSeconds: line.workingSeconds,
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

extension Clock {
    /// `Sen 30 Nov 2026 09:00 – 09:12` within a day, both in full across days, and
    /// `mulai Sen 30 Nov 2026 09:00` for a span still open.
    static func span(_ start: Date, _ end: Date?) -> String {
        let from = text(start)
        guard let end else { return "mulai \(from)" }
        let to = text(end)
        // `Sen 30 Nov 2026 09:00`: the day is everything before the last space.
        if let space = from.lastIndex(of: " "), let otherSpace = to.lastIndex(of: " "), from[..<space] == to[..<otherSpace] {
            return "\(from) – \(to[to.index(after: otherSpace)...])"
        }
        return "\(from) – \(to)"
    }
}

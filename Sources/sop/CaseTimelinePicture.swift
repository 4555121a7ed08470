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

// The picture's data is SOPRender's (CaseTimelineData), the timeline it comes from SOPService's
// (CaseTimeline), and neither module depends on the other (Package.swift): only the tool sees
// both, so this mapping stays here. It writes no words of its own: the phrases are SOPService's
// (CaseText, TimeText), the same as the text timeline's, in the language given.

extension CaseTimelineData {
    /// The picture's data from a case's timeline, in the words and Jakarta time of the text
    /// timeline (`CaseText`) in `language`; the case's state gives the outcome's id, to find its
    /// terminator.
    init(_ timeline: CaseTimeline, state: CaseState, language: Language) {
        var details: [Line] = []
        if let channel = timeline.channel { details.append(Line(label: CaseText.channel(language), value: channel)) }
        details += timeline.fields.map { Line(label: $0.label, value: $0.value) }
        var end: End?
        if timeline.status.isFinal {
            if let outcome = state.outcome {
                end = .outcome(id: outcome.rawValue, name: timeline.outcome ?? outcome.rawValue)
            } else if let handedOff = state.handedOffTo {
                end = .handoff(handedOff)
            } else {
                end = .other(timeline.status.label(language))
            }
        }
        let date = { (date: Date) in TimeText.date(date, in: language) }
        self.init(
            registerNumber: timeline.registerNumber, number: timeline.number, status: CaseText.status(timeline)(language),
            opened: CaseText.opened(timeline, language: language),
            due: date(timeline.dueAt), timeliness: Timeliness(timeline.sla), closed: timeline.closedAt.map(date),
            officeTime: TimeText.duration(timeline.officeWorkingSeconds), reporterTime: TimeText.duration(timeline.reporterWorkingSeconds),
            details: details, visits: timeline.steps.map { Visit($0, language: language) }, end: end,
            notes: timeline.notes.map { CaseText.note($0, language: language) },
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
        let onBehalf = line.onBehalfOfReporter ? CaseText.onBehalfOfReporter(language) : ""
        self.init(
            step: line.step, number: line.number, activity: line.activity, actors: line.actors, by: line.by.map { $0 + onBehalf },
            when: TimeText.span(line.startedAt, line.endedAt, in: language), due: TimeText.due(line.dueAt, in: language), budget: line.budget,
            taken: TimeText.duration(line.workingSeconds), budgetSeconds: line.budgetSeconds ?? 0, workingSeconds: line.workingSeconds,
            // A step with no stated time has no budget bar and is never late.
            timeliness: line.sla.map(CaseTimelineData.Timeliness.init) ?? .untimed, ending: ending, escalatedTo: line.escalatedTo)
    }
}

extension CaseTimelineData.Timeliness {
    /// SOPService's on time, at risk or overdue as the picture's.
    init(_ state: SLAState) {
        switch state {
        case .onTime: self = .onTime
        case .atRisk: self = .atRisk
        case .overdue: self = .overdue
        }
    }
}

import Foundation
import SOPCore
import SOPModel

/// Escalation by the workflow's schedule: the moments each level falls due, fixed when a step
/// starts or a case opens, and the sweep that records the levels whose moment has come.
extension Engine {
    /// The name events the sweep records carry as their `by`: no member of staff did them.
    /// The staff registry refuses it as a name.
    public static let systemUser = "sistem"

    /// The escalations of a step started at `start`: each level of its `escalation:` at its
    /// `after` (the first level by default at the step's budget) in working time. None for a
    /// step of the reporter, whose time is the reporter's, not the office's.
    func scheduledEscalations(of facts: StepFacts, startedAt start: Date) -> [ScheduledEscalation] {
        guard !facts.isExternal else { return [] }
        return schedule(facts.step.escalations, from: start, firstByDefault: facts.budget)
    }

    /// When a step started at `start` is due: its budget later in working time; nil for a step
    /// with no stated time.
    func stepDue(_ facts: StepFacts, startedAt start: Date) -> Date? {
        facts.isUntimed ? nil : workingTime.deadline(from: start, adding: facts.budget)
    }

    /// The reminders of a step started at `start` and due at `due`: at risk when 75% of its
    /// working time is used, and overdue when it runs out. None for a step of the reporter, nor
    /// for a step with no working time or no due time.
    func scheduledReminders(of facts: StepFacts, startedAt start: Date, dueAt due: Date?) -> [ScheduledReminder] {
        guard !facts.isExternal, let due, let atRisk = workingTime.atRiskMoment(start: start, due: due) else { return [] }
        return atRisk < due
            ? [ScheduledReminder(.atRisk, at: atRisk), ScheduledReminder(.overdue, at: due)]
            : [ScheduledReminder(.overdue, at: due)]
    }

    /// The reminders and escalations of a step, due at `due`, that a case stood on as `active`
    /// (under another revision, or another calendar), from the step's start: what was already
    /// recorded on it stays recorded (a reminder of the same kind, every reminder once the overdue
    /// one was, the levels already reached), so that nothing is sent twice for one step.
    func schedule(of facts: StepFacts, dueAt due: Date?, keeping active: ActiveStep) -> StepSchedule {
        let reminders = scheduledReminders(of: facts, startedAt: active.startedAt, dueAt: due)
        let sentKinds = Set(active.reminders.prefix(active.remindersSent).map(\.reminder))
        let sent = sentKinds.contains(.overdue) ? reminders.count : reminders.prefix { sentKinds.contains($0.reminder) }.count
        return StepSchedule(
            reminders: reminders, remindersSent: sent,
            escalations: scheduledEscalations(of: facts, startedAt: active.startedAt), escalationLevel: active.escalationLevel)
    }

    /// The escalations of a whole case opened at `opened`: its workflow's top-level levels, the
    /// first by default at the case's total.
    func scheduledCaseEscalations(openedAt opened: Date) -> [ScheduledEscalation] {
        schedule(workflow.escalations, from: opened, firstByDefault: total)
    }

    /// Levels at their moments. A level after the first with no time of its own (a validation
    /// error, so never in a published revision) is left out, as is a level of no time at all.
    private func schedule(_ levels: [Escalation], from start: Date, firstByDefault budget: Budget) -> [ScheduledEscalation] {
        var scheduled: [ScheduledEscalation] = []
        for (index, level) in levels.enumerated() {
            guard let after = level.after?.value ?? (index == 0 ? budget : nil), after != .zero else { continue }
            scheduled.append(ScheduledEscalation(
                level: index + 1, to: level.to.value, at: workingTime.deadline(from: start, adding: after)))
        }
        return scheduled
    }

    /// The events the sweep records for a case at `instant`: every reminder of its step and every
    /// level of the step's and of the case's escalation whose moment has come and that is not
    /// recorded yet, in the order they fell due (at the same moment, a reminder to the step's
    /// staff before the escalation away from them), by `systemUser`. None when nothing is due,
    /// when the case ended, or when `instant` is before the case's last event (a clock set back
    /// never fires anything twice, nor dates an event before another).
    public func sweep(_ state: CaseState, at instant: Date) -> [CaseEvent] {
        guard !state.lifecycle.isEnded, instant >= state.lastEventAt else { return [] }
        var emission = Emission(state, by: Performer(user: Self.systemUser, roles: []), at: instant)
        while true {
            if let active = emission.state.active, let reminder = active.nextReminder, reminder.at <= instant,
                reminder.at <= (active.nextEscalation?.at ?? .distantFuture), reminder.at <= (emission.state.nextCaseEscalation?.at ?? .distantFuture)
            {
                guard (try? emission.emit(.reminded(step: active.step, reminder: reminder.reminder, dueAt: reminder.at))) != nil else { return [] }
                continue
            }
            let step = emission.state.active.flatMap { active in active.nextEscalation.map { (active.step, $0) } }
            let whole = emission.state.nextCaseEscalation
            let next: (step: StepID?, level: ScheduledEscalation)
            switch (step, whole) {
            case (let step?, let whole?): next = step.1.at <= whole.at ? (step.0, step.1) : (nil, whole)
            case (let step?, nil): next = (step.0, step.1)
            case (nil, let whole?): next = (nil, whole)
            case (nil, nil): return emission.events
            }
            guard next.level.at <= instant else { return emission.events }
            // Applies by construction (the next level, as scheduled); a refusal would be a fault of
            // the fold, and then nothing is recorded.
            guard (try? emission.emit(.escalatedBySchedule(
                step: next.step, level: next.level.level, to: next.level.to, dueAt: next.level.at))) != nil
            else { return [] }
        }
    }
}

import Foundation
import SOPCore
import SOPModel

extension CaseEvent {
    /// A case's due times computed again under a new revision of its calendar (`rescheduled`):
    /// an administrator published new or moved holidays, or changed office hours, while the case
    /// was open.
    ///
    /// The event carries the due times before and after, so that the history says by how much
    /// each one moved, and everything the fold needs: the case's due time and the levels of its
    /// escalation from its opening, the step's due time from its start, and the step's reminders
    /// and escalations. What the sweep already recorded stays recorded (the levels reached, the
    /// reminders sent), so that nothing is sent twice.
    public struct Rescheduling: Hashable, Sendable, Codable {
        /// The calendar's id.
        public var calendar: String
        /// SHA-256 of the calendar text in force after (the one just published).
        public var calendarHash: String
        /// When the whole case was due before.
        public var previousDueAt: Date
        /// When the whole case is due after: its total from its opening, in the new calendar.
        public var dueAt: Date
        /// The escalations of the whole case after, in level order.
        public var caseEscalations: [ScheduledEscalation]
        /// The step the case stands on.
        public var step: StepID
        /// When the step was due before (nil: a step with no stated time).
        public var previousStepDueAt: Date?
        /// When the step is due after: its budget from its start, in the new calendar (nil: a
        /// step with no stated time).
        public var stepDueAt: Date?
        /// The step's reminders and escalations after, and how far the sweep got with them.
        public var schedule: StepSchedule

        /// Creates a rescheduling record.
        public init(
            calendar: String, calendarHash: String, previousDueAt: Date, dueAt: Date, caseEscalations: [ScheduledEscalation],
            step: StepID, previousStepDueAt: Date?, stepDueAt: Date?, schedule: StepSchedule
        ) {
            self.calendar = calendar
            self.calendarHash = calendarHash
            self.previousDueAt = previousDueAt
            self.dueAt = dueAt
            self.caseEscalations = caseEscalations
            self.step = step
            self.previousStepDueAt = previousStepDueAt
            self.stepDueAt = stepDueAt
            self.schedule = schedule
        }

        /// How far the step's due time moved, in seconds (negative: earlier); zero for a step with
        /// no due time.
        public var stepShift: TimeInterval {
            guard let stepDueAt, let previousStepDueAt else { return 0 }
            return stepDueAt.timeIntervalSince(previousStepDueAt)
        }
        /// How far the case's due time moved, in seconds (negative: earlier).
        public var caseShift: TimeInterval { dueAt.timeIntervalSince(previousDueAt) }
    }
}

extension Engine {
    /// The event that computes a case's due times again in this engine's working time (its
    /// revision with a newly published calendar `calendar`, whose text has the SHA-256 `hash`);
    /// nil when the case has ended or stands on no step of this revision, or when nothing it is
    /// due by would move (its due times, the moments of its reminders and escalations).
    ///
    /// The case's due time and the levels of its escalation count from its opening; the step's
    /// due time, reminders and escalations from the step's start, as when they were first
    /// computed. A reminder already recorded stays recorded (an overdue one, all of them), and so
    /// do the levels of escalation reached. Refused when the performer is not an administrator
    /// or `instant` is before the case's last event.
    public func reschedule(
        _ state: CaseState, calendar: String, hash: String, by performer: Performer, at instant: Date
    ) throws(EngineError) -> CaseEvent? {
        guard performer.isAdministrator else { throw .notAdministratorToReschedule(performer.user) }
        guard !state.lifecycle.isEnded, let active = state.active, let facts = facts(active.step),
            state.workflow == reference
        else { return nil }
        let dueAt = caseDue(openedAt: state.openedAt)
        let caseEscalations = scheduledCaseEscalations(openedAt: state.openedAt)
        let stepDueAt = stepDue(facts, startedAt: active.startedAt)
        let schedule = self.schedule(of: facts, dueAt: stepDueAt, keeping: active)
        guard dueAt != state.dueAt || caseEscalations != state.caseEscalations || stepDueAt != active.dueAt
            || schedule != StepSchedule(active)
        else { return nil }
        guard instant >= state.lastEventAt else { throw .rescheduledBeforeLastEvent(state.registerNumber, at: instant, last: state.lastEventAt) }
        let rescheduling = CaseEvent.Rescheduling(
            calendar: calendar, calendarHash: hash, previousDueAt: state.dueAt, dueAt: dueAt, caseEscalations: caseEscalations,
            step: active.step, previousStepDueAt: active.dueAt, stepDueAt: stepDueAt, schedule: schedule)
        return CaseEvent(sequence: state.version + 1, at: instant, by: performer.user, kind: .rescheduled(rescheduling))
    }
}

extension EngineError {
    static func rescheduledBeforeLastEvent(_ registerNumber: String, at instant: Date, last: Date) -> EngineError {
        let (now, latest) = (wib(instant), wib(last))
        return EngineError(.beforeLastEvent, Text(
            id: "tenggat pengaduan \(registerNumber) tidak dapat dihitung ulang pada \(now): peristiwa terakhirnya tercatat lebih "
                + "lambat (\(latest)), dan peristiwa tidak pernah dicatat sebelum yang sudah ada; periksa jam komputer ini, lalu "
                + "terbitkan lagi",
            en: "the due times of case \(registerNumber) cannot be computed again at \(now): its last event was recorded later "
                + "(\(latest)), and an event is never recorded before those already there; check this computer's clock, then "
                + "publish again"))
    }
    static func notAdministratorToReschedule(_ user: String) -> EngineError {
        let role = Performer.administratorRole
        return EngineError(.notAdministrator, Text(
            id: "pengguna '\(user)' tidak boleh menghitung ulang tenggat pengaduan: hal itu terjadi saat administrator "
                + "(peran '\(role)') menerbitkan kalender baru",
            en: "user '\(user)' may not compute cases' due times again: that happens when an administrator "
                + "(role '\(role)') publishes a new calendar"))
    }
}

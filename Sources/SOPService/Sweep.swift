import Foundation
import SOPCore
import SOPEngine
import SOPStorage

/// What one run of the sweep (`sop tick`) did.
public struct SweepReport: Hashable, Sendable, Codable {
    /// One level of escalation recorded.
    public struct Escalation: Hashable, Sendable, Codable {
        /// The case's number.
        public var number: Int
        /// Its register number.
        public var registerNumber: String
        /// Its workflow.
        public var workflow: String
        /// The step escalated; nil for an escalation of the whole case.
        public var step: String?
        /// The level, from 1.
        public var level: Int
        /// The actor the case was escalated to.
        public var to: String
        /// When the level fell due.
        public var dueAt: Date
    }

    /// A reminder recorded: the step of a case is at risk or overdue.
    public struct Reminded: Hashable, Sendable, Codable {
        /// The case's number.
        public var number: Int
        /// Its register number.
        public var registerNumber: String
        /// Its workflow.
        public var workflow: String
        /// The step.
        public var step: String
        /// At risk or overdue.
        public var reminder: Reminder
        /// When the reminder fell due.
        public var dueAt: Date
    }

    /// A case the sweep could not do what was due for.
    public struct Failure: Hashable, Sendable, Codable {
        /// The case's number.
        public var number: Int
        /// Why, in Bahasa Indonesia.
        public var message: String
        /// Why, in English.
        public var messageEnglish: String
        /// The error's stable code.
        public var code: String

        /// Why, in a language.
        public func message(_ language: Language) -> String { language == .en ? messageEnglish : message }
    }

    /// The time the sweep ran at.
    public var at: Date
    /// The reminders recorded, in the order they were written.
    public var reminders: [Reminded] = []
    /// The escalations recorded, in the order they were written.
    public var escalations: [Escalation] = []
    /// Cases whose due work failed (a damaged case, a revision that cannot be loaded).
    public var failures: [Failure] = []
}

extension CaseService {
    /// Does everything that is due at `instant` and nothing else: for each case whose next
    /// scheduled moment has come (read by its index), the reminders and levels of escalation due, recorded by
    /// `Engine.systemUser`. Up to `batch` cases are written in one transaction, each case read
    /// and written there with no other writer between, all or nothing on its own.
    ///
    /// Safe to run often and by several processes at once: a level is recorded only as the next
    /// one of its case, from the case as it stands inside the write, so every reminder and escalation happens
    /// exactly once. A sweep killed half way leaves the transactions it finished, each case done
    /// or untouched; the next run does the rest. With the clock set back before a case's last
    /// event, nothing is recorded for it. A case that cannot be done (damaged, its revision not
    /// loadable) is reported and the others go on.
    ///
    /// `user` must be a member of staff (any role): the sweep is what cron or a timer runs as the
    /// office's account.
    public func sweep(user: String?, at instant: Date, batch: Int = 200) throws(ServiceError) -> SweepReport {
        _ = try performer(user)
        var report = SweepReport(at: instant)
        var seen = Set<Int>()
        var engines: [String: Engine] = [:]
        while true {
            let due: [(number: Int, workflow: WorkflowReference)]
            do {
                due = try store.casesDue(at: instant, limit: seen.count + max(1, batch))
            } catch {
                throw .store(error)
            }
            let fresh = due.filter { !seen.contains($0.number) }
            guard !fresh.isEmpty else { break }
            seen.formUnion(fresh.map(\.number))
            // The revisions first: the store is not read again inside its own write.
            var unloadable: [String: ServiceError] = [:]
            for (number, reference) in fresh where engines[reference.contentHash] == nil && unloadable[reference.contentHash] == nil {
                do throws(ServiceError) {
                    engines[reference.contentHash] = try revision(reference, of: String(number)).engine
                } catch {
                    unloadable[reference.contentHash] = error
                }
            }
            let outcomes: [(number: Int, outcome: Result<AppendedCase, any Error>)]
            do {
                let (engines, unloadable) = (engines, unloadable)
                outcomes = try store.appendEach(fresh.map(\.number)) { stored in
                    let state = stored.state
                    guard let engine = engines[state.workflow.contentHash] else {
                        throw unloadable[state.workflow.contentHash] ?? ServiceError(.workflow, Text(
                            id: "revisi yang dipakai pengaduan \(state.registerNumber) berubah selama penyapuan; jalankan `sop tick` lagi",
                            en: "the revision case \(state.registerNumber) runs on changed during the sweep; run `sop tick` again"))
                    }
                    return engine.sweep(state, at: instant)
                }
            } catch {
                throw .store(error)
            }
            for (number, outcome) in outcomes {
                switch outcome {
                case .success(let appended):
                    let state = appended.state
                    report.reminders += appended.events.compactMap { event in
                        guard case .reminded(let step, let reminder, let dueAt) = event.kind else { return nil }
                        return SweepReport.Reminded(
                            number: number, registerNumber: state.registerNumber, workflow: state.workflow.id.rawValue,
                            step: step.rawValue, reminder: reminder, dueAt: dueAt)
                    }
                    report.escalations += appended.events.compactMap { event in
                        guard case .escalatedBySchedule(let step, let level, let to, let dueAt) = event.kind else { return nil }
                        return SweepReport.Escalation(
                            number: number, registerNumber: state.registerNumber, workflow: state.workflow.id.rawValue,
                            step: step?.rawValue, level: level, to: to.rawValue, dueAt: dueAt)
                    }
                case .failure(let error):
                    let message = (error as? ServiceError)?.message ?? ServiceError.store(error).message
                    let code = (error as? ServiceError)?.code ?? ServiceError.store(error).code
                    report.failures.append(SweepReport.Failure(number: number, message: message.id, messageEnglish: message.en, code: code.rawValue))
                }
            }
        }
        return report
    }
}

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
    /// The escalations recorded, in the order they were written.
    public var escalations: [Escalation] = []
    /// Cases other writers kept changing while the sweep tried them: the next run takes them up.
    public var postponed: [Int] = []
    /// Cases whose due work failed (a damaged case, a revision that cannot be loaded).
    public var failures: [Failure] = []
}

extension CaseService {
    /// Does everything that is due at `instant` and nothing else: for each case whose next
    /// scheduled moment has come (read by its index), the levels of escalation due, recorded by
    /// `Engine.systemUser`, each case in its own transaction at the version it was read at.
    ///
    /// Safe to run often and by several processes at once: a level is recorded only as the next
    /// one of its case and only once (the fold refuses it twice), and a case another process
    /// wrote meanwhile is read again (`conflict`), so every escalation happens exactly once. A
    /// sweep killed half way leaves whole cases done or untouched; the next run finishes. With
    /// the clock set back before a case's last event, nothing is recorded for it.
    ///
    /// `user` must be a member of staff (any role): the sweep is what cron or a timer runs as the
    /// office's account.
    public func sweep(user: String?, at instant: Date, batch: Int = 1000) throws(ServiceError) -> SweepReport {
        _ = try performer(user)
        var report = SweepReport(at: instant)
        var seen = Set<Int>()
        var engines: [String: Engine] = [:]
        while true {
            let due: [Int]
            do {
                due = try store.casesDue(at: instant, limit: seen.count + max(1, batch))
            } catch {
                throw .store(error)
            }
            let fresh = due.filter { !seen.contains($0) }
            guard !fresh.isEmpty else { break }
            for number in fresh {
                seen.insert(number)
                do throws(ServiceError) {
                    switch try sweep(number, at: instant, engines: &engines) {
                    case .recorded(let escalations): report.escalations += escalations
                    case .postponed: report.postponed.append(number)
                    }
                } catch {
                    report.failures.append(SweepReport.Failure(
                        number: number, message: error.message.id, messageEnglish: error.message.en, code: error.code.rawValue))
                }
            }
        }
        return report
    }

    private enum SweptCase {
        case recorded([SweepReport.Escalation])
        case postponed
    }

    /// One case: what is due, written at the version read; read again when another writer came
    /// first (three tries, then left for the next run).
    private func sweep(_ number: Int, at instant: Date, engines: inout [String: Engine]) throws(ServiceError) -> SweptCase {
        for _ in 0..<3 {
            let stored = try load(String(number))
            let state = stored.state
            let engine: Engine
            if let known = engines[state.workflow.contentHash] {
                engine = known
            } else {
                engine = try revision(of: state).engine
                engines[state.workflow.contentHash] = engine
            }
            let events = engine.sweep(state, at: instant)
            guard !events.isEmpty else { return .recorded([]) }
            do {
                _ = try store.append(events, attachments: [], to: number, expectedVersion: state.version, from: state)
            } catch let error as StoreError where error.code == .conflict {
                continue
            } catch {
                throw .store(error)
            }
            return .recorded(events.compactMap { event in
                guard case .escalatedBySchedule(let step, let level, let to, let dueAt) = event.kind else { return nil }
                return SweepReport.Escalation(
                    number: number, registerNumber: state.registerNumber, workflow: state.workflow.id.rawValue,
                    step: step?.rawValue, level: level, to: to.rawValue, dueAt: dueAt)
            })
        }
        return .postponed
    }
}

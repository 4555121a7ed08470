import Foundation
import SOPEngine
import SOPModel
import SOPStorage

extension CaseService {
    /// Skips the current (optional) step with a reason.
    public func skip(_ reference: String, reason: String, user: String?, at instant: Date) throws(ServiceError) -> CaseState {
        try run(reference, user: user, at: instant, .skip(reason: reason))
    }

    /// Returns the case to the reporter for rework.
    public func returnToReporter(_ reference: String, reason: String, user: String?, at instant: Date) throws(ServiceError) -> CaseState {
        try run(reference, user: user, at: instant, .returnToReporter(reason: reason))
    }

    /// Escalates the current step to its escalation actor, or the one named.
    public func escalate(_ reference: String, to actor: String?, reason: String?, user: String?, at instant: Date) throws(ServiceError) -> CaseState {
        try run(reference, user: user, at: instant, .escalate(to: actor.map { ActorID($0) }, reason: reason))
    }

    /// Hands the case off to another SOP.
    public func handOff(_ reference: String, to workflow: String, note: String?, user: String?, at instant: Date) throws(ServiceError) -> CaseState {
        try run(reference, user: user, at: instant, .handOff(to: workflow, note: note))
    }

    /// Records that the reporter withdrew the complaint.
    public func withdraw(_ reference: String, reason: String, user: String?, at instant: Date) throws(ServiceError) -> CaseState {
        try run(reference, user: user, at: instant, .withdraw(reason: reason))
    }

    /// Adds a note.
    public func note(_ reference: String, text: String, user: String?, at instant: Date) throws(ServiceError) -> CaseState {
        try run(reference, user: user, at: instant, .note(text))
    }
}

import SOPCore
import SOPLoading

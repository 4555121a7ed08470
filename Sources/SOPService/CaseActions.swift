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
        try run(reference, user: user, at: instant, .handOff(workflow: WorkflowID(workflow), note: note))
    }

    /// Records that the reporter withdrew the complaint.
    public func withdraw(_ reference: String, reason: String, user: String?, at instant: Date) throws(ServiceError) -> CaseState {
        try run(reference, user: user, at: instant, .withdraw(reason: reason))
    }

    /// Adds a note.
    public func note(_ reference: String, text: String, user: String?, at instant: Date) throws(ServiceError) -> CaseState {
        try run(reference, user: user, at: instant, .note(text))
    }

    // MARK: Staff

    /// Adds a user with roles: actor ids of any workflow in the folder, or `admin` (who may
    /// move cases between revisions with `sop move`).
    public func addStaff(_ user: String, roles: [String], at instant: Date) throws(ServiceError) {
        guard !user.isEmpty, user.count <= 64, user.allSatisfy({ $0.isLetter || $0.isNumber || "._-".contains($0) }) else {
            throw ServiceError(.user, Text(
                id: "nama pengguna terdiri atas huruf, angka, '.', '_', atau '-' (paling banyak 64): '\(user)' tidak demikian",
                en: "a user name is letters, digits, '.', '_' or '-' (at most 64): '\(user)' is not"))
        }
        guard !roles.isEmpty else { throw ServiceError(.user, Text(
            id: "berikan sedikitnya satu peran: `--role PELAKSANA`",
            en: "give at least one role: `--role ACTOR`")) }
        let known = Set(workflowsByIDForStaff().flatMap { $0.actors.filter { !$0.isExternal }.map(\.id.value.rawValue) })
            .union([Performer.administratorRole.rawValue])
        for role in roles where !known.contains(role) {
            let suggestion = ServiceError.suggestion(role, among: known)
            let list = known.sorted().joined(separator: ", ")
            throw ServiceError(.user, Text(
                id: "tidak ada alur kerja yang memiliki pelaksana '\(role)'\(suggestion.id); perannya: \(list)",
                en: "no workflow has an actor '\(role)'\(suggestion.en); roles are: \(list)"))
        }
        do {
            try store.addStaff(user, roles: roles, at: instant)
        } catch {
            throw .store(error)
        }
    }

    /// Removes a user, or some of their roles.
    public func removeStaff(_ user: String, roles: [String]?) throws(ServiceError) {
        do {
            try store.removeStaff(user, roles: roles)
        } catch {
            throw ServiceError(.user, ServiceError.message(of: error))
        }
    }

    /// The staff registry.
    public func staff() throws(ServiceError) -> [StaffMember] {
        do {
            return try store.staff()
        } catch {
            throw .store(error)
        }
    }

    private func workflowsByIDForStaff() -> [Workflow] {
        library.load().workflows
    }
}

import SOPCore
import SOPLoading

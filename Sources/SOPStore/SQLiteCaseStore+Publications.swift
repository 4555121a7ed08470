import Foundation
import GRDB
import SOPCore
import SOPEngine
import SOPModel
import SOPStorage

/// What administrators published: workflow revisions and calendars, by the hash of their text.
extension SQLiteCaseStore {
    /// Publishes texts in one transaction, with the cases it reschedules (see `CaseStore.publish`).
    public func publish(
        _ texts: [PublishedText], by actor: String, at instant: Date, rescheduling revisions: Set<WorkflowReference>,
        _ make: (StoredCase) throws -> [CaseEvent]
    ) throws -> PublicationRecord {
        try write { db in
            let publications = try Self.recordPublications(texts, by: actor, at: instant, db)
            var cases: [AppendedCase] = []
            for (number, version) in try Self.openCaseVersions(on: revisions, db) {
                let stored = try folded(number, version: version, db)
                let events = try make(stored)
                guard !events.isEmpty else { continue }
                let state = try append(events, attachments: [], to: number, expectedVersion: version, from: stored.state, db)
                cases.append(AppendedCase(state: state, events: events))
            }
            return PublicationRecord(publications: publications, cases: cases)
        }
    }

    /// The revisions open cases run on.
    public func openCaseRevisions() throws -> [WorkflowReference] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT DISTINCT workflow_id, revision, content_hash FROM cases INDEXED BY cases_overdue
                WHERE status IN ('open', 'waiting-for-reporter') ORDER BY workflow_id, revision, content_hash
                """).map { row in
                WorkflowReference(id: WorkflowID(row[0] as String), revision: row[1], contentHash: row[2])
            }
        }
    }

    /// The open cases on some revisions, with their events.
    public func openCases(on revisions: Set<WorkflowReference>) throws -> [StoredCase] {
        try read { db in
            try Self.openCaseVersions(on: revisions, db).map { try folded($0.number, version: $0.version, db) }
        }
    }

    /// The number and version of each open case on one of `revisions`, by number, read by the
    /// index of open cases.
    private static func openCaseVersions(on revisions: Set<WorkflowReference>, _ db: Database) throws -> [(number: Int, version: Int)] {
        guard !revisions.isEmpty else { return [] }
        return try Row.fetchAll(db, sql: """
            SELECT number, version, workflow_id, revision, content_hash FROM cases INDEXED BY cases_overdue
            WHERE status IN ('open', 'waiting-for-reporter') ORDER BY number
            """).compactMap { row in
            let reference = WorkflowReference(id: WorkflowID(row[2] as String), revision: row[3], contentHash: row[4])
            return revisions.contains(reference) ? (row[0], row[1]) : nil
        }
    }

    /// Records publications inside the caller's transaction.
    private static func recordPublications(
        _ texts: [PublishedText], by actor: String, at instant: Date, _ db: Database
    ) throws -> [Publication] {
        var recorded: [Publication] = []
        for text in texts {
            let kind: Publication.Kind
            let id: String
            let revision: Int?
            switch text {
            case .workflow(let workflow):
                kind = .workflow
                id = workflow.workflow.rawValue
                revision = workflow.revision
                let published = try String.fetchOne(
                    db, sql: "SELECT hash FROM publications WHERE kind = 'workflow' AND item_id = ? AND revision = ?",
                    arguments: [id, workflow.revision])
                if published == text.hash { continue }
                if published != nil { throw StoreError.revisionPublished(id, revision: workflow.revision) }
                try Self.insertWorkflowText(workflow, db)
            case .calendar(let calendar, let body):
                kind = .calendar
                id = calendar
                revision = nil
                let newest = try String.fetchOne(
                    db, sql: "SELECT hash FROM publications WHERE kind = 'calendar' AND item_id = ? ORDER BY number DESC LIMIT 1",
                    arguments: [id])
                if newest == text.hash { continue }
                try db.execute(
                    sql: "INSERT INTO calendar_texts (hash, calendar_id, text) VALUES (?, ?, ?) ON CONFLICT (hash) DO NOTHING",
                    arguments: [text.hash, id, body])
            }
            try asAdministrator(actor) {
                try db.execute(
                    sql: "INSERT INTO publications (kind, item_id, revision, hash, at, by_user) VALUES (?, ?, ?, ?, ?, ?)",
                    arguments: [kind.rawValue, id, revision, text.hash, instant.timeIntervalSince1970, actor])
            }
            let number = Int(db.lastInsertedRowID)
            try Ledger.append(.publication, item: number, db)
            recorded.append(Publication(
                number: number, kind: kind, id: id, revision: revision, hash: text.hash, at: instant, by: actor))
        }
        return recorded
    }

    /// Every publication, oldest first.
    public func publications() throws -> [Publication] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT number, kind, item_id, revision, hash, at, by_user FROM publications ORDER BY number").map { row in
                let kind: String = row[1]
                guard let known = Publication.Kind(rawValue: kind) else {
                    throw StoreError.corrupt(path, "publication \(row[0] as Int) is of an unknown kind '\(kind)'")
                }
                return Publication(
                    number: row[0], kind: known, id: row[2], revision: row[3], hash: row[4], at: Date(timeIntervalSince1970: row[5]),
                    by: row[6])
            }
        }
    }

    /// The calendar text stored under a SHA-256 hash, or nil.
    public func calendarText(hash: String) throws -> String? {
        guard ContentHash.isHex(hash.lowercased()) else { return nil }
        return try read { db in
            try String.fetchOne(db, sql: "SELECT text FROM calendar_texts WHERE hash = ?", arguments: [hash.lowercased()])
        }
    }
}

/// Who saw personal data in full.
extension SQLiteCaseStore {
    /// Records a reveal.
    public func recordReveal(caseNumber: Int, by user: String, command: String, at instant: Date) throws {
        try write { db in
            try db.execute(
                sql: "INSERT INTO reveals (at, by_user, case_number, command) VALUES (?, ?, ?, ?)",
                arguments: [instant.timeIntervalSince1970, user, caseNumber, command])
            try Ledger.append(.reveal, item: Int(db.lastInsertedRowID), db)
        }
    }

    /// Every reveal (of one case when given), oldest first.
    public func reveals(caseNumber: Int?) throws -> [Reveal] {
        try read { db in
            var sql = "SELECT number, at, by_user, case_number, command FROM reveals"
            var arguments = StatementArguments()
            if let caseNumber {
                sql += " WHERE case_number = ?"
                arguments += [caseNumber]
            }
            return try Row.fetchAll(db, sql: sql + " ORDER BY number", arguments: arguments).map { row in
                Reveal(number: row[0], at: Date(timeIntervalSince1970: row[1]), by: row[2], caseNumber: row[3], command: row[4])
            }
        }
    }
}

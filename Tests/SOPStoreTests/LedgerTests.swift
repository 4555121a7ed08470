import Foundation
import GRDB
import SOPEngine
import SOPModel
import Testing
@testable import SOPStorage
@testable import SOPStore

/// The hash chains and the ledger: every write is entered, the schema keeps them in order, and a
/// rewrite that recomputes every hash still breaks an earlier head.
@Suite struct LedgerTests {
    /// A set-up store with two cases, a registry change, a publication and a reveal.
    private func busyStore(_ scratch: Scratch) throws -> (SQLiteCaseStore, CaseState) {
        let (store, reference, _) = try Fixture.store(scratch)
        try store.setUp(OfficeSetup(identity: .declared, createdAt: Fixture.monday, createdBy: "admin"))
        try store.addStaff("ani", roles: ["front-office"], by: "admin", at: Fixture.monday)
        _ = try store.publish(
            [.workflow(WorkflowText(text: Fixture.yaml, workflow: "pengaduan-langsung", revision: 1))], by: "admin", at: Fixture.monday)
        let first = try Fixture.open(store, workflow: reference)
        let second = try Fixture.open(store, workflow: reference)
        let stepped = try store.append(
            Fixture.advance(second, to: "verifikasi", at: Fixture.monday + 60), to: second.number, expectedVersion: second.version)
        try store.recordReveal(caseNumber: first.number, by: "ani", command: "case show", at: Fixture.monday + 120)
        return (store, stepped)
    }

    @Test func everyWriteIsEnteredAndTheWholeStoreVerifies() throws {
        let scratch = try Scratch()
        let (store, _) = try busyStore(scratch)
        let verification = try store.verify(extending: [])
        #expect(verification.isIntact, "\(verification.problems)")
        #expect(verification.counts.cases == 2)
        #expect(verification.counts.events == 6)
        // The set-up, two registry changes (the first administrator, ani), a publication, two
        // openings, one step and a reveal.
        #expect(verification.counts.ledgerEntries == 8)
        let kinds = try store.database.read { (db: Database) throws in
            try String.fetchAll(db, sql: "SELECT kind FROM ledger ORDER BY number")
        }
        #expect(kinds == ["office", "staff-change", "staff-change", "publication", "case", "case", "case", "reveal"])
        #expect(try store.ledgerHead() == verification.ledger)
        #expect(verification.ledger?.entries == 8)
    }

    @Test func theHeadMovesWithEveryWriteAndEarlierHeadsStayInTheLedger() throws {
        let scratch = try Scratch()
        let (store, stepped) = try busyStore(scratch)
        let before = try #require(try store.ledgerHead())
        _ = try store.append([CaseEvent(sequence: stepped.version + 1, at: Fixture.monday + 200, by: "ani", kind: .noteAdded("n"))],
                             to: stepped.number, expectedVersion: stepped.version)
        let after = try #require(try store.ledgerHead())
        #expect(after.entries == before.entries + 1)
        #expect(after.head != before.head)
        let verification = try store.verify(extending: [before.head, after.head.uppercased()])
        #expect(verification.isIntact, "\(verification.problems)")
        #expect(verification.earlierHeads.map(\.entry) == [before.entries, after.entries])
    }

    /// Someone with the file rewrites an event, then recomputes the case's chain, its row's digest
    /// and every ledger head after it: each hash in the file agrees again, so only a head written
    /// down before tells.
    @Test func aRewriteThatRecomputesEveryHashIsCaughtByAnEarlierHead() throws {
        let scratch = try Scratch()
        let (store, stepped) = try busyStore(scratch)
        let earlier = try #require(try store.ledgerHead())
        try store.database.writeWithoutTransaction { (db: Database) throws in
            try db.execute(sql: """
                DROP TRIGGER events_never_updated; DROP TRIGGER cases_name_their_last_event;
                DROP TRIGGER ledger_never_updated;
                UPDATE events SET by_user = 'budi', payload = json_set(payload, '$.by', 'budi')
                    WHERE case_number = \(stepped.number) AND sequence = 3;
                """)
            // The case's chain again.
            let rows = try Row.fetchAll(db, sql: "SELECT sequence, at, by_user, kind, payload FROM events WHERE case_number = ? ORDER BY sequence",
                                        arguments: [stepped.number])
            let (chained, head) = Ledger.chained(
                rows.map { (sequence: $0[0] as Int, at: $0[1] as Double, by: $0[2] as String, kind: $0[3] as String, payload: $0[4] as String) },
                caseNumber: stepped.number, previous: Chain.genesis)
            for row in chained {
                try db.execute(sql: "UPDATE events SET previous = ?, hash = ? WHERE case_number = ? AND sequence = ?",
                               arguments: [row[6], row[7], row[0], row[1]])
            }
            try db.execute(sql: "UPDATE cases SET chain_head = ? WHERE number = ?", arguments: [head, stepped.number])
            let values = try #require(try Row.fetchOne(db, sql: "SELECT \(Ledger.caseRowColumns) FROM cases WHERE number = ?",
                                                       arguments: [stepped.number]))
            try db.execute(sql: "UPDATE cases SET row_hash = ? WHERE number = ?",
                           arguments: [Ledger.rowDigest(Array(values.databaseValues)), stepped.number])
            // Every ledger entry of the case names the new hashes, and every head is computed again.
            try db.execute(sql: """
                UPDATE ledger SET digest = (SELECT hash FROM events WHERE case_number = ledger.item AND sequence = ledger.version)
                WHERE kind = 'case' AND item = ?
                """, arguments: [stepped.number])
            var previous = Chain.genesis
            for row in try Row.fetchAll(db, sql: "SELECT number, kind, item, version, digest FROM ledger ORDER BY number") {
                let entry = LedgerEntry(number: row[0], kind: LedgerEntry.Kind(rawValue: row[1])!, item: row[2], version: row[3], digest: row[4])
                previous = Chain.ledgerHead(previous: previous, entry: entry)
                try db.execute(sql: "UPDATE ledger SET head = ? WHERE number = ?", arguments: [previous, entry.number])
            }
        }
        // Every hash agrees: without a head written down, nothing tells.
        let alone = try store.verify(extending: [])
        #expect(alone.isIntact, "\(alone.problems)")
        #expect(alone.ledger?.head != earlier.head)
        // With the head from before, the rewrite is caught.
        let checked = try store.verify(extending: [earlier.head])
        #expect(checked.problems.map(\.kind) == [.headNotExtended])
        #expect(checked.earlierHeads.first?.entry == nil)
    }

    /// Written past the store, as with `sqlite3`: the ledger changed, deleted or appended out of
    /// order, an event naming another hash than its predecessor's, a row naming another last event.
    @Test(arguments: [
        "UPDATE ledger SET digest = 'x' WHERE number = 1",
        "DELETE FROM ledger WHERE number = 8",
        "INSERT INTO ledger (number, kind, item, version, digest, head) VALUES (10, 'reveal', 1, NULL, 'x', 'y')",
        "INSERT INTO ledger (number, kind, item, version, digest, head) VALUES (9, 'case', 1, NULL, 'x', 'y')",
        """
        INSERT INTO events (case_number, sequence, at, by_user, kind, payload, previous, hash)
        VALUES (1, 3, 0, 'x', 'note-added', '{}', '\(Chain.genesis)', 'x')
        """,
        "UPDATE cases SET chain_head = 'x' WHERE number = 1",
    ])
    func theSchemaKeepsTheChains(_ sql: String) throws {
        let scratch = try Scratch()
        let (store, _) = try busyStore(scratch)
        let error = caught { try store.database.write { (db: Database) throws in try db.execute(sql: sql) } }
        #expect((error as? DatabaseError)?.resultCode == .SQLITE_CONSTRAINT, "\(String(describing: error))")
        #expect(try store.verify(extending: []).isIntact)
    }

    /// A registry edited by hand, and a registry change or reveal added past the ledger.
    @Test(arguments: [
        ("DROP TRIGGER staff_changes_by_an_administrator; INSERT INTO staff_roles (user_name, role) VALUES ('ani', 'admin')",
         IntegrityProblem.Kind.registryDiffers),
        ("INSERT INTO reveals (at, by_user, case_number, command) VALUES (0, 'ani', 1, 'case show')", .recordNotInLedger),
        ("DROP TRIGGER reveals_never_updated; UPDATE reveals SET by_user = 'budi'", .recordNotInLedger),
        ("DROP TRIGGER office_never_updated; UPDATE office SET identity = 'system'", .recordNotInLedger),
        ("UPDATE workflow_texts SET text = text || ' '", .textAltered),
    ])
    func recordsOutsideTheCasesAreChecked(_ damage: (String, IntegrityProblem.Kind)) throws {
        let scratch = try Scratch()
        let (store, _) = try busyStore(scratch)
        try store.database.writeWithoutTransaction { (db: Database) throws in try db.execute(sql: damage.0) }
        let verification = try store.verify(extending: [])
        #expect(verification.problems.map(\.kind).contains(damage.1), "\(verification.problems)")
    }
}

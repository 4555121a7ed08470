import Foundation
import GRDB
import SOPEngine
import SOPModel
import Testing
@testable import SOPStorage
@testable import SOPStore

/// Listing cases: every filter, the orders, and the indexes SQLite uses.
@Suite struct CaseFilterTests {
    /// Six cases:
    /// 1 langsung, opened Monday, step due in 8 h — open
    /// 2 langsung, opened Monday, waiting for the reporter, step due in 2 h — waiting
    /// 3 online (other workflow), opened Tuesday through instagram, advanced to verifikasi, due Wednesday
    /// 4 langsung, opened Wednesday through whatsapp, resolved
    /// 5 langsung, opened Thursday, step due in 1 day
    /// 6 online, opened Friday, rejected
    private func sixCases(in scratch: Scratch) throws -> SQLiteCaseStore {
        let (store, langsung, online) = try Fixture.store(scratch)
        let day = Fixture.day
        let monday = Fixture.monday
        try Fixture.open(store, workflow: langsung, at: monday)
        try Fixture.open(store, workflow: langsung, at: monday + 60, step: "lengkapi-berkas", stepDue: 2 * Fixture.hour,
                         waitsForReporter: true)
        let third = try Fixture.open(store, workflow: online, at: monday + day, channel: "instagram")
        _ = try store.append(Fixture.advance(third, to: "verifikasi", at: monday + day + 60, stepDue: day), to: 3,
                             expectedVersion: third.version)
        let fourth = try Fixture.open(store, workflow: langsung, at: monday + 2 * day, channel: "whatsapp")
        _ = try store.append(Fixture.finish(fourth, at: monday + 2 * day + 600), to: 4, expectedVersion: fourth.version)
        try Fixture.open(store, workflow: langsung, at: monday + 3 * day, stepDue: day)
        let sixth = try Fixture.open(store, workflow: online, at: monday + 4 * day)
        _ = try store.append(Fixture.finish(sixth, as: .rejected, at: monday + 4 * day + 60), to: 6, expectedVersion: sixth.version)
        return store
    }

    private func numbers(_ store: SQLiteCaseStore, _ filter: CaseFilter) throws -> [Int] {
        try store.cases(matching: filter).map(\.number)
    }

    @Test func everyCaseNewestFirst() throws {
        let scratch = try Scratch()
        let store = try sixCases(in: scratch)
        #expect(try numbers(store, CaseFilter()) == [6, 5, 4, 3, 2, 1])
        #expect(try numbers(store, CaseFilter(limit: 2)) == [6, 5])
        #expect(try numbers(store, CaseFilter(limit: 0)) == [])
    }

    @Test func byStatus() throws {
        let scratch = try Scratch()
        let store = try sixCases(in: scratch)
        #expect(try numbers(store, CaseFilter(statuses: [.open])) == [5, 3, 1])
        #expect(try numbers(store, CaseFilter(statuses: [.waitingForReporter])) == [2])
        #expect(try numbers(store, CaseFilter(statuses: [.resolved, .rejected])) == [6, 4])
        #expect(try numbers(store, CaseFilter(statuses: [])) == [])
    }

    @Test func byWorkflowStepAndChannel() throws {
        let scratch = try Scratch()
        let store = try sixCases(in: scratch)
        #expect(try numbers(store, CaseFilter(workflow: "pengaduan-online")) == [6, 3])
        #expect(try numbers(store, CaseFilter(step: "terima-pengaduan")) == [5, 1])
        #expect(try numbers(store, CaseFilter(workflow: "pengaduan-online", step: "verifikasi")) == [3])
        #expect(try numbers(store, CaseFilter(steps: ["verifikasi", "lengkapi-berkas"])) == [3, 2])
        #expect(try numbers(store, CaseFilter(steps: [])) == [])
        #expect(try numbers(store, CaseFilter(channel: "instagram")) == [3])
        #expect(try numbers(store, CaseFilter(channel: "langsung")) == [6, 5, 2, 1])
    }

    @Test func byOpeningDate() throws {
        let scratch = try Scratch()
        let store = try sixCases(in: scratch)
        let monday = Fixture.monday
        let tuesday = monday + Fixture.day
        #expect(try numbers(store, CaseFilter(openedFrom: tuesday)) == [6, 5, 4, 3])
        #expect(try numbers(store, CaseFilter(openedTo: tuesday)) == [2, 1])
        #expect(try numbers(store, CaseFilter(openedFrom: tuesday, openedTo: tuesday + 2 * Fixture.day)) == [4, 3])
    }

    @Test func overdue() throws {
        let scratch = try Scratch()
        let store = try sixCases(in: scratch)
        let monday = Fixture.monday
        // Monday + 3 h: only case 2's step (2 h) is late.
        #expect(try numbers(store, CaseFilter(overdueAt: monday + 3 * Fixture.hour)) == [2])
        // Thursday noon: 1 and 2 (Monday), 3 (due Wednesday); not 4 (resolved) or 5 (due Friday).
        let thursday = monday + 3 * Fixture.day + 3 * Fixture.hour
        #expect(try numbers(store, CaseFilter(overdueAt: thursday)) == [3, 2, 1])
        #expect(try numbers(store, CaseFilter(overdueAt: thursday, order: .dueSoonestFirst)) == [2, 1, 3])
        #expect(try numbers(store, CaseFilter(statuses: [.open], overdueAt: thursday)) == [3, 1])
        #expect(try numbers(store, CaseFilter(overdueAt: thursday, limit: 1, order: .dueSoonestFirst)) == [2])
        // Never for ended cases, however late.
        #expect(try numbers(store, CaseFilter(overdueAt: monday + 365 * Fixture.day)) == [5, 3, 2, 1])
    }

    @Test func dueSoonestFirst() throws {
        let scratch = try Scratch()
        let store = try sixCases(in: scratch)
        #expect(try numbers(store, CaseFilter(order: .dueSoonestFirst)) == [2, 1, 3, 5, 4, 6])
    }

    @Test func summaries() throws {
        let scratch = try Scratch()
        let store = try sixCases(in: scratch)
        let summaries = try store.cases(matching: CaseFilter())
        let third = try #require(summaries.first { $0.number == 3 })
        let stored = try #require(try store.loadCase("3")).state
        #expect(third.registerNumber == stored.registerNumber)
        #expect(third.workflow == stored.workflow)
        #expect(third.status == .open)
        #expect(third.currentStep == "verifikasi")
        #expect(third.channel == "instagram")
        #expect(abs(third.openedAt.timeIntervalSince(stored.openedAt)) < 1e-6)
        #expect(abs(third.dueAt.timeIntervalSince(stored.dueAt)) < 1e-6)
        #expect(abs(try #require(third.stepDueAt).timeIntervalSince(try #require(stored.active?.dueAt))) < 1e-6)
        #expect(third.closedAt == nil)
        #expect(third.version == 4)
        let fourth = try #require(summaries.first { $0.number == 4 })
        #expect(fourth.status == .resolved)
        #expect(fourth.currentStep == nil)
        #expect(fourth.stepDueAt == nil)
        #expect(fourth.closedAt != nil)
    }

    /// Cases written straight into the table, many at once: one in a thousand overdue at
    /// `Fixture.monday`, a third ended, the rest due later, over 12 steps and 2 workflows.
    private func manyCases(_ count: Int, in scratch: Scratch) throws -> SQLiteCaseStore {
        let (store, reference, _) = try Fixture.store(scratch)
        let now = Fixture.monday.timeIntervalSince1970
        try store.database.write { (db: Database) throws in
            try db.execute(sql: """
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
                INSERT INTO cases (number, register_number, workflow_id, revision, content_hash, status, current_step,
                    channel, opened_at, due_at, step_due_at, closed_at, version)
                SELECT i, 'R' || i, CASE WHEN i % 2 = 0 THEN 'pengaduan-langsung' ELSE 'pengaduan-online' END, 1, ?,
                    CASE WHEN i % 3 = 0 THEN 'resolved' WHEN i % 7 = 0 THEN 'waiting-for-reporter' ELSE 'open' END,
                    CASE WHEN i % 3 = 0 THEN NULL ELSE 'step-' || (i % 12) END,
                    CASE WHEN i % 5 = 0 THEN 'instagram' ELSE 'langsung' END,
                    ? - 86400 * 30 + i, ? + 86400,
                    CASE WHEN i % 3 = 0 THEN NULL WHEN i % 1000 = 1 THEN ? - 3600 ELSE ? + 3600 + i END,
                    CASE WHEN i % 3 = 0 THEN ? ELSE NULL END, 2
                FROM n
                """, arguments: [count, reference.contentHash, now, now, now, now, now])
        }
        return store
    }

    /// Overdue lists, always read from the partial index `cases_overdue`.
    static let overdueLists: [CaseFilter] = [
        CaseFilter(overdueAt: Fixture.monday),
        CaseFilter(overdueAt: Fixture.monday, limit: 50),
        CaseFilter(overdueAt: Fixture.monday, limit: 50, order: .dueSoonestFirst),
        CaseFilter(statuses: [.open, .waitingForReporter], overdueAt: Fixture.monday),
        CaseFilter(workflow: "pengaduan-online", steps: ["step-1", "step-5"], overdueAt: Fixture.monday, limit: 50),
    ]

    /// Lists of cases on steps read the open cases' partial index, lists of ended statuses theirs,
    /// whatever the statistics.
    static let namedIndexLists: [(CaseFilter, String)] = [
        (CaseFilter(statuses: [.waitingForReporter], limit: 50), "cases_overdue"),
        (CaseFilter(statuses: [.open, .waitingForReporter]), "cases_overdue"),
        (CaseFilter(workflow: "pengaduan-langsung", step: "step-4", limit: 50), "cases_overdue"),
        (CaseFilter(step: "step-5", limit: 50, order: .dueSoonestFirst), "cases_overdue"),
        (CaseFilter(steps: ["step-1", "step-2"], limit: 50, order: .dueSoonestFirst), "cases_overdue"),
        (CaseFilter(roles: ["front-office"], limit: 50, order: .dueSoonestFirst), "cases_overdue"),
        (CaseFilter(statuses: [.resolved], limit: 50), "cases_ended_by_status"),
        (CaseFilter(statuses: [.resolved, .rejected, .withdrawn, .closed]), "cases_ended_by_status"),
    ]

    /// Lists by workflow and channel, and the index each has while SQLite has no statistics.
    static let indexedLists: [(CaseFilter, String)] = [
        (CaseFilter(workflow: "pengaduan-langsung", limit: 50), "cases_by_workflow"),
        (CaseFilter(channel: "instagram"), "cases_by_channel"),
    ]

    @Test(arguments: [false, true])
    func listsUseIndexes(analyzed: Bool) throws {
        let scratch = try Scratch()
        let store = try manyCases(20_000, in: scratch)
        if analyzed { try store.database.write { (db: Database) throws in try db.execute(sql: "ANALYZE") } }
        let lists = Self.overdueLists.map { ($0, "cases_overdue") } + Self.namedIndexLists + (analyzed ? [] : Self.indexedLists)
        for (filter, index) in lists {
            let (sql, arguments) = SQLiteCaseStore.query(filter)
            let plan = try store.database.read { (db: Database) throws in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { $0["detail"] as String }
            }
            #expect(plan.contains { $0.contains("INDEX \(index)") }, "\(filter): \(plan)")
            #expect(try store.cases(matching: filter).count >= 0)
        }
    }
}

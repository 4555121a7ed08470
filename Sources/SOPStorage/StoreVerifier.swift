import Foundation
import SOPEngine

/// Where a verification reads a store: its rows, in one snapshot, whatever the database.
public protocol VerificationSource {
    /// Calls `body` with each row a query selects, its values as a row's digest sees them (a blob
    /// as base64 text). The queries are the verifier's own, in SQL both SQLite and PostgreSQL read.
    func rows(_ sql: String, _ body: ([Chain.Value]) throws -> Void) throws
    /// Calls `body` with each attachment: its key, size and bytes as stored (nil: not of its type).
    func attachments(_ body: (_ key: String, _ size: Int?, _ data: Data?) throws -> Void) throws
    /// The digest of a record other than a case, from its rows as they stand (`Chain.digest`).
    func recordDigest(_ kind: LedgerEntry.Kind, item: Int) throws -> String?
}

extension VerificationSource {
    /// Every row of a query.
    func all(_ sql: String) throws -> [[Chain.Value]] {
        var rows: [[Chain.Value]] = []
        try self.rows(sql) { rows.append($0) }
        return rows
    }

    /// The integers of a query's first column.
    func integers(_ sql: String) throws -> [Int] {
        try all(sql).compactMap { $0.first?.int }
    }
}

extension Array where Element == Chain.Value {
    /// A column's value as a type, or nil when it is NULL, missing or of another type.
    func value<T>(_ index: Int) -> T? {
        guard index < count else { return nil }
        switch self[index] {
        case .integer(let number): return (T.self == Bool.self ? (number != 0) as? T : nil) ?? Int(exactly: number) as? T
        case .real(let number): return number as? T
        case .text(let text): return text as? T
        case .null: return nil
        }
    }
}

/// The state of one verification as it goes through a store (`CaseStore.verify`): the same checks
/// on every store.
public struct StoreVerifier<Source: VerificationSource> {
    let db: Source
    var counts = Verification.Counts()
    var caseProblems: [IntegrityProblem] = []
    var problems: [IntegrityProblem] = []
    var head: LedgerHead?
    var headsFound: [String: Int] = [:]
    /// The newest version of each case the ledger names.
    var ledgerVersions: [Int: Int] = [:]
    /// The items the ledger names, by kind, other than cases.
    var ledgerItems: [LedgerEntry.Kind: Set<Int>] = [:]
    var attachments: Set<String> = []
    /// Attachments whose bytes no longer give their SHA-256 (or size), and those a case names.
    var alteredAttachments: Set<String> = []
    var namedAttachments: Set<String> = []
    var workflowTexts: Set<String> = []

    /// A verification of what `source` reads.
    public init(_ source: Source) { db = source }

    /// Checks everything, and returns every problem found.
    public static func verify(_ source: Source, extending earlierHeads: [String]) throws -> Verification {
        var verifier = StoreVerifier(source)
        let heads = earlierHeads.map { $0.lowercased() }
        try verifier.ledger(earlierHeads: heads)
        try verifier.attachmentsAndTexts()
        try verifier.cases()
        try verifier.records()
        try verifier.registry()
        return verifier.result(earlierHeads: heads)
    }

    /// The ledger: numbered 1, 2, …, each head following from the one before, each entry matching
    /// what it records.
    mutating func ledger(earlierHeads: [String]) throws {
        let wanted = Set(earlierHeads)
        var previous = Chain.genesis
        var expected = 1
        var brokenAt: Int?
        var after = Int.min
        var read = Self.page
        while read == Self.page {
            read = 0
            try db.rows("""
                SELECT l.number, l.kind, l.item, l.version, l.digest, l.head, e.hash
                FROM ledger l LEFT JOIN events e ON l.kind = 'case' AND e.case_number = l.item AND e.sequence = l.version
                WHERE l.number > \(after) ORDER BY l.number LIMIT \(Self.page)
                """) { row in
                read += 1
                if let number: Int = row.value(0) { after = max(after, number) }
                counts.ledgerEntries += 1
                guard let number: Int = row.value(0), let kindText: String = row.value(1), let item: Int = row.value(2),
                      let digest: String = row.value(4), let stored: String = row.value(5)
                else {
                    problems.append(IntegrityProblem(.ledgerBroken, detail: "entry \(expected): its columns do not hold values of their types"))
                    expected &+= 1
                    return
                }
                let version: Int? = row.value(3)
                if number != expected, brokenAt == nil {
                    brokenAt = number
                    problems.append(IntegrityProblem(.ledgerBroken, detail: "entry \(number) follows entry \(expected - 1)"))
                }
                expected = number &+ 1
                guard let kind = LedgerEntry.Kind(rawValue: kindText) else {
                    problems.append(IntegrityProblem(.ledgerBroken, detail: "entry \(number) is of an unknown kind '\(kindText)'"))
                    previous = stored
                    return
                }
                let entry = LedgerEntry(number: number, kind: kind, item: item, version: version, digest: digest)
                if Chain.ledgerHead(previous: previous, entry: entry) != stored, brokenAt == nil {
                    brokenAt = number
                    problems.append(IntegrityProblem(.ledgerBroken, detail: "the head of entry \(number) does not follow from the entry before"))
                }
                if wanted.contains(stored), brokenAt == nil { headsFound[stored] = number }
                previous = stored
                head = LedgerHead(entries: number, head: stored)
                if kind == .case {
                    let hash: String? = row.value(6)
                    if hash != digest {
                        caseProblems.append(IntegrityProblem(
                            .caseNotInLedger, caseNumber: item,
                            detail: hash == nil
                                ? "ledger entry \(number) names its version \(version ?? 0), which it does not have"
                                : "ledger entry \(number) names another event \(version ?? 0) than it has"))
                    }
                    ledgerVersions[item] = max(ledgerVersions[item] ?? 0, version ?? 0)
                } else {
                    ledgerItems[kind, default: []].insert(item)
                    if try db.recordDigest(kind, item: item) != digest {
                        problems.append(IntegrityProblem(
                            .recordNotInLedger, detail: "\(kind.rawValue) \(item) is not what ledger entry \(number) recorded"))
                    }
                }
            }
        }
    }

    /// Attachments and workflow and calendar texts: each one's bytes give its SHA-256.
    mutating func attachmentsAndTexts() throws {
        try db.attachments { key, size, data in
            counts.attachments += 1
            attachments.insert(key)
            guard let size, let data, ContentHash.hex(data) == key, data.count == size else {
                alteredAttachments.insert(key)
                return
            }
        }
        try db.rows("SELECT hash, text, workflow_id, revision FROM workflow_texts") { row in
            let key: String = row.value(0) ?? ""
            counts.workflowTexts += 1
            workflowTexts.insert(key)
            if (row.value(1) as String?).map({ ContentHash.hex($0.utf8) }) != key {
                let name = "\(row.value(2) as String? ?? "?") revision \(row.value(3) as Int? ?? 0)"
                problems.append(IntegrityProblem(.textAltered, detail: "the text of \(name) no longer gives its SHA-256 \(key)"))
            }
        }
        try db.rows("SELECT hash, text, calendar_id FROM calendar_texts") { row in
            let key: String = row.value(0) ?? ""
            counts.calendarTexts += 1
            if (row.value(1) as String?).map({ ContentHash.hex($0.utf8) }) != key {
                problems.append(IntegrityProblem(
                    .textAltered, detail: "the text of calendar \(row.value(2) as String? ?? "?") no longer gives its SHA-256 \(key)"))
            }
        }
        let unpublished = try db.all("""
            SELECT number, item_id, hash FROM publications p
            WHERE (kind = 'workflow' AND NOT EXISTS (SELECT 1 FROM workflow_texts w WHERE w.hash = p.hash))
                OR (kind = 'calendar' AND NOT EXISTS (SELECT 1 FROM calendar_texts c WHERE c.hash = p.hash))
            ORDER BY number
            """)
        for row in unpublished {
            problems.append(IntegrityProblem(
                .publicationText,
                detail: "publication \(row.value(0) as Int? ?? 0) of \(row.value(1) as String? ?? "?") names text \(row.value(2) as String? ?? "?")"))
        }
    }

    /// Every case: its events against its row, in batches checked on every core, the cases read
    /// by number and their events by key, side by side.
    mutating func cases() throws {
        // A page of cases by number at a time, with the events of that range by their key: what
        // is held at once stays small, whatever the size of the store.
        var last = Int.min
        while true {
            let rows = try db.all("SELECT \(CaseCheck.CaseRow.columns) FROM cases WHERE number > \(last) ORDER BY number LIMIT \(Self.page)")
            guard let first = rows.first.map(CaseCheck.CaseRow.init)?.number else { break }
            let end = CaseCheck.CaseRow(rows[rows.count - 1]).number
            var events: [Int: [CaseCheck.EventRow]] = [:]
            try db.rows("""
                SELECT case_number, \(CaseCheck.EventRow.columns) FROM events
                WHERE case_number >= \(first) AND case_number <= \(end) ORDER BY case_number, sequence
                """) { row in
                events[row.value(0) ?? Int.min, default: []].append(CaseCheck.EventRow(
                    sequence: row.value(1), at: row.value(2), by: row.value(3), kind: row.value(4), previous: row.value(5),
                    hash: row.value(6), payload: row.value(7)))
            }
            check(rows.map { row in
                let caseRow = CaseCheck.CaseRow(row)
                return CaseCheck(row: caseRow, events: events[caseRow.number] ?? [])
            })
            guard rows.count == Self.page, end > last else { break }
            last = end
        }
        let orphans = try db.all("""
            SELECT case_number, COUNT(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.number = e.case_number)
            GROUP BY case_number ORDER BY case_number
            """)
        for row in orphans {
            caseProblems.append(IntegrityProblem(
                .eventsMissing, caseNumber: row.value(0) ?? Int.min, detail: "\(row.value(1) ?? 0) events of a case that has no row"))
        }
    }

    /// How many cases (or ledger entries) are read at once.
    static var page: Int { 4096 }

    /// Checks a batch of cases, spread over the processors.
    private mutating func check(_ batch: [CaseCheck]) {
        guard !batch.isEmpty else { return }
        var outcomes = [(problems: [IntegrityProblem], attachments: [String], hash: String?)](
            repeating: ([], [], nil), count: batch.count)
        // No more workers than cases: each one's range is within the batch.
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8, batch.count))
        let chunk = (batch.count + workers - 1) / workers
        outcomes.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                let decoder = CaseCoding.decoder()
                for index in min(batch.count, worker * chunk)..<min(batch.count, (worker + 1) * chunk) {
                    let (problems, stored, attachments) = batch[index].full(decoder)
                    slots[index] = (problems, attachments, stored?.state.workflow.contentHash)
                }
            }
        }
        for (check, outcome) in zip(batch, outcomes) {
            counts.cases += 1
            counts.events += check.events.count
            caseProblems += outcome.problems
            let number = check.row.number
            func problem(_ kind: IntegrityProblem.Kind, _ detail: String) {
                caseProblems.append(IntegrityProblem(kind, caseNumber: number, registerNumber: check.row.registerNumber, detail: detail))
            }
            for key in outcome.attachments {
                namedAttachments.insert(key)
                if !attachments.contains(key) { problem(.attachmentMissing, "attachment \(key) is not in the database") }
                if alteredAttachments.contains(key) { problem(.attachmentAltered, "attachment \(key) no longer gives its SHA-256 or size") }
            }
            if let hash = outcome.hash, !workflowTexts.contains(hash) {
                problem(.textAltered, "the workflow text \(hash) it runs on is not in the database")
            }
            let inLedger = ledgerVersions[number]
            if inLedger != check.row.version {
                problem(.caseNotInLedger, inLedger.map { "its version \(check.row.version) is not in the ledger, which ends at version \($0)" }
                    ?? "it is not in the ledger")
            }
        }
    }

    /// Every registry change, publication, reveal and move has its entry in the ledger.
    mutating func records() throws {
        let tables: [(LedgerEntry.Kind, String, String)] = [
            (.staffChange, "staff_changes", "registry change"), (.publication, "publications", "publication"),
            (.reveal, "reveals", "reveal"), (.move, "workflow_migrations", "move"),
        ]
        for (kind, table, name) in tables {
            let numbers = try db.integers("SELECT number FROM \(table) ORDER BY number")
            switch kind {
            case .staffChange: counts.staffChanges = numbers.count
            case .publication: counts.publications = numbers.count
            case .reveal: counts.reveals = numbers.count
            default: counts.moves = numbers.count
            }
            let entered = ledgerItems[kind] ?? []
            for number in numbers where !entered.contains(number) {
                problems.append(IntegrityProblem(.recordNotInLedger, detail: "\(name) \(number) is not in the ledger"))
            }
        }
        let undone = try db.integers("SELECT number FROM workflow_migrations WHERE undone_by IS NOT NULL ORDER BY number")
        for number in undone where !(ledgerItems[.moveUndone] ?? []).contains(number) {
            problems.append(IntegrityProblem(.recordNotInLedger, detail: "the undoing of move \(number) is not in the ledger"))
        }
        let stray = try db.integers("""
            SELECT DISTINCT c.migration FROM workflow_migration_cases c JOIN workflow_migrations m ON m.number = c.migration
            WHERE m.undone_by IS NULL AND c.undo_sequence IS NOT NULL ORDER BY c.migration
            """)
        for number in stray {
            problems.append(IntegrityProblem(.recordNotInLedger, detail: "move \(number) names an undoing that neither it nor the ledger records"))
        }
        let office = try db.integers("SELECT COUNT(*) FROM office").first ?? 0
        let cases = try db.integers("SELECT COUNT(*) FROM cases").first ?? 0
        if office == 0, cases > 0 || counts.staffChanges > 0 {
            problems.append(IntegrityProblem(.officeAltered, detail: "the database holds records, but no record of its set-up"))
        } else if office == 1, !(ledgerItems[.office] ?? []).contains(1) {
            problems.append(IntegrityProblem(.recordNotInLedger, detail: "the set-up is not in the ledger"))
        }
    }

    /// The staff registry is what its changes, replayed in order, make it.
    mutating func registry() throws {
        var members: [String: Set<String>] = [:]
        let changes = try db.all("SELECT change, user_name, roles, member_removed FROM staff_changes ORDER BY number")
        for change in changes {
            let user: String = change.value(1) ?? ""
            let roles = (try? JSONDecoder().decode([String].self, from: Data((change.value(2) as String? ?? "").utf8))) ?? []
            if change.value(0) as String? == "added" {
                members[user, default: []].formUnion(roles)
            } else if change.value(3) as Bool? == true {
                members[user] = nil
            } else {
                members[user]?.subtract(roles)
            }
        }
        var stored: [String: Set<String>] = [:]
        for row in try db.all("SELECT user_name FROM staff") { stored[row.value(0) ?? ""] = [] }
        for row in try db.all("SELECT user_name, role FROM staff_roles") {
            stored[row.value(0) ?? "", default: []].insert(row.value(1) ?? "")
        }
        for user in Set(members.keys).union(stored.keys).sorted() where members[user] != stored[user] {
            let made = members[user].map { $0.isEmpty ? "no roles" : $0.sorted().joined(separator: ", ") } ?? "not a member"
            let holds = stored[user].map { $0.isEmpty ? "no roles" : $0.sorted().joined(separator: ", ") } ?? "not a member"
            problems.append(IntegrityProblem(
                .registryDiffers, detail: "'\(user)' holds \(holds) in the registry; its changes make \(made)"))
        }
    }

    /// The problems of one kind in one case as one, the first detail and how many more: a case
    /// renumbered by hand has every later event altered, which says no more than the first.
    static func grouped(_ problems: [IntegrityProblem]) -> [IntegrityProblem] {
        var order: [String] = []
        var groups: [String: (first: IntegrityProblem, more: Int)] = [:]
        for problem in problems {
            let key = "\(problem.caseNumber ?? 0) \(problem.kind.rawValue)"
            if let group = groups[key] {
                groups[key] = (group.first.registerNumber == nil && problem.registerNumber != nil
                    ? IntegrityProblem(problem.kind, caseNumber: problem.caseNumber, registerNumber: problem.registerNumber,
                                       detail: group.first.detail)
                    : group.first, group.more + 1)
            } else {
                order.append(key)
                groups[key] = (problem, 0)
            }
        }
        return order.compactMap { key in
            guard let group = groups[key] else { return nil }
            var first = group.first
            if group.more > 0 { first.detail += " (and \(group.more) more like it)" }
            return first
        }
    }

    func result(earlierHeads: [String]) -> Verification {
        // By case, and in the order found within a case (a sort by number alone need not keep it).
        let ordered = caseProblems.enumerated().sorted { ($0.element.caseNumber ?? 0, $0.offset) < ($1.element.caseNumber ?? 0, $1.offset) }
        var all = Self.grouped(ordered.map(\.element))
        for key in alteredAttachments.subtracting(namedAttachments).sorted() {
            all.append(IntegrityProblem(.attachmentAltered, detail: "attachment \(key), which no case names, no longer gives its SHA-256 or size"))
        }
        var earlier: [Verification.EarlierHead] = []
        for given in earlierHeads {
            let entry = headsFound[given]
            earlier.append(Verification.EarlierHead(head: given, entry: entry))
            if entry == nil {
                all.append(IntegrityProblem(.headNotExtended, detail: "the ledger does not hold the head \(given)"))
            }
        }
        return Verification(ledger: head, counts: counts, earlierHeads: earlier, problems: all + problems)
    }
}

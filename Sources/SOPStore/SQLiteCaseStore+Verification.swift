import Foundation
import GRDB
import SOPEngine
import SOPStorage

/// `sop verify`: the whole database checked in one read transaction (one snapshot, while others
/// keep writing).
extension SQLiteCaseStore {
    /// The ledger's newest entry and head; nil while it is empty.
    public func ledgerHead() throws -> LedgerHead? {
        try read(Ledger.head)
    }

    /// Checks everything (see `CaseStore.verify`).
    public func verify(extending earlierHeads: [String]) throws -> Verification {
        try read { db in
            var verifier = Verifier(db: db)
            try verifier.ledger(earlierHeads: earlierHeads.map { $0.lowercased() })
            try verifier.attachmentsAndTexts()
            try verifier.cases()
            try verifier.records()
            try verifier.registry()
            return verifier.result(earlierHeads: earlierHeads.map { $0.lowercased() })
        }
    }
}

/// The state of one verification as it goes through the database.
private struct Verifier {
    let db: Database
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

    init(db: Database) { self.db = db }

    /// The ledger: numbered 1, 2, …, each head following from the one before, each entry matching
    /// what it records.
    mutating func ledger(earlierHeads: [String]) throws {
        let wanted = Set(earlierHeads)
        let rows = try Row.fetchCursor(db, sql: """
            SELECT l.number, l.kind, l.item, l.version, l.digest, l.head, e.hash
            FROM ledger l LEFT JOIN events e ON l.kind = 'case' AND e.case_number = l.item AND e.sequence = l.version
            ORDER BY l.number
            """)
        var previous = Chain.genesis
        var expected = 1
        var brokenAt: Int?
        while let row = try rows.next() {
            counts.ledgerEntries += 1
            guard let number: Int = row.value(0), let kindText: String = row.value(1), let item: Int = row.value(2),
                  let digest: String = row.value(4), let stored: String = row.value(5)
            else {
                problems.append(IntegrityProblem(.ledgerBroken, detail: "entry \(expected): its columns do not hold values of their types"))
                expected &+= 1
                continue
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
                continue
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
                if try Ledger.recordDigest(kind, item: item, db) != digest {
                    problems.append(IntegrityProblem(
                        .recordNotInLedger, detail: "\(kind.rawValue) \(item) is not what ledger entry \(number) recorded"))
                }
            }
        }
    }

    /// Attachments and workflow and calendar texts: each one's bytes give its SHA-256.
    mutating func attachmentsAndTexts() throws {
        let stored = try Row.fetchCursor(db, sql: "SELECT sha256, size, data FROM attachments")
        while let row = try stored.next() {
            counts.attachments += 1
            let key: String = row.value(0) ?? ""
            attachments.insert(key)
            guard let size: Int = row.value(1), let data: Data = row.value(2), ContentHash.hex(data) == key, data.count == size else {
                alteredAttachments.insert(key)
                continue
            }
        }
        let texts = try Row.fetchCursor(db, sql: "SELECT hash, text, workflow_id, revision FROM workflow_texts")
        while let row = try texts.next() {
            let key: String = row.value(0) ?? ""
            counts.workflowTexts += 1
            workflowTexts.insert(key)
            if (row.value(1) as String?).map({ ContentHash.hex($0.utf8) }) != key {
                let name = "\(row.value(2) as String? ?? "?") revision \(row.value(3) as Int? ?? 0)"
                problems.append(IntegrityProblem(.textAltered, detail: "the text of \(name) no longer gives its SHA-256 \(key)"))
            }
        }
        let calendars = try Row.fetchCursor(db, sql: "SELECT hash, text, calendar_id FROM calendar_texts")
        while let row = try calendars.next() {
            let key: String = row.value(0) ?? ""
            counts.calendarTexts += 1
            if (row.value(1) as String?).map({ ContentHash.hex($0.utf8) }) != key {
                problems.append(IntegrityProblem(
                    .textAltered, detail: "the text of calendar \(row.value(2) as String? ?? "?") no longer gives its SHA-256 \(key)"))
            }
        }
        let unpublished = try Row.fetchAll(db, sql: """
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
        let rows = try Row.fetchCursor(db, sql: "SELECT \(CaseCheck.CaseRow.columns) FROM cases ORDER BY number")
        let events = try Row.fetchCursor(db, sql: """
            SELECT case_number, \(CaseCheck.EventRow.columns) FROM events ORDER BY case_number, sequence
            """)
        var pending: Row? = try events.next()
        var batch: [CaseCheck] = []
        var orphans: [Int: Int] = [:]
        while let row = try rows.next() {
            let caseRow = CaseCheck.CaseRow(row)
            var own: [CaseCheck.EventRow] = []
            while let event = pending {
                let number: Int = event.value(0) ?? Int.min
                if number > caseRow.number { break }
                if number == caseRow.number {
                    own.append(CaseCheck.EventRow(event, from: 1))
                } else {
                    orphans[number, default: 0] += 1
                }
                pending = try events.next()
            }
            batch.append(CaseCheck(row: caseRow, events: own))
            if batch.count == 4096 {
                check(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        check(batch)
        while let event = pending {
            orphans[event.value(0) ?? Int.min, default: 0] += 1
            pending = try events.next()
        }
        for (number, count) in orphans.sorted(by: { $0.key < $1.key }) {
            caseProblems.append(IntegrityProblem(.eventsMissing, caseNumber: number, detail: "\(count) events of a case that has no row"))
        }
    }

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
            let numbers = try Int.fetchAll(db, sql: "SELECT number FROM \(table) ORDER BY number")
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
        let undone = try Int.fetchAll(db, sql: "SELECT number FROM workflow_migrations WHERE undone_by IS NOT NULL ORDER BY number")
        for number in undone where !(ledgerItems[.moveUndone] ?? []).contains(number) {
            problems.append(IntegrityProblem(.recordNotInLedger, detail: "the undoing of move \(number) is not in the ledger"))
        }
        let stray = try Int.fetchAll(db, sql: """
            SELECT DISTINCT c.migration FROM workflow_migration_cases c JOIN workflow_migrations m ON m.number = c.migration
            WHERE m.undone_by IS NULL AND c.undo_sequence IS NOT NULL ORDER BY c.migration
            """)
        for number in stray {
            problems.append(IntegrityProblem(.recordNotInLedger, detail: "move \(number) names an undoing that neither it nor the ledger records"))
        }
        let office = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM office") ?? 0
        let cases = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM cases") ?? 0
        if office == 0, cases > 0 || counts.staffChanges > 0 {
            problems.append(IntegrityProblem(.officeAltered, detail: "the database holds records, but no record of its set-up"))
        } else if office == 1, !(ledgerItems[.office] ?? []).contains(1) {
            problems.append(IntegrityProblem(.recordNotInLedger, detail: "the set-up is not in the ledger"))
        }
    }

    /// The staff registry is what its changes, replayed in order, make it.
    mutating func registry() throws {
        var members: [String: Set<String>] = [:]
        let changes = try Row.fetchAll(db, sql: "SELECT change, user_name, roles, member_removed FROM staff_changes ORDER BY number")
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
        for user in try String.fetchAll(db, sql: "SELECT user_name FROM staff") { stored[user] = [] }
        for row in try Row.fetchAll(db, sql: "SELECT user_name, role FROM staff_roles") {
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
            guard var (first, more) = groups[key] else { return nil }
            if more > 0 { first.detail += " (and \(more) more like it)" }
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

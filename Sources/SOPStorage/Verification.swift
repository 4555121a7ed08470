import Foundation
import SOPCore

/// What `sop verify` found: the whole database checked against its hashes, its events and its
/// ledger, with every problem named.
public struct Verification: Hashable, Sendable, Codable {
    /// The ledger's newest entry and head when the check ran (nil: an empty ledger).
    public var ledger: LedgerHead?
    /// How many of each thing were checked.
    public var counts: Counts
    /// The earlier heads given, and whether the ledger still holds each.
    public var earlierHeads: [EarlierHead]
    /// Every problem found, cases by number first.
    public var problems: [IntegrityProblem]

    /// Whether nothing is wrong.
    public var isIntact: Bool { problems.isEmpty }

    /// Creates a result.
    public init(ledger: LedgerHead?, counts: Counts, earlierHeads: [EarlierHead], problems: [IntegrityProblem]) {
        self.ledger = ledger
        self.counts = counts
        self.earlierHeads = earlierHeads
        self.problems = problems
    }

    /// The cases that have a problem, by number.
    public var damagedCases: [Int] { Array(Set(problems.compactMap(\.caseNumber))).sorted() }

    /// How many of each thing were checked.
    public struct Counts: Hashable, Sendable, Codable {
        public var cases = 0
        public var events = 0
        public var attachments = 0
        public var workflowTexts = 0
        public var calendarTexts = 0
        public var staffChanges = 0
        public var publications = 0
        public var reveals = 0
        public var moves = 0
        public var ledgerEntries = 0

        public init() {}
    }

    /// An earlier head and where the ledger holds it.
    public struct EarlierHead: Hashable, Sendable, Codable {
        /// The head given.
        public var head: String
        /// The number of the ledger entry it is the head after; nil when the ledger does not hold it.
        public var entry: Int?

        public init(head: String, entry: Int?) {
            self.head = head
            self.entry = entry
        }
    }
}

/// One thing wrong in a database: what, where (the case, when it is about one), and a detail.
public struct IntegrityProblem: Hashable, Sendable, Codable {
    /// The kind of problem: a stable code (`event-altered`, …) for scripts and tests.
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        /// A case's events are not numbered 1 to its version, each once.
        case eventsMissing = "events-missing"
        /// An event's content no longer gives its hash.
        case eventAltered = "event-altered"
        /// An event does not carry the hash of the event before it.
        case chainBroken = "chain-broken"
        /// An event's time, user or kind columns differ from its content.
        case eventColumns = "event-columns"
        /// An event cannot be read.
        case eventUnreadable = "event-unreadable"
        /// A case's events do not follow one another.
        case eventsDoNotFold = "events-do-not-fold"
        /// A case's row is not the fold of its events.
        case rowDiffers = "row-differs"
        /// A case's row was changed outside sop (its digest does not match).
        case rowAltered = "row-altered"
        /// A case's last write is not in the ledger, or the ledger names a version it does not have.
        case caseNotInLedger = "case-not-in-ledger"
        /// A registry change, publication, reveal or move is not in the ledger, or differs from it.
        case recordNotInLedger = "record-not-in-ledger"
        /// The ledger's entries are not numbered 1, 2, …, or a head does not follow from the one before.
        case ledgerBroken = "ledger-broken"
        /// An earlier head given is not in the ledger: the database no longer extends it.
        case headNotExtended = "head-not-extended"
        /// An attachment an event names is not in the database.
        case attachmentMissing = "attachment-missing"
        /// An attachment's bytes no longer give its SHA-256, or its size differs.
        case attachmentAltered = "attachment-altered"
        /// A workflow or calendar text is missing, or no longer gives its SHA-256.
        case textAltered = "text-altered"
        /// The staff registry is not what its history of changes made it.
        case registryDiffers = "registry-differs"
        /// A publication names a text the database does not hold.
        case publicationText = "publication-text"
        /// How the database was set up is missing or was changed.
        case officeAltered = "office-altered"
    }

    /// The kind.
    public var kind: Kind
    /// The case it is about, if one.
    public var caseNumber: Int?
    /// That case's register number, when its row can be read.
    public var registerNumber: String?
    /// What exactly: which event, column, attachment or entry (in English, from the check).
    public var detail: String

    /// Creates a problem.
    public init(_ kind: Kind, caseNumber: Int? = nil, registerNumber: String? = nil, detail: String) {
        self.kind = kind
        self.caseNumber = caseNumber
        self.registerNumber = registerNumber
        self.detail = detail
    }

    /// What the problem means, in both languages (the detail says where).
    public var summary: Text {
        switch kind {
        case .eventsMissing: Text(id: "peristiwanya tidak bernomor 1 sampai versinya", en: "its events are not numbered 1 to its version")
        case .eventAltered: Text(id: "isi sebuah peristiwa telah diubah", en: "an event's content was changed")
        case .chainBroken: Text(id: "rantai peristiwanya putus", en: "its chain of events is broken")
        case .eventColumns:
            Text(id: "kolom waktu, pengguna atau jenis peristiwa berbeda dari isinya", en: "an event's time, user or kind columns differ from its content")
        case .eventUnreadable: Text(id: "sebuah peristiwa tidak dapat dibaca", en: "an event cannot be read")
        case .eventsDoNotFold: Text(id: "peristiwanya tidak saling menyambung", en: "its events do not follow one another")
        case .rowDiffers: Text(id: "barisnya bukan hasil peristiwanya", en: "its row is not the fold of its events")
        case .rowAltered: Text(id: "barisnya diubah di luar sop", en: "its row was changed outside sop")
        case .caseNotInLedger: Text(id: "penulisannya tidak tercatat di buku besar", en: "its writes are not in the ledger")
        case .recordNotInLedger: Text(id: "sebuah catatan tidak cocok dengan buku besar", en: "a record does not match the ledger")
        case .ledgerBroken: Text(id: "buku besar tidak menyambung", en: "the ledger does not follow on")
        case .headNotExtended:
            Text(id: "kepala buku besar yang lebih awal tidak ada lagi: basis data ditulis ulang",
                 en: "an earlier ledger head is no longer there: the database was rewritten")
        case .attachmentMissing: Text(id: "sebuah lampiran tidak ada", en: "an attachment is missing")
        case .attachmentAltered: Text(id: "isi sebuah lampiran telah diubah", en: "an attachment's bytes were changed")
        case .textAltered: Text(id: "teks alur kerja atau kalender telah diubah", en: "a workflow or calendar text was changed")
        case .registryDiffers: Text(id: "daftar petugas bukan hasil riwayat perubahannya", en: "the staff registry is not what its changes made it")
        case .publicationText: Text(id: "sebuah publikasi menunjuk teks yang tidak ada", en: "a publication names a text that is not there")
        case .officeAltered: Text(id: "catatan penyiapan basis data hilang atau diubah", en: "the record of the set-up is missing or was changed")
        }
    }
}

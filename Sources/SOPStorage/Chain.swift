import Crypto
import Foundation
import SOPCore

/// The hashes that make the record tamper-evident, the same for every store.
///
/// - Each event carries the hash of the event before it in its case (`previous`; `genesis` for
///   the first) and a hash of its own over its case, sequence, `previous` and JSON payload: a
///   case's events form a chain whose head, the hash of its last event, the case row keeps.
/// - Each case row keeps a digest of its own columns (`row`), so a row changed outside sop is
///   told from one sop wrote.
/// - The ledger chains every write of the whole store: each entry names what was written (a case
///   at a version, a registry change, a publication, a reveal, a move, the set-up), a digest of
///   it, and the head: the hash of the head before and the entry. The newest head, printed and
///   written into the monthly recap, stands for everything before it; a database that no longer
///   holds an earlier head was rewritten, even when every hash in it was computed again.
///
/// The texts hashed are written out here, once, so another store computes the same hashes.
public enum Chain {
    /// The `previous` of a case's first event and the head before the ledger's first entry.
    public static let genesis = String(repeating: "0", count: 64)

    /// The hash of an event: SHA-256 of the 32-byte SHA-256 digest of `sop-event`, its case
    /// number, sequence, the hash of the event before it and its JSON payload, one per line (no
    /// line break after the payload), in lowercase hex. (SHA-256 twice, as sop has computed it
    /// since the chains began; `ChainFormatTests` holds the value another implementation gives.)
    public static func eventHash(caseNumber: Int, sequence: Int, previous: String, payload: String) -> String {
        var hasher = SHA256()
        hasher.update(data: Data("sop-event\n\(caseNumber)\n\(sequence)\n\(previous)\n".utf8))
        hasher.update(data: Data(payload.utf8))
        return hex(hasher.finalize())
    }

    /// The digest of a row's values in order: SHA-256 of each value written as `n;` (null),
    /// `i<decimal>;` (integer), `r<the 64 bits in hex>;` (real, exactly) or `t<UTF-8 length>:<text>;`.
    public static func digest(_ values: [Value]) -> String {
        var text = "sop-row\n"
        for value in values {
            switch value {
            case .null: text += "n;"
            case .integer(let number): text += "i\(number);"
            case .real(let number): text += "r\(String(number.bitPattern, radix: 16));"
            case .text(let string): text += "t\(string.utf8.count):\(string);"
            }
        }
        return ContentHash.hex(text.utf8)
    }

    /// The ledger's head after an entry: SHA-256 of `sop-ledger`, the head before (`genesis` for
    /// the first entry) and the entry's number, kind, item, version (`-` when none) and digest.
    public static func ledgerHead(previous: String, entry: LedgerEntry) -> String {
        let version = entry.version.map(String.init) ?? "-"
        let text = "sop-ledger\n\(previous)\n\(entry.number)\n\(entry.kind.rawValue)\n\(entry.item)\n\(version)\n\(entry.digest)"
        return ContentHash.hex(text.utf8)
    }

    /// A value of a row, as the digest sees it.
    public enum Value: Hashable, Sendable {
        case null
        case integer(Int64)
        case real(Double)
        case text(String)
    }

    private static func hex(_ digest: SHA256.Digest) -> String {
        ContentHash.hex(Array(digest))
    }
}

/// One entry of the ledger: something written, and a digest of it.
public struct LedgerEntry: Hashable, Sendable, Codable {
    /// What an entry records.
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        /// The database was set up (`sop init`); item 1.
        case office
        /// A change of the staff registry; item: its number.
        case staffChange = "staff-change"
        /// A publication; item: its number.
        case publication
        /// A case reached a version (it was opened, stepped or moved); item: its number; digest:
        /// the hash of its event at that version.
        case `case`
        /// A move of cases onto another revision; item: its number.
        case move
        /// A move undone; item: the move's number.
        case moveUndone = "move-undone"
        /// Someone saw a case's personal data in full; item: the reveal's number.
        case reveal
    }

    /// The entry's number, from 1, in the order written.
    public var number: Int
    /// What it records.
    public var kind: Kind
    /// Which one (see `Kind`).
    public var item: Int
    /// The case's version, for a case; nil otherwise.
    public var version: Int?
    /// The digest of what was written.
    public var digest: String

    /// Creates an entry.
    public init(number: Int, kind: Kind, item: Int, version: Int? = nil, digest: String) {
        self.number = number
        self.kind = kind
        self.item = item
        self.version = version
        self.digest = digest
    }
}

/// The newest entry of the ledger and its head: what an office writes down (in the monthly recap,
/// in its archive) to prove later that the database still extends it.
public struct LedgerHead: Hashable, Sendable, Codable {
    /// How many entries the ledger has.
    public var entries: Int
    /// The head after the newest entry, lowercase hex.
    public var head: String

    /// Creates a head.
    public init(entries: Int, head: String) {
        self.entries = entries
        self.head = head
    }
}

import Foundation
import SOPStorage
import Testing

/// The hashes as the README and `Chain` define them, computed here by another implementation
/// (Python's hashlib, the values pasted), so that a change of how sop computes them cannot pass
/// unnoticed: every database written so far holds hashes of exactly these texts.
///
///     import hashlib
///     g = "0" * 64
///     inner = hashlib.sha256(("sop-event\n7\n1\n" + g + "\n").encode() + b'{"at":1,"by":"siti"}').digest()
///     hashlib.sha256(inner).hexdigest()                 # an event: SHA-256 of the SHA-256 digest
///     hashlib.sha256(("sop-ledger\n" + g + "\n1\ncase\n7\n1\n" + "a" * 64).encode()).hexdigest()
///     hashlib.sha256(("sop-row\n" + "n;i7;t4:siti;r3ff0000000000000;").encode()).hexdigest()
@Suite("The hash formats, against an independent implementation")
struct ChainFormatTests {
    @Test("an event's hash is SHA-256 of the SHA-256 digest of its text")
    func event() {
        #expect(Chain.eventHash(caseNumber: 7, sequence: 1, previous: Chain.genesis, payload: #"{"at":1,"by":"siti"}"#)
            == "98756893eea08b1cf0a67d461b015b0271d69e6d9bbcca207c785de884b19ca3")
        // Text beyond ASCII is hashed as its UTF-8 bytes.
        #expect(Chain.eventHash(caseNumber: 7, sequence: 1, previous: Chain.genesis, payload: "é")
            != Chain.eventHash(caseNumber: 7, sequence: 1, previous: Chain.genesis, payload: "e"))
    }

    @Test("a ledger head and a row digest are SHA-256 of their text")
    func ledgerAndRow() {
        let entry = LedgerEntry(number: 1, kind: .case, item: 7, version: 1, digest: String(repeating: "a", count: 64))
        #expect(Chain.ledgerHead(previous: Chain.genesis, entry: entry) == "4ecea6141e3c9ca3ca03a3e1bd8ceacab45500f77523621352082b49cb805a91")
        #expect(Chain.digest([.null, .integer(7), .text("siti"), .real(1)]) == "f4b91486282902985b014545730e9b73b52de0cd44bcad06c1ae1539df17af96")
    }
}

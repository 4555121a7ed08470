import Foundation
import Testing
@testable import SOPService

/// NIKs, phone numbers and e-mail addresses written into free text are masked as the fields of
/// those types are; dates, register numbers and amounts are not personal data.
@Suite("Personal data written in free text is masked")
struct PersonalDataInTextTests {
    @Test(arguments: [
        ("hubungi 081234567890 sore hari", "hubungi 0812****7890 sore hari"),
        ("WA +62 812-3456-7890.", "WA +62 *********7890."),
        ("NIK 3305010101900001 salah", "NIK 3305********0001 salah"),
        ("NIK 3305 0101 0190 0001", "NIK 3305***********0001"),
        ("surel budi.santoso@contoh.go.id ya", "surel budi*****************o.id ya"),
        ("telepon 0812-3456-7890 atau budi@contoh.id", "telepon 0812******7890 atau budi******h.id"),
    ])
    func masked(text: String, expected: String) {
        #expect(CaseTimeline.maskPersonalData(inText: text) == expected)
    }

    @Test(arguments: [
        "KTP belum jadi sejak 2026-11-30",
        "register 067/PGD/2026/000123",
        "biaya Rp 150.000, RT 03 RW 05",
        "jam 09.00-12.00, 3 hari",
        "",
        "1234567890123456789012",
    ])
    func keptAsWritten(text: String) {
        #expect(CaseTimeline.maskPersonalData(inText: text) == text)
    }
}

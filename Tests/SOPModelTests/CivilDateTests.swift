import SOPCore
import SOPModel
import Testing

@Suite("CivilDate")
struct CivilDateTests {
    @Test("written as the signed documents write dates, the month named in each language", arguments: [
        ("2023-09-12", Language.id, "12 September 2023"),
        ("2023-08-01", Language.id, "1 Agustus 2023"),
        ("2026-12-31", Language.id, "31 Desember 2026"),
        ("2023-08-01", Language.en, "1 August 2023"),
        ("2026-12-31", Language.en, "31 December 2026"),
    ])
    func written(text: String, language: Language, expected: String) throws {
        #expect(try #require(CivilDate(text)).written(in: language) == expected)
    }
}

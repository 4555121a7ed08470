import Testing
@testable import SOPEngine

@Suite("Engine: reading phone numbers")
struct PhoneParsingTests {
    @Test("written forms of numbers")
    func examples() {
        #expect(FieldParsing.phone("081234567890") == "+6281234567890")
        #expect(FieldParsing.phone("+62 812-3456-7890") == "+6281234567890")
        #expect(FieldParsing.phone("(0287) 381.234") == "+62287381234")
        #expect(FieldParsing.phone("6200812345678") == nil)  // 0 after the country code
        #expect(FieldParsing.phone("0812345") == nil)  // too short
        #expect(FieldParsing.phone("0812345678901234") == nil)  // too long
        #expect(FieldParsing.phone("62081234567890123") == nil)  // more than 16 digits
        #expect(FieldParsing.phone("0812+34567890") == nil)  // + only in front
        #expect(FieldParsing.phone("0812 3456 789O") == nil)
        #expect(FieldParsing.phone("") == nil)
    }

    @Test("digits of other scripts, combining marks and control characters are not a phone number")
    func hostile() {
        #expect(FieldParsing.phone("٠٨١٢٣٤٥٦٧٨٩٠") == nil)  // Arabic-Indic digits
        #expect(FieldParsing.phone("０８１２３４５６７８９０") == nil)  // full-width digits
        #expect(FieldParsing.phone("0\u{301}81234567890") == nil)  // a digit with a combining accent
        #expect(FieldParsing.phone("08123456789\u{1B}[2J") == nil)
        #expect(FieldParsing.phone("++6281234567890") == nil)
        #expect(FieldParsing.phone(String(repeating: "0", count: 10_000)) == nil)
    }
}

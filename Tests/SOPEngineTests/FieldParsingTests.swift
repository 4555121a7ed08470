import Testing
@testable import SOPEngine

@Suite("Engine: reading phone numbers")
struct PhoneParsingTests {
    /// The phone reader as it was written first, digit by digit into a list: the reference the
    /// one that reads the digits as a number must agree with.
    static func reference(_ text: String) -> String? {
        var digits: [UInt8] = []
        for (index, byte) in text.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits.append(byte)
            case UInt8(ascii: "+") where index == 0: continue
            case UInt8(ascii: " "), UInt8(ascii: "-"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "."): continue
            default: return nil
            }
            if digits.count > 16 { return nil }
        }
        var national: ArraySlice<UInt8>
        if digits.starts(with: [UInt8(ascii: "6"), UInt8(ascii: "2")]) {
            national = digits.dropFirst(2)
        } else if digits.first == UInt8(ascii: "0") {
            national = digits.dropFirst()
        } else {
            return nil
        }
        guard (8...12).contains(national.count), national.first != UInt8(ascii: "0") else { return nil }
        return "+62" + String(decoding: national, as: UTF8.self)
    }

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

    @Test("the same results as the reference on generated text")
    func agreesWithReference() {
        // A fixed linear congruential sequence: the same text on every run.
        var seed: UInt64 = 0x5EED
        func next(_ bound: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(bound))
        }
        let alphabet = Array("0123456789012345678962626262000+-(). xé")
        let prefixes = ["", "0", "62", "+62", "+0", "620", "08", "628", "(0", "6", "+"]
        for _ in 0..<40_000 {
            var text = prefixes[next(prefixes.count)]
            for _ in 0..<next(19) { text.append(alphabet[next(alphabet.count)]) }
            #expect(FieldParsing.phone(text) == Self.reference(text), "\(text)")
        }
    }
}

import SOPCore

/// Checks that bytes are UTF-8 text libyaml will accept, and finds positions in that text the way
/// libyaml counts them: lines end at LF, CR, CR LF, NEL, LS or PS; columns count Unicode scalars.
enum TextCheck {
    /// The first byte that keeps the input from being text, and what is wrong with it.
    struct Problem: Equatable {
        /// The offset of the first offending byte.
        var byteOffset: Int
        /// What is wrong, for the diagnostic.
        var message: Text
    }

    /// The UTF-8 byte-order mark.
    static let utf8BOM: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// The name of the encoding a UTF-16 or UTF-32 byte-order mark announces, if `bytes` start with one.
    static func otherUnicodeEncoding(_ bytes: [UInt8]) -> String? {
        if bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) { return "UTF-32" }
        if bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) { return "UTF-32" }
        if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) { return "UTF-16" }
        return nil
    }

    /// The first problem in `bytes` (NUL bytes, invalid UTF-8, control characters), or `nil` when
    /// they are text.
    static func firstProblem(in bytes: [UInt8]) -> Problem? {
        if isPlainlyText(bytes) { return nil }
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar == "\0" {
                    return Problem(byteOffset: offset, message: Text(
                        id: "berkas memuat bita NUL: berkas biner, atau bukan UTF-8",
                        en: "file contains a NUL byte: it is binary, or not UTF-8"))
                }
                if !isAllowed(scalar) {
                    return Problem(byteOffset: offset, message: Text(
                        id: "berkas memuat karakter kendali \(codePoint(scalar))",
                        en: "file contains the control character \(codePoint(scalar))"))
                }
                offset += UTF8.width(scalar)
            case .emptyInput:
                return nil
            case .error:
                return Problem(byteOffset: offset, message: Text(
                    id: "berkas bukan teks UTF-8 yang sah", en: "file is not valid UTF-8 text"))
            }
        }
    }

    /// A fast check that finds no suspicious byte and valid UTF-8; when it fails, the slow scan
    /// finds where and why.
    private static func isPlainlyText(_ bytes: [UInt8]) -> Bool {
        let hasSuspiciousByte = bytes.withUnsafeBufferPointer { buffer -> Bool in
            let count = buffer.count
            var index = 0
            while index < count {
                let byte = buffer[index]
                if byte < 0x20 {
                    if byte != 0x09 && byte != 0x0A && byte != 0x0D { return true }
                } else if byte == 0x7F {
                    return true
                } else if byte == 0xC2 {
                    // U+0080…U+009F except NEL.
                    if index + 1 < count, buffer[index + 1] < 0xA0, buffer[index + 1] != 0x85 { return true }
                } else if byte == 0xEF {
                    // U+FFFE and U+FFFF.
                    if index + 2 < count, buffer[index + 1] == 0xBF, buffer[index + 2] >= 0xBE { return true }
                }
                index += 1
            }
            return false
        }
        if hasSuspiciousByte { return false }
        // No NUL byte inside, so the bytes can be checked as a C string by the standard library.
        var terminated = bytes
        terminated.append(0)
        return terminated.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { characters in
                characters.baseAddress.flatMap { String(validatingCString: $0) } != nil
            }
        }
    }

    /// Whether libyaml's reader accepts the character.
    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D, 0x20...0x7E, 0x85, 0xA0...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    private static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// The position of the byte at `byteOffset`, counted as libyaml counts (the bytes before it
    /// must be valid UTF-8).
    static func mark(atByteOffset byteOffset: Int, in bytes: [UInt8]) -> Mark {
        let prefix = String(decoding: bytes.prefix(max(0, byteOffset)), as: UTF8.self)
        var mark = Mark.start
        var previousWasCarriageReturn = false
        for scalar in prefix.unicodeScalars {
            switch scalar {
            case "\n":
                if !previousWasCarriageReturn { mark.line += 1 }
                mark.column = 0
            case "\r", "\u{85}", "\u{2028}", "\u{2029}":
                mark.line += 1
                mark.column = 0
            default:
                mark.column += 1
            }
            previousWasCarriageReturn = scalar == "\r"
        }
        return mark
    }

    /// The characters of the 0-based line `index` of `text`, without its line break, or `nil`
    /// if there is no such line.
    static func line(_ index: Int, of text: String) -> [Unicode.Scalar]? {
        guard index >= 0 else { return nil }
        var line = 0
        var current: [Unicode.Scalar] = []
        var previousWasCarriageReturn = false
        for scalar in text.unicodeScalars {
            let isBreak: Bool
            switch scalar {
            case "\n":
                isBreak = !previousWasCarriageReturn
            case "\r", "\u{85}", "\u{2028}", "\u{2029}":
                isBreak = true
            default:
                isBreak = false
                if line == index { current.append(scalar) }
            }
            previousWasCarriageReturn = scalar == "\r"
            if isBreak {
                if line == index { return current }
                line += 1
            }
        }
        return line == index ? current : nil
    }
}

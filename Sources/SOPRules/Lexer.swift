import SOPCore

/// A token of rule text.
struct Token: Sendable {
    enum Kind: Equatable, Sendable {
        case integer(UInt64)
        case double(Double)
        case string(String)
        case identifier(String)
        case trueKeyword, falseKeyword, nullKeyword, inKeyword
        case leftParenthesis, rightParenthesis, leftBracket, rightBracket
        case comma, dot, question, colon
        case plus, minus, star, slash, percent
        case bang, equalEqual, bangEqual, less, lessOrEqual, greater, greaterOrEqual
        case andAnd, orOr
        case end
    }

    var kind: Kind
    var span: Span
}

/// Splits rule text into tokens on demand, so the first error reported is the first in the text.
struct Lexer {
    /// Words CEL reserves; none can name a variable.
    static let reservedWords: Set<String> = [
        "as", "break", "const", "continue", "else", "for", "function", "if", "import", "let",
        "loop", "package", "namespace", "return", "var", "void", "while",
    ]

    let scalars: [Unicode.Scalar]
    private(set) var position = 0

    init(_ scalars: [Unicode.Scalar]) {
        self.scalars = scalars
    }

    private func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
        position + ahead < scalars.count ? scalars[position + ahead] : nil
    }

    /// The text of a span, for messages.
    func text(of span: Span) -> String {
        let end = min(scalars.count, span.offset + span.length)
        guard span.offset < end else { return "" }
        return String(String.UnicodeScalarView(scalars[span.offset..<end]))
    }

    /// The next token, or a syntax error at the first character that cannot start one.
    mutating func next() throws(RuleError) -> Token {
        skipSpaceAndComments()
        let start = position
        guard let first = peek() else {
            return Token(kind: .end, span: Span(offset: start, length: 1))
        }
        func token(_ kind: Token.Kind, length: Int) -> Token {
            position = start + length
            return Token(kind: kind, span: Span(offset: start, length: length))
        }
        switch first {
        case "(": return token(.leftParenthesis, length: 1)
        case ")": return token(.rightParenthesis, length: 1)
        case "[": return token(.leftBracket, length: 1)
        case "]": return token(.rightBracket, length: 1)
        case ",": return token(.comma, length: 1)
        case ".":
            if let next = peek(1), Self.isDigit(next) {
                throw syntaxError(at: start, length: 1,
                    Text(id: "bilangan harus diawali angka", en: "a number must start with a digit"),
                    hint: Text(
                        id: "tulis 0\(text(of: Span(offset: start, length: 2)))",
                        en: "write 0\(text(of: Span(offset: start, length: 2)))"))
            }
            return token(.dot, length: 1)
        case "?": return token(.question, length: 1)
        case ":": return token(.colon, length: 1)
        case "+": return token(.plus, length: 1)
        case "-": return token(.minus, length: 1)
        case "*": return token(.star, length: 1)
        case "/": return token(.slash, length: 1)
        case "%": return token(.percent, length: 1)
        case "!": return peek(1) == "=" ? token(.bangEqual, length: 2) : token(.bang, length: 1)
        case "<": return peek(1) == "=" ? token(.lessOrEqual, length: 2) : token(.less, length: 1)
        case ">": return peek(1) == "=" ? token(.greaterOrEqual, length: 2) : token(.greater, length: 1)
        case "=":
            if peek(1) == "=" { return token(.equalEqual, length: 2) }
            throw syntaxError(at: start, length: 1,
                Text(id: "'=' bukan operator dalam aturan", en: "'=' is not an operator in rules"),
                hint: Text(id: "tulis '==' untuk membandingkan", en: "write '==' to compare"))
        case "&":
            if peek(1) == "&" { return token(.andAnd, length: 2) }
            throw syntaxError(at: start, length: 1,
                Text(id: "'&' bukan operator dalam aturan", en: "'&' is not an operator in rules"),
                hint: Text(id: "tulis '&&' untuk 'dan'", en: "write '&&' for 'and'"))
        case "|":
            if peek(1) == "|" { return token(.orOr, length: 2) }
            throw syntaxError(at: start, length: 1,
                Text(id: "'|' bukan operator dalam aturan", en: "'|' is not an operator in rules"),
                hint: Text(id: "tulis '||' untuk 'atau'", en: "write '||' for 'or'"))
        case ";":
            throw syntaxError(at: start, length: 1, Text(
                id: "';' tidak diperbolehkan: aturan adalah satu ekspresi",
                en: "';' is not allowed: a rule is a single expression"),
                              hint: Text(id: "gabungkan syarat dengan '&&' atau '||'", en: "join conditions with '&&' or '||'"))
        case "{", "}":
            throw syntaxError(at: start, length: 1, Text(
                id: "map dan message ('{...}') tidak didukung dalam aturan",
                en: "maps and messages ('{...}') are not supported in rules"))
        case "'", "\"":
            return try string(raw: false, start: start, quoteAt: start)
        default:
            break
        }
        if Self.isDigit(first) { return try number(start: start) }
        if Self.isIdentifierStart(first) {
            var end = start
            while end < scalars.count, Self.isIdentifierPart(scalars[end]) { end += 1 }
            let word = text(of: Span(offset: start, length: end - start))
            if (word == "r" || word == "R"), end < scalars.count, scalars[end] == "'" || scalars[end] == "\"" {
                return try string(raw: true, start: start, quoteAt: end)
            }
            if (word == "b" || word == "B"), end < scalars.count, scalars[end] == "'" || scalars[end] == "\"" {
                throw syntaxError(at: start, length: 1, Text(
                    id: "literal bytes tidak didukung dalam aturan",
                    en: "bytes literals are not supported in rules"))
            }
            let kind: Token.Kind =
                switch word {
                case "true": .trueKeyword
                case "false": .falseKeyword
                case "null": .nullKeyword
                case "in": .inKeyword
                default: .identifier(word)
                }
            return token(kind, length: end - start)
        }
        let shown = first.properties.isWhitespace || first.value < 0x20
            ? "U+" + String(first.value, radix: 16, uppercase: true) : String(first)
        throw syntaxError(at: start, length: 1, Text(id: "karakter '\(shown)' tidak diharapkan", en: "unexpected character '\(shown)'"))
    }

    private mutating func skipSpaceAndComments() {
        while let scalar = peek() {
            switch scalar {
            case " ", "\t", "\n", "\r", "\u{0C}":
                position += 1
            case "/" where peek(1) == "/":
                while let next = peek(), next != "\n" { position += 1 }
            default:
                return
            }
        }
    }

    private mutating func number(start: Int) throws(RuleError) -> Token {
        var end = start
        while end < scalars.count, Self.isDigit(scalars[end]) { end += 1 }
        var isDouble = false
        if end + 1 < scalars.count, scalars[end] == ".", Self.isDigit(scalars[end + 1]) {
            isDouble = true
            end += 1
            while end < scalars.count, Self.isDigit(scalars[end]) { end += 1 }
        }
        if end < scalars.count, scalars[end] == "e" || scalars[end] == "E" {
            var exponentEnd = end + 1
            if exponentEnd < scalars.count, scalars[exponentEnd] == "+" || scalars[exponentEnd] == "-" { exponentEnd += 1 }
            if exponentEnd < scalars.count, Self.isDigit(scalars[exponentEnd]) {
                isDouble = true
                end = exponentEnd
                while end < scalars.count, Self.isDigit(scalars[end]) { end += 1 }
            }
        }
        var invalidEnd = end
        while invalidEnd < scalars.count, Self.isIdentifierPart(scalars[invalidEnd]) { invalidEnd += 1 }
        let span = Span(offset: start, length: invalidEnd - start)
        if invalidEnd > end {
            throw syntaxError(at: start, length: span.length, Text(
                id: "'\(text(of: span))' bukan bilangan",
                en: "'\(text(of: span))' is not a number"),
                              hint: Text(
                                  id: "tulis bilangan bulat seperti 42 dan pecahan desimal seperti 1.5",
                                  en: "write whole numbers like 42 and decimals like 1.5"))
        }
        position = end
        let digits = text(of: span)
        if isDouble {
            guard let value = Double(digits), value.isFinite else {
                throw syntaxError(at: start, length: span.length, Text(
                    id: "bilangan \(digits) terlalu besar",
                    en: "the number \(digits) is too large"))
            }
            return Token(kind: .double(value), span: span)
        }
        guard let value = UInt64(digits) else {
            throw syntaxError(at: start, length: span.length, Text(
                id: "bilangan bulat \(digits) terlalu besar",
                en: "the integer \(digits) is too large"),
                              hint: Text(
                                  id: "bilangan bulat berkisar dari -9223372036854775808 sampai 9223372036854775807",
                                  en: "integers range from -9223372036854775808 to 9223372036854775807"))
        }
        return Token(kind: .integer(value), span: span)
    }

    private mutating func string(raw: Bool, start: Int, quoteAt: Int) throws(RuleError) -> Token {
        let quote = scalars[quoteAt]
        if quoteAt + 2 < scalars.count, scalars[quoteAt + 1] == quote, scalars[quoteAt + 2] == quote {
            throw syntaxError(at: start, length: quoteAt + 3 - start, Text(
                id: "teks berkutip tiga tidak didukung dalam aturan",
                en: "triple-quoted strings are not supported in rules"))
        }
        var index = quoteAt + 1
        var value = String.UnicodeScalarView()
        while true {
            guard index < scalars.count, scalars[index] != "\n", scalars[index] != "\r" else {
                throw syntaxError(at: quoteAt, length: 1,
                    Text(id: "teks ini tidak ditutup", en: "this string is not closed"),
                    hint: Text(id: "akhiri dengan \(quote)", en: "end it with \(quote)"))
            }
            let scalar = scalars[index]
            if scalar == quote {
                index += 1
                break
            }
            if scalar == "\\" && !raw {
                let (escaped, length) = try escape(at: index)
                value.append(escaped)
                index += length
            } else {
                value.append(scalar)
                index += 1
            }
        }
        position = index
        return Token(kind: .string(String(value)), span: Span(offset: start, length: index - start))
    }

    /// The scalar an escape sequence at `index` (a backslash) stands for, and the sequence's length.
    private func escape(at index: Int) throws(RuleError) -> (Unicode.Scalar, Int) {
        guard index + 1 < scalars.count else {
            throw syntaxError(at: index, length: 1, Text(
                id: "teks tidak boleh diakhiri garis miring terbalik",
                en: "a string cannot end with a backslash"))
        }
        let code = scalars[index + 1]
        switch code {
        case "\\", "'", "\"", "`", "?": return (code, 2)
        case "a": return ("\u{07}", 2)
        case "b": return ("\u{08}", 2)
        case "f": return ("\u{0C}", 2)
        case "n": return ("\n", 2)
        case "r": return ("\r", 2)
        case "t": return ("\t", 2)
        case "v": return ("\u{0B}", 2)
        case "x", "X": return try hexEscape(at: index, digits: 2)
        case "u": return try hexEscape(at: index, digits: 4)
        case "U": return try hexEscape(at: index, digits: 8)
        case "0"..."3":
            var value: UInt32 = 0
            for offset in 1...3 {
                guard index + offset < scalars.count, ("0"..."7").contains(scalars[index + offset]) else {
                    throw syntaxError(at: index, length: 2, Text(
                        id: "escape oktal memerlukan tiga digit, seperti \\101",
                        en: "an octal escape needs three digits, like \\101"))
                }
                value = value * 8 + (scalars[index + offset].value - 48)
            }
            return (Unicode.Scalar(value)!, 4)
        default:
            throw syntaxError(at: index, length: 2, Text(
                id: "urutan escape '\\\(code)' tidak dikenal",
                en: "unknown escape sequence '\\\(code)'"),
                              hint: Text(
                                  id: "gunakan \\\\ untuk garis miring terbalik, \\' dan \\\" untuk tanda kutip, \\n untuk baris baru, \\t untuk tab",
                                  en: "use \\\\ for a backslash, \\' and \\\" for quotes, \\n for a new line, \\t for a tab"))
        }
    }

    private func hexEscape(at index: Int, digits: Int) throws(RuleError) -> (Unicode.Scalar, Int) {
        var value: UInt32 = 0
        for offset in 2..<(2 + digits) {
            guard index + offset < scalars.count, let digit = Self.hexValue(scalars[index + offset]) else {
                throw syntaxError(at: index, length: 2, Text(
                    id: "'\\\(scalars[index + 1])' memerlukan \(digits) digit heksadesimal",
                    en: "'\\\(scalars[index + 1])' needs \(digits) hexadecimal digits"))
            }
            value = value &* 16 &+ digit
        }
        guard let scalar = Unicode.Scalar(value) else {
            throw syntaxError(at: index, length: 2 + digits, Text(
                id: "'\\\(scalars[index + 1])' tidak menunjuk karakter Unicode",
                en: "'\\\(scalars[index + 1])' does not name a Unicode character"))
        }
        return (scalar, 2 + digits)
    }

    private static func hexValue(_ scalar: Unicode.Scalar) -> UInt32? {
        switch scalar {
        case "0"..."9": scalar.value - 48
        case "a"..."f": scalar.value - 87
        case "A"..."F": scalar.value - 55
        default: nil
        }
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    static func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_"
    }

    static func isIdentifierPart(_ scalar: Unicode.Scalar) -> Bool {
        isIdentifierStart(scalar) || isDigit(scalar)
    }
}

func syntaxError(at offset: Int, length: Int, _ message: Text, hint: Text? = nil) -> RuleError {
    RuleError(kind: .syntax, offset: offset, length: length, message: message, hint: hint)
}

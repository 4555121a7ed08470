/// Escaping of text for the markup languages `sop` writes: XML (SVG), HTML, Mermaid and DOT.
///
/// Every piece of text that comes from a workflow file — titles, activities, names, labels,
/// header items — goes through one of these functions on its way into output, so that no text
/// can become markup.
public enum Markup {
    /// Text made safe for XML and HTML content and attribute values (in double or single quotes).
    ///
    /// `&`, `<`, `>`, `"` and `'` become entity references; characters XML 1.0 does not allow
    /// (control characters other than tab, line feed and carriage return, and the non-characters
    /// U+FFFE and U+FFFF) become U+FFFD, so that the result always parses as XML.
    public static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default:
                if isAllowedInXML(scalar) {
                    result.unicodeScalars.append(scalar)
                } else {
                    result += "\u{FFFD}"
                }
            }
        }
        return result
    }

    /// Whether XML 1.0 allows the character in a document.
    static func isAllowedInXML(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: true
        case 0x20...0xD7FF: true
        case 0xE000...0xFFFD: true
        case 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// Text as a Mermaid label in double quotes (without the quotes).
    ///
    /// Mermaid reads `#NUMBER;` as a character reference: `"`, `#`, `<`, `>`, `&`, `|`, and the
    /// backtick (which opens Markdown labels) are written that way, and line breaks and other
    /// control characters become spaces, so that a label can neither end its string, nor become
    /// HTML, nor start a new statement.
    public static func mermaidLabel(_ text: String) -> String {
        replacing(text) { scalar in
            switch scalar {
            case "\"": "#34;"
            case "#": "#35;"
            case "&": "#38;"
            case "<": "#60;"
            case ">": "#62;"
            case "|": "#124;"
            case "`": "#96;"
            case "\\": "#92;"
            default: nil
            }
        }
    }

    /// Text as a Graphviz DOT string, with its double quotes.
    ///
    /// Backslashes and double quotes are escaped (so `\n`, `\l` or `\N` in the text stay
    /// literal), and line breaks and other control characters become spaces. Several lines are
    /// joined with DOT's own line break.
    public static func dotString(_ lines: String...) -> String {
        dotString(lines: lines)
    }

    /// Lines as one Graphviz DOT string, with its double quotes, joined with DOT's line break.
    public static func dotString(lines: [String]) -> String {
        "\"" + lines.map(dotEscaped).joined(separator: "\\n") + "\""
    }

    private static func dotEscaped(_ text: String) -> String {
        replacing(text) { scalar in
            switch scalar {
            case "\"": "\\\""
            case "\\": "\\\\"
            default: nil
            }
        }
    }

    /// Text with each character that `replacement` names replaced, and line breaks and other
    /// control characters (line and paragraph separators too) made spaces.
    private static func replacing(_ text: String, _ replacement: (Unicode.Scalar) -> String?) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if let replaced = replacement(scalar) {
                result += replaced
            } else if scalar.properties.generalCategory == .control || scalar.value == 0x2028 || scalar.value == 0x2029 {
                result += " "
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

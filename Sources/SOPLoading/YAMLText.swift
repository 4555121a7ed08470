/// Text written into YAML files `sop` writes (calendar imports, generated scenarios), so that it
/// reads back as the same text.
public enum YAMLText {
    /// Text as a YAML value, in a block or inside a flow mapping: plain when that reads back the
    /// same, else double-quoted.
    public static func value(_ text: String) -> String {
        let plain = text.unicodeScalars.allSatisfy { scalar in
            scalar.properties.isAlphabetic || scalar.properties.numericType != nil || " ()'./-".unicodeScalars.contains(scalar)
        }
        let reserved = ["true", "false", "yes", "no", "on", "off", "null", "~"]
        if plain, let first = text.unicodeScalars.first, first.properties.isAlphabetic, text.last != " ",
            !reserved.contains(text.lowercased()), !text.contains(" -"), !text.contains("  ")
        {
            return text
        }
        var escaped = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\t": escaped += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    escaped += "\\x" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 2)
                } else {
                    escaped.unicodeScalars.append(scalar)
                }
            }
        }
        return escaped + "\""
    }
}

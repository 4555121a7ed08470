/// Estimated widths of text in Arial (or its metric twin Liberation Sans), for wrapping lines
/// in drawings where no font can be measured.
///
/// The estimate errs on the wide side, so that wrapped lines fit in the space given.
public enum TextMetrics {
    /// Advance widths of printable ASCII (space to `~`) in thousandths of an em, regular weight.
    private static let asciiWidths: [Int] = [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,  // space … /
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,  // 0 … ?
        1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,  // @ … O
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,  // P … _
        333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,  // ` … o
        556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,  // p … ~
    ]

    /// The estimated width of text at a font size, in the same unit as the size.
    public static func width(_ text: String, fontSize: Double, bold: Bool = false) -> Double {
        var thousandths = 0
        for scalar in text.unicodeScalars {
            let value = Int(scalar.value)
            if value >= 0x20 && value <= 0x7E {
                thousandths += asciiWidths[value - 0x20]
            } else if value < 0x20 {
                thousandths += 0
            } else if scalar.properties.isEmojiPresentation || (0x1100...0x11FF).contains(value)
                || (0x2E80...0xA4CF).contains(value) || (0xAC00...0xD7A3).contains(value)
                || (0xF900...0xFAFF).contains(value) || (0xFF00...0xFF60).contains(value)
            {
                thousandths += 1000
            } else if scalar.properties.generalCategory == .nonspacingMark {
                thousandths += 0
            } else {
                thousandths += 600
            }
        }
        // 4% margin for kerning-free layout and slightly wider fallback fonts.
        return Double(thousandths) / 1000 * fontSize * (bold ? 1.1 : 1.0) * 1.04
    }

    /// Text broken into lines no wider than `width`, at spaces; a word wider than a line is
    /// broken between characters. Runs of white space (line breaks too) count as one space.
    public static func wrap(_ text: String, width: Double, fontSize: Double, bold: Bool = false) -> [String] {
        let words = text.split(whereSeparator: { $0.isWhitespace }).map(String.init)
        var lines: [String] = []
        var current = ""
        func fits(_ candidate: String) -> Bool {
            Self.width(candidate, fontSize: fontSize, bold: bold) <= width
        }
        for word in words {
            let candidate = current.isEmpty ? word : current + " " + word
            if fits(candidate) {
                current = candidate
                continue
            }
            if !current.isEmpty { lines.append(current) }
            current = ""
            if fits(word) {
                current = word
                continue
            }
            // A word longer than a line: break it between characters.
            for character in word {
                let next = current + String(character)
                if fits(next) || current.isEmpty {
                    current = next
                } else {
                    lines.append(current)
                    current = String(character)
                }
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// Text cut to fit `width`, ending in `…` when it was cut.
    public static func truncate(_ text: String, width: Double, fontSize: Double, bold: Bool = false) -> String {
        guard Self.width(text, fontSize: fontSize, bold: bold) > width else { return text }
        var result = ""
        for character in text {
            let next = result + String(character)
            if Self.width(next + "…", fontSize: fontSize, bold: bold) > width { break }
            result = next
        }
        return result + "…"
    }
}

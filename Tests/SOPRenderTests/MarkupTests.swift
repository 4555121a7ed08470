import Testing

@testable import SOPRender

/// Escaping for XML/HTML, Mermaid and DOT.
@Suite("Markup escaping")
struct MarkupTests {
    @Test("XML and HTML: the five special characters become references")
    func xml() {
        #expect(Markup.escape("<script>alert(1)</script> & \"a\" 'b'")
            == "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;a&quot; &#39;b&#39;")
        #expect(Markup.escape("Pengaduan — Rp 5.000") == "Pengaduan — Rp 5.000")
        #expect(Markup.escape("&amp;") == "&amp;amp;")
    }

    @Test("XML: characters XML does not allow become U+FFFD; tab and line breaks stay")
    func controlCharacters() {
        #expect(Markup.escape("a\u{0}b\u{1B}c\u{FFFE}") == "a\u{FFFD}b\u{FFFD}c\u{FFFD}")
        #expect(Markup.escape("a\tb\nc\rd") == "a\tb\nc\rd")
    }

    @Test("Mermaid: quotes, #, markup, pipes and backticks become #NUMBER; line breaks spaces")
    func mermaid() {
        #expect(Markup.mermaidLabel("Berkas \"lengkap\"? <b>#1</b> & a|b `x`\nlagi")
            == "Berkas #34;lengkap#34;? #60;b#62;#35;1#60;/b#62; #38; a#124;b #96;x#96; lagi")
        #expect(!Markup.mermaidLabel("a\"b\\c").contains("\""))
    }

    @Test("DOT: quotes and backslashes escaped inside the quotes; own lines joined with \\n")
    func dot() {
        #expect(Markup.dotString("a \"b\" \\n c\nd") == "\"a \\\"b\\\" \\\\n c d\"")
        #expect(Markup.dotString(lines: ["1. Isi", "15 menit"]) == "\"1. Isi\\n15 menit\"")
    }

    @Test("text widths grow with the text, and wrapping keeps every line within the width")
    func wrapping() {
        #expect(TextMetrics.width("MMMM", fontSize: 10) > TextMetrics.width("iiii", fontSize: 10))
        let text = "Melaksanakan tindak lanjut dan setelah selesai tindak lanjut menyampaikan bukti tindak lanjut kepada pelapor"
        let lines = TextMetrics.wrap(text, width: 150, fontSize: 11)
        #expect(lines.count > 2)
        #expect(lines.joined(separator: " ") == text)
        #expect(lines.allSatisfy { TextMetrics.width($0, fontSize: 11) <= 150 })
        let long = TextMetrics.wrap(String(repeating: "x", count: 200), width: 50, fontSize: 10)
        #expect(long.allSatisfy { TextMetrics.width($0, fontSize: 10) <= 50 })
        #expect(long.joined() == String(repeating: "x", count: 200))
        #expect(TextMetrics.wrap("", width: 10, fontSize: 10).isEmpty)
        #expect(TextMetrics.wrap("abc", width: 0, fontSize: 10) == ["a", "b", "c"])
        #expect(TextMetrics.truncate("pengaduan-lanjutan", width: 40, fontSize: 10).hasSuffix("…"))
    }
}

import SOPCore

/// libyaml's own messages (English, from the C library) in both languages.
///
/// libyaml describes a failure as a problem ("could not find expected ':'") and what it was doing
/// ("while scanning a simple key"). Every message libyaml 0.2 writes is here; one this table does
/// not know (from a later libyaml) is shown as libyaml wrote it, in both languages.
enum LibYAMLWording {
    /// The problem in both languages.
    static func problem(_ english: String) -> Text {
        problems[english].map { Text(id: $0, en: english) } ?? Text(verbatim: english)
    }

    /// "while scanning a simple key" in both languages.
    static func context(_ english: String) -> Text {
        for (prefix, verb) in Self.verbs where english.hasPrefix(prefix) {
            let subject = String(english.dropFirst(prefix.count))
            if let translated = subjects[subject] { return Text(id: "\(verb) \(translated)", en: english) }
        }
        if english == "while scanning for the next token" {
            return Text(id: "saat mencari token berikutnya", en: english)
        }
        return Text(verbatim: english)
    }

    /// "a simple key starts here", for the note that points where the context began; `nil` when
    /// the context is not one of scanning or parsing something.
    static func start(ofContext english: String) -> Text? {
        for (prefix, _) in Self.verbs where english.hasPrefix(prefix) {
            let subject = String(english.dropFirst(prefix.count))
            let translated = subjects[subject] ?? subject
            return Text(id: "\(translated) dimulai di sini", en: "\(subject) starts here")
        }
        return nil
    }

    private static let verbs: [(String, String)] = [("while scanning ", "saat memindai"), ("while parsing ", "saat mengurai")]

    private static let subjects: [String: String] = [
        "a %TAG directive": "direktif %TAG",
        "a %YAML directive": "direktif %YAML",
        "a block collection": "koleksi blok",
        "a block mapping": "pemetaan blok",
        "a block node": "node blok",
        "a block scalar": "skalar blok",
        "a directive": "direktif",
        "a flow mapping": "pemetaan alir",
        "a flow node": "node alir",
        "a flow sequence": "urutan alir",
        "a node": "node",
        "a plain scalar": "skalar polos",
        "a quoted scalar": "skalar berkutip",
        "a simple key": "kunci sederhana",
        "a tag": "tag",
        "a tag directive": "direktif tag",
        "an alias": "alias",
        "an anchor": "anchor",
    ]

    private static let problems: [String: String] = [
        "block sequence entries are not allowed in this context": "entri urutan blok tidak diperbolehkan di sini",
        "control characters are not allowed": "karakter kendali tidak diperbolehkan",
        "could not find expected ':'": "tidak ditemukan ':' yang diharapkan",
        "could not find expected directive name": "tidak ditemukan nama direktif yang diharapkan",
        "did not find URI escaped octet": "tidak ditemukan oktet URI yang di-escape",
        "did not find expected '!'": "tidak ditemukan '!' yang diharapkan",
        "did not find expected ',' or ']'": "tidak ditemukan ',' atau ']' yang diharapkan",
        "did not find expected ',' or '}'": "tidak ditemukan ',' atau '}' yang diharapkan",
        "did not find expected '-' indicator": "tidak ditemukan penanda '-' yang diharapkan",
        "did not find expected <document start>": "tidak ditemukan <awal dokumen> yang diharapkan",
        "did not find expected <stream-start>": "tidak ditemukan <awal aliran> yang diharapkan",
        "did not find expected alphabetic or numeric character": "tidak ditemukan huruf atau angka yang diharapkan",
        "did not find expected comment or line break": "tidak ditemukan komentar atau akhir baris yang diharapkan",
        "did not find expected digit or '.' character": "tidak ditemukan angka atau karakter '.' yang diharapkan",
        "did not find expected hexdecimal number": "tidak ditemukan bilangan heksadesimal yang diharapkan",
        "did not find expected key": "tidak ditemukan kunci yang diharapkan",
        "did not find expected node content": "tidak ditemukan isi node yang diharapkan",
        "did not find expected tag URI": "tidak ditemukan URI tag yang diharapkan",
        "did not find expected version number": "tidak ditemukan nomor versi yang diharapkan",
        "did not find expected whitespace": "tidak ditemukan spasi yang diharapkan",
        "did not find expected whitespace or line break": "tidak ditemukan spasi atau akhir baris yang diharapkan",
        "did not find the expected '>'": "tidak ditemukan '>' yang diharapkan",
        "duplicate %TAG directive": "direktif %TAG ganda",
        "found a tab character that violates indentation": "karakter tab melanggar indentasi",
        "found a tab character where an indentation space is expected": "ada karakter tab di tempat spasi indentasi",
        "found an incorrect leading UTF-8 octet": "oktet awal UTF-8 tidak benar",
        "found an incorrect trailing UTF-8 octet": "oktet lanjutan UTF-8 tidak benar",
        "found an indentation indicator equal to 0": "penanda indentasi bernilai 0",
        "found character that cannot start any token": "ada karakter yang tidak dapat mengawali token apa pun",
        "found duplicate %TAG directive": "direktif %TAG ganda",
        "found duplicate %YAML directive": "direktif %YAML ganda",
        "found extremely long version number": "nomor versi terlalu panjang",
        "found incompatible YAML document": "dokumen YAML tidak kompatibel",
        "found invalid Unicode character escape code": "kode escape karakter Unicode tidak sah",
        "found undefined tag handle": "penanda tag tidak terdefinisi",
        "found unexpected ':'": "ada ':' yang tidak diharapkan",
        "found unexpected document indicator": "ada penanda dokumen yang tidak diharapkan",
        "found unexpected end of stream": "teks berakhir sebelum waktunya",
        "found unexpected non-alphabetical character": "ada karakter bukan huruf yang tidak diharapkan",
        "found unknown directive name": "nama direktif tidak dikenal",
        "found unknown escape character": "karakter escape tidak dikenal",
        "incompatible %YAML directive": "direktif %YAML tidak kompatibel",
        "incomplete UTF-16 character": "karakter UTF-16 tidak lengkap",
        "incomplete UTF-16 surrogate pair": "pasangan surrogate UTF-16 tidak lengkap",
        "incomplete UTF-8 octet sequence": "urutan oktet UTF-8 tidak lengkap",
        "input is too long": "masukan terlalu panjang",
        "invalid Unicode character": "karakter Unicode tidak sah",
        "invalid leading UTF-8 octet": "oktet awal UTF-8 tidak sah",
        "invalid length of a UTF-8 sequence": "panjang urutan UTF-8 tidak sah",
        "invalid trailing UTF-8 octet": "oktet lanjutan UTF-8 tidak sah",
        "mapping keys are not allowed in this context": "kunci pemetaan tidak diperbolehkan di sini",
        "mapping values are not allowed in this context": "nilai pemetaan tidak diperbolehkan di sini",
        "unexpected low surrogate area": "area surrogate rendah yang tidak diharapkan",
        // Our own words, for failures libyaml does not describe.
        "cannot read the input": "masukan tidak dapat dibaca",
        "invalid YAML": "YAML tidak sah",
        "the YAML parser failed": "pengurai YAML gagal",
        "out of memory while parsing YAML": "memori habis saat mengurai YAML",
    ]
}

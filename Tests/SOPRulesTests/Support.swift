import SOPRules
import Testing

/// The environment every test compiles in: the fields of a complaint and its channel.
let environment = RuleEnvironment(variables: [
    "fields": .object([
        "telepon": .string,
        "nama": .string,
        "nik": .string,
        "uraian": .string,
        "pola": .string,
        "jumlah": .double,
        "umur": .int,
        "mendesak": .bool,
        "tanggal_kejadian": .date,
        "status": .enumeration(["baru", "diproses", "selesai"]),
        "lampiran": .list(.string),
    ]),
    "channel": .enumeration(["email", "telepon", "instagram", "langsung"]),
])

/// Compiles a rule that must compile.
func compiled(_ source: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Rule {
    switch RuleCompiler.compile(source, in: environment) {
    case .success(let rule):
        return rule
    case .failure(let errors):
        Issue.record("expected '\(source)' to compile, got \(Array(errors))", sourceLocation: sourceLocation)
        throw errors
    }
}

/// The errors of a rule that must not compile (empty, with an issue recorded, if it compiles).
func errors(_ source: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [RuleError] {
    switch RuleCompiler.compile(source, in: environment) {
    case .success:
        Issue.record("expected '\(source)' not to compile", sourceLocation: sourceLocation)
        return []
    case .failure(let errors):
        return Array(errors)
    }
}

/// The offset in Unicode scalars of the first occurrence of `needle` in `source` (after `skipping` others).
func offset(of needle: String, in source: String, skipping: Int = 0) -> Int {
    let haystack = Array(source.unicodeScalars)
    let pattern = Array(needle.unicodeScalars)
    var remaining = skipping
    for start in 0...(haystack.count - pattern.count) where haystack[start..<(start + pattern.count)].elementsEqual(pattern) {
        if remaining == 0 { return start }
        remaining -= 1
    }
    return -1
}

/// A complaint with every field set.
let fullContext = RuleContext(
    variables: ["channel": .string("telepon")],
    fields: [
        "telepon": .string("081234567890"),
        "nama": .string("Siti Aminah"),
        "nik": .string("3305123456789012"),
        "uraian": .string("Pelayanan KTP lambat sekali"),
        "pola": .string("^[0-9]+$"),
        "jumlah": .double(3.5),
        "umur": .int(42),
        "mendesak": .bool(false),
        "tanggal_kejadian": .date(year: 2024, month: 3, day: 1),
        "status": .string("diproses"),
        "lampiran": .list([.string("ktp"), .string("kk")]),
    ]
)

/// Compiles and evaluates a rule.
func evaluate(_ source: String, in context: RuleContext = fullContext) throws -> Bool {
    try compiled(source).evaluate(in: context)
}

import Foundation
import SOPCore

/// A finding an administrator accepts in the file itself, next to the line it is about, with a
/// reason: `# sop-ignore SOP0603: the signed SOP declares 2 hari 2 jam`, at the end of that line or
/// on a line of its own just before it (comments and blank lines between are skipped). Several
/// codes are separated by commas. Warnings and information can be accepted; an error cannot.
///
/// An accepted finding is not counted, and so does not fail `--strict`; it is listed with
/// `--show-suppressed` and in SARIF as suppressed in source. A comment is a `#` at the start of a
/// line or after a space or tab, as YAML reads it outside quotes.
public struct Suppression: Hashable, Sendable {
    /// The codes accepted.
    public var codes: [String]
    /// Why, as the administrator wrote it.
    public var reason: String
    /// Where the comment is.
    public var location: SourceLocation
    /// The line whose findings it accepts.
    public var line: Int
}

/// A finding accepted by a suppression.
public struct SuppressedDiagnostic: Hashable, Sendable {
    /// The finding.
    public var diagnostic: Diagnostic
    /// The suppression that accepts it.
    public var suppression: Suppression
}

enum Suppressions {
    /// The marker after `#`.
    static let marker = "sop-ignore"

    /// The suppressions of a file's text, and the findings about malformed ones.
    static func read(_ text: String, file: String) -> (suppressions: [Suppression], diagnostics: [Diagnostic]) {
        var suppressions: [Suppression] = []
        var diagnostics: [Diagnostic] = []
        // Lines as YAML breaks them: LF, CRLF (one Character in Swift) or a lone CR.
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
        var pending: [(codes: [String], reason: String, location: SourceLocation)] = []
        for (index, line) in lines.enumerated() {
            let number = index + 1
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            let isComment = trimmed.hasPrefix("#")
            if trimmed.isEmpty || (isComment && comment(in: line) == nil) { continue }
            if let (column, body) = comment(in: line) {
                let location = SourceLocation(file: file, line: number, column: column)
                let parsed = parse(body, at: location, into: &diagnostics)
                if isComment {
                    if let parsed { pending.append((parsed.codes, parsed.reason, location)) }
                    continue
                }
                if let parsed { suppressions.append(Suppression(codes: parsed.codes, reason: parsed.reason, location: location, line: number)) }
            }
            // A line with content: the comments before it are about it.
            for item in pending {
                suppressions.append(Suppression(codes: item.codes, reason: item.reason, location: item.location, line: number))
            }
            pending.removeAll()
        }
        // Comments before the end of the file are about no line.
        for item in pending {
            suppressions.append(Suppression(codes: item.codes, reason: item.reason, location: item.location, line: 0))
        }
        return (suppressions, diagnostics)
    }

    /// The column (1-based, in characters) and text after the marker of a `# sop-ignore` comment
    /// on a line, if it has one.
    private static func comment(in line: Substring) -> (column: Int, body: Substring)? {
        var previous: Character = " "
        var column = 0
        var index = line.startIndex
        while index < line.endIndex {
            column += 1
            let character = line[index]
            if character == "#", previous == " " || previous == "\t" || column == 1 {
                let rest = line[line.index(after: index)...].drop { $0 == " " || $0 == "\t" }
                if rest.hasPrefix(marker) {
                    let after = rest.dropFirst(marker.count)
                    if after.isEmpty || after.first == " " || after.first == "\t" || after.first == ":" { return (column, after) }
                }
                return nil
            }
            previous = character
            index = line.index(after: index)
        }
        return nil
    }

    /// `CODE[, CODE…]: REASON`, checked.
    private static func parse(
        _ body: Substring, at location: SourceLocation, into diagnostics: inout [Diagnostic]
    ) -> (codes: [String], reason: String)? {
        let parts = body.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        let codes = parts[0].split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" }).map(String.init)
        let reason = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
        var valid = true
        if codes.isEmpty {
            diagnostics.append(Diagnostic(.suppressionInvalidCode, at: location, Text(
                id: "`# sop-ignore` tidak menyebut kode temuan yang diterima",
                en: "`# sop-ignore` names no code to accept"),
                hint: Text(id: "misalnya `# sop-ignore SOP0603: alasannya`", en: "for example `# sop-ignore SOP0603: the reason`")))
            valid = false
        }
        for code in codes {
            guard let known = DiagnosticCode.named(code.uppercased()) else {
                diagnostics.append(Diagnostic(.suppressionInvalidCode, at: location, Text(
                    id: "`# sop-ignore` menyebut kode '\(code)', yang tidak ada dalam katalog",
                    en: "`# sop-ignore` names code '\(code)', which is not in the catalogue"),
                    hint: Spelling.didYouMean(code.uppercased(), among: DiagnosticCode.all.map(\.id))
                        ?? Text(id: "kode-kodenya tercantum di README, bagian Diagnostic codes", en: "the codes are listed in the README's Diagnostic codes")))
                valid = false
                continue
            }
            if known.severity == .error {
                diagnostics.append(Diagnostic(.suppressionInvalidCode, at: location, Text(
                    id: "\(known.id) (\(known.title.id)) adalah kesalahan, yang tidak dapat diterima di dalam berkas",
                    en: "\(known.id) (\(known.title.en)) is an error, which a file cannot accept"),
                    hint: Text(id: "perbaiki kesalahannya", en: "fix the error")))
                valid = false
            }
        }
        if reason.isEmpty {
            diagnostics.append(Diagnostic(.suppressionWithoutReason, at: location, Text(
                id: "`# sop-ignore \(codes.joined(separator: ", "))` tidak menyebut alasannya",
                en: "`# sop-ignore \(codes.joined(separator: ", "))` gives no reason")))
            valid = false
        }
        return valid ? (codes.map { $0.uppercased() }, reason) : nil
    }

    /// The findings split into those no suppression accepts and those one does; a suppression
    /// that accepts nothing is a finding of its own.
    static func apply(
        _ suppressions: [Suppression], to diagnostics: [Diagnostic]
    ) -> (kept: [Diagnostic], suppressed: [SuppressedDiagnostic]) {
        var byPlace: [String: [Int]] = [:]
        for (index, suppression) in suppressions.enumerated() {
            byPlace["\(suppression.location.file)\u{0}\(suppression.line)", default: []].append(index)
        }
        var used = Set<Int>()
        var kept: [Diagnostic] = []
        var suppressed: [SuppressedDiagnostic] = []
        for diagnostic in diagnostics {
            let candidates = byPlace["\(diagnostic.location.file)\u{0}\(diagnostic.location.line)"] ?? []
            if diagnostic.severity != .error, !diagnostic.code.id.hasPrefix("SOP10"),
                let match = candidates.first(where: { suppressions[$0].codes.contains(diagnostic.code.id) })
            {
                used.insert(match)
                suppressed.append(SuppressedDiagnostic(diagnostic: diagnostic, suppression: suppressions[match]))
            } else {
                kept.append(diagnostic)
            }
        }
        for (index, suppression) in suppressions.enumerated() where !used.contains(index) {
            let codes = suppression.codes.joined(separator: ", ")
            kept.append(Diagnostic(.suppressionUnused, at: suppression.location, suppression.line == 0
                ? Text(id: "`# sop-ignore \(codes)` tidak diikuti baris apa pun", en: "`# sop-ignore \(codes)` is followed by no line")
                : Text(
                    id: "`# sop-ignore \(codes)` tidak cocok dengan temuan apa pun di baris \(suppression.line)",
                    en: "`# sop-ignore \(codes)` matches no finding on line \(suppression.line)")))
        }
        return (kept, suppressed)
    }
}

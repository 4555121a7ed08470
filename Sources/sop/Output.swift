import ArgumentParser
import Foundation
import SOPCore
import SOPLoading
import SOPService

/// JSON as every `--format json` of `sop` writes it: pretty printed, keys sorted (so the output
/// is stable), `/` not escaped (register numbers such as `067/PGD/2026/000001` stay readable),
/// dates in ISO 8601 (UTC, whole seconds), texts in the language of this run.
enum JSONOutput {
    /// The value as JSON text, without a final newline.
    static func text(_ value: some Encodable, with encoder: JSONEncoder = encoder()) throws -> String {
        TerminalText.escapingInJSON(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    /// The encoder `text` uses, for a caller that encodes many values.
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        encoder.userInfo[.language] = language
        return encoder
    }
}

/// Prints a value as JSON (`JSONOutput.text`) and a newline to standard output.
func printJSON(_ value: some Encodable) throws {
    Swift.print(try JSONOutput.text(value))
}

/// Prints a case list as JSON (`CaseListJSON`, the same text `printJSON` would print, written
/// for the latency of `sop case list --overdue`) and a newline to standard output.
func printCaseListJSON(_ items: [CaseListItem]) {
    Swift.print(TerminalText.escapingInJSON(CaseListJSON.text(items)))
}

/// Prints text to standard output as a terminal may show it: every character a terminal would
/// act on (an escape sequence in a reporter's name, a note or a file name; a bidirectional
/// override that reorders what is read) is shown visibly (`TerminalText.visible`), line by line.
/// Every text `sop` prints goes through here, or through `printJSON` and `printError`; CSV, a
/// file format, keeps its data as it is (`printData`).
func printSafely(_ text: String, terminator: String = "\n") {
    Swift.print(TerminalText.visibleLines(text), terminator: terminator)
}

/// Prints data meant for a file (CSV) to standard output as it is.
func printData(_ text: String, terminator: String = "\n") {
    Swift.print(text, terminator: terminator)
}

/// Text for a terminal.
enum TerminalText {
    /// Whether a terminal may act on a character instead of showing it: the C0 controls, DEL and
    /// the C1 controls (an 8-bit CSI), and the bidirectional embeddings, overrides and isolates.
    static func isActedOn(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return value < 0x20 || (0x7F...0x9F).contains(value) || (0x202A...0x202E).contains(value)
            || (0x2066...0x2069).contains(value) || value == 0x2028 || value == 0x2029
    }

    /// The text with every character a terminal may act on shown as `\u{1B}`, never sent as it is.
    static func visible(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if isActedOn(scalar) {
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// The text line by line, each line `visible`: the line breaks of a layout stay line breaks.
    static func visibleLines(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { visible(String($0)) }.joined(separator: "\n")
    }

    /// JSON text with the characters a terminal may act on that JSONEncoder leaves as they are
    /// (DEL, the C1 controls, the bidirectional controls, the line and paragraph separators)
    /// written as `\u` escapes: the same JSON value, safe to print. They can only be inside
    /// strings, the JSON around them being ASCII.
    static func escapingInJSON(_ json: String) -> String {
        // On the UTF-8 bytes: DEL is 7F, the C1 controls C2 80–C2 9F, U+2028–U+202E E2 80 A8–AE,
        // U+2066–U+2069 E2 81 A6–A9. Runs between them are copied whole.
        var json = json
        return json.withUTF8 { bytes -> String in
            var output: [UInt8] = []
            var start = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                var length = 0
                var value: UInt32 = 0
                if byte == 0x7F {
                    (length, value) = (1, 0x7F)
                } else if byte == 0xC2, index + 1 < bytes.count, (0x80...0x9F).contains(bytes[index + 1]) {
                    (length, value) = (2, UInt32(bytes[index + 1]))
                } else if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80, (0xA8...0xAE).contains(bytes[index + 2]) {
                    (length, value) = (3, 0x2000 + UInt32(bytes[index + 2] - 0x80))
                } else if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x81, (0xA6...0xA9).contains(bytes[index + 2]) {
                    (length, value) = (3, 0x2040 + UInt32(bytes[index + 2] - 0x80))
                }
                guard length > 0 else { index += 1; continue }
                if output.isEmpty { output.reserveCapacity(bytes.count + 64) }
                output.append(contentsOf: bytes[start..<index])
                let hex = String(value, radix: 16)
                output.append(contentsOf: Array(("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8))
                index += length
                start = index
            }
            guard start > 0 else { return String(decoding: bytes, as: UTF8.self) }
            output.append(contentsOf: bytes[start..<bytes.count])
            return String(decoding: output, as: UTF8.self)
        }
    }
}

/// A file a command reads, which its `--output` must never replace.
struct ReadFile {
    /// What the file is to the command.
    enum Kind {
        /// The database of cases (`--db`, `SOP_DB`).
        case database
        /// A file SQLite keeps beside the database (`-wal`, `-shm`, `-journal`), with the database's path.
        case databaseCompanion(of: String)
        /// The workflow file drawn.
        case workflow
        /// The working calendar the workflow names.
        case calendar
        /// A workflow or calendar file of the workflows folder (`--workflows`), where the calendar
        /// of a case's revision is looked up.
        case workflowsFolder(String)
    }

    /// The path as the command uses it.
    var path: String
    var kind: Kind

    /// The database at `path` and the files SQLite keeps beside it.
    static func database(_ path: String) -> [ReadFile] {
        [ReadFile(path: path, kind: .database)]
            + ["-wal", "-shm", "-journal"].map { ReadFile(path: path + $0, kind: .databaseCompanion(of: path)) }
    }

    /// The workflow and calendar files of a workflows folder (none when there is no such folder).
    static func workflowsFolder(_ folder: String) -> [ReadFile] {
        (WorkflowLibrary(folder: folder).files() ?? []).map { ReadFile(path: $0, kind: .workflowsFolder(folder)) }
    }
}

/// Writes what a command made to `--output` (replacing the file whole) or to standard output.
///
/// An `--output` that is one of the files the command reads (`reads`: the database and the files
/// beside it, the workflow or calendar file) is refused with exit 2 and nothing is written, however
/// the path is spelt (`./`, `..`, a symbolic link, another hard link): a mistyped `--output`
/// must never replace the cases or an SOP. `fileExtension` is that of the format written, for the
/// example in the refusal (`svg` suggests `--output sop.svg` for `--output sop.sqlite`).
func emit(_ text: String, to output: String?, command: String, reads: [ReadFile], fileExtension: String) throws {
    // Whatever a terminal may act on is shown visibly in a file too: a file is shown later.
    let text = TerminalText.visibleLines(text)
    guard let output else {
        FileHandle.standardOutput.write(Data(text.utf8))
        return
    }
    if let read = reads.first(where: { FilePath.isSame(output, $0.path) }) {
        let stem = (output as NSString).deletingPathExtension
        let example = (stem.isEmpty ? "sop" : stem) + "." + fileExtension
        let what: Text
        switch read.kind {
        case .database:
            what = Text(id: "basis data yang dipakai perintah ini", en: "the database this command uses")
        case .databaseCompanion(let database):
            what = Text(
                id: "berkas pendamping basis data '\(database)' yang dipakai perintah ini",
                en: "a companion file of the database '\(database)' this command uses")
        case .workflow:
            what = Text(id: "berkas alur kerja yang dibaca perintah ini", en: "the workflow file this command reads")
        case .calendar:
            what = Text(id: "berkas kalender yang dibaca perintah ini", en: "the calendar file this command reads")
        case .workflowsFolder(let folder):
            what = Text(
                id: "berkas alur kerja atau kalender di folder alur kerja '\(folder)' yang dibaca perintah ini",
                en: "a workflow or calendar file of the workflows folder '\(folder)' this command reads")
        }
        printError(tr(
            id: "sop \(command): --output '\(output)' adalah \(what.id); berkas itu tidak ditimpa dan tidak ada yang ditulis — "
                + "sebutkan berkas lain, misalnya --output \(example), atau hilangkan --output untuk menulis ke keluaran standar",
            en: "sop \(command): --output '\(output)' is \(what.en); it is not replaced and nothing is written — "
                + "name another file, such as --output \(example), or leave out --output to write to standard output"))
        throw ExitCode.unusableInput
    }
    do {
        try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
    } catch {
        printError(tr(
            id: "sop \(command): '\(output)' tidak dapat ditulis: \(error.localizedDescription); periksa jalur dan izin foldernya",
            en: "sop \(command): cannot write '\(output)': \(error.localizedDescription); check the path and the folder's permissions"))
        throw ExitCode.unusableInput
    }
}

/// Paths compared as the file system sees them.
enum FilePath {
    /// Whether two paths name the same file: the same file when both exist (symbolic links
    /// followed, hard links included), else the same canonical path (`..` and `.` taken out, the
    /// folder's symbolic links followed), so that a file not made yet (a `-wal`) is still known.
    static func isSame(_ first: String, _ second: String) -> Bool {
        if let a = identity(first), let b = identity(second) { return a == b }
        return canonical(first) == canonical(second)
    }

    /// The device and inode of an existing file, following symbolic links.
    private static func identity(_ path: String) -> [UInt64]? {
        var information = stat()
        guard stat(path, &information) == 0 else { return nil }
        return [UInt64(information.st_dev), UInt64(information.st_ino)]
    }

    /// The absolute path with symbolic links followed as far as the path exists, `.` and `..`
    /// taken out.
    static func canonical(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var existing = absolute
        var rest: [String] = []
        // The longest part of the path that exists, resolved by the system; the rest appended.
        while !existing.isEmpty, existing != "/" {
            if let resolved = realpath(existing, nil) {
                defer { free(resolved) }
                return normalise(String(cString: resolved) + rest.reversed().map { "/" + $0 }.joined())
            }
            rest.append((existing as NSString).lastPathComponent)
            existing = (existing as NSString).deletingLastPathComponent
        }
        return normalise("/" + rest.reversed().joined(separator: "/"))
    }

    /// `/a/./b/../c` → `/a/c`.
    private static func normalise(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }
}

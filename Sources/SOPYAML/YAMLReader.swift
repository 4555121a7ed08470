// SOPYAML turns YAML bytes into a located node tree (`YAMLNode`: text, lists and mappings, each
// with its `file:line:column`), reporting every YAML-level problem as a `Diagnostic` (SOP00xx for
// the file, SOP01xx for YAML). It is the only module that touches libyaml (`CYAML`, imported
// `internal` in LibYAMLParser.swift): a `final class` owns the parser and deletes every event, and
// `Mark.location(in:)` is the one place where libyaml's 0-based marks become 1-based positions.
// The tree is built with an explicit stack, never by recursion, within `YAMLLimits` (file size,
// nesting depth, alias expansion), so that no input can crash, hang or exhaust memory. Scalars keep
// their exact text; giving them types is the loader's job.

import Foundation
import SOPCore

/// Bounds on what a file may make the reader do, so that no input can exhaust time or memory.
public struct YAMLLimits: Sendable {
    /// The largest file, in bytes, that is read at all.
    public var maxFileBytes: Int = 1_048_576
    /// The deepest nesting of lists and mappings.
    public var maxDepth: Int = 64
    /// The most nodes the document may hold once every alias is expanded.
    public var maxExpandedNodes: Int = 100_000

    /// The limits every workflow file is read with.
    public static let `default` = YAMLLimits()

    /// Creates limits; each defaults to the value in `YAMLLimits.default`.
    public init(maxFileBytes: Int = 1_048_576, maxDepth: Int = 64, maxExpandedNodes: Int = 100_000) {
        self.maxFileBytes = maxFileBytes
        self.maxDepth = maxDepth
        self.maxExpandedNodes = maxExpandedNodes
    }
}

/// What reading one YAML file gave: the document's root node (if it could be built), the
/// diagnostics, and the text for printing source lines.
public struct YAMLParseResult: Sendable {
    /// The document's root node; `nil` when the file is empty or the document could not be built.
    public var root: YAMLNode?
    /// Every finding, in the order found.
    public var diagnostics: [Diagnostic]
    /// The file's text (without a byte-order mark), or `nil` when it is not UTF-8 text.
    public var text: String?
    /// Whether the file could not be read at all (missing, a folder, no permission).
    public var isUnreadable: Bool

    /// Creates a result.
    public init(root: YAMLNode?, diagnostics: [Diagnostic], text: String?, isUnreadable: Bool = false) {
        self.root = root
        self.diagnostics = diagnostics
        self.text = text
        self.isUnreadable = isUnreadable
    }
}

/// Reads YAML into a located node tree, reporting every problem as a diagnostic.
///
/// The reader never throws and never traps: a missing file, binary data, a syntax error, an
/// alias bomb or absurd nesting each become a diagnostic with a position.
public enum YAMLReader {
    /// Parses UTF-8 bytes (a UTF-8 byte-order mark is allowed) as one YAML document.
    public static func parse(_ bytes: [UInt8], file: String, limits: YAMLLimits = .default) -> YAMLParseResult {
        let start = Mark.start.location(in: file)
        guard bytes.count <= limits.maxFileBytes else {
            return YAMLParseResult(
                root: nil, diagnostics: [tooLarge(byteCount: bytes.count, at: start, limits: limits)], text: nil)
        }
        if let encoding = TextCheck.otherUnicodeEncoding(bytes) {
            let diagnostic = Diagnostic(
                .invalidEncoding, at: start,
                Text(id: "berkas berupa teks \(encoding), bukan UTF-8", en: "file is \(encoding) text, not UTF-8"))
            return YAMLParseResult(root: nil, diagnostics: [diagnostic], text: nil)
        }
        let body = bytes.starts(with: TextCheck.utf8BOM) ? Array(bytes.dropFirst(TextCheck.utf8BOM.count)) : bytes
        if let problem = TextCheck.firstProblem(in: body) {
            let mark = TextCheck.mark(atByteOffset: problem.byteOffset, in: body)
            let diagnostic = Diagnostic(.invalidEncoding, at: mark.location(in: file), problem.message)
            return YAMLParseResult(root: nil, diagnostics: [diagnostic], text: nil)
        }
        let text = String(decoding: body, as: UTF8.self)
        var (root, diagnostics) = build(body, text: text, file: file, limits: limits)
        diagnostics.attachSourceLines(file: file, text: text)
        return YAMLParseResult(root: root, diagnostics: diagnostics, text: text)
    }

    /// Parses text as one YAML document.
    public static func parse(_ text: String, file: String, limits: YAMLLimits = .default) -> YAMLParseResult {
        parse(Array(text.utf8), file: file, limits: limits)
    }

    /// Reads the file at `path` and parses it; the file's size is checked before it is read.
    public static func read(path: String, limits: YAMLLimits = .default) -> YAMLParseResult {
        switch readBytes(path: path, limits: limits) {
        case .success(let bytes): parse(bytes, file: path, limits: limits)
        case .failure(let failure): failure.result
        }
    }

    /// The text values of some top-level keys of the file's mapping (`kind`, `id`), read without
    /// building the tree: parsing stops as soon as every key is found.
    ///
    /// For looking up what a file is cheaply; a file that cannot be read or parsed gives the keys
    /// found before the problem, possibly none.
    public static func topLevelScalars(path: String, keys: Set<String>, limits: YAMLLimits = .default) -> [String: String] {
        guard case .success(let bytes) = readBytes(path: path, limits: limits),
            let parser = LibYAMLParser(bytes: bytes)
        else { return [:] }
        var found: [String: String] = [:]
        var depth = 0
        var pendingKey: String?
        var expectingKey = true
        var steps = 0
        while found.count < keys.count && steps < 100_000 {
            steps += 1
            switch parser.next() {
            case .streamStart, .documentStart, .documentEnd:
                continue
            case .streamEnd, .failure:
                return found
            case .sequenceStart where depth == 0:
                return found  // a list at the top has no keys
            case .mappingStart, .sequenceStart:
                if depth == 0 {
                    depth = 1
                    continue
                }
                if depth == 1 { expectingKey = true; pendingKey = nil }
                depth += 1
            case .mappingEnd, .sequenceEnd:
                depth -= 1
                if depth <= 0 { return found }
                if depth == 1 { expectingKey = true }
            case .alias:
                if depth == 1 { expectingKey.toggle() }
            case .scalar(let text, _, _):
                guard depth == 1 else { continue }
                if expectingKey {
                    pendingKey = keys.contains(text) ? text : nil
                } else if let key = pendingKey, found[key] == nil {
                    found[key] = text
                }
                expectingKey.toggle()
            }
        }
        return found
    }

    /// Why a file's bytes could not be had, as the result to return.
    private struct ReadFailure: Error {
        let result: YAMLParseResult
    }

    /// The file's bytes, within the size limit, which is checked before the file is read.
    private static func readBytes(path: String, limits: YAMLLimits) -> Result<[UInt8], ReadFailure> {
        let start = Mark.start.location(in: path)
        func unreadable(_ message: Text, hint: Text? = nil) -> Result<[UInt8], ReadFailure> {
            .failure(ReadFailure(result: YAMLParseResult(
                root: nil, diagnostics: [Diagnostic(.unreadableFile, at: start, message, hint: hint)],
                text: nil, isUnreadable: true)))
        }
        func tooLarge(_ byteCount: Int) -> Result<[UInt8], ReadFailure> {
            .failure(ReadFailure(result: YAMLParseResult(
                root: nil, diagnostics: [Self.tooLarge(byteCount: byteCount, at: start, limits: limits)], text: nil)))
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return unreadable(Text(id: "berkas tidak ada", en: "no such file"))
        }
        if isDirectory.boolValue {
            return unreadable(
                Text(id: "ini folder, bukan berkas", en: "this is a folder, not a file"),
                hint: Text(id: "sebutkan berkas .yaml di dalamnya", en: "name a .yaml file in it"))
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return unreadable(
                FileManager.default.isReadableFile(atPath: path)
                    ? Text(id: "berkas tidak dapat dibuka", en: "the file cannot be opened")
                    : Text(id: "tidak ada izin untuk membaca berkas", en: "no permission to read the file"))
        }
        defer { try? handle.close() }
        // The size first, so that a huge file is refused without being read.
        if let size = try? handle.seekToEnd() {
            if size > UInt64(max(0, limits.maxFileBytes)) {
                return tooLarge(size > UInt64(Int.max) ? Int.max : Int(size))
            }
            do {
                try handle.seek(toOffset: 0)
            } catch {
                return unreadable(Text(id: "berkas tidak dapat dibaca", en: "the file cannot be read"))
            }
        }
        // Never read more than the limit allows, even from a file that grows or has no size.
        let data: Data
        do {
            data = try handle.read(upToCount: max(0, limits.maxFileBytes) + 1) ?? Data()
        } catch {
            return unreadable(Text(id: "berkas tidak dapat dibaca", en: "the file cannot be read"))
        }
        if data.count > limits.maxFileBytes { return tooLarge(data.count) }
        return .success([UInt8](data))
    }

    // MARK: Parsing

    private static func tooLarge(byteCount: Int, at location: SourceLocation, limits: YAMLLimits) -> Diagnostic {
        Diagnostic(
            .fileTooLarge, at: location,
            Text(
                id: "berkas berukuran \(byteCount) bita, melebihi batas \(limits.maxFileBytes)",
                en: "file is \(byteCount) bytes, more than the limit of \(limits.maxFileBytes)"))
    }

    /// Runs libyaml over checked UTF-8 bytes and builds the tree.
    private static func build(
        _ bytes: [UInt8], text: String, file: String, limits: YAMLLimits
    ) -> (YAMLNode?, [Diagnostic]) {
        var builder = TreeBuilder(file: file, limits: limits)
        guard let parser = LibYAMLParser(bytes: bytes) else {
            builder.abandon(with: Diagnostic(
                .yamlSyntax, at: Mark.start.location(in: file),
                Text(id: "pengurai YAML tidak dapat dimulai", en: "could not start the YAML parser")))
            return builder.finish()
        }
        while true {
            let event = parser.next()
            if case .failure(let failure) = event {
                builder.abandon(with: diagnostic(for: failure, bytes: bytes, text: text, file: file))
                break
            }
            guard builder.consume(event) else { break }
        }
        return builder.finish()
    }

    /// The diagnostic for libyaml's failure: SOP0107 when a tab in the indentation is the likely
    /// cause, SOP0101 otherwise.
    private static func diagnostic(for failure: ParserFailure, bytes: [UInt8], text: String, file: String) -> Diagnostic {
        switch failure {
        case .reader(let problem, let byteOffset):
            let mark = TextCheck.mark(atByteOffset: byteOffset, in: bytes)
            return Diagnostic(.invalidEncoding, at: mark.location(in: file), LibYAMLWording.problem(problem))
        case .other(let problem):
            return Diagnostic(.yamlSyntax, at: Mark.start.location(in: file), LibYAMLWording.problem(problem))
        case .syntax(let problem, let mark, let context, let contextMark):
            if let tab = indentationTab(near: mark, in: text) {
                return Diagnostic(
                    .tabIndentation, at: tab.location(in: file),
                    Text(id: "tab dipakai untuk indentasi", en: "tab used for indentation"))
            }
            var notes: [Diagnostic.Note] = []
            if let context, contextMark != mark, let start = LibYAMLWording.start(ofContext: context) {
                notes.append(Diagnostic.Note(location: contextMark.location(in: file), message: start))
            }
            let message = context.map { LibYAMLWording.problem(problem) + Text(verbatim: " ") + LibYAMLWording.context($0) }
                ?? LibYAMLWording.problem(problem)
            return Diagnostic(.yamlSyntax, at: mark.location(in: file), message, notes: notes)
        }
    }

    /// The tab the error is at, or the first tab in the leading whitespace of the error's line.
    private static func indentationTab(near mark: Mark, in text: String) -> Mark? {
        guard let line = TextCheck.line(mark.line, of: text) else { return nil }
        if mark.column >= 0, mark.column < line.count, line[mark.column] == "\t" { return mark }
        for (column, character) in line.enumerated() {
            if character == "\t" { return Mark(line: mark.line, column: column) }
            if character != " " { break }
        }
        return nil
    }
}

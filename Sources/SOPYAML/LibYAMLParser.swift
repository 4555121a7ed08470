internal import CYAML

/// What libyaml reports, one event at a time, as Swift values: no `yaml_*` type leaves this file.
enum ParserEvent: Sendable {
    /// The stream begins.
    case streamStart
    /// The stream ends (also returned for every call after the end or after a failure).
    case streamEnd
    /// A document begins (`---`, or implicitly at the first content).
    case documentStart(Mark)
    /// A document ends.
    case documentEnd
    /// An alias, `*name`.
    case alias(anchor: String, at: Mark)
    /// A scalar with its text and style.
    case scalar(String, style: ScalarStyle, properties: NodeProperties)
    /// A sequence begins.
    case sequenceStart(NodeProperties)
    /// A sequence ends.
    case sequenceEnd
    /// A mapping begins.
    case mappingStart(NodeProperties)
    /// A mapping ends.
    case mappingEnd
    /// libyaml could not go on.
    case failure(ParserFailure)
}

/// The tag, anchor and start of a node.
struct NodeProperties: Sendable {
    /// The tag as libyaml resolved it (`!!str` becomes `tag:yaml.org,2002:str`), if one was written.
    var tag: String?
    /// The anchor's name, if one was written.
    var anchor: String?
    /// Where the node starts (at its anchor or tag, if it has one).
    var start: Mark
}

/// Why libyaml stopped.
enum ParserFailure: Sendable {
    /// The reader met bytes it cannot decode; the offset counts bytes of the input.
    case reader(problem: String, byteOffset: Int)
    /// The scanner or parser met text that is not YAML.
    case syntax(problem: String, at: Mark, context: String?, contextMark: Mark)
    /// libyaml ran out of memory, or failed in a way it does not describe.
    case other(String)
}

/// Owns one libyaml parser over a copy of the input, and hands out its events one by one.
///
/// The input bytes are copied into memory this object owns, so they stay alive as long as the
/// parser reads them. Every event is deleted as soon as it has been converted.
final class LibYAMLParser {
    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let input: UnsafeMutableBufferPointer<UInt8>
    private var isFinished = false

    /// Creates a parser over UTF-8 bytes (without a byte-order mark), or `nil` if libyaml cannot
    /// allocate one.
    init?(bytes: some Collection<UInt8>) {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        guard yaml_parser_initialize(parser) == 1 else {
            parser.deallocate()
            return nil
        }
        let input = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, bytes.count))
        let written = input.initialize(fromContentsOf: bytes)
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(parser, UnsafePointer(input.baseAddress), written)
        self.parser = parser
        self.input = input
    }

    deinit {
        yaml_parser_delete(parser)
        parser.deallocate()
        input.deallocate()
    }

    /// The next event; `.streamEnd` forever once the stream has ended or failed.
    func next() -> ParserEvent {
        if isFinished { return .streamEnd }
        var event = yaml_event_t()
        defer { yaml_event_delete(&event) }
        guard yaml_parser_parse(parser, &event) == 1 else {
            isFinished = true
            return .failure(currentFailure())
        }
        switch event.type {
        case YAML_STREAM_START_EVENT:
            return .streamStart
        case YAML_DOCUMENT_START_EVENT:
            return .documentStart(Mark(event.start_mark))
        case YAML_DOCUMENT_END_EVENT:
            return .documentEnd
        case YAML_ALIAS_EVENT:
            let anchor = Self.string(event.data.alias.anchor) ?? ""
            return .alias(anchor: anchor, at: Mark(event.start_mark))
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let text = Self.string(scalar.value, length: scalar.length) ?? ""
            let properties = NodeProperties(
                tag: Self.string(scalar.tag), anchor: Self.string(scalar.anchor), start: Mark(event.start_mark))
            return .scalar(text, style: Self.style(scalar.style), properties: properties)
        case YAML_SEQUENCE_START_EVENT:
            let start = event.data.sequence_start
            return .sequenceStart(NodeProperties(
                tag: Self.string(start.tag), anchor: Self.string(start.anchor), start: Mark(event.start_mark)))
        case YAML_SEQUENCE_END_EVENT:
            return .sequenceEnd
        case YAML_MAPPING_START_EVENT:
            let start = event.data.mapping_start
            return .mappingStart(NodeProperties(
                tag: Self.string(start.tag), anchor: Self.string(start.anchor), start: Mark(event.start_mark)))
        case YAML_MAPPING_END_EVENT:
            return .mappingEnd
        default:
            // YAML_NO_EVENT (after the end) or anything libyaml may add later.
            isFinished = true
            return .streamEnd
        }
    }

    /// The parser's error, as a value.
    private func currentFailure() -> ParserFailure {
        let state = parser.pointee
        let problem = state.problem.map { String(cString: $0) }
        let context = state.context.map { String(cString: $0) }
        switch state.error {
        case YAML_READER_ERROR:
            return .reader(problem: problem ?? "cannot read the input", byteOffset: state.problem_offset)
        case YAML_SCANNER_ERROR, YAML_PARSER_ERROR:
            return .syntax(
                problem: problem ?? "invalid YAML", at: Mark(state.problem_mark),
                context: context, contextMark: Mark(state.context_mark))
        case YAML_MEMORY_ERROR:
            return .other("out of memory while parsing YAML")
        default:
            return .other(problem ?? "the YAML parser failed")
        }
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?, length: Int) -> String? {
        guard let pointer else { return nil }
        return String(decoding: UnsafeBufferPointer(start: pointer, count: max(0, length)), as: UTF8.self)
    }

    private static func style(_ style: yaml_scalar_style_t) -> ScalarStyle {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: .literal
        case YAML_FOLDED_SCALAR_STYLE: .folded
        default: .plain
        }
    }
}

extension Mark {
    /// libyaml's mark, still 0-based (see `location(in:)` for the one conversion to 1-based).
    fileprivate init(_ mark: yaml_mark_t) {
        self.init(line: Int(clamping: mark.line), column: Int(clamping: mark.column))
    }
}

import SOPCore

/// One node of a YAML document — text, a list or a mapping — with the place it starts in the file.
///
/// Scalars keep their exact text: `yes`, `015` and `2023-09-11` stay text, and the loader decides
/// what they mean. An alias is replaced by a copy of the node its anchor names, location included.
public struct YAMLNode: Hashable, Sendable {
    /// What a node holds.
    public enum Content: Hashable, Sendable {
        /// Text, exactly as written (after YAML's quoting and folding rules), with its style.
        case scalar(String, style: ScalarStyle)
        /// A list, in file order.
        case sequence([YAMLNode])
        /// A mapping, its entries in file order, each key once.
        case mapping([YAMLMappingEntry])
    }

    /// What the node holds.
    public var content: Content
    /// Where the node starts: for a scalar, its first character (the opening quote of a quoted
    /// scalar, the `|` or `>` of a block scalar); an anchor or tag written before the node counts
    /// as its start.
    public var location: SourceLocation
    /// The standard tag written on the node (for example `tag:yaml.org,2002:str`), or `nil` when
    /// none was written.
    public var tag: String?

    /// Creates a node.
    public init(_ content: Content, at location: SourceLocation, tag: String? = nil) {
        self.content = content
        self.location = location
        self.tag = tag
    }

    /// The text, if the node is a scalar.
    public var scalar: String? {
        if case .scalar(let text, _) = content { return text }
        return nil
    }

    /// Whether the node is YAML's null: an unquoted, untagged `~`, `null`, `Null`, `NULL` or
    /// nothing at all, or any scalar tagged `!!null`.
    public var isNull: Bool {
        guard case .scalar(let text, let style) = content else { return false }
        if let tag { return tag == StandardTag.null }
        guard style == .plain else { return false }
        switch text {
        case "", "~", "null", "Null", "NULL": return true
        default: return false
        }
    }

    /// The kind of node in words, for messages: `text`, `list` or `mapping`, in both languages.
    public var typeName: Text {
        switch content {
        case .scalar: Text(id: "teks", en: "text")
        case .sequence: Text(id: "daftar", en: "list")
        case .mapping: Text(id: "pemetaan", en: "mapping")
        }
    }

    /// The value under `key`, if the node is a mapping that has that key.
    public subscript(key: String) -> YAMLNode? {
        guard case .mapping(let entries) = content else { return nil }
        return entries.first { $0.key == key }?.value
    }
}

extension YAMLNode {
    /// Whether two nodes say the same, wherever they are written: the same scalars in the same
    /// styles and tags, the same lists, the same keys in the same order. Comments, blank lines and
    /// indentation, which YAML leaves out of its nodes, make no difference.
    public func saysTheSame(as other: YAMLNode) -> Bool {
        guard tag == other.tag else { return false }
        switch (content, other.content) {
        case (.scalar(let text, let style), .scalar(let otherText, let otherStyle)):
            return text == otherText && style == otherStyle
        case (.sequence(let items), .sequence(let otherItems)):
            return items.count == otherItems.count && zip(items, otherItems).allSatisfy { $0.saysTheSame(as: $1) }
        case (.mapping(let entries), .mapping(let otherEntries)):
            return entries.count == otherEntries.count
                && zip(entries, otherEntries).allSatisfy { $0.key == $1.key && $0.value.saysTheSame(as: $1.value) }
        default:
            return false
        }
    }
}

/// How a scalar was written.
public enum ScalarStyle: Hashable, Sendable {
    /// Unquoted.
    case plain
    /// In single quotes: `'…'`.
    case singleQuoted
    /// In double quotes: `"…"`.
    case doubleQuoted
    /// A literal block scalar: `|`.
    case literal
    /// A folded block scalar: `>`.
    case folded
}

/// One key and its value in a mapping, with the place the key was written.
public struct YAMLMappingEntry: Hashable, Sendable {
    /// The key's text.
    public var key: String
    /// Where the key is written (for a key given by an alias, where the alias is).
    public var keyLocation: SourceLocation
    /// The value.
    public var value: YAMLNode

    /// Creates an entry.
    public init(key: String, keyLocation: SourceLocation, value: YAMLNode) {
        self.key = key
        self.keyLocation = keyLocation
        self.value = value
    }
}

/// YAML's standard tags, the only ones a file may write.
enum StandardTag {
    static let prefix = "tag:yaml.org,2002:"
    static let null = prefix + "null"
    static let allowed: Set<String> = Set(["str", "int", "float", "bool", "null", "map", "seq"].map { prefix + $0 })

    /// The tag as an author writes it: `!!python/object` rather than `tag:yaml.org,2002:python/object`.
    static func written(_ tag: String) -> String {
        tag.hasPrefix(prefix) ? "!!" + tag.dropFirst(prefix.count) : tag
    }
}

import SOPCore

/// Builds the node tree from parser events, one event at a time, with an explicit stack (never
/// recursion), so that no input can exhaust the call stack.
///
/// It enforces the limits (nesting depth, alias expansion, one document) and reports duplicate
/// keys, keys that are not text and non-standard tags. `consume` returns `false` once building
/// should stop; the caller then stops asking libyaml for events.
struct TreeBuilder {
    private let file: String
    private let limits: YAMLLimits
    private var diagnostics: [Diagnostic] = []
    private var stack: [Frame] = []
    private var anchors: [String: Anchored] = [:]
    /// Nodes in the document so far, aliases counted at their full expanded size.
    private var expandedTotal = 0
    private var documentCount = 0
    private var root: YAMLNode?
    private var isRootComplete = false
    /// Set when building stopped on an error that leaves the tree unusable.
    private var isAbandoned = false

    /// A collection being built.
    private struct Frame {
        var isMapping: Bool
        var properties: NodeProperties
        var location: SourceLocation
        /// The node has a non-standard tag: build it (to report what is inside) but keep nothing.
        var isDiscarded: Bool
        var items: [YAMLNode] = []
        var entries: [YAMLMappingEntry] = []
        /// Each key so far and where it was written, for finding duplicates: a linear search is
        /// fastest for the few keys of a workflow mapping; an index takes over for long mappings.
        var keys: [(text: String, location: SourceLocation)] = []
        var keyIndex: [String: SourceLocation]?
        /// `nil` while a key is expected; otherwise the key whose value comes next.
        var pendingKey: PendingKey?
        /// 1 + the expanded sizes of the children so far.
        var expandedCount = 1
        /// How many collections deep the node is, itself included.
        var height = 1
    }

    private enum PendingKey {
        case valid(String, SourceLocation)
        /// A key that is reported already (duplicate, not text, bad tag): its value is dropped.
        case invalid
    }

    /// What an anchor names: the node (or `nil` if it was discarded), its expanded size and height.
    private struct Anchored {
        var node: YAMLNode?
        var expandedCount: Int
        var height: Int
    }

    init(file: String, limits: YAMLLimits) {
        self.file = file
        self.limits = limits
    }

    /// Takes the next event; `false` means stop reading.
    mutating func consume(_ event: ParserEvent) -> Bool {
        switch event {
        case .streamStart, .documentEnd:
            return true
        case .streamEnd, .failure:
            // The reader reports failures through `abandon(with:)`.
            return false
        case .documentStart(let mark):
            documentCount += 1
            guard documentCount == 1 else {
                diagnostics.append(Diagnostic(
                    .multipleDocuments, at: mark.location(in: file), Text(
                        id: "dokumen YAML kedua dimulai di sini",
                        en: "a second YAML document starts here")))
                return false
            }
            return true
        case .scalar(let text, let style, let properties):
            countNodes(1)
            let location = properties.start.location(in: file)
            let isKept = checkTag(properties.tag, at: location)
            let node = isKept ? YAMLNode(.scalar(text, style: style), at: location, tag: properties.tag) : nil
            remember(properties.anchor, node: node, expandedCount: 1, height: 0)
            attach(node, expandedCount: 1, height: 0, writtenAt: location)
            return true
        case .sequenceStart(let properties):
            return open(isMapping: false, properties)
        case .mappingStart(let properties):
            return open(isMapping: true, properties)
        case .sequenceEnd, .mappingEnd:
            close()
            return true
        case .alias(let name, let mark):
            return alias(name, at: mark.location(in: file))
        }
    }

    /// Stops building because of an error that leaves no usable tree.
    mutating func abandon(with diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
        isAbandoned = true
    }

    private static let noContent = Text(id: "berkas tidak berisi apa pun", en: "file has no content")

    /// The root (or `nil`) and every diagnostic, once reading has stopped.
    func finish() -> (root: YAMLNode?, diagnostics: [Diagnostic]) {
        if isAbandoned { return (nil, diagnostics) }
        let start = Mark.start.location(in: file)
        if documentCount == 0 {
            return (nil, diagnostics + [Diagnostic(.emptyFile, at: start, Self.noContent)])
        }
        guard isRootComplete, let root else { return (nil, diagnostics) }
        if case .scalar("", .plain) = root.content, root.tag == nil {
            return (nil, diagnostics + [Diagnostic(.emptyFile, at: start, Self.noContent)])
        }
        return (root, diagnostics)
    }

    // MARK: Events

    private mutating func open(isMapping: Bool, _ properties: NodeProperties) -> Bool {
        countNodes(1)
        let location = properties.start.location(in: file)
        guard stack.count < limits.maxDepth else {
            abandon(with: Diagnostic(
                .nestingTooDeep, at: location,
                Text(
                    id: "susunan bertingkat lebih dalam dari \(limits.maxDepth) lapis",
                    en: "nesting deeper than \(limits.maxDepth) levels")))
            return false
        }
        let isKept = checkTag(properties.tag, at: location)
        stack.append(Frame(isMapping: isMapping, properties: properties, location: location, isDiscarded: !isKept))
        return true
    }

    private mutating func close() {
        guard let frame = stack.popLast() else { return }
        var node: YAMLNode?
        if !frame.isDiscarded {
            let content: YAMLNode.Content = frame.isMapping ? .mapping(frame.entries) : .sequence(frame.items)
            node = YAMLNode(content, at: frame.location, tag: frame.properties.tag)
        }
        remember(frame.properties.anchor, node: node, expandedCount: frame.expandedCount, height: frame.height)
        attach(node, expandedCount: frame.expandedCount, height: frame.height, writtenAt: frame.location)
    }

    private mutating func alias(_ name: String, at location: SourceLocation) -> Bool {
        guard let anchored = anchors[name] else {
            diagnostics.append(Diagnostic(
                .aliasLimit, at: location,
                Text(id: "alias '*\(name)' tidak merujuk anchor mana pun", en: "alias '*\(name)' refers to no anchor"),
                hint: Text(
                    id: "tetapkan anchor '&\(name)' pada sebuah node sebelum alias ini",
                    en: "define the anchor with '&\(name)' on a node before this alias")))
            attach(nil, expandedCount: 1, height: 0, writtenAt: location)
            return true
        }
        countNodes(anchored.expandedCount)
        guard expandedTotal <= limits.maxExpandedNodes else {
            abandon(with: Diagnostic(
                .aliasLimit, at: location,
                Text(
                    id: "alias menguraikan dokumen menjadi lebih dari \(limits.maxExpandedNodes) node",
                    en: "aliases expand the document to more than \(limits.maxExpandedNodes) nodes")))
            return false
        }
        guard stack.count + anchored.height <= limits.maxDepth else {
            abandon(with: Diagnostic(
                .nestingTooDeep, at: location,
                Text(
                    id: "alias '*\(name)' membuat dokumen bertingkat lebih dalam dari \(limits.maxDepth) lapis",
                    en: "alias '*\(name)' nests the document deeper than \(limits.maxDepth) levels")))
            return false
        }
        attach(anchored.node, expandedCount: anchored.expandedCount, height: anchored.height, writtenAt: location)
        return true
    }

    // MARK: Building

    private mutating func countNodes(_ count: Int) {
        expandedTotal = Self.saturatingSum(expandedTotal, count)
    }

    /// Whether a node with this tag is kept; reports a non-standard tag.
    private mutating func checkTag(_ tag: String?, at location: SourceLocation) -> Bool {
        guard let tag, !StandardTag.allowed.contains(tag) else { return true }
        diagnostics.append(Diagnostic(
            .nonStandardTag, at: location,
            Text(
                id: "tag '\(StandardTag.written(tag))' bukan tag YAML standar",
                en: "tag '\(StandardTag.written(tag))' is not a standard YAML tag")))
        return false
    }

    private mutating func remember(_ anchor: String?, node: YAMLNode?, expandedCount: Int, height: Int) {
        guard let anchor else { return }
        anchors[anchor] = Anchored(node: node, expandedCount: expandedCount, height: height)
    }

    /// Adds a finished node to the collection being built, or makes it the root.
    private mutating func attach(_ node: YAMLNode?, expandedCount: Int, height: Int, writtenAt location: SourceLocation) {
        guard let top = stack.indices.last else {
            root = node
            isRootComplete = true
            return
        }
        stack[top].expandedCount = Self.saturatingSum(stack[top].expandedCount, expandedCount)
        stack[top].height = max(stack[top].height, Self.saturatingSum(height, 1))
        guard stack[top].isMapping else {
            if let node { stack[top].items.append(node) }
            return
        }
        switch stack[top].pendingKey {
        case nil:
            stack[top].pendingKey = key(node, writtenAt: location, in: top)
        case .valid(let key, let keyLocation):
            stack[top].pendingKey = nil
            if let node {
                stack[top].entries.append(YAMLMappingEntry(key: key, keyLocation: keyLocation, value: node))
            }
        case .invalid:
            stack[top].pendingKey = nil
        }
    }

    private mutating func key(_ node: YAMLNode?, writtenAt location: SourceLocation, in frameIndex: Int) -> PendingKey {
        guard let node else { return .invalid }
        guard case .scalar(let text, _) = node.content else {
            diagnostics.append(Diagnostic(
                .complexKey, at: location,
                Text(id: "kunci pemetaan berupa \(node.typeName.id), bukan teks", en: "mapping key is a \(node.typeName.en), not text")))
            return .invalid
        }
        if let first = firstLocation(of: text, in: frameIndex) {
            diagnostics.append(Diagnostic(
                .duplicateKey, at: location, Text(id: "kunci ganda '\(text)'", en: "duplicate key '\(text)'"),
                notes: [Diagnostic.Note(location: first, message: Text(id: "pertama ditulis di sini", en: "first defined here"))]))
            return .invalid
        }
        stack[frameIndex].keys.append((text, location))
        if stack[frameIndex].keyIndex != nil {
            stack[frameIndex].keyIndex?[text] = location
        } else if stack[frameIndex].keys.count > 16 {
            stack[frameIndex].keyIndex = Dictionary(
                stack[frameIndex].keys.map { ($0.text, $0.location) }, uniquingKeysWith: { first, _ in first })
        }
        return .valid(text, location)
    }

    /// Where a key was first written in a mapping being built, if it was.
    private func firstLocation(of text: String, in frameIndex: Int) -> SourceLocation? {
        if let index = stack[frameIndex].keyIndex { return index[text] }
        return stack[frameIndex].keys.first { $0.text == text }?.location
    }

    private static func saturatingSum(_ lhs: Int, _ rhs: Int) -> Int {
        let (sum, overflow) = lhs.addingReportingOverflow(rhs)
        return overflow ? Int.max : sum
    }
}

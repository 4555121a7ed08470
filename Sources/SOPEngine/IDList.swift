import SOPModel

/// Ids of one kind, searched in order: the first id equal to the one asked for is found, as
/// `Array.firstIndex(of:)` finds it, but without comparing the text of most ids that differ.
///
/// Strings compare as Unicode text, and comparing two different strings costs a call into the
/// standard library. When every id of the list is ASCII, two of them are equal only when their
/// bytes are, so an id equal to the one asked for in fewer or more UTF-8 bytes (a Kelvin sign for
/// `K`) is equal to no other id of the list: a first pass compares only the ids whose length in
/// UTF-8 is the asked id's, and a full pass runs only when it finds none.
struct IDList<Tag>: Sendable {
    /// The ids, in order.
    let ids: [Identifier<Tag>]
    /// The length of each id in UTF-8 bytes.
    private let lengths: [Int]
    /// Whether every id is ASCII (the first pass is then exact).
    private let isASCII: Bool

    init(_ ids: [Identifier<Tag>]) {
        self.ids = ids
        lengths = ids.map(\.rawValue.utf8.count)
        isASCII = ids.allSatisfy { $0.rawValue.utf8.allSatisfy { $0 < 0x80 } }
    }

    /// The position of the first id equal to `id`, or nil.
    func firstIndex(of id: Identifier<Tag>) -> Int? {
        if isASCII {
            let length = id.rawValue.utf8.count
            for index in lengths.indices where lengths[index] == length && ids[index] == id { return index }
        }
        return ids.firstIndex(of: id)
    }

    /// Whether some id is equal to `id`.
    func contains(_ id: Identifier<Tag>) -> Bool { firstIndex(of: id) != nil }
}

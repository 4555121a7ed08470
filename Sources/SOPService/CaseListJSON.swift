import Foundation

/// The JSON of a case list (`sop case list` and `sop queue` with `--format json`): byte for byte
/// what `JSONEncoder` writes for `[CaseListItem]` with `.prettyPrinted`, `.sortedKeys`,
/// `.withoutEscapingSlashes` and ISO 8601 dates. `CaseListJSONTests` compares the two on random
/// lists, every control character and every optional value included.
///
/// Why not `JSONEncoder` itself: `sop case list --overdue --format json` on 1,000,000 cases
/// (4,475 listed) is to answer within 100 ms (sop-bench, suite `cli`). Through `JSONEncoder` it
/// took a median of 99–134 ms (its generic containers: about 85 ms of CPU for the list); with
/// this writer 78–82 ms, in alternating runs on 2026-12-06. A list item is flat, so its JSON is
/// written here; everything else `sop` prints as JSON goes through `JSONEncoder`.
public enum CaseListJSON {
    /// The list as pretty-printed JSON, without a final newline.
    public static func text(_ items: [CaseListItem]) -> String {
        guard !items.isEmpty else { return "[\n\n]" }
        var out = "[\n"
        out.reserveCapacity(items.count * 600)
        for (index, item) in items.enumerated() {
            if index > 0 { out += ",\n" }
            write(item, into: &out)
        }
        out += "\n]"
        return out
    }

    /// One item at depth 1, its keys in `JSONEncoder`'s sorted order.
    private static func write(_ item: CaseListItem, into out: inout String) {
        var fields: [(key: String, value: String)] = []
        fields.reserveCapacity(15)
        if let activity = item.activity { fields.append(("activity", quoted(activity))) }
        fields.append(("actors", array(item.actors.map(quoted))))
        if let channel = item.channel { fields.append(("channel", quoted(channel))) }
        if let closedAt = item.closedAt { fields.append(("closedAt", date(closedAt))) }
        fields.append(("dueAt", date(item.dueAt)))
        if let next = item.nextScheduledAt { fields.append(("nextScheduledAt", date(next))) }
        fields.append(("number", String(item.number)))
        fields.append(("openedAt", date(item.openedAt)))
        fields.append(("registerNumber", quoted(item.registerNumber)))
        fields.append(("revision", String(item.revision)))
        if let sla = item.sla { fields.append(("sla", quoted(sla.rawValue))) }
        fields.append(("status", quoted(item.status.rawValue)))
        if let step = item.step { fields.append(("step", quoted(step))) }
        if let stepDueAt = item.stepDueAt { fields.append(("stepDueAt", date(stepDueAt))) }
        fields.append(("uncoveredYears", array(item.uncoveredYears.map(String.init))))
        fields.append(("workflow", quoted(item.workflow)))
        out += "  {\n"
        for (index, field) in fields.enumerated() {
            if index > 0 { out += ",\n" }
            out += "    \"" + field.key + "\" : " + field.value
        }
        out += "\n  }"
    }

    /// A list of values at depth 2 (inside an item).
    private static func array(_ values: [String]) -> String {
        guard !values.isEmpty else { return "[\n\n    ]" }
        return "[\n" + values.map { "      " + $0 }.joined(separator: ",\n") + "\n    ]"
    }

    /// A date as `JSONEncoder.DateEncodingStrategy.iso8601` writes it.
    private static func date(_ date: Date) -> String {
        "\"" + date.formatted(.iso8601) + "\""
    }

    /// A string in quotes, escaped as `JSONEncoder` escapes it (slashes not escaped).
    private static func quoted(_ text: String) -> String {
        // Most values need no escape at all: copied whole.
        var text = text
        if text.withUTF8({ bytes in !bytes.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C } }) {
            return "\"" + text + "\""
        }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

/// The `event_rows` column of a case: the ids of its events in the `events` table, in the order
/// of their sequence numbers, written as decimal numbers separated by commas (`1,2,57,58`).
///
/// A case's events are read through it (`json_each('[' || event_rows || ']')`), and a step adds
/// its own events' ids to it in the same `UPDATE` that writes the case's other columns, so
/// the events table needs no index on the case.
enum EventRows {
    /// The list of some ids, in the order given.
    static func text(_ rows: [Int64]) -> String {
        var text = ""
        text.reserveCapacity(rows.count * 8)
        for (index, row) in rows.enumerated() {
            if index > 0 { text += "," }
            text += String(row)
        }
        return text
    }

    /// The text a step appends to a list that is not empty: a comma before each id.
    static func appended(_ rows: [Int64]) -> String {
        var text = ""
        text.reserveCapacity(rows.count * 8)
        for row in rows {
            text += ","
            text += String(row)
        }
        return text
    }

    /// The ids of a list, or nil when it is not one: decimal numbers without sign, separated by
    /// single commas, each greater than the one before (events get ids in the order they are
    /// written, and a case's events are written in order). An empty text is the empty list.
    static func parse(_ text: String) -> [Int64]? {
        var ids: [Int64] = []
        var current: Int64 = 0
        var digits = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let (times, overflow) = current.multipliedReportingOverflow(by: 10)
                let (sum, overflowSum) = times.addingReportingOverflow(Int64(byte - UInt8(ascii: "0")))
                guard !overflow, !overflowSum else { return nil }
                current = sum
                digits += 1
            case UInt8(ascii: ","):
                guard digits > 0, current > (ids.last ?? -1) else { return nil }
                ids.append(current)
                current = 0
                digits = 0
            default:
                return nil
            }
        }
        if text.isEmpty { return [] }
        guard digits > 0, current > (ids.last ?? -1) else { return nil }
        ids.append(current)
        return ids
    }

    /// The SQL of the events of the case with a given `event_rows` text (`?`), in order: each
    /// event's case number, sequence and JSON payload.
    static let selectEvents = """
        SELECT e.case_number, e.sequence, e.payload
        FROM json_each('[' || ? || ']') AS listed JOIN events AS e ON e.id = listed.value
        ORDER BY listed.key
        """
}

/// The `event_rows` column of a case: the row ids of its events in the `events` table, in the
/// order of their sequence numbers, written as decimal numbers separated by commas (`1,2,57,58`).
///
/// A case's events are read through it (`json_each('[' || event_rows || ']')`), and a step adds
/// its own events' row ids to it in the same `UPDATE` that writes the case's other columns, so
/// the events table needs no index on the case.
enum EventRows {
    /// The list of some row ids, in the order given.
    static func text(_ rows: [Int64]) -> String {
        var text = ""
        text.reserveCapacity(rows.count * 8)
        for (index, row) in rows.enumerated() {
            if index > 0 { text += "," }
            text += String(row)
        }
        return text
    }

    /// The text a step appends to a list that is not empty: a comma before each row id.
    static func appended(_ rows: [Int64]) -> String {
        var text = ""
        text.reserveCapacity(rows.count * 8)
        for row in rows {
            text += ","
            text += String(row)
        }
        return text
    }

    /// The SQL of the events of the case with a given `event_rows` text (`?`), in order: each
    /// event's case number, sequence and JSON payload.
    static let selectEvents = """
        SELECT e.case_number, e.sequence, e.payload
        FROM json_each('[' || ? || ']') AS listed JOIN events AS e ON e.rowid = listed.value
        ORDER BY listed.key
        """
}

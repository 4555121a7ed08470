import Foundation
import SOPCore
import SOPModel

/// One all-day event of a feed.
public struct ICalendarEvent: Hashable, Sendable {
    /// The event's `SUMMARY`, unescaped (`\\`, `\;`, `\,`, `\n`), on one line, runs of spaces made
    /// one, trimmed; empty when the event has none.
    public var summary: String
    /// The first day of the event: its `DTSTART`.
    public var first: CivilDate
    /// Every day of the event, in order: `DTSTART` up to `DTEND` exclusive (or for `DURATION`);
    /// at least one, at most `ICalendarReader.maximumEventDays`.
    public var dates: [CivilDate]
    /// The 1-based line of the event's `BEGIN:VEVENT` in the file (a physical line, counted before
    /// folded lines are joined).
    public var line: Int

    /// Creates an event from its parts.
    public init(summary: String, first: CivilDate, dates: [CivilDate], line: Int) {
        self.summary = summary
        self.first = first
        self.dates = dates
        self.line = line
    }
}

/// An event the reader did not take, and why.
public struct ICalendarSkipped: Hashable, Sendable {
    /// Why an event was not taken.
    public enum Reason: String, Hashable, Sendable {
        /// `DTSTART` has a time of day: a meeting, not an all-day holiday.
        case timed
        /// `RRULE` or `RDATE`: a recurring event, whose occurrences are not expanded.
        case recurring
        /// `STATUS:CANCELLED`.
        case cancelled
        /// No `DTSTART`: the event has no date.
        case noStart
    }

    /// The event's `SUMMARY`, as for `ICalendarEvent.summary`; empty when it has none.
    public var summary: String
    /// The 1-based line of the event's `BEGIN:VEVENT`.
    public var line: Int
    /// Why the event was not taken.
    public var reason: Reason

    /// Creates a skipped event from its parts.
    public init(summary: String, line: Int, reason: Reason) {
        self.summary = summary
        self.line = line
        self.reason = reason
    }
}

/// The all-day events of an iCalendar file, and the events it skipped.
public struct ICalendarFeed: Hashable, Sendable {
    /// The all-day events, in file order.
    public var events: [ICalendarEvent]
    /// The events not taken, in file order, with the reason.
    public var skipped: [ICalendarSkipped]

    /// Creates a feed from its events.
    public init(events: [ICalendarEvent], skipped: [ICalendarSkipped]) {
        self.events = events
        self.skipped = skipped
    }

    /// Every date of the events with the summaries of the events on it, sorted by date. Several
    /// events on one date keep file order; a summary that two events of one date share is given
    /// once.
    public var days: [(date: CivilDate, summaries: [String])] {
        var summaries: [CivilDate: [String]] = [:]
        for event in events {
            for date in event.dates where !(summaries[date]?.contains(event.summary) ?? false) {
                summaries[date, default: []].append(event.summary)
            }
        }
        return summaries.keys.sorted().map { (date: $0, summaries: summaries[$0] ?? []) }
    }

    /// The years the events' dates fall in, sorted, each once.
    public var years: [Int] {
        Set(events.flatMap { $0.dates.map(\.year) }).sorted()
    }
}

/// Why an iCalendar file cannot be read.
public struct ICalendarError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The 1-based line of the file where the problem is, when it is known.
    public var line: Int?
    /// What is wrong and what to do, in both languages.
    public var message: Text

    /// Creates an error at a line (nil when it is not about one line).
    public init(line: Int?, message: Text) {
        self.line = line
        self.message = message
    }

    /// The message in English, after `line N: ` when the line is known.
    public var description: String {
        (line.map { "line \($0): " } ?? "") + message.en
    }
}

/// Reads the all-day events of an iCalendar file (RFC 5545), such as a public-holiday feed of
/// Google Calendar, Thunderbird or officeholidays.
///
/// The reader is strict and safe on hostile input: it never traps, never hangs, reads at most
/// `maximumBytes`, and refuses what it cannot read exactly (a broken line, a date out of range,
/// a summary with control characters) with the line and the way out, rather than guessing.
/// Events with a time of day, recurring and cancelled events, and events without a start are
/// skipped and listed, not read. Components other than `VEVENT` (`VTIMEZONE`, `VALARM`, …) are
/// ignored.
public enum ICalendarReader {
    /// The largest file read: 4 MiB. A national feed for ten years is about 100 KiB.
    public static let maximumBytes: Int = 4 * 1024 * 1024
    /// The most days an all-day event may last; a longer one is refused as an error.
    public static let maximumEventDays: Int = 31

    /// The most events (`VEVENT`) a file may have.
    static let maximumEvents = 10_000
    /// The deepest nesting of components (`BEGIN` inside `BEGIN`).
    static let maximumDepth = 16
    /// The longest summary, in Unicode scalars.
    static let maximumSummaryLength = 200

    /// Reads the content of an iCalendar file.
    public static func read(_ data: Data) throws(ICalendarError) -> ICalendarFeed {
        guard data.count <= maximumBytes else { throw .tooLarge(byteCount: Int64(data.count)) }
        var parser = Parser()
        return try parser.parse([UInt8](data))
    }

    /// Reads an iCalendar file. Refused before it is read when it is larger than `maximumBytes`,
    /// when it is not a regular file (a folder, a pipe, a device) or when it cannot be opened;
    /// never more than `maximumBytes + 1` bytes are read, even from a file that grows.
    public static func read(path: String) throws(ICalendarError) -> ICalendarFeed {
        // Opened without blocking, so that a pipe without a writer is refused rather than waited on.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw .cannotOpen(errno: errno) }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw .cannotRead(errno: errno) }
        let type = status.st_mode & mode_t(S_IFMT)
        guard type == mode_t(S_IFREG) else { throw .notRegularFile(isDirectory: type == mode_t(S_IFDIR)) }
        let size = Int64(status.st_size)
        guard size <= Int64(maximumBytes) else { throw .tooLarge(byteCount: size) }
        let data: Data
        do {
            data = try handle.read(upToCount: maximumBytes + 1) ?? Data()
        } catch {
            throw .cannotRead(errno: EIO)
        }
        guard data.count <= maximumBytes else { throw .tooLarge(byteCount: Int64(data.count), atLeast: true) }
        return try read(data)
    }
}

// MARK: - Parsing

private let cr: UInt8 = 0x0D
private let lf: UInt8 = 0x0A
private let space: UInt8 = 0x20
private let tab: UInt8 = 0x09
private let colon: UInt8 = 0x3A
private let semicolon: UInt8 = 0x3B
private let comma: UInt8 = 0x2C
private let quote: UInt8 = 0x22
private let equals: UInt8 = 0x3D

/// A line as the content has it once folded lines are joined.
private struct LogicalLine {
    /// The physical line it starts on, 1-based.
    var line: Int
    /// Its bytes, without the line break.
    var bytes: [UInt8]
    /// Whether it is a continuation with no line before it to continue.
    var isOrphan: Bool
}

/// A content line: `NAME;PARAM=VALUE:VALUE`.
private struct Property {
    /// The name, in capitals.
    var name: String
    /// The parameters, their names in capitals, each with its first value as written.
    var parameters: [String: String]
    /// The value's bytes, valid UTF-8.
    var value: ArraySlice<UInt8>
    /// The line it starts on.
    var line: Int

    /// The value as text.
    var text: String { String(decoding: value, as: UTF8.self) }
}

/// A component that `BEGIN` opened and `END` has not closed yet.
private struct OpenComponent {
    var name: String
    var line: Int
}

/// The properties of a `VEVENT` read so far.
private struct EventDraft {
    var line: Int
    var summary: String?
    var summaryLine = 0
    var start: Property?
    var end: Property?
    var duration: Property?
    var isRecurring = false
    var isCancelled = false
}

/// `DTSTART` or `DTEND`: a date, or a date with a time.
private enum Moment {
    case date(CivilDate)
    case dateTime
}

private struct Parser {
    var events: [ICalendarEvent] = []
    var skipped: [ICalendarSkipped] = []

    mutating func parse(_ input: [UInt8]) throws(ICalendarError) -> ICalendarFeed {
        var bytes = input[...]
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { throw .utf16 }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        let lines = try Self.logicalLines(bytes)
        guard lines.contains(where: { Self.isBeginCalendar($0.bytes) }) else { throw .noCalendar }

        var stack: [OpenComponent] = []
        var draft: EventDraft?
        var seenCalendar = false
        var eventCount = 0
        for logical in lines {
            if logical.isOrphan { throw .continuationAtStart(line: logical.line) }
            guard Self.isValidUTF8(logical.bytes) else { throw .notUTF8(line: logical.line) }
            let property = try Self.property(logical)

            guard let top = stack.last else {
                guard property.name == "BEGIN", Self.upper(property.value) == "VCALENDAR" else {
                    throw seenCalendar
                        ? .contentOutside(line: property.line, text: logical.bytes)
                        : .contentBefore(line: property.line, text: logical.bytes)
                }
                seenCalendar = true
                stack.append(OpenComponent(name: "VCALENDAR", line: property.line))
                continue
            }
            switch property.name {
            case "BEGIN":
                let name = try Self.componentName(property)
                guard stack.count < ICalendarReader.maximumDepth else { throw .tooDeep(line: property.line) }
                if name == "VEVENT" {
                    guard stack.count == 1, top.name == "VCALENDAR" else {
                        throw .nestedEvent(line: property.line, parent: top.name)
                    }
                    eventCount += 1
                    guard eventCount <= ICalendarReader.maximumEvents else { throw .tooManyEvents(line: property.line) }
                    draft = EventDraft(line: property.line)
                }
                stack.append(OpenComponent(name: name, line: property.line))
            case "END":
                let name = try Self.componentName(property)
                guard name == top.name else { throw .mismatchedEnd(line: property.line, name: name, open: top) }
                stack.removeLast()
                if name == "VEVENT", stack.count == 1, let finished = draft {
                    try finish(finished)
                    draft = nil
                }
            default:
                // Only the event's own properties, not those of a VALARM inside it.
                if var current = draft, stack.count == 2 {
                    draft = nil  // the one copy, changed in place
                    try take(property, into: &current)
                    draft = current
                }
            }
        }
        if let open = stack.last { throw .unterminated(open) }
        return ICalendarFeed(events: events, skipped: skipped)
    }

    /// Notes a property of an event; the summary is checked at once.
    private func take(_ property: Property, into draft: inout EventDraft) throws(ICalendarError) {
        func once(_ existing: Property?) throws(ICalendarError) {
            if let existing { throw .twice(line: property.line, name: property.name, first: existing.line) }
        }
        switch property.name {
        case "SUMMARY":
            if draft.summary != nil { throw .twice(line: property.line, name: "SUMMARY", first: draft.summaryLine) }
            draft.summary = try Self.summary(property)
            draft.summaryLine = property.line
        case "DTSTART":
            try once(draft.start)
            draft.start = property
        case "DTEND":
            try once(draft.end)
            if let duration = draft.duration { throw .endAndDuration(line: property.line, other: duration.line) }
            draft.end = property
        case "DURATION":
            try once(draft.duration)
            if let end = draft.end { throw .endAndDuration(line: property.line, other: end.line) }
            draft.duration = property
        case "RRULE", "RDATE":
            draft.isRecurring = true
        case "STATUS":
            if Self.upper(property.value).trimmingCharacters(in: .whitespaces) == "CANCELLED" { draft.isCancelled = true }
        default:
            break
        }
    }

    /// Takes an event whose `END:VEVENT` was read, or skips it.
    private mutating func finish(_ draft: EventDraft) throws(ICalendarError) {
        let summary = draft.summary ?? ""
        let start = try draft.start.map { property throws(ICalendarError) in try Self.moment(property) }
        func skip(_ reason: ICalendarSkipped.Reason) {
            skipped.append(ICalendarSkipped(summary: summary, line: draft.line, reason: reason))
        }
        if draft.isCancelled { return skip(.cancelled) }
        if draft.isRecurring { return skip(.recurring) }
        guard let start else { return skip(.noStart) }
        guard case .date(let first) = start else { return skip(.timed) }

        var count = 1
        var endLine = draft.line
        if let end = draft.end {
            endLine = end.line
            guard case .date(let last) = try Self.moment(end) else { throw .endHasTime(line: end.line, value: end.text) }
            guard last >= first else { throw .endBeforeStart(line: end.line, start: first, end: last) }
            count = max(1, last.daysSinceEpoch - first.daysSinceEpoch)
        } else if let duration = draft.duration {
            endLine = duration.line
            count = max(1, try Self.days(duration))
        }
        guard count <= ICalendarReader.maximumEventDays else { throw .tooLong(line: endLine, days: count) }
        var dates: [CivilDate] = []
        let origin = first.daysSinceEpoch
        for offset in 0..<count {
            guard let date = CivilDate(daysSinceEpoch: origin + offset) else { throw .pastYear9999(line: endLine) }
            dates.append(date)
        }
        events.append(ICalendarEvent(summary: summary, first: first, dates: dates, line: draft.line))
    }

    // MARK: Lines

    /// The content's lines, folded lines joined: a line starting with a space or a tab continues
    /// the one before, without that character. Empty lines are left out.
    static func logicalLines(_ bytes: ArraySlice<UInt8>) throws(ICalendarError) -> [LogicalLine] {
        var lines: [LogicalLine] = []
        var index = bytes.startIndex
        var number = 0
        while index < bytes.endIndex {
            number += 1
            let end = bytes[index...].firstIndex(of: lf) ?? bytes.endIndex
            var contentEnd = end
            if contentEnd > index && bytes[contentEnd - 1] == cr { contentEnd -= 1 }
            let physical = bytes[index..<contentEnd]
            index = end < bytes.endIndex ? end + 1 : end
            if physical.contains(cr) { throw .bareCarriageReturn(line: number) }
            guard let first = physical.first else { continue }
            if first == space || first == tab {
                if lines.isEmpty {
                    lines.append(LogicalLine(line: number, bytes: Array(physical.dropFirst()), isOrphan: true))
                } else {
                    lines[lines.count - 1].bytes.append(contentsOf: physical.dropFirst())
                }
            } else {
                lines.append(LogicalLine(line: number, bytes: Array(physical), isOrphan: false))
            }
        }
        return lines
    }

    static func isBeginCalendar(_ bytes: [UInt8]) -> Bool {
        bytes.count == 15 && upper(bytes[...]) == "BEGIN:VCALENDAR"
    }

    static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }

    /// ASCII letters in capitals, the rest as it is.
    static func upper(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes.map { (0x61...0x7A).contains($0) ? $0 - 0x20 : $0 }, as: UTF8.self)
    }

    static func isNameByte(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) || byte == 0x2D
    }

    /// A content line: `NAME *(";" PARAM "=" VALUE *("," VALUE)) ":" VALUE`, parameter values
    /// possibly in double quotes.
    static func property(_ logical: LogicalLine) throws(ICalendarError) -> Property {
        let bytes = logical.bytes
        let line = logical.line
        var index = 0
        while index < bytes.count && isNameByte(bytes[index]) { index += 1 }
        guard index > 0, index < bytes.count, bytes[index] == colon || bytes[index] == semicolon else {
            throw bytes.contains(colon) ? .badName(line: line, text: bytes) : .noColon(line: line, text: bytes)
        }
        let name = upper(bytes[0..<index])
        var parameters: [String: String] = [:]
        while bytes[index] == semicolon {
            index += 1
            let nameStart = index
            while index < bytes.count && isNameByte(bytes[index]) { index += 1 }
            guard index > nameStart, index < bytes.count, bytes[index] == equals else {
                throw bytes[index...].contains(colon) ? .badParameter(line: line, text: bytes) : .noColon(line: line, text: bytes)
            }
            let parameterName = upper(bytes[nameStart..<index])
            index += 1
            var firstValue: String?
            while true {
                let value: ArraySlice<UInt8>
                if index < bytes.count && bytes[index] == quote {
                    index += 1
                    let valueStart = index
                    while index < bytes.count && bytes[index] != quote { index += 1 }
                    guard index < bytes.count else { throw .unclosedQuote(line: line, text: bytes) }
                    value = bytes[valueStart..<index]
                    index += 1
                } else {
                    let valueStart = index
                    while index < bytes.count && ![semicolon, colon, comma, quote].contains(bytes[index]) { index += 1 }
                    if index < bytes.count && bytes[index] == quote { throw .badParameter(line: line, text: bytes) }
                    value = bytes[valueStart..<index]
                }
                if firstValue == nil { firstValue = String(decoding: value, as: UTF8.self) }
                guard index < bytes.count, bytes[index] == comma else { break }
                index += 1
            }
            guard index < bytes.count else { throw .noColon(line: line, text: bytes) }
            guard bytes[index] == colon || bytes[index] == semicolon else { throw .badParameter(line: line, text: bytes) }
            if parameters[parameterName] == nil { parameters[parameterName] = firstValue ?? "" }
        }
        // bytes[index] is the colon.
        return Property(name: name, parameters: parameters, value: bytes[(index + 1)...], line: line)
    }

    /// The component `BEGIN:` or `END:` names, in capitals.
    static func componentName(_ property: Property) throws(ICalendarError) -> String {
        guard !property.value.isEmpty, property.value.allSatisfy(isNameByte) else {
            throw .badComponent(line: property.line, keyword: property.name, value: property.text)
        }
        return upper(property.value)
    }

    // MARK: Values

    /// `SUMMARY` unescaped, on one line, runs of spaces made one, trimmed; refused with control
    /// characters, direction controls, or too long.
    static func summary(_ property: Property) throws(ICalendarError) -> String {
        var scalars = String.UnicodeScalarView()
        var escaping = false
        for scalar in property.text.unicodeScalars {
            if escaping {
                escaping = false
                switch scalar {
                case "\\", ";", ",": scalars.append(scalar)
                case "n", "N": scalars.append(" ")
                default:
                    scalars.append("\\")
                    scalars.append(scalar)
                }
            } else if scalar == "\\" {
                escaping = true
            } else {
                scalars.append(scalar)
            }
        }
        if escaping { scalars.append("\\") }
        for scalar in scalars {
            if let kind = unsafeKind(scalar) { throw .unsafeSummary(line: property.line, scalar: scalar, kind: kind) }
        }
        let text = String(scalars).split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        let length = text.unicodeScalars.count
        guard length <= ICalendarReader.maximumSummaryLength else { throw .summaryTooLong(line: property.line, length: length) }
        return text
    }

    enum UnsafeKind { case control, direction, lineSeparator }

    /// Why a character may not be in a summary: it would act on a terminal or break a YAML file.
    static func unsafeKind(_ scalar: Unicode.Scalar) -> UnsafeKind? {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: .control
        case 0x202A...0x202E, 0x2066...0x2069: .direction
        case 0x2028, 0x2029: .lineSeparator
        default: nil
        }
    }

    /// `DTSTART` or `DTEND`: a date (`VALUE=DATE` or 8 digits) or a date with a time.
    static func moment(_ property: Property) throws(ICalendarError) -> Moment {
        let kind = property.parameters["VALUE"].map { upper(Array($0.utf8)[...]) }
        switch kind {
        case "DATE"?:
            return .date(try date(property))
        case "DATE-TIME"?:
            try checkDateTime(property)
            return .dateTime
        case nil:
            if property.value.contains(where: { $0 == 0x54 || $0 == 0x74 }) {
                try checkDateTime(property)
                return .dateTime
            }
            return .date(try date(property))
        case let other?:
            throw .unsupportedValueType(line: property.line, name: property.name, type: other)
        }
    }

    static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }

    /// The number the digits of `bytes` write; they are at most 8, so it cannot overflow.
    static func number(_ bytes: ArraySlice<UInt8>) -> Int {
        bytes.reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }

    /// `YYYYMMDD`: exactly 8 digits, a real day of the years 1…9999.
    static func date(_ property: Property) throws(ICalendarError) -> CivilDate {
        let value = property.value
        guard !value.isEmpty, value.allSatisfy(isDigit) else {
            throw .unreadableDate(line: property.line, name: property.name, value: property.text)
        }
        guard value.count == 8 else {
            throw value.count > 8
                ? .dateOutOfRange(line: property.line, name: property.name, value: property.text)
                : .unreadableDate(line: property.line, name: property.name, value: property.text)
        }
        let start = value.startIndex
        let year = number(value[start..<(start + 4)])
        let month = number(value[(start + 4)..<(start + 6)])
        let day = number(value[(start + 6)..<(start + 8)])
        guard let date = CivilDate(year: year, month: month, day: day) else {
            throw .noSuchDate(line: property.line, name: property.name, value: property.text)
        }
        return date
    }

    /// `YYYYMMDDTHHMMSS`, with `Z` or not: a real day and a real time.
    static func checkDateTime(_ property: Property) throws(ICalendarError) {
        let value = Array(property.value)
        let shaped = (value.count == 15 || (value.count == 16 && (value[15] == 0x5A || value[15] == 0x7A)))
            && value[0..<8].allSatisfy(isDigit) && (value[8] == 0x54 || value[8] == 0x74) && value[9..<15].allSatisfy(isDigit)
        guard shaped,
            CivilDate(year: number(value[0..<4]), month: number(value[4..<6]), day: number(value[6..<8])) != nil,
            number(value[9..<11]) <= 23, number(value[11..<13]) <= 59, number(value[13..<15]) <= 60
        else { throw .unreadableDateTime(line: property.line, name: property.name, value: property.text) }
    }

    /// The days of a `DURATION` of whole days or weeks: `P2D`, `+P1W`.
    static func days(_ property: Property) throws(ICalendarError) -> Int {
        var value = property.value
        func refuse() -> ICalendarError { .badDuration(line: property.line, value: property.text) }
        if value.first == 0x2B { value = value.dropFirst() }
        guard value.first == 0x50 || value.first == 0x70 else { throw refuse() }
        value = value.dropFirst()
        guard let unit = value.last, unit == 0x44 || unit == 0x64 || unit == 0x57 || unit == 0x77 else { throw refuse() }
        let digits = value.dropLast()
        guard !digits.isEmpty, digits.allSatisfy(isDigit) else { throw refuse() }
        // More than 6 digits is more than maximumEventDays in any case.
        guard digits.count <= 6 else { throw .durationTooLong(line: property.line, value: property.text) }
        let count = number(digits)
        return unit == 0x57 || unit == 0x77 ? count * 7 : count
    }
}

// MARK: - Messages

extension ICalendarError {
    /// A value of the file as it may be shown in a message: at most 40 characters, control and
    /// direction characters written as `\u{1B}`.
    fileprivate static func shown(_ text: String) -> String {
        var result = ""
        var count = 0
        for scalar in text.unicodeScalars {
            if count == 40 {
                result += "…"
                break
            }
            count += 1
            if Parser.unsafeKind(scalar) != nil {
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    fileprivate static func shown(_ bytes: [UInt8]) -> String {
        shown(String(decoding: bytes, as: UTF8.self))
    }

    fileprivate static func mebibytes(_ count: Int64) -> String {
        let whole = count / 1_048_576
        let tenth = (count % 1_048_576) * 10 / 1_048_576
        return "\(whole).\(tenth)"
    }

    // File

    fileprivate static func tooLarge(byteCount: Int64, atLeast: Bool = false) -> ICalendarError {
        let limit = ICalendarReader.maximumBytes
        let size = "\(atLeast ? ">" : "")\(byteCount)"
        let mib = mebibytes(byteCount)
        return ICalendarError(line: nil, message: Text(
            id: "berkas berukuran \(size) bita (\(mib) MiB), melebihi batas \(limit) bita (4 MiB) untuk berkas iCalendar; "
                + "periksa bahwa ini memang feed hari libur (feed nasional sepuluh tahun sekitar 100 KiB), "
                + "atau bagi menjadi beberapa berkas",
            en: "the file is \(size) bytes (\(mib) MiB), more than the limit of \(limit) bytes (4 MiB) for an iCalendar file; "
                + "check that it is a holiday feed (a national feed for ten years is about 100 KiB), or split it into several files"))
    }

    fileprivate static func notRegularFile(isDirectory: Bool) -> ICalendarError {
        ICalendarError(line: nil, message: isDirectory
            ? Text(
                id: "ini folder, bukan berkas; sebutkan berkas .ics di dalamnya",
                en: "this is a folder, not a file; name an .ics file in it")
            : Text(
                id: "bukan berkas biasa (perangkat, pipa atau soket); simpan feed iCalendar sebagai berkas .ics, lalu sebutkan berkas itu",
                en: "not a regular file (a device, a pipe or a socket); save the iCalendar feed as an .ics file and name that file"))
    }

    fileprivate static func cannotOpen(errno code: Int32) -> ICalendarError {
        switch code {
        case ENOENT, ENOTDIR:
            ICalendarError(line: nil, message: Text(id: "berkas tidak ada; periksa jalurnya", en: "no such file; check the path"))
        case EACCES, EPERM:
            ICalendarError(line: nil, message: Text(
                id: "tidak ada izin untuk membaca berkas; periksa izinnya", en: "no permission to read the file; check its permissions"))
        default:
            cannotRead(errno: code)
        }
    }

    fileprivate static func cannotRead(errno code: Int32) -> ICalendarError {
        let reason = String(cString: strerror(code))
        return ICalendarError(line: nil, message: Text(
            id: "berkas tidak dapat dibaca (\(reason)); periksa berkasnya, atau salin ke folder lain lalu coba lagi",
            en: "the file cannot be read (\(reason)); check the file, or copy it to another folder and try again"))
    }

    // Encoding and lines

    fileprivate static let utf16 = ICalendarError(line: nil, message: Text(
        id: "berkas berenkode UTF-16, bukan UTF-8; simpan ulang sebagai UTF-8",
        en: "the file is in UTF-16, not UTF-8; save it again as UTF-8"))

    fileprivate static func notUTF8(line: Int) -> ICalendarError {
        ICalendarError(line: line, message: Text(
            id: "isi baris ini bukan UTF-8 yang sah; simpan ulang berkas sebagai UTF-8 (bukan Latin-1 atau Windows-1252), atau unduh ulang",
            en: "this line is not valid UTF-8; save the file again as UTF-8 (not Latin-1 or Windows-1252), or download it again"))
    }

    fileprivate static func bareCarriageReturn(line: Int) -> ICalendarError {
        ICalendarError(line: line, message: Text(
            id: "baris rusak: ada CR tanpa LF; setiap baris harus diakhiri CRLF atau LF — simpan ulang berkasnya dengan akhir baris itu",
            en: "broken line: a CR without an LF; every line must end with CRLF or LF — save the file again with those line endings"))
    }

    fileprivate static func continuationAtStart(line: Int) -> ICalendarError {
        ICalendarError(line: line, message: Text(
            id: "baris rusak: baris lanjutan (diawali spasi atau tab) di awal berkas, tanpa baris sebelumnya untuk dilanjutkan; "
                + "berkas harus diawali BEGIN:VCALENDAR",
            en: "broken line: a continuation line (starting with a space or a tab) at the start of the file, with no line before it "
                + "to continue; the file must begin with BEGIN:VCALENDAR"))
    }

    fileprivate static func noColon(line: Int, text: [UInt8]) -> ICalendarError {
        ICalendarError(line: line, message: Text(
            id: "baris rusak: tidak ada ':' dalam '\(shown(text))'; setiap baris berbentuk NAMA:NILAI — perbaiki baris ini atau unduh ulang berkasnya",
            en: "broken line: no ':' in '\(shown(text))'; every line is NAME:VALUE — fix this line or download the file again"))
    }

    fileprivate static func badName(line: Int, text: [UInt8]) -> ICalendarError {
        ICalendarError(line: line, message: Text(
            id: "baris rusak: '\(shown(text))' tidak diawali nama properti (huruf, angka dan '-'); perbaiki baris ini atau unduh ulang berkasnya",
            en: "broken line: '\(shown(text))' does not begin with a property name (letters, digits and '-'); fix this line or download the file again"))
    }

    fileprivate static func badParameter(line: Int, text: [UInt8]) -> ICalendarError {
        ICalendarError(line: line, message: Text(
            id: "baris rusak: parameter dalam '\(shown(text))' tidak dapat dibaca (bentuknya ;NAMA=NILAI); perbaiki baris ini atau unduh ulang berkasnya",
            en: "broken line: a parameter in '\(shown(text))' cannot be read (it is ;NAME=VALUE); fix this line or download the file again"))
    }

    fileprivate static func unclosedQuote(line: Int, text: [UInt8]) -> ICalendarError {
        ICalendarError(line: line, message: Text(
            id: "baris rusak: tanda kutip '\"' dalam '\(shown(text))' tidak ditutup; perbaiki baris ini atau unduh ulang berkasnya",
            en: "broken line: a double quote in '\(shown(text))' is not closed; fix this line or download the file again"))
    }

    // Structure

    fileprivate static let noCalendar = ICalendarError(line: nil, message: Text(
        id: "bukan berkas iCalendar: tidak ada BEGIN:VCALENDAR; periksa bahwa berkas ini feed .ics, bukan halaman web atau pesan galat "
            + "— unduh ulang dari alamat feed-nya",
        en: "not an iCalendar file: no BEGIN:VCALENDAR; check that the file is an .ics feed, not a web page or an error message "
            + "— download it again from the feed's address"))

    fileprivate static func contentBefore(line: Int, text: [UInt8]) -> ICalendarError {
        ICalendarError(line: line, message: Text(
            id: "bukan berkas iCalendar yang utuh: ada isi sebelum BEGIN:VCALENDAR ('\(shown(text))'); berkas harus diawali BEGIN:VCALENDAR "
                + "— hapus baris sebelumnya atau unduh ulang berkasnya",
            en: "not a well-formed iCalendar file: content before BEGIN:VCALENDAR ('\(shown(text))'); the file must begin with BEGIN:VCALENDAR "
                + "— remove the lines before it or download the file again"))
    }

    fileprivate static func contentOutside(line: Int, text: [UInt8]) -> ICalendarError {
        ICalendarError(line: line, message: Text(
            id: "isi di luar BEGIN:VCALENDAR … END:VCALENDAR ('\(shown(text))'); hapus baris ini atau unduh ulang berkasnya",
            en: "content outside BEGIN:VCALENDAR … END:VCALENDAR ('\(shown(text))'); remove this line or download the file again"))
    }

    fileprivate static func badComponent(line: Int, keyword: String, value: String) -> ICalendarError {
        ICalendarError(line: line, message: Text(
            id: "\(keyword):\(shown(value)) tidak menyebut nama komponen (huruf, angka dan '-'); perbaiki baris ini",
            en: "\(keyword):\(shown(value)) does not name a component (letters, digits and '-'); fix this line"))
    }

    fileprivate static func mismatchedEnd(line: Int, name: String, open: OpenComponent) -> ICalendarError {
        ICalendarError(line: line, message: Text(
            id: "END:\(name) tidak menutup BEGIN:\(open.name) di baris \(open.line); perbaiki urutan BEGIN dan END, atau unduh ulang berkasnya",
            en: "END:\(name) does not close BEGIN:\(open.name) of line \(open.line); fix the order of BEGIN and END, or download the file again"))
    }

    fileprivate static func unterminated(_ open: OpenComponent) -> ICalendarError {
        ICalendarError(line: open.line, message: Text(
            id: "BEGIN:\(open.name) tanpa END:\(open.name) sampai akhir berkas; berkasnya mungkin terpotong — unduh ulang",
            en: "BEGIN:\(open.name) has no END:\(open.name) before the end of the file; the file may be cut short — download it again"))
    }

    fileprivate static func tooDeep(line: Int) -> ICalendarError {
        let depth = ICalendarReader.maximumDepth
        return ICalendarError(line: line, message: Text(
            id: "komponen bersarang lebih dari \(depth) tingkat (BEGIN di dalam BEGIN); ini bukan feed hari libur yang wajar — periksa sumbernya",
            en: "components nested more than \(depth) deep (BEGIN inside BEGIN); this is not a sensible holiday feed — check where it came from"))
    }

    fileprivate static func nestedEvent(line: Int, parent: String) -> ICalendarError {
        ICalendarError(line: line, message: Text(
            id: "BEGIN:VEVENT di dalam \(parent); acara harus langsung di dalam VCALENDAR — perbaiki urutan BEGIN dan END",
            en: "BEGIN:VEVENT inside \(parent); an event belongs directly in VCALENDAR — fix the order of BEGIN and END"))
    }

    fileprivate static func tooManyEvents(line: Int) -> ICalendarError {
        let limit = ICalendarReader.maximumEvents
        return ICalendarError(line: line, message: Text(
            id: "lebih dari \(limit) acara (VEVENT); feed hari libur biasanya hanya ratusan — bagi berkasnya menjadi beberapa, misalnya per tahun",
            en: "more than \(limit) events (VEVENT); a holiday feed has a few hundred — split the file, for example by year"))
    }

    fileprivate static func twice(line: Int, name: String, first: Int) -> ICalendarError {
        ICalendarError(line: line, message: Text(
            id: "\(name) muncul dua kali dalam satu acara (pertama di baris \(first)); hapus salah satunya",
            en: "\(name) appears twice in one event (first on line \(first)); remove one of them"))
    }

    fileprivate static func endAndDuration(line: Int, other: Int) -> ICalendarError {
        ICalendarError(line: line, message: Text(
            id: "acara ini punya DTEND dan DURATION sekaligus (yang lain di baris \(other)); sebuah acara memakai salah satunya saja — hapus satu",
            en: "this event has both DTEND and DURATION (the other on line \(other)); an event has one of them only — remove one"))
    }

    // Dates

    fileprivate static func unsupportedValueType(line: Int, name: String, type: String) -> ICalendarError {
        ICalendarError(line: line, message: Text(
            id: "\(name) dengan VALUE=\(shown(type)) tidak dapat dibaca; hanya VALUE=DATE (YYYYMMDD) atau VALUE=DATE-TIME",
            en: "\(name) with VALUE=\(shown(type)) cannot be read; only VALUE=DATE (YYYYMMDD) or VALUE=DATE-TIME"))
    }

    fileprivate static func unreadableDate(line: Int, name: String, value: String) -> ICalendarError {
        ICalendarError(line: line, message: Text(
            id: "tanggal \(name) '\(shown(value))' tidak dapat dibaca: tanggal ditulis 8 angka YYYYMMDD (misalnya 20270101); perbaiki tanggalnya",
            en: "the \(name) date '\(shown(value))' cannot be read: a date is 8 digits, YYYYMMDD (such as 20270101); fix the date"))
    }

    fileprivate static func dateOutOfRange(line: Int, name: String, value: String) -> ICalendarError {
        ICalendarError(line: line, message: Text(
            id: "tanggal \(name) '\(shown(value))' di luar jangkauan: tanggal ditulis 8 angka YYYYMMDD, tahun 0001–9999; perbaiki tanggalnya",
            en: "the \(name) date '\(shown(value))' is out of range: a date is 8 digits, YYYYMMDD, year 0001–9999; fix the date"))
    }

    fileprivate static func noSuchDate(line: Int, name: String, value: String) -> ICalendarError {
        ICalendarError(line: line, message: Text(
            id: "tanggal \(name) '\(shown(value))' tidak dapat dibaca: tidak ada tanggal itu (YYYYMMDD, bulan 01–12, tahun 0001–9999); perbaiki tanggalnya",
            en: "the \(name) date '\(shown(value))' cannot be read: there is no such date (YYYYMMDD, month 01–12, year 0001–9999); fix the date"))
    }

    fileprivate static func unreadableDateTime(line: Int, name: String, value: String) -> ICalendarError {
        ICalendarError(line: line, message: Text(
            id: "waktu \(name) '\(shown(value))' tidak dapat dibaca: ditulis YYYYMMDDTHHMMSS, boleh diakhiri Z (misalnya 20270104T090000Z); perbaiki nilainya",
            en: "the \(name) time '\(shown(value))' cannot be read: it is YYYYMMDDTHHMMSS, possibly ending in Z (such as 20270104T090000Z); fix the value"))
    }

    fileprivate static func endHasTime(line: Int, value: String) -> ICalendarError {
        ICalendarError(line: line, message: Text(
            id: "DTEND '\(shown(value))' memuat jam, padahal DTSTART hanya tanggal; untuk acara sepanjang hari tulis DTEND;VALUE=DATE:YYYYMMDD",
            en: "DTEND '\(shown(value))' has a time of day while DTSTART is a date; for an all-day event write DTEND;VALUE=DATE:YYYYMMDD"))
    }

    fileprivate static func endBeforeStart(line: Int, start: CivilDate, end: CivilDate) -> ICalendarError {
        ICalendarError(line: line, message: Text(
            id: "DTEND \(end) lebih awal dari DTSTART \(start); DTEND adalah hari sesudah hari terakhir acara — perbaiki salah satunya",
            en: "DTEND \(end) is before DTSTART \(start); DTEND is the day after the event's last day — fix one of them"))
    }

    fileprivate static func badDuration(line: Int, value: String) -> ICalendarError {
        ICalendarError(line: line, message: Text(
            id: "DURATION '\(shown(value))' bukan jumlah hari atau minggu utuh untuk acara sepanjang hari; tulis misalnya P1D, P3D atau P1W",
            en: "DURATION '\(shown(value))' is not whole days or weeks, as an all-day event needs; write, for example, P1D, P3D or P1W"))
    }

    fileprivate static func durationTooLong(line: Int, value: String) -> ICalendarError {
        let limit = ICalendarReader.maximumEventDays
        return ICalendarError(line: line, message: Text(
            id: "DURATION '\(shown(value))' jauh lebih lama dari batas \(limit) hari untuk satu acara; periksa nilainya",
            en: "DURATION '\(shown(value))' is far longer than the limit of \(limit) days for one event; check the value"))
    }

    fileprivate static func tooLong(line: Int, days: Int) -> ICalendarError {
        let limit = ICalendarReader.maximumEventDays
        return ICalendarError(line: line, message: Text(
            id: "acara sepanjang hari ini berlangsung \(days) hari, lebih dari batas \(limit) hari; hari libur tidak selama itu — periksa DTEND atau DURATION",
            en: "this all-day event lasts \(days) days, more than the limit of \(limit); a holiday is not that long — check DTEND or DURATION"))
    }

    fileprivate static func pastYear9999(line: Int) -> ICalendarError {
        ICalendarError(line: line, message: Text(
            id: "acara ini berlangsung melewati tahun 9999, di luar jangkauan tanggal; perbaiki tanggalnya",
            en: "this event runs past the year 9999, out of the range of dates; fix its dates"))
    }

    // Summary

    fileprivate static func unsafeSummary(line: Int, scalar: Unicode.Scalar, kind: Parser.UnsafeKind) -> ICalendarError {
        let code = "U+" + String(repeating: "0", count: max(0, 4 - String(scalar.value, radix: 16).count))
            + String(scalar.value, radix: 16, uppercase: true)
        let (id, en): (String, String)
        switch kind {
        case .control: (id, en) = ("karakter kendali \(code)", "the control character \(code)")
        case .direction: (id, en) = ("karakter pengatur arah teks \(code)", "the text-direction control \(code)")
        case .lineSeparator: (id, en) = ("pemisah baris \(code)", "the line separator \(code)")
        }
        return ICalendarError(line: line, message: Text(
            id: "SUMMARY memuat \(id); teks seperti ini tidak aman ditampilkan di terminal atau ditulis ke berkas YAML "
                + "— perbaiki SUMMARY di berkasnya atau jangan pakai feed ini",
            en: "SUMMARY has \(en); such text is not safe to show in a terminal or to write into a YAML file "
                + "— fix the SUMMARY in the file or do not use this feed"))
    }

    fileprivate static func summaryTooLong(line: Int, length: Int) -> ICalendarError {
        let limit = ICalendarReader.maximumSummaryLength
        return ICalendarError(line: line, message: Text(
            id: "SUMMARY sepanjang \(length) karakter, lebih dari batas \(limit); nama hari libur tidak sepanjang itu — persingkat SUMMARY-nya",
            en: "SUMMARY is \(length) characters long, more than the limit of \(limit); a holiday's name is not that long — shorten the SUMMARY"))
    }
}

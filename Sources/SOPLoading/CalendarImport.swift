import Foundation
import SOPCore
import SOPModel
import SOPYAML

/// Why a calendar file cannot take an import.
public struct CalendarImportError: Error, Sendable, CustomStringConvertible {
    /// What is wrong and the way out, in both languages.
    public var message: Text
    /// The findings of the file, when it has errors.
    public var diagnostics: [Diagnostic]

    init(_ message: Text, diagnostics: [Diagnostic] = []) {
        self.message = message
        self.diagnostics = diagnostics
    }

    /// The message in English.
    public var description: String { message.en }
}

/// What importing an iCalendar feed into a calendar file would do: the dates it adds, the names
/// it would change, the dates of the feed's years that the feed lacks (dropped only when asked),
/// and the deliberate differences it keeps.
///
/// The feed is taken as the full list of holidays of the years its events fall in: only those
/// years are compared, and, when the calendar declares `years:`, they are added to it.
public struct CalendarImportPlan: Sendable {
    /// The calendar file.
    public var path: String
    /// The calendar as it is now.
    public var calendar: WorkCalendar
    /// The years the feed's events fall in.
    public var years: [Int]
    /// Dates of the feed the calendar lacks: added.
    public var additions: [HolidayComparison.Missing]
    /// Dates both have under other names: renamed only when asked (`rename`).
    public var renames: [HolidayComparison.Renamed]
    /// Holidays of the calendar in the feed's years that the feed lacks: dropped only when asked (`drop`).
    public var drops: [HolidayComparison.Extra]
    /// Differences the calendar marks as deliberate (`differs:`, `not_holidays:`): kept.
    public var kept: [HolidayComparison.Accepted]
    /// Years added to the calendar's `years:` (empty when it has none: its holidays' years are covered then).
    public var yearsAdded: [Int]
    /// The text of the calendar file.
    let text: String

    /// Whether the import changes nothing in the file, with these choices.
    public func changesNothing(drop: Bool, rename: Bool) -> Bool {
        additions.isEmpty && yearsAdded.isEmpty && (!drop || drops.isEmpty) && (!rename || renames.isEmpty)
    }

    /// The calendar file's new text: the additions, the years, and, when asked, the drops and the
    /// renames. The holidays are written in date order, a `# YEAR` comment before each year's;
    /// entries that stay as they were keep their exact lines, comments just above them included.
    /// The new text is loaded again and refused if it has errors.
    public func newText(drop: Bool, rename: Bool) throws(CalendarImportError) -> String {
        let parsed = YAMLReader.parse(text, file: path)
        guard case .mapping(let top)? = parsed.root?.content else {
            throw CalendarImportError(Text(id: "'\(path)' bukan berkas kalender", en: "'\(path)' is not a calendar file"))
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let endsWithNewline = lines.last == ""
        if endsWithNewline { lines.removeLast() }
        let keyLines = top.map(\.keyLocation.line).sorted()
        /// The lines `first...last` (1-based) a top-level entry takes, trailing blank and comment lines left out.
        func extent(of entry: YAMLMappingEntry) -> ClosedRange<Int> {
            let start = entry.keyLocation.line
            var end = (keyLines.first { $0 > start } ?? lines.count + 1) - 1
            while end > start && Self.isBlankOrComment(lines[end - 1]) { end -= 1 }
            return start...end
        }

        // The entries: those kept with their lines, the others written anew.
        let dropped = drop ? Set(drops.map(\.date)) : []
        let renamed = rename ? Dictionary(renames.map { ($0.date, $0.listName) }, uniquingKeysWith: { first, _ in first }) : [:]
        var entries: [(date: CivilDate, lines: [String])] = []
        var indent = "  "
        var replaced: ClosedRange<Int>?
        if let entry = top.first(where: { $0.key == "holidays" }) {
            let range = extent(of: entry)
            replaced = range
            if case .sequence(let items) = entry.value.content, !items.isEmpty, items[0].location.line > entry.keyLocation.line {
                let firstLine = lines[items[0].location.line - 1]
                indent = String(firstLine.prefix { $0 == " " })
                var previousEnd = entry.keyLocation.line
                for (index, item) in items.enumerated() {
                    let start = item.location.line
                    var end = index + 1 < items.count ? items[index + 1].location.line - 1 : range.upperBound
                    while end > start && Self.isBlankOrComment(lines[end - 1]) { end -= 1 }
                    // Comments just above the entry go with it; year headings are written anew.
                    let above = lines[previousEnd..<(start - 1)].filter {
                        !Self.isYearHeading($0) && !$0.trimmingCharacters(in: .whitespaces).isEmpty
                    }
                    previousEnd = end
                    guard let holiday = calendar.holidays.first(where: { $0.date.location.line >= start && $0.date.location.line <= end }) else {
                        continue  // an entry the loader refused (a date twice): the file has errors, refused before
                    }
                    let date = holiday.date.value
                    if dropped.contains(date) { continue }
                    if let name = renamed[date] {
                        entries.append((date, above + [indent + "- " + Self.entry(date: date, name: name, differs: holiday.differs)]))
                    } else {
                        entries.append((date, above + Array(lines[(start - 1)..<end])))
                    }
                }
            } else {
                // `holidays: []` or a list on the key's line: every entry written anew.
                for holiday in calendar.holidays where !dropped.contains(holiday.date.value) {
                    let name = renamed[holiday.date.value] ?? holiday.name
                    entries.append((holiday.date.value, [indent + "- " + Self.entry(date: holiday.date.value, name: name, differs: holiday.differs)]))
                }
            }
        }
        for addition in additions {
            entries.append((addition.date, [indent + "- " + Self.entry(date: addition.date, name: addition.names.joined(separator: " / "), differs: nil)]))
        }
        entries.sort { $0.date < $1.date }
        var block = ["holidays:"]
        var year: Int?
        for entry in entries {
            if entry.date.year != year {
                year = entry.date.year
                block.append(indent + "# \(entry.date.year)")
            }
            block += entry.lines
        }

        // `years:`, with the feed's years, when the calendar declares them.
        var yearsBlock: (range: ClosedRange<Int>, lines: [String])?
        if !yearsAdded.isEmpty, let entry = top.first(where: { $0.key == "years" }) {
            let all = Set((calendar.declaredYears ?? []).map(\.value)).union(yearsAdded).sorted()
            yearsBlock = (extent(of: entry), ["years: [" + all.map(String.init).joined(separator: ", ") + "]"])
        }

        var replacements: [(range: ClosedRange<Int>, lines: [String])] = []
        if let replaced { replacements.append((replaced, block)) }
        if let yearsBlock { replacements.append(yearsBlock) }
        for replacement in replacements.sorted(by: { $0.range.lowerBound > $1.range.lowerBound }) {
            lines.replaceSubrange((replacement.range.lowerBound - 1)..<replacement.range.upperBound, with: replacement.lines)
        }
        if replaced == nil { lines += block }
        let result = lines.joined(separator: "\n") + (endsWithNewline || replaced == nil ? "\n" : "")
        let check = Loader.load(text: result, file: path)
        let errors = check.diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty, check.calendar != nil else {
            throw CalendarImportError(Text(
                id: "kalender baru hasil impor memiliki kesalahan, sehingga tidak ditulis: "
                    + errors.prefix(3).map(\.summary.id).joined(separator: "; "),
                en: "the calendar the import would write has errors, so it was not written: "
                    + errors.prefix(3).map(\.summary.en).joined(separator: "; ")), diagnostics: errors)
        }
        return result
    }

    /// `{ date: 2027-01-01, name: Tahun Baru Masehi }`, the name quoted when YAML needs it.
    static func entry(date: CivilDate, name: String, differs: String?) -> String {
        "{ date: \(date), name: \(quoted(name))" + (differs.map { ", differs: \(quoted($0))" } ?? "") + " }"
    }

    /// Text as a YAML value inside a flow mapping (`YAMLText.value`).
    static func quoted(_ text: String) -> String { YAMLText.value(text) }

    static func isBlankOrComment(_ line: String) -> Bool {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty || trimmed.hasPrefix("#")
    }

    static func isYearHeading(_ line: String) -> Bool {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("#") else { return false }
        let rest = trimmed.dropFirst().trimmingCharacters(in: .whitespaces)
        return rest.count == 4 && rest.allSatisfy(\.isASCII) && rest.allSatisfy(\.isNumber)
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

/// Plans and writes the import of an iCalendar holiday feed into a calendar file.
public enum CalendarImport {
    /// Compares the feed with the calendar file at `path`; refused when the file has errors.
    public static func plan(feed: ICalendarFeed, calendarPath path: String) throws(CalendarImportError) -> CalendarImportPlan {
        let loaded = Loader.load(path: path)
        let errors = loaded.diagnostics.filter { $0.severity == .error }
        guard let calendar = loaded.calendar, let text = loaded.text, errors.isEmpty else {
            if loaded.workflow != nil {
                throw CalendarImportError(Text(
                    id: "'\(path)' adalah berkas alur kerja, bukan kalender; sebutkan berkas kalender dengan --calendar",
                    en: "'\(path)' is a workflow file, not a calendar; name the calendar file with --calendar"))
            }
            throw CalendarImportError(Text(
                id: "kalender '\(path)' memiliki kesalahan; perbaiki dahulu (`sop validate \(path)`)",
                en: "the calendar '\(path)' has errors; fix them first (`sop validate \(path)`)"), diagnostics: errors)
        }
        var list: [CivilDate: [String]] = [:]
        for day in feed.days { list[day.date] = day.summaries }
        let years = Set(feed.years)
        let comparison = HolidayComparison(calendar: calendar, list: list, years: years)
        let yearsAdded = calendar.declaredYears.map { declared in
            years.subtracting(declared.map(\.value)).sorted()
        } ?? []
        return CalendarImportPlan(
            path: path, calendar: calendar, years: feed.years, additions: comparison.missing, renames: comparison.renamed,
            drops: comparison.extra, kept: comparison.accepted, yearsAdded: yearsAdded, text: text)
    }

    /// Writes a calendar file's new text in place: to a temporary file beside it, then renamed
    /// over it, so that the file is either the old one or the new one, with its permissions kept.
    public static func write(_ text: String, to path: String) throws(CalendarImportError) {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            try Data(text.utf8).write(to: temporary, options: .withoutOverwriting)
            if let permissions = attributes[.posixPermissions] {
                try FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: temporary.path)
            }
            guard rename(temporary.path, path) == 0 else {
                throw CocoaError(.fileWriteUnknown)
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw CalendarImportError(Text(
                id: "'\(path)' tidak dapat ditulis: \(error.localizedDescription); periksa izin folder dan berkasnya",
                en: "cannot write '\(path)': \(error.localizedDescription); check the permissions of the folder and the file"))
        }
    }
}

import ArgumentParser
import Foundation
import SOPCore
import SOPLoading
import SOPModel
import SOPValidation

/// `sop calendar …`: the office calendar's holidays.
struct CalendarCommandGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: tr(id: "Kalender kerja — hari libur dari berkas iCalendar.", en: "The office calendar — holidays from an iCalendar file."),
        subcommands: [ImportCalendar.self]
    )
    @OptionGroup var global: GlobalOptions
}

struct ImportCalendar: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: tr(
            id: "Bandingkan hari libur sepanjang hari sebuah berkas iCalendar (.ics) dengan kalender kerja, dan tulis bila diminta.",
            en: "Compare the all-day holidays of an iCalendar file (.ics) with the office calendar, and write them when asked."),
        discussion: tr(
            id: "Berkas iCalendar dianggap memuat semua hari libur tahun-tahun acaranya. Tanggal yang belum ada di kalender "
                + "ditambahkan dengan --write (dan tahunnya ke `years:`); tanggal kalender pada tahun itu yang tidak ada di berkas "
                + "iCalendar hanya dihapus dengan --drop, nama yang berbeda hanya diganti dengan --rename. Tanpa --write "
                + "tidak ada yang ditulis. Acara berjam, berulang (RRULE) atau dibatalkan dilewati dan disebutkan.",
            en: "The iCalendar file is taken to list every holiday of the years its events fall in. Dates the calendar lacks are "
                + "added with --write (and their year to `years:`); dates of the calendar in those years that the file lacks are "
                + "dropped only with --drop, and names that differ are changed only with --rename. Without --write nothing is "
                + "written. Events with a time of day, recurring (RRULE) or cancelled events are skipped, and said so."))
    @OptionGroup var global: GlobalOptions
    @Argument(help: help(id: "Berkas iCalendar (.ics).", en: "The iCalendar file (.ics).")) var file: String
    @Option(help: help(
        id: "Berkas kalender (bawaan: satu-satunya berkas `kind: Calendar` di --workflows).",
        en: "The calendar file (default: the one `kind: Calendar` file in --workflows).")) var calendar: String?
    @Option(help: help(id: "Folder berkas alur kerja dan kalender.", en: "The folder of workflow and calendar files."))
    var workflows = "workflows"
    @Flag(help: help(id: "Tulis kalender baru.", en: "Write the new calendar.")) var write = false
    @Flag(help: help(
        id: "Hapus tanggal kalender pada tahun berkas iCalendar yang tidak ada di dalamnya (dengan --write).",
        en: "Drop the calendar's dates in the file's years that the file lacks (with --write).")) var drop = false
    @Flag(help: help(
        id: "Pakai nama dari berkas iCalendar untuk tanggal yang namanya berbeda (dengan --write).",
        en: "Take the iCalendar file's names for dates named differently (with --write).")) var rename = false
    @Option(help: help(id: "Format keluaran: text atau json.", en: "Output format: text or json.")) var format: OutputFormat = .text

    func run() throws {
        let feed: ICalendarFeed
        do {
            feed = try ICalendarReader.read(path: file)
        } catch {
            let place = error.line.map { ":\($0)" } ?? ""
            printError(CalendarImportText.visible("sop: \(file)\(place): \(error.message.localized)"))
            throw ExitCode.unusableInput
        }
        let path = try calendarPath()
        let plan: CalendarImportPlan
        do {
            plan = try CalendarImport.plan(feed: feed, calendarPath: path)
        } catch {
            printError("sop: \(error.message.localized)")
            for diagnostic in error.diagnostics.prefix(5) { printError("  \(diagnostic.location): \(diagnostic.summary.localized)") }
            throw ExitCode.unusableInput
        }
        var written = false
        if write && !plan.changesNothing(drop: drop, rename: rename) {
            do {
                let text = try plan.newText(drop: drop, rename: rename)
                try CalendarImport.write(text, to: path)
                written = true
            } catch {
                printError("sop: \(error.message.localized)")
                throw ExitCode.refused
            }
        }
        switch format {
        case .text:
            let text = CalendarImportText.render(plan, feed: feed, file: file, written: written, write: write, drop: drop, rename: rename)
            print(text.split(separator: "\n", omittingEmptySubsequences: false).map { CalendarImportText.visible(String($0)) }
                .joined(separator: "\n"), terminator: "")
        case .json: try printJSON(CalendarImportJSON(plan, feed: feed, written: written, drop: drop, rename: rename))
        }
    }

    /// `--calendar`, else the one calendar file in the workflows folder.
    private func calendarPath() throws -> String {
        if let calendar { return calendar }
        guard let files = WorkflowLibrary(folder: workflows).files(recursive: false) else {
            printError(tr(
                id: "sop: folder '\(workflows)' tidak ada; sebutkan berkas kalender dengan --calendar BERKAS",
                en: "sop: there is no folder '\(workflows)'; name the calendar file with --calendar FILE"))
            throw ExitCode.unusableInput
        }
        let calendars = files.filter { Loader.identity(path: $0).kind == "Calendar" }
        guard calendars.count == 1, let only = calendars.first else {
            let list = calendars.joined(separator: ", ")
            printError(calendars.isEmpty
                ? tr(
                    id: "sop: tidak ada berkas kalender (`kind: Calendar`) di '\(workflows)'; sebutkan dengan --calendar BERKAS",
                    en: "sop: no calendar file (`kind: Calendar`) in '\(workflows)'; name one with --calendar FILE")
                : tr(
                    id: "sop: ada \(calendars.count) berkas kalender di '\(workflows)' (\(list)); pilih satu dengan --calendar BERKAS",
                    en: "sop: '\(workflows)' has \(calendars.count) calendar files (\(list)); choose one with --calendar FILE"))
            throw ExitCode.unusableInput
        }
        return only
    }
}

/// What an import does, as text in the language of this run.
enum CalendarImportText {
    /// Text for a terminal: control characters (an escape sequence in a file name or a feed's
    /// line) shown as `\u{1B}`, never sent as they are.
    static func visible(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x20 || (0x7F...0x9F).contains(value) || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value) {
                result += "\\u{" + String(value, radix: 16, uppercase: true) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    static func day(_ date: CivilDate) -> String {
        "\(date) " + (language == .id ? date.weekday.indonesianName : date.weekday.englishName).padding(toLength: 6, withPad: " ", startingAt: 0)
    }

    static func reason(_ reason: ICalendarSkipped.Reason) -> String {
        switch reason {
        case .timed: tr(id: "acara berjam, bukan hari libur sehari penuh", en: "an event with a time of day, not an all-day holiday")
        case .recurring: tr(id: "acara berulang (RRULE/RDATE), tidak diuraikan", en: "a recurring event (RRULE/RDATE), not expanded")
        case .cancelled: tr(id: "acara dibatalkan (STATUS:CANCELLED)", en: "a cancelled event (STATUS:CANCELLED)")
        case .noStart: tr(id: "acara tanpa DTSTART", en: "an event without DTSTART")
        }
    }

    static func render(
        _ plan: CalendarImportPlan, feed: ICalendarFeed, file: String, written: Bool, write: Bool, drop: Bool, rename: Bool
    ) -> String {
        var text = tr(
            id: "Impor iCalendar: \(file) → \(plan.path) (\(plan.calendar.id.value))\n",
            en: "iCalendar import: \(file) → \(plan.path) (\(plan.calendar.id.value))\n")
        let years = plan.years.map(String.init).joined(separator: ", ")
        text += plan.years.isEmpty
            ? tr(id: "Berkas iCalendar tidak memuat hari libur sepanjang hari.\n", en: "The iCalendar file has no all-day holidays.\n")
            : tr(
                id: "Tahun dalam berkas iCalendar: \(years) (\(feed.days.count) tanggal dari \(feed.events.count) acara sepanjang hari)\n",
                en: "Years in the iCalendar file: \(years) (\(feed.days.count) dates from \(feed.events.count) all-day events)\n")
        let applied = written
        if !plan.additions.isEmpty {
            text += (applied ? tr(id: "\nDitambahkan", en: "\nAdded") : tr(id: "\nAkan ditambahkan", en: "\nTo add")) + " (\(plan.additions.count)):\n"
            for addition in plan.additions { text += "  + \(day(addition.date)) \(addition.names.joined(separator: " / "))\n" }
        }
        /// The header of a list the import applies only when asked (`asked`), or keeps.
        func header(asked: Bool, done: (id: String, en: String), toDo: (id: String, en: String), kept: (id: String, en: String)) -> String {
            guard asked else { return tr(id: kept.id, en: kept.en) }
            return applied ? tr(id: done.id, en: done.en) : tr(id: toDo.id, en: toDo.en)
        }
        if !plan.renames.isEmpty {
            let title = header(
                asked: rename, done: ("Diganti namanya", "Renamed"), toDo: ("Akan diganti namanya", "To rename"),
                kept: ("Nama berbeda — nama kalender dipertahankan; --rename memakai nama berkas iCalendar",
                       "Named differently — the calendar's names are kept; --rename takes the iCalendar file's"))
            text += "\n\(title) (\(plan.renames.count)):\n"
            for change in plan.renames { text += "  ~ \(day(change.date)) \(change.calendarName) → \(change.listName)\n" }
        }
        if !plan.drops.isEmpty {
            let title = header(
                asked: drop, done: ("Dihapus", "Dropped"), toDo: ("Akan dihapus", "To drop"),
                kept: ("Tidak ada di berkas iCalendar — dipertahankan; --drop menghapusnya", "Not in the iCalendar file — kept; --drop removes them"))
            text += "\n\(title) (\(plan.drops.count)):\n"
            for extra in plan.drops { text += "  - \(day(extra.date)) \(extra.name)\n" }
        }
        if !plan.kept.isEmpty {
            text += tr(id: "\nPerbedaan yang disengaja, dipertahankan", en: "\nDeliberate differences, kept") + " (\(plan.kept.count)):\n"
            for kept in plan.kept {
                let kind = kept.isHoliday ? "differs" : "not_holidays"
                text += "  = \(day(kept.date)) \(kind): \(kept.reason)\n"
            }
        }
        if !feed.skipped.isEmpty {
            text += tr(id: "\nDilewati", en: "\nSkipped") + " (\(feed.skipped.count)):\n"
            for skipped in feed.skipped {
                let summary = skipped.summary.isEmpty ? "-" : skipped.summary
                text += tr(id: "  baris \(skipped.line): ", en: "  line \(skipped.line): ") + "\(summary) — \(reason(skipped.reason))\n"
            }
        }
        if !plan.yearsAdded.isEmpty {
            let list = plan.yearsAdded.map(String.init).joined(separator: ", ")
            text += "\n" + (applied
                ? tr(id: "Tahun \(list) ditambahkan ke `years:`.\n", en: "Year(s) \(list) added to `years:`.\n")
                : tr(id: "Tahun \(list) akan ditambahkan ke `years:`.\n", en: "Year(s) \(list) will be added to `years:`.\n"))
        }
        text += "\n"
        if plan.changesNothing(drop: drop, rename: rename) {
            text += tr(
                id: "Tidak ada yang berubah: kalender sudah memuat setiap tanggal berkas iCalendar.\n",
                en: "Nothing changes: the calendar already has every date of the iCalendar file.\n")
        } else if written {
            text += tr(id: "Ditulis: \(plan.path). Periksa dengan `sop validate \(plan.path)`.\n", en: "Written: \(plan.path). Check it with `sop validate \(plan.path)`.\n")
        } else {
            text += tr(
                id: "Belum ada yang ditulis: jalankan lagi dengan --write untuk menulis kalender baru.\n",
                en: "Nothing was written: run again with --write to write the new calendar.\n")
        }
        return text
    }
}

/// The JSON shape of `sop calendar import --format json`: what the import adds, renames, drops,
/// keeps and skips, and what it wrote. Dates are `YYYY-MM-DD`.
struct CalendarImportJSON: Encodable {
    /// A date the calendar lacks, with the names the feed gives it.
    struct Addition: Encodable {
        let date: String
        let names: [String]
    }
    /// A date the calendar and the feed name differently.
    struct Rename: Encodable {
        let date: String
        let calendarName: String
        let listName: String
    }
    /// A date of the calendar, in one of the feed's years, that the feed lacks.
    struct Drop: Encodable {
        let date: String
        let name: String
    }
    /// A deliberate difference of the calendar (`differs:` or `not_holidays:`), kept.
    struct Kept: Encodable {
        let date: String
        /// Whether the calendar has the date as a holiday (`differs:`) or as a working day (`not_holidays:`).
        let isHoliday: Bool
        let reason: String

        enum CodingKeys: String, CodingKey {
            case date
            case isHoliday = "holiday"
            case reason
        }
    }
    /// An event of the feed that is not an all-day holiday, with its line.
    struct Skipped: Encodable {
        let line: Int
        let summary: String
        /// `timed`, `recurring`, `cancelled` or `noStart` (`ICalendarSkipped.Reason`).
        let reason: String
    }

    /// The calendar file's path.
    let calendarPath: String
    let calendarID: String
    let years: [Int]
    let additions: [Addition]
    let renames: [Rename]
    let drops: [Drop]
    let kept: [Kept]
    let skipped: [Skipped]
    let yearsAdded: [Int]
    /// Whether the drops were written (`--write --drop`, and something changed).
    let dropApplied: Bool
    /// Whether the renames were written (`--write --rename`, and something changed).
    let renameApplied: Bool
    /// Whether the new calendar was written.
    let written: Bool

    enum CodingKeys: String, CodingKey {
        case calendarPath = "calendar"
        case calendarID = "calendarId"
        case years, additions, renames, drops, kept, skipped, yearsAdded, dropApplied, renameApplied, written
    }

    init(_ plan: CalendarImportPlan, feed: ICalendarFeed, written: Bool, drop: Bool, rename: Bool) {
        calendarPath = plan.path
        calendarID = plan.calendar.id.value.rawValue
        years = plan.years
        additions = plan.additions.map { Addition(date: $0.date.description, names: $0.names) }
        renames = plan.renames.map { Rename(date: $0.date.description, calendarName: $0.calendarName, listName: $0.listName) }
        drops = plan.drops.map { Drop(date: $0.date.description, name: $0.name) }
        kept = plan.kept.map { Kept(date: $0.date.description, isHoliday: $0.isHoliday, reason: $0.reason) }
        skipped = feed.skipped.map { Skipped(line: $0.line, summary: $0.summary, reason: $0.reason.rawValue) }
        yearsAdded = plan.yearsAdded
        dropApplied = written && drop
        renameApplied = written && rename
        self.written = written
    }
}

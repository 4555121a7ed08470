import Foundation
import SOPCore
import SOPModel

/// What a calendar import does (`CalendarImportPlan`), as text in the language given.
public enum CalendarImportText {
    /// `2026-12-25 Jumat ` (`2026-12-25 Friday`): a date and its weekday, padded to line up.
    static func day(_ date: CivilDate, language: Language) -> String {
        "\(date) " + (language == .id ? date.weekday.indonesianName : date.weekday.englishName).padding(toLength: 6, withPad: " ", startingAt: 0)
    }

    /// Why an event of the feed was skipped.
    static func reason(_ reason: ICalendarSkipped.Reason) -> Text {
        switch reason {
        case .timed: Text(id: "acara berjam, bukan hari libur sehari penuh", en: "an event with a time of day, not an all-day holiday")
        case .recurring: Text(id: "acara berulang (RRULE/RDATE), tidak diuraikan", en: "a recurring event (RRULE/RDATE), not expanded")
        case .cancelled: Text(id: "acara dibatalkan (STATUS:CANCELLED)", en: "a cancelled event (STATUS:CANCELLED)")
        case .noStart: Text(id: "acara tanpa DTSTART", en: "an event without DTSTART")
        }
    }

    /// What the import of `file` into the plan's calendar adds, renames, drops, keeps and skips, and
    /// whether it wrote the calendar (`written`); `drop` and `rename` say whether `--drop` and
    /// `--rename` were asked.
    public static func render(
        _ plan: CalendarImportPlan, feed: ICalendarFeed, file: String, written: Bool, drop: Bool, rename: Bool, language: Language
    ) -> String {
        var text = Text(
            id: "Impor iCalendar: \(file) → \(plan.path) (\(plan.calendar.id.value))\n",
            en: "iCalendar import: \(file) → \(plan.path) (\(plan.calendar.id.value))\n")(language)
        let years = plan.years.map(String.init).joined(separator: ", ")
        text += plan.years.isEmpty
            ? Text(id: "Berkas iCalendar tidak memuat hari libur sepanjang hari.\n", en: "The iCalendar file has no all-day holidays.\n")(language)
            : Text(
                id: "Tahun dalam berkas iCalendar: \(years) (\(feed.days.count) tanggal dari \(feed.events.count) acara sepanjang hari)\n",
                en: "Years in the iCalendar file: \(years) (\(feed.days.count) dates from \(feed.events.count) all-day events)\n")(language)
        let applied = written
        if !plan.additions.isEmpty {
            text += (applied ? Text(id: "\nDitambahkan", en: "\nAdded") : Text(id: "\nAkan ditambahkan", en: "\nTo add"))(language)
                + " (\(plan.additions.count)):\n"
            for addition in plan.additions { text += "  + \(day(addition.date, language: language)) \(addition.names.joined(separator: " / "))\n" }
        }
        /// The header of a list the import applies only when asked (`asked`), or keeps.
        func header(asked: Bool, done: Text, toDo: Text, kept: Text) -> String {
            guard asked else { return kept(language) }
            return (applied ? done : toDo)(language)
        }
        if !plan.renames.isEmpty {
            let title = header(
                asked: rename, done: Text(id: "Diganti namanya", en: "Renamed"), toDo: Text(id: "Akan diganti namanya", en: "To rename"),
                kept: Text(
                    id: "Nama berbeda — nama kalender dipertahankan; --rename memakai nama berkas iCalendar",
                    en: "Named differently — the calendar's names are kept; --rename takes the iCalendar file's"))
            text += "\n\(title) (\(plan.renames.count)):\n"
            for change in plan.renames { text += "  ~ \(day(change.date, language: language)) \(change.calendarName) → \(change.listName)\n" }
        }
        if !plan.drops.isEmpty {
            let title = header(
                asked: drop, done: Text(id: "Dihapus", en: "Dropped"), toDo: Text(id: "Akan dihapus", en: "To drop"),
                kept: Text(
                    id: "Tidak ada di berkas iCalendar — dipertahankan; --drop menghapusnya",
                    en: "Not in the iCalendar file — kept; --drop removes them"))
            text += "\n\(title) (\(plan.drops.count)):\n"
            for extra in plan.drops { text += "  - \(day(extra.date, language: language)) \(extra.name)\n" }
        }
        if !plan.kept.isEmpty {
            text += Text(id: "\nPerbedaan yang disengaja, dipertahankan", en: "\nDeliberate differences, kept")(language) + " (\(plan.kept.count)):\n"
            for kept in plan.kept {
                let kind = kept.isHoliday ? "differs" : "not_holidays"
                text += "  = \(day(kept.date, language: language)) \(kind): \(kept.reason)\n"
            }
        }
        if !feed.skipped.isEmpty {
            text += Text(id: "\nDilewati", en: "\nSkipped")(language) + " (\(feed.skipped.count)):\n"
            for skipped in feed.skipped {
                let summary = skipped.summary.isEmpty ? "-" : skipped.summary
                text += Text(id: "  baris \(skipped.line): ", en: "  line \(skipped.line): ")(language) + "\(summary) — \(reason(skipped.reason)(language))\n"
            }
        }
        if !plan.yearsAdded.isEmpty {
            let list = plan.yearsAdded.map(String.init).joined(separator: ", ")
            text += "\n" + (applied
                ? Text(id: "Tahun \(list) ditambahkan ke `years:`.\n", en: "Year(s) \(list) added to `years:`.\n")(language)
                : Text(id: "Tahun \(list) akan ditambahkan ke `years:`.\n", en: "Year(s) \(list) will be added to `years:`.\n")(language))
        }
        text += "\n"
        if plan.changesNothing(drop: drop, rename: rename) {
            text += Text(
                id: "Tidak ada yang berubah: kalender sudah memuat setiap tanggal berkas iCalendar.\n",
                en: "Nothing changes: the calendar already has every date of the iCalendar file.\n")(language)
        } else if written {
            text += Text(
                id: "Ditulis: \(plan.path). Periksa dengan `sop validate \(plan.path)`.\n",
                en: "Written: \(plan.path). Check it with `sop validate \(plan.path)`.\n")(language)
        } else {
            text += Text(
                id: "Belum ada yang ditulis: jalankan lagi dengan --write untuk menulis kalender baru.\n",
                en: "Nothing was written: run again with --write to write the new calendar.\n")(language)
        }
        return text
    }
}

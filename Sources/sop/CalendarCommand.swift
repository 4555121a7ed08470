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
            printError("sop: \(file)\(place): \(error.message.localized)")
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
            let text = CalendarImportText.render(plan, feed: feed, file: file, written: written, drop: drop, rename: rename, language: language)
            printSafely(text, terminator: "")
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


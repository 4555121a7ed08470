import Foundation
import SOPCore
import SOPModel
import SOPYAML

/// Reads a calendar file's node tree into a `WorkCalendar`.
struct CalendarLoader {
    let context: LoadContext

    func load(_ top: Mapping) -> WorkCalendar? {
        let id: Located<CalendarID>? = top.required("id").flatMap { context.identifier($0, what: Text(id: "id kalender", en: "calendar id")) }
        let name = top["name"].flatMap { context.text($0, what: .key("name")) }
        let timeZone: Located<String>? = top.required("time_zone", hint: Text(
            id: "tambahkan `time_zone: Asia/Jakarta` (WIB), Asia/Makassar (WITA), atau Asia/Jayapura (WIT)",
            en: "add `time_zone: Asia/Jakarta` (WIB), Asia/Makassar (WITA) or Asia/Jayapura (WIT)"))
            .flatMap { node in
                guard let value = context.text(node, what: .key("time_zone")) else { return nil }
                guard TimeZone(identifier: value) != nil, value.contains("/") || value == "UTC" else {
                    let known = ["Asia/Jakarta", "Asia/Pontianak", "Asia/Makassar", "Asia/Jayapura"]
                    context.report(.invalidValue, at: node.location, Text(
                        id: "zona waktu '\(value)' tidak dikenal",
                        en: "unknown time zone '\(value)'"),
                        hint: Spelling.didYouMean(value, among: known) ?? Text(
                            id: "Indonesia memakai Asia/Jakarta (WIB), Asia/Makassar (WITA), atau Asia/Jayapura (WIT)",
                            en: "Indonesia uses Asia/Jakarta (WIB), Asia/Makassar (WITA) or Asia/Jayapura (WIT)"))
                    return nil
                }
                return Located(value, at: node.location)
            }
        let hours = top.required("hours", hint: Text(
            id: "berikan jam kerja per hari, misalnya `monday: \"07:30-16:00\"`",
            en: "give office hours per weekday, e.g. `monday: \"07:30-16:00\"`"))
            .map(loadHours) ?? [:]
        let years = top["years"].map(loadYears)
        let holidays = top["holidays"].map(loadHolidays) ?? []
        let notHolidays = top["not_holidays"].map { loadNotHolidays($0, holidays: holidays) } ?? []
        if let years { checkYears(years, against: holidays) }
        checkDaysOff(holidays, hours: hours)
        guard let id, let timeZone else { return nil }
        return WorkCalendar(
            id: id, name: name ?? id.value.rawValue, timeZone: timeZone, hours: hours,
            holidays: holidays, declaredYears: years, notHolidays: notHolidays, file: context.file)
    }

    /// `years:` — the years whose holidays the file lists in full: a list of years, or one year.
    private func loadYears(_ node: YAMLNode) -> [Located<Int>] {
        let items: [YAMLNode]
        if case .sequence(let list) = node.content { items = list } else { items = [node] }
        var seen: [Int: SourceLocation] = [:]
        return items.compactMap { item -> Located<Int>? in
            guard let year = context.integer(item, what: Text(id: "tahun", en: "a year")) else { return nil }
            guard (1...9999).contains(year) else {
                context.report(.invalidValue, at: item.location, Text(
                    id: "tahun \(year) di luar 1–9999", en: "year \(year) is outside 1–9999"),
                    hint: Text(id: "tulis tahun Masehi empat angka, mis. `2027`", en: "write a four-digit year, e.g. `2027`"))
                return nil
            }
            if let first = seen[year] {
                context.report(.invalidValue, at: item.location, Text(
                    id: "tahun \(year) tercantum dua kali di `years:`", en: "year \(year) is listed twice in `years:`"),
                    hint: Text(id: "hapus salah satunya", en: "remove one of them"),
                    notes: [.init(location: first, message: Text(id: "pertama dicantumkan di sini", en: "first listed here"))])
                return nil
            }
            seen[year] = item.location
            return Located(year, at: item.location)
        }
    }

    /// `years:` against the holidays: a holiday in a year not named, a year named without holidays.
    private func checkYears(_ years: [Located<Int>], against holidays: [Holiday]) {
        let declared = Set(years.map(\.value))
        var reported = Set<Int>()
        for holiday in holidays {
            let year = holiday.date.value.year
            guard !declared.contains(year), reported.insert(year).inserted else { continue }
            context.report(.yearsMismatch, at: holiday.date.location, Text(
                id: "hari libur tahun \(year) tercantum, tetapi \(year) tidak ada di `years:`",
                en: "holidays of \(year) are listed, but \(year) is not in `years:`"),
                hint: Text(
                    id: "tambahkan \(year) ke `years:` bila semua hari libur tahun itu sudah tercantum",
                    en: "add \(year) to `years:` once every holiday of that year is listed"))
        }
        let withHolidays = Set(holidays.map(\.date.value.year))
        for year in years where !withHolidays.contains(year.value) {
            context.report(.yearsMismatch, at: year.location, Text(
                id: "tahun \(year.value) ada di `years:`, tetapi tidak ada hari libur tahun itu",
                en: "\(year.value) is in `years:`, but no holiday of that year is listed"),
                hint: Text(
                    id: "cantumkan hari libur nasional dan cuti bersama \(year.value), atau hapus tahunnya dari `years:`",
                    en: "list the national holidays and cuti bersama of \(year.value), or remove the year from `years:`"))
        }
    }

    /// A holiday on a weekday without office hours changes nothing: said as information.
    private func checkDaysOff(_ holidays: [Holiday], hours: [Weekday: [OfficeHours]]) {
        guard !hours.isEmpty else { return }
        for holiday in holidays where hours[holiday.date.value.weekday] == nil {
            let weekday = holiday.date.value.weekday
            context.report(.holidayOnDayOff, at: holiday.date.location, Text(
                id: "\(holiday.name) (\(holiday.date.value)) jatuh pada hari \(weekday.indonesianName), yang memang tanpa jam kerja",
                en: "\(holiday.name) (\(holiday.date.value)) falls on a \(weekday.englishName), which has no office hours anyway"))
        }
    }

    /// `not_holidays:` — dates a national list has that are working days here, each with a reason.
    private func loadNotHolidays(_ node: YAMLNode, holidays: [Holiday]) -> [NotHoliday] {
        let holidayAt = Dictionary(holidays.map { ($0.date.value, $0.date.location) }, uniquingKeysWith: { first, _ in first })
        var seen: [CivilDate: SourceLocation] = [:]
        return (context.sequence(node, what: .key("not_holidays")) ?? []).compactMap { item in
            guard let map = context.mapping(item, keys: FormatKeys.notHoliday, what: Text(id: "bukan hari libur", en: "a date that is not a holiday")) else { return nil }
            let date = map.required("date").flatMap { context.date($0, what: .key("date")) }
            let reason = map.required("reason", hint: Text(
                id: "tulis mengapa tanggal ini hari kerja di sini, mis. surat keputusan yang memindahkannya",
                en: "say why this date is a working day here, e.g. the decree that moved it"))
                .flatMap { context.text($0, what: .key("reason")) }
            guard let date, let reason else { return nil }
            if let first = seen[date.value] {
                context.report(.duplicateHoliday, at: date.location, Text(
                    id: "tanggal \(date.value) tercantum dua kali di `not_holidays:`",
                    en: "date \(date.value) is listed twice in `not_holidays:`"),
                    hint: Text(id: "pertahankan satu entri", en: "keep one entry"),
                    notes: [.init(location: first, message: Text(id: "pertama dicantumkan di sini", en: "first listed here"))])
                return nil
            }
            seen[date.value] = date.location
            if let holiday = holidayAt[date.value] {
                context.report(.holidayConflict, at: date.location, Text(
                    id: "tanggal \(date.value) tercantum sebagai hari libur dan sebagai bukan hari libur",
                    en: "date \(date.value) is listed both as a holiday and as not a holiday"),
                    notes: [.init(location: holiday, message: Text(id: "hari liburnya di sini", en: "the holiday is here"))])
                return nil
            }
            return NotHoliday(date: date, reason: reason)
        }
    }

    private func loadHours(_ node: YAMLNode) -> [Weekday: [OfficeHours]] {
        guard let map = context.mapping(node, keys: FormatKeys.hours, what: .key("hours")) else { return [:] }
        var result: [Weekday: [OfficeHours]] = [:]
        for entry in map.entries {
            guard let weekday = Weekday(rawValue: entry.key) else { continue }
            let spanNodes: [YAMLNode]
            if case .sequence(let items) = entry.value.content { spanNodes = items } else { spanNodes = [entry.value] }
            var spans: [OfficeHours] = []
            for spanNode in spanNodes {
                if spanNode.isNull { continue }
                guard let text = context.text(spanNode, what: Text(id: "jam kerja", en: "office hours")) else { continue }
                guard let span = OfficeHours(parsing: text) else {
                    context.report(.invalidOfficeHours, at: spanNode.location, Text(
                        id: "jam kerja '\(text)' tidak terbaca",
                        en: "cannot read office hours '\(text)'"))
                    continue
                }
                if let previous = spans.last, span.start < previous.end {
                    context.report(.invalidOfficeHours, at: spanNode.location,
                        Text(
                            id: "jam kerja \(span) tumpang tindih dengan atau mendahului \(previous)",
                            en: "office hours \(span) overlap or come before \(previous)"),
                            hint: Text(
                                id: "tulis rentang jam dalam satu hari secara berurutan, tanpa tumpang tindih",
                                en: "list the spans of a day in order, without overlap"))
                    continue
                }
                spans.append(span)
            }
            if !spans.isEmpty { result[weekday] = spans }
        }
        if result.isEmpty {
            context.report(.noWorkingTime, at: node.location, Text(
                id: "kalender tidak memiliki jam kerja pada hari apa pun",
                en: "the calendar has no office hours on any day"))
        }
        return result
    }

    private func loadHolidays(_ node: YAMLNode) -> [Holiday] {
        var seen: [CivilDate: SourceLocation] = [:]
        return (context.sequence(node, what: .key("holidays")) ?? []).compactMap { item in
            guard let map = context.mapping(item, keys: FormatKeys.holiday, what: Text(id: "hari libur", en: "a holiday")) else { return nil }
            let date = map.required("date").flatMap { context.date($0, what: .key("date")) }
            let name = map.required("name", hint: Text(
                id: "tulis nama hari libur sesuai surat keputusan",
                en: "name the holiday as the decree does")).flatMap { context.text($0, what: .key("name")) }
            let differs = map["differs"].flatMap { context.text($0, what: .key("differs")) }
            guard let date, let name else { return nil }
            if let first = seen[date.value] {
                context.report(.duplicateHoliday, at: date.location, Text(
                    id: "hari libur \(date.value) tercantum dua kali",
                    en: "holiday \(date.value) is listed twice"),
                    hint: Text(
                        id: "pertahankan satu entri; gabungkan namanya bila dua hari libur jatuh pada hari yang sama",
                        en: "keep one entry; join the names if two holidays fall on one day"),
                    notes: [.init(location: first, message: Text(id: "pertama dicantumkan di sini", en: "first listed here"))])
                return nil
            }
            seen[date.value] = date.location
            return Holiday(date: date, name: name, differs: differs)
        }
    }
}

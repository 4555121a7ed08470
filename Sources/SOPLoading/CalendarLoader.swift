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
        let holidays = top["holidays"].map(loadHolidays) ?? []
        guard let id, let timeZone else { return nil }
        return WorkCalendar(
            id: id, name: name ?? id.value.rawValue, timeZone: timeZone, hours: hours,
            holidays: holidays, file: context.file)
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
            return Holiday(date: date, name: name)
        }
    }
}

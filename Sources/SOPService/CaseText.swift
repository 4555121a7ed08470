import Foundation
import SOPCore
import SOPEngine
import SOPModel

/// Case timelines, lists and histories as plain text, in the language given.
///
/// The phrases without dates come as a `Text` in both languages; the layouts, whose dates and
/// table widths depend on the language, take it and give the text to print. Tables fit a total
/// width that the caller reads (a terminal's `COLUMNS`, say).
public enum CaseText {
    /// `tepat waktu`, `hampir lewat`, `terlambat`; `-` for none.
    public static func sla(_ state: SLAState?) -> Text {
        switch state {
        case .onTime: Text(id: "tepat waktu", en: "on time")
        case .atRisk: Text(id: "hampir lewat", en: "at risk")
        case .overdue: Text(id: "terlambat", en: "overdue")
        case nil: Text(verbatim: "-")
        }
    }

    /// `diteruskan ke SOP x`, or to the SOP named by its title.
    public static func handedOff(_ target: HandoffTarget) -> Text {
        Text(id: "diteruskan ke \(target.sopName)", en: "handed off to \(target.sopName)")
    }

    /// Where a case stands, with its outcome or the SOP it went to: `selesai — Pengaduan selesai`.
    public static func status(_ timeline: CaseTimeline) -> Text {
        timeline.status.label + Text(verbatim: timeline.outcome.map { " — \($0)" } ?? "")
            + (timeline.handoffTarget.map { Text(verbatim: " — ") + handedOff($0) } ?? Text(verbatim: ""))
    }

    /// The label of a case's channel: `Kanal`.
    public static let channel = Text(id: "Kanal", en: "Channel")

    /// After who did a step that staff recorded for the reporter: ` atas nama pelapor`.
    public static let onBehalfOfReporter = Text(id: " atas nama pelapor", en: " on behalf of the reporter")

    /// When a case was opened and by whom: `Sen 30 Nov 2026 09:00 oleh siti`.
    public static func opened(_ timeline: CaseTimeline, language: Language) -> String {
        let at = TimeText.date(timeline.openedAt, in: language)
        return Text(id: "\(at) oleh \(timeline.openedBy)", en: "\(at) by \(timeline.openedBy)")(language)
    }

    /// A note with when and by whom: `Sen 30 Nov 2026 10:00 siti: pelapor menelepon`.
    public static func note(_ note: CaseState.Note, language: Language) -> String {
        "\(TimeText.date(note.at, in: language)) \(note.by): \(note.text)"
    }

    /// The years joined for a sentence: `2027`, `2027 dan 2028`.
    public static func years(_ years: [Int]) -> Text {
        years.map { Text(verbatim: String($0)) }.joined(separator: Text(id: " dan ", en: " and "))
    }

    /// The warning for due times computed through years the calendar does not cover; nil when
    /// there are none.
    public static func coverageWarning(_ uncovered: [Int]) -> Text? {
        guard !uncovered.isEmpty else { return nil }
        let list = years(uncovered)
        return Text(
            id: "Peringatan: kalender kerja belum memuat hari libur tahun \(list.id), jadi tenggat di sini dihitung seolah-olah "
                + "tahun \(list.id) tanpa hari libur. Administrator menambahkan hari libur tahun itu ke berkas kalender "
                + "(lihat `sop calendar import`).",
            en: "Warning: the office calendar does not list the holidays of \(list.en) yet, so the due times here assume that "
                + "\(list.en) has no holidays. An administrator adds that year's holidays to the calendar file "
                + "(see `sop calendar import`).")
    }

    /// `langkah tingkat 1; berikutnya tingkat 2 ke kepala-dinas, 2 Des 2026 10.00 WIB`.
    static func standing(_ escalation: CaseTimeline.EscalationStanding, language: Language) -> String {
        var parts: [String] = []
        if escalation.stepLevel > 0 {
            parts.append(Text(id: "langkah tingkat \(escalation.stepLevel)", en: "step at level \(escalation.stepLevel)")(language))
        }
        if escalation.caseLevel > 0 {
            let to = escalation.caseEscalatedTo ?? "-"
            parts.append(Text(
                id: "seluruh pengaduan tingkat \(escalation.caseLevel) (\(to))",
                en: "whole case at level \(escalation.caseLevel) (\(to))")(language))
        }
        if let next = escalation.next {
            let at = TimeText.date(next.at, in: language)
            let what = next.step.map { Text(id: "langkah \($0)", en: "step \($0)") } ?? Text(id: "seluruh pengaduan", en: "the whole case")
            parts.append((Text(id: "berikutnya: ", en: "next: ") + what + Text(
                id: " tingkat \(next.level) ke \(next.to), \(at)", en: " level \(next.level) to \(next.to), \(at)"))(language))
        } else {
            parts.append(Text(id: "tidak ada tingkat berikutnya", en: "no further level")(language))
        }
        return parts.joined(separator: "; ")
    }

    /// One line after a command: where the case stands now.
    public static func summary(_ timeline: CaseTimeline, language: Language) -> String {
        var text = Text(
            id: "\(timeline.registerNumber) (nomor \(timeline.number))",
            en: "\(timeline.registerNumber) (number \(timeline.number))")(language)
            + ": " + status(timeline)(language)
        if let current = timeline.steps.last, current.endedAt == nil {
            let actors = current.actors.joined(separator: ", ")
            if let dueAt = current.dueAt {
                let due = TimeText.date(dueAt, in: language)
                text += Text(
                    id: "\nLangkah \(current.number) '\(current.activity)' (\(actors)), tenggat \(due)",
                    en: "\nStep \(current.number) '\(current.activity)' (\(actors)), due \(due)")(language)
            } else {
                text += Text(
                    id: "\nLangkah \(current.number) '\(current.activity)' (\(actors)), tanpa tenggat",
                    en: "\nStep \(current.number) '\(current.activity)' (\(actors)), no due time")(language)
            }
        }
        if let warning = coverageWarning(timeline.uncoveredYears) { text += "\n" + warning(language) }
        return text
    }

    /// The whole timeline, its table fitted to `width` characters.
    public static func timeline(_ timeline: CaseTimeline, width: Int, language: Language) -> String {
        func date(_ date: Date) -> String { TimeText.date(date, in: language) }
        var text = Text(
            id: "Pengaduan \(timeline.registerNumber) (nomor \(timeline.number))\n",
            en: "Complaint \(timeline.registerNumber) (number \(timeline.number))\n")(language)
        func field(_ label: String, _ value: String) { text += TextTable.pad(label, to: 18) + value + "\n" }
        let revision = Text(id: "revisi", en: "revision")(language)
        field("SOP", "\(timeline.title) (\(timeline.workflow), \(revision) \(timeline.revision))")
        field("Status", status(timeline)(language))
        if let channel = timeline.channel { field(Self.channel(language), channel) }
        field(Text(id: "Dibuka", en: "Opened")(language), opened(timeline, language: language))
        field(Text(id: "Tenggat", en: "Due")(language), "\(date(timeline.dueAt)) (\(sla(timeline.sla)(language)))")
        if let closed = timeline.closedAt { field(Text(id: "Ditutup", en: "Closed")(language), date(closed)) }
        if let escalation = timeline.escalation { field(Text(id: "Eskalasi", en: "Escalation")(language), standing(escalation, language: language)) }
        if let reminder = timeline.nextReminder {
            field(Text(id: "Pengingat", en: "Reminder")(language), (reminder.reminder.label + Text(
                id: ", \(TimeText.date(reminder.at, in: .id))", en: ", \(TimeText.date(reminder.at, in: .en))"))(language))
        }
        if let warning = coverageWarning(timeline.uncoveredYears) { text += warning(language) + "\n" }
        let office = TimeText.duration(timeline.officeWorkingSeconds)
        let reporter = TimeText.duration(timeline.reporterWorkingSeconds)
        field(Text(id: "Waktu kerja", en: "Working time")(language), Text(
            id: "kantor \(office), menunggu pelapor \(reporter)", en: "office \(office), waiting for the reporter \(reporter)")(language))
        if !timeline.fields.isEmpty {
            text += Text(id: "Data pengaduan:\n", en: "Complaint data:\n")(language)
            for line in timeline.fields { text += "  \(line.label): \(line.value)\n" }
        }
        text += "\n"
        var table = TextTable(columns: [
            .init(header: "No", width: 3, weight: 0),
            .init(header: Text(id: "Kegiatan", en: "Activity")(language), width: nil, weight: 4),
            .init(header: Text(id: "Pelaksana", en: "Actor")(language), width: nil, weight: 2),
            .init(header: Text(id: "Oleh", en: "By")(language), width: nil, weight: 2),
            .init(header: Text(id: "Mulai – selesai", en: "Start – end")(language), width: 22, weight: 0),
            .init(header: Text(id: "Waktu / anggaran", en: "Time / budget")(language), width: 22, weight: 0),
            .init(header: Text(id: "Hasil", en: "Result")(language), width: nil, weight: 2),
        ])
        for step in timeline.steps {
            var who = step.by ?? "-"
            if step.onBehalfOfReporter { who += onBehalfOfReporter(language) }
            let ended = step.endedAt.map(date) ?? Text(id: "berjalan", en: "running")(language)
            let reason = step.reason.map { SkipReason.text($0)(language) } ?? ""
            var result: String
            switch step.ending {
            case "completed":
                result = (step.branch.map { Text(id: "selesai: \($0)", en: "done: \($0)") } ?? Text(id: "selesai", en: "done"))(language)
            case "skipped": result = Text(id: "dilewati: \(reason)", en: "skipped: \(reason)")(language)
            case "returned": result = Text(id: "dikembalikan: \(reason)", en: "returned: \(reason)")(language)
            default:
                if let dueAt = step.dueAt {
                    let due = date(dueAt)
                    result = Text(id: "tenggat \(due)", en: "due \(due)")(language)
                } else {
                    result = TimeText.noDueTime(language)
                }
            }
            if let escalated = step.escalatedTo {
                result += Text(id: "\ndieskalasi ke \(escalated)", en: "\nescalated to \(escalated)")(language)
            }
            table.rows.append([
                "\(step.number).", step.activity, step.actors.joined(separator: ", "), who,
                "\(date(step.startedAt))\n\(ended)",
                "\(TimeText.duration(step.workingSeconds)) / \(step.budget)\n\(sla(step.sla)(language))", result,
            ])
        }
        text += table.render(totalWidth: width)
        if !timeline.documents.isEmpty || !timeline.waivers.isEmpty {
            text += Text(id: "\nDokumen:\n", en: "\nDocuments:\n")(language)
            // Clerks see the file and its size; its SHA-256 is in the JSON, and `sop case document`
            // and `sop verify` check it.
            for document in timeline.documents {
                text += Text(
                    id: "  \(document.document): \(document.fileName) (\(document.size) bita)\n",
                    en: "  \(document.document): \(document.fileName) (\(document.size) bytes)\n")(language)
            }
            for waiver in timeline.waivers {
                text += Text(
                    id: "  \(waiver.document): diabaikan di langkah \(waiver.step) oleh \(waiver.by) — \(waiver.reason)\n",
                    en: "  \(waiver.document): waived at step \(waiver.step) by \(waiver.by) — \(waiver.reason)\n")(language)
            }
        }
        if !timeline.notes.isEmpty {
            text += Text(id: "\nCatatan:\n", en: "\nNotes:\n")(language)
            for note in timeline.notes { text += "  \(Self.note(note, language: language))\n" }
        }
        if !timeline.revisionChanges.isEmpty {
            text += Text(id: "\nPerpindahan revisi:\n", en: "\nMoves between revisions:\n")(language)
            for change in timeline.revisionChanges { text += "  \(revisionChange(change)(language))\n" }
        }
        return text
    }

    /// A case list or queue as a table fitted to `width` characters, with its count.
    public static func list(_ items: [CaseListItem], width: Int, language: Language) -> String {
        guard !items.isEmpty else { return Text(id: "Tidak ada pengaduan.\n", en: "No complaints.\n")(language) }
        var table = TextTable(columns: [
            .init(header: Text(id: "Nomor register", en: "Register number")(language), width: 22, weight: 0),
            .init(header: "SOP", width: 19, weight: 0),
            .init(header: "Status", width: 16, weight: 0),
            .init(header: Text(id: "Langkah", en: "Step")(language), width: nil, weight: 3),
            .init(header: channel(language), width: 12, weight: 0),
            .init(header: Text(id: "Tenggat langkah", en: "Step due")(language), width: 22, weight: 0),
        ])
        for item in items {
            // A due time computed through a year the calendar does not cover is marked, and said below.
            let mark = item.uncoveredYears.isEmpty ? "" : " *"
            table.rows.append([
                item.registerNumber + mark, item.workflow, item.status.label(language),
                item.activity ?? "-", item.channelName ?? item.channel ?? "-",
                (item.stepDueAt.map { TimeText.date($0, in: language) + (item.sla == .overdue ? "\n" + sla(.overdue)(language) : "") } ?? "-")
                    + (item.nextScheduledAt.map { "\n" + Text(id: "otomatis ", en: "automatic ")(language) + TimeText.date($0, in: language) } ?? ""),
            ])
        }
        var text = table.render(totalWidth: width)
            + Text(id: "\(items.count) pengaduan\n", en: "\(items.count) complaint(s)\n")(language)
        let uncovered = Set(items.flatMap(\.uncoveredYears)).sorted()
        if !uncovered.isEmpty {
            let count = items.filter { !$0.uncoveredYears.isEmpty }.count
            let list = years(uncovered)
            text += Text(
                id: "* \(count) pengaduan bertenggat melewati tahun \(list.id), yang hari liburnya belum dimuat kalender kerja: "
                    + "tenggatnya dihitung seolah-olah tanpa hari libur (lihat `sop calendar import`).\n",
                en: "* \(count) complaint(s) have due times through \(list.en), whose holidays the office calendar does not list yet: "
                    + "they assume no holidays there (see `sop calendar import`).\n")(language)
        }
        return text
    }

    /// The event history: one line an event, `3. Sen 30 Nov 2026 09:05 siti: …`.
    ///
    /// `channelNames` gives the names of the revision's channels by id, for the opening's line.
    public static func history(_ events: [CaseEvent], language: Language, channelNames: [String: String] = [:]) -> String {
        events.map { event in
            let recorded = event.recordedAt.map { at in
                Text(id: " (waktu dinyatakan; dicatat \(TimeText.date(at, in: .id)))", en: " (time stated; recorded \(TimeText.date(at, in: .en)))")(language)
            } ?? ""
            return "\(event.sequence). \(TimeText.date(event.at, in: language))\(recorded) \(event.by): " + describe(event.kind, language: language, channelNames: channelNames)
        }.joined(separator: "\n") + "\n"
    }

    /// What an event did: `menyelesaikan langkah analisa — dapat diselesaikan`.
    public static func describe(_ kind: CaseEvent.Kind, language: Language, channelNames: [String: String] = [:]) -> String {
        func date(_ date: Date) -> String { TimeText.date(date, in: language) }
        switch kind {
        case .opened(let opened):
            let channel = opened.channel.map { id in
                let name = channelNames[id] ?? id
                return Text(id: " melalui \(name)", en: " through \(name)")
            } ?? Text(verbatim: "")
            return (Text(
                id: "dibuka \(opened.registerNumber) pada \(opened.workflow.id) revisi \(opened.workflow.revision)",
                en: "opened \(opened.registerNumber) on \(opened.workflow.id) revision \(opened.workflow.revision)") + channel)(language)
        case .stepStarted(let step, let due, let waits, _, _, _):
            return (due.map { due in
                let due = date(due)
                return Text(id: "mulai langkah \(step), tenggat \(due)", en: "started step \(step), due \(due)")
            } ?? Text(id: "mulai langkah \(step), tanpa tenggat", en: "started step \(step), no due time"))(language)
                + (waits ? Text(id: " (menunggu pelapor)", en: " (waiting for the reporter)")(language) : "")
        case .documentAttached(let document):
            return Text(
                id: "melampirkan \(document.document) (\(document.fileName))", en: "attached \(document.document) (\(document.fileName))")(language)
        case .documentWaived(let document, let step, let reason):
            return Text(id: "mengabaikan \(document) di langkah \(step): \(reason)", en: "waived \(document) at step \(step): \(reason)")(language)
        case .stepContributed(let step, let role, let onBehalf):
            return Text(id: "ikut menyelesaikan langkah \(step) sebagai \(role)", en: "took part in step \(step) as \(role)")(language)
                + (onBehalf ? Text(id: " (dicatat atas namanya)", en: " (recorded on their behalf)")(language) : "")
        case .stepCompleted(let step, let branch, let onBehalf):
            return Text(id: "menyelesaikan langkah \(step)", en: "completed step \(step)")(language) + (branch.map { " — \($0)" } ?? "")
                + (onBehalf ? onBehalfOfReporter(language) : "")
        case .stepSkipped(let step, let reason):
            return (Text(id: "melewati langkah \(step): ", en: "skipped step \(step): ") + SkipReason.text(reason))(language)
        case .returnedToReporter(let step, let reason):
            return Text(
                id: "mengembalikan ke pelapor dari langkah \(step): \(reason)", en: "returned to the reporter from step \(step): \(reason)")(language)
        case .escalated(let step, let actor, let reason, let early):
            return Text(id: "mengeskalasi langkah \(step) ke \(actor)", en: "escalated step \(step) to \(actor)")(language)
                + (early ? Text(id: " sebelum batas waktunya", en: " before it was due")(language) : "")
                + (reason.map { ": \($0)" } ?? "")
        case .escalatedBySchedule(let step, let level, let actor, let due):
            let due = date(due)
            if let step {
                return Text(
                    id: "eskalasi otomatis langkah \(step) ke \(actor) (tingkat \(level), jatuh waktu \(due))",
                    en: "escalated step \(step) to \(actor) by schedule (level \(level), due \(due))")(language)
            }
            return Text(
                id: "eskalasi otomatis seluruh pengaduan ke \(actor) (tingkat \(level), jatuh waktu \(due))",
                en: "escalated the whole case to \(actor) by schedule (level \(level), due \(due))")(language)
        case .reminded(let step, let reminder, _):
            switch reminder {
            case .atRisk:
                return Text(
                    id: "pengingat: langkah \(step) mendekati batas waktu (75% waktunya terpakai)",
                    en: "reminder: step \(step) is at risk (75% of its time used)")(language)
            case .overdue:
                return Text(id: "pengingat: langkah \(step) melewati batas waktu", en: "reminder: step \(step) is overdue")(language)
            }
        case .noteAdded(let text):
            return Text(id: "catatan: \(text)", en: "note: \(text)")(language)
        case .ended(let status, let outcome, let handedOff, let reason):
            return (Text(id: "berakhir: ", en: "ended: ") + status.label)(language) + (outcome.map { " (\($0))" } ?? "")
                + (handedOff.map { ", " + self.handedOff($0)(language) } ?? "") + (reason.map { " — \($0)" } ?? "")
        case .moved(let move):
            return Text(
                id: "dipindahkan ke revisi \(move.to.revision) (\(move.move)) dari revisi \(move.from.revision): ",
                en: "moved to revision \(move.to.revision) (\(move.move)) from revision \(move.from.revision): ")(language)
                + stepMove(move)(language) + deadlines(move, language: language)
        case .moveUndone(let move):
            return Text(
                id: "pemindahan \(move.move) dibatalkan: kembali ke revisi \(move.to.revision): ",
                en: "move \(move.move) undone: back to revision \(move.to.revision): ")(language)
                + stepMove(move)(language) + deadlines(move, language: language)
        case .rescheduled(let change):
            let hash = change.calendarHash.prefix(12)
            return Text(
                id: "tenggat dihitung ulang menurut kalender \(change.calendar) yang baru terbit (sha256 \(hash)): ",
                en: "due times computed again by the newly published calendar \(change.calendar) (sha256 \(hash)): ")(language)
                + Text(id: "langkah \(change.step) ", en: "step \(change.step) ")(language)
                + TimeText.moved(change.previousStepDueAt, change.stepDueAt, in: language)
                + Text(id: ", pengaduan ", en: ", case ")(language) + TimeText.moved(change.previousDueAt, change.dueAt, in: language)
        }
    }

    /// `, tenggat langkah …, tenggat pengaduan …`.
    private static func deadlines(_ move: CaseEvent.RevisionMove, language: Language) -> String {
        let step = TimeText.due(move.stepDueAt, in: language)
        let due = TimeText.date(move.dueAt, in: language)
        return Text(id: ", tenggat langkah \(step), tenggat pengaduan \(due)", en: ", step due \(step), case due \(due)")(language)
    }

    /// `langkah analisa` or `langkah dapat-diselesaikan → analisa`, for a move's event.
    static func stepMove(_ move: CaseEvent.RevisionMove) -> Text {
        stepText(from: move.fromStep.rawValue, to: move.step.rawValue)
    }

    /// `langkah analisa` or `langkah dapat-diselesaikan → analisa` (`step …` in English).
    public static func stepText(from: String, to: String) -> Text {
        let steps = from == to ? to : "\(from) → \(to)"
        return Text(id: "langkah \(steps)", en: "step \(steps)")
    }

    /// One line about a move between revisions, for a timeline, in both languages (each with its
    /// own dates).
    public static func revisionChange(_ change: RevisionChange) -> Text {
        let step = stepText(from: change.fromStep.rawValue, to: change.step.rawValue)
        let at = Text(id: TimeText.date(change.at, in: .id), en: TimeText.date(change.at, in: .en))
        let when = at + Text(verbatim: " \(change.by): ")
        return when + (change.isUndo
            ? Text(
                id: "pemindahan \(change.move) dibatalkan, kembali ke revisi \(change.to.revision) (\(step.id))",
                en: "move \(change.move) undone, back to revision \(change.to.revision) (\(step.en))")
            : Text(
                id: "dipindahkan ke revisi \(change.to.revision) (\(change.move)) dari revisi \(change.from.revision) (\(step.id))",
                en: "moved to revision \(change.to.revision) (\(change.move)) from revision \(change.from.revision) (\(step.en))"))
    }
}

extension Reminder {
    /// What the reminder says of its step: at risk, or overdue.
    public var label: Text {
        switch self {
        case .atRisk: Text(id: "mendekati batas waktu", en: "at risk")
        case .overdue: Text(id: "melewati batas waktu", en: "overdue")
        }
    }
}

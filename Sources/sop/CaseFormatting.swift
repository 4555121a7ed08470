import Foundation
import SOPCore
import SOPEngine
import SOPService

/// Case timelines, lists and histories as text, in the language of this run.
enum CaseText {
    static func status(_ status: CaseStatus) -> String {
        status.label.localized
    }

    static func sla(_ state: SLAState?) -> String {
        switch state {
        case .onTime: tr(id: "tepat waktu", en: "on time")
        case .atRisk: tr(id: "hampir lewat", en: "at risk")
        case .overdue: tr(id: "terlambat", en: "overdue")
        case nil: "-"
        }
    }

    /// `diteruskan ke SOP x`.
    static func handedOff(_ workflow: String) -> String {
        tr(id: "diteruskan ke SOP \(workflow)", en: "handed off to SOP \(workflow)")
    }

    /// The years joined for a sentence: `2027`, `2027 dan 2028`.
    static func years(_ years: [Int]) -> String {
        years.map(String.init).joined(separator: tr(id: " dan ", en: " and "))
    }

    /// The warning for due times computed through years the calendar does not cover; nil when
    /// there are none.
    static func coverageWarning(_ uncovered: [Int]) -> String? {
        guard !uncovered.isEmpty else { return nil }
        let list = years(uncovered)
        return tr(
            id: "Peringatan: kalender kerja belum memuat hari libur tahun \(list), jadi tenggat di sini dihitung seolah-olah "
                + "tahun \(list) tanpa hari libur. Administrator menambahkan hari libur tahun itu ke berkas kalender "
                + "(lihat `sop calendar import`).",
            en: "Warning: the office calendar does not list the holidays of \(list) yet, so the due times here assume that "
                + "\(list) has no holidays. An administrator adds that year's holidays to the calendar file "
                + "(see `sop calendar import`).")
    }

    /// One line after a command: where the case stands now.
    static func summary(_ timeline: CaseTimeline) -> String {
        var text = tr(
            id: "\(timeline.registerNumber) (nomor \(timeline.number))",
            en: "\(timeline.registerNumber) (number \(timeline.number))")
            + ": \(status(timeline.status))"
        if let outcome = timeline.outcome { text += " — \(outcome)" }
        if let target = timeline.handedOffTo { text += " — " + handedOff(target) }
        if let current = timeline.steps.last, current.endedAt == nil {
            let actors = current.actors.joined(separator: ", ")
            text += tr(
                id: "\nLangkah \(current.number) '\(current.activity)' (\(actors)), tenggat \(Clock.text(current.dueAt))",
                en: "\nStep \(current.number) '\(current.activity)' (\(actors)), due \(Clock.text(current.dueAt))")
        }
        if let warning = coverageWarning(timeline.uncoveredYears) { text += "\n" + warning }
        return text
    }

    /// The whole timeline.
    static func timeline(_ timeline: CaseTimeline, width: Int) -> String {
        var text = tr(
            id: "Pengaduan \(timeline.registerNumber) (nomor \(timeline.number))\n",
            en: "Complaint \(timeline.registerNumber) (number \(timeline.number))\n")
        func field(_ label: String, _ value: String) { text += TextTable.pad(label, to: 18) + value + "\n" }
        let revision = tr(id: "revisi", en: "revision")
        field("SOP", "\(timeline.title) (\(timeline.workflow), \(revision) \(timeline.revision))")
        field("Status", status(timeline.status) + (timeline.outcome.map { " — \($0)" } ?? "")
            + (timeline.handedOffTo.map { " — " + handedOff($0) } ?? ""))
        if let channel = timeline.channel { field(tr(id: "Kanal", en: "Channel"), channel) }
        field(tr(id: "Dibuka", en: "Opened"), tr(
            id: "\(Clock.text(timeline.openedAt)) oleh \(timeline.openedBy)", en: "\(Clock.text(timeline.openedAt)) by \(timeline.openedBy)"))
        field(tr(id: "Tenggat", en: "Due"), "\(Clock.text(timeline.dueAt)) (\(sla(timeline.sla)))")
        if let closed = timeline.closedAt { field(tr(id: "Ditutup", en: "Closed"), Clock.text(closed)) }
        if let warning = coverageWarning(timeline.uncoveredYears) { text += warning + "\n" }
        let office = Clock.duration(timeline.officeWorkingSeconds)
        let reporter = Clock.duration(timeline.reporterWorkingSeconds)
        field(tr(id: "Waktu kerja", en: "Working time"), tr(
            id: "kantor \(office), menunggu pelapor \(reporter)", en: "office \(office), waiting for the reporter \(reporter)"))
        if !timeline.fields.isEmpty {
            text += tr(id: "Data pengaduan:\n", en: "Complaint data:\n")
            for line in timeline.fields { text += "  \(line.label): \(line.value)\n" }
        }
        text += "\n"
        var table = TextTable(columns: [
            .init(header: "No", width: 3, weight: 0),
            .init(header: tr(id: "Kegiatan", en: "Activity"), width: nil, weight: 4),
            .init(header: tr(id: "Pelaksana", en: "Actor"), width: nil, weight: 2),
            .init(header: tr(id: "Oleh", en: "By"), width: nil, weight: 2),
            .init(header: tr(id: "Mulai – selesai", en: "Start – end"), width: 22, weight: 0),
            .init(header: tr(id: "Waktu / anggaran", en: "Time / budget"), width: 22, weight: 0),
            .init(header: tr(id: "Hasil", en: "Result"), width: nil, weight: 2),
        ])
        for step in timeline.steps {
            var who = step.by ?? "-"
            if step.onBehalfOfReporter { who += tr(id: " atas nama pelapor", en: " on behalf of the reporter") }
            let ended = step.endedAt.map { Clock.text($0) } ?? tr(id: "berjalan", en: "running")
            let reason = step.reason.map { SkipReason.text($0).localized } ?? ""
            var result: String
            switch step.ending {
            case "completed":
                result = step.branch.map { tr(id: "selesai: \($0)", en: "done: \($0)") } ?? tr(id: "selesai", en: "done")
            case "skipped": result = tr(id: "dilewati: \(reason)", en: "skipped: \(reason)")
            case "returned": result = tr(id: "dikembalikan: \(reason)", en: "returned: \(reason)")
            default: result = tr(id: "tenggat \(Clock.text(step.dueAt))", en: "due \(Clock.text(step.dueAt))")
            }
            if let escalated = step.escalatedTo { result += tr(id: "\ndieskalasi ke \(escalated)", en: "\nescalated to \(escalated)") }
            table.rows.append([
                "\(step.number).", step.activity, step.actors.joined(separator: ", "), who,
                "\(Clock.text(step.startedAt))\n\(ended)",
                "\(Clock.duration(step.workingSeconds)) / \(step.budget)\n\(sla(step.sla))", result,
            ])
        }
        text += table.render(totalWidth: width)
        if !timeline.documents.isEmpty || !timeline.waivers.isEmpty {
            text += tr(id: "\nDokumen:\n", en: "\nDocuments:\n")
            for document in timeline.documents {
                let hash = document.sha256.prefix(12)
                text += tr(
                    id: "  \(document.document): \(document.fileName) (\(document.size) bita, sha256 \(hash)…)\n",
                    en: "  \(document.document): \(document.fileName) (\(document.size) bytes, sha256 \(hash)…)\n")
            }
            for waiver in timeline.waivers {
                text += tr(
                    id: "  \(waiver.document): diabaikan di langkah \(waiver.step) oleh \(waiver.by) — \(waiver.reason)\n",
                    en: "  \(waiver.document): waived at step \(waiver.step) by \(waiver.by) — \(waiver.reason)\n")
            }
        }
        if !timeline.notes.isEmpty {
            text += tr(id: "\nCatatan:\n", en: "\nNotes:\n")
            for note in timeline.notes { text += "  \(Clock.text(note.at)) \(note.by): \(note.text)\n" }
        }
        if !timeline.revisionChanges.isEmpty {
            text += tr(id: "\nPerpindahan revisi:\n", en: "\nMoves between revisions:\n")
            for change in timeline.revisionChanges { text += "  \(revisionChange(change))\n" }
        }
        return text
    }

    /// A case list or queue as a table.
    static func list(_ items: [CaseListItem], width: Int) -> String {
        guard !items.isEmpty else { return tr(id: "Tidak ada pengaduan.\n", en: "No complaints.\n") }
        var table = TextTable(columns: [
            .init(header: tr(id: "Nomor register", en: "Register number"), width: 22, weight: 0),
            .init(header: "SOP", width: 19, weight: 0),
            .init(header: "Status", width: 16, weight: 0),
            .init(header: tr(id: "Langkah", en: "Step"), width: nil, weight: 3),
            .init(header: tr(id: "Kanal", en: "Channel"), width: 12, weight: 0),
            .init(header: tr(id: "Tenggat langkah", en: "Step due"), width: 22, weight: 0),
        ])
        for item in items {
            // A due time computed through a year the calendar does not cover is marked, and said below.
            let mark = item.uncoveredYears.isEmpty ? "" : " *"
            table.rows.append([
                item.registerNumber + mark, item.workflow, status(item.status),
                item.activity ?? "-", item.channel ?? "-",
                item.stepDueAt.map { Clock.text($0) + (item.sla == .overdue ? "\n" + sla(.overdue) : "") } ?? "-",
            ])
        }
        var text = table.render(totalWidth: width) + tr(id: "\(items.count) pengaduan\n", en: "\(items.count) complaint(s)\n")
        let uncovered = Set(items.flatMap(\.uncoveredYears)).sorted()
        if !uncovered.isEmpty {
            let count = items.filter { !$0.uncoveredYears.isEmpty }.count
            let list = years(uncovered)
            text += tr(
                id: "* \(count) pengaduan bertenggat melewati tahun \(list), yang hari liburnya belum dimuat kalender kerja: "
                    + "tenggatnya dihitung seolah-olah tanpa hari libur (lihat `sop calendar import`).\n",
                en: "* \(count) complaint(s) have due times through \(list), whose holidays the office calendar does not list yet: "
                    + "they assume no holidays there (see `sop calendar import`).\n")
        }
        return text
    }

    /// The event history.
    static func history(_ events: [CaseEvent]) -> String {
        events.map { event in
            "\(event.sequence). \(Clock.text(event.at)) \(event.by): " + describe(event.kind)
        }.joined(separator: "\n") + "\n"
    }

    static func describe(_ kind: CaseEvent.Kind) -> String {
        switch kind {
        case .opened(let opened):
            tr(
                id: "dibuka \(opened.registerNumber) pada \(opened.workflow.id) revisi \(opened.workflow.revision)",
                en: "opened \(opened.registerNumber) on \(opened.workflow.id) revision \(opened.workflow.revision)")
                + (opened.channel.map { tr(id: " melalui \($0)", en: " through \($0)") } ?? "")
        case .stepStarted(let step, let due, let waits, _):
            tr(id: "mulai langkah \(step), tenggat \(Clock.text(due))", en: "started step \(step), due \(Clock.text(due))")
                + (waits ? tr(id: " (menunggu pelapor)", en: " (waiting for the reporter)") : "")
        case .documentAttached(let document):
            tr(id: "melampirkan \(document.document) (\(document.fileName))", en: "attached \(document.document) (\(document.fileName))")
        case .documentWaived(let document, let step, let reason):
            tr(id: "mengabaikan \(document) di langkah \(step): \(reason)", en: "waived \(document) at step \(step): \(reason)")
        case .stepContributed(let step, let role):
            tr(id: "ikut menyelesaikan langkah \(step) sebagai \(role)", en: "took part in step \(step) as \(role)")
        case .stepCompleted(let step, let branch, let onBehalf):
            tr(id: "menyelesaikan langkah \(step)", en: "completed step \(step)") + (branch.map { " — \($0)" } ?? "")
                + (onBehalf ? tr(id: " atas nama pelapor", en: " on behalf of the reporter") : "")
        case .stepSkipped(let step, let reason):
            tr(id: "melewati langkah \(step): ", en: "skipped step \(step): ") + SkipReason.text(reason).localized
        case .returnedToReporter(let step, let reason):
            tr(id: "mengembalikan ke pelapor dari langkah \(step): \(reason)", en: "returned to the reporter from step \(step): \(reason)")
        case .escalated(let step, let actor, let reason):
            tr(id: "mengeskalasi langkah \(step) ke \(actor)", en: "escalated step \(step) to \(actor)") + (reason.map { ": \($0)" } ?? "")
        case .noteAdded(let text): tr(id: "catatan: \(text)", en: "note: \(text)")
        case .ended(let status, let outcome, let handedOff, let reason):
            tr(id: "berakhir: ", en: "ended: ") + self.status(status) + (outcome.map { " (\($0))" } ?? "")
                + (handedOff.map { ", " + self.handedOff("\($0)") } ?? "") + (reason.map { " — \($0)" } ?? "")
        case .moved(let move):
            tr(
                id: "dipindahkan ke revisi \(move.to.revision) (\(move.move)) dari revisi \(move.from.revision): ",
                en: "moved to revision \(move.to.revision) (\(move.move)) from revision \(move.from.revision): ")
                + stepMove(move) + deadlines(move)
        case .moveUndone(let move):
            tr(
                id: "pemindahan \(move.move) dibatalkan: kembali ke revisi \(move.to.revision): ",
                en: "move \(move.move) undone: back to revision \(move.to.revision): ")
                + stepMove(move) + deadlines(move)
        }
    }

    /// `, tenggat langkah …, tenggat pengaduan …`.
    private static func deadlines(_ move: CaseEvent.RevisionMove) -> String {
        let step = Clock.text(move.stepDueAt)
        let due = Clock.text(move.dueAt)
        return tr(id: ", tenggat langkah \(step), tenggat pengaduan \(due)", en: ", step due \(step), case due \(due)")
    }

    /// `langkah analisa` or `langkah dapat-diselesaikan → analisa`.
    static func stepMove(_ move: CaseEvent.RevisionMove) -> String {
        step(from: move.fromStep.rawValue, to: move.step.rawValue)
    }

    /// `langkah analisa` or `langkah dapat-diselesaikan → analisa` (`step …` in English).
    static func step(from: String, to: String) -> String {
        stepText(from: from, to: to).localized
    }

    /// `langkah analisa` or `langkah dapat-diselesaikan → analisa`, in both languages.
    static func stepText(from: String, to: String) -> Text {
        let steps = from == to ? to : "\(from) → \(to)"
        return Text(id: "langkah \(steps)", en: "step \(steps)")
    }

    /// One line about a move between revisions, for a timeline.
    static func revisionChange(_ change: RevisionChange) -> String {
        revisionChangeText(change).localized
    }

    /// One line about a move between revisions, in both languages (each with its own dates).
    static func revisionChangeText(_ change: RevisionChange) -> Text {
        let step = stepText(from: change.fromStep.rawValue, to: change.step.rawValue)
        let at = Text(id: Clock.text(change.at, in: .id), en: Clock.text(change.at, in: .en))
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

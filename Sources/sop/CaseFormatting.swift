import Foundation
import SOPEngine
import SOPService

/// Case timelines, lists and histories as text.
enum CaseText {
    static func status(_ status: CaseStatus) -> String {
        switch status {
        case .open: "terbuka"
        case .waitingForReporter: "menunggu pelapor"
        case .resolved: "selesai"
        case .rejected: "ditolak"
        case .withdrawn: "dicabut"
        case .closed: "ditutup"
        }
    }

    static func sla(_ state: SLAState?) -> String {
        switch state {
        case .onTime: "tepat waktu"
        case .atRisk: "hampir lewat"
        case .overdue: "terlambat"
        case nil: "-"
        }
    }

    /// One line after a command: where the case stands now.
    static func summary(_ timeline: CaseTimeline) -> String {
        var text = "\(timeline.registerNumber) (nomor \(timeline.number)): \(status(timeline.status))"
        if let outcome = timeline.outcome { text += " — \(outcome)" }
        if let handedOff = timeline.handedOffTo { text += " — diteruskan ke SOP \(handedOff)" }
        if let current = timeline.steps.last, current.endedAt == nil {
            text += "\nLangkah \(current.number) '\(current.activity)' (\(current.actors.joined(separator: ", "))), tenggat \(Clock.text(current.dueAt))"
        }
        return text
    }

    /// The whole timeline.
    static func timeline(_ timeline: CaseTimeline, width: Int) -> String {
        var text = "Pengaduan \(timeline.registerNumber) (nomor \(timeline.number))\n"
        func field(_ label: String, _ value: String) { text += TextTable.pad(label, to: 18) + value + "\n" }
        field("SOP", "\(timeline.title) (\(timeline.workflow), revisi \(timeline.revision))")
        field("Status", status(timeline.status) + (timeline.outcome.map { " — \($0)" } ?? "") + (timeline.handedOffTo.map { " — diteruskan ke SOP \($0)" } ?? ""))
        if let channel = timeline.channel { field("Kanal", channel) }
        field("Dibuka", "\(Clock.text(timeline.openedAt)) oleh \(timeline.openedBy)")
        field("Tenggat", "\(Clock.text(timeline.dueAt)) (\(sla(timeline.sla)))")
        if let closed = timeline.closedAt { field("Ditutup", Clock.text(closed)) }
        field("Waktu kerja", "kantor \(Clock.duration(timeline.officeWorkingSeconds)), menunggu pelapor \(Clock.duration(timeline.reporterWorkingSeconds))")
        if !timeline.fields.isEmpty {
            text += "Data pengaduan:\n"
            for line in timeline.fields { text += "  \(line.label): \(line.value)\n" }
        }
        text += "\n"
        var table = TextTable(columns: [
            .init(header: "No", width: 3, weight: 0),
            .init(header: "Kegiatan", width: nil, weight: 4),
            .init(header: "Pelaksana", width: nil, weight: 2),
            .init(header: "Oleh", width: nil, weight: 2),
            .init(header: "Mulai – selesai", width: 22, weight: 0),
            .init(header: "Waktu / anggaran", width: 22, weight: 0),
            .init(header: "Hasil", width: nil, weight: 2),
        ])
        for step in timeline.steps {
            var who = step.by ?? "-"
            if step.onBehalfOfReporter { who += " atas nama pelapor" }
            let ended = step.endedAt.map { Clock.text($0) } ?? "berjalan"
            var result: String
            switch step.ending {
            case "completed": result = step.branch.map { "selesai: \($0)" } ?? "selesai"
            case "skipped": result = "dilewati: \(step.reason ?? "")"
            case "returned": result = "dikembalikan: \(step.reason ?? "")"
            default: result = "tenggat \(Clock.text(step.dueAt))"
            }
            if let escalated = step.escalatedTo { result += "\ndieskalasi ke \(escalated)" }
            table.rows.append([
                "\(step.number).", step.activity, step.actors.joined(separator: ", "), who,
                "\(Clock.text(step.startedAt))\n\(ended)",
                "\(Clock.duration(step.workingSeconds)) / \(step.budget)\n\(sla(step.sla))", result,
            ])
        }
        text += table.render(totalWidth: width)
        if !timeline.documents.isEmpty || !timeline.waivers.isEmpty {
            text += "\nDokumen:\n"
            for document in timeline.documents {
                text += "  \(document.document): \(document.fileName) (\(document.size) bita, sha256 \(document.sha256.prefix(12))…)\n"
            }
            for waiver in timeline.waivers {
                text += "  \(waiver.document): diabaikan di langkah \(waiver.step) oleh \(waiver.by) — \(waiver.reason)\n"
            }
        }
        if !timeline.notes.isEmpty {
            text += "\nCatatan:\n"
            for note in timeline.notes { text += "  \(Clock.text(note.at)) \(note.by): \(note.text)\n" }
        }
        if !timeline.revisionChanges.isEmpty {
            text += "\nPerpindahan revisi:\n"
            for change in timeline.revisionChanges { text += "  \(revisionChange(change))\n" }
        }
        return text
    }

    /// A case list or queue as a table.
    static func list(_ items: [CaseListItem], width: Int) -> String {
        guard !items.isEmpty else { return "Tidak ada pengaduan.\n" }
        var table = TextTable(columns: [
            .init(header: "Nomor register", width: 20, weight: 0),
            .init(header: "SOP", width: 19, weight: 0),
            .init(header: "Status", width: 16, weight: 0),
            .init(header: "Langkah", width: nil, weight: 3),
            .init(header: "Kanal", width: 12, weight: 0),
            .init(header: "Tenggat langkah", width: 22, weight: 0),
        ])
        for item in items {
            table.rows.append([
                item.registerNumber, item.workflow, status(item.status),
                item.activity ?? "-", item.channel ?? "-",
                item.stepDueAt.map { Clock.text($0) + (item.sla == .overdue ? "\nterlambat" : "") } ?? "-",
            ])
        }
        return table.render(totalWidth: width) + "\(items.count) pengaduan\n"
    }

    /// The event history.
    static func history(_ events: [CaseEvent]) -> String {
        events.map { event in
            "\(event.sequence). \(Clock.text(event.at)) \(event.by): " + describe(event.kind)
        }.joined(separator: "\n") + "\n"
    }

    static func describe(_ kind: CaseEvent.Kind) -> String {
        switch kind {
        case .opened(let opened): "dibuka \(opened.registerNumber) pada \(opened.workflow.id) revisi \(opened.workflow.revision)" + (opened.channel.map { " melalui \($0)" } ?? "")
        case .stepStarted(let step, let due, let waits, _): "mulai langkah \(step), tenggat \(Clock.text(due))" + (waits ? " (menunggu pelapor)" : "")
        case .documentAttached(let document): "melampirkan \(document.document) (\(document.fileName))"
        case .documentWaived(let document, let step, let reason): "mengabaikan \(document) di langkah \(step): \(reason)"
        case .stepContributed(let step, let role): "ikut menyelesaikan langkah \(step) sebagai \(role)"
        case .stepCompleted(let step, let branch, let onBehalf): "menyelesaikan langkah \(step)" + (branch.map { " — \($0)" } ?? "") + (onBehalf ? " atas nama pelapor" : "")
        case .stepSkipped(let step, let reason): "melewati langkah \(step): \(reason)"
        case .returnedToReporter(let step, let reason): "mengembalikan ke pelapor dari langkah \(step): \(reason)"
        case .escalated(let step, let actor, let reason): "mengeskalasi langkah \(step) ke \(actor)" + (reason.map { ": \($0)" } ?? "")
        case .noteAdded(let text): "catatan: \(text)"
        case .ended(let status, let outcome, let handedOff, let reason):
            "berakhir: \(self.status(status))" + (outcome.map { " (\($0))" } ?? "") + (handedOff.map { ", diteruskan ke SOP \($0)" } ?? "") + (reason.map { " — \($0)" } ?? "")
        case .migrated(let migration):
            "dipindahkan ke revisi \(migration.to.revision) (\(migration.migration)) dari revisi \(migration.from.revision): "
                + stepMove(migration) + ", tenggat langkah \(Clock.text(migration.stepDueAt)), tenggat pengaduan \(Clock.text(migration.dueAt))"
        case .migrationUndone(let migration):
            "pemindahan \(migration.migration) dibatalkan: kembali ke revisi \(migration.to.revision): "
                + stepMove(migration) + ", tenggat langkah \(Clock.text(migration.stepDueAt)), tenggat pengaduan \(Clock.text(migration.dueAt))"
        }
    }

    /// `langkah analisa` or `langkah dapat-diselesaikan → analisa`.
    static func stepMove(_ migration: CaseEvent.Migration) -> String {
        migration.fromStep == migration.step ? "langkah \(migration.step)" : "langkah \(migration.fromStep) → \(migration.step)"
    }

    /// One line about a move between revisions, for a timeline.
    static func revisionChange(_ change: RevisionChange) -> String {
        let step = change.fromStep == change.step ? "langkah \(change.step)" : "langkah \(change.fromStep) → \(change.step)"
        return change.isUndo
            ? "\(Clock.text(change.at)) \(change.by): pemindahan \(change.migration) dibatalkan, kembali ke revisi \(change.to.revision) (\(step))"
            : "\(Clock.text(change.at)) \(change.by): dipindahkan ke revisi \(change.to.revision) (\(change.migration)) dari revisi \(change.from.revision) (\(step))"
    }
}

import Foundation
import SOPCore

/// A staff member's mistake, refused with nothing written: what is wrong and the way out.
///
/// Each refusal is made by one function here, with its code from the catalogue (`ErrorCode`) and
/// its message in both languages: the engine's messages live with their codes. Callers match on
/// `code`; people read `message` in their language.
public struct EngineError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of mistake, from the catalogue; the same in both languages.
    public let code: ErrorCode
    /// What is wrong and what to do, in one or two sentences, in both languages.
    public let message: Text

    init(_ code: ErrorCode, _ message: Text) {
        self.code = code
        self.message = message
    }

    /// The message in English, for test failures and logs.
    public var description: String { message.en }

    static func unknownField(_ name: String, suggestion: String?, known: [String]) -> EngineError {
        let list = known.joined(separator: ", ")
        return EngineError(.unknownField, Text(id: "alur kerja tidak memiliki isian '\(name)'", en: "the workflow has no field '\(name)'")
            + (suggestion.map { Text(verbatim: "; ") + Spelling.suggestion($0) }
                ?? Text(id: "; isiannya: \(list)", en: "; its fields are: \(list)")))
    }
    static func invalidField(_ name: String, _ problem: Text) -> EngineError {
        EngineError(.invalidField, Text(id: "isian '\(name)': \(problem.id)", en: "field '\(name)': \(problem.en)"))
    }
    static func missingField(_ name: String, label: String) -> EngineError {
        EngineError(.missingField, Text(
            id: "isian '\(name)' (\(label)) wajib diisi: berikan dengan `--field \(name)=NILAI`",
            en: "field '\(name)' (\(label)) is required: give it with `--field \(name)=VALUE`"))
    }
    static func channelRequired(_ channels: [String]) -> EngineError {
        let choices = channels.joined(separator: "|")
        return EngineError(.invalidChannel, Text(
            id: "sebutkan kanal masuknya pengaduan: `--channel \(choices)`",
            en: "say which channel the complaint came in through: `--channel \(choices)`"))
    }
    static func unknownChannel(_ given: String, suggestion: String?, channels: [String]) -> EngineError {
        let hint = suggestion.map { Text(verbatim: " (") + Spelling.suggestion($0) + Text(verbatim: ")") } ?? Text(verbatim: "")
        let list = channels.joined(separator: ", ")
        return EngineError(.invalidChannel, Text(
            id: "SOP ini tidak menerima pengaduan melalui '\(given)'\(hint.id); kanalnya: \(list)",
            en: "this SOP does not accept complaints through '\(given)'\(hint.en); its channels are: \(list)"))
    }
    static func intake(_ message: String) -> EngineError {
        EngineError(.intakeRule, Text(
            id: "pengaduan tidak memenuhi persyaratan SOP: \(message)",
            en: "the complaint does not meet the SOP's requirements: \(message)"))
    }
    /// An instant as RFC 3339 in Western Indonesia Time, as errors name times.
    static func wib(_ instant: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(secondsFromGMT: 7 * 3600)
        return formatter.string(from: instant)
    }
    static func beforeLastEvent(_ registerNumber: String, at instant: Date, last: Date) -> EngineError {
        let (stated, latest) = (wib(instant), wib(last))
        return EngineError(.beforeLastEvent, Text(
            id: "waktu \(stated) lebih awal daripada peristiwa terakhir pengaduan \(registerNumber) (\(latest)): sebuah peristiwa tidak "
                + "pernah dicatat sebelum peristiwa yang sudah ada; sebutkan waktu sesudahnya dengan --at",
            en: "the time \(stated) is before the last event of case \(registerNumber) (\(latest)): an event is never recorded "
                + "before those already there; state a later time with --at"))
    }
    static func finished(_ registerNumber: String, status: CaseStatus) -> EngineError {
        EngineError(.caseEnded, Text(
            id: "pengaduan \(registerNumber) sudah berakhir (\(status.label.id)); tidak ada lagi yang dapat dilakukan",
            en: "case \(registerNumber) has ended (\(status.label.en)); nothing more can be done on it"))
    }
    static func notCurrentStep(_ step: String, current: String?) -> EngineError {
        EngineError(.notCurrentStep, current.map {
            Text(
                id: "pengaduan berada pada langkah '\($0)', bukan '\(step)'; lihat `sop case show` untuk posisinya",
                en: "the case stands on step '\($0)', not '\(step)'; see `sop case show` for where it is")
        } ?? Text(id: "pengaduan tidak berada pada langkah mana pun", en: "the case stands on no step"))
    }
    static func role(user: String, step: Text, needs: [String]) -> EngineError {
        let role = needs.first ?? "ROLE"
        return EngineError(.missingRole, Text(
            id: "pengguna '\(user)' tidak memegang peran untuk langkah \(step.id) (\(needs.joined(separator: " atau "))); "
                + "mintalah kepada administrator: `sop staff add \(user) --role \(role)`",
            en: "user '\(user)' does not hold the role for step \(step.en) (\(needs.joined(separator: " or "))); "
                + "ask an administrator: `sop staff add \(user) --role \(role)`"))
    }
    static func alreadyContributed(user: String, role: String, step: String) -> EngineError {
        EngineError(.alreadyDone, Text(
            id: "peran '\(role)' sudah ikut menyelesaikan langkah '\(step)'; pelaksana lain yang harus menyelesaikannya",
            en: "role '\(role)' has already taken part in step '\(step)'; the other actors must complete it"))
    }
    static func missingOutput(step: String, document: String) -> EngineError {
        EngineError(.missingOutput, Text(
            id: "langkah '\(step)' membutuhkan dokumen '\(document)': lampirkan dengan "
                + "`--attach \(document)=BERKAS` atau abaikan dengan `--waive \(document) --reason TEKS`",
            en: "step '\(step)' needs document '\(document)': attach it with "
                + "`--attach \(document)=FILE` or waive it with `--waive \(document) --reason TEXT`"))
    }
    static func unknownDocument(_ name: String, suggestion: String?) -> EngineError {
        EngineError(.unknownDocument, Text(
            id: "alur kerja tidak memiliki dokumen '\(name)'",
            en: "the workflow has no document '\(name)'")
            + (suggestion.map { Text(verbatim: "; ") + Spelling.suggestion($0) } ?? Text(verbatim: "")))
    }
    static func notADecision(_ step: String, branch: String) -> EngineError {
        EngineError(.branch, Text(
            id: "langkah '\(step)' bukan keputusan; hilangkan '\(branch)'",
            en: "step '\(step)' is not a decision; leave out '\(branch)'"))
    }
    static func unknownBranch(step: String, branch: String, labels: [String]) -> EngineError {
        let list = labels.joined(separator: ", ")
        return EngineError(.branch, Text(
            id: "langkah '\(step)' tidak memiliki cabang '\(branch)'; pilih salah satu dari: \(list)",
            en: "step '\(step)' has no branch '\(branch)'; choose one of: \(list)"))
    }
    static func branchRuleFails(step: String, label: String, rule: String) -> EngineError {
        EngineError(.branch, Text(
            id: "cabang '\(label)' pada langkah '\(step)' hanya berlaku bila \(rule), dan hal itu tidak terpenuhi untuk pengaduan ini",
            en: "branch '\(label)' of step '\(step)' applies only when \(rule), which does not hold for this case"))
    }
    static func branchRequired(question: String, labels: [String]) -> EngineError {
        let list = labels.joined(separator: ", ")
        let yesNo = labels.map { $0.lowercased() }.sorted() == ["tidak", "ya"]
        return EngineError(.branch, Text(
            id: "\(question) — pilih cabang dengan `--branch LABEL` (\(list))" + (yesNo ? " atau `--yes`/`--no`" : ""),
            en: "\(question) — choose a branch with `--branch LABEL` (\(list))" + (yesNo ? " or `--yes`/`--no`" : "")))
    }
    static func notOptional(_ step: String) -> EngineError {
        EngineError(.notOptional, Text(
            id: "langkah '\(step)' tidak opsional dan tidak dapat dilewati; selesaikan dengan `sop case step`",
            en: "step '\(step)' is not optional and cannot be skipped; complete it with `sop case step`"))
    }
    static func reasonRequired(_ what: Text) -> EngineError {
        EngineError(.reasonRequired, Text(
            id: "\(what.id) memerlukan alasan: tambahkan `--reason TEKS`",
            en: "\(what.en) needs a reason: add `--reason TEXT`"))
    }
    static func noReporterStep() -> EngineError {
        EngineError(.noReporterStep, Text(
            id: "alur kerja ini tidak memiliki langkah pelapor untuk tujuan pengembalian pengaduan",
            en: "this workflow has no step of the reporter to return the case to"))
    }
    static func noEscalation(_ step: String) -> EngineError {
        EngineError(.noEscalation, Text(
            id: "langkah '\(step)' tidak menyebutkan pelaksana tujuan eskalasi; sebutkan dengan `--to PELAKSANA`",
            en: "step '\(step)' names no actor to escalate to; name one with `--to ACTOR`"))
    }
    static func unknownActor(_ name: String) -> EngineError {
        EngineError(.unknownActor, Text(id: "alur kerja tidak memiliki pelaksana '\(name)'", en: "the workflow has no actor '\(name)'"))
    }
    static func handoffNotAllowed(step: String, target: String, allowed: [String]) -> EngineError {
        let list = allowed.joined(separator: ", ")
        return EngineError(.handoff, Text(
            id: "langkah '\(step)' tidak dapat meneruskan pengaduan ke '\(target)'; tujuan yang dapat dipilih: "
                + (allowed.isEmpty ? "tidak ada SOP lain" : list),
            en: "step '\(step)' cannot hand the case to '\(target)'; it can go to: "
                + (allowed.isEmpty ? "no other SOP" : list)))
    }
    static func notAnOutput(step: String, document: String, outputs: [String]) -> EngineError {
        let list = outputs.joined(separator: ", ")
        return EngineError(.notAnOutput, Text(
            id: "langkah '\(step)' tidak menghasilkan '\(document)', jadi dokumen itu tidak dapat diabaikan di sini; "
                + (outputs.isEmpty ? "langkah ini tidak menghasilkan dokumen apa pun" : "langkah ini menghasilkan: \(list)"),
            en: "step '\(step)' does not produce '\(document)', so it cannot be waived here; "
                + (outputs.isEmpty ? "the step produces no documents" : "it produces: \(list)")))
    }
    static func escalateToReporter(_ actor: String) -> EngineError {
        EngineError(.escalateToReporter, Text(
            id: "'\(actor)' berada di luar kantor; eskalasikan ke pelaksana di dalam kantor",
            en: "'\(actor)' is outside the office; escalate to an actor of the office"))
    }
    static func invalidText(_ what: Text) -> EngineError {
        EngineError(.invalidText, Text(
            id: "\(what.id) kosong atau terlalu panjang (paling banyak 10.000 karakter)",
            en: "\(what.en) is empty or too long (at most 10,000 characters)"))
    }
    static func controlCharacters(_ what: Text) -> EngineError {
        EngineError(.invalidText, Text(
            id: "\(what.id) berisi karakter kendali (misalnya urutan escape terminal), yang tidak disimpan; ketik ulang teksnya",
            en: "\(what.en) has control characters (an escape sequence of a terminal, say), which are not stored; type the text again"))
    }
    static func workflow(_ problem: Text) -> EngineError { EngineError(.workflow, problem) }
    static func noSteps() -> EngineError {
        .workflow(Text(id: "alur kerja tidak memiliki langkah", en: "the workflow has no steps"))
    }
    static func noWayOn(_ step: String) -> EngineError {
        .workflow(Text(
            id: "langkah '\(step)' tidak memiliki kelanjutan dalam alur kerja",
            en: "step '\(step)' has no way on in the workflow"))
    }
    static func missingStep(_ step: String) -> EngineError {
        .workflow(Text(id: "langkah '\(step)' tidak ada dalam alur kerja", en: "step '\(step)' is not in the workflow"))
    }
    static func optionalStepsLoop() -> EngineError {
        .workflow(Text(
            id: "langkah-langkah opsional saling melewati tanpa akhir",
            en: "optional steps skip into each other without end"))
    }
    /// An event the engine made does not apply to the case: a fault of sop, reported rather than
    /// written.
    static func notApplied(_ kind: CaseEvent.Kind) -> EngineError {
        EngineError(.internalFault, Text(
            id: "kesalahan pada sop: peristiwa '\(kind.name)' tidak sesuai dengan keadaan pengaduan; tidak ada yang ditulis. "
                + "Laporkan kepada pengembang beserta `sop case history`",
            en: "a fault in sop: event '\(kind.name)' does not fit the case; nothing was written. "
                + "Report it to the developers with `sop case history`"))
    }
}

extension CaseStatus {
    /// The status in words, in both languages: `terbuka` / `open`.
    public var label: Text {
        switch self {
        case .open: Text(id: "terbuka", en: "open")
        case .waitingForReporter: Text(id: "menunggu pelapor", en: "waiting for the reporter")
        case .resolved: Text(id: "selesai", en: "resolved")
        case .rejected: Text(id: "ditolak", en: "rejected")
        case .withdrawn: Text(id: "dicabut", en: "withdrawn")
        case .closed: Text(id: "ditutup", en: "closed")
        }
    }
}

/// The reason the engine itself records when it skips a step, and that reason in both languages.
///
/// Reasons are stored with the case's events, once, as text. Staff write theirs in their own words;
/// the engine writes this one in English, and it is shown in the reader's language.
public enum SkipReason {
    /// "not needed: RULE does not hold", recorded when an optional step's rule does not hold.
    public static func ruleDoesNotHold(_ rule: String) -> String {
        "\(prefix)\(rule)\(suffix)"
    }

    /// A recorded reason in both languages: the engine's own reason translated, any other as written.
    public static func text(_ recorded: String) -> Text {
        guard recorded.hasPrefix(prefix), recorded.hasSuffix(suffix), recorded.count >= prefix.count + suffix.count else {
            return Text(verbatim: recorded)
        }
        let rule = recorded.dropFirst(prefix.count).dropLast(suffix.count)
        return Text(id: "tidak diperlukan: \(rule) tidak terpenuhi", en: recorded)
    }

    private static let prefix = "not needed: "
    private static let suffix = " does not hold"
}

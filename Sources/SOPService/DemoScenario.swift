import Foundation
import SOPCore
import SOPEngine
import SOPModel
import SOPStorage

/// The demonstration: complaints under both SOPs stepped along every path, on a store the
/// caller provides (a fresh temporary database), with a simulated clock.
public struct DemoScenario: Sendable {
    /// What the demo did: the cases' timelines and a short recap.
    public struct Result: Sendable, Encodable {
        /// Each case's timeline, in the order opened.
        public var timelines: [CaseTimeline]
        /// The counts.
        public var recap: Recap
        /// The notices the sweep at the end put in the outbox, and where each would go.
        public var notices: [DemoNotice]
    }

    /// A notice in the demo's outbox: what it tells and the addresses it would go to (the demo
    /// sends nothing; `sop tick` delivers an office's outbox through its mail transfer agent).
    public struct DemoNotice: Sendable, Encodable {
        /// The outbox entry.
        public var id: Int
        /// Its channel.
        public var channel: DeliveryChannel
        /// What it tells.
        public var notice: Notice
        /// The addresses of the staff who hold its roles.
        public var recipients: [String]
    }

    /// Counts over the demo's cases.
    public struct Recap: Sendable, Encodable {
        /// How many cases of a workflow ended (or stand) so.
        public struct Line: Sendable, Encodable {
            /// The workflow id.
            public var workflow: String
            /// The signed SOP's number (`067/12351`), when its header gives one.
            public var sopNumber: String?
            /// The SOP's title.
            public var title: String
            /// The status.
            public var status: String
            /// The outcome's name.
            public var outcome: String?
            /// How many cases.
            public var count: Int
        }
        /// The counts by workflow, status and outcome.
        public var lines: [Line]
        /// Finished steps within their budget.
        public var stepsOnTime: Int
        /// Finished steps past their budget.
        public var stepsLate: Int
        /// Working time spent by the office.
        public var officeWorkingSeconds: Int
        /// Working time spent waiting on reporters.
        public var reporterWorkingSeconds: Int
    }

    let service: CaseService
    /// A folder for the demo's attachment files.
    let filesFolder: String

    /// Creates the scenario over a service and a folder for attachment files.
    public init(service: CaseService, filesFolder: String) {
        self.service = service
        self.filesFolder = filesFolder
    }

    /// Runs the demo from `start` (a Monday morning works best), advancing a simulated clock.
    public func run(start: Date) throws(ServiceError) -> Result {
        // A demo's database: identities are declared; "admin" sets it up and publishes the SOPs.
        _ = try service.setUp(identity: .declared, administrator: "admin", at: start)
        _ = try service.publish(service.planPublication(paths: [service.workflowsFolder]), by: "admin", at: start)
        // The clock moves in working time: staff act during office hours.
        let workingTime = try service.newestRevision(of: "pengaduan-langsung").engine.workingTime
        var clock = workingTime.nextWorkingInstant(from: start)
        func later(_ minutes: Int) -> Date {
            clock = workingTime.deadline(from: clock, adding: Budget(minutes: minutes))
            return clock
        }
        func file(_ name: String) throws(ServiceError) -> String {
            let path = (filesFolder as NSString).appendingPathComponent(name + ".txt")
            do {
                try "Contoh dokumen demo: \(name)\n".write(toFile: path, atomically: true, encoding: .utf8)
            } catch {
                throw ServiceError(.file, Text(
                    id: "berkas demo '\(path)' tidak dapat ditulis",
                    en: "cannot write demo file '\(path)'"), isUnreadableInput: true)
            }
            return path
        }
        func attach(_ documents: String...) throws(ServiceError) -> [AttachmentRequest] {
            var requests: [AttachmentRequest] = []
            for document in documents { requests.append(AttachmentRequest(document: document, path: try file(document))) }
            return requests
        }
        func step(_ number: Int, _ branch: String? = nil, attach documents: [AttachmentRequest] = [], by user: String, after minutes: Int, note: String? = nil) throws(ServiceError) {
            _ = try service.step(String(number), StepRequest(branch: branch, attachments: documents, note: note), user: user, at: later(minutes))
        }

        try service.addStaff("siti", roles: ["front-office"], by: "admin", at: clock)
        try service.addStaff("rina", roles: ["tim-media"], by: "admin", at: clock)
        try service.addStaff("budi", roles: ["tim-pengaduan"], by: "admin", at: clock)
        // Reminders by e-mail to the complaint team (the demo sends none: it shows where they go).
        try service.setStaffEmail("budi", email: "budi@disdukcapil.example", user: "admin", at: clock)
        try service.setNotifications(email: true, from: "sop@disdukcapil.example", webhook: nil, user: "admin", at: clock)

        // 1. In person, resolved at the front office.
        let first = try service.open(
            workflow: "pengaduan-langsung",
            fields: ["nama": "Sri Wahyuni", "nik": "3305014101850003", "telepon": "081327001122", "uraian": "Menanyakan syarat perubahan data KK karena pindah alamat"],
            channel: nil, attachments: [], user: "siti", at: later(5))
        try step(first.number, attach: try attach("formulir-pengaduan"), by: "siti", after: 12)
        try step(first.number, "Ya", attach: try attach("catatan-register"), by: "siti", after: 10)
        try step(first.number, "Ya", by: "siti", after: 8, note: "Dijelaskan langsung: syarat perubahan KK diserahkan kepada pelapor")

        // 2. In person, the full path through the complaint team.
        let second = try service.open(
            workflow: "pengaduan-langsung",
            fields: ["nama": "Ahmad Fauzi", "telepon": "085642334455", "uraian": "KTP elektronik belum dicetak setelah tiga bulan perekaman"],
            channel: nil, attachments: [], user: "siti", at: later(20))
        try step(second.number, attach: try attach("formulir-pengaduan"), by: "siti", after: 14)
        try step(second.number, "Ya", attach: try attach("catatan-register"), by: "siti", after: 12)
        try step(second.number, "Tidak", by: "siti", after: 9)
        try step(second.number, attach: try attach("rancangan-tindak-lanjut"), by: "budi", after: 240)
        try step(second.number, attach: try attach("bukti-hasil-tindak-lanjut"), by: "budi", after: 300)
        try step(second.number, attach: try attach("tanggapan-pelapor"), by: "siti", after: 60)
        try step(second.number, attach: try attach("rekapan-pengaduan"), by: "budi", after: 9)

        // 3. In person, returned to the reporter to complete the form, then resolved.
        let third = try service.open(
            workflow: "pengaduan-langsung",
            fields: ["nama": "Dewi Lestari", "uraian": "Akta kelahiran anak tertulis salah nama ibu"],
            channel: nil, attachments: [], user: "siti", at: later(15))
        try step(third.number, attach: try attach("formulir-pengaduan"), by: "siti", after: 15)
        try step(third.number, "Tidak", attach: try attach("catatan-register"), by: "siti", after: 10, note: "Bukti obyek belum dilampirkan; dikembalikan untuk dilengkapi")
        try step(third.number, attach: try attach("bukti-obyek"), by: "siti", after: 90)
        try step(third.number, "Ya", by: "siti", after: 10)
        try step(third.number, "Ya", by: "siti", after: 7)

        // 4. Instagram, answered directly by the social-media team.
        let fourth = try service.open(
            workflow: "pengaduan-media",
            fields: ["nama": "Yoga Pratama", "nik": "3305022303990002", "telepon": "+62 812 2700 3344", "akun": "@yogapratama", "uraian": "Bagaimana cara mengurus KIA untuk anak usia 4 tahun?"],
            channel: "instagram", attachments: [], user: "rina", at: later(5))
        try step(fourth.number, attach: try attach("formulir-pengaduan"), by: "rina", after: 10)
        try step(fourth.number, "Ya", attach: try attach("catatan-register"), by: "rina", after: 12)

        // 5. SP4N-LAPOR, the full path; the SOP's documents under other names are waived.
        let fifth = try service.open(
            workflow: "pengaduan-media",
            fields: ["nama": "Bambang Sutrisno", "nik": "3305100712700001", "telepon": "082225556677", "uraian": "Data kependudukan ganda: NIK saya terdaftar di dua KK"],
            channel: "sp4n-lapor", attachments: [], user: "rina", at: later(10))
        try step(fifth.number, attach: try attach("formulir-pengaduan"), by: "rina", after: 15)
        try step(fifth.number, "Tidak", attach: try attach("catatan-register"), by: "rina", after: 14)
        try step(fifth.number, attach: try attach("rancangan-tindak-lanjut"), by: "budi", after: 55)
        try step(fifth.number, attach: try attach("hasil-tindak-lanjut"), by: "budi", after: 420)
        try step(fifth.number, attach: try attach("tanggapan-pelapor"), by: "rina", after: 30)
        try step(fifth.number, attach: try attach("rekapan-pengaduan"), by: "budi", after: 12)

        // 6. Telepon: with the complaint team, still open when the demo ends.
        let sixth = try service.open(
            workflow: "pengaduan-media",
            fields: ["nama": "Siti Aminah", "nik": "3305025506880004", "telepon": "0287381234", "uraian": "Surat pindah belum diterima kecamatan tujuan"],
            channel: "telepon", attachments: [], user: "rina", at: later(20))
        try step(sixth.number, attach: try attach("formulir-pengaduan"), by: "rina", after: 10)
        try step(sixth.number, "Tidak", attach: try attach("catatan-register"), by: "rina", after: 15)

        // The demo ends when the sixth case's step is at risk (or 90 minutes on when it has no
        // reminder), and the sweep reminds the team.
        let reminder = try service.timeline(String(sixth.number), now: clock).nextReminder
        let now = reminder.map { max($0.at, clock) } ?? later(90)
        let sweep = try service.sweep(user: "admin", at: now)
        if let failure = sweep.failures.first { throw ServiceError(.case, Text(id: failure.message, en: failure.messageEnglish)) }
        let (_, emails) = try service.notificationSettings(user: "admin")
        let staff = try service.staff()
        let notices = try service.outbox(status: .pending, limit: 50, user: "admin").reversed().map { entry, _ in
            let holders = staff.filter { !Set($0.roles).isDisjoint(with: entry.notice.roles) }.map(\.user)
            return DemoNotice(id: entry.id, channel: entry.channel, notice: entry.notice, recipients: holders.compactMap { emails[$0] })
        }
        var timelines: [CaseTimeline] = []
        for number in [first, second, third, fourth, fifth, sixth].map(\.number) {
            timelines.append(try service.timeline(String(number), now: now))
        }
        var numbers: [String: String] = [:]
        for workflow in Set(timelines.map(\.workflow)) {
            numbers[workflow] = try? service.newestRevision(of: workflow).engine.workflow.document.number
        }
        return Result(timelines: timelines, recap: Self.recap(timelines, sopNumbers: numbers), notices: notices)
    }

    /// Counts by workflow, status and outcome; steps on time and late; office and reporter time.
    /// `sopNumbers` gives the signed SOP's number by workflow id.
    public static func recap(_ timelines: [CaseTimeline], sopNumbers: [String: String] = [:]) -> Recap {
        var counts: [String: Recap.Line] = [:]
        for timeline in timelines {
            let key = "\(timeline.workflow)|\(timeline.status.rawValue)|\(timeline.outcome ?? "")"
            counts[key, default: Recap.Line(
                workflow: timeline.workflow, sopNumber: sopNumbers[timeline.workflow], title: timeline.title,
                status: timeline.status.rawValue, outcome: timeline.outcome, count: 0)].count += 1
        }
        let finished = timelines.flatMap(\.steps).filter { $0.endedAt != nil }
        return Recap(
            lines: counts.values.sorted { ($0.workflow, $0.status, $0.outcome ?? "") < ($1.workflow, $1.status, $1.outcome ?? "") },
            stepsOnTime: finished.filter { $0.sla != .overdue }.count,
            stepsLate: finished.filter { $0.sla == .overdue }.count,
            officeWorkingSeconds: timelines.reduce(0) { $0 + $1.officeWorkingSeconds },
            reporterWorkingSeconds: timelines.reduce(0) { $0 + $1.reporterWorkingSeconds })
    }
}

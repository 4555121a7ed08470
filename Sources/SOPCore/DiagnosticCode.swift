/// A stable diagnostic code with its default severity, a title and a default hint.
///
/// Every code the tool can report is a static member here, so the catalogue lives in one place and
/// the README's table can be checked against it. Codes never change meaning once shipped; a check
/// that goes away leaves its number unused.
public struct DiagnosticCode: Hashable, Sendable, CustomStringConvertible {
    /// The code as printed, for example `SOP0201`.
    public let id: String
    /// The severity a finding with this code has unless a check says otherwise.
    public let severity: Severity
    /// What the code is about, in a few words, in both languages (used in the README table).
    public let title: Text
    /// The default hint, shown when a finding gives no more specific one.
    public let hint: Text?

    init(_ id: String, _ severity: Severity, _ title: Text, hint: Text? = nil) {
        self.id = id
        self.severity = severity
        self.title = title
        self.hint = hint
    }

    public var description: String { id }

    public static func == (lhs: DiagnosticCode, rhs: DiagnosticCode) -> Bool { lhs.id == rhs.id }
    public func hash(into hasher: inout Hasher) { hasher.combine(id) }

    /// The code with the given id, if it is in the catalogue.
    public static func named(_ id: String) -> DiagnosticCode? { all.first { $0.id == id } }

    // MARK: Files (SOP00xx)

    /// The file cannot be read: missing, a folder, no permission.
    public static let unreadableFile = DiagnosticCode(
        "SOP0001", .error,
        Text(id: "berkas tidak dapat dibaca", en: "file cannot be read"),
        hint: Text(id: "periksa jalur dan izin berkas", en: "check the path and the file's permissions"))
    /// The file is not UTF-8 text (binary, or another encoding).
    public static let invalidEncoding = DiagnosticCode(
        "SOP0002", .error,
        Text(id: "berkas bukan teks UTF-8", en: "file is not UTF-8 text"),
        hint: Text(id: "simpan berkas sebagai teks UTF-8", en: "save the file as UTF-8 text"))
    /// The file is empty or holds only comments.
    public static let emptyFile = DiagnosticCode(
        "SOP0003", .error,
        Text(id: "berkas kosong", en: "file is empty"),
        hint: Text(id: "berkas alur kerja diawali dengan `kind: Workflow`", en: "a workflow file starts with `kind: Workflow`"))
    /// The file is larger than any workflow file should be.
    public static let fileTooLarge = DiagnosticCode(
        "SOP0004", .error,
        Text(id: "berkas terlalu besar", en: "file is too large"),
        hint: Text(
            id: "berkas alur kerja hanya beberapa kilobita; pecah berkasnya atau periksa jalurnya",
            en: "a workflow file is a few kilobytes; split it or check the path"))
    /// The path names no workflow or calendar file.
    public static let noWorkflowFiles = DiagnosticCode(
        "SOP0005", .error,
        Text(id: "tidak ada berkas alur kerja", en: "no workflow files found"),
        hint: Text(
            id: "sebutkan berkas .yaml atau folder yang berisi berkas tersebut",
            en: "name a .yaml file or a folder that holds some"))

    // MARK: YAML (SOP01xx)

    /// libyaml could not parse the text.
    public static let yamlSyntax = DiagnosticCode(
        "SOP0101", .error,
        Text(id: "kesalahan sintaks YAML", en: "YAML syntax error"))
    /// A mapping has the same key twice.
    public static let duplicateKey = DiagnosticCode(
        "SOP0102", .error,
        Text(id: "kunci ganda", en: "duplicate key"),
        hint: Text(id: "hapus salah satunya, atau gabungkan isinya", en: "remove one of the two, or merge their contents"))
    /// Aliases expand to more nodes than allowed, or an alias names no anchor.
    public static let aliasLimit = DiagnosticCode(
        "SOP0103", .error,
        Text(id: "alias terlalu besar saat diuraikan atau tidak terdefinisi", en: "alias expansion too large or undefined"),
        hint: Text(
            id: "tulis isinya secara lengkap, jangan diulang melalui alias",
            en: "write the content out instead of repeating it through aliases"))
    /// More than one YAML document in a file.
    public static let multipleDocuments = DiagnosticCode(
        "SOP0104", .error,
        Text(id: "lebih dari satu dokumen dalam satu berkas", en: "more than one document in a file"),
        hint: Text(id: "tempatkan setiap alur kerja dalam berkasnya sendiri", en: "put each workflow in a file of its own"))
    /// A tag other than YAML's standard ones.
    public static let nonStandardTag = DiagnosticCode(
        "SOP0105", .error,
        Text(id: "tag YAML tidak standar", en: "non-standard YAML tag"),
        hint: Text(id: "hapus tag tersebut; tulis nilainya apa adanya", en: "remove the tag; write the value plainly"))
    /// Nesting deeper than any workflow needs.
    public static let nestingTooDeep = DiagnosticCode(
        "SOP0106", .error,
        Text(id: "susunan bertingkat terlalu dalam", en: "nesting too deep"),
        hint: Text(
            id: "berkas alur kerja hanya bertingkat beberapa lapis; periksa indentasinya",
            en: "a workflow file is nested a few levels deep; check the indentation"))
    /// A tab used for indentation.
    public static let tabIndentation = DiagnosticCode(
        "SOP0107", .error,
        Text(id: "tab dipakai untuk indentasi", en: "tab used for indentation"),
        hint: Text(
            id: "YAML memakai spasi untuk indentasi; ganti tab dengan spasi",
            en: "YAML indents with spaces; replace the tab with spaces"))
    /// A mapping key that is not a plain scalar.
    public static let complexKey = DiagnosticCode(
        "SOP0108", .error,
        Text(id: "kunci pemetaan bukan teks", en: "mapping key is not text"),
        hint: Text(id: "tulis kunci sebagai kata biasa, seperti `id:`", en: "write keys as plain words, like `id:`"))

    // MARK: Shape (SOP02xx)

    /// A key the format does not know.
    public static let unknownKey = DiagnosticCode(
        "SOP0201", .error,
        Text(id: "kunci tidak dikenal", en: "unknown key"))
    /// A key the format requires is missing.
    public static let missingKey = DiagnosticCode(
        "SOP0202", .error,
        Text(id: "kunci wajib tidak ada", en: "missing key"))
    /// A value of the wrong type (a list where text is expected, and so on).
    public static let wrongType = DiagnosticCode(
        "SOP0203", .error,
        Text(id: "jenis nilai salah", en: "wrong type"))
    /// A value of the right type that is not allowed (an unknown `kind`, a bad NIP, a bad time zone).
    public static let invalidValue = DiagnosticCode(
        "SOP0204", .error,
        Text(id: "nilai tidak sah", en: "invalid value"))
    /// Two things of one kind with the same id.
    public static let duplicateID = DiagnosticCode(
        "SOP0205", .error,
        Text(id: "id ganda", en: "duplicate id"),
        hint: Text(id: "beri masing-masing id tersendiri", en: "give each one an id of its own"))
    /// An id that is not lowercase letters, digits and hyphens.
    public static let invalidID = DiagnosticCode(
        "SOP0206", .error,
        Text(id: "id tidak sah", en: "invalid id"),
        hint: Text(
            id: "gunakan huruf kecil, angka, dan tanda hubung, seperti `periksa-berkas`",
            en: "use lowercase letters, digits and hyphens, like `periksa-berkas`"))
    /// A budget (time) that cannot be read.
    public static let unreadableBudget = DiagnosticCode(
        "SOP0207", .error,
        Text(id: "waktu tidak terbaca", en: "unreadable budget"),
        hint: Text(
            id: "tulis sebagai `15 menit`, `2 jam`, `1 hari`, `3 hari kerja`, `1 x 24 jam`, `2 hari 2 jam`, `15m`, `2h`, atau `1d`",
            en: "write it as `15 menit`, `2 jam`, `1 hari`, `3 hari kerja`, `1 x 24 jam`, `2 hari 2 jam`, `15m`, `2h` or `1d`"))
    /// A date that is not `YYYY-MM-DD` or does not exist.
    public static let invalidDate = DiagnosticCode(
        "SOP0208", .error,
        Text(id: "tanggal tidak sah", en: "invalid date"),
        hint: Text(id: "tulis tanggal sebagai YYYY-MM-DD, misalnya 2023-09-12", en: "write dates as YYYY-MM-DD, for example 2023-09-12"))
    /// Keys that exclude each other are both present (`next` and `decision`, say).
    public static let conflictingKeys = DiagnosticCode(
        "SOP0209", .error,
        Text(id: "kunci saling bertentangan", en: "conflicting keys"))

    // MARK: References (SOP03xx)

    /// An actor id that no `actors:` entry declares.
    public static let unknownActor = DiagnosticCode(
        "SOP0301", .error,
        Text(id: "pelaksana tidak dikenal", en: "unknown actor"))
    /// A document id that no `documents:` entry declares.
    public static let unknownDocument = DiagnosticCode(
        "SOP0302", .error,
        Text(id: "dokumen tidak dikenal", en: "unknown document"))
    /// A step id that no step has.
    public static let unknownStep = DiagnosticCode(
        "SOP0303", .error,
        Text(id: "langkah tidak dikenal", en: "unknown step"))
    /// A calendar id that no calendar file declares.
    public static let unknownCalendar = DiagnosticCode(
        "SOP0304", .error,
        Text(id: "kalender tidak dikenal", en: "unknown calendar"))
    /// A workflow id (related SOP or hand-off) that no workflow file declares.
    public static let unknownWorkflow = DiagnosticCode(
        "SOP0305", .error,
        Text(id: "alur kerja tidak dikenal", en: "unknown workflow"))
    /// A workflow that names itself as related or hands off to itself.
    public static let selfReference = DiagnosticCode(
        "SOP0306", .error,
        Text(id: "alur kerja merujuk dirinya sendiri", en: "workflow refers to itself"),
        hint: Text(id: "sebutkan SOP lain, atau hapus entri ini", en: "name another SOP, or remove the entry"))
    /// An outcome id that no `outcomes:` entry declares.
    public static let unknownOutcome = DiagnosticCode(
        "SOP0307", .error,
        Text(id: "hasil akhir tidak dikenal", en: "unknown outcome"))

    // MARK: Flow (SOP04xx)

    /// A step that no path from the first step reaches.
    public static let unreachableStep = DiagnosticCode(
        "SOP0401", .error,
        Text(id: "langkah tidak dapat dicapai", en: "unreachable step"),
        hint: Text(
            id: "arahkan `next`, `goto`, atau cabang ke langkah ini, atau hapus langkah ini",
            en: "point a `next`, `goto` or branch at it, or remove it"))
    /// A step from which no path leads to an end.
    public static let noPathToEnd = DiagnosticCode(
        "SOP0402", .error,
        Text(id: "tidak ada jalur menuju akhir", en: "no path to an end"),
        hint: Text(
            id: "beri salah satu langkah sesudahnya `end:` atau penerusan (`handoff:`)",
            en: "give some step after it an `end:` or a hand-off"))
    /// Steps that lead only to each other: once entered, the case never ends.
    public static let loopWithoutExit = DiagnosticCode(
        "SOP0403", .error,
        Text(id: "putaran tanpa jalan keluar", en: "loop with no exit"),
        hint: Text(
            id: "beri salah satu langkah dalam putaran itu cabang yang keluar darinya",
            en: "give one step of the loop a branch that leaves it"))
    /// A decision with fewer than two branches.
    public static let tooFewBranches = DiagnosticCode(
        "SOP0404", .error,
        Text(id: "keputusan dengan kurang dari dua cabang", en: "decision with fewer than two branches"),
        hint: Text(
            id: "keputusan memerlukan sedikitnya dua cabang; gunakan `next:` untuk satu kelanjutan saja",
            en: "a decision needs at least two branches; use `next:` for a single way on"))
    /// Two branches of one decision with the same label that no rule tells apart.
    public static let duplicateBranchLabel = DiagnosticCode(
        "SOP0405", .error,
        Text(id: "label cabang ganda", en: "duplicate branch label"),
        hint: Text(
            id: "beri setiap cabang labelnya sendiri, seperti `Ya` dan `Tidak`; atau, bila satu jawaban menuju ke tempat berbeda "
                + "menurut riwayat pengaduan, beri setiap cabang berlabel sama kecuali yang terakhir aturannya (`when:`)",
            en: "give each branch its own label, like `Ya` and `Tidak`; or, when one answer leads elsewhere by the case's "
                + "history, give every branch with that label but the last a rule (`when:`)"))
    /// A step that says neither where to go next nor that the flow ends.
    public static let missingTransition = DiagnosticCode(
        "SOP0406", .error,
        Text(id: "langkah tidak memiliki kelanjutan", en: "step has no way on"),
        hint: Text(
            id: "tambahkan salah satu dari `next:`, `decision:`, `end:`, atau `handoff:`",
            en: "add one of `next:`, `decision:`, `end:` or `handoff:`"))
    /// Branches with rules where none is a default: a case can match no branch.
    public static let noDefaultBranch = DiagnosticCode(
        "SOP0407", .warning,
        Text(id: "keputusan mungkin tidak cocok dengan cabang mana pun", en: "decision may match no branch"),
        hint: Text(
            id: "hapus `when:` dari satu cabang agar cabang itu diambil bila tidak ada aturan yang berlaku, atau biarkan staf memilih",
            en: "leave `when:` off one branch, so it is taken when no rule holds, or let staff choose"))

    // MARK: Rules (SOP05xx)

    /// A rule that cannot be parsed.
    public static let ruleSyntax = DiagnosticCode(
        "SOP0501", .error,
        Text(id: "kesalahan sintaks aturan", en: "rule syntax error"))
    /// A rule that does not type-check against the declared fields.
    public static let ruleType = DiagnosticCode(
        "SOP0502", .error,
        Text(id: "kesalahan jenis pada aturan", en: "rule type error"))

    // MARK: Documents and time (SOP06xx)

    /// A document a step needs that is not produced before it on some path.
    public static let inputNotProduced = DiagnosticCode(
        "SOP0601", .warning,
        Text(id: "kelengkapan tidak dihasilkan sebelum langkah", en: "input not produced before the step"),
        hint: Text(
            id: "tambahkan dokumen itu ke `outputs:` langkah sebelumnya, tandai `optional: true`, atau `external: true` di `documents:`",
            en: "add the document to the `outputs:` of an earlier step, mark it `optional: true`, or `external: true` in `documents:`"))
    /// A document produced that no later step uses.
    public static let unusedOutput = DiagnosticCode(
        "SOP0602", .info,
        Text(id: "output tidak dipakai langkah berikutnya", en: "output not used by a later step"))
    /// The declared total time differs from the time of the longest path.
    public static let totalMismatch = DiagnosticCode(
        "SOP0603", .warning,
        Text(id: "total yang dinyatakan berbeda dengan langkah-langkahnya", en: "declared total differs from the steps"),
        hint: Text(
            id: "perbaiki `total:` atau waktu langkah; biarkan sesuai naskah bila SOP yang ditandatangani menyatakan demikian",
            en: "correct `total:` or the step budgets; keep it as signed if the signed SOP says so"))
    /// A path can take longer than the declared maximum total (`total: { max: … }`).
    public static let totalMaximumExceeded = DiagnosticCode(
        "SOP0607", .warning,
        Text(id: "jalur melebihi total paling lama", en: "a path exceeds the maximum total"),
        hint: Text(
            id: "perbaiki `total: { max: … }` atau waktu langkah pada jalur itu; biarkan sesuai naskah bila SOP yang ditandatangani menyatakan demikian",
            en: "correct `total: { max: … }` or the budgets of the steps on that path; keep it as signed if the signed SOP says so"))
    /// A step whose signed table shows no time (`budget: "-"`): said, since it has no due time.
    public static let stepWithoutTime = DiagnosticCode(
        "SOP0608", .info,
        Text(id: "langkah tanpa waktu", en: "step without a stated time"))
    /// A document declared that no step uses or produces.
    public static let unusedDocument = DiagnosticCode(
        "SOP0604", .warning,
        Text(id: "dokumen tidak pernah dipakai", en: "document never used"))
    /// An actor declared that no step names.
    public static let unusedActor = DiagnosticCode(
        "SOP0605", .warning,
        Text(id: "pelaksana tidak pernah disebut", en: "actor never used"))
    /// One NIP signed under different names in two SOPs.
    public static let approverMismatch = DiagnosticCode(
        "SOP0606", .warning,
        Text(id: "pengesah berbeda antar-SOP", en: "approver differs between SOPs"),
        hint: Text(
            id: "periksa dokumen yang ditandatangani; biarkan nama sesuai naskah bila dokumen menyatakan demikian",
            en: "check the signed documents; keep the name as signed if the document says so"))

    // MARK: Calendars (SOP07xx)

    /// Office hours that cannot be read or do not make sense.
    public static let invalidOfficeHours = DiagnosticCode(
        "SOP0701", .error,
        Text(id: "jam kerja tidak sah", en: "invalid office hours"),
        hint: Text(
            id: "tulis jam kerja sebagai `07:30-16:00`, jam mulai sebelum jam selesai",
            en: "write office hours as `07:30-16:00`, start before end"))
    /// The same holiday date twice.
    public static let duplicateHoliday = DiagnosticCode(
        "SOP0702", .error,
        Text(id: "hari libur tercantum dua kali", en: "holiday listed twice"))
    /// A calendar with no office hours on any day.
    public static let noWorkingTime = DiagnosticCode(
        "SOP0703", .error,
        Text(id: "kalender tidak memiliki jam kerja", en: "calendar has no office hours"),
        hint: Text(id: "beri jam kerja pada sedikitnya satu hari", en: "give at least one weekday office hours"))
    /// The calendar does not cover this year or the next: deadlines into it assume no holidays.
    public static let yearNotCovered = DiagnosticCode(
        "SOP0704", .warning,
        Text(id: "tahun tidak tercakup kalender", en: "year not covered by the calendar"),
        hint: Text(
            id: "tambahkan hari libur nasional dan cuti bersama tahun itu menurut SKB tiga menteri, lalu tahunnya di `years:`",
            en: "add that year's national holidays and cuti bersama from the joint decree, then the year to `years:`"))
    /// A holiday on a day that has no office hours anyway (a weekend).
    public static let holidayOnDayOff = DiagnosticCode(
        "SOP0705", .info,
        Text(id: "hari libur jatuh pada hari tanpa jam kerja", en: "holiday on a day without office hours"),
        hint: Text(
            id: "tidak mengubah batas waktu; biarkan tercantum agar sama dengan surat keputusan",
            en: "it changes no deadline; keep it listed so that the calendar matches the decree"))
    /// `years:` and the holidays' dates disagree: a holiday outside the years, or a year without holidays.
    public static let yearsMismatch = DiagnosticCode(
        "SOP0706", .warning,
        Text(id: "`years:` tidak sesuai dengan hari libur", en: "`years:` disagrees with the holidays"),
        hint: Text(
            id: "`years:` menyebut setiap tahun yang hari liburnya tercantum lengkap",
            en: "`years:` names every year whose holidays are all listed"))
    /// One date both in `holidays:` and in `not_holidays:`.
    public static let holidayConflict = DiagnosticCode(
        "SOP0707", .error,
        Text(id: "tanggal sekaligus hari libur dan bukan hari libur", en: "date both a holiday and not a holiday"),
        hint: Text(
            id: "hapus tanggal itu dari salah satu daftar",
            en: "remove the date from one of the two lists"))

    // MARK: Revisions (SOP08xx)

    /// `--against` names a file of another workflow.
    public static let revisionOtherWorkflow = DiagnosticCode(
        "SOP0801", .error,
        Text(id: "revisi dari alur kerja lain", en: "revision of another workflow"),
        hint: Text(id: "bandingkan dua revisi dari SOP yang sama (`id:` sama)", en: "compare two revisions of the same SOP (same `id:`)"))
    /// The new revision number is not higher than the old one.
    public static let revisionNotHigher = DiagnosticCode(
        "SOP0802", .error,
        Text(id: "nomor revisi tidak lebih tinggi", en: "revision number not higher"),
        hint: Text(id: "naikkan `revision:` di atas nomor revisi lama", en: "raise `revision:` above the old revision's"))
    /// A step that cases in flight may stand on was removed or renamed.
    public static let stepRemoved = DiagnosticCode(
        "SOP0803", .warning,
        Text(id: "langkah dihapus: berdampak pada pengaduan yang sedang berjalan", en: "step removed: breaking for cases in flight"),
        hint: Text(
            id: "pengaduan yang berada pada langkah ini tidak dapat pindah ke revisi baru tanpa pemetaan langkah",
            en: "cases standing on this step cannot move to the new revision without a step mapping"))
    /// A field, channel or outcome that cases in flight may carry was removed.
    public static let definitionRemoved = DiagnosticCode(
        "SOP0804", .warning,
        Text(id: "definisi dihapus: berdampak pada pengaduan yang sedang berjalan", en: "definition removed: breaking for cases in flight"))

    // MARK: Escalation (SOP09xx)

    /// An escalation to an actor outside the office (`external: true`, the reporter).
    public static let escalationOutsideOffice = DiagnosticCode(
        "SOP0901", .error,
        Text(id: "eskalasi ke pelaksana di luar kantor", en: "escalation to an actor outside the office"),
        hint: Text(
            id: "tidak ada petugas kantor yang dapat mengambil alih; sebutkan pelaksana kantor, seperti kepala bidang",
            en: "nobody in the office can take it over; name an actor of the office, such as the head of section"))
    /// A level of escalation whose time is not later than the level before it.
    public static let escalationOutOfOrder = DiagnosticCode(
        "SOP0902", .error,
        Text(id: "tingkat eskalasi tidak berurutan", en: "escalation levels out of order"),
        hint: Text(
            id: "urutkan tingkat menurut waktunya: setiap `after:` lebih lama daripada tingkat sebelumnya",
            en: "order the levels by their time: each `after:` later than the level before it"))
    /// A level of escalation after the first that does not say when (`after:`).
    public static let escalationWithoutTime = DiagnosticCode(
        "SOP0903", .error,
        Text(id: "tingkat eskalasi tanpa waktu", en: "escalation level without a time"),
        hint: Text(
            id: "sebutkan berapa lama setelah langkah dimulai, misalnya `after: 6 hari`",
            en: "say how long after the step starts, e.g. `after: 6 hari`"))
    /// An escalation time beyond any sensible bound: ten times the budget, or a working year.
    public static let escalationTooLate = DiagnosticCode(
        "SOP0904", .warning,
        Text(id: "waktu eskalasi tidak wajar", en: "escalation time beyond a sensible bound"),
        hint: Text(
            id: "periksa `after:`: waktu kerja sejak langkah dimulai (pengaduan dibuka), misalnya `2 hari`, bukan jumlah hari kalender",
            en: "check `after:`: working time since the step starts (the case opens), e.g. `2 hari`, not a count of calendar days"))
    /// An escalation that changes nothing: to an actor who already does the step, or to the same
    /// actor as an earlier level.
    public static let escalationChangesNothing = DiagnosticCode(
        "SOP0905", .warning,
        Text(id: "eskalasi tidak mengubah apa pun", en: "escalation changes nothing"),
        hint: Text(
            id: "eskalasikan ke pelaksana lain yang dapat mengambil alih, atau hapus tingkat ini",
            en: "escalate to another actor who can take over, or remove the level"))

    // MARK: Suppressions (SOP10xx)

    /// `# sop-ignore CODE` without `: REASON`.
    public static let suppressionWithoutReason = DiagnosticCode(
        "SOP1001", .error,
        Text(id: "penerimaan temuan tanpa alasan", en: "suppression without a reason"),
        hint: Text(
            id: "tulis alasannya sesudah titik dua, misalnya `# sop-ignore SOP0603: total ditulis demikian dalam naskah yang ditandatangani`",
            en: "write the reason after a colon, e.g. `# sop-ignore SOP0603: the signed SOP declares this total`"))
    /// A suppression naming a code that is not in the catalogue, or an error's, which a file cannot accept.
    public static let suppressionInvalidCode = DiagnosticCode(
        "SOP1002", .error,
        Text(id: "penerimaan temuan untuk kode yang tidak dapat diterima", en: "suppression of a code that cannot be suppressed"))
    /// A suppression that matches no finding on its line.
    public static let suppressionUnused = DiagnosticCode(
        "SOP1003", .warning,
        Text(id: "penerimaan temuan tidak cocok dengan temuan apa pun", en: "suppression matches no finding"),
        hint: Text(
            id: "hapus komentar `# sop-ignore` ini, atau pindahkan ke baris temuan itu",
            en: "remove this `# sop-ignore` comment, or move it to the line of the finding"))

    // MARK: Scenarios (SOP11xx)

    /// A scenario chooses a branch that the step's decision does not have, or a step with no decision.
    public static let unknownBranch = DiagnosticCode(
        "SOP1101", .error,
        Text(id: "cabang tidak dikenal", en: "unknown branch"))
    /// A scenario expects a path that the workflow cannot take: a step that does not follow the one before it.
    public static let impossiblePath = DiagnosticCode(
        "SOP1102", .error,
        Text(id: "jalur yang tidak dapat ditempuh alur kerja", en: "path the workflow cannot take"),
        hint: Text(
            id: "lihat jalur yang dapat ditempuh dengan `sop paths ALUR`",
            en: "see the paths it can take with `sop paths WORKFLOW`"))
    /// The workflow a scenario file runs on has errors, so its scenarios are not run.
    public static let scenarioWorkflowHasErrors = DiagnosticCode(
        "SOP1103", .error,
        Text(id: "alur kerja skenario memiliki kesalahan", en: "the scenarios' workflow has errors"),
        hint: Text(
            id: "perbaiki alur kerjanya lebih dulu; `sop validate BERKAS` menunjukkan kesalahannya",
            en: "fix the workflow first; `sop validate FILE` shows its errors"))
    /// A scenario gives a field the workflow does not have.
    public static let unknownField = DiagnosticCode(
        "SOP1104", .error,
        Text(id: "isian tidak dikenal", en: "unknown field"))
    /// A scenario names a channel the workflow does not have.
    public static let unknownChannel = DiagnosticCode(
        "SOP1105", .error,
        Text(id: "kanal tidak dikenal", en: "unknown channel"))
    /// A scenario expects a refusal with a code that no refusal has.
    public static let unknownRefusal = DiagnosticCode(
        "SOP1106", .error,
        Text(id: "kode penolakan tidak dikenal", en: "unknown refusal code"))
    /// A time that is not RFC 3339.
    public static let unreadableTime = DiagnosticCode(
        "SOP1107", .error,
        Text(id: "waktu tidak terbaca", en: "unreadable time"),
        hint: Text(
            id: "tulis waktu sebagai RFC 3339 dengan zona waktunya, misalnya 2026-12-07T08:00:00+07:00",
            en: "write times as RFC 3339 with their offset, for example 2026-12-07T08:00:00+07:00"))

    /// Every code, in order.
    public static let all: [DiagnosticCode] = [
        unreadableFile, invalidEncoding, emptyFile, fileTooLarge, noWorkflowFiles,
        yamlSyntax, duplicateKey, aliasLimit, multipleDocuments, nonStandardTag, nestingTooDeep,
        tabIndentation, complexKey,
        unknownKey, missingKey, wrongType, invalidValue, duplicateID, invalidID, unreadableBudget,
        invalidDate, conflictingKeys,
        unknownActor, unknownDocument, unknownStep, unknownCalendar, unknownWorkflow, selfReference,
        unknownOutcome,
        unreachableStep, noPathToEnd, loopWithoutExit, tooFewBranches, duplicateBranchLabel,
        missingTransition, noDefaultBranch,
        ruleSyntax, ruleType,
        inputNotProduced, unusedOutput, totalMismatch, unusedDocument, unusedActor, approverMismatch, totalMaximumExceeded,
        stepWithoutTime,
        invalidOfficeHours, duplicateHoliday, noWorkingTime, yearNotCovered, holidayOnDayOff, yearsMismatch,
        holidayConflict,
        revisionOtherWorkflow, revisionNotHigher, stepRemoved, definitionRemoved,
        escalationOutsideOffice, escalationOutOfOrder, escalationWithoutTime, escalationTooLate,
        escalationChangesNothing,
        suppressionWithoutReason, suppressionInvalidCode, suppressionUnused,
        unknownBranch, impossiblePath, scenarioWorkflowHasErrors, unknownField, unknownChannel, unknownRefusal, unreadableTime,
    ]
}

import SOPCore

/// Why the store could not do what it was asked, and the way out; nothing was written.
///
/// A struct over a private enum, so reasons can be added without breaking callers: match on
/// `code`, show `message` in the reader's language.
public struct StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    private enum Reason: Hashable, Sendable {
        case conflict(caseNumber: Int, expected: Int, actual: Int)
        case notADatabase(path: String)
        case readOnly(path: String)
        case readOnlyFolder(folder: String)
        case missingFolder(folder: String)
        case fileExists(path: String)
        case foreignDatabase(path: String)
        case newerSchema(path: String, migrations: [String])
        case outdatedSchema(path: String)
        case corrupt(path: String, detail: String)
        case damagedCase(path: String, caseNumber: Int, detail: String)
        case busy(path: String)
        case diskFull(path: String)
        case unknownCase(reference: String)
        case unknownUser(user: String)
        case unknownRole(user: String, role: String, held: [String])
        case invalidName(what: Text)
        case attachmentTooLarge(size: Int, limit: Int)
        case unknownWorkflowText(hash: String)
        case invalidEvents(detail: String)
        case invalidRegisterFormat(format: String)
        case database(path: String, message: String)
        case unknownMove(id: String)
        case moveUndone(id: String, by: String)
        case alreadySetUp(path: String, by: String)
        case lastAdministrator(user: String)
        case notAdministrator(user: String, task: Text)
        case revisionPublished(workflow: String, revision: Int)
        case invalidAddress(what: Text, value: String)
        case unknownNotice(id: Int)
        case noticeNotFailed(id: Int, status: String)
        case invalidDatabaseAddress(why: String)
        case connectionFailed(address: String, detail: String)
        case authenticationFailed(address: String, user: String, detail: String)
        case permissionDenied(address: String, user: String, detail: String)
        case serverGone(address: String, stored: Bool?)
        case notOnThisStore(address: String, what: Text, instead: Text)
        case noDatabaseRole(address: String, detail: String)
    }

    private let reason: Reason

    private init(_ reason: Reason) { self.reason = reason }

    /// A stable name for the kind of problem, for tests and scripts (`conflict`, `read-only`, …).
    public var code: ErrorCode {
        switch reason {
        case .conflict: .conflict
        case .notADatabase: .notADatabase
        case .readOnly, .readOnlyFolder: .readOnly
        case .missingFolder: .missingFolder
        case .fileExists: .fileExists
        case .foreignDatabase: .foreignDatabase
        case .newerSchema: .newerSchema
        case .outdatedSchema: .outdatedSchema
        case .corrupt: .corrupt
        case .damagedCase: .damagedCase
        case .busy: .busy
        case .diskFull: .diskFull
        case .unknownCase: .unknownCase
        case .unknownUser: .unknownUser
        case .unknownRole: .unknownRole
        case .invalidName: .invalidName
        case .attachmentTooLarge: .attachmentTooLarge
        case .unknownWorkflowText: .unknownWorkflowText
        case .invalidEvents: .invalidEvents
        case .invalidRegisterFormat: .invalidRegisterFormat
        case .database: .database
        case .unknownMove: .unknownMove
        case .moveUndone: .alreadyUndone
        case .alreadySetUp: .alreadySetUp
        case .lastAdministrator: .lastAdministrator
        case .notAdministrator: .notAdministrator
        case .invalidAddress: .invalidAddress
        case .unknownNotice: .unknownNotice
        case .noticeNotFailed: .noticeNotFailed
        case .revisionPublished: .revisionPublished
        case .invalidDatabaseAddress: .invalidDatabaseAddress
        case .connectionFailed: .connectionFailed
        case .authenticationFailed: .authenticationFailed
        case .permissionDenied: .permissionDenied
        case .serverGone: .serverGone
        case .notOnThisStore: .notOnThisStore
        case .noDatabaseRole: .noDatabaseRole
        }
    }

    /// What is wrong and what to do, in one or two sentences, in both languages.
    ///
    /// A detail that comes from SQLite, or from a check that only a bug in sop can fail, is shown
    /// as it came (in English).
    public var message: Text {
        switch reason {
        case .conflict(let number, let expected, let actual):
            Text(
                id: "pengaduan \(number) telah diubah oleh orang lain sementara itu (versi \(actual), seharusnya \(expected)): "
                    + "lihat kembali dengan `sop case show \(number)` lalu ulangi",
                en: "case \(number) was changed by someone else meanwhile (version \(actual), expected \(expected)): "
                    + "look at it again with `sop case show \(number)` and retry")
        case .notADatabase(let path):
            Text(
                id: "'\(path)' bukan basis data sop (bukan berkas SQLite); berkas itu tidak diubah: "
                    + "gunakan --db untuk menyebut berkas lain",
                en: "'\(path)' is not a sop database (it is not an SQLite file); it was left unchanged: "
                    + "use --db to name another file")
        case .readOnly(let path):
            Text(
                id: "basis data '\(path)' hanya dapat dibaca: jadikan dapat ditulis (`chmod u+w '\(path)'`), "
                    + "atau salin lalu gunakan --db untuk menyebut salinannya",
                en: "the database '\(path)' is read-only: make it writable (`chmod u+w '\(path)'`), "
                    + "or copy it and use --db to name the copy")
        case .readOnlyFolder(let folder):
            Text(
                id: "folder '\(folder)' hanya dapat dibaca, padahal SQLite menulis berkas jurnalnya (-wal, -shm) di samping "
                    + "basis data: jadikan folder itu dapat ditulis, atau gunakan --db untuk menyebut basis data di folder lain",
                en: "the folder '\(folder)' is read-only, and SQLite writes its journal files (-wal, -shm) beside the "
                    + "database: make the folder writable, or use --db to name a database in another folder")
        case .outdatedSchema(let path) where path.hasPrefix("postgresql://"):
            Text(
                id: "basis data \(path) belum memiliki skema sop versi ini; tidak ada yang diubah: pemilik basis data menjalankan "
                    + "`sop init --db '\(path)'` (basis data baru) atau `sop upgrade --db '\(path)'`, lalu ulangi",
                en: "the database \(path) does not have this sop's schema yet; nothing was changed: its owner runs "
                    + "`sop init --db '\(path)'` (a new database) or `sop upgrade --db '\(path)'`, then try again")
        case .outdatedSchema(let path):
            Text(
                id: "basis data '\(path)' ditulis oleh sop versi lama dan belum dimutakhirkan; tidak ada yang diubah: jalankan "
                    + "`sop status --db '\(path)'` sekali (memutakhirkannya), lalu ulangi",
                en: "the database '\(path)' was written by an earlier sop and is not upgraded yet; nothing was changed: run "
                    + "`sop status --db '\(path)'` once (which upgrades it), then try again")
        case .fileExists(let path):
            Text(
                id: "'\(path)' sudah ada dan tidak pernah ditimpa; tidak ada yang ditulis: sebutkan berkas baru",
                en: "'\(path)' already exists and is never overwritten; nothing was written: name a new file")
        case .missingFolder(let folder):
            Text(
                id: "folder '\(folder)' tidak ada: buat folder itu (`mkdir -p '\(folder)'`), "
                    + "atau gunakan --db untuk menyebut basis data di tempat lain",
                en: "the folder '\(folder)' does not exist: create it (`mkdir -p '\(folder)'`), "
                    + "or use --db to name a database elsewhere")
        case .foreignDatabase(let path):
            Text(
                id: "'\(path)' adalah basis data SQLite milik program lain (berisi tabel, tetapi tanpa migrasi sop); "
                    + "berkas itu tidak diubah: gunakan --db untuk menyebut berkas lain",
                en: "'\(path)' is an SQLite database of another program (it has tables, but no sop migrations); "
                    + "it was left unchanged: use --db to name another file")
        case .newerSchema(let path, let migrations):
            Text(
                id: "basis data '\(path)' ditulis oleh sop yang lebih baru (migrasi \(migrations.joined(separator: ", ")) "
                    + "tidak dikenal oleh versi ini); berkas itu tidak diubah: perbarui sop",
                en: "the database '\(path)' was written by a newer sop (migrations \(migrations.joined(separator: ", ")) "
                    + "are unknown to this one); it was left unchanged: upgrade sop")
        case .alreadySetUp(let path, let by):
            Text(
                id: "basis data '\(path)' sudah disiapkan (oleh \(by)); tidak ada yang diubah: lihat keadaannya dengan `sop status`, "
                    + "atau sebutkan berkas baru dengan --db",
                en: "the database '\(path)' is set up already (by \(by)); nothing was changed: see it with `sop status`, "
                    + "or name a new file with --db")
        case .lastAdministrator(let user):
            Text(
                id: "'\(user)' adalah administrator terakhir, dan basis data selalu memiliki seorang administrator: "
                    + "jadikan orang lain administrator lebih dahulu (`sop staff add NAMA --role admin`)",
                en: "'\(user)' is the last administrator, and a database always has one: "
                    + "make someone else an administrator first (`sop staff add NAME --role admin`)")
        case .revisionPublished(let workflow, let revision):
            Text(
                id: "revisi \(revision) dari '\(workflow)' sudah diterbitkan dengan teks lain, dan revisi yang terbit tidak pernah berubah: "
                    + "naikkan `revision:` berkas itu lalu terbitkan lagi",
                en: "revision \(revision) of '\(workflow)' was published with another text, and a published revision never changes: "
                    + "raise the file's `revision:` and publish it again")
        case .invalidAddress(let what, let value):
            Text(
                id: "'\(value)' bukan \(what.id) yang dapat dipakai: tulis seperti `budi@kebumenkab.go.id` atau `https://contoh.go.id/sop`",
                en: "'\(value)' is not \(what.en) sop can use: write it like `budi@kebumenkab.go.id` or `https://example.go.id/sop`")
        case .unknownNotice(let id):
            Text(
                id: "tidak ada pemberitahuan nomor \(id) di kotak keluar: lihat daftarnya dengan `sop notify outbox`",
                en: "there is no notice number \(id) in the outbox: list them with `sop notify outbox`")
        case .noticeNotFailed(let id, let status):
            Text(
                id: "pemberitahuan \(id) berstatus \(status), bukan gagal: hanya yang gagal yang dikirim ulang; lihat `sop notify outbox`",
                en: "notice \(id) is \(status), not failed: only a failed notice is sent again; see `sop notify outbox`")
        case .notAdministrator(let user, let task):
            Text(
                id: "'\(user)' bukan administrator, dan hanya administrator yang \(task.id): mintalah seorang administrator melakukannya",
                en: "'\(user)' is not an administrator, and only administrators \(task.en): ask an administrator to do it")
        case .damagedCase(let path, let number, let detail):
            Text(
                id: "catatan pengaduan \(number) di '\(path)' rusak (\(detail)): catatan itu diubah di luar sop dan tidak dipakai; "
                    + "jalankan `sop verify` untuk melihat semua kerusakan, lalu pulihkan dari cadangan",
                en: "the record of case \(number) in '\(path)' is damaged (\(detail)): it was changed outside sop and is not used; "
                    + "run `sop verify` to see all the damage, then restore from a backup")
        case .corrupt(let path, let detail):
            Text(
                id: "basis data '\(path)' rusak (\(detail)): pulihkan dari cadangan "
                    + "(`sqlite3 '\(path)' .recover` mungkin dapat menyelamatkan sisanya)",
                en: "the database '\(path)' is damaged (\(detail)): restore it from a backup "
                    + "(`sqlite3 '\(path)' .recover` may save what is left)")
        case .busy(let path):
            Text(
                id: "basis data '\(path)' dikunci oleh proses sop lain lebih dari 5 detik; "
                    + "tidak ada yang ditulis: coba lagi sebentar lagi",
                en: "the database '\(path)' stayed locked by another sop process for more than 5 seconds; "
                    + "nothing was written: try again in a moment")
        case .diskFull(let path):
            Text(
                id: "disk tempat '\(path)' penuh; tidak ada yang ditulis: kosongkan sebagian ruang lalu ulangi",
                en: "the disk holding '\(path)' is full; nothing was written: free some space and retry")
        case .unknownCase(let reference):
            Text(
                id: "tidak ada pengaduan '\(reference)': lihat daftar pengaduan dengan `sop case list`",
                en: "there is no case '\(reference)': list the cases with `sop case list`")
        case .unknownUser(let user):
            Text(
                id: "tidak ada staf '\(user)': lihat daftar staf dengan `sop staff list`",
                en: "there is no staff member '\(user)': see the staff with `sop staff list`")
        case .unknownRole(let user, let role, let held):
            Text(
                id: "staf '\(user)' tidak memegang peran '\(role)' ("
                    + (held.isEmpty ? "tidak memegang peran apa pun" : "perannya: \(held.joined(separator: ", "))")
                    + "): lihat `sop staff list`",
                en: "staff member '\(user)' does not hold role '\(role)' ("
                    + (held.isEmpty ? "they hold no role" : "they hold: \(held.joined(separator: ", "))")
                    + "): see `sop staff list`")
        case .invalidName(let what):
            Text(
                id: "\(what.id) kosong atau diawali/diakhiri spasi atau karakter kendali: berikan nama seperti `budi` atau `front-office`",
                en: "\(what.en) is empty or has spaces or control characters at its ends: give a name like `budi` or `front-office`")
        case .attachmentTooLarge(let size, let limit):
            Text(
                id: "lampiran berukuran \(size) bita, melebihi batas \(limit) bita: "
                    + "lampirkan berkas yang lebih kecil (pindaian beresolusi lebih rendah, atau dokumen yang dipecah)",
                en: "the attachment is \(size) bytes, over the limit of \(limit) bytes: "
                    + "attach a smaller file (a scan at a lower resolution, or a document in parts)")
        case .unknownWorkflowText(let hash):
            Text(
                id: "tidak ada teks alur kerja yang tersimpan dengan SHA-256 \(hash): simpan teks revisi itu "
                    + "(`storeWorkflowText`) sebelum membuka pengaduan padanya",
                en: "no workflow text is stored with SHA-256 \(hash): store the revision's text "
                    + "(`storeWorkflowText`) before opening a case on it")
        case .invalidEvents(let detail):
            Text(
                id: "peristiwa tidak sesuai dengan pengaduan (\(detail)); tidak ada yang ditulis: ini kesalahan program sop, mohon laporkan",
                en: "the events do not fit the case (\(detail)); nothing was written: this is a bug in sop, please report it")
        case .invalidRegisterFormat(let format):
            Text(
                id: "format nomor register '\(format)' tidak dapat dipakai: harus memuat {number} (agar nomor tidak pernah berulang), "
                    + "paling panjang 64 karakter, dan tidak diawali atau diakhiri spasi, misalnya `067/PGD/{year}/{number}`",
                en: "the register-number format '\(format)' cannot be used: it must include {number} (so numbers never repeat), "
                    + "be at most 64 characters, and neither start nor end with a space, e.g. `067/PGD/{year}/{number}`")
        case .database(let path, let message):
            Text(
                id: "basis data '\(path)' gagal: \(message); tidak ada yang ditulis",
                en: "the database '\(path)' failed: \(message); nothing was written")
        case .unknownMove(let id):
            Text(
                id: "tidak ada pemindahan '\(id)': lihat daftar pemindahan dengan `sop move --list`",
                en: "there is no move '\(id)': list the moves with `sop move --list`")
        case .moveUndone(let id, let by):
            Text(
                id: "pemindahan \(id) sudah dibatalkan oleh \(by); tidak ada yang ditulis: lihat `sop move --list`",
                en: "move \(id) was already undone by \(by); nothing was written: see `sop move --list`")
        case .invalidDatabaseAddress(let why):
            Text(
                id: "alamat basis data PostgreSQL tidak dapat dibaca (\(why)): tulis seperti "
                    + "`postgresql://budi@db.kebumenkab.go.id/sop` atau `postgresql:///sop?host=/run/postgresql`",
                en: "the PostgreSQL database address cannot be read (\(why)): write it like "
                    + "`postgresql://budi@db.kebumenkab.go.id/sop` or `postgresql:///sop?host=/run/postgresql`")
        case .connectionFailed(let address, let detail):
            Text(
                id: "server basis data \(address) tidak dapat dihubungi (\(detail)); tidak ada yang ditulis: "
                    + "periksa bahwa server berjalan dan alamatnya benar, atau hubungi pengelola server",
                en: "the database server \(address) cannot be reached (\(detail)); nothing was written: "
                    + "check that the server is running and the address is right, or ask its administrator")
        case .authenticationFailed(let address, let user, let detail):
            Text(
                id: "server basis data \(address) menolak pengguna '\(user)' (\(detail)); tidak ada yang ditulis: periksa kata sandi "
                    + "(PGPASSWORD atau ~/.pgpass) atau sertifikat Anda, atau minta pengelola membuatkan peran basis data untuk Anda",
                en: "the database server \(address) refused the user '\(user)' (\(detail)); nothing was written: check your password "
                    + "(PGPASSWORD or ~/.pgpass) or certificate, or ask the administrator to create a database role for you")
        case .permissionDenied(let address, let user, let detail):
            Text(
                id: "basis data \(address) tidak mengizinkan pengguna '\(user)' melakukannya (\(detail)); tidak ada yang ditulis: "
                    + "minta administrator memberi Anda peran yang sesuai (`sop staff add`)",
                en: "the database \(address) does not let the user '\(user)' do that (\(detail)); nothing was written: "
                    + "ask an administrator for the role it needs (`sop staff add`)")
        case .notOnThisStore(let address, let what, let instead):
            Text(
                id: "basis data \(address) tidak dapat \(what.id); tidak ada yang ditulis: \(instead.id)",
                en: "the database \(address) cannot \(what.en); nothing was written: \(instead.en)")
        case .noDatabaseRole(let address, let detail):
            Text(
                id: "server basis data \(address) tidak mengenal pengguna itu (\(detail)); tidak ada yang diubah: pengelola server "
                    + "membuat perannya dahulu (`CREATE ROLE nama LOGIN`, dengan kata sandi atau sertifikatnya), lalu ulangi",
                en: "the database server \(address) does not know that user (\(detail)); nothing was changed: the server's "
                    + "administrator creates their role first (`CREATE ROLE name LOGIN`, with a password or certificate), then retry")
        case .serverGone(let address, let stored):
            switch stored {
            case true?:
                Text(
                    id: "server basis data \(address) terputus setelah penulisan tersimpan: perubahan ini TERSIMPAN; "
                        + "jangan ulangi, lihat dengan `sop case show`",
                    en: "the database server \(address) went away after the write was stored: this change IS STORED; "
                        + "do not repeat it, look with `sop case show`")
            case false?:
                Text(
                    id: "server basis data \(address) terputus sebelum penulisan selesai: perubahan ini TIDAK tersimpan; "
                        + "ulangi setelah server kembali",
                    en: "the database server \(address) went away before the write was done: this change was NOT stored; "
                        + "repeat it once the server is back")
            case nil:
                Text(
                    id: "server basis data \(address) terputus saat menyimpan, dan tidak dapat dihubungi lagi untuk memeriksa: "
                        + "periksa dengan `sop case show` setelah server kembali sebelum mengulang",
                    en: "the database server \(address) went away while storing, and cannot be reached again to check: "
                        + "look with `sop case show` once the server is back before repeating")
            }
        }
    }

    /// The message in English, for test failures and logs.
    public var description: String { message.en }

    package static func conflict(caseNumber: Int, expected: Int, actual: Int) -> StoreError {
        StoreError(.conflict(caseNumber: caseNumber, expected: expected, actual: actual))
    }
    package static func notADatabase(_ path: String) -> StoreError { StoreError(.notADatabase(path: path)) }
    package static func readOnly(_ path: String) -> StoreError { StoreError(.readOnly(path: path)) }
    package static func readOnlyFolder(_ folder: String) -> StoreError { StoreError(.readOnlyFolder(folder: folder)) }
    package static func missingFolder(_ folder: String) -> StoreError { StoreError(.missingFolder(folder: folder)) }
    package static func foreignDatabase(_ path: String) -> StoreError { StoreError(.foreignDatabase(path: path)) }
    package static func newerSchema(_ path: String, migrations: [String]) -> StoreError {
        StoreError(.newerSchema(path: path, migrations: migrations))
    }
    package static func corrupt(_ path: String, _ detail: String) -> StoreError { StoreError(.corrupt(path: path, detail: detail)) }
    package static func damagedCase(_ path: String, caseNumber: Int, _ detail: String) -> StoreError {
        StoreError(.damagedCase(path: path, caseNumber: caseNumber, detail: detail))
    }
    package static func outdatedSchema(_ path: String) -> StoreError { StoreError(.outdatedSchema(path: path)) }
    package static func fileExists(_ path: String) -> StoreError { StoreError(.fileExists(path: path)) }
    package static func busy(_ path: String) -> StoreError { StoreError(.busy(path: path)) }
    package static func alreadySetUp(_ path: String, by user: String) -> StoreError { StoreError(.alreadySetUp(path: path, by: user)) }
    package static func revisionPublished(_ workflow: String, revision: Int) -> StoreError {
        StoreError(.revisionPublished(workflow: workflow, revision: revision))
    }
    /// What only administrators do to the staff registry (and, as the store has always said, to publications).
    package static let changingTheRegistry = Text(id: "mengubah daftar petugas", en: "change the staff registry")
    package static func notAdministrator(_ user: String, to task: Text = changingTheRegistry) -> StoreError {
        StoreError(.notAdministrator(user: user, task: task))
    }
    package static func invalidAddress(_ what: Text, _ value: String) -> StoreError { StoreError(.invalidAddress(what: what, value: value)) }
    package static func unknownNotice(_ id: Int) -> StoreError { StoreError(.unknownNotice(id: id)) }
    package static func noticeNotFailed(_ id: Int, status: String) -> StoreError { StoreError(.noticeNotFailed(id: id, status: status)) }
    package static func lastAdministrator(_ user: String) -> StoreError { StoreError(.lastAdministrator(user: user)) }
    package static func diskFull(_ path: String) -> StoreError { StoreError(.diskFull(path: path)) }
    package static func unknownCase(_ reference: String) -> StoreError { StoreError(.unknownCase(reference: reference)) }
    package static func unknownUser(_ user: String) -> StoreError { StoreError(.unknownUser(user: user)) }
    package static func unknownRole(user: String, role: String, held: [String]) -> StoreError {
        StoreError(.unknownRole(user: user, role: role, held: held))
    }
    package static func invalidName(_ what: Text) -> StoreError { StoreError(.invalidName(what: what)) }
    package static func attachmentTooLarge(size: Int, limit: Int) -> StoreError {
        StoreError(.attachmentTooLarge(size: size, limit: limit))
    }
    package static func unknownWorkflowText(_ hash: String) -> StoreError { StoreError(.unknownWorkflowText(hash: hash)) }
    package static func invalidEvents(_ detail: String) -> StoreError { StoreError(.invalidEvents(detail: detail)) }
    package static func invalidRegisterFormat(_ format: String) -> StoreError {
        StoreError(.invalidRegisterFormat(format: format))
    }
    package static func unknownMove(_ id: String) -> StoreError { StoreError(.unknownMove(id: id)) }
    package static func moveUndone(_ id: String, by: String) -> StoreError { StoreError(.moveUndone(id: id, by: by)) }
    package static func invalidDatabaseAddress(_ why: String) -> StoreError { StoreError(.invalidDatabaseAddress(why: why)) }
    package static func connectionFailed(_ address: String, _ detail: String) -> StoreError {
        StoreError(.connectionFailed(address: address, detail: detail))
    }
    package static func authenticationFailed(_ address: String, user: String, _ detail: String) -> StoreError {
        StoreError(.authenticationFailed(address: address, user: user, detail: detail))
    }
    package static func permissionDenied(_ address: String, user: String, _ detail: String) -> StoreError {
        StoreError(.permissionDenied(address: address, user: user, detail: detail))
    }
    /// The server went away during a write: `stored` says whether the write is in the database,
    /// nil when that could not be checked.
    package static func serverGone(_ address: String, stored: Bool?) -> StoreError {
        StoreError(.serverGone(address: address, stored: stored))
    }
    package static func noDatabaseRole(_ address: String, _ detail: String) -> StoreError {
        StoreError(.noDatabaseRole(address: address, detail: detail))
    }
    /// Something this kind of store does not do, and what to do instead.
    package static func notOnThisStore(_ address: String, _ what: Text, instead: Text) -> StoreError {
        StoreError(.notOnThisStore(address: address, what: what, instead: instead))
    }
    package static func database(_ path: String, _ message: String) -> StoreError {
        StoreError(.database(path: path, message: message))
    }
}

import SOPCore

/// The header of a signed SOP, in the layout of Permenpan-RB 35/2012.
public struct SOPDocument: Hashable, Sendable {
    /// The issuing body, one line each (e.g. `PEMERINTAH KABUPATEN KEBUMEN`).
    public var organization: [String] = []
    /// The SOP's number, e.g. `067/12351`.
    public var number: String?
    /// Tanggal Pembuatan.
    public var created: CivilDate?
    /// Tanggal Revisi; nil when never revised.
    public var revised: CivilDate?
    /// Tanggal Efektif.
    public var effective: CivilDate?
    /// Disahkan Oleh.
    public var approvedBy: Approver?
    /// Dasar Hukum.
    public var legalBasis: [String] = []
    /// Kualifikasi Pelaksana.
    public var qualifications: [String] = []
    /// Keterkaitan.
    public var related: [RelatedSOP] = []
    /// Peralatan / Perlengkapan.
    public var equipment: [String] = []
    /// Peringatan.
    public var warnings: [String] = []
    /// Pencatatan dan Pendataan.
    public var recording: String?

    /// Creates an empty header.
    public init() {}
}

/// The official who approved the SOP.
public struct Approver: Hashable, Sendable {
    /// Name with titles, as signed.
    public var name: String
    /// Position (jabatan).
    public var position: String
    /// Rank (pangkat/golongan), if written.
    public var rank: String?
    /// Nomor Induk Pegawai: 18 digits.
    public var nip: Located<String>?

    /// Creates an approver.
    public init(name: String, position: String, rank: String? = nil, nip: Located<String>? = nil) {
        self.name = name
        self.position = position
        self.rank = rank
        self.nip = nip
    }
}

/// A related SOP (keterkaitan): another workflow file, or a document known only by title.
public struct RelatedSOP: Hashable, Sendable {
    /// The related workflow's id, when it is a workflow file.
    public var workflow: Located<WorkflowID>?
    /// The title as the signed SOP writes it.
    public var title: String?

    /// Creates a related-SOP entry.
    public init(workflow: Located<WorkflowID>?, title: String?) {
        self.workflow = workflow
        self.title = title
    }
}

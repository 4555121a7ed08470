import Foundation

/// How a database was set up (`sop init`): whose word says who is acting, when, and by whom.
public struct OfficeSetup: Hashable, Sendable, Codable {
    /// Who is acting on a database.
    public enum Identity: String, Hashable, Sendable, Codable, CaseIterable {
        /// The operating-system account running `sop` (its login name): an office's database.
        case system
        /// The name given with `--as` or `SOP_USER`, as claimed: for demos, tests and training.
        /// Every write says so, and `SOP_NOW` is honoured only here.
        case declared
        /// The user the database server authenticated (PostgreSQL's `session_user`): an office's
        /// database on a shared server, whose schema refuses a record naming anyone else.
        case server

        /// Whether the database is an office's, whose users are established, never claimed.
        public var isOffice: Bool { self != .declared }
    }

    /// Whose word names the acting user.
    public var identity: Identity
    /// When the database was set up.
    public var createdAt: Date
    /// Its first administrator, who set it up (`-` for a file an upgrade set up: made by an
    /// earlier sop, whose users were claimed).
    public var createdBy: String

    /// Creates a set-up record.
    public init(identity: Identity, createdAt: Date, createdBy: String) {
        self.identity = identity
        self.createdAt = createdAt
        self.createdBy = createdBy
    }
}

/// One change of the staff registry, as the store keeps it for good: who changed whom, when, and
/// which roles were granted or withdrawn.
public struct StaffChange: Hashable, Sendable, Codable {
    /// What changed.
    public enum Change: String, Hashable, Sendable, Codable {
        /// Roles were granted (to a new member, or to one already there).
        case added
        /// Roles were withdrawn; when `memberRemoved`, the member left the registry.
        case removed
    }

    /// The change's number, from 1, in the order made.
    public var number: Int
    /// When it was made.
    public var at: Date
    /// The administrator who made it (the first administrator names themselves).
    public var by: String
    /// What changed.
    public var change: Change
    /// The member changed.
    public var user: String
    /// The roles granted or withdrawn, sorted.
    public var roles: [String]
    /// Whether the member left the registry (a removal of the whole member).
    public var memberRemoved: Bool

    /// Creates a change.
    public init(number: Int, at: Date, by: String, change: Change, user: String, roles: [String], memberRemoved: Bool = false) {
        self.number = number
        self.at = at
        self.by = by
        self.change = change
        self.user = user
        self.roles = roles
        self.memberRemoved = memberRemoved
    }
}

/// A text an administrator publishes: a workflow revision, or a calendar.
public enum PublishedText: Hashable, Sendable {
    /// A workflow revision's exact YAML.
    case workflow(WorkflowText)
    /// A calendar's exact YAML, with its id.
    case calendar(id: String, text: String)

    /// The SHA-256 of the text's UTF-8 bytes, lowercase hex.
    public var hash: String {
        switch self {
        case .workflow(let text): text.hash
        case .calendar(_, let text): ContentHash.hex(text.utf8)
        }
    }
}

/// A publication, kept for good: which text an administrator published, and when. New cases
/// open only on a published revision, with the newest published calendar it names.
public struct Publication: Hashable, Sendable, Codable {
    /// What was published.
    public enum Kind: String, Hashable, Sendable, Codable {
        /// A workflow revision.
        case workflow
        /// A calendar.
        case calendar
    }

    /// The publication's number, from 1, in the order made.
    public var number: Int
    /// What was published.
    public var kind: Kind
    /// The workflow's or calendar's id.
    public var id: String
    /// The workflow's revision (nil for a calendar).
    public var revision: Int?
    /// The SHA-256 of the text published.
    public var hash: String
    /// When.
    public var at: Date
    /// The administrator who published it (`-`: an upgrade, for the texts cases ran on before).
    public var by: String

    /// Creates a publication.
    public init(number: Int, kind: Kind, id: String, revision: Int?, hash: String, at: Date, by: String) {
        self.number = number
        self.kind = kind
        self.id = id
        self.revision = revision
        self.hash = hash
        self.at = at
        self.by = by
    }
}

/// A time someone saw a case's personal data in full (`--reveal`), kept for good.
public struct Reveal: Hashable, Sendable, Codable {
    /// The reveal's number, from 1.
    public var number: Int
    /// When.
    public var at: Date
    /// Who.
    public var by: String
    /// The case's number.
    public var caseNumber: Int
    /// The command (`case show`, `case history`).
    public var command: String

    /// Creates a reveal.
    public init(number: Int, at: Date, by: String, caseNumber: Int, command: String) {
        self.number = number
        self.at = at
        self.by = by
        self.caseNumber = caseNumber
        self.command = command
    }
}

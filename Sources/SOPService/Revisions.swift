import SOPCore
import SOPEngine

/// A revision in the workflows folder that new cases do not start on, because it has errors.
public struct PassedOverRevision: Hashable, Sendable {
    /// Its file.
    public var path: String
    /// Its revision number.
    public var revision: Int
    /// Its errors.
    public var errors: [Diagnostic]
}

/// A case just opened, and the newer revisions passed over for it.
public struct OpenedCase: Hashable, Sendable {
    /// The case.
    public var state: CaseState
    /// Newer revisions of its SOP that have errors, newest first: the case opened on an older one.
    public var passedOver: [PassedOverRevision]
}

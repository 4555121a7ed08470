import Foundation
import SOPEngine
import SOPModel

/// Which cases a report reads; every condition given must hold.
public struct CaseHistoryFilter: Hashable, Sendable {
    /// Cases opened at or after this instant.
    public var openedFrom: Date?
    /// Cases opened before this instant (the range is half-open).
    public var openedTo: Date?
    /// Cases of this workflow (any revision).
    public var workflow: WorkflowID?

    /// Creates a filter; with no arguments it selects every case.
    public init(openedFrom: Date? = nil, openedTo: Date? = nil, workflow: WorkflowID? = nil) {
        self.openedFrom = openedFrom
        self.openedTo = openedTo
        self.workflow = workflow
    }
}

/// A store that reads the histories of many cases at once, for reports.
public protocol CaseHistoryReading: Sendable {
    /// Calls `body` with the history of every case the filter selects, in no particular order,
    /// from one consistent snapshot of the store.
    ///
    /// `body` runs inside the store's read: it must not call the store.
    func caseHistories(_ filter: CaseHistoryFilter, _ body: (CaseHistory) throws -> Void) throws

    /// The workflow revisions the cases a filter selects run on, each once.
    func caseRevisions(_ filter: CaseHistoryFilter) throws -> [WorkflowReference]
}

extension CaseStore {
    /// The histories of the cases a filter selects, each folded from its events by `loadCase`, one
    /// case at a time: what the bulk reading of `CaseHistoryReading` must agree with (the contract
    /// tests compare the two).
    public func caseHistoriesByLoading(_ filter: CaseHistoryFilter, _ body: (CaseHistory) throws -> Void) throws {
        let summaries = try cases(matching: CaseFilter(workflow: filter.workflow, openedFrom: filter.openedFrom, openedTo: filter.openedTo))
        for summary in summaries.reversed() {
            guard let stored = try loadCase(String(summary.number)) else { continue }
            try body(CaseHistory(state: stored.state))
        }
    }
}

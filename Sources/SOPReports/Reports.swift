import Foundation
import SOPModel
import SOPService
import SOPStorage

/// Makes reports over the cases of a store: the recap and deadlines met.
///
/// Cases are read in bulk (`CaseHistoryReading`, which every store provides); each case is measured in the calendar of the revision it runs on, every
/// revision and calendar loaded once per report.
public struct Reports: Sendable {
    /// The service: its store, and its workflows folder for calendars.
    public let service: CaseService

    /// Creates reports over a service.
    public init(service: CaseService) {
        self.service = service
    }

    /// The recap of the cases opened in a period, as of `asOf`.
    public func recap(_ period: ReportPeriod, asOf: Date) throws(ServiceError) -> RecapReport {
        let revisions = RevisionCache(service: service)
        var builder = RecapBuilder(asOf: asOf)
        // Before the cases: the head then is one every case counted is within or after.
        let ledger = try service.ledgerHead()
        var stated = 0
        var rescheduled = 0
        try each(CaseHistoryFilter(openedFrom: period.start, openedTo: period.end), revisions) { history, revision in
            builder.add(history, revision)
            if history.statedTimes > 0 { stated += 1 }
            if history.dueRescheduled || history.steps.contains(where: \.dueRescheduled) { rescheduled += 1 }
        }
        var report = builder.build(period: period, revisions: revisions)
        report.ledger = ledger
        report.casesWithStatedTimes = stated
        report.casesWithRescheduledDue = rescheduled
        return report
    }

    /// Deadlines met by the steps and cases opened in a period (of one workflow, when given), as
    /// of `asOf`.
    public func sla(_ period: ReportPeriod, workflow: WorkflowID? = nil, asOf: Date) throws(ServiceError) -> SLAReport {
        let revisions = RevisionCache(service: service)
        var builder = SLABuilder(asOf: asOf)
        var stated = 0
        var rescheduledCases = 0
        var rescheduledSteps = 0
        try each(CaseHistoryFilter(openedFrom: period.start, openedTo: period.end, workflow: workflow), revisions) { history, revision in
            builder.add(history, revision)
            if history.statedTimes > 0 { stated += 1 }
            let steps = history.steps.filter { $0.dueRescheduled && $0.ending != .skipped }.count
            if history.dueRescheduled || steps > 0 { rescheduledCases += 1 }
            rescheduledSteps += steps
        }
        var report = builder.build(period: period, workflow: workflow, revisions: revisions)
        report.casesWithStatedTimes = stated
        report.casesWithRescheduledDue = rescheduledCases
        report.stepsWithRescheduledDue = rescheduledSteps
        return report
    }

    /// Calls `body` with each selected case and the revision it runs on.
    private func each(
        _ filter: CaseHistoryFilter, _ revisions: RevisionCache, _ body: (CaseHistory, Revision) -> Void
    ) throws(ServiceError) {
        let reader = service.store
        do {
            // The reader's body must not call the store: revisions are loaded before, and a case
            // on a revision that came meanwhile waits until the read is over.
            for reference in try reader.caseRevisions(filter) { _ = try revisions.revision(reference) }
            var pending: [CaseHistory] = []
            try reader.caseHistories(filter) { history in
                if let revision = revisions.cached(history.workflow) {
                    body(history, revision)
                } else {
                    pending.append(history)
                }
            }
            for history in pending { body(history, try revisions.revision(history.workflow)) }
        } catch let error as ServiceError {
            throw error
        } catch {
            throw .store(error)
        }
    }
}

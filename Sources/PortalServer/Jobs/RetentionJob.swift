import Foundation
import Logging
import PortalAPI

/// Deletes what is kept only for a while: job runs and Stripe event ids after 30 days (Stripe retries
/// an event for 3 days), idempotency outcomes after 7 (the contract promises at least 24 hours).
struct RetentionJob: Sendable {
    static let jobName = "retention-cleanup"
    static let jobRunsKept: TimeInterval = 30 * 86_400
    static let stripeEventsKept: TimeInterval = 30 * 86_400
    static let idempotencyOutcomesKept: TimeInterval = 7 * 86_400

    let storage: any PortalStorage
    let clock: PortalClock
    let alerting: Alerting

    /// One run, recorded as a job run.
    func run() async -> JobResult {
        let started = clock.now()
        var result = JobResult(
            jobName: Self.jobName, startTime: started, endTime: started, recordsProcessed: 0, recordsSucceeded: 0, recordsFailed: 0, errors: [])
        let status: String
        do {
            let deleted = try await storage.deleteExpired(
                RetentionCutoffs(
                    jobRuns: started.addingTimeInterval(-Self.jobRunsKept), stripeEvents: started.addingTimeInterval(-Self.stripeEventsKept),
                    idempotencyOutcomes: started.addingTimeInterval(-Self.idempotencyOutcomesKept)))
            result.recordsProcessed = deleted.values.reduce(0, +)
            result.recordsSucceeded = result.recordsProcessed
            status = "succeeded"
        } catch {
            result.errors = ["expired records could not be deleted"]
            status = "failed"
            await alerting.alert("Job \(Self.jobName) failed", details: ["job": Self.jobName, "error": "expired records could not be deleted"])
        }
        result.endTime = clock.now()
        try? await storage.recordJobRun(result, status: status)
        return result
    }
}

import Foundation

/// One record of a background job's runs (`GET /api/portal/jobs/runs`, `leora-portal jobs`). Consecutive
/// runs that found nothing to do share one record: `runCount` of them, from `startedAt` to `endedAt`.
public struct JobRun: Codable, Sendable, Equatable {
    public var id: String
    public var jobName: String
    /// `succeeded`, `completed_with_errors` or `failed`.
    public var status: String
    public var startedAt: Date
    public var endedAt: Date
    public var runCount: Int
    public var recordsProcessed: Int
    public var recordsSucceeded: Int
    public var recordsFailed: Int
    /// The run's error lines; left out over HTTP, where they could name other tenants' records.
    public var errors: [String]?

    public init(
        id: String, jobName: String, status: String, startedAt: Date, endedAt: Date, runCount: Int, recordsProcessed: Int,
        recordsSucceeded: Int, recordsFailed: Int, errors: [String]?
    ) {
        self.id = id
        self.jobName = jobName
        self.status = status
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.runCount = runCount
        self.recordsProcessed = recordsProcessed
        self.recordsSucceeded = recordsSucceeded
        self.recordsFailed = recordsFailed
        self.errors = errors
    }
}

/// `data` of `GET /api/portal/jobs/runs`.
public struct JobRunsPage: Codable, Sendable, Equatable {
    public var runs: [JobRun]
    public init(runs: [JobRun]) { self.runs = runs }
}

extension Routes {
    public static let jobRuns = "/api/portal/jobs/runs"
}

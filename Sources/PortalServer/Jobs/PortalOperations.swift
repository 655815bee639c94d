import Foundation
import PortalAPI

/// What the operator's command line reads straight from a database (`leora-portal jobs`).
public enum PortalOperations {
    /// The newest `limit` job-run records, error lines included.
    public static func jobRuns(databasePath: String, job: String?, limit: Int) async throws -> [JobRun] {
        let storage = try SQLiteStorage(path: databasePath)
        return try await storage.jobRuns(job: job, list: ListQuery(page: 1, limit: limit)).rows
    }
}

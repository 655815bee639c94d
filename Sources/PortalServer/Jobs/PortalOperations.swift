import Foundation
import Logging
import PortalAPI

/// What the operator's command line reads straight from a database (`leora-portal jobs`).
public enum PortalOperations {
    /// The newest `limit` job-run records, error lines included. `database` is a SQLite path or a postgres:// URL.
    public static func jobRuns(database: String, job: String?, limit: Int) async throws -> [JobRun] {
        var logger = Logger(label: "leora-portal-jobs")
        logger.logLevel = .error
        let opened = try await OpenedStorage.open(try DatabaseLocation(parsing: database), maximumConnections: 2, logger: logger)
        defer { opened.close() }
        return try await opened.storage.jobRuns(job: job, list: ListQuery(page: 1, limit: limit)).rows
    }
}

import ArgumentParser
import Foundation
import PortalAPI
import PortalServer

/// `leora-portal jobs`: what the background jobs did, read from the database, error lines included.
struct Jobs: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the background jobs' runs, newest first.")

    @Option(help: "SQLite database file or PostgreSQL URL. Default: $DATABASE_URL, else $XDG_DATA_HOME/leora-portal/portal.sqlite.")
    var database: String?
    @Option(help: "Only this job: webhook-delivery or retention-cleanup.") var job: String?
    @Option(help: "How many records (1-100).") var limit = 20

    func validate() throws {
        guard (1...100).contains(limit) else { throw ValidationError("--limit must be between 1 and 100") }
    }

    func run() async throws {
        let location = DefaultLocations.database(option: database, environment: ProcessInfo.processInfo.environment)
        if case .sqlite(let path) = try DatabaseLocation(parsing: location), !FileManager.default.fileExists(atPath: path) {
            throw ValidationError("no database at \(path)")
        }
        let runs = try await PortalOperations.jobRuns(database: location, job: job, limit: limit)
        if runs.isEmpty {
            print("No job runs yet.")
            return
        }
        let time = Date.ISO8601FormatStyle()
        for run in runs {
            let span = run.runCount > 1 ? "\(time.format(run.startedAt)) … \(time.format(run.endedAt)) (\(run.runCount) runs)" : time.format(run.startedAt)
            print("\(run.jobName)  \(run.status)  \(span)  processed \(run.recordsProcessed), succeeded \(run.recordsSucceeded), failed \(run.recordsFailed)")
            for error in run.errors ?? [] { print("    \(error)") }
        }
    }
}

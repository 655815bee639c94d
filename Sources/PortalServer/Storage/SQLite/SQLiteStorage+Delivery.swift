import Foundation
import GRDB
import PortalAPI

/// The delivery worker's storage: it works across tenants, on rows it claims by id.
extension SQLiteStorage {
    func claimDueDeliveries(at date: Date, leaseUntil: Date, limit: Int, perTenant: Int) async throws -> [DeliveryJob] {
        try await writer.write { db in
            // Crosses tenants on purpose: the worker serves them all, each to its share.
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM (
                        SELECT d.id, d.event_id, d.tenant_id, d.attempts, d.next_attempt_at, e.event_type, e.data, s.url, s.secret,
                            ROW_NUMBER() OVER (PARTITION BY d.tenant_id ORDER BY d.next_attempt_at, d.id) AS tenant_rank
                        FROM webhook_deliveries d
                        JOIN webhook_events e ON e.id = d.event_id AND e.tenant_id = d.tenant_id
                        JOIN webhook_subscriptions s ON s.id = d.subscription_id AND s.tenant_id = d.tenant_id
                        WHERE d.status = 'pending' AND d.next_attempt_at <= ? AND (d.lease_until IS NULL OR d.lease_until <= ?)
                          AND s.deleted_at IS NULL
                    ) WHERE tenant_rank <= ?
                    ORDER BY tenant_rank, next_attempt_at, id LIMIT ?
                    """, arguments: [date, date, perTenant, limit])
            for row in rows {
                try db.execute(sql: "UPDATE webhook_deliveries SET lease_until = ? WHERE id = ?", arguments: [leaseUntil, row["id"] as String])
            }
            return rows.map { row in
                DeliveryJob(
                    deliveryId: row["id"], eventId: row["event_id"], eventType: row["event_type"], tenantId: row["tenant_id"],
                    eventData: row["data"], url: row["url"], secret: row["secret"], attempts: row["attempts"])
            }
        }
    }

    func recordDeliveryAttempt(_ attempt: DeliveryAttempt) async throws {
        try await writer.write { db in
            try db.execute(
                sql: """
                    UPDATE webhook_deliveries SET status = ?, attempts = ?, next_attempt_at = ?, last_attempt_at = ?,
                        last_status = ?, last_error = ?, lease_until = NULL,
                        delivered_at = CASE WHEN ? = 'delivered' THEN ? ELSE delivered_at END
                    WHERE id = ?
                    """,
                arguments: [
                    attempt.status, attempt.attempts, attempt.nextAttemptAt, attempt.startedAt, attempt.lastStatus, attempt.lastError,
                    attempt.status, attempt.startedAt, attempt.deliveryId,
                ])
        }
    }

    func pendingDeliveryCount() async throws -> Int {
        try await writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM webhook_deliveries WHERE status = 'pending'") ?? 0 }
    }

    func recordJobRun(_ result: JobResult, status: String) async throws {
        let errors = String(decoding: try JSONEncoder().encode(result.errors), as: UTF8.self)
        let idle = result.recordsProcessed == 0 && result.errors.isEmpty && status == "succeeded"
        try await writer.write { db in
            if idle,
                let last = try Row.fetchOne(
                    db, sql: "SELECT id, processed, status, errors FROM job_runs WHERE job_name = ? ORDER BY ended_at DESC, id DESC LIMIT 1",
                    arguments: [result.jobName]),
                last["processed"] as Int == 0, last["status"] as String == "succeeded", last["errors"] as String == "[]"
            {
                try db.execute(
                    sql: "UPDATE job_runs SET ended_at = ?, run_count = run_count + 1 WHERE id = ?",
                    arguments: [result.endTime, last["id"] as String])
                return
            }
            try db.execute(
                sql: """
                    INSERT INTO job_runs (id, job_name, started_at, ended_at, status, processed, succeeded, failed, errors)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    Identifier.make("job"), result.jobName, result.startTime, result.endTime, status, result.recordsProcessed,
                    result.recordsSucceeded, result.recordsFailed, errors,
                ])
        }
    }

    func jobRuns(job: String?, list: ListQuery) async throws -> Page<JobRun> {
        try await writer.read { db in
            let filter = job == nil ? "" : "WHERE job_name = ?"
            let filterArguments: StatementArguments = job.map { [$0] } ?? []
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM job_runs \(filter)", arguments: filterArguments) ?? 0
            let rows = try Row.fetchAll(
                db, sql: "SELECT * FROM job_runs \(filter) ORDER BY ended_at DESC, id DESC LIMIT ? OFFSET ?",
                arguments: filterArguments + [list.limit, list.offset])
            let runs = rows.map { row in
                let errors: String = row["errors"]
                return JobRun(
                    id: row["id"], jobName: row["job_name"], status: row["status"], startedAt: row["started_at"], endedAt: row["ended_at"],
                    runCount: row["run_count"], recordsProcessed: row["processed"], recordsSucceeded: row["succeeded"],
                    recordsFailed: row["failed"], errors: (try? JSONDecoder().decode([String].self, from: Data(errors.utf8))) ?? [])
            }
            return Page(rows: runs, total: total)
        }
    }

    func deleteExpired(_ cutoffs: RetentionCutoffs) async throws -> [String: Int] {
        try await writer.write { db in
            // Crosses tenants on purpose: retention is the operator's, the same for every tenant.
            var deleted: [String: Int] = [:]
            for (kind, sql, cutoff) in [
                ("jobRuns", "DELETE FROM job_runs WHERE ended_at < ?", cutoffs.jobRuns),
                ("stripeEvents", "DELETE FROM stripe_events WHERE received_at < ?", cutoffs.stripeEvents),
                ("idempotencyOutcomes", "DELETE FROM idempotency_outcomes WHERE created_at < ?", cutoffs.idempotencyOutcomes),
            ] {
                try db.execute(sql: sql, arguments: [cutoff])
                deleted[kind] = db.changesCount
            }
            return deleted
        }
    }
}

import Foundation
import Logging
import PortalAPI
import PostgresNIO

/// The connection pool, and every way SQL reaches it, in this file: `withTenant` for a request's work,
/// and `CrossTenant` for the few named steps that cannot name a tenant. The client and the transaction
/// primitive are fileprivate, so no other code can reach the database without one or the other.
///
/// Both run the work in one transaction whose first statement sets `app.tenant_id` and
/// `app.cross_tenant` with `set_config(…, true)`: transaction-local, so a pooled connection never
/// carries a tenant or a step to the next transaction. Never `SET`, never autocommit.
struct PostgresPool: Sendable {
    fileprivate let client: PostgresClient
    let logger: Logger

    init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// Runs the pool until the task is cancelled.
    func run() async { await client.run() }

    /// Runs `body` in one transaction seen through `scope`: `app.tenant_id` is the scope's tenant.
    @discardableResult
    func withTenant<T: Sendable>(_ scope: TenantScope, _ body: (PostgresTenantDatabase) async throws -> T) async throws -> T {
        try await transaction(tenant: scope.tenantId, step: nil) { connection in
            try await body(try await PostgresTenantDatabase(connection: connection, scope: scope, logger: logger))
        }
    }

    /// Runs `body` as tenant `tenantId` before its `tenants` row exists (seeding creates it): the same kind of
    /// transaction as `withTenant`, with a `PostgresTenantLoader` that writes rows of that tenant only.
    func withNewTenant<T: Sendable>(_ tenantId: String, _ body: (PostgresTenantLoader) async throws -> T) async throws -> T {
        try await transaction(tenant: tenantId, step: nil) { connection in
            try await body(PostgresTenantLoader(connection: connection, tenantId: tenantId, logger: logger))
        }
    }

    /// The one transaction primitive. Its first statement sets both settings transaction-locally
    /// (`set_config(…, true)`); the pool never sees a connection inside a transaction, and one whose
    /// COMMIT or ROLLBACK failed is closed rather than returned.
    @discardableResult
    fileprivate func transaction<T: Sendable>(
        tenant: String?, step: CrossTenant.Step?, _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        let logger = self.logger
        return try await client.withConnection { connection in
            do {
                try await connection.perform("BEGIN", logger: logger)
            } catch {
                try? await connection.close()
                throw error
            }
            let result: T
            do {
                try await connection.perform(
                    "SELECT set_config('app.tenant_id', \(tenant ?? ""), true), set_config('app.cross_tenant', \(step?.rawValue ?? ""), true)",
                    logger: logger)
                result = try await body(connection)
            } catch {
                do {
                    try await connection.perform("ROLLBACK", logger: logger)
                } catch {
                    logger.error("ROLLBACK failed; the connection is closed", metadata: ["error": "\(String(reflecting: error))"])
                    try? await connection.close()
                }
                throw error
            }
            do {
                try await connection.perform("COMMIT", logger: logger)
            } catch {
                logger.error("COMMIT failed; the connection is closed", metadata: ["error": "\(String(reflecting: error))"])
                try? await connection.close()
                throw error
            }
            return result
        }
    }
}

/// The steps that run without a tenant, named and listed in one place.
///
/// Each runs in a transaction that sets `app.cross_tenant` to the step's name (transaction-local, like
/// `app.tenant_id`). Under `FORCE ROW LEVEL SECURITY` that setting is not a bypass: the only policies
/// that read it are the `cross_tenant_<step>_<command>` ones of `PostgresMigrations.crossTenantGrants`,
/// which let each step reach only the tables and commands it needs (the login step reads and stamps
/// `users`, and sees no order; the delivery step sees deliveries, their events and subscriptions, and
/// no customer). `operations` has no grant at all: it touches only tables that hold no tenant's data.
///
/// Why a setting and not a privileged role: one non-superuser role owning the database must be enough
/// to run the portal, and such a role cannot own a `BYPASSRLS` function. A session setting can be set by
/// any SQL on the connection, but so can `app.tenant_id`: row-level security here defends against a
/// statement that forgot or botched its tenant filter, not against SQL injection (that is the job of
/// bound parameters everywhere). What keeps the setting honest is that only this file sets it, from
/// this enum's cases, in a transaction that ends with the step.
enum CrossTenant {
    enum Step: String, Sendable, CaseIterable {
        /// Login by email, reading an account by id, stamping the login time.
        case login
        /// Reading, rotating and revoking a session by its id (the token names no tenant the server may trust yet).
        case session
        /// The webhook worker: claiming due deliveries of every tenant, recording attempts, the queue depth.
        case delivery
        /// Deleting expired idempotency outcomes of every tenant (and job runs and Stripe event ids).
        case retention
        /// An inbound Stripe event names an order, never a tenant: finding the order's owner, then
        /// confirming it as that tenant within the same transaction.
        case stripe
        /// Seeding: whether the database has any tenant yet (each tenant is then loaded in its own `withTenant`);
        /// a migration's per-tenant backfill: which tenants there are (each is then backfilled as itself).
        case seed
        /// Migrations, the role check, job-run records, failed logins and the health probe: tables of no tenant.
        case operations
    }

    // MARK: login

    static func account(email: String, in database: PostgresPool) async throws -> UserAccount? {
        try await database.transaction(tenant: nil, step: .login) { connection in
            try await connection.rows("SELECT * FROM users WHERE email = :email", ["email": email.lowercased()], logger: database.logger)
                .first.map(UserAccount.init(row:))
        }
    }

    static func account(id: String, in database: PostgresPool) async throws -> UserAccount? {
        try await database.transaction(tenant: nil, step: .login) { connection in
            try await connection.rows("SELECT * FROM users WHERE id = :id", ["id": id], logger: database.logger).first.map(UserAccount.init(row:))
        }
    }

    static func recordLogin(userId: String, at date: Date, in database: PostgresPool) async throws {
        try await database.transaction(tenant: nil, step: .login) { connection in
            try await connection.run("UPDATE users SET last_login_at = :now WHERE id = :id", ["now": date, "id": userId], logger: database.logger)
        }
    }

    // MARK: session

    static func liveSession(id: String, at date: Date, in database: PostgresPool) async throws -> LiveSession? {
        try await database.transaction(tenant: nil, step: .session) { connection in
            try await connection.rows(
                """
                SELECT sessions.user_id, sessions.tenant_id, users.roles FROM sessions
                JOIN users ON users.id = sessions.user_id AND users.tenant_id = sessions.tenant_id
                WHERE sessions.id = :id AND sessions.revoked_at IS NULL AND sessions.expires_at > :now
                """, ["id": id, "now": date], logger: database.logger
            ).first.map { row in LiveSession(userId: try row["user_id"], tenantId: try row["tenant_id"], roles: try row["roles"]) }
        }
    }

    static func rotateRefreshToken(
        sessionId: String, presentedJti: String, newJti: String, at date: Date, grace: TimeInterval, in database: PostgresPool
    ) async throws -> RefreshRotation {
        let logger = database.logger
        return try await database.transaction(tenant: nil, step: .session) { connection in
            // Locked: two refreshes racing with the same token rotate once, and the second sees the retired jti.
            guard let session = try await connection.rows("SELECT * FROM sessions WHERE id = :id FOR UPDATE", ["id": sessionId], logger: logger).first
            else { return .rejected }
            let revokedAt: Date? = try session["revoked_at"]
            let expiresAt: Date = try session["expires_at"]
            guard revokedAt == nil, expiresAt > date else { return .rejected }
            let currentJti: String = try session["current_jti"]
            let tenantId: String = try session["tenant_id"]
            let userId: String = try session["user_id"]
            let retiredAt: Date? = try await connection.rows(
                "SELECT retired_at FROM retired_refresh_tokens WHERE jti = :jti AND session_id = :session",
                ["jti": presentedJti, "session": sessionId], logger: logger
            ).first.map { try $0["retired_at"] }
            let acceptable = presentedJti == currentJti || retiredAt.map { date.timeIntervalSince($0) <= grace } == true
            guard acceptable else {
                try await connection.run("UPDATE sessions SET revoked_at = :now WHERE id = :id", ["now": date, "id": sessionId], logger: logger)
                return .rejected
            }
            try await connection.run(
                """
                INSERT INTO retired_refresh_tokens (jti, tenant_id, session_id, retired_at) VALUES (:jti, :tenant, :session, :now)
                ON CONFLICT (jti) DO UPDATE SET retired_at = excluded.retired_at, session_id = excluded.session_id
                """, ["jti": currentJti, "tenant": tenantId, "session": sessionId, "now": date], logger: logger)
            try await connection.run("UPDATE sessions SET current_jti = :jti WHERE id = :id", ["jti": newJti, "id": sessionId], logger: logger)
            return .rotated(userId: userId, tenantId: tenantId, expiresAt: expiresAt)
        }
    }

    static func revokeSession(id: String, at date: Date, in database: PostgresPool) async throws {
        try await database.transaction(tenant: nil, step: .session) { connection in
            try await connection.run(
                "UPDATE sessions SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL", ["now": date, "id": id], logger: database.logger)
        }
    }

    // MARK: delivery

    /// Leases due deliveries, at most `perTenant` of one tenant. Rows another instance holds are skipped
    /// (`FOR UPDATE SKIP LOCKED`) and a lease keeps them from being claimed again until it ends.
    static func claimDueDeliveries(
        at date: Date, leaseUntil: Date, limit: Int, perTenant: Int, in database: PostgresPool
    ) async throws -> [DeliveryJob] {
        let logger = database.logger
        return try await database.transaction(tenant: nil, step: .delivery) { connection in
            let rows = try await connection.rows(
                """
                WITH due AS MATERIALIZED (
                    SELECT d.id FROM webhook_deliveries d
                    JOIN webhook_subscriptions s ON s.id = d.subscription_id AND s.tenant_id = d.tenant_id
                    WHERE d.status = 'pending' AND d.next_attempt_at <= :now AND (d.lease_until IS NULL OR d.lease_until <= :now)
                      AND s.deleted_at IS NULL
                    ORDER BY d.next_attempt_at, d.id
                    FOR UPDATE OF d SKIP LOCKED
                ), ranked AS MATERIALIZED (
                    SELECT d.id, d.event_id, d.tenant_id, d.attempts, d.next_attempt_at, e.event_type, e.data, s.url, s.secret,
                        ROW_NUMBER() OVER (PARTITION BY d.tenant_id ORDER BY d.next_attempt_at, d.id) AS tenant_rank
                    FROM due JOIN webhook_deliveries d ON d.id = due.id
                    JOIN webhook_events e ON e.id = d.event_id AND e.tenant_id = d.tenant_id
                    JOIN webhook_subscriptions s ON s.id = d.subscription_id AND s.tenant_id = d.tenant_id
                ), chosen AS MATERIALIZED (
                    SELECT * FROM ranked WHERE tenant_rank <= :per_tenant ORDER BY tenant_rank, next_attempt_at, id LIMIT :limit
                )
                UPDATE webhook_deliveries d SET lease_until = :lease FROM chosen WHERE d.id = chosen.id
                RETURNING chosen.*
                """, ["now": date, "lease": leaseUntil, "per_tenant": perTenant, "limit": limit], logger: logger)
            // RETURNING keeps no order: the claimed order again (each tenant's earliest first, tenants interleaved).
            let claimed = try rows.map { row in
                (
                    rank: try row["tenant_rank"] as Int, due: try row["next_attempt_at"] as Date,
                    job: DeliveryJob(
                        deliveryId: try row["id"], eventId: try row["event_id"], eventType: try row["event_type"], tenantId: try row["tenant_id"],
                        eventData: try row["data"], url: try row["url"], secret: try row["secret"], attempts: try row["attempts"])
                )
            }
            return claimed.sorted { ($0.rank, $0.due, $0.job.deliveryId) < ($1.rank, $1.due, $1.job.deliveryId) }.map(\.job)
        }
    }

    static func recordDeliveryAttempt(_ attempt: DeliveryAttempt, in database: PostgresPool) async throws {
        try await database.transaction(tenant: nil, step: .delivery) { connection in
            try await connection.run(
                """
                UPDATE webhook_deliveries SET status = :status, attempts = :attempts, next_attempt_at = :next, last_attempt_at = :started,
                    last_status = :last_status, last_error = :last_error, lease_until = NULL,
                    delivered_at = CASE WHEN :status = 'delivered' THEN :started ELSE delivered_at END
                WHERE id = :id
                """,
                [
                    "status": attempt.status, "attempts": attempt.attempts, "next": attempt.nextAttemptAt, "started": attempt.startedAt,
                    "last_status": attempt.lastStatus, "last_error": attempt.lastError, "id": attempt.deliveryId,
                ], logger: database.logger)
        }
    }

    static func pendingDeliveryCount(in database: PostgresPool) async throws -> Int {
        try await database.transaction(tenant: nil, step: .delivery) { connection in
            try await connection.rows("SELECT COUNT(*) AS n FROM webhook_deliveries WHERE status = 'pending'", logger: database.logger)
                .first.map { try $0["n"] } ?? 0
        }
    }

    // MARK: retention

    static func deleteExpired(_ cutoffs: RetentionCutoffs, in database: PostgresPool) async throws -> [String: Int] {
        let logger = database.logger
        return try await database.transaction(tenant: nil, step: .retention) { connection in
            var deleted: [String: Int] = [:]
            for (kind, sql, cutoff) in [
                ("jobRuns", "DELETE FROM job_runs WHERE ended_at < :cutoff RETURNING 1", cutoffs.jobRuns),
                ("stripeEvents", "DELETE FROM stripe_events WHERE received_at < :cutoff RETURNING 1", cutoffs.stripeEvents),
                ("idempotencyOutcomes", "DELETE FROM idempotency_outcomes WHERE created_at < :cutoff RETURNING 1", cutoffs.idempotencyOutcomes),
            ] {
                deleted[kind] = try await connection.run(sql, ["cutoff": cutoff], logger: logger)
            }
            return deleted
        }
    }

    // MARK: stripe

    /// Records the event id; when it is new and names a pending order, confirms that order as the
    /// order's own tenant and user: after the owner is found the transaction leaves the step and
    /// enters that tenant (`app.cross_tenant` cleared, `app.tenant_id` set), so the confirmation runs
    /// through `PostgresTenantDatabase` like any request.
    static func applyStripeEvent(
        id: String, type: String, confirmingOrder orderId: String?, at date: Date, in database: PostgresPool
    ) async throws -> StripeEventOutcome {
        let logger = database.logger
        return try await database.transaction(tenant: nil, step: .stripe) { connection in
            let inserted = try await connection.run(
                """
                INSERT INTO stripe_events (id, event_type, order_id, outcome, received_at) VALUES (:id, :type, :order, 'received', :now)
                ON CONFLICT (id) DO NOTHING RETURNING 1
                """, ["id": id, "type": type, "order": orderId, "now": date], logger: logger)
            guard inserted > 0 else { return .replayed }
            let outcome: StripeEventOutcome
            if let orderId {
                let owner = try await connection.rows("SELECT tenant_id, placed_by FROM orders WHERE id = :id", ["id": orderId], logger: logger)
                    .first.map { TenantScope(tenantId: try $0["tenant_id"], userId: try $0["placed_by"]) }
                if let owner {
                    try await connection.perform(
                        "SELECT set_config('app.tenant_id', \(owner.tenantId), true), set_config('app.cross_tenant', '', true)", logger: logger)
                    let tenantDB = try await PostgresTenantDatabase(connection: connection, scope: owner, logger: logger)
                    outcome = try await tenantDB.confirmPendingOrder(id: orderId, at: date)
                } else {
                    outcome = .orderNotFound
                }
            } else {
                outcome = .ignored
            }
            try await connection.run("UPDATE stripe_events SET outcome = :outcome WHERE id = :id", ["outcome": outcome.rawValue, "id": id], logger: logger)
            return outcome
        }
    }

    // MARK: seed

    static func hasTenants(in database: PostgresPool) async throws -> Bool {
        try await database.transaction(tenant: nil, step: .seed) { connection in
            try await !connection.rows("SELECT 1 FROM tenants LIMIT 1", logger: database.logger).isEmpty
        }
    }

    // MARK: operations (no tenant's data)

    static func recordJobRun(_ result: JobResult, status: String, in database: PostgresPool) async throws {
        let logger = database.logger
        let idle = result.recordsProcessed == 0 && result.errors.isEmpty && status == "succeeded"
        try await database.transaction(tenant: nil, step: .operations) { connection in
            // One instance's idle run extends another's record only under this lock, so the count stays exact.
            try await connection.run("SELECT pg_advisory_xact_lock(hashtext('job_runs'), hashtext(:job))", ["job": result.jobName], logger: logger)
            if idle,
                let last = try await connection.rows(
                    "SELECT id, processed, status, errors FROM job_runs WHERE job_name = :job ORDER BY ended_at DESC, id DESC LIMIT 1",
                    ["job": result.jobName], logger: logger
                ).first,
                try last["processed"] as Int == 0, try last["status"] as String == "succeeded", try (last["errors"] as [String]).isEmpty
            {
                let lastId: String = try last["id"]
                try await connection.run(
                    "UPDATE job_runs SET ended_at = :ended, run_count = run_count + 1 WHERE id = :id",
                    ["ended": result.endTime, "id": lastId], logger: logger)
                return
            }
            try await connection.run(
                """
                INSERT INTO job_runs (id, job_name, started_at, ended_at, status, processed, succeeded, failed, errors)
                VALUES (:id, :job, :started, :ended, :status, :processed, :succeeded, :failed, :errors)
                """,
                [
                    "id": Identifier.make("job"), "job": result.jobName, "started": result.startTime, "ended": result.endTime, "status": status,
                    "processed": result.recordsProcessed, "succeeded": result.recordsSucceeded, "failed": result.recordsFailed,
                    "errors": result.errors,
                ], logger: logger)
        }
    }

    static func jobRuns(job: String?, list: ListQuery, in database: PostgresPool) async throws -> Page<JobRun> {
        let logger = database.logger
        return try await database.transaction(tenant: nil, step: .operations) { connection in
            let filter = job == nil ? "" : "WHERE job_name = :job"
            let total: Int =
                try await connection.rows("SELECT COUNT(*) AS n FROM job_runs \(filter)", ["job": job], logger: logger).first.map { try $0["n"] } ?? 0
            let rows = try await connection.rows(
                "SELECT * FROM job_runs \(filter) ORDER BY ended_at DESC, id DESC LIMIT :limit OFFSET :offset",
                ["job": job, "limit": list.limit, "offset": list.offset], logger: logger)
            let runs = try rows.map { row in
                JobRun(
                    id: try row["id"], jobName: try row["job_name"], status: try row["status"], startedAt: try row["started_at"],
                    endedAt: try row["ended_at"], runCount: try row["run_count"], recordsProcessed: try row["processed"],
                    recordsSucceeded: try row["succeeded"], recordsFailed: try row["failed"], errors: try row["errors"])
            }
            return Page(rows: runs, total: total)
        }
    }

    /// What `reserveLogin` found.
    enum LoginReservation: Sendable {
        case reserved(id: String)
        /// Over the limit; the oldest failure in the window.
        case limited(oldest: Date)
    }

    /// Counts an attempt for the pair unless `maxFailures` are already within the window; expired failures
    /// (of every pair) are deleted first. Serialised per pair by an advisory lock, so a burst spread over
    /// instances is cut at the limit as it is in one.
    static func reserveLogin(
        email: String, address: String, now: Date, window: TimeInterval, maxFailures: Int, in database: PostgresPool
    ) async throws -> LoginReservation {
        let logger = database.logger
        return try await database.transaction(tenant: nil, step: .operations) { connection in
            try await connection.run(
                "SELECT pg_advisory_xact_lock(hashtext(:email), hashtext(:address))", ["email": email, "address": address], logger: logger)
            try await connection.run(
                "DELETE FROM login_failures WHERE attempted_at <= :cutoff", ["cutoff": now.addingTimeInterval(-window)], logger: logger)
            let recent: [Date] = try await connection.rows(
                "SELECT attempted_at FROM login_failures WHERE email = :email AND address = :address ORDER BY attempted_at",
                ["email": email, "address": address], logger: logger
            ).map { try $0["attempted_at"] }
            if recent.count >= maxFailures, let oldest = recent.first { return .limited(oldest: oldest) }
            let id = Identifier.make("login")
            try await connection.run(
                "INSERT INTO login_failures (id, email, address, attempted_at) VALUES (:id, :email, :address, :now)",
                ["id": id, "email": email, "address": address, "now": now], logger: logger)
            return .reserved(id: id)
        }
    }

    /// A login succeeded: the pair's failures are forgotten.
    static func releaseLogins(email: String, address: String, in database: PostgresPool) async throws {
        try await database.transaction(tenant: nil, step: .operations) { connection in
            try await connection.run(
                "DELETE FROM login_failures WHERE email = :email AND address = :address", ["email": email, "address": address],
                logger: database.logger)
        }
    }

    /// The health probe: a write to `health_probe`, then a read.
    static func probe(at date: Date, in database: PostgresPool) async throws {
        try await database.transaction(tenant: nil, step: .operations) { connection in
            try await connection.run(
                "INSERT INTO health_probe (id, checked_at) VALUES (1, :now) ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at",
                ["now": date], logger: database.logger)
        }
    }

    static func read(in database: PostgresPool) async throws {
        try await database.transaction(tenant: nil, step: .operations) { connection in
            try await connection.run("SELECT 1", logger: database.logger)
        }
    }

    /// Who the server connects as: refused when it is a superuser or has `BYPASSRLS` (either ignores row-level security).
    static func connectedRole(in database: PostgresPool) async throws -> (name: String, superuser: Bool, bypassesRLS: Bool) {
        try await database.transaction(tenant: nil, step: .operations) { connection in
            guard
                let row = try await connection.rows(
                    "SELECT rolname, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user", logger: database.logger
                ).first
            else { throw PostgresStorageError.unsafeRole("the connected role is not in pg_roles") }
            return (try row["rolname"], try row["rolsuper"], try row["rolbypassrls"])
        }
    }

    /// Tenant tables that lack ENABLE or FORCE row-level security (an owner can turn either off).
    static func tablesWithoutForcedRLS(in database: PostgresPool) async throws -> [String] {
        try await database.transaction(tenant: nil, step: .operations) { connection in
            try await connection.rows(
                """
                SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname = ANY(:tables)
                  AND NOT (c.relrowsecurity AND c.relforcerowsecurity)
                ORDER BY c.relname
                """, ["tables": PostgresMigrations.tenantTables], logger: database.logger
            ).map { try $0["relname"] }
        }
    }

    /// Applies the migrations not yet recorded in `schema_migrations`, in one transaction, under an
    /// advisory lock so that instances starting together apply each exactly once. The versions applied.
    static func migrate(in database: PostgresPool) async throws -> [String] {
        let logger = database.logger
        return try await database.transaction(tenant: nil, step: .operations) { connection in
            try await connection.run("SELECT pg_advisory_xact_lock(hashtext('leora-portal migrations'))", logger: logger)
            try await connection.run(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
                logger: logger)
            let applied = Set(try await connection.rows("SELECT version FROM schema_migrations", logger: logger).map { try $0["version"] as String })
            var done: [String] = []
            for migration in PostgresMigrations.all where !applied.contains(migration.version) {
                for statement in migration.statements {
                    try await connection.perform(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                if !migration.perTenant.isEmpty {
                    try await runPerTenant(migration.perTenant, on: connection, logger: logger)
                }
                try await connection.run("INSERT INTO schema_migrations (version) VALUES (:version)", ["version": migration.version], logger: logger)
                done.append(migration.version)
            }
            return done
        }
    }
}

extension CrossTenant {
    /// A migration's per-tenant statements, run as each tenant in turn within the migration's transaction: the
    /// tenants listed as the `seed` step lists them, then `app.tenant_id` set to each (row-level security stays
    /// on throughout), then the transaction's own settings again.
    fileprivate static func runPerTenant(_ statements: [String], on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.perform(
            "SELECT set_config('app.tenant_id', '', true), set_config('app.cross_tenant', \(Step.seed.rawValue), true)", logger: logger)
        let tenants: [String] = try await connection.rows("SELECT id FROM tenants ORDER BY id", logger: logger).map { try $0["id"] }
        for tenant in tenants {
            try await connection.perform(
                "SELECT set_config('app.tenant_id', \(tenant), true), set_config('app.cross_tenant', '', true)", logger: logger)
            for statement in statements {
                try await connection.run(statement, ["tenant": tenant], logger: logger)
            }
        }
        try await connection.perform(
            "SELECT set_config('app.tenant_id', '', true), set_config('app.cross_tenant', \(Step.operations.rawValue), true)",
            logger: logger)
    }
}

extension UserAccount {
    init(row: SQLRow) throws {
        self.init(
            id: try row["id"], tenantId: try row["tenant_id"], email: try row["email"], name: try row["name"], roles: try row["roles"],
            passwordHash: try row["password_hash"], lastLoginAt: try row["last_login_at"])
    }
}

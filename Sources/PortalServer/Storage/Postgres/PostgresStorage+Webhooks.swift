import Foundation
import PortalAPI

extension PostgresStorage {
    func webhookSubscriptions(_ scope: TenantScope) async throws -> [WebhookSubscription] {
        try await pool.withTenant(scope) { tenantDB in
            try await tenantDB.rows(
                "SELECT * FROM webhook_subscriptions WHERE tenant_id = :tenant AND deleted_at IS NULL ORDER BY created_at, id COLLATE \"C\""
            ).map { try WebhookSubscription(row: $0, secret: nil) }
        }
    }

    func createWebhookSubscription(_ scope: TenantScope, _ subscription: WebhookSubscription, secret: String) async throws
        -> WebhookSubscription
    {
        try await pool.withTenant(scope) { tenantDB in
            try await tenantDB.execute(
                """
                INSERT INTO webhook_subscriptions (id, tenant_id, event_type, url, secret, active, created_at)
                VALUES (:id, :tenant, :type, :url, :secret, :active, :now)
                """,
                [
                    "id": subscription.id, "type": subscription.eventType, "url": subscription.url, "secret": secret,
                    "active": subscription.active, "now": subscription.createdAt,
                ])
            var created = subscription
            created.secret = secret
            return created
        }
    }

    func webhookSubscriptionCount(_ scope: TenantScope) async throws -> Int {
        try await pool.withTenant(scope) { tenantDB in
            try await tenantDB.int("SELECT COUNT(*) FROM webhook_subscriptions WHERE tenant_id = :tenant AND deleted_at IS NULL")
        }
    }

    func deleteWebhookSubscription(_ scope: TenantScope, id: String, at date: Date) async throws -> Bool {
        try await pool.withTenant(scope) { tenantDB in
            let deleted = try await tenantDB.execute(
                """
                UPDATE webhook_subscriptions SET deleted_at = :now, active = false
                WHERE tenant_id = :tenant AND id = :id AND deleted_at IS NULL RETURNING 1
                """, ["now": date, "id": id])
            guard deleted > 0 else { return false }
            // Nothing will send them now: they end, rather than count in the queue depth forever.
            try await tenantDB.execute(
                """
                UPDATE webhook_deliveries SET status = 'failed_permanent', last_error = 'subscription deleted', next_attempt_at = NULL,
                    lease_until = NULL
                WHERE tenant_id = :tenant AND subscription_id = :id AND status = 'pending'
                """, ["id": id])
            return true
        }
    }

    func webhookDeliveries(_ scope: TenantScope, status: String?, list: ListQuery) async throws -> Page<WebhookDelivery> {
        try await pool.withTenant(scope) { tenantDB in
            var filter = "d.tenant_id = :tenant"
            var arguments: SQLArguments = [:]
            if let status {
                filter += " AND d.status = :status"
                arguments["status"] = status
            }
            let total = try await tenantDB.int("SELECT COUNT(*) FROM webhook_deliveries d WHERE \(filter)", arguments)
            arguments["limit"] = list.limit
            arguments["offset"] = list.offset
            let rows = try await tenantDB.rows(
                """
                SELECT d.*, e.event_type FROM webhook_deliveries d
                JOIN webhook_events e ON e.id = d.event_id AND e.tenant_id = :tenant
                WHERE \(filter) ORDER BY d.created_at DESC, d.id COLLATE "C" DESC LIMIT :limit OFFSET :offset
                """, arguments)
            return Page(rows: try rows.map(WebhookDelivery.init(row:)), total: total)
        }
    }

    // The delivery worker's view crosses tenants: `CrossTenant.Step.delivery`.

    func claimDueDeliveries(at date: Date, leaseUntil: Date, limit: Int, perTenant: Int) async throws -> [DeliveryJob] {
        try await CrossTenant.claimDueDeliveries(at: date, leaseUntil: leaseUntil, limit: limit, perTenant: perTenant, in: pool)
    }

    func recordDeliveryAttempt(_ attempt: DeliveryAttempt) async throws {
        try await CrossTenant.recordDeliveryAttempt(attempt, in: pool)
    }

    /// Within 5 seconds, as the health check reads it.
    func pendingDeliveryCount() async throws -> Int {
        try await Self.within(.seconds(5)) { [pool] in try await CrossTenant.pendingDeliveryCount(in: pool) }
    }

    func recordJobRun(_ result: JobResult, status: String) async throws {
        try await CrossTenant.recordJobRun(result, status: status, in: pool)
    }

    func jobRuns(job: String?, list: ListQuery) async throws -> Page<JobRun> {
        try await CrossTenant.jobRuns(job: job, list: list, in: pool)
    }

    func deleteExpired(_ cutoffs: RetentionCutoffs) async throws -> [String: Int] {
        try await CrossTenant.deleteExpired(cutoffs, in: pool)
    }

    func applyStripeEvent(id: String, type: String, confirmingOrder orderId: String?, at date: Date) async throws -> StripeEventOutcome {
        try await CrossTenant.applyStripeEvent(id: id, type: type, confirmingOrder: orderId, at: date, in: pool)
    }
}

extension PostgresTenantDatabase {
    /// The outbox: records the event and one pending delivery per active subscription to its type, in the
    /// caller's transaction, so the event exists exactly when the change that caused it does.
    func recordEvent(_ type: WebhookEventType, order: Order, previousStatus: String? = nil, at date: Date) async throws {
        let eventId = Identifier.make("evt")
        let data = try JSONBody.encoder.encode(OrderEventData(order: order, previousStatus: previousStatus))
        try await execute(
            "INSERT INTO webhook_events (id, tenant_id, event_type, data, created_at) VALUES (:id, :tenant, :type, :data, :now)",
            ["id": eventId, "type": type.rawValue, "data": data, "now": date])
        try await execute(
            """
            INSERT INTO webhook_deliveries (id, tenant_id, event_id, subscription_id, status, attempts, next_attempt_at, created_at)
            SELECT 'dlv_' || substr(md5(random()::text || s.id), 1, 20), :tenant, :event, s.id, 'pending', 0, :now, :now
            FROM webhook_subscriptions s
            WHERE s.tenant_id = :tenant AND s.event_type = :type AND s.active AND s.deleted_at IS NULL
            ORDER BY s.created_at, s.id COLLATE "C"
            """, ["event": eventId, "type": type.rawValue, "now": date])
    }

    /// Confirms the caller's `pending` order, recording `order.status_changed` in the same transaction.
    func confirmPendingOrder(id: String, at date: Date) async throws -> StripeEventOutcome {
        guard let order = try await self.order(id: id, lock: true) else { return .orderNotFound }
        guard order.status == OrderStatus.pending.rawValue else { return .orderNotPending }
        try await execute(
            "UPDATE orders SET status = 'confirmed', updated_at = :now WHERE tenant_id = :tenant AND id = :id AND status = 'pending'",
            ["now": date, "id": id])
        try await ordersChanged(customerId: order.customer.id, at: date)
        guard let confirmed = try await self.order(id: id) else { return .orderNotFound }
        try await recordEvent(.orderStatusChanged, order: confirmed, previousStatus: order.status, at: date)
        return .confirmed
    }
}

extension WebhookSubscription {
    init(row: SQLRow, secret: String?) throws {
        self.init(
            id: try row["id"], eventType: try row["event_type"], url: try row["url"], active: try row["active"],
            createdAt: try row["created_at"], secret: secret)
    }
}

extension WebhookDelivery {
    init(row: SQLRow) throws {
        self.init(
            id: try row["id"], eventId: try row["event_id"], subscriptionId: try row["subscription_id"], eventType: try row["event_type"],
            status: try row["status"], attempts: try row["attempts"], nextAttemptAt: try row["next_attempt_at"],
            lastStatus: try row["last_status"], lastError: try row["last_error"], createdAt: try row["created_at"])
    }
}

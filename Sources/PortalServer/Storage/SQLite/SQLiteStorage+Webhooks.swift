import Foundation
import GRDB
import PortalAPI

extension SQLiteStorage {
    func webhookSubscriptions(_ scope: TenantScope) async throws -> [WebhookSubscription] {
        try await read(scope) { tenantDB in
            try tenantDB.rows(
                "SELECT * FROM webhook_subscriptions WHERE tenant_id = :tenant AND deleted_at IS NULL ORDER BY created_at, id"
            ).map { WebhookSubscription(row: $0, secret: nil) }
        }
    }

    func createWebhookSubscription(_ scope: TenantScope, _ subscription: WebhookSubscription, secret: String) async throws
        -> WebhookSubscription
    {
        try await write(scope) { tenantDB in
            try tenantDB.execute(
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
        try await read(scope) { tenantDB in
            try tenantDB.int("SELECT COUNT(*) FROM webhook_subscriptions WHERE tenant_id = :tenant AND deleted_at IS NULL", [:])
        }
    }

    func deleteWebhookSubscription(_ scope: TenantScope, id: String, at date: Date) async throws -> Bool {
        try await write(scope) { tenantDB in
            guard try tenantDB.int(
                "SELECT COUNT(*) FROM webhook_subscriptions WHERE tenant_id = :tenant AND id = :id AND deleted_at IS NULL", ["id": id]) > 0
            else { return false }
            try tenantDB.execute(
                "UPDATE webhook_subscriptions SET deleted_at = :now, active = 0 WHERE tenant_id = :tenant AND id = :id", ["now": date, "id": id])
            // Nothing will send them now: they end, rather than count in the queue depth forever.
            try tenantDB.execute(
                """
                UPDATE webhook_deliveries SET status = 'failed_permanent', last_error = 'subscription deleted', next_attempt_at = NULL,
                    lease_until = NULL
                WHERE tenant_id = :tenant AND subscription_id = :id AND status = 'pending'
                """, ["id": id])
            return true
        }
    }

    func webhookDeliveries(_ scope: TenantScope, status: String?, list: ListQuery) async throws -> Page<WebhookDelivery> {
        try await read(scope) { tenantDB in
            var filter = "d.tenant_id = :tenant"
            var arguments: [String: (any DatabaseValueConvertible)?] = [:]
            if let status {
                filter += " AND d.status = :status"
                arguments["status"] = status
            }
            let total = try tenantDB.int("SELECT COUNT(*) FROM webhook_deliveries d WHERE \(filter)", arguments)
            arguments["limit"] = list.limit
            arguments["offset"] = list.offset
            let rows = try tenantDB.rows(
                """
                SELECT d.*, e.event_type FROM webhook_deliveries d
                JOIN webhook_events e ON e.id = d.event_id AND e.tenant_id = :tenant
                WHERE \(filter) ORDER BY d.created_at DESC, d.id DESC LIMIT :limit OFFSET :offset
                """, arguments)
            return Page(rows: rows.map(WebhookDelivery.init(row:)), total: total)
        }
    }
}

extension TenantDatabase {
    /// The outbox: records the event and one pending delivery per active subscription to its type, in the
    /// caller's transaction, so the event exists exactly when the change that caused it does.
    func recordEvent(_ type: WebhookEventType, order: Order, previousStatus: String? = nil, at date: Date) throws {
        let eventId = Identifier.make("evt")
        let data = try JSONBody.encoder.encode(OrderEventData(order: order, previousStatus: previousStatus))
        try execute(
            "INSERT INTO webhook_events (id, tenant_id, event_type, data, created_at) VALUES (:id, :tenant, :type, :data, :now)",
            ["id": eventId, "type": type.rawValue, "data": data, "now": date])
        let subscriptions = try rows(
            """
            SELECT id FROM webhook_subscriptions
            WHERE tenant_id = :tenant AND event_type = :type AND active = 1 AND deleted_at IS NULL
            """, ["type": type.rawValue])
        for subscription in subscriptions {
            try execute(
                """
                INSERT INTO webhook_deliveries (id, tenant_id, event_id, subscription_id, status, attempts, next_attempt_at, created_at)
                VALUES (:id, :tenant, :event, :subscription, 'pending', 0, :now, :now)
                """, ["id": Identifier.make("dlv"), "event": eventId, "subscription": subscription["id"] as String, "now": date])
        }
    }
}

/// The `data` of an order event.
struct OrderEventData: Codable, Sendable {
    var order: Order
    /// For `order.status_changed`.
    var previousStatus: String?
}

extension WebhookSubscription {
    init(row: Row, secret: String?) {
        self.init(
            id: row["id"], eventType: row["event_type"], url: row["url"], active: row["active"], createdAt: row["created_at"], secret: secret)
    }
}

extension WebhookDelivery {
    init(row: Row) {
        self.init(
            id: row["id"], eventId: row["event_id"], subscriptionId: row["subscription_id"], eventType: row["event_type"],
            status: row["status"], attempts: row["attempts"], nextAttemptAt: row["next_attempt_at"], lastStatus: row["last_status"],
            lastError: row["last_error"], createdAt: row["created_at"])
    }
}

import Foundation
import GRDB
import PortalAPI

extension SQLiteStorage {
    func applyStripeEvent(id: String, type: String, confirmingOrder orderId: String?, at date: Date) async throws -> StripeEventOutcome {
        try await writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO stripe_events (id, event_type, order_id, outcome, received_at) VALUES (?, ?, ?, 'received', ?)
                    ON CONFLICT (id) DO NOTHING
                    """, arguments: [id, type, orderId, date])
            guard db.changesCount > 0 else { return .replayed }
            let outcome: StripeEventOutcome
            if let orderId {
                if let owner = try db.ownerOfOrder(id: orderId) {
                    outcome = try TenantDatabase(db: db, scope: owner).confirmPendingOrder(id: orderId, at: date)
                } else {
                    outcome = .orderNotFound
                }
            } else {
                outcome = .ignored
            }
            try db.execute(sql: "UPDATE stripe_events SET outcome = ? WHERE id = ?", arguments: [outcome.rawValue, id])
            return outcome
        }
    }
}

extension Database {
    /// The tenant and user an order belongs to, whichever the tenant: the one deliberate read of a
    /// tenant-owned table without `:tenant`. A Stripe event names an order by the opaque id the portal put
    /// in the payment's metadata, and never a tenant; all that follows runs in a `TenantDatabase` scoped to
    /// the order's own tenant and user. Private to this file so that nothing else can use it.
    fileprivate func ownerOfOrder(id: String) throws -> TenantScope? {
        try Row.fetchOne(self, sql: "SELECT tenant_id, placed_by FROM orders WHERE id = ?", arguments: [id]).map {
            TenantScope(tenantId: $0["tenant_id"], userId: $0["placed_by"])
        }
    }
}

extension TenantDatabase {
    /// Confirms the caller's `pending` order, recording `order.status_changed` in the same transaction.
    func confirmPendingOrder(id: String, at date: Date) throws -> StripeEventOutcome {
        guard let order = try self.order(id: id) else { return .orderNotFound }
        guard order.status == OrderStatus.pending.rawValue else { return .orderNotPending }
        try execute(
            "UPDATE orders SET status = 'confirmed', updated_at = :now WHERE tenant_id = :tenant AND id = :id AND status = 'pending'",
            ["now": date, "id": id])
        try ordersChanged(customerId: order.customer.id, at: date)
        guard let confirmed = try self.order(id: id) else { return .orderNotFound }
        try recordEvent(.orderStatusChanged, order: confirmed, previousStatus: order.status, at: date)
        return .confirmed
    }
}

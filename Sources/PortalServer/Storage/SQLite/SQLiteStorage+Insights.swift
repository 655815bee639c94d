import Foundation
import GRDB
import PortalAPI

extension SQLiteStorage {
    func insightDataset(_ scope: TenantScope, at date: Date) async throws -> InsightDataset {
        try await read(scope) { tenantDB in
            let orders = try tenantDB.insightOrders(
                "o.tenant_id = :tenant AND o.placed_by = :user AND o.created_at <= :now", ["now": date])
            let products = try tenantDB.rows("SELECT id, name, unit_price_cents, active FROM products WHERE tenant_id = :tenant")
                .map { InsightProduct(id: $0["id"], name: $0["name"], unitPriceCents: $0["unit_price_cents"], active: $0["active"]) }
            let customerIds = try tenantDB.rows("SELECT id FROM customers WHERE tenant_id = :tenant").map { $0["id"] as String }
            return InsightDataset(
                orders: orders, products: products, customerIds: Set(customerIds), now: date, currency: tenantDB.tenant.tenant.currency)
        }
    }

    func cachedBriefing(_ scope: TenantScope) async throws -> CachedBriefing? {
        try await read(scope) { tenantDB in
            guard let row = try tenantDB.row("SELECT * FROM briefings WHERE tenant_id = :tenant AND user_id = :user") else {
                return nil
            }
            let payload: Data = row["payload"]
            guard let briefing = try? JSONBody.decoder.decode(AIBriefingOutput.self, from: payload) else { return nil }
            return CachedBriefing(briefing: briefing, generatedAt: row["generated_at"], expiresAt: row["expires_at"])
        }
    }

    func saveBriefing(_ scope: TenantScope, _ briefing: CachedBriefing) async throws {
        let payload = try JSONBody.encoder.encode(briefing.briefing)
        try await write(scope) { tenantDB in
            try tenantDB.execute(
                """
                INSERT OR REPLACE INTO briefings (user_id, tenant_id, payload, generated_at, expires_at)
                VALUES (:user, :tenant, :payload, :generated, :expires)
                """, ["payload": payload, "generated": briefing.generatedAt, "expires": briefing.expiresAt])
        }
    }
}

extension TenantDatabase {
    /// Orders (all users of the tenant unless `filter` says otherwise) with their lines, for the insights engine.
    func insightOrders(_ filter: String, _ arguments: [String: (any DatabaseValueConvertible)?]) throws -> [InsightOrder] {
        let orderRows = try rows(
            """
            SELECT o.id, o.order_number, o.customer_id, c.name AS customer_name, o.created_at, o.status, o.total_cents
            FROM orders o JOIN customers c ON c.id = o.customer_id AND c.tenant_id = :tenant
            WHERE \(filter) ORDER BY o.created_at, o.id
            """, arguments)
        let lineRows = try rows(
            """
            SELECT l.order_id, l.product_id, l.name, l.quantity, l.line_total_cents FROM order_lines l
            JOIN orders o ON o.id = l.order_id AND o.tenant_id = :tenant
            WHERE l.tenant_id = :tenant AND \(filter)
            """, arguments)
        var lines: [String: [InsightOrderLine]] = [:]
        for row in lineRows {
            lines[row["order_id"], default: []].append(
                InsightOrderLine(
                    productId: row["product_id"], productName: row["name"], quantity: row["quantity"],
                    lineTotalCents: row["line_total_cents"]))
        }
        return orderRows.map { row in
            let id: String = row["id"]
            return InsightOrder(
                id: id, orderNumber: row["order_number"], customerId: row["customer_id"], customerName: row["customer_name"],
                createdAt: row["created_at"], status: row["status"], totalCents: row["total_cents"], lines: lines[id] ?? [])
        }
    }

    /// Recomputes a customer's `healthScore` and `lastOrderAt` from every order the tenant has for them.
    func refreshCustomerHealth(customerId: String, at date: Date) throws {
        let orders = try insightOrders("o.tenant_id = :tenant AND o.customer_id = :customer", ["customer": customerId])
        let health = InsightsEngine.health(ofCustomerOrders: orders, now: date)
        try execute(
            "UPDATE customers SET health_score = :score, last_order_at = :last WHERE tenant_id = :tenant AND id = :customer",
            ["score": health.score, "last": health.lastOrderAt, "customer": customerId])
    }
}

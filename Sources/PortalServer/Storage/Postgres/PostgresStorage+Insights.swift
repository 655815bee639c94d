import Foundation
import PortalAPI

extension PostgresStorage {
    func insightDataset(_ scope: TenantScope, at date: Date) async throws -> InsightDataset {
        try await pool.withTenant(scope) { tenantDB in
            let orders = try await tenantDB.insightOrders(
                "o.tenant_id = :tenant AND o.placed_by = :user AND o.created_at <= :now", ["now": date])
            let products = try await tenantDB.rows("SELECT id, name, unit_price_cents, active FROM products WHERE tenant_id = :tenant")
                .map {
                    InsightProduct(id: try $0["id"], name: try $0["name"], unitPriceCents: try $0["unit_price_cents"], active: try $0["active"])
                }
            let customerIds: [String] = try await tenantDB.rows("SELECT id FROM customers WHERE tenant_id = :tenant").map { try $0["id"] }
            return InsightDataset(
                orders: orders, products: products, customerIds: Set(customerIds), now: date, currency: tenantDB.tenant.tenant.currency)
        }
    }

    func cachedBriefing(_ scope: TenantScope) async throws -> CachedBriefing? {
        try await pool.withTenant(scope) { tenantDB in
            guard let row = try await tenantDB.row("SELECT * FROM briefings WHERE tenant_id = :tenant AND user_id = :user") else {
                return nil
            }
            let payload: Data = try row["payload"]
            guard let briefing = try? JSONBody.decoder.decode(AIBriefingOutput.self, from: payload) else { return nil }
            return CachedBriefing(briefing: briefing, generatedAt: try row["generated_at"], expiresAt: try row["expires_at"])
        }
    }

    func saveBriefing(_ scope: TenantScope, _ briefing: CachedBriefing) async throws {
        let payload = try JSONBody.encoder.encode(briefing.briefing)
        try await pool.withTenant(scope) { tenantDB in
            try await tenantDB.execute(
                """
                INSERT INTO briefings (user_id, tenant_id, payload, generated_at, expires_at)
                VALUES (:user, :tenant, :payload, :generated, :expires)
                ON CONFLICT (user_id) DO UPDATE SET tenant_id = excluded.tenant_id, payload = excluded.payload,
                    generated_at = excluded.generated_at, expires_at = excluded.expires_at
                """, ["payload": payload, "generated": briefing.generatedAt, "expires": briefing.expiresAt])
        }
    }
}

extension PostgresTenantDatabase {
    /// Orders (all users of the tenant unless `filter` says otherwise) with their lines, for the insights engine.
    func insightOrders(_ filter: String, _ arguments: SQLArguments) async throws -> [InsightOrder] {
        let orderRows = try await rows(
            """
            SELECT o.id, o.order_number, o.customer_id, c.name AS customer_name, o.created_at, o.status, o.total_cents
            FROM orders o JOIN customers c ON c.id = o.customer_id AND c.tenant_id = :tenant
            WHERE \(filter) ORDER BY o.created_at, o.id COLLATE "C"
            """, arguments)
        let lineRows = try await rows(
            """
            SELECT l.order_id, l.product_id, l.name, l.quantity, l.line_total_cents FROM order_lines l
            JOIN orders o ON o.id = l.order_id AND o.tenant_id = :tenant
            WHERE l.tenant_id = :tenant AND \(filter)
            ORDER BY l.order_id, l.position
            """, arguments)
        var lines: [String: [InsightOrderLine]] = [:]
        for row in lineRows {
            lines[try row["order_id"], default: []].append(
                InsightOrderLine(
                    productId: try row["product_id"], productName: try row["name"], quantity: try row["quantity"],
                    lineTotalCents: try row["line_total_cents"]))
        }
        return try orderRows.map { row in
            let id: String = try row["id"]
            return InsightOrder(
                id: id, orderNumber: try row["order_number"], customerId: try row["customer_id"], customerName: try row["customer_name"],
                createdAt: try row["created_at"], status: try row["status"], totalCents: try row["total_cents"], lines: lines[id] ?? [])
        }
    }

    /// Recomputes a customer's `healthScore` and `lastOrderAt` from every order the tenant has for them.
    func refreshCustomerHealth(customerId: String, at date: Date) async throws {
        let orders = try await insightOrders("o.tenant_id = :tenant AND o.customer_id = :customer", ["customer": customerId])
        let health = InsightsEngine.health(ofCustomerOrders: orders, now: date)
        try await execute(
            "UPDATE customers SET health_score = :score, last_order_at = :last WHERE tenant_id = :tenant AND id = :customer",
            ["score": health.score, "last": health.lastOrderAt, "customer": customerId])
    }
}

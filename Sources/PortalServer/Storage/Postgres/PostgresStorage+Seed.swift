import Foundation
import PortalAPI
import PostgresNIO

extension PostgresStorage {
    /// Loads `dataset` unless the database already has tenants; each tenant in a transaction of its own
    /// (`withNewTenant`: row-level security checks every row written). Returns whether it loaded.
    func load(_ dataset: SeedDataset, passwordHash: String, at date: Date) async throws -> Bool {
        guard try await !CrossTenant.hasTenants(in: pool) else { return false }
        let products = Dictionary(uniqueKeysWithValues: dataset.products.map { ($0.id, $0) })
        let customerNames = Dictionary(uniqueKeysWithValues: dataset.customers.map { ($0.id, $0.name) })
        for tenant in dataset.tenants {
            let orders = dataset.orders.filter { $0.tenantId == tenant.id }
            let numbers = orders.map(\.orderNumber)
            let prefix = numbers.first?.split(separator: "-").first.map(String.init) ?? tenant.slug.prefix(2).uppercased()
            let next = (numbers.compactMap { $0.split(separator: "-").last.flatMap { Int($0) } }.max() ?? 10_000) + 1
            let customers = dataset.customers.filter { $0.tenantId == tenant.id }
            var orderRows: [[String: Any]] = []
            var lineRows: [[String: Any]] = []
            var insightOrders: [String: [InsightOrder]] = [:]
            for order in orders {
                let subtotal = order.lines.reduce(0) { $0 + $1.unitPriceCents * $1.quantity }
                let tax = (subtotal * tenant.taxRateBasisPoints + 5_000) / 10_000
                orderRows.append([
                    "id": order.id, "tenant_id": order.tenantId, "order_number": order.orderNumber, "customer_id": order.customerId,
                    "placed_by": order.placedBy, "status": order.status, "notes": order.notes ?? NSNull(),
                    "item_count": order.lines.reduce(0) { $0 + $1.quantity }, "subtotal_cents": subtotal, "tax_cents": tax,
                    "total_cents": subtotal + tax, "created_at": PostgresTenantLoader.timestamp(order.createdAt),
                    "updated_at": PostgresTenantLoader.timestamp(order.updatedAt),
                ])
                var lines: [InsightOrderLine] = []
                for (position, line) in order.lines.enumerated() {
                    let product = products[line.productId]
                    lineRows.append([
                        "id": line.id, "tenant_id": order.tenantId, "order_id": order.id, "position": position, "product_id": line.productId,
                        "sku": product?.sku ?? "", "name": product?.name ?? "", "quantity": line.quantity,
                        "unit_price_cents": line.unitPriceCents, "line_total_cents": line.unitPriceCents * line.quantity,
                    ])
                    lines.append(
                        InsightOrderLine(
                            productId: line.productId, productName: product?.name ?? "", quantity: line.quantity,
                            lineTotalCents: line.unitPriceCents * line.quantity))
                }
                insightOrders[order.customerId, default: []].append(
                    InsightOrder(
                        id: order.id, orderNumber: order.orderNumber, customerId: order.customerId,
                        customerName: customerNames[order.customerId] ?? "", createdAt: order.createdAt, status: order.status,
                        totalCents: subtotal + tax, lines: lines))
            }
            // Health as `refreshCustomerHealth` computes it from the same orders, without reading them back.
            let health: [[String: Any]] = customers.map { customer in
                let ordersOfCustomer = (insightOrders[customer.id] ?? []).sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
                let health = InsightsEngine.health(ofCustomerOrders: ordersOfCustomer, now: date)
                return [
                    "id": customer.id, "tenant_id": customer.tenantId, "health_score": health.score,
                    "last_order_at": health.lastOrderAt.map(PostgresTenantLoader.timestamp) ?? NSNull(),
                ]
            }
            try await pool.withNewTenant(tenant.id) { loader in
                try await loader.insert(
                    into: "tenants",
                    [
                        [
                            "id": tenant.id, "slug": tenant.slug, "name": tenant.name, "currency": tenant.currency, "timezone": tenant.timezone,
                            "tax_rate_bp": tenant.taxRateBasisPoints, "order_prefix": prefix,
                        ]
                    ])
                try await loader.insert(into: "order_counters", [["tenant_id": tenant.id, "next_number": next]])
                try await loader.insert(
                    into: "users",
                    dataset.users.filter { $0.tenantId == tenant.id }.map {
                        [
                            "id": $0.id, "tenant_id": $0.tenantId, "email": $0.email.lowercased(), "name": $0.name, "roles": $0.roles,
                            "password_hash": passwordHash,
                        ]
                    })
                try await loader.insert(
                    into: "products",
                    dataset.products.filter { $0.tenantId == tenant.id }.map {
                        [
                            "id": $0.id, "tenant_id": $0.tenantId, "sku": $0.sku, "name": $0.name, "name_key": $0.name.lowercased(),
                            "brand": $0.brand, "category": $0.category, "description": $0.description, "unit_price_cents": $0.unitPriceCents,
                            "unit": $0.unit, "pack_size": $0.packSize, "active": $0.active, "on_hand": $0.onHand, "reserved": $0.reserved,
                            "inventory_updated_at": PostgresTenantLoader.timestamp(date),
                        ]
                    })
                try await loader.insert(
                    into: "customers",
                    customers.map {
                        [
                            "id": $0.id, "tenant_id": $0.tenantId, "name": $0.name, "name_key": $0.name.lowercased(),
                            "account_number": $0.accountNumber, "city": $0.city, "health_score": 50,
                        ]
                    })
                try await loader.insert(into: "orders", orderRows)
                try await loader.insert(into: "order_lines", lineRows)
                try await loader.updateCustomerHealth(health)
            }
        }
        return true
    }
}

/// Writes one tenant's rows in bulk (seeding), inside `PostgresPool.withNewTenant`: each table's rows as one
/// JSON parameter, expanded by `jsonb_populate_recordset`. Like `PostgresTenantDatabase`'s `:tenant` guard,
/// it refuses a row whose tenant column is not that tenant (and row-level security would refuse it too).
struct PostgresTenantLoader {
    let connection: PostgresConnection
    let tenantId: String
    let logger: Logger

    /// Inserts `rows` (column name to value: text, integers, booleans, text arrays, `timestamp(_:)` strings,
    /// `NSNull`), ten thousand rows a statement.
    func insert(into table: String, _ rows: [[String: Any]]) async throws {
        let tenantColumn = table == "tenants" ? "id" : "tenant_id"
        for row in rows { precondition(row[tenantColumn] as? String == tenantId, "a \(table) row of another tenant") }
        guard let columns = rows.first?.keys.sorted() else { return }
        var start = 0
        while start < rows.count {
            let chunk = Array(rows[start..<min(rows.count, start + 10_000)])
            let json = String(decoding: try JSONSerialization.data(withJSONObject: chunk), as: UTF8.self)
            let list = columns.joined(separator: ", ")
            try await connection.perform(
                PostgresQuery(
                    unsafeSQL: "INSERT INTO \(table) (\(list)) SELECT \(list) FROM jsonb_populate_recordset(NULL::\(table), $1::jsonb)",
                    binds: { var binds = PostgresBindings(); binds.append(json); return binds }()),
                logger: logger)
            start += chunk.count
        }
    }

    /// Sets each customer's `health_score` and `last_order_at`.
    func updateCustomerHealth(_ rows: [[String: Any]]) async throws {
        for row in rows { precondition(row["tenant_id"] as? String == tenantId, "a customer of another tenant") }
        let json = String(decoding: try JSONSerialization.data(withJSONObject: rows), as: UTF8.self)
        try await connection.perform(
            """
            UPDATE customers c SET health_score = x.health_score, last_order_at = x.last_order_at
            FROM jsonb_populate_recordset(NULL::customers, \(json)::jsonb) x
            WHERE c.tenant_id = x.tenant_id AND c.id = x.id
            """, logger: logger)
    }

    /// A timestamp as PostgreSQL reads it from JSON: UTC, microseconds.
    static func timestamp(_ date: Date) -> String {
        let microseconds = Int64((date.timeIntervalSince1970 * 1_000_000).rounded(.towardZero))
        var seconds = time_t(microseconds / 1_000_000)
        var fraction = microseconds % 1_000_000
        if fraction < 0 {
            seconds -= 1
            fraction += 1_000_000
        }
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%06lldZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
            Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), fraction)
    }
}

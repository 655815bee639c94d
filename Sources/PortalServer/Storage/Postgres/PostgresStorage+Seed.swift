import Foundation
import PortalAPI
import PostgresNIO

extension PostgresStorage {
    /// Loads `dataset` unless the database already has tenants; each tenant in a transaction of its own
    /// (`withNewTenant`: row-level security checks every row written). Returns whether it loaded.
    func load(_ dataset: SeedDataset, passwordHash: String, at date: Date) async throws -> Bool {
        guard try await !CrossTenant.hasTenants(in: pool) else { return false }
        let products = Dictionary(uniqueKeysWithValues: dataset.products.map { ($0.id, $0) })
        for tenant in dataset.tenants {
            let orders = dataset.orders.filter { $0.tenantId == tenant.id }
            let numbers = orders.map(\.orderNumber)
            let prefix = numbers.first?.split(separator: "-").first.map(String.init) ?? tenant.slug.prefix(2).uppercased()
            let next = (numbers.compactMap { $0.split(separator: "-").last.flatMap { Int($0) } }.max() ?? 10_000) + 1
            try await pool.withNewTenant(tenant.id) { loader in
                try await loader.insert(
                    into: "tenants", ["id", "slug", "name", "currency", "timezone", "tax_rate_bp", "order_prefix"],
                    [[tenant.id, tenant.slug, tenant.name, tenant.currency, tenant.timezone, tenant.taxRateBasisPoints, prefix]])
                try await loader.insert(into: "order_counters", ["tenant_id", "next_number"], [[tenant.id, next]])
                try await loader.insert(
                    into: "users", ["id", "tenant_id", "email", "name", "roles", "password_hash"],
                    dataset.users.filter { $0.tenantId == tenant.id }.map {
                        [$0.id, $0.tenantId, $0.email.lowercased(), $0.name, $0.roles, passwordHash]
                    })
                try await loader.insert(
                    into: "products",
                    [
                        "id", "tenant_id", "sku", "name", "name_key", "brand", "category", "description", "unit_price_cents", "unit",
                        "pack_size", "active", "on_hand", "reserved", "inventory_updated_at",
                    ],
                    dataset.products.filter { $0.tenantId == tenant.id }.map {
                        [
                            $0.id, $0.tenantId, $0.sku, $0.name, $0.name.lowercased(), $0.brand, $0.category, $0.description, $0.unitPriceCents,
                            $0.unit, $0.packSize, $0.active, $0.onHand, $0.reserved, date,
                        ]
                    })
                let customers = dataset.customers.filter { $0.tenantId == tenant.id }
                try await loader.insert(
                    into: "customers", ["id", "tenant_id", "name", "name_key", "account_number", "city"],
                    customers.map { [$0.id, $0.tenantId, $0.name, $0.name.lowercased(), $0.accountNumber, $0.city] })
                var orderRows: [[(any PostgresThrowingDynamicTypeEncodable)?]] = []
                var lineRows: [[(any PostgresThrowingDynamicTypeEncodable)?]] = []
                for order in orders {
                    let subtotal = order.lines.reduce(0) { $0 + $1.unitPriceCents * $1.quantity }
                    let tax = (subtotal * tenant.taxRateBasisPoints + 5_000) / 10_000
                    orderRows.append([
                        order.id, order.tenantId, order.orderNumber, order.customerId, order.placedBy, order.status, order.notes,
                        order.lines.reduce(0) { $0 + $1.quantity }, subtotal, tax, subtotal + tax, order.createdAt, order.updatedAt,
                    ])
                    for (position, line) in order.lines.enumerated() {
                        let product = products[line.productId]
                        lineRows.append([
                            line.id, order.tenantId, order.id, position, line.productId, product?.sku ?? "", product?.name ?? "",
                            line.quantity, line.unitPriceCents, line.unitPriceCents * line.quantity,
                        ])
                    }
                }
                try await loader.insert(
                    into: "orders",
                    [
                        "id", "tenant_id", "order_number", "customer_id", "placed_by", "status", "notes", "item_count", "subtotal_cents",
                        "tax_cents", "total_cents", "created_at", "updated_at",
                    ], orderRows)
                try await loader.insert(
                    into: "order_lines",
                    ["id", "tenant_id", "order_id", "position", "product_id", "sku", "name", "quantity", "unit_price_cents", "line_total_cents"],
                    lineRows)
                let tenantDB = try await loader.tenantDatabase()
                for customer in customers {
                    try await tenantDB.refreshCustomerHealth(customerId: customer.id, at: date)
                }
            }
        }
        return true
    }
}

/// Writes one tenant's rows in bulk (seeding), inside `PostgresPool.withNewTenant`. Like
/// `PostgresTenantDatabase`'s `:tenant` guard, it refuses a row whose tenant column is not that tenant.
struct PostgresTenantLoader {
    let connection: PostgresConnection
    let tenantId: String
    let logger: Logger

    /// Inserts `rows` (values in `columns`' order), a thousand rows a statement.
    func insert(into table: String, _ columns: [String], _ rows: [[(any PostgresThrowingDynamicTypeEncodable)?]]) async throws {
        let tenantColumn = table == "tenants" ? "id" : "tenant_id"
        guard let tenantIndex = columns.firstIndex(of: tenantColumn) else { preconditionFailure("\(table) rows must carry \(tenantColumn)") }
        var start = 0
        while start < rows.count {
            let chunk = rows[start..<min(rows.count, start + 1_000)]
            var bindings = PostgresBindings(capacity: chunk.count * columns.count)
            var tuples: [String] = []
            for row in chunk {
                precondition(row.count == columns.count, "a \(table) row has \(row.count) values for \(columns.count) columns")
                precondition((row[tenantIndex] as? String) == tenantId, "a \(table) row of another tenant")
                let first = bindings.count + 1
                tuples.append("(" + (first..<(first + row.count)).map { "$\($0)" }.joined(separator: ", ") + ")")
                for value in row {
                    if let value { try bindings.append(value) } else { bindings.appendNull() }
                }
            }
            let sql = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES \(tuples.joined(separator: ", "))"
            try await connection.perform(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger)
            start += chunk.count
        }
    }

    /// The tenant's database, once its `tenants` row is written.
    func tenantDatabase() async throws -> PostgresTenantDatabase {
        try await PostgresTenantDatabase(connection: connection, scope: TenantScope(tenantId: tenantId, userId: ""), logger: logger)
    }
}

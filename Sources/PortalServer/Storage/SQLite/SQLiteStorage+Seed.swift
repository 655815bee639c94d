import Foundation
import GRDB
import PortalAPI

extension SQLiteStorage {
    /// Loads `dataset` in one transaction, unless the database already has tenants. Returns whether it loaded.
    func load(_ dataset: SeedDataset, passwordHash: String, at date: Date) async throws -> Bool {
        try await writer.write { db in
            guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM tenants") == 0 else { return false }
            for tenant in dataset.tenants {
                let numbers = dataset.orders.filter { $0.tenantId == tenant.id }.map(\.orderNumber)
                let prefix = numbers.first?.split(separator: "-").first.map(String.init) ?? tenant.slug.prefix(2).uppercased()
                let next = (numbers.compactMap { $0.split(separator: "-").last.flatMap { Int($0) } }.max() ?? 10_000) + 1
                try db.execute(
                    sql: "INSERT INTO tenants (id, slug, name, currency, timezone, tax_rate_bp, order_prefix) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    arguments: [tenant.id, tenant.slug, tenant.name, tenant.currency, tenant.timezone, tenant.taxRateBasisPoints, prefix])
                try db.execute(sql: "INSERT INTO order_counters (tenant_id, next_number) VALUES (?, ?)", arguments: [tenant.id, next])
            }
            for user in dataset.users {
                let roles = String(decoding: try JSONEncoder().encode(user.roles), as: UTF8.self)
                try db.execute(
                    sql: "INSERT INTO users (id, tenant_id, email, name, roles, password_hash) VALUES (?, ?, ?, ?, ?, ?)",
                    arguments: [user.id, user.tenantId, user.email.lowercased(), user.name, roles, passwordHash])
            }
            for product in dataset.products {
                try db.execute(
                    sql: """
                        INSERT INTO products (id, tenant_id, sku, name, name_key, brand, category, description, unit_price_cents,
                            unit, pack_size, active, on_hand, reserved, inventory_updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        product.id, product.tenantId, product.sku, product.name, product.name.lowercased(), product.brand,
                        product.category, product.description, product.unitPriceCents, product.unit, product.packSize,
                        product.active, product.onHand, product.reserved, date,
                    ])
            }
            for customer in dataset.customers {
                try db.execute(
                    sql: "INSERT INTO customers (id, tenant_id, name, name_key, account_number, city) VALUES (?, ?, ?, ?, ?, ?)",
                    arguments: [customer.id, customer.tenantId, customer.name, customer.name.lowercased(), customer.accountNumber, customer.city])
            }
            let taxRates = Dictionary(uniqueKeysWithValues: dataset.tenants.map { ($0.id, $0.taxRateBasisPoints) })
            let products = Dictionary(uniqueKeysWithValues: dataset.products.map { ($0.id, $0) })
            let insertOrder = try db.makeStatement(
                sql: """
                    INSERT INTO orders (id, tenant_id, order_number, customer_id, placed_by, status, notes, item_count,
                        subtotal_cents, tax_cents, total_cents, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            let insertLine = try db.makeStatement(
                sql: """
                    INSERT INTO order_lines (id, tenant_id, order_id, position, product_id, sku, name, quantity,
                        unit_price_cents, line_total_cents)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            for order in dataset.orders {
                let subtotal = order.lines.reduce(0) { $0 + $1.unitPriceCents * $1.quantity }
                let tax = (subtotal * (taxRates[order.tenantId] ?? 0) + 5_000) / 10_000
                try insertOrder.execute(arguments: [
                    order.id, order.tenantId, order.orderNumber, order.customerId, order.placedBy, order.status, order.notes,
                    order.lines.reduce(0) { $0 + $1.quantity }, subtotal, tax, subtotal + tax, order.createdAt, order.updatedAt,
                ])
                for (position, line) in order.lines.enumerated() {
                    let product = products[line.productId]
                    try insertLine.execute(arguments: [
                        line.id, order.tenantId, order.id, position, line.productId, product?.sku ?? "", product?.name ?? "",
                        line.quantity, line.unitPriceCents, line.unitPriceCents * line.quantity,
                    ])
                }
            }
            for customer in dataset.customers {
                let tenantDB = try TenantDatabase(db: db, scope: TenantScope(tenantId: customer.tenantId, userId: ""))
                try tenantDB.refreshCustomerHealth(customerId: customer.id, at: date)
            }
            return true
        }
    }
}

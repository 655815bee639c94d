import Foundation
import PortalAPI

extension PostgresStorage {
    func products(_ scope: TenantScope, _ query: ProductQuery) async throws -> Page<Product> {
        try await pool.withTenant(scope) { tenantDB in
            var filter = "p.tenant_id = :tenant"
            var arguments: SQLArguments = [:]
            if let text = query.text?.lowercased() {
                filter += " AND (strpos(p.name_key, :text) > 0 OR strpos(lower(p.brand), :text) > 0 OR strpos(lower(p.sku), :text) > 0)"
                arguments["text"] = text
            }
            if let category = query.category {
                filter += " AND lower(p.category) = :category"
                arguments["category"] = category.lowercased()
            }
            let total = try await tenantDB.int("SELECT COUNT(*) FROM products p WHERE \(filter)", arguments)
            arguments["limit"] = query.list.limit
            arguments["offset"] = query.list.offset
            let rows = try await tenantDB.rows(
                "SELECT p.* FROM products p WHERE \(filter) ORDER BY p.name_key COLLATE \"C\", p.id COLLATE \"C\" LIMIT :limit OFFSET :offset", arguments)
            return Page(rows: try rows.map { try Product(row: $0, currency: tenantDB.tenant.tenant.currency) }, total: total)
        }
    }

    func product(_ scope: TenantScope, id: String) async throws -> Product? {
        try await pool.withTenant(scope) { tenantDB in try await tenantDB.product(id: id) }
    }

    func inventory(_ scope: TenantScope, productIds: [String]) async throws -> [Inventory] {
        try await pool.withTenant(scope) { tenantDB in
            try await tenantDB.rows(
                "SELECT * FROM products WHERE tenant_id = :tenant AND id = ANY(:ids) ORDER BY id COLLATE \"C\"", ["ids": productIds]
            ).map(Inventory.init(row:))
        }
    }

    func customers(_ scope: TenantScope, _ query: CustomerQuery) async throws -> Page<Customer> {
        try await pool.withTenant(scope) { tenantDB in
            var filter = "tenant_id = :tenant"
            var arguments: SQLArguments = [:]
            if let text = query.text?.lowercased() {
                filter += " AND (strpos(name_key, :text) > 0 OR strpos(lower(account_number), :text) > 0 OR strpos(lower(city), :text) > 0)"
                arguments["text"] = text
            }
            let total = try await tenantDB.int("SELECT COUNT(*) FROM customers WHERE \(filter)", arguments)
            arguments["limit"] = query.list.limit
            arguments["offset"] = query.list.offset
            let rows = try await tenantDB.rows(
                "SELECT * FROM customers WHERE \(filter) ORDER BY name_key COLLATE \"C\", id COLLATE \"C\" LIMIT :limit OFFSET :offset", arguments)
            return Page(rows: try rows.map(Customer.init(row:)), total: total)
        }
    }

    func customer(_ scope: TenantScope, id: String) async throws -> Customer? {
        try await pool.withTenant(scope) { tenantDB in
            try await tenantDB.row("SELECT * FROM customers WHERE tenant_id = :tenant AND id = :id", ["id": id]).map(Customer.init(row:))
        }
    }
}

extension PostgresTenantDatabase {
    func product(id: String) async throws -> Product? {
        try await row("SELECT * FROM products WHERE tenant_id = :tenant AND id = :id", ["id": id])
            .map { try Product(row: $0, currency: tenant.tenant.currency) }
    }

    /// The products, locked until the transaction ends (in id order, so two orders never wait on each other
    /// crosswise), with their stock as it is now: what checkout and order placement decide on.
    func lockedProducts(ids: [String]) async throws -> [String: Product] {
        let rows = try await rows(
            "SELECT * FROM products WHERE tenant_id = :tenant AND id = ANY(:ids) ORDER BY id COLLATE \"C\" FOR UPDATE", ["ids": Array(Set(ids))])
        var products: [String: Product] = [:]
        for row in rows {
            let product = try Product(row: row, currency: tenant.tenant.currency)
            products[product.id] = product
        }
        return products
    }
}

extension Product {
    init(row: SQLRow, currency: String) throws {
        self.init(
            id: try row["id"], sku: try row["sku"], name: try row["name"], brand: try row["brand"], category: try row["category"],
            description: try row["description"], unitPriceCents: try row["unit_price_cents"], currency: currency,
            unit: try row["unit"], packSize: try row["pack_size"], active: try row["active"], inventory: try Inventory(row: row))
    }
}

extension Inventory {
    /// From a `products` row; `available` is 0 for an inactive product.
    init(row: SQLRow) throws {
        let onHand: Int = try row["on_hand"]
        let reserved: Int = try row["reserved"]
        let active: Bool = try row["active"]
        self.init(
            productId: try row["id"], onHand: onHand, reserved: reserved,
            available: active ? max(0, onHand - reserved) : 0, updatedAt: try row["inventory_updated_at"])
    }
}

extension Customer {
    init(row: SQLRow) throws {
        self.init(
            id: try row["id"], name: try row["name"], accountNumber: try row["account_number"], city: try row["city"],
            healthScore: try row["health_score"], lastOrderAt: try row["last_order_at"])
    }
}

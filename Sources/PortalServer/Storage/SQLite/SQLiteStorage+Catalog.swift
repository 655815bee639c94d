import Foundation
import GRDB
import PortalAPI

extension SQLiteStorage {
    func products(_ scope: TenantScope, _ query: ProductQuery) async throws -> Page<Product> {
        try await read(scope) { tenantDB in
            var filter = "p.tenant_id = :tenant"
            var arguments: [String: (any DatabaseValueConvertible)?] = [:]
            if let text = query.text?.lowercased() {
                filter += " AND (instr(p.name_key, :text) > 0 OR instr(lower(p.brand), :text) > 0 OR instr(lower(p.sku), :text) > 0)"
                arguments["text"] = text
            }
            if let category = query.category {
                filter += " AND lower(p.category) = :category"
                arguments["category"] = category.lowercased()
            }
            let total = try tenantDB.int("SELECT COUNT(*) FROM products p WHERE \(filter)", arguments)
            arguments["limit"] = query.list.limit
            arguments["offset"] = query.list.offset
            let rows = try tenantDB.rows(
                "SELECT p.* FROM products p WHERE \(filter) ORDER BY p.name_key, p.id LIMIT :limit OFFSET :offset", arguments)
            return Page(rows: rows.map { Product(row: $0, currency: tenantDB.tenant.tenant.currency) }, total: total)
        }
    }

    func product(_ scope: TenantScope, id: String) async throws -> Product? {
        try await read(scope) { tenantDB in try tenantDB.product(id: id) }
    }

    func inventory(_ scope: TenantScope, productIds: [String]) async throws -> [Inventory] {
        try await read(scope) { tenantDB in
            var arguments: [String: (any DatabaseValueConvertible)?] = [:]
            var placeholders: [String] = []
            for (index, id) in productIds.enumerated() {
                arguments["id\(index)"] = id
                placeholders.append(":id\(index)")
            }
            let rows = try tenantDB.rows(
                "SELECT * FROM products WHERE tenant_id = :tenant AND id IN (\(placeholders.joined(separator: ","))) ORDER BY id",
                arguments)
            return rows.map(Inventory.init(row:))
        }
    }

    func customers(_ scope: TenantScope, _ query: CustomerQuery) async throws -> Page<Customer> {
        try await read(scope) { tenantDB in
            var filter = "tenant_id = :tenant"
            var arguments: [String: (any DatabaseValueConvertible)?] = [:]
            if let text = query.text?.lowercased() {
                filter += " AND (instr(name_key, :text) > 0 OR instr(lower(account_number), :text) > 0 OR instr(lower(city), :text) > 0)"
                arguments["text"] = text
            }
            let total = try tenantDB.int("SELECT COUNT(*) FROM customers WHERE \(filter)", arguments)
            arguments["limit"] = query.list.limit
            arguments["offset"] = query.list.offset
            let rows = try tenantDB.rows(
                "SELECT * FROM customers WHERE \(filter) ORDER BY name_key, id LIMIT :limit OFFSET :offset", arguments)
            return Page(rows: rows.map(Customer.init(row:)), total: total)
        }
    }

    func customer(_ scope: TenantScope, id: String) async throws -> Customer? {
        try await read(scope) { tenantDB in
            try tenantDB.row("SELECT * FROM customers WHERE tenant_id = :tenant AND id = :id", ["id": id]).map(Customer.init(row:))
        }
    }
}

extension TenantDatabase {
    func product(id: String) throws -> Product? {
        try row("SELECT * FROM products WHERE tenant_id = :tenant AND id = :id", ["id": id])
            .map { Product(row: $0, currency: tenant.tenant.currency) }
    }
}

extension Product {
    init(row: Row, currency: String) {
        self.init(
            id: row["id"], sku: row["sku"], name: row["name"], brand: row["brand"], category: row["category"],
            description: row["description"], unitPriceCents: row["unit_price_cents"], currency: currency,
            unit: row["unit"], packSize: row["pack_size"], active: row["active"], inventory: Inventory(row: row))
    }
}

extension Inventory {
    /// From a `products` row; `available` is 0 for an inactive product.
    init(row: Row) {
        let onHand: Int = row["on_hand"]
        let reserved: Int = row["reserved"]
        let active: Bool = row["active"]
        self.init(
            productId: row["id"], onHand: onHand, reserved: reserved,
            available: active ? max(0, onHand - reserved) : 0, updatedAt: row["inventory_updated_at"])
    }
}

extension Customer {
    init(row: Row) {
        self.init(
            id: row["id"], name: row["name"], accountNumber: row["account_number"], city: row["city"],
            healthScore: row["health_score"], lastOrderAt: row["last_order_at"])
    }
}

import Foundation
import PortalAPI

extension PostgresStorage {
    func cart(_ scope: TenantScope, at date: Date) async throws -> Cart {
        try await pool.withTenant(scope) { tenantDB in try await tenantDB.cart(at: date) }
    }

    func changeCart(_ scope: TenantScope, _ change: CartChange, at date: Date) async throws -> Cart {
        try await pool.withTenant(scope) { tenantDB in
            // The cart row stays locked until the change commits: changes to one cart happen one after another.
            let cart = try await tenantDB.cart(at: date, lock: true)
            switch change {
            case .add(let productId, let quantity):
                guard let product = try await tenantDB.product(id: productId) else {
                    throw APIError.notFound("Product", field: "productId")
                }
                let existing = cart.items.first { $0.productId == productId }
                let resulting = (existing?.quantity ?? 0) + quantity
                let short = tenantDB.shortages([(product, resulting)])
                guard short.isEmpty else { throw APIError.insufficientStock(short) }
                if let existing {
                    try await tenantDB.setItemQuantity(existing.id, resulting)
                } else {
                    try await tenantDB.execute(
                        """
                        INSERT INTO cart_items (id, tenant_id, cart_id, product_id, quantity, position)
                        VALUES (:id, :tenant, :cart, :product, :quantity,
                            (SELECT COALESCE(MAX(position), 0) + 1 FROM cart_items WHERE tenant_id = :tenant AND cart_id = :cart))
                        """, ["id": Identifier.make("item"), "cart": cart.id, "product": productId, "quantity": quantity])
                }
            case .setQuantity(let itemId, let quantity):
                guard let item = cart.items.first(where: { $0.id == itemId }) else { throw APIError.notFound("Cart item") }
                if quantity == 0 {
                    try await tenantDB.deleteItem(itemId)
                } else {
                    guard let product = try await tenantDB.product(id: item.productId) else { throw APIError.notFound("Product") }
                    let short = tenantDB.shortages([(product, quantity)])
                    guard short.isEmpty else { throw APIError.insufficientStock(short) }
                    try await tenantDB.setItemQuantity(itemId, quantity)
                }
            case .remove(let itemId):
                guard cart.items.contains(where: { $0.id == itemId }) else { throw APIError.notFound("Cart item") }
                try await tenantDB.deleteItem(itemId)
            case .setCustomer(let customerId):
                if let customerId, try await !tenantDB.customerExists(customerId) {
                    throw APIError.notFound("Customer", field: "customerId")
                }
                try await tenantDB.execute(
                    "UPDATE carts SET customer_id = :customer WHERE tenant_id = :tenant AND id = :cart",
                    ["customer": customerId, "cart": cart.id])
            }
            try await tenantDB.touchCart(cart.id, at: date)
            return try await tenantDB.cart(at: date)
        }
    }

    func checkout(_ scope: TenantScope, _ request: CheckoutRequest, at date: Date, receipt: IdempotencyReceipt) async throws -> Order {
        try await pool.withTenant(scope) { tenantDB in
            let cart = try await tenantDB.cart(at: date, lock: true)
            guard !cart.items.isEmpty else { throw APIError(.emptyCart, "The cart is empty") }
            guard let customer = cart.customer else { throw APIError(.customerRequired, "Choose a customer before checking out") }
            if let expected = request.expectedVersion, expected != cart.version {
                throw APIError(
                    .cartChanged, "The cart changed since you last saw it (version \(cart.version), expected \(expected))",
                    details: ["currentVersion": .number(Double(cart.version))])
            }
            let products = try await tenantDB.lockedProducts(ids: cart.items.map(\.productId))
            var lines: [(product: Product, quantity: Int)] = []
            for item in cart.items {
                guard let product = products[item.productId] else { throw APIError.notFound("Product") }
                lines.append((product, item.quantity))
            }
            let order = try await tenantDB.insertOrder(customerId: customer.id, lines: lines, notes: request.notes, at: date)
            try await tenantDB.execute("DELETE FROM cart_items WHERE tenant_id = :tenant AND cart_id = :cart", ["cart": cart.id])
            try await tenantDB.execute(
                "UPDATE carts SET customer_id = NULL WHERE tenant_id = :tenant AND id = :cart", ["cart": cart.id])
            try await tenantDB.touchCart(cart.id, at: date)
            try await tenantDB.store(receipt, for: order, at: date)
            return order
        }
    }
}

extension PostgresTenantDatabase {
    /// The caller's open cart, created empty on first use; with `lock`, its row stays locked until the transaction ends.
    func cart(at date: Date, lock: Bool = false) async throws -> Cart {
        try await execute(
            """
            INSERT INTO carts (id, tenant_id, user_id, customer_id, version, updated_at)
            VALUES (:id, :tenant, :user, NULL, 1, :now) ON CONFLICT (user_id) DO NOTHING
            """, ["id": Identifier.make("cart"), "now": date])
        guard
            let cartRow = try await row(
                """
                SELECT carts.*, c.name AS customer_name FROM carts
                LEFT JOIN customers c ON c.id = carts.customer_id AND c.tenant_id = :tenant
                WHERE carts.tenant_id = :tenant AND carts.user_id = :user\(lock ? " FOR UPDATE OF carts" : "")
                """)
        else { throw APIError.notFound("Cart") }
        let cartId: String = try cartRow["id"]
        let items = try await rows(
            """
            SELECT i.id, i.product_id, i.quantity, p.sku, p.name, p.unit, p.unit_price_cents FROM cart_items i
            JOIN products p ON p.id = i.product_id AND p.tenant_id = :tenant
            WHERE i.tenant_id = :tenant AND i.cart_id = :cart ORDER BY i.position
            """, ["cart": cartId]
        ).map { row -> CartItem in
            let quantity: Int = try row["quantity"]
            let price: Int = try row["unit_price_cents"]
            return CartItem(
                id: try row["id"], productId: try row["product_id"], sku: try row["sku"], name: try row["name"], unit: try row["unit"],
                quantity: quantity, unitPriceCents: price, lineTotalCents: price * quantity)
        }
        let subtotal = items.reduce(0) { $0 + $1.lineTotalCents }
        let taxCents = tax(on: subtotal)
        let customerId: String? = try cartRow["customer_id"]
        let customerName: String? = try cartRow["customer_name"]
        return Cart(
            id: cartId, customer: customerId.map { CustomerReference(id: $0, name: customerName ?? "") }, items: items,
            itemCount: items.reduce(0) { $0 + $1.quantity }, subtotalCents: subtotal, taxCents: taxCents,
            totalCents: subtotal + taxCents, currency: tenant.tenant.currency, version: try cartRow["version"],
            updatedAt: try cartRow["updated_at"])
    }

    func setItemQuantity(_ itemId: String, _ quantity: Int) async throws {
        try await execute(
            "UPDATE cart_items SET quantity = :quantity WHERE tenant_id = :tenant AND id = :id", ["quantity": quantity, "id": itemId])
    }

    func deleteItem(_ itemId: String) async throws {
        try await execute("DELETE FROM cart_items WHERE tenant_id = :tenant AND id = :id", ["id": itemId])
    }

    func touchCart(_ cartId: String, at date: Date) async throws {
        try await execute(
            "UPDATE carts SET version = version + 1, updated_at = :now WHERE tenant_id = :tenant AND id = :cart",
            ["now": date, "cart": cartId])
    }
}

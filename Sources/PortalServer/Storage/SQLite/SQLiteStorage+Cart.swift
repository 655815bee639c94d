import Foundation
import GRDB
import PortalAPI

extension SQLiteStorage {
    func cart(_ scope: TenantScope, at date: Date) async throws -> Cart {
        try await write(scope) { tenantDB in try tenantDB.cart(at: date) }
    }

    func changeCart(_ scope: TenantScope, _ change: CartChange, at date: Date) async throws -> Cart {
        try await write(scope) { tenantDB in
            let cart = try tenantDB.cart(at: date)
            switch change {
            case .add(let productId, let quantity):
                guard let product = try tenantDB.product(id: productId) else {
                    throw APIError.notFound("Product", field: "productId")
                }
                let existing = cart.items.first { $0.productId == productId }
                let resulting = (existing?.quantity ?? 0) + quantity
                let short = tenantDB.shortages([(product, resulting)])
                guard short.isEmpty else { throw APIError.insufficientStock(short) }
                if let existing {
                    try tenantDB.setItemQuantity(existing.id, resulting)
                } else {
                    try tenantDB.execute(
                        """
                        INSERT INTO cart_items (id, tenant_id, cart_id, product_id, quantity, position)
                        VALUES (:id, :tenant, :cart, :product, :quantity,
                            (SELECT COALESCE(MAX(position), 0) + 1 FROM cart_items WHERE tenant_id = :tenant AND cart_id = :cart))
                        """, ["id": Identifier.make("item"), "cart": cart.id, "product": productId, "quantity": quantity])
                }
            case .setQuantity(let itemId, let quantity):
                guard let item = cart.items.first(where: { $0.id == itemId }) else { throw APIError.notFound("Cart item") }
                if quantity == 0 {
                    try tenantDB.deleteItem(itemId)
                } else {
                    guard let product = try tenantDB.product(id: item.productId) else { throw APIError.notFound("Product") }
                    let short = tenantDB.shortages([(product, quantity)])
                    guard short.isEmpty else { throw APIError.insufficientStock(short) }
                    try tenantDB.setItemQuantity(itemId, quantity)
                }
            case .remove(let itemId):
                guard cart.items.contains(where: { $0.id == itemId }) else { throw APIError.notFound("Cart item") }
                try tenantDB.deleteItem(itemId)
            case .setCustomer(let customerId):
                if let customerId, try !tenantDB.customerExists(customerId) {
                    throw APIError.notFound("Customer", field: "customerId")
                }
                try tenantDB.execute(
                    "UPDATE carts SET customer_id = :customer WHERE tenant_id = :tenant AND id = :cart",
                    ["customer": customerId, "cart": cart.id])
            }
            try tenantDB.touchCart(cart.id, at: date)
            return try tenantDB.cart(at: date)
        }
    }

    func checkout(_ scope: TenantScope, _ request: CheckoutRequest, at date: Date, receipt: IdempotencyReceipt) async throws -> Order {
        try await write(scope) { tenantDB in
            let cart = try tenantDB.cart(at: date)
            guard !cart.items.isEmpty else { throw APIError(.emptyCart, "The cart is empty") }
            guard let customer = cart.customer else { throw APIError(.customerRequired, "Choose a customer before checking out") }
            if let expected = request.expectedVersion, expected != cart.version {
                throw APIError(
                    .cartChanged, "The cart changed since you last saw it (version \(cart.version), expected \(expected))",
                    details: ["currentVersion": .number(Double(cart.version))])
            }
            var lines: [(product: Product, quantity: Int)] = []
            for item in cart.items {
                guard let product = try tenantDB.product(id: item.productId) else { throw APIError.notFound("Product") }
                lines.append((product, item.quantity))
            }
            let order = try tenantDB.insertOrder(customerId: customer.id, lines: lines, notes: request.notes, at: date)
            try tenantDB.execute("DELETE FROM cart_items WHERE tenant_id = :tenant AND cart_id = :cart", ["cart": cart.id])
            try tenantDB.execute(
                "UPDATE carts SET customer_id = NULL WHERE tenant_id = :tenant AND id = :cart", ["cart": cart.id])
            try tenantDB.touchCart(cart.id, at: date)
            try tenantDB.store(receipt, for: order, at: date)
            return order
        }
    }
}

extension TenantDatabase {
    /// The caller's open cart, created empty on first use.
    func cart(at date: Date) throws -> Cart {
        try execute(
            """
            INSERT INTO carts (id, tenant_id, user_id, customer_id, version, updated_at)
            VALUES (:id, :tenant, :user, NULL, 1, :now) ON CONFLICT (user_id) DO NOTHING
            """, ["id": Identifier.make("cart"), "now": date])
        guard
            let cartRow = try row(
                """
                SELECT carts.*, c.name AS customer_name FROM carts
                LEFT JOIN customers c ON c.id = carts.customer_id AND c.tenant_id = :tenant
                WHERE carts.tenant_id = :tenant AND carts.user_id = :user
                """)
        else { throw APIError.notFound("Cart") }
        let cartId: String = cartRow["id"]
        let items = try rows(
            """
            SELECT i.id, i.product_id, i.quantity, p.sku, p.name, p.unit, p.unit_price_cents FROM cart_items i
            JOIN products p ON p.id = i.product_id AND p.tenant_id = :tenant
            WHERE i.tenant_id = :tenant AND i.cart_id = :cart ORDER BY i.position
            """, ["cart": cartId]
        ).map { row -> CartItem in
            let quantity: Int = row["quantity"]
            let price: Int = row["unit_price_cents"]
            return CartItem(
                id: row["id"], productId: row["product_id"], sku: row["sku"], name: row["name"], unit: row["unit"],
                quantity: quantity, unitPriceCents: price, lineTotalCents: price * quantity)
        }
        let subtotal = items.reduce(0) { $0 + $1.lineTotalCents }
        let taxCents = tax(on: subtotal)
        let customerId: String? = cartRow["customer_id"]
        return Cart(
            id: cartId, customer: customerId.map { CustomerReference(id: $0, name: cartRow["customer_name"]) }, items: items,
            itemCount: items.reduce(0) { $0 + $1.quantity }, subtotalCents: subtotal, taxCents: taxCents,
            totalCents: subtotal + taxCents, currency: tenant.tenant.currency, version: cartRow["version"],
            updatedAt: cartRow["updated_at"])
    }

    func setItemQuantity(_ itemId: String, _ quantity: Int) throws {
        try execute("UPDATE cart_items SET quantity = :quantity WHERE tenant_id = :tenant AND id = :id", ["quantity": quantity, "id": itemId])
    }

    func deleteItem(_ itemId: String) throws {
        try execute("DELETE FROM cart_items WHERE tenant_id = :tenant AND id = :id", ["id": itemId])
    }

    func touchCart(_ cartId: String, at date: Date) throws {
        try execute(
            "UPDATE carts SET version = version + 1, updated_at = :now WHERE tenant_id = :tenant AND id = :cart",
            ["now": date, "cart": cartId])
    }
}

import Foundation
import PortalAPI

extension PostgresStorage {
    func order(_ scope: TenantScope, id: String) async throws -> Order? {
        try await pool.withTenant(scope) { tenantDB in try await tenantDB.order(id: id) }
    }

    func placeOrder(_ scope: TenantScope, _ request: CreateOrderRequest, at date: Date, receipt: IdempotencyReceipt) async throws -> Order {
        try await pool.withTenant(scope) { tenantDB in
            guard try await tenantDB.customerExists(request.customerId) else {
                throw APIError.notFound("Customer", field: "customerId")
            }
            let products = try await tenantDB.lockedProducts(ids: request.lines.map(\.productId))
            var lines: [(product: Product, quantity: Int)] = []
            for (index, line) in request.lines.enumerated() {
                guard let product = products[line.productId] else {
                    throw APIError.notFound("Product", field: "lines[\(index)].productId")
                }
                lines.append((product, line.quantity))
            }
            let order = try await tenantDB.insertOrder(customerId: request.customerId, lines: lines, notes: request.notes, at: date)
            try await tenantDB.store(receipt, for: order, at: date)
            return order
        }
    }

    func cancelOrder(_ scope: TenantScope, id: String, at date: Date, receipt: IdempotencyReceipt) async throws -> Order {
        try await pool.withTenant(scope) { tenantDB in
            guard let order = try await tenantDB.order(id: id, lock: true) else { throw APIError.notFound("Order") }
            guard order.status == OrderStatus.pending.rawValue else {
                throw APIError(.orderNotCancellable, "Only a pending order can be cancelled; this one is \(order.status)")
            }
            _ = try await tenantDB.lockedProducts(ids: order.lines.map(\.productId))
            for line in order.lines {
                try await tenantDB.execute(
                    """
                    UPDATE products SET on_hand = on_hand + :quantity, inventory_updated_at = :now
                    WHERE tenant_id = :tenant AND id = :id
                    """, ["quantity": line.quantity, "now": date, "id": line.productId])
            }
            try await tenantDB.execute(
                "UPDATE orders SET status = 'cancelled', updated_at = :now WHERE tenant_id = :tenant AND id = :id",
                ["now": date, "id": id])
            try await tenantDB.ordersChanged(customerId: order.customer.id, at: date)
            guard let cancelled = try await tenantDB.order(id: id) else { throw APIError.notFound("Order") }
            try await tenantDB.recordEvent(.orderStatusChanged, order: cancelled, previousStatus: order.status, at: date)
            try await tenantDB.store(receipt, for: cancelled, at: date)
            return cancelled
        }
    }

    func storedOutcome(_ scope: TenantScope, key: String) async throws -> StoredOutcome? {
        try await pool.withTenant(scope) { tenantDB in
            try await tenantDB.row(
                "SELECT * FROM idempotency_outcomes WHERE tenant_id = :tenant AND user_id = :user AND key = :key", ["key": key]
            ).map { StoredOutcome(fingerprint: try $0["fingerprint"], status: try $0["status"], body: try $0["body"]) }
        }
    }
}

extension PostgresTenantDatabase {
    /// The caller's order with that id; with `lock`, its row stays locked until the transaction ends.
    func order(id: String, lock: Bool = false) async throws -> Order? {
        let rows = try await rows(
            """
            SELECT o.*, c.name AS customer_name FROM orders o
            JOIN customers c ON c.id = o.customer_id AND c.tenant_id = :tenant
            WHERE o.tenant_id = :tenant AND o.placed_by = :user AND o.id = :id\(lock ? " FOR UPDATE OF o" : "")
            """, ["id": id])
        return try await orders(from: rows).first
    }

    /// Orders from `orders` rows (with `customer_name`), their lines fetched in one query.
    func orders(from orderRows: [SQLRow]) async throws -> [Order] {
        guard !orderRows.isEmpty else { return [] }
        let ids: [String] = try orderRows.map { try $0["id"] }
        let lineRows = try await rows(
            "SELECT * FROM order_lines WHERE tenant_id = :tenant AND order_id = ANY(:ids) ORDER BY order_id, position", ["ids": ids])
        var linesByOrder: [String: [OrderLine]] = [:]
        for row in lineRows {
            linesByOrder[try row["order_id"], default: []].append(
                OrderLine(
                    id: try row["id"], productId: try row["product_id"], sku: try row["sku"], name: try row["name"],
                    quantity: try row["quantity"], unitPriceCents: try row["unit_price_cents"], lineTotalCents: try row["line_total_cents"]))
        }
        return try orderRows.map { row in
            let id: String = try row["id"]
            return Order(
                id: id, orderNumber: try row["order_number"], status: try row["status"],
                customer: CustomerReference(id: try row["customer_id"], name: try row["customer_name"]), placedBy: try row["placed_by"],
                createdAt: try row["created_at"], updatedAt: try row["updated_at"], lines: linesByOrder[id] ?? [],
                itemCount: try row["item_count"], subtotalCents: try row["subtotal_cents"], taxCents: try row["tax_cents"],
                totalCents: try row["total_cents"], currency: tenant.tenant.currency, notes: try row["notes"])
        }
    }

    func customerExists(_ id: String) async throws -> Bool {
        try await int("SELECT COUNT(*) FROM customers WHERE tenant_id = :tenant AND id = :id", ["id": id]) > 0
    }

    /// Every line whose quantity exceeds the product's available stock.
    func shortages(_ lines: [(product: Product, quantity: Int)]) -> [StockShortage] {
        lines.compactMap { line in
            line.quantity > line.product.inventory.available
                ? StockShortage(productId: line.product.id, requested: line.quantity, available: line.product.inventory.available)
                : nil
        }
    }

    /// Creates a `pending` order at today's prices and lowers stock; `INSUFFICIENT_STOCK` (nothing changed)
    /// when any line is short. The lines' products must be locked (`lockedProducts`) in this transaction.
    func insertOrder(customerId: String, lines: [(product: Product, quantity: Int)], notes: String?, at date: Date) async throws -> Order {
        let short = shortages(lines)
        guard short.isEmpty else { throw APIError.insufficientStock(short) }
        let orderId = Identifier.make("ord")
        let subtotal = lines.reduce(0) { $0 + $1.product.unitPriceCents * $1.quantity }
        let taxCents = tax(on: subtotal)
        let number = try await int(
            """
            INSERT INTO order_counters (tenant_id, next_number) VALUES (:tenant, 10002)
            ON CONFLICT (tenant_id) DO UPDATE SET next_number = order_counters.next_number + 1
            RETURNING next_number - 1
            """)
        try await execute(
            """
            INSERT INTO orders (id, tenant_id, order_number, customer_id, placed_by, status, notes, item_count,
                subtotal_cents, tax_cents, total_cents, created_at, updated_at)
            VALUES (:id, :tenant, :number, :customer, :user, 'pending', :notes, :items, :subtotal, :tax, :total, :now, :now)
            """,
            [
                "id": orderId, "number": "\(tenant.orderPrefix)-\(number)", "customer": customerId, "notes": notes,
                "items": lines.reduce(0) { $0 + $1.quantity }, "subtotal": subtotal, "tax": taxCents,
                "total": subtotal + taxCents, "now": date,
            ])
        for (position, line) in lines.enumerated() {
            try await execute(
                """
                INSERT INTO order_lines (id, tenant_id, order_id, position, product_id, sku, name, quantity,
                    unit_price_cents, line_total_cents)
                VALUES (:id, :tenant, :order, :position, :product, :sku, :name, :quantity, :price, :total)
                """,
                [
                    "id": Identifier.make("line"), "order": orderId, "position": position, "product": line.product.id,
                    "sku": line.product.sku, "name": line.product.name, "quantity": line.quantity,
                    "price": line.product.unitPriceCents, "total": line.product.unitPriceCents * line.quantity,
                ])
            try await execute(
                """
                UPDATE products SET on_hand = on_hand - :quantity, inventory_updated_at = :now
                WHERE tenant_id = :tenant AND id = :id
                """, ["quantity": line.quantity, "now": date, "id": line.product.id])
        }
        try await ordersChanged(customerId: customerId, at: date)
        guard let order = try await order(id: orderId) else { throw APIError.notFound("Order") }
        try await recordEvent(.orderCreated, order: order, at: date)
        return order
    }

    /// After an order is placed or cancelled: the caller's briefing is stale and the customer's health moves.
    func ordersChanged(customerId: String, at date: Date) async throws {
        try await execute("DELETE FROM briefings WHERE tenant_id = :tenant AND user_id = :user")
        try await refreshCustomerHealth(customerId: customerId, at: date)
    }

    /// Stores the outcome with the effect; `IdempotencyKeyTaken` (and the transaction rolls back) when
    /// another request stored one for the key first (it waits for that one to commit, then sees it).
    func store(_ receipt: IdempotencyReceipt, for order: Order, at date: Date) async throws {
        let inserted = try await execute(
            """
            INSERT INTO idempotency_outcomes (tenant_id, user_id, key, fingerprint, status, body, created_at)
            VALUES (:tenant, :user, :key, :fingerprint, :status, :body, :now)
            ON CONFLICT (user_id, key) DO NOTHING RETURNING 1
            """,
            [
                "key": receipt.key, "fingerprint": receipt.fingerprint, "status": receipt.status,
                "body": receipt.render(order), "now": date,
            ])
        guard inserted == 1 else { throw IdempotencyKeyTaken() }
    }
}

import Foundation
import GRDB
import PortalAPI

extension SQLiteStorage {
    func order(_ scope: TenantScope, id: String) async throws -> Order? {
        try await read(scope) { tenantDB in try tenantDB.order(id: id) }
    }

    func placeOrder(_ scope: TenantScope, _ request: CreateOrderRequest, at date: Date, receipt: IdempotencyReceipt) async throws -> Order {
        try await write(scope) { tenantDB in
            guard try tenantDB.customerExists(request.customerId) else {
                throw APIError.notFound("Customer", field: "customerId")
            }
            var lines: [(product: Product, quantity: Int)] = []
            for (index, line) in request.lines.enumerated() {
                guard let product = try tenantDB.product(id: line.productId) else {
                    throw APIError.notFound("Product", field: "lines[\(index)].productId")
                }
                lines.append((product, line.quantity))
            }
            let order = try tenantDB.insertOrder(customerId: request.customerId, lines: lines, notes: request.notes, at: date)
            try tenantDB.store(receipt, for: order, at: date)
            return order
        }
    }

    func cancelOrder(_ scope: TenantScope, id: String, at date: Date, receipt: IdempotencyReceipt) async throws -> Order {
        try await write(scope) { tenantDB in
            guard let order = try tenantDB.order(id: id) else { throw APIError.notFound("Order") }
            guard order.status == OrderStatus.pending.rawValue else {
                throw APIError(.orderNotCancellable, "Only a pending order can be cancelled; this one is \(order.status)")
            }
            for line in order.lines {
                try tenantDB.execute(
                    """
                    UPDATE products SET on_hand = on_hand + :quantity, inventory_updated_at = :now
                    WHERE tenant_id = :tenant AND id = :id
                    """, ["quantity": line.quantity, "now": date, "id": line.productId])
            }
            try tenantDB.execute(
                "UPDATE orders SET status = 'cancelled', updated_at = :now WHERE tenant_id = :tenant AND id = :id",
                ["now": date, "id": id])
            try tenantDB.ordersChanged(customerId: order.customer.id, at: date)
            guard let cancelled = try tenantDB.order(id: id) else { throw APIError.notFound("Order") }
            try tenantDB.recordEvent(.orderStatusChanged, order: cancelled, previousStatus: order.status, at: date)
            try tenantDB.store(receipt, for: cancelled, at: date)
            return cancelled
        }
    }

    func storedOutcome(_ scope: TenantScope, key: String) async throws -> StoredOutcome? {
        try await read(scope) { tenantDB in
            try tenantDB.row(
                "SELECT * FROM idempotency_outcomes WHERE tenant_id = :tenant AND user_id = :user AND key = :key", ["key": key]
            ).map { StoredOutcome(fingerprint: $0["fingerprint"], status: $0["status"], body: $0["body"]) }
        }
    }
}

extension TenantDatabase {
    /// The columns `orders(_:_:)` reads, in its order: an order (`o`) with its customer's name (`c`).
    static let orderColumns = """
        o.id, o.order_number, o.status, o.customer_id, c.name, o.placed_by, o.created_at, o.updated_at,
        o.item_count, o.subtotal_cents, o.tax_cents, o.total_cents, o.notes
        """

    /// The caller's order with that id.
    func order(id: String) throws -> Order? {
        try orders(
            """
            SELECT \(Self.orderColumns) FROM orders o
            JOIN customers c ON c.id = o.customer_id AND c.tenant_id = :tenant
            WHERE o.tenant_id = :tenant AND o.placed_by = :user AND o.id = :id
            """, ["id": id]
        ).first
    }

    /// The orders `sql` selects (`orderColumns`, in its order), their lines fetched in one query. Both statements
    /// are prepared once per connection and read by column index: `sql` must be one of a few fixed texts, and the
    /// lines' statement has one text per number of orders (at most a page's 100).
    func orders(_ sql: String, _ arguments: Arguments) throws -> [Order] {
        let currency = tenant.tenant.currency
        var orders: [Order] = []
        try forEachRow(cached: sql, arguments) { row in
            orders.append(
                Order(
                    id: row[0], orderNumber: row[1], status: row[2], customer: CustomerReference(id: row[3], name: row[4]),
                    placedBy: row[5], createdAt: row[6], updatedAt: row[7], lines: [], itemCount: row[8], subtotalCents: row[9],
                    taxCents: row[10], totalCents: row[11], currency: currency, notes: row[12]))
        }
        guard !orders.isEmpty else { return [] }
        var lineArguments: Arguments = [:]
        var positions: [String: Int] = Dictionary(minimumCapacity: orders.count)
        for (index, order) in orders.enumerated() {
            lineArguments["o\(index)"] = order.id
            positions[order.id] = index
        }
        let placeholders = orders.indices.map { ":o\($0)" }.joined(separator: ",")
        try forEachRow(
            cached: """
                SELECT order_id, id, product_id, sku, name, quantity, unit_price_cents, line_total_cents FROM order_lines
                WHERE tenant_id = :tenant AND order_id IN (\(placeholders)) ORDER BY order_id, position
                """, lineArguments
        ) { row in
            guard let index = positions[row[0]] else { return }
            orders[index].lines.append(
                OrderLine(
                    id: row[1], productId: row[2], sku: row[3], name: row[4], quantity: row[5], unitPriceCents: row[6],
                    lineTotalCents: row[7]))
        }
        return orders
    }

    func customerExists(_ id: String) throws -> Bool {
        try int("SELECT COUNT(*) FROM customers WHERE tenant_id = :tenant AND id = :id", ["id": id]) > 0
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
    /// when any line is short.
    func insertOrder(customerId: String, lines: [(product: Product, quantity: Int)], notes: String?, at date: Date) throws -> Order {
        let short = shortages(lines)
        guard short.isEmpty else { throw APIError.insufficientStock(short) }
        let orderId = Identifier.make("ord")
        let subtotal = lines.reduce(0) { $0 + $1.product.unitPriceCents * $1.quantity }
        let taxCents = tax(on: subtotal)
        try execute(
            """
            INSERT INTO order_counters (tenant_id, next_number) VALUES (:tenant, 10001)
            ON CONFLICT (tenant_id) DO NOTHING
            """)
        let number = try int("SELECT next_number FROM order_counters WHERE tenant_id = :tenant")
        try execute("UPDATE order_counters SET next_number = next_number + 1 WHERE tenant_id = :tenant")
        try execute(
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
            try execute(
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
            try execute(
                """
                UPDATE products SET on_hand = on_hand - :quantity, inventory_updated_at = :now
                WHERE tenant_id = :tenant AND id = :id
                """, ["quantity": line.quantity, "now": date, "id": line.product.id])
        }
        try ordersChanged(customerId: customerId, at: date)
        guard let order = try order(id: orderId) else { throw APIError.notFound("Order") }
        try recordEvent(.orderCreated, order: order, at: date)
        return order
    }

    /// After an order is placed or cancelled: the caller's briefing is stale and the customer's health moves.
    func ordersChanged(customerId: String, at date: Date) throws {
        try execute("DELETE FROM briefings WHERE tenant_id = :tenant AND user_id = :user")
        try refreshCustomerHealth(customerId: customerId, at: date)
    }

    func store(_ receipt: IdempotencyReceipt, for order: Order, at date: Date) throws {
        guard try int("SELECT COUNT(*) FROM idempotency_outcomes WHERE tenant_id = :tenant AND user_id = :user AND key = :key", ["key": receipt.key]) == 0 else {
            throw IdempotencyKeyTaken()
        }
        try execute(
            """
            INSERT INTO idempotency_outcomes (tenant_id, user_id, key, fingerprint, status, body, created_at)
            VALUES (:tenant, :user, :key, :fingerprint, :status, :body, :now)
            """,
            [
                "key": receipt.key, "fingerprint": receipt.fingerprint, "status": receipt.status,
                "body": receipt.render(order), "now": date,
            ])
    }
}

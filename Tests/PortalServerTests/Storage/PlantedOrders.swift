import Foundation
import PortalTestSupport

/// Orders planted straight into a server's database for the order-list tests, on either backend.
enum PlantedOrders {
    static let tenant = "ten_northwind"
    static let repEmail = "rep@northwind.test"

    /// The rep's user id.
    static func repId(_ database: TestDatabase) async throws -> String {
        guard let id = try await database.strings("SELECT id FROM users WHERE email = ?", [.text(repEmail)]).first else {
            throw TestFailure("no \(repEmail)")
        }
        return id
    }

    /// `count` orders for the rep, `sharingATimestamp` at a time on the same `created_at`, their ids in an order
    /// of their own (so only the id breaks the ties), statuses pending, confirmed and delivered in turn.
    static func plant(_ count: Int, sharingATimestamp: Int, prefix: String, in database: TestDatabase) async throws {
        let rep = try await repId(database)
        guard let customer = try await database.strings("SELECT id FROM customers WHERE tenant_id = ? ORDER BY id", [.text(tenant)]).first
        else { throw TestFailure("no customer") }
        let status = "CASE g % 3 WHEN 0 THEN 'pending' WHEN 1 THEN 'confirmed' ELSE 'delivered' END"
        let columns = """
            INSERT INTO orders (id, tenant_id, order_number, customer_id, placed_by, status, notes, item_count, subtotal_cents,
                tax_cents, total_cents, created_at, updated_at)
            """
        switch database.backend {
        case .sqlite:
            let at = "strftime('%Y-%m-%d %H:%M:%f', '2025-06-01 10:00:00', '+' || (g / \(sharingATimestamp)) || ' minutes')"
            try await database.execute(
                """
                WITH RECURSIVE n(g) AS (SELECT 0 UNION ALL SELECT g + 1 FROM n WHERE g + 1 < \(count))
                \(columns)
                SELECT '\(prefix)' || printf('%07d', (g * 7919) % \(count)), ?, '\(prefix)-' || g, ?, ?, \(status), NULL, 1, 100, 10, 110,
                    \(at), \(at)
                FROM n
                """, [.text(tenant), .text(customer), .text(rep)])
        case .postgres:
            let at = "timestamptz '2025-06-01 10:00:00+00' + (g / \(sharingATimestamp)) * interval '1 minute'"
            try await database.execute(
                """
                \(columns)
                SELECT '\(prefix)' || lpad(((g * 7919) % \(count))::text, 7, '0'), ?, '\(prefix)-' || g, ?, ?, \(status), NULL, 1, 100,
                    10, 110, \(at), \(at)
                FROM generate_series(0, \(count - 1)) g
                """,
                [.text(tenant), .text(customer), .text(rep)])
            try await database.execute("ANALYZE orders")
        }
    }

    /// The rep's order ids (of one status, or all) in the list's order, straight from the table: what
    /// `ORDER BY … LIMIT … OFFSET` pages through.
    static func listed(status: String? = nil, in database: TestDatabase) async throws -> [String] {
        let rep = try await repId(database)
        let idOrder = database.backend == .postgres ? #"id COLLATE "C""# : "id"
        return try await database.strings(
            """
            SELECT id FROM orders WHERE tenant_id = ? AND placed_by = ?\(status == nil ? "" : " AND status = ?")
            ORDER BY created_at DESC, \(idOrder) DESC
            """, [.text(tenant), .text(rep)] + (status.map { [SQLValue.text($0)] } ?? []))
    }
}

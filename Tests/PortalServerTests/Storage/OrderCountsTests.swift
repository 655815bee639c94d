import Foundation
import GRDB
import Logging
import PortalAPI
import PortalTestSupport
import Testing
@testable import PortalServer

/// `order_counts`: each user's orders per status, kept in the transaction of every insert and status change
/// (checkout, cancel), per tenant, backfilled by its migration; the order list's total reads it.
@Suite("Order counts")
struct OrderCountsTests {
    /// Every (tenant, user, status) with its stored count, and the same counted afresh from `orders`.
    static func storedAndCounted(_ database: TestDatabase) async throws -> (stored: Set<String>, counted: Set<String>) {
        let stored = try await database.strings(
            "SELECT tenant_id || ' ' || user_id || ' ' || status || ' ' || order_count FROM order_counts WHERE order_count <> 0")
        let counted = try await database.strings(
            "SELECT tenant_id || ' ' || placed_by || ' ' || status || ' ' || COUNT(*) FROM orders GROUP BY tenant_id, placed_by, status")
        return (Set(stored), Set(counted))
    }

    /// `pagination.total` of the caller's order list with `filter`.
    static func total(_ client: TestClient, _ filter: String = "") async throws -> Int {
        let response = try await client.get("\(Routes.orders)?limit=1\(filter)")
        guard let total = response.json["meta"]?["pagination"]?["total"]?.intValue else { throw TestFailure("no total: \(response.text)") }
        return total
    }

    @Test func countsFollowCheckoutAndCancelInTheirOwnTenant() async throws {
        try await withServer { server in
            let database = server.database()
            let seeded = try await Self.storedAndCounted(database)
            #expect(!seeded.stored.isEmpty)
            #expect(seeded.stored == seeded.counted, "the seed is counted")

            let rep = try await server.login("rep@northwind.test")
            let fjord = try await server.login("rep@fjord.test")
            let before = (all: try await Self.total(rep), pending: try await Self.total(rep, "&status=pending"),
                          cancelled: try await Self.total(rep, "&status=cancelled"), fjord: try await Self.total(fjord))

            let customer = try await rep.firstCustomer()
            let product = try #require(try await rep.productsInStock(minimum: 2).first)
            try await rep.fillCart(productId: product.id, quantity: 2, customerId: customer.id)
            let cart = try await rep.currentCart()
            let checkout = try await rep.checkout(body: ["expectedVersion": .number(Double(cart.version))])
            #expect(checkout.status == 201)
            let order = try checkout.data(OrderPayload.self).order
            #expect(try await Self.total(rep) == before.all + 1)
            #expect(try await Self.total(rep, "&status=pending") == before.pending + 1)
            #expect(try await Self.total(fjord) == before.fjord, "another tenant's rep is not counted")

            let cancelled = try await rep.post(Routes.cancelOrder(order.id), headers: [("Idempotency-Key", UUID().uuidString)])
            #expect(cancelled.status == 200)
            #expect(try await Self.total(rep) == before.all + 1, "a status change keeps the total")
            #expect(try await Self.total(rep, "&status=pending") == before.pending)
            #expect(try await Self.total(rep, "&status=cancelled") == before.cancelled + 1)

            let fjordCustomer = try await fjord.firstCustomer()
            let fjordProduct = try #require(try await fjord.productsInStock(minimum: 1).first)
            #expect(try await fjord.placeOrder(customerId: fjordCustomer.id, lines: [(fjordProduct.id, 1)]).status == 201)
            #expect(try await Self.total(fjord) == before.fjord + 1)
            #expect(try await Self.total(rep) == before.all + 1)

            let after = try await Self.storedAndCounted(database)
            #expect(after.stored == after.counted)
            // The totals the list reports are the rows it pages through.
            let listed = try await PlantedOrders.listed(status: "pending", in: database)
            #expect(try await Self.total(rep, "&status=pending") == listed.count)
        }
    }

    @Test func theMigrationBackfillsTheCountsOfOrdersAlreadyThere() async throws {
        try await withServer { server in
            let database = server.database()
            try await PlantedOrders.plant(300, sharingATimestamp: 3, prefix: "ord_old", in: database)
            // Back to the schema before the counts, with every order still there.
            switch server.backend {
            case .sqlite:
                try await database.execute(
                    """
                    DROP TRIGGER orders_counted_on_insert; DROP TRIGGER orders_counted_on_update; DROP TRIGGER orders_counted_on_delete;
                    DROP TABLE order_counts; DROP INDEX orders_by_user_status;
                    DELETE FROM grdb_migrations WHERE identifier = 'v6-order-counts'
                    """)
                _ = try SQLiteStorage(path: server.databasePath)
            case .postgres:
                for statement in [
                    "DROP TABLE order_counts", "DROP FUNCTION count_orders() CASCADE", "DROP INDEX orders_by_user_status",
                    "DELETE FROM schema_migrations WHERE version = 'v4-order-counts'",
                ] {
                    try await database.execute(statement)
                }
                // Migrated again as the portal's role: row-level security binds the backfill too.
                var logger = Logger(label: "order-counts-test")
                logger.logLevel = .critical
                let storage = try await PostgresStorage.open(try PostgresURL(parsing: server.databasePath), maximumConnections: 1, logger: logger)
                storage.close()
            }
            let backfilled = try await Self.storedAndCounted(database)
            #expect(!backfilled.stored.isEmpty)
            #expect(backfilled.stored == backfilled.counted)
            let rep = try await server.login("rep@northwind.test")
            let listed = try await PlantedOrders.listed(in: database)
            #expect(try await Self.total(rep) == listed.count)
        }
    }
}

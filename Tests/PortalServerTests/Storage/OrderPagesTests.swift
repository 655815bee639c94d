import Foundation
import Logging
import PortalAPI
import PortalTestSupport
import Testing
@testable import PortalServer

/// Deep pages of the order list start at a cached keyset boundary (`OrderPageBoundaries`), not after every
/// earlier order: the answer is still exactly `ORDER BY created_at DESC, id DESC LIMIT … OFFSET …`, ties on
/// the timestamp included, and the statement seeks in an index without sorting the list.
@Suite("Order list pages")
struct OrderPagesTests {
    static func ids(_ client: TestClient, page: Int, limit: Int, status: String? = nil) async throws -> [String] {
        let filter = status.map { "&status=\($0)" } ?? ""
        return try await client.get("\(Routes.orders)?page=\(page)&limit=\(limit)\(filter)").data(OrdersPage.self).orders.map(\.id)
    }

    /// The page `ORDER BY … LIMIT limit OFFSET (page - 1) × limit` answers.
    static func slice(_ listed: [String], page: Int, limit: Int) -> [String] {
        let start = min(listed.count, (page - 1) * limit)
        return Array(listed[start..<min(listed.count, start + limit)])
    }

    @Test func deepPagesAreTheOffsetQuerysAnswerTiesIncluded() async throws {
        try await withServer { server in
            let database = server.database()
            try await PlantedOrders.plant(650, sharingATimestamp: 5, prefix: "ord_tie", in: database)
            let rep = try await server.login(PlantedOrders.repEmail)
            let listed = try await PlantedOrders.listed(in: database)
            #expect(listed.count > 650)
            for limit in [7, 20, 100] {
                let pages = (listed.count + limit - 1) / limit
                for page in Set([1, 2, 14, 15, 16, pages / 2, pages - 1, pages, pages + 1]) where page >= 1 {
                    #expect(try await Self.ids(rep, page: page, limit: limit) == Self.slice(listed, page: page, limit: limit), "page \(page) of \(limit)")
                }
            }
            for status in ["pending", "delivered"] {
                let ofStatus = try await PlantedOrders.listed(status: status, in: database)
                for page in [1, 6, 7, 11, (ofStatus.count + 19) / 20] {
                    #expect(
                        try await Self.ids(rep, page: page, limit: 20, status: status) == Self.slice(ofStatus, page: page, limit: 20),
                        "\(status) page \(page)")
                }
            }

            // A new order and a cancel move every later order along: the cached boundaries are rebuilt.
            let customer = try await rep.firstCustomer()
            let product = try #require(try await rep.productsInStock(minimum: 1).first)
            let placed = try await rep.placeOrder(customerId: customer.id, lines: [(product.id, 1)]).data(OrderPayload.self).order
            let moved = try await PlantedOrders.listed(in: database)
            #expect(moved.first == placed.id)
            for page in [6, 13, 30] {
                #expect(try await Self.ids(rep, page: page, limit: 20) == Self.slice(moved, page: page, limit: 20), "page \(page) after an order")
            }
            let pendingBefore = try await PlantedOrders.listed(status: "pending", in: database)
            #expect(try await Self.ids(rep, page: 7, limit: 20, status: "pending") == Self.slice(pendingBefore, page: 7, limit: 20))
            let cancelled = try await rep.post(Routes.cancelOrder(placed.id), headers: [("Idempotency-Key", UUID().uuidString)])
            #expect(cancelled.status == 200)
            let pendingAfter = try await PlantedOrders.listed(status: "pending", in: database)
            #expect(pendingAfter.count == pendingBefore.count - 1)
            #expect(try await Self.ids(rep, page: 7, limit: 20, status: "pending") == Self.slice(pendingAfter, page: 7, limit: 20))
        }
    }

    @Test func aDeepPageSeeksInTheIndexAndNeverSortsTheList() async throws {
        try await withServer { server in
            let database = server.database()
            try await PlantedOrders.plant(20_000, sharingATimestamp: 3, prefix: "ord_many", in: database)
            let repId = try await PlantedOrders.repId(database)
            let scope = TenantScope(tenantId: PlantedOrders.tenant, userId: repId)
            let deep = OrderQuery(list: ListQuery(page: 700, limit: 20))
            let deepPending = OrderQuery(list: ListQuery(page: 200, limit: 20), status: .pending)
            switch server.backend {
            case .sqlite:
                let storage = try SQLiteStorage(path: server.databasePath)
                for (query, index) in [(deep, "orders_by_user"), (deepPending, "orders_by_user_status")] {
                    let plan = try await storage.orderPagePlan(scope, query)
                    let list = Self.subtree(of: plan) { $0.contains("LIST SUBQUERY") }
                    #expect(list.contains { $0.contains("SEARCH o USING COVERING INDEX \(index) (") && $0.contains("(created_at,id)<") }, "\(plan)")
                    #expect(!list.contains { $0.contains("SCAN") || $0.contains("TEMP B-TREE") }, "\(plan)")
                }
            case .postgres:
                var logger = Logger(label: "order-pages-test")
                logger.logLevel = .critical
                let storage = try await PostgresStorage.open(try PostgresURL(parsing: server.databasePath), maximumConnections: 1, logger: logger)
                defer { storage.close() }
                for (query, index) in [(deep, "orders_by_user"), (deepPending, "orders_by_user_status")] {
                    let plan = try await storage.orderPagePlan(scope, query)
                    let list = Self.subtree(of: plan) { $0.contains("->  Limit") }
                    #expect(list.contains { $0.contains("Index") && $0.contains("using \(index) on orders o") }, "\(plan.joined(separator: "\n"))")
                    #expect(list.contains { $0.contains("Index Cond") && $0.contains("ROW(") && $0.contains("created_at") }, "\(plan.joined(separator: "\n"))")
                    #expect(!list.contains { $0.contains("Seq Scan") || $0.contains("Sort") }, "\(plan.joined(separator: "\n"))")
                }
            }
        }
    }

    /// The first line `isRoot` picks and every line indented deeper below it: the part of the plan that walks the list.
    static func subtree(of plan: [String], where isRoot: (String) -> Bool) -> [String] {
        guard let root = plan.firstIndex(where: isRoot) else { return [] }
        let depth = { (line: String) in line.prefix { $0 == " " }.count }
        let rootDepth = depth(plan[root])
        return [plan[root]] + plan[(root + 1)...].prefix { depth($0) > rootDepth }
    }
}

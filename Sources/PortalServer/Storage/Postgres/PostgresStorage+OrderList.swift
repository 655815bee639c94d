import Foundation
import PortalAPI

extension PostgresStorage {
    /// One page of the caller's orders, newest first, and how many there are. Filtered by user (and status)
    /// only, the total is read from `order_counts` and a deep page starts at a cached boundary
    /// (`OrderPageBoundaries`); a search or a customer filter counts, and skips, in the index.
    func orders(_ scope: TenantScope, _ query: OrderQuery) async throws -> Page<Order> {
        try await pool.withTenant(scope) { tenantDB in
            let page = try await tenantDB.orderPage(query, cache: orderPageBoundaries)
            guard let statement = page.statement else { return Page(rows: [], total: page.total) }
            return Page(rows: try await tenantDB.orders(from: try await tenantDB.rows(statement.sql, statement.arguments)), total: page.total)
        }
    }

    /// `EXPLAIN` of the statement that reads `query`'s page, one line a plan node (the tests check that it
    /// seeks in an index and never sorts).
    func orderPagePlan(_ scope: TenantScope, _ query: OrderQuery) async throws -> [String] {
        try await pool.withTenant(scope) { tenantDB in
            guard let statement = try await tenantDB.orderPage(query, cache: orderPageBoundaries).statement else { return [] }
            return try await tenantDB.rows("EXPLAIN " + statement.sql, statement.arguments).map { try $0["QUERY PLAN"] }
        }
    }
}

extension PostgresTenantDatabase {
    /// The total `query` is cut from, and the statement that reads its page (nil past the last page).
    func orderPage(_ query: OrderQuery, cache: OrderPageBoundaryCache) async throws -> (total: Int, statement: (sql: String, arguments: SQLArguments)?) {
        var sql = OrderPageSQL(query, dialect: .postgres)
        var offset = query.list.offset
        let total: Int
        if sql.isCountedAhead {
            let counted = try await orderCount(status: query.status)
            total = counted.total
            if offset >= OrderPageBoundaries.stride, offset < total {
                let key = OrderPageBoundaryCache.Key(scope, status: query.status)
                var boundaries = cache.boundaries(for: key, revision: counted.revision)
                if boundaries == nil { boundaries = cache.store(try await orderPageBoundaries(status: query.status), for: key) }
                if let start = boundaries?.start(at: offset) {
                    sql.start(at: start.id)
                    offset = start.skip
                }
            }
        } else {
            total = try await int(sql.count, sql.arguments.postgres)
        }
        guard query.list.offset < total else { return (total, nil) }
        let page = sql.page(columns: "o.*, c.name AS customer_name", limit: query.list.limit, offset: offset)
        return (total, (page.sql, page.arguments.postgres))
    }

    /// The caller's order count (of one status, or all) and its revision, from `order_counts`.
    func orderCount(status: OrderStatus?) async throws -> (total: Int, revision: Int) {
        guard
            let row = try await row(
                """
                SELECT COALESCE(SUM(order_count), 0)::bigint AS total, COALESCE(SUM(revision), 0)::bigint AS revision FROM order_counts
                WHERE tenant_id = :tenant AND user_id = :user\(status == nil ? "" : " AND status = :status")
                """, status.map { ["status": $0.rawValue] } ?? [:])
        else { return (0, 0) }
        return (try row["total"], try row["revision"])
    }

    /// Every `stride`-th order of the caller's list (of one status, or all), newest first, read in one
    /// statement (one snapshot) with the revision they belong to.
    func orderPageBoundaries(status: OrderStatus?) async throws -> OrderPageBoundaries {
        let ofStatus = status == nil ? "" : " AND status = :status"
        var arguments: SQLArguments = ["stride": OrderPageBoundaries.stride]
        if let status { arguments["status"] = status.rawValue }
        let rows = try await rows(
            """
            SELECT id, (SELECT COALESCE(SUM(revision), 0)::bigint FROM order_counts
                        WHERE tenant_id = :tenant AND user_id = :user\(ofStatus)) AS revision
            FROM (SELECT id, row_number() OVER (ORDER BY created_at DESC, id COLLATE "C" DESC) AS position FROM orders
                  WHERE tenant_id = :tenant AND placed_by = :user\(ofStatus)) numbered
            WHERE (position - 1) % :stride = 0 ORDER BY position
            """, arguments)
        return OrderPageBoundaries(revision: try rows.first?["revision"] ?? 0, ids: try rows.map { try $0["id"] })
    }
}

extension [String: OrderPageSQL.Value] {
    fileprivate var postgres: SQLArguments {
        mapValues { value in
            switch value {
            case .text(let text): text
            case .integer(let integer): integer
            }
        }
    }
}

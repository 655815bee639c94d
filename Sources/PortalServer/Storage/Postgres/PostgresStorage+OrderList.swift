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
        var from = "orders o"
        var filter = "o.tenant_id = :tenant AND o.placed_by = :user"
        var arguments: SQLArguments = [:]
        if let status = query.status {
            filter += " AND o.status = :status"
            arguments["status"] = status.rawValue
        }
        if let customerId = query.customerId {
            filter += " AND o.customer_id = :customer"
            arguments["customer"] = customerId
        }
        if let text = query.text?.lowercased() {
            from += " JOIN customers c ON c.id = o.customer_id AND c.tenant_id = :tenant"
            filter += " AND (strpos(lower(o.order_number), :text) > 0 OR strpos(c.name_key, :text) > 0)"
            arguments["text"] = text
        }
        var offset = query.list.offset
        let total: Int
        if query.customerId == nil && query.text == nil {
            let counted = try await orderCount(status: query.status)
            total = counted.total
            guard offset < total else { return (total, nil) }
            if offset >= OrderPageBoundaries.stride {
                let key = OrderPageBoundaryCache.Key(tenantId: scope.tenantId, userId: scope.userId, status: query.status?.rawValue)
                let boundaries: OrderPageBoundaries
                if let known = cache.boundaries(for: key, revision: counted.revision) {
                    boundaries = known
                } else {
                    boundaries = try await orderPageBoundaries(status: query.status)
                    cache.store(boundaries, for: key)
                }
                if let start = boundaries.start(at: offset) {
                    filter += """
                         AND (o.created_at, o.id COLLATE "C") <= (
                            (SELECT b.created_at FROM orders b WHERE b.tenant_id = :tenant AND b.id = :boundary), :boundary)
                        """
                    arguments["boundary"] = start.id
                    offset = start.skip
                }
            }
        } else {
            total = try await int("SELECT COUNT(*) FROM \(from) WHERE \(filter)", arguments)
            guard offset < total else { return (total, nil) }
        }
        arguments["limit"] = query.list.limit
        arguments["offset"] = offset
        let sql = """
            SELECT o.*, oc.name AS customer_name FROM (
                SELECT o.* FROM \(from) WHERE \(filter)
                ORDER BY o.created_at DESC, o.id COLLATE "C" DESC LIMIT :limit OFFSET :offset
            ) o
            JOIN customers oc ON oc.id = o.customer_id AND oc.tenant_id = :tenant
            ORDER BY o.created_at DESC, o.id COLLATE "C" DESC
            """
        return (total, (sql, arguments))
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

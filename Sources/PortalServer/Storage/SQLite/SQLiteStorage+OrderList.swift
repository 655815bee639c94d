import Foundation
import GRDB
import PortalAPI

extension SQLiteStorage {
    /// One page of the caller's orders, newest first, and how many there are. Filtered by user (and status)
    /// only, the total is read from `order_counts` and a deep page starts at a cached boundary
    /// (`OrderPageBoundaries`); a search or a customer filter counts, and skips, in the index. The customers
    /// join is made only where it is needed: for a name search, and for the page's own rows.
    func orders(_ scope: TenantScope, _ query: OrderQuery) async throws -> Page<Order> {
        let cache = orderPageBoundaries
        return try await read(scope) { tenantDB in
            let page = try tenantDB.orderPage(query, cache: cache)
            guard let statement = page.statement else { return Page(rows: [], total: page.total) }
            return Page(rows: try tenantDB.orders(statement.sql, statement.arguments), total: page.total)
        }
    }

    /// `EXPLAIN QUERY PLAN` of the statement that reads `query`'s page, one line a step, indented under its
    /// parent as the sqlite3 shell shows it (the tests check that it seeks in an index and never sorts the list).
    func orderPagePlan(_ scope: TenantScope, _ query: OrderQuery) async throws -> [String] {
        let cache = orderPageBoundaries
        return try await read(scope) { tenantDB in
            guard let statement = try tenantDB.orderPage(query, cache: cache).statement else { return [] }
            var depths: [Int: Int] = [:]
            return try tenantDB.rows("EXPLAIN QUERY PLAN " + statement.sql, statement.arguments).map { row in
                let depth = (depths[row["parent"]].map { $0 + 1 }) ?? 0
                depths[row["id"]] = depth
                return String(repeating: "  ", count: depth) + (row["detail"] as String)
            }
        }
    }
}

extension TenantDatabase {
    typealias Arguments = [String: (any DatabaseValueConvertible)?]

    /// The total `query` is cut from, and the statement that reads its page (nil past the last page). The
    /// statement's text is one of a few (by which filters and whether a boundary is used), never built from
    /// values, so that it is prepared once per connection.
    func orderPage(_ query: OrderQuery, cache: OrderPageBoundaryCache) throws -> (total: Int, statement: (sql: String, arguments: Arguments)?) {
        var from = "orders o"
        var filter = "o.tenant_id = :tenant AND o.placed_by = :user"
        var arguments: Arguments = [:]
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
            filter += " AND (instr(lower(o.order_number), :text) > 0 OR instr(c.name_key, :text) > 0)"
            arguments["text"] = text
        }
        var offset = query.list.offset
        let total: Int
        if query.customerId == nil && query.text == nil {
            let counted = try orderCount(status: query.status)
            total = counted.total
            guard offset < total else { return (total, nil) }
            if offset >= OrderPageBoundaries.stride {
                let key = OrderPageBoundaryCache.Key(tenantId: scope.tenantId, userId: scope.userId, status: query.status?.rawValue)
                let boundaries: OrderPageBoundaries
                if let known = cache.boundaries(for: key, revision: counted.revision) {
                    boundaries = known
                } else {
                    boundaries = try orderPageBoundaries(status: query.status)
                    cache.store(boundaries, for: key)
                }
                if let start = boundaries.start(at: offset) {
                    filter += " AND (o.created_at, o.id) <= ((SELECT b.created_at FROM orders b WHERE b.tenant_id = :tenant AND b.id = :boundary), :boundary)"
                    arguments["boundary"] = start.id
                    offset = start.skip
                }
            }
        } else {
            total = try int("SELECT COUNT(*) FROM \(from) WHERE \(filter)", arguments)
            guard offset < total else { return (total, nil) }
        }
        arguments["limit"] = query.list.limit
        arguments["offset"] = offset
        let sql = """
            SELECT \(Self.orderColumns) FROM orders o
            JOIN customers c ON c.id = o.customer_id AND c.tenant_id = :tenant
            WHERE o.rowid IN (
                SELECT o.rowid FROM \(from) WHERE \(filter)
                ORDER BY o.created_at DESC, o.id DESC LIMIT :limit OFFSET :offset)
            ORDER BY o.created_at DESC, o.id DESC
            """
        return (total, (sql, arguments))
    }

    /// The caller's order count (of one status, or all) and its revision, from `order_counts`.
    func orderCount(status: OrderStatus?) throws -> (total: Int, revision: Int) {
        var counted = (total: 0, revision: 0)
        try forEachRow(
            cached: """
                SELECT COALESCE(SUM(order_count), 0), COALESCE(SUM(revision), 0) FROM order_counts
                WHERE tenant_id = :tenant AND user_id = :user\(status == nil ? "" : " AND status = :status")
                """, ["status": status?.rawValue]
        ) { row in counted = (row[0], row[1]) }
        return counted
    }

    /// Every `stride`-th order of the caller's list (of one status, or all), newest first, read in one
    /// statement with the revision they belong to.
    func orderPageBoundaries(status: OrderStatus?) throws -> OrderPageBoundaries {
        let ofStatus = status == nil ? "" : " AND status = :status"
        let rows = try rows(
            """
            SELECT id, (SELECT COALESCE(SUM(revision), 0) FROM order_counts
                        WHERE tenant_id = :tenant AND user_id = :user\(ofStatus)) AS revision
            FROM (SELECT id, row_number() OVER (ORDER BY created_at DESC, id DESC) AS position FROM orders
                  WHERE tenant_id = :tenant AND placed_by = :user\(ofStatus))
            WHERE (position - 1) % :stride = 0 ORDER BY position
            """, ["status": status?.rawValue, "stride": OrderPageBoundaries.stride])
        return OrderPageBoundaries(revision: rows.first?["revision"] ?? 0, ids: rows.map { $0["id"] })
    }
}

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

    /// The total `query` is cut from, and the statement that reads its page (nil past the last page).
    func orderPage(_ query: OrderQuery, cache: OrderPageBoundaryCache) throws -> (total: Int, statement: (sql: String, arguments: Arguments)?) {
        var sql = OrderPageSQL(query, dialect: .sqlite)
        var offset = query.list.offset
        let total: Int
        if sql.isCountedAhead {
            let counted = try orderCount(status: query.status)
            total = counted.total
            if offset >= OrderPageBoundaries.stride, offset < total {
                let key = OrderPageBoundaryCache.Key(scope, status: query.status)
                let boundaries = try cache.boundaries(for: key, revision: counted.revision) ?? cache.store(orderPageBoundaries(status: query.status), for: key)
                if let start = boundaries.start(at: offset) {
                    sql.start(at: start.id)
                    offset = start.skip
                }
            }
        } else {
            total = try int(sql.count, sql.arguments.sqlite)
        }
        guard query.list.offset < total else { return (total, nil) }
        let page = sql.page(columns: Self.orderColumns, limit: query.list.limit, offset: offset)
        return (total, (page.sql, page.arguments.sqlite))
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

extension [String: OrderPageSQL.Value] {
    fileprivate var sqlite: TenantDatabase.Arguments {
        mapValues { value in
            switch value {
            case .text(let text): text
            case .integer(let integer): integer
            }
        }
    }
}

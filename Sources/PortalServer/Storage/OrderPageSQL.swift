import PortalAPI

/// The statements that read one page of a caller's orders, newest first, for both backends; only a few
/// words of dialect differ. The text is one of a few (by which filters are set and whether a boundary is
/// used), never built from values, so that a backend can prepare it once per connection.
struct OrderPageSQL {
    enum Dialect { case sqlite, postgres }
    /// A bound value; every one the list binds is text or an integer.
    enum Value { case text(String), integer(Int) }

    let dialect: Dialect
    private(set) var from = "orders o"
    private(set) var filter = "o.tenant_id = :tenant AND o.placed_by = :user"
    private(set) var arguments: [String: Value] = [:]
    /// Filtered by user (and status) only: the total is read from `order_counts` and a deep page may start
    /// at a cached boundary (`OrderPageBoundaries`). A search or a customer filter counts, and skips, in the index.
    let isCountedAhead: Bool

    init(_ query: OrderQuery, dialect: Dialect) {
        self.dialect = dialect
        isCountedAhead = query.customerId == nil && query.text == nil
        if let status = query.status {
            filter += " AND o.status = :status"
            arguments["status"] = .text(status.rawValue)
        }
        if let customerId = query.customerId {
            filter += " AND o.customer_id = :customer"
            arguments["customer"] = .text(customerId)
        }
        if let text = query.text?.lowercased() {
            let contains = dialect == .sqlite ? "instr" : "strpos"
            from += " JOIN customers c ON c.id = o.customer_id AND c.tenant_id = :tenant"
            filter += " AND (\(contains)(lower(o.order_number), :text) > 0 OR \(contains)(c.name_key, :text) > 0)"
            arguments["text"] = .text(text)
        }
    }

    /// Counts the orders the filters match (where they are not counted ahead).
    var count: String { "SELECT COUNT(*) FROM \(from) WHERE \(filter)" }

    /// The page starts at the order `id` (a boundary) instead of at the top of the list.
    mutating func start(at id: String) {
        filter += " AND (o.created_at, o.id\(collation)) <= ((SELECT b.created_at FROM orders b WHERE b.tenant_id = :tenant AND b.id = :boundary), :boundary)"
        arguments["boundary"] = .text(id)
    }

    /// Reads `limit` orders after skipping `offset`, each with its customer's name; the customers join is
    /// made only for the page's own rows.
    func page(columns: String, limit: Int, offset: Int) -> (sql: String, arguments: [String: Value]) {
        var arguments = arguments
        arguments["limit"] = .integer(limit)
        arguments["offset"] = .integer(offset)
        let newestFirst = "ORDER BY o.created_at DESC, o.id\(collation) DESC"
        let sql =
            switch dialect {
            case .sqlite:
                """
                SELECT \(columns) FROM orders o
                JOIN customers c ON c.id = o.customer_id AND c.tenant_id = :tenant
                WHERE o.rowid IN (SELECT o.rowid FROM \(from) WHERE \(filter) \(newestFirst) LIMIT :limit OFFSET :offset)
                \(newestFirst)
                """
            case .postgres:
                """
                SELECT \(columns) FROM (SELECT o.* FROM \(from) WHERE \(filter) \(newestFirst) LIMIT :limit OFFSET :offset) o
                JOIN customers c ON c.id = o.customer_id AND c.tenant_id = :tenant
                \(newestFirst)
                """
            }
        return (sql, arguments)
    }

    /// PostgreSQL sorts ids bytewise, as SQLite does, only when told to.
    private var collation: String { dialect == .postgres ? " COLLATE \"C\"" : "" }
}

import Foundation
import GRDB
import PortalAPI

/// A database connection seen through one tenant and user: the only way storage code reaches
/// tenant-owned tables. Every statement binds `:tenant` and `:user` from the scope; the SQL compares
/// each tenant-owned table's `tenant_id` with `:tenant` (a statement without it is refused).
struct TenantDatabase {
    let db: Database
    let scope: TenantScope
    let tenant: TenantRow

    init(db: Database, scope: TenantScope) throws {
        self.db = db
        self.scope = scope
        // Every request opens with this check: a statement prepared once per connection, read by column index.
        let statement = try db.cachedStatement(sql: "SELECT \(TenantRow.columns) FROM tenants WHERE id = ?")
        guard let row = try Row.fetchOne(statement, arguments: [scope.tenantId]) else { throw APIError.unauthorized }
        self.tenant = TenantRow(row: row)
    }

    func rows(_ sql: String, _ arguments: [String: (any DatabaseValueConvertible)?] = [:]) throws -> [Row] {
        try Row.fetchAll(db, sql: checked(sql), arguments: bound(arguments))
    }

    func row(_ sql: String, _ arguments: [String: (any DatabaseValueConvertible)?] = [:]) throws -> Row? {
        try Row.fetchOne(db, sql: checked(sql), arguments: bound(arguments))
    }

    /// Each row of `sql` in turn, through a statement prepared once per connection and kept (GRDB's statement
    /// cache). For the hot paths only: `sql` must be one of a few fixed texts, never one built from values. A row
    /// is valid only inside `body` (read it by column index there; it is not copied).
    func forEachRow(cached sql: String, _ arguments: [String: (any DatabaseValueConvertible)?] = [:], _ body: (Row) throws -> Void) throws {
        let cursor = try Row.fetchCursor(try db.cachedStatement(sql: checked(sql)), arguments: bound(arguments))
        while let row = try cursor.next() { try body(row) }
    }

    func int(_ sql: String, _ arguments: [String: (any DatabaseValueConvertible)?] = [:]) throws -> Int {
        try Int.fetchOne(db, sql: checked(sql), arguments: bound(arguments)) ?? 0
    }

    func execute(_ sql: String, _ arguments: [String: (any DatabaseValueConvertible)?] = [:]) throws {
        try db.execute(sql: checked(sql), arguments: bound(arguments))
    }

    private func checked(_ sql: String) -> String {
        precondition(sql.contains(":tenant"), "tenant-scoped SQL must filter on :tenant")
        return sql
    }

    private func bound(_ arguments: [String: (any DatabaseValueConvertible)?]) -> StatementArguments {
        var all = arguments
        all["tenant"] = scope.tenantId
        all["user"] = scope.userId
        return StatementArguments(all)
    }

    /// `tax` on a subtotal, rounded half up; carts and orders both use it.
    func tax(on subtotalCents: Int) -> Int {
        (subtotalCents * tenant.taxRateBasisPoints + 5_000) / 10_000
    }
}

struct TenantRow: Sendable {
    var tenant: Tenant
    var taxRateBasisPoints: Int
    /// Order numbers read `PREFIX-10001`.
    var orderPrefix: String

    /// What `init(row:)` reads, in its order.
    static let columns = "id, slug, name, currency, timezone, tax_rate_bp, order_prefix"

    /// A row of `SELECT \(columns) FROM tenants`.
    init(row: Row) {
        tenant = Tenant(id: row[0], slug: row[1], name: row[2], currency: row[3], timezone: row[4])
        taxRateBasisPoints = row[5]
        orderPrefix = row[6]
    }
}

/// New opaque ids.
enum Identifier {
    static func make(_ prefix: String) -> String {
        prefix + "_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
    }
}

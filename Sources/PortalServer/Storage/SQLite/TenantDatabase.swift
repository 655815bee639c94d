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
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM tenants WHERE id = ?", arguments: [scope.tenantId]) else {
            throw APIError.unauthorized
        }
        self.tenant = TenantRow(row: row)
    }

    func rows(_ sql: String, _ arguments: [String: (any DatabaseValueConvertible)?] = [:]) throws -> [Row] {
        try Row.fetchAll(db, sql: checked(sql), arguments: bound(arguments))
    }

    func row(_ sql: String, _ arguments: [String: (any DatabaseValueConvertible)?] = [:]) throws -> Row? {
        try Row.fetchOne(db, sql: checked(sql), arguments: bound(arguments))
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

    init(row: Row) {
        tenant = Tenant(id: row["id"], slug: row["slug"], name: row["name"], currency: row["currency"], timezone: row["timezone"])
        taxRateBasisPoints = row["tax_rate_bp"]
        orderPrefix = row["order_prefix"]
    }
}

/// New opaque ids.
enum Identifier {
    static func make(_ prefix: String) -> String {
        prefix + "_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
    }
}

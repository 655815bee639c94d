import Foundation
import PostgresNIO
import PortalAPI

/// A PostgreSQL connection inside a transaction that `PostgresDatabase.withTenant` opened for one tenant
/// and user: the only way storage code reaches tenant-owned tables. As `TenantDatabase` does for SQLite,
/// every statement binds `:tenant` and `:user` from the scope, and a statement whose SQL does not name
/// `:tenant` is refused. Row-level security (`app.tenant_id`, set for this transaction) is the second,
/// independent guard: a statement that compared the wrong column would still see only this tenant's rows.
struct PostgresTenantDatabase {
    let connection: PostgresConnection
    let scope: TenantScope
    let tenant: TenantRow
    let logger: Logger

    init(connection: PostgresConnection, scope: TenantScope, logger: Logger) async throws {
        self.connection = connection
        self.scope = scope
        self.logger = logger
        let rows = try await connection.rows("SELECT * FROM tenants WHERE id = :tenant", ["tenant": scope.tenantId], logger: logger)
        guard let row = rows.first else { throw APIError.unauthorized }
        self.tenant = try TenantRow(row: row)
    }

    func rows(_ sql: String, _ arguments: SQLArguments = [:]) async throws -> [SQLRow] {
        try await connection.rows(checked(sql), bound(arguments), logger: logger)
    }

    func row(_ sql: String, _ arguments: SQLArguments = [:]) async throws -> SQLRow? {
        try await rows(sql, arguments).first
    }

    func int(_ sql: String, _ arguments: SQLArguments = [:]) async throws -> Int {
        guard let row = try await row(sql, arguments), let value = try row.cells.first?.decode(Int?.self) else { return 0 }
        return value
    }

    /// Runs a statement; how many rows it returned (add `RETURNING` to count changed rows).
    @discardableResult
    func execute(_ sql: String, _ arguments: SQLArguments = [:]) async throws -> Int {
        try await connection.run(checked(sql), bound(arguments), logger: logger)
    }

    private func checked(_ sql: String) -> String {
        precondition(sql.contains(":tenant"), "tenant-scoped SQL must filter on :tenant")
        return sql
    }

    private func bound(_ arguments: SQLArguments) -> SQLArguments {
        var all = arguments
        all["tenant"] = scope.tenantId
        all["user"] = scope.userId
        return all
    }

    /// `tax` on a subtotal, rounded half up; carts and orders both use it.
    func tax(on subtotalCents: Int) -> Int {
        (subtotalCents * tenant.taxRateBasisPoints + 5_000) / 10_000
    }
}

extension TenantRow {
    init(row: SQLRow) throws {
        tenant = Tenant(id: try row["id"], slug: try row["slug"], name: try row["name"], currency: try row["currency"], timezone: try row["timezone"])
        taxRateBasisPoints = try row["tax_rate_bp"]
        orderPrefix = try row["order_prefix"]
    }
}

import Foundation
import Logging
import PortalAPI
import PortalTestSupport
import PostgresNIO
import Testing
@testable import PortalServer

/// Row-level security on its own, as the role the portal connects as (`leora`, the owner of the database):
/// with no tenant set nothing is visible, with one tenant set nothing of another is, even to SQL that
/// forgot its tenant filter. Runs in the PostgreSQL pass of the suite (`LEORA_TEST_DATABASE=postgres`).
@Suite("Row-level security", .enabled(if: TestBackend.current == .postgres && PostgresTestCluster.isInstalled))
struct RowLevelSecurityTests {
    static let northwind = "ten_northwind"

    /// `body` with a connection as the portal's role to a freshly seeded portal database.
    func asThePortalRole(_ body: (PostgresConnection, TestServer) async throws -> Void) async throws {
        try await withServer { server in
            let name = try #require(URLComponents(string: server.databasePath)?.path.dropFirst())
            try await PostgresTestCluster.shared().withClient(database: String(name), role: PostgresTestCluster.appRole) { client in
                try await client.withConnection { connection in try await body(connection, server) }
            }
        }
    }

    func count(_ connection: PostgresConnection, _ sql: String) async throws -> Int {
        var value = 0
        for try await row in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: Self.logger) {
            value = try row.makeRandomAccess()[0].decode(Int.self)
        }
        return value
    }

    func strings(_ connection: PostgresConnection, _ sql: String) async throws -> [String] {
        var values: [String] = []
        for try await row in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: Self.logger) {
            values.append(try row.makeRandomAccess()[0].decode(String.self))
        }
        return values
    }

    static let logger = Logger(label: "rls-test")

    @Test func withoutATenantEveryTenantTableIsEmpty() async throws {
        try await asThePortalRole { connection, server in
            let seeded = try await server.database().strings("SELECT COUNT(*)::text FROM orders")
            #expect(Int(seeded.first ?? "0") ?? 0 > 600, "the superuser sees the seeded orders")
            for table in PostgresMigrations.tenantTables {
                #expect(try await count(connection, "SELECT COUNT(*) FROM \(table)") == 0, "\(table) outside a transaction")
                try await connection.perform("BEGIN", logger: Self.logger)
                #expect(try await count(connection, "SELECT COUNT(*) FROM \(table)") == 0, "\(table) inside one, no tenant set")
                try await connection.perform("ROLLBACK", logger: Self.logger)
            }
        }
    }

    @Test func withTenantASetAStatementWithoutItsFilterSeesNoneOfTenantB() async throws {
        try await asThePortalRole { connection, _ in
            try await connection.perform("BEGIN", logger: Self.logger)
            try await connection.perform("SELECT set_config('app.tenant_id', \(Self.northwind), true)", logger: Self.logger)
            for table in PostgresMigrations.tenantTables {
                let key = table == "tenants" ? "id" : "tenant_id"
                let tenants = try await strings(connection, "SELECT DISTINCT \(key) FROM \(table)")
                #expect(tenants.allSatisfy { $0 == Self.northwind }, "\(table): \(tenants)")
            }
            #expect(try await count(connection, "SELECT COUNT(*) FROM orders") > 400, "the tenant's own rows are there")
            #expect(try await count(connection, "SELECT COUNT(*) FROM users WHERE email = 'rep@fjord.test'") == 0)
            // Writing a row of another tenant is refused too.
            await #expect {
                try await connection.perform(
                    "INSERT INTO customers (id, tenant_id, name, name_key, account_number, city) VALUES ('cus_x', 'ten_fjord', 'x', 'x', 'x', 'x')",
                    logger: Self.logger)
            } throws: { error in
                (error as? PSQLError)?.serverInfo?[.sqlState] == "42501"
            }
            try await connection.perform("ROLLBACK", logger: Self.logger)
        }
    }

    @Test func theTenantSettingEndsWithItsTransaction() async throws {
        try await asThePortalRole { connection, _ in
            try await connection.perform("BEGIN", logger: Self.logger)
            try await connection.perform("SELECT set_config('app.tenant_id', \(Self.northwind), true)", logger: Self.logger)
            try await connection.perform("COMMIT", logger: Self.logger)
            #expect(try await strings(connection, "SELECT coalesce(current_setting('app.tenant_id', true), '')") == [""])
            #expect(try await count(connection, "SELECT COUNT(*) FROM orders") == 0)
        }
    }

    @Test func aCrossTenantStepReachesOnlyItsOwnTables() async throws {
        try await asThePortalRole { connection, _ in
            try await connection.perform("BEGIN", logger: Self.logger)
            try await connection.perform("SELECT set_config('app.cross_tenant', 'login', true)", logger: Self.logger)
            #expect(Set(try await strings(connection, "SELECT DISTINCT tenant_id FROM users")) == ["ten_northwind", "ten_fjord"])
            #expect(try await count(connection, "SELECT COUNT(*) FROM orders") == 0)
            #expect(try await count(connection, "SELECT COUNT(*) FROM sessions") == 0)
            await #expect(throws: (any Error).self, "the login step may not delete a user") {
                let deleted = try await count(connection, "WITH gone AS (DELETE FROM users RETURNING 1) SELECT COUNT(*) FROM gone")
                if deleted == 0 { throw TestFailure("nothing deleted") }
            }
            try await connection.perform("ROLLBACK", logger: Self.logger)
        }
    }

    @Test func everyTenantTableForcesRowLevelSecurityWithTheDeclaredPolicies() async throws {
        try await withServer { server in
            let database = server.database()
            let withTenantColumn = try await database.strings(
                "SELECT DISTINCT table_name::text FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'tenant_id'")
            #expect(Set(withTenantColumn).union(["tenants"]) == Set(PostgresMigrations.tenantTables))
            let forced = try await database.strings(
                "SELECT relname::text FROM pg_class WHERE relkind = 'r' AND relrowsecurity AND relforcerowsecurity")
            #expect(Set(PostgresMigrations.tenantTables).isSubset(of: Set(forced)))
            let isolation = try await database.strings("SELECT tablename::text FROM pg_policies WHERE policyname = 'tenant_isolation'")
            #expect(Set(isolation) == Set(PostgresMigrations.tenantTables))
            let crossing = try await database.strings(
                "SELECT tablename::text || ' ' || policyname::text FROM pg_policies WHERE policyname LIKE 'cross_tenant_%'")
            let declared = PostgresMigrations.crossTenantGrants.flatMap { grant in
                grant.commands.map { "\(grant.table) cross_tenant_\(grant.step.rawValue)_\($0.lowercased())" }
            }
            #expect(Set(crossing) == Set(declared))
        }
    }

    @Test func aFailedTransactionLeavesNoSessionInsideOne() async throws {
        try await withServer { server in
            var logger = Logger(label: "rls-test")
            logger.logLevel = .critical
            let storage = try await PostgresStorage.open(try PostgresURL(parsing: server.databasePath), maximumConnections: 1, logger: logger)
            defer { storage.close() }
            let scope = TenantScope(tenantId: Self.northwind, userId: "")
            await #expect(throws: TestFailure.self) {
                try await storage.pool.withTenant(scope) { tenantDB -> Int in
                    _ = try await tenantDB.int("SELECT COUNT(*) FROM orders WHERE tenant_id = :tenant")
                    throw TestFailure("the work fails")
                }
            }
            // The one pooled connection serves the next request, outside any transaction and any tenant.
            let products = try await storage.products(
                TenantScope(tenantId: "ten_fjord", userId: ""), ProductQuery(list: ListQuery(page: 1, limit: 100)))
            #expect(products.total > 0)
            #expect(products.rows.count == products.total)
            let name = String(try #require(URLComponents(string: server.databasePath)?.path.dropFirst()))
            let idle = try await server.database().strings(
                "SELECT COUNT(*)::text FROM pg_stat_activity WHERE datname = '\(name)' AND state LIKE 'idle in transaction%'")
            #expect(idle == ["0"])
        }
    }

    @Test func theServerRefusesASuperuserOrABypassRLSRole() async throws {
        try await withServer { server in
            let cluster = try await PostgresTestCluster.shared()
            let name = String(try #require(URLComponents(string: server.databasePath)?.path.dropFirst()))
            for (role, reason) in [(PostgresTestCluster.superuser, "a superuser"), (PostgresTestCluster.bypassRole, "BYPASSRLS")] {
                await #expect {
                    _ = try await PostgresStorage.open(try PostgresURL(parsing: cluster.url(database: name, role: role)), logger: Logger(label: "t"))
                } throws: { error in
                    "\(error)".contains("refusing to run as PostgreSQL role \"\(role)\"") && "\(error)".contains(reason)
                }
            }
            let refused = try PortalProcess.runToExit(
                ["--port", "0", "--metrics-address", "none", "--database", cluster.url(database: name, role: PostgresTestCluster.superuser)])
            #expect(refused.status != 0)
            #expect(refused.output.contains("refusing to run as PostgreSQL role \"postgres\""), "\(refused.output)")
        }
    }

    @Test func theServerRefusesADatabaseWhoseRowLevelSecurityWasTurnedOff() async throws {
        try await withServer { server in
            try await server.database().execute("ALTER TABLE orders NO FORCE ROW LEVEL SECURITY")
            await #expect {
                _ = try await PostgresStorage.open(try PostgresURL(parsing: server.databasePath), logger: Logger(label: "t"))
            } throws: { error in
                "\(error)".contains("not enabled and forced on orders")
            }
        }
    }
}

import Foundation
import Logging
import NIOCore
import PortalAPI
import PostgresNIO

/// `PortalStorage` on PostgreSQL (postgres-nio's `PostgresClient` pool). At open it checks the role it
/// connects as (never a superuser, never `BYPASSRLS`), applies the migrations, and checks that every
/// tenant table still has row-level security forced. Tenant work goes through `PostgresPool.withTenant`,
/// everything else through the named steps of `CrossTenant`.
final class PostgresStorage: PortalStorage {
    let pool: PostgresPool
    /// Where the deep pages of each order list start (`OrderPageBoundaries`).
    let orderPageBoundaries = OrderPageBoundaryCache()
    private let runner: Task<Void, Never>

    private init(pool: PostgresPool, runner: Task<Void, Never>) {
        self.pool = pool
        self.runner = runner
    }

    /// Connects, checks the role, migrates. `maximumConnections` bounds the pool.
    static func open(_ url: PostgresURL, maximumConnections: Int = 20, logger: Logger) async throws -> PostgresStorage {
        var configuration: PostgresClient.Configuration
        switch url.endpoint {
        case .unixSocket(let path):
            configuration = .init(unixSocketPath: path, username: url.user, password: url.password, database: url.database)
        case .tcp(let host, let port):
            configuration = .init(host: host, port: port, username: url.user, password: url.password, database: url.database, tls: .disable)
        }
        configuration.options.maximumConnections = max(1, maximumConnections)
        configuration.options.connectTimeout = .seconds(5)
        // Every session in UTC; a transaction left idle (it never should be) is ended by the server.
        configuration.options.additionalStartupParameters = [
            ("TimeZone", "UTC"), ("idle_in_transaction_session_timeout", "15s"), ("application_name", "leora-portal"),
        ]
        var backgroundLogger = logger
        backgroundLogger.logLevel = max(logger.logLevel, .error)
        let client = PostgresClient(configuration: configuration, backgroundLogger: backgroundLogger)
        let pool = PostgresPool(client: client, logger: logger)
        let runner = Task { await pool.run() }
        let storage = PostgresStorage(pool: pool, runner: runner)
        do {
            try await storage.prepare(url)
        } catch {
            storage.close()
            throw error
        }
        return storage
    }

    private func prepare(_ url: PostgresURL) async throws {
        let role: (name: String, superuser: Bool, bypassesRLS: Bool)
        do {
            // One connection of its own first: the pool would retry a refused connection for ever, this fails at once.
            let probe = try await PostgresConnection.connect(configuration: Self.connectionConfiguration(url), id: 0, logger: pool.logger)
            try? await probe.close()
            role = try await Self.within(.seconds(15)) { [pool] in try await CrossTenant.connectedRole(in: pool) }
        } catch let error as PostgresStorageError {
            throw PostgresStorageError.unreachable("cannot connect to \(url): \(error)")
        } catch {
            throw PostgresStorageError.unreachable("cannot connect to \(url): \(Self.describe(error))")
        }
        if role.superuser || role.bypassesRLS {
            throw PostgresStorageError.unsafeRole(
                "refusing to run as PostgreSQL role \"\(role.name)\": it is \(role.superuser ? "a superuser" : "a role with BYPASSRLS"), "
                    + "which row-level security does not bind. Connect as a role with NOSUPERUSER NOBYPASSRLS that owns the database "
                    + "(CREATE ROLE leora LOGIN NOSUPERUSER NOBYPASSRLS; CREATE DATABASE leora OWNER leora).")
        }
        let applied = try await CrossTenant.migrate(in: pool)
        if !applied.isEmpty { pool.logger.info("applied migrations", metadata: ["versions": "\(applied.joined(separator: ", "))"]) }
        let unforced = try await CrossTenant.tablesWithoutForcedRLS(in: pool)
        guard unforced.isEmpty else {
            throw PostgresStorageError.unsafeRole(
                "refusing to run: row-level security is not enabled and forced on \(unforced.joined(separator: ", ")) "
                    + "(ALTER TABLE … ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY)")
        }
    }

    private static func connectionConfiguration(_ url: PostgresURL) -> PostgresConnection.Configuration {
        switch url.endpoint {
        case .unixSocket(let path):
            .init(unixSocketPath: path, username: url.user, password: url.password, database: url.database)
        case .tcp(let host, let port):
            .init(host: host, port: port, username: url.user, password: url.password, database: url.database, tls: .disable)
        }
    }

    /// Ends the pool's connections.
    func close() {
        runner.cancel()
    }

    /// The health probe, within 5 seconds: a pool whose database is gone keeps trying to connect.
    func ping() async throws {
        try await Self.within(.seconds(5)) { [pool] in try await CrossTenant.read(in: pool) }
        do {
            try await Self.within(.seconds(5)) { [pool] in try await CrossTenant.probe(at: Date(), in: pool) }
        } catch let error as PSQLError where error.serverInfo?[.sqlState].map(Self.refusesWrites) == true {
            throw StorageProbeFailure.readOnly
        }
    }

    /// SQLSTATEs of a database that reads but will not write: read-only transaction or server, disk full,
    /// insufficient privilege, and an error raised on purpose (`P0001`, as a trigger refusing writes does).
    private static func refusesWrites(_ state: String) -> Bool {
        ["25006", "53100", "42501", "P0001", "57P03"].contains(state)
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] { return message }
            if let underlying = error.underlying { return "\(underlying)" }
            return "\(error.code)"
        }
        return "\(error)"
    }

    /// `body`, or a timeout error after `limit` (a pool that cannot connect waits for a connection forever).
    static func within<T: Sendable>(_ limit: Duration, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(for: limit)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let value = first else {
                throw PostgresStorageError.unreachable("no connection within \(limit)")
            }
            return value
        }
    }
}

enum PostgresStorageError: Error, CustomStringConvertible {
    case unreachable(String)
    case unsafeRole(String)

    var description: String {
        switch self {
        case .unreachable(let message), .unsafeRole(let message): message
        }
    }
}

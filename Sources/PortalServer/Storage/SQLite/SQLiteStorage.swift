import Foundation
import GRDB
import PortalAPI

/// `PortalStorage` on an embedded SQLite database (GRDB): WAL, foreign keys on, migrations at open.
final class SQLiteStorage: PortalStorage {
    let writer: any DatabaseWriter

    /// `path` is a file, or `:memory:` for a private in-memory database.
    init(path: String) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        if path == ":memory:" {
            writer = try DatabaseQueue(configuration: configuration)
        } else {
            try FileManager.default.createDirectory(
                at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
            writer = try DatabasePool(path: path, configuration: configuration)
        }
        try Migrations.migrator.migrate(writer)
    }

    /// Runs `body` in a read transaction seen through `scope`.
    func read<T: Sendable>(_ scope: TenantScope, _ body: @Sendable @escaping (TenantDatabase) throws -> T) async throws -> T {
        try await writer.read { db in try body(TenantDatabase(db: db, scope: scope)) }
    }

    /// Runs `body` in one write transaction seen through `scope`.
    func write<T: Sendable>(_ scope: TenantScope, _ body: @Sendable @escaping (TenantDatabase) throws -> T) async throws -> T {
        try await writer.write { db in try body(TenantDatabase(db: db, scope: scope)) }
    }

    func ping() async throws {
        _ = try await writer.read { db in try Int.fetchOne(db, sql: "SELECT 1") }
    }
}

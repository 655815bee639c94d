import Foundation
import GRDB
import PortalAPI

/// `PortalStorage` on an embedded SQLite database (GRDB): WAL, foreign keys on, migrations at open.
final class SQLiteStorage: PortalStorage {
    let writer: any DatabaseWriter
    /// Where the deep pages of each order list start (`OrderPageBoundaries`).
    let orderPageBoundaries = OrderPageBoundaryCache()
    /// The file opened, and its identity then, so the probe notices it deleted or replaced.
    private let file: (path: String, identity: FileIdentity)?

    /// `path` is a file, or `:memory:` for a private in-memory database.
    init(path: String) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        if path == ":memory:" {
            writer = try DatabaseQueue(configuration: configuration)
            file = nil
        } else {
            try FileManager.default.createDirectory(
                at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
            writer = try DatabasePool(path: path, configuration: configuration)
            file = FileIdentity(path: path).map { (path, $0) }
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
        if let file, FileIdentity(path: file.path) != file.identity { throw StorageProbeFailure.fileMissing }
        _ = try await writer.read { db in try Int.fetchOne(db, sql: "SELECT 1") }
        do {
            try await writer.write { db in
                try db.execute(sql: "INSERT OR REPLACE INTO health_probe (id, checked_at) VALUES (1, ?)", arguments: [Date()])
            }
        } catch {
            throw StorageProbeFailure.readOnly
        }
    }
}

/// A file's device and inode: equal for the same file, different once it is deleted or replaced.
struct FileIdentity: Equatable, Sendable {
    var device: UInt64
    var inode: UInt64

    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}

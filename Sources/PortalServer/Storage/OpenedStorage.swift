import Foundation
import Logging

/// Storage that can also load a seed dataset (every implementation can).
protocol SeedableStorage: PortalStorage {
    /// Loads `dataset` unless the database already has tenants. Returns whether it loaded.
    func load(_ dataset: SeedDataset, passwordHash: String, at date: Date) async throws -> Bool
}

extension SQLiteStorage: SeedableStorage {}
extension PostgresStorage: SeedableStorage {}

/// Storage opened from a `DatabaseLocation`, and how to let go of it.
struct OpenedStorage: Sendable {
    let storage: any SeedableStorage
    /// Ends the PostgreSQL pool's connections (nothing for SQLite, which closes with the last reference).
    let close: @Sendable () -> Void

    static func open(_ location: DatabaseLocation, maximumConnections: Int = 20, logger: Logger) async throws -> OpenedStorage {
        switch location {
        case .sqlite(let path):
            return OpenedStorage(storage: try SQLiteStorage(path: path), close: {})
        case .postgres(let url):
            let storage = try await PostgresStorage.open(url, maximumConnections: maximumConnections, logger: logger)
            return OpenedStorage(storage: storage, close: { storage.close() })
        }
    }
}

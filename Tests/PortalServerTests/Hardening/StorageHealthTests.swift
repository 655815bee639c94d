import Foundation
import GRDB
import PortalAPI
import PortalTestSupport
import Testing

/// Health tells the truth about storage: a database that refuses writes is degraded, one whose file
/// is gone is unhealthy.
@Suite("Storage health")
struct StorageHealthTests {
    @Test func aDeletedDatabaseFileMakesTheServerUnhealthy() async throws {
        try await withServer { server in
            #expect(try await server.client().get(Routes.health).json["status"] == "healthy")
            let directory = URL(fileURLWithPath: server.databasePath).deletingLastPathComponent()
            try FileManager.default.removeItem(at: directory)
            let health = try await server.client().get(Routes.health)
            #expect(health.status == 503)
            #expect(health.json["status"] == "unhealthy")
            #expect(health.json["checks"]?["database"]?["status"] == "down")
        }
    }

    @Test func aDatabaseThatRefusesWritesIsDegraded() async throws {
        try await withServer { server in
            // Root ignores file modes, so the refusal is made inside SQLite: every write to the probe table fails,
            // as it would on a read-only file system.
            let database = try server.database()
            try await database.write { db in
                try db.execute(sql: "CREATE TRIGGER refuse_probe BEFORE INSERT ON health_probe BEGIN SELECT RAISE(FAIL, 'attempt to write a readonly database'); END")
            }
            let health = try await server.client().get(Routes.health)
            #expect(health.status == 200)
            #expect(health.json["status"] == "degraded")
            #expect(health.json["checks"]?["database"]?["status"] == "degraded")
        }
    }
}

import Foundation
import PortalAPI
import PortalTestSupport
import Testing

/// Health tells the truth about storage: a database that refuses writes is degraded, one whose file
/// is gone is unhealthy.
@Suite("Storage health")
struct StorageHealthTests {
    @Test func aDeletedDatabaseMakesTheServerUnhealthy() async throws {
        try await withServer { server in
            #expect(try await server.client().get(Routes.health).json["status"] == "healthy")
            try await server.destroyDatabase()
            let health = try await server.client().get(Routes.health)
            #expect(health.status == 503)
            #expect(health.json["status"] == "unhealthy")
            #expect(health.json["checks"]?["database"]?["status"] == "down")
        }
    }

    @Test func aDatabaseThatRefusesWritesIsDegraded() async throws {
        try await withServer { server in
            // Root ignores file modes, so the refusal is made inside the database: every write to the probe table
            // fails, as it would on a read-only file system.
            let database = server.database()
            switch database.backend {
            case .sqlite:
                try await database.execute(
                    "CREATE TRIGGER refuse_probe BEFORE INSERT ON health_probe BEGIN SELECT RAISE(FAIL, 'attempt to write a readonly database'); END")
            case .postgres:
                try await database.execute(
                    "CREATE FUNCTION refuse_probe() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'read-only'; END $$")
                try await database.execute(
                    "CREATE TRIGGER refuse_probe BEFORE INSERT OR UPDATE ON health_probe FOR EACH ROW EXECUTE FUNCTION refuse_probe()")
            }
            let health = try await server.client().get(Routes.health)
            #expect(health.status == 200)
            #expect(health.json["status"] == "degraded")
            #expect(health.json["checks"]?["database"]?["status"] == "degraded")
        }
    }
}

import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import PortalAPI
@testable import PortalServer

/// A real `leora-portal` application on 127.0.0.1 (a free port), over a fresh database seeded with the
/// demo data (a SQLite file, or a PostgreSQL database of the test cluster: `TestBackend`), served until `stop()`.
public final class TestServer: Sendable {
    public static let secret = "test-secret-that-is-long-enough-for-hs256-0123456789"
    public static let password = SeedDataset.demoPassword
    public static let cronSecret = "test-cron-secret"
    public static let metricsToken = "test-metrics-token"
    public static let stripeWebhookSecret = "whsec_test-stripe-endpoint-secret"

    public let baseURL: String
    /// The database: a SQLite path, or a postgres:// URL.
    public let databasePath: String
    /// The temporary directory this server made, removed at `stop()`.
    private let directory: URL
    private let service: LoopbackService
    /// The PostgreSQL database this server made, dropped at `stop()`.
    private let createdDatabase: String?

    private init(baseURL: String, databasePath: String, directory: URL, service: LoopbackService, createdDatabase: String?) {
        self.baseURL = baseURL
        self.databasePath = databasePath
        self.directory = directory
        self.service = service
        self.createdDatabase = createdDatabase
    }

    public static func start(
        clock: @escaping @Sendable () -> Date = { Date() },
        configure: (inout ServerConfiguration) -> Void = { _ in }
    ) async throws -> TestServer {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("leora-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var configuration = ServerConfiguration(jwtSecret: Array(secret.utf8))
        configuration.port = 0
        let fresh = try await TestBackend.current.freshDatabase(in: directory)
        configuration.databasePath = fresh
        configuration.databaseMaximumConnections = 4
        configuration.seed = "demo"
        configuration.bcryptCost = 4
        configuration.logLevel = .warning
        // Tests drive webhook delivery through the cron route, on their own clock.
        configuration.webhookInterval = nil
        configuration.retentionInterval = nil
        // A briefing call's outcome stands for the whole test however slow the machine (a test that wants
        // probing sets 0).
        configuration.modelProbeInterval = 3_600
        configuration.cronSecret = cronSecret
        configuration.metricsToken = metricsToken
        // Subscribers in tests listen on 127.0.0.1; the hardening tests turn this off again.
        configuration.allowPrivateWebhooks = true
        configuration.stripeWebhookSecret = stripeWebhookSecret
        configure(&configuration)
        // A test that names its own database keeps it; the fresh one is not needed then.
        let freshName = TestDatabase.postgresName(of: fresh)
        let createdDatabase = configuration.databasePath == fresh ? freshName : nil
        if let freshName, createdDatabase == nil { try? await PostgresTestCluster.shared().dropDatabase(freshName) }
        let service: LoopbackService
        do {
            service = try await LoopbackService.start(logger: Logger(label: "test-server")) { [configuration] onListening in
                try await PortalApplication.make(configuration, clock: clock, onListening: onListening)
            }
        } catch {
            if let createdDatabase { try? await PostgresTestCluster.shared().dropDatabase(createdDatabase) }
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
        return TestServer(
            baseURL: "http://127.0.0.1:\(service.port)", databasePath: configuration.databasePath, directory: directory, service: service,
            createdDatabase: createdDatabase)
    }

    /// A new client with an empty cookie jar.
    public func client() -> TestClient { TestClient(baseURL: baseURL) }

    /// A client logged in as `email`.
    public func login(_ email: String) async throws -> TestClient {
        let client = client()
        let response = try await client.post(Routes.login, json: ["email": .string(email), "password": .string(Self.password)])
        guard response.status == 200 else { throw TestFailure("login of \(email) answered \(response.status): \(response.text)") }
        return client
    }

    public func stop() async {
        await service.stop()
        try? FileManager.default.removeItem(at: directory)
        if let createdDatabase { try? await PostgresTestCluster.shared().dropDatabase(createdDatabase) }
    }
}

public struct TestFailure: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Starts a server, runs `body`, stops the server.
public func withServer<T>(
    clock: @escaping @Sendable () -> Date = { Date() },
    _ configure: (inout ServerConfiguration) -> Void = { _ in },
    _ body: (TestServer) async throws -> T
) async throws -> T {
    let server = try await TestServer.start(clock: clock, configure: configure)
    do {
        let result = try await body(server)
        await server.stop()
        return result
    } catch {
        await server.stop()
        throw error
    }
}

extension TestServer {
    /// The server's database, opened beside it, across tenants.
    public func database() -> TestDatabase { TestDatabase(location: databasePath) }

    /// The backend this server runs on.
    public var backend: TestBackend { TestDatabase(location: databasePath).backend }

    /// Takes the database away under the running server: deletes the SQLite file's directory, or drops
    /// the PostgreSQL database (ending its sessions).
    public func destroyDatabase() async throws {
        if let name = TestDatabase.postgresName(of: databasePath) {
            try await PostgresTestCluster.shared().dropDatabase(name)
        } else {
            try FileManager.default.removeItem(at: URL(fileURLWithPath: databasePath).deletingLastPathComponent())
        }
    }
}

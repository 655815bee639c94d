import Foundation
import Synchronization
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
    /// Whether this server took one of the `ServerSlots`, given back at `stop()`.
    private let holdsSlot = Mutex(false)

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
        // A server started inside another's `withServer` (two instances on one database) shares its slot.
        let takesASlot = !ServerSlots.held
        if takesASlot { await ServerSlots.shared.acquire() }
        do {
            let server = try await startHoldingASlot(clock: clock, configure: configure)
            server.holdsSlot.withLock { $0 = takesASlot }
            return server
        } catch {
            if takesASlot { await ServerSlots.shared.release() }
            throw error
        }
    }

    private static func startHoldingASlot(
        clock: @escaping @Sendable () -> Date, configure: (inout ServerConfiguration) -> Void
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
        if holdsSlot.withLock({ $0 }) { await ServerSlots.shared.release() }
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
        let result = try await ServerSlots.$held.withValue(true) { try await body(server) }
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

/// How many test servers may run at once. Unbounded on SQLite; on PostgreSQL six (`LEORA_TEST_SERVERS`
/// changes it), so that two hundred servers seeding their databases at once do not starve each other's
/// requests past the client's deadline on two cores. A test that runs two servers at once holds two slots.
actor ServerSlots {
    static let shared = ServerSlots(
        capacity: ProcessInfo.processInfo.environment["LEORA_TEST_SERVERS"].flatMap(Int.init)
            ?? (TestBackend.current == .postgres ? 6 : Int.max))

    /// Set while a `withServer` body runs: servers it starts share the slot.
    @TaskLocal static var held = false

    private var available: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(capacity: Int) { available = max(2, capacity) }

    func acquire() async {
        if available > 0 {
            available -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty {
            available += 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}

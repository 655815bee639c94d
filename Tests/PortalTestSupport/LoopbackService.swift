import Hummingbird
import Logging
import ServiceLifecycle

/// A Hummingbird application served on 127.0.0.1 until `stop()`.
public final class LoopbackService: Sendable {
    public let port: Int
    private let services: ServiceGroup
    private let task: Task<Void, any Error>

    private init(port: Int, services: ServiceGroup, task: Task<Void, any Error>) {
        self.port = port
        self.services = services
        self.task = task
    }

    /// Starts the application `make` builds (it receives the callback to call with the bound port)
    /// and returns once it listens.
    public static func start<App: ApplicationProtocol>(
        logger: Logger, _ make: (@escaping @Sendable (Int) async -> Void) async throws -> App
    ) async throws -> LoopbackService {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = try await make { port in
            continuation.yield(port)
            continuation.finish()
        }
        let services = ServiceGroup(configuration: .init(services: [app], logger: logger))
        let task = Task { try await services.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw CancellationError() }
        return LoopbackService(port: port, services: services, task: task)
    }

    /// Serves `router` on a free port, logging only critical messages.
    public static func start(_ router: Router<BasicRequestContext>, label: String) async throws -> LoopbackService {
        var logger = Logger(label: label)
        logger.logLevel = .critical
        return try await start(logger: logger) { onListening in
            Application(
                router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: nil),
                onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) }, logger: logger)
        }
    }

    public func stop() async {
        await services.triggerGracefulShutdown()
        _ = try? await task.value
    }
}

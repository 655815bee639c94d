import Hummingbird
import Logging
import ServiceLifecycle

/// A second listener serving only `GET /metrics`, bound to 127.0.0.1 by default so the metrics stay on
/// the machine unless an operator says otherwise. If its address cannot be bound (another instance has
/// it), the portal still serves: the failure is logged and the metrics are not served by this process.
struct MetricsListener: Service {
    let host: String
    let port: Int
    let metrics: PortalMetrics
    let token: String?
    let logger: Logger
    /// Called with the bound port.
    let onListening: @Sendable (Int) async -> Void

    func run() async throws {
        let router = Router()
        let metrics = self.metrics
        let token = self.token
        router.get("metrics") { request, _ in try MetricsController.answer(request, metrics: metrics, token: token) }
        let application = Application(
            router: router, configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? port) }, logger: logger)
        do {
            try await application.run()
        } catch {
            logger.error("the metrics listener could not start on \(host):\(port); /metrics is not served", metadata: ["error": "\(error)"])
            try? await gracefulShutdown()
        }
    }
}

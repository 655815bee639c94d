import Metrics
import Prometheus

/// The server's integration metrics: the duration and outcome of every route, storage call,
/// language-model call and webhook delivery attempt, kept in one Prometheus registry per application.
/// Handed to each integration point explicitly (no global `MetricsSystem`), so that several servers in
/// one process — the tests — each count their own.
///
/// Every metric is a timer (a Prometheus histogram in seconds) with an `outcome` label: `success`, or
/// `failure` when the call threw or answered an error status (400 and above).
struct PortalMetrics: Sendable {
    /// Labels `method`, `route` (the pattern, `unmatched` for unknown paths), `status`, `outcome`.
    static let routeDuration = "portal_http_request_duration_seconds"
    /// Labels `operation` (the storage method, `orders(_:_:)`), `outcome`.
    static let storageCallDuration = "portal_storage_call_duration_seconds"
    /// Labels `model`, `outcome`.
    static let languageModelCallDuration = "portal_language_model_call_duration_seconds"
    /// Labels `event_type`, `outcome` (`success` when the subscriber answered 2xx).
    static let webhookDeliveryDuration = "portal_webhook_delivery_duration_seconds"

    private let registry = PrometheusCollectorRegistry()
    private let factory: PrometheusMetricsFactory

    init() {
        factory = PrometheusMetricsFactory(registry: registry)
    }

    /// Records one call that took `duration`.
    func record(_ name: String, _ dimensions: [(String, String)], duration: Duration, succeeded: Bool) {
        Timer(label: name, dimensions: dimensions + [("outcome", succeeded ? "success" : "failure")], factory: factory)
            .record(duration: duration)
    }

    /// Runs `body` and records how long it took; a throw is a failure.
    func measure<Result>(_ name: String, _ dimensions: [(String, String)], _ body: () async throws -> Result) async rethrows -> Result {
        let started = ContinuousClock.now
        do {
            let result = try await body()
            record(name, dimensions, duration: ContinuousClock.now - started, succeeded: true)
            return result
        } catch {
            record(name, dimensions, duration: ContinuousClock.now - started, succeeded: false)
            throw error
        }
    }

    /// Everything recorded so far, in the Prometheus text exposition format.
    func exposition() -> [UInt8] {
        registry.emitToBuffer()
    }
}

import Hummingbird
import NIOCore
import PortalAPI

/// `GET /metrics`: the integration metrics in the Prometheus text format. Operational, not part of the
/// contract. On the public listener only behind `METRICS_TOKEN` (`Authorization: Bearer <token>`; 401
/// without it); without a token it is served by the metrics listener alone (`MetricsListener`, 127.0.0.1 by default).
struct MetricsController {
    let metrics: PortalMetrics
    let token: String?

    func addRoutes(to group: RouterGroup<PortalRequestContext>) {
        group.get("metrics") { request, _ in
            // Without a configured token no bearer can be right: the metrics listener serves them instead.
            guard token != nil else {
                throw APIError(.unauthorized, "Metrics are served on the metrics listener (--metrics-address), or here with METRICS_TOKEN")
            }
            return try Self.answer(request, metrics: metrics, token: token)
        }
    }

    /// The exposition, when the request carries the token (or none is configured).
    static func answer(_ request: Request, metrics: PortalMetrics, token: String?) throws -> Response {
        if let token, !BearerSecret.matches(request.headers[.authorization], token) {
            throw APIError(.unauthorized, "A valid metrics token is required")
        }
        return Response(
            status: .ok,
            headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: metrics.exposition())))
    }
}

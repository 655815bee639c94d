import Hummingbird
import NIOCore
import PortalAPI

/// `GET /metrics`: the integration metrics in the Prometheus text format. Operational, not part of the
/// contract. Open when no `METRICS_TOKEN` is configured (for a scraper on a private network); with one,
/// `Authorization: Bearer <token>` is required.
struct MetricsController {
    let metrics: PortalMetrics
    let token: String?

    func addRoutes(to group: RouterGroup<PortalRequestContext>) {
        group.get("metrics") { request, _ in
            if let token, !BearerSecret.matches(request.headers[.authorization], token) {
                throw APIError(.unauthorized, "A valid metrics token is required")
            }
            return Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
                body: .init(byteBuffer: ByteBuffer(bytes: metrics.exposition())))
        }
    }
}

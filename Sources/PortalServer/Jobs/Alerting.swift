import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import PortalAPI

/// Tells the operator when a background job failed or a webhook delivery gave up for good: always a
/// critical log line, and with `ALERT_WEBHOOK_URL` a POST signed like webhook deliveries (HMAC-SHA256
/// with `ALERT_WEBHOOK_SECRET` over `timestamp.body`, in `X-Webhook-Signature`).
struct Alerting: Sendable {
    struct Destination: Sendable, Equatable {
        var url: String
        var secret: String
    }

    /// The body of an alert POST.
    struct Alert: Codable, Sendable, Equatable {
        var id: String
        var type = "alert"
        var timestamp: Date
        var title: String
        var details: [String: String]
    }

    let logger: Logger
    let destination: Destination?
    let clock: PortalClock

    func alert(_ title: String, details: [String: String]) async {
        logger.critical("alert: \(title)", metadata: details.mapValues { .string($0) })
        guard let destination else { return }
        let now = clock.now()
        let timestamp = Int(now.timeIntervalSince1970)
        let alert = Alert(id: Identifier.make("alert"), timestamp: now, title: title, details: details)
        do {
            let body = try JSONBody.encoder.encode(alert)
            let request = HTTPClientRequest.signedWebhook(
                url: destination.url, id: alert.id, timestamp: timestamp, body: body, secret: destination.secret, userAgent: "leora-portal-alerts")
            let response = try await HTTPClient.shared.execute(request, deadline: .now() + .seconds(10))
            _ = try? await response.body.collect(upTo: 64 << 10)
            if !(200..<300).contains(response.status.code) {
                logger.error("the alert webhook answered \(response.status.code)")
            }
        } catch {
            logger.error("the alert webhook could not be reached", metadata: ["error": "\(type(of: error))"])
        }
    }
}

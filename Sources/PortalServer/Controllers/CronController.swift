import Crypto
import Foundation
import Hummingbird
import PortalAPI

/// `POST /api/cron/webhook-delivery`: one delivery batch, for an external scheduler holding `CRON_SECRET`.
/// Without a configured secret the route refuses everyone.
struct CronController {
    let worker: WebhookDeliveryWorker
    let cronSecret: String?

    func addRoutes(to group: RouterGroup<PortalRequestContext>) {
        group.post("cron/webhook-delivery") { request, _ in
            guard let cronSecret, Self.bearerMatches(request.headers[.authorization], cronSecret) else {
                throw APIError(.unauthorized, "A valid cron secret is required")
            }
            return JSONBody.response(await worker.runBatch(), status: .ok, headers: [.cacheControl: "no-store"])
        }
    }

    /// Compares in constant time (both sides hashed first, so lengths do not leak either).
    static func bearerMatches(_ header: String?, _ secret: String) -> Bool {
        guard let header, header.hasPrefix("Bearer ") else { return false }
        let presented = SHA256.hash(data: Data(header.dropFirst("Bearer ".count).utf8))
        let expected = SHA256.hash(data: Data(secret.utf8))
        return presented.withUnsafeBytes { left in
            expected.withUnsafeBytes { right in zip(left, right).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0 }
        }
    }
}

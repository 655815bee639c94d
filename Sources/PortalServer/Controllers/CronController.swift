import Hummingbird
import PortalAPI

/// `POST /api/cron/webhook-delivery`: one delivery batch, for an external scheduler holding `CRON_SECRET`.
/// Without a configured secret the route refuses everyone.
struct CronController {
    let worker: WebhookDeliveryWorker
    let cronSecret: String?

    func addRoutes(to group: RouterGroup<PortalRequestContext>) {
        group.post(RouterPath(Routes.cronWebhookDelivery)) { request, _ in
            guard let cronSecret, BearerSecret.matches(request.headers[.authorization], cronSecret) else {
                throw APIError(.unauthorized, "A valid cron secret is required")
            }
            return JSONBody.response(await worker.runBatch(), status: .ok, headers: [.cacheControl: "no-store"])
        }
    }
}

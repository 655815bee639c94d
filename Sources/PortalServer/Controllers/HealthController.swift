import Foundation
import Hummingbird
import PortalAPI

/// `GET /api/health`: the database timed for real, the language model's state, the webhook queue.
struct HealthController {
    let storage: any PortalStorage
    let modelStatus: ModelStatus
    let clock: PortalClock
    let webhookQueueThreshold: Int

    func addRoutes(to router: RouterGroup<PortalRequestContext>) {
        router.get(RouterPath(Routes.health)) { _, context in
            let started = ContinuousClock.now
            let database: HealthReport.Check
            do {
                try await storage.ping()
                let elapsed = ContinuousClock.now - started
                database = .init(status: "up", responseTime: Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000))
            } catch StorageProbeFailure.readOnly {
                context.logger.error("health: the database refuses writes")
                database = .init(status: "degraded", responseTime: 0)
            } catch {
                context.logger.critical("health: the database is unavailable", metadata: ["reason": "\(error)"])
                database = .init(status: "down", responseTime: 0)
            }
            let openAI = HealthReport.Check(status: await modelStatus.state, responseTime: 0)
            let queueDepth = (try? await storage.pendingDeliveryCount()) ?? 0
            let webhooks = HealthReport.Check(status: queueDepth > webhookQueueThreshold ? "degraded" : "up", queueDepth: queueDepth)
            let degraded = database.status == "degraded" || openAI.status == "down" || webhooks.status == "degraded"
            let status = database.status == "down" ? "unhealthy" : degraded ? "degraded" : "healthy"
            let report = HealthReport(status: status, checks: .init(database: database, openai: openAI, webhooks: webhooks), timestamp: clock.now())
            return JSONBody.response(report, status: status == "unhealthy" ? .serviceUnavailable : .ok, headers: [.cacheControl: "no-store"])
        }
    }
}

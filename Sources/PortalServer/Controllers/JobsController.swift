import Hummingbird
import PortalAPI

/// `GET /api/portal/jobs/runs`: what the background jobs did, for admins. The runs are every tenant's
/// jobs, so their error lines (which name deliveries) are left out here; `leora-portal jobs` shows them
/// to the operator.
struct JobsController {
    let storage: any PortalStorage

    func addRoutes(to group: RouterGroup<PortalRequestContext>) {
        group.get(RouterPath(Routes.jobRuns)) { request, context in
            let identity = try context.requireIdentity()
            try identity.require(.webhooksAdmin)
            let list = try ListQuery.parse(request, defaultLimit: 50)
            let job = try request.query("job")
            if let job, ![WebhookDeliveryWorker.jobName, RetentionJob.jobName].contains(job) {
                throw APIError.validation(field: "job", "job must be \(WebhookDeliveryWorker.jobName) or \(RetentionJob.jobName)")
            }
            let page = try await storage.jobRuns(job: job, list: list)
            let runs = page.rows.map { run -> JobRun in
                var run = run
                run.errors = nil
                return run
            }
            return ConditionalResponse.make(Envelope(data: JobRunsPage(runs: runs), meta: list.meta(total: page.total)), for: request, identity: identity)
        }
    }
}

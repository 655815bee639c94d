import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import PortalAPI

/// Sends due webhook deliveries: claims a batch (each with a 60 s lease, so two workers never send the
/// same delivery at once), posts each one signed afresh for this attempt, and records the outcome
/// (and, in the metrics, each attempt's duration and whether the subscriber took it).
///
/// Tenants share the worker fairly: a batch takes at most `perTenantBatch` deliveries of one tenant,
/// they are sent concurrently, tenants interleaved, with at most `perTenantConcurrency` of one tenant
/// in flight, so one tenant's slow subscribers cannot hold back another's. Each attempt resolves the
/// subscriber's host again, refuses private destinations (`WebhookDestination`) and never follows redirects.
struct WebhookDeliveryWorker: Sendable {
    static let jobName = "webhook-delivery"
    static let batchSize = 100
    static let perTenantBatch = 20
    static let concurrency = 16
    static let perTenantConcurrency = 4
    static let lease: TimeInterval = 60
    static let timeout: TimeAmount = .seconds(10)

    let storage: any PortalStorage
    let clock: PortalClock
    let metrics: PortalMetrics
    let logger: Logger
    let alerting: Alerting
    /// Lets deliveries reach loopback and private networks (local development and tests only).
    var allowPrivateDestinations = false

    /// One batch, logged as a job run.
    func runBatch() async -> JobResult {
        let started = clock.now()
        var succeeded = 0
        var failed = 0
        var errors: [String] = []
        var status = "succeeded"
        do {
            let jobs = try await storage.claimDueDeliveries(
                at: started, leaseUntil: started.addingTimeInterval(Self.lease), limit: Self.batchSize, perTenant: Self.perTenantBatch)
            for (job, attempt) in await sendAll(jobs) {
                do {
                    try await storage.recordDeliveryAttempt(attempt)
                } catch {
                    errors.append("\(job.deliveryId): the outcome could not be recorded")
                }
                if attempt.status == WebhookDeliveryStatus.delivered.rawValue {
                    succeeded += 1
                } else {
                    failed += 1
                    if let lastError = attempt.lastError { errors.append("\(job.deliveryId): \(lastError)") }
                }
                if attempt.status == WebhookDeliveryStatus.failedPermanent.rawValue {
                    await alerting.alert(
                        "A webhook delivery gave up",
                        details: [
                            "deliveryId": job.deliveryId, "tenantId": job.tenantId, "eventType": job.eventType, "attempts": "\(attempt.attempts)",
                            "lastError": attempt.lastError ?? "",
                        ])
                }
            }
            if !errors.isEmpty { status = "completed_with_errors" }
        } catch {
            errors.append("the due deliveries could not be read")
            status = "failed"
            await alerting.alert("Job \(Self.jobName) failed", details: ["job": Self.jobName, "error": "the due deliveries could not be read"])
        }
        let result = JobResult(
            jobName: Self.jobName, startTime: started, endTime: clock.now(), recordsProcessed: succeeded + failed, recordsSucceeded: succeeded,
            recordsFailed: failed, errors: errors)
        try? await storage.recordJobRun(result, status: status)
        logger.info(
            "job run", metadata: ["job": "\(Self.jobName)", "processed": "\(result.recordsProcessed)", "failed": "\(failed)"])
        return result
    }

    /// Sends `jobs` concurrently within the global and per-tenant limits; each job with its outcome.
    private func sendAll(_ jobs: [DeliveryJob]) async -> [(DeliveryJob, DeliveryAttempt)] {
        var waiting = Self.interleavedByTenant(jobs)
        var inFlight: [String: Int] = [:]
        var outcomes: [(DeliveryJob, DeliveryAttempt)] = []
        await withTaskGroup(of: (DeliveryJob, DeliveryAttempt).self) { group in
            var running = 0
            while true {
                while running < Self.concurrency,
                    let index = waiting.firstIndex(where: { inFlight[$0.tenantId, default: 0] < Self.perTenantConcurrency })
                {
                    let job = waiting.remove(at: index)
                    inFlight[job.tenantId, default: 0] += 1
                    running += 1
                    group.addTask {
                        let sendStarted = ContinuousClock.now
                        let attempt = await send(job)
                        metrics.record(
                            PortalMetrics.webhookDeliveryDuration, [("event_type", job.eventType)], duration: ContinuousClock.now - sendStarted,
                            succeeded: attempt.status == WebhookDeliveryStatus.delivered.rawValue)
                        return (job, attempt)
                    }
                }
                guard let (job, attempt) = await group.next() else { break }
                running -= 1
                inFlight[job.tenantId, default: 1] -= 1
                outcomes.append((job, attempt))
            }
        }
        return outcomes
    }

    /// Round-robin over tenants, each tenant's jobs in their claimed order.
    static func interleavedByTenant(_ jobs: [DeliveryJob]) -> [DeliveryJob] {
        var queues: [String: [DeliveryJob]] = [:]
        var tenants: [String] = []
        for job in jobs {
            if queues[job.tenantId] == nil { tenants.append(job.tenantId) }
            queues[job.tenantId, default: []].append(job)
        }
        var result: [DeliveryJob] = []
        var round = 0
        while result.count < jobs.count {
            for tenant in tenants where round < queues[tenant, default: []].count { result.append(queues[tenant, default: []][round]) }
            round += 1
        }
        return result
    }

    private func send(_ job: DeliveryJob) async -> DeliveryAttempt {
        let startedAt = clock.now()
        let attempts = job.attempts + 1
        let timestamp = Int(startedAt.timeIntervalSince1970)
        var outcome = DeliveryAttempt(
            deliveryId: job.deliveryId, startedAt: startedAt, status: WebhookDeliveryStatus.pending.rawValue, attempts: attempts, nextAttemptAt: nil, lastStatus: nil,
            lastError: nil)
        do {
            let destination = try await WebhookDestination.resolve(job.url, allowPrivate: allowPrivateDestinations)
            let body = try Self.body(for: job, at: startedAt)
            let request = HTTPClientRequest.signedWebhook(
                url: job.url, id: job.eventId, timestamp: timestamp, body: body, secret: job.secret, userAgent: "leora-portal-webhooks")
            // A client of its own connects to the address just checked (the name is not looked up again) and
            // never follows a redirect, which could lead anywhere.
            var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
            configuration.dnsOverride = [destination.host: destination.address]
            let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
            let status: UInt
            do {
                let response = try await client.execute(request, deadline: .now() + Self.timeout)
                _ = try? await response.body.collect(upTo: 64 << 10)
                status = response.status.code
                try? await client.shutdown()
            } catch {
                try? await client.shutdown()
                throw error
            }
            outcome.lastStatus = Int(status)
            if (200..<300).contains(status) {
                outcome.status = WebhookDeliveryStatus.delivered.rawValue
                return outcome
            }
            outcome.lastError = (300..<400).contains(status) ? "HTTP \(status) (redirects are not followed)" : "HTTP \(status)"
        } catch let refusal as WebhookDestination.Refusal {
            outcome.lastError = "not sent: \(refusal.description)"
        } catch {
            outcome.lastError = Self.describe(error)
        }
        if let next = WebhookRetrySchedule.nextAttempt(after: attempts, startedAt: startedAt) {
            outcome.nextAttemptAt = next
        } else {
            outcome.status = WebhookDeliveryStatus.failedPermanent.rawValue
        }
        return outcome
    }

    /// `{ id, eventType, timestamp, tenantId, data }`, with the event's stored data as it was recorded.
    static func body(for job: DeliveryJob, at date: Date) throws -> Data {
        let data = try JSONBody.decoder.decode(JSONValue.self, from: job.eventData)
        return try JSONBody.encoder.encode(
            WebhookPayload(id: job.eventId, eventType: job.eventType, timestamp: date, tenantId: job.tenantId, data: data))
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout:
            "timed out after 10 s"
        case is HTTPClientError: "request failed: \(error)"
        default: "could not connect: \(type(of: error))"
        }
    }
}

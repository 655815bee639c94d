import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import PortalAPI

/// Sends due webhook deliveries: claims a batch (each with a 60 s lease, so two workers never send the
/// same delivery at once), posts each one signed afresh for this attempt, and records the outcome
/// (and, in the metrics, each attempt's duration and whether the subscriber took it).
struct WebhookDeliveryWorker: Sendable {
    static let jobName = "webhook-delivery"
    static let batchSize = 100
    static let lease: TimeInterval = 60
    static let timeout: TimeAmount = .seconds(10)

    let storage: any PortalStorage
    let httpClient: HTTPClient
    let clock: PortalClock
    let metrics: PortalMetrics
    let logger: Logger

    /// One batch, logged as a job run.
    func runBatch() async -> JobResult {
        let started = clock.now()
        var succeeded = 0
        var failed = 0
        var errors: [String] = []
        do {
            let jobs = try await storage.claimDueDeliveries(at: started, leaseUntil: started.addingTimeInterval(Self.lease), limit: Self.batchSize)
            for job in jobs {
                let sendStarted = ContinuousClock.now
                let attempt = await send(job)
                metrics.record(
                    PortalMetrics.webhookDeliveryDuration, [("event_type", job.eventType)], duration: ContinuousClock.now - sendStarted,
                    succeeded: attempt.status == "delivered")
                do {
                    try await storage.recordDeliveryAttempt(attempt)
                } catch {
                    errors.append("\(job.deliveryId): the outcome could not be recorded")
                }
                if attempt.status == "delivered" {
                    succeeded += 1
                } else {
                    failed += 1
                    if let lastError = attempt.lastError { errors.append("\(job.deliveryId): \(lastError)") }
                }
            }
        } catch {
            errors.append("the due deliveries could not be read")
        }
        let result = JobResult(
            jobName: Self.jobName, startTime: started, endTime: clock.now(), recordsProcessed: succeeded + failed, recordsSucceeded: succeeded,
            recordsFailed: failed, errors: errors)
        try? await storage.recordJobRun(result, status: errors.isEmpty ? "succeeded" : "completed_with_errors")
        logger.info(
            "job run", metadata: ["job": "\(Self.jobName)", "processed": "\(result.recordsProcessed)", "failed": "\(failed)"])
        return result
    }

    private func send(_ job: DeliveryJob) async -> DeliveryAttempt {
        let startedAt = clock.now()
        let attempts = job.attempts + 1
        let timestamp = Int(startedAt.timeIntervalSince1970)
        var outcome = DeliveryAttempt(
            deliveryId: job.deliveryId, startedAt: startedAt, status: "pending", attempts: attempts, nextAttemptAt: nil, lastStatus: nil,
            lastError: nil)
        do {
            let body = try Self.body(for: job, at: startedAt)
            var request = HTTPClientRequest(url: job.url)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            request.headers.add(name: "User-Agent", value: "leora-portal-webhooks")
            request.headers.add(name: "X-Webhook-Id", value: job.eventId)
            request.headers.add(name: "X-Webhook-Timestamp", value: String(timestamp))
            request.headers.add(name: "X-Webhook-Signature", value: WebhookSignature.sign(secret: job.secret, timestamp: timestamp, body: body))
            request.body = .bytes(ByteBuffer(data: body))
            let response = try await httpClient.execute(request, deadline: .now() + Self.timeout)
            _ = try? await response.body.collect(upTo: 64 << 10)
            outcome.lastStatus = Int(response.status.code)
            if (200..<300).contains(response.status.code) {
                outcome.status = "delivered"
                return outcome
            }
            outcome.lastError = "HTTP \(response.status.code)"
        } catch {
            outcome.lastError = Self.describe(error)
        }
        if let next = WebhookRetrySchedule.nextAttempt(after: attempts, startedAt: startedAt) {
            outcome.nextAttemptAt = next
        } else {
            outcome.status = "failed_permanent"
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

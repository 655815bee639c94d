import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import PortalAPI
import PortalTestSupport
import Synchronization
import Testing
@testable import PortalServer

/// What an operator sees and is told about the background jobs.
@Suite("Job runs, retention and alerts")
struct JobOperationsTests {
    @Test func runsThatFindNothingShareOneRecordAndAdminsCanReadThem() async throws {
        try await withServer { server in
            for _ in 0..<5 { _ = try await WebhookDeliveryTests.runCron(server.client()) }
            let admin = try await server.login("admin@northwind.test")
            let response = try await admin.get("\(Routes.jobRuns)?job=webhook-delivery")
            #expect(response.status == 200)
            let runs = try response.data(JobRunsPage.self).runs
            #expect(runs.count == 1, "five empty runs are one record")
            #expect(runs.first?.runCount == 5)
            #expect(runs.first?.errors == nil, "error lines stay with the operator")
            #expect(response.json["meta"]?["pagination"]?["total"]?.intValue == 1)
            let rep = try await server.login("rep@northwind.test")
            #expect(try await rep.get(Routes.jobRuns).status == 403)
            #expect(try await admin.get("\(Routes.jobRuns)?job=nonsense").status == 400)
        }
    }

    @Test func theCommandLineShowsRunsWithTheirErrors() async throws {
        let failing = try await WebhookReceiver.start(answering: 500)
        defer { Task { await failing.stop() } }
        try await withServer { server in
            let admin = try await server.login("admin@northwind.test")
            _ = try await admin.post(Routes.webhookSubscriptions, json: ["eventType": "order.created", "url": .string(failing.url)])
            try await WebhookDeliveryTests.placeOrder(server)
            _ = try await WebhookDeliveryTests.runCron(server.client())
            let listed = try PortalProcess.runToExit(["jobs", "--database", server.databasePath])
            #expect(listed.status == 0, "\(listed.output)")
            #expect(listed.output.contains("webhook-delivery  completed_with_errors"), "\(listed.output)")
            #expect(listed.output.contains("HTTP 500"), "the error line is shown: \(listed.output)")
        }
    }

    @Test func retentionDeletesOnlyWhatIsPastItsTime() async throws {
        let now = Date()
        try await withServer { server in
            let database = server.database()
            let tenant = "ten_northwind"
            let user = try await database.strings("SELECT id FROM users WHERE email = 'rep@northwind.test'").first ?? ""
            let noErrors = database.backend == .sqlite ? "'[]'" : "'{}'"
            for (id, age) in [("old", 40.0), ("recent", 1.0)] {
                let at = now.addingTimeInterval(-age * 86_400)
                try await database.execute(
                    "INSERT INTO job_runs (id, job_name, started_at, ended_at, status, processed, succeeded, failed, errors) VALUES (?, 'webhook-delivery', ?, ?, 'succeeded', 1, 1, 0, \(noErrors))",
                    [.text("job_\(id)"), .date(at), .date(at)])
                try await database.execute(
                    "INSERT INTO stripe_events (id, event_type, outcome, received_at) VALUES (?, 'x', 'ignored', ?)", [.text("evt_\(id)"), .date(at)])
            }
            for (key, age) in [("old-key", 8.0), ("recent-key", 2.0)] {
                try await database.execute(
                    "INSERT INTO idempotency_outcomes (tenant_id, user_id, key, fingerprint, status, body, created_at) VALUES (?, ?, ?, 'f', 201, ?, ?)",
                    [.text(tenant), .text(user), .text(key), .blob(Data("{}".utf8)), .date(now.addingTimeInterval(-age * 86_400))])
            }
            let opened = try await OpenedStorage.open(try DatabaseLocation(parsing: server.databasePath), maximumConnections: 2, logger: .init(label: "test"))
            defer { opened.close() }
            let job = RetentionJob(storage: opened.storage, clock: PortalClock { now }, alerting: Alerting(logger: .init(label: "test"), destination: nil, clock: PortalClock { now }))
            let result = await job.run()
            #expect(result.recordsProcessed == 3)
            let left = (
                try await database.strings("SELECT id FROM job_runs WHERE job_name = 'webhook-delivery'"),
                try await database.strings("SELECT id FROM stripe_events"),
                try await database.strings("SELECT key FROM idempotency_outcomes WHERE key LIKE '%-key'")
            )
            #expect(left.0 == ["job_recent"])
            #expect(left.1 == ["evt_recent"])
            #expect(left.2 == ["recent-key"])
        }
    }

    @Test func aDeliveryThatGivesUpRaisesASignedAlert() async throws {
        let received = Mutex<[(body: Data, signature: String, timestamp: String)]>([])
        let router = Router()
        router.post("/alerts") { request, _ -> Response in
            let body = Data(buffer: try await request.body.collect(upTo: 1 << 20))
            let signature = request.headers[HTTPField.Name("X-Webhook-Signature")!] ?? ""
            let timestamp = request.headers[HTTPField.Name("X-Webhook-Timestamp")!] ?? ""
            received.withLock { $0.append((body, signature, timestamp)) }
            return Response(status: .ok)
        }
        let alerts = try await LoopbackService.start(router, label: "alerts")
        let failing = try await WebhookReceiver.start(answering: 500)
        let clock = ManualClock()
        try await withServer(clock: clock.reading, { $0.alertWebhook = ("http://127.0.0.1:\(alerts.port)/alerts", "alert-secret-0123456789") }) { server in
            let admin = try await server.login("admin@northwind.test")
            _ = try await admin.post(Routes.webhookSubscriptions, json: ["eventType": "order.created", "url": .string(failing.url)])
            try await WebhookDeliveryTests.placeOrder(server)
            for _ in 0..<WebhookRetrySchedule.maximumAttempts {
                _ = try await WebhookDeliveryTests.runCron(server.client())
                clock.advance(by: 3600)
            }
        }
        await alerts.stop()
        await failing.stop()
        let alert = try #require(received.withLock { $0.first })
        let decoded = try JSONDecoder().decode(JSONValue.self, from: alert.body)
        #expect(decoded["title"] == "A webhook delivery gave up")
        #expect(decoded["details"]?["tenantId"] == "ten_northwind")
        var message = Data("\(alert.timestamp).".utf8)
        message.append(alert.body)
        let expected = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: Data("alert-secret-0123456789".utf8)))
            .map { String(format: "%02x", $0) }.joined()
        #expect(alert.signature == expected)
    }
}

import Foundation
import PortalAPI
import PortalTestSupport
import Testing

@Suite("GET /metrics: integration metrics in Prometheus format")
struct MetricsTests {
    static let routeCount = "portal_http_request_duration_seconds_count"
    static let storageCount = "portal_storage_call_duration_seconds_count"
    static let modelCount = "portal_language_model_call_duration_seconds_count"
    static let deliveryCount = "portal_webhook_delivery_duration_seconds_count"

    static func scrape(_ server: TestServer, token: String? = TestServer.metricsToken) async throws -> PrometheusSamples {
        let response = try await server.client().get("/metrics", headers: token.map { [("Authorization", "Bearer \($0)")] } ?? [])
        #expect(response.status == 200)
        #expect(response.header("Content-Type")?.hasPrefix("text/plain") == true)
        return PrometheusSamples(response.text)
    }

    @Test func everyRouteAndStorageCallIsTimedWithItsOutcome() async throws {
        try await withServer { server in
            let anonymous = try await server.client().get(Routes.orders)
            #expect(anonymous.status == 401)
            let rep = try await server.login("rep@northwind.test")
            #expect(try await rep.get(Routes.orders).status == 200)
            #expect(try await rep.get(Routes.order("ord_missing")).status == 404)
            #expect(try await rep.get("/api/portal/no-such-thing/12345").status == 404)
            let refused = try await rep.placeOrder(customerId: "cus_missing", lines: [("p_missing", 1)])
            #expect(refused.status == 404)

            let metrics = try await Self.scrape(server)
            let orders = ["method": "GET", "route": "/api/portal/orders"]
            #expect(metrics.value(Self.routeCount, orders.merging(["status": "200", "outcome": "success"]) { $1 }) == 1, "\(metrics)")
            #expect(metrics.value(Self.routeCount, orders.merging(["status": "401", "outcome": "failure"]) { $1 }) == 1)
            #expect(
                metrics.value(Self.routeCount, ["route": "/api/portal/orders/{id}", "status": "404", "outcome": "failure"]) == 1,
                "a route is labelled by its pattern, not by the id asked for")
            #expect(metrics.value(Self.routeCount, ["route": "unmatched", "status": "404"]) == 1)
            #expect(metrics.value(Self.routeCount, ["route": "/api/portal/auth/login", "method": "POST", "outcome": "success"]) == 1)
            #expect(!metrics.description.contains("ord_missing") && !metrics.description.contains("no-such-thing"))
            // The histogram around the count: buckets and a sum in seconds.
            #expect(!metrics.named("portal_http_request_duration_seconds_bucket").isEmpty)
            #expect((metrics.value("portal_http_request_duration_seconds_sum", orders.merging(["status": "200"]) { $1 }) ?? -1) >= 0)

            #expect(metrics.value(Self.storageCount, ["operation": "account(email:)", "outcome": "success"]) == 1)
            #expect(metrics.value(Self.storageCount, ["operation": "orders(_:_:)", "outcome": "success"]) == 1)
            #expect(metrics.value(Self.storageCount, ["operation": "order(_:id:)", "outcome": "success"]) == 1)
            #expect(metrics.value(Self.storageCount, ["operation": "placeOrder(_:_:at:receipt:)", "outcome": "failure"]) == 1)
            #expect((metrics.value(Self.storageCount, ["operation": "liveSession(id:at:)", "outcome": "success"]) ?? 0) >= 3)
        }
    }

    @Test func eachWebhookDeliveryAttemptIsTimedWithItsOutcome() async throws {
        let receiver = try await WebhookReceiver.start()
        defer { Task { await receiver.stop() } }
        try await withServer { server in
            let (_, _) = try await WebhookDeliveryTests.subscribeAndOrder(server, receiver)
            #expect(try await WebhookDeliveryTests.runCron(server.client()).json["recordsSucceeded"]?.intValue == 1)
            receiver.answer(with: 500)
            let rep = try await server.login("rep@northwind.test")
            let product = try #require(try await rep.productsInStock(minimum: 1).first)
            _ = try await rep.placeOrder(customerId: try await rep.firstCustomer().id, lines: [(product.id, 1)])
            #expect(try await WebhookDeliveryTests.runCron(server.client()).json["recordsFailed"]?.intValue == 1)
            #expect(receiver.received.count == 2)

            let metrics = try await Self.scrape(server)
            #expect(metrics.value(Self.deliveryCount, ["event_type": "order.created", "outcome": "success"]) == 1, "\(metrics)")
            #expect(metrics.value(Self.deliveryCount, ["event_type": "order.created", "outcome": "failure"]) == 1)
            #expect(metrics.value(Self.storageCount, ["operation": "claimDueDeliveries(at:leaseUntil:limit:perTenant:)", "outcome": "success"]) == 2)
            #expect(metrics.value(Self.routeCount, ["route": "/api/cron/webhook-delivery", "status": "200"]) == 2)
        }
    }

    @Test func eachLanguageModelCallIsTimedWithItsOutcome() async throws {
        let written = AIBriefingOutput(
            summary: "Steady week.", keyMetrics: [.init(label: "Revenue (last 4 weeks)", value: "$1.00", trend: .stable)],
            recommendedActions: [], drillDownLinks: [], confidence: 0.7, sourceDatasets: ["orders"])
        try await withFakeOpenAI(.success(written)) { openAI in
            try await withServer({
                $0.openAI = .init(apiKey: "sk-test-key", baseURL: openAI.baseURL, model: "fake-model", timeoutSeconds: 10)
                $0.briefingRefreshInterval = 0
            }) { server in
                let rep = try await server.login("rep@northwind.test")
                #expect(try await rep.get(Routes.briefing).status == 200)
                openAI.setMode(.status(500))
                #expect(try await rep.get(Routes.briefing + "?refresh=true").status == 200, "the fallback is served")
                #expect(openAI.requestCount == 2)

                let metrics = try await Self.scrape(server)
                #expect(metrics.value(Self.modelCount, ["model": "fake-model", "outcome": "success"]) == 1, "\(metrics)")
                #expect(metrics.value(Self.modelCount, ["model": "fake-model", "outcome": "failure"]) == 1)
                #expect(!metrics.description.contains("sk-test-key"))
            }
        }
    }

    @Test func aConfiguredTokenGuardsTheMetrics() async throws {
        try await withServer({ $0.metricsToken = "metrics-token" }) { (server: TestServer) async throws in
            #expect(try await server.client().get("/metrics").status == 401)
            #expect(try await server.client().get("/metrics", headers: [("Authorization", "Bearer wrong")]).status == 401)
            let metrics = try await Self.scrape(server, token: "metrics-token")
            // Each application has its own registry: other servers' traffic (tests run in parallel) is not here.
            #expect(metrics.named(Self.routeCount).allSatisfy { $0.labels["route"] == "/metrics" }, "\(metrics)")
            #expect(metrics.value(Self.routeCount, ["route": "/metrics", "status": "401", "outcome": "failure"]) == 2)
            #expect(!metrics.description.contains("metrics-token"))
        }
    }

    @Test func withoutATokenThePublicListenerDoesNotServeMetrics() async throws {
        try await withServer({ $0.metricsToken = nil }) { (server: TestServer) async throws in
            let response = try await server.client().get("/metrics")
            #expect(response.status == 401)
            #expect(response.errorCode == "UNAUTHORIZED")
        }
    }
}

import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import PortalAPI
import PortalTestSupport
import Synchronization
import Testing

/// A subscriber started by the test: verifies signatures and counts what arrives.
final class WebhookReceiver: Sendable {
    struct Received: Sendable {
        var eventId: String
        var timestamp: Int
        var signatureValid: Bool
        var body: JSONValue
    }

    let service: LoopbackService
    private let box: Box

    var url: String { "http://127.0.0.1:\(service.port)/hook" }
    var received: [Received] { box.state.withLock { $0.received } }
    /// Sets the subscription's secret, to verify signatures with.
    func verify(with secret: String) { box.secret.withLock { $0 = secret } }

    private init(service: LoopbackService, box: Box) {
        self.service = service
        self.box = box
    }

    static func start(answering status: Int = 200) async throws -> WebhookReceiver {
        let box = Box(status)
        let router = Router()
        router.post("/hook") { request, _ -> Response in
            let body = Data(buffer: try await request.body.collect(upTo: 1 << 20))
            let timestamp = Int(request.headers[HTTPField.Name("X-Webhook-Timestamp")!] ?? "") ?? 0
            let signature = request.headers[HTTPField.Name("X-Webhook-Signature")!] ?? ""
            var message = Data("\(timestamp).".utf8)
            message.append(body)
            let expected = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: Data(box.secret.withLock { $0 }.utf8)))
                .map { String(format: "%02x", $0) }.joined()
            let received = Received(
                eventId: request.headers[HTTPField.Name("X-Webhook-Id")!] ?? "", timestamp: timestamp, signatureValid: signature == expected,
                body: (try? JSONDecoder().decode(JSONValue.self, from: body)) ?? .null)
            let answer = box.state.withLock { state -> Int in
                state.received.append(received)
                return state.answer
            }
            return Response(status: .init(code: answer))
        }
        let service = try await LoopbackService.start(router, label: "webhook-receiver")
        return WebhookReceiver(service: service, box: box)
    }

    func answer(with status: Int) { box.state.withLock { $0.answer = status } }
    func stop() async { await service.stop() }

    private final class Box: Sendable {
        let state: Mutex<(answer: Int, received: [Received])>
        let secret = Mutex("")
        init(_ status: Int) { state = Mutex((status, [])) }
    }
}

@Suite("Webhook delivery over real HTTP")
struct WebhookDeliveryTests {
    static func runCron(_ client: TestClient, secret: String? = TestServer.cronSecret) async throws -> TestResponse {
        try await client.send("POST", Routes.cronWebhookDelivery, headers: secret.map { [("Authorization", "Bearer \($0)")] } ?? [])
    }

    /// Subscribes `receiver` to order.created as admin and places one order as the rep.
    static func subscribeAndOrder(_ server: TestServer, _ receiver: WebhookReceiver) async throws -> (admin: TestClient, order: Order) {
        let admin = try await server.login("admin@northwind.test")
        let subscription = try await admin.post(
            Routes.webhookSubscriptions, json: ["eventType": "order.created", "url": .string(receiver.url)]
        ).data(WebhookSubscriptionPayload.self).subscription
        receiver.verify(with: subscription.secret ?? "")
        let rep = try await server.login("rep@northwind.test")
        let product = try #require(try await rep.productsInStock(minimum: 1).first)
        let customer = try await rep.firstCustomer()
        let order = try await rep.placeOrder(customerId: customer.id, lines: [(product.id, 1)]).data(OrderPayload.self).order
        return (admin, order)
    }

    /// Places one order as `email` (a rep), for an order.created event of that rep's tenant.
    @discardableResult
    static func placeOrder(_ server: TestServer, as email: String = "rep@northwind.test") async throws -> Order {
        let rep = try await server.login(email)
        let product = try #require(try await rep.productsInStock(minimum: 1).first)
        let customer = try await rep.firstCustomer()
        return try await rep.placeOrder(customerId: customer.id, lines: [(product.id, 1)]).data(OrderPayload.self).order
    }

    @Test func theCronRouteNeedsTheSecret() async throws {
        try await withServer { server in
            let client = server.client()
            #expect(try await Self.runCron(client, secret: nil).status == 401)
            #expect(try await Self.runCron(client, secret: "wrong").status == 401)
            let ran = try await Self.runCron(client)
            #expect(ran.status == 200)
            #expect(ran.json["jobName"] == "webhook-delivery")
        }
        try await withServer({ $0.cronSecret = nil }) { (server: TestServer) async throws in
            let refused = try await Self.runCron(server.client(), secret: "")
            #expect(refused.status == 401, "no configured secret: nobody gets in")
        }
    }

    @Test func aDeliveryArrivesSignedWithTheContractsPayload() async throws {
        let receiver = try await WebhookReceiver.start()
        defer { Task { await receiver.stop() } }
        try await withServer { server in
            let (admin, order) = try await Self.subscribeAndOrder(server, receiver)
            let result = try await Self.runCron(server.client())
            #expect(result.json["recordsProcessed"]?.intValue == 1)
            #expect(result.json["recordsSucceeded"]?.intValue == 1)
            let received = try #require(receiver.received.first)
            #expect(receiver.received.count == 1)
            #expect(received.signatureValid)
            #expect(received.body["id"]?.stringValue == received.eventId)
            #expect(received.body["eventType"] == "order.created")
            #expect(received.body["tenantId"] == "ten_northwind")
            #expect(received.body["data"]?["order"]?["id"]?.stringValue == order.id)
            let delivery = try #require(try await admin.get(Routes.webhookDeliveries).data(WebhookDeliveriesPage.self).deliveries.first)
            #expect(delivery.status == "delivered" && delivery.attempts == 1 && delivery.lastStatus == 200)
            // Nothing is sent twice.
            #expect(try await Self.runCron(server.client()).json["recordsProcessed"]?.intValue == 0)
            #expect(receiver.received.count == 1)
        }
    }

    @Test func aFailingReceiverIsRetriedOnScheduleThenGivenUp() async throws {
        let receiver = try await WebhookReceiver.start(answering: 500)
        defer { Task { await receiver.stop() } }
        let clock = ManualClock()
        try await withServer(clock: clock.reading) { server in
            _ = try await Self.subscribeAndOrder(server, receiver)
            let cron = server.client()
            // Attempts at 0, then 1, 2, 4, 8 and 16 minutes after the previous one started.
            for (attempt, wait) in [0, 60, 120, 240, 480, 960].enumerated() {
                if wait > 0 {
                    clock.advance(by: TimeInterval(wait - 1))
                    #expect(try await Self.runCron(cron).json["recordsProcessed"]?.intValue == 0, "attempt \(attempt + 1) is not due a second early")
                    clock.advance(by: 1)
                }
                #expect(try await Self.runCron(cron).json["recordsFailed"]?.intValue == 1, "attempt \(attempt + 1)")
                #expect(receiver.received.count == attempt + 1)
            }
            // Half an hour passed on the server's clock: log in again to look.
            let freshAdmin = try await server.login("admin@northwind.test")
            let delivery = try #require(try await freshAdmin.get(Routes.webhookDeliveries).data(WebhookDeliveriesPage.self).deliveries.first)
            #expect(delivery.status == "failed_permanent")
            #expect(delivery.attempts == 6)
            #expect(delivery.lastStatus == 500)
            #expect(delivery.nextAttemptAt == nil)
            #expect(delivery.lastError == "HTTP 500")
            clock.advance(by: 3600)
            #expect(try await Self.runCron(cron).json["recordsProcessed"]?.intValue == 0)
            // Each attempt was signed afresh with its own timestamp; the event id never changed.
            let received = receiver.received
            #expect(Set(received.map(\.eventId)).count == 1)
            #expect(received.filter { !$0.signatureValid }.isEmpty)
            let timestamps = received.map(\.timestamp)
            #expect(timestamps == timestamps.sorted())
            #expect(Set(timestamps).count == 6)
        }
    }

    @Test func aReceiverThatIsDownRecordsTheErrorAndTheNextAttempt() async throws {
        let clock = ManualClock()
        try await withServer(clock: clock.reading) { server in
            let admin = try await server.login("admin@northwind.test")
            _ = try await admin.post(Routes.webhookSubscriptions, json: ["eventType": "order.created", "url": "http://127.0.0.1:1/nobody"])
            let rep = try await server.login("rep@northwind.test")
            let product = try #require(try await rep.productsInStock(minimum: 1).first)
            _ = try await rep.placeOrder(customerId: try await rep.firstCustomer().id, lines: [(product.id, 1)])
            let result = try await Self.runCron(server.client())
            #expect(result.json["recordsFailed"]?.intValue == 1)
            #expect(result.json["errors"]?.arrayValue.count == 1)
            let delivery = try #require(try await admin.get(Routes.webhookDeliveries).data(WebhookDeliveriesPage.self).deliveries.first)
            #expect(delivery.status == "pending")
            #expect(delivery.lastStatus == nil)
            #expect(delivery.lastError?.isEmpty == false)
            let next = try #require(delivery.nextAttemptAt)
            #expect(next.timeIntervalSince(clock.now) == 60)
            let health = try await server.client().get(Routes.health)
            #expect(health.json["checks"]?["webhooks"]?["queueDepth"]?.intValue == 1)
        }
    }

    @Test func twoWorkersRacingNeverSendTheSameDeliveryTwice() async throws {
        let receiver = try await WebhookReceiver.start()
        defer { Task { await receiver.stop() } }
        try await withServer { server in
            let admin = try await server.login("admin@northwind.test")
            let subscription = try await admin.post(
                Routes.webhookSubscriptions, json: ["eventType": "order.created", "url": .string(receiver.url)]
            ).data(WebhookSubscriptionPayload.self).subscription
            receiver.verify(with: subscription.secret ?? "")
            let rep = try await server.login("rep@northwind.test")
            let product = try #require(try await rep.productsInStock(minimum: 5).first)
            let customer = try await rep.firstCustomer()
            for _ in 0..<5 {
                _ = try await rep.placeOrder(customerId: customer.id, lines: [(product.id, 1)])
            }
            async let first = Self.runCron(server.client())
            async let second = Self.runCron(server.client())
            let processed = try await [first, second].map { $0.json["recordsProcessed"]?.intValue ?? -1 }
            #expect(processed.reduce(0, +) == 5)
            #expect(receiver.received.count == 5)
            #expect(Set(receiver.received.map(\.eventId)).count == 5)
        }
    }
}

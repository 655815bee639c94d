import Crypto
import Foundation
import PortalAPI
import PortalTestSupport
import Testing

/// Signs and posts Stripe events the way Stripe does (`stripe-signature: t=…,v1=…`).
struct StripeSender {
    let client: TestClient
    let clock: ManualClock

    /// A Stripe event body naming `orderId` in `data.object.metadata`.
    static func event(id: String, type: String, orderId: String) -> Data {
        Data(
            """
            {"id":"\(id)","object":"event","type":"\(type)","livemode":false,
             "data":{"object":{"id":"pi_123","object":"payment_intent","metadata":{"orderId":"\(orderId)"}}}}
            """.utf8)
    }

    static func signature(_ body: Data, timestamp: Int, secret: String = TestServer.stripeWebhookSecret) -> String {
        var message = Data("\(timestamp).".utf8)
        message.append(body)
        return HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: Data(secret.utf8)))
            .map { String(format: "%02x", $0) }.joined()
    }

    /// `t=<now + offset>,v1=<valid signature>`.
    func header(for body: Data, offset: TimeInterval = 0, secret: String = TestServer.stripeWebhookSecret) -> String {
        let timestamp = Int(clock.now.timeIntervalSince1970 + offset)
        return "t=\(timestamp),v1=\(Self.signature(body, timestamp: timestamp, secret: secret))"
    }

    func post(_ body: Data, header: String?) async throws -> TestResponse {
        try await client.send(
            "POST", Routes.stripeWebhook, body: body, headers: header.map { [("stripe-signature", $0)] } ?? [])
    }

    func post(_ body: Data) async throws -> TestResponse {
        try await post(body, header: header(for: body))
    }
}

@Suite("Inbound Stripe webhook over real HTTP")
struct StripeWebhookTests {
    /// A pending order placed by `email`.
    static func pendingOrder(_ server: TestServer, by email: String = "rep@northwind.test") async throws -> (client: TestClient, order: Order) {
        let client = try await server.login(email)
        let product = try #require(try await client.productsInStock(minimum: 1).first)
        let order = try await client.placeOrder(customerId: try await client.firstCustomer().id, lines: [(product.id, 1)])
            .data(OrderPayload.self).order
        #expect(order.status == "pending")
        return (client, order)
    }

    static func status(of order: Order, seenBy client: TestClient) async throws -> String {
        try await client.get(Routes.order(order.id)).data(OrderPayload.self).order.status
    }

    static func statusChangedDeliveries(_ admin: TestClient) async throws -> [WebhookDelivery] {
        try await admin.get(Routes.webhookDeliveries).data(WebhookDeliveriesPage.self).deliveries
            .filter { $0.eventType == "order.status_changed" }
    }

    @Test func aPaymentConfirmsThePendingOrderAndEmitsTheStatusChange() async throws {
        let receiver = try await WebhookReceiver.start()
        defer { Task { await receiver.stop() } }
        let clock = ManualClock()
        try await withServer(clock: clock.reading) { server in
            let admin = try await server.login("admin@northwind.test")
            let subscription = try await admin.post(
                Routes.webhookSubscriptions, json: ["eventType": "order.status_changed", "url": .string(receiver.url)]
            ).data(WebhookSubscriptionPayload.self).subscription
            receiver.verify(with: subscription.secret ?? "")
            let (rep, order) = try await Self.pendingOrder(server)
            let stripe = StripeSender(client: server.client(), clock: clock)

            let body = StripeSender.event(id: "evt_paid_1", type: "payment_intent.succeeded", orderId: order.id)
            let answer = try await stripe.post(body)
            #expect(answer.status == 200)
            #expect(answer.json == ["received": .bool(true)])
            #expect(try await Self.status(of: order, seenBy: rep) == "confirmed")
            #expect(try await Self.statusChangedDeliveries(admin).count == 1)

            // The subscriber hears of it, signed, with the previous status.
            #expect(try await WebhookDeliveryTests.runCron(server.client()).json["recordsSucceeded"]?.intValue == 1)
            let received = try #require(receiver.received.first)
            #expect(received.signatureValid)
            #expect(received.body["eventType"] == "order.status_changed")
            #expect(received.body["data"]?["order"]?["id"]?.stringValue == order.id)
            #expect(received.body["data"]?["order"]?["status"] == "confirmed")
            #expect(received.body["data"]?["previousStatus"] == "pending")

            // Stripe sends it again: acknowledged, nothing recorded twice.
            let replay = try await stripe.post(body)
            #expect(replay.status == 200)
            #expect(replay.json == ["received": .bool(true)])
            #expect(try await Self.statusChangedDeliveries(admin).count == 1)
        }
    }

    @Test func invoicePaidConfirmsAnOrderOfAnyTenant() async throws {
        let clock = ManualClock()
        try await withServer(clock: clock.reading) { server in
            let (fjordRep, order) = try await Self.pendingOrder(server, by: "rep@fjord.test")
            let stripe = StripeSender(client: server.client(), clock: clock)
            let answer = try await stripe.post(StripeSender.event(id: "evt_invoice_1", type: "invoice.paid", orderId: order.id))
            #expect(answer.status == 200)
            #expect(try await Self.status(of: order, seenBy: fjordRep) == "confirmed")
        }
    }

    @Test func aReplayedEventIdIsAcknowledgedAndNeverApplied() async throws {
        let clock = ManualClock()
        try await withServer(clock: clock.reading) { server in
            let admin = try await server.login("admin@northwind.test")
            _ = try await admin.post(Routes.webhookSubscriptions, json: ["eventType": "order.status_changed", "url": "http://127.0.0.1:9/hook"])
            let (rep, order) = try await Self.pendingOrder(server)
            let stripe = StripeSender(client: server.client(), clock: clock)
            // First seen as an event that confirms nothing…
            #expect(try await stripe.post(StripeSender.event(id: "evt_once", type: "customer.updated", orderId: order.id)).status == 200)
            // …then the same id comes back naming a payment: it was processed already, so nothing happens.
            let replay = try await stripe.post(StripeSender.event(id: "evt_once", type: "payment_intent.succeeded", orderId: order.id))
            #expect(replay.status == 200)
            #expect(replay.json == ["received": .bool(true)])
            #expect(try await Self.status(of: order, seenBy: rep) == "pending")
            #expect(try await Self.statusChangedDeliveries(admin).isEmpty)

            // A new payment event confirms it; one for an order no longer pending, or unknown, changes nothing.
            #expect(try await stripe.post(StripeSender.event(id: "evt_new", type: "payment_intent.succeeded", orderId: order.id)).status == 200)
            #expect(try await Self.status(of: order, seenBy: rep) == "confirmed")
            #expect(try await stripe.post(StripeSender.event(id: "evt_again", type: "invoice.paid", orderId: order.id)).status == 200)
            #expect(try await stripe.post(StripeSender.event(id: "evt_unknown", type: "invoice.paid", orderId: "ord_nope")).status == 200)
            #expect(try await Self.statusChangedDeliveries(admin).count == 1)
        }
    }

    @Test func forgedMissingStaleAndFutureSignaturesAreRefused() async throws {
        let clock = ManualClock()
        try await withServer(clock: clock.reading) { server in
            let (rep, order) = try await Self.pendingOrder(server)
            let stripe = StripeSender(client: server.client(), clock: clock)
            let body = StripeSender.event(id: "evt_forged", type: "payment_intent.succeeded", orderId: order.id)
            let now = Int(clock.now.timeIntervalSince1970)
            let refused: [(String, String?)] = [
                ("missing header", nil),
                ("empty header", ""),
                ("garbage", "not a signature"),
                ("signed with another secret", stripe.header(for: body, secret: "whsec_someone-else")),
                ("six minutes old", stripe.header(for: body, offset: -360)),
                ("six minutes ahead", stripe.header(for: body, offset: 360)),
                ("only a v0", "t=\(now),v0=\(StripeSender.signature(body, timestamp: now))"),
                ("timestamp not the one signed", "t=\(now + 1),v1=\(StripeSender.signature(body, timestamp: now))"),
                ("two timestamps", "t=\(now),t=\(now),v1=\(StripeSender.signature(body, timestamp: now))"),
                ("signature of another body", stripe.header(for: Data(body.dropLast()) + Data(" }".utf8))),
            ]
            for (what, header) in refused {
                let answer = try await stripe.post(body, header: header)
                #expect(answer.status == 401, "\(what)")
                #expect(answer.json == ["error": "Invalid signature"], "\(what)")
            }
            // Signed now, arriving six minutes later on the server's clock.
            let signedNow = stripe.header(for: body)
            clock.advance(by: 360)
            #expect(try await stripe.post(body, header: signedNow).status == 401)
            #expect(try await Self.status(of: order, seenBy: rep) == "pending")

            // Exactly five minutes either way is still on time; other schemes and extra v1s do not matter.
            clock.advance(by: -360)
            let fiveMinutesOld = "t=\(now - 300),v0=abc,v1=\(String(repeating: "0", count: 64)),v1=\(StripeSender.signature(body, timestamp: now - 300))"
            #expect(try await stripe.post(body, header: fiveMinutesOld).status == 200)
            #expect(try await Self.status(of: order, seenBy: rep) == "confirmed")
            let ahead = StripeSender.event(id: "evt_ahead", type: "invoice.paid", orderId: order.id)
            #expect(try await stripe.post(ahead, header: stripe.header(for: ahead, offset: 300)).status == 200)
        }
    }

    @Test func aBodyThatIsNotJSONIsRefusedAfterItsSignature() async throws {
        let clock = ManualClock()
        try await withServer(clock: clock.reading) { server in
            let stripe = StripeSender(client: server.client(), clock: clock)
            let body = Data("payment_intent.succeeded, not JSON".utf8)
            let answer = try await stripe.post(body)
            #expect(answer.status == 400)
            #expect(answer.json == ["error": "Invalid payload"])
            let forged = try await stripe.post(body, header: stripe.header(for: body, secret: "whsec_someone-else"))
            #expect(forged.status == 401, "the signature is checked first")
        }
    }

    @Test func withoutASecretEveryoneIsRefused() async throws {
        let clock = ManualClock()
        try await withServer(clock: clock.reading, { $0.stripeWebhookSecret = nil }) { (server: TestServer) async throws in
            let (rep, order) = try await Self.pendingOrder(server)
            let stripe = StripeSender(client: server.client(), clock: clock)
            let answer = try await stripe.post(StripeSender.event(id: "evt_1", type: "payment_intent.succeeded", orderId: order.id))
            #expect(answer.status == 401)
            #expect(answer.json == ["error": "Invalid signature"])
            #expect(try await Self.status(of: order, seenBy: rep) == "pending")
        }
    }
}

import Foundation
import Hummingbird
import PortalAPI
import PortalTestSupport
import Synchronization
import Testing
@testable import PortalServer

/// A tenant's admin cannot turn webhooks into a way into the server's own network.
@Suite("Webhook destinations")
struct WebhookDestinationTests {
    static let privateURLs = [
        "http://127.0.0.1:8787/x", "http://localhost/x", "http://[::1]/x", "http://2130706433/x", "http://0177.0.0.1/x",
        "http://0x7f.1/x", "http://10.0.0.1/x", "http://192.168.1.1/x", "http://172.16.5.4/x", "http://169.254.169.254/latest/meta-data",
        "http://0.0.0.0/x", "http://[::ffff:127.0.0.1]/x", "http://224.0.0.1/x", "http://100.64.0.1/x", "http://[fe80::1]/x",
        "http://[fd00::1]/x", "http://user:pass@93.184.216.34/x",
    ]

    @Test func privateDestinationsAreRefusedAtCreation() async throws {
        try await withServer({ $0.allowPrivateWebhooks = false }) { server in
            let admin = try await server.login("admin@northwind.test")
            for url in Self.privateURLs {
                let response = try await admin.post(Routes.webhookSubscriptions, json: ["eventType": "order.created", "url": .string(url)])
                #expect(response.status == 400, "\(url) answered \(response.status)")
                #expect(response.errorField == "url")
            }
            #expect(try await admin.get(Routes.webhookSubscriptions).data(WebhookSubscriptionsList.self).subscriptions.isEmpty)
        }
    }

    @Test func addressClassification() {
        let publicOnes: [[UInt8]] = [[8, 8, 8, 8], [93, 184, 216, 34], [172, 32, 0, 1], [100, 128, 0, 1],
            [0x26, 0x06, 0x47, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]]
        for bytes in publicOnes { #expect(NetworkAddress.isPublic(NetworkAddress(bytes: bytes)), "\(bytes)") }
        let privateOnes: [[UInt8]] = [[127, 0, 0, 1], [10, 1, 2, 3], [169, 254, 169, 254], [0, 0, 0, 0], [255, 255, 255, 255],
            [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 10, 0, 0, 1], [0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0, 127, 0, 0, 1]]
        for bytes in privateOnes { #expect(!NetworkAddress.isPublic(NetworkAddress(bytes: bytes)), "\(bytes)") }
    }

    @Test func aDeliveryToADestinationThatBecamePrivateIsNotSent() async throws {
        let receiver = try await WebhookReceiver.start()
        defer { Task { await receiver.stop() } }
        try await withServer({ $0.allowPrivateWebhooks = false }) { server in
            // As if the name had resolved to a public address when the subscription was made: stored directly.
            let database = server.database()
            let tenant = try await database.strings("SELECT tenant_id FROM users WHERE email = 'admin@northwind.test'").first ?? ""
            try await database.execute(
                """
                INSERT INTO webhook_subscriptions (id, tenant_id, event_type, url, secret, active, created_at)
                VALUES ('whs_rebound', ?, 'order.created', ?, 'whsec_x', true, ?)
                """, [.text(tenant), .text(receiver.url), .date(Date())])
            _ = try await WebhookDeliveryTests.placeOrder(server)
            let admin = try await server.login("admin@northwind.test")
            _ = try await WebhookDeliveryTests.runCron(server.client())
            #expect(receiver.received.isEmpty, "nothing reached the private address")
            let delivery = try #require(try await admin.get(Routes.webhookDeliveries).data(WebhookDeliveriesPage.self).deliveries.first)
            #expect(delivery.lastStatus == nil)
            #expect(delivery.lastError?.contains("not sent") == true, "\(delivery.lastError ?? "")")
        }
    }

    @Test func redirectsAreNotFollowed() async throws {
        let target = try await WebhookReceiver.start()
        let redirecting = try await LoopbackService.start(
            {
                let router = Router()
                router.post("/hook") { _, _ in Response(status: .temporaryRedirect, headers: [.location: target.url]) }
                return router
            }(), label: "redirector")
        try await withServer { server in
            let admin = try await server.login("admin@northwind.test")
            _ = try await admin.post(
                Routes.webhookSubscriptions, json: ["eventType": "order.created", "url": .string("http://127.0.0.1:\(redirecting.port)/hook")])
            _ = try await WebhookDeliveryTests.placeOrder(server)
            _ = try await WebhookDeliveryTests.runCron(server.client())
            let delivery = try #require(try await admin.get(Routes.webhookDeliveries).data(WebhookDeliveriesPage.self).deliveries.first)
            #expect(delivery.lastStatus == 307)
            #expect(target.received.isEmpty, "the redirect's target got nothing")
        }
        await redirecting.stop()
        await target.stop()
    }
}

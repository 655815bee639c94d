import Foundation
import LeoraKit
import PortalAPI
import PortalTestSupport
import Testing

/// The admin pane's calls against a real portal: create (the secret once), list, deliveries by
/// status after a real order, delete; a sales rep is refused.
@Suite struct WebhookAdminClientTests {
    @Test func anAdminManagesSubscriptionsAndReadsDeliveries() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try await withServer { server in
            let admin = server.sessionStore(in: directory)
            _ = try await admin.login(email: "admin@northwind.test", password: TestServer.password)
            let created = try await admin.perform { try await $0.createWebhookSubscription(eventType: "order.created", url: "http://127.0.0.1:9/hooks") }
            let secret = try #require(created.secret)
            #expect(secret.hasPrefix("whsec_") && secret.count == 70)
            let listed = try await admin.perform { try await $0.webhookSubscriptions() }
            #expect(listed.map(\.id).contains(created.id))
            #expect(listed.first { $0.id == created.id }?.secret == nil, "the secret is shown only once")

            // An order makes a pending delivery for the subscription.
            let rep = try await server.login("rep@northwind.test")
            let product = try #require(try await rep.productsInStock().first)
            #expect(try await rep.placeOrder(customerId: try await rep.firstCustomer().id, lines: [(product.id, 1)]).status == 201)
            let pending = try await admin.perform { try await $0.webhookDeliveries(status: "pending") }
            #expect(pending.items.contains { $0.subscriptionId == created.id && $0.eventType == "order.created" && $0.status == "pending" })
            #expect(try await admin.perform { try await $0.webhookDeliveries(status: "delivered") }.items.isEmpty)

            try await admin.perform { try await $0.deleteWebhookSubscription(id: created.id) }
            #expect(try await admin.perform { try await $0.webhookSubscriptions() }.contains { $0.id == created.id } == false)
        }
    }

    @Test func aSalesRepIsRefused() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try await withServer { server in
            let rep = server.sessionStore(in: directory)
            _ = try await rep.login(email: "rep@northwind.test", password: TestServer.password)
            do {
                _ = try await rep.perform { try await $0.webhookSubscriptions() }
                Issue.record("expected 403")
            } catch let error as PortalError {
                #expect(error.status == 403)
            }
        }
    }
}

import Foundation
import PortalAPI
import PortalTestSupport
import Testing

@Suite("Webhook subscriptions and the outbox over HTTP")
struct WebhookOutboxTests {
    static func subscribe(_ client: TestClient, _ type: String, url: String = "http://127.0.0.1:9/hook") async throws -> TestResponse {
        try await client.post(Routes.webhookSubscriptions, json: ["eventType": .string(type), "url": .string(url)])
    }

    @Test func adminsManageSubscriptionsAndSeeTheSecretOnce() async throws {
        try await withServer { server in
            let admin = try await server.login("admin@northwind.test")
            let created = try await Self.subscribe(admin, "order.created")
            #expect(created.status == 201)
            let subscription = try created.data(WebhookSubscriptionPayload.self).subscription
            let secret = try #require(subscription.secret)
            #expect(secret.hasPrefix("whsec_") && secret.count == 70 && secret.dropFirst(6).allSatisfy(\.isHexDigit))
            #expect(subscription.active)
            let listed = try await admin.get(Routes.webhookSubscriptions)
            #expect(try listed.data(WebhookSubscriptionsList.self).subscriptions.map(\.id) == [subscription.id])
            #expect(!listed.text.contains(secret), "the secret is shown once, at creation")
            #expect(try await admin.send("DELETE", Routes.webhookSubscription(subscription.id)).status == 200)
            #expect(try await admin.get(Routes.webhookSubscriptions).data(WebhookSubscriptionsList.self).subscriptions.isEmpty)
            #expect(try await admin.send("DELETE", Routes.webhookSubscription(subscription.id)).status == 404)
        }
    }

    @Test func subscriptionsAreValidatedAndForAdminsOnly() async throws {
        try await withServer { server in
            let rep = try await server.login("rep@northwind.test")
            #expect(try await Self.subscribe(rep, "order.created").status == 403)
            #expect(try await rep.get(Routes.webhookDeliveries).status == 403)
            let admin = try await server.login("admin@northwind.test")
            #expect(try await Self.subscribe(admin, "order.shipped").errorField == "eventType")
            #expect(try await Self.subscribe(admin, "order.created", url: "ftp://x/y").errorField == "url")
            #expect(try await Self.subscribe(admin, "order.created", url: "not a url").errorField == "url")
            #expect(try await admin.get("\(Routes.webhookDeliveries)?status=lost").errorField == "status")
            // Another tenant's subscription is not found.
            let fjord = try await server.login("admin@fjord.test")
            let theirs = try await Self.subscribe(fjord, "order.created").data(WebhookSubscriptionPayload.self).subscription
            #expect(try await admin.send("DELETE", Routes.webhookSubscription(theirs.id)).status == 404)
            #expect(try await fjord.get(Routes.webhookSubscriptions).data(WebhookSubscriptionsList.self).subscriptions.count == 1)
        }
    }

    @Test func ordersAndCancelsRecordOneDeliveryPerMatchingSubscription() async throws {
        try await withServer { server in
            let admin = try await server.login("admin@northwind.test")
            let created = try await Self.subscribe(admin, "order.created").data(WebhookSubscriptionPayload.self).subscription
            let changed = try await Self.subscribe(admin, "order.status_changed").data(WebhookSubscriptionPayload.self).subscription
            let inactive = try await admin.post(
                Routes.webhookSubscriptions, json: ["eventType": "order.created", "url": "http://127.0.0.1:9/off", "active": .bool(false)])
            #expect(try inactive.data(WebhookSubscriptionPayload.self).subscription.active == false)

            let rep = try await server.login("rep@northwind.test")
            let product = try #require(try await rep.productsInStock(minimum: 2).first)
            let customer = try await rep.firstCustomer()
            let order = try await rep.placeOrder(customerId: customer.id, lines: [(product.id, 1)]).data(OrderPayload.self).order
            var deliveries = try await admin.get(Routes.webhookDeliveries).data(WebhookDeliveriesPage.self).deliveries
            #expect(deliveries.count == 1)
            #expect(deliveries.first?.subscriptionId == created.id)
            #expect(deliveries.first?.eventType == "order.created")
            #expect(deliveries.first?.status == "pending" && deliveries.first?.attempts == 0)
            #expect(deliveries.first?.nextAttemptAt != nil)

            #expect(try await rep.post(Routes.cancelOrder(order.id), headers: [("Idempotency-Key", UUID().uuidString)]).status == 200)
            deliveries = try await admin.get("\(Routes.webhookDeliveries)?status=pending").data(WebhookDeliveriesPage.self).deliveries
            #expect(deliveries.count == 2)
            let cancelEvent = try #require(deliveries.first { $0.eventType == "order.status_changed" })
            #expect(cancelEvent.subscriptionId == changed.id)
            #expect(try await admin.get("\(Routes.webhookDeliveries)?status=delivered").data(WebhookDeliveriesPage.self).deliveries.isEmpty)
        }
    }

    @Test func aFailedCheckoutLeavesNoEvent() async throws {
        try await withServer { server in
            let admin = try await server.login("admin@northwind.test")
            _ = try await Self.subscribe(admin, "order.created")
            let rep = try await server.login("rep@northwind.test")
            let product = try #require(try await rep.productsInStock(minimum: 1).first)
            let customer = try await rep.firstCustomer()
            try await rep.fillCart(productId: product.id, quantity: product.inventory.available, customerId: customer.id)
            // The stock goes elsewhere first, so the checkout fails.
            #expect(try await admin.placeOrder(customerId: customer.id, lines: [(product.id, 1)]).status == 201)
            let failed = try await rep.checkout()
            #expect(failed.errorCode == "INSUFFICIENT_STOCK")
            let deliveries = try await admin.get(Routes.webhookDeliveries).data(WebhookDeliveriesPage.self).deliveries
            #expect(deliveries.count == 1, "only the admin's own order")
            let page = try await admin.get(Routes.webhookDeliveries)
            #expect(page.json["meta"]?["pagination"]?["total"]?.intValue == 1)
        }
    }
}

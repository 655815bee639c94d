import Foundation
import PortalAPI
import PortalTestSupport
import Testing

/// Two portals on one PostgreSQL database behave as one service. Runs in the PostgreSQL pass.
@Suite("Several instances on one database", .enabled(if: TestBackend.current == .postgres && PostgresTestCluster.isInstalled))
struct SeveralInstancesTests {
    /// Two in-process servers sharing the first one's database (the second finds it seeded).
    func withTwoInstances(_ body: (TestServer, TestServer) async throws -> Void) async throws {
        try await withServer { first in
            try await withServer({ $0.databasePath = first.databasePath }) { second in
                try await body(first, second)
            }
        }
    }

    @Test func theSameIdempotentCheckoutOnTwoInstancesPlacesOneOrder() async throws {
        try await withTwoInstances { first, second in
            let onFirst = try await first.login("rep@northwind.test")
            let onSecond = try await second.login("rep@northwind.test")
            let product = try #require(try await onFirst.productsInStock(minimum: 2).first)
            try await onFirst.fillCart(productId: product.id, quantity: 2, customerId: try await onFirst.firstCustomer().id)
            let key = UUID().uuidString
            async let a = onFirst.checkout(key: key)
            async let b = onSecond.checkout(key: key)
            let answers = try await [a, b]
            #expect(answers.map(\.status) == [201, 201], "\(answers.map(\.text))")
            let orderIds = try answers.map { try $0.data(OrderPayload.self).order.id }
            #expect(Set(orderIds).count == 1, "one order, answered twice")
            let pending = try await onSecond.get("\(Routes.orders)?status=pending&limit=100").data(OrdersPage.self).orders
            #expect(pending.filter { $0.id == orderIds[0] }.count == 1)
        }
    }

    @Test func ordersRacingAcrossInstancesNeverOversell() async throws {
        try await withTwoInstances { first, second in
            let onFirst = try await first.login("rep@northwind.test")
            let onSecond = try await second.login("rep2@northwind.test")
            let product = try #require(try await onFirst.productsInStock(minimum: 2).first)
            let customer = try await onFirst.firstCustomer()
            // More than half the stock each: at most one of them can be served.
            let quantity = product.inventory.available / 2 + 1
            async let a1 = onFirst.placeOrder(customerId: customer.id, lines: [(product.id, quantity)])
            async let b1 = onSecond.placeOrder(customerId: customer.id, lines: [(product.id, quantity)])
            async let a2 = onFirst.placeOrder(customerId: customer.id, lines: [(product.id, quantity)])
            async let b2 = onSecond.placeOrder(customerId: customer.id, lines: [(product.id, quantity)])
            let statuses = try await [a1, b1, a2, b2].map(\.status)
            #expect(statuses.filter { $0 == 201 }.count == 1, "\(statuses)")
            #expect(statuses.filter { $0 == 409 }.count == 3, "\(statuses)")
            let after = try await onSecond.get(Routes.product(product.id)).data(ProductPayload.self).product
            #expect(after.inventory.available == product.inventory.available - quantity)
        }
    }

    @Test func eachDueDeliveryIsSentOnceWhicheverInstanceRunsTheWorker() async throws {
        let receiver = try await WebhookReceiver.start()
        try await withTwoInstances { first, second in
            let admin = try await first.login("admin@northwind.test")
            let subscription = try await admin.post(
                Routes.webhookSubscriptions, json: ["eventType": "order.created", "url": .string(receiver.url)]
            ).data(WebhookSubscriptionPayload.self).subscription
            receiver.verify(with: subscription.secret ?? "")
            let rep = try await second.login("rep@northwind.test")
            let product = try #require(try await rep.productsInStock(minimum: 6).first)
            let customer = try await rep.firstCustomer()
            for _ in 0..<6 { _ = try await rep.placeOrder(customerId: customer.id, lines: [(product.id, 1)]) }
            async let a = WebhookDeliveryTests.runCron(first.client())
            async let b = WebhookDeliveryTests.runCron(second.client())
            async let c = WebhookDeliveryTests.runCron(first.client())
            let processed = try await [a, b, c].map { $0.json["recordsProcessed"]?.intValue ?? -1 }
            #expect(processed.reduce(0, +) == 6, "\(processed)")
            #expect(receiver.received.count == 6)
            #expect(Set(receiver.received.map(\.eventId)).count == 6)
        }
        await receiver.stop()
    }
}

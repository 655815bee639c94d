import Foundation
import LeoraKit
import PortalAPI
import PortalTestSupport
import Testing

@Suite("Retries of idempotent mutations over real HTTP")
struct IdempotentRetryTests {
    @Test func aCheckoutWhoseResponseIsLostIsRetriedWithoutASecondOrder() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try await withServer { server in
            // Three responses lost: libcurl may itself resend once on a reused connection; our retries do the rest.
            let proxy = try LossyProxy(upstream: server.baseURL, losing: 3, of: Routes.checkout)
            defer { proxy.stop() }
            let transport = CountingTransport()
            let store = SessionStore(
                client: PortalClient(server: URL(string: proxy.baseURL)!, transport: transport), file: SessionFile(directory: directory.url))
            _ = try await store.login(email: "rep@northwind.test", password: TestServer.password)
            let product = try #require(
                try await store.perform { client in try await client.products(limit: 100) }.value?.items.first { $0.active && $0.inventory.available >= 2 })
            let customer = try #require(try await store.perform { client in try await client.customers() }.value?.items.first)
            _ = try await store.perform { client in try await client.addToCart(productId: product.id, quantity: 2) }
            let cart = try await store.perform { client in try await client.setCartCustomer(id: customer.id) }
            let before = try #require(try await store.perform { client in try await client.orders(limit: 1) }.value?.pagination.total)

            var retry = IdempotentRetry()
            retry.sleep = { _ in }
            let order = try await retry.run { key in
                try await store.perform { client in try await client.checkout(CheckoutRequest(expectedVersion: cart.version), idempotencyKey: key) }
            }
            #expect(proxy.lost == 3)
            let checkoutsSent = proxy.forwarded.filter { $0.hasPrefix("POST \(Routes.checkout)") }.count
            #expect(checkoutsSent == 4, "three lost, the fourth answered")
            #expect(transport.count("POST", Routes.checkout) >= 2, "the client itself retried")
            #expect(order.lines.map(\.productId) == [product.id])
            let after = try #require(try await store.perform { client in try await client.orders(limit: 1) }.value)
            #expect(after.pagination.total == before + 1, "exactly one new order")
            #expect(after.items.first?.id == order.id)
            let stock = try #require(try await store.perform { client in try await client.product(id: product.id) }.value)
            #expect(stock.inventory.onHand == product.inventory.onHand - 2)
        }
    }

    @Test func rateLimitingIsRetriedAfterTheServersRetryAfter() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try await withServer({ $0.requestRateLimit = ("POST", 1) }) { server in
            let transport = CountingTransport()
            let store = server.sessionStore(in: directory, transport: transport)
            _ = try await store.login(email: "rep@northwind.test", password: TestServer.password)
            let waits = WaitLog()
            var retry = IdempotentRetry()
            retry.sleep = { duration in
                await waits.append(duration)
                try await Task.sleep(for: duration)
            }
            let customer = try #require(try await store.perform { client in try await client.customers() }.value?.items.first)
            let product = try #require(try await store.perform { client in try await client.products(limit: 100) }.value?.items.first { $0.inventory.available > 3 })
            // Two orders in the same second: the second is limited, then retried after Retry-After.
            for _ in 0..<2 {
                _ = try await retry.run { key in
                    try await store.perform { client in
                        try await client.createOrder(CreateOrderRequest(customerId: customer.id, lines: [.init(productId: product.id, quantity: 1)]), idempotencyKey: key)
                    }
                }
            }
            let recorded = await waits.all
            #expect(recorded.allSatisfy { $0 == .seconds(1) }, "Retry-After: 1 honoured, got \(recorded)")
        }
    }
}

actor WaitLog {
    private(set) var all: [Duration] = []
    func append(_ duration: Duration) { all.append(duration) }
}

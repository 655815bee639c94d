import Foundation
import LeoraKit
import PortalAPI
import PortalTestSupport
import Testing

/// A checkout whose answer is lost is neither reported as failed nor placed twice.
@Suite("Checkout with its answer lost")
struct CheckoutOutcomeTests {
    @Test func anUnknownOutcomeExits75AndTheNextCheckoutCompletesItWithoutASecondOrder() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try await withServer { server in
            let proxy = try LossyProxy(upstream: server.baseURL, losing: 1_000, of: Routes.checkout)
            defer { proxy.stop() }
            let leora = LeoraCommand(server: proxy.baseURL, stateDirectory: directory.url)
            #expect(try await leora.login().status == 0)
            let rep = try await server.login("rep@northwind.test")
            let product = try #require(try await rep.productsInStock(minimum: 2).first)
            let customer = try await rep.firstCustomer()
            #expect(try await leora.run(["cart", "add", product.sku, "2"]).status == 0)
            #expect(try await leora.run(["cart", "customer", customer.id]).status == 0)
            let before = try #require(try await rep.get(Routes.orders).json["meta"]?["pagination"]?["total"]?.intValue)

            let lost = try await leora.run(["checkout", "--yes"])
            #expect(lost.status == 75, "\(lost.stderr)")
            #expect(lost.stderr.contains("outcome is unknown"))
            #expect(lost.stderr.contains("leora checkout"))
            #expect(proxy.lost >= 1, "the server did take the checkout")

            proxy.stopLosing()
            let completed = try await leora.run(["checkout", "--yes"])
            #expect(completed.status == 0, "\(completed.stderr)")
            #expect(completed.stdout.contains("Placed order"))
            let after = try #require(try await rep.get(Routes.orders).json["meta"]?["pagination"]?["total"]?.intValue)
            #expect(after == before + 1, "exactly one order")

            let again = try await leora.run(["checkout", "--yes"])
            #expect(again.status == 1, "the journal is gone once the outcome is known: the cart is now empty")
        }
    }
}

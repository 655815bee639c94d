import Foundation
import LeoraKit
import PortalAPI
import PortalTestSupport
import Testing

@testable import LeoraApp

/// Quick `+` presses on a cart line (`CartQuantityHold`) in the app with its live dependencies, against
/// a real portal: each press shows at once, they reach the portal as one `PATCH` with the last
/// quantity, and asking for checkout sends them at once. The cache's clock never moves here, so the
/// hold's window never ends by itself: only what the test does sends the presses.
@Suite struct HeldCartPressesPortalTests {
    @Test func twoQuickPressesAreOnePatchSentWhenCheckoutIsAskedFor() async throws {
        try await withServer { server in
            let rep = try await server.login("rep@northwind.test")
            let product = try #require(try await rep.productsInStock(minimum: 10).first)
            try await rep.fillCart(productId: product.id, quantity: 1, customerId: try await rep.firstCustomer().id)
            let before = try await rep.currentCart()

            let app = try await LiveApp(server)
            defer { app.stop() }
            try await app.settle("the briefing") { $0.phase == .main && $0.briefing.payload != nil }
            app.send(.selectTab(.cart))
            try await app.settle("the cart") { $0.cart.items.first?.quantity == 1 && $0.cart.cart?.version == before.version }

            app.send(.cart(.increment))
            try await app.settle("2 shown at once") { $0.cart.items.first?.quantity == 2 }
            app.send(.cart(.increment))
            try await app.settle("3 shown at once") { $0.cart.items.first?.quantity == 3 }
            try await Task.sleep(for: .milliseconds(300))
            #expect(try await rep.currentCart().version == before.version, "the presses are held, nothing sent yet")
            #expect(app.state.cart.items.first?.quantity == 3)

            app.send(.cart(.requestCheckout))
            try await app.settle("the confirmation") { $0.cart.confirmingVersion != nil }
            let portal = try await rep.currentCart()
            #expect(portal.items.first?.quantity == 3)
            #expect(portal.version == before.version + 1, "one PATCH for both presses")
            #expect(app.state.cart.confirmingVersion == portal.version, "checkout confirms the cart the portal answered")

            app.send(.cart(.checkoutConfirmed))
            try await app.settle("the order") { $0.cart.placedOrder != nil }
            #expect(app.state.cart.placedOrder?.lines.first?.quantity == 3)
        }
    }
}

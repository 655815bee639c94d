import Foundation
import LeoraKit
import PortalAPI
import PortalTestSupport
import Testing

/// Quick `+` presses on a cart line are held to be sent as one request (`CartQuantityHold`): the real
/// `leora` in tmux, quitting at once after them, loses none.
@Suite struct HeldCartPressesEndToEndTests {
    @Test func quittingRightAfterQuickPressesSendsThemAsOneChange() async throws {
        var products: [Product] = []
        var before: Cart?
        try await EndToEndTests.withLeora(width: 120, height: 35, prepare: { portal, _ in
            products = try await OfflineCartEndToEndTests.prepareCart(portal)
            before = try await OfflineCartEndToEndTests.serverCart(portal.baseURL)
        }) { session, portal, _ in
            let before = try #require(before)
            try await EndToEndTests.logIn(session)
            try session.sendKeys("4")
            try await session.waitForText(products[1].name, timeout: .seconds(30))
            try session.sendKeys("g")
            // 3 → 5 of the first line: 7 bottles in the cart, shown at once; then quit within the hold's window.
            try session.sendKeys("+")
            try session.sendKeys("+")
            try await session.waitForScreen(describedAs: "7 in the cart", timeout: .seconds(30)) { EndToEndTests.cartCount($0) == 7 }
            try session.sendKeys("q")
            try await session.waitForText("leora exited with 0", timeout: .seconds(30))

            let after = try await OfflineCartEndToEndTests.serverCart(portal.baseURL)
            #expect(after.items.first { $0.productId == products[0].id }?.quantity == 5, "both presses reached the portal")
            #expect(after.version == before.version + 1, "as one PATCH")
        }
    }
}

import Foundation
import LeoraKit
import PortalAPI
import PortalTestSupport
import Testing

/// `CartQuantityHold` through `PortalCart.changeQuantity`, against a real portal: the portal's cart
/// version counts the requests that changed it.
@Suite("Quick cart presses held and sent as one")
struct CartQuantityHoldTests {
    /// A real portal and a logged-in `PortalData` on a test clock, its cart holding one line of a
    /// product with at least 10 in stock: `quantity` of it, or all that is available but one (nil).
    static func withCart(
        quantity: Int? = 1, transport: any HTTPTransport = CurlTransport(),
        _ body: (TestServer, PortalData, Cart, CartItem, QueryTestClock) async throws -> Void
    ) async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try await withServer { server in
            let clock = QueryTestClock()
            let store = server.sessionStore(in: directory, transport: CountingTransport(transport))
            _ = try await store.login(email: "rep@northwind.test", password: TestServer.password)
            let data = PortalData(session: store, cache: QueryClient(clock: clock), whenStale: .waitForFresh)
            let product = try #require(try await data.products(limit: 100).items.first { $0.active && $0.inventory.available >= 10 })
            _ = try await data.cart()
            let cart = try await data.addToCart(product, quantity: quantity ?? product.inventory.available - 1)
            try await body(server, data, cart, try #require(cart.items.first), clock)
        }
    }

    static func shownQuantity(_ data: PortalData) async -> Int? {
        await data.cache.getQueryData(PortalQueryKeys.cart, as: Cart.self)?.items.first?.quantity
    }

    static func waitUntilShown(_ data: PortalData, _ quantity: Int) async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while await shownQuantity(data) != quantity {
            guard ContinuousClock.now < deadline else { throw TestFailure("\(quantity) was never shown") }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    @Test func pressesWithinTheWindowAreOnePatchWithTheLastQuantity() async throws {
        try await Self.withCart { server, data, cart, line, clock in
            let portalCart = data.portalCart
            let first = Task { try await portalCart.changeQuantity(itemId: line.id, by: 1) }
            try await Self.waitUntilShown(data, 2)
            let second = Task { try await portalCart.changeQuantity(itemId: line.id, by: 1) }
            try await Self.waitUntilShown(data, 3)
            await clock.waitForSleeper(after: CartQuantityHold.window)
            let rep = try await server.login("rep@northwind.test")
            #expect(try await rep.currentCart().version == cart.version, "held: nothing sent within the window")

            clock.advance(by: CartQuantityHold.window)
            let answers = try await (first.value, second.value)
            #expect(answers.0 == answers.1, "both presses answer with the one cart")
            #expect(answers.0.items.first?.quantity == 3)
            let portal = try await rep.currentCart()
            #expect(portal.items.first?.quantity == 3)
            #expect(portal.version == cart.version + 1, "one PATCH")
            #expect(await data.cache.getQueryData(PortalQueryKeys.cart, as: Cart.self) == portal)
        }
    }

    /// Quitting cancels the press's effect: the held quantity is sent anyway, and `sendHeldChanges`
    /// (called at exit) returns once the portal has it — the request is slowed down, so returning
    /// before its answer would be seen.
    @Test func aCancelledPressIsSentAndSendHeldWaitsForItsAnswer() async throws {
        try await Self.withCart(transport: SlowPatchTransport()) { server, data, cart, line, clock in
            let portalCart = data.portalCart
            let press = Task { try await portalCart.changeQuantity(itemId: line.id, by: 1) }
            try await Self.waitUntilShown(data, 2)
            await clock.waitForSleeper(after: CartQuantityHold.window)
            press.cancel()
            await portalCart.sendHeldChanges()
            let rep = try await server.login("rep@northwind.test")
            let portal = try await rep.currentCart()
            #expect(portal.items.first?.quantity == 2, "the press reached the portal")
            #expect(portal.version == cart.version + 1)
        }
    }

    /// Any other cart change sends the held presses first, in order: a removal is not overtaken.
    @Test func anotherChangeSendsTheHeldPressesFirst() async throws {
        try await Self.withCart { server, data, cart, line, clock in
            let portalCart = data.portalCart
            let press = Task { try await portalCart.changeQuantity(itemId: line.id, by: 1) }
            try await Self.waitUntilShown(data, 2)
            let removed = try await portalCart.remove(itemId: line.id)
            #expect(removed.items.isEmpty)
            #expect(try await press.value.items.first?.quantity == 2)
            let rep = try await server.login("rep@northwind.test")
            let portal = try await rep.currentCart()
            #expect(portal.items.isEmpty)
            #expect(portal.version == cart.version + 2, "the PATCH, then the DELETE")
        }
    }

    /// The held quantity refused (not enough stock) rolls every press it covered back to the portal's cart.
    @Test func aRefusedQuantityRollsBackEveryPressItCovered() async throws {
        try await Self.withCart(quantity: nil) { server, data, cart, line, clock in
            let portalCart = data.portalCart
            let first = Task { try await portalCart.changeQuantity(itemId: line.id, by: 1) }
            try await Self.waitUntilShown(data, line.quantity + 1)
            let second = Task { try await portalCart.changeQuantity(itemId: line.id, by: 1) }
            try await Self.waitUntilShown(data, line.quantity + 2)
            await clock.waitForSleeper(after: CartQuantityHold.window)
            clock.advance(by: CartQuantityHold.window)
            for press in [first, second] {
                do {
                    _ = try await press.value
                    Issue.record("expected INSUFFICIENT_STOCK")
                } catch let error as PortalError {
                    #expect(error.code == ErrorCode.insufficientStock.rawValue)
                }
            }
            #expect(await Self.shownQuantity(data) == line.quantity, "both presses rolled back")
            let rep = try await server.login("rep@northwind.test")
            #expect(try await rep.currentCart().version == cart.version)
        }
    }
}

/// Curl, with every `PATCH` sent half a second late.
private struct SlowPatchTransport: HTTPTransport {
    let inner = CurlTransport()

    func send(_ request: TransportRequest) async throws -> TransportResponse {
        if request.method == "PATCH" { try await Task.sleep(for: .milliseconds(500)) }
        return try await inner.send(request)
    }

    func cookies() -> [StoredCookie] { inner.cookies() }
    func replaceCookies(with cookies: [StoredCookie]) { inner.replaceCookies(with: cookies) }
}

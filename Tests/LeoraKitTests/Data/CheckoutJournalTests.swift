import Foundation
import LeoraKit
import PortalAPI
import PortalTestSupport
import Synchronization
import Testing

/// The terminal UI's checkout (PortalCart, as the Cart pane runs it) over real HTTP: an answer lost
/// in an outage leaves the checkout in the journal, never reported as failed; sent again with the
/// same key it gets the one order the portal made; `leora checkout` completes the same journal.
@Suite("Checkout journal")
struct CheckoutJournalTests {
    /// A rep logged in through `proxy`, with two of a product in stock and a customer in the cart.
    static func cartReady(_ server: TestServer, through proxy: LossyProxy, session: SessionFile) async throws -> (PortalData, Cart) {
        let store = SessionStore(client: PortalClient(server: URL(string: proxy.baseURL)!, transport: CurlTransport()), file: session)
        _ = try await store.login(email: "rep@northwind.test", password: TestServer.password)
        let rep = try await server.login("rep@northwind.test")
        let product = try #require(try await rep.productsInStock(minimum: 2).first)
        let customer = try await rep.firstCustomer()
        let data = PortalData(session: store, cache: QueryClient(retryPolicy: .never), whenStale: .waitForFresh)
        _ = try await store.perform { try await $0.addToCart(productId: product.id, quantity: 2) }
        let cart = try await store.perform { try await $0.setCartCustomer(id: customer.id) }
        return (data, cart)
    }

    static func orderCount(_ server: TestServer) async throws -> Int {
        let rep = try await server.login("rep@northwind.test")
        return try #require(try await rep.get(Routes.orders).json["meta"]?["pagination"]?["total"]?.intValue)
    }

    @Test func aLostAnswerIsKeptAndResumedWithTheSameKeyIntoOneOrder() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try await withServer { server in
            let proxy = try LossyProxy(upstream: server.baseURL, losing: 1_000, of: Routes.checkout)
            defer { proxy.stop() }
            let (data, cart) = try await Self.cartReady(server, through: proxy, session: SessionFile(directory: directory.url))
            let before = try await Self.orderCount(server)
            let portalCart = data.portalCart

            await #expect(throws: CheckoutOutcomeUnknown.self) { try await portalCart.checkout(expectedVersion: cart.version) }
            #expect(proxy.lost >= 1, "the portal did take the checkout")
            #expect(await portalCart.hasPendingCheckout(), "kept on disk until the portal answers for sure")
            let journal = try #require(await data.portalCart.journal.read())
            #expect(journal.request.expectedVersion == cart.version)

            // Still no answer: still kept, still one order at most.
            await #expect(throws: CheckoutOutcomeUnknown.self) { _ = try await portalCart.resumeCheckout() }
            #expect(await portalCart.journal.read()?.key == journal.key, "the same key every time")

            proxy.stopLosing()
            let order = try #require(try await portalCart.resumeCheckout())
            #expect(order.lines.count == 1)
            #expect(try await Self.orderCount(server) == before + 1, "exactly one order")
            #expect(await portalCart.hasPendingCheckout() == false)
            #expect(try await portalCart.resumeCheckout() == nil, "nothing left to resume")
        }
    }

    /// A checkout asked for while an earlier one still waits for its answer completes the earlier
    /// one, with its key: never a second key racing an unanswered request.
    @Test func aNewCheckoutCompletesTheOneStillWaitingFirst() async throws {
        let keys = Mutex<[String]>([])
        let requests = CartRequests(
            fetch: { _ in throw PortalError.offline }, add: { _, _ in throw PortalError.offline }, setQuantity: { _, _ in throw PortalError.offline },
            remove: { _ in throw PortalError.offline }, setCustomer: { _ in throw PortalError.offline },
            checkout: { pending in
                keys.withLock { $0.append(pending.key) }
                if keys.withLock({ $0.count }) == 1 { throw PortalError.offline }
                throw PortalError.server(status: 409, code: "CART_CHANGED", message: "The cart changed", details: nil, retryAfter: nil)
            })
        let cart = PortalCart(cache: QueryClient(retryPolicy: .never), requests: requests)
        await #expect(throws: CheckoutOutcomeUnknown.self) { try await cart.checkout(expectedVersion: 3) }
        let waiting = try #require(await cart.journal.read())
        await #expect(throws: PortalError.self) { try await cart.checkout(expectedVersion: 5) }
        #expect(keys.withLock { $0 } == [waiting.key, waiting.key], "the waiting checkout, sent again with its own key")
        #expect(await cart.hasPendingCheckout() == false, "its definitive answer cleared the journal")
    }

    @Test func aRefusalIsDefinitiveAndClearsTheJournal() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try await withServer { server in
            let proxy = try LossyProxy(upstream: server.baseURL, losing: 0, of: Routes.checkout)
            defer { proxy.stop() }
            let (data, cart) = try await Self.cartReady(server, through: proxy, session: SessionFile(directory: directory.url))
            // The cart changed since the rep confirmed it: 409 CART_CHANGED, nothing ordered.
            await #expect(throws: PortalError.self) { try await data.portalCart.checkout(expectedVersion: cart.version - 1) }
            #expect(await data.portalCart.hasPendingCheckout() == false)
        }
    }

    @Test func theCommandLineCompletesACheckoutTheTerminalUILost() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try await withServer { server in
            let proxy = try LossyProxy(upstream: server.baseURL, losing: 1_000, of: Routes.checkout)
            defer { proxy.stop() }
            let leora = LeoraCommand(server: proxy.baseURL, stateDirectory: directory.url)
            #expect(try await leora.login().status == 0)
            // The session file `leora` uses, so the journal beside it is the one the command reads.
            let session = LeoraPaths(environment: ["XDG_STATE_HOME": directory.url.path]).profile(.standard).sessionFile
            let (data, cart) = try await Self.cartReady(server, through: proxy, session: session)
            let before = try await Self.orderCount(server)
            await #expect(throws: CheckoutOutcomeUnknown.self) { try await data.portalCart.checkout(expectedVersion: cart.version) }

            proxy.stopLosing()
            let completed = try await leora.run(["checkout", "--yes"])
            #expect(completed.status == 0, "\(completed.stderr)")
            #expect(completed.stderr.contains("Completing the checkout started"))
            #expect(try await Self.orderCount(server) == before + 1, "exactly one order")
            #expect(await data.portalCart.hasPendingCheckout() == false, "one journal for both")
        }
    }
}

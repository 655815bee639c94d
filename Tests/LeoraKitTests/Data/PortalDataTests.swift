import Foundation
import LeoraKit
import PortalAPI
import PortalTestSupport
import Testing

@Suite("Cached portal data against a real portal")
struct PortalDataTests {
    static func data(_ server: TestServer, _ directory: TemporaryDirectory, _ transport: CountingTransport = CountingTransport())
        async throws -> PortalData
    {
        let store = server.sessionStore(in: directory, transport: transport)
        _ = try await store.login(email: "rep@northwind.test", password: TestServer.password)
        return PortalData(session: store, cache: QueryClient(), whenStale: .waitForFresh)
    }

    @Test func anOptimisticAddIsRolledBackByARealInsufficientStock() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try await withServer { server in
            let data = try await Self.data(server, directory)
            let before = try await data.cart()
            let product = try #require(try await data.products(limit: 100).items.first { $0.active && $0.inventory.available > 0 })
            let states = await data.cache.observe(PortalQueryKeys.cart, as: Cart.self)
            let seen = Task {
                var carts: [Cart] = []
                for await state in states {
                    if let cart = state.data { carts.append(cart) }
                    if carts.count >= 3 { break }
                }
                return carts
            }
            do {
                _ = try await data.addToCart(product, quantity: product.inventory.available + 1)
                Issue.record("expected INSUFFICIENT_STOCK")
            } catch let error as PortalError {
                #expect(error.code == "INSUFFICIENT_STOCK")
                #expect(error.stockShortages.first?.productId == product.id)
            }
            let carts = await seen.value
            #expect(carts.contains { $0.items.contains { $0.id == CartEstimate.pendingItemId(product.id) } }, "the optimistic line was shown")
            #expect(carts.last == before, "and rolled back")
            #expect(await data.cache.getQueryData(PortalQueryKeys.cart, as: Cart.self) == before)
        }
    }

    @Test func aConfirmedChangeReplacesTheEstimateWithTheServersCart() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try await withServer { server in
            let data = try await Self.data(server, directory)
            _ = try await data.cart()
            let products = try await data.products(limit: 100).items.filter { $0.active && $0.inventory.available >= 3 }
            async let first = data.addToCart(products[0], quantity: 2)
            async let second = data.addToCart(products[1], quantity: 1)
            _ = try await (first, second)
            let cached = try #require(await data.cache.getQueryData(PortalQueryKeys.cart, as: Cart.self))
            let line = try #require(cached.items.first { $0.productId == products[0].id })
            let confirmed = try await data.setCartQuantity(itemId: line.id, quantity: 3)
            #expect(!confirmed.items.contains { $0.id.hasPrefix("pending:") })
            let server = try await data.session.perform { client in try await client.cart() }.value
            #expect(await data.cache.getQueryData(PortalQueryKeys.cart, as: Cart.self) == server)
            #expect(server?.items.count == 2 && server?.itemCount == 4)
        }
    }

    @Test func refetchesSendTheETagAndA304KeepsTheData() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try await withServer { server in
            let transport = CountingTransport()
            let data = try await Self.data(server, directory, transport)
            let first = try await data.orders()
            await data.cache.invalidate(["orders"])
            let second = try await data.orders()
            #expect(first == second)
            #expect(transport.statuses("GET", Routes.orders) == [200, 304])
        }
    }

    @Test func checkoutInvalidatesWhatItChanged() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try await withServer { server in
            let data = try await Self.data(server, directory)
            let ordersBefore = try await data.orders().pagination.total
            let product = try #require(try await data.products(limit: 100).items.first { $0.active && $0.inventory.available >= 1 })
            let customer = try #require(try await data.customers().items.first)
            _ = try await data.cart()
            _ = try await data.addToCart(product, quantity: 1)
            let cart = try await data.setCartCustomer(CustomerReference(id: customer.id, name: customer.name))
            let order = try await data.checkout(expectedVersion: cart.version)
            #expect(order.customer.id == customer.id)
            #expect(try await data.cart().items.isEmpty)
            let ordersAfter = try await data.orders()
            #expect(ordersAfter.pagination.total == ordersBefore + 1)
            #expect(ordersAfter.items.first?.id == order.id)
            let cancelled = try await data.cancelOrder(id: order.id)
            #expect(cancelled.status == "cancelled")
            #expect(try await data.order(id: order.id).status == "cancelled")
        }
    }

    /// The contract says a checkout leaves the cart without lines or customer: the cached cart is
    /// emptied from that, not read again, and the next change (whose answer is the portal's cart, with
    /// its real version) checks out again without a conflict.
    @Test func checkoutEmptiesTheCachedCartWithoutReadingItAgain() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try await withServer { server in
            let transport = CountingTransport()
            let data = try await Self.data(server, directory, transport)
            let product = try #require(try await data.products(limit: 100).items.first { $0.active && $0.inventory.available >= 2 })
            let customer = try #require(try await data.customers().items.first)
            _ = try await data.cart()
            _ = try await data.addToCart(product, quantity: 1)
            let cart = try await data.setCartCustomer(CustomerReference(id: customer.id, name: customer.name))
            let reads = transport.count("GET", Routes.cart)
            _ = try await data.checkout(expectedVersion: cart.version)
            let emptied = try await data.cart()
            #expect(emptied.items.isEmpty && emptied.customer == nil && emptied.totalCents == 0)
            #expect(transport.count("GET", Routes.cart) == reads, "no read of the cart after the checkout")

            // The portal's cart agrees, and the next change brings its version: a second checkout goes through.
            let other = try await server.login("rep@northwind.test")
            let portalCart = try await other.get(Routes.cart).data(CartPayload.self).cart
            #expect(portalCart.items.isEmpty && portalCart.customer == nil)
            _ = try await data.addToCart(product, quantity: 1)
            let again = try await data.setCartCustomer(CustomerReference(id: customer.id, name: customer.name))
            #expect(again.version > cart.version)
            let order = try await data.checkout(expectedVersion: again.version)
            #expect(order.customer.id == customer.id)
        }
    }

    @Test func offlineKeepsCachedDataReadableAndRecovers() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let databaseDirectory = TemporaryDirectory()
        defer { databaseDirectory.remove() }
        try FileManager.default.createDirectory(at: databaseDirectory.url, withIntermediateDirectories: true)
        let databasePath = databaseDirectory.url.appendingPathComponent("portal.sqlite").path
        let server = try await TestServer.start(configure: { $0.databasePath = databasePath })
        let port = Int(URL(string: server.baseURL)!.port!)
        let data = try await Self.data(server, directory)
        let orders = try await data.orders()
        await server.stop()

        await data.cache.invalidate(["orders"])
        let refetch = Task { try await data.orders() }
        // While offline the fetch pauses; the cached page stays readable.
        let cache = data.cache
        try await withDeadline(seconds: 60, "noticing the server is gone") {
            while await cache.isOnline { try await Task.sleep(for: .milliseconds(25)) }
        }
        #expect(await data.cache.getQueryData(PortalQueryKeys.orders(page: 1, limit: 20), as: Paged<Order>.self) == orders)

        let restarted = try await TestServer.start(configure: {
            $0.databasePath = databasePath
            $0.port = port
        })
        defer { Task { await restarted.stop() } }
        await data.cache.setOnline(true)
        let recovered = try await withDeadline(seconds: 60, "the refetch after reconnecting") { try await refetch.value }
        #expect(recovered.pagination.total == orders.pagination.total)
        #expect(await data.cache.isOnline)
    }

    @Test func persistedQueriesShowDataBeforeTheNetworkAnswers() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try await withServer { server in
            let data = try await Self.data(server, directory)
            let orders = try await data.orders()
            let file = directory.url.appendingPathComponent("queries.json")
            let persistence = QueryPersistence(fileURL: file, buster: LeoraVersion.cacheBuster)
            _ = try persistence.save(await data.cache.persistableQueries(), now: Date())
            let fresh = QueryClient()
            await fresh.restore(persistence.load(now: Date()))
            #expect(await fresh.getQueryData(PortalQueryKeys.orders(page: 1, limit: 20), as: Paged<Order>.self) == orders)
            let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
            #expect(mode == 0o600)
            try persistence.wipe()
            #expect(persistence.load(now: Date()).isEmpty)
        }
    }

    @Test func answersShowTheCachedPageAtOnceThenTheRevalidatedOne() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try await withServer { server in
            let data = try await Self.data(server, directory)
            let key = PortalQueryKeys.orders(page: 1, limit: 5)
            func answers() async throws -> [Int] {
                var totals: [Int] = []
                for try await page in data.answers(key, { try await $0.orders(page: 1, limit: 5) }) { totals.append(page.value.pagination.total) }
                return totals
            }
            let first = try await answers()
            #expect(first.count == 1, "nothing cached: one answer")

            // Another device places an order; this cache does not know until it revalidates.
            let other = try await server.login("rep@northwind.test")
            let product = try #require(try await other.productsInStock().first)
            let placed = try await other.placeOrder(customerId: try await other.firstCustomer().id, lines: [(product.id, 1)])
            #expect(placed.status == 201)
            #expect(try await answers() == first, "fresh: the cached answer only")

            await data.cache.invalidate(["orders"])
            #expect(try await answers() == [first[0], first[0] + 1], "stale: the cached page, then the portal's")
        }
    }
}

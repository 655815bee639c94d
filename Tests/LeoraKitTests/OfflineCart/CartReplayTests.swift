import Foundation
import LeoraKit
import PortalAPI
import PortalTestSupport
import Testing

/// The offline queue against a real portal: changes queued with no connection reach it in order,
/// conflicts stop the replay, an interrupted replay resumes without applying anything twice, and two
/// processes on one queue end with one cart.
@Suite("Offline cart queue replayed against a real portal")
struct CartReplayTests {
    /// A `leora` process as far as the queue is concerned: its session store (sharing `directory`'s
    /// session file), its own cache and queue.
    struct Client {
        let data: PortalData
        let transport: SwitchableTransport
        var cart: PortalCart { data.portalCart }

        func goOffline() async {
            transport.setDown(true)
            await data.cache.setOnline(false)
        }

        func comeBack() async {
            transport.setDown(false)
            await data.cache.setOnline(true)
        }

        var queueFile: CartQueueFile {
            get async throws {
                let user = try #require(await data.session.state.session?.user.id)
                return CartQueueFile(directory: data.session.file.directory, userId: user)
            }
        }
    }

    static func client(_ server: TestServer, _ directory: TemporaryDirectory, login: Bool = true) async throws -> Client {
        try await client(baseURL: server.baseURL, directory, login: login)
    }

    static func client(baseURL: String, _ directory: TemporaryDirectory, login: Bool = true) async throws -> Client {
        let transport = SwitchableTransport()
        let store = SessionStore(client: PortalClient(server: URL(string: baseURL)!, transport: transport), file: SessionFile(directory: directory.url))
        if login {
            _ = try await store.login(email: "rep@northwind.test", password: TestServer.password)
        } else {
            _ = await store.restore()
        }
        return Client(data: PortalData(session: store, cache: QueryClient(), whenStale: .waitForFresh), transport: transport)
    }

    /// A real portal, the rep's web client on it, products with at least 10 in stock, and a client
    /// that has read the (empty) cart and then lost its connection.
    static func withOfflineClient(_ body: (TestServer, TestClient, [Product], Client) async throws -> Void) async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try await withServer { server in
            let rep = try await server.login("rep@northwind.test")
            let products = try await rep.productsInStock(minimum: 10)
            let client = try await Self.client(server, directory)
            _ = try await client.data.cart()
            await client.goOffline()
            try await body(server, rep, products, client)
        }
    }

    @Test func changesQueuedOfflineSurviveARestartAndReachThePortalInOrder() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try await withServer { server in
            let rep = try await server.login("rep@northwind.test")
            let products = try await rep.productsInStock(minimum: 10)
            let customer = try await rep.firstCustomer()
            let first = try await Self.client(server, directory)
            _ = try await first.data.cart()
            await first.goOffline()
            _ = try await first.cart.add(products[0], quantity: 2)
            _ = try await first.cart.add(products[1], quantity: 1)
            let shown = try #require(await first.data.cache.getQueryData(PortalQueryKeys.cart, as: Cart.self))
            let lineA = try #require(shown.items.first { $0.productId == products[0].id })
            let lineB = try #require(shown.items.first { $0.productId == products[1].id })
            _ = try await first.cart.changeQuantity(itemId: lineA.id, by: 3)
            _ = try await first.cart.remove(itemId: lineB.id)
            _ = try await first.cart.setCustomer(CustomerReference(id: customer.id, name: customer.name))
            let queued = try await first.queueFile.read().entries
            #expect(queued.map(\.summary).count == 5)
            #expect(queued.map(\.seq) == [1, 2, 3, 4, 5])
            #expect(try await rep.currentCart().items.isEmpty, "nothing reached the portal")
            let estimate = try #require(await first.data.cache.getQueryData(PortalQueryKeys.cart, as: Cart.self))
            #expect(estimate.items.map(\.productId) == [products[0].id])
            #expect(estimate.items.first?.quantity == 5)

            // "Quit and restart": a new process with an empty cache reads the session and the queue.
            let second = try await Self.client(server, directory, login: false)
            await second.data.cache.setQueryData(PortalQueryKeys.cart, shown)
            let reloaded = await second.data.cartQueue.reload()
            #expect(reloaded.entries.count == 5)
            #expect(await second.data.cache.getQueryData(PortalQueryKeys.cart, as: Cart.self)?.items.first?.quantity == 5, "re-applied at start")
            #expect(await second.data.cartQueue.replay(second.cart.requests) == .drained)

            let onServer = try await rep.currentCart()
            #expect(onServer.items.map(\.productId) == [products[0].id])
            #expect(onServer.items.first?.quantity == 5)
            #expect(onServer.customer?.id == customer.id)
            #expect(try await second.queueFile.read().entries.isEmpty)
            #expect(second.transport.changesDelivered.count == 5, "\(second.transport.changesDelivered)")
        }
    }

    @Test func stockThatDroppedWhileOfflineStopsTheReplayAtThatChangeAndEachChoiceDoesWhatItSays() async throws {
        try await Self.withOfflineClient { server, rep, products, client in
            let other = try await server.login("rep2@northwind.test")
            let (scarce, plenty) = (products[0], products[1])
            _ = try await client.cart.add(scarce, quantity: 4)
            _ = try await client.cart.add(plenty, quantity: 1)
            // Another rep orders all but 2 of the scarce product meanwhile.
            let customer = try await other.firstCustomer()
            let ordered = try await other.placeOrder(customerId: customer.id, lines: [(scarce.id, scarce.inventory.available - 2)])
            #expect(ordered.status == 201)

            await client.comeBack()
            guard case .conflict(let conflict) = await client.data.cartQueue.replay(client.cart.requests) else {
                Issue.record("expected a conflict")
                return
            }
            #expect(conflict.kind == .insufficientStock)
            #expect(conflict.available == 2)
            #expect(await client.data.cartQueue.current().conflicting?.productId == scarce.id)
            #expect(try await rep.currentCart().items.isEmpty, "the replay stopped at the first change")
            #expect(await client.data.cartQueue.replay(client.cart.requests) == .conflict(conflict), "and stays stopped until the rep chooses")

            // Apply mine with a new quantity: 2 of the scarce one, then the rest follows.
            try await client.data.cartQueue.resolve(.applyMine(quantity: 2))
            #expect(await client.data.cartQueue.replay(client.cart.requests) == .drained)
            let cart = try await rep.currentCart()
            #expect(cart.items.first { $0.productId == scarce.id }?.quantity == 2)
            #expect(cart.items.first { $0.productId == plenty.id }?.quantity == 1)
        }
    }

    @Test(arguments: [CartConflictChoice.keepServer, .drop])
    func aLineChangedOnAnotherDeviceIsAConflictTheRepResolves(_ choice: CartConflictChoice) async throws {
        try await Self.withOfflineClient { _, rep, products, client in
            _ = try await client.cart.add(products[0], quantity: 3)
            let line = try #require(await client.data.cache.getQueryData(PortalQueryKeys.cart, as: Cart.self)?.items.first)
            _ = try await client.cart.setQuantity(itemId: line.id, quantity: 6)
            _ = try await client.cart.add(products[1], quantity: 1)
            // The same rep, on the web, puts 1 of the first product in the cart meanwhile.
            let added = try await rep.post(Routes.cartItems, json: ["productId": .string(products[0].id), "quantity": 1])
            #expect(added.status == 201)

            await client.comeBack()
            guard case .conflict(let conflict) = await client.data.cartQueue.replay(client.cart.requests) else {
                Issue.record("expected a conflict")
                return
            }
            #expect(conflict.kind == .changedElsewhere)
            #expect(conflict.serverQuantity == 1)
            try await client.data.cartQueue.resolve(choice)
            #expect(await client.data.cartQueue.replay(client.cart.requests) == .drained)
            let cart = try await rep.currentCart()
            switch choice {
            case .keepServer:
                // The portal's 1 stands, and the later change to that line (→ 6) is dropped with it.
                #expect(cart.items.first { $0.productId == products[0].id }?.quantity == 1)
            default:
                // Only "add 3" is dropped: "→ 6" then applies over the portal's 1.
                #expect(cart.items.first { $0.productId == products[0].id }?.quantity == 6)
            }
            #expect(cart.items.first { $0.productId == products[1].id }?.quantity == 1)
        }
    }

    @Test func aReplayCutMidwayResumesWithNothingLostNothingTwiceAndInOrder() async throws {
        try await Self.withOfflineClient { _, rep, products, client in
            _ = try await client.cart.add(products[0], quantity: 1)
            _ = try await client.cart.add(products[1], quantity: 2)
            _ = try await client.cart.add(products[0], quantity: 1)
            _ = try await client.cart.add(products[2], quantity: 3)
            let line = try #require(await client.data.cache.getQueryData(PortalQueryKeys.cart, as: Cart.self)?.items.first { $0.productId == products[1].id })
            _ = try await client.cart.remove(itemId: line.id)

            await client.comeBack()
            // The portal dies after taking the third change, before answering it.
            client.transport.cut(afterChanges: 3)
            guard case .interrupted = await client.data.cartQueue.replay(client.cart.requests) else {
                Issue.record("expected the replay to be interrupted")
                return
            }
            #expect(client.transport.changesDelivered.count == 3)
            #expect(try await client.queueFile.read().entries.count == 3, "the change whose answer was lost is still queued")

            await client.comeBack()
            #expect(await client.data.cartQueue.replay(client.cart.requests) == .drained)
            // The lost answer's change was found applied (GET first), not sent again.
            #expect(client.transport.changesDelivered.count == 5, "\(client.transport.changesDelivered)")
            let cart = try await rep.currentCart()
            #expect(cart.items.map(\.productId) == [products[0].id, products[2].id])
            #expect(cart.items.map(\.quantity) == [2, 3])
            #expect(try await client.queueFile.read().entries.isEmpty)
        }
    }

    @Test func twoProcessesOnOneQueueOneReplaysAndBothEndWithTheSameCart() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try await withServer { server in
            let rep = try await server.login("rep@northwind.test")
            let products = try await rep.productsInStock(minimum: 10)
            let first = try await Self.client(server, directory)
            let second = try await Self.client(server, directory, login: false)
            _ = try await first.data.cart()
            _ = try await second.data.cart()
            await first.goOffline()
            await second.goOffline()
            _ = try await first.cart.add(products[0], quantity: 2)
            _ = try await second.cart.add(products[1], quantity: 1)
            await second.data.cartQueue.reload()
            _ = try await second.cart.add(products[0], quantity: 1)
            #expect(try await first.queueFile.read().entries.map(\.target) == [2, 1, 3], "both appended to one queue, the second saw the first's")
            await first.data.cartQueue.reload()

            await first.comeBack()
            await second.comeBack()
            async let a = first.data.cartQueue.replay(first.cart.requests)
            async let b = second.data.cartQueue.replay(second.cart.requests)
            let outcomes = await [a, b]
            #expect(outcomes.contains(.drained))
            #expect(outcomes.allSatisfy { $0 == .drained || $0 == .busy }, "\(outcomes)")
            #expect(first.transport.changesDelivered.count + second.transport.changesDelivered.count == 3, "every change sent once")

            // The other process sees the file change and reloads: its cart is the portal's.
            await first.data.cartQueue.reload()
            await second.data.cartQueue.reload()
            let onServer = try await rep.currentCart()
            let firstCart = try await first.data.cart()
            let secondCart = try await second.data.cart()
            #expect(firstCart.items.map(\.quantity) == onServer.items.map(\.quantity))
            #expect(secondCart.items.map(\.quantity) == onServer.items.map(\.quantity))
            #expect(onServer.items.map(\.quantity) == [3, 1])
        }
    }
}

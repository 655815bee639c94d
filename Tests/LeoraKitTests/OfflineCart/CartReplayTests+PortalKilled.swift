import Foundation
import LeoraKit
import PortalAPI
import PortalTestSupport
import Testing

extension CartReplayTests {
    /// The `leora-portal` process itself is killed (SIGKILL) mid-replay, after it took a change and
    /// before its answer left; started again on the same database and port, the replay resumes: the
    /// change it took is found applied, not sent twice, and the rest follow in order.
    @Test func aPortalProcessKilledMidReplayLosesNothingWhenStartedAgain() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let database = directory.url.appendingPathComponent("portal.sqlite").path
        try FileManager.default.createDirectory(at: directory.url, withIntermediateDirectories: true)
        let first = try await PortalProcess.start(
            ["--port", "0", "--seed", "demo", "--bcrypt-cost", "4", "--database", database], secret: TestServer.secret)
        defer { first.stop() }
        let port = try #require(URL(string: first.baseURL)?.port)

        let rep = TestClient(baseURL: first.baseURL)
        #expect(try await rep.post(Routes.login, json: ["email": "rep@northwind.test", "password": .string(TestServer.password)]).status == 200)
        let products = try await rep.productsInStock(minimum: 10)
        let client = try await Self.client(baseURL: first.baseURL, directory)
        _ = try await client.data.cart()
        await client.goOffline()
        _ = try await client.cart.add(products[0], quantity: 1)
        _ = try await client.cart.add(products[1], quantity: 2)
        _ = try await client.cart.add(products[0], quantity: 1)
        _ = try await client.cart.add(products[2], quantity: 3)

        await client.comeBack()
        client.transport.cut(afterChanges: 3) { first.kill() }
        guard case .interrupted = await client.data.cartQueue.replay(client.cart.requests) else {
            Issue.record("expected the replay to be interrupted by the dead portal")
            return
        }
        #expect(client.transport.changesDelivered.count == 3)
        #expect(try await client.queueFile.read().entries.count == 2, "the change whose answer was lost, and the one after it, still queued")

        try await PortalProcess.with(["--port", "\(port)", "--bcrypt-cost", "4", "--database", database]) { second in
            #expect(second.baseURL == first.baseURL)
            await client.comeBack()
            #expect(await client.data.cartQueue.replay(client.cart.requests) == .drained)
            #expect(client.transport.changesDelivered.count == 4, "the change the killed portal took was not sent again: \(client.transport.changesDelivered)")
            let rep = TestClient(baseURL: second.baseURL)
            #expect(try await rep.post(Routes.login, json: ["email": "rep@northwind.test", "password": .string(TestServer.password)]).status == 200)
            let cart = try await rep.currentCart()
            #expect(cart.items.map(\.productId) == [products[0].id, products[1].id, products[2].id])
            #expect(cart.items.map(\.quantity) == [2, 2, 3])
            #expect(try await client.queueFile.read().entries.isEmpty)
        }
    }
}

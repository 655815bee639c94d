import Foundation
import LeoraKit
import PortalAPI
import PortalTestSupport
import Testing

@Suite("leora checkout and the offline cart queue")
struct CheckoutWaitsForOfflineChangesCLITests {
    @Test func checkoutRefusesWhileCartChangesMadeOfflineWaitAndSaysSo() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try await PortalProcess.with(["--seed", "demo", "--bcrypt-cost", "4"]) { (portal: PortalProcess) async throws in
            let leora = LeoraCommand(server: portal.baseURL, stateDirectory: directory.url)
            #expect(try await leora.login().status == 0)
            let rep = TestClient(baseURL: portal.baseURL)
            _ = try await rep.post(Routes.login, json: ["email": "rep@northwind.test", "password": .string(TestServer.password)])
            let product = try #require(try await rep.productsInStock(minimum: 5).first)
            try await rep.fillCart(productId: product.id, quantity: 2, customerId: try await rep.firstCustomer().id)

            // The terminal UI queued a change with no connection, in the session's directory.
            let session = LeoraPaths(environment: ["XDG_STATE_HOME": directory.url.path]).profile(.standard).sessionFile
            let user = try #require(try session.read()?.user.id)
            let queue = CartQueueFile(directory: session.directory, userId: user)
            try await queue.update { document in
                document.entries.append(
                    CartQueueEntry(
                        seq: 1, userId: user, operation: .setLine,
                        line: CartItem(
                            id: "x", productId: product.id, sku: product.sku, name: product.name, unit: product.unit, quantity: 0, unitPriceCents: 0,
                            lineTotalCents: 0), target: 3, base: 2, createdAt: Date()))
            }
            let refused = try await leora.run(["checkout", "--yes"])
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("1 cart change made offline is still waiting for the portal"), "\(refused.stderr)")
            #expect(try await rep.currentCart().items.count == 1, "nothing was ordered")

            try await queue.update { $0.entries.removeAll() }
            let placed = try await leora.run(["checkout", "--yes"])
            #expect(placed.status == 0, "\(placed.stderr)")
        }
    }
}

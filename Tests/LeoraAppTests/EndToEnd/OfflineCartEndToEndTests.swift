import Foundation
import LeoraApp
import LeoraKit
import PortalAPI
import PortalTestSupport
import Testing

/// The offline cart queue in the real `leora`, in tmux, against a real `leora-portal` that is stopped
/// and started again on the same port and database.
@Suite struct OfflineCartEndToEndTests {
    /// The rep's cart before the test: two lines (3 and 2) of products with plenty in stock, and a customer.
    static func prepareCart(_ portal: PortalProcess) async throws -> [Product] {
        let rep = TestClient(baseURL: portal.baseURL)
        _ = try await rep.post(Routes.login, json: ["email": "rep@northwind.test", "password": .string(TestServer.password)])
        let products = Array(try await rep.productsInStock(minimum: 20).prefix(2))
        try await rep.fillCart(productId: products[0].id, quantity: 3, customerId: try await rep.firstCustomer().id)
        let second = try await rep.post(Routes.cartItems, json: ["productId": .string(products[1].id), "quantity": 2])
        guard second.status == 201 else { throw TestFailure("add: \(second.status) \(second.text)") }
        return products
    }

    static func serverCart(_ portal: String) async throws -> Cart {
        let rep = TestClient(baseURL: portal)
        _ = try await rep.post(Routes.login, json: ["email": "rep@northwind.test", "password": .string(TestServer.password)])
        return try await rep.currentCart()
    }

    /// Every queue file under `home`'s state directory, and the entries each holds.
    static func queueEntries(_ home: URL) throws -> [Int] {
        let state = home.appendingPathComponent("state/leora")
        let files = FileManager.default.enumerator(atPath: state.path)?.compactMap { $0 as? String }.filter {
            $0.hasSuffix(".json") && ($0 as NSString).lastPathComponent.hasPrefix("cart-queue-")
        } ?? []
        return try files.map { path in
            let document = try PortalJSON.decoder().decode(CartQueueDocument.self, from: Data(contentsOf: state.appendingPathComponent(path)))
            return document.entries.count
        }
    }

    static func port(of baseURL: String) throws -> String {
        try #require(URL(string: baseURL)?.port.map(String.init))
    }

    /// The portal again, on the same port and database.
    static func restart(_ portal: PortalProcess, database: String) async throws -> PortalProcess {
        try await PortalProcess.start(["--port", try port(of: portal.baseURL), "--database", database, "--bcrypt-cost", "4"], secret: TestServer.secret)
    }

    /// `leora` on the Cart pane of the prepared cart, its first line selected, after the portal was stopped;
    /// `body` gets the session, the stopped portal, leora's home, the cart's products and the portal's database.
    static func offlineOnTheCart(
        _ body: (TmuxSession, PortalProcess, URL, [Product], String) async throws -> Void
    ) async throws {
        var products: [Product] = []
        var database = ""
        try await EndToEndTests.withLeora(width: 120, height: 35, prepare: { portal, path in
            products = try await Self.prepareCart(portal)
            database = path
        }) { session, portal, home in
            try await EndToEndTests.logIn(session)
            try session.sendKeys("4")
            try await session.waitForText(products[1].name, timeout: .seconds(30))
            portal.stop()
            try session.sendKeys("R")
            try await session.waitForText("● offline", timeout: .seconds(60))
            try session.sendKeys("g")
            try await body(session, portal, home, products, database)
        }
    }

    /// Presses `keys` and waits until the status bar counts `waiting` changes.
    @discardableResult
    static func press(_ keys: String..., thenWaiting waiting: Int, in session: TmuxSession) async throws -> [String] {
        for key in keys { try session.sendKeys(key) }
        return try await session.waitForText("\(waiting) change\(waiting == 1 ? "" : "s") waiting", timeout: .seconds(15))
    }

    @Test func cartChangesMadeOfflineSurviveARestartAndReachThePortalWhenItIsBack() async throws {
        try await Self.offlineOnTheCart { session, portal, home, products, database in
            // Offline: one more twice of the first line, remove the second, one fewer of the first.
            try await Self.press("+", thenWaiting: 1, in: session)
            try await Self.press("+", thenWaiting: 2, in: session)
            try await Self.press("j", "d", thenWaiting: 3, in: session)
            let offline = try await Self.press("-", thenWaiting: 4, in: session)
            #expect(offline.contains { $0.contains("Waiting for the connection — 4 changes:") }, "\(offline.joined(separator: "\n"))")
            #expect(offline.contains { $0.contains("remove \(products[1].name)") }, "the waiting list names the removal")
            try session.sendKeys("q")
            try await session.waitForText("leora exited with 0", timeout: .seconds(30))
            #expect(try Self.queueEntries(home) == [4], "the queue is on disk")

            // Restarted with the portal still gone: the queue is shown again over the cached cart.
            let again = try EndToEndTests.startLeora(home: home, server: portal.baseURL, width: 120, height: 35)
            defer { again.kill() }
            try await again.waitForText("4 changes waiting", timeout: .seconds(60))
            try again.sendKeys("4")
            let restarted = try await again.waitForScreen(describedAs: "the waiting changes in the Cart pane", timeout: .seconds(30)) { screen in
                screen.contains { $0.contains("Waiting for the connection — 4 changes:") || $0.contains("Waiting for the portal — 4 changes:") }
            }
            #expect(restarted.contains { $0.contains("remove \(products[1].name)") }, "\(restarted.joined(separator: "\n"))")

            // The portal comes back: the queue is replayed and empties.
            let back = try await Self.restart(portal, database: database)
            defer { back.stop() }
            try await again.waitForScreen(describedAs: "online with nothing waiting", timeout: .seconds(60)) { screen in
                screen.contains { $0.contains("● online") } && !screen.contains { $0.contains("waiting") }
            }
            let cart = try await Self.serverCart(back.baseURL)
            #expect(cart.items.map(\.productId) == [products[0].id])
            #expect(cart.items.first?.quantity == 4, "3 + 1 + 1 − 1")
            #expect(try Self.queueEntries(home) == [0])
            try again.sendKeys("q")
            try await again.waitForText("leora exited with 0", timeout: .seconds(30))
        }
    }

    @Test func stockThatDroppedWhileOfflineStopsTheReplayAndTheConflictIsResolvedInThePane() async throws {
        try await Self.offlineOnTheCart { session, portal, home, products, database in
            // 3 → 5 of the first line, and one more of the second (2 → 3).
            try await Self.press("+", thenWaiting: 1, in: session)
            try await Self.press("+", thenWaiting: 2, in: session)
            try await Self.press("j", "+", thenWaiting: 3, in: session)

            // Meanwhile the first product's stock drops to 4 available, below the 5 queued.
            try await TestDatabase(location: database).execute(
                "UPDATE products SET on_hand = reserved + 4 WHERE id = ?", [.text(products[0].id)])
            let back = try await Self.restart(portal, database: database)
            defer { back.stop() }
            let conflict = try await session.waitForText("Conflict:", timeout: .seconds(60))
            #expect(conflict.contains { $0.contains("only 4 in stock") }, "\(conflict.joined(separator: "\n"))")
            #expect(conflict.contains { $0.contains("conflict") && $0.contains("changes waiting") }, "the status bar says so")
            // The first change (3 → 4) went through; the replay stopped at 4 → 5.
            #expect(try await Self.serverCart(back.baseURL).items.first { $0.productId == products[0].id }?.quantity == 4)

            // Apply mine with a new quantity: the prompt, prefilled with what is available; then the rest replays.
            try session.sendKeys("M")
            try await session.waitForText("Apply my change to", timeout: .seconds(15))
            try session.sendKeys("BSpace", "BSpace", "BSpace")
            try session.type("4")
            try session.sendKeys("Enter")
            try await session.waitForScreen(describedAs: "nothing waiting", timeout: .seconds(60)) { screen in
                !screen.contains { $0.contains("waiting") } && !screen.contains { $0.contains("Conflict:") }
            }
            let cart = try await Self.serverCart(back.baseURL)
            #expect(cart.items.first { $0.productId == products[0].id }?.quantity == 4)
            #expect(cart.items.first { $0.productId == products[1].id }?.quantity == 3)
            #expect(try Self.queueEntries(home) == [0])
        }
    }

    /// The other two choices, on two conflicts in one replay: `K` keeps the portal's quantity and the
    /// replay goes on to the next change, which `X` drops.
    @Test func keepThePortalsValueThenDropAChangeEmptyTheQueueAndLeaveThePortalsCart() async throws {
        try await Self.offlineOnTheCart { session, portal, home, products, database in
            // One more of each line: 3 → 4, then 2 → 3.
            try await Self.press("+", thenWaiting: 1, in: session)
            try await Self.press("j", "+", thenWaiting: 2, in: session)

            // Meanwhile neither product has stock for one more.
            let stock = TestDatabase(location: database)
            try await stock.execute("UPDATE products SET on_hand = reserved + 3 WHERE id = ?", [.text(products[0].id)])
            try await stock.execute("UPDATE products SET on_hand = reserved + 2 WHERE id = ?", [.text(products[1].id)])
            let back = try await Self.restart(portal, database: database)
            defer { back.stop() }
            try await session.waitForText("only 3 in stock", timeout: .seconds(60))
            try session.sendKeys("K")
            try await session.waitForText("only 2 in stock", timeout: .seconds(60))
            try session.sendKeys("X")
            try await session.waitForScreen(describedAs: "nothing waiting", timeout: .seconds(60)) { screen in
                !screen.contains { $0.contains("waiting") } && !screen.contains { $0.contains("Conflict:") }
            }
            let cart = try await Self.serverCart(back.baseURL)
            #expect(cart.items.first { $0.productId == products[0].id }?.quantity == 3, "kept the portal's")
            #expect(cart.items.first { $0.productId == products[1].id }?.quantity == 2, "dropped mine")
            #expect(try Self.queueEntries(home) == [0])
        }
    }
}

import Foundation
import LeoraApp
import LeoraKit
import PortalAPI
import TerminalUI
import Testing

/// The conflict the replay stopped at, in the Cart pane: shown with its keys, and each of the three
/// choices written to the queue file as it says.
@Suite struct OfflineQueueConflictTests {
    static let directory = FileManager.default.temporaryDirectory.appendingPathComponent("leora-conflict-\(UUID().uuidString.prefix(8))")

    /// Rioja 3 → 5 (short: 4 available on the portal, which has 3), then Yamazaki 2 → 3.
    static func document() -> CartQueueDocument {
        let cart = Fixtures.cart()
        let rioja = CartQueueEntry(id: "e1", seq: 1, userId: "u1", operation: .setLine, line: cart.items[0], target: 5, base: 3, createdAt: Fixtures.now)
        let later = CartQueueEntry(id: "e2", seq: 2, userId: "u1", operation: .setLine, line: cart.items[0], target: 6, base: 5, createdAt: Fixtures.now)
        let yamazaki = CartQueueEntry(id: "e3", seq: 3, userId: "u1", operation: .setLine, line: cart.items[1], target: 3, base: 2, createdAt: Fixtures.now)
        return CartQueueDocument(
            userId: "u1", entries: [rioja, later, yamazaki],
            conflict: CartQueueConflict(entryId: "e1", kind: .insufficientStock, serverQuantity: 3, available: 4), nextSeq: 4)
    }

    /// The app on the Cart pane with the conflict shown, and dependencies whose queue is a real file.
    static func setUp() async throws -> (AppState, AppDependencies, CartQueueFile) {
        let directory = Self.directory.appendingPathComponent(UUID().uuidString)
        let file = CartQueueFile(directory: directory, userId: "u1")
        try await file.update { $0 = document() }
        var dependencies = Fixtures.dependencies(cart: { Fixtures.cart() })
        let cache = dependencies.cart.cache
        let queue = CartQueue(directory: directory, cache: cache) { "u1" }
        dependencies.cart = PortalCart(cache: cache, requests: dependencies.cart.requests, queue: queue)
        var app = Fixtures.mainState(tab: .cart)
        app.cart.cart = Fixtures.cart()
        app.cart.isObserving = true
        app.cart.queue = await queue.reload()
        app.cart.isOnline = true
        return (app, dependencies, file)
    }

    @Test func theConflictIsShownWithItsThreeKeysAndTheStatusBarCountsTheWaitingChanges() async throws {
        let (app, _, file) = try await Self.setUp()
        defer { try? FileManager.default.removeItem(at: file.directory) }
        let lines = Fixtures.render(app, width: 100, height: 30)
        #expect(lines.contains { $0.contains("Conflict: Rioja Reserva 2018 3 → 5 — only 4 in stock.") }, "\(lines.joined(separator: "\n"))")
        #expect(lines.contains { $0.contains("K keep portal's · M apply mine · X drop") }, "\(lines.joined(separator: "\n"))")
        #expect(lines.contains { $0.contains("✗ Rioja Reserva 2018 3 → 5") })
        #expect(lines.last?.contains("3 changes waiting · conflict") == true, "\(lines.last ?? "")")
    }

    @Test func keepTheServersValueDropsTheChangeAndTheLaterOnesToThatLine() async throws {
        var (app, dependencies, file) = try await Self.setUp()
        defer { try? FileManager.default.removeItem(at: file.directory) }
        let effect = AppReducer.sending(into: &app, .key(.character("K")), dependencies)
        let actions = await effect.collectActions()
        #expect(actions.contains(.cart(.conflictResolved("Kept the portal's value: Rioja Reserva 2018 3 → 5 dropped."))), "\(actions)")
        let document = try file.read()
        #expect(document.conflict == nil)
        #expect(document.entries.map(\.id) == ["e3"])
    }

    @Test func dropTheChangeDropsOnlyItAndTheNextChangeToTheLineStartsFromThePortalsValue() async throws {
        var (app, dependencies, file) = try await Self.setUp()
        defer { try? FileManager.default.removeItem(at: file.directory) }
        _ = await AppReducer.sending(into: &app, .key(.character("X")), dependencies).collectActions()
        let document = try file.read()
        #expect(document.conflict == nil)
        #expect(document.entries.map(\.id) == ["e2", "e3"])
        #expect(document.entries.first?.base == 3)
    }

    @Test func applyMineAsksForTheQuantityPrefilledWithWhatIsAvailableAndQueuesIt() async throws {
        var (app, dependencies, file) = try await Self.setUp()
        defer { try? FileManager.default.removeItem(at: file.directory) }
        _ = AppReducer.sending(into: &app, .key(.character("M")), dependencies)
        let prompt = try #require(app.cart.quantityPrompt)
        #expect(prompt.resolvesConflict)
        #expect(prompt.item.quantity == 4, "prefilled with what the portal has available")
        #expect(Fixtures.render(app, width: 100, height: 30).contains { $0.contains("Apply my change to Rioja Reserva 2018 with:") })
        _ = AppReducer.sending(into: &app, .key(.backspace), dependencies)
        _ = AppReducer.sending(into: &app, .key(.character("2")), dependencies)
        _ = await AppReducer.sending(into: &app, .key(.enter), dependencies).collectActions()
        #expect(app.cart.quantityPrompt == nil)
        let document = try file.read()
        #expect(document.conflict == nil)
        #expect(document.entries.map(\.id) == ["e1", "e2", "e3"])
        #expect(document.entries[0].target == 2)
        #expect(document.entries[0].base == 3, "on top of the portal's value")
        #expect(document.entries[1].base == 2, "the next change to the line follows mine")
    }

    @Test func withNoConflictTheKeysSaySoAndCheckoutSaysWhatItWaitsFor() async throws {
        var app = Fixtures.mainState(tab: .cart)
        app.cart.cart = Fixtures.cart(customer: CustomerReference(id: "cus_1", name: "Zürich Weinstube"))
        app.cart.isObserving = true
        let dependencies = Fixtures.dependencies(cart: { Fixtures.cart() })
        let toasts = [
            "K": "No conflict: there is no portal's value to keep.", "M": "No conflict: there is no change of yours to apply.",
            "X": "No conflict: there is no waiting change to drop.",
        ]
        for (key, toast) in toasts {
            _ = AppReducer.sending(into: &app, .key(.character(Character(key))), dependencies)
            #expect(app.toast?.message == toast)
        }
        app.cart.queue = CartQueue.Snapshot(entries: Self.document().entries)
        app.cart.isOnline = false
        _ = CartScreen.reduce(into: &app.cart, .requestCheckout, dependencies)
        #expect(app.cart.confirmingVersion == nil)
        #expect(app.cart.message == "You're offline: checkout waits for the connection and for the 3 changes waiting to reach the portal.")
        _ = CartScreen.reduce(into: &app.cart, .connectivity(online: true), dependencies)
        #expect(app.cart.message == "Checkout waits for the 3 changes waiting to reach the portal; it opens when they have.")
        _ = CartScreen.reduce(into: &app.cart, .queueChanged(CartQueue.Snapshot()), dependencies)
        _ = CartScreen.reduce(into: &app.cart, .freshCartRead, dependencies)
        #expect(app.cart.confirmingVersion == 7, "the confirmation opens once nothing waits")
    }
}

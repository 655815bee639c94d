import LeoraKit
import PortalAPI
import Synchronization
import TerminalUI
import Testing

@testable import LeoraApp

/// `d` removes a line at once; `u` puts it back, with its quantity, for a few seconds.
@Suite struct UndoRemovalTests {
    /// Records the cart calls in order; answers like a portal holding the fixtures' cart. Toasts and
    /// the undo window stay open until the test closes them.
    static func dependencies(_ calls: CallRecorder<String>) -> AppDependencies {
        let portal = Mutex(Fixtures.cart())
        var dependencies = Fixtures.dependencies(
            cart: { portal.withLock { $0 } },
            addToCart: { productId, quantity in
                await calls.record("add \(productId)×\(quantity)")
                let product = Fixtures.catalogue.first { $0.id == productId } ?? Fixtures.catalogue[0]
                return portal.withLock { cart in
                    cart = CartEstimate.adding(product, quantity: quantity, to: cart) ?? cart
                    cart.items = cart.items.map { item in
                        var item = item
                        if item.productId == productId { item.id = "itm_9" }
                        return item
                    }
                    cart.version += 1
                    return cart
                }
            },
            removeFromCart: { id in
                await calls.record("remove \(id)")
                return portal.withLock { cart in
                    cart = CartEstimate.setting(id, quantity: 0, in: cart) ?? cart
                    cart.version += 1
                    return cart
                }
            })
        dependencies.sleep = { _ in try await Task.sleep(for: .seconds(3600)) }
        return dependencies
    }

    /// The app on the cart pane, observing a cache that holds the fixtures' cart.
    static func store(_ dependencies: AppDependencies) async -> AppStore {
        await dependencies.cart.cache.setQueryData(PortalQueryKeys.cart, Fixtures.cart())
        var app = Fixtures.mainState(tab: .cart)
        app.cart = CartState()
        app.cart.packSizes = ["prd_1": 12]
        let store = AppStore(state: app, dependencies: dependencies)
        store.send(.cart(.load))
        await eventually("the cart") {
            store.receive()
            return store.state.cart.cart == Fixtures.cart()
        }
        return store
    }

    /// Reduces what the effects send until every change is settled and shown.
    static func settle(_ store: AppStore) async {
        await eventually("the changes to settle") {
            store.receive()
            return store.state.cart.isSaved
        }
    }

    @Test func dRemovesAtOnceAndUPutsTheLineBackWithItsQuantity() async {
        let calls = CallRecorder<String>()
        let store = await Self.store(Self.dependencies(calls))
        defer { store.cancelAll() }
        store.send(.key(.character("d")))
        #expect(store.runningEffects.contains(CartScreen.undoWindowEffect))
        #expect(store.state.toast?.message == "Removed Rioja Reserva 2018 — u to undo.")
        await eventually("the line gone at once") {
            store.receive()
            return store.state.cart.items.map(\.id) == ["itm_2"]
        }
        await Self.settle(store)
        #expect(await calls.values == ["remove itm_1"], "sent at once, not after the window")

        store.send(.key(.character("u")))
        await eventually("the line back at once") {
            store.receive()
            return store.state.cart.items.map(\.productId) == ["prd_3", "prd_1"]
        }
        #expect(store.state.cart.items.last?.quantity == 3)
        #expect(store.state.cartItemCount == 5)
        await Self.settle(store)
        await eventually("the confirmation") {
            store.receive()
            return store.state.toast?.message == "Put back 3 cs (36 btl) of Rioja Reserva 2018."
        }
        #expect(await calls.values == ["remove itm_1", "add prd_1×3"])
        #expect(store.state.cart.removed == nil)
        // Once only.
        store.send(.key(.character("u")))
        #expect(store.state.toast?.message == "Nothing to undo.")
        await Self.settle(store)
        #expect(await calls.values.count == 2)
    }

    @Test func afterTheWindowUndoesNothing() async {
        let calls = CallRecorder<String>()
        let store = await Self.store(Self.dependencies(calls))
        defer { store.cancelAll() }
        store.send(.key(.character("d")))
        await Self.settle(store)
        store.send(.cart(.undoWindowClosed(id: 0)))
        #expect(store.state.cart.removed == nil)
        store.send(.key(.character("u")))
        #expect(store.state.toast?.message == "Nothing to undo.")
        await Self.settle(store)
        #expect(await calls.values == ["remove itm_1"])
    }

    @Test func aRemovalThatFailedHasNothingToUndo() async {
        let calls = CallRecorder<String>()
        var dependencies = Self.dependencies(calls)
        dependencies.cart = Fixtures.dependencies(cart: { Fixtures.cart() }, removeFromCart: { _ in throw LoadFailure(message: "Internal error", code: "INTERNAL") }).cart
        let store = await Self.store(dependencies)
        defer { store.cancelAll() }
        store.send(.key(.character("d")))
        await eventually("the rollback") {
            store.receive()
            return store.state.toast?.message.hasPrefix("Couldn't remove") == true
        }
        await Self.settle(store)
        #expect(store.state.cart.cart == Fixtures.cart(), "rolled back")
        #expect(store.state.cart.removed == nil)
        store.send(.key(.character("u")))
        await Self.settle(store)
        #expect(await calls.values.isEmpty, "nothing added twice")
    }

    @Test func aNewerRemovalIsTheOneUndone() async {
        let calls = CallRecorder<String>()
        let store = await Self.store(Self.dependencies(calls))
        defer { store.cancelAll() }
        store.send(.key(.character("d")))
        await eventually("the first line gone") {
            store.receive()
            return store.state.cart.items.map(\.id) == ["itm_2"]
        }
        store.send(.key(.character("d")))
        #expect(store.state.cart.removed?.item.id == "itm_2")
        await eventually("both lines gone") {
            store.receive()
            return store.state.cart.items.isEmpty
        }
        store.send(.cart(.undoWindowClosed(id: 0)))
        #expect(store.state.cart.removed?.item.id == "itm_2", "the first window's end leaves the second")
        await Self.settle(store)
        store.send(.key(.character("u")))
        await eventually("the second line back") {
            store.receive()
            return store.state.cart.items.map(\.productId).contains("prd_3")
        }
    }

    @Test func uIsABindingInTheHelp() {
        #expect(AppKeymap.active(.cart).action(for: .character("u"), permissions: Fixtures.mainState().permissions) == .cart(.undoRemoval))
        let help = AppView.helpLines(Fixtures.mainState(tab: .cart)).map { $0.spans.map(\.text).joined() }
        #expect(help.contains { $0.contains("Put back the line just removed") })
    }
}

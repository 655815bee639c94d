import LeoraKit
import NcursesBackend
import PortalAPI
import Testing

@testable import LeoraApp

/// `d` removes a line at once; `u` puts it back, with its quantity, for a few seconds.
@Suite struct UndoRemovalTests {
    /// Records the cart calls in order; answers like a portal holding the fixtures' cart.
    static func dependencies(_ calls: CallRecorder<String>) -> AppDependencies {
        Fixtures.dependencies(
            addToCart: { product, quantity in
                await calls.record("add \(product.id)×\(quantity)")
                let without = CartEstimate.setting("itm_1", quantity: 0, in: Fixtures.cart()) ?? Fixtures.cart()
                var cart = CartEstimate.adding(product, quantity: quantity, to: without) ?? Fixtures.cart()
                cart.items = cart.items.map { item in
                    var item = item
                    if item.productId == product.id { item.id = "itm_9" }
                    return item
                }
                cart.version = 9
                return cart
            },
            removeFromCart: { id in
                await calls.record("remove \(id)")
                var cart = CartEstimate.setting(id, quantity: 0, in: Fixtures.cart()) ?? Fixtures.cart()
                cart.version = 8
                return cart
            })
    }

    static func app(_ dependencies: AppDependencies) -> AppState {
        var app = Fixtures.mainState(tab: .cart)
        _ = CartScreen.reduce(into: &app.cart, .loaded(Fixtures.cart()), dependencies)
        app.cart.packSizes = ["prd_1": 12]
        return app
    }

    /// Runs the actions `effect` sends, but for the undo window's end and the toast's (no time passes).
    static func settle(_ effect: Effect<AppAction>, _ app: inout AppState, _ dependencies: AppDependencies) async {
        for action in await effect.collectActions() {
            switch action {
            case .toastExpired, .cart(.undoWindowClosed): continue
            default: await settle(AppReducer.sending(into: &app, action, dependencies), &app, dependencies)
            }
        }
    }

    @Test func dRemovesAtOnceAndUPutsTheLineBackWithItsQuantity() async {
        let calls = CallRecorder<String>()
        let dependencies = Self.dependencies(calls)
        var app = Self.app(dependencies)
        let removing = AppReducer.sending(into: &app, .key(.character("d")), dependencies)
        #expect(removing.runIDs.contains(CartScreen.undoWindowEffect))
        #expect(app.cart.items.map(\.id) == ["itm_2"])
        #expect(app.toast?.message == "Removed Rioja Reserva 2018 — u to undo.")
        await Self.settle(removing, &app, dependencies)
        #expect(await calls.values == ["remove itm_1"], "sent at once, not after the window")

        let undoing = AppReducer.sending(into: &app, .key(.character("u")), dependencies)
        #expect(app.cart.items.map(\.productId) == ["prd_3", "prd_1"], "back at once")
        #expect(app.cart.items.last?.quantity == 3)
        #expect(app.cartItemCount == 5)
        await Self.settle(undoing, &app, dependencies)
        #expect(await calls.values == ["remove itm_1", "add prd_1×3"])
        #expect(app.toast?.message == "Put back 3 cs (36 btl) of Rioja Reserva 2018.")
        #expect(app.cart.removed == nil)
        // Once only.
        _ = AppReducer.sending(into: &app, .key(.character("u")), dependencies)
        #expect(app.toast?.message == "Nothing to undo.")
        #expect(await calls.values.count == 2)
    }

    @Test func afterTheWindowUndoesNothing() async {
        let calls = CallRecorder<String>()
        let dependencies = Self.dependencies(calls)
        var app = Self.app(dependencies)
        let removing = AppReducer.sending(into: &app, .key(.character("d")), dependencies)
        // The fixtures' sleep returns at once: the window closes as the actions arrive.
        for action in await removing.collectActions() { _ = AppReducer.sending(into: &app, action, dependencies) }
        #expect(app.cart.removed == nil)
        #expect(AppReducer.sending(into: &app, .key(.character("u")), dependencies).runIDs == [AppReducer.toastEffect], "a toast only")
        #expect(app.toast?.message == "Nothing to undo.")
        #expect(await calls.values == ["remove itm_1"])
    }

    @Test func aRemovalThatFailedHasNothingToUndo() async {
        let calls = CallRecorder<String>()
        var dependencies = Self.dependencies(calls)
        dependencies.removeFromCart = { _ in throw LoadFailure(message: "Internal error", code: "INTERNAL") }
        var app = Self.app(dependencies)
        await Self.settle(AppReducer.sending(into: &app, .key(.character("d")), dependencies), &app, dependencies)
        #expect(app.cart.cart == Fixtures.cart(), "rolled back")
        #expect(app.cart.removed == nil)
        _ = AppReducer.sending(into: &app, .key(.character("u")), dependencies)
        #expect(await calls.values.isEmpty, "nothing added twice")
    }

    @Test func aNewerRemovalIsTheOneUndone() async {
        let calls = CallRecorder<String>()
        let dependencies = Self.dependencies(calls)
        var app = Self.app(dependencies)
        _ = AppReducer.sending(into: &app, .key(.character("d")), dependencies)
        _ = AppReducer.sending(into: &app, .key(.character("d")), dependencies)
        #expect(app.cart.removed?.item.id == "itm_2")
        #expect(app.cart.items.isEmpty)
        _ = AppReducer.sending(into: &app, .cart(.undoWindowClosed(id: 0)), dependencies)
        #expect(app.cart.removed?.item.id == "itm_2", "the first window's end leaves the second")
        _ = AppReducer.sending(into: &app, .key(.character("u")), dependencies)
        #expect(app.cart.items.map(\.productId) == ["prd_3"])
    }

    @Test func uIsABindingInTheHelp() {
        #expect(AppKeymap.active(.cart).action(for: .character("u"), permissions: Fixtures.mainState().permissions) == .cart(.undoRemoval))
        let help = AppView.helpLines(Fixtures.mainState(tab: .cart)).map { $0.spans.map(\.text).joined() }
        #expect(help.contains { $0.contains("Put back the line just removed") })
    }
}

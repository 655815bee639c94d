import LeoraKit
import PortalAPI
import TerminalUI
import Testing

@testable import LeoraApp

/// Every hint on screen is written from the binding it describes: after a `config.yaml` rebinding,
/// the footers, the dialogs, the notes and the toasts name the new keys, and the new keys work.
@Suite struct HintTests {
    let dependencies = Fixtures.dependencies()

    static func rebound(_ keys: [String: [String]]) -> KeyOverrides {
        let (overrides, problems) = KeyOverrides.parse(keys, known: Set(AppKeymap.all.bindings.map(\.id)))
        #expect(problems.isEmpty, "\(problems)")
        return overrides
    }

    func cart(_ cart: Cart, keys: KeyOverrides) -> AppState {
        var app = Fixtures.mainState(tab: .cart)
        app.keyOverrides = keys
        _ = CartScreen.reduce(into: &app.cart, .observed(CartSnapshot(cart: cart, updatedAt: Fixtures.now)), dependencies)
        return app
    }

    @Test func everyDialogHasIdsConfigCanName() {
        let ids = Set(AppKeymap.all.bindings.map(\.id))
        for id in [
            "cancel-order.cancel-the-order", "choose-a-customer.choose", "line-quantity.set", "order-placed.close", "add-to-cart.add",
            "command-line.run", "help.close", "new-subscription.create", "new-secret.copy", "delete-subscription.delete",
        ] {
            #expect(ids.contains(id), "\(id)")
        }
        #expect(!ids.contains { $0.contains(" ") })
    }

    @Test func theCartsHintsNameTheReboundKeys() {
        let keys = Self.rebound(["cart.checkout": ["P"], "cart.customer": ["K"], "products.add": ["+"], "global.products": ["F3"]])
        var lines = Fixtures.render(cart(Fixtures.cart(), keys: keys))
        #expect(screenContains(lines, "Customer: none — press K to choose"), "\(lines.joined(separator: "\n"))")
        #expect(screenContains(lines, "P  Checkout"))
        #expect(!screenContains(lines, "C/Enter"))
        var empty = Fixtures.cart()
        empty.items = []
        lines = Fixtures.render(cart(empty, keys: keys))
        #expect(screenContains(lines, "Find products on the Products tab (F3) and press +."), "\(lines.joined(separator: "\n"))")
    }

    @Test func toastsNameTheReboundKeys() {
        let keys = Self.rebound(["cart.undo": ["z"], "global.refresh": ["F5"], "cart.customer": ["K"]])
        var app = cart(Fixtures.cart(), keys: keys)
        _ = AppReducer.sending(into: &app, .key(.character("d")), dependencies)
        #expect(app.toast?.message == "Removed Rioja Reserva 2018 — z to undo.")
        var full = cart(Fixtures.cart(), keys: keys)
        _ = AppReducer.sending(into: &full, .key(.character("C")), dependencies)
        #expect(full.toast?.message == "Choose a customer first (press K).")
        full.isOnline = false
        _ = AppReducer.sending(into: &full, .key(.character("+")), dependencies)
        #expect(full.toast?.message == "You're offline — changes need a connection. Press F5 to retry.")
    }

    @Test func dialogsAnswerToTheirReboundKeysAndSaySo() async {
        let keys = Self.rebound(["cancel-order.cancel-the-order": ["Y"], "cancel-order.keep-it": ["N"], "order-placed.close": ["x"]])
        var app = Fixtures.mainState(tab: .orders)
        app.keyOverrides = keys
        _ = AppReducer.sending(into: &app, .orders(.pageLoaded(OrdersPageResult(orders: [Fixtures.order(7)], page: 1, total: 1), filter: OrdersFilter())), dependencies)
        _ = AppReducer.sending(into: &app, .key(.character("c")), dependencies)
        #expect(screenContains(Fixtures.render(app), "Y cancel the order · N keep it"))
        #expect(Fixtures.render(app)[22] == " Y cancel the order  N keep it")
        #expect(AppReducer.sending(into: &app, .key(.character("y")), dependencies).isNone, "y is not the key any more")
        #expect(app.orders.confirmingCancel != nil)
        #expect(AppReducer.sending(into: &app, .key(.character("Y")), dependencies).runIDs == [OrdersScreen.cancelEffect])

        var cart = cart(Fixtures.cart(), keys: keys)
        cart.cart.placedOrder = Fixtures.order(10_500)
        #expect(screenContains(Fixtures.render(cart), "x close"))
        _ = AppReducer.sending(into: &cart, .key(.enter), dependencies)
        #expect(cart.cart.placedOrder != nil)
        _ = AppReducer.sending(into: &cart, .key(.character("x")), dependencies)
        #expect(cart.cart.placedOrder == nil)
    }

    @Test func thePickerThePromptsAndTheCommandLineUseTheirKeymaps() {
        let keys = Self.rebound([
            "choose-a-customer.down": ["Ctrl-J"], "line-quantity.set": ["Tab"], "command-line.complete": ["Ctrl-I"], "help.close": ["x"],
        ])
        var app = cart(Fixtures.cart(), keys: keys)
        _ = AppReducer.sending(into: &app, .cart(.customersLoaded(Fixtures.customerList)), dependencies)
        app.cart.picker = CartState.CustomerPicker()
        _ = AppReducer.sending(into: &app, .cart(.customersLoaded(Fixtures.customerList)), dependencies)
        #expect(screenContains(Fixtures.render(app), "Type to search; ↑/Ctrl-J to pick."), "\(Fixtures.render(app).joined(separator: "\n"))")
        _ = AppReducer.sending(into: &app, .key(.control("j")), dependencies)
        #expect(app.cart.picker?.list.selected == 1)
        _ = AppReducer.sending(into: &app, .key(.character("z")), dependencies)
        #expect(app.cart.picker?.search.input.text == "z", "other keys type")

        var prompt = cart(Fixtures.cart(), keys: keys)
        _ = AppReducer.sending(into: &prompt, .key(.character("e")), dependencies)
        #expect(screenContains(Fixtures.render(prompt), "Tab set · Esc cancel"))
        _ = AppReducer.sending(into: &prompt, .key(.character("5")), dependencies)
        _ = AppReducer.sending(into: &prompt, .key(.tab), dependencies)
        #expect(prompt.cart.quantityPrompt == nil)

        var help = Fixtures.mainState(tab: .health)
        help.keyOverrides = keys
        _ = AppReducer.sending(into: &help, .key(.character("?")), dependencies)
        #expect(screenContains(Fixtures.render(help), "Keys — ? or x to close"))
        _ = AppReducer.sending(into: &help, .key(.escape), dependencies)
        #expect(help.showsHelp, "Esc is not the key any more")
        _ = AppReducer.sending(into: &help, .key(.character("x")), dependencies)
        #expect(!help.showsHelp)
    }

    @Test func theLoginFormsHintFollowsItsKeymap() {
        var app = AppState(server: "http://127.0.0.1:8787")
        app.phase = .login
        app.keyOverrides = Self.rebound(["login.quit": ["F10"]])
        #expect(screenContains(Fixtures.render(app), "Enter log in · Tab next field · F10 quit"))
    }
}

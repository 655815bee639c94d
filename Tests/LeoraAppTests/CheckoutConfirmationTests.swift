import LeoraKit
import PortalAPI
import TerminalUI
import Testing

@testable import LeoraApp

/// The checkout confirmation: said at once when there is nothing to confirm, and placed with `y` only.
@Suite struct CheckoutConfirmationTests {
    let dependencies = Fixtures.dependencies()
    static let zurich = CustomerReference(id: "cus_1", name: "Zürich Weinstube")

    func app(_ cart: Cart) -> AppState {
        var app = Fixtures.mainState(tab: .cart)
        _ = CartScreen.reduce(into: &app.cart, .observed(CartSnapshot(cart: cart, updatedAt: Fixtures.now)), dependencies)
        app.cart.packSizes = ["prd_1": 12]
        return app
    }

    /// A cart of `count` lines, each a bottle of its own product.
    static func cart(lines count: Int) -> Cart {
        let items = (1...count).map { index in
            CartItem(
                id: "itm_\(index)", productId: "prd_\(index)", sku: "SKU-\(index)", name: "Wine number \(index)", unit: "bottle", quantity: 1,
                unitPriceCents: 1000, lineTotalCents: 1000)
        }
        return Cart(
            id: "crt_1", customer: zurich, items: items, itemCount: count, subtotalCents: count * 1000, taxCents: 0, totalCents: count * 1000,
            currency: "USD", version: 3, updatedAt: Fixtures.now)
    }

    @Test func neitherTheEnterNorTheCThatOpenedItConfirms() async {
        let placed = CallRecorder<Int>()
        let dependencies = Fixtures.dependencies(checkout: { version in
            await placed.record(version)
            return Fixtures.order(10_500)
        })
        var app = app(Fixtures.cart(customer: Self.zurich))
        _ = AppReducer.sending(into: &app, .key(.enter), dependencies)
        #expect(app.cart.confirmingVersion == 7)
        for key in [Key.enter, .character("C"), .character(" "), .character("d")] {
            let effect = AppReducer.sending(into: &app, .key(key), dependencies)
            #expect(effect.isNone, "\(key) did something")
            #expect(app.cart.confirmingVersion == 7, "\(key) closed the confirmation")
        }
        #expect(!app.cart.isCheckingOut)
        #expect(app.cart.cart == Fixtures.cart(customer: Self.zurich), "d removed nothing behind the dialog")
        let placing = AppReducer.sending(into: &app, .key(.character("y")), dependencies)
        #expect(placing.runIDs == [CartScreen.checkoutEffect])
        #expect(app.cart.isCheckingOut)
        #expect(app.cart.confirmingVersion == nil)
        for action in await placing.collectActions() { _ = AppReducer.sending(into: &app, action, dependencies) }
        #expect(await placed.values == [7], "one order, for the version confirmed")
        #expect(app.cart.placedOrder?.orderNumber == "NW-10500")
        #expect(AppReducer.sending(into: &app, .key(.character("y")), dependencies).isNone, "a second y places nothing")
    }

    @Test func escapeOrNCloseItWithoutOrdering() {
        var app = app(Fixtures.cart(customer: Self.zurich))
        for key in [Key.escape, .character("n")] {
            _ = AppReducer.sending(into: &app, .key(.character("C")), dependencies)
            #expect(app.cart.confirmingVersion == 7)
            #expect(AppReducer.sending(into: &app, .key(key), dependencies).isNone)
            #expect(app.cart.confirmingVersion == nil)
            #expect(!app.cart.isCheckingOut)
        }
    }

    @Test func anEmptyCartIsSaidAtOnceWithoutADialog() {
        var empty = Fixtures.cart(customer: Self.zurich)
        empty.items = []
        empty.itemCount = 0
        var app = app(empty)
        _ = AppReducer.sending(into: &app, .key(.character("C")), dependencies)
        #expect(app.cart.confirmingVersion == nil)
        #expect(app.toast?.message == "The cart is empty — add products first (Products tab, a).")
        #expect(!screenContains(Fixtures.render(app), "Check out?"))
    }

    @Test func noCustomerIsSaidAtOnceWithoutADialog() {
        var app = app(Fixtures.cart())
        _ = AppReducer.sending(into: &app, .key(.enter), dependencies)
        #expect(app.cart.confirmingVersion == nil)
        #expect(app.toast?.message == "Choose a customer first (press c).")
        #expect(!screenContains(Fixtures.render(app), "Check out?"))
    }

    @Test func theKeysAreInTheHelpAndTheFooterWhileItIsOpen() {
        var app = app(Fixtures.cart(customer: Self.zurich))
        let help = AppView.helpLines(app).map { $0.spans.map(\.text).joined() }
        #expect(help.contains("Checkout"))
        #expect(help.contains { $0.contains("y") && $0.contains("Place the order (in the checkout confirmation)") })
        _ = AppReducer.sending(into: &app, .key(.character("C")), dependencies)
        #expect(Fixtures.render(app)[22] == " y place order  Esc/n back")
    }

    @Test func rendersTheCustomerTheLinesAndTheTotalAt80x24() {
        var app = app(Fixtures.cart(customer: Self.zurich))
        _ = AppReducer.sending(into: &app, .key(.character("C")), dependencies)
        expectScreen(
            Array(Fixtures.render(app)[6...15]),
            [
                "          ┌─ Check out? ─────────────────────────────────────────────┐",
                "          │ Place an order for Zürich Weinstube:                     │  $978.00",
                "          │                                                          │   $80.69",
                "          │ 3 cs (36 btl)   Rioja Reserva 2018               $648.00 │$1,058.69",
                "          │ 2 btl           Yamazaki 12                      $330.00 │ Checkout",
                "          │                                                          │",
                "          │                                        Total   $1,058.69 │",
                "          │                                                          │",
                "          │                               y place order · Esc/n back │",
                "          └──────────────────────────────────────────────────────────┘",
            ])
    }

    @Test func manyLinesEndWithAndNMore() {
        var app = app(Self.cart(lines: 8))
        _ = AppReducer.sending(into: &app, .key(.character("C")), dependencies)
        let lines = Fixtures.render(app)
        for index in 1...5 { #expect(screenContains(lines, "Wine number \(index) "), "line \(index) is listed") }
        #expect(!screenContains(lines, "Wine number 6"))
        #expect(screenContains(lines, "│ and 3 more lines"), "\(lines.joined(separator: "\n"))")
        #expect(screenContains(lines, "Total      $80.00 │"), "\(lines.joined(separator: "\n"))")
    }
}

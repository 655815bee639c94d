import LeoraKit
import NcursesBackend
import PortalAPI
import Testing

@testable import LeoraApp

/// Records what a fake dependency was called with.
actor CallRecorder<Value: Sendable> {
    private(set) var values: [Value] = []
    func record(_ value: Value) { values.append(value) }
}

@Suite struct CartScreenTests {
    let dependencies = Fixtures.dependencies()
    static let zurich = CustomerReference(id: "cus_1", name: "Zürich Weinstube")
    /// The fixtures' cart changes, answered with the customer still chosen.
    let keepingTheCustomer = Fixtures.dependencies(
        cart: { Fixtures.cart(version: 9, customer: zurich) },
        setCartQuantity: { id, quantity in
            var cart = CartEstimate.setting(id, quantity: quantity, in: Fixtures.cart(customer: zurich)) ?? Fixtures.cart()
            cart.version = 8
            return cart
        })

    func shown(_ cart: Cart = Fixtures.cart()) -> CartState {
        var state = CartState()
        state.packSizes = ["prd_1": 12]
        _ = CartScreen.reduce(into: &state, .loaded(cart), dependencies)
        return state
    }

    /// Runs the effect's work and reduces what it sends; returns the delegate requests made on the way.
    @discardableResult
    func run(_ effect: Effect<CartAction>, _ state: inout CartState, _ dependencies: AppDependencies) async -> [PaneDelegate] {
        var delegates: [PaneDelegate] = []
        for action in await effect.collectActions() {
            if case .delegate(let delegate) = action {
                delegates.append(delegate)
                continue
            }
            let next = CartScreen.reduce(into: &state, action, dependencies)
            delegates += next.sentActions.compactMap(CartScreen.delegate)
        }
        return delegates
    }

    @Test func loadingShowsTheCartAndSelectsTheFirstLine() async {
        var state = CartState()
        let dependencies = Fixtures.dependencies(cart: { Fixtures.cart() })
        let effect = CartScreen.reduce(into: &state, .load, dependencies)
        #expect(effect.runIDs == [CartScreen.loadEffect])
        #expect(state.isLoading)
        await run(effect, &state, dependencies)
        #expect(state.cart == Fixtures.cart())
        #expect(state.confirmed == Fixtures.cart())
        #expect(state.selectedItem?.name == "Rioja Reserva 2018")
        #expect(!state.isLoading)
    }

    @Test func quantitiesShowTheirUnit() {
        let items = Fixtures.cart().items
        #expect(CartScreen.quantityText(items[0], packSizes: ["prd_1": 12]) == "3 cs (36 btl)")
        #expect(CartScreen.quantityText(items[0], packSizes: [:]) == "3 cs")
        #expect(CartScreen.quantityText(items[1], packSizes: [:]) == "2 btl")
    }

    @Test func plusSetsTheAbsoluteQuantityOptimistically() async {
        let recorder = CallRecorder<[String]>()
        let dependencies = Fixtures.dependencies(setCartQuantity: { id, quantity in
            await recorder.record([id, "\(quantity)"])
            var cart = CartEstimate.setting(id, quantity: quantity, in: Fixtures.cart()) ?? Fixtures.cart()
            cart.version = 8
            return cart
        })
        var state = shown()
        let effect = CartScreen.reduce(into: &state, .increment, dependencies)
        #expect(effect.runIDs == [CartScreen.changeEffect(1)])
        #expect(state.cart?.items[0].quantity == 4)
        #expect(state.cart?.itemCount == 6)
        #expect(state.pendingChanges == 1)
        await run(effect, &state, dependencies)
        #expect(await recorder.values == [["itm_1", "4"]])
        #expect(state.pendingChanges == 0)
        #expect(state.cart?.version == 8)
        #expect(state.confirmed == state.cart)
    }

    @Test func minusOnTheLastOneRemovesTheLine() async {
        var state = shown()
        _ = CartScreen.reduce(into: &state, .move(1), dependencies)
        _ = CartScreen.reduce(into: &state, .decrement, dependencies)
        #expect(state.cart?.items[1].quantity == 1)
        var single = shown()
        _ = CartScreen.reduce(into: &single, .loaded(CartEstimate.setting("itm_2", quantity: 1, in: Fixtures.cart())!), dependencies)
        _ = CartScreen.reduce(into: &single, .last, dependencies)
        let effect = CartScreen.reduce(into: &single, .decrement, dependencies)
        #expect(single.cart?.items.map(\.id) == ["itm_1"])
        await run(effect, &single, dependencies)
        #expect(single.cart?.items.map(\.id) == ["itm_1"])
    }

    @Test func removeNeedsNoConfirmation() async {
        var state = shown()
        let effect = CartScreen.reduce(into: &state, .removeSelected, dependencies)
        #expect(state.cart?.items.map(\.id) == ["itm_2"])
        #expect(state.cart?.itemCount == 2)
        await run(effect, &state, dependencies)
        #expect(state.cart?.items.map(\.id) == ["itm_2"])
        #expect(state.selectedItem?.id == "itm_2")
    }

    @Test func aFailedChangeRollsBackVisibly() async {
        let failing = Fixtures.dependencies(setCartQuantity: { _, _ in throw LoadFailure(message: "Internal error", code: "INTERNAL") })
        var state = shown()
        let effect = CartScreen.reduce(into: &state, .increment, failing)
        #expect(state.cart?.items[0].quantity == 4)
        let delegates = await run(effect, &state, failing)
        #expect(state.cart == Fixtures.cart())
        #expect(state.pendingChanges == 0)
        #expect(delegates == [.toast("Couldn't change Rioja Reserva 2018: Internal error. Rolled back.", .danger)])
    }

    @Test func theAppKeepsTheTabCountInStepAndShowsTheRollback() async {
        let failing = Fixtures.dependencies(removeFromCart: { _ in throw LoadFailure(message: "Cannot reach the server", isOffline: true) })
        var app = Fixtures.mainState(tab: .cart)
        app.cart = shown()
        #expect(app.cartItemCount == 5)
        let effect = AppReducer.sending(into: &app, .key(.character("d")), failing)
        #expect(app.cartItemCount == 2)
        for action in await effect.collectActions() { _ = AppReducer.sending(into: &app, action, failing) }
        #expect(app.cartItemCount == 5)
        #expect(app.toast?.message == "Couldn't remove Rioja Reserva 2018: you're offline — cart changes need a connection. Rolled back.")
        _ = AppReducer.sending(into: &app, .key(.character("+")), failing)
        #expect(app.cart.cart == Fixtures.cart())
        #expect(app.toast?.message == "You're offline — changes need a connection. Press R to retry.")
    }

    @Test func theCustomerPickerSearchesAndChooses() async {
        let recorder = CallRecorder<String>()
        let dependencies = Fixtures.dependencies(setCartCustomer: { customer in
            await recorder.record(customer?.id ?? "none")
            var cart = Fixtures.cart(version: 8)
            cart.customer = customer
            return cart
        })
        var state = shown()
        let opening = CartScreen.reduce(into: &state, .openCustomerPicker, dependencies)
        #expect(opening.runIDs == [CartScreen.customersEffect])
        #expect(state.capturesKeys)
        await run(opening, &state, dependencies)
        #expect(state.picker?.customers.count == 2)
        var typing: Effect<CartAction> = .none
        for character in "smo" { typing = CartScreen.reduce(into: &state, .key(.character(character)), dependencies) }
        #expect(typing.runIDs == [CartScreen.customersEffect])
        #expect(await typing.collectActions() == [.customerSearchDebounced("smo")])
        let search = CartScreen.reduce(into: &state, .customerSearchDebounced("smo"), dependencies)
        await run(search, &state, dependencies)
        #expect(state.picker?.customers.map(\.name) == ["Smoke & Barrel BBQ"])
        let choosing = CartScreen.reduce(into: &state, .key(.enter), dependencies)
        #expect(state.picker == nil)
        #expect(state.cart?.customer?.name == "Smoke & Barrel BBQ")
        await run(choosing, &state, dependencies)
        #expect(await recorder.values == ["cus_2"])
        #expect(state.cart?.customer?.id == "cus_2")
    }

    @Test func escapeLeavesThePickerWithoutChoosing() async {
        var state = shown()
        await run(CartScreen.reduce(into: &state, .openCustomerPicker, dependencies), &state, dependencies)
        _ = CartScreen.reduce(into: &state, .key(.down), dependencies)
        #expect(state.picker?.list.selected == 1)
        let effect = CartScreen.reduce(into: &state, .key(.escape), dependencies)
        #expect(effect.cancelledIDs == [CartScreen.customersEffect])
        #expect(state.picker == nil)
        #expect(state.cart == Fixtures.cart())
        #expect(state.pendingChanges == 0)
    }

    @Test func checkoutAsksFirstThenSendsTheShownVersion() async {
        let recorder = CallRecorder<Int>()
        let dependencies = Fixtures.dependencies(cart: { Fixtures.cart(version: 9) }, checkout: { version in
            await recorder.record(version)
            return Fixtures.order(10_500)
        })
        var state = shown(Fixtures.cart(customer: Self.zurich))
        #expect(CartScreen.reduce(into: &state, .requestCheckout, dependencies).isNone)
        #expect(state.confirmingVersion == 7)
        _ = CartScreen.reduce(into: &state, .checkoutDismissed, dependencies)
        #expect(state.confirmingVersion == nil)
        _ = CartScreen.reduce(into: &state, .requestCheckout, dependencies)
        let placing = CartScreen.reduce(into: &state, .checkoutConfirmed, dependencies)
        #expect(placing.runIDs == [CartScreen.checkoutEffect])
        #expect(state.isCheckingOut)
        let actions = await placing.collectActions()
        #expect(actions == [.checkedOut(Fixtures.order(10_500))])
        #expect(await recorder.values == [7])
        let reload = CartScreen.reduce(into: &state, actions[0], dependencies)
        #expect(reload.runIDs == [CartScreen.loadEffect])
        #expect(state.placedOrder?.orderNumber == "NW-10500")
        #expect(state.cart?.items == [])
        #expect(state.cart?.itemCount == 0)
        _ = CartScreen.reduce(into: &state, .key(.enter), dependencies)
        #expect(state.placedOrder == nil)
    }

    @Test func checkoutAskedWhileAChangeSavesOpensOnceItIsSaved() async {
        let dependencies = keepingTheCustomer
        var state = shown(Fixtures.cart(customer: Self.zurich))
        let change = CartScreen.reduce(into: &state, .increment, dependencies)
        _ = CartScreen.reduce(into: &state, .requestCheckout, dependencies)
        #expect(state.confirmingVersion == nil)
        #expect(state.message == "Saving your last change — the checkout opens when it is saved.")
        await run(change, &state, dependencies)
        #expect(state.pendingChanges == 0)
        #expect(state.confirmingVersion == 8, "the confirmation shows the cart the portal saved")
        #expect(state.message == nil)
    }

    @Test func checkoutAskedWhileAChangeFailsOpensOnTheRolledBackCart() async {
        let failing = Fixtures.dependencies(setCartQuantity: { _, _ in throw LoadFailure(message: "The portal could not be reached.", isOffline: true) })
        var state = shown(Fixtures.cart(customer: Self.zurich))
        let change = CartScreen.reduce(into: &state, .increment, failing)
        _ = CartScreen.reduce(into: &state, .requestCheckout, failing)
        let delegates = await run(change, &state, failing)
        #expect(state.cart == Fixtures.cart(customer: Self.zurich))
        #expect(state.confirmingVersion == 7)
        #expect(delegates.count == 1)
        if case .toast(_, let kind)? = delegates.first { #expect(kind == .danger) }
    }

    @Test func afterCheckoutTheAppEmptiesTheCountAndRefetchesOrders() async {
        var app = Fixtures.mainState(tab: .cart)
        app.cart = shown(Fixtures.cart(customer: Self.zurich))
        app.orders.total = 120
        _ = AppReducer.sending(into: &app, .key(.character("C")), dependencies)
        #expect(app.cart.confirmingVersion == 7)
        let effect = AppReducer.sending(into: &app, .key(.character("y")), dependencies)
        for action in await effect.collectActions() { _ = AppReducer.sending(into: &app, action, dependencies) }
        #expect(app.cartItemCount == 0)
        #expect(app.orders.total == nil)
        #expect(app.cart.placedOrder?.orderNumber == "NW-10500")
    }

    @Test func aChangedCartIsFetchedAndShownAgainBeforeTryingAgain() async {
        let dependencies = keepingTheCustomer
        var state = shown(Fixtures.cart(customer: Self.zurich))
        let effect = CartScreen.reduce(into: &state, .checkoutFailed(LoadFailure(message: "Cart changed", code: "CART_CHANGED")), dependencies)
        #expect(effect.runIDs == [CartScreen.loadEffect])
        #expect(state.message == "the cart changed since you looked at it. Here it is again — check it and check out once more.")
        await run(effect, &state, dependencies)
        #expect(state.cart?.version == 9)
        _ = CartScreen.reduce(into: &state, .requestCheckout, dependencies)
        #expect(state.confirmingVersion == 9)
    }

    @Test func checkoutErrorsAreExplained() {
        let cart = Fixtures.cart()
        #expect(CartScreen.explanation(LoadFailure(message: "x", code: "EMPTY_CART"), cart: cart) == "the cart is empty — add products first.")
        #expect(CartScreen.explanation(LoadFailure(message: "x", code: "CUSTOMER_REQUIRED"), cart: cart) == "choose a customer first (press c).")
        let short = LoadFailure(
            message: "x", code: "INSUFFICIENT_STOCK",
            shortages: [StockShortage(productId: "prd_1", requested: 3, available: 1), StockShortage(productId: "prd_3", requested: 2, available: 0)])
        #expect(
            CartScreen.explanation(short, cart: cart)
                == "not enough stock for Rioja Reserva 2018 (1 available, 3 wanted), Yamazaki 12 (0 available, 2 wanted).")
        var state = shown()
        let failed = CartScreen.reduce(into: &state, .checkoutFailed(short), dependencies)
        #expect(
            failed.sentActions == [
                .delegate(.toast("Checkout failed: not enough stock for Rioja Reserva 2018 (1 available, 3 wanted), Yamazaki 12 (0 available, 2 wanted).", .danger))
            ])
        #expect(state.cart == cart)
    }

    @Test func aViewerSeesNoCartChangesOrCheckout() {
        var app = Fixtures.mainState(tab: .cart, roles: [.viewer])
        app.cart = shown()
        let labels = AppKeymap.active(.cart).footerHints(permissions: app.permissions).map(\.label)
        #expect(!labels.contains("checkout"))
        #expect(!labels.contains("remove"))
        #expect(AppKeymap.active(.cart).action(for: .character("C"), permissions: app.permissions) == nil)
        let rep = Fixtures.mainState(tab: .cart)
        #expect(AppKeymap.active(.cart).action(for: .character("C"), permissions: rep.permissions) == .cart(.requestCheckout))
        // Checkout needs orders:write as well as cart:write.
        let cartOnly: Set<String> = [Permission.cartWrite.rawValue]
        #expect(AppKeymap.active(.cart).action(for: .character("C"), permissions: cartOnly) == nil)
        #expect(AppKeymap.active(.cart).action(for: .character("d"), permissions: cartOnly) == .cart(.removeSelected))
    }

    // MARK: Screens

    @Test func rendersTheCartAt80x24() {
        var app = Fixtures.mainState(tab: .cart)
        app.cart = shown()
        let lines = Fixtures.render(app)
        expectScreen(
            Array(lines.prefix(12)),
            [
                " 1 Briefing │ 2 Orders │ 3 Products │ 4 Cart 5 │ 5 Health",
                " Customer: none — press c to choose",
                "",
                " Product                          SKU                  Qty     Price Line total",
                " Rioja Reserva 2018               RED-201    3 cs (36 btl)   $216.00    $648.00",
                " Yamazaki 12                      WSK-310            2 btl   $165.00    $330.00",
                "",
                "                                                       Subtotal         $978.00",
                "                                                       Tax               $80.69",
                "                                                       Total          $1,058.69",
                "                                                            C / Enter  Checkout",
                "",
            ])
        #expect(lines[22] == " C/Enter checkout  c customer  + more  - less         R refresh  ? help  q quit")
    }

    @Test func rendersTheCartWithACustomerAt120x35() {
        var app = Fixtures.mainState(tab: .cart)
        app.cart = shown(Fixtures.cart(customer: CustomerReference(id: "cus_1", name: "Zürich Weinstube")))
        app.cart.message = "The cart changed since you looked at it."
        let lines = Fixtures.render(app, width: 120, height: 35)
        expectScreen(
            Array(lines[1...7]),
            [
                " Customer: Zürich Weinstube",
                " The cart changed since you looked at it.",
                "",
                " Product                                                          SKU                      Qty       Price   Line total",
                " Rioja Reserva 2018                                               RED-201        3 cs (36 btl)     $216.00      $648.00",
                " Yamazaki 12                                                      WSK-310                2 btl     $165.00      $330.00",
                "",
            ])
        #expect(lines[33].contains("C/Enter checkout"))
    }

    @Test func rendersThePickerAndThePlacedOrderAt80x24() async {
        var app = Fixtures.mainState(tab: .cart)
        app.cart = shown()
        await run(CartScreen.reduce(into: &app.cart, .openCustomerPicker, dependencies), &app.cart, dependencies)
        var lines = Fixtures.render(app)
        #expect(screenContains(lines, "─ Choose a customer ─"), "\(lines.joined(separator: "\n"))")
        #expect(screenContains(lines, "│ › Zürich Weinstube · Chicago · NW-0001"), "\(lines.joined(separator: "\n"))")
        #expect(screenContains(lines, "│   Smoke & Barrel BBQ · Evanston · NW-0002"), "\(lines.joined(separator: "\n"))")
        app.cart.picker = nil
        app.cart.placedOrder = Fixtures.order(10_500)
        lines = Fixtures.render(app)
        #expect(screenContains(lines, "Order NW-10500 for Zürich Weinstube, $850.85. It is"), "\(lines.joined(separator: "\n"))")
    }
}

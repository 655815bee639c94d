import LeoraKit
import PortalAPI
import TerminalUI
import Testing

@testable import LeoraApp

/// `r` on an order: its lines read when the list row has none, every line checked against the
/// catalogue, the sellable ones added in one go, the rest named in one toast, and a question
/// first when the cart already has lines.
@Suite struct ReorderTests {
    static let zurich = CustomerReference(id: "cus_1", name: "Zürich Weinstube")

    /// An order of five lines, each product in a different state in `catalogue`.
    static let order = Order(
        id: "ord_7", orderNumber: "NW-7", status: "delivered", customer: zurich, placedBy: "usr_1", createdAt: Fixtures.now, updatedAt: Fixtures.now,
        lines: [
            OrderLine(id: "l1", productId: "prd_ok", sku: "RED-201", name: "Rioja Reserva 2018", quantity: 2, unitPriceCents: 21600, lineTotalCents: 43200),
            OrderLine(id: "l2", productId: "prd_gone", sku: "WHT-110", name: "Gewürztraminer 2020", quantity: 1, unitPriceCents: 3100, lineTotalCents: 3100),
            OrderLine(id: "l3", productId: "prd_inactive", sku: "SPK-104", name: "Prosecco DOC", quantity: 1, unitPriceCents: 13800, lineTotalCents: 13800),
            OrderLine(id: "l4", productId: "prd_short", sku: "WSK-310", name: "Yamazaki 12", quantity: 5, unitPriceCents: 16500, lineTotalCents: 82500),
            OrderLine(id: "l5", productId: "prd_error", sku: "GIN-101", name: "Hendrick's Gin", quantity: 3, unitPriceCents: 3300, lineTotalCents: 9900),
        ],
        itemCount: 12, subtotalCents: 151_500, taxCents: 0, totalCents: 151_500, currency: "USD", notes: nil)

    /// The same order as a list may send it: no lines.
    static var listRow: Order {
        var row = order
        row.lines = []
        return row
    }

    static func catalogue(_ id: String) throws -> Product {
        switch id {
        case "prd_ok": return Fixtures.product("prd_ok", sku: "RED-201", name: "Rioja Reserva 2018", priceCents: 21600, available: 40)
        case "prd_inactive":
            var product = Fixtures.product("prd_inactive", sku: "SPK-104", name: "Prosecco DOC", priceCents: 13800, available: 0)
            product.active = false
            return product
        case "prd_short": return Fixtures.product("prd_short", sku: "WSK-310", name: "Yamazaki 12", unit: "bottle", packSize: 1, priceCents: 16500, available: 3)
        case "prd_error": throw LoadFailure(message: "The portal had an internal error.", code: "INTERNAL")
        default: throw LoadFailure(message: "Not found.", code: "NOT_FOUND")
        }
    }

    /// Records every cart call in the order made; the cart answered is the fixtures' with the change.
    /// Toasts stay up.
    static func dependencies(_ calls: CallRecorder<String>, order: Order = listRow, cart: Cart = emptyCart) -> AppDependencies {
        var dependencies = Fixtures.dependencies(
            orders: { _, page, _ in OrdersPageResult(orders: page == 1 ? [order] : [], page: page, total: 1) },
            cart: { cart },
            addToCart: { productId, quantity in
                await calls.record("add \(productId)×\(quantity)")
                return CartEstimate.adding(try catalogue(productId), quantity: quantity, to: Fixtures.cart(version: 8)) ?? Fixtures.cart()
            },
            removeFromCart: { id in
                await calls.record("remove \(id)")
                return Fixtures.cart(version: 8)
            },
            setCartCustomer: { customerId in
                await calls.record("customer \(customerId ?? "none")")
                return Fixtures.cart(version: 8, customer: customerId == zurich.id ? zurich : nil)
            },
            product: { id in try catalogue(id) })
        dependencies.sleep = { _ in try await Task.sleep(for: .seconds(3600)) }
        dependencies.orders.order = { id in
            .single {
                await calls.record("read \(id)")
                return ReorderTests.order
            }
        }
        return dependencies
    }

    /// The app on the orders pane with the list loaded, and the cart (observed) as given.
    static func store(cart: Cart, _ dependencies: AppDependencies) async -> AppStore {
        await dependencies.cart.cache.setQueryData(PortalQueryKeys.cart, cart)
        var app = Fixtures.mainState(tab: .orders)
        app.cart = CartState()
        let store = AppStore(state: app, dependencies: dependencies)
        store.send(.cart(.load))
        store.send(.orders(.load))
        await eventually("the cart and the orders") {
            store.receive()
            return store.state.cart.cart == cart && store.state.orders.total != nil
        }
        return store
    }

    /// Reduces what the effects send until the reorder's one toast is up and every change is shown.
    static func settle(_ store: AppStore) async {
        await eventually("the reorder's toast") {
            store.receive()
            return store.state.toast != nil && store.state.cart.isSaved && !store.runningEffects.contains(AppReducer.reorderEffect)
        }
        try? await Task.sleep(for: .milliseconds(20))
        store.receive()
    }

    static var emptyCart: Cart {
        var cart = Fixtures.cart()
        cart.items = []
        cart.itemCount = 0
        return cart
    }

    @Test func aListRowWithoutLinesIsReadFirstAndNothingTraps() async {
        let calls = CallRecorder<String>()
        let store = await Self.store(cart: Self.emptyCart, Self.dependencies(calls))
        defer { store.cancelAll() }
        #expect(store.state.orders.selectedOrder?.lines == [])
        store.send(.key(.character("r")))
        await Self.settle(store)
        #expect(await calls.values == ["read ord_7", "customer cus_1", "add prd_ok×2"])
    }

    @Test func fromTheDetailToo() async {
        let calls = CallRecorder<String>()
        let store = await Self.store(cart: Self.emptyCart, Self.dependencies(calls))
        defer { store.cancelAll() }
        // The detail shows the list row until the order arrives; r then must not trap either.
        store.send(.key(.enter))
        #expect(store.state.orders.detail?.lines == [])
        store.send(.key(.character("r")))
        await Self.settle(store)
        #expect(await calls.values.filter { !$0.hasPrefix("read") } == ["customer cus_1", "add prd_ok×2"])
        #expect(await calls.values.contains("read ord_7"))
        // Once the detail has its lines, they are used as they are.
        store.send(.orders(.detailLoaded(Self.order)))
        store.send(.key(.character("r")))
        #expect(store.state.orders.reorderQuestion?.order.id == "ord_7", "the cart has lines now")
    }

    @Test func linesNotSoldOrShortAreNamedInOneToastAndTheRestGoIn() async {
        let calls = CallRecorder<String>()
        let store = await Self.store(cart: Self.emptyCart, Self.dependencies(calls))
        defer { store.cancelAll() }
        store.send(.key(.character("r")))
        await Self.settle(store)
        #expect(await calls.values.filter { $0.hasPrefix("add") } == ["add prd_ok×2"])
        #expect(store.state.nextToastID == 1, "one toast")
        #expect(
            store.state.toast?.message
                == "Added 1 line of NW-7 to the cart; left out Gewürztraminer 2020 (no longer in the catalogue), Prosecco DOC (no longer sold), "
                + "Yamazaki 12 (3 available, 5 wanted), Hendrick's Gin (couldn't be checked: the portal had an internal error).")
        #expect(store.state.toast?.kind == .warning)
        #expect(store.state.cart.cart?.items.map(\.productId) == ["prd_1", "prd_3", "prd_ok"], "the portal's answer, with the one line added")
    }

    @Test func thePlanShowsInTheCartAtOnceAsOneChange() throws {
        let plan = ReorderPlan(
            source: "NW-7", customer: Self.zurich, mode: .replace,
            lines: [CartLineRequest(product: try Self.catalogue("prd_ok"), quantity: 2)], leftOut: [])
        let estimate = plan.estimate(on: Fixtures.cart(customer: CustomerReference(id: "cus_2", name: "Smoke & Barrel BBQ")), settingCustomer: true)
        #expect(estimate?.items.map(\.productId) == ["prd_ok"], "replaced")
        #expect(estimate?.customer == Self.zurich)
        #expect(estimate?.itemCount == 2)
        #expect(plan.estimate(on: nil, settingCustomer: true) == nil, "no cart, no estimate")
    }

    @Test func aProductThatCannotBeReadOfflineIsNotCalledGone() {
        let offline = LoadFailure(message: "The portal could not be reached.", isOffline: true)
        let plan = Reorder.plan(
            Self.order, lines: Self.order.lines, products: ["prd_ok": .failure(offline), "prd_gone": .failure(LoadFailure(message: "Not found.", code: "NOT_FOUND"))],
            inCart: [:], mode: .add)
        #expect(plan.lines.isEmpty)
        #expect(plan.leftOut.prefix(2) == ["Rioja Reserva 2018 (couldn't be checked: offline)", "Gewürztraminer 2020 (no longer in the catalogue)"])
        #expect(!plan.leftOut.contains { $0.contains("Rioja") && $0.contains("catalogue") })
    }

    @Test func whatIsAlreadyInTheCartCountsAgainstTheStockWhenAdding() throws {
        let products = ["prd_short": Result<Product, LoadFailure>.success(try Self.catalogue("prd_short"))]
        let line = [OrderLine(id: "l", productId: "prd_short", sku: "WSK-310", name: "Yamazaki 12", quantity: 2, unitPriceCents: 1, lineTotalCents: 2)]
        #expect(Reorder.plan(Self.order, lines: line, products: products, inCart: ["prd_short": 2], mode: .add).leftOut == ["Yamazaki 12 (3 available, 4 wanted)"])
        #expect(Reorder.plan(Self.order, lines: line, products: products, inCart: ["prd_short": 2], mode: .replace).lines.count == 1)
    }

    @Test func nothingSellableIsOneToastAndNoCartChange() async {
        let calls = CallRecorder<String>()
        var sold = Self.order
        sold.lines = sold.lines.filter { $0.productId != "prd_ok" }
        let store = await Self.store(cart: Self.emptyCart, Self.dependencies(calls, order: sold))
        defer { store.cancelAll() }
        store.send(.key(.character("r")))
        await Self.settle(store)
        #expect(await calls.values.isEmpty)
        #expect(store.state.nextToastID == 1)
        #expect(store.state.toast?.message.hasPrefix("Nothing from NW-7 went into the cart: Gewürztraminer 2020 (no longer in the catalogue), Prosecco DOC") == true)
    }

    @Test func aCartWithLinesAsksAddOrReplaceFirst() async {
        let calls = CallRecorder<String>()
        let dependencies = Self.dependencies(calls)
        let store = await Self.store(cart: Fixtures.cart(customer: CustomerReference(id: "cus_2", name: "Smoke & Barrel BBQ")), dependencies)
        store.cancelAll()
        var app = store.state
        #expect(AppReducer.sending(into: &app, .key(.character("r")), dependencies).isNone)
        #expect(app.orders.reorderQuestion?.order.orderNumber == "NW-7")
        #expect(screenContains(Fixtures.render(app), "Reorder NW-7?"))
        #expect(
            app.orders.reorderQuestion?.cartCustomer?.name == "Smoke & Barrel BBQ"
                && app.orders.reorderQuestion?.text
                    == "The cart already has lines for Smoke & Barrel BBQ. Add NW-7's lines to them (still for Smoke & Barrel BBQ), "
                    + "or replace the cart with this order for Zürich Weinstube?")
        #expect(Fixtures.render(app)[22] == " a add  x replace  Esc/n back")
        // The r that opened it, Enter or a stray key, does nothing.
        for key in [Key.character("r"), .enter, .character("j")] {
            #expect(AppReducer.sending(into: &app, .key(key), dependencies).isNone)
            #expect(app.orders.reorderQuestion != nil)
        }
        _ = AppReducer.sending(into: &app, .key(.escape), dependencies)
        #expect(app.orders.reorderQuestion == nil)
        #expect(await calls.values.isEmpty)
    }

    @Test func addKeepsTheCartAndItsCustomer() async {
        let calls = CallRecorder<String>()
        let store = await Self.store(cart: Fixtures.cart(customer: CustomerReference(id: "cus_2", name: "Smoke & Barrel BBQ")), Self.dependencies(calls))
        defer { store.cancelAll() }
        store.send(.key(.character("r")))
        store.send(.key(.character("a")))
        #expect(store.state.orders.reorderQuestion == nil)
        await Self.settle(store)
        #expect(await calls.values == ["read ord_7", "add prd_ok×2"])
        #expect(store.state.cart.cart?.items.first { $0.productId == "prd_1" }?.quantity == 3, "the cart's own lines stay")
    }

    @Test func replaceEmptiesTheCartThenAddsWithTheOrdersCustomer() async {
        let calls = CallRecorder<String>()
        let store = await Self.store(cart: Fixtures.cart(customer: CustomerReference(id: "cus_2", name: "Smoke & Barrel BBQ")), Self.dependencies(calls))
        defer { store.cancelAll() }
        store.send(.key(.character("r")))
        store.send(.key(.character("x")))
        await Self.settle(store)
        #expect(await calls.values == ["read ord_7", "customer cus_1", "remove itm_1", "remove itm_2", "add prd_ok×2"])
        #expect(store.state.nextToastID == 1)
    }

    @Test func theQuestionsKeysAreInTheHelp() {
        let help = AppView.helpLines(Fixtures.mainState(tab: .orders)).map { $0.spans.map(\.text).joined() }
        #expect(help.contains("Reorder"))
        #expect(help.contains { $0.contains("x") && $0.contains("Empty the cart, then add the order's lines and customer") })
    }

    @Test func goingOfflineHalfwayStopsSaysSoAndTheCacheReadsTheCartAgain() async {
        let calls = CallRecorder<String>()
        let portalCart = Fixtures.cart(version: 8, customer: ReorderTests.zurich)
        var dependencies = Self.dependencies(calls)
        dependencies.cart = Fixtures.dependencies(
            cart: { portalCart }, addToCart: { _, _ in throw LoadFailure(message: "The portal could not be reached.", isOffline: true) }
        ).cart
        let store = await Self.store(cart: Self.emptyCart, dependencies)
        defer { store.cancelAll() }
        store.send(.key(.character("r")))
        await Self.settle(store)
        #expect(store.state.toast?.message.hasPrefix("Reordering NW-7 stopped after 0 of 1 lines: you're offline") == true)
        await eventually("the portal's cart, read again") {
            store.receive()
            return store.state.cart.cart == portalCart
        }
    }
}

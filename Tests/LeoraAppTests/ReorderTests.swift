import LeoraKit
import NcursesBackend
import PortalAPI
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
    static func dependencies(_ calls: CallRecorder<String>, order: Order = listRow) -> AppDependencies {
        var dependencies = Fixtures.dependencies(
            orders: { _, page, _ in OrdersPageResult(orders: page == 1 ? [order] : [], page: page, total: 1) },
            addToCart: { product, quantity in
                await calls.record("add \(product.sku)×\(quantity)")
                return CartEstimate.adding(product, quantity: quantity, to: Fixtures.cart(version: 8)) ?? Fixtures.cart()
            },
            removeFromCart: { id in
                await calls.record("remove \(id)")
                return Fixtures.cart(version: 8)
            },
            setCartCustomer: { customer in
                await calls.record("customer \(customer?.id ?? "none")")
                return Fixtures.cart(version: 8, customer: customer)
            },
            product: { id in try catalogue(id) })
        dependencies.order = { id in
            .single {
                await calls.record("read \(id)")
                return ReorderTests.order
            }
        }
        return dependencies
    }

    /// The orders pane with the list loaded, and the cart as given.
    static func app(cart: Cart?, _ dependencies: AppDependencies) async -> AppState {
        var app = Fixtures.mainState(tab: .orders)
        let load = OrdersScreen.reduce(into: &app.orders, .load, dependencies)
        for action in await load.collectActions() { _ = OrdersScreen.reduce(into: &app.orders, action, dependencies) }
        app.cart = CartState()
        if let cart { _ = CartScreen.reduce(into: &app.cart, .loaded(cart), dependencies) }
        return app
    }

    /// Runs `effect` and everything it leads to, as the runtime would (toasts stay up).
    static func drive(_ effect: Effect<AppAction>, _ app: inout AppState, _ dependencies: AppDependencies) async {
        for action in await effect.collectActions() {
            if case .toastExpired = action { continue }
            await drive(AppReducer.sending(into: &app, action, dependencies), &app, dependencies)
        }
    }

    static var emptyCart: Cart {
        var cart = Fixtures.cart()
        cart.items = []
        cart.itemCount = 0
        return cart
    }

    @Test func aListRowWithoutLinesIsReadFirstAndNothingTraps() async {
        let calls = CallRecorder<String>()
        let dependencies = Self.dependencies(calls)
        var app = await Self.app(cart: Self.emptyCart, dependencies)
        #expect(app.orders.selectedOrder?.lines == [])
        await Self.drive(AppReducer.sending(into: &app, .key(.character("r")), dependencies), &app, dependencies)
        #expect(await calls.values == ["read ord_7", "customer cus_1", "add RED-201×2"])
    }

    @Test func fromTheDetailToo() async {
        let calls = CallRecorder<String>()
        let dependencies = Self.dependencies(calls)
        var app = await Self.app(cart: Self.emptyCart, dependencies)
        // The detail shows the list row until the order arrives; r then must not trap either.
        _ = AppReducer.sending(into: &app, .key(.enter), dependencies)
        #expect(app.orders.detail?.lines == [])
        await Self.drive(AppReducer.sending(into: &app, .key(.character("r")), dependencies), &app, dependencies)
        #expect(await calls.values == ["read ord_7", "customer cus_1", "add RED-201×2"])
        // Once the detail has its lines, they are used as they are.
        _ = AppReducer.sending(into: &app, .orders(.detailLoaded(Self.order)), dependencies)
        await Self.drive(AppReducer.sending(into: &app, .key(.character("r")), dependencies), &app, dependencies)
        #expect(app.orders.reorderQuestion?.id == "ord_7", "the cart has lines now")
    }

    @Test func linesNotSoldOrShortAreNamedInOneToastAndTheRestGoIn() async {
        let calls = CallRecorder<String>()
        let dependencies = Self.dependencies(calls)
        var app = await Self.app(cart: Self.emptyCart, dependencies)
        await Self.drive(AppReducer.sending(into: &app, .key(.character("r")), dependencies), &app, dependencies)
        #expect(await calls.values.filter { $0.hasPrefix("add") } == ["add RED-201×2"])
        #expect(app.nextToastID == 1, "one toast")
        #expect(
            app.toast?.message
                == "Added 1 line of NW-7 to the cart; left out Gewürztraminer 2020 (no longer in the catalogue), Prosecco DOC (no longer sold), "
                + "Yamazaki 12 (3 available, 5 wanted), Hendrick's Gin (couldn't be checked: the portal had an internal error).")
        #expect(app.toast?.kind == .warning)
        #expect(app.cart.cart?.items.map(\.productId) == ["prd_1", "prd_3", "prd_ok"], "the portal's answer, with the one line added")
        #expect(app.cart.pendingChanges == 0)
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
        let dependencies = Self.dependencies(calls, order: sold)
        var app = await Self.app(cart: Self.emptyCart, dependencies)
        await Self.drive(AppReducer.sending(into: &app, .key(.character("r")), dependencies), &app, dependencies)
        #expect(await calls.values.isEmpty)
        #expect(app.nextToastID == 1)
        #expect(app.toast?.message.hasPrefix("Nothing from NW-7 went into the cart: Gewürztraminer 2020 (no longer in the catalogue), Prosecco DOC") == true)
    }

    @Test func aCartWithLinesAsksAddOrReplaceFirst() async {
        let calls = CallRecorder<String>()
        let dependencies = Self.dependencies(calls)
        var app = await Self.app(cart: Fixtures.cart(customer: CustomerReference(id: "cus_2", name: "Smoke & Barrel BBQ")), dependencies)
        #expect(AppReducer.sending(into: &app, .key(.character("r")), dependencies).isNone)
        #expect(app.orders.reorderQuestion?.orderNumber == "NW-7")
        #expect(screenContains(Fixtures.render(app), "Reorder NW-7?"))
        #expect(
            app.orders.reorderCartCustomer?.name == "Smoke & Barrel BBQ"
                && OrdersScreen.reorderQuestion(Self.order, cartCustomer: app.orders.reorderCartCustomer)
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
        let dependencies = Self.dependencies(calls)
        var app = await Self.app(cart: Fixtures.cart(customer: CustomerReference(id: "cus_2", name: "Smoke & Barrel BBQ")), dependencies)
        _ = AppReducer.sending(into: &app, .key(.character("r")), dependencies)
        let effect = AppReducer.sending(into: &app, .key(.character("a")), dependencies)
        #expect(app.orders.reorderQuestion == nil)
        await Self.drive(effect, &app, dependencies)
        #expect(await calls.values == ["read ord_7", "add RED-201×2"])
        #expect(app.cart.cart?.items.first { $0.productId == "prd_1" }?.quantity == 3, "the cart's own lines stay")
    }

    @Test func replaceEmptiesTheCartThenAddsWithTheOrdersCustomer() async {
        let calls = CallRecorder<String>()
        let dependencies = Self.dependencies(calls)
        var app = await Self.app(cart: Fixtures.cart(customer: CustomerReference(id: "cus_2", name: "Smoke & Barrel BBQ")), dependencies)
        _ = AppReducer.sending(into: &app, .key(.character("r")), dependencies)
        let effect = AppReducer.sending(into: &app, .key(.character("x")), dependencies)
        await Self.drive(effect, &app, dependencies)
        #expect(await calls.values == ["read ord_7", "customer cus_1", "remove itm_1", "remove itm_2", "add RED-201×2"])
        #expect(app.nextToastID == 1)
    }

    @Test func theQuestionsKeysAreInTheHelp() {
        let help = AppView.helpLines(Fixtures.mainState(tab: .orders)).map { $0.spans.map(\.text).joined() }
        #expect(help.contains("Reorder"))
        #expect(help.contains { $0.contains("x") && $0.contains("Empty the cart, then add the order's lines and customer") })
    }

    @Test func goingOfflineHalfwayStopsSaysSoAndReadsTheCartAgain() async {
        let calls = CallRecorder<String>()
        var dependencies = Self.dependencies(calls)
        dependencies.addToCart = { _, _ in throw LoadFailure(message: "The portal could not be reached.", isOffline: true) }
        dependencies.cart = { Fixtures.cart(version: 8, customer: ReorderTests.zurich) }
        var app = await Self.app(cart: Self.emptyCart, dependencies)
        await Self.drive(AppReducer.sending(into: &app, .key(.character("r")), dependencies), &app, dependencies)
        #expect(app.toast?.message.hasPrefix("Reordering NW-7 stopped after 0 of 1 lines: you're offline") == true)
        #expect(app.cart.cart == Fixtures.cart(version: 8, customer: Self.zurich), "the portal's cart, read again")
    }
}

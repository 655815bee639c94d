import LeoraKit
import PortalAPI
import TerminalUI
import Testing

@testable import LeoraApp

@Suite struct ProductsScreenTests {
    let dependencies = Fixtures.dependencies()

    func loaded() async -> ProductsState {
        var state = ProductsState()
        state.area = Rect(x: 0, y: 1, width: 80, height: 11)
        let effect = ProductsScreen.reduce(into: &state, .load, dependencies)
        #expect(effect.runIDs == [ProductsScreen.loadEffect])
        #expect(state.load.isLoading)
        for action in await effect.collectActions() { _ = ProductsScreen.reduce(into: &state, action, dependencies) }
        return state
    }

    func type(_ text: String, into state: inout ProductsState) -> Effect<ProductsAction> {
        var last: Effect<ProductsAction> = .none
        for character in text { last = ProductsScreen.reduce(into: &state, .key(.character(character)), dependencies) }
        return last
    }

    @Test func loadingFillsTheTableAndSelectsTheFirstProduct() async {
        let state = await loaded()
        #expect(state.products.map(\.sku) == ["RED-201", "SPK-104", "WSK-310"])
        #expect(state.selectedProduct?.name == "Rioja Reserva 2018")
        #expect(!state.load.isLoading)
        #expect(state.load.updatedAt == Fixtures.now)
    }

    @Test func movingWithTheKeys() async {
        var state = await loaded()
        _ = ProductsScreen.reduce(into: &state, .navigate(.by(1)), dependencies)
        #expect(state.selectedProduct?.sku == "SPK-104")
        _ = ProductsScreen.reduce(into: &state, .navigate(.last), dependencies)
        #expect(state.selectedProduct?.sku == "WSK-310")
        _ = ProductsScreen.reduce(into: &state, .navigate(.pageUp), dependencies)
        #expect(state.selectedProduct?.sku == "RED-201")
        _ = ProductsScreen.reduce(into: &state, .navigate(.pageDown), dependencies)
        #expect(state.selectedProduct?.sku == "WSK-310")
        _ = ProductsScreen.reduce(into: &state, .navigate(.first), dependencies)
        #expect(state.selectedProduct?.sku == "RED-201")
    }

    @Test func searchIsDebouncedUnderOneIDSoANewerSearchReplacesTheOlder() async {
        var state = await loaded()
        _ = ProductsScreen.reduce(into: &state, .startSearch, dependencies)
        #expect(state.capturesKeys)
        let first = ProductsScreen.reduce(into: &state, .key(.character("r")), dependencies)
        let second = ProductsScreen.reduce(into: &state, .key(.character("i")), dependencies)
        #expect(first.runIDs == [ProductsScreen.searchEffect])
        #expect(second.runIDs == [ProductsScreen.searchEffect])
        #expect(state.search.input.text == "ri")
        #expect(await second.collectActions() == [.searchDebounced("ri")])
        let fetch = ProductsScreen.reduce(into: &state, .searchDebounced("ri"), dependencies)
        #expect(fetch.runIDs == [ProductsScreen.searchEffect])
        #expect(fetch.cancelledIDs == [ProductsScreen.loadEffect])
        for action in await fetch.collectActions() { _ = ProductsScreen.reduce(into: &state, action, dependencies) }
        #expect(state.query == "ri")
        #expect(state.products.map(\.name) == ["Rioja Reserva 2018"])
        _ = ProductsScreen.reduce(into: &state, .key(.enter), dependencies)
        #expect(!state.search.isActive)
    }

    @Test func escapeClosesTheSearchAndCancelsThePendingOne() async {
        var state = await loaded()
        _ = ProductsScreen.reduce(into: &state, .startSearch, dependencies)
        _ = type("yam", into: &state)
        let effect = ProductsScreen.reduce(into: &state, .key(.escape), dependencies)
        #expect(effect.cancelledIDs == [ProductsScreen.searchEffect])
        #expect(!state.search.isActive)
        #expect(state.search.input.text == "")
        #expect(state.query == "")
    }

    @Test func theStockTickRefreshesTheVisibleRows() async {
        var state = await loaded()
        let effect = ProductsScreen.reduce(into: &state, .stockTick, dependencies)
        #expect(effect.runIDs == [ProductsScreen.stockEffect])
        for action in await effect.collectActions() { _ = ProductsScreen.reduce(into: &state, action, dependencies) }
        #expect(state.products.map(\.inventory.available) == [5, 5, 5])
    }

    @Test func theStockRefreshRunsOnlyWhileThePaneIsShown() {
        var app = Fixtures.mainState(tab: .briefing)
        app.products.load.hasLoaded = true
        let entering = AppReducer.sending(into: &app, .selectTab(.products), dependencies)
        #expect(entering.runIDs.contains(ProductsScreen.stockTickerEffect))
        let staying = AppReducer.sending(into: &app, .refreshed(.products), dependencies)
        #expect(!staying.runIDs.contains(ProductsScreen.stockTickerEffect))
        let leaving = AppReducer.sending(into: &app, .selectTab(.cart), dependencies)
        #expect(leaving.cancels(ProductsScreen.stockTickerEffect))
        #expect(leaving.cancels(ProductsScreen.stockEffect))
        #expect(!leaving.runIDs.contains(ProductsScreen.stockTickerEffect))
    }

    @Test func enterOpensTheDetailAndEscapeCloses() async {
        var state = await loaded()
        _ = ProductsScreen.reduce(into: &state, .navigate(.by(2)), dependencies)
        _ = ProductsScreen.reduce(into: &state, .openSelected, dependencies)
        #expect(state.detail?.name == "Yamazaki 12")
        _ = ProductsScreen.reduce(into: &state, .closeDetail, dependencies)
        #expect(state.detail == nil)
    }

    /// Found by the every-binding end-to-end test: `/` on a product's detail sent the keys to a
    /// search field the detail hid.
    @Test func searchFromTheDetailShowsTheListWithTheSearchField() async {
        var state = await loaded()
        _ = ProductsScreen.reduce(into: &state, .openSelected, dependencies)
        #expect(state.detail != nil)
        _ = ProductsScreen.reduce(into: &state, .startSearch, dependencies)
        #expect(state.detail == nil)
        #expect(state.search.isActive)
    }

    @Test func theQuantityPromptTakesDigitsOnly() async {
        var state = await loaded()
        _ = ProductsScreen.reduce(into: &state, .addSelected, dependencies)
        #expect(state.quantityPrompt?.quantity.input.text == "1")
        #expect(state.capturesKeys)
        _ = ProductsScreen.reduce(into: &state, .key(.backspace), dependencies)
        _ = type("x4-2", into: &state)
        #expect(state.quantityPrompt?.quantity.input.text == "42")
        #expect(ProductsScreen.reduce(into: &state, .quantityDismissed, dependencies).isNone, "nothing added")
        #expect(state.quantityPrompt == nil)
    }

    @Test func enterConfirmsAValidQuantityOnly() async {
        var state = await loaded()
        _ = ProductsScreen.reduce(into: &state, .addSelected, dependencies)
        _ = ProductsScreen.reduce(into: &state, .key(.backspace), dependencies)
        _ = ProductsScreen.reduce(into: &state, .quantitySubmitted, dependencies)
        #expect(state.quantityPrompt != nil)
        #expect(state.quantityPrompt?.quantity.refusal == "Type a quantity.")
        _ = type("3", into: &state)
        let adding = ProductsScreen.reduce(into: &state, .quantitySubmitted, dependencies)
        #expect(state.quantityPrompt == nil)
        #expect(adding.sentActions == [.delegate(.addToCart(Fixtures.catalogue[0], quantity: 3))])
    }

    // MARK: Adding through the app (optimistic, with rollback)

    func appOnProducts(_ dependencies: AppDependencies) async -> AppState {
        var app = Fixtures.mainState(tab: .products)
        app.products = await loaded()
        return app
    }

    /// The app on the products pane, the cart observed in a cache holding the fixtures' cart;
    /// toasts stay up.
    func storeOnProducts(_ dependencies: AppDependencies) async -> AppStore {
        var dependencies = dependencies
        dependencies.sleep = { _ in try await Task.sleep(for: .seconds(3600)) }
        await dependencies.cart.cache.setQueryData(PortalQueryKeys.cart, Fixtures.cart())
        var app = await appOnProducts(dependencies)
        app.cart = CartState()
        let store = AppStore(state: app, dependencies: dependencies)
        store.send(.cart(.load))
        await eventually("the cart") {
            store.receive()
            return store.state.cartItemCount == 5
        }
        return store
    }

    func addThree(_ store: AppStore) {
        for key in [Key.character("a"), .backspace, .character("3"), .enter] { store.send(.key(key)) }
    }

    /// Reduces what the effects send until the cart's changes are settled and a toast is up.
    func settle(_ store: AppStore) async {
        await eventually("the change to settle") {
            store.receive()
            return store.state.cart.isSaved && store.state.toast != nil
        }
    }

    @Test func addingShowsInTheCartCountAndTheToastSaysWhat() async {
        let store = await storeOnProducts(Fixtures.dependencies(cart: { Fixtures.cart() }))
        defer { store.cancelAll() }
        addThree(store)
        await settle(store)
        #expect(store.state.cartItemCount == 8, "\(String(describing: store.state.toast))")
        #expect(store.state.cart.cart?.version == 8)
        #expect(store.state.cart.cart?.items.first { $0.productId == "prd_1" }?.quantity == 6)
        #expect(store.state.toast == AppState.ToastMessage(id: 0, message: "Added 3 cs (36 btl) of Rioja Reserva 2018 to the cart.", kind: .success))
    }

    @Test func aFailedAddRollsBackTheCountAndSaysHowManyAreAvailable() async {
        let failing = Fixtures.dependencies(cart: { Fixtures.cart() }, addToCart: { _, _ in
            throw LoadFailure(
                message: "Not enough stock", code: "INSUFFICIENT_STOCK", shortages: [StockShortage(productId: "prd_1", requested: 6, available: 2)])
        })
        let store = await storeOnProducts(failing)
        defer { store.cancelAll() }
        addThree(store)
        await settle(store)
        #expect(store.state.cartItemCount == 5)
        #expect(store.state.cart.cart == Fixtures.cart())
        #expect(store.state.toast?.kind == .danger)
        #expect(store.state.toast?.message == "Couldn't add Rioja Reserva 2018: not enough stock for Rioja Reserva 2018 (2 available, 6 wanted). Rolled back.")
    }

    @Test func anAddThatCannotReachThePortalSaysChangesNeedAConnection() async {
        let offline = Fixtures.dependencies(cart: { Fixtures.cart() }, addToCart: { _, _ in throw LoadFailure(message: "Cannot reach the server", isOffline: true) })
        let store = await storeOnProducts(offline)
        defer { store.cancelAll() }
        addThree(store)
        await settle(store)
        #expect(store.state.cartItemCount == 5)
        #expect(!store.state.isOnline)
        #expect(store.state.toast?.message.contains("offline — cart changes need a connection") == true)
    }

    @Test func offlineTheAddIsRefusedBeforeThePrompt() async {
        var app = await appOnProducts(dependencies)
        app.isOnline = false
        _ = AppReducer.sending(into: &app, .key(.character("a")), dependencies)
        #expect(app.products.quantityPrompt == nil)
        #expect(app.toast?.message == "You're offline — changes need a connection. Press R to retry.")
    }

    @Test func aViewerCanNeitherSeeNorUseAdd() async {
        var app = Fixtures.mainState(tab: .products, roles: [.viewer])
        app.products = await loaded()
        _ = AppReducer.sending(into: &app, .key(.character("a")), dependencies)
        #expect(app.products.quantityPrompt == nil)
        #expect(!AppKeymap.active(.products).footerHints(permissions: app.permissions).map(\.label).contains("add"))
        #expect(!AppView.helpLines(app).map { $0.spans.map(\.text).joined() }.contains { $0.contains("Add the product") })
        let lines = Fixtures.render(app)
        #expect(!lines[22].contains("a add"), "\(lines.joined(separator: "\n"))")
    }

    // MARK: Screens

    @Test func rendersTheListAt80x24() async {
        var app = Fixtures.mainState(tab: .products)
        app.products = await loaded()
        let lines = Fixtures.render(app)
        expectScreen(
            Array(lines.prefix(6)),
            [
                " 1 Briefing │ 2 Orders │ 3 Products │ 4 Cart 3 │ 5 Health │ 6 Customers",
                " Name                                       SKU      Unit           Price Stock",
                " Rioja Reserva 2018                         RED-201  case of 12   $216.00    40",
                " Prosecco DOC                               SPK-104  case of 6    $138.00     0",
                " Yamazaki 12                                WSK-310  bottle       $165.00     9",
                "",
            ])
        #expect(lines[22] == " / search  Enter detail  a add                        R refresh  ? help  q quit")
        #expect(lines[23].hasSuffix("updated just now"))
    }

    @Test func rendersASearchAt120x35() async {
        var app = Fixtures.mainState(tab: .products)
        app.products = await loaded()
        _ = ProductsScreen.reduce(into: &app.products, .loaded(query: "ri", [Fixtures.catalogue[0]]), dependencies)
        let lines = Fixtures.render(app, width: 120, height: 35)
        expectScreen(
            Array(lines[1...4]),
            [
                " Search: ri  (/ to change)",
                " Name                                                                   SKU          Unit               Price Available",
                " Rioja Reserva 2018                                                     RED-201      case of 12       $216.00        40",
                "",
            ])
    }

    @Test func rendersTheDetailAt120x35() async {
        var app = Fixtures.mainState(tab: .products)
        app.products = await loaded()
        _ = ProductsScreen.reduce(into: &app.products, .openSelected, dependencies)
        let lines = Fixtures.render(app, width: 120, height: 35)
        expectScreen(
            Array(lines[1...8]),
            [
                " Rioja Reserva 2018",
                " Bodegas Muga · Red Wine · RED-201",
                "",
                " Cherry, tobacco and vanilla from two years in oak; a steady seller with grilled meats.",
                "",
                " Pack size   case of 12 bottles",
                " Price       $216.00 per case",
                " Available   40  (on hand 43, reserved 3)",
            ])
    }

    @Test func rendersTheQuantityPromptAt80x24() async {
        var app = Fixtures.mainState(tab: .products)
        app.products = await loaded()
        _ = ProductsScreen.reduce(into: &app.products, .addSelected, dependencies)
        let lines = Fixtures.render(app)
        expectScreen(
            Array(lines[7...15]),
            [
                "            ┌─ Add to cart ────────────────────────────────────────┐",
                "            │ Rioja Reserva 2018 — case of 12, $216.00 each; 40    │",
                "            │ available.                                           │",
                "            │                                                      │",
                "            │ Quantity: 1      = 1 cs (12 btl)                     │",
                "            │                                                      │",
                "            │                                                      │",
                "            │                               Enter add · Esc cancel │",
                "            └──────────────────────────────────────────────────────┘",
            ])
    }
}

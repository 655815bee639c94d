import Foundation
import LeoraKit
import PortalAPI
import TerminalUI
import Testing

@testable import LeoraApp

/// The customers pane: the list with health, pace and last order, the search, a customer's detail
/// with their recent orders, and the keys that act on the customer from either.
@Suite struct CustomersScreenTests {
    static let day: TimeInterval = 86_400

    static let list: [Customer] = [
        Customer(id: "cus_2", name: "Smoke & Barrel BBQ", accountNumber: "NW-0002", city: "Naperville", healthScore: 41, lastOrderAt: Fixtures.now - 20 * day),
        Customer(id: "cus_4", name: "The Rookery Rooftop", accountNumber: "NW-0004", city: "Chicago", healthScore: 64, lastOrderAt: nil),
        Customer(id: "cus_3", name: "Таверна Одеса", accountNumber: "NW-0003", city: "Chicago", healthScore: 23, lastOrderAt: Fixtures.now - 54 * day),
        Customer(id: "cus_1", name: "Zürich Weinstube", accountNumber: "NW-0001", city: "Evanston", healthScore: 82, lastOrderAt: Fixtures.now - 3 * day),
    ]

    static func matching(_ query: String?) -> [Customer] {
        guard let query, !query.isEmpty else { return list }
        return list.filter { $0.name.localizedCaseInsensitiveContains(query) }
    }

    static func order(_ number: Int, for customer: Customer, daysAgo: Double, status: String = "delivered") -> Order {
        var order = Fixtures.order(number, status: status)
        order.customer = CustomerReference(id: customer.id, name: customer.name)
        order.createdAt = Fixtures.now - daysAgo * day
        return order
    }

    /// Zürich's orders, newest first; nobody else has any.
    static func orders(of customerID: String?) -> [Order] {
        guard customerID == "cus_1" else { return [] }
        return [order(501, for: list[3], daysAgo: 3, status: "pending"), order(488, for: list[3], daysAgo: 10), order(470, for: list[3], daysAgo: 17)]
    }

    static func dependencies(asked: CallRecorder<String>? = nil, cart: Cart? = nil) -> AppDependencies {
        Fixtures.dependencies(
            orders: { filter, page, limit in
                await asked?.record("orders \(filter.customer?.id ?? "all") limit \(limit)")
                let orders = orders(of: filter.customer?.id)
                return OrdersPageResult(orders: Array(orders.prefix(limit)), page: page, total: orders.count)
            },
            cart: { cart ?? Fixtures.cart() },
            customers: { query in
                await asked?.record("customers \(query ?? "")")
                return matching(query)
            })
    }

    /// The pane loaded, laid out at 80×24.
    static func loaded(_ dependencies: AppDependencies = dependencies()) async -> CustomersState {
        var state = CustomersState()
        state.area = AppView.contentArea(width: 80, height: 24)
        let effect = CustomersScreen.reduce(into: &state, .load, dependencies)
        for action in await effect.collectActions() { _ = CustomersScreen.reduce(into: &state, action, dependencies) }
        return state
    }

    // MARK: The list

    @Test func loadingAsksForTheFirstPageAndTheMetricsAndSelectsTheFirstCustomer() async {
        let dependencies = Self.dependencies()
        var state = CustomersState()
        state.area = AppView.contentArea(width: 80, height: 24)
        let store = TestStore(state) { CustomersScreen.reduce(into: &$0, $1, dependencies) }
        store.send(.load) {
            $0.loadingPages = [1]
            $0.load.isLoading = true
            $0.metricsRequested = true
        }
        #expect(store.runningEffects.isSubset(of: [CustomersScreen.pageEffect(1), CustomersScreen.metricsEffect]))
        await store.receive(.metricsLoaded(Fixtures.metrics)) {
            $0.paces = ["cus_2": Fixtures.metrics.paceDeviations[0], "cus_1": Fixtures.metrics.paceDeviations[1]]
            $0.trends = ["cus_1": .up, "cus_3": .down, "cus_2": .stable]
        }
        await store.receive(.pageLoaded(CustomersPageResult(customers: Self.list, page: 1, total: 4), query: "")) {
            $0.loadingPages = []
            $0.pages = [1: Self.list]
            $0.join()
            $0.total = 4
            $0.load.succeeded(at: Fixtures.now)
            $0.table = TableState(selected: 0)
        }
        #expect(store.state.selectedCustomer?.name == "Smoke & Barrel BBQ")
        await store.finish()
    }

    @Test func rowsAlreadySeenOnAnEarlierPageAreDroppedAndTheNextPageIsFetchedAtTheEnd() async {
        let asked = CallRecorder<String>()
        let many = (0..<60).map { Customer(id: "c\($0)", name: "Customer \($0)", accountNumber: "A\($0)", city: "Chicago", healthScore: 70, lastOrderAt: nil) }
        var dependencies = Self.dependencies()
        dependencies.customers.page = { _, page, limit in
            .single {
                await asked.record("page \(page)")
                // The second page repeats the first's last row (a customer added meanwhile shifts the pages).
                let start = page == 1 ? 0 : limit - 1
                return CustomersPageResult(customers: Array(many[start..<min(many.count, start + limit)]), page: page, total: 60)
            }
        }
        var state = await Self.loaded(dependencies)
        #expect(state.customers.count == 50 && state.hasMore)
        var effect = CustomersScreen.reduce(into: &state, .navigate(.by(10)), dependencies)
        #expect(effect.isNone, "far from the end")
        effect = CustomersScreen.reduce(into: &state, .navigate(.by(30)), dependencies)
        #expect(effect.runIDs == [CustomersScreen.pageEffect(2)])
        for action in await effect.collectActions() { _ = CustomersScreen.reduce(into: &state, action, dependencies) }
        #expect(state.customers.map(\.id) == many.map(\.id))
        #expect(!state.hasMore)
        #expect(await asked.values == ["page 1", "page 2"])
    }

    @Test func searchAsksThePortalAfterAPauseAndEscPutsTheListBack() async {
        let asked = CallRecorder<String>()
        let dependencies = Self.dependencies(asked: asked)
        var state = await Self.loaded(dependencies)
        _ = CustomersScreen.reduce(into: &state, .startSearch, dependencies)
        #expect(state.search.isActive)
        var effect = Effect<CustomersAction>.none
        for character in "the" { effect = CustomersScreen.reduce(into: &state, .key(.character(character)), dependencies) }
        #expect(effect.runIDs == [CustomersScreen.searchEffect])
        for action in await effect.collectActions() {
            for next in await CustomersScreen.reduce(into: &state, action, dependencies).collectActions() {
                _ = CustomersScreen.reduce(into: &state, next, dependencies)
            }
        }
        #expect(state.search.isActive, "still typing")
        #expect(state.customers.map(\.id) == ["cus_4"])
        // Esc: back to the list as it was before the search.
        effect = CustomersScreen.reduce(into: &state, .key(.escape), dependencies)
        for action in await effect.collectActions() { _ = CustomersScreen.reduce(into: &state, action, dependencies) }
        #expect(!state.search.isActive)
        #expect(state.query == "")
        #expect(state.customers.count == 4)
        #expect(await asked.values == ["customers ", "customers the", "customers "])
    }

    // MARK: The detail

    @Test func enterOpensTheCustomerWithTheirRecentOrdersAndEscCloses() async {
        let asked = CallRecorder<String>()
        let dependencies = Self.dependencies(asked: asked)
        var state = await Self.loaded(dependencies)
        state.table = TableState(selected: 3)
        let store = TestStore(state) { CustomersScreen.reduce(into: &$0, $1, dependencies) }
        let zurich = Self.list[3]
        store.send(.openSelected) { $0.detail = zurich }
        await store.receive(.recentOrdersLoaded(OrdersPageResult(orders: Self.orders(of: "cus_1"), page: 1, total: 3), customerID: "cus_1")) {
            $0.recentOrders = Self.orders(of: "cus_1")
            $0.recentOrdersTotal = 3
            $0.recentTable = TableState(selected: 0)
        }
        store.send(.navigate(.by(1))) { $0.recentTable = TableState(selected: 1) }
        #expect(store.state.table.selected == 3, "j moves among the orders, not the list")
        // Enter on an order opens it in the orders pane.
        store.send(.openSelected)
        await store.receive(.delegate(.open(.order(id: "ord_488"))))
        store.send(.closeDetail) { $0.detail = nil }
        await store.finish()
        #expect(await asked.values.last == "orders cus_1 limit \(CustomersState.recentOrdersLimit)")
    }

    @Test func refreshingFetchesTheOpenCustomersOrdersAgainToo() async {
        let dependencies = Self.dependencies()
        var state = await Self.loaded(dependencies)
        state.detail = Self.list[3]
        let effect = CustomersScreen.reduce(into: &state, .load, dependencies)
        #expect(Set(effect.runIDs) == [CustomersScreen.metricsEffect, CustomersScreen.pageEffect(1), CustomersScreen.recentOrdersEffect])
        #expect(state.customers.count == 4, "the rows stay until the new ones arrive")
    }

    @Test func oShowsTheCustomersOrdersInTheOrdersPane() async {
        let dependencies = Self.dependencies()
        var app = Fixtures.mainState(tab: .customers)
        app.customers = await Self.loaded(dependencies)
        _ = AppReducer.sending(into: &app, .key(.character("o")), dependencies)
        #expect(app.tab == .orders)
        #expect(app.orders.filter == OrdersFilter(customer: CustomerReference(id: "cus_2", name: "Smoke & Barrel BBQ")))
    }

    @Test func cStartsTheCartForTheCustomer() async {
        let calls = CallRecorder<String>()
        var dependencies = Self.dependencies()
        dependencies.cart = Fixtures.dependencies(
            cart: { Fixtures.cart() },
            setCartCustomer: { id in
                await calls.record("customer \(id ?? "none")")
                return Fixtures.cart(version: 8, customer: CustomerReference(id: "cus_2", name: "Smoke & Barrel BBQ"))
            }
        ).cart
        var app = Fixtures.mainState(tab: .customers)
        app.cart.cart = Fixtures.cart(customer: CustomerReference(id: "cus_1", name: "Zürich Weinstube"))
        app.customers = await Self.loaded(dependencies)
        let effect = AppReducer.sending(into: &app, .key(.character("c")), dependencies)
        #expect(app.tab == .customers, "the rep stays on the customer")
        for action in await effect.collectActions() where !action.isToastExpiry { _ = AppReducer.sending(into: &app, action, dependencies) }
        #expect(await calls.values == ["customer cus_2"])
        #expect(app.toast?.message == "The cart is now for Smoke & Barrel BBQ (its 2 lines were for Zürich Weinstube).")
        // Again: nothing to change, and it says so.
        _ = AppReducer.sending(into: &app, .key(.character("c")), dependencies)
        #expect(app.toast?.message == "The cart is already for Smoke & Barrel BBQ.")
        #expect(await calls.values.count == 1)
    }

    // MARK: Reordering the last order

    @Test func rFromTheListFindsTheLastOrderThenReordersIt() async {
        let dependencies = Self.dependencies()
        var state = await Self.loaded(dependencies)
        state.table = TableState(selected: 3)
        let store = TestStore(state) { CustomersScreen.reduce(into: &$0, $1, dependencies) }
        let zurich = CustomerReference(id: "cus_1", name: "Zürich Weinstube")
        store.send(.reorderLast) { $0.findingLastOrderOf = zurich }
        let last = Self.orders(of: "cus_1")[0]
        await store.receive(.lastOrderFound(last, customer: zurich)) { $0.findingLastOrderOf = nil }
        await store.receive(.delegate(.reorder(last, mode: nil)))
        await store.finish()
    }

    @Test func aCustomerWithNoOrdersOfTheRepsSaysSo() async {
        let dependencies = Self.dependencies()
        let store = TestStore(await Self.loaded(dependencies)) { CustomersScreen.reduce(into: &$0, $1, dependencies) }
        let smoke = CustomerReference(id: "cus_2", name: "Smoke & Barrel BBQ")
        store.send(.reorderLast) { $0.findingLastOrderOf = smoke }
        await store.receive(.lastOrderFound(nil, customer: smoke)) { $0.findingLastOrderOf = nil }
        await store.receive(.delegate(.toast("Smoke & Barrel BBQ has no orders of yours to reorder.", .info)))
        await store.finish()
    }

    @Test func aCartWithLinesAsksAddOrReplaceOnThisPane() async {
        let dependencies = Self.dependencies()
        var app = Fixtures.mainState(tab: .customers)
        app.customers = await Self.loaded(dependencies)
        app.customers.table = TableState(selected: 3)
        let effect = AppReducer.sending(into: &app, .key(.character("r")), dependencies)
        for action in await effect.collectActions() { _ = AppReducer.sending(into: &app, action, dependencies) }
        #expect(app.tab == .customers)
        #expect(app.customers.reorderQuestion?.order.orderNumber == "NW-501")
        #expect(app.orders.reorderQuestion == nil)
        let lines = Fixtures.render(app)
        #expect(screenContains(lines, "Reorder NW-501?"))
        #expect(lines[22] == " a add  x replace  Esc/n back")
        // Only its own keys answer.
        for key in [Key.character("r"), .enter, .character("j"), .character("o")] {
            #expect(AppReducer.sending(into: &app, .key(key), dependencies).isNone)
            #expect(app.customers.reorderQuestion != nil && app.tab == .customers)
        }
        _ = AppReducer.sending(into: &app, .key(.character("n")), dependencies)
        #expect(app.customers.reorderQuestion == nil)
    }

    // MARK: Ways in

    @Test func thePalettesCustomersNameOpensTheOnlyMatch() async {
        let dependencies = Self.dependencies()
        var app = Fixtures.mainState()
        var effect = AppReducer.sending(into: &app, .runCommand(.customers(search: "zürich")), dependencies)
        #expect(app.tab == .customers)
        for action in await effect.collectActions() where action.isCustomersPage {
            effect = AppReducer.sending(into: &app, action, dependencies)
        }
        #expect(app.customers.detail?.name == "Zürich Weinstube")
        #expect(effect.runIDs == [CustomersScreen.recentOrdersEffect])
        #expect(CommandPalette.parse("customers Zürich Weinstube", themes: []) == .success(.customers(search: "Zürich Weinstube")))
        #expect(CommandPalette.complete("cu", themes: []) == "customers ")
    }

    @Test func aSearchFindingSeveralShowsTheList() async {
        let dependencies = Self.dependencies()
        var app = Fixtures.mainState()
        let effect = AppReducer.sending(into: &app, .runCommand(.customers(search: "e")), dependencies)
        for action in await effect.collectActions() where action.isCustomersPage { _ = AppReducer.sending(into: &app, action, dependencies) }
        #expect(app.customers.detail == nil)
        #expect(app.customers.customers.count == 3)
    }

    @Test func aBriefingCustomerOpensTheirDetail() async {
        let dependencies = Self.dependencies()
        var app = Fixtures.mainState()
        let effect = AppReducer.sending(into: &app, .briefing(.delegate(.open(.customer(id: "cus_3", name: "Таверна Одеса")))), dependencies)
        #expect(app.tab == .customers)
        #expect(app.customers.openingCustomerID == "cus_3")
        for action in await effect.collectActions() {
            if case .customerArrived? = action.action(of: CustomersScreen.self) { _ = AppReducer.sending(into: &app, action, dependencies) }
        }
        #expect(app.customers.detail?.name == "Таверна Одеса")
        #expect(DrillDown(url: "/portal/customers/cus_3") == .customer(id: "cus_3", name: nil))
    }

    @Test func aRoleThatCannotSeeCustomersGetsTheirOrdersFromABriefingLink() {
        var app = Fixtures.mainState()
        app.session?.permissions.removeAll { $0 == Permission.customersRead.rawValue }
        _ = AppReducer.sending(into: &app, .briefing(.delegate(.open(.customer(id: "cus_3", name: "Таверна Одеса")))), Self.dependencies())
        #expect(app.tab == .orders)
        #expect(app.orders.filter.customer?.id == "cus_3")
    }

    @Test func aViewerSeesTheCustomersButNoCartOrReorderKeys() {
        let viewer = Set(Role.viewer.permissions)
        let labels = CustomersScreen.keymap.visible(to: viewer).map(\.label)
        #expect(labels.contains("orders") && labels.contains("search") && labels.contains("open"))
        #expect(!labels.contains("cart") && !labels.contains("reorder"))
        #expect(Panes.route(.customers).isAvailable(to: viewer))
    }

    // MARK: Pace

    @Test func paceReadsTheMetricsDeviation() {
        func pace(_ deviation: Double) -> InsightsMetrics.PaceDeviation {
            .init(customerId: "c", customerName: "C", expectedIntervalDays: 10, daysSinceLastOrder: deviation * 10, deviation: deviation)
        }
        #expect(CustomerPace.cell(pace(2.2)) == "behind 2.2×")
        #expect(CustomerPace.cell(pace(1.5)) == "behind 1.5×")
        #expect(CustomerPace.cell(pace(1.0)) == "on pace")
        #expect(CustomerPace.cell(pace(0.5)) == "on pace")
        #expect(CustomerPace.cell(pace(0.3)) == "ahead")
        #expect(CustomerPace.cell(nil) == "—")
        #expect(CustomerPace.sentence(pace(2.2)) == "behind — 22 days since the last order, usually every 10 (2.2×)")
        #expect(CustomerPace.sentence(nil) == "no usual rhythm yet (too few orders of yours)")
    }

    // MARK: Rendering

    @Test func rendersTheListAt80x24() async {
        var app = Fixtures.mainState(tab: .customers)
        app.customers = await Self.loaded()
        let lines = Fixtures.render(app)
        expectScreen(
            Array(lines.prefix(7)),
            [
                " 1 Briefing │ 2 Orders │ 3 Products │ 4 Cart 3 │ 5 Health │ 6 Customers",
                " Name                                City         Health Pace        Last order",
                " Smoke & Barrel BBQ                  Naperville     41   behind 2.2× 2026-10-29",
                " The Rookery Rooftop                 Chicago        64   —           —",
                " Таверна Одеса                       Chicago        23 ▼ —           2026-09-25",
                " Zürich Weinstube                    Evanston       82 ▲ ahead       2026-11-15",
                "",
            ])
        #expect(lines[22] == " Enter open  / search  o orders  c cart  r reorder    R refresh  ? help  q quit")
    }

    @Test func rendersTheListAt120x35() async {
        var app = Fixtures.mainState(tab: .customers)
        app.customers = await Self.loaded()
        let lines = Fixtures.render(app, width: 120, height: 35)
        expectScreen(
            Array(lines.prefix(6)),
            [
                " 1 Briefing │ 2 Orders │ 3 Products │ 4 Cart 3 │ 5 Health │ 6 Customers",
                " Name                                                        Account    City             Health Pace         Last order",
                " Smoke & Barrel BBQ                                          NW-0002    Naperville         41   behind 2.2×  2026-10-29",
                " The Rookery Rooftop                                         NW-0004    Chicago            64   —            —",
                " Таверна Одеса                                               NW-0003    Chicago            23 ▼ —            2026-09-25",
                " Zürich Weinstube                                            NW-0001    Evanston           82 ▲ ahead        2026-11-15",
            ])
    }

    @Test func rendersTheDetailAt80x24And120x35() async {
        let dependencies = Self.dependencies()
        var app = Fixtures.mainState(tab: .customers)
        app.customers = await Self.loaded(dependencies)
        app.customers.table = TableState(selected: 3)
        let effect = CustomersScreen.reduce(into: &app.customers, .openSelected, dependencies)
        for action in await effect.collectActions() { _ = CustomersScreen.reduce(into: &app.customers, action, dependencies) }
        expectScreen(
            Array(Fixtures.render(app)[1...13]),
            [
                " Zürich Weinstube",
                " NW-0001 · Evanston",
                "",
                " Health      82 ▲",
                " Pace        ahead — 3 days since the last order, usually every 7 (0.4×)",
                " Last order  2026-11-15",
                "",
                " Recent orders (yours)",
                " Number       Date       Status                              Items        Total",
                " NW-501       2026-11-15 pending                                15      $850.85",
                " NW-488       2026-11-08 delivered                              15      $850.85",
                " NW-470       2026-11-01 delivered                              15      $850.85",
                "",
            ])
        app.customers.area = AppView.contentArea(width: 120, height: 35)
        let wide = Fixtures.render(app, width: 120, height: 35)
        #expect(wide[5] == " Pace        ahead — 3 days since the last order, usually every 7 (0.4×)")
        #expect(wide[10].hasPrefix(" NW-501       2026-11-15 pending") && wide[10].hasSuffix("15      $850.85"))
    }

    /// Seven tabs do not fit 80 columns (the admin's) or 60: the titles farthest from the
    /// selected tab give way to their number, so every key stays on screen.
    @Test func theTabBarGivesWayToNumbersWhenNarrow() {
        var admin = Fixtures.mainState(tab: .customers, roles: [.admin])
        #expect(Fixtures.render(admin)[0] == " 1 │ 2 Orders │ 3 Products │ 4 Cart 3 │ 5 Health │ 6 Customers │ 7 Webhooks")
        #expect(Fixtures.render(admin, width: 60, height: 20)[0] == " 1 │ 2 │ 3 │ 4 Cart 3 │ 5 Health │ 6 Customers │ 7 Webhooks")
        admin.tab = .briefing
        #expect(Fixtures.render(admin, width: 60, height: 20)[0] == " 1 Briefing │ 2 Orders │ 3 Products │ 4 Cart 3 │ 5 │ 6 │ 7")
        #expect(Fixtures.render(admin, width: 120, height: 35)[0] == " 1 Briefing │ 2 Orders │ 3 Products │ 4 Cart 3 │ 5 Health │ 6 Customers │ 7 Webhooks")
    }

    @Test func theSearchLineShowsWhatIsSearched() async {
        var app = Fixtures.mainState(tab: .customers)
        app.customers = await Self.loaded()
        app.customers.query = "chic"
        #expect(Fixtures.render(app)[1] == " Search: chic  (/ to change)")
        app.customers.search.open(with: "chic")
        #expect(Fixtures.render(app)[1].hasPrefix(" Search: chic"))
    }
}

extension AppAction {
    /// Whether this is a customers page arriving (to feed back only those from a collected effect).
    var isCustomersPage: Bool {
        if case .pageLoaded? = action(of: CustomersScreen.self) { return true }
        return false
    }

    /// Whether this is a toast's expiry (collected effects sleep no time in tests).
    var isToastExpiry: Bool {
        if case .toastExpired = self { return true }
        return false
    }
}

import LeoraKit
import PortalAPI
import TerminalUI
import Testing

@testable import LeoraApp

@Suite struct OrdersScreenTests {
    let dependencies = Fixtures.dependencies()

    func loaded() async -> OrdersState {
        var state = OrdersState()
        // Ten rows under the header.
        state.area = Rect(x: 0, y: 1, width: 80, height: 11)
        let effect = OrdersScreen.reduce(into: &state, .load, dependencies)
        #expect(effect.runIDs == [OrdersScreen.pageEffect(1)])
        #expect(state.isLoading)
        for action in await effect.collectActions() { _ = OrdersScreen.reduce(into: &state, action, dependencies) }
        return state
    }

    @Test func firstPageSelectsTheFirstOrder() async {
        let state = await loaded()
        #expect(state.total == 120)
        #expect(state.table.selected == 0)
        #expect(state.selectedOrder?.orderNumber == "NW-10000")
        #expect(!state.isLoading)
        #expect(state.load.updatedAt == Fixtures.now)
    }

    @Test func scrollingPastTheLoadedPageFetchesTheNext() async {
        var state = await loaded()
        var effect = OrdersScreen.reduce(into: &state, .navigate(.by(45)), dependencies)
        #expect(effect.isNone)
        effect = OrdersScreen.reduce(into: &state, .navigate(.pageDown), dependencies)
        #expect(effect.runIDs == [OrdersScreen.pageEffect(2)])
        #expect(state.order(at: 55) == nil)
        for action in await effect.collectActions() { _ = OrdersScreen.reduce(into: &state, action, dependencies) }
        #expect(state.order(at: 55)?.orderNumber == "NW-10055")
    }

    @Test func lastJumpsStraightToTheLastPage() async {
        var state = await loaded()
        let effect = OrdersScreen.reduce(into: &state, .navigate(.last), dependencies)
        #expect(state.table.selected == 119)
        #expect(effect.runIDs == [OrdersScreen.pageEffect(3)])
        _ = OrdersScreen.reduce(into: &state, .navigate(.first), dependencies)
        #expect(state.table.selected == 0)
    }

    @Test func enterOpensTheDetailAndEscapeCloses() async {
        var state = await loaded()
        _ = OrdersScreen.reduce(into: &state, .navigate(.by(1)), dependencies)
        let effect = OrdersScreen.reduce(into: &state, .openSelected, dependencies)
        #expect(state.detail?.orderNumber == "NW-10001")
        #expect(effect.runIDs == [OrdersScreen.detailEffect])
        let closing = OrdersScreen.reduce(into: &state, .closeDetail, dependencies)
        #expect(state.detail == nil)
        #expect(closing.cancelledIDs == [OrdersScreen.detailEffect])
    }

    /// Issue 10 item 3: the status bar says where the selection is in the whole list, and says
    /// nothing while a detail is open.
    @Test func theStatusBarSaysWhichOrderOfHowMany() async {
        var app = Fixtures.mainState(tab: .orders)
        app.orders = await loaded()
        _ = OrdersScreen.reduce(into: &app.orders, .navigate(.by(2)), dependencies)
        let total = app.orders.total ?? 0
        #expect(total > 3)
        var lines = Fixtures.render(app)
        #expect(lines[23].contains("3 of \(total)"), "\(lines[23])")
        app.orders.detail = app.orders.selectedOrder
        lines = Fixtures.render(app)
        #expect(!lines[23].contains(" of \(total)"), "\(lines[23])")
    }

    /// Issue 10 item 3: the footer names the keys of what is shown — on an open order its own
    /// (back, cancel, reorder, copy), not the list's (open, search, status).
    @Test func theFooterNamesTheDetailsKeysOnAnOpenOrder() async {
        var app = Fixtures.mainState(tab: .orders)
        app.orders = await loaded()
        var footer = Fixtures.render(app)[22]
        #expect(footer.contains("Enter open") && footer.contains("/ search") && !footer.contains("Esc back"), "\(footer)")
        app.orders.detail = app.orders.selectedOrder
        footer = Fixtures.render(app)[22]
        #expect(footer.contains("Esc back") && footer.contains("c cancel") && footer.contains("r reorder"), "\(footer)")
        #expect(!footer.contains("Enter open") && !footer.contains("/ search") && !footer.contains("s status"), "\(footer)")
        #expect(footer.contains("q quit"), "the global keys stay")
    }

    /// Issue 10 item 3: a toast never covers the list's last row: it shows over the footer's hints
    /// for its few seconds.
    @Test func aToastLeavesTheLastRowOfTheListReadable() async {
        var app = Fixtures.mainState(tab: .orders)
        app.orders = await loaded()
        app.orders.area = AppView.contentArea(width: 80, height: 24)
        let before = Fixtures.render(app)
        app.toast = AppState.ToastMessage(id: 1, message: "Copied NW-10000 to the clipboard.", kind: .success)
        let after = Fixtures.render(app)
        #expect(before[21].contains("NW-"), "\(before[21])")
        #expect(after[21] == before[21], "the last row of the list: \(after[21])")
        #expect(after[22].contains("✓ Copied NW-10000 to the clipboard."), "\(after[22])")
    }

    /// Issue 10: outside USD, totals were cut at 80 columns ("NOK 32,257…"). The column is as wide
    /// as the widest total at hand; the customer column gives way.
    @Test func totalsInAnyCurrencyFitAt80Columns() async {
        var app = Fixtures.mainState(tab: .orders)
        app.orders = await loaded()
        for (page, orders) in app.orders.pages {
            app.orders.pages[page] = orders.map { order in
                var order = order
                order.currency = "NOK"
                order.totalCents = 3_225_700_00
                return order
            }
        }
        let shown = Money.format(3_225_700_00, currency: "NOK")
        let lines = Fixtures.render(app)
        #expect(lines.contains { $0.hasSuffix(shown) }, "\(shown) in full: \(lines.joined(separator: "\n"))")
        #expect(!lines.contains { $0.contains("NOK") && $0.hasSuffix("…") })
    }

    /// Found by the every-binding end-to-end test: `/` on an open order sent the keys to a search
    /// field the detail hid.
    @Test func searchFromTheDetailShowsTheListWithTheSearchField() async {
        var state = await loaded()
        _ = OrdersScreen.reduce(into: &state, .openSelected, dependencies)
        let effect = OrdersScreen.reduce(into: &state, .startSearch, dependencies)
        #expect(state.detail == nil)
        #expect(state.search.isActive)
        #expect(effect.cancelledIDs == [OrdersScreen.detailEffect])
    }

    @Test func failuresAreKeptForTheScreen() {
        var state = OrdersState()
        _ = OrdersScreen.reduce(into: &state, .load, dependencies)
        _ = OrdersScreen.reduce(into: &state, .pageFailed(page: 1, LoadFailure(message: "The server did not answer in time")), dependencies)
        #expect(state.load.failure?.message == "The server did not answer in time")
        #expect(!state.isLoading)
    }

    @Test func rendersTheListAt80x24() async {
        var app = Fixtures.mainState(tab: .orders)
        app.orders = await loaded()
        let lines = Fixtures.render(app)
        expectScreen(
            Array(lines.prefix(5)),
            [
                " 1 Briefing │ 2 Orders │ 3 Products │ 4 Cart 3 │ 5 Health │ 6 Customers",
                " Number       Date       Customer                   Status    Items       Total",
                " NW-10000     2026-11-18 Zürich Weinstube           pending      15     $850.85",
                " NW-10001     2026-11-18 Zürich Weinstube           pending      15     $850.85",
                " NW-10002     2026-11-18 Zürich Weinstube           pending      15     $850.85",
            ])
        #expect(lines[22] == " Enter open  / search  s status  f customer           R refresh  ? help  q quit")
        #expect(lines[23].hasPrefix(" rep@northwind  ● online"))
        #expect(lines[23].hasSuffix("updated just now"))
    }

    @Test func rendersTheDetailAt120x35() async {
        var app = Fixtures.mainState(tab: .orders)
        app.orders = await loaded()
        _ = OrdersScreen.reduce(into: &app.orders, .openSelected, dependencies)
        let lines = Fixtures.render(app, width: 120, height: 35)
        expectScreen(
            Array(lines[1...11]),
            [
                " Order NW-10000  pending",
                " Zürich Weinstube · placed 2026-11-18 05:06",
                "",
                " SKU          Product                                                                      Qty       Price   Line total",
                " SPK-104      Prosecco DOC                                                                   3     $138.00      $414.00",
                " WHT-110      Gewürztraminer Réserve 2020                                                   12      $31.00      $372.00",
                "",
                "                                                                                               Subtotal         $786.00",
                "                                                                                               Tax               $64.85",
                "                                                                                               Total            $850.85",
                "",
            ])
    }

    @Test func statusFilterCyclesAndEachFilterAsksThePortalForItsOwnOrders() async {
        let asked = CallRecorder<OrdersFilter>()
        let dependencies = Fixtures.dependencies(orders: { filter, page, limit in
            await asked.record(filter)
            return OrdersPageResult(orders: [Fixtures.order(10_000, status: filter.status?.rawValue ?? "pending")], page: page, total: 1)
        })
        var state = OrdersState()
        var effect = OrdersScreen.reduce(into: &state, .cycleStatus, dependencies)
        #expect(state.filter.status == .pending)
        #expect(state.total == nil)
        for action in await effect.collectActions() { _ = OrdersScreen.reduce(into: &state, action, dependencies) }
        #expect(state.total == 1)
        for expected: OrderStatus? in [.confirmed, .shipped, .delivered, .cancelled, nil] {
            effect = OrdersScreen.reduce(into: &state, .cycleStatus, dependencies)
            #expect(state.filter.status == expected)
            for action in await effect.collectActions() { _ = OrdersScreen.reduce(into: &state, action, dependencies) }
        }
        #expect(await asked.values.map(\.status) == [.pending, .confirmed, .shipped, .delivered, .cancelled, nil])
    }

    @Test func searchTypesAQueryAndEnterAsksThePortal() async {
        let asked = CallRecorder<OrdersFilter>()
        let dependencies = Fixtures.dependencies(orders: { filter, page, _ in
            await asked.record(filter)
            return OrdersPageResult(orders: [], page: page, total: 0)
        })
        var state = OrdersState()
        _ = OrdersScreen.reduce(into: &state, .startSearch, dependencies)
        #expect(state.capturesKeys)
        for character in "Zür" { _ = OrdersScreen.reduce(into: &state, .key(.character(character)), dependencies) }
        let effect = OrdersScreen.reduce(into: &state, .key(.enter), dependencies)
        #expect(!state.search.isActive)
        #expect(state.filter.query == "Zür")
        for action in await effect.collectActions() { _ = OrdersScreen.reduce(into: &state, action, dependencies) }
        #expect(await asked.values == [OrdersFilter(query: "Zür")])
        var app = Fixtures.mainState(tab: .orders)
        app.orders = state
        let screen = Fixtures.render(app)
        #expect(screenContains(screen, "Showing “Zür”  (x clears)"))
        #expect(screenContains(screen, "No orders match."))
        // x clears every filter.
        _ = OrdersScreen.reduce(into: &state, .clearFilter, dependencies)
        #expect(state.filter.isEmpty)
    }

    @Test func aPageForAFilterNoLongerShownIsIgnored() async {
        var state = await loaded()
        _ = OrdersScreen.reduce(into: &state, .applyFilter(OrdersFilter(status: .shipped)), dependencies)
        let late = OrdersPageResult(orders: [Fixtures.order(1)], page: 1, total: 99)
        _ = OrdersScreen.reduce(into: &state, .pageLoaded(late, filter: OrdersFilter()), dependencies)
        #expect(state.total == nil)
        #expect(state.pages.isEmpty)
    }

    @Test func aCustomerFilterLearnsTheNameFromTheOrders() async {
        var state = OrdersState()
        let effect = OrdersScreen.reduce(into: &state, .applyFilter(OrdersFilter(customer: CustomerReference(id: "cus_1", name: ""))), dependencies)
        #expect(state.filter.summary == "one customer")
        for action in await effect.collectActions() { _ = OrdersScreen.reduce(into: &state, action, dependencies) }
        #expect(state.filter.summary == "Zürich Weinstube")
        #expect(state.total == 120)
        // `f` widens to every customer again.
        _ = OrdersScreen.reduce(into: &state, .toggleCustomerFilter, dependencies)
        #expect(state.filter.customer == nil)
        #expect(state.total == nil)
    }

    @Test func cancelAsksFirstThenUpdatesTheRowInPlace() async {
        var app = Fixtures.mainState(tab: .orders)
        app.orders = await loaded()
        _ = AppReducer.sending(into: &app, .key(.character("c")), dependencies)
        #expect(app.orders.confirmingCancel?.orderNumber == "NW-10000")
        #expect(screenContains(Fixtures.render(app), "Cancel NW-10000 for Zürich Weinstube, $850.85? Its"))
        // Esc keeps it.
        _ = AppReducer.sending(into: &app, .key(.escape), dependencies)
        #expect(app.orders.confirmingCancel == nil)
        _ = AppReducer.sending(into: &app, .key(.character("c")), dependencies)
        let effect = AppReducer.sending(into: &app, .key(.character("y")), dependencies)
        #expect(effect.runIDs == [OrdersScreen.cancelEffect])
        #expect(app.orders.cancellingID == "ord_10000")
        for action in await effect.collectActions() { _ = AppReducer.sending(into: &app, action, dependencies) }
        #expect(app.orders.order(at: 0)?.status == "cancelled")
        #expect(app.toast?.message == "Order NW-10000 cancelled.")
        // A cancelled order cannot be cancelled again: said without asking the portal.
        let again = AppReducer.sending(into: &app, .key(.character("c")), dependencies)
        #expect(app.orders.confirmingCancel == nil)
        #expect(again.runIDs == [AppReducer.toastEffect])
        #expect(app.toast?.message == "Only pending orders can be cancelled; NW-10000 is cancelled.")
    }

    /// The cancel, pane by itself: every state change and every request it makes of the app.
    @Test func cancellingAsksUpdatesTheRowAndToasts() async {
        var state = await loaded()
        state.table = TableState(selected: 0)
        let store = TestStore(state) { OrdersScreen.reduce(into: &$0, $1, dependencies) }
        let order = Fixtures.order(10_000)
        store.send(.requestCancel) { $0.confirmingCancel = order }
        store.send(.cancelConfirmed) {
            $0.confirmingCancel = nil
            $0.cancellingID = order.id
        }
        let cancelled = Fixtures.order(10_000, status: "cancelled")
        await store.receive(.cancelled(cancelled)) {
            $0.cancellingID = nil
            $0.pages[1]?[0] = cancelled
        }
        await store.receive(.delegate(.toast("Order NW-10000 cancelled.", .success)))
        store.send(.requestCancel)
        await store.receive(.delegate(.toast("Only pending orders can be cancelled; NW-10000 is cancelled.", .warning)))
        await store.finish()
    }

    /// Found by the every-binding end-to-end test on a loaded machine: `c` while the last cancel was
    /// still on its way did nothing at all.
    @Test func cWhileACancelIsOnItsWaySaysSo() async {
        var state = await loaded()
        state.table = TableState(selected: 1)
        state.cancellingID = "ord_10000"
        let store = TestStore(state) { OrdersScreen.reduce(into: &$0, $1, dependencies) }
        store.send(.requestCancel)
        await store.receive(.delegate(.toast("Still cancelling the last order; one moment.", .info)))
        await store.finish()
    }

    @Test func aRefusedCancelSaysWhy() async {
        let dependencies = Fixtures.dependencies(cancelOrder: { _ in
            throw LoadFailure(message: "Only a pending order can be cancelled.", code: "ORDER_NOT_CANCELLABLE")
        })
        var app = Fixtures.mainState(tab: .orders)
        app.orders = await loaded()
        _ = AppReducer.sending(into: &app, .key(.character("c")), dependencies)
        let effect = AppReducer.sending(into: &app, .key(.enter), dependencies)
        for action in await effect.collectActions() { _ = AppReducer.sending(into: &app, action, dependencies) }
        #expect(app.toast?.message == "Couldn't cancel the order: it is no longer pending.")
        #expect(app.orders.cancellingID == nil)
    }

    @Test func reorderAddsEveryLineThatStillExistsToTheCart() async {
        let added = CallRecorder<String>()
        let dependencies = Fixtures.dependencies(
            addToCart: { productId, quantity in
                await added.record("\(productId)×\(quantity)")
                return Fixtures.cart(version: 9)
            },
            product: { id in
                guard id == "p1" else { throw LoadFailure(message: "Not found.", code: "NOT_FOUND") }
                return Fixtures.product("p1", sku: "SPK-104", name: "Prosecco DOC", packSize: 6, priceCents: 13800)
            })
        var app = Fixtures.mainState(tab: .orders)
        app.cart = CartState()
        app.orders = await loaded()
        let effect = AppReducer.sending(into: &app, .key(.character("r")), dependencies)
        #expect(effect.runIDs == [AppReducer.reorderEffect])
        for action in await effect.collectActions() {
            for next in await AppReducer.sending(into: &app, action, dependencies).collectActions() { _ = AppReducer.sending(into: &app, next, dependencies) }
        }
        #expect(await added.values == ["p1×3"])
        #expect(app.toast?.message == "Added 1 line of NW-10000 to the cart; left out Gewürztraminer Réserve 2020 (no longer in the catalogue).")
    }

    @Test func yCopiesTheOrderNumberThroughTheTerminal() async {
        var app = Fixtures.mainState(tab: .orders)
        app.orders = await loaded()
        _ = AppReducer.sending(into: &app, .key(.character("j")), dependencies)
        #expect(AppReducer.sending(into: &app, .key(.character("y")), dependencies).terminalRequests == [.copyToClipboard("NW-10001")])
        #expect(app.toast?.message == "Copied NW-10001 to the clipboard.")
    }

    @Test func aViewerCanFilterButNeitherCancelNorReorder() async {
        var app = Fixtures.mainState(tab: .orders, roles: [.viewer])
        app.orders = await loaded()
        #expect(AppReducer.sending(into: &app, .key(.character("c")), dependencies).isNone)
        #expect(AppReducer.sending(into: &app, .key(.character("r")), dependencies).isNone)
        #expect(app.orders.confirmingCancel == nil)
        let hints = AppKeymap.active(.orders).footerHints(permissions: app.permissions).map(\.label)
        #expect(hints.contains("status"))
        #expect(!hints.contains("cancel"))
        #expect(!hints.contains("reorder"))
    }

    @Test func rendersAFilteredListAt120x35() async {
        var app = Fixtures.mainState(tab: .orders)
        app.orders = await loaded()
        app.orders.filter = OrdersFilter(status: .pending, customer: CustomerReference(id: "cus_1", name: "Zürich Weinstube"))
        app.orders.area = AppView.contentArea(width: 120, height: 35)
        expectScreen(Fixtures.render(app, width: 120, height: 35), [
            " 1 Briefing │ 2 Orders │ 3 Products │ 4 Cart 3 │ 5 Health │ 6 Customers",
            " Showing pending · Zürich Weinstube  (x clears)",
            " Number         Date       Customer                                                       Status    Items         Total",
            " NW-10000       2026-11-18 Zürich Weinstube                                               pending      15       $850.85",
            " NW-10001       2026-11-18 Zürich Weinstube                                               pending      15       $850.85",
            " NW-10002       2026-11-18 Zürich Weinstube                                               pending      15       $850.85",
            " NW-10003       2026-11-18 Zürich Weinstube                                               pending      15       $850.85",
            " NW-10004       2026-11-18 Zürich Weinstube                                               pending      15       $850.85",
            " NW-10005       2026-11-18 Zürich Weinstube                                               pending      15       $850.85",
            " NW-10006       2026-11-17 Zürich Weinstube                                               pending      15       $850.85",
            " NW-10007       2026-11-17 Zürich Weinstube                                               pending      15       $850.85",
            " NW-10008       2026-11-17 Zürich Weinstube                                               pending      15       $850.85",
            " NW-10009       2026-11-17 Zürich Weinstube                                               pending      15       $850.85",
            " NW-10010       2026-11-17 Zürich Weinstube                                               pending      15       $850.85",
            " NW-10011       2026-11-17 Zürich Weinstube                                               pending      15       $850.85",
            " NW-10012       2026-11-17 Zürich Weinstube                                               pending      15       $850.85",
            " NW-10013       2026-11-17 Zürich Weinstube                                               pending      15       $850.85",
            " NW-10014       2026-11-17 Zürich Weinstube                                               pending      15       $850.85",
            " NW-10015       2026-11-17 Zürich Weinstube                                               pending      15       $850.85",
            " NW-10016       2026-11-17 Zürich Weinstube                                               pending      15       $850.85",
            " NW-10017       2026-11-17 Zürich Weinstube                                               pending      15       $850.85",
            " NW-10018       2026-11-17 Zürich Weinstube                                               pending      15       $850.85",
            " NW-10019       2026-11-17 Zürich Weinstube                                               pending      15       $850.85",
            " NW-10020       2026-11-17 Zürich Weinstube                                               pending      15       $850.85",
            " NW-10021       2026-11-17 Zürich Weinstube                                               pending      15       $850.85",
            " NW-10022       2026-11-17 Zürich Weinstube                                               pending      15       $850.85",
            " NW-10023       2026-11-17 Zürich Weinstube                                               pending      15       $850.85",
            " NW-10024       2026-11-17 Zürich Weinstube                                               pending      15       $850.85",
            " NW-10025       2026-11-17 Zürich Weinstube                                               pending      15       $850.85",
            " NW-10026       2026-11-17 Zürich Weinstube                                               pending      15       $850.85",
            " NW-10027       2026-11-17 Zürich Weinstube                                               pending      15       $850.85",
            " NW-10028       2026-11-17 Zürich Weinstube                                               pending      15       $850.85",
            " NW-10029       2026-11-17 Zürich Weinstube                                               pending      15       $850.85",
            " Enter open  / search  s status  f customer  c cancel  r reorder                              R refresh  ? help  q quit",
            " rep@northwind  ● online                                                                    1 of 120 · updated just now",
        ])
    }
}

/// Issue 13: the orders list's rows are cached by their page's serial and place (`Table.RowName`).
@Suite struct OrdersRowCacheTests {
    /// An order whose data changed shows the new data at once; the frame is the one drawn from scratch.
    @Test func aChangedOrderIsDrawnAnewAndAnUnchangedOneAsBefore() {
        var app = Fixtures.mainState(tab: .orders)
        app.orders.area = Rect(x: 0, y: 1, width: 80, height: 21)
        app.orders.pages[1] = (0..<50).map { Fixtures.order($0) }
        app.orders.total = 50
        app.orders.table = TableState(selected: 2)
        let before = Fixtures.render(app)
        #expect(Fixtures.render(app) == before)
        let nameBefore = app.orders.rowName(at: 3)
        let number = app.orders.pages[1]?[3].orderNumber ?? ""
        app.orders.update({
            var order = app.orders.pages[1]![3]
            order.status = "cancelled"
            order.customer.name = "Renamed Bistro"
            order.totalCents += 100
            return order
        }())
        let after = Fixtures.render(app)
        let row = after.first { $0.contains(number) } ?? ""
        #expect(row.contains("cancelled") && row.contains("Renamed Bistro"), "\(row)")
        #expect(zip(before, after).filter { $0 != $1 }.count == 1, "only that row changed:\n\(after.joined(separator: "\n"))")
        #expect(app.orders.rowName(at: 3) != nameBefore, "a changed page is a new serial")
        #expect(Fixtures.render(app) == after, "drawn from the cache, the same frame")
    }

    /// A page fetched again (the same page number, other orders) is drawn with its new orders, and the
    /// frame is the one an empty cache draws.
    @Test func aPageFetchedAgainIsDrawnWithItsNewOrders() {
        var app = Fixtures.mainState(tab: .orders)
        app.orders.area = Rect(x: 0, y: 1, width: 80, height: 21)
        app.orders.pages[1] = (0..<50).map { Fixtures.order($0) }
        app.orders.total = 50
        _ = Fixtures.render(app)
        app.orders.pages[1] = (0..<50).map { number in
            var order = Fixtures.order(number)
            order.customer.name = "Refetched \(number)"
            return order
        }
        let after = Fixtures.render(app)
        #expect(after.contains { $0.contains("Refetched 0") }, "\(after.joined(separator: "\n"))")
        #expect(!after.contains { $0.contains(Fixtures.order(0).customer.name) })
        app.orders.table = TableState(selected: 1)
        var drawnFresh = app
        drawnFresh.orders.pages = app.orders.pages  // new serials: nothing of it in the cache
        #expect(Fixtures.render(app) == Fixtures.render(drawnFresh))
    }

    /// The Total column is sized from one amount per currency and sign: the same width as from every total.
    @Test func theWidestTotalsAreAsWideAsEveryTotal() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let orders = (0..<Int.random(in: 1...30, using: &generator)).map { number in
                var order = Fixtures.order(number)
                order.currency = ["USD", "EUR", "NOK", "JPY", "CHF", "usd", "XXX"].randomElement(using: &generator)!
                order.totalCents = Int.random(in: -10_000_000_000...10_000_000_000, using: &generator) / [1, 10, 1_000, 100_000].randomElement(using: &generator)!
                return order
            }
            let every = orders.map { Money.format($0.totalCents, currency: $0.currency) }
            #expect(
                ColumnWidth.fitting(OrdersScreen.widestTotals([orders[...]]), header: "Total", atLeast: 11)
                    == ColumnWidth.fitting(every, header: "Total", atLeast: 11))
        }
    }
}

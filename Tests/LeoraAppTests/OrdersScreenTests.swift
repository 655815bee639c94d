import PortalAPI
import Testing

@testable import LeoraApp

@Suite struct OrdersScreenTests {
    let dependencies = Fixtures.dependencies()

    func loaded() async -> OrdersState {
        var state = OrdersState()
        state.visibleRows = 10
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
        #expect(state.updatedAt == Fixtures.now)
    }

    @Test func scrollingPastTheLoadedPageFetchesTheNext() async {
        var state = await loaded()
        var effect = OrdersScreen.reduce(into: &state, .move(45), dependencies)
        #expect(effect.isNone)
        effect = OrdersScreen.reduce(into: &state, .pageDown, dependencies)
        #expect(effect.runIDs == [OrdersScreen.pageEffect(2)])
        #expect(state.order(at: 55) == nil)
        for action in await effect.collectActions() { _ = OrdersScreen.reduce(into: &state, action, dependencies) }
        #expect(state.order(at: 55)?.orderNumber == "NW-10055")
    }

    @Test func lastJumpsStraightToTheLastPage() async {
        var state = await loaded()
        let effect = OrdersScreen.reduce(into: &state, .last, dependencies)
        #expect(state.table.selected == 119)
        #expect(effect.runIDs == [OrdersScreen.pageEffect(3)])
        _ = OrdersScreen.reduce(into: &state, .first, dependencies)
        #expect(state.table.selected == 0)
    }

    @Test func enterOpensTheDetailAndEscapeCloses() async {
        var state = await loaded()
        _ = OrdersScreen.reduce(into: &state, .move(1), dependencies)
        let effect = OrdersScreen.reduce(into: &state, .openSelected, dependencies)
        #expect(state.detail?.orderNumber == "NW-10001")
        #expect(effect.runIDs == [OrdersScreen.detailEffect])
        let closing = OrdersScreen.reduce(into: &state, .closeDetail, dependencies)
        #expect(state.detail == nil)
        #expect(closing.cancelledIDs == [OrdersScreen.detailEffect])
    }

    @Test func failuresAreKeptForTheScreen() {
        var state = OrdersState()
        _ = OrdersScreen.reduce(into: &state, .load, dependencies)
        _ = OrdersScreen.reduce(into: &state, .pageFailed(page: 1, LoadFailure(message: "The server did not answer in time")), dependencies)
        #expect(state.failure?.message == "The server did not answer in time")
        #expect(!state.isLoading)
    }

    @Test func rendersTheListAt80x24() async {
        var app = Fixtures.mainState(tab: .orders)
        app.orders = await loaded()
        let lines = Fixtures.render(app)
        expectScreen(
            Array(lines.prefix(5)),
            [
                " 1 Briefing │ 2 Orders │ 3 Products │ 4 Cart 3 │ 5 Health",
                " Number       Date       Customer                   Status    Items       Total",
                " NW-10000     2026-11-18 Zürich Weinstube           pending      15     $850.85",
                " NW-10001     2026-11-18 Zürich Weinstube           pending      15     $850.85",
                " NW-10002     2026-11-18 Zürich Weinstube           pending      15     $850.85",
            ])
        #expect(lines[22].hasPrefix(" j/↓ down  Enter open  Esc back  r refresh  ? help  q quit"))
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
}

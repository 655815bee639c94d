import TerminalUI
import Testing

@testable import LeoraApp

/// Clicks and the wheel, hit-tested against the same layout that draws the screen.
@Suite struct MouseRoutingTests {
    let dependencies = Fixtures.dependencies()

    func app(_ tab: AppTab) async -> AppState {
        var app = Fixtures.mainState(tab: tab)
        _ = AppReducer.sending(into: &app, .resized(width: 80, height: 24), dependencies)
        for action in await OrdersScreen.reduce(into: &app.orders, .load, dependencies).collectActions() {
            _ = OrdersScreen.reduce(into: &app.orders, action, dependencies)
        }
        return app
    }

    func click(_ x: Int, _ y: Int, _ app: inout AppState, _ kind: MouseEvent.Kind = .click) -> Effect<AppAction> {
        AppReducer.sending(into: &app, .key(.mouse(MouseEvent(kind: kind, x: x, y: y))), dependencies)
    }

    @Test func aClickOnATabShowsIt() async {
        var app = await app(.briefing)
        let screen = Fixtures.render(app)
        let column = screen[0].distance(from: screen[0].startIndex, to: screen[0].range(of: "5 Health")!.lowerBound)
        _ = click(column + 2, 0, &app)
        #expect(app.tab == .health)
        _ = click(0, 0, &app)
        #expect(app.tab == .briefing)
    }

    @Test func aClickSelectsTheRowUnderItAndADoubleClickOpensIt() async {
        var app = await app(.orders)
        // Row 0 is the tab bar, row 1 the table's header: row 5 is the fourth order.
        _ = click(20, 5, &app)
        #expect(app.orders.table.selected == 3)
        #expect(Fixtures.render(app)[5].contains("NW-10003"))
        _ = click(20, 6, &app, .doubleClick)
        #expect(app.orders.detail?.orderNumber == "NW-10004")
        // Clicks on the header or below the rows select nothing.
        app.orders.detail = nil
        _ = click(20, 1, &app)
        #expect(app.orders.table.selected == 4)
    }

    @Test func theWheelMovesThreeRows() async {
        var app = await app(.orders)
        _ = click(20, 10, &app, .wheelDown)
        #expect(app.orders.table.selected == 3)
        _ = click(20, 10, &app, .wheelUp)
        #expect(app.orders.table.selected == 0)
    }

    @Test func clicksUnderAFilterLineLandOnTheRightRow() async {
        var app = await app(.orders)
        app.orders.filter = OrdersFilter(status: .pending)
        _ = click(20, 5, &app)
        #expect(app.orders.table.selected == 2)
    }
}

import LeoraKit
import PortalAPI
import TerminalUI
import Testing

@testable import LeoraApp

/// Every pane's viewport comes from the area it is drawn in, through the same layout functions as
/// the drawing: what moves the selection is what is on screen.
@Suite struct GeometryTests {
    let dependencies = Fixtures.dependencies()

    func app(_ tab: AppTab, width: Int = 80, height: Int = 24, roles: [Role] = [.salesRep]) -> AppState {
        var app = Fixtures.mainState(tab: tab, roles: roles)
        _ = AppReducer.sending(into: &app, .resized(width: width, height: height), dependencies)
        return app
    }

    @Test(arguments: [(80, 24), (120, 35), (64, 16)])
    func theOrdersOnScreenAreTheRowsTheListMovesBy(width: Int, height: Int) {
        var app = app(.orders, width: width, height: height)
        let page = OrdersPageResult(orders: (0..<50).map { Fixtures.order(10_000 + $0) }, page: 1, total: 120)
        _ = AppReducer.sending(into: &app, .orders(.pageLoaded(page, filter: OrdersFilter())), dependencies)
        let rows = Fixtures.render(app, width: width, height: height).filter { $0.hasPrefix(" NW-") }.count
        #expect(rows == app.orders.visibleRows)
        _ = AppReducer.sending(into: &app, .key(.pageDown), dependencies)
        #expect(app.orders.table.selected == app.orders.visibleRows)
    }

    @Test func theWebhookListsAreSizedByTheLayout() {
        var app = app(.webhooks, roles: [.admin])
        app.webhooks.load.succeeded(at: Fixtures.now)
        app.webhooks.subscriptions = (0..<20).map { index in
            WebhookSubscription(id: "whs_\(index)", eventType: "order.created", url: "https://erp.example.com/\(index)", active: true, createdAt: Fixtures.now, secret: nil)
        }
        let layout = WebhooksScreen.layout(app.webhooks, inner: app.webhooks.area.inset(horizontal: 1))
        #expect(layout.subscriptions.height <= app.webhooks.area.height * 2 / 5, "at most two fifths of the pane")
        #expect(app.webhooks.visibleRows.subscriptions == layout.subscriptions.height - 1)
        #expect(app.webhooks.visibleRows.deliveries == layout.deliveries.height - 1)
        let lines = Fixtures.render(app)
        #expect(lines.filter { $0.contains("https://erp.example.com/") }.count == app.webhooks.visibleRows.subscriptions)
    }

    @Test func thePickerShowsAsManyCustomersAsTheAreaAllows() {
        var app = app(.cart)
        app.cart.picker = CartState.CustomerPicker()
        let many = (0..<50).map { index in Customer(id: "cus_\(index)", name: "Customer \(index)", accountNumber: "NW-\(index)", city: "Chicago", healthScore: 50, lastOrderAt: nil) }
        _ = AppReducer.sending(into: &app, .cart(.customersLoaded(many)), dependencies)
        let rows = app.cart.pickerRows
        #expect(rows > 8 && rows < 50, "more than the old fixed 8, as many as fit")
        #expect(Fixtures.render(app).filter { $0.contains("· Chicago · NW-") }.count == rows)
        for _ in 0..<rows { _ = AppReducer.sending(into: &app, .key(.down), dependencies) }
        #expect(app.cart.picker?.list.selected == rows)
        #expect(screenContains(Fixtures.render(app), "› Customer \(rows) · Chicago"), "the selection scrolled into view")
    }
}

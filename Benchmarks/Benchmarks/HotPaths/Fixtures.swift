import Foundation
import LeoraApp
import LeoraKit
import PortalAPI
import TerminalUI

/// Fixed data for the hot-path benchmarks: a logged-in rep looking at the orders pane, and a page
/// of orders as the portal sends it.
enum Fixtures {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)
    static let width = 120
    static let height = 35

    static let tenant = Tenant(id: "ten_nw", slug: "northwind", name: "Northwind Wine & Spirits", currency: "USD", timezone: "America/Chicago")

    static let session = SavedSession(
        server: "http://127.0.0.1:8787", cookies: [],
        user: PortalUser(id: "usr_1", email: "rep@northwind.test", name: "Maya Okafor", tenantId: "ten_nw", roles: ["sales_rep"], lastLoginAt: nil),
        tenant: tenant, permissions: Role.permissions(for: ["sales_rep"]), savedAt: now)

    static let customers = ["Zürich Weinstube", "Smoke & Barrel BBQ", "Таверна Одеса", "Le Petit Zinc", "Harbor Oyster Bar"]
    static let statuses = ["pending", "confirmed", "shipped", "delivered", "cancelled"]

    static func order(_ number: Int) -> Order {
        Order(
            id: "ord_\(number)", orderNumber: "NW-\(100_000 + number)", status: statuses[number % statuses.count],
            customer: CustomerReference(id: "cus_\(number % customers.count)", name: customers[number % customers.count]),
            placedBy: "usr_1", createdAt: now.addingTimeInterval(Double(-number) * 600), updatedAt: now,
            lines: [
                OrderLine(id: "l\(number)a", productId: "p1", sku: "SPK-104", name: "Prosecco DOC", quantity: 3, unitPriceCents: 13800, lineTotalCents: 41400),
                OrderLine(
                    id: "l\(number)b", productId: "p2", sku: "WHT-110", name: "Gewürztraminer Réserve 2020", quantity: 12, unitPriceCents: 3100,
                    lineTotalCents: 37200),
            ],
            itemCount: 15, subtotalCents: 78600, taxCents: 6485, totalCents: 85085, currency: "USD", notes: nil)
    }

    /// The app on the orders pane of 100,000 orders, first page loaded, sized for a 120×35 terminal.
    static func ordersState() -> AppState {
        var state = AppState(server: "http://127.0.0.1:8787")
        state.phase = .main
        state.session = session
        state.tab = .orders
        state.orders.pages[1] = (0..<OrdersState.pageSize).map(order)
        state.orders.total = 100_000
        state.orders.table = TableState(selected: 7)
        // The content area of a 120×35 terminal: under the tab bar, over the footer and the status bar.
        state.orders.area = Rect(x: 0, y: 1, width: width, height: height - 3)
        state.orders.load.succeeded(at: now)
        return state
    }

    static let context = RenderContext(now: now, timeZone: TimeZone(identifier: "America/Chicago") ?? .current)

    /// One frame of `state`, drawn into a fresh buffer as the runtime does.
    static func frame(_ state: AppState) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        AppView.render(state, context: context, into: &buffer)
        return buffer
    }

    /// `GET /api/portal/orders?limit=100` as the portal answers it.
    static func ordersPageJSON(count: Int = 100) -> Data {
        let envelope = Envelope(data: OrdersPage(orders: (0..<count).map(order)), meta: Meta(pagination: Pagination(page: 1, limit: count, total: 100_000)))
        // The fixture is built once; a failure here is a broken benchmark, not a measurement.
        return try! PortalJSON.encoder().encode(envelope)
    }
}

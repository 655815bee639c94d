import Foundation
import LeoraKit
import PortalAPI
import PortalTestSupport
import Testing

@testable import LeoraApp

/// Walking a long orders list against a real portal (`--seed bench:2000`, 40 pages): the list and the
/// query cache hold a bounded window of pages, and going back to a page dropped long ago asks the
/// portal for it again and shows the same orders, with the position right.
@Suite struct OrdersPageWindowPortalTests {
    static let orders = 2_000

    @Test func walkingEveryPageStaysBoundedAndGoingBackFetchesTheDroppedPageAgain() async throws {
        try await withServer({ $0.seed = "bench:\(Self.orders)" }) { server in
            let app = try await LiveApp(server)
            defer { app.stop() }
            try await app.settle("the briefing") { $0.phase == .main }
            app.send(.selectTab(.orders))
            try await app.settle("the first page") { $0.orders.total != nil && $0.orders.pages[1] != nil }
            let total = try #require(app.state.orders.total)
            #expect(total >= Self.orders)

            app.send(.orders(.navigate(.last)))
            try await app.settle("the last order") { $0.orders.table.selected == total - 1 && $0.orders.selectedOrder != nil }
            let last = try #require(app.state.orders.selectedOrder)
            let lastPage = (total - 1) / OrdersState.pageSize + 1

            let idleLimit = await app.data.cache.idleLimit
            #expect(idleLimit <= OrdersState.keptPages, "idle pages beyond the window's size would grow a long walk's memory (B4)")
            var steps = 0
            while app.state.orders.table.selected != 0 {
                app.send(.orders(.navigate(.pageUp)))
                try await app.settle("the rows on screen") { state in
                    let shown = state.orders.table.visibleRange(visibleRows: state.orders.visibleRows, rowCount: state.orders.rowCount)
                    return shown.allSatisfy { state.orders.order(at: $0) != nil }
                }
                #expect(app.state.orders.pages.count <= OrdersState.keptPages)
                let cached = await app.data.cache.keys(matching: [QueryResource.orders.rawValue, "list"]).count
                #expect(cached <= idleLimit + OrdersState.keptPages, "the cache keeps idle pages to its limit")
                steps += 1
                guard steps < total else { throw TestFailure("PgUp never reached the first order") }
            }
            #expect(app.state.orders.pages[lastPage] == nil)
            #expect(await app.data.cache.getQueryData(PortalQueryKeys.orders(page: lastPage, limit: OrdersState.pageSize), as: Paged<Order>.self) == nil)

            let asked = try await server.requestCount("GET", Routes.orders)
            app.send(.orders(.navigate(.last)))
            try await app.settle("the last order again") { $0.orders.table.selected == total - 1 && $0.orders.selectedOrder != nil }
            #expect(try await server.requestCount("GET", Routes.orders) == asked + 1, "the dropped page is asked for again")
            #expect(app.state.orders.selectedOrder == last)
            #expect(OrdersScreen.position(app.state.orders) == ListPosition(selected: total - 1, count: total))
        }
    }
}

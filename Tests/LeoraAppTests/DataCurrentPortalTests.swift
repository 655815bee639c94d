import Foundation
import LeoraKit
import PortalAPI
import PortalTestSupport
import Testing

@testable import LeoraApp

/// Data that stays current, against a real portal: the app with its live dependencies, requests
/// counted by the portal itself, stale times passed on the cache's clock.
@Suite struct DataCurrentPortalTests {
    static let briefingRoute = Routes.briefing
    static let productsRoute = Routes.products
    static let ordersRoute = Routes.orders

    /// Starts the app logged in on the briefing, runs `body`, stops it.
    static func withApp(_ body: (LiveApp, TestServer) async throws -> Void) async throws {
        try await withServer { server in
            let app = try await LiveApp(server)
            defer { app.stop() }
            try await app.settle("the briefing") { $0.phase == .main && $0.briefing.payload != nil }
            try await body(app, server)
        }
    }

    /// Waits until the portal has answered `route` more than `count` times.
    static func waitForRequests(_ server: TestServer, _ route: String, moreThan count: Int) async throws -> Int {
        let deadline = ContinuousClock.now + .seconds(30)
        while true {
            let now = try await server.requestCount("GET", route)
            if now > count { return now }
            guard ContinuousClock.now < deadline else { throw TestFailure("\(route) was not asked again") }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    @Test func afterACancelTheBriefingIsFetchedAgainWhenNextShown() async throws {
        try await Self.withApp { app, server in
            let shown = try #require(app.state.briefing.payload)
            let asked = try await server.requestCount("GET", Self.briefingRoute)
            #expect(asked == 1)

            app.send(.orders(.applyFilter(OrdersFilter(status: .pending))))
            app.send(.selectTab(.orders))
            try await app.settle("a pending order selected") { $0.orders.selectedOrder?.knownStatus == .pending }
            let order = try #require(app.state.orders.selectedOrder)
            app.send(.orders(.requestCancel))
            app.send(.orders(.cancelConfirmed))
            try await app.settle("the cancel") { $0.orders.cancellingID == nil && $0.toast?.message.contains("cancelled") == true }
            #expect(try await server.requestCount("GET", Self.briefingRoute) == asked, "the briefing is not on show: only marked stale")

            app.send(.selectTab(.briefing))
            let after = try await Self.waitForRequests(server, Self.briefingRoute, moreThan: asked)
            #expect(after == asked + 1)
            try await app.settle("the new briefing") { $0.briefing.payload != shown }
            #expect(app.state.briefing.payload?.briefing.summary.contains(order.orderNumber) != true)
        }
    }

    @Test func anOrderPlacedElsewhereShowsInOrdersOnATabSwitchPastItsStaleTime() async throws {
        try await Self.withApp { app, server in
            app.send(.selectTab(.orders))
            try await app.settle("the orders") { $0.orders.total != nil && $0.orders.pages[1] != nil }
            let total = try #require(app.state.orders.total)
            let listed = try await server.requestCount("GET", Self.ordersRoute)

            let other = try await server.login("rep@northwind.test")
            let product = try #require(try await other.productsInStock().first)
            let placed = try await other.placeOrder(customerId: try await other.firstCustomer().id, lines: [(product.id, 1)])
            #expect(placed.status == 201)
            let number = try placed.data(OrderPayload.self).order.orderNumber

            // Within the stale time the cached list shows again, with no request.
            app.send(.selectTab(.briefing))
            app.send(.selectTab(.orders))
            try await app.settle("the cached list again") { !$0.orders.isLoading }
            #expect(app.state.orders.total == total)
            #expect(try await server.requestCount("GET", Self.ordersRoute) == listed)

            app.clock.advance(by: .seconds(61))
            app.send(.selectTab(.briefing))
            app.send(.selectTab(.orders))
            try await app.settle("order \(number) in the list") { state in
                state.orders.total == total + 1 && state.orders.pages[1]?.contains { $0.orderNumber == number } == true
            }
        }
    }

    @Test func afterLoginTheFirstVisitToProductsCostsNoRequest() async throws {
        try await Self.withApp { app, server in
            let key = PortalQueryKeys.products(page: 1, limit: PortalData.catalogueLimit)
            let deadline = ContinuousClock.now + .seconds(30)
            while await app.data.cache.getQueryData(key, as: Paged<Product>.self) == nil {
                guard ContinuousClock.now < deadline else { throw TestFailure("the catalogue was not prefetched") }
                try await Task.sleep(for: .milliseconds(20))
            }
            let prefetched = try await server.requestCount("GET", Self.productsRoute)
            #expect(prefetched == 1)

            app.send(.selectTab(.products))
            try await app.settle("the catalogue") { $0.products.load.hasLoaded && !$0.products.products.isEmpty }
            await app.data.cache.waitForFetch(key)
            #expect(try await server.requestCount("GET", Self.productsRoute) == prefetched, "the first visit costs no request")
        }
    }
}

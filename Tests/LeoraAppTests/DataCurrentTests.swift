import Foundation
import LeoraKit
import PortalAPI
import PortalTestSupport
import Synchronization
import Testing

@testable import LeoraApp

/// Data that stays current, on the cache's clock: panes read again when shown, what is on show
/// reads again when invalidated, and the status bar gives the real age of what is shown.
@Suite struct DataCurrentTests {
    /// A portal of orders: a list that other clients add to, and the reads it answered.
    final class OrdersPortal: Sendable {
        let orders = Mutex([Fixtures.order(10_001), Fixtures.order(10_002)])
        let reads = Mutex(0)
        var readCount: Int { reads.withLock { $0 } }
        func place(_ order: Order) { orders.withLock { $0.insert(order, at: 0) } }
    }

    /// A `PortalData` whose session is never used: every read here goes through the cache to a fake.
    static func data(clock: ManualQueryClock) -> PortalData {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("leora-current-\(UUID().uuidString.prefix(8))")
        let session = SessionStore(client: PortalClient(server: URL(string: "http://127.0.0.1:9")!, transport: CurlTransport()), file: SessionFile(directory: directory))
        return PortalData(session: session, cache: QueryClient(clock: clock, retryPolicy: .never))
    }

    /// The fixtures, with the orders pages read through `data`'s cache from `portal`, and the cache's
    /// invalidations heard by the app.
    static func dependencies(_ data: PortalData, _ portal: OrdersPortal) -> AppDependencies {
        var dependencies = Fixtures.dependencies()
        let cache = data.cache
        dependencies.orders.page = { _, page, limit in
            let key = PortalQueryKeys.orders(page: page, limit: limit)
            return data.answers(key) { data in
                try await data.cache.fetch(key, as: [Order].self) { _ in
                    portal.reads.withLock { $0 += 1 }
                    return .modified(portal.orders.withLock { $0 }, etag: nil)
                }
            }.mapped { OrdersPageResult(orders: $0, page: page, total: $0.count) }
        }
        dependencies.invalidations = { await cache.observeInvalidations().resources }
        return dependencies
    }

    static func settle(_ store: AppStore, _ what: String, until condition: (AppState) -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while true {
            store.receive()
            if condition(store.state) { return }
            guard ContinuousClock.now < deadline else { throw TestFailure("timed out waiting for \(what)") }
            try await Task.sleep(for: .milliseconds(2))
        }
    }

    @Test func ordersShowAnOrderPlacedElsewhereOnATabSwitchPastTheirStaleTime() async throws {
        let clock = ManualQueryClock()
        let portal = OrdersPortal()
        let store = AppStore(state: Fixtures.mainState(tab: .briefing), dependencies: Self.dependencies(Self.data(clock: clock), portal))
        defer { store.cancelAll() }
        store.send(.selectTab(.orders))
        try await Self.settle(store, "the list") { $0.orders.total == 2 && !$0.orders.isLoading }
        #expect(portal.readCount == 1)

        portal.place(Fixtures.order(10_003))
        // Within the stale time: the cached list, and nothing asked.
        store.send(.selectTab(.briefing))
        store.send(.selectTab(.orders))
        try await Self.settle(store, "the cached list") { !$0.orders.isLoading }
        #expect(store.state.orders.total == 2)
        #expect(portal.readCount == 1)

        // Past it: the cached list at once, then the portal's.
        clock.advance(by: OrdersScreen.refreshInterval + .seconds(1))
        store.send(.selectTab(.briefing))
        store.send(.selectTab(.orders))
        try await Self.settle(store, "the new order") { $0.orders.total == 3 && $0.orders.order(at: 0)?.orderNumber == "NW-10003" }
        #expect(portal.readCount == 2)
    }

    @Test func anInvalidationRereadsThePaneOnShowAndOnlyMarksTheRest() async throws {
        let clock = ManualQueryClock()
        let portal = OrdersPortal()
        let data = Self.data(clock: clock)
        let briefingReads = Mutex(0)
        var dependencies = Self.dependencies(data, portal)
        dependencies.insights.briefing = {
            .single {
                briefingReads.withLock { $0 += 1 }
                return Fixtures.briefing()
            }
        }
        let store = AppStore(state: AppState(server: "http://127.0.0.1:8787"), dependencies: dependencies)
        defer { store.cancelAll() }
        store.send(.sessionRestored(.loggedIn(Fixtures.session())))
        store.send(.selectTab(.orders))
        try await Self.settle(store, "the list") { $0.orders.total == 2 && !$0.orders.isLoading }
        let briefingsRead = briefingReads.withLock { $0 }

        // A cancel elsewhere in the app settles: orders are on show and read again at once.
        portal.place(Fixtures.order(10_003))
        _ = try await data.cache.mutate(Mutation(invalidates: Invalidation.keys(for: .orderCancelled), perform: {}))
        try await Self.settle(store, "the list read again") { $0.orders.total == 3 }
        #expect(portal.readCount == 2)
        #expect(briefingReads.withLock { $0 } == briefingsRead, "the briefing is not on show")
    }

    @Test func theOrdersListRefreshesWhileShownAndOnlyThen() async throws {
        let clock = ManualQueryClock()
        let portal = OrdersPortal()
        let (ticks, tick) = AsyncStream.makeStream(of: Void.self)
        let intervals = Mutex<[Duration]>([])
        var dependencies = Self.dependencies(Self.data(clock: clock), portal)
        dependencies.ticks = { interval in
            intervals.withLock { $0.append(interval) }
            return ticks
        }
        let store = AppStore(state: Fixtures.mainState(tab: .briefing), dependencies: dependencies)
        defer { store.cancelAll() }
        store.send(.selectTab(.orders))
        try await Self.settle(store, "the list") { $0.orders.total == 2 && !$0.orders.isLoading }
        #expect(intervals.withLock { $0 } == [.seconds(60)])
        #expect(store.runningEffects.contains(OrdersScreen.refreshTickerEffect))

        portal.place(Fixtures.order(10_003))
        clock.advance(by: .seconds(61))
        tick.yield()
        try await Self.settle(store, "the refreshed list") { $0.orders.total == 3 }

        store.send(.selectTab(.briefing))
        #expect(!store.runningEffects.contains(OrdersScreen.refreshTickerEffect), "the refresh stops with the pane")
    }

    @Test func comingBackOnlineAsksWhoTheUserIsAndRereadsThePaneOnShow() async throws {
        let clock = ManualQueryClock()
        let portal = OrdersPortal()
        let asked = Mutex(0)
        var dependencies = Self.dependencies(Self.data(clock: clock), portal)
        dependencies.session.checkMe = { asked.withLock { $0 += 1 } }
        let store = AppStore(state: Fixtures.mainState(tab: .briefing), dependencies: dependencies)
        defer { store.cancelAll() }
        store.send(.selectTab(.orders))
        try await Self.settle(store, "the list") { $0.orders.total == 2 && !$0.orders.isLoading }

        store.send(.connectivityChanged(online: false))
        portal.place(Fixtures.order(10_003))
        clock.advance(by: .seconds(61))
        store.send(.connectivityChanged(online: true))
        try await Self.settle(store, "/auth/me asked and the list read again") { $0.orders.total == 3 && asked.withLock { $0 } == 1 }
    }

    @Test func offlineTheStatusBarGivesTheAgeOfTheCachedCopyAndNoSpinner() async throws {
        let clock = ManualQueryClock(now: Fixtures.now.addingTimeInterval(-3 * 3600))
        let data = Self.data(clock: clock)
        await data.cache.setQueryData(PortalQueryKeys.briefing, Fixtures.briefing())
        // Kept while the clock moves on, as the copy read from disk at start is.
        let kept = await data.cache.observe(PortalQueryKeys.briefing, as: BriefingPayload.self)
        defer { _ = kept }
        clock.advance(by: .seconds(3 * 3600))
        await data.cache.setOnline(false)
        var dependencies = Fixtures.dependencies()
        dependencies.insights = .live(data: data)
        var state = Fixtures.mainState(tab: .briefing)
        state.isOnline = false
        let store = AppStore(state: state, dependencies: dependencies)
        defer { store.cancelAll() }
        store.send(.briefing(.load))
        try await Self.settle(store, "the cached briefing") { $0.briefing.payload != nil && !$0.briefing.load.isLoading && !$0.briefing.metricsLoad.isLoading }

        let statusBar = Fixtures.render(store.state).last ?? ""
        #expect(statusBar.hasSuffix("● offline                                        cached 3 h ago"), "\(statusBar)")
        #expect(!store.state.isLoading)
    }
}

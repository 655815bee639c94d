import PortalAPI
import Testing
import TerminalUI

@testable import LeoraApp

@Suite struct BriefingScreenTests {
    let dependencies = Fixtures.dependencies()

    @Test func loadFetchesAndStoresTheBriefing() async {
        var state = BriefingState()
        let effect = BriefingScreen.reduce(into: &state, .load, dependencies)
        #expect(state.load.isLoading)
        #expect(effect.runIDs == [BriefingScreen.loadEffect, BriefingScreen.metricsEffect])
        let actions = await effect.collectActions()
        #expect(actions == [.loaded(Fixtures.briefing()), .metricsLoaded(Fixtures.metrics)])
        for action in actions { _ = BriefingScreen.reduce(into: &state, action, dependencies) }
        #expect(!state.load.isLoading)
        #expect(!state.metricsLoad.isLoading)
        #expect(state.payload == Fixtures.briefing())
        #expect(state.metrics == Fixtures.metrics)
        #expect(state.load.updatedAt == Fixtures.now)
    }

    @Test func aFailureKeepsTheLastBriefing() async {
        let failing = Fixtures.dependencies(briefing: { throw LoadFailure(message: "The server did not answer in time") })
        var state = BriefingState(payload: Fixtures.briefing(), updatedAt: Fixtures.now)
        let actions = await BriefingScreen.reduce(into: &state, .load, failing).collectActions()
        for action in actions { _ = BriefingScreen.reduce(into: &state, action, failing) }
        #expect(state.load.failure?.message == "The server did not answer in time")
        #expect(state.payload == Fixtures.briefing())
    }

    @Test func scrollingStopsAtTheTop() {
        var state = BriefingState()
        _ = BriefingScreen.reduce(into: &state, .scroll(3), dependencies)
        _ = BriefingScreen.reduce(into: &state, .scroll(-5), dependencies)
        #expect(state.scroll == 0)
    }

    /// Found by the every-binding end-to-end test: PgDn past the end, then PgUp showed nothing.
    @Test func scrollingStopsAtTheLastLineSoUpMovesAtOnce() {
        var state = BriefingState(payload: Fixtures.briefing(), updatedAt: Fixtures.now)
        state.area = Rect(x: 0, y: 1, width: 80, height: 5)
        let last = BriefingScreen.lastScroll(state)
        #expect(last > 0)
        for _ in 0..<10 { _ = BriefingScreen.reduce(into: &state, .scroll(10), dependencies) }
        #expect(state.scroll == last)
        _ = BriefingScreen.reduce(into: &state, .scroll(-1), dependencies)
        #expect(state.scroll == last - 1)
    }

    @Test func rendersAt80x24() {
        var app = Fixtures.mainState()
        app.briefing = BriefingState(payload: Fixtures.briefing(), updatedAt: Fixtures.now.addingTimeInterval(-180))
        expectScreen(Fixtures.render(app), [
            " 1 Briefing │ 2 Orders │ 3 Products │ 4 Cart 3 │ 5 Health │ 6 Customers",
            " Summary",
            " Revenue over the last 4 weeks was $158,915.98 from 78 orders, down 7% on the 4",
            " weeks before. Six orders are still pending.",
            "",
            " Key metrics",
            "   ▼ Revenue (last 4 weeks)  $158,915.98",
            "   ▲ Recent Orders           19",
            "   – At-Risk Accounts        4",
            "",
            " Recommended actions",
            "   High priority",
            "     • Call Таверна Одеса — 54 days since their last order.",
            "   Medium priority",
            "     • Offer Yamazaki 12 — Smoke & Barrel BBQ never ordered it.",
            "   Low priority",
            "     • Review pending orders — Six are waiting.",
            "",
            " Links",
            "   → Pending orders  /portal/orders?status=pending",
            "",
            " Confidence ████████████████████████▋░░░░░ 82%",
            " j/↓ scroll  n next link  Enter open                  R refresh  ? help  q quit",
            " rep@northwind  ● online                                      updated 3 min ago",
        ])
    }

    @Test func rendersAt120x35WithTrendsScrolledToTheCustomers() {
        var app = Fixtures.mainState()
        app.briefing = BriefingState(payload: Fixtures.briefing(), updatedAt: Fixtures.now.addingTimeInterval(-180))
        app.briefing.metrics = Fixtures.metrics
        app.briefing.scroll = 10  // further than the text goes: it stops at the last line
        expectScreen(Fixtures.render(app, width: 120, height: 35), [
            " 1 Briefing │ 2 Orders │ 3 Products │ 4 Cart 3 │ 5 Health │ 6 Customers",
            " Revenue over the last 4 weeks was $158,915.98 from 78 orders, down 7% on the 4 weeks before. Six orders are still",
            " pending.",
            "",
            " Key metrics",
            "   ▼ Revenue (last 4 weeks)  $158,915.98",
            "   ▲ Recent Orders           19",
            "   – At-Risk Accounts        4",
            "",
            " Recommended actions",
            "   High priority",
            "     • Call Таверна Одеса — 54 days since their last order.",
            "   Medium priority",
            "     • Offer Yamazaki 12 — Smoke & Barrel BBQ never ordered it.",
            "   Low priority",
            "     • Review pending orders — Six are waiting.",
            "",
            " Links",
            "   → Pending orders  /portal/orders?status=pending",
            "",
            " Confidence ████████████████████████▋░░░░░ 82%",
            " Sources: orders, customers, products",
            " Generated 2026-11-18 04:06 · expires 2026-11-18 11:06",
            "",
            " Revenue by week (last 12)",
            "   ▅▅▅▆▆▆▆▇▇▇██  last week $57,500.00 ▲ 5%",
            "",
            " Customers at risk",
            "   → Таверна Одеса       score 23 ▼ · last order 2026-09-25",
            "   → Smoke & Barrel BBQ  score 41 · last order 2026-10-29",
            "",
            " Behind their usual pace",
            "   → Smoke & Barrel BBQ  20 days since the last order, usually every 9 (2.2×)",
            " j/↓ scroll  n next link  Enter open                                                          R refresh  ? help  q quit",
            " rep@northwind  ● online                                                                              updated 3 min ago",
        ])
    }

    @Test func linksAndCustomersAreSelectedInScreenOrderAndOpenTheirPane() {
        var app = Fixtures.mainState()
        _ = AppReducer.sending(into: &app, .resized(width: 80, height: 24), dependencies)
        app.briefing = BriefingState(payload: Fixtures.briefing(), updatedAt: Fixtures.now)
        app.briefing.metrics = Fixtures.metrics
        app.briefing.area = AppView.contentArea(width: 80, height: 24)
        #expect(BriefingScreen.targets(app.briefing).map(\.label) == ["Pending orders", "Таверна Одеса", "Smoke & Barrel BBQ", "Smoke & Barrel BBQ"])

        _ = AppReducer.sending(into: &app, .key(.character("n")), dependencies)
        #expect(app.briefing.selectedTarget == 0)
        let lines = BriefingScreen.lines(app.briefing, width: 78, timeZone: Fixtures.chicago)
        #expect(lines.filter(\.isSelection).map { $0.spans.map(\.text).joined() } == ["  → Pending orders  /portal/orders?status=pending"])

        // Moving to the first customer scrolls the list so it is on screen.
        _ = AppReducer.sending(into: &app, .key(.character("n")), dependencies)
        #expect(app.briefing.selectedTarget == 1)
        #expect(app.briefing.scroll > 0)
        let shown = Fixtures.render(app)
        #expect(screenContains(shown, "→ Таверна Одеса"))

        // Enter opens that customer, with their recent orders, on the Customers tab.
        let effect = AppReducer.sending(into: &app, .key(.enter), dependencies)
        #expect(app.tab == .customers)
        #expect(app.customers.openingCustomerID == "cus_3")
        #expect(effect.runIDs.contains(CustomersScreen.customerEffect))

        // `p` from the first wraps round to the last.
        app.tab = .briefing
        app.briefing.selectedTarget = 0
        _ = AppReducer.sending(into: &app, .key(.character("p")), dependencies)
        #expect(app.briefing.selectedTarget == 3)
    }

    @Test func aStatusLinkOpensTheFilteredOrdersAndAnUnknownPathStaysText() async {
        var app = Fixtures.mainState()
        var briefing = Fixtures.briefing()
        briefing.briefing.drillDownLinks = [
            .init(label: "Reports", url: "/portal/reports/weekly"),
            .init(label: "Pending orders", url: "/portal/orders?status=pending"),
        ]
        app.briefing = BriefingState(payload: briefing, updatedAt: Fixtures.now)
        #expect(BriefingScreen.targets(app.briefing).map(\.label) == ["Pending orders"])
        let text = BriefingScreen.lines(app.briefing, width: 78, timeZone: Fixtures.chicago).map { $0.spans.map(\.text).joined() }
        #expect(text.contains("    Reports  /portal/reports/weekly"))

        _ = AppReducer.sending(into: &app, .key(.character("n")), dependencies)
        let effect = AppReducer.sending(into: &app, .key(.enter), dependencies)
        #expect(app.tab == .orders)
        #expect(app.orders.filter == OrdersFilter(status: .pending))
        for action in await effect.collectActions() where action.isOrdersPage {
            _ = AppReducer.sending(into: &app, action, dependencies)
        }
        #expect(app.orders.total == 120)
        #expect(screenContains(Fixtures.render(app), "Showing pending  (x clears)"))
    }

    @Test func aWeekStillRunningIsShownApartFromTheComparison() {
        var state = BriefingState(payload: Fixtures.briefing(), updatedAt: Fixtures.now)
        _ = BriefingScreen.reduce(into: &state, .metricsLoaded(Fixtures.metrics), Fixtures.dependencies())
        // The fixture's newest week began 7 days before `now`; two days later it is still running.
        state.metricsLoad.updatedAt = Fixtures.metrics.revenueTrends.last!.periodStart.addingTimeInterval(2 * 86_400)
        let text = BriefingScreen.lines(state, width: 118, timeZone: Fixtures.chicago).map { $0.spans.map(\.text).joined() }
        #expect(text.contains { $0.hasSuffix("last week $55,000.00 ▲ 5% · this week so far $57,500.00") })
    }

    @Test func trendsThatFailSayWhyAndKeepTheBriefing() {
        var state = BriefingState(payload: Fixtures.briefing(), updatedAt: Fixtures.now)
        _ = BriefingScreen.reduce(into: &state, .metricsFailed(LoadFailure(message: "The portal could not be reached.", isOffline: true)), dependencies)
        let text = BriefingScreen.lines(state, width: 78, timeZone: Fixtures.chicago).map { $0.spans.map(\.text).joined() }
        #expect(text.contains("✗ Trends unavailable: The portal could not be reached."))
        #expect(text.contains { $0.contains("Summary") })
    }

    @Test func theFallbackBriefingCarriesABanner() {
        var app = Fixtures.mainState()
        app.briefing = BriefingState(payload: Fixtures.briefing(confidence: 0), updatedAt: Fixtures.now)
        let lines = Fixtures.render(app)
        #expect(lines[1] == "  ! Fallback briefing: the assistant was unavailable; basic figures only.")
        let text = BriefingScreen.lines(app.briefing, width: 78, timeZone: Fixtures.chicago).map { $0.spans.map(\.text).joined() }
        #expect(text.contains("Confidence ░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░ 0%"))
    }
}

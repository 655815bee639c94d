import PortalAPI
import Testing

@testable import LeoraApp

@Suite struct BriefingScreenTests {
    let dependencies = Fixtures.dependencies()

    @Test func loadFetchesAndStoresTheBriefing() async {
        var state = BriefingState()
        let effect = BriefingScreen.reduce(into: &state, .load, dependencies)
        #expect(state.isLoading)
        #expect(effect.runIDs == [BriefingScreen.loadEffect])
        let actions = await effect.collectActions()
        #expect(actions == [.loaded(Fixtures.briefing())])
        _ = BriefingScreen.reduce(into: &state, actions[0], dependencies)
        #expect(!state.isLoading)
        #expect(state.payload == Fixtures.briefing())
        #expect(state.updatedAt == Fixtures.now)
    }

    @Test func aFailureKeepsTheLastBriefing() async {
        let failing = Fixtures.dependencies(briefing: { throw LoadFailure(message: "The server did not answer in time") })
        var state = BriefingState(payload: Fixtures.briefing(), updatedAt: Fixtures.now)
        let actions = await BriefingScreen.reduce(into: &state, .load, failing).collectActions()
        for action in actions { _ = BriefingScreen.reduce(into: &state, action, failing) }
        #expect(state.failure?.message == "The server did not answer in time")
        #expect(state.payload == Fixtures.briefing())
    }

    @Test func scrollingStopsAtTheTop() {
        var state = BriefingState()
        _ = BriefingScreen.reduce(into: &state, .scroll(3), dependencies)
        _ = BriefingScreen.reduce(into: &state, .scroll(-5), dependencies)
        #expect(state.scroll == 0)
    }

    @Test func rendersAt80x24() {
        var app = Fixtures.mainState()
        app.briefing = BriefingState(payload: Fixtures.briefing(), updatedAt: Fixtures.now.addingTimeInterval(-180))
        expectScreen(Fixtures.render(app), [
            " 1 Briefing │ 2 Orders │ 3 Products │ 4 Cart 3 │ 5 Health",
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
            " j/↓ scroll  r refresh  ? help  q quit",
            " rep@northwind  ● online                                      updated 3 min ago",
        ])
    }

    @Test func rendersAt120x35() {
        var app = Fixtures.mainState()
        app.briefing = BriefingState(payload: Fixtures.briefing(), updatedAt: Fixtures.now.addingTimeInterval(-180))
        expectScreen(Fixtures.render(app, width: 120, height: 35), [
            " 1 Briefing │ 2 Orders │ 3 Products │ 4 Cart 3 │ 5 Health",
            " Summary",
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
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            " j/↓ scroll  r refresh  ? help  q quit",
            " rep@northwind  ● online                                                                              updated 3 min ago",
        ])
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

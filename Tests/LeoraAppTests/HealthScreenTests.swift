import PortalAPI
import Testing

@testable import LeoraApp

@Suite struct HealthScreenTests {
    let dependencies = Fixtures.dependencies()

    @Test func loadFetchesTheReport() async {
        var state = HealthState()
        let effect = HealthScreen.reduce(into: &state, .load, dependencies)
        #expect(state.load.isLoading)
        #expect(effect.runIDs == [HealthScreen.loadEffect])
        for action in await effect.collectActions() { _ = HealthScreen.reduce(into: &state, action, dependencies) }
        #expect(state.report == Fixtures.health)
        #expect(!state.load.isLoading)
        #expect(state.load.updatedAt == Fixtures.now)
    }

    @Test func rendersAt80x24() {
        var app = Fixtures.mainState(tab: .health)
        app.health = HealthState(report: Fixtures.health, updatedAt: Fixtures.now.addingTimeInterval(-120))
        expectScreen(Fixtures.render(app), [
            " 1 Briefing │ 2 Orders │ 3 Products │ 4 Cart 3 │ 5 Health │ 6 Customers",
            " Portal ● degraded  checked 2026-11-18 05:06",
            "",
            " Check                Status             Response   Queue",
            " Database             up                     2 ms       —",
            " Briefing assistant   not_configured            —       —",
            " Webhooks             up                        —       3",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "                                                      R refresh  ? help  q quit",
            " rep@northwind  ● online                                      updated 2 min ago",
        ])
    }

    /// Offline the status bar gives the age of the copy shown, and no spinner: nothing is fetched.
    @Test func rendersAt120x35Offline() {
        var app = Fixtures.mainState(tab: .health)
        app.health = HealthState(report: Fixtures.health, updatedAt: Fixtures.now.addingTimeInterval(-7200))
        app.health.load.isLoading = true
        app.isOnline = false
        expectScreen(Fixtures.render(app, width: 120, height: 35), [
            " 1 Briefing │ 2 Orders │ 3 Products │ 4 Cart 3 │ 5 Health │ 6 Customers",
            " Portal ● degraded  checked 2026-11-18 05:06",
            "",
            " Check                Status             Response   Queue",
            " Database             up                     2 ms       —",
            " Briefing assistant   not_configured            —       —",
            " Webhooks             up                        —       3",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "                                                                                              R refresh  ? help  q quit",
            " rep@northwind  ● offline                                                                                cached 2 h ago",
        ])
    }
}

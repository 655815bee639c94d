import Foundation
import LeoraKit
import PortalAPI
import Testing

@testable import LeoraApp

/// While a page waits to try again after a 429 or a 502, the Orders pane says so — not "Loading
/// orders…", "No orders yet." or the failure of an earlier try.
@Suite struct RetryNoticeTests {
    static let busy = RetryNotice(
        failure: LoadFailure(message: "Too many requests (try again in 20 s)", code: "RATE_LIMITED", retryAfterSeconds: 20), nextAttempt: 2, attempts: 4,
        nextAttemptAt: Fixtures.now.addingTimeInterval(17.2))
    static let badGateway = RetryNotice(
        failure: LoadFailure(message: "The server answered 502 HTTP_502"), nextAttempt: 3, attempts: 4, nextAttemptAt: Fixtures.now)

    @Test func theNoticeSaysWhyWhenAndWhichAttempt() {
        #expect(Self.busy.text(now: Fixtures.now) == "The portal is busy (rate limited) — trying again in 18 s (attempt 2 of 4)…")
        #expect(Self.badGateway.text(now: Fixtures.now) == "The server answered 502 HTTP_502 — trying again now (attempt 3 of 4)…")
    }

    @Test func aLoadSaysItIsRetryingThenClearsItWhenThePageArrives() async {
        let dependencies = {
            var dependencies = Fixtures.dependencies()
            dependencies.orders.pageRetries = { _, _, _ in
                AsyncStream { continuation in
                    continuation.yield(Self.busy)
                    continuation.finish()
                }
            }
            return dependencies
        }()
        var state = OrdersState()
        let effect = OrdersScreen.reduce(into: &state, .load, dependencies)
        let actions = await effect.collectActions()
        #expect(actions.first == .retrying(Self.busy, filter: OrdersFilter()), "\(actions)")
        #expect(actions.last == .retrying(nil, filter: OrdersFilter()), "\(actions)")
        for action in actions.dropLast() { _ = OrdersScreen.reduce(into: &state, action, dependencies) }
        #expect(state.retrying == Self.busy)
        _ = OrdersScreen.reduce(into: &state, actions.last!, dependencies)
        #expect(state.retrying == nil)
        #expect(state.total == 120)
    }

    @Test func thePaneSaysItIsRetryingInsteadOfLoadingOrAnOldFailure() {
        var app = Fixtures.mainState(tab: .orders)
        _ = OrdersScreen.reduce(into: &app.orders, .load, Fixtures.dependencies())
        _ = OrdersScreen.reduce(into: &app.orders, .retrying(Self.busy, filter: OrdersFilter()), Fixtures.dependencies())
        var lines = Fixtures.render(app)
        #expect(lines[1] == " ↻ The portal is busy (rate limited) — trying again in 18 s (attempt 2 of 4)…", "\(lines)")
        #expect(!screenContains(lines, "Loading orders") && !screenContains(lines, "No orders yet."))

        // R after a failed load: the old failure gives way to the retry.
        app.orders.load.failure = LoadFailure(message: "The server answered 502 HTTP_502")
        _ = OrdersScreen.reduce(into: &app.orders, .retrying(Self.badGateway, filter: OrdersFilter()), Fixtures.dependencies())
        lines = Fixtures.render(app)
        #expect(lines[1] == " ↻ The server answered 502 HTTP_502 — trying again now (attempt 3 of 4)…", "\(lines)")
        #expect(!screenContains(lines, "✗"))
    }

    @Test func aNoticeForAFilterNoLongerShownIsDropped() {
        var state = OrdersState()
        state.filter = OrdersFilter(status: .pending)
        _ = OrdersScreen.reduce(into: &state, .retrying(Self.busy, filter: OrdersFilter()), Fixtures.dependencies())
        #expect(state.retrying == nil)
    }
}

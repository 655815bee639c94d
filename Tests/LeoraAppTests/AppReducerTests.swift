import Synchronization
import LeoraKit
import PortalAPI
import TerminalUI
import Testing

@testable import LeoraApp

@Suite struct AppReducerTests {
    let dependencies = Fixtures.dependencies()

    @Test func startRestoresTheSessionAndShowsLoginWhenLoggedOut() async {
        let store = TestStore(app: AppState(server: "http://s", email: "rep@northwind.test"), dependencies)
        store.send(.started)
        #expect(store.runningEffects.contains(AppReducer.restoreEffect))
        await store.receive(.sessionRestored(.loggedOut(reason: nil))) { $0.phase = .login }
        store.send(.sessionRestored(.loggedOut(reason: "Session expired"))) { $0.login.message = "Session expired" }
        #expect(store.state.login.email.text == "rep@northwind.test")
        await store.finish()
    }

    @Test func aValidCachedSessionSkipsLoginAndLoadsTheBriefing() {
        var state = AppState(server: "http://s")
        let effect = AppReducer.sending(into: &state, .sessionRestored(.loggedIn(Fixtures.session())), dependencies)
        #expect(state.phase == .main)
        #expect(state.tab == .briefing)
        #expect(state.briefing.load.isLoading)
        #expect(state.isLoading)
        #expect(
            effect.runIDs == [
                BriefingScreen.loadEffect, BriefingScreen.metricsEffect, AppReducer.sessionStatesEffect, AppReducer.maintainEffect,
                AppReducer.connectivityEffect, AppReducer.invalidationsEffect, AppReducer.prefetchEffect, AppReducer.cartEffect,
                CartScreen.checkoutEffect,
            ], "the briefing reads the cache before anything else starts; a checkout whose answer was lost completes as soon as the portal answers")
    }

    /// Before the first frame only the pane on show works: the session's watchers (and the cart count,
    /// the prefetch …) start once it is drawn, so nothing comes between the cache and that frame.
    @Test func onlyThePaneOnShowWorksBeforeTheFirstFrame() async {
        let (drawn, draw) = AsyncStream.makeStream(of: Void.self)
        let watched = Mutex(false)
        var dependencies = Fixtures.dependencies(restore: .loggedIn(Fixtures.session()))
        dependencies.firstFrameDrawn = {
            for await _ in drawn { return }
        }
        let states = dependencies.session.states
        dependencies.session.states = {
            watched.withLock { $0 = true }
            return await states()
        }
        let store = TestStore(app: AppState(server: "http://s"), dependencies)
        store.exhaustivity = .off
        store.send(.sessionRestored(.loggedIn(Fixtures.session())))
        await store.skipReceivedActions(until: { $0.briefing.payload != nil && $0.briefing.metrics != nil })
        await store.skipReceivedActions(settling: .milliseconds(30))
        #expect(!watched.withLock { $0 }, "the session is not watched before the first frame")

        draw.yield()
        let deadline = ContinuousClock.now + .seconds(60)
        while !watched.withLock({ $0 }), ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(2)) }
        #expect(watched.withLock { $0 })
        await store.finish()
    }

    @Test func aViewerDoesNotLoadTheCart() {
        var state = AppState(server: "http://s")
        let effect = AppReducer.sending(into: &state, .sessionRestored(.loggedIn(Fixtures.session(roles: [.viewer]))), dependencies)
        #expect(!effect.runIDs.contains(AppReducer.cartEffect))
    }

    @Test func loginSuccessEntersTheMainScreen() async {
        var state = AppState(server: "http://s", email: "rep@northwind.test")
        state.phase = .login
        for character in "leora-demo" { _ = AppReducer.sending(into: &state, .key(.character(character)), dependencies) }
        let effect = AppReducer.sending(into: &state, .key(.enter), dependencies)
        #expect(state.login.isSubmitting)
        let actions = await effect.collectActions()
        #expect(actions == [.login(.succeeded(Fixtures.session()))])
        _ = AppReducer.sending(into: &state, actions[0], dependencies)
        #expect(state.phase == .main)
        #expect(state.login.password.isEmpty)
    }

    @Test func keysOnTheLoginScreenTypeRatherThanQuit() {
        var state = AppState(server: "http://s")
        state.phase = .login
        #expect(AppReducer.sending(into: &state, .key(.character("q")), dependencies).terminalRequests == [])
        #expect(state.login.email.text == "q")
        #expect(AppReducer.sending(into: &state, .key(.escape), dependencies).terminalRequests == [.quit])
    }

    @Test func numberKeysSwitchTabsAndLoadOnce() async {
        var state = Fixtures.mainState()
        var effect = AppReducer.sending(into: &state, .key(.character("5")), dependencies)
        #expect(state.tab == .health)
        #expect(effect.runIDs == [HealthScreen.loadEffect])
        _ = AppReducer.sending(into: &state, .health(.loaded(Fixtures.health)), dependencies)
        _ = AppReducer.sending(into: &state, .key(.character("1")), dependencies)
        effect = AppReducer.sending(into: &state, .key(.character("5")), dependencies)
        #expect(effect.runIDs.isEmpty, "loaded once")
        effect = AppReducer.sending(into: &state, .key(.character("R")), dependencies)
        #expect(effect.runIDs == [AppReducer.refreshEffect])
        let refreshed = await effect.collectActions()
        #expect(refreshed == [.refreshed(.health)])
        #expect(AppReducer.sending(into: &state, refreshed[0], dependencies).runIDs == [HealthScreen.loadEffect])
        _ = AppReducer.sending(into: &state, .key(.character("2")), dependencies)
        #expect(state.tab == .orders)
        _ = AppReducer.sending(into: &state, .key(.tab), dependencies)
        #expect(state.tab == .products)
    }

    @Test func helpOverlayOpensAndClosesAndSwallowsKeys() {
        var state = Fixtures.mainState()
        _ = AppReducer.sending(into: &state, .key(.character("?")), dependencies)
        #expect(state.showsHelp)
        _ = AppReducer.sending(into: &state, .key(.character("5")), dependencies)
        #expect(state.tab == .briefing)
        _ = AppReducer.sending(into: &state, .key(.escape), dependencies)
        #expect(!state.showsHelp)
        #expect(AppReducer.sending(into: &state, .key(.character("q")), dependencies).terminalRequests == [.quit])
    }

    @Test func offlineFailuresFlipTheBadgeAndSuccessRecovers() {
        var state = Fixtures.mainState()
        _ = AppReducer.sending(into: &state, .briefing(.failed(LoadFailure(PortalError.transport(.cannotConnect("refused"))))), dependencies)
        #expect(!state.isOnline)
        _ = AppReducer.sending(into: &state, .briefing(.loaded(Fixtures.briefing())), dependencies)
        #expect(state.isOnline)
        #expect(state.briefing.load.updatedAt == Fixtures.now)
    }

    @Test func loggedOutElsewhereReturnsToLogin() {
        var state = Fixtures.mainState()
        let effect = AppReducer.sending(into: &state, .sessionChanged(.loggedOut(reason: "Logged out in another window")), dependencies)
        #expect(state.phase == .login)
        #expect(state.session == nil)
        #expect(state.login.email.text == "rep@northwind.test")
        #expect(state.login.message == "Logged out in another window")
        #expect(effect.cancels(AppReducer.sessionStatesEffect))
    }

    @Test func toastsExpireByTheirOwnId() async {
        let store = TestStore(app: Fixtures.mainState(), dependencies)
        store.send(.showToast("Theme not found", .warning)) {
            $0.toast = AppState.ToastMessage(id: 0, message: "Theme not found", kind: .warning)
            $0.nextToastID = 1
        }
        await store.receive(.toastExpired(id: 0)) { $0.toast = nil }
        store.send(.showToast("Second", .info)) {
            $0.toast = AppState.ToastMessage(id: 1, message: "Second", kind: .info)
            $0.nextToastID = 2
        }
        store.send(.toastExpired(id: 0), nil)
        #expect(store.state.toast?.message == "Second", "an older toast's end leaves the newer")
        await store.receive(.toastExpired(id: 1)) { $0.toast = nil }
        await store.finish()
    }

    @Test func resizingSetsTheOrdersViewportFromTheLayout() {
        var state = Fixtures.mainState()
        _ = AppReducer.sending(into: &state, .resized(width: 120, height: 35), dependencies)
        #expect(state.orders.visibleRows == 31)
        // A filter line takes a row from the table, as drawn.
        state.orders.filter = OrdersFilter(status: .pending)
        #expect(state.orders.visibleRows == 30)
    }

    @Test func comingBackOnlineReloadsThePaneOnShow() {
        var state = Fixtures.mainState(tab: .orders)
        _ = AppReducer.sending(into: &state, .connectivityChanged(online: false), dependencies)
        #expect(!state.isOnline)
        #expect(screenContains(Fixtures.render(state), "● offline"))
        let effect = AppReducer.sending(into: &state, .connectivityChanged(online: true), dependencies)
        #expect(state.isOnline)
        #expect(
            effect.runIDs == [OrdersScreen.pageEffect(1), AppReducer.checkMeEffect, CartScreen.checkoutEffect],
            "the cart, observed all along, catches up by itself; /auth/me is asked; a checkout whose answer was lost is sent again")
        #expect(AppReducer.sending(into: &state, .connectivityChanged(online: true), dependencies).isNone, "already online")
    }

    @Test func theSessionArrivingAfterTheStartUpResizeKeepsTheViewports() {
        var state = AppState(server: "http://s")
        _ = AppReducer.sending(into: &state, .resized(width: 120, height: 35), dependencies)
        _ = AppReducer.sending(into: &state, .sessionRestored(.loggedIn(Fixtures.session())), dependencies)
        let content = Rect(x: 0, y: 1, width: 120, height: 32)
        #expect(state.orders.area == content)
        #expect(state.products.area == content)
        #expect(state.cart.area == content)
        #expect(state.briefing.area == content)
        #expect(state.orders.visibleRows == 31, "the whole height less the table's header")
    }
}

/// Panes speak to the app only in delegate actions, answered by the router.
@Suite struct DelegateTests {
    let dependencies = Fixtures.dependencies()

    @Test func aPaneAsksAndTheRouterAnswers() {
        var app = Fixtures.mainState(tab: .orders)
        _ = AppReducer.sending(into: &app, .orders(.pageLoaded(OrdersPageResult(orders: [Fixtures.order(7)], page: 1, total: 1), filter: OrdersFilter())), dependencies)
        // The pane's reducer asks; nothing is left in its state for anyone to collect.
        var orders = app.orders
        let asked = OrdersScreen.reduce(into: &orders, .copyNumber, dependencies)
        #expect(asked.sentActions == [.delegate(.copy("NW-7")), .delegate(.toast("Copied NW-7 to the clipboard.", .info))])
        #expect(orders == app.orders)
        // The router turns the requests into a terminal request and a toast.
        let answered = AppReducer.sending(into: &app, .orders(.copyNumber), dependencies)
        #expect(answered.terminalRequests == [.copyToClipboard("NW-7")])
        #expect(app.toast?.message == "Copied NW-7 to the clipboard.")
    }

    @Test func aLinkOpensItsPaneThroughTheRouter() {
        var app = Fixtures.mainState(tab: .briefing)
        let effect = AppReducer.sending(into: &app, .briefing(.delegate(.open(.orders(status: .pending)))), dependencies)
        #expect(app.tab == .orders)
        #expect(app.orders.filter == OrdersFilter(status: .pending))
        #expect(effect.runIDs.contains(OrdersScreen.pageEffect(1)))
    }

    /// Issue 10: Esc goes back the way the rep came — briefing link → order → Esc → briefing.
    @Test func escOnWhatALinkOpenedGoesBackToTheBriefing() async {
        var app = Fixtures.mainState(tab: .briefing)
        let opening = AppReducer.sending(into: &app, .briefing(.delegate(.open(.order(id: "ord_10000")))), dependencies)
        for action in await opening.collectActions() { _ = AppReducer.sending(into: &app, action, dependencies) }
        #expect(app.tab == .orders)
        #expect(app.orders.detail?.id == "ord_10000")
        _ = AppReducer.sending(into: &app, .key(.escape), dependencies)
        #expect(app.orders.detail == nil)
        #expect(app.tab == .briefing, "back where the link was")
        #expect(app.returnTab == nil)

        // Once the rep moves on by themselves, Esc only closes the detail.
        let again = AppReducer.sending(into: &app, .briefing(.delegate(.open(.order(id: "ord_10000")))), dependencies)
        for action in await again.collectActions() { _ = AppReducer.sending(into: &app, action, dependencies) }
        _ = AppReducer.sending(into: &app, .key(.character("3")), dependencies)
        _ = AppReducer.sending(into: &app, .key(.character("2")), dependencies)
        #expect(app.orders.detail?.id == "ord_10000")
        _ = AppReducer.sending(into: &app, .key(.escape), dependencies)
        #expect(app.orders.detail == nil && app.tab == .orders)
    }

    @Test func anAddFromTheCatalogueGoesToTheCartAndIsRefusedOffline() {
        var app = Fixtures.mainState(tab: .products)
        let adding = AppReducer.sending(into: &app, .products(.delegate(.addToCart(Fixtures.catalogue[0], quantity: 2))), dependencies)
        #expect(adding.runIDs == [CartScreen.changeEffect(1)])
        #expect(app.cart.changesInFlight == 1)
        app.isOnline = false
        let refused = AppReducer.sending(into: &app, .products(.delegate(.addToCart(Fixtures.catalogue[0], quantity: 2))), dependencies)
        #expect(refused.runIDs == [AppReducer.toastEffect])
        #expect(app.cart.changesInFlight == 1, "refused")
        #expect(app.toast?.message == "You're offline — changes need a connection. Press R to retry.")
    }
}

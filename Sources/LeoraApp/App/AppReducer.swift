import Foundation
import LeoraKit
import NcursesBackend
import PortalAPI

/// Composes the screens: routes keys through the keymaps, moves between login and the main screen
/// as the session comes and goes, and keeps the tab bar, status bar, toasts and help overlay.
public enum AppReducer {
    static let restoreEffect = EffectID("session.restore")
    static let sessionStatesEffect = EffectID("session.states")
    static let maintainEffect = EffectID("session.maintain")
    static let sessionFileEffect = EffectID("session.fileChanged")
    static let cartEffect = CartScreen.loadEffect
    static let toastEffect = EffectID("toast")
    static let logoutEffect = EffectID("session.logout")
    static let toastDuration: Duration = .seconds(4)

    public static func reduce(into state: inout AppState, _ action: AppAction, _ dependencies: AppDependencies) -> Effect<AppAction> {
        switch action {
        case .started:
            state.phase = .starting
            let restore = dependencies.restoreSession
            return .run(id: restoreEffect) { send in send(.sessionRestored(await restore())) }

        case .sessionRestored(let session), .sessionChanged(let session):
            switch session {
            case .loggedIn(let saved):
                if state.phase == .main {
                    state.session = saved
                    return .none
                }
                return enterMain(&state, saved, dependencies)
            case .loggedOut(let reason):
                if state.phase == .login, case .sessionChanged = action { return .none }
                return leaveMain(&state, reason: reason)
            }

        case .sessionFileChanged:
            let changed = dependencies.sessionFileChanged
            return .run(id: sessionFileEffect) { _ in await changed() }

        case .key(let key):
            return handle(key, &state, dependencies)

        case .resized(_, let height):
            // Tab bar, table header, footer and status bar take four rows.
            state.orders.visibleRows = max(1, height - 4 - 1)
            // Products may show a search row too; the cart keeps rows for the customer and totals.
            state.products.visibleRows = max(1, height - 4 - 2)
            state.cart.visibleRows = max(1, height - 4 - 8)
            return .none

        case .selectTab(let tab):
            return switchTab(to: tab, &state, dependencies)

        case .nextTab, .previousTab:
            let count = AppTab.allCases.count
            let step = action == .nextTab ? 1 : count - 1
            return switchTab(to: AppTab(rawValue: (state.tab.rawValue + step) % count) ?? .briefing, &state, dependencies)

        case .refresh:
            return load(state.tab, &state, dependencies)

        case .toggleHelp:
            state.showsHelp.toggle()
            return .none

        case .quit:
            state.shouldQuit = true
            return .none

        case .logout:
            let logout = dependencies.logout
            return .run(id: logoutEffect) { _ in await logout() }

        case .login(let loginAction):
            let effect = LoginScreen.reduce(into: &state.login, loginAction, dependencies).map(AppAction.login)
            if case .succeeded(let saved) = loginAction {
                return .merge(effect, enterMain(&state, saved, dependencies))
            }
            return effect

        case .briefing(let briefingAction):
            let effect = BriefingScreen.reduce(into: &state.briefing, briefingAction, dependencies).map(AppAction.briefing)
            switch briefingAction {
            case .loaded: noteConnectivity(&state, loaded: nil, succeeded: true)
            case .failed(let failure): noteConnectivity(&state, loaded: failure, succeeded: false)
            default: break
            }
            return effect

        case .orders(let ordersAction):
            let effect = OrdersScreen.reduce(into: &state.orders, ordersAction, dependencies).map(AppAction.orders)
            switch ordersAction {
            case .pageLoaded: noteConnectivity(&state, loaded: nil, succeeded: true)
            case .pageFailed(_, let failure): noteConnectivity(&state, loaded: failure, succeeded: false)
            default: break
            }
            return effect

        case .health(let healthAction):
            let effect = HealthScreen.reduce(into: &state.health, healthAction, dependencies).map(AppAction.health)
            switch healthAction {
            case .loaded: noteConnectivity(&state, loaded: nil, succeeded: true)
            case .failed(let failure): noteConnectivity(&state, loaded: failure, succeeded: false)
            case .load: break
            }
            return effect

        case .products(let productsAction):
            if productsAction == .addSelected, let refusal = refuseOffline(&state, dependencies) { return refusal }
            var effects = [ProductsScreen.reduce(into: &state.products, productsAction, dependencies).map(AppAction.products)]
            switch productsAction {
            case .loaded(_, let products):
                noteConnectivity(&state, loaded: nil, succeeded: true)
                for product in products { state.cart.packSizes[product.id] = product.packSize }
            case .failed(let failure): noteConnectivity(&state, loaded: failure, succeeded: false)
            default: break
            }
            if let toast = state.products.toast {
                state.products.toast = nil
                effects.append(reduce(into: &state, .showToast(toast.message, toast.kind), dependencies))
            }
            if let request = state.products.addRequest {
                state.products.addRequest = nil
                effects.append(reduce(into: &state, .cart(.add(request.product, quantity: request.quantity)), dependencies))
            }
            return .merge(effects)

        case .cart(let cartAction):
            switch cartAction {
            case .increment, .decrement, .removeSelected, .openCustomerPicker, .requestCheckout, .add:
                if let refusal = refuseOffline(&state, dependencies) { return refusal }
            default: break
            }
            var effects = [CartScreen.reduce(into: &state.cart, cartAction, dependencies).map(AppAction.cart)]
            switch cartAction {
            case .loaded, .changeSucceeded, .checkedOut: noteConnectivity(&state, loaded: nil, succeeded: true)
            case .loadFailed(let failure), .changeFailed(let failure, _), .checkoutFailed(let failure):
                noteConnectivity(&state, loaded: failure, succeeded: false)
            default: break
            }
            if case .checkedOut = cartAction {
                // The new order belongs at the top of the orders list: fetch it afresh when next shown.
                let rows = state.orders.visibleRows
                state.orders = OrdersState()
                state.orders.visibleRows = rows
                effects.append(.cancel(OrdersScreen.detailEffect))
            }
            if let cart = state.cart.cart { state.cartItemCount = cart.itemCount }
            if let toast = state.cart.toast {
                state.cart.toast = nil
                effects.append(reduce(into: &state, .showToast(toast.message, toast.kind), dependencies))
            }
            return .merge(effects)

        case .cartLoaded(let count):
            state.cartItemCount = count
            noteConnectivity(&state, loaded: nil, succeeded: true)
            return .none

        case .cartFailed(let failure):
            noteConnectivity(&state, loaded: failure, succeeded: false)
            return .none

        case .showToast(let message, let kind):
            let id = state.nextToastID
            state.nextToastID += 1
            state.toast = AppState.ToastMessage(id: id, message: message, kind: kind)
            let sleep = dependencies.sleep
            return .run(id: toastEffect) { send in
                guard (try? await sleep(toastDuration)) != nil else { return }
                send(.toastExpired(id: id))
            }

        case .toastExpired(let id):
            if state.toast?.id == id { state.toast = nil }
            return .none
        }
    }

    /// Online again after any answer; offline when a failure says the portal was unreachable.
    private static func noteConnectivity(_ state: inout AppState, loaded failure: LoadFailure?, succeeded: Bool) {
        if succeeded { state.isOnline = true }
        if let failure, failure.isOffline { state.isOnline = false }
    }

    private static func handle(_ key: Key, _ state: inout AppState, _ dependencies: AppDependencies) -> Effect<AppAction> {
        switch state.phase {
        case .starting:
            return .none
        case .login:
            if let action = LoginScreen.keymap.action(for: key, permissions: []) {
                return reduce(into: &state, action, dependencies)
            }
            return reduce(into: &state, .login(.edit(key)), dependencies)
        case .main:
            if state.showsHelp {
                if [.escape, .character("?"), .character("q")].contains(key) { state.showsHelp = false }
                return .none
            }
            if state.tab == .products, state.products.capturesKeys { return reduce(into: &state, .products(.key(key)), dependencies) }
            if state.tab == .cart, state.cart.capturesKeys { return reduce(into: &state, .cart(.key(key)), dependencies) }
            guard let action = AppKeymap.active(state.tab).action(for: key, permissions: state.permissions) else { return .none }
            return reduce(into: &state, action, dependencies)
        }
    }

    private static func enterMain(_ state: inout AppState, _ saved: SavedSession, _ dependencies: AppDependencies) -> Effect<AppAction> {
        state.phase = .main
        state.session = saved
        state.login.isSubmitting = false
        state.login.message = nil
        // Fresh panes, still sized for the terminal (the start-up resize comes before the session).
        let rows = (orders: state.orders.visibleRows, products: state.products.visibleRows, cart: state.cart.visibleRows)
        state.briefing = BriefingState()
        state.orders = OrdersState()
        state.health = HealthState()
        state.products = ProductsState()
        state.cart = CartState()
        (state.orders.visibleRows, state.products.visibleRows, state.cart.visibleRows) = rows
        state.cartItemCount = nil
        let states = dependencies.sessionStates
        let maintain = dependencies.maintainSession
        var effects: [Effect<AppAction>] = [
            .run(id: sessionStatesEffect) { send in
                for await session in await states() { send(.sessionChanged(session)) }
            },
            .run(id: maintainEffect) { _ in await maintain() },
            loadIfNeeded(&state, dependencies),
        ]
        if state.permissions.contains(Permission.cartWrite.rawValue) {
            effects.append(reduce(into: &state, .cart(.load), dependencies))
        }
        if state.tab == .products { effects.append(ProductsScreen.stockTicker(dependencies).map(AppAction.products)) }
        return .merge(effects)
    }

    private static func leaveMain(_ state: inout AppState, reason: String?) -> Effect<AppAction> {
        let email = state.session?.user.email ?? state.login.email.text
        state.phase = .login
        state.session = nil
        state.showsHelp = false
        state.login = LoginState(server: state.server, email: email)
        state.login.message = reason
        return .merge([
            .cancel(sessionStatesEffect), .cancel(maintainEffect), .cancel(cartEffect), .cancel(BriefingScreen.loadEffect),
            .cancel(HealthScreen.loadEffect), .cancel(OrdersScreen.detailEffect), .cancel(ProductsScreen.stockTickerEffect),
            .cancel(ProductsScreen.stockEffect), .cancel(ProductsScreen.loadEffect), .cancel(ProductsScreen.searchEffect),
            .cancel(CartScreen.customersEffect),
        ])
    }

    /// Loads the current pane the first time it is shown.
    private static func loadIfNeeded(_ state: inout AppState, _ dependencies: AppDependencies) -> Effect<AppAction> {
        switch state.tab {
        case .briefing where state.briefing.payload == nil && !state.briefing.isLoading: load(.briefing, &state, dependencies)
        case .orders where state.orders.total == nil && !state.orders.isLoading: load(.orders, &state, dependencies)
        case .health where state.health.report == nil && !state.health.isLoading: load(.health, &state, dependencies)
        case .products where !state.products.hasLoaded && !state.products.isLoading: load(.products, &state, dependencies)
        case .cart where state.cart.confirmed == nil && !state.cart.isLoading: load(.cart, &state, dependencies)
        default: .none
        }
    }

    private static func load(_ tab: AppTab, _ state: inout AppState, _ dependencies: AppDependencies) -> Effect<AppAction> {
        switch tab {
        case .briefing: reduce(into: &state, .briefing(.load), dependencies)
        case .orders where state.permissions.contains(Permission.ordersRead.rawValue): reduce(into: &state, .orders(.load), dependencies)
        case .health: reduce(into: &state, .health(.load), dependencies)
        case .products where state.permissions.contains(Permission.productsRead.rawValue): reduce(into: &state, .products(.load), dependencies)
        case .cart where state.permissions.contains(Permission.cartWrite.rawValue): reduce(into: &state, .cart(.load), dependencies)
        default: .none
        }
    }

    /// Shows `tab`, loading it the first time; the products pane's stock refresh runs only while it is shown.
    private static func switchTab(to tab: AppTab, _ state: inout AppState, _ dependencies: AppDependencies) -> Effect<AppAction> {
        let previous = state.tab
        state.tab = tab
        var effects = [loadIfNeeded(&state, dependencies)]
        if previous != .products, tab == .products, state.phase == .main {
            effects.append(ProductsScreen.stockTicker(dependencies).map(AppAction.products))
        } else if previous == .products, tab != .products {
            effects += [.cancel(ProductsScreen.stockTickerEffect), .cancel(ProductsScreen.stockEffect)]
        }
        return .merge(effects)
    }

    /// Offline, cart changes are refused with a toast (nil when online).
    private static func refuseOffline(_ state: inout AppState, _ dependencies: AppDependencies) -> Effect<AppAction>? {
        guard !state.isOnline else { return nil }
        return reduce(into: &state, .showToast("You're offline — cart changes need a connection. Press r to retry.", .warning), dependencies)
    }
}

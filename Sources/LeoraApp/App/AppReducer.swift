import Foundation
import LeoraKit
import NcursesBackend
import PortalAPI
import TerminalUI

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
    static let reorderEffect = EffectID("orders.reorder")
    static let refreshEffect = EffectID("refresh")
    static let connectivityEffect = EffectID("connectivity")
    static let sessionEndedEffect = EffectID("session.ended")
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
                return leaveMain(&state, reason: reason, dependencies)
            }

        case .sessionFileChanged:
            let changed = dependencies.sessionFileChanged
            return .run(id: sessionFileEffect) { _ in await changed() }

        case .key(.mouse(let event)):
            return .merge(MouseRouting.actions(for: event, in: state).map { reduce(into: &state, $0, dependencies) })

        case .key(let key):
            return handle(key, &state, dependencies)

        case .resized(let width, let height):
            state.screenWidth = width
            state.screenHeight = height
            state.briefing.width = max(1, width - 2)
            state.briefing.visibleRows = max(1, height - 3)
            // Tab bar, table header, footer and status bar take four rows.
            state.orders.visibleRows = max(1, height - 4 - 1)
            // Products may show a search row too; the cart keeps rows for the customer and totals.
            state.products.visibleRows = max(1, height - 4 - 2)
            state.cart.visibleRows = max(1, height - 4 - 8)
            return .none

        case .selectTab(let tab):
            return switchTab(to: tab, &state, dependencies)

        case .nextTab, .previousTab:
            let tabs = AppTab.visible(to: state.permissions)
            let step = action == .nextTab ? 1 : tabs.count - 1
            let index = ((tabs.firstIndex(of: state.tab) ?? 0) + step) % tabs.count
            return switchTab(to: tabs[index], &state, dependencies)

        case .refresh:
            // Cached data counts as stale from now: the pane shows it and fetches it again.
            let invalidate = dependencies.invalidate
            let tab = state.tab
            return .run(id: refreshEffect) { send in
                await invalidate(tab)
                send(.refreshed(tab))
            }

        case .connectivityChanged(let online):
            let wasOffline = !state.isOnline
            state.isOnline = online
            // Back online by itself: the pane on show (and the cart count) catch up.
            guard online, wasOffline, state.phase == .main else { return .none }
            var effects = [load(state.tab, &state, dependencies)]
            if state.tab != .cart, state.permissions.contains(Permission.cartWrite.rawValue) {
                effects.append(reduce(into: &state, .cart(.load), dependencies))
            }
            return .merge(effects)

        case .refreshed(let tab):
            guard state.tab == tab, state.phase == .main else { return .none }
            return load(tab, &state, dependencies)

        case .toggleHelp:
            state.showsHelp.toggle()
            state.helpScroll = 0
            return .none

        case .quit:
            state.shouldQuit = true
            return .none

        case .openPalette:
            state.palette = AppState.Palette()
            return .none

        case .runCommand(let command):
            state.palette = nil
            switch command {
            case .show(let tab): return switchTab(to: tab, &state, dependencies)
            case .orders(let filter):
                return .merge(reduce(into: &state, .orders(.applyFilter(filter)), dependencies), switchTab(to: .orders, &state, dependencies))
            case .products(let search):
                return .merge(reduce(into: &state, .products(.showSearch(search)), dependencies), switchTab(to: .products, &state, dependencies))
            case .theme(let name):
                state.terminalRequests.append(.applyTheme(name))
                return .none
            case .refresh: return reduce(into: &state, .refresh, dependencies)
            case .help:
                state.showsHelp = true
                state.helpScroll = 0
                return .none
            case .logout: return reduce(into: &state, .logout, dependencies)
            case .quit: return reduce(into: &state, .quit, dependencies)
            }

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
            case .loaded, .metricsLoaded: noteConnectivity(&state, loaded: nil, succeeded: true)
            case .failed(let failure), .metricsFailed(let failure): noteConnectivity(&state, loaded: failure, succeeded: false)
            default: break
            }
            if let destination = state.briefing.openRequest {
                state.briefing.openRequest = nil
                return .merge(effect, reduce(into: &state, .follow(destination), dependencies))
            }
            return effect

        case .follow(let destination):
            let opening: Effect<AppAction> =
                switch destination {
                case .orders(let status): reduce(into: &state, .orders(.applyFilter(OrdersFilter(status: status))), dependencies)
                case .customerOrders(let id, let name):
                    reduce(into: &state, .orders(.applyFilter(OrdersFilter(customer: CustomerReference(id: id, name: name ?? "")))), dependencies)
                case .order(let id): reduce(into: &state, .orders(.openOrder(id: id)), dependencies)
                case .product(let id): reduce(into: &state, .products(.openProduct(id: id)), dependencies)
                case .productSearch(let text): reduce(into: &state, .products(.showSearch(text)), dependencies)
                }
            return .merge(opening, switchTab(to: destination.tab, &state, dependencies))

        case .copyOrderNumber:
            guard state.tab == .orders, let order = state.orders.targetOrder else { return .none }
            state.terminalRequests.append(.copyToClipboard(order.orderNumber))
            return reduce(into: &state, .showToast("Copied \(order.orderNumber) to the clipboard.", .info), dependencies)

        case .orders(let ordersAction):
            switch ordersAction {
            case .reorder, .reorderModeChosen, .requestCancel:
                if let refusal = refuseOffline(&state, dependencies) { return refusal }
            default: break
            }
            var effects = [OrdersScreen.reduce(into: &state.orders, ordersAction, dependencies).map(AppAction.orders)]
            switch ordersAction {
            case .pageLoaded, .detailLoaded, .cancelled: noteConnectivity(&state, loaded: nil, succeeded: true)
            case .pageFailed(_, let failure), .detailFailed(let failure), .cancelFailed(let failure):
                noteConnectivity(&state, loaded: failure, succeeded: false)
            default: break
            }
            if let toast = state.orders.toast {
                state.orders.toast = nil
                effects.append(reduce(into: &state, .showToast(toast.message, toast.kind), dependencies))
            }
            if let request = state.orders.reorderRequest {
                state.orders.reorderRequest = nil
                effects.append(reorder(request, &state, dependencies))
            }
            return .merge(effects)

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
            case .increment, .decrement, .removeSelected, .editQuantity, .undoRemoval, .openCustomerPicker, .requestCheckout, .checkoutConfirmed, .add, .addLines:
                if let refusal = refuseOffline(&state, dependencies) { return refusal }
            default: break
            }
            var effects = [CartScreen.reduce(into: &state.cart, cartAction, dependencies).map(AppAction.cart)]
            switch cartAction {
            case .loaded, .changeSucceeded, .checkedOut: noteConnectivity(&state, loaded: nil, succeeded: true)
            case .loadFailed(let failure), .changeFailed(let failure, _), .checkoutFailed(let failure):
                noteConnectivity(&state, loaded: failure, succeeded: false)
            case .linesAdded(_, let outcome): noteConnectivity(&state, loaded: outcome.failure, succeeded: outcome.failure == nil)
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

        case .webhooks(let webhooksAction):
            var effects = [WebhooksScreen.reduce(into: &state.webhooks, webhooksAction, dependencies).map(AppAction.webhooks)]
            switch webhooksAction {
            case .loaded: noteConnectivity(&state, loaded: nil, succeeded: true)
            case .failed(let failure), .createFailed(let failure), .deleteFailed(let failure): noteConnectivity(&state, loaded: failure, succeeded: false)
            default: break
            }
            if let text = state.webhooks.copyRequest {
                state.webhooks.copyRequest = nil
                state.terminalRequests.append(.copyToClipboard(text))
            }
            if let toast = state.webhooks.toast {
                state.webhooks.toast = nil
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
            if state.showsHelp { return helpKey(key, &state) }
            if state.palette != nil { return paletteKey(key, &state, dependencies) }
            if let dialog = AppKeymap.dialog(state) {
                // A dialog answers to its own keys only: the key that opened it, pressed again, does nothing.
                guard let action = dialog.action(for: key, permissions: state.permissions) else { return .none }
                return reduce(into: &state, action, dependencies)
            }
            if state.tab == .webhooks, state.webhooks.capturesKeys { return reduce(into: &state, .webhooks(.key(key)), dependencies) }
            if state.tab == .orders, state.orders.capturesKeys { return reduce(into: &state, .orders(.key(key)), dependencies) }
            if state.tab == .products, state.products.capturesKeys { return reduce(into: &state, .products(.key(key)), dependencies) }
            if state.tab == .cart, state.cart.capturesKeys { return reduce(into: &state, .cart(.key(key)), dependencies) }
            guard let action = AppKeymap.active(state.tab, state.keyOverrides).action(for: key, permissions: state.permissions) else { return .none }
            return reduce(into: &state, action, dependencies)
        }
    }

    /// Keys while the help overlay is open: scroll it, or close it.
    private static func helpKey(_ key: Key, _ state: inout AppState) -> Effect<AppAction> {
        switch key {
        case .escape, .character("?"), .character("q"): state.showsHelp = false
        case .character("j"), .down: state.helpScroll += 1
        case .character("k"), .up: state.helpScroll = max(0, state.helpScroll - 1)
        case .pageDown, .character(" "): state.helpScroll += 10
        case .pageUp: state.helpScroll = max(0, state.helpScroll - 10)
        case .character("g"), .home: state.helpScroll = 0
        default: break
        }
        return .none
    }

    /// Keys while the `:` line is open: edit, complete with Tab, run with Enter, close with Esc.
    private static func paletteKey(_ key: Key, _ state: inout AppState, _ dependencies: AppDependencies) -> Effect<AppAction> {
        guard var palette = state.palette else { return .none }
        switch key {
        case .escape:
            state.palette = nil
            return .none
        case .backspace where palette.input.isEmpty:
            state.palette = nil
            return .none
        case .tab:
            let completed = CommandPalette.complete(palette.input.text, themes: state.themeNames)
            palette.input = TextInputState(text: completed)
            palette.message = nil
        case .enter:
            switch CommandPalette.parse(palette.input.text, themes: state.themeNames) {
            case .success(let command): return reduce(into: &state, .runCommand(command), dependencies)
            case .failure(let error): palette.message = error.message
            }
        default:
            TextEditing.apply(key, to: &palette.input)
            palette.message = nil
        }
        state.palette = palette
        return .none
    }

    private static func enterMain(_ state: inout AppState, _ saved: SavedSession, _ dependencies: AppDependencies) -> Effect<AppAction> {
        state.phase = .main
        state.session = saved
        state.login.isSubmitting = false
        state.login.message = nil
        // Fresh panes, still sized for the terminal (the start-up resize comes before the session).
        let rows = (orders: state.orders.visibleRows, products: state.products.visibleRows, cart: state.cart.visibleRows)
        let briefingSize = (state.briefing.width, state.briefing.visibleRows)
        state.briefing = BriefingState()
        state.briefing.currency = saved.tenant?.currency ?? "USD"
        state.orders = OrdersState()
        state.health = HealthState()
        state.products = ProductsState()
        state.cart = CartState()
        state.webhooks = WebhooksState()
        (state.orders.visibleRows, state.products.visibleRows, state.cart.visibleRows) = rows
        (state.briefing.width, state.briefing.visibleRows) = briefingSize
        if !AppTab.visible(to: Set(saved.permissions)).contains(state.tab) { state.tab = .briefing }
        state.cartItemCount = nil
        let states = dependencies.sessionStates
        let maintain = dependencies.maintainSession
        let connectivity = dependencies.connectivity
        var effects: [Effect<AppAction>] = [
            .run(id: sessionStatesEffect) { send in
                for await session in await states() { send(.sessionChanged(session)) }
            },
            .run(id: maintainEffect) { _ in await maintain() },
            .run(id: connectivityEffect) { send in
                for await online in connectivity() { send(.connectivityChanged(online: online)) }
            },
            loadIfNeeded(&state, dependencies),
        ]
        if state.permissions.contains(Permission.cartWrite.rawValue) {
            effects.append(reduce(into: &state, .cart(.load), dependencies))
        }
        if state.tab == .products { effects.append(ProductsScreen.stockTicker(dependencies).map(AppAction.products)) }
        return .merge(effects)
    }

    private static func leaveMain(_ state: inout AppState, reason: String?, _ dependencies: AppDependencies) -> Effect<AppAction> {
        let email = state.session?.user.email ?? state.login.email.text
        state.phase = .login
        state.session = nil
        state.showsHelp = false
        state.palette = nil
        state.login = LoginState(server: state.server, email: email)
        state.login.message = reason
        let ended = dependencies.sessionEnded
        return .merge([
            .run(id: sessionEndedEffect) { _ in await ended() },
            .cancel(sessionStatesEffect), .cancel(maintainEffect), .cancel(connectivityEffect), .cancel(cartEffect), .cancel(BriefingScreen.loadEffect),
            .cancel(HealthScreen.loadEffect), .cancel(OrdersScreen.detailEffect), .cancel(ProductsScreen.stockTickerEffect),
            .cancel(ProductsScreen.stockEffect), .cancel(ProductsScreen.loadEffect), .cancel(ProductsScreen.searchEffect),
            .cancel(CartScreen.customersEffect), .cancel(BriefingScreen.metricsEffect), .cancel(OrdersScreen.cancelEffect),
            .cancel(ProductsScreen.productEffect), .cancel(reorderEffect), .cancel(WebhooksScreen.loadEffect), .cancel(WebhooksScreen.changeEffect),
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
        case .webhooks where !state.webhooks.hasLoaded && !state.webhooks.isLoading: load(.webhooks, &state, dependencies)
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
        case .webhooks where state.permissions.contains(Permission.webhooksAdmin.rawValue): reduce(into: &state, .webhooks(.load), dependencies)
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
        return reduce(into: &state, .showToast("You're offline — changes need a connection. Press R to retry.", .warning), dependencies)
    }

    /// Adds an order's lines to the cart, first asking whether to add to the cart or replace it
    /// when it already has lines (an unknown cart counts as empty: adding loses nothing).
    private static func reorder(_ request: ReorderRequest, _ state: inout AppState, _ dependencies: AppDependencies) -> Effect<AppAction> {
        let cartHasLines = state.cart.cart.map { !$0.items.isEmpty } ?? ((state.cartItemCount ?? 0) > 0)
        guard let mode = request.mode ?? (cartHasLines ? nil : .add) else {
            return reduce(into: &state, .orders(.askReorderMode(request.order, cartCustomer: state.cart.cart?.customer)), dependencies)
        }
        var inCart: [String: Int] = [:]
        for item in state.cart.items { inCart[item.productId, default: 0] += item.quantity }
        return Reorder.effect(request.order, mode: mode, inCart: inCart, dependencies)
    }
}

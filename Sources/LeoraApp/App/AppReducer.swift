import Foundation
import LeoraKit
import PortalAPI
import TerminalUI

/// The router: moves between login and the main screen as the session comes and goes, dispatches
/// keys through the keymaps, hands each pane its own actions (`Panes.all`), answers the panes'
/// delegate requests in one place (`answer`), and keeps the tab bar, status bar, toasts and help.
public enum AppReducer {
    // Effects outside any session: reading and watching the saved session, logging in and out.
    static let restoreEffect = EffectID("auth.restore")
    static let sessionFileEffect = EffectID("auth.fileChanged")
    static let logoutEffect = EffectID("auth.logout")
    static let sessionEndedEffect = EffectID("auth.ended")
    static let toastEffect = EffectID("app.toast")
    /// The lifetime of a logged-in session's own effects (the panes' are under their own lifetimes);
    /// leaving the main screen cancels it with every pane's.
    static let session = EffectID("session")
    static let sessionStatesEffect = session.appending("states")
    static let maintainEffect = session.appending("maintain")
    static let connectivityEffect = session.appending("connectivity")
    static let refreshEffect = session.appending("refresh")
    static let invalidationsEffect = session.appending("invalidations")
    static let prefetchEffect = session.appending("prefetch")
    static let checkMeEffect = session.appending("me")
    static let cartEffect = CartScreen.loadEffect
    static let reorderEffect = CartScreen.lifetime.appending("reorder")
    static let toastDuration: Duration = .seconds(4)

    /// Sends `action` to the app as the runtime does: reduced, then every action its effects send
    /// straight back (the panes' delegate requests). Returns what is left to perform.
    public static func send(_ action: AppAction, into state: inout AppState, _ dependencies: AppDependencies) -> Effect<AppAction> {
        Effect.feeding(action, into: &state) { state, action in reduce(into: &state, action, dependencies) }
    }

    public static func reduce(into state: inout AppState, _ action: AppAction, _ dependencies: AppDependencies) -> Effect<AppAction> {
        switch action {
        // MARK: Session
        case .started:
            state.phase = .starting
            let restore = dependencies.session.restore
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
            let changed = dependencies.session.fileChanged
            return .run(id: sessionFileEffect) { _ in await changed() }

        case .logout:
            let logout = dependencies.session.logout
            return .run(id: logoutEffect) { _ in await logout() }

        case .login(.delegate(.loggedIn(let saved))):
            return enterMain(&state, saved, dependencies)

        case .login(let loginAction):
            return LoginScreen.reduce(into: &state.login, loginAction, dependencies).map(AppAction.login)

        // MARK: Input
        case .key(.mouse(let event)):
            return .merge(MouseRouting.actions(for: event, in: state).map { reduce(into: &state, $0, dependencies) })

        case .key(let key):
            return handle(key, &state, dependencies)

        case .resized(let width, let height):
            state.screenWidth = width
            state.screenHeight = height
            let content = AppView.contentArea(width: width, height: height)
            for pane in Panes.all { pane.resized(&state, content) }
            return .none

        // MARK: The main screen
        case .selectTab(let tab):
            state.returnTab = nil
            return switchTab(to: tab, &state, dependencies)

        case .nextTab, .previousTab:
            state.returnTab = nil
            let tabs = AppTab.visible(to: state.permissions)
            let step = action == .nextTab ? 1 : tabs.count - 1
            let index = ((tabs.firstIndex(of: state.tab) ?? 0) + step) % tabs.count
            return switchTab(to: tabs[index], &state, dependencies)

        case .refresh:
            // Cached data counts as stale from now: the pane shows it and fetches it again.
            let invalidate = dependencies.invalidate
            let tab = state.tab
            let resources = Panes.route(tab).resources
            return .run(id: refreshEffect) { send in
                await invalidate(resources)
                send(.refreshed(tab))
            }

        case .connectivityChanged(let online):
            let wasOffline = !state.isOnline
            state.isOnline = online
            // The cart's offline queue waits for the connection (and replays when it is back).
            let cart = state.phase == .main && state.permissions.contains(.cartWrite) && state.cart.isOnline != online
                ? reduce(into: &state, .cart(.connectivity(online: online)), dependencies) : .none
            // Back online by itself: the pane on show catches up (the cart, observed all along, by itself),
            // and the portal is asked who the user is now.
            guard online, wasOffline, state.phase == .main else { return cart }
            let checkMe = dependencies.session.checkMe
            return .merge(
                cart, revalidate(state.tab, &state, dependencies), .run(id: checkMeEffect) { _ in await checkMe() }, resumeCheckout(&state, dependencies))

        case .invalidated(let resource):
            // What is on show now reads again (the cache refetches it); the rest is stale until shown.
            guard state.phase == .main, Panes.route(state.tab).resources.contains(resource) else { return .none }
            return revalidate(state.tab, &state, dependencies)

        case .refreshed(let tab):
            guard state.tab == tab, state.phase == .main else { return .none }
            return load(tab, &state, dependencies)

        case .toggleHelp:
            state.showsHelp.toggle()
            state.helpScroll = 0
            return .none

        case .scrollHelp(let lines):
            state.helpScroll = max(0, state.helpScroll + lines)
            return .none

        case .scrollHelpToTop:
            state.helpScroll = 0
            return .none

        case .quit:
            return .terminal(.quit)

        case .openPalette:
            state.palette = AppState.Palette()
            return .none

        case .closePalette:
            state.palette = nil
            return .none

        case .completePalette:
            guard let line = state.palette?.input.text else { return .none }
            state.palette?.input = TextInputState(text: CommandPalette.complete(line, themes: state.themeNames, profiles: state.profileNames))
            state.palette?.message = nil
            return .none

        case .submitPalette:
            guard let line = state.palette?.input.text else { return .none }
            switch CommandPalette.parse(line, themes: state.themeNames, profiles: state.profileNames) {
            case .success(let command): return reduce(into: &state, .runCommand(command), dependencies)
            case .failure(let error): state.palette?.message = error.message
            }
            return .none

        case .editPalette(let key):
            guard var palette = state.palette else { return .none }
            TextEditing.apply(key, to: &palette.input)
            palette.message = nil
            state.palette = palette
            return .none

        case .runCommand(let command):
            state.palette = nil
            switch command {
            case .show(let tab): return switchTab(to: tab, &state, dependencies)
            case .orders(let filter):
                return .merge(reduce(into: &state, .orders(.applyFilter(filter)), dependencies), switchTab(to: .orders, &state, dependencies))
            case .products(let search):
                return .merge(reduce(into: &state, .products(.showSearch(search)), dependencies), switchTab(to: .products, &state, dependencies))
            case .customers(let search):
                return .merge(reduce(into: &state, .customers(.showSearch(search)), dependencies), switchTab(to: .customers, &state, dependencies))
            case .theme(let name): return .terminal(.applyTheme(name))
            case .profile(let name): return leaveProfile(for: name, &state)
            case .refresh: return reduce(into: &state, .refresh, dependencies)
            case .help:
                state.showsHelp = true
                state.helpScroll = 0
                return .none
            case .logout: return reduce(into: &state, .logout, dependencies)
            case .quit: return .terminal(.quit)
            }

        case .showToast(let message, let kind):
            return showToast(message, kind, &state, dependencies)

        case .profileSwitched(let profile):
            return enterProfile(profile, &state, dependencies)

        case .toastExpired(let id):
            if state.toast?.id == id { state.toast = nil }
            return .none

        // MARK: Panes
        case .pane:
            return route(action, &state, dependencies)
        }
    }

    /// A pane's action: refused while offline when it changes something on the portal, else reduced by
    /// its pane, what it says about the connection noted; a delegate request is answered here.
    private static func route(_ action: AppAction, _ state: inout AppState, _ dependencies: AppDependencies) -> Effect<AppAction> {
        for pane in Panes.all {
            guard let routed = pane.extract(action) else { continue }
            if let delegate = routed.delegate { return answer(delegate, &state, dependencies) }
            if routed.needsConnection, !queuesOffline(action, dependencies), let refusal = refuseOffline(&state, dependencies) { return refusal }
            let effect = routed.reduce(&state, dependencies)
            switch routed.reachability {
            case .reached?: state.isOnline = true
            case .failed(let failure)? where failure.isOffline: state.isOnline = false
            default: break
            }
            return effect
        }
        return .none
    }

    // MARK: Delegates

    /// Every request a pane makes of the app, answered in one place.
    private static func answer(_ delegate: PaneDelegate, _ state: inout AppState, _ dependencies: AppDependencies) -> Effect<AppAction> {
        switch delegate {
        case .toast(let message, let kind):
            return showToast(message, kind, &state, dependencies)
        case .copy(let text):
            return .terminal(.copyToClipboard(text))
        case .open(let destination):
            return follow(destination, &state, dependencies)
        case .addToCart(let product, let quantity):
            return reduce(into: &state, .cart(.add(product, quantity: quantity)), dependencies)
        case .reorder(let order, let mode):
            return reorder(order, mode: mode, &state, dependencies)
        case .startCart(let customer):
            return reduce(into: &state, .cart(.setCustomer(customer)), dependencies)
        case .productsRead(let products):
            return reduce(into: &state, .cart(.productsRead(products)), dependencies)
        case .orderPlaced:
            // The new order belongs at the top of the orders list: fetch it afresh when next shown.
            restart(.orders, &state)
            return .cancel(OrdersScreen.lifetime)
        }
    }

    /// Opens a briefing link or customer in its pane (a customer in the orders pane, narrowed to
    /// them, for a role that cannot see customers).
    private static func follow(_ destination: DrillDown, _ state: inout AppState, _ dependencies: AppDependencies) -> Effect<AppAction> {
        var destination = destination
        if case .customer(let id, let name) = destination, !Panes.route(.customers).isAvailable(to: state.permissions) {
            destination = .customerOrders(customerId: id, name: name)
        }
        let opening: Effect<AppAction> =
            switch destination {
            case .customer(let id, let name): reduce(into: &state, .customers(.openCustomer(id: id, name: name)), dependencies)
            case .orders(let status): reduce(into: &state, .orders(.applyFilter(OrdersFilter(status: status))), dependencies)
            case .customerOrders(let id, let name):
                reduce(into: &state, .orders(.applyFilter(OrdersFilter(customer: CustomerReference(id: id, name: name ?? "")))), dependencies)
            case .order(let id): reduce(into: &state, .orders(.openOrder(id: id)), dependencies)
            case .product(let id): reduce(into: &state, .products(.openProduct(id: id)), dependencies)
            case .productSearch(let text): reduce(into: &state, .products(.showSearch(text)), dependencies)
            }
        let origin = state.tab
        let switching = switchTab(to: destination.tab, &state, dependencies)
        state.returnTab = origin == destination.tab ? nil : origin
        return .merge(opening, switching)
    }

    /// Shows a notice for a few seconds, its keys written as the rep has bound them.
    private static func showToast(_ message: HintText, _ kind: Toast.Kind, _ state: inout AppState, _ dependencies: AppDependencies) -> Effect<AppAction> {
        let id = state.nextToastID
        state.nextToastID += 1
        state.toast = AppState.ToastMessage(id: id, message: message.resolved(state.keyOverrides), kind: kind)
        let sleep = dependencies.sleep
        return .run(id: toastEffect) { send in
            guard (try? await sleep(toastDuration)) != nil else { return }
            send(.toastExpired(id: id))
        }
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
            let overrides = state.keyOverrides
            if state.showsHelp {
                return AppKeymap.helpOverlay.applying(overrides).action(for: key, permissions: state.permissions).map { reduce(into: &state, $0, dependencies) } ?? .none
            }
            if let palette = state.palette {
                if let action = AppKeymap.palette.applying(overrides).action(for: key, permissions: state.permissions) { return reduce(into: &state, action, dependencies) }
                // Backspace on an empty line closes it, as in a shell's prompt.
                return reduce(into: &state, key == .backspace && palette.input.isEmpty ? .closePalette : .editPalette(key), dependencies)
            }
            let pane = Panes.route(state.tab)
            if let dialog = pane.dialog(state)?.applying(overrides) {
                // A dialog answers to its own keys (and, when it has a field, to typing) only: the
                // key that opened it, pressed again, does nothing.
                if let action = dialog.action(for: key, permissions: state.permissions) { return reduce(into: &state, action, dependencies) }
                return pane.capturedKey(key, state).map { reduce(into: &state, $0, dependencies) } ?? .none
            }
            if let action = pane.capturedKey(key, state) { return reduce(into: &state, action, dependencies) }
            guard let action = AppKeymap.action(for: key, on: state.tab, overrides, permissions: state.permissions) else { return .none }
            // Back from what a link opened goes back the way the rep came (briefing → order → Esc → briefing).
            // The origin first: comparing actions opens their payloads' types, at every key.
            if let origin = state.returnTab, action == pane.back {
                state.returnTab = nil
                let closing = reduce(into: &state, action, dependencies)
                return .merge(closing, switchTab(to: origin, &state, dependencies))
            }
            return reduce(into: &state, action, dependencies)
        }
    }

    private static func enterMain(_ state: inout AppState, _ saved: SavedSession, _ dependencies: AppDependencies) -> Effect<AppAction> {
        state.phase = .main
        state.session = saved
        state.login.isSubmitting = false
        state.login.message = nil
        // Fresh panes, laid out for the terminal (the start-up resize comes before the session).
        for pane in Panes.all { restart(pane.tab, &state) }
        if !AppTab.visible(to: state.permissions).contains(state.tab) { state.tab = .briefing }
        let states = dependencies.session.states
        let maintain = dependencies.session.maintain
        let connectivity = dependencies.session.connectivity
        let invalidations = dependencies.invalidations
        let prefetch = dependencies.prefetch
        // Only the pane on show works before the first frame: at a warm start its cached data is that
        // frame (`FirstFrame`). The session's watchers, the tab bar's cart count and the rest start once
        // it is drawn (`firstFrameDrawn`), so their work never comes between the two on the task thread.
        let load = loadIfNeeded(&state, dependencies)
        var background: [Effect<AppAction>] = [
            .run(id: sessionStatesEffect) { send in
                for await session in await states() { send(.sessionChanged(session)) }
            },
            .run(id: maintainEffect) { _ in await maintain() },
            .run(id: connectivityEffect) { send in
                for await online in connectivity() { send(.connectivityChanged(online: online)) }
            },
            .run(id: invalidationsEffect) { send in
                for await resource in await invalidations() { send(.invalidated(resource)) }
            },
            .run(id: prefetchEffect) { _ in await prefetch() },
        ]
        // The tab bar counts the cart's items from the start.
        if state.tab != .cart, state.permissions.contains(.cartWrite) {
            background.append(reduce(into: &state, .cart(.load), dependencies))
        }
        let shown = Panes.route(state.tab).shown(&state, dependencies)
        background.append(resumeCheckout(&state, dependencies))
        return .merge(load, shown, Effect.merge(background).after(dependencies.firstFrameDrawn))
    }

    /// A checkout whose answer was lost (in this run or an earlier one, or by `leora checkout`)
    /// completes as soon as the portal can answer.
    private static func resumeCheckout(_ state: inout AppState, _ dependencies: AppDependencies) -> Effect<AppAction> {
        guard state.permissions.contains(.cartWrite) else { return .none }
        return reduce(into: &state, .cart(.resumeCheckout), dependencies)
    }

    /// The pane on `tab` as it starts for this session, laid out for the terminal.
    private static func restart(_ tab: AppTab, _ state: inout AppState) {
        guard let session = state.session else { return }
        let pane = Panes.route(tab)
        pane.start(&state, session)
        pane.resized(&state, AppView.contentArea(width: state.screenWidth, height: state.screenHeight))
    }

    private static func leaveMain(_ state: inout AppState, reason: String?, _ dependencies: AppDependencies) -> Effect<AppAction> {
        let email = state.session?.user.email ?? state.login.email.text
        state.phase = .login
        state.session = nil
        state.showsHelp = false
        state.palette = nil
        state.login = LoginState(server: state.server, email: email)
        state.login.profile = state.profile
        state.login.message = reason
        let ended = dependencies.session.ended
        // Everything the session started ends with it, so no answer it was waiting for lands in the next one.
        return .merge([.cancel(session)] + Panes.all.map { .cancel($0.lifetime) } + [.run(id: sessionEndedEffect) { _ in await ended() }])
    }

    /// `:profile NAME`: everything the current profile started ends (its session's effects and every
    /// pane's, so no answer lands in the next profile), then the runtime swaps the profile's session,
    /// cache and server and answers with `.profileSwitched`.
    private static func leaveProfile(for name: String, _ state: inout AppState) -> Effect<AppAction> {
        state.showsHelp = false
        let cancels: [Effect<AppAction>] = [.cancel(restoreEffect), .cancel(sessionFileEffect), .cancel(session)] + Panes.all.map { .cancel($0.lifetime) }
        return .merge(cancels + [.terminal(.switchProfile(name))])
    }

    /// The profile the runtime switched to: a fresh app for it (the old panes dropped), its saved
    /// session restored, which draws its persisted cache first and then fetches (or the login screen).
    private static func enterProfile(_ profile: ProfileInfo, _ state: inout AppState, _ dependencies: AppDependencies) -> Effect<AppAction> {
        var fresh = AppState(server: profile.server, email: profile.email, profile: profile.name)
        fresh.profileNames = state.profileNames
        fresh.themeNames = state.themeNames
        fresh.keyOverrides = state.keyOverrides
        fresh.nextToastID = state.nextToastID
        fresh.toast = state.toast
        (fresh.screenWidth, fresh.screenHeight) = (state.screenWidth, state.screenHeight)
        state = fresh
        return .merge(
            reduce(into: &state, .resized(width: state.screenWidth, height: state.screenHeight), dependencies),
            reduce(into: &state, .started, dependencies),
            showToast("Profile \(profile.name): \(profile.server)", .info, &state, dependencies))
    }

    /// Loads the current pane the first time it is shown.
    private static func loadIfNeeded(_ state: inout AppState, _ dependencies: AppDependencies) -> Effect<AppAction> {
        Panes.route(state.tab).needsLoad(state) ? load(state.tab, &state, dependencies) : .none
    }

    /// Loads the pane on `tab`, if the user may see its data.
    private static func load(_ tab: AppTab, _ state: inout AppState, _ dependencies: AppDependencies) -> Effect<AppAction> {
        let pane = Panes.route(tab)
        guard pane.isAvailable(to: state.permissions) else { return .none }
        return reduce(into: &state, pane.load, dependencies)
    }

    /// Reads the pane on `tab` again once it has loaded (its cached data stays shown; the cache
    /// fetches what is stale); loads it when it never has.
    private static func revalidate(_ tab: AppTab, _ state: inout AppState, _ dependencies: AppDependencies) -> Effect<AppAction> {
        let pane = Panes.route(tab)
        guard pane.isAvailable(to: state.permissions) else { return .none }
        if pane.needsLoad(state) { return load(tab, &state, dependencies) }
        return pane.revalidate(state).map { reduce(into: &state, $0, dependencies) } ?? .none
    }

    /// Shows `tab`: loading it the first time, and after that reading it again (TanStack's refetch on
    /// mount: the cached data shows at once, and is fetched again when stale); what runs only while a
    /// pane is shown starts and stops with it.
    private static func switchTab(to tab: AppTab, _ state: inout AppState, _ dependencies: AppDependencies) -> Effect<AppAction> {
        let previous = state.tab
        state.tab = tab
        var effects = [previous != tab && state.phase == .main ? revalidate(tab, &state, dependencies) : loadIfNeeded(&state, dependencies)]
        if previous != tab {
            let left = Panes.route(previous)
            effects += [.cancel(left.shownLifetime), left.left(&state)]
            if state.phase == .main { effects.append(Panes.route(tab).shown(&state, dependencies)) }
        }
        return .merge(effects)
    }

    /// Whether `action` goes on offline: a cart change the offline queue takes.
    private static func queuesOffline(_ action: AppAction, _ dependencies: AppDependencies) -> Bool {
        guard let cart = action.action(of: CartScreen.self), dependencies.cart.queue != nil else { return false }
        return CartScreen.queuesOffline(cart)
    }

    /// Offline, cart changes are refused with a toast (nil when online).
    private static func refuseOffline(_ state: inout AppState, _ dependencies: AppDependencies) -> Effect<AppAction>? {
        guard !state.isOnline else { return nil }
        return reduce(into: &state, .showToast("You're offline — changes need a connection. Press \(keys: AppKeymap.refresh) to retry.", .warning), dependencies)
    }

    /// Adds an order's lines to the cart, first asking whether to add to the cart or replace it
    /// when it already has lines (an unknown cart counts as empty: adding loses nothing).
    private static func reorder(_ order: Order, mode: ReorderMode?, _ state: inout AppState, _ dependencies: AppDependencies) -> Effect<AppAction> {
        let cartHasLines = state.cart.cart.map { !$0.items.isEmpty } ?? false
        guard let mode = mode ?? (cartHasLines ? nil : .add) else {
            // The question shows on the pane the reorder came from.
            let question = ReorderQuestionAction.ask(order, cartCustomer: state.cart.cart?.customer)
            let ask: AppAction = state.tab == .customers ? .customers(.reorderQuestion(question)) : .orders(.reorderQuestion(question))
            return reduce(into: &state, ask, dependencies)
        }
        var inCart: [String: Int] = [:]
        for item in state.cart.items { inCart[item.productId, default: 0] += item.quantity }
        return Reorder.effect(order, mode: mode, inCart: inCart, dependencies)
    }
}

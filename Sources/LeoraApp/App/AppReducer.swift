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
    static let cartEffect = EffectID("cart.load")
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
            return .none

        case .selectTab(let tab):
            state.tab = tab
            return loadIfNeeded(&state, dependencies)

        case .nextTab, .previousTab:
            let count = AppTab.allCases.count
            let step = action == .nextTab ? 1 : count - 1
            state.tab = AppTab(rawValue: (state.tab.rawValue + step) % count) ?? .briefing
            return loadIfNeeded(&state, dependencies)

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
            guard let action = AppKeymap.active(state.tab).action(for: key, permissions: state.permissions) else { return .none }
            return reduce(into: &state, action, dependencies)
        }
    }

    private static func enterMain(_ state: inout AppState, _ saved: SavedSession, _ dependencies: AppDependencies) -> Effect<AppAction> {
        state.phase = .main
        state.session = saved
        state.login.isSubmitting = false
        state.login.message = nil
        state.briefing = BriefingState()
        state.orders = OrdersState()
        state.health = HealthState()
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
            let cart = dependencies.cart
            effects.append(
                .run(id: cartEffect) { send in
                    do {
                        send(.cartLoaded(itemCount: try await cart().itemCount))
                    } catch is CancellationError {
                    } catch {
                        send(.cartFailed(LoadFailure(error)))
                    }
                })
        }
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
            .cancel(HealthScreen.loadEffect), .cancel(OrdersScreen.detailEffect),
        ])
    }

    /// Loads the current pane the first time it is shown.
    private static func loadIfNeeded(_ state: inout AppState, _ dependencies: AppDependencies) -> Effect<AppAction> {
        switch state.tab {
        case .briefing where state.briefing.payload == nil && !state.briefing.isLoading: load(.briefing, &state, dependencies)
        case .orders where state.orders.total == nil && !state.orders.isLoading: load(.orders, &state, dependencies)
        case .health where state.health.report == nil && !state.health.isLoading: load(.health, &state, dependencies)
        default: .none
        }
    }

    private static func load(_ tab: AppTab, _ state: inout AppState, _ dependencies: AppDependencies) -> Effect<AppAction> {
        switch tab {
        case .briefing: reduce(into: &state, .briefing(.load), dependencies)
        case .orders where state.permissions.contains(Permission.ordersRead.rawValue): reduce(into: &state, .orders(.load), dependencies)
        case .health: reduce(into: &state, .health(.load), dependencies)
        default: .none
        }
    }
}

import Foundation
import LeoraKit
import PortalAPI
import TerminalUI

/// A pane of the main screen as the router composes it: its state, actions, keys, reducer and view,
/// and the few facts the router needs to load it, dispatch keys to it and hear from it. A new pane
/// is a file conforming to this (naming its tab, state and actions for the app: see `OrdersScreen`)
/// plus one entry in `Panes.all`.
protocol Pane {
    associatedtype State: PaneStateValue
    associatedtype Action: Sendable & Equatable

    static var tab: AppTab { get }
    /// The tab bar's name for it.
    static var title: String { get }
    /// What someone needs to see the tab at all; nil when everyone sees it (a pane whose data a role
    /// may not read still shows, with its `refusal`).
    static var tabPermission: Permission? { get }
    /// The lifetime every effect of the pane is named under (`orders` for `orders.page.3`): logging
    /// out cancels it whole; what runs only while the pane is shown lives under `shownLifetime`.
    static var lifetime: EffectID { get }
    /// What someone needs to see the pane's data; nil for everyone.
    static var permission: Permission? { get }
    /// Shown in place of the pane to someone without `permission`.
    static var refusal: String { get }
    static var keymap: Keymap { get }
    /// What the pane's "back" key does (closing a detail); nil when it has none. After a followed
    /// link it also goes back to the tab the link was on.
    static var backAction: Action? { get }
    /// The keys of every dialog the pane opens (for `?` and `config.yaml`).
    static var dialogKeymaps: Keymap { get }
    /// The keys of the dialog open now: while one is open they are the only keys that work.
    static func dialog(_ state: State) -> Keymap?
    /// The action for `key` while an input of the pane takes every key; nil when the keymap dispatches.
    static func capturedKey(_ key: Key, _ state: State) -> Action?

    /// The pane as it starts for a session.
    static func fresh(for session: SavedSession) -> State
    static var load: Action { get }
    /// Reads the pane's data again without losing what is shown, once it has loaded: sent when the
    /// pane is shown again, when what it reads is invalidated while it is on show, and on coming back
    /// online. The query cache fetches only what is stale. Nil: the pane never reads again by itself.
    static func revalidate(_ state: State) -> Action?
    /// The cached data the pane shows, made stale by `R`.
    static var resources: [QueryResource] { get }
    /// Where the pane's data stands (the status bar's "updated 2 min ago").
    static func loadState(_ state: State) -> LoadState
    /// Whether the pane has never been loaded (it loads the first time it is shown).
    static func needsLoad(_ state: State) -> Bool
    /// The selected row of the pane's list and the list's length, for the status bar; nil when no
    /// list shows (a detail is open) or nothing is selected.
    static func position(_ state: State) -> ListPosition?
    /// The keys the footer names for what is shown: a detail's own, not the list's.
    static func footer(_ state: State) -> Keymap
    /// Whether something is being fetched or saved (the spinner).
    static func isBusy(_ state: State) -> Bool
    /// Lays the pane out in the area it is drawn in.
    static func resized(_ state: inout State, to area: Rect)

    static func reduce(into state: inout State, _ action: Action, _ dependencies: AppDependencies) -> Effect<Action>
    static func render(_ state: State, context: RenderContext, into buffer: inout Buffer, area: Rect)
    /// The delegate request an action carries, if it is one.
    static func delegate(_ action: Action) -> PaneDelegate?
    /// What an action (an answer from the portal) says about the connection.
    static func reachability(_ action: Action) -> Reachability?
    /// Whether the action changes something on the portal (refused while offline).
    static func needsConnection(_ action: Action) -> Bool
    /// Work that runs only while the pane is shown, under `shownLifetime` (cancelled when it is left).
    static func shown(_ state: inout State, _ dependencies: AppDependencies) -> Effect<Action>
    static func left(_ state: inout State) -> Effect<Action>
    /// Selecting the row under a click at `y` in the pane's area, if there is one.
    static func click(atY y: Int, x: Int, in state: State, area: Rect, keys: KeyOverrides) -> Action?
}

extension Pane {
    static var shownLifetime: EffectID { lifetime.appending("shown") }
    static var resources: [QueryResource] { [] }
    static func revalidate(_ state: State) -> Action? { nil }
    static func needsLoad(_ state: State) -> Bool { loadState(state).needsLoad }
    static func isBusy(_ state: State) -> Bool { loadState(state).isLoading }
    static var permission: Permission? { nil }
    static var tabPermission: Permission? { nil }
    static var refusal: String { "" }
    static var dialogKeymaps: Keymap { Keymap([]) }
    static var backAction: Action? { nil }
    static func position(_ state: State) -> ListPosition? { nil }
    static func footer(_ state: State) -> Keymap { keymap }
    static func dialog(_ state: State) -> Keymap? { nil }
    static func capturedKey(_ key: Key, _ state: State) -> Action? { nil }
    static func resized(_ state: inout State, to area: Rect) {}
    static func needsConnection(_ action: Action) -> Bool { false }
    static func shown(_ state: inout State, _ dependencies: AppDependencies) -> Effect<Action> { .none }
    static func left(_ state: inout State) -> Effect<Action> { .none }
    static func click(atY y: Int, x: Int, in state: State, area: Rect, keys: KeyOverrides) -> Action? { nil }
}

/// One pane, seen from the app: its `Pane` requirements applied to the app's state and actions.
/// A class: the router looks a pane up several times a key, and a copy would retain every closure.
final class PaneRoute {
    let tab: AppTab
    let title: String
    let tabPermission: Permission?
    let lifetime: EffectID
    let shownLifetime: EffectID
    let permission: Permission?
    let refusal: String
    let keymap: Keymap
    let back: AppAction?
    let dialogKeymaps: Keymap
    let dialog: (AppState) -> Keymap?
    let capturedKey: (Key, AppState) -> AppAction?
    let start: (inout AppState, SavedSession) -> Void
    let load: AppAction
    let revalidate: (AppState) -> AppAction?
    let resources: [QueryResource]
    let needsLoad: (AppState) -> Bool
    let isBusy: (AppState) -> Bool
    let updatedAt: (AppState) -> Date?
    let position: (AppState) -> ListPosition?
    let footer: (AppState) -> Keymap
    let resized: (inout AppState, Rect) -> Void
    let render: (AppState, RenderContext, inout Buffer, Rect) -> Void
    let shown: (inout AppState, AppDependencies) -> Effect<AppAction>
    let left: (inout AppState) -> Effect<AppAction>
    let click: (Int, Int, AppState, Rect) -> AppAction?
    /// The pane's part of an app action, erased: nil when the action is not this pane's.
    let extract: (AppAction) -> Routed?

    /// A pane action as the router handles it.
    struct Routed {
        let delegate: PaneDelegate?
        let reachability: Reachability?
        let needsConnection: Bool
        let reduce: (inout AppState, AppDependencies) -> Effect<AppAction>
    }

    init<P: Pane>(_ pane: P.Type) {
        let paneTab = P.tab
        let embed: @Sendable (P.Action) -> AppAction = { .pane(PaneAction(tab: paneTab, $0)) }
        tab = P.tab
        title = P.title
        tabPermission = P.tabPermission
        lifetime = P.lifetime
        shownLifetime = P.shownLifetime
        permission = P.permission
        refusal = P.refusal
        keymap = P.keymap
        back = P.backAction.map(embed)
        dialogKeymaps = P.dialogKeymaps
        dialog = { P.dialog($0[pane: P.self]) }
        capturedKey = { key, app in P.capturedKey(key, app[pane: P.self]).map(embed) }
        start = { app, session in app[pane: P.self] = P.fresh(for: session) }
        load = embed(P.load)
        revalidate = { P.revalidate($0[pane: P.self]).map(embed) }
        resources = P.resources
        needsLoad = { P.needsLoad($0[pane: P.self]) }
        isBusy = { P.isBusy($0[pane: P.self]) }
        updatedAt = { P.loadState($0[pane: P.self]).updatedAt }
        position = { P.position($0[pane: P.self]) }
        footer = { P.footer($0[pane: P.self]) }
        resized = { app, area in P.resized(&app[pane: P.self], to: area) }
        render = { app, context, buffer, area in P.render(app[pane: P.self], context: context, into: &buffer, area: area) }
        shown = { app, dependencies in
            let effect = P.shown(&app[pane: P.self], dependencies)
            assert(effect.runIDs.allSatisfy { $0.isWithin(P.shownLifetime) }, "\(P.self) ran \(effect.runIDs) outside \(P.shownLifetime)")
            return effect.map(embed)
        }
        left = { app in P.left(&app[pane: P.self]).map(embed) }
        click = { y, x, app, area in P.click(atY: y, x: x, in: app[pane: P.self], area: area, keys: app.keyOverrides).map(embed) }
        self.extract = { app in
            app.action(of: P.self).map { action in
                Routed(
                    delegate: P.delegate(action), reachability: P.reachability(action), needsConnection: P.needsConnection(action),
                    reduce: { app, dependencies in
                        let effect = P.reduce(into: &app[pane: P.self], action, dependencies)
                        assert(effect.runIDs.allSatisfy { $0.isWithin(P.lifetime) }, "\(P.self) ran \(effect.runIDs) outside \(P.lifetime)")
                        return effect.map(embed)
                    })
            }
        }
    }

    /// Whether someone holding `permissions` sees the pane's data.
    func isAvailable(to permissions: Set<Permission>) -> Bool { permission.map(permissions.contains) ?? true }
}

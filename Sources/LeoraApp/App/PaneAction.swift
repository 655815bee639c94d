/// A pane's own action inside an app action: `.orders(.load)` is `OrdersScreen`'s `.load`.
public struct PaneAction: Sendable, Equatable, CustomStringConvertible {
    public let tab: AppTab
    private let action: any Sendable & Equatable

    init<P: Pane>(_ pane: P.Type, _ action: P.Action) { self.init(tab: P.tab, action) }

    init(tab: AppTab, _ action: any Sendable & Equatable) {
        self.tab = tab
        self.action = action
    }

    /// The action, when it is `pane`'s.
    func action<P: Pane>(of pane: P.Type) -> P.Action? { tab == P.tab ? action as? P.Action : nil }

    public static func == (lhs: PaneAction, rhs: PaneAction) -> Bool { lhs.tab == rhs.tab && equal(lhs.action, rhs.action) }

    public var description: String { "\(tab.name)(\(action))" }
}

extension AppAction {
    /// `pane`'s own action, when this is one.
    func action<P: Pane>(of pane: P.Type) -> P.Action? {
        if case .pane(let routed) = self { routed.action(of: pane) } else { nil }
    }
}

/// Whether two values of unknown types are the same value of the same type.
private func equal(_ lhs: any Equatable, _ rhs: any Equatable) -> Bool {
    func same<A: Equatable>(_ lhs: A) -> Bool { (rhs as? A) == lhs }
    return same(lhs)
}

/// A pane's own action inside an app action: `.orders(.load)` is `OrdersScreen`'s `.load`.
public struct PaneAction: Sendable, Equatable, CustomStringConvertible {
    public let tab: AppTab
    private let box: AnyPaneActionBox

    init<P: Pane>(_ pane: P.Type, _ action: P.Action) { self.init(tab: P.tab, action) }

    init<Action: Sendable & Equatable>(tab: AppTab, _ action: Action) {
        self.tab = tab
        box = PaneActionBox(action)
    }

    /// The action, when it is `pane`'s. Every key asks this of the panes in turn: the box's type is told
    /// by comparing one identifier, not by a dynamic cast.
    func action<P: Pane>(of pane: P.Type) -> P.Action? {
        guard tab == P.tab, box.type == ObjectIdentifier(P.Action.self) else { return nil }
        return unsafeDowncast(box, to: PaneActionBox<P.Action>.self).value
    }

    public static func == (lhs: PaneAction, rhs: PaneAction) -> Bool { lhs.tab == rhs.tab && lhs.box.isEqual(to: rhs.box) }

    public var description: String { "\(tab.name)(\(box.described))" }
}

extension AppAction {
    /// `pane`'s own action, when this is one.
    func action<P: Pane>(of pane: P.Type) -> P.Action? {
        if case .pane(let routed) = self { routed.action(of: pane) } else { nil }
    }
}

/// An action of some pane, its type named by `type`.
private class AnyPaneActionBox: @unchecked Sendable {
    /// `ObjectIdentifier` of the action's type.
    let type: ObjectIdentifier
    init(type: ObjectIdentifier) { self.type = type }
    func isEqual(to other: AnyPaneActionBox) -> Bool { fatalError("overridden") }
    var described: String { fatalError("overridden") }
}

/// Immutable, so sharing it is safe.
private final class PaneActionBox<Action: Sendable & Equatable>: AnyPaneActionBox, @unchecked Sendable {
    let value: Action

    init(_ value: Action) {
        self.value = value
        super.init(type: ObjectIdentifier(Action.self))
    }

    override func isEqual(to other: AnyPaneActionBox) -> Bool {
        other.type == type && unsafeDowncast(other, to: PaneActionBox<Action>.self).value == value
    }

    override var described: String { "\(value)" }
}

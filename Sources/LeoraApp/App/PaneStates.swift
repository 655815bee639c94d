/// What a pane's state must be to be kept by the app: a fresh one is `init()`.
protocol PaneStateValue: Sendable, Equatable {
    init()
}

/// Every pane's state, kept by its tab, so the app's state holds panes it does not name. A pane not
/// yet touched reads as fresh (`init()`).
public struct PaneStates: Sendable, Equatable {
    private var states: [AppTab: any PaneStateValue] = [:]

    public init() {}

    subscript<P: Pane>(pane pane: P.Type) -> P.State {
        get { states[P.tab].flatMap { $0 as? P.State } ?? P.State() }
        // Moved out and back, so that changing a pane's rows never copies them.
        _modify {
            var state = states.removeValue(forKey: P.tab).flatMap { $0 as? P.State } ?? P.State()
            defer { states[P.tab] = state }
            yield &state
        }
    }

    /// Equal when every pane's state is; a pane never touched equals a fresh one.
    public static func == (lhs: PaneStates, rhs: PaneStates) -> Bool {
        Set(lhs.states.keys).union(rhs.states.keys).allSatisfy { tab in
            switch (lhs.states[tab], rhs.states[tab]) {
            case let (left?, right?): equal(left, right)
            case let (only?, nil), let (nil, only?): equal(only, type(of: only).init())
            case (nil, nil): true
            }
        }
    }
}

/// Whether two values of unknown types are the same value of the same type.
func equal(_ lhs: any Equatable, _ rhs: any Equatable) -> Bool {
    func same<A: Equatable>(_ lhs: A) -> Bool { (rhs as? A) == lhs }
    return same(lhs)
}

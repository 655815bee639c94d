import LeoraKit
import PortalAPI
import Testing
import TerminalUI

@testable import LeoraApp

/// A pane is its own file plus a line in `Panes.all`: everything the router needs comes from its
/// `Pane` conformance. A pane declared here, known to no other file, is routed, kept and compared.
@Suite struct PaneRegistryTests {
    @Test func aPaneKnownOnlyToItsOwnFileIsRoutedToItsState() {
        let route = PaneRoute(CounterPane.self)
        var app = AppState(server: "http://127.0.0.1")
        #expect(app[pane: CounterPane.self] == CounterState())
        #expect(route.tab == .counter && route.title == "Counter")

        let routed = route.extract(.counter(.add(3)))
        #expect(routed != nil)
        _ = routed?.reduce(&app, Fixtures.dependencies())
        #expect(app[pane: CounterPane.self].total == 3)
        #expect(route.extract(.orders(.load)) == nil)
        #expect(route.extract(.counter(.add(1)))?.delegate == nil)
    }

    @Test func anActionIsItsPanesOnly() {
        #expect(AppAction.counter(.add(1)).action(of: CounterPane.self) == .add(1))
        #expect(AppAction.counter(.add(1)).action(of: OrdersScreen.self) == nil)
        #expect(AppAction.orders(.load).action(of: OrdersScreen.self) == .load)
        #expect(AppAction.counter(.add(1)) == .counter(.add(1)))
        #expect(AppAction.counter(.add(1)) != .counter(.add(2)))
    }

    @Test func aCopyOfTheStatesChangesAloneAsAValueDoes() {
        var first = PaneStates()
        first[pane: CounterPane.self].total = 1
        var second = first
        #expect(second == first)
        second[pane: CounterPane.self].total = 2
        #expect(first[pane: CounterPane.self].total == 1)
        #expect(second[pane: CounterPane.self].total == 2)
        #expect(second != first)
        second[pane: CounterPane.self].total = 1
        #expect(second == first, "equal by value in boxes of their own")
    }

    @Test func statesCompareByValueAndAnUntouchedPaneEqualsAFreshOne() {
        var changed = PaneStates()
        changed[pane: CounterPane.self].total = 2
        #expect(changed != PaneStates())

        var touched = PaneStates()
        touched[pane: CounterPane.self] = CounterState()
        #expect(touched == PaneStates())
        #expect(PaneStates() == touched)

        changed[pane: CounterPane.self].total = 0
        #expect(changed == PaneStates())
    }
}

private struct CounterState: PaneStateValue {
    var total = 0
}

private enum CounterAction: Sendable, Equatable {
    case add(Int)
}

extension AppTab {
    fileprivate static let counter = AppTab("counter")
}

extension AppAction {
    fileprivate static func counter(_ action: CounterAction) -> AppAction { .pane(PaneAction(CounterPane.self, action)) }
}

private enum CounterPane: Pane {
    static let tab = AppTab.counter
    static let title = "Counter"
    static let lifetime = EffectID("counter")
    static let keymap = Keymap([])
    static var load: CounterAction { .add(0) }

    static func fresh(for session: SavedSession) -> CounterState { CounterState() }
    static func loadState(_ state: CounterState) -> LoadState { LoadState() }
    static func reduce(into state: inout CounterState, _ action: CounterAction, _ dependencies: AppDependencies) -> Effect<CounterAction> {
        switch action {
        case .add(let amount): state.total += amount
        }
        return .none
    }
    static func render(_ state: CounterState, context: RenderContext, into buffer: inout Buffer, area: Rect) {}
    static func delegate(_ action: CounterAction) -> PaneDelegate? { nil }
    static func reachability(_ action: CounterAction) -> Reachability? { nil }
}

import LeoraKit
import PortalAPI
import TerminalUI
import Testing

@testable import LeoraApp

/// Numbers that reach the screens out of range (from a cache written by an older version, or a
/// fake) still never trap them.
@Suite struct HostileNumbersScreenTests {
    let dependencies = Fixtures.dependencies()

    @Test func aNegativeTotalThenJ() {
        var state = OrdersState()
        _ = OrdersScreen.reduce(into: &state, .load, dependencies)
        _ = OrdersScreen.reduce(into: &state, .pageLoaded(OrdersPageResult(orders: [], page: 1, total: -1), filter: OrdersFilter()), dependencies)
        _ = OrdersScreen.reduce(into: &state, .navigate(.by(1)), dependencies)
        _ = OrdersScreen.reduce(into: &state, .navigate(.last), dependencies)
        #expect(state.table.selected == nil)
        var app = Fixtures.mainState(tab: .orders)
        app.orders = state
        #expect(screenContains(Fixtures.render(app), "No orders yet."))
    }

    @Test func aTotalOfIntMaxThenG() {
        var state = OrdersState()
        _ = OrdersScreen.reduce(into: &state, .load, dependencies)
        let orders = (0..<50).map { Fixtures.order(10_000 + $0) }
        _ = OrdersScreen.reduce(into: &state, .pageLoaded(OrdersPageResult(orders: orders, page: 1, total: .max), filter: OrdersFilter()), dependencies)
        let effect = OrdersScreen.reduce(into: &state, .navigate(.last), dependencies)
        #expect(state.table.selected == Int.max - 1)
        #expect(effect.runIDs.contains(OrdersScreen.pageEffect(Int.max / OrdersState.pageSize + 1)), "the last page is fetched")
        var app = Fixtures.mainState(tab: .orders)
        app.orders = state
        // Taller than the state's 15 rows: the table scrolls from its own height.
        let lines = Fixtures.render(app, width: 120, height: 35)
        #expect(screenContains(lines, "…"))
    }

    @Test func aCartLineAtIntMaxThenPlusThenMinus() async {
        var cart = Fixtures.cart()
        cart.items[0].quantity = .max
        cart.items[0].lineTotalCents = .max
        cart.itemCount = .max
        let recorder = CallRecorder<Int>()
        let hostile = cart
        let dependencies = Fixtures.dependencies(setCartQuantity: { _, quantity in
            await recorder.record(quantity)
            var answer = hostile
            answer.items[0].quantity = quantity
            return answer
        })
        await dependencies.cart.cache.setQueryData(PortalQueryKeys.cart, cart)
        let store = TestStore(CartState()) { CartScreen.reduce(into: &$0, $1, dependencies) }
        store.exhaustivity = .off
        store.send(.load)
        await store.skipReceivedActions(until: { $0.cart != nil })
        store.send(.increment)
        await store.skipReceivedActions(until: \.isSaved)
        store.send(.decrement)
        await store.skipReceivedActions(until: { $0.isSaved && $0.cart?.items[0].quantity == .max - 1 })
        #expect(await recorder.values == [.max, .max - 1], "plus stays at the largest quantity; minus is one fewer")
        #expect(CartScreen.quantityText(cart.items[0], packSizes: ["prd_1": 12]) == "\(Int.max) cs (\(Int.max) btl)")
        await store.finish()
    }
}

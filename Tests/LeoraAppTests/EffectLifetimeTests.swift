import Foundation
import LeoraKit
import PortalAPI
import Synchronization
import Testing

@testable import LeoraApp

/// A call that waits until the test lets it answer (whatever cancellation says meanwhile).
final class Gate: Sendable {
    private let state = Mutex<(isOpen: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    func wait() async {
        await withCheckedContinuation { continuation in
            let passes = state.withLock { state in
                if !state.isOpen { state.waiters.append(continuation) }
                return state.isOpen
            }
            if passes { continuation.resume() }
        }
    }

    func open() {
        let waiters = state.withLock { state in
            state.isOpen = true
            defer { state.waiters = [] }
            return state.waiters
        }
        waiters.forEach { $0.resume() }
    }
}

/// Waits (polling) until `condition` holds; records an issue after `timeout`.
func eventually(_ what: String, timeout: Duration = .seconds(60), _ condition: () -> Bool, sourceLocation: SourceLocation = #_sourceLocation) async {
    let deadline = ContinuousClock.now + timeout
    while !condition() {
        guard ContinuousClock.now < deadline else {
            Issue.record("Timed out waiting for \(what)", sourceLocation: sourceLocation)
            return
        }
        try? await Task.sleep(for: .milliseconds(5))
    }
}

/// Effects end with their lifetime: cancelling an id ends every effect under it, and what they
/// sent — even already queued — never reaches the reducer.
@Suite struct EffectLifetimeTests {
    @Test func idsNameTheirLifetimeFirst() {
        let orders = EffectID("orders")
        #expect(OrdersScreen.pageEffect(3) == EffectID("orders.page.3"))
        #expect(OrdersScreen.pageEffect(3).isWithin(orders))
        #expect(orders.isWithin(orders))
        #expect(!EffectID("ordersummary").isWithin(orders), "a lifetime is a whole path part")
        #expect(!orders.isWithin(OrdersScreen.pageEffect(3)))
        #expect(CartScreen.changeEffect(1) != CartScreen.changeEffect(2), "cart changes never replace each other")
        for pane in Panes.all { #expect(pane.lifetime == EffectID("\(pane.tab)")) }
    }

    @Test func cancellingALifetimeEndsEverythingUnderItAndDropsWhatItSent() async {
        let queue = ActionQueue<Int>(wake: {})
        let runner = EffectRunner(queue: queue)
        let gate = Gate()
        let sentFirst = Mutex(false)
        _ = runner.perform(
            .merge(
                .run(id: EffectID("orders.page.1")) { send in
                    send(1)
                    sentFirst.withLock { $0 = true }
                    await gate.wait()
                    send(2)
                },
                .run(id: EffectID("ordersummary")) { send in
                    await gate.wait()
                    send(10)
                }))
        await eventually("the first action to be queued") { sentFirst.withLock { $0 } }
        _ = runner.perform(.cancel(EffectID("orders")))
        #expect(runner.runningIDs == [EffectID("ordersummary")])
        #expect(queue.drain() == [], "queued before the cancel, dropped all the same")
        gate.open()
        var received: [Int] = []
        await eventually("the other lifetime's answer") {
            received += queue.drain()
            return received.contains(10)
        }
        try? await Task.sleep(for: .milliseconds(50))
        received += queue.drain()
        #expect(received == [10])
    }

    /// The rep logs out while a cart change and a page of orders are still on their way, and logs
    /// in again: neither answer, when it finally comes, shows in the new session.
    @Test func nothingFromASessionLandsInTheNext() async {
        let gate = Gate()
        let firstCalls = Mutex((page: true, change: true))
        let dependencies = Fixtures.dependencies(
            orders: { _, page, _ in
                if firstCalls.withLock({ calls in defer { calls.page = false }; return calls.page }) {
                    await gate.wait()
                    return OrdersPageResult(orders: [Fixtures.order(1)], page: 1, total: 1)
                }
                return OrdersPageResult(orders: (0..<50).map { Fixtures.order(10_000 + $0) }, page: page, total: 120)
            },
            cart: { Fixtures.cart() },
            setCartQuantity: { id, _ in
                if firstCalls.withLock({ calls in defer { calls.change = false }; return calls.change }) { await gate.wait() }
                var cart = CartEstimate.setting(id, quantity: 99, in: Fixtures.cart()) ?? Fixtures.cart()
                cart.version = 99
                return cart
            })
        var initial = AppState(server: "http://127.0.0.1:8787")
        initial.tab = .orders
        let store = AppStore(state: initial, dependencies: dependencies)
        store.send(.resized(width: 80, height: 24))
        store.send(.sessionRestored(.loggedIn(Fixtures.session())))
        await eventually("the cart") {
            store.receive()
            return store.state.cart.cart != nil
        }
        store.send(.selectTab(.cart))
        store.send(.key(.character("+")))
        store.send(.selectTab(.orders))
        await eventually("the change shown") {
            store.receive()
            return store.state.cart.cart?.items.first?.quantity == 4
        }
        #expect(store.runningEffects.contains(OrdersScreen.pageEffect(1)))
        #expect(store.runningEffects.contains(CartScreen.changeEffect(1)))

        store.send(.sessionChanged(.loggedOut(reason: nil)))
        #expect(store.state.phase == .login)
        #expect(store.runningEffects.allSatisfy { $0.isWithin(EffectID("auth")) || $0.isWithin(EffectID("app")) }, "\(store.runningEffects)")

        store.send(.sessionChanged(.loggedIn(Fixtures.session())))
        await eventually("the new session's orders and cart") {
            store.receive()
            return store.state.orders.total != nil && store.state.cart.cart != nil
        }
        gate.open()
        for _ in 0..<20 {
            store.receive()
            try? await Task.sleep(for: .milliseconds(10))
        }
        #expect(store.state.orders.total == 120)
        #expect(store.state.orders.order(at: 0)?.orderNumber == "NW-10000")
        #expect(store.state.cart.cart == Fixtures.cart(), "the old change's answer never landed")
        #expect(store.state.cart.pendingChanges == 0)
        #expect(store.state.toast == nil)
        store.cancelAll()
    }
}

import Foundation
import PortalAPI
import PortalTestSupport
import Testing

@testable import LeoraApp
@testable import TerminalUI

/// Issue 13: a repeated key's outcome is worked out before it comes (`AppStore.preview`, the runtime's
/// `PreparedMotion`); taken when it comes, it is exactly what sending the key then does.
@Suite struct AppStorePreviewTests {
    /// Random list keys on a real portal's 1,000 orders — moves by a row, by a page, to either end (which
    /// fetch pages), the detail opened and closed — each sent to one store and taken as a preview by a
    /// twin that started from the same state: after every key the two states are equal, and once the
    /// pages the keys asked for have come (the effects the twin started from previews), they still are.
    @Test func aPreviewTakenIsTheKeySent() async throws {
        try await withServer({ $0.seed = "bench:1000" }) { server in
            let app = try await LiveApp(server)
            defer { app.stop() }
            try await app.settle("the briefing") { $0.phase == .main }
            app.send(.selectTab(.orders))
            try await app.settle("the first page") { $0.orders.pages[1] != nil }
            let twin = AppStore(state: app.state, dependencies: app.dependencies)
            defer { twin.cancelAll() }

            let navigation = OrdersScreen.keymap.bindings.filter { binding in
                if case .navigate? = binding.action.action(of: OrdersScreen.self) { true } else { false }
            }.flatMap(\.keys)
            let keys = navigation + [.enter, .escape]
            #expect(navigation.count >= 8, "\(navigation)")
            var generator = SystemRandomNumberGenerator()
            for step in 0..<120 {
                let key = keys.randomElement(using: &generator)!
                let preview = try #require(twin.preview(.key(key)), "step \(step): \(key)")
                #expect(twin.state == app.state, "a preview changes nothing")
                app.send(.key(key))
                var shown = false
                let requests = twin.send(preview) { shown = true }
                #expect(requests?.isEmpty == true && shown, "step \(step): \(key)")
                #expect(twin.state == app.state, "step \(step): \(key)")
                if twin.state != app.state { return }
            }
            let deadline = ContinuousClock.now + .seconds(60)
            while !Self.rowsOnScreenLoaded(app.state.orders) || twin.state.orders.pages != app.state.orders.pages {
                app.store.receive()
                twin.receive()
                guard ContinuousClock.now < deadline else { throw TestFailure("the pages asked for never came to both") }
                try await Task.sleep(for: .milliseconds(5))
            }
            #expect(twin.state.orders.table == app.state.orders.table)
        }
    }

    static func rowsOnScreenLoaded(_ orders: OrdersState) -> Bool {
        orders.table.visibleRange(visibleRows: orders.visibleRows, rowCount: orders.rowCount).allSatisfy { orders.order(at: $0) != nil }
    }

    /// A preview made before another action was sent is not taken: nothing changes, nothing is shown.
    @Test func aStalePreviewIsRefused() {
        let store = AppStore(state: MotionRedrawTests.ordersApp(width: 120, height: 35), dependencies: Fixtures.dependencies())
        defer { store.cancelAll() }
        let preview = store.preview(.key(.character("j")))
        #expect(preview?.state.orders.table.selected == 1)
        store.send(.key(.character("k")))
        let after = store.state
        var shown = false
        #expect(store.send(try! #require(preview)) { shown = true } == nil)
        #expect(!shown)
        #expect(store.state == after)
    }

    /// An outcome that depends on when the action comes (its reducer reads the clock) has no preview.
    @Test func noPreviewWhenTheReducerReadsTheClock() {
        let store = AppStore(state: MotionRedrawTests.ordersApp(width: 120, height: 35), dependencies: Fixtures.dependencies())
        defer { store.cancelAll() }
        let page = OrdersPageResult(orders: (0..<50).map { Fixtures.order($0) }, page: 1, total: 140)
        #expect(store.preview(.orders(.pageLoaded(page, filter: OrdersFilter()))) == nil, "stamped with the clock: updated now")
        #expect(store.preview(.orders(.pageLoaded(page, filter: OrdersFilter(), updatedAt: Fixtures.now))) != nil)
    }
}

/// The runtime takes a prepared frame only while the clock text it was drawn with is right.
@Suite struct PreparedMotionTests {
    @Test func itsClockTextHoldsFromItsDrawingUntilItChanges() {
        let madeAt = Fixtures.now
        let until = madeAt.addingTimeInterval(30)
        #expect(PreparedMotion.clockTextHolds(madeAt: madeAt, validUntil: until, at: madeAt))
        #expect(PreparedMotion.clockTextHolds(madeAt: madeAt, validUntil: until, at: madeAt.addingTimeInterval(29.9)))
        #expect(!PreparedMotion.clockTextHolds(madeAt: madeAt, validUntil: until, at: until), "its \"updated … ago\" changed")
        // A wall clock set back (NTP) would show an age the frame was not drawn for.
        #expect(!PreparedMotion.clockTextHolds(madeAt: madeAt, validUntil: until, at: madeAt.addingTimeInterval(-125)), "the clock set back")
        #expect(PreparedMotion.clockTextHolds(madeAt: madeAt, validUntil: nil, at: madeAt.addingTimeInterval(86_400)), "no clock text")
    }
}

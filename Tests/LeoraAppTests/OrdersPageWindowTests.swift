import Foundation
import LeoraKit
import PortalAPI
import Synchronization
import TerminalUI
import Testing

@testable import LeoraApp

/// The orders list keeps a window of pages around the selection however far the rep walks, and a
/// page dropped from it is fetched again (and shows the right rows) when the selection comes back.
@Suite struct OrdersPageWindowTests {
    static let total = 10_000
    /// Pages asked of the fake portal, in order.
    final class Asked: Sendable {
        let pages = Mutex<[Int]>([])
        func withLock<T: Sendable>(_ body: (inout [Int]) -> T) -> T { pages.withLock { body(&$0) } }
    }
    let asked = Asked()

    var dependencies: AppDependencies {
        let asked = self.asked
        return Fixtures.dependencies(orders: { _, page, limit in
            asked.withLock { $0.append(page) }
            let start = (page - 1) * limit
            return OrdersPageResult(orders: (start..<min(start + limit, Self.total)).map { Fixtures.order(100_000 + $0) }, page: page, total: Self.total)
        })
    }

    func reduce(_ state: inout OrdersState, _ action: OrdersAction, _ dependencies: AppDependencies) async {
        let effect = OrdersScreen.reduce(into: &state, action, dependencies)
        for next in await effect.collectActions() { await reduce(&state, next, dependencies) }
    }

    @Test func walkingEveryPageKeepsAWindowAndWalkingBackFetchesDroppedPagesAgain() async {
        let dependencies = self.dependencies
        var state = OrdersState()
        state.area = Rect(x: 0, y: 1, width: 80, height: 21)
        await reduce(&state, .load, dependencies)
        await reduce(&state, .navigate(.last), dependencies)
        #expect(state.table.selected == Self.total - 1)
        // PgUp to the first order: every page is fetched on the way and the list never holds more than the window.
        var steps = 0
        while state.table.selected != 0 {
            await reduce(&state, .navigate(.pageUp), dependencies)
            #expect(state.pages.count <= OrdersState.keptPages)
            let shown = state.table.visibleRange(visibleRows: state.visibleRows, rowCount: state.rowCount)
            #expect(shown.allSatisfy { state.order(at: $0)?.orderNumber == "NW-\(100_000 + $0)" }, "every row on screen is loaded, and the right one")
            steps += 1
            if steps > Self.total { break }
        }
        let pages = Self.total / OrdersState.pageSize
        #expect(Set(asked.withLock { $0 }) == Set(1...pages))
        #expect(state.pages.keys.allSatisfy { $0 <= OrdersState.keptPages })
        #expect(OrdersScreen.position(state) == ListPosition(selected: 0, count: Self.total))

        // The last page was dropped long ago: going back there fetches it again and shows its rows.
        let before = asked.withLock { $0.count }
        await reduce(&state, .navigate(.last), dependencies)
        #expect(asked.withLock { Array($0[before...]) } == [pages])
        #expect(state.selectedOrder?.orderNumber == "NW-\(100_000 + Self.total - 1)")
        #expect(OrdersScreen.position(state) == ListPosition(selected: Self.total - 1, count: Self.total))
        #expect(state.pages[1] == nil, "the first page is far from the selection now")
    }
}

import Benchmark
import Foundation
import LeoraApp
import LeoraKit
import PortalAPI
import TerminalUI

/// B6: the hot paths, each timed and its allocations counted. Throughput is listed because the JMH
/// export `make bench` reads requires it.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        warmupIterations: 10,
        maxDuration: .seconds(2),
        maxIterations: 10_000
    )

    let state = Fixtures.ordersState()

    // What the loop does for a frame: render the whole app into a fresh 120×35 buffer.
    Benchmark("render orders frame 120x35") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(Fixtures.frame(state))
        }
    }

    // The two frames are rendered separately, as the loop does, so they share no storage.
    let previous = Fixtures.frame(state)
    let unchanged = Fixtures.frame(state)
    Benchmark("diff unchanged frame 120x35") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(unchanged.diff(from: previous))
        }
    }

    var moved = state
    moved.orders.table.selected = 8
    let next = Fixtures.frame(moved)
    Benchmark("diff frame after j 120x35") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(next.diff(from: previous))
        }
    }

    // Which rows differ after `j`: the rows are compared before any cell is.
    Benchmark("changed rows after j 120x35") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(next.changedRows(from: previous))
        }
    }

    // A key's whole cost short of the terminal: render the frame after `j`, then diff it with the last.
    Benchmark("render and diff after j 120x35") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(Fixtures.frame(moved).diff(from: previous))
        }
    }

    // `j` on the last row shown: the list scrolls by one, so every row of the table moves (B2's case). The two
    // frames alternate, as `j` and `k` would, so every row is one the table drew before. As the terminal
    // does: find the rows that moved a line, and diff what is left after scrolling them.
    var bottom = state
    bottom.orders.table = TableState(selected: bottom.orders.visibleRows - 1)
    var scrolled = bottom
    scrolled.orders.table.apply(.by(1), rowCount: scrolled.orders.rowCount, visibleRows: scrolled.orders.visibleRows)
    var scrolledPrevious = Fixtures.frame(bottom)
    var scrolls = [bottom, scrolled]
    Benchmark("render and diff after j that scrolls 120x35") { benchmark in
        for _ in benchmark.scaledIterations {
            scrolls.swapAt(0, 1)
            let frame = Fixtures.frame(scrolls[0])
            blackHole(frame.diff(from: scrolledPrevious, after: frame.rowShift(from: scrolledPrevious)))
            scrolledPrevious = frame
        }
    }

    // One order changes each frame (a new total): its row is formatted and drawn again, the others are copied.
    // Less the unchanged frame's figures, what one changed row costs.
    var changing = state
    var cents = 0
    Benchmark("render orders frame with one changed row 120x35") { benchmark in
        for _ in benchmark.scaledIterations {
            cents += 1
            changing.orders.window.update(1) { $0[3].totalCents = 85_085 + cents }
            blackHole(Fixtures.frame(changing))
        }
    }

    let page = Fixtures.ordersPageJSON(count: 100)
    // As the client decodes an answer: a fresh decoder, then the envelope.
    Benchmark("decode orders page of 100") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try PortalJSON.decoder().decode(Envelope<OrdersPage>.self, from: page))
        }
    }

    let cache = QueryClient()
    let key = PortalQueryKeys.orders(page: 1, limit: 50)
    let cached = OrdersPage(orders: (0..<50).map(Fixtures.order))
    Benchmark("cache hit (fresh orders page)") { benchmark in
        await cache.setQueryData(key, cached)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try await cache.fetch(key, as: OrdersPage.self) { _ in throw CancellationError() })
        }
    }
}

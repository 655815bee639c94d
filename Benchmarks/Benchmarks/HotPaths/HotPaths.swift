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

import Foundation
import LeoraKit
import Synchronization

/// The query cache's clock moved by hand: stale times pass when a test says so, never by waiting.
/// Its sleeps (retries, collection) last until cancelled: time only moves through `advance`.
final class ManualQueryClock: QueryClock {
    private let current: Mutex<Date>

    init(now: Date = Fixtures.now) { current = Mutex(now) }

    var now: Date { current.withLock { $0 } }

    func advance(by duration: Duration) { current.withLock { $0 = $0.addingTimeInterval(duration / .seconds(1)) } }

    func sleep(until deadline: Date) async throws {
        while true { try await Task.sleep(for: .seconds(3600)) }
    }
}

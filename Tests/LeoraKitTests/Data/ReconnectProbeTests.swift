import Foundation
import Synchronization
import Testing

@testable import LeoraKit

/// The portal's return is noticed within 5 s however long it was gone (after starting offline
/// too): the probes are never further apart than that. Driven by a test clock: nothing sleeps.
@Suite struct ReconnectProbeTests {
    @Test func noProbeWaitsLongerThanFourSeconds() {
        #expect((0..<50).map(ReconnectProbe.delay(before:)).allSatisfy { $0 <= .seconds(4) })
        #expect(ReconnectProbe.delay(before: 0) == .seconds(1))
    }

    @Test(arguments: [10, 60, 600])
    func aReturnAfterAnOutageIsNoticedWithinFiveSeconds(outageSeconds: Int) async {
        let clock = QueryTestClock()
        let cache = QueryClient(clock: clock, retryPolicy: .never, isOnline: false)
        let reachable = Mutex(false)
        let probes = Mutex(0)
        let online = ReconnectProbe.watch(cache) {
            probes.withLock { $0 += 1 }
            return reachable.withLock { $0 }
        }
        let seen = Mutex<[Bool]>([])
        let watcher = Task { for await value in online { seen.withLock { $0.append(value) } } }
        defer { watcher.cancel() }

        // The portal is gone for the whole outage: every probe fails.
        let returns = clock.now.addingTimeInterval(TimeInterval(outageSeconds))
        while true {
            await clock.waitUntil { !$0.isEmpty }
            guard let next = clock.sleeperDeadlines.first, next <= returns else { break }
            clock.advance(by: .seconds(next.timeIntervalSince(clock.now)))
        }
        clock.advance(by: .seconds(returns.timeIntervalSince(clock.now)))
        #expect(await cache.isOnline == false)

        // It is back: the next probe finds it, no later than 5 s on.
        reachable.withLock { $0 = true }
        await clock.waitUntil { !$0.isEmpty }
        let next = clock.sleeperDeadlines.first ?? clock.now
        #expect(next.timeIntervalSince(returns) <= 5, "the next probe is \(next.timeIntervalSince(returns)) s after the portal's return")
        clock.advance(by: .seconds(max(0, next.timeIntervalSince(clock.now))))
        #expect(await queryEventually { await cache.isOnline })
        #expect(await queryEventually { seen.withLock { $0 } == [false, true] })
        #expect(probes.withLock { $0 } >= 2)
    }
}

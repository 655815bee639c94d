import LeoraKit
import Synchronization
import Testing

@testable import LeoraApp

/// The session restore started at start-up, beside the terminal's set-up: the app's first restore
/// gets what it found, without reading again (`SessionClient.live` reads anew after).
@Suite struct RestoreAheadTests {
    @Test func itIsStartedOnceAtConstructionAndTakenOnce() async {
        let reads = Mutex(0)
        let ahead = RestoreAhead {
            let read = reads.withLock { reads in
                reads += 1
                return reads
            }
            return .loggedOut(reason: "read \(read)")
        }
        // Started without being asked for: the read happens before anything takes it.
        let deadline = ContinuousClock.now + .seconds(60)
        while reads.withLock({ $0 }) == 0, ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(1)) }
        #expect(reads.withLock { $0 } == 1)
        let first = ahead.take()
        #expect(first != nil)
        #expect(await first?.value == .loggedOut(reason: "read 1"))
        #expect(ahead.take() == nil, "taken once")
        #expect(reads.withLock { $0 } == 1, "started once, at construction")
    }
}

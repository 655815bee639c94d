import Foundation
import Synchronization

/// A clock tests move by hand, for the server's injected `now`.
public final class ManualClock: Sendable {
    private let current: Mutex<Date>

    /// Starts at `start`, or at the current whole second (the server's clock has no fractions).
    public init(_ start: Date = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))) { current = Mutex(start) }

    public var now: Date { current.withLock { $0 } }

    public func advance(by seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }

    /// The closure `TestServer.start(clock:)` takes.
    public var reading: @Sendable () -> Date { { self.now } }
}

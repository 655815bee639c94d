#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Where the query cache gets its time from: wall-clock `now` (entries are persisted, so
/// their ages must survive a restart) and a way to wait.
///
/// Tests supply a clock they advance by hand, so stale times, gc, backoff and retries are
/// exercised without sleeping.
public protocol QueryClock: Sendable {
    /// The current time.
    var now: Date { get }
    /// Suspends until `deadline`; throws `CancellationError` when the task is cancelled.
    func sleep(until deadline: Date) async throws
    /// Suspends for `duration`; throws `CancellationError` when the task is cancelled.
    func sleep(for duration: Duration) async throws
}

extension QueryClock {
    public func sleep(for duration: Duration) async throws {
        try await sleep(until: now.adding(duration))
    }
}

/// The real clock: `Date()` and `Task.sleep`.
public struct LiveQueryClock: QueryClock {
    /// The longest single `Task.sleep`: a deadline further off (a server's `Retry-After` of
    /// `Int.max` seconds) is reached in steps of this, since one sleep that long overflows the
    /// clock's arithmetic and traps.
    static let longestSleep: TimeInterval = 86_400

    public init() {}

    public var now: Date { Date() }

    public func sleep(until deadline: Date) async throws {
        var interval = deadline.timeIntervalSince(Date())
        guard !interval.isNaN, interval > 0 else { return try Task.checkCancellation() }
        while interval > 0 {
            try await Task.sleep(for: .seconds(min(interval, Self.longestSleep)))
            interval = deadline.timeIntervalSince(Date())
        }
    }
}

extension Duration {
    /// The duration in seconds, as `Date` arithmetic wants it. Any duration converts: `components`
    /// would trap past `Int64.max` seconds (a `Retry-After` of `Int.max` with jitter added).
    var timeInterval: TimeInterval { self / .seconds(1) }
}

extension Date {
    /// This date moved forward by `duration`.
    func adding(_ duration: Duration) -> Date {
        addingTimeInterval(duration.timeInterval)
    }
}

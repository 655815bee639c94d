/// When and how long to wait before fetching again after a failure.
///
/// Exponential backoff with jitter: retry `n` (0-based) waits `base × 2ⁿ`, plus up to
/// `jitter` of that drawn from `random`, capped at `maxDelay`. A server's `retryAfter`
/// is honoured: the wait is never shorter than it (and may exceed the cap), up to a day.
public struct QueryRetryPolicy: Sendable {
    /// Retries after the first attempt (3: four attempts in all).
    public var maxRetries: Int
    public var baseDelay: Duration
    public var maxDelay: Duration
    /// The largest extra fraction of the backoff added as jitter (0.25: up to +25 %).
    public var jitter: Double
    /// A source of numbers in `0..<1`, injectable so tests are deterministic.
    public var random: @Sendable () -> Double

    public init(
        maxRetries: Int = 3, baseDelay: Duration = .seconds(1), maxDelay: Duration = .seconds(30),
        jitter: Double = 0.25, random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.maxRetries = maxRetries
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.jitter = jitter
        self.random = random
    }

    /// 3 retries, 1 s base, 30 s cap, up to 25 % jitter.
    public static var standard: QueryRetryPolicy { QueryRetryPolicy() }
    /// Never retry.
    public static var never: QueryRetryPolicy { QueryRetryPolicy(maxRetries: 0) }

    /// The longest `retryAfter` honoured, in seconds.
    static let longestRetryAfter: Double = 86_400

    /// Whether to try again after `error`, the `failureCount`-th failure of this fetch.
    public func shouldRetry(after error: any Error, failureCount: Int) -> Bool {
        guard failureCount <= maxRetries, !(error is CancellationError) else { return false }
        if let classified = error as? any RetryClassifiable { return classified.isRetryable }
        return true
    }

    /// The wait before retry number `retryIndex` (0 for the first retry).
    public func delay(retryIndex: Int, retryAfter: Duration? = nil) -> Duration {
        let base = baseDelay.timeInterval * Double(1 << min(retryIndex, 30))
        let capped = min(base, maxDelay.timeInterval)
        let jittered = min(capped + capped * jitter * random(), maxDelay.timeInterval)
        // A server's wait is honoured up to a day, so the `Duration` made of it stays in range.
        let seconds = max(jittered, min(retryAfter?.timeInterval ?? 0, Self.longestRetryAfter))
        return .seconds(seconds)
    }
}

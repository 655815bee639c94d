import Foundation
import LeoraKit
import PortalAPI

/// A read that failed and is being tried again, as a screen says it (rather than "Loading…" or an
/// empty list): `The server answered 502 HTTP_502 — trying again in 3 s (attempt 2 of 4)…`.
public struct RetryNotice: Sendable, Equatable {
    public var failure: LoadFailure
    /// The attempt that comes next: 2 after the first failed.
    public var nextAttempt: Int
    public var attempts: Int
    public var nextAttemptAt: Date

    public init(failure: LoadFailure, nextAttempt: Int, attempts: Int, nextAttemptAt: Date) {
        self.failure = failure
        self.nextAttempt = nextAttempt
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
    }

    public func text(now: Date) -> String {
        // The rate limiter's own message carries its Retry-After, which the countdown replaces.
        let reason = failure.code == ErrorCode.rateLimited.rawValue ? "The portal is busy (rate limited)" : failure.message
        let seconds = Int(min(1e9, max(0, nextAttemptAt.timeIntervalSince(now)).rounded(.up)))
        let when = seconds > 0 ? "trying again in \(seconds) s" : "trying again now"
        return "\(reason) — \(when) (attempt \(nextAttempt) of \(attempts))…"
    }

    /// The notices of the fetch of `key` in `cache`: one while it waits to retry, nil otherwise. Never
    /// ends by itself; the consumer stops reading when the read is over.
    static func notices<Value: Sendable & Codable>(_ cache: QueryClient, _ key: QueryKey, as type: Value.Type) -> AsyncStream<RetryNotice?> {
        let attempts = cache.maximumAttempts
        return AsyncStream { continuation in
            let task = Task {
                var last: RetryNotice??
                for await state in await cache.observe(key, as: Value.self) {
                    let notice = state.pendingRetry.map { retry in
                        RetryNotice(failure: LoadFailure(retry.error), nextAttempt: retry.failures + 1, attempts: attempts, nextAttemptAt: retry.nextAttemptAt)
                    }
                    if last != .some(notice) { continuation.yield(notice) }
                    last = .some(notice)
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A fetch that failed and waits to try again (a 429, a 502, a timeout): what the last attempt
/// answered, how many attempts failed, and when the next one starts. Screens say so instead of
/// "loading" or nothing.
public struct PendingRetry: Sendable {
    public var error: any Error
    /// Failed attempts so far (1 after the first).
    public var failures: Int
    public var nextAttemptAt: Date

    public init(error: any Error, failures: Int, nextAttemptAt: Date) {
        self.error = error
        self.failures = failures
        self.nextAttemptAt = nextAttemptAt
    }
}

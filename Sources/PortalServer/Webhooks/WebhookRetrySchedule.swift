import Foundation

/// Retries 1, 2, 4, 8 and 16 minutes after the previous attempt started: 6 attempts in all.
enum WebhookRetrySchedule {
    static let maximumAttempts = 6

    /// When to try again after `attempts` failed attempts, the last one started at `startedAt`; nil when it was the last.
    static func nextAttempt(after attempts: Int, startedAt: Date) -> Date? {
        guard attempts < maximumAttempts else { return nil }
        return startedAt.addingTimeInterval(TimeInterval(60 << (attempts - 1)))
    }
}

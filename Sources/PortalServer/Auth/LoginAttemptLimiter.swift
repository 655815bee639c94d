import Foundation

/// Counts failed logins per normalised email and client address, within a sliding window. In memory
/// (`LoginRateLimiter`) on SQLite, where one process is the whole service; in the database
/// (`PostgresLoginLimiter`) on PostgreSQL, so that every instance behind a load balancer counts the same attempts.
protocol LoginAttemptLimiter: Sendable {
    /// Reserves an attempt for the pair; `RATE_LIMITED` with the seconds to wait when it is over the limit.
    func reserve(email: String, address: String, now: Date) async throws -> LoginAttempt
    /// The attempt succeeded: the pair starts afresh.
    func succeeded(_ attempt: LoginAttempt) async
}

/// A reserved attempt: released on success, kept as a failure otherwise.
struct LoginAttempt: Sendable, Equatable {
    var email: String
    var address: String
    /// The stored attempt's id (PostgreSQL), empty in memory.
    var id: String
}

extension APIError {
    /// Too many failed logins for the pair; `wait` seconds until the oldest leaves the window.
    static func loginRateLimited(wait: TimeInterval) -> APIError {
        let rounded = wait.rounded(.up)
        let seconds = max(1, rounded < Double(Int32.max) ? Int(rounded) : Int(Int32.max))
        return APIError(.rateLimited, "Too many failed logins; try again in \(seconds) seconds", retryAfter: seconds)
    }
}

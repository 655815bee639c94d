import Foundation

/// The login limiter on PostgreSQL: failed logins are rows of `login_failures`, so every instance on the
/// database counts the same attempts (`CrossTenant.reserveLogin`). Expired rows are deleted as attempts
/// come, so the table holds at most the attempts of one window.
struct PostgresLoginLimiter: LoginAttemptLimiter {
    let pool: PostgresPool
    let window: TimeInterval
    let maxFailures: Int

    func reserve(email: String, address: String, now: Date) async throws -> LoginAttempt {
        switch try await CrossTenant.reserveLogin(email: email, address: address, now: now, window: window, maxFailures: maxFailures, in: pool) {
        case .reserved(let id):
            return LoginAttempt(email: email, address: address, id: id)
        case .limited(let oldest):
            throw APIError.loginRateLimited(wait: oldest.addingTimeInterval(window).timeIntervalSince(now))
        }
    }

    func succeeded(_ attempt: LoginAttempt) async {
        try? await CrossTenant.releaseLogins(email: attempt.email, address: attempt.address, in: pool)
    }
}

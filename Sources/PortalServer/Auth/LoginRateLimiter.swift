import Foundation

/// Failed logins per email and client address within a sliding window. Past the limit every attempt
/// for that pair is refused, right password or not, until the oldest failure leaves the window.
///
/// An attempt is reserved before the password is checked and counts as a failure unless it
/// succeeds, so a burst of concurrent guesses is cut at the limit rather than evaluated in full.
/// The store is bounded: expired entries are swept as it grows, and past `capacity` pairs the
/// least recently seen are dropped, so failed logins cannot grow the server's memory.
actor LoginRateLimiter: LoginAttemptLimiter {
    private let window: TimeInterval
    private let maxFailures: Int
    private let capacity: Int
    private var failures: [Key: [Date]] = [:]

    struct Key: Hashable, Sendable {
        var email: String
        var address: String
    }


    init(window: TimeInterval, maxFailures: Int, capacity: Int = 10_000) {
        self.window = window
        self.maxFailures = maxFailures
        self.capacity = max(1, capacity)
    }

    /// Reserves an attempt for the pair; `RATE_LIMITED` with the seconds to wait when it is over the limit.
    /// `email` is already normalised (`LoginEmail`).
    func reserve(email: String, address: String, now: Date) throws -> LoginAttempt {
        let key = Key(email: email, address: address)
        let recent = prune(key, now: now)
        if recent.count >= maxFailures, let oldest = recent.first {
            let wait = oldest.addingTimeInterval(window).timeIntervalSince(now).rounded(.up)
            let seconds = max(1, wait < Double(Int32.max) ? Int(wait) : Int(Int32.max))
            throw APIError(.rateLimited, "Too many failed logins; try again in \(seconds) seconds", retryAfter: seconds)
        }
        if failures[key] == nil, failures.count >= capacity { makeRoom(now: now) }
        failures[key, default: []].append(now)
        return LoginAttempt(email: email, address: address, id: "")
    }

    /// The attempt succeeded: the pair starts afresh.
    func succeeded(_ attempt: LoginAttempt) {
        failures[Key(email: attempt.email, address: attempt.address)] = nil
    }

    /// Pairs held now (for tests of the bound).
    var count: Int { failures.count }

    private func prune(_ key: Key, now: Date) -> [Date] {
        let recent = (failures[key] ?? []).filter { now.timeIntervalSince($0) < window }
        failures[key] = recent.isEmpty ? nil : recent
        return recent
    }

    /// Sweeps expired pairs; if every pair is still live, drops the least recently seen quarter.
    private func makeRoom(now: Date) {
        failures = failures.compactMapValues { dates in
            let recent = dates.filter { now.timeIntervalSince($0) < window }
            return recent.isEmpty ? nil : recent
        }
        guard failures.count >= capacity else { return }
        let byLastSeen = failures.sorted { ($0.value.last ?? .distantPast) < ($1.value.last ?? .distantPast) }
        for (key, _) in byLastSeen.prefix(max(1, capacity / 4)) { failures[key] = nil }
    }
}

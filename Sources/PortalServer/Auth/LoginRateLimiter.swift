import Foundation

/// Failed logins per email and client address within a sliding window. Past the limit every attempt
/// for that pair is refused, right password or not, until the oldest failure leaves the window.
actor LoginRateLimiter {
    private let window: TimeInterval
    private let maxFailures: Int
    private var failures: [Key: [Date]] = [:]

    private struct Key: Hashable {
        var email: String
        var address: String
    }

    init(window: TimeInterval, maxFailures: Int) {
        self.window = window
        self.maxFailures = maxFailures
    }

    /// `RATE_LIMITED` with the seconds to wait, when the pair is over the limit.
    func check(email: String, address: String, now: Date) throws {
        let key = Key(email: email.lowercased(), address: address)
        let recent = prune(key, now: now)
        guard recent.count >= maxFailures, let oldest = recent.first else { return }
        let wait = Int(oldest.addingTimeInterval(window).timeIntervalSince(now).rounded(.up))
        throw APIError(.rateLimited, "Too many failed logins; try again in \(max(1, wait)) seconds", retryAfter: max(1, wait))
    }

    func recordFailure(email: String, address: String, now: Date) {
        let key = Key(email: email.lowercased(), address: address)
        failures[key, default: []].append(now)
        _ = prune(key, now: now)
    }

    func clear(email: String, address: String) {
        failures[Key(email: email.lowercased(), address: address)] = nil
    }

    private func prune(_ key: Key, now: Date) -> [Date] {
        let recent = (failures[key] ?? []).filter { now.timeIntervalSince($0) < window }
        failures[key] = recent.isEmpty ? nil : recent
        return recent
    }
}

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// How often an offline client asks whether the portal is back: soon at first (1, 2, 4 s), then
/// every `longestDelay` for as long as it is gone, so its return is noticed within that however
/// long the outage lasted (a backoff to 15 s made it 25–30 s after starting offline).
public struct ReconnectProbe: Sendable {
    public static let firstDelay: Duration = .seconds(1)
    public static let longestDelay: Duration = .seconds(4)

    /// The wait before probe number `attempt` (0-based) of one outage.
    public static func delay(before attempt: Int) -> Duration {
        var delay = firstDelay
        for _ in 0..<min(attempt, 8) { delay = min(delay * 2, longestDelay) }
        return delay
    }

    /// Online or not, as the cache's state changes (the current state first). While offline it
    /// `probe`s on `cache`'s clock, `delay(before:)` apart, and sets the cache online as soon as a
    /// probe answers, which resumes the paused fetches. Ends when the consumer goes away.
    public static func watch(_ cache: QueryClient, probe: @escaping @Sendable () async -> Bool) -> AsyncStream<Bool> {
        AsyncStream { continuation in
            let task = Task {
                for await online in await cache.observeOnline() {
                    continuation.yield(online)
                    guard !online else { continue }
                    var attempt = 0
                    while !Task.isCancelled {
                        guard (try? await cache.clock.sleep(for: delay(before: attempt))) != nil else { break }
                        if await probe() {
                            await cache.setOnline(true)
                            break
                        }
                        attempt += 1
                    }
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}

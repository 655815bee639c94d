#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Runs one attempt of an operation that carries an `Idempotency-Key` (checkout, `POST /orders`,
/// cancel): the key is generated once and reused by every retry, so a lost response never makes
/// a second order. Retries transport failures, 5xx, 408 and 429 (honouring `Retry-After`).
public struct IdempotentRetry: Sendable {
    public var retries = 3
    public var baseDelay: Duration = .seconds(1)
    public var maximumDelay: Duration = .seconds(30)
    public var sleep: @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }

    public init() {}

    public func run<T: Sendable>(key: String = UUID().uuidString.lowercased(), _ attempt: @Sendable (String) async throws -> T) async throws -> T {
        var failures = 0
        while true {
            do {
                return try await attempt(key)
            } catch let error as PortalError where error.isRetryable && failures < retries {
                failures += 1
                let backoff = baseDelay * Int(1 << (failures - 1))
                let wait = error.retryAfterSeconds.map { Duration.seconds($0) } ?? min(backoff, maximumDelay)
                try await sleep(wait)
            }
        }
    }
}

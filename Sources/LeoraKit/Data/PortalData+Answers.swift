#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension PortalData {
    /// The answers to one read, for a screen that stays on show: the cached value at once (even
    /// when stale), then — when that started a background revalidation — the fresh value if it
    /// differs, or the revalidation's error (the screen keeps showing what it has). `key` must be
    /// the key `read` uses. Cancelling the consumer cancels the wait, not the shared fetch.
    public func answers<Value: Sendable & Codable & Equatable>(
        _ key: QueryKey, _ read: @escaping @Sendable (PortalData) async throws -> Value
    ) -> AsyncThrowingStream<Value, any Error> {
        let serving = PortalData(session: session, cache: cache, whenStale: .serveAndRevalidate)
        let cache = self.cache
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    let asked = cache.clock.now
                    let first = try await read(serving)
                    continuation.yield(first)
                    await cache.waitForFetch(key)
                    try Task.checkCancellation()
                    if let state = await cache.state(of: key, as: Value.self) {
                        if let error = state.error, let failedAt = state.errorUpdatedAt, failedAt >= asked {
                            throw error
                        }
                        if let latest = state.data, latest != first { continuation.yield(latest) }
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}

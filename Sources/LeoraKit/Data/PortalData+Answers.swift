#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Synchronization

extension PortalData {
    /// The answers to one read, for a screen that stays on show: the cached value at once (even
    /// when stale), then — when that started a background revalidation — the fresh value if it
    /// differs or is newer (a `304`), or the revalidation's error (the screen keeps showing what it
    /// has). Offline, the cached value (if any) and then an offline error, instead of waiting for
    /// the connection to come back. Each answer says when the portal gave it. `key` must be the key
    /// `read` uses. Cancelling the consumer cancels the wait, not the shared fetch.
    public func answers<Value: Sendable & Codable & Equatable>(
        _ key: QueryKey, _ read: @escaping @Sendable (PortalData) async throws -> Value
    ) -> AsyncThrowingStream<Answer<Value>, any Error> {
        let serving = PortalData(session: session, cache: cache, whenStale: .serveAndRevalidate)
        let cache = self.cache
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    guard await cache.isOnline else {
                        if let cached = await cache.state(of: key, as: Value.self), let value = cached.data {
                            continuation.yield(Answer(value, updatedAt: cached.dataUpdatedAt))
                        }
                        throw PortalError.offline
                    }
                    let asked = cache.clock.now
                    let first = try await serving.unlessOffline { try await read(serving) }
                    let firstUpdatedAt = await cache.state(of: key, as: Value.self)?.dataUpdatedAt
                    continuation.yield(Answer(first, updatedAt: firstUpdatedAt))
                    try await serving.unlessOffline { await cache.waitForFetch(key) }
                    if let state = await cache.state(of: key, as: Value.self) {
                        if let error = state.error, let failedAt = state.errorUpdatedAt, failedAt >= asked {
                            throw error
                        }
                        if let latest = state.data, latest != first || state.dataUpdatedAt != firstUpdatedAt {
                            continuation.yield(Answer(latest, updatedAt: state.dataUpdatedAt))
                        }
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// `operation`'s result, or `PortalError.offline` as soon as the cache goes offline (its
    /// fetches then pause until the connection is back, which a screen must not wait for). A
    /// waiting `operation` is left to finish when its paused fetch does; cancelling the caller
    /// answers `CancellationError` at once.
    func unlessOffline<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        let cache = self.cache
        let race = FirstAnswer<T>()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                race.start(continuation)
                race.add(Task {
                    do { race.answer(.success(try await operation())) } catch { race.answer(.failure(error)) }
                })
                race.add(Task {
                    for await online in await cache.observeOnline() where !online {
                        race.answer(.failure(PortalError.offline))
                        return
                    }
                })
            }
        } onCancel: {
            race.answer(.failure(CancellationError()))
        }
    }

    /// Online or not, as it changes (the current state first). While offline it asks the portal's
    /// health every few seconds (`ReconnectProbe`) and goes online again as soon as it answers,
    /// which resumes the paused fetches.
    public func connectivity() -> AsyncStream<Bool> {
        let client = session.client
        return ReconnectProbe.watch(cache) { await Self.isReachable(client) }
    }

    /// Whether the portal answers at all (any HTTP answer counts).
    static func isReachable(_ client: PortalClient) async -> Bool {
        do {
            _ = try await client.health()
            return true
        } catch {
            return !error.isOffline
        }
    }
}

/// The first of several racing answers resumes the waiting caller; the racers are then cancelled.
final class FirstAnswer<T: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<T, any Error>?
        var early: Result<T, any Error>?
        var done = false
        var tasks: [Task<Void, Never>] = []
    }
    private let state = Mutex(State())

    func start(_ continuation: CheckedContinuation<T, any Error>) {
        let early: Result<T, any Error>? = state.withLock { state in
            if let early = state.early { return early }
            state.continuation = continuation
            return nil
        }
        if let early { continuation.resume(with: early) }
    }

    func add(_ task: Task<Void, Never>) {
        let cancel = state.withLock { state in
            state.tasks.append(task)
            return state.done
        }
        if cancel { task.cancel() }
    }

    func answer(_ result: Result<T, any Error>) {
        let (continuation, tasks): (CheckedContinuation<T, any Error>?, [Task<Void, Never>]) = state.withLock { state in
            guard !state.done else { return (nil, []) }
            state.done = true
            guard let continuation = state.continuation else {
                state.early = result
                return (nil, state.tasks)
            }
            state.continuation = nil
            return (continuation, state.tasks)
        }
        continuation?.resume(with: result)
        tasks.forEach { $0.cancel() }
    }
}

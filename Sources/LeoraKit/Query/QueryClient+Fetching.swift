#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Running fetches: de-duplication, retries with backoff, pausing while offline, and
/// applying or dropping results.
extension QueryClient {
    /// Starts a fetch for `key` unless one is running or there is no fetcher.
    func startFetchIfNeeded(_ key: QueryKey) {
        guard var entry = entries[key], entry.inFlight == nil, let fetcher = entry.fetcher else { return }
        let id = makeIdentifier()
        let task = Task { await self.runFetch(key: key, id: id, fetcher: fetcher) }
        entry.inFlight = InFlightFetch(id: id, task: task, startEpoch: entry.mutationEpoch)
        entry.fetchStatus = isOnline ? .fetching : .paused
        entry.failureCount = 0
        entry.pendingRetry = nil
        entries[key] = entry
        notify(key)
    }

    /// Joins (or starts) the fetch for `key` and returns its data.
    func awaitFetch<Value: Sendable & Codable>(_ key: QueryKey, as type: Value.Type) async throws -> Value {
        while true {
            startFetchIfNeeded(key)
            guard let inFlight = entries[key]?.inFlight else { throw QueryClientError.cancelled(key) }
            entries[key]?.inFlight?.joiners += 1
            let result = await inFlight.task.value
            if entries[key]?.inFlight?.id == inFlight.id { entries[key]?.inFlight?.joiners -= 1 }
            switch result {
            case .success:
                if let value = typedValue(key, as: Value.self) { return value }
                throw QueryClientError.cancelled(key)
            case .failure(let error):
                throw error
            case .dropped:
                if let value = typedValue(key, as: Value.self) { return value }
                throw QueryClientError.superseded(key)
            case .cancelled:
                // Restarted by an invalidation: join the new fetch.
                if entries[key]?.inFlight != nil { continue }
                if let value = typedValue(key, as: Value.self) { return value }
                throw QueryClientError.cancelled(key)
            }
        }
    }

    /// Cancels the fetch running for `key`, if any; the entry keeps its data.
    func cancelFetch(_ key: QueryKey) {
        guard var entry = entries[key], let inFlight = entry.inFlight else { return }
        inFlight.task.cancel()
        onlineWaiters.removeValue(forKey: inFlight.id)?.resume()
        entry.inFlight = nil
        entry.fetchStatus = .idle
        entry.pendingRetry = nil
        entries[key] = entry
    }

    func isCurrent(_ key: QueryKey, _ id: UInt64) -> Bool {
        entries[key]?.inFlight?.id == id && !Task.isCancelled
    }

    func setFetchStatus(_ status: FetchStatus, key: QueryKey, id: UInt64) {
        guard isCurrent(key, id), entries[key]?.fetchStatus != status else { return }
        entries[key]?.fetchStatus = status
        notify(key)
    }

    func waitUntilOnline(fetchID: UInt64) async {
        guard !isOnline else { return }
        await withCheckedContinuation { continuation in
            onlineWaiters[fetchID] = continuation
        }
    }

    /// The retry loop of one fetch. Runs on the actor; the fetcher and the clock's sleep
    /// run off it.
    func runFetch(key: QueryKey, id: UInt64, fetcher: @escaping QueryFetcher<StoredValue>) async -> FetchResult {
        var failures = 0
        while true {
            if !isOnline {
                setFetchStatus(.paused, key: key, id: id)
                await waitUntilOnline(fetchID: id)
                guard isCurrent(key, id) else { return .cancelled }
            }
            setFetchStatus(.fetching, key: key, id: id)
            let hasData = entries[key]?.displayed != nil
            let context = FetchContext(key: key, etag: hasData ? entries[key]?.etag : nil, attempt: failures)
            do {
                let outcome = try await fetcher(context)
                guard isCurrent(key, id) else { return .cancelled }
                return apply(outcome, key: key)
            } catch {
                guard isCurrent(key, id), !(error is CancellationError) else {
                    if isCurrent(key, id) { cancelFetch(key); notify(key) }
                    return .cancelled
                }
                if let classified = error as? any RetryClassifiable, classified.isOffline {
                    entries[key]?.pendingRetry = nil
                    setOnline(false)
                    continue
                }
                failures += 1
                entries[key]?.failureCount = failures
                guard retryPolicy.shouldRetry(after: error, failureCount: failures) else {
                    return fail(error, key: key)
                }
                let retryAfter = (error as? any RetryClassifiable)?.retryAfter
                let delay = retryPolicy.delay(retryIndex: failures - 1, retryAfter: retryAfter)
                let nextAttempt = clock.now.adding(delay)
                entries[key]?.pendingRetry = PendingRetry(error: error, failures: failures, nextAttemptAt: nextAttempt)
                notify(key)
                do {
                    try await clock.sleep(until: nextAttempt)
                } catch {
                    return .cancelled
                }
                guard isCurrent(key, id) else { return .cancelled }
            }
        }
    }

    /// Ends the current fetch and records its outcome, unless a mutation touched the key
    /// after the fetch began (then the result is dropped).
    func apply(_ outcome: FetchOutcome<StoredValue>, key: QueryKey) -> FetchResult {
        guard var entry = entries[key], let inFlight = entry.inFlight else { return .cancelled }
        entry.inFlight = nil
        entry.fetchStatus = .idle
        entry.pendingRetry = nil
        let now = clock.now
        if entry.observers.isEmpty { entry.gcDeadline = now.adding(entry.options.gcTime) }
        defer { scheduleSweeper() }
        if entry.mutationEpoch != inFlight.startEpoch || entry.activeMutations > 0 {
            entries[key] = entry
            notify(key)
            return .dropped
        }
        switch outcome {
        case .modified(let value, let etag, let staleAt):
            entry.confirmed = value
            entry.recomputeDisplayed()
            entry.etag = etag
            entry.staleOverride = staleAt
        case .notModified:
            guard entry.confirmed != nil else {
                entry.etag = nil
                entries[key] = entry
                return fail(QueryClientError.notModifiedWithoutCachedValue(key), key: key)
            }
        }
        entry.dataUpdatedAt = now
        entry.staleAt = entry.staleOverride ?? now.adding(entry.options.staleTime)
        entry.isInvalidated = false
        entry.error = nil
        entry.errorUpdatedAt = nil
        entry.failureCount = 0
        entry.lastUsed = makeIdentifier()
        entries[key] = entry
        trimFamily(of: key)
        notify(key)
        return .success
    }

    func fail(_ error: any Error, key: QueryKey) -> FetchResult {
        guard var entry = entries[key] else { return .failure(error) }
        entry.inFlight = nil
        entry.fetchStatus = .idle
        entry.pendingRetry = nil
        entry.error = error
        entry.errorUpdatedAt = clock.now
        if entry.observers.isEmpty { entry.gcDeadline = clock.now.adding(entry.options.gcTime) }
        entries[key] = entry
        notify(key)
        scheduleSweeper()
        return .failure(error)
    }
}

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The query cache, modelled on TanStack Query v5.
///
/// - `fetch` serves fresh data at once; stale data is served at once too and refetched in
///   the background (stale-while-revalidate); concurrent fetches of one key share one
///   request; failures are retried with backoff (`QueryRetryPolicy`); while offline, fetches
///   pause and resume on `setOnline(true)`.
/// - `observe` streams a key's `QueryState` on every change; entries nobody observes are
///   collected after their gc time.
/// - `invalidate(prefix)` marks entries stale and refetches the observed ones.
/// - `mutate` applies optimistic changes, rolls back only its own on failure, and
///   invalidates what it lists; mutations sharing a scope run serially.
///
/// Values are stored type-erased; every typed method takes `Value: Sendable & Codable`.
/// Fetchers are caller-supplied closures, so the cache does no I/O of its own.
public actor QueryClient {
    let clock: any QueryClock
    let retryPolicy: QueryRetryPolicy
    /// Whether fetches may run. Set by the caller, and set to false by a fetch whose
    /// error says the server could not be reached.
    public private(set) var isOnline: Bool

    var entries: [QueryKey: QueryEntry] = [:]
    var nextIdentifier: UInt64 = 0
    var onlineWaiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
    var onlineObservers: [UInt64: AsyncStream<Bool>.Continuation] = [:]
    var changeObservers: [UInt64: AsyncStream<Void>.Continuation] = [:]
    var invalidationObservers: [UInt64: AsyncStream<QueryKey>.Continuation] = [:]
    var scopeQueues: [MutationScope: ScopeQueue] = [:]
    var sweeper: (task: Task<Void, Never>, deadline: Date)?
    /// Bumped by `clear()`: a mutation that started before settles without touching the cache, so
    /// nothing from before a logout lands after it.
    var generation: UInt64 = 0

    /// Idle entries a family of keys keeps (pages of one list, details of one resource) before the
    /// least recently used go: enough for a pane's window of pages and a walk back, never a whole book.
    public let idleLimit: Int

    /// The idle entries a family keeps by default: as many pages as the orders pane's window (8), so
    /// a long walk through a list holds no more pages than a walk through 16 of them (B4: 24 idle
    /// pages kept a 100,000-order walk 4 MB above a 1,000-order one).
    public static let defaultIdleLimit = 8

    /// Attempts a fetch makes before it fails: the first and the policy's retries.
    public nonisolated var maximumAttempts: Int { retryPolicy.maxRetries + 1 }

    public init(
        clock: any QueryClock = LiveQueryClock(), retryPolicy: QueryRetryPolicy = .standard, isOnline: Bool = true, idleLimit: Int = QueryClient.defaultIdleLimit
    ) {
        precondition(idleLimit > 0, "a family keeps at least one idle entry")
        self.clock = clock
        self.retryPolicy = retryPolicy
        self.isOnline = isOnline
        self.idleLimit = idleLimit
    }

    // MARK: Reading

    /// What `fetch` does with cached data that is stale.
    public enum StalePolicy: Sendable {
        /// Answer it at once and refetch in the background (stale-while-revalidate).
        case serveAndRevalidate
        /// Wait for the refetch (TanStack's `fetchQuery`): for a caller that needs the latest.
        case waitForFresh
    }

    /// Returns the data for `key`: at once when fresh; when stale as `whenStale` says; otherwise
    /// after fetching it (joining a fetch already running for the key).
    ///
    /// `options` defaults to the class of the key's resource (`QueryOptions.forKey`).
    /// Cancelling the calling task does not cancel a shared fetch; use `cancel(_:)`.
    public func fetch<Value: Sendable & Codable>(
        _ key: QueryKey, as type: Value.Type = Value.self, options: QueryOptions? = nil,
        whenStale: StalePolicy = .serveAndRevalidate, fetcher: @escaping QueryFetcher<Value>
    ) async throws -> Value {
        prepareEntry(key, options: options, fetcher: erase(fetcher))
        if let value = typedValue(key, as: Value.self) {
            guard entries[key]?.isStale(at: clock.now) == true else { return value }
            if whenStale == .serveAndRevalidate {
                startFetchIfNeeded(key)
                return value
            }
        }
        return try await awaitFetch(key, as: Value.self)
    }

    /// Fetches `key` ahead of need when it is missing or stale (products after login).
    /// Never throws; a failure is recorded on the entry.
    public func prefetch<Value: Sendable & Codable>(
        _ key: QueryKey, as type: Value.Type = Value.self, options: QueryOptions? = nil,
        fetcher: @escaping QueryFetcher<Value>
    ) async {
        _ = try? await fetch(key, as: type, options: options, fetcher: fetcher)
    }

    /// Streams `key`'s state: the current state at once, then every change. With a
    /// `fetcher`, the key is fetched now when missing or stale, and refetched on
    /// invalidation. The observation ends when the stream's consumer goes away.
    public func observe<Value: Sendable & Codable>(
        _ key: QueryKey, as type: Value.Type = Value.self, options: QueryOptions? = nil,
        fetcher: QueryFetcher<Value>? = nil
    ) -> AsyncStream<QueryState<Value>> {
        prepareEntry(key, options: options, fetcher: fetcher.map(erase))
        let (stream, continuation) = AsyncStream.makeStream(of: QueryState<Value>.self)
        let id = makeIdentifier()
        entries[key]?.observers[id] = ObserverSink(
            deliver: { continuation.yield($0.typed(Value.self)) }, finish: { continuation.finish() })
        entries[key]?.gcDeadline = nil
        continuation.onTermination = { [weak self] _ in
            Task { await self?.removeObserver(id, from: key) }
        }
        if let entry = entries[key] { continuation.yield(entry.snapshot(at: clock.now).typed(Value.self)) }
        if fetcher != nil, entries[key]?.isStale(at: clock.now) == true { startFetchIfNeeded(key) }
        scheduleSweeper()
        return stream
    }

    /// The data shown for `key` (optimistic changes included), or nil.
    public func getQueryData<Value: Sendable & Codable>(_ key: QueryKey, as type: Value.Type = Value.self) -> Value? {
        typedValue(key, as: Value.self)
    }

    /// The current state of `key`, as an observer would see it.
    public func state<Value: Sendable & Codable>(of key: QueryKey, as type: Value.Type = Value.self) -> QueryState<Value>? {
        entries[key]?.snapshot(at: clock.now).typed(Value.self)
    }

    /// The keys cached now, matching `prefix` when given.
    public func keys(matching prefix: QueryKey = []) -> [QueryKey] {
        entries.keys.filter { $0.hasPrefix(prefix) }
    }

    // MARK: Writing

    /// Writes `value` as the confirmed data for `key`, fresh from now (or until `staleAt`).
    /// Fetches already running for the key will not overwrite it.
    public func setQueryData<Value: Sendable & Codable>(
        _ key: QueryKey, _ value: Value, etag: String? = nil, staleAt: Date? = nil
    ) {
        prepareEntry(key, options: nil, fetcher: nil)
        write(.decoded(value), to: key, etag: etag, staleAt: staleAt)
    }

    /// Replaces the confirmed data for `key` with `transform`'s result (nil leaves it).
    public func setQueryData<Value: Sendable & Codable>(
        _ key: QueryKey, as type: Value.Type = Value.self, _ transform: (Value?) -> Value?
    ) {
        prepareEntry(key, options: nil, fetcher: nil)
        guard let next = transform(entries[key]?.confirmed?.value(as: Value.self)) else { return }
        write(.decoded(next), to: key, etag: nil, staleAt: nil)
    }

    /// Marks every entry under `prefix` stale; observed ones (and ones being fetched) are
    /// refetched, restarting fetches that began before the invalidation. `observeInvalidations`
    /// hears of it, so a screen reading the prefix can read it again.
    public func invalidate(_ prefix: QueryKey) {
        invalidationObservers.values.forEach { $0.yield(prefix) }
        for key in keys(matching: prefix) {
            guard var entry = entries[key] else { continue }
            entry.isInvalidated = true
            entries[key] = entry
            let shouldRefetch = !entry.observers.isEmpty || entry.inFlight != nil
            if shouldRefetch {
                cancelFetch(key)
                startFetchIfNeeded(key)
            }
            notify(key)
        }
    }

    /// Cancels running fetches under `prefix`; their entries keep their data.
    public func cancel(_ prefix: QueryKey) {
        for key in keys(matching: prefix) where entries[key]?.inFlight != nil {
            cancelFetch(key)
            notify(key)
        }
    }

    /// Forgets entries under `prefix` (evicted pages), cancelling their fetches and ending
    /// their observers' streams.
    public func remove(_ prefix: QueryKey) {
        for key in keys(matching: prefix) {
            cancelFetch(key)
            entries.removeValue(forKey: key)?.observers.values.forEach { $0.finish() }
        }
        scheduleSweeper()
    }

    /// Forgets everything (logout), including what mutations still in flight would write.
    public func clear() {
        generation += 1
        remove([])
    }

    /// Waits for the fetch running for `key`, if any, to finish (including its retries).
    public func waitForFetch(_ key: QueryKey) async {
        while let inFlight = entries[key]?.inFlight {
            _ = await inFlight.task.value
            if entries[key]?.inFlight?.id == inFlight.id { return }
        }
    }

    // MARK: Online

    /// Sets whether the network is reachable. Going online resumes paused fetches.
    public func setOnline(_ online: Bool) {
        guard online != isOnline else { return }
        isOnline = online
        onlineObservers.values.forEach { $0.yield(online) }
        guard online else { return }
        let waiters = onlineWaiters
        onlineWaiters.removeAll()
        waiters.values.forEach { $0.resume() }
    }

    /// Yields whenever any entry changes (coalesced: a slow consumer sees one change, not a
    /// backlog), for writing the cache to disk.
    public func observeChanges() -> AsyncStream<Void> {
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let id = makeIdentifier()
        changeObservers[id] = continuation
        continuation.onTermination = { [weak self] _ in
            Task { await self?.removeChangeObserver(id) }
        }
        return stream
    }

    /// Streams the prefix of every `invalidate` from now on (a mutation's, or a refresh), for screens
    /// that read rather than observe: the one on show reads again (TanStack's active queries).
    public func observeInvalidations() -> AsyncStream<QueryKey> {
        let (stream, continuation) = AsyncStream.makeStream(of: QueryKey.self)
        let id = makeIdentifier()
        invalidationObservers[id] = continuation
        continuation.onTermination = { [weak self] _ in
            Task { await self?.removeInvalidationObserver(id) }
        }
        return stream
    }

    func removeInvalidationObserver(_ id: UInt64) {
        invalidationObservers[id] = nil
    }

    func removeChangeObserver(_ id: UInt64) {
        changeObservers[id] = nil
    }

    /// Streams the online state: the current one at once, then every change.
    public func observeOnline() -> AsyncStream<Bool> {
        let (stream, continuation) = AsyncStream.makeStream(of: Bool.self)
        let id = makeIdentifier()
        onlineObservers[id] = continuation
        continuation.onTermination = { [weak self] _ in
            Task { await self?.removeOnlineObserver(id) }
        }
        continuation.yield(isOnline)
        return stream
    }

    // MARK: Internals

    func makeIdentifier() -> UInt64 {
        nextIdentifier += 1
        return nextIdentifier
    }

    func erase<Value: Sendable & Codable>(_ fetcher: @escaping QueryFetcher<Value>) -> QueryFetcher<StoredValue> {
        { context in
            switch try await fetcher(context) {
            case .modified(let value, let etag, let staleAt): .modified(.decoded(value), etag: etag, staleAt: staleAt)
            case .notModified: .notModified
            }
        }
    }

    /// Creates the entry when missing and records the latest options and fetcher.
    func prepareEntry(_ key: QueryKey, options: QueryOptions?, fetcher: QueryFetcher<StoredValue>?) {
        var entry = entries[key] ?? QueryEntry(options: options ?? .forKey(key))
        if let options { entry.options = options }
        if let fetcher { entry.fetcher = fetcher }
        if entry.observers.isEmpty { entry.gcDeadline = clock.now.adding(entry.options.gcTime) }
        entry.lastUsed = makeIdentifier()
        entries[key] = entry
        trimFamily(of: key)
        scheduleSweeper()
    }

    /// The shown value decoded as `Value`; raw restored data is decoded once and kept decoded.
    func typedValue<Value: Sendable & Codable>(_ key: QueryKey, as type: Value.Type) -> Value? {
        guard var entry = entries[key], let displayed = entry.displayed else { return nil }
        guard let value = displayed.value(as: Value.self) else { return nil }
        if case .raw = displayed, entry.layers.isEmpty {
            entry.confirmed = .decoded(value)
            entry.displayed = entry.confirmed
        }
        entry.lastUsed = makeIdentifier()
        entries[key] = entry
        return value
    }

    func write(_ value: StoredValue, to key: QueryKey, etag: String?, staleAt: Date?, notifying: Bool = true) {
        guard var entry = entries[key] else { return }
        let now = clock.now
        entry.confirmed = value
        entry.recomputeDisplayed()
        entry.etag = etag
        entry.dataUpdatedAt = now
        entry.staleOverride = staleAt
        entry.staleAt = staleAt ?? now.adding(entry.options.staleTime)
        entry.isInvalidated = false
        entry.error = nil
        entry.mutationEpoch += 1
        entry.lastUsed = makeIdentifier()
        entries[key] = entry
        trimFamily(of: key)
        if notifying { notify(key) }
    }

    func notify(_ key: QueryKey) {
        for observer in changeObservers.values { observer.yield() }
        if entries[key] != nil { entries[key]?.revision = makeIdentifier() }
        guard let entry = entries[key], !entry.observers.isEmpty else { return }
        let snapshot = entry.snapshot(at: clock.now)
        for observer in entry.observers.values { observer.deliver(snapshot) }
    }

    func removeObserver(_ id: UInt64, from key: QueryKey) {
        guard var entry = entries[key], entry.observers.removeValue(forKey: id) != nil else { return }
        if entry.observers.isEmpty { entry.gcDeadline = clock.now.adding(entry.options.gcTime) }
        entry.lastUsed = makeIdentifier()
        entries[key] = entry
        trimFamily(of: key)
        scheduleSweeper()
    }

    func removeOnlineObserver(_ id: UInt64) {
        onlineObservers[id] = nil
    }
}

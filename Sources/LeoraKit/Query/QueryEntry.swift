#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Everything the client keeps for one key. Internal to `QueryClient`.
struct QueryEntry {
    /// The last value the server (or `setQueryData`) gave, without optimistic changes.
    var confirmed: StoredValue?
    /// Optimistic changes of mutations in flight, oldest first.
    var layers: [OptimisticLayer] = []
    /// `confirmed` with `layers` applied: what readers see.
    var displayed: StoredValue?
    var etag: String?
    var dataUpdatedAt: Date?
    var staleAt: Date?
    /// A stale deadline that came with the data (the briefing's `expiresAt`); kept across `304`s.
    var staleOverride: Date?
    var isInvalidated = false
    var error: (any Error)?
    var errorUpdatedAt: Date?
    var failureCount = 0
    /// Set while the running fetch waits to try again.
    var pendingRetry: PendingRetry?
    var fetchStatus: FetchStatus = .idle
    var options: QueryOptions
    /// The last fetcher used for this key, so invalidation can refetch it.
    var fetcher: QueryFetcher<StoredValue>?
    var observers: [UInt64: ObserverSink] = [:]
    var inFlight: InFlightFetch?
    /// Bumped by every mutation start and direct write: fetches that began under an older
    /// epoch are dropped (SWR's rule).
    var mutationEpoch: UInt64 = 0
    var activeMutations = 0
    /// Set (from the client's one counter, so it only grows) every time observers are told of a change.
    var revision: UInt64 = 0
    /// When the entry may be collected; nil while observed.
    var gcDeadline: Date?
    /// When the entry was last read or written (the client's one counter): the least recent idle
    /// entries of a family go first (`QueryClient.trimFamily`).
    var lastUsed: UInt64 = 0

    init(options: QueryOptions) {
        self.options = options
    }

    func isStale(at now: Date) -> Bool {
        guard displayed != nil, !isInvalidated, let staleAt else { return true }
        return now >= staleAt
    }

    mutating func recomputeDisplayed() {
        displayed = layers.reduce(confirmed) { value, layer in layer.apply(value) }
    }

    func snapshot(at now: Date) -> ErasedQueryState {
        ErasedQueryState(
            value: displayed, dataUpdatedAt: dataUpdatedAt, error: error, errorUpdatedAt: errorUpdatedAt,
            failureCount: failureCount, pendingRetry: pendingRetry, fetchStatus: fetchStatus, isStale: isStale(at: now),
            pendingMutations: activeMutations,
            revision: revision)
    }
}

struct OptimisticLayer {
    let mutationID: UInt64
    let apply: @Sendable (StoredValue?) -> StoredValue?
}

struct InFlightFetch {
    let id: UInt64
    let task: Task<FetchResult, Never>
    let startEpoch: UInt64
    var joiners = 0
}

enum FetchResult: Sendable {
    case success
    case failure(any Error)
    case cancelled
    case dropped
}

struct ObserverSink {
    let deliver: @Sendable (ErasedQueryState) -> Void
    let finish: @Sendable () -> Void
}

struct ErasedQueryState: Sendable {
    var value: StoredValue?
    var dataUpdatedAt: Date?
    var error: (any Error)?
    var errorUpdatedAt: Date?
    var failureCount: Int
    var pendingRetry: PendingRetry?
    var fetchStatus: FetchStatus
    var isStale: Bool
    var pendingMutations: Int
    var revision: UInt64

    func typed<Value: Sendable & Decodable>(_ type: Value.Type) -> QueryState<Value> {
        QueryState(
            data: value?.value(as: Value.self), dataUpdatedAt: dataUpdatedAt, error: error,
            errorUpdatedAt: errorUpdatedAt, failureCount: failureCount, pendingRetry: pendingRetry, fetchStatus: fetchStatus,
            isStale: isStale,
            pendingMutations: pendingMutations, revision: revision)
    }
}

struct ScopeQueue {
    var busy = false
    var waiters: [CheckedContinuation<Void, Never>] = []
}

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Whether a query is talking to the network right now.
public enum FetchStatus: String, Sendable, Hashable, Codable {
    /// No fetch is running.
    case idle
    /// A fetch (or a retry of one) is running.
    case fetching
    /// A fetch wants to run but the client is offline; it resumes on reconnect.
    case paused
}

/// Whether a query has data to show.
public enum QueryStatus: String, Sendable, Hashable, Codable {
    /// No data and no error yet.
    case pending
    /// The last fetch failed and there is no data.
    case error
    /// There is data (possibly stale, possibly alongside a newer error).
    case success
}

/// What an observer of a query sees: the data, the last error and the fetch status.
public struct QueryState<Value: Sendable>: Sendable {
    /// The data to show: the last confirmed value with any optimistic changes applied.
    public var data: Value?
    /// When the confirmed data was last fetched or refreshed by a `304`.
    public var dataUpdatedAt: Date?
    /// The error of the last failed fetch, cleared by the next success.
    public var error: (any Error)?
    public var errorUpdatedAt: Date?
    /// Failed attempts of the current or last fetch.
    public var failureCount: Int
    /// Why and until when the running fetch waits to try again; nil when it is not waiting.
    public var pendingRetry: PendingRetry?
    public var fetchStatus: FetchStatus
    /// Whether the data is past its stale deadline or was invalidated.
    public var isStale: Bool
    /// Mutations whose optimistic changes `data` includes, not settled yet (TanStack's `useIsMutating`).
    public var pendingMutations: Int
    /// Grows with every change of the entry: of two states of one key that arrived by different
    /// paths (an observation, a read after a mutation), the larger is the newer.
    public var revision: UInt64

    public init(
        data: Value? = nil, dataUpdatedAt: Date? = nil, error: (any Error)? = nil, errorUpdatedAt: Date? = nil,
        failureCount: Int = 0, pendingRetry: PendingRetry? = nil, fetchStatus: FetchStatus = .idle, isStale: Bool = true,
        pendingMutations: Int = 0, revision: UInt64 = 0
    ) {
        self.data = data
        self.dataUpdatedAt = dataUpdatedAt
        self.error = error
        self.errorUpdatedAt = errorUpdatedAt
        self.failureCount = failureCount
        self.pendingRetry = pendingRetry
        self.fetchStatus = fetchStatus
        self.isStale = isStale
        self.pendingMutations = pendingMutations
        self.revision = revision
    }

    public var status: QueryStatus {
        if data != nil { return .success }
        return error == nil ? .pending : .error
    }

    public var isFetching: Bool { fetchStatus == .fetching }
}
